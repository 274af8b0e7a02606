"""Rendering: `Comparison` → every report format, through one registry.

`REPORT_FORMATS` is the one table of report formats: each `ReportFormat`
knows its name, its file extensions, its file name in a batch folder, whether
it is binary and how to render.  The command line's ``--format`` choices, the
extension that picks a format from ``-o``, and batch file names all come from
it.  Adding a format is one renderer, one entry here and one test (see
CONTRIBUTING.md).

JSON is built from the `Comparison` itself (`export.to_json`); the other
formats from the `ReportContext` (`context.build_context`), built once per
comparison however many formats are asked for.

Templates live in the project's top-level ``report_templates/`` folder; the
wheel carries them as ``compare/report_templates`` (hatchling
``force-include``).  `templates_dir` is the one place that knows both.

HTML templates autoescape and every undefined variable is an error.  The PDF
is WeasyPrint's rendering of the HTML report with the print stylesheet; its
URL fetcher refuses every URL, so nothing an article says can make it read a
file or reach the network (the report is self-contained and needs nothing).

Jinja2 and WeasyPrint are imported only when a format needs them, so a JSON
report starts without either.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import RenderError

if TYPE_CHECKING:
    import jinja2

    from .context import ReportContext
    from .model import Comparison, SetComparison
    from .set_context import SetReportContext

MARKDOWN_LIMIT = 60_000


def templates_dir() -> Path:
    """The folder of report templates, in an installed wheel or in a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "report_templates", here.parent / "report_templates"):
        if (candidate / "report.html.j2").is_file():
            return candidate
    raise RenderError("report templates are missing; reinstall article-compare")


@functools.lru_cache(maxsize=2)
def environment(markdown: bool = False) -> jinja2.Environment:
    """The Jinja2 environment: autoescape on for HTML, undefined variables are errors.

    One environment per kind, kept for the life of the process, so templates
    are compiled once (in a batch, compiling took half of each pair's time).
    With `markdown`, autoescape is off: Markdown is not HTML, and the md_*
    filters escape instead.  In HTML every value a template prints has its
    control characters shown (`context.visible_controls`, as ``finalize``), so
    none reaches the file raw; the ``control_pieces`` filter lets a template
    show them in their own style.
    """
    import jinja2

    from .context import control_pieces

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        autoescape=False
        if markdown
        else jinja2.select_autoescape(
            enabled_extensions=("html", "html.j2", "svg.j2"), default_for_string=True, default=True
        ),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=None if markdown else _shown,
    )
    env.filters["control_pieces"] = control_pieces
    env.filters["md_cell"] = markdown_cell
    env.filters["md_text"] = markdown_text
    env.filters["css_string"] = css_string
    env.filters["status_word"] = status_word
    return env


def _shown(value: Any) -> Any:
    """A value an HTML template prints, its control characters shown; markup (a macro's output) is left alone."""
    import markupsafe

    from .context import visible_controls

    if isinstance(value, str) and not isinstance(value, markupsafe.Markup):
        return visible_controls(value)
    return value


def css_string(value: Any) -> str:
    r"""The body of a CSS string literal showing `value` as plain text (for ``content: "…"``).

    Quotes, backslashes, line breaks and the characters HTML escaping would
    turn into entities (which CSS shows literally, in a ``<style>`` element)
    become CSS hex escapes, so the result passes autoescaping unchanged.  Each
    escape ends with the space CSS consumes as its terminator, so a space
    after it in `value` survives.

    >>> print(css_string('AT&T\'s "News" & Co'))
    AT\26 T\27 s \22 News\22  \26  Co
    """
    text = " ".join(str(value).split())
    return "".join(f"\\{ord(char):x} " if char in _CSS_UNSAFE or ord(char) < 0x20 else char for char in text)


_CSS_UNSAFE = frozenset("\\\"'<>&")


def status_word(status: str) -> str:
    """How the index and ``summary.md`` name a batch record's `status`: a cached pair is "unchanged"."""
    return STATUS_WORDS.get(status, status)


#: Batch statuses shown in other words: "skipped" reads as if the pair had not been looked at.
STATUS_WORDS = {"skipped": "unchanged"}


def markdown_cell(value: Any) -> str:
    """Make `value` safe inside a Markdown table cell: one line, pipes and markup escaped."""
    return markdown_text(value).replace("|", "\\|")


def markdown_text(value: Any) -> str:
    r"""Make `value` plain text in Markdown: one line, no HTML, no markup characters, no control characters.

    The Markdown goes to CI logs and terminals, so control and bidi characters
    are shown (`context.visible_controls`), never passed on.

    >>> print(markdown_text("a *b*\x1b[31m\u202e"))
    a \*b\*␛\[31m‹U+202E›
    """
    from .context import visible_controls

    text = " ".join(str(value).split())
    for char in "\\`*_[]<>#!~":  # "~" too: the variants table marks deletions with ~~
        text = text.replace(char, "\\" + char)
    return visible_controls(text, bidi=True)


@dataclass(frozen=True)
class RenderJob:
    """One comparison to render, with the settings of its reports; the report context is built on first use."""

    comparison: Comparison
    generated_at: str | None = None  # else SOURCE_DATE_EPOCH, else now
    paper: str = "A4"

    @functools.cached_property
    def context(self) -> ReportContext:
        """The report context of `comparison`, built once however many formats use it."""
        from .context import build_context, generated_at_from

        return build_context(
            self.comparison, generated_at=generated_at_from(self.generated_at, dict(os.environ)), paper=self.paper
        )


@dataclass(frozen=True)
class SetRenderJob:
    """One set comparison to render, with the settings of its reports; its context is built on first use."""

    comparison: SetComparison
    generated_at: str | None = None
    paper: str = "A4"

    @functools.cached_property
    def context(self) -> SetReportContext:
        """The report context of `comparison`, built once however many formats use it."""
        from .context import generated_at_from
        from .set_context import build_set_context

        return build_set_context(
            self.comparison, generated_at=generated_at_from(self.generated_at, dict(os.environ)), paper=self.paper
        )


@dataclass(frozen=True)
class ReportFormat:
    """A report format: its name, how files of it are named, and how to render it."""

    name: str
    extensions: tuple[str, ...]  # the first is the one batch files and examples use
    batch_file: str  # its file name in a batch pair's folder
    binary: bool  # bytes (PDF) rather than UTF-8 text; binary formats cannot go to standard output
    render: Callable[[RenderJob], str | bytes]
    render_set: Callable[[SetRenderJob], str | bytes] | None = None  # the same format for a set of articles


def render_comparison(
    comparison: Comparison, fmt: str, *, generated_at: str | None = None, paper: str = "A4"
) -> str | bytes:
    """Render `comparison` as `fmt` (a name in `REPORT_FORMATS`); a binary format comes as bytes.

    `generated_at` fixes the report's timestamp (else SOURCE_DATE_EPOCH, else now).
    """
    return render_formats(comparison, (fmt,), generated_at=generated_at, paper=paper)[fmt]


def render_formats(
    comparison: Comparison, formats: Sequence[str], *, generated_at: str | None = None, paper: str = "A4"
) -> dict[str, str | bytes]:
    """Render `comparison` in each of `formats`, building the report context once."""
    _check_formats(formats)
    job = RenderJob(comparison, generated_at, paper)
    return {fmt: REPORT_FORMATS[fmt].render(job) for fmt in formats}


def render_set(
    comparison: SetComparison, fmt: str, *, generated_at: str | None = None, paper: str = "A4"
) -> str | bytes:
    """Render the set `comparison` as `fmt` (a name in `REPORT_FORMATS`); a binary format comes as bytes."""
    return render_set_formats(comparison, (fmt,), generated_at=generated_at, paper=paper)[fmt]


def render_set_formats(
    comparison: SetComparison, formats: Sequence[str], *, generated_at: str | None = None, paper: str = "A4"
) -> dict[str, str | bytes]:
    """Render the set `comparison` in each of `formats`, building the report context once."""
    _check_formats(formats, for_set=True)
    job = SetRenderJob(comparison, generated_at, paper)
    return {fmt: REPORT_FORMATS[fmt].render_set(job) for fmt in formats}  # type: ignore[misc]


def _check_formats(formats: Sequence[str], *, for_set: bool = False) -> None:
    """Refuse a format `REPORT_FORMATS` lacks, or (`for_set`) one without a report for a set."""
    unknown = [fmt for fmt in formats if fmt not in REPORT_FORMATS]
    if unknown:
        raise RenderError(f"unknown format {unknown[0]!r}; choose from {', '.join(REPORT_FORMATS)}")
    lacking = [fmt for fmt in formats if for_set and REPORT_FORMATS[fmt].render_set is None]
    if lacking:
        raise RenderError(f"the {lacking[0]} format has no report for a set of articles; choose another")


def render_html(context: ReportContext) -> str:
    """The self-contained HTML report."""
    return _render("report.html.j2", context, medium="screen")


def render_markdown(context: ReportContext) -> str:
    """The compact Markdown summary, cut with a note when over `MARKDOWN_LIMIT` characters."""
    return _markdown("report.md.j2", context)


def _markdown(name: str, context: ReportContext | SetReportContext) -> str:
    """Markdown template `name` rendered with `context`, cut with a note when over `MARKDOWN_LIMIT` characters;
    errors become RenderError."""
    import jinja2

    try:
        text = environment(markdown=True).get_template(name).render(**context.as_dict())
    except jinja2.TemplateError as error:
        raise RenderError(f"template {name} failed: {error}") from error
    if len(text) > MARKDOWN_LIMIT:
        note = "\n\n*This summary was cut at 60,000 characters; the HTML or JSON report has everything.*\n"
        text = text[: MARKDOWN_LIMIT - len(note)].rsplit("\n", 1)[0] + note
    return text


# The print edition's budget: how many items of each list a PDF lays out.  WeasyPrint's time and memory grow
# with the boxes it lays out (5,000 paragraphs took 67 s and 2 GB); past these the PDF says how many it shows
# and that the HTML and JSON reports hold them all.  A long real pair stays well inside them.
MAX_PRINT_ROWS = 400
MAX_PRINT_ITEMS = 300


def print_edition(context: ReportContext) -> ReportContext:
    """`context` cut to the print budget (`MAX_PRINT_ROWS` side-by-side rows, `MAX_PRINT_ITEMS` of each list).

    The counts in headings stay whole; `print_note` says what was left out.
    """
    cut: list[str] = []
    first = functools.partial(_first, cut=cut)
    facts = {
        side: first(found, MAX_PRINT_ITEMS, f"passages only in {side.upper()}") for side, found in context.facts.items()
    }
    trimmed = replace(
        context,
        facts=facts,
        changes=first(context.changes, MAX_PRINT_ITEMS, "changes"),
        reworded=first(context.reworded, MAX_PRINT_ITEMS, "sentences said in other words"),
        quotes=first(context.quotes, MAX_PRINT_ITEMS, "quotes"),
        rows=first(context.rows, MAX_PRINT_ROWS, "side-by-side rows"),
        redline=first(context.redline, MAX_PRINT_ROWS, "redline paragraphs"),
        map_blocks=first(context.map_blocks, MAX_PRINT_ROWS * 2, "blocks of the coverage map"),
        named_in_both=first(context.named_in_both, MAX_PRINT_ITEMS, "names both carry"),
    )
    return replace(trimmed, print_note=_print_note(cut))


def _first(items: list[Any], limit: int, what: str, *, cut: list[str]) -> list[Any]:
    """The first `limit` of `items`; when that leaves some out, a phrase saying so (of `what`) joins `cut`."""
    if len(items) > limit:
        cut.append(f"the first {limit:,} of {len(items):,} {what}")
    return items[:limit]


def _print_note(cut: list[str]) -> str:
    """What a print edition says it left out (`cut`, from `_first`), or nothing."""
    return f"This PDF shows {', '.join(cut)}; the HTML and JSON reports hold them all." if cut else ""


def render_pdf(context: ReportContext) -> bytes:
    """The PDF report, laid out for paper by WeasyPrint (the `print_edition` of `context`)."""
    return _pdf_of(_render("report.html.j2", print_edition(context), medium="print"))


def _pdf_of(html: str) -> bytes:
    """The PDF WeasyPrint lays out from a report's `html`, loading nothing from outside it."""
    try:
        import weasyprint  # heavy: imported only when a PDF is asked for
    except ImportError as error:  # pragma: no cover - depends on the machine
        raise RenderError(f"PDF needs WeasyPrint and Pango: {error}; install them or choose --format html") from None
    document = weasyprint.HTML(string=with_break_points(html), base_url=None, url_fetcher=refusing_fetcher())
    pdf: bytes = document.write_pdf(pdf_variant="pdf/ua-1", uncompressed_pdf=False)
    return pdf


# Markup: a tag, or a <style> or <script> element whole (the text between is the report's).
MARKUP_OR_TEXT_RE = re.compile(r"(<(style|script)\b.*?</\2\s*>|<[^>]*>)", re.DOTALL | re.IGNORECASE)
# A word longer than this in a PDF gets a break point every this many characters.
PDF_BREAK_EVERY = 40
LONG_WORD_RE = re.compile(rf"[^\s<>]{{{PDF_BREAK_EVERY + 1},}}")
ZERO_WIDTH_SPACE = "\u200b"


def with_break_points(html: str) -> str:
    """`html` with a zero-width space every `PDF_BREAK_EVERY` characters of each longer word of its text (not of
    its tags, styles or scripts): WeasyPrint wraps a word with no break point in time quadratic in its length
    (20 KB: 30 s), and these let it wrap as a browser does with ``overflow-wrap: anywhere``.

    >>> with_break_points('<a href="' + "u" * 50 + '">' + "w" * 45 + "</a>") == (
    ...     '<a href="' + "u" * 50 + '">' + "w" * 40 + "\u200b" + "w" * 5 + "</a>"
    ... )
    True
    """
    pieces = []
    position = 0
    for markup in MARKUP_OR_TEXT_RE.finditer(html):
        pieces += [_broken(html[position : markup.start()]), markup.group()]
        position = markup.end()
    pieces.append(_broken(html[position:]))
    return "".join(pieces)


def _broken(text: str) -> str:
    """`text` with a zero-width space every `PDF_BREAK_EVERY` characters of each word longer than that."""
    return LONG_WORD_RE.sub(
        lambda m: ZERO_WIDTH_SPACE.join(
            m.group()[i : i + PDF_BREAK_EVERY] for i in range(0, len(m.group()), PDF_BREAK_EVERY)
        ),
        text,
    )


def refuse_url(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """Fetch nothing: reports embed everything they need, so every URL is refused."""
    raise ValueError(f"article-compare reports load no external resources (refused {url[:80]!r})")


def refusing_fetcher() -> Any:
    """A WeasyPrint URL fetcher that refuses every URL, for the installed WeasyPrint.

    WeasyPrint before 68 takes a plain function.  Later versions expect a
    `weasyprint.urls.URLFetcher` (they read its private ``_fail_on_errors``),
    and a plain function there crashes the rendering with an AttributeError
    instead of skipping the resource, so subclass it and override ``fetch``.
    """
    from weasyprint import urls

    base = getattr(urls, "URLFetcher", None)
    if base is None:  # pragma: no cover - depends on the installed WeasyPrint
        return refuse_url

    class RefusingFetcher(base):  # type: ignore[misc, valid-type]
        """Refuses every URL; the refusal is a warning to WeasyPrint, and the resource is left out."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            """Refuse `url` whatever the `headers`: reports load no external resources."""
            return refuse_url(url)

    return RefusingFetcher(allowed_protocols=(), fail_on_errors=False)


def script_hash(name: str = "report.js") -> str:
    """The CSP source naming the report's inline script (template `name`) by the SHA-256 of its exact text.

    The HTML report includes `name` alone between ``<script>`` and
    ``</script>``, so this is the hash the browser computes: the report's
    script runs and no other inline script does (no ``'unsafe-inline'``).  A
    hash rather than a nonce keeps reports byte-identical.
    """
    text = environment().get_template(name).render()
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def _render(name: str, context: ReportContext | SetReportContext, *, medium: str, script: str = "report.js") -> str:
    """Render template `name` with `context` for `medium` ("screen" or "print"), its inline `script` allowed by
    hash; errors become RenderError."""
    import jinja2

    try:
        template = environment().get_template(name)
        return template.render(**context.as_dict(), medium=medium, script_hash=script_hash(script))
    except jinja2.TemplateError as error:
        raise RenderError(f"template {name} failed: {error}") from error


def _json_report(job: RenderJob) -> str:
    """The JSON contract of `job`'s comparison."""
    from .export import to_json

    return to_json(job.comparison)


def _markdown_report(job: RenderJob) -> str:
    """The Markdown summary of `job`."""
    return render_markdown(job.context)


def _html_report(job: RenderJob) -> str:
    """The HTML report of `job`."""
    return render_html(job.context)


def _pdf_report(job: RenderJob) -> bytes:
    """The PDF report of `job`."""
    return render_pdf(job.context)


def _set_json_report(job: SetRenderJob) -> str:
    """The set contract of `job`'s comparison."""
    from .export import set_to_json

    return set_to_json(job.comparison)


def _set_markdown_report(job: SetRenderJob) -> str:
    """The Markdown summary of a set: its figures and the fact-by-outlet matrix, cut for CI logs."""
    return _markdown("set_report.md.j2", job.context)


def _set_html_report(job: SetRenderJob) -> str:
    """The HTML report of a set."""
    return _render("set_report.html.j2", job.context, medium="screen", script="set_report.js")


def _set_pdf_report(job: SetRenderJob) -> bytes:
    """The PDF report of a set: the summary and matrix first, then each outlet's exclusives."""
    edition = set_print_edition(job.context)
    return _pdf_of(_render("set_report.html.j2", edition, medium="print", script="set_report.js"))


def set_print_edition(context: SetReportContext) -> SetReportContext:
    """`context` cut to the print budget: `MAX_PRINT_ROWS` rows of the matrix and `MAX_PRINT_ITEMS` of each
    outlet's exclusives, the quotes, changes and names; the counts in headings stay whole and `print_note` says
    what was left out."""
    cut: list[str] = []
    first = functools.partial(_first, cut=cut)
    trimmed = replace(
        context,
        facts=first(context.facts, MAX_PRINT_ROWS, "rows of the matrix"),
        exclusives=[
            outlet | {"facts": first(outlet["facts"], MAX_PRINT_ITEMS, f"facts only {outlet['label']} carries")}
            for outlet in context.exclusives
        ],
        quotes=first(context.quotes, MAX_PRINT_ITEMS, "quotes"),
        changes=first(context.changes, MAX_PRINT_ITEMS, "disagreements"),
        entities=first(context.entities, MAX_PRINT_ITEMS, "names"),
    )
    return replace(trimmed, print_note=_print_note(cut))


#: Every report format, in the order help texts and messages list them.
REPORT_FORMATS: dict[str, ReportFormat] = {
    fmt.name: fmt
    for fmt in (
        ReportFormat("html", (".html", ".htm"), "report.html", False, _html_report, _set_html_report),
        ReportFormat("pdf", (".pdf",), "report.pdf", True, _pdf_report, _set_pdf_report),
        ReportFormat("md", (".md", ".markdown"), "report.md", False, _markdown_report, _set_markdown_report),
        ReportFormat("json", (".json",), "comparison.json", False, _json_report, _set_json_report),
    )
}


def format_for_extension(suffix: str) -> str | None:
    """The name of the report format whose files end in `suffix` (``".htm"`` → ``"html"``), or None."""
    for fmt in REPORT_FORMATS.values():
        if suffix.lower() in fmt.extensions:
            return fmt.name
    return None

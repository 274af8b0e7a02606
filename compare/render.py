"""Rendering: `ReportContext` → HTML, Markdown or PDF; `Comparison` → JSON.

Templates live in the project's top-level ``report_templates/`` folder; the
wheel carries them as ``compare/report_templates`` (hatchling
``force-include``).  `templates_dir` is the one place that knows both.

HTML templates autoescape and every undefined variable is an error.  The PDF
is WeasyPrint's rendering of the HTML report with the print stylesheet; its
URL fetcher refuses every URL, so nothing an article says can make it read a
file or reach the network (the report is self-contained and needs nothing).
"""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jinja2

from .context import ReportContext
from .errors import RenderError
from .model import Comparison

FORMATS = ("html", "pdf", "md", "json")
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
    filters escape instead.
    """
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
    )
    env.filters["md_cell"] = markdown_cell
    env.filters["md_text"] = markdown_text
    env.filters["css_string"] = css_string
    return env


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


def markdown_cell(value: Any) -> str:
    """Make `value` safe inside a Markdown table cell: one line, pipes and markup escaped."""
    return markdown_text(value).replace("|", "\\|")


def markdown_text(value: Any) -> str:
    """Make `value` plain text in Markdown: one line, no HTML, no markup characters."""
    text = " ".join(str(value).split())
    for char in "\\`*_[]<>#!~":  # "~" too: the variants table marks deletions with ~~
        text = text.replace(char, "\\" + char)
    return text


def render_comparison(
    comparison: Comparison, fmt: str, *, generated_at: str | None = None, paper: str = "A4"
) -> str | bytes:
    """Render `comparison` as `fmt` ("json", "md", "html" or "pdf"); PDF comes as bytes.

    `generated_at` fixes the report's timestamp (else SOURCE_DATE_EPOCH, else now).
    """
    return render_formats(comparison, (fmt,), generated_at=generated_at, paper=paper)[fmt]


def render_formats(
    comparison: Comparison, formats: Sequence[str], *, generated_at: str | None = None, paper: str = "A4"
) -> dict[str, str | bytes]:
    """Render `comparison` in each of `formats`, building the report context once."""
    from .context import build_context, generated_at_from
    from .export import to_json

    unknown = [fmt for fmt in formats if fmt not in FORMATS]
    if unknown:
        raise RenderError(f"unknown format {unknown[0]!r}; choose from {', '.join(FORMATS)}")
    rendered: dict[str, str | bytes] = {}
    context = None
    for fmt in formats:
        if fmt == "json":
            rendered[fmt] = to_json(comparison)
            continue
        if context is None:
            context = build_context(
                comparison, generated_at=generated_at_from(generated_at, dict(os.environ)), paper=paper
            )
        if fmt == "md":
            rendered[fmt] = render_markdown(context)
        elif fmt == "html":
            rendered[fmt] = render_html(context)
        else:
            rendered[fmt] = render_pdf(context)
    return rendered


def render_html(context: ReportContext) -> str:
    """The self-contained HTML report."""
    return _render("report.html.j2", context, medium="screen")


def render_markdown(context: ReportContext) -> str:
    """The compact Markdown summary, cut with a note when over `MARKDOWN_LIMIT` characters."""
    env = environment(markdown=True)
    text = env.get_template("report.md.j2").render(**context.as_dict())
    if len(text) > MARKDOWN_LIMIT:
        note = "\n\n*This summary was cut at 60,000 characters; the HTML or JSON report has everything.*\n"
        text = text[: MARKDOWN_LIMIT - len(note)].rsplit("\n", 1)[0] + note
    return text


def render_pdf(context: ReportContext) -> bytes:
    """The PDF report, laid out for paper by WeasyPrint."""
    html = _render("report.html.j2", context, medium="print")
    try:
        import weasyprint  # heavy: imported only when a PDF is asked for
    except ImportError as error:  # pragma: no cover - depends on the machine
        raise RenderError(f"PDF needs WeasyPrint and Pango: {error}; install them or choose --format html") from None
    document = weasyprint.HTML(string=html, base_url=None, url_fetcher=refusing_fetcher())
    pdf: bytes = document.write_pdf(pdf_variant="pdf/ua-1", uncompressed_pdf=False)
    return pdf


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


def _render(name: str, context: ReportContext, *, medium: str) -> str:
    """Render template `name` with `context` for `medium` ("screen" or "print"); errors become RenderError."""
    try:
        template = environment().get_template(name)
        return template.render(**context.as_dict(), medium=medium)
    except jinja2.TemplateError as error:
        raise RenderError(f"template {name} failed: {error}") from error


def write_atomically(path: str | os.PathLike[str], data: bytes | str) -> None:
    """Write `data` to `path` through a temporary file renamed into place.

    A reader never sees a half-written report: either the old file or the
    complete new one.
    """
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except OSError as error:
        _remove_quietly(temporary)
        reason = error.strerror or error.__class__.__name__
        raise RenderError(
            f"cannot write the report ({reason}); check the folder exists and is writable", source=str(path)
        ) from None
    except BaseException:
        _remove_quietly(temporary)
        raise


def _remove_quietly(path: Path) -> None:
    """Remove `path` if it is there; a cleanup failure must not hide the error being reported."""
    # unlink(missing_ok=True) still raises when a parent is a file (NotADirectoryError).
    with contextlib.suppress(OSError):
        path.unlink()

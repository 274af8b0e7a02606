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

import os
from pathlib import Path
from typing import Any

import jinja2

from .context import ReportContext
from .errors import RenderError

FORMATS = ("html", "pdf", "md", "json")
MARKDOWN_LIMIT = 60_000


def templates_dir() -> Path:
    """The folder of report templates, in an installed wheel or in a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "report_templates", here.parent / "report_templates"):
        if (candidate / "report.html.j2").is_file():
            return candidate
    raise RenderError("report templates are missing; reinstall article-compare")


def environment() -> jinja2.Environment:
    """The Jinja2 environment: autoescape on for HTML, undefined variables are errors."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2", "svg.j2"),
                                            default_for_string=True, default=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md_cell"] = markdown_cell
    env.filters["md_text"] = markdown_text
    return env


def markdown_cell(value: Any) -> str:
    """Make `value` safe inside a Markdown table cell: one line, pipes and markup escaped."""
    return markdown_text(value).replace("|", "\\|")


def markdown_text(value: Any) -> str:
    """Make `value` plain text in Markdown: one line, no HTML, no markup characters."""
    text = " ".join(str(value).split())
    for char in "\\`*_[]<>#!":
        text = text.replace(char, "\\" + char)
    return text


def render_html(context: ReportContext) -> str:
    """The self-contained HTML report."""
    return _render("report.html.j2", context, medium="screen")


def render_markdown(context: ReportContext) -> str:
    """The compact Markdown summary, cut with a note when over `MARKDOWN_LIMIT` characters."""
    env = environment()
    env.autoescape = False  # Markdown is not HTML; the md_* filters escape instead
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
    document = weasyprint.HTML(string=html, base_url=None, url_fetcher=refuse_url)
    pdf: bytes = document.write_pdf(pdf_variant="pdf/ua-1", uncompressed_pdf=False)
    return pdf


def refuse_url(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """WeasyPrint URL fetcher that fetches nothing: reports embed everything they need."""
    raise ValueError(f"article-compare reports load no external resources (refused {url[:80]!r})")


def _render(name: str, context: ReportContext, *, medium: str) -> str:
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
        temporary.unlink(missing_ok=True)
        reason = error.strerror or error.__class__.__name__
        raise RenderError(f"cannot write the report ({reason}); check the folder exists and is writable",
                          source=str(path)) from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise

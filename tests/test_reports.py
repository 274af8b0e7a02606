"""Tests of the Markdown, HTML and PDF reports, and of where their templates come from.

PDFs are checked through poppler's tools (pdftotext, pdffonts, pdfinfo),
never by their bytes.  The seed PDF is rendered once per session by the
`seed_pdf` fixture; the hostile-article PDF once per module.
"""

from __future__ import annotations

import dataclasses
import html.parser
import os
import re
import shutil
import subprocess
import sys
import textwrap
import zipfile
from dataclasses import replace
from html import escape
from pathlib import Path
from typing import Any

import jinja2
import markupsafe
import pytest
from conftest import FIXED_TIME, ROOT, SEED_A, SEED_B, article_from_text

from compare.cli import main
from compare.context import ReportContext, SentenceView, build_context, semantic_line, summary_sentence
from compare.errors import OK
from compare.load import load_bytes
from compare.model import CompareOptions, SemanticInfo
from compare.pipeline import compare_loaded
from compare.render import (
    MARKDOWN_LIMIT,
    PDF_BREAK_EVERY,
    ZERO_WIDTH_SPACE,
    environment,
    markdown_cell,
    markdown_text,
    refuse_url,
    refusing_fetcher,
    render_html,
    render_markdown,
    templates_dir,
    with_break_points,
)

CUT_NOTE = "This summary was cut at 60,000 characters"
BENIGN_B = (
    "Bridge plan goes to the council\n\n"
    "The mayor said on Tuesday that the bridge plan would go to the council next month.\n\n"
    "Jim Mattis was not involved in the bridge plan, officials in Brussels said."
)


def squash(text: str) -> str:
    """`text` with every run of white space made one space."""
    return " ".join(text.split())


def poppler(tool: str, *args: str | Path) -> str:
    """Run poppler's `tool` and return its output; skip when poppler-utils is missing."""
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} not found: install poppler-utils to check PDF reports")
    result = subprocess.run([tool, *map(str, args)], capture_output=True, text=True, timeout=60, check=True)
    return result.stdout


@pytest.fixture(scope="module")
def seed_context(seed_comparison: Any) -> ReportContext:
    return build_context(seed_comparison, generated_at=FIXED_TIME)


@pytest.fixture(scope="module")
def seed_markdown(seed_context: ReportContext) -> str:
    return render_markdown(seed_context)


@pytest.fixture(scope="module")
def seed_html(seed_context: ReportContext) -> str:
    return render_html(seed_context)


# -- Markdown -----------------------------------------------------------------------------


def markdown_section(markdown: str, heading_start: str) -> str:
    """The text of the ``###`` section whose heading starts with `heading_start`."""
    match = re.search(rf"^### {re.escape(heading_start)}.*?(?=^### |^<sub>|\Z)", markdown, re.M | re.S)
    assert match, heading_start
    return match.group()


def unmark(text: str) -> str:
    """Markdown table text without the variant markers and escapes."""
    return text.replace("~~", "").replace("**", "").replace("\\", "")


def test_markdown_opens_with_the_labels_and_the_summary(seed_markdown: str, seed_context: ReportContext) -> None:
    heading, summary, *_ = seed_markdown.split("\n\n")
    assert heading == "## The Irish Times vs The Independent"
    assert unmark(summary) == seed_context.summary
    assert seed_context.summary.startswith("The Irish Times carries ")
    assert "The Independent carries " in seed_context.summary


def test_markdown_has_both_only_in_sections(seed_markdown: str, seed_comparison: Any) -> None:
    for side, label in (("a", "The Irish Times"), ("b", "The Independent")):
        facts = seed_comparison.facts_on(side)
        assert facts, side
        section = markdown_section(seed_markdown, f"Only in {label} ({len(facts)})")
        rows = [line for line in section.splitlines() if re.match(r"^\| \d+ \|", line)]
        assert len(rows) == len(facts)
    # B carries Stoltenberg's remarks, which A lacks.
    assert "Stoltenberg" in markdown_section(seed_markdown, "Only in The Independent")
    assert "Stoltenberg" not in markdown_section(seed_markdown, "Only in The Irish Times")


def test_markdown_quote_variants_table_shows_both_wordings(seed_markdown: str) -> None:
    section = markdown_section(seed_markdown, "Quotes worded differently")
    rows = {
        line.split("|")[1].strip(): unmark(line)
        for line in section.splitlines()
        if line.startswith("| ") and not line.startswith("| Speaker")
    }
    assert {"Vladimir Putin", "Jim Mattis"} <= set(rows)
    putin_a, putin_b = rows["Vladimir Putin"].split("|")[2:4]
    assert "all relevant governments and international groups" in putin_a
    assert "all relevant government departments and international groups" in putin_b
    mattis_a, mattis_b = rows["Jim Mattis"].split("|")[2:4]
    assert "they have either interfered" in mattis_a
    assert "Russia has interfered" in mattis_b
    # The changed words are marked: struck on A's side, bold on B's.
    assert "~~" in section and "**" in section


def test_markdown_stays_under_the_limit(seed_markdown: str) -> None:
    assert len(seed_markdown) < MARKDOWN_LIMIT == 60_000
    assert CUT_NOTE not in seed_markdown
    assert seed_markdown.rstrip().endswith("</sub>")
    assert FIXED_TIME in seed_markdown


def huge_article(side: str, paragraphs: int) -> str:
    """An article of `paragraphs` distinct paragraphs that the other side never shares."""
    body = "\n\n".join(
        f"Inspector{side}{i} Quillon{side}{i} reported that quarry{side}{i} near Ashmoor{side}{i} closed after "
        f"survey{side}{i} found cracks in the wall of the old mill on Tuesday."
        for i in range(paragraphs)
    )
    return f"Huge report {side}\n\n{body}"


def test_markdown_of_a_huge_comparison_is_cut_with_a_note() -> None:
    # Words alone: the paraphrase model would find the two templated articles say the same (and they do, but
    # for their names); this test is about cutting a long report.
    comparison = compare_loaded(
        load_bytes(huge_article("x", 320).encode(), source="x.txt"),
        load_bytes(huge_article("y", 320).encode(), source="y.txt"),
        options=CompareOptions(semantic=False),
    )
    markdown = render_markdown(build_context(comparison, generated_at=FIXED_TIME))
    assert len(markdown) <= MARKDOWN_LIMIT
    assert markdown.count(CUT_NOTE) == 1
    assert markdown.rstrip().endswith("the HTML or JSON report has everything.*")
    # Cut between lines: every table row before the note is whole.
    rows = [line for line in markdown.splitlines() if line.startswith("| ")]
    assert rows and all(line.endswith("|") for line in rows)


def test_markdown_escapes_labels_in_tables(seed_comparison: Any) -> None:
    context = build_context(seed_comparison, generated_at=FIXED_TIME)
    hostile = {**context.sides, "a": {**context.sides["a"], "label": "Pipe | *Bold* <b>x</b> ~~gone~~"}}
    markdown = render_markdown(ReportContext(**{**context.as_dict(), "sides": hostile}))
    header = next(line for line in markdown.splitlines() if line.startswith("| | "))
    assert len(re.findall(r"(?<!\\)\|", header)) == 4  # still three columns
    assert "<b>" not in markdown
    assert "~~gone~~" not in markdown
    assert markdown_cell("a|b") == "a\\|b"


# -- HTML ---------------------------------------------------------------------------------

HOSTILE = (
    "Council <script>alert(1)</script> vote {{ 7*7 }}\n\n"
    "The mayor said <script>alert(1)</script> in a statement on Tuesday about the bridge plan.\n\n"
    'Another paragraph has {{ 7*7 }} and {% if true %}yes{% endif %} and <img src="file://{canary}"> '
    "in the body text today.\n\n"
    'Readers saw <a href="javascript:alert(2)">javascript:alert(2)</a> beside the news about the bridge.\n\n'
    'A picture <img src="http://127.0.0.1:{port}/x.png"> and <link rel="stylesheet" '
    'href="http://127.0.0.1:{port}/s.css"> were shown by Jim Mattis at a summit in Brussels.\n\n'
    "A style <style>@import url(http://127.0.0.1:{port}/i.css);</style> sat in a paragraph about rates."
)
HOSTILE_LABEL = 'O\'Brien & Sons <Daily> "Wire"'


@pytest.fixture(scope="module")
def hostile_inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A hostile article (A), a benign one (B) and a canary file the hostile one points at."""
    folder = tmp_path_factory.mktemp("hostile")
    canary = folder / "secret.canary"
    canary.write_text("CANARY-7f3a9c-SECRET\n")
    import socket

    with socket.socket() as sock:  # a loopback port; the PDF test listens on its own
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    a = folder / "hostile.txt"
    b = folder / "benign.txt"
    b.write_text(BENIGN_B, encoding="utf-8")
    return {"folder": folder, "canary": canary, "a": a, "b": b, "port": port}


def write_hostile(inputs: dict[str, Any], port: int) -> None:
    text = HOSTILE.replace("{canary}", str(inputs["canary"])).replace("{port}", str(port))
    inputs["a"].write_text(text, encoding="utf-8")


def render_hostile(inputs: dict[str, Any], target: Path) -> None:
    """Write the report of the hostile pair in `inputs` to `target` (its extension picks the format)."""
    args = [inputs["a"], inputs["b"], "-o", target, "--label-a", HOSTILE_LABEL, "--generated-at", FIXED_TIME]
    assert main([str(arg) for arg in args]) == OK


@pytest.fixture(scope="module")
def hostile_html(hostile_inputs: dict[str, Any]) -> str:
    write_hostile(hostile_inputs, hostile_inputs["port"])
    target = hostile_inputs["folder"] / "hostile.html"
    render_hostile(hostile_inputs, target)
    return target.read_text(encoding="utf-8")


class Page(html.parser.HTMLParser):
    """The elements, attributes and visible text of an HTML document, as a browser would parse it."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str, str]] = []  # (tag, name, value)
        self.text_parts: list[str] = []
        self._raw: str | None = None
        self.feed(markup)
        self.close()
        self.text = squash("".join(self.text_parts))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend((tag, name, value or "") for name, value in attrs)
        if tag in ("script", "style"):
            self._raw = tag

    def handle_endtag(self, tag: str) -> None:
        if tag == self._raw:
            self._raw = None

    def handle_data(self, data: str) -> None:
        if self._raw is None:
            self.text_parts.append(data)


def test_html_escapes_script_tags(hostile_html: str) -> None:
    assert "<script>alert" not in hostile_html
    page = Page(hostile_html)
    assert page.tags.count("script") == 1  # the report's own script, nothing from the article
    assert "The mayor said <script>alert(1)</script> in a statement" in page.text  # shown as text


def test_html_does_not_evaluate_template_syntax_from_articles(hostile_html: str) -> None:
    text = Page(hostile_html).text
    assert "Another paragraph has {{ 7*7 }} and {% if true %}yes{% endif %} and" in text
    assert "has 49 and" not in text
    assert "Council <script>alert(1)</script> vote {{ 7*7 }}" in text


def test_html_shows_markup_from_articles_as_text(hostile_html: str) -> None:
    page = Page(hostile_html)
    assert not {"img", "link", "iframe", "object", "embed", "base", "frame"} & set(page.tags)
    assert '<img src="file://' in page.text
    assert '<a href="javascript:alert(2)">javascript:alert(2)</a>' in page.text
    assert not [value for _, name, value in page.attributes if "javascript:" in value.lower()]
    assert not re.search(r"""href\s*=\s*["']?\s*javascript:""", hostile_html, re.I)
    head_styles = hostile_html.split("</style>", 1)[0]
    assert "@import" not in head_styles  # nothing reached the report's own styles


def test_html_escapes_labels(hostile_html: str) -> None:
    assert "<Daily>" not in hostile_html
    page = Page(hostile_html)
    assert "O&#39;Brien &amp; Sons &lt;Daily&gt; &#34;Wire&#34; vs benign.txt" in hostile_html
    assert f"Only in {HOSTILE_LABEL}" in page.text


URL_ATTRIBUTES = {"src", "href", "action", "data", "poster", "srcset", "xlink:href", "formaction", "background"}


@pytest.mark.parametrize("html_name", ["seed_html", "hostile_html"])
def test_html_references_no_remote_resources(html_name: str, request: pytest.FixtureRequest) -> None:
    markup = request.getfixturevalue(html_name)
    page = Page(markup)
    links = [value for _, name, value in page.attributes if name in URL_ATTRIBUTES]
    assert links, "the report links to its own sections"
    assert all(value.startswith("#") for value in links), [v for v in links if not v.startswith("#")]
    styles = markup.split("<style>", 1)[1].split("</style>", 1)[0]
    assert not re.search(r"url\(\s*['\"]?\s*(?:https?:|//|file:)", styles, re.I)
    assert "@import" not in styles
    csp = [
        value for tag, name, value in page.attributes if tag == "meta" and name == "content" and "default-src" in value
    ]
    assert csp and "default-src 'none'" in csp[0]  # the Content-Security-Policy blocks anything else


def test_html_seed_report_has_the_sections_and_sentence_ids(seed_html: str, seed_comparison: Any) -> None:
    assert seed_html.startswith("<!DOCTYPE html>")
    for heading in ("Summary", "Coverage map", "Only in one article", "Quotes compared", "Side by side"):
        assert f">{heading}</h2>" in seed_html, heading
    for sentence in seed_comparison.a.sentences + seed_comparison.b.sentences:
        assert f'id="{sentence.id}"' in seed_html
    assert f"on {FIXED_TIME}." in seed_html


def test_templates_are_strict_and_autoescaped() -> None:
    env = environment()
    with pytest.raises(jinja2.UndefinedError):
        env.get_template("report.html.j2").render()
    html = env.from_string("{{ x }}").render(x="<b>")
    assert html == "&lt;b&gt;"


COLOUR_RE = re.compile(r"#[0-9a-fA-F]{3,6}\b|\brgba?\(|\bhsla?\(")


def test_colours_are_written_only_in_the_palette() -> None:
    folder = templates_dir()
    written = {
        path.name: COLOUR_RE.findall(path.read_text(encoding="utf-8"))
        for path in folder.iterdir()
        if path.is_file() and path.name != "palette.css"
    }
    assert {name: found for name, found in written.items() if found} == {}
    assert COLOUR_RE.search((folder / "palette.css").read_text(encoding="utf-8"))


def test_every_colour_a_template_uses_is_in_the_palette() -> None:
    # An undefined custom property fails silently (the colour just goes), so check the names.
    palette = environment().get_template("palette.css").module.colours  # type: ignore[attr-defined]
    for path in templates_dir().iterdir():
        if path.is_file():
            used = set(re.findall(r"var\(--([\w-]+)\)", path.read_text(encoding="utf-8")))
            assert used <= set(palette), (path.name, used - set(palette))


def test_reports_carry_the_palette_and_the_map_reads_it_as_values(seed_context: ReportContext) -> None:
    palette = environment().get_template("palette.css").module.colours  # type: ignore[attr-defined]
    for medium in ("screen", "print"):
        markup = render_html_for_print(seed_context) if medium == "print" else render_html(seed_context)
        styles = markup.split("<style>", 1)[1].split("</style>", 1)[0]
        for name, value in palette.items():
            assert f"--{name}: {value};" in styles, (medium, name)
        # WeasyPrint draws the SVG without the page's CSS or var(): its colours are plain values.
        svg = markup.split("<svg", 1)[1].split("</svg>", 1)[0]
        assert "var(" not in svg
        assert f'fill="{palette["shared"]}"' in svg and f'stroke="{palette["paper"]}"' in svg


def test_report_templates_read_fields_and_compute_none() -> None:
    # Counts, joins, conditions on data and derived classes belong in compare/context.py.
    for name in ("report.html.j2", "report.md.j2", "_macros.html.j2"):
        source = (templates_dir() / name).read_text(encoding="utf-8")
        for computing in ("selectattr", "rejectattr", "| length", "| join", "[:"):
            assert computing not in source, (name, computing)


def sentence_markup(medium: str, **fields: Any) -> str:
    """One sentence as the report's `sentence` macro marks it up for `medium`."""
    view = SentenceView(
        **{
            "id": "a-p2-s1",
            "status": "shared",
            "tokens": [("text", "Putin <said> Russia has"), ("added", " on Monday")],
            "match_ids": "b-p3-s1 b-p4-s2",
            "coverage": 87,
            "title": "shared: 87% carried by the other",
            **fields,
        }
    )
    macros = environment().get_template("_macros.html.j2").module
    return str(macros.sentence(view, medium))  # type: ignore[attr-defined]


def test_sentence_macro_carries_what_the_script_and_browser_tests_rely_on() -> None:
    page = Page(sentence_markup("screen"))
    attributes = {name: value for tag, name, value in page.attributes if tag == "span"}
    assert attributes == {
        "class": "sent s-shared",
        "id": "a-p2-s1",
        "tabindex": "-1",
        "data-matches": "b-p3-s1 b-p4-s2",
        "title": "shared: 87% carried by the other",
    }
    assert page.tags == ["span", "mark"]
    assert page.text == "Putin <said> Russia has on Monday"
    printed = sentence_markup("print")
    assert printed.startswith('<span class="sent-target" id="a-p2-s1">Putin &lt;said&gt; Russia has<mark')
    assert "tabindex" not in printed and "data-matches" not in printed


def test_quote_cell_macro_marks_changed_words_and_links_whole_quotes() -> None:
    macros = environment().get_template("_macros.html.j2").module
    cell = macros.quote_cell  # type: ignore[attr-defined]
    variant = str(cell(True, [("text", "we <will>"), ("changed", "act now")], "", "", "del"))
    assert variant == "<td>“we &lt;will&gt; <del>act now</del>”</td>"
    linked = str(cell(False, [], "We will act", "b-p2-s1", "ins"))
    assert linked == '<td><a href="#b-p2-s1" data-target="b-p2-s1">“We will act”</a></td>'
    assert str(cell(False, [], "We will act", "", "ins")) == "<td>“We will act”</td>"
    assert str(cell(False, [], "", "", "ins")) == '<td><span class="none">—</span></td>'


def test_context_flags_rows_the_differences_toggle_hides(seed_context: ReportContext) -> None:
    for row in seed_context.rows:
        paragraphs = [*row.a, *row.b]
        assert row.same == bool(row.a and row.b and all(p.status == "shared" for p in paragraphs))
        assert row.furniture == all(p.status == "ignored" for p in paragraphs)
        assert row.moved == (row.order == "moved")
    hidden = [row for row in seed_context.rows if row.same or row.furniture]
    assert hidden and len(hidden) < len(seed_context.rows)


# -- where templates come from ------------------------------------------------------------


def test_templates_dir_in_a_checkout() -> None:
    folder = templates_dir()
    assert (folder / "report.html.j2").is_file() and (folder / "report.md.j2").is_file()
    if not (ROOT / "compare" / "report_templates").exists():
        assert folder == ROOT / "report_templates"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel of the project built offline with hatchling (pip wheel, no build isolation)."""
    pytest.importorskip("hatchling", reason="building the wheel offline needs hatchling installed")
    out = tmp_path_factory.mktemp("wheel")
    env = {**os.environ, "PIP_NO_INDEX": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation", "-q", "-w", str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    (built,) = out.glob("article_compare-*.whl")
    return built


def test_wheel_carries_templates_and_schema(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "compare/report_templates/report.html.j2",
        "compare/report_templates/report.md.j2",
        "compare/report_templates/report.css",
        "compare/report_templates/print.css",
        "compare/report_templates/report.js",
        "compare/schema/comparison.schema.json",
    ):
        assert needed in names, needed


def test_unpacked_wheel_finds_its_own_templates(wheel: Path, tmp_path: Path) -> None:
    unpacked = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(unpacked)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (
        "import compare, compare.render as r, compare.export as e; "
        "print(compare.__file__); print(r.templates_dir()); print(e.schema_path())"
    )
    env = {**os.environ, "PYTHONPATH": str(unpacked)}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=elsewhere, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
    module, templates, schema = (Path(line) for line in result.stdout.splitlines())
    for path in (module, templates, schema):
        assert path.resolve().is_relative_to(unpacked.resolve()), path
    assert (templates / "report.html.j2").is_file()
    # And a report renders from there.
    result = subprocess.run(
        [sys.executable, "-m", "compare", str(SEED_A), str(SEED_B), "--format", "md"],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("## The Irish Times vs The Independent")


# -- PDF ----------------------------------------------------------------------------------


def test_pdf_text_has_the_summary_headings_and_a_variant(seed_pdf: Path, seed_context: ReportContext) -> None:
    text = squash(poppler("pdftotext", "-enc", "UTF-8", seed_pdf, "-"))
    assert squash(seed_context.summary) in text
    assert re.search(r"Only in The Irish Times \(\d+\)", text)
    assert re.search(r"Only in The Independent \(\d+\)", text)
    assert "government departments" in text
    assert "Russia has" in text
    assert text.startswith("article-compare · The Irish Times vs The Independent")  # the running header


def test_pdf_numbers_the_facts_to_check_first_on_from_the_others(seed_pdf: Path, reworded_seed: Any) -> None:
    # WeasyPrint ignores <ol start>: the print stylesheet must let the second list go on counting.
    text = poppler("pdftotext", "-enc", "UTF-8", seed_pdf, "-")
    for side in "ab":
        facts = reworded_seed.facts_on(side)
        sure = sum(f.held is None for f in facts)
        other = reworded_seed.document("b" if side == "a" else "a").label
        after = squash(text).split(f"Perhaps said in other words in {other}: check first", 1)[1]
        numbers = [int(n) for n in re.findall(r"(?:^| )(\d+)\. [A-Z“\"‘']", after)]
        assert numbers[0] == sure + 1, (side, numbers[:3])


def test_pdf_lists_every_entity_by_side_and_prints_same_word_quotes_once(
    seed_pdf: Path, seed_context: ReportContext
) -> None:
    text = squash(poppler("pdftotext", "-enc", "UTF-8", seed_pdf, "-"))
    entities = seed_context.entities
    for side, label in (("a", "The Irish Times"), ("b", "The Independent")):
        only = [e for e in entities if e["only"] == side]
        assert f"Named only in {label} ({len(only)}):" in text
    shared = [e for e in entities if not e["only"]]
    assert f"Named in both ({len(shared)})" in text
    # Every name is on paper, with its counts when both articles name it.
    listing = text[text.index("Named only in The Irish Times") :]
    for entity in entities:
        assert squash(entity["name"]) in listing, entity["name"]
    russia = next(e for e in shared if e["name"] == "Russia")
    assert f"Russia {russia['a']} / {russia['b']}" in listing
    # An identical quote in the same words is printed once, across both columns.
    same = [q for q in seed_context.quotes if q["status"] == "identical" and q["same_words"]]
    assert same, "the seeds have quotes in the same words"
    assert text.count("(word for word in The Independent too)") == len(same)


def render_html_for_print(context: ReportContext) -> str:
    """The HTML that WeasyPrint lays out for the PDF."""
    from compare.render import _render

    return _render("report.html.j2", context, medium="print")


@pytest.mark.parametrize(
    ("quote_b", "same"),
    [
        pytest.param('"we organised three rallies in the capital and we will hold more,"', True, id="typography"),
        pytest.param("“We organized 3 rallies in the capital and we will hold more,”", False, id="spelling-and-digits"),
    ],
)
def test_paper_prints_a_quote_once_only_when_its_words_are_the_same(quote_b: str, same: bool) -> None:
    text = "Rally season\n\n{quote} said Ana Ruiz, the party's organiser, on Sunday.\n"
    one = load_bytes(
        text.format(quote="“We organised three rallies in the capital and we will hold more,”").encode(), source="a.txt"
    )
    two = load_bytes(text.format(quote=quote_b).encode(), source="b.txt")
    context = build_context(compare_loaded(one, two), generated_at="2026-01-01T00:00:00Z")
    [quote] = context.quotes
    # The same words once case, punctuation and quote marks are folded; another spelling or digits for a
    # number are other words, a variant (identical once meant the same matching keys, which are stemmed).
    assert quote["status"] == ("identical" if same else "variant")
    assert quote["same_words"] is same
    printed = render_html_for_print(context)
    assert printed.count("(word for word in") == (1 if same else 0)
    assert printed.count("organized 3 rallies") == (0 if same else 2)  # B's wording: quote table and side by side


def test_pdf_fonts_are_all_embedded(seed_pdf: Path) -> None:
    lines = poppler("pdffonts", seed_pdf).splitlines()
    assert lines[0].split()[:2] == ["name", "type"] and lines[1].startswith("---")
    rows = [line.split() for line in lines[2:] if line.strip()]
    assert rows, "the PDF uses fonts"
    # Columns from the right: emb sub uni object-number generation.
    assert all(row[-5] == "yes" for row in rows), rows


def test_pdf_info(seed_pdf: Path) -> None:
    info = dict(line.split(":", 1) for line in poppler("pdfinfo", seed_pdf).splitlines() if ":" in line)
    assert 2 <= int(info["Pages"]) <= 30
    assert info["Title"].strip() == "The Irish Times vs The Independent — article-compare"
    assert "A4" in info["Page size"]


def test_pdf_paper_option_sets_the_page_size(hostile_inputs: dict[str, Any], tmp_path: Path) -> None:
    small = tmp_path / "small.txt"
    small.write_text(BENIGN_B.replace("next month", "in May"), encoding="utf-8")
    target = tmp_path / "letter.pdf"
    assert main([str(small), str(hostile_inputs["b"]), "-o", str(target), "--paper", "letter"]) == OK
    info = poppler("pdfinfo", target)
    assert re.search(r"Page size:\s+612 x 792 pts \(letter\)", info), info


def test_pdf_of_a_hostile_article_loads_nothing(hostile_inputs: dict[str, Any], http_server: Any) -> None:
    http_server.pages["/x.png"] = (b"\x89PNG\r\n\x1a\n", "image/png")
    write_hostile(hostile_inputs, int(http_server.base.rsplit(":", 1)[1]))
    target = hostile_inputs["folder"] / "hostile.pdf"
    render_hostile(hostile_inputs, target)
    text = poppler("pdftotext", "-enc", "UTF-8", target, "-")
    assert "CANARY-7f3a9c-SECRET" not in text
    assert b"CANARY-7f3a9c-SECRET" not in target.read_bytes()
    assert http_server.requests == []
    flat = squash(text)
    assert '<img src="file://' in flat  # shown as text, not loaded
    assert "{{ 7*7 }}" in flat
    # Labels are plain text in the running header too, not HTML entities.
    assert flat.startswith(f"article-compare · {HOSTILE_LABEL} vs benign.txt")


def test_pdf_url_fetcher_refuses_every_url(http_server: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Even markup that escaping let through would load nothing: the fetcher itself refuses.
    weasyprint = pytest.importorskip("weasyprint")
    import compare.render

    refused: list[str] = []

    def counting_refusal(url: str, *args: Any, **kwargs: Any) -> Any:
        refused.append(url)
        return refuse_url(url)

    monkeypatch.setattr(compare.render, "refuse_url", counting_refusal)
    http_server.pages["/x.png"] = (b"\x89PNG\r\n\x1a\n", "image/png")
    http_server.pages["/s.css"] = (b"p { color: red }", "text/css")
    canary = tmp_path / "c.css"
    canary.write_text("body { color: red }")
    markup = (
        f'<link rel="stylesheet" href="file://{canary}">'
        f'<link rel="stylesheet" href="{http_server.url("/s.css")}">'
        f'<p>x</p><img src="{http_server.url("/x.png")}"><img src="file://{canary}">'
    )
    pdf = weasyprint.HTML(string=markup, base_url=None, url_fetcher=refusing_fetcher()).write_pdf()
    assert pdf.startswith(b"%PDF-")
    assert http_server.requests == []
    assert {http_server.url("/x.png"), http_server.url("/s.css")} <= set(refused)
    assert any(url.startswith("file://") for url in refused)
    with pytest.raises(ValueError, match="load no external resources"):
        refuse_url(http_server.url("/x.png"))


# -- Said in other words, extended quotes, fact context, the paraphrase model --------------


def lede(document: Any) -> Any:
    """The first sentence of the first body paragraph of `document`."""
    return next(p for p in document.paragraphs if p.role == "body").sentences[0]


def section_html(markup: str, css_class: str) -> str:
    """The markup of the ``<section class="…">`` named `css_class`."""
    start = markup.index(f'<section class="{css_class}"')
    return markup[start : markup.index("</section>", start)]


@pytest.fixture(scope="module")
def reworded_seed(seed_comparison: Any) -> Any:
    """The seed comparison, when the paraphrase model took part (else reworded sentences cannot be found)."""
    if not seed_comparison.semantic.used:
        pytest.skip(f"paraphrase model not used: {seed_comparison.semantic.note}")
    return seed_comparison


def test_context_pairs_reworded_sentences_once_in_reading_order(reworded_seed: Any) -> None:
    context = build_context(reworded_seed, generated_at=FIXED_TIME)
    pairs = [(tuple(s["id"] for s in r["a"]), tuple(s["id"] for s in r["b"])) for r in context.reworded]
    assert context.reworded_count == len(pairs) == len(set(pairs)) > 0
    # Every reworded sentence of either side is in a row with all its counterparts.
    for sentence_id, result in reworded_seed.alignment.sentences.items():
        if result.status == "reworded":
            row = ((sentence_id,), result.matches) if sentence_id.startswith("a-") else (result.matches, (sentence_id,))
            assert row in pairs, row
    # A's reworded sentences first, in reading order; then those only B's side names.
    a_order = [s.id for s in reworded_seed.a.sentences]
    led_by_a = [p for p in pairs if len(p[0]) == 1 and reworded_seed.alignment.sentences[p[0][0]].status == "reworded"]
    assert pairs[: len(led_by_a)] == sorted(led_by_a, key=lambda p: a_order.index(p[0][0]))
    # The ledes say the same in other words: the first pair, side by side, with the model's similarity.
    a_lede, b_lede = lede(reworded_seed.a), lede(reworded_seed.b)
    first = context.reworded[0]
    assert first["a"] == [{"id": a_lede.id, "text": a_lede.text}] and first["b"] == [
        {"id": b_lede.id, "text": b_lede.text}
    ]
    similarity = reworded_seed.alignment.sentences[a_lede.id].similarity
    assert first["alike"] == f"{round(similarity * 100)}% alike in meaning"


def test_a_sentence_several_say_together_is_one_row_with_all_of_them() -> None:
    from compare.context import _reworded_pairs
    from compare.model import SentenceResult

    comparison = compare_loaded(
        article_from_text("H\n\nLawmakers rejected the budget and sacked the governor."),
        article_from_text("H\n\nParliament voted the spending plan down. It dismissed the state leader too."),
        options=CompareOptions(semantic=False),
    )
    a_id = comparison.a.body_sentences[0].id
    b_ids = tuple(s.id for s in comparison.b.body_sentences)
    together = SentenceResult(a_id, "reworded", 0.0, b_ids, (), 0.7)
    results = {**comparison.alignment.sentences, a_id: together}
    comparison = replace(comparison, alignment=replace(comparison.alignment, sentences=results))
    [row] = _reworded_pairs(comparison)
    assert [s["id"] for s in row["a"]] == [a_id] and [s["id"] for s in row["b"]] == list(b_ids)
    assert row["alike"] == "70% of its meaning in these 2 together"
    section = section_html(render_html(build_context(comparison, generated_at=FIXED_TIME)), "reworded")
    assert section.count('<tr class="reworded-pair">') == 1
    assert all(f'href="#{i}"' in section for i in (a_id, *b_ids)) and '<span class="together">+</span>' in section
    markdown = render_markdown(build_context(comparison, generated_at=FIXED_TIME))
    assert "Parliament voted the spending plan down. + It dismissed the state leader too." in markdown


def test_html_shows_reworded_ledes_side_by_side_linked_to_the_columns(reworded_seed: Any) -> None:
    markup = render_html(build_context(reworded_seed, generated_at=FIXED_TIME))
    assert '>Said in other words <span class="count">(' in markup
    section = section_html(markup, "reworded")
    a_lede, b_lede = lede(reworded_seed.a), lede(reworded_seed.b)
    rows = section.split('<tr class="reworded-pair">')[1:]
    lede_row = next(row for row in rows if f'href="#{a_lede.id}"' in row)
    assert f'href="#{b_lede.id}"' in lede_row and f'data-target="{b_lede.id}"' in lede_row
    assert squash(Page(lede_row).text).startswith(f"A {squash(a_lede.text)} B {squash(b_lede.text)}")
    assert "% alike in meaning" in lede_row
    # The sentences it links to are in the article columns.
    assert f'id="{a_lede.id}"' in markup and f'id="{b_lede.id}"' in markup


def test_reworded_sentences_have_their_own_style_legend_and_title(reworded_seed: Any) -> None:
    context = build_context(reworded_seed, generated_at=FIXED_TIME)
    markup = render_html(context)
    page = Page(markup)
    reworded = [sentence_id for sentence_id, r in reworded_seed.alignment.sentences.items() if r.status == "reworded"]
    assert reworded
    classes = [a for t, n, a in page.attributes if t == "span" and n == "class" and a.startswith("sent ")]
    assert classes.count("sent s-reworded") == len(reworded)
    view = next(s for row in context.rows for p in (*row.a, *row.b) for s in p.sentences if s.id == reworded[0])
    counterparts = reworded_seed.alignment.sentences[reworded[0]].matches
    assert view.reworded and view.status == "reworded"
    assert view.title.startswith("reworded: said in other words in ") and counterparts[0] in view.title
    assert f'title="{view.title}"' in markup
    # Not marked word by word: a reworded sentence's words barely match its counterpart's.
    assert all(kind != "changed" for kind, _ in view.tokens)
    palette = environment().get_template("palette.css").module.colours  # type: ignore[attr-defined]
    assert palette["reworded"] not in (palette["shared"], palette["partial"], palette["unique"])
    css = (templates_dir() / "report.css").read_text(encoding="utf-8")
    assert re.search(r"\.s-reworded \{[^}]*var\(--reworded\)", css)
    assert '<span class="sample s-reworded">' in markup and "said in other words by the other" in markup
    # On paper the sentence keeps its style: a span around its words inside the link target.
    printed = sentence_markup("print", status="reworded", reworded=True)
    assert printed.startswith('<span class="sent-target" id="a-p2-s1"><span class="s-reworded">Putin')


def test_markdown_lists_reworded_pairs(reworded_seed: Any) -> None:
    context = build_context(reworded_seed, generated_at=FIXED_TIME)
    markdown = render_markdown(context)
    section = markdown_section(markdown, f"Said in other words ({context.reworded_count})")
    # A row says how alike one sentence is to the other, or how much of it several hold together.
    alike = ("% alike in meaning", "% of its meaning in these")
    rows = [line for line in section.splitlines() if line.startswith("| ") and any(a in line for a in alike)]
    assert len(rows) == context.reworded_count
    a_lede, b_lede = lede(reworded_seed.a), lede(reworded_seed.b)
    a_cell, b_cell, alike = (unmark(cell).strip() for cell in rows[0].split(" | "))
    assert a_cell.lstrip("| ") == squash(a_lede.text) and b_cell == squash(b_lede.text)
    assert alike.rstrip(" |") == context.reworded[0]["alike"]
    # Before the quotes, so a long summary is cut in its quotes first.
    assert markdown.index("### Said in other words") < markdown.index("### Quotes worded differently")


def test_figures_count_reworded_sentences_and_extended_quotes(seed_comparison: Any, seed_markdown: str) -> None:
    stats = seed_comparison.stats
    context = build_context(seed_comparison, generated_at=FIXED_TIME)
    figures = {f["name"]: f for f in context.figures}
    sentences = figures["Sentences shared / partly / reworded / unique"]
    for side, value in (("a", sentences["a"]), ("b", sentences["b"])):
        s = stats.side(side)
        assert value == f"{s.shared_sentences} / {s.partial_sentences} / {s.reworded_sentences} / {s.unique_sentences}"
    quotes = figures["Quotes both carry (identical / extended / worded differently)"]
    assert quotes["a"] == f"{stats.quotes_identical} / {stats.quotes_extended} / {stats.quotes_variant}"
    assert stats.quotes_extended >= 1 and stats.a.reworded_sentences + stats.b.reworded_sentences >= 1
    assert f"| Sentences shared / partly / reworded / unique | {sentences['a']} | {sentences['b']} |" in seed_markdown
    assert f"| Quotes both carry (identical / extended / worded differently) | {quotes['a']} | |" in seed_markdown


def test_summary_counts_quotes_one_outlet_quotes_further(seed_comparison: Any) -> None:
    stats = seed_comparison.stats
    assert stats.quotes_extended == 1 and stats.quotes_variant == 2
    assert summary_sentence(seed_comparison).endswith(
        " 2 quotations both carry are worded differently and 1 is quoted further by one outlet."
    )
    only_extended = dataclasses.replace(seed_comparison, stats=dataclasses.replace(stats, quotes_variant=0))
    assert summary_sentence(only_extended).endswith(" 1 quotation both carry is quoted further by one outlet.")


def test_extended_quote_marks_the_words_only_the_longer_quote_has(seed_comparison: Any, seed_html: str) -> None:
    extended = next(q for q in seed_comparison.quotes if q.status == "extended")
    extra = extended.extra
    assert extra is not None
    longer = extended.a if extra.side == "a" else extended.b
    assert longer is not None and longer.text[extra.start : extra.end] == extra.text
    label = seed_comparison.document(extra.side).label
    row = seed_html[seed_html.index(f'<tr class="quote-extended" id="{extended.id}">') :]
    row = row[: row.index("</tr>")]
    assert ">one quotes more<" in row
    assert f'<ins class="extra">{html_escape(extra.text.strip())}</ins>' in row
    assert f'<span class="extra-note">only in {html_escape(label)}: ' in row and html_escape(extra.text.strip()) in row
    # The other side's shorter quote is shown whole, with nothing marked.
    cells = row.split("<td>")
    other = cells[3] if extra.side == "a" else cells[2]
    assert "<ins" not in other and "extra-note" not in other
    markdown = render_markdown(build_context(seed_comparison, generated_at=FIXED_TIME))
    assert f"only in {label}: " in markdown_section(markdown, "Quoted further by one outlet (1)")


def test_quote_cell_macro_marks_extra_words_and_adds_the_note() -> None:
    cell = environment().get_template("_macros.html.j2").module.quote_cell  # type: ignore[attr-defined]
    marked = str(cell(True, [("text", "We will act."), ("extra", "And <soon>")], "", "", "del", "only in X: …And"))
    assert marked == (
        '<td>“We will act. <ins class="extra">And &lt;soon&gt;</ins>”'
        ' <span class="extra-note">only in X: …And</span></td>'
    )


def test_fact_context_shows_before_the_fact_as_carried_by_both(seed_comparison: Any) -> None:
    fact = seed_comparison.facts_on("b")[0]
    shared = next(
        s
        for s in seed_comparison.b.sentences
        if seed_comparison.alignment.sentences[s.id].status == "shared" and s.id not in fact.sentences
    )
    facts = tuple(dataclasses.replace(f, context=(shared.id,)) if f is fact else f for f in seed_comparison.facts)
    context = build_context(dataclasses.replace(seed_comparison, facts=facts), generated_at=FIXED_TIME)
    [view] = [f for f in context.facts["b"] if f["id"] == fact.id]
    assert view["context"] == [{"id": shared.id, "text": shared.text}]
    assert view["text"] == fact.text  # the context is not part of the fact
    markup = render_html(context)
    item = markup[markup.index(f'<li id="{fact.id}"') :]
    item = item[: item.index("</li>")]
    label = item.index("context, in both articles:")
    assert label < item.index(html_escape(shared.text)) < item.index(f"<p>{html_escape(fact.text)}</p>")
    assert '<p class="fact-context">' in item and f'href="#{shared.id}"' in item
    without = tuple(dataclasses.replace(f, context=()) for f in seed_comparison.facts)
    untouched = render_html(build_context(dataclasses.replace(seed_comparison, facts=without), generated_at=FIXED_TIME))
    assert "context, in both articles:" not in untouched
    row = next(
        line
        for line in render_markdown(context).splitlines()
        if line.startswith("| ") and markdown_cell(fact.label) in line and squash(fact.text)[:40] in unmark(line)
    )
    # The passage column: the context first, in italics, then the fact.
    assert "*(context, in both articles: " in row
    assert row.index("*(context") < row.index(")* ") < row.rindex(markdown_cell(fact.text)[:30])


@pytest.mark.parametrize(
    ("semantic", "line"),
    [
        pytest.param(
            SemanticInfo(used=True, model="all-MiniLM-L6-v2-int8", sha256="8199be6f" + "0" * 56),
            "Paraphrase model: all-MiniLM-L6-v2-int8 (sha256 8199be6f…)",
            id="used",
        ),
        pytest.param(
            SemanticInfo(used=True, model="m", sha256="abcdef0123", note="sentence budget of 400 reached"),
            "Paraphrase model: m (sha256 abcdef01…); sentence budget of 400 reached",
            id="budget",
        ),
        pytest.param(
            SemanticInfo(used=False, note="paraphrase model not installed (pip install 'article-compare[semantic]')"),
            "paraphrase model not installed (pip install 'article-compare[semantic]')",
            id="not-installed",
        ),
    ],
)
def test_reports_say_whether_the_paraphrase_model_took_part(
    seed_comparison: Any, semantic: SemanticInfo, line: str
) -> None:
    assert semantic_line(semantic) == line
    context = build_context(dataclasses.replace(seed_comparison, semantic=semantic), generated_at=FIXED_TIME)
    footer = render_html(context).split('<footer class="report-footer">', 1)[1]
    assert f'<p class="semantic">{html_escape(line)}</p>' in footer
    assert render_markdown(context).rstrip().endswith(f" · {markdown_text(line)}</sub>")
    assert html_escape(line) in render_html_for_print(context).split('<footer class="report-footer">', 1)[1]


def test_pdf_has_the_reworded_section_and_the_model_line(seed_pdf: Path, reworded_seed: Any) -> None:
    text = squash(poppler("pdftotext", "-enc", "UTF-8", seed_pdf, "-"))
    context = build_context(reworded_seed, generated_at=FIXED_TIME)
    assert f"Said in other words ({context.reworded_count})" in text
    # pdftotext reads the table's narrow "Alike" column a line at a time, between the wordings' lines.
    assert text.count("% alike in") + text.count("% of its") == context.reworded_count
    assert " ".join(squash(lede(reworded_seed.b).text).split()[:4]) in text
    assert text.count(squash(context.semantic)) >= 2  # in the section and in the footer
    assert "Sentences shared / partly / reworded /" in text  # the row name wraps in its cell


def html_escape(text: str) -> str:
    """`text` as Jinja's autoescape writes it."""
    return escape(text).replace("&#x27;", "&#39;")


# -- Changes and the redline ----------------------------------------------------------------

# A made-up story in two versions: the later one inserts a paragraph at the top and one before the end,
# changes a figure, adds a negation and cuts a paragraph.  (Its paragraph numbers never coincide across
# the versions where paragraphs are aligned.)
EARLIER = (
    "Storm floods the harbour district\n\n"
    "About 240 households were told to leave their homes near the harbour on Friday evening.\n\n"
    "The harbour master said the sea wall had held through the worst of the night.\n\n"
    "Volunteers handed out blankets at the old school hall until the early hours.\n\n"
    "Engineers will inspect the pier on Monday before any boats return to the moorings."
)
LATER = (
    "Storm floods the harbour district\n\n"
    "A second storm is expected to reach the coast by Thursday, forecasters warned.\n\n"
    "About 260 households were told to leave their homes near the harbour on Friday evening.\n\n"
    "The harbour master said the sea wall had not held through the worst of the night.\n\n"
    "Fishermen dragged their nets above the tide line as the water kept rising.\n\n"
    "Engineers will inspect the pier on Monday before any boats return to the moorings."
)


def versions_pair(*, versions: bool = True) -> Any:
    """The made-up story compared as an earlier and a later version (or as two outlets), labelled."""
    return compare_loaded(
        load_bytes(EARLIER.encode(), source="earlier.txt"),
        load_bytes(LATER.encode(), source="later.txt"),
        options=CompareOptions(semantic=False, versions=versions),
        label_a="earlier",
        label_b="later",
    )


@pytest.fixture(scope="module")
def versions_comparison() -> Any:
    return versions_pair()


@pytest.fixture(scope="module")
def versions_context(versions_comparison: Any) -> ReportContext:
    return build_context(versions_comparison, generated_at=FIXED_TIME)


def test_the_versions_pair_has_the_changes_the_reports_show(versions_comparison: Any) -> None:
    # The engine's side of the contract, so that the report tests below test the reports.
    assert [(c.kind, c.a.text, c.b.text, c.summary) for c in versions_comparison.changes] == [
        ("figure", "240", "260", "240 → 260 households"),
        ("negation", "", "not", "“not” added before “held”"),
    ]


def test_changed_section_comes_after_the_summary_before_the_only_in_lists(versions_context: ReportContext) -> None:
    markup = render_html(versions_context)
    order = [markup.index(f'id="{h}"') for h in ("summary-h", "changes-h", "facts-h")]
    assert order == sorted(order)
    assert '>Changed since the earlier version <span class="count">(2)</span></h2>' in markup


def test_changed_section_marks_each_sides_words_in_its_sentence_and_links_it(versions_context: ReportContext) -> None:
    section = section_html(render_html(versions_context), "changes")
    rows = re.findall(r'<tr class="change change-(\w+)" id="(c\d+)">(.*?)</tr>', section, re.S)
    assert [kind for kind, _, _ in rows] == ["figure", "negation"]
    figure, negation = rows[0][2], rows[1][2]
    assert '<span class="kind-badge kind-figure">figure</span>' in figure
    assert '<a href="#a-p2-s1" data-target="a-p2-s1">About <del>240</del> households' in figure
    assert '<a href="#b-p3-s1" data-target="b-p3-s1">About <ins>260</ins> households' in figure
    assert "240 → 260 households</td>" in figure
    # The side without "not" says so and shows its sentence unmarked; the other marks "not".
    assert '<span class="absent">(absent)</span> <a href="#a-p3-s1"' in negation
    assert "<del>" not in negation
    assert "sea wall had <ins>not</ins> held" in negation
    # Every link lands on a sentence of the columns.
    for target in re.findall(r'href="#([ab]-p\d+-s\d+)"', section):
        assert f'id="{target}"' in render_html(versions_context)


def harbour_versions(earlier: list[str], later: list[str]) -> Any:
    """Two versions of a made-up harbour story from their body paragraphs, compared on their words."""
    return compare_loaded(
        load_bytes(("Harbour wall holds\n\n" + "\n\n".join(earlier)).encode(), source="earlier.txt"),
        load_bytes(("Harbour wall holds\n\n" + "\n\n".join(later)).encode(), source="later.txt"),
        options=CompareOptions(semantic=False, versions=True),
        label_a="earlier",
        label_b="later",
    )


def test_a_versions_summary_counts_requoted_remarks_and_moved_paragraphs() -> None:
    paragraphs = [
        "The harbour wall held through the night after the storm, the harbour master said on Monday.",
        '"We were lucky this time, and we will be ready for the next one," the harbour master said.',
        "Crews cleared stones and weed from the slipway and the car park by noon.",
        "The council will meet on Thursday to discuss repairs to the outer pier and the lighthouse.",
    ]
    later = [paragraphs[3], *paragraphs[:3]]
    later[2] = later[2].replace("we will be ready", "we shall be ready")
    comparison = harbour_versions(paragraphs, later)
    assert summary_sentence(comparison) == (
        "Since the earlier version, the later version changes the words of 1 quotation and moves 1 paragraph."
    )


def test_a_versions_markdown_lists_moved_paragraphs_and_words_added_or_cut_in_kept_sentences() -> None:
    paragraphs = [
        "The harbour wall held through the night after the storm, the harbour master said on Monday.",
        "Crews cleared stones, weed and two wrecked dinghies from the slipway by noon.",
        "The council will meet on Thursday to discuss repairs to the outer pier and the lighthouse.",
    ]
    later = [paragraphs[2], paragraphs[0], paragraphs[1].replace(", weed and two wrecked dinghies", " and weed")]
    comparison = harbour_versions(paragraphs, later)
    context = build_context(comparison, generated_at=FIXED_TIME)
    assert [(e["added_text"], e["cut_text"]) for e in context.word_edits] == [("", "and two wrecked dinghies")]
    assert ("added", "and two wrecked dinghies") in context.word_edits[0]["a_pieces"]
    assert [(m["a"], m["b"]) for m in context.moved] == [("4", "2")]
    markdown = render_markdown(context)
    edits = markdown_section(markdown, "Words added or cut in sentences both keep (1)")
    assert "| and two wrecked dinghies |" in edits
    moved = markdown_section(markdown, "Moved (1)")
    assert "- Paragraph 4 in earlier is paragraph 2 in later: The council will meet on Thursday" in moved
    # The HTML and PDF list the sentence too, right under the changes, its cut words struck through in A's.
    section = section_html(render_html(context), "changes")
    assert "It adds or cuts words in some of them (below)." in section
    (row,) = re.findall(r'<tr class="word-edit">(.*?)</tr>', section, re.S)
    (cut_id,) = (s.id for s in comparison.a.body_sentences if "dinghies" in s.text)
    assert "weed <del>and two wrecked dinghies</del> from the slipway" in row and f'href="#{cut_id}"' in row
    # Two outlets that order a story otherwise or word a sentence longer are no edits to list.
    outlets = build_context(replace(comparison, options=CompareOptions(semantic=False)), generated_at=FIXED_TIME)
    assert outlets.word_edits == outlets.moved == []


def test_no_changes_says_so_in_one_line_in_every_format() -> None:
    comparison = compare_loaded(
        load_bytes(b"Title\n\nThe harbour wall held through the night, the harbour master said.", source="x.txt"),
        load_bytes(b"Title\n\nThe harbour wall held through the night, the harbour master said.", source="y.txt"),
        options=CompareOptions(semantic=False),
    )
    assert comparison.changes == ()
    context = build_context(comparison, generated_at=FIXED_TIME)
    line = "None: no figure, date, place or negation differs in the sentences both carry."
    assert context.changes_empty == line
    assert f'<p class="empty">{line}</p>' in section_html(render_html(context), "changes")
    assert f"### Changed (0)\n\n{line}\n" in render_markdown(context)
    assert "Redline" not in render_html(context)  # two outlets: no redline
    assert summary_sentence(comparison).count("differ") == 0


def test_summary_sentence_counts_the_changes_and_caps_the_list(versions_comparison: Any) -> None:
    assert summary_sentence(versions_comparison) == (
        "Since the earlier version, the later version adds 2 passages, cuts 1 passage and changes 1 figure and "
        "1 negation: 240 → 260 households; “not” added before “held”."
    )
    outlets = versions_pair(versions=False)
    assert "1 figure and 1 negation differ: 240 → 260 households; “not” added" in summary_sentence(outlets)
    # Five figures: three summaries, then "and 2 more".
    many = dataclasses.replace(
        versions_comparison,
        changes=tuple(
            dataclasses.replace(versions_comparison.changes[0], id=f"c{n}", summary=f"{n} → {n + 1} boats")
            for n in range(1, 6)
        ),
    )
    assert "changes 5 figures: 1 → 2 boats; 2 → 3 boats; 3 → 4 boats and 2 more." in summary_sentence(many)


def test_versions_say_how_many_passages_the_later_one_rewords(reworded_seed: Any) -> None:
    # A passage the later version says in other words is an edit: the summary counts it as the section lists it.
    versions = dataclasses.replace(reworded_seed, options=dataclasses.replace(reworded_seed.options, versions=True))
    context = build_context(versions, generated_at=FIXED_TIME)
    assert context.reworded_count > 1
    assert f"rewords {context.reworded_count} passages" in summary_sentence(versions)
    assert context.reworded_heading == "Reworded since the earlier version"
    html = render_html(context)
    assert (
        f'<h2 id="reworded-h">Reworded since the earlier version <span class="count">({context.reworded_count})' in html
    )
    assert f"### Reworded since the earlier version ({context.reworded_count})" in render_markdown(context)
    # Two outlets: the section keeps its name, and the summary no count of rewordings.
    outlets = build_context(reworded_seed, generated_at=FIXED_TIME)
    assert outlets.reworded_heading == "Said in other words"
    assert "rewords" not in summary_sentence(reworded_seed)


def test_summary_sentence_names_a_reworded_headline_once_with_its_two_wordings() -> None:
    body = b"\n\nThe harbour wall held through the night, the harbour master said on Friday morning."
    between = compare_loaded(
        load_bytes(b"Harbour wall holds" + body, source="x.txt"),
        load_bytes(b"Harbour wall holds as storm passes" + body, source="y.txt"),
        options=CompareOptions(semantic=False, versions=True),
    )
    assert [c.kind for c in between.changes] == ["headline"]
    assert summary_sentence(between) == (
        "Since x.txt, y.txt changes the headline: “Harbour wall holds” → “Harbour wall holds as storm passes”."
    )
    # The changes table shows the two headlines and says "reworded", not both again; the redline heads its body
    # with the headline's word diff.
    context = build_context(between, generated_at=FIXED_TIME)
    markup = render_html(context)
    assert '<td class="change-summary">reworded</td>' in section_html(markup, "changes")
    assert "| headline | Harbour wall holds | Harbour wall holds as storm passes | reworded |" in render_markdown(
        context
    )
    assert context.redline_headline == [("equal", "Harbour wall holds"), ("insert", "as storm passes")]
    redline = section_html(markup, "redline")
    headline = redline.index('class="redline-para redline-edited redline-headline">Harbour wall holds <ins>as storm')
    assert headline < redline.index("The harbour wall held")
    assert between.changes[0].summary.startswith("headline: ")  # the JSON keeps the full summary
    assert build_context(versions_pair(), generated_at=FIXED_TIME).redline_headline == []


def test_figures_row_counts_the_changes_and_agrees_with_the_lists(versions_context: ReportContext) -> None:
    figures = {f["name"]: f for f in versions_context.figures}
    assert figures["Changes"]["a"] == versions_context.change_count == len(versions_context.changes) == 2
    assert figures["Changes"]["both"]
    passages = figures["Passages only here"]
    assert (passages["a"], passages["b"]) == (len(versions_context.facts["a"]), len(versions_context.facts["b"]))
    assert (passages["a"], passages["b"]) == (1, 2)
    assert "| Changes | 2 | |" in render_markdown(versions_context)


def test_markdown_lists_the_changes_for_a_ci_log(versions_context: ReportContext) -> None:
    section = markdown_section(render_markdown(versions_context), "Changed since the earlier version (2)")
    assert "| Kind | earlier | later | Change |" in section
    assert "| figure | 240 | 260 | 240 → 260 households |" in section
    assert "| negation | (absent) | not | “not” added before “held” |" in section


def test_redline_strikes_cut_words_and_marks_inserted_ones_in_the_later_order(versions_context: ReportContext) -> None:
    paragraphs = re.findall(
        r'<p class="redline-para ([\w -]+)" data-paragraph="([ab]-p\d+)">(.*?)</p>',
        section_html(render_html(versions_context), "redline"),
        re.S,
    )
    assert [(classes, pid) for classes, pid, _ in paragraphs] == [
        ("redline-inserted", "b-p2"),
        ("redline-edited", "b-p3"),
        ("redline-edited", "b-p4"),
        ("redline-deleted", "a-p4"),  # cut: after the paragraph that came before it in the earlier version
        ("redline-inserted", "b-p5"),
        ("redline-same", "b-p6"),
    ]
    text = {pid: body for _, pid, body in paragraphs}
    assert text["b-p2"] == "<ins>A second storm is expected to reach the coast by Thursday, forecasters warned.</ins>"
    assert text["b-p3"].startswith("About <del>240</del> <ins>260</ins> households were told")
    assert "sea wall had <ins>not</ins> held" in text["b-p4"] and "<del>" not in text["b-p4"]
    assert text["a-p4"] == "<del>Volunteers handed out blankets at the old school hall until the early hours.</del>"
    assert "<del>" not in text["b-p6"] and "<ins>" not in text["b-p6"]


def test_redline_pieces_are_the_earlier_and_the_later_words(versions_comparison: Any) -> None:
    from compare.context import redline

    pieces = [piece for p in redline(versions_comparison) for piece in p["pieces"]]
    earlier = " ".join(text for kind, text in pieces if kind != "insert")
    later = " ".join(text for kind, text in pieces if kind != "delete")
    body = [p.text for p in versions_comparison.b.paragraphs if p.role == "body"]
    assert later.split() == " ".join(body).split()
    assert sorted(earlier.split()) == sorted(
        " ".join(p.text for p in versions_comparison.a.paragraphs if p.role == "body").split()
    )


def test_redline_marks_a_moved_passage(versions_comparison: Any) -> None:
    groups = versions_comparison.alignment.paragraphs
    moved = dataclasses.replace(groups[0], order="moved")
    comparison = dataclasses.replace(
        versions_comparison,
        alignment=dataclasses.replace(versions_comparison.alignment, paragraphs=(moved, *groups[1:])),
    )
    section = section_html(render_html(build_context(comparison, generated_at=FIXED_TIME)), "redline")
    assert f'class="redline-para redline-edited redline-moved" data-paragraph="{moved.b[0]}"' in section
    assert '<span class="moved-tag">moved</span> About <del>240</del>' in section


def test_redline_only_in_versions_mode_and_on_paper_too(versions_context: ReportContext) -> None:
    outlets = build_context(versions_pair(versions=False), generated_at=FIXED_TIME)
    assert outlets.redline == [] and 'class="redline"' not in render_html(outlets)
    assert ">Changed <span" in render_html(outlets)
    assert '<h2 id="redline-h">Redline</h2>' in render_html_for_print(versions_context)


def test_pdf_has_the_changed_section_and_the_redline(tmp_path: Path) -> None:
    earlier, later = tmp_path / "earlier.txt", tmp_path / "later.txt"
    earlier.write_text(EARLIER, encoding="utf-8")
    later.write_text(LATER, encoding="utf-8")
    pdf = tmp_path / "versions.pdf"
    argv = [str(earlier), str(later), "-o", str(pdf), "--generated-at", FIXED_TIME]
    assert main([*argv, "--set", "versions=true", "--set", "semantic=false"]) == OK
    text = squash(poppler("pdftotext", "-enc", "UTF-8", pdf, "-"))
    assert "Changed since the earlier version (2)" in text
    assert "240 → 260 households" in text
    assert "Redline" in text
    assert text.index("Changed since the earlier version") < text.index("Only in one article") < text.index("Redline")


def test_an_article_compared_with_itself_is_said_to_be_the_same(tmp_path):
    from compare.context import summary_sentence
    from compare.load import load_bytes
    from compare.model import CompareOptions
    from compare.pipeline import compare_loaded

    text = SEED_A.read_bytes()

    def summary_against(other: bytes, **labels: str) -> str:
        comparison = compare_loaded(
            load_bytes(text, source="a.txt"),
            load_bytes(other, source="b.txt"),
            options=CompareOptions(semantic=False),
            **labels,
        )
        return summary_sentence(comparison)

    assert summary_against(text).startswith("a.txt and b.txt are the same text.")
    assert summary_against(text, label_a="Daily", label_b="Daily").startswith("Both articles are the same text.")
    edited = text.replace(b"\n\n", b"\n\n\n", 1)  # another file, the same paragraphs
    same_facts = summary_against(edited, label_a="First", label_b="Second")
    assert same_facts.startswith("First and Second carry the same facts: neither has a passage the other lacks.")
    assert "carries nothing" not in same_facts


def test_the_markdown_report_lists_the_options_it_was_made_with(tmp_path):
    from compare.cli import main

    out = tmp_path / "r.md"
    assert main([str(SEED_A), str(SEED_B), "-o", str(out), "--set", "shared_coverage=0.8"]) == 0
    text = out.read_text(encoding="utf-8")
    assert "<details><summary>Options this report was made with</summary>" in text
    assert "| shared\\_coverage | 0.8 |" in text or "| shared_coverage | 0.8 |" in text
    assert text.index("<details>") < text.index("### Only in")  # before the long lists a summary cut may drop


def test_wheel_carries_the_licence_and_says_what_it_is(wheel: Path) -> None:
    archive = zipfile.ZipFile(wheel)
    names = archive.namelist()
    licences = [name for name in names if name.endswith(".dist-info/licenses/LICENSE")]
    assert licences and "MIT License" in archive.read(licences[0]).decode()
    metadata = archive.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    assert "License-Expression: MIT" in metadata
    assert "Classifier: Development Status :: 4 - Beta" in metadata
    assert "Classifier: Programming Language :: Python :: 3.11" in metadata
    assert "example.invalid" not in metadata


def test_pdf_repeats_the_article_columns_on_every_side_by_side_page(seed_pdf: Path) -> None:
    import re

    pages = int(re.search(r"Pages:\s+(\d+)", poppler("pdfinfo", seed_pdf)).group(1))
    texts = [poppler("pdftotext", "-layout", "-f", str(n), "-l", str(n), seed_pdf, "-") for n in range(1, pages + 1)]
    head = re.compile(r"^\s*A The Irish Times\s+B The Independent\s*$", re.MULTILINE)
    heading = next(n for n, text in enumerate(texts) if "Side by side" in text)
    first = next(n for n in range(heading, pages) if head.search(texts[n]))
    last = next(n for n, text in enumerate(texts) if "Who and what each names" in text)
    assert last > first + 1  # the sample's side-by-side view runs over several pages
    for number in range(first, last):
        assert head.search(texts[number]), f"page {number + 1} has no A/B column head"


def test_side_by_side_highlights_exactly_the_added_words_whatever_their_order():
    import re

    from compare.load import load_bytes
    from compare.model import CompareOptions
    from compare.pipeline import compare_loaded
    from compare.render import render_comparison

    a = "Road\n\nThe A614 bypass opened on Monday after eleven years of delay and legal challenges.\n"
    b = (
        "Bypass\n\nAfter eleven years of delay and legal challenges, the A614 bypass opened on Monday, "
        "council officials said.\n"
    )
    comparison = compare_loaded(
        load_bytes(a.encode(), source="a.txt"),
        load_bytes(b.encode(), source="b.txt"),
        options=CompareOptions(semantic=False),
    )
    html = str(render_comparison(comparison, "html", generated_at=FIXED_TIME))
    for side in ("a", "b"):
        document = comparison.document(side)
        sentence = document.paragraphs[1].sentences[0]
        result = comparison.alignment.sentences[sentence.id]
        assert result.status in ("shared", "partial")
        markup = re.search(rf'<span class="sent [^"]*" id="{sentence.id}"[^>]*>(.*?)</span>', html, re.S).group(1)
        highlighted = re.findall(r"<mark[^>]*>(.*?)</mark>", markup)
        assert highlighted == [span.text for span in result.added]
        assert "<ins>" not in markup  # the words both have, in another order, are never marked
    added_in_b = [span.text for span in comparison.alignment.sentences["b-p2-s1"].added]
    assert any("council officials" in text for text in added_in_b)


def test_the_installer_reads_extras_as_lxml_names_them() -> None:
    # justext asks for lxml[html_clean]; lxml provides "html-clean".  pip normalises extra names (PEP 685)
    # from 23.3 on; older ones warn on every install that the extra is missing.  tests/run.sh and the
    # README's first command upgrade pip first.
    from importlib.metadata import metadata, version

    pip_version = tuple(int(part) for part in version("pip").split(".")[:2])
    assert pip_version >= (23, 3), version("pip")
    assert "html-clean" in (metadata("lxml").get_all("Provides-Extra") or [])
    assert "lxml[html_clean]" in " ".join(metadata("justext").get_all("Requires-Dist") or []).replace(" ", "")


def test_pdf_side_by_side_leaves_no_word_alone_on_a_line(seed_comparison) -> None:
    # WeasyPrint broke "That / prompted a terse reply…" after an empty anchor span at a paragraph's start:
    # each sentence's anchor now wraps its words.  Read from WeasyPrint's own line boxes.
    import weasyprint
    from weasyprint.formatting_structure import boxes

    from compare.render import RenderJob, _render, print_edition

    html = _render(
        "report.html.j2", print_edition(RenderJob(seed_comparison, generated_at=FIXED_TIME).context), medium="print"
    )
    lonely, lines_seen = [], 0
    for page in weasyprint.HTML(string=html).render().pages:
        for box in page._page_box.descendants():
            if (
                isinstance(box, boxes.BlockBox)
                and "para" in ((box.element.get("class") or "") if box.element is not None else "").split()
            ):
                lines = [
                    " ".join(t.text for t in line.descendants() if isinstance(t, boxes.TextBox)).split()
                    for line in box.descendants()
                    if isinstance(line, boxes.LineBox)
                ]
                lines_seen += len(lines)
                lonely += [(box.element.get("id"), words) for words in lines[:-1] if len(words) == 1]
    assert lines_seen > 100
    assert lonely == []


def test_a_fact_shows_the_other_article_s_closest_sentence_to_check_it_against(
    reworded_seed: Any, seed_html: str, seed_markdown: str
) -> None:
    seed_comparison = reworded_seed  # the seed comparison, when the paraphrase model took part
    texts = {s.id: s.text for side in "ab" for s in seed_comparison.document(side).sentences}
    shown = [f for f in seed_comparison.facts if f.nearest is not None]
    assert shown, "the seed pair has near misses the model finds close"
    assert all(f.nearest[1] >= seed_comparison.options.nearest_similarity for f in shown)
    assert any(f.nearest is None for f in seed_comparison.facts)  # not every fact has a close sentence
    for fact in shown:
        other = seed_comparison.document("b" if fact.side == "a" else "a")
        assert fact.nearest[0].startswith(other.side)  # always the other article's sentence
        nearest_text = texts[fact.nearest[0]]
        assert f'href="#{fact.nearest[0]}"' in seed_html
        assert str(markupsafe.escape(nearest_text)) in seed_html
    # Unless it is among the sentences that hold much of the fact, which are shown instead (the next test): one
    # piece of evidence is shown once.
    shown_once = [f for f in shown if f.held is None or f.nearest[0] not in f.held[0]]
    assert seed_html.count('class="fact-nearest"') == len(shown_once)
    unheld = dataclasses.replace(
        seed_comparison, facts=tuple(dataclasses.replace(f, held=None) for f in seed_comparison.facts)
    )
    context = build_context(unheld, generated_at=FIXED_TIME)
    assert render_html(context).count('class="fact-nearest"') == len(shown)
    markdown = render_markdown(context)
    for fact in shown:
        other = seed_comparison.document("b" if fact.side == "a" else "a")
        assert f"closest in {other.label}, similarity {fact.nearest[1]:.2f}" in markdown


def test_a_fact_much_of_which_the_other_article_holds_says_so_to_be_checked_first(
    reworded_seed: Any, seed_html: str, seed_markdown: str
) -> None:
    seed_comparison = reworded_seed  # the seed comparison, when the paraphrase model took part
    texts = {s.id: s.text for side in "ab" for s in seed_comparison.document(side).sentences}
    options = seed_comparison.options
    flagged = [f for f in seed_comparison.facts if f.held is not None]
    assert flagged and len(flagged) < len(seed_comparison.facts)  # some facts, never all
    for fact in flagged:
        holders, share = fact.held
        other = seed_comparison.document("b" if fact.side == "a" else "a")
        assert share >= options.doubt_share and all(i.startswith(other.side) for i in holders)
        # Never a match: the fact stays a fact, its sentences unique.
        assert all(seed_comparison.alignment.sentences[i].status == "unique" for i in fact.sentences)
        item = seed_html.split(f'id="{fact.id}"', 1)[1].split("</li>", 1)[0]
        of = "it" if len(fact.sentences) == 1 else "one of its sentences"  # the share is of one sentence
        assert f"check first, {round(share * 100)}% of {of} in <bdi>{other.label}</bdi>:" in item
        assert all(f'href="#{i}"' in item and str(markupsafe.escape(texts[i])) in item for i in holders)
        # Each shown cut at a word to 160 characters, the whole in its title and in the column the link leads to.
        for i in holders:
            shown_text = texts[i] if len(texts[i]) <= 160 else textwrap.shorten(texts[i], width=160, placeholder=" …")
            assert f">{markupsafe.escape(shown_text)}</bdi></a>" in item and len(shown_text) <= 160
        assert f"check first, {round(share * 100)}% of {of} in {other.label}:" in seed_markdown
    assert seed_html.count('class="fact-held"') == len(flagged)
    # The summary says how many of each side's passages to check first.
    summary = summary_sentence(seed_comparison)
    for side in "ab":
        count = sum(f.held is not None for f in seed_comparison.facts_on(side))
        assert f"does not ({count} of them perhaps in other words: check first)" in summary
    # Below the option's share, nothing is flagged.
    none = compare_loaded(
        load_bytes(SEED_A.read_bytes(), source=SEED_A.name),
        load_bytes(SEED_B.read_bytes(), source=SEED_B.name),
        options=CompareOptions(doubt_share=1.0),
    )
    assert all(f.held is None for f in none.facts)
    assert "check first" not in summary_sentence(none)


def test_facts_to_check_first_are_listed_after_the_others_under_their_own_heading(
    reworded_seed: Any, seed_html: str, seed_markdown: str
) -> None:
    seed_comparison = reworded_seed  # the seed comparison, when the paraphrase model took part
    for side in "ab":
        facts = seed_comparison.facts_on(side)
        sure = [f for f in facts if f.held is None]
        doubted = [f for f in facts if f.held is not None]
        assert sure and doubted  # the seed pair has both on each side, so the order below means something
        other = seed_comparison.document("b" if side == "a" else "a").label
        heading = f"Perhaps said in other words in <bdi>{other}</bdi>: check first"
        column = seed_html.split(f'id="facts-{side}-h"', 1)[1].split("</section>", 1)[0]
        # Each group in article order, the sure ones before the heading, the doubted ones after it.
        before, after = column.split(heading, 1)
        assert re.findall(r'<li id="([^"]+)" class="fact"', before) == [f.id for f in sure]
        assert re.findall(r'<li id="([^"]+)" class="fact"', after) == [f.id for f in doubted]
        # Numbered on from the first list, as the Markdown numbers them.
        assert f'<ol class="doubted" start="{len(sure) + 1}"' in after
        assert after.startswith(f' <span class="count">({len(doubted)})</span></h4>')
        markdown = seed_markdown.split(f"### Only in {seed_comparison.document(side).label} (", 1)[1]
        markdown = markdown.split("\n### ", 1)[0]
        above, below = markdown.split(f"#### Perhaps said in other words in {other}: check first ({len(doubted)})", 1)
        assert re.findall(r"^\| (\d+) \|", above, re.M) == [str(n) for n in range(1, len(sure) + 1)]
        numbers = re.findall(r"^\| (\d+) \|", below, re.M)
        assert numbers == [str(n) for n in range(len(sure) + 1, len(facts) + 1)]
    # With no fact in doubt, one list and no heading.
    unheld = dataclasses.replace(
        seed_comparison, facts=tuple(dataclasses.replace(f, held=None) for f in seed_comparison.facts)
    )
    context = build_context(unheld, generated_at=FIXED_TIME)
    assert "Perhaps said in other words" not in render_html(context) + render_markdown(context)
    assert render_html(context).count('class="doubted"') == 0
    # With every fact in doubt, one list under the heading, numbered from 1.
    everything = dataclasses.replace(
        seed_comparison,
        facts=tuple(dataclasses.replace(f, held=f.held or ((), 0.5)) for f in seed_comparison.facts),
    )
    html = render_html(build_context(everything, generated_at=FIXED_TIME))
    column = html.split('id="facts-a-h"', 1)[1].split("</section>", 1)[0]
    assert "<ol>" not in column and column.count('<ol class="doubted" start="1"') == 1


def test_the_summary_names_facts_the_model_does_not_doubt_before_those_to_check_first(reworded_seed: Any) -> None:
    seed_comparison = reworded_seed
    # The Independent's summary names remarks by people The Irish Times never names, from facts not in doubt.
    summary = summary_sentence(seed_comparison)
    named = summary.split("The Independent carries", 1)[1]
    sure_labels = {f.label for f in seed_comparison.facts_on("b") if f.held is None}
    assert re.findall(r"remarks by ([^,;.]+?)(?:,| and |\.)", named)
    assert all(name in sure_labels for name in re.findall(r"remarks by ([^,;.]+?)(?:,| and |\.)", named))
    # The same facts, all but one doubted: the one not in doubt is named first.
    facts = seed_comparison.facts_on("b")
    chosen = next(f for f in facts if f.label == "Konstantin Kosachyov")
    swapped = tuple(
        dataclasses.replace(f, held=None if f is chosen else (f.held or ((), 0.5))) if f.side == "b" else f
        for f in seed_comparison.facts
    )
    summary = summary_sentence(dataclasses.replace(seed_comparison, facts=swapped))
    assert "among them remarks by Konstantin Kosachyov" in summary.split("The Independent carries", 1)[1]


def test_the_summary_names_people_before_other_names_and_never_a_name_only_quoted() -> None:
    from compare.context import summary_sentence

    one = load_bytes(
        (
            "Harbour row\n\n"
            "The council voted to close the old quay on Monday.\n\n"
            "The plan was first drawn up under the Seaward Compact of 1998.\n\n"
            "Lena Varga, who chairs the harbour board, resigned in protest.\n\n"
            "Critics called the new harbour office a Teflon fortress.\n\n"
            "Fishermen wrote that “Harbour Vultures and Greedy Developers” had won."
        ).encode(),
        source="one.txt",
    )
    two = load_bytes(b"Harbour row\n\nThe council voted to close the old quay on Monday.", source="two.txt")
    summary = summary_sentence(compare_loaded(one, two, options=CompareOptions(semantic=False)))
    assert "a passage on Lena Varga" in summary
    assert summary.index("Lena Varga") < summary.index("Seaward Compact")  # a person first, whatever the order
    assert "Vultures" not in summary and "Greedy" not in summary
    assert "Teflon" not in summary  # a name of no known kind, not named as a thing ("the …")


def test_evidence_beside_a_fact_is_cut_to_160_characters_in_any_script() -> None:
    from compare.context import _shortened

    assert _shortened("A short sentence.") == "A short sentence."
    cut = _shortened("The council " + "voted again " * 30)
    assert len(cut) <= 160 and cut.endswith(" …") and cut.startswith("The council voted")
    # A script written without spaces, or one long address, is cut inside the word, never to "…" alone.
    for text in ("中" * 200, "See https://example.org/" + "x" * 300):
        cut = _shortened(text)
        assert len(cut) == 160 and cut.endswith("…") and text.startswith(cut[:-1])


def test_the_header_counts_every_word_and_says_so_beside_the_body_words_of_the_table(seed_context: ReportContext):
    # The header and the figures table give two counts: each must say which it is, or they read as a contradiction.
    body_words = {f["name"]: f for f in seed_context.figures}["Words (body)"]
    for side in "ab":
        assert seed_context.sides[side]["details"].endswith(f"{seed_context.sides[side]['words']} words in all")
        assert seed_context.sides[side]["words"] > body_words[side]  # the headline counts in all, not in the body


def test_pdf_html_gets_break_points_in_long_words_of_its_text_only() -> None:
    word, address = "a" * (PDF_BREAK_EVERY * 3), "https://example.org/" + "p" * 80
    style = "<style>.x { font-family: " + "f" * 60 + "; }</style>"
    page = f'{style}<p title="{word}"><a href="{address}">{address}</a> {word} short</p>'
    broken = with_break_points(page)
    assert broken.startswith(f'{style}<p title="{word}"><a href="{address}">')  # markup as it was
    assert f" {ZERO_WIDTH_SPACE.join([word[:PDF_BREAK_EVERY]] * 3)} short</p>" in broken
    assert broken.replace(ZERO_WIDTH_SPACE, "") == page
    assert with_break_points("<p>short words only</p>") == "<p>short words only</p>"


def test_a_quote_two_outlets_credit_to_different_people_says_so_in_the_summary_and_the_quotes_table() -> None:
    quote = "“Passengers have been patient, and they deserve a reliable timetable,”"
    text_a = f"Ferry deal agreed\n\nThe ferry strike ended on Monday. {quote} said the chief executive, Mara Olsen."
    text_b = f"Ferry deal agreed\n\nThe ferry strike ended on Monday. {quote} said the union secretary, Lena Brandt."
    comparison = compare_loaded(
        load_bytes(text_a.encode(), source="a.txt"),
        load_bytes(text_b.encode(), source="b.txt"),
        options=CompareOptions(semantic=False),
        label_a="Herald",
        label_b="Courier",
    )
    assert summary_sentence(comparison).endswith("1 quotation both carry is credited to different people.")
    (view,) = [q for q in build_context(comparison, generated_at=FIXED_TIME).quotes if q["status"] == "identical"]
    assert view["speaker"] == "Mara Olsen in Herald; Lena Brandt in Courier"
    assert view["status_label"] == "identical, credited to different people"
    # One speaker on both sides is no disagreement.
    same = compare_loaded(
        load_bytes(text_a.encode(), source="a.txt"),
        load_bytes(text_a.replace("strike ended", "strike stopped").encode(), source="b.txt"),
        options=CompareOptions(semantic=False),
    )
    assert "credited" not in summary_sentence(same)


def test_a_name_respelled_in_every_sentence_is_listed_once_in_the_summary_with_a_count() -> None:
    earlier = "Ann Lowe opened the pier on Monday. Ann Lowe thanked the divers. The ferry runs again."
    comparison = compare_loaded(
        load_bytes(f"Pier opens\n\n{earlier}".encode(), source="a.txt"),
        load_bytes(f"Pier opens\n\n{earlier.replace('Ann', 'Anne')}".encode(), source="b.txt"),
        options=CompareOptions(semantic=False, versions=True),
        label_a="earlier",
        label_b="later",
    )
    assert [c.summary for c in comparison.changes] == ["Ann → Anne", "Ann → Anne"]
    assert summary_sentence(comparison) == (
        "Since the earlier version, the later version changes 2 names: Ann → Anne (in 2 sentences)."
    )


def test_words_a_side_adds_to_sentences_both_carry_are_listed_in_every_report_to_check() -> None:
    comparison = compare_loaded(
        article_from_text(
            "Pier\n\nThe harbour board met on Monday to discuss the storm damage to the pier.\n\nRepairs start in May."
        ),
        article_from_text(
            "Pier\n\nThe harbour board met on Monday to discuss the storm damage to the pier, which insurers put at "
            "four million pounds after an inspection.\n\nRepairs start in May."
        ),
        options=CompareOptions(semantic=False),
        label_a="The Post",
        label_b="The Herald",
    )
    detail = "which insurers put at four million pounds after an inspection"
    context = build_context(comparison, generated_at=FIXED_TIME)
    assert comparison.facts == ()
    # They may be said elsewhere in other words: listed to check, never counted as passages in the summary.
    assert context.summary == "The Post and The Herald carry the same facts: neither has a passage the other lacks."
    markup = render_html(context)
    start = markup.index('<section class="details"')
    section = markup[start : markup.index('<section class="reworded"', start)]
    assert f'<mark class="added">{detail}</mark>' in section
    assert 'href="#b-p2-s1"' in section and 'href="#a-p2-s1"' in section  # the sentence and the one beside it
    assert 'Added by <bdi>The Post</bdi> <span class="count">(0)</span>' in squash(section)
    markdown = render_markdown(context)
    assert "### Words The Herald adds to sentences both carry (1)" in markdown
    assert f"| {detail} | The harbour board met on Monday" in markdown
    # Nothing added: no section at all.
    same = build_context(
        compare_loaded(comparison.a.article, comparison.a.article, options=CompareOptions(semantic=False)),
        generated_at=FIXED_TIME,
    )
    assert '<section class="details"' not in render_html(same) and "adds to sentences" not in render_markdown(same)

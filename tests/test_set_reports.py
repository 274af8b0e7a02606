"""The reports on a set of articles (issue 14): HTML in Chromium, the PDF through poppler, Markdown as text.

The set is the invented three-outlet fixture in ``tests/sets/harbour-bridge/``, compared once per module
with the paraphrase model off (so the facts do not depend on whether the model is installed); what a test
expects is read from that comparison, never written out.  Larger sets (more than 60 facts, eight outlets)
are generated into a temporary folder from invented words.  Browser tests launch Debian's Chromium through
Playwright (`conftest.browser`) and skip when it is missing; PDF tests skip without poppler-utils.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXED_TIME, recorded_page
from test_reports import Page, poppler, squash

from compare.errors import OK
from compare.model import CompareOptions, SetComparison
from compare.pipeline import compare_articles
from compare.render import _render, environment, markdown_cell, render_set, script_hash
from compare.set_context import SetReportContext, build_set_context
from compare.sets import compare_set, compare_set_loaded

FIXTURE = Path(__file__).resolve().parent / "sets" / "harbour-bridge"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
AXE = Path(__file__).resolve().parent / ".node" / "node_modules" / "axe-core" / "axe.min.js"
# Invented outlet names; the second is long and has an ampersand, as real ones do.
LABELS = ["North Ledger", "Evening Courier & Harbour Post", "Radio Nine"]
OFF = CompareOptions(semantic=False)
MARK = "✓"


# -- the sets ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def comparison() -> SetComparison:
    """The fixture set, compared once for the module."""
    return compare_set(sorted(FIXTURE.glob("*.txt")), labels=LABELS, options=OFF)


@pytest.fixture(scope="module")
def context(comparison: SetComparison) -> SetReportContext:
    return build_set_context(comparison, generated_at=FIXED_TIME)


@pytest.fixture(scope="module")
def set_html(comparison: SetComparison) -> str:
    return str(render_set(comparison, "html", generated_at=FIXED_TIME))


@pytest.fixture(scope="module")
def html_path(tmp_path_factory: pytest.TempPathFactory, set_html: str) -> Path:
    path = tmp_path_factory.mktemp("set-html") / "set report.html"
    path.write_text(set_html, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def set_pdf(tmp_path_factory: pytest.TempPathFactory, comparison: SetComparison) -> Path:
    path = tmp_path_factory.mktemp("set-pdf") / "set report.pdf"
    path.write_bytes(bytes(render_set(comparison, "pdf", generated_at=FIXED_TIME)))
    return path


@pytest.fixture(scope="module")
def set_markdown(comparison: SetComparison) -> str:
    return str(render_set(comparison, "md", generated_at=FIXED_TIME))


def test_the_fixture_has_what_the_report_tests_rely_on(comparison: SetComparison) -> None:
    # The engine's side of the contract, so that the tests below test the reports.
    assert len(comparison.documents) == 3
    assert any(f.exclusive for f in comparison.facts) and any(len(f.carried_by) == 3 for f in comparison.facts)
    assert any(1 < len(f.carried_by) < 3 for f in comparison.facts)
    assert all(comparison.exclusives(d) for d in comparison.ids), "every outlet has a fact of its own"
    assert any(q.status == "variant" for q in comparison.quotes)
    assert comparison.changes


def word(k: int) -> str:
    """An invented word for the number `k`: letters only, so no figure is read in it."""
    letters = "bdfgklmnprstvz"
    out = ""
    while True:
        out = letters[k % len(letters)] + out
        k //= len(letters)
        if not k:
            return "qu" + out + "o"


def generated_article(outlet: int, paragraphs: int, shared: int = 2) -> str:
    """An invented article: `shared` paragraphs every generated article carries, then `paragraphs` of its own,
    one sentence each, of words no other article has (so each is a fact only this outlet carries)."""
    common = [
        f"The {word(900 + n)} {word(950 + n)} council approved the {word(990 + n)} plan for the {word(999 + n)} "
        f"quarter after a long debate about roads and schools on {word(1100 + n)} evening."
        for n in range(shared)
    ]
    own = [
        " ".join(word(10_000 * (outlet + 1) + 20 * i + j) for j in range(11)).capitalize() + "."
        for i in range(paragraphs)
    ]
    return f"Headline {word(outlet)} of outlet {word(outlet + 50)}\n\n" + "\n\n".join(common + own) + "\n"


def generated_set(folder: Path, outlets: int, paragraphs: int, labels: list[str] | None = None) -> SetComparison:
    """Write `outlets` generated articles to `folder` and compare them as a set, the model off."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(outlets):
        path = folder / f"{n + 1}.txt"
        path.write_text(generated_article(n, paragraphs), encoding="utf-8")
        paths.append(path)
    return compare_set(paths, labels=labels, options=OFF)


@pytest.fixture(scope="module")
def many_facts(tmp_path_factory: pytest.TempPathFactory) -> SetComparison:
    """Three generated articles of 24 paragraphs of their own: more than 60 facts."""
    return generated_set(tmp_path_factory.mktemp("many-facts"), 3, 24)


@pytest.fixture(scope="module")
def many_outlets(tmp_path_factory: pytest.TempPathFactory) -> SetComparison:
    """Eight generated articles with long names: too many outlets for labels in the matrix's columns."""
    labels = [f"The {word(n).capitalize()} Evening Chronicle and Gazette" for n in range(8)]
    return generated_set(tmp_path_factory.mktemp("many-outlets"), 8, 3, labels)


HOSTILE_LABEL = '<script>alert(1)</script> "Quoted" & Sons'
MD_HOSTILE_LABEL = "Pipe | *Bold* <script>x</script> ~~gone~~"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> SetComparison:
    """The fixture with a fourth article whose label and text carry markup, quotes, pipes and stars."""
    folder = tmp_path_factory.mktemp("hostile")
    text = (
        'Council <script>alert(2)</script> vote "ends" {{ 7*7 }}\n\n'
        'The mayor said <script>alert(3)</script> and <img src=x onerror="alert(4)"> in a statement about the '
        "bridge plan on Tuesday.\n\n"
        "A table | of *starred* words | and <b>bold</b> text ran beside the news about the ferry timetable.\n"
    )
    (folder / "4.txt").write_text(text, encoding="utf-8")
    paths = [*sorted(FIXTURE.glob("*.txt")), folder / "4.txt"]
    return compare_set(paths, labels=[MD_HOSTILE_LABEL, LABELS[1], LABELS[2], HOSTILE_LABEL], options=OFF)


# -- HTML as markup -----------------------------------------------------------------------------

URL_ATTRIBUTES = {"src", "href", "action", "data", "poster", "srcset", "xlink:href", "formaction", "background"}


def test_html_is_self_contained_under_a_csp_naming_its_one_script(set_html: str) -> None:
    page = Page(set_html)
    links = [value for _, name, value in page.attributes if name in URL_ATTRIBUTES]
    assert links and all(value.startswith("#") for value in links), [v for v in links if not v.startswith("#")]
    styles = set_html.split("<style>", 1)[1].split("</style>", 1)[0]
    assert not re.search(r"url\(\s*['\"]?\s*(?:https?:|//|file:)", styles, re.I) and "@import" not in styles
    [csp] = [v for tag, name, v in page.attributes if tag == "meta" and name == "content" and "default-src" in v]
    assert "default-src 'none'" in csp and f"script-src {script_hash('set_report.js')}" in csp
    assert "unsafe-inline'" not in csp.split("script-src", 1)[1]
    assert page.tags.count("script") == 1
    body = set_html.split("<script>", 1)[1].split("</script>", 1)[0]
    assert body == environment().get_template("set_report.js").render()  # the text the hash names


def test_html_has_every_section_in_order(set_html: str, context: SetReportContext) -> None:
    headings = re.findall(r'<h2 id="([\w-]+)">', set_html)
    assert headings == ["summary-h", "coverage-h", "matrix-h", "exclusives-h", "changes-h", "quotes-h", "entities-h"]
    text = Page(set_html).text
    assert squash(context.summary) in text
    for outlet in context.outlets:
        assert squash(outlet["title"]) in text and outlet["source"] in text
    for item in context.inputs:
        assert item["sha256"] in set_html
    assert context.semantic in text and f"on {FIXED_TIME}." in text


def test_each_outlet_has_a_coverage_strip_of_its_sentences_sized_by_words(
    set_html: str, comparison: SetComparison
) -> None:
    for document in comparison.documents:
        strip = re.search(
            rf'<div class="strip" role="img" aria-label="([^"]*)" data-outlet="{document.side}">(.*?)</div>',
            set_html,
            re.S,
        )
        assert strip, document.side
        label, segments = html.unescape(strip.group(1)), strip.group(2)
        found = re.findall(r'class="seg seg-(\w+)" style="flex-grow: (\d+)"', segments)
        assert len(found) == len(document.body_sentences)
        others = len(comparison.documents) - 1
        for (level, _), sentence in zip(found, document.body_sentences, strict=True):
            carried = len(comparison.sentences[sentence.id].carried_by)
            assert level == ("all" if carried == others else "some" if carried else "none")
        assert label.startswith(f"{document.label}: ")  # the text alternative names the outlet
        assert label.endswith(", ".join(level for level, _ in found) + ".")


def test_print_edition_has_no_controls_and_puts_the_matrix_before_the_lists(context: SetReportContext) -> None:
    printed = _render("set_report.html.j2", context, medium="print", script="set_report.js")
    page = Page(printed)
    assert not {"button", "select", "details", "script", "input"} & set(page.tags)
    assert 'class="coverage"' not in printed  # the strips are for the screen
    order = [printed.index(f'id="{h}"') for h in ("summary-h", "matrix-h", "exclusives-h", "changes-h", "quotes-h")]
    assert order == sorted(order)
    assert f"size: {context.paper};" in printed


def test_many_outlets_get_letters_in_the_columns_and_a_legend(many_outlets: SetComparison) -> None:
    markup = str(render_set(many_outlets, "html", generated_at=FIXED_TIME))
    head = markup.split('<table class="matrix', 1)[1].split("</thead>", 1)[0]
    assert "col-short" not in head  # letters only: eight long names would not fit
    legend = re.search(r'<p class="legend matrix-legend">(.*?)</p>', markup, re.S)
    assert legend
    text = Page(legend.group(1)).text
    for document in many_outlets.documents:
        assert f"{document.side.upper()} {document.label}" in text
    # Each column still has its full name for a screen reader and a pointer.
    for document in many_outlets.documents:
        assert f'title="{html.escape(document.label)}" data-outlet="{document.side}"' in head


def test_a_set_without_facts_says_so_instead_of_an_empty_matrix(context: SetReportContext) -> None:
    from dataclasses import replace

    empty = replace(context, facts=[], exclusives=[{**x, "facts": []} for x in context.exclusives])
    markup = _render("set_report.html.j2", empty, medium="screen", script="set_report.js")
    assert 'id="matrix"' not in markup and 'id="matrix-tools"' not in markup
    assert "No facts: none of the articles has body text to compare." in Page(markup).text
    assert Page(markup).text.count("Nothing: another outlet carries every fact it has.") == len(context.outlets)
    text = environment(markdown=True).get_template("set_report.md.j2").render(**empty.as_dict())
    assert "| Fact |" not in text and "No facts: none of the articles has body text to compare." in text


# -- untrusted labels and text ------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_html(hostile: SetComparison) -> str:
    return str(render_set(hostile, "html", generated_at=FIXED_TIME))


def test_labels_and_text_with_markup_or_quotes_never_make_markup(hostile_html: str, set_html: str) -> None:
    assert "<script>alert" not in hostile_html and "<img" not in hostile_html
    page = Page(hostile_html)
    assert page.tags.count("script") == 1  # the report's own
    assert not {"img", "b", "iframe", "object", "embed", "link", "base"} & set(page.tags)
    assert not [name for _, name, _ in page.attributes if name.startswith("on")]
    # Attributes stay whole: a quote or a space in a label never closes one or starts another.
    assert {name for _, name, _ in page.attributes} <= {name for _, name, _ in Page(set_html).attributes}
    titles = [value for tag, name, value in page.attributes if tag == "th" and name == "title"]
    assert titles.count(HOSTILE_LABEL) == titles.count(MD_HOSTILE_LABEL) == 2  # the matrix's and the names' heads
    options = re.findall(r"<option [^>]*>(.*?)</option>", hostile_html)
    assert any(html.unescape(o).startswith(f"only in D: {HOSTILE_LABEL}") for o in options)
    # Shown as text, where a reader can see it.
    assert f"Only in {HOSTILE_LABEL}" in page.text
    assert 'The mayor said <script>alert(3)</script> and <img src=x onerror="alert(4)">' in page.text
    assert 'vote "ends" {{ 7*7 }}' in page.text  # template syntax in an article is never evaluated


# -- Markdown -------------------------------------------------------------------------------------


def matrix_rows(markdown: str) -> tuple[list[str], list[list[str]]]:
    """The head cells and the body rows (cells) of the Markdown matrix table."""
    section = markdown.split("### Facts by outlet", 1)[1].split("\n### ", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("|")]
    cells = [[c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]] for line in lines]
    assert set(lines[1]) <= set("|-: "), lines[1]  # the delimiter row
    return cells[0], cells[2:]


def test_markdown_matrix_has_a_row_per_fact_marked_in_the_right_columns(
    set_markdown: str, context: SetReportContext
) -> None:
    head, rows = matrix_rows(set_markdown)
    assert head == ["Fact", *(o["letter"] for o in context.outlets)]
    assert len(rows) == len(context.facts) == context.event["facts"]
    for row, fact in zip(rows, context.facts, strict=True):
        assert row[0].startswith(markdown_cell(fact["label"]))
        assert [cell == MARK for cell in row[1:]] == fact["carried"], fact["id"]
        assert all(cell in (MARK, "") for cell in row[1:])
    assert "left out of this table" not in set_markdown


def test_an_outlets_words_are_its_body_words_as_a_pairs_report_counts_them(context: SetReportContext) -> None:
    first, *others = sorted(FIXTURE.glob("*.txt"))
    for other, outlet in zip(others, context.outlets[1:], strict=True):
        pair = compare_articles(first, other, options=OFF)
        assert outlet["words"] == pair.stats.b.body_words
        assert context.outlets[0]["words"] == pair.stats.a.body_words
    # The headline is not in the count, so the whole text has more words.
    assert context.outlets[0]["words"] < len(first.read_text(encoding="utf-8").split())


def test_markdown_opens_with_the_summary_and_figures_and_lists_the_changes(
    set_markdown: str, context: SetReportContext, comparison: SetComparison
) -> None:
    heading, summary, *_ = set_markdown.split("\n\n")
    assert heading == f"## {context.title}"
    assert summary.replace("\\", "") == context.summary
    for outlet in context.outlets:
        row = next(line for line in set_markdown.splitlines() if line.startswith(f"| {outlet['letter']} · "))
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", row)[1:-1]]
        assert cells[2:] == [
            str(outlet["words"]),
            str(outlet["facts"]),
            f"{outlet['share']}%",
            str(outlet["exclusives"]),
        ]
    changes = set_markdown.split(f"### Where outlets disagree ({len(comparison.changes)})", 1)[1]
    items = [line for line in changes.splitlines() if line.startswith("- ")]
    assert len(items) == len(comparison.changes)
    for item, change in zip(items, comparison.changes, strict=True):
        assert item.startswith(f"- **{change.kind}**: ")
        for document_id, value in change.texts.items():
            label = comparison.document(document_id).label
            assert f"{document_id.upper()} · {markdown_cell(label)}: {value}" in item.replace("\\", "")


def test_markdown_escapes_untrusted_labels_and_fact_text(hostile: SetComparison) -> None:
    markdown = str(render_set(hostile, "md", generated_at=FIXED_TIME))
    own = ("<details>", "<summary>", "</summary>", "</details>", "<sub>", "</sub>")  # the template's own tags
    stripped = markdown
    for tag in own:
        stripped = stripped.replace(tag, "")
    assert re.findall(r"(?<!\\)<", stripped) == []  # every other "<" is escaped, so no HTML reaches a viewer
    assert "~~gone~~" not in markdown and "*Bold*" not in markdown.replace("\\*Bold\\*", "")
    head, rows = matrix_rows(markdown)
    assert len(head) == 5 and all(len(row) == 5 for row in rows)  # no pipe in a label or a fact split a row
    figures = [line for line in markdown.splitlines() if line.startswith("| A · ")]
    assert len(figures) == 1 and len(re.findall(r"(?<!\\)\|", figures[0])) == 7  # six columns
    assert "\\<script\\>alert(1)\\</script\\>" in markdown  # the label, shown as text
    piped = [row for row in rows if "starred" in row[0]]
    assert piped and "\\|" in piped[0][0] and "\\*starred\\*" in piped[0][0]


def test_markdown_caps_the_matrix_at_60_rows_and_says_how_many_are_left_out(many_facts: SetComparison) -> None:
    total = len(many_facts.facts)
    assert total > 60
    markdown = str(render_set(many_facts, "md", generated_at=FIXED_TIME))
    _, rows = matrix_rows(markdown)
    assert len(rows) == 60
    assert f"*{total - 60} more facts left out of this table (it shows the first 60 of {total}" in markdown
    context = build_set_context(many_facts, generated_at=FIXED_TIME)
    assert [row[0] for row in rows] == [markdown_cell(f["label"]) for f in context.facts[:60]]


# -- PDF --------------------------------------------------------------------------------------------


def test_pdf_text_has_the_summary_every_outlet_and_every_exclusive(set_pdf: Path, context: SetReportContext) -> None:
    text = squash(poppler("pdftotext", "-enc", "UTF-8", set_pdf, "-"))
    assert squash(context.summary) in text
    for outlet in context.outlets:
        assert outlet["label"] in text
        assert f"Only in {outlet['label']} ({outlet['exclusives']})" in text
    exclusives = [f for x in context.exclusives for f in x["facts"]]
    assert len(exclusives) == context.event["exclusives"] > 0
    lists = text[text.index("Only in one outlet") :]
    for fact in exclusives:
        assert squash(fact["label"]) in lists
        assert squash(fact["texts"][0]["text"]) in lists
    # Then where outlets disagree and the quotes, and no control of the screen edition.
    assert text.index("Only in one outlet") < text.index("Where outlets disagree") < text.index("Quotes by outlet")
    assert "Fewest outlets first" not in text and "all facts (" not in text
    assert text.startswith(f"article-compare · {context.title}")  # the running header


def test_pdf_first_page_holds_the_matrix(set_pdf: Path, context: SetReportContext) -> None:
    first = poppler("pdftotext", "-enc", "UTF-8", "-f", "1", "-l", "1", set_pdf, "-")
    flat = squash(first)
    assert f"Facts by outlet ({context.event['facts']})" in flat
    # A label wrapped over two lines of its cell comes out in pieces, among the table's other cells: its opening
    # words say its row is on this page.
    for fact in context.facts:
        assert squash(" ".join(fact["label"].split()[:5])) in flat, fact["label"]
    assert first.count(MARK) == sum(f["count"] for f in context.facts)  # every mark, on page one


def png_size(data: bytes) -> tuple[int, int]:
    """The width and height in a PNG's IHDR chunk."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_pdftoppm_renders_the_pages_with_the_matrix_colours(set_pdf: Path, tmp_path: Path) -> None:
    pages = int(re.search(r"Pages:\s+(\d+)", poppler("pdfinfo", set_pdf)).group(1))  # type: ignore[union-attr]
    assert 2 <= pages <= 6
    poppler("pdftoppm", "-r", "60", "-png", set_pdf, tmp_path / "page")
    images = sorted(tmp_path.glob("page-*.png"))
    assert len(images) == pages
    width, height = png_size(images[0].read_bytes())
    assert abs(height / width - 297 / 210) < 0.01  # A4
    # Page one in raw pixels (PPM): the matrix's marks are on it, in the palette's colours.
    poppler("pdftoppm", "-r", "40", "-f", "1", "-l", "1", set_pdf, tmp_path / "raw")
    [raw] = tmp_path.glob("raw-*.ppm")
    data = raw.read_bytes()
    header = data.split(b"\n", 3)
    pixels = header[3]
    palette = environment().get_template("palette.css").module.colours  # type: ignore[attr-defined]
    for name in ("shared", "partial", "unique"):
        rgb = bytes.fromhex(palette[name][1:])
        found = sum(1 for n in range(0, len(pixels) - 2, 3) if pixels[n : n + 3] == rgb)
        assert found > 50, (name, found)


def test_pdf_paper_letter(comparison: SetComparison, tmp_path: Path) -> None:
    path = tmp_path / "letter.pdf"
    path.write_bytes(bytes(render_set(comparison, "pdf", generated_at=FIXED_TIME, paper="letter")))
    assert re.search(r"Page size:\s+612 x 792 pts \(letter\)", poppler("pdfinfo", path))


# -- HTML in Chromium -------------------------------------------------------------------------------


@pytest.fixture
def page(browser: Any, html_path: Path) -> Iterator[Any]:
    """The fixture's HTML report in a desktop-sized page, its requests, console errors and dialogs recorded."""
    with recorded_page(browser, html_path.as_uri(), viewport={"width": 1280, "height": 900}) as opened:
        yield opened


def visible_row_ids(page: Any) -> list[str]:
    """The ids of the matrix rows on show, top to bottom."""
    return list(page.eval_on_selector_all("#matrix tbody tr", "rows => rows.filter(r => !r.hidden).map(r => r.id)"))


@pytest.mark.browser
def test_page_loads_nothing_else_and_its_script_runs_under_the_csp(page: Any, html_path: Path) -> None:
    page.wait_for_load_state("load")
    assert page.requests == [html_path.as_uri()]
    assert page.errors == []  # a CSP refusal would be a console error
    assert page.locator("#matrix-tools").is_visible()  # shown by the script: it ran
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "set-report.png"), full_page=False)


@pytest.mark.browser
def test_matrix_has_a_row_per_fact_and_a_mark_column_per_outlet(page: Any, comparison: SetComparison) -> None:
    heads = page.eval_on_selector_all("#matrix thead th.outlet-col", "ths => ths.map(t => [t.dataset.outlet, t.title])")
    assert heads == [[d.side, d.label] for d in comparison.documents]
    rows = page.eval_on_selector_all(
        "#matrix tbody tr",
        """rows => rows.map(r => [r.id, Array.from(r.querySelectorAll('td.mark')).map(
               c => [c.dataset.outlet, c.classList.contains('yes'),
                      Array.from(c.querySelectorAll('[aria-hidden=true]')).map(s => s.innerText).join('')])])""",
    )
    facts = {f.id: f for f in comparison.facts}
    assert sorted(row_id for row_id, _ in rows) == sorted(facts)
    for row_id, cells in rows:
        assert [outlet for outlet, _, _ in cells] == list(comparison.ids)
        assert tuple(outlet for outlet, yes, _ in cells if yes) == facts[row_id].carried_by
        assert all(text == (MARK if yes else "") for _, yes, text in cells)  # what the eye sees
    # A screen reader hears each cell, a mark or not: its text with the hidden words.
    spoken = page.eval_on_selector_all(
        "#matrix tbody td.mark", "cells => cells.map(c => [c.classList.contains('yes'), c.textContent.trim()])"
    )
    assert len(spoken) == len(comparison.facts) * len(comparison.documents)
    assert all(text == (f"{MARK}carried" if yes else "not carried") for yes, text in spoken)


@pytest.mark.browser
def test_the_sort_button_reorders_rows_by_how_many_carry_them(page: Any, context: SetReportContext) -> None:
    default = [f["id"] for f in context.facts]
    assert visible_row_ids(page) == default
    counts = {f["id"]: f["count"] for f in context.facts}
    button = page.get_by_role("button", name="Fewest outlets first")
    button.click()
    ascending = visible_row_ids(page)
    assert ascending != default and sorted(ascending) == sorted(default)
    assert [counts[i] for i in ascending] == sorted(counts[i] for i in ascending)
    # Ties keep the story's order: the default order of the facts one count apart.
    for count in set(counts.values()):
        assert [i for i in ascending if counts[i] == count] == [i for i in default if counts[i] == count]
    assert button.get_attribute("aria-pressed") == "true"
    assert page.locator("#count-h").get_attribute("aria-sort") == "ascending"
    button.click()
    assert visible_row_ids(page) == default
    assert page.locator("#count-h").get_attribute("aria-sort") == "descending"


@pytest.mark.browser
def test_the_filter_shows_exactly_one_outlets_exclusives(page: Any, comparison: SetComparison) -> None:
    select = page.get_by_label("Show")
    for document_id in comparison.ids:
        select.select_option(document_id)
        expected = [f.id for f in comparison.exclusives(document_id)]
        assert expected and sorted(visible_row_ids(page)) == sorted(expected), document_id
        assert (
            page.locator("#matrix-status").inner_text() == f"Showing {len(expected)} of {len(comparison.facts)} facts."
        )
    select.select_option("every")
    everyone = [f.id for f in comparison.facts if len(f.carried_by) == len(comparison.documents)]
    assert sorted(visible_row_ids(page)) == sorted(everyone)
    select.select_option("all")
    assert len(visible_row_ids(page)) == len(comparison.facts)


@pytest.mark.browser
def test_enter_on_a_row_reveals_each_outlets_wording_side_by_side(page: Any, comparison: SetComparison) -> None:
    fact = next(f for f in comparison.facts if len(f.carried_by) == len(comparison.documents))
    row = page.locator(f"#matrix tr[id='{fact.id}']")
    wordings = row.locator(".wording")
    assert not wordings.first.is_visible()
    row.locator("summary").focus()
    page.keyboard.press("Enter")
    assert row.locator("details").evaluate("d => d.open")
    shown = wordings.evaluate_all("ws => ws.map(w => [w.dataset.outlet, w.querySelector('.wording-text').innerText])")
    assert [outlet for outlet, _ in shown] == list(fact.carried_by)
    assert [squash(text) for _, text in shown] == [squash(fact.texts[d]) for d in fact.carried_by]
    tops = [box["y"] for box in (wordings.nth(n).bounding_box() for n in range(wordings.count())) if box]
    assert len(set(tops)) == 1, "side by side on a desktop screen"
    page.keyboard.press("Space")
    assert not row.locator("details").evaluate("d => d.open")
    # A click anywhere on the row opens it too, a mark's cell included.
    row.locator("td.mark").last.click()
    assert row.locator("details").evaluate("d => d.open") and wordings.first.is_visible()


@pytest.mark.browser
def test_a_link_from_the_exclusives_opens_its_row_even_when_filtered_away(page: Any, comparison: SetComparison) -> None:
    fact = comparison.exclusives(comparison.ids[0])[0]
    page.get_by_label("Show").select_option(comparison.ids[1])
    assert fact.id not in visible_row_ids(page)
    page.locator(f".exclusive-list a[href='#{fact.id}']").click()
    assert fact.id in visible_row_ids(page)
    assert page.locator(f"#matrix tr[id='{fact.id}'] details").evaluate("d => d.open")


@pytest.mark.browser
def test_axe_core_finds_no_violations(browser: Any, html_path: Path) -> None:
    if not AXE.exists():
        pytest.skip("axe-core is installed by tests/run.sh (npm)")
    context = browser.new_context(bypass_csp=True)  # axe is a script added to the page
    page = context.new_page()
    page.goto(html_path.as_uri())
    page.locator("#matrix tbody tr summary").first.click()  # an open row is checked too
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    context.close()
    found = [(v["impact"], v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
    assert found == []


@pytest.mark.browser
@pytest.mark.parametrize("which", ["fixture", "many_outlets"])
def test_no_horizontal_page_scroll_on_a_phone(
    browser: Any, which: str, html_path: Path, many_outlets: SetComparison, tmp_path: Path
) -> None:
    path = html_path
    if which == "many_outlets":
        path = tmp_path / "many.html"
        path.write_text(str(render_set(many_outlets, "html", generated_at=FIXED_TIME)), encoding="utf-8")
    phone = browser.new_page(viewport={"width": 375, "height": 800})
    phone.goto(path.as_uri())
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    box = phone.locator(".matrix-scroll").bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375
    strip = phone.locator(".strip").first.bounding_box()
    assert strip is not None and strip["x"] + strip["width"] <= 375
    # An outlet's name in the figures table breaks between its words, never inside one ("Coastli/ne").
    assert phone.eval_on_selector_all(".outlet-figures tbody th", WORDS_UNBROKEN) == []
    if which == "fixture":  # an outlet named in one long word, as many are
        one_word = tmp_path / "one-word.html"
        labels = ["The Morning Chronicle of the Coast", "HarbourPostDaily", "Radio Nine"]
        one_word_set = compare_set(sorted(FIXTURE.glob("*.txt")), labels=labels, options=OFF)
        one_word.write_text(str(render_set(one_word_set, "html", generated_at=FIXED_TIME)), encoding="utf-8")
        phone.goto(one_word.as_uri())
        assert phone.eval_on_selector_all(".outlet-figures tbody th", WORDS_UNBROKEN) == []
        assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    if which == "many_outlets":  # the matrix scrolls inside its own box, which a keyboard can reach
        assert phone.evaluate("(e => e.scrollWidth > e.clientWidth)(document.querySelector('.matrix-scroll'))")
        assert phone.locator(".matrix-scroll").get_attribute("tabindex") == "0"
    phone.close()


# The words of each element that are cut over two lines (each word's text measured alone, unwrapped, against the
# width its element gives it).
WORDS_UNBROKEN = """cells => {
    const probe = document.createElement('span');
    probe.style.whiteSpace = 'nowrap';
    document.body.appendChild(probe);
    const broken = [];
    for (const cell of cells) {
        const style = getComputedStyle(cell);
        probe.style.font = style.font;
        const room = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        for (const word of cell.innerText.split(/\\s+/).filter(Boolean)) {
            probe.textContent = word;
            if (probe.getBoundingClientRect().width > room + 0.5) broken.push(word);
        }
    }
    probe.remove();
    return broken;
}"""


@pytest.mark.browser
def test_report_reads_and_rows_open_with_javascript_off(
    browser: Any, html_path: Path, comparison: SetComparison
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(html_path.as_uri())
    assert not page.locator("#matrix-tools").is_visible()  # no control that would do nothing
    assert len(visible_row_ids(page)) == len(comparison.facts)
    fact = comparison.facts[0]
    row = page.locator(f"#matrix tr[id='{fact.id}']")
    row.locator("summary").click()
    assert row.locator(".wording").first.is_visible()
    text = page.inner_text("body")
    context.close()
    for heading in ("Facts by outlet", "Only in one outlet", "Where outlets disagree", "Quotes by outlet"):
        assert heading in text


@pytest.mark.browser
def test_hostile_set_stays_inert_in_the_browser(browser: Any, hostile_html: str, tmp_path: Path) -> None:
    path = tmp_path / "hostile.html"
    path.write_text(hostile_html, encoding="utf-8")
    with recorded_page(browser, path.as_uri()) as page:
        page.locator("#matrix summary").evaluate_all("ss => ss.forEach(s => s.click())")  # every wording shown
        page.wait_for_timeout(200)
        body = page.inner_text("body")
    assert page.dialogs == [] and page.requests == [path.as_uri()]
    assert HOSTILE_LABEL in body and "<script>alert(3)</script>" in body


def test_the_command_line_writes_the_three_formats(tmp_path: Path) -> None:
    from compare.cli import main

    paths = [str(p) for p in sorted(FIXTURE.glob("*.txt"))]
    for suffix in ("html", "md", "pdf"):
        target = tmp_path / f"set.{suffix}"
        argv = [*paths, "-o", str(target), "--generated-at", FIXED_TIME, "--set", "semantic=false"]
        assert main(argv) == OK, suffix
        assert target.stat().st_size > 1000
    assert (tmp_path / "set.md").read_text(encoding="utf-8").startswith("## 3 outlets: ")
    assert (tmp_path / "set.pdf").read_bytes().startswith(b"%PDF-")


def test_the_print_edition_cuts_long_lists_and_says_what_it_left_out(context: SetReportContext) -> None:
    from dataclasses import replace

    from compare.render import MAX_PRINT_ITEMS, MAX_PRINT_ROWS, set_print_edition

    assert set_print_edition(context) == context  # a real set is far inside the budget
    many = MAX_PRINT_ITEMS + 1
    outlet = context.exclusives[1] | {"facts": [context.facts[0]] * many, "count": many}
    long = replace(
        context,
        quotes=[context.quotes[0]] * many,
        exclusives=[context.exclusives[0], outlet],
        facts=[context.facts[0]] * (MAX_PRINT_ROWS + 1),
    )
    edition = set_print_edition(long)
    assert len(edition.quotes) == MAX_PRINT_ITEMS == len(edition.exclusives[1]["facts"])
    assert len(edition.facts) == MAX_PRINT_ROWS and edition.exclusives[1]["count"] == many
    assert f"the first {MAX_PRINT_ROWS} of {MAX_PRINT_ROWS + 1} rows of the matrix" in edition.print_note
    assert edition.exclusives[0] == context.exclusives[0] and edition.changes == context.changes
    assert f"the first {MAX_PRINT_ITEMS} of {many} quotes" in edition.print_note
    assert f"facts only {outlet['label']} carries" in edition.print_note
    html_text = html.unescape(_render("set_report.html.j2", edition, medium="print", script="set_report.js"))
    assert edition.print_note in html_text
    assert f"({many})" in html_text  # the outlet's heading counts all its exclusives, not the printed ones


def test_a_disagreement_shows_each_outlets_sentence_with_its_value_marked(
    comparison: SetComparison, context: SetReportContext, set_html: str
) -> None:
    sentences = {s.id: s.text for d in comparison.documents for s in d.sentences}
    [change] = context.changes
    for side in change["texts"]:
        assert side["before"] + side["text"] + side["after"] == sentences[side["anchor"]]
        assert side["text"] and side["text"] in ("40,000", "45,000")
    section = set_html.split('id="changes-h"', 1)[1].split("</section>", 1)[0]
    assert section.count('<mark class="value">') == len(change["texts"])
    assert "vehicles cross the bridge every day" in html.unescape(squash(section))


def test_a_remark_quoted_at_different_lengths_is_not_marked_as_worded_differently() -> None:
    from compare.load import load_bytes

    longer = 'The harbour master spoke on Monday. "The wall will hold for years. We will check it again in May."'
    shorter = 'The harbour master said on Monday that the wall "will hold for years."'
    other = 'The harbour master said: "The wall will hold, but the pier will not."'
    articles = [
        load_bytes(f"Harbour wall\n\n{text}\n".encode(), source=f"{n}.txt")
        for n, text in enumerate((longer, shorter, other), start=1)
    ]
    context = build_set_context(compare_set_loaded(articles, labels=LABELS, options=OFF), generated_at=FIXED_TIME)
    cut_short = [q for q in context.quotes if q["status_label"] == "quoted at different lengths"]
    assert len(cut_short) == 1
    # The shorter wording ends "years." where the longer goes on: the same word, so nothing in it is marked.
    shorter_wording = next(w for w in cut_short[0]["wordings"] if w["id"] == "b")
    assert [kind for kind, _ in shorter_wording["tokens"]] == ["text"]
    differs = [q for q in context.quotes if q["status_label"] == "worded differently"]
    assert all(any(kind == "changed" for w in q["wordings"] for kind, _ in w["tokens"]) for q in differs)

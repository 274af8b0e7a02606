"""The HTML report in a real headless Chromium (Debian's), driven by Playwright.

Checks what an editor does with the page: nothing loads from elsewhere, no
console errors, clicking a fact scrolls to and highlights its passage,
focusing a sentence highlights its counterpart, the differences-only toggle
hides shared rows, the page reads with JavaScript off, and hostile article
content stays inert.  A screenshot is saved in tests/artifacts/.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import recorded_page

from compare.cli import main
from compare.errors import OK

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def seed_html(tmp_path_factory: pytest.TempPathFactory, seed_paths: tuple[Path, Path]) -> Path:
    path = tmp_path_factory.mktemp("html") / "report.html"
    assert (
        main([str(seed_paths[0]), str(seed_paths[1]), "-o", str(path), "--generated-at", "2017-02-16T12:00:00Z"]) == OK
    )
    return path


@pytest.fixture
def page(browser: Any, seed_html: Path) -> Iterator[Any]:
    with recorded_page(browser, seed_html.as_uri(), viewport={"width": 1280, "height": 900}) as opened:
        yield opened


def test_page_loads_nothing_else_and_logs_no_errors(page: Any, seed_html: Path):
    page.wait_for_load_state("load")
    assert page.errors == []
    assert page.requests == [seed_html.as_uri()]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report-seeds.png"), full_page=False)
    assert (ARTIFACTS / "report-seeds.png").stat().st_size > 10_000


def test_clicking_a_fact_scrolls_to_and_highlights_its_passage(page: Any):
    link = page.locator(".fact-label", has_text="Jens Stoltenberg").first
    target = link.get_attribute("data-target")
    fact_sentences = (page.locator(".fact", has=link).get_attribute("data-sentences") or "").split()
    assert target in fact_sentences
    link.click()
    sentence = page.locator(f"[id='{target}']")
    box = sentence.bounding_box()
    assert box is not None and 0 <= box["y"] <= 900, "the passage is scrolled into view"
    texts = []
    for sentence_id in fact_sentences:
        element = page.locator(f"[id='{sentence_id}']")
        assert "highlight" in (element.get_attribute("class") or "")
        texts.append(element.inner_text())
    assert any("Stoltenberg" in text for text in texts)
    assert page.locator(".highlight").count() == len(fact_sentences), "only the fact's passage is highlighted"
    assert page.url.endswith("#" + target)


def test_focusing_a_sentence_highlights_its_counterparts(page: Any):
    shared = page.locator(".sent.s-shared[data-matches]").first
    counterparts = (shared.get_attribute("data-matches") or "").split()
    assert counterparts
    shared.focus()
    for other in counterparts:
        assert "highlight" in (page.locator(f"[id='{other}']").get_attribute("class") or "")
    # Sentences take focus from a click or a jump, not from Tab: keyboard users step through paragraphs.
    assert shared.get_attribute("tabindex") == "-1"


def test_differences_only_toggle_hides_shared_rows_and_keeps_unique_ones(page: Any):
    rows = page.locator(".rows .row:not(.head)")
    visible_before = sum(rows.nth(i).is_visible() for i in range(rows.count()))
    same = page.locator(".row-same, .row-furniture")
    assert same.count() > 0
    page.check("#only-differences")
    visible_after = sum(rows.nth(i).is_visible() for i in range(rows.count()))
    assert visible_after == visible_before - same.count()
    assert page.locator(".para-unique").first.is_visible()
    page.uncheck("#only-differences")
    assert sum(rows.nth(i).is_visible() for i in range(rows.count())) == visible_before


def test_report_reads_with_javascript_off(browser: Any, seed_html: Path):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(seed_html.as_uri())
    text = page.inner_text("body")
    context.close()
    assert "Only in The Independent" in text and "Quotes compared" in text and "Side by side" in text


def test_hostile_article_stays_inert_in_the_browser(
    browser: Any, tmp_path: Path, http_server: Any, seed_paths: tuple[Path, Path]
):
    canary_url = http_server.url("/canary.png")
    hostile = tmp_path / "hostile.html"
    hostile.write_text(
        "<html><head><title>Hostile page</title></head><body><article><h1>Council approves budget</h1>"
        "<p>The council approved the budget on Monday after a long debate about road repairs.</p>"
        f'<p>Officials said &lt;script&gt;alert(1)&lt;/script&gt; and &lt;img src="{canary_url}" '
        'onerror="alert(2)"&gt; would appear as text, as would {{ 7*7 }} and javascript:alert(3).</p>'
        f'<p><img src="{canary_url}"><script>alert(4)</script><iframe src="{canary_url}"></iframe>'
        "The mayor said the vote was a turning point for the town and its residents.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    out = tmp_path / "hostile-report.html"
    assert main([str(hostile), str(seed_paths[1]), "-o", str(out)]) == OK
    with recorded_page(browser, out.as_uri()) as page:
        page.wait_for_timeout(300)
        body = page.inner_text("body")
    assert page.dialogs == []
    assert page.requests == [out.as_uri()]
    assert http_server.requests == []
    assert "<script>alert(1)</script>" in body and "{{ 7*7 }}" in body


def test_reworded_pairs_link_to_their_sentences_styled_apart(page: Any):
    sentence = page.locator(".sent.s-reworded").first
    shared = page.locator(".sent.s-shared").first
    colour = "el => getComputedStyle(el).backgroundColor"
    assert sentence.evaluate(colour) not in (shared.evaluate(colour), "rgba(0, 0, 0, 0)")
    assert (sentence.get_attribute("title") or "").startswith("reworded: said in other words in ")
    pair = page.locator(".reworded-table tr.reworded-pair").first
    link_b = pair.locator(".reworded-b a")
    target = link_b.get_attribute("data-target")
    assert target and target.startswith("b-")
    link_b.click()
    element = page.locator(f"[id='{target}']")
    box = element.bounding_box()
    assert box is not None and 0 <= box["y"] <= 900, "the sentence is scrolled into view"
    assert "highlight" in (element.get_attribute("class") or "")
    # Its counterpart, A's wording in the same pair, lights up with it.
    counterpart = pair.locator(".reworded-a a").get_attribute("data-target")
    assert "highlight" in (page.locator(f"[id='{counterpart}']").get_attribute("class") or "")


def test_reworded_pairs_stack_on_a_narrow_screen(browser: Any, seed_html: Path):
    context = browser.new_context(viewport={"width": 400, "height": 900})
    page = context.new_page()
    page.goto(seed_html.as_uri())
    pair = page.locator(".reworded-table tr.reworded-pair").first
    a_box = pair.locator(".reworded-a").bounding_box()
    b_box = pair.locator(".reworded-b").bounding_box()
    badge_visible = pair.locator(".reworded-b .cell-badge").is_visible()
    table = page.locator(".reworded-table").bounding_box()
    context.close()
    assert a_box is not None and b_box is not None
    assert b_box["y"] >= a_box["y"] + a_box["height"] - 1, "B's wording sits under A's"
    assert badge_visible
    assert table is not None and table["x"] + table["width"] <= 400, "the pairs do not run off the side"


@pytest.fixture(scope="module")
def versions_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from test_reports import EARLIER, LATER

    folder = tmp_path_factory.mktemp("versions")
    (folder / "earlier.txt").write_text(EARLIER, encoding="utf-8")
    (folder / "later.txt").write_text(LATER, encoding="utf-8")
    path = folder / "report.html"
    argv = [
        str(folder / "earlier.txt"),
        str(folder / "later.txt"),
        "-o",
        str(path),
        "--generated-at",
        "2017-02-16T12:00:00Z",
    ]
    assert main([*argv, "--set", "versions=true", "--set", "semantic=false"]) == OK
    return path


def test_clicking_a_change_highlights_its_sentence_in_the_columns(browser: Any, versions_html: Path):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(versions_html.as_uri())
    link = page.locator("tr.change-figure td.change-b a")
    assert link.locator("ins").inner_text() == "260"
    target = link.get_attribute("data-target")
    link.click()
    sentence = page.locator(f".sent[id='{target}']")
    assert "260" in sentence.inner_text()
    assert "highlight" in (sentence.get_attribute("class") or "")
    box = sentence.bounding_box()
    assert box is not None and 0 <= box["y"] <= 900, "the sentence is scrolled into view"
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("section.redline").screenshot(path=str(ARTIFACTS / "report-redline.png"))
    context.close()


def test_changes_and_redline_fit_a_narrow_screen(browser: Any, versions_html: Path):
    context = browser.new_context(viewport={"width": 400, "height": 900})
    page = context.new_page()
    page.goto(versions_html.as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= 400
    for selector in ("section.changes", "section.redline"):
        box = page.locator(selector).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 400, selector
    # Stacked: each side's sentence under the other, not side by side.
    a_box = page.locator("tr.change-figure td.change-a").bounding_box()
    b_box = page.locator("tr.change-figure td.change-b").bounding_box()
    assert a_box is not None and b_box is not None and b_box["y"] >= a_box["y"] + a_box["height"] - 1
    context.close()


def test_the_batch_index_sorts_under_a_csp_that_names_its_script(browser: Any, tmp_path: Path):
    from compare.batch import BatchOptions, run_batch
    from compare.manifest import PairSpec
    from compare.model import CompareOptions

    fire = Path(__file__).parent / "gold" / "pairs" / "versions-chemical-fire"
    pairs = [PairSpec(id=name, a=str(fire / "a.txt"), b=str(fire / "b.txt")) for name in ("beta", "alpha")]
    out = tmp_path / "out"
    run_batch(pairs, out, BatchOptions(formats=("json",), compare=CompareOptions(semantic=False)), jobs=1)
    import html

    page_text = html.unescape((out / "index.html").read_text(encoding="utf-8"))
    assert "script-src 'sha256-" in page_text and "script-src 'unsafe-inline'" not in page_text
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto((out / "index.html").as_uri())
    names = page.locator("#pairs tbody th")
    assert names.all_inner_texts() == ["beta", "alpha"]
    page.get_by_role("button", name="Pair").click()
    assert names.all_inner_texts() == ["alpha", "beta"]  # the script ran
    assert errors == []  # and broke no CSP rule
    context.close()


def test_the_whole_report_reflows_on_a_phone_and_names_each_stacked_paragraphs_article(browser: Any, seed_html: Path):
    phone = browser.new_page(viewport={"width": 400, "height": 800})
    phone.goto(seed_html.as_uri())
    assert phone.evaluate("document.documentElement.scrollWidth") <= 400  # nothing scrolls sideways
    cells = phone.eval_on_selector_all(
        ".side-by-side .row:not(.head) .cell",
        """cells => cells.filter(c => c.querySelector('.para')).map(c => {
            const label = c.querySelector('.stack-label');
            const shown = label && label.offsetParent !== null ? label.innerText : '';
            return [c.classList.contains('cell-a') ? 'a' : 'b', shown];
        })""",
    )
    assert len(cells) > 10
    for side, label in cells:
        assert label == ("A The Irish Times" if side == "a" else "B The Independent")
    quote_cells = phone.eval_on_selector_all(
        ".quote-table tbody tr:first-child td", "cells => cells.map(c => c.getBoundingClientRect().width)"
    )
    assert all(width <= 400 for width in quote_cells)
    # A figure such as "33 / 2 / 0 / 0" stays on one line.
    lines = phone.eval_on_selector_all(
        ".figures td",
        """cells => cells.map(c => {
            const range = document.createRange();
            range.selectNodeContents(c);
            return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
        })""",
    )
    assert lines and set(lines) == {1}
    phone.close()
    desktop = browser.new_page(viewport={"width": 1280, "height": 800})
    desktop.goto(seed_html.as_uri())
    assert desktop.eval_on_selector_all(".stack-label", "labels => labels.every(l => l.offsetParent === null)")
    desktop.close()


AXE = Path(__file__).resolve().parent / ".node" / "node_modules" / "axe-core" / "axe.min.js"


def test_axe_core_finds_no_serious_or_critical_violation(browser: Any, seed_html: Path):
    if not AXE.exists():
        pytest.skip("axe-core is installed by tests/run.sh (npm)")
    # axe is a script added to the page: the report's CSP (rightly) refuses it, so this context bypasses it.
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(seed_html.as_uri())
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    context.close()
    found = [(v["impact"], v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
    assert [v for v in found if v[0] in ("serious", "critical")] == [], found
    assert found == []  # none at all on the sample pair, minor ones included


def test_the_keyboard_path_skip_link_one_stop_map_and_paragraph_stops(page: Any):
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#facts-h"
    page.goto(page.url.split("#")[0])
    stops = []
    # Past the facts, each with its evidence links, to the first paragraph of the side-by-side view (never round
    # the page again to the start).
    for _ in range(300):
        page.keyboard.press("Tab")
        stops.append(
            page.evaluate(
                """() => { const e = document.activeElement;
                   return [e.getAttribute('class') || '', !!e.closest('.facts'), !!e.closest('.side-by-side')]; }"""
            )
        )
        if stops[-1][0].startswith("para") and stops[-1][2]:
            break
    assert "skip-link" not in [c for c, _, _ in stops[1:]]
    classes = [c for c, _, _ in stops]
    assert classes.count("map-link") == 1  # the whole map is one stop (41 before)
    first_fact = next(n for n, (_, in_facts, _) in enumerate(stops) if in_facts)
    assert first_fact <= 5  # the summary's few links, the map, then the facts
    assert not any(c.startswith("sent") for c in classes)  # sentences are not stops
    assert any(c.startswith("para") for c, _, in_view in stops if in_view)  # paragraphs are
    # Inside the map the arrow keys move between paragraphs.
    page.focus(".coverage-map .map-link")
    first = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("ArrowDown")
    second = page.evaluate("document.activeElement.getAttribute('href')")
    assert first != second and page.evaluate("document.activeElement.getAttribute('tabindex')") == "0"
    # Focusing a paragraph of the side-by-side view lights its counterparts.
    page.focus(".side-by-side .para.para-shared")
    lit = page.eval_on_selector_all(".highlight", "els => els.map(e => e.id)")
    assert any(i.startswith("a-") for i in lit) and any(i.startswith("b-") for i in lit)

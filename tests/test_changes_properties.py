"""Property tests of the changes list between two versions of an article, and a smoke run of the revision battery.

Articles come from the strategies of `test_properties` (a headline and a few
paragraphs of names, quotations and statements over a small vocabulary);
a figure edit injects a sentence with a number into an article and changes
that number in the later version.  Runs are derandomised and keep no example
database, like the other property tests.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_properties import PROPERTIES, article, article_text, headline, name, paragraph, related_pair, words

from compare.load import load_bytes
from compare.model import CompareOptions, Comparison
from compare.pipeline import compare_loaded

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
BATTERY = ROOT / "tests" / "gold" / "revision_battery.py"
VERSIONS = CompareOptions(semantic=False, versions=True)
UNITS = ["households", "residents", "passengers", "workers", "lorries"]


def compare_versions(text_a: str, text_b: str) -> Comparison:
    """Load two article texts as .txt files and compare them as two versions of one story."""
    return compare_loaded(
        load_bytes(text_a.encode("utf-8"), source="a.txt"),
        load_bytes(text_b.encode("utf-8"), source="b.txt"),
        options=VERSIONS,
    )


@st.composite
def figure_edit(draw: st.DrawFn) -> tuple[str, str, str, str]:
    """(A, B, old number, new number): an article with a counted figure, and the same with another number there."""
    paragraphs = draw(st.lists(paragraph, min_size=0, max_size=3))
    old, new = draw(st.lists(st.integers(2, 1799).map(str), min_size=2, max_size=2, unique=True))
    who, unit, rest = draw(name), draw(st.sampled_from(UNITS)), draw(words)
    template = "{who} said {number} {unit} had left the {rest}."
    at = draw(st.integers(0, len(paragraphs)))
    title = draw(headline)

    def text(number: str) -> str:
        sentence = template.format(who=who, number=number, unit=unit, rest=rest)
        return article_text(title, [*paragraphs[:at], sentence, *paragraphs[at:]])

    return text(old), text(new), old, new


def mirrored_changes(comparison: Comparison) -> Counter[tuple[str, str, str]]:
    """The changes as (kind, A's text, B's text), counted."""
    return Counter((c.kind, c.a.text, c.b.text) for c in comparison.changes)


# -- an article against itself ------------------------------------------------------------


@PROPERTIES
@given(article)
def test_an_article_against_itself_has_no_change(text: str) -> None:
    comparison = compare_versions(text, text)
    assert comparison.changes == ()
    assert comparison.facts == ()


# -- one figure edited --------------------------------------------------------------------


@PROPERTIES
@given(figure_edit())
def test_one_edited_figure_is_one_figure_change_with_both_numbers(edit: tuple[str, str, str, str]) -> None:
    text_a, text_b, old, new = edit
    comparison = compare_versions(text_a, text_b)
    assert [(c.kind, c.a.text, c.b.text) for c in comparison.changes] == [("figure", old, new)]
    assert comparison.facts == ()


@PROPERTIES
@given(figure_edit())
def test_an_edited_figure_in_a_sentence_of_its_own_is_reported_with_both_numbers(
    edit: tuple[str, str, str, str],
) -> None:
    # The same edit in an article whose other sentences share no word with the edited one: the pair is unambiguous.
    text_a, text_b, old, new = edit
    sentence_a = next(line for line in text_a.split("\n\n") if " had left the " in line)
    sentence_b = next(line for line in text_b.split("\n\n") if " had left the " in line)
    comparison = compare_versions(
        article_text("Harbour news", [sentence_a, "Ferries sailed late."]),
        article_text("Harbour news", [sentence_b, "Ferries sailed late."]),
    )
    assert [(c.kind, c.a.text, c.b.text) for c in comparison.changes] == [("figure", old, new)]
    assert comparison.facts == ()


# -- swapping the versions ----------------------------------------------------------------


@PROPERTIES
@given(st.one_of(related_pair(), figure_edit().map(lambda edit: edit[:2])))
def test_swapping_the_versions_mirrors_the_changes(texts: tuple[str, str]) -> None:
    forward, backward = compare_versions(*texts), compare_versions(*reversed(texts))
    assert mirrored_changes(forward) == Counter((kind, b, a) for kind, a, b in mirrored_changes(backward))


# -- the revision battery, quickly --------------------------------------------------------


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus (../shared/corpus) is not here")
def test_the_revision_battery_prints_its_table_in_quick_mode() -> None:
    done = subprocess.run(
        [sys.executable, str(BATTERY), "--quick"], capture_output=True, text=True, check=True, timeout=120
    )
    lines = done.stdout.splitlines()
    assert lines[1].split() == ["edit", "tried", "passed", "skipped", "moved"]
    rows = {line.split()[0]: line.split()[1:] for line in lines[2:]}
    for kind in ("self", "figure", "clause", "negation", "wording", "cut", "add", "report", "headline", "swap"):
        tried, passed, skipped, _moved = (int(n) for n in rows[kind])
        assert tried + skipped == 1 and 0 <= passed <= tried
    assert "passed:" in lines[-1]


@given(
    st.lists(st.tuples(st.integers(0, 3000), st.integers(0, 3)), max_size=12),
    st.tuples(st.integers(0, 3000), st.integers(0, 3)),
)
def test_the_figure_index_agrees_with_same_figure(others: list[tuple[int, int]], mine: tuple[int, int]) -> None:
    # Figures as (value, decimals): 1375 with 3 decimals is 1.375.
    from compare.align import same_figure
    from compare.changes import _given_in

    def figure(raw: tuple[int, int]) -> tuple[float, int]:
        return (round(raw[0] / 10 ** raw[1], raw[1]), raw[1])

    figures = [figure(raw) for raw in others]
    assert _given_in(figures)(figure(mine)) == any(same_figure(figure(mine), other) for other in figures)


# -- two outlets that tell figures their own way ------------------------------------------

OUTLET = CompareOptions(semantic=False)
SUMS = ["${} million", "${} billion", "{} million dollars", "{}bn dollars"]
COUNTS = ["{} flood barriers", "{} new flood barriers", "{} residents", "{} people", "{} projects"]


@st.composite
def figures_told_apart(draw: st.DrawFn) -> tuple[str, str]:
    """Two outlets' articles whose sentences give sums and counts of one story, each in its own words and
    numbers (so some figures agree, some differ, some have no counterpart)."""

    def sentence(opening: str) -> str:
        figures = draw(st.lists(st.sampled_from(SUMS + COUNTS), min_size=1, max_size=3))
        numbers = draw(st.lists(st.integers(2, 60), min_size=len(figures), max_size=len(figures)))
        told = ", ".join(figure.format(number) for figure, number in zip(figures, numbers, strict=True))
        return f"{opening} {told} for the coast."

    text_a = article_text("Flood plan", [sentence("The council plans"), sentence("Engineers listed")])
    text_b = article_text("Coastal scheme", [sentence("Officials expect"), sentence("The scheme brings")])
    return text_a, text_b


@PROPERTIES
@given(figures_told_apart())
def test_swapping_two_outlets_mirrors_the_figures_they_tell_apart(texts: tuple[str, str]) -> None:
    def compared(one: str, other: str) -> Comparison:
        load = [load_bytes(text.encode("utf-8"), source=f"{n}.txt") for n, text in enumerate((one, other))]
        return compare_loaded(*load, options=OUTLET)

    forward, backward = compared(*texts), compared(*reversed(texts))
    assert mirrored_changes(forward) == Counter((kind, b, a) for kind, a, b in mirrored_changes(backward))

"""Alignment: sentence statuses, moves, what a partial sentence adds, symmetry, options."""

from __future__ import annotations

import pytest
from conftest import SEED_A, SEED_B, article_from_text, compare_as_the_command_does

from compare.model import CompareOptions
from compare.pipeline import compare_loaded


def test_partial_sentence_records_what_the_other_lacks(seed_comparison):
    # The Irish Times credits the Shoigu quote to a news agency; the Independent does not.
    sentence = next(s for s in seed_comparison.a.body_sentences if "would be futile" in s.text)
    result = seed_comparison.alignment.sentences[sentence.id]
    assert result.status == "partial"
    assert any("quoted as saying by news agency" in span.text for span in result.added)
    for span in result.added:
        assert sentence.text[span.start : span.end] == span.text


def test_reordered_passages_are_marked_moved(seed_comparison):
    orders = {g.order for g in seed_comparison.alignment.paragraphs}
    assert "moved" in orders and "in-order" in orders


def test_comparing_an_article_with_itself_gives_no_facts():
    article = article_from_text(SEED_B.read_text(encoding="utf-8"), "same.txt")
    comparison = compare_loaded(article, article)
    assert comparison.facts == ()
    statuses = {comparison.alignment.sentences[s.id].status for s in comparison.a.body_sentences}
    assert statuses == {"shared"}
    assert all(q.status == "identical" for q in comparison.quotes)


def test_swapping_articles_swaps_the_result(seed_comparison):
    swapped = compare_as_the_command_does(SEED_B, SEED_A)
    assert len(swapped.facts_on("a")) == len(seed_comparison.facts_on("b"))
    assert len(swapped.facts_on("b")) == len(seed_comparison.facts_on("a"))
    for original, mirrored in ((seed_comparison.a, swapped.b), (seed_comparison.b, swapped.a)):
        for s, t in zip(original.sentences, mirrored.sentences, strict=True):
            assert seed_comparison.alignment.sentences[s.id].status == swapped.alignment.sentences[t.id].status


def test_swapping_articles_mirrors_groups_orders_facts_and_quotes(seed_comparison):
    swapped = compare_as_the_command_does(SEED_B, SEED_A)

    def flip(identifier: str) -> str:
        return ("b" if identifier[0] == "a" else "a") + identifier[1:]

    original = {(g.a, g.b, g.order) for g in seed_comparison.alignment.paragraphs}
    mirrored = {
        (tuple(flip(i) for i in g.b), tuple(flip(i) for i in g.a), g.order) for g in swapped.alignment.paragraphs
    }
    assert original == mirrored
    for side in ("a", "b"):
        other = "b" if side == "a" else "a"
        assert [(f.label, f.text, f.kind) for f in seed_comparison.facts_on(side)] == [
            (f.label, f.text, f.kind) for f in swapped.facts_on(other)
        ]
    assert sorted(
        (
            q.status.replace("only_a", "\0").replace("only_b", "only_a").replace("\0", "only_b"),
            q.b.text if q.b else "",
            q.a.text if q.a else "",
        )
        for q in swapped.quotes
    ) == sorted((q.status, q.a.text if q.a else "", q.b.text if q.b else "") for q in seed_comparison.quotes)


def test_chinese_articles_compare_at_character_level():
    one = article_from_text("标题\n\n市政府今天宣布了新的交通计划。该计划将在明年实施。")
    two = article_from_text("标题\n\n市政府今天宣布了新的交通计划。另外，学校将延长假期。")
    comparison = compare_loaded(one, two)
    statuses = [comparison.alignment.sentences[s.id].status for s in comparison.a.body_sentences]
    assert statuses == ["shared", "unique"]
    assert [f.text for f in comparison.facts_on("b")] == ["另外，学校将延长假期。"]


def test_unrelated_articles_share_nothing():
    one = article_from_text(
        "Storm hits coast\n\nHeavy rain flooded the harbour town of Kelmouth on Tuesday. "
        "Fishermen pulled their boats ashore as waves broke over the sea wall."
    )
    two = article_from_text(
        "Budget vote delayed\n\nThe city council postponed its budget vote after a dispute "
        "over library funding. Councillors will meet again next month."
    )
    comparison = compare_loaded(one, two)
    assert comparison.alignment.matches == ()
    assert len(comparison.facts_on("a")) == 1 and len(comparison.facts_on("b")) == 1


def test_rewrite_with_british_and_american_spelling_is_shared():
    one = article_from_text("Headline\n\nThe defence ministry will organise co-operation talks at the centre in March.")
    two = article_from_text("Headline\n\nThe defense ministry will organize cooperation talks at the center in March.")
    comparison = compare_loaded(one, two)
    assert [comparison.alignment.sentences[s.id].status for s in comparison.a.body_sentences] == ["shared"]
    assert comparison.facts == ()


def test_autojunk_is_an_explicit_option_that_changes_long_sentence_matching():
    # difflib drops items that make up over 1% of a 200+ item sequence when
    # autojunk is on; off by default so that long sentences still match.
    names = " ".join(f"w{i}" for i in range(60))
    filler = " ".join(["the"] * 150)
    one = article_from_text(f"H\n\n{filler} {names}.")
    two = article_from_text(f"H\n\n{names} {filler}.")
    on = compare_loaded(one, two, options=CompareOptions(autojunk=True))
    off = compare_loaded(one, two)
    ratio_on = on.alignment.matches[0].similarity if on.alignment.matches else 0.0
    ratio_off = off.alignment.matches[0].similarity
    assert ratio_off > ratio_on


def test_options_are_checked():
    from compare.errors import ConfigError

    with pytest.raises(ConfigError, match="shared_coverage must be in"):
        CompareOptions(shared_coverage=1.5)

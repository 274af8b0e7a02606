"""Quotes: spans, speakers, pairing across articles and word-level variants."""

from __future__ import annotations

import pytest
from conftest import article_from_text

from compare.pipeline import compare_loaded
from compare.quotes import find_quote_spans, window_similarity


@pytest.mark.parametrize(
    "phrase",
    [
        "collaborate on a military level",
        "from a position of strength would be futile",
        "no need to respond to the Russian statement",
    ],
)
def test_quotes_both_carry_never_appear_in_a_fact(seed_comparison, phrase):
    for fact in seed_comparison.facts:
        assert phrase.casefold() not in fact.text.casefold(), fact


def test_both_quote_variants_are_reported_with_a_word_diff(seed_comparison):
    variants = [q for q in seed_comparison.quotes if q.status == "variant"]
    texts = [(q.a.text, q.b.text) for q in variants if q.a and q.b]
    assert any("all relevant governments" in a and "all relevant government departments" in b for a, b in texts)
    assert any("they have either interfered" in a and "Russia has interfered" in b for a, b in texts)
    for quote in variants:
        assert any(op.tag != "equal" for op in quote.opcodes)
    speakers = {q.speaker for q in variants}
    names = {e.id: e.name for e in seed_comparison.entities}
    assert {names[s] for s in speakers if s} == {"Vladimir Putin", "Jim Mattis"}


def test_quotes_are_attributed_through_descriptions_and_pronouns(seed_comparison):
    names = {e.id: e.name for e in seed_comparison.entities}
    by_text = {q.b.text[:30]: names.get(q.b.speaker or "") for q in seed_comparison.quotes if q.b}
    # "… should work together," said the Russian President.
    assert by_text["It’s in everyone’s interest to"] == "Vladimir Putin"
    # "… of other countries," he said.  (after "Mr Lavrov repeated …")
    assert by_text["You should know we do not inte"] == "Sergei Lavrov"
    # The US Defence Secretary hit back: "…"
    assert by_text["I have no need to respond to t"] == "Jim Mattis"


def test_quote_offsets_point_at_the_quote_text(seed_comparison):
    for comparison_quote in seed_comparison.quotes:
        for side, quote in (("a", comparison_quote.a), ("b", comparison_quote.b)):
            if quote is not None:
                text = seed_comparison.document(side).article.text
                assert text[quote.start : quote.end] == quote.text


def test_quote_spans_skip_apostrophes_and_run_to_paragraph_end_when_open():
    text = "She said: ‘it’s fine’ and “we will go on. We are not done"
    spans = [text[a:b] for a, b in find_quote_spans(text)]
    assert spans == ["it’s fine", "we will go on. We are not done"]


def test_window_similarity_treats_a_quoted_part_as_identical():
    ratio, identical = window_similarity("we are ready".split(), "and he said we are ready to go".split())
    assert identical and ratio == 1.0
    assert window_similarity("we are not ready".split(), "we are ready".split())[1] is False


def test_quotes_are_paired_when_their_common_words_fill_the_index():
    # 140 quotes per side share "government", "minister", "visit" and "school": past the index's limit on
    # postings, such words are read only as a quote's rarest, and only in part.  Quotes with rare words must
    # still find their counterparts, and so must a quote made only of common words, placed last in B.
    syllables = ["ka", "lo", "mi", "ne", "su", "tra", "vel", "zor", "qui", "bex", "dun", "fia"]

    def made_up(n: int) -> str:
        return "".join(syllables[(n // 12**k) % 12] for k in range(3)) + "ton"

    fillers = [
        f"“The government minister will visit the school at {' '.join(made_up(8 * i + k) for k in range(8))},”"
        " said Ms Reyes."
        for i in range(140)
    ]
    common = "“The government minister will visit the school,” said Ms Reyes."
    quotes_a = [common, *fillers]
    quotes_b = [*reversed(fillers), common]
    quotes_b[3] = quotes_b[3].replace("the school", "the new hospital")  # one worded differently
    one = article_from_text("Tour plan\n\n" + "\n\n".join(quotes_a))
    two = article_from_text("Tour plan\n\n" + "\n\n".join(quotes_b))
    comparison = compare_loaded(one, two)
    statuses = [q.status for q in comparison.quotes]
    assert statuses.count("identical") == len(quotes_a) - 1 and statuses.count("variant") == 1, statuses
    assert len(statuses) == len(quotes_a)
    for quote in comparison.quotes:
        assert quote.a is not None and quote.b is not None
        assert quote.a.text.split(" at ")[-1] == quote.b.text.split(" at ")[-1]

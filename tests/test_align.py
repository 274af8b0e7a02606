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
    # Two statements each, neither leaning on the other: two facts a side, every sentence in one.
    assert len(comparison.facts_on("a")) == 2 and len(comparison.facts_on("b")) == 2
    assert {s for f in comparison.facts for s in f.sentences} == {
        s.id for d in (comparison.a, comparison.b) for s in d.body_sentences
    }


def test_rewrite_with_british_and_american_spelling_is_shared():
    one = article_from_text("Headline\n\nThe defence ministry will organise co-operation talks at the centre in March.")
    two = article_from_text("Headline\n\nThe defense ministry will organize cooperation talks at the center in March.")
    comparison = compare_loaded(one, two)
    assert [comparison.alignment.sentences[s.id].status for s in comparison.a.body_sentences] == ["shared"]
    assert comparison.facts == ()


def test_autojunk_is_an_explicit_option_that_changes_long_sentence_matching():
    # difflib drops items that make up over 1% of a 200+ item sequence when autojunk is on; off by default so
    # that long sentences still match.  Forty "the"s on each side stay under the matcher's cost bound.
    from compare.align import MAX_MATCH_COST, word_matcher

    one = ["the"] * 40 + [f"y{i}" for i in range(160)]
    two = [f"z{i}" for i in range(160)] + ["the"] * 40
    assert MAX_MATCH_COST >= 40 * 40
    assert word_matcher(one, two).ratio() == pytest.approx(0.2)  # the run of "the"s lines up
    assert word_matcher(one, two, autojunk=True).ratio() == 0.0  # a word in over 1% anchors nothing


def test_word_matcher_bounds_its_work_on_a_repeated_word():
    # A run of one word, matched against itself, would make difflib read every place of the word for every
    # word: past the cost bound the words recurring more than MAX_ANCHOR_PLACES times stop being anchors.
    from compare.align import MAX_ANCHOR_PLACES, word_matcher

    prose = "the mayor said the council would meet on Monday to vote on the plan".split()
    assert word_matcher(prose, prose).b2j.keys() == set(prose)  # prose: every word an anchor
    run = ["word"] * 250 + ["end"]
    bounded = word_matcher(run, run)
    assert set(bounded.b2j) == {"end"} and bounded.bjunk == {"word"}
    assert all(len(places) <= MAX_ANCHOR_PLACES for places in bounded.b2j.values())
    assert bounded.ratio() == 1.0  # junk still matches inside a run: a copy is still a copy


def test_options_are_checked():
    from compare.errors import ConfigError

    with pytest.raises(ConfigError, match="shared_coverage must be in"):
        CompareOptions(shared_coverage=1.5)


# -- many-to-one coverage, added words, reworded sentences (engine v2) ----------------------------------------


WORDS_ONLY = CompareOptions(semantic=False)


def statuses_of(text_a: str, text_b: str, options: CompareOptions = WORDS_ONLY):
    """The comparison of two one-paragraph articles, and the result of each side's first body sentence."""
    comparison = compare_loaded(
        article_from_text(f"H\n\n{text_a}"), article_from_text(f"H\n\n{text_b}"), options=options
    )
    first = {side: comparison.document(side).body_sentences[0].id for side in ("a", "b")}
    return comparison, {side: comparison.alignment.sentences[first[side]] for side in first}


def test_a_sentence_split_in_two_is_covered_by_both_halves_together():
    merged = (
        "The harbour authority closed the northern breakwater after storm waves cracked its concrete "
        "and engineers ordered divers to inspect the foundations."
    )
    split = (
        "Storm waves cracked the concrete of the northern breakwater, and the harbour authority closed it. "
        "Engineers ordered divers to inspect the foundations. Tourism figures for June were published."
    )
    _, results = statuses_of(merged, split)
    assert results["a"].status in ("shared", "partial")
    assert len(results["a"].matches) == 2  # both halves, and not the unrelated third sentence
    assert all(m.startswith("b-p2-s") and m != "b-p2-s3" for m in results["a"].matches)


def test_one_content_word_in_common_matches_only_sentences_that_run_alike():
    comparison, results = statuses_of(
        '"That time is now," she said. The mayor resigned.',
        "The council raised harbour fees on Monday at a time of rising costs. He resigned on Friday.",
    )
    assert results["a"].status == "unique"  # "time" alone, in a sentence about something else
    resigned = comparison.alignment.sentences[comparison.a.body_sentences[1].id]
    assert resigned.status == "unique"  # "resigned" alone, the sentences running otherwise
    _, alike = statuses_of("He resigned.", "He resigned on Friday.")
    assert alike["a"].status == "shared"  # one word in common, and the same words in the same order


def test_sentences_far_apart_do_not_cover_one_together():
    from compare.align import cover_together, key_frequencies, key_weights, prepare, weigh
    from compare.segment import segment_article

    one = "Quarry inspectors found cracked pillars and flooded tunnels beneath the abandoned Ashcombe mill."
    halves = (
        "Quarry inspectors found cracked pillars on Monday.",
        "Flooded tunnels lie beneath the abandoned Ashcombe mill.",
    )
    filler = ["The council met.", "A library opened.", "Buses ran late."]
    for far, expected in ((False, 2), (True, 0)):
        body = [halves[0], *(filler if far else []), halves[1]]
        doc_a = segment_article(article_from_text(f"H\n\n{one}"), "a", "A")
        doc_b = segment_article(article_from_text("H\n\n" + " ".join(body)), "b", "B")
        words_a, words_b = prepare(doc_a), prepare(doc_b)
        weights = key_weights(key_frequencies(words_a, words_b), len(words_a) + len(words_b))
        words_a, words_b = weigh(words_a, weights), weigh(words_b, weights)
        chosen = cover_together(words_a[0], [], words_b, weights, WORDS_ONLY)
        assert len(chosen) == expected, (far, [w.sentence.text for w in chosen])


def test_added_words_keep_a_negation_and_the_stop_words_at_their_edges():
    _, results = statuses_of(
        "The ministry does not expect the bridge to reopen before the end of the month.",
        "The ministry expects the bridge to reopen before the end of the month.",
    )
    added = [span.text for span in results["a"].added]
    assert any("not" in text.split() for text in added), added
    assert results["b"].added == ()  # B says nothing A lacks


def test_a_shared_sentence_reports_the_words_it_adds():
    _, results = statuses_of(
        "Officials named the groups behind the attack as Falconer, Ridgeway or Morrow on Tuesday evening.",
        "Officials named the groups behind the attack as Falconer or Ridgeway on Tuesday evening.",
    )
    assert results["a"].status == "shared"
    assert [span.text for span in results["a"].added] == ["or Morrow"]


def fixed_similarities(pairs: dict[tuple[str, str], float]):
    """A stand-in for the paraphrase model: the cosine of listed text pairs (by their first word), else 0.1."""

    def similarities(left: list[str], right: list[str]) -> list[list[float]]:
        return [[pairs.get((a.split()[0], b.split()[0]), 0.1) for b in right] for a in left]

    return similarities


def reworded_statuses(text_a: str, text_b: str, cosine: float, options: CompareOptions | None = None):
    """Statuses of two one-sentence articles when the stand-in model gives their sentences `cosine`."""
    from compare.align import align
    from compare.segment import segment_article

    doc_a = segment_article(article_from_text(f"H\n\n{text_a}"), "a", "A")
    doc_b = segment_article(article_from_text(f"H\n\n{text_b}"), "b", "B")
    model = fixed_similarities({(text_a.split()[0], text_b.split()[0]): cosine})
    alignment = align(doc_a, doc_b, options or CompareOptions(), model)
    return [alignment.sentences[d.body_sentences[0].id] for d in (doc_a, doc_b)]


def test_a_sentence_the_model_finds_said_in_other_words_is_reworded_on_both_sides():
    a, b = reworded_statuses(
        "Lawmakers rejected the budget late on Tuesday.", "Parliament voted the spending plan down last night.", 0.8
    )
    assert (a.status, b.status) == ("reworded", "reworded")
    assert a.matches == (b.id,) and b.matches == (a.id,)
    assert a.similarity == b.similarity == 0.8
    assert a.added == ()


def test_below_the_threshold_a_sentence_stays_unique():
    a, _ = reworded_statuses(
        "Lawmakers rejected the budget late on Tuesday.", "Parliament voted the spending plan down last night.", 0.5
    )
    assert a.status == "unique" and a.similarity is None


NEAR_MISS = (
    "Kelso lawmakers rejected the harbour budget in a stormy debate on Tuesday.",
    "Kelso lawmakers threw out the harbour spending plan once tempers had cooled.",
)
# Sentences each article has besides, so that words weigh by how rare they are in an article, as they do in news.
OTHER_A = "Ferries kept running all week. Fishermen landed a record catch of cod. Schools reopened after the floods."
OTHER_B = "Rain fell across the county. Traders complained about parking fees. Hospitals reported fewer admissions."


def near_miss_statuses(cosine: float, options: CompareOptions | None = None):
    """Statuses of NEAR_MISS's two sentences, each in an article of three other sentences, at `cosine`."""
    from compare.align import align
    from compare.segment import segment_article

    doc_a = segment_article(article_from_text(f"H\n\n{NEAR_MISS[0]} {OTHER_A}"), "a", "A")
    doc_b = segment_article(article_from_text(f"H\n\n{NEAR_MISS[1]} {OTHER_B}"), "b", "B")
    model = fixed_similarities({("Kelso", "Kelso"): cosine})
    alignment = align(doc_a, doc_b, options or CompareOptions(), model)
    return [alignment.sentences[d.body_sentences[0].id] for d in (doc_a, doc_b)]


def test_a_near_miss_of_the_word_pass_is_reworded_on_a_lower_cosine():
    # A third or more of each sentence's words (by rarity) are in the other: the word pass leaves both unique,
    # and a modest cosine settles it.
    a, b = near_miss_statuses(0.55)
    assert (a.status, b.status) == ("reworded", "reworded")
    assert CompareOptions().reworded_near_coverage <= a.coverage < CompareOptions().partial_coverage


def test_a_near_miss_still_needs_the_model_to_agree():
    a, b = near_miss_statuses(0.45)
    assert (a.status, b.status) == ("unique", "unique")
    a, _ = near_miss_statuses(0.55, CompareOptions(reworded_near_coverage=0.9))
    assert a.status == "unique"


def test_a_number_one_side_lacks_is_never_a_rewording():
    a, b = reworded_statuses(
        "Lawmakers rejected the budget by 212 votes.", "Parliament voted the spending plan down last night.", 0.9
    )
    assert a.status == "unique"  # it gives a figure the other sentence lacks
    assert b.status == "reworded"  # the other says less, and A says all of it


@pytest.mark.parametrize(
    ("text_a", "text_b", "said"),
    [
        ("Almost half of the boats, 42 in all, sank.", "Storms sank 42.5 percent of the fleet.", True),
        ("Volunteers have planted 20-30 million trees.", "Crews put 30 million saplings in the ground.", True),
        ("Volunteers have planted between 20 and 30 million trees.", "Crews planted 25 million trees.", True),
        ("More than 40 boats sank overnight.", "Storms sank 41 boats at night.", True),
        ("More than 40 boats sank overnight.", "Storms sank 50 boats at night.", False),  # beyond the bound's reach
        ("Nearly 100,000 people signed up.", "About 10 people signed up.", False),  # a bound reaches a share at most
        ("Planting ran from 2016 to 2018.", "Planting resumed in 2017.", False),  # years joined give a period
        ("Rovers lost 1-3 to City on Saturday.", "City beat Rovers 2-3 at home.", False),  # a score is no range
        ("Unemployment rose from 5 to 7 percent.", "Joblessness climbed to 6 percent.", False),  # a change
        ("Nearly 4.2 million tourists came.", "Visitors numbered 4.1 million.", True),  # 4.1 to 4.2, not 4.1000…01
    ],
)
def test_a_bound_or_a_range_holds_the_figures_within_it(text_a: str, text_b: str, said: bool):
    a, _ = reworded_statuses(text_a, text_b, 0.9)
    assert (a.status == "reworded") is said


def test_a_negation_on_one_side_only_is_never_a_rewording():
    a, b = reworded_statuses(
        "Lawmakers did not reject the budget on Tuesday.", "Parliament voted the spending plan down last night.", 0.9
    )
    assert (a.status, b.status) == ("unique", "unique")


@pytest.mark.parametrize(
    ("text_a", "said"),
    [
        ("It was not immediately clear why the mayor quit on Friday.", True),  # "unclear" says the negation
        ("Councillors did not agree with that plan at all.", True),  # "disagreed" says it too
        ("It was not true that the mayor quit on Friday.", False),  # a negation "unclear" does not say
    ],
)
def test_a_negation_the_other_says_with_a_negating_prefix_is_no_contradiction(text_a: str, said: bool):
    a, b = reworded_statuses(text_a, "It is unclear why the mayor resigned, and lawmakers disagreed on Friday.", 0.9)
    assert (a.status == "reworded", b.status == "reworded") == (said, said)


class WordSenses:
    """A stand-in for the model read piece by piece: each word is one piece, and words of one sense (listed
    together in `senses`) have the same unit vector; every other word a vector of its own."""

    unknown_id = 0  # "?": a word the stand-in's vocabulary lacks (all alike, as the model's [UNK] pieces are)

    def __init__(self, senses: list[set[str]]) -> None:
        self.senses = senses
        self.ids: dict[str, int] = {"?": 0}

    def piece_ids(self, text: str) -> tuple[int, ...]:
        return tuple(self.ids.setdefault(word, len(self.ids)) for word in self._words(text))

    def piece_vectors(self, texts: list[str]):
        import numpy as np

        found = []
        for text in texts:
            rows = np.zeros((len(self._words(text)), 512), dtype=np.float32)
            for row, word in enumerate(self._words(text)):
                sense = next((i for i, words in enumerate(self.senses) if word in words), None)
                rows[row, sense if sense is not None else 32 + self.ids.setdefault(word, len(self.ids))] = 1.0
            found.append(rows)
        return found

    @staticmethod
    def _words(text: str) -> list[str]:
        return [word.strip(".,").lower() for word in text.split()]


# One sentence of A that B says in two sentences, in other words; and sentences each article has besides.
SAID_IN_TWO = (
    "Lawmakers rejected the budget and sacked the governor at dawn.",
    "Parliament voted the spending plan down. It dismissed the state leader too.",
)
SENSES = [
    {"lawmakers", "parliament"},
    {"rejected", "voted", "down"},
    {"budget", "spending", "plan"},
    {"sacked", "dismissed"},
    {"governor", "leader", "state"},
    {"the", "and", "it", "too"},
]


def said_in_two_statuses(text_a: str = SAID_IN_TWO[0], options: CompareOptions | None = None):
    """The alignment of an article holding `text_a` with one holding SAID_IN_TWO's second text, cosines all 0.3."""
    from compare.align import align
    from compare.segment import segment_article

    doc_a = segment_article(article_from_text(f"H\n\n{text_a} {OTHER_A}"), "a", "A")
    doc_b = segment_article(article_from_text(f"H\n\n{SAID_IN_TWO[1]} {OTHER_B}"), "b", "B")

    def low(left: list[str], right: list[str]) -> list[list[float]]:
        return [[0.3 for _ in right] for _ in left]

    alignment = align(doc_a, doc_b, options or CompareOptions(), low, pieces=WordSenses(SENSES))
    return alignment, doc_a, doc_b


def test_a_sentence_two_sentences_say_together_in_other_words_is_reworded_with_both():
    alignment, doc_a, doc_b = said_in_two_statuses()
    result = alignment.sentences[doc_a.body_sentences[0].id]
    assert result.status == "reworded"
    assert result.matches == (doc_b.body_sentences[0].id, doc_b.body_sentences[1].id)
    assert result.similarity is not None and result.similarity >= CompareOptions().reworded_piece_recall
    # Below its threshold ("at dawn" is held by no sentence of B) no one sentence says it: unique.
    above = CompareOptions(reworded_piece_recall=result.similarity + 0.01)
    assert result.similarity < 1.0
    assert said_in_two_statuses(options=above)[0].sentences[doc_a.body_sentences[0].id].status == "unique"


# Two sentences both articles carry word for word, to put SAID_IN_TWO's first sentence between (or before).
BOTH_CARRY = ("Ferries stopped at noon on the western coast.", "Storm warnings stayed in force overnight.")


def passage_statuses(between: bool, options: CompareOptions, paragraph_ends: bool = False):
    """The status of SAID_IN_TWO's first sentence in A, between BOTH_CARRY's two sentences (the second one
    opening the next paragraph when `paragraph_ends`) or before them, B saying it in two sentences of other
    words (the stand-in model, cosines all 0.3)."""
    from compare.align import align
    from compare.segment import segment_article

    first, second = BOTH_CARRY
    said = SAID_IN_TWO[0]
    text_a = f"{first} {said} {second} {OTHER_A}" if between else f"{said} {first} {second} {OTHER_A}"
    if paragraph_ends:
        text_a = f"{first} {said}\n\n{second} {OTHER_A}"
    doc_a = segment_article(article_from_text(f"H\n\n{text_a}"), "a", "A")
    doc_b = segment_article(article_from_text(f"H\n\n{first} {SAID_IN_TWO[1]} {second} {OTHER_B}"), "b", "B")

    def low(left: list[str], right: list[str]) -> list[list[float]]:
        return [[0.3 for _ in right] for _ in left]

    alignment = align(doc_a, doc_b, options, low, pieces=WordSenses(SENSES))
    [sentence] = [s for s in doc_a.body_sentences if s.text == said]
    return alignment.sentences[sentence.id]


def test_a_sentence_inside_a_passage_both_tell_needs_less_to_be_said_in_other_words():
    # Too little held for a sentence on its own (the piece threshold is out of reach), but between two sentences
    # the other article carries, half held is enough: the passage is told by both, in other words at that place.
    strict = CompareOptions(reworded_piece_recall=1.0)
    inside = passage_statuses(True, strict)
    assert inside.status == "reworded"
    assert inside.similarity is not None and inside.similarity >= strict.reworded_passage_recall
    assert passage_statuses(False, strict).status == "unique"
    # A passage is a paragraph: a sentence closing one, before a carried sentence opening the next, is not in it.
    assert passage_statuses(True, strict, paragraph_ends=True).status == "unique"
    # The passage threshold is a threshold: out of reach too ("at dawn" is held by none), the sentence stays unique.
    beyond = CompareOptions(reworded_piece_recall=1.0, reworded_passage_recall=1.0)
    assert passage_statuses(True, beyond).status == "unique"
    # Between two versions a new sentence between two kept ones is an edit, never a rewording of what is near.
    assert passage_statuses(True, CompareOptions(reworded_piece_recall=1.0, versions=True)).status == "unique"


@pytest.mark.parametrize(
    "text_a",
    [
        "Lawmakers rejected the 2025 budget and sacked the governor at dawn.",  # a figure the other article lacks
        "Lawmakers never rejected the budget and sacked the governor at dawn.",  # a negation the counterparts lack
    ],
)
def test_what_several_sentences_say_together_keeps_the_figure_and_negation_guards(text_a: str):
    alignment, doc_a, _ = said_in_two_statuses(text_a)
    assert alignment.sentences[doc_a.body_sentences[0].id].status == "unique"


def test_piece_recall_weighs_pieces_by_rarity_and_says_who_holds_them():
    from compare.align import PieceReading, piece_recalls

    senses = WordSenses([{"sacked", "dismissed"}])
    corpus = ["the mayor sacked the clerk", "the mayor spoke", "the clerk dismissed", "the mayor left"]
    question = "the mayor sacked the clerk"
    [both] = piece_recalls([(question, ["the mayor spoke", "the clerk dismissed"])], corpus, senses)
    # Every piece held by the two together; the second supplies "sacked" and "clerk" (rarer), so comes first, and
    # the share it holds by itself is what the report names beside it.
    assert both.order == (1, 0) and both.held[-1] == 1.0
    alone = piece_recalls([(question, ["the clerk dismissed"])], corpus, senses)[0].held[0]
    assert both.held[0] == alone < 1.0
    [partly] = piece_recalls([(question, ["the mayor left"])], corpus, senses)
    # "the" and "mayor" are held; "sacked" and "clerk" are not, and count for more than half, being rarer.
    assert 0 < partly.held[0] < 0.5
    assert piece_recalls([(question, [])], corpus, senses) == [PieceReading((), ())]


def test_pieces_outside_the_vocabulary_count_for_nothing():
    # Two words of a script the vocabulary lacks are one unknown piece each, alike whatever they say: they must
    # neither weigh in a sentence nor hold one.
    from compare.align import PieceReading, piece_recalls

    senses = WordSenses([])
    corpus = ["? ? ? mayor", "? ? ? clerk", "the port"]
    [reading] = piece_recalls([("? ? ? mayor", ["? ? ? clerk"])], corpus, senses)
    assert reading.held == (0.0,)  # only "mayor" weighs, and "clerk" does not hold it
    [unknown_only] = piece_recalls([("? ?", ["? ? ? clerk"])], corpus, senses)
    assert unknown_only == PieceReading((), ())


def test_the_sentences_named_beside_a_rewording_hold_its_share_by_themselves():
    from compare.align import piece_recalls

    alignment, doc_a, doc_b = said_in_two_statuses()
    result = alignment.sentences[doc_a.body_sentences[0].id]
    texts = {s.id: s.text for s in doc_b.body_sentences}
    corpus = [s.text for d in (doc_a, doc_b) for s in d.body_sentences]
    [alone] = piece_recalls(
        [(doc_a.body_sentences[0].text, [texts[i] for i in result.matches])], corpus, WordSenses(SENSES)
    )
    assert alone.held[-1] == result.similarity


def test_reworded_sentences_are_never_facts():
    comparison = compare_loaded(
        article_from_text("H\n\nLawmakers rejected the budget late on Tuesday."),
        article_from_text("H\n\nParliament voted the spending plan down last night."),
    )
    if not comparison.semantic.used:
        pytest.fail("the test extra installs the paraphrase model")
    statuses = {
        comparison.alignment.sentences[s.id].status for d in (comparison.a, comparison.b) for s in d.body_sentences
    }
    # Either judged the same in other words and listed nowhere, or judged apart and each a fact: never both.
    if statuses == {"reworded"}:
        assert comparison.facts == ()
    else:
        assert statuses == {"unique"} and len(comparison.facts) == 2


def test_the_model_can_be_switched_off_and_says_so():
    comparison, _ = statuses_of("Lawmakers rejected the budget.", "Parliament voted the plan down.")
    assert comparison.semantic.used is False
    assert comparison.semantic.note and "switched off" in comparison.semantic.note


def test_two_different_quotations_are_never_one_sentence_in_other_words():
    from compare.model import Remarks

    different_speakers = Remarks(speakers={"a-p2-s1": frozenset({"e1"}), "b-p2-s1": frozenset({"e2"})})
    assert different_speakers.different("a-p2-s1", "b-p2-s1")
    unpaired = Remarks(quotations={"a-p2-s1": frozenset({"a-q1"}), "b-p2-s1": frozenset({"b-q1"})})
    assert unpaired.different("a-p2-s1", "b-p2-s1")
    paired = Remarks(
        quotations={"a-p2-s1": frozenset({"a-q1"}), "b-p2-s1": frozenset({"b-q1"})},
        paired=frozenset({frozenset({"a-q1", "b-q1"})}),
    )
    assert not paired.different("a-p2-s1", "b-p2-s1")
    assert not Remarks().different("a-p2-s1", "b-p2-s1")  # reported speech, or no speaker known: the model decides


def test_the_model_does_not_make_two_speakers_remarks_one():
    from compare.align import align
    from compare.entities import extract_entities
    from compare.quotes import compare_quotes, remarks_of
    from compare.segment import segment_article

    text_a = "“The harbour will be rebuilt within a year,” said Mayor Lena Varga."
    text_b = "“Work on the harbour should be finished in twelve months,” said engineer Tomas Brekke."
    doc_a = segment_article(article_from_text(f"H\n\n{text_a}"), "a", "A")
    doc_b = segment_article(article_from_text(f"H\n\n{text_b}"), "b", "B")
    remarks = remarks_of((doc_a, doc_b), compare_quotes(doc_a, doc_b, extract_entities(doc_a, doc_b), WORDS_ONLY))
    model = fixed_similarities({("“The", "“Work"): 0.9})
    alignment = align(doc_a, doc_b, CompareOptions(), model, remarks)
    assert alignment.sentences[doc_a.body_sentences[0].id].status == "unique"
    assert align(doc_a, doc_b, CompareOptions(), model).sentences[doc_a.body_sentences[0].id].status == "reworded"


def test_a_quotation_is_not_the_reporters_narration_unless_it_names_the_speaker():
    from compare.model import Remarks

    remarks = Remarks(
        speakers={"a-p2-s1": frozenset({"e1"})},
        quotations={"a-p2-s1": frozenset({"a-q1"})},
        named={"b-p2-s1": frozenset({"e2"}), "b-p2-s2": frozenset({"e1"})},
    )
    assert remarks.different("a-p2-s1", "b-p2-s1")  # narration naming someone else
    assert remarks.different("b-p2-s1", "a-p2-s1")  # whichever side asks
    assert not remarks.different("a-p2-s1", "b-p2-s2")  # reported speech naming the speaker


def test_paragraphs_with_the_same_number_on_both_sides_are_grouped():
    paragraphs = [
        "The harbour authority closed the northern breakwater after storm waves cracked its concrete.",
        "Engineers ordered divers to inspect the foundations of the old pier before the winter.",
        "The mayor said repairs to the sea wall would cost the town about nine million over four years.",
    ]
    text = "Harbour\n\n" + "\n\n".join(paragraphs)
    comparison = compare_loaded(article_from_text(text), article_from_text(text), options=WORDS_ONLY)
    groups = [(g.a, g.b) for g in comparison.alignment.paragraphs]
    assert groups == [(("a-p2",), ("b-p2",)), (("a-p3",), ("b-p3",)), (("a-p4",), ("b-p4",))]


def test_a_sentence_naming_someone_the_other_article_never_names_is_not_said_in_other_words():
    from compare.align import align
    from compare.entities import extract_entities
    from compare.quotes import compare_quotes, remarks_of
    from compare.segment import segment_article

    text_a = "The suit was brought by the state's attorney general, Scott Pruitt, on Thursday."
    text_b = "State officials filed the lawsuit on Thursday."
    doc_a = segment_article(article_from_text(f"H\n\n{text_a}"), "a", "A")
    doc_b = segment_article(article_from_text(f"H\n\n{text_b}"), "b", "B")
    entities = extract_entities(doc_a, doc_b)
    remarks = remarks_of((doc_a, doc_b), compare_quotes(doc_a, doc_b, entities, WORDS_ONLY), entities)
    model = fixed_similarities({("The", "State"): 0.9})
    statuses = align(doc_a, doc_b, CompareOptions(), model, remarks).sentences
    assert statuses[doc_a.body_sentences[0].id].status == "unique"  # it says who brought the suit
    assert statuses[doc_b.body_sentences[0].id].status == "reworded"  # B's sentence is all in A's
    # The same person named by family name alone on the other side is no newcomer.
    named = segment_article(article_from_text(f"H\n\n{text_b} Pruitt spoke later."), "b", "B")
    entities = extract_entities(doc_a, named)
    remarks = remarks_of((doc_a, named), compare_quotes(doc_a, named, entities, WORDS_ONLY), entities)
    statuses = align(doc_a, named, CompareOptions(), model, remarks).sentences
    assert statuses[doc_a.body_sentences[0].id].status == "reworded"


def test_the_model_s_closest_sentence_is_kept_for_a_sentence_it_did_not_find_reworded():
    from compare.align import align
    from compare.facts import find_facts
    from compare.segment import segment_article

    # The model finds the two close, but a figure only one gives keeps them apart: each stays unique, and the
    # other's sentence is kept as its closest, with the cosine, for a reader to check the claim against.
    doc_a = segment_article(article_from_text(f"H\n\nLawmakers rejected the budget by 212 votes. {OTHER_A}"), "a", "A")
    doc_b = segment_article(
        article_from_text(f"H\n\nParliament voted the spending plan down last night. {OTHER_B}"), "b", "B"
    )
    alignment = align(doc_a, doc_b, CompareOptions(), fixed_similarities({("Lawmakers", "Parliament"): 0.9}))
    first_a, first_b = doc_a.body_sentences[0].id, doc_b.body_sentences[0].id
    assert alignment.sentences[first_a].status == "unique"
    assert alignment.nearest[first_a] == (first_b, 0.9)
    facts = find_facts(doc_a, doc_b, alignment, (), (), CompareOptions().nearest_similarity)
    fact = next(f for f in facts if f.sentences == (first_a,))
    assert fact.nearest == (first_b, 0.9)
    # Below the option's floor, the closest sentence says too little to be shown.
    quiet = find_facts(doc_a, doc_b, alignment, (), (), 0.95)
    assert all(f.nearest is None for f in quiet)


def test_between_versions_a_new_sentence_restating_one_the_later_version_keeps_is_an_addition():
    from compare.align import align
    from compare.segment import segment_article

    kept = "The harbour authority closed the northern breakwater after storm waves cracked its concrete."
    restated = "Officials shut the sea defence on Monday because of damage from the gales."
    doc_a = segment_article(article_from_text(f"H\n\n{kept} {OTHER_A}"), "a", "A")
    doc_b = segment_article(article_from_text(f"H\n\n{kept}\n\n{restated}\n\n{OTHER_A}"), "b", "B")
    model = fixed_similarities({("The", "Officials"): 0.9})
    new_id = next(s.id for s in doc_b.body_sentences if s.text == restated)
    # Two outlets: the new sentence says what the other's first sentence says, in other words.
    outlets = align(doc_a, doc_b, CompareOptions(), model).sentences[new_id]
    assert (outlets.status, outlets.matches) == ("reworded", (doc_a.body_sentences[0].id,))
    # Two versions: the later one still carries that sentence word for word, so the new one was added, not
    # reworded, and it is a fact only the later version carries.
    versions = align(doc_a, doc_b, CompareOptions(versions=True), model).sentences
    assert versions[new_id].status == "unique"
    assert versions[doc_a.body_sentences[0].id].status == "shared"


def test_a_long_sentence_holding_a_short_one_whole_is_partly_carried_and_adds_the_rest():
    # The short sentence is shared with the long one; before, the long one was left unique (a fact glued to a
    # statement the other article makes) while the short one pointed at it: the link was one-way.
    short = "Headline\n\nThe mayor of Dunmore resigned on Tuesday.\n\nThe council will meet next week."
    long = (
        "Headline\n\nThe mayor of Dunmore resigned on Tuesday after months of questions over building contracts "
        "awarded to a developer who had funded his campaign.\n\nThe council will meet next week."
    )
    for options in (WORDS_ONLY, CompareOptions()):
        comparison = compare_loaded(article_from_text(short), article_from_text(long), options=options)
        results = comparison.alignment.sentences
        assert results["a-p2-s1"].status == "shared"
        assert (results["b-p2-s1"].status, results["b-p2-s1"].matches) == ("partial", ("a-p2-s1",))
        assert [span.text for span in results["b-p2-s1"].added] == [
            "after months of questions over building contracts awarded to a developer who had funded his campaign"
        ]
        assert comparison.facts == ()


def test_a_short_general_sentence_held_alike_by_several_makes_none_of_them_partly_carried():
    # "A flood warning was issued." lies whole in two longer sentences that say much more each: it lends them a
    # phrase, not a statement, so both stay unique (facts), as the short sentence is shared with them together.
    comparison = compare_loaded(
        article_from_text("H\n\nA flood warning was issued.\n\nThe bridge reopened on Friday."),
        article_from_text(
            "H\n\nA flood warning was issued on Monday after the river rose two metres overnight.\n\n"
            "A flood warning was issued for the valley towns along the coast on Tuesday.\n\n"
            "The bridge reopened on Friday."
        ),
        options=WORDS_ONLY,
    )
    results = comparison.alignment.sentences
    assert results["a-p2-s1"].status == "shared"
    assert [results[i].status for i in ("b-p2-s1", "b-p3-s1")] == ["unique", "unique"]
    assert len(comparison.facts_on("b")) == 2

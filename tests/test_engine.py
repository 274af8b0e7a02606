"""The comparison engine on the seeds and on small invented cases (issue 3's acceptance)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from compare.entities import extract_entities
from compare.facts import differing_figures
from compare.load import load_bytes
from compare.model import CompareOptions
from compare.pipeline import compare_articles, compare_loaded
from compare.quotes import find_quote_spans, window_similarity
from compare.segment import segment_article

ROOT = Path(__file__).resolve().parents[1]
SEED_A = ROOT / "seeds" / "2017-02-16-mattis-nato-irish-times.txt"
SEED_B = ROOT / "seeds" / "2017-02-16-mattis-nato-independent.txt"


@pytest.fixture(scope="module")
def seeds():
    return compare_articles(SEED_A, SEED_B)


def _evaluate_module():
    spec = importlib.util.spec_from_file_location("gold_evaluate", ROOT / "tests" / "gold" / "evaluate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["gold_evaluate"] = module
    spec.loader.exec_module(module)
    return module


def _article(text: str, name: str = "x.txt"):
    return load_bytes(text.encode("utf-8"), source=name)


def test_seed_recall_is_at_least_90_percent_on_each_side():
    evaluate = _evaluate_module()
    score = evaluate.score(ROOT / "tests" / "gold" / "mattis-nato.json")
    assert score.recall("a") >= 0.9, score.missed["a"]
    assert score.recall("b") >= 0.9, score.missed["b"]
    assert not score.furniture_in_facts
    assert not score.shared_quotes_in_facts


def test_gold_pairs_overall_recall_and_precision_hold():
    # Guards against regressions across every gold pair, not just the seeds.
    evaluate = _evaluate_module()
    totals = evaluate.summarise([evaluate.score(path) for path in evaluate.gold_files()])
    # Close under today's figures (99% and 79% over 14 pairs), so that a real regression fails.
    assert totals["all"]["recall"] >= 0.96
    assert totals["all"]["precision"] >= 0.76
    assert totals["variants"]["found"] == totals["variants"]["gold"]


def test_held_out_pairs_stay_above_the_unseen_article_targets():
    # The held-out pairs are never used to tune the engine; this only guards against regressions.
    evaluate = _evaluate_module()
    totals = evaluate.summarise([evaluate.score(path) for path in evaluate.gold_files(held_out=True)])
    assert totals["all"]["gold"] >= 30
    assert totals["all"]["recall"] >= 0.9
    assert totals["all"]["precision"] >= 0.8


def test_stoltenberg_and_kosachyov_are_facts_only_in_the_independent(seeds):
    labels_b = [f.label for f in seeds.facts_on("b")]
    assert "Jens Stoltenberg" in labels_b
    assert "Konstantin Kosachyov" in labels_b
    assert not any(name in f.text for f in seeds.facts_on("a") for name in ("Stoltenberg", "Kosachyov"))


@pytest.mark.parametrize(
    "phrase",
    [
        "collaborate on a military level",
        "from a position of strength would be futile",
        "no need to respond to the Russian statement",
    ],
)
def test_quotes_both_carry_never_appear_in_a_fact(seeds, phrase):
    for fact in seeds.facts:
        assert phrase.casefold() not in fact.text.casefold(), fact


def test_both_quote_variants_are_reported_with_a_word_diff(seeds):
    variants = [q for q in seeds.quotes if q.status == "variant"]
    texts = [(q.a.text, q.b.text) for q in variants if q.a and q.b]
    assert any("all relevant governments" in a and "all relevant government departments" in b for a, b in texts)
    assert any("they have either interfered" in a and "Russia has interfered" in b for a, b in texts)
    for quote in variants:
        assert any(op.tag != "equal" for op in quote.opcodes)
    speakers = {q.speaker for q in variants}
    names = {e.id: e.name for e in seeds.entities}
    assert {names[s] for s in speakers if s} == {"Vladimir Putin", "Jim Mattis"}


def test_no_furniture_caption_or_credit_in_any_fact(seeds):
    ignored = {s.id for doc in (seeds.a, seeds.b) for p in doc.paragraphs if not p.compared for s in p.sentences}
    for fact in seeds.facts:
        assert not set(fact.sentences) & ignored
        assert "Photograph" not in fact.text and "(Reuters)" not in fact.text


def test_partial_sentence_records_what_the_other_lacks(seeds):
    # The Irish Times credits the Shoigu quote to a news agency; the Independent does not.
    sentence = next(s for s in seeds.a.body_sentences if "would be futile" in s.text)
    result = seeds.alignment.sentences[sentence.id]
    assert result.status == "partial"
    assert any("quoted as saying by news agency" in span.text for span in result.added)
    for span in result.added:
        assert sentence.text[span.start : span.end] == span.text


def test_reordered_passages_are_marked_moved(seeds):
    orders = {g.order for g in seeds.alignment.paragraphs}
    assert "moved" in orders and "in-order" in orders


def test_aliases_are_resolved_across_articles(seeds):
    mattis = next(e for e in seeds.entities if e.name.endswith("Mattis"))
    assert {"James Mattis", "Jim Mattis"} <= {mattis.name, *mattis.aliases}
    assert mattis.mentions_a and mattis.mentions_b
    nato = [e for e in seeds.entities if e.name.casefold() == "nato"]
    assert len(nato) == 1
    kinds = {e.name: e.kind for e in seeds.entities}
    assert kinds["Jens Stoltenberg"] == "person"
    assert kinds["Brussels"] == "place"
    assert kinds["FBI"] == "organisation"


def test_quotes_are_attributed_through_descriptions_and_pronouns(seeds):
    names = {e.id: e.name for e in seeds.entities}
    by_text = {q.b.text[:30]: names.get(q.b.speaker or "") for q in seeds.quotes if q.b}
    # "… should work together," said the Russian President.
    assert by_text["It’s in everyone’s interest to"] == "Vladimir Putin"
    # "… of other countries," he said.  (after "Mr Lavrov repeated …")
    assert by_text["You should know we do not inte"] == "Sergei Lavrov"
    # The US Defence Secretary hit back: "…"
    assert by_text["I have no need to respond to t"] == "Jim Mattis"


def test_comparing_an_article_with_itself_gives_no_facts():
    article = _article(SEED_B.read_text(encoding="utf-8"), "same.txt")
    comparison = compare_loaded(article, article)
    assert comparison.facts == ()
    statuses = {comparison.alignment.sentences[s.id].status for s in comparison.a.body_sentences}
    assert statuses == {"shared"}
    assert all(q.status == "identical" for q in comparison.quotes)


def test_swapping_articles_swaps_the_result(seeds):
    swapped = compare_articles(SEED_B, SEED_A)
    assert len(swapped.facts_on("a")) == len(seeds.facts_on("b"))
    assert len(swapped.facts_on("b")) == len(seeds.facts_on("a"))
    for original, mirrored in ((seeds.a, swapped.b), (seeds.b, swapped.a)):
        for s, t in zip(original.sentences, mirrored.sentences, strict=True):
            assert seeds.alignment.sentences[s.id].status == swapped.alignment.sentences[t.id].status


def test_swapping_articles_mirrors_groups_orders_facts_and_quotes(seeds):
    swapped = compare_articles(SEED_B, SEED_A)

    def flip(identifier: str) -> str:
        return ("b" if identifier[0] == "a" else "a") + identifier[1:]

    original = {(g.a, g.b, g.order) for g in seeds.alignment.paragraphs}
    mirrored = {
        (tuple(flip(i) for i in g.b), tuple(flip(i) for i in g.a), g.order) for g in swapped.alignment.paragraphs
    }
    assert original == mirrored
    for side in ("a", "b"):
        other = "b" if side == "a" else "a"
        assert [(f.label, f.text, f.kind) for f in seeds.facts_on(side)] == [
            (f.label, f.text, f.kind) for f in swapped.facts_on(other)
        ]
    assert sorted(
        (
            q.status.replace("only_a", "x").replace("only_b", "only_a").replace("x", "only_b"),
            q.b.text if q.b else "",
            q.a.text if q.a else "",
        )
        for q in swapped.quotes
    ) == sorted((q.status, q.a.text if q.a else "", q.b.text if q.b else "") for q in seeds.quotes)


def test_quote_offsets_point_at_the_quote_text(seeds):
    for comparison_quote in seeds.quotes:
        for side, quote in (("a", comparison_quote.a), ("b", comparison_quote.b)):
            if quote is not None:
                text = seeds.document(side).article.text
                assert text[quote.start : quote.end] == quote.text


def test_a_sentence_that_says_something_before_a_shared_quote_is_a_fact():
    quote = "“We have built more homes this year than in any year of the last decade,” Mr Smith said."
    one = _article(f"H\n\nJohn Smith resigned as housing minister on Friday. {quote}")
    two = _article(f"H\n\nThe figures were published on Thursday. {quote}")
    comparison = compare_loaded(one, two)
    assert any("resigned as housing minister" in f.text for f in comparison.facts_on("a"))


def test_a_bare_lead_in_to_a_shared_quote_is_not_a_fact():
    quote = "“We have built more homes this year than in any year of the last decade,” Mr Smith said."
    one = _article(f"H\n\nThat drew a reply from Mr Smith. {quote}")
    two = _article(f"H\n\nMinisters met on Thursday to discuss housing targets. {quote}")
    comparison = compare_loaded(one, two)
    assert comparison.facts_on("a") == ()


def test_chinese_articles_compare_at_character_level():
    one = _article("标题\n\n市政府今天宣布了新的交通计划。该计划将在明年实施。")
    two = _article("标题\n\n市政府今天宣布了新的交通计划。另外，学校将延长假期。")
    comparison = compare_loaded(one, two)
    statuses = [comparison.alignment.sentences[s.id].status for s in comparison.a.body_sentences]
    assert statuses == ["shared", "unique"]
    assert [f.text for f in comparison.facts_on("b")] == ["另外，学校将延长假期。"]


def test_unrelated_articles_share_nothing():
    one = _article(
        "Storm hits coast\n\nHeavy rain flooded the harbour town of Kelmouth on Tuesday. "
        "Fishermen pulled their boats ashore as waves broke over the sea wall."
    )
    two = _article(
        "Budget vote delayed\n\nThe city council postponed its budget vote after a dispute "
        "over library funding. Councillors will meet again next month."
    )
    comparison = compare_loaded(one, two)
    assert comparison.alignment.matches == ()
    assert len(comparison.facts_on("a")) == 1 and len(comparison.facts_on("b")) == 1


def test_rewrite_with_british_and_american_spelling_is_shared():
    one = _article("Headline\n\nThe defence ministry will organise co-operation talks at the centre in March.")
    two = _article("Headline\n\nThe defense ministry will organize cooperation talks at the center in March.")
    comparison = compare_loaded(one, two)
    assert [comparison.alignment.sentences[s.id].status for s in comparison.a.body_sentences] == ["shared"]
    assert comparison.facts == ()


def test_a_changed_figure_is_a_fact_on_both_sides():
    one = _article("Fire at plant\n\nAbout 300 residents were told to leave their homes near the plant on Friday.")
    two = _article("Fire at plant\n\nAbout 1,300 residents were told to leave their homes near the plant on Friday.")
    comparison = compare_loaded(one, two)
    assert [f.text for f in comparison.facts_on("a")] == [comparison.a.body_sentences[0].text]
    assert [f.text for f in comparison.facts_on("b")] == [comparison.b.body_sentences[0].text]


def test_a_changed_figure_in_a_sentence_that_also_adds_words_is_reported_whole():
    one = _article("Quake\n\nThe earthquake struck before dawn on Tuesday and killed at least 47 people in the town.")
    two = _article(
        "Quake\n\nThe earthquake, a magnitude 6.8 shock centred beneath the coastal mountains north of the "
        "capital, struck before dawn on Tuesday and killed at least 62 people in the town."
    )
    comparison = compare_loaded(one, two)
    [fact_b] = comparison.facts_on("b")
    assert fact_b.text == comparison.b.body_sentences[0].text  # the whole sentence, not a collage of added words
    assert "62" in fact_b.text and "…" not in fact_b.text


def test_a_unit_written_out_is_not_another_figure():
    assert not differing_figures(
        "The strongest gust, 92mph, was recorded at Shap.",
        ["The strongest gust, 92 miles per hour, was recorded at Shap."],
    )
    assert differing_figures(
        "The strongest gust, 92mph, was recorded at Shap.",
        ["The strongest gust, 97 miles per hour, was recorded at Shap."],
    )
    # A bare number elsewhere in the sentence does not hide a changed figure.
    assert differing_figures("He was jailed for 6 years and fined £6m.", ["He was jailed for 8 years and fined £6m."])
    assert differing_figures("The club spent £19m over 14 years.", ["The club spent £14m over 14 years."])
    assert differing_figures("Police seized 40kg of cocaine and 3 guns.", ["Police seized 3kg of cocaine and 3 guns."])


def test_differing_figures_ignores_numbers_written_in_words():
    assert differing_figures("Five people died on the 8th.", ["5 people died on the eighth."]) is False
    assert differing_figures("It cost $85 million.", ["It cost $58 million."]) is True


def test_quote_spans_skip_apostrophes_and_run_to_paragraph_end_when_open():
    text = "She said: ‘it’s fine’ and “we will go on. We are not done"
    spans = [text[a:b] for a, b in find_quote_spans(text)]
    assert spans == ["it’s fine", "we will go on. We are not done"]


def test_window_similarity_treats_a_quoted_part_as_identical():
    ratio, identical = window_similarity("we are ready".split(), "and he said we are ready to go".split())
    assert identical and ratio == 1.0
    assert window_similarity("we are not ready".split(), "we are ready".split())[1] is False


def test_autojunk_is_an_explicit_option_that_changes_long_sentence_matching():
    # difflib drops items that make up over 1% of a 200+ item sequence when
    # autojunk is on; off by default so that long sentences still match.
    names = " ".join(f"w{i}" for i in range(60))
    filler = " ".join(["the"] * 150)
    one = _article(f"H\n\n{filler} {names}.")
    two = _article(f"H\n\n{names} {filler}.")
    on = compare_loaded(one, two, options=CompareOptions(autojunk=True))
    off = compare_loaded(one, two)
    ratio_on = on.alignment.matches[0].similarity if on.alignment.matches else 0.0
    ratio_off = off.alignment.matches[0].similarity
    assert ratio_off > ratio_on


def test_entities_keep_people_apart_with_different_first_names():
    one = segment_article(_article("H\n\nBill Clinton met Hillary Clinton. Mr Clinton left early."), "a", "A")
    two = segment_article(_article("H\n\nNothing here."), "b", "B")
    people = [e.name for e in extract_entities(one, two) if e.kind == "person"]
    assert "Bill Clinton" in people and "Hillary Clinton" in people


def test_options_are_checked():
    from compare.errors import ConfigError

    with pytest.raises(ConfigError, match="shared_coverage must be in"):
        CompareOptions(shared_coverage=1.5)


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
    one = _article("Tour plan\n\n" + "\n\n".join(quotes_a))
    two = _article("Tour plan\n\n" + "\n\n".join(quotes_b))
    comparison = compare_loaded(one, two)
    statuses = [q.status for q in comparison.quotes]
    assert statuses.count("identical") == len(quotes_a) - 1 and statuses.count("variant") == 1, statuses
    assert len(statuses) == len(quotes_a)
    for quote in comparison.quotes:
        assert quote.a is not None and quote.b is not None
        assert quote.a.text.split(" at ")[-1] == quote.b.text.split(" at ")[-1]


def test_a_name_opening_a_sentence_counts_when_the_articles_write_it_mid_sentence():
    one = _article(
        "Mine ruling\n\nGreyfield had planned to begin production in 2027. Analysts said the ruling "
        "hurts Greyfield badly. Officials met on Monday. Bramwell was not consulted."
    )
    two = _article("Mine ruling\n\nThe court ruled against Greyfield on Friday. Regulators welcomed it.")
    comparison = compare_loaded(one, two)
    by_name = {e.name: e for e in comparison.entities}
    greyfield = by_name["Greyfield"]
    assert [m.sentence for m in greyfield.mentions_a] == ["a-p2-s1", "a-p2-s2"]  # the opening mention counts
    assert len(greyfield.mentions_b) == 1
    # Capitalised only because they open a sentence, and never written mid-sentence: not names.
    assert not {"Officials", "Regulators", "Bramwell"} & set(by_name)
    assert comparison.facts_on("a")[0].label == "Greyfield"


def test_names_keep_a_plural_possessive_and_drop_a_leading_demonym():
    one = _article(
        "Union talks\n\nThe Belgian Wout Declercq met the Professional Rugby Players' Association "
        "and the Ukrainian Olena Kovalenko in Brussels on Monday."
    )
    two = _article("Union talks\n\nMinisters met in Brussels on Monday.")
    names = {e.name for e in compare_loaded(one, two).entities}
    assert {"Wout Declercq", "Professional Rugby Players' Association", "Olena Kovalenko"} <= names
    assert not {"Belgian Wout Declercq", "Professional Rugby Players", "Ukrainian Olena Kovalenko"} & names
    # A singular name's possessive still ends it.
    three = _article("Union talks\n\nMinisters backed Tom Jones' Labour colleagues in Brussels on Monday.")
    names = {e.name for e in compare_loaded(three, two).entities}
    assert "Tom Jones" in names and not any("Labour" in n and "Jones" in n for n in names)


def test_a_title_case_headline_does_not_make_a_sentence_opening_word_a_name():
    one = _article(
        "Mayor Quits Over Housing Scandal\n\nScandal engulfed the council on Monday after the mayor "
        "resigned over the housing contracts awarded last year."
    )
    two = _article("Mayor resigns\n\nThe mayor resigned on Monday.")
    assert "Scandal" not in {e.name for e in compare_loaded(one, two).entities}


def test_summary_names_a_body_as_the_article_writes_it():
    one = _article(
        "Budget row\n\nOfficials at the Pentagon said the budget would rise by a tenth next year. "
        "The Pentagon declined to give figures for each service."
    )
    two = _article("Budget row\n\nThe budget will rise by a tenth next year, officials said.")
    from compare.context import summary_sentence

    summary = summary_sentence(compare_loaded(one, two))
    assert "a passage on the Pentagon" in summary, summary

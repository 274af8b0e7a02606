"""Sets of three or more articles of one event (issue 14): the engine, its JSON contract and the command line.

The articles are the invented ones in ``tests/sets/harbour-bridge/``: three outlets on a bridge closed for
a crack.  All three report the closure and its length; two quote the mayor in slightly different words and
give different daily traffic figures (40,000 / 45,000); each has something the others lack (shop owners;
the bridge's history and an opposition councillor; the rail operator and police diversions).
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import jsonschema
import numpy as np
import pytest
from conftest import files_in, one_line_error, run

from compare.errors import INPUT, OK, USAGE, ConfigError
from compare.export import load_set_schema, set_to_dict
from compare.load import load_bytes
from compare.model import MATCHED_STATUSES, SET_LETTERS, CompareOptions, Document, SetComparison
from compare.pipeline import compare_loaded
from compare.set_context import set_summary
from compare.sets import CachedSimilarities, compare_set, compare_set_loaded, document_ids

HARBOUR = Path(__file__).resolve().parent / "sets" / "harbour-bridge"
ARTICLES = [HARBOUR / f"{n}.txt" for n in (1, 2, 3)]
LEXICAL = CompareOptions(semantic=False)


@pytest.fixture(scope="module")
def harbour() -> SetComparison:
    """The three harbour-bridge articles, compared without the paraphrase model."""
    return compare_set(ARTICLES, options=LEXICAL)


def fact_holding(comparison: SetComparison, words: str) -> tuple[str, ...]:
    """The documents carrying the one fact whose wording (in any document) holds `words`."""
    found = [f for f in comparison.facts if any(words in text for text in f.texts.values())]
    assert len(found) == 1, [f.texts for f in found]
    return found[0].carried_by


# -- what the set finds ----------------------------------------------------------------------------------


def test_membership_of_the_invented_event(harbour: SetComparison) -> None:
    assert fact_holding(harbour, "closed to all traffic") == ("a", "b", "c")
    assert fact_holding(harbour, "three weeks") == ("a", "b", "c")
    assert fact_holding(harbour, "every 15 minutes") == ("a", "c")
    assert fact_holding(harbour, "routine inspection") == ("a", "b")
    assert fact_holding(harbour, "shop owners") == ("a",)
    assert fact_holding(harbour, "opened in 1974") == ("b",)
    assert fact_holding(harbour, "Nordlink") == ("c",)
    # The label skips the apposition ("which opened in 1974") to reach what the sentence says of the bridge.
    assert [f.label for f in harbour.exclusives("b")] == [
        "The bridge was last fully repaired in 2009 at a cost of 12…",
        "Tomas Reyholt",
    ]
    assert harbour.comparisons == 2  # one alignment per article after the first, not one per pair


def test_quotes_changes_and_stats(harbour: SetComparison) -> None:
    shared = [q for q in harbour.quotes if len(q.carried_by) > 1]
    assert [(q.carried_by, q.status, q.speaker) for q in shared] == [(("a", "b"), "variant", "Ilse Brandvik")]
    assert [(c.kind, c.texts, c.summary) for c in harbour.changes] == [
        ("figure", {"a": "40,000", "b": "45,000"}, "40,000 / 45,000 vehicles")
    ]
    stats = harbour.stats
    assert {d: s.exclusives for d, s in stats.items()} == {d: len(harbour.exclusives(d)) for d in "abc"}
    assert {d: s.facts for d, s in stats.items()} == {d: sum(d in f.carried_by for f in harbour.facts) for d in "abc"}
    assert stats["c"].share_of(len(harbour.facts)) == stats["c"].facts / len(harbour.facts)


def test_every_body_sentence_says_which_documents_carry_it(harbour: SetComparison) -> None:
    for document in harbour.documents:
        for sentence in document.body_sentences:
            result = harbour.sentences[sentence.id]
            assert sentence.id.startswith(f"{document.side}-p")
            assert document.side not in result.carried_by
            assert (result.status == "unique") == (not result.carried_by)
    lede = harbour.documents[2].body_sentences[0]
    assert harbour.sentences[lede.id].carried_by == ("a", "b")


# -- properties --------------------------------------------------------------------------------------


@pytest.mark.parametrize("order", list(itertools.permutations(range(3)))[1:])
def test_the_order_of_the_articles_changes_ids_and_nothing_else(harbour: SetComparison, order: tuple[int, ...]) -> None:
    other = compare_set([ARTICLES[i] for i in order], options=LEXICAL)
    # Document k of `other` is document order[k] of `harbour`.
    rename = {SET_LETTERS[k]: SET_LETTERS[i] for k, i in enumerate(order)}

    def facts(comparison: SetComparison, names: dict[str, str]) -> list[tuple[object, ...]]:
        return [
            (
                f.id,
                f.label,
                f.kind,
                sorted(names[d] for d in f.carried_by),
                sorted((names[d], t) for d, t in f.texts.items()),
            )
            for f in comparison.facts
        ]

    assert facts(other, rename) == facts(harbour, {d: d for d in "abc"})
    carried = {rename[i[0]] + i[1:]: sorted(rename[d] for d in s.carried_by) for i, s in other.sentences.items()}
    assert carried == {i: list(s.carried_by) for i, s in harbour.sentences.items()}
    assert [(c.kind, {rename[d]: t for d, t in c.texts.items()}) for c in other.changes] == [
        (c.kind, c.texts) for c in harbour.changes
    ]


def test_one_article_three_times_is_all_shared() -> None:
    text = ARTICLES[0].read_bytes()
    copies = [load_bytes(text, source=f"copy-{n}.txt") for n in range(3)]
    comparison = compare_set_loaded(copies, options=LEXICAL)
    assert comparison.facts and all(f.carried_by == ("a", "b", "c") for f in comparison.facts)
    assert all(s.carried_by == tuple(d for d in "abc" if d != i[0]) for i, s in comparison.sentences.items())
    assert all(s.status == "shared" for s in comparison.sentences.values())
    assert comparison.changes == ()
    assert all(q.status == "identical" and len(q.carried_by) == 3 for q in comparison.quotes)


def test_a_sentence_an_article_repeats_word_for_word_makes_one_fact() -> None:
    # The third article is a page extracted with a passage given twice, the repeat glued into another block.
    texts = [
        "Ferry cut\n\nThe island ferry will stop running in January.",
        "Ferry cut\n\nThe island ferry will stop running in January. Fares rose last spring.",
        "Ferry cut\n\nThe harbour master counted four hundred boats in the bay this summer.\n\n"
        "The ferry will stop in January.\n\n"
        "A new pier opened. The harbour master counted four hundred boats in the bay this summer.",
    ]
    articles = [load_bytes(t.encode(), source=f"{n}.txt") for n, t in enumerate(texts)]
    comparison = compare_set_loaded(articles, options=LEXICAL)
    holding = [f for f in comparison.facts if any("four hundred boats" in t for t in f.texts.values())]
    assert len(holding) == 1 and holding[0].carried_by == ("c",)


@pytest.mark.parametrize("pair", [(0, 1), (1, 2), (0, 2)])
def test_a_two_article_set_carries_what_the_pair_comparison_matches(pair: tuple[int, int]) -> None:
    articles = [load_bytes(ARTICLES[i].read_bytes(), source=ARTICLES[i].name) for i in pair]
    found = compare_set_loaded(articles, options=LEXICAL)
    # The set reads the articles in their canonical order: the later one is aligned against the earlier.
    first, second = sorted(range(2), key=lambda i: (articles[i].sha256, articles[i].text))
    comparison = compare_loaded(articles[second], articles[first], options=LEXICAL)
    letter = {"a": "ab"[second], "b": "ab"[first]}
    checked = 0
    for side in ("a", "b"):
        for sentence in comparison.document(side).body_sentences:  # type: ignore[arg-type]
            matched = comparison.alignment.sentences[sentence.id].status in MATCHED_STATUSES
            assert bool(found.sentences[letter[side] + sentence.id[1:]].carried_by) == matched, sentence.text
            checked += 1
    assert checked == sum(d.body_sentences.__len__() for d in found.documents)


def test_each_sentence_is_embedded_once_for_the_whole_set() -> None:
    class CountingEncoder:
        """Deterministic unit vectors from a text's letters, counting what it is asked to encode."""

        def __init__(self) -> None:
            self.encoded: list[str] = []

        def encode(self, texts: list[str]) -> np.ndarray:
            self.encoded.extend(texts)
            rows = np.zeros((len(texts), 384), dtype=np.float32)
            for row, text in enumerate(texts):
                for char in text.lower():
                    rows[row, ord(char) % 384] += 1.0
            return rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-12)

    class Reader:
        """What `CachedSimilarities` asks of `pipeline.ModelReader`: vectors of a list of texts."""

        def __init__(self, encoder: CountingEncoder) -> None:
            self.vectors = encoder.encode

    encoder = CountingEncoder()
    cosines = CachedSimilarities(Reader(encoder))  # type: ignore[arg-type]
    first = cosines(["one claim", "another claim"], ["a third", "one claim"])
    second = cosines(["another claim", "a fourth"], ["one claim"])
    assert sorted(encoder.encoded) == sorted(["one claim", "another claim", "a third", "a fourth"])
    direct = CountingEncoder().encode(["one claim", "one claim"])
    assert first[0][1] == pytest.approx(float(direct[0] @ direct[1]), abs=1e-3) == 1.0
    assert len(second) == 2 and len(second[0]) == 1


# -- the JSON contract ------------------------------------------------------------------------------------


def test_set_json_validates_and_keys_documents_by_id(harbour: SetComparison) -> None:
    document = set_to_dict(harbour)
    jsonschema.validate(document, load_set_schema())
    assert document["kind"] == "set" and sorted(document["documents"]) == ["a", "b", "c"]
    sentence = document["documents"]["c"]["paragraphs"][1]["sentences"][0]
    assert sentence["id"] == "c-p2-s1" and sentence["in"] == ["a", "b"]
    assert document["event"]["facts"] == len(harbour.facts)
    assert document["event"]["carried_by_all"] == sum(len(f.carried_by) == 3 for f in harbour.facts)
    only_c = [f for f in document["facts"] if f["in"] == ["c"]]
    assert document["stats"]["c"]["exclusives"] == len(only_c) == 2


def test_the_schema_refuses_a_unique_sentence_that_is_carried(harbour: SetComparison) -> None:
    document = set_to_dict(harbour)
    sentence = document["documents"]["a"]["paragraphs"][1]["sentences"][0]
    sentence["status"] = "unique"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, load_set_schema())


# -- limits ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 27])
def test_a_set_takes_two_to_26_articles(count: int) -> None:
    with pytest.raises(ConfigError, match="2 to 26 articles"):
        document_ids(count)


def test_versions_mode_is_refused_for_a_set() -> None:
    with pytest.raises(ConfigError, match="versions mode compares two articles"):
        compare_set(ARTICLES, options=CompareOptions(semantic=False, versions=True))


# -- the command line ---------------------------------------------------------------------------------------


def test_three_articles_on_the_command_line_give_the_set_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys, *ARTICLES, "--label", "c=Nord Radio", "--label-a", "Velmora Post", "--set", "semantic=false"
    )
    assert (code, err) == (OK, "")
    document = json.loads(out)
    jsonschema.validate(document, load_set_schema())
    assert [document["documents"][d]["label"] for d in "abc"] == ["Velmora Post", "2.txt", "Nord Radio"]


def test_an_article_named_by_its_letter_is_read_with_its_codec(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    third = tmp_path / "3.txt"
    third.write_bytes(ARTICLES[2].read_text(encoding="utf-8").replace("Velmora's", "Velmora’s").encode("cp1252"))
    code, out, _ = run(capsys, ARTICLES[0], ARTICLES[1], third, "--encoding", "c=cp1252", "--set", "semantic=false")
    assert code == OK
    document = json.loads(out)
    assert document["documents"]["c"]["encoding"] == "cp1252"
    assert "Velmora’s harbour bridge" in document["documents"]["c"]["paragraphs"][1]["text"]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--versions"], "--versions compares two versions of one story"),
        (["--label", "d=Fourth"], "name an article by its id (a, b, c)"),
        (["--encoding", "e=cp1252"], "name an article as a=CODEC"),
    ],
)
def test_set_usage_errors_are_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, extra: list[str], message: str
) -> None:
    output = tmp_path / "set.json"
    code, out, err = run(capsys, *ARTICLES, "-o", output, *extra)
    assert code == USAGE
    assert out == ""
    assert message in one_line_error(err)
    assert files_in(tmp_path) == []


def test_too_many_articles_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, *([ARTICLES[0]] * 27))
    assert code == USAGE
    assert "a set takes at most 26 articles, not 27" in one_line_error(err)


def test_a_missing_article_of_a_set_fails_alone_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    output = tmp_path / "set.json"
    code, _, err = run(capsys, ARTICLES[0], ARTICLES[1], tmp_path / "gone.txt", "-o", output)
    assert code == INPUT
    assert "gone.txt" in one_line_error(err)
    assert files_in(tmp_path) == []


def test_the_summary_says_when_no_fact_is_carried_by_all() -> None:
    from compare.set_context import set_summary

    pairs = Path(__file__).resolve().parent / "gold" / "pairs"
    unrelated = [next((pairs / name).glob("a.*")) for name in ("two-outlets-court", "two-outlets-tech-outage")]
    comparison = compare_set([*unrelated, ARTICLES[0]], options=LEXICAL)
    assert not any(len(f.carried_by) == 3 for f in comparison.facts)
    assert set_summary(comparison).endswith(f"no fact of the {len(comparison.facts)} is carried by all three.")
    assert set_summary(compare_set(ARTICLES, options=LEXICAL)).endswith(
        "all three carry 2 facts of 11. 1 figure differs between outlets: 40,000 / 45,000 vehicles."
    )


def test_an_article_without_a_label_takes_the_one_a_manifest_beside_it_gives(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for article in ARTICLES:
        (tmp_path / article.name).write_bytes(article.read_bytes())
    (tmp_path / "pairs.toml").write_text(
        '[[pair]]\nid = "p"\na = "1.txt"\nb = "2.txt"\nlabel_a = "Velmora Post"\nlabel_b = "Harbour Daily"\n',
        encoding="utf-8",
    )
    paths = [tmp_path / a.name for a in ARTICLES]
    code, out, _ = run(capsys, *paths, "--label", "b=Given", "--set", "semantic=false")
    assert code == OK
    labels = [json.loads(out)["documents"][d]["label"] for d in "abc"]
    assert labels == ["Velmora Post", "Given", "3.txt"]  # a given label wins; no manifest names 3.txt
    found = compare_set(paths, fallback_labels=[None, None, "Nord Radio"], options=LEXICAL)
    assert [d.label for d in found.documents] == ["1.txt", "2.txt", "Nord Radio"]


def test_an_exclusive_opening_with_she_is_labelled_by_the_person_just_named() -> None:
    shared = "The harbour will close for repairs in March. Harbour master Ann Lowe oversaw the last refit."
    texts = [
        f"Harbour\n\n{shared} She said the fleet would moor at Carrow until the work is done.",
        f"Harbour\n\n{shared} The council approved the budget on Tuesday evening after a long debate.",
        f"Harbour\n\n{shared}",
    ]
    articles = [load_bytes(text.encode(), source=f"{n}.txt") for n, text in enumerate(texts)]
    comparison = compare_set_loaded(articles, options=LEXICAL)
    labels = [f.label for f in comparison.facts if len(f.carried_by) == 1]
    assert "Ann Lowe said the fleet would moor at Carrow until the work is done" in labels


def test_unrelated_exclusives_of_one_paragraph_are_facts_of_their_own_as_in_a_pair() -> None:
    shared = "The harbour will close for repairs in March."
    own = (
        "The council approved the budget on Tuesday evening after a long debate. "
        "Fishing crews will moor at Carrow until the work is done. "
        "They said the berths there were too small. "
        "A new crane arrives from Rotterdam in April."
    )
    texts = [f"Harbour\n\n{shared} {own}", f"Harbour\n\n{shared}", f"Harbour\n\n{shared}"]
    articles = [load_bytes(text.encode(), source=f"{n}.txt") for n, text in enumerate(texts)]
    comparison = compare_set_loaded(articles, options=LEXICAL)
    exclusives = [f.texts["a"] for f in comparison.exclusives("a")]
    assert exclusives == [
        "The council approved the budget on Tuesday evening after a long debate.",
        "Fishing crews will moor at Carrow until the work is done. They said the berths there were too small.",
        "A new crane arrives from Rotterdam in April.",
    ]
    assert comparison.stats["a"].exclusives == 3
    # The pair comparison groups them the same way.
    pair = compare_loaded(articles[0], articles[1], options=LEXICAL)
    assert [f.text for f in pair.facts_on("a")] == exclusives


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_a_figure_an_outlet_gives_its_own_way_is_one_set_change_with_every_outlets_value(
    order: tuple[int, ...],
) -> None:
    # B counts the injured in a short sentence of its own after telling the collapse; A and C count them in the
    # collapse's sentence.  The pair finds the disagreement; so must the set, with all three values.
    texts = [
        "Collapse\n\n14 workers were injured on Tuesday when scaffolding collapsed at the building site of the new "
        "river bridge.\n\nThe county said the site would stay closed while inspectors examined the scaffolding.",
        "Bridge\n\nA scaffold gave way at the new river bridge building site on Tuesday. Fifteen workers were hurt, "
        "two of them seriously.\n\nThe site will remain shut while inspectors examine the scaffolding, the county "
        "said.",
        "Site shut\n\nScaffolding collapsed at the new river bridge building site on Tuesday, injuring 14 workers."
        "\n\nInspectors will examine the scaffolding and the site will stay closed, the county said.",
    ]
    articles = [load_bytes(texts[n].encode(), source=f"{n}.txt") for n in order]
    comparison = compare_set_loaded(articles, options=LEXICAL)
    value_of = {document.side: texts.index(document.article.text) for document in comparison.documents}
    values = {0: "14", 1: "Fifteen", 2: "14"}
    given = {side: values[value_of[side]] for side in "abc"}
    in_argument_order = " / ".join(dict.fromkeys(given.values()))  # "Fifteen / 14" when B's article comes first
    assert [(c.kind, c.texts, c.summary) for c in comparison.changes] == [
        ("figure", given, f"{in_argument_order} workers")
    ]
    fifteen = next(side for side in "abc" if value_of[side] == 1)
    assert comparison.changes[0].sentences[fifteen] == f"{fifteen}-p2-s2"
    assert set_summary(comparison).endswith(f" 1 figure differs between outlets: {in_argument_order} workers.")


def test_a_set_label_never_holds_a_whole_very_long_word() -> None:
    shared = "The harbour will close for repairs in March."
    own = f"Divers found {'harbour' * 30} under the quay wall."
    texts = [f"Harbour\n\n{shared}\n\n{own}", f"Harbour\n\n{shared}", f"Harbour\n\n{shared}"]
    articles = [load_bytes(text.encode(), source=f"{n}.txt") for n, text in enumerate(texts)]
    [fact] = compare_set_loaded(articles, options=LEXICAL).exclusives("a")
    assert fact.label.startswith("Divers found harbour") and fact.label.endswith("…")
    assert max(len(word) for word in fact.label.split()) <= 41


def test_a_name_labels_one_exclusive_alone_as_in_a_pair() -> None:
    shared = "The harbour will close for repairs in March."
    own = (
        "Ada Moss said the repairs were a waste of money.\n\n"
        "The council voted on Tuesday evening after a long debate.\n\n"
        "Ada Moss later wrote that the harbour master should resign."
    )
    texts = [f"Harbour\n\n{shared}\n\n{own}", f"Harbour\n\n{shared}", f"Harbour\n\n{shared}"]
    articles = [load_bytes(text.encode(), source=f"{n}.txt") for n, text in enumerate(texts)]
    labels = [f.label for f in compare_set_loaded(articles, options=LEXICAL).exclusives("a")]
    assert labels.count("Ada Moss") == 1
    assert len(labels) == 3 and labels[0] == "Ada Moss"


def alike_by_the_model(text_a: str, text_b: str) -> tuple[list, object]:
    """Two one-sentence documents, and a stand-in paraphrase model that finds their sentences alike (0.9)."""
    from conftest import article_from_text
    from test_align import fixed_similarities

    from compare.segment import segment_article

    texts = {"a": text_a, "b": text_b}
    documents = [segment_article(article_from_text(f"H\n\n{texts[side]}"), side, side.upper()) for side in "ab"]
    first_words = (text_a.split()[0], text_b.split()[0])
    return documents, fixed_similarities({first_words: 0.9, first_words[::-1]: 0.9})


def test_a_set_does_not_take_a_sentence_naming_someone_new_for_another_outlets_in_other_words():
    from compare.entities import name_entities
    from compare.model import CompareOptions
    from compare.sets import _Story

    documents, model = alike_by_the_model(
        "The suit was brought by the state's attorney general, Scott Pruitt, on Thursday.",
        "State officials filed the lawsuit on Thursday.",
    )
    pruitt, officials = (d.body_sentences[0].id for d in documents)

    def leads(named: tuple) -> set[str]:
        story = _Story(documents, CompareOptions(), model, named)
        assert [d.side for d in story.order] == ["b", "a"]  # the canonical order reads B's article first
        return {lead.id for lead in story.leads}

    # A's sentence naming Pruitt, whom B never names, is a statement of its own in the story...
    assert leads(name_entities(documents)) == {pruitt, officials}
    # ...where, without the people known, the model's word made it B's sentence in other words.
    assert leads(()) == {officials}


def test_a_set_weighs_a_remark_against_each_outlet_as_their_pair_would():
    # A speaker's remark is not the reporter's narration of something else, however alike the model finds them
    # (`Remarks.different`); the story knows who speaks in which sentence, as a pair does.
    from compare.align import align
    from compare.entities import extract_entities, name_entities
    from compare.model import CompareOptions
    from compare.quotes import compare_quotes, remarks_of
    from compare.sets import _quote_groups, _Story

    documents, model = alike_by_the_model(
        "“We will fight every cut to the pension,” said Ann Lowe, the union leader.",
        "Ministers plan to cut the state pension next year, officials said.",
    )
    remark, narration = (d.body_sentences[0].id for d in documents)

    # The pair, its stages run as the pipeline runs them.
    pair_entities = extract_entities(documents[0], documents[1])
    quotes = compare_quotes(documents[0], documents[1], pair_entities, CompareOptions())
    remarks = remarks_of((documents[0], documents[1]), quotes, pair_entities)
    pair = align(documents[0], documents[1], CompareOptions(), model, remarks)
    assert pair.sentences[remark].status == pair.sentences[narration].status == "unique"

    named = name_entities(documents)
    story = _Story(documents, CompareOptions(), model, named, _quote_groups(documents, named, CompareOptions()))
    assert {lead.id for lead in story.leads} == {remark, narration}
    # Without the quotes known, the model's word made one the other's in other words.
    assert len(_Story(documents, CompareOptions(), model, named).leads) == 1


def test_an_outlet_covering_a_lead_carries_a_sentence_linked_to_it_only_when_it_covers_that_sentence_too():
    # A's sentence is read first and leads; C's shorter one repeats half of it, B's shares its other half and
    # adds a resignation.  C covers A's sentence, but not B's: as their pair says, C does not carry it.
    from conftest import article_from_text

    from compare.model import CompareOptions
    from compare.pipeline import compare_loaded
    from compare.sets import canonical_order, compare_set_loaded

    texts = {
        "a": "Fishing boats returned early because of the storm warning. "
        "The council approved the harbour plan on Monday after a long debate about costs.",
        "b": "Schools in the valley will open an hour later next week. "
        "After a long debate about the harbour costs on Monday, the mayor resigned over the new ferry tax.",
        "c": "The museum reopened its east wing to visitors on Saturday. "
        "The council approved the harbour plan on Monday.",
    }
    articles = [article_from_text(f"Harbour\n\n{texts[side]}") for side in "abc"]
    words_only = CompareOptions(semantic=False)
    found = compare_set_loaded(articles, options=words_only)
    assert canonical_order(found.documents)[0].side == "a"  # A's sentence is the story's lead
    assert found.sentences["a-p2-s2"].carried_by == ("b", "c")
    assert found.sentences["b-p2-s2"].carried_by == ("a",)
    pair = compare_loaded(articles[1], articles[2], options=words_only)
    assert pair.alignment.sentences["a-p2-s2"].status == "unique"  # B's sentence, against C


def test_an_outlet_that_says_a_sentence_in_other_words_carries_it_though_the_story_linked_it_elsewhere():
    # C's first sentence repeats part of B's and says A's in other words; the story links it to B's sentence
    # only (it is no question for the model there), while the pair of A and C finds it reworded.
    from conftest import article_from_text
    from test_align import fixed_similarities

    from compare.align import align
    from compare.entities import name_entities
    from compare.model import CompareOptions
    from compare.segment import segment_article
    from compare.sets import _quote_groups, _Story

    texts = {
        "a": "Islanders will lose their only boat link to the mainland next spring.",
        "b": "Councillors voted on Monday to close the ferry service after a long debate.",
        "c": "Residents of the island will be cut off when councillors close the ferry service after the vote on "
        "Monday. Officials said the mainland boat link for islanders will end in spring.",
    }
    documents = [
        segment_article(article_from_text(f"Ferry link\n\n{texts[side]}"), side, side.upper()) for side in "abc"
    ]
    model = fixed_similarities({("Islanders", "Residents"): 0.9, ("Residents", "Islanders"): 0.9})
    named = name_entities(documents)
    story = _Story(documents, CompareOptions(), model, named, _quote_groups(documents, named, CompareOptions()))
    assert [d.side for d in story.order] == ["a", "b", "c"]
    assert story.links["c-p2-s1"] == {"b-p2-s1"}
    assert story.sentence_results()["c-p2-s1"].carried_by == ("a", "b")
    pair = align(documents[0], documents[2], CompareOptions(), model)
    assert pair.sentences["c-p2-s1"].status == "reworded"
    # Two documents past the model's budget together are left as the story found them (the work stays bounded).
    tight = CompareOptions(max_embedded_sentences=2)
    story = _Story(documents, tight, model, named, _quote_groups(documents, named, tight))
    assert story.sentence_results()["c-p2-s1"].carried_by == ("b",)


def test_a_set_knows_a_speaker_by_family_name_where_its_articles_name_two_of_that_name():
    # Together the articles name Ann Lowe and Tom Lowe, so "Lowe" alone is a person of its own in the set; the
    # pair of A and B, which names one Lowe, takes B's sentence for one naming A's speaker, and so does the set.
    from conftest import article_from_text

    from compare.entities import name_entities
    from compare.model import CompareOptions
    from compare.segment import segment_article
    from compare.sets import _quote_groups, _story_remarks

    texts = {
        "a": "“We will fight every cut to the pension,” said Ann Lowe, the union leader.",
        "b": "Lowe told ministers the union would fight any cut to pensions.",
        "c": "Tom Lowe, a retired miner, said he had lost a third of his pension.",
    }
    documents = [segment_article(article_from_text(f"Pensions\n\n{texts[s]}"), s, s.upper()) for s in "abc"]
    named = name_entities(documents)
    assert {e.name for e in named if e.kind == "person"} == {"Ann Lowe", "Lowe", "Tom Lowe"}
    remarks = _story_remarks(documents, named, _quote_groups(documents, named, CompareOptions()))
    assert not remarks.different("a-p2-s1", "b-p2-s1")  # a remark and a sentence naming its speaker


def test_one_speaker_s_remark_quoted_in_other_words_by_two_articles_is_one_quote_of_the_set() -> None:
    from compare.model import Quote
    from compare.sets import _join_reworded_quote_groups

    def quote(side: str, text: str, speaker: str | None = "e1") -> Quote:
        return Quote(f"{side}-q1", side, text, speaker, "Ann Lowe", (f"{side}-p1-s1",), f"{side}-p1", 0, len(text))

    said_a = quote("a", "We have to keep the harbour open for every fishing boat on the coast")
    said_b = quote("b", "Every boat that fishes off this coast must still be able to use the harbour")
    other_b = quote("b", "The council will meet again before the end of the month to decide it", "e2")
    short_c = quote("c", "a disgrace")
    documents = [load_doc(side) for side in "abc"]
    groups = [{"a": said_a}, {"b": said_b}, {"b": other_b}, {"c": short_c}]

    def model(left: list[str], right: list[str]) -> list[list[float]]:
        return [[0.8 if "harbour" in x and "harbour" in y else 0.2 for y in right] for x in left]

    joined = _join_reworded_quote_groups(groups, documents, model, CompareOptions())
    assert {"a": said_a, "b": said_b} in joined  # one speaker, each the other's closest, close enough
    assert {"b": other_b} in joined and {"c": short_c} in joined  # another speaker; a scare quote

    # Below the threshold the two stay apart, as a pair of their articles would keep them.
    def lukewarm(left: list[str], right: list[str]) -> list[list[float]]:
        return [[0.5] * len(right) for _ in left]

    apart = _join_reworded_quote_groups(groups, documents, lukewarm, CompareOptions())
    assert apart == groups


def load_doc(side: str) -> Document:
    """A one-sentence document on `side`."""
    from compare.segment import segment_article

    return segment_article(load_bytes(b"Harbour\n\nThe harbour stays open.", source=f"{side}.txt"), side, side)


@pytest.mark.parametrize("cosine, carried", [(0.55, True), (0.45, False)])
def test_a_set_finds_a_near_miss_of_the_word_pass_in_other_words_as_the_pair_does(cosine: float, carried: bool):
    # A third of each sentence's words (by rarity) are in the other: the pair settles it on a modest cosine
    # (`test_align.test_a_near_miss_of_the_word_pass_is_reworded_on_a_lower_cosine`); asked outlet by outlet, the
    # set weighs the words as that pair does and agrees.
    from conftest import article_from_text
    from test_align import NEAR_MISS, OTHER_A, OTHER_B, fixed_similarities, near_miss_statuses

    from compare.entities import name_entities
    from compare.model import CompareOptions
    from compare.segment import segment_article
    from compare.sets import _Story

    texts = {"a": f"{NEAR_MISS[0]} {OTHER_A}", "b": f"{NEAR_MISS[1]} {OTHER_B}"}
    documents = [segment_article(article_from_text(f"H\n\n{texts[side]}"), side, side.upper()) for side in "ab"]
    model = fixed_similarities({("Kelso", "Kelso"): cosine})
    story = _Story(documents, CompareOptions(), model, name_entities(documents))
    asked = story._reworded_elsewhere({sentence_id: set() for sentence_id in story.document_of})
    first_a, first_b = (d.body_sentences[0].id for d in documents)
    pair_a, pair_b = near_miss_statuses(cosine)
    assert ("b" in asked.get(first_a, set())) == (pair_a.status == "reworded") == carried
    assert ("a" in asked.get(first_b, set())) == (pair_b.status == "reworded") == carried


def test_a_set_finds_what_several_sentences_of_an_outlet_say_together_as_the_pair_does():
    # Read piece by piece (the stand-in model of `test_align`), two sentences of B together say A's sentence in
    # other words: the pair finds it reworded, and the set, asking B about it, finds B carries it.
    from conftest import article_from_text
    from test_align import OTHER_A, OTHER_B, SAID_IN_TWO, SENSES, WordSenses, said_in_two_statuses

    from compare.entities import name_entities
    from compare.model import CompareOptions
    from compare.segment import segment_article
    from compare.sets import _Story

    texts = {"a": f"{SAID_IN_TWO[0]} {OTHER_A}", "b": f"{SAID_IN_TWO[1]} {OTHER_B}"}
    documents = [segment_article(article_from_text(f"H\n\n{texts[side]}"), side, side.upper()) for side in "ab"]

    def low(left: list[str], right: list[str]) -> list[list[float]]:
        return [[0.3 for _ in right] for _ in left]

    for options, carried in ((CompareOptions(), True), (CompareOptions(reworded_piece_recall=1.0), False)):
        story = _Story(documents, options, low, name_entities(documents), pieces=WordSenses(SENSES))
        asked = story._reworded_elsewhere({sentence_id: set() for sentence_id in story.document_of})
        first_a = documents[0].body_sentences[0].id
        pair, doc_a, _ = said_in_two_statuses(options=options)
        assert ("b" in asked.get(first_a, set())) == (pair.sentences[doc_a.body_sentences[0].id].status == "reworded")
        assert ("b" in asked.get(first_a, set())) == carried


@pytest.mark.parametrize("between", [True, False])
def test_a_set_finds_a_sentence_inside_a_passage_both_tell_said_in_other_words_as_the_pair_does(between: bool):
    # Between two sentences B carries, what B's two sentences hold of A's third is enough; before them it is not
    # (the piece threshold out of reach): the set says what the pair says, both ways.
    from conftest import article_from_text
    from test_align import BOTH_CARRY, OTHER_A, OTHER_B, SAID_IN_TWO, SENSES, WordSenses, passage_statuses

    from compare.entities import name_entities
    from compare.model import CompareOptions
    from compare.segment import segment_article
    from compare.sets import _Story

    first, second = BOTH_CARRY
    said = SAID_IN_TWO[0]
    texts = {
        "a": f"{first} {said} {second} {OTHER_A}" if between else f"{said} {first} {second} {OTHER_A}",
        "b": f"{first} {SAID_IN_TWO[1]} {second} {OTHER_B}",
    }
    documents = [segment_article(article_from_text(f"H\n\n{texts[side]}"), side, side.upper()) for side in "ab"]

    def low(left: list[str], right: list[str]) -> list[list[float]]:
        return [[0.3 for _ in right] for _ in left]

    options = CompareOptions(reworded_piece_recall=1.0)
    story = _Story(documents, options, low, name_entities(documents), pieces=WordSenses(SENSES))
    [sentence] = [s for s in documents[0].body_sentences if s.text == said]
    carried = "b" in story.sentence_results()[sentence.id].carried_by
    assert carried == (passage_statuses(between, options).status == "reworded")
    assert carried is between


def test_a_lead_alone_that_another_outlet_says_in_other_words_joins_the_fact_of_what_says_it():
    from types import SimpleNamespace

    from compare.sets import _join_said_elsewhere

    # Fact 0: A's lead with B's sentence linked to it.  C's first sentence is a lead alone, though the model
    # found A's lead saying it in other words (so its sentence is carried by A); C's second is carried by no one.
    # B's third is said by A's in fact 3 and by C's first, which joins fact 0: it joins fact 0, where C's is.
    groups = [["a-p2-s1"], ["c-p2-s1"], ["c-p2-s2"], ["a-p3-s1"], ["b-p3-s1"]]
    members = {
        "a-p2-s1": ["a-p2-s1", "b-p2-s1"],
        "c-p2-s1": ["c-p2-s1"],
        "c-p2-s2": ["c-p2-s2"],
        "a-p3-s1": ["a-p3-s1"],
        "b-p3-s1": ["b-p3-s1"],
    }
    story = SimpleNamespace(
        document_of={i: i[0] for i in [*members, "b-p2-s1"]},
        reworded_with={"c-p2-s1": {"a": ("a-p2-s1",)}, "b-p3-s1": {"a": ("a-p3-s1",), "c": ("c-p2-s1",)}},
    )
    results = {
        "a-p2-s1": SimpleNamespace(carried_by=("b",)),
        "c-p2-s1": SimpleNamespace(carried_by=("a",)),
        "c-p2-s2": SimpleNamespace(carried_by=()),
        "a-p3-s1": SimpleNamespace(carried_by=()),
        "b-p3-s1": SimpleNamespace(carried_by=("a", "c")),
    }
    # A lead the story linked nothing to and no outlet carries (C's second) stays an exclusive of its own.
    joined = _join_said_elsewhere(groups, members, story, results)
    assert joined == [["a-p2-s1", "c-p2-s1", "b-p3-s1"], ["c-p2-s2"], ["a-p3-s1"]]
    # A lead joined to one that then joins a third fact goes with it.
    chain = {"a-p2-s1": ["a-p2-s1", "b-p2-s1"], "b-p4-s1": ["b-p4-s1"], "c-p3-s1": ["c-p3-s1"]}
    story = SimpleNamespace(
        document_of={i: i[0] for i in [*chain, "b-p2-s1"]},
        reworded_with={"b-p4-s1": {"c": ("c-p3-s1",)}, "c-p3-s1": {"a": ("a-p2-s1",)}},
    )
    results = {i: SimpleNamespace(carried_by=("x",)) for i in chain}
    assert _join_said_elsewhere([[i] for i in chain], chain, story, results) == [["a-p2-s1", "c-p3-s1", "b-p4-s1"]]


def test_a_sentence_said_elsewhere_breaks_a_passage_one_outlet_alone_tells():
    from types import SimpleNamespace

    from compare.sets import _lead_groups

    texts = {
        "a-p2-s1": "Ann Lowe quit the harbour board on Monday.",
        "a-p2-s2": "She said the ferry plan was doomed.",
        "a-p2-s3": "It was her third resignation.",
        "b-p2-s1": "Lowe told reporters the ferry plan had no future.",
    }
    leads = [SimpleNamespace(id=i, text=t, paragraph_id=i.rsplit("-", 1)[0]) for i, t in texts.items()]
    story = SimpleNamespace(
        leads=leads,
        sentence={lead.id: lead for lead in leads},
        document_of={i: i[0] for i in texts},
        reworded_with={"a-p2-s2": {"b": ("b-p2-s1",)}},
    )
    members = {i: [i] for i in texts}
    carried = {i: SimpleNamespace(carried_by=()) for i in texts}
    # Read by its words alone, A's paragraph is one passage only A tells.
    assert _lead_groups(story, members, carried, []) == [["a-p2-s1", "a-p2-s2", "a-p2-s3"], ["b-p2-s1"]]
    # B says A's second sentence in other words: it joins B's fact, and the rest of A's paragraph is no passage
    # through it.
    carried["a-p2-s2"] = SimpleNamespace(carried_by=("b",))
    assert _lead_groups(story, members, carried, []) == [["a-p2-s1"], ["a-p2-s3"], ["b-p2-s1", "a-p2-s2"]]

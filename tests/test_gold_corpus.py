"""The corpus gold points at its articles without copying them, and its splits follow split.toml.

The articles are read from ``../shared/corpus/`` (never copied into the repository); without it these tests skip.
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "tests" / "gold"))
from corpus_gold import CORPUS, GOLD, PAIRED_EXCERPTS, load_gold

FILES = sorted(GOLD.glob("*-[0-9]-[0-9].json"))
VERDICT_FILES = sorted((GOLD / "verdicts").glob("*.json"))
CHANGE_FILES = sorted((GOLD / "changes").glob("*.json"))
# A run of this many words of an article, found in a gold file, would be the article's text copied.
COPIED_RUN_WORDS = 5
WORD_RE = re.compile(r"\w+")
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="the research corpus is not beside the checkout")


def excerpts(gold: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """Every (side, excerpt) of the loaded gold `gold`."""
    for side in ("a", "b"):
        for item in gold["only_in"][side]:
            for evidence in item["evidence"]:
                yield side, evidence
        for item in gold["quotes_only"][side]:
            yield side, item["text"]
        for text in gold["furniture"][side]:
            yield side, text
        for key in PAIRED_EXCERPTS:
            for item in gold[key]:
                yield side, item[side]


def word_runs(text: str) -> set[tuple[str, ...]]:
    """Every run of `COPIED_RUN_WORDS` words of `text`, lower-cased."""
    words = [word.lower() for word in WORD_RE.findall(text)]
    return {tuple(words[i : i + COPIED_RUN_WORDS]) for i in range(len(words) - COPIED_RUN_WORDS + 1)}


def test_there_is_gold_for_eight_dev_and_eight_held_out_events() -> None:
    splits = [json.loads(path.read_text(encoding="utf-8"))["split"] for path in FILES]
    assert splits.count("dev") >= 8 and splits.count("heldout") >= 8


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.stem)
def test_every_excerpt_is_a_real_passage_and_the_split_is_the_corpus_one(path: Path) -> None:
    gold = load_gold(path)  # also checks each article's SHA-256
    split = tomllib.loads((CORPUS / "split.toml").read_text(encoding="utf-8"))
    # A held-out set drawn from the reserve once the first was spent keeps its events listed as reserve.
    assert gold["event"] in split[gold.get("drawn_from", gold["split"])]
    assert gold.get("drawn_from", "reserve") == "reserve" and gold["split"] in ("dev", "heldout")
    assert all(text.strip() for _, text in excerpts(gold))
    for side in ("a", "b"):
        for item in gold["only_in"][side]:
            assert 1 <= len(item["evidence"]) <= 3, item
            assert all(4 <= len(evidence.split()) <= 12 for evidence in item["evidence"]), item
    assert {q["status"] for q in gold["quotes"]} <= {"identical", "extended", "variant"}


@pytest.mark.parametrize(
    "path", FILES + VERDICT_FILES + CHANGE_FILES, ids=lambda path: f"{path.parent.name}/{path.stem}"
)
def test_no_gold_or_verdict_file_copies_article_text(path: Path) -> None:
    pair = json.loads(path.read_text(encoding="utf-8"))["pair"]
    event = pair.rsplit("-", 2)[0]
    articles = set().union(*(word_runs(f.read_text(encoding="utf-8")) for f in (CORPUS / event).glob("*.txt")))
    assert word_runs(path.read_text(encoding="utf-8")) & articles == set()


@pytest.mark.parametrize("path", VERDICT_FILES, ids=lambda path: path.stem)
def test_verdicts_are_for_gold_pairs_and_use_the_rubric(path: Path) -> None:
    verdicts = json.loads(path.read_text(encoding="utf-8"))
    assert (GOLD / f"{verdicts['pair']}.json").is_file()
    for side in ("a", "b"):
        assert set(verdicts[side].values()) <= {"correct", "mixed", "wrong"}
        assert set(verdicts["labels"][side].values()) <= {"informative", "uninformative"}
        assert all(re.fullmatch(r"[0-9a-f]{16}", key) for key in verdicts[side])


def test_disagreement_gold_covers_four_dev_and_four_held_out_events_with_real_spans() -> None:
    import hashlib
    import tomllib

    split = tomllib.loads((CORPUS / "split.toml").read_text(encoding="utf-8"))
    splits = [json.loads(path.read_text(encoding="utf-8"))["split"] for path in CHANGE_FILES]
    assert splits.count("dev") >= 4 and splits.count("heldout") >= 4
    for path in CHANGE_FILES:
        gold = json.loads(path.read_text(encoding="utf-8"))
        # A held-out set drawn from the reserve once the first was spent keeps its events listed as reserve.
        assert gold["event"] in split[gold.get("drawn_from", gold["split"])]
        assert gold.get("drawn_from", "reserve") == "reserve" and gold["split"] in ("dev", "heldout")
        texts = {}
        for side in ("a", "b"):
            data = (CORPUS / gold[side]).read_bytes()
            assert hashlib.sha256(data).hexdigest() == gold["sha256"][side]
            texts[side] = data.decode("utf-8")
        for change in gold["changes"]:
            assert change["kind"] in {"figure", "date", "place", "name", "negation", "opposite"}
            for side in ("a", "b"):
                start, end = change[side]
                sentence_start, sentence_end = change[f"{side}_sentence"]
                assert 0 <= sentence_start <= start < end <= sentence_end <= len(texts[side])


SET_FILES = sorted((ROOT / "tests" / "gold" / "sets").glob("*.json"))


def test_set_gold_covers_three_dev_and_three_held_out_events() -> None:
    splits = tomllib.loads((CORPUS / "split.toml").read_text(encoding="utf-8"))
    events = {json.loads(p.read_text(encoding="utf-8"))["event"]: p for p in SET_FILES}
    dev = [e for e in events if e in splits["dev"]]
    held_out = [e for e in events if e in splits["heldout"]]
    assert len(dev) >= 3 and len(held_out) >= 3
    assert len(dev) + len(held_out) == len(events)  # no reserve event was read


@pytest.mark.parametrize("path", SET_FILES, ids=lambda p: p.stem)
def test_set_gold_spans_are_key_phrases_of_every_carrying_article(path: Path) -> None:
    sys.path.insert(0, str(ROOT / "tests" / "gold"))
    from evaluate_sets import read_gold

    raw = json.loads(path.read_text(encoding="utf-8"))
    gold = read_gold(path)  # refuses an article that changed
    articles = {n: (CORPUS / a["file"]).read_text(encoding="utf-8") for n, a in raw["articles"].items()}
    assert len(articles) == len(list((CORPUS / raw["event"]).glob("*.txt")))
    own_words = " ".join([f["label"] for f in raw["facts"]] + raw.get("notes", []))
    copied = word_runs(own_words) & set().union(*(word_runs(t) for t in articles.values()))
    assert not copied, sorted(copied)[:3]
    for fact in gold["facts"]:
        assert fact["in"] and sorted(fact["in"]) == sorted(fact["key"]), fact["label"]
        for phrase in fact["key"].values():
            assert "\n" not in phrase and 3 <= len(phrase.split()) <= 10, phrase


@pytest.mark.parametrize(
    ("gold", "engine", "same"),
    [
        ("Ann Lowe", "Lowe", True),  # a surname
        ("Thomas Brightwell", "Thomas Brigthwell", True),  # as the article misspells it, the gold corrected
        ("Ann Lowe", "Ann Loew", False),  # too short a name to tell a misspelling from another name
        ("Harbour Party", "Harbour Party Coalition", True),  # the body named in full
        ("Harbour", "Harbour Party", False),  # one word of the gold's is no body named in full
        ("Ann Lowe", "Tomas Berg", False),
        (None, None, True),
        (None, "Tomas Berg", False),
    ],
)
def test_the_scorer_takes_a_speaker_named_as_the_article_names_them(gold: str | None, engine: str | None, same: bool):
    sys.path.insert(0, str(ROOT / "tests" / "gold"))
    from evaluate_corpus import same_speaker

    assert same_speaker(gold, engine) is same


def test_the_scorer_splits_read_precision_between_the_main_list_and_the_list_to_check_first():
    sys.path.insert(0, str(ROOT / "tests" / "gold"))
    from evaluate_corpus import CorpusScore, totals

    def pair(judged: int, correct: int, doubted: int, doubted_correct: int) -> CorpusScore:
        return CorpusScore(
            "x",
            gold={"a": 1, "b": 0},
            found={"a": 1, "b": 0},
            reported={"a": judged, "b": 0},
            keyed={"a": 0, "b": 0},
            judged={"a": judged, "b": 0},
            judged_correct={"a": correct, "b": 0},
            judged_doubted=doubted,
            doubted_correct=doubted_correct,
        )

    figures = totals([pair(10, 7, 4, 1), pair(6, 6, 2, 2)])
    assert figures["strict_precision"] == 13 / 16
    assert (figures["main_list_correct"], figures["main_list_judged"]) == (10, 10)
    assert (figures["check_first_correct"], figures["check_first_judged"]) == (3, 6)
    assert figures["check_first_precision"] == 0.5

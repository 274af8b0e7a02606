"""The corpus gold stays true to its articles: every excerpt is copied exactly, and splits follow split.toml.

The articles are read from ``../shared/corpus/`` (never copied into the repository); without it these tests skip.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

GOLD = ROOT / "tests" / "gold" / "corpus"
CORPUS = ROOT.parent / "shared" / "corpus"
FILES = sorted(GOLD.glob("*-1-2.json"))
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="the research corpus is not beside the checkout")


def excerpts(gold: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """Every (side, exact excerpt) the gold file `gold` quotes from its articles."""
    for side in ("a", "b"):
        for item in gold["only_in"][side]:
            for evidence in item["evidence"]:
                yield side, evidence
        for item in gold["quotes_only"][side]:
            yield side, item["text"]
        for text in gold["furniture"][side]:
            yield side, text
        for key in ("reworded", "quotes", "conflicts"):
            for item in gold[key]:
                yield side, item[side]


def test_there_is_gold_for_eight_dev_and_eight_held_out_events() -> None:
    splits = [json.loads(path.read_text(encoding="utf-8"))["split"] for path in FILES]
    assert splits.count("dev") >= 8 and splits.count("heldout") >= 8


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.stem)
def test_every_excerpt_is_copied_exactly_and_the_split_is_the_corpus_one(path: Path) -> None:
    gold = json.loads(path.read_text(encoding="utf-8"))
    split = tomllib.loads((CORPUS / "split.toml").read_text(encoding="utf-8"))
    assert gold["event"] in split[gold["split"]]
    texts = {side: (CORPUS / gold[side]).read_text(encoding="utf-8") for side in ("a", "b")}
    missing = [(side, text) for side, text in excerpts(gold) if text not in texts[side]]
    assert missing == []
    for side in ("a", "b"):
        for item in gold["only_in"][side]:
            assert 1 <= len(item["evidence"]) <= 3, item
            assert all(4 <= len(evidence.split()) <= 12 for evidence in item["evidence"]), item
    assert {q["status"] for q in gold["quotes"]} <= {"identical", "extended", "variant"}


@pytest.mark.parametrize("path", sorted((GOLD / "verdicts").glob("*.json")), ids=lambda path: path.stem)
def test_verdicts_are_for_gold_pairs_and_use_the_rubric(path: Path) -> None:
    verdicts = json.loads(path.read_text(encoding="utf-8"))
    assert (GOLD / f"{verdicts['pair']}.json").is_file()
    for side in ("a", "b"):
        assert set(verdicts[side].values()) <= {"correct", "mixed", "wrong"}
        assert set(verdicts["labels"][side].values()) <= {"informative", "uninformative"}

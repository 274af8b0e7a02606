"""Corpus gold on disk → gold with its excerpts, read from the articles in ``../shared/corpus/``.

The corpus articles belong to their publishers and are never copied into the repository, so a gold file
(``tests/gold/corpus/<pair>.json``) names each excerpt by its character span ``[start, end]`` in the article
(the file read as UTF-8) and records each article's SHA-256, checked when the gold is read.  `load_gold` gives
the same structure with every span replaced by its text.  Readers' verdicts
(``tests/gold/corpus/verdicts/<pair>.json``) are keyed by `fact_key`, a hash of a reported fact's text.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"
GOLD = Path(__file__).resolve().parent / "corpus"
# Keys of a gold file whose values are excerpts of side A or B: {"a": span, "b": span} items.
PAIRED_EXCERPTS = ("reworded", "quotes", "conflicts")


def fact_key(text: str) -> str:
    """The key of a reported fact's verdict: a hash of its `text`, so the verdict file holds none of it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def article_text(gold: dict[str, Any], side: str) -> str:
    """The text of `gold`'s article on `side`, checked against the SHA-256 the gold recorded."""
    data = (CORPUS / gold[side]).read_bytes()
    if hashlib.sha256(data).hexdigest() != gold["sha256"][side]:
        raise ValueError(f"{gold['pair']}: {gold[side]} is not the article this gold was written for")
    return data.decode("utf-8")


def load_gold(path: Path) -> dict[str, Any]:
    """The gold file at `path` with every ``[start, end]`` span replaced by that excerpt's text."""
    gold: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    texts = {side: article_text(gold, side) for side in ("a", "b")}

    def cut(side: str, span: list[int]) -> str:
        return texts[side][span[0] : span[1]]

    for side in ("a", "b"):
        for item in gold["only_in"][side]:
            item["evidence"] = [cut(side, span) for span in item["evidence"]]
        for item in gold["quotes_only"][side]:
            item["text"] = cut(side, item["text"])
        gold["furniture"][side] = [cut(side, span) for span in gold["furniture"][side]]
    for key in PAIRED_EXCERPTS:
        for item in gold[key]:
            for side in ("a", "b"):
                item[side] = cut(side, item[side])
    return gold

"""The store of sentence vectors between runs: a pair compared again is not embedded again, and the result is the
same; a damaged, unwritable or switched-off store costs time, never a result."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest
from conftest import SEED_A, SEED_B

import compare.pipeline
from compare.export import comparison_to_dict as to_dict
from compare.pipeline import compare_articles
from compare.semantic import DIMENSIONS
from compare.semantic.store import MAX_FILES, SUBFOLDER, VectorStore, cache_folder, vectors_key

TEXTS = ["The minister resigned on Friday.", "Talks resume next week."]


def rows(count: int, seed: int = 0) -> np.ndarray:
    """`count` unit vectors, different for each seed."""
    generator = np.random.default_rng(seed)
    vectors = generator.standard_normal((count, DIMENSIONS)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def model_must_not_load(threads: int | None = None) -> None:
    raise AssertionError("the model was loaded although no sentence needed it")


@pytest.fixture
def seed_stored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    """The seed pair compared once with the model into a store of its own: (the store's folder, its JSON)."""
    if not compare.pipeline.semantic_available():
        pytest.skip("the paraphrase model is not installed")
    monkeypatch.setenv("ARTICLE_COMPARE_CACHE", str(tmp_path))
    return tmp_path / SUBFOLDER, json.dumps(to_dict(compare_articles(SEED_A, SEED_B)), sort_keys=True)


def test_a_pair_compared_again_reads_its_vectors_and_never_loads_the_model(
    seed_stored: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, first = seed_stored
    # One list of sentences per article, and the same lists' word pieces.
    assert len(list(folder.glob("*.npy"))) == 2 and len(list(folder.glob("*.npz"))) == 2
    stats = json.loads(first)["stats"]
    assert stats["a"]["reworded_sentences"] + stats["b"]["reworded_sentences"] > 0
    monkeypatch.setattr(compare.pipeline, "load_encoder", model_must_not_load)
    again = to_dict(compare_articles(SEED_A, SEED_B))
    assert json.dumps(again, sort_keys=True) == first
    assert again["options"]["semantic"]["used"] is True


def test_a_store_that_lost_its_piece_files_gives_the_same_result_and_keeps_them_again(
    seed_stored: tuple[Path, str],
) -> None:
    # Pruned, or written by an older version: the sentence vectors alone are a miss, and the pieces come from the
    # run of their list as the first time, never from a run of other texts.
    folder, first = seed_stored
    for path in folder.glob("*.npz"):
        path.unlink()
    assert json.dumps(to_dict(compare_articles(SEED_A, SEED_B)), sort_keys=True) == first
    assert len(list(folder.glob("*.npz"))) == 2


def test_a_pair_the_words_leave_nothing_unique_in_never_loads_the_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(compare.pipeline, "semantic_available", lambda: True)
    monkeypatch.setattr(compare.pipeline, "load_encoder", model_must_not_load)
    text = "Storm closes port\n\nThe port of Dover closed on Monday as winds reached 90 mph.\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(text, encoding="utf-8")
    result = to_dict(compare_articles(tmp_path / "a.txt", tmp_path / "b.txt"))
    assert result["options"]["semantic"]["used"] is True
    assert result["stats"]["a"]["unique_sentences"] == result["stats"]["b"]["unique_sentences"] == 0


def test_stored_vectors_read_back_exactly_and_only_for_the_same_texts(tmp_path: Path) -> None:
    store = VectorStore(tmp_path)
    vectors = rows(2)
    store.put(TEXTS, vectors)
    found = store.get(TEXTS)
    assert found is not None and found.dtype == np.float32 and np.array_equal(found, vectors)
    assert store.get(list(reversed(TEXTS))) is None  # order matters: rows follow the texts
    assert store.get(TEXTS[:1]) is None
    assert vectors_key(TEXTS) != vectors_key([TEXTS[0], TEXTS[1] + " "])


def test_stored_piece_vectors_read_back_exactly_split_by_text_and_apart_from_sentence_vectors(tmp_path: Path) -> None:
    store = VectorStore(tmp_path)
    pieces = [rows(3).astype(np.float16), rows(1).astype(np.float16)]
    store.put_pieces(TEXTS, pieces)
    found = store.get_pieces(TEXTS, [3, 1])
    assert found is not None and [p.dtype for p in found] == [np.float16, np.float16]
    assert all(np.array_equal(one, other) for one, other in zip(found, pieces, strict=True))
    assert store.get_pieces(TEXTS, [2, 1]) is None  # not the pieces these texts have: a miss
    assert store.get_pieces(TEXTS, [2, 2]) is None  # the same rows in all, split otherwise: a miss too
    assert store.get(TEXTS) is None  # piece vectors are never read as sentence vectors
    store.put(TEXTS, rows(2))
    assert store.get_pieces(TEXTS, [3, 1]) is not None and store.get(TEXTS) is not None


@pytest.mark.parametrize(
    "damage",
    [
        lambda path: path.write_bytes(path.read_bytes()[:100]),  # cut short
        lambda path: path.write_bytes(b"not a numpy file at all"),
        lambda path: np.save(path, rows(3)),  # another number of rows
        lambda path: np.save(path, rows(2).astype(np.float64)),  # another type
        lambda path: np.save(path, np.full((2, DIMENSIONS), np.nan, dtype=np.float32)),
        lambda path: np.save(path, np.array([{"a": 1}, {"b": 2}], dtype=object), allow_pickle=True),
    ],
    ids=["truncated", "garbage", "shape", "dtype", "nan", "pickle"],
)
def test_a_damaged_file_is_a_miss_and_is_replaced(tmp_path: Path, damage) -> None:
    store = VectorStore(tmp_path)
    store.put(TEXTS, rows(2))
    path = store.path_for(TEXTS)
    assert path is not None and path.exists()
    damage(path)
    assert store.get(TEXTS) is None
    store.put(TEXTS, rows(2, seed=1))
    found = store.get(TEXTS)
    assert found is not None and np.array_equal(found, rows(2, seed=1))


def test_a_store_that_cannot_be_written_costs_nothing_but_time(tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the folder would be", encoding="utf-8")
    store = VectorStore(blocker / "vectors")
    store.put(TEXTS, rows(2))  # no error
    assert store.get(TEXTS) is None
    assert blocker.read_text(encoding="utf-8") == "a file where the folder would be"
    off = VectorStore(None)
    off.put(TEXTS, rows(2))
    assert off.get(TEXTS) is None and off.path_for(TEXTS) is None


def test_the_folder_comes_from_the_environment_and_can_be_switched_off(tmp_path: Path) -> None:
    assert cache_folder({"ARTICLE_COMPARE_CACHE": str(tmp_path)}) == tmp_path / SUBFOLDER
    for value in ("off", "OFF", "0", "false", ""):
        assert cache_folder({"ARTICLE_COMPARE_CACHE": value}) is None
    assert cache_folder({"XDG_CACHE_HOME": str(tmp_path)}) == tmp_path / "article-compare" / SUBFOLDER
    home = cache_folder({})
    assert home is not None and home.parts[-3:] == (".cache", "article-compare", SUBFOLDER)
    assert os.environ["ARTICLE_COMPARE_CACHE"] == "off"  # the suite's own runs keep nothing (conftest)


def test_the_least_recently_used_files_are_pruned(tmp_path: Path) -> None:
    store = VectorStore(tmp_path)
    lists = [[f"sentence number {number}"] for number in range(5)]
    for age, texts in enumerate(lists):
        store.put(texts, rows(1, seed=age))
        path = store.path_for(texts)
        assert path is not None
        os.utime(path, (1_000_000 + age, 1_000_000 + age))
    assert store.get(lists[0]) is not None  # read now: the most recently used
    store.prune(keep=3)
    kept = [texts for texts in lists if store.get(texts) is not None]
    assert kept == [lists[0], lists[3], lists[4]]
    assert MAX_FILES >= 1000  # a pair's four files never push out the pair before it
    for age, texts in zip((2_000_000, 2_000_002, 2_000_001), (lists[0], lists[3], lists[4]), strict=True):
        os.utime(store.path_for(texts), (age, age))  # type: ignore[arg-type]
    store.prune(keep=3, keep_bytes=2 * os.path.getsize(store.path_for(lists[4])))  # type: ignore[arg-type]
    # Within the files' bytes the two most recently used fit, the third does not.
    assert [texts for texts in lists if store.get(texts) is not None] == [lists[3], lists[4]]

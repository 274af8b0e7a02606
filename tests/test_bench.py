"""The benchmarks' quick runs, so the scripts cannot rot (no assertion on time: CI machines vary)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT


def quick_run(script: str) -> str:
    """The standard output of ``bench/<script> --quick``; fails the test if the script fails."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / script), "--quick"], capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.mark.slow
def test_compare_benchmark_quick_run_prints_every_figure():
    out = quick_run("bench_compare.py")
    for line in (
        "ours: full analysis, in-process",
        "difflib.HtmlDiff",
        "ours: CLI end to end, json",
        "scaling, ",
        "quality (tests/gold):",
    ):
        assert line in out, out
    assert " ms" in out and "recall" in out


@pytest.mark.slow
def test_batch_benchmark_quick_run_prints_throughput():
    out = quick_run("bench_batch.py")
    for line in ("JSON+HTML, 1 job:", "JSON+HTML, 2 jobs:", "PDF, 1 job:", "PDF, 2 jobs:"):
        assert line in out, out
    assert "pairs/s" in out


@pytest.mark.slow
def test_startup_benchmark_quick_run_names_the_imports_of_the_json_path():
    out = quick_run("bench_startup.py")
    for line in ("python -c pass", "article-compare A B --format json", "(all of compare.*)"):
        assert line in out, out
    assert "heavy libraries imported for JSON: none" in out


@pytest.mark.parametrize("source", ["news", "markov"])
def test_corpus_pairs_are_deterministic_sized_and_rewritten(source: str) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from corpus import make_pair

    first, second = make_pair(2000, seed=7, source=source), make_pair(2000, seed=7, source=source)
    assert first == second
    assert make_pair(2000, seed=8, source=source) != first
    words = len(first[0].split())
    assert 2000 <= words <= 2200
    paragraphs_a = first[0].split("\n\n")[1:]
    paragraphs_b = first[1].split("\n\n")[1:]
    # B is a rewrite: most of A's paragraphs survive whole, but not all, and B has some of its own.
    kept = sum(p in paragraphs_b for p in paragraphs_a)
    assert 0.2 * len(paragraphs_a) < kept < len(paragraphs_a)
    assert any(p not in paragraphs_a for p in paragraphs_b)


def test_news_corpus_is_real_copy_long_enough_for_the_largest_size() -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from corpus import make_pair, news_corpus_path

    assert news_corpus_path() is not None, "install the test extras: gensim ships the news corpus"
    a, _ = make_pair(50_000, source="news")
    sentences = [s for p in a.split("\n\n")[1:] for s in p.split(". ")]
    assert len(a.split()) >= 50_000
    assert len(set(sentences)) > 0.98 * len(sentences)  # real copy: hardly a sentence twice
    with pytest.raises(ValueError, match="unknown source"):
        make_pair(100, source="lorem")


@pytest.mark.slow
def test_semantic_benchmark_quick_run_prints_load_and_encode_times():
    out = quick_run("bench_semantic.py")
    for line in ("1 thread", "2 threads", "load_encoder", "encode 42 sentences", "encode 100 sentences", "tokenizer"):
        assert line in out, out
    assert out.count(" ms") >= 11


def test_engine_benchmark_quick_run_times_the_cli_with_and_without_the_model():
    out = quick_run("bench_engine.py")
    rows = [line for line in out.splitlines() if "CLI to JSON" in line]
    assert len(rows) == 5, out
    # The sample pair runs without the model, with it and no stored vectors, and with the vectors the run before
    # stored; the large pair once each way; each row says whether the model was used.
    assert [" True " in row for row in rows] == [False, True, True, False, True], out
    assert "no stored vectors" in rows[1] and "vectors stored" in rows[2] and "switched off" in rows[3]


@pytest.mark.slow
def test_sets_benchmark_quick_run_prints_every_case():
    out = quick_run("bench_sets.py")
    for line in ("one pair", "set of 3", "set of 5"):
        assert line in out, out
    assert "x pair" in out and "peak MiB" in out

"""The benchmarks' quick runs, so the scripts cannot rot (no assertion on time: CI machines vary)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_compare_benchmark_quick_run_prints_every_figure():
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "bench_compare.py"), "--quick"],
                            capture_output=True, text=True, timeout=600, check=True)
    out = result.stdout
    for line in ("ours: full analysis, in-process", "difflib.HtmlDiff", "ours: CLI end to end, json",
                 "scaling (words per article)", "quality (tests/gold):"):
        assert line in out, out
    assert " ms" in out and "recall" in out


@pytest.mark.slow
def test_batch_benchmark_quick_run_prints_throughput():
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "bench_batch.py"), "--quick"],
                            capture_output=True, text=True, timeout=600, check=True)
    for line in ("JSON+HTML, 1 job:", "JSON+HTML, 2 jobs:", "PDF, 1 job:", "PDF, 2 jobs:"):
        assert line in result.stdout, result.stdout
    assert "pairs/s" in result.stdout


def test_corpus_pairs_are_deterministic_and_sized():
    sys.path.insert(0, str(ROOT / "bench"))
    from corpus import make_pair

    first, second = make_pair(2000, seed=7), make_pair(2000, seed=7)
    assert first == second
    words = len(first[0].split())
    assert 2000 <= words <= 2200
    assert first[0] != first[1]

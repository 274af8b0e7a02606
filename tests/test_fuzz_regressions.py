"""Replay every input the fuzzer ever recorded, and a corpus of hand-picked nasty ones.

`tests/fuzz/fuzz_pipeline.py` (run outside CI) writes each input that made
the pipeline raise anything but `CompareError` to tests/fuzz/crashes/; once
fixed, it stays there so the bug cannot return.  tests/fuzz/corpus/ holds
inputs chosen by hand: empty texts, zero-width characters, unclosed quotes,
mixed scripts, markup in Markdown and broken HTML.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

FUZZ = Path(__file__).resolve().parent / "fuzz"
sys.path.insert(0, str(FUZZ))

from fuzz_pipeline import run_pair  # noqa: E402

CASES = sorted((FUZZ / "corpus").glob("*.json")) + sorted((FUZZ / "crashes").glob("*.json"))


def test_there_is_something_to_replay():
    assert len(CASES) >= 8


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_recorded_input_goes_through_the_pipeline(path: Path):
    case = json.loads(path.read_text(encoding="utf-8", errors="surrogatepass"))
    run_pair(case["a"], case["b"], case.get("suffix", ".txt"))  # raises on anything but CompareError

"""The engine's cost targets, with and without the paraphrase model.

    python bench/bench_engine.py            # the sample pair (CLI, median of 5) and a 50,000-word pair
    python bench/bench_engine.py --quick    # the sample pair once each way and a 2,000-word pair: the CI smoke run

Targets (issue "engine v2"): the CLI on the sample pair within 0.3 s without
the model and 0.8 s with it; a 50,000-word pair within 5 s without the model
and 10 s with it, the model reading at most `CompareOptions.max_embedded_sentences`
sentences (a note in the report says when that budget is reached).  Every
figure is a fresh process (`article-compare A B -o x.json`), so it includes
start-up and, with the model, loading it; with the model, the sample pair is
timed twice: with no stored vectors (the first run on a pair) and with the
vectors a run before stored (the same pair again, say as PDF after HTML).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED_A = ROOT / "seeds" / "2017-02-16-mattis-nato-irish-times.txt"
SEED_B = ROOT / "seeds" / "2017-02-16-mattis-nato-independent.txt"
sys.path.insert(0, str(ROOT / "bench"))

from corpus import make_pair  # noqa: E402


def run_cli(a: Path, b: Path, out: Path, semantic: bool, store: Path | None = None) -> tuple[float, dict[str, object]]:
    """Seconds one run of the command takes, and the `options.semantic` of the JSON it writes.

    `store` is the folder of stored sentence vectors the run may read and fill (None: it keeps none).
    """
    command = [sys.executable, "-m", "compare", str(a), str(b), "-o", str(out)]
    if not semantic:
        command += ["--set", "semantic=false"]
    environment = dict(os.environ, ARTICLE_COMPARE_CACHE=str(store) if store else "off")
    started = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, capture_output=True, env=environment)
    seconds = time.perf_counter() - started
    info: dict[str, object] = json.loads(out.read_text(encoding="utf-8"))["options"]["semantic"]
    return seconds, info


def main(argv: list[str] | None = None) -> int:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="one run each and a small pair (for CI)")
    args = parser.parse_args(argv)
    repeat = 1 if args.quick else 5
    words = 2_000 if args.quick else 50_000
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        out = work / "out.json"
        print(f"{'case':48} {'model':6} {'seconds':>8}  note")
        store = work / "store"
        for semantic, case, warm in (
            (False, "", False),
            (True, ", no stored vectors", False),
            (True, ", vectors stored", True),
        ):
            times = []
            info: dict[str, object] = {}
            if warm:
                run_cli(SEED_A, SEED_B, out, semantic, store)
            for _ in range(repeat):
                seconds, info = run_cli(SEED_A, SEED_B, out, semantic, store if warm else None)
                times.append(seconds)
            label = f"sample pair, CLI to JSON{case}"
            print(f"{label:48} {info['used']!s:6} {statistics.median(times):8.2f}")
        text_a, text_b = make_pair(words)
        big_a, big_b = work / "big_a.txt", work / "big_b.txt"
        big_a.write_text(text_a, encoding="utf-8")
        big_b.write_text(text_b, encoding="utf-8")
        for semantic in (False, True):
            seconds, info = run_cli(big_a, big_b, out, semantic)
            note = str(info.get("note", ""))
            print(f"{f'{words:,}-word pair, CLI to JSON':48} {info['used']!s:6} {seconds:8.2f}  {note[:60]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

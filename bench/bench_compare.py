"""Time article-compare against the tools a user would otherwise reach for, and its growth with length.

    python bench/bench_compare.py            # the full run (a few minutes; CollateX alone takes seconds a run)
    python bench/bench_compare.py --quick    # one small size, few repeats: the CI smoke run

In one run, on the seed pair: our full analysis in-process (no rendering),
our CLI end to end per format (json, md, html, pdf), `difflib.HtmlDiff`, and
— when installed (``pip install '.[bench]'``) — CollateX and diff-match-patch
with semantic cleanup.  Each figure is the median of repeated runs; ratios
against each anchor follow.  Then scaling series (pairs of about 500, 2,000,
10,000 and 50,000 words from `corpus.make_pair`: real news copy, then the
Markov text as a stress series), each size timed in a fresh process with its
peak memory, and the growth exponent fitted from 2,000 words up.  Last, the
engine's evaluation figures (recall and precision on the gold pairs), so speed
is never bought with quality.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED_A = ROOT / "seeds" / "2017-02-16-mattis-nato-irish-times.txt"
SEED_B = ROOT / "seeds" / "2017-02-16-mattis-nato-independent.txt"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from corpus import SOURCES, default_source  # noqa: E402


def median_time(run: Callable[[], object], repeat: int) -> float:
    """Median wall time of `repeat` calls of `run`, after one warm-up call."""
    run()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def clear_analysis_caches() -> int:
    """Empty every memo of our analysis modules (word keys, tokens, word counts, manifest labels); return how many.

    PyStemmer keeps a small cache of its own inside the C extension, which this cannot reach.
    """
    import compare.pipeline  # noqa: F401  (imports every analysis module)

    memos = {
        id(value): value
        for name, module in list(sys.modules.items())
        if name.startswith("compare.") and name != "compare.render"  # render's cache holds Jinja environments
        for value in vars(module).values()
        if hasattr(value, "cache_clear") and hasattr(value, "cache_info")
    }
    for memo in memos.values():
        memo.cache_clear()
    return len(memos)


def ours_in_process() -> Callable[[], object]:
    """Our full analysis (load, segment, align, entities, quotes, facts), no rendering, cold caches."""
    from compare.pipeline import compare_articles

    def run() -> object:
        # Empty every memo each time: a CLI run starts cold, and so must the figure.
        clear_analysis_caches()
        return compare_articles(SEED_A, SEED_B)

    return run


def html_diff() -> Callable[[], object]:
    """difflib.HtmlDiff over the two articles' lines."""
    import difflib

    lines_a = SEED_A.read_text(encoding="utf-8").splitlines()
    lines_b = SEED_B.read_text(encoding="utf-8").splitlines()
    return lambda: difflib.HtmlDiff().make_file(lines_a, lines_b)


def collatex_run() -> Callable[[], object] | None:
    """CollateX's collation of the two texts (None when not installed)."""
    try:
        from collatex import Collation, collate
    except ImportError:
        return None
    text_a, text_b = SEED_A.read_text(encoding="utf-8"), SEED_B.read_text(encoding="utf-8")

    def run() -> object:
        collation = Collation()
        collation.add_plain_witness("A", text_a)
        collation.add_plain_witness("B", text_b)
        return collate(collation, output="table")

    return run


def dmp_run() -> Callable[[], object] | None:
    """diff-match-patch's character diff with semantic cleanup (None when not installed)."""
    try:
        from diff_match_patch import diff_match_patch
    except ImportError:
        return None
    text_a, text_b = SEED_A.read_text(encoding="utf-8"), SEED_B.read_text(encoding="utf-8")

    def run() -> object:
        engine = diff_match_patch()
        engine.Diff_Timeout = 0  # no time limit: the full diff, as a user would want
        diffs = engine.diff_main(text_a, text_b)
        engine.diff_cleanupSemantic(diffs)
        return diffs

    return run


def cli_run(fmt: str, out_dir: Path) -> Callable[[], object]:
    """`article-compare A B --format FMT` as a fresh process, end to end, with its bytecode cached.

    An installed package has its bytecode compiled (pip does it at install
    time); a checkout run with PYTHONDONTWRITEBYTECODE set, as on some CI
    machines, would recompile every module on every run.  So the bytecode
    goes to a cache in `out_dir`, written by the warm-up run.
    """
    output = ["-o", str(out_dir / "report.pdf")] if fmt == "pdf" else ["--format", fmt]
    command = [sys.executable, "-m", "compare", str(SEED_A), str(SEED_B), *output]
    environment = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    environment["PYTHONPYCACHEPREFIX"] = str(out_dir / "pycache")

    def run() -> object:
        return subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=environment)

    return run


SCALE_SCRIPT = """
import json, sys, time
sys.path.insert(0, {root!r}); sys.path.insert(0, {bench!r})
from corpus import make_pair
from bench_compare import clear_analysis_caches
from compare.load import load_bytes
from compare.pipeline import compare_loaded
a, b = make_pair({words}, source={source!r})
article_a = load_bytes(a.encode(), source="a.txt")
article_b = load_bytes(b.encode(), source="b.txt")
times = []
for _ in range({repeat}):
    clear_analysis_caches()  # every run cold, as a command-line run is
    started = time.perf_counter()
    compare_loaded(article_a, article_b)
    times.append(time.perf_counter() - started)
times.sort()
# VmHWM, not ru_maxrss: the latter keeps the parent's peak across fork and exec.
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM")) / 1024
print(json.dumps({{"words": len(a.split()) + len(b.split()), "seconds": times[len(times) // 2], "peak_mb": peak}}))
"""


def scale(words: int, repeat: int, source: str) -> dict[str, float]:
    """Time one pair of about `words` words per article from `source` in a fresh process; peak RSS in MB."""
    script = SCALE_SCRIPT.format(root=str(ROOT), bench=str(ROOT / "bench"), words=words, repeat=repeat, source=source)
    result = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True)
    figures: dict[str, float] = json.loads(result.stdout)
    return figures


def growth_exponent(points: list[tuple[float, float]]) -> float:
    """Least-squares slope of log(time) against log(size).

    >>> round(growth_exponent([(1, 1), (10, 10), (100, 100)]), 6)
    1.0
    """
    xs = [math.log(size) for size, _ in points]
    ys = [math.log(seconds) for _, seconds in points]
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sum((x - mean_x) ** 2 for x in xs)


def evaluation() -> dict[str, dict[str, float]]:
    """The gold evaluation's totals (tests/gold/evaluate.py)."""
    sys.path.insert(0, str(ROOT / "tests" / "gold"))
    import evaluate

    totals: dict[str, dict[str, float]] = evaluate.summarise([evaluate.score(p) for p in evaluate.gold_files()])
    return totals


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="one small size and few repeats (for CI)")
    parser.add_argument("--repeat", type=int, default=None, help="runs per in-process figure (default 21)")
    args = parser.parse_args(argv)
    repeat = args.repeat or (3 if args.quick else 21)
    print(f"# article-compare benchmark · Python {sys.version.split()[0]} · medians of {repeat} runs")
    figures: dict[str, float] = {}
    figures["ours: full analysis, in-process"] = median_time(ours_in_process(), repeat)
    figures["difflib.HtmlDiff"] = median_time(html_diff(), repeat)
    for name, factory in (("CollateX", collatex_run), ("diff-match-patch (semantic)", dmp_run)):
        run = factory()
        if run is None:
            print(f"  ({name} not installed: pip install '.[bench]')")
        else:
            figures[name] = median_time(run, 1 if args.quick else 3)
    with tempfile.TemporaryDirectory() as out:
        formats = ("json",) if args.quick else ("json", "md", "html", "pdf")
        for fmt in formats:
            figures[f"ours: CLI end to end, {fmt}"] = median_time(cli_run(fmt, Path(out)), 1 if args.quick else 5)
    ours = figures["ours: full analysis, in-process"]
    print(f"\n{'what (seed pair)':40} {'median':>10}  ours is")
    for name, seconds in figures.items():
        ratio = (
            ""
            if name.startswith("ours")
            else f"{seconds / ours:8.1f}× faster"
            if seconds > ours
            else f"{ours / seconds:8.1f}× slower"
        )
        print(f"{name:40} {seconds * 1000:8.1f} ms  {ratio}")
    sizes = (500,) if args.quick else (500, 2000, 10000, 50000)
    # Real news copy first (the Lee corpus, when installed); the Markov text, which
    # repeats phrases as it grows, as a stress series in the full run.
    sources = (
        [default_source()]
        if args.quick
        else [source for source in SOURCES if source != "news" or default_source() == "news"]
    )
    for source in sources:
        print(
            f"\n{'scaling, ' + source + ' (words per article)':36} {'words, both':>12} {'median':>10} {'peak RSS':>10}"
        )
        points = []
        for words in sizes:
            result = scale(words, 1 if args.quick else 7 if words <= 2000 else 3, source)
            points.append((result["words"], result["seconds"]))
            print(
                f"{words:>36} {int(result['words']):>12} {result['seconds'] * 1000:8.0f} ms {result['peak_mb']:7.0f} MB"
            )
        large = [(w, s) for w, s in points if w >= 3000]
        if len(large) >= 2:
            print(f"growth exponent from 2,000 words up ({source}): {growth_exponent(large):.2f}")
    totals = evaluation()
    print(
        "\nquality (tests/gold): "
        + ", ".join(
            f"{side} recall {totals[side]['recall']:.0%} precision {totals[side]['precision']:.0%}"
            for side in ("a", "b", "all")
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The cost of a set of articles against one pair (issue 14), in-process, without the paraphrase model.

    python bench/bench_sets.py            # 3 and 10 articles of about 1,000 words; best of 9 runs each
    python bench/bench_sets.py --quick    # one run each of 3 and 5 articles of about 300 words: the CI smoke run

The articles are one event as outlets tell it (`corpus.make_set`): an original
and independent rewrites of it.  Targets: a 3-outlet set within 2x one pair;
10 articles of about 1,000 words within 8x one pair (comparing all 45 pairs
would be 45x) and within 2 s; peak memory growing by at most a few MB per
added article.  Loading is left out: the articles are loaded once, before the
clock starts, as `compare_loaded` and `compare_set_loaded` take them.
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from corpus import make_set  # noqa: E402

from compare.align import prepare_sentence  # noqa: E402
from compare.load import load_bytes  # noqa: E402
from compare.model import Article, CompareOptions  # noqa: E402
from compare.pipeline import compare_loaded  # noqa: E402
from compare.sets import compare_set_loaded  # noqa: E402

OPTIONS = CompareOptions(semantic=False)


def best_seconds(works: list[Callable[[], object]], repeat: int) -> list[float]:
    """The shortest wall time of `repeat` runs of each of `works`, after one warm-up run of each (as `timeit`
    advises: the others measure what else the machine was doing; on this 2-core machine medians of a pair moved
    by 30%).

    The works take turns, one run of each per round, so a spell of load elsewhere on the machine slows the pair
    and the sets alike, and their ratio stays fair; timed one after another, a quiet spell during the pair's runs
    alone made a set look 2.2x a pair on one run and 1.1x on the next.  The prepared-sentence cache is emptied
    before each run, so no run reuses the sentences an earlier one prepared (a command compares once per
    process); the word caches stay warm for pairs and sets alike.
    """
    for work in works:
        work()
    times: list[list[float]] = [[] for _ in works]
    for _ in range(repeat):
        for work, taken in zip(works, times, strict=True):
            prepare_sentence.cache_clear()
            started = time.perf_counter()
            work()
            taken.append(time.perf_counter() - started)
    return [min(taken) for taken in times]


def peak_mib(work: Callable[[], object]) -> float:
    """The peak memory Python allocates during one run of `work`, in MiB."""
    tracemalloc.start()
    work()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / (1 << 20)


def articles(count: int, words: int) -> list[Article]:
    """`count` loaded articles of one event, about `words` words each."""
    return [load_bytes(text.encode("utf-8"), source=f"{n}.txt") for n, text in enumerate(make_set(count, words), 1)]


def main(argv: list[str] | None = None) -> int:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="one run each of small sets (for CI)")
    args = parser.parse_args(argv)
    repeat, words, sizes = (1, 300, (3, 5)) if args.quick else (9, 1_000, (3, 10))
    everything = articles(max(sizes), words)
    works: list[Callable[[], object]] = [lambda: compare_loaded(everything[0], everything[1], options=OPTIONS)]
    works += [lambda chosen=everything[:size]: compare_set_loaded(chosen, options=OPTIONS) for size in sizes]
    pair, *sets = best_seconds(works, repeat)
    print(f"articles of about {words} words, model off, best of {repeat} (taking turns)")
    print(f"{'case':28} {'seconds':>8} {'x pair':>7} {'peak MiB':>9}")
    print(f"{'one pair':28} {pair:>8.3f} {1:>7.1f} {peak_mib(works[0]):>9.1f}")
    for size, seconds, work in zip(sizes, sets, works[1:], strict=True):
        print(f"{f'set of {size}':28} {seconds:>8.3f} {seconds / pair:>7.1f} {peak_mib(work):>9.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Batch throughput: pairs per second, serial and parallel, local processes and Dask.

    python bench/bench_batch.py            # 200 pairs for JSON+HTML, 20 for PDF, and a Dask run
    python bench/bench_batch.py --quick    # a handful of pairs (the CI smoke run)

Pairs come from `corpus.make_pair` (articles of about 700 words of real news
copy, or generated copy when the news corpus is not installed, and their
rewrites) and are written to a temporary folder with a manifest.  Each figure
is one `compare.batch.run_batch` over all pairs into a fresh output folder
(`force`, so nothing is skipped): JSON+HTML with one and two jobs, PDF with
one and two jobs, and JSON+HTML on a Dask `LocalCluster` of two worker
processes against local processes.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from corpus import make_pair  # noqa: E402

from compare.batch import BatchOptions, run_batch  # noqa: E402
from compare.manifest import PairSpec  # noqa: E402


def make_pairs(folder: Path, count: int, words: int = 700) -> list[PairSpec]:
    """Write `count` generated pairs into `folder` and return their specs."""
    pairs = []
    for number in range(count):
        a, b = make_pair(words, seed=number)
        path_a, path_b = folder / f"{number:04d}-a.txt", folder / f"{number:04d}-b.txt"
        path_a.write_text(a, encoding="utf-8")
        path_b.write_text(b, encoding="utf-8")
        pairs.append(PairSpec(f"pair-{number:04d}", str(path_a), str(path_b)))
    return pairs


def throughput(pairs: list[PairSpec], out: Path, formats: tuple[str, ...], **kwargs: object) -> float:
    """Pairs per second of one forced batch run."""
    options = BatchOptions(formats=formats, generated_at="2026-01-01T00:00:00Z")
    started = time.perf_counter()
    result = run_batch(pairs, out, options, force=True, **kwargs)  # type: ignore[arg-type]
    elapsed = time.perf_counter() - started
    assert result.totals["failed"] == 0, result.records
    return len(pairs) / elapsed


def main(argv: list[str] | None = None) -> int:
    """Run the batch benchmark and print pairs per second."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="a handful of pairs, no Dask (for CI)")
    parser.add_argument("--pairs", type=int, default=None, help="pairs for the JSON+HTML runs (default 200)")
    args = parser.parse_args(argv)
    count = args.pairs or (6 if args.quick else 200)
    pdf_count = 2 if args.quick else 20
    with tempfile.TemporaryDirectory() as work:
        root = Path(work)
        (root / "in").mkdir()
        pairs = make_pairs(root / "in", count)
        print(f"# batch throughput · {count} generated pairs of about 700 words")
        serial = throughput(pairs, root / "o1", ("json", "html"), jobs=1)
        parallel = throughput(pairs, root / "o2", ("json", "html"), jobs=2)
        print(f"JSON+HTML, 1 job:   {serial:7.1f} pairs/s")
        print(f"JSON+HTML, 2 jobs:  {parallel:7.1f} pairs/s  (scaling {parallel / serial:.2f}×)")
        pdf_serial = throughput(pairs[:pdf_count], root / "o3", ("pdf",), jobs=1)
        pdf_parallel = throughput(pairs[:pdf_count], root / "o4", ("pdf",), jobs=2)
        print(f"PDF, 1 job:         {pdf_serial:7.2f} pairs/s  ({1 / pdf_serial:.2f} s a pair)")
        print(f"PDF, 2 jobs:        {pdf_parallel:7.2f} pairs/s  (scaling {pdf_parallel / pdf_serial:.2f}×)")
        if not args.quick:
            from distributed import LocalCluster

            with LocalCluster(
                n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
            ) as cluster:
                throughput(
                    pairs[:10], root / "warm", ("json",), executor="dask", scheduler=cluster.scheduler_address
                )  # workers import the package once
                dask = throughput(
                    pairs, root / "o5", ("json", "html"), executor="dask", scheduler=cluster.scheduler_address
                )
            print(
                f"JSON+HTML, Dask 2 workers: {dask:7.1f} pairs/s  "
                f"(overhead against 2 local jobs: {(parallel / dask - 1) * 100:+.0f}%)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())

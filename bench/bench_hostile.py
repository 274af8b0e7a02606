"""Wall-clock ladders of hostile inputs: the cost model of SECURITY.md (promise 5), in seconds.

    python bench/bench_hostile.py                 # every family at 50, 100, 200 and 400 KB
    python bench/bench_hostile.py --sizes 1000    # one size, in KB (e.g. 5000 for the default size cap)
    python bench/bench_hostile.py --family quotes --family links

Each run is a fresh process, ``article-compare HOSTILE OTHER -o x.json`` (and
``-o x.pdf`` for the paragraphs family), killed after ``--limit`` seconds
(shown as ``>LIMIT``).  OTHER is the sample pair's Independent article, or the
hostile file itself with ``--self``.  The tests count operations over the same
families (tests/test_bounded.py); this script shows what they cost in time,
before and after a change: run it on two checkouts.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OTHER = ROOT / "seeds" / "2017-02-16-mattis-nato-independent.txt"


def _random_punctuation(size: int) -> str:
    chooser = random.Random(size)
    return "".join(chooser.choice("abc.,\"' ") for _ in range(size))


# name → (file suffix, report suffix, text of about `size` characters)
FAMILIES: dict[str, tuple[str, str, Callable[[int], str]]] = {
    "quotes": (".txt", ".json", lambda size: 'He said "yes no." ' * (size // 18)),
    "speakers": (
        ".txt",
        ".json",
        lambda size: "".join(f'Ann Lowe{i % 50}, the mayor, said "we go {i}." ' for i in range(size // 40)),
    ),
    "random": (".txt", ".json", _random_punctuation),
    "one-word": (".txt", ".json", lambda size: "word " * (size // 5)),
    # One unbroken word: the HTML report cuts every sentence into marked pieces.
    "long-word-html": (".txt", ".html", lambda size: "The council said " + "a" * size + " today."),
    # The same word laid out by WeasyPrint, which wraps a word with no break point in quadratic time.
    "long-word-pdf": (".txt", ".pdf", lambda size: "The council said " + "a" * size + " today."),
    "paragraphs-pdf": (
        ".txt",
        ".pdf",
        lambda size: "\n\n".join(f"Paragraph {i} says a thing about item {i * 7}." for i in range(size // 45)),
    ),
    # Many sentences in one paragraph: the sign-off search reads back from each sentence break.
    "one-paragraph": (
        ".txt",
        ".json",
        lambda size: " ".join(f"Dr. Lowe{i} met the St. Kilda council on item {i}." for i in range(size // 48)),
    ),
    "links": (".md", ".json", lambda size: "[" * size),
    "anchors": (".md", ".json", lambda size: "<a " * (size // 3)),
    "entities": (".md", ".json", lambda size: "&#x41;" * (size // 6)),
    "backticks": (".md", ".json", lambda size: ("`" * 50 + " x ") * (size // 53)),
    "attributes": (
        ".html",
        ".json",
        lambda size: "<html><body><p " + " ".join(f"a{i}=1" for i in range(size // 8)) + ">x</p></body></html>",
    ),
}


def run_once(hostile: Path, other: Path, report: Path, limit: float) -> str:
    """Seconds one run takes (with its exit code when not 0), or ``>limit`` when it was killed."""
    command = [sys.executable, "-m", "compare", str(hostile), str(other), "-o", str(report)]
    started = time.perf_counter()
    try:
        finished = subprocess.run(command, capture_output=True, timeout=limit, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return f">{limit:g}"
    seconds = f"{time.perf_counter() - started:.2f}"
    return seconds if finished.returncode == 0 else f"{seconds} (exit {finished.returncode})"


def main() -> None:
    """Print a table: one row per family, one column per size."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 100, 200, 400], help="sizes in KB")
    parser.add_argument("--family", action="append", choices=sorted(FAMILIES), help="only these (repeatable)")
    parser.add_argument("--limit", type=float, default=300.0, help="seconds before a run is killed")
    parser.add_argument("--self", action="store_true", help="compare each hostile file with itself")
    args = parser.parse_args()
    names = args.family or list(FAMILIES)
    print("| family | " + " | ".join(f"{size} KB" for size in args.sizes) + " |")
    print("|---|" + "---|" * len(args.sizes))
    with tempfile.TemporaryDirectory() as folder:
        for name in names:
            suffix, report_suffix, make = FAMILIES[name]
            cells = []
            for size in args.sizes:
                hostile = Path(folder) / f"{name}-{size}{suffix}"
                hostile.write_text(make(size * 1024), encoding="utf-8")
                other = hostile if args.self else OTHER
                cells.append(run_once(hostile, other, Path(folder) / f"report{report_suffix}", args.limit))
            print(f"| {name} | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()

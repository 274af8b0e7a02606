"""The paraphrase model: how long it takes to load, and to encode 42 and 1,000 sentences, with 1 and 2 threads.

    python bench/bench_semantic.py            # medians of 5 runs (3 for 1,000 sentences)
    python bench/bench_semantic.py --quick    # one run each, 42 and 100 sentences: the CI smoke run

Figures, each for 1 and for 2 onnxruntime threads:

* load in a fresh process: importing numpy and onnxruntime, then
  `load_encoder` (hashing the 23 MB model file and the vocabulary, building
  the session): what the first comparison that uses the model pays;
* encode: `Encoder.encode` on sentences of real news copy (the Lee corpus
  gensim ships, as `bench/corpus.py` uses), tokenising included.  42 is
  about the sentences of one article; 1,000 a long pair or a batch.

And the pure-Python tokenizer alone, per sentence.  A caller running one job
per core passes 1 thread to each; 2 threads help a single job.
"""

from __future__ import annotations

import argparse
import functools
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout: this tree's `compare`, not an installed one

from corpus import NEWS_SENTENCE_END_RE, news_corpus_path  # noqa: E402  (bench/ is on the path as the script's folder)

from compare.semantic import MODEL_NAME, load_encoder  # noqa: E402

THREADS = (1, 2)
MIN_WORDS = 4  # shorter "sentences" of the corpus are datelines and fragments
LOAD_CODE = """
import sys, time
sys.path.insert(0, {root!r})
started = time.perf_counter()
import numpy, onnxruntime
imported = time.perf_counter()
from compare.semantic import load_encoder
load_encoder({threads})
print(imported - started, time.perf_counter() - imported)
"""


def news_sentences(count: int) -> list[str]:
    """The first `count` sentences of at least four words of the news corpus, in its order."""
    path = news_corpus_path()
    if path is None:
        raise SystemExit("the news corpus comes with gensim: pip install '.[bench]'")
    sentences = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        sentences.extend(s for s in NEWS_SENTENCE_END_RE.split(line.strip()) if len(s.split()) >= MIN_WORDS)
        if len(sentences) >= count:
            return sentences[:count]
    raise SystemExit(f"the news corpus has fewer than {count} sentences")


def median_seconds(action: Callable[[], object], repeat: int) -> float:
    """Median wall time of `repeat` calls of `action`, after one untimed call."""
    action()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def fresh_load(threads: int, repeat: int) -> tuple[float, float]:
    """Medians over `repeat` fresh processes: seconds to import numpy + onnxruntime, and to load the encoder."""
    code = LOAD_CODE.format(root=str(ROOT), threads=threads)
    imports, loads = [], []
    for _ in range(repeat):
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        first, second = map(float, result.stdout.split())
        imports.append(first)
        loads.append(second)
    return statistics.median(imports), statistics.median(loads)


def milliseconds(seconds: float) -> str:
    """`seconds` as a table cell in milliseconds."""
    return f"{seconds * 1000:9,.0f} ms"


def main(argv: list[str] | None = None) -> int:
    """Run the paraphrase-model benchmark and print its table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="one run each, 42 and 100 sentences (for CI)")
    args = parser.parse_args(argv)
    sizes = (42, 100) if args.quick else (42, 1000)
    repeats = {42: 1, 100: 1} if args.quick else {42: 5, 1000: 3}
    load_repeat = 1 if args.quick else 5
    sentences = news_sentences(max(sizes))

    rows: dict[str, list[str]] = {}
    per_sentence: dict[int, float] = {}
    for threads in THREADS:
        imports, load = fresh_load(threads, load_repeat)
        rows.setdefault("import numpy + onnxruntime (fresh process)", []).append(milliseconds(imports))
        rows.setdefault("load_encoder: hash files, build session", []).append(milliseconds(load))
        encoder = load_encoder(threads)
        for size in sizes:
            seconds = median_seconds(functools.partial(encoder.encode, sentences[:size]), repeats[size])
            rows.setdefault(f"encode {size:,} sentences", []).append(milliseconds(seconds))
            per_sentence[threads] = seconds / size
        rows.setdefault(f"… per sentence (at {max(sizes):,})", []).append(f"{per_sentence[threads] * 1000:9.2f} ms")

    tokenizer = load_encoder(THREADS[0]).tokenizer
    tokens = [tokenizer.encode(sentence) for sentence in sentences]
    tokenizer.word_cache.clear()  # time it as a fresh article meets it, not from the memo of the runs above
    started = time.perf_counter()
    for sentence in sentences:
        tokenizer.encode(sentence)
    tokenize = (time.perf_counter() - started) / len(sentences)

    import onnxruntime

    runs = f"medians of {load_repeat} fresh processes (load) and {'/'.join(str(repeats[s]) for s in sizes)} runs"
    print(
        f"# {MODEL_NAME} · onnxruntime {onnxruntime.__version__} · Python {platform.python_version()} · "
        f"{os.cpu_count()} cores · {runs}"
    )
    print(f"# news sentences: {len(sentences):,}, {statistics.mean(map(len, tokens)):.1f} tokens on average")
    print(f"{'':46} {'1 thread':>12} {'2 threads':>12}")
    for name, cells in rows.items():
        print(f"{name:46} {cells[0]:>12} {cells[1]:>12}")
    print(f"\ntokenizer alone (pure Python, cold memo): {tokenize * 1000:.3f} ms a sentence")
    return 0


if __name__ == "__main__":
    sys.exit(main())

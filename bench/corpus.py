"""Article pairs of any length for the benchmarks, built from real text.

`make_pair(words)` returns two plain-text articles of about `words` words
each.  A comes from one of two sources:

* ``"news"`` (the default when it is installed): real news copy, the Lee
  corpus of 300 Australian Broadcasting Corporation stories (about 60,000
  words) that gensim ships as test data (``pip install '.[bench]'``).  Its
  stories are shuffled and cut into paragraphs of one to three sentences, so
  a 50,000-word article never repeats a sentence.
* ``"markov"``: a word-level Markov chain (order 2) trained on the seeds and
  the gold articles.  It reads like news copy but, learning from about 8,000
  words, repeats phrases far more than real prose does as the text grows: a
  harder test of the matcher than real copy, kept as a stress series.

B is a rewrite of A the way a second outlet would make it: about a tenth of
A's paragraphs moved, a tenth of its sentences cut, a tenth replaced by new
ones (from stories A does not use, or from the chain), and a fifth reworded
(words dropped, swapped or respelt).  Deterministic for a given `seed`.
"""

from __future__ import annotations

import importlib.util
import random
import re
from collections import defaultdict
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SENTENCE_RE = re.compile(r"[^.!?]+[.!?]")
# Sentence ends in the news corpus: a full stop, ? or ! before a capital or a quote mark.
NEWS_SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")
SOURCES = ("news", "markov")


def source_texts() -> list[str]:
    """The real article texts the chain learns from: the seeds and every gold article."""
    paths = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "gold" / "pairs").glob("*/*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths]


@lru_cache(maxsize=1)
def _chain() -> tuple[dict[tuple[str, str], list[str]], list[tuple[str, str]]]:
    chain: dict[tuple[str, str], list[str]] = defaultdict(list)
    starts: list[tuple[str, str]] = []
    for text in source_texts():
        for paragraph in text.split("\n\n")[2:]:  # skip headline and standfirst
            for sentence in SENTENCE_RE.findall(paragraph):
                words = sentence.split()
                if len(words) < 6:
                    continue
                starts.append((words[0], words[1]))
                for i in range(len(words) - 2):
                    chain[(words[i], words[i + 1])].append(words[i + 2])
    return chain, starts


def sentence(rng: random.Random) -> str:
    """One generated sentence of 8 to 40 words."""
    chain, starts = _chain()
    first, second = rng.choice(starts)
    words = [first, second]
    while len(words) < 40:
        following = chain.get((words[-2], words[-1]))
        if not following:
            break
        words.append(rng.choice(following))
        if words[-1][-1] in ".!?" and len(words) >= 8:
            break
    text = " ".join(words)
    return text if text[-1] in '.!?"”' else text + "."


def article(words: int, rng: random.Random) -> list[list[str]]:
    """Generated paragraphs (lists of sentences) totalling about `words` words."""
    paragraphs: list[list[str]] = []
    total = 0
    while total < words:
        paragraph = [sentence(rng) for _ in range(rng.randint(1, 3))]
        total += sum(len(s.split()) for s in paragraph)
        paragraphs.append(paragraph)
    return paragraphs


def news_corpus_path() -> Path | None:
    """Where gensim's copy of the Lee news corpus is, found without importing gensim; None if not installed."""
    spec = importlib.util.find_spec("gensim")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "test" / "test_data" / "lee_background.cor"
        if path.is_file():
            return path
    return None


@lru_cache(maxsize=1)
def _news_stories() -> tuple[tuple[str, ...], ...]:
    path = news_corpus_path()
    if path is None:
        raise LookupError("the news corpus comes with gensim: pip install '.[bench]'")
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    return tuple(tuple(s for s in NEWS_SENTENCE_END_RE.split(line.strip()) if s) for line in lines if line.strip())


def news_article(words: int, rng: random.Random) -> tuple[list[list[str]], Callable[[random.Random], str]]:
    """Paragraphs of real stories totalling about `words` words, and a source of sentences A does not use."""
    stories = list(_news_stories())
    rng.shuffle(stories)
    paragraphs: list[list[str]] = []
    total = 0
    used = 0
    for story in stories:
        if total >= words:
            break
        used += 1
        start = 0
        while start < len(story) and total < words:
            paragraph = list(story[start : start + rng.randint(1, 3)])
            start += len(paragraph)
            total += sum(len(s.split()) for s in paragraph)
            paragraphs.append(paragraph)
    spare = [s for story in stories[used:] for s in story]
    if total < words:
        raise ValueError(f"the news corpus holds about {total} words; ask for fewer than {words}")
    # Once A has used nearly every story, new reporting comes from the chain.
    return paragraphs, (lambda r: r.choice(spare)) if len(spare) > 50 else sentence


def rewrite(
    paragraphs: list[list[str]], rng: random.Random, new_sentence: Callable[[random.Random], str] | None = None
) -> list[list[str]]:
    """A second outlet's version: moved paragraphs, cut, new and reworded sentences."""
    new_sentence = new_sentence or sentence
    result = []
    for paragraph in paragraphs:
        kept = []
        for original in paragraph:
            roll = rng.random()
            if roll < 0.1:
                continue  # cut
            if roll < 0.2:
                kept.append(new_sentence(rng))  # replaced by new reporting
            elif roll < 0.4:
                kept.append(_reword(original, rng))
            else:
                kept.append(original)
        if kept:
            result.append(kept)
    for _ in range(max(1, len(result) // 10)):  # move about a tenth of the paragraphs
        moved = result.pop(rng.randrange(len(result)))
        result.insert(rng.randrange(len(result) + 1), moved)
    return result


def _reword(text: str, rng: random.Random) -> str:
    words = text.split()
    for _ in range(max(1, len(words) // 8)):
        i = rng.randrange(len(words))
        action = rng.random()
        if action < 0.4 and len(words) > 6:
            del words[i]
        elif action < 0.7 and i + 1 < len(words):
            words[i], words[i + 1] = words[i + 1], words[i]
        else:
            words[i] = words[i].replace("ise", "ize").replace("our", "or")
    return " ".join(words)


def render(paragraphs: list[list[str]], headline: str) -> str:
    """The plain-text form: headline, then paragraphs separated by blank lines."""
    return headline + "\n\n" + "\n\n".join(" ".join(p) for p in paragraphs) + "\n"


def default_source() -> str:
    """``"news"`` when the news corpus is installed, else ``"markov"``."""
    return "news" if news_corpus_path() is not None else "markov"


def _original(
    words: int, rng: random.Random, source: str | None
) -> tuple[list[list[str]], Callable[[random.Random], str]]:
    """An original article of about `words` words from `source` (default `default_source`), and a source of new
    sentences for its rewrites."""
    source = source or default_source()
    if source == "news":
        return news_article(words, rng)
    if source == "markov":
        return article(words, rng), sentence
    raise ValueError(f"unknown source {source!r}; choose one of {', '.join(SOURCES)}")


def make_pair(words: int, seed: int = 0, source: str | None = None) -> tuple[str, str]:
    """Two related articles of about `words` words each, from `source` (see `SOURCES`; default `default_source`)."""
    rng = random.Random(seed)
    original, new_sentence = _original(words, rng, source)
    rewritten = rewrite(original, rng, new_sentence)
    return render(original, "Original report"), render(rewritten, "Rewritten report")


def make_set(count: int, words: int, seed: int = 0, source: str | None = None) -> list[str]:
    """`count` articles of about `words` words on one event: an original and `count - 1` outlets' rewrites of it,
    each rewritten on its own (as outlets rewriting one wire story do), from `source` as `make_pair`."""
    rng = random.Random(seed)
    original, new_sentence = _original(words, rng, source)
    rewrites = [rewrite(original, random.Random(seed * 1000 + n), new_sentence) for n in range(1, count)]
    return [render(original, "Original report")] + [render(r, f"Outlet {n} report") for n, r in enumerate(rewrites, 1)]

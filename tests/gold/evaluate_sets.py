"""Score sets of articles (issue 14): fact membership against gold, and agreement with pairwise comparisons.

    python tests/gold/evaluate_sets.py                    # dev: membership per gold event, consistency on dev events
    python tests/gold/evaluate_sets.py --split heldout    # held-out events: only when the issue is about to close
    python tests/gold/evaluate_sets.py --consistency all  # agreement with the pairs on every event of the corpus
    python tests/gold/evaluate_sets.py --semantic         # with the paraphrase model (off by default: faster)

The articles are read from ``../shared/corpus/`` (never copied into the repository).  Figures:

* **membership** (gold in ``tests/gold/sets/<event>.json``, written by an annotator who never saw the engine's
  output): each gold fact lists the articles that carry it and a key phrase in each.  It is matched to the
  reported facts whose wording in some article holds that article's key phrase (80% of its words, as
  ``evaluate.carries``), and each of those facts is scored on its own: exact when every one has the gold's
  articles in its ``in``, and the mean Jaccard index of the gold's articles and theirs (a gold fact no
  reported fact holds scores 0).  Reported per event and in total.
* **consistency**: for every two articles of an event, each body sentence of one is carried by the other
  (shared, partial or reworded) in the pair comparison, or not; the set says the same when the other is in
  the sentence's ``in``.  The share of sentences on which they agree, over all ordered pairs, and the lowest
  event's share.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import sys
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_gold import CORPUS  # noqa: E402
from evaluate import carries  # noqa: E402

from compare.model import MATCHED_STATUSES, SET_LETTERS, CompareOptions, SetComparison  # noqa: E402
from compare.pipeline import compare_articles  # noqa: E402
from compare.sets import compare_set  # noqa: E402

GOLD = Path(__file__).resolve().parent / "sets"
# The bar: on every event, each sentence's `in` agrees with the pair comparisons this often.
CONSISTENCY_BAR = 0.95


def event_articles(event: str) -> list[Path]:
    """The articles of `event`, in the order of their file names (1.txt, 2.txt, …): documents a, b, c, …"""
    return sorted((CORPUS / event).glob("*.txt"), key=lambda p: int(p.stem))


def split_events(split: str) -> list[str]:
    """The events of `split` ("dev", "heldout", "reserve") in the corpus's fixed split, or every event ("all")."""
    if split == "all":
        return sorted(p.name for p in CORPUS.iterdir() if (p / "event.toml").is_file())
    chosen: list[str] = tomllib.loads((CORPUS / "split.toml").read_text(encoding="utf-8"))[split]
    return chosen


def read_gold(path: Path) -> dict[str, Any]:
    """A set gold file, each key span replaced by its text; refuses an article that changed since."""
    gold: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    texts = {}
    for number, article in gold["articles"].items():
        data = (CORPUS / article["file"]).read_bytes()
        if hashlib.sha256(data).hexdigest() != article["sha256"]:
            raise ValueError(f"{path.name}: {article['file']} is not the article this gold was written for")
        texts[number] = data.decode("utf-8")
    for fact in gold["facts"]:
        fact["key"] = {n: texts[n][span[0] : span[1]] for n, span in fact["key"].items()}
    return gold


def membership(gold: dict[str, Any], comparison: SetComparison) -> list[tuple[set[str], list[set[str]]]]:
    """(gold documents, the documents of each reported fact holding one of its key phrases) of every gold fact,
    documents named by id (a, b, c, …)."""
    numbers = sorted(gold["articles"], key=int)
    letter = {n: SET_LETTERS[i] for i, n in enumerate(numbers)}
    found = []
    for fact in gold["facts"]:
        wanted = {letter[n] for n in fact["in"]}
        matched = [
            set(reported.carried_by)
            for reported in comparison.facts
            if any(
                letter[n] in reported.texts and carries(reported.texts[letter[n]], phrase)
                for n, phrase in fact["key"].items()
            )
        ]
        found.append((wanted, matched))
    return found


def fact_scores(wanted: set[str], matched: list[set[str]]) -> tuple[bool, float]:
    """(exact, Jaccard) of one gold fact: exact when every reported fact holding it has the gold documents;
    Jaccard the mean over those facts (0 when none holds it).

    Each reported fact is scored on its own: a fact all outlets carry but the set split into one fact per
    outlet is wrong in each piece, though the pieces together name every outlet.
    """
    if not matched:
        return False, 0.0
    return all(m == wanted for m in matched), sum(jaccard(wanted, m) for m in matched) / len(matched)


def consistency(event: str, comparison: SetComparison, options: CompareOptions) -> tuple[int, int]:
    """(sentences on which the set agrees with the pair comparisons, sentences compared) for `event`."""
    articles = event_articles(event)
    agree = total = 0
    for i, j in itertools.combinations(range(len(articles)), 2):
        pair = compare_articles(articles[i], articles[j], options=options)
        for side, own, other in (("a", i, j), ("b", j, i)):
            for sentence in pair.document(side).body_sentences:  # type: ignore[arg-type]
                in_pair = pair.alignment.sentences[sentence.id].status in MATCHED_STATUSES
                set_id = SET_LETTERS[own] + sentence.id[1:]
                in_set = SET_LETTERS[other] in comparison.sentences[set_id].carried_by
                agree += in_pair == in_set
                total += 1
    return agree, total


def jaccard(one: set[str], other: set[str]) -> float:
    """|one ∩ other| / |one ∪ other| (1 for two empty sets)."""
    union = one | other
    return len(one & other) / len(union) if union else 1.0


def main(argv: list[str] | None = None) -> int:
    """Print the membership and consistency figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=("dev", "heldout"), default="dev")
    parser.add_argument("--consistency", choices=("split", "all", "none"), default="split")
    parser.add_argument("--semantic", action="store_true", help="run with the paraphrase model")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every gold fact whose membership differs")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"the corpus is not at {CORPUS}", file=sys.stderr)
        return 1
    options = CompareOptions(semantic=args.semantic)
    results: dict[str, SetComparison] = {}

    def compared(event: str) -> SetComparison:
        if event not in results:
            results[event] = compare_set(event_articles(event), options=options)
        return results[event]

    golds = [read_gold(p) for p in sorted(GOLD.glob("*.json"))]
    golds = [g for g in golds if g["split"] == args.split]
    exact = count = 0
    jaccards: list[float] = []
    print(f"membership, split {args.split}")
    print(f"{'event':42} {'facts':>6} {'exact':>7} {'jaccard':>8}")
    for gold in golds:
        found = membership(gold, compared(gold["event"]))
        scored = [fact_scores(wanted, matched) for wanted, matched in found]
        hits = sum(exact for exact, _ in scored)
        scores = [score for _, score in scored]
        exact, count = exact + hits, count + len(found)
        jaccards.extend(scores)
        print(f"{gold['event']:42} {len(found):>6} {hits:>3}/{len(found):<3} {sum(scores) / len(scores):>8.2f}")
        if args.verbose:
            for fact, (wanted, matched), (right, _) in zip(gold["facts"], found, scored, strict=True):
                if not right:
                    shown = ", ".join("".join(sorted(m)) for m in matched) or "no fact holds it"
                    print(f"    {fact['label'][:70]}: gold {''.join(sorted(wanted))}, set {shown}")
    if count:
        print(f"membership exact {exact / count:.0%} ({exact}/{count}); mean Jaccard {sum(jaccards) / count:.2f}")
    if args.consistency != "none":
        events = split_events("all" if args.consistency == "all" else args.split)
        agree = total = 0
        per_event: dict[str, float] = {}
        for event in events:
            a, t = consistency(event, compared(event), options)
            agree, total = agree + a, total + t
            per_event[event] = a / t if t else 1.0
        print(f"consistency with pair comparisons ({len(events)} events): {agree / total:.1%} of {total} sentences")
        lowest = min(per_event, key=per_event.__getitem__)
        under = sorted(e for e, share in per_event.items() if share < CONSISTENCY_BAR)
        print(
            f"lowest event: {lowest} {per_event[lowest]:.1%}; "
            f"events under {CONSISTENCY_BAR:.0%}: {len(under)}{' (' + ', '.join(under) + ')' if under else ''}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

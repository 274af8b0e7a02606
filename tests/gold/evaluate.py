"""Score the comparison engine against the gold annotations in tests/gold/.

    python tests/gold/evaluate.py            # a table per pair and overall
    python tests/gold/evaluate.py --json     # the same figures as JSON

For each pair and side:

* recall: the share of gold "only in" passages that some reported fact of
  that side carries (a fact carries a passage when it holds at least 80% of
  the words of one of the passage's evidence strings);
* precision: the share of reported facts that carry at least one gold passage
  of their side;
* quote checks: gold variants reported as ``variant``; shared quotes and page
  furniture never inside a fact.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
GOLD = Path(__file__).resolve().parent
EVIDENCE_SHARE = 0.8

sys.path.insert(0, str(ROOT))

from compare.facts import find_details  # noqa: E402
from compare.normalise import tokenize  # noqa: E402
from compare.pipeline import compare_articles  # noqa: E402

# A quotation of this many words is a remark that must never be inside a fact; a shorter one is a quoted phrase.
REMARK_MIN_WORDS = 8


@dataclass
class PairScore:
    """The figures for one gold pair."""

    pair: str
    found: dict[str, int] = field(default_factory=dict)
    gold: dict[str, int] = field(default_factory=dict)
    correct: dict[str, int] = field(default_factory=dict)
    reported: dict[str, int] = field(default_factory=dict)
    missed: dict[str, list[str]] = field(default_factory=dict)
    spurious: dict[str, list[str]] = field(default_factory=dict)
    variants_found: int = 0
    variants_gold: int = 0
    shared_quotes_in_facts: list[str] = field(default_factory=list)
    furniture_in_facts: list[str] = field(default_factory=list)

    def recall(self, side: str) -> float:
        """Share of gold passages of `side` found."""
        return self.found[side] / self.gold[side] if self.gold[side] else 1.0

    def precision(self, side: str) -> float:
        """Share of reported facts of `side` that are gold passages."""
        return self.correct[side] / self.reported[side] if self.reported[side] else 1.0


def gold_files(held_out: bool = False) -> list[Path]:
    """The gold annotation files used while building the engine, or (`held_out`) those kept out of it.

    The held-out pairs (tests/gold/holdout/) were written after the engine's
    thresholds were last tuned and are never used to tune them: their figures
    stand for articles the engine has not seen.
    """
    if held_out:
        return sorted(GOLD.glob("holdout/*/gold.json"))
    return sorted(GOLD.glob("*.json")) + sorted(GOLD.glob("pairs/*/gold.json"))


def _keys(text: str) -> list[str]:
    return [t.key for t in tokenize(text)]


def carries(fact_text: str, evidence: str) -> bool:
    """True when `fact_text` holds at least 80% of the words of `evidence`."""
    wanted = _keys(evidence)
    have = set(_keys(fact_text))
    return bool(wanted) and sum(k in have for k in wanted) / len(wanted) >= EVIDENCE_SHARE


def score(gold_path: Path) -> PairScore:
    """Run the comparison on one gold pair and score it."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    comparison = compare_articles(ROOT / gold["a"], ROOT / gold["b"])
    result = PairScore(gold.get("pair", gold_path.parent.name))
    for side in ("a", "b"):
        facts = comparison.facts_on(side)  # type: ignore[arg-type]
        items = gold["only_in"][side]
        result.gold[side] = len(items)
        result.reported[side] = len(facts)
        result.found[side] = 0
        result.missed[side] = []
        # A figure, date or negation that differs inside a shared sentence is a change, not a fact: the gold,
        # written before changes existed, lists it as a passage, and the change's sentence shows it.
        texts = {s.id: s.text for s in comparison.document(side).sentences}  # type: ignore[arg-type]
        changed = [texts[(c.a if side == "a" else c.b).sentence] for c in comparison.changes]
        # What a side adds to a sentence both carry is listed under the facts as a detail: the gold, written
        # before details existed, lists it as a passage.
        details = find_details(comparison.document(side), comparison.alignment, comparison.changes)  # type: ignore[arg-type]
        added = [" ".join(span.text for span in detail.spans) for detail in details]
        for item in items:
            if any(carries(text, e) for text in [f.text for f in facts] + changed + added for e in item["evidence"]):
                result.found[side] += 1
            else:
                result.missed[side].append(item["label"])
        result.correct[side] = 0
        result.spurious[side] = []
        for fact in facts:
            if any(carries(fact.text, e) for item in items for e in item["evidence"]):
                result.correct[side] += 1
            else:
                result.spurious[side].append(f"{fact.label}: {fact.text[:90]}")
        for text in gold.get("furniture", {}).get(side, []):
            if any(carries(f.text, text) for f in facts):
                result.furniture_in_facts.append(text)
    for quote in gold.get("shared_quotes", []):
        # A quoted phrase inside a sentence that says something new goes with that sentence; a remark does not.
        if len(quote.split()) >= REMARK_MIN_WORDS and any(carries(f.text, quote) for f in comparison.facts):
            result.shared_quotes_in_facts.append(quote)
    result.variants_gold = len(gold.get("quote_variants", []))
    for variant in gold.get("quote_variants", []):
        if any(
            q.status in ("variant", "extended")
            and q.a
            and q.b
            and carries(q.a.text, variant["a"])
            and carries(q.b.text, variant["b"])
            for q in comparison.quotes
        ):
            result.variants_found += 1
    return result


def summarise(scores: list[PairScore]) -> dict[str, Any]:
    """Micro-averaged recall and precision over `scores`, per side and overall."""
    totals: dict[str, Any] = {}
    for side in ("a", "b", "all"):
        sides = ("a", "b") if side == "all" else (side,)
        found = sum(s.found[x] for s in scores for x in sides)
        gold = sum(s.gold[x] for s in scores for x in sides)
        correct = sum(s.correct[x] for s in scores for x in sides)
        reported = sum(s.reported[x] for s in scores for x in sides)
        totals[side] = {
            "recall": found / gold if gold else 1.0,
            "precision": correct / reported if reported else 1.0,
            "found": found,
            "gold": gold,
            "correct": correct,
            "reported": reported,
        }
    totals["variants"] = {"found": sum(s.variants_found for s in scores), "gold": sum(s.variants_gold for s in scores)}
    return totals


def main(argv: list[str] | None = None) -> int:
    """Print the evaluation table (or JSON with --json)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("-v", "--verbose", action="store_true", help="list missed and spurious facts")
    parser.add_argument(
        "--held-out",
        action="store_true",
        help="score the held-out pairs (tests/gold/holdout/) instead of the development set",
    )
    args = parser.parse_args(argv)
    scores = [score(path) for path in gold_files(args.held_out)]
    if not scores:
        print("no gold pairs found", file=sys.stderr)
        return 1
    totals = summarise(scores)
    if args.json:
        print(json.dumps({"pairs": [s.__dict__ for s in scores], "totals": totals}, indent=2))
        return 0
    print("held-out pairs (never used for tuning)" if args.held_out else "development pairs")
    print(f"{'pair':32} {'side':4} {'recall':>12} {'precision':>12}  variants  quote/furniture leaks")
    for s in scores:
        for side in ("a", "b"):
            leaks = len(s.shared_quotes_in_facts) + len(s.furniture_in_facts) if side == "a" else ""
            variants = f"{s.variants_found}/{s.variants_gold}" if side == "a" else ""
            print(
                f"{s.pair:32} {side:4} {s.recall(side):6.0%} {s.found[side]:>2}/{s.gold[side]:<3}"
                f" {s.precision(side):6.0%} {s.correct[side]:>2}/{s.reported[side]:<3}  {variants:8}  {leaks}"
            )
            if args.verbose:
                for label in s.missed[side]:
                    print(f"    missed:   {label}")
                for label in s.spurious[side]:
                    print(f"    spurious: {label}")
        if args.verbose:
            for text in s.shared_quotes_in_facts + s.furniture_in_facts:
                print(f"    leaked:   {text}")
    for side in ("a", "b", "all"):
        t = totals[side]
        print(
            f"{'TOTAL':32} {side:4} {t['recall']:6.0%} {t['found']:>2}/{t['gold']:<3} "
            f"{t['precision']:6.0%} {t['correct']:>2}/{t['reported']:<3}"
        )
    print(f"quote variants found: {totals['variants']['found']}/{totals['variants']['gold']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Score the changes list on real pairs: disagreements a separate annotator found between two outlets.

    python tests/gold/evaluate_changes.py                  # dev pairs (tests/gold/corpus/changes/)
    python tests/gold/evaluate_changes.py --split heldout  # only when the changes issue is about to close
    python tests/gold/evaluate_changes.py -v               # also every miss and every false alarm

The annotator read both articles of each pair, never the tool's output, and
marked each disagreement as character spans (the differing words and their
sentence) into ``../shared/corpus/<event>/{1,2}.txt``.  A reported change finds
a gold disagreement when, on each side, its sentence overlaps the gold
sentence (or holds the same words) and its differing words overlap the gold's;
a reported change that finds none is a false alarm.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus"
GOLD = ROOT / "tests" / "gold" / "corpus" / "changes"

from compare.pipeline import compare_articles  # noqa: E402

# Held-out pairs whose changes gold was scored (2 December 2026: 0 of 3 found, 1 false alarm of 1) and then tuned
# on (a place and its initials are one place): spent for the changes issue, so they count as dev here.  The
# issue's held-out figure needs new gold, written before tuning, for events drawn from the corpus's `reserve`.
# The second held-out set, drawn from the reserve (2004-lycos-spam-screensaver, 2004-south-american-community,
# 2010-etheridge-apology, 2012-romney-same-sex-marriage; every pair of their articles, gold by two annotators who
# never saw the tool), was scored once before any tuning on 3 December 2026: 2 of 17 found, 1 false alarm of 3.
# Then tuned on (quantities: scales, currency words, bounds, rounding): spent too.
# The third held-out set is the last three reserve events (2013-nsa-surveillance, 2017-gorsuch-filibuster,
# 2018-pipe-bomb-arrest; all 9 pairs, gold by three annotators who never saw the tool).  Scored once, before any
# tuning, on 3 December 2026 (after commit 6670fd6): found 0 of 1 (a negation told in other words: "no charges
# filed" / "charged him with five crimes"), no change reported on any of the 9 pairs, so no false alarm.  The
# reserve is now empty: tuning on these pairs spends them with nothing left to draw.
SPENT_HELDOUT_EVENTS = frozenset(
    {
        "2004-lycos-spam-screensaver",
        "2004-south-american-community",
        "2010-etheridge-apology",
        "2012-romney-same-sex-marriage",
    }
)
SPENT_HELDOUT = frozenset(
    {
        "2004-pentagon-strategic-communication-1-2",
        "2004-school-americas-protest-1-2",
        "2005-pinochet-house-arrest-1-2",
        "2010-naacp-tea-party-1-2",
        "2011-aarp-social-security-1-2",
        "2012-romney-akin-1-2",
        "2013-irs-lerner-fifth-1-2",
        "2015-clinton-emails-1-2",
        "2015-indiana-rfra-1-2",
        "2016-ginsburg-trump-1-2",
        "2016-orlando-shooting-reactions-1-2",
    }
)


def split_of(path: Path) -> str:
    """The split a gold file counts in: its own, except that a spent held-out pair counts as dev."""
    split: str = json.loads(path.read_text(encoding="utf-8"))["split"]
    spent = path.stem in SPENT_HELDOUT or path.stem.rsplit("-", 2)[0] in SPENT_HELDOUT_EVENTS
    return "dev" if spent else split


def overlaps(one: tuple[int, int], other: tuple[int, int]) -> bool:
    """True when two half-open character ranges share a character."""
    return one[0] < other[1] and other[0] < one[1]


def score(path: Path, verbose: bool) -> tuple[int, int, int, int]:
    """(gold disagreements, found, reported changes, false alarms) for one gold file."""
    gold = json.loads(path.read_text(encoding="utf-8"))
    comparison = compare_articles(CORPUS / gold["a"], CORPUS / gold["b"])
    documents = {side: comparison.document(side) for side in ("a", "b")}  # type: ignore[arg-type]
    spans = {s.id: (s.start, s.end) for document in documents.values() for s in document.sentences}
    texts = {s.id: " ".join(s.text.split()) for document in documents.values() for s in document.sentences}

    sentences = {s.id: s for document in documents.values() for s in document.sentences}

    def finds(change: object, item: dict[str, list[int]]) -> bool:
        # The change's words on each side overlap the gold's (where both give some), in the gold's sentence, or
        # in another copy of it: an article that repeats a sentence word for word (a standfirst, then its first
        # paragraph after a dateline) gives the disagreement in both.
        def same_place(side: str) -> bool:
            reported = getattr(change, side)
            start, end = item[f"{side}_sentence"]
            text = documents[side].article.text
            marked_words = " ".join(text[item[side][0] : item[side][1]].split())
            if overlaps(spans[reported.sentence], (start, end)):
                if not reported.text or not marked_words:
                    return True
                sentence = sentences[reported.sentence]
                at = sentence.start + sentence.text.find(reported.text)
                return overlaps((at, at + len(reported.text)), tuple(item[side]))  # type: ignore[arg-type]
            marked = " ".join(text[start:end].split())
            copy = texts[reported.sentence] in marked or marked in texts[reported.sentence]
            return copy and (reported.text in marked_words or marked_words in reported.text)

        return all(same_place(side) for side in ("a", "b"))

    found = [item for item in gold["changes"] if any(finds(c, item) for c in comparison.changes)]
    false_alarms = [c for c in comparison.changes if not any(finds(c, item) for item in gold["changes"])]
    if verbose:
        for item in gold["changes"]:
            if item not in found:
                print(f"    missed {item['kind']}: {item['note']}")
        for change in false_alarms:
            print(f"    false alarm {change.kind}: {change.summary}")
    return len(gold["changes"]), len(found), len(comparison.changes), len(false_alarms)


def main(argv: list[str] | None = None) -> int:
    """Print found and false alarms per pair and in total."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", default="dev", choices=("dev", "heldout"))
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    totals = [0, 0, 0, 0]
    print(f"{'pair':46} {'found':>7} {'false alarms':>13}")
    for path in sorted(GOLD.glob("*.json")):
        if split_of(path) != args.split:
            continue
        figures = score(path, args.verbose)
        totals = [t + f for t, f in zip(totals, figures, strict=True)]
        gold, found, reported, false = figures
        print(f"{path.stem:46} {found:>3}/{gold:<3} {false:>6}/{reported:<6}")
    gold, found, reported, false = totals
    if args.split == "heldout" and not any(split_of(p) == "heldout" for p in GOLD.glob("*.json")):
        print("every held-out pair is spent (SPENT_HELDOUT): write gold for events of the corpus's reserve first")
        return 1
    print(
        f"\nfound {found}/{gold} ({found / gold:.0%})" if gold else "\nno gold disagreements",
        f"false alarms {false}/{reported} ({false / reported:.0%})" if reported else "no changes reported",
        sep="; ",
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Revision battery: edit real articles one way at a time and check the versions comparison reports that edit.

    python tests/gold/revision_battery.py                  # every article of the dev events
    python tests/gold/revision_battery.py -v               # also every failure: the edit and what was reported
    python tests/gold/revision_battery.py --json           # the figures (and failures) as JSON
    python tests/gold/revision_battery.py --quick          # one dev event, one article (a smoke run)
    python tests/gold/revision_battery.py --split heldout  # only when the issue is about to close

Each article of the split's events (``../shared/corpus/<event>/*.txt``, read at
run time, never copied here) is A; B is A with one edit applied at a place
drawn by a random generator seeded with the event, the file and the edit, so
every run edits the same places.  A and B are compared with
``CompareOptions(semantic=False, versions=True)`` and the edit must be
reported exactly once where it belongs, with nothing else reported:

* figure: a number in a body sentence changed → one ``figure`` change (``date``
  for a year or a day next to a month) on that sentence, no fact;
* clause: ", who was elected in May," (or a clause that needs no name) inserted
  into a body sentence → the clause is B's sentence's ``added`` words, no
  change, no fact;
* negation: "not" after "is", "was", "will"… → one ``negation`` change, no fact;
* wording: one content word replaced by another → one ``wording`` change, no fact;
* respell: a name inside a sentence spelled another way ("Ann" ⇄ "Anne") → one ``name`` change (``place`` for
  a place's name), no fact;
* cut: a body paragraph removed → its sentences are facts only in A, no change (a sentence the article says
  again elsewhere is shared with that copy, or partial with the words the copy lacks as its `added`);
* add: a new paragraph saying something the article does not → a fact only in
  B, no change;
* report: a new paragraph of reporting on the same event, a sentence another
  outlet's article carries and this one does not say in the same words, compared
  with the paraphrase model on (the other edits run without it) → a fact only in B,
  no change, even when it restates what the article already says (between two
  versions that is still an addition);
* headline: the headline reworded → one ``headline`` change, no fact;
* swap: two body paragraphs swapped → a paragraph group marked "moved", no
  change, no fact.

Words inside quotation marks are not edited: a quotation worded differently is
the quotes list's to report, not a change.  An edit with no suitable place in
an article is skipped and counted.  Every article is also compared with itself
("self"): no change, no fact.  The "moved" column counts the comparisons that
mark a paragraph group "moved": spurious for every edit but swap (and for
self), it is shown, not failed, since the contract names only changes and facts.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus"

from compare.changes import MONTHS, OPPOSITES, WEEKDAYS, YEAR_RE  # noqa: E402
from compare.load import load_bytes  # noqa: E402
from compare.model import Article, CompareOptions, Comparison, Document, Paragraph, Sentence  # noqa: E402
from compare.normalise import Token, is_negation, tokenize  # noqa: E402
from compare.pipeline import compare_loaded  # noqa: E402
from compare.quotes import find_quote_spans  # noqa: E402

VERSIONS = CompareOptions(semantic=False, versions=True)
# The on-topic addition is the case the paraphrase model could take for a rewording: it runs with the model.
VERSIONS_WITH_MODEL = CompareOptions(versions=True)
EDITS = ("figure", "clause", "negation", "wording", "respell", "cut", "add", "report", "headline", "swap")
# The length, in words, of a sentence of another outlet inserted as new reporting.
REPORT_WORDS = (12, 40)

# A clause for a sentence naming someone, and one that fits anywhere (no number, date, negation or name).
CLAUSE_AFTER_NAME = ", who was elected in May,"
CLAUSE_ANYWHERE = ", according to people familiar with the matter,"
# Verbs a "not" can follow.
NEGATABLE = frozenset("is are was were will would could should can has have had does did".split())
# A replacement for a content word: words seldom in news copy, so the article does not already have them.
REPLACEMENTS = ("peculiar", "lantern", "meadow", "velvet", "granite", "orchard", "saffron", "harbinger")
# Paragraphs that say something none of the articles says (no figure, date, negation or name of theirs).
NEW_PARAGRAPHS = (
    "Separately, the regional ferry operator announced a review of its winter timetable for the island routes.",
    "Meanwhile, volunteers at the botanical garden began cataloguing rare orchids rescued from a derelict greenhouse.",
    "Elsewhere, a local bakery cooperative opened a training kitchen where apprentices learn to bake sourdough bread.",
)
HEADLINE_SUFFIX = ", reports say"


@dataclass
class Edit:
    """One edit of an article: B's text and where its effect must be reported."""

    kind: str
    text_b: str
    description: str
    pos_a: int = -1  # an offset into A's text inside the edited sentence (in-sentence edits)
    pos_b: int = -1  # the same place in B's text
    span_b: tuple[int, int] = (0, 0)  # for clause and add: what was inserted, in B's text
    paragraphs_a: tuple[str, ...] = ()  # for cut: the cut paragraph's id; for swap: both paragraphs' ids
    expected_kind: str = ""  # for figure: "figure" or "date"
    old: str = ""
    new: str = ""


@dataclass
class Outcome:
    """One edit tried on one article."""

    article: str
    kind: str
    passed: bool
    description: str = ""
    problems: list[str] = field(default_factory=list)
    reported: list[str] = field(default_factory=list)
    moved: bool = False  # a paragraph group is marked "moved" (spurious, except for swap): counted, not failed


# -- where to edit ------------------------------------------------------------------------


def body_paragraphs(document: Document) -> list[Paragraph]:
    """The body paragraphs of a document, the ones that are compared."""
    return [p for p in document.paragraphs if p.compared and p.sentences]


def unquoted_tokens(sentence: Sentence) -> list[Token]:
    """The words of `sentence` outside quotation marks, offsets relative to the sentence."""
    spans = find_quote_spans(sentence.text)
    quoted = [(start - 1, end + 1) for start, end in spans]  # the marks themselves too
    return [t for t in tokenize(sentence.text) if not any(start <= t.start < end for start, end in quoted)]


def replace_at(text: str, start: int, end: int, new: str) -> str:
    """`text` with `text[start:end]` replaced by `new`."""
    return text[:start] + new + text[end:]


def edit_figure(text: str, document: Document, rng: random.Random) -> Edit | None:
    """Change a number outside quotations in a body sentence."""
    places = []
    for sentence in document.body_sentences:
        tokens = tokenize(sentence.text)
        for position, token in enumerate(tokens):
            if not re.fullmatch(r"\d[\d,]*(\.\d+)?", token.text) or not any(
                t is token for t in unquoted_tokens(sentence)
            ):
                continue
            places.append((sentence, tokens, position))
    if not places:
        return None
    sentence, tokens, position = rng.choice(places)
    token = tokens[position]
    neighbours = {t.key for t in tokens[max(0, position - 1) : position + 2]}
    value = float(token.text.replace(",", ""))
    if YEAR_RE.match(token.text):
        new, expected = str(int(value) - 3), "date"
    else:
        new = str(int(value) * 2 + 3) if "." not in token.text else f"{value * 2 + 3:.1f}"
        expected = "date" if neighbours & (MONTHS | WEEKDAYS) else "figure"
    start = sentence.start + token.start
    return Edit(
        "figure",
        replace_at(text, start, start + len(token.text), new),
        f"{sentence.id}: {token.text} → {new} in “{sentence.text}”",
        pos_a=start,
        pos_b=start,
        expected_kind=expected,
        old=token.text,
        new=new,
    )


def edit_clause(text: str, document: Document, rng: random.Random) -> Edit | None:
    """Insert a clause after a name (or after the fourth word) of a body sentence, outside quotations."""
    places = []
    for sentence in document.body_sentences:
        tokens = unquoted_tokens(sentence)
        all_tokens = tokenize(sentence.text)
        if len(all_tokens) < 8:
            continue
        for index, token in enumerate(all_tokens[1:-3], start=1):
            if not any(t is token for t in tokens) or sentence.text[token.end : token.end + 1] not in (" ",):
                continue
            follower = all_tokens[index + 1]
            named = token.text[:1].isupper() and all_tokens[index - 1].text[:1].isupper() and follower.text.islower()
            if named or index == 4:
                places.append((sentence, token, CLAUSE_AFTER_NAME if named else CLAUSE_ANYWHERE))
    if not places:
        return None
    named_places = [p for p in places if p[2] == CLAUSE_AFTER_NAME]
    sentence, token, clause = rng.choice(named_places or places)
    at = sentence.start + token.end
    return Edit(
        "clause",
        text[:at] + clause + text[at:],
        f"{sentence.id}: “{clause}” after “{token.text}” in “{sentence.text}”",
        pos_a=at - 1,
        pos_b=at - 1,
        span_b=(at, at + len(clause)),
    )


def edit_negation(text: str, document: Document, rng: random.Random) -> Edit | None:
    """Put "not" after a verb of a body sentence that has no negation, outside quotations."""
    places = []
    for sentence in document.body_sentences:
        all_tokens = tokenize(sentence.text)
        if any(is_negation(t.key) for t in all_tokens):
            continue
        for token in unquoted_tokens(sentence):
            if token.text in NEGATABLE and sentence.text[token.end : token.end + 1] == " ":
                places.append((sentence, token))
    if not places:
        return None
    sentence, token = rng.choice(places)
    at = sentence.start + token.end
    return Edit(
        "negation",
        text[:at] + " not" + text[at:],
        f"{sentence.id}: “{token.text}” → “{token.text} not” in “{sentence.text}”",
        pos_a=at - 1,
        pos_b=at - 1,
    )


def edit_wording(text: str, document: Document, rng: random.Random) -> Edit | None:
    """Replace one lower-case content word of a body sentence, outside quotations, with a word the article lacks."""
    special = MONTHS | WEEKDAYS | {word for pair in OPPOSITES for word in pair}
    places = []
    for sentence in document.body_sentences:
        for token in unquoted_tokens(sentence):
            plain = token.content and token.text.isalpha() and token.text.islower() and len(token.text) >= 4
            if plain and token.key not in special and not is_negation(token.key):
                places.append((sentence, token))
    if not places:
        return None
    sentence, token = rng.choice(places)
    lowered = text.lower()
    new = rng.choice([w for w in REPLACEMENTS if w not in lowered] or list(REPLACEMENTS))
    start = sentence.start + token.start
    return Edit(
        "wording",
        replace_at(text, start, start + len(token.text), new),
        f"{sentence.id}: {token.text} → {new} in “{sentence.text}”",
        pos_a=start,
        pos_b=start,
        old=token.text,
        new=new,
    )


def edit_respell(text: str, document: Document, rng: random.Random) -> Edit | None:
    """Spell one capitalised word inside a body sentence (a name), outside quotations, another way: a final "e"
    dropped or added ("Anne" ⇄ "Ann"), an edit the word's stem can hide."""
    special = MONTHS | WEEKDAYS
    places = []
    for sentence in document.body_sentences:
        for token in unquoted_tokens(sentence)[1:]:  # the first word is capitalised as a sentence's
            name = token.content and token.text.isalpha() and token.text.istitle() and len(token.text) >= 4
            if name and token.key not in special:
                places.append((sentence, token))
    if not places:
        return None
    sentence, token = rng.choice(places)
    new = token.text[:-1] if token.text.endswith("e") else token.text + "e"
    start = sentence.start + token.start
    return Edit(
        "respell",
        replace_at(text, start, start + len(token.text), new),
        f"{sentence.id}: {token.text} → {new} in “{sentence.text}”",
        pos_a=start,
        pos_b=start,
        expected_kind="name",
        old=token.text,
        new=new,
    )


def paragraph_span(text: str, paragraph: Paragraph) -> tuple[int, int]:
    """The paragraph's text and the blank line after it: what removing it removes."""
    end = paragraph.end
    while end < len(text) and text[end] == "\n":
        end += 1
    return paragraph.start, end


def edit_cut(text: str, document: Document, rng: random.Random) -> Edit | None:
    """Remove one body paragraph (never the only one, never the last line of the file)."""
    paragraphs = body_paragraphs(document)
    candidates = [p for p in paragraphs if paragraph_span(text, p)[1] < len(text)]
    if len(paragraphs) < 2 or not candidates:
        return None
    paragraph = rng.choice(candidates)
    start, end = paragraph_span(text, paragraph)
    return Edit(
        "cut", text[:start] + text[end:], f"{paragraph.id} cut: “{paragraph.text}”", paragraphs_a=(paragraph.id,)
    )


def insert_paragraph(
    kind: str, text: str, document: Document, rng: random.Random, choices: Sequence[str], what: str
) -> Edit | None:
    """Insert one of `choices` as a new paragraph before a body paragraph other than the first (an edit of
    `kind`, described as a new `what`)."""
    paragraphs = body_paragraphs(document)
    if len(paragraphs) < 2 or not choices:
        return None
    before = rng.choice(paragraphs[1:])
    new = rng.choice(choices)
    at = before.start
    return Edit(
        kind,
        text[:at] + new + "\n\n" + text[at:],
        f"new {what} before {before.id}: “{new}”",
        span_b=(at, at + len(new)),
    )


def edit_add(text: str, document: Document, rng: random.Random) -> Edit | None:
    """Insert a new paragraph before a body paragraph other than the first."""
    return insert_paragraph("add", text, document, rng, NEW_PARAGRAPHS, "paragraph")


def edit_report(text: str, document: Document, rng: random.Random, reporting: list[str]) -> Edit | None:
    """Insert, as a new paragraph before a body paragraph other than the first, one of `reporting`: sentences of
    another outlet's article on the same event that this article does not carry in the same words."""
    return insert_paragraph("report", text, document, rng, reporting, "paragraph of reporting")


def other_reporting(article: Article, neighbour: Path) -> list[str]:
    """The body sentences of the article at `neighbour` (another outlet on the same event) that the word pass
    finds in no sentence of `article`, of `REPORT_WORDS` words."""
    theirs = compare_loaded(article, load(neighbour.read_text(encoding="utf-8"), "c.txt"), options=VERSIONS)
    low, high = REPORT_WORDS
    return [
        sentence.text
        for sentence in theirs.b.body_sentences
        if theirs.alignment.sentences[sentence.id].status == "unique" and low <= len(sentence.text.split()) <= high
    ]


def edit_headline(text: str, document: Document, rng: random.Random) -> Edit | None:
    """Reword the headline: append an attribution ("…, reports say")."""
    head = next((p for p in document.paragraphs if p.role == "headline"), None)
    if head is None:
        return None
    at = head.end
    while at > head.start and not text[at - 1].isalnum():
        at -= 1  # before a final full stop or quote mark
    return Edit(
        "headline",
        text[:at] + HEADLINE_SUFFIX + text[at:],
        f"headline “{head.text}” → “{text[head.start : at]}{HEADLINE_SUFFIX}{text[at : head.end]}”",
    )


def edit_swap(text: str, document: Document, rng: random.Random) -> Edit | None:
    """Swap two different body paragraphs."""
    paragraphs = body_paragraphs(document)
    if len(paragraphs) < 2:
        return None
    pairs = [(x, y) for i, x in enumerate(paragraphs) for y in paragraphs[i + 1 :] if x.text != y.text]
    if not pairs:
        return None
    first, second = rng.choice(pairs)
    swapped = text[: first.start] + second.text + text[first.end : second.start] + first.text + text[second.end :]
    return Edit("swap", swapped, f"{first.id} ⇄ {second.id}", paragraphs_a=(first.id, second.id))


# Every edit but "report", which needs another outlet's article (`run_article`).
EDITORS: dict[str, Callable[[str, Document, random.Random], Edit | None]] = {
    "figure": edit_figure,
    "clause": edit_clause,
    "negation": edit_negation,
    "wording": edit_wording,
    "respell": edit_respell,
    "cut": edit_cut,
    "add": edit_add,
    "headline": edit_headline,
    "swap": edit_swap,
}


# -- what must be reported ----------------------------------------------------------------


def sentence_at(document: Document, offset: int) -> Sentence | None:
    """The sentence whose text covers `offset`."""
    return next((s for s in document.sentences if s.start <= offset < s.end), None)


def reported(comparison: Comparison) -> list[str]:
    """Every change and fact, one line each, for a failure's report."""
    lines = [f"change {c.kind} {c.a.sentence}/{c.b.sentence}: {c.summary}" for c in comparison.changes]
    lines += [f"fact only in {f.side.upper()} {list(f.sentences)}: {f.text[:120]}" for f in comparison.facts]
    moved = [g for g in comparison.alignment.paragraphs if g.order == "moved"]
    lines += [f"moved paragraphs {list(g.a)} → {list(g.b)}" for g in moved]
    return lines


def moved(comparison: Comparison) -> bool:
    """True when the alignment marks a paragraph group "moved"."""
    return any(g.order == "moved" for g in comparison.alignment.paragraphs)


def check(edit: Edit, comparison: Comparison) -> list[str]:
    """The ways the comparison fails to report `edit` exactly once where it belongs (empty: passed)."""
    problems: list[str] = []
    changes, facts = comparison.changes, comparison.facts
    if edit.kind in ("figure", "negation", "wording", "respell"):
        sentence_a, sentence_b = sentence_at(comparison.a, edit.pos_a), sentence_at(comparison.b, edit.pos_b)
        expected = edit.expected_kind or edit.kind
        accepted = {expected, "place"} if edit.kind == "respell" else {expected}
        ids = (sentence_a.id if sentence_a else "?", sentence_b.id if sentence_b else "?")
        hits = [c for c in changes if c.kind in accepted and (c.a.sentence, c.b.sentence) == ids]
        if len(hits) != 1:
            kinds = [c.kind for c in changes if (c.a.sentence, c.b.sentence) == ids]
            problems.append(f"{len(hits)} {expected} change(s) on {ids[0]}/{ids[1]} (there: {kinds or 'none'})")
            for sentence in (sentence_a, sentence_b):
                if sentence is not None:  # how the alignment paired the edited sentence: the changes stage reads it
                    result = comparison.alignment.sentences[sentence.id]
                    problems.append(f"{sentence.id} is {result.status}, counterparts {list(result.matches)}")
        elif edit.old and (edit.old not in hits[0].a.text or edit.new not in hits[0].b.text):
            problems.append(f"change texts {hits[0].a.text!r}/{hits[0].b.text!r}, not {edit.old!r}/{edit.new!r}")
        if len(changes) != len(hits) or len(changes) > 1:
            problems.append(f"{len(changes) - len(hits)} other change(s)")
        if facts:
            problems.append(f"{len(facts)} fact(s)")
    elif edit.kind == "headline":
        if [c.kind for c in changes] != ["headline"]:
            problems.append(f"changes {[c.kind for c in changes]}, not one headline change")
        if facts:
            problems.append(f"{len(facts)} fact(s)")
    elif edit.kind == "clause":
        if changes:
            problems.append(f"{len(changes)} change(s)")
        if facts:
            problems.append(f"{len(facts)} fact(s)")
        sentence_b = sentence_at(comparison.b, edit.pos_b)
        if sentence_b is None:
            problems.append("no sentence at the clause")
        else:
            result = comparison.alignment.sentences[sentence_b.id]
            start, end = edit.span_b[0] - sentence_b.start, edit.span_b[1] - sentence_b.start
            clause_words = [t for t in tokenize(sentence_b.text) if start <= t.start < end]
            added = result.added
            covered = [t for t in clause_words if any(s.start <= t.start < s.end for s in added)]
            outside = [s.text for s in added if not (start - 2 <= s.start and s.end <= end + 2)]
            if len(covered) != len(clause_words):
                missing = [t.text for t in clause_words if t not in covered]
                problems.append(f"clause words not added on {sentence_b.id} ({result.status}): {missing}")
            if outside:
                problems.append(f"added beyond the clause on {sentence_b.id}: {outside}")
    elif edit.kind == "cut":
        if changes:
            problems.append(f"{len(changes)} change(s)")
        cut = {s.id for p in comparison.a.paragraphs if p.id in edit.paragraphs_a for s in p.sentences}
        in_facts = {s for f in facts for s in f.sentences}
        if any(f.side != "a" for f in facts):
            problems.append(f"{sum(f.side != 'a' for f in facts)} fact(s) only in B")
        if in_facts - cut:
            problems.append(f"facts beyond the cut paragraph: {sorted(in_facts - cut)}")
        # A cut sentence the article also says elsewhere (a repeated line, a lede restated) is no fact: whole,
        # it is shared with its copy; in part, its words the copy lacks are its `added`.
        results = {s: comparison.alignment.sentences[s] for s in sorted(cut - in_facts)}
        unreported = {
            s: r.status for s, r in results.items() if not (r.status == "shared" or (r.status == "partial" and r.added))
        }
        if unreported:
            problems.append(f"cut sentences in no fact: {unreported}")
    elif edit.kind in ("add", "report"):
        if changes:
            problems.append(f"{len(changes)} change(s)")
        new = {
            s.id
            for p in comparison.b.paragraphs
            for s in p.sentences
            if s.start < edit.span_b[1] and edit.span_b[0] < s.end
        }
        in_facts = {s for f in facts for s in f.sentences}
        if any(f.side != "b" for f in facts):
            problems.append(f"{sum(f.side != 'b' for f in facts)} fact(s) only in A")
        if in_facts - new:
            problems.append(f"facts beyond the new paragraph: {sorted(in_facts - new)}")
        if new - in_facts:
            problems.append(f"new sentences in no fact: {sorted(new - in_facts)}")
    elif edit.kind == "swap":
        if changes:
            problems.append(f"{len(changes)} change(s)")
        if facts:
            problems.append(f"{len(facts)} fact(s)")
        groups = [g for g in comparison.alignment.paragraphs if set(g.a) & set(edit.paragraphs_a)]
        if not any(g.order == "moved" for g in groups):
            problems.append(f"no group of {list(edit.paragraphs_a)} marked moved ({[g.order for g in groups]})")
    return problems


# -- running ------------------------------------------------------------------------------


def load(text: str, name: str) -> Article:
    """An article from its text, as a .txt file."""
    return load_bytes(text.encode("utf-8"), source=name)


def run_article(event: str, path: Path, neighbour: Path | None = None) -> list[Outcome]:
    """The self comparison and every edit of one article; `neighbour`, another article of the event, supplies
    the new reporting of the "report" edit (skipped without one)."""
    name = f"{event}/{path.name}"
    text = load(path.read_text(encoding="utf-8"), "a.txt").text  # the text as loaded: offsets index it
    article = load(text, "a.txt")
    itself = compare_loaded(article, load(text, "b.txt"), options=VERSIONS)
    outcomes = [
        Outcome(
            name,
            "self",
            not itself.changes and not itself.facts,
            "the article against itself",
            [f"{len(itself.changes)} change(s), {len(itself.facts)} fact(s)"] if itself.changes or itself.facts else [],
            reported(itself),
            moved(itself),
        )
    ]
    for kind in EDITS:
        rng = random.Random(f"{event}/{path.name}/{kind}")
        if kind == "report":
            reporting = other_reporting(article, neighbour) if neighbour is not None else []
            edit = edit_report(text, itself.a, rng, reporting)
        else:
            edit = EDITORS[kind](text, itself.a, rng)
        if edit is None:
            outcomes.append(Outcome(name, kind, False, "skipped: no suitable place", ["skipped"]))
            continue
        options = VERSIONS_WITH_MODEL if kind == "report" else VERSIONS
        comparison = compare_loaded(article, load(edit.text_b, "b.txt"), options=options)
        problems = check(edit, comparison)
        outcomes.append(
            Outcome(name, kind, not problems, edit.description, problems, reported(comparison), moved(comparison))
        )
    return outcomes


def events(split: str) -> list[str]:
    """The events of `split` in split.toml."""
    with open(CORPUS / "split.toml", "rb") as handle:
        return list(tomllib.load(handle)[split])


def tally(outcomes: list[Outcome]) -> dict[str, dict[str, int]]:
    """Tried, passed and skipped per edit kind (self included)."""
    table: dict[str, dict[str, int]] = {}
    for kind in ("self", *EDITS):
        mine = [o for o in outcomes if o.kind == kind]
        skipped = sum(o.problems == ["skipped"] for o in mine)
        table[kind] = {
            "tried": len(mine) - skipped,
            "passed": sum(o.passed for o in mine),
            "skipped": skipped,
            "moved": sum(o.moved for o in mine),
        }
    return table


def main(argv: list[str] | None = None) -> int:
    """Run the battery and print a table per edit kind (or JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", default="dev", choices=("dev", "heldout"))
    parser.add_argument("-v", "--verbose", action="store_true", help="print every failure")
    parser.add_argument("--json", action="store_true", help="print the figures and failures as JSON")
    parser.add_argument("--quick", action="store_true", help="one event, one article")
    args = parser.parse_args(argv)
    chosen = events(args.split)
    if args.quick:
        chosen = sorted(chosen, key=lambda e: sum(p.stat().st_size for p in (CORPUS / e).glob("*.txt")))[:1]
    outcomes: list[Outcome] = []
    for event in chosen:
        paths = sorted((CORPUS / event).glob("*.txt"))
        for index, path in enumerate(paths[:1] if args.quick else paths):
            neighbour = paths[(index + 1) % len(paths)] if len(paths) > 1 else None
            outcomes.extend(run_article(event, path, neighbour))
    table = tally(outcomes)
    tried = sum(row["tried"] for kind, row in table.items() if kind != "self")
    passed = sum(row["passed"] for kind, row in table.items() if kind != "self")
    failures = [o for o in outcomes if not o.passed and o.problems != ["skipped"]]
    if args.json:
        result = {
            "split": args.split,
            "events": chosen,
            "articles": len({o.article for o in outcomes}),
            "kinds": table,
            "edits_tried": tried,
            "edits_passed": passed,
            "share_passed": round(passed / tried, 4) if tried else None,
            "failures": [o.__dict__ for o in failures],
        }
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return 0
    print(f"{args.split}: {len({o.article for o in outcomes})} articles of {len(chosen)} events")
    print(f"{'edit':<10} {'tried':>6} {'passed':>6} {'skipped':>7} {'moved':>6}")
    for kind, row in table.items():
        print(f"{kind:<10} {row['tried']:>6} {row['passed']:>6} {row['skipped']:>7} {row['moved']:>6}")
    share = f"{passed / tried:.1%}" if tried else "n/a"
    print(f"{'edits':<10} {tried:>6} {passed:>6}   passed: {share}")
    if args.verbose:
        for outcome in failures:
            print(f"\nFAIL {outcome.kind} {outcome.article}: {outcome.description}")
            for problem in outcome.problems:
                print(f"    problem: {problem}")
            for line in outcome.reported:
                print(f"    reported: {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Changes: an `Alignment` → `tuple[Change]`, what differs inside matched sentences.

Input: the sentence matches of the alignment (pairs of sentences the two
articles share, in whole or in part), the entities, and whether the two
articles are two versions of one story.  Output: one `Change` per
editorially meaningful difference inside a matched pair:

* ``figure``: another number for the same thing ("240 → 260 households");
* ``date``: another day, month or year ("Monday → Tuesday"); a day number
  is never compared with a year;
* ``negation``: "not", "never", "no" on one side only;
* ``opposite``: a verb or word turned the other way ("rose → fell");
* ``place`` and ``name``: another place, or another name, where the other
  side has one (from the entities' kinds);
* ``wording`` (versions only): one content word replaced by another;
* ``headline`` (versions only): the headline reworded.

Across two outlets, names and wording always differ and headlines are
written apart: only figures, dates, places, negations and opposites are
reported there.  Words only one side has are that sentence's `added`, not a
change.  Each difference is found on the word-level diff of the pair
(`difflib.SequenceMatcher` over matching keys), so one replaced figure is
one change, never a fact on each side.  Between two outlets, a figure of
one thing in sentences the alignment did not pair, because each outlet told
it its own way, is weighed as a quantity ("$188 billion" / "$181bn"; see
`told_differently`).
"""

from __future__ import annotations

import itertools
import math
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from difflib import SequenceMatcher
from typing import NamedTuple

from .align import figure_of, word_matcher
from .model import (
    Alignment,
    Change,
    ChangeKind,
    ChangeSide,
    Document,
    Entity,
    Mention,
    Sentence,
    SentenceMatch,
    id_order,
)
from .normalise import (
    SCALE_NUMBERS,
    SMALL_NUMBERS,
    TENS_NUMBERS,
    Token,
    bound_before,
    bound_reach,
    fold,
    is_negation,
    negations,
    tokenize,
    word_key,
)
from .quotes import find_quote_spans

# A change as the passes find it: (kind, A's side, B's side, summary).
FoundChange = tuple[ChangeKind, ChangeSide, ChangeSide, str]

MONTH_NUMBERS = {
    word_key(name)[0]: number
    for number, names in enumerate(
        (
            "january jan",
            "february feb",
            "march mar",
            "april apr",
            "may",
            "june jun",
            "july jul",
            "august aug",
            "september sep sept",
            "october oct",
            "november nov",
            "december dec",
        ),
        start=1,
    )
    for name in names.split()
}
DAY_NAMES = frozenset(word_key(day)[0] for day in "monday tuesday wednesday thursday friday saturday sunday".split())
MONTHS = frozenset(MONTH_NUMBERS)
WEEKDAYS = DAY_NAMES | frozenset(word_key(word)[0] for word in ("yesterday", "today", "tomorrow"))
DATE_WORDS = MONTHS | WEEKDAYS
# Words that turn a statement the other way, in pairs (both directions are looked up by key).
OPPOSITE_PAIRS = (
    ("rose", "fell"),
    ("rise", "fall"),
    ("rising", "falling"),
    ("increased", "decreased"),
    ("increase", "decrease"),
    ("up", "down"),
    ("higher", "lower"),
    ("more", "fewer"),
    ("more", "less"),
    ("gained", "lost"),
    ("won", "lost"),
    ("win", "lose"),
    ("approved", "rejected"),
    ("accepted", "rejected"),
    ("allowed", "banned"),
    ("lifted", "imposed"),
    ("shortened", "lengthened"),
    ("opened", "closed"),
    ("before", "after"),
    ("above", "below"),
    ("guilty", "innocent"),
    ("confirmed", "denied"),
    ("supports", "opposes"),
    ("supported", "opposed"),
    ("larger", "smaller"),
    ("largest", "smallest"),
    ("best", "worst"),
    ("first", "last"),
    ("for", "against"),
)
OPPOSITES = frozenset(frozenset((word_key(one)[0], word_key(other)[0])) for one, other in OPPOSITE_PAIRS)
YEAR_RE = re.compile(r"^(1[89]|20)\d\d$")
# The most words one side of a replaced run may have and still be one change (longer runs are rewrites).
MAX_CHANGED_WORDS = 4
# Sentences whose word sequences are less alike than this are compared by their figures only.
MIN_DIFF_SIMILARITY = 0.5


def find_changes(
    doc_a: Document,
    doc_b: Document,
    alignment: Alignment,
    entities: tuple[Entity, ...],
    *,
    versions: bool = False,
) -> tuple[Change, ...]:
    """Every change inside the matched sentence pairs of `alignment`, in the reading order of `doc_a`.

    `versions` says the two documents are an earlier and a later version of
    one story: names, wording and the headline are then reported too.
    """
    sentences = {s.id: s for doc in (doc_a, doc_b) for s in doc.sentences}
    kinds = _entity_kinds(entities)
    found: list[FoundChange] = []
    if versions:
        found.extend(_headline_change(doc_a, doc_b))
    # The numbers each article gives anywhere, for figures of sentences little alike (outlets only).
    numbers: dict[str, frozenset[str]] = {} if versions else {doc.side: _numbers_of(doc) for doc in (doc_a, doc_b)}
    for match in sorted(_primary_matches(alignment), key=lambda m: (id_order(m.a), id_order(m.b))):
        a, b = sentences[match.a], sentences[match.b]
        if a.text == b.text:
            continue  # one sentence, word for word: nothing in it can differ
        in_pair = [*_figure_changes(a, b), *_changes_in(a, b, kinds, versions)]
        # Two outlets that round a figure or bound it differently agree; a later version that does so edited it.
        # Two sentences little alike, one of whose figures the other article gives elsewhere ("$8 billion in all"
        # further down), count different things.
        loose = match.similarity < MIN_DIFF_SIMILARITY
        found.extend(
            c
            for c in in_pair
            if versions
            or not (_figures_agree(a, b, c) or (loose and c[0] == "figure" and _given_elsewhere(c, numbers)))
        )
    for change in told_differently(doc_a, doc_b, {(m.a, m.b) for m in alignment.matches}):
        # The same figure found by the word diff ("188 → 181bn") is this change, which reads it whole: it takes
        # that one's place in the list.
        same = [at for at, f in enumerate(found) if f[0] == "figure" and _same_spot(f, change)]
        if same:
            found[same[0]] = change
            found = [f for at, f in enumerate(found) if at not in same[1:]]
        else:
            found.append(change)
    dated_pairs = {(a.sentence, b.sentence) for kind, a, b, _ in found if kind == "date"}
    # A weekday's date the word diff already found changed ("03 → 9") is that change, not a second one; so is a
    # date edited in a later version's headline, which the headline change shows.
    if any(kind == "headline" for kind, *_ in found):
        heads = [s.id for doc in (doc_a, doc_b) for p in doc.paragraphs if p.role == "headline" for s in p.sentences]
        dated_pairs.update(itertools.product(heads, heads))
    found.extend(c for c in _misdated_weekdays(doc_a, doc_b) if (c[1].sentence, c[2].sentence) not in dated_pairs)
    unique: list[FoundChange] = []
    seen: set[tuple[str, str, str, str]] = set()
    for change in found:
        # The same figure found by its context and by the word diff is one change.
        key = (change[1].sentence, change[1].text, change[2].sentence, change[2].text)
        if key not in seen:
            seen.add(key)
            unique.append(change)
    return tuple(Change(f"c{n}", kind, a, b, summary) for n, (kind, a, b, summary) in enumerate(unique, start=1))


def _numbers_of(document: Document) -> frozenset[str]:
    """The numbers `document`'s body gives, as keys ("8", "3.6", "1300")."""
    return frozenset(
        t.key
        for s in document.body_sentences
        for t in tokenize(s.text)
        if FIGURE_RE.match(t.key) and t.key[:1].isdigit()
    )


def _given_elsewhere(change: FoundChange, numbers: Mapping[str, frozenset[str]]) -> bool:
    """True when one side's number of a figure `change` is given somewhere in the other article too."""
    key_a, key_b = (_number_key(side.text) for side in change[1:3])
    return (bool(key_a) and key_a in numbers["b"]) or (bool(key_b) and key_b in numbers["a"])


def _number_key(text: str) -> str:
    """The key of the number a change's text gives ("$8" → "8"), or "" when it gives none."""
    keys = [t.key for t in tokenize(text) if t.key[:1].isdigit()]
    return keys[0] if len(keys) == 1 else ""


def changes_between(a: Sentence, b: Sentence, name_kinds: dict[str, str]) -> list[tuple[ChangeKind, str, str, str]]:
    """What two outlets' matched sentences `a` and `b` give differently, as (kind, text in a, text in b, summary).

    The figures, dates, names, places, negations and opposite verbs that
    `find_changes` reports for a pair, for one pair of sentences of a set;
    `name_kinds` is `entity_kinds` of the set's entities.
    """
    if a.text == b.text:
        return []  # one sentence, word for word: nothing in it can differ
    in_pair = [*_figure_changes(a, b), *_changes_in(a, b, name_kinds, False)]
    found = [c for c in in_pair if not _figures_agree(a, b, c)]
    unique: dict[tuple[str, str], tuple[ChangeKind, str, str, str]] = {}
    for kind, side_a, side_b, summary in found:
        unique.setdefault((side_a.text, side_b.text), (kind, side_a.text, side_b.text, summary))
    return list(unique.values())


class EditedPair(NamedTuple):
    """A sentence both articles keep, worded otherwise on one side (see `edited_pairs`)."""

    a: str  # its id in A
    b: str  # its id in B
    changed: bool  # a change falls in it
    words_added: bool  # B has words A lacks that no change reports, outside its quotations
    words_cut: bool  # A has words B lacks that no change reports, outside its quotations


def edited_pairs(
    doc_a: Document, doc_b: Document, alignment: Alignment, changes: tuple[Change, ...]
) -> tuple[EditedPair, ...]:
    """The kept sentences worded otherwise on the other side, in the reading order of `doc_a`.

    A pair counts when a change falls in it or when one side has words the
    other lacks outside its quotations (a clause added or cut: its
    sentence's `added`, not a change); a quotation worded otherwise is the
    quotes list's.  A pair differing only in punctuation or spacing is left
    out.
    """
    texts = {s.id: s.text for doc in (doc_a, doc_b) for s in doc.sentences}
    changed = {(c.a.sentence, c.b.sentence) for c in changes}
    # A word a change replaced is that change, wherever the sentence's other half went (a sentence split in two).
    replaced = {(side.sentence, side.text) for c in changes for side in (c.a, c.b) if side.text}

    def has_words_added(sentence_id: str, other_id: str) -> bool:
        quoted = find_quote_spans(texts[sentence_id])
        # A sum written another way on the other side ("$48 million" / "$48m") is the same sum, not an edit.
        other_sums = {_sum_written(s.text) for s in alignment.sentences[other_id].added} - {None}
        spans = [
            s
            for s in alignment.sentences[sentence_id].added
            if (sentence_id, s.text) not in replaced and _sum_written(s.text) not in other_sums
        ]
        return any(not any(start <= span.start < end for start, end in quoted) for span in spans)

    found: list[EditedPair] = []
    for match in sorted(_primary_matches(alignment), key=lambda m: (id_order(m.a), id_order(m.b))):
        if (match.a, match.b) in changed:
            found.append(EditedPair(match.a, match.b, True, False, False))
        elif (added := has_words_added(match.b, match.a)) | (cut := has_words_added(match.a, match.b)):
            found.append(EditedPair(match.a, match.b, False, added, cut))
    return tuple(found)


def _sum_written(text: str) -> tuple[str, float] | None:
    """A span that is one figure and nothing else ("$48 million", "$48m", "48,000") as (currency, value in
    units); None for any other span."""
    written = SUM_WRITTEN_RE.fullmatch(text.strip())
    if written is None:
        return None
    figure = figure_of(written["number"])
    if figure is None:
        return None
    scale = SCALES.get((written["scale"] or "").lower(), 1.0)
    return CURRENCY_SIGNS.get(written["currency"] or "", ""), round(figure[0] * scale, 6)


def entity_kinds(mentions: Iterable[tuple[str, Iterable[Mention]]]) -> dict[str, str]:
    """The kind of every name as written, from (kind, mentions) of each entity."""
    kinds: dict[str, str] = {}
    for kind, found in mentions:
        for mention in found:
            for word in mention.text.split():
                kinds.setdefault(word_key(word)[0], kind)
    return kinds


def _primary_matches(alignment: Alignment) -> list[SentenceMatch]:
    """For each shared or partial sentence, the word match with its closest counterpart.

    A sentence often has its twin and weaker matches that share a name or a
    few words: the change is in the twin, the most alike (then the first in
    reading order).  Each pair is listed once.
    """
    results = alignment.sentences
    by_sentence: dict[str, list[SentenceMatch]] = {}
    for match in alignment.matches:
        by_sentence.setdefault(match.a, []).append(match)
        by_sentence.setdefault(match.b, []).append(match)
    chosen: dict[tuple[str, str], SentenceMatch] = {}
    for sentence_id, matches in by_sentence.items():
        if results[sentence_id].status not in ("shared", "partial"):
            continue
        best = max(matches, key=lambda m: (m.similarity, [-n for n in id_order(m.b if m.a == sentence_id else m.a)]))
        chosen[best.a, best.b] = best
    return list(chosen.values())


def _entity_kinds(entities: tuple[Entity, ...]) -> dict[str, str]:
    """The kind of every name as written (a mention's text) in either article."""
    return entity_kinds((entity.kind, (*entity.mentions_a, *entity.mentions_b)) for entity in entities)


def _headline_change(doc_a: Document, doc_b: Document) -> list[FoundChange]:
    """The headline reworded between two versions, if it was."""
    heads = [next((p for p in doc.paragraphs if p.role == "headline"), None) for doc in (doc_a, doc_b)]
    head_a, head_b = heads
    if head_a is None or head_b is None or not head_a.sentences or not head_b.sentences:
        return []
    if [t.key for t in tokenize(head_a.text)] == [t.key for t in tokenize(head_b.text)]:
        return []
    side_a = ChangeSide(head_a.sentences[0].id, head_a.text)
    side_b = ChangeSide(head_b.sentences[0].id, head_b.text)
    return [("headline", side_a, side_b, f"headline: {head_a.text} → {head_b.text}")]


# A number, alone or with a short unit glued to it: "300", "1.5", "14m", "85bn", "10km".
FIGURE_RE = re.compile(r"^\d[\d.]*[a-z]{0,3}$")


def _figure_changes(a: Sentence, b: Sentence) -> list[FoundChange]:
    """Figures the two sentences give for the same thing, found by the word they count, wherever it stands.

    A figure is a number with the content word after or before it ("300
    residents", "aged 34"); two sentences disagree when the same word comes
    with another number on each side ("about 300 residents" / "About 1,300
    residents", even in a reordered sentence).  A number the other sentence
    also has, elsewhere, is a reordering ("8th December" / "December 8"); a
    unit glued on one side only is the same figure ("92mph" / "92 miles").
    """
    own, theirs = _figures(a.text), _figures(b.text)
    # Every number of a sentence counts here, with a content word beside it or not ("13.43 per cent").
    own_numbers = {t.key for t in tokenize(a.text) if FIGURE_RE.match(t.key)}
    their_numbers = {t.key for t in tokenize(b.text) if FIGURE_RE.match(t.key)}
    found: list[FoundChange] = []
    # A number beside a month or a weekday is a day, whichever word tells the two sentences' numbers apart
    # ("Feb 22 Bayern Munich v Arsenal" / "Feb 47 Bayern Munich …" is a date): day → the month or weekday.
    days_a, days_b = _days(own), _days(theirs)
    after_a, after_b = _words_after_numbers(a.text), _words_after_numbers(b.text)
    for context, mine in own.items():
        other = theirs.get(context)
        if not other:
            continue
        numbers, others = {t.key for t, _ in mine}, {t.key for t, _ in other}
        if numbers & their_numbers or others & own_numbers or _unit_written_out(numbers, others):
            continue
        if any(YEAR_RE.match(k) for k in numbers) != any(YEAR_RE.match(k) for k in others):
            continue  # a day number against a year: two ways of dating
        (number_a, word_a), (number_b, _) = mine[0], other[0]
        where, key = context
        day = days_a.get(number_a.start) or days_b.get(number_b.start)
        if day and key not in DATE_WORDS:
            where, word_a = "before", day
        dated = bool(day) or key in DATE_WORDS or bool(YEAR_RE.match(number_a.key))
        if where == "after":
            scale, unit = _shared_unit(a.text, b.text, after_a.get(number_a.start, ()), after_b.get(number_b.start, ()))
            if dated or not (scale or unit):
                scale, unit = "", f" {word_a}"
            figure_a = _as_written(a.text, number_a.start, number_a.end)
            figure_b = _as_written(b.text, number_b.start, number_b.end)
            summary = f"{figure_a}{scale} → {figure_b}{scale}{unit}"
        else:
            summary = f"{word_a} {number_a.text} → {number_b.text}"
        found.append(
            ("date" if dated else "figure", ChangeSide(a.id, number_a.text), ChangeSide(b.id, number_b.text), summary)
        )
    return found


# The largest day of a month: a bigger number beside a weekday counts something ("Monday 300 workers").
MAX_DAY = 31
# Around a figure, this many words each side say what it counts ("$7.5 billion from road projects").
FIGURE_WINDOW = 10
# Two figures count the same thing when the words around them share at least this many content words...
FIGURE_SHARED_WORDS = 2
# ...and they are within this factor of each other (another count of the thing, not another thing).
FIGURE_CLOSENESS = 2.0
# The most figures of B one figure of A is weighed against (a work budget; real pairs have a handful).
MAX_FIGURE_CANDIDATES = 32
# Two sentences give a figure alike when one of the first this many of each agrees with one of the other's.
MAX_AGREEING_FIGURES = 8


class DocumentFigures(NamedTuple):
    """What `told_differently` reads of one document, read once (a set weighs each document against every other)."""

    quantities: list[Quantity]  # `_quantities_in`
    given: Callable[[tuple[float, int]], bool]  # `_given_in` of its figures written without a scale
    by_unit: dict[str, list[tuple[float, int, Quantity]]]  # `_by_unit`
    paragraph_of: dict[str, tuple[Sentence, ...]]  # sentence id → the sentences of its paragraph
    scenes: dict[str, frozenset[str]]  # `_paragraph_words`


def document_figures(document: Document) -> DocumentFigures:
    """The quantities of `document` and what `told_differently` weighs them by."""
    quantities = _quantities_in(document)
    return DocumentFigures(
        quantities,
        _given_in(q.figure for q in quantities if not q.scaled),
        _by_unit(quantities),
        {s.id: p.sentences for p in document.paragraphs for s in p.sentences},
        _paragraph_words(document),
    )


def told_differently(
    doc_a: Document,
    doc_b: Document,
    matched: Collection[tuple[str, str]] = (),
    figures: tuple[DocumentFigures, DocumentFigures] | None = None,
) -> list[FoundChange]:
    """Figures for the same thing in sentences the alignment did not pair, because each outlet told it its own way.

    A quantity of one article that the other article gives nowhere (allowing
    for rounding, the scale it is written in and a bound such as "over")
    disagrees with a quantity of the other article when both count the same
    unit (money, or the same counted word), are within `FIGURE_CLOSENESS` of
    each other, neither is given in the other article, and the words around
    them say what they count alike: `FIGURE_SHARED_WORDS` content words in
    common nearby ("Defense", "construction"), or one of the words right
    beside each ("exports of $188 billion" / "exporting $181bn").  With
    fewer words in common, two counts in millions are one statistic when
    each article gives no other near it, and two figures are when their
    sentences give another figure differently or alike; a smaller count of
    one thing is one count told apart when each article gives no other
    near it and one figure's sentence is `matched` (pairs of sentence ids,
    A's first) with a sentence of the other's paragraph.  In one pair of
    sentences each figure is paired once, with the one most alike.
    `figures` are the two documents' `document_figures`, when already read.
    """
    read = dict(zip("ab", figures or (document_figures(doc_a), document_figures(doc_b)), strict=True))
    quantities = {side: found.quantities for side, found in read.items()}
    bare = {side: found.given for side, found in read.items()}
    by_unit = {side: found.by_unit for side, found in read.items()}

    def given(quantity: Quantity, side: str) -> bool:
        """True when the article on `side` gives `quantity`, as written or rounded, in its unit."""
        if not quantity.scaled and bare[side](quantity.figure):
            return True
        return any(quantity.agrees(other) for other in _nearest(by_unit[side], quantity, MAX_FIGURE_CANDIDATES))

    best: dict[tuple[float, float], tuple[tuple[int, int], FoundChange]] = {}

    def record(quantity_a: Quantity, quantity_b: Quantity, shared: int) -> bool:
        """Keep the disagreement of two quantities, unless the same two figures are shown where more is alike;
        True when kept."""
        # The same two figures again in other sentences are one disagreement, shown where the words around
        # them have most in common; between as alike, in a sentence of running prose rather than a box of
        # figures ("Exports: $181bn"), where an editor reads it.
        prose = _is_prose(quantity_a.sentence) + _is_prose(quantity_b.sentence)
        alike = (shared + len(quantity_a.beside & quantity_b.beside), prose)
        key = (quantity_a.value, quantity_b.value)
        if key in best and best[key][0] >= alike:
            return False
        summary = f"{quantity_a.text} → {quantity_b.text}"
        if not quantity_a.money:
            summary += " " + " ".join(text for unit, text in quantity_a.counted if unit in quantity_b.units)
        side_a = ChangeSide(quantity_a.sentence.id, quantity_a.text)
        best[key] = (alike, ("figure", side_a, ChangeSide(quantity_b.sentence.id, quantity_b.text), summary))
        return True

    paragraph_of = {**read["a"].paragraph_of, **read["b"].paragraph_of}
    scenes = {side: found.scenes for side, found in read.items()}

    def told_together(quantity_a: Quantity, quantity_b: Quantity) -> bool:
        """True when the alignment ties the two quantities' paragraphs (`_told_together`)."""
        return _told_together(quantity_a.sentence, quantity_b.sentence, paragraph_of, matched)

    def one_scene(quantity_a: Quantity, quantity_b: Quantity) -> bool:
        """True when two quantities' paragraphs tell one scene: tied by the alignment, or, for counts in digits,
        sharing `SCENE_SHARED_WORDS` content words besides the counted one."""
        if told_together(quantity_a, quantity_b):
            return True
        if quantity_a.spelled or quantity_b.spelled:
            return False
        common = scenes["a"][quantity_a.sentence.id] & scenes["b"][quantity_b.sentence.id]
        return len(common - quantity_a.units) >= SCENE_SHARED_WORDS

    weak: list[tuple[Quantity, Quantity, int]] = []  # the same unit, too few words in common
    for quantity_a in quantities["a"]:
        if given(quantity_a, "b"):
            continue
        candidates = _nearest(by_unit["b"], quantity_a, MAX_FIGURE_CANDIDATES)
        for quantity_b in sorted(candidates, key=lambda q: q.order):  # in B's order
            if not (
                quantity_a.value / FIGURE_CLOSENESS <= quantity_b.value <= quantity_a.value * FIGURE_CLOSENESS
            ) or given(quantity_b, "a"):
                continue
            # Money is said to be one sum by a word right beside it ("exports of $188 billion" / "exporting
            # $181bn"); a count needs more words in common, its counted word apart ("35 years ago" / "30 years
            # ago" are two spans of time).  Counted words both share beyond the one that makes them one unit
            # say it too ("infrastructure projects").
            beside = quantity_a.money and quantity_a.beside & quantity_b.beside
            shared = len((quantity_a.around | quantity_a.units) & (quantity_b.around | quantity_b.units)) - 1
            # A count written in words is a small one ("two states", "four states"), the same word often counting
            # other things in one story: it needs the scene too (`_told_together`).
            spelled_apart = (quantity_a.spelled or quantity_b.spelled) and not told_together(quantity_a, quantity_b)
            if (shared < FIGURE_SHARED_WORDS and not beside) or spelled_apart:
                weak.append((quantity_a, quantity_b, shared))
                continue
            record(quantity_a, quantity_b, shared)
    # A count written in millions or more is a statistic of the story ("360 million people"): when each
    # article gives only one such figure of a unit near the other's, the two are the same statistic told apart.
    # So is a smaller count of one thing ("14 workers" / "Fifteen workers") told in paragraphs about the same
    # scene, though its own sentence says little else ("Fifteen workers were hurt, two of them seriously").
    for quantity_a, quantity_b, shared in weak:
        if quantity_a.money:
            continue
        alone = len(_nearest(by_unit["b"], quantity_a, 2)) == 1 and len(_nearest(by_unit["a"], quantity_b, 2)) == 1
        if not alone:
            continue
        one_statistic = quantity_a.scaled and quantity_b.scaled
        if one_statistic or (_one_count_of_a_scene(quantity_a, quantity_b) and one_scene(quantity_a, quantity_b)):
            record(quantity_a, quantity_b, shared)
    # Two sentences that give a figure of one thing differently ("a market of 361 million people with a GDP of
    # $973bn" / "350 million consumers, with a combined gross domestic product of 1.2 trillion dollars") or alike
    # ("worth a total of $4.3 billion" / "a combined cost of over 4.2 billion dollars") are about the same
    # thing: their other figures of one unit are its statistics too, each paired once.
    disagreeing = {(change[1].sentence, change[2].sentence) for _, change in best.values()}
    by_sentence: dict[str, list[Quantity]] = defaultdict(list)
    for quantity in (*quantities["a"], *quantities["b"]):
        by_sentence[quantity.sentence.id].append(quantity)

    agree_in: dict[tuple[str, str], bool] = {}

    def agreeing(quantity_a: Quantity, quantity_b: Quantity) -> bool:
        """True when the sentences of two quantities give some figure alike (of their first
        `MAX_AGREEING_FIGURES`: a sentence of more is a table, and the work per pair stays bounded).  Neither
        quantity agrees with a figure of the other sentence: the other article would give it."""
        pair = (quantity_a.sentence.id, quantity_b.sentence.id)
        if pair not in agree_in:
            agree_in[pair] = any(
                one.agrees(other)
                for one in by_sentence[pair[0]][:MAX_AGREEING_FIGURES]
                for other in by_sentence[pair[1]][:MAX_AGREEING_FIGURES]
            )
        return agree_in[pair]

    used = {side for _, change in best.values() for side in change[1:3]}
    for quantity_a, quantity_b, shared in weak:
        side_a = ChangeSide(quantity_a.sentence.id, quantity_a.text)
        side_b = ChangeSide(quantity_b.sentence.id, quantity_b.text)
        if side_a in used or side_b in used:
            continue
        together = (side_a.sentence, side_b.sentence) in disagreeing or agreeing(quantity_a, quantity_b)
        if together and record(quantity_a, quantity_b, shared):
            used |= {side_a, side_b}
    # In one pair of sentences each figure is one statistic: "$7.5 billion from road projects, along with
    # another $1.2 billion" against "road budget, $7.4 billion" pairs $7.4 billion with the sum whose words are
    # most alike, not with both.
    dropped: set[int] = set()
    taken: set[tuple[str, str, ChangeSide]] = set()  # (sentence of A, sentence of B, a figure of either)

    def rank(item: tuple[int, tuple[tuple[float, float], tuple[tuple[int, int], FoundChange]]]) -> tuple[object, ...]:
        """Most alike first, then closest in value, then by their words: the same whichever article is A."""
        _, ((value_a, value_b), (alike, change)) = item
        return (-alike[0], -alike[1], abs(math.log(value_a / value_b)), sorted((change[1].text, change[2].text)))

    for index, (_, (_, change)) in sorted(enumerate(best.items()), key=rank):
        pair = (change[1].sentence, change[2].sentence)
        if (*pair, change[1]) in taken or (*pair, change[2]) in taken:
            dropped.add(index)
        else:
            taken |= {(*pair, change[1]), (*pair, change[2])}
    return [change for index, (_, change) in enumerate(best.values()) if index not in dropped]


# Units a small count of which is rarely one statistic of the story: spans of time, measures and shares.
UNCOUNTED_UNITS = frozenset(
    word_key(word)[0]
    for word in (
        "second seconds minute minutes hour hours day days week weeks month months year years decade decades "
        "century centuries time times percent per cent point points mile miles metre metres meter meters "
        "kilometre kilometres kilometer kilometers foot feet inch inches yard yards pound pounds kilo kilos "
        "kilogram kilograms ton tons tonne tonnes degree degrees"
    ).split()
)
# A small count of one thing is the same count told apart only when the two values are this close.
SCENE_CLOSENESS = 1.5


# Two paragraphs tell one scene when they share this many content words besides the counted one.
SCENE_SHARED_WORDS = 4


def _paragraph_words(document: Document) -> dict[str, frozenset[str]]:
    """Each body sentence's id → the content words of its paragraph, numbers left out."""
    words: dict[str, frozenset[str]] = {}
    for paragraph in document.paragraphs:
        if paragraph.compared:
            keys = frozenset(t.key for t in tokenize(paragraph.text) if t.content and not t.key[:1].isdigit())
            words.update((s.id, keys) for s in paragraph.sentences)
    return words


def _one_count_of_a_scene(quantity_a: Quantity, quantity_b: Quantity) -> bool:
    """True when two small counts of one unit can be one count told apart: a thing, not a span of time, a measure
    or a share; neither bounded ("nearly 40"); close in value."""
    units = quantity_a.units & quantity_b.units
    if not units or units <= UNCOUNTED_UNITS or quantity_a.bound or quantity_b.bound:
        return False
    low, high = sorted((quantity_a.value, quantity_b.value))
    return high <= low * SCENE_CLOSENESS


def _told_together(
    a: Sentence, b: Sentence, paragraph_of: Mapping[str, Sequence[Sentence]], matched: Collection[tuple[str, str]]
) -> bool:
    """True when the alignment pairs `a` with a sentence of `b`'s paragraph, or `b` with one of `a`'s: the two
    outlets tell the same moment of the story there ("Fourteen workers were injured when …" / "A scaffold gave
    way … . Fifteen workers were hurt.")."""
    return any((a.id, other.id) in matched for other in paragraph_of[b.id]) or any(
        (other.id, b.id) in matched for other in paragraph_of[a.id]
    )


def _is_prose(sentence: Sentence) -> bool:
    """True when `sentence` ends as running prose does, with a full stop, a question or an exclamation mark
    (inside a closing quote or bracket or not), not as a list or a box of figures."""
    return bool(PROSE_END_RE.search(sentence.text))


PROSE_END_RE = re.compile(r"[.!?][\"'”’)\]]*\s*$")


def _figures_agree(a: Sentence, b: Sentence, change: FoundChange) -> bool:
    """True when `change` is a figure of `a` against one of `b` that can be one quantity as two outlets give it
    (`Quantity.agrees`: rounding, a bound, another scale): no disagreement between outlets."""
    if change[0] != "figure" or not change[1].text or not change[2].text:
        return False
    quantity_a = next((q for q in _sentence_quantities(a) if change[1].text in q.text), None)
    quantity_b = next((q for q in _sentence_quantities(b) if change[2].text in q.text), None)
    return quantity_a is not None and quantity_b is not None and quantity_a.agrees(quantity_b)


def _same_spot(one: FoundChange, other: FoundChange) -> bool:
    """True when two changes are in the same two sentences and the text of one holds the other's on each side."""
    return all(
        mine.sentence == theirs.sentence and (mine.text in theirs.text or theirs.text in mine.text)
        for mine, theirs in ((one[1], other[1]), (one[2], other[2]))
    )


class Quantity(NamedTuple):
    """A figure of a body sentence with what it counts: "$181bn", "1.2 trillion dollars", "31 projects"."""

    sentence: Sentence
    text: str  # as written, scale and currency included
    value: float  # in units: "$181bn" is 181e9
    significant: int  # digits written that count: "970" has 2, "188" 3, "1.2" 2
    bound: int  # -1: at most ("nearly 40"), 0: as given ("about 40" too: outlets that differ say so), 1: at least
    counted: tuple[tuple[str, str], ...]  # (unit key, as written) of each counted word, or MONEY and the currency
    units: frozenset[str]  # their keys: "32 physical infrastructure projects" counts what "31 projects" counts
    figure: tuple[float, int]  # the number as written, `figure_of`
    scaled: bool  # written with a scale ("million", "bn")
    around: frozenset[str]  # content words within FIGURE_WINDOW
    beside: frozenset[str]  # the content words right beside it (BESIDE_WORDS each way)
    order: int
    spelled: bool = False  # written in words ("Fifteen workers")

    @property
    def money(self) -> bool:
        """True for a sum of money ("$181bn"), which a word right beside it names; a count needs more."""
        return any(key.startswith(MONEY) for key in self.units)

    def agrees(self, other: Quantity) -> bool:
        """True when `other` can be the same quantity: equal once rounded to the fewer digits written, or
        within the bound either one states."""
        if not self.units & other.units:
            return False
        for one, two in ((self, other), (other, self)):
            # "Over 4.2 billion" is 4.2 to 4.3 billion, as the paraphrase guard reads it (`align.stated_figures`).
            if one.bound:
                last_digit = 10 ** (math.floor(math.log10(one.value)) - one.significant + 1)
                low, high = bound_reach(one.value, last_digit, one.bound)
                if low <= two.value <= high:
                    return True
        # Rounded to the fewer digits written, but never below ROUNDING_DIGITS: "200 billion" is not "181bn".
        digits = max(ROUNDING_DIGITS, min(self.significant, other.significant))
        return _rounded(self.value, digits) == _rounded(other.value, digits)


MONEY = "money:"
# Two figures agree when they are equal rounded to this many significant digits, or to more if both give more.
ROUNDING_DIGITS = 2
SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9}
SCALES |= {"trillion": 1e12, "tn": 1e12, "trn": 1e12}
CURRENCY_SIGNS = {"$": "$", "£": "£", "€": "€", "¥": "¥"}
CURRENCY_WORDS = {"dollars": "$", "dollar": "$", "pounds": "£", "euros": "€", "euro": "€", "yen": "¥"}
GLUED_SCALE_RE = re.compile(r"^(\d[\d,]*(?:\.\d+)?)(k|m|mn|bn|b|tn|trn)$", re.IGNORECASE)
# A span that is one sum and nothing else ("$48 million", "$48m"): `_sum_written`.
SUM_WRITTEN_RE = re.compile(
    rf"(?P<currency>[{''.join(CURRENCY_SIGNS)}])?\s?(?P<number>\d[\d,]*(?:\.\d+)?)\s?"
    rf"(?P<scale>{'|'.join(sorted(SCALES, key=len, reverse=True))})?",
    re.IGNORECASE,
)
# The content words this close to a figure, each way, say what it counts.
BESIDE_WORDS = 3


def _quantities_in(document: Document) -> list[Quantity]:
    """Every figure of `document`'s body that counts something, numbered in reading order (`_sentence_quantities`)."""
    found = [quantity for sentence in document.body_sentences for quantity in _sentence_quantities(sentence)]
    return [quantity._replace(order=order) for order, quantity in enumerate(found)]


def _sentence_quantities(sentence: Sentence) -> tuple[Quantity, ...]:
    """Every figure of `sentence` that counts something: money, or a number followed by a content word (a year,
    a day of a month and a bare number are not quantities)."""
    found: list[Quantity] = []
    tokens = tokenize(sentence.text)
    # The words that can say what a figure counts, once per sentence: each figure reads those near it.
    counted = [
        (at, t) for at, t in enumerate(tokens) if t.content and not t.key[:1].isdigit() and t.key not in QUANTITY_WORDS
    ]
    places = [at for at, _ in counted]
    for position, token in enumerate(tokens):
        glued = GLUED_SCALE_RE.match(token.text)
        figure = figure_of(glued[1] if glued else _cardinal_digits(token))
        if figure is None or figure[0] <= 0 or YEAR_RE.match(token.key):
            continue
        if position and tokens[position - 1].key in MONTHS:
            continue  # "March 15": a date
        scale, end = (SCALES[glued[2].lower()], position) if glued else (1.0, position)
        if not glued and end + 1 < len(tokens) and tokens[end + 1].text.lower() in SCALES:
            scale, end = SCALES[tokens[end + 1].text.lower()], end + 1
        sign = sentence.text[token.start - 1 : token.start] if token.start else ""
        currency = CURRENCY_SIGNS.get(sign)
        if end + 1 < len(tokens) and tokens[end + 1].text.lower() in CURRENCY_WORDS:
            currency, end = CURRENCY_WORDS[tokens[end + 1].text.lower()], end + 1
        counted_words: tuple[tuple[str, str], ...]
        if currency:
            counted_words = ((MONEY + currency, currency),)
        elif end + 1 < len(tokens) and tokens[end + 1].content and not tokens[end + 1].key[:1].isdigit():
            counted_words = _counted_words(sentence.text, tokens, end + 1)
        else:
            continue
        if token.key in MONTHS or (end + 1 < len(tokens) and tokens[end + 1].key in MONTHS):
            continue  # "15 March"
        start = token.start - len(sign) if sign in CURRENCY_SIGNS else token.start
        before = tuple(t.text.lower() for t in tokens[max(0, position - 2) : position])
        bound = bound_before(before)
        unit_at = end + 1 if not currency else -1  # the counted word says what, not which
        low = bisect_left(places, position - FIGURE_WINDOW)
        middle = bisect_left(places, position)
        after = bisect_right(places, end)
        high = bisect_right(places, end + 1 + FIGURE_WINDOW)
        near = [t.key for at, t in counted[low:high] if at != unit_at]
        beside_before = [t.key for _, t in counted[max(0, middle - BESIDE_WORDS) : middle]]
        beside_after = [t.key for at, t in counted[after : after + BESIDE_WORDS + 1] if at != unit_at][:BESIDE_WORDS]
        digits = (glued[1] if glued else token.text).replace(",", "")
        significant = len(digits.replace(".", "").lstrip("0")) if "." in digits else len(digits.rstrip("0") or "0")
        found.append(
            Quantity(
                sentence,
                sentence.text[start : tokens[end].end],
                figure[0] * scale,
                max(1, significant),
                bound,
                counted_words,
                frozenset(key for key, _ in counted_words),
                figure,
                scale != 1.0,
                frozenset(near),
                frozenset(beside_before + beside_after),
                len(found),
                not token.text[:1].isdigit(),
            )
        )
    return tuple(found)


def _cardinal_digits(token: Token) -> str:
    """A count written in words as its digits ("Fifteen" → "15", "twenty-two" → "22"); any other token as written
    (an ordinal or a fraction is no count: "the first workers", "a quarter")."""
    words = CARDINAL_SPLIT_RE.split(token.text.lower())
    if token.key.isdigit() and all(w in CARDINAL_WORDS for w in words) and any(w != "and" for w in words):
        return token.key
    return token.text


CARDINAL_SPLIT_RE = re.compile(r"[\s-]+")
CARDINAL_WORDS = frozenset({*SMALL_NUMBERS, *TENS_NUMBERS, *SCALE_NUMBERS, "dozen", "and"})


# Scale and currency words say how a figure is written, not what it counts.
QUANTITY_WORDS = frozenset(word_key(word)[0] for word in (*SCALES, *CURRENCY_WORDS))


def _counted_words(text: str, tokens: Sequence[Token], at: int) -> tuple[tuple[str, str], ...]:
    """The words a figure counts, from `tokens[at]`: up to `COUNTED_WORDS` content words in a row, with nothing
    but a space or a hyphen between them ("32 physical infrastructure projects"), each as (unit key, as written);
    words for people are one unit ("361 million inhabitants" / "350 million consumers")."""
    found: list[tuple[str, str]] = []
    for position in range(at, min(at + COUNTED_WORDS, len(tokens))):
        token = tokens[position]
        if position > at and text[tokens[position - 1].end : token.start].strip(" -"):
            break
        if not token.content or token.key[:1].isdigit() or token.key in MONTHS or token.key in QUANTITY_WORDS:
            break
        if found and token.text.lower().endswith(VERB_ENDINGS):
            break  # "300 workers walked out": what is counted ends before the verb ("500 injured people" runs on)
        found.append((PEOPLE_UNIT if token.key in PEOPLE_KEYS else token.key, token.text.lower()))
    return tuple(found)


# A figure counts at most this many words ("32 physical infrastructure projects").
COUNTED_WORDS = 3
# Endings of a verb's forms that close what a figure counts when they follow its first word.
VERB_ENDINGS = ("ed", "ing")
# Words that count people: a population is one quantity whichever word an outlet counts it in.
PEOPLE_UNIT = "unit:people"
PEOPLE_KEYS = frozenset(
    word_key(word)[0] for word in ("people", "persons", "inhabitants", "residents", "citizens", "consumers")
)


def _by_unit(quantities: list[Quantity]) -> dict[str, list[tuple[float, int, Quantity]]]:
    """`quantities` under each unit they count in, each list sorted by value, for `_nearest`."""
    grouped: dict[str, list[tuple[float, int, Quantity]]] = {}
    for quantity in quantities:
        for unit in quantity.units:
            grouped.setdefault(unit, []).append((quantity.value, quantity.order, quantity))
    for values in grouped.values():
        values.sort(key=lambda item: item[:2])
    return grouped


def _nearest(grouped: dict[str, list[tuple[float, int, Quantity]]], quantity: Quantity, limit: int) -> list[Quantity]:
    """The quantities of `grouped` within `FIGURE_CLOSENESS` of `quantity` in any unit it counts in: in each unit
    at most `limit`, those nearest in value (a hostile page may hold thousands of close figures)."""
    found: dict[int, Quantity] = {}
    for unit in sorted(quantity.units):
        candidates = grouped.get(unit, [])
        low = bisect_left(candidates, quantity.value / FIGURE_CLOSENESS, key=lambda item: item[0])
        high = bisect_right(candidates, quantity.value * FIGURE_CLOSENESS, key=lambda item: item[0])
        if high - low > limit:
            middle = bisect_left(candidates, quantity.value, low, high, key=lambda item: item[0])
            low = min(max(low, middle - limit // 2), high - limit)
            high = low + limit
        found.update((item[1], item[2]) for item in candidates[low:high])
    return list(found.values())


def _rounded(value: float, digits: int) -> float:
    """`value` rounded to `digits` significant digits."""
    if value == 0:
        return 0.0
    return round(value, digits - 1 - math.floor(math.log10(abs(value))))


# Words that may stand inside a written date ("Sunday, the 21st of November").
DATE_FILLERS = frozenset({"the", "of"})


def _misdated_weekdays(doc_a: Document, doc_b: Document) -> list[FoundChange]:
    """Dates both outlets give to the same weekday of one month that a calendar cannot give it both.

    "Sunday, November 21" and "Sunday November 22" cannot both be right: the
    days of one weekday in a month are 7 apart.  Dates the other article also
    gives, or that differ by whole weeks (two Sundays), or that name different
    years, are not a disagreement.  Found anywhere in the two articles but
    their boilerplate (`_dated_sentences`), since the sentences around such
    dates are often told quite differently, and a photo's caption dates what
    it shows as surely as the body does.
    """
    given = {side: _month_days(doc) for side, doc in (("a", doc_a), ("b", doc_b))}
    # B's dates by weekday and month; each of A's is read against at most MAX_FIGURE_CANDIDATES of them (a
    # hostile page may name thousands of Sundays).
    by_weekday: dict[tuple[str, int], list[tuple[Sentence, str, tuple[str, int, int, int | None]]]] = {}
    for dated_b in _weekday_dates(doc_b):
        if dated_b[2][1:3] not in given["a"]:
            by_weekday.setdefault(dated_b[2][:2], []).append(dated_b)
    found: list[FoundChange] = []
    for sentence_a, text_a, (day_name_a, month_a, day_a, year_a) in _weekday_dates(doc_a):
        if (month_a, day_a) in given["b"]:
            continue
        for sentence_b, text_b, (_, _, day_b, year_b) in by_weekday.get((day_name_a, month_a), [])[
            :MAX_FIGURE_CANDIDATES
        ]:
            if (day_a - day_b) % 7 != 0 and (year_a is None or year_b is None or year_a == year_b):
                summary = f"{text_a} → {text_b}"
                found.append(("date", ChangeSide(sentence_a.id, text_a), ChangeSide(sentence_b.id, text_b), summary))
    return found


def _dated_sentences(document: Document) -> list[Sentence]:
    """The sentences of `document` whose dates are the outlet's own: every paragraph but the page's boilerplate
    (body, headline, captions, credits and datelines)."""
    return [s for p in document.paragraphs if p.role != "boilerplate" for s in p.sentences]


def _weekday_dates(document: Document) -> list[tuple[Sentence, str, tuple[str, int, int, int | None]]]:
    """Every "Sunday, November 21" (or "Sunday 21 November 2004") of `_dated_sentences`: its sentence, its text as
    written, and (weekday key, month, day, year or None)."""
    found = []
    for sentence in _dated_sentences(document):
        tokens = tokenize(sentence.text)
        for position, token in enumerate(tokens):
            if token.key not in DAY_NAMES:
                continue
            rest = [t for t in tokens[position + 1 : position + 6] if t.key not in DATE_FILLERS]
            date = _month_day(rest[:2])
            if date is None:
                continue
            year = int(rest[2].key) if len(rest) > 2 and YEAR_RE.match(rest[2].key) else None
            last = rest[2] if year is not None else rest[1]
            found.append((sentence, sentence.text[token.start : last.end], (token.key, *date, year)))
    return found


def _month_days(document: Document) -> set[tuple[int, int]]:
    """Every (month, day) `_dated_sentences` of `document` give as "November 21" or "21 November"."""
    days = set()
    for sentence in _dated_sentences(document):
        tokens = [t for t in tokenize(sentence.text) if t.key not in DATE_FILLERS]
        for position in range(len(tokens) - 1):
            date = _month_day(tokens[position : position + 2])
            if date is not None:
                days.add(date)
    return days


def _month_day(pair: list[Token]) -> tuple[int, int] | None:
    """(month, day) when two words are a month and a day number in either order, else None."""
    if len(pair) < 2:
        return None
    for month, day in ((pair[0], pair[1]), (pair[1], pair[0])):
        if month.key in MONTH_NUMBERS and month.text[:1].isupper() and day.key.isdigit() and 1 <= int(day.key) <= 31:
            return MONTH_NUMBERS[month.key], int(day.key)
    return None


def _given_in(figures: Iterable[tuple[float, int]]) -> Callable[[tuple[float, int]], bool]:
    """A test of whether a figure is one of `figures`, allowing for rounding as `same_figure` does, in time
    independent of how many there are."""
    values: set[float] = set()
    decimals_seen: set[int] = set()
    rounded: set[tuple[int, int, float]] = set()  # (its decimals, fewer decimals, the value rounded to them)
    for value, decimals in figures:
        values.add(value)
        decimals_seen.add(decimals)
        for fewer in range(decimals + 1):
            rounded.add((decimals, fewer, round(value, fewer)))

    def given(figure: tuple[float, int]) -> bool:
        value, decimals = figure
        if value in values:
            return True
        for other in decimals_seen - {decimals}:
            fewer = min(other, decimals)
            if (other, fewer, round(value, fewer)) in rounded:
                return True
        return False

    return given


def _unit_written_out(numbers: set[str], others: set[str]) -> bool:
    """True when one figure is written with its unit glued on one side only.

    "92mph" and "92" (then "miles per hour") are one figure; "£14m" and "£14bn", or "14m" and "19", are not.

    >>> _unit_written_out({"92mph"}, {"92"}), _unit_written_out({"14m"}, {"14bn"}), _unit_written_out({"14m"}, {"19"})
    (True, False, False)
    """

    def bare(figures: set[str]) -> set[str]:
        return {figure.rstrip("abcdefghijklmnopqrstuvwxyz") for figure in figures if not figure[-1].isdigit()}

    return bool(bare(numbers) & others or bare(others) & numbers)


def _days(figures: dict[tuple[str, str], list[tuple[Token, str]]]) -> dict[int, str]:
    """Of a sentence's `_figures`, each number that can be a day of a month (1 to `MAX_DAY`) beside a month or a
    weekday, by where it starts, with that month or weekday as written."""
    return {
        token.start: word
        for (_, key), tokens in figures.items()
        if key in DATE_WORDS
        for token, word in tokens
        if token.key.isdigit() and 1 <= int(token.key) <= MAX_DAY
    }


def _words_after_numbers(text: str) -> dict[int, tuple[Token, ...]]:
    """The start of each number of `text` → the `MAX_UNIT_WORDS` words after it (where its unit would be)."""
    tokens = tokenize(text)
    return {
        token.start: tuple(tokens[position + 1 : position + 1 + MAX_UNIT_WORDS])
        for position, token in enumerate(tokens)
        if FIGURE_RE.match(token.key)
    }


def _figures(text: str) -> dict[tuple[str, str], list[tuple[Token, str]]]:
    """Map each ("before"/"after", content-word key) next to a number in `text` to (number, that word as written)."""
    tokens = tokenize(text)
    figures: dict[tuple[str, str], list[tuple[Token, str]]] = {}
    for position, token in enumerate(tokens):
        if not FIGURE_RE.match(token.key):
            continue
        # Only content words say what is counted ("residents"), not "the" or "about".
        for where, offset in (("after", 1), ("before", -1)):
            neighbour = position + offset
            if (
                0 <= neighbour < len(tokens)
                and tokens[neighbour].content
                and not FIGURE_RE.match(tokens[neighbour].key)
            ):
                figures.setdefault((where, tokens[neighbour].key), []).append((token, tokens[neighbour].text))
    return figures


def _changes_in(a: Sentence, b: Sentence, kinds: dict[str, str], versions: bool) -> list[FoundChange]:
    """The changes between two matched sentences, from their word-level diff."""
    tokens_a, tokens_b = tokenize(a.text), tokenize(b.text)
    matcher = word_matcher([t.key for t in tokens_a], [t.key for t in tokens_b])
    found: list[FoundChange] = []
    if matcher.ratio() < MIN_DIFF_SIMILARITY and versions:
        # A later version may split a sentence in two, or join two: the diff is read against the half alone.
        # (Two outlets' sentences that share a few words in a row are seldom halves of one another.)
        tokens_a, tokens_b = _halves(tokens_a, tokens_b, matcher)
        matcher = word_matcher([t.key for t in tokens_a], [t.key for t in tokens_b])
    if matcher.ratio() < MIN_DIFF_SIMILARITY:
        return found  # two sentences told differently: a word-by-word diff would pair unrelated words
    quoted_a, quoted_b = find_quote_spans(a.text), find_quote_spans(b.text)
    for tag, a_lo, a_hi, b_lo, b_hi in matcher.get_opcodes():
        if tag == "equal":
            if versions:
                found.extend(_respelled_names(a, b, tokens_a[a_lo:a_hi], tokens_b[b_lo:b_hi]))
            continue
        run_a, run_b = tokens_a[a_lo:a_hi], tokens_b[b_lo:b_hi]
        if len(run_a) > MAX_CHANGED_WORDS or len(run_b) > MAX_CHANGED_WORDS:
            if versions and tag == "replace":
                # A name corrected where a clause after it was cut or added: "Vance, who voted…," → "Vantz".
                found.extend(_respelled_opening(a, b, run_a, run_b))
            continue  # a rewritten stretch, not one change: its words are the sentences' `added`
        if _quoted(run_a, quoted_a) or _quoted(run_b, quoted_b):
            continue  # a quotation worded differently is the quotes list's to report
        # "not clear" against "unclear" is one statement: a negation the other run says with a prefix is none.
        negated_a = negations(run_a, {t.key for t in run_b})
        negated_b = negations(run_b, {t.key for t in run_a})
        if negated_a != negated_b:
            side_a = ChangeSide(a.id, _negation_text(a.text, run_a))
            side_b = ChangeSide(b.id, _negation_text(b.text, run_b))
            found.append(("negation", side_a, side_b, _negation_summary(side_a.text, side_b.text, tokens_b, b_lo)))
            continue
        if tag != "replace":
            continue
        before = (*tokens_a[max(0, a_lo - 1) : a_lo], *tokens_b[max(0, b_lo - 1) : b_lo])
        following = (tokens_a[a_hi : a_hi + MAX_UNIT_WORDS], tokens_b[b_hi : b_hi + MAX_UNIT_WORDS])
        change = _replacement(a, b, run_a, run_b, following, before, kinds, versions)
        if change is not None:
            found.append(change)
    return found


def _halves(
    tokens_a: tuple[Token, ...], tokens_b: tuple[Token, ...], matcher: SequenceMatcher[str]
) -> tuple[tuple[Token, ...], tuple[Token, ...]]:
    """The stretch of the longer of two sentences that the shorter one lines up with, from where its first
    matching word puts its start to where its last one puts its end, and the shorter one whole."""
    blocks = [(block.a, block.b, block.size) for block in matcher.get_matching_blocks() if block.size]
    if not blocks:
        return tokens_a, tokens_b
    swapped = len(tokens_a) < len(tokens_b)
    longer, shorter = (tokens_b, tokens_a) if swapped else (tokens_a, tokens_b)
    if swapped:
        blocks = [(on_b, on_a, size) for on_a, on_b, size in blocks]
    (first_long, first_short, _), (last_long, last_short, _) = blocks[0], blocks[-1]
    start = max(0, first_long - first_short)
    end = min(len(longer), last_long + len(shorter) - last_short)
    stretch = longer[start:end]
    return (shorter, stretch) if swapped else (stretch, shorter)


# A possessive ending, after `fold` unified the apostrophes: "Lowe's" is "Lowe" spelled alike.
POSSESSIVE_ENDINGS = ("'s", "'")


def _respelled_names(
    a: Sentence, b: Sentence, words_a: tuple[Token, ...], words_b: tuple[Token, ...]
) -> list[FoundChange]:
    """Names a later version spells another way ("Ann" → "Anne") among words matched as one (`words_a`,
    `words_b`): matching reads words by their stems, which hides the edit."""
    found: list[FoundChange] = []
    for word_a, word_b in zip(words_a, words_b, strict=True):
        if (
            word_a.text[:1].isupper()
            and word_b.text[:1].isupper()
            and word_a.content
            and _spelling(word_a.text) != _spelling(word_b.text)
        ):
            sides = (ChangeSide(a.id, word_a.text), ChangeSide(b.id, word_b.text))
            found.append(("name", *sides, f"{word_a.text} → {word_b.text}"))
    return found


# How alike two spellings of a name must be (difflib's ratio) to be one name corrected, not another name.
MIN_RESPELLING_RATIO = 0.6


def _respelled_opening(
    a: Sentence, b: Sentence, run_a: tuple[Token, ...], run_b: tuple[Token, ...]
) -> list[FoundChange]:
    """The ``name`` change of a long replaced run that opens with one name spelled another way on each side
    (`_respelled_names` of the two opening words, when their spellings are alike enough to be one name)."""
    spelled = SequenceMatcher(None, _spelling(run_a[0].text), _spelling(run_b[0].text))
    if spelled.ratio() < MIN_RESPELLING_RATIO:
        return []
    return _respelled_names(a, b, run_a[:1], run_b[:1])


def _spelling(word: str) -> str:
    """`word` without case, points or a possessive ending: "U.S." and "US", "Lowe's" and "Lowe" are one."""
    folded = fold(word)
    for ending in POSSESSIVE_ENDINGS:
        folded = folded.removesuffix(ending)
    return "".join(character for character in folded if character.isalnum())


def _replacement(
    a: Sentence,
    b: Sentence,
    run_a: tuple[Token, ...],
    run_b: tuple[Token, ...],
    following: tuple[tuple[Token, ...], tuple[Token, ...]],
    before: tuple[Token, ...],
    kinds: dict[str, str],
    versions: bool,
) -> FoundChange | None:
    """The change one replaced run of words makes, if it is one (`before`: the word before it on each side;
    `following`: the words after it on each side)."""
    text_a, text_b = _span(a.text, run_a), _span(b.text, run_b)
    sides = (ChangeSide(a.id, text_a), ChangeSide(b.id, text_b))
    keys_a, keys_b = [t.key for t in run_a], [t.key for t in run_b]
    numbers_a = [k for k in keys_a if k[:1].isdigit()]
    numbers_b = [k for k in keys_b if k[:1].isdigit()]
    if numbers_a and numbers_b:
        if any(YEAR_RE.match(k) for k in numbers_a) != any(YEAR_RE.match(k) for k in numbers_b):
            return None  # a day number against a year: two ways of dating, not two dates
        if set(numbers_a) & set(numbers_b) or _unit_written_out(set(numbers_a), set(numbers_b)):
            return None  # the same figure, its unit written another way ("92mph" / "92 miles per hour")
        figure_a = [t for t in run_a if t.key[:1].isdigit()]
        figure_b = [t for t in run_b if t.key[:1].isdigit()]
        text_a, text_b = _span(a.text, (figure_a[0], figure_a[-1])), _span(b.text, (figure_b[0], figure_b[-1]))
        sides = (ChangeSide(a.id, text_a), ChangeSide(b.id, text_b))
        dated = any(k in MONTHS or k in WEEKDAYS for k in (*keys_a, *keys_b, *(t.key for t in before))) or any(
            YEAR_RE.match(k) for k in numbers_a
        )
        if dated:
            return ("date", *sides, f"{text_a} → {text_b}")
        scale, unit = _shared_unit(a.text, b.text, *following)
        written_a = _as_written(a.text, figure_a[0].start, figure_a[-1].end)
        written_b = _as_written(b.text, figure_b[0].start, figure_b[-1].end)
        return ("figure", *sides, f"{written_a}{scale} → {written_b}{scale}{unit}")
    if numbers_a or numbers_b:
        if versions:  # "a month" → "two months": an edited figure, whichever way each side writes it
            return _figure_against_words(a, b, run_a, run_b, following)
        return None  # a number against words ("five" is already a number): a rewrite, not one figure
    if _scale_after_one_number(run_a, run_b, before):
        return _rescaled(a, b, run_a, run_b, before)
    if any(k in WEEKDAYS or k in MONTHS for k in keys_a) and any(k in WEEKDAYS or k in MONTHS for k in keys_b):
        return ("date", *sides, f"{text_a} → {text_b}")
    if any(frozenset((x, y)) in OPPOSITES for x in keys_a for y in keys_b):
        return ("opposite", *sides, f"{text_a} → {text_b}")
    capitalised_a = [t for t in run_a if t.text[:1].isupper() and t.content]
    capitalised_b = [t for t in run_b if t.text[:1].isupper() and t.content]
    if capitalised_a and capitalised_b:
        found_kinds = {kinds.get(t.key) for t in (*capitalised_a, *capitalised_b)}
        if "place" in found_kinds and not _same_place(capitalised_a, capitalised_b):
            return ("place", *sides, f"{text_a} → {text_b}")
        if versions:
            return ("name", *sides, f"{text_a} → {text_b}")
        return None
    if versions:
        # Between versions every replaced word is an edit, a small word too: "voted against" → "voted for".
        return ("wording", *sides, f"{text_a} → {text_b}")
    return None


def _figure_against_words(
    a: Sentence,
    b: Sentence,
    run_a: tuple[Token, ...],
    run_b: tuple[Token, ...],
    following: tuple[tuple[Token, ...], tuple[Token, ...]],
) -> FoundChange:
    """The ``figure`` change of a count written as a number on one side only ("a month" → "two months"), each
    side read through the noun after it when both sides share that noun."""
    end_a, end_b = run_a[-1], run_b[-1]
    after_a, after_b = following
    if after_a and after_b and after_a[0].key == after_b[0].key and after_a[0].content:
        end_a, end_b = after_a[0], after_b[0]
    text_a, text_b = _span(a.text, (run_a[0], end_a)), _span(b.text, (run_b[0], end_b))
    return ("figure", ChangeSide(a.id, text_a), ChangeSide(b.id, text_b), f"{text_a} → {text_b}")


# A figure's unit after it, both sides alike: a scale word or two and a noun ("million euros", "households").
MAX_UNIT_WORDS = 3


def _shared_unit(text_a: str, text_b: str, after_a: tuple[Token, ...], after_b: tuple[Token, ...]) -> tuple[str, str]:
    """The scale words (" million") and the unit (" euros") that follow a changed figure alike on both sides, as
    written in `text_b`: the scale belongs to each figure, the unit to both ("5 million → 240 million euros")."""
    scale, unit = "", ""
    previous_a, previous_b = (after_a[0].start, after_b[0].start) if after_a and after_b else (0, 0)
    for token_a, token_b in zip(after_a, after_b, strict=False):
        joined = not text_a[previous_a : token_a.start].strip() and not text_b[previous_b : token_b.start].strip()
        if token_a.key != token_b.key or not joined:
            break  # a different word, or one past a comma: no longer the figure's unit
        previous_a, previous_b = token_a.end, token_b.end
        if token_b.text.lower() in SCALES:
            scale += f" {token_b.text}"
            continue
        if token_b.content:
            unit = f" {token_b.text}"
        break
    return scale, unit


def _scale_after_one_number(run_a: tuple[Token, ...], run_b: tuple[Token, ...], before: tuple[Token, ...]) -> bool:
    """True when each run is one scale word ("billion", "bn") after the same number on both sides."""
    return (
        len(run_a) == len(run_b) == 1
        and len(before) == 2
        and before[0].key == before[1].key
        and before[0].key[:1].isdigit()
        and run_a[0].text.lower() in SCALES
        and run_b[0].text.lower() in SCALES
    )


def _rescaled(
    a: Sentence, b: Sentence, run_a: tuple[Token, ...], run_b: tuple[Token, ...], before: tuple[Token, ...]
) -> FoundChange | None:
    """The ``figure`` change of a sum whose scale word alone was replaced ("$7.5 billion" / "$7.5 million"),
    from the number on; None when the two words are one scale ("billion" / "bn")."""
    if SCALES[run_a[0].text.lower()] == SCALES[run_b[0].text.lower()]:
        return None
    text_a = _as_written(a.text, before[0].start, run_a[0].end)
    text_b = _as_written(b.text, before[1].start, run_b[0].end)
    return ("figure", ChangeSide(a.id, text_a), ChangeSide(b.id, text_b), f"{text_a} → {text_b}")


def _as_written(text: str, start: int, end: int) -> str:
    """`text[start:end]` with the currency sign just before it, if there is one ("$7.5 billion"), and the percent
    sign or words just after it ("17%", "17 per cent")."""
    if start and text[start - 1] in CURRENCY_SIGNS:
        start -= 1
    percent = PERCENT_AFTER_RE.match(text, end)
    return text[start : percent.end() if percent else end]


# A percent sign or word right after a figure: "17%", "17 per cent", "17 percent".
PERCENT_AFTER_RE = re.compile(r"%|\s+per\s?cent\b", re.IGNORECASE)


def _negation_summary(text_a: str, text_b: str, tokens_b: tuple[Token, ...], at: int) -> str:
    """One line for a negation on one side: “not” added before "held", or dropped, or replaced."""
    following = next((t.text for t in tokens_b[at:] if t.content and not is_negation(t.key)), "")
    where = f" before “{following}”" if following else ""
    if not text_a:
        return f"“{text_b}” added{where}"
    if not text_b:
        return f"“{text_a}” dropped{where}"
    return f"“{text_a}” → “{text_b}”"


def _quoted(run: tuple[Token, ...], spans: list[tuple[int, int]]) -> bool:
    """True when a word of `run` stands inside one of the quotation `spans` of its sentence."""
    return any(start <= token.start < end for token in run for start, end in spans)


def _same_place(one: list[Token], other: list[Token]) -> bool:
    """True when two names start alike enough to be one place ("Portugal", "Portuguese"), or one is the other's
    initials ("United States", "U.S."; "European Union", "EU")."""
    if any(x.key[:PLACE_STEM] == y.key[:PLACE_STEM] for x in one for y in other):
        return True
    return _initials_of(one, other) or _initials_of(other, one)


def _initials_of(words: list[Token], name: list[Token]) -> bool:
    """True when `name` is one word in capitals ("US", "U.S") spelling the first letters of `words`."""
    if len(name) != 1 or len(words) < 2:
        return False
    letters = name[0].text.replace(".", "")
    return letters.isupper() and letters == "".join(word.text[0] for word in words).upper()


# Names of one place written two ways share their first letters ("portug…").
PLACE_STEM = 5


def _span(text: str, run: tuple[Token, ...]) -> str:
    """The words of `run` as written in `text` (empty for an empty run)."""
    return text[run[0].start : run[-1].end] if run else ""


def _negation_text(text: str, run: tuple[Token, ...]) -> str:
    """The negating words of `run` as written (empty on the side without them)."""
    words = [t for t in run if is_negation(t.key)]
    return _span(text, (words[0], words[-1])) if words else ""

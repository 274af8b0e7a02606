"""Report context: `Comparison` → `ReportContext`, the data every report template gets.

Everything here is display-ready data (strings, numbers, lists of
``(kind, text)`` tokens) and never markup: the templates escape and mark up.
Whatever a template would otherwise compute from the data (counts, joined
ids, conditions, percentages in words) is a field here, so the templates
only read fields and decide the markup.
"""

from __future__ import annotations

import hashlib
import re
import textwrap
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from itertools import groupby
from typing import Any

from .align import word_matcher
from .changes import edited_pairs
from .errors import ConfigError
from .facts import find_details
from .model import (
    VERSION_LABELS,
    Change,
    ChangeSide,
    Comparison,
    Document,
    Entity,
    Fact,
    Paragraph,
    QuoteComparison,
    SemanticInfo,
    SetChange,
    Side,
    Span,
    other_side,
)
from .normalise import fold, tokenize
from .quotes import in_quotation
from .version import __version__

# Lengths of the coverage map, in SVG user units.
MAP_COLUMN_WIDTH = 180
MAP_GAP = 160
MAP_BLOCK_GAP = 3
MAP_UNITS_PER_WORD = 0.55
MAP_MIN_BLOCK = 6
# The summary sentence names at most this many of a side's passages...
MAX_SUMMARY_HIGHLIGHTS = 3
# ...and at most this many changes' summaries, then "and n more".
MAX_SUMMARY_CHANGES = 3
# A change's kind as a noun, singular and plural, for the summary sentence.
CHANGE_NOUNS = {
    "figure": ("figure", "figures"),
    "date": ("date", "dates"),
    "name": ("name", "names"),
    "place": ("place", "places"),
    "negation": ("negation", "negations"),
    "opposite": ("opposite", "opposites"),
    "headline": ("headline", "headlines"),
    "wording": ("wording", "wordings"),
}


# Characters shown, never passed through: C0 controls but tab and newline, DEL and the C1 controls (issue
# "Reliability, round two": ESC and BEL reached reports and, through the Markdown, CI logs and terminals)...
_CONTROLS = frozenset(chr(code) for code in (*range(0x20), *range(0x7F, 0xA0))) - {"\t", "\n"}
# ...and, where nothing isolates them (Markdown), the bidi embeddings, overrides, isolates and marks.
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def shown_control(char: str) -> str:
    """How control character `char` is shown: its Control Picture (U+2400–U+2421), else ``‹U+xxxx›``.

    >>> shown_control("\x1b"), shown_control("\x7f"), shown_control("\u202e")
    ('␛', '␡', '‹U+202E›')
    """
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return f"\u2039U+{code:04X}\u203a"


def control_pieces(value: Any, *, bidi: bool = False) -> list[tuple[str, str, str]]:
    """`value` as (kind, text, code) pieces: kind "control" for a control character, shown by `shown_control`
    with its code point in `code`; else "text" (and `code` ""). With `bidi`, bidi controls are shown too.

    The one place that decides which characters are shown rather than passed on: the HTML report marks the
    "control" pieces up in their own style; `visible_controls` joins them for plain text.

    >>> control_pieces("bell\x07!")
    [('text', 'bell', ''), ('control', '␇', 'U+0007'), ('text', '!', '')]
    """
    hidden = _CONTROLS | _BIDI if bidi else _CONTROLS
    pieces: list[tuple[str, str, str]] = []
    # Runs are joined once each: adding a character at a time to a piece is quadratic in a long word.
    for is_control, run in groupby(str(value), key=hidden.__contains__):
        if is_control:
            pieces.extend(("control", shown_control(char), f"U+{ord(char):04X}") for char in run)
        else:
            pieces.append(("text", "".join(run), ""))
    return pieces


def visible_controls(value: Any, *, bidi: bool = False) -> str:
    """`value` with every control character shown (see `control_pieces`); with `bidi`, bidi controls too.

    >>> visible_controls("\x1b[31mred\u202e", bidi=True)
    '␛[31mred‹U+202E›'
    """
    text = str(value)
    hidden = _CONTROLS | _BIDI if bidi else _CONTROLS
    if not any(char in hidden for char in text):
        return text
    return "".join(piece for _, piece, _ in control_pieces(text, bidi=bidi))


@dataclass(frozen=True)
class SentenceView:
    """A sentence ready to show: its status and its text cut into marked tokens."""

    id: str
    status: str
    tokens: list[tuple[str, str]]  # (kind, text); kind is "text" or "added" (words its counterparts lack)
    match_ids: str  # the ids of its counterparts, space-separated
    coverage: int  # percent
    title: str  # its status, with the coverage when the other article carries some of it, or its rewording
    reworded: bool = False  # said in other words by the other article (the paraphrase model's verdict)


@dataclass(frozen=True)
class ParagraphView:
    """A paragraph ready to show."""

    id: str
    role: str
    status: str  # the dominant status of its sentences, or "ignored"
    sentences: list[SentenceView]
    words: int
    role_label: str  # its role, or "" for body text, which goes unlabelled


@dataclass(frozen=True)
class Row:
    """One row of the side-by-side view: aligned paragraphs, or one side's alone."""

    a: list[ParagraphView]
    b: list[ParagraphView]
    order: str  # "in-order", "moved" or "unaligned"
    similarity: int  # percent
    moved: bool
    same: bool  # both sides there and every paragraph shared: nothing to see with "only differences"
    furniture: bool  # headline, captions and the like only: hidden with "only differences" too


@dataclass(frozen=True)
class MapBlock:
    """A paragraph drawn as a block in the coverage map."""

    id: str
    x: float
    y: float
    width: float
    height: float
    status: str
    label: str


@dataclass(frozen=True)
class MapBand:
    """A band joining aligned paragraphs in the coverage map."""

    path: str
    order: str
    label: str
    moved: bool


@dataclass(frozen=True)
class ReportContext:
    """All a report template needs, as plain data."""

    title: str
    version: str
    generated_at: str
    sides: dict[str, dict[str, Any]]
    summary: str
    summary_pieces: list[tuple[str, str]]  # the summary as (kind, text): "untrusted" from a label or an article
    figures: list[dict[str, Any]]
    facts: dict[str, list[dict[str, Any]]]
    quotes: list[dict[str, Any]]
    variant_quotes: list[dict[str, Any]]  # the quotes both carry, worded differently
    variant_quote_count: int
    extended_quotes: list[dict[str, Any]]  # the quotes both carry, one outlet quoting more of the remark
    extended_quote_count: int
    reworded: list[dict[str, Any]]  # pairs of sentences said in other words, A's wording first
    reworded_count: int
    rows: list[Row]
    entities: list[dict[str, Any]]
    named_in_both: list[dict[str, Any]]  # the entities both articles name (each side's own are in `sides`)
    named_in_both_count: int
    map_blocks: list[MapBlock]
    map_bands: list[MapBand]
    map_width: float
    map_height: float
    options: dict[str, Any]
    inputs: list[dict[str, str]]
    semantic: str  # one line on whether the paraphrase model took part (its name and hash, or why not)
    changes: list[dict[str, Any]]  # what differs inside sentences both carry, in the engine's order
    change_count: int
    changes_heading: str  # "Changed", or "Changed since the earlier version" when A and B are versions of a story
    # "Said in other words", or "Reworded since the earlier version" when A and B are versions of a story
    reworded_heading: str
    changes_empty: str  # the one line the section says when nothing changed
    versions: bool  # A is the earlier and B the later version of one story
    redline: list[dict[str, Any]]  # versions only: B's body paragraphs as a word diff against A's (see `redline`)
    # versions only, when the headline changed: B's headline as a word diff against A's, (kind, text) pieces
    redline_headline: list[tuple[str, str]]
    # versions only: the sentences both keep that gained or lost words no change reports (a clause added or cut),
    # each with both texts, their `_tokens` pieces and the words B adds and A loses (see `_word_edits`)
    word_edits: list[dict[str, Any]]
    word_edit_count: int
    # versions only: the paragraphs B has in another place, each {"a", "b", "text"}: their numbers on each side
    # ("3", "5-6") and the opening words of B's
    moved: list[dict[str, Any]]
    moved_count: int
    # outlets only: side → the sentences both carry to which that side adds a detail (see `_detail_views`)
    added_details: dict[str, list[dict[str, Any]]]
    added_detail_count: int  # both sides' together
    paper: str = "A4"
    print_note: str = ""  # what the PDF leaves out of long lists (`compare.render.print_edition`)

    def as_dict(self) -> dict[str, Any]:
        """The context one level deep, for `template.render(**context.as_dict())`."""
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


def generated_at_from(value: str | None, environ: dict[str, str]) -> str:
    """The report timestamp: `value` if given, else SOURCE_DATE_EPOCH, else now (UTC, ISO 8601)."""
    if value:
        return value
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        try:
            return datetime.fromtimestamp(int(epoch), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        except (ValueError, OverflowError, OSError):
            raise ConfigError(
                f"SOURCE_DATE_EPOCH={epoch.strip()[:20]} is not a time a report can carry; "
                "give seconds since 1970 before the year 9999"
            ) from None
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def build_context(comparison: Comparison, *, generated_at: str, paper: str = "A4") -> ReportContext:
    """Build the display data of a report on `comparison`."""
    a, b = comparison.a, comparison.b
    views = {p.id: _paragraph_view(p, comparison) for doc in (a, b) for p in doc.paragraphs}
    rows = _rows(comparison, views)
    blocks, bands, width, height = _coverage_map(comparison, views)
    stats = comparison.stats
    labels = {"a": a.label, "b": b.label}
    entities = [_entity_view(e) for e in comparison.entities]
    names = {e.id: e.name for e in comparison.entities}
    people = {e.id for e in comparison.entities if e.kind == "person"}
    quotes = [_quote_view(q, names, labels, people) for q in comparison.quotes]
    variants = [q for q in quotes if q["variant"]]
    extended = [q for q in quotes if q["extended"]]
    reworded = _reworded_pairs(comparison)
    texts = {s.id: s.text for doc in (a, b) for s in doc.sentences}
    in_both = [e for e in entities if not e["only"]]
    summary = summary_pieces(comparison)
    word_edits = _word_edits(comparison) if comparison.options.versions else []
    moved = _moved_paragraphs(comparison) if comparison.options.versions else []
    details = {side: _detail_views(comparison, side, texts) for side in ("a", "b")}
    return ReportContext(
        title=f"{a.label} vs {b.label}",
        version=__version__,
        generated_at=generated_at,
        sides={
            side: {**_side(comparison.document(side), comparison, entities), "added_detail_count": len(details[side])}
            for side in ("a", "b")
        },
        summary="".join(text for _, text in summary),
        summary_pieces=summary,
        figures=[
            _figure("Words (body)", stats.a.body_words, stats.b.body_words),
            _figure("Covered by the other", f"{stats.a.covered:.0%}", f"{stats.b.covered:.0%}"),
            _figure("Passages only here", stats.a.facts, stats.b.facts),
            _figure(
                "Sentences shared / partly / reworded / unique",
                f"{stats.a.shared_sentences} / {stats.a.partial_sentences} / {stats.a.reworded_sentences}"
                f" / {stats.a.unique_sentences}",
                f"{stats.b.shared_sentences} / {stats.b.partial_sentences} / {stats.b.reworded_sentences}"
                f" / {stats.b.unique_sentences}",
            ),
            _figure("Changes", len(comparison.changes), ""),
            _figure(
                "Quotes both carry (identical / extended / worded differently)",
                f"{stats.quotes_identical} / {stats.quotes_extended} / {stats.quotes_variant}",
                "",
            ),
        ],
        facts={side: _fact_views(comparison, side, texts) for side in ("a", "b")},
        quotes=quotes,
        variant_quotes=variants,
        variant_quote_count=len(variants),
        extended_quotes=extended,
        extended_quote_count=len(extended),
        reworded=reworded,
        reworded_count=len(reworded),
        rows=rows,
        entities=entities,
        named_in_both=in_both,
        named_in_both_count=len(in_both),
        map_blocks=blocks,
        map_bands=bands,
        map_width=width,
        map_height=height,
        options=asdict(comparison.options),
        inputs=[input_view(d) for d in (a, b)],
        semantic=semantic_line(comparison.semantic),
        changes=[_change_view(c, texts) for c in comparison.changes],
        change_count=len(comparison.changes),
        changes_heading="Changed since the earlier version" if comparison.options.versions else "Changed",
        reworded_heading=(
            "Reworded since the earlier version" if comparison.options.versions else "Said in other words"
        ),
        changes_empty=(
            "None: the later version changes no figure, date, name or wording in the sentences it keeps."
            + (" It adds or cuts words in some of them (below)." if word_edits else "")
            if comparison.options.versions
            else "None: no figure, date, place or negation differs in the sentences both carry."
        ),
        versions=comparison.options.versions,
        redline=redline(comparison) if comparison.options.versions else [],
        word_edits=word_edits,
        word_edit_count=len(word_edits),
        moved=moved,
        moved_count=len(moved),
        added_details=details,
        added_detail_count=sum(len(views) for views in details.values()),
        redline_headline=_headline_diff(comparison) if comparison.options.versions else [],
        paper=paper,
    )


def _change_view(change: Change, texts: dict[str, str]) -> dict[str, Any]:
    """A change ready to show: its kind, its summary, and each side's sentence (`texts` by id) cut into tokens."""
    return {
        "id": change.id,
        "kind": change.kind,
        # The two headlines stand in full beside it: the summary column says only what happened to them.
        "summary": "reworded" if change.kind == "headline" else change.summary,
        "a": _change_side(change.a, texts),
        "b": _change_side(change.b, texts),
    }


def _change_side(side: ChangeSide, texts: dict[str, str]) -> dict[str, Any]:
    """One side of a change: its sentence as (kind, text) tokens, the differing words "changed".

    `absent` when the side lacks the words (``side.text`` empty, e.g. the side
    without "not"): its sentence is shown whole, unmarked.  The words are
    looked for as whole words first, then anywhere; if the sentence does not
    hold them they are shown alone.
    """
    sentence = texts.get(side.sentence, "")
    absent = not side.text
    tokens: list[tuple[str, str]] = [("text", sentence)] if sentence else []
    if not absent:
        found = re.search(rf"(?<!\w){re.escape(side.text)}(?!\w)", sentence) or re.search(
            re.escape(side.text), sentence
        )
        if found:
            before, after = sentence[: found.start()], sentence[found.end() :]
            tokens = [t for t in (("text", before), ("changed", found.group()), ("text", after)) if t[1]]
        else:
            tokens = [("changed", side.text)]
    return {"anchor": side.sentence if sentence else "", "text": side.text, "absent": absent, "tokens": tokens}


def redline(comparison: Comparison) -> list[dict[str, Any]]:
    """The later text (B's body paragraphs in order) as a word diff against the earlier (A's).

    Paragraphs are paired by the alignment's paragraph groups and each group's
    words compared with `difflib.SequenceMatcher`; a B paragraph in no group
    is wholly inserted, an A paragraph in no group wholly deleted, placed
    after the group holding the aligned A paragraph before it (at the start
    when there is none).  Each item is a paragraph: its `id` (the first B
    paragraph, or the cut A one), whether it `moved`, its `change`
    ("same", "edited", "inserted" or "deleted") and its `pieces`, (kind, text)
    pairs with kind "equal", "delete" or "insert", to be joined by spaces.

    Invariant: the "equal" and "delete" pieces are A's body words in group
    order, the "equal" and "insert" pieces B's body words in B's order.
    """
    body = {p.id: p for doc in (comparison.a, comparison.b) for p in doc.paragraphs if p.compared}
    groups = [
        (tuple(p for p in g.a if p in body), tuple(p for p in g.b if p in body), g.order)
        for g in comparison.alignment.paragraphs
    ]
    groups = [g for g in groups if g[0] and g[1]]
    group_of_a = {p: number for number, g in enumerate(groups) for p in g[0]}
    group_of_b = {p: number for number, g in enumerate(groups) for p in g[1]}
    # A's cut paragraphs, keyed by the group of the aligned, in-order A paragraph before them (-1: the start).
    cuts: dict[int, list[str]] = {}
    anchor = -1
    for paragraph in comparison.a.paragraphs:
        if paragraph.id not in body:
            continue
        number = group_of_a.get(paragraph.id)
        if number is None:
            cuts.setdefault(anchor, []).append(paragraph.id)
        elif groups[number][2] == "in-order":
            anchor = number
    items: list[dict[str, Any]] = [_whole(body[p].text, p, "delete") for p in cuts.get(-1, [])]
    done: set[int] = set()
    for paragraph in comparison.b.paragraphs:
        if paragraph.id not in body:
            continue
        number = group_of_b.get(paragraph.id)
        if number is None:
            items.append(_whole(paragraph.text, paragraph.id, "insert"))
            continue
        if number in done:
            continue
        done.add(number)
        a_ids, b_ids, order = groups[number]
        a_words = [w for p in a_ids for w in body[p].text.split()]
        b_words = [w for p in b_ids for w in body[p].text.split()]
        pieces = _word_diff(a_words, b_words)
        edited = any(kind != "equal" for kind, _ in pieces)
        items.append(
            {"id": b_ids[0], "moved": order == "moved", "change": "edited" if edited else "same", "pieces": pieces}
        )
        items.extend(_whole(body[p].text, p, "delete") for p in cuts.get(number, []))
    # Cuts after a group B dropped entirely cannot happen (a group has paragraphs on both sides); any left
    # (after a moved group never reached) go at the end so nothing of A is lost.
    for number, cut in cuts.items():
        if number not in done | {-1}:
            items.extend(_whole(body[p].text, p, "delete") for p in cut)
    return items


def _headline_diff(comparison: Comparison) -> list[tuple[str, str]]:
    """The later headline as a word diff against the earlier one (`_word_diff` pieces) when the changes list
    holds a headline change; [] otherwise."""
    change = next((c for c in comparison.changes if c.kind == "headline"), None)
    if change is None:
        return []
    return _word_diff(change.a.text.split(), change.b.text.split())


def _whole(text: str, paragraph_id: str, kind: str) -> dict[str, Any]:
    """A redline paragraph wholly inserted or deleted (`kind` "insert" or "delete")."""
    change = "inserted" if kind == "insert" else "deleted"
    return {"id": paragraph_id, "moved": False, "change": change, "pieces": [(kind, " ".join(text.split()))]}


def _word_diff(a_words: list[str], b_words: list[str]) -> list[tuple[str, str]]:
    """`b_words` against `a_words` as (kind, text) pieces: "equal", "delete" (A's words) then "insert" (B's).

    >>> _word_diff("about 240 homes".split(), "about 260 homes".split())
    [('equal', 'about'), ('delete', '240'), ('insert', '260'), ('equal', 'homes')]
    """
    pieces: list[tuple[str, str]] = []
    matcher = word_matcher(a_words, b_words)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append(("equal", " ".join(a_words[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(("delete", " ".join(a_words[i1:i2])))
        if j2 > j1:
            pieces.append(("insert", " ".join(b_words[j1:j2])))
    return pieces


def _figure(name: str, a: Any, b: Any) -> dict[str, Any]:
    """A row of the figures table; an empty `b` means one value for the pair, shown across both columns."""
    return {"name": name, "a": a, "b": b, "both": b == ""}


def _entity_view(entity: Entity) -> dict[str, Any]:
    """An entity ready to show: mentions on each side, which side alone names it, its other spellings."""
    only = "a" if not entity.mentions_b else "b" if not entity.mentions_a else ""
    # On paper an entity only one side names shows how often it is named there, when more than once.
    count = {"a": len(entity.mentions_a), "b": len(entity.mentions_b)}.get(only, 0)
    return {
        "name": entity.name,
        "kind": entity.kind,
        "a": len(entity.mentions_a),
        "b": len(entity.mentions_b),
        "only": only,
        "times": f"{count}×" if count > 1 else "",
        "aliases": ", ".join(entity.aliases),
    }


def input_view(document: Document) -> dict[str, str]:
    """The footer line of an input: its side, its source and its SHA-256 (whole, and short for Markdown)."""
    sha256 = document.article.sha256 or hashlib.sha256(document.article.text.encode()).hexdigest()
    return {
        "side": document.side.upper(),
        "source": document.article.source,
        "sha256": sha256,
        "sha256_short": sha256[:12],
    }


def semantic_line(semantic: SemanticInfo) -> str:
    """One line on the paraphrase model: its name and short hash when it took part, else why not (`semantic.note`)."""
    if semantic.used:
        line = f"Paraphrase model: {semantic.model or 'unnamed'}"
        if semantic.sha256:
            line += f" (sha256 {semantic.sha256[:8]}…)"
        return f"{line}; {semantic.note}" if semantic.note else line
    return semantic.note or "Paraphrase model: not used; sentences said in other words were judged on their words alone"


# Evidence beside a fact shows this many characters of each sentence: the link leads to the whole of it.
EVIDENCE_CHARACTERS = 160


def _shortened(text: str) -> str:
    """`text` cut at a word to at most `EVIDENCE_CHARACTERS` characters, "…" marking the cut; cut inside a word
    when that would leave too little (a script written without spaces, a long address)."""
    if len(text) <= EVIDENCE_CHARACTERS:
        return text
    short = textwrap.shorten(text, width=EVIDENCE_CHARACTERS, placeholder=" …")
    if len(short) >= EVIDENCE_CHARACTERS // 2:
        return short
    return text[: EVIDENCE_CHARACTERS - 1] + "…"


def _fact_views(comparison: Comparison, side: Side, texts: dict[str, str]) -> list[dict[str, Any]]:
    """What a report shows of the facts only `side` carries: those the model does not doubt first, then those to
    check first (`Fact.held`), each group in article order, numbered on from one group to the next; the first
    fact to check first opens its group (``opens_doubted``)."""
    ordered = sorted(comparison.facts_on(side), key=lambda f: f.held is not None)
    first_doubted = next((f.id for f in ordered if f.held is not None), None)
    return [
        {
            "id": f.id,
            "number": number,
            "label": f.label,
            "kind": f.kind,
            "is_quote": f.kind == "quote",
            "text": f.text,
            "anchor": f.sentences[0],
            "sentence_ids": " ".join(f.sentences),
            # Shown before the fact for sense; both articles carry it, so it is not part of the fact.
            "context": [{"id": i, "text": texts[i]} for i in f.context if i in texts],
            # The other article's sentence closest in meaning: for the reader to check the claim against.
            "nearest": (
                {"id": f.nearest[0], "text": texts[f.nearest[0]], "similarity": f"{f.nearest[1]:.2f}"}
                if f.nearest and f.nearest[0] in texts and not (f.held and f.nearest[0] in f.held[0])
                else None
            ),
            # The other article's sentences that hold much of it, piece by piece: check this claim first.
            # (The closest sentence above is left out when it is one of them: one piece of evidence once.)
            "held": _held_view(f, texts),
            "opens_doubted": f.id == first_doubted,
        }
        for number, f in enumerate(ordered, start=1)
    ]


def _held_view(fact: Fact, texts: dict[str, str]) -> dict[str, Any] | None:
    """What a report shows of `fact.held`: the sentences (cut to `EVIDENCE_CHARACTERS` as `short`), their texts
    joined by " + ", the share they hold, and what of the fact it is a share of."""
    if fact.held is None:
        return None
    held = [i for i in fact.held[0] if i in texts]
    return {
        "sentences": [{"id": i, "text": texts[i], "short": _shortened(texts[i])} for i in held],
        "text": " + ".join(texts[i] for i in held),
        "share": f"{round(fact.held[1] * 100)}%",
        # The share is of the fact's sentence they hold most of.
        "of": "it" if len(fact.sentences) == 1 else "one of its sentences",
    }


def _reworded_pairs(comparison: Comparison) -> list[dict[str, Any]]:
    """The sentences said in other words, each row one sentence beside the sentence, or the few sentences
    together, that say it: A's in reading order, then B's remaining ones; a row both sides name (A's s reworded
    to B's t and t to s) comes once.  Each side of a row is a list of ``{"id", "text"}``, and its texts joined
    by " + " (``a_text``, ``b_text``)."""
    texts = {s.id: s.text for doc in (comparison.a, comparison.b) for s in doc.sentences}
    results = comparison.alignment.sentences
    rows: dict[tuple[tuple[str, ...], tuple[str, ...]], float] = {}
    for document in (comparison.a, comparison.b):
        for sentence in document.sentences:
            result = results.get(sentence.id)
            if result is None or result.status != "reworded":
                continue
            others = tuple(other for other in result.matches if other in texts)
            if not others:
                continue
            key = ((sentence.id,), others) if document.side == "a" else (others, (sentence.id,))
            rows.setdefault(key, result.similarity or 0.0)
    return [
        {
            "a": [{"id": i, "text": texts[i]} for i in a_ids],
            "b": [{"id": i, "text": texts[i]} for i in b_ids],
            # for a line of text (Markdown): the sentences of a side, joined
            "a_text": " + ".join(texts[i] for i in a_ids),
            "b_text": " + ".join(texts[i] for i in b_ids),
            "similarity": round(similarity * 100),
            "alike": (
                f"{round(similarity * 100)}% alike in meaning"
                if len(a_ids) == len(b_ids) == 1
                else f"{round(similarity * 100)}% of its meaning in these {max(len(a_ids), len(b_ids))} together"
            ),
        }
        for (a_ids, b_ids), similarity in rows.items()
    ]


def _word_edits(comparison: Comparison) -> list[dict[str, Any]]:
    """The kept sentences a later version added words to or cut words from, no change reporting them (see
    `edited_pairs`), in A's reading order: each sentence as `_tokens` pieces, the words the other lacks
    "added", and those words as a line of text (Markdown)."""
    a, b, results = comparison.a, comparison.b, comparison.alignment.sentences
    texts = {s.id: s.text for doc in (a, b) for s in doc.sentences}
    views = []
    for pair in edited_pairs(a, b, comparison.alignment, comparison.changes):
        if pair.changed:
            continue
        added = results[pair.b].added if pair.words_added else ()
        cut = results[pair.a].added if pair.words_cut else ()
        views.append(
            {
                "a_id": pair.a,
                "b_id": pair.b,
                "a_pieces": _tokens(texts[pair.a], cut),
                "b_pieces": _tokens(texts[pair.b], added),
                "a_text": texts[pair.a],
                "b_text": texts[pair.b],
                "added_text": " · ".join(span.text for span in added),
                "cut_text": " · ".join(span.text for span in cut),
            }
        )
    return views


def _detail_views(comparison: Comparison, side: Side, texts: dict[str, str]) -> list[dict[str, Any]]:
    """What a report shows of the details `side` adds to sentences both carry (`find_details`; none between two
    versions, whose word edits say it): each sentence as `_tokens` pieces with the detail "added", the detail
    as a line of text (Markdown), and the other article's sentences matched with it (cut as `short`)."""
    if comparison.options.versions:
        return []
    views = []
    for detail in find_details(comparison.document(side), comparison.alignment, comparison.changes):
        others = [i for i in detail.counterparts if i in texts]
        views.append(
            {
                "id": detail.sentence,
                "pieces": _tokens(texts[detail.sentence], detail.spans),
                "text": texts[detail.sentence],
                "added_text": " · ".join(span.text for span in detail.spans),
                "counterparts": [{"id": i, "text": texts[i], "short": _shortened(texts[i])} for i in others],
                "counterpart_text": " + ".join(texts[i] for i in others),
            }
        )
    return views


# The opening words of a moved paragraph that name it in a list.
MOVED_OPENING_WORDS = 12


def _moved_paragraphs(comparison: Comparison) -> list[dict[str, Any]]:
    """The paragraph groups the alignment marks moved, in B's order: their numbers on each side ("3", "5-6")
    and the opening words of B's first paragraph."""
    paragraphs = {
        p.id: (number, p) for doc in (comparison.a, comparison.b) for number, p in enumerate(doc.paragraphs, 1)
    }

    def numbers(ids: tuple[str, ...]) -> str:
        found = sorted(paragraphs[i][0] for i in ids)
        return str(found[0]) if len(found) == 1 else f"{found[0]}-{found[-1]}"

    moved = [group for group in comparison.alignment.paragraphs if group.order == "moved" and group.a and group.b]
    moved.sort(key=lambda group: min(paragraphs[i][0] for i in group.b))
    views = []
    for group in moved:
        words = paragraphs[min(group.b, key=lambda i: paragraphs[i][0])][1].text.split()
        opening = " ".join(words[:MOVED_OPENING_WORDS]) + ("…" if len(words) > MOVED_OPENING_WORDS else "")
        views.append({"a": numbers(group.a), "b": numbers(group.b), "text": opening})
    return views


def summary_sentence(comparison: Comparison) -> str:
    """One or two plain-English sentences on what each side carries alone and what differs in what both carry.

    For two versions of one story (``options.versions``): what the later
    version added, cut and changed since the earlier one.  The text of
    `summary_pieces`, joined.
    """
    return "".join(text for _, text in summary_pieces(comparison))


def summary_pieces(comparison: Comparison) -> list[tuple[str, str]]:
    """The summary sentence as (kind, text) pieces: kind "untrusted" for what a label or an article wrote, else "text".

    The HTML report isolates each "untrusted" piece (``<bdi>``), so a bidi
    override in a label or a name cannot reverse the words after it (issue
    "Reliability, round two").
    """
    if comparison.options.versions:
        return _versions_summary(comparison)
    pieces: list[tuple[str, str]] = []
    if not comparison.facts:
        both: list[tuple[str, str]] = [("text", "Both articles")]
        if comparison.a.label != comparison.b.label:
            both = [_untrusted(comparison.a.label), ("text", " and "), _untrusted(comparison.b.label)]
        if comparison.a.article.sha256 == comparison.b.article.sha256:
            pieces += [*both, ("text", " are the same text")]
        else:
            pieces += [*both, ("text", " carry the same facts: neither has a passage the other lacks")]
    for side in ("a", "b") if comparison.facts else ():
        own, other = comparison.document(side), comparison.document(other_side(side))
        facts = comparison.facts_on(side)
        if pieces:
            pieces.append(("text", "; "))
        if not facts:
            pieces += [_untrusted(own.label), ("text", " carries nothing "), _untrusted(other.label)]
            pieces.append(("text", " does not"))
            continue
        passage = "passage" if len(facts) == 1 else "passages"
        pieces += [_untrusted(own.label), ("text", f" carries {len(facts)} {passage} "), _untrusted(other.label)]
        pieces.append(("text", " does not"))
        doubted = sum(f.held is not None for f in facts)
        if doubted:
            # The model's doubt, up front: an editor checks these first (each fact says against what).
            which = "it" if len(facts) == 1 else f"{doubted} of them"
            pieces.append(("text", f" ({which} perhaps in other words: check first)"))
        highlights = _highlights(comparison, side)
        if highlights:
            pieces += [("text", ", among them "), *_join_pieces(highlights)]
    pieces.append(("text", "."))
    variants, extended = comparison.stats.quotes_variant, comparison.stats.quotes_extended
    tail = ""
    if variants:
        quotations, verb = ("quotation", "is") if variants == 1 else ("quotations", "are")
        tail = f" {variants} {quotations} both carry {verb} worded differently"
        if extended:
            tail += f" and {extended} {'is' if extended == 1 else 'are'} quoted further by one outlet"
        tail += "."
    elif extended:
        quotations, verb = ("quotation", "is") if extended == 1 else ("quotations", "are")
        tail = f" {extended} {quotations} both carry {verb} quoted further by one outlet."
    changes = comparison.changes
    if changes:
        verb = "differs" if len(changes) == 1 else "differ"
        pieces += [("text", f" {kinds_counted(changes)} {verb}: "), *_change_list(changes), ("text", ".")]
    if tail:
        pieces.append(("text", tail))
    people = {e.id for e in comparison.entities if e.kind == "person"}
    credited = sum(_speakers_differ(q, people) for q in comparison.quotes)
    if credited:
        quotations, verb = ("quotation", "is") if credited == 1 else ("quotations", "are")
        pieces.append(("text", f" {credited} {quotations} both carry {verb} credited to different people."))
    return _merged(pieces)


def _speakers_differ(quote: QuoteComparison, people: set[str]) -> bool:
    """True when both outlets give the quote and each credits it to another named person (of `people`, entity
    ids): a body named as a source ("the report says") may only be where one outlet read the words."""
    return bool(
        quote.a
        and quote.b
        and quote.a.speaker in people
        and quote.b.speaker in people
        and quote.a.speaker != quote.b.speaker
    )


def _untrusted(text: str) -> tuple[str, str]:
    """`text`, from a label or an article, as a summary piece the HTML isolates."""
    return ("untrusted", text)


def _merged(pieces: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """`pieces` without empty ones, neighbouring "text" pieces joined (an "untrusted" one stays whole)."""
    merged: list[tuple[str, str]] = []
    for kind, text in pieces:
        if not text:
            continue
        if merged and kind == "text" and merged[-1][0] == "text":
            merged[-1] = ("text", merged[-1][1] + text)
        else:
            merged.append((kind, text))
    return merged


def _join_pieces(items: list[list[tuple[str, str]]]) -> list[tuple[str, str]]:
    """Join phrases made of pieces as prose: "x", "x and y", "x, y and z" (see `join_prose`)."""
    pieces: list[tuple[str, str]] = []
    for number, item in enumerate(items):
        if number:
            pieces.append(("text", " and " if number == len(items) - 1 else ", "))
        pieces += item
    return pieces


def _versions_summary(comparison: Comparison) -> list[tuple[str, str]]:
    """The summary pieces for an earlier (A) and a later (B) version: what B added, cut, reworded and changed
    since A."""
    a, b = comparison.a, comparison.b
    added, cut, changes = len(comparison.facts_on("b")), len(comparison.facts_on("a")), comparison.changes
    # A passage said in other words since the earlier version is an edit too: counted as the section lists them.
    reworded = len(_reworded_pairs(comparison))
    # A quotation worded otherwise is the quotes list's, not a change (`changes`), yet an edit all the same; so is
    # a paragraph moved to another place.
    requoted = sum(q.status in ("variant", "extended") for q in comparison.quotes)
    moved = sum(group.order == "moved" for group in comparison.alignment.paragraphs)
    # A clause added to or cut from a sentence both versions keep is its `added` words, not a change: an edit all
    # the same, which "changes nothing" would deny.
    edited = edited_pairs(a, b, comparison.alignment, comparison.changes)
    words_added, words_cut = sum(p.words_added for p in edited), sum(p.words_cut for p in edited)
    # The default labels are adjectives: "the later version", not "later".
    earlier = (
        [("text", "the "), _untrusted(a.label), ("text", " version")]
        if a.label == VERSION_LABELS[0]
        else [_untrusted(a.label)]
    )
    if b.label == VERSION_LABELS[1]:
        later = [("text", "the "), _untrusted(b.label), ("text", " version")]
        later_first = [("text", "The "), _untrusted(b.label), ("text", " version")]
    else:
        later = later_first = [_untrusted(b.label)]  # kept as written ("v2.txt" is not "V2.txt")
    if not (added or cut or changes or reworded or requoted or moved or words_added or words_cut):
        return _merged([*later_first, ("text", " adds, cuts and changes nothing since "), *earlier, ("text", ".")])
    did: list[list[tuple[str, str]]] = []
    if added:
        did.append([("text", f"adds {added} {'passage' if added == 1 else 'passages'}")])
    if cut:
        did.append([("text", f"cuts {cut} {'passage' if cut == 1 else 'passages'}")])
    if reworded:
        did.append([("text", f"rewords {reworded} {'passage' if reworded == 1 else 'passages'}")])
    if requoted:
        did.append([("text", f"changes the words of {requoted} {'quotation' if requoted == 1 else 'quotations'}")])
    if moved:
        did.append([("text", f"moves {moved} {'paragraph' if moved == 1 else 'paragraphs'}")])
    if words_added:
        sentences = "sentence" if words_added == 1 else "sentences"
        did.append([("text", f"adds words to {words_added} {sentences} it keeps")])
    if words_cut:
        sentences = "sentence" if words_cut == 1 else "sentences"
        did.append([("text", f"cuts words from {words_cut} {sentences} it keeps")])
    if changes:
        did.append([("text", f"changes {kinds_counted(changes)}: "), *_change_list(changes)])
    elif not (requoted or words_added or words_cut):
        # A quotation or a clause edited is an edit in a sentence it keeps: not "nothing".
        did.append([("text", "changes nothing in the sentences it keeps")])
    return _merged(
        [("text", "Since "), *earlier, ("text", ", "), *later, ("text", " "), *_join_pieces(did), ("text", ".")]
    )


def kinds_counted(changes: Sequence[Change | SetChange]) -> str:
    """The changes counted by kind, in the order kinds first occur: "2 figures and 1 negation"."""
    counts: dict[str, int] = {}
    for change in changes:
        counts[change.kind] = counts.get(change.kind, 0) + 1
    # One headline is "the headline": a version has no other.
    return join_prose(
        [
            "the headline" if kind == "headline" and n == 1 else f"{n} {CHANGE_NOUNS[kind][n != 1]}"
            for kind, n in counts.items()
        ]
    )


def _change_list(changes: tuple[Change, ...]) -> list[tuple[str, str]]:
    """The first `MAX_SUMMARY_CHANGES` change summaries (article words), joined by "; ", then "and n more"; one
    edit made in several sentences alike ("Ann → Anne" wherever the name stands) is listed once, with a count."""
    times = Counter((change.kind, change.summary) for change in changes)
    first: dict[tuple[str, str], Change] = {}
    for change in changes:
        first.setdefault((change.kind, change.summary), change)
    distinct = list(first.values())
    pieces: list[tuple[str, str]] = []
    for number, change in enumerate(distinct[:MAX_SUMMARY_CHANGES]):
        if number:
            pieces.append(("text", "; "))
        if change.kind == "headline":
            # The count before the list already says "the headline": its two wordings, quoted, say the rest.
            pieces += [("text", "“"), _untrusted(change.a.text), ("text", "” → “"), _untrusted(change.b.text)]
            pieces.append(("text", "”"))
        else:
            pieces.append(_untrusted(change.summary))
        if times[change.kind, change.summary] > 1:
            pieces.append(("text", f" (in {times[change.kind, change.summary]} sentences)"))
    more = len(distinct) - MAX_SUMMARY_CHANGES
    if more > 0:
        pieces.append(("text", f" and {more} more"))
    return pieces


# Which passage the summary names first: one on a person the other article never names, then one on a body, then
# one on any other name.
HIGHLIGHT_KIND_RANK = {"person": 0, "organisation": 1}


def _highlights(comparison: Comparison, side: Side) -> list[list[tuple[str, str]]]:
    """Up to three phrases, as summary pieces, naming the most telling facts only `side` carries.

    First the remarks of people the other article never names, then passages
    about people, bodies or places it never names, then other remarks; the
    facts the model doubts (`Fact.held`) after all the others.
    """
    other = other_side(side)
    by_name = {e.name: e for e in comparison.entities}
    by_id = {e.id: e for e in comparison.entities}
    speakers = {q.speaker_name for c in comparison.quotes for q in (c.a, c.b) if q is not None and q.speaker_name}
    ranked: list[tuple[bool, int, int, int, tuple[tuple[str, str], ...]]] = []
    texts = {s.id: s.text for s in comparison.document(side).sentences}
    quoted = {
        entity.id
        for entity in comparison.entities
        if entity.mentions(side)
        and all(in_quotation(texts.get(m.sentence, ""), m.start) for m in entity.mentions(side))
    }
    for order, fact in enumerate(comparison.facts_on(side)):
        subject = by_name.get(fact.label)
        # A fact the model doubts (perhaps said in other words) is named only when no surer one is left.
        doubted = fact.held is not None
        if fact.quotes and fact.label in speakers:
            absent = subject is not None and not subject.mentions(other)
            tier = 0 if absent else 2
            ranked.append((doubted, tier, 0, order, (("text", "remarks by "), _untrusted(fact.label))))
            continue
        # The people and bodies the fact names that the other article never does, a person first.
        new = sorted(
            (
                by_id[i]
                for i in fact.entities
                # A name only ever inside a quotation is whom a speaker talks of, not what the passage is on.
                if i in by_id and by_id[i].kind != "place" and not by_id[i].mentions(other) and i not in quoted
            ),
            key=lambda e: e.kind != "person",
        )
        # A name of no known kind ("Section", "Liverpool Monaco", "Pride Month") says what a passage is on only
        # when the text names it as a thing ("the Pentagon", "the West Wing").
        new = [e for e in new if e.kind != "other" or _as_written(e, comparison, side) != e.name]
        if new:
            article = "the " if _as_written(new[0], comparison, side) != new[0].name else ""
            rank = HIGHLIGHT_KIND_RANK.get(new[0].kind, len(HIGHLIGHT_KIND_RANK))
            ranked.append((doubted, 1, rank, order, (("text", f"a passage on {article}"), _untrusted(new[0].name))))
    found: list[tuple[tuple[str, str], ...]] = []
    named: set[str] = set()
    for *_, phrase in sorted(ranked):
        # One name once: "remarks by Ann Lowe" says already that the article has a passage on her.
        if phrase[-1][1] not in named:
            named.add(phrase[-1][1])
            found.append(phrase)
    return [list(phrase) for phrase in found[:MAX_SUMMARY_HIGHLIGHTS]]


def _as_written(entity: Entity | None, comparison: Comparison, side: Side) -> str:
    """The entity's name as `side` writes it in running text: "the Treasury" when it mostly has "the" before it."""
    if entity is None:
        return ""
    texts = {s.id: s.text for s in comparison.document(side).sentences}
    mentions = entity.mentions(side)
    with_the = sum(
        1
        for m in mentions
        if texts.get(m.sentence, "")[: m.start].rstrip().lower().endswith(" the")
        or texts.get(m.sentence, "")[: m.start].rstrip().lower() == "the"
    )
    return f"the {entity.name}" if entity.kind != "person" and with_the * 2 > len(mentions) else entity.name


def join_prose(items: list[str]) -> str:
    """Join `items` as prose: "x", "x and y", "x, y and z"."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _side(document: Document, comparison: Comparison, entities: list[dict[str, Any]]) -> dict[str, Any]:
    """Fields of `document`'s side: its header (title, standfirst, source, metadata, word count in `comparison`),
    how many passages only it carries, and which of `entities` only it names."""
    meta = document.article.meta
    stats = comparison.stats.side(document.side)
    standfirst = next((p.text for p in document.paragraphs if p.role == "standfirst"), "")
    published, author = meta.published or "", meta.author or ""
    named_only = [e for e in entities if e["only"] == document.side]
    return {
        "side": document.side,
        "label": document.label,
        "title": document.title,
        "standfirst": standfirst,
        "source": document.article.source,
        "published": published,
        "author": author,
        "words": stats.words,
        "details": " · ".join(part for part in (published, author, f"{stats.words} words in all") if part),
        "notes": list(document.article.notes),
        "fact_count": len(comparison.facts_on(document.side)),
        "doubted_count": sum(f.held is not None for f in comparison.facts_on(document.side)),
        "named_only": named_only,
        "named_only_count": len(named_only),
    }


def _paragraph_view(paragraph: Paragraph, comparison: Comparison) -> ParagraphView:
    """A paragraph's sentences as marked tokens: the words of a matched sentence its counterparts lack (`added`).

    Order-free, as the legend says: words both sentences have are never
    marked because they stand in another order.  A reworded sentence's words
    are not marked (its counterpart says the same in other words); the
    ordered word diff is in the JSON and in the versions redline.
    """
    results = comparison.alignment.sentences
    sentences = []
    for sentence in paragraph.sentences:
        result = results[sentence.id]
        reworded = result.status == "reworded"
        tokens = _tokens(sentence.text, () if reworded else result.added)
        coverage = round(result.coverage * 100)
        if reworded:
            alike = f", {round((result.similarity or 0.0) * 100)}% alike in meaning" if result.similarity else ""
            title = f"reworded: said in other words in {', '.join(result.matches)}{alike}"
        elif result.status in ("shared", "partial"):
            title = f"{result.status}: {coverage}% carried by the other"
        else:
            title = result.status
        sentences.append(
            SentenceView(sentence.id, result.status, tokens, " ".join(result.matches), coverage, title, reworded)
        )
    statuses = [s.status for s in sentences]
    if not paragraph.compared:
        status = "ignored"
    elif statuses and all(s == "shared" for s in statuses):
        status = "shared"
    elif statuses and all(s == "unique" for s in statuses):
        status = "unique"
    else:
        status = "partial"
    role_label = "" if paragraph.role == "body" else paragraph.role
    return ParagraphView(paragraph.id, paragraph.role, status, sentences, len(paragraph.text.split()), role_label)


def _tokens(text: str, added: tuple[Span, ...]) -> list[tuple[str, str]]:
    """Cut `text` into (kind, text) pieces: the `added` spans ("added") and the rest ("text")."""
    marks = ["text"] * len(text)
    for span in added:
        for i in range(span.start, min(span.end, len(text))):
            marks[i] = "added"
    # Spaces and punctuation between two marked words belong to the mark: one
    # highlight for "Russia has" rather than two, easier to read and to lay out.
    for start, end in _gaps(text, marks):
        if marks[start - 1] == marks[end] != "text":
            marks[start:end] = [marks[end]] * (end - start)
    tokens: list[tuple[str, str]] = []
    position = 0
    for mark, run in groupby(marks):
        length = sum(1 for _ in run)
        tokens.append((mark, text[position : position + length]))
        position += length
    return tokens


def _gaps(text: str, marks: list[str]) -> list[tuple[int, int]]:
    """Runs of unmarked characters in `text` with no letter or digit, between two marked ones."""
    gaps = []
    position = 1
    while position < len(text):
        if marks[position] == "text" and marks[position - 1] != "text":
            end = position
            while end < len(text) and marks[end] == "text" and not text[end].isalnum():
                end += 1
            if end < len(text) and marks[end] != "text" and end > position:
                gaps.append((position, end))
            position = end
        position += 1
    return gaps


def _rows(comparison: Comparison, views: dict[str, ParagraphView]) -> list[Row]:
    """Rows of the side-by-side view, in A's order.

    Aligned groups are the anchors.  Between two anchors, the paragraphs only
    A has and those only B has (placed after the anchor holding B's previous
    aligned paragraph) stand side by side, so headline faces headline and a
    passage only one side has sits next to what the other says there.
    """
    group_of: dict[str, int] = {}
    for number, group in enumerate(comparison.alignment.paragraphs):
        for paragraph_id in (*group.a, *group.b):
            group_of[paragraph_id] = number
    # The gaps, keyed by the anchor before them (-1: before the first anchor).
    a_gaps: dict[int, list[ParagraphView]] = {}
    anchors: list[int] = []
    anchor = -1
    for paragraph in comparison.a.paragraphs:
        found = group_of.get(paragraph.id)
        if found is None:
            a_gaps.setdefault(anchor, []).append(views[paragraph.id])
        elif found not in anchors:
            anchors.append(found)
            anchor = found
    b_gaps: dict[int, list[ParagraphView]] = {}
    anchor = -1
    for paragraph in comparison.b.paragraphs:
        found = group_of.get(paragraph.id)
        if found is None:
            b_gaps.setdefault(anchor, []).append(views[paragraph.id])
        else:
            anchor = found
    rows: list[Row] = []
    for anchor in [-1, *anchors]:
        if anchor >= 0:
            group = comparison.alignment.paragraphs[anchor]
            rows.append(
                _row(
                    [views[p] for p in group.a], [views[p] for p in group.b], group.order, round(group.similarity * 100)
                )
            )
        a_gap, b_gap = a_gaps.get(anchor, []), b_gaps.get(anchor, [])
        for index in range(max(len(a_gap), len(b_gap))):
            rows.append(_row(a_gap[index : index + 1], b_gap[index : index + 1], "unaligned", 0))
    return rows


def _row(a: list[ParagraphView], b: list[ParagraphView], order: str, similarity: int) -> Row:
    """A side-by-side row of paragraphs `a` and `b`, with what the "only differences" toggle needs to know."""
    same = bool(a and b) and all(p.status == "shared" for p in (*a, *b))
    furniture = all(p.status == "ignored" for p in (*a, *b))
    return Row(a, b, order, similarity, order == "moved", same, furniture)


# What a paragraph's status means, as the coverage map's links read it aloud.
MAP_STATUS_WORDS = {
    "shared": "the other article carries it",
    "partial": "the other article carries part of it",
    "unique": "only in this article",
    "ignored": "page furniture, not compared",
}


def _map_label(label: str, paragraph: Paragraph, status: str) -> str:
    """A coverage-map block's name: "The Times, paragraph 3 (headline): only in this article"."""
    role = "" if paragraph.role == "body" else f" ({paragraph.role})"
    return f"{label}, paragraph {paragraph.index}{role}: {MAP_STATUS_WORDS.get(status, status)}"


def _coverage_map(
    comparison: Comparison, views: dict[str, ParagraphView]
) -> tuple[list[MapBlock], list[MapBand], float, float]:
    """Coverage-map shapes for `comparison`: a block per paragraph (status from `views`), a band per group, and size."""
    blocks: list[MapBlock] = []
    position: dict[str, tuple[float, float]] = {}
    heights = []
    for column, document in enumerate((comparison.a, comparison.b)):
        x = column * (MAP_COLUMN_WIDTH + MAP_GAP)
        y = 0.0
        for paragraph in document.paragraphs:
            view = views[paragraph.id]
            height = max(MAP_MIN_BLOCK, view.words * MAP_UNITS_PER_WORD)
            blocks.append(
                MapBlock(
                    paragraph.id,
                    x,
                    round(y, 1),
                    MAP_COLUMN_WIDTH,
                    round(height, 1),
                    view.status,
                    _map_label(document.label, paragraph, view.status),
                )
            )
            position[paragraph.id] = (y, y + height)
            y += height + MAP_BLOCK_GAP
        heights.append(y)
    bands = []
    left, right = MAP_COLUMN_WIDTH, MAP_COLUMN_WIDTH + MAP_GAP
    middle = (left + right) / 2
    for group in comparison.alignment.paragraphs:
        top_a = min(position[p][0] for p in group.a)
        bottom_a = max(position[p][1] for p in group.a)
        top_b = min(position[p][0] for p in group.b)
        bottom_b = max(position[p][1] for p in group.b)
        path = (
            f"M{left},{top_a:.1f} C{middle},{top_a:.1f} {middle},{top_b:.1f} {right},{top_b:.1f} "
            f"L{right},{bottom_b:.1f} C{middle},{bottom_b:.1f} {middle},{bottom_a:.1f} {left},{bottom_a:.1f} Z"
        )
        label = f"{', '.join(group.a)} ↔ {', '.join(group.b)} ({group.order})"
        bands.append(MapBand(path, group.order, label, group.order == "moved"))
    return blocks, bands, 2 * MAP_COLUMN_WIDTH + MAP_GAP, max(heights) if heights else 0.0


def _mark_cut(tokens: list[tuple[str, str]], text: str, words: tuple[str, ...]) -> list[tuple[str, str]]:
    """Add "…" where the compared words are only part of the quote's `text`."""
    every = [t.text for t in tokenize(text)]
    if not words or len(every) == len(words):
        return tokens
    start = next((i for i in range(len(every) - len(words) + 1) if tuple(every[i : i + len(words)]) == words), 0)
    lead = [("text", "…")] if start > 0 else []
    tail = [("text", "…")] if start + len(words) < len(every) else []
    return lead + tokens + tail


def _quote_view(
    quote: QuoteComparison, names: dict[str, str], labels: dict[str, str], people: set[str]
) -> dict[str, Any]:
    """A quote comparison ready to show; `names` maps entity ids to names, `labels` sides to outlet labels,
    `people` holds the ids of the entities that are persons."""
    speaker = quote.speaker_name(names)
    a_tokens: list[tuple[str, str]] = []
    b_tokens: list[tuple[str, str]] = []
    if quote.status == "variant" and quote.a is not None and quote.b is not None:
        for op in quote.opcodes:
            kind = "text" if op.tag == "equal" else "changed"
            if op.a_hi > op.a_lo:
                a_tokens.append((kind, " ".join(quote.a_words[op.a_lo : op.a_hi])))
            if op.b_hi > op.b_lo:
                b_tokens.append((kind, " ".join(quote.b_words[op.b_lo : op.b_hi])))
        a_tokens = _mark_cut(a_tokens, quote.a.text, quote.a_words)
        b_tokens = _mark_cut(b_tokens, quote.b.text, quote.b_words)
    extra_note = ""
    if quote.status == "extended" and quote.a is not None and quote.b is not None and quote.extra is not None:
        extra = quote.extra
        longer = quote.a.text if extra.side == "a" else quote.b.text
        marked = [
            ("text", longer[: extra.start].strip()),
            ("extra", longer[extra.start : extra.end].strip()),
            ("text", longer[extra.end :].strip()),
        ]
        a_tokens = [t for t in marked if t[1]] if extra.side == "a" else [("text", quote.a.text)]
        b_tokens = [t for t in marked if t[1]] if extra.side == "b" else [("text", quote.b.text)]
        lead = "…" if longer[: extra.start].strip() else ""
        tail = "…" if longer[extra.end :].strip() else ""
        extra_note = f"only in {labels[extra.side]}: {lead}{extra.text.strip()}{tail}"
    statuses = {
        "identical": "identical",
        "extended": "one quotes more",
        "variant": "worded differently",
        "only_a": f"only in {labels['a']}",
        "only_b": f"only in {labels['b']}",
    }
    same_words = bool(
        quote.a
        and quote.b
        and [fold(t.text) for t in tokenize(quote.a.text)] == [fold(t.text) for t in tokenize(quote.b.text)]
    )
    # Two outlets that put the same words in different mouths disagree on who spoke: each names its own.
    speakers_differ = _speakers_differ(quote, people)
    if speakers_differ and quote.a and quote.b:
        speaker = (
            f"{names.get(quote.a.speaker or '', '?')} in {labels['a']}; "
            f"{names.get(quote.b.speaker or '', '?')} in {labels['b']}"
        )
    return {
        "id": quote.id,
        "speaker": speaker or "unattributed",
        "speakers_differ": speakers_differ,
        "status": quote.status,
        "status_label": statuses[quote.status] + (", credited to different people" if speakers_differ else ""),
        "variant": quote.status == "variant",
        "extended": bool(extra_note),
        "marked": quote.status == "variant" or bool(extra_note),  # shown as tokens, the differing words marked
        "extra_note": extra_note,
        "a_note": extra_note if quote.extra is not None and quote.extra.side == "a" else "",
        "b_note": extra_note if quote.extra is not None and quote.extra.side == "b" else "",
        "similarity": round(quote.similarity * 100),
        "a": quote.a.text if quote.a else "",
        "b": quote.b.text if quote.b else "",
        "a_anchor": quote.a.sentences[0] if quote.a and quote.a.sentences else "",
        "b_anchor": quote.b.sentences[0] if quote.b and quote.b.sentences else "",
        "a_tokens": a_tokens,
        "b_tokens": b_tokens,
        # The same words, perhaps in other typography (case, quote marks, dashes): paper prints such a quote
        # once.  Words as written, not matching keys: "organised" and "organized" are not the same words.
        "same_words": same_words,
        "print_once": quote.status == "identical" and same_words,
    }

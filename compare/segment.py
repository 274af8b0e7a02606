"""Segmentation: `Article` → `Document`.

Input: an article's blocks.  Output: paragraphs with ids (``a-p3``), roles and
offsets, each split into sentences (``a-p3-s1``) with offsets into
`Article.text`.

Roles, and the wire datelines and credits split off a paragraph, come from
`compare.furniture`.

Sentences are split by sentencex (Wikimedia's rule-based segmenter), which
handles honorifics, initials and quotes closing after the full stop; a
sentence that starts in lower case is joined to the previous one, since it
continues it (``"Why?" she asked.``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

import sentencex

from .furniture import (
    assign_roles,
    split_glued_markers,
    split_glued_subheads,
    split_leading_datelines,
    split_trailing_credit,
    split_trailing_signoffs,
)
from .model import Article, Document, Paragraph, Sentence, Side
from .normalise import OPENING_QUOTE_MARKS, TIME_ZONES, question_before, word_count

# Abbreviations a sentence cannot end with: "Ms. Ashdown said".
ABBREVIATION_END_RE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|Capt|Cmdr|Prof|Rev|Sgt|St|Maj|Adm|Supt|Insp|Det)\.$"
)


# A sentence does not open with a lone abbreviation and a comma ("Y., said" after "Jerrold Nadler, D-N."): the
# splitter took a full stop inside the abbreviation for the end of a sentence.
ABBREVIATION_CONTINUES_RE = re.compile(r"[A-Z][a-z]{0,4}\.,")
# The longest abbreviation above with its full stop and a character before it: how far back one is read.
ABBREVIATION_REACH = 8
# A quotation closing on "?" or "!" ends the sentence before it ('“Why?” Mr. Ek asked.')...
QUESTION_QUOTE_END_RE = re.compile(r"[?!][”\"’']\s*$")
# ...and this is its attribution: a name of up to five words, a verb of speech, a few words more.
SHORT_ATTRIBUTION_RE = re.compile(
    r"(?:[A-Z][\w.’'-]*\s+){1,5}(?:said|says|asked|asks|added|adds|told|wrote|replied|recalled|shouted)\b"
    r"[^.!?“”\"]{0,60}[.!?]?"
)
# A time zone after "a.m." or "p.m." ends the time, not a sentence: "at 8 p.m. ET."
TIME_BEFORE_ZONE_RE = re.compile(r"\b[ap]\.m\.$")
TIME_ZONE_RE = re.compile(rf"(?:{'|'.join(sorted(TIME_ZONES, key=lambda zone: (-len(zone), zone)))})\b")
# A sentence of more words than this is not one a reporter wrote (a table, a list, or pathological input);
# reading it in pieces keeps the cost of comparing two sentences bounded.
MAX_SENTENCE_WORDS = 250
WORD_RE = re.compile(r"\S+")
# The longest piece of a line handed to sentencex at once: see `_boundaries`.
SEGMENTER_PIECE_CHARS = 5_000


def segment_article(article: Article, side: Side, label: str) -> Document:
    """Split `article` into paragraphs with roles and sentences, as side `side`.

    A run of more than `MAX_SENTENCE_WORDS` words without a sentence end is
    read in pieces of that many words, and the article's notes say so.
    """
    unglued = split_glued_subheads(split_trailing_signoffs(split_glued_markers(article.blocks)))
    pieces = list(split_leading_datelines(split_trailing_credit(tuple(unglued))))
    roles = assign_roles(pieces)
    paragraphs = []
    cut = 0
    for index, (block, role) in enumerate(zip(pieces, roles, strict=True), start=1):
        paragraph_id = f"{side}-p{index}"
        spans = []
        for start, end in split_sentences(block.text, block.start):
            parts = _cut_long(article.text, start, end)
            cut += len(parts) > 1
            spans.extend(parts)
        sentences = tuple(
            Sentence(f"{paragraph_id}-s{number}", paragraph_id, article.text[start:end], start, end)
            for number, (start, end) in enumerate(spans, start=1)
        )
        paragraphs.append(Paragraph(paragraph_id, index, role, block.text, block.start, block.end, sentences))
    if cut:
        note = (
            f"{cut} passage{'s' if cut > 1 else ''} of more than {MAX_SENTENCE_WORDS} words without a sentence end "
            f"{'were' if cut > 1 else 'was'} read in pieces of at most {MAX_SENTENCE_WORDS} words"
        )
        article = replace(article, notes=(*article.notes, note))
    body_words = sum(word_count(p.text) for p in paragraphs if p.compared)
    if article.format == "html" and body_words < MIN_PAGE_BODY_WORDS:
        # A menu, a cookie wall or a log-in page gives a title and some links: say so rather than compare them.
        note = (
            f"the page gives only {body_words} word{'' if body_words == 1 else 's'} of article text; it may be a "
            "menu, a log-in or consent page rather than the article: give the article's own page or its saved text"
        )
        article = replace(article, notes=(*article.notes, note))
    return Document(side, label, article, tuple(paragraphs))


# An HTML page whose body has fewer words than this is noted as perhaps not the article at all.
MIN_PAGE_BODY_WORDS = 25


def _cut_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """`start`:`end` of `text` as one span, or in pieces of `MAX_SENTENCE_WORDS` words when it is longer."""
    words = list(WORD_RE.finditer(text, start, end))
    if len(words) <= MAX_SENTENCE_WORDS:
        return [(start, end)]
    return [
        (words[first].start(), words[min(first + MAX_SENTENCE_WORDS, len(words)) - 1].end())
        for first in range(0, len(words), MAX_SENTENCE_WORDS)
    ]


def split_sentences(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Return the (start, end) of each sentence of `text`, shifted by `offset`.

    >>> t = 'Gen Smith said: "It is done." He left. "Why?" she asked.'
    >>> [t[a:b] for a, b in split_sentences(t)]
    ['Gen Smith said: "It is done."', 'He left.', '"Why?" she asked.']
    """
    spans: list[tuple[int, int]] = []
    for line_start, line in _lines(text):
        line_spans: list[tuple[int, int]] = []
        for boundary in _boundaries(line):
            start, end = _trim(line, boundary["start_index"], boundary["end_index"])
            if start >= end:
                continue
            previous_start, previous_end = line_spans[-1] if line_spans else (0, 0)
            near_end = max(previous_start, previous_end - ABBREVIATION_REACH)
            joins = line_spans and (
                line[start].islower()
                # '“… in casual conversation?” Mr. Jordan said.': a quotation ending in a question or an
                # exclamation goes on with the name of who said it.
                or (
                    QUESTION_QUOTE_END_RE.search(line, previous_start, previous_end) is not None
                    and SHORT_ATTRIBUTION_RE.fullmatch(line, start, end) is not None
                )
                # 'Governor Hale? “Solid as a rock.”': a short question opening a line goes on with the quoted
                # answer after it, as in an interview's quick round; apart, neither half says anything.
                or (
                    len(line_spans) == 1
                    and line[start] in OPENING_QUOTE_MARKS
                    and question_before(line, start) is not None
                )
                or line[start] in ",;:)]"
                or (
                    TIME_BEFORE_ZONE_RE.search(line, previous_start, previous_end) is not None
                    and TIME_ZONE_RE.match(line, start) is not None
                )
                or ABBREVIATION_CONTINUES_RE.match(line, start)
                # The abbreviation is read near the previous sentence's end: that sentence may have grown long.
                or ABBREVIATION_END_RE.search(line, near_end, previous_end)
            )
            if joins:
                line_spans[-1] = (line_spans[-1][0], end)
            else:
                line_spans.append((start, end))
        spans.extend((line_start + start, line_start + end) for start, end in line_spans)
    return [(start + offset, end + offset) for start, end in spans]


def _boundaries(line: str) -> Iterable[dict[str, int]]:
    """sentencex's sentence boundaries in `line`, asked for a piece of at most `SEGMENTER_PIECE_CHARS` at a time.

    sentencex's time grows with the square of a line's length on text full
    of stray quote marks; a paragraph of prose is a fraction of a piece, so
    only such text is ever cut (after a sentence end where the piece has one,
    else at a space).
    """
    offset = 0
    while offset < len(line):
        end = min(len(line), offset + SEGMENTER_PIECE_CHARS)
        if end < len(line):
            window = line[offset:end]
            cut = max(window.rfind(". "), window.rfind("? "), window.rfind("! "))
            cut = cut + 2 if cut > 0 else window.rfind(" ") + 1
            end = offset + cut if cut > 0 else end
        for boundary in sentencex.get_sentence_boundaries("en", line[offset:end]):
            yield {"start_index": boundary["start_index"] + offset, "end_index": boundary["end_index"] + offset}
        offset = end


def _lines(text: str) -> Iterable[tuple[int, str]]:
    """Each line of `text` with its offset, so that no sentence crosses a line break."""
    # A line break inside a block ends a sentence: captions, bylines and
    # navigation lines carry no full stop of their own.
    position = 0
    for line in text.split("\n"):
        yield position, line
        position += len(line) + 1


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow `start`:`end` so that the span of `text` neither starts nor ends with whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end

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

import sentencex

from .furniture import assign_roles, split_leading_datelines, split_trailing_credit
from .model import Article, Document, Paragraph, Sentence, Side

# Abbreviations a sentence cannot end with: "Ms. Ashdown said".
ABBREVIATION_END_RE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|Capt|Cmdr|Prof|Rev|Sgt|St|Maj|Adm|Supt|Insp|Det)\.$"
)


def segment_article(article: Article, side: Side, label: str) -> Document:
    """Split `article` into paragraphs with roles and sentences, as side `side`."""
    pieces = list(split_leading_datelines(split_trailing_credit(article.blocks)))
    roles = assign_roles(pieces)
    paragraphs = []
    for index, (block, role) in enumerate(zip(pieces, roles, strict=True), start=1):
        paragraph_id = f"{side}-p{index}"
        sentences = tuple(
            Sentence(f"{paragraph_id}-s{number}", paragraph_id, article.text[start:end], start, end)
            for number, (start, end) in enumerate(split_sentences(block.text, block.start), start=1)
        )
        paragraphs.append(Paragraph(paragraph_id, index, role, block.text, block.start, block.end, sentences))
    return Document(side, label, article, tuple(paragraphs))


def split_sentences(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Return the (start, end) of each sentence of `text`, shifted by `offset`.

    >>> t = 'Gen Smith said: "It is done." He left. "Why?" she asked.'
    >>> [t[a:b] for a, b in split_sentences(t)]
    ['Gen Smith said: "It is done."', 'He left.', '"Why?" she asked.']
    """
    spans: list[tuple[int, int]] = []
    for line_start, line in _lines(text):
        line_spans: list[tuple[int, int]] = []
        for boundary in sentencex.get_sentence_boundaries("en", line):
            start, end = _trim(line, boundary["start_index"], boundary["end_index"])
            if start >= end:
                continue
            joins = line_spans and (
                line[start].islower()
                or line[start] in ",;:)]"
                or ABBREVIATION_END_RE.search(line[line_spans[-1][0] : line_spans[-1][1]])
            )
            if joins:
                line_spans[-1] = (line_spans[-1][0], end)
            else:
                line_spans.append((start, end))
        spans.extend((line_start + start, line_start + end) for start, end in line_spans)
    return [(start + offset, end + offset) for start, end in spans]


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

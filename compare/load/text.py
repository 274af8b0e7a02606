"""Plain text → blocks: paragraphs at blank lines (or at line ends), the first line as the title."""

from __future__ import annotations

import re

from ..model import Block, Metadata
from .blocks import Parsed

# A block of at least this many lines, at least half of them long ones,
# reads as one paragraph per line (an export that ends paragraphs with single
# line breaks) rather than as one paragraph wrapped at a fixed width.
_MIN_LINES_PER_PARAGRAPH_TEXT = 3
_LONG_LINE_WORDS = 12
# A text wrapped at a fixed width (mail, old wire copy, `fmt`) is no narrower and no wider than these, and at
# least this many of the line breaks inside its paragraphs, and this share of them, fall where the next word would
# not have fit.
_MIN_WRAP_WIDTH = 40
_MAX_WRAP_WIDTH = 100
_MIN_WRAPPED_BREAKS = 3
_MIN_WRAPPED_SHARE = 0.75


def read(text: str, *, url: str | None, source: str) -> Parsed:
    """Split plain `text` into paragraph blocks; its first line is the title.

    Trailing whitespace is dropped from the text, and the metadata carries no
    URL even when `url` is given; `source` is not needed.

    >>> parsed = read("Headline\\n\\nFirst line.\\nSecond line.\\n", url=None, source="a.txt")
    >>> [(b.text, b.start, b.end) for b in parsed.blocks], parsed.meta.title
    ([('Headline', 0, 8), ('First line.\\nSecond line.', 10, 34)], 'Headline')
    """
    text = _unwrapped(text.rstrip())
    blocks = _text_blocks(text)
    first_line = blocks[0].text.split("\n", 1)[0].strip()
    return Parsed(text, tuple(blocks), Metadata(title=first_line or None))


def _unwrapped(text: str) -> str:
    """`text` with the line breaks of a fixed-width wrap made spaces, when it is wrapped so; else `text` itself.

    A line wrapped at width W ends where its next word would have passed W;
    such a break inside a paragraph is no sentence end (`segment` reads a
    line break as one).  Other breaks, a byline over its place say, stay.
    A break becomes one space, or nothing after a hyphen that ends a line
    inside a word ("low-" / "lying" is "low-lying").

    >>> wrapped = (
    ...     "Pier shut\\n\\nThe pier was closed on Tuesday after divers\\n"
    ...     "found cracks in three of its piles, officials\\nsaid, and boats were moved to the south basin\\n"
    ...     "until repairs begin.\\n\\nBy Jo Reid\\nOslo"
    ... )
    >>> _unwrapped(wrapped).split("\\n\\n")[1][-45:]
    'moved to the south basin until repairs begin.'
    >>> "\\n" in _unwrapped(wrapped).split("\\n\\n")[1], _unwrapped(wrapped).split("\\n\\n")[2]
    (False, 'By Jo Reid\\nOslo')
    """
    lines = text.split("\n")
    # The lines a paragraph goes on after: a wrap's width is theirs (a headline alone on its line may be wider).
    inside = [index for index in range(len(lines) - 1) if lines[index].strip() and lines[index + 1].strip()]
    if len(inside) < _MIN_WRAPPED_BREAKS:
        return text
    width = max(len(lines[index].rstrip()) for index in inside)
    if not _MIN_WRAP_WIDTH <= width <= _MAX_WRAP_WIDTH:
        return text  # a list of short lines, or lines no one wraps
    wrapped = {index for index in inside if len(lines[index].rstrip()) + 1 + len(lines[index + 1].split()[0]) > width}
    if len(wrapped) < _MIN_WRAPPED_BREAKS or len(wrapped) < _MIN_WRAPPED_SHARE * len(inside):
        return text
    pieces: list[str] = []
    for index, line in enumerate(lines):
        if index in wrapped and _HYPHEN_END.search(line) and lines[index + 1].lstrip()[:1].isalpha():
            pieces.append(line.rstrip())  # "low-" + "lying": a compound the wrap broke at its hyphen
            lines[index + 1] = lines[index + 1].lstrip()
            continue
        pieces.append(line)
        if index < len(lines) - 1:
            pieces.append(" " if index in wrapped else "\n")
    return "".join(pieces)


# A line that ends inside a hyphenated word ("low-"), not with a dash set apart ("said -").
_HYPHEN_END = re.compile(r"[^\W\d_]-\s*$")


def _text_blocks(text: str) -> list[Block]:
    """Split plain `text` at blank lines into paragraph blocks, keeping the newlines inside each.

    A text with no blank line at all but several lines of prose (an export that
    ends paragraphs with single line breaks) is split at its lines instead.
    """
    blocks = _blank_line_blocks(text)
    if len(blocks) == 1 and _is_line_per_paragraph(blocks[0].text):
        blocks = []
        offset = 0
        for line in text.split("\n"):
            start = offset + len(line) - len(line.lstrip())
            end = offset + len(line.rstrip())
            if end > start:
                blocks.append(Block(text[start:end], start, end))
            offset += len(line) + 1
    return blocks


def _is_line_per_paragraph(block: str) -> bool:
    """True when a block's lines read as paragraphs: several, and most of them long."""
    lines = [line for line in block.split("\n") if line.strip()]
    long_lines = sum(len(line.split()) >= _LONG_LINE_WORDS for line in lines)
    return len(lines) >= _MIN_LINES_PER_PARAGRAPH_TEXT and long_lines * 2 >= len(lines)


def _blank_line_blocks(text: str) -> list[Block]:
    """Split `text` at blank lines."""
    blocks: list[Block] = []
    start: int | None = None
    end = 0
    offset = 0
    for line in text.split("\n"):
        line_start = offset
        offset += len(line) + 1
        if not line.strip():
            if start is not None:
                blocks.append(Block(text[start:end], start, end))
                start = None
            continue
        if start is None:
            start = line_start + len(line) - len(line.lstrip())
        end = line_start + len(line.rstrip())
    if start is not None:
        blocks.append(Block(text[start:end], start, end))
    return blocks

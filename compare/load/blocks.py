"""What a format's reader returns, and the helpers the readers share to build it."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Block, BlockKind, Metadata

#: A block's text and kind, before it has offsets.
Piece = tuple[str, BlockKind]

# Blocks rebuilt from pieces are joined with one blank line.
_BLOCK_SEPARATOR = "\n\n"


@dataclass(frozen=True)
class Parsed:
    """An input's text as a format reads it: the text, its blocks with offsets into it, metadata and notes.

    No blocks means the reader found no article text.
    """

    text: str
    blocks: tuple[Block, ...]
    meta: Metadata
    notes: tuple[str, ...] = ()


def from_pieces(pieces: Sequence[Piece], meta: Metadata, *, url: str | None, notes: tuple[str, ...] = ()) -> Parsed:
    """Join the block texts of `pieces` with blank lines into a `Parsed` with offsets.

    `meta` is kept, with its URL set to `url` when one is given; `notes`
    are passed on.

    >>> parsed = from_pieces([("Title", "title"), ("Body.", "paragraph")], Metadata(), url=None)
    >>> parsed.text, [(b.start, b.end, b.kind) for b in parsed.blocks]
    ('Title\\n\\nBody.', [(0, 5, 'title'), (7, 12, 'paragraph')])
    """
    blocks: list[Block] = []
    offset = 0
    for text, kind in pieces:
        blocks.append(Block(text, offset, offset + len(text), kind))
        offset += len(text) + len(_BLOCK_SEPARATOR)
    if url is not None:
        meta = dataclasses.replace(meta, url=url)
    return Parsed(_BLOCK_SEPARATOR.join(text for text, _ in pieces), tuple(blocks), meta, notes)


def collapse(text: str) -> str:
    """`text` with every run of whitespace made one space, and trimmed.

    >>> collapse("  two\\n  words ")
    'two words'
    """
    return " ".join(text.split())

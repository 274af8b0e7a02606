"""HTML → blocks: the page's main text as trafilatura extracts it, with its metadata.

trafilatura is slow to import, so only HTML inputs pay for it.  When it
finds no main article, the page's visible text is used instead, with a note.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import Any

from ..errors import ArticleError
from ..model import BlockKind, Metadata
from .blocks import Parsed, Piece, collapse, from_pieces

_XML_CONTAINERS = frozenset({"main", "div", "list", "body", "doc", "row", "cell", "table"})
_XML_BLOCK_CHILDREN = frozenset({"p", "head", "list", "item", "quote", "code", "div", "table"})
# Where a page says it is a whole document rather than a fragment.
_HTML_START = re.compile(r"<html[\s>]", re.IGNORECASE)
_BODY_START = re.compile(r"<body[\s>]", re.IGNORECASE)
# A tag with more attributes than this is not a page's markup (real tags carry a handful; see `check_markup`).
MAX_TAG_ATTRIBUTES = 1_000
_TAG_START = re.compile(r"<[A-Za-z]")
_TAG_WORD = re.compile(r"[^\s=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]*))?")
# The fields of trafilatura's metadata, under the names its XML output uses.
_METADATA_FIELDS = ("title", "sitename", "author", "date", "url")


def check_markup(text: str, *, source: str) -> None:
    """Refuse HTML with a tag of more than `MAX_TAG_ATTRIBUTES` attributes (an `ArticleError` naming `source`).

    libxml2 checks each attribute against the tag's others: a tag of 80,000
    attributes keeps it busy for minutes, in C, where no signal gets in.  The
    tags are found in one pass: each `<` is read to its `>`.
    """
    start = _TAG_START.search(text)
    while start is not None:
        position = start.start()
        end = text.find(">", position)
        if end == -1:
            end = len(text)
        # An attribute is a word of the tag, with or without a value: counting words bounds them.
        attributes = len(_TAG_WORD.findall(text, position, end)) - 1
        if attributes > MAX_TAG_ATTRIBUTES:
            raise ArticleError(
                f"has a tag with {attributes:,} attributes (more than {MAX_TAG_ATTRIBUTES:,}): markup this "
                "malformed is not read as HTML; give the article as plain text (.txt)",
                source=source,
            )
        start = _TAG_START.search(text, end)


def read(text: str, *, url: str | None, source: str) -> Parsed:
    """Extract the main text of the HTML page `text` into blocks, with the page's metadata.

    `url`, when given, helps trafilatura and replaces the page's own URL in
    the metadata; `source` is not needed.  No blocks come back when the page
    has no visible text at all.
    """
    check_markup(text, source=source)
    found = _html_pieces(text, url=url)
    if found is None:
        return Parsed("", (), Metadata())
    pieces, meta, notes = found
    return from_pieces(pieces, meta, url=url, notes=notes)


def _html_pieces(page: str, *, url: str | None) -> tuple[list[Piece], Metadata, tuple[str, ...]] | None:
    """Extract the main text of the HTML `page` with trafilatura into block texts, metadata and notes.

    None when the page has no visible text at all.
    """
    import trafilatura  # slow to import: only HTML inputs pay for it

    notes: tuple[str, ...] = ()
    pieces: list[Piece] = []
    attrs: dict[str, str] = {}
    page = _as_document(page)
    xml = trafilatura.extract(
        page,
        url=url,
        output_format="xml",
        include_comments=False,
        include_tables=False,
        favor_recall=True,
        with_metadata=True,
    )
    if xml:
        try:
            doc = ET.fromstring(xml)
        except ET.ParseError:
            doc = None
        if doc is not None:
            attrs = dict(doc.attrib)
            main = doc.find("main")
            if main is not None:
                _walk_xml(main, pieces, in_quote=False)
    if not pieces:
        # No main article found: fall back to the page's visible text,
        # one block per line trafilatura's baseline gives.
        _, fallback, _ = trafilatura.baseline(page)
        lines = [collapse(line) for line in (fallback or "").split("\n")]
        pieces = [(line, "paragraph") for line in lines if line]
        if not pieces:
            visible = collapse(trafilatura.html2txt(page) or "")
            pieces = [(visible, "paragraph")] if visible else []
        if not pieces:
            return None
        notes = ("no main article text found in the page; used all of its visible text",)
        attrs = _metadata_attrs(trafilatura.extract_metadata(page, default_url=url))
    meta = Metadata(
        title=_clean(attrs.get("title")),
        outlet=_clean(attrs.get("sitename")),
        author=_clean(attrs.get("author")),
        published=_clean(attrs.get("date")),
        url=_clean(attrs.get("url")),
    )
    if meta.title and not _fold(" ".join(t for t, _ in pieces)).startswith(_fold(meta.title)):
        pieces.insert(0, (meta.title, "title"))
    return pieces, meta, notes


def _as_document(page: str) -> str:
    """Wrap an HTML fragment (a saved article body) in ``<html><body>``.

    trafilatura finds nothing in a fragment such as ``<p>…</p><p>…</p>``:
    lxml then makes the first element the root and the rest is lost.
    """
    if _HTML_START.search(page):
        return page
    if _BODY_START.search(page):
        return f"<html>{page}</html>"
    return f"<html><body>{page}</body></html>"


def _metadata_attrs(document: Any) -> dict[str, str]:
    """The metadata fields of a trafilatura `Document` under the names its XML output uses."""
    attrs: dict[str, str] = {}
    if document is None:
        return attrs
    for name in _METADATA_FIELDS:
        value = getattr(document, name, None)
        if isinstance(value, str):
            attrs[name] = value
    return attrs


def _clean(value: str | None) -> str | None:
    """`value` with whitespace collapsed, or None when empty."""
    return collapse(value) or None if value else None


def _fold(text: str) -> str:
    """`text` normalised for a loose comparison: collapsed and case-folded."""
    return collapse(text).casefold()


def _walk_xml(element: ET.Element, pieces: list[Piece], *, in_quote: bool) -> None:
    """Turn trafilatura's XML under `element` into blocks: head, p, quote, item, code."""
    loose_kind: BlockKind = "quote" if in_quote else "paragraph"
    _add(pieces, element.text, loose_kind)
    for child in element:
        tag = child.tag
        if tag == "head":
            _add(pieces, _xml_text(child), "heading")
        elif tag == "quote":
            if any(sub.tag in _XML_BLOCK_CHILDREN for sub in child):
                _walk_xml(child, pieces, in_quote=True)
            else:
                _add(pieces, _xml_text(child), "quote")
        elif tag == "item":
            _add(pieces, _xml_text(child, skip=frozenset({"list"})), "item")
            for sub in child:
                if sub.tag == "list":
                    _walk_xml(sub, pieces, in_quote=in_quote)
        elif tag in _XML_CONTAINERS:
            _walk_xml(child, pieces, in_quote=in_quote)
        elif tag in ("graphic", "lb"):
            pass
        else:  # p, code and whatever trafilatura adds later
            _add(pieces, _xml_text(child), "quote" if in_quote else "paragraph")
        _add(pieces, child.tail, loose_kind)


def _add(pieces: list[Piece], text: str | None, kind: BlockKind) -> None:
    """Append `text`, collapsed, as a block of `kind` when anything is left of it."""
    if text:
        text = collapse(text)
        if text:
            pieces.append((text, kind))


def _xml_text(element: ET.Element, skip: frozenset[str] = frozenset()) -> str:
    """The collapsed text of a trafilatura XML `element`, leaving out subtrees tagged in `skip`."""
    return collapse("".join(_iter_xml_text(element, skip)))


def _iter_xml_text(element: ET.Element, skip: frozenset[str]) -> Iterator[str]:
    """The text runs of `element` in order, a space for each ``<lb/>``."""
    if element.text:
        yield element.text
    for child in element:
        if child.tag not in skip:
            if child.tag == "lb":
                yield " "  # a line break inside a paragraph still separates words
            yield from _iter_xml_text(child, frozenset())
        if child.tail:
            yield child.tail

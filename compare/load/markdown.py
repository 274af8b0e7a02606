"""Markdown → blocks, with Python-Markdown's element tree; ``---`` front matter → metadata.

Python-Markdown is imported only when a Markdown input is read.  Raw HTML
in the Markdown is never kept as markup: only its visible text.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

from ..errors import ArticleError
from ..model import BlockKind, Metadata
from .blocks import Parsed, Piece, collapse, from_pieces

_FRONT_MATTER = re.compile(
    r"""
    \A --- [ \t]* \n                        # a rule on the very first line
    (.*?) \n                                # the fields
    (?: --- | \.\.\. ) [ \t]* (?: \n | \Z)  # a closing rule, or YAML's end of document
    """,
    re.DOTALL | re.VERBOSE,
)
_FRONT_KEY = re.compile(r"(?P<key> [A-Za-z_][\w-]* ) [ \t]* : [ \t]* (?P<value> .* )", re.VERBOSE)
_FRONT_FIELDS = {
    "title": "title",
    "outlet": "outlet",
    "author": "author",
    "published": "published",
    "date": "published",
    "url": "url",
}
# Python-Markdown's placeholders (markdown.util): raw HTML it stashed, and
# the `&` of the entity-obfuscated e-mail links it makes.
_STASH_PLACEHOLDER = re.compile(r"\x02wzxhzdk:(\d+)\x03")
_OBFUSCATED_CHAR = re.compile(r"\x02amp\x03#(\d+);")
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Run after Python-Markdown's last treeprocessor, "unescape" (priority 0), so
# that backslash escapes are resolved in the tree we capture.
_CAPTURE_PRIORITY = -100


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split `---` front matter off `text`: its known ``key: value`` fields, and the rest."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return {}, text
    lines = [line for line in match.group(1).split("\n") if line.strip()]
    # A `---` rule followed by prose is not front matter.
    if not lines or _FRONT_KEY.fullmatch(lines[0].strip()) is None:
        return {}, text
    fields: dict[str, str] = {}
    for line in lines:
        key_value = _FRONT_KEY.fullmatch(line.strip())
        if key_value is None or line[:1].isspace():
            continue  # YAML lists, nested maps: not ours
        field = _FRONT_FIELDS.get(key_value.group("key").lower())
        value = key_value.group("value").strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        if field and value and field not in fields:
            fields[field] = value
    return fields, text[match.end() :]


class _TreeCapture:
    """A Python-Markdown treeprocessor that keeps the finished tree and the stashed raw HTML."""

    def __init__(self, md: Any) -> None:
        """Capture for the Python-Markdown instance `md`."""
        self.md = md
        self.root: ET.Element | None = None
        self.stash: list[str] = []

    def run(self, root: ET.Element) -> None:
        """Keep `root` and a copy of the raw HTML stash, changing nothing."""
        self.root = root
        self.stash = [
            item if isinstance(item, str) else "".join(item.itertext()) for item in self.md.htmlStash.rawHtmlBlocks
        ]


def read(text: str, *, url: str | None, source: str) -> Parsed:
    """Parse Markdown `text` into blocks, with the metadata of its front matter (its URL replaced by `url` if given).

    Markdown nested deeper than Python-Markdown can follow (a thousand ``**``,
    a list six hundred levels deep) is an `ArticleError` naming `source`.

    >>> parsed = read("---\\ntitle: A story\\n---\\n# Head\\n\\n> Said.", url=None, source="a.md")
    >>> [(b.text, b.kind) for b in parsed.blocks], parsed.meta.title
    ([('Head', 'heading'), ('Said.', 'quote')], 'A story')
    """
    try:
        pieces, meta = _markdown_pieces(text)
    except RecursionError:
        raise ArticleError(
            "is nested too deeply to read as Markdown; give it as plain text (.txt)", source=source
        ) from None
    return from_pieces(pieces, meta, url=url)


def _markdown_pieces(text: str) -> tuple[list[Piece], Metadata]:
    """Parse Markdown `text` into block texts and kinds, and its front-matter metadata."""
    import markdown

    fields, body = _front_matter(text)
    md = markdown.Markdown()
    capture = _TreeCapture(md)
    md.treeprocessors.register(capture, "article_compare_capture", _CAPTURE_PRIORITY)
    md.convert(body)
    pieces: list[Piece] = []
    title: list[str] = []
    if capture.root is not None:
        _walk_markdown(capture.root, capture.stash, pieces, title, in_quote=False)
    meta = Metadata(
        title=fields.get("title") or (title[0] if title else None),
        outlet=fields.get("outlet"),
        author=fields.get("author"),
        published=fields.get("published"),
        url=fields.get("url"),
    )
    return pieces, meta


def _walk_markdown(
    element: ET.Element, stash: list[str], pieces: list[Piece], title: list[str], *, in_quote: bool
) -> None:
    """Add the blocks of each child of `element` to `pieces`."""
    for child in element:
        _markdown_block(child, stash, pieces, title, in_quote=in_quote)


def _markdown_block(
    element: ET.Element, stash: list[str], pieces: list[Piece], title: list[str], *, in_quote: bool
) -> None:
    """Add the blocks of one element of Python-Markdown's tree to `pieces`."""
    tag = element.tag
    if tag in _HEADINGS:
        texts = _markdown_text(element, stash)
        if tag == "h1" and texts and not title:
            title.append(" ".join(texts))
        pieces.extend((t, "heading") for t in texts)
    elif tag == "blockquote":
        _walk_markdown(element, stash, pieces, title, in_quote=True)
    elif tag in ("ul", "ol", "div"):
        _walk_markdown(element, stash, pieces, title, in_quote=in_quote)
    elif tag == "li":
        # One item per list item, its nested lists and quotes as blocks of their own.
        nested = frozenset({"ul", "ol", "blockquote"})
        texts = _markdown_text(element, stash, skip=nested)
        if texts:
            pieces.append((" ".join(texts), "item"))
        for sub in element:
            if sub.tag in nested:
                _markdown_block(sub, stash, pieces, title, in_quote=in_quote)
    elif tag in ("p", "pre", "table", "dl"):
        kind: BlockKind = "quote" if in_quote else "paragraph"
        pieces.extend((t, kind) for t in _markdown_text(element, stash))
    # hr and anything else carries no article text


def _markdown_text(element: ET.Element, stash: list[str], skip: frozenset[str] = frozenset()) -> list[str]:
    """The text of a Markdown `element`: usually one string, several when it holds a raw HTML block.

    Raw HTML is never kept as markup: a stashed fragment contributes only
    its text (scripts and styles dropped).
    """
    segments: list[list[str]] = [[]]
    # Python-Markdown stashes each inline tag apart: "<script>", then its text as plain text, then "</script>".
    hidden = 0
    for run in _iter_markdown_text(element, skip):
        run = _OBFUSCATED_CHAR.sub(lambda m: chr(int(m.group(1))), run)
        parts = _STASH_PLACEHOLDER.split(run)
        for index, part in enumerate(parts):
            if index % 2 == 0:
                if not hidden:
                    segments[-1].append(part)
                continue
            number = int(part)
            paragraphs, depth = _html_fragment_text(stash[number]) if number < len(stash) else ([], 0)
            inside = hidden > 0
            hidden = max(0, hidden + depth)
            if paragraphs and not inside:
                segments[-1].append(paragraphs[0])
                segments.extend([p] for p in paragraphs[1:])
    texts = (collapse("".join(segment)) for segment in segments)
    return [t for t in texts if t]


def _iter_markdown_text(element: ET.Element, skip: frozenset[str]) -> Iterator[str]:
    """The text runs of `element` in order, leaving out subtrees tagged in `skip`."""
    if element.text:
        # Python-Markdown entity-escapes code text (util.code_escape).
        yield html.unescape(element.text) if element.tag == "code" else element.text
    for child in element:
        if child.tag not in skip:
            if child.tag in ("br", "p"):
                yield " "
            yield from _iter_markdown_text(child, frozenset())
        if child.tail:
            yield child.tail


class _HTMLText(HTMLParser):
    """The visible text of an HTML fragment, as paragraphs split at block-level tags."""

    _BLOCK = frozenset(
        {
            "p",
            "div",
            "br",
            "li",
            "ul",
            "ol",
            "blockquote",
            "section",
            "article",
            "header",
            "footer",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "tr",
            "table",
            "pre",
            "hr",
            "dd",
            "dt",
            "figure",
            "figcaption",
            "aside",
            "main",
            "nav",
        }
    )
    _HIDDEN = frozenset(
        {"script", "style", "template", "noscript", "head", "title", "textarea", "svg", "iframe", "object"}
    )

    def __init__(self) -> None:
        """Start with one empty paragraph, outside any hidden element."""
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[list[str]] = [[]]
        self.hidden = 0
        self.closed_outside = 0  # closing tags of hidden elements this fragment did not open ("</script>")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Enter a hidden element, or start a paragraph at a block-level `tag`."""
        if tag in self._HIDDEN:
            self.hidden += 1
        elif tag in self._BLOCK:
            self.paragraphs.append([])

    def handle_endtag(self, tag: str) -> None:
        """Leave a hidden element, or end a paragraph at a block-level `tag`."""
        if tag in self._HIDDEN:
            if self.hidden:
                self.hidden -= 1
            else:
                self.closed_outside += 1
        elif tag in self._BLOCK:
            self.paragraphs.append([])

    def handle_data(self, data: str) -> None:
        """Keep visible `data` (character references already resolved)."""
        if not self.hidden:
            self.paragraphs[-1].append(data)


def _html_fragment_text(fragment: str) -> tuple[list[str], int]:
    """Split the raw HTML `fragment` into its visible paragraphs (a bare entity gives one piece), and say by how
    much it changes the depth of hidden elements around the text after it (+1 for a lone ``<script>``)."""
    parser = _HTMLText()
    parser.feed(fragment)
    parser.close()
    depth = parser.hidden - parser.closed_outside
    pieces = ["".join(p) for p in parser.paragraphs]
    if len(pieces) == 1:
        return (pieces if pieces[0] else []), depth  # inline: keep its spacing, the caller collapses
    return [p for p in (collapse(p) for p in pieces) if p], depth

"""Stage 1: a path, a URL or bytes → `Article`.

Input: what the user named (a file path or an ``http(s)://`` URL) or raw
bytes with a name.  Output: an `Article` whose `text` is the decoded,
newline-normalised (``\\n``), NFC-normalised text and whose `blocks` are
its paragraph-like pieces with offsets into that text.

The steps, in order:

1. Read the bytes: a file (size checked with ``stat`` before reading) or a
   URL (`fetch_url`: bounded in size and in wall time).
2. Decode (`_decode`): refuse binary files, then a byte-order mark, UTF-16
   without one, strict UTF-8, a declared charset, and charset-normalizer
   limited to encodings that articles are really written in, preferring
   cp1252 (the usual newsroom export) when it reads the same.
3. Split into blocks by format, chosen from the file extension or forced
   with ``format=``: plain text (blank lines), Markdown (Python-Markdown's
   element tree) or HTML (trafilatura's main-text extraction).

Nothing here prints or exits; every failure the user can fix is an
`ArticleError` (the input) or a `ConfigError` (an argument).
"""

from __future__ import annotations

import codecs
import dataclasses
import hashlib
import html
import os
import re
import stat
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from html.parser import HTMLParser
from typing import Any, Literal

from ..errors import ArticleError, ConfigError
from ..model import Article, Block, BlockKind, Metadata

Format = Literal["text", "markdown", "html"]

#: Inputs larger than this many bytes are refused (files before they are
#: read, URLs as soon as the body passes it).  Raise it with ``max_bytes=``.
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
#: Seconds to wait for a connection and for each read of a URL; the whole
#: download may take at most twice this.
DEFAULT_TIMEOUT = 10.0

FORMATS: tuple[Format, ...] = ("text", "markdown", "html")

_EXTENSIONS: dict[str, Format] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".mkd": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}

_FIX_INPUT = "give a .txt, .md or .html file or a URL"

# Magic numbers of the binary files people most often pass by mistake.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"%PDF-", "PDF document"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"PK\x03\x04", "ZIP archive, e.g. a .docx or .odt document"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "program"),
)

# Checked in this order: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# What charset-normalizer may choose from when a file is not UTF-8: the
# single-byte and CJK encodings that news text is really saved in.  Left to
# itself it also considers EBCDIC, DOS code pages and UTF-16, and on short
# texts it picks them.
_CANDIDATE_ENCODINGS = (
    "cp1252",
    "latin_1",
    "iso8859_15",
    "cp1250",
    "iso8859_2",
    "cp1251",
    "koi8_r",
    "cp1253",
    "iso8859_7",
    "cp1254",
    "cp1257",
    "cp1255",
    "cp1256",
    "mac_roman",
    "shift_jis",
    "euc_jp",
    "gb18030",
    "big5",
    "euc_kr",
)
# Of several encodings that read a file (nearly) the same, prefer this one:
# newsroom systems export Windows-1252, and charset-normalizer otherwise
# tends to report cp1250 for English text with curly quotes.
_PREFERRED_ENCODING = "cp1252"

# Control characters other than whitespace: a text has almost none.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_MAX_CONTROL_SHARE = 0.05


# -- public API ---------------------------------------------------------------


def load_article(
    source: str | os.PathLike[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = DEFAULT_TIMEOUT,
    encoding: str | None = None,
    format: str | None = None,
    allow_private: bool = True,
) -> Article:
    """Load the article at `source`, a file path or an ``http(s)://`` URL.

    `max_bytes` caps the input size, `timeout` the seconds to wait on a
    URL, `encoding` forces a codec instead of detecting one, and `format`
    (``"text"``, ``"markdown"`` or ``"html"``) overrides the one the file
    extension implies (URLs are HTML).  With `allow_private` false, a URL
    whose host is a loopback, private or link-local address is refused (see
    `fetch_url`).  Raises `ArticleError` when the
    input cannot be read, fetched, decoded or holds no text, and
    `ConfigError` for a bad argument.
    """
    _check_limits(max_bytes, timeout)
    fmt = _check_format(format)
    codec = _check_encoding(encoding)
    if isinstance(source, str) and _looks_like_url(source):
        body, charset = fetch_url(source, max_bytes=max_bytes, timeout=timeout, allow_private=allow_private)
        return _build(body, source=source, fmt=fmt or "html", codec=codec, declared=charset, url=source)
    path = os.fspath(source)
    data = _read_file(path, max_bytes)
    return _build(data, source=path, fmt=fmt or _format_for(path), codec=codec, declared=None, url=None)


def load_bytes(data: bytes, *, source: str, format: str | None = None, encoding: str | None = None) -> Article:
    """Make an `Article` from `data`, the raw bytes of the input named `source`.

    `format` defaults to the one `source`'s extension implies (``text``
    when there is none or it is unknown; ``html`` for a URL); `encoding`
    forces a codec.  Plain text is split at blank lines:

    >>> article = load_bytes(b"Headline\\r\\n\\r\\nFirst line.\\r\\nSecond line.\\n", source="story.txt")
    >>> [(b.text, b.start, b.end) for b in article.blocks]
    [('Headline', 0, 8), ('First line.\\nSecond line.', 10, 34)]
    >>> article.meta.title
    'Headline'
    """
    fmt = _check_format(format)
    codec = _check_encoding(encoding)
    url = source if _looks_like_url(source) else None
    if fmt is None:
        fmt = "html" if url else _format_for(source)
    return _build(data, source=source, fmt=fmt, codec=codec, declared=None, url=url)


def fetch_url(url: str, *, max_bytes: int, timeout: float, allow_private: bool = True) -> tuple[bytes, str | None]:
    """Download `url` and return its body and charset (see `compare.load.fetch.fetch_url`, imported only for URLs)."""
    from .fetch import fetch_url as fetch

    return fetch(url, max_bytes=max_bytes, timeout=timeout, allow_private=allow_private)


# -- reading ------------------------------------------------------------------


def _check_limits(max_bytes: int, timeout: float) -> None:
    """Refuse a `max_bytes` or `timeout` that is not a positive number."""
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes < 1:
        raise ConfigError(f"max_bytes must be a positive whole number of bytes: {max_bytes!r}")
    if not isinstance(timeout, int | float) or not 0 < timeout < float("inf"):
        raise ConfigError(f"timeout must be a positive number of seconds: {timeout!r}")


def _check_format(format: str | None) -> Format | None:
    """Return `format` as a `Format`, refusing names other than text, markdown and html."""
    if format is None:
        return None
    for known in FORMATS:
        if format == known:
            return known
    raise ConfigError(f"unknown format {format!r}; use text, markdown or html")


def _check_encoding(encoding: str | None) -> str | None:
    """Return the canonical codec name for `encoding`, refusing names Python does not know."""
    if encoding is None:
        return None
    try:
        b"a".decode(encoding, "ignore")  # also refuses codecs that are not text encodings (base64, rot13)
        return codecs.lookup(encoding).name
    except LookupError:
        raise ConfigError(
            f"unknown encoding {encoding!r}; give a Python codec name such as utf-8, cp1252 or latin-1"
        ) from None


def _looks_like_url(source: str) -> bool:
    """True when `source` has a URL scheme and is not an existing file such as ``notes:v2.txt``."""
    match = re.match(r"[A-Za-z][A-Za-z0-9+.-]+:", source)  # two letters or more: not a drive letter
    if match is None:
        return False
    return source[match.end() :].startswith("//") or not os.path.lexists(source)


def _format_for(path: str) -> Format:
    """The format the extension of `path` implies; ``text`` when unknown."""
    return _EXTENSIONS.get(os.path.splitext(path)[1].lower(), "text")


def _read_file(path: str, max_bytes: int) -> bytes:
    """Read the file at `path`, refusing a missing, unreadable, special or oversized one."""
    try:
        info = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        raise ArticleError("no such file; check the path", source=path) from None
    except PermissionError:
        raise ArticleError("cannot be read: permission denied", source=path) from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the path
        raise ArticleError(f"cannot be read: {_reason(exc)}; check the path", source=path) from None
    if stat.S_ISDIR(info.st_mode):
        raise ArticleError("is a directory, not an article; give a file inside it", source=path)
    if stat.S_ISREG(info.st_mode) and info.st_size > max_bytes:
        raise ArticleError(_too_large(info.st_size, max_bytes), source=path)
    try:
        with open(path, "rb") as handle:
            # Read one byte past the limit: the file may have grown since the
            # stat, or be a pipe whose size stat cannot tell.
            data = handle.read(max_bytes + 1)
    except PermissionError:
        raise ArticleError("cannot be read: permission denied", source=path) from None
    except IsADirectoryError:
        raise ArticleError("is a directory, not an article; give a file inside it", source=path) from None
    except OSError as exc:
        raise ArticleError(f"cannot be read: {_reason(exc)}", source=path) from None
    if len(data) > max_bytes:
        raise ArticleError(_too_large(None, max_bytes), source=path)
    return data


def _too_large(size: int | None, max_bytes: int) -> str:
    """The message for an input over `max_bytes`; `size` when it is known."""
    actual = f" ({_human_size(size)})" if size is not None else ""
    return (
        f"is larger than the {_human_size(max_bytes)} limit{actual}; "
        "raise --max-bytes (max_bytes=) if it really is one article"
    )


def _human_size(size: int) -> str:
    """`size` bytes as people read it: ``5.0 MB``, ``2.0 KB``, ``900 bytes``."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size} bytes"


def _reason(exc: BaseException) -> str:
    """A short lower-case reason for `exc`, for the end of a message."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc) or type(exc).__name__


# -- decoding -----------------------------------------------------------------


def _build(
    data: bytes, *, source: str, fmt: Format, codec: str | None, declared: str | None, url: str | None
) -> Article:
    """Decode `data` and split it according to `fmt` into an `Article`."""
    digest = hashlib.sha256(data).hexdigest()
    text, used, notes = _decode(data, source=source, codec=codec, declared=declared, html_input=fmt == "html")
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise ArticleError("is empty: there is no article text to compare", source=source)
    if fmt == "text":
        text = text.rstrip()
        blocks = _text_blocks(text)
        first_line = blocks[0].text.split("\n", 1)[0].strip()
        meta = Metadata(title=first_line or None)
    else:
        if fmt == "markdown":
            pieces, meta = _markdown_pieces(text)
            if not pieces:
                raise ArticleError("is empty: there is no article text to compare", source=source)
        else:
            pieces, meta, extra = _html_pieces(text, url=url, source=source)
            notes = (*notes, *extra)
        if url is not None:
            meta = _replace_url(meta, url)
        text, blocks = _join(pieces)
    return Article(
        source=source, format=fmt, text=text, blocks=tuple(blocks), meta=meta, encoding=used, sha256=digest, notes=notes
    )


def _replace_url(meta: Metadata, url: str) -> Metadata:
    """`meta` with its URL set to `url`."""
    return dataclasses.replace(meta, url=url)


def _decode(
    data: bytes, *, source: str, codec: str | None, declared: str | None, html_input: bool
) -> tuple[str, str, tuple[str, ...]]:
    """Return the text of `data`, the codec that decoded it, and notes for the user.

    `codec` is the one the caller forced; `declared` the charset a server
    named.  The order: magic numbers (binary), a forced codec, a byte-order
    mark, the declared charset, UTF-16 without a mark, NUL bytes (binary),
    strict UTF-8, a ``<meta charset>`` of an HTML page, charset-normalizer,
    cp1252, Latin-1.
    """
    _refuse_magic(data, source)
    if codec is not None:
        if codec == "utf-8" and data.startswith(codecs.BOM_UTF8):
            data = data[len(codecs.BOM_UTF8) :]
        try:
            forced = data.decode(codec)
        except UnicodeDecodeError as exc:
            raise ArticleError(
                f"cannot be decoded as {codec} (byte {exc.start}: {exc.reason}); "
                "check --encoding, or leave it out to detect the encoding",
                source=source,
            ) from None
        return _checked(forced.removeprefix("\ufeff"), source), codec, _note(codec, "as requested")

    text: str | None
    for mark, bom_codec in _BOMS:
        if data.startswith(mark):
            text = _try_decode(data[len(mark) :], bom_codec)
            if text is not None:
                return _checked(text, source), bom_codec, _note(bom_codec, "byte-order mark")

    declared_codec = _declared_codec(declared)
    if declared_codec is not None:
        text = _try_decode(data, declared_codec)
        if text is not None:
            return (
                _checked(text.removeprefix("\ufeff"), source),
                declared_codec,
                _note(declared_codec, "charset named by the server"),
            )

    if b"\x00" in data:
        utf16 = _sniff_utf16(data)
        text = _try_decode(data, utf16) if utf16 else None
        if utf16 is None or text is None:
            raise _binary(source, "it contains NUL bytes")
        return _checked(text, source), utf16, _note(utf16, "no byte-order mark; detected from its NUL bytes")

    text = _try_decode(data, "utf-8")
    if text is not None:
        return _checked(text, source), "utf-8", ()

    if html_input:
        meta_codec = _declared_codec(_meta_charset(data))
        if meta_codec is not None and meta_codec != "utf-8":
            text = _try_decode(data, meta_codec)
            if text is not None:
                return _checked(text, source), meta_codec, _note(meta_codec, "charset declared in the page")

    guessed = _guess_codec(data)
    for candidate in (guessed, "cp1252", "latin-1"):
        if candidate is None:
            continue
        text = _try_decode(data, candidate)
        if text is not None:
            return _checked(text, source), candidate, _note(candidate, "not valid UTF-8")
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


def _note(codec: str, why: str) -> tuple[str, ...]:
    """The note saying `codec` decoded the input and `why`; none for UTF-8."""
    return () if codec == "utf-8" else (f"decoded as {codec} ({why})",)


def _try_decode(data: bytes, codec: str) -> str | None:
    """`data` decoded strictly with `codec`, or None when it does not fit."""
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _declared_codec(charset: str | None) -> str | None:
    """The codec for a declared `charset`, or None when Python does not know it."""
    if not charset:
        return None
    try:
        b"a".decode(charset, "ignore")
        name = codecs.lookup(charset).name
    except LookupError:
        return None
    # Browsers read pages labelled ISO-8859-1 as Windows-1252 (WHATWG
    # Encoding); such pages carry its curly quotes in 0x80–0x9F.
    return "cp1252" if name == "iso8859-1" else name


def _meta_charset(data: bytes) -> str | None:
    """The charset a ``<meta>`` tag in the first 4 KB of `data` declares, if any."""
    match = re.search(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", data[:4096], re.IGNORECASE)
    return match.group(1).decode("ascii") if match else None


def _refuse_magic(data: bytes, source: str) -> None:
    """Raise `ArticleError` when `data` starts like a known binary format."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise _binary(source, what)


def _binary(source: str, why: str) -> ArticleError:
    """The error for a binary input `source`, saying `why` it looks binary."""
    return ArticleError(f"looks like a binary file ({why}), not an article; {_FIX_INPUT}", source=source)


def _checked(text: str, source: str) -> str:
    """Return `text`, refusing it when a large share of it is control characters."""
    sample = text[:65536]
    if sample and len(_CONTROL.findall(sample)) > _MAX_CONTROL_SHARE * len(sample):
        raise _binary(source, "mostly control characters")
    return text


def _sniff_utf16(data: bytes) -> str | None:
    """Return ``utf-16-le``/``-be`` when `data` has NUL bytes at every other position, as Latin UTF-16 has."""
    sample = data[:8192]
    pairs = len(sample) // 2
    if pairs < 2 or len(data) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd >= 0.3 * pairs and even <= 0.02 * pairs:
        return "utf-16-le"
    if even >= 0.3 * pairs and odd <= 0.02 * pairs:
        return "utf-16-be"
    return None


def _guess_codec(data: bytes) -> str | None:
    """Ask charset-normalizer for the codec of `data`, preferring cp1252 when it reads the same."""
    from charset_normalizer import from_bytes  # only non-UTF-8 inputs pay for the import

    matches = from_bytes(data, cp_isolation=list(_CANDIDATE_ENCODINGS))
    best = matches.best()
    if best is None:
        return None
    if _PREFERRED_ENCODING in best.could_be_from_charset:
        return _PREFERRED_ENCODING
    for match in matches:
        # Readings that differ only in a few letters tie on both measures;
        # the tie goes to the common newsroom encoding.
        if (
            _PREFERRED_ENCODING in match.could_be_from_charset
            and match.chaos <= best.chaos + 0.005
            and match.coherence >= best.coherence - 0.005
        ):
            return _PREFERRED_ENCODING
    return str(codecs.lookup(best.encoding).name)


# -- blocks -------------------------------------------------------------------


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
    return len(lines) >= 3 and sum(len(line.split()) >= 12 for line in lines) * 2 >= len(lines)


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


def _join(pieces: Sequence[tuple[str, BlockKind]]) -> tuple[str, list[Block]]:
    """Join block texts with blank lines and return the text and the blocks with their offsets."""
    blocks: list[Block] = []
    offset = 0
    for text, kind in pieces:
        blocks.append(Block(text, offset, offset + len(text), kind))
        offset += len(text) + 2
    return "\n\n".join(text for text, _ in pieces), blocks


def _collapse(text: str) -> str:
    """`text` with every run of whitespace made one space, and trimmed."""
    return " ".join(text.split())


# -- Markdown -----------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FRONT_KEY = re.compile(r"([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*)")
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
_STASH_PLACEHOLDER = re.compile("\x02wzxhzdk:(\\d+)\x03")
_OBFUSCATED_CHAR = re.compile("\x02amp\x03#(\\d+);")
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


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
        field = _FRONT_FIELDS.get(key_value.group(1).lower())
        value = key_value.group(2).strip()
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


def _markdown_pieces(text: str) -> tuple[list[tuple[str, BlockKind]], Metadata]:
    """Parse Markdown `text` into block texts and kinds, and its front-matter metadata."""
    import markdown

    fields, body = _front_matter(text)
    md = markdown.Markdown()
    capture = _TreeCapture(md)
    # Priority below "unescape" (0): backslash escapes are resolved by then.
    md.treeprocessors.register(capture, "article_compare_capture", -100)
    md.convert(body)
    pieces: list[tuple[str, BlockKind]] = []
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
    element: ET.Element, stash: list[str], pieces: list[tuple[str, BlockKind]], title: list[str], *, in_quote: bool
) -> None:
    """Add the blocks of each child of `element` to `pieces`."""
    for child in element:
        _markdown_block(child, stash, pieces, title, in_quote=in_quote)


def _markdown_block(
    element: ET.Element, stash: list[str], pieces: list[tuple[str, BlockKind]], title: list[str], *, in_quote: bool
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
    for run in _iter_markdown_text(element, skip):
        run = _OBFUSCATED_CHAR.sub(lambda m: chr(int(m.group(1))), run)
        parts = _STASH_PLACEHOLDER.split(run)
        for index, part in enumerate(parts):
            if index % 2 == 0:
                segments[-1].append(part)
                continue
            number = int(part)
            paragraphs = _html_fragment_text(stash[number]) if number < len(stash) else []
            if paragraphs:
                segments[-1].append(paragraphs[0])
                segments.extend([p] for p in paragraphs[1:])
    texts = (_collapse("".join(segment)) for segment in segments)
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

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Enter a hidden element, or start a paragraph at a block-level `tag`."""
        if tag in self._HIDDEN:
            self.hidden += 1
        elif tag in self._BLOCK:
            self.paragraphs.append([])

    def handle_endtag(self, tag: str) -> None:
        """Leave a hidden element, or end a paragraph at a block-level `tag`."""
        if tag in self._HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in self._BLOCK:
            self.paragraphs.append([])

    def handle_data(self, data: str) -> None:
        """Keep visible `data` (character references already resolved)."""
        if not self.hidden:
            self.paragraphs[-1].append(data)


def _html_fragment_text(fragment: str) -> list[str]:
    """Split the raw HTML `fragment` into its visible paragraphs; a bare entity gives one piece."""
    parser = _HTMLText()
    parser.feed(fragment)
    parser.close()
    pieces = ["".join(p) for p in parser.paragraphs]
    if len(pieces) == 1:
        return pieces if pieces[0] else []  # inline: keep its spacing, the caller collapses
    return [p for p in (_collapse(p) for p in pieces) if p]


# -- HTML ---------------------------------------------------------------------

_XML_CONTAINERS = frozenset({"main", "div", "list", "body", "doc", "row", "cell", "table"})
_XML_BLOCK_CHILDREN = frozenset({"p", "head", "list", "item", "quote", "code", "div", "table"})


def _html_pieces(
    page: str, *, url: str | None, source: str
) -> tuple[list[tuple[str, BlockKind]], Metadata, tuple[str, ...]]:
    """Extract the main text of the HTML `page` with trafilatura into block texts, metadata and notes."""
    import trafilatura  # slow to import: only HTML inputs pay for it

    notes: tuple[str, ...] = ()
    pieces: list[tuple[str, BlockKind]] = []
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
        lines = [_collapse(line) for line in (fallback or "").split("\n")]
        pieces = [(line, "paragraph") for line in lines if line]
        if not pieces:
            visible = _collapse(trafilatura.html2txt(page) or "")
            pieces = [(visible, "paragraph")] if visible else []
        if not pieces:
            raise ArticleError(f"no article text found in the page; {_FIX_INPUT} that holds the article", source=source)
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
    if re.search(r"<html[\s>]", page, re.IGNORECASE):
        return page
    if re.search(r"<body[\s>]", page, re.IGNORECASE):
        return f"<html>{page}</html>"
    return f"<html><body>{page}</body></html>"


def _metadata_attrs(document: Any) -> dict[str, str]:
    """The metadata fields of a trafilatura `Document` under the names its XML output uses."""
    attrs: dict[str, str] = {}
    if document is None:
        return attrs
    for name in ("title", "sitename", "author", "date", "url"):
        value = getattr(document, name, None)
        if isinstance(value, str):
            attrs[name] = value
    return attrs


def _clean(value: str | None) -> str | None:
    """`value` with whitespace collapsed, or None when empty."""
    return _collapse(value) or None if value else None


def _fold(text: str) -> str:
    """`text` normalised for a loose comparison: collapsed and case-folded."""
    return _collapse(text).casefold()


def _walk_xml(element: ET.Element, pieces: list[tuple[str, BlockKind]], *, in_quote: bool) -> None:
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


def _add(pieces: list[tuple[str, BlockKind]], text: str | None, kind: BlockKind) -> None:
    """Append `text`, collapsed, as a block of `kind` when anything is left of it."""
    if text:
        text = _collapse(text)
        if text:
            pieces.append((text, kind))


def _xml_text(element: ET.Element, skip: frozenset[str] = frozenset()) -> str:
    """The collapsed text of a trafilatura XML `element`, leaving out subtrees tagged in `skip`."""
    return _collapse("".join(_iter_xml_text(element, skip)))


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

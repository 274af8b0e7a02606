"""Stage 1: a path, a URL or bytes → `Article`.

Input: what the user named (a file path or an ``http(s)://`` URL) or raw
bytes with a name.  Output: an `Article` whose `text` is the decoded,
newline-normalised (``\\n``), NFC-normalised text and whose `blocks` are
its paragraph-like pieces with offsets into that text.

The steps, in order, one module each:

1. Read the bytes: a file (`read`: size checked with ``stat`` before
   reading) or a URL (`fetch`, imported only for URLs: bounded in size and
   in wall time).
2. Decode (`decode`): refuse binary files, then a byte-order mark, UTF-16
   without one, strict UTF-8, a declared charset, and charset-normalizer
   limited to encodings that articles are really written in, preferring
   cp1252 (the usual newsroom export) when it reads the same.
3. Split into blocks by format, chosen from the file extension or forced
   with ``format=`` from the registry in `formats`: plain text (`text`:
   blank lines), Markdown (`markdown`: Python-Markdown's element tree) or
   HTML (`html`: trafilatura's main-text extraction).

Nothing here prints or exits; every failure the user can fix is an
`ArticleError` (the input) or a `ConfigError` (an argument).
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata

from ..errors import ArticleError
from ..model import Article
from .decode import check_encoding
from .decode import decode as decode_bytes
from .formats import ADVICE, MARKDOWN, TEXT, URL_FORMAT, InputFormat, by_name, for_path
from .read import MB, check_limits, read_file

__all__ = ["DEFAULT_MAX_BYTES", "DEFAULT_TIMEOUT", "fetch_url", "load_article", "load_bytes"]

#: Inputs larger than this many bytes are refused (files before they are
#: read, URLs as soon as the body passes it).  Raise it with ``max_bytes=``.
DEFAULT_MAX_BYTES = 5 * MB
#: Seconds to wait for a connection and for each read of a URL; the whole
#: download may take at most twice this.
DEFAULT_TIMEOUT = 10.0

# A URL scheme: two letters or more, so that a Windows drive letter is not one.
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]+:")


def load_article(
    source: str | os.PathLike[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = DEFAULT_TIMEOUT,
    encoding: str | None = None,
    format: str | None = None,
    allow_private: bool = True,
    fallback_encoding: str | None = None,
) -> Article:
    """Load the article at `source`, a file path, ``-`` (standard input) or an ``http(s)://`` URL.

    `max_bytes` caps the input size, `timeout` the seconds to wait on a
    URL or for a pipe's first byte, `encoding` forces a codec instead of detecting one (`fallback_encoding`
    is used instead of detecting one only when the input is not UTF-8), and `format`
    (the name of an input format in `formats.INPUT_FORMATS`: ``"text"``,
    ``"markdown"`` or ``"html"``) overrides the one the file extension
    implies (a URL is HTML unless its server names it plain text or Markdown).
    With `allow_private` false, a URL whose host is a loopback, private or link-local address is refused (see
    `fetch_url`).  Raises `ArticleError` when the input cannot be read,
    fetched, decoded or holds no text, and `ConfigError` for a bad argument.
    """
    check_limits(max_bytes, timeout)
    fmt = by_name(format)
    codec = check_encoding(encoding)
    fallback = check_encoding(fallback_encoding)
    if isinstance(source, str) and _looks_like_url(source):
        # Imported here: comparing local files should not pay for http.client, ssl and urllib.request.
        from .fetch import fetch_page

        page = fetch_page(source, max_bytes=max_bytes, timeout=timeout, allow_private=allow_private)
        fmt = fmt or FORMAT_OF_MEDIA_TYPE.get(page.media_type or "", URL_FORMAT)
        return _build(
            page.body, source=source, fmt=fmt, codec=codec, declared=page.charset, url=source, fallback=fallback
        )
    path = os.fspath(source)
    data = read_file(path, max_bytes, timeout)
    return _build(data, source=path, fmt=fmt or for_path(path), codec=codec, declared=None, url=None, fallback=fallback)


#: The format of a page the server says is plain text or Markdown; any other page is HTML (`URL_FORMAT`).
FORMAT_OF_MEDIA_TYPE = {"text/plain": TEXT, "text/markdown": MARKDOWN, "text/x-markdown": MARKDOWN}


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
    fmt = by_name(format)
    codec = check_encoding(encoding)
    url = source if _looks_like_url(source) else None
    if fmt is None:
        fmt = URL_FORMAT if url else for_path(source)
    return _build(data, source=source, fmt=fmt, codec=codec, declared=None, url=url)


def fetch_url(url: str, *, max_bytes: int, timeout: float, allow_private: bool = True) -> tuple[bytes, str | None]:
    """Download `url` and return its body and charset (see `compare.load.fetch.fetch_url`).

    `max_bytes`, `timeout` and `allow_private` are passed on.
    """
    # Imported here: comparing local files should not pay for http.client, ssl and urllib.request.
    from .fetch import fetch_url as fetch

    return fetch(url, max_bytes=max_bytes, timeout=timeout, allow_private=allow_private)


def _looks_like_url(source: str) -> bool:
    """True when `source` has a URL scheme and is not an existing file such as ``notes:v2.txt``."""
    match = _SCHEME.match(source)
    if match is None:
        return False
    return source[match.end() :].startswith("//") or not os.path.lexists(source)


def _build(
    data: bytes,
    *,
    source: str,
    fmt: InputFormat,
    codec: str | None,
    declared: str | None,
    url: str | None,
    fallback: str | None = None,
) -> Article:
    """Decode `data` and split it as `fmt` reads it into an `Article`."""
    digest = hashlib.sha256(data).hexdigest()
    decoded = decode_bytes(
        data,
        source=source,
        codec=codec,
        declared=declared,
        meta_charset=fmt.meta_charset,
        advice=ADVICE,
        fallback=fallback,
    )
    text = unicodedata.normalize("NFC", decoded.text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise ArticleError("is empty: there is no article text to compare", source=source)
    if _is_json(text):
        raise ArticleError(f"looks like JSON data, not an article; {ADVICE} that holds the article", source=source)
    parsed = fmt.read(text, url=url, source=source)
    if not parsed.blocks:
        raise ArticleError(fmt.when_empty.format(advice=ADVICE), source=source)
    return Article(
        source=source,
        format=fmt.name,
        text=parsed.text,
        blocks=parsed.blocks,
        meta=parsed.meta,
        encoding=decoded.encoding,
        sha256=digest,
        notes=(*decoded.notes, *parsed.notes),
    )


def _is_json(text: str) -> bool:
    """True when `text` is a JSON object or array (an API's answer, a data file), which no article is."""
    import json

    stripped = text.strip()
    if stripped[:1] not in ("{", "[") or stripped[-1:] not in ("}", "]"):
        return False
    try:
        return isinstance(json.loads(stripped), dict | list)
    except (ValueError, RecursionError):
        return False

"""Bytes → text: byte-order marks, UTF-16 without one, declared charsets, guessing, binary refusal.

`decode` tries, in order: magic numbers (binary), a forced codec, a
byte-order mark, the charset a server declared, UTF-16 without a mark, NUL
bytes (binary), strict UTF-8, a ``<meta charset>`` of an HTML page,
charset-normalizer limited to encodings that articles are really written
in (preferring cp1252, the usual newsroom export, when it reads the same),
cp1252, Latin-1.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from itertools import islice

from ..errors import ArticleError, ConfigError

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
# How much worse (chaos) or less coherent a cp1252 reading may be than the
# best one and still count as a tie: readings that differ in a few letters.
_TIE_MARGIN = 0.005
# Below this many bytes outside ASCII, a text that cp1252 reads is read as cp1252: too few to tell code pages
# apart (a Cyrillic or Greek text has a non-ASCII byte in nearly every word).
_FEW_NON_ASCII_BYTES = 4
_NON_ASCII = re.compile(rb"[\x80-\xff]")

# Control characters other than whitespace: a text has almost none.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_MAX_CONTROL_SHARE = 0.05
_CONTROL_SAMPLE_CHARS = 64 * 1024  # enough to judge, cheap on a large input

# Latin text in UTF-16 has a NUL in (nearly) every other byte: at least this
# share of the byte pairs have a NUL on the one side, at most that share on
# the other.
_UTF16_SAMPLE_BYTES = 8 * 1024
_UTF16_MIN_NUL_SHARE = 0.3
_UTF16_MAX_STRAY_NUL_SHARE = 0.02

# Like a browser's prescan, look for `<meta charset>` only near the start
# of a page (WHATWG HTML prescans 1024 bytes; this allows a longer head).
_META_PRESCAN_BYTES = 4 * 1024
_META_CHARSET = re.compile(
    rb"""
    <meta [^>]+ charset \s* = \s*
    ["']? \s*
    ( [A-Za-z0-9._:-]+ )     # the label, e.g. iso-8859-1
    """,
    re.IGNORECASE | re.VERBOSE,
)


@dataclass(frozen=True)
class Decoded:
    """The text of an input, the codec that decoded it, and notes for the user (none for plain UTF-8)."""

    text: str
    encoding: str
    notes: tuple[str, ...] = ()


def check_encoding(encoding: str | None) -> str | None:
    """Return the canonical codec name for `encoding`, refusing names Python does not know with a `ConfigError`."""
    if encoding is None:
        return None
    try:
        # Also refuses codecs that are not text encodings (base64, rot13) or that cannot replace a bad byte (idna).
        b"a\xff".decode(encoding, "replace")
        return codecs.lookup(encoding).name
    except (LookupError, UnicodeError):
        raise ConfigError(
            f"unknown or unusable encoding {encoding!r}; give a Python codec name such as utf-8, cp1252 or latin-1"
        ) from None


def decode(
    data: bytes,
    *,
    source: str,
    codec: str | None,
    declared: str | None,
    meta_charset: bool,
    advice: str,
    fallback: str | None = None,
) -> Decoded:
    """Decode `data`, the bytes of the input named `source`, or refuse it as binary.

    `codec` is the one the caller forced; `fallback` the one to use instead
    of guessing when `data` is not UTF-8 (nor marked); `declared` the charset a server
    named; with `meta_charset` a ``<meta charset>`` in the first bytes is
    honoured (HTML).  A binary input is an `ArticleError` that ends with
    `advice`, what to give instead.  The order of the attempts is in the
    module's docstring.

    >>> decode(b"caf\\xe9", source="a.txt", codec=None, declared=None, meta_charset=False, advice="")
    Decoded(text='café', encoding='cp1252', notes=('decoded as cp1252 (not valid UTF-8)',))
    """
    _refuse_magic(data, source, advice)
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
        return _decoded(forced.removeprefix("\ufeff"), codec, "as requested", source, advice)

    text: str | None
    for mark, bom_codec in _BOMS:
        if data.startswith(mark):
            text = _try_decode(data[len(mark) :], bom_codec)
            if text is not None:
                return _decoded(text, bom_codec, "byte-order mark", source, advice)

    declared_codec = _declared_codec(declared)
    if declared_codec is not None:
        text = _try_decode(data, declared_codec)
        if text is not None:
            return _decoded(text.removeprefix("\ufeff"), declared_codec, "charset named by the server", source, advice)

    if b"\x00" in data:
        utf16 = _sniff_utf16(data)
        text = _try_decode(data, utf16) if utf16 else None
        if utf16 is None or text is None:
            raise _binary(source, "it contains NUL bytes", advice)
        return _decoded(text, utf16, "no byte-order mark; detected from its NUL bytes", source, advice)

    text = _try_decode(data, "utf-8")
    if text is not None:
        return _decoded(text, "utf-8", "", source, advice)

    if meta_charset:
        meta_codec = _declared_codec(_meta_charset(data))
        if meta_codec is not None and meta_codec != "utf-8":
            text = _try_decode(data, meta_codec)
            if text is not None:
                return _decoded(text, meta_codec, "charset declared in the page", source, advice)

    if fallback is not None:
        try:
            return _decoded(data.decode(fallback), fallback, "not valid UTF-8; as requested", source, advice)
        except UnicodeDecodeError as exc:
            raise ArticleError(
                f"is not UTF-8 and cannot be decoded as {fallback} either (byte {exc.start}: {exc.reason}); "
                "check --encoding, or leave it out to detect the encoding",
                source=source,
            ) from None
    mostly = _mostly_utf8(data)
    if mostly is not None:
        text, strays = mostly
        note = f"UTF-8 with {strays} stray {'byte' if strays == 1 else 'bytes'} read as cp1252"
        return Decoded(_checked(text, source, advice), "utf-8", (note,))
    guessed = _guess_codec(data)
    for candidate in (guessed, "cp1252", "latin-1"):
        if candidate is None:
            continue
        text = _try_decode(data, candidate)
        if text is not None:
            return _decoded(text, candidate, "not valid UTF-8", source, advice)
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


def _mostly_utf8(data: bytes) -> tuple[str, int] | None:
    """`data` read as UTF-8, each byte that is not UTF-8 read as cp1252 (Latin-1 where cp1252 has none), with
    the number of such bytes; None unless the text has at least as many real UTF-8 characters beyond ASCII as
    stray bytes.

    A UTF-8 file with a character pasted in from a Windows program ("Priyá … caf\\xe9") is that, not a cp1252
    or cp1251 file: a single-byte text almost never holds a valid UTF-8 sequence, let alone one per stray byte.

    >>> _mostly_utf8("“Priyá” said".encode() + b" caf\\xe9.")
    ('“Priyá” said café.', 1)
    >>> _mostly_utf8(b"caf\\xe9 cr\\xe8me") is None
    True
    """
    escaped = data.decode("utf-8", "surrogateescape")
    strays = len(_STRAY_BYTE.findall(escaped))
    real = len(_BEYOND_ASCII.findall(escaped)) - strays
    if not strays or real < strays:
        return None
    return _STRAY_BYTE.sub(_as_cp1252, escaped), strays


# A byte `surrogateescape` could not read as UTF-8, and any character beyond ASCII (such bytes included).
_STRAY_BYTE = re.compile("[\udc80-\udcff]")
_BEYOND_ASCII = re.compile("[^\x00-\x7f]")


def _as_cp1252(stray: re.Match[str]) -> str:
    """The character a stray byte (escaped as a surrogate) stands for in cp1252, or in Latin-1 where cp1252 has
    none."""
    byte = bytes([ord(stray.group()) - 0xDC00])
    return byte.decode("cp1252", "ignore") or byte.decode("latin-1")


def _decoded(text: str, codec: str, why: str, source: str, advice: str) -> Decoded:
    """`text`, checked not to be binary, as decoded by `codec` for the reason `why` (a note unless UTF-8)."""
    notes = () if codec == "utf-8" else (f"decoded as {codec} ({why})",)
    return Decoded(_checked(text, source, advice), codec, notes)


def _try_decode(data: bytes, codec: str) -> str | None:
    """`data` decoded strictly with `codec`, or None when it does not fit."""
    try:
        return data.decode(codec)
    except (UnicodeError, LookupError):  # UnicodeError: a codec for labels, not documents (idna)
        return None


def _declared_codec(charset: str | None) -> str | None:
    """The codec for a declared `charset`, or None when Python does not know it."""
    if not charset:
        return None
    try:
        b"a\xff".decode(charset, "replace")
        name = codecs.lookup(charset).name
    except (LookupError, UnicodeError):  # unknown, or a codec for labels, not documents (idna)
        return None
    # Browsers read pages labelled ISO-8859-1 as Windows-1252 (WHATWG
    # Encoding); such pages carry its curly quotes in 0x80–0x9F.
    return "cp1252" if name == "iso8859-1" else name


def _meta_charset(data: bytes) -> str | None:
    """The charset a ``<meta>`` tag near the start of `data` declares, if any."""
    match = _META_CHARSET.search(data[:_META_PRESCAN_BYTES])
    return match.group(1).decode("ascii") if match else None


def _refuse_magic(data: bytes, source: str, advice: str) -> None:
    """Raise `ArticleError` when `data` starts like a known binary format."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise _binary(source, what, advice)


def _binary(source: str, why: str, advice: str) -> ArticleError:
    """The error for a binary input `source`, saying `why` it looks binary and, in `advice`, what to give instead."""
    return ArticleError(f"looks like a binary file ({why}), not an article; {advice}", source=source)


def _checked(text: str, source: str, advice: str) -> str:
    """Return `text`, refusing it when a large share of it is control characters."""
    sample = text[:_CONTROL_SAMPLE_CHARS]
    if sample and len(_CONTROL.findall(sample)) > _MAX_CONTROL_SHARE * len(sample):
        raise _binary(source, "mostly control characters", advice)
    return text


def _sniff_utf16(data: bytes) -> str | None:
    """Return ``utf-16-le``/``-be`` when `data` has NUL bytes at every other position, as Latin UTF-16 has."""
    sample = data[:_UTF16_SAMPLE_BYTES]
    pairs = len(sample) // 2
    if pairs < 2 or len(data) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd >= _UTF16_MIN_NUL_SHARE * pairs and even <= _UTF16_MAX_STRAY_NUL_SHARE * pairs:
        return "utf-16-le"
    if even >= _UTF16_MIN_NUL_SHARE * pairs and odd <= _UTF16_MAX_STRAY_NUL_SHARE * pairs:
        return "utf-16-be"
    return None


def _guess_codec(data: bytes) -> str | None:
    """Ask charset-normalizer for the codec of `data`, preferring cp1252 when it reads the same."""
    from charset_normalizer import from_bytes  # only non-UTF-8 inputs pay for the import

    readable_as_preferred = _try_decode(data, _PREFERRED_ENCODING) is not None
    few_non_ascii = len(list(islice(_NON_ASCII.finditer(data), _FEW_NON_ASCII_BYTES))) < _FEW_NON_ASCII_BYTES
    if readable_as_preferred and few_non_ascii:
        # A "£" and an "á" are no evidence for any code page: the newsroom's own wins ("Tomás", not "Tom·s").
        return _PREFERRED_ENCODING
    matches = from_bytes(data, cp_isolation=list(_CANDIDATE_ENCODINGS))
    best = matches.best()
    if best is None:
        return None
    if _PREFERRED_ENCODING in best.could_be_from_charset:
        return _PREFERRED_ENCODING
    if readable_as_preferred and codecs.lookup(best.encoding).name == "mac-roman":
        return _PREFERRED_ENCODING  # Mac Roman is chosen only when cp1252 cannot read the bytes
    for match in matches:
        # Readings that differ only in a few letters tie on both measures;
        # the tie goes to the common newsroom encoding.
        if (
            _PREFERRED_ENCODING in match.could_be_from_charset
            and match.chaos <= best.chaos + _TIE_MARGIN
            and match.coherence >= best.coherence - _TIE_MARGIN
        ):
            return _PREFERRED_ENCODING
    return str(codecs.lookup(best.encoding).name)

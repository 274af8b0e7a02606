"""The one registry of input formats: each format's name, file extensions and reader.

Everything else that lists formats is derived from `INPUT_FORMATS`: the
extension map, the names accepted by ``format=`` and the advice in error
messages.  Adding an input format is one reader module (a `Reader`), one
entry here, and one test.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, cast

from ..errors import ConfigError, either

if TYPE_CHECKING:
    from .blocks import Parsed


class Reader(Protocol):
    """Turns an input's decoded, newline- and NFC-normalised text into blocks and metadata."""

    def __call__(self, text: str, *, url: str | None, source: str) -> Parsed:
        """Read `text`, the input named `source` (fetched from `url`, when not None)."""


@dataclass(frozen=True)
class InputFormat:
    """An input format: its `name` (``format=``), its file `extensions` and the module that reads it.

    The first extension is the one named in advice to the user.
    `reader_module` names a module of `compare.load` whose ``read`` is a
    `Reader`; it is imported only when an input of this format is read, so
    plain text never pays for the HTML parser or trafilatura.  With
    `meta_charset`, a charset the text declares in a ``<meta>`` tag is used
    to decode it.  `when_empty` is the message when `read` finds no blocks;
    ``{advice}`` in it becomes `ADVICE`.  An `isolated` format's parser
    cannot be bounded from outside: it runs in a child process with a time
    limit (`compare.load.isolate`), under its `display_name`.
    """

    name: str
    extensions: tuple[str, ...]
    reader_module: str
    meta_charset: bool = False
    when_empty: str = "is empty: there is no article text to compare"
    isolated: bool = False
    display_name: str = ""

    def read(self, text: str, *, url: str | None, source: str) -> Parsed:
        """Read `text`, the input named `source` (fetched from `url`, when not None), with this format's reader."""
        reader = cast(Reader, importlib.import_module(f"{__package__}.{self.reader_module}").read)
        if not self.isolated:
            return reader(text, url=url, source=source)
        from .isolate import parse_seconds, run_isolated

        return run_isolated(
            lambda: reader(text, url=url, source=source),
            source=source,
            what=self.display_name or self.name,
            seconds=parse_seconds(text),
        )


TEXT = InputFormat("text", (".txt", ".text"), "text")
MARKDOWN = InputFormat(
    "markdown", (".md", ".markdown", ".mdown", ".mkd"), "markdown", isolated=True, display_name="Markdown"
)
HTML = InputFormat(
    "html",
    (".html", ".htm", ".xhtml"),
    "html",
    meta_charset=True,
    when_empty="no article text found in the page; {advice} that holds the article",
    isolated=True,
    display_name="HTML",
)

#: Every input format, in the order error messages name them.
INPUT_FORMATS: tuple[InputFormat, ...] = (TEXT, MARKDOWN, HTML)
#: The format of a file whose extension is not registered, or that has none.
FALLBACK = TEXT
#: The format of a URL unless one is forced.
URL_FORMAT = HTML

_BY_EXTENSION = {extension: fmt for fmt in INPUT_FORMATS for extension in fmt.extensions}


#: What to give instead of an input that is not an article, for the end of a message.
ADVICE = f"give a {either([fmt.extensions[0] for fmt in INPUT_FORMATS])} file or a URL"


def by_name(name: str | None) -> InputFormat | None:
    """The format called `name`; None for None, and a `ConfigError` for a name that is not registered.

    >>> by_name("markdown").extensions[0]
    '.md'
    """
    if name is None:
        return None
    for fmt in INPUT_FORMATS:
        # Compared, not looked up: a caller's unhashable value is refused like any other.
        if name == fmt.name:
            return fmt
    raise ConfigError(f"unknown format {name!r}; use {either([fmt.name for fmt in INPUT_FORMATS])}")


def for_path(path: str) -> InputFormat:
    """The format the extension of `path` implies (case-insensitive); `FALLBACK` when it is unknown.

    >>> for_path("story.HTM").name, for_path("notes").name
    ('html', 'text')
    """
    return _BY_EXTENSION.get(os.path.splitext(path)[1].lower(), FALLBACK)

"""The one exception family of `compare`.

Every error the library raises on purpose is a `CompareError`.  Its message is
one line that names the input it is about and says what to do; `cli.main`
prints it and exits with the code in `exit_code`.  Anything else is a bug and
keeps its traceback.

The command's exit codes are defined here, beside the errors that map to
them, and nowhere else (the README lists them too):

* 0 `OK`: the report was written;
* 1 `ERROR`: an unexpected failure (a bug: the traceback is printed);
* 2 `USAGE`: bad options, arguments, manifest or output path (`ConfigError`);
* 3 `INPUT`: an article could not be read, decoded, fetched, or is empty (`ArticleError`);
* 4 `RENDER`: the report could not be rendered or written (`RenderError`);
* 5 `PAIRS_FAILED` (batch): some pairs could not be compared; the others were;
* 6 `GATE_FAILED` (batch): every pair was compared, but a ``--fail-if`` condition held;
* 130 `INTERRUPTED`: stopped by Ctrl-C or SIGTERM (finished pairs are kept; rerun to finish).
"""

from __future__ import annotations

OK, ERROR, USAGE, INPUT, RENDER, PAIRS_FAILED, GATE_FAILED, INTERRUPTED = 0, 1, 2, 3, 4, 5, 6, 130


def either(choices: list[str]) -> str:
    """`choices` as a message lists them: ``a, b or c``.

    >>> either([".txt", ".md", ".html"])
    '.txt, .md or .html'
    """
    return choices[0] if len(choices) == 1 else f"{', '.join(choices[:-1])} or {choices[-1]}"


# C0 controls, DEL and C1 controls: a terminal acts on them (colours, titles, resets).
CONTROL_ESCAPES = {code: f"\\x{code:02x}" for code in (*range(0x20), *range(0x7F, 0xA0))}


def printable(text: str) -> str:
    r"""`text` with control characters (C0, DEL and C1) shown as ``\x1b``-style escapes.

    >>> printable("HTTP 500 \x1b]0;pwned\x07Bad")
    'HTTP 500 \\x1b]0;pwned\\x07Bad'
    """
    return text.translate(CONTROL_ESCAPES)


class CompareError(Exception):
    """Base of every error `compare` raises on purpose.

    `source` names the input (a path, a URL, "A" or "B") when the error is
    about one; `exit_code` is what the command line exits with.
    """

    exit_code = ERROR

    def __init__(self, message: str, *, source: str | None = None) -> None:
        """Keep `source` and make the message one line, prefixed with `source` when given."""
        self.source = source
        # One line, always: messages end up in CI logs and summary tables; and no control character from a
        # file name, URL or server reaches a terminal, which would act on it.
        message = " ".join(message.split())
        super().__init__(printable(f"{source}: {message}" if source else message))


class ArticleError(CompareError):
    """An input article cannot be read, decoded, fetched or is empty."""

    exit_code = INPUT


class ConfigError(CompareError):
    """Options, a manifest or an output path are wrong."""

    exit_code = USAGE


class RenderError(CompareError):
    """A report could not be rendered or written."""

    exit_code = RENDER


class ModelError(CompareError):
    """The paraphrase model is not installed, or a file of it does not match its pinned SHA-256.

    A setup problem, not a bug: the command exits with `USAGE` and says how to reinstall.
    """

    exit_code = USAGE

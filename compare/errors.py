"""The one exception family of `compare`.

Every error the library raises on purpose is a `CompareError`.  Its message is
one line that names the input it is about and says what to do; `cli.main`
prints it and exits with the code in `exit_code`.  Anything else is a bug and
keeps its traceback.
"""

from __future__ import annotations


class CompareError(Exception):
    """Base of every error `compare` raises on purpose.

    `source` names the input (a path, a URL, "A" or "B") when the error is
    about one; `exit_code` is what the command line exits with.
    """

    exit_code = 1

    def __init__(self, message: str, *, source: str | None = None) -> None:
        """Keep `source` and make the message one line, prefixed with `source` when given."""
        self.source = source
        # One line, always: messages end up in CI logs and summary tables.
        message = " ".join(message.split())
        super().__init__(f"{source}: {message}" if source else message)


class ArticleError(CompareError):
    """An input article cannot be read, decoded, fetched or is empty."""

    exit_code = 3


class ConfigError(CompareError):
    """Options, a manifest or an output path are wrong."""

    exit_code = 2


class RenderError(CompareError):
    """A report could not be rendered or written."""

    exit_code = 4

"""Reading an input file, within a size limit, and the words for limits and I/O failures.

`fetch` uses the same limit checks and messages for URLs.
"""

from __future__ import annotations

import os
import stat
import time
from typing import BinaryIO

from ..errors import ArticleError, ConfigError

#: Bytes in a kilobyte and in a megabyte, as sizes are shown to people.
KB = 1024
MB = 1024 * KB


def check_limits(max_bytes: int, timeout: float) -> None:
    """Refuse a `max_bytes` or `timeout` that is not a positive number, with a `ConfigError`."""
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes < 1:
        raise ConfigError(f"max_bytes must be a positive whole number of bytes: {max_bytes!r}")
    if not isinstance(timeout, int | float) or not 0 < timeout < float("inf"):
        raise ConfigError(f"timeout must be a positive number of seconds: {timeout!r}")


#: What `-` as an input reads, and how messages name it.
STDIN = "-"


def read_file(path: str, max_bytes: int, timeout: float) -> bytes:
    """Read the file at `path` (`STDIN`: standard input), refusing a missing, unreadable, special or oversized one.

    The size is checked with ``stat`` before reading, and again on what was
    read; every refusal is an `ArticleError` naming `path`.  A pipe (a FIFO,
    ``<(…)``, standard input) must give its first byte within `timeout`
    seconds; a device or a socket is refused.
    """
    if path == STDIN:
        return read_pipe(0, path, max_bytes, timeout)
    try:
        info = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        raise ArticleError("no such file; check the path", source=path) from None
    except PermissionError:
        raise ArticleError("cannot be read: permission denied", source=path) from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the path
        raise ArticleError(f"cannot be read: {describe_error(exc)}; check the path", source=path) from None
    if stat.S_ISDIR(info.st_mode):
        raise ArticleError("is a directory, not an article; give a file inside it", source=path)
    if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode) or stat.S_ISSOCK(info.st_mode):
        raise ArticleError("is a device or a socket, not an article; give a file, a pipe or a URL", source=path)
    if stat.S_ISFIFO(info.st_mode):
        try:
            # Opened without waiting for a writer: the first byte's wait is `read_pipe`'s, within the timeout.
            descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        except OSError as exc:
            raise ArticleError(f"cannot be read: {describe_error(exc)}", source=path) from None
        try:
            return read_pipe(descriptor, path, max_bytes, timeout)
        finally:
            os.close(descriptor)
    if stat.S_ISREG(info.st_mode) and info.st_size > max_bytes:
        raise ArticleError(too_large(info.st_size, max_bytes), source=path)
    try:
        with open(path, "rb") as handle:
            # Read one byte past the limit: the file may have grown since the
            # stat, or be a pipe whose size stat cannot tell.  In chunks: a huge
            # limit (--max-bytes 1e14) must not ask for that much memory at once.
            data = _read_at_most(handle, max_bytes + 1)
    except PermissionError:
        raise ArticleError("cannot be read: permission denied", source=path) from None
    except IsADirectoryError:
        raise ArticleError("is a directory, not an article; give a file inside it", source=path) from None
    except OSError as exc:
        raise ArticleError(f"cannot be read: {describe_error(exc)}", source=path) from None
    if len(data) > max_bytes:
        raise ArticleError(too_large(None, max_bytes), source=path)
    return data


# Bytes read at a time from an input.
READ_CHUNK = 1 << 20


def read_pipe(descriptor: int, source: str, max_bytes: int, timeout: float) -> bytes:
    """Read pipe `descriptor` to its end: its first byte within `timeout` seconds, then at most `max_bytes`."""
    import select

    deadline = time.monotonic() + timeout
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise ArticleError(
                f"sent nothing within {timeout:g} s; raise --timeout if its writer is slow to start", source=source
            )
        try:
            ready, _, _ = select.select([descriptor], [], [], remaining)
        except (OSError, ValueError) as exc:
            raise ArticleError(f"cannot be read: {describe_error(exc)}", source=source) from None
        if ready:
            break
    os.set_blocking(descriptor, True)
    try:
        with os.fdopen(descriptor, "rb", closefd=False) as pipe:
            data = _read_at_most(pipe, max_bytes + 1)
    except OSError as exc:
        raise ArticleError(f"cannot be read: {describe_error(exc)}", source=source) from None
    if len(data) > max_bytes:
        raise ArticleError(too_large(None, max_bytes), source=source)
    return data


def _read_at_most(handle: BinaryIO, limit: int) -> bytes:
    """Up to `limit` bytes of `handle`, read in chunks so the memory used follows the input, not the limit."""
    chunks: list[bytes] = []
    remaining = limit
    while remaining > 0:
        chunk = handle.read(min(READ_CHUNK, remaining))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def too_large(size: int | None, max_bytes: int) -> str:
    """The message for an input over `max_bytes`; `size` is named when it is known.

    >>> too_large(2048, 1000)
    'is larger than the 1000 bytes limit (2.0 KB); raise --max-bytes (max_bytes=) if it really is one article'
    """
    actual = f" ({human_size(size)})" if size is not None else ""
    return (
        f"is larger than the {human_size(max_bytes)} limit{actual}; "
        "raise --max-bytes (max_bytes=) if it really is one article"
    )


def human_size(size: int) -> str:
    """`size` bytes as people read it: ``5.0 MB``, ``2.0 KB``, ``900 bytes``."""
    if size >= MB:
        return f"{size / MB:.1f} MB"
    if size >= KB:
        return f"{size / KB:.1f} KB"
    return f"{size} bytes"


def describe_error(exc: BaseException) -> str:
    """A short lower-case reason for `exc`, for the end of a message.

    >>> describe_error(FileNotFoundError(2, "No such file or directory"))
    'no such file or directory'
    """
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc) or type(exc).__name__

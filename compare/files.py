"""Writing files so that nobody ever reads half of one.

Reports (`cli`), batch folders, summaries and cache records (`batch`) are all
written through `write_atomically`: the bytes go to a temporary file in the
same folder, are flushed to disk and then renamed over the target, so a reader
sees either the old file or the complete new one.

Only a regular file (or nothing) is ever renamed over.  A character device or
a named pipe (``-o /dev/null``, ``/dev/stdout``, a FIFO) is written straight
through, as a shell redirection would; a link is kept and the file it points
to is replaced.  The temporary file gets a random name and is created with
``O_EXCL | O_NOFOLLOW``, so nothing planted at a guessable name is followed.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from pathlib import Path

from .errors import RenderError

# Random bytes in a temporary file's name, and how many names to try before giving up.
TOKEN_BYTES = 8
CREATE_ATTEMPTS = 100
# Flags for a temporary file: a new file of ours, never an existing one, never through a link.
CREATE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
# Flags for writing through to a device or a pipe: never create, never make it our terminal.
THROUGH_FLAGS = os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
NEW_FILE_MODE = 0o666  # less the umask, as open() would give
NO_SPACE = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))


def write_atomically(path: str | os.PathLike[str], data: bytes | str) -> None:
    """Write `data` (text is encoded as UTF-8) to `path` through a temporary file renamed into place.

    A reader never sees a half-written report: either the old file or the
    complete new one.  A character device or a pipe at `path` is written
    straight through instead (it cannot be renamed over); a link at `path`
    stays, and the file it leads to is replaced.  A failure is a `RenderError`
    naming `path`, and leaves no temporary file behind.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    mode = _mode(path)
    if mode is not None and _is_stream(mode):
        _write_through(path, payload)
    elif mode is None or stat.S_ISREG(mode):
        _replace(_followed(path), payload, path)
    else:
        raise _not_a_file(path)


def check_writable(path: str | os.PathLike[str]) -> None:
    """Raise a `RenderError` unless `write_atomically(path, …)` could write there, without writing `path`.

    For a regular file (or none) this creates and removes a temporary file in
    its folder, or in the nearest existing folder above it when folders are
    missing (the caller creates them): only trying tells, since root passes
    `os.access` even where nothing can be created.  A device or a pipe must be
    writable by us.
    """
    mode = _mode(path)
    if mode is not None and _is_stream(mode):
        if not os.access(path, os.W_OK):
            raise RenderError("cannot be written (permission denied); choose another -o", source=str(path))
        return
    if mode is not None and not stat.S_ISREG(mode):
        raise _not_a_file(path)
    folder = _followed(path).parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        handle, temporary = _create_temporary(folder, _followed(path).name)
        os.close(handle)
        os.unlink(temporary)
    except OSError as error:
        raise RenderError(
            f"cannot write in the folder {folder} ({_reason(error)}); check it is writable or choose another -o",
            source=str(path),
        ) from None


def remove_quietly(path: Path) -> None:
    """Remove the file at `path` if it is there; a cleanup failure must not hide the error being reported."""
    # unlink(missing_ok=True) still raises when a parent is a file (NotADirectoryError).
    with contextlib.suppress(OSError):
        path.unlink()


def _mode(path: str | os.PathLike[str]) -> int | None:
    """The file type and mode of what `path` leads to (links followed), or None when there is nothing there."""
    try:
        return os.stat(path).st_mode
    except FileNotFoundError:
        return None
    except OSError as error:  # a parent that is a file, a loop of links, no permission
        raise _cannot_write(path, error) from None


def _is_stream(mode: int) -> bool:
    """True for the files written straight through: character devices and named pipes."""
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def _followed(path: str | os.PathLike[str]) -> Path:
    """`path`, or the file a link at `path` leads to (perhaps not there yet), so the link is kept."""
    return Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)


def _create_temporary(folder: Path, name: str) -> tuple[int, Path]:
    """A new file, open for writing, with a random name beside `name` in `folder`: its descriptor and path."""
    for _ in range(CREATE_ATTEMPTS):
        temporary = folder / f".{name}.{secrets.token_hex(TOKEN_BYTES)}.tmp"
        try:
            return os.open(temporary, CREATE_FLAGS, NEW_FILE_MODE), temporary
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary file name", str(folder))


def _replace(target: Path, payload: bytes, shown: str | os.PathLike[str]) -> None:
    """Write `payload` to a temporary file beside `target` and rename it over `target`; errors name `shown`."""
    try:
        handle, temporary = _create_temporary(target.parent, target.name)
    except OSError as error:
        raise _cannot_write(shown, error) from None
    try:
        with open(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except OSError as error:
        remove_quietly(temporary)
        raise _cannot_write(shown, error) from None
    except BaseException:
        remove_quietly(temporary)
        raise


def _write_through(path: str | os.PathLike[str], payload: bytes) -> None:
    """Write `payload` straight to the device or pipe at `path`, as ``> path`` in a shell would."""
    try:
        handle = os.open(path, THROUGH_FLAGS)  # a pipe with no reader waits for one, as the shell does
    except OSError as error:
        raise _cannot_write(path, error) from None
    try:
        if not _is_stream(os.fstat(handle).st_mode):  # replaced since we looked: write nothing into it
            raise _not_a_file(path)
        view = memoryview(payload)
        while view:
            view = view[os.write(handle, view) :]
    except OSError as error:
        raise _cannot_write(path, error) from None
    finally:
        os.close(handle)


def _reason(error: OSError) -> str:
    """The words for `error`, such as "No space left on device"."""
    return error.strerror or error.__class__.__name__


def _cannot_write(path: str | os.PathLike[str], error: OSError) -> RenderError:
    """The error for a report that could not be written to `path` because of `error`, saying what to do."""
    advice = (
        "free some space or write it elsewhere"
        if error.errno in NO_SPACE
        else "check the folder exists and is writable"
    )
    return RenderError(f"cannot write the report ({_reason(error)}); {advice}", source=str(path))


def _not_a_file(path: str | os.PathLike[str]) -> RenderError:
    """The error for a `path` that is neither a regular file, a device nor a pipe (a folder, a socket)."""
    return RenderError(
        "cannot write the report: it is not a file, a device or a pipe; give a file name such as report.html",
        source=str(path),
    )

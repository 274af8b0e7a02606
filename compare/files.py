"""Writing files so that nobody ever reads half of one.

Reports (`cli`), batch folders, summaries and cache records (`batch`) are all
written through `write_atomically`: the bytes go to a temporary file in the
same folder, are flushed to disk and then renamed over the target, so a reader
sees either the old file or the complete new one.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from .errors import RenderError


def write_atomically(path: str | os.PathLike[str], data: bytes | str) -> None:
    """Write `data` (text is encoded as UTF-8) to `path` through a temporary file renamed into place.

    A reader never sees a half-written report: either the old file or the
    complete new one.  A failure is a `RenderError` naming `path`, and leaves
    no temporary file behind.
    """
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except OSError as error:
        remove_quietly(temporary)
        reason = error.strerror or error.__class__.__name__
        raise RenderError(
            f"cannot write the report ({reason}); check the folder exists and is writable", source=str(path)
        ) from None
    except BaseException:
        remove_quietly(temporary)
        raise


def remove_quietly(path: Path) -> None:
    """Remove the file at `path` if it is there; a cleanup failure must not hide the error being reported."""
    # unlink(missing_ok=True) still raises when a parent is a file (NotADirectoryError).
    with contextlib.suppress(OSError):
        path.unlink()

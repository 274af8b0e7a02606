"""Sentence vectors kept on disk between runs, so an article compared again is not embedded again.

Loading the paraphrase model and embedding a pair's sentences are most of a
run's time when the model is on; an editor who renders the same pair as HTML
and then as PDF, or a batch rerun with other report options, would pay for
both again.  The vectors of one list of sentences are stored as one ``.npy``
file named by a hash of the sentences, the model's and vocabulary's SHA-256
and the truncation length, so a vector read back is the vector the same
checked model gives (a text's vector does not depend on the texts embedded
with it, so reading it back changes no result).

The folder is ``$ARTICLE_COMPARE_CACHE``, else ``$XDG_CACHE_HOME/article-compare``,
else ``~/.cache/article-compare``; ``ARTICLE_COMPARE_CACHE=off`` keeps nothing.
The store only saves time: a file that cannot be read or written, or that is
damaged, is a miss, never an error.  Files are written atomically and the
oldest are removed once there are more than `MAX_FILES`, or more than
`MAX_BYTES` in all.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import itertools
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import CompareError
from ..files import write_atomically
from . import DIMENSIONS, MODEL_SHA256, VOCAB_SHA256
from .wordpiece import MAX_LENGTH

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

CACHE_ENV = "ARTICLE_COMPARE_CACHE"
OFF_VALUES = frozenset({"", "0", "off", "false", "no", "none"})
SUBFOLDER = "vectors"
# Bump when what a file holds, or how its name is made, changes: old files are then never read.
STORE_FORMAT = 1
# A list of 40 sentences takes about 64 KB, and its word pieces about 1 MB: at most this many files...
MAX_FILES = 1500
# ...and this many bytes in all (about 150 articles' worth of both).
MAX_BYTES = 300_000_000


def cache_folder(environ: dict[str, str] | None = None) -> Path | None:
    """Where vectors are kept, from `environ` (default `os.environ`), or None when the store is off."""
    environ = dict(os.environ) if environ is None else environ
    chosen = environ.get(CACHE_ENV)
    if chosen is not None:
        return None if chosen.strip().lower() in OFF_VALUES else Path(chosen) / SUBFOLDER
    base = environ.get("XDG_CACHE_HOME")
    if base:
        return Path(base) / "article-compare" / SUBFOLDER
    try:
        return Path.home() / ".cache" / "article-compare" / SUBFOLDER
    except RuntimeError:  # no home directory to be found: keep nothing
        return None


def vectors_key(texts: Sequence[str]) -> str:
    """The file name's hash for the vectors of `texts`: the texts in order, the model, vocabulary and truncation."""
    fields = [STORE_FORMAT, MODEL_SHA256, VOCAB_SHA256, MAX_LENGTH, list(texts)]
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode("utf-8")).hexdigest()


def pieces_key(texts: Sequence[str]) -> str:
    """The file name's hash for the word-piece vectors of `texts` (`vectors_key`, marked as pieces)."""
    return vectors_key(["\x00pieces", *texts])


class VectorStore:
    """The vectors of lists of sentences, on disk in `folder` (None: a store that keeps nothing)."""

    def __init__(self, folder: Path | None) -> None:
        """A store in `folder`, created when the first vectors are written."""
        self.folder = folder

    @classmethod
    def from_environment(cls) -> VectorStore:
        """The store `cache_folder` names."""
        return cls(cache_folder())

    def path_for(self, texts: Sequence[str]) -> Path | None:
        """The file that holds the vectors of `texts`, or None when the store is off."""
        return None if self.folder is None else self.folder / f"{vectors_key(texts)}.npy"

    def get(self, texts: Sequence[str]) -> npt.NDArray[np.float32] | None:
        """The stored vectors of `texts`, one row each, or None when there are none (or they cannot be trusted)."""
        path = self.path_for(texts)
        if path is None or not texts:
            return None
        import numpy as np

        try:
            data = path.read_bytes()
            vectors: Any = np.load(io.BytesIO(data), allow_pickle=False)
        except (OSError, ValueError, EOFError):
            return None
        if vectors.dtype != np.float32 or vectors.shape != (len(texts), DIMENSIONS) or not np.isfinite(vectors).all():
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used: the last to be pruned
        stored: npt.NDArray[np.float32] = vectors
        return stored

    def put(self, texts: Sequence[str], vectors: npt.NDArray[np.float32]) -> None:
        """Keep `vectors` (one row per text of `texts`); a store that cannot be written is left as it is."""
        path = self.path_for(texts)
        if path is None or not texts:
            return
        import numpy as np

        buffer = io.BytesIO()
        np.save(buffer, np.ascontiguousarray(vectors, dtype=np.float32), allow_pickle=False)
        self._write(path, buffer.getvalue())

    def get_pieces(self, texts: Sequence[str], lengths: Sequence[int]) -> list[npt.NDArray[np.float16]] | None:
        """The stored word-piece vectors of `texts` (`lengths[i]` rows for text i), or None when there are none, or
        they were stored for other lengths (the file keeps each text's, and they must agree)."""
        if self.folder is None or not texts:
            return None
        import numpy as np

        path = self.folder / f"{pieces_key(texts)}.npz"
        try:
            with np.load(io.BytesIO(path.read_bytes()), allow_pickle=False) as stored:
                rows, stored_lengths = stored["rows"], stored["lengths"]
        except (OSError, ValueError, EOFError, KeyError):
            return None
        if stored_lengths.tolist() != list(lengths) or rows.dtype != np.float16:
            return None
        if rows.shape != (sum(lengths), DIMENSIONS) or not np.isfinite(rows).all():
            return None
        with contextlib.suppress(OSError):
            os.utime(path)
        bounds = np.cumsum([0, *lengths])
        return [rows[start:end] for start, end in itertools.pairwise(bounds.tolist())]

    def put_pieces(self, texts: Sequence[str], pieces: Sequence[npt.NDArray[np.float16]]) -> None:
        """Keep the word-piece vectors `pieces` of `texts` (one array per text) with each text's number of rows."""
        if self.folder is None or not texts:
            return
        import numpy as np

        buffer = io.BytesIO()
        rows = np.concatenate(pieces) if pieces else np.zeros((0, DIMENSIONS), dtype=np.float16)
        np.savez(
            buffer,
            rows=np.ascontiguousarray(rows, dtype=np.float16),
            lengths=np.array([len(piece) for piece in pieces], dtype=np.int64),
        )
        self._write(self.folder / f"{pieces_key(texts)}.npz", buffer.getvalue())

    def _write(self, path: Path, data: bytes) -> None:
        """Write `data` to `path` atomically and prune the store; a store that cannot be written is left as it is."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(path, data)
        except (OSError, CompareError):  # a full disk or a read-only home only costs time next run
            return
        self.prune()

    def prune(self, keep: int = MAX_FILES, keep_bytes: int = MAX_BYTES) -> None:
        """Remove the least recently used files beyond the newest `keep`, or beyond `keep_bytes` in all."""
        if self.folder is None:
            return
        try:
            found = [
                (stat.st_mtime, stat.st_size, entry.path)
                for entry in os.scandir(self.folder)
                if entry.is_file() and (stat := entry.stat())
            ]
        except OSError:
            return
        total = 0
        for rank, (_, size, path) in enumerate(sorted(found, reverse=True)):
            total += size
            if rank >= keep or total > keep_bytes:
                with contextlib.suppress(OSError):
                    os.remove(path)

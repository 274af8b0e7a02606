"""The batch cache: what a pair's or a set's reports were made from, so an unchanged one is skipped.

``OUTDIR/.cache/<id>.json`` holds the item's key — a hash of its inputs'
bytes, its labels, the options that shape its reports (the paraphrase model
among them) and the tool version — and its last record.  A pair or set whose
key is unchanged and whose reports are all still there is not compared again.
The record is written after the item's folder is in place, so a cache entry
never points at reports that are not.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from .errors import CompareError
from .files import write_atomically
from .manifest import BatchItem, PairSpec

CACHE_DIR = ".cache"


def cache_key(spec: BatchItem, options: dict[str, Any], max_bytes: int) -> str:
    """A hash of everything `spec`'s outputs depend on: inputs' bytes, labels and the report `options`.

    An input larger than `max_bytes` is not read (the pair will fail anyway),
    and a URL is hashed by its address, since it is fetched again every run.
    A set's key starts with its kind, so a pair and a set never share one; it
    holds the articles' names as the manifest gives them (an article without a
    label is named after its file) and hashes each article's bytes apart, so
    moving text from one article to the next changes it.
    """
    digest = hashlib.sha256()
    if not isinstance(spec, PairSpec):
        fields: list[Any] = ["set", spec.id, list(spec.shown), list(spec.labels), list(spec.fallbacks), options]
        digest.update(json.dumps(fields).encode())
        for source in spec.articles:
            digest.update(hashlib.sha256(_input_bytes(source, max_bytes)).digest())
        return digest.hexdigest()
    fields = [spec.id, spec.label_a, spec.label_b, spec.versions, options]
    if spec.fallback_a or spec.fallback_b:
        fields.append([spec.fallback_a, spec.fallback_b])  # appended only when set: manifests keep their keys
    digest.update(json.dumps(fields).encode())
    for source in (spec.a, spec.b):
        digest.update(_input_bytes(source, max_bytes))
    return digest.hexdigest()


def _input_bytes(source: str, max_bytes: int) -> bytes:
    """What the key holds for the input `source`: its bytes, its address for a URL, a marker when too large or
    unreadable."""
    if "://" in source:
        return source.encode()
    try:
        path = Path(source)
        if path.stat().st_size > max_bytes:
            return b"<too large>"
        return path.read_bytes()
    except OSError:
        return b"<unreadable>"


def read_cache(root: Path, pair_id: str) -> dict[str, Any] | None:
    """The cache entry of `pair_id` (a pair's or a set's id) under `root`, or None when it is missing or
    unreadable (the pair or set then reruns)."""
    try:
        loaded: dict[str, Any] = json.loads((root / CACHE_DIR / f"{pair_id}.json").read_text(encoding="utf-8"))
        return loaded
    except (OSError, ValueError):
        return None


def write_cache(root: Path, pair_id: str, key: str, record: dict[str, Any]) -> None:
    """Cache `record` (a pair record as a dict) for `pair_id` under `root` with its input `key`.

    The cache only saves time: when it cannot be written (``.cache`` is a
    file, the disk is full) the pair's reports stand and it is redone next time.
    """
    try:
        (root / CACHE_DIR).mkdir(exist_ok=True)
        entry = json.dumps({"key": key, "record": record}, sort_keys=True)
        write_atomically(root / CACHE_DIR / f"{pair_id}.json", entry)
    except (OSError, CompareError):
        return


def outputs_present(root: Path, cached: dict[str, Any]) -> bool:
    """True when the `cached` entry lists outputs and every one of them is still a non-empty file under `root`."""
    outputs = cached.get("record", {}).get("outputs", {})
    return bool(outputs) and all(_non_empty_file(root / path) for path in outputs.values())


def _non_empty_file(path: Path) -> bool:
    """True for a regular file with something in it (a report truncated to nothing is made again)."""
    try:
        return path.is_file() and path.stat().st_size > 0
    except OSError:
        return False

"""Manifests of article pairs: a TOML file → `tuple[PairSpec]`.

The format (`seeds/pairs.toml` is an example)::

    [[pair]]
    id = "council-vote"            # unique; letters, digits, "-", "_" and "."
    a = "council-a.txt"            # a path relative to the manifest, or a URL
    b = "https://example.org/b"
    label_a = "The Daily"          # optional
    label_b = "The Weekly"         # optional
    published = "2024-05-01"       # optional
    note = "free text"             # optional
    versions = true                # optional: a is the earlier version of b, not another outlet

Instead of a manifest, a folder of ``pair-*/`` folders each holding one
``a.*`` and one ``b.*`` article is accepted too (`read_pairs`); the folder
name is the pair id, and a ``pair.toml`` in it may hold the fields of a
manifest's ``[[pair]]`` table but ``id``, ``a`` and ``b`` (``label_a``,
``label_b``, ``published``, ``note``, ``versions``).  A pair folder without
exactly one ``a.*`` and one ``b.*`` fails alone when the batch runs.

A manifest named ``pairs.toml`` beside an article also gives that article
its label when neither `--label-a/--label-b` nor the article's metadata do.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import ConfigError

MANIFEST_NAME = "pairs.toml"
# \Z, not $: "$" would accept an id ending in a newline, and two rows would link to one report.
PAIR_ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}\Z")
# Names a batch writes in its output folder: no pair may take them.
RESERVED_IDS = frozenset({"index.html", "summary.json", "summary.md", ".cache"})
KNOWN_FIELDS = {"id", "a", "b", "label_a", "label_b", "published", "note", "versions"}
PAIR_SETTINGS_NAME = "pair.toml"
# A manifest of a hundred thousand pairs is far below this; /dev/zero or a stray archive is not.
MAX_MANIFEST_BYTES = 16 << 20


@dataclass(frozen=True)
class PairSpec:
    """One pair of a manifest: what to compare and how to label it."""

    id: str
    a: str
    b: str
    label_a: str | None = None
    label_b: str | None = None
    published: str | None = None
    note: str | None = None
    versions: bool = False  # a is the earlier version of b
    # Folder mode: labels when neither the pair nor its articles name an outlet ("pair-3 A"), and why the pair
    # cannot be compared (a missing b.*): it then fails alone, as any bad pair does.
    fallback_a: str | None = None
    fallback_b: str | None = None
    problem: str | None = None
    # The articles as the manifest (or the folder) names them, for messages: "a.txt", not the absolute path.
    shown_a: str | None = None
    shown_b: str | None = None


def read_manifest(path: str | os.PathLike[str]) -> tuple[PairSpec, ...]:
    """Read and check the manifest at `path`; relative article paths become absolute."""
    import tomllib  # only when a manifest is read: the command line looks for one beside every article

    manifest = Path(path)
    try:
        if not stat.S_ISREG(manifest.stat().st_mode):
            raise ConfigError("is not a regular file; give a pairs.toml", source=str(path))
        with open(manifest, "rb") as handle:
            raw = handle.read(MAX_MANIFEST_BYTES + 1)
        if len(raw) > MAX_MANIFEST_BYTES:
            raise ConfigError(f"is larger than {MAX_MANIFEST_BYTES} bytes; is it a manifest?", source=str(path))
        data = tomllib.loads(raw.decode("utf-8"))
    except FileNotFoundError:
        raise ConfigError("no such manifest; check the path", source=str(path)) from None
    except tomllib.TOMLDecodeError as error:  # before ValueError, its base class
        raise ConfigError(f"is not valid TOML: {error}", source=str(path)) from None
    except (OSError, UnicodeDecodeError, ValueError) as error:  # ValueError: a NUL byte in the path
        raise ConfigError(f"cannot be read ({error.__class__.__name__}); check the file", source=str(path)) from None
    except RecursionError:
        raise ConfigError("is nested too deeply to be a manifest; check the file", source=str(path)) from None
    entries = data.get("pair")
    if not isinstance(entries, list) or not entries:
        raise ConfigError('lists no pairs; add [[pair]] tables with "id", "a" and "b"', source=str(path))
    pairs = []
    seen: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        where = f"pair {number}"
        if not isinstance(entry, dict):
            raise ConfigError(f"{where} is not a table", source=str(path))
        for name in ("id", "a", "b"):
            if not isinstance(entry.get(name), str) or not entry[name].strip():
                raise ConfigError(f'{where} lacks the field "{name}"; every pair needs id, a and b', source=str(path))
        unknown = sorted(set(entry) - KNOWN_FIELDS)
        if unknown:
            raise ConfigError(f"{where} has unknown field(s) {', '.join(unknown)}", source=str(path))
        pair_id = entry["id"]
        if not PAIR_ID_RE.match(pair_id) or pair_id.lower() in RESERVED_IDS:
            raise ConfigError(
                f"{where} has id {pair_id!r}; use letters, digits, '-', '_' and '.', and not a name the batch "
                "writes (index.html, summary.json, summary.md)",
                source=str(path),
            )
        if pair_id in seen:
            raise ConfigError(f"pair id {pair_id!r} appears twice; ids must be unique", source=str(path))
        seen.add(pair_id)
        pairs.append(
            PairSpec(
                id=pair_id,
                a=_resolve(manifest, entry["a"], where, path),
                b=_resolve(manifest, entry["b"], where, path),
                shown_a=str(entry["a"]),
                shown_b=str(entry["b"]),
                label_a=_optional(entry, "label_a"),
                label_b=_optional(entry, "label_b"),
                published=_optional(entry, "published"),
                note=_optional(entry, "note"),
                versions=_flag(entry, "versions", where, path),
            )
        )
    return tuple(pairs)


def read_pairs(path: str | os.PathLike[str]) -> tuple[PairSpec, ...]:
    """Read pairs from a TOML manifest, or from a folder of ``pair-*/a.*`` + ``b.*`` folders."""
    folder = Path(path)
    if not folder.is_dir():
        return read_manifest(folder)
    base = folder.resolve()
    pairs = []
    for pair_dir in sorted(p for p in folder.glob("pair-*") if p.is_dir()):
        if not PAIR_ID_RE.match(pair_dir.name):
            raise ConfigError(f"folder name {pair_dir.name!r} cannot be a pair id", source=str(path))
        sides: list[str] = []
        problem = None
        for side in ("a", "b"):
            found = sorted(f for f in pair_dir.glob(f"{side}.*") if f.is_file() and f.name != PAIR_SETTINGS_NAME)
            if len(found) != 1:
                problem = problem or f"{pair_dir.name} needs exactly one {side}.* article (found {len(found)})"
                sides.append(str(pair_dir / f"{side}.*"))
                continue
            target = found[0].resolve()
            # A symbolic link out of the folder would let a pull request make the tool read any file.
            if not target.is_relative_to(base):
                raise ConfigError(
                    f"{pair_dir.name}/{found[0].name} leads outside the folder; articles must be inside it",
                    source=str(path),
                )
            sides.append(str(target))
        settings = _folder_settings(pair_dir, path)
        pairs.append(
            PairSpec(
                id=pair_dir.name,
                a=sides[0],
                b=sides[1],
                label_a=_optional(settings, "label_a"),
                label_b=_optional(settings, "label_b"),
                published=_optional(settings, "published"),
                note=_optional(settings, "note"),
                versions=_flag(settings, "versions", f"{pair_dir.name}/{PAIR_SETTINGS_NAME}", path),
                fallback_a=f"{pair_dir.name} A",
                fallback_b=f"{pair_dir.name} B",
                problem=problem,
                shown_a=_shown(sides[0], base),
                shown_b=_shown(sides[1], base),
            )
        )
    if not pairs:
        raise ConfigError(
            "holds no pair-*/ folders with a.* and b.* articles; give a manifest or such a folder", source=str(path)
        )
    return tuple(pairs)


def _flag(entry: dict[str, object], name: str, where: str, path: str | os.PathLike[str]) -> bool:
    """The true/false field `name` of `entry` (false when absent); anything else is a ConfigError."""
    value = entry.get(name, False)
    if not isinstance(value, bool):
        raise ConfigError(f"{where} has {name} = {value!r}; write true or false", source=str(path))
    return value


# The fields a pair folder's pair.toml may hold: a manifest's [[pair]] fields but the articles and the id.
FOLDER_SETTINGS = KNOWN_FIELDS - {"id", "a", "b"}


def _folder_settings(pair_dir: Path, path: str | os.PathLike[str]) -> dict[str, object]:
    """The ``pair.toml`` of a pair folder (`FOLDER_SETTINGS`: labels, published, note, versions); {} without one."""
    import tomllib

    settings = pair_dir / PAIR_SETTINGS_NAME
    if not settings.is_file():
        return {}
    try:
        data = tomllib.loads(settings.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(
            f"{pair_dir.name}/{PAIR_SETTINGS_NAME} cannot be read ({error.__class__.__name__}); check the file",
            source=str(path),
        ) from None
    unknown = sorted(set(data) - FOLDER_SETTINGS)
    if unknown:
        raise ConfigError(
            f"{pair_dir.name}/{PAIR_SETTINGS_NAME} has unknown field(s) {', '.join(unknown)}", source=str(path)
        )
    for name in FOLDER_SETTINGS - {"versions"}:
        if name in data and not isinstance(data[name], str):
            raise ConfigError(
                f"{pair_dir.name}/{PAIR_SETTINGS_NAME} has {name} = {data[name]!r}; write text in quotes",
                source=str(path),
            )
    return data


def _shown(article: str, base: Path) -> str:
    """`article`, a path under the pairs folder `base`, as messages show it: relative to `base`."""
    try:
        return str(Path(article).relative_to(base))
    except ValueError:
        return article


def _optional(entry: dict[str, object], name: str) -> str | None:
    """The field `name` of `entry` as text, or None when it is absent."""
    value = entry.get(name)
    return str(value) if value is not None else None


def _resolve(manifest: Path, reference: str, where: str, path: str | os.PathLike[str]) -> str:
    """Return `reference` as an http(s) URL or an absolute path inside `manifest`'s folder; else raise ConfigError."""
    if re.match(r"^https?://", reference, re.IGNORECASE):  # URL schemes are case-insensitive
        return reference
    if "://" in reference:
        raise ConfigError(f"{where} names {reference!r}; only paths and http(s) URLs are accepted", source=str(path))
    if "\x00" in reference:
        raise ConfigError(f"{where} names a path with a NUL character; check the manifest", source=str(path))
    base = manifest.resolve().parent
    try:
        target = (base / reference).resolve()
    except (OSError, RuntimeError):  # a symbolic-link loop (RuntimeError before Python 3.13)
        raise ConfigError(
            f"{where} names {reference!r}, which loops through symbolic links", source=str(path)
        ) from None
    # Paths stay inside the manifest's folder, so a manifest from a pull
    # request cannot make the tool read files elsewhere on the machine.
    if not target.is_relative_to(base):
        raise ConfigError(f"{where} names {reference!r}, which is outside the manifest's folder", source=str(path))
    return str(target)


def label_from_manifest(source: str) -> str | None:
    """The label a `pairs.toml` beside `source` gives it, if any."""
    if "://" in source:
        return None
    article = Path(source)
    manifest = article.parent / MANIFEST_NAME
    try:
        status = manifest.stat()
    except (OSError, ValueError):  # ValueError: a NUL byte in the path
        return None
    if not stat.S_ISREG(status.st_mode):
        return None  # a folder or a pipe of that name is not a manifest
    try:
        resolved = str(article.resolve())
    except (OSError, RuntimeError):  # a symbolic-link loop (RuntimeError before Python 3.13): loading reports it
        return None
    version = (status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)
    return _manifest_labels(os.path.abspath(manifest), version).get(resolved)


@lru_cache(maxsize=8)
def _manifest_labels(manifest: str, version: tuple[int, int, int, int]) -> dict[str, str]:
    """Labels by absolute article path in the `manifest` at that absolute path.

    Both articles of a pair usually sit beside the same manifest: it is read
    once.  `version` (inode, size, modification and change times) is part of
    the cache key, so an edited or replaced manifest is read again.
    """
    try:
        pairs = read_manifest(manifest)
    except ConfigError:
        return {}
    labels: dict[str, str] = {}
    for pair in pairs:
        for path, label in ((pair.a, pair.label_a), (pair.b, pair.label_b)):
            if label and "://" not in path:
                labels.setdefault(path, label)
    return labels

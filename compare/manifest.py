"""Manifests of article pairs and sets: a TOML file → `tuple[PairSpec | SetSpec]`.

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

    [[set]]                        # three to 26 articles of one event (issue 14)
    id = "bridge-closure"          # unique across pairs and sets
    articles = ["times.txt", "post.html", "https://example.org/c"]
    labels = ["The Times", "", "The Courier"]   # optional, one per article ("" for none)
    published = "2024-05-01"       # optional
    note = "free text"             # optional

Pairs come first, then sets, each in manifest order.  A set's articles are
checked as a pair's are (inside the manifest's folder, or http(s) URLs); a
set that cannot be compared as written (fewer than 3 or more than 26
articles, labels not one per article, ``versions = true``) is kept with its
`SetSpec.problem` and fails alone when the batch runs, so the other pairs and
sets are still compared.  A manifest that is not well formed (a missing
field, an unknown one, a bad or repeated id) stops the batch before it starts.

Instead of a manifest, a folder of ``pair-*/`` folders each holding one
``a.*`` and one ``b.*`` article is accepted too (`read_pairs`); the folder
name is the pair id, and a ``pair.toml`` in it may hold the fields of a
manifest's ``[[pair]]`` table but ``id``, ``a`` and ``b`` (``label_a``,
``label_b``, ``published``, ``note``, ``versions``).  A pair folder without
exactly one ``a.*`` and one ``b.*`` fails alone when the batch runs.  The
folder may also hold ``set-*/`` folders whose articles are named ``1.*``,
``2.*``, … (numbered from 1 without gaps), with an optional ``set.toml``
giving ``labels``, ``published`` and ``note``; a set folder that is not such
a set fails alone, as a bad pair folder does.

A manifest named ``pairs.toml`` beside an article also gives that article
its label when neither `--label-a/--label-b` nor the article's metadata do.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import ClassVar

from .errors import ConfigError
from .model import SET_LETTERS

MANIFEST_NAME = "pairs.toml"
# \Z, not $: "$" would accept an id ending in a newline, and two rows would link to one report.
PAIR_ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}\Z")
# Names a batch writes in its output folder: no pair may take them.
RESERVED_IDS = frozenset({"index.html", "summary.json", "summary.md", "timings.json", ".cache"})
KNOWN_FIELDS = {"id", "a", "b", "label_a", "label_b", "published", "note", "versions"}
#: The fields of a manifest's ``[[set]]`` table; ``versions`` is known only to say that a set cannot have it.
SET_FIELDS = {"id", "articles", "labels", "published", "note", "versions"}
PAIR_SETTINGS_NAME = "pair.toml"
SET_SETTINGS_NAME = "set.toml"
#: How many articles a set takes: one letter each (`compare.sets` compares two too; in a batch, two are a pair).
MIN_SET_ARTICLES = 3
MAX_SET_ARTICLES = len(SET_LETTERS)
#: An article of a ``set-*/`` folder: its number, then its extension ("1.txt", "12.html").
SET_ARTICLE_RE = re.compile(r"(\d+)\.[^.]+\Z")
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

    kind: ClassVar[str] = "pair"

    @property
    def sources(self) -> tuple[str, ...]:
        """The articles to compare, in order: a, then b."""
        return (self.a, self.b)

    @property
    def shown(self) -> tuple[str | None, ...]:
        """The articles as the manifest names them, in the order of `sources` (None where not known)."""
        return (self.shown_a, self.shown_b)


@dataclass(frozen=True)
class SetSpec:
    """One set of a manifest: three to 26 articles of one event, compared at once (issue 14)."""

    id: str
    articles: tuple[str, ...]  # absolute paths or URLs, in order: documents a, b, c, …
    labels: tuple[str | None, ...] = ()  # one per article (None: its own), or () for none given
    published: str | None = None
    note: str | None = None
    # Folder mode: labels when neither the set nor its articles name an outlet ("set-bridge 1").
    fallbacks: tuple[str | None, ...] = ()
    # Why the set cannot be compared (2 articles, labels of the wrong length…): it then fails alone.
    problem: str | None = None
    shown: tuple[str | None, ...] = ()  # the articles as the manifest (or the folder) names them, for messages

    kind: ClassVar[str] = "set"

    @property
    def sources(self) -> tuple[str, ...]:
        """The articles to compare, in order."""
        return self.articles


#: What a batch runs: a pair or a set.
BatchItem = PairSpec | SetSpec


def read_manifest(path: str | os.PathLike[str]) -> tuple[BatchItem, ...]:
    """Read and check the manifest at `path`: its pairs, then its sets; relative article paths become absolute."""
    import tomllib  # only when a manifest is read: the command line looks for one beside every article

    manifest = Path(path)
    try:
        if not stat.S_ISREG(manifest.stat().st_mode):
            raise ConfigError("is not a regular file; give a pairs.toml", source=str(path))
        with open(manifest, "rb") as handle:
            raw = handle.read(MAX_MANIFEST_BYTES + 1)
        if len(raw) > MAX_MANIFEST_BYTES:
            raise ConfigError(f"is larger than {MAX_MANIFEST_BYTES} bytes; is it a manifest?", source=str(path))
        data = tomllib.loads(raw.decode("utf-8-sig"))  # -sig: Notepad starts UTF-8 with a byte-order mark
    except FileNotFoundError:
        raise ConfigError("no such manifest; check the path", source=str(path)) from None
    except tomllib.TOMLDecodeError as error:  # before ValueError, its base class
        if manifest.suffix.lower() != ".toml":  # an article given where the manifest goes, most likely
            raise ConfigError(
                "is not a manifest; batch takes a pairs.toml or a folder of pair-*/ and set-*/ folders (to compare "
                "two articles, leave out the word batch)",
                source=str(path),
            ) from None
        raise ConfigError(f"is not valid TOML: {error}", source=str(path)) from None
    except UnicodeDecodeError:
        raise ConfigError("is not UTF-8 text, as TOML must be; check the file", source=str(path)) from None
    except (OSError, ValueError) as error:  # ValueError: a NUL byte in the path
        raise ConfigError(f"cannot be read ({_reason(error)}); check the path", source=str(path)) from None
    except RecursionError:
        raise ConfigError("is nested too deeply to be a manifest; check the file", source=str(path)) from None
    pair_entries, set_entries = data.get("pair", []), data.get("set", [])
    if not isinstance(pair_entries, list) or not isinstance(set_entries, list) or not (pair_entries or set_entries):
        raise ConfigError(
            'lists no pairs or sets; add [[pair]] tables with "id", "a" and "b", or [[set]] tables with "id" and '
            '"articles"',
            source=str(path),
        )
    items: list[BatchItem] = []
    seen: set[str] = set()
    for number, entry in enumerate(pair_entries, start=1):
        where = f"pair {number}"
        if not isinstance(entry, dict):
            raise ConfigError(f"{where} is not a table", source=str(path))
        for name in ("id", "a", "b"):
            _require_text(entry, name, where, "every pair needs id, a and b", path)
        unknown = sorted(set(entry) - KNOWN_FIELDS)
        if unknown:
            raise ConfigError(f"{where} has unknown field(s) {', '.join(unknown)}", source=str(path))
        pair_id = _checked_id(entry["id"], where, seen, path)
        items.append(
            PairSpec(
                id=pair_id,
                a=_resolve(manifest, entry["a"], where, path),
                b=_resolve(manifest, entry["b"], where, path),
                shown_a=str(entry["a"]),
                shown_b=str(entry["b"]),
                label_a=_optional(entry, "label_a", where, path),
                label_b=_optional(entry, "label_b", where, path),
                published=_optional(entry, "published", where, path),
                note=_optional(entry, "note", where, path),
                versions=_flag(entry, "versions", where, path),
            )
        )
    for number, entry in enumerate(set_entries, start=1):
        items.append(_set_entry(manifest, entry, f"set {number}", seen, path))
    return tuple(items)


def _checked_id(item_id: str, where: str, seen: set[str], path: str | os.PathLike[str]) -> str:
    """`item_id` when it is a usable id not in `seen` (which it joins); else a ConfigError naming `where`."""
    if not PAIR_ID_RE.match(item_id) or item_id.lower() in RESERVED_IDS:
        raise ConfigError(
            f"{where} has id {item_id!r}; use letters, digits, '-', '_' and '.', and not a name the batch "
            "writes (index.html, summary.json, summary.md, timings.json)",
            source=str(path),
        )
    # Reports go in a folder named by the id, and some file systems ignore case: "P1" and "p1" are one folder.
    if item_id.lower() in seen:
        raise ConfigError(
            f"{where.split()[0]} id {item_id!r} appears twice (ids are told apart without regard to case); "
            "ids must be unique across pairs and sets",
            source=str(path),
        )
    seen.add(item_id.lower())
    return item_id


def _set_entry(manifest: Path, entry: object, where: str, seen: set[str], path: str | os.PathLike[str]) -> SetSpec:
    """The `SetSpec` of one ``[[set]]`` table, `entry`, the manifest's `where` ("set 2").

    A table that is not well formed (no id, an unknown field, articles that are
    not a list of paths or URLs, a path outside the folder) is a ConfigError
    for the whole manifest, as for pairs; a set that is well formed but cannot
    be compared (its article count, its labels' count, ``versions = true``)
    gets a `SetSpec.problem` and fails alone.
    """
    if not isinstance(entry, dict):
        raise ConfigError(f"{where} is not a table", source=str(path))
    _require_text(entry, "id", where, "every set needs id and articles", path)
    unknown = sorted(set(entry) - SET_FIELDS)
    if unknown:
        raise ConfigError(f"{where} has unknown field(s) {', '.join(unknown)}", source=str(path))
    set_id = _checked_id(entry["id"], where, seen, path)
    where = f"{where} ({set_id})"
    articles = entry.get("articles")
    if not isinstance(articles, list) or not all(isinstance(a, str) and a.strip() for a in articles):
        raise ConfigError(
            f'{where} needs "articles", a list of paths or URLs: articles = ["a.txt", "b.html", "c.md"]',
            source=str(path),
        )
    resolved = tuple(_resolve(manifest, article, where, path) for article in articles)
    labels = _labels(entry, where, path)
    versions = _flag(entry, "versions", where, path)
    return SetSpec(
        id=set_id,
        articles=resolved,
        labels=labels,
        published=_optional(entry, "published", where, path),
        note=_optional(entry, "note", where, path),
        problem=_set_problem(f"set {set_id}", len(resolved), labels, versions),
        shown=tuple(articles),
    )


def _labels(entry: dict[str, object], where: str, path: str | os.PathLike[str]) -> tuple[str | None, ...]:
    """The ``labels`` list of a set's `entry` (empty text for an article's own label), () when it has none."""
    labels = entry.get("labels")
    if labels is None:
        return ()
    if not isinstance(labels, list) or not all(isinstance(label, str) for label in labels):
        raise ConfigError(
            f'{where} has labels = {labels!r}; write a list of names in quotes, one per article: labels = ["A", "B"]',
            source=str(path),
        )
    return tuple(label.strip() or None for label in labels)


def _set_problem(name: str, count: int, labels: Sequence[str | None], versions: bool) -> str | None:
    """Why the set `name` of `count` articles with `labels` (and `versions` asked for) cannot be compared, or None.

    >>> _set_problem("set bridge", 2, (), False)
    'set bridge has 2 articles; a set takes 3 to 26 (two articles make a pair)'
    >>> _set_problem("set-bridge", 3, ("x",), False)
    'set-bridge has 1 label for 3 articles; give one label per article, in order ("" for its own)'
    """
    if versions:
        return (
            f"{name} has versions = true; versions mode compares two articles, an earlier and a later one, "
            "not a set: make it a pair"
        )
    if not MIN_SET_ARTICLES <= count <= MAX_SET_ARTICLES:
        hint = " (two articles make a pair)" if count == 2 else ""
        plural = "s" if count != 1 else ""
        return f"{name} has {count} article{plural}; a set takes {MIN_SET_ARTICLES} to {MAX_SET_ARTICLES}{hint}"
    if labels and len(labels) != count:
        plural = "s" if len(labels) != 1 else ""
        return (
            f"{name} has {len(labels)} label{plural} for {count} articles; give one label per article, in order "
            '("" for its own)'
        )
    return None


def read_pairs(path: str | os.PathLike[str]) -> tuple[BatchItem, ...]:
    """Read pairs and sets from a TOML manifest, or from a folder of ``pair-*/`` (``a.*`` + ``b.*``) and
    ``set-*/`` (``1.*``, ``2.*``, …) folders, in the order of their names."""
    folder = Path(path)
    try:
        is_folder = folder.is_dir()
    except OSError as error:  # a name too long for the file system
        raise ConfigError(f"cannot be read ({_reason(error)}); check the path", source=str(path)) from None
    if not is_folder:
        return read_manifest(folder)
    base = folder.resolve()
    items: list[BatchItem] = []
    for item_dir in sorted(p for p in (*folder.glob("pair-*"), *folder.glob("set-*")) if p.is_dir()):
        if not PAIR_ID_RE.match(item_dir.name):
            kind = "pair" if item_dir.name.startswith("pair-") else "set"
            raise ConfigError(f"folder name {item_dir.name!r} cannot be a {kind} id", source=str(path))
        if item_dir.name.startswith("set-"):
            items.append(_set_folder(item_dir, base, path))
            continue
        pair_dir = item_dir
        sides: list[str] = []
        problem = None
        for side in ("a", "b"):
            found = sorted(f for f in pair_dir.glob(f"{side}.*") if f.is_file() and f.name != PAIR_SETTINGS_NAME)
            if len(found) != 1:
                problem = problem or f"{pair_dir.name} needs exactly one {side}.* article (found {len(found)})"
                sides.append(str(pair_dir / f"{side}.*"))
                continue
            sides.append(_inside(found[0], base, pair_dir, path))
        settings = _folder_settings(pair_dir, PAIR_SETTINGS_NAME, FOLDER_SETTINGS, path)
        settings_where = f"{pair_dir.name}/{PAIR_SETTINGS_NAME}"
        items.append(
            PairSpec(
                id=pair_dir.name,
                a=sides[0],
                b=sides[1],
                label_a=_optional(settings, "label_a", settings_where, path),
                label_b=_optional(settings, "label_b", settings_where, path),
                published=_optional(settings, "published", settings_where, path),
                note=_optional(settings, "note", settings_where, path),
                versions=_flag(settings, "versions", settings_where, path),
                fallback_a=f"{pair_dir.name} A",
                fallback_b=f"{pair_dir.name} B",
                problem=problem,
                shown_a=_shown(sides[0], base),
                shown_b=_shown(sides[1], base),
            )
        )
    if not items:
        raise ConfigError(
            "holds no pair-*/ folders with a.* and b.* articles, nor set-*/ folders with 1.*, 2.*, 3.* …; give a "
            "manifest or such a folder",
            source=str(path),
        )
    return tuple(items)


def _inside(article: Path, base: Path, item_dir: Path, path: str | os.PathLike[str]) -> str:
    """The absolute path of `article`, a file of `item_dir`; a ConfigError when it leads outside `base`."""
    target = article.resolve()
    # A symbolic link out of the folder would let a pull request make the tool read any file.
    if not target.is_relative_to(base):
        raise ConfigError(
            f"{item_dir.name}/{article.name} leads outside the folder; articles must be inside it", source=str(path)
        )
    return str(target)


def _set_folder(set_dir: Path, base: Path, path: str | os.PathLike[str]) -> SetSpec:
    """The `SetSpec` of a ``set-*/`` folder: its articles ``1.*``, ``2.*``, … in order, and its ``set.toml``.

    Articles numbered twice, with a gap, or too few or too many for a set make
    a `SetSpec.problem` (the set then fails alone); other files are left alone.
    """
    numbered: dict[int, list[Path]] = {}
    for candidate in set_dir.iterdir():
        match = SET_ARTICLE_RE.match(candidate.name)
        if match and candidate.is_file():
            numbered.setdefault(int(match.group(1)), []).append(candidate)
    problem = None
    twice = sorted(number for number, files in numbered.items() if len(files) > 1)
    expected = list(range(1, len(numbered) + 1))
    if twice:
        names = ", ".join(sorted(f.name for f in numbered[twice[0]]))
        problem = f"{set_dir.name} has two articles numbered {twice[0]} ({names}); keep one"
    elif sorted(numbered) != expected:
        missing = [str(n) for n in expected if n not in numbered]
        problem = (
            f"{set_dir.name} numbers its articles {', '.join(map(str, sorted(numbered)))}; number them 1, 2, 3 … "
            f"without gaps ({', '.join(missing)} missing)"
        )
    articles = [_inside(files[0], base, set_dir, path) for _, files in sorted(numbered.items())]
    settings = _folder_settings(set_dir, SET_SETTINGS_NAME, SET_FOLDER_SETTINGS, path)
    settings_where = f"{set_dir.name}/{SET_SETTINGS_NAME}"
    labels = _labels(settings, settings_where, path)
    versions = _flag(settings, "versions", settings_where, path)
    if problem is None:
        problem = _set_problem(set_dir.name, len(articles), labels, versions)
    return SetSpec(
        id=set_dir.name,
        articles=tuple(articles),
        labels=labels,
        published=_optional(settings, "published", settings_where, path),
        note=_optional(settings, "note", settings_where, path),
        fallbacks=tuple(f"{set_dir.name} {number}" for number in range(1, len(articles) + 1)),
        problem=problem,
        shown=tuple(_shown(article, base) for article in articles),
    )


def _flag(entry: dict[str, object], name: str, where: str, path: str | os.PathLike[str]) -> bool:
    """The true/false field `name` of `entry` (false when absent); anything else is a ConfigError."""
    value = entry.get(name, False)
    if not isinstance(value, bool):
        raise ConfigError(f"{where} has {name} = {value!r}; write true or false", source=str(path))
    return value


# The fields a pair folder's pair.toml may hold: a manifest's [[pair]] fields but the articles and the id.
FOLDER_SETTINGS = KNOWN_FIELDS - {"id", "a", "b"}
# ...and a set folder's set.toml: a manifest's [[set]] fields but the articles and the id.
SET_FOLDER_SETTINGS = SET_FIELDS - {"id", "articles"}


def _folder_settings(item_dir: Path, name: str, allowed: set[str], path: str | os.PathLike[str]) -> dict[str, object]:
    """The settings file `name` of a pair or set folder (``pair.toml``: `FOLDER_SETTINGS`; ``set.toml``:
    `SET_FOLDER_SETTINGS`), checked to hold only the `allowed` fields, each as text but ``versions`` (a flag,
    `_flag`) and ``labels`` (a list, `_labels`); {} without one."""
    data = _read_settings(item_dir, name, path)
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise ConfigError(f"{item_dir.name}/{name} has unknown field(s) {', '.join(unknown)}", source=str(path))
    for field_name in sorted(allowed - {"versions", "labels"}):
        if field_name in data and not isinstance(data[field_name], str):
            raise ConfigError(
                f"{item_dir.name}/{name} has {field_name} = {data[field_name]!r}; write text in quotes",
                source=str(path),
            )
    return data


def _read_settings(item_dir: Path, name: str, path: str | os.PathLike[str]) -> dict[str, object]:
    """The TOML file `name` (``pair.toml``, ``set.toml``) of the folder `item_dir`; {} without one."""
    import tomllib

    settings = item_dir / name
    try:
        return tomllib.loads(settings.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        return {}
    except tomllib.TOMLDecodeError as error:  # its message says the line and column
        raise ConfigError(f"{item_dir.name}/{name} is not valid TOML: {error}", source=str(path)) from None
    except UnicodeDecodeError:
        raise ConfigError(f"{item_dir.name}/{name} is not UTF-8 text; check the file", source=str(path)) from None
    except OSError as error:  # a folder of that name, a file we may not read, …
        raise ConfigError(
            f"{item_dir.name}/{name} cannot be read ({_reason(error)}); check the file", source=str(path)
        ) from None


def _reason(error: OSError | ValueError) -> str:
    """A short lower-case reason for `error`, such as "file name too long", for the middle of a message."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower()
    return str(error) or error.__class__.__name__


def _shown(article: str, base: Path) -> str:
    """`article`, a path under the pairs folder `base`, as messages show it: relative to `base`."""
    try:
        return str(Path(article).relative_to(base))
    except ValueError:
        return article


def _require_text(entry: dict[str, object], name: str, where: str, needs: str, path: str | os.PathLike[str]) -> None:
    """Raise a ConfigError, saying what is wrong and that `needs`, unless `entry` has non-blank text as `name`."""
    value = entry.get(name)
    if value is None:
        raise ConfigError(f'{where} lacks the field "{name}"; {needs}', source=str(path))
    if not isinstance(value, str):
        raise ConfigError(f"{where} has {name} = {value!r}; write text in quotes", source=str(path))
    if not value.strip():
        raise ConfigError(f'{where} has an empty "{name}"; {needs}', source=str(path))


def _optional(entry: dict[str, object], name: str, where: str, path: str | os.PathLike[str]) -> str | None:
    """The field `name` of `entry` as text, or None when it is absent; a ConfigError when it is not text."""
    value = entry.get(name)
    if value is None or isinstance(value, str):
        return value
    raise ConfigError(f"{where} has {name} = {value!r}; write text in quotes", source=str(path))


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
    """The label a `pairs.toml` beside `source` gives it, if any (a pair's first, then a set's)."""
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
        items = read_manifest(manifest)
    except ConfigError:
        return {}
    labels: dict[str, str] = {}
    for item in items:
        named = (item.label_a, item.label_b) if isinstance(item, PairSpec) else item.labels
        for path, label in zip(item.sources, named, strict=False):  # a set may give no labels
            if label and "://" not in path:
                labels.setdefault(path, label)
    return labels

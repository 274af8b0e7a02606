"""Batch results and their summaries: a `BatchResult` → ``summary.json``, ``summary.md`` and ``index.html``.

``summary.json`` has one record per pair (``pairs``) and, when the batch has
sets, one per set (``sets``); it validates against
``compare/schema/summary.schema.json`` (version 2: a batch of pairs alone
writes what it wrote before sets existed).  ``summary.md`` is for
``$GITHUB_STEP_SUMMARY``; ``index.html`` links every pair's and set's reports
with its figures.  All three are written atomically.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from .errors import RenderError
from .files import write_atomically
from .version import __version__

SUMMARY_SCHEMA_VERSION = 2


@dataclass(frozen=True)
class PairRecord:
    """What happened to one pair of a batch."""

    id: str
    status: str  # "ok", "skipped" (unchanged since the last run) or "failed"
    label_a: str = ""
    label_b: str = ""
    title_a: str = ""
    title_b: str = ""
    figures: dict[str, float] = field(default_factory=dict)
    outputs: dict[str, str] = field(default_factory=dict)  # format → path relative to OUTDIR
    error: str = ""
    seconds: float = 0.0  # in timings.json, not in summary.json (it differs from run to run)
    gates_failed: tuple[str, ...] = ()  # the --fail-if conditions it meets: "only_in.b > 20 (it is 22)"

    kind: ClassVar[str] = "pair"


@dataclass(frozen=True)
class SetRecord:
    """What happened to one set of a batch (three to 26 articles of one event).

    `figures` (see `set_figures`): ``facts``, the event's facts;
    ``facts.all``, those every document carries; and for each document id
    ``exclusive.<id>``, the facts only it carries, and ``carried.<id>``, the
    share of the event's facts it carries.
    """

    id: str
    status: str  # "ok", "skipped" (unchanged since the last run) or "failed"
    # One per article, in order: {"id": "a", "label": "The Times", "title": "…"}.
    documents: tuple[dict[str, str], ...] = ()
    figures: dict[str, float] = field(default_factory=dict)
    outputs: dict[str, str] = field(default_factory=dict)  # format → path relative to OUTDIR
    error: str = ""
    seconds: float = 0.0  # in timings.json, not in summary.json
    gates_failed: tuple[str, ...] = ()  # the --fail-if conditions it meets: "exclusive.c > 5 (it is 7)"

    kind: ClassVar[str] = "set"


#: The record of a pair or of a set.
Record = PairRecord | SetRecord


def set_figures(
    facts: int, carried_by_all: int, exclusives: dict[str, int], shares: dict[str, float]
) -> dict[str, float]:
    """A set's figures, keys in sorted order (a record read back from the cache sorts them too).

    `facts` and `carried_by_all` count the event's facts and those every
    document carries; `exclusives` and `shares` give, by document id, the
    facts only it carries and the share of the event's facts it carries.

    >>> set_figures(5, 2, {"a": 1, "b": 0}, {"a": 0.8, "b": 0.6})
    {'carried.a': 0.8, 'carried.b': 0.6, 'exclusive.a': 1, 'exclusive.b': 0, 'facts': 5, 'facts.all': 2}
    """
    figures: dict[str, float] = {"facts": facts, "facts.all": carried_by_all}
    figures |= {f"exclusive.{doc}": count for doc, count in exclusives.items()}
    figures |= {f"carried.{doc}": share for doc, share in shares.items()}
    return dict(sorted(figures.items()))


@dataclass(frozen=True)
class BatchResult:
    """The records of every pair and set of a batch, pairs first, each in manifest order, with totals."""

    records: tuple[Record, ...]
    gates: tuple[str, ...] = ()  # the --fail-if conditions, as given

    @property
    def pairs(self) -> tuple[PairRecord, ...]:
        """The pairs' records."""
        return tuple(record for record in self.records if isinstance(record, PairRecord))

    @property
    def sets(self) -> tuple[SetRecord, ...]:
        """The sets' records."""
        return tuple(record for record in self.records if isinstance(record, SetRecord))

    @property
    def gate_failed_pairs(self) -> int:
        """How many pairs meet a --fail-if condition."""
        return sum(bool(record.gates_failed) for record in self.pairs)

    @property
    def gate_failed_sets(self) -> int:
        """How many sets meet a --fail-if condition."""
        return sum(bool(record.gates_failed) for record in self.sets)

    @property
    def totals(self) -> dict[str, int]:
        """How many pairs and sets, together, ended in each status."""
        counts = {"ok": 0, "skipped": 0, "failed": 0}
        for record in self.records:
            counts[record.status] += 1
        return counts


#: The error of a pair or set that an interrupted batch did not finish.
INTERRUPTED_ERROR = "not compared: the batch was interrupted before this finished; run the batch again to compare it"

#: The files a batch writes at the top of its output folder.
SUMMARY_FILES = ("summary.json", "timings.json", "index.html", "summary.md")


def written_by_batch(root: Path) -> bool:
    """True when `root` holds the ``summary.json`` of an earlier batch (this tool's, any version)."""
    try:
        summary = json.loads((root / "summary.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (
        isinstance(summary, dict)
        and isinstance(summary.get("tool"), dict)
        and summary["tool"].get("name") == ("article-compare")
    )


def write_summaries(result: BatchResult, root: Path) -> None:
    """Write ``summary.json``, ``summary.md`` and ``index.html`` for `result` into `root`."""
    from .render import environment, script_hash

    summary = summary_to_dict(result)
    validate_summary(summary)
    write_atomically(root / "summary.json", json.dumps(summary, ensure_ascii=False, indent=2) + "\n")
    timings: dict[str, dict[str, float]] = {"pairs": {record.id: record.seconds for record in result.pairs}}
    if result.sets:
        timings["sets"] = {record.id: record.seconds for record in result.sets}
    write_atomically(root / "timings.json", json.dumps(timings, indent=2) + "\n")
    context = {
        "records": [asdict(r) for r in result.pairs],
        "sets": [_set_row(r) for r in result.sets],
        "totals": result.totals,
        "gates": list(result.gates),
        "gate_failed_pairs": result.gate_failed_pairs,
        "gate_failed_sets": result.gate_failed_sets,
        # What an interrupted run left undone, said at the top: its rows alone are easy to miss in a long table.
        "interrupted": sum(record.error == INTERRUPTED_ERROR for record in result.records),
        "version": __version__,
    }
    index = (
        environment().get_template("batch_index.html.j2").render(**context, script_hash=script_hash("batch_index.js"))
    )
    write_atomically(root / "index.html", index)
    write_atomically(
        root / "summary.md", environment(markdown=True).get_template("batch_summary.md.j2").render(**context)
    )


def _set_row(record: SetRecord) -> dict[str, Any]:
    """`record` as the index and ``summary.md`` show it: each document with its own figures, and the largest
    number of exclusives."""
    row = asdict(record)
    figures = record.figures
    row["outlets"] = [
        {
            **document,
            "exclusive": figures.get(f"exclusive.{document['id']}", 0),
            "carried": figures.get(f"carried.{document['id']}", 0.0),
        }
        for document in record.documents
    ]
    row["most_exclusive"] = max((outlet["exclusive"] for outlet in row["outlets"]), default=0)
    return row


def summary_to_dict(result: BatchResult) -> dict[str, Any]:
    """The JSON form of `result`, as ``summary.schema.json`` describes it.

    ``sets`` and ``gates.failed_sets`` are there only when the batch has
    sets, so a batch of pairs writes the very summary it wrote before.
    """
    summary: dict[str, Any] = {
        "schema_version": SUMMARY_SCHEMA_VERSION,
        "tool": {"name": "article-compare", "version": __version__},
        "totals": result.totals,
        "gates": {"conditions": list(result.gates), "failed_pairs": result.gate_failed_pairs},
        "pairs": [_record_summary(record) for record in result.pairs],
    }
    if result.sets:
        summary["gates"]["failed_sets"] = result.gate_failed_sets
        summary["sets"] = [_record_summary(record) for record in result.sets]
    return summary


def _record_summary(record: Record) -> dict[str, Any]:
    """`record` (a pair's or a set's) as summary.json holds it: everything but its time, which goes to
    timings.json."""
    summary = asdict(record)
    del summary["seconds"]
    summary["gates_failed"] = list(record.gates_failed)
    if isinstance(record, SetRecord):
        summary["documents"] = [dict(document) for document in record.documents]
    return summary


def validate_summary(summary: dict[str, Any]) -> None:
    """Check `summary` against ``summary.schema.json``; a mismatch is a bug, reported as a `RenderError`."""
    import jsonschema

    schema = json.loads((Path(__file__).parent / "schema" / "summary.schema.json").read_text(encoding="utf-8"))
    error = jsonschema.exceptions.best_match(jsonschema.Draft202012Validator(schema).iter_errors(summary))
    if error is not None:
        raise RenderError(f"summary.json does not match its schema ({error.message}); please report this bug")

"""Batch results and their summaries: a `BatchResult` → ``summary.json``, ``summary.md`` and ``index.html``.

``summary.json`` has one record per pair and validates against
``compare/schema/summary.schema.json``; ``summary.md`` is for
``$GITHUB_STEP_SUMMARY``; ``index.html`` links every pair's reports with its
figures.  All three are written atomically.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

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


@dataclass(frozen=True)
class BatchResult:
    """The records of every pair of a batch, in manifest order, with totals."""

    records: tuple[PairRecord, ...]
    gates: tuple[str, ...] = ()  # the --fail-if conditions, as given

    @property
    def gate_failed_pairs(self) -> int:
        """How many pairs meet a --fail-if condition."""
        return sum(bool(record.gates_failed) for record in self.records)

    @property
    def totals(self) -> dict[str, int]:
        """How many pairs ended in each status."""
        counts = {"ok": 0, "skipped": 0, "failed": 0}
        for record in self.records:
            counts[record.status] += 1
        return counts


def write_summaries(result: BatchResult, root: Path) -> None:
    """Write ``summary.json``, ``summary.md`` and ``index.html`` for `result` into `root`."""
    from .render import environment, script_hash

    summary = summary_to_dict(result)
    validate_summary(summary)
    write_atomically(root / "summary.json", json.dumps(summary, ensure_ascii=False, indent=2) + "\n")
    timings = {"pairs": {record.id: record.seconds for record in result.records}}
    write_atomically(root / "timings.json", json.dumps(timings, indent=2) + "\n")
    context = {
        "records": [asdict(r) for r in result.records],
        "totals": result.totals,
        "gates": list(result.gates),
        "gate_failed_pairs": result.gate_failed_pairs,
        "version": __version__,
    }
    index = (
        environment().get_template("batch_index.html.j2").render(**context, script_hash=script_hash("batch_index.js"))
    )
    write_atomically(root / "index.html", index)
    write_atomically(
        root / "summary.md", environment(markdown=True).get_template("batch_summary.md.j2").render(**context)
    )


def summary_to_dict(result: BatchResult) -> dict[str, Any]:
    """The JSON form of `result`, as ``summary.schema.json`` describes it."""
    return {
        "schema_version": SUMMARY_SCHEMA_VERSION,
        "tool": {"name": "article-compare", "version": __version__},
        "totals": result.totals,
        "gates": {"conditions": list(result.gates), "failed_pairs": result.gate_failed_pairs},
        "pairs": [_pair_summary(record) for record in result.records],
    }


def _pair_summary(record: PairRecord) -> dict[str, Any]:
    """`record` as summary.json holds it: everything but its time, which goes to timings.json."""
    summary = asdict(record)
    del summary["seconds"]
    summary["gates_failed"] = list(record.gates_failed)
    return summary


def validate_summary(summary: dict[str, Any]) -> None:
    """Check `summary` against ``summary.schema.json``; a mismatch is a bug, reported as a `RenderError`."""
    import jsonschema

    schema = json.loads((Path(__file__).parent / "schema" / "summary.schema.json").read_text(encoding="utf-8"))
    error = jsonschema.exceptions.best_match(jsonschema.Draft202012Validator(schema).iter_errors(summary))
    if error is not None:
        raise RenderError(f"summary.json does not match its schema ({error.message}); please report this bug")

"""Batch summaries: `BatchResult` → ``summary.json``, ``summary.md`` and ``index.html``.

``summary.json`` has one record per pair and validates against
``compare/schema/summary.schema.json``; ``summary.md`` is for
``$GITHUB_STEP_SUMMARY``; ``index.html`` links every pair's reports with its
figures.  All three are written atomically.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from . import __version__
from .errors import RenderError
from .files import write_atomically
from .model import BatchResult

SUMMARY_SCHEMA_VERSION = 1


def write_summaries(result: BatchResult, root: Path) -> None:
    """Write ``summary.json``, ``summary.md`` and ``index.html`` for `result` into `root`."""
    from .render import environment

    summary = summary_to_dict(result)
    validate_summary(summary)
    write_atomically(root / "summary.json", json.dumps(summary, ensure_ascii=False, indent=2) + "\n")
    context = {"records": [asdict(r) for r in result.records], "totals": result.totals, "version": __version__}
    write_atomically(root / "index.html", environment().get_template("batch_index.html.j2").render(**context))
    write_atomically(
        root / "summary.md", environment(markdown=True).get_template("batch_summary.md.j2").render(**context)
    )


def summary_to_dict(result: BatchResult) -> dict[str, Any]:
    """The JSON form of `result`, as ``summary.schema.json`` describes it."""
    return {
        "schema_version": SUMMARY_SCHEMA_VERSION,
        "tool": {"name": "article-compare", "version": __version__},
        "totals": result.totals,
        "pairs": [asdict(record) for record in result.records],
    }


def validate_summary(summary: dict[str, Any]) -> None:
    """Check `summary` against ``summary.schema.json``; a mismatch is a bug, reported as a `RenderError`."""
    import jsonschema

    schema = json.loads((Path(__file__).parent / "schema" / "summary.schema.json").read_text(encoding="utf-8"))
    error = jsonschema.exceptions.best_match(jsonschema.Draft202012Validator(schema).iter_errors(summary))
    if error is not None:
        raise RenderError(f"summary.json does not match its schema ({error.message}); please report this bug")

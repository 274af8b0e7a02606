"""Batch mode: a manifest of pairs → reports for each pair, an index and a summary.

Input: `PairSpec`s (see `manifest`).  Output: for each pair, the chosen
formats under ``OUTDIR/<pair-id>/``; ``OUTDIR/index.html`` (every pair with
its figures and links), ``OUTDIR/summary.json`` (one record per pair,
validated against ``compare/schema/summary.schema.json``) and
``OUTDIR/summary.md`` (for ``$GITHUB_STEP_SUMMARY``).

Guarantees:

* **Failure isolation**: a pair that cannot be read or rendered is recorded
  with its one-line error; the other pairs go on.
* **Nothing half-written**: a pair's files are written into a temporary
  folder ``OUTDIR/.partial-<pair-id>-<token>/`` and renamed into place as a
  whole, after which its cache record is written, so an interrupted run leaves
  every pair either complete or absent.  Leftover temporary folders are
  removed by the next run.
* **Incremental**: ``OUTDIR/.cache/<pair-id>.json`` records a key made of the
  inputs' bytes, the options, the formats and the tool version; a pair whose
  key is unchanged and whose files are all present is skipped (``--force``
  redoes it).
* **Executors**: local processes (`concurrent.futures`) by default, or a Dask
  distributed cluster.  Either way each worker writes its pair's folder
  straight into OUTDIR, so OUTDIR must be on storage every worker can reach
  (a shared file system) when the cluster spans machines; the client only
  collects the small per-pair records.  A pair whose worker dies is retried by
  Dask (``retries``) or reported as failed by the local pool.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import time
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .errors import CompareError, ConfigError, RenderError
from .load import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT
from .manifest import PairSpec
from .model import CompareOptions

FORMAT_FILES = {"json": "comparison.json", "html": "report.html", "md": "report.md", "pdf": "report.pdf"}
CACHE_DIR = ".cache"
PARTIAL_PREFIX = ".partial-"
METRICS = (
    "only_in.a",
    "only_in.b",
    "covered.a",
    "covered.b",
    "words.a",
    "words.b",
    "quotes.identical",
    "quotes.variant",
    "quotes.only_a",
    "quotes.only_b",
)
GATE_RE = re.compile(r"^\s*([a-z_]+(?:\.[a-z_]+)?)\s*(>=|<=|==|!=|>|<)\s*(-?\d+(?:\.\d+)?)\s*$")


@dataclass(frozen=True)
class BatchOptions:
    """How a batch runs; everything that changes the outputs is part of the cache key."""

    formats: tuple[str, ...] = ("json", "html", "md")
    generated_at: str = ""
    paper: str = "A4"
    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float = DEFAULT_TIMEOUT
    # Manifests often come from pull requests: their URLs may not reach internal hosts.
    allow_private_urls: bool = False
    # The comparison's thresholds (`--set`).
    compare: CompareOptions = field(default_factory=CompareOptions)

    def cache_fields(self) -> dict[str, Any]:
        """The options that shape a pair's outputs.

        The timestamp is left out on purpose: a pair unchanged since the last
        run keeps its report, stamped with the time it was made.
        """
        return {
            "formats": sorted(self.formats),
            "paper": self.paper,
            "version": __version__,
            "compare": asdict(self.compare),
        }


@dataclass(frozen=True)
class PairRecord:
    """What happened to one pair."""

    id: str
    status: str  # "ok", "skipped" (unchanged since the last run) or "failed"
    label_a: str = ""
    label_b: str = ""
    title_a: str = ""
    title_b: str = ""
    figures: dict[str, float] = field(default_factory=dict)
    outputs: dict[str, str] = field(default_factory=dict)  # format → path relative to OUTDIR
    error: str = ""
    seconds: float = 0.0


@dataclass(frozen=True)
class BatchResult:
    """The records of every pair, in manifest order, with totals."""

    records: tuple[PairRecord, ...]

    @property
    def totals(self) -> dict[str, int]:
        """How many pairs ended in each status."""
        counts = {"ok": 0, "skipped": 0, "failed": 0}
        for record in self.records:
            counts[record.status] += 1
        return counts


@dataclass(frozen=True)
class Gate:
    """A CI threshold such as ``only_in.b > 20``: the batch fails when it holds for a pair."""

    metric: str
    operator: str
    value: float

    def holds(self, figures: dict[str, float]) -> bool:
        """True when `figures` meet this condition."""
        actual = figures.get(self.metric)
        if actual is None:
            return False
        return {
            ">": actual > self.value,
            ">=": actual >= self.value,
            "<": actual < self.value,
            "<=": actual <= self.value,
            "==": actual == self.value,
            "!=": actual != self.value,
        }[self.operator]

    def __str__(self) -> str:
        """Show the gate as written on the command line, e.g. ``only_in.b > 20`` (whole numbers without ``.0``)."""
        value = int(self.value) if self.value == int(self.value) else self.value
        return f"{self.metric} {self.operator} {value}"


def parse_gate(text: str) -> Gate:
    """Parse a ``--fail-if`` condition such as ``"only_in.b > 20"`` or ``"covered.a < 0.5"``.

    >>> parse_gate("only_in.b > 20")
    Gate(metric='only_in.b', operator='>', value=20.0)
    """
    match = GATE_RE.match(text)
    if not match:
        raise ConfigError(f"--fail-if {text!r} is not 'METRIC OP NUMBER', e.g. 'only_in.b > 20'")
    metric, operator, value = match.groups()
    if metric not in METRICS:
        raise ConfigError(f"--fail-if {text!r}: unknown metric {metric!r}; use one of {', '.join(METRICS)}")
    return Gate(metric, operator, float(value))


def gate_failures(result: BatchResult, gates: Sequence[Gate]) -> list[str]:
    """One line per (pair, gate) whose condition holds; pure, so CI thresholds are easy to test."""
    failures = []
    for record in result.records:
        for gate in gates:
            if record.status != "failed" and gate.holds(record.figures):
                failures.append(f"{record.id}: {gate} (it is {record.figures[gate.metric]:g})")
    return failures


def cache_key(spec: PairSpec, options: BatchOptions) -> str:
    """A hash of everything a pair's outputs depend on: inputs' bytes, labels, options, tool version."""
    digest = hashlib.sha256()
    digest.update(json.dumps([spec.id, spec.label_a, spec.label_b, options.cache_fields()]).encode())
    for source in (spec.a, spec.b):
        if "://" in source:
            digest.update(source.encode())  # URLs are fetched again: see _remote_inputs
            continue
        try:
            path = Path(source)
            if path.stat().st_size > options.max_bytes:
                digest.update(b"<too large>")  # the pair will fail; do not read a huge file to hash it
                continue
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"<unreadable>")
    return digest.hexdigest()


def process_pair(spec: PairSpec, outdir: str, options: BatchOptions, force: bool = False) -> PairRecord:
    """Compare one pair and write its reports into ``outdir/<pair-id>/`` (runs in a worker).

    Never raises for a bad pair: the error goes into the record.
    """
    started = time.perf_counter()
    root = Path(outdir)
    key = cache_key(spec, options)
    remote = any("://" in s for s in (spec.a, spec.b))
    cached = _read_cache(root, spec.id)
    if not force and not remote and cached and cached.get("key") == key and _outputs_present(root, cached):
        record = PairRecord(**{**cached["record"], "status": "skipped", "seconds": 0.0})
        return record
    partial = root / f"{PARTIAL_PREFIX}{spec.id}-{uuid.uuid4().hex[:8]}"
    try:
        from .pipeline import compare_articles
        from .render import render_formats

        comparison = compare_articles(
            spec.a,
            spec.b,
            label_a=spec.label_a,
            label_b=spec.label_b,
            options=options.compare,
            max_bytes=options.max_bytes,
            timeout=options.timeout,
            allow_private_urls=options.allow_private_urls,
        )
        partial.mkdir(parents=True)
        outputs = {}
        rendered = render_formats(
            comparison, options.formats, generated_at=options.generated_at or None, paper=options.paper
        )
        for fmt, payload in rendered.items():
            data = payload.encode("utf-8") if isinstance(payload, str) else payload
            (partial / FORMAT_FILES[fmt]).write_bytes(data)
            outputs[fmt] = f"{spec.id}/{FORMAT_FILES[fmt]}"
        _replace_dir(partial, root / spec.id)
        stats = comparison.stats
        record = PairRecord(
            id=spec.id,
            status="ok",
            label_a=comparison.a.label,
            label_b=comparison.b.label,
            title_a=comparison.a.title,
            title_b=comparison.b.title,
            figures={
                "only_in.a": stats.a.facts,
                "only_in.b": stats.b.facts,
                "covered.a": round(stats.a.covered, 4),
                "covered.b": round(stats.b.covered, 4),
                "words.a": stats.a.body_words,
                "words.b": stats.b.body_words,
                "quotes.identical": stats.quotes_identical,
                "quotes.variant": stats.quotes_variant,
                "quotes.only_a": stats.quotes_only_a,
                "quotes.only_b": stats.quotes_only_b,
            },
            outputs=outputs,
            seconds=round(time.perf_counter() - started, 3),
        )
        _write_cache(root, spec.id, key, record)
        return record
    except CompareError as error:
        return _failed(spec, str(error), started, partial)
    except Exception as error:  # a bug must not stop the other pairs; the record says what broke
        return _failed(spec, f"internal error {error.__class__.__name__}: {error}", started, partial)


def _failed(spec: PairSpec, message: str, started: float, partial: Path) -> PairRecord:
    """A failed record for `spec` with `message` on one line, timed from `started`; removes the `partial` folder."""
    shutil.rmtree(partial, ignore_errors=True)
    return PairRecord(
        id=spec.id, status="failed", error=" ".join(message.split()), seconds=round(time.perf_counter() - started, 3)
    )


def _replace_dir(source: Path, target: Path) -> None:
    """Put the finished folder `source` in place of `target`, replacing the reports of an earlier run."""
    # A folder cannot be renamed over a non-empty one: move the old one aside first.
    old = target.with_name(f"{PARTIAL_PREFIX}{target.name}-old-{uuid.uuid4().hex[:8]}")
    if target.exists():
        os.replace(target, old)
    os.replace(source, target)
    shutil.rmtree(old, ignore_errors=True)


def _read_cache(root: Path, pair_id: str) -> dict[str, Any] | None:
    """The cache entry of `pair_id` under `root`, or None when it is missing or unreadable (the pair then reruns)."""
    try:
        loaded: dict[str, Any] = json.loads((root / CACHE_DIR / f"{pair_id}.json").read_text(encoding="utf-8"))
        return loaded
    except (OSError, ValueError):
        return None


def _write_cache(root: Path, pair_id: str, key: str, record: PairRecord) -> None:
    """Cache `record` for `pair_id` under `root` with its input `key`, so an unchanged pair is skipped next time."""
    from .render import write_atomically

    (root / CACHE_DIR).mkdir(exist_ok=True)
    write_atomically(
        root / CACHE_DIR / f"{pair_id}.json", json.dumps({"key": key, "record": asdict(record)}, sort_keys=True)
    )


def _outputs_present(root: Path, cached: dict[str, Any]) -> bool:
    """True when the `cached` record lists outputs and every one of them still exists under `root`."""
    outputs = cached.get("record", {}).get("outputs", {})
    return bool(outputs) and all((root / path).is_file() for path in outputs.values())


def clean_partials(outdir: Path) -> None:
    """Remove the temporary folders an interrupted run left behind."""
    if outdir.is_dir():
        for leftover in outdir.glob(f"{PARTIAL_PREFIX}*"):
            shutil.rmtree(leftover, ignore_errors=True)


Progress = Callable[[PairRecord], None]


def run_batch(
    pairs: Sequence[PairSpec],
    outdir: str | os.PathLike[str],
    options: BatchOptions,
    *,
    jobs: int | None = None,
    executor: str = "local",
    scheduler: str | None = None,
    force: bool = False,
    progress: Progress | None = None,
) -> BatchResult:
    """Compare every pair into `outdir`, then write the index and summaries."""
    for fmt in options.formats:
        if fmt not in FORMAT_FILES:
            raise ConfigError(f"unknown format {fmt!r}; choose from {', '.join(FORMAT_FILES)}")
    if executor not in ("local", "dask"):
        raise ConfigError(f"unknown executor {executor!r}; use 'local' or 'dask'")
    if executor == "dask" and not scheduler:
        raise ConfigError("--executor dask needs --scheduler tcp://HOST:PORT")
    root = Path(outdir)
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ConfigError(f"cannot create the output folder ({error.strerror})", source=str(outdir)) from None
    clean_partials(root)
    if executor == "dask":
        records = _run_dask(pairs, root, options, force, scheduler, progress)
    elif executor == "local":
        records = _run_local(pairs, root, options, force, jobs or os.cpu_count() or 1, progress)
    else:
        raise ConfigError(f"unknown executor {executor!r}; use 'local' or 'dask'")
    order = {pair.id: n for n, pair in enumerate(pairs)}
    result = BatchResult(tuple(sorted(records, key=lambda r: order[r.id])))
    write_summaries(result, root)
    return result


def _run_local(
    pairs: Sequence[PairSpec], root: Path, options: BatchOptions, force: bool, jobs: int, progress: Progress | None
) -> list[PairRecord]:
    """Run `pairs` on a pool of `jobs` processes.

    A worker that dies (killed, out of memory, a crash in a C library) breaks
    the whole pool, failing every pair in flight.  Those pairs are then retried
    one at a time, each in a pool of its own, so the pair that kills its worker
    is reported and the others complete.
    """
    records: list[PairRecord] = []

    def finish(record: PairRecord) -> None:
        """Collect a finished `record` and pass it to `progress`, if given."""
        records.append(record)
        if progress:
            progress(record)

    if jobs <= 1:
        for pair in pairs:
            finish(process_pair(pair, str(root), options, force))
        return records
    broken = _run_pool(pairs, root, options, force, jobs, finish)
    for pair in broken:
        retry = _run_pool([pair], root, options, force, 1, finish)
        for lost in retry:
            finish(
                PairRecord(
                    id=lost.id,
                    status="failed",
                    error="the worker process died while comparing this pair (twice); "
                    "check the inputs and the machine's memory",
                )
            )
    return records


def _run_pool(
    pairs: Sequence[PairSpec],
    root: Path,
    options: BatchOptions,
    force: bool,
    jobs: int,
    finish: Callable[[PairRecord], None],
) -> list[PairSpec]:
    """Run `pairs` on a fresh process pool; return the pairs lost to a dying worker."""
    lost: list[PairSpec] = []
    pool = ProcessPoolExecutor(max_workers=jobs)
    try:
        futures: dict[Future[PairRecord], PairSpec] = {
            pool.submit(process_pair, pair, str(root), options, force): pair for pair in pairs
        }
        pending = set(futures)
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                try:
                    finish(future.result())
                except BrokenProcessPool:
                    lost.append(futures[future])
    except BaseException:
        # Interrupted: drop the pairs not started, let running ones finish or
        # die, and remove their temporary folders.  Finished pairs stay.
        pool.shutdown(wait=True, cancel_futures=True)
        clean_partials(root)
        raise
    pool.shutdown(wait=True)
    clean_partials(root)  # a dead worker leaves its temporary folder behind
    order = {id(pair): position for position, pair in enumerate(pairs)}
    return sorted(lost, key=lambda pair: order[id(pair)])


def _run_dask(
    pairs: Sequence[PairSpec],
    root: Path,
    options: BatchOptions,
    force: bool,
    scheduler: str | None,
    progress: Progress | None,
) -> list[PairRecord]:
    """Run `pairs` on the Dask cluster at `scheduler`; a pair whose worker dies on every retry gets a failed record."""
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise ConfigError("the Dask executor needs dask[distributed]: pip install 'article-compare[dask]'") from None
    if not scheduler:
        raise ConfigError("--executor dask needs --scheduler tcp://HOST:PORT")
    try:
        client = Client(scheduler, timeout="10s")
    except OSError as error:
        raise ConfigError(f"cannot reach the Dask scheduler ({error})", source=scheduler) from None
    records: list[PairRecord] = []
    try:
        futures = client.map(
            process_pair,
            list(pairs),
            [str(root.resolve())] * len(pairs),
            [options] * len(pairs),
            [force] * len(pairs),
            pure=False,
            retries=2,
            key=[f"article-compare-{pair.id}-{uuid.uuid4().hex[:8]}" for pair in pairs],
        )
        by_key = {future.key: pair for future, pair in zip(futures, pairs, strict=True)}
        for future in as_completed(futures):
            try:
                record = future.result()
            except Exception as error:  # retries exhausted: the worker died on this pair each time
                pair = by_key[future.key]
                record = PairRecord(id=pair.id, status="failed", error=f"worker failed: {error}")
            records.append(record)
            if progress:
                progress(record)
    finally:
        client.close()
    return records


def write_summaries(result: BatchResult, root: Path) -> None:
    """Write ``summary.json``, ``summary.md`` and ``index.html`` for `result` into `root`."""
    from .render import environment, write_atomically

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
        "schema_version": 1,
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

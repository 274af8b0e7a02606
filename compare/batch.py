"""Batch mode: a manifest of pairs and sets → reports for each, an index and a summary.

This module runs the pairs and sets; `cache` decides which can be skipped,
`summary` writes the index and summaries, and `gates` checks ``--fail-if``
conditions.

Input: `PairSpec`s and `SetSpec`s (see `manifest`).  Output: for each pair or
set, the chosen formats under ``OUTDIR/<id>/`` (file names from
`render.REPORT_FORMATS`, the same for both: a set's JSON is
``comparison.json`` too, telling itself apart by ``"kind": "set"``);
``OUTDIR/index.html`` (every pair and set with its figures and links),
``OUTDIR/summary.json`` (one record per pair and per set, validated against
``compare/schema/summary.schema.json``) and ``OUTDIR/summary.md`` (for
``$GITHUB_STEP_SUMMARY``).  A set is one item like a pair: it runs in the
same pool, under the same time limit, cache and guarantees.

Guarantees:

* **Failure isolation**: a pair or set that cannot be read or rendered is
  recorded with its one-line error; the others go on.
* **Nothing half-written**: a pair's files are written into a temporary
  folder ``OUTDIR/.partial-<pair-id>-<token>/`` and renamed into place as a
  whole, after which its cache record is written, so an interrupted run leaves
  every pair either complete or absent.  Leftover temporary folders are
  removed by the next run.
* **Incremental** (`cache`): ``OUTDIR/.cache/<pair-id>.json`` records a key
  made of the inputs' bytes, the options, the formats and the tool version; a
  pair whose key is unchanged and whose files are all present is skipped
  (``--force`` redoes it).
* **Executors**: local processes (`concurrent.futures`) by default, or a Dask
  distributed cluster.  Either way each worker writes its pair's folder
  straight into OUTDIR, so OUTDIR must be on storage every worker can reach
  (a shared file system) when the cluster spans machines; the client only
  collects the small per-pair records.  A pair whose worker dies is retried by
  Dask (``retries``) or reported as failed by the local pool.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from .cache import CACHE_DIR, cache_key, outputs_present, read_cache, write_cache
from .changes import edited_pairs
from .errors import CompareError, ConfigError, printable
from .files import remove_quietly
from .gates import Gate, failed_gates, gate_problem
from .load import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT
from .manifest import BatchItem, PairSpec, SetSpec, label_from_manifest
from .model import RATIO_DIGITS, VERSION_LABELS, CompareOptions, Comparison, SetComparison
from .semantic import MODEL_NAME, MODEL_SHA256, semantic_available
from .summary import (
    INTERRUPTED_ERROR,
    SUMMARY_FILES,
    BatchResult,
    PairRecord,
    Record,
    SetRecord,
    set_figures,
    write_summaries,
    written_by_batch,
)
from .version import __version__

PARTIAL_PREFIX = ".partial-"
# Hex digits of a random suffix that keeps two runs' temporary folders (and Dask task keys) apart.
UNIQUE_SUFFIX_LENGTH = 8
# Pair timings are kept to the millisecond.
SECONDS_DIGITS = 3
EXECUTORS = ("local", "dask")
#: A Dask scheduler's address as the cluster prints it: tcp:// or tls://, a host and a port.
SCHEDULER_RE = re.compile(r"^(?:tcp|tls)://[^\s/:]+(?::\d{1,5})?/?\Z|^(?:tcp|tls)://\[[0-9a-fA-F:]+\]:\d{1,5}/?\Z")
#: How often Dask runs a pair again when its worker dies.
DASK_RETRIES = 2
#: Seconds a pair may take by default (`--pair-timeout`): minutes more than the largest real pair needs.
DEFAULT_PAIR_TIMEOUT = 600.0
#: Seconds to wait for the Dask scheduler to answer.
DASK_CONNECT_TIMEOUT = "10s"
#: Seconds to wait for a Dask client in all, handshake included.
DASK_ANSWER_SECONDS = 20


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
    # The paraphrase model's threads in each worker: one when pairs run in parallel (None: its default).
    model_threads: int | None = None
    # Seconds one pair may take before it is stopped and reported failed (0: no limit): see `process_pair`.
    pair_timeout: float = DEFAULT_PAIR_TIMEOUT

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
            # Another model, or none, gives other statuses: a report made with it is not reused without it.
            "model": f"{MODEL_NAME}:{MODEL_SHA256}" if self.compare.semantic and semantic_available() else None,
        }


class _PairTimedOut(BaseException):
    """Raised in a pair's work when its time limit passes (a BaseException: no `except Exception` swallows it)."""


class _TimeLimit:
    """A pair's time limit, by SIGALRM in the thread that runs it; `disarm` before its results are published."""

    def __init__(self) -> None:
        self.armed = False
        self.expired = False  # set from outside when the pair was given up on (a thread cannot be stopped)

    def expire(self, signum: int, frame: object) -> None:
        """The SIGALRM handler: stop the pair's work if the limit is still armed."""
        if self.armed:
            self.armed = False
            raise _PairTimedOut

    def disarm(self) -> None:
        """From here on the pair finishes: its reports are complete and are being moved into place."""
        self.armed = False


def process_pair(spec: BatchItem, outdir: str, options: BatchOptions, force: bool = False) -> Record:
    """Compare one pair or set and write its reports into ``outdir/<id>/`` (runs in a worker).

    Never raises for a bad pair or set: the error goes into the record.  One
    still working after `options.pair_timeout` seconds is stopped and
    recorded as failed.  Where it runs in a process's main thread (local
    workers, and a batch of one job) SIGALRM stops it; elsewhere (a Dask
    worker's thread) the record is failed at the limit while the work runs on
    in the background, as Python cannot stop a thread.
    """
    limit = options.pair_timeout
    if not limit:
        return _process_pair(spec, outdir, options, force, _TimeLimit())
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        time_limit = _TimeLimit()
        previous = signal.signal(signal.SIGALRM, time_limit.expire)
        time_limit.armed = True
        signal.setitimer(signal.ITIMER_REAL, limit)
        started = time.perf_counter()
        try:
            return _process_pair(spec, outdir, options, force, time_limit)
        except _PairTimedOut:  # it struck while a failure was being recorded: the batch cleans the partial folder
            return _failed(spec, _timed_out_message(spec, limit), started, None)
        finally:
            time_limit.disarm()
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    outcome: list[Record] = []
    given_up = _TimeLimit()
    worker = threading.Thread(
        target=lambda: outcome.append(_process_pair(spec, outdir, options, force, given_up)), daemon=True
    )
    started = time.perf_counter()
    worker.start()
    worker.join(limit)
    if outcome:
        return outcome[0]
    given_up.expired = True  # the work runs on, but publishes nothing: the summary says this pair failed
    return _failed(spec, _timed_out_message(spec, limit), started, None)


def _timed_out_message(spec: BatchItem, limit: float) -> str:
    """What a pair or set stopped by its time limit says."""
    if isinstance(spec, SetSpec):
        return f"took longer than {limit:g} s, the time limit per pair or set (--pair-timeout), and was stopped"
    return f"took longer than {limit:g} s, the pair time limit (--pair-timeout), and was stopped"


def _process_pair(spec: BatchItem, outdir: str, options: BatchOptions, force: bool, time_limit: _TimeLimit) -> Record:
    """`process_pair`'s work, under `time_limit`."""
    started = time.perf_counter()
    if spec.problem:
        return _failed(spec, spec.problem, started, None)
    root = Path(outdir)
    key = cache_key(spec, options.cache_fields(), options.max_bytes)
    remote = any("://" in source for source in spec.sources)
    cached = read_cache(root, spec.id)
    if not force and not remote and cached and cached.get("key") == key and outputs_present(root, cached):
        skipped = _cached_record(spec, cached["record"])
        if skipped is not None:
            return skipped
    partial = root / f"{PARTIAL_PREFIX}{spec.id}-{uuid.uuid4().hex[:UNIQUE_SUFFIX_LENGTH]}"
    try:
        from .render import REPORT_FORMATS, render_formats, render_set_formats

        generated_at = options.generated_at or None
        rendered: dict[str, str | bytes]
        if isinstance(spec, SetSpec):
            set_comparison = _compare_set(spec, options)
            partial.mkdir(parents=True)
            rendered = render_set_formats(
                set_comparison, options.formats, generated_at=generated_at, paper=options.paper
            )
        else:
            comparison = _compare_pair(spec, options)
            partial.mkdir(parents=True)
            rendered = render_formats(comparison, options.formats, generated_at=generated_at, paper=options.paper)
        outputs = {}
        for fmt, payload in rendered.items():
            data = payload.encode("utf-8") if isinstance(payload, str) else payload
            file_name = REPORT_FORMATS[fmt].batch_file
            (partial / file_name).write_bytes(data)
            outputs[fmt] = f"{spec.id}/{file_name}"
        time_limit.disarm()  # the reports are whole: moving them into place must not be cut short
        if time_limit.expired:
            return _failed(spec, _timed_out_message(spec, options.pair_timeout), started, partial)
        _replace_dir(partial, root / spec.id)
        seconds = round(time.perf_counter() - started, SECONDS_DIGITS)
        record: Record
        if isinstance(spec, SetSpec):
            record = _set_record(spec, set_comparison, outputs, seconds)
        else:
            record = _pair_record(spec, comparison, outputs, seconds)
        write_cache(root, spec.id, key, asdict(record))
        return record
    except _PairTimedOut:
        return _failed(spec, _timed_out_message(spec, options.pair_timeout), started, partial)
    except CompareError as error:
        return _failed(spec, str(error), started, partial)
    except OSError as error:  # articles are read into CompareErrors: this is the output folder (full, read-only…)
        reason = (error.strerror or str(error)).lower()
        message = f"could not write its reports: {reason}; free space or choose another -o"
        return _failed(spec, message, started, partial)
    except Exception as error:  # a bug must not stop the other pairs; the record says what broke
        return _failed(spec, f"internal error {error.__class__.__name__}: {error}", started, partial)


def _cached_record(spec: BatchItem, cached: dict[str, Any]) -> Record | None:
    """The record of `spec` its cache entry holds (`cached`), marked skipped; None when it cannot be read back
    (an entry of another version, edited by hand): the item is then compared again."""
    try:
        if isinstance(spec, SetSpec):
            documents = tuple(dict(document) for document in cached["documents"])
            return SetRecord(**{**cached, "documents": documents, "status": "skipped", "seconds": 0.0})
        return PairRecord(**{**cached, "status": "skipped", "seconds": 0.0})
    except (TypeError, KeyError, ValueError):
        return None


def _compare_pair(spec: PairSpec, options: BatchOptions) -> Comparison:
    """Compare the pair `spec` as `options` say."""
    from .pipeline import compare_articles

    compare_options = replace(options.compare, versions=True) if spec.versions else options.compare
    labels = (spec.label_a, spec.label_b)
    if compare_options.versions:
        labels = (spec.label_a or VERSION_LABELS[0], spec.label_b or VERSION_LABELS[1])
    return compare_articles(
        spec.a,
        spec.b,
        label_a=labels[0],
        label_b=labels[1],
        options=compare_options,
        max_bytes=options.max_bytes,
        timeout=options.timeout,
        allow_private_urls=options.allow_private_urls,
        model_threads=options.model_threads,
        fallback_labels=(
            None if spec.label_a else label_from_manifest(spec.a) or spec.fallback_a,
            None if spec.label_b else label_from_manifest(spec.b) or spec.fallback_b,
        ),
    )


def _compare_set(spec: SetSpec, options: BatchOptions) -> SetComparison:
    """Compare the set `spec` as `options` say, labelling its articles as a pair's are.

    An article's label is the set's, else its outlet from its metadata, else
    one a ``pairs.toml`` beside it gives it, else the set folder's fallback
    ("set-bridge 2"), else its file name.
    """
    from .sets import compare_set

    if options.compare.versions:
        raise ConfigError(
            "--versions compares an earlier and a later version of one story, not a set; run sets without --versions"
        )
    fallbacks = spec.fallbacks or (None,) * len(spec.articles)
    return compare_set(
        spec.articles,
        labels=spec.labels,
        options=options.compare,
        max_bytes=options.max_bytes,
        timeout=options.timeout,
        allow_private_urls=options.allow_private_urls,
        model_threads=options.model_threads,
        fallback_labels=[
            label_from_manifest(source) or fallback for source, fallback in zip(spec.articles, fallbacks, strict=True)
        ],
    )


def _pair_record(spec: PairSpec, comparison: Comparison, outputs: dict[str, str], seconds: float) -> PairRecord:
    """The record of the pair `spec`, compared as `comparison` into `outputs` in `seconds`."""
    stats = comparison.stats
    return PairRecord(
        id=spec.id,
        status="ok",
        label_a=comparison.a.label,
        label_b=comparison.b.label,
        title_a=comparison.a.title,
        title_b=comparison.b.title,
        figures={
            "only_in.a": stats.a.facts,
            "only_in.b": stats.b.facts,
            "covered.a": round(stats.a.covered, RATIO_DIGITS),
            "covered.b": round(stats.b.covered, RATIO_DIGITS),
            "words.a": stats.a.body_words,
            "words.b": stats.b.body_words,
            "quotes.identical": stats.quotes_identical,
            "quotes.variant": stats.quotes_variant,
            "quotes.only_a": stats.quotes_only_a,
            "quotes.only_b": stats.quotes_only_b,
            "quotes.extended": stats.quotes_extended,
            "reworded.a": stats.a.reworded_sentences,
            "reworded.b": stats.b.reworded_sentences,
            "changes": len(comparison.changes),
            "edited": len(edited_pairs(comparison.a, comparison.b, comparison.alignment, comparison.changes)),
        },
        outputs=outputs,
        seconds=seconds,
    )


def _set_record(spec: SetSpec, comparison: SetComparison, outputs: dict[str, str], seconds: float) -> SetRecord:
    """The record of the set `spec`, compared as `comparison` into `outputs` in `seconds`."""
    ids = comparison.ids
    facts = len(comparison.facts)
    return SetRecord(
        id=spec.id,
        status="ok",
        documents=tuple({"id": d.side, "label": d.label, "title": d.title} for d in comparison.documents),
        figures=set_figures(
            facts,
            comparison.carried_by_all,
            {doc: comparison.stats[doc].exclusives for doc in ids},
            {doc: round(comparison.stats[doc].share_of(facts), RATIO_DIGITS) for doc in ids},
        ),
        outputs=outputs,
        seconds=seconds,
    )


def _failed(spec: BatchItem, message: str, started: float | None, partial: Path | None) -> Record:
    """A failed record for `spec` with `message` on one line, timed from `started` (None: not timed); removes
    the `partial` folder."""
    if partial is not None:
        shutil.rmtree(partial, ignore_errors=True)
    # Summaries go to CI logs and pull requests: name the articles as the manifest does, not by local paths.
    for path, shown in zip(spec.sources, spec.shown, strict=False):
        if shown and "://" not in path:
            message = message.replace(printable(path), printable(shown))
    error = " ".join(message.split())
    seconds = round(time.perf_counter() - started, SECONDS_DIGITS) if started is not None else 0.0
    if isinstance(spec, SetSpec):
        return SetRecord(id=spec.id, status="failed", error=error, seconds=seconds)
    return PairRecord(id=spec.id, status="failed", error=error, seconds=seconds)


def _replace_dir(source: Path, target: Path) -> None:
    """Put the finished folder `source` in place of `target`, replacing the reports of an earlier run."""
    # A folder cannot be renamed over a non-empty one: move the old one aside first.
    old = target.with_name(f"{PARTIAL_PREFIX}{target.name}-old-{uuid.uuid4().hex[:UNIQUE_SUFFIX_LENGTH]}")
    if target.is_symlink() or target.exists():
        os.replace(target, old)  # a link is moved, never followed; a file in the way goes too
    os.replace(source, target)
    if old.is_dir() and not old.is_symlink():
        shutil.rmtree(old, ignore_errors=True)
    else:
        remove_quietly(old)


def die_with_parent() -> None:
    """Make this worker process end when the batch that started it dies (Linux), so no orphan keeps running.

    The kernel sends SIGTERM to the worker when its parent exits, even by
    SIGKILL; elsewhere this does nothing.
    """
    if sys.platform != "linux":
        return
    import ctypes

    with suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() == 1:  # the parent died before the request took effect
            os._exit(1)


#: prctl(2) option: the signal a process receives when its parent dies.
PR_SET_PDEATHSIG = 1


def clean_partials(outdir: Path) -> None:
    """Remove the temporary folders an interrupted run left behind."""
    if outdir.is_dir():
        for leftover in outdir.glob(f"{PARTIAL_PREFIX}*"):
            shutil.rmtree(leftover, ignore_errors=True)


#: What takes each record as it finishes: a command's progress bar, or the batch's own collector.
Progress = Callable[[Record], None]


def check_executor(executor: str, scheduler: str | None) -> None:
    """Refuse an `executor` not in `EXECUTORS`, or the Dask one without a `scheduler` address."""
    if executor not in EXECUTORS:
        raise ConfigError(f"unknown executor {executor!r}; use {' or '.join(map(repr, EXECUTORS))}")
    if scheduler and executor != "dask":
        raise ConfigError("--scheduler is for the Dask executor; add --executor dask, or leave --scheduler out")
    if executor == "dask" and not scheduler:
        raise ConfigError("--executor dask needs --scheduler tcp://HOST:PORT")
    if executor == "dask" and scheduler and not SCHEDULER_RE.match(scheduler):
        raise ConfigError(f"--scheduler {scheduler[:80]!r} is not a Dask scheduler address; give tcp://HOST:PORT")


# Workers per core at most: a thousand processes for fifty pairs only exhaust the machine's memory.
MAX_JOBS_PER_CORE = 4


def worker_count(jobs: int | None, pairs: int) -> int:
    """Processes to run `pairs` on: `jobs` (default: one per core), never more than the pairs or a few per core.

    >>> worker_count(1000, 50) == min(50, (os.cpu_count() or 1) * MAX_JOBS_PER_CORE), worker_count(None, 1)
    (True, 1)
    """
    cores = os.cpu_count() or 1
    return max(1, min(jobs or cores, pairs, cores * MAX_JOBS_PER_CORE))


def run_batch(
    pairs: Sequence[BatchItem],
    outdir: str | os.PathLike[str],
    options: BatchOptions,
    *,
    jobs: int | None = None,
    executor: str = "local",
    scheduler: str | None = None,
    force: bool = False,
    progress: Progress | None = None,
    gates: Sequence[Gate] = (),
    protected: Sequence[str] = (),
) -> BatchResult:
    """Compare every pair and set of `pairs` into `outdir`, check the `gates` (``--fail-if``) on them, then write
    the index and summaries.

    A set gate naming a document a set lacks fails that set alone (`gates.gate_problem`), before it runs.
    Nothing runs when the batch would overwrite or delete a file it did not write (`check_output_folder`); the
    `protected` files (the manifest) count as inputs.  Interrupted (KeyboardInterrupt: Ctrl-C, or SIGTERM as the
    command line turns it), it still writes the summaries, of the pairs and sets that finished and the others as
    failed, then raises `BatchInterrupted`.
    """
    from .render import REPORT_FORMATS

    if not options.formats:
        raise ConfigError(f"no report format given; choose from {', '.join(REPORT_FORMATS)}")
    for fmt in options.formats:
        if fmt not in REPORT_FORMATS:
            raise ConfigError(f"unknown format {fmt!r}; choose from {', '.join(REPORT_FORMATS)}")
    check_executor(executor, scheduler)
    root = Path(outdir)
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ConfigError(f"cannot create the output folder ({error.strerror})", source=str(outdir)) from None
    with output_lock(root):
        check_output_folder(root, pairs, protected)
        clean_partials(root)
        pairs = [_with_gate_problem(item, gates) for item in pairs]
        records: list[Record] = []

        def finish(record: Record) -> None:
            """Collect a finished `record` and pass it to `progress`, if given."""
            records.append(record)
            if progress:
                progress(record)

        try:
            if executor == "dask":
                _run_dask(pairs, root, replace(options, model_threads=1), force, scheduler, finish)
            else:  # "local": EXECUTORS were checked above
                _run_local(pairs, root, options, force, worker_count(jobs, len(pairs)), finish)
        except KeyboardInterrupt:
            # The summary of an earlier run must not stand for this one: it is rewritten with the pairs that
            # finished, and every other pair listed as failed, so a rerun or a CI log sees what is missing.
            clean_partials(root)
            done = {record.id for record in records}
            stopped = [_failed(item, INTERRUPTED_ERROR, None, None) for item in pairs if item.id not in done]
            write_summaries(_batch_result(pairs, [*records, *stopped], gates), root)
            raise BatchInterrupted(len(records), len(pairs)) from None
        result = _batch_result(pairs, records, gates)
        write_summaries(result, root)
    return result


class BatchInterrupted(KeyboardInterrupt):
    """A batch stopped by Ctrl-C or SIGTERM, after writing its summary of the `done` pairs and sets (of `total`)."""

    def __init__(self, done: int, total: int) -> None:
        super().__init__(done, total)
        self.done = done
        self.total = total


def _batch_result(pairs: Sequence[BatchItem], records: Sequence[Record], gates: Sequence[Gate]) -> BatchResult:
    """The `records` in manifest order (that of `pairs`), each with the `gates` it meets."""
    order = {pair.id: n for n, pair in enumerate(pairs)}
    gated = [replace(record, gates_failed=tuple(failed_gates(record, gates))) for record in records]
    return BatchResult(tuple(sorted(gated, key=lambda r: order[r.id])), tuple(str(gate) for gate in gates))


def check_output_folder(root: Path, items: Sequence[BatchItem], protected: Sequence[str] = ()) -> None:
    """Refuse, before any work, a batch that would overwrite or delete what it did not write in `root`.

    Each item's reports replace its folder ``root/<id>/`` as a whole, and the
    summaries replace ``root/summary.json`` and its siblings: so an item's
    folder may hold only report files, the summaries may be replaced only
    when an earlier batch wrote them, and no input article of `items` (nor a
    `protected` file such as the manifest) may sit where an output goes.
    """
    from .render import REPORT_FORMATS

    report_names = {fmt.batch_file for fmt in REPORT_FORMATS.values()}
    outputs = [root / item.id for item in items] + [root / CACHE_DIR]
    summaries = [root / name for name in SUMMARY_FILES]
    real_outputs = [os.path.realpath(path) for path in outputs]
    real_summaries = {os.path.realpath(path) for path in summaries}
    inputs = [source for item in items for source in item.sources if "://" not in source]
    for source in (*inputs, *protected):
        real = os.path.realpath(source)
        if real in real_summaries or any(real == out or real.startswith(out + os.sep) for out in real_outputs):
            raise ConfigError(
                f"the batch would overwrite the input {printable(source)}; choose an -o folder apart from the "
                "articles and the manifest",
                source=str(root),
            )
    for item_dir in outputs[:-1]:
        if item_dir.is_symlink() or (item_dir.exists() and not item_dir.is_dir()):
            raise ConfigError(
                f"{item_dir.name} is there and is not a folder of reports; move it away or choose another -o",
                source=str(root),
            )
        foreign = sorted(entry.name for entry in _entries(item_dir) if entry.name not in report_names)
        if foreign:
            raise ConfigError(
                f"{item_dir.name}/ holds {printable(foreign[0])}, which no batch wrote, and would be replaced; "
                "move it away or choose another -o",
                source=str(root),
            )
    if not written_by_batch(root):
        for path in summaries:
            if path.exists() or path.is_symlink():
                raise ConfigError(
                    f"holds {path.name}, which no batch wrote, and would be replaced; move it away or choose "
                    "another -o",
                    source=str(root),
                )


def _entries(folder: Path) -> list[os.DirEntry[str]]:
    """The entries of `folder`; none when it is missing."""
    try:
        with os.scandir(folder) as entries:
            return list(entries)
    except FileNotFoundError:
        return []
    except OSError as error:
        raise ConfigError(
            f"{folder.name}/ cannot be read ({error.strerror}); check its permissions or choose another -o",
            source=str(folder.parent),
        ) from None


#: The file that says a batch is writing to its output folder, holding that batch's process id.
LOCK_NAME = ".article-compare.lock"


@contextmanager
def output_lock(root: Path) -> Iterator[None]:
    """Hold `root` for this batch alone: a second batch into it stops at once, naming the running one.

    The lock is a file created exclusively, holding our process id; a lock
    whose process is gone (killed, the machine restarted) is taken over.  Only
    the lock holder cleans the folder's temporary folders, so two runs never
    delete each other's work.
    """
    lock = root / LOCK_NAME
    for _attempt in range(2):
        try:
            descriptor = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            holder = _lock_holder(lock)
            if holder is not None and _alive(holder):
                raise ConfigError(
                    f"another batch (process {holder}) is writing to this folder; wait for it or choose another -o",
                    source=str(root),
                ) from None
            remove_quietly(lock)  # stale: its batch is gone
            continue
        except OSError as error:
            raise ConfigError(f"cannot lock the output folder ({error.strerror})", source=str(root)) from None
        with os.fdopen(descriptor, "w") as handle:
            handle.write(f"{os.getpid()}\n")
        break
    else:
        raise ConfigError("cannot lock the output folder: another batch keeps taking it", source=str(root))
    try:
        yield
    finally:
        if _lock_holder(lock) == os.getpid():
            remove_quietly(lock)


def _lock_holder(lock: Path) -> int | None:
    """The process id a lock file holds, or None when it holds none (being written, or damaged)."""
    try:
        text = lock.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return int(text) if text.isdigit() else None


def _alive(pid: int) -> bool:
    """True when a process with id `pid` runs on this machine."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, under another user
    except OverflowError:
        return False
    return True


def _with_gate_problem(item: BatchItem, gates: Sequence[Gate]) -> BatchItem:
    """`item`, failing alone when a gate cannot be checked on it (a set gate naming a document the set lacks)."""
    problem = None if item.problem else gate_problem(item, gates)
    return replace(item, problem=problem) if problem else item


def _run_local(
    pairs: Sequence[BatchItem],
    root: Path,
    options: BatchOptions,
    force: bool,
    jobs: int,
    finish: Progress,
) -> None:
    """Run `pairs` on a pool of `jobs` processes, passing each record to `finish` as it comes.

    A worker that dies (killed, out of memory, a crash in a C library) breaks
    the whole pool, failing every pair in flight.  Those pairs are then retried
    one at a time, each in a pool of its own, so the pair that kills its worker
    is reported and the others complete.
    """
    if jobs <= 1:
        for pair in pairs:
            finish(process_pair(pair, str(root), options, force))
        return
    # Each worker is a process of its own: the model's threads would only contend for the same cores.
    options = replace(options, model_threads=1)
    broken = _run_pool(pairs, root, options, force, jobs, finish)
    for pair in broken:
        retry = _run_pool([pair], root, options, force, 1, finish)
        for lost in retry:
            message = (
                f"the worker process died while comparing this {lost.kind} (twice); "
                "check the inputs and the machine's memory"
            )
            finish(_failed(lost, message, None, None))


def _run_pool(
    pairs: Sequence[BatchItem],
    root: Path,
    options: BatchOptions,
    force: bool,
    jobs: int,
    finish: Progress,
) -> list[BatchItem]:
    """Run `pairs` on a fresh process pool; return the pairs lost to a dying worker."""
    lost: list[BatchItem] = []
    answered: set[Future[Record]] = set()  # the futures whose record went to `finish`
    futures: dict[Future[Record], BatchItem] = {}
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=die_with_parent)
    try:
        for pair in pairs:
            futures[pool.submit(process_pair, pair, str(root), options, force)] = pair
        pending = set(futures)
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                answered.add(future)
                try:
                    finish(future.result())
                except BrokenProcessPool:
                    lost.append(futures[future])
    except BaseException:
        # Interrupted: drop the pairs not started, let running ones finish or
        # die, and remove their temporary folders.  Finished pairs stay, and
        # those that finished while the pool shut down are collected too.
        pool.shutdown(wait=True, cancel_futures=True)
        clean_partials(root)
        for future in futures:
            if future not in answered and not future.cancelled() and future.exception() is None:
                finish(future.result())
        raise
    pool.shutdown(wait=True)
    clean_partials(root)  # a dead worker leaves its temporary folder behind
    order = {id(pair): position for position, pair in enumerate(pairs)}
    return sorted(lost, key=lambda pair: order[id(pair)])


def _connect(client_type: Any, scheduler: str) -> Any:
    """A Dask client of `scheduler`, or a `ConfigError` when it cannot be reached or does not answer in time.

    Something that accepts the connection but never speaks Dask (a web server
    on that port) holds the client's handshake past its own timeout: the
    client is made in a thread of its own, given `DASK_ANSWER_SECONDS`.
    """
    outcome: dict[str, Any] = {}

    def connect() -> None:
        """Make the client, keeping it or the error for the caller."""
        try:
            outcome["client"] = client_type(scheduler, timeout=DASK_CONNECT_TIMEOUT)
        except Exception as error:  # whatever the connection raises is reported as one line
            outcome["error"] = error

    thread = threading.Thread(target=connect, name="article-compare-dask-connect", daemon=True)
    thread.start()
    thread.join(DASK_ANSWER_SECONDS)
    if "client" in outcome:
        return outcome["client"]
    if thread.is_alive():
        raise ConfigError(
            f"the Dask scheduler did not answer within {DASK_ANSWER_SECONDS} s; check the address and port",
            source=scheduler,
        )
    error = outcome.get("error")
    reason = f"{error.__class__.__name__}: {error}" if error else "no client"
    raise ConfigError(f"cannot reach the Dask scheduler ({reason[:200]})", source=scheduler)


def _run_dask(
    pairs: Sequence[BatchItem],
    root: Path,
    options: BatchOptions,
    force: bool,
    scheduler: str | None,
    finish: Progress,
) -> None:
    """Run `pairs` (and sets) on the Dask cluster at `scheduler`, passing each record to `finish` as it comes;
    one whose worker dies on every retry gets a failed record."""
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise ConfigError("the Dask executor needs dask[distributed]: pip install 'article-compare[dask]'") from None
    if not scheduler:
        raise ConfigError("--executor dask needs --scheduler tcp://HOST:PORT")
    client = _connect(Client, scheduler)
    try:
        futures = client.map(
            process_pair,
            list(pairs),
            [str(root.resolve())] * len(pairs),
            [options] * len(pairs),
            [force] * len(pairs),
            pure=False,
            retries=DASK_RETRIES,
            key=[f"article-compare-{pair.id}-{uuid.uuid4().hex[:UNIQUE_SUFFIX_LENGTH]}" for pair in pairs],
        )
        by_key = {future.key: pair for future, pair in zip(futures, pairs, strict=True)}
        for future in as_completed(futures):
            record: Record
            try:
                record = future.result()
            except Exception as error:  # retries exhausted: the worker died on this pair each time
                record = _failed(by_key[future.key], f"worker failed: {error}", None, None)
            finish(record)
    finally:
        client.close()

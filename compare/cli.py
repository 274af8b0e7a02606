"""The `article-compare` command: a thin layer over `compare.pipeline`, `compare.render` and `compare.batch`.

Each command parses its arguments, makes one library call and writes what it
gets; `main` maps the library's errors to exit codes (defined in
`compare.errors`, listed in the README).  Options that `compare` and `batch`
share are declared once, in the decorators below; report formats come from
`compare.render.REPORT_FORMATS`.  What the command line alone does:

* reading ``--set NAME=VALUE`` into `CompareOptions` (`options_from_settings`);
* naming an article from a ``pairs.toml`` beside it (`manifest.label_from_manifest`),
  when neither ``--label-a/-b`` nor the article's metadata name it.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

import click

from .errors import GATE_FAILED, INTERRUPTED, OK, PAIRS_FAILED, USAGE, CompareError, ConfigError, either
from .render import REPORT_FORMATS, format_for_extension

if TYPE_CHECKING:
    from .model import CompareOptions, Document
from .version import __version__

# The longest wait for a URL and the largest input one may ask for: beyond them a socket or a buffer overflows.
MAX_TIMEOUT_SECONDS = 86_400.0
MAX_INPUT_BYTES = 1 << 40
INTERRUPTED_MESSAGE = "article-compare: interrupted; no partial file is left (a batch keeps its finished pairs)"
# Whole-number settings (candidates per sentence, words in a quote…) have no use above this...
MAX_INT_SETTING = 1000
# ...except a budget whose default is larger (quotes read): it may be raised up to this many times its default.
MAX_BUDGET_FACTOR = 10
TRUE_WORDS = ("true", "yes", "1", "on")
FALSE_WORDS = ("false", "no", "0", "off")

Command = TypeVar("Command", bound=Callable[..., Any])


class DefaultCommandGroup(click.Group):
    """A group whose first argument, when it is not a subcommand, goes to the `compare` command."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Route ``article-compare A B …`` to ``article-compare compare A B …``."""
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = ["compare", *args]
        return super().parse_args(ctx, args)


@click.group(cls=DefaultCommandGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="article-compare")
def cli() -> None:
    """Compare two news articles: what each carries that the other does not.

    \b
    Example:
      article-compare first-outlet.txt second-outlet.html -o report.html

    Run `article-compare compare --help` for every option of a comparison.
    """


def report_options(command: Command) -> Command:
    """The options of how reports look, shared by `compare` and `batch`: ``--generated-at`` and ``--paper``."""
    command = click.option(
        "--paper",
        type=click.Choice(["a4", "letter"], case_sensitive=False),
        default="a4",
        show_default=True,
        help="Paper size of PDFs.",
    )(command)
    return click.option(
        "--generated-at",
        metavar="TIMESTAMP",
        callback=_checked_timestamp,
        help="Timestamp printed in reports, for reproducible output, in ISO 8601 such as 2024-05-01T08:00:00Z "
        "(default: SOURCE_DATE_EPOCH or now).",
    )(command)


def _checked_timestamp(context: click.Context, parameter: click.Parameter, value: str | None) -> str | None:
    """`value` as given, once it reads as an ISO 8601 date or time; a usage error otherwise."""
    from datetime import datetime

    if value is None:
        return None
    try:
        datetime.fromisoformat(value.strip())
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not an ISO 8601 timestamp; give one such as 2024-05-01T08:00:00Z"
        ) from None
    return value


class NamedPath(click.Path):
    """A `click.Path` that refuses an empty or blank value, which `click.Path` takes for the current folder (an
    unset variable in ``-o "$OUT"`` would otherwise write reports where the command runs)."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        """The path `value` names; a usage error when it names nothing."""
        if isinstance(value, str) and not value.strip():
            self.fail("is empty; give a name", param, ctx)
        return super().convert(value, param, ctx)


def input_options(command: Command) -> Command:
    """The limits on reading articles, shared by `compare` and `batch`: ``--max-bytes`` and ``--timeout``."""
    command = click.option(
        "--timeout",
        type=click.FloatRange(min=0.1, max=MAX_TIMEOUT_SECONDS),
        default=None,
        help="Seconds a URL's whole download may take (default 10).",
    )(command)
    return click.option(
        "--max-bytes",
        type=click.IntRange(min=1, max=MAX_INPUT_BYTES),
        default=None,
        help="Refuse inputs larger than this many bytes (default 5 MB).",
    )(command)


def settings_option(command: Command) -> Command:
    """The ``--set NAME=VALUE`` option, shared by `compare` and `batch`."""
    return click.option(
        "--set",
        "settings",
        multiple=True,
        metavar="NAME=VALUE",
        help="Change a threshold of the comparison, e.g. --set shared_coverage=0.8 (repeatable; the names "
        "and defaults are listed in every report's footer and JSON).",
    )(command)


def versions_option(command: Command) -> Command:
    """The ``--versions`` flag, shared by `compare` and `batch`."""
    return click.option(
        "--versions",
        is_flag=True,
        help="A is the earlier and B the later version of one story (not two outlets): reworded names, words and "
        "the headline are changes too, and the labels read 'earlier' and 'later' unless given.",
    )(command)


def options_from_settings(settings: Sequence[str]) -> CompareOptions:
    """`CompareOptions` from ``--set`` values such as ``shared_coverage=0.8``; the defaults for the rest.

    >>> options_from_settings(["shared_coverage=0.8", "autojunk=yes"]).shared_coverage
    0.8
    """
    from .model import CompareOptions

    fields = {f.name: f for f in dataclasses.fields(CompareOptions)}
    values: dict[str, Any] = {}
    for setting in settings:
        name, equals, text = (part.strip() for part in setting.partition("="))
        if not equals or name not in fields:
            raise ConfigError(f"--set {setting!r}: expected NAME=VALUE with NAME one of {', '.join(fields)}")
        default = fields[name].default
        if not text.isascii():
            raise ConfigError(f"--set {setting!r}: write {name}'s value in ASCII digits")
        try:
            if isinstance(default, bool):
                if text.lower() not in TRUE_WORDS + FALSE_WORDS:
                    raise ValueError(text)
                values[name] = text.lower() in TRUE_WORDS
            elif isinstance(default, int):
                values[name] = int(text)
            else:
                values[name] = float(text)
        except ValueError:
            kind = {"bool": "true or false", "int": "a whole number", "float": "a number"}[type(default).__name__]
            raise ConfigError(f"--set {setting!r}: {name} takes {kind}, like its default {default!r}") from None
        if isinstance(default, int) and not isinstance(default, bool):
            highest = max(MAX_INT_SETTING, default * MAX_BUDGET_FACTOR)
            if not 1 <= values[name] <= highest:
                raise ConfigError(f"--set {setting!r}: {name} must be from 1 to {highest}")
    try:
        return CompareOptions(**values)
    except ConfigError as error:
        raise ConfigError(f"--set: {error}") from None


def _manifest_labels(sources: Sequence[str], labels: Sequence[str | None]) -> list[str | None]:
    """The labels a ``pairs.toml`` beside each of `sources` gives it, for those without one of `labels` (None
    where no manifest names it)."""
    from .manifest import label_from_manifest

    return [None if label else label_from_manifest(source) for source, label in zip(sources, labels, strict=True)]


@cli.command("compare")
@click.argument("articles", metavar="A B [C …]", nargs=-1)
@click.option(
    "-o",
    "--output",
    type=NamedPath(dir_okay=False, path_type=Path),
    help="Write the report here; its extension picks the format. Text formats go to standard output without it.",
)
@click.option(
    "-f",
    "--format",
    "output_format",
    type=click.Choice(list(REPORT_FORMATS)),
    help="Report format (default: from -o's extension, else json).",
)
@click.option("--label-a", help="Name of article A in the report (default: its outlet, a manifest, its file name).")
@click.option("--label-b", help="Name of article B in the report.")
@click.option(
    "--label",
    "labels",
    multiple=True,
    metavar="ID=NAME",
    help='Name an article by its id, the letter of its place among the arguments: --label c="Fox News". Repeatable.',
)
@report_options
@input_options
@click.option(
    "--encoding",
    "encodings",
    multiple=True,
    metavar="[ID=]CODEC",
    help="Read with this codec (e.g. cp1252) the inputs that are not UTF-8, instead of detecting one; "
    "ID=CODEC (a=, b=, c=…) reads that article with it whatever it holds. Repeatable.",
)
@click.option("-q", "--quiet", is_flag=True, help="Say nothing on success (the default when not on a terminal).")
@versions_option
@settings_option
def compare_command(
    articles: tuple[str, ...],
    output: Path | None,
    output_format: str | None,
    label_a: str | None,
    label_b: str | None,
    labels: tuple[str, ...],
    generated_at: str | None,
    paper: str,
    max_bytes: int | None,
    timeout: float | None,
    encodings: tuple[str, ...],
    quiet: bool,
    versions: bool,
    settings: tuple[str, ...],
) -> None:
    """Compare articles A and B, or a set of three to 26 articles of one event (paths to .txt, .md or .html
    files, or http(s) URLs; - reads standard input).

    Two articles give what each carries that the other does not; three or
    more give every fact of the event and which articles carry it.

    \b
    Examples:
      article-compare a.txt b.txt --format json > comparison.json
      article-compare a.txt b.html -o report.pdf --label-a "The Times"
      article-compare https://example.org/story a.md -o report.html
      article-compare first-edition.html update.html --versions -o changes.html
      article-compare times.txt post.html fox.md -o event.html --label c="Fox News"
    """
    from .model import SET_LETTERS

    if len(articles) < 2:
        raise click.UsageError(f"Missing argument '{'AB'[len(articles)]}'.")
    if len(articles) > len(SET_LETTERS):
        raise click.UsageError(f"a set takes at most {len(SET_LETTERS)} articles, not {len(articles)}")
    ids = SET_LETTERS[: len(articles)]
    by_id = _labels_by_id(labels, ids)
    for letter, given in (("a", label_a), ("b", label_b)):
        if given is not None and by_id.get(letter, given) != given:
            raise click.UsageError(
                f"--label-{letter} {given!r} and --label {letter}={by_id[letter]!r} name article {letter} twice; "
                "give one"
            )
    named = {"a": label_a, "b": label_b} | by_id
    options = options_from_settings(settings)
    if versions:
        options = dataclasses.replace(options, versions=True)
    if len(articles) > 2 and options.versions:
        raise click.UsageError("--versions compares two versions of one story (A earlier, B later), not a set")
    from .load.read import STDIN

    if sum(article == STDIN for article in articles) > 1:
        raise click.UsageError("standard input (-) can be read only once; give files or URLs for the other articles")
    if output is not None and str(output) == STDIN:
        output = None  # "-o -" is standard output, as "-" among the articles is standard input
    fmt = _choose_format(output, output_format)
    _check_output(output, fmt, articles)
    from .load import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT

    fallback, forced = _encodings(encodings, ids)
    limits = Limits(max_bytes or DEFAULT_MAX_BYTES, timeout or DEFAULT_TIMEOUT, fallback)
    report = ReportSettings(fmt, generated_at, paper.upper())
    if len(articles) > 2:
        documents, semantic_note, payload = _compare_set(articles, named, forced, options, limits, report)
    else:
        documents, semantic_note, payload = _compare_pair(articles, named, forced, options, limits, report)
    for document in documents:
        for note in document.article.notes:
            click.echo(f"article-compare: note: {document.side.upper()} ({document.article.name}): {note}", err=True)
    if semantic_note and options.semantic:
        click.echo(f"article-compare: note: {semantic_note}", err=True)
    if output is None:
        text = payload if isinstance(payload, str) else payload.decode("utf-8")
        click.echo(text, nl=False)
        return
    from .files import write_atomically

    if not output.parent.exists():
        try:
            output.parent.mkdir(parents=True)
        except OSError as error:
            raise ConfigError(
                f"cannot create the folder {output.parent} ({error.strerror})", source=str(output)
            ) from None
    write_atomically(output, payload)
    if not quiet and sys.stderr.isatty():
        click.echo(f"article-compare: wrote {output} ({_size_of(payload)})", err=True)


class Limits(NamedTuple):
    """How inputs are read: their size and time limits, and the codec for those that are not UTF-8."""

    max_bytes: int
    timeout: float
    fallback_encoding: str | None


class ReportSettings(NamedTuple):
    """The report asked for: its format, timestamp and paper size."""

    fmt: str
    generated_at: str | None
    paper: str


def _compare_pair(
    articles: tuple[str, ...],
    named: dict[str, str | None],
    forced: dict[str, str],
    options: CompareOptions,
    limits: Limits,
    report: ReportSettings,
) -> tuple[tuple[Document, ...], str | None, str | bytes]:
    """Compare two articles: (their documents, the paraphrase model's note, the report)."""
    from .pipeline import compare_articles
    from .render import render_comparison

    label_a, label_b = named.get("a"), named.get("b")
    if options.versions:
        from .model import VERSION_LABELS

        label_a, label_b = label_a or VERSION_LABELS[0], label_b or VERSION_LABELS[1]
    manifest_a, manifest_b = _manifest_labels(articles, (label_a, label_b))
    comparison = compare_articles(
        articles[0],
        articles[1],
        label_a=label_a,
        label_b=label_b,
        options=options,
        max_bytes=limits.max_bytes,
        timeout=limits.timeout,
        encodings=(forced.get("a"), forced.get("b")),
        fallback_encoding=limits.fallback_encoding,
        fallback_labels=(manifest_a, manifest_b),
    )
    payload = render_comparison(comparison, report.fmt, generated_at=report.generated_at, paper=report.paper)
    return (comparison.a, comparison.b), comparison.semantic.note, payload


def _compare_set(
    articles: tuple[str, ...],
    named: dict[str, str | None],
    forced: dict[str, str],
    options: CompareOptions,
    limits: Limits,
    report: ReportSettings,
) -> tuple[tuple[Document, ...], str | None, str | bytes]:
    """Compare three or more articles of one event: (their documents, the paraphrase model's note, the report)."""
    from .render import render_set
    from .sets import compare_set, document_ids

    ids = document_ids(len(articles))
    labels = [named.get(i) for i in ids]
    comparison = compare_set(
        articles,
        labels=labels,
        fallback_labels=_manifest_labels(articles, labels),
        options=options,
        max_bytes=limits.max_bytes,
        timeout=limits.timeout,
        encodings=[forced.get(i) for i in ids],
        fallback_encoding=limits.fallback_encoding,
    )
    payload = render_set(comparison, report.fmt, generated_at=report.generated_at, paper=report.paper)
    return comparison.documents, comparison.semantic.note, payload


def _labels_by_id(values: tuple[str, ...], ids: str) -> dict[str, str]:
    """``--label ID=NAME`` values as document id → name, for the documents `ids` names.

    >>> _labels_by_id(("c=Fox News", "a = The Times"), "abc")
    {'c': 'Fox News', 'a': 'The Times'}
    """
    found: dict[str, str] = {}
    for value in values:
        document, separator, name = (part.strip() for part in value.partition("="))
        if not separator or len(document) != 1 or document.lower() not in ids:
            raise ConfigError(
                f"--label {value!r}: name an article by its id ({', '.join(ids)}) as ID=NAME, "
                "e.g. --label a='The Times'"
            )
        if not name:
            raise ConfigError(f"--label {value!r} gives no name")
        if found.get(document.lower(), name) != name:
            raise ConfigError(f"--label names article {document.lower()} twice ({found[document.lower()]!r}, {name!r})")
        found[document.lower()] = name
    return found


def _encodings(values: tuple[str, ...], ids: str = "ab") -> tuple[str | None, dict[str, str]]:
    """``--encoding`` values as (the codec for inputs that are not UTF-8, document id → its forced codec).

    >>> _encodings(("cp1252", "b=latin-1"))
    ('cp1252', {'b': 'latin-1'})
    """
    fallback: str | None = None
    forced: dict[str, str] = {}
    for value in values:
        document, separator, codec = value.partition("=")
        if not separator:
            fallback, codec = value, value
        elif document.strip().lower() in ids and len(document.strip()) == 1:
            forced[document.strip().lower()] = codec
        else:
            codecs = [f"{i}=CODEC" for i in ids[:3]]
            named = " or ".join(codecs) if len(ids) == 2 else ", ".join(codecs) + (", …" if len(ids) > 3 else "")
            raise ConfigError(f"--encoding {value!r}: name an article as {named}, or give a CODEC alone")
        if not codec.strip():
            raise ConfigError(f"--encoding {value!r} names no codec; e.g. --encoding cp1252 or --encoding a=cp1252")
    return fallback, forced


def _size_of(payload: str | bytes) -> str:
    """How big a written report is, as a person reads it."""
    size = len(payload.encode("utf-8") if isinstance(payload, str) else payload)
    return f"{max(1, round(size / 1024))} KB"


@cli.command("batch")
@click.argument("manifest", metavar="MANIFEST")
@click.option(
    "-o",
    "--output-dir",
    required=True,
    type=NamedPath(file_okay=False, path_type=Path),
    help="Folder for the reports: OUTDIR/<id>/ for each pair and set, index.html, summary.json, summary.md.",
)
@click.option(
    "--formats",
    default="json,html,md",
    show_default=True,
    help=f"Comma-separated formats for each pair and set: {', '.join(REPORT_FORMATS)}.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Pairs and sets compared at once on this machine (default: the number of cores).",
)
@click.option(
    "--executor",
    metavar="NAME",
    default="local",
    show_default=True,
    # Checked against batch.EXECUTORS (batch.check_executor) before the manifest is read.
    help="local: processes on this machine; dask: a Dask distributed cluster (needs --scheduler).",
)
@click.option("--scheduler", metavar="tcp://HOST:PORT", help="Address of the Dask scheduler.")
@click.option("--force", is_flag=True, help="Redo every pair and set, even those unchanged since the last run.")
@click.option(
    "--fail-if",
    "gates",
    multiple=True,
    metavar="CONDITION",
    help="Exit 6 when a pair meets CONDITION, e.g. 'only_in.b > 20' or 'covered.a < 0.3', or a set does, e.g. "
    "'exclusive.c > 5' (facts only article c carries) or 'carried.b < 0.5' (its share of the event's facts). "
    "Pair gates are checked on pairs, set gates on sets. Repeatable.",
)
@report_options
@click.option(
    "--progress/--no-progress",
    default=None,
    help="A progress bar (default on a terminal; one line per pair or set otherwise).",
)
@click.option(
    "-q", "--quiet", is_flag=True, help="No progress: only failed pairs and sets, gates and errors are printed."
)
@input_options
@click.option(
    "--allow-private-urls",
    is_flag=True,
    help="Let manifest URLs reach loopback and private addresses (refused by default: manifests "
    "from pull requests must not read internal services).",
)
@click.option(
    "--pair-timeout",
    type=click.FloatRange(min=0, max=MAX_TIMEOUT_SECONDS),
    default=None,
    help="Stop a pair or set still working after this many seconds and report it failed (default 600; 0: no limit).",
)
@versions_option
@settings_option
def batch_command(
    manifest: str,
    output_dir: Path,
    formats: str,
    jobs: int | None,
    executor: str,
    scheduler: str | None,
    force: bool,
    gates: tuple[str, ...],
    generated_at: str | None,
    paper: str,
    progress: bool | None,
    quiet: bool,
    max_bytes: int | None,
    timeout: float | None,
    allow_private_urls: bool,
    pair_timeout: float | None,
    versions: bool,
    settings: tuple[str, ...],
) -> int:
    """Compare every pair and set of MANIFEST: a pairs.toml of [[pair]] and [[set]] tables, or a folder of
    pair-*/ folders (a.* + b.*) and set-*/ folders (1.*, 2.*, 3.* …).

    A set is three to 26 articles of one event, compared at once. Pairs and
    sets run in parallel; one that fails is reported and the rest go on;
    those unchanged since the last run into the same OUTDIR are skipped.

    \b
    Examples:
      article-compare batch seeds/pairs.toml -o out/
      article-compare batch pairs/ -o out/ --formats json,md --fail-if "only_in.b > 20"
      article-compare batch events.toml -o out/ --fail-if "exclusive.c > 5" --fail-if "carried.b < 0.5"
      article-compare batch editions.toml -o out/ --versions
      article-compare batch pairs.toml -o /shared/out --executor dask --scheduler tcp://10.0.0.5:8786
    """
    from .batch import DEFAULT_PAIR_TIMEOUT, BatchInterrupted, BatchOptions, check_executor, run_batch
    from .context import generated_at_from
    from .gates import gate_failures, parse_gate
    from .manifest import read_pairs
    from .pipeline import MODEL_MISSING_NOTE
    from .semantic import semantic_available

    check_executor(executor, scheduler)
    chosen = tuple(dict.fromkeys(f.strip().lower() for f in formats.split(",") if f.strip()))
    checked_gates = [parse_gate(gate) for gate in gates]
    compare_options = options_from_settings(settings)
    if versions:
        compare_options = dataclasses.replace(compare_options, versions=True)
    pairs = read_pairs(manifest)
    from .load import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT

    options = BatchOptions(
        formats=chosen,
        generated_at=generated_at_from(generated_at, dict(os.environ)),
        paper=paper.upper(),
        max_bytes=max_bytes or DEFAULT_MAX_BYTES,
        timeout=timeout or DEFAULT_TIMEOUT,
        allow_private_urls=allow_private_urls,
        compare=compare_options,
        pair_timeout=DEFAULT_PAIR_TIMEOUT if pair_timeout is None else pair_timeout,
    )
    report = _Reporter(len(pairs), not quiet and (sys.stderr.isatty() if progress is None else progress), quiet)
    if compare_options.semantic and not semantic_available():
        # Once for the whole batch, not once per pair.
        click.echo(f"article-compare: note: {MODEL_MISSING_NOTE}", err=True)
    from .files import check_writable

    # A folder nothing can be written to is found before the first pair is compared, not after all of them.
    check_writable(output_dir / "summary.json")
    try:
        result = run_batch(
            pairs,
            output_dir,
            options,
            jobs=jobs,
            executor=executor,
            scheduler=scheduler,
            force=force,
            progress=report,
            gates=checked_gates,
            protected=() if os.path.isdir(manifest) else (manifest,),
        )
    except BatchInterrupted as stop:
        report.close()
        click.echo(
            f"article-compare: interrupted after {stop.done} of {stop.total} pairs and sets; the finished ones are "
            f"kept and {output_dir / 'summary.md'} lists the others as not compared",
            err=True,
        )
        return INTERRUPTED
    finally:
        report.close()
    totals = result.totals
    click.echo(
        f"article-compare: {totals['ok']} compared, {totals['skipped']} unchanged, "
        f"{totals['failed']} failed; summary in {output_dir / 'summary.md'}",
        err=True,
    )
    # Every gate that held is said, even when a failed pair decides the exit code (PAIRS_FAILED outranks
    # GATE_FAILED, as the README's table says): a job that tolerates failed pairs still sees the gate in its log.
    failures = gate_failures(result)
    for failure in failures:
        click.echo(f"article-compare: gate: {failure}", err=True)
    if totals["failed"]:
        return PAIRS_FAILED
    return GATE_FAILED if failures else OK


class _Reporter:
    """Progress for a batch: a tqdm bar on a terminal, one plain line per pair otherwise."""

    def __init__(self, total: int, bar: bool, quiet: bool = False) -> None:
        """Count `total` pairs; show a tqdm bar on stderr when `bar` is true; when `quiet`, print failures only."""
        self.total, self.done, self.failed = total, 0, 0
        self.quiet = quiet
        self.bar: Any = None
        if bar:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="pair", file=sys.stderr, dynamic_ncols=True)

    def __call__(self, record: Any) -> None:
        """Report one finished `record`: advance the bar (writing failures above it) or print one line to stderr."""
        self.done += 1
        self.failed += record.status == "failed"
        if self.bar is not None:
            self.bar.update(1)
            self.bar.set_postfix(failed=self.failed, refresh=False)
            if record.status == "failed":
                self.bar.write(f"failed {record.id}: {record.error}", file=sys.stderr)
            return
        if self.quiet and record.status != "failed":
            return
        detail = f": {record.error}" if record.error else f" ({record.seconds:.2f}s)"
        click.echo(f"[{self.done}/{self.total}] {record.id} {record.status}{detail}", err=True)

    def close(self) -> None:
        """Close the progress bar, if there is one."""
        if self.bar is not None:
            self.bar.close()


def _choose_format(output: Path | None, output_format: str | None) -> str:
    """The report format: `output_format` if given, else from `output`'s extension, else JSON for stdout."""
    if output_format:
        return output_format
    if output is None:
        return "json"
    fmt = format_for_extension(output.suffix)
    if fmt is None:
        raise ConfigError(
            f"cannot tell the format from {output.name!r}; end its name in "
            f"{either([fmt.extensions[0] for fmt in REPORT_FORMATS.values()])} or pass --format",
            source=str(output),
        )
    return fmt


def _check_output(output: Path | None, fmt: str, inputs: Sequence[str]) -> None:
    """Reject an `output` that cannot hold a `fmt` report, would overwrite one of the `inputs`, or sits in a
    folder no file can be written to, before any work."""
    if output is None:
        if REPORT_FORMATS[fmt].binary:
            raise ConfigError(f"a {fmt.upper()} needs a file: pass -o report{REPORT_FORMATS[fmt].extensions[0]}")
        return
    try:
        _check_output_path(output, inputs)
    except OSError as error:  # a name too long for the file system, a link that loops, …
        raise ConfigError(
            f"cannot be used for the report ({error.strerror or error.__class__.__name__}); choose another -o",
            source=str(output),
        ) from None
    from .files import check_writable

    # Try creating a file where the report will go (RenderError, exit 4): os.access passes for root even
    # where nothing can be created, and a read-only folder must not be found only after the comparison.
    check_writable(output)


def _check_output_path(output: Path, inputs: Sequence[str]) -> None:
    """The part of `_check_output` that asks the file system; its OSErrors are the caller's to word."""
    if output.is_dir():
        raise ConfigError("is a directory; give a file name such as report.html", source=str(output))
    # The nearest existing folder must be a folder: "notes.txt/report.html" fails
    # here, before the comparison runs, rather than when the report is written.
    ancestor = output.parent
    while not ancestor.exists() and ancestor != ancestor.parent:
        ancestor = ancestor.parent
    if ancestor.exists() and not ancestor.is_dir():
        raise ConfigError(f"cannot be written: {ancestor} is a file, not a folder", source=str(output))
    # os.path.realpath, not Path.resolve: before Python 3.13 resolve raises RuntimeError on a link loop.
    target = os.path.realpath(output)
    for source in inputs:
        if "://" in source:
            continue
        # samefile also catches a hard link to an input, which realpath does not.
        if os.path.realpath(source) == target or _same_file(source, output):
            raise ConfigError("is one of the input articles; refusing to overwrite it", source=str(output))


def _same_file(first: str | Path, second: str | Path) -> bool:
    """True when `first` and `second` both exist and are the same file (also through links)."""
    try:
        return os.path.samefile(first, second)
    except OSError:
        return False


class _Interruptions:
    """Turn SIGINT and SIGTERM into KeyboardInterrupt while the command works, and ignore them after.

    SIGTERM then stops the tool as cleanly as Ctrl-C does.  Once the command has finished (its files
    are complete) a late signal is ignored, so it can neither escape as an unhandled
    KeyboardInterrupt nor report "interrupted" for work that was done.
    """

    def __init__(self) -> None:
        self.finished = False

    def handle(self, signum: int, frame: object) -> None:
        """Raise KeyboardInterrupt for signal `signum` unless the command has finished."""
        if not self.finished:
            raise KeyboardInterrupt


# A run allocates millions of short-lived objects (tokens, matches, and WeasyPrint's boxes) and frees
# nearly all of them by reference counting; with Python's default first threshold (700) the cyclic
# collector runs thousands of times for little, about a tenth of a PDF run.  A higher one keeps the
# collector, and memory bounded, at a fraction of the cost.
GC_FIRST_THRESHOLD = 50_000


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with `argv` and return the exit code (the console script's entry point)."""
    import gc
    import signal
    import threading

    interruptions = _Interruptions()
    previous: dict[signal.Signals, Any] = {}
    if threading.current_thread() is threading.main_thread():
        for signal_kind in (signal.SIGINT, signal.SIGTERM):
            previous[signal_kind] = signal.signal(signal_kind, interruptions.handle)
    thresholds = gc.get_threshold()
    gc.set_threshold(max(thresholds[0], GC_FIRST_THRESHOLD), *thresholds[1:])
    try:
        try:
            code = _run(argv)
        finally:
            interruptions.finished = True
    except KeyboardInterrupt:  # arrived while an error was being reported, after `_run` stopped catching
        click.echo(INTERRUPTED_MESSAGE, err=True)
        code = INTERRUPTED
    finally:
        gc.set_threshold(*thresholds)
        for signal_kind, handler in previous.items():
            signal.signal(signal_kind, handler)
    return code


def _run(argv: Sequence[str] | None) -> int:
    """Run the command line and map the tool's errors and interruptions to exit codes."""
    try:
        code = cli.main(
            args=list(argv) if argv is not None else None, prog_name="article-compare", standalone_mode=False
        )
    except CompareError as error:
        click.echo(f"article-compare: error: {error}", err=True)
        return error.exit_code
    except click.exceptions.Abort:  # click's form of KeyboardInterrupt
        click.echo(INTERRUPTED_MESSAGE, err=True)
        return INTERRUPTED
    except click.ClickException as error:
        # click ≥ 8.2 raises NoArgsIsHelpError for `article-compare` alone (older versions print the
        # help and exit 0): show the help as click formats it, not squeezed into one error line.
        if isinstance(error, getattr(click.exceptions, "NoArgsIsHelpError", ())):
            click.echo(error.format_message(), err=True)
            return USAGE
        message = " ".join(error.format_message().split())
        click.echo(f"article-compare: error: {message} (see article-compare --help)", err=True)
        return USAGE
    except KeyboardInterrupt:
        click.echo(INTERRUPTED_MESSAGE, err=True)
        return INTERRUPTED
    return code if isinstance(code, int) else OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

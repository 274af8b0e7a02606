"""Batch mode: failure isolation, atomic outputs, the cache, gates and the Dask executor."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest
from conftest import ROOT

from compare.batch import BatchInterrupted, BatchOptions, process_pair, run_batch
from compare.errors import ConfigError
from compare.export import schema_path
from compare.gates import failed_gates, gate_failures, parse_gate
from compare.manifest import PairSpec, read_manifest
from compare.summary import BatchResult, PairRecord

OPTIONS = BatchOptions(formats=("json", "md"), generated_at="2026-01-01T00:00:00Z")


def _summary_schema() -> dict:
    return json.loads((schema_path().parent / "summary.schema.json").read_text(encoding="utf-8"))


@pytest.fixture
def pairs(tmp_path: Path) -> list[PairSpec]:
    seeds = ROOT / "seeds"
    gold = ROOT / "tests" / "gold" / "pairs"
    specs = [
        PairSpec(
            "seeds",
            str(seeds / "2017-02-16-mattis-nato-irish-times.txt"),
            str(seeds / "2017-02-16-mattis-nato-independent.txt"),
            "The Irish Times",
            "The Independent",
        ),
        PairSpec(
            "fire", str(gold / "versions-chemical-fire" / "a.txt"), str(gold / "versions-chemical-fire" / "b.txt")
        ),
    ]
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    specs.append(PairSpec("broken", str(empty), str(gold / "versions-chemical-fire" / "b.txt")))
    return specs


def test_a_bad_pair_is_recorded_and_the_others_complete(tmp_path: Path, pairs: list[PairSpec]):
    out = tmp_path / "out"
    result = run_batch(pairs, out, OPTIONS, jobs=1)
    assert result.totals == {"ok": 2, "skipped": 0, "failed": 1}
    broken = next(r for r in result.records if r.id == "broken")
    assert "empty" in broken.error and "\n" not in broken.error
    assert not (out / "broken").exists()
    for pair_id in ("seeds", "fire"):
        data = json.loads((out / pair_id / "comparison.json").read_text(encoding="utf-8"))
        assert data["schema_version"] == 2
        assert (out / pair_id / "report.md").read_text(encoding="utf-8").startswith("## ")
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(_summary_schema()).validate(summary)
    assert [p["id"] for p in summary["pairs"]] == ["seeds", "fire", "broken"]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="seeds/report.md"' in index and "broken" in index
    assert "| broken | **failed** |" in (out / "summary.md").read_text(encoding="utf-8")
    assert not list(out.glob(".partial-*"))


def test_an_interrupted_batch_rewrites_the_summary_with_what_finished(tmp_path: Path, pairs: list[PairSpec]):
    out = tmp_path / "out"
    run_batch(pairs, out, OPTIONS, jobs=1)  # an earlier, complete run: its summary must not stand for the next
    seen: list[str] = []

    def interrupt_after_first(record) -> None:
        seen.append(record.id)
        raise KeyboardInterrupt  # Ctrl-C arriving just after the first pair finished

    with pytest.raises(BatchInterrupted) as stop:
        run_batch(pairs, out, OPTIONS, jobs=1, force=True, progress=interrupt_after_first)
    assert (stop.value.done, stop.value.total) == (1, 3)
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(_summary_schema()).validate(summary)
    assert summary["totals"] == {"ok": 1, "skipped": 0, "failed": 2}
    assert [(p["id"], p["status"]) for p in summary["pairs"]] == [
        ("seeds", "ok"),
        ("fire", "failed"),
        ("broken", "failed"),
    ]
    assert all("interrupted" in p["error"] for p in summary["pairs"][1:])
    markdown = (out / "summary.md").read_text(encoding="utf-8")
    assert "| fire | **failed** |" in markdown
    # Said at the top, not only in the rows: "3 pairs" alone reads as a finished run.
    assert markdown.startswith("## article-compare: 3 pairs (interrupted)\n")
    assert "**Interrupted:** 2 of 3 not compared; run the batch again to finish." in markdown
    assert "Interrupted:</strong> 2 of 3 not compared" in (out / "index.html").read_text(encoding="utf-8")
    assert not list(out.glob(".partial-*"))


def test_summary_figures_match_each_pair_json(tmp_path: Path, pairs: list[PairSpec]):
    out = tmp_path / "out"
    result = run_batch(pairs[:1], out, OPTIONS, jobs=1)
    data = json.loads((out / "seeds" / "comparison.json").read_text(encoding="utf-8"))
    figures = result.records[0].figures
    assert figures["only_in.a"] == len(data["only_in"]["a"])
    assert figures["only_in.b"] == len(data["only_in"]["b"])
    assert figures["quotes.variant"] == data["stats"]["quotes"]["variant"]
    assert figures["quotes.extended"] == data["stats"]["quotes"]["extended"]
    assert figures["changes"] == len(data["changes"])
    assert (figures["reworded.a"], figures["reworded.b"]) == (
        data["stats"]["a"]["reworded_sentences"],
        data["stats"]["b"]["reworded_sentences"],
    )


def test_rerun_skips_unchanged_pairs_and_redoes_changed_or_forced(tmp_path: Path):
    source = ROOT / "tests" / "gold" / "pairs" / "versions-chemical-fire"
    work = tmp_path / "in"
    shutil.copytree(source, work)
    spec = PairSpec("fire", str(work / "a.txt"), str(work / "b.txt"))
    out = tmp_path / "out"
    assert run_batch([spec], out, OPTIONS, jobs=1).totals["ok"] == 1
    assert run_batch([spec], out, OPTIONS, jobs=1).totals["skipped"] == 1
    assert run_batch([spec], out, OPTIONS, jobs=1, force=True).totals["ok"] == 1
    (work / "a.txt").write_text(
        (work / "a.txt").read_text(encoding="utf-8") + "\n\nA new paragraph.\n", encoding="utf-8"
    )
    assert run_batch([spec], out, OPTIONS, jobs=1).totals["ok"] == 1
    # Other options make other outputs: the cache key includes them.
    other = BatchOptions(formats=("json",), generated_at="2026-01-01T00:00:00Z")
    assert run_batch([spec], out, other, jobs=1).totals["ok"] == 1
    # A deleted report is rebuilt even though the inputs did not change.
    (out / "fire" / "comparison.json").unlink()
    assert run_batch([spec], out, other, jobs=1).totals["ok"] == 1


def test_parallel_run_gives_the_same_outputs_as_serial(tmp_path: Path, pairs: list[PairSpec]):
    serial = run_batch(pairs, tmp_path / "serial", OPTIONS, jobs=1)
    parallel = run_batch(pairs, tmp_path / "parallel", OPTIONS, jobs=2)
    assert [r.status for r in serial.records] == [r.status for r in parallel.records]
    for pair_id in ("seeds", "fire"):
        for name in ("comparison.json", "report.md"):
            assert (tmp_path / "serial" / pair_id / name).read_bytes() == (
                tmp_path / "parallel" / pair_id / name
            ).read_bytes()


def test_leftover_partial_folders_are_removed_and_pairs_completed(tmp_path: Path, pairs: list[PairSpec]):
    out = tmp_path / "out"
    (out / ".partial-seeds-deadbeef").mkdir(parents=True)
    (out / ".partial-seeds-deadbeef" / "report.md").write_text("half", encoding="utf-8")
    result = run_batch(pairs[:1], out, OPTIONS, jobs=1)
    assert result.totals["ok"] == 1
    assert not list(out.glob(".partial-*"))


def test_process_pair_never_raises_for_a_missing_input(tmp_path: Path):
    record = process_pair(
        PairSpec("gone", str(tmp_path / "nope.txt"), str(tmp_path / "nope2.txt")), str(tmp_path), OPTIONS
    )
    assert record.status == "failed" and "no such file" in record.error


@pytest.mark.parametrize(
    ("text", "figures", "holds"),
    [
        ("only_in.b > 20", {"only_in.b": 21}, True),
        ("only_in.b > 20", {"only_in.b": 20}, False),
        ("covered.a < 0.5", {"covered.a": 0.49}, True),
        ("quotes.variant >= 1", {"quotes.variant": 0}, False),
        ("words.a != 3", {"words.a": 3}, False),
    ],
)
def test_gates_parse_and_evaluate(text: str, figures: dict, holds: bool):
    assert parse_gate(text).holds(figures) is holds


@pytest.mark.parametrize("text", ["only_in.c > 1", "only_in.b >> 2", "drop table", "only_in.b > x"])
def test_bad_gates_are_refused_with_a_clear_message(text: str):
    with pytest.raises(ConfigError, match="--fail-if"):
        parse_gate(text)


@pytest.mark.parametrize(("text", "instead"), [("exclusive.C > 0", "exclusive.c"), ("Only_In.B > 2", "only_in.b")])
def test_a_gate_in_capitals_is_refused_with_its_lower_case_spelling(text: str, instead: str):
    with pytest.raises(ConfigError, match=f"lower case; write '{instead}'"):
        parse_gate(text)
    assert parse_gate(text.replace(text.split()[0], instead)).metric == instead


@pytest.mark.parametrize(("text", "instead"), [("covered.a < 30", "0.3"), ("carried.b > 50", "0.5")])
def test_a_share_gate_written_as_a_percentage_is_refused_with_its_share(text: str, instead: str):
    with pytest.raises(ConfigError, match=rf"is a share from 0 to 1, not a percentage; write {instead} for"):
        parse_gate(text)
    assert parse_gate(text.replace(text.split()[-1], instead)).value == float(instead)
    assert parse_gate("only_in.b > 30").value == 30  # a count is no share


def test_gate_failures_names_the_pair_and_skips_failed_pairs():
    gates = [parse_gate("only_in.b > 20")]
    records = (
        PairRecord("one", "ok", figures={"only_in.b": 25}),
        PairRecord("two", "skipped", figures={"only_in.b": 3}),
        PairRecord("three", "failed", error="x"),
    )
    assert [failed_gates(r, gates) for r in records] == [["only_in.b > 20 (it is 25)"], [], []]
    result = BatchResult(tuple(replace(r, gates_failed=tuple(failed_gates(r, gates))) for r in records))
    assert gate_failures(result) == ["one: only_in.b > 20 (it is 25)"]
    assert result.gate_failed_pairs == 1


def test_a_manifest_saved_with_a_byte_order_mark_reads_as_one_without(tmp_path: Path):
    manifest = tmp_path / "pairs.toml"
    manifest.write_bytes('\ufeff[[pair]]\nid = "x"\na = "a.txt"\nb = "b.txt"\nlabel_a = "Le Monde"\n'.encode())
    (pair,) = read_manifest(manifest)
    assert isinstance(pair, PairSpec) and pair.id == "x" and pair.label_a == "Le Monde"


def test_seeds_manifest_reads_and_resolves_paths():
    pairs = read_manifest(ROOT / "seeds" / "pairs.toml")
    assert pairs[0].label_a == "The Irish Times"
    assert Path(pairs[0].a).is_file() and Path(pairs[0].b).is_file()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[[pair]]\nid = "x"\na = "a.txt"\n', 'lacks the field "b"'),
        (
            '[[pair]]\nid = "x"\na = "a.txt"\nb = "b.txt"\n[[pair]]\nid = "x"\na = "a.txt"\nb = "b.txt"\n',
            "appears twice",
        ),
        ('[[pair]]\nid = "x"\na = "../../etc/passwd"\nb = "b.txt"\n', "outside the manifest's folder"),
        ('[[pair]]\nid = "x"\na = "file:///etc/passwd"\nb = "b.txt"\n', "only paths and http(s) URLs"),
        ('[[pair]]\nid = "../x"\na = "a.txt"\nb = "b.txt"\n', "use letters, digits"),
        ('[[pair]]\nid = "timings.json"\na = "a.txt"\nb = "b.txt"\n', "not a name the batch writes"),
        ('[[pair]]\nid = "x"\na = 3\nb = "b.txt"\n', "pair 1 has a = 3; write text in quotes"),
        ('[[pair]]\nid = "x"\na = " "\nb = "b.txt"\n', 'pair 1 has an empty "a"; every pair needs id, a and b'),
        ('[[pair]]\nid = "x"\na = "a.txt"\nb = "b.txt"\nlabel_a = ["x"]\n', "has label_a = ['x']; write text"),
        ('[[set]]\nid = 7\narticles = ["a.txt", "b.txt", "c.txt"]\n', "set 1 has id = 7; write text in quotes"),
        (
            '[[pair]]\nid = "Fire"\na = "a.txt"\nb = "b.txt"\n[[pair]]\nid = "fire"\na = "a.txt"\nb = "b.txt"\n',
            "id 'fire' appears twice (ids are told apart without regard to case)",
        ),
        ("not toml [", "not valid TOML"),
        ("", "lists no pairs"),
    ],
)
def test_bad_manifests_are_refused(tmp_path: Path, body: str, message: str):
    manifest = tmp_path / "pairs.toml"
    manifest.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(message)):
        read_manifest(manifest)


@pytest.mark.slow
def test_dask_local_cluster_gives_the_same_outputs_as_local_processes(tmp_path: Path, pairs: list[PairSpec]):
    distributed = pytest.importorskip("distributed")
    local = run_batch(pairs, tmp_path / "local", OPTIONS, jobs=2)
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        remote = run_batch(pairs, tmp_path / "dask", OPTIONS, executor="dask", scheduler=cluster.scheduler_address)
    assert [(r.id, r.status, r.figures) for r in local.records] == [(r.id, r.status, r.figures) for r in remote.records]
    for pair_id in ("seeds", "fire"):
        for name in ("comparison.json", "report.md"):
            local_bytes = (tmp_path / "local" / pair_id / name).read_bytes()
            assert local_bytes == (tmp_path / "dask" / pair_id / name).read_bytes()
    # The README promises these identical too; only timings.json may differ.
    for name in ("summary.json", "summary.md", "index.html"):
        assert (tmp_path / "local" / name).read_bytes() == (tmp_path / "dask" / name).read_bytes(), name
    assert (tmp_path / "dask" / "timings.json").is_file()


def test_dask_executor_needs_a_scheduler(tmp_path: Path, pairs: list[PairSpec]):
    with pytest.raises(ConfigError, match="--scheduler"):
        run_batch(pairs, tmp_path / "x", OPTIONS, executor="dask")


def _die_on_killer(spec: PairSpec, outdir: str, options: BatchOptions, force: bool = False) -> PairRecord:
    import os

    if spec.id == "killer":
        os._exit(1)  # the worker process dies mid-pair, as on a crash or the OOM killer
    return process_pair(spec, outdir, options, force)


def test_a_worker_that_dies_fails_only_its_pair(tmp_path: Path, pairs: list[PairSpec], monkeypatch: pytest.MonkeyPatch):
    import multiprocessing

    import compare.batch

    if multiprocessing.get_start_method() != "fork":
        pytest.skip("workers see the patched function only when they are forked")
    monkeypatch.setattr(compare.batch, "process_pair", _die_on_killer)
    killer = PairSpec("killer", pairs[0].a, pairs[0].b)
    specs = [pairs[0], killer, pairs[1], PairSpec("seeds-again", pairs[0].a, pairs[0].b)]
    result = run_batch(specs, tmp_path / "out", OPTIONS, jobs=2)
    statuses = {r.id: r.status for r in result.records}
    assert statuses == {"seeds": "ok", "killer": "failed", "fire": "ok", "seeds-again": "ok"}
    assert "worker process died" in next(r.error for r in result.records if r.id == "killer")
    assert not (tmp_path / "out" / "killer").exists()
    assert not list((tmp_path / "out").glob(".partial-*"))


def test_a_new_report_format_needs_no_change_to_the_summary_schema(
    tmp_path: Path, pairs: list[PairSpec], monkeypatch: pytest.MonkeyPatch
) -> None:
    from compare import render

    plain = render.ReportFormat("txt", (".txt",), "report.txt", binary=False, render=lambda job: job.comparison.a.label)
    monkeypatch.setitem(render.REPORT_FORMATS, "txt", plain)
    result = run_batch(pairs[:1], tmp_path, BatchOptions(formats=("json", "txt"), generated_at="2026-01-01T00:00:00Z"))
    assert result.totals["ok"] == 1
    record = result.records[0]
    assert (tmp_path / record.outputs["txt"]).read_text(encoding="utf-8") == record.label_a

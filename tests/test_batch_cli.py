"""`article-compare batch` from the command line: outputs, progress, exit codes, kill and rerun."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import pytest
from conftest import ROOT

from compare.cli import main
from compare.errors import GATE_FAILED, INTERRUPTED, OK, PAIRS_FAILED, USAGE
from compare.export import schema_path

FIRE = ROOT / "tests" / "gold" / "pairs" / "versions-chemical-fire"


def _manifest(folder: Path, count: int, broken: bool = False) -> Path:
    """A manifest of `count` copies of one gold pair (plus an empty article when `broken`)."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(FIRE / "a.txt", folder / "a.txt")
    shutil.copy(FIRE / "b.txt", folder / "b.txt")
    lines = []
    for number in range(count):
        lines.append(f'[[pair]]\nid = "fire-{number:03d}"\na = "a.txt"\nb = "b.txt"\nlabel_a = "Early {number}"\n')
    if broken:
        (folder / "empty.txt").write_text("\n", encoding="utf-8")
        lines.append('[[pair]]\nid = "broken"\na = "empty.txt"\nb = "b.txt"\n')
    path = folder / "pairs.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_batch_on_the_seeds_manifest_writes_reports_index_and_valid_summary(tmp_path: Path, capsys):
    out = tmp_path / "out"
    assert main(["batch", str(ROOT / "seeds" / "pairs.toml"), "-o", str(out), "--no-progress"]) == OK
    pair = out / "mattis-nato-2017-02-16"
    assert {p.name for p in pair.iterdir()} == {"comparison.json", "report.html", "report.md"}
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    schema = json.loads((schema_path().parent / "summary.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(summary)
    assert summary["pairs"][0]["label_a"] == "The Irish Times"
    assert "mattis-nato-2017-02-16/report.html" in (out / "index.html").read_text(encoding="utf-8")
    err = capsys.readouterr().err
    assert "[1/1] mattis-nato-2017-02-16 ok" in err


def test_failed_pair_exit_code_and_the_rest_complete(tmp_path: Path, capsys):
    manifest = _manifest(tmp_path / "in", 2, broken=True)
    code = main(["batch", str(manifest), "-o", str(tmp_path / "out"), "--formats", "json", "--jobs", "1"])
    assert code == PAIRS_FAILED
    assert (tmp_path / "out" / "fire-000" / "comparison.json").is_file()
    assert (tmp_path / "out" / "fire-001" / "comparison.json").is_file()
    assert "broken failed" in capsys.readouterr().err


def test_quiet_batch_prints_only_what_failed(tmp_path: Path, capsys):
    manifest = _manifest(tmp_path / "in", 1, broken=True)
    code = main(["batch", str(manifest), "-o", str(tmp_path / "out"), "--formats", "json", "-q", "--jobs", "1"])
    assert code == PAIRS_FAILED
    err = capsys.readouterr().err
    assert "broken failed" in err and "fire-000" not in err


def test_gate_exit_code_names_the_pair(tmp_path: Path, capsys):
    manifest = _manifest(tmp_path / "in", 1)
    out = str(tmp_path / "out")
    assert main(["batch", str(manifest), "-o", out, "--formats", "json", "--fail-if", "only_in.b > 0"]) == GATE_FAILED
    assert "gate: fire-000: only_in.b > 0" in capsys.readouterr().err
    assert main(["batch", str(manifest), "-o", out, "--formats", "json", "--fail-if", "only_in.b > 99"]) == OK


def test_a_clause_cut_between_versions_fails_the_edited_gate_though_it_is_no_change(tmp_path: Path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    body = "Harbour closes\n\nThe driver faces charges of theft{}. The bridge reopened on Monday.\n"
    (folder / "a.txt").write_text(body.format(" and arson"), encoding="utf-8")
    (folder / "b.txt").write_text(body.format(""), encoding="utf-8")
    manifest = folder / "pairs.toml"
    manifest.write_text('[[pair]]\nid = "cut"\na = "a.txt"\nb = "b.txt"\nversions = true\n', encoding="utf-8")
    out = tmp_path / "out"
    base = ["batch", str(manifest), "-o", str(out), "--formats", "json", "--no-progress", "--force"]
    assert main([*base, "--fail-if", "changes > 0"]) == OK
    assert main([*base, "--fail-if", "edited > 0"]) == GATE_FAILED
    assert "gate: cut: edited > 0 (it is 1)" in capsys.readouterr().err
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["pairs"][0]["figures"]["edited"] == 1


def test_a_gate_that_held_is_in_the_log_even_when_a_failed_pair_sets_the_exit_code(tmp_path: Path, capsys):
    manifest = _manifest(tmp_path / "in", 1, broken=True)
    out = str(tmp_path / "out")
    args = ["batch", str(manifest), "-o", out, "--formats", "json", "--no-progress", "--fail-if", "only_in.b > 0"]
    assert main(args) == PAIRS_FAILED
    err = capsys.readouterr().err
    assert "broken failed" in err and "article-compare: gate: fire-000: only_in.b > 0" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--fail-if", "nonsense"], "--fail-if"),
        (["--formats", "json,docx"], "unknown format"),
        (["--executor", "dask"], "--scheduler"),
        (["--set", "shared_coverage=lots"], "takes a number"),
        (["--set", "no_such_option=1"], "expected NAME=VALUE"),
    ],
)
def test_batch_usage_errors_are_one_line(tmp_path: Path, capsys, args: list[str], message: str):
    manifest = _manifest(tmp_path / "in", 1)
    assert main(["batch", str(manifest), "-o", str(tmp_path / "out"), *args]) == USAGE
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and message in err[0]
    assert not (tmp_path / "out").exists()  # checked before anything is written


def test_set_changes_every_comparison_and_is_part_of_the_cache_key(tmp_path: Path, capsys):
    out = tmp_path / "out"
    base = ["batch", str(ROOT / "seeds" / "pairs.toml"), "-o", str(out), "--formats", "json", "--no-progress"]
    assert main(base) == OK
    result = out / "mattis-nato-2017-02-16" / "comparison.json"
    default = json.loads(result.read_text(encoding="utf-8"))
    capsys.readouterr()
    assert main([*base, "--set", "shared_coverage=0.99"]) == OK
    assert "1 compared, 0 unchanged" in capsys.readouterr().err  # not skipped: the options changed
    strict = json.loads(result.read_text(encoding="utf-8"))
    assert strict["options"]["shared_coverage"] == 0.99
    assert strict["stats"]["a"]["shared_sentences"] < default["stats"]["a"]["shared_sentences"]


def test_missing_manifest_is_a_usage_error(tmp_path: Path, capsys):
    assert main(["batch", str(tmp_path / "nope.toml"), "-o", str(tmp_path / "out")]) == USAGE
    assert "no such manifest" in capsys.readouterr().err


def test_folder_of_pair_directories_is_accepted(tmp_path: Path):
    for name in ("pair-one", "pair-two"):
        (tmp_path / "pairs" / name).mkdir(parents=True)
        shutil.copy(FIRE / "a.txt", tmp_path / "pairs" / name / "a.txt")
        shutil.copy(FIRE / "b.txt", tmp_path / "pairs" / name / "b.txt")
    assert main(["batch", str(tmp_path / "pairs"), "-o", str(tmp_path / "out"), "--formats", "md"]) == OK
    assert (tmp_path / "out" / "pair-one" / "report.md").is_file()
    assert (tmp_path / "out" / "pair-two" / "report.md").is_file()


@pytest.mark.slow
def test_killed_batch_keeps_finished_pairs_whole_and_a_rerun_completes_the_rest(tmp_path: Path):
    count = 40
    manifest = _manifest(tmp_path / "in", count)
    out = tmp_path / "out"
    command = [
        sys.executable,
        "-m",
        "compare",
        "batch",
        str(manifest),
        "-o",
        str(out),
        "--jobs",
        "2",
        "--formats",
        "json,html,md",
        "--no-progress",
    ]
    process = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list((out / ".cache").glob("*.json"))) < 3:
        time.sleep(0.02)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == INTERRUPTED, err
    finished = [p for p in out.iterdir() if p.is_dir() and p.name.startswith("fire-")]
    assert 0 < len(finished) < count, "the kill came mid-batch"
    # The summary says what the interrupted run did: the finished pairs, and every other one as not compared.
    assert f"interrupted after {len(finished)} of {count} pairs and sets" in err
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert {r["id"] for r in summary["pairs"] if r["status"] == "ok"} == {p.name for p in finished}
    stopped = [r for r in summary["pairs"] if r["status"] == "failed"]
    assert len(stopped) == count - len(finished)
    assert all(r["error"].startswith("not compared: the batch was interrupted") for r in stopped)
    for pair in finished:
        assert {p.name for p in pair.iterdir()} == {"comparison.json", "report.html", "report.md"}
        json.loads((pair / "comparison.json").read_text(encoding="utf-8"))
        assert (pair / "report.html").read_text(encoding="utf-8").rstrip().endswith("</html>")
    assert not list(out.glob(".partial-*"))
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == OK, rerun.stderr
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["totals"]["failed"] == 0
    assert summary["totals"]["ok"] + summary["totals"]["skipped"] == count
    assert summary["totals"]["skipped"] >= 3
    assert len([p for p in out.iterdir() if p.is_dir() and p.name.startswith("fire-")]) == count


def test_manifest_urls_to_private_addresses_are_refused_unless_allowed(tmp_path: Path, http_server, capsys):
    page = (
        b"<html><head><title>Budget</title></head><body><article><h1>Budget passes</h1>"
        b"<p>The council approved the budget on Monday after a long debate about the roads.</p>"
        b"<p>Road repairs take the largest share of the money this year, officials said.</p>"
        b"</article></body></html>"
    )
    http_server.pages["/story"] = (page, "text/html; charset=utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(FIRE / "b.txt", folder / "b.txt")
    manifest = folder / "pairs.toml"
    manifest.write_text(f'[[pair]]\nid = "web"\na = "{http_server.url("/story")}"\nb = "b.txt"\n', encoding="utf-8")
    out = tmp_path / "out"
    assert main(["batch", str(manifest), "-o", str(out), "--formats", "json", "--jobs", "1"]) == PAIRS_FAILED
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert "private or local address" in summary["pairs"][0]["error"]
    assert http_server.requests == [], "nothing was fetched"
    assert (
        main(["batch", str(manifest), "-o", str(out), "--formats", "json", "--jobs", "1", "--allow-private-urls"]) == OK
    )
    assert http_server.requests == ["/story"]


def test_pair_folder_symlink_out_of_the_folder_is_refused(tmp_path: Path, capsys):
    secret = tmp_path / "secret.txt"
    secret.write_text("Not for the report.\n\nPrivate words here.\n", encoding="utf-8")
    pair = tmp_path / "pairs" / "pair-x"
    pair.mkdir(parents=True)
    (pair / "a.txt").symlink_to(secret)
    shutil.copy(FIRE / "b.txt", pair / "b.txt")
    assert main(["batch", str(tmp_path / "pairs"), "-o", str(tmp_path / "out")]) == USAGE
    assert "leads outside the folder" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_an_unknown_executor_is_a_usage_error_before_the_manifest_is_read(tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    code = main(["batch", str(tmp_path / "missing.toml"), "-o", str(out), "--executor", "threads"])
    assert code == USAGE
    assert "unknown executor 'threads'; use 'local' or 'dask'" in capsys.readouterr().err
    assert not out.exists()


def test_a_manifest_naming_a_symbolic_link_loop_is_a_usage_error(tmp_path: Path, capsys) -> None:
    (tmp_path / "x.txt").symlink_to(tmp_path / "y.txt")
    (tmp_path / "y.txt").symlink_to(tmp_path / "x.txt")
    manifest = tmp_path / "pairs.toml"
    manifest.write_text('[[pair]]\nid = "p"\na = "x.txt"\nb = "y.txt"\n', encoding="utf-8")
    code = main(["batch", str(manifest), "-o", str(tmp_path / "out")])
    assert code == USAGE
    err = capsys.readouterr().err
    assert "loops through symbolic links" in err and "Traceback" not in err


def test_batch_without_the_paraphrase_model_says_so_once_for_all_pairs(tmp_path: Path, capsys, monkeypatch):
    import compare.batch
    import compare.pipeline
    import compare.semantic

    for module in (compare.pipeline, compare.batch, compare.semantic):
        monkeypatch.setattr(module, "semantic_available", lambda: False)
    manifest = _manifest(tmp_path / "pairs", 2)
    out = tmp_path / "out"
    assert main(["batch", str(manifest), "-o", str(out), "--jobs", "1", "--no-progress"]) == OK
    notes = [line for line in capsys.readouterr().err.splitlines() if "paraphrase model not installed" in line]
    assert len(notes) == 1


def test_a_manifest_pair_or_a_pair_folder_can_be_two_versions(tmp_path: Path, capsys):
    _manifest(tmp_path / "m", 1)
    manifest = tmp_path / "m" / "pairs.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + "versions = true\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["batch", str(manifest), "-o", str(out), "--formats", "json", "--no-progress"]) == OK
    data = json.loads((out / "fire-000" / "comparison.json").read_text(encoding="utf-8"))
    assert data["options"]["versions"] is True
    assert data["documents"]["b"]["label"] == "later"  # the manifest labels A only
    folder = tmp_path / "pairs" / "pair-one"
    folder.mkdir(parents=True)
    shutil.copy(FIRE / "a.txt", folder / "a.txt")
    shutil.copy(FIRE / "b.txt", folder / "b.txt")
    (folder / "pair.toml").write_text("versions = true\n", encoding="utf-8")
    assert (
        main(["batch", str(tmp_path / "pairs"), "-o", str(tmp_path / "out2"), "--formats", "json", "--no-progress"])
        == OK
    )
    data = json.loads((tmp_path / "out2" / "pair-one" / "comparison.json").read_text(encoding="utf-8"))
    assert data["options"]["versions"] is True and data["documents"]["a"]["label"] == "earlier"
    (folder / "pair.toml").write_text('versions = "yes"\n', encoding="utf-8")
    capsys.readouterr()
    assert main(["batch", str(tmp_path / "pairs"), "-o", str(tmp_path / "out3"), "--no-progress"]) != OK
    assert "write true or false" in capsys.readouterr().err


def _pair_folder(root: Path, name: str, sides: tuple[str, ...] = ("a.txt", "b.txt")) -> Path:
    folder = root / name
    folder.mkdir(parents=True)
    for side in sides:
        shutil.copy(FIRE / side, folder / side)
    return folder


def test_a_pair_folder_missing_an_article_fails_alone(tmp_path: Path, capsys):
    pairs = tmp_path / "pairs"
    _pair_folder(pairs, "pair-1")
    _pair_folder(pairs, "pair-2", sides=("a.txt",))
    out = tmp_path / "out"
    assert main(["batch", str(pairs), "-o", str(out), "--formats", "json", "--no-progress"]) == PAIRS_FAILED
    summary = {p["id"]: p for p in json.loads((out / "summary.json").read_text(encoding="utf-8"))["pairs"]}
    assert summary["pair-1"]["status"] == "ok" and (out / "pair-1" / "comparison.json").exists()
    assert summary["pair-2"]["status"] == "failed"
    assert summary["pair-2"]["error"] == "pair-2 needs exactly one b.* article (found 0)"


def test_pair_folders_take_labels_from_pair_toml_else_a_readable_fallback(tmp_path: Path, capsys):
    pairs = tmp_path / "pairs"
    named = _pair_folder(pairs, "pair-named")
    (named / "pair.toml").write_text(
        'label_a = "The Courier"\nlabel_b = "The Gazette"\nnote = "two outlets"\n', encoding="utf-8"
    )
    _pair_folder(pairs, "pair-plain")
    out = tmp_path / "out"
    assert main(["batch", str(pairs), "-o", str(out), "--formats", "json", "--no-progress"]) == OK

    def labels(pair: str) -> tuple[str, str]:
        documents = json.loads((out / pair / "comparison.json").read_text(encoding="utf-8"))["documents"]
        return documents["a"]["label"], documents["b"]["label"]

    assert labels("pair-named") == ("The Courier", "The Gazette")
    assert labels("pair-plain") == ("pair-plain A", "pair-plain B")  # not "a.txt" / "b.txt"
    (named / "pair.toml").write_text("label_a = 3\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["batch", str(pairs), "-o", str(tmp_path / "out2"), "--no-progress"]) == USAGE
    assert "write text in quotes" in capsys.readouterr().err
    # A broken pair.toml says where it is broken; a folder in its place is not taken for "no settings".
    (named / "pair.toml").write_text('label_a = "The Courier"\nlabel_b = \n', encoding="utf-8")
    assert main(["batch", str(pairs), "-o", str(tmp_path / "out2"), "--no-progress"]) == USAGE
    assert "pair-named/pair.toml is not valid TOML: Invalid value (at line 2, column 11)" in capsys.readouterr().err
    (named / "pair.toml").unlink()
    (named / "pair.toml").mkdir()
    assert main(["batch", str(pairs), "-o", str(tmp_path / "out2"), "--no-progress"]) == USAGE
    assert "pair-named/pair.toml cannot be read (is a directory)" in capsys.readouterr().err
    assert not (tmp_path / "out2").exists()


def test_error_rows_name_articles_as_the_manifest_does_not_by_local_path(tmp_path: Path, capsys):
    manifest = _manifest(tmp_path / "m", 1, broken=True)
    out = tmp_path / "out"
    assert main(["batch", str(manifest), "-o", str(out), "--formats", "json", "--no-progress"]) == PAIRS_FAILED
    broken = next(p for p in json.loads((out / "summary.json").read_text())["pairs"] if p["id"] == "broken")
    assert broken["error"].startswith("empty.txt: ")
    markdown = (out / "summary.md").read_text(encoding="utf-8")
    assert "empty.txt: " in markdown and str(tmp_path) not in markdown
    assert str(tmp_path) not in capsys.readouterr().err.split("summary in")[0]


def test_a_failed_gate_is_recorded_in_every_summary_even_for_an_unchanged_pair(tmp_path: Path, capsys, browser):
    manifest = _manifest(tmp_path / "in", 2, broken=True)
    out = tmp_path / "out"
    base = ["batch", str(manifest), "-o", str(out), "--formats", "json", "--no-progress"]
    assert main(base) == PAIRS_FAILED  # the broken pair fails; the gate is not asked yet
    (tmp_path / "in" / "empty.txt").unlink()
    manifest.write_text(manifest.read_text().split('[[pair]]\nid = "broken"')[0], encoding="utf-8")
    assert main([*base, "--fail-if", "only_in.b > 0", "--fail-if", "changes > 99"]) == GATE_FAILED  # all unchanged
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    schema = json.loads((schema_path().parent / "summary.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(summary)
    assert summary["schema_version"] == 2
    assert summary["gates"] == {"conditions": ["only_in.b > 0", "changes > 99"], "failed_pairs": 2}
    first = summary["pairs"][0]
    assert first["status"] == "skipped" and first["gates_failed"][0].startswith("only_in.b > 0 (it is ")
    assert "seconds" not in first
    timings = json.loads((out / "timings.json").read_text(encoding="utf-8"))
    assert set(timings["pairs"]) == {"fire-000", "fire-001"}
    markdown = (out / "summary.md").read_text(encoding="utf-8")
    assert "**Gate failed:** 2 pairs meet a `--fail-if` condition" in markdown.split("|")[0]
    assert "| fire-000 | **gate failed**: only\\_in.b \\> 0 (it is" in markdown
    page = browser.new_page()
    page.goto((out / "index.html").as_uri())
    assert "Gate failed: 2 pairs meet a --fail-if condition" in page.inner_text("p.gate-failed")
    statuses = page.eval_on_selector_all("#pairs tbody td:nth-child(2)", "cells => cells.map(c => c.innerText)")
    assert all(status.startswith("gate failed") for status in statuses)
    page.close()


def test_the_index_sorts_with_a_failed_pair_among_good_ones(tmp_path: Path, capsys, browser):
    manifest = _manifest(tmp_path / "in", 3, broken=True)
    out = tmp_path / "out"
    assert main(["batch", str(manifest), "-o", str(out), "--formats", "json", "--no-progress"]) == PAIRS_FAILED
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((out / "index.html").as_uri())
    for _ in range(2):  # descending, then ascending
        page.click("th button:text('Only in B')")
        ids = page.eval_on_selector_all("#pairs tbody th", "cells => cells.map(c => c.innerText)")
        assert ids[-1] == "broken" and sorted(ids[:-1]) == ["fire-000", "fire-001", "fire-002"]
    assert errors == []
    page.close()


def _files(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, by its relative path, with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_batch_whose_outputs_would_land_on_its_inputs_refuses_and_writes_nothing(tmp_path: Path, capsys):
    manifest = _manifest(tmp_path / "in", 1)
    pairs = tmp_path / "pairs"
    (pairs / "pair-x").mkdir(parents=True)
    shutil.copy(FIRE / "a.txt", pairs / "pair-x" / "a.txt")
    shutil.copy(FIRE / "b.txt", pairs / "pair-x" / "b.txt")
    named_like_reports = tmp_path / "named"
    (named_like_reports / "p").mkdir(parents=True)
    shutil.copy(FIRE / "a.txt", named_like_reports / "p" / "report.html")
    shutil.copy(FIRE / "b.txt", named_like_reports / "index.html")
    (named_like_reports / "pairs.toml").write_text('[[pair]]\nid = "p"\na = "p/report.html"\nb = "index.html"\n')
    for source, output in ((pairs, pairs), (named_like_reports / "pairs.toml", named_like_reports)):
        folder = source if source.is_dir() else source.parent
        before = _files(folder)
        assert main(["batch", str(source), "-o", str(output), "--formats", "json,html", "--no-progress"]) == USAGE
        err = capsys.readouterr().err.strip()
        assert len(err.splitlines()) == 1
        assert "would overwrite the input" in err and "choose an -o folder apart" in err
        assert _files(folder) == before
    # A manifest named as a summary is an input too.
    manifest.rename(manifest.parent / "summary.md")
    assert main(["batch", str(manifest.parent / "summary.md"), "-o", str(manifest.parent), "--no-progress"]) == USAGE
    assert "would overwrite the input" in capsys.readouterr().err


def test_a_batch_refuses_to_replace_files_it_did_not_write_and_reruns_over_its_own(tmp_path: Path, capsys):
    manifest = _manifest(tmp_path / "in", 1)
    out = tmp_path / "out"
    (out / "fire-000").mkdir(parents=True)
    (out / "fire-000" / "notes.txt").write_text("mine\n", encoding="utf-8")
    (out / "keep.txt").write_text("mine too\n", encoding="utf-8")
    assert main(["batch", str(manifest), "-o", str(out), "--formats", "json", "--no-progress"]) == USAGE
    err = capsys.readouterr().err
    assert (
        "fire-000/ holds 'notes.txt', which no batch wrote" in err
        or "fire-000/ holds notes.txt, which no batch wrote" in err
    )
    assert _files(out) == {"fire-000/notes.txt": b"mine\n", "keep.txt": b"mine too\n"}
    (out / "fire-000" / "notes.txt").unlink()
    (out / "index.html").write_text("<p>my own page</p>\n", encoding="utf-8")
    assert main(["batch", str(manifest), "-o", str(out), "--formats", "json", "--no-progress"]) == USAGE
    assert "holds index.html, which no batch wrote" in capsys.readouterr().err
    assert (out / "index.html").read_text(encoding="utf-8") == "<p>my own page</p>\n"
    (out / "index.html").unlink()
    # Its own reports and summaries it replaces, run after run, with other files of the folder left alone.
    for force in ([], ["--force"]):
        assert main(["batch", str(manifest), "-o", str(out), "--formats", "json,md", "--no-progress", *force]) == OK
    assert {p.name for p in (out / "fire-000").iterdir()} == {"comparison.json", "report.md"}
    assert (out / "keep.txt").read_text(encoding="utf-8") == "mine too\n"
    shutil.rmtree(out / "fire-000")
    (out / "fire-000").write_text("a file where the reports go\n", encoding="utf-8")
    assert main(["batch", str(manifest), "-o", str(out), "--formats", "json", "--no-progress"]) == USAGE
    assert "fire-000 is there and is not a folder of reports" in capsys.readouterr().err


def test_a_pair_unchanged_since_the_last_run_reads_unchanged_not_skipped(tmp_path: Path, capsys):
    manifest = _manifest(tmp_path / "in", 1)
    out = tmp_path / "out"
    args = ["batch", str(manifest), "-o", str(out), "--formats", "json", "--no-progress"]
    assert main(args) == OK and main(args) == OK
    assert json.loads((out / "summary.json").read_text(encoding="utf-8"))["pairs"][0]["status"] == "skipped"
    assert "| fire-000 | unchanged |" in (out / "summary.md").read_text(encoding="utf-8")
    assert '<td class="status-skipped">unchanged</td>' in (out / "index.html").read_text(encoding="utf-8")

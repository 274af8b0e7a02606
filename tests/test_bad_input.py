"""Bad input, options and environment values: one line and the right exit code, never a traceback."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import SEED_A, SEED_B, one_line_error, run, run_process

from compare.errors import INPUT, OK, USAGE, ConfigError

ARTICLE = "Harbour plan\n\nThe council approved the harbour plan on Monday after a long debate.\n"


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "ok.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "markdown",
    [
        "Title\n\n" + "**" * 1000 + "deep" + "**" * 1000 + "\n",
        "Title\n\n" + "".join("  " * depth + "- item\n" for depth in range(600)),
    ],
    ids=["emphasis-1000-deep", "list-600-deep"],
)
def test_markdown_nested_beyond_the_parser_is_an_input_error(tmp_path: Path, article: Path, capsys, markdown: str):
    source = tmp_path / "deep.md"
    source.write_text(markdown, encoding="utf-8")
    code, _, err = run(capsys, source, article, "-o", tmp_path / "out.json")
    assert code == INPUT
    assert "nested too deeply" in one_line_error(err, "deep.md")
    assert not (tmp_path / "out.json").exists()


def test_an_encoding_for_labels_not_documents_is_a_usage_error(tmp_path: Path, article: Path, capsys):
    code, _, err = run(capsys, article, article, "--encoding", "idna", "-o", tmp_path / "out.json")
    assert code == USAGE
    one_line_error(err, "idna")


def test_a_page_declaring_such_a_charset_is_read_by_detection(tmp_path: Path, article: Path, capsys):
    page = tmp_path / "page.html"
    page.write_text(
        '<html><head><meta charset="idna"><title>Harbour</title></head><body>'
        "<p>The council approved the harbour plan on Monday after a long debate.</p></body></html>",
        encoding="utf-8",
    )
    code, _, err = run(capsys, page, article, "-o", tmp_path / "out.json")
    assert code == OK, err


def test_a_manifest_nested_thousands_deep_is_refused_and_ignored_beside_articles(tmp_path: Path, article: Path, capsys):
    deep = "x = " + "[" * 5000 + "]" * 5000 + "\n"
    manifest = tmp_path / "deep.toml"
    manifest.write_text(deep, encoding="utf-8")
    code, _, err = run(capsys, "batch", manifest, "-o", tmp_path / "out")
    assert code == USAGE
    assert "nested too deeply" in one_line_error(err, "deep.toml")
    # The same file beside the articles, as the pairs.toml the command reads labels from, is no manifest.
    (tmp_path / "pairs.toml").write_text(deep, encoding="utf-8")
    code, _, err = run(capsys, article, article, "-o", tmp_path / "out.json")
    assert code == OK, err


def test_a_manifest_path_with_a_nul_character_is_refused(tmp_path: Path, article: Path, capsys):
    manifest = tmp_path / "nul.toml"
    manifest.write_text('[[pair]]\nid = "x"\na = "a\\u0000.txt"\nb = "ok.txt"\n', encoding="utf-8")
    code, _, err = run(capsys, "batch", manifest, "-o", tmp_path / "out")
    assert code == USAGE
    assert "NUL" in one_line_error(err, "nul.toml")
    (tmp_path / "pairs.toml").write_text(manifest.read_text(encoding="utf-8"), encoding="utf-8")
    code, _, err = run(capsys, article, article, "-o", tmp_path / "out.json")
    assert code == OK, err


def test_a_special_file_is_no_manifest(tmp_path: Path, capsys):
    code, _, err = run(capsys, "batch", "/dev/zero", "-o", tmp_path / "out")
    assert code == USAGE
    assert "not a regular file" in one_line_error(err, "/dev/zero")


def test_a_source_date_epoch_beyond_the_calendar_is_a_usage_error(tmp_path: Path):
    result = run_process(SEED_A, SEED_B, "-o", tmp_path / "out.html", env={"SOURCE_DATE_EPOCH": "99999999999999"})
    assert result.returncode == USAGE
    one_line_error(result.stderr, "SOURCE_DATE_EPOCH")
    assert not (tmp_path / "out.html").exists()


def test_a_huge_size_limit_reads_only_what_is_there(tmp_path: Path, article: Path, capsys):
    # A terabyte: the limit is not read into memory at once, only the article is.
    code, _, err = run(capsys, article, article, "--max-bytes", "1000000000000", "-o", tmp_path / "out.json")
    assert code == OK, err


@pytest.mark.parametrize(
    ("option", "value"), [("--max-bytes", "9223372036854775807"), ("--timeout", "1e300"), ("--timeout", "inf")]
)
def test_limits_beyond_what_a_socket_or_buffer_holds_are_usage_errors(
    tmp_path: Path, article: Path, capsys, option: str, value: str
):
    code, _, err = run(capsys, article, article, option, value, "-o", tmp_path / "out.json")
    assert code == USAGE
    one_line_error(err, option)


@pytest.mark.parametrize("scheduler", ["garbage", "inproc://x", "tcp://", "http://127.0.0.1:8786"])
def test_a_scheduler_that_is_not_an_address_is_a_usage_error(tmp_path: Path, article: Path, capsys, scheduler: str):
    manifest = tmp_path / "pairs.toml"
    manifest.write_text(f'[[pair]]\nid = "x"\na = "{article.name}"\nb = "{article.name}"\n', encoding="utf-8")
    code, _, err = run(
        capsys, "batch", manifest, "-o", tmp_path / "out", "--executor", "dask", "--scheduler", scheduler
    )
    assert code == USAGE
    one_line_error(err, "scheduler")


def test_a_scheduler_that_never_answers_is_given_up_on(monkeypatch):
    import compare.batch

    class Silent:
        """A client whose handshake never ends, as with a web server on the scheduler's port."""

        def __init__(self, address: str, timeout: str) -> None:
            time.sleep(60)

    monkeypatch.setattr(compare.batch, "DASK_ANSWER_SECONDS", 0.5)
    started = time.monotonic()
    with pytest.raises(ConfigError, match="did not answer"):
        compare.batch._connect(Silent, "tcp://127.0.0.1:1")
    assert time.monotonic() - started < 5


def test_a_batch_output_folder_nothing_can_be_written_to_is_refused_before_comparing(
    tmp_path: Path, capsys, monkeypatch
):
    import compare.batch

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("no pair may be compared")

    monkeypatch.setattr(compare.batch, "process_pair", never)
    manifest = tmp_path / "pairs.toml"
    (tmp_path / "ok.txt").write_text(ARTICLE, encoding="utf-8")
    manifest.write_text('[[pair]]\nid = "x"\na = "ok.txt"\nb = "ok.txt"\n', encoding="utf-8")
    # /proc takes no new file, even from root.
    code, _, err = run(capsys, "batch", manifest, "-o", "/proc/article-compare-out", "--jobs", "1")
    assert code == 4
    one_line_error(err, "/proc")


@pytest.mark.parametrize("pair_id", ["one\n", "index.html", "summary.json", "Summary.MD"])
def test_pair_ids_ending_in_a_newline_or_taking_a_batch_file_name_are_refused(tmp_path: Path, capsys, pair_id: str):
    manifest = tmp_path / "pairs.toml"
    (tmp_path / "ok.txt").write_text(ARTICLE, encoding="utf-8")
    escaped = pair_id.replace("\n", "\\n")
    manifest.write_text(f'[[pair]]\nid = "{escaped}"\na = "ok.txt"\nb = "ok.txt"\n', encoding="utf-8")
    code, _, err = run(capsys, "batch", manifest, "-o", tmp_path / "out")
    assert code == USAGE
    one_line_error(err, "pairs.toml")


def test_an_empty_format_list_is_a_usage_error(tmp_path: Path, capsys):
    manifest = tmp_path / "pairs.toml"
    (tmp_path / "ok.txt").write_text(ARTICLE, encoding="utf-8")
    manifest.write_text('[[pair]]\nid = "x"\na = "ok.txt"\nb = "ok.txt"\n', encoding="utf-8")
    code, _, err = run(capsys, "batch", manifest, "-o", tmp_path / "out", "--formats", "")
    assert code == USAGE
    assert "no report format" in one_line_error(err)
    assert not (tmp_path / "out" / "x").exists()


def test_a_report_truncated_to_nothing_is_made_again(tmp_path: Path, capsys):
    manifest = tmp_path / "pairs.toml"
    (tmp_path / "ok.txt").write_text(ARTICLE, encoding="utf-8")
    manifest.write_text('[[pair]]\nid = "x"\na = "ok.txt"\nb = "ok.txt"\n', encoding="utf-8")
    out = tmp_path / "out"
    args = ("batch", manifest, "-o", out, "--formats", "json", "--no-progress", "--set", "semantic=false")
    assert run(capsys, *args)[0] == OK
    (out / "x" / "comparison.json").write_bytes(b"")
    assert run(capsys, *args)[0] == OK
    assert (out / "x" / "comparison.json").stat().st_size > 0


def test_jobs_are_capped_by_the_pairs_and_the_cores():
    import os

    from compare.batch import MAX_JOBS_PER_CORE, worker_count

    assert worker_count(1000, 50) <= (os.cpu_count() or 1) * MAX_JOBS_PER_CORE
    assert worker_count(1000, 2) == 2
    assert worker_count(None, 1) == 1


def _one_pair_manifest(tmp_path: Path) -> Path:
    """A manifest of one small pair in `tmp_path`."""
    (tmp_path / "ok.txt").write_text(ARTICLE, encoding="utf-8")
    manifest = tmp_path / "pairs.toml"
    manifest.write_text('[[pair]]\nid = "x"\na = "ok.txt"\nb = "ok.txt"\n', encoding="utf-8")
    return manifest


def test_a_second_batch_into_the_same_folder_stops_at_once_naming_the_first(tmp_path: Path, capsys):
    import subprocess
    import sys

    from compare.batch import LOCK_NAME

    manifest = _one_pair_manifest(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        (out / LOCK_NAME).write_text(f"{running.pid}\n", encoding="ascii")
        code, _, err = run(capsys, "batch", manifest, "-o", out, "--formats", "json", "--no-progress")
        assert code == USAGE
        assert str(running.pid) in one_line_error(err, "another batch")
        assert not (out / "x").exists()
    finally:
        running.kill()
        running.wait()
    # Its process gone, the lock is stale: the next batch takes it over and leaves no lock behind.
    code, _, err = run(capsys, "batch", manifest, "-o", out, "--formats", "json", "--no-progress")
    assert code == OK, err
    assert (out / "x" / "comparison.json").is_file()
    assert not (out / LOCK_NAME).exists()


def test_workers_end_when_the_batch_that_started_them_is_killed(tmp_path: Path):
    import os
    import signal
    import subprocess
    import sys

    from conftest import ROOT

    script = (
        "import os, sys, time\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from concurrent.futures import ProcessPoolExecutor\n"
        "from compare.batch import die_with_parent\n"
        "pool = ProcessPoolExecutor(max_workers=1, initializer=die_with_parent)\n"
        "print(pool.submit(os.getpid).result(), flush=True)\n"
        "time.sleep(60)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    worker = int(parent.stdout.readline())
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(worker, 0)
        except ProcessLookupError:
            break
        # A zombie reaped by init is gone too; read its state while it lasts.
        try:
            state = Path(f"/proc/{worker}/stat").read_text().split(")")[-1].split()[0]
        except OSError:
            break
        if state == "Z":
            break
        time.sleep(0.1)
    else:
        os.kill(worker, signal.SIGKILL)
        raise AssertionError("the worker outlived the batch that started it")


def test_a_scheduler_without_the_dask_executor_is_a_usage_error(tmp_path: Path, article: Path, capsys):
    manifest = tmp_path / "pairs.toml"
    manifest.write_text(f'[[pair]]\nid = "x"\na = "{article.name}"\nb = "{article.name}"\n', encoding="utf-8")
    code, _, err = run(capsys, "batch", manifest, "-o", tmp_path / "out", "--scheduler", "tcp://127.0.0.1:8786")
    assert code == USAGE
    assert "--scheduler is for the Dask executor; add --executor dask" in one_line_error(err, "scheduler")
    assert not (tmp_path / "out").exists()

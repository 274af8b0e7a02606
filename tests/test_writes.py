"""Where a report may be written, and what writing it must never do.

`write_atomically` renames a temporary file over a regular report, but writes
straight through to a device or a pipe (as a shell redirection would), never
follows a link planted at its temporary name, and the compare command finds an
output folder it cannot write to before comparing anything.

The tests that concern the machine's own device nodes first check the same
behaviour through a link in `tmp_path`, so that a regression fails there and
never replaces the real `/dev/null`, `/dev/full` or `/dev/stdout`.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import files_in, one_line_error, run, run_process

from compare.errors import OK, RENDER, USAGE, RenderError
from compare.files import write_atomically

BODY_A = (
    "The council approved the new bridge on Tuesday, said the mayor.\n\n"
    "Construction will start in spring and cost 12 million euros."
)
BODY_B = (
    "The new bridge was approved by the council on Tuesday.\n\n"
    "Opponents have until the end of the month to appeal to the regional council."
)


@pytest.fixture
def pair(write_text: Callable[..., Path]) -> tuple[Path, Path]:
    """Two small invented articles about one story."""
    return write_text("a.txt", BODY_A), write_text("b.txt", BODY_B)


@pytest.fixture
def no_comparing(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every call of the comparison, which a refused output must never reach."""
    import compare.pipeline

    calls: list[str] = []

    def compare_articles(*args: Any, **kwargs: Any) -> None:
        calls.append("compared")
        raise AssertionError("the comparison ran before the output was checked")

    monkeypatch.setattr(compare.pipeline, "compare_articles", compare_articles)
    return calls


def names_in(folder: Path) -> list[str]:
    """Every name in `folder` itself, whatever it is (a link, a pipe), hidden ones included."""
    return sorted(os.listdir(folder))


def is_char_device(path: str | Path) -> bool:
    """True when `path` itself (not a link to it) is a character device."""
    return stat.S_ISCHR(os.lstat(path).st_mode)


def read_fifo_in_background(fifo: Path) -> tuple[threading.Thread, list[bytes]]:
    """Start a thread that reads everything written to `fifo`; return it and the list it appends the bytes to."""
    received: list[bytes] = []

    def reader() -> None:
        with open(fifo, "rb") as handle:
            received.append(handle.read())

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    return thread, received


# -- devices and pipes ----------------------------------------------------------------------------


def test_a_fifo_target_stays_a_fifo_and_receives_the_report(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, pair: tuple[Path, Path]
) -> None:
    fifo = tmp_path / "report.json"
    os.mkfifo(fifo)
    thread, received = read_fifo_in_background(fifo)
    code, _, err = run(capsys, *pair, "-o", fifo)
    thread.join(timeout=30)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode), "the pipe was replaced by a file"
    assert (code, err) == (OK, "")
    assert not thread.is_alive()
    assert json.loads(received[0])["schema_version"] == 2
    assert names_in(tmp_path) == ["a.txt", "b.txt", "report.json"]  # no temporary left


def test_write_atomically_writes_through_to_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    thread, received = read_fifo_in_background(fifo)
    write_atomically(fifo, b"hello\n")
    thread.join(timeout=30)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert received == [b"hello\n"]
    assert names_in(tmp_path) == ["pipe"]


def test_a_link_to_dev_full_reports_no_space_and_exit_4(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, pair: tuple[Path, Path]
) -> None:
    # Through a link, so that a regression replaces the link, not the machine's /dev/full.
    link = tmp_path / "report.json"
    link.symlink_to("/dev/full")
    code, out, err = run(capsys, *pair, "-o", link)
    assert link.is_symlink() and os.readlink(link) == "/dev/full"
    assert is_char_device("/dev/full")
    assert code == RENDER
    assert out == ""
    assert "No space left on device" in one_line_error(err, str(link))
    assert names_in(tmp_path) == ["a.txt", "b.txt", "report.json"]


def test_a_link_to_dev_stdout_writes_the_report_to_standard_output(tmp_path: Path, pair: tuple[Path, Path]) -> None:
    link = tmp_path / "report.json"
    link.symlink_to("/dev/stdout")
    result = run_process(*pair, "-o", link, cwd=tmp_path)
    assert link.is_symlink(), "the link was replaced by a file"
    assert (result.returncode, result.stderr) == (OK, "")
    assert json.loads(result.stdout)["schema_version"] == 2
    assert names_in(tmp_path) == ["a.txt", "b.txt", "report.json"]


def test_the_machines_device_nodes_are_written_through(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, pair: tuple[Path, Path]
) -> None:
    # The same behaviour through links first: if it regressed, stop here rather than replace real devices.
    for device in ("/dev/null", "/dev/full"):
        link = tmp_path / f"via-{Path(device).name}"
        link.symlink_to(device)
        with contextlib.suppress(RenderError):
            write_atomically(link, b"x")
        assert link.is_symlink(), "write_atomically renames over a link to a device: not trying the real one"
    assert is_char_device("/dev/null") and is_char_device("/dev/full")

    code, out, err = run(capsys, *pair, "-o", "/dev/null", "--format", "json")
    assert (code, out, err) == (OK, "", "")
    assert is_char_device("/dev/null")

    code, out, err = run(capsys, *pair, "-o", "/dev/full", "--format", "json")
    assert code == RENDER
    assert "No space left on device" in one_line_error(err, "/dev/full")
    assert is_char_device("/dev/full")

    stdout_is_link = os.path.islink("/dev/stdout")
    result = run_process(*pair, "-o", "/dev/stdout", "--format", "json", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (OK, "")
    assert json.loads(result.stdout)["schema_version"] == 2
    assert os.path.islink("/dev/stdout") == stdout_is_link
    assert not [name for name in os.listdir("/dev") if name.endswith(".tmp")]


def test_a_directory_reached_through_a_link_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    link = tmp_path / "report.json"
    link.symlink_to(folder)
    with pytest.raises(RenderError) as info:
        write_atomically(link, b"{}")
    assert str(info.value).startswith(f"{link}: ")
    assert link.is_symlink() and folder.is_dir() and not any(folder.iterdir())


def test_a_link_to_a_regular_report_keeps_the_link_and_updates_its_target(tmp_path: Path) -> None:
    real = tmp_path / "reports" / "latest.json"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "report.json"
    link.symlink_to(real)
    write_atomically(link, "new")
    assert link.is_symlink() and real.read_text() == "new"
    assert files_in(tmp_path) == ["report.json", "reports/latest.json"]


# -- the temporary file -----------------------------------------------------------------------------


def test_a_link_planted_at_the_old_temporary_name_is_not_followed(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    target = tmp_path / "r.json"
    for pid in {os.getpid(), os.getppid(), *range(os.getpid() - 5, os.getpid() + 50)}:
        (tmp_path / f".{target.name}.{pid}.tmp").symlink_to(victim)
    planted = set(names_in(tmp_path))
    write_atomically(target, '{"report": true}')
    assert victim.read_text() == "precious\n"
    assert not target.is_symlink() and target.read_text() == '{"report": true}'
    assert set(names_in(tmp_path)) == planted | {"r.json"}  # the links are left alone, no temporary added


def test_the_cli_does_not_follow_a_link_at_the_old_temporary_name(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, pair: tuple[Path, Path]
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    target = tmp_path / "out" / "r.json"
    target.parent.mkdir()
    (target.parent / f".r.json.{os.getpid()}.tmp").symlink_to(victim)
    code, _, err = run(capsys, *pair, "-o", target)
    assert (code, err) == (OK, "")
    assert victim.read_text() == "precious\n"
    assert json.loads(target.read_text())["schema_version"] == 2


def test_temporary_names_are_random_and_created_exclusively(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    real_replace = os.replace

    def spy(source: str | Path, target: str | Path) -> None:
        seen.append(Path(source).name)
        assert Path(source).parent == tmp_path  # same folder: the rename stays atomic
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", spy)
    for _ in range(3):
        write_atomically(tmp_path / "r.json", "{}")
    assert len(set(seen)) == 3
    assert all(name.startswith(".r.json.") and name.endswith(".tmp") for name in seen)
    assert str(os.getpid()) not in "".join(seen)
    assert files_in(tmp_path) == ["r.json"]


# -- the output folder is checked before comparing ---------------------------------------------------

needs_proc = pytest.mark.skipif(
    not sys.platform.startswith("linux") or not os.path.isdir("/proc"), reason="needs Linux's /proc"
)


@needs_proc
def test_a_folder_that_cannot_take_a_file_is_refused_before_comparing(
    capsys: pytest.CaptureFixture[str], pair: tuple[Path, Path], no_comparing: list[str]
) -> None:
    # os.access says root may write in /proc, yet no file can be created there: only trying tells.
    code, out, err = run(capsys, *pair, "-o", "/proc/report.json")
    assert no_comparing == []
    assert code == RENDER
    assert out == ""
    one_line_error(err, "/proc/report.json")
    assert not os.path.exists("/proc/report.json")


@needs_proc
def test_a_missing_folder_that_cannot_be_created_is_refused_before_comparing(
    capsys: pytest.CaptureFixture[str], pair: tuple[Path, Path], no_comparing: list[str]
) -> None:
    target = "/proc/new-folder/deeper/report.json"
    code, out, err = run(capsys, *pair, "-o", target)
    assert no_comparing == []
    assert code == RENDER
    assert out == ""
    one_line_error(err, target)
    assert not os.path.exists("/proc/new-folder")


def test_an_output_under_a_file_is_refused_before_comparing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, pair: tuple[Path, Path], no_comparing: list[str]
) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("not a folder")
    code, out, err = run(capsys, *pair, "-o", blocker / "report.json")
    assert no_comparing == []
    assert (code, out) == (USAGE, "")  # a wrong path, as test_cli pins
    one_line_error(err, str(blocker / "report.json"))
    assert files_in(tmp_path) == ["a.txt", "b.txt", "notes.txt"]


def test_the_writability_probe_leaves_nothing_behind(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, pair: tuple[Path, Path]
) -> None:
    target = tmp_path / "out" / "report.json"
    target.parent.mkdir()
    code, _, err = run(capsys, *pair, "-o", target)
    assert (code, err) == (OK, "")
    assert files_in(target.parent) == ["report.json"]

"""Bounded work on any input: operation counts over size ladders of hostile inputs, and the parse guards.

The cost model (SECURITY.md, promise 5): every stage of ours is near-linear
in the input's size.  Work is counted, never timed: the lines of
`compare` and of difflib (whose SequenceMatcher is Python) that a comparison
runs, traced with `sys.settrace`.  For each family of hostile inputs the
comparison runs at sizes n, 2n and 4n; near-linear growth means the second
step costs about twice the first (quadratic work makes it four times), so the
fixed cost of a comparison cancels out.  Wall-clock ladders are in
``bench/bench_hostile.py``.
"""

from __future__ import annotations

import itertools
import random
import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from conftest import SEED_A, SEED_B, one_line_error, run

from compare.errors import ArticleError
from compare.load import load_bytes
from compare.model import CompareOptions
from compare.pipeline import compare_loaded

PACKAGE = str(Path(__file__).resolve().parents[1] / "compare")
WORDS_ONLY = CompareOptions(semantic=False)
# A step of the ladder may cost this many times the one before it: 2 is linear, 4 quadratic.
NEAR_LINEAR = 2.6


def _traced(filename: str) -> bool:
    return filename.startswith(PACKAGE) or filename.endswith("difflib.py")


def operations(work: Callable[[], Any]) -> int:
    """The lines of `compare` and difflib that `work()` runs."""
    count = 0

    def line(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        count += 1
        return line

    def call(frame: FrameType, event: str, arg: Any) -> Any:
        return line if _traced(frame.f_code.co_filename) else None

    previous = sys.gettrace()
    sys.settrace(call)
    try:
        work()
    finally:
        sys.settrace(previous)
    return count


def _random_punctuation(size: int) -> str:
    chooser = random.Random(size)
    return "".join(chooser.choice("abc.,\"' \n") for _ in range(size))


# Each family makes about `size` characters of one kind of hostile text.
FAMILIES: dict[str, Callable[[int], str]] = {
    "quote storm in one sentence": lambda size: 'He said "yes no." ' * (size // 18),
    "speakers named in one paragraph": lambda size: "".join(
        f'Ann Lowe{i % 50}, the mayor, said "we go {i}." ' for i in range(size // 40)
    ),
    "pronouns across paragraphs": lambda size: "\n\n".join(
        f'Mr Kim{i % 9} spoke. "We act," he said. "Now," she said.' for i in range(size // 55)
    ),
    "random punctuation and quote marks": _random_punctuation,
    "many short paragraphs": lambda size: "\n\n".join(f"Paragraph {i} says a thing." for i in range(size // 28)),
    "one word repeated, no sentence end": lambda size: "word " * (size // 5),
    "one sentence repeated": lambda size: "The cat sat on the mat. " * (size // 24),
    "capitalised names": lambda size: " ".join(f"Name{i} Smith" for i in range(size // 12)),
    "figures everywhere": lambda size: ", ".join(f"{i} votes in ward {i * 7}" for i in range(size // 24)) + ".",
    "nested quote marks": lambda size: "He said “she said ‘they said “we said" * (size // 40) + " done.",
    "link storm": lambda size: " ".join(
        f"[see {i}](https://example.org/{i}) <a href=x>{i}</a>" for i in range(size // 50)
    ),
    "quoted paragraphs": lambda size: "\n\n".join(
        f'"We will win {i}," said Ann Lowe. "Not {i % 3}," she said.' for i in range(size // 50)
    ),
}
SIZES = (3_000, 6_000, 12_000)
# A family whose sentences are 250-word pieces of one long run reaches the caps on repeats (`MAX_TWINS`,
# `MAX_COUNTERPARTS`) only past a few dozen pieces: its ladder starts there.
LONG_SIZES = {
    "nested quote marks": (48_000, 96_000, 192_000),
    "link storm": (24_000, 48_000, 96_000),
    "figures everywhere": (24_000, 48_000, 96_000),
}


def _ladder(family: str, against_itself: bool) -> list[int]:
    other = SEED_B.read_bytes()
    counts = []
    # Once untraced first: the word caches (`normalise`) then hold the other article's words at every step, as
    # they do whenever an earlier test has read it, so the first step is not the one that pays for them.
    compare_loaded(
        load_bytes(other, source="b.txt", format="text"), load_bytes(other, source="c.txt"), options=WORDS_ONLY
    )
    for size in LONG_SIZES.get(family, SIZES):
        data = FAMILIES[family](size).encode()

        def compare(data: bytes = data) -> None:
            a = load_bytes(data, source="a.txt", format="text")
            b = load_bytes(data if against_itself else other, source="b.txt", format="text")
            compare_loaded(a, b, options=WORDS_ONLY)

        counts.append(operations(compare))
    return counts


@pytest.mark.parametrize("against_itself", [False, True], ids=["against an article", "against itself"])
@pytest.mark.parametrize("family", list(FAMILIES))
def test_work_grows_near_linearly(family: str, against_itself: bool) -> None:
    small, middle, large = _ladder(family, against_itself)
    first_step, second_step = middle - small, large - middle
    assert second_step > 0
    assert second_step <= NEAR_LINEAR * max(first_step, 1), (family, small, middle, large)


def test_the_operation_count_sees_quadratic_work() -> None:
    # The measure itself: a loop over pairs of words counts as quadratic and a loop over words as linear.
    def pairs(size: int) -> Callable[[], None]:
        import difflib

        words = [f"w{i % 7}" for i in range(size)]
        return lambda: difflib.SequenceMatcher(None, words, words, autojunk=False).ratio()

    small, middle, large = (operations(pairs(size)) for size in (100, 200, 400))
    assert (large - middle) > 3 * (middle - small)


def test_an_overlong_sentence_is_read_in_pieces_with_a_note() -> None:
    from compare.segment import MAX_SENTENCE_WORDS, segment_article

    text = "word " * (MAX_SENTENCE_WORDS * 2 + 10) + "end."
    document = segment_article(load_bytes(text.encode(), source="a.txt"), "a", "A")
    lengths = [len(s.text.split()) for s in document.sentences]
    assert lengths == [MAX_SENTENCE_WORDS, MAX_SENTENCE_WORDS, 11]
    assert "".join(s.text for s in document.sentences).replace(" ", "") == text.replace(" ", "")
    assert any(f"more than {MAX_SENTENCE_WORDS} words" in note for note in document.article.notes)
    short = segment_article(load_bytes(b"A short one. Another.", source="b.txt"), "b", "B")
    assert short.article.notes == ()


def test_quotations_past_the_budget_are_not_compared_and_the_notes_say_so() -> None:
    text = " ".join(f'Ann Lowe said "we will go to town {i}".' for i in range(30)).encode()
    options = CompareOptions(semantic=False, max_quotes=10)
    comparison = compare_loaded(load_bytes(text, source="a.txt"), load_bytes(text, source="b.txt"), options=options)
    assert sum(c.a is not None for c in comparison.quotes) == 10
    assert any("max_quotes" in note for note in comparison.a.article.notes)
    roomy = compare_loaded(load_bytes(text, source="a.txt"), load_bytes(text, source="b.txt"), options=WORDS_ONLY)
    assert sum(c.a is not None for c in roomy.quotes) == 30
    assert not any("max_quotes" in note for note in roomy.a.article.notes)


# -- parsers that cannot be bounded from outside -------------------------------------------------------------


def test_a_parse_past_its_time_limit_is_stopped_with_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from compare.load import isolate

    # 16 KB of "[" costs Python-Markdown tens of seconds; with a limit of 1 s it is stopped at once.
    monkeypatch.setattr(isolate, "BASE_PARSE_SECONDS", 1.0)
    monkeypatch.setattr(isolate, "PARSE_SECONDS_PER_MIB", 0.0)
    hostile = tmp_path / "links.md"
    hostile.write_text("[" * 16_000)
    code, _, err = run(capsys, hostile, SEED_A, "-o", tmp_path / "out.json")
    assert code == 3
    line = one_line_error(err, "links.md")
    assert "took more than 1 s to read as Markdown" in line
    assert not (tmp_path / "out.json").exists()


def test_isolated_parsing_gives_what_parsing_in_process_gives() -> None:
    from compare.load import markdown as markdown_reader
    from compare.load.formats import MARKDOWN

    text = "---\ntitle: A story\n---\n# Head\n\nThe *mayor* [said](http://x.test) it.\n\n> A quote.\n"
    isolated = MARKDOWN.read(text, url=None, source="a.md")
    in_process = markdown_reader.read(text, url=None, source="a.md")
    assert isolated == in_process
    assert [b.text for b in isolated.blocks] == ["Head", "The mayor said it.", "A quote."]


def test_an_error_raised_in_the_isolated_parser_reaches_the_caller() -> None:
    from compare.load.formats import MARKDOWN

    with pytest.raises(ArticleError, match="nested too deeply"):
        MARKDOWN.read("Title\n\n" + "**" * 1000 + "deep" + "**" * 1000 + "\n", url=None, source="deep.md")


def test_a_tag_with_thousands_of_attributes_is_refused_before_parsing() -> None:
    from compare.load.html import MAX_TAG_ATTRIBUTES

    attributes = " ".join(f"a{i}=1" for i in range(MAX_TAG_ATTRIBUTES + 1))
    page = f"<html><body><p {attributes}>Words of the article here.</p></body></html>"
    with pytest.raises(ArticleError, match=f"has a tag with {MAX_TAG_ATTRIBUTES + 1:,} attributes"):
        load_bytes(page.encode(), source="page.html")
    fine = " ".join(f"a{i}=1" for i in range(MAX_TAG_ATTRIBUTES))
    article = load_bytes(
        f"<html><body><p {fine}>Words of the article here, as many as a page holds.</p></body></html>".encode(),
        source="page.html",
    )
    assert "Words of the article here" in article.text
    # A "<" in running text is not a tag: what follows it is not counted as its attributes.
    prose = "<html><body><p>" + "if a < b then " * 2_000 + "done.</p></body></html>"
    assert "done." in load_bytes(prose.encode(), source="prose.html").text


def test_a_pdf_lays_out_a_budget_of_each_list_and_says_what_it_left_out(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import subprocess

    from compare import render
    from compare.render import render_comparison

    monkeypatch.setattr(render, "MAX_PRINT_ROWS", 20)
    monkeypatch.setattr(render, "MAX_PRINT_ITEMS", 10)
    text = "\n\n".join(f"Paragraph {i} reports that item {i * 7} was found in town {i}." for i in range(60))
    comparison = compare_loaded(
        load_bytes(text.encode(), source="long.txt"),
        load_bytes(SEED_B.read_bytes(), source="b.txt"),
        options=WORDS_ONLY,
    )
    pdf = render_comparison(comparison, "pdf", generated_at="2026-01-01T00:00:00Z")
    assert isinstance(pdf, bytes)
    (tmp_path / "r.pdf").write_bytes(pdf)
    printed = subprocess.run(
        ["pdftotext", str(tmp_path / "r.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(printed.split())
    only_in_a = sum(f.side == "a" for f in comparison.facts)
    assert only_in_a > 10
    assert f"This PDF shows the first 10 of {only_in_a} passages only in A" in flat
    assert "the first 20 of" in flat and "side-by-side rows" in flat
    assert "Paragraph 9 reports" in flat and "Paragraph 59 reports" not in flat
    html = str(render_comparison(comparison, "html", generated_at="2026-01-01T00:00:00Z"))
    assert "Paragraph 59 reports" in html and "This PDF shows" not in html


# -- a time limit per pair in a batch -------------------------------------------------------------------------


def _slow_and_quick_pairs(folder: Path) -> Path:
    """A manifest of a pair whose Markdown takes Python-Markdown many seconds, and a quick pair."""
    (folder / "links.md").write_text("[" * 24_000)
    (folder / "a.txt").write_bytes(SEED_A.read_bytes())
    (folder / "b.txt").write_bytes(SEED_B.read_bytes())
    manifest = folder / "pairs.toml"
    manifest.write_text(
        '[[pair]]\nid = "slow"\na = "links.md"\nb = "b.txt"\n\n[[pair]]\nid = "quick"\na = "a.txt"\nb = "b.txt"\n'
    )
    return manifest


def test_a_pair_past_the_pair_timeout_fails_alone_and_the_batch_goes_on(tmp_path: Path) -> None:
    import json
    import subprocess

    manifest = _slow_and_quick_pairs(tmp_path)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "compare", "batch", str(manifest), "-o", str(out), "--formats", "json"]
    finished = subprocess.run(
        [*command, "--no-progress", "--pair-timeout", "1", "--set", "semantic=false"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert finished.returncode == 5, finished.stderr  # PAIRS_FAILED
    summary = {p["id"]: p for p in json.loads((out / "summary.json").read_text())["pairs"]}
    assert summary["quick"]["status"] == "ok"
    assert summary["slow"]["status"] == "failed"
    assert "took longer than 1 s, the pair time limit (--pair-timeout)" in summary["slow"]["error"]
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".partial")) == []
    assert not (out / "slow").exists()


def test_a_pair_run_outside_a_main_thread_is_failed_at_its_time_limit(tmp_path: Path) -> None:
    import threading

    from compare.batch import BatchOptions, process_pair
    from compare.manifest import read_pairs

    pairs = {p.id: p for p in read_pairs(str(_slow_and_quick_pairs(tmp_path)))}
    options = BatchOptions(formats=("json",), pair_timeout=1.0, compare=WORDS_ONLY)
    records = []
    # As in a Dask worker: no signal reaches a thread, so the record is failed when the limit passes.
    worker = threading.Thread(target=lambda: records.append(process_pair(pairs["slow"], str(tmp_path / "o"), options)))
    worker.start()
    worker.join(60)
    assert records and records[0].status == "failed"
    assert "pair time limit" in (records[0].error or "")


# -- pipes and special files ----------------------------------------------------------------------------------


def test_standard_input_is_read_as_an_article(tmp_path: Path) -> None:
    import json
    import subprocess

    out = tmp_path / "r.json"
    finished = subprocess.run(
        [sys.executable, "-m", "compare", "-", str(SEED_B), "-o", str(out), "--set", "semantic=false"],
        input=SEED_A.read_bytes(),
        capture_output=True,
        timeout=60,
    )
    assert finished.returncode == 0, finished.stderr
    document = json.loads(out.read_text())["documents"]["a"]
    assert document["source"] == "-" and document["label"] == "standard input"
    assert document["sha256"] == __import__("hashlib").sha256(SEED_A.read_bytes()).hexdigest()


def test_a_pipe_that_sends_nothing_is_refused_at_the_timeout(tmp_path: Path) -> None:
    import os
    import subprocess

    fifo = tmp_path / "silent"
    os.mkfifo(fifo)
    finished = subprocess.run(
        [sys.executable, "-m", "compare", str(fifo), str(SEED_B), "-o", str(tmp_path / "r.json"), "--timeout", "0.5"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert finished.returncode == 3
    assert "silent: sent nothing within 0.5 s" in one_line_error(finished.stderr, "silent")
    assert not (tmp_path / "r.json").exists()


def test_a_pipe_whose_writer_starts_late_is_read(tmp_path: Path) -> None:
    import os
    import threading

    from compare.load import load_article

    fifo = tmp_path / "late"
    os.mkfifo(fifo)

    def write_later() -> None:
        with open(fifo, "wb") as pipe:
            pipe.write(SEED_A.read_bytes())

    writer = threading.Timer(0.3, write_later)
    writer.start()
    article = load_article(fifo, timeout=30)
    writer.join()
    assert article.sha256 == load_article(SEED_A).sha256


@pytest.mark.parametrize("device", ["/dev/null", "/dev/zero"])
def test_a_device_is_refused(device: str) -> None:
    from compare.load import load_article

    with pytest.raises(ArticleError, match="is a device or a socket, not an article"):
        load_article(device)


# -- a batch folder that holds surprises ----------------------------------------------------------------------


def test_a_batch_whose_cache_folder_is_a_file_still_writes_every_pair_but_keeps_a_file_of_the_users(
    tmp_path: Path,
) -> None:
    import json
    import subprocess

    out = tmp_path / "out"
    out.mkdir()
    (out / ".cache").write_text("not a folder")
    (out / "seed").write_text("a file where a pair's folder goes")
    (tmp_path / "a.txt").write_bytes(SEED_A.read_bytes())
    (tmp_path / "b.txt").write_bytes(SEED_B.read_bytes())
    manifest = tmp_path / "pairs.toml"
    manifest.write_text('[[pair]]\nid = "seed"\na = "a.txt"\nb = "b.txt"\n')
    command = [sys.executable, "-m", "compare", "batch", str(manifest), "-o", str(out), "--formats", "json"]
    command += ["--no-progress", "--set", "semantic=false"]
    # A file where a pair's folder goes is the user's, not the batch's: it is refused, not replaced.
    refused = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert refused.returncode == 2 and "seed is there and is not a folder of reports" in refused.stderr
    assert (out / "seed").read_text() == "a file where a pair's folder goes"
    (out / "seed").unlink()
    finished = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert finished.returncode == 0, finished.stderr
    summary = json.loads((out / "summary.json").read_text())
    assert [p["status"] for p in summary["pairs"]] == ["ok"]
    assert json.loads((out / "seed" / "comparison.json").read_text())["schema_version"] == 2
    assert sorted(p.name for p in out.iterdir()) == [
        ".cache",
        "index.html",
        "seed",
        "summary.json",
        "summary.md",
        "timings.json",
    ]


def test_no_error_message_carries_a_control_character_to_the_terminal(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # A file name is text an attacker may choose: ESC ] 0 ; … BEL retitles a terminal, ESC c resets it.
    hostile = tmp_path / "story\x1b]0;pwned\x07\x1bc.txt"
    hostile.write_bytes(b"")
    code, _, err = run(capsys, hostile, SEED_B, "-o", tmp_path / "r.json")
    assert code == 3
    line = err.strip().splitlines()[-1]
    assert "\x1b" not in line and "\x07" not in line
    assert "story\\x1b]0;pwned\\x07\\x1bc.txt: is empty" in line


def test_a_dns_lookup_that_hangs_is_cut_at_the_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket
    import threading

    from compare.load import fetch

    release = threading.Event()

    def hanging_lookup(*args: Any, **kwargs: Any) -> Any:
        release.wait(30)  # a resolver that does not answer; no host is ever contacted
        raise socket.gaierror("never answered")

    monkeypatch.setattr(fetch.socket, "getaddrinfo", hanging_lookup)
    try:
        with pytest.raises(ArticleError, match="did not resolve in time"):
            fetch.fetch_url("http://news.invalid/story", max_bytes=1000, timeout=0.3)
    finally:
        release.set()


def test_the_sentence_segmenter_is_handed_bounded_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    # sentencex's time grows with the square of a line of stray quote marks (0.13 s at 50 KB, 2.2 s at 200 KB):
    # it is given pieces of at most SEGMENTER_PIECE_CHARS, so a 5 MB line costs a few seconds, not hours.
    import sentencex

    from compare import segment

    asked: list[int] = []
    real = sentencex.get_sentence_boundaries

    def spy(language: str, text: str) -> Any:
        asked.append(len(text))
        return real(language, text)

    monkeypatch.setattr(segment.sentencex, "get_sentence_boundaries", spy)
    line = _random_punctuation(60_000).replace("\n", " ")
    spans = segment.split_sentences(line)
    assert max(asked) <= segment.SEGMENTER_PIECE_CHARS and sum(asked) == len(line)
    assert all(a < b for a, b in spans) and all(b1 <= a2 for (_, b1), (a2, _) in itertools.pairwise(spans))
    # Prose shorter than a piece is handed over whole, as before.
    asked.clear()
    prose = "The mayor spoke. The council voted. " * 50
    assert len(segment.split_sentences(prose)) == 100 and asked == [len(prose)]


def test_every_test_security_md_names_exists() -> None:
    import re

    root = Path(__file__).resolve().parents[1]
    named = set(re.findall(r"\b(test_\w+)\b", (root / "SECURITY.md").read_text()))
    functions = {name for name in named if not name.endswith(".py") and not (root / "tests" / f"{name}.py").exists()}
    defined = {
        match
        for path in (root / "tests").glob("test_*.py")
        for match in re.findall(r"^def (test_\w+)", path.read_text(), re.MULTILINE)
    }
    assert len(functions) > 20
    assert functions <= defined, sorted(functions - defined)


def test_a_budget_note_reaches_the_markdown_and_html_reports() -> None:
    from compare.render import render_comparison
    from compare.segment import MAX_SENTENCE_WORDS

    text = ("word " * (MAX_SENTENCE_WORDS + 5)).encode()
    comparison = compare_loaded(
        load_bytes(text, source="long.txt"), load_bytes(SEED_B.read_bytes(), source="b.txt"), options=WORDS_ONLY
    )
    markdown = str(render_comparison(comparison, "md", generated_at="2026-01-01T00:00:00Z"))
    html = str(render_comparison(comparison, "html", generated_at="2026-01-01T00:00:00Z"))
    note = f"1 passage of more than {MAX_SENTENCE_WORDS} words without a sentence end was read in pieces"
    assert f"> Note on long.txt: {note}" in markdown
    assert note in html


def test_a_pair_given_up_on_in_a_thread_publishes_nothing_when_it_ends(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading
    import time

    from compare import render
    from compare.batch import BatchOptions, process_pair
    from compare.manifest import read_pairs

    finished = threading.Event()
    real = render.render_formats

    def slow_render(*args: Any, **kwargs: Any) -> Any:
        time.sleep(1.5)  # the pair outlives its limit, then completes
        try:
            return real(*args, **kwargs)
        finally:
            finished.set()

    monkeypatch.setattr(render, "render_formats", slow_render)
    pairs = {p.id: p for p in read_pairs(str(_slow_and_quick_pairs(tmp_path)))}
    options = BatchOptions(formats=("json",), pair_timeout=0.5, compare=WORDS_ONLY)
    out = tmp_path / "o"
    out.mkdir()
    records = []
    worker = threading.Thread(target=lambda: records.append(process_pair(pairs["quick"], str(out), options)))
    worker.start()
    worker.join(60)
    assert records[0].status == "failed"
    assert finished.wait(60)
    deadline = time.monotonic() + 30
    while any(path.name.startswith(".partial") for path in out.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.05)  # the abandoned work is writing its reports, then removes them
    time.sleep(0.2)
    assert sorted(path.name for path in out.iterdir()) == []  # no report folder, no partial folder, no cache


def test_a_full_disk_fails_the_pair_with_one_clear_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from compare.batch import BatchOptions, process_pair
    from compare.manifest import read_pairs

    pairs = {p.id: p for p in read_pairs(str(_slow_and_quick_pairs(tmp_path)))}
    real_write = Path.write_bytes

    def full(self: Path, data: bytes) -> int:
        if ".partial" in str(self):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(self, data)

    monkeypatch.setattr(Path, "write_bytes", full)
    out = tmp_path / "o"
    out.mkdir()
    record = process_pair(pairs["quick"], str(out), BatchOptions(formats=("json",), compare=WORDS_ONLY))
    assert record.status == "failed"
    assert record.error == "could not write its reports: no space left on device; free space or choose another -o"
    assert "internal error" not in record.error
    assert [path.name for path in out.iterdir()] == []  # the partial folder is gone


def test_paths_the_file_system_cannot_take_get_one_line_errors(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    too_long = tmp_path / ("x" * 300 + ".json")
    (tmp_path / "loop-1").symlink_to(tmp_path / "loop-2")
    (tmp_path / "loop-2").symlink_to(tmp_path / "loop-1")
    looped = tmp_path / "loop-1"
    cases: list[tuple[list[str | Path], int, str]] = [
        ([SEED_A, SEED_B, "-o", too_long], 2, "cannot be used for the report (File name too long); choose another -o"),
        ([SEED_A, SEED_B, "-o", looped / "r.json"], 4, "Too many levels of symbolic links"),
        ([looped / "a.txt", SEED_B, "-o", tmp_path / "r.json"], 3, "too many levels of symbolic links"),
        (["batch", tmp_path / ("y" * 300 + ".toml"), "-o", tmp_path / "out"], 2, "file name too long"),
        (["batch", looped / "pairs.toml", "-o", tmp_path / "out"], 2, "too many levels of symbolic links"),
    ]
    for args, expected_code, reason in cases:
        code, _, err = run(capsys, *args, "--set", "semantic=false")
        assert code == expected_code, err
        assert reason in one_line_error(err)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["loop-1", "loop-2"]

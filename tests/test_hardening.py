"""Hardening: hostile, broken and odd inputs get a report or a clean one-line error, never a traceback.

Every error case checks the documented exit code, that standard error holds exactly one line naming the
input, and that no report (nor a temporary file) is left in the output folder.
"""

from __future__ import annotations

import html.parser
import json
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXED_TIME, ROOT, SEED_A, one_line_error, run, run_process

from compare.errors import INPUT, OK, PAIRS_FAILED, RENDER, USAGE

ARTICLE = """City council approves new budget for the harbour

The city council voted on Tuesday to approve a new budget for the harbour district.

Mayor Anna Berg said the plan would create two hundred jobs over the next five years. \
"This is a good day for the harbour," she told reporters after the vote.

The opposition leader, Peter Holm, criticised the cost of the project. He said the money should go to schools instead.

Construction is expected to begin in the spring of next year.
"""

UNRELATED = """Local football team wins the regional cup

The Riverside Rovers beat the Hill Town Hawks by three goals to one in the regional final on Saturday.

Coach Maria Lind praised the young squad. "They played with heart from the first minute," she said.

The team will now travel to the national tournament in June.
"""


# -- helpers -------------------------------------------------------------------------


def assert_folder_empty(folder: Path) -> None:
    """Nothing — neither a report nor a temporary file — is left in `folder` (which may not exist)."""
    if folder.exists():
        assert sorted(p.name for p in folder.iterdir()) == []


def compare_json(capsys: pytest.CaptureFixture[str], a: Path, b: Path, *extra: str) -> dict[str, Any]:
    """Compare `a` with `b` to JSON on stdout, check exit 0 and no traceback, and return the parsed report."""
    code, out, err = run(capsys, a, b, "--format", "json", "--generated-at", FIXED_TIME, *extra)
    assert "Traceback" not in err
    assert code == OK, err
    data = json.loads(out)
    assert data["schema_version"] == 2
    return data


def sentence_texts(data: dict[str, Any], side: str) -> list[str]:
    """All sentence texts of document `side` in a JSON report."""
    return [s["text"] for p in data["documents"][side]["paragraphs"] for s in p["sentences"]]


def write(path: Path, data: bytes | str) -> Path:
    """Write `data` (text as UTF-8) to `path` and return it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


@pytest.fixture
def good(tmp_path: Path) -> Path:
    """A small, well-formed article."""
    return write(tmp_path / "in" / "good.txt", ARTICLE)


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    """An existing, empty output folder."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


# -- single pair: inputs that must be refused ----------------------------------------

BAD_INPUTS = {
    "empty": ("empty.txt", b""),
    "whitespace": ("blank.txt", b"  \n\t\n\r\n   \n"),
    "png": ("picture.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + random.Random(1).randbytes(2000)),
    "png-ext": ("picture.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + random.Random(1).randbytes(2000)),
    "pdf": ("document.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + random.Random(1).randbytes(2000)),
    "pdf-as-txt": ("document.txt", b"%PDF-1.7\n" + random.Random(1).randbytes(2000)),
    "random": ("random.txt", random.Random(1).randbytes(4096)),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_refused_cleanly(
    case: str, capsys: pytest.CaptureFixture[str], tmp_path: Path, good: Path, out_dir: Path
) -> None:
    name, data = BAD_INPUTS[case]
    bad = write(tmp_path / "in" / name, data)
    for a, b in ((good, bad), (bad, good)):
        code, out, err = run(capsys, a, b, "-o", out_dir / "report.html")
        assert code == INPUT
        assert out == ""
        one_line_error(err, name)
        assert_folder_empty(out_dir)


def test_missing_path(capsys: pytest.CaptureFixture[str], tmp_path: Path, good: Path, out_dir: Path) -> None:
    missing = tmp_path / "in" / "no-such-article.txt"
    code, _, err = run(capsys, good, missing, "-o", out_dir / "report.json")
    assert code == INPUT
    line = one_line_error(err, "no-such-article.txt")
    assert "no such file" in line.lower()
    assert_folder_empty(out_dir)


def test_directory_as_input(capsys: pytest.CaptureFixture[str], tmp_path: Path, good: Path, out_dir: Path) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    code, _, err = run(capsys, folder, good, "-o", out_dir / "report.md")
    assert code == INPUT
    line = one_line_error(err, "a-folder")
    assert "directory" in line.lower()
    assert_folder_empty(out_dir)


def test_article_vs_empty_exits_3(capsys: pytest.CaptureFixture[str], tmp_path: Path, good: Path) -> None:
    empty = write(tmp_path / "in" / "nothing.md", b"")
    code, out, err = run(capsys, good, empty)
    assert code == INPUT
    assert out == ""
    assert "empty" in one_line_error(err, "nothing.md")


def test_missing_input_in_a_real_process(tmp_path: Path, good: Path, out_dir: Path) -> None:
    """The installed entry point, in its own process: exit code 3, one line, no traceback, no file."""
    missing = tmp_path / "gone.txt"
    proc = run_process(str(good), str(missing), "-o", str(out_dir / "report.html"), cwd=ROOT)
    assert proc.returncode == INPUT
    assert proc.stdout == ""
    one_line_error(proc.stderr, "gone.txt")
    assert_folder_empty(out_dir)


def test_random_bytes_in_a_real_process(tmp_path: Path, good: Path, out_dir: Path) -> None:
    junk = write(tmp_path / "junk.txt", random.Random(1).randbytes(8192))
    proc = run_process(str(junk), str(good), "-o", str(out_dir / "report.json"), cwd=ROOT)
    assert proc.returncode == INPUT
    one_line_error(proc.stderr, "junk.txt")
    assert_folder_empty(out_dir)


def test_invalid_utf8_gives_report_or_clean_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, good: Path, out_dir: Path
) -> None:
    data = (
        b"The council \x81\x8d\x8f\x90\x9d met on Tuesday \xc3\x28 and voted.\n\n"
        b"It was \xff\xfe\xfd\xfc a close vote \xed\xa0\x80 in the end.\n\n"
    ) * 5
    odd = write(tmp_path / "in" / "odd.txt", data)
    code, _, err = run(capsys, good, odd, "-o", out_dir / "report.json")
    assert "Traceback" not in err
    if code == OK:
        report = json.loads((out_dir / "report.json").read_text(encoding="utf-8"))
        assert report["documents"]["b"]["paragraphs"]
        assert sorted(p.name for p in out_dir.iterdir()) == ["report.json"]
    else:
        assert code == INPUT
        one_line_error(err, "odd.txt")
        assert_folder_empty(out_dir)


# -- single pair: odd but valid inputs produce a report ------------------------------


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_and_without_bom(codec: str, capsys: pytest.CaptureFixture[str], tmp_path: Path, good: Path) -> None:
    encoded = write(tmp_path / "in" / "wide.txt", ARTICLE.encode(codec))
    assert encoded.read_bytes().startswith((b"\xff\xfe", b"\xfe\xff")) == (codec == "utf-16")
    data = compare_json(capsys, good, encoded)
    texts = " ".join(sentence_texts(data, "b"))
    assert "Mayor Anna Berg" in texts
    assert "\x00" not in texts
    assert data["stats"]["b"]["shared_sentences"] >= 3


def test_mixed_line_endings(capsys: pytest.CaptureFixture[str], tmp_path: Path, good: Path) -> None:
    paragraphs = [p for p in ARTICLE.split("\n\n") if p.strip()]
    endings = ["\r\n\r\n", "\r\r", "\n\n", "\r\n\n"]
    text = "".join(p.strip() + endings[i % len(endings)] for i, p in enumerate(paragraphs))
    mixed = write(tmp_path / "in" / "mixed.txt", text)
    data = compare_json(capsys, good, mixed)
    assert len(data["documents"]["b"]["paragraphs"]) == len(paragraphs)
    assert all("\r" not in t for t in sentence_texts(data, "b"))


def test_one_huge_paragraph(capsys: pytest.CaptureFixture[str], tmp_path: Path, good: Path) -> None:
    rng = random.Random(1)
    vocabulary = (
        "harbour council budget vote mayor school money plan year city port ship water road "
        "bridge market people report week day tax fund group member office"
    ).split()
    words = []
    for i in range(50_000):
        word = rng.choice(vocabulary)
        words.append(word + ("." if i % 15 == 14 else ""))
    huge = write(tmp_path / "in" / "huge.txt", " ".join(words))
    started = time.monotonic()
    data = compare_json(capsys, good, huge)
    assert time.monotonic() - started < 20
    assert data["stats"]["b"]["words"] >= 45_000


def test_no_sentence_punctuation(capsys: pytest.CaptureFixture[str], tmp_path: Path, good: Path) -> None:
    bare = write(tmp_path / "in" / "bare.txt", re.sub(r"[.!?\"]", "", ARTICLE))
    data = compare_json(capsys, good, bare)
    assert data["stats"]["b"]["words"] > 50
    assert data["stats"]["b"]["sentences"] >= 1


def test_all_capitals(capsys: pytest.CaptureFixture[str], tmp_path: Path, good: Path) -> None:
    shout = write(tmp_path / "in" / "shout.txt", ARTICLE.upper())
    data = compare_json(capsys, good, shout)
    assert data["stats"]["b"]["words"] > 50
    assert "MAYOR ANNA BERG" in " ".join(sentence_texts(data, "b"))


SCRIPTS = {
    "cyrillic": (
        "Городской совет утвердил новый бюджет\n\n"
        "Городской совет во вторник проголосовал за новый бюджет портового района. "
        "Мэр Анна Берг заявила, что план создаст двести рабочих мест за пять лет.\n\n"
        "Лидер оппозиции Пётр Холм раскритиковал стоимость проекта. "
        "По его словам, деньги следовало потратить на школы.\n\n"
        "Строительство должно начаться весной следующего года.\n",
        ("Строительство должно начаться весной следующего года.", "Работы начнутся летом."),
    ),
    "greek": (
        "Το δημοτικό συμβούλιο ενέκρινε νέο προϋπολογισμό\n\n"
        "Το δημοτικό συμβούλιο ψήφισε την Τρίτη υπέρ του νέου προϋπολογισμού για την περιοχή του λιμανιού. "
        "Η δήμαρχος Άννα Μπεργκ δήλωσε ότι το σχέδιο θα δημιουργήσει διακόσιες θέσεις εργασίας.\n\n"
        "Ο αρχηγός της αντιπολίτευσης Πέτρος Χολμ επέκρινε το κόστος του έργου. "
        "Είπε ότι τα χρήματα έπρεπε να πάνε στα σχολεία.\n\n"
        "Η κατασκευή αναμένεται να ξεκινήσει την άνοιξη του επόμενου έτους.\n",
        ("Η κατασκευή αναμένεται να ξεκινήσει την άνοιξη του επόμενου έτους.", "Οι εργασίες αρχίζουν το καλοκαίρι."),
    ),
    "chinese": (
        "市议会批准港口新预算\n\n"
        "市议会星期二投票通过了港口区的新预算。市长安娜·伯格表示，该计划将在未来五年内创造两百个就业岗位。\n\n"
        "反对党领袖彼得·霍尔姆批评了该项目的成本。他说这笔钱应该用于学校。\n\n"
        "工程预计将于明年春天开始。\n",
        ("工程预计将于明年春天开始。", "工程将在夏天开始。"),
    ),
    "arabic": (
        "المجلس البلدي يوافق على ميزانية جديدة للميناء\n\n"
        "صوت المجلس البلدي يوم الثلاثاء على الموافقة على ميزانية جديدة لمنطقة الميناء. "
        "وقالت رئيسة البلدية آنا بيرغ إن الخطة ستوفر مئتي وظيفة خلال السنوات الخمس المقبلة.\n\n"
        "وانتقد زعيم المعارضة بيتر هولم تكلفة المشروع. وقال إن الأموال كان يجب أن تذهب إلى المدارس.\n\n"
        "ومن المتوقع أن يبدأ البناء في ربيع العام المقبل.\n",
        ("ومن المتوقع أن يبدأ البناء في ربيع العام المقبل.", "وسيبدأ العمل في الصيف."),
    ),
}


@pytest.mark.parametrize("script", sorted(SCRIPTS))
def test_non_latin_scripts(script: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text, (old, new) = SCRIPTS[script]
    assert old in text
    original = write(tmp_path / "in" / f"{script}-a.txt", text)
    edited = write(tmp_path / "in" / f"{script}-b.txt", text.replace(old, new))
    data = compare_json(capsys, original, edited)
    assert data["stats"]["a"]["shared_sentences"] >= 1
    assert data["stats"]["b"]["shared_sentences"] >= 1
    assert data["sentence_matches"] or data["stats"]["a"]["shared_sentences"]
    # The text survives decoding intact.
    assert text.splitlines()[0] in " ".join(sentence_texts(data, "a"))


def test_identical_inputs_have_no_facts(capsys: pytest.CaptureFixture[str], tmp_path: Path, good: Path) -> None:
    copy = write(tmp_path / "in" / "copy.txt", ARTICLE)
    data = compare_json(capsys, good, copy)
    assert data["only_in"]["a"] == []
    assert data["only_in"]["b"] == []
    assert data["stats"]["a"]["unique_sentences"] == 0


def test_unrelated_articles(capsys: pytest.CaptureFixture[str], tmp_path: Path, good: Path) -> None:
    other = write(tmp_path / "in" / "football.txt", UNRELATED)
    data = compare_json(capsys, good, other)
    assert data["stats"]["a"]["shared_sentences"] == 0
    assert data["stats"]["b"]["shared_sentences"] == 0
    assert data["only_in"]["a"] and data["only_in"]["b"]


def test_input_over_the_size_limit_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, good: Path, out_dir: Path
) -> None:
    big = write(tmp_path / "in" / "big.txt", (ARTICLE * 20_000)[: 6 * 1024 * 1024].encode("utf-8"))
    assert big.stat().st_size > 5 * 1024 * 1024
    code, _, err = run(capsys, good, big, "-o", out_dir / "report.html")
    assert code == INPUT
    line = one_line_error(err, "big.txt")
    assert re.search(r"max-bytes|limit|5 ?MB|5242880|5000000|5,000,000", line, re.IGNORECASE), line
    assert_folder_empty(out_dir)


def test_large_input_accepted_with_raised_limit(capsys: pytest.CaptureFixture[str], tmp_path: Path, good: Path) -> None:
    # Over 5 MB on disk, but cheap to compare: the article followed by blank padding.
    padded = write(tmp_path / "in" / "padded.txt", ARTICLE + " \n" * (3 * 1024 * 1024))
    assert padded.stat().st_size > 5 * 1024 * 1024
    code, _, err = run(capsys, good, padded, "--format", "json")
    assert code == INPUT and "padded.txt" in err
    data = compare_json(capsys, good, padded, "--max-bytes", str(8 * 1024 * 1024))
    assert data["stats"]["b"]["shared_sentences"] >= 3


def test_malformed_html(capsys: pytest.CaptureFixture[str], tmp_path: Path, good: Path) -> None:
    page = (
        "<html><head><title>Harbour budget</title><body><article><h1>City council approves new budget"
        "<p>The city council voted on Tuesday to approve a new budget for the harbour district."
        "<p>Mayor Anna Berg said the plan would create two hundred jobs over the next five years.<div><span>"
        "<p>Construction is expected to begin in the spring of next year.<b><i></table></td>"
    )
    broken = write(tmp_path / "in" / "broken.html", page)
    data = compare_json(capsys, good, broken)
    texts = " ".join(sentence_texts(data, "b"))
    assert "Mayor Anna Berg" in texts
    assert "<" not in texts
    assert data["stats"]["b"]["shared_sentences"] >= 1


def test_unclosed_title_gives_report_or_clean_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, good: Path, out_dir: Path
) -> None:
    # An unclosed <title> swallows the rest of the page (as in a browser): either outcome is fine, a traceback is not.
    page = "<html><head><title>Harbour budget<body><p>" + ARTICLE.replace("\n\n", "<p>")
    broken = write(tmp_path / "in" / "title.html", page)
    code, _, err = run(capsys, good, broken, "-o", out_dir / "report.json")
    assert "Traceback" not in err
    if code == OK:
        assert json.loads((out_dir / "report.json").read_text(encoding="utf-8"))["documents"]["b"]
    else:
        assert code == INPUT
        one_line_error(err, "title.html")
        assert_folder_empty(out_dir)


def test_malformed_markdown(capsys: pytest.CaptureFixture[str], tmp_path: Path, good: Path) -> None:
    text = (
        "# City council approves new budget\n\n**The city council voted on Tuesday to approve a new budget "
        "for the harbour district.\n\n[Mayor Anna Berg](http://example.invalid said the plan would create "
        "two hundred jobs over the next five years.\n\n```\nConstruction is expected to begin\n\n"
        "> > > * _ ` ![](\n\n| a | b\n|---\n"
    )
    broken = write(tmp_path / "in" / "broken.md", text)
    data = compare_json(capsys, good, broken)
    assert "Anna Berg" in " ".join(sentence_texts(data, "b"))


# -- single pair: output paths that cannot be used -----------------------------------


def test_output_under_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path, good: Path) -> None:
    existing = write(tmp_path / "existing_file", "not a folder")
    target = existing / "report.html"
    code, _, err = run(capsys, good, SEED_A, "-o", target)
    assert code == USAGE
    one_line_error(err, "report.html")
    assert existing.read_text() == "not a folder"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["existing_file", "in"]


def test_output_in_proc(capsys: pytest.CaptureFixture[str], good: Path) -> None:
    if not Path("/proc/self").is_dir():
        pytest.skip("no /proc here")
    target = Path("/proc/article-compare-report.html")
    code, _, err = run(capsys, good, SEED_A, "-o", target)
    assert code in (USAGE, RENDER)
    one_line_error(err, str(target))
    assert not target.exists()
    assert not any(p.name.startswith(".article-compare-report") for p in Path("/proc").iterdir())


def test_output_is_a_directory(capsys: pytest.CaptureFixture[str], good: Path, out_dir: Path) -> None:
    code, _, err = run(capsys, good, SEED_A, "-o", out_dir)
    assert code == USAGE
    assert "Traceback" not in err
    first = err.splitlines()[0]
    assert first.startswith("article-compare: error:") and str(out_dir) in first
    assert "directory" in first
    assert_folder_empty(out_dir)


def test_output_is_a_directory_one_line(capsys: pytest.CaptureFixture[str], good: Path, out_dir: Path) -> None:
    code, _, err = run(capsys, good, SEED_A, "-o", out_dir)
    assert code == USAGE
    one_line_error(err, str(out_dir))


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores directory permissions")
def test_read_only_output_folder(capsys: pytest.CaptureFixture[str], good: Path, out_dir: Path) -> None:
    out_dir.chmod(0o500)
    try:
        code, _, err = run(capsys, good, SEED_A, "-o", out_dir / "report.html")
        assert code == RENDER
        one_line_error(err, "report.html")
        assert_folder_empty(out_dir)
    finally:
        out_dir.chmod(0o700)


@pytest.mark.parametrize("side", ["a", "b"])
def test_output_equal_to_an_input(side: str, capsys: pytest.CaptureFixture[str], tmp_path: Path, good: Path) -> None:
    victim = write(tmp_path / "in" / "victim.md", ARTICLE)
    before = victim.read_bytes()
    args = (victim, good) if side == "a" else (good, victim)
    code, _, err = run(capsys, *args, "-o", victim)
    assert code == USAGE
    assert "overwrite" in one_line_error(err, "victim.md")
    assert victim.read_bytes() == before
    assert sorted(p.name for p in victim.parent.iterdir()) == ["good.txt", "victim.md"]


# -- batch: bad manifests and options ------------------------------------------------


def _manifest(folder: Path, body: str) -> Path:
    write(folder / "one-a.txt", ARTICLE)
    write(folder / "one-b.txt", UNRELATED)
    return write(folder / "pairs.toml", body)


GOOD_PAIR = '[[pair]]\nid = "one"\na = "one-a.txt"\nb = "one-b.txt"\n'

BAD_MANIFESTS = {
    "missing-field": '[[pair]]\nid = "one"\na = "one-a.txt"\n',
    "duplicate-id": GOOD_PAIR + GOOD_PAIR,
    "escaping-path": '[[pair]]\nid = "one"\na = "../x.txt"\nb = "one-b.txt"\n',
    "empty": "",
    "junk": random.Random(1).randbytes(2048),
    "not-toml": "[[pair]\nid = one\n",
}


@pytest.mark.parametrize("case", sorted(BAD_MANIFESTS))
def test_batch_bad_manifest(case: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    body = BAD_MANIFESTS[case]
    manifest = _manifest(tmp_path / "m", "")
    write(manifest, body)
    if case == "escaping-path":
        write(tmp_path / "x.txt", ARTICLE)
    out = tmp_path / "out"
    code, _, err = run(capsys, "batch", manifest, "-o", out)
    assert code == USAGE
    one_line_error(err, "pairs.toml")
    assert_folder_empty(out)


@pytest.mark.parametrize(
    ("option", "value"),
    [("--formats", "json,docx"), ("--fail-if", "only_in.b >> lots"), ("--fail-if", "nonsense.metric > 1")],
)
def test_batch_bad_options(option: str, value: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    manifest = _manifest(tmp_path / "m", GOOD_PAIR)
    out = tmp_path / "out"
    code, _, err = run(capsys, "batch", manifest, "-o", out, option, value)
    assert code == USAGE
    named = "docx" if option == "--formats" else value
    one_line_error(err, named)
    assert_folder_empty(out)


def test_batch_one_binary_pair(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = tmp_path / "m"
    write(folder / "bin.txt", random.Random(1).randbytes(4096))
    write(folder / "two-a.txt", ARTICLE)
    write(folder / "two-b.txt", ARTICLE.replace("spring", "summer"))
    manifest = _manifest(
        folder,
        GOOD_PAIR + '[[pair]]\nid = "bad"\na = "one-a.txt"\nb = "bin.txt"\n'
        '[[pair]]\nid = "two"\na = "two-a.txt"\nb = "two-b.txt"\n',
    )
    out = tmp_path / "out"
    code, _, err = run(
        capsys,
        "batch",
        manifest,
        "-o",
        out,
        "--formats",
        "json,md",
        "-j",
        "1",
        "--no-progress",
        "--generated-at",
        FIXED_TIME,
    )
    assert "Traceback" not in err
    assert code == PAIRS_FAILED
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    pairs = {p["id"]: p for p in summary["pairs"]}
    assert pairs["bad"]["status"] == "failed"
    assert "bin.txt" in pairs["bad"]["error"] and "\n" not in pairs["bad"]["error"]
    assert "binary" in pairs["bad"]["error"]
    assert pairs["one"]["status"] == "ok" and pairs["two"]["status"] == "ok"
    assert (out / "one" / "comparison.json").is_file() or any((out / "one").glob("*.json"))
    assert any((out / "two").glob("*.json"))
    assert not (out / "bad").exists() or not any((out / "bad").iterdir())
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]


# -- hostile article -----------------------------------------------------------------


class _Markup(html.parser.HTMLParser):
    """Collect start tags with attributes, and the text inside <script> elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        self._in_script = tag == "script"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def hostile_text(port_url: str) -> str:
    long_word = "x" * 5000
    return (
        "Hostile test article\n\n"
        "The council met on Tuesday <script>alert(1)</script> to discuss the harbour budget.\n\n"
        "Mayor Anna Berg posted <img src=x onerror=alert(1)> on her page before the vote.\n\n"
        "Readers were told to click [link](javascript:alert(1)) for the full plan.\n\n"
        f'An embedded frame <iframe src="{port_url}/"></iframe> showed the harbour map.\n\n'
        "The clerk typed {{ 7*7 }} into the minutes and then {% raw %} by mistake.\n\n"
        f"One delegate submitted the word {long_word} as a protest.\n\n"
        "Construction is expected to begin in the spring of next year.\n"
    )


def test_hostile_article(capsys: pytest.CaptureFixture[str], tmp_path: Path, http_server: Any) -> None:
    text = hostile_text(http_server.base)
    md = write(tmp_path / "in" / "hostile.md", text)
    extra = (
        "\n\nA second clerk later wrote {{ 7*7 }} and <script>alert(2)</script> and "
        "[notes](javascript:alert(2)) in the appendix of the annual harbour report.\n"
    )
    txt = write(tmp_path / "in" / "hostile.txt", text.replace("the harbour map", "a harbour map") + extra)
    out = tmp_path / "out"
    for fmt in ("html", "md", "json"):
        code, _, err = run(capsys, md, txt, "-o", out / f"report.{fmt}", "--generated-at", FIXED_TIME)
        assert "Traceback" not in err
        assert code == OK, err
    assert sorted(p.name for p in out.iterdir()) == ["report.html", "report.json", "report.md"]

    page = (out / "report.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page
    assert not re.search(r"<img[^>]*onerror", page, re.IGNORECASE)
    assert "<iframe" not in page.lower()
    # The text article's markup is shown, escaped.
    # (the diff may wrap parts of it in <ins>/<mark>, so allow the report's own tags in between)
    assert re.search(r"&lt;(?:<[^>]+>)*script(?:<[^>]+>)*&gt;(?:<[^>]+>)*alert", page)
    assert re.search(r"&lt;(?:<[^>]+>)*img src=x onerror=alert", page)
    parser = _Markup()
    parser.feed(page)
    for tag, attrs in parser.tags:
        assert tag != "iframe"
        for name, value in attrs:
            assert not (name.startswith("on") and value and "alert" in value), (tag, name, value)
            if name in ("href", "src", "action", "formaction", "xlink:href"):
                assert not (value or "").strip().lower().startswith("javascript:"), (tag, name, value)
    assert not any("alert(1)" in script for script in parser.scripts)
    assert "{{ 7*7 }}" in page
    assert not re.search(r"typed\s+49\b", page)
    assert "{% raw %}" in page

    markdown = (out / "report.md").read_text(encoding="utf-8")
    # The passage only in the text article is listed, Markdown-escaped so that nothing in it is live.
    assert "{{ 7\\*7 }}" in markdown and not re.search(r"wrote\s+49\b", markdown)
    assert "\\<script\\>alert(2)" in markdown
    assert not re.search(r"(?<!\\)\]\(\s*javascript:", markdown, re.IGNORECASE)
    # Every "<" of the articles is escaped ("\<iframe …", now that a sentence both carry is shown whole beside the
    # words it adds): no tag is live.
    assert not re.search(r"(?<!\\)<(?:script|iframe|img)", markdown, re.IGNORECASE)
    assert "\\<iframe" in markdown
    import markdown as python_markdown

    rendered = python_markdown.markdown(markdown, extensions=["tables"])
    assert not re.search(r"<(?:script|iframe|img)\b", rendered, re.IGNORECASE)

    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    texts_b = " ".join(sentence_texts(data, "b"))
    assert "{{ 7*7 }}" in texts_b and "{% raw %}" in texts_b
    assert "x" * 5000 in texts_b
    assert http_server.requests == []


# -- faults ------------------------------------------------------------------------------


def test_disk_full_while_writing_leaves_no_file(
    capsys: pytest.CaptureFixture[str], good: Path, out_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The disk fills up as the report is flushed: simulated, since a real full disk needs a mount.
    import errno

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    code, _, err = run(capsys, good, SEED_A, "-o", out_dir / "report.html")
    assert code == RENDER
    line = one_line_error(err, "report.html")
    assert "No space left on device" in line
    assert_folder_empty(out_dir)


@pytest.mark.parametrize("signal_number", [2, 15], ids=["SIGINT", "SIGTERM"])
def test_interrupted_single_report_leaves_no_file(good: Path, out_dir: Path, signal_number: int) -> None:
    target = out_dir / "report.pdf"
    process = subprocess.Popen(
        [sys.executable, "-m", "compare", str(good), str(SEED_A), "-o", str(target)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    # Wait until the command is rendering the PDF (Pango is loaded), however slow the machine:
    # a signal that arrives while Python itself is still starting tests nothing of ours.
    maps = Path(f"/proc/{process.pid}/maps")
    if not maps.exists():
        process.kill()
        pytest.skip("needs /proc to see when the command is rendering")

    def rendering() -> bool:
        try:
            return "pango" in maps.read_text(errors="replace")
        except OSError:  # the process has just ended
            return False

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and process.poll() is None and not rendering():
        time.sleep(0.02)
    time.sleep(0.1)
    process.send_signal(signal_number)
    _, err = process.communicate(timeout=60)
    if process.returncode == OK:
        pytest.skip("the report finished before the signal arrived on this machine")
    assert process.returncode == 130, err
    assert err.strip().splitlines()[-1].startswith("article-compare: interrupted; no partial file is left")
    left = sorted(path.name for path in out_dir.iterdir())
    if left == [target.name]:
        # The signal came in the instant between the report's atomic rename and the end of the run:
        # the file must then be the whole report, never a part of one.
        assert target.read_bytes().rstrip().endswith(b"%%EOF")
    else:
        assert_folder_empty(out_dir)

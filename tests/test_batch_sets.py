"""Batch mode with sets (issue 14): ``[[set]]`` tables and ``set-*/`` folders run beside pairs.

Every article here is invented: the three outlets of ``tests/sets/harbour-bridge/``, a fourth written below,
and the gold versions pair for the pairs.  Sets are rendered as JSON (the set templates of the other formats
are written elsewhere; `test_every_format_of_a_set_is_written_and_linked` covers them once they exist).
"""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import ROOT

from compare.batch import BatchOptions, run_batch
from compare.cli import main
from compare.errors import GATE_FAILED, OK, PAIRS_FAILED, USAGE, ConfigError
from compare.export import schema_path
from compare.gates import METRICS, failed_gates, gate_problem, parse_gate
from compare.manifest import PairSpec, SetSpec, read_manifest, read_pairs
from compare.summary import BatchResult, PairRecord, SetRecord, set_figures, write_summaries

BRIDGE = ROOT / "tests" / "sets" / "harbour-bridge"
FIRE = ROOT / "tests" / "gold" / "pairs" / "versions-chemical-fire"
OPTIONS = BatchOptions(formats=("json",), generated_at="2026-01-01T00:00:00Z")
FOURTH = """Velmora bridge shut for weeks as engineers study crack

The harbour bridge in Velmora was closed on Tuesday after a crack was found in its main steel span.

Mayor Ilse Brandvik said the bridge would stay shut for at least three weeks.

Shops near the southern approach said trade had fallen by half since the closure.

The city council will hold an emergency meeting on Thursday to discuss the cost of repairs.
"""


def _summary_schema() -> dict[str, Any]:
    return json.loads((schema_path().parent / "summary.schema.json").read_text(encoding="utf-8"))


def _articles(folder: Path) -> Path:
    """Copy the fixture articles into `folder`: the fire pair (fa.txt, fb.txt) and the bridge set (1–4.txt)."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(FIRE / "a.txt", folder / "fa.txt")
    shutil.copy(FIRE / "b.txt", folder / "fb.txt")
    for number in (1, 2, 3):
        shutil.copy(BRIDGE / f"{number}.txt", folder / f"{number}.txt")
    (folder / "4.txt").write_text(FOURTH, encoding="utf-8")
    return folder


MIXED = """
[[pair]]
id = "fire"
a = "fa.txt"
b = "fb.txt"

[[pair]]
id = "fire-named"
a = "fa.txt"
b = "fb.txt"
label_a = "The Early"
label_b = "The Late"

[[set]]
id = "bridge"
articles = ["1.txt", "2.txt", "3.txt"]
labels = ["The Courier", "", "The Gazette"]
published = "2026-03-03"
note = "three outlets"

[[set]]
id = "bridge-four"
articles = ["1.txt", "2.txt", "3.txt", "4.txt"]
"""


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    """A manifest of two pairs and two sets, run once on two local processes: (its output folder, the result)."""
    folder = _articles(tmp_path_factory.mktemp("mixed") / "in")
    (folder / "pairs.toml").write_text(MIXED, encoding="utf-8")
    out = folder.parent / "out"
    result = run_batch(read_pairs(folder / "pairs.toml"), out, OPTIONS, jobs=2)
    return out, result


# -- the manifest ---------------------------------------------------------------------------------------------


def test_a_set_table_reads_beside_pairs_with_paths_resolved(tmp_path: Path) -> None:
    folder = _articles(tmp_path)
    (folder / "pairs.toml").write_text(MIXED, encoding="utf-8")
    items = read_manifest(folder / "pairs.toml")
    assert [(item.kind, item.id) for item in items] == [
        ("pair", "fire"),
        ("pair", "fire-named"),
        ("set", "bridge"),
        ("set", "bridge-four"),
    ]
    bridge = items[2]
    assert isinstance(bridge, SetSpec) and bridge.problem is None
    assert bridge.articles == tuple(str(folder / f"{n}.txt") for n in (1, 2, 3))
    assert bridge.labels == ("The Courier", None, "The Gazette")
    assert (bridge.published, bridge.note, bridge.shown) == ("2026-03-03", "three outlets", ("1.txt", "2.txt", "3.txt"))


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('[[set]]\nid = "fire"\narticles = ["1.txt", "2.txt", "3.txt"]\n', "id 'fire' appears twice"),
        ('[[set]]\nid = "s"\narticles = ["1.txt", "2.txt", "3.txt"]\nlabel_a = "x"\n', "unknown field(s) label_a"),
        ('[[set]]\nid = "s"\narticles = ["../1.txt", "2.txt", "3.txt"]\n', "outside the manifest's folder"),
        ('[[set]]\nid = "s"\narticles = "1.txt"\n', 'needs "articles", a list of paths or URLs'),
        ('[[set]]\nid = "s"\narticles = ["1.txt", "2.txt", "3.txt"]\nlabels = "x"\n', "write a list of names"),
        ('[[set]]\narticles = ["1.txt", "2.txt", "3.txt"]\n', 'lacks the field "id"'),
        ('[[set]]\nid = "s"\narticles = ["1.txt", "2.txt", "3.txt"]\nversions = "yes"\n', "write true or false"),
    ],
)
def test_a_set_table_that_is_not_well_formed_stops_the_batch_as_a_bad_pair_does(
    tmp_path: Path, table: str, message: str
) -> None:
    manifest = tmp_path / "pairs.toml"
    manifest.write_text(f'[[pair]]\nid = "fire"\na = "fa.txt"\nb = "fb.txt"\n\n{table}', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        read_manifest(manifest)
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_a_manifest_of_sets_alone_is_a_manifest_and_an_empty_one_is_not(tmp_path: Path) -> None:
    manifest = tmp_path / "pairs.toml"
    manifest.write_text('[[set]]\nid = "s"\narticles = ["1.txt", "2.txt", "3.txt"]\n', encoding="utf-8")
    assert [(item.kind, item.id) for item in read_manifest(manifest)] == [("set", "s")]
    manifest.write_text('title = "no tables"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"lists no pairs or sets; add \[\[pair\]\] tables .* or \[\[set\]\] tables"):
        read_manifest(manifest)


# -- a batch of pairs and sets --------------------------------------------------------------------------------


def test_two_pairs_and_two_sets_each_get_their_folder_and_figures(mixed: tuple[Path, Any]) -> None:
    out, result = mixed
    assert result.totals == {"ok": 4, "skipped": 0, "failed": 0}
    assert [(r.kind, r.id) for r in result.records] == [
        ("pair", "fire"),
        ("pair", "fire-named"),
        ("set", "bridge"),
        ("set", "bridge-four"),
    ]
    assert json.loads((out / "fire" / "comparison.json").read_text(encoding="utf-8"))["schema_version"] == 2
    for record in result.sets:
        data = json.loads((out / record.id / "comparison.json").read_text(encoding="utf-8"))
        assert data["kind"] == "set" and record.outputs == {"json": f"{record.id}/comparison.json"}
        ids = list(data["documents"])
        assert [d["id"] for d in record.documents] == ids == list("abcd"[: len(ids)])
        assert [d["label"] for d in record.documents] == [data["documents"][i]["label"] for i in ids]
        assert [d["title"] for d in record.documents] == [data["documents"][i]["title"] for i in ids]
        facts = data["facts"]
        assert record.figures["facts"] == len(facts) > 0
        assert record.figures["facts.all"] == sum(len(f["in"]) == len(ids) for f in facts)
        for doc in ids:
            assert record.figures[f"exclusive.{doc}"] == sum(f["in"] == [doc] for f in facts)
            carried = sum(doc in f["in"] for f in facts) / len(facts)
            assert record.figures[f"carried.{doc}"] == pytest.approx(carried, abs=1e-4)
    bridge = result.sets[0]
    # The set's labels, else the article's file name (the fixture articles name no outlet).
    assert [d["label"] for d in bridge.documents] == ["The Courier", "2.txt", "The Gazette"]
    assert len(result.sets[1].documents) == 4


def test_the_summary_lists_sets_beside_pairs_and_validates(mixed: tuple[Path, Any]) -> None:
    out, result = mixed
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(_summary_schema()).validate(summary)
    assert summary["schema_version"] == 2
    assert [p["id"] for p in summary["pairs"]] == ["fire", "fire-named"]
    assert [s["id"] for s in summary["sets"]] == ["bridge", "bridge-four"]
    assert summary["gates"] == {"conditions": [], "failed_pairs": 0, "failed_sets": 0}
    row = summary["sets"][0]
    assert row["figures"] == result.sets[0].figures and "seconds" not in row
    assert row["documents"][0] == {"id": "a", "label": "The Courier", "title": result.sets[0].documents[0]["title"]}
    timings = json.loads((out / "timings.json").read_text(encoding="utf-8"))
    assert set(timings["pairs"]) == {"fire", "fire-named"} and set(timings["sets"]) == {"bridge", "bridge-four"}


def test_the_index_and_markdown_summary_show_each_set_with_its_figures(mixed: tuple[Path, Any]) -> None:
    out, result = mixed
    bridge = result.sets[0]
    figures = bridge.figures
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "article-compare: 2 pairs, 2 sets</h1>" in index
    sets_table = index.split('<table id="sets"', 1)[1]
    row = sets_table.split('<th scope="row">bridge</th>', 1)[1].split("</tr>", 1)[0]
    assert 'href="bridge/comparison.json"' in row
    most = max(figures[f"exclusive.{d}"] for d in "abc")
    for doc, label in zip("abc", ["The Courier", "2.txt", "The Gazette"], strict=True):
        exclusive = int(figures[f"exclusive.{doc}"])
        share = round(figures[f"carried.{doc}"] * 100)
        assert f"{label}: " in row and f"{exclusive} exclusive" in row and f"carries {share}%" in row
    cells = [cell.split(">", 1)[1].split("<", 1)[0] for cell in row.split('<td class="num"')[1:]]
    assert cells == ["3", str(figures["facts"]), str(figures["facts.all"]), str(most)]
    markdown = (out / "summary.md").read_text(encoding="utf-8")
    assert markdown.startswith("## article-compare: 2 pairs, 2 sets\n")
    exclusives = " · ".join(
        f"{d} {label}: " + (f"**{figures[f'exclusive.{d}']}**" if figures[f"exclusive.{d}"] == most else "")
        for d, label in zip("abc", ["The Courier", "2.txt", "The Gazette"], strict=True)
    )
    line = next(line for line in markdown.splitlines() if line.startswith("| bridge |"))
    assert line.startswith(f"| bridge | ok | {figures['facts']} | {figures['facts.all']} | ")
    for part in exclusives.split(" · "):
        assert part in line
    assert "| fire-named | ok | The Early | The Late |" in markdown


def _set_record(set_id: str, articles: int, facts: int, everyone: int, most: int) -> SetRecord:
    """A made-up record of a compared set (for the index alone): document a has the most exclusives."""
    ids = "abcdefghijklmnopqrstuvwxyz"[:articles]
    exclusives = {doc: most if doc == "a" else 0 for doc in ids}
    shares = dict.fromkeys(ids, 0.5)
    documents = tuple({"id": doc, "label": f"Outlet {doc.upper()}", "title": "A headline"} for doc in ids)
    figures = set_figures(facts, everyone, exclusives, shares)
    return SetRecord(set_id, "ok", documents=documents, figures=figures, outputs={"json": f"{set_id}/comparison.json"})


@pytest.mark.browser
def test_the_index_sorts_sets_and_pairs_each_in_its_own_table(tmp_path: Path, browser: Any) -> None:
    records = (
        PairRecord("beta", "ok", figures=dict.fromkeys(METRICS, 0) | {"only_in.a": 1}),
        PairRecord("alpha", "ok", figures=dict.fromkeys(METRICS, 0) | {"only_in.a": 3}),
        # Each figure orders the sets otherwise than the number of articles does, so a sort by the wrong column shows.
        _set_record("s1", 3, facts=20, everyone=1, most=1),
        _set_record("s2", 4, facts=10, everyone=3, most=5),
        _set_record("s3", 5, facts=15, everyone=2, most=3),
        SetRecord("s4", "failed", error="set s4 has 2 articles; a set takes 3 to 26"),
    )
    write_summaries(BatchResult(records), tmp_path)
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto((tmp_path / "index.html").as_uri())

    def order(table: str) -> list[str]:
        return page.eval_on_selector_all(f"#{table} tbody th", "cells => cells.map(c => c.innerText)")

    assert order("sets") == ["s1", "s2", "s3", "s4"]
    for column, ascending in (
        ("Articles", ["s1", "s2", "s3"]),
        ("Facts", ["s2", "s3", "s1"]),
        ("Carried by all", ["s1", "s3", "s2"]),
        ("Most exclusives", ["s1", "s3", "s2"]),
    ):
        page.click(f"#sets th button:text('{column}')")
        assert order("sets") == [*ascending, "s4"], column  # a failed set sorts last either way
        page.click(f"#sets th button:text('{column}')")
        assert order("sets") == [*ascending[::-1], "s4"], column
    assert order("pairs") == ["beta", "alpha"]  # sorting one table leaves the other alone
    page.click("#pairs th button:text('Only in A')")
    assert order("pairs") == ["beta", "alpha"]
    page.click("#pairs th button:text('Only in A')")
    assert order("pairs") == ["alpha", "beta"]
    assert errors == []
    page.close()


def test_a_batch_of_pairs_alone_writes_the_summary_it_wrote_before_sets(tmp_path: Path) -> None:
    folder = _articles(tmp_path / "in")
    spec = PairSpec("fire", str(folder / "fa.txt"), str(folder / "fb.txt"))
    run_batch([spec], tmp_path / "out", OPTIONS, jobs=1)
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert set(summary) == {"schema_version", "tool", "totals", "gates", "pairs"}
    assert summary["gates"] == {"conditions": [], "failed_pairs": 0}
    assert json.loads((tmp_path / "out" / "timings.json").read_text(encoding="utf-8")).keys() == {"pairs"}
    assert '<table id="sets"' not in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "| Set |" not in (tmp_path / "out" / "summary.md").read_text(encoding="utf-8")


def test_the_schema_keeps_old_summaries_valid_and_refuses_a_bad_set_row() -> None:
    validator = jsonschema.Draft202012Validator(_summary_schema())
    old = {
        "schema_version": 2,
        "tool": {"name": "article-compare", "version": "0.1.0"},
        "totals": {"ok": 0, "skipped": 0, "failed": 1},
        "gates": {"conditions": [], "failed_pairs": 0},
        "pairs": [
            {
                "id": "p",
                "status": "failed",
                "label_a": "",
                "label_b": "",
                "title_a": "",
                "title_b": "",
                "figures": {},
                "outputs": {},
                "error": "x",
                "gates_failed": [],
            }
        ],
    }
    validator.validate(old)
    good_row = {
        "id": "s",
        "status": "ok",
        "documents": [{"id": doc, "label": doc.upper(), "title": "t"} for doc in "abc"],
        "figures": {"facts": 4, "facts.all": 1}
        | {f"exclusive.{d}": 1 for d in "abc"}
        | {f"carried.{d}": 0.5 for d in "abc"},
        "outputs": {"json": "s/comparison.json"},
        "error": "",
        "gates_failed": [],
    }
    validator.validate({**old, "sets": [good_row]})
    for bad in (
        {**good_row, "figures": {**good_row["figures"], "carried.a": 1.5}},
        {**good_row, "figures": {**good_row["figures"], "exclusive.aa": 1}},
        {**good_row, "figures": {**good_row["figures"], "only_in.a": 1}},
        {**good_row, "documents": good_row["documents"][:2]},
        {**good_row, "status": "failed"},  # a failed set says why
    ):
        assert list(validator.iter_errors({**old, "sets": [bad]})), bad


# -- set-*/ folders -------------------------------------------------------------------------------------------


def _set_folder(root: Path, name: str, numbers: tuple[int, ...] = (1, 2, 3)) -> Path:
    folder = root / name
    folder.mkdir(parents=True)
    for number in numbers:
        shutil.copy(BRIDGE / f"{number}.txt", folder / f"{number}.txt")
    return folder


def test_set_folders_run_beside_pair_folders_and_a_bad_one_fails_alone(tmp_path: Path, capsys) -> None:
    pairs = tmp_path / "pairs"
    pair = pairs / "pair-fire"
    pair.mkdir(parents=True)
    shutil.copy(FIRE / "a.txt", pair / "a.txt")
    shutil.copy(FIRE / "b.txt", pair / "b.txt")
    named = _set_folder(pairs, "set-named")
    (named / "set.toml").write_text(
        'labels = ["The Courier", "The Herald", ""]\nnote = "invented"\npublished = "2026-03-03"\n', encoding="utf-8"
    )
    (named / "notes.txt").write_text("not an article: its name is not a number\n", encoding="utf-8")
    _set_folder(pairs, "set-plain")
    gap = _set_folder(pairs, "set-gap", numbers=(1, 2))
    shutil.copy(BRIDGE / "3.txt", gap / "4.txt")
    _set_folder(pairs, "set-two", numbers=(1, 2))
    items = {item.id: item for item in read_pairs(pairs)}
    assert [item.id for item in read_pairs(pairs)] == ["pair-fire", "set-gap", "set-named", "set-plain", "set-two"]
    named_spec = items["set-named"]
    assert isinstance(named_spec, SetSpec)
    assert [Path(a).name for a in named_spec.articles] == ["1.txt", "2.txt", "3.txt"]
    assert (named_spec.published, named_spec.note) == ("2026-03-03", "invented")
    out = tmp_path / "out"
    assert main(["batch", str(pairs), "-o", str(out), "--formats", "json", "--no-progress", "-j", "1"]) == PAIRS_FAILED
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(_summary_schema()).validate(summary)
    sets = {s["id"]: s for s in summary["sets"]}
    assert summary["pairs"][0]["status"] == "ok"
    assert sets["set-gap"]["error"] == (
        "set-gap numbers its articles 1, 2, 4; number them 1, 2, 3 … without gaps (3 missing)"
    )
    assert sets["set-two"]["error"] == "set-two has 2 articles; a set takes 3 to 26 (two articles make a pair)"
    assert not (out / "set-gap").exists() and not (out / "set-two").exists()

    def labels(set_id: str) -> list[str]:
        documents = json.loads((out / set_id / "comparison.json").read_text(encoding="utf-8"))["documents"]
        return [documents[doc]["label"] for doc in "abc"]

    assert labels("set-named") == ["The Courier", "The Herald", "set-named 3"]
    assert labels("set-plain") == ["set-plain 1", "set-plain 2", "set-plain 3"]  # not "1.txt", "2.txt", "3.txt"
    err = capsys.readouterr().err
    assert "set-two failed: set-two has 2 articles; a set takes 3 to 26" in err
    (named / "set.toml").write_text('label_a = "x"\n', encoding="utf-8")
    assert main(["batch", str(pairs), "-o", str(tmp_path / "out2"), "--no-progress"]) == USAGE
    assert "set-named/set.toml has unknown field(s) label_a" in capsys.readouterr().err


def test_a_set_folder_with_an_article_numbered_twice_fails_alone(tmp_path: Path) -> None:
    folder = _set_folder(tmp_path / "pairs", "set-twice")
    shutil.copy(BRIDGE / "1.txt", folder / "1.md")
    (spec,) = read_pairs(tmp_path / "pairs")
    assert spec.problem == "set-twice has two articles numbered 1 (1.md, 1.txt); keep one"


def test_a_set_folder_article_that_leads_outside_the_folder_is_refused(tmp_path: Path) -> None:
    folder = _set_folder(tmp_path / "pairs", "set-link", numbers=(1, 2))
    (tmp_path / "secret.txt").write_text("Not an article.\n", encoding="utf-8")
    (folder / "3.txt").symlink_to(tmp_path / "secret.txt")
    with pytest.raises(ConfigError, match=r"set-link/3\.txt leads outside the folder"):
        read_pairs(tmp_path / "pairs")


# -- the cache ------------------------------------------------------------------------------------------------


def test_an_unchanged_set_is_skipped_and_redone_when_an_article_or_a_label_changes(tmp_path: Path) -> None:
    folder = _articles(tmp_path / "in")
    spec = SetSpec("bridge", tuple(str(folder / f"{n}.txt") for n in (1, 2, 3)), shown=("1.txt", "2.txt", "3.txt"))
    out = tmp_path / "out"

    def status(item: SetSpec = spec, options: BatchOptions = OPTIONS) -> str:
        (record,) = run_batch([item], out, options, jobs=1).records
        return record.status

    assert status() == "ok"
    first = (out / "bridge" / "comparison.json").read_bytes()
    assert status() == "skipped"
    assert (out / "bridge" / "comparison.json").read_bytes() == first
    skipped = json.loads((out / "summary.json").read_text(encoding="utf-8"))["sets"][0]
    assert skipped["status"] == "skipped" and skipped["figures"]["facts"] > 0 and len(skipped["documents"]) == 3
    third = folder / "3.txt"
    third.write_text(third.read_text(encoding="utf-8") + "\nThe port authority said cargo ships were not affected.\n")
    assert status() == "ok"
    assert (out / "bridge" / "comparison.json").read_bytes() != first
    assert status() == "skipped"
    assert status(replace(spec, labels=("The Courier", None, None))) == "ok"  # labels are part of the key
    assert status(replace(spec, labels=("The Courier", None, None))) == "skipped"
    other = replace(OPTIONS, compare=replace(OPTIONS.compare, shared_coverage=0.8))
    assert status(replace(spec, labels=("The Courier", None, None)), other) == "ok"  # so are the options
    (out / "bridge" / "comparison.json").unlink()
    assert status(replace(spec, labels=("The Courier", None, None)), other) == "ok"  # a lost report is made again
    assert not list(out.glob(".partial-*"))


def test_a_set_cache_key_covers_the_model_and_each_article_apart(tmp_path: Path) -> None:
    from compare.cache import cache_key

    folder = _articles(tmp_path)
    spec = SetSpec("s", tuple(str(folder / f"{n}.txt") for n in (1, 2, 3)))
    fields = OPTIONS.cache_fields()
    key = cache_key(spec, fields, OPTIONS.max_bytes)
    assert "model" in fields  # the paraphrase model (or none) is one of the options the key holds
    assert cache_key(spec, {**fields, "model": "another:0"}, OPTIONS.max_bytes) != key
    # The same bytes split otherwise between two articles make another key.
    one, two = (folder / "1.txt").read_bytes(), (folder / "2.txt").read_bytes()
    (folder / "1.txt").write_bytes(one + two[:10])
    (folder / "2.txt").write_bytes(two[10:])
    assert cache_key(spec, fields, OPTIONS.max_bytes) != key
    pair = PairSpec("s", spec.articles[0], spec.articles[1])
    assert cache_key(pair, fields, OPTIONS.max_bytes) != cache_key(spec, fields, OPTIONS.max_bytes)


# -- sets that cannot be compared fail alone ------------------------------------------------------------------


BAD_SETS = """
[[pair]]
id = "fire"
a = "fa.txt"
b = "fb.txt"

[[set]]
id = "good"
articles = ["1.txt", "2.txt", "3.txt"]

[[set]]
id = "missing-article"
articles = ["1.txt", "2.txt", "gone.txt"]

[[set]]
id = "two"
articles = ["1.txt", "2.txt"]

[[set]]
id = "twenty-seven"
articles = [{twenty_seven}]

[[set]]
id = "labels"
articles = ["1.txt", "2.txt", "3.txt"]
labels = ["The Courier", "The Herald"]

[[set]]
id = "versions"
articles = ["1.txt", "2.txt", "3.txt"]
versions = true
"""


def test_bad_sets_fail_alone_each_with_one_clear_line(tmp_path: Path, capsys) -> None:
    folder = _articles(tmp_path / "in")
    twenty_seven = ", ".join(f'"{1 + n % 3}.txt"' for n in range(27))
    (folder / "pairs.toml").write_text(BAD_SETS.replace("{twenty_seven}", twenty_seven), encoding="utf-8")
    out = tmp_path / "out"
    code = main(["batch", str(folder / "pairs.toml"), "-o", str(out), "--formats", "json", "--no-progress", "-j", "2"])
    assert code == PAIRS_FAILED
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(_summary_schema()).validate(summary)
    assert summary["totals"] == {"ok": 2, "skipped": 0, "failed": 5}
    assert summary["pairs"][0]["status"] == "ok" and (out / "fire" / "comparison.json").is_file()
    sets = {s["id"]: s for s in summary["sets"]}
    assert sets["good"]["status"] == "ok" and (out / "good" / "comparison.json").is_file()
    expected = {
        "missing-article": "gone.txt: ",
        "two": "set two has 2 articles; a set takes 3 to 26 (two articles make a pair)",
        "twenty-seven": "set twenty-seven has 27 articles; a set takes 3 to 26",
        "labels": 'set labels has 2 labels for 3 articles; give one label per article, in order ("" for its own)',
        "versions": "set versions has versions = true; versions mode compares two articles, an earlier and a later "
        "one, not a set: make it a pair",
    }
    for set_id, start in expected.items():
        error = sets[set_id]["error"]
        assert sets[set_id]["status"] == "failed" and error.startswith(start), error
        assert "\n" not in error and str(tmp_path) not in error
        assert not (out / set_id).exists()
    assert "no such file" in sets["missing-article"]["error"]
    err = capsys.readouterr().err
    assert "[" in err and "missing-article failed: gone.txt: " in err and "Traceback" not in err
    markdown = (out / "summary.md").read_text(encoding="utf-8")
    assert (
        "| two | **failed** | set two has 2 articles; a set takes 3 to 26 (two articles make a pair) | | |" in markdown
    )


def test_batch_wide_versions_fails_sets_alone_with_a_clear_line(tmp_path: Path) -> None:
    folder = _articles(tmp_path)
    spec = SetSpec("bridge", tuple(str(folder / f"{n}.txt") for n in (1, 2, 3)))
    options = replace(OPTIONS, compare=replace(OPTIONS.compare, versions=True))
    (record,) = run_batch([spec], tmp_path / "out", options, jobs=1).records
    assert record.status == "failed"
    assert record.error == (
        "--versions compares an earlier and a later version of one story, not a set; run sets without --versions"
    )


def test_a_set_past_the_time_limit_is_stopped_and_recorded_failed(tmp_path: Path) -> None:
    folder = _articles(tmp_path / "in")
    spec = SetSpec("bridge", tuple(str(folder / f"{n}.txt") for n in (1, 2, 3)))
    pair = PairSpec("fire", str(folder / "fa.txt"), str(folder / "fb.txt"))
    options = replace(OPTIONS, pair_timeout=0.001)  # far less than reading three articles takes
    result = run_batch([spec, pair], tmp_path / "out", options, jobs=1)
    record = result.sets[0]
    assert record.status == "failed"
    assert record.error == "took longer than 0.001 s, the time limit per pair or set (--pair-timeout), and was stopped"
    assert not (tmp_path / "out" / "bridge").exists() and not list((tmp_path / "out").glob(".partial-*"))
    assert result.pairs[0].error.startswith("took longer than 0.001 s, the pair time limit")  # the same limit


# -- gates ----------------------------------------------------------------------------------------------------


def test_set_gates_parse_apply_to_sets_only_and_pair_gates_to_pairs_only() -> None:
    exclusive, carried, only_in = (parse_gate(t) for t in ("exclusive.c > 5", "carried.b < 0.5", "only_in.b > 0"))
    assert (exclusive.kind, exclusive.document, carried.document) == ("set", "c", "b")
    assert (only_in.kind, only_in.document) == ("pair", None)
    figures = {"exclusive.c": 7, "carried.b": 0.4, "only_in.b": 3}  # a set's figures never hold only_in.b: a probe
    set_record = SetRecord("s", "ok", figures=figures)
    pair_record = PairRecord("p", "ok", figures=figures)
    gates = [exclusive, carried, only_in]
    assert failed_gates(set_record, gates) == ["exclusive.c > 5 (it is 7)", "carried.b < 0.5 (it is 0.4)"]
    assert failed_gates(pair_record, gates) == ["only_in.b > 0 (it is 3)"]
    assert failed_gates(replace(set_record, status="failed"), gates) == []
    for text in ("exclusive.aa > 1", "exclusive > 1", "carried.B < 1", "shared.c > 1"):
        with pytest.raises(ConfigError, match="--fail-if"):
            parse_gate(text)


def test_a_gate_naming_a_document_a_set_lacks_is_that_sets_usage_error() -> None:
    three = SetSpec("three", ("1.txt", "2.txt", "3.txt"))
    four = SetSpec("four", ("1.txt", "2.txt", "3.txt", "4.txt"))
    gates = [parse_gate("exclusive.d > 0"), parse_gate("only_in.b > 0")]
    assert gate_problem(three, gates) == (
        "--fail-if 'exclusive.d > 0' names document d, but set three has 3 articles (a to c); name one of those"
    )
    assert gate_problem(four, gates) is None
    assert gate_problem(PairSpec("p", "a.txt", "b.txt"), gates) is None


def test_set_gates_fire_on_sets_and_a_missing_document_fails_only_that_set(tmp_path: Path, capsys) -> None:
    folder = _articles(tmp_path / "in")
    (folder / "pairs.toml").write_text(MIXED, encoding="utf-8")
    out = tmp_path / "out"
    base = ["batch", str(folder / "pairs.toml"), "-o", str(out), "--formats", "json", "--no-progress", "-j", "2"]
    # Gates every set meets, and one no pair meets: the sets alone fail them.
    assert main(
        [*base, "--fail-if", "exclusive.c > 0", "--fail-if", "carried.a <= 1", "--fail-if", "changes > 99"]
    ) == (GATE_FAILED)
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(_summary_schema()).validate(summary)
    assert summary["gates"]["failed_pairs"] == 0 and summary["gates"]["failed_sets"] == 2
    assert all(p["gates_failed"] == [] for p in summary["pairs"])
    for row in summary["sets"]:
        figures = row["figures"]
        assert figures["exclusive.c"] > 0  # the fixture's third outlet has facts of its own
        assert row["gates_failed"] == [
            f"exclusive.c > 0 (it is {figures['exclusive.c']:g})",
            f"carried.a <= 1 (it is {figures['carried.a']:g})",
        ]
    err = capsys.readouterr().err
    assert "article-compare: gate: bridge: exclusive.c > 0 (it is " in err
    assert "**Gate failed:** 2 sets meet a `--fail-if` condition" in (out / "summary.md").read_text(encoding="utf-8")
    # A gate on the fourth document: the set of three cannot be checked and fails alone; the set of four runs.
    assert main([*base, "--fail-if", "exclusive.d > 100"]) == PAIRS_FAILED
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    sets = {s["id"]: s for s in summary["sets"]}
    assert sets["bridge"]["status"] == "failed"
    assert sets["bridge"]["error"] == (
        "--fail-if 'exclusive.d > 100' names document d, but set bridge has 3 articles (a to c); name one of those"
    )
    assert sets["bridge-four"]["status"] == "skipped" and sets["bridge-four"]["gates_failed"] == []
    assert [p["status"] for p in summary["pairs"]] == ["skipped", "skipped"]
    assert (out / "bridge" / "comparison.json").is_file()  # an earlier run's reports stay, as for a failed pair
    err = capsys.readouterr().err
    assert "bridge failed: --fail-if 'exclusive.d > 100' names document d" in err and "Traceback" not in err
    # The summaries do not say the gate passed when a set could not be checked against it.
    markdown = (out / "summary.md").read_text(encoding="utf-8")
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "Gates passed:" not in markdown and "Gates passed:" not in index
    checked = "Gates passed by every pair and set compared (exclusive.d \\> 100); 1 failed before a gate could be"
    assert checked in markdown
    assert "Gates passed by every pair and set compared (exclusive.d &gt; 100); 1 failed" in index
    # A pair gate alone leaves the sets unchecked, and so passes them.
    assert main([*base, "--fail-if", "only_in.b > 999"]) == OK


# -- every format, and the Dask executor ----------------------------------------------------------------------


def test_every_format_of_a_set_is_written_and_linked(tmp_path: Path) -> None:
    from compare.render import templates_dir

    missing = [n for n in ("set_report.html.j2", "set_report.md.j2") if not (templates_dir() / n).is_file()]
    if missing:
        pytest.skip(f"the set templates are not written yet ({', '.join(missing)})")
    folder = _articles(tmp_path / "in")
    spec = SetSpec("bridge", tuple(str(folder / f"{n}.txt") for n in (1, 2, 3)))
    options = replace(OPTIONS, formats=("json", "html", "md"))
    (record,) = run_batch([spec], tmp_path / "out", options, jobs=1).records
    assert record.status == "ok", record.error
    assert set(record.outputs) == {"json", "html", "md"}
    for path in record.outputs.values():
        assert (tmp_path / "out" / path).stat().st_size > 0
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert 'href="bridge/report.html"' in index and 'href="bridge/report.md"' in index


@pytest.mark.slow
def test_dask_local_cluster_runs_sets_as_local_processes_do(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    folder = _articles(tmp_path / "in")
    (folder / "pairs.toml").write_text(MIXED, encoding="utf-8")
    items = read_pairs(folder / "pairs.toml")
    items = (items[0], items[2], SetSpec("two", items[2].sources[:2], problem="set two has 2 articles"))
    local = run_batch(items, tmp_path / "local", OPTIONS, jobs=2)
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        remote = run_batch(items, tmp_path / "dask", OPTIONS, executor="dask", scheduler=cluster.scheduler_address)
    assert [(r.kind, r.id, r.status) for r in remote.records] == [
        ("pair", "fire", "ok"),
        ("set", "bridge", "ok"),
        ("set", "two", "failed"),
    ]
    assert [(r.id, r.status, r.figures) for r in local.records] == [(r.id, r.status, r.figures) for r in remote.records]
    for name in ("bridge/comparison.json", "fire/comparison.json", "summary.json", "summary.md", "index.html"):
        assert (tmp_path / "local" / name).read_bytes() == (tmp_path / "dask" / name).read_bytes(), name
    assert not list((tmp_path / "dask").glob(".partial-*"))

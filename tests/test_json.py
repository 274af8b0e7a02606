"""Tests of the JSON output against its published schema and its internal consistency.

Cases: the seed pair and every gold pair under tests/gold/pairs/ (inputs
``a.*``/``b.*``: text, Markdown or HTML), found automatically.

Matches are not fully symmetric, by design: a sentence that the other side
covers too little is ``unique`` and lists no matches (the schema requires
that), even when a shorter sentence on the other side, which it covers
well, lists it.  What holds is checked in `test_matches_point_to_existing_sentences_on_the_other_side`.
"""

from __future__ import annotations

import importlib.resources
import json
import os
import subprocess
import sys
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, SEED_A, SEED_B, compare_as_the_command_does

from compare.export import SCHEMA_VERSION, load_schema, schema_path, to_json
from compare.model import STATUSES


def discover_pairs() -> list[Any]:
    """The seed pair and each gold pair folder holding exactly one ``a.*`` and one ``b.*``."""
    pairs = [pytest.param(SEED_A, SEED_B, id="seed-mattis-nato")]
    for folder in sorted(p for p in (ROOT / "tests" / "gold" / "pairs").iterdir() if p.is_dir()):
        a = [p for p in folder.iterdir() if p.stem == "a"]
        b = [p for p in folder.iterdir() if p.stem == "b"]
        assert len(a) == 1 and len(b) == 1, folder
        pairs.append(pytest.param(a[0], b[0], id=folder.name))
    return pairs


PAIRS = discover_pairs()


@cache
def comparison_json(a: Path, b: Path) -> dict[str, Any]:
    """The JSON output for the pair (`a`, `b`), parsed (computed once per pair and order)."""
    return json.loads(to_json(compare_as_the_command_does(a, b)))


def all_sentences(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Every sentence of both documents, A first, in reading order."""
    return [s for side in "ab" for p in data["documents"][side]["paragraphs"] for s in p["sentences"]]


def sentences_by_id(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every sentence by id."""
    return {s["id"]: s for s in all_sentences(data)}


def paragraph_role(data: dict[str, Any]) -> dict[str, str]:
    """Paragraph id → role, both sides."""
    return {p["id"]: p["role"] for side in "ab" for p in data["documents"][side]["paragraphs"]}


# -- the schema ---------------------------------------------------------------------------


def test_schema_ships_inside_the_package() -> None:
    resource = importlib.resources.files("compare") / "schema" / "comparison.schema.json"
    assert resource.is_file()
    schema = json.loads(resource.read_text(encoding="utf-8"))
    assert schema == load_schema()
    assert Path(str(resource)) == schema_path()
    assert schema["properties"]["schema_version"] == {"const": SCHEMA_VERSION}


def test_version_1_documents_still_validate_against_the_version_1_schema() -> None:
    from jsonschema import Draft202012Validator

    old = load_schema(1)
    assert old["properties"]["schema_version"] == {"const": 1}
    Draft202012Validator.check_schema(old)
    # A version-2 document written down to version 1: what a release before v2 wrote.
    data = json.loads(json.dumps(comparison_json(SEED_A, SEED_B)))
    data["schema_version"] = 1
    del data["changes"], data["options"]["semantic"]
    data["options"].pop("together_coverage")
    data["stats"]["quotes"].pop("extended")
    for side in "ab":
        data["stats"][side].pop("reworded_sentences")
        for fact in data["only_in"][side]:
            del fact["context"]
            fact.pop("nearest", None)
            fact.pop("held", None)
        for paragraph in data["documents"][side]["paragraphs"]:
            for sentence in paragraph["sentences"]:
                sentence.pop("similarity", None)
                if sentence["status"] != "partial":
                    sentence["added"] = []
                if sentence["status"] == "reworded":
                    sentence["status"], sentence["matches"] = "unique", []
    data["quotes"] = [q for q in data["quotes"] if q["status"] != "extended"]
    assert not list(Draft202012Validator(old).iter_errors(data))
    assert list(Draft202012Validator(load_schema()).iter_errors(data))  # and it is not a version-2 document


def test_schema_is_valid_draft_2020_12(schema_validator: Any) -> None:
    assert schema_validator.META_SCHEMA["$id"].startswith("https://json-schema.org/draft/2020-12/")
    assert load_schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_schema_rejects_a_broken_document(schema_validator: Any) -> None:
    data = comparison_json(SEED_A, SEED_B)
    broken = json.loads(json.dumps(data))
    sentence = broken["documents"]["a"]["paragraphs"][3]["sentences"][0]
    sentence["status"] = "maybe"
    del broken["stats"]
    messages = {e.validator for e in schema_validator.iter_errors(broken)}
    assert {"required", "enum"} <= messages


# -- every pair ---------------------------------------------------------------------------


@pytest.mark.parametrize(("a", "b"), PAIRS)
def test_output_is_schema_valid(a: Path, b: Path, schema_validator: Any) -> None:
    data = comparison_json(a, b)
    errors = sorted(schema_validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]
    assert data["schema_version"] == 2
    assert data["tool"]["name"] == "article-compare"


@pytest.mark.parametrize(("a", "b"), PAIRS)
def test_ids_are_unique_and_well_formed(a: Path, b: Path) -> None:
    data = comparison_json(a, b)
    for side in "ab":
        paragraphs = data["documents"][side]["paragraphs"]
        assert [p["id"] for p in paragraphs] == [f"{side}-p{n}" for n in range(1, len(paragraphs) + 1)]
        for p in paragraphs:
            assert [s["id"] for s in p["sentences"]] == [f"{p['id']}-s{n}" for n in range(1, len(p["sentences"]) + 1)]
    for name, ids in (
        ("sentences", [s["id"] for s in all_sentences(data)]),
        ("facts", [f["id"] for side in "ab" for f in data["only_in"][side]]),
        ("quotes", [q["id"] for q in data["quotes"]]),
        ("entities", [e["id"] for e in data["entities"]]),
    ):
        duplicates = [i for i, n in Counter(ids).items() if n > 1]
        assert not duplicates, (name, duplicates)


@pytest.mark.parametrize(("a", "b"), PAIRS)
def test_every_sentence_has_exactly_one_status(a: Path, b: Path) -> None:
    data = comparison_json(a, b)
    roles = paragraph_role(data)
    for side in "ab":
        stats = data["stats"][side]
        counts: Counter[str] = Counter()
        for paragraph in data["documents"][side]["paragraphs"]:
            for s in paragraph["sentences"]:
                assert isinstance(s["status"], str) and s["status"] in STATUSES, s
                counts[s["status"]] += 1
                # Ignored exactly when the paragraph is not body text.
                assert (s["status"] == "ignored") == (roles[paragraph["id"]] != "body"), s["id"]
        assert sum(counts.values()) == stats["sentences"]
        assert counts["ignored"] == stats["sentences"] - stats["body_sentences"]
        assert (counts["shared"], counts["partial"], counts["reworded"], counts["unique"]) == (
            stats["shared_sentences"],
            stats["partial_sentences"],
            stats["reworded_sentences"],
            stats["unique_sentences"],
        )


@pytest.mark.parametrize(("a", "b"), PAIRS)
def test_matches_point_to_existing_sentences_on_the_other_side(a: Path, b: Path) -> None:
    data = comparison_json(a, b)
    sentences = sentences_by_id(data)
    matched_pairs = {(m["a"], m["b"]) for m in data["sentence_matches"]}
    for sentence_id, s in sentences.items():
        side = sentence_id[0]
        for other_id in s["matches"]:
            assert other_id in sentences, (sentence_id, other_id)
            assert other_id[0] != side, (sentence_id, other_id)
            assert ((sentence_id, other_id) if side == "a" else (other_id, sentence_id)) in matched_pairs
            other = sentences[other_id]
            # Symmetric, except that a sentence the other side barely covers is unique, or said in other words
            # by other sentences, and lists nothing of it, and a sentence covered by several together (or said in
            # other words) need not be each one's counterpart.
            assert (
                sentence_id in other["matches"]
                or other["status"] in ("unique", "reworded")
                or len(s["matches"]) > 1
                or s["status"] == "reworded"
            ), (sentence_id, other_id, other)
    for m in data["sentence_matches"]:
        assert m["a"].startswith("a-") and m["b"].startswith("b-")
        assert m["a"] in sentences and m["b"] in sentences
        # A reported match is listed by at least one of its sentences.
        assert m["b"] in sentences[m["a"]]["matches"] or m["a"] in sentences[m["b"]]["matches"], m


@pytest.mark.parametrize(("a", "b"), PAIRS)
def test_alignment_ids_exist_on_their_side(a: Path, b: Path) -> None:
    data = comparison_json(a, b)
    roles = paragraph_role(data)
    seen: Counter[str] = Counter()
    for group in data["alignment"]:
        for side in "ab":
            for paragraph_id in group[side]:
                assert paragraph_id in roles and paragraph_id.startswith(f"{side}-"), group
                assert roles[paragraph_id] == "body", group
                seen[paragraph_id] += 1
    assert all(n == 1 for n in seen.values()), "a paragraph belongs to at most one group"


@pytest.mark.parametrize(("a", "b"), PAIRS)
def test_facts_quotes_and_entities_refer_to_existing_things(a: Path, b: Path) -> None:
    data = comparison_json(a, b)
    sentences = sentences_by_id(data)
    roles = paragraph_role(data)
    entity_ids = {e["id"] for e in data["entities"]}
    # One quote may be compared with several on the other side (a quote one side splits in two).
    quote_ids = {q[side]["id"] for q in data["quotes"] for side in "ab" if q[side]}
    for side in "ab":
        for fact in data["only_in"][side]:
            for sentence_id in fact["sentences"]:
                assert sentence_id.startswith(f"{side}-") and sentence_id in sentences, fact["id"]
                # Only body sentences make facts: unique or partial ones, or shared ones whose
                # figures differ ("300" vs "1,300 evacuated"); never furniture.
                assert sentences[sentence_id]["status"] != "ignored", (fact["id"], sentence_id)
            assert set(fact["entities"]) <= entity_ids
            assert set(fact["quotes"]) <= quote_ids
    for quote in data["quotes"]:
        for side in "ab":
            if quote[side]:
                assert quote[side]["paragraph"] in roles
                assert all(s in sentences and s.startswith(f"{side}-") for s in quote[side]["sentences"])
    for entity in data["entities"]:
        for side in "ab":
            assert all(s in sentences and s.startswith(f"{side}-") for s in entity["sentences"][side])
            assert entity["mentions"][side] >= len(entity["sentences"][side])


@pytest.mark.parametrize(("a", "b"), PAIRS)
def test_swapping_a_and_b_mirrors_the_result(a: Path, b: Path) -> None:
    forward, backward = comparison_json(a, b), comparison_json(b, a)
    assert len(forward["only_in"]["a"]) == len(backward["only_in"]["b"])
    assert len(forward["only_in"]["b"]) == len(backward["only_in"]["a"])

    def mirrored(sentence_id: str) -> str:
        return ("b" if sentence_id[0] == "a" else "a") + sentence_id[1:]

    there, back = sentences_by_id(forward), sentences_by_id(backward)
    assert {mirrored(i) for i in there} == set(back)
    for sentence_id, s in there.items():
        other = back[mirrored(sentence_id)]
        assert other["text"] == s["text"]
        assert other["status"] == s["status"], sentence_id
        assert sorted(other["matches"]) == sorted(mirrored(m) for m in s["matches"]), sentence_id
    for side in "ab":
        assert forward["stats"][side] == backward["stats"]["b" if side == "a" else "a"]


# -- the seeds ----------------------------------------------------------------------------


def seed_paragraph(data: dict[str, Any], side: str, text: str) -> dict[str, Any]:
    """The one seed paragraph on `side` whose text contains `text`."""
    found = [p for p in data["documents"][side]["paragraphs"] if text in p["text"]]
    assert len(found) == 1, (side, text, [p["id"] for p in found])
    return found[0]


@pytest.mark.parametrize(
    ("side", "text", "role"),
    [
        ("a", "Photograph: Francois Lenoir/Reuters", "caption"),
        ("a", "READ SOME MORE", "boilerplate"),
        ("a", "– (Reuters)", "credit"),
        ("a", "Difficult diplomacy", "subhead"),
        ("b", "Click to follow", "boilerplate"),
        ("b", "The Independent Online", "boilerplate"),
    ],
)
def test_seed_furniture_is_marked_and_ignored(side: str, text: str, role: str) -> None:
    data = comparison_json(SEED_A, SEED_B)
    paragraph = seed_paragraph(data, side, text)
    assert paragraph["role"] == role
    assert {s["status"] for s in paragraph["sentences"]} == {"ignored"}
    assert all(s["matches"] == [] for s in paragraph["sentences"])
    fact_text = " ".join(f["text"] for f in data["only_in"][side])
    assert text not in fact_text


def test_seed_documents_carry_labels_titles_and_hashes() -> None:
    data = comparison_json(SEED_A, SEED_B)
    a, b = data["documents"]["a"], data["documents"]["b"]
    assert (a["label"], b["label"]) == ("The Irish Times", "The Independent")
    assert a["title"] == "Trump’s defence secretary rules out army collaboration with Russia"
    assert b["title"] == "US officials adopt combative tone on Russia at Nato summit"
    import hashlib

    assert a["sha256"] == hashlib.sha256(SEED_A.read_bytes()).hexdigest()
    assert [p["role"] for p in a["paragraphs"][:2]] == ["headline", "standfirst"]
    assert [p["role"] for p in b["paragraphs"][:2]] == ["headline", "standfirst"]


def test_seed_offsets_select_the_text_of_the_file() -> None:
    data = comparison_json(SEED_A, SEED_B)
    for side, path in (("a", SEED_A), ("b", SEED_B)):
        text = path.read_text(encoding="utf-8")
        for p in data["documents"][side]["paragraphs"]:
            assert text[p["start"] : p["end"]] == p["text"]
            for s in p["sentences"]:
                assert text[s["start"] : s["end"]] == s["text"]
                for span in s["added"]:
                    assert s["text"][span["start"] : span["end"]] == span["text"]


# -- determinism --------------------------------------------------------------------------


def test_json_is_byte_identical_across_runs_and_hash_seeds(tmp_path: Path) -> None:
    outputs = []
    for seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": seed}
        result = subprocess.run(
            [sys.executable, "-m", "compare", str(SEED_A), str(SEED_B)],
            capture_output=True,
            env=env,
            cwd=tmp_path,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1] == outputs[2]
    assert outputs[0].endswith(b"}\n")
    assert json.loads(outputs[0]) == comparison_json(SEED_A, SEED_B)

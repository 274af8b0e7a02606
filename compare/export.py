"""JSON output: `Comparison` → the JSON contract (schema version 2); `SetComparison` → the set contract.

The contract is published as a JSON Schema inside the package
(`compare/schema/comparison.schema.json`, see `schema_path`); every JSON the
tool writes validates against it.  The version-1 schema stays beside it
(`comparison.v1.schema.json`) so documents written by earlier releases still
validate.  The output is deterministic: the same
inputs and options give byte-identical JSON (no timestamps, sorted where
order is not meaningful).

A set of articles has its own contract (``"kind": "set"``, version 1,
`set_schema_path`): each document is shaped like a pair document, its ids
prefixed by its own id (``c-p3-s1``), and a body sentence lists in ``in`` the
other documents that carry it, where a pair's has ``matches``.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from .model import RATIO_DIGITS, Comparison, Document, Opcode, Quote, SemanticInfo, SetComparison, SetSentence, id_order
from .version import __version__

SCHEMA_VERSION = 2


def schema_path() -> Path:
    """The path of the JSON Schema of the comparison output."""
    # Beside this module in a checkout and in an installed wheel alike (the wheel is never zipped),
    # so `importlib.resources` and its zipfile machinery need not be loaded for every JSON report.
    return Path(__file__).resolve().parent / "schema" / "comparison.schema.json"


def load_schema(version: int = SCHEMA_VERSION) -> dict[str, Any]:
    """The JSON Schema of the comparison output (of schema `version`, 1 or 2), parsed."""
    path = schema_path() if version == SCHEMA_VERSION else schema_path().with_name(f"comparison.v{version}.schema.json")
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def comparison_to_dict(comparison: Comparison) -> dict[str, Any]:
    """The JSON-ready form of `comparison`, as the schema describes it."""
    results = comparison.alignment.sentences
    names = {e.id: e.name for e in comparison.entities}
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "article-compare", "version": __version__},
        "options": asdict(comparison.options) | {"semantic": _semantic(comparison.semantic)},
        "documents": {side: _document(comparison.document(side), results) for side in ("a", "b")},
        "alignment": [
            {"a": list(g.a), "b": list(g.b), "similarity": g.similarity, "order": g.order}
            for g in comparison.alignment.paragraphs
        ],
        "sentence_matches": [
            {"a": m.a, "b": m.b, "similarity": m.similarity, "diff": _diff(m.a_words, m.b_words, m.opcodes)}
            for m in comparison.alignment.matches
        ],
        "only_in": {
            side: [
                {
                    "id": f.id,
                    "label": f.label,
                    "kind": f.kind,
                    "text": f.text,
                    "sentences": list(f.sentences),
                    "context": list(f.context),
                    "entities": list(f.entities),
                    "quotes": list(f.quotes),
                    **({"nearest": {"sentence": f.nearest[0], "similarity": f.nearest[1]}} if f.nearest else {}),
                    **({"held": {"sentences": list(f.held[0]), "share": f.held[1]}} if f.held else {}),
                }
                for f in comparison.facts_on(side)
            ]
            for side in ("a", "b")
        },
        "quotes": [
            {
                "id": q.id,
                "speaker": q.speaker_name(names),
                "speaker_entity": q.speaker,
                "status": q.status,
                "similarity": q.similarity,
                "a": _quote(q.a),
                "b": _quote(q.b),
                **({"diff": _diff(q.a_words, q.b_words, q.opcodes)} if q.status == "variant" else {}),
                **({"extra": q.extra._asdict()} if q.status == "extended" and q.extra is not None else {}),
            }
            for q in comparison.quotes
        ],
        "entities": [
            {
                "id": e.id,
                "name": e.name,
                "kind": e.kind,
                "aliases": list(e.aliases),
                "mentions": {side: len(e.mentions(side)) for side in ("a", "b")},
                "sentences": {
                    side: sorted({m.sentence for m in e.mentions(side)}, key=id_order) for side in ("a", "b")
                },
            }
            for e in comparison.entities
        ],
        "changes": [
            {
                "id": c.id,
                "kind": c.kind,
                "a": {"sentence": c.a.sentence, "text": c.a.text},
                "b": {"sentence": c.b.sentence, "text": c.b.text},
                "summary": c.summary,
            }
            for c in comparison.changes
        ],
        "stats": {
            side: {
                "words": s.words,
                "sentences": s.sentences,
                "body_words": s.body_words,
                "body_sentences": s.body_sentences,
                "shared_sentences": s.shared_sentences,
                "partial_sentences": s.partial_sentences,
                "reworded_sentences": s.reworded_sentences,
                "unique_sentences": s.unique_sentences,
                "facts": s.facts,
                "covered_by_other": round(s.covered, RATIO_DIGITS),
            }
            for side, s in (("a", comparison.stats.a), ("b", comparison.stats.b))
        }
        | {
            "quotes": {
                "identical": comparison.stats.quotes_identical,
                "extended": comparison.stats.quotes_extended,
                "variant": comparison.stats.quotes_variant,
                "only_a": comparison.stats.quotes_only_a,
                "only_b": comparison.stats.quotes_only_b,
            }
        },
    }


def to_json(comparison: Comparison) -> str:
    """Serialise `comparison` as indented JSON text ending in a newline."""
    return json.dumps(comparison_to_dict(comparison), ensure_ascii=False, indent=2) + "\n"


def _article_details(document: Document) -> dict[str, Any]:
    """The JSON fields of `document` before its paragraphs, alike in a pair's document and a set's."""
    article = document.article
    return {
        "label": document.label,
        "source": article.source,
        "format": article.format,
        "title": document.title,
        "encoding": article.encoding,
        "sha256": article.sha256,
        "notes": list(article.notes),
        "metadata": {k: v for k, v in asdict(article.meta).items() if v is not None},
    }


def _document(document: Document, results: Any) -> dict[str, Any]:
    """JSON form of `document`: its article's details and paragraphs, each sentence with its result from `results`."""
    return _article_details(document) | {
        "paragraphs": [
            {
                "id": p.id,
                "role": p.role,
                "text": p.text,
                "start": p.start,
                "end": p.end,
                "sentences": [
                    {
                        "id": s.id,
                        "text": s.text,
                        "start": s.start,
                        "end": s.end,
                        "status": results[s.id].status,
                        "coverage": results[s.id].coverage,
                        **({"similarity": results[s.id].similarity} if results[s.id].status == "reworded" else {}),
                        "matches": list(results[s.id].matches),
                        "added": [
                            {"start": span.start, "end": span.end, "text": span.text} for span in results[s.id].added
                        ],
                    }
                    for s in p.sentences
                ],
            }
            for p in document.paragraphs
        ],
    }


def _semantic(info: SemanticInfo) -> dict[str, Any]:
    """JSON form of whether the paraphrase model took part."""
    return {"used": info.used, "model": info.model, "sha256": info.sha256} | ({"note": info.note} if info.note else {})


def _quote(quote: Quote | None) -> dict[str, Any] | None:
    """JSON form of `quote`, or None on the side that lacks it."""
    if quote is None:
        return None
    return {
        "id": quote.id,
        "text": quote.text,
        "speaker": quote.speaker_name,
        "sentences": list(quote.sentences),
        "paragraph": quote.paragraph,
        "start": quote.start,
        "end": quote.end,
    }


def _diff(a_words: tuple[str, ...], b_words: tuple[str, ...], opcodes: tuple[Opcode, ...]) -> list[dict[str, str]]:
    """A word-level diff as the schema has it: difflib tags with each side's words."""
    return [
        {"tag": op.tag, "a": " ".join(a_words[op.a_lo : op.a_hi]), "b": " ".join(b_words[op.b_lo : op.b_hi])}
        for op in opcodes
    ]


SET_SCHEMA_VERSION = 1


def set_schema_path() -> Path:
    """The path of the JSON Schema of a set's output."""
    return Path(__file__).resolve().parent / "schema" / "set.schema.json"


def load_set_schema() -> dict[str, Any]:
    """The JSON Schema of a set's output, parsed."""
    loaded: dict[str, Any] = json.loads(set_schema_path().read_text(encoding="utf-8"))
    return loaded


def set_to_dict(comparison: SetComparison) -> dict[str, Any]:
    """The JSON-ready form of `comparison`, as the set schema describes it."""
    ids = comparison.ids
    event_facts = len(comparison.facts)
    return {
        "kind": "set",
        "schema_version": SET_SCHEMA_VERSION,
        "tool": {"name": "article-compare", "version": __version__},
        "options": asdict(comparison.options) | {"semantic": _semantic(comparison.semantic)},
        "documents": {d.side: _set_document(d, comparison.sentences) for d in comparison.documents},
        "facts": [
            {
                "id": f.id,
                "label": f.label,
                "kind": f.kind,
                "in": list(f.carried_by),
                "texts": dict(f.texts),
                "sentences": {d: list(s) for d, s in f.sentences.items()},
                "entities": list(f.entities),
            }
            for f in comparison.facts
        ],
        "quotes": [
            {
                "id": q.id,
                "speaker": q.speaker,
                "status": q.status,
                "in": list(q.carried_by),
                "texts": dict(q.texts),
                "sentences": {d: list(s) for d, s in q.sentences.items()},
            }
            for q in comparison.quotes
        ],
        "entities": [
            {
                "id": e.id,
                "name": e.name,
                "kind": e.kind,
                "aliases": list(e.aliases),
                "mentions": {d: len(e.mentions[d]) for d in ids if d in e.mentions},
                "sentences": {
                    d: sorted({m.sentence for m in e.mentions[d]}, key=id_order) for d in ids if d in e.mentions
                },
            }
            for e in comparison.entities
        ],
        "changes": [
            {"id": c.id, "kind": c.kind, "texts": dict(c.texts), "sentences": dict(c.sentences), "summary": c.summary}
            for c in comparison.changes
        ],
        "stats": {
            d: {
                "words": s.words,
                "body_words": s.body_words,
                "body_sentences": s.body_sentences,
                "carried_sentences": s.carried_sentences,
                "facts": s.facts,
                "exclusives": s.exclusives,
                "share_of_event_facts": round(s.share_of(event_facts), RATIO_DIGITS),
            }
            for d, s in comparison.stats.items()
        },
        "event": {
            "facts": event_facts,
            "carried_by_all": comparison.carried_by_all,
            "exclusives": sum(1 for f in comparison.facts if f.exclusive),
            "comparisons": comparison.comparisons,
        },
    }


def set_to_json(comparison: SetComparison) -> str:
    """Serialise `comparison` as indented JSON text ending in a newline."""
    return json.dumps(set_to_dict(comparison), ensure_ascii=False, indent=2) + "\n"


def _set_document(document: Document, sentences: dict[str, SetSentence]) -> dict[str, Any]:
    """JSON form of one document of a set: its article's details and paragraphs, each body sentence with ``in``."""
    return _article_details(document) | {
        "paragraphs": [
            {
                "id": p.id,
                "role": p.role,
                "text": p.text,
                "start": p.start,
                "end": p.end,
                "sentences": [_set_sentence(s.id, s.text, s.start, s.end, sentences.get(s.id)) for s in p.sentences],
            }
            for p in document.paragraphs
        ],
    }


def _set_sentence(sentence_id: str, text: str, start: int, end: int, result: SetSentence | None) -> dict[str, Any]:
    """JSON form of one sentence of a set; `result` is None for one outside the body (ignored)."""
    return {
        "id": sentence_id,
        "text": text,
        "start": start,
        "end": end,
        "status": result.status if result else "ignored",
        "coverage": result.coverage if result else 0.0,
        "in": list(result.carried_by) if result else [],
        "added": [{"start": a.start, "end": a.end, "text": a.text} for a in result.added] if result else [],
    }

#!/usr/bin/env python3
"""Sanity-check the held-out gold annotations under tests/gold/holdout/.

Same checks as tests/gold/check_gold.py (whose normalisation it imports),
applied to tests/gold/holdout/*/gold.json:
  * the JSON parses and has the expected keys; the files named by "a"/"b" exist;
  * every evidence, shared quote (in A), quote variant (a in A, b in B) and
    furniture string is an exact substring of its file;
  * evidence is 4-12 words, is not said by the other article (after
    normalising quote marks, dashes, spaces and case) and is not inside furniture;
  * a shared quote is present in B after normalisation (warning only).

Usage: python tests/gold/holdout/check.py   (exit status 1 on any error)
"""
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent.parent
sys.dont_write_bytecode = True
sys.path.insert(0, str(HERE.parent))
from check_gold import norm  # noqa: E402

KEYS = ("pair", "a", "b", "only_in", "shared_quotes", "quote_variants", "furniture")


def check(gf, errors, warnings):
    rel = gf.relative_to(ROOT)
    try:
        g = json.loads(gf.read_text(encoding="utf-8"))
    except ValueError as e:
        errors.append(f"{rel}: JSON does not parse: {e}")
        return
    for key in KEYS:
        if key not in g:
            errors.append(f"{rel}: missing key {key!r}")
            return
    texts = {}
    for side in ("a", "b"):
        p = ROOT / g[side]
        if not p.is_file():
            errors.append(f"{rel}: {side} file {g[side]!r} does not exist")
            return
        texts[side] = p.read_text(encoding="utf-8")
    other = {"a": "b", "b": "a"}

    def need(s, side, what):
        if not isinstance(s, str) or not s:
            errors.append(f"{rel}: {what}: empty or not a string")
        elif s not in texts[side]:
            errors.append(f"{rel}: {what} not an exact substring of {side}: {s!r}")

    for side in ("a", "b"):
        for i, item in enumerate(g["only_in"].get(side, [])):
            what = f"only_in.{side}[{i}] ({item.get('label', '?')})"
            if not item.get("label"):
                errors.append(f"{rel}: {what}: no label")
            ev = item.get("evidence", [])
            if not 1 <= len(ev) <= 3:
                errors.append(f"{rel}: {what}: needs 1-3 evidence strings, has {len(ev)}")
            for e in ev:
                need(e, side, what + " evidence")
                n = len(e.split())
                if not 4 <= n <= 12:
                    errors.append(f"{rel}: {what}: evidence has {n} words: {e!r}")
                if norm(e) in norm(texts[other[side]]):
                    errors.append(f"{rel}: {what}: evidence also occurs in {other[side]}: {e!r}")
                for f in g["furniture"].get(side, []):
                    if e in f:
                        errors.append(f"{rel}: {what}: evidence lies inside furniture: {e!r}")
    for i, q in enumerate(g["shared_quotes"]):
        need(q, "a", f"shared_quotes[{i}]")
        if norm(q).strip(' .",') not in norm(texts["b"]):
            warnings.append(f"{rel}: shared_quotes[{i}] not verbatim in b after normalisation: {q!r}")
    for i, v in enumerate(g["quote_variants"]):
        need(v.get("a"), "a", f"quote_variants[{i}].a")
        need(v.get("b"), "b", f"quote_variants[{i}].b")
        if not v.get("note"):
            warnings.append(f"{rel}: quote_variants[{i}] has no note")
    for side in ("a", "b"):
        for i, f in enumerate(g["furniture"].get(side, [])):
            need(f, side, f"furniture.{side}[{i}]")
    words = {s: len(texts[s].split()) for s in texts}
    print(f"{rel}: only_in a={len(g['only_in']['a'])} b={len(g['only_in']['b'])}, "
          f"shared_quotes={len(g['shared_quotes'])}, quote_variants={len(g['quote_variants'])}, "
          f"words a={words['a']} b={words['b']}")


def main():
    files = sorted(HERE.glob("*/gold.json"))
    errors, warnings = [], []
    for gf in files:
        check(gf, errors, warnings)
    for w in warnings:
        print("WARNING:", w)
    for e in errors:
        print("ERROR:", e)
    print(f"{len(files)} gold files, {len(errors)} errors, {len(warnings)} warnings")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

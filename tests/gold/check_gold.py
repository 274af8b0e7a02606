#!/usr/bin/env python3
"""Sanity-check the gold annotations under tests/gold/.

Checks, for tests/gold/*.json and tests/gold/pairs/*/gold.json:
  * the JSON parses and has the expected keys;
  * the files named by "a" and "b" (relative to the repository root) exist;
  * every only_in evidence string, shared quote (in A), quote variant (a in A,
    b in B) and furniture string is an exact substring of its file;
  * evidence is 4-12 words and is not said by the other article (compared
    after normalising quote marks, dashes, spaces and case)   -> error;
  * a shared quote is also present in B after that normalisation -> warning
    only (spelling variety, e.g. organising/organizing, is allowed there).

Usage: python tests/gold/check_gold.py [--held-out]   (exit status 1 on any error)
"""

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TR = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2014": "-", "\u2013": "-", "\u00a0": " "}
)


def norm(s):
    return re.sub(r"\s+", " ", s.translate(TR)).lower()


def main(argv=None):
    """Check the development gold files, or with --held-out those under tests/gold/holdout/."""
    args = sys.argv[1:] if argv is None else argv
    if "--held-out" in args:
        files = sorted(HERE.glob("holdout/*/gold.json"))
    else:
        files = sorted(HERE.glob("*.json")) + sorted(HERE.glob("pairs/*/gold.json"))
    errors, warnings = [], []
    for gf in files:
        rel = gf.relative_to(ROOT)
        try:
            g = json.loads(gf.read_text(encoding="utf-8"))
        except ValueError as e:
            errors.append(f"{rel}: JSON does not parse: {e}")
            continue
        for key in ("pair", "a", "b", "only_in", "shared_quotes", "quote_variants", "furniture"):
            if key not in g:
                errors.append(f"{rel}: missing key {key!r}")
        texts = {}
        for side in ("a", "b"):
            p = ROOT / g.get(side, "")
            if not p.is_file():
                errors.append(f"{rel}: {side} file {g.get(side)!r} does not exist")
                texts[side] = ""
            else:
                texts[side] = p.read_text(encoding="utf-8")
        if not texts["a"] or not texts["b"]:
            continue
        other = {"a": "b", "b": "a"}

        def need(s, side, what, rel=rel, texts=texts):
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
                warnings.append(
                    f"{rel}: shared_quotes[{i}] not verbatim in b after typographic "
                    f"normalisation (check it is only spelling/numeral style): {q!r}"
                )
        for i, v in enumerate(g["quote_variants"]):
            need(v.get("a"), "a", f"quote_variants[{i}].a")
            need(v.get("b"), "b", f"quote_variants[{i}].b")
            if not v.get("note"):
                warnings.append(f"{rel}: quote_variants[{i}] has no note")
        for side in ("a", "b"):
            for i, f in enumerate(g["furniture"].get(side, [])):
                need(f, side, f"furniture.{side}[{i}]")
        na, nb = len(g["only_in"].get("a", [])), len(g["only_in"].get("b", []))
        print(
            f"{rel}: only_in a={na} b={nb}, shared_quotes={len(g['shared_quotes'])}, "
            f"quote_variants={len(g['quote_variants'])}"
        )
    for w in warnings:
        print("WARNING:", w)
    for e in errors:
        print("ERROR:", e)
    print(f"{len(files)} gold files, {len(errors)} errors, {len(warnings)} warnings")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

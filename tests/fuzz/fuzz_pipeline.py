"""A long fuzzing run of the whole pipeline, outside CI.

    python tests/fuzz/fuzz_pipeline.py --examples 20000

Hypothesis generates pairs of articles — arbitrary Unicode text, text with
blank lines, quote marks, names and digits, and HTML or Markdown fragments —
and each pair goes through loading, segmentation, comparison, JSON (checked
against the schema), HTML and Markdown.  The only exception allowed is the
tool's own `CompareError`.  Every input that breaks that rule is written to
tests/fuzz/crashes/, which `tests/test_fuzz_regressions.py` replays on every
test run.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import traceback
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]
CRASHES = Path(__file__).resolve().parent / "crashes"
sys.path.insert(0, str(ROOT))

from compare.errors import CompareError  # noqa: E402


def run_pair(text_a: str, text_b: str, suffix: str = ".txt") -> None:
    """Compare two article texts through every output; raise on anything but a `CompareError`."""
    from jsonschema import Draft202012Validator

    from compare.context import build_context
    from compare.export import comparison_to_dict, load_schema
    from compare.load import load_bytes
    from compare.pipeline import compare_loaded
    from compare.render import render_html, render_markdown

    try:
        article_a = load_bytes(text_a.encode("utf-8", "surrogatepass"), source="a" + suffix)
        article_b = load_bytes(text_b.encode("utf-8", "surrogatepass"), source="b" + suffix)
        comparison = compare_loaded(article_a, article_b)
    except CompareError:
        return
    Draft202012Validator(load_schema()).validate(comparison_to_dict(comparison))
    context = build_context(comparison, generated_at="2026-01-01T00:00:00Z")
    html = render_html(context)
    assert "<script>alert" not in html
    render_markdown(context)


PIECES = st.sampled_from(
    [
        "\n\n",
        "\n",
        "\r\n",
        "\r",
        " ",
        ". ",
        "? ",
        "! ",
        "“",
        "”",
        "‘",
        "’",
        '"',
        "'",
        "«",
        "»",
        "—",
        "–",
        "-",
        "Mr ",
        "Dr ",
        "U.S. ",
        "said ",
        "told ",
        "Anna Kowalska ",
        "NATO ",
        "Nato ",
        "the ",
        "of ",
        "300 ",
        "1,300 ",
        "£14m ",
        "8th ",
        "(Reuters)",
        "– (AP)",
        "Photograph: X/Y",
        "READ MORE",
        "<b>",
        "</p>",
        "<script>alert(1)</script>",
        "{{ 7*7 }}",
        "# ",
        "> ",
        "- ",
        "---\ntitle: x\n---\n",
        "市政府",
        "Ελλάδα ",
        "Москва ",
        "مرحبا ",
        "\u200b",
        "\ufeff",
    ]
)
structured = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=60).map("".join)
free = st.text(max_size=400)
article = st.one_of(structured, free)


def record(text_a: str, text_b: str, suffix: str, error: str) -> Path:
    """Save a crashing input under tests/fuzz/crashes/ and return its path."""
    CRASHES.mkdir(exist_ok=True)
    payload = json.dumps({"a": text_a, "b": text_b, "suffix": suffix, "error": error}, ensure_ascii=False, indent=1)
    path = CRASHES / f"{hashlib.sha256(payload.encode('utf-8', 'surrogatepass')).hexdigest()[:16]}.json"
    path.write_text(payload, encoding="utf-8", errors="surrogatepass")
    return path


def main(argv: list[str] | None = None) -> int:
    """Run the fuzzer and report what it found."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--examples", type=int, default=2000)
    args = parser.parse_args(argv)
    found: list[Path] = []

    @settings(max_examples=args.examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(article, article, st.sampled_from([".txt", ".md", ".html"]))
    def fuzz(text_a: str, text_b: str, suffix: str) -> None:
        try:
            run_pair(text_a, text_b, suffix)
        except Exception:
            found.append(record(text_a, text_b, suffix, traceback.format_exc(limit=3)))

    fuzz()
    print(f"{args.examples} examples, {len(found)} crashing inputs recorded")
    for path in found:
        print(f"  {path}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())

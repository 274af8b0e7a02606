"""Untrusted text in reports: bidi overrides stay isolated, control characters show, the CSP names its script.

Issue "Reliability, round two": a U+202E (RIGHT-TO-LEFT OVERRIDE) in a label
reversed the whole HTML summary; ESC, BEL and U+202E in article text reached
the HTML and the Markdown unchanged; the HTML's Content-Security-Policy
allowed any inline script.  JSON keeps the exact text (it escapes controls).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from pathlib import Path
from typing import Any

import pytest

from compare.cli import main
from compare.errors import OK

FIXED = "2017-02-16T12:00:00Z"
RLO = "\u202e"
ESC = "\x1b"
BEL = "\x07"

ARTICLE_A = (
    "Council approves budget\n\n"
    "The council approved the budget on Monday after a long debate about road repairs.\n\n"
    "The mayor said the vote was a turning point for the town and its residents.\n\n"
    f"Officials said the {ESC}[31mred{ESC}[0m ledger rang a bell{BEL} and {RLO}reversed text{RLO} followed.\n"
)
ARTICLE_B = (
    "Budget approved by council\n\n"
    "The council approved the budget on Monday after a long debate about road repairs.\n\n"
    "The mayor said the vote was a turning point for the town and its residents.\n\n"
    "A resident said the library would close on Sundays from next month.\n"
)
# C0 and C1 controls but tab and newline, and DEL.
RAW_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """HTML, Markdown and JSON reports of two small articles; A's file name (its label) holds a U+202E."""
    folder = tmp_path_factory.mktemp("untrusted")
    a = folder / f"council{RLO}txt.exe.txt"
    b = folder / "gazette.txt"
    a.write_text(ARTICLE_A, encoding="utf-8")
    b.write_text(ARTICLE_B, encoding="utf-8")
    out = {}
    for ext in ("html", "md", "json"):
        path = folder / f"report.{ext}"
        assert main([str(a), str(b), "-o", str(path), "--generated-at", FIXED]) == OK
        out[ext] = path
    return out


# -- control characters ---------------------------------------------------------------------------


def test_html_shows_control_characters_and_holds_none_raw(reports: dict[str, Path]) -> None:
    data = reports["html"].read_bytes()
    assert b"\x1b" not in data and b"\x07" not in data
    assert not RAW_CONTROLS.search(data.decode("utf-8"))
    text = data.decode("utf-8")
    # Shown as Control Pictures, in their own style.
    assert '<span class="control" title="U+001B">\u241b</span>[31mred' in text
    assert '<span class="control" title="U+0007">\u2407</span>' in text


def test_markdown_holds_no_raw_controls_and_no_raw_bidi_override(reports: dict[str, Path]) -> None:
    text = reports["md"].read_text(encoding="utf-8")
    assert not RAW_CONTROLS.search(text)
    assert RLO not in text
    assert "\u241b\\[31mred" in text  # ESC as ␛, then the escaped bracket
    assert "\u2407" in text and "\u2039U+202E\u203a" in text


def test_json_keeps_the_exact_text_and_offsets(reports: dict[str, Path]) -> None:
    raw = reports["json"].read_text(encoding="utf-8")
    assert "\\u001b" in raw and "\\u0007" in raw  # JSON escapes them; nothing is replaced
    data = json.loads(raw)
    sentences = [s for p in data["documents"]["a"]["paragraphs"] for s in p["sentences"] if ESC in s["text"]]
    assert len(sentences) == 1
    sentence = sentences[0]
    assert sentence["text"] == (
        f"Officials said the {ESC}[31mred{ESC}[0m ledger rang a bell{BEL} and {RLO}reversed text{RLO} followed."
    )
    # Offsets are into the article's text as read: exact, controls and all.
    assert ARTICLE_A[sentence["start"] : sentence["end"]] == sentence["text"]


# -- the browser ----------------------------------------------------------------------------------


def _word_left(page: Any, selector: str, word: str) -> float:
    """The left edge, in CSS pixels, of the first `word` in the text of `selector`'s element."""
    left: float = page.evaluate(
        """([selector, word]) => {
            const root = document.querySelector(selector);
            const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const at = node.data.indexOf(word);
                if (at < 0) { continue; }
                const range = document.createRange();
                range.setStart(node, at);
                range.setEnd(node, at + word.length);
                return range.getBoundingClientRect().left;
            }
            return null;
        }""",
        [selector, word],
    )
    assert left is not None, word
    return left


@pytest.mark.browser
def test_a_bidi_override_in_a_label_stays_inside_it(browser: Any, reports: dict[str, Path]) -> None:
    context = browser.new_context(viewport={"width": 1600, "height": 900})
    page = context.new_page()
    page.goto(reports["html"].as_uri())
    summary = page.inner_text(".summary-text")
    assert RLO in summary and " carries " in summary
    # The words after the label still read left to right.
    assert _word_left(page, ".summary-text", "carries") < _word_left(page, ".summary-text", "does")
    # The label sits in an isolating element, and the text after it is outside that element.
    isolated = page.evaluate(
        """() => {
            const p = document.querySelector('.summary-text');
            const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
            const out = [];
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const el = node.parentElement;
                const iso = el.closest('bdi, [dir=auto]');
                out.push([node.data, iso !== null && p.contains(iso), getComputedStyle(el).unicodeBidi]);
            }
            return out;
        }"""
    )
    with_rlo = [entry for entry in isolated if RLO in entry[0]]
    assert with_rlo and all(entry[1] and entry[2] == "isolate" for entry in with_rlo)
    assert any(" carries " in entry[0] and not entry[1] for entry in isolated)
    # The same in the side headers, the figures' column heads and the quoted sentence with its own override.
    found, isolated_all = page.evaluate(
        f"""() => {{
            const els = [...document.querySelectorAll('.outlet, .figures thead th, .sent')]
                .filter(el => el.textContent.includes('{RLO}'));
            return [els.length, els.every(el => [el, ...el.querySelectorAll('*')]
                .some(i => getComputedStyle(i).unicodeBidi === 'isolate' && i.textContent.includes('{RLO}')))];
        }}"""
    )
    assert found >= 3 and isolated_all  # A's header, its figures column, the sentence
    context.close()


def _csp(text: str) -> str:
    match = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', text)
    assert match
    return html.unescape(match.group(1))


def test_the_csp_names_the_one_script_by_its_hash(reports: dict[str, Path]) -> None:
    text = reports["html"].read_text(encoding="utf-8")
    csp = _csp(text)
    script_src = next(part for part in csp.split(";") if part.strip().startswith("script-src")).split()[1:]
    assert "'unsafe-inline'" not in script_src
    scripts = re.findall(r"<script>(.*?)</script>", text, re.S)
    assert len(scripts) == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode("utf-8")).digest()).decode()
    assert script_src == [f"'sha256-{digest}'"]


@pytest.mark.browser
def test_an_injected_script_does_not_run_and_the_own_script_does(
    browser: Any, reports: dict[str, Path], tmp_path: Path
) -> None:
    text = reports["html"].read_text(encoding="utf-8")
    tampered = tmp_path / "tampered.html"
    tampered.write_text(
        text.replace("</main>", '<script>document.title = "injected ran";</script></main>', 1), encoding="utf-8"
    )
    for path, injected in ((reports["html"], False), (tampered, True)):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        messages: list[str] = []
        page.on("console", lambda message, into=messages: into.append(f"{message.type}: {message.text}"))
        page.on("pageerror", lambda error, into=messages: into.append(f"pageerror: {error}"))
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        assert page.title() != "injected ran"
        # The report's own script runs: the differences-only toggle hides shared rows.
        page.check("#only-differences")
        assert page.evaluate("document.body.classList.contains('only-differences')")
        context.close()
        violations = [m for m in messages if "Content Security Policy" in m]
        if injected:
            # Exactly one refusal: the injected script's; the report's own script is allowed.
            assert len(violations) == 1, messages
        else:
            assert violations == [], messages

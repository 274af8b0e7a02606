"""Snapshot every report of the sample pair, the gold pairs and the corpus, and compare two snapshots.

A refactoring must not change what users get.  Take a snapshot before and
after, then compare them:

    python tests/gold/snapshot.py take /tmp/before
    # ... change the code ...
    python tests/gold/snapshot.py take /tmp/after
    python tests/gold/snapshot.py diff /tmp/before /tmp/after [--screenshots]

What is taken, all through the command line with a fixed ``--generated-at``:

* the sample pair and every gold pair (``tests/gold/pairs``, ``tests/gold/holdout``):
  JSON, Markdown, HTML, and the PDF's text (``pdftotext -layout``);
* the research corpus (``../shared/corpus/pairs.toml``, when it is there) as a batch:
  every pair's JSON, Markdown and HTML, and the batch summaries with the timings
  taken out.

``diff`` says which files differ.  JSON, Markdown and PDF text must be
byte-identical; HTML may differ only in markup that renders the same, which
``--screenshots`` checks by comparing Chromium screenshots of each differing
pair of pages (needs Playwright and Debian's chromium).
"""

from __future__ import annotations

import argparse
import filecmp
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOLD = Path(__file__).resolve().parent
CORPUS_MANIFEST = ROOT.parent / "shared" / "corpus" / "pairs.toml"
GENERATED_AT = "2026-01-01T00:00:00Z"
STABLE_SHOT_TRIES = 5
SECONDS_RE = re.compile(r'("seconds": )[0-9.e-]+|(\()[0-9.]+ ?s(\))')

sys.path.insert(0, str(ROOT))


def cases() -> dict[str, tuple[Path, Path]]:
    """Every pair compared one at a time: the sample pair and the gold pairs, by case name."""
    found = {
        "seeds": (
            ROOT / "seeds" / "2017-02-16-mattis-nato-irish-times.txt",
            ROOT / "seeds" / "2017-02-16-mattis-nato-independent.txt",
        )
    }
    for folder in ("pairs", "holdout"):
        for pair in sorted((GOLD / folder).iterdir()):
            sides = [sorted(pair.glob(f"{side}.*")) for side in ("a", "b")]
            if all(len(side) == 1 for side in sides):
                found[f"{folder}-{pair.name}"] = (sides[0][0], sides[1][0])
    return found


def run_cli(*args: str) -> None:
    """Run the command line in this process and stop when it fails."""
    from compare.cli import main

    code = main(list(args))
    if code != 0:
        raise SystemExit(f"article-compare {' '.join(args)} exited {code}")


def take(target: Path) -> None:
    """Write a snapshot of every report into `target`."""
    target.mkdir(parents=True, exist_ok=True)
    for name, (a, b) in cases().items():
        folder = target / name
        folder.mkdir(exist_ok=True)
        for fmt in ("json", "md", "html", "pdf"):
            run_cli(str(a), str(b), "-o", str(folder / f"report.{fmt}"), "--generated-at", GENERATED_AT)
        pdf = folder / "report.pdf"
        subprocess.run(["pdftotext", "-layout", str(pdf), str(folder / "report.pdf.txt")], check=True)
        pdf.unlink()
    if CORPUS_MANIFEST.is_file():
        batch = target / "corpus-batch"
        run_cli(
            "batch",
            str(CORPUS_MANIFEST),
            "-o",
            str(batch),
            "--formats",
            "json,md,html",
            "--force",
            "--no-progress",
            "--generated-at",
            GENERATED_AT,
            "-j",
            "2",
        )
        for summary in ("summary.json", "summary.md", "index.html"):
            path = batch / summary
            path.write_text(SECONDS_RE.sub(r"\1\2<seconds>\3", path.read_text(encoding="utf-8")), encoding="utf-8")
        for cache in (batch / ".cache").glob("*.json"):
            record = json.loads(cache.read_text(encoding="utf-8"))
            record["record"]["seconds"] = 0
            cache.write_text(json.dumps(record, sort_keys=True), encoding="utf-8")
    print(f"snapshot written to {target}")


def differing(before: Path, after: Path) -> list[str]:
    """Relative paths of files that differ, or exist on one side only."""
    names = {p.relative_to(before) for p in before.rglob("*") if p.is_file()}
    names |= {p.relative_to(after) for p in after.rglob("*") if p.is_file()}
    return sorted(
        str(name)
        for name in names
        if not (before / name).is_file()
        or not (after / name).is_file()
        or not filecmp.cmp(before / name, after / name, shallow=False)
    )


def screenshots_match(first: Path, second: Path) -> bool:
    """True when Chromium draws the two HTML pages pixel for pixel the same, at desktop and phone widths.

    Each page is shot after its fonts are ready, with animations off, until two shots in a row agree: on a
    busy machine a single full-page shot is sometimes taken before layout settles.
    """
    from playwright.sync_api import sync_playwright

    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=args)
        try:
            for width in (1280, 400):
                shots = []
                for page_file in (first, second):
                    page = browser.new_page(viewport={"width": width, "height": 900}, reduced_motion="reduce")
                    page.goto(page_file.resolve().as_uri())
                    page.evaluate("document.fonts.ready.then(() => true)")
                    shot = page.screenshot(full_page=True, animations="disabled")
                    for _ in range(STABLE_SHOT_TRIES):
                        again = page.screenshot(full_page=True, animations="disabled")
                        if again == shot:
                            break
                        shot = again
                    shots.append(shot)
                    page.close()
                if shots[0] != shots[1]:
                    return False
        finally:
            browser.close()
    return True


def diff(before: Path, after: Path, screenshots: bool) -> int:
    """Report what differs between two snapshots; 0 when nothing that matters does."""
    problems = 0
    for name in differing(before, after):
        both = (before / name).is_file() and (after / name).is_file()
        if name.endswith(".html") and screenshots and both and screenshots_match(before / name, after / name):
            print(f"renders the same: {name}")
            continue
        print(f"DIFFERS: {name}")
        problems += 1
    print(f"{problems} file(s) differ" if problems else "no differences that matter")
    return 1 if problems else 0


def main() -> int:
    """Parse the command line and take or compare snapshots."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    take_parser = commands.add_parser("take", help="write a snapshot")
    take_parser.add_argument("target", type=Path, nargs="?")
    diff_parser = commands.add_parser("diff", help="compare two snapshots")
    diff_parser.add_argument("before", type=Path)
    diff_parser.add_argument("after", type=Path)
    diff_parser.add_argument("--screenshots", action="store_true", help="compare differing HTML in Chromium")
    options = parser.parse_args()
    if options.command == "take":
        take(options.target or Path(tempfile.mkdtemp(prefix="snapshot-")))
        return 0
    return diff(options.before, options.after, options.screenshots)


if __name__ == "__main__":
    sys.exit(main())

"""Shared fixtures: the seed pair, a loopback HTTP server, the seed PDF and small helpers.

Nothing here reaches a host other than 127.0.0.1: the `http_server` fixture
serves pages from memory and unsets proxy variables while it runs.
"""

from __future__ import annotations

import contextlib
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from compare.load import load_bytes
from compare.model import Article

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SEED_A = SEEDS / "2017-02-16-mattis-nato-irish-times.txt"
SEED_B = SEEDS / "2017-02-16-mattis-nato-independent.txt"
FIXED_TIME = "2017-02-16T12:00:00Z"
PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY")

# No test reads vectors an earlier run stored, or leaves any in the home folder; the store's own tests point
# ARTICLE_COMPARE_CACHE at a temporary folder.  Set before any fixture runs, and inherited by every subprocess.
os.environ["ARTICLE_COMPARE_CACHE"] = "off"


# -- running the command line ---------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    """Run `compare.cli.main` in this process with `args`; return (exit code, stdout, stderr)."""
    from compare.cli import main

    code = main([str(arg) for arg in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def run_process(
    *args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None, command: list[str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m compare`` (or `command`) with `args` as a separate process."""
    return subprocess.run(
        [*(command or [sys.executable, "-m", "compare"]), *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=60,
    )


def one_line_error(err: str, *names: str) -> str:
    """Check standard error `err` is exactly one ``article-compare: error:`` line, no traceback, naming each of
    `names`; return that line."""
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, f"expected one line on stderr, got {lines!r}"
    assert lines[0].startswith("article-compare: error: "), lines[0]
    for name in names:
        assert name in lines[0], f"{name!r} not named in {lines[0]!r}"
    return lines[0]


def files_in(folder: Path) -> list[str]:
    """Every file under `folder`, relative, hidden ones included."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


# -- fixtures ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def seed_paths() -> tuple[Path, Path]:
    """The seed articles A (The Irish Times) and B (The Independent)."""
    return SEED_A, SEED_B


def article_from_text(text: str, source: str = "x.txt") -> Article:
    """An `Article` made from `text`, as `compare.load.load_bytes` would make it from a file named `source`."""
    return load_bytes(text.encode("utf-8"), source=source)


def gold_evaluator() -> Any:
    """The gold evaluation script ``tests/gold/evaluate.py``, imported as a module."""
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location("gold_evaluate", ROOT / "tests" / "gold" / "evaluate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["gold_evaluate"] = module
    spec.loader.exec_module(module)
    return module


def compare_as_the_command_does(a: Path | str, b: Path | str, **options: Any) -> Any:
    """Compare the articles at `a` and `b` with the library, labelling them from a ``pairs.toml`` beside
    them as the command line does (the library itself reads no manifest); `options` go to `compare_articles`."""
    from compare.manifest import label_from_manifest
    from compare.pipeline import compare_articles

    labels = (label_from_manifest(str(a)), label_from_manifest(str(b)))
    return compare_articles(a, b, fallback_labels=labels, **options)


@pytest.fixture(scope="session")
def seed_comparison() -> Any:
    """The seed pair compared once per session (labels from seeds/pairs.toml, as the command line reads them)."""
    return compare_as_the_command_does(SEED_A, SEED_B)


@pytest.fixture(scope="session")
def schema_validator() -> Any:
    """A Draft 2020-12 validator for the published JSON Schema."""
    from jsonschema import Draft202012Validator

    from compare.export import load_schema

    schema = load_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@pytest.fixture(scope="session")
def seed_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed pair's PDF report, rendered once per session through `compare.cli.main`."""
    from compare.cli import main
    from compare.errors import OK

    path = tmp_path_factory.mktemp("seed-pdf") / "seed report.pdf"
    assert main([str(SEED_A), str(SEED_B), "-o", str(path), "--generated-at", FIXED_TIME]) == OK
    return path


@pytest.fixture
def make_article() -> Callable[..., Article]:
    """Build an `Article` from text, as `compare.load.load_bytes` would from a file."""

    def make(text: str, source: str = "story.txt") -> Article:
        return load_bytes(text.encode("utf-8"), source=source)

    return make


@pytest.fixture
def write_text(tmp_path: Path) -> Callable[..., Path]:
    """Write text (UTF-8 unless `encoding` is given) to a file in `tmp_path` and return its path."""

    def write(name: str, text: str, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode(encoding))
        return path

    return write


# -- a loopback HTTP server ---------------------------------------------------------


@dataclass
class LoopbackServer:
    """A threaded HTTP server on 127.0.0.1 serving `pages` from memory and logging every request."""

    base: str
    pages: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)

    def url(self, path: str) -> str:
        """The full URL of `path` on this server."""
        return f"{self.base}{path}"


def _handler_for(server: LoopbackServer) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass  # keep pytest's output clean

        def do_GET(self) -> None:
            server.requests.append(self.path)
            page = server.pages.get(self.path)
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                if page is None:
                    self.send_error(404)
                    return
                body, content_type = page
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

    return Handler


@pytest.fixture
def http_server() -> Iterator[LoopbackServer]:
    """A fresh loopback server; tests put pages in `.pages` and read `.requests`."""
    with pytest.MonkeyPatch.context() as patch:
        for name in PROXY_VARIABLES:
            patch.delenv(name, raising=False)
        patch.setenv("no_proxy", "*")
        server = LoopbackServer(base="")
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(server))
        httpd.daemon_threads = True
        server.base = f"http://127.0.0.1:{httpd.server_address[1]}"
        thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        thread.start()
        try:
            yield server
        finally:
            httpd.shutdown()
            httpd.server_close()
            thread.join(timeout=5)


#: Debian's Chromium and the flags every browser test launches it with (no network, no first-run work).
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@contextlib.contextmanager
def recorded_page(browser: Any, url: str, **context_options: Any) -> Iterator[Any]:
    """A page of `browser` open at `url` (in a new context made with `context_options`) that records what it
    did: ``page.requests`` (every URL it asked for), ``page.errors`` (console errors and uncaught exceptions) and
    ``page.dialogs`` (every alert, dismissed); the context is closed afterwards."""
    context = browser.new_context(**context_options)
    page = context.new_page()
    page.requests, page.errors, page.dialogs = [], [], []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("console", lambda message: message.type == "error" and page.errors.append(message.text))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    try:
        page.goto(url)
        yield page
    finally:
        context.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """A headless Chromium driven by Playwright, one per test module; skips when either is missing."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (tests/run.sh installs it)")
    with playwright_api.sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield instance
        instance.close()

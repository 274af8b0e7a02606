"""Fetching URLs against hostile servers: slow headers, DNS rebinding, control characters, scheme case.

Every server here listens on 127.0.0.1 and every "public" host name is a
stand-in from a patched resolver: nothing leaves the machine.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from compare.errors import ArticleError
from compare.load import fetch_url, load_article
from compare.manifest import read_manifest

PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY")
SERVER_WORK_LIMIT = 5.0  # seconds any handler may keep a connection busy
DRIBBLE_PAUSE = 0.3  # shorter than every timeout used here, so only a total deadline stops a dribble
PUBLIC_ADDRESS = "93.184.215.14"  # a global address: the patched socket never really connects to it
ARTICLE = b"<html><head><title>Pinned</title></head><body><p>The pinned article text is here.</p></body></html>"

Handler = Callable[[socket.socket, bytes], None]


class RawServer:
    """A TCP server on 127.0.0.1 whose `handler` writes raw bytes; it records each request it reads."""

    def __init__(self, handler: Handler) -> None:
        self.handler = handler
        self.requests: list[bytes] = []
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(16)
        self.listener.settimeout(0.05)
        self.port: int = self.listener.getsockname()[1]
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stopping.is_set():
            try:
                conn, _ = self.listener.accept()
            except (TimeoutError, OSError):
                continue
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        with conn, contextlib.suppress(OSError):
            conn.settimeout(SERVER_WORK_LIMIT)
            request = b""
            while b"\r\n\r\n" not in request:
                data = conn.recv(4096)
                if not data:
                    return
                request += data
            self.requests.append(request)
            self.handler(conn, request)

    def url(self, path: str = "/", host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def close(self) -> None:
        self.stopping.set()
        self.thread.join(timeout=5)
        self.listener.close()


@pytest.fixture(autouse=True)
def no_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "*")


@contextlib.contextmanager
def raw_server(handler: Handler) -> Iterator[RawServer]:
    server = RawServer(handler)
    try:
        yield server
    finally:
        server.close()


def dribble(conn: socket.socket, head: bytes, byte: bytes = b"x") -> None:
    """Send `head`, then one `byte` every DRIBBLE_PAUSE seconds until SERVER_WORK_LIMIT."""
    conn.sendall(head)
    stop = time.monotonic() + SERVER_WORK_LIMIT
    while time.monotonic() < stop:
        time.sleep(DRIBBLE_PAUSE)
        conn.sendall(byte)


def answer(status: bytes, body: bytes = ARTICLE, headers: bytes = b"") -> Handler:
    def handler(conn: socket.socket, request: bytes) -> None:
        conn.sendall(
            b"HTTP/1.1 "
            + status
            + b"\r\nContent-Type: text/html; charset=utf-8\r\n"
            + headers
            + b"Content-Length: "
            + str(len(body)).encode()
            + b"\r\nConnection: close\r\n\r\n"
            + body
        )

    return handler


def fetch_error(url: str, **kwargs: Any) -> ArticleError:
    """Fetch `url` expecting an `ArticleError`; check it is one line."""
    kwargs.setdefault("max_bytes", 1_000_000)
    kwargs.setdefault("timeout", 1)
    with pytest.raises(ArticleError) as info:
        fetch_url(url, **kwargs)
    assert "\n" not in str(info.value)
    return info.value


def control_characters(text: str) -> list[str]:
    return [ch for ch in text if ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F]


# -- 1. one deadline for connect, status line, headers and body ----------------------


@pytest.mark.parametrize(
    ("head", "byte"),
    [
        pytest.param(b"HTTP/1.1 200 OK\r\nX: ", b"x", id="header"),
        pytest.param(b"HTTP/1.1", b" ", id="status-line"),
        pytest.param(b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n", b"x", id="body"),
        pytest.param(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", b"0", id="chunk-size"),
    ],
)
def test_dribbling_server_meets_the_total_deadline(head: bytes, byte: bytes) -> None:
    with raw_server(lambda conn, _: dribble(conn, head, byte)) as server:
        started = time.monotonic()
        error = fetch_error(server.url("/slow"), timeout=1)
        elapsed = time.monotonic() - started
    assert elapsed < 1.5  # the promise: the timeout, plus a little
    assert str(error).startswith(server.url("/slow") + ": ")
    assert "took longer than 1 s" in str(error)
    assert "--timeout" in str(error)


def test_a_quiet_server_still_times_out_per_read() -> None:
    with raw_server(lambda conn, _: time.sleep(1.5)) as server:
        started = time.monotonic()
        error = fetch_error(server.url("/quiet"), timeout=0.5)
        assert time.monotonic() - started < 1.2
    assert "timed out after 0.5 s" in str(error)


# -- 2. DNS rebinding: resolve once, check, connect to that address ------------------


@pytest.fixture
def fake_dns(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """A resolver that answers from `answers[host]` (one answer per lookup, the last repeated).

    Connections to PUBLIC_ADDRESS go to 127.0.0.1 instead (the same port),
    so a "public" host can be served by a loopback test server; every other
    non-loopback connection is refused.  `answers["lookups"]` lists the
    hosts looked up, `answers["connects"]` the addresses connected to.
    """
    answers: dict[str, list[str]] = {"lookups": [], "connects": []}
    real_getaddrinfo = socket.getaddrinfo
    real_connect = socket.socket.connect

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        name = host.decode() if isinstance(host, bytes) else str(host)
        if name not in answers:
            return real_getaddrinfo(host, port, *args, **kwargs)
        answers["lookups"].append(name)
        queue = answers[name]
        address = queue.pop(0) if len(queue) > 1 else queue[0]
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, int(port)))]

    def connect(self: socket.socket, address: Any) -> None:
        host, port = address[0], address[1]
        answers["connects"].append(host)
        if host == PUBLIC_ADDRESS:
            return real_connect(self, ("127.0.0.1", port))
        if host != "127.0.0.1":
            raise ConnectionRefusedError("the test refuses connections off this machine")
        return real_connect(self, address)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket.socket, "connect", connect)
    return answers


def test_rebinding_host_is_not_reached(fake_dns: dict[str, list[str]]) -> None:
    # Public for the first lookup, loopback for every later one.
    fake_dns["rebind.example"] = ["8.8.8.8", "127.0.0.1"]
    with raw_server(answer(b"200 OK")) as server:
        error = fetch_error(server.url("/secret", host="rebind.example"), allow_private=False)
    assert server.requests == []  # the loopback server was never asked
    assert "127.0.0.1" not in fake_dns["connects"]
    assert fake_dns["lookups"] == ["rebind.example"]  # resolved once
    assert "connection refused" in str(error)


def test_pinned_connection_sends_the_original_host(fake_dns: dict[str, list[str]]) -> None:
    fake_dns["news.example"] = [PUBLIC_ADDRESS]
    with raw_server(answer(b"200 OK")) as server:
        url = server.url("/story", host="news.example")
        body, charset = fetch_url(url, max_bytes=10_000, timeout=2, allow_private=False)
    assert body == ARTICLE
    assert charset == "utf-8"
    assert fake_dns["connects"] == [PUBLIC_ADDRESS]
    assert f"\r\nHost: news.example:{server.port}\r\n".encode() in server.requests[0]


def test_redirect_to_a_rebinding_host_is_not_followed(fake_dns: dict[str, list[str]]) -> None:
    fake_dns["news.example"] = [PUBLIC_ADDRESS]
    fake_dns["rebind.example"] = ["8.8.8.8", "127.0.0.1"]
    with (
        raw_server(lambda conn, request: None) as target,
        raw_server(
            answer(b"302 Found", b"", f"Location: {target.url('/secret', host='rebind.example')}\r\n".encode())
        ) as server,
    ):
        fetch_error(server.url("/jump", host="news.example"), allow_private=False)
    assert target.requests == []
    assert fake_dns["lookups"].count("rebind.example") == 1


def test_redirect_to_a_private_address_is_refused(fake_dns: dict[str, list[str]]) -> None:
    fake_dns["news.example"] = [PUBLIC_ADDRESS]
    with (
        raw_server(answer(b"200 OK")) as target,
        raw_server(answer(b"301 Moved", b"", f"Location: {target.url('/secret')}\r\n".encode())) as server,
    ):
        error = fetch_error(server.url("/jump", host="news.example"), allow_private=False)
    assert "private or local address" in str(error)
    assert target.requests == []


def test_redirect_is_followed_through_the_pinned_address(fake_dns: dict[str, list[str]]) -> None:
    fake_dns["news.example"] = [PUBLIC_ADDRESS]
    with raw_server(answer(b"200 OK")) as target:
        moved = answer(b"302 Found", b"", f"Location: {target.url('/story', host='news.example')}\r\n".encode())
        with raw_server(moved) as server:
            body, _ = fetch_url(
                server.url("/jump", host="news.example"), max_bytes=10_000, timeout=2, allow_private=False
            )
    assert body == ARTICLE
    assert len(target.requests) == 1


def test_private_host_still_allowed_when_trusted() -> None:
    with raw_server(answer(b"200 OK")) as server:
        body, _ = fetch_url(server.url("/story"), max_bytes=10_000, timeout=2)
    assert body == ARTICLE


def test_too_many_redirects() -> None:
    with raw_server(answer(b"302 Found", b"", b"Location: /again\r\n")) as server:
        error = fetch_error(server.url("/again"))
    assert "redirect" in str(error)


# -- 3. text from servers is escaped ---------------------------------------------------


@pytest.mark.parametrize(
    ("status", "headers", "seen"),
    [
        pytest.param(b"500 \x1b]0;pwned\x07Bad", b"", "HTTP 500", id="reason"),
        pytest.param(b"404 \x9b31mGone\x7f", b"", "HTTP 404", id="c1-reason"),
        pytest.param(b"302 Found", b"Location: ftp://h/\x1bc\x1b[2J\r\n", "ftp://h/", id="location"),
    ],
)
def test_server_text_is_escaped_in_errors(status: bytes, headers: bytes, seen: str) -> None:
    with raw_server(answer(status, b"", headers)) as server:
        error = fetch_error(server.url("/evil"))
    message = str(error)
    assert seen in message
    assert control_characters(message) == []
    assert "\\x1b" in message or "\\x9b" in message


def test_url_with_control_characters_is_escaped_in_errors() -> None:
    with raw_server(answer(b"404 Not Found", b"")) as server:
        url = server.url("/a\x1b]0;pwned\x07b")
        error = fetch_error(url)
    assert control_characters(str(error)) == []
    assert str(error).startswith(server.url("/a\\x1b]0;pwned\\x07b") + ": ")


# -- 4. URL schemes are case-insensitive -------------------------------------------------


def test_manifest_accepts_upper_case_schemes(tmp_path: Path) -> None:
    manifest = tmp_path / "pairs.toml"
    manifest.write_text('[[pair]]\nid = "loud"\na = "HTTPS://example.invalid/x"\nb = "Http://example.invalid/y"\n')
    (pair,) = read_manifest(manifest)
    assert pair.a == "HTTPS://example.invalid/x"
    assert pair.b == "Http://example.invalid/y"


def test_fetch_accepts_upper_case_schemes() -> None:
    with raw_server(answer(b"200 OK")) as server:
        url = server.url("/story").replace("http://", "HTTP://")
        article = load_article(url, timeout=2)
    assert article.meta.title == "Pinned"

"""Fetching articles from the web: an ``http(s)://`` URL → its body and charset.

Imported by `compare.load` only when an input is a URL, so that comparing
local files does not pay for `http.client`, `ssl` and `urllib.request` at
start-up.  Size limits and their messages are those of `read`.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
from email.message import Message
from typing import IO, Any

from ..errors import ArticleError
from ..version import __version__
from .read import KB, check_limits, describe_error, too_large

_READ_CHUNK = 64 * KB  # bytes asked of the socket at a time
# The whole download may take this many times the timeout, so that a server
# trickling an endless body cannot hang the caller.
_DEADLINE_TIMEOUTS = 2
_DEFAULT_PORTS = {"http": 80, "https": 443}
_FIRST_SERVER_ERROR = 500  # HTTP statuses from here on are the server's fault, not the URL's


def fetch_url(url: str, *, max_bytes: int, timeout: float, allow_private: bool = True) -> tuple[bytes, str | None]:
    """Download `url` (http or https only) and return its body and the charset its Content-Type names.

    `timeout` applies to connecting and to each read, and the whole
    download may take at most twice `timeout`, so a server that trickles an
    endless body cannot hang the caller.  A body over `max_bytes` is
    refused without reading the rest.  With `allow_private` false, a URL
    (or a redirect) to a host that resolves to a loopback, private,
    link-local or otherwise non-public address is refused, so that a
    manifest from an untrusted pull request cannot read internal services.
    Every failure is an `ArticleError` naming `url`.
    """
    check_limits(max_bytes, timeout)
    _check_url(url)
    if not allow_private:
        check_public_host(url, source=url)
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": f"article-compare/{__version__}",
            "Accept": "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.5",
            # urllib does not decompress; ask for the body as it is.
            "Accept-Encoding": "identity",
        },
    )
    opener = urllib.request.build_opener(_HttpOnlyRedirects(url, allow_private))
    deadline = time.monotonic() + _DEADLINE_TIMEOUTS * timeout
    try:
        response = opener.open(request, timeout=timeout)
    except urllib.error.HTTPError as exc:
        exc.close()
        reason = exc.reason if isinstance(exc.reason, str) else ""
        advice = "the server failed, try again later" if exc.code >= _FIRST_SERVER_ERROR else "check the URL"
        raise ArticleError(f"HTTP {exc.code} {reason}; {advice}", source=url) from None
    except urllib.error.URLError as exc:
        raise ArticleError(_network_problem(exc.reason, timeout), source=url) from None
    except (OSError, http.client.HTTPException) as exc:
        # Failures while waiting for the status line are not wrapped in URLError.
        raise ArticleError(_network_problem(exc, timeout), source=url) from None
    with response:
        headers: Message = response.headers
        length = _content_length(headers)
        if length is not None and length > max_bytes:
            raise ArticleError(too_large(length, max_bytes), source=url)
        body = _read_body(response, url=url, max_bytes=max_bytes, timeout=timeout, deadline=deadline)
        charset = headers.get_content_charset()
    return body, charset


def _check_url(url: str) -> None:
    """Refuse a `url` that is not http(s) or names no host."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        scheme = parts.scheme or url.split(":", 1)[0]
        raise ArticleError(
            f"unsupported URL scheme {scheme!r}; give an http:// or https:// URL or the path of a file",
            source=url,
        )
    if not parts.hostname:
        raise ArticleError("the URL names no host; give a full URL such as https://example.org/story", source=url)


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http and https URLs only (urllib also follows ftp)."""

    def __init__(self, url: str, allow_private: bool = True) -> None:
        """Name `url`, the URL the user gave, in the errors; check redirect hosts unless `allow_private`."""
        self.url = url
        self.allow_private = allow_private

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: http.client.HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        """Refuse a redirect to `newurl` unless it is http or https."""
        if urllib.parse.urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise ArticleError(f"redirects to {newurl}, which is not an http or https URL", source=self.url)
        if not self.allow_private:
            check_public_host(newurl, source=self.url)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def check_public_host(url: str, *, source: str) -> None:
    """Refuse `url` unless every address its host resolves to is a public one."""
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    try:
        port = parts.port or _DEFAULT_PORTS.get(parts.scheme, _DEFAULT_PORTS["http"])
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise ArticleError(f"cannot resolve the host {host!r}; check the URL", source=source) from None
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if not address.is_global:
            raise ArticleError(
                f"points to {host} ({address}), a private or local address; batch manifests may "
                "only name public URLs (pass --allow-private-urls if you trust the manifest)",
                source=source,
            )


def _content_length(headers: Message) -> int | None:
    """The Content-Length of `headers` as a number, or None when missing or garbled."""
    value = headers.get("Content-Length")
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _read_body(response: Any, *, url: str, max_bytes: int, timeout: float, deadline: float) -> bytes:
    """Read at most `max_bytes` of `response`, stopping at `deadline` (a `time.monotonic` value)."""
    chunks: list[bytes] = []
    total = 0
    while True:
        if time.monotonic() > deadline:
            raise ArticleError(
                f"took longer than {_DEADLINE_TIMEOUTS * timeout:g} s to download: the server is too slow or the page "
                "never ends; raise --timeout to wait longer",
                source=url,
            )
        try:
            # read1 returns whatever one receive brings; read(n) would wait
            # for all n bytes and so could outlive the deadline on a trickle.
            chunk: bytes = response.read1(min(_READ_CHUNK, max_bytes + 1 - total))
        except http.client.IncompleteRead:
            raise ArticleError("the connection closed before the whole page arrived; try again", source=url) from None
        except (OSError, http.client.HTTPException) as exc:
            raise ArticleError(_network_problem(exc, timeout, reading=True), source=url) from None
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > max_bytes:
            raise ArticleError(too_large(None, max_bytes), source=url)


def _network_problem(reason: object, timeout: float, *, reading: bool = False) -> str:
    """One line saying what went wrong on the network, from a `URLError.reason` or an exception."""
    while isinstance(reason, urllib.error.URLError):
        reason = reason.reason
    when = " while reading the page" if reading else ""
    if isinstance(reason, TimeoutError):
        return f"timed out after {timeout:g} s{when}; check the URL, or raise --timeout if the server is slow"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused; check the URL and that the server is running"
    if isinstance(reason, ConnectionResetError | http.client.RemoteDisconnected | BrokenPipeError):
        return f"the server closed the connection{when}; try again later"
    if isinstance(reason, socket.gaierror):
        return "host not found (DNS lookup failed); check the URL and the network"
    if isinstance(reason, ssl.SSLError):
        return f"TLS error ({reason.reason or reason}); check the URL"
    if isinstance(reason, http.client.HTTPException):
        return f"the server sent a malformed response ({type(reason).__name__}){when}"
    if isinstance(reason, BaseException):
        return f"cannot be fetched{when}: {describe_error(reason)}"
    return f"cannot be fetched{when}: {reason}"

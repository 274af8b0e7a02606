"""Fetching articles from the web: an ``http(s)://`` URL → its body and charset.

Imported by `compare.load` only when an input is a URL, so that comparing
local files does not pay for `http.client` and `ssl` at start-up.  Size
limits and their messages are those of `read`.

The host name of each URL (the one given and every redirect) is resolved
once; those addresses are checked (when private ones are not allowed) and
the connection goes to one of them, so a DNS answer that changes between
the check and the connection cannot point the fetch elsewhere.  The request
still names the host in its ``Host`` header, and for https the TLS
handshake sends it (SNI) and checks the certificate against it.

One deadline, the timeout, covers connecting, the TLS handshake, the
status line, the headers and the body: `--timeout 5` gives up after five
seconds, whether the server is silent or sends its page a byte at a time.  Text that came from the
server or the URL is shown with its control characters escaped.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import string
import threading
import time
import urllib.parse
from collections.abc import Sequence
from email.message import Message
from typing import TYPE_CHECKING, Any, NamedTuple

from ..errors import CONTROL_ESCAPES, ArticleError
from ..version import __version__
from .read import KB, check_limits, describe_error, too_large

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer, WriteableBuffer

_READ_CHUNK = 64 * KB  # bytes asked of the socket at a time
_DEFAULT_PORTS = {"http": 80, "https": 443}
_FIRST_SERVER_ERROR = 500  # HTTP statuses from here on are the server's fault, not the URL's
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_MAX_REDIRECTS = 10  # as urllib
_REQUEST_HEADERS = {
    "User-Agent": f"article-compare/{__version__}",
    "Accept": "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.5",
    # Nothing here decompresses; ask for the body as it is.
    "Accept-Encoding": "identity",
    "Connection": "close",
}
# Characters left as they are in a request target; the rest (spaces, controls,
# non-ASCII) are percent-encoded, as urllib does for redirects.
_TARGET_SAFE = string.punctuation


def fetch_url(url: str, *, max_bytes: int, timeout: float, allow_private: bool = True) -> tuple[bytes, str | None]:
    """Download `url` (http or https only) and return its body and the charset its Content-Type names
    (`fetch_page`, without the media type)."""
    page = fetch_page(url, max_bytes=max_bytes, timeout=timeout, allow_private=allow_private)
    return page.body, page.charset


class Page(NamedTuple):
    """A downloaded page: its body, and the charset and media type its Content-Type names (None when it names
    none)."""

    body: bytes
    charset: str | None
    media_type: str | None


def fetch_page(url: str, *, max_bytes: int, timeout: float, allow_private: bool = True) -> Page:
    """Download `url` (http or https only) and return it as a `Page`.

    The whole download (connecting, the status line, headers and body) may
    take at most `timeout` seconds, so neither a silent server nor one that
    trickles endless headers or an endless body can hang the caller.  A body over `max_bytes` is
    refused without reading the rest.  With `allow_private` false, a URL
    (or a redirect) to a host that resolves to a loopback, private,
    link-local or otherwise non-public address is refused, so that a
    manifest from an untrusted pull request cannot read internal services;
    the connection goes to the address that was checked.  Every failure is
    an `ArticleError` naming `url`.
    """
    check_limits(max_bytes, timeout)
    deadline = _Deadline(timeout)
    current = url
    for _ in range(_MAX_REDIRECTS + 1):
        parts = _check_url(current, source=url)
        addresses = _addresses(parts, allow_private=allow_private, source=url, deadline=deadline)
        connection = _connection(parts, addresses, deadline)
        try:
            response = _request(connection, parts, url=url, deadline=deadline)
            location = response.getheader("Location") if response.status in _REDIRECT_STATUSES else None
            if location is not None:
                try:
                    current = urllib.parse.urljoin(current, location.strip())
                except ValueError:  # a Location such as "http://[::1/x"
                    raise _error(f"redirects to {location.strip()!r}, which is not a URL; check the URL", url) from None
                if urllib.parse.urlsplit(current).scheme.lower() not in _DEFAULT_PORTS:
                    raise _error(f"redirects to {current}, which is not an http or https URL", url)
                continue
            if not 200 <= response.status < 300:
                advice = (
                    "the server failed, try again later" if response.status >= _FIRST_SERVER_ERROR else "check the URL"
                )
                raise _error(f"HTTP {response.status} {response.reason}; {advice}", url)
            headers: Message = response.msg
            length = _content_length(headers)
            if length is not None and length > max_bytes:
                raise _error(too_large(length, max_bytes), url)
            body = _read_body(response, url=url, max_bytes=max_bytes, deadline=deadline)
            if length is not None and len(body) < length:
                # read1 does not raise IncompleteRead: a dropped connection looks like the end of the page.
                raise _error(
                    f"the connection closed after {len(body)} of {length} bytes; the page is incomplete, try again",
                    url,
                )
            # get_content_type() says "text/plain" for a page without the header: only a named type counts.
            media_type = headers.get_content_type() if headers.get("Content-Type") else None
            return Page(body, headers.get_content_charset(), media_type)
        finally:
            connection.close()
    raise _error(f"redirects more than {_MAX_REDIRECTS} times; check the URL", url)


def _error(message: str, url: str) -> ArticleError:
    """An `ArticleError` about `url` saying `message` (`CompareError` escapes control characters in both)."""
    return ArticleError(message, source=url)


def _check_url(url: str, *, source: str) -> urllib.parse.SplitResult:
    """The parts of `url`; refuse it unless it is http(s) (in any case) and names a host and a valid port."""
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:  # "http://[::1/x": an IPv6 address without its closing bracket
        raise _error("the URL is malformed (its host cannot be read); check the URL", source) from None
    if parts.scheme.lower() not in _DEFAULT_PORTS:
        scheme = parts.scheme or url.split(":", 1)[0]
        raise _error(
            f"unsupported URL scheme {scheme!r}; give an http:// or https:// URL or the path of a file", source
        )
    if not parts.hostname:
        raise _error("the URL names no host; give a full URL such as https://example.org/story", source)
    if any(ch.isspace() or ord(ch) in CONTROL_ESCAPES for ch in parts.hostname):
        raise _error(f"the URL's host {parts.hostname!r} is not a host name; check the URL", source)
    try:
        _ = parts.port  # raises ValueError when the port is not a number from 0 to 65535
    except ValueError:
        raise _error("the URL's port is not a number from 0 to 65535; check the URL", source) from None
    return parts


def _port(parts: urllib.parse.SplitResult) -> int:
    """The port `parts` names, or its scheme's default."""
    return parts.port or _DEFAULT_PORTS[parts.scheme.lower()]


_AddressInfo = tuple[socket.AddressFamily, socket.SocketKind, int, str, tuple[Any, ...]]


def _addresses(
    parts: urllib.parse.SplitResult, *, allow_private: bool, source: str, deadline: _Deadline | None = None
) -> Sequence[_AddressInfo]:
    """Resolve the host of `parts` once, within `deadline`; unless `allow_private`, refuse it when any address is
    not public."""
    host = parts.hostname or ""
    try:
        infos = _resolve(host, _port(parts), deadline)
    except TimeoutError:
        raise _error("the host name did not resolve in time (DNS timed out); check the network", source) from None
    except socket.gaierror:
        raise _error("host not found (DNS lookup failed); check the URL and the network", source) from None
    except (OSError, UnicodeError):
        raise _error(f"cannot resolve the host {host!r}; check the URL", source) from None
    if not infos:
        raise _error("host not found (DNS lookup failed); check the URL and the network", source)
    if not allow_private:
        for info in infos:
            address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
            if not address.is_global:
                raise _error(
                    f"points to {host} ({address}), a private or local address; batch manifests may "
                    "only name public URLs (pass --allow-private-urls if you trust the manifest)",
                    source,
                )
    return infos


def _resolve(host: str, port: int, deadline: _Deadline | None) -> Sequence[_AddressInfo]:
    """`socket.getaddrinfo` for `host`, waiting no longer than `deadline` allows (then TimeoutError).

    The lookup cannot be interrupted: it runs in a thread of its own, left to
    finish in the background when the deadline passes.
    """
    if deadline is None:
        return socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    outcome: list[Sequence[_AddressInfo] | BaseException] = []

    def lookup() -> None:
        try:
            outcome.append(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
        except BaseException as error:  # handed to the caller
            outcome.append(error)

    worker = threading.Thread(target=lookup, daemon=True)
    worker.start()
    worker.join(deadline.remaining())
    if not outcome:
        raise TimeoutError("the DNS lookup did not answer before the deadline")
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome[0]


def check_public_host(url: str, *, source: str) -> None:
    """Refuse `url` unless every address its host resolves to is a public one."""
    _addresses(_check_url(url, source=source), allow_private=False, source=source)


class _Deadline:
    """The time by which the whole download must be done, and the wait allowed for each socket operation."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self.end = time.monotonic() + timeout
        self.cut_short = False  # the last wait was shortened by the deadline
        self.received = False  # the server has sent something: a slow download, not a silent server

    def arm(self, sock: socket.socket) -> None:
        """Let `sock`'s next operation wait the timeout, but not past the deadline (then raise TimeoutError)."""
        left = self.end - time.monotonic()
        self.cut_short = left <= self.timeout
        if left <= 0:
            raise TimeoutError("the deadline has passed")
        sock.settimeout(min(self.timeout, left))

    def remaining(self) -> float:
        """Seconds left before the deadline; a DNS lookup may take at most the timeout of them."""
        return max(0.0, min(self.timeout, self.end - time.monotonic()))

    @property
    def passed(self) -> bool:
        """True once the deadline has passed, or a wait ended because of it."""
        return self.cut_short or time.monotonic() >= self.end


class _DeadlineSocket(socket.socket):
    """A socket whose every receive and send waits at most what its `deadline` allows."""

    deadline: _Deadline | None = None

    def recv_into(self, buffer: WriteableBuffer, nbytes: int = 0, flags: int = 0) -> int:
        """Receive into `buffer`, bounded by the deadline."""
        if self.deadline is None:
            return super().recv_into(buffer, nbytes, flags)
        self.deadline.arm(self)
        received = super().recv_into(buffer, nbytes, flags)
        self.deadline.received = self.deadline.received or received > 0
        return received

    def sendall(self, data: ReadableBuffer, flags: int = 0) -> None:
        """Send `data`, bounded by the deadline."""
        if self.deadline is not None:
            self.deadline.arm(self)
        super().sendall(data, flags)


class _DeadlineSSLSocket(ssl.SSLSocket):
    """A TLS socket whose every receive and send waits at most what its `deadline` allows."""

    deadline: _Deadline | None = None

    def recv_into(self, buffer: WriteableBuffer, nbytes: int | None = None, flags: int = 0) -> int:
        """Receive into `buffer`, bounded by the deadline."""
        if self.deadline is None:
            return super().recv_into(buffer, nbytes, flags)
        self.deadline.arm(self)
        received = super().recv_into(buffer, nbytes, flags)
        self.deadline.received = self.deadline.received or received > 0
        return received

    def sendall(self, data: ReadableBuffer, flags: int = 0) -> None:
        """Send `data`, bounded by the deadline."""
        if self.deadline is not None:
            self.deadline.arm(self)
        super().sendall(data, flags)


def _open_socket(addresses: Sequence[_AddressInfo], deadline: _Deadline) -> _DeadlineSocket:
    """Connect to the first of `addresses` that answers, within the deadline."""
    problem: OSError = OSError("no address to connect to")
    for family, kind, proto, _, sockaddr in addresses:
        sock = _DeadlineSocket(family, kind, proto)
        try:
            deadline.arm(sock)
            sock.connect(sockaddr)
        except OSError as exc:
            sock.close()
            problem = exc
            if time.monotonic() >= deadline.end:
                break
            continue
        sock.deadline = deadline
        return sock
    raise problem


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """An HTTP connection to `host` that connects to one of `addresses`, already resolved and checked."""

    def __init__(self, host: str, port: int, *, addresses: Sequence[_AddressInfo], deadline: _Deadline) -> None:
        super().__init__(host, port, timeout=deadline.timeout)
        self.pinned_addresses = addresses
        self.deadline = deadline

    def connect(self) -> None:
        """Connect to the pinned addresses, not to whatever `host` resolves to now."""
        self.sock = _open_socket(self.pinned_addresses, self.deadline)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """An HTTPS connection to `host` over one of `addresses`; SNI and the certificate check use `host`."""

    def __init__(self, host: str, port: int, *, addresses: Sequence[_AddressInfo], deadline: _Deadline) -> None:
        self.tls = ssl.create_default_context()
        self.tls.sslsocket_class = _DeadlineSSLSocket
        super().__init__(host, port, timeout=deadline.timeout, context=self.tls)
        self.pinned_addresses = addresses
        self.deadline = deadline

    def connect(self) -> None:
        """Connect to the pinned addresses and shake hands with `host` (SNI, certificate), within the deadline."""
        sock = _open_socket(self.pinned_addresses, self.deadline)
        try:
            self.deadline.arm(sock)
            tls = self.tls.wrap_socket(sock, server_hostname=self.host)
        except BaseException:
            sock.close()
            raise
        if isinstance(tls, _DeadlineSSLSocket):
            tls.deadline = self.deadline
        self.sock = tls


def _connection(
    parts: urllib.parse.SplitResult, addresses: Sequence[_AddressInfo], deadline: _Deadline
) -> http.client.HTTPConnection:
    """An unopened connection for `parts` pinned to `addresses`."""
    pinned = _PinnedHTTPSConnection if parts.scheme.lower() == "https" else _PinnedHTTPConnection
    return pinned(parts.hostname or "", _port(parts), addresses=addresses, deadline=deadline)


def _request(
    connection: http.client.HTTPConnection, parts: urllib.parse.SplitResult, *, url: str, deadline: _Deadline
) -> http.client.HTTPResponse:
    """Send a GET for `parts` on `connection` and return the response once its headers have arrived."""
    target = urllib.parse.quote(parts.path or "/", safe=_TARGET_SAFE)
    if parts.query:
        target += "?" + urllib.parse.quote(parts.query, safe=_TARGET_SAFE)
    try:
        connection.request("GET", target, headers=_REQUEST_HEADERS)
        return connection.getresponse()
    except (OSError, http.client.HTTPException, ValueError) as exc:
        raise _error(_network_problem(exc, deadline), url) from None


def _content_length(headers: Message) -> int | None:
    """The Content-Length of `headers` as a number, or None when missing or garbled."""
    value = headers.get("Content-Length")
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _read_body(response: http.client.HTTPResponse, *, url: str, max_bytes: int, deadline: _Deadline) -> bytes:
    """Read at most `max_bytes` of `response`, stopping at the deadline."""
    chunks: list[bytes] = []
    total = 0
    while True:
        if time.monotonic() > deadline.end:
            raise _error(_too_slow(deadline), url)
        try:
            # read1 returns whatever one receive brings; read(n) would wait
            # for all n bytes.  Each receive is bounded by the deadline too.
            chunk = response.read1(min(_READ_CHUNK, max_bytes + 1 - total))
        except http.client.IncompleteRead:
            raise _error("the connection closed before the whole page arrived; try again", url) from None
        except (OSError, http.client.HTTPException, ValueError) as exc:
            raise _error(_network_problem(exc, deadline, reading=True), url) from None
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > max_bytes:
            raise _error(too_large(None, max_bytes), url)


def _too_slow(deadline: _Deadline) -> str:
    """The message for a download that the deadline cut off."""
    return (
        f"took longer than {deadline.timeout:g} s to download: the server is too slow or the page "
        "never ends; raise --timeout to wait longer"
    )


def _network_problem(reason: BaseException, deadline: _Deadline, *, reading: bool = False) -> str:
    """One line saying what went wrong on the network, from the exception `reason`."""
    when = " while reading the page" if reading else ""
    if isinstance(reason, TimeoutError):
        if deadline.passed and deadline.received:
            return _too_slow(deadline)
        return f"timed out after {deadline.timeout:g} s{when}; check the URL, or raise --timeout if the server is slow"
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
    return f"cannot be fetched{when}: {describe_error(reason)}"

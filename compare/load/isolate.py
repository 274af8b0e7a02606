"""Run a parser that cannot be bounded from outside in a child process, with a time limit.

Python-Markdown (recursive, with inline patterns that backtrack) and lxml
(C, which holds on to the interpreter until it returns, so not even SIGTERM
gets in) take time out of all proportion on some hostile inputs: 16 KB of
``[`` costs Python-Markdown seconds, and every further doubling four times
as much; a tag with 80,000 attributes keeps lxml busy for minutes.  No check
of the input can foresee every such case, so the parse runs in a forked
child; past its time limit the child is killed and the input is refused with
one line (`ArticleError`, exit 3).

The limit is wall-clock time, the one budget here that is not counted in
operations: it is generous (`parse_seconds`), so that only inputs that would
otherwise run for minutes reach it, and output never depends on it.  Where
``os.fork`` does not exist the parser runs in this process, unbounded.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import sys
import time
from collections.abc import Callable
from typing import TypeVar

from ..errors import ArticleError

_Result = TypeVar("_Result")

#: The time limit of one parse: this many seconds...
BASE_PARSE_SECONDS = 30.0
#: ...and this many more per MiB of input (5 MiB, the default size cap, gets 80 s).
PARSE_SECONDS_PER_MIB = 10.0
_CHUNK = 1 << 20
#: The recursion limit of the child while it pickles its outcome.
CHILD_RECURSION_LIMIT = 10_000


def parse_seconds(text: str) -> float:
    """The time limit for parsing `text`."""
    return BASE_PARSE_SECONDS + PARSE_SECONDS_PER_MIB * len(text) / (1 << 20)


def run_isolated(parse: Callable[[], _Result], *, source: str, what: str, seconds: float) -> _Result:
    """Return `parse()`, run in a forked child that is killed after `seconds`.

    An exception `parse` raises is raised here (it must pickle, as the
    tool's errors do); a child that dies or overruns is an `ArticleError`
    naming `source` and saying that it could not be read as `what`.
    """
    if not hasattr(os, "fork"):
        return parse()
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: parse, send the outcome, and leave without running any cleanup of the parent's
        code = 0
        try:
            os.close(reader)
            try:
                outcome: tuple[str, object] = ("ok", parse())
            except Exception as error:  # handed to the parent, which raises it
                outcome = ("raised", error)
            # The parse may have ended in a RecursionError (deep Markdown), and CPython 3.11 can leave the
            # thread's recursion budget short after one: the pickle of a small outcome then fails.  The outcome
            # is a few levels deep, so more room changes nothing else.
            sys.setrecursionlimit(max(sys.getrecursionlimit(), CHILD_RECURSION_LIMIT))
            payload = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
            view = memoryview(payload)
            while view:
                view = view[os.write(writer, view[:_CHUNK]) :]
        except BaseException:  # the child must never return into the parent's code
            code = 1
        finally:
            os._exit(code)
    os.close(writer)
    try:
        payload = _read_until(reader, time.monotonic() + seconds, source=source, what=what, seconds=seconds)
    finally:
        os.close(reader)
        _end(pid)
    if not payload:
        raise ArticleError(f"could not be read as {what}: its parser failed", source=source)
    status, value = pickle.loads(payload)  # written by our own child, never by the input
    if status == "raised":
        assert isinstance(value, BaseException)
        raise value
    return value  # type: ignore[no-any-return]


def _read_until(reader: int, deadline: float, *, source: str, what: str, seconds: float) -> bytes:
    """Everything the child writes to `reader` until it closes it; an `ArticleError` at `deadline`."""
    chunks: list[bytes] = []
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise ArticleError(
                f"took more than {seconds:.0f} s to read as {what}, so it was stopped: markup this costly is "
                "not an article; give it as plain text (.txt)",
                source=source,
            )
        ready, _, _ = select.select([reader], [], [], remaining)
        if not ready:
            continue
        chunk = os.read(reader, _CHUNK)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _end(pid: int) -> None:
    """Make sure child `pid` is gone (killed if it is still parsing) and reaped."""
    try:
        finished, _ = os.waitpid(pid, os.WNOHANG)
        if finished == 0:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    except ChildProcessError:  # already reaped
        pass

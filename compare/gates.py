"""CI gates of a batch: ``--fail-if`` conditions → the pairs and sets that meet them.

A gate such as ``only_in.b > 20`` holds for a pair whose figures meet it; the
batch then exits `GATE_FAILED` (6).  Gates come in two kinds, each checked on
its own kind of item only:

* pair gates (`METRICS`: ``only_in.b``, ``covered.a``, ``changes``, …) on pairs;
* set gates (`SET_METRICS`, naming a document by its id: ``exclusive.c``, the
  facts only document c carries; ``carried.b``, the share of the event's
  facts document b carries) on sets.  A set gate naming a document a set
  lacks (``exclusive.f`` on a set of three) is a usage error for that set
  (`gate_problem`): the set fails with that line, and the others go on.

Everything here is pure: parsing a condition and checking records against it
reads and writes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .errors import ConfigError
from .manifest import BatchItem, SetSpec
from .model import SET_LETTERS
from .summary import BatchResult, Record

#: The figures a gate can test, as each pair's record names them.
METRICS = (
    "only_in.a",
    "only_in.b",
    "covered.a",
    "covered.b",
    "words.a",
    "words.b",
    "quotes.identical",
    "quotes.variant",
    "quotes.only_a",
    "quotes.only_b",
    "quotes.extended",
    "reworded.a",
    "reworded.b",
    "changes",
    "edited",
)
#: The figures a set gate can test, each followed by a document id: ``exclusive.c``, ``carried.b``.
SET_METRICS = ("exclusive", "carried")
SET_METRIC_RE = re.compile(rf"(?:{'|'.join(SET_METRICS)})\.(?P<document>[a-z])\Z")
GATE_RE = re.compile(
    r"""^\s*
    (?P<metric>[A-Za-z_]+(?:\.[A-Za-z_]+)?)\s*
    (?P<operator>>=|<=|==|!=|>|<)\s*
    (?P<value>-?\d+(?:\.\d+)?)
    \s*$""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class Gate:
    """A CI threshold such as ``only_in.b > 20``: the batch fails when it holds for a pair."""

    metric: str
    operator: str
    value: float

    @property
    def kind(self) -> str:
        """The kind of item the gate is checked on: "set" for ``exclusive.c`` or ``carried.b``, else "pair"."""
        return "pair" if self.document is None else "set"

    @property
    def document(self) -> str | None:
        """The document id a set gate names ("c" in ``exclusive.c``), None for a pair gate."""
        match = SET_METRIC_RE.match(self.metric)
        return match.group("document") if match else None

    def holds(self, figures: dict[str, float]) -> bool:
        """True when `figures` meet this condition."""
        actual = figures.get(self.metric)
        if actual is None:
            return False
        return {
            ">": actual > self.value,
            ">=": actual >= self.value,
            "<": actual < self.value,
            "<=": actual <= self.value,
            "==": actual == self.value,
            "!=": actual != self.value,
        }[self.operator]

    def __str__(self) -> str:
        """Show the gate as written on the command line, e.g. ``only_in.b > 20`` (whole numbers without ``.0``)."""
        value = int(self.value) if self.value == int(self.value) else self.value
        return f"{self.metric} {self.operator} {value}"


def parse_gate(text: str) -> Gate:
    """Parse a ``--fail-if`` condition such as ``"only_in.b > 20"``, ``"covered.a < 0.5"`` or, for sets,
    ``"exclusive.c > 5"``.

    >>> parse_gate("only_in.b > 20")
    Gate(metric='only_in.b', operator='>', value=20.0)
    >>> parse_gate("carried.b < 0.5").kind
    'set'
    """
    match = GATE_RE.match(text)
    if not match:
        raise ConfigError(f"--fail-if {text!r} is not 'METRIC OP NUMBER', e.g. 'only_in.b > 20'")
    metric, operator, value = match.group("metric", "operator", "value")
    if metric != metric.lower() and (metric.lower() in METRICS or SET_METRIC_RE.match(metric.lower())):
        raise ConfigError(f"--fail-if {text!r}: metrics and document letters are lower case; write {metric.lower()!r}")
    if metric not in METRICS and not SET_METRIC_RE.match(metric):
        raise ConfigError(
            f"--fail-if {text!r}: unknown metric {metric!r}; use one of {', '.join(METRICS)} for pairs, or "
            f"{' or '.join(f'{name}.ID' for name in SET_METRICS)} for sets (ID a document's letter, as exclusive.c)"
        )
    number = float(value)
    if metric.split(".")[0] in SHARE_METRICS and number > 1:
        raise ConfigError(
            f"--fail-if {text!r}: {metric} is a share from 0 to 1, not a percentage; write {number / 100:g} for "
            f"{number:g}%"
        )
    return Gate(metric, operator, number)


#: The metrics that are shares from 0 to 1 (reports show them as percentages, which invites writing 30 for 0.3).
SHARE_METRICS = frozenset({"covered", "carried"})


def gate_problem(item: BatchItem, gates: Sequence[Gate]) -> str | None:
    """Why `gates` cannot be checked on `item`: a set gate naming a document the set lacks; else None.

    >>> from compare.manifest import SetSpec
    >>> gate_problem(SetSpec("bridge", ("1.txt", "2.txt", "3.txt")), [parse_gate("exclusive.f > 5")])
    "--fail-if 'exclusive.f > 5' names document f, but set bridge has 3 articles (a to c); name one of those"
    """
    if not isinstance(item, SetSpec):
        return None
    count = len(item.articles)
    if not count:
        return None  # a set without articles fails for that reason
    for gate in gates:
        document = gate.document
        if document is not None and SET_LETTERS.index(document) >= count:
            return (
                f"--fail-if {str(gate)!r} names document {document}, but set {item.id} has {count} articles "
                f"(a to {SET_LETTERS[count - 1]}); name one of those"
            )
    return None


def failed_gates(record: Record, gates: Sequence[Gate]) -> list[str]:
    """The conditions of `gates` of `record`'s kind that it meets, each with its figure; none for a failed one."""
    if record.status == "failed":
        return []
    return [
        f"{gate} (it is {record.figures[gate.metric]:g})"
        for gate in gates
        if gate.kind == record.kind and gate.holds(record.figures)
    ]


def gate_failures(result: BatchResult) -> list[str]:
    """One line per (pair or set, gate) of `result` whose condition held (see `failed_gates`)."""
    return [f"{record.id}: {failure}" for record in result.records for failure in record.gates_failed]

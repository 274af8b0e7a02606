"""CI gates of a batch: ``--fail-if`` conditions → the pairs that meet them.

A gate such as ``only_in.b > 20`` holds for a pair whose figures meet it; the
batch then exits `GATE_FAILED` (6).  Everything here is pure: parsing a
condition and checking records against it reads and writes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .errors import ConfigError
from .summary import BatchResult, PairRecord

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
)
GATE_RE = re.compile(
    r"""^\s*
    (?P<metric>[a-z_]+(?:\.[a-z_]+)?)\s*
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
    """Parse a ``--fail-if`` condition such as ``"only_in.b > 20"`` or ``"covered.a < 0.5"``.

    >>> parse_gate("only_in.b > 20")
    Gate(metric='only_in.b', operator='>', value=20.0)
    """
    match = GATE_RE.match(text)
    if not match:
        raise ConfigError(f"--fail-if {text!r} is not 'METRIC OP NUMBER', e.g. 'only_in.b > 20'")
    metric, operator, value = match.group("metric", "operator", "value")
    if metric not in METRICS:
        raise ConfigError(f"--fail-if {text!r}: unknown metric {metric!r}; use one of {', '.join(METRICS)}")
    return Gate(metric, operator, float(value))


def failed_gates(record: PairRecord, gates: Sequence[Gate]) -> list[str]:
    """The conditions of `gates` that `record` meets, each with its figure; none for a failed pair."""
    if record.status == "failed":
        return []
    return [f"{gate} (it is {record.figures[gate.metric]:g})" for gate in gates if gate.holds(record.figures)]


def gate_failures(result: BatchResult) -> list[str]:
    """One line per (pair, gate) of `result` whose condition held (see `failed_gates`)."""
    return [f"{record.id}: {failure}" for record in result.records for failure in record.gates_failed]

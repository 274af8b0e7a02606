"""Cold start: how long `article-compare A B --format json` takes on the seed pair, and where the time goes.

    python bench/bench_startup.py            # medians of 21 runs of each command
    python bench/bench_startup.py --quick    # 3 runs: the CI smoke run

Three figures, each the median of fresh processes with their bytecode cached
(as an installed package has it):

* the interpreter alone (``python -c pass``): what any Python command pays,
  including whatever ``.pth`` files the machine's site-packages run;
* ``python -m compare A B --format json``: the whole command;
* ``python -m compare --version``: the command's imports without a comparison.

Then one ``python -X importtime`` run of the JSON command, summed by top-level
package, so a new slow import shows up by name; and the list of heavy
libraries the JSON path must not import (Jinja2, WeasyPrint, …).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED_A = ROOT / "seeds" / "2017-02-16-mattis-nato-irish-times.txt"
SEED_B = ROOT / "seeds" / "2017-02-16-mattis-nato-independent.txt"
# Libraries the JSON report does not need; importing one is a start-up regression.
NOT_FOR_JSON = ("jinja2", "weasyprint", "markdown", "trafilatura", "lxml", "charset_normalizer", "jsonschema", "tqdm")
IMPORT_LINE_RE = re.compile(r"^import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)$")


def environment(cache: Path) -> dict[str, str]:
    """The environment for a timed run: bytecode written to and read from `cache`, as an installed package has it."""
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(cache)
    return env


def median_run(command: list[str], env: dict[str, str], repeat: int) -> float:
    """Median wall time of `repeat` runs of `command` (after one warm-up run that also writes the bytecode)."""
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def import_breakdown(command: list[str], env: dict[str, str]) -> tuple[dict[str, float], set[str]]:
    """Seconds of import by top-level package in one ``-X importtime`` run of `command`, and every module imported."""
    result = subprocess.run(
        [command[0], "-X", "importtime", *command[1:]], env=env, capture_output=True, text=True, check=True
    )
    by_package: dict[str, float] = defaultdict(float)
    modules = set()
    for line in result.stderr.splitlines():
        match = IMPORT_LINE_RE.match(line)
        if not match:
            continue
        self_us, module = int(match.group(1)), match.group(4)
        modules.add(module)
        top = module.split(".")[0]
        by_package[top if top != "compare" else module] += self_us / 1e6
    return dict(by_package), modules


def main(argv: list[str] | None = None) -> int:
    """Run the start-up benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="3 runs of each command (for CI)")
    args = parser.parse_args(argv)
    repeat = 3 if args.quick else 21
    json_command = [sys.executable, "-m", "compare", str(SEED_A), str(SEED_B), "--format", "json"]
    with tempfile.TemporaryDirectory() as cache:
        env = environment(Path(cache))
        figures = {
            "python -c pass": median_run([sys.executable, "-c", "pass"], env, repeat),
            "article-compare --version": median_run([sys.executable, "-m", "compare", "--version"], env, repeat),
            "article-compare A B --format json": median_run(json_command, env, repeat),
        }
        by_package, modules = import_breakdown(json_command, env)
    print(f"# article-compare cold start · Python {sys.version.split()[0]} · medians of {repeat} fresh processes")
    for name, seconds in figures.items():
        print(f"{name:40} {seconds * 1000:7.1f} ms")
    ours = figures["article-compare A B --format json"] - figures["python -c pass"]
    print(f"{'the JSON command beyond the interpreter':40} {ours * 1000:7.1f} ms")
    print("\nimport time of the JSON command by package (self time, from -X importtime):")
    for package, seconds in sorted(by_package.items(), key=lambda item: -item[1])[:15]:
        print(f"  {package:38} {seconds * 1000:7.1f} ms")
    ours_imports = sum(seconds for package, seconds in by_package.items() if package.startswith("compare"))
    print(f"  {'(all of compare.*)':38} {ours_imports * 1000:7.1f} ms")
    heavy = sorted(name for name in NOT_FOR_JSON if name in modules)
    print(f"\nheavy libraries imported for JSON: {', '.join(heavy) if heavy else 'none'}")
    return 1 if heavy else 0


if __name__ == "__main__":
    sys.exit(main())

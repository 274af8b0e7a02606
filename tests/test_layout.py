"""Tests of how the modules of `compare` depend on each other.

A name with a leading underscore is private to its module: another module
that imports it is tied to an implementation detail, and such imports are how
the old `load` ↔ `fetch` cycle began.  These tests read the source with `ast`
and import nothing from it.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "compare"
MODULES = sorted(PACKAGE.rglob("*.py"))


def module_name(path: Path) -> str:
    """The dotted name of the module in `path`, e.g. ``compare.load.read``."""
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def absolute(path: Path, node: ast.ImportFrom) -> str:
    """The module a ``from … import`` in the file at `path` names, with relative dots resolved."""
    if node.level == 0:
        return node.module or ""
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package.pop()  # a module's dots count from its package
    base = package[: len(package) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def is_private(name: str) -> bool:
    """True for ``_name``, not for dunders such as ``__version__``."""
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def private_imports(path: Path, source: str | None = None) -> Iterator[str]:
    """Where the module at `path` imports, or reads off an imported module, a private name of another module.

    `source` is the module's text when it is not the file's.
    """
    text = path.read_text(encoding="utf-8") if source is None else source
    tree = ast.parse(text, filename=str(path))
    modules: set[str] = set()  # local names bound to modules of `compare`
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            origin = absolute(path, node)
            for alias in node.names:
                if is_private(alias.name) and origin != module_name(path):
                    yield f"{path.name}:{node.lineno}: from {origin} import {alias.name}"
                if origin.split(".")[0] == "compare":
                    modules.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "compare":
                    modules.add(alias.asname or alias.name.split(".")[0])
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and is_private(node.attr):
            base = node.value
            while isinstance(base, ast.Attribute):
                base = base.value
            if isinstance(base, ast.Name) and base.id in modules:
                yield f"{path.name}:{node.lineno}: {ast.unparse(node)}"


def test_the_package_is_found() -> None:
    assert PACKAGE / "load" / "__init__.py" in MODULES
    assert module_name(PACKAGE / "load" / "read.py") == "compare.load.read"
    assert module_name(PACKAGE / "load" / "__init__.py") == "compare.load"


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(PACKAGE)))
def test_no_module_imports_another_modules_private_names(path: Path) -> None:
    assert list(private_imports(path)) == []


def test_the_checker_sees_private_imports() -> None:
    # The check above passes trivially if it never recognises an offence.
    source = (
        "from . import _helper\nfrom .read import _size, KB\nfrom .. import __version__\nfrom . import read\nread._x\n"
    )
    assert list(private_imports(PACKAGE / "load" / "fetch.py", source)) == [
        "fetch.py:1: from compare.load import _helper",
        "fetch.py:2: from compare.load.read import _size",
        "fetch.py:5: read._x",
    ]


def imports_of(path: Path) -> set[str]:
    """The `compare` modules that the module in `path` imports at module level (not inside functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.ImportFrom):
            origin = absolute(path, node)
            for alias in node.names:
                candidate = f"{origin}.{alias.name}"
                where = PACKAGE.parent / candidate.replace(".", "/")
                found.add(candidate if where.is_dir() or where.with_suffix(".py").is_file() else origin)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.split(".")[0] == "compare"}


def test_fetch_depends_on_read_and_load_imports_fetch_only_when_asked() -> None:
    # One-way arrows: fetch uses read's public helpers; `compare.load` reaches fetch only for a URL.
    load = PACKAGE / "load"
    assert "compare.load" not in imports_of(load / "fetch.py")
    assert "compare.load.read" in imports_of(load / "fetch.py")
    for path in load.glob("*.py"):
        assert "compare.load.fetch" not in imports_of(path), path.name
    code = (
        "import sys, compare.load; print(sorted(m for m in ('compare.load.fetch', 'http.client') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def dependencies(path: Path) -> set[str]:
    """Every `compare` module the module in `path` imports, at module level or inside a function.

    ``from . import text`` is a dependency on the submodule ``text`` only, not on the package it sits in.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            origin = absolute(path, node)
            submodules = {f"{origin}.{alias.name}" for alias in node.names} & KNOWN_MODULES
            found |= submodules if len(submodules) == len(node.names) else {origin, *submodules}
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name in KNOWN_MODULES and name != module_name(path)}


KNOWN_MODULES = {module_name(path) for path in MODULES}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import cycles of `graph` (module → modules it imports): its strongly connected groups of two or more.

    >>> cycles({"a": {"b"}, "b": {"a"}, "c": {"a"}})
    [['a', 'b']]
    """
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        order[node] = low[node] = len(order)
        stack.append(node)
        for other in sorted(graph.get(node, ())):
            if other not in order:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], order[other])
        if low[node] == order[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in order:
            visit(node)
    return found


def test_no_import_cycle_in_the_package_even_through_lazy_imports() -> None:
    from compare.load.formats import INPUT_FORMATS

    graph = {module_name(path): dependencies(path) for path in MODULES}
    # The input-format registry imports its reader modules by name (importlib), which `ast` cannot see.
    graph["compare.load.formats"] |= {f"compare.load.{fmt.reader_module}" for fmt in INPUT_FORMATS}
    assert all(reader in KNOWN_MODULES for reader in graph["compare.load.formats"])
    # The package's __init__ is the public façade over everything; nothing below may import it back.
    assert not [name for name, imported in graph.items() if "compare" in imported], graph
    assert cycles(graph) == []
    # The checker sees a cycle when there is one.
    graph["compare.errors"] = {"compare.cli"}
    assert cycles(graph) != []


def test_a_text_article_loads_without_the_markup_readers() -> None:
    # The registry names each reader's module; only the format being read is imported.
    code = (
        "import sys; from compare.load import load_bytes; load_bytes(b'Title\\n\\nBody text.', source='a.txt'); "
        "print(sorted(m for m in ('compare.load.html', 'compare.load.markdown', 'html.parser', 'xml.etree.ElementTree')"
        " if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"

"""The package's imports run one way: no cycle among ``positions`` modules, and no private
name (``_x``) imported from another module.

Every module is read with :mod:`ast` (nothing is imported), lazy imports inside functions
included: a lazy import that closes a cycle hides the cycle from Python, not from a reader.
A submodule depends on its package's ``__init__`` only where it imports a name defined
there (``from . import Draft``); Python runs the ``__init__`` first, but a submodule that
names nothing in it does not depend on it. Imports made by name at run time
(``importlib.import_module``, as ``positions.cli`` registers its commands) are not seen.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "positions"

# Private names still imported across modules, from a module another branch owns (issue 14,
# item 3: ``text/`` gets a public ``TOKEN_PATTERN``). Each entry is (importing module,
# imported module, name); the test fails on any other one, and on an entry that is no longer
# needed (so that the list only shrinks).
KNOWN_PRIVATE: frozenset[tuple[str, str, str]] = frozenset(
    {
    }
)


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(ROOT.rglob("*.py")):
        parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


MODULES = _modules()

# Compiled modules (``_speedups``, built from its C source): imported as modules, not as names.
EXTENSIONS = {
    ".".join(path.relative_to(ROOT.parent).with_suffix("").parts)
    for path in ROOT.rglob("*.c")
}


def _is_package(name: str) -> bool:
    return MODULES[name].name == "__init__.py"


@functools.lru_cache(maxsize=None)
def _imports(name: str) -> list[tuple[str, str | None, int]]:
    """(module imported, name imported from it or None, line) for every import of a
    ``positions`` module in module ``name``, at any depth."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"), str(MODULES[name]))
    package = name if _is_package(name) else name.rpartition(".")[0]
    out: list[tuple[str, str | None, int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(a.name, None, node.lineno) for a in node.names if a.name.split(".")[0] == "positions"]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "positions":
                continue
            for a in node.names:
                sub = f"{target}.{a.name}"
                if sub in MODULES or sub in EXTENSIONS:  # `from . import text`: the submodule itself
                    out.append((sub, None, node.lineno))
                else:
                    out.append((target, a.name, node.lineno))
    return out


# Display hooks: Jupyter shows a record through its class's ``_repr_html_``, which can only
# reach the renderer by importing it when called (the model cannot import render at load
# time). The edge is the one way a record points up; nothing else may.
DISPLAY_HOOKS: frozenset[tuple[str, str]] = frozenset(
    {("positions.model.reading", "positions.render.notebook"), ("positions.model.changes", "positions.render.notebook")}
)


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {m: set() for m in MODULES}
    for m in MODULES:
        for target, name, _ in _imports(m):
            if target not in MODULES or target == m or (m, target) in DISPLAY_HOOKS:
                continue
            if m.startswith(target + ".") and name is None:  # its package, for a submodule
                continue
            graph[m].add(target)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(out)


def test_every_module_is_read():
    assert "positions.model" in MODULES and "positions.render" in MODULES
    assert _imports("positions.render.report")  # relative imports resolved


# Cycles in a part of the tree another branch owns: ``attribution/transcripts.py`` imports
# ``Draft`` from the package's ``__init__`` inside a function (issue 14 item 3 gives drafts a
# module of their own). The test fails on any other cycle, and when this one is gone.
KNOWN_CYCLES: list[list[str]] = []


def test_no_import_cycle():
    cycles = [c for c in _cycles(_graph()) if c not in KNOWN_CYCLES]
    assert cycles == [], "import cycles among positions modules: " + "; ".join(" <-> ".join(c) for c in cycles)


@pytest.mark.parametrize("cycle", KNOWN_CYCLES)
def test_known_cycles_are_still_there(cycle):
    assert cycle in _cycles(_graph()), f"{cycle} is gone: take it off KNOWN_CYCLES"


def test_cycles_are_found():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


@functools.lru_cache(maxsize=None)
def _private_imports() -> frozenset[tuple[str, str, str]]:
    found = set()
    for m in MODULES:
        for target, name, _ in _imports(m):
            if name and name.startswith("_") and not name.startswith("__") and target != m:
                found.add((m, target, name))
    return frozenset(found)


def test_no_private_name_imported_across_modules():
    found = _private_imports()
    new = sorted(found - KNOWN_PRIVATE)
    assert new == [], "private names imported across modules: " + "; ".join(f"{m} imports {t}.{n}" for m, t, n in new)


@pytest.mark.parametrize("entry", sorted(KNOWN_PRIVATE))
def test_known_private_imports_are_still_there(entry):
    assert entry in _private_imports(), f"{entry} is gone: take it off KNOWN_PRIVATE"


# What the renderers may read: records (the model, novelty and diffusion records included:
# positions.model.novelty) and the stage that summarises a corpus into them (track, which
# finds the report's firsts too). errors sits below the model (an output directory that must
# not be overwritten is an OutputError); bundled only locates the sample corpus (imports
# nothing of the package), so that the notebook views show its paths as korea/...
RENDER_MAY_IMPORT = ("positions.bundled", "positions.errors", "positions.model", "positions.track", "positions.render")


def test_render_reads_records_only():
    """``positions.render`` turns records into text: it imports nothing above the model and
    ``track`` (no text, lexicon, diff or attribution code runs again while rendering)."""
    bad = sorted(
        (m, target)
        for m in MODULES
        if m == "positions.render" or m.startswith("positions.render.")
        for target, _, _ in _imports(m)
        if not any(target == ok or target.startswith(ok + ".") for ok in RENDER_MAY_IMPORT)
    )
    assert bad == [], "render imports beyond records: " + "; ".join(f"{m} imports {t}" for m, t in bad)


# A module past this many lines is asking to be split along a seam one can name (STYLE.md
# §10, issue 14). The C source of ``_speedups`` is not a Python module and is not counted.
MAX_LINES = 500


def test_no_module_is_too_long():
    long = sorted(
        (m, n) for m, path in MODULES.items() if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    )
    assert long == [], "modules over 500 lines (split them along a seam): " + "; ".join(f"{m} ({n})" for m, n in long)

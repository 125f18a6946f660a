"""The package's layers, held by a test: imports run one way, form no cycle, and heavy libraries stay put.

Every module of ``bargaining/`` is parsed with :mod:`ast` (nothing is imported): every ``import``
at any depth (module level, inside functions, under ``if TYPE_CHECKING:``) is read, relative
imports are resolved, and the package's import graph is built. An edge ``a -> b`` means that
running ``a`` may load ``b``. ``from pkg import name`` is an edge to ``pkg.name`` when that is a
module and to ``pkg`` otherwise; importing ``x.y.z`` also loads the packages ``x.y`` and ``x``, so
those are edges too, except a module's own enclosing packages, which Python has loaded before it.

The order of the layers is stated once, below, as data (:data:`LAYERS`); ``docs/architecture.md``
describes it and points here. Every exception to a rule is a named entry with its reason, and a
listed exception that no longer matches the code fails :func:`test_every_listed_exception_is_still_needed`,
so that an exception is deleted in the commit that makes it unnecessary.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "bargaining"

# --- the declared order (docs/architecture.md quotes this) ----------------------------------------

#: The layers, lowest first, each with its sections in order. A module belongs to the section named
#: by its first component under ``bargaining`` (``bargaining.war.learning`` -> ``war``; the top-level
#: modules ``cli.py`` and ``explore.py`` are sections of their own; ``bargaining/__init__.py`` and
#: ``_version.py`` belong to ``core``, as they import nothing but ``core.errors``). A section may
#: import its own modules and the sections that come before it in this order: a model imports
#: ``core`` and models of earlier sections, the analysis layer imports the models, the CLI imports
#: everything. Within the models the order is that of the essay's sections (§1 solutions, §2 crisis,
#: §3 commitment, §4 coercion, §5 war, §6 games, §9 the coercive game).
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("core", ("core",)),
    ("models", ("solutions", "crisis", "commitment", "coercion", "war", "games", "coercive_game")),
    ("analysis", ("sweep", "scenarios", "claims", "report", "explore")),
    ("interface", ("cli",)),
)

#: Sections held to less than the order allows: the coercive game of §9 nests the blocks above it
#: only in its tests and proofs, and nothing in the models imports it (the order already keeps the
#: earlier models from importing it).
NARROWER: dict[str, frozenset[str]] = {
    "coercive_game": frozenset({"core"}),
}

#: The heavy third-party libraries and the modules allowed to import them (at any depth). A model
#: returns data; drawing, widgets, labelled arrays and distributed runs belong to the analysis layer
#: (every module of which may import these, except nashpy), and nashpy to the stage-game solver.
HEAVY: dict[str, frozenset[str]] = {
    "nashpy": frozenset({"bargaining.games.stage"}),
    "matplotlib": frozenset(),
    "ipywidgets": frozenset(),
    "xarray": frozenset(),
    "dask": frozenset(),
    "zarr": frozenset(),
}
ANALYSIS_MAY_IMPORT = frozenset({"matplotlib", "ipywidgets", "xarray", "dask", "zarr"})

#: Model modules that exist to draw: a module whose name says so and which docs/architecture.md
#: lists. It may import matplotlib (inside its functions) and nothing of the analysis layer.
PLOT_MODULES = frozenset({"bargaining.war.plots"})

#: Libraries that load only inside the functions that need them (or under ``TYPE_CHECKING``), so that
#: ``import bargaining.<section>`` stays light (``tests/test_import.py`` holds the same at run time).
LAZY = frozenset(
    {"sympy", "scipy", "nashpy", "matplotlib", "ipywidgets", "xarray", "dask", "zarr", "pygambit"}
)

# --- the exceptions, each named with its reason ----------------------------------------------------

#: Import cycles between modules tolerated for now, by name, as the (importer, imported) edges left
#: out of the cycle search: none today. (The ``war.learning`` <-> ``war.strategies`` cycle is gone since
#: the war branch was merged, and ``coercive_game.model`` <-> ``coercive_game.exact`` since the
#: strategies moved to ``coercive_game.strategy``; this test keeps them gone.)
CYCLE_EXCEPTIONS: dict[str, frozenset[tuple[str, str]]] = {}

#: Model modules that import a heavy library although they are not plot modules: (module, library)
#: with the reason. They return labelled tables (``xarray.Dataset``) or draw; the tables should be
#: built in the analysis layer from the arrays the model returns, and the map drawn there.
HEAVY_EXCEPTIONS: dict[tuple[str, str], str] = {
    ("bargaining.coercion.signalling_map", "matplotlib"): (
        "regime_map draws the signalling game's regime map (used by explore); "
        "to move: compute the label grid in coercion, draw it in the analysis layer"
    ),
    ("bargaining.war.durations", "xarray"): "DurationMixture.to_dataset returns an xarray.Dataset",
    ("bargaining.war.lattice", "xarray"): "SettlementDistribution.to_dataset returns an xarray.Dataset",
    ("bargaining.war.strategies", "xarray"): "compare returns an xarray.Dataset with a strategy dimension",
}

#: Imports of another section made inside a function although that section is cheap to load (none
#: of its modules imports a heavy library at module level), as (importing module, imported section),
#: with the reason they stay for now. Cheap cross-section imports belong at the top of the module,
#: where the reader sees the dependency; each of these can move up when its file is free.
_EDITED = "moves up when {} is no longer being edited on another branch"
LAZY_CROSS_SECTION_EXCEPTIONS: dict[tuple[str, str], str] = {
    ("bargaining.cli", "core"): _EDITED.format("cli.py"),
    ("bargaining.cli", "crisis"): _EDITED.format("cli.py"),
    ("bargaining.cli", "solutions"): _EDITED.format("cli.py"),
    ("bargaining.explore", "coercion"): _EDITED.format("explore.py (coercion branch)"),
    ("bargaining.claims.cli", "core"): _EDITED.format("claims/"),
    ("bargaining.claims.cli", "scenarios"): _EDITED.format("claims/"),
    ("bargaining.claims.essay.coercion", "coercion"): _EDITED.format("claims/essay (coercion branch)"),
    ("bargaining.claims.essay.commitment", "commitment"): _EDITED.format("claims/essay"),
    ("bargaining.claims.essay.crisis", "crisis"): _EDITED.format("claims/essay"),
    ("bargaining.claims.essay.crisis", "solutions"): _EDITED.format("claims/essay"),
    ("bargaining.claims.essay.war", "war"): _EDITED.format("claims/essay"),
    ("bargaining.commitment.proposals", "core"): _EDITED.format("commitment/"),
    ("bargaining.games._polytope", "core"): _EDITED.format("games/"),
    ("bargaining.report.analyze", "claims"): _EDITED.format("report/ (coercion branch)"),
    ("bargaining.report.cli", "claims"): _EDITED.format("report/ (coercion branch)"),
    ("bargaining.scenarios.models", "coercion"): _EDITED.format("scenarios/"),
    ("bargaining.scenarios.models", "commitment"): _EDITED.format("scenarios/"),
    ("bargaining.scenarios.models", "crisis"): _EDITED.format("scenarios/"),
    ("bargaining.scenarios.models", "war"): _EDITED.format("scenarios/"),
    ("bargaining.war.ceasefire", "commitment"): _EDITED.format("war/"),
    ("bargaining.war.durations", "core"): _EDITED.format("war/"),
    ("bargaining.war.learning", "crisis"): _EDITED.format("war/"),
    ("bargaining.war.strategies", "coercion"): _EDITED.format("war/"),
}

# --- the graph -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Import:
    """One import statement's effect: ``importer`` loads ``imported`` (a module of the package or the
    top-level name of a third-party library), at ``line``, ``where`` in the module."""

    importer: str
    imported: str
    line: int
    where: str  # "top" (module or class body), "function", "typing" (under TYPE_CHECKING) or "dynamic"
    implicit: bool = False  # a package loaded because a module inside it is imported

    def __str__(self) -> str:
        path = self.importer.replace(".", "/")
        return f"{path}.py:{self.line} ({self.where}) imports {self.imported}"


def modules(package: Path = PACKAGE) -> dict[str, Path]:
    """Every module of the package by dotted name (a package by the name of its ``__init__``)."""
    found = {}
    for path in sorted(package.rglob("*.py")):
        parts = (package.name, *path.relative_to(package).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _statements(tree: ast.AST, where: str = "top") -> Iterator[tuple[ast.Import | ast.ImportFrom, str]]:
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node, where
        inner = where
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            inner = "function" if where == "top" else where
        elif isinstance(node, ast.If) and _is_type_checking(node.test):
            yield from _statements(ast.Module(body=node.body, type_ignores=[]), "typing")
            yield from _statements(ast.Module(body=node.orelse, type_ignores=[]), where)
            continue
        yield from _statements(node, inner)


def _with_parents(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[: i + 1]) for i in range(len(parts))]


def _dynamic(tree: ast.AST, known: dict[str, Path]) -> Iterator[tuple[str, int]]:
    """Modules of the package named by a string, as ``importlib`` loads them (``"bargaining.sweep.cli"``,
    ``"bargaining.crisis.range.Crisis"``, ``"bargaining.crisis:Crisis"``): the longest known prefix."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and _DOTTED.fullmatch(node.value):
            parts = node.value.partition(":")[0].split(".")
            named = [".".join(parts[:i]) for i in range(len(parts), 0, -1) if ".".join(parts[:i]) in known]
            yield named[0], node.lineno


_DOTTED = re.compile(rf"{PACKAGE.name}(\.\w+)+(:\w+)?")


def imports(package: Path = PACKAGE) -> list[Import]:
    """Every import of every module of the package, resolved to modules (internal) or libraries.

    A string that names a module of the package (``cli._SUBCOMMANDS``, the sweep's registry) is an
    import too, ``where="dynamic"``: ``importlib`` loads it at run time.
    """
    known = modules(package)
    root = package.name
    found = []
    for name, path in known.items():
        is_package = path.name == "__init__.py"
        enclosing = name if is_package else name.rpartition(".")[0]
        already_loaded = set(_with_parents(enclosing))
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node, where in _statements(tree):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                if node.level:
                    base = enclosing.split(".")[: len(enclosing.split(".")) - node.level + 1]
                    source = ".".join(base + ([node.module] if node.module else []))
                else:
                    source = node.module or ""
                submodules = [
                    f"{source}.{alias.name}" for alias in node.names if f"{source}.{alias.name}" in known
                ]
                targets = submodules or [source]  # the package itself is loaded on the way to its modules
            for target in targets:
                if target.split(".")[0] != root:
                    found.append(Import(name, target.split(".")[0], node.lineno, where))
                    continue
                for loaded in _with_parents(target):
                    if loaded in known and loaded not in already_loaded and loaded != name:
                        found.append(Import(name, loaded, node.lineno, where, implicit=loaded != target))
        for target, line in _dynamic(tree, known):
            for loaded in _with_parents(target):
                if loaded in known and loaded not in already_loaded and loaded != name:
                    found.append(Import(name, loaded, line, "dynamic", implicit=loaded != target))
    return found


def section(module: str) -> str:
    """The section of a module of the package (its first component under ``bargaining``)."""
    parts = module.split(".")
    if len(parts) == 1 or parts[1] == "_version":
        return "core"
    return parts[1]


ORDER = [name for _, sections in LAYERS for name in sections]
LAYER_OF = {name: layer for layer, sections in LAYERS for name in sections}


def may_import(importer: str, imported: str) -> bool:
    """Whether a module of section ``importer`` may import one of section ``imported``."""
    if importer == imported:
        return True
    if importer in NARROWER:
        return imported in NARROWER[importer]
    return ORDER.index(imported) < ORDER.index(importer)


def internal(found: list[Import], *, implicit: bool = True) -> list[Import]:
    """The imports of modules of the package (with or without the packages they load on the way)."""
    return [
        edge
        for edge in found
        if edge.imported.split(".")[0] == PACKAGE.name and (implicit or not edge.implicit)
    ]


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """A cycle of the directed graph as a path ``[a, b, ..., a]``, or None (iterative depth-first)."""
    state: dict[str, int] = {}  # 1 on the current path, 2 finished
    for start in sorted(edges):
        if start in state:
            continue
        path = [start]
        stack = [iter(sorted(edges.get(start, ())))]
        state[start] = 1
        while stack:
            successor = next(stack[-1], None)
            if successor is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(successor) == 1:
                return [*path[path.index(successor) :], successor]
            elif successor not in state:
                state[successor] = 1
                path.append(successor)
                stack.append(iter(sorted(edges.get(successor, ()))))
    return None


@pytest.fixture(scope="module")
def graph() -> list[Import]:
    return imports()


# --- the rules -------------------------------------------------------------------------------------


def test_every_section_is_declared(graph):
    """A new subpackage or top-level module must be placed in LAYERS before it is imported."""
    undeclared = sorted({section(m) for m in modules()} - set(ORDER))
    assert not undeclared, f"sections missing from LAYERS in tests/test_layers.py: {undeclared}"


def test_no_import_runs_against_the_layer_order(graph):
    wrong = [
        f"{edge}: {section(edge.importer)} may not import {section(edge.imported)}"
        for edge in internal(graph, implicit=False)
        if not may_import(section(edge.importer), section(edge.imported))
    ]
    assert not wrong, "imports against the order of LAYERS:\n" + "\n".join(wrong)


def test_no_cycle_between_subpackages(graph):
    edges: dict[str, set[str]] = {}
    for edge in internal(graph):
        if section(edge.importer) != section(edge.imported):
            edges.setdefault(section(edge.importer), set()).add(section(edge.imported))
    cycle = find_cycle(edges)
    assert cycle is None, "a cycle between subpackages: " + " -> ".join(cycle or [])


def _module_edges(graph: list[Import], tolerated: set[tuple[str, str]]) -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for edge in internal(graph):
        if edge.where != "typing" and (edge.importer, edge.imported) not in tolerated:
            edges.setdefault(edge.importer, set()).add(edge.imported)
    return edges


def _reachable(edges: dict[str, set[str]], start: str) -> set[str]:
    seen, todo = {start}, [start]
    while todo:
        for successor in edges.get(todo.pop(), ()):
            if successor not in seen:
                seen.add(successor)
                todo.append(successor)
    return seen


def test_no_cycle_between_modules(graph):
    """A cycle of modules through imports that run (those under TYPE_CHECKING never do)."""
    cycle = find_cycle(_module_edges(graph, set().union(*CYCLE_EXCEPTIONS.values())))
    assert cycle is None, "a cycle between modules: " + " -> ".join(cycle or [])


def _heavy_allowed(module: str, library: str) -> bool:
    if module in HEAVY[library] or (module, library) in HEAVY_EXCEPTIONS:
        return True
    if library == "matplotlib" and module in PLOT_MODULES:
        return True
    return library in ANALYSIS_MAY_IMPORT and LAYER_OF[section(module)] in {"analysis", "interface"}


def test_heavy_libraries_only_where_allowed(graph):
    wrong = [
        f"{edge}: only {sorted(HEAVY[edge.imported]) or 'the analysis layer and PLOT_MODULES'} may import it"
        for edge in graph
        if edge.imported in HEAVY and not _heavy_allowed(edge.importer, edge.imported)
    ]
    assert not wrong, "heavy libraries out of place (a model returns data):\n" + "\n".join(wrong)


def test_plot_modules_draw_only(graph):
    """A plot module of a model section is a leaf: nothing in the models imports it."""
    wrong = [
        str(edge)
        for edge in internal(graph, implicit=False)
        if edge.imported in PLOT_MODULES
        and LAYER_OF[section(edge.importer)] == "models"
        and edge.importer != ".".join(edge.imported.split(".")[:2])  # the section's __init__ re-exports it
    ]
    assert not wrong, "model modules importing a plot module:\n" + "\n".join(wrong)


def test_heavy_libraries_load_inside_functions(graph):
    wrong = [str(edge) for edge in graph if edge.imported in LAZY and edge.where == "top"]
    assert not wrong, "heavy libraries imported at module level:\n" + "\n".join(wrong)


def _cheap(graph: list[Import]) -> set[str]:
    """Modules whose loading (module-level imports, followed through the package) loads nothing in LAZY."""
    top: dict[str, set[str]] = {}
    for edge in graph:
        if edge.where == "top":
            top.setdefault(edge.importer, set()).add(edge.imported)
    return {module for module in modules() if not _reachable(top, module) & LAZY}


def _lazy_cross_section(graph: list[Import]) -> list[Import]:
    cheap = _cheap(graph)
    return [
        edge
        for edge in internal(graph, implicit=False)
        if edge.where == "function"
        and section(edge.importer) != section(edge.imported)
        and edge.imported in cheap
    ]


def test_cheap_cross_section_imports_sit_at_the_top(graph):
    wrong = [
        str(edge)
        for edge in _lazy_cross_section(graph)
        if (edge.importer, section(edge.imported)) not in LAZY_CROSS_SECTION_EXCEPTIONS
    ]
    assert not wrong, "cheap imports of another section inside a function (move them up):\n" + "\n".join(
        wrong
    )


def test_every_listed_exception_is_still_needed(graph):
    """An exception outlives its violation here only: delete it in the commit that fixes the code."""
    edges = {(edge.importer, edge.imported) for edge in graph}
    stale = []
    runs = _module_edges(graph, set())
    for name, pairs in CYCLE_EXCEPTIONS.items():
        if not any(importer in _reachable(runs, imported) for importer, imported in pairs):
            stale.append(f"CYCLE_EXCEPTIONS[{name!r}] (its edges close no cycle)")
    stale += [f"HEAVY_EXCEPTIONS{pair}" for pair in HEAVY_EXCEPTIONS if pair not in edges]
    lazy = {(edge.importer, section(edge.imported)) for edge in _lazy_cross_section(graph)}
    stale += [
        f"LAZY_CROSS_SECTION_EXCEPTIONS[{name}]" for name in LAZY_CROSS_SECTION_EXCEPTIONS if name not in lazy
    ]
    stale += [f"PLOT_MODULES: {name}" for name in PLOT_MODULES if name not in modules()]
    assert not stale, "listed exceptions that no longer match the code (delete them):\n" + "\n".join(stale)


# --- the checker checks itself -----------------------------------------------------------------------


def test_the_graph_sees_imports_at_every_depth_and_resolves_relative_ones(tmp_path):
    package = tmp_path / "bargaining"
    (package / "core").mkdir(parents=True)
    (package / "war").mkdir()
    (package / "__init__.py").write_text("from .core import errors\n")
    (package / "core" / "__init__.py").write_text("")
    (package / "core" / "errors.py").write_text("")
    (package / "war" / "__init__.py").write_text("from .learning import War\n")
    (package / "war" / "learning.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "from ..core.errors import E\n"
        "if TYPE_CHECKING:\n    import xarray\n"
        "def f():\n    from . import strategies\n    import matplotlib.pyplot\n"
    )
    (package / "war" / "strategies.py").write_text(
        'from bargaining.war.learning import War\nimport numpy\nPLUGIN = "bargaining.core.errors:E"\n'
    )
    found = {(edge.importer, edge.imported, edge.where) for edge in imports(package)}
    assert found == {
        ("bargaining", "bargaining.core", "top"),
        ("bargaining", "bargaining.core.errors", "top"),
        ("bargaining.war", "bargaining.war.learning", "top"),
        ("bargaining.war.learning", "typing", "top"),
        ("bargaining.war.learning", "bargaining.core", "top"),
        ("bargaining.war.learning", "bargaining.core.errors", "top"),
        ("bargaining.war.learning", "xarray", "typing"),
        ("bargaining.war.learning", "bargaining.war.strategies", "function"),
        ("bargaining.war.learning", "matplotlib", "function"),
        ("bargaining.war.strategies", "bargaining.war.learning", "top"),
        ("bargaining.war.strategies", "numpy", "top"),
        ("bargaining.war.strategies", "bargaining.core", "dynamic"),
        ("bargaining.war.strategies", "bargaining.core.errors", "dynamic"),
    }


def test_the_cycle_search_reports_the_path():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None
    assert find_cycle({"a": {"a"}}) == ["a", "a"]


def test_the_order_rules():
    assert may_import("war", "coercion") and may_import("war", "war") and may_import("cli", "core")
    assert not may_import("crisis", "war") and not may_import("core", "solutions")
    assert not may_import("coercive_game", "war") and may_import("coercive_game", "core")
    assert not may_import("war", "claims") and may_import("report", "claims")

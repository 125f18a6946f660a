# ruff: noqa: RUF009 - parameter() returns a dataclass field, like dataclasses.field
r"""Two-player stage games: every Nash equilibrium, verified exactly, degenerate games included.

A bimatrix game :math:`(A, B)` gives the row player :math:`x^\top A y` and the column player
:math:`x^\top B y` for mixed strategies :math:`x \in \Delta_n`, :math:`y \in \Delta_m`. With
payoffs shifted to be positive, the **best-response polytopes**

.. math:: P = \{x \ge 0 : B^\top x \le 1\}, \qquad Q = \{y \ge 0 : A y \le 1\}

label a point by the pure strategies it makes unplayed (:math:`x_i = 0`, :math:`y_j = 0`) or best
responses (:math:`(B^\top x)_j = 1`, :math:`(A y)_i = 1`). The Nash equilibria are the completely
labelled pairs :math:`(x, y) \ne (0, 0)`, normalised (Mangasarian 1964; von Stengel 2002,
Handbook of Game Theory III, ch. 45, Thm 2.4). In a **nondegenerate** game both polytopes are
simple and equilibria are isolated; bargaining games are degenerate by nature (a responder is
indifferent at its threshold), and then the equilibria form **components**: each maximal clique
:math:`X \times Y` of the bipartite graph of compatible vertices spans the convex set
:math:`\mathrm{conv}(X) \times \mathrm{conv}(Y)` of equilibria, and cliques sharing a vertex are
connected (Avis, Rosenberg, Savani & von Stengel 2010, Economic Theory 42: 9–37).

:func:`equilibria` is exact and complete by construction. Floating point only proposes: the
vertices are found in floats (Qhull on the polar polytope, or every basis for small games) and
paired by their labels (a vertex with the generic number of labels by lookup of its complement,
any other against every vertex). Each float decision is then either certified by its margin (a
slack within ``1e-9`` of 0 is tight, beyond ``1e-5`` is slack) or checked exactly: every paired
vertex, every vertex with more than the generic number of labels and every vertex with a slack
in between is **rebuilt exactly** from a basis of its tight constraints and must carry exactly
the labels floats gave it (all at once on 64-bit integers, each basis proved nonsingular and
solved by an integer identity, :func:`~bargaining.games._proposal.confirm`; on Python integers by
fraction-free elimination where 64 bits do not suffice). Games of at most six actions in all go
straight to the exact enumeration, which is faster there. When floats cannot
tell the payoffs apart (two entries closer than ``1e-9`` of the largest: near-degenerate games,
``1e19`` beside ``1``, ``1e300`` beside ``1e-300``), when a basis is too close to singular, Qhull
fails or any exact check disagrees, both polytopes are enumerated **exactly** instead: a search
over every feasible basis with fraction-free integer pivoting, complete since the graph of
feasible bases of a polytope is connected (:func:`~bargaining.games._polytope.exact_vertices`).
Every equilibrium returned is a ``Fraction`` profile; degeneracy is decided exactly and said
(:class:`~bargaining.core.errors.DegenerateGameWarning`).

>>> from bargaining.games.named import prisoners_dilemma
>>> game = prisoners_dilemma()
>>> result = equilibria(game)
>>> [(e.row, e.column) for e in result.extreme]
[((Fraction(0, 1), Fraction(1, 1)), (Fraction(0, 1), Fraction(1, 1)))]
"""

from __future__ import annotations

import itertools
import math
import numbers
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import partial
from typing import Any

import numpy as np

from ..core.errors import DegenerateGameWarning, ParameterTypeError, ParameterValueError
from ..core.parameters import declared, setting
from ..core.values import Kind
from ._polytope import (
    Vertex,
    best_responses,
    dot,
    normalised,
    solve_exact,
)
from ._proposal import exact_pairs, float_pairs
from .tree import GameTree, convert_number, payoff_kind

__all__ = [
    "Component",
    "MixedEquilibrium",
    "StageEquilibria",
    "StageGame",
    "equilibria",
    "is_nash",
    "nashpy_equilibria",
    "strategic_form",
]

_MAX_LABELS = 64  # the label masks are 64-bit
_EXACT_ONLY = 6  # up to this many actions in all, the exact enumeration alone is the faster


@dataclass(frozen=True, slots=True, eq=False)
@declared(settle=False)
class StageGame:
    """A two-player game in strategic form: the row player's and the column player's payoffs.

    Parameters
    ----------
    row_payoffs, column_payoffs : nested sequences of numbers
        :math:`A` and :math:`B`, one row per row action; ints, Fractions, floats or sympy
        expressions (equilibria need numbers; symbols serve the closed forms).
    row_actions, column_actions : sequences of str, optional
        Action labels (default ``r1, r2, ...`` and ``c1, c2, ...``).
    players : pair of str

    Examples
    --------
    >>> StageGame([[1, 0], [0, 1]], [[1, 0], [0, 1]]).row_payoffs[0]
    (Fraction(1, 1), Fraction(0, 1))
    """

    row_payoffs: Any = setting("the row player's payoffs, [row action][column action]")
    column_payoffs: Any = setting("the column player's payoffs, [row action][column action]")
    row_actions: tuple[str, ...] = setting("the row player's actions, by name", default=())
    column_actions: tuple[str, ...] = setting("the column player's actions, by name", default=())
    players: tuple[str, str] = setting("the two players' names", default=("Row", "Column"))
    kind: Kind = field(init=False, repr=False)
    _integers: tuple[list[list[int]], list[list[int]]] | None = field(
        init=False, repr=False, compare=False, default=None
    )

    def __post_init__(self) -> None:
        rows = _matrix("row_payoffs", self.row_payoffs)
        columns = _matrix("column_payoffs", self.column_payoffs)
        if (len(rows), len(rows[0])) != (len(columns), len(columns[0])):
            raise ParameterValueError(
                "column_payoffs",
                f"of the shape of row_payoffs {len(rows), len(rows[0])}",
                (len(columns), len(columns[0])),
            )
        kind: Kind | None = _array_kind(self.row_payoffs, self.column_payoffs)
        if kind is None:
            kinds = {
                payoff_kind(f"{name}[{i}][{j}]", v)
                for name, matrix in (("row_payoffs", rows), ("column_payoffs", columns))
                for i, row in enumerate(matrix)
                for j, v in enumerate(row)
            }
            kind = "symbolic" if "symbolic" in kinds else "float" if "float" in kinds else "exact"
        convert: Any = (
            _fractions(rows, columns)
            if kind == "exact"
            else float
            if kind == "float"
            else partial(convert_number, kind=kind)
        )
        object.__setattr__(self, "row_payoffs", tuple(tuple(map(convert, r)) for r in rows))
        object.__setattr__(self, "column_payoffs", tuple(tuple(map(convert, r)) for r in columns))
        object.__setattr__(self, "kind", kind)
        integer_arrays = all(
            isinstance(v, np.ndarray) and v.dtype.kind in "iu"
            for v in (self.row_payoffs, self.column_payoffs)
        )
        if kind == "exact" and (
            integer_arrays or _all_int(rows, columns)
        ):  # for the exact solver's integer stage
            object.__setattr__(self, "_integers", (rows, columns))
        row_actions = tuple(self.row_actions) or tuple(f"r{i + 1}" for i in range(len(rows)))
        column_actions = tuple(self.column_actions) or tuple(f"c{j + 1}" for j in range(len(rows[0])))
        for name, labels, size in (
            ("row_actions", row_actions, len(rows)),
            ("column_actions", column_actions, len(rows[0])),
        ):
            if len(labels) != size or len(set(labels)) != size or not all(isinstance(a, str) for a in labels):
                raise ParameterValueError(name, f"{size} distinct labels (str)", labels)
        object.__setattr__(self, "row_actions", row_actions)
        object.__setattr__(self, "column_actions", column_actions)
        players = tuple(self.players)
        if len(players) != 2 or not all(isinstance(p, str) for p in players):
            raise ParameterValueError("players", "two names (str)", self.players)
        object.__setattr__(self, "players", players)

    @property
    def shape(self) -> tuple[int, int]:
        """(number of row actions, number of column actions).

        >>> from bargaining.games.named import prisoners_dilemma
        >>> prisoners_dilemma().shape
        (2, 2)
        """
        return len(self.row_payoffs), len(self.row_payoffs[0])

    def payoffs(self, row: Sequence[Any], column: Sequence[Any]) -> tuple[Any, Any]:
        """Both players' expected payoffs from the mixed strategies ``row`` and ``column``.

        >>> StageGame([[1, 0], [0, 1]], [[1, 0], [0, 1]]).payoffs((Fraction(1, 2),) * 2, (1, 0))
        (Fraction(1, 2), Fraction(1, 2))
        """
        return _bilinear(self.row_payoffs, row, column), _bilinear(self.column_payoffs, row, column)


#: The Fractions of small integers, built once (Fractions are immutable, so they can be shared).
_SMALL = {v: Fraction(v) for v in range(-1024, 1025)}


def _fractions(*matrices: list[list[Any]]) -> Any:
    """The conversion of exact payoffs to Fractions, one Fraction built per distinct value
    (small integers' taken from :data:`_SMALL`)."""
    values = {v for matrix in matrices for r in matrix for v in r}
    small = _SMALL
    return {
        v: v if type(v) is Fraction else small[v] if type(v) is int and v in small else Fraction(v)
        for v in values
    }.__getitem__


def _all_int(*matrices: list[list[Any]]) -> bool:
    return all(type(v) is int for matrix in matrices for r in matrix for v in r)


def _array_kind(rows: Any, columns: Any) -> Kind | None:
    """The kind of two numpy matrices of plain numbers, checked at once (integers: exact; any
    float: float), or ``None`` to check entry by entry (and name the bad entry)."""
    arrays = (rows, columns)
    if not all(isinstance(v, np.ndarray) and v.dtype.kind in "iuf" and v.ndim == 2 for v in arrays):
        return None
    if any(v.dtype.kind == "f" and not np.isfinite(v).all() for v in arrays):
        return None
    return "float" if any(v.dtype.kind == "f" for v in arrays) else "exact"


def _matrix(name: str, value: Any) -> list[list[Any]]:
    if isinstance(value, np.ndarray):
        if value.ndim != 2:
            raise ParameterValueError(name, "a matrix (2 dimensions)", f"{value.ndim} dimensions")
        if value.dtype.kind in "iu" and value.size:  # Python ints already
            return value.tolist()  # type: ignore[no-any-return]
        value = value.tolist()
    if (
        not isinstance(value, (list, tuple))
        or not value
        or not all(isinstance(r, (list, tuple)) for r in value)
    ):
        raise ParameterTypeError(name, "a non-empty matrix (a sequence of rows)", value)
    width = len(value[0])
    if width == 0 or any(len(r) != width for r in value):
        raise ParameterValueError(name, "rectangular with at least one column", [len(r) for r in value])
    return [[_plain(v) for v in r] for r in value]


def _plain(value: Any) -> Any:
    """Integers of any type (numpy's included) as Python ints and numpy floats as floats, so that
    no fixed-width arithmetic reaches the exact stage and the results hash."""
    kind = type(value)
    if kind is int or kind is float or (kind is Fraction and type(value.numerator) is int):
        return value
    if isinstance(value, (bool, np.bool_)):
        return value  # refused by the kind check, with its name
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, Fraction) and type(value.numerator) is not int:  # built from numpy integers
        return Fraction(int(value.numerator), int(value.denominator))
    if isinstance(value, np.floating):
        return float(value)
    return value


def _bilinear(matrix: Sequence[Sequence[Any]], row: Sequence[Any], column: Sequence[Any]) -> Any:
    total: Any = 0
    for x, line in zip(row, matrix):
        if x != 0:
            total += x * sum(y * v for y, v in zip(column, line) if y != 0)
    return total if not isinstance(total, int) else Fraction(total)


# --------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class MixedEquilibrium:
    """A Nash equilibrium: each player's mixed strategy (exact) and the payoffs.

    >>> from bargaining.games.named import prisoners_dilemma
    >>> game = prisoners_dilemma()
    >>> result = equilibria(game)
    >>> result.extreme[0]
    MixedEquilibrium(row=(Fraction(0, 1), Fraction(1, 1)), column=(Fraction(0, 1), Fraction(1, 1)), payoffs=(Fraction(1, 1), Fraction(1, 1)))
    """

    row: tuple[Fraction, ...]
    column: tuple[Fraction, ...]
    payoffs: tuple[Fraction, Fraction]


@dataclass(frozen=True, slots=True)
class Component:
    """A connected component of equilibria: the maximal cliques that make it up, each a pair of
    sets of extreme strategies (by index into :attr:`StageEquilibria.row_vertices` and
    :attr:`~StageEquilibria.column_vertices`) whose every mixture is an equilibrium.

    >>> from bargaining.games.named import prisoners_dilemma
    >>> game = prisoners_dilemma()
    >>> result = equilibria(game)
    >>> result.components
    (Component(cliques=(((0,), (0,)),)),)
    """

    cliques: tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]

    @property
    def is_isolated(self) -> bool:
        """Whether the component is a single equilibrium.

        >>> from bargaining.games.named import prisoners_dilemma
        >>> game = prisoners_dilemma()
        >>> result = equilibria(game)
        >>> [c.is_isolated for c in result.components]
        [True]
        """
        return len(self.cliques) == 1 and all(len(side) == 1 for side in self.cliques[0])


@dataclass(frozen=True, slots=True)
class StageEquilibria:
    """All extreme equilibria of a bimatrix game, the components they form, and degeneracy.

    >>> from bargaining.games.named import prisoners_dilemma
    >>> game = prisoners_dilemma()
    >>> result = equilibria(game)
    >>> len(result.extreme), result.is_degenerate
    (1, False)
    """

    game: StageGame
    extreme: tuple[MixedEquilibrium, ...]
    row_vertices: tuple[tuple[Fraction, ...], ...]
    column_vertices: tuple[tuple[Fraction, ...], ...]
    components: tuple[Component, ...]
    is_degenerate: bool


# --------------------------------------------------------------------------- exact checks


def is_nash(game: StageGame, row: Sequence[Any], column: Sequence[Any]) -> bool:
    """Whether ``(row, column)`` is a Nash equilibrium, checked exactly (no tolerance).

    >>> from bargaining.games.named import prisoners_dilemma
    >>> is_nash(prisoners_dilemma(), (0, 1), (0, 1)), is_nash(prisoners_dilemma(), (1, 0), (1, 0))
    (True, False)
    """
    if game.kind == "symbolic":
        raise ParameterTypeError("game", "numeric payoffs to check an equilibrium", game.kind)
    n, m = game.shape
    x = _exact_distribution("row", row, n)
    y = _exact_distribution("column", column, m)
    a = [[Fraction(v) for v in r] for r in game.row_payoffs]
    b = [[Fraction(v) for v in r] for r in game.column_payoffs]
    row_values = [sum(a[i][j] * y[j] for j in range(m)) for i in range(n)]
    column_values = [sum(x[i] * b[i][j] for i in range(n)) for j in range(m)]
    row_best, column_best = max(row_values), max(column_values)
    return all(row_values[i] == row_best for i in range(n) if x[i]) and all(
        column_values[j] == column_best for j in range(m) if y[j]
    )


def _exact_distribution(name: str, values: Sequence[Any], size: int) -> list[Fraction]:
    if len(values) != size:
        raise ParameterValueError(name, f"a mixed strategy over {size} actions", tuple(values))
    exact = []
    for v in values:
        if isinstance(v, bool) or not isinstance(v, (int, Fraction, float)):
            raise ParameterTypeError(name, "probabilities (int, Fraction or float)", v)
        exact.append(Fraction(v))
    if any(v < 0 for v in exact) or sum(exact) != 1:
        raise ParameterValueError(name, "non-negative probabilities summing to 1", tuple(values))
    return exact


def _integer_payoffs(game: StageGame) -> tuple[tuple[list[list[int]], tuple[int, int]], ...]:
    """Each player's payoffs as integers, scaled and shifted into [span, 2 span] (equilibria are
    unchanged by a positive scale and a shift: positive, and within a factor 2 of each other, so
    that the floating-point stage is well conditioned however large the integers), with the map
    back, ``(scale, offset)``: an original payoff is ``(integer - offset) / scale``."""
    result = []
    for k, matrix in enumerate((game.row_payoffs, game.column_payoffs)):
        if game._integers is not None:  # integer payoffs as given
            scale, integers = 1, game._integers[k]
        else:
            exact = [[v if isinstance(v, Fraction) else Fraction(v) for v in r] for r in matrix]
            scale = math.lcm(*(v.denominator for r in exact for v in r))
            integers = [[v.numerator * (scale // v.denominator) for v in r] for r in exact]
        low = min(min(r) for r in integers)
        span = max(max(r) for r in integers) - low or 1
        result.append(([[v - low + span for v in r] for r in integers], (scale, span - low)))
    return tuple(result)


# --------------------------------------------------------------------------- enumeration


def equilibria(game: StageGame, *, warn: bool = True) -> StageEquilibria:
    """Every extreme Nash equilibrium of a bimatrix game, exactly, and the components.

    Parameters
    ----------
    game : StageGame
        Numeric payoffs (exact or float; floats are taken at their exact binary value).
    warn : bool
        Emit :class:`~bargaining.core.errors.DegenerateGameWarning` for a degenerate game.

    Examples
    --------
    Matching pennies has one equilibrium, fully mixed:

    >>> result = equilibria(StageGame([[1, -1], [-1, 1]], [[-1, 1], [1, -1]]))
    >>> result.extreme[0].row, result.is_degenerate
    ((Fraction(1, 2), Fraction(1, 2)), False)
    """
    if not isinstance(game, StageGame):
        raise ParameterTypeError("game", "a StageGame", game)
    if game.kind == "symbolic":
        raise ParameterTypeError("game", "numeric payoffs (symbols: use the closed forms)", game.kind)
    n, m = game.shape
    if n + m > _MAX_LABELS:
        raise ParameterValueError(
            "game",
            f"at most {_MAX_LABELS} actions in all for vertex enumeration (the labels are 64-bit masks; "
            "the number of vertices grows exponentially beyond)",
            f"a {n}x{m} game",
        )
    (a, (row_scale, row_offset)), (b, (column_scale, column_offset)) = _integer_payoffs(game)
    b_t = [[b[i][j] for i in range(n)] for j in range(m)]
    found = float_pairs(a, b_t, n, m) if n + m > _EXACT_ONLY else None
    pairs, degenerate = found if found is not None else exact_pairs(a, b_t, n, m)
    full = (1 << (n + m)) - 1
    # a vertex is determined by its exact labels: they key it, so one found twice counts once
    row_found: dict[int, Vertex] = {}
    column_found: dict[int, Vertex] = {}
    compatible: set[tuple[int, int]] = set()
    for left, right in pairs:
        if left[1] | right[1] == full:
            # exact labels imply an equilibrium; the best-response check confirms it, exactly:
            # right[2] is A y (the row player's payoff of each row), left[2] is B'x
            if not best_responses(left[0], right[0], right[2], left[2]):  # pragma: no cover
                raise AssertionError("an exactly labelled pair failed the best-response check")
            row_found[left[1]], column_found[right[1]] = left, right
            compatible.add((left[1], right[1]))
    row_exact = {k: normalised(v[0]) for k, v in row_found.items()}
    column_exact = {k: normalised(v[0]) for k, v in column_found.items()}
    row_keys = sorted(row_exact, key=lambda k: _order(row_found[k][0], row_exact[k]), reverse=True)
    column_keys = sorted(
        column_exact, key=lambda k: _order(column_found[k][0], column_exact[k]), reverse=True
    )
    row_vertices = tuple(row_exact[k] for k in row_keys)
    column_vertices = tuple(column_exact[k] for k in column_keys)
    row_position = {k: r for r, k in enumerate(row_keys)}
    column_position = {k: c for c, k in enumerate(column_keys)}
    edges = sorted((row_position[x], column_position[y]) for x, y in compatible)
    extreme = []
    for r, c in edges:
        (x, _, column_values), (y, _, row_values) = row_found[row_keys[r]], column_found[column_keys[c]]
        # payoffs through the integer game: x'Ay = (x'A_int y - offset) / scale, as x, y sum to 1
        total = sum(x) * sum(y)
        row_value = Fraction(dot(x, row_values) - row_offset * total, total * row_scale)
        column_value = Fraction(dot(y, column_values) - column_offset * total, total * column_scale)
        if game.kind == "float":  # payoffs in the kind of the game, as StageGame.payoffs gives them
            row_value, column_value = float(row_value), float(column_value)  # type: ignore[assignment]
        extreme.append(MixedEquilibrium(row_vertices[r], column_vertices[c], (row_value, column_value)))
    if not extreme:  # pragma: no cover - every finite game has an equilibrium (Nash 1951)
        raise AssertionError(f"the exact vertex enumeration of this {n}x{m} game found no equilibrium")
    components = _components(edges)
    if degenerate and warn:
        warnings.warn(
            f"the game is degenerate: {len(extreme)} extreme equilibria in {len(components)} component(s)",
            DegenerateGameWarning,
            stacklevel=2,
        )
    return StageEquilibria(game, tuple(extreme), row_vertices, column_vertices, components, degenerate)


def _order(vertex: list[int], strategy: tuple[Fraction, ...]) -> tuple[tuple[float, Fraction], ...]:
    """A sort key for the mixed strategy ``strategy``, ``vertex`` normalised, equal in order to
    the strategy itself (rounding to float is monotone; ties in floats are broken by the
    Fractions) but mostly compared in floats."""
    total = sum(vertex)
    return tuple(zip([v / total for v in vertex], strategy))


def _components(edges: list[tuple[int, int]]) -> tuple[Component, ...]:
    """Maximal bicliques of the compatibility graph, grouped into connected components."""
    row_ends, column_ends = [r for r, _ in edges], [c for _, c in edges]
    if len(set(row_ends)) == len(edges) and len(set(column_ends)) == len(edges):  # all isolated
        return tuple(Component((((r,), (c,)),)) for r, c in sorted(edges))
    neighbours: dict[int, frozenset[int]] = {}
    for r, c in edges:
        neighbours[r] = neighbours.get(r, frozenset()) | {c}
    family: set[frozenset[int]] = set(neighbours.values())
    frontier = set(family)
    for _ in range(len(edges) + 1):  # closure under intersection; bounded by the number of subsets seen
        new = {left & right for left in frontier for right in family} - family - {frozenset()}
        if not new:
            break
        family |= new
        frontier = new
    cliques = []
    for columns in family:
        rows = frozenset(r for r, near in neighbours.items() if columns <= near)
        cliques.append((rows, columns))
    maximal = [
        (rows, columns)
        for rows, columns in cliques
        if not any((rows <= r2 and columns <= c2) and (rows, columns) != (r2, c2) for r2, c2 in cliques)
    ]
    maximal = sorted(set(maximal), key=lambda q: (sorted(q[0]), sorted(q[1])))
    groups: list[list[tuple[frozenset[int], frozenset[int]]]] = []
    for clique in maximal:
        touching = [g for g in groups if any(clique[0] & o[0] or clique[1] & o[1] for o in g)]
        merged = [clique]
        for group in touching:
            merged.extend(group)
            groups.remove(group)
        groups.append(merged)
    components = [
        Component(tuple(sorted((tuple(sorted(r)), tuple(sorted(c))) for r, c in group))) for group in groups
    ]
    return tuple(sorted(components, key=lambda comp: comp.cliques))


# --------------------------------------------------------------------------- nashpy


def nashpy_equilibria(game: StageGame, method: str = "support") -> tuple[MixedEquilibrium, ...]:
    """The equilibria nashpy finds (``"support"`` or ``"vertex"`` enumeration), each made exact
    on its support and kept only if it passes the exact best-response check :func:`is_nash`.

    Nashpy's enumerations assume a nondegenerate game: on a degenerate one they can return a
    subset of the extreme equilibria (compare with :func:`equilibria`).

    >>> from bargaining.games.named import prisoners_dilemma
    >>> [e.row for e in nashpy_equilibria(prisoners_dilemma())]
    [(Fraction(0, 1), Fraction(1, 1))]
    """
    import nashpy

    if method not in ("support", "vertex"):
        raise ParameterValueError("method", "'support' or 'vertex'", method)
    if game.kind == "symbolic":
        raise ParameterTypeError("game", "numeric payoffs", game.kind)
    a = np.asarray(game.row_payoffs, dtype=float)
    b = np.asarray(game.column_payoffs, dtype=float)
    solver = nashpy.Game(a, b)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # nashpy warns on degenerate games; we check every answer
        found = list(solver.support_enumeration() if method == "support" else solver.vertex_enumeration())
    result: list[MixedEquilibrium] = []
    for x, y in found:
        exact = _snap(game, np.asarray(x, dtype=float), np.asarray(y, dtype=float))
        if exact is not None and exact not in result:
            result.append(exact)
    return tuple(result)


def _snap(game: StageGame, x: np.ndarray, y: np.ndarray) -> MixedEquilibrium | None:
    """Make a floating equilibrium exact: solve the indifference conditions on its support."""
    (a, _), (b, _) = _integer_payoffs(game)
    n, m = game.shape
    support_x = [i for i in range(n) if x[i] > 1e-9]
    support_y = [j for j in range(m) if y[j] > 1e-9]
    # x on its support makes the column player indifferent over support_y; y likewise
    rows_x = [[b[i][j] - b[i][support_y[0]] for i in support_x] for j in support_y[1:]] + [
        [1] * len(support_x)
    ]
    rows_y = [[a[i][j] - a[support_x[0]][j] for j in support_y] for i in support_x[1:]] + [
        [1] * len(support_y)
    ]
    solution_x = solve_exact(rows_x, [0] * (len(rows_x) - 1) + [1], len(support_x))
    solution_y = solve_exact(rows_y, [0] * (len(rows_y) - 1) + [1], len(support_y))
    exact_x = [Fraction(0)] * n
    exact_y = [Fraction(0)] * m
    if solution_x is None or solution_y is None:
        solution_x = [Fraction(float(x[i])).limit_denominator(10**9) for i in support_x]
        solution_y = [Fraction(float(y[j])).limit_denominator(10**9) for j in support_y]
    for i, v in zip(support_x, solution_x):
        exact_x[i] = v
    for j, v in zip(support_y, solution_y):
        exact_y[j] = v
    if any(v < 0 for v in exact_x + exact_y) or sum(exact_x) != 1 or sum(exact_y) != 1:
        return None
    if not is_nash(game, exact_x, exact_y):
        return None
    return MixedEquilibrium(tuple(exact_x), tuple(exact_y), game.payoffs(exact_x, exact_y))


# --------------------------------------------------------------------------- from a tree


def strategic_form(
    tree: GameTree,
) -> tuple[StageGame, tuple[dict[str, str], ...], tuple[dict[str, str], ...]]:
    """The strategic form of a two-player tree: the game, and each pure strategy as a mapping
    from the player's information sets to actions (in the order of the rows and columns).

    >>> from bargaining.games.tree import GameTree, decide, outcome
    >>> tree = GameTree(("A", "B"), decide("A", {"l": decide("B", {"x": outcome(1, 1), "y": outcome(0, 0)}),
    ...                                         "r": outcome(2, 0)}))
    >>> game, rows, columns = strategic_form(tree)
    >>> game.row_actions, game.column_actions, game.row_payoffs
    (('l', 'r'), ('x', 'y'), ((Fraction(1, 1), Fraction(0, 1)), (Fraction(2, 1), Fraction(2, 1))))
    """
    if len(tree.players) != 2:
        raise ParameterValueError("tree", "a two-player game", len(tree.players))
    plans: list[list[dict[str, str]]] = []
    for player in range(2):
        infosets = [s for s in tree.infosets if s.player == player]
        plans.append(
            [
                dict(zip((s.label for s in infosets), choice))
                for choice in itertools.product(*(s.actions for s in infosets))
            ]
        )
    rows, columns = [], []
    for row_plan in plans[0]:
        row_line, column_line = [], []
        for column_plan in plans[1]:
            values = tree.expected_payoffs({**row_plan, **column_plan})
            row_line.append(values[0])
            column_line.append(values[1])
        rows.append(row_line)
        columns.append(column_line)

    def name(plan: dict[str, str]) -> str:
        return " / ".join(plan.values()) or "(no move)"

    players = (tree.players[0], tree.players[1])
    game = StageGame(
        rows, columns, tuple(name(p) for p in plans[0]), tuple(name(p) for p in plans[1]), players
    )
    return game, tuple(plans[0]), tuple(plans[1])

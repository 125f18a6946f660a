r"""Every Nash equilibrium of many small bimatrix games at once, with no Python loop per game.

For a batch of games :math:`(A_g, B_g)`, :math:`g = 1 \dots N`, each :math:`n \times m`, the
equilibria are the completely labelled vertex pairs of the best-response polytopes

.. math:: P_g = \{x \ge 0 : B_g^\top x \le 1\}, \qquad Q_g = \{y \ge 0 : A_g y \le 1\}

(payoffs first shifted and scaled per game into :math:`[1, 2]`, which changes no equilibrium;
von Stengel 2002, Handbook of Game Theory III, ch. 45, §3). A vertex is the solution of
:math:`n` (or :math:`m`) of the constraints held with equality, a **basis**; its labels are the
basis. The bases are the same for every game, so one batched ``numpy.linalg.solve`` gives every
candidate vertex of every game, a vectorised comparison keeps the feasible ones, and the pairs of
bases whose labels are complementary -- a fixed table -- give the equilibria: a vertex pair is
an equilibrium of game :math:`g` iff both vertices are feasible in :math:`g`.

This is exact for **nondegenerate** games, where every vertex lies on exactly :math:`n` (or
:math:`m`) constraints. A game is degenerate iff some feasible vertex lies on more; that is
checked for every game at once (with a tolerance, so near-degenerate games count as degenerate),
and the degenerate games -- only those -- are solved one by one by the exact
:func:`bargaining.games.stage.equilibria`, which returns their extreme equilibria and components.
The batch is thus a loop-free kernel over the nondegenerate majority plus a loop over the
degenerate minority; for games with continuous random payoffs that minority is empty.

>>> import numpy as np
>>> matching_pennies = np.array([[[1.0, -1.0], [-1.0, 1.0]]])
>>> result = batch_equilibria(matching_pennies, -matching_pennies)
>>> result.row, result.column, result.offsets
(array([[0.5, 0.5]]), array([[0.5, 0.5]]), array([0, 1]))
"""

from __future__ import annotations

import itertools
import math
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..core.errors import BargainingError, ParameterTypeError, ParameterValueError
from .stage import StageEquilibria, StageGame, equilibria

__all__ = ["BatchEquilibria", "batch_equilibria"]

_MAXIMUM_ACTIONS = 6


@dataclass(frozen=True, slots=True, eq=False)
class BatchEquilibria:
    """The equilibria of a batch of games, in a ragged layout.

    Attributes
    ----------
    row, column : ndarray, shapes (K, n) and (K, m)
        The mixed strategies of every equilibrium of every game, game after game.
    row_payoffs, column_payoffs : ndarray, shape (K,)
        Each equilibrium's payoffs (in the game's own units).
    offsets : ndarray, shape (N + 1,)
        The equilibria of game ``g`` are rows ``offsets[g]:offsets[g + 1]``.
    is_degenerate : ndarray of bool, shape (N,)
        The games solved by the exact solver (degenerate or within the tolerance of it); their
        rows are the extreme equilibria.
    exact : mapping
        For each degenerate game, the exact :class:`~bargaining.games.stage.StageEquilibria`
        (``Fraction`` strategies and the connected components).
    failed : mapping
        Each game the exact solver could not decide, by index, with the reason (it has no rows;
        every other game is answered).

    >>> import numpy as np
    >>> result = batch_equilibria(np.array([[[1.0, -1.0], [-1.0, 1.0]]]), -np.array([[[1.0, -1.0], [-1.0, 1.0]]]))
    >>> result.row, result.offsets
    (array([[0.5, 0.5]]), array([0, 1]))
    """

    row: np.ndarray
    column: np.ndarray
    row_payoffs: np.ndarray
    column_payoffs: np.ndarray
    offsets: np.ndarray
    is_degenerate: np.ndarray
    exact: Mapping[int, StageEquilibria]
    failed: Mapping[int, str] = field(default_factory=dict)

    @property
    def counts(self) -> np.ndarray:
        """The number of (extreme) equilibria of each game.

        >>> import numpy as np
        >>> pennies = np.array([[[1.0, -1.0], [-1.0, 1.0]], [[2.0, 0.0], [0.0, 1.0]]])
        >>> batch_equilibria(pennies, np.array([[[-1.0, 1.0], [1.0, -1.0]], [[1.0, 0.0], [0.0, 2.0]]])).counts
        array([1, 3])
        """
        return np.diff(self.offsets)

    def of(self, game: int) -> tuple[np.ndarray, np.ndarray]:
        """The row and column strategies of the equilibria of game ``game``.

        >>> import numpy as np
        >>> a = np.array([[[3.0, 0.0], [5.0, 1.0]]])  # a prisoner's dilemma
        >>> batch_equilibria(a, a.transpose(0, 2, 1)).of(0)
        (array([[0., 1.]]), array([[0., 1.]]))
        """
        if (
            not isinstance(game, (int, np.integer))
            or isinstance(game, bool)
            or not 0 <= game < len(self.counts)
        ):
            raise ParameterValueError("game", f"a game index in [0, {len(self.counts) - 1}]", game)
        start, stop = self.offsets[game], self.offsets[game + 1]
        return self.row[start:stop], self.column[start:stop]


def _payoffs(name: str, value: Any) -> np.ndarray:
    array = np.asarray(value) if not isinstance(value, np.ndarray) else value
    if array.dtype.kind not in "iuf":
        raise ParameterTypeError(name, "an array of real numbers (int or float)", value)
    if array.ndim != 3 or 0 in array.shape[1:]:
        raise ParameterValueError(
            name, "of shape (games, rows, columns) with at least one action", array.shape
        )
    array = array.astype(float)
    if not np.all(np.isfinite(array)):
        raise ParameterValueError(name, "finite numbers", "a NaN or infinite entry")
    return array


def _scaled(payoffs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Payoffs mapped per game into [1, 2]; and which games are constant (degenerate)."""
    low = payoffs.min(axis=(1, 2), keepdims=True)
    span = payoffs.max(axis=(1, 2), keepdims=True) - low
    constant = span[:, 0, 0] == 0
    return (payoffs - low) / np.where(span == 0, 1.0, span) + 1.0, constant


def _solve(systems: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Solve every ``systems[..., :, :] z = 1`` and say which systems are regular.

    Cramer's rule in closed form up to 3 unknowns (elementwise, far faster than a batched LAPACK
    call on tiny matrices); ``numpy.linalg.solve`` beyond.
    """
    size = systems.shape[-1]
    m = [[systems[..., i, j] for j in range(size)] for i in range(size)] if size <= 3 else []
    if size == 1:
        determinant = m[0][0]
        adjugate_rows = [np.ones_like(determinant)]
    elif size == 2:
        determinant = m[0][0] * m[1][1] - m[0][1] * m[1][0]
        adjugate_rows = [m[1][1] - m[0][1], m[0][0] - m[1][0]]
    elif size == 3:
        cofactor = [
            [
                m[(i + 1) % 3][(j + 1) % 3] * m[(i + 2) % 3][(j + 2) % 3]
                - m[(i + 1) % 3][(j + 2) % 3] * m[(i + 2) % 3][(j + 1) % 3]
                for j in range(3)
            ]
            for i in range(3)
        ]
        determinant = m[0][0] * cofactor[0][0] + m[0][1] * cofactor[0][1] + m[0][2] * cofactor[0][2]
        # z = adj(M) 1 / det(M), adj(M)[j][i] = cofactor[i][j]
        adjugate_rows = [cofactor[0][j] + cofactor[1][j] + cofactor[2][j] for j in range(3)]
    else:
        determinant = np.linalg.det(systems)
        regular = np.abs(determinant) > 1e-12
        safe_systems = np.where(regular[..., None, None], systems, np.eye(size))
        return np.linalg.solve(safe_systems, np.ones(systems.shape[:-1])[..., None])[..., 0], regular
    regular = np.abs(determinant) > 1e-12
    safe = np.where(regular, determinant, 1.0)
    return np.stack([row / safe for row in adjugate_rows], axis=-1), regular


def _vertices(
    matrix: np.ndarray, tolerance: float
) -> tuple[list[tuple[frozenset[int], frozenset[int]]], np.ndarray, np.ndarray, np.ndarray]:
    """The vertices of ``{z >= 0 : z @ matrix <= 1}`` other than 0, for every game.

    ``matrix`` is (N, d, c). A vertex is set by its support I and the constraints J it makes
    tight, |I| = |J| (a support-enumeration view of the bases): it solves
    ``matrix[I, J]^T z_I = 1``. Returns the (zero coordinates, tight columns) of each basis, the
    points (N, B, d), whether each is a feasible vertex (N, B), and whether a game has a feasible
    vertex on more than d constraints (degenerate).
    """
    games, dimension, others = matrix.shape
    bases: list[tuple[frozenset[int], frozenset[int]]] = []
    blocks = []
    regulars = []
    for size in range(1, min(dimension, others) + 1):
        supports = list(itertools.combinations(range(dimension), size))
        tight = list(itertools.combinations(range(others), size))
        rows = np.array([s for s in supports for _ in tight], dtype=np.intp)
        columns = np.array([t for _ in supports for t in tight], dtype=np.intp)
        systems = matrix[:, rows[:, None, :], columns[:, :, None]]  # (N, B_k, size, size): [j][i]
        solution, regular = _solve(systems)
        points = np.zeros((games, len(rows), dimension))
        np.put_along_axis(points, np.broadcast_to(rows, (games, *rows.shape)), solution, axis=2)
        blocks.append(points)
        regulars.append(regular)
        bases.extend(
            (frozenset(range(dimension)) - frozenset(s), frozenset(t)) for s in supports for t in tight
        )
    points = np.concatenate(blocks, axis=1)
    regular = np.concatenate(regulars, axis=1)
    slack = 1.0 - np.matmul(points, matrix)  # (N, B, c)
    feasible = regular & np.all(points >= -tolerance, axis=2) & np.all(slack >= -tolerance, axis=2)
    tight_count = np.sum(np.abs(points) <= tolerance, axis=2) + np.sum(np.abs(slack) <= tolerance, axis=2)
    overtight = feasible & (tight_count > dimension)
    return bases, points, feasible, overtight.any(axis=1)


def batch_equilibria(row_payoffs: Any, column_payoffs: Any, tolerance: float = 1e-9) -> BatchEquilibria:
    r"""All Nash equilibria of every game of a batch of small bimatrix games.

    Vectorised over the games: no Python loop per game, except over the degenerate ones, which
    are handed to the exact solver :func:`bargaining.games.stage.equilibria` (see the module
    docstring). For nondegenerate games the equilibria are isolated and all returned; for
    degenerate games the extreme equilibria are returned and :attr:`BatchEquilibria.exact` holds
    the exact result with the components.

    Parameters
    ----------
    row_payoffs, column_payoffs : array_like, shape (N, n, m)
        :math:`A_g` and :math:`B_g` for every game ``g``; ``n, m <= 6`` (the number of bases
        grows as :math:`\binom{n + m}{n}`); meant for 2x2 and 3x3 games by the hundred thousand.
    tolerance : float
        Slack within which a constraint counts as tight, on payoffs scaled per game to
        :math:`[1, 2]`; a game with a vertex on too many constraints within it is solved exactly.

    Returns
    -------
    BatchEquilibria

    Examples
    --------
    Chicken has three equilibria; a batch of two games is solved at once:

    >>> import numpy as np
    >>> chicken = np.array([[2.0, 1.0], [3.0, 0.0]])
    >>> battle = np.array([[2.0, 0.0], [0.0, 1.0]])
    >>> result = batch_equilibria(np.stack([chicken, battle]), np.stack([chicken.T, battle.T * 2]))
    >>> result.counts, result.is_degenerate
    (array([3, 3]), array([False, False]))
    >>> result.of(0)[0]
    array([[1. , 0. ],
           [0. , 1. ],
           [0.5, 0.5]])
    """
    a = _payoffs("row_payoffs", row_payoffs)
    b = _payoffs("column_payoffs", column_payoffs)
    if a.shape != b.shape:
        raise ParameterValueError("column_payoffs", f"of the shape of row_payoffs {a.shape}", b.shape)
    if isinstance(tolerance, bool) or not isinstance(tolerance, (int, float)) or not 0 < tolerance < 1e-3:
        raise ParameterValueError("tolerance", "a number in (0, 1e-3)", tolerance)
    games, n, m = a.shape
    if n > _MAXIMUM_ACTIONS or m > _MAXIMUM_ACTIONS:
        raise ParameterValueError(
            "row_payoffs", f"at most {_MAXIMUM_ACTIONS} actions per player (use stage.equilibria)", (n, m)
        )
    scaled_a, constant_a = _scaled(a)
    scaled_b, constant_b = _scaled(b)
    # P = {x >= 0 : x B <= 1}: labels 0..n-1 are x_i = 0, labels n..n+m-1 are (x B)_j = 1
    p_bases, p_points, p_feasible, p_degenerate = _vertices(scaled_b, tolerance)
    # Q = {y >= 0 : y A^T <= 1}: labels 0..n-1 are (A y)_i = 1, labels n..n+m-1 are y_j = 0
    q_bases, q_points, q_feasible, q_degenerate = _vertices(scaled_a.transpose(0, 2, 1), tolerance)
    degenerate = p_degenerate | q_degenerate | constant_a | constant_b
    # complementary bases: every label is a tight constraint of one vertex or the other
    p_labels = [zeros | frozenset(n + j for j in tight) for zeros, tight in p_bases]
    q_labels = [tight | frozenset(n + j for j in zeros) for zeros, tight in q_bases]
    everything = frozenset(range(n + m))
    pairs = np.array(
        [
            (i, j)
            for i, left in enumerate(p_labels)
            for j, right in enumerate(q_labels)
            if left | right == everything
        ],
        dtype=np.intp,
    ).reshape(-1, 2)
    found = p_feasible[:, pairs[:, 0]] & q_feasible[:, pairs[:, 1]] & ~degenerate[:, None]
    game_index, pair_index = np.nonzero(found)
    x = p_points[game_index, pairs[pair_index, 0]]
    y = q_points[game_index, pairs[pair_index, 1]]
    x = np.clip(x, 0.0, None)
    y = np.clip(y, 0.0, None)
    x /= x.sum(axis=1, keepdims=True)
    y /= y.sum(axis=1, keepdims=True)
    exact: dict[int, StageEquilibria] = {}
    failed: dict[int, str] = {}
    extra_games, extra_x, extra_y = [], [], []
    for g in np.flatnonzero(degenerate).tolist():  # the degenerate minority only
        try:
            result = equilibria(StageGame(a[g], b[g]), warn=False)
        except BargainingError as error:  # one game beyond the solver does not sink the batch
            failed[g] = f"{type(error).__name__}: {error}"
            continue
        exact[g] = result
        for equilibrium in result.extreme:
            extra_games.append(g)
            extra_x.append([float(v) for v in equilibrium.row])
            extra_y.append([float(v) for v in equilibrium.column])
    all_games = np.concatenate([game_index, np.asarray(extra_games, dtype=np.intp)])
    order = np.argsort(all_games, kind="stable")
    rows_out = np.concatenate([x, np.asarray(extra_x, dtype=float).reshape(-1, n)])[order]
    columns_out = np.concatenate([y, np.asarray(extra_y, dtype=float).reshape(-1, m)])[order]
    sorted_games = all_games[order]
    offsets = np.concatenate([[0], np.cumsum(np.bincount(sorted_games, minlength=games))]).astype(np.intp)
    row_values = np.einsum("ki,kij,kj->k", rows_out, a[sorted_games], columns_out)
    column_values = np.einsum("ki,kij,kj->k", rows_out, b[sorted_games], columns_out)
    if games and math.isnan(float(np.sum(rows_out))):  # pragma: no cover - vertices are bounded
        raise AssertionError("an equilibrium strategy is not a number")
    if failed:
        warnings.warn(
            f"batch_equilibria: {len(failed)} game(s) could not be solved and have no rows: "
            + "; ".join(f"game {g}: {reason}" for g, reason in failed.items()),
            RuntimeWarning,
            stacklevel=2,
        )
    return BatchEquilibria(
        rows_out, columns_out, row_values, column_values, offsets, degenerate, exact, failed
    )

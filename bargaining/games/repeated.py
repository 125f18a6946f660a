# ruff: noqa: RUF009 - parameter() returns a dataclass field, like dataclasses.field
r"""Repeated games with discounting: trigger-strategy thresholds, and the subgame-perfect payoff set.

In the infinitely repeated prisoner's dilemma with payoffs :math:`T > R > P > S` and discount
factor :math:`\delta`, mutual cooperation is sustained by

* **grim trigger** (cooperate until anyone defects, then defect for ever; Friedman 1971) iff
  :math:`\delta \ge (T - R)/(T - P)`;
* **tit for tat** (Axelrod 1984) as a Nash equilibrium iff
  :math:`\delta \ge \max\{(T - R)/(T - P),\ (T - R)/(R - S)\}`: neither defecting for ever nor
  alternating pays.

Both are derived in :mod:`bargaining.games.specification`; here they are plain arithmetic that
works for exact numbers, floats, arrays and symbols.

The set :math:`V` of payoffs of pure-strategy subgame-perfect equilibria with public
randomisation of a two-player repeated game is the largest fixed point of the operator of Abreu,
Pearce & Stacchetti (1990),

.. math:: B(W) = \mathrm{co}\{(1-\delta) u(a) + \delta w :\ a \in A,\ w \in W,\
          (1-\delta) u_i(a) + \delta w_i \ge (1-\delta) \max_{a_i'} u_i(a_i', a_{-i})
          + \delta \min_{w' \in W} w'_i\}.

:meth:`RepeatedGame.equilibrium_payoffs` computes :math:`V` itself by the algorithm of Abreu &
Sannikov (2014, Theoretical Economics 9: 313–338): :math:`B` applied to polygons, from the convex
hull of the stage payoffs, each action profile contributing its own payoff when it is incentive
compatible and in :math:`W` and otherwise the vertices of :math:`W` cut by its two incentive
constraints; the iteration stops when two successive polygons agree within ``tolerance`` and
raises :class:`~bargaining.core.errors.ConvergenceError` otherwise. ``method="outer"`` gives the
**outer hyperplane approximation** of Judd, Yeltekin & Conklin (2003, Econometrica 71:
1239–1254): with directions :math:`h_1, \dots, h_D` on the circle,
:math:`W_{k+1} = \{w : h_d \cdot w \le c_d\}` with
:math:`c_d = \max_{a} \max_{v \in B_a(W_k)} h_d \cdot v`, from a box that contains every feasible
payoff, a superset of :math:`V` that tightens as :math:`D` grows.

>>> from fractions import Fraction
>>> grim_trigger_threshold(5, 3, 1), tit_for_tat_threshold(5, 3, 1, 0)
(Fraction(1, 2), Fraction(2, 3))
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..core.compiled import compiled
from ..core.errors import ConvergenceError, ParameterTypeError, ParameterValueError
from ..core.model import check_real, validated
from ..core.parameters import DISCOUNT, declared, parameter, setting
from ..core.types import Value
from ..core.values import Kind, check_positive, maximum
from ._compiled import continuations, convex_hull
from .stage import StageGame

__all__ = ["PayoffSet", "RepeatedGame", "grim_trigger_threshold", "tit_for_tat_threshold"]


def _dilemma(
    temptation: Any, reward: Any, punishment: Any, sucker: Any = None
) -> tuple[dict[str, Any], Kind]:
    fields = {"temptation": temptation, "reward": reward, "punishment": punishment}
    if sucker is not None:
        fields["sucker"] = sucker
    values, kind = validated(fields, dict.fromkeys(fields, check_real))
    check_positive("temptation - reward", values["temptation"] - values["reward"])
    check_positive("reward - punishment", values["reward"] - values["punishment"])
    if sucker is not None:
        check_positive("punishment - sucker", values["punishment"] - values["sucker"])
    return values, kind


def grim_trigger_threshold(temptation: Value, reward: Value, punishment: Value) -> Any:
    r"""The least discount factor at which grim trigger sustains cooperation, :math:`(T-R)/(T-P)`.

    >>> import sympy
    >>> t, r, p = sympy.symbols("temptation reward punishment", real=True)
    >>> grim_trigger_threshold(t, r, p)
    (-reward + temptation)/(-punishment + temptation)
    """
    values, _ = _dilemma(temptation, reward, punishment)
    t, r, p = values["temptation"], values["reward"], values["punishment"]
    return (t - r) / (t - p)


def tit_for_tat_threshold(temptation: Value, reward: Value, punishment: Value, sucker: Value) -> Any:
    r"""The least discount factor at which tit for tat is a Nash equilibrium,
    :math:`\max\{(T-R)/(T-P), (T-R)/(R-S)\}` (above 1: never).

    >>> tit_for_tat_threshold([5.0, 4.0], 3, 1, 0)
    array([0.66666667, 0.33333333])
    """
    values, kind = _dilemma(temptation, reward, punishment, sucker)
    t, r, p, s = values["temptation"], values["reward"], values["punishment"], values["sucker"]
    return maximum(kind, (t - r) / (t - p), (t - r) / (r - s))


@dataclass(frozen=True, slots=True)
class PayoffSet:
    """The pure-strategy SPE payoff set (Abreu–Sannikov) or an outer approximation of it (JYC): a
    convex polygon, its vertices counterclockwise, and the half-planes ``directions . w <= levels``
    that bound it.

    >>> from bargaining.games.named import prisoners_dilemma
    >>> found = RepeatedGame(prisoners_dilemma(), 0.8).equilibrium_payoffs()
    >>> len(found.vertices) > 2, found.contains((3, 3))
    (True, True)
    """

    vertices: np.ndarray
    directions: np.ndarray
    levels: np.ndarray
    iterations: int
    change: float

    def contains(self, point: Any, tolerance: float = 1e-9) -> bool:
        """Whether ``point`` lies in the polygon (up to ``tolerance``).

        >>> from bargaining.games.named import prisoners_dilemma
        >>> found = RepeatedGame(prisoners_dilemma(), 0.8).equilibrium_payoffs()
        >>> found.contains((3, 3)), found.contains((0.5, 0.5))
        (True, False)
        """
        return bool(np.all(self.directions @ np.asarray(point, dtype=float) <= self.levels + tolerance))


@dataclass(frozen=True, slots=True)
@declared
class RepeatedGame:
    r"""A two-player stage game repeated for ever with common discount factor ``discount``.

    Examples
    --------
    >>> from bargaining.games.named import prisoners_dilemma
    >>> result = RepeatedGame(prisoners_dilemma(), 0.8).equilibrium_payoffs()
    >>> result.contains((3, 3)), result.contains((1, 1)), result.contains((0.5, 0.5))
    (True, True, False)
    """

    stage: StageGame = setting("the stage game played in every period")
    discount: Any = parameter(DISCOUNT, "the common discount factor per period")
    kind: Kind = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.stage, StageGame):
            raise ParameterTypeError("stage", "a StageGame", self.stage)
        if self.stage.kind == "symbolic":
            raise ParameterTypeError("stage", "a StageGame with numeric payoffs", self.stage.kind)
        if self.kind not in ("exact", "float"):
            raise ParameterTypeError("discount", "a number in (0, 1)", self.discount)

    def equilibrium_payoffs(
        self,
        *,
        method: str = "abreu_sannikov",
        directions: int = 64,
        tolerance: float = 1e-12,
        max_iterations: int = 10_000,
    ) -> PayoffSet:
        r"""The pure-strategy SPE payoff set with public randomisation.

        ``method="abreu_sannikov"`` (default) iterates the APS operator on polygons exactly as
        Abreu & Sannikov (2014, Theoretical Economics 9: 313–338) do: from the convex hull of the
        stage payoffs, each action profile :math:`a` contributes :math:`u(a)` if it is incentive
        compatible and in :math:`W` (a stationary point), else :math:`(1-\delta) u(a) + \delta w`
        for the vertices :math:`w` of :math:`W` cut by its two incentive constraints
        :math:`w_i \ge \underline w_i + (1-\delta)/\delta\,(\max_{a_i'} u_i(a_i', a_{-i}) - u_i(a))`;
        :math:`W_{k+1}` is their convex hull and :math:`\underline w` its lowest payoff of each
        player. The sets decrease to the payoff set itself (not an approximation); the iteration
        stops when two successive polygons have the same vertices within ``tolerance`` and raises
        :class:`~bargaining.core.errors.ConvergenceError` otherwise. While the polygons keep their
        shape and shrink geometrically their limit is extrapolated (Aitken, then minimal
        polynomial extrapolation), and a guess is kept only if it lies inside the last polygon,
        within the distance the geometric tail predicts, and the operator maps it onto itself
        within ``tolerance`` (``iterations`` counts these trials). ``method="outer"`` is the
        outer hyperplane approximation of Judd, Yeltekin & Conklin (2003) with ``directions``
        directions.

        >>> from bargaining.games.stage import StageGame
        >>> dilemma = StageGame([[9, 1], [10, 3]], [[9, 10], [1, 3]])  # QuantEcon's test game
        >>> sorted(RepeatedGame(dilemma, 0.9).equilibrium_payoffs().vertices.round(9).tolist())
        [[3.0, 3.0], [3.0, 9.75], [9.0, 9.0], [9.75, 3.0]]
        """
        if method not in ("abreu_sannikov", "outer"):
            raise ParameterValueError("method", "'abreu_sannikov' or 'outer'", method)
        if not isinstance(directions, int) or directions < 4:
            raise ParameterValueError("directions", "an integer of at least 4", directions)
        if not tolerance > 0:
            raise ParameterValueError("tolerance", "positive", tolerance)
        if not isinstance(max_iterations, int) or max_iterations < 1:
            raise ParameterValueError("max_iterations", "a positive integer", max_iterations)
        a = np.asarray(self.stage.row_payoffs, dtype=float)
        b = np.asarray(self.stage.column_payoffs, dtype=float)
        delta = float(self.discount)
        profiles = [(i, j) for i in range(a.shape[0]) for j in range(a.shape[1])]
        stage = np.array([[a[i, j], b[i, j]] for i, j in profiles])
        deviation = np.array([[a[:, j].max(), b[i, :].max()] for i, j in profiles])
        if method == "abreu_sannikov":
            return _abreu_sannikov(stage, deviation, delta, tolerance, max_iterations)
        return _outer(a, b, stage, deviation, delta, directions, tolerance, max_iterations)


def _hull(points: np.ndarray) -> np.ndarray:
    """The vertices of the convex hull of points in the plane, counterclockwise from the lowest
    (then leftmost) one, collinear points dropped (Andrew's monotone chain), after the points
    strictly inside the quadrilateral of the four extreme points along the diagonals are dropped
    (Akl & Toussaint 1978: none of them is a vertex)."""
    if len(points) > 8:
        points = _extremes(points)
    distinct = set(map(tuple, points.tolist()))
    largest = max(max(map(abs, point)) for point in distinct)
    # by x, then y, with x values a rounding apart taken as one (on a vertical line, out of order
    # by y, the chain would drop a corner): x on a grid of a billionth of the largest coordinate
    grid = 1e-9 * largest or 1e-9
    ordered = sorted(distinct, key=lambda point: (round(point[0] / grid), point[1]))
    if len(ordered) <= 2:
        return np.array(ordered).reshape(-1, 2)
    flat = 1e-11 * largest**2 or 1e-11

    def turn(o: tuple[float, float], p: tuple[float, float], q: tuple[float, float]) -> float:
        return (p[0] - o[0]) * (q[1] - o[1]) - (p[1] - o[1]) * (q[0] - o[0])

    cycle: list[tuple[float, float]] = []
    for sequence in (ordered, ordered[::-1]):
        chain: list[tuple[float, float]] = []
        for point in sequence:
            while len(chain) >= 2 and turn(chain[-2], chain[-1], point) <= flat:
                chain.pop()
            chain.append(point)
        cycle += chain[:-1]
    changed = True
    while changed and len(cycle) > 3:  # the chains' ends are never tested: drop flat corners there too
        changed = False
        for k in range(len(cycle)):
            if turn(cycle[k - 1], cycle[k], cycle[(k + 1) % len(cycle)]) <= flat:
                del cycle[k]
                changed = True
                break
    start = min(range(len(cycle)), key=lambda k: (cycle[k][1], cycle[k][0]))
    return np.array(cycle[start:] + cycle[:start])


def _extremes(points: np.ndarray) -> np.ndarray:
    """The points among which the vertices of the convex hull are: Qhull's extreme points (the
    flat corners it keeps are dropped by :func:`_hull`), or, if Qhull cannot say (flat input),
    the points outside the quadrilateral of :func:`_outside_quadrilateral`."""
    from scipy.spatial import QhullError

    try:
        from scipy.spatial._qhull import _Qhull
    except ImportError:  # pragma: no cover - scipy's private interface moved
        return _outside_quadrilateral(points)
    try:
        qhull = _Qhull(b"i", np.ascontiguousarray(points), b"", required_options=b"Qt")
    except QhullError:  # all the points on a line
        return _outside_quadrilateral(points)
    try:
        extremes: np.ndarray = points[qhull.get_extremes_2d()]
    finally:
        qhull.close()
    return extremes


def _outside_quadrilateral(points: np.ndarray) -> np.ndarray:
    """The points not strictly inside the quadrilateral (counterclockwise) of the points that are
    extreme along the diagonals (the largest x - y, x + y, y - x and the least x + y)."""
    total, difference = points.sum(axis=1), points[:, 0] - points[:, 1]
    corners = points[[difference.argmax(), total.argmax(), difference.argmin(), total.argmin()]]
    edges = np.concatenate((corners[1:], corners[:1])) - corners
    relative = points[:, None, :] - corners[None, :, :]
    turns = edges[None, :, 0] * relative[:, :, 1] - edges[None, :, 1] * relative[:, :, 0]
    scale = float(np.abs(points).max()) or 1.0
    inside = np.all(turns > 1e-9 * scale**2, axis=1)
    outside: np.ndarray = points[~inside]
    return outside


def _polygon_levels(vertices: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Outward unit normals and levels of the edges of a counterclockwise polygon."""
    if len(vertices) < 3:  # a point or a segment: its bounding directions
        normals = np.array([[1.0, 0.0], [-1.0, 0.0], [0.0, 1.0], [0.0, -1.0]])
        if len(vertices) == 2:
            edge = vertices[1] - vertices[0]
            normal = np.array([edge[1], -edge[0]]) / np.hypot(*edge)
            normals = np.vstack([normals, normal, -normal])
        return normals, (normals @ vertices.T).max(axis=1) if len(vertices) else np.full(
            len(normals), -np.inf
        )
    edges = np.roll(vertices, -1, axis=0) - vertices
    normals = np.column_stack([edges[:, 1], -edges[:, 0]])
    normals /= np.hypot(normals[:, 0], normals[:, 1])[:, None]
    return normals, np.einsum("ij,ij->i", normals, vertices)


def _step(polygon: np.ndarray, stage: np.ndarray, gains: np.ndarray, delta: float) -> np.ndarray:
    """The vertices of :math:`B(W)` for the polygon ``polygon``: the hull of
    :func:`_continuations`, by the compiled kernels of :mod:`bargaining.games._compiled` when
    numba is there and the polygon has at least 3 vertices; an empty array when no action
    profile has a continuation."""
    points_of, hull_of = compiled(continuations), compiled(convex_hull)
    if points_of is None or hull_of is None or len(polygon) < 3:
        points = _continuations(polygon, stage, gains, delta)
        return _hull(points) if len(points) else points
    found: np.ndarray = hull_of(points_of(polygon, stage, gains, delta))
    return found


def _abreu_sannikov(
    stage: np.ndarray, deviation: np.ndarray, delta: float, tolerance: float, max_iterations: int
) -> PayoffSet:
    """The APS operator iterated on polygons (Abreu & Sannikov 2014), accelerated: while
    successive polygons keep their number of vertices and shrink geometrically, their limit is
    extrapolated (every second polygon: Aitken's delta-squared per coordinate from three, then
    minimal polynomial extrapolation from five), and a guess is kept only if it lies where the
    geometric tail of the steps points and the operator maps it onto itself within
    ``tolerance`` (as sets); otherwise the iteration goes on from the last polygon. Each trial
    counts as an iteration."""
    polygon = _hull(stage)
    gains = (1 - delta) / delta * (deviation - stage)
    change = np.inf
    history: list[np.ndarray] = []
    iteration = trials = 0
    scale = float(np.abs(stage).max()) or 1.0
    while iteration < max_iterations:
        iteration += 1
        new = _step(polygon, stage, gains, delta)
        if not len(new):
            return PayoffSet(np.empty((0, 2)), *_polygon_levels(np.empty((0, 2))), iteration, 0.0)
        if len(new) != len(polygon):
            history, trials = [], 0
        else:
            change = float(np.abs(new - polygon).max())
            if change < tolerance:
                return PayoffSet(new, *_polygon_levels(new), iteration, change)
            history = [*history[-4:], new] if history else [polygon, new]
            # a trial from the first three polygons of a shape (exact when the operator is affine
            # there), and from every second polygon once the steps are small
            first_trial = len(history) == 3 and not trials
            if (
                first_trial or (len(history) in (3, 5) and change < 1e-6 * scale)
            ) and iteration < max_iterations:
                trials += 1
                guess = _extrapolated(history)
                if guess is not None and _within_tail(guess, history, tolerance):
                    iteration += 1
                    image = _step(guess, stage, gains, delta)
                    gap = _distance(image, guess)
                    if gap < tolerance:
                        return PayoffSet(image, *_polygon_levels(image), iteration, gap)
                if len(history) == 5:
                    history = history[-2:]
        polygon = new
    raise ConvergenceError(
        f"the Abreu-Sannikov iteration moved by {change:.3g} after {max_iterations} iterations "
        f"(tolerance {tolerance:g}); raise max_iterations"
    )


def _distance(first: np.ndarray, second: np.ndarray) -> float:
    """The Hausdorff distance of two convex polygons (at least 3 vertices each): the largest gap
    of their support functions over the normals of both polygons' edges."""
    if len(first) < 3 or len(second) < 3:
        return np.inf
    directions = np.vstack([_polygon_levels(first)[0], _polygon_levels(second)[0]])
    gaps = (directions @ first.T).max(axis=1) - (directions @ second.T).max(axis=1)
    return float(np.abs(gaps).max())


def _within_tail(guess: np.ndarray, history: list[np.ndarray], tolerance: float) -> bool:
    """Whether the extrapolated polygon lies inside the last one and no farther from it than the
    geometric tail of the steps predicts (twice over): where the iteration is heading, not
    another fixed point of the operator (every fixed point lies inside the payoff set, which
    lies inside every polygon of the iteration)."""
    last = history[-1]
    last_step = float(np.abs(last - history[-2]).max())
    ratio = last_step / float(np.abs(history[-2] - history[-3]).max())
    normals, levels = _polygon_levels(last)
    if ratio >= 1 or np.any(guess @ normals.T > levels + tolerance):
        return False
    return _distance(last, guess) <= 2 * last_step * ratio / (1 - ratio) + tolerance


def _extrapolated(history: list[np.ndarray]) -> np.ndarray | None:
    """The limit of successive polygons of one shape: Aitken's per coordinate from three (``None``
    unless every coordinate that moves shrinks its steps), minimal polynomial extrapolation
    (Cabay & Jackson 1976) from more; the hull of the guess, so that vertices meeting in the
    limit become one."""
    if len(history) == 3:
        first, second, third = history
        step, next_step = second - first, third - second
        curvature = next_step - step
        moving = (np.abs(step) > 0) & (curvature != 0)
        if not moving.any() or np.any(np.abs(next_step[moving]) >= np.abs(step[moving])):
            return None
        correction = np.where(moving, next_step**2 / np.where(moving, curvature, 1.0), 0.0)
        return _hull(third - correction)
    flat = np.array([polygon.ravel() for polygon in history])
    steps = np.diff(flat, axis=0)
    weights = np.linalg.lstsq(steps[:-1].T, -steps[-1], rcond=None)[0]
    weights = np.append(weights, 1.0)
    if abs(weights.sum()) < 1e-12:  # pragma: no cover - no limit to extrapolate to
        return None
    guess = (weights / weights.sum()) @ flat[1:]
    return _hull(guess.reshape(-1, 2))


_CLOCKWISE = np.array([1.0, -1.0])  # an edge (x, y) turned to its outward normal (y, -x)


def _continuations(polygon: np.ndarray, stage: np.ndarray, gains: np.ndarray, delta: float) -> np.ndarray:
    r"""The points whose convex hull is :math:`B(W)` for the polygon :math:`W`: for each action
    profile, :math:`u(a)` if it is incentive compatible and in :math:`W`, else
    :math:`(1-\delta) u(a) + \delta w` for the vertices :math:`w` of :math:`W` cut by the two
    incentive constraints :math:`w \ge \underline w + g(a)`, all profiles at once.

    The vertices of :math:`W \cap \{w \ge f\}` are the vertices of :math:`W` in the quadrant,
    the points where an edge of :math:`W` crosses :math:`w_1 = f_1` or :math:`w_2 = f_2` inside
    the quadrant, and the corner :math:`f` if it lies in :math:`W`.
    """
    floors = polygon.min(axis=0) + gains  # (profiles, 2)
    if len(polygon) < 3:  # a point or a segment: one profile at a time
        return _continuations_by_clipping(polygon, stage, floors, delta)
    following = np.concatenate((polygon[1:], polygon[:1]))
    edges = following - polygon
    normals = edges[:, ::-1] * _CLOCKWISE
    normals /= np.hypot(normals[:, 0], normals[:, 1])[:, None]
    levels = (normals * polygon).sum(axis=1) + 1e-12
    # u(a) incentive compatible and in W: a stationary point
    stationary = (stage >= floors - 1e-12).all(axis=1) & (stage @ normals.T <= levels).all(axis=1)
    moving = ~stationary[:, None]
    offsets = polygon[None, :, :] - floors[:, None, :]  # (profiles, vertices, axes)
    above = offsets >= -1e-12
    next_above = np.concatenate((above[:, 1:], above[:, :1]), axis=1)
    # the vertices of W in the quadrant, and the crossings of its edges with the quadrant's sides
    rows, columns = np.nonzero(above.all(axis=2) & moving)
    cut_rows, cut_columns, axes = np.nonzero((above != next_above) & moving[:, :, None])
    here = offsets[cut_rows, cut_columns, axes]
    share = -here / edges[cut_columns, axes]  # where the edge reaches the side
    cuts = polygon[cut_columns] + share[:, None] * edges[cut_columns]
    other = 1 - axes
    inside = cuts[np.arange(len(axes)), other] - floors[cut_rows, other] >= -1e-12
    # the corner of the quadrant, if in W
    corners = np.flatnonzero(moving[:, 0] & (floors @ normals.T <= levels).all(axis=1))
    sources = np.concatenate((rows, cut_rows[inside], corners))
    targets = np.concatenate((polygon[columns], cuts[inside], floors[corners]))
    return np.concatenate((stage[stationary], (1 - delta) * stage[sources] + delta * targets))


def _continuations_by_clipping(
    polygon: np.ndarray, stage: np.ndarray, floors: np.ndarray, delta: float
) -> np.ndarray:
    """:func:`_continuations` for a polygon with fewer than 3 vertices, by clipping."""
    normals, levels = _polygon_levels(polygon)
    points = [np.empty((0, 2))]
    for payoff, floor in zip(stage, floors):
        if np.all(payoff >= floor - 1e-12) and np.all(normals @ payoff <= levels + 1e-12):
            points.append(payoff[None, :])  # u(a) itself, repeated for ever
            continue
        region = _clip(_clip(polygon, np.array([-1.0, 0.0]), -floor[0]), np.array([0.0, -1.0]), -floor[1])
        if len(region):
            points.append((1 - delta) * payoff + delta * region)
    return np.concatenate(points)


def _outer(
    a: np.ndarray,
    b: np.ndarray,
    stage: np.ndarray,
    deviation: np.ndarray,
    delta: float,
    directions: int,
    tolerance: float,
    max_iterations: int,
) -> PayoffSet:
    """The outer hyperplane approximation (Judd, Yeltekin & Conklin 2003)."""
    angles = 2 * np.pi * np.arange(directions) / directions
    normals = np.column_stack([np.cos(angles), np.sin(angles)])
    normals[np.abs(normals) < 1e-15] = 0.0
    box = np.array([[a.min(), b.min()], [a.max(), b.min()], [a.max(), b.max()], [a.min(), b.max()]])
    polygon = box
    levels = (normals @ box.T).max(axis=1)
    change = np.inf
    for iteration in range(1, max_iterations + 1):
        punishment = polygon.min(axis=0)
        candidates = []
        for payoff, best in zip(stage, deviation):
            floor = punishment + (1 - delta) / delta * (best - payoff)
            region = _clip(_clip(polygon, np.array([-1.0, 0.0]), -floor[0]), np.array([0.0, -1.0]), -floor[1])
            if len(region):
                candidates.append((1 - delta) * payoff + delta * region)
        if not candidates:
            empty = np.empty((0, 2))
            return PayoffSet(empty, normals, np.full(directions, -np.inf), iteration, 0.0)
        points = np.vstack(candidates)
        new_levels = (normals @ points.T).max(axis=1)
        change = float(np.max(np.abs(new_levels - levels)))
        levels = new_levels
        polygon = box
        for normal, level in zip(normals, levels):
            polygon = _clip(polygon, normal, level)
        if change < tolerance:
            return PayoffSet(polygon, normals, levels, iteration, change)
    raise ConvergenceError(
        f"the payoff-set iteration moved by {change:.3g} after {max_iterations} iterations "
        f"(tolerance {tolerance:g}); raise max_iterations"
    )


def _clip(polygon: np.ndarray, normal: np.ndarray, level: float) -> np.ndarray:
    """The convex polygon cut by the half-plane ``normal . w <= level`` (Sutherland–Hodgman)."""
    if len(polygon) == 0:
        return polygon
    slack = level - polygon @ normal
    inside = slack >= -1e-12
    if inside.all():
        return polygon
    result = []
    count = len(polygon)
    for k in range(count):
        here, there = polygon[k], polygon[(k + 1) % count]
        if inside[k]:
            result.append(here)
        if inside[k] != inside[(k + 1) % count]:
            share = slack[k] / (slack[k] - slack[(k + 1) % count])
            result.append(here + share * (there - here))
    return np.array(result) if result else np.empty((0, 2))

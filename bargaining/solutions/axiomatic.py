# ruff: noqa: RUF009 - parameter() returns a dataclass field, like dataclasses.field
r"""Axiomatic bargaining solutions: Nash (1950), weighted Nash and Kalai–Smorodinsky (1975).

A two-player bargaining problem is a pair :math:`(S, d)`: a convex feasible set of utility pairs
and a disagreement point. The **Nash solution** with weight :math:`\alpha` on player 1 maximises
:math:`(u_1 - d_1)^{\alpha}(u_2 - d_2)^{1 - \alpha}` over the individually rational part of
:math:`S` (:math:`\alpha = 1/2` is the symmetric solution); the **Kalai–Smorodinsky solution**
is the Pareto point on the segment from :math:`d` to the ideal point
:math:`I = (\max u_1, \max u_2)`, so the two players' gains are in proportion to their best
possible gains.

Two representations:

* :class:`BargainingProblem`: :math:`S` is the comprehensive convex hull of finitely many points.
  Solved **exactly** (``Fraction`` in, ``Fraction`` out): on each edge of the Pareto frontier the
  log-Nash product is concave, so the optimum is where its directional derivative changes sign,
  an exact rational computation (the first-order condition is derived symbolically in
  :mod:`bargaining.solutions.specification`).
* :class:`SmoothProblem`: the frontier is :math:`u_2 = f(u_1)` for a sympy expression :math:`f`,
  possibly with parameters; the first-order conditions are solved symbolically.

>>> from fractions import Fraction
>>> problem = BargainingProblem([(0, 1), (Fraction(1, 2), Fraction(3, 4)), (1, 0)])
>>> problem.nash()
Settlement(first=Fraction(1, 2), second=Fraction(3, 4))
>>> problem.kalai_smorodinsky()
Settlement(first=Fraction(3, 5), second=Fraction(3, 5))
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from ..core.errors import Description, ParameterTypeError, ParameterValueError
from ..core.model import check_real
from ..core.parameters import declared, setting
from ..core.values import Kind, check_range, normalize

__all__ = ["BargainingProblem", "Settlement", "SmoothProblem"]

Point = tuple[Any, Any]


@dataclass(frozen=True, slots=True)
class Settlement:
    """A point of the utility frontier: the two players' utilities.

    >>> from fractions import Fraction
    >>> Settlement(Fraction(1, 2), Fraction(3, 4)).first
    Fraction(1, 2)
    """

    first: Any
    second: Any


def _cross(a: Point, b: Point) -> Any:
    return a[0] * b[1] - a[1] * b[0]


def _sub(a: Point, b: Point) -> Point:
    return (a[0] - b[0], a[1] - b[1])


def _pareto_frontier(points: Sequence[Point]) -> list[Point]:
    """Vertices of the strong Pareto frontier of the convex hull, first player's utility rising."""
    ordered = sorted(set(points))
    hull: list[Point] = []
    for point in ordered:  # upper hull, monotone chain
        while len(hull) >= 2 and _cross(_sub(hull[-1], hull[-2]), _sub(point, hull[-2])) >= 0:
            hull.pop()
        hull.append(point)
    top = max(range(len(hull)), key=lambda i: (hull[i][1], hull[i][0]))
    return hull[top:]


def _clip(frontier: list[Point], d: Point) -> list[Point]:
    """The part of a decreasing polyline where both players get at least their disagreement."""
    clipped: list[Point] = []
    for start, end in itertools.pairwise(frontier):
        if end[0] < d[0] or start[1] < d[1]:
            continue
        if start[0] < d[0]:  # enters through u1 = d1
            t = (d[0] - start[0]) / (end[0] - start[0])
            start = (d[0], start[1] + t * (end[1] - start[1]))
            if start[1] < d[1]:
                continue
        if end[1] < d[1]:  # leaves through u2 = d2
            t = (d[1] - start[1]) / (end[1] - start[1])
            end = (start[0] + t * (end[0] - start[0]), d[1])
        if not clipped or clipped[-1] != start:
            clipped.append(start)
        clipped.append(end)
    if not clipped and len(frontier) == 1 and frontier[0][0] >= d[0] and frontier[0][1] >= d[1]:
        clipped = list(frontier)
    return clipped


def _check_scalar_weight(weight: Any) -> None:
    if isinstance(weight, (np.ndarray, list, tuple)):
        raise ParameterTypeError(
            "weight", "one number (a problem is solved for one weight at a time)", weight
        )


@dataclass(frozen=True, slots=True)
@declared(settle=False)
class BargainingProblem:
    r"""A bargaining problem whose feasible set is the comprehensive convex hull of ``points``.

    Parameters
    ----------
    points : sequence of (u1, u2)
        Utility pairs the players can reach (for instance the outcomes of agreements); every
        lottery over them, and anything worse, is also feasible.
    disagreement : (d1, d2)
        What each player gets if they do not agree (for instance their expected war payoffs).

    Coordinates may be ``int``, ``Fraction`` (exact results) or ``float``.

    >>> from fractions import Fraction
    >>> problem = BargainingProblem([(0, 1), (Fraction(1, 2), Fraction(3, 4)), (1, 0)], (Fraction(1, 10), 0))
    >>> problem.nash(), problem.kalai_smorodinsky()
    (Settlement(first=Fraction(11, 20), second=Fraction(27, 40)), Settlement(first=Fraction(289, 460), second=Fraction(513, 920)))
    """

    points: Sequence[Point] = setting("the utility pairs the players can reach")
    disagreement: Point = setting("what each player gets if they do not agree", default=(0, 0))
    kind: Kind = field(init=False, repr=False, compare=False)
    frontier: tuple[Point, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        try:
            raw = [tuple(point) for point in self.points]
        except TypeError:
            raise ParameterTypeError("points", "a sequence of (u1, u2) pairs", self.points) from None
        if not raw or any(len(point) != 2 for point in raw):
            raise ParameterValueError("points", "a non-empty sequence of (u1, u2) pairs", self.points)
        if len(tuple(self.disagreement)) != 2:
            raise ParameterValueError("disagreement", "a pair (d1, d2)", self.disagreement)
        named = {f"points[{i}][{j}]": raw[i][j] for i in range(len(raw)) for j in range(2)}
        named |= {f"disagreement[{j}]": self.disagreement[j] for j in range(2)}
        values, kind = normalize(named)
        if kind == "symbolic" and all(value.is_Rational for value in values.values()):
            kind = "exact"  # sympy Rationals: exact numbers, solved as they are
        if kind not in ("exact", "float"):
            name = next(
                name
                for name, value in named.items()
                if isinstance(value, (np.ndarray, list, tuple))
                or not getattr(values[name], "is_Rational", True)
            )
            raise ParameterTypeError(
                name,
                "an exact or float number (one problem at a time; SmoothProblem takes symbols)",
                named[name],
            )
        for name, value in values.items():
            check_real(name, value)
        points = tuple((values[f"points[{i}][0]"], values[f"points[{i}][1]"]) for i in range(len(raw)))
        d = (values["disagreement[0]"], values["disagreement[1]"])
        frontier = _clip(_pareto_frontier(points), d)
        midpoints = [((a[0] + b[0]) / 2, (a[1] + b[1]) / 2) for a, b in itertools.pairwise(frontier)]
        if not any(u1 > d[0] and u2 > d[1] for u1, u2 in [*frontier, *midpoints]):
            raise ParameterValueError(
                "disagreement",
                "strictly dominated by some feasible point (else there is nothing to bargain over)",
                d,
            )
        object.__setattr__(self, "points", points)
        object.__setattr__(self, "disagreement", d)
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "frontier", tuple(frontier))

    @property
    def ideal_point(self) -> Settlement:
        """The best each player can get in an individually rational agreement.

        >>> from fractions import Fraction
        >>> problem = BargainingProblem([(0, 1), (Fraction(1, 2), Fraction(3, 4)), (1, 0)], (Fraction(1, 10), 0))
        >>> problem.ideal_point
        Settlement(first=Fraction(1, 1), second=Fraction(19, 20))
        """
        return Settlement(self.frontier[-1][0], self.frontier[0][1])

    def contains(self, first: Any, second: Any) -> bool:
        """Whether the utility pair is feasible and individually rational.

        >>> from fractions import Fraction
        >>> problem = BargainingProblem([(0, 1), (Fraction(1, 2), Fraction(3, 4)), (1, 0)], (Fraction(1, 10), 0))
        >>> problem.contains(Fraction(1, 2), Fraction(1, 2)), problem.contains(1, 1)
        (True, False)
        """
        d = self.disagreement
        if first < d[0] or second < d[1] or first > self.frontier[-1][0]:
            return False
        return bool(second <= self.frontier_value(first))

    def frontier_value(self, first: Any) -> Any:
        """The most the second player can get when the first gets ``first`` (on the IR frontier).

        >>> from fractions import Fraction
        >>> problem = BargainingProblem([(0, 1), (Fraction(1, 2), Fraction(3, 4)), (1, 0)], (Fraction(1, 10), 0))
        >>> problem.frontier_value(Fraction(3, 4))
        Fraction(3, 8)
        """
        points = self.frontier
        if first <= points[0][0]:
            return points[0][1]
        for start, end in itertools.pairwise(points):
            if start[0] <= first <= end[0]:
                return start[1] + (first - start[0]) * (end[1] - start[1]) / (end[0] - start[0])
        raise ParameterValueError("first", f"at most {points[-1][0]}", first)

    def nash(self, weight: Any = Fraction(1, 2)) -> Settlement:
        r"""The (weighted) Nash solution: maximise :math:`(u_1-d_1)^{w}(u_2-d_2)^{1-w}`.

        >>> BargainingProblem([(0, 1), (1, 0)], disagreement=(Fraction(1, 5), 0)).nash(Fraction(1, 3))
        Settlement(first=Fraction(7, 15), second=Fraction(8, 15))
        """
        _check_scalar_weight(weight)
        check_range(
            "weight",
            weight,
            0,
            1,
            lower_open=True,
            upper_open=True,
            requirement="a bargaining weight in (0, 1)",
        )
        alpha = Fraction(weight) if self.kind == "exact" else float(weight)
        d, points = self.disagreement, self.frontier
        if len(points) == 1:
            return Settlement(*points[0])

        def slope(point: Point, direction: Point) -> Any:
            # Directional derivative of the log-Nash product; +inf/-inf on the IR boundary.
            if point[0] == d[0]:
                return 1
            if point[1] == d[1]:
                return -1
            return alpha * direction[0] / (point[0] - d[0]) + (1 - alpha) * direction[1] / (point[1] - d[1])

        for start, end in itertools.pairwise(points):
            direction = _sub(end, start)
            if slope(start, direction) <= 0:
                return Settlement(*start)
            if slope(end, direction) < 0:
                # The first-order condition on the edge's line (see specification.derive_nash_on_line).
                t = -(
                    alpha * direction[0] * (start[1] - d[1]) + (1 - alpha) * direction[1] * (start[0] - d[0])
                ) / (direction[0] * direction[1])
                return Settlement(start[0] + t * direction[0], start[1] + t * direction[1])
        return Settlement(*points[-1])

    def kalai_smorodinsky(self) -> Settlement:
        """The Kalai–Smorodinsky solution: gains in proportion to the ideal gains.

        >>> from fractions import Fraction
        >>> problem = BargainingProblem([(0, 1), (Fraction(1, 2), Fraction(3, 4)), (1, 0)], (Fraction(1, 10), 0))
        >>> problem.kalai_smorodinsky()
        Settlement(first=Fraction(289, 460), second=Fraction(513, 920))
        """
        d, ideal = self.disagreement, self.ideal_point
        ray = (ideal.first - d[0], ideal.second - d[1])
        points = self.frontier
        if len(points) == 1:
            return Settlement(*points[0])
        for start, end in itertools.pairwise(points):
            direction = _sub(end, start)
            s = -_cross(_sub(start, d), ray) / _cross(direction, ray)
            if 0 <= s <= 1:
                return Settlement(start[0] + s * direction[0], start[1] + s * direction[1])
        raise AssertionError("the ray from d to the ideal point crosses the frontier")  # pragma: no cover


@dataclass(frozen=True, slots=True)
class SmoothProblem:
    r"""A bargaining problem with a smooth frontier :math:`u_2 = f(u_1)`, solved symbolically.

    Parameters
    ----------
    frontier : sympy expression
        :math:`f(u_1)`, decreasing and concave on the relevant range.
    variable : sympy symbol
        The first player's utility :math:`u_1` in ``frontier``.
    disagreement : (d1, d2)
        Numbers or sympy expressions.

    >>> import sympy
    >>> u = sympy.Symbol("u", nonnegative=True)
    >>> SmoothProblem(1 - u**2, u).nash()
    Settlement(first=sqrt(3)/3, second=2/3)
    """

    frontier: Any
    variable: Any
    disagreement: Point = (0, 0)

    def __post_init__(self) -> None:
        import sympy

        if not isinstance(self.frontier, sympy.Expr):
            raise ParameterTypeError("frontier", "a sympy expression in variable", self.frontier)
        if not isinstance(self.variable, sympy.Symbol):
            raise ParameterTypeError("variable", "a sympy Symbol", self.variable)
        d = tuple(
            sympy.sympify(value) if not isinstance(value, str) else value for value in self.disagreement
        )
        for j, value in enumerate(d):
            if not isinstance(value, sympy.Expr):
                raise ParameterTypeError(f"disagreement[{j}]", "a number or sympy expression", value)
        object.__setattr__(self, "disagreement", d)

    def _is_numeric(self) -> bool:
        """Whether the frontier and the disagreement point hold no parameter besides the variable."""
        free = set(self.frontier.free_symbols) - {self.variable}
        return not free and not any(value.free_symbols for value in self.disagreement)

    def _individually_rational(self) -> tuple[Any, Any]:
        r"""The ends :math:`[\ell, h]` of the individually rational part of a numeric frontier.

        :math:`u_1` ranges over the domain where :math:`f` is real (and the variable's own
        assumptions hold, ``nonnegative=True`` for a share): :math:`\ell = \max(d_1, \inf D)` and
        :math:`h` is the first point right of :math:`\ell` where :math:`f = d_2`, or :math:`\sup D`
        when the frontier ends above :math:`d_2` (a negative war payoff: every share is individually
        rational for the target, so the frontier ends at the coercer's largest share, not at
        :math:`u_2 = d_2`).
        """
        import sympy
        from sympy.calculus.util import continuous_domain

        u, f = self.variable, self.frontier
        d1, d2 = self.disagreement
        base = sympy.Interval(0, sympy.oo) if u.is_nonnegative else sympy.S.Reals
        domain = continuous_domain(f, u, base)
        if not isinstance(domain, sympy.Interval):
            raise ParameterValueError("frontier", "real on one interval of its variable", domain)
        low = sympy.Max(domain.inf, d1)
        ends = [
            root
            for root in sympy.solve(sympy.Eq(f, d2), u)
            if root.is_real and domain.contains(root) is sympy.true and (root - low).is_positive
        ]
        high = sympy.Min(*ends) if ends else domain.sup
        if not high.is_finite:
            raise ParameterValueError(
                "frontier",
                "a frontier that meets u2 = d2 exactly once right of d1, or whose domain ends there",
                Description(f"individually rational for every u1 above {low}"),
            )
        return low, high

    def _numeric_pick(self, condition: Any, objective: Any, corners: bool) -> Settlement:
        """The one root of ``condition`` inside the individually rational part, or (when
        ``corners``) the end of the frontier's domain where the objective is largest.

        ``sympy.solve`` squares radicals away, so each root is checked against ``condition``
        itself at 100 digits (a spurious root of the squared equation is dropped). A problem
        given in floats is known to float precision only, so its roots are checked to ``1e-9``
        (a spurious root misses by far more)."""
        import sympy

        u, f = self.variable, self.frontier
        d1, d2 = self.disagreement
        low, high = self._individually_rational()
        scale = 1 + abs(d1) + abs(d2)
        floats = any(sympy.sympify(value).atoms(sympy.Float) for value in (f, d1, d2))
        tolerance = sympy.Float(1e-9) if floats else sympy.Integer(10) ** -60

        def is_root(root: Any) -> bool:
            return bool(abs(condition.subs(u, root).evalf(100)) <= tolerance * scale)

        inside = [
            root
            for root in sympy.solve(condition, u)
            if root.is_real and (root - low).is_nonnegative and (high - root).is_nonnegative and is_root(root)
        ]
        inside = list(dict.fromkeys(sympy.simplify(root) for root in inside))
        if not inside and corners:
            positive = [
                end for end in (low, high) if (end - d1).is_positive and (f.subs(u, end) - d2).is_positive
            ]
            inside = [max(positive, key=lambda end: objective.subs(u, end))] if positive else []
        if len(inside) != 1:
            raise ParameterValueError(
                "frontier",
                "a frontier with exactly one individually rational solution (an interior critical point "
                "or the end of its domain)",
                Description(f"{len(inside)} candidates in [{low}, {high}]"),
            )
        u1 = inside[0]
        return Settlement(u1, sympy.simplify(f.subs(u, u1)))

    def _pick(self, solutions: list[Any], field_name: str) -> Settlement:
        import sympy

        d1, d2 = self.disagreement
        candidates = []
        for solution in solutions:
            if solution.is_real is False:
                continue
            gains = (solution - d1, self.frontier.subs(self.variable, solution) - d2)
            if any(sympy.simplify(gain).is_positive is False for gain in gains):
                continue
            candidates.append(sympy.simplify(solution))
        if len(candidates) != 1:
            raise ParameterValueError(
                field_name,
                "a frontier with exactly one individually rational critical point",
                Description(f"{len(candidates)} candidates {candidates}"),
            )
        u1 = candidates[0]
        return Settlement(u1, sympy.simplify(self.frontier.subs(self.variable, u1)))

    def nash(self, weight: Any = Fraction(1, 2)) -> Settlement:
        r"""Solve :math:`w\,(f(u) - d_2) + (1 - w)(u - d_1) f'(u) = 0` for :math:`u`.

        >>> import sympy
        >>> u = sympy.Symbol("u", nonnegative=True)
        >>> SmoothProblem(1 - u**2, u).nash()
        Settlement(first=sqrt(3)/3, second=2/3)
        """
        import sympy

        _check_scalar_weight(weight)
        check_range(
            "weight",
            weight,
            0,
            1,
            lower_open=True,
            upper_open=True,
            requirement="a bargaining weight in (0, 1)",
        )
        alpha = sympy.nsimplify(weight) if isinstance(weight, float) else sympy.sympify(weight)
        u, f = self.variable, self.frontier
        d1, d2 = self.disagreement
        condition = alpha * (f - d2) + (1 - alpha) * (u - d1) * sympy.diff(f, u)
        if self._is_numeric():
            product = (u - d1) ** alpha * (f - d2) ** (1 - alpha)
            return self._numeric_pick(condition, product, corners=True)
        return self._pick(sympy.solve(condition, u), "frontier")

    def kalai_smorodinsky(self) -> Settlement:
        r"""Solve :math:`(f(u) - d_2)(I_1 - d_1) = (u - d_1)(I_2 - d_2)` for :math:`u`.

        >>> import sympy
        >>> u = sympy.Symbol("u", nonnegative=True)
        >>> SmoothProblem(1 - u**2, u).kalai_smorodinsky()
        Settlement(first=-1/2 + sqrt(5)/2, second=-1/2 + sqrt(5)/2)
        """
        import sympy

        u, f = self.variable, self.frontier
        d1, d2 = self.disagreement
        if self._is_numeric():
            low, high = self._individually_rational()
            condition = (f - d2) * (high - d1) - (u - d1) * (f.subs(u, low) - d2)
            return self._numeric_pick(condition, 0, corners=False)
        ideal_second = f.subs(u, d1)
        ends = [
            root
            for root in sympy.solve(sympy.Eq(f, d2), u)
            if root.is_real is not False and sympy.simplify(root - d1).is_positive is not False
        ]
        if len(ends) != 1:
            raise ParameterValueError(
                "frontier", "a frontier that meets u2 = d2 exactly once right of d1", ends
            )
        ideal_first = ends[0]
        condition = (f - d2) * (ideal_first - d1) - (u - d1) * (ideal_second - d2)
        return self._pick(sympy.solve(condition, u), "frontier")

r"""The numeric step of settling a claim: one array search, then exact arithmetic.

:func:`search` builds a design over the region and evaluates the claim on all of it at once:

* a scrambled Sobol sequence (:class:`scipy.stats.qmc.Sobol`, seeded) of :math:`2^m` points, with
  one more coordinate for a monotone claim (the second value of its parameter, so each point is a
  pair :math:`a < b`);
* the region's corners and points along each of its edges (for a monotone claim, the parameter
  runs through 17 values at each corner and edge point of the other parameters, and each
  consecutive pair and the end points are compared).

Every point is evaluated on float64 arrays in one call of the claim's quantity (the models accept
numpy arrays); a quantity that cannot take arrays is evaluated point by point on floats, and the
evidence says so. The **violation** of a point is how far it breaks the claim (``before − after``
for a non-decreasing claim, ``|left − right|`` for an equality). The worst points are then
confirmed in exact arithmetic (``Fraction``), so float noise never refutes a claim; a confirmed
counterexample is shrunk toward the simplest point (bounds, then small denominators) while it
stays a counterexample. A float violation that exact arithmetic does not confirm is reported, and
leaves the claim *undecided*.

A quantity that gives NaN, or a model that refuses a point, raises
:class:`~bargaining.claims.ClaimError` naming the claim and the point.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from ..core.errors import ParameterValueError
from .claim import Claim, ClaimError, MonotoneClaim, RelationClaim

__all__ = ["Search", "search"]

#: Sobol points (a power of two) by depth, for a quantity that takes arrays and for one that does not.
DESIGN: dict[str, tuple[int, int]] = {"ci": (4096, 1024), "user": (65536, 8192)}
#: (interior points on each edge, values of a monotone claim's parameter at each structured point),
#: on arrays and point by point.
_STRUCTURE = {True: (9, 17), False: (1, 5)}
_CONFIRM = 8  # the worst points checked exactly
_TOLERANCE = 1e-9
_SHRINK_CALLS = 200


@dataclass(frozen=True)
class Search:
    """What the array search found.

    ``points``: how many points (pairs, for a monotone claim) were evaluated; ``design``: the
    search in words; ``counterexample`` and ``values``: the exact witness and the two sides (or
    the quantity before and after) when one was confirmed; ``failing_share``: the share of the
    Sobol points that break the claim in floats; ``unconfirmed``: the worst float violation when
    exact arithmetic did not confirm it.

    >>> from fractions import Fraction as F
    >>> from bargaining.claims import MonotoneClaim, Region
    >>> claim = MonotoneClaim("x rises", "test", Region({"x": (0, 1)}), quantity=lambda x: x, parameter="x")
    >>> found = search(claim)
    >>> found.counterexample is None, found.points > 0
    (True, True)
    """

    points: int
    design: str
    counterexample: Mapping[str, Any] | None = None
    values: tuple[Any, Any] | None = None
    failing_share: float = 0.0
    unconfirmed: float | None = None


def _free(claim: Claim) -> list[str]:
    return [name for name, (low, high) in claim.region.bounds.items() if low != high]


def _corners_and_edges(dimensions: int, per_edge: int) -> np.ndarray:
    """The unit box's corners and ``per_edge`` interior points on each edge, as rows."""
    if dimensions == 0:
        return np.zeros((1, 0))
    corners = np.array(list(itertools.product((0.0, 1.0), repeat=dimensions)))
    inner = (np.arange(1, per_edge + 1) / (per_edge + 1))[:, None]
    edges = []
    for axis in range(dimensions):
        for corner in corners[corners[:, axis] == 0]:
            along = np.repeat(corner[None, :], per_edge, axis=0)
            along[:, axis] = inner[:, 0]
            edges.append(along)
    return np.vstack([corners, *edges])


def _sobol(dimensions: int, count: int, seed: int) -> np.ndarray:
    from scipy.stats import qmc

    exponent = max(int(count).bit_length() - 1, 1)
    return np.asarray(qmc.Sobol(dimensions, scramble=True, seed=seed).random_base2(exponent))


def _scale(claim: Claim, names: list[str], unit: np.ndarray) -> dict[str, np.ndarray]:
    """Unit coordinates to the region's floats, fixed parameters filled in."""
    count = unit.shape[0]
    columns = {name: np.full(count, float(low)) for name, (low, high) in claim.region.bounds.items()}
    for column, name in enumerate(names):
        low, high = claim.region.bounds[name]
        columns[name] = float(low) + (float(high) - float(low)) * unit[:, column]
    return columns


def _design(
    claim: Claim, count: int, seed: int, arrays: bool
) -> tuple[dict[str, np.ndarray], np.ndarray, np.ndarray, int]:
    """The design's points, the two values of a monotone claim's parameter (else empty), and how
    many leading rows are Sobol points (the random part, for the failing share)."""
    free = _free(claim)
    per_edge, values = _STRUCTURE[arrays]
    if isinstance(claim, MonotoneClaim):
        others = [name for name in free if name != claim.parameter]
        low, high = (float(v) for v in claim.region.bounds[claim.parameter])
        sobol = _sobol(len(others) + 2, count, seed)
        a, b = np.minimum(sobol[:, -2], sobol[:, -1]), np.maximum(sobol[:, -2], sobol[:, -1])
        structure = _corners_and_edges(len(others), per_edge)
        grid = np.linspace(0.0, 1.0, values)
        starts = np.concatenate([grid[:-1], [0.0]])
        ends = np.concatenate([grid[1:], [1.0]])
        rows = np.vstack([sobol[:, :-2], np.repeat(structure, len(starts), axis=0)])
        a = np.concatenate([a, np.tile(starts, len(structure))])
        b = np.concatenate([b, np.tile(ends, len(structure))])
        if low == high:  # a fixed parameter cannot move: nothing to compare
            a, b = np.zeros_like(a), np.zeros_like(b)
        points = _scale(claim, others, rows)
        return points, low + (high - low) * a, low + (high - low) * b, sobol.shape[0]
    sobol = _sobol(len(free), count, seed) if free else np.zeros((1, 0))
    rows = np.vstack([sobol, _corners_and_edges(len(free), per_edge)])
    return _scale(claim, free, rows), np.empty(0), np.empty(0), sobol.shape[0]


def _functions(claim: Claim) -> list[Callable[..., Any]]:
    if isinstance(claim, MonotoneClaim):
        return [claim.quantity]
    if isinstance(claim, RelationClaim):
        return [claim.left, claim.right]
    raise ParameterValueError("claim", "a MonotoneClaim or a RelationClaim", claim)


def _call(claim: Claim, function: Callable[..., Any], point: Mapping[str, Any]) -> Any:
    try:
        return function(**point)
    except Exception as refusal:  # the claim names the point; the model's error is the cause
        raise ClaimError(
            claim.statement, f"the model refuses the point ({type(refusal).__name__}: {refusal})", point
        ) from refusal


class _NoArraysError(Exception):
    """The quantity does not take arrays: search point by point instead."""


def _evaluate(
    claim: Claim, function: Callable[..., Any], points: Mapping[str, np.ndarray], arrays: bool
) -> np.ndarray:
    """``function`` on every point: one array call, or (``arrays=False``) point by point."""
    count = len(next(iter(points.values())))
    if arrays:
        try:
            values = np.asarray(function(**points), dtype=float)
        except Exception as refusal:  # any refusal of arrays: the caller searches point by point
            raise _NoArraysError from refusal
        if values.shape != (count,):
            raise _NoArraysError
        return values
    values = np.empty(count)
    for row in range(count):
        point = {name: float(column[row]) for name, column in points.items()}
        values[row] = float(_call(claim, function, point))
    return values


def _defined(
    claim: Claim, function: Callable[..., Any], values: np.ndarray, points: Mapping[str, np.ndarray]
) -> int:
    """Recompute in exact arithmetic each point where floats gave NaN or infinity (a float path's
    0/0 the exact path avoids); a point undefined exactly too is a :class:`ClaimError`. Returns how
    many points were recomputed."""
    bad = np.flatnonzero(~np.isfinite(values))
    for row in bad:
        point = {name: float(column[row]) for name, column in points.items()}
        exact = float(_call(claim, function, {name: Fraction(value) for name, value in point.items()}))
        if not np.isfinite(exact):
            raise ClaimError(claim.statement, f"the quantity is not a finite number ({exact})", point)
        values[row] = exact
    return int(bad.size)


def _violations(
    claim: Claim, count: int, seed: int, arrays: bool
) -> tuple[np.ndarray, dict[str, np.ndarray], np.ndarray, np.ndarray, int, int]:
    points, a, b, sobol = _design(claim, count, seed, arrays)
    if isinstance(claim, MonotoneClaim):
        sides = [{**points, claim.parameter: a}, {**points, claim.parameter: b}]
        # both ends of every pair in one call: the model's fixed cost per call is paid once
        both = {name: np.concatenate([sides[0][name], sides[1][name]]) for name in sides[0]}
        before, after = np.split(_evaluate(claim, claim.quantity, both, arrays), 2)
        repaired = sum(_defined(claim, claim.quantity, v, side) for v, side in zip((before, after), sides))
        gap = before - after if claim.direction in ("nondecreasing", "increasing") else after - before
        if claim.direction in ("increasing", "decreasing"):
            gap = np.where(a < b, gap + _TOLERANCE, -np.inf)  # equal values break a strict claim
        return gap, points, a, b, sobol, repaired
    assert isinstance(claim, RelationClaim)
    left, right = (_evaluate(claim, side, points, arrays) for side in (claim.left, claim.right))
    repaired = _defined(claim, claim.left, left, points) + _defined(claim, claim.right, right, points)
    gap = {"==": np.abs(left - right), "<=": left - right, ">=": right - left}[claim.relation]
    return gap / (1.0 + np.maximum(np.abs(left), np.abs(right))), points, a, b, sobol, repaired


def _exact(value: float, low: Fraction, high: Fraction) -> Fraction:
    return min(max(Fraction(value).limit_denominator(10**6), low), high)


def _witness(
    claim: Claim, points: Mapping[str, np.ndarray], a: np.ndarray, b: np.ndarray, row: int
) -> dict[str, Any]:
    bounds = claim.region.bounds
    witness: dict[str, Any] = {name: _exact(float(points[name][row]), *bounds[name]) for name in bounds}
    if isinstance(claim, MonotoneClaim):
        low, high = bounds[claim.parameter]
        witness[claim.parameter] = (_exact(float(a[row]), low, high), _exact(float(b[row]), low, high))
    return witness


def _broken(claim: Claim, witness: Mapping[str, Any]) -> tuple[Any, Any] | None:
    """The claim's own exact check at a witness (``None``: it holds there)."""
    if isinstance(claim, MonotoneClaim):
        low, high = witness[claim.parameter]
        if not low < high:
            return None
        rest = {name: value for name, value in witness.items() if name != claim.parameter}
        return _call_violation(claim, lambda: claim.violation(rest, low, high), witness)
    assert isinstance(claim, RelationClaim)
    return _call_violation(claim, lambda: claim.violation(witness), witness)


def _call_violation(
    claim: Claim, check: Callable[[], tuple[Any, Any] | None], witness: Mapping[str, Any]
) -> tuple[Any, Any] | None:
    try:
        return check()
    except Exception as refusal:  # the claim names the point; the model's error is the cause
        raise ClaimError(
            claim.statement, f"the model refuses the point ({type(refusal).__name__}: {refusal})", witness
        ) from refusal


def _simpler(value: Fraction, low: Fraction, high: Fraction) -> list[Fraction]:
    """Candidates simpler than ``value`` in ``[low, high]``, simplest first."""
    candidates = [low, high, (low + high) / 2]
    candidates += [value.limit_denominator(q) for q in (1, 2, 4, 5, 10, 20, 100, 1000)]
    seen: list[Fraction] = []
    for candidate in candidates:
        simpler = candidate.denominator < value.denominator or candidate in (low, high)
        if low <= candidate <= high and candidate not in seen and candidate != value and simpler:
            seen.append(candidate)
    return seen


def _shrink(
    claim: Claim, witness: dict[str, Any], values: tuple[Any, Any], calls: int
) -> tuple[dict[str, Any], tuple[Any, Any]]:
    """Move one coordinate at a time to a simpler value while the witness still breaks the claim."""
    spent, changed = 0, True
    while changed and spent < calls:
        changed = False
        for name, (low, high) in claim.region.bounds.items():
            moves: list[Any]
            if isinstance(claim, MonotoneClaim) and name == claim.parameter:
                moves = [(c, witness[name][1]) for c in _simpler(witness[name][0], low, high)]
                moves += [(witness[name][0], c) for c in _simpler(witness[name][1], low, high)]
            else:
                moves = list(_simpler(witness[name], low, high))
            for move in moves:
                if spent >= calls:
                    break
                spent += 1
                trial = {**witness, name: move}
                found = _broken(claim, trial)
                if found is not None:
                    witness, values, changed = trial, found, True
                    break
    return witness, values


def search(claim: Claim, depth: str = "ci", *, seed: int = 0) -> Search:
    """Search the region for a violation on arrays, confirm the worst points exactly, shrink.

    >>> from fractions import Fraction as F
    >>> from bargaining.claims import MonotoneClaim, Region
    >>> dip = MonotoneClaim("never falls", "test", Region({"x": (0, 1)}), parameter="x",
    ...                     quantity=lambda x: x - 2 * (x > F(7, 10)) * (x - F(7, 10)))
    >>> found = search(dip)
    >>> found.counterexample, found.values
    ({'x': (Fraction(1, 2), Fraction(1, 1))}, (Fraction(1, 2), Fraction(2, 5)))
    """
    if depth not in DESIGN:
        raise ParameterValueError("depth", f"one of {sorted(DESIGN)}", depth)
    _functions(claim)
    on_arrays, point_by_point = DESIGN[depth]
    vectorised = True
    try:
        gap, points, a, b, sobol, repaired = _violations(claim, on_arrays, seed, arrays=True)
    except _NoArraysError:
        vectorised = False
        gap, points, a, b, sobol, repaired = _violations(claim, point_by_point, seed, arrays=False)
    kind = (
        "float64 arrays, one model call"
        if vectorised
        else "floats point by point (the quantity does not take arrays)"
    )
    design = (
        f"{gap.size} {'pairs' if isinstance(claim, MonotoneClaim) else 'points'}: a Sobol design of "
        f"{sobol} (seed {seed}) plus the region's corners and edges, on {kind}"
    )
    if repaired:
        design += f"; {repaired} values where floats gave no number recomputed exactly"
    share = float(np.mean(gap[:sobol] > _TOLERANCE))
    worst = np.argsort(-gap, kind="stable")[:_CONFIRM]
    for row in worst:
        witness = _witness(claim, points, a, b, int(row))
        values = _broken(claim, witness)
        if values is not None:
            budget = claim.budget if claim.budget is not None else _SHRINK_CALLS
            witness, values = _shrink(claim, witness, values, budget)
            return Search(gap.size, design, witness, values, share)
    unconfirmed = float(gap[worst[0]]) if gap.size and gap[worst[0]] > 1e-6 else None
    return Search(gap.size, design, failing_share=share, unconfirmed=unconfirmed)

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

:meth:`RepeatedGame.equilibrium_payoffs` iterates the **outer hyperplane approximation** of Judd,
Yeltekin & Conklin (2003, Econometrica 71: 1239–1254): with directions :math:`h_1, \dots, h_D` on
the circle, :math:`W_{k+1} = \{w : h_d \cdot w \le c_d\}` with
:math:`c_d = \max_{a} \max_{v \in B_a(W_k)} h_d \cdot v`, from a box that contains every feasible
payoff. The sets decrease to a superset of :math:`V` that tightens as :math:`D` grows; the
iteration stops when no :math:`c_d` moves by more than ``tolerance`` and raises
:class:`~bargaining.core.errors.ConvergenceError` otherwise.

>>> from fractions import Fraction
>>> grim_trigger_threshold(5, 3, 1), tit_for_tat_threshold(5, 3, 1, 0)
(Fraction(1, 2), Fraction(2, 3))
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..core.errors import ConvergenceError, ParameterTypeError, ParameterValueError
from ..core.model import check_real, validated
from ..core.values import Kind, check_discount, check_positive, maximum
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


def grim_trigger_threshold(temptation: Any, reward: Any, punishment: Any) -> Any:
    r"""The least discount factor at which grim trigger sustains cooperation, :math:`(T-R)/(T-P)`.

    >>> import sympy
    >>> t, r, p = sympy.symbols("temptation reward punishment", real=True)
    >>> grim_trigger_threshold(t, r, p)
    (-reward + temptation)/(-punishment + temptation)
    """
    values, _ = _dilemma(temptation, reward, punishment)
    t, r, p = values["temptation"], values["reward"], values["punishment"]
    return (t - r) / (t - p)


def tit_for_tat_threshold(temptation: Any, reward: Any, punishment: Any, sucker: Any) -> Any:
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
    """An outer approximation of the pure-strategy SPE payoff set: a convex polygon."""

    vertices: np.ndarray
    directions: np.ndarray
    levels: np.ndarray
    iterations: int
    change: float

    def contains(self, point: Any, tolerance: float = 1e-9) -> bool:
        """Whether ``point`` lies in the polygon (up to ``tolerance``)."""
        return bool(np.all(self.directions @ np.asarray(point, dtype=float) <= self.levels + tolerance))


@dataclass(frozen=True, slots=True)
class RepeatedGame:
    r"""A two-player stage game repeated for ever with common discount factor ``discount``.

    Examples
    --------
    >>> from bargaining.games.stage import prisoners_dilemma
    >>> result = RepeatedGame(prisoners_dilemma(), 0.8).equilibrium_payoffs(directions=8)
    >>> result.contains((3, 3)), result.contains((1, 1)), result.contains((0.5, 0.5))
    (True, True, False)
    """

    stage: StageGame
    discount: Any
    kind: Kind = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.stage, StageGame):
            raise ParameterTypeError("stage", "a StageGame", self.stage)
        if self.stage.kind == "symbolic":
            raise ParameterTypeError("stage", "a StageGame with numeric payoffs", self.stage.kind)
        values, kind = validated({"discount": self.discount}, {"discount": check_discount})
        if kind not in ("exact", "float"):
            raise ParameterTypeError("discount", "a number in (0, 1)", self.discount)
        object.__setattr__(self, "discount", values["discount"])
        object.__setattr__(self, "kind", kind)

    def equilibrium_payoffs(
        self, *, directions: int = 64, tolerance: float = 1e-9, max_iterations: int = 10_000
    ) -> PayoffSet:
        """The outer hyperplane approximation of the pure-strategy SPE payoff set (JYC 2003)."""
        if not isinstance(directions, int) or directions < 4:
            raise ParameterValueError("directions", "an integer of at least 4", directions)
        if not tolerance > 0:
            raise ParameterValueError("tolerance", "positive", tolerance)
        if not isinstance(max_iterations, int) or max_iterations < 1:
            raise ParameterValueError("max_iterations", "a positive integer", max_iterations)
        a = np.asarray(self.stage.row_payoffs, dtype=float)
        b = np.asarray(self.stage.column_payoffs, dtype=float)
        delta = float(self.discount)
        angles = 2 * np.pi * np.arange(directions) / directions
        normals = np.column_stack([np.cos(angles), np.sin(angles)])
        normals[np.abs(normals) < 1e-15] = 0.0
        profiles = [(i, j) for i in range(a.shape[0]) for j in range(a.shape[1])]
        stage = np.array([[a[i, j], b[i, j]] for i, j in profiles])
        deviation = np.array([[a[:, j].max(), b[i, :].max()] for i, j in profiles])
        box = np.array([[a.min(), b.min()], [a.max(), b.min()], [a.max(), b.max()], [a.min(), b.max()]])
        polygon = box
        levels = (normals @ box.T).max(axis=1)
        change = np.inf
        for iteration in range(1, max_iterations + 1):
            punishment = polygon.min(axis=0)
            candidates = []
            for payoff, best in zip(stage, deviation):
                floor = punishment + (1 - delta) / delta * (best - payoff)
                region = _clip(
                    _clip(polygon, np.array([-1.0, 0.0]), -floor[0]), np.array([0.0, -1.0]), -floor[1]
                )
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

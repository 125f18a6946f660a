# ruff: noqa: RUF009 - parameter() returns a dataclass field, like dataclasses.field
r"""The risk–return trade-off of a take-it-or-leave-it demand (Fearon 1995, §3; Powell 1999, ch. 3).

The coercer demands :math:`x`; the target, whose cost of war :math:`c_T` is private and drawn from
:math:`F`, accepts iff :math:`1 - x \ge 1 - p - c_T`, that is iff :math:`c_T \ge x - p`. War
therefore comes with probability :math:`F(x - p)`, and the coercer's expected utility is

.. math:: U_C(x) = x\,\bigl(1 - F(x - p)\bigr) + (p - c_C)\,F(x - p).

For :math:`c_T \sim U[\underline c, \bar c]` the first-order condition gives the interior demand
:math:`x^* = p + (\bar c - c_C)/2` with war probability
:math:`(\bar c - c_C - 2\underline c) / (2(\bar c - \underline c))`; the demand is clipped to the
**safe** demand :math:`p + \underline c` (no war) when that is larger, and to the most the
target can ever concede, :math:`\min(1, p + \bar c)`, when :math:`x^*` is beyond it
(:mod:`bargaining.crisis.specification` derives all three). For any other distribution the
optimum is found numerically by :func:`risk_return_demand`.

>>> from fractions import Fraction
>>> RiskReturn(power=Fraction(1, 2), cost_coercer=Fraction(1, 10),
...            target_cost_low=0, target_cost_high=Fraction(2, 5)).solve()
RiskReturnSolution(demand=Fraction(13, 20), war_probability=Fraction(3, 8), coercer_utility=Fraction(89, 160), regime='interior')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..core.arithmetic import constant
from ..core.errors import ConvergenceError, ParameterTypeError, ParameterValueError
from ..core.model import validated
from ..core.parameters import NONNEGATIVE, PROBABILITY, declared, parameter
from ..core.values import (
    Case,
    Kind,
    check_nonnegative,
    check_probability,
    kind_of,
    maximum,
    minimum,
    select,
    select_label,
)

__all__ = ["RiskReturn", "RiskReturnSolution", "risk_return_demand"]


def _uniform_cdf(kind: Kind, cost: Any, low: Any, high: Any) -> Any:
    """:math:`F(c)` for :math:`U[\\underline c, \\bar c]`, clipped to [0, 1]."""
    share = (cost - low) / (high - low)
    if kind == "array":  # one pass; + 0.0 turns -0.0 (from a negative share) into 0.0
        clipped = np.clip(share, 0.0, 1.0)
        clipped += 0.0
        return clipped
    zero, one = constant(kind, 0, share), constant(kind, 1, share)  # a float 0.0, never -0.0
    return minimum(kind, maximum(kind, share, zero), one)


@dataclass(frozen=True, slots=True)
class RiskReturnSolution:
    """The coercer's optimal demand, the war probability it accepts and its expected utility.

    ``regime`` is ``"safe"`` (no war risk), ``"interior"`` (the trade-off binds) or ``"capped"``
    (the demand is the most the target can ever concede); for symbolic inputs it is the tuple of
    :class:`~bargaining.core.values.Regime` with the condition under which each holds.

    >>> from fractions import Fraction
    >>> model = RiskReturn(Fraction(1, 2), Fraction(1, 10), 0, Fraction(2, 5))
    >>> model.solve().regime
    'interior'
    """

    demand: Any
    war_probability: Any
    coercer_utility: Any
    regime: Any


@dataclass(frozen=True, slots=True)
@declared
class RiskReturn:
    r"""A take-it-or-leave-it demand against a target whose cost of war is :math:`U[\underline c, \bar c]`.

    Parameters
    ----------
    power : probability
        The coercer's probability of winning, :math:`p`.
    cost_coercer : non-negative
        The coercer's cost of war, :math:`c_C`.
    target_cost_low, target_cost_high : non-negative, low < high
        The support of the target's private cost of war.

    >>> from fractions import Fraction
    >>> model = RiskReturn(Fraction(1, 2), Fraction(1, 10), 0, Fraction(2, 5))
    >>> model.solve()
    RiskReturnSolution(demand=Fraction(13, 20), war_probability=Fraction(3, 8), coercer_utility=Fraction(89, 160), regime='interior')
    """

    power: Any = parameter(PROBABILITY, "the coercer's probability of winning a war", "probability")
    cost_coercer: Any = parameter(NONNEGATIVE, "the coercer's cost of war", "utility (stake units)")
    target_cost_low: Any = parameter(
        NONNEGATIVE, "the least the target's war can cost it", "utility (stake units)"
    )
    target_cost_high: Any = parameter(
        NONNEGATIVE, "the most the target's war can cost it", "utility (stake units)", above="target_cost_low"
    )
    kind: Kind = field(init=False, repr=False, compare=False)

    def _with_demand(self, demand: Any) -> tuple[dict[str, Any], Kind]:
        """The model's fields and ``demand`` brought to one kind (a demand array on a scalar model
        gives arrays), the demand checked as a share."""
        names = ("power", "cost_coercer", "target_cost_low", "target_cost_high")
        return validated(
            {"demand": demand, **{name: getattr(self, name) for name in names}}, {"demand": check_probability}
        )

    def war_probability(self, demand: Any) -> Any:
        """:math:`F(x - p)`, the probability the target fights the demand ``demand``.

        >>> RiskReturn(0.5, 0.1, 0.0, 0.4).war_probability([0.4, 0.6, 1.0])
        array([0.  , 0.25, 1.  ])
        """
        v, kind = self._with_demand(demand)
        return _uniform_cdf(kind, v["demand"] - v["power"], v["target_cost_low"], v["target_cost_high"])

    def coercer_utility(self, demand: Any) -> Any:
        """:math:`U_C(x)`, the coercer's expected utility of demanding ``demand``.

        >>> from fractions import Fraction
        >>> model = RiskReturn(Fraction(1, 2), Fraction(1, 10), 0, Fraction(2, 5))
        >>> model.coercer_utility(Fraction(3, 5))
        Fraction(11, 20)
        """
        v, _ = self._with_demand(demand)
        war = self.war_probability(demand)
        return v["demand"] * (1 - war) + (v["power"] - v["cost_coercer"]) * war

    def _cases(self) -> list[Case]:
        p, low, high = self.power, self.target_cost_low, self.target_cost_high
        interior = p + (high - self.cost_coercer) / 2
        safe = p + low
        cap = minimum(self.kind, p + high, 1.0 if self.kind == "array" else constant(self.kind, 1, p))
        return [
            Case("safe", safe >= cap, cap),  # p + low >= 1: every type concedes the whole stake
            Case("safe", interior <= safe, safe),
            Case("capped", interior >= cap, cap),
            Case("interior", True, interior),
        ]

    def solve(self) -> RiskReturnSolution:
        """The optimal demand, clipped to the safe demand or the cap where the trade-off does not bind.

        >>> from fractions import Fraction
        >>> model = RiskReturn(Fraction(1, 2), Fraction(1, 10), 0, Fraction(2, 5))
        >>> model.solve().demand
        Fraction(13, 20)
        """
        cases = self._cases()
        demand = select(self.kind, cases)
        # the demand is built from the fields, so it already has their kind: no re-validation
        war = _uniform_cdf(self.kind, demand - self.power, self.target_cost_low, self.target_cost_high)
        return RiskReturnSolution(
            demand=demand,
            war_probability=war,
            coercer_utility=demand * (1 - war) + (self.power - self.cost_coercer) * war,
            regime=select_label(self.kind, cases),
        )


def risk_return_demand(
    power: float,
    cost_coercer: float,
    distribution: Any,
    *,
    grid_points: int = 2001,
    tolerance: float = 1e-10,
) -> RiskReturnSolution:
    """The optimal demand against a target cost with any ``scipy.stats`` distribution.

    A dense grid over the demands that can matter, :math:`[p, 1]`, locates the best region (so a
    multimodal utility does not trap a local search), and a bounded Brent search refines it.
    The refinement is checked: it must not be worse than the grid, or
    :class:`~bargaining.core.errors.ConvergenceError` is raised.

    >>> from scipy import stats
    >>> solution = risk_return_demand(0.5, 0.1, stats.uniform(loc=0.0, scale=0.4))
    >>> round(solution.demand, 6), round(solution.war_probability, 6)
    (0.65, 0.375)
    """
    for name, value in (("power", power), ("cost_coercer", cost_coercer)):
        if kind_of(name, value) not in ("exact", "float"):
            raise ParameterTypeError(name, "a real number", value)
    check_probability("power", float(power))
    check_nonnegative("cost_coercer", float(cost_coercer))
    p, c = float(power), float(cost_coercer)
    if not (hasattr(distribution, "cdf") and callable(distribution.cdf)):
        raise ParameterTypeError("distribution", "a scipy.stats distribution with a cdf", distribution)
    if grid_points < 3:
        raise ParameterValueError("grid_points", "at least 3", grid_points)

    def utility(demand: Any) -> Any:
        war = np.asarray(distribution.cdf(np.asarray(demand) - p), dtype=float)
        return demand * (1 - war) + (p - c) * war

    grid = np.linspace(p, 1.0, grid_points)
    values = utility(grid)
    if not np.all(np.isfinite(values)):
        raise ParameterValueError("distribution", "a distribution with a finite cdf", distribution)
    best = int(np.argmax(values))
    from scipy.optimize import minimize_scalar

    left, right = grid[max(best - 1, 0)], grid[min(best + 1, grid_points - 1)]
    result = minimize_scalar(
        lambda x: -float(utility(x)),
        bounds=(left, right),
        method="bounded",
        options={"xatol": tolerance},
    )
    if not result.success:  # pragma: no cover - bounded Brent on a bracket converges
        raise ConvergenceError(f"risk_return_demand: the bounded search failed: {result.message}")
    demand = float(result.x) if -result.fun >= values[best] else float(grid[best])
    war = float(distribution.cdf(demand - p))
    regime = "safe" if war == 0 else ("capped" if demand >= 1.0 - tolerance else "interior")
    return RiskReturnSolution(demand, war, float(utility(demand)), regime)

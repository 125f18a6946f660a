# ruff: noqa: RUF009 - parameter() returns a dataclass field, like dataclasses.field
r"""The bargaining range of a crisis (Fearon 1995), with concave utilities, optimism and first strikes.

Two sides divide a unit stake; a settlement :math:`x \in [0, 1]` is the coercer's share. War
gives the coercer the whole stake with probability :math:`p` (``power``) and costs the sides
:math:`c_C, c_T \ge 0` in utility units. With utilities :math:`u_C(x) = x^{r_C}` and
:math:`u_T(1 - x) = (1 - x)^{r_T}` (risk-neutral at :math:`r = 1`, risk-averse below), the
expected war payoffs are :math:`W_C = p - c_C` and :math:`W_T = 1 - p - c_T`, and the deals both
sides weakly prefer to war form the **bargaining range**

.. math:: \bigl[\max(W_C, 0)^{1/r_C},\; 1 - \max(W_T, 0)^{1/r_T}\bigr],

which is :math:`[p - c_C, p + c_T]` for risk-neutral sides. It is never empty under complete
information and common beliefs (Fearon 1995, §2); it *is* empty under **mutual optimism** exactly
when the sides' optimism :math:`p_C + q_T - 1` exceeds the total cost of war
:math:`c_C + c_T`, and under a **first-strike advantage** exactly when the advantage exceeds it.

>>> from fractions import Fraction
>>> Crisis(power=Fraction(1, 2), cost_coercer=Fraction(1, 10), cost_target=Fraction(1, 5)).bargaining_range()
BargainingRange(lower=Fraction(2, 5), upper=Fraction(7, 10))
>>> MutualOptimism(coercer_belief=Fraction(7, 10), target_belief=Fraction(3, 5),
...                cost_coercer=Fraction(1, 10), cost_target=Fraction(1, 10)).bargaining_range().is_empty
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..core.parameters import NONNEGATIVE, POSITIVE, PROBABILITY, declared, parameter
from ..core.types import Value
from ..core.values import Kind, check_probability, maximum, power

__all__ = ["BargainingRange", "Crisis", "FirstStrike", "MutualOptimism", "bargaining_range"]

_PROBABILITY = "probability"
_UTILITY = "utility (stake units)"


@dataclass(frozen=True, slots=True)
class BargainingRange:
    """The settlements :math:`x` (the coercer's share) both sides weakly prefer to war.

    >>> from fractions import Fraction
    >>> BargainingRange(Fraction(2, 5), Fraction(7, 10)).width
    Fraction(3, 10)
    """

    lower: Any
    upper: Any

    @property
    def width(self) -> Any:
        """``upper - lower``; negative when the range is empty.

        >>> from fractions import Fraction
        >>> BargainingRange(Fraction(2, 5), Fraction(7, 10)).width
        Fraction(3, 10)
        """
        return self.upper - self.lower

    @property
    def is_empty(self) -> Any:
        """Whether no settlement beats war for both (a bool, a bool array or a sympy relation).

        >>> from fractions import Fraction
        >>> BargainingRange(Fraction(3, 5), Fraction(1, 2)).is_empty
        True
        """
        return self.lower > self.upper

    def contains(self, settlement: Any) -> Any:
        """Whether ``settlement`` lies in the range (both sides weakly prefer it to war).

        >>> from fractions import Fraction
        >>> BargainingRange(Fraction(2, 5), Fraction(7, 10)).contains(Fraction(1, 2))
        True
        """
        return (self.lower <= settlement) & (settlement <= self.upper)


def bargaining_range(
    kind: Kind,
    war_coercer: Value,
    war_target: Value,
    risk_coercer: Value = None,
    risk_target: Value = None,
) -> BargainingRange:
    """The range from the two expected war payoffs (in utility) and the utility exponents
    (``None``: risk-neutral).

    >>> from fractions import Fraction
    >>> bargaining_range("exact", Fraction(2, 5), Fraction(3, 10))
    BargainingRange(lower=Fraction(2, 5), upper=Fraction(7, 10))
    """

    def inverse_utility(war: Any, risk: Any) -> Any:
        value = maximum(kind, war, 0 * war)
        return value if risk is None else power(kind, value, 1 / risk)

    return BargainingRange(
        inverse_utility(war_coercer, risk_coercer), 1 - inverse_utility(war_target, risk_target)
    )


@dataclass(frozen=True, slots=True)
@declared
class Crisis:
    r"""A crisis between a coercer and a target over a unit stake (Fearon 1995).

    Parameters
    ----------
    power : probability
        The coercer's probability of winning a war, :math:`p`.
    cost_coercer, cost_target : non-negative
        Each side's cost of war in utility units, :math:`c_C, c_T`.
    risk_coercer, risk_target : positive
        Exponents of the utilities :math:`x^{r}`: 1 is risk-neutral, below 1 risk-averse.

    Examples
    --------
    Risk aversion widens the range (Fearon 1995, p. 388):

    >>> from fractions import Fraction
    >>> Crisis(Fraction(1, 2), Fraction(1, 10), Fraction(1, 10),
    ...        risk_target=Fraction(1, 2)).bargaining_range()
    BargainingRange(lower=Fraction(2, 5), upper=Fraction(21, 25))
    """

    power: Any = parameter(PROBABILITY, "the coercer's probability of winning a war", _PROBABILITY)
    cost_coercer: Any = parameter(NONNEGATIVE, "the coercer's cost of war", _UTILITY, default=0)
    cost_target: Any = parameter(NONNEGATIVE, "the target's cost of war", _UTILITY, default=0)
    risk_coercer: Any = parameter(POSITIVE, "the coercer's utility exponent (1: risk-neutral)", default=1)
    risk_target: Any = parameter(POSITIVE, "the target's utility exponent (1: risk-neutral)", default=1)
    kind: Kind = field(init=False, repr=False, compare=False)

    @property
    def war_payoffs(self) -> tuple[Any, Any]:
        """Expected utility of war to the coercer and to the target, :math:`(W_C, W_T)`.

        >>> from fractions import Fraction
        >>> Crisis(Fraction(1, 2), Fraction(1, 10), Fraction(1, 5)).war_payoffs
        (Fraction(2, 5), Fraction(3, 10))
        """
        return self.power - self.cost_coercer, 1 - self.power - self.cost_target

    def bargaining_range(self) -> BargainingRange:
        """The deals both sides weakly prefer to war.

        >>> from fractions import Fraction
        >>> Crisis(Fraction(1, 2), Fraction(1, 10), Fraction(1, 5)).bargaining_range()
        BargainingRange(lower=Fraction(2, 5), upper=Fraction(7, 10))
        """
        war_coercer, war_target = self.war_payoffs
        return bargaining_range(self.kind, war_coercer, war_target, self.risk_coercer, self.risk_target)


@dataclass(frozen=True, slots=True)
@declared
class MutualOptimism:
    r"""A crisis in which each side holds its own belief that it wins (non-common priors).

    The coercer believes it wins with probability :math:`p_C` (``coercer_belief``), the target that
    *it* wins with :math:`q_T` (``target_belief``). Optimism is :math:`p_C + q_T - 1`: positive when
    the beliefs cannot both be right. The range is :math:`[p_C - c_C, 1 - q_T + c_T]`.

    >>> from fractions import Fraction
    >>> MutualOptimism(Fraction(3, 5), Fraction(3, 5), Fraction(1, 20), Fraction(1, 20)).bargaining_range().is_empty
    True
    """

    coercer_belief: Any = parameter(PROBABILITY, "the coercer's belief that it wins a war", _PROBABILITY)
    target_belief: Any = parameter(PROBABILITY, "the target's belief that it wins a war", _PROBABILITY)
    cost_coercer: Any = parameter(NONNEGATIVE, "the coercer's cost of war", _UTILITY, default=0)
    cost_target: Any = parameter(NONNEGATIVE, "the target's cost of war", _UTILITY, default=0)
    kind: Kind = field(init=False, repr=False, compare=False)

    @property
    def optimism(self) -> Any:
        """:math:`p_C + q_T - 1`, how far the two beliefs over-promise victory.

        >>> from fractions import Fraction
        >>> MutualOptimism(Fraction(3, 5), Fraction(3, 5), Fraction(1, 20), Fraction(1, 20)).optimism
        Fraction(1, 5)
        """
        return self.coercer_belief + self.target_belief - 1

    def bargaining_range(self) -> BargainingRange:
        """The deals both sides, each by its own belief, weakly prefer to war.

        >>> from fractions import Fraction
        >>> MutualOptimism(Fraction(3, 5), Fraction(1, 2), Fraction(1, 10), Fraction(1, 10)).bargaining_range()
        BargainingRange(lower=Fraction(1, 2), upper=Fraction(3, 5))
        """
        war_coercer = self.coercer_belief - self.cost_coercer
        war_target = self.target_belief - self.cost_target
        return bargaining_range(self.kind, war_coercer, war_target)


@dataclass(frozen=True, slots=True)
@declared
class FirstStrike:
    r"""A crisis where striking first pays (Fearon 1995, "preemptive war").

    The coercer wins with :math:`p + f_C` if it strikes first and with :math:`p - f_T` if the target
    does. Each side compares a deal with striking first, so the range is
    :math:`[p + f_C - c_C,\; p - f_T + c_T]`, empty exactly when :math:`f_C + f_T > c_C + c_T`.

    >>> from fractions import Fraction
    >>> FirstStrike(Fraction(1, 2), Fraction(1, 10), Fraction(1, 10), Fraction(1, 20), Fraction(1, 20)).bargaining_range()
    BargainingRange(lower=Fraction(11, 20), upper=Fraction(9, 20))
    """

    power: Any = parameter(PROBABILITY, "the coercer's probability of winning a war", _PROBABILITY)
    advantage_coercer: Any = parameter(
        NONNEGATIVE, "the rise in the coercer's chance of winning when it strikes first", _PROBABILITY
    )
    advantage_target: Any = parameter(
        NONNEGATIVE, "the fall in the coercer's chance of winning when the target strikes first", _PROBABILITY
    )
    cost_coercer: Any = parameter(NONNEGATIVE, "the coercer's cost of war", _UTILITY, default=0)
    cost_target: Any = parameter(NONNEGATIVE, "the target's cost of war", _UTILITY, default=0)
    kind: Kind = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        check_probability("power + advantage_coercer", self.power + self.advantage_coercer)
        check_probability("power - advantage_target", self.power - self.advantage_target)

    def bargaining_range(self) -> BargainingRange:
        """The deals both sides prefer to striking first.

        >>> from fractions import Fraction
        >>> FirstStrike(Fraction(1, 2), Fraction(1, 5), Fraction(1, 5), Fraction(1, 20), Fraction(1, 20)).bargaining_range().is_empty
        True
        """
        war_coercer = self.power + self.advantage_coercer - self.cost_coercer
        war_target = 1 - (self.power - self.advantage_target) - self.cost_target
        return bargaining_range(self.kind, war_coercer, war_target)

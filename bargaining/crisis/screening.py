# ruff: noqa: RUF009 - parameter() returns a dataclass field, like dataclasses.field
r"""Two-type screening: a tough or a soft demand against a target of unknown resolve (Fearon 1995).

The target is *tough* (cost of war :math:`c_L`) with probability :math:`\pi` and *soft*
(:math:`c_H > c_L`) otherwise. The coercer either makes the **soft demand** :math:`p + c_L`, which
both types accept, or the **tough demand** :math:`p + c_H` (at most 1), which only the soft type
accepts, so that war comes with probability :math:`\pi`. Comparing the two expected utilities
(derived in :mod:`bargaining.crisis.specification`), the tough demand pays iff

.. math:: \pi < \pi^* = \frac{\bar x - p - c_L}{\bar x - p + c_C}, \qquad \bar x = \min(1, p + c_H).

>>> from fractions import Fraction
>>> Screening(power=Fraction(1, 2), cost_coercer=Fraction(1, 10), cost_tough=Fraction(1, 10),
...           cost_soft=Fraction(3, 10), prior_tough=Fraction(1, 4)).solve()
ScreeningSolution(demand=Fraction(4, 5), war_probability=Fraction(1, 4), coercer_utility=Fraction(7, 10), cutoff=Fraction(1, 2), regime='tough demand')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..core.arithmetic import constant
from ..core.parameters import NONNEGATIVE, PROBABILITY, declared, parameter
from ..core.values import Case, Kind, minimum, ratio, select_each, select_label

__all__ = ["Screening", "ScreeningSolution"]


@dataclass(frozen=True, slots=True)
class ScreeningSolution:
    """The coercer's demand against two types, the war it risks, and the prior cut-off.

    >>> from fractions import Fraction
    >>> model = Screening(Fraction(1, 2), Fraction(1, 10), Fraction(1, 10), Fraction(3, 10), Fraction(1, 4))
    >>> model.solve().cutoff
    Fraction(1, 2)
    """

    demand: Any
    war_probability: Any
    coercer_utility: Any
    cutoff: Any
    regime: Any


@dataclass(frozen=True, slots=True)
@declared
class Screening:
    """A take-it-or-leave-it demand against a target that is tough with probability ``prior_tough``.

    Parameters
    ----------
    power : probability
        The coercer's probability of winning, :math:`p`.
    cost_coercer : non-negative
        The coercer's cost of war, :math:`c_C`.
    cost_tough, cost_soft : non-negative, tough < soft
        The tough and the soft target's cost of war, :math:`c_L < c_H`.
    prior_tough : probability
        The prior probability :math:`\\pi` that the target is tough.

    >>> from fractions import Fraction
    >>> model = Screening(Fraction(1, 2), Fraction(1, 10), Fraction(1, 10), Fraction(3, 10), Fraction(1, 4))
    >>> model.solve()
    ScreeningSolution(demand=Fraction(4, 5), war_probability=Fraction(1, 4), coercer_utility=Fraction(7, 10), cutoff=Fraction(1, 2), regime='tough demand')
    """

    power: Any = parameter(PROBABILITY, "the coercer's probability of winning a war", "probability")
    cost_coercer: Any = parameter(NONNEGATIVE, "the coercer's cost of war", "utility (stake units)")
    cost_tough: Any = parameter(NONNEGATIVE, "the tough target's cost of war", "utility (stake units)")
    cost_soft: Any = parameter(
        NONNEGATIVE, "the soft target's cost of war", "utility (stake units)", above="cost_tough"
    )
    prior_tough: Any = parameter(PROBABILITY, "the prior probability that the target is tough", "probability")
    kind: Kind = field(init=False, repr=False, compare=False)

    def solve(self) -> ScreeningSolution:
        """The better of the soft and the tough demand (the soft one when they tie).

        >>> from fractions import Fraction
        >>> model = Screening(Fraction(1, 2), Fraction(1, 10), Fraction(1, 10), Fraction(3, 10), Fraction(1, 4))
        >>> model.solve().demand
        Fraction(4, 5)
        """
        p, prior = self.power, self.prior_tough
        one = constant(self.kind, 1, p)
        soft_demand = minimum(self.kind, p + self.cost_tough, one)
        tough_demand = minimum(self.kind, p + self.cost_soft, one)
        war_value = p - self.cost_coercer
        tough_utility = (1 - prior) * tough_demand + prior * war_value
        gain, risk = tough_demand - soft_demand, tough_demand - war_value
        # risk = 0 only at power 1 with a costless war, where both demands are the whole stake.
        cutoff = ratio(self.kind, gain, risk)
        cases = [
            Case(
                "soft demand",
                tough_utility <= soft_demand,
                (soft_demand, constant(self.kind, 0, prior), soft_demand),
            ),
            Case("tough demand", True, (tough_demand, prior, tough_utility)),
        ]
        demand, war, utility = select_each(self.kind, cases)
        return ScreeningSolution(demand, war, utility, cutoff, select_label(self.kind, cases))

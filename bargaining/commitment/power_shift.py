# ruff: noqa: RUF009 - parameter() returns a dataclass field, like dataclasses.field
r"""A one-time shift in power (Powell 2006): the closed-form special case of a power path.

:class:`~bargaining.commitment.power_path.PowerPath` takes any path (and uses this model for each
step of an array path); :class:`PowerShift` is the path that jumps once, from ``power_before`` to
``power_after`` for ever, with its peaceful range in closed form.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..core.parameters import DISCOUNT, NONNEGATIVE, PROBABILITY, declared, parameter
from ..core.values import Kind

__all__ = ["PowerShift"]

_COST_MEANING = "the {}'s per-period cost of war"
_ONCE_MEANING = "the {}'s one-time cost of starting a war"
_FLOW = "one period's flow"


@dataclass(frozen=True, slots=True)
@declared
class PowerShift:
    r"""A one-time shift in power (Powell 2006): :math:`p_0` = ``power_before``, then ``power_after`` for ever.

    Peace holds iff neither side's war value now exceeds what is left after the other side has
    been promised its war value from the next period on (derived in
    :func:`~bargaining.commitment.specification.derive_power_shift`):

    .. math:: \delta\,(p_1 - \kappa_C) \le p_0 + \kappa_T, \qquad
              \delta\,(1 - p_1 - \kappa_T) \le 1 - p_0 + \kappa_C .

    Examples
    --------
    >>> from fractions import Fraction
    >>> PowerShift(Fraction(1, 2), Fraction(9, 10), Fraction(9, 10), Fraction(1, 20), Fraction(1, 20)).peaceful_range()
    (Fraction(61, 180), Fraction(119, 180))
    """

    power_before: Any = parameter(
        PROBABILITY, "the coercer's probability of winning before the shift", "probability"
    )
    power_after: Any = parameter(
        PROBABILITY, "the coercer's probability of winning after the shift", "probability"
    )
    discount: Any = parameter(DISCOUNT, "the per-period discount factor")
    cost_coercer: Any = parameter(NONNEGATIVE, _COST_MEANING.format("coercer"), _FLOW, default=0)
    cost_target: Any = parameter(NONNEGATIVE, _COST_MEANING.format("target"), _FLOW, default=0)
    one_time_cost_coercer: Any = parameter(NONNEGATIVE, _ONCE_MEANING.format("coercer"), _FLOW, default=0)
    one_time_cost_target: Any = parameter(NONNEGATIVE, _ONCE_MEANING.format("target"), _FLOW, default=0)
    kind: Kind = field(init=False, repr=False, compare=False)

    def peaceful_range(self) -> tuple[Any, Any]:
        """The lowest and highest ``power_after`` compatible with peace (they may lie outside [0, 1]).

        >>> from fractions import Fraction
        >>> PowerShift(Fraction(1, 2), Fraction(3, 5), Fraction(9, 10), Fraction(1, 20), Fraction(1, 20)).peaceful_range()
        (Fraction(61, 180), Fraction(119, 180))
        """
        delta, before = self.discount, self.power_before
        cost_c = self.cost_coercer + (1 - delta) * self.one_time_cost_coercer
        cost_t = self.cost_target + (1 - delta) * self.one_time_cost_target
        highest = (before + cost_t) / delta + cost_c
        lowest = 1 - cost_t - (1 - before + cost_c) / delta
        return lowest, highest

    def is_peaceful(self) -> Any:
        """Whether the shift leaves room for peace (a bool, a bool array or a sympy relation).

        >>> PowerShift(0.5, 0.55, 0.9, 0.05, 0.05).is_peaceful()
        True
        """
        lowest, highest = self.peaceful_range()
        if self.kind == "symbolic":
            import sympy

            return sympy.And(sympy.Ge(self.power_after, lowest), sympy.Le(self.power_after, highest))
        return (lowest <= self.power_after) & (self.power_after <= highest)

r"""Renewed demands and assurance: George's "lower the temperature" (Schelling 1966; Sechser 2010).

**Setting.** Each period the coercer demands the share :math:`x` of that period's flow and
threatens war. The target resists (war, worth :math:`W = 1 - p - c_T` to it in normalised units)
or complies. After each compliance the coercer turns out to have limited aims with probability
:math:`a` (``assurance``) and asks nothing more, so the target keeps the whole flow for ever;
otherwise it repeats the demand next period. The problem is stationary, so the target either
complies every time or resists at once; complying is worth
(:func:`~bargaining.commitment.specification.derive_renewed_demands`)

.. math:: V(x) = \frac{(1 - \delta)(1 - x) + \delta a}{1 - \delta (1 - a)},

and the most the coercer can compel solves :math:`V(x) = W`:

.. math:: x^* = \min\Bigl(1,\; (p + c_T)\,\frac{1 - \delta + \delta a}{1 - \delta}\Bigr).

With no assurance (:math:`a = 0`) it is Fearon's upper end of the bargaining range,
:math:`p + c_T`; credible assurance raises it, the more so the more patient the target.

>>> from fractions import Fraction
>>> RenewedDemands(assurance=Fraction(1, 2), discount=Fraction(4, 5), power=Fraction(1, 10),
...                cost_target=Fraction(1, 10)).most_compellable()
Fraction(3, 5)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..core.model import settle, validated
from ..core.values import (
    Case,
    Kind,
    at_least,
    check_discount,
    check_nonnegative,
    check_probability,
    select,
    select_label,
)

__all__ = ["RenewedDemands"]


@dataclass(frozen=True, slots=True)
class RenewedDemands:
    r"""A demand repeated every period unless the coercer turns out to have limited aims.

    Parameters
    ----------
    assurance : probability
        The chance :math:`a` that, after a compliance, the coercer asks nothing more.
    discount : discount factor
        The target's patience :math:`\delta`.
    power : probability
        The coercer's probability of winning the war a resistance brings, :math:`p`.
    cost_target : non-negative
        The target's per-period cost of that war, :math:`c_T`.

    Examples
    --------
    Without assurance the most that can be compelled is Fearon's (1995, p. 387) :math:`p + c_T`:

    >>> from fractions import Fraction
    >>> RenewedDemands(0, Fraction(9, 10), Fraction(1, 2), Fraction(1, 10)).most_compellable()
    Fraction(3, 5)
    """

    assurance: Any
    discount: Any
    power: Any
    cost_target: Any = 0
    kind: Kind = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        settle(
            self,
            {
                "assurance": check_probability,
                "discount": check_discount,
                "power": check_probability,
                "cost_target": check_nonnegative,
            },
        )

    @property
    def resistance_value(self) -> Any:
        """The target's normalised value of resisting (war), :math:`W = 1 - p - c_T`."""
        return 1 - self.power - self.cost_target

    def compliance_value(self, demand: Any) -> Any:
        """The target's normalised value of complying with ``demand`` every time it is made."""
        values, _ = validated({"demand": demand, "discount": self.discount}, {"demand": check_probability})
        x, delta, a = values["demand"], self.discount, self.assurance
        return ((1 - delta) * (1 - x) + delta * a) / (1 - delta * (1 - a))

    def complies(self, demand: Any) -> Any:
        """Whether the target complies with ``demand`` (it does when indifferent).

        >>> RenewedDemands(0.5, 0.8, 0.1, 0.1).complies(0.7)
        False
        """
        return at_least(self.kind, self.compliance_value(demand), self.resistance_value)

    def _cases(self) -> list[Case]:
        delta = self.discount
        interior = (self.power + self.cost_target) * (1 - delta + delta * self.assurance) / (1 - delta)
        return [Case("interior", interior <= 1, interior), Case("whole flow", True, 0 * interior + 1)]

    def most_compellable(self) -> Any:
        """The largest demand the target complies with (at most the whole flow)."""
        return select(self.kind, self._cases())

    def regime(self) -> Any:
        """``"interior"`` or ``"whole flow"`` (for symbols, the regimes with their conditions)."""
        return select_label(self.kind, self._cases())

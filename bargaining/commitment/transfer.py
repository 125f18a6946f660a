# ruff: noqa: RUF009 - parameter() returns a dataclass field, like dataclasses.field
r"""Bargaining over an object that shifts power: the Budapest Memorandum (Fearon 1995; Powell 2006).

**Setting.** The target holds an asset (in 1994, Ukraine's nuclear arsenal) that keeps the
coercer's power at :math:`p`. Giving it up raises the coercer's power to :math:`p + \Delta`
(``shift``) after ``delay`` periods, for ever. Each period the sides split the flow from their war
values, the target taking the share :math:`\beta` (``bargaining_weight``) of the surplus:

.. math:: v_T(q) = w_T(q) + \beta\,\bigl(1 - w_C(q) - w_T(q)\bigr), \qquad
          w_C = q - c_C - G, \quad w_T = 1 - q - c_T,

where a guarantee can act in three ways after the transfer (war values are assumed positive, the
interior of the range):

- a **penalty** :math:`G` (``guarantee``) a third party would impose on the coercer if it attacked,
  which lowers the coercer's war value, :math:`w_C = q - c_C - G`, and so helps the target only
  through its bargaining weight :math:`\beta`;
- **support** :math:`\sigma` (``support``): the guarantor fights beside the target, raising its war
  value per period, :math:`w_T = 1 - q - c_T + \sigma`;
- a **cap** :math:`\kappa` (``demand_cap``) on what the coercer may take per period, enforced by the
  guarantor, so the target keeps at least :math:`1 - \kappa` (the Budapest Memorandum's pledge to
  respect the borders is a cap at the terms of 1994).
No promise of future compensation is credible, since the terms are renegotiated from the new
power every period; only an **up-front** payment or an enforced guarantee can pay for the object.
The target's loss from the transfer, in normalised units
(:func:`~bargaining.commitment.specification.derive_power_transfer`), is

.. math:: L = \delta^{d}\,\bigl(v_T(p) - \max(v_T(p + \Delta),\, 1 - \kappa)\bigr)
          = \delta^{d}\,\bigl(\Delta - \beta G - (1 - \beta)\,\sigma\bigr) \text{ while the cap is slack},

and the up-front compensation it needs is :math:`\max(0, L)`. Each instrument alone makes the
transfer acceptable without compensation at: the penalty :math:`G^* = \Delta/\beta` (none suffices
against a dominant coercer, :math:`\beta = 0`: a penalty on its war changes nothing it concedes);
the support :math:`\sigma^* = \Delta/(1 - \beta)`, which suffices for a dominant coercer; and the
cap :math:`\kappa^* = 1 - v_T(p)`, the coercer's share before the transfer, which always suffices.

>>> from fractions import Fraction
>>> budapest = PowerTransfer(power=Fraction(1, 2), shift=Fraction(1, 5), discount=Fraction(9, 10),
...                          delay=2, bargaining_weight=Fraction(1, 2))
>>> budapest.target_loss(), budapest.minimal_guarantee()
(Fraction(81, 500), Fraction(2, 5))
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..core.parameters import DISCOUNT, NONNEGATIVE, PROBABILITY, declared, parameter
from ..core.values import (
    Case,
    Kind,
    at_least,
    check_probability,
    maximum,
    power,
    ratio,
    select,
    some,
)

__all__ = ["PowerTransfer"]


@dataclass(frozen=True, slots=True)
@declared
class PowerTransfer:
    r"""Giving up an asset that raises the other side's future power.

    Parameters
    ----------
    power : probability
        The coercer's power while the target keeps the asset, :math:`p`.
    shift : non-negative
        How much the transfer raises it, :math:`\Delta` (with :math:`p + \Delta \le 1`).
    discount : discount factor
        :math:`\delta`.
    delay : non-negative
        Periods :math:`d` before the shift takes effect (dismantling takes time).
    bargaining_weight : probability
        The target's share :math:`\beta` of each period's surplus over the war values.
    cost_coercer, cost_target : non-negative
        Per-period costs of war.
    guarantee : non-negative
        A third party's per-period penalty on the coercer if it attacks after the transfer.
    support : non-negative
        What a guarantor's help adds to the target's per-period war value after the transfer.
    demand_cap : probability
        The most the coercer may take per period after the transfer, enforced by a guarantor
        (1: no cap).

    Examples
    --------
    When the coercer dictates the terms (:math:`\beta = 0`) the target loses the whole discounted
    shift, and only up-front compensation can pay for the transfer:

    >>> from fractions import Fraction
    >>> dominant = PowerTransfer(Fraction(1, 2), Fraction(1, 5), Fraction(9, 10))
    >>> dominant.compensation(), dominant.minimal_guarantee()
    (Fraction(1, 5), inf)

    Support or a cap on the demand suffices where a penalty cannot:

    >>> dominant.minimal_support(), dominant.sufficient_cap()
    (Fraction(1, 5), Fraction(1, 2))
    """

    power: Any = parameter(PROBABILITY, "the coercer's power while the target keeps the asset", "probability")
    shift: Any = parameter(
        NONNEGATIVE, "how much the transfer raises the coercer's power (power + shift at most 1)"
    )
    discount: Any = parameter(DISCOUNT, "the per-period discount factor")
    delay: Any = parameter(
        NONNEGATIVE, "periods d before the shift takes effect (dismantling takes time)", default=0
    )
    bargaining_weight: Any = parameter(
        PROBABILITY,
        "the target's share beta of each period's surplus over the war values",
        "probability",
        default=0,
    )
    cost_coercer: Any = parameter(NONNEGATIVE, "the coercer's per-period cost of war", default=0)
    cost_target: Any = parameter(NONNEGATIVE, "the target's per-period cost of war", default=0)
    guarantee: Any = parameter(
        NONNEGATIVE,
        "a third party's per-period penalty on the coercer if it attacks after the transfer",
        default=0,
    )
    support: Any = parameter(
        NONNEGATIVE,
        "what a guarantor's help adds to the target's per-period war value after the transfer",
        default=0,
    )
    demand_cap: Any = parameter(
        PROBABILITY,
        "the most the coercer may take per period after the transfer, enforced by a guarantor (1: no cap)",
        "probability",
        default=1,
    )
    kind: Kind = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        check_probability("power + shift", self.power + self.shift)

    def target_value(self, transferred: bool) -> Any:
        """The target's normalised per-period value before (``False``) or after (``True``) the transfer.

        >>> from fractions import Fraction
        >>> budapest = PowerTransfer(power=Fraction(1, 2), shift=Fraction(1, 5), discount=Fraction(9, 10), delay=2, bargaining_weight=Fraction(1, 2))
        >>> budapest.target_value(True), budapest.target_value(False)
        (Fraction(3, 10), Fraction(1, 2))
        """
        if not transferred:
            war_c, war_t = self.power - self.cost_coercer, 1 - self.power - self.cost_target
            return war_t + self.bargaining_weight * (1 - war_c - war_t)
        power = self.power + self.shift
        war_c = power - self.cost_coercer - self.guarantee
        war_t = 1 - power - self.cost_target + self.support
        bargained = war_t + self.bargaining_weight * (1 - war_c - war_t)
        return maximum(self.kind, bargained, 1 - self.demand_cap)

    def target_loss(self) -> Any:
        """The discounted fall in the target's value from giving the asset up (negative: a gain).

        >>> from fractions import Fraction
        >>> budapest = PowerTransfer(power=Fraction(1, 2), shift=Fraction(1, 5), discount=Fraction(9, 10), delay=2, bargaining_weight=Fraction(1, 2))
        >>> budapest.target_loss()
        Fraction(81, 500)
        """
        # a fractional delay keeps an exact discount exact (an algebraic number, not a float)
        return power(self.kind, self.discount, self.delay) * (
            self.target_value(False) - self.target_value(True)
        )

    def compensation(self) -> Any:
        """The up-front payment that makes the transfer acceptable to the target.

        >>> from fractions import Fraction
        >>> budapest = PowerTransfer(power=Fraction(1, 2), shift=Fraction(1, 5), discount=Fraction(9, 10), delay=2, bargaining_weight=Fraction(1, 2))
        >>> budapest.compensation()
        Fraction(81, 500)
        """
        loss = self.target_loss()
        return maximum(self.kind, loss, 0 * loss)

    def is_acceptable(self, compensation: Any = 0) -> Any:
        """Whether the target gives the asset up for ``compensation`` paid up front.

        >>> from fractions import Fraction
        >>> budapest = PowerTransfer(power=Fraction(1, 2), shift=Fraction(1, 5), discount=Fraction(9, 10), delay=2, bargaining_weight=Fraction(1, 2))
        >>> budapest.is_acceptable(), budapest.is_acceptable(budapest.compensation())
        (False, True)
        """
        return at_least(self.kind, compensation, self.target_loss())

    def _capped(self) -> Any:
        """Whether the cap alone already leaves the target its value before the transfer."""
        return at_least(self.kind, 1 - self.demand_cap, self.target_value(False))

    @property
    def _never(self) -> Any:
        """Infinity of this kind: no finite penalty or support suffices."""
        if self.kind == "symbolic":
            import sympy

            return sympy.oo
        return np.inf if self.kind == "array" else math.inf

    def minimal_guarantee(self) -> Any:
        """The least penalty that makes the transfer acceptable without compensation (given the
        support and the cap).

        ``inf`` when the target has no bargaining power and a shortfall remains: a penalty on the
        coercer's war then changes nothing the target receives.

        >>> from fractions import Fraction
        >>> budapest = PowerTransfer(power=Fraction(1, 2), shift=Fraction(1, 5), discount=Fraction(9, 10), delay=2, bargaining_weight=Fraction(1, 2))
        >>> budapest.minimal_guarantee()
        Fraction(2, 5)
        """
        beta = self.bargaining_weight
        shortfall = self.shift - (1 - beta) * self.support
        return select(
            self.kind,
            [
                Case("no shortfall", some(self.kind, shortfall <= 0, self._capped()), 0 * shortfall),
                Case("no bargaining power", beta <= 0, 0 * shortfall + self._never),
                Case("guarantee", True, ratio(self.kind, shortfall, beta)),
            ],
        )

    def minimal_support(self) -> Any:
        r"""The least support (added to the target's war value) that makes the transfer acceptable
        without compensation (given the penalty and the cap): :math:`(\Delta - \beta G)/(1 - \beta)`.

        ``inf`` when the target takes the whole surplus (:math:`\beta = 1`) and a shortfall
        remains: its value then does not depend on its own war value.

        >>> from fractions import Fraction
        >>> PowerTransfer(Fraction(1, 2), Fraction(1, 5), Fraction(9, 10), bargaining_weight=Fraction(1, 2),
        ...               guarantee=Fraction(1, 5)).minimal_support()
        Fraction(1, 5)
        """
        beta = self.bargaining_weight
        shortfall = self.shift - beta * self.guarantee
        return select(
            self.kind,
            [
                Case("no shortfall", some(self.kind, shortfall <= 0, self._capped()), 0 * shortfall),
                Case("whole surplus", beta >= 1, 0 * shortfall + self._never),
                Case("support", True, ratio(self.kind, shortfall, 1 - beta)),
            ],
        )

    def sufficient_cap(self) -> Any:
        """The largest cap on the coercer's per-period take that makes the transfer acceptable
        without compensation: its share before the transfer, :math:`1 - v_T(p)` (the terms frozen).

        >>> from fractions import Fraction
        >>> budapest = PowerTransfer(power=Fraction(1, 2), shift=Fraction(1, 5), discount=Fraction(9, 10), delay=2, bargaining_weight=Fraction(1, 2))
        >>> budapest.sufficient_cap()
        Fraction(1, 2)
        """
        return 1 - self.target_value(False)

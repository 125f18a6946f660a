r"""Bargaining over an object that shifts power: the Budapest Memorandum (Fearon 1995; Powell 2006).

**Setting.** The target holds an asset (in 1994, Ukraine's nuclear arsenal) that keeps the
coercer's power at :math:`p`. Giving it up raises the coercer's power to :math:`p + \Delta`
(``shift``) after ``delay`` periods, for ever. Each period the sides split the flow from their war
values, the target taking the share :math:`\beta` (``bargaining_weight``) of the surplus:

.. math:: v_T(q) = w_T(q) + \beta\,\bigl(1 - w_C(q) - w_T(q)\bigr), \qquad
          w_C = q - c_C - G, \quad w_T = 1 - q - c_T,

where a **guarantee** :math:`G` is a per-period penalty a third party would impose on the coercer
if it attacked after the transfer (war values are assumed positive, the interior of the range).
No promise of future compensation is credible, since the terms are renegotiated from the new
power every period; only an **up-front** payment or an enforced guarantee can pay for the object.
The target's loss from the transfer, in normalised units
(:func:`~bargaining.commitment.specification.derive_power_transfer`), is

.. math:: L = \delta^{d}\,(\Delta - \beta G),

the up-front compensation it needs is :math:`\max(0, L)`, and the guarantee that makes the transfer
acceptable without compensation is :math:`G^* = \Delta/\beta` (none suffices when the target has no
bargaining power, :math:`\beta = 0`).

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

from ..core.model import settle
from ..core.values import (
    Case,
    Kind,
    at_least,
    check_discount,
    check_nonnegative,
    check_probability,
    maximum,
    ratio,
    select,
)

__all__ = ["PowerTransfer"]


@dataclass(frozen=True, slots=True)
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

    Examples
    --------
    When the coercer dictates the terms (:math:`\beta = 0`) the target loses the whole discounted
    shift, and only up-front compensation can pay for the transfer:

    >>> from fractions import Fraction
    >>> PowerTransfer(Fraction(1, 2), Fraction(1, 5), Fraction(9, 10)).compensation()
    Fraction(1, 5)
    """

    power: Any
    shift: Any
    discount: Any
    delay: Any = 0
    bargaining_weight: Any = 0
    cost_coercer: Any = 0
    cost_target: Any = 0
    guarantee: Any = 0
    kind: Kind = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        settle(
            self,
            {
                "power": check_probability,
                "shift": check_nonnegative,
                "discount": check_discount,
                "delay": check_nonnegative,
                "bargaining_weight": check_probability,
                "cost_coercer": check_nonnegative,
                "cost_target": check_nonnegative,
                "guarantee": check_nonnegative,
            },
        )
        check_probability("power + shift", self.power + self.shift)

    def target_value(self, transferred: bool) -> Any:
        """The target's normalised per-period value before (``False``) or after (``True``) the transfer."""
        power = self.power + self.shift if transferred else self.power
        penalty = self.guarantee if transferred else 0 * self.guarantee
        war_c, war_t = power - self.cost_coercer - penalty, 1 - power - self.cost_target
        return war_t + self.bargaining_weight * (1 - war_c - war_t)

    def target_loss(self) -> Any:
        """The discounted fall in the target's value from giving the asset up (negative: a gain)."""
        return self.discount**self.delay * (self.target_value(False) - self.target_value(True))

    def compensation(self) -> Any:
        """The up-front payment that makes the transfer acceptable to the target."""
        loss = self.target_loss()
        return maximum(self.kind, loss, 0 * loss)

    def is_acceptable(self, compensation: Any = 0) -> Any:
        """Whether the target gives the asset up for ``compensation`` paid up front."""
        return at_least(self.kind, compensation, self.target_loss())

    def minimal_guarantee(self) -> Any:
        """The least guarantee that makes the transfer acceptable without compensation.

        ``inf`` when the target has no bargaining power and the shift is positive: a penalty on
        the coercer's war then changes nothing the target receives.
        """
        beta, shift = self.bargaining_weight, self.shift
        if self.kind == "symbolic":
            return shift / beta
        never = math.inf if self.kind != "array" else np.inf
        return select(
            self.kind,
            [
                Case("no shift", shift <= 0, 0 * shift),
                Case("no bargaining power", beta <= 0, 0 * shift + never),
                Case("guarantee", True, ratio(self.kind, shift, beta)),
            ],
        )

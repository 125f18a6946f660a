# ruff: noqa: RUF009 - parameter() returns a dataclass field, like dataclasses.field
r"""Renewed demands and assurance: George's "lower the temperature" (Schelling 1966; Sechser 2010).

**Setting.** The target holds a flow of 1 per period. The coercer demands the share :math:`x` of
what the target holds, for good: a permanent revision, worth :math:`x` in present value (the
normalised :math:`(1 - \delta)\sum_t \delta^t u_t`, Fearon's unit). The target complies or resists;
resisting is a war over what it still holds :math:`h`, worth :math:`W h` with
:math:`W = 1 - p - c_T` (the war's odds and costs in proportion to the stake it is fought over).
The coercer's type is drawn **once**: with probability :math:`a` (``assurance``) it has limited
aims and, once complied with, asks nothing more; otherwise it repeats the demand (the share
:math:`x` of what is left) in every period after every compliance. The target learns which when
the demand is (or is not) renewed.

Facing a coercer known to renew its demand, every value scales with what the target holds, so
it either complies for ever, worth :math:`r(x) = (1 - \delta)(1 - x)/(1 - \delta(1 - x))` per unit
held, or resists at once, worth :math:`W`. Complying with the first demand is therefore worth
(:func:`~bargaining.commitment.specification.derive_renewed_demands`)

.. math:: V(x) = (1 - x)\,\bigl[a + (1 - a)\,\bigl(1 - \delta + \delta \max(W, r(x))\bigr)\bigr],

and the most the coercer can compel, in present value, is the largest :math:`x` with
:math:`V(x) \ge W`. With :math:`s = p + c_T < 1`,

.. math:: x^* = s\,\frac{1 - \delta(1 - a)}{1 - \delta(1 - a)\,s},

and :math:`x^* = 1` when :math:`s \ge 1`. It rises with assurance to Fearon's (1995) upper end of
the bargaining range, :math:`p + c_T`, at :math:`a = 1`; without assurance it is
:math:`s(1 - \delta)/(1 - \delta s)`, which vanishes as the target grows patient: complying only
invites the next demand, and a patient target would rather fight now. In equilibrium the target
resists a renewed demand (:meth:`RenewedDemands.resists_renewal`; at :math:`a = 0` it is
indifferent).

>>> from fractions import Fraction
>>> RenewedDemands(assurance=Fraction(1, 2), discount=Fraction(4, 5), power=Fraction(1, 10),
...                cost_target=Fraction(1, 10)).most_compellable()
Fraction(3, 23)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..core.model import validated
from ..core.parameters import DISCOUNT, NONNEGATIVE, PROBABILITY, declared, parameter
from ..core.values import (
    Case,
    Kind,
    at_least,
    check_probability,
    maximum,
    negation,
    ratio,
    select,
    select_label,
)

__all__ = ["RenewedDemands"]


@dataclass(frozen=True, slots=True)
@declared
class RenewedDemands:
    r"""A demand that a coercer without limited aims renews after every compliance.

    Parameters
    ----------
    assurance : probability
        The chance :math:`a` that the coercer has limited aims (drawn once): once complied with,
        it asks nothing more.
    discount : discount factor
        The target's patience :math:`\delta`.
    power : probability
        The coercer's probability of winning the war a resistance brings, :math:`p`.
    cost_target : non-negative
        The target's cost of that war, :math:`c_T`, per period and relative to the stake.

    Examples
    --------
    With full assurance the most that can be compelled is Fearon's (1995, p. 387) upper end of
    the bargaining range, :math:`p + c_T`; with none, a patient target concedes little:

    >>> from fractions import Fraction
    >>> RenewedDemands(1, Fraction(9, 10), Fraction(1, 2), Fraction(1, 10)).most_compellable()
    Fraction(3, 5)
    >>> RenewedDemands(0, Fraction(9, 10), Fraction(1, 2), Fraction(1, 10)).most_compellable()
    Fraction(3, 23)
    """

    assurance: Any = parameter(
        PROBABILITY,
        "the chance that the coercer has limited aims (drawn once) and asks nothing more once complied with",
        "probability",
    )
    discount: Any = parameter(DISCOUNT, "the target's patience")
    power: Any = parameter(
        PROBABILITY, "the coercer's probability of winning the war a resistance brings", "probability"
    )
    cost_target: Any = parameter(
        NONNEGATIVE, "the target's cost of that war, per period and relative to the stake", default=0
    )
    kind: Kind = field(init=False, repr=False, compare=False)

    @property
    def resistance_value(self) -> Any:
        """The target's normalised value of resisting (war) per unit held, :math:`W = 1 - p - c_T`.

        >>> from fractions import Fraction
        >>> model = RenewedDemands(assurance=Fraction(1, 2), discount=Fraction(4, 5), power=Fraction(1, 10), cost_target=Fraction(1, 10))
        >>> model.resistance_value
        Fraction(4, 5)
        """
        return 1 - self.power - self.cost_target

    def _demand(self, demand: Any) -> Any:
        values, _ = validated({"demand": demand, "discount": self.discount}, {"demand": check_probability})
        return values["demand"]

    def submission_value(self, demand: Any) -> Any:
        r"""Per unit held, the value of complying for ever with a coercer that renews ``demand``,
        :math:`r(x) = (1 - \delta)(1 - x)/(1 - \delta(1 - x))`.

        >>> from fractions import Fraction
        >>> RenewedDemands(0, Fraction(1, 2), 0).submission_value(Fraction(1, 2))
        Fraction(1, 3)
        """
        x, delta = self._demand(demand), self.discount
        return ratio(self.kind, (1 - delta) * (1 - x), 1 - delta * (1 - x))

    def resists_renewal(self, demand: Any) -> Any:
        """Whether the target resists a renewed ``demand`` (it complies for ever when indifferent).

        >>> RenewedDemands(0, 0.9, 0.5, 0.1).resists_renewal(0.5)
        True
        """
        return negation(self.kind, at_least(self.kind, self.submission_value(demand), self.resistance_value))

    def compliance_value(self, demand: Any) -> Any:
        """The target's normalised value of complying with the first ``demand`` (type unknown),
        followed by its best reply to a renewal.

        >>> from fractions import Fraction
        >>> model = RenewedDemands(assurance=Fraction(1, 2), discount=Fraction(4, 5), power=Fraction(1, 10), cost_target=Fraction(1, 10))
        >>> model.compliance_value(Fraction(1, 2))
        Fraction(23, 50)
        """
        x, delta, a = self._demand(demand), self.discount, self.assurance
        renewal = maximum(self.kind, self.resistance_value, self.submission_value(x))
        return (1 - x) * (a + (1 - a) * (1 - delta + delta * renewal))

    def complies(self, demand: Any) -> Any:
        """Whether the target complies with the first ``demand`` (it does when indifferent).

        >>> RenewedDemands(0.5, 0.8, 0.1, 0.1).complies(0.2)
        False
        """
        return at_least(self.kind, self.compliance_value(demand), self.resistance_value)

    def _cases(self) -> list[Case]:
        stake = self.power + self.cost_target
        renewal = self.discount * (1 - self.assurance)
        interior = ratio(self.kind, stake * (1 - renewal), 1 - renewal * stake)
        return [
            Case("interior", stake + 0 * renewal < 1, interior),
            Case("whole flow", True, 0 * interior + 1),
        ]

    def most_compellable(self) -> Any:
        """The largest first demand the target complies with, in present value (at most the whole flow).

        >>> from fractions import Fraction
        >>> model = RenewedDemands(assurance=Fraction(1, 2), discount=Fraction(4, 5), power=Fraction(1, 10), cost_target=Fraction(1, 10))
        >>> model.most_compellable()
        Fraction(3, 23)
        """
        return select(self.kind, self._cases())

    def regime(self) -> Any:
        """``"interior"`` or ``"whole flow"`` (for symbols, the regimes with their conditions).

        >>> from fractions import Fraction
        >>> model = RenewedDemands(assurance=Fraction(1, 2), discount=Fraction(4, 5), power=Fraction(1, 10), cost_target=Fraction(1, 10))
        >>> model.regime()
        'interior'
        """
        return select_label(self.kind, self._cases())

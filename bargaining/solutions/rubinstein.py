# ruff: noqa: RUF009 - parameter() returns a dataclass field, like dataclasses.field
r"""Alternating offers (Rubinstein 1982) with outside options, a risk of breakdown and a deadline.

Two players divide a unit stake; player 1 proposes in the first period, player 2 answers, and
after a rejection the roles swap. Player :math:`i` discounts a period by :math:`\delta_i`. In the
unique subgame-perfect equilibrium each proposer offers the responder exactly what the responder
gets by refusing, so with :math:`a` player 1's share when it proposes and :math:`b` player 2's
share when it proposes,

.. math::
    1 - a = \max\bigl(w_2,\; q e_2 + (1 - q)\,\delta_2\, b\bigr), \qquad
    1 - b = \max\bigl(w_1,\; q e_1 + (1 - q)\,\delta_1\, a\bigr),

where :math:`w_i` is an **outside option** the responder may take instead of waiting (Binmore,
Shaked & Sutton 1989: it binds only when it beats the continuation) and :math:`q` is the
**risk of breakdown** after a rejection, which ends talks with payoffs :math:`e_i` (Binmore,
Rubinstein & Wolinsky 1986). Without options or breakdown this is Rubinstein's
:math:`a = (1 - \delta_2)/(1 - \delta_1 \delta_2)`; as :math:`\delta_i = e^{-r_i \Delta}` with
:math:`\Delta \to 0` it tends to :math:`r_2/(r_1 + r_2)` (:func:`continuous_time_split`), and as
:math:`q \to 0` without discounting to the split-the-difference rule
:math:`(1 + e_1 - e_2)/2`, the Nash solution with the breakdown point as disagreement point.

**War** enters in one of two ways, and the answers differ (:meth:`AlternatingOffers.from_war`):
as an *outside option* a side may choose (its expected war payoff binds only if it beats the
Rubinstein share), or as a *breakdown risk* that happens to both (the war payoffs become the
disagreement point and shift the split whatever their size).

>>> from fractions import Fraction
>>> AlternatingOffers(Fraction(9, 10), Fraction(9, 10)).solve()
AlternatingOffersSolution(first_share=Fraction(10, 19), second_share_when_proposing=Fraction(10, 19), regime='no outside option binds')
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Literal

from ..core.errors import ParameterValueError
from ..core.model import validated
from ..core.parameters import DISCOUNT_CLOSED, PROBABILITY, REAL, declared, parameter
from ..core.values import (
    Case,
    Kind,
    check_positive,
    check_range,
    holding,
    is_symbolic,
    maximum,
    select_each,
    select_label,
)

__all__ = ["AlternatingOffers", "AlternatingOffersSolution", "continuous_time_split"]


_UTILITY = "utility (stake units)"


@dataclass(frozen=True, slots=True)
class AlternatingOffersSolution:
    """Player 1's share when it proposes first (the equilibrium split is ``first_share`` to 1 and
    ``1 - first_share`` to 2), and player 2's share in the subgames where 2 proposes.

    >>> from fractions import Fraction
    >>> solution = AlternatingOffers(Fraction(9, 10), Fraction(4, 5)).solve()
    >>> solution.first_share, solution.second_share
    (Fraction(5, 7), Fraction(2, 7))
    """

    first_share: Any
    second_share_when_proposing: Any
    regime: Any

    @property
    def second_share(self) -> Any:
        """Player 2's share of the agreement reached in the first period.

        >>> from fractions import Fraction
        >>> solution = AlternatingOffers(Fraction(9, 10), Fraction(4, 5)).solve()
        >>> solution.second_share
        Fraction(2, 7)
        """
        return 1 - self.first_share


@dataclass(frozen=True, slots=True)
@declared
class AlternatingOffers:
    r"""Rubinstein bargaining over a unit stake, player 1 proposing first.

    Parameters
    ----------
    discount_first, discount_second : discount factors
        :math:`\delta_1, \delta_2` in (0, 1]; 1 is allowed only with a positive ``breakdown_risk``.
    outside_first, outside_second : real
        Outside options :math:`w_1, w_2` a responder may take instead of waiting (0: none).
    breakdown_risk : probability
        :math:`q`, the chance that a rejection ends talks.
    breakdown_first, breakdown_second : real
        :math:`e_1, e_2`, the payoffs when talks break down.

    >>> from fractions import Fraction
    >>> solution = AlternatingOffers(Fraction(9, 10), Fraction(4, 5)).solve()
    >>> solution.first_share
    Fraction(5, 7)
    """

    discount_first: Any = parameter(DISCOUNT_CLOSED, "the first player's discount factor per period")
    discount_second: Any = parameter(DISCOUNT_CLOSED, "the second player's discount factor per period")
    outside_first: Any = parameter(REAL, "the first player's outside option", _UTILITY, default=0)
    outside_second: Any = parameter(REAL, "the second player's outside option", _UTILITY, default=0)
    breakdown_risk: Any = parameter(
        PROBABILITY, "the probability that a rejection ends talks", "probability", default=0
    )
    breakdown_first: Any = parameter(
        REAL, "the first player's payoff when talks break down", _UTILITY, default=0
    )
    breakdown_second: Any = parameter(
        REAL, "the second player's payoff when talks break down", _UTILITY, default=0
    )
    kind: Kind = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        q = self.breakdown_risk
        scalar = self.kind in ("float", "exact")
        for name in ("discount_first", "discount_second"):
            # without a risk of breakdown (a number that is zero) the patience is the discount itself
            patience = getattr(self, name) if scalar and not q else (1 - q) * getattr(self, name)
            check_range(
                f"{name} with breakdown_risk",
                patience,
                None,
                1,
                upper_open=True,
                requirement="costly delay: discount below 1 or a positive breakdown_risk",
            )
        # two numbers that are both zero sum to zero, which passes: the sum is not built
        if not (scalar and not self.outside_first and not self.outside_second):
            check_range(
                "outside_first + outside_second",
                self.outside_first + self.outside_second,
                None,
                1,
                requirement="at most 1 (else both prefer their options to any deal)",
            )
        if not (scalar and not self.breakdown_first and not self.breakdown_second):
            check_range(
                "breakdown_first + breakdown_second",
                self.breakdown_first + self.breakdown_second,
                None,
                1,
                requirement="at most 1 (else breakdown beats every deal)",
            )

    @classmethod
    def from_war(
        cls,
        power: Any,
        cost_first: Any,
        cost_second: Any,
        discount_first: Any,
        discount_second: Any,
        *,
        war_as: Literal["outside_option", "breakdown"],
        breakdown_risk: Any = 0,
    ) -> AlternatingOffers:
        r"""Bargaining in the shadow of war, with war's role stated explicitly.

        The expected war payoffs are :math:`p - c_1` and :math:`1 - p - c_2`.
        ``war_as="outside_option"``: a responder may start the war instead of waiting.
        ``war_as="breakdown"``: each rejection leads to war with probability ``breakdown_risk``.

        >>> from fractions import Fraction as F
        >>> option = AlternatingOffers.from_war(F(7, 10), F(1, 10), F(1, 10), F(9, 10), F(9, 10),
        ...                                     war_as="outside_option")
        >>> breakdown = AlternatingOffers.from_war(F(7, 10), F(1, 10), F(1, 10), F(9, 10), F(9, 10),
        ...                                        war_as="breakdown", breakdown_risk=F(1, 2))
        >>> option.solve().first_share, breakdown.solve().first_share
        (Fraction(16, 25), Fraction(234, 319))
        """
        war_first, war_second = power - cost_first, 1 - power - cost_second
        if war_as == "outside_option":
            return cls(
                discount_first,
                discount_second,
                outside_first=war_first,
                outside_second=war_second,
                breakdown_risk=breakdown_risk,
            )
        if war_as == "breakdown":
            return cls(
                discount_first,
                discount_second,
                breakdown_risk=breakdown_risk,
                breakdown_first=war_first,
                breakdown_second=war_second,
            )
        raise ParameterValueError("war_as", "'outside_option' or 'breakdown'", war_as)

    @property
    def _effective(self) -> tuple[Any, Any, Any, Any]:
        q = self.breakdown_risk
        if self.kind in ("float", "exact") and not q:  # no risk of breakdown: the same numbers, unbuilt
            return self.discount_first, self.discount_second, q, q
        return (
            (1 - q) * self.discount_first,
            (1 - q) * self.discount_second,
            q * self.breakdown_first,
            q * self.breakdown_second,
        )

    @property
    def _options_can_bind(self) -> bool:
        """False when both outside options are exactly zero and breakdown pays at least zero:
        then ``0 <= k + beta * share`` always, and the ``max`` in the conditions is idle."""
        if self.kind == "float":  # a float is never known to be exactly zero here: they can
            return True

        def exactly(value: Any, test: str) -> bool:
            if is_symbolic(value):
                return bool(getattr(value, test) is True)
            return isinstance(value, Fraction) and (value == 0 if test == "is_zero" else value >= 0)

        zero_options = exactly(self.outside_first, "is_zero") and exactly(self.outside_second, "is_zero")
        return not (
            zero_options
            and exactly(self.breakdown_first, "is_nonnegative")
            and exactly(self.breakdown_second, "is_nonnegative")
        )

    def _cases(self) -> Iterator[Case]:
        """The regimes in order, each built when the ones before it have been built (a scalar
        solve stops at the first that holds: :func:`~bargaining.core.values.holding`)."""
        beta1, beta2, k1, k2 = self._effective
        w1, w2 = self.outside_first, self.outside_second
        denominator = 1 - beta1 * beta2
        if self.kind in ("float", "exact") and not self.breakdown_risk:  # k1 = k2 = 0: the terms dropped
            a0, b0 = (1 - beta2) / denominator, (1 - beta1) / denominator
        else:
            a0 = (1 - k2 - beta2 * (1 - k1)) / denominator
            b0 = (1 - k1 - beta1 * (1 - k2)) / denominator
        if not self._options_can_bind:
            yield Case("no outside option binds", True, (a0, b0))
            return
        yield Case("no outside option binds", (w2 <= k2 + beta2 * b0) & (w1 <= k1 + beta1 * a0), (a0, b0))
        a_second, b_second = 1 - w2, 1 - k1 - beta1 * (1 - w2)
        yield Case(
            "second's outside option binds",
            (w2 >= k2 + beta2 * b_second) & (w1 <= k1 + beta1 * a_second),
            (a_second, b_second),
        )
        a_first, b_first = 1 - k2 - beta2 * (1 - w1), 1 - w1
        yield Case(
            "first's outside option binds",
            (w1 >= k1 + beta1 * a_first) & (w2 <= k2 + beta2 * b_first),
            (a_first, b_first),
        )
        yield Case("both outside options bind", True, (1 - w2, 1 - w1))

    def solve(self) -> AlternatingOffersSolution:
        """The stationary subgame-perfect split (derived in :mod:`~bargaining.solutions.specification`).

        >>> from fractions import Fraction
        >>> solution = AlternatingOffers(Fraction(9, 10), Fraction(4, 5)).solve()
        >>> solution
        AlternatingOffersSolution(first_share=Fraction(5, 7), second_share_when_proposing=Fraction(5, 14), regime='no outside option binds')
        """
        if self.kind in ("float", "exact"):  # the first regime that holds, the later ones never built
            label, _, (first, second) = holding(self._cases())
            return AlternatingOffersSolution(first, second, label)
        cases = list(self._cases())
        first, second = select_each(self.kind, cases)
        return AlternatingOffersSolution(first, second, select_label(self.kind, cases))

    def solve_with_deadline(self, periods: int) -> AlternatingOffersSolution:
        r"""Backward induction when talks end after ``periods`` offers (the last proposer takes
        all but the responder's outside option, or its breakdown payoff).

        Computed period by period from the deadline, exactly for exact inputs; as ``periods``
        grows it tends to :meth:`solve`.

        >>> from fractions import Fraction
        >>> AlternatingOffers(Fraction(1, 2), Fraction(1, 2)).solve_with_deadline(3).first_share
        Fraction(3, 4)
        """
        if isinstance(periods, bool) or not isinstance(periods, int) or periods < 1:
            raise ParameterValueError("periods", "a positive integer", periods)
        beta1, beta2, k1, k2 = self._effective
        w1, w2 = self.outside_first, self.outside_second
        # Responder's value of rejecting in the last period: its option or the breakdown payoff.
        first_proposes = periods % 2 == 1  # who proposes in the last period

        def at_least(option: Any, continuation: Any) -> Any:
            return maximum(self.kind, option, continuation) if self._options_can_bind else continuation

        share = 1 - (at_least(w2, k2) if first_proposes else at_least(w1, k1))
        for period in range(periods - 1, 0, -1):
            if period % 2 == 1:  # player 1 proposes, player 2 would propose next and get `share`
                share = 1 - at_least(w2, k2 + beta2 * share)
            else:
                share = 1 - at_least(w1, k1 + beta1 * share)
        return AlternatingOffersSolution(share, None, f"deadline after {periods} periods")


def continuous_time_split(rate_first: Any, rate_second: Any) -> Any:
    r"""Player 1's share as the time between offers vanishes: :math:`r_2 / (r_1 + r_2)`.

    The limit of Rubinstein's share with :math:`\delta_i = e^{-r_i \Delta}`, :math:`\Delta \to 0`
    (derived in :func:`bargaining.solutions.specification.derive_continuous_time_limit`): the
    more patient side (lower discount rate :math:`r`) gets more.

    >>> from fractions import Fraction
    >>> continuous_time_split(Fraction(1, 10), Fraction(3, 10))
    Fraction(3, 4)
    """
    rates, _ = validated(
        {"rate_first": rate_first, "rate_second": rate_second},
        {"rate_first": check_positive, "rate_second": check_positive},
    )
    return rates["rate_second"] / (rates["rate_first"] + rates["rate_second"])

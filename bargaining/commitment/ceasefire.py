# ruff: noqa: RUF009 - parameter() returns a dataclass field, like dataclasses.field
r"""Self-enforcing ceasefires and third-party guarantees (Fearon 1995; Fortna 2003; Walter 1997).

**Setting.** A ceasefire gives the coercer the share :math:`x` (``share``) of each period's flow
and the target :math:`1 - x`, for ever, as long as both keep it. Either side can renege: it takes a
one-period gain :math:`g_i` (``renege_gain_coercer``, ``renege_gain_target``: ground seized,
positions improved), a third party then imposes the penalty :math:`G` (``guarantee``) on the
violator, and war follows for ever, in which the side that struck first wins with its power plus
its **first-strike advantage** :math:`f_i` (the preemption variant of Fearon 1995). In normalised
units (the whole flow is worth 1), side :math:`i` with ceasefire share :math:`s_i` and war value
:math:`w_i` keeps the ceasefire iff

.. math:: s_i \ge (1 - \delta)(s_i + g_i - G) + \delta\,w_i
          \iff \delta\,(s_i - w_i) \ge (1 - \delta)(g_i - G),

with :math:`w_C = p + f_C - c_C` and :math:`w_T = 1 - p + f_T - c_T`. Solving the indifference
(:func:`~bargaining.commitment.specification.derive_ceasefire`) gives the **minimal patience**
:math:`\underline\delta_i = (g_i - G)/(g_i - G + s_i - w_i)` where both brackets are positive, 0
where the guarantee outweighs the gain and the ceasefire beats war, and 1 (no patience suffices)
where the ceasefire is worth less than war; and the **minimal guarantee**
:math:`G_i = \max\bigl(0,\; g_i - \delta (s_i - w_i)/(1 - \delta)\bigr)`. The ceasefire is
self-enforcing when both sides keep it: patience at least the larger threshold, a guarantee at
least the larger penalty. A guarantee never makes a ceasefire less self-enforcing.

With no renege gain and no guarantee the condition is :math:`s_i \ge w_i` whatever the patience:
the ceasefire is Fearon's bargaining range with first-strike advantages, empty iff
:math:`f_C + f_T > c_C + c_T`. With :math:`s = R`, :math:`s + g = T`, :math:`w = P` it is the
grim-trigger condition of the repeated prisoner's dilemma, :math:`\delta \ge (T - R)/(T - P)`.

>>> from fractions import Fraction
>>> truce = Ceasefire(share=Fraction(1, 2), power=Fraction(1, 2), discount=Fraction(3, 4),
...                   cost_coercer=Fraction(1, 10), cost_target=Fraction(1, 10),
...                   renege_gain_coercer=Fraction(1, 2), renege_gain_target=Fraction(1, 2))
>>> truce.minimal_patience(), truce.is_self_enforcing()
(Fraction(5, 6), False)
>>> truce.minimal_guarantee()
Fraction(1, 5)
>>> Ceasefire(Fraction(1, 2), Fraction(1, 2), Fraction(3, 4), Fraction(1, 10), Fraction(1, 10),
...           Fraction(1, 2), Fraction(1, 2), guarantee=Fraction(1, 5)).is_self_enforcing()
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..core.parameters import DISCOUNT, NONNEGATIVE, PROBABILITY, declared, parameter
from ..core.values import (
    Case,
    Kind,
    at_least,
    check_probability,
    every,
    maximum,
    negation,
    ratio,
    select,
    select_label,
    some,
)

__all__ = ["Ceasefire", "CeasefireSolution"]


@dataclass(frozen=True, slots=True)
class CeasefireSolution:
    """The patience and the guarantee a ceasefire needs, and whether it holds at the given ones.

    ``regime`` is ``"unconditional"`` (kept at any patience), ``"patience"`` (kept from
    ``minimal_patience`` on) or ``"never"`` (no patience suffices without a larger guarantee);
    for symbols, the tuple of :class:`~bargaining.core.values.Regime`.

    >>> from fractions import Fraction
    >>> truce = Ceasefire(Fraction(1, 2), Fraction(1, 2), Fraction(3, 4), Fraction(1, 10), Fraction(1, 10), Fraction(1, 2), Fraction(1, 2))
    >>> truce.solve().is_self_enforcing
    False
    """

    minimal_patience: Any
    minimal_guarantee: Any
    is_self_enforcing: Any
    regime: Any


@dataclass(frozen=True, slots=True)
@declared
class Ceasefire:
    r"""A ceasefire that each side keeps only if keeping it beats reneging.

    Parameters
    ----------
    share : probability
        The coercer's share :math:`x` of each period's flow under the ceasefire.
    power : probability
        The coercer's probability of winning a war, :math:`p`.
    discount : discount factor
        :math:`\delta \in (0, 1)`.
    cost_coercer, cost_target : non-negative
        Per-period costs of war.
    renege_gain_coercer, renege_gain_target : non-negative
        The one-period gain from breaking the ceasefire, in units of one period's flow.
    first_strike_coercer, first_strike_target : non-negative
        How much striking first adds to a side's chance of winning (the preemption variant).
    guarantee : non-negative
        The penalty a third party imposes on a violator, in units of one period's flow.

    Examples
    --------
    The repeated prisoner's dilemma of Axelrod (1984), payoffs T, R, P = 5, 3, 1 scaled
    to shares: grim trigger needs :math:`\delta \ge (T - R)/(T - P) = 1/2`.

    >>> from fractions import Fraction
    >>> Ceasefire(Fraction(1, 2), Fraction(1, 2), Fraction(1, 2), Fraction(1, 3), Fraction(1, 3),
    ...           Fraction(1, 3), Fraction(1, 3)).solve()
    CeasefireSolution(minimal_patience=Fraction(1, 2), minimal_guarantee=Fraction(0, 1), is_self_enforcing=True, regime='patience')
    """

    share: Any = parameter(
        PROBABILITY, "the coercer's share x of each period's flow under the ceasefire", "probability"
    )
    power: Any = parameter(PROBABILITY, "the coercer's probability of winning a war", "probability")
    discount: Any = parameter(DISCOUNT, "the per-period discount factor")
    cost_coercer: Any = parameter(NONNEGATIVE, "the coercer's per-period cost of war", default=0)
    cost_target: Any = parameter(NONNEGATIVE, "the target's per-period cost of war", default=0)
    renege_gain_coercer: Any = parameter(
        NONNEGATIVE,
        "the coercer's one-period gain from breaking the ceasefire, in units of one period's flow",
        default=0,
    )
    renege_gain_target: Any = parameter(
        NONNEGATIVE,
        "the target's one-period gain from breaking the ceasefire, in units of one period's flow",
        default=0,
    )
    first_strike_coercer: Any = parameter(
        NONNEGATIVE,
        "how much striking first adds to the coercer's chance of winning (the preemption variant)",
        default=0,
    )
    first_strike_target: Any = parameter(
        NONNEGATIVE,
        "how much striking first adds to the target's chance of winning (the preemption variant)",
        default=0,
    )
    guarantee: Any = parameter(
        NONNEGATIVE,
        "the penalty a third party imposes on a violator, in units of one period's flow",
        default=0,
    )
    kind: Kind = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        check_probability("power + first_strike_coercer", self.power + self.first_strike_coercer)
        check_probability("power - first_strike_target", self.power - self.first_strike_target)

    def sides(self) -> tuple[tuple[Any, Any, Any], tuple[Any, Any, Any]]:
        """Each side's ``(share, war value after striking first, renege gain)``.

        >>> from fractions import Fraction
        >>> truce = Ceasefire(Fraction(1, 2), Fraction(1, 2), Fraction(3, 4), Fraction(1, 10), Fraction(1, 10), Fraction(1, 2), Fraction(1, 2))
        >>> truce.sides()
        ((Fraction(1, 2), Fraction(2, 5), Fraction(1, 2)), (Fraction(1, 2), Fraction(2, 5), Fraction(1, 2)))
        """
        coercer = (
            self.share,
            self.power + self.first_strike_coercer - self.cost_coercer,
            self.renege_gain_coercer,
        )
        target = (
            1 - self.share,
            1 - self.power + self.first_strike_target - self.cost_target,
            self.renege_gain_target,
        )
        return coercer, target

    def _side_cases(self, share: Any, war: Any, gain: Any) -> list[Case]:
        net_gain, surplus = gain - self.guarantee, share - war
        return [
            Case("unconditional", every(self.kind, net_gain <= 0, surplus >= 0), 0 * surplus),
            Case(
                "patience",
                every(self.kind, net_gain > 0, surplus > 0),
                ratio(self.kind, net_gain, net_gain + surplus),
            ),
            Case("never", True, 0 * surplus + 1),
        ]

    def _cases(self) -> list[Case]:
        (coercer, target) = self.sides()
        cases_c, cases_t = self._side_cases(*coercer), self._side_cases(*target)
        never = some(
            self.kind,
            negation(self.kind, some(self.kind, cases_c[0].condition, cases_c[1].condition)),
            negation(self.kind, some(self.kind, cases_t[0].condition, cases_t[1].condition)),
        )
        patience = maximum(self.kind, select(self.kind, cases_c), select(self.kind, cases_t))
        return [
            Case("never", never, 0 * patience + 1),
            Case("unconditional", every(self.kind, cases_c[0].condition, cases_t[0].condition), 0 * patience),
            Case("patience", True, patience),
        ]

    def minimal_patience(self) -> Any:
        r"""The least :math:`\delta` from which on both sides keep the ceasefire (1 when none does).

        >>> from fractions import Fraction
        >>> truce = Ceasefire(Fraction(1, 2), Fraction(1, 2), Fraction(3, 4), Fraction(1, 10), Fraction(1, 10), Fraction(1, 2), Fraction(1, 2))
        >>> truce.minimal_patience()
        Fraction(5, 6)
        """
        return select(self.kind, self._cases())

    def minimal_guarantee(self) -> Any:
        r"""The least penalty on violators that makes the ceasefire self-enforcing at ``discount``.

        >>> from fractions import Fraction
        >>> truce = Ceasefire(Fraction(1, 2), Fraction(1, 2), Fraction(3, 4), Fraction(1, 10), Fraction(1, 10), Fraction(1, 2), Fraction(1, 2))
        >>> truce.minimal_guarantee()
        Fraction(1, 5)
        """
        delta = self.discount
        needed = [gain - delta * (share - war) / (1 - delta) for share, war, gain in self.sides()]
        return maximum(self.kind, maximum(self.kind, needed[0], needed[1]), 0 * delta)

    def is_self_enforcing(self) -> Any:
        """Whether both sides keep the ceasefire at the given patience and guarantee.

        >>> from fractions import Fraction
        >>> truce = Ceasefire(Fraction(1, 2), Fraction(1, 2), Fraction(3, 4), Fraction(1, 10), Fraction(1, 10), Fraction(1, 2), Fraction(1, 2))
        >>> truce.is_self_enforcing()
        False
        """
        delta = self.discount
        kept = [
            at_least(self.kind, delta * (share - war), (1 - delta) * (gain - self.guarantee))
            for share, war, gain in self.sides()
        ]
        return every(self.kind, *kept)

    def solve(self) -> CeasefireSolution:
        """Minimal patience, minimal guarantee, the verdict at the given values, and the regime.

        >>> from fractions import Fraction
        >>> truce = Ceasefire(Fraction(1, 2), Fraction(1, 2), Fraction(3, 4), Fraction(1, 10), Fraction(1, 10), Fraction(1, 2), Fraction(1, 2))
        >>> truce.solve()
        CeasefireSolution(minimal_patience=Fraction(5, 6), minimal_guarantee=Fraction(1, 5), is_self_enforcing=False, regime='patience')
        """
        cases = self._cases()
        return CeasefireSolution(
            select(self.kind, cases),
            self.minimal_guarantee(),
            self.is_self_enforcing(),
            select_label(self.kind, cases),
        )

r"""The one- and two-period coercive games with a continuum of types, in closed form.

No battles, try-and-see, :math:`\tau \sim U[0, 1]`, :math:`c_T(\tau) = c_0 + c_1(1 - \tau)`, a
carrot :math:`(s, \kappa, q)` on every settlement. With :math:`A = c_0 + c_1 + c_C + (1 - \kappa) q s`
(derived in :mod:`bargaining.coercive_game.specification`):

* one period: the cut-off :math:`u = \min(\max(A / (2 c_1), 0), 1)` — Fearon's risk–return
  demand (`RiskReturn`) when there is no carrot;
* two periods (Fudenberg & Tirole 1991, §10.2.1; `CoaseTwoPeriod` when :math:`A = c_1`): the
  second cut-off :math:`u_2 = \min((A + c_1 u_1)/(2 c_1), 1)` against the types above the first,
  and four regimes for the first — no settlement (:math:`A \le 0`), screening over both periods
  (:math:`u_1 = 2(1 - \delta) A / ((4 - 3\delta) c_1)` while
  :math:`A (6 - 5\delta) < 2 c_1 (4 - 3\delta)`), the rest settling in the second period
  (:math:`u_1 = A / (2 c_1)`, :math:`u_2 = 1`, while :math:`A < 2 c_1`), and everyone at once.
  C's value is concave in :math:`u_1` on each side of the kink where :math:`u_2` reaches 1, and its
  slope rises by :math:`\delta (2 c_1 - A)/2` there, so where both local optima exist
  (:math:`4 c_1/3 \le A < 2 c_1 (4 - 3\delta)/(6 - 5\delta)`) the two values are compared (ties:
  the larger first acceptance set).

Exact numbers give exact results and symbols give ``Piecewise`` expressions, with the regimes
(which types settle when) from :func:`~bargaining.core.values.select_label`. The offers are
meaningful where some type settles. The most any offer asks, :math:`p + q s + c_0 + c_1`, must be
at most the stake.

>>> from fractions import Fraction
>>> two_period_game(power=Fraction(1, 4), cost_coercer=0, target_cost=0, target_cost_resolve=Fraction(1, 2),
...                 discount=Fraction(1, 2)).settled_by
(Fraction(2, 5), Fraction(7, 10))
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..core.errors import ParameterTypeError
from ..core.model import check_real, validated
from ..core.types import Value
from ..core.values import (
    Case,
    Kind,
    check_discount,
    check_nonnegative,
    check_positive,
    check_probability,
    check_range,
    every,
    select,
    select_label,
    some,
)

__all__ = ["SmallGame", "one_period_game", "two_period_game"]


@dataclass(frozen=True, slots=True)
class SmallGame:
    """The closed-form equilibrium: P(settled by t) (the cut-offs), the offers, C's utility, the regime.

    >>> from fractions import Fraction
    >>> game = one_period_game(Fraction(1, 2), Fraction(1, 10), 0, Fraction(2, 5))
    >>> game.settled_by, game.offers, game.regime
    ((Fraction(5, 8),), (Fraction(13, 20),), 'risk-return')
    """

    settled_by: tuple[Any, ...]
    offers: tuple[Any, ...]
    coercer_utility: Any
    regime: Any


def _inputs(values: dict[str, Any]) -> tuple[dict[str, Any], Kind]:
    checks = {
        "power": check_probability,
        "cost_coercer": check_nonnegative,
        "target_cost": check_nonnegative,
        "target_cost_resolve": check_positive,
        "carrot": check_nonnegative,
        "carrot_efficiency": check_real,
        "carrot_credibility": check_probability,
    }
    if "discount" in values:
        checks["discount"] = check_discount
    v, kind = validated(values, checks)
    if kind == "array":
        raise ParameterTypeError("power", "exact numbers or sympy expressions (one game)", values["power"])
    check_nonnegative("carrot_efficiency", v["carrot_efficiency"])
    top = v["power"] + v["carrot_credibility"] * v["carrot"] + v["target_cost"] + v["target_cost_resolve"]
    check_range("power + carrot_credibility * carrot + target_cost + target_cost_resolve", top, None, 1,
                requirement="at most 1 (no offer may ask more than the stake)")  # fmt: skip
    return v, kind


def one_period_game(
    power: Value, cost_coercer: Value, target_cost: Value, target_cost_resolve: Value,
    carrot: Value = 0, carrot_efficiency: Value = 1, carrot_credibility: Value = 1,
) -> SmallGame:  # fmt: skip
    """The one-period game (H = 0) in closed form.

    >>> from fractions import Fraction
    >>> one_period_game(Fraction(1, 2), Fraction(1, 10), 0, Fraction(2, 5)).offers
    (Fraction(13, 20),)
    """
    v, kind = _inputs({"power": power, "cost_coercer": cost_coercer, "target_cost": target_cost,
                       "target_cost_resolve": target_cost_resolve, "carrot": carrot,
                       "carrot_efficiency": carrot_efficiency, "carrot_credibility": carrot_credibility})  # fmt: skip
    p, c_c, c0, c1 = v["power"], v["cost_coercer"], v["target_cost"], v["target_cost_resolve"]
    qs, kqs = (
        v["carrot_credibility"] * v["carrot"],
        v["carrot_efficiency"] * v["carrot_credibility"] * v["carrot"],
    )
    a = c0 + c1 + c_c + qs - kqs
    cases = [Case("no settlement", a <= 0, 0 * a), Case("every type settles", a >= 2 * c1, 0 * a + 1),
             Case("risk-return", True, a / (2 * c1))]  # fmt: skip
    u = select(kind, cases)
    offer = p + qs + c0 + c1 * (1 - u)
    return SmallGame((u,), (offer,), u * (offer - kqs) + (1 - u) * (p - c_c), select_label(kind, cases))


def two_period_game(
    power: Value, cost_coercer: Value, target_cost: Value, target_cost_resolve: Value, discount: Value,
    carrot: Value = 0, carrot_efficiency: Value = 1, carrot_credibility: Value = 1,
) -> SmallGame:  # fmt: skip
    """The two-period game (H = 1, try-and-see) in closed form.

    >>> import sympy
    >>> c1, delta = sympy.symbols("c1 delta", positive=True)
    >>> game = two_period_game(0, 0, 0, c1, delta)
    >>> sympy.simplify(game.settled_by[0].subs(delta, sympy.Rational(1, 2)))
    2/5
    """
    v, kind = _inputs({"power": power, "cost_coercer": cost_coercer, "target_cost": target_cost,
                       "target_cost_resolve": target_cost_resolve, "discount": discount,
                       "carrot": carrot, "carrot_efficiency": carrot_efficiency, "carrot_credibility": carrot_credibility})  # fmt: skip
    p, c_c, c0, c1, d = (
        v["power"],
        v["cost_coercer"],
        v["target_cost"],
        v["target_cost_resolve"],
        v["discount"],
    )
    qs, kqs = (
        v["carrot_credibility"] * v["carrot"],
        v["carrot_efficiency"] * v["carrot_credibility"] * v["carrot"],
    )
    a = c0 + c1 + c_c + qs - kqs
    zero = 0 * a

    def cost(u: Any) -> Any:
        return c0 + c1 * (1 - u)

    def offers(u1: Any, u2: Any) -> tuple[Any, Any]:
        x2 = p + qs + cost(u2)
        return 1 + qs - ((1 - d) * (1 - p - cost(u1)) + d * (1 - x2 + qs)), x2

    def value(u1: Any, u2: Any) -> Any:
        x1, x2 = offers(u1, u2)
        return (
            u1 * (x1 - kqs)
            + (1 - u1) * (1 - d) * (p - c_c)
            + d * ((u2 - u1) * (x2 - kqs) + (1 - u2) * (p - c_c))
        )

    screening = 2 * (1 - d) * a / ((4 - 3 * d) * c1)
    screening_second = (a + c1 * screening) / (2 * c1)
    # C's value has a kink where the second cut-off reaches 1; its slope rises there, so both
    # local optima are candidates where both exist (ties: the larger first acceptance set)
    # value(screening) - value(rest later) = delta Q / (4 c_1 (3 delta - 4)): screening is better iff Q < 0
    better = (2 * d - 3) * a * a + 4 * (4 - 3 * d) * c1 * a - 4 * (4 - 3 * d) * c1 * c1 < 0
    feasible = a * (6 - 5 * d) < 2 * c1 * (4 - 3 * d)
    screens = every(kind, feasible, some(kind, 3 * a < 4 * c1, better))
    cases_first = [
        Case("no settlement", a <= 0, zero),
        Case("every type settles at once", a >= 2 * c1, zero + 1),
        Case("screening over both periods", screens, screening),
        Case("the rest settle in the second period", True, a / (2 * c1)),
    ]
    cases_second = [
        Case("no settlement", a <= 0, zero),
        Case("every type settles at once", a >= 2 * c1, zero + 1),
        Case("screening over both periods", screens, screening_second),
        Case("the rest settle in the second period", True, zero + 1),
    ]
    u1, u2 = select(kind, cases_first), select(kind, cases_second)
    x1, x2 = offers(u1, u2)
    total = value(u1, u2)
    return SmallGame((u1, u2), (x1, x2), total, select_label(kind, cases_first))

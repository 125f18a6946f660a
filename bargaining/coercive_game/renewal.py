r"""Renewed demands: the coercer's aims drawn at the first compliance (George's assurance).

When ``CoerciveGame.assurance`` :math:`a < 1`, a settlement at terms :math:`x` is a permanent
revision of the share the target holds, worth :math:`x` in present value. At the first compliance
the coercer's aims are drawn once: limited with probability :math:`a` (it asks nothing more), or
unlimited, and then from the next period on it demands the share :math:`x` of what the target
still holds after every compliance. Facing a known renewal, every value scales with what the
target holds, :math:`h = 1 - x` after the first compliance: the target complies for ever, worth
:math:`r(x) = (1 - \delta)h/(1 - \delta h)` per unit held, or resists at once, a war at the
frozen front over what it holds, worth :math:`W h` with :math:`W = 1 - \pi(m) - c_T(\tau)` (odds
and costs in proportion to the stake; ties comply). Complying with the first demand is worth

.. math:: V(x) = h\,\bigl[a + (1 - a)\bigl(1 - \delta + \delta \max(W, r(x))\bigr)\bigr]

to the target (the present-value measure of Schelling 1966 and Sechser 2010 as corrected for a
type drawn once), and to the coercer :math:`a x + (1 - a)[(1 - \delta)x + \delta C]`, with
:math:`C = x + h(\pi(m) - c_C)` when the target resists the renewal and :math:`1 - h\,r(x)` when
it complies. :math:`V` falls in :math:`x`; when the target resists the renewal it is linear, and
when it complies :math:`V = a h + (1 - a) r(x)`, whose root is the root of a quadratic in
:math:`h` (exact when its discriminant is a rational square, otherwise the exact solver names the
node and asks for a float game).

>>> from fractions import Fraction
>>> from bargaining.coercive_game import CoerciveGame
>>> game = CoerciveGame(discount=Fraction(4, 5), horizon=0, resolve=(0,), power=Fraction(1, 10),
...                     target_cost=Fraction(1, 10), assurance=Fraction(1, 2))
>>> renewal_terms(game, Fraction(4, 5), Fraction(1, 10), Fraction(1, 10))
Fraction(3, 23)
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .model import CoerciveGame

__all__ = ["renewal_terms", "renewal_values"]


def _per_unit(game: CoerciveGame, terms: Any) -> Any:
    """:math:`r(x)`, the value per unit held of complying with every renewal."""
    delta, held = game.discount, 1 - terms
    return (1 - delta) * held / (1 - delta * held)


def renewal_values(game: CoerciveGame, terms: Any, share: Any, target_cost: Any) -> tuple[Any, Any, bool]:
    """(T's value, C's value, whether T resists a renewal) of settling at ``terms`` (no carrot).

    >>> from fractions import Fraction
    >>> from bargaining.coercive_game import CoerciveGame
    >>> game = CoerciveGame(discount=Fraction(1, 2), horizon=0, resolve=(0,), assurance=0)
    >>> renewal_values(game, Fraction(1, 2), Fraction(1, 2), 0)
    (Fraction(3, 8), Fraction(5, 8), True)
    """
    delta, assurance, held = game.discount, game.assurance, 1 - terms
    war = 1 - share - target_cost
    comply = _per_unit(game, terms)
    resists = comply < war
    target = held * (assurance + (1 - assurance) * (1 - delta + delta * (war if resists else comply)))
    later = terms + held * (share - game.cost_coercer) if resists else 1 - held * comply
    coercer = assurance * terms + (1 - assurance) * ((1 - delta) * terms + delta * later)
    return target, coercer, resists


def _root(value: Any, kind: str) -> Any:
    """The square root of a discriminant that is non-negative whenever a root exists in [0, 1]."""
    if kind == "float":
        return math.sqrt(max(value, 0.0))  # a rounding error below zero is zero
    fraction = Fraction(value)
    top, bottom = math.isqrt(fraction.numerator), math.isqrt(fraction.denominator)
    if top * top != fraction.numerator or bottom * bottom != fraction.denominator:
        raise NotImplementedError(
            f"the terms that leave the marginal type indifferent are irrational (sqrt of {fraction}); "
            "solve the float game"
        )
    return Fraction(top, bottom)


def renewal_terms(game: CoerciveGame, value: Any, share: Any, target_cost: Any) -> Any:
    r"""The terms :math:`x \in [0, 1]` at which settling is worth exactly ``value`` to the type
    (``None`` when no terms are: :math:`V(0) < ` ``value`` or ``value < 0``).

    >>> from fractions import Fraction
    >>> from bargaining.coercive_game import CoerciveGame
    >>> game = CoerciveGame(discount=Fraction(1, 2), horizon=0, resolve=(0,), assurance=0)
    >>> renewal_terms(game, Fraction(3, 8), Fraction(1, 2), 0)
    Fraction(1, 2)
    """
    delta, assurance = game.discount, game.assurance
    if value < 0 or renewal_values(game, 0 * delta, share, target_cost)[0] < value:
        return None
    war = 1 - share - target_cost
    scale = assurance + (1 - assurance) * (1 - delta + delta * war)
    if scale > 0:
        terms = 1 - value / scale  # the target resists the renewal
        if 0 <= terms <= 1 and renewal_values(game, terms, share, target_cost)[2]:
            return terms
    # the target complies with every renewal: -a d h^2 + (a + (1-a)(1-d) + value d) h - value = 0
    linear = assurance + (1 - assurance) * (1 - delta) + value * delta
    quadratic = assurance * delta
    if quadratic == 0:
        held = value / linear
    else:
        root = _root(linear * linear - 4 * quadratic * value, game.kind)
        held = (linear - root) / (2 * quadratic)
    return 1 - held

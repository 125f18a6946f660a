r"""Settlement durability: a ceasefire each side keeps only while keeping beats reneging.

When ``CoerciveGame.self_enforcing`` is set, a settlement at terms :math:`x` (C's share of the
flow) reached at the front :math:`m` is a ceasefire, counted in ceasefire periods
:math:`k = 0, 1, \dots` from the period of the settlement. During it C's war share at the frozen
front moves by the declared ``rearmament`` :math:`d_1, \dots, d_K` (:math:`d_k = d_K` for
:math:`k \ge K`, :math:`d_0 = 0`). In every ceasefire period each side, C first, keeps the deal
iff its continuation is at least reneging: the period's flow at the terms, the one-off renege gain
:math:`g_i` minus the guarantee :math:`G` it pays the third party, and from the next period war for
ever at the frozen front at the shifted share, with no further bargaining:

.. math:: (1-\delta)s_i + \delta E_i(k+1) \;\ge\; (1-\delta)s_i + g_i - G + \delta W_i(k+1),
   \qquad W_C(k) = \pi(m) + d_k - c_C, \quad W_T(\tau, k) = 1 - \pi(m) - d_k - c_T(\tau),

with :math:`s_C = x`, :math:`s_T = 1 - x` and :math:`E_i` the equilibrium continuation (the
first failure ends the deal). The resumed war is the frozen war of the post-horizon game (no
battles, no more offers, the screw's rise ended with the settlement). From :math:`k = K` the
problem is stationary, so the deal is kept for ever iff
:math:`\delta (s_i - W_i(K)) \ge g_i - G` for both sides, otherwise it breaks at :math:`K`;
before :math:`K` backward induction decides each period. Ties keep the deal; when both sides
would renege, C is the one that breaks it.

Units: one-off amounts count as they are (the game's convention), so :class:`Ceasefire`'s renege
gain and guarantee, in units of one period's flow, are the game's :math:`g, G` divided by
:math:`1 - \delta`; with no rearmament the stationary condition is then exactly Ceasefire's
:math:`\delta(s_i - w_i) \ge (1-\delta)(g_i - G)` (Fearon 1995; Fortna 2003; Walter 1997).

The value of accepting the terms depends on the type through its war value, so skimming is no
longer implied by the type maps: the exact solver checks at every node that the acceptance set
is the least resolute types and raises :class:`NotImplementedError` naming the node otherwise.

>>> from fractions import Fraction
>>> from bargaining.coercive_game import CoerciveGame
>>> game = CoerciveGame(discount=Fraction(1, 2), horizon=0, resolve=(Fraction(1, 2),), power=Fraction(1, 2),
...                     self_enforcing=True, rearmament=(Fraction(1, 5),), target_cost=Fraction(1, 20))
>>> ceasefire(game, Fraction(1, 2), Fraction(1, 2), Fraction(1, 20))
Breach(period=0, breaker='coercer', coercer=Fraction(3, 5), target=Fraction(3, 8))
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .model import CoerciveGame

__all__ = ["Breach", "ceasefire", "terms_for_value"]

_SIDES = ("coercer", "target")


@dataclass(frozen=True, slots=True)
class Breach:
    """The outcome of a ceasefire at given terms for one target type.

    ``period`` is the ceasefire period (0 = the period of the settlement) in which the deal is
    broken, ``None`` if it is kept for ever; ``breaker`` is ``"coercer"``, ``"target"`` or
    ``None``; ``coercer`` and ``target`` are each side's normalised value from the settlement on
    (before the carrot).

    >>> from fractions import Fraction
    >>> from bargaining.coercive_game import CoerciveGame
    >>> game = CoerciveGame(discount=Fraction(1, 2), horizon=0, resolve=(Fraction(1, 2),), power=Fraction(1, 2),
    ...   self_enforcing=True, rearmament=(Fraction(1, 5),), target_cost=Fraction(1, 20))
    >>> breach = ceasefire(game, Fraction(1, 2), Fraction(1, 2), Fraction(1, 20))
    >>> breach.period, breach.breaker
    (0, 'coercer')
    """

    period: int | None
    breaker: str | None
    coercer: Any
    target: Any


def _shift(game: CoerciveGame, k: int) -> Any:
    shifts = game.rearmament or ()
    if k <= 0 or not shifts:
        return 0 * game.discount
    return shifts[min(k, len(shifts)) - 1]


def _war(game: CoerciveGame, share: Any, target_cost: Any, k: int) -> tuple[Any, Any]:
    """(C's, T's) value of the frozen war from ceasefire period ``k`` on."""
    shifted = share + _shift(game, k)
    return shifted - game.cost_coercer, 1 - shifted - target_cost


def ceasefire(game: CoerciveGame, terms: Any, share: Any, target_cost: Any) -> Breach:
    r"""Who breaks a ceasefire at ``terms``, when, and each side's value (backward induction).

    ``share`` is :math:`\pi(m)` at the frozen front and ``target_cost`` the type's
    :math:`c_T(\tau)` per period. :math:`O(K)` exact operations.

    >>> from fractions import Fraction
    >>> from bargaining.coercive_game import CoerciveGame
    >>> game = CoerciveGame(discount=Fraction(9, 10), horizon=0, resolve=(0,), self_enforcing=True,
    ...                     renege_gain_target=Fraction(1, 25))
    >>> ceasefire(game, Fraction(1, 2), Fraction(1, 2), Fraction(1, 20)).period is None
    True
    """
    delta, guarantee = game.discount, game.guarantee
    gains = (game.renege_gain_coercer - guarantee, game.renege_gain_target - guarantee)
    flows = (terms, 1 - terms)
    last = len(game.rearmament or ())

    def broken(side: int, wars: tuple[Any, Any]) -> list[Any]:
        values = [(1 - delta) * flows[one] + delta * wars[one] for one in (0, 1)]
        values[side] += gains[side]
        return values

    wars = _war(game, share, target_cost, last + 1)
    breaker = next((side for side in (0, 1) if delta * (flows[side] - wars[side]) < gains[side]), None)
    period, who = (None, None) if breaker is None else (last, breaker)
    values = list(flows) if breaker is None else broken(breaker, wars)
    for k in range(last - 1, -1, -1):
        wars = _war(game, share, target_cost, k + 1)
        keep = [(1 - delta) * flows[side] + delta * values[side] for side in (0, 1)]
        breaker = next((side for side in (0, 1) if keep[side] < broken(side, wars)[side]), None)
        if breaker is None:
            values = keep
        else:
            values, period, who = broken(breaker, wars), k, breaker
    return Breach(period, None if who is None else _SIDES[who], values[0], values[1])


def terms_for_value(game: CoerciveGame, value: Any, share: Any, target_cost: Any) -> list[Any]:
    r"""Every terms :math:`x \in [0, 1]` at which the type's ceasefire is worth exactly ``value``.

    On each breach pattern (kept for ever, or broken at period :math:`b` by C or by T) the
    target's value is linear in :math:`x`; each pattern's root is kept when the ceasefire at that
    root really follows the pattern. Exact for exact inputs, sorted.

    >>> from fractions import Fraction
    >>> from bargaining.coercive_game import CoerciveGame
    >>> game = CoerciveGame(discount=Fraction(1, 2), horizon=0, resolve=(0,), self_enforcing=True)
    >>> terms_for_value(game, Fraction(2, 5), Fraction(1, 2), 0)  # T breaks at once: (1 - x)/2 + 1/4
    [Fraction(7, 10)]
    """
    delta, guarantee = game.discount, game.guarantee
    last = len(game.rearmament or ())
    roots: list[Any] = []
    patterns: list[tuple[int | None, str | None]] = [(None, None)]
    patterns += [(b, who) for b in range(last + 1) for who in ("coercer", "target")]
    for period, who in patterns:
        if period is None:
            candidate = 1 - value
        else:
            war = _war(game, share, target_cost, period + 1)[1]
            rest = delta ** (period + 1) * war
            if who == "target":
                rest += delta**period * (game.renege_gain_target - guarantee)
            candidate = 1 - (value - rest) / (1 - delta ** (period + 1))
        if not 0 <= candidate <= 1 or candidate in roots:
            continue
        breach = ceasefire(game, candidate, share, target_cost)
        if (breach.period, breach.breaker) == (period, who) and breach.target == value:
            roots.append(candidate)
    return sorted(roots)

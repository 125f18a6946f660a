r"""The value of fighting the whole remaining war: a race to the decisive margin, valued subjectively.

A side deciding whether to settle compares the terms with what fighting the **whole** remaining war
is worth to it, not one battle: its subjective probability of winning the race to the decisive
margin, discounted to the date the race ends, minus its expected discounted costs (Smith & Stam
2004, "Bargaining and the Nature of War", JCR 48(6); Slantchev 2003, APSR 97(4)).

At lattice node :math:`(n, k)` (:math:`n` battles fought, :math:`k` won by the coercer, front
:math:`m = 2k - n`) side :math:`i` predicts the next battle from its Beta posterior (the Pólya-urn
predictive):

.. math:: \rho_i(n, k) = \frac{a_i + k}{N_i + n},

with :math:`a_C = m_C N_C` and :math:`a_T = (1 - q_T) N_T` its prior pseudo-wins of the coercer.
The coercer's value of fighting on from :math:`(n, k)` is, by backward induction over the lattice,

.. math::
    W_C(n, k) = -c_C + \delta\,\bigl[\rho_C\,X_C(n + 1, k + 1) + (1 - \rho_C)\,X_C(n + 1, k)\bigr],

where :math:`X_C` is 1 where the coercer's lead reaches the margin :math:`M`, 0 where the target's
does, and :math:`W_C` elsewhere; the target's :math:`W_T` is the same with its own predictive, its
own cost (which may rise: the screw) and the roles of the margins swapped. At the horizon :math:`H`
the war still on is decided by **one final battle**, :math:`W_C(H, k) = -c_C + \delta\rho_C(H, k)`.
So :math:`H = n` (nothing after the current battle) is the one-battle valuation
:math:`\hat m_C - c_C` of :mod:`bargaining.war.learning`'s closed form, and longer horizons value
the whole war. Costs are one-off amounts per battle in stake units; a settlement is worth its terms
at once (a per-period flow cost :math:`f` in the normalised units of a flow stake is
:math:`(1 - \delta) f` here).

The **subjective bargaining range** at a node is :math:`[W_C,\ 1 - W_T]`; it is empty while the
sides' optimism about the race exceeds what the war costs them (the principle of convergence).

:func:`continuation` is the backward induction itself, with an optional stopping rule (settle, or
accept an ultimatum), so the pressure schedules of :mod:`bargaining.war.strategies` value the
target's refusal as its **equilibrium continuation**. :func:`simulate_race` samples battle odds from
a side's prior and plays the race (Monte Carlo, an independent check of the Pólya recursion).

>>> from fractions import Fraction
>>> from bargaining.war import LearningWar
>>> war = LearningWar(Fraction(1, 2), Fraction(1, 2), 2, 2, Fraction(1, 2), decisive_margin=2)
>>> coercer, target = war_values(war, horizon=3)
>>> coercer[0].tolist(), target[0].tolist()  # a fair race, no costs: each wins with probability 1/2
([Fraction(1, 2)], [Fraction(1, 2)])
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from ..core.errors import ParameterValueError

if TYPE_CHECKING:
    from .learning import LearningWar

__all__ = ["RaceEstimate", "continuation", "simulate_race", "war_values"]

Side = Literal["coercer", "target"]

# a stopping rule: given the period and the value of fighting on at each node, where the side stops
# and what stopping is worth to it there (None: it never stops)
Stop = Callable[[int, Any], "tuple[Any, Any] | None"]


def _as_bool(values: Any) -> np.ndarray:
    return np.asarray(values, dtype=bool)


def _side(side: Any) -> Side:
    if side not in ("coercer", "target"):
        raise ParameterValueError("side", "'coercer' or 'target'", side)
    result: Side = side
    return result


def continuation(
    war: LearningWar,
    horizon: int,
    side: Side,
    cost: Callable[[int], Any],
    stop: Stop | None = None,
    lump: Callable[[int], Any] | None = None,
) -> list[Any]:
    r"""Backward induction over the lattice: one side's subjective value at every node.

    ``cost(n)`` is the side's cost of the battle fought at period :math:`n` and ``lump(n)`` a
    one-off it pays at :math:`n` if it fights on (an executed threat); ``stop(n, fight)`` returns
    ``(where, worth)``: the nodes where the side stops (a settlement, an accepted demand) and what
    that is worth to it. Returns the values at periods :math:`0, \dots, H`, each an array over the
    coercer's wins :math:`k = 0, \dots, n` (leading axes: parameter arrays). Nodes the decisive
    margin has already closed are never reached; their entries are meaningless.

    >>> from fractions import Fraction
    >>> from bargaining.war import LearningWar
    >>> war = LearningWar(Fraction(3, 4), Fraction(1, 2), 2, 2, Fraction(1, 2))
    >>> continuation(war, 0, "coercer", lambda n: Fraction(1, 10))[0].tolist()  # one battle: m_C - c_C
    [Fraction(13, 20)]
    """
    side = _side(side)
    if isinstance(horizon, bool) or not isinstance(horizon, (int, np.integer)) or not 0 <= horizon <= 10**6:
        raise ParameterValueError("horizon", "an integer number of battles in [0, 1000000]", horizon)
    if not callable(cost):
        raise ParameterValueError("cost", "a callable of the period (the side's cost of that battle)", cost)
    exact = war.kind in ("exact", "symbolic")
    delta = war.expanded("discount")
    if side == "coercer":
        pseudo = war.expanded("coercer_belief") * war.expanded("coercer_confidence")
        strength = war.expanded("coercer_confidence")
    else:
        pseudo = (1 - war.expanded("target_belief")) * war.expanded("target_confidence")
        strength = war.expanded("target_confidence")
    margin = war.decisive_margin
    # what the race's two ends are worth to this side: a coercer victory, a target victory
    c_pay, t_pay = (1, 0) if side == "coercer" else (0, 1)
    values: list[Any] = [None] * (horizon + 1)
    following: Any = None
    for n in range(horizon, -1, -1):
        wins = np.array(list(range(n + 1)), dtype=object) if exact else np.arange(n + 1)
        rho = (pseudo + wins) / (strength + n)
        if following is None:  # the horizon: one final battle decides
            up, down = c_pay + 0 * rho, t_pay + 0 * rho
        else:
            up, down = following[..., 1:], following[..., :-1]
            if margin is not None:
                up = np.where(2 * (wins + 1) - (n + 1) >= margin, c_pay + 0 * up, up)
                down = np.where(2 * wins - (n + 1) <= -margin, t_pay + 0 * down, down)
        expected = rho * up + (1 - rho) * down
        fight = -cost(n) + delta * expected
        if lump is not None:
            fight = fight - lump(n)
        value = fight
        if stop is not None:
            rule = stop(n, fight)
            if rule is not None:
                where, worth = rule
                value = np.where(_as_bool(where), worth + 0 * fight, fight)
        values[n] = value
        following = value
    return values


def war_values(
    war: LearningWar, horizon: int, target_cost: Callable[[int], Any] | None = None
) -> tuple[list[Any], list[Any]]:
    r"""Each side's subjective value of fighting the whole remaining war, at every lattice node.

    Returns ``(coercer, target)``: lists over periods :math:`n = 0, \dots, H` of arrays over
    :math:`k`; :math:`W_C(n, k)` and :math:`W_T(n, k)` as in the module docstring (no settlement
    later: the war fought to the decisive margin or to the horizon's final battle).
    ``target_cost(n)`` overrides the target's constant cost (the screw).

    >>> from fractions import Fraction
    >>> from bargaining.war import LearningWar
    >>> war = LearningWar(Fraction(3, 4), Fraction(3, 4), 2, 2, Fraction(1, 2), Fraction(1, 20),
    ...                   Fraction(1, 20), decisive_margin=1)
    >>> [side[0].tolist() for side in war_values(war, horizon=4)]  # one battle decides at once
    [[Fraction(7, 10)], [Fraction(7, 10)]]
    """
    cost_c = war.expanded("cost_coercer")
    cost_t = war.expanded("cost_target")
    coercer = continuation(war, horizon, "coercer", lambda n: cost_c)
    target = continuation(
        war, horizon, "target", target_cost if target_cost is not None else lambda n: cost_t
    )
    return coercer, target


@dataclass(frozen=True, slots=True)
class RaceEstimate:
    """Monte Carlo estimates of one side's subjective race from the start, with standard errors.

    ``victory`` is the sampled :math:`P(\\text{the coercer wins the race})` under the side's prior
    (a war still on at the horizon is decided by one final battle), ``value`` the side's sampled
    value of fighting the whole war.

    >>> from fractions import Fraction
    >>> import numpy as np
    >>> from bargaining.war import LearningWar
    >>> war = LearningWar(Fraction(1, 2), Fraction(1, 2), 2, 2, Fraction(1, 2), Fraction(1, 20), Fraction(1, 20), 2)
    >>> estimate = simulate_race(war, 10, "coercer", 1000, np.random.default_rng(1))
    >>> estimate.paths, 0 <= estimate.victory <= 1
    (1000, True)
    """

    victory: float
    victory_error: float
    value: float
    value_error: float
    paths: int


def simulate_race(
    war: LearningWar, horizon: int, side: Side, paths: int, rng: np.random.Generator
) -> RaceEstimate:
    r"""Sample :math:`\theta` from ``side``'s prior, play the race, and average (a cross-check).

    Independent of the Pólya recursion in :func:`continuation`: here :math:`\theta` is drawn once
    per path from the Beta prior and the battles are i.i.d. given it (de Finetti), with a constant
    target cost. Scalar parameters only; floats out.

    >>> import numpy as np
    >>> from bargaining.war import LearningWar
    >>> war = LearningWar(0.5, 0.5, 2.0, 2.0, 0.5, decisive_margin=2)
    >>> estimate = simulate_race(war, 20, "coercer", 20000, np.random.default_rng(1))
    >>> bool(abs(estimate.victory - 0.5) < 4 * estimate.victory_error)
    True
    """
    from .lattice import check_horizon

    horizon = check_horizon(horizon)
    side = _side(side)
    if isinstance(paths, bool) or not isinstance(paths, (int, np.integer)) or not 1 <= paths <= 10**8:
        raise ParameterValueError("paths", "an integer in [1, 10**8]", paths)
    if war.kind not in ("exact", "float"):
        raise ParameterValueError("war", "a war with scalar numeric parameters for Monte Carlo", war)
    if not isinstance(rng, np.random.Generator):
        raise ParameterValueError("rng", "a numpy.random.Generator (np.random.default_rng(seed))", rng)
    numeric = war.as_float()
    if side == "coercer":
        a = numeric.coercer_belief * numeric.coercer_confidence
        b = numeric.coercer_confidence - a
        cost = numeric.cost_coercer
    else:
        b = numeric.target_belief * numeric.target_confidence
        a = numeric.target_confidence - b
        cost = numeric.cost_target
    delta = float(numeric.discount)
    theta = rng.beta(a, b, size=paths)
    lead = np.zeros(paths, dtype=np.int64)
    live = np.ones(paths, dtype=bool)
    coercer_won = np.zeros(paths, dtype=bool)
    value = np.zeros(paths)
    margin = war.decisive_margin
    for n in range(horizon + 1):
        value -= np.where(live, cost * delta**n, 0.0)
        won = rng.random(paths) < theta
        lead = lead + np.where(live, 2 * won.astype(np.int64) - 1, 0)
        reached = np.abs(lead) >= margin if margin is not None else np.zeros(paths, dtype=bool)
        # the margin reached, or the horizon's final battle (its outcome decides, not the lead)
        decided = live & (reached | (n == horizon))
        coercer_won = np.where(decided, np.where(reached, lead > 0, won), coercer_won)
        mine = coercer_won if side == "coercer" else ~coercer_won
        value += np.where(decided & mine, delta ** (n + 1), 0.0)
        live &= ~decided
    coercer_won = coercer_won.astype(float)
    se = float(np.sqrt(np.var(coercer_won) / paths))
    return RaceEstimate(
        victory=float(np.mean(coercer_won)),
        victory_error=se,
        value=float(np.mean(value)),
        value_error=float(np.sqrt(np.var(value) / paths)),
        paths=int(paths),
    )

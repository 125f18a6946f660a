"""Named stage games of the literature, with their payoff orderings checked: the prisoner's
dilemma, the assurance game (stag hunt), chicken and the sanctions game.

Each returns a :class:`~bargaining.games.stage.StageGame`; a payoff out of its defining order is
refused with the field that breaks it.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

from ..core.errors import ParameterValueError
from .stage import StageGame

__all__ = ["assurance_game", "chicken", "prisoners_dilemma", "sanctions_game"]


def _ordered(names: Sequence[str], values: Sequence[Any], requirement: str) -> None:
    for (upper_name, upper), (lower_name, lower) in itertools.pairwise(zip(names, values)):
        if not upper > lower:
            raise ParameterValueError(upper_name, f"greater than {lower_name} ({requirement})", upper)


def prisoners_dilemma(
    temptation: Any = 5, reward: Any = 3, punishment: Any = 1, sucker: Any = 0
) -> StageGame:
    """The prisoner's dilemma, :math:`T > R > P > S`: defecting dominates, mutual defection is the
    unique equilibrium (Rapoport & Chammah 1965). Actions ``cooperate``, ``defect``.

    >>> prisoners_dilemma().row_payoffs
    ((Fraction(3, 1), Fraction(0, 1)), (Fraction(5, 1), Fraction(1, 1)))
    """
    _ordered(
        ("temptation", "reward", "punishment", "sucker"),
        (temptation, reward, punishment, sucker),
        "T > R > P > S",
    )
    row = [[reward, sucker], [temptation, punishment]]
    return StageGame(row, [list(r) for r in zip(*row)], ("cooperate", "defect"), ("cooperate", "defect"))


def assurance_game(reward: Any = 4, temptation: Any = 3, punishment: Any = 2, sucker: Any = 0) -> StageGame:
    """The assurance (trust, stag-hunt) game, :math:`R > T \\ge P > S`: cooperating pays only if
    the other cooperates too (Jervis 1978; Kydd 2005, ch. 1). Actions ``cooperate``, ``defect``.

    >>> from bargaining.games.stage import equilibria
    >>> len(equilibria(assurance_game()).extreme)
    3
    """
    _ordered(("reward", "temptation"), (reward, temptation), "R > T >= P > S")
    if not temptation >= punishment:
        raise ParameterValueError("temptation", "at least punishment (R > T >= P > S)", temptation)
    _ordered(("punishment", "sucker"), (punishment, sucker), "R > T >= P > S")
    row = [[reward, sucker], [temptation, punishment]]
    return StageGame(row, [list(r) for r in zip(*row)], ("cooperate", "defect"), ("cooperate", "defect"))


def chicken(win: Any = 3, tie: Any = 2, lose: Any = 1, crash: Any = 0) -> StageGame:
    """Chicken, the crisis game of resolve, :math:`W > \\text{tie} > L > \\text{crash}`: whoever
    stands firm while the other swerves wins (Snyder & Diesing 1977, ch. 2). Actions ``swerve``,
    ``stand firm``.

    >>> from bargaining.games.stage import equilibria
    >>> [e.payoffs for e in equilibria(chicken()).extreme]
    [(Fraction(1, 1), Fraction(3, 1)), (Fraction(3, 2), Fraction(3, 2)), (Fraction(3, 1), Fraction(1, 1))]
    """
    _ordered(("win", "tie", "lose", "crash"), (win, tie, lose, crash), "win > tie > lose > crash")
    row = [[tie, lose], [win, crash]]
    return StageGame(row, [list(r) for r in zip(*row)], ("swerve", "stand firm"), ("swerve", "stand firm"))


def sanctions_game(
    compliance_value: Any = 2,
    sanction_cost: Any = 1,
    punishment_value: Any = 2,
    target_sanction_cost: Any = 3,
    compliance_cost: Any = 1,
) -> StageGame:
    r"""The sanctions game of Tsebelis (1990, JCR 34: 3–28): the sender sanctions or not, the
    target complies or defies, simultaneously. Sanctioning costs the sender ``sanction_cost``
    :math:`s` and pays it ``punishment_value`` :math:`p` against a defier; compliance is worth
    :math:`v` to it. Sanctions cost the target :math:`h` and are lifted if it complies, which
    costs it :math:`k`. With :math:`p > s` and :math:`h > k` the only equilibrium is mixed, and the
    sender's sanction probability :math:`k / h` depends on the *target's* payoffs alone.

    >>> from bargaining.games.stage import equilibria
    >>> equilibria(sanctions_game()).extreme[0].row
    (Fraction(1, 3), Fraction(2, 3))
    """
    v, s, p, h, k = compliance_value, sanction_cost, punishment_value, target_sanction_cost, compliance_cost
    row = [[v - s, p - s], [v, 0 * v]]
    column = [[-k, -h], [-k, 0 * k]]
    return StageGame(row, column, ("sanction", "no sanction"), ("comply", "defy"), ("Sender", "Target"))

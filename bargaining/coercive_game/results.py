"""The typed outputs of the coercive bargaining game, per strategy.

Every probability is named for what it is: ``threat_executed`` is P(T refused at the deadline and
the threat fell), never "P(war)"; ``settled_by[t]`` is P(a settlement was accepted at a period
``<= t``); ``decisive_by[t]`` is P(a side reached the decisive margin in a battle of a period
``<= t``). Outcome probabilities are computed under the true battle odds; utilities under each
side's own prior over them, hence ``subjective``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["GameSolution", "Node"]


@dataclass(frozen=True, slots=True)
class Node:
    """C's move at one state: the types between the state's cut-off and ``cutoff_after`` settle at ``offer``.

    ``offer`` is ``None`` when no one settles. Cut-offs are quantiles, the prior mass of the least
    resolute types (a cut-off inside an atom: its type mixes); ``side`` is the side the next
    state is entered from where C's next move is tied there (1: from below, 0: from above).

    >>> from fractions import Fraction
    >>> from bargaining.coercive_game import CoerciveGame
    >>> game = CoerciveGame(discount=Fraction(1, 2), horizon=0, resolve=(0, 1), target_cost_resolve=Fraction(1, 5))
    >>> game.solve("try_and_see").nodes[0, 0, 0, None]
    Node(cutoff_after=Fraction(1, 2), offer=Fraction(7, 10), side=None)
    """

    cutoff_after: Any
    offer: Any
    side: Any = 0


@dataclass(frozen=True, slots=True)
class GameSolution:
    r"""The equilibrium outcomes of one strategy of the coercive bargaining game.

    Attributes
    ----------
    strategy : str
        ``"try_and_see"``, ``"screw"`` or ``"ultimatum"``.
    settled_by, decisive_by : tuple, one entry per period 0..H
        Cumulative P(settled by t) and P(decisive end by t).
    threat_executed, coercer_backs_down : probability
        P(the threat is executed) and P(C backs down after a refusal at the deadline).
    still_fighting : probability
        P(still fighting after the battle of period H): the front then freezes, war forever.
    length : tuple, entry l = P(the war lasts exactly l periods), l = 0..H+1
        A settlement at t ends a war of t periods; a decisive battle at t one of t + 1; the
        censored mass ``still_fighting`` is not in it (it sums to 1 - still_fighting).
    expected_terms : number or None
        E[C's share | settled] (``None`` when no type ever settles).
    coercer_utility : number
        C's expected utility (normalised present value, under C's prior), ex ante.
    target_utility_by_type, target_utility : tuple / number
        T's value by type and in expectation (under T's prior).
    settled_by_type, threat_executed_by_type : tuple
        P(settled by H | type) and P(threat executed | type).
    settlement_broken, settlement_broken_by_type : probability / tuple
        P(a settlement is reached and later broken) and the same given each type; 0 when
        settlements are permanent (the grid solver handles permanent settlements only).
    renewed_demand, renewed_demand_by_type : probability / tuple
        P(a settlement is reached and C, its aims unlimited, renews the demand): P(settled) times
        :math:`1 - a`; overall and given each type (apart from P(settlement broken)).
    subjective : bool
        Whether the two priors over the battle odds differ (each utility is then subjective).
    nodes : dict
        C's equilibrium move at every reachable state ``(t, front, cutoff, side)`` (empty on the
        grid).

    >>> from fractions import Fraction
    >>> from bargaining.coercive_game import CoerciveGame
    >>> game = CoerciveGame(discount=Fraction(1, 2), horizon=0, resolve=(0, 1), target_cost_resolve=Fraction(1, 5))
    >>> solution = game.solve("try_and_see")
    >>> solution.strategy, solution.settled_by, solution.still_fighting
    ('try_and_see', (Fraction(1, 2),), Fraction(1, 2))
    """

    strategy: str
    settled_by: tuple[Any, ...]
    decisive_by: tuple[Any, ...]
    threat_executed: Any
    coercer_backs_down: Any
    still_fighting: Any
    length: tuple[Any, ...]
    expected_terms: Any
    coercer_utility: Any
    target_utility_by_type: tuple[Any, ...]
    target_utility: Any
    settled_by_type: tuple[Any, ...]
    threat_executed_by_type: tuple[Any, ...]
    subjective: bool
    nodes: dict[tuple[Any, ...], Node]
    settlement_broken: Any = 0
    settlement_broken_by_type: tuple[Any, ...] = ()
    renewed_demand: Any = 0
    renewed_demand_by_type: tuple[Any, ...] = ()

    @property
    def settled(self) -> Any:
        """P(settled by H).

        >>> from fractions import Fraction
        >>> from bargaining.coercive_game import CoerciveGame
        >>> game = CoerciveGame(discount=Fraction(1, 2), horizon=0, resolve=(0, 1), target_cost_resolve=Fraction(1, 5))
        >>> game.solve("try_and_see").settled
        Fraction(1, 2)
        """
        return self.settled_by[-1]

    @property
    def mean_length(self) -> Any:
        """E[length | the war ended by H + 1] (``None`` if it never ends).

        >>> from fractions import Fraction
        >>> from bargaining.coercive_game import CoerciveGame
        >>> game = CoerciveGame(discount=Fraction(1, 2), horizon=0, resolve=(0, 1), target_cost_resolve=Fraction(1, 5))
        >>> game.solve("try_and_see").mean_length
        Fraction(0, 1)
        """
        ended = sum(self.length)
        if ended == 0:
            return None
        return sum(periods * mass for periods, mass in enumerate(self.length)) / ended

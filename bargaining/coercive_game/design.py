"""C's best strategy and best ultimatum design, by exact comparison of equilibria.

C chooses before it learns its execution value, so the design maximises its ex-ante expected
utility (the design signals nothing). ``best_design`` searches the given candidates exhaustively:
exact for exact games, and the maximum over exactly the designs listed (it is no continuous
optimiser). The design has George's three parts of specificity (the condition's ``vagueness``, the
deadline, the audience cost that publicity sets) and a carrot; ``specificity_cost`` is what the user
says each costs C. Ties go to the smallest carrot, then the smallest audience cost, the earliest
deadline, the smallest vagueness and the smallest demand, in that order.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ..core.errors import ParameterValueError
from .model import CoerciveGame, UltimatumDesign
from .results import GameSolution

__all__ = ["BestDesign", "best_design", "best_strategy"]


@dataclass(frozen=True, slots=True)
class BestDesign:
    """The best design found, its carrot, C's utility net of the cost of specificity, and its solution.

    >>> from fractions import Fraction
    >>> game = CoerciveGame(discount=Fraction(1, 2), horizon=0, resolve=(0, 1), target_cost_resolve=Fraction(1, 5))
    >>> found = best_design(game, demands=[Fraction(1, 2), 1], deadlines=[0])
    >>> found.design.demand, found.carrot
    (Fraction(1, 2), Fraction(0, 1))
    """

    design: UltimatumDesign
    carrot: Any
    net_utility: Any
    solution: GameSolution


def best_strategy(game: CoerciveGame, design: UltimatumDesign) -> tuple[str, dict[str, GameSolution]]:
    """The strategy with C's highest ex-ante utility (ties: try-and-see, then the screw), and all three.

    >>> from fractions import Fraction
    >>> game = CoerciveGame(discount=Fraction(1, 2), horizon=1, resolve=(0, 1), target_cost_resolve=Fraction(1, 5),
    ...                     threat_loss=Fraction(1, 2), execution_low=0, execution_high=1)
    >>> best, solutions = best_strategy(game, UltimatumDesign(demand=Fraction(4, 5), deadline=0))
    >>> best, solutions["ultimatum"].threat_executed
    ('ultimatum', Fraction(1, 2))
    """
    solutions = {
        "try_and_see": game.solve("try_and_see"),
        "screw": game.solve("screw"),
        "ultimatum": game.solve(design),
    }
    best = "try_and_see"
    for name, solution in solutions.items():
        if solution.coercer_utility > solutions[best].coercer_utility:
            best = name
    return best, solutions


def best_design(
    game: CoerciveGame,
    demands: Iterable[Any],
    deadlines: Iterable[int],
    audience_costs: Iterable[Any] = (0,),
    carrots: Iterable[Any] | None = None,
    vaguenesses: Iterable[Any] = (0,),
    *,
    specificity_cost: Callable[[UltimatumDesign, Any], Any] | None = None,
) -> BestDesign:
    """The ultimatum design that maximises C's ex-ante utility net of ``specificity_cost``.

    ``carrots`` defaults to the game's own carrot; ``vaguenesses`` are the blurs of the condition
    to try (a demand and a blur that add up to more than 1 are skipped: a sure compliance would be
    more than the stake); ``specificity_cost(design, carrot)`` is C's cost of the design in the
    game's units (none by default), e.g. a cost that falls with the vagueness and the deadline.

    >>> from fractions import Fraction
    >>> game = CoerciveGame(discount=Fraction(1, 2), horizon=0, resolve=(0, 1), target_cost_resolve=Fraction(1, 5))
    >>> found = best_design(game, demands=[Fraction(1, 2), Fraction(7, 10), 1], deadlines=[0])
    >>> found.design.demand, found.net_utility
    (Fraction(7, 10), Fraction(3, 5))
    """
    demand_list, deadline_list = list(demands), list(deadlines)
    audience_list, blur_list = sorted(audience_costs), sorted(vaguenesses)
    carrot_list = sorted(carrots) if carrots is not None else [game.carrot]
    if not demand_list or not deadline_list or not audience_list or not carrot_list or not blur_list:
        raise ParameterValueError(
            "demands",
            "non-empty candidate lists (demands, deadlines, audience costs, carrots, vaguenesses)",
            demand_list,
        )
    best: BestDesign | None = None
    for carrot in carrot_list:
        variant = game if carrot == game.carrot else dataclasses.replace(game, carrot=carrot)
        for audience in audience_list:
            for deadline in sorted(deadline_list):
                for blur in blur_list:
                    for demand in sorted(demand_list):
                        if demand + blur > 1:
                            continue
                        design = UltimatumDesign(
                            demand=demand, deadline=deadline, audience_cost=audience, vagueness=blur
                        )
                        solution = variant.solve(design)
                        net = solution.coercer_utility
                        if specificity_cost is not None:
                            net = net - specificity_cost(design, carrot)
                        if best is None or net > best.net_utility:
                            best = BestDesign(design, variant.carrot, net, solution)
    if best is None:
        raise ParameterValueError("vaguenesses", "some demand + vagueness at most 1", blur_list)
    return best

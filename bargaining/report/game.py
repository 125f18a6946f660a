r"""A scenario as one coercive bargaining game: its primitives, its three strategies, its best design.

A scenario file parameterises :class:`~bargaining.coercive_game.CoerciveGame` in one unit system:
a period is a month; a flow (a cost of war) is a share of the stake per month; a one-off amount
(the threat's loss, the audience cost, a carrot, the coercer's value of executing) is a share of
the stake's whole present value; a demand is the coercer's share of the stake. :data:`GAME_KEYS`
lists where each primitive comes from. The target's resolve :math:`\tau` is Beta distributed
with mean :math:`\mu` and weight :math:`k` (``[game] resolve_mean`` and ``resolve_concentration``),
represented by ``types`` equally likely types at its quantiles
(:func:`~bargaining.coercive_game.quantile_types`). Each side's prior over the monthly battle odds
is a Beta with the mean and weight of ``[war]``: the coercer's
:math:`(b_C k_C, (1 - b_C) k_C)`, the target's over the coercer's odds
:math:`((1 - b_T) k_T, b_T k_T)`, :math:`b_T` being the target's belief in its own odds.

Every number the report states comes from one equilibrium of that game per strategy, solved on
the grid; the strategies, the candidate designs and the comparative statics are each solved as
one batch of games (:func:`~bargaining.report.parameters.solve_games`, through
:func:`~bargaining.coercive_game.solve_batch`), each game's numbers those of the one-game grid
solver with C's cut-offs between the types (:func:`~bargaining.coercive_game.solve_grid` with
``pure_cutoffs=True``: the types are a quantile grid of the file's continuous prior) within 1e-12.

>>> from bargaining.scenarios import load, presets
>>> result = solve_game(load(presets()["specific-threat"]), types=8, designs=False)
>>> sorted(result.solutions)
['screw', 'try_and_see', 'ultimatum']
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..coercive_game import (
    CoerciveGame,
    GameSolution,
    UltimatumDesign,
    solve_strategies,
)
from ..scenarios import Scenario
from .parameters import GAME_KEYS, build_game, solve_games
from .statics import statics

__all__ = [
    "GAME_KEYS",
    "STRATEGY_NAMES",
    "GameResult",
    "build_game",
    "first_best",
    "headline",
    "settlement_breaks",
    "solve_game",
]

#: The game's strategies in the report's words.
STRATEGY_NAMES = {"try_and_see": "try-and-see", "screw": "turning the screw", "ultimatum": "ultimatum"}

#: A scenario file's strategy in the game's words.
_FILE_STRATEGY = {"try-and-see": "try_and_see", "turning-the-screw": "screw", "ultimatum": "ultimatum"}

#: The months at which P(settled by t) is reported (and the horizon).
MILESTONES = (12, 36)


def headline(solution: GameSolution, horizon: int) -> dict[str, float]:
    """The report's numbers of one equilibrium, as floats (months for the length).

    ``settled_<t>`` is P(a settlement accepted by month t); ``ended`` is P(the war ended by the
    horizon, by a settlement or a decisive battle); ``length`` is E[months of war | it ended];
    a threat never issued is never executed and never backed down from (0).

    >>> from bargaining.scenarios import load, presets
    >>> result = solve_game(load(presets()["specific-threat"]), types=8, designs=False)
    >>> sorted(headline(result.solutions["try_and_see"], result.game.horizon))[:3]
    ['backs_down', 'coercer_utility', 'decisive']
    """
    settled = [float(p) for p in solution.settled_by]
    out = {f"settled_{t}": settled[min(t, horizon)] for t in MILESTONES}
    mean = solution.mean_length
    out |= {
        "coercer_utility": float(solution.coercer_utility),
        "target_utility": float(solution.target_utility),
        "settled": settled[-1],
        "threat_executed": float(solution.threat_executed),
        "backs_down": float(solution.coercer_backs_down),
        "decisive": float(solution.decisive_by[-1]),
        "still_fighting": float(solution.still_fighting),
        "length": float("nan") if mean is None else float(mean),
        "terms": float("nan") if solution.expected_terms is None else float(solution.expected_terms),
    }
    return out


@dataclass(frozen=True)
class GameResult:
    """One scenario's game: the three equilibria, the coercer's best strategy and best design.

    >>> from bargaining.scenarios import load, presets
    >>> result = solve_game(load(presets()["specific-threat"]), types=8, designs=False)
    >>> result.chosen, sorted(result.solutions)
    ('ultimatum', ['screw', 'try_and_see', 'ultimatum'])
    """

    scenario: Scenario
    game: CoerciveGame
    design: UltimatumDesign
    solutions: dict[str, GameSolution]
    best: str
    best_design: UltimatumDesign | None
    best_design_solution: GameSolution | None
    curves: dict[Any, Any] | None = None
    """The comparative statics of the ultimatum (:func:`~bargaining.report.statics.statics`)."""
    broken: dict[str, float] | str = ""
    """P(the settlement breaks) per strategy when settlements are the scenario's ceasefires
    (:func:`settlement_breaks`), or why the grid could not solve that game."""

    @property
    def chosen(self) -> str:
        """The scenario's own strategy, in the game's words.

        >>> from bargaining.scenarios import load, presets
        >>> result = solve_game(load(presets()["specific-threat"]), types=8, designs=False)
        >>> result.chosen
        'ultimatum'
        """
        return _FILE_STRATEGY[self.scenario.strategy]

    def numbers(self, strategy: str) -> dict[str, float]:
        """:func:`headline` of one strategy, with P(the settlement breaks) (NaN where unsolved).

        >>> from bargaining.scenarios import load, presets
        >>> result = solve_game(load(presets()["specific-threat"]), types=8, designs=False)
        >>> sorted(result.numbers(result.chosen))[:3]
        ['backs_down', 'coercer_utility', 'decisive']
        """
        broken = self.broken[strategy] if isinstance(self.broken, dict) else float("nan")
        return headline(self.solutions[strategy], self.game.horizon) | {"settlement_broken": broken}


def settlement_breaks(scenario: Scenario, types: int) -> dict[str, float] | str:
    """P(the settlement breaks) under each strategy when every settlement is a ceasefire with the
    file's renege gains and guarantee (``build_game(self_enforcing=True)``), or the solver's
    message where single crossing fails (the cut-off equilibrium does not exist there).

    >>> from bargaining.scenarios import load, presets
    >>> settlement_breaks(load(presets()["specific-threat"]), types=6)[:28]
    'single crossing fails at nod'
    """
    game, design = build_game(scenario, types=types, self_enforcing=True)
    try:
        solutions = solve_strategies(game, design)
    except NotImplementedError as error:
        return str(error)
    return {name: float(solution.settlement_broken) for name, solution in solutions.items()}


#: Quantile types and points per parameter of the comparative statics.
STATICS_TYPES, STATICS_POINTS = 12, 4

#: The demands and deadlines (months) searched for the coercer's best design.
DESIGN_DEMANDS = (0.6, 0.7, 0.8, 0.9)
DESIGN_DEADLINES = (1, 6, 12)


#: Two utilities closer than this are a tie (the batched solver equals the one-game solver to
#: 1e-12, so a tie of the one-game solver may come out of the batch as a difference below it).
TIE = 1e-12


def first_best(utilities: Sequence[float]) -> int:
    """The first index whose utility is within :data:`TIE` of the largest (ties go to the
    earlier candidate).

    >>> first_best([0.5, 0.7, 0.7 + 1e-15, 0.6])
    1
    """
    top = max(utilities)
    return next(index for index, value in enumerate(utilities) if value >= top - TIE)


def solve_game(scenario: Scenario, types: int = 40, *, designs: bool = True) -> GameResult:
    """The scenario's three equilibria, its best strategy and (``designs``) its best design and
    the comparative statics of its ultimatum.

    The best design is the exhaustive maximum of the coercer's ex-ante utility over
    :data:`DESIGN_DEMANDS` x :data:`DESIGN_DEADLINES` at the scenario's audience cost and risk
    (deadlines beyond the horizon left out), on the grid; the candidates are solved as one batch
    (:func:`~bargaining.report.parameters.solve_games`). Ties (within :data:`TIE`) go to the earlier deadline, then the smaller
    demand; between strategies, to try-and-see, then the screw.

    >>> from bargaining.scenarios import load, presets
    >>> result = solve_game(load(presets()["specific-threat"]), types=8, designs=False)
    >>> sorted(result.solutions)
    ['screw', 'try_and_see', 'ultimatum']
    """
    game, design = build_game(scenario, types=types)
    solutions = solve_games([game], [design], ("try_and_see", "screw", "ultimatum"))[0]
    order = ("try_and_see", "screw", "ultimatum")
    best = order[first_best([float(solutions[name].coercer_utility) for name in order])]
    found: tuple[UltimatumDesign, GameSolution] | None = None
    candidates = [
        UltimatumDesign(
            demand=demand,
            deadline=deadline,
            audience_cost=design.audience_cost,
            schelling_risk=design.schelling_risk,
        )
        for deadline in DESIGN_DEADLINES
        if deadline <= game.horizon
        for demand in DESIGN_DEMANDS
    ]
    if designs and candidates:
        solved = [s["ultimatum"] for s in solve_games([game] * len(candidates), candidates, ["ultimatum"])]
        index = first_best([float(s.coercer_utility) for s in solved])
        found = (candidates[index], solved[index])
    return GameResult(
        scenario,
        game,
        design,
        solutions,
        best,
        None if found is None else found[0],
        None if found is None else found[1],
        statics(scenario, STATICS_TYPES, STATICS_POINTS) if designs else None,
        settlement_breaks(scenario, types),
    )

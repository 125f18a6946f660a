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
the grid (:func:`~bargaining.coercive_game.solve_strategies`).

>>> from bargaining.scenarios import load, presets
>>> result = solve_game(load(presets()["specific-threat"]), types=8, designs=False)
>>> sorted(result.solutions)
['screw', 'try_and_see', 'ultimatum']
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..coercive_game import (
    CoerciveGame,
    GameSolution,
    UltimatumDesign,
    quantile_types,
    solve_grid,
    solve_strategies,
)
from ..scenarios import Scenario
from .statics import statics

__all__ = ["GAME_KEYS", "STRATEGY_NAMES", "GameResult", "build_game", "headline", "solve_game"]

#: (section, key, the game's name for it, unit) of every assumption that enters the game.
GAME_KEYS: tuple[tuple[str, str, str, str], ...] = (
    ("game", "discount", "discount", "per month"),
    ("war", "horizon", "horizon", "months"),
    ("game", "resolve_mean", "resolve mean", "resolve in [0, 1]"),
    ("game", "resolve_concentration", "resolve weight", "observations"),
    ("war", "decisive_margin", "margin", "months of net victories"),
    ("war", "battle_odds", "true odds", "probability per month"),
    ("war", "coercer_belief", "coercer's prior mean", "probability per month"),
    ("war", "coercer_confidence", "coercer's prior weight", "months observed"),
    ("war", "target_belief", "target's prior mean of its own odds", "probability per month"),
    ("war", "target_confidence", "target's prior weight", "months observed"),
    ("war", "cost_coercer", "coercer's cost", "stake per month"),
    ("war", "cost_target", "target's cost (most resolute)", "stake per month"),
    ("game", "target_cost_resolve", "target's extra cost (least resolute)", "stake per month"),
    ("war", "escalation", "screw", "stake per month, per month"),
    ("game", "screw_cost", "coercer's cost of the screw", "per unit of screw"),
    ("ultimatum", "threat", "threat's loss (least resolute)", "stake, present value"),
    ("ultimatum", "execution_low", "coercer's lowest value of executing", "stake, present value"),
    ("ultimatum", "execution_high", "coercer's highest value of executing", "stake, present value"),
    ("ultimatum", "carrot", "carrot", "stake, present value"),
    ("ultimatum", "carrot_efficiency", "coercer's cost per unit of carrot", "ratio"),
    ("ultimatum", "carrot_credibility", "P(carrot delivered)", "probability"),
    ("game", "demand", "ultimatum's demand", "coercer's share of the stake"),
    ("war", "deadline", "ultimatum's deadline", "months"),
    ("ultimatum", "audience_cost", "audience cost", "stake, present value"),
    ("ultimatum", "risk", "Schelling's risk", "probability"),
)

#: The game's strategies in the report's words.
STRATEGY_NAMES = {"try_and_see": "try-and-see", "screw": "turning the screw", "ultimatum": "ultimatum"}

#: A scenario file's strategy in the game's words.
_FILE_STRATEGY = {"try-and-see": "try_and_see", "turning-the-screw": "screw", "ultimatum": "ultimatum"}

#: The months at which P(settled by t) is reported (and the horizon).
MILESTONES = (12, 36)


def _values(scenario: Scenario, overrides: Mapping[tuple[str, str], float] | None) -> dict[str, float]:
    out = {}
    for section, key, _, _ in GAME_KEYS:
        value = (
            scenario.value(section, key)
            if overrides is None or (section, key) not in overrides
            else overrides[(section, key)]
        )
        out[f"{section}.{key}"] = float(value)
    return out


def build_game(
    scenario: Scenario, overrides: Mapping[tuple[str, str], float] | None = None, *, types: int = 40
) -> tuple[CoerciveGame, UltimatumDesign]:
    """The scenario's game (floats) and its ultimatum design; ``overrides`` replaces some values.

    >>> from bargaining.scenarios import load, presets
    >>> game, design = build_game(load(presets()["specific-threat"]), types=4)
    >>> game.horizon, game.margin, design.deadline, game.period_unit
    (72, 10, 6, 'month')
    """
    from scipy import stats

    v = _values(scenario, overrides)
    mean, weight = v["game.resolve_mean"], v["game.resolve_concentration"]
    resolve = quantile_types(types, stats.beta(mean * weight, (1 - mean) * weight))
    cb, kc, tb, kt = (
        v["war.coercer_belief"],
        v["war.coercer_confidence"],
        v["war.target_belief"],
        v["war.target_confidence"],
    )
    game = CoerciveGame(
        discount=v["game.discount"],
        horizon=round(v["war.horizon"]),
        resolve=resolve,
        margin=round(v["war.decisive_margin"]),
        true_odds=v["war.battle_odds"],
        prior_coercer=(cb * kc, (1 - cb) * kc),
        prior_target=((1 - tb) * kt, tb * kt),
        cost_coercer=v["war.cost_coercer"],
        target_cost=v["war.cost_target"],
        target_cost_resolve=v["game.target_cost_resolve"],
        threat_loss=v["ultimatum.threat"],
        screw=v["war.escalation"],
        screw_cost=v["game.screw_cost"],
        carrot=v["ultimatum.carrot"],
        carrot_efficiency=v["ultimatum.carrot_efficiency"],
        carrot_credibility=v["ultimatum.carrot_credibility"],
        execution_low=v["ultimatum.execution_low"],
        execution_high=v["ultimatum.execution_high"],
    )
    design = UltimatumDesign(
        demand=v["game.demand"],
        deadline=round(v["war.deadline"]),
        audience_cost=v["ultimatum.audience_cost"],
        schelling_risk=v["ultimatum.risk"],
    )
    return game, design


def headline(solution: GameSolution, horizon: int) -> dict[str, float]:
    """The report's numbers of one equilibrium, as floats (months for the length).

    ``settled_<t>`` is P(a settlement accepted by month t); ``ended`` is P(the war ended by the
    horizon, by a settlement or a decisive battle); ``length`` is E[months of war | it ended];
    a threat never issued is never executed and never backed down from (0).
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
    """One scenario's game: the three equilibria, the coercer's best strategy and best design."""

    scenario: Scenario
    game: CoerciveGame
    design: UltimatumDesign
    solutions: dict[str, GameSolution]
    best: str
    best_design: UltimatumDesign | None
    best_design_solution: GameSolution | None
    curves: dict[Any, Any] | None = None
    """The comparative statics of the ultimatum (:func:`~bargaining.report.statics.statics`)."""

    @property
    def chosen(self) -> str:
        """The scenario's own strategy, in the game's words."""
        return _FILE_STRATEGY[self.scenario.strategy]

    def numbers(self, strategy: str) -> dict[str, float]:
        """:func:`headline` of one strategy."""
        return headline(self.solutions[strategy], self.game.horizon)


#: Quantile types and points per parameter of the comparative statics.
STATICS_TYPES, STATICS_POINTS = 12, 4

#: The demands and deadlines (months) searched for the coercer's best design.
DESIGN_DEMANDS = (0.6, 0.7, 0.8, 0.9)
DESIGN_DEADLINES = (1, 6, 12)


def solve_game(scenario: Scenario, types: int = 40, *, designs: bool = True) -> GameResult:
    """The scenario's three equilibria, its best strategy and (``designs``) its best design and
    the comparative statics of its ultimatum.

    The best design is the exhaustive maximum of the coercer's ex-ante utility over
    :data:`DESIGN_DEMANDS` x :data:`DESIGN_DEADLINES` at the scenario's audience cost and risk
    (deadlines beyond the horizon left out), on the grid.
    """
    game, design = build_game(scenario, types=types)
    solutions = solve_strategies(game, design)
    best = max(solutions, key=lambda name: (float(solutions[name].coercer_utility), name == "try_and_see"))
    found: tuple[UltimatumDesign, GameSolution] | None = None
    if designs:
        for deadline in DESIGN_DEADLINES:
            if deadline > game.horizon:
                continue
            for demand in DESIGN_DEMANDS:
                candidate = UltimatumDesign(
                    demand=demand,
                    deadline=deadline,
                    audience_cost=design.audience_cost,
                    schelling_risk=design.schelling_risk,
                )
                solution = solve_grid(game, candidate)
                if found is None or solution.coercer_utility > found[1].coercer_utility:
                    found = (candidate, solution)
    return GameResult(
        scenario,
        game,
        design,
        solutions,
        best,
        None if found is None else found[0],
        None if found is None else found[1],
        statics(scenario, STATICS_TYPES, STATICS_POINTS) if designs else None,
    )

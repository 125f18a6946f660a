r"""A scenario's primitives as the coercive bargaining game's: which assumption is which parameter.

:data:`GAME_KEYS` lists where each primitive of :class:`~bargaining.coercive_game.CoerciveGame`
comes from in a scenario file (section, key), its name in the game and its unit (a period is a
month); :func:`build_game` builds the game and its ultimatum design at the file's values or at
overridden ones (a draw of the uncertainty analysis, a point of a comparative-statics curve).

:data:`CEASEFIRE_KEYS` are the ``[commitment]`` assumptions that make a settlement a ceasefire
each side keeps only while keeping beats reneging (the game's ``self_enforcing`` settlements):
the renege gains and the guarantee, stated in the file, as ``Ceasefire`` states them, in seasons
of the stake's flow (the ``[crisis]`` period). :func:`ceasefire_fields` converts them to the
game's one-off unit, a share of the stake's whole present value: a season is three months, so
one season's flow is worth :math:`1 - \delta^3` at the monthly discount :math:`\delta`. No
scenario declares a rearmament path, so the frozen share does not move during a ceasefire.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..coercive_game import (
    CoerciveGame,
    GameBatch,
    GameSolution,
    UltimatumDesign,
    quantile_types,
    solve_batch,
)
from ..scenarios import Scenario

__all__ = ["CEASEFIRE_KEYS", "GAME_KEYS", "build_game", "ceasefire_fields", "solve_games"]

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


#: (section, key, the game's name for it, unit) of the ceasefire's assumptions.
CEASEFIRE_KEYS: tuple[tuple[str, str, str, str], ...] = (
    ("commitment", "renege_gain_coercer", "coercer's renege gain", "seasons of the stake's flow"),
    ("commitment", "renege_gain_target", "target's renege gain", "seasons of the stake's flow"),
    ("commitment", "guarantee", "guarantee (paid by a violator)", "seasons of the stake's flow"),
)

#: Months in the ``[crisis]`` period (a season) in which the ceasefire's amounts are stated.
SEASON = 3


def ceasefire_fields(scenario: Scenario, discount: Any) -> dict[str, Any]:
    r"""The game's ``self_enforcing`` fields from the file's ``[commitment]`` values at the monthly
    ``discount`` (a float or an array of draws): each amount times one season's flow,
    :math:`1 - \delta^3`.

    >>> from bargaining.scenarios import load, presets
    >>> fields = ceasefire_fields(load(presets()["security-guarantees"]), 0.99)
    >>> {key: round(value, 6) for key, value in fields.items() if key != "self_enforcing"}
    {'renege_gain_coercer': 0.001485, 'renege_gain_target': 0.047522, 'guarantee': 0.01485}
    """
    season = 1 - discount**SEASON
    return {"self_enforcing": True} | {
        key: float(scenario.value(section, key)) * season for section, key, _, _ in CEASEFIRE_KEYS
    }


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
    scenario: Scenario,
    overrides: Mapping[tuple[str, str], float] | None = None,
    *,
    types: int = 40,
    self_enforcing: bool = False,
) -> tuple[CoerciveGame, UltimatumDesign]:
    """The scenario's game (floats) and its ultimatum design; ``overrides`` replaces some values;
    ``self_enforcing`` makes settlements ceasefires (:func:`ceasefire_fields`).

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
        **(ceasefire_fields(scenario, v["game.discount"]) if self_enforcing else {}),
    )
    design = UltimatumDesign(
        demand=v["game.demand"],
        deadline=round(v["war.deadline"]),
        audience_cost=v["ultimatum.audience_cost"],
        schelling_risk=v["ultimatum.risk"],
    )
    return game, design


def solve_games(
    games: Sequence[CoerciveGame], designs: Sequence[UltimatumDesign], strategies: Sequence[str]
) -> list[dict[str, GameSolution]]:
    """The ``strategies`` of every game (with its design) on the grid, solved as one batch by
    :func:`~bargaining.coercive_game.solve_batch` (each game's numbers those of
    :func:`~bargaining.coercive_game.solve_grid` with ``pure_cutoffs=True`` within 1e-12; ``nodes``
    empty).

    >>> game = CoerciveGame(discount=0.5, horizon=1, resolve=(0.0, 1.0), target_cost_resolve=0.2, screw=0.1)
    >>> designs = [UltimatumDesign(demand=0.75, deadline=0), UltimatumDesign(demand=0.9, deadline=1)]
    >>> [round(s["ultimatum"].coercer_utility, 6) for s in solve_games([game, game], designs, ["ultimatum"])]
    [0.55, 0.5]
    """
    solutions = solve_batch(GameBatch.from_games(games, designs), tuple(strategies))
    return [{name: solutions[name].point(index) for name in strategies} for index in range(len(games))]

r"""Joint uncertainty over a scenario's assumption ranges: intervals, regimes, rankings, Sobol indices.

Every assumption that enters the game (:data:`~bargaining.report.game.GAME_KEYS`) is drawn at
once, uniformly on its range (integers rounded to the nearest), by Saltelli's scheme on a
scrambled Sobol sequence (:func:`SALib.sample.sobol.sample`, which draws with
:mod:`scipy.stats.qmc`), with the assumptions in the groups of :data:`GROUPS`: a base of :math:`N`
points gives :math:`N (G + 2)` draws for :math:`G` groups. Every draw is a point of the joint
box, so all of them give the intervals (5 % and 95 % quantiles), the probability of each regime
(the share of draws in which a strategy is the coercer's best) and, since every scenario is
drawn at the same points of the unit cube, the share of draws in which one scenario beats
another. The same draws give the variance-based sensitivity: Sobol's first-order and total
indices per group (:func:`SALib.analyze.sobol.analyze`, Jansen's estimator), each a share of one
output's variance, so outputs in different units are never compared by raw swings.

The sweep engine (:mod:`bargaining.sweep`) is not used: it evaluates a vectorised model on a
Cartesian grid, and the game is solved one parameter point at a time (its vectorisation is over
types, inside the solver); a Saltelli design is not a Cartesian grid.

A draw whose values make the game undefined (say an execution range with low above high) is
recorded with the assumption values and the error, and left out; the indices are then not
computed for that scenario (they need every draw) and the report says so.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..coercive_game import solve_strategies
from ..core.errors import BargainingError
from ..scenarios import Scenario
from .game import GAME_KEYS, build_game, headline

__all__ = [
    "GROUPS",
    "OUTPUTS",
    "Uncertainty",
    "draw_points",
    "evaluate",
    "rank_shares",
    "signature",
    "uncertainty",
]

#: The groups of assumptions whose Sobol indices are reported (first-order and total).
GROUPS: dict[str, tuple[str, ...]] = {
    "patience and horizon": ("game.discount", "war.horizon"),
    "the target's resolve": ("game.resolve_mean", "game.resolve_concentration", "game.target_cost_resolve"),
    "battles and beliefs": (
        "war.decisive_margin",
        "war.battle_odds",
        "war.coercer_belief",
        "war.coercer_confidence",
        "war.target_belief",
        "war.target_confidence",
    ),
    "costs of war and the screw": (
        "war.cost_coercer",
        "war.cost_target",
        "war.escalation",
        "game.screw_cost",
    ),
    "the threat": (
        "ultimatum.threat",
        "ultimatum.execution_low",
        "ultimatum.execution_high",
        "ultimatum.risk",
    ),
    "the carrot": ("ultimatum.carrot", "ultimatum.carrot_efficiency", "ultimatum.carrot_credibility"),
    "the ultimatum's design": ("game.demand", "war.deadline", "ultimatum.audience_cost"),
}

#: The outputs drawn: (strategy, headline key) -> its label and unit.
OUTPUTS: dict[tuple[str, str], tuple[str, str]] = {
    (strategy, key): (label, unit)
    for strategy in ("try_and_see", "screw", "ultimatum")
    for key, label, unit in (
        ("coercer_utility", "coercer's expected utility", "share of the stake, present value"),
        ("target_utility", "target's expected utility", "share of the stake, present value"),
        ("settled_12", "P(settled by month 12)", "probability"),
        ("settled_36", "P(settled by month 36)", "probability"),
        ("settled", "P(settled by the horizon)", "probability"),
        ("terms", "expected coercer's share if settled", "share of the stake"),
        ("decisive", "P(decisive end by the horizon)", "probability"),
        ("still_fighting", "P(still fighting at the horizon)", "probability"),
        ("length", "length of the war if it ended", "months"),
        ("threat_executed", "P(threat executed)", "probability"),
        ("backs_down", "P(coercer backs down)", "probability"),
    )
    if strategy == "ultimatum" or key not in ("threat_executed", "backs_down")
}

_KEYS = tuple(f"{section}.{key}" for section, key, _, _ in GAME_KEYS)
_INTEGERS = {"war.horizon", "war.decisive_margin", "war.deadline"}


def _problem() -> dict[str, Any]:
    group_of = {name: group for group, names in GROUPS.items() for name in names}
    return {
        "num_vars": len(_KEYS),
        "names": list(_KEYS),
        "bounds": [[0.0, 1.0]] * len(_KEYS),
        "groups": [group_of[name] for name in _KEYS],
    }


def draw_points(base: int, seed: int = 20250101) -> np.ndarray:
    """The Saltelli design on the unit cube: ``base * (len(GROUPS) + 2)`` rows, one column per key.

    >>> draw_points(2).shape
    (18, 25)
    """
    from SALib.sample import sobol

    return np.asarray(
        sobol.sample(_problem(), base, calc_second_order=False, scramble=True, seed=seed), dtype=float
    )


def _scaled(scenario: Scenario, unit: np.ndarray) -> dict[tuple[str, str], float]:
    values: dict[tuple[str, str], float] = {}
    for column, (section, key, _, _) in enumerate(GAME_KEYS):
        a = scenario.assumptions[(section, key)]
        low, high = float(a.low), float(a.high)  # type: ignore[arg-type]  # game keys are numeric
        value = low + float(unit[column]) * (high - low)
        values[(section, key)] = float(round(value)) if f"{section}.{key}" in _INTEGERS else value
    return values


def evaluate(scenario: Scenario, unit: np.ndarray, types: int) -> dict[str, Any]:
    """One draw: the assumption values at the unit-cube point ``unit`` and the game's outputs.

    Returns ``{"values": ..., "outputs": {(strategy, key): float}, "best": strategy}`` or, when the
    game is undefined there, ``{"values": ..., "error": message}``.

    >>> from bargaining.scenarios import load, presets
    >>> scenario = load(presets()["specific-threat"])
    >>> outputs = evaluate(scenario, draw_points(1)[0], types=6)
    >>> sorted(outputs)[:2]
    ['best', 'outputs']
    """

    values = _scaled(scenario, unit)
    try:
        game, design = build_game(scenario, values, types=types)
        solutions = solve_strategies(game, design)
    except BargainingError as error:
        return {"values": values, "error": str(error)}
    outputs = {}
    for strategy, solution in solutions.items():
        numbers = headline(solution, game.horizon)
        for name, key in OUTPUTS:
            if name == strategy:
                outputs[(name, key)] = numbers[key]
    best = max(solutions, key=lambda name: (float(solutions[name].coercer_utility), name == "try_and_see"))
    return {"values": values, "outputs": outputs, "best": best}


def signature(scenario: Scenario) -> tuple[Any, ...]:
    """What of a scenario enters the game: every game assumption's value and range.

    >>> from bargaining.scenarios import load, presets
    >>> signature(load(presets()["specific-threat"])) == signature(load(presets()["security-guarantees"]))
    True
    """
    return tuple(
        (a.value, a.low, a.high)
        for a in (scenario.assumptions[(section, key)] for section, key, _, _ in GAME_KEYS)
    )


def _evaluate_many(scenario: Scenario, rows: np.ndarray, types: int) -> list[dict[str, Any]]:
    return [evaluate(scenario, row, types) for row in rows]


@dataclass(frozen=True)
class Uncertainty:
    """One scenario's joint uncertainty: its draws, intervals, regime shares and Sobol indices.

    >>> from bargaining.scenarios import load, presets
    >>> spread = uncertainty([load(presets()["specific-threat"])], base=1, types=6)
    >>> len(spread), spread[0].scenario.name, spread[0].draws
    (1, 'specific-threat', 9)
    """

    scenario: Scenario
    draws: int
    outputs: dict[tuple[str, str], np.ndarray]
    best: tuple[str, ...]
    failures: tuple[tuple[int, dict[tuple[str, str], float], str], ...]
    indices: dict[tuple[str, str], dict[str, tuple[float, float, float]]] = field(default_factory=dict)
    """Per output and group: (S1, ST, the bootstrap 95 % half-width of ST)."""

    def interval(self, output: tuple[str, str]) -> tuple[float, float, float]:
        """(5 % quantile, median, 95 % quantile) of one output over the draws (NaNs left out).

        >>> from bargaining.scenarios import load, presets
        >>> spread = uncertainty([load(presets()["specific-threat"])], base=1, types=6)
        >>> low, median, high = spread[0].interval(("try_and_see", "coercer_utility"))
        >>> low <= median <= high
        True
        """
        values = self.outputs[output]
        finite = values[np.isfinite(values)]
        if not finite.size:
            return (math.nan, math.nan, math.nan)
        low, mid, high = np.quantile(finite, [0.05, 0.5, 0.95])
        return float(low), float(mid), float(high)

    def regimes(self) -> dict[str, float]:
        """The share of draws in which each strategy is the coercer's best.

        >>> from bargaining.scenarios import load, presets
        >>> spread = uncertainty([load(presets()["specific-threat"])], base=1, types=6)
        >>> sorted(spread[0].regimes())
        ['screw', 'try_and_see', 'ultimatum']
        """
        total = len(self.best)
        return (
            {name: self.best.count(name) / total for name in ("try_and_see", "screw", "ultimatum")}
            if total
            else {}
        )


def uncertainty(
    scenarios: Sequence[Scenario], base: int = 4, *, types: int = 12, workers: int = 1, seed: int = 20250101
) -> list[Uncertainty]:
    """Every scenario's joint uncertainty from ``base * (len(GROUPS) + 2)`` draws each.

    ``types`` is the number of quantile types of the draws' games; ``workers`` > 1 spreads the
    draws over that many processes.

    >>> from bargaining.scenarios import load, presets
    >>> spread = uncertainty([load(presets()["specific-threat"])], base=1, types=6)
    >>> sorted(spread[0].regimes())
    ['screw', 'try_and_see', 'ultimatum']
    """
    from SALib.analyze import sobol

    points = draw_points(base, seed)
    unique: dict[tuple[Any, ...], Scenario] = {}
    for scenario in scenarios:  # scenarios that differ only outside the game are drawn once
        unique.setdefault(signature(scenario), scenario)
    chunks = max(1, min(len(points), 2 * workers))
    pieces = [rows for rows in np.array_split(points, chunks) if len(rows)]
    jobs = [(key, scenario, rows) for key, scenario in unique.items() for rows in pieces]
    if workers > 1 and len(jobs) > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=workers) as pool:
            evaluated = list(
                pool.map(_evaluate_many, [j[1] for j in jobs], [j[2] for j in jobs], [types] * len(jobs))
            )
    else:
        evaluated = [_evaluate_many(scenario, rows, types) for _, scenario, rows in jobs]
    by_signature: dict[tuple[Any, ...], list[dict[str, Any]]] = {key: [] for key in unique}
    for (key, _, _), draws_done in zip(jobs, evaluated):
        by_signature[key].extend(draws_done)
    done = [by_signature[signature(scenario)] for scenario in scenarios]
    from SALib.util import extract_group_names

    results = []
    problem = _problem()
    order = list(extract_group_names(problem)[0])  # SALib's order of the groups
    for scenario, draws in zip(scenarios, done):
        failures = tuple((i, d["values"], d["error"]) for i, d in enumerate(draws) if "error" in d)
        good = [d for d in draws if "error" not in d]
        outputs = {key: np.array([d["outputs"][key] for d in good], dtype=float) for key in OUTPUTS}
        indices: dict[tuple[str, str], dict[str, tuple[float, float, float]]] = {}
        if not failures:
            for key, values in outputs.items():
                if not np.all(np.isfinite(values)) or float(np.var(values)) <= 1e-18:
                    continue
                found = sobol.analyze(problem, values, calc_second_order=False, num_resamples=50, seed=seed)
                indices[key] = {
                    group: (float(first), float(total), float(conf))
                    for group, first, total, conf in zip(order, found["S1"], found["ST"], found["ST_conf"])
                }
        results.append(
            Uncertainty(scenario, len(good), outputs, tuple(d["best"] for d in good), failures, indices)
        )
    return results


def rank_shares(results: Sequence[Uncertainty], output: tuple[str, str] | None = None) -> np.ndarray:
    """``shares[i, j]``: the share of common draws in which scenario i's output beats scenario j's.

    By default the output is the coercer's expected utility under each scenario's own strategy.
    Draws that failed in either scenario are left out of that pair.

    >>> from bargaining.scenarios import load, presets
    >>> spread = uncertainty([load(presets()["specific-threat"])], base=1, types=6)
    >>> rank_shares(spread).shape
    (1, 1)
    """
    from .game import _FILE_STRATEGY

    n = len(results)
    shares = np.full((n, n), np.nan)
    columns = []
    for r in results:
        key = output or (_FILE_STRATEGY[r.scenario.strategy], "coercer_utility")
        failed = {i for i, _, _ in r.failures}
        total = r.draws + len(failed)
        column = np.full(total, np.nan)
        column[[i for i in range(total) if i not in failed]] = r.outputs[key]
        columns.append(column)
    for i in range(n):
        for j in range(n):
            if i != j and len(columns[i]) == len(columns[j]):
                both = np.isfinite(columns[i]) & np.isfinite(columns[j])
                if both.any():
                    shares[i, j] = float(np.mean(columns[i][both] > columns[j][both] + 1e-12))
    return shares

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
indices per group (SALib's estimators, Jansen's for the total, applied to every output at once
by :func:`bargaining.report.sobol.indices`, which equals :func:`SALib.analyze.sobol.analyze`
output by output), each a share of one output's variance, so outputs in different units are
never compared by raw swings.

All the draws of a scenario are solved together: their games form one
:class:`~bargaining.coercive_game.batch.GameBatch` (the horizon, the margin and the deadline
differ from draw to draw) solved in one call of the batched grid solver
(:func:`~bargaining.coercive_game.grid_batch.solve_batch`, its compiled kernel where numba is
installed), with each draw's numbers those of the one-game grid solver. The sweep engine (:mod:`bargaining.sweep`) is not used: it evaluates a
vectorised model on a Cartesian grid, and a Saltelli design is not a Cartesian grid.

The intervals' Monte-Carlo error (:meth:`Uncertainty.interval_error`) is the half-width of the
distribution-free confidence interval of each end, from the order statistics.

A draw whose values make the game undefined (say an execution range with low above high), or
leave it without an equilibrium the grid can find (a node where no pure cut-off answers the
committed demand, or without single crossing), is recorded
with the assumption values and the error, and left out; the indices are then computed on the base
points of the design whose every draw was solved (:func:`complete_blocks`), and the report says
how many.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..coercive_game.batch import GameBatch, point_errors
from ..coercive_game.grid_batch import BatchSolution, solve_batch
from ..scenarios import Scenario
from .game import GAME_KEYS, MILESTONES, settlement_breaks
from .parameters import CEASEFIRE_KEYS, ceasefire_fields
from .sobol import indices as sobol_indices

__all__ = [
    "GROUPS",
    "OUTPUTS",
    "ULTIMATUM_ONLY",
    "Uncertainty",
    "complete_blocks",
    "draw_points",
    "evaluate",
    "evaluate_many",
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

#: The groups whose assumptions enter only the ultimatum (its threat and its design): under
#: try-and-see and the screw they move nothing, by construction.
ULTIMATUM_ONLY = ("the threat", "the ultimatum's design")

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
        ("settlement_broken", "P(the settlement breaks)", "probability"),
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


def _scaled(scenario: Scenario, units: np.ndarray) -> dict[tuple[str, str], np.ndarray]:
    """Every game assumption at every draw: its range's point at the unit-cube coordinates."""
    values: dict[tuple[str, str], np.ndarray] = {}
    units = np.atleast_2d(units)
    for column, (section, key, _, _) in enumerate(GAME_KEYS):
        a = scenario.assumptions[(section, key)]
        low, high = float(a.low), float(a.high)  # type: ignore[arg-type]  # game keys are numeric
        value = low + units[:, column].astype(float) * (high - low)
        values[(section, key)] = np.round(value) if f"{section}.{key}" in _INTEGERS else value
    return values


def _batch_fields(values: dict[tuple[str, str], np.ndarray], types: int) -> dict[str, Any]:
    """:func:`~bargaining.report.parameters.build_game` at every draw, as a batch's fields."""
    from scipy import stats

    v = {f"{section}.{key}": array for (section, key), array in values.items()}
    mean, weight = v["game.resolve_mean"], v["game.resolve_concentration"]
    levels = (np.arange(types) + 0.5) / types
    with np.errstate(invalid="ignore"):
        resolve = stats.beta.ppf(levels[None, :], (mean * weight)[:, None], ((1 - mean) * weight)[:, None])
    cb, kc = v["war.coercer_belief"], v["war.coercer_confidence"]
    tb, kt = v["war.target_belief"], v["war.target_confidence"]
    return {
        "discount": v["game.discount"],
        "horizon": v["war.horizon"].astype(np.int64),
        "resolve": np.asarray(resolve, dtype=float),
        "margin": v["war.decisive_margin"].astype(np.int64),
        "true_odds": v["war.battle_odds"],
        "prior_coercer": np.stack([cb * kc, (1 - cb) * kc], axis=1),
        "prior_target": np.stack([(1 - tb) * kt, tb * kt], axis=1),
        "cost_coercer": v["war.cost_coercer"],
        "target_cost": v["war.cost_target"],
        "target_cost_resolve": v["game.target_cost_resolve"],
        "threat_loss": v["ultimatum.threat"],
        "screw": v["war.escalation"],
        "screw_cost": v["game.screw_cost"],
        "carrot": v["ultimatum.carrot"],
        "carrot_efficiency": v["ultimatum.carrot_efficiency"],
        "carrot_credibility": v["ultimatum.carrot_credibility"],
        "execution_low": v["ultimatum.execution_low"],
        "execution_high": v["ultimatum.execution_high"],
        "demand": v["game.demand"],
        "deadline": v["war.deadline"].astype(np.int64),
        "audience_cost": v["ultimatum.audience_cost"],
        "schelling_risk": v["ultimatum.risk"],
    }


def _headlines(solution: BatchSolution) -> dict[str, np.ndarray]:
    """:func:`~bargaining.report.game.headline` at every point of a batch."""
    points = np.arange(len(solution.horizon))
    horizon = solution.horizon
    out = {f"settled_{t}": solution.settled_by[points, np.minimum(t, horizon)] for t in MILESTONES}
    ended = solution.length.sum(axis=1)
    months = (solution.length * np.arange(solution.length.shape[1])).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(ended == 0, np.nan, months / np.where(ended == 0, 1.0, ended))
    out |= {
        "coercer_utility": solution.coercer_utility,
        "target_utility": solution.target_utility,
        "settled": solution.settled_by[points, horizon],
        "threat_executed": solution.threat_executed,
        "backs_down": solution.coercer_backs_down,
        "decisive": solution.decisive_by[points, horizon],
        "still_fighting": solution.still_fighting,
        "length": mean,
        "terms": solution.expected_terms,
    }
    return out


def _breaks(
    scenario: Scenario,
    fields: dict[str, Any],
    solved: np.ndarray,
    rows: np.ndarray,
    outputs: dict[tuple[str, str], np.ndarray],
) -> None:
    """P(the settlement breaks) at every solved draw: the draws' games again, with the file's
    ceasefire (:func:`~bargaining.report.parameters.ceasefire_fields` at each draw's discount);
    a draw where single crossing fails stays NaN (its other outputs are the permanent settlements').

    The draws are tried only when the scenario's own game (its file's values, at the draws' number
    of types) has an equilibrium with ceasefires: a ceasefire game costs about ten times a
    permanent one per draw, and in every preset single crossing fails already at the file's values
    (the scenario's section says where), so its draws are left NaN.
    """
    if isinstance(settlement_breaks(scenario, fields["resolve"].shape[1]), str):
        return
    durable = GameBatch(**fields, **ceasefire_fields(scenario, fields["discount"])).select(solved)
    solutions = solve_batch(durable, failures={})  # a failing draw's outputs are NaN
    for name, solution in solutions.items():
        outputs[(name, "settlement_broken")][rows] = solution.settlement_broken


def evaluate_many(scenario: Scenario, units: np.ndarray, types: int) -> dict[str, Any]:
    """The draws at the unit-cube points ``units`` (one row each), solved as one batch.

    Returns ``{"values": {(section, key): array}, "outputs": {(strategy, key): array},
    "best": array of strategy names, "errors": {row: message}}``; a row whose values make the
    game undefined (or leave it without an equilibrium on the grid) has NaN outputs and an empty
    best, and its message names the assumption and the value.

    Two draws, at the centre of the unit cube and at a quarter of every range:

    >>> from bargaining.scenarios import load, presets
    >>> units = np.array([np.full(25, 0.5), np.full(25, 0.25)])
    >>> drawn = evaluate_many(load(presets()["specific-threat"]), units, types=2)
    >>> drawn["values"][("war", "horizon")], drawn["best"], drawn["errors"]
    (array([72., 66.]), array(['screw', 'screw'], dtype=object), {})
    >>> np.round(drawn["outputs"][("screw", "coercer_utility")], 4)
    array([0.6624, 0.5684])
    """
    values = _scaled(scenario, units)
    draws = len(units)
    fields = _batch_fields(values, types)
    errors = {row: str(error).replace(f"[{row}]", "") for row, error in point_errors(fields).items()}
    good = np.array([row for row in range(draws) if row not in errors], dtype=np.intp)
    outputs = {key: np.full(draws, np.nan) for key in OUTPUTS}
    best = np.full(draws, "", dtype=object)
    if len(good):
        clean: dict[str, Any] = {
            key: (value[good] if isinstance(value, np.ndarray) else value) for key, value in fields.items()
        }
        batch = GameBatch(**clean)
        failed: dict[int, str] = {}  # a draw without an equilibrium on the grid: its node, its outputs NaN
        solutions = solve_batch(batch, failures=failed)
        errors |= {int(good[row]): message for row, message in failed.items()}
        solved = np.array([row for row in range(len(good)) if row not in failed], dtype=np.intp)
        if len(solved):
            numbers = {name: _headlines(solution) for name, solution in solutions.items()}
            for strategy, key in OUTPUTS:
                if key != "settlement_broken":  # from the ceasefires' game, below
                    outputs[(strategy, key)][good[solved]] = numbers[strategy][key][solved]
            _breaks(scenario, clean, solved, good[solved], outputs)
            names = np.array(["try_and_see", "screw", "ultimatum"], dtype=object)
            utilities = np.stack([numbers[name]["coercer_utility"][solved] for name in names])
            best[good[solved]] = names[np.argmax(utilities, axis=0)]  # ties: try-and-see, then the screw
    return {"values": values, "outputs": outputs, "best": best, "errors": dict(sorted(errors.items()))}


def evaluate(scenario: Scenario, unit: np.ndarray, types: int) -> dict[str, Any]:
    """One draw: the assumption values at the unit-cube point ``unit`` and the game's outputs.

    Returns ``{"values": ..., "outputs": {(strategy, key): float}, "best": strategy}`` or, when the
    game is undefined there, ``{"values": ..., "error": message}``.

    >>> from bargaining.scenarios import load, presets
    >>> draw = evaluate(load(presets()["specific-threat"]), np.full(25, 0.5), types=4)
    >>> draw["best"], round(draw["values"][("war", "horizon")])
    ('screw', 72)
    """
    done = evaluate_many(scenario, np.asarray(unit, dtype=float)[None, :], types)
    values = {key: float(value[0]) for key, value in done["values"].items()}
    if done["errors"]:
        return {"values": values, "error": done["errors"][0]}
    outputs = {key: float(value[0]) for key, value in done["outputs"].items()}
    return {"values": values, "outputs": outputs, "best": str(done["best"][0])}


def complete_blocks(draws: int, failed: set[int] | frozenset[int]) -> np.ndarray:
    """The rows of the Saltelli design whose base point has every draw solved, one row of
    ``len(GROUPS) + 2`` draw indices per such base point.

    The design is made of blocks, one per base point: its draw from the matrix A, one draw per
    group with that group's columns from B, and its draw from B (:func:`draw_points`). Saltelli's
    and Jansen's estimators are averages over the blocks, so leaving out the blocks of failed draws
    is the same estimate on the remaining base points (a smaller sample of the same design), where
    leaving out single draws would pair a block's draws with another block's.

    >>> complete_blocks(27, {10}).tolist()[1]  # base points 0 and 2 (block 1 holds draw 10)
    [18, 19, 20, 21, 22, 23, 24, 25, 26]
    """
    step = len(GROUPS) + 2
    broken = {index // step for index in failed}
    kept = [block for block in range(draws // step) if block not in broken]
    return (np.asarray(kept, dtype=np.intp)[:, None] * step + np.arange(step)[None, :]).reshape(
        len(kept), step
    )


def signature(scenario: Scenario, types: int) -> tuple[Any, ...]:
    """What of a scenario enters the game's numbers at ``types`` quantile types: every game
    assumption's value and range, and the ceasefire's (``[commitment]``: renege gains, guarantee)
    when they enter a number, that is when the game with the file's ceasefires has an equilibrium at
    the file's values (:func:`~bargaining.report.game.settlement_breaks`; only then are the draws'
    ceasefire games solved, in :func:`_breaks`). Two scenarios with one signature have the same
    draws and the same numbers, P(the settlement breaks) at the file's values aside.

    >>> from bargaining.scenarios import load, presets
    >>> threat, guarantees = (load(presets()[name]) for name in ("specific-threat", "security-guarantees"))
    >>> signature(threat, 6) == signature(guarantees, 6)  # single crossing fails in both ceasefire games
    True
    """
    keys = GAME_KEYS
    if not isinstance(settlement_breaks(scenario, types), str):
        keys += CEASEFIRE_KEYS
    return tuple(
        (a.value, a.low, a.high)
        for a in (scenario.assumptions[(section, key)] for section, key, _, _ in keys)
    )


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
    types: int = 12
    """The quantile types of resolve each draw's game was solved on."""
    index_base: int = 0
    """The base points of the Saltelli design the indices use: those whose every draw was solved
    (:func:`complete_blocks`)."""

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

    def interval_error(self, output: tuple[str, str]) -> float:
        r"""The Monte-Carlo error of :meth:`interval`'s two ends: the larger half-width of the
        distribution-free 95 % confidence interval of the 5 % and 95 % quantiles, between the
        order statistics of ranks :math:`Nq \mp 1.96\sqrt{Nq(1-q)}` (in the output's units;
        for independent draws, which the scrambled Sobol points beat; NaN without draws).

        Twenty draws spread evenly from 0 to 19: the 5 % end lies between the order statistics
        of ranks 0 and 3, the 95 % end between 17 and 19, so the error is half of 3:

        >>> from bargaining.scenarios import load, presets
        >>> key = ("screw", "coercer_utility")
        >>> scenario = load(presets()["specific-threat"])
        >>> spread = Uncertainty(scenario, 20, {key: np.arange(20.0)}, ("screw",) * 20, ())
        >>> spread.interval_error(key)
        1.5
        >>> Uncertainty(scenario, 1, {key: np.array([0.5])}, ("screw",), ()).interval_error(key)
        nan
        """
        values = np.sort(self.outputs[output][np.isfinite(self.outputs[output])])
        size = len(values)
        if size < 2:
            return math.nan
        widths = []
        for q in (0.05, 0.95):
            spread = 1.96 * math.sqrt(size * q * (1 - q))
            low = min(max(math.floor(size * q - spread), 0), size - 1)
            high = min(max(math.ceil(size * q + spread), 0), size - 1)
            widths.append((values[high] - values[low]) / 2)
        return float(max(widths))

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

    ``types`` is the number of quantile types of the draws' games; the draws of a scenario are
    solved as batches (:func:`~bargaining.coercive_game.grid_batch.solve_batch`), ``workers``
    > 1 processes sharing them.

    >>> from bargaining.scenarios import load, presets
    >>> spread = uncertainty([load(presets()["specific-threat"])], base=1, types=6)
    >>> sorted(spread[0].regimes())
    ['screw', 'try_and_see', 'ultimatum']
    """
    points = draw_points(base, seed)
    keys = [signature(scenario, types) for scenario in scenarios]
    unique: dict[tuple[Any, ...], Scenario] = {}
    for key, scenario in zip(keys, scenarios):  # scenarios that differ only outside the game are drawn once
        unique.setdefault(key, scenario)
    pieces = [rows for rows in np.array_split(points, max(1, min(len(points), workers))) if len(rows)]
    jobs = [(key, scenario, rows) for key, scenario in unique.items() for rows in pieces]
    if workers > 1 and len(jobs) > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=workers) as pool:
            evaluated = list(
                pool.map(evaluate_many, [j[1] for j in jobs], [j[2] for j in jobs], [types] * len(jobs))
            )
    else:
        evaluated = [evaluate_many(scenario, rows, types) for _, scenario, rows in jobs]
    by_signature: dict[tuple[Any, ...], list[tuple[np.ndarray, dict[str, Any]]]] = {key: [] for key in unique}
    for (key, _, rows), part in zip(jobs, evaluated):
        by_signature[key].append((rows, part))
    from SALib.util import extract_group_names

    results = []
    problem = _problem()
    order = list(extract_group_names(problem)[0])  # SALib's order of the groups
    for key, scenario in zip(keys, scenarios):
        drawn = by_signature[key]
        parts = [part for _, part in drawn]
        offsets = np.cumsum([0] + [len(part["best"]) for part in parts])
        failures = tuple(  # a failed draw named by this scenario's values (a twin's ranges may differ)
            (int(offset + row), {k: float(v[row]) for k, v in values.items()}, message)
            for offset, (rows, part) in zip(offsets, drawn)
            if part["errors"]
            for values in [_scaled(scenario, rows)]
            for row, message in part["errors"].items()
        )
        failed = {index for index, _, _ in failures}
        good = np.array([i for i in range(int(offsets[-1])) if i not in failed], dtype=np.intp)
        outputs = {key: np.concatenate([part["outputs"][key] for part in parts])[good] for key in OUTPUTS}
        best = tuple(str(name) for name in np.concatenate([part["best"] for part in parts])[good])
        blocks = complete_blocks(int(offsets[-1]), failed)
        indices: dict[tuple[str, str], dict[str, tuple[float, float, float]]] = {}
        if len(blocks) >= 2:
            columns = {}
            for key, values in outputs.items():
                full = np.full(int(offsets[-1]), np.nan)
                full[good] = values
                kept = full[blocks.ravel()]
                if np.all(np.isfinite(kept)) and float(np.var(kept)) > 1e-18:  # else no variance to share
                    columns[key] = kept
            if columns:
                found = sobol_indices(
                    problem, np.stack(list(columns.values()), axis=1), num_resamples=50, seed=seed
                )
                for column, key in enumerate(columns):
                    indices[key] = {
                        group: (
                            float(found[0][column, g]),
                            float(found[1][column, g]),
                            float(found[2][column, g]),
                        )
                        for g, group in enumerate(order)
                    }
        results.append(Uncertainty(scenario, len(good), outputs, best, failures, indices, types, len(blocks)))
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

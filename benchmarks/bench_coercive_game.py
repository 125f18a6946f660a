"""The coercive bargaining game at the issue's scale: 72 monthly periods, margin 10, 200 types.

1. **All three strategies** (try-and-see, the screw, an ultimatum with a deadline at month 6),
   solved together on the grid (:func:`bargaining.coercive_game.solve_strategies`), outcomes by
   type included: the target is under 2 s on one core. The 200 types are a quantile grid of a
   continuous prior, solved with C's cut-offs between them (``pure_cutoffs=True``): the atoms'
   check cannot vouch for them there (row 7), and the game is past the exact solver's budget.
2. **Against a plain-Python backward induction of the same game**: the exact solver's loops
   (one Python iteration per type, belief and state) run on the same float game, for one
   strategy; the two answers are compared.
3. **The measured exponents** of the grid solver's time in the horizon H, the margin M and the
   number of types n (log-log slopes over a doubling of each, the others fixed); the work is
   :math:`O(H \\cdot \\min(H, M) \\cdot n^2)` (the reachable fronts of period t are min(t + 1, 2M - 1)).
4. **The infinite-horizon limit** of a 200-type game without battles (its own budget).
5. **Many games at once** (issue 17): the report's joint draws of one preset, solved as one batch
   (:func:`bargaining.coercive_game.grid_batch.solve_batch`) against one game at a time
   (:func:`bargaining.coercive_game.solve_strategies`), per draw, at the report's resolution of
   the draws and at 12 types; and the cost per draw as the batch grows (P = 32 to 512). These
   rows report the median of repeated runs (the machine is shared) and the load average.
   **One preset's draws as the report solves them** (288 draws, 6 types, horizons 60-84 months,
   margins 6-14, by preset): against the same draws each run to the longest horizon and the
   widest margin, what the batch cost before it computed each draw's own nodes only.
6. **Self-enforcing settlements on the grid**: the same game without battles (near a decisive
   end single crossing fails once settlements can break, and the solver says so), solved with
   permanent settlements and with ceasefires (renege gains, a guarantee, two rearmament shifts),
   try-and-see: the cost of durability.
7. **The atoms' check** (:mod:`bargaining.coercive_game.grid_atoms`) on the game of row 1: its
   cost against the unchecked passes, and the nodes where it cannot vouch for the pure cut-offs.
8. **The compiled kernel** (:mod:`bargaining.coercive_game.grid_batch_kernel`, numba) against the
   batched solver's numpy passes on the same draws of the report (one preset, every strategy),
   at the report's 6 types (the kernel with the number of types fixed at compile time) and at 12
   (the general kernel); the outputs compared. Rows 5 use the compiled kernel, as the report does.

Every timing is the best of a few repetitions, measured in this run on this machine.
"""

from __future__ import annotations

import math
from typing import Any

from benchmarks.timing import best_of, median_of


def _game(horizon: int = 72, margin: int = 10, types: int = 200) -> Any:
    from bargaining.coercive_game import CoerciveGame, quantile_types

    return CoerciveGame(
        discount=0.99, horizon=horizon, resolve=quantile_types(types), margin=margin, true_odds=0.55,
        prior_coercer=(6.0, 4.0), prior_target=(4.0, 6.0), cost_coercer=0.02, target_cost=0.01,
        target_cost_resolve=0.1, threat_loss=0.5, screw=0.002, screw_cost=0.5, carrot=0.02,
        carrot_efficiency=1.2, carrot_credibility=0.8, execution_low=-1.0, execution_high=0.5,
    )  # fmt: skip


def _design() -> Any:
    from bargaining.coercive_game import UltimatumDesign

    return UltimatumDesign(demand=0.7, deadline=6, audience_cost=0.3)


def _slope(sizes: list[int], seconds: list[float]) -> float:
    return math.log(seconds[-1] / seconds[0]) / math.log(sizes[-1] / sizes[0])


def run(quick: bool = False) -> list[dict[str, Any]]:
    from bargaining.coercive_game import (
        infinite_horizon,
        quantile_types,
        solve_grid,
        solve_strategies,
    )
    from bargaining.coercive_game.exact import _Solver
    from bargaining.coercive_game.model import CoerciveGame

    entries = []
    game = _game(types=50 if quick else 200)
    seconds, solutions = best_of(lambda: solve_strategies(game, _design(), pure_cutoffs=True), 3)
    summary = ", ".join(
        f"{name}: P(settled) {s.settled:.3f}, P(threat executed) {s.threat_executed:.3f}, "
        f"E[length | ended] {s.mean_length:.1f} months"
        for name, s in solutions.items()
    )
    entries.append(
        {
            "name": f"coercive game, H = {game.horizon}, M = {game.margin}, {game.types} types: three strategies",
            "measured": {"label": "grid solver, three strategies", "value": seconds, "unit": "s"},
            "reference": {"label": "target", "value": 2.0, "unit": "s"},
            "ratio": 2.0 / seconds,
            "ratio_meaning": "target / ours: above 1 means under the 2 s target",
            "target": "under 2 s on one core",
            "notes": summary,
        }
    )
    loop_game = _game(types=50 if quick else 200)
    fast_seconds, fast = best_of(lambda: solve_grid(loop_game, "try_and_see", pure_cutoffs=True), 3)
    # The same atom-boundary backward induction as the grid's, in Python loops (the exact solver
    # with mixing inside atoms, solve_exact, is a different and slower algorithm).
    def loop() -> Any:
        solver = _Solver(loop_game, "try_and_see", 1)
        return solver.forward(solver.backward())

    loop_seconds, slow = best_of(loop, 1)
    difference = max(
        abs(fast.coercer_utility - slow.coercer_utility),
        *(abs(a - b) for a, b in zip(fast.settled_by, slow.settled_by, strict=True)),
    )
    entries.append(
        {
            "name": f"coercive game, {loop_game.types} types, try-and-see: vectorised vs plain-Python backward induction",
            "measured": {"label": "grid solver (numpy)", "value": fast_seconds, "unit": "s"},
            "reference": {
                "label": "same backward induction, Python loops",
                "value": loop_seconds,
                "unit": "s",
            },
            "ratio": loop_seconds / fast_seconds,
            "ratio_meaning": "reference / ours: above 1 means ours is faster",
            "target": "at least 50x",
            "notes": f"max |difference| in C's utility and P(settled by t): {difference:.1e}",
        }
    )
    scale = (lambda n: n // 4) if quick else (lambda n: n)
    for label, sizes, build in (
        ("horizon H", [18, 36, 72], lambda h: _game(horizon=h, types=scale(200))),
        ("margin M", [3, 6, 12], lambda m: _game(margin=m, types=scale(200))),
        ("types n", [50, 100, 200], lambda n: _game(types=scale(n))),
    ):
        times = []
        for size in sizes:
            sized = build(size)
            times.append(best_of(lambda g=sized: solve_grid(g, "try_and_see", pure_cutoffs=True), 3)[0])
        entries.append(
            {
                "name": f"coercive game grid solver: exponent in the {label}",
                "measured": {
                    "label": f"log-log slope over {sizes}",
                    "value": _slope(sizes, times),
                    "unit": "",
                },
                "reference": {
                    "label": "the O(H min(H, M) n^2) bound",
                    "value": 2.0 if label == "types n" else 1.0,
                    "unit": "",
                },
                "ratio": None,
                "ratio_meaning": "an exponent, not a ratio",
                "target": "cost O(H M n^2) or better",
                "notes": "times " + ", ".join(f"{t:.3f} s" for t in times),
            }
        )
    limit_game = CoerciveGame(
        discount=0.9, horizon=0, resolve=quantile_types(50 if quick else 200), power=0.5,
        cost_coercer=0.02, target_cost_resolve=0.3,
    )  # fmt: skip
    limit_seconds, limit = best_of(
        lambda: infinite_horizon(limit_game, "try_and_see", tolerance=1e-9, pure_cutoffs=True), 1
    )
    entries.append(
        {
            "name": f"coercive game, {limit_game.types} types, no battles: the infinite-horizon limit",
            "measured": {"label": "doubling H to a 1e-9 change", "value": limit_seconds, "unit": "s"},
            "reference": {"label": "budget", "value": 5.0, "unit": "s"},
            "ratio": 5.0 / limit_seconds,
            "ratio_meaning": "budget / ours: above 1 means within budget",
            "target": "within 5 s",
            "notes": f"converged at H = {len(limit.settled_by) - 1}; C's utility {limit.coercer_utility:.6f}",
        }
    )
    entries.append(_atoms(game))
    entries.append(_durable(quick))
    entries += _batched(quick)
    entries.append(_report_draws(quick))
    entries += _compiled(quick)
    return entries


def _atoms(game: Any) -> dict[str, Any]:
    """Row 7: the cost of the atoms' check (grid_atoms) on the game of row 1, three strategies."""
    from bargaining.coercive_game.grid import _Grid

    def passes(check: bool) -> list[Any]:
        solvers = []
        for strategy in ("try_and_see", "screw", _design()):
            solver = _Grid(game, strategy, 1)
            solver.arrays(check=check)
            solver.grid_backward()
            solvers.append(solver)
        return solvers

    plain, _ = best_of(lambda: passes(False), 3)
    checked, solvers = best_of(lambda: passes(True), 3)
    found = ", ".join(
        f"{name}: {len(s.failures)} (first {s.failures[0].period, s.failures[0].front, s.failures[0].atom})"
        if s.failures
        else f"{name}: 0"
        for name, s in zip(("try-and-see", "screw", "ultimatum"), solvers, strict=True)
    )
    return {
        "name": f"coercive game, H = {game.horizon}, M = {game.margin}, {game.types} types: the atoms' check "
        "(are the cut-offs between atoms the mixing equilibrium?), three backward passes",
        "measured": {"label": "checked backward passes", "value": checked, "unit": "s"},
        "reference": {"label": "unchecked (pure_cutoffs=True)", "value": plain, "unit": "s"},
        "ratio": checked / plain,
        "ratio_meaning": "ours / reference: the cost factor of the check",
        "target": "no target: the check's cost",
        "notes": f"nodes where the grid cannot vouch for its cut-offs: {found}; past the exact budget "
        "solve_grid raises there unless pure_cutoffs=True",
    }


def _durable(quick: bool) -> dict[str, Any]:
    """Row 6: the grid solver with and without self-enforcing settlements."""
    import dataclasses

    from bargaining.coercive_game import solve_grid

    calm = dataclasses.replace(
        _game(types=50 if quick else 200), margin=None, front_shares=None, prior_coercer=None,
        prior_target=None, true_odds=0.5,
    )  # fmt: skip
    durable = dataclasses.replace(
        calm, self_enforcing=True, renege_gain_coercer=0.005, renege_gain_target=0.01, guarantee=0.005,
        rearmament=(0.01, 0.02),
    )  # fmt: skip
    plain_seconds, plain = best_of(lambda: solve_grid(calm, "try_and_see", pure_cutoffs=True), 3)
    seconds, solution = best_of(
        lambda: solve_grid(durable, "try_and_see", pure_cutoffs=True), 1 if not quick else 3
    )  # self-enforcing settlements are not checked at atoms: pure_cutoffs says what is solved
    return {
        "name": f"coercive game grid solver, H = {calm.horizon}, no battles, {calm.types} types: "
        "self-enforcing settlements vs permanent ones",
        "measured": {"label": "ceasefires (K = 2 shifts)", "value": seconds, "unit": "s"},
        "reference": {"label": "permanent settlements", "value": plain_seconds, "unit": "s"},
        "ratio": seconds / plain_seconds,
        "ratio_meaning": "ours / reference: the cost factor of durability (2K + 4 candidate offers per cut-off)",
        "target": "no target: the cost of durability, O(H M n^2 K^2)",
        "notes": f"P(settled) {solution.settled:.3f} (permanent: {plain.settled:.3f}); "
        f"P(the settlement breaks) {solution.settlement_broken:.3f}",
    }


def _batched(quick: bool) -> list[dict[str, Any]]:
    import os

    import numpy as np

    from bargaining.coercive_game import solve_strategies
    from bargaining.coercive_game.batch import GameBatch
    from bargaining.coercive_game.grid_batch import solve_batch
    from bargaining.report.analyze import DRAW_TYPES
    from bargaining.report.parameters import build_game
    from bargaining.report.uncertainty import _batch_fields, _scaled, draw_points
    from bargaining.scenarios import load, presets

    scenario = load(presets()["specific-threat"])
    units = draw_points(64)
    load_average = f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    entries = []
    for types in sorted({DRAW_TYPES, 12}):
        size = 64 if quick else 256
        batch = GameBatch(**_batch_fields(_scaled(scenario, units[:size]), types))
        batched, solutions = median_of(lambda b=batch: solve_batch(b), 3)
        singles = []
        for row in range(3 if quick else 5):
            values = {key: float(value[0]) for key, value in _scaled(scenario, units[row : row + 1]).items()}
            game, design = build_game(scenario, values, types=types)
            one, alone = median_of(lambda g=game, d=design: solve_strategies(g, d, pure_cutoffs=True), 3)
            singles.append(one)
            assert abs(alone["ultimatum"].coercer_utility - solutions["ultimatum"].coercer_utility[row]) < 1e-12
        single = float(np.median(singles))
        entries.append(
            {
                "name": f"coercive game, the report's draws ({types} types, 60-84 months, margins 6-14): "
                "batched vs one game at a time, per draw",
                "measured": {"label": f"solve_batch, {size} draws, per draw", "value": batched / size, "unit": "s"},
                "reference": {"label": "solve_strategies, one draw", "value": single, "unit": "s"},
                "ratio": single / (batched / size),
                "ratio_meaning": "reference / ours: above 1 means the batch is faster per draw",
                "target": "10^4 draws per scenario within the 10 s of the whole main job (issue 17)",
                "notes": f"medians of 3 runs; three strategies per draw; {load_average}; 10^4 draws x 6 distinct "
                f"presets would take {6e4 * batched / size / 2:.0f} s on two cores",
            }
        )
    sizes = [32, 128] if quick else [32, 128, 512]
    per_draw = []
    for size in sizes:
        batch = GameBatch(**_batch_fields(_scaled(scenario, units[:size]), DRAW_TYPES))
        per_draw.append(median_of(lambda b=batch: solve_batch(b), 3)[0] / size)
    entries.append(
        {
            "name": f"coercive game, batched solver: cost per draw as the batch grows ({DRAW_TYPES} types)",
            "measured": {"label": f"per draw at P = {sizes[-1]}", "value": per_draw[-1], "unit": "s"},
            "reference": {"label": f"per draw at P = {sizes[0]}", "value": per_draw[0], "unit": "s"},
            "ratio": per_draw[0] / per_draw[-1],
            "ratio_meaning": "reference / ours: above 1 means a larger batch is cheaper per draw",
            "target": "linear in P (constant per draw) once the chunk is full",
            "notes": "per draw: " + ", ".join(f"P = {p}: {1000 * t:.2f} ms" for p, t in zip(sizes, per_draw))
            + f"; {load_average}",
        }
    )
    return entries


def _report_draws(quick: bool) -> dict[str, Any]:
    import dataclasses
    import os

    import numpy as np

    from bargaining.coercive_game.batch import GameBatch
    from bargaining.coercive_game.grid_batch import solve_batch
    from bargaining.report.analyze import DRAW_TYPES
    from bargaining.report.uncertainty import _batch_fields, _scaled, draw_points
    from bargaining.scenarios import load, presets

    names = ["specific-threat"] if quick else ["specific-threat", "status-quo", "small-steps", "specific-carrots"]
    repeat = 3 if quick else 5
    seconds = {}
    for name in names:
        batch = GameBatch(**_batch_fields(_scaled(load(presets()[name]), draw_points(32)), DRAW_TYPES))
        seconds[name] = median_of(lambda b=batch: solve_batch(b), repeat)[0]
        if name == names[0]:
            padded = dataclasses.replace(
                batch,
                horizon=np.full(batch.points, batch.horizon.max()),
                margin=np.full(batch.points, batch.margin.max()),
            )
            reference = median_of(lambda b=padded: solve_batch(b), repeat)[0]
            draws = batch.points
    first = seconds[names[0]]
    return {
        "name": f"coercive game, one preset's report draws ({draws} draws, {DRAW_TYPES} types, horizons 60-84, "
        "margins 6-14): three strategies, solve_batch",
        "measured": {"label": f"solve_batch, {names[0]}", "value": first, "unit": "s"},
        "reference": {"label": "the same draws, each to the longest horizon and widest margin", "value": reference,
                      "unit": "s"},
        "ratio": reference / first,
        "ratio_meaning": "reference / ours: what computing each draw's own nodes only saves",
        "target": "the joint draws of the main job within its 10 s (issue 17)",
        "notes": f"medians of {repeat} runs: " + ", ".join(f"{k} {v:.3f} s" for k, v in seconds.items())
        + f"; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores",
    }  # fmt: skip


def _compiled(quick: bool) -> list[dict[str, Any]]:
    import dataclasses
    import os

    import numpy as np

    import bargaining.coercive_game.grid_batch as grid_batch
    from bargaining.coercive_game.batch import GameBatch
    from bargaining.report.analyze import DRAW_TYPES
    from bargaining.report.uncertainty import _batch_fields, _scaled, draw_points
    from bargaining.scenarios import load, presets

    scenario = load(presets()["specific-threat"])
    size = 288 if quick else 2304
    units = draw_points(256)[:size]
    entries = []
    for types in (DRAW_TYPES, 12):
        batch = GameBatch(**_batch_fields(_scaled(scenario, units), types))
        grid_batch.compile_kernels([types])  # loaded (compiled at install) outside the timing
        compiled, fast = median_of(lambda b=batch: grid_batch.solve_batch(b), 3)
        kernel, grid_batch._kernel = grid_batch._kernel, lambda n: None  # the numpy passes
        try:
            numpy, slow = median_of(lambda b=batch: grid_batch.solve_batch(b), 3)
        finally:
            grid_batch._kernel = kernel
        difference = max(
            float(np.nanmax(np.abs(getattr(fast[name], item.name) - getattr(slow[name], item.name))))
            for name in fast
            for item in dataclasses.fields(fast[name])
            if item.name not in ("strategy", "horizon", "subjective")
        )
        fixed = "fixed at compile time" if types == DRAW_TYPES else "general kernel"
        entries.append(
            {
                "name": f"coercive game, the report's draws ({types} types, {fixed}): compiled kernel vs numpy "
                "passes, per draw, three strategies",
                "measured": {"label": f"compiled kernel, {size} draws, per draw", "value": compiled / size, "unit": "s"},
                "reference": {"label": "numpy passes, per draw", "value": numpy / size, "unit": "s"},
                "ratio": numpy / compiled,
                "ratio_meaning": "reference / ours: above 1 means the kernel is faster",
                "target": "about 10^4 draws per scenario within the 10 s of the whole main job (issue 17)",
                "notes": f"medians of 3 runs; max |difference| of every output {difference:.1e}; "
                f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores",
            }
        )
    return entries


if __name__ == "__main__":  # pragma: no cover
    for entry in run(quick=True):
        print(entry["name"], entry["measured"]["value"], entry["reference"]["value"], entry["notes"])

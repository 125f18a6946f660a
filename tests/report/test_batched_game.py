"""The report's games solved as batches equal the one-game grid solver, one game at a time (1e-12)."""

import numpy as np
import pytest

from bargaining.coercive_game import UltimatumDesign, solve_grid
from bargaining.report import analyze
from bargaining.report.game import DESIGN_DEADLINES, DESIGN_DEMANDS, build_game, first_best, solve_game
from bargaining.report.statics import PARAMETERS
from bargaining.scenarios import load, presets
from conftest import small

KEYS = ("coercer_utility", "target_utility", "threat_executed", "coercer_backs_down", "still_fighting")


def _same(batched, single):
    for key in KEYS:
        assert float(getattr(batched, key)) == pytest.approx(float(getattr(single, key)), abs=1e-12)
    assert np.allclose(batched.settled_by, single.settled_by, atol=1e-12, rtol=0)


@pytest.mark.parametrize("preset", ["specific-threat", "specific-carrots"])
def test_strategies_designs_and_statics_batched_equal_one_at_a_time(tmp_path, preset):
    scenario = small(tmp_path, preset)  # the presets' primitives on a short war (the CI budget)
    result = solve_game(scenario, types=6)
    game, design = build_game(scenario, types=6)
    for name in ("try_and_see", "screw", "ultimatum"):
        _same(result.solutions[name], solve_grid(game, design if name == "ultimatum" else name, pure_cutoffs=True))
    candidates, utilities = [], []
    for deadline in DESIGN_DEADLINES:  # the search of the one-game report, one design at a time
        if deadline > game.horizon:
            continue
        for demand in DESIGN_DEMANDS:
            candidate = UltimatumDesign(demand=demand, deadline=deadline, audience_cost=design.audience_cost,
                                        schelling_risk=design.schelling_risk)
            candidates.append((candidate, solve_grid(game, candidate, pure_cutoffs=True)))
            utilities.append(candidates[-1][1].coercer_utility)
    chosen, solution = candidates[first_best(utilities)]
    assert result.best_design == chosen
    _same(result.best_design_solution, solution)
    for section, key in PARAMETERS:
        xs, compliance, executed, utility = result.curves[(section, key)]
        for i, x in enumerate(xs):
            changed, changed_design = build_game(scenario, {(section, key): float(x)}, types=12)
            single = solve_grid(changed, changed_design, pure_cutoffs=True)
            assert compliance[i] == pytest.approx(single.settled_by[min(changed_design.deadline, changed.horizon)],
                                                  abs=1e-12)
            assert executed[i] == pytest.approx(single.threat_executed, abs=1e-12)
            assert utility[i] == pytest.approx(single.coercer_utility, abs=1e-12)
    base, _ = build_game(scenario, types=12)
    assert result.curves["try_and_see"] == pytest.approx(solve_grid(base, "try_and_see", pure_cutoffs=True).coercer_utility, abs=1e-12)


def test_a_preset_at_full_length_batched_equals_one_at_a_time():
    scenario = load(presets()["specific-threat"])  # 72 months, margin 10
    result = solve_game(scenario, types=4, designs=False)
    game, design = build_game(scenario, types=4)
    for name in ("try_and_see", "screw", "ultimatum"):
        _same(result.solutions[name], solve_grid(game, design if name == "ultimatum" else name, pure_cutoffs=True))


def test_ties_go_to_the_first_candidate():
    assert first_best([0.1, 0.3, 0.3, 0.2]) == 1
    assert first_best([0.3 - 1e-13, 0.3]) == 0


def test_the_scenarios_in_worker_processes_give_the_report_of_one_process(report, tmp_path):
    scenarios = [r.scenario for r in report.results]  # two scenarios of different games: the pool runs
    done = analyze(scenarios, tmp_path / "out", claims=False, draws=1, workers=2)
    for mine, theirs in zip(done.results, report.results):
        assert mine.scenario.name == theirs.scenario.name and mine.best_design == theirs.best_design
        for name in ("try_and_see", "screw", "ultimatum"):
            assert mine.numbers(name) == pytest.approx(theirs.numbers(name), abs=1e-12, nan_ok=True)
    for mine, theirs in zip(done.uncertainty, report.uncertainty):
        for key, values in theirs.outputs.items():
            assert np.allclose(mine.outputs[key], values, atol=1e-12, rtol=0, equal_nan=True)
    assert sorted(p.name for p in done.figures) == sorted(p.name for p in report.figures)
    assert any("(CPU)" in part for part in done.timings)

"""The scenarios' ceasefires in the report: the [commitment] amounts in the game's units and
P(the settlement breaks) from the same game with self-enforcing settlements."""

import importlib

import numpy as np
import pytest

from bargaining.coercive_game import solve_strategies
from bargaining.coercive_game.batch import GameBatch
from bargaining.coercive_game.grid_batch import solve_batch
from bargaining.report.game import settlement_breaks
from bargaining.report.parameters import CEASEFIRE_KEYS, build_game, ceasefire_fields
from bargaining.scenarios import load, presets

uncertainty = importlib.import_module("bargaining.report.uncertainty")


def test_the_ceasefire_amounts_are_seasons_of_flow_in_present_value() -> None:
    """A season's flow of the stake is worth 1 - delta^3 at the monthly discount: the file's
    amounts (seasons of flow, as `Ceasefire` states them) times that; the security guarantee is the
    one ceasefire assumption in which 'security guarantees' differs from 'specific threat'."""
    guaranteed, specific = (load(presets()[name]) for name in ("security-guarantees", "specific-threat"))
    fields = ceasefire_fields(guaranteed, 0.99)
    for section, key, _, _ in CEASEFIRE_KEYS:
        assert fields[key] == pytest.approx(float(guaranteed.value(section, key)) * (1 - 0.99**3), rel=1e-12)
    differing = [key for section, key, _, _ in CEASEFIRE_KEYS
                 if guaranteed.value(section, key) != specific.value(section, key)]
    assert differing == ["guarantee"]
    game = build_game(guaranteed, types=3, self_enforcing=True)[0]
    assert game.self_enforcing and game.guarantee == pytest.approx(fields["guarantee"] * 1.0, rel=1e-9)
    assert not build_game(guaranteed, types=3)[0].self_enforcing


def test_p_the_settlement_breaks_is_the_ceasefire_games_or_the_reason_it_has_none() -> None:
    scenario = load(presets()["security-guarantees"])
    found = settlement_breaks(scenario, 4)
    game, design = build_game(scenario, types=4, self_enforcing=True)
    if isinstance(found, str):
        with pytest.raises(NotImplementedError, match="single crossing"):
            solve_strategies(game, design)
        assert found.startswith("single crossing fails at node")
    else:
        assert found == {name: s.settlement_broken for name, s in solve_strategies(game, design).items()}


def test_the_draws_ceasefire_games_give_p_the_settlement_breaks_or_nan(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forced past the scenario-level check, every draw is solved with ceasefires: P(the
    settlement breaks) is a probability where the draw's game has an equilibrium and NaN where
    single crossing fails (the same draw alone raises)."""
    scenario = load(presets()["security-guarantees"])
    monkeypatch.setattr(uncertainty, "settlement_breaks", lambda *args: {})
    units = uncertainty.draw_points(1)[:3]
    done = uncertainty.evaluate_many(scenario, units, 3)
    broken = done["outputs"][("try_and_see", "settlement_broken")]
    fields = uncertainty._batch_fields(uncertainty._scaled(scenario, units), 3)
    for row, value in enumerate(broken):
        batch = GameBatch(**fields, **ceasefire_fields(scenario, fields["discount"])).select(np.array([row]))
        if np.isnan(value):
            with pytest.raises(NotImplementedError):
                solve_batch(batch)
        else:
            assert 0 <= value <= 1 and value == pytest.approx(solve_batch(batch)["try_and_see"].settlement_broken[0])


def test_where_the_ceasefire_game_is_solved_its_p_the_settlement_breaks_is_reported(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A ceasefire game with an equilibrium (a short one, standing in for a scenario's): the report's
    number is the solver's P(the settlement breaks) per strategy."""
    from bargaining.coercive_game import CoerciveGame, UltimatumDesign

    game = CoerciveGame(discount=0.8, horizon=0, resolve=(0.0, 1 / 3, 1.0), margin=2, cost_coercer=0.1,
                        target_cost=0.05, target_cost_resolve=0.2, self_enforcing=True, renege_gain_target=0.1,
                        guarantee=0.025)
    design = UltimatumDesign(demand=0.6, deadline=0)
    game_module = importlib.import_module("bargaining.report.game")
    monkeypatch.setattr(game_module, "build_game", lambda *args, **kwargs: (game, design))
    found = settlement_breaks(load(presets()["security-guarantees"]), 3)
    assert isinstance(found, dict)
    assert found == {name: s.settlement_broken for name, s in solve_strategies(game, design).items()}

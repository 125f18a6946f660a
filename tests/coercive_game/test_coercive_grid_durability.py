"""Self-enforcing settlements on the grid: the vectorised ceasefire against the exact solver, the
`Ceasefire` nesting row (Fearon 1995; Fortna 2003; Walter 1997) and the single-crossing check."""

import dataclasses
import re
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from bargaining.coercive_game import (
    CoerciveGame,
    GameBatch,
    UltimatumDesign,
    solve_batch,
    solve_grid,
    solve_strategies,
)
from bargaining.coercive_game.durability import ceasefire as exact_ceasefire
from bargaining.coercive_game.exact import _Solver
from bargaining.coercive_game.grid_durability import Durability, ceasefire
from bargaining.commitment import Ceasefire
from bargaining.core.errors import ParameterValueError
from tests.coercive_game.game_states import small_games
from tests.strategies import fractions

HALF = Fraction(1, 2)
FIELDS = ("settled_by", "decisive_by", "threat_executed", "coercer_backs_down", "still_fighting", "length",
          "expected_terms", "coercer_utility", "target_utility_by_type", "target_utility", "settled_by_type",
          "threat_executed_by_type", "settlement_broken", "settlement_broken_by_type")


def close(exact: Any, approximate: Any, tolerance: float = 1e-9) -> bool:
    if exact is None or approximate is None:
        return exact is None and approximate is None
    if isinstance(exact, tuple):
        return all(close(a, b, tolerance) for a, b in zip(exact, approximate, strict=True))
    return abs(float(exact) - approximate) <= tolerance


@st.composite
def durable_games(draw: st.DrawFn) -> tuple[CoerciveGame, Any]:
    """A random small game (tests/coercive_game/game_states.py) whose settlements are ceasefires."""
    game, strategy = draw(small_games())
    shifts = draw(st.lists(fractions(Fraction(-1, 5), Fraction(1, 5), 20), max_size=2))
    try:
        durable = dataclasses.replace(
            game, self_enforcing=True, rearmament=tuple(shifts) or None,
            renege_gain_coercer=draw(fractions(0, Fraction(1, 5), 20)),
            renege_gain_target=draw(fractions(0, Fraction(1, 5), 20)),
            guarantee=draw(fractions(0, Fraction(1, 10), 20)),
        )
    except ParameterValueError:  # a shift pushing a fighting share out of [0, 1]
        assume(False)
    return durable, strategy


@given(durable_games())
def test_the_durable_grid_is_the_exact_atom_engine_in_floats(case: tuple[CoerciveGame, Any]) -> None:
    """Every output, P(the settlement breaks) by type included, is the exact engine's on atoms
    (``exact._Solver``), within 1e-9; where single crossing fails both raise."""
    game, strategy = case
    try:
        engine = _Solver(game, strategy, 1)
        exact = engine.forward(engine.backward())
    except NotImplementedError as error:
        with pytest.raises(NotImplementedError, match=re.escape(str(error).split(":")[0])):
            solve_grid(game, strategy)
        return
    grid = solve_grid(game, strategy)
    for name in FIELDS:
        assert close(getattr(exact, name), getattr(grid, name)), name


@given(
    terms=fractions(0, 1, 20), share=fractions(0, 1, 20), delta=fractions(Fraction(1, 20), Fraction(19, 20), 20),
    costs=st.tuples(fractions(0, Fraction(1, 5), 20), fractions(0, Fraction(1, 5), 20)),
    gains=st.tuples(fractions(0, Fraction(1, 5), 20), fractions(0, Fraction(1, 5), 20)),
    guarantee=fractions(0, Fraction(1, 10), 20),
    shifts=st.lists(fractions(Fraction(-1, 5), Fraction(1, 5), 20), max_size=3),
)
def test_the_vectorised_ceasefire_is_the_exact_one(
    terms: Any, share: Any, delta: Any, costs: Any, gains: Any, guarantee: Any, shifts: Any
) -> None:
    """Who breaks, when, and each side's value: the array kernel against
    ``durability.ceasefire`` in Fractions (the same backward induction)."""
    try:
        game = CoerciveGame(discount=delta, horizon=0, resolve=(0,), power=share, cost_coercer=costs[0],
                            self_enforcing=True, rearmament=tuple(shifts) or None,
                            renege_gain_coercer=gains[0], renege_gain_target=gains[1], guarantee=guarantee)
    except ParameterValueError:
        assume(False)
    exact = exact_ceasefire(game, terms, share, costs[1])
    d = Durability(float(delta), float(costs[0]), float(gains[0] - guarantee), float(gains[1] - guarantee),
                   tuple(float(v) for v in shifts))
    target, coercer, period, who = ceasefire(d, np.array([float(terms)]), float(share), np.array([float(costs[1])]))
    assert abs(target[0] - float(exact.target)) < 1e-12 and abs(coercer[0] - float(exact.coercer)) < 1e-12
    assert (None if period[0] < 0 else int(period[0])) == exact.period
    if exact.breaker is not None:
        assert ("coercer", "target")[int(who[0])] == exact.breaker


# ------------------------------------------------------------------ nesting: Ceasefire


def ceasefire_game(delta: Any, power: Any, costs: Any, gains: Any, guarantee: Any, horizon: int) -> CoerciveGame:
    """Complete information, no battles, constant p: Ceasefire's per-period gains and guarantee
    are the game's one-off ones divided by 1 - delta."""
    return CoerciveGame(discount=float(delta), horizon=horizon, resolve=(0.5,), power=float(power),
                        cost_coercer=float(costs[0]), target_cost=float(costs[1]), self_enforcing=True,
                        renege_gain_coercer=float((1 - delta) * gains[0]),
                        renege_gain_target=float((1 - delta) * gains[1]), guarantee=float((1 - delta) * guarantee))


@given(
    power=fractions(0, 1, 20), delta=fractions(Fraction(1, 20), Fraction(19, 20), 20),
    costs=st.tuples(fractions(0, Fraction(1, 5), 20), fractions(0, Fraction(1, 5), 20)),
    gains=st.tuples(fractions(0, HALF, 20), fractions(0, HALF, 20)), guarantee=fractions(0, HALF, 20),
    horizon=st.sampled_from([0, 3, 24]),
)
def test_the_grids_complete_information_settlement_breaks_iff_ceasefire_is_not_self_enforcing(
    power: Any, delta: Any, costs: Any, gains: Any, guarantee: Any, horizon: int
) -> None:
    """The nesting row "complete information, no battles, constant p, H -> infinity, terms, renege
    gain g, guarantee G: the self-enforcing ceasefire thresholds (Ceasefire)": the grid's
    P(the settlement breaks) is 0 exactly when `Ceasefire` at the equilibrium terms is
    self-enforcing, 1 otherwise, and the equilibrium is the exact solver's (Fearon 1995;
    Fortna 2003; Walter 1997)."""
    game = ceasefire_game(delta, power, costs, gains, guarantee, horizon)
    grid = solve_grid(game, "try_and_see")
    assert grid.settled_by[0] == 1.0
    terms = Fraction(grid.expected_terms).limit_denominator(10**6)
    truce = Ceasefire(terms, power, delta, costs[0], costs[1], gains[0], gains[1], guarantee=guarantee)
    margins = [delta * (terms - (power - costs[0])) - (1 - delta) * (gains[0] - guarantee),
               delta * (1 - terms - (1 - power - costs[1])) - (1 - delta) * (gains[1] - guarantee)]
    assume(all(abs(m) > Fraction(1, 10**5) for m in margins))  # a float tie at the threshold is no verdict
    assert grid.settlement_broken == (0.0 if truce.is_self_enforcing() else 1.0)
    exact = CoerciveGame(discount=delta, horizon=horizon, resolve=(HALF,), power=power, cost_coercer=costs[0],
                         target_cost=costs[1], self_enforcing=True, renege_gain_coercer=(1 - delta) * gains[0],
                         renege_gain_target=(1 - delta) * gains[1], guarantee=(1 - delta) * guarantee)
    engine = _Solver(exact, "try_and_see", 1)
    solution = engine.forward(engine.backward())
    assert close(solution.expected_terms, grid.expected_terms) and close(solution.coercer_utility, grid.coercer_utility)


def test_a_guarantee_at_ceasefires_minimum_makes_the_grids_settlement_hold() -> None:
    """At `Ceasefire`'s minimal guarantee the grid's settlement holds; just below it, it breaks."""
    delta, power, costs, gains = Fraction(3, 4), HALF, (Fraction(1, 20), Fraction(1, 20)), (HALF, HALF)
    broken = solve_grid(ceasefire_game(delta, power, costs, gains, 0, 8), "try_and_see")
    terms = Fraction(broken.expected_terms).limit_denominator(10**6)
    least = Ceasefire(terms, power, delta, costs[0], costs[1], gains[0], gains[1]).minimal_guarantee()
    assert least > 0 and broken.settlement_broken == 1.0
    held = solve_grid(ceasefire_game(delta, power, costs, gains, least * Fraction(101, 100), 8), "try_and_see")
    assert held.settlement_broken == 0.0 and held.expected_terms == pytest.approx(float(terms), abs=1e-12)


# ------------------------------------------------------------------ single crossing and refusals


def test_the_grid_names_the_node_where_single_crossing_fails() -> None:
    """With a guarantee and a target gain, the least resolute type (the costliest war) breaks the
    ceasefire and the others keep it: at low terms the types accepting are not the least resolute
    ones. The grid raises at the node the exact solver names."""
    game = CoerciveGame(discount=Fraction(4, 5), horizon=3, resolve=(0, Fraction(1, 3), 1), margin=2,
                        cost_coercer=Fraction(1, 10), target_cost=Fraction(1, 20),
                        target_cost_resolve=Fraction(1, 5), self_enforcing=True,
                        renege_gain_target=Fraction(1, 10), guarantee=Fraction(1, 40))
    message = r"single crossing fails at node \(t=3, front=-1, cutoff=0\)"
    with pytest.raises(NotImplementedError, match=message):
        _Solver(game, "try_and_see", 1).backward()
    with pytest.raises(NotImplementedError, match=message):
        solve_grid(game, "try_and_see")


def test_the_three_durable_strategies_solved_together_are_each_solved_alone() -> None:
    game = CoerciveGame(discount=0.75, horizon=2, resolve=(0.0, 0.5, 1.0), cost_coercer=0.1, target_cost=0.05,
                        target_cost_resolve=0.2, screw=0.05, self_enforcing=True, renege_gain_coercer=0.05,
                        renege_gain_target=0.1, rearmament=(0.1, -0.05))
    design = UltimatumDesign(demand=0.6, deadline=1)
    together = solve_strategies(game, design)
    for name, alone in (("try_and_see", "try_and_see"), ("screw", "screw"), ("ultimatum", design)):
        single = solve_grid(game, alone)
        assert together[name].coercer_utility == single.coercer_utility
        assert together[name].settlement_broken == single.settlement_broken


def test_the_grid_refuses_durability_with_the_continuous_reading_and_renewed_demands() -> None:
    game = CoerciveGame(discount=0.5, horizon=0, resolve=(0.25, 0.75), target_cost_resolve=0.2,
                        self_enforcing=True)
    with pytest.raises(ParameterValueError, match="continuous"):
        solve_grid(game, "try_and_see", continuous=True)
    renewed = CoerciveGame(discount=0.5, horizon=0, resolve=(0.25, 0.75), target_cost_resolve=0.2, assurance=0.5)
    with pytest.raises(NotImplementedError, match="renewed demands"):
        solve_grid(renewed, "try_and_see")


# ------------------------------------------------------------------ the batch


@settings(max_examples=25)
@given(durable_games(), st.integers(0, 2))
def test_the_durable_batch_is_the_one_game_grid_point_by_point(case: tuple[CoerciveGame, Any], extra: int) -> None:
    """Two points (the second with a longer horizon) solved as one batch: every output of the three
    strategies, P(the settlement breaks) by type included, is the one-game grid's within 1e-12;
    where single crossing fails both raise."""
    game, strategy = case
    design = strategy if isinstance(strategy, UltimatumDesign) else UltimatumDesign(demand=Fraction(3, 4), deadline=0)
    games = [game, dataclasses.replace(game, horizon=game.horizon + extra)]
    batch = GameBatch.from_games(games, [design, design])
    try:
        singles = [solve_strategies(one, design) for one in games]
    except NotImplementedError:
        with pytest.raises(NotImplementedError, match=r"single crossing|committed demand"):
            solve_batch(batch)
        return
    together = solve_batch(batch)
    for index, single in enumerate(singles):
        for name, alone in single.items():
            point = together[name].point(index)
            for field in FIELDS[2:]:
                assert close(getattr(alone, field), getattr(point, field), 1e-12), (name, field)


def test_the_batch_checks_the_ceasefires_fields() -> None:
    resolve = np.array([[0.25, 0.75]] * 2)
    with pytest.raises(ParameterValueError, match="self_enforcing"):
        GameBatch(discount=0.5, horizon=1, resolve=resolve, target_cost_resolve=0.2, guarantee=0.1)
    with pytest.raises(ParameterValueError, match="self_enforcing"):
        GameBatch(discount=0.5, horizon=1, resolve=resolve, target_cost_resolve=0.2, rearmament=np.zeros((2, 1)))
    with pytest.raises(ParameterValueError, match=r"rearmament\[1\]"):
        GameBatch(discount=0.5, horizon=1, resolve=resolve, target_cost_resolve=0.2, self_enforcing=True,
                  margin=2, rearmament=np.array([[0.1], [0.8]]))
    with pytest.raises(ParameterValueError, match="rearmament"):
        GameBatch(discount=0.5, horizon=1, resolve=resolve, target_cost_resolve=0.2, self_enforcing=True,
                  rearmament=np.zeros(2))
    durable = CoerciveGame(discount=0.5, horizon=1, resolve=(0.25, 0.75), target_cost_resolve=0.2,
                           self_enforcing=True)
    permanent = dataclasses.replace(durable, self_enforcing=False)
    with pytest.raises(ParameterValueError, match=r"games\[1\]"):
        GameBatch.from_games([durable, permanent])


def test_the_batch_records_the_points_where_single_crossing_fails() -> None:
    """With ``failures``, a point whose game raises is recorded with the one-game message and its
    outputs are NaN; the other points are solved as one at a time. A chunk whose points all fail
    stops and is all NaN."""
    kw = dict(discount=0.8, resolve=(0.0, 1 / 3, 1.0), margin=2, cost_coercer=0.1, target_cost=0.05,
              target_cost_resolve=0.2, self_enforcing=True, renege_gain_target=0.1, guarantee=0.025)
    good, bad = CoerciveGame(horizon=0, **kw), CoerciveGame(horizon=3, **kw)
    design = UltimatumDesign(demand=0.6, deadline=0)
    with pytest.raises(NotImplementedError) as raised:
        solve_grid(bad, "try_and_see")
    failures: dict[int, str] = {}
    together = solve_batch(GameBatch.from_games([good, bad, good], [design] * 3), failures=failures)
    assert list(failures) == [1] and failures[1] == str(raised.value)
    alone = solve_strategies(good, design)
    for name, solution in together.items():
        assert np.isnan(solution.coercer_utility[1]) and np.isnan(solution.settlement_broken_by_type[1]).all()
        assert close(alone[name].coercer_utility, solution.coercer_utility[2], 1e-12)
        assert close(alone[name].settlement_broken, solution.settlement_broken[0], 1e-12)
    with pytest.raises(NotImplementedError, match="at point 1: single crossing"):
        solve_batch(GameBatch.from_games([good, bad], [design] * 2))
    failures = {}
    lost = solve_batch(GameBatch.from_games([bad, bad], [design] * 2), failures=failures)
    assert sorted(failures) == [0, 1]
    assert all(np.isnan(solution.settled_by).all() for solution in lost.values())
    assert lost["screw"].length.shape == (2, 5) and lost["screw"].settlement_broken_by_type.shape == (2, 3)


def test_a_committed_demand_accepted_out_of_order_is_named_by_every_solver() -> None:
    """Under an ultimatum the committed demand's acceptance set must be the least resolute types
    too: where it is not, the exact engine, the grid and the batch name the same node."""
    F = Fraction
    game = CoerciveGame(
        discount=F(4, 5), horizon=3, resolve=(F(1, 2), F(2, 3), F(1)), type_weights=(F(3, 5), F(1, 5), F(1, 5)),
        margin=3, true_odds=F(1), prior_coercer=(1, 1), prior_target=(1, 1), cost_coercer=F(1, 10),
        target_cost=F(1, 10), target_cost_resolve=F(1, 4), threat_loss=F(1, 2), carrot=F(1, 5),
        carrot_credibility=F(1, 2), execution_high=-1, self_enforcing=True, rearmament=(F(-1, 10), F(-1, 20)),
        renege_gain_target=F(1, 5), guarantee=F(1, 10),
    )
    design = UltimatumDesign(demand=F(4, 5), deadline=3, audience_cost=1, schelling_risk=1)
    with pytest.raises(NotImplementedError, match="single crossing fails") as exact:
        _Solver(game, design, 1).backward()
    node = str(exact.value).split(":")[0]
    with pytest.raises(NotImplementedError, match=node.replace("(", r"\(").replace(")", r"\)")):
        solve_grid(game, design)
    failures: dict[int, str] = {}
    solve_batch(GameBatch.from_games([game], [design]), ("ultimatum",), failures=failures)
    assert failures[0].startswith(node)

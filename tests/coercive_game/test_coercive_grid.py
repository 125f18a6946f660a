"""The vectorised grid solver against the exact solver, and the infinite-horizon limit."""

from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bargaining.coercive_game import (
    CoerciveGame,
    UltimatumDesign,
    infinite_horizon,
    quantile_types,
    solve_grid,
    solve_strategies,
)
from bargaining.coercive_game.exact import _Solver
from bargaining.core.errors import ConvergenceError, ParameterTypeError, ParameterValueError
from bargaining.crisis import RiskReturn
from bargaining.war import CoaseTwoPeriod
from tests.coercive_game.game_states import close, small_games


@given(small_games())
def test_the_grids_pure_cutoffs_are_the_exact_atom_engine_in_floats(case: tuple[CoerciveGame, Any]) -> None:
    """With ``pure_cutoffs=True`` the grid keeps cut-offs between atoms unchecked: it is the exact
    engine on atoms (``exact._Solver``) in floats. The default, checked against the exact mixing
    solver, is held in test_coercive_grid_atoms."""
    game, strategy = case
    try:
        engine = _Solver(game, strategy, 1)
        exact = engine.forward(engine.backward())
    except NotImplementedError:
        with pytest.raises(NotImplementedError):
            solve_grid(game, strategy, pure_cutoffs=True)
        return
    grid = solve_grid(game, strategy, pure_cutoffs=True)
    for name in ("settled_by", "decisive_by", "threat_executed", "coercer_backs_down", "still_fighting", "length",
                 "expected_terms", "coercer_utility", "target_utility_by_type", "target_utility", "settled_by_type",
                 "threat_executed_by_type"):
        assert close(getattr(exact, name), getattr(grid, name)), name


def test_the_grids_sub_atoms_are_the_sub_atom_engine_and_approach_the_exact_mixing() -> None:
    """The grid's ``mixing_steps`` splits atoms into sub-atoms: the same equilibrium as the exact
    sub-atom engine, which approaches the exact solver's mixing as the split gets finer."""
    game = CoerciveGame(discount=Fraction(4, 5), horizon=2, resolve=(0, Fraction(1, 2), 1),
                        type_weights=(Fraction(1, 2), Fraction(1, 4), Fraction(1, 4)), target_cost_resolve=Fraction(1, 5))
    engine = _Solver(game, "try_and_see", 2)
    split, grid = engine.forward(engine.backward()), solve_grid(game, "try_and_see", mixing_steps=2)
    assert close(split.coercer_utility, grid.coercer_utility) and close(split.settled_by_type, grid.settled_by_type)
    assert abs(game.solve("try_and_see").coercer_utility - split.coercer_utility) <= Fraction(1, 500)


@pytest.mark.parametrize("n", [50, 200])
def test_the_quantile_grid_approaches_the_continuous_risk_return_and_coase_rows(n: int) -> None:
    """The grid's error against the continuous-type closed forms (Fearon 1995; Fudenberg &
    Tirole 1991 §10.2.1) shrinks like 1/n: at most one cell of the cost range."""
    p, c_c, c1 = 0.5, 0.1, 0.4
    game = CoerciveGame(discount=0.9, horizon=0, resolve=quantile_types(n), power=p, cost_coercer=c_c, target_cost_resolve=c1)
    solution = solve_grid(game, "try_and_see", pure_cutoffs=True)
    closed = RiskReturn(p, c_c, 0.0, c1).solve()
    assert abs(solution.coercer_utility - closed.coercer_utility) <= c1 / n
    assert abs((1 - solution.settled) - closed.war_probability) <= 1 / n
    coase_game = CoerciveGame(discount=0.5, horizon=1, resolve=quantile_types(n), power=0.25, target_cost_resolve=0.5)
    coase = CoaseTwoPeriod(0.25, 0.5, 0.5).solve()
    assert abs(solve_grid(coase_game, "try_and_see", pure_cutoffs=True).coercer_utility - 0.25 - coase.coercer_gain) <= 0.5 / n


@settings(max_examples=12, deadline=None)
@given(
    power=st.floats(0.1, 0.8), cost_c=st.floats(0.0, 0.2), spread=st.floats(0.05, 0.6), delta=st.floats(0.1, 0.9),
    types=st.sampled_from([200, 257]),
)
def test_the_continuous_grid_meets_the_closed_forms_at_200_types(
    power: float, cost_c: float, spread: float, delta: float, types: int
) -> None:
    """With C's cut-off refined inside the cells (`continuous=True`), the quantile grid meets the
    continuous-type closed forms, Fearon's (1995) risk-return trade-off (`RiskReturn`, H = 0) and
    the Coase two-period game (`CoaseTwoPeriod`, H = 1; Fudenberg & Tirole 1991 §10.2.1): values
    within 1e-4 at 200 types; P(war) within 1e-3 and P(settled at 0) within half a cell."""
    closed = RiskReturn(power, cost_c, 0.0, spread).solve()
    game = CoerciveGame(discount=delta, horizon=0, resolve=quantile_types(types), power=power, cost_coercer=cost_c,
                        target_cost_resolve=spread)
    grid = solve_grid(game, "try_and_see", continuous=True)
    war, demand = closed.war_probability, closed.demand
    target = (1 - war) * (1 - demand) + war * (1 - power - (demand - power) / 2)  # E[c | c < x - p] = (x - p)/2
    assert abs(grid.coercer_utility - closed.coercer_utility) <= 1e-4
    assert abs(grid.target_utility - target) <= 1e-4
    assert abs((1 - grid.settled) - war) <= 1e-3
    if power + spread <= 1:
        coase = CoaseTwoPeriod(power, spread, delta).solve()
        two = CoerciveGame(discount=delta, horizon=1, resolve=quantile_types(types), power=power,
                           target_cost_resolve=spread)
        grid = solve_grid(two, "try_and_see", continuous=True)
        assert abs(grid.coercer_utility - power - coase.coercer_gain) <= 1e-4
        assert abs(grid.settled_by[0] - (spread - coase.cutoff) / spread) <= 0.5 / types


@pytest.mark.parametrize("strategy", ["try_and_see", "screw", UltimatumDesign(demand=0.7, deadline=1, audience_cost=0.2)])
def test_the_continuous_grid_converges_with_battles_and_keeps_every_mass(strategy: Any) -> None:
    """A game with battles, priors that differ, a screw, a threat and a carrot: the refined grid
    at 50 types is within 1e-5 of the same at 400 (the midpoint grid at 50 is not within 1e-4), and
    every unit of mass is settled, decided or still fighting."""
    def game(n: int) -> CoerciveGame:
        return CoerciveGame(discount=0.9, horizon=4, resolve=quantile_types(n), margin=2, true_odds=0.55,
                            prior_coercer=(2.0, 1.0), prior_target=(1.0, 2.0), cost_coercer=0.02, target_cost=0.01,
                            target_cost_resolve=0.3, threat_loss=0.3, screw=0.02, carrot=0.05, carrot_efficiency=1.2,
                            carrot_credibility=0.9)
    fine = solve_grid(game(400), strategy, continuous=True)
    coarse = solve_grid(game(50), strategy, continuous=True)
    assert abs(coarse.coercer_utility - fine.coercer_utility) <= 1e-5
    assert abs(coarse.target_utility - fine.target_utility) <= 1e-5
    for solution in (coarse, fine):
        assert solution.settled + solution.decisive_by[-1] + solution.still_fighting == pytest.approx(1, abs=1e-12)
        assert sum(solution.length) + solution.still_fighting == pytest.approx(1, abs=1e-12)
    midpoint = solve_grid(game(50), strategy, pure_cutoffs=True)
    assert abs(midpoint.coercer_utility - fine.coercer_utility) > 1e-5
    design = strategy if isinstance(strategy, UltimatumDesign) else UltimatumDesign(demand=0.6, deadline=2)
    together = solve_strategies(game(50), design, continuous=True)
    for name, alone in (("try_and_see", "try_and_see"), ("screw", "screw"), ("ultimatum", design)):
        single = solve_grid(game(50), alone, continuous=True)
        assert together[name].coercer_utility == single.coercer_utility
        assert together[name].settled_by == single.settled_by
        assert together[name].target_utility_by_type == single.target_utility_by_type


def test_the_continuous_infinite_horizon_is_its_last_finite_horizon() -> None:
    import dataclasses

    game = CoerciveGame(discount=0.5, horizon=0, resolve=quantile_types(20), target_cost_resolve=0.2)
    limit = infinite_horizon(game, "try_and_see", continuous=True)
    last = solve_grid(dataclasses.replace(game, horizon=len(limit.settled_by) - 1), "try_and_see", continuous=True)
    assert limit.coercer_utility == last.coercer_utility and limit.still_fighting < 1e-9


def test_the_continuous_grid_refuses_what_is_not_a_quantile_grid() -> None:
    game = CoerciveGame(discount=0.5, horizon=0, resolve=(0.25, 0.75), type_weights=(0.25, 0.75),
                        target_cost_resolve=0.2)
    with pytest.raises(ParameterValueError, match="continuous"):
        solve_grid(game, "try_and_see", continuous=True)
    with pytest.raises(ParameterValueError, match="continuous"):
        solve_grid(CoerciveGame(discount=0.5, horizon=0, resolve=(0.5,)), "try_and_see", continuous=True)
    with pytest.raises(ParameterTypeError, match="continuous"):
        solve_grid(game, "try_and_see", continuous=1)  # type: ignore[arg-type]


def test_infinite_horizon_converges_or_says_so() -> None:
    game = CoerciveGame(discount=0.5, horizon=0, resolve=quantile_types(5), target_cost_resolve=0.2)
    limit = infinite_horizon(game, "try_and_see")
    assert limit.still_fighting < 1e-9
    patient = CoerciveGame(discount=0.999, horizon=0, resolve=quantile_types(5), target_cost=0.0, target_cost_resolve=0.2)
    with pytest.raises(ConvergenceError, match="had not converged by H = 20"):
        infinite_horizon(patient, "screw", start=4, max_horizon=20, tolerance=1e-15)
    with pytest.raises(ParameterValueError, match="max_horizon"):
        infinite_horizon(game, "try_and_see", start=10, max_horizon=5)


def test_quantile_types_refuses_bad_grids() -> None:
    from scipy import stats

    assert quantile_types(2, stats.beta(2, 2))[0] < 0.5
    with pytest.raises(ParameterValueError, match="n must be"):
        quantile_types(0)
    with pytest.raises(ParameterValueError, match="distribution"):
        quantile_types(3, stats.norm(0, 1))


@settings(max_examples=20)
@given(small_games())
def test_the_three_strategies_solved_together_are_each_solved_alone(case: tuple[CoerciveGame, Any]) -> None:
    """The ultimatum's pass reuses try-and-see's values after the deadline: the same numbers."""
    game, strategy = case
    design = strategy if isinstance(strategy, UltimatumDesign) else UltimatumDesign(demand=Fraction(3, 4), deadline=0)
    try:
        together = solve_strategies(game, design)
    except NotImplementedError:
        return
    for name, alone in (("try_and_see", "try_and_see"), ("screw", "screw"), ("ultimatum", design)):
        single = solve_grid(game, alone)
        assert together[name].coercer_utility == single.coercer_utility
        assert together[name].settled_by == single.settled_by
        assert together[name].target_utility_by_type == single.target_utility_by_type


def test_the_grids_sub_atoms_are_bounded() -> None:
    game = CoerciveGame(discount=0.5, horizon=0, resolve=(0.0, 1.0), target_cost_resolve=0.2)
    with pytest.raises(ParameterValueError, match="mixing_steps"):
        solve_grid(game, "try_and_see", mixing_steps=0)

"""The grid solver at atoms: never a different answer from the exact (mixing) equilibrium.

The grid keeps C's cut-offs between atoms; the exact solver lets the marginal type mix inside an
atom (Fudenberg, Levine & Tirole 1985; Gul, Sonnenschein & Wilson 1986). ``grid_atoms`` checks at
every node sufficient conditions for the two to be the same equilibrium; where they fail a small
game goes to the exact solver and a larger one raises, naming the node.
"""

import dataclasses
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings

from bargaining.coercive_game import (
    CoerciveGame,
    UltimatumDesign,
    grid_atoms,
    quantile_types,
    solve_grid,
    solve_strategies,
)
from bargaining.coercive_game.grid import _as_float, _Grid
from bargaining.coercive_game.grid_atoms import EXACT_BUDGET, NO_PURE, committed_check, in_floats, least_work
from tests.coercive_game.game_states import assert_grid_is_the_mixing_equilibrium, close, small_games

F = Fraction
OUTPUTS = ("settled_by", "decisive_by", "threat_executed", "coercer_backs_down", "still_fighting", "length",
           "expected_terms", "coercer_utility", "target_utility_by_type", "target_utility", "settled_by_type",
           "threat_executed_by_type")
MIXING = CoerciveGame(discount=F(7, 10), horizon=1, resolve=(0, 1), type_weights=(F(4, 5), F(1, 5)), power=F(2, 5),
                      target_cost=F(3, 20), target_cost_resolve=F(1, 10))
"""Type 0 accepts the first offer with probability 5/8 (test_coercive_mixing): the exact cut-off
1/2 lies inside its atom of mass 4/5."""


def checked(game: CoerciveGame, strategy: Any) -> _Grid:
    """The grid's backward pass with the atoms' check, its failures kept (no fallback)."""
    solver = _Grid(_as_float(game), strategy, 1)
    solver.arrays(check=True)
    solver.grid_backward()
    return solver


@settings(max_examples=150)
@given(small_games())
def test_the_grid_is_the_exact_mixing_equilibrium_or_says_so(case: tuple[CoerciveGame, Any]) -> None:
    """On random small games `solve_grid` and `solve_strategies` give the exact solver's answer
    on every output within 1e-9, or raise NotImplementedError naming a node: never another answer
    (these games are all within the exact budget, so they never raise here)."""
    game, strategy = case
    assert_grid_is_the_mixing_equilibrium(game, strategy, OUTPUTS)
    design = strategy if isinstance(strategy, UltimatumDesign) else UltimatumDesign(demand=F(3, 4), deadline=0)
    try:
        together = solve_strategies(game, design)
    except NotImplementedError:
        return
    for name, alone in (("try_and_see", "try_and_see"), ("screw", "screw"), ("ultimatum", design)):
        try:
            single = game.solve(alone)
        except NotImplementedError:
            continue
        assert all(close(getattr(single, field), getattr(together[name], field)) for field in OUTPUTS), name


@settings(max_examples=150)
@given(small_games())
def test_where_the_check_passes_the_pure_cutoffs_are_the_exact_equilibrium(case: tuple[CoerciveGame, Any]) -> None:
    """The derivation itself, without the fallback: wherever no node fails the check, the grid's
    pure cut-offs between atoms give the exact solver's answer on every output."""
    game, strategy = case
    try:
        solver = checked(game, strategy)
        exact = game.solve(strategy)
    except NotImplementedError:
        return
    if solver.failures:
        return
    grid = solver.grid_forward()
    for name in OUTPUTS:
        assert close(getattr(exact, name), getattr(grid, name)), name


def test_the_marginal_type_mixing_is_found_and_solved_exactly() -> None:
    """In the two-atom game where type 0 mixes, the check names the node where C's value has a
    breakpoint inside type 0's atom and the first offer, which rests on C's next move from below
    that breakpoint (the exact node's side 1), and the grid returns the exact answer (the pure cut-offs,
    asked for, give another: type 0's whole atom settles at once, and C gets less: 0.565 < 231/400)."""
    failures = checked(MIXING, "try_and_see").failures
    assert [(f.period, f.front, f.atom, f.rule.split()[1]) for f in failures] == [(1, 0, 0, "value"), (0, 0, 0, "best")]
    assert "breakpoint inside the atom" in failures[0].message() and "CoerciveGame.solve" in failures[0].message()
    exact = MIXING.solve("try_and_see")
    assert exact.settled_by[0] == F(1, 2) and exact.nodes[(0, 0, 0, None)].side == 1
    grid = solve_grid(MIXING, "try_and_see")
    assert all(close(getattr(exact, name), getattr(grid, name), 1e-12) for name in OUTPUTS)
    assert grid == in_floats(exact)
    pure = solve_grid(MIXING, "try_and_see", pure_cutoffs=True)
    assert pure.settled_by == (0.8, 1.0) and exact.settled_by == (F(1, 2), F(4, 5))
    assert pure.coercer_utility < float(exact.coercer_utility) == 231 / 400


def test_a_game_too_large_for_the_exact_solver_names_the_node(monkeypatch: pytest.MonkeyPatch) -> None:
    """The Coase two-period game on 200 atoms has breakpoints inside atoms, so the grid cannot vouch
    for its pure cut-offs: it hands the game to the exact solver (within budget), and the pure
    cut-offs, asked for, happen to agree. Over 13 periods the exact solver's least work is past
    the budget and the grid raises at once, naming the node; and where the exact solver's
    breakpoints multiply past the budget, it is stopped there and the grid raises."""
    game = CoerciveGame(discount=0.5, horizon=1, resolve=quantile_types(200), power=0.25, target_cost_resolve=0.5)
    assert checked(game, "try_and_see").failures
    exact, pure = solve_grid(game, "try_and_see"), solve_grid(game, "try_and_see", pure_cutoffs=True)
    assert close(exact.coercer_utility, pure.coercer_utility) and close(exact.settled_by, pure.settled_by)
    longer = dataclasses.replace(game, horizon=12)
    assert least_work(200, [[0]] * 14, 12) > EXACT_BUDGET
    with pytest.raises(NotImplementedError, match=r"at node \(t=\d+, front=0, atom=\d+\).*CoerciveGame\.solve"):
        solve_grid(longer, "try_and_see")
    with pytest.raises(NotImplementedError, match="pure_cutoffs=True"):
        solve_strategies(longer, UltimatumDesign(demand=0.5, deadline=0))
    monkeypatch.setattr(grid_atoms, "EXACT_BUDGET", 20)
    with pytest.raises(NotImplementedError, match="stopped past the grid's budget"):
        solve_grid(MIXING, "try_and_see")


def test_one_period_and_committed_games_pass_the_check() -> None:
    """With one period there is no earlier offer to mix for, and the ultimatum's committed demand
    is answered by pure cut-offs here: the check passes and the grid is its own answer."""
    game = CoerciveGame(discount=0.5, horizon=0, resolve=quantile_types(50), target_cost_resolve=0.2)
    assert not checked(game, "try_and_see").failures
    two = CoerciveGame(discount=F(9, 10), horizon=1, resolve=(0, 1), target_cost_resolve=F(1, 5), threat_loss=F(1, 2),
                       execution_low=-1, execution_high=F(1, 2))
    design = UltimatumDesign(demand=F(4, 5), deadline=0, audience_cost=F(1, 2))
    assert not checked(two, design).failures
    assert close(two.solve(design).coercer_utility, solve_grid(two, design).coercer_utility)


def test_a_committed_demand_without_a_pure_cutoff_goes_to_the_exact_solver() -> None:
    """Where no pure cut-off answers the committed demand the exact solver has C randomise next
    period: the check records the node instead of raising (and the boundary that C's randomisation
    makes consistent above the grid's cut-off), and the grid returns the exact answer; with pure
    cut-offs the grid says it has none."""
    game = CoerciveGame(discount=F(1, 5), horizon=3, resolve=(F(1, 6), F(3, 4), F(11, 12)),
                        type_weights=(F(4, 9), F(4, 9), F(1, 9)), power=F(3, 5), cost_coercer=F(1, 20),
                        target_cost_resolve=F(9, 20), threat_loss=F(4, 5), execution_low=-1, execution_high=-1)
    design = UltimatumDesign(demand=F(4, 5), deadline=1, schelling_risk=F(1, 2))
    rules = {(f.period, f.rule.split()[0]) for f in checked(game, design).failures}
    assert {(1, "no"), (1, "the")} <= rules
    exact = game.solve(design)
    assert all(close(getattr(exact, name), getattr(solve_grid(game, design), name)) for name in OUTPUTS)
    with pytest.raises(NotImplementedError, match="no pure cutoff answers the committed demand"):
        solve_grid(game, design, pure_cutoffs=True)


def test_inside_an_atom_where_no_one_settles_the_exact_solvers_own_checks_are_kept() -> None:
    """Inside an atom where C settles no one, the exact solver checks single crossing and, under a
    committed demand, that the marginal type still refuses; the grid's check fails there too (the
    exact solver then raises, and the grid with it): two types, both beliefs staying."""
    stay = np.array([0, 1])
    inner = np.array([[0.6, 0.4], [0.6, 0.7]])  # inside atom 0, type 1 gains less from refusing
    _, atom, rule = committed_check(0.5, inner, stay, inner, 1e-11)
    assert (atom, rule) == (0, "single crossing fails inside the atom")
    _, atom, rule = committed_check(0.65, inner, stay, inner, 1e-11)  # type 0 prefers to comply
    assert (atom, rule) == (0, NO_PURE)


FLOAT_TIE = CoerciveGame(discount=F(1, 2), horizon=3, resolve=(F(1, 12), F(1, 6), F(11, 12)),
                         type_weights=(F(2, 5), F(3, 10), F(3, 10)), power=F(1, 10), true_odds=F(1, 10),
                         cost_coercer=F(1, 20), target_cost=F(1, 10), target_cost_resolve=F(1, 2), threat_loss=F(1, 10),
                         screw_cost=F(1, 4), carrot=F(1, 5), carrot_efficiency=F(3, 2), carrot_credibility=F(1, 4),
                         execution_high=-1)
"""Lines tied exactly at a breakpoint (49/270 at t = 1), which rounding used to untie in floats."""


@settings(max_examples=100)
@given(small_games())
def test_the_exact_solver_in_floats_is_the_exact_solver(case: tuple[CoerciveGame, Any]) -> None:
    """The grid's fallback for float games is the exact solver in floats: it takes the same moves
    as in exact arithmetic, lines tied within its tolerance going, as in exact arithmetic, to the
    larger slope and then the larger acceptance set (rounding used to break such ties at random)."""
    game, strategy = case
    try:
        exact = game.solve(strategy)
    except NotImplementedError:
        return
    floats = _as_float(game).solve(strategy)
    assert all(close(getattr(exact, name), getattr(floats, name)) for name in OUTPUTS)


def test_a_tie_rounding_broke_in_floats() -> None:
    exact, floats = FLOAT_TIE.solve("try_and_see"), _as_float(FLOAT_TIE).solve("try_and_see")
    assert exact.nodes[(0, 0, 0, None)].cutoff_after == F(17, 30)
    assert all(close(getattr(exact, name), getattr(floats, name)) for name in OUTPUTS)


@settings(max_examples=100)
@given(small_games())
def test_the_committed_demand_in_floats_is_the_committed_demand(case: tuple[CoerciveGame, Any]) -> None:
    """Under an ultimatum the exact solver in floats finds the same consistent cut-offs as in exact
    arithmetic: a type exactly indifferent to the demand complies within the float tolerance
    (rounding used to make it refuse: 10 of 3000 random games with the demand 3/4 at t = 0)."""
    game, _ = case
    design = UltimatumDesign(demand=F(3, 4), deadline=0)
    try:
        exact = game.solve(design)
    except NotImplementedError:
        return
    floats = _as_float(game).solve(design)
    assert all(close(getattr(exact, name), getattr(floats, name)) for name in OUTPUTS)


def test_pure_cutoffs_must_be_a_bool() -> None:
    """A flag given as a string is refused before any work, naming the flag."""
    from bargaining.core.errors import ParameterTypeError

    with pytest.raises(ParameterTypeError, match="pure_cutoffs"):
        solve_grid(MIXING, "try_and_see", pure_cutoffs="no")  # type: ignore[arg-type]
    with pytest.raises(ParameterTypeError, match="pure_cutoffs"):
        solve_strategies(MIXING, UltimatumDesign(demand=F(3, 4), deadline=0), pure_cutoffs=1)  # type: ignore[arg-type]

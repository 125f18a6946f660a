"""An ultimatum in a crisis on the grid: the grid solver against the exact solver's engine on
atoms and against the exact mixing equilibrium, on random small games that start in a crisis
(the status quo until the deadline, the war after a refusal at it)."""

import dataclasses
from typing import Any

from hypothesis import assume, given
from hypothesis import strategies as st

from bargaining.coercive_game import CoerciveGame, UltimatumDesign, solve_strategies
from bargaining.core.errors import ParameterValueError
from tests.coercive_game.game_states import (
    OUTPUTS,
    assert_grid_is_the_atom_engine,
    assert_grid_is_the_mixing_equilibrium,
    close,
    small_games,
)
from tests.strategies import fractions


@st.composite
def crisis_games(draw: st.DrawFn) -> tuple[CoerciveGame, Any]:
    """A random small game (tests/coercive_game/game_states.py) started in a crisis."""
    game, strategy = draw(small_games())
    try:
        crisis = dataclasses.replace(game, start="crisis", status_quo=draw(fractions(0, 1, 10)))
    except ParameterValueError:
        assume(False)
    return crisis, strategy


@given(crisis_games())
def test_the_crisis_grid_is_the_exact_atom_engine_in_floats(case: tuple[CoerciveGame, Any]) -> None:
    """Every output is the exact engine's on atoms (``exact._Solver``, pure cut-offs) within 1e-9,
    the ultimatum solved with the two other strategies included (its war starts after the
    deadline, so it does not reuse try-and-see's later periods); where the engine raises, so does
    the grid."""
    game, strategy = case
    grid = assert_grid_is_the_atom_engine(game, strategy, OUTPUTS[:-2])
    if grid is not None and isinstance(strategy, UltimatumDesign):
        together = solve_strategies(game, strategy, pure_cutoffs=True)["ultimatum"]
        for name in OUTPUTS[:-2]:
            assert close(getattr(grid, name), getattr(together, name)), name


@given(crisis_games())
def test_the_checked_crisis_grid_is_the_mixing_equilibrium(case: tuple[CoerciveGame, Any]) -> None:
    """With its atoms checked the grid gives the exact solver's mixing equilibrium, or raises."""
    assert_grid_is_the_mixing_equilibrium(*case, OUTPUTS[:-2])

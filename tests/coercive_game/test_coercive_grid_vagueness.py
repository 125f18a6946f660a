"""A vague condition on the grid: the grid solver against the exact solver's engine on atoms, on
random small games whose ultimatum blurs its condition (George's specificity)."""


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
def vague_games(draw: st.DrawFn) -> tuple[CoerciveGame, UltimatumDesign]:
    """A random small game (tests/coercive_game/game_states.py) under a vague ultimatum."""
    game, _ = draw(small_games())
    demand = draw(fractions(0, 1, 10))
    try:
        design = UltimatumDesign(demand=demand, deadline=draw(st.integers(0, game.horizon)),
                                 audience_cost=draw(fractions(0, 1, 4)), schelling_risk=draw(fractions(0, 1, 4)),
                                 vagueness=draw(fractions(0, 1 - demand, 20)))
    except ParameterValueError:
        assume(False)
    return game, design


@given(vague_games())
def test_the_vague_grid_is_the_exact_atom_engine_in_floats(case: tuple[CoerciveGame, UltimatumDesign]) -> None:
    """The target concedes x + sigma to be sure and C receives x: every output is the exact
    engine's on atoms (``exact._Solver``) within 1e-9; where the exact engine raises, so does the grid."""
    grid = assert_grid_is_the_atom_engine(*case)
    if grid is not None:  # the ultimatum solved with the two other strategies: the same numbers
        together = solve_strategies(*case, pure_cutoffs=True)["ultimatum"]
        assert close(grid.coercer_utility, together.coercer_utility)


@given(vague_games())
def test_the_checked_vague_grid_is_the_mixing_equilibrium(case: tuple[CoerciveGame, UltimatumDesign]) -> None:
    """With its atoms checked the grid gives the exact solver's mixing equilibrium, or raises."""
    assert_grid_is_the_mixing_equilibrium(*case, OUTPUTS[:-2])

"""A vague condition on the grid: the grid solver against the exact solver's engine on atoms, on
random small games whose ultimatum blurs its condition (George's specificity)."""

import re

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from bargaining.coercive_game import CoerciveGame, UltimatumDesign, solve_grid, solve_strategies
from bargaining.coercive_game.exact import _Solver
from bargaining.core.errors import ParameterValueError
from tests.coercive_game.game_states import small_games
from tests.coercive_game.test_coercive_grid_durability import FIELDS, close
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
    game, design = case
    try:
        engine = _Solver(game, design, 1)
        exact = engine.forward(engine.backward())
    except NotImplementedError as error:
        with pytest.raises(NotImplementedError, match=re.escape(str(error).split(":")[0])):
            solve_grid(game, design)
        return
    grid = solve_grid(game, design)
    for name in FIELDS:
        assert close(getattr(exact, name), getattr(grid, name)), name
    together = solve_strategies(game, design)["ultimatum"]
    assert close(exact.coercer_utility, together.coercer_utility)

"""An ultimatum in a crisis on the grid: the grid solver against the exact solver's engine on
atoms, on random small games that start in a crisis (the status quo until the deadline)."""

import dataclasses
import re
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from bargaining.coercive_game import CoerciveGame, UltimatumDesign, solve_grid, solve_strategies
from bargaining.coercive_game.exact import _Solver
from bargaining.core.errors import ParameterValueError
from tests.coercive_game.game_states import small_games
from tests.strategies import fractions

OUTPUTS = ("settled_by", "decisive_by", "threat_executed", "coercer_backs_down", "still_fighting", "length",
           "expected_terms", "coercer_utility", "target_utility_by_type", "target_utility", "settled_by_type",
           "threat_executed_by_type")


def close(exact: Any, approximate: Any, tolerance: float = 1e-9) -> bool:
    if exact is None or approximate is None:
        return exact is None and approximate is None
    if isinstance(exact, tuple):
        return all(close(a, b, tolerance) for a, b in zip(exact, approximate, strict=True))
    return abs(float(exact) - approximate) <= tolerance


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
    the three strategies solved together included; where the exact engine raises, so does the grid."""
    game, strategy = case
    try:
        engine = _Solver(game, strategy, 1)
        exact = engine.forward(engine.backward())
    except NotImplementedError as error:
        with pytest.raises(NotImplementedError, match=re.escape(str(error).split(":")[0])):
            solve_grid(game, strategy, pure_cutoffs=True)
        return
    grid = solve_grid(game, strategy, pure_cutoffs=True)
    for name in OUTPUTS:
        assert close(getattr(exact, name), getattr(grid, name)), name
    if isinstance(strategy, UltimatumDesign):
        together = solve_strategies(game, strategy, pure_cutoffs=True)["ultimatum"]
        for name in OUTPUTS:
            assert close(getattr(exact, name), getattr(together, name)), name

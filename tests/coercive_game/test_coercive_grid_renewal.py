"""Renewed demands on the grid: the vectorised values and roots against
:mod:`bargaining.coercive_game.renewal` in Fractions, and the grid solver against the exact solver's
engine on atoms, every output P(renewed demand) included."""

import dataclasses
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from bargaining.coercive_game import CoerciveGame, UltimatumDesign, solve_strategies
from bargaining.coercive_game.grid_durability import Renewal, renewal, renewal_candidates
from bargaining.coercive_game.renewal import renewal_terms, renewal_values
from bargaining.core.errors import ParameterValueError
from tests.coercive_game.game_states import OUTPUTS, assert_grid_is_the_atom_engine, small_games
from tests.strategies import fractions

RENEWAL_FIELDS = (*OUTPUTS, "renewed_demand", "renewed_demand_by_type")


def renewal_game(delta: Any, assurance: Any, cost_c: Any) -> CoerciveGame:
    return CoerciveGame(discount=delta, horizon=0, resolve=(0,), cost_coercer=cost_c, assurance=assurance)


@given(
    terms=fractions(0, 1, 20), share=fractions(0, 1, 20), delta=fractions(Fraction(1, 20), Fraction(19, 20), 20),
    assurance=fractions(0, Fraction(19, 20), 20), cost_c=fractions(0, Fraction(1, 5), 20),
    cost_t=fractions(0, Fraction(1, 5), 20),
)
def test_the_vectorised_values_are_the_exact_ones(
    terms: Any, share: Any, delta: Any, assurance: Any, cost_c: Any, cost_t: Any
) -> None:
    """Each side's value of settling and whether T resists the renewal: the array kernel against
    ``renewal.renewal_values`` in Fractions (Schelling 1966; Sechser 2010, in present value)."""
    exact = renewal_values(renewal_game(delta, assurance, cost_c), terms, share, cost_t)
    r = Renewal(float(delta), float(assurance), float(cost_c))
    target, coercer, resists = renewal(r, np.array([float(terms)]), float(share), np.array([float(cost_t)]))
    assert abs(target[0] - float(exact[0])) < 1e-12 and abs(coercer[0] - float(exact[1])) < 1e-12
    comply, war = (1 - delta) * (1 - terms) / (1 - delta * (1 - terms)), 1 - share - cost_t
    if abs(comply - war) > Fraction(1, 10**9):  # away from the tie, both decide alike
        assert bool(resists[0]) == exact[2]


@given(
    value=fractions(0, 1, 40), share=fractions(0, 1, 20), delta=fractions(Fraction(1, 20), Fraction(19, 20), 20),
    assurance=fractions(0, Fraction(19, 20), 20), cost_t=fractions(0, Fraction(1, 5), 20),
)
def test_the_vectorised_root_is_the_exact_one(value: Any, share: Any, delta: Any, assurance: Any, cost_t: Any) -> None:
    """The terms that leave the marginal type indifferent: the array root against
    ``renewal.renewal_terms`` (a float game where the exact root is irrational, then checked by value)."""
    game = renewal_game(delta, assurance, 0)
    try:
        exact = renewal_terms(game, value, share, cost_t)
    except NotImplementedError:  # an irrational root: the float one must still be worth the value
        exact = renewal_terms(renewal_game(float(delta), float(assurance), 0.0), float(value), float(share), float(cost_t))
    terms, valid = renewal_candidates(Renewal(float(delta), float(assurance), 0.0), float(value), float(share), float(cost_t), 0.0)
    if exact is None:
        assert not valid[0] or abs(renewal_values(game, 0, share, cost_t)[0] - value) < 1e-9
    else:
        assert valid[0] and abs(terms[0] - float(exact)) < 1e-9
    stake = renewal_values(game, 1, share, cost_t)[0] >= value
    assert bool(valid[1]) == stake


@st.composite
def renewal_games(draw: st.DrawFn) -> tuple[CoerciveGame, Any]:
    """A random small game (tests/coercive_game/game_states.py) with renewed demands."""
    game, strategy = draw(small_games())
    try:
        renewed = dataclasses.replace(game, assurance=draw(fractions(0, Fraction(19, 20), 20)))
    except ParameterValueError:
        assume(False)
    return renewed, strategy


@given(renewal_games())
def test_the_renewal_grid_is_the_exact_atom_engine_in_floats(case: tuple[CoerciveGame, Any]) -> None:
    """Every output, P(renewed demand) by type included, is the exact engine's on atoms
    (``exact._Solver``) within 1e-9; where single crossing fails both raise. An irrational root
    makes the exact engine ask for the float game: the grid is then held against the exact engine
    on the game in floats."""
    assert_grid_is_the_atom_engine(*case, RENEWAL_FIELDS)


def test_renewed_demands_on_a_quantile_grid_of_200_types() -> None:
    """A continuous target (200 quantile types), renewed demands with assurance 1/2: the grid
    solves what the exact solver could not in reasonable time, and its outputs are probabilities
    that add up (every settled type faces a renewal with probability 1 - assurance)."""
    from bargaining.coercive_game import quantile_types

    game = CoerciveGame(discount=0.9, horizon=6, resolve=quantile_types(200), power=0.5, cost_coercer=0.05,
                        target_cost=0.05, target_cost_resolve=0.3, assurance=0.5)
    solutions = solve_strategies(game, UltimatumDesign(demand=0.7, deadline=2, audience_cost=0.2))
    for solution in solutions.values():
        assert 0 <= solution.settled <= 1 and solution.renewed_demand == pytest.approx(0.5 * solution.settled)
        assert all(0 <= p <= 1 for p in solution.settled_by_type)

"""The closed-form small games against the grid solver on a fine quantile grid (an independent check
of the regimes: the grid solver knows nothing of them)."""

from fractions import Fraction
from typing import Any

import pytest
from hypothesis import assume, given, settings

from bargaining.coercive_game import CoerciveGame, quantile_types, solve_grid
from bargaining.coercive_game.symbolic import one_period_game, two_period_game
from bargaining.core.errors import ParameterTypeError, ParameterValueError
from tests.strategies import fractions

TYPES = 200


def grid_game(horizon: int, p: Any, c_c: Any, c0: Any, c1: Any, delta: Any, s: Any, kappa: Any, q: Any) -> Any:
    return CoerciveGame(discount=float(delta), horizon=horizon, resolve=quantile_types(TYPES), power=float(p),
                        cost_coercer=float(c_c), target_cost=float(c0), target_cost_resolve=float(c1),
                        carrot=float(s), carrot_efficiency=float(kappa), carrot_credibility=float(q))


@settings(max_examples=25)
@given(
    p=fractions(0, Fraction(1, 2), 20), c_c=fractions(0, Fraction(1, 4), 20), c0=fractions(0, Fraction(1, 4), 20),
    c1=fractions(Fraction(1, 20), Fraction(1, 4), 20), delta=fractions(Fraction(1, 10), Fraction(9, 10), 10),
    s=fractions(0, Fraction(1, 10), 20), kappa=fractions(0, 2, 4), q=fractions(0, 1, 4),
)
def test_closed_forms_match_the_grid_solver(p: Any, c_c: Any, c0: Any, c1: Any, delta: Any, s: Any, kappa: Any, q: Any) -> None:
    assume(p + q * s + c0 + c1 <= 1)
    one = one_period_game(p, c_c, c0, c1, s, kappa, q)
    two = two_period_game(p, c_c, c0, c1, delta, s, kappa, q)
    tolerance = 3 * float(c1) / TYPES + 1e-9
    grid_one = solve_grid(grid_game(0, p, c_c, c0, c1, delta, s, kappa, q), "try_and_see", pure_cutoffs=True)
    grid_two = solve_grid(grid_game(1, p, c_c, c0, c1, delta, s, kappa, q), "try_and_see", pure_cutoffs=True)
    assert abs(grid_one.coercer_utility - float(one.coercer_utility)) <= tolerance
    assert abs(grid_two.coercer_utility - float(two.coercer_utility)) <= tolerance
    assert abs(grid_one.settled - float(one.settled_by[0])) <= 2 / TYPES + 1e-9


def test_the_regimes_are_named_for_exact_inputs() -> None:
    assert two_period_game(0, 0, 0, Fraction(1, 2), Fraction(1, 2)).regime == "screening over both periods"
    assert two_period_game(0, 0, Fraction(1, 4), Fraction(1, 3), Fraction(9, 10)).regime == (
        "the rest settle in the second period"
    )
    assert two_period_game(0, Fraction(1, 2), 0, Fraction(1, 5), Fraction(1, 2)).regime == "every type settles at once"
    assert one_period_game(0, 0, 0, Fraction(1, 5), Fraction(1, 2), 3, 1).regime == "no settlement"


def test_bad_inputs() -> None:
    with pytest.raises(ParameterValueError, match="no offer may ask more than the stake"):
        one_period_game(Fraction(1, 2), 0, Fraction(1, 2), Fraction(1, 2))
    with pytest.raises(ParameterValueError, match="target_cost_resolve"):
        two_period_game(0, 0, 0, 0, Fraction(1, 2))
    with pytest.raises(ParameterValueError, match="carrot_efficiency"):
        one_period_game(0, 0, 0, Fraction(1, 2), 0, -1)
    with pytest.raises(ParameterTypeError, match="power"):
        one_period_game([0.1, 0.2], 0, 0, 0.5)

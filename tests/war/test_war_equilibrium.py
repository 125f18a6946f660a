"""Markov perfect equilibrium on a front-line grid: Rubinstein and Fearon limits, exact solve, checks."""

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bargaining import ConvergenceError, ParameterTypeError, ParameterValueError
from bargaining.crisis import Crisis
from bargaining.solutions import AlternatingOffers
from bargaining.war import FrontLineWar
from tests.strategies import fractions


@given(fractions(F(1, 20), F(19, 20), 20), fractions(F(1, 20), F(19, 20), 20))
def test_one_frozen_state_without_costs_is_rubinstein(delta_c, delta_t):
    """Rubinstein (1982): with a front that never moves and no costs, alternating offers give the
    first proposer (1 - delta_T) / (1 - delta_C delta_T); compared with bargaining.solutions."""
    war = FrontLineWar(F(1, 2), 0, 0, delta_c, delta_t, width=2, stalemate=1)
    equilibrium = war.solve()
    rubinstein = AlternatingOffers(delta_c, delta_t).solve()
    assert equilibrium.share(1) == rubinstein.first_share
    assert 1 - equilibrium.share(1, proposer=1) == rubinstein.second_share_when_proposing


@given(fractions(0, 1, 20), fractions(0, F(1, 5), 20), fractions(0, F(1, 5), 20))
def test_one_decisive_battle_without_discounting_is_the_fearon_range(p, cc, ct):
    """Fearon (1995): one battle decides, no discounting; the proposer takes its end of [p - c_C, p + c_T]
    (clipped to [0, 1]); compared with bargaining.crisis.Crisis."""
    interval = Crisis(p, cc, ct).bargaining_range()
    as_coercer = FrontLineWar(p, cc, ct, 1, 1, width=2, proposer="coercer").solve().share(1)
    as_target = FrontLineWar(p, cc, ct, 1, 1, width=2, proposer="target").solve().share(1, proposer=1)
    assert as_coercer == interval.upper
    assert as_target == interval.lower
    weight = F(1, 3)
    random = FrontLineWar(p, cc, ct, 1, 1, width=2, proposer="random", proposer_weight=weight).solve()
    assert random.share(1) == interval.upper and random.share(1, 1) == interval.lower


def backward_induction(war, periods):
    """Independent: the finite game with ``periods`` rounds (after the last, the war is decided by
    the front's expected resolution value 0 to both), solved by plain Python loops."""
    states = war.width + 1
    theta, sigma = float(war.battle_odds), float(war.stalemate)
    up, down = (1 - sigma) * theta, (1 - sigma) * (1 - theta)
    cc, ct, dc, dt = (float(getattr(war, n)) for n in ("cost_coercer", "cost_target", "discount_coercer", "discount_target"))
    next_c = {"alternating": (0.0, 1.0), "coercer": (1.0, 1.0), "target": (0.0, 0.0)}[war.proposer]
    value_c = [[0.0] * states for _ in range(2)]
    value_t = [[0.0] * states for _ in range(2)]
    for layer in range(2):
        value_c[layer][-1], value_t[layer][0] = 1.0, 1.0
    for _ in range(periods):
        new_c = [row[:] for row in value_c]
        new_t = [row[:] for row in value_t]
        for layer in range(2):
            for s in range(1, states - 1):
                def expect(values, s=s, layer=layer):
                    total = 0.0
                    for nl, chance in ((0, next_c[layer]), (1, 1 - next_c[layer])):
                        total += chance * (up * values[nl][s + 1] + down * values[nl][s - 1] + sigma * values[nl][s])
                    return total
                fight_c, fight_t = -cc + dc * expect(value_c), -ct + dt * expect(value_t)
                if layer == 0:
                    keep = 1 - max(fight_t, 0.0)
                    new_c[layer][s], new_t[layer][s] = (keep, 1 - keep) if keep >= fight_c else (fight_c, fight_t)
                else:
                    keep = 1 - max(fight_c, 0.0)
                    new_c[layer][s], new_t[layer][s] = (1 - keep, keep) if keep >= fight_t else (fight_c, fight_t)
        value_c, value_t = new_c, new_t
    return np.array(value_c), np.array(value_t)


@pytest.mark.parametrize("proposer", ["alternating", "coercer", "target"])
def test_value_iteration_matches_long_horizon_backward_induction(proposer):
    war = FrontLineWar(0.6, 0.05, 0.1, 0.9, 0.95, width=7, stalemate=0.3, proposer=proposer)
    equilibrium = war.solve()
    value_c, value_t = backward_induction(war, 600)
    np.testing.assert_allclose(equilibrium.value_coercer, value_c, atol=1e-9)
    np.testing.assert_allclose(equilibrium.value_target, value_t, atol=1e-9)


def test_exact_solution_is_the_float_solution_exactly_verified():
    exact = FrontLineWar(F(3, 5), F(1, 20), F(1, 10), F(9, 10), F(19, 20), width=6, stalemate=F(1, 3)).solve()
    floats = FrontLineWar(0.6, 0.05, 0.1, 0.9, 0.95, width=6, stalemate=1 / 3).solve()
    assert all(isinstance(v, F) for v in exact.value_coercer.ravel())
    np.testing.assert_allclose(np.asarray(exact.value_coercer, dtype=float), floats.value_coercer, atol=1e-10)
    np.testing.assert_allclose(np.asarray(exact.offer, dtype=float), floats.offer, atol=1e-10)
    assert exact.residual == 0


def test_exact_solve_with_corner_offers():
    """Costly fighting can make the responder's war value negative: it is then offered nothing."""
    exact = FrontLineWar(F(9, 10), F(1, 10), F(1, 2), F(1, 2), F(1, 2), width=3, proposer="coercer").solve()
    assert exact.share(1) == 1 and exact.share(2) == 1


@settings(max_examples=30)
@given(fractions(0, 1, 10), fractions(0, F(1, 5), 20), fractions(0, F(1, 5), 20),
       fractions(F(1, 2), F(19, 20), 20), st.integers(2, 6), st.sampled_from(["alternating", "coercer", "random"]))
def test_complete_information_never_wastes_a_battle(theta, cc, ct, delta, width, proposer):
    """Fearon (1995): costly war is inefficient, so with complete information every state agrees at once
    and the two values add up to the whole stake."""
    equilibrium = FrontLineWar(float(theta), float(cc), float(ct), float(delta), float(delta), width,
                               stalemate=0.5, proposer=proposer).solve()
    assert equilibrium.agreement[..., 1:-1].all()
    np.testing.assert_allclose(equilibrium.value_coercer + equilibrium.value_target, 1, atol=1e-9)
    # proposing is worth something: the coercer's share is larger when it proposes
    assert np.all(equilibrium.offer[0, 1:-1] >= equilibrium.offer[1, 1:-1] - 1e-12)


def test_array_parameters_match_scalar_solves():
    arrays = FrontLineWar(np.array([0.4, 0.7]), 0.05, 0.05, 0.9, 0.9, width=5).solve()
    for index, theta in enumerate((0.4, 0.7)):
        single = FrontLineWar(theta, 0.05, 0.05, 0.9, 0.9, width=5).solve()
        np.testing.assert_allclose(arrays.value_coercer[index], single.value_coercer, atol=1e-10)
    assert arrays.share(2).shape == (2,)


@given(fractions(F(1, 10), F(9, 10), 10), fractions(F(1, 10), F(9, 10), 10), st.integers(1, 12))
def test_a_deadline_with_a_frozen_front_is_rubinstein_with_a_deadline(delta_c, delta_t, periods):
    """Stahl (1972) / Rubinstein (1982) with a deadline: exact backward induction equals
    bargaining.solutions.AlternatingOffers.solve_with_deadline."""
    war = FrontLineWar(F(1, 2), 0, 0, delta_c, delta_t, width=2, stalemate=1)
    assert war.solve_with_deadline(periods).share(1) == AlternatingOffers(delta_c, delta_t).solve_with_deadline(periods).first_share


def test_long_deadlines_converge_to_the_stationary_equilibrium():
    war = FrontLineWar(F(3, 5), F(1, 20), F(1, 10), F(9, 10), F(19, 20), width=5, stalemate=F(1, 3))
    stationary = war.solve()
    floats = FrontLineWar(0.6, 0.05, 0.1, 0.9, 0.95, width=5, stalemate=1 / 3)
    np.testing.assert_allclose(floats.solve_with_deadline(400).value_coercer, np.asarray(stationary.value_coercer, dtype=float), atol=1e-9)
    short = war.solve_with_deadline(3)
    assert all(isinstance(v, F) for v in short.offer.ravel())
    arrays = FrontLineWar(np.array([0.4, 0.6]), 0.05, 0.1, 0.9, 0.95, width=5, stalemate=1 / 3).solve_with_deadline(5)
    np.testing.assert_allclose(arrays.value_coercer[1], floats.solve_with_deadline(5).value_coercer)
    with pytest.raises(ParameterValueError, match=r"periods must be an integer number of rounds in \[1, 10\*\*6\] \(got 0\)"):
        war.solve_with_deadline(0)


def test_value_iteration_that_stops_short_raises():
    with pytest.raises(ConvergenceError, match="value iteration stopped after 3 sweeps"):
        FrontLineWar(0.5, 0.01, 0.01, 0.99, 0.99, width=50).solve(max_iterations=3)


@pytest.mark.parametrize(
    ("build", "error", "message"),
    [
        (lambda: FrontLineWar(F(3, 2), 0, 0, F(1, 2), F(1, 2), 2), ParameterValueError, r"battle_odds must be a probability"),
        (lambda: FrontLineWar(F(1, 2), 0, 0, 0, F(1, 2), 2), ParameterValueError, r"discount_coercer must be a discount factor in \(0, 1\] \(got 0\)"),
        (lambda: FrontLineWar(F(1, 2), 0, 0, F(1, 2), F(1, 2), 1), ParameterValueError, r"width must be an integer number of front positions"),
        (lambda: FrontLineWar(F(1, 2), 0, 0, F(1, 2), F(1, 2), 2, proposer="us"), ParameterValueError, r"proposer must be one of alternating"),
        (lambda: FrontLineWar(F(1, 2), 0, 0, 1, F(1, 2), 2, stalemate=1), ParameterValueError, r"stalemate must be below 1 when a side does not discount"),
        (lambda: FrontLineWar(F(1, 2), -1, 0, F(1, 2), F(1, 2), 2), ParameterValueError, r"cost_coercer must be non-negative"),
        (lambda: FrontLineWar(F(1, 2), 0, 0, F(1, 2), F(1, 2), 2).solve(tolerance=0), ParameterValueError, r"tolerance must be positive"),
        (lambda: FrontLineWar(F(1, 2), 0, 0, F(1, 2), F(1, 2), 2).solve(max_iterations=0), ParameterValueError, r"max_iterations must be a positive integer"),
        (lambda: FrontLineWar(F(1, 2), 0, 0, F(1, 2), F(1, 2), 2).solve().share(2), ParameterValueError, r"start must be an interior front position in \[1, 1\] \(got 2\)"),
        (lambda: FrontLineWar(F(1, 2), 0, 0, F(1, 2), F(1, 2), 2).solve().share(1, 2), ParameterValueError, r"proposer must be 0 \(coercer\) or 1"),
        (lambda: FrontLineWar(F(1, 2), 0, 0, F(1, 2), F(1, 2), 300).solve(), ParameterValueError, r"width must be at most 201 for exact"),
    ],
)
def test_bad_equilibrium_inputs_are_refused(build, error, message):
    with pytest.raises(error, match=message):
        build()


def test_symbolic_inputs_are_refused_for_value_iteration():
    import sympy

    with pytest.raises(ParameterTypeError, match="battle_odds must be a number or array for value iteration"):
        FrontLineWar(sympy.Symbol("theta", positive=True), 0, 0, F(1, 2), F(1, 2), 2)

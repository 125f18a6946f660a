"""Alternating offers: Rubinstein (1982), outside options (BSS 1989), breakdown (BRW 1986), deadlines."""

import math
from fractions import Fraction as F

import numpy as np
import pytest
import sympy
from hypothesis import assume, given
from hypothesis import strategies as st

from bargaining import ParameterTypeError, ParameterValueError
from bargaining.solutions import AlternatingOffers, BargainingProblem, continuous_time_split
from tests.strategies import discounts, fractions


def test_rubinstein_equal_patience_gives_the_first_mover_one_over_one_plus_delta():
    """Rubinstein (1982, Theorem): with delta_1 = delta_2 = delta the proposer gets 1/(1 + delta)."""
    for delta in (F(1, 2), F(9, 10), F(99, 100)):
        assert AlternatingOffers(delta, delta).solve().first_share == 1 / (1 + delta)


def test_rubinstein_share_with_unequal_discounts():
    """Osborne & Rubinstein (1990, Prop. 3.5): x* = (1 - delta_2)/(1 - delta_1 delta_2)."""
    solution = AlternatingOffers(F(1, 2), F(3, 4)).solve()
    assert solution.first_share == F(1 - F(3, 4), 1) / (1 - F(3, 8))
    assert solution.second_share == 1 - solution.first_share


@given(discounts, discounts, fractions(-1, F(1, 2)), fractions(-1, F(1, 2)), fractions(0, F(9, 10)),
       fractions(0, F(1, 2)), fractions(0, F(1, 2)))
def test_stationary_solution_is_the_limit_of_backward_induction(d1, d2, w1, w2, q, e1, e2):
    """Independent check: backward induction from a distant deadline converges to the closed form."""
    model = AlternatingOffers(float(d1), float(d2), float(w1), float(w2), float(q), float(e1), float(e2))
    periods = 2 * 400 + 1
    assert model.solve_with_deadline(periods).first_share == pytest.approx(model.solve().first_share, abs=1e-9)
    exact = AlternatingOffers(d1, d2, w1, w2, q, e1, e2).solve()
    assert float(exact.first_share) == pytest.approx(model.solve().first_share, abs=1e-12)


@given(discounts, discounts)
def test_shares_satisfy_the_indifference_conditions(d1, d2):
    solution = AlternatingOffers(d1, d2).solve()
    assert 1 - solution.first_share == d2 * solution.second_share_when_proposing
    assert 1 - solution.second_share_when_proposing == d1 * solution.first_share


@given(st.floats(0.05, 5), st.floats(0.05, 5))
def test_rubinstein_tends_to_the_weighted_nash_solution_as_offers_speed_up(r1, r2):
    """Binmore, Rubinstein & Wolinsky (1986): as delta_i = exp(-r_i dt), dt -> 0, the split tends to
    the asymmetric Nash solution with weight r_2/(r_1 + r_2) on player 1."""
    step = 1e-6
    share = AlternatingOffers(math.exp(-r1 * step), math.exp(-r2 * step)).solve().first_share
    nash = BargainingProblem([(0.0, 1.0), (1.0, 0.0)]).nash(r2 / (r1 + r2)).first
    assert share == pytest.approx(nash, abs=1e-5)
    assert continuous_time_split(r1, r2) == pytest.approx(nash, abs=1e-12)


def test_equal_patience_tends_to_the_symmetric_nash_solution():
    shares = [AlternatingOffers(1 - h, 1 - h).solve().first_share for h in (F(1, 10), F(1, 100), F(1, 10000))]
    assert [abs(s - F(1, 2)) for s in shares] == sorted((abs(s - F(1, 2)) for s in shares), reverse=True)
    assert abs(shares[-1] - F(1, 2)) < F(1, 10000)


@given(discounts, fractions(0, F(1, 2)))
def test_outside_option_binds_only_when_it_beats_the_continuation(delta, option):
    """Binmore, Shaked & Sutton (1989), the outside option principle."""
    plain = AlternatingOffers(delta, delta).solve()
    with_option = AlternatingOffers(delta, delta, outside_second=option).solve()
    if option <= delta * plain.second_share_when_proposing:
        assert with_option.first_share == plain.first_share
        assert with_option.regime == "no outside option binds"
    else:
        assert with_option.first_share == 1 - option
        assert with_option.regime == "second's outside option binds"


def test_both_options_binding():
    solution = AlternatingOffers(F(1, 2), F(1, 2), outside_first=F(2, 5), outside_second=F(2, 5)).solve()
    assert solution.regime == "both outside options bind"
    assert (solution.first_share, solution.second_share_when_proposing) == (F(3, 5), F(3, 5))


@given(fractions(0, F(1, 2)), fractions(0, F(1, 2)))
def test_vanishing_breakdown_risk_splits_the_difference(e1, e2):
    """Binmore, Rubinstein & Wolinsky (1986): no discounting, breakdown risk q -> 0 gives
    (1 + e1 - e2)/2, the Nash solution with the breakdown point as disagreement point (strictly
    inside the frontier: at e1 = e2 = 1/2 there is nothing to bargain over, and the problem is refused)."""
    assume(e1 + e2 < 1)
    share = AlternatingOffers(1, 1, breakdown_risk=F(1, 10**6), breakdown_first=e1, breakdown_second=e2).solve()
    target = (1 + e1 - e2) / 2
    assert abs(share.first_share - target) < F(1, 10**5)
    assert BargainingProblem([(0, 1), (1, 0)], disagreement=(e1, e2)).nash().first == target


def test_war_as_outside_option_and_as_breakdown_give_different_answers():
    """The switch matters: a strong coercer's war payoff (0.6) beats its Rubinstein share and binds
    as an outside option; as a breakdown risk it shifts the split whatever its size."""
    common = (F(7, 10), F(1, 10), F(1, 10), F(9, 10), F(9, 10))
    option = AlternatingOffers.from_war(*common, war_as="outside_option").solve()
    breakdown = AlternatingOffers.from_war(*common, war_as="breakdown", breakdown_risk=F(1, 2)).solve()
    assert option.first_share == 1 - F(9, 10) * (1 - F(6, 10))  # T gets delta * (1 - w_C)
    assert option.regime == "first's outside option binds"
    assert breakdown.first_share == F(234, 319)
    # weak war payoffs: the outside option never binds, the breakdown still moves the split
    weak = (F(1, 2), F(1, 10), F(1, 10), F(9, 10), F(9, 10))
    assert AlternatingOffers.from_war(*weak, war_as="outside_option").solve().first_share == F(10, 19)
    assert AlternatingOffers.from_war(*weak, war_as="breakdown", breakdown_risk=F(1, 2)).solve().first_share != F(10, 19)
    with pytest.raises(ParameterValueError, match="war_as must be 'outside_option' or 'breakdown'"):
        AlternatingOffers.from_war(*weak, war_as="both")  # type: ignore[arg-type]


def test_deadline_last_proposer_takes_all():
    """Finite-horizon alternating offers (Stahl 1972): one period -> 1; two -> 1 - delta_2."""
    model = AlternatingOffers(F(1, 2), F(3, 4))
    assert model.solve_with_deadline(1).first_share == 1
    assert model.solve_with_deadline(2).first_share == 1 - F(3, 4)
    assert model.solve_with_deadline(3).first_share == 1 - F(3, 4) * (1 - F(1, 2))
    with_options = AlternatingOffers(F(1, 2), F(3, 4), outside_first=F(1, 5), outside_second=F(1, 10))
    assert with_options.solve_with_deadline(1).first_share == F(9, 10)
    assert with_options.solve_with_deadline(2).first_share == 1 - max(F(1, 10), F(3, 4) * F(4, 5))
    with pytest.raises(ParameterValueError, match="periods must be a positive integer"):
        model.solve_with_deadline(0)


def test_arrays_and_symbols():
    solution = AlternatingOffers(np.array([0.5, 0.9]), 0.9).solve()
    np.testing.assert_allclose(solution.first_share, [0.1 / 0.55, 0.1 / 0.19])
    d = sympy.Symbol("delta", positive=True)
    assert sympy.simplify(AlternatingOffers(d, d).solve().first_share - 1 / (1 + d)) == 0
    regimes = AlternatingOffers(F(1, 2), F(1, 2), outside_second=sympy.Symbol("w")).solve().regime
    assert {r.label for r in regimes} >= {"no outside option binds", "second's outside option binds"}


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "message"),
    [
        ((1.5, 0.5), {}, ParameterValueError, "discount_first must be a discount factor in (0, 1] (got 1.5)"),
        ((0, 0.5), {}, ParameterValueError, "discount_first must be a discount factor in (0, 1] (got 0)"),
        ((0.5, 1), {}, ParameterValueError, "discount_second with breakdown_risk must be costly delay"),
        ((0.5, 0.5), {"breakdown_risk": 2}, ParameterValueError, "breakdown_risk must be a probability in [0, 1] (got 2)"),
        ((0.5, 0.5), {"outside_first": 0.6, "outside_second": 0.6}, ParameterValueError,
         "outside_first + outside_second must be at most 1"),
        ((0.5, 0.5), {"breakdown_first": 0.8, "breakdown_second": 0.8, "breakdown_risk": 0.1}, ParameterValueError,
         "breakdown_first + breakdown_second must be at most 1"),
        (("0.5", 0.5), {}, ParameterTypeError, "discount_first must be a real number"),
        ((float("nan"), 0.5), {}, ParameterValueError, "discount_first must be a finite number (got nan)"),
    ],
)
def test_bad_inputs(args, kwargs, error, message):
    with pytest.raises(error) as caught:
        AlternatingOffers(*args, **kwargs)
    assert message in str(caught.value)


def test_continuous_time_split_refuses_non_positive_rates():
    with pytest.raises(ParameterValueError, match=r"rate_first must be positive \(got 0\)"):
        continuous_time_split(0, 1)

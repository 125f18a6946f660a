"""The bargaining range: Fearon (1995), risk aversion, mutual optimism, first-strike advantages."""

from fractions import Fraction as F

import numpy as np
import pytest
import sympy
from hypothesis import given

from bargaining import ParameterTypeError, ParameterValueError
from bargaining.crisis import BargainingRange, Crisis, FirstStrike, MutualOptimism
from tests.strategies import costs, fractions, probabilities


def test_fearon_range_is_power_minus_and_plus_costs():
    """Fearon (1995, p. 387-388, Fig. 1): the range is [p - c_C, p + c_T]."""
    interval = Crisis(F(1, 2), F(1, 10), F(1, 5)).bargaining_range()
    assert interval == BargainingRange(F(2, 5), F(7, 10))
    assert interval.width == F(3, 10) and not interval.is_empty
    assert interval.contains(F(1, 2)) and not interval.contains(F(3, 4))


@given(probabilities, costs, costs)
def test_every_deal_in_the_range_beats_war_for_both_and_none_outside_does(p, cc, ct):
    """Independent check by brute force over a grid of deals."""
    crisis = Crisis(p, cc, ct)
    interval = crisis.bargaining_range()
    war_c, war_t = crisis.war_payoffs
    for x in (F(k, 40) for k in range(41)):
        prefers = x >= war_c and 1 - x >= war_t
        assert bool(interval.contains(x)) == prefers


@given(probabilities, costs, costs, fractions(F(1, 10), 1), fractions(F(1, 10), 1))
def test_risk_aversion_widens_the_range(p, cc, ct, rc, rt):
    """Fearon (1995, p. 388): risk-averse states have a wider range than risk-neutral ones."""
    neutral = Crisis(p, cc, ct).bargaining_range()
    averse = Crisis(p, cc, ct, rc, rt).bargaining_range()
    assert averse.lower <= neutral.lower and averse.upper >= neutral.upper
    # the ends are indifferent to war (where war is worth something)
    if p - cc > 0:
        assert float(averse.lower) ** float(rc) == pytest.approx(float(p - cc), rel=1e-12)


def test_concave_range_is_exact():
    interval = Crisis(F(1, 2), F(1, 4), F(1, 4), risk_coercer=F(1, 2)).bargaining_range()
    assert interval.lower == F(1, 16) and interval.upper == F(3, 4)
    irrational = Crisis(F(1, 2), 0, 0, risk_coercer=F(1, 2), risk_target=F(1, 3)).bargaining_range()
    assert irrational.lower == F(1, 4) and irrational.upper == 1 - F(1, 8)
    root = Crisis(F(1, 2), F(1, 4), 0, risk_coercer=2).bargaining_range()
    assert root.lower == sympy.Rational(1, 2)  # sqrt(1/4)
    odd = Crisis(F(1, 2), F(1, 6), 0, risk_coercer=2).bargaining_range()
    assert odd.lower == sympy.sqrt(3) / 3


@given(probabilities, probabilities, costs, costs)
def test_range_is_empty_exactly_when_optimism_exceeds_the_total_cost_of_war(pc, qt, cc, ct):
    """Fearon (1995, p. 392-393); Blainey (1973): mutual optimism empties the range."""
    model = MutualOptimism(pc, qt, cc, ct)
    interval = model.bargaining_range()
    if pc - cc >= 0 and qt - ct >= 0:
        assert interval.is_empty == (model.optimism > cc + ct)
    if model.optimism > cc + ct:
        assert interval.is_empty


@given(fractions(F(1, 4), F(3, 4)), fractions(0, F(1, 4)), fractions(0, F(1, 4)), costs, costs)
def test_first_strike_empties_the_range_exactly_when_the_advantage_exceeds_costs(p, fc, ft, cc, ct):
    """Fearon (1995, §"Preemptive war and offensive advantages")."""
    interval = FirstStrike(p, fc, ft, cc, ct).bargaining_range()
    if p + fc - cc >= 0 and 1 - p + ft - ct >= 0:
        assert interval.is_empty == (fc + ft > cc + ct)


def test_arrays_and_symbols_give_arrays_and_expressions():
    interval = Crisis(np.array([0.2, 0.5, 0.9]), 0.1, np.array([[0.1], [0.3]])).bargaining_range()
    assert interval.lower.shape == (3,) and interval.upper.shape == (2, 3)
    np.testing.assert_allclose(interval.upper[1], [0.5, 0.8, 1.0])
    np.testing.assert_allclose(interval.lower, [0.1, 0.4, 0.8])
    p, c = sympy.symbols("p c", positive=True)
    symbolic = Crisis(p, c, c).bargaining_range()
    assert symbolic.lower == sympy.Max(p - c, 0)
    assert sympy.simplify(symbolic.width.subs({p: sympy.Rational(1, 2), c: sympy.Rational(1, 10)})) == sympy.Rational(1, 5)


@pytest.mark.parametrize(
    ("factory", "error", "message"),
    [
        (lambda: Crisis(1.3), ParameterValueError, "power must be a probability in [0, 1] (got 1.3)"),
        (lambda: Crisis(F(1, 2), -1), ParameterValueError, "cost_coercer must be non-negative (got -1)"),
        (lambda: Crisis(float("nan")), ParameterValueError, "power must be a finite number (got nan)"),
        (lambda: Crisis(0.5, risk_target=0), ParameterValueError, "risk_target must be positive (got 0)"),
        (lambda: Crisis("0.5"), ParameterTypeError, "power must be a real number"),
        (lambda: Crisis(np.array([0.5, 1.2])), ParameterValueError, "power must be a probability in [0, 1] (got 1.2 at index (1,))"),
        (lambda: Crisis(np.array([0.5, 0.6]), np.array([0.1, 0.2, 0.3])), ParameterValueError,
         "cost_coercer must be broadcastable with power's shape (2,) (got shape (3,))"),
        (lambda: MutualOptimism(1.1, 0.5), ParameterValueError, "coercer_belief must be a probability in [0, 1] (got 1.1)"),
        (lambda: FirstStrike(0.9, 0.2, 0), ParameterValueError,
         "power + advantage_coercer must be a probability in [0, 1]"),
        (lambda: FirstStrike(0.1, 0, 0.2), ParameterValueError,
         "power - advantage_target must be a probability in [0, 1]"),
    ],
)
def test_bad_inputs_name_the_field(factory, error, message):
    with pytest.raises(error) as caught:
        factory()
    assert message in str(caught.value)

"""The risk–return trade-off (Fearon 1995, §3; Powell 1999, ch. 3) and two-type screening."""

from fractions import Fraction as F

import numpy as np
import pytest
import sympy
from hypothesis import assume, given
from scipy import stats

from bargaining import ParameterTypeError, ParameterValueError
from bargaining.crisis import RiskReturn, Screening, risk_return_demand
from tests.strategies import costs, fractions, probabilities


def test_fearon_risk_return_worked_example():
    """Fearon (1995, p. 395): the optimal demand p + (c_high - c_C)/2 risks war to gain more.
    With p = 1/2, c_C = 1/10, c_T ~ U[0, 2/5]: demand 13/20, war probability 3/8."""
    solution = RiskReturn(F(1, 2), F(1, 10), 0, F(2, 5)).solve()
    assert (solution.demand, solution.war_probability, solution.regime) == (F(13, 20), F(3, 8), "interior")
    assert solution.coercer_utility == F(13, 20) * F(5, 8) + F(2, 5) * F(3, 8)


def test_corner_cases_safe_and_capped():
    # a coercer whose war is costly makes the safe demand p + c_low (Powell 1999, p. 89)
    safe = RiskReturn(F(1, 2), F(1, 2), F(1, 10), F(3, 10)).solve()
    assert (safe.demand, safe.war_probability, safe.regime) == (F(3, 5), 0, "safe")
    # near-certain victory: the demand is capped at the whole stake
    capped = RiskReturn(F(9, 10), 0, 0, F(1, 2)).solve()
    assert (capped.demand, capped.regime) == (1, "capped")
    assert capped.war_probability == F(1, 5)
    # p + c_low beyond 1: every type concedes everything
    everything = RiskReturn(F(9, 10), 0, F(1, 5), F(1, 2)).solve()
    assert (everything.demand, everything.war_probability, everything.regime) == (1, 0, "safe")


@given(probabilities, costs, fractions(0, F(1, 2)), fractions(F(1, 60), F(1, 2)))
def test_closed_form_beats_every_demand_on_a_grid(p, cc, low, spread):
    """Independent check: brute-force search over demands never finds a better one."""
    model = RiskReturn(p, cc, low, low + spread)
    solution = model.solve()
    grid = [F(k, 200) for k in range(201)]
    assert all(model.coercer_utility(x) <= solution.coercer_utility for x in grid)
    assert 0 <= solution.demand <= 1


@given(probabilities, costs, fractions(0, F(1, 2)), fractions(F(1, 60), F(1, 2)), probabilities, probabilities)
def test_war_probability_rises_with_the_demand(p, cc, low, spread, x, y):
    model = RiskReturn(p, cc, low, low + spread)
    lo, hi = sorted((x, y))
    assert model.war_probability(lo) <= model.war_probability(hi)


@given(probabilities, costs, fractions(0, F(1, 2)), fractions(F(1, 60), F(1, 2)))
def test_exact_float_and_array_layers_agree(p, cc, low, spread):
    exact = RiskReturn(p, cc, low, low + spread).solve()
    floats = RiskReturn(float(p), float(cc), float(low), float(low + spread)).solve()
    array = RiskReturn(np.array([float(p)] * 2), float(cc), float(low), float(low + spread)).solve()
    assert floats.demand == pytest.approx(float(exact.demand), abs=1e-12)
    assert floats.war_probability == pytest.approx(float(exact.war_probability), abs=1e-12)
    np.testing.assert_allclose(array.demand, float(exact.demand), atol=1e-12)
    assert array.regime[0] == floats.regime  # the array layer is the float layer, point by point
    # the regimes meet where the exact candidates tie; there rounding may pick either label (the
    # demand is the same on both sides), elsewhere the float label must be the exact one
    interior, safe, cap = p + (spread + low - cc) / 2, p + low, min(p + low + spread, F(1))
    if interior not in (safe, cap) and safe != cap:
        assert floats.regime == exact.regime


def test_symbolic_solution_is_piecewise_with_regimes():
    p, c, lo, hi = sympy.symbols("p c lo hi", positive=True)
    solution = RiskReturn(p, c, lo, hi).solve()
    assert isinstance(solution.demand, sympy.Piecewise)
    labels = [regime.label for regime in solution.regime]
    assert labels == ["safe", "capped", "interior"]
    point = {p: sympy.Rational(1, 2), c: sympy.Rational(1, 10), lo: 0, hi: sympy.Rational(2, 5)}
    assert solution.demand.subs(point) == sympy.Rational(13, 20)


@pytest.mark.parametrize(
    "distribution",
    [stats.uniform(loc=0.0, scale=0.4), stats.expon(scale=0.2), stats.beta(2, 5, scale=0.6), stats.lognorm(0.8, scale=0.15)],
)
def test_numeric_optimum_matches_brute_force_for_any_distribution(distribution):
    p, cc = 0.45, 0.05
    solution = risk_return_demand(p, cc, distribution)
    grid = np.linspace(p, 1.0, 200001)
    values = grid * (1 - distribution.cdf(grid - p)) + (p - cc) * distribution.cdf(grid - p)
    assert solution.coercer_utility >= values.max() - 1e-9
    assert solution.war_probability == pytest.approx(distribution.cdf(solution.demand - p))


def test_numeric_optimum_agrees_with_the_uniform_closed_form():
    exact = RiskReturn(0.5, 0.1, 0.0, 0.4).solve()
    numeric = risk_return_demand(0.5, 0.1, stats.uniform(loc=0.0, scale=0.4))
    assert numeric.demand == pytest.approx(exact.demand, abs=1e-7)
    assert numeric.regime == "interior"
    safe = risk_return_demand(0.5, 0.5, stats.uniform(loc=0.1, scale=0.2))
    assert safe.regime == "safe" and safe.demand == pytest.approx(0.6, abs=1e-7)
    capped = risk_return_demand(0.9, 0.0, stats.uniform(loc=0.0, scale=0.5))
    assert capped.regime == "capped" and capped.demand == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: RiskReturn(0.5, 0.1, 0.3, 0.2), ParameterValueError, "target_cost_high must be greater than target_cost_low = 0.3 (got 0.2)"),
        (lambda: RiskReturn(np.array([0.5]), 0.1, np.array([0.3, 0.1]), 0.2), ParameterValueError,
         "target_cost_high must be greater than target_cost_low (0.3 there) (got 0.2 at index (0,))"),
        (lambda: RiskReturn(0.5, -0.1, 0.0, 0.2), ParameterValueError, "cost_coercer must be non-negative (got -0.1)"),
        (lambda: risk_return_demand(0.5, 0.1, "uniform"), ParameterTypeError, "distribution must be a scipy.stats distribution"),
        (lambda: risk_return_demand(np.array([0.5]), 0.1, stats.uniform()), ParameterTypeError, "power must be a real number"),
        (lambda: risk_return_demand(1.5, 0.1, stats.uniform()), ParameterValueError, "power must be a probability in [0, 1] (got 1.5)"),
        (lambda: risk_return_demand(0.5, 0.1, stats.uniform(), grid_points=2), ParameterValueError, "grid_points must be at least 3 (got 2)"),
        (lambda: risk_return_demand(0.5, 0.1, type("Bad", (), {"cdf": staticmethod(lambda x: x * np.nan)})()),
         ParameterValueError, "distribution must be a distribution with a finite cdf"),
    ],
)
def test_bad_inputs(call, error, message):
    with pytest.raises(error) as caught:
        call()
    assert message in str(caught.value)


def test_screening_worked_example():
    """Fearon (1995, p. 395-396) two-type version: tough demand when the tough type is rare."""
    solution = Screening(F(1, 2), F(1, 10), F(1, 10), F(3, 10), F(1, 4)).solve()
    assert (solution.demand, solution.war_probability, solution.cutoff) == (F(4, 5), F(1, 4), F(1, 2))
    assert solution.regime == "tough demand"
    cautious = Screening(F(1, 2), F(1, 10), F(1, 10), F(3, 10), F(3, 4)).solve()
    assert (cautious.demand, cautious.war_probability, cautious.regime) == (F(3, 5), 0, "soft demand")


@given(probabilities, costs, fractions(0, F(1, 4)), fractions(F(1, 60), F(1, 4)), probabilities)
def test_screening_picks_the_better_demand_and_the_cutoff_separates(p, cc, low, gap, prior):
    model = Screening(p, cc, low, low + gap, prior)
    solution = model.solve()
    soft, tough = min(p + low, 1), min(p + low + gap, 1)
    utilities = {"soft demand": soft, "tough demand": (1 - prior) * tough + prior * (p - cc)}
    assert solution.coercer_utility == max(utilities.values())
    assume(tough > soft)
    assert (solution.regime == "tough demand") == (prior < solution.cutoff)


def test_screening_arrays_and_degenerate_point():
    solution = Screening(np.array([0.5, 1.0]), 0.0, 0.1, 0.3, 0.25).solve()
    np.testing.assert_allclose(solution.cutoff, [2 / 3, 0.0])
    assert Screening(1, 0, 0, F(1, 2), F(1, 2)).solve().cutoff == 0
    with pytest.raises(ParameterValueError, match="cost_soft must be greater than cost_tough = 3/10"):
        Screening(F(1, 2), 0, F(3, 10), F(1, 10), F(1, 2))

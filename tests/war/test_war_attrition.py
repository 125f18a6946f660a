"""Wars of attrition: complete and private information, constant and escalating costs."""

import math
from fractions import Fraction as F

import numpy as np
import pytest
import sympy
from hypothesis import given

from bargaining import ParameterTypeError, ParameterValueError
from bargaining.war import PrivateWarOfAttrition, WarOfAttrition
from tests.strategies import fractions

positive = fractions(F(1, 10), 2, 10)
small = fractions(0, 1, 10)


def test_constant_cost_war_of_attrition_is_exponential():
    """Hendricks, Weiss & Wilson (1988); Fudenberg & Tirole (1991, §4.5.2): each side concedes at the
    constant rate c_j / v_j that makes the other indifferent, so the war is exponential with mean
    1 / (c_C/v_C + c_T/v_T) and median ln 2 times that; the coercer wins with c_C v_T / (c_C v_T + c_T v_C)."""
    war = WarOfAttrition(2, 1, F(1, 10), F(1, 5))
    assert war.mean_duration() == F(4)  # 1 / (1/20 + 1/5)
    assert war.median_duration() == 4 * sympy.log(2)
    assert war.coercer_victory_probability() == F(1, 5)
    assert war.expected_cost_coercer() == F(2, 5) and war.expected_cost_target() == F(4, 5)


def test_linear_hazard_median_and_mean():
    """Rayleigh case (a = 0): S = exp(-b t^2 / 2), median sqrt(2 ln 2 / b), mean sqrt(pi / (2 b))."""
    war = WarOfAttrition(1, 1, 0, 0, 1, 1)
    assert war.median_duration() == sympy.sqrt(sympy.log(2))
    assert war.mean_duration() == sympy.sqrt(sympy.pi) / 2
    assert war.coercer_victory_probability() == F(1, 2)


def _sample_complete(war, draws, rng):
    """Sample each side's concession time by inverting its own cumulative hazard."""
    a_c, b_c = float(war.cost_target / war.value_target), float(war.escalation_target / war.value_target)
    a_t, b_t = float(war.cost_coercer / war.value_coercer), float(war.escalation_coercer / war.value_coercer)

    def invert(a, b, e):  # a t + b t^2 / 2 = e
        return 2 * e / (a + np.sqrt(a * a + 2 * b * e))

    coercer = invert(a_c, b_c, rng.exponential(size=draws))
    target = invert(a_t, b_t, rng.exponential(size=draws))
    return np.minimum(coercer, target), target < coercer


@pytest.mark.parametrize("escalation", [0.0, 0.3])
def test_complete_information_against_monte_carlo(escalation):
    war = WarOfAttrition(1.0, 2.0, 0.2, 0.3, 0.1, escalation)
    durations, target_first = _sample_complete(war, 400_000, np.random.default_rng(11))
    error = durations.std() / math.sqrt(durations.size)
    assert war.mean_duration() == pytest.approx(durations.mean(), abs=4 * error)
    assert war.median_duration() == pytest.approx(np.median(durations), rel=0.01)
    assert war.coercer_victory_probability() == pytest.approx(target_first.mean(), abs=0.004)
    cost = 0.2 * durations + 0.1 * durations**2 / 2
    assert war.expected_cost_coercer() == pytest.approx(cost.mean(), rel=0.01)


@given(positive, positive, small, small, small, small)
def test_survival_is_one_at_zero_and_hazard_integrates_to_survival(vc, vt, cc, ct, gc, gt):
    if cc + ct + gc + gt == 0:
        return
    war = WarOfAttrition(float(vc), float(vt), float(cc), float(ct), float(gc), float(gt))
    times = np.linspace(0, 5, 501)
    survival = war.survival(times)
    assert survival[0] == 1
    integrated = np.concatenate([[0], np.cumsum((war.hazard(times[1:]) + war.hazard(times[:-1])) / 2 * 0.01)])
    np.testing.assert_allclose(np.exp(-integrated), survival, rtol=1e-6)
    # the mean is the integral of the survival
    assert war.mean_duration() == pytest.approx(
        float(np.trapezoid(war.survival(np.linspace(0, 400, 400_001)), dx=0.001)), rel=1e-4
    )


@given(positive, small, small)
def test_escalation_never_lengthens_the_complete_information_war(v, c, g):
    if c == 0:
        return
    constant = WarOfAttrition(float(v), float(v), float(c), float(c))
    screwed = WarOfAttrition(float(v), float(v), float(c), float(c), 0.0, float(g))
    assert float(screwed.mean_duration()) <= float(constant.mean_duration())
    assert float(screwed.median_duration()) <= float(constant.median_duration())


def test_private_values_mean_and_median():
    """Symmetric war of attrition with values U[0, vbar] (Bishop & Cannings 1978; Krishna & Morgan 1997):
    beta(v) = vbar(-u - ln(1 - u)); the war lasts beta(min)/c, whose mean is vbar/(6c) and whose median is
    beta(vbar (1 - 1/sqrt 2)) / c."""
    war = PrivateWarOfAttrition(3, F(1, 2))
    assert war.mean_duration() == F(1)
    expected_median = 3 * (sympy.log(2) / 2 - 1 + 1 / sympy.sqrt(2)) * 2
    assert sympy.simplify(war.median_duration() - expected_median) == 0


@pytest.mark.parametrize("escalation", [0.0, 0.2])
def test_private_values_against_monte_carlo(escalation):
    war = PrivateWarOfAttrition(2.0, 0.5, escalation)
    rng = np.random.default_rng(5)
    weaker = 2.0 * rng.random((2, 300_000)).min(axis=0)
    durations = war.holdout_time(weaker)
    error = durations.std() / math.sqrt(durations.size)
    assert war.mean_duration() == pytest.approx(durations.mean(), abs=4 * error)
    assert war.median_duration() == pytest.approx(np.median(durations), rel=0.01)
    for t in (0.5, 1.0, 3.0):
        assert war.survival(t) == pytest.approx(np.mean(durations > t), abs=0.004)


@given(fractions(F(1, 2), 3, 10), fractions(F(1, 10), 2, 10), fractions(F(1, 100), 1, 100))
def test_escalation_shortens_the_private_value_war(vbar, c, g):
    """K(t) rises with g at every t, so every type quits earlier: survival falls pointwise."""
    constant = PrivateWarOfAttrition(float(vbar), float(c))
    screwed = PrivateWarOfAttrition(float(vbar), float(c), float(g))
    times = np.linspace(0.01, 10, 50)
    assert np.all(screwed.survival(times) <= constant.survival(times) + 1e-12)
    assert screwed.mean_duration() < constant.mean_duration()
    assert screwed.median_duration() < constant.median_duration()


def test_exact_and_symbolic_private_durations():
    war = PrivateWarOfAttrition(1, F(1, 6), F(1, 10))
    integral = war.mean_duration()
    assert isinstance(integral, sympy.Integral)
    assert float(integral.evalf(20)) == pytest.approx(PrivateWarOfAttrition(1.0, 1 / 6, 0.1).mean_duration(), rel=1e-8)
    assert war.survival(0) == 1 and war.survival([0, 1])[0] == 1
    v, c, g = sympy.symbols("v c g", positive=True)
    symbolic = PrivateWarOfAttrition(v, c, g)
    assert sympy.simplify(symbolic.mean_duration().subs(g, 0).doit() - v / (6 * c)) == 0
    assert isinstance(PrivateWarOfAttrition(v, c).mean_duration(), sympy.Expr)


def test_array_kinds_broadcast_without_loops():
    war = WarOfAttrition(np.array([1.0, 2.0]), 1.0, 0.1, 0.2, np.array([0.0, 0.05]), 0.3)
    for index, (vc, gc) in enumerate([(1.0, 0.0), (2.0, 0.05)]):
        single = WarOfAttrition(vc, 1.0, 0.1, 0.2, gc, 0.3)
        assert war.mean_duration()[index] == pytest.approx(single.mean_duration())
        assert war.coercer_victory_probability()[index] == pytest.approx(single.coercer_victory_probability())
    constant = WarOfAttrition(np.array([1.0, 2.0]), 1.0, 0.1, 0.2)
    np.testing.assert_allclose(constant.mean_duration(), [1 / 0.3, 1 / 0.25])
    np.testing.assert_allclose(constant.expected_cost_target(), [0.2 / 0.3, 0.2 / 0.25])
    private = PrivateWarOfAttrition(np.array([1.0, 2.0]), 0.5, 0.1)
    assert private.mean_duration()[1] == pytest.approx(PrivateWarOfAttrition(2.0, 0.5, 0.1).mean_duration())
    assert private.survival(1.0).shape == (2,)


def test_symbolic_complete_war_gives_expressions():
    vc, vt, cc, ct = sympy.symbols("v_C v_T c_C c_T", positive=True)
    g = sympy.Symbol("g", nonnegative=True)
    war = WarOfAttrition(vc, vt, cc, ct, 0, g)
    mean = war.mean_duration()
    assert isinstance(mean, sympy.Piecewise)
    assert sympy.simplify(mean.subs(g, 0) - vc * vt / (cc * vt + ct * vc)) == 0
    assert war.coercer_victory_probability().subs(g, 0) is not None
    assert sympy.simplify(war.expected_cost_target().subs(g, 0) - ct * vc * vt / (cc * vt + ct * vc)) == 0


@pytest.mark.parametrize(
    ("build", "error", "message"),
    [
        (lambda: WarOfAttrition(0, 1, 1, 1), ParameterValueError, r"value_coercer must be positive \(got 0\)"),
        (lambda: WarOfAttrition(1, 1, -1, 1), ParameterValueError, r"cost_coercer must be non-negative"),
        (lambda: WarOfAttrition(1, 1, 0, 0), ParameterValueError, r"cost_\* and escalation_\* must be not all zero"),
        (lambda: WarOfAttrition(1, 1, 1, "1"), ParameterTypeError, r"cost_target must be a real number"),
        (lambda: WarOfAttrition(1, 1, 1, 1).survival(-1), ParameterValueError, r"times must be non-negative"),
        (lambda: PrivateWarOfAttrition(1, 0), ParameterValueError, r"cost must be positive \(got 0\)"),
        (lambda: PrivateWarOfAttrition(1, 1, -1), ParameterValueError, r"escalation must be non-negative"),
        (lambda: PrivateWarOfAttrition(1, 1).holdout_cost(1), ParameterValueError, r"value must be in \[0, value_high\)"),
        (lambda: PrivateWarOfAttrition(1.0, 1.0, 0.1).mean_duration(nodes=1), ParameterValueError, r"nodes must be"),
    ],
)
def test_bad_attrition_inputs_are_refused(build, error, message):
    with pytest.raises(error, match=message):
        build()


def test_numpy_integer_times_give_python_fractions():
    """Times given as numpy integers (a scalar, or a list of them) enter the exact arithmetic as
    Python integers: the Fractions that come out hold no numpy integer (which mpmath's GMP backend
    refuses, and which overflows silently near 2**63)."""
    war = PrivateWarOfAttrition(1, F(1, 6), F(1, 10))
    for cost in (war.cumulative_cost(np.int64(2)), *war.cumulative_cost(list(np.arange(3)))):
        assert type(cost) is F and type(cost.numerator) is int and type(cost.denominator) is int
    assert war.cumulative_cost(np.int64(2)) == F(8, 15)
    assert war.survival(np.int64(0)) == 1

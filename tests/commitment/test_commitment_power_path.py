"""Power paths: the exact test against a linear program, Powell's one-step test, Krainin's slow
decline, delayed war, and what the theory says about rescaling and raising a path."""

import math
from fractions import Fraction as F

import numpy as np
import pytest
import sympy
from hypothesis import assume, given
from hypothesis import strategies as st

from bargaining import ParameterTypeError, ParameterValueError
from bargaining.commitment import PowerPath, PowerShift, is_peaceful_by_linear_program
from tests.strategies import fractions

discounts = fractions(F(1, 10), F(19, 20), denominator=20)
small_costs = fractions(0, F(1, 5), denominator=20)
paths = st.lists(fractions(0, 1, denominator=20), min_size=1, max_size=12)


def _lp_war_period(path: PowerPath) -> float:
    """Backward induction by linear programs: peace from t on is feasible given the next war."""
    power = np.asarray(path.power, dtype=float)
    delta = float(path.discount)
    cost_c, cost_t = (float(c) for c in path.war_costs)
    war_next = math.inf
    for t in range(power.size - 1, -1, -1):
        if war_next == math.inf:
            segment = PowerPath(power[t:], delta, cost_c, cost_t)
            peaceful = is_peaceful_by_linear_program(segment)
        else:
            peaceful = _peace_until(power[t : int(war_next) + 1], delta, cost_c, cost_t)
        if not peaceful:
            war_next = t
    return war_next


def _peace_until(power: np.ndarray, delta: float, cost_c: float, cost_t: float) -> bool:
    """LP: peace in every period before the last, which is a war (values fixed at the war values)."""
    from scipy.optimize import linprog

    steps = power.size - 1
    war_c, war_t = power - cost_c, 1 - power - cost_t
    total_after = 1 - cost_c - cost_t
    # variables V_0..V_steps (C's value; V_steps = war value), x_0..x_{steps-1}; total at t known
    totals = [total_after]
    for _ in range(steps):
        totals.append((1 - delta) + delta * totals[-1])
    totals = totals[::-1]
    equality = np.zeros((steps + 1, 2 * steps + 1))
    right = np.zeros(steps + 1)
    for t in range(steps):
        equality[t, t], equality[t, t + 1], equality[t, steps + 1 + t] = 1, -delta, -(1 - delta)
    equality[steps, steps] = 1
    right[steps] = war_c[-1]
    bounds = [(war_c[t], totals[t] - war_t[t]) for t in range(steps)] + [(None, None)]
    bounds += [(0, 1)] * steps
    result = linprog(np.zeros(2 * steps + 1), A_eq=equality, b_eq=right, bounds=bounds, method="highs")
    return bool(result.status == 0)


# --------------------------------------------------------------------------- literature cases


def test_krainin_slow_decline_passes_every_one_step_test_and_still_causes_war():
    """Krainin (2017): a gradual, persistent shift causes war although no single step would."""
    slow = PowerPath([F(k, 10) for k in range(11)], discount=F(9, 10), cost_target=F(1, 10))
    assert all(slow.one_step_verdicts())
    assert slow.is_peaceful() is False
    assert is_peaceful_by_linear_program(slow) is False
    solution = slow.solve()
    assert solution.war_period == 0
    # the binding constraint is cumulative: T's war value now against C's at period 9
    assert 1 - F(0) - F(1, 10) + F(9, 10) ** 9 * F(9, 10) > 1


def test_a_shift_causes_war_only_in_the_last_period_before_it():
    """Powell (2006) and Krainin (2017): the declining side waits for the last moment."""
    path = PowerPath([F(1, 5)] * 5 + [F(4, 5)], F(9, 10), F(1, 20), F(1, 20))
    solution = path.solve()
    assert solution.is_peaceful is False and solution.war_period == 4
    assert _lp_war_period(path) == 4
    # the infinite-horizon test fails from period 0 on; the war nevertheless waits
    assert all(value < 0 for value in solution.slack[:5])


def test_powell_one_step_shift_matches_the_closed_form():
    """Powell (2006): war iff delta (p1 - kappa_C) > p0 + kappa_T for a rising coercer."""
    shift = PowerShift(F(1, 2), F(9, 10), F(9, 10), F(1, 20), F(1, 20))
    lowest, highest = shift.peaceful_range()
    assert highest == (F(1, 2) + F(1, 20)) / F(9, 10) + F(1, 20)
    assert not shift.is_peaceful()
    assert PowerShift(F(1, 2), highest, F(9, 10), F(1, 20), F(1, 20)).is_peaceful()
    assert PowerPath([F(1, 2), highest], F(9, 10), F(1, 20), F(1, 20)).is_peaceful()
    assert lowest < F(1, 2) < highest


# --------------------------------------------------------------------------- the independent LP


@given(paths, discounts, small_costs, small_costs, small_costs)
def test_the_exact_test_agrees_with_the_linear_program(power, delta, cc, ct, once):
    path = PowerPath(power, delta, cc, ct, one_time_cost_target=once)
    exact = path.solve()
    floats = PowerPath([float(p) for p in power], float(delta), float(cc), float(ct), 0.0, float(once))
    assert floats.is_peaceful() == exact.is_peaceful  # exact ties resolve to peace in floats too
    margin = min(exact.slack)
    if margin != 0:
        assume(abs(margin) > 1e-6)  # inside HiGHS's tolerance the LP cannot tell
    assert is_peaceful_by_linear_program(path) == exact.is_peaceful


@given(paths, discounts, small_costs, small_costs)
def test_the_war_period_is_backward_induction_by_linear_programs(power, delta, cc, ct):
    path = PowerPath(power[:7], delta, cc, ct)
    solution = path.solve()
    assume(all(abs(v) > 1e-6 for v in solution.slack))
    assume(not solution.is_peaceful)
    expected = _lp_war_period(path)
    assert solution.war_period == expected


@given(paths, discounts, small_costs, small_costs)
def test_two_period_paths_are_powells_one_step_test(power, delta, cc, ct):
    assume(len(power) >= 2)
    before, after = power[0], power[1]
    assert PowerPath([before, after], delta, cc, ct).is_peaceful() == PowerShift(
        before, after, delta, cc, ct
    ).is_peaceful()


@given(paths, discounts, small_costs, small_costs)
def test_the_division_keeps_the_peace_in_every_period(power, delta, cc, ct):
    path = PowerPath(power, delta, cc, ct)
    assume(path.is_peaceful())
    shares = path.division()
    assert all(0 <= x <= 1 for x in shares)
    war_c, war_t = path.war_values()
    value = shares[-1]
    values = [value]
    for x in reversed(shares[:-1]):
        value = (1 - delta) * x + delta * value
        values.append(value)
    values.reverse()
    assert all(w <= v <= 1 - u for v, w, u in zip(values, war_c, war_t))
    assert values[0] == path.solve().coercer_minimum[0]  # the target gets the most it can


# --------------------------------------------------------------------------- what the theory says


@given(paths, discounts, small_costs, small_costs, fractions(0, 1, denominator=10))
def test_scaling_the_shifts_toward_the_start_preserves_peace(power, delta, cc, ct, scale):
    """Each constraint is convex in the scale and holds at 0 (a constant path) and at 1."""
    assume(PowerPath(power, delta, cc, ct).is_peaceful())
    scaled = [power[0] + scale * (p - power[0]) for p in power]
    assert PowerPath(scaled, delta, cc, ct).is_peaceful()


def test_raising_every_future_power_by_a_constant_can_break_the_peace():
    path = [F(1, 2), F(1, 2), F(1, 2)]
    assert PowerPath(path, F(9, 10), F(1, 20), F(1, 20)).is_peaceful()
    raised = [path[0]] + [p + F(1, 5) for p in path[1:]]
    assert not PowerPath(raised, F(9, 10), F(1, 20), F(1, 20)).is_peaceful()


@given(
    st.lists(fractions(0, F(1, 4), denominator=20), min_size=2, max_size=10),
    fractions(F(4, 5), F(19, 20), denominator=20),
    fractions(0, F(1, 10), denominator=20),
    fractions(0, F(1, 10), denominator=20),
    fractions(F(1, 100), F(1, 5), denominator=100),
)
def test_raising_future_powers_past_the_one_step_bound_means_war_at_once(power, delta, cc, ct, excess):
    """A raise of every future power is a one-step shift at period 1 on top of the path: past
    Powell's bound the target fights at once, whatever the rest of the path."""
    bound = (power[0] + ct) / delta + cc - power[1]
    raise_by = max(bound, F(0)) + excess
    raised = [power[0]] + [p + raise_by for p in power[1:]]
    assert PowerPath(raised, delta, cc, ct).solve().war_period == 0


@given(paths, discounts, small_costs, small_costs, fractions(0, F(1, 2), denominator=20))
def test_raising_a_rising_path_uniformly_preserves_peace(power, delta, cc, ct, raise_by):
    """For a non-decreasing path the coercer never declines, and raising every power (the present
    included) loosens every constraint that can bind."""
    rising = sorted(power)
    assume(rising[-1] + raise_by <= 1 and PowerPath(rising, delta, cc, ct).is_peaceful())
    assert PowerPath([p + raise_by for p in rising], delta, cc, ct).is_peaceful()


@given(paths, discounts, small_costs, small_costs, small_costs)
def test_higher_costs_never_break_the_peace(power, delta, cc, ct, extra):
    if PowerPath(power, delta, cc, ct).is_peaceful():
        assert PowerPath(power, delta, cc + extra, ct + extra).is_peaceful()


# --------------------------------------------------------------------------- kinds


def test_vectorised_minimum_matches_the_sequential_recursion_across_blocks():
    rng = np.random.default_rng(1)
    power = np.clip(0.5 + np.cumsum(rng.normal(0, 0.02, 3000)), 0, 1)
    for delta in (0.3, 0.97, 0.9999):
        path = PowerPath(power, delta, 0.01, 0.02)
        minimum_c, minimum_t = path.minimum_values()
        war_c, war_t = path.war_values()
        expected_c, expected_t = [max(war_c[-1], 0.0)], [max(war_t[-1], 0.0)]
        for a, b in zip(war_c[-2::-1], war_t[-2::-1]):
            expected_c.append(max(a, delta * expected_c[-1]))
            expected_t.append(max(b, delta * expected_t[-1]))
        np.testing.assert_allclose(minimum_c, expected_c[::-1], rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(minimum_t, expected_t[::-1], rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("periods", [1, 2, 3, 31, 32, 33])
def test_a_short_float_path_by_the_recursion_agrees_with_the_blocks(periods):
    """One float path of up to 32 periods is decided by the recursion on Python floats; the same
    path as a one-row stack takes the blocked evaluation: the same verdict and war period, arrays
    out, values equal to rounding."""
    rng = np.random.default_rng(periods)
    for _ in range(20):
        power = rng.uniform(0, 1, periods).tolist()
        delta, cost_c, cost_t = rng.uniform(0.3, 0.99), rng.uniform(0, 0.1), rng.uniform(0, 0.1)
        single = PowerPath(power, delta, cost_c, cost_t)
        stacked = PowerPath(np.array([power]), delta, cost_c, cost_t)
        one, rows = single.solve(), stacked.solve()
        assert one.is_peaceful == bool(rows.is_peaceful[0]) == single.is_peaceful()
        assert one.war_period == rows.war_period[0]
        for name in ("coercer_minimum", "target_minimum", "slack"):
            value = getattr(one, name)
            assert isinstance(value, np.ndarray) and value.dtype == float and value.shape == (periods,)
            np.testing.assert_allclose(value, getattr(rows, name)[0], rtol=1e-13, atol=1e-14)
        np.testing.assert_array_equal(single.minimum_values()[0], one.coercer_minimum)


def test_a_stack_of_paths_is_decided_row_by_row():
    rng = np.random.default_rng(2)
    stack = np.clip(0.5 + np.cumsum(rng.normal(0, 0.06, (40, 25)), axis=1), 0, 1)
    solution = PowerPath(stack, 0.9, 0.02, 0.02).solve()
    assert solution.is_peaceful.shape == (40,) and 0 < solution.is_peaceful.sum() < 40
    for row, verdict, war in zip(stack, solution.is_peaceful, solution.war_period):
        single = PowerPath(row, 0.9, 0.02, 0.02).solve()
        assert single.is_peaceful == verdict and single.war_period == war
    np.testing.assert_array_equal(is_peaceful_by_linear_program(PowerPath(stack, 0.9, 0.02, 0.02)),
                                  solution.is_peaceful)
    peaceful = stack[solution.is_peaceful]
    shares = PowerPath(peaceful, 0.9, 0.02, 0.02).division()
    assert shares.shape == peaceful.shape and np.all((shares >= 0) & (shares <= 1))
    verdicts = PowerPath(stack, 0.9, 0.02, 0.02).one_step_verdicts()
    assert verdicts.shape == (40, 24)
    assert PowerPath(stack[:, :1], 0.9).solve().war_period.tolist() == [math.inf] * 40


def test_float_paths_give_floats_and_long_paths_are_decided():
    path = PowerPath(np.linspace(0.2, 0.3, 100_000), 0.99, 0.01, 0.01)
    assert path.is_peaceful() is True and path.periods == 100_000
    shares = PowerPath([0.2, 0.25, 0.3], 0.9, 0.1, 0.1).division()
    assert all(isinstance(x, float) for x in shares)
    assert PowerPath([0.2, 0.9], 0.9).solve().war_period == 0


def test_symbols_give_a_relation_that_agrees_with_numbers():
    p0, p1, delta, cost = sympy.symbols("p0 p1 delta c", positive=True)
    verdict = PowerPath([p0, p1], delta, cost, cost).is_peaceful()
    assert isinstance(verdict, sympy.And)
    for values in [(F(1, 2), F(9, 10), F(9, 10), F(1, 20)), (F(1, 2), F(11, 20), F(9, 10), F(1, 20))]:
        numbers = dict(zip((p0, p1, delta, cost), (sympy.Rational(v) for v in values)))
        assert bool(verdict.subs(numbers)) == PowerPath(list(values[:2]), values[2], values[3], values[3]).is_peaceful()
    assert PowerShift(p0, p1, delta, cost, cost).is_peaceful().subs({p0: 0.5, p1: 0.9, delta: 0.9, cost: 0.05}) == False  # noqa: E712
    with pytest.raises(NotImplementedError, match="numbers"):
        PowerPath([p0, p1], delta).solve()
    with pytest.raises(NotImplementedError, match="numbers"):
        PowerPath([p0, p1], delta).division()
    with pytest.raises(NotImplementedError, match="numbers"):
        is_peaceful_by_linear_program(PowerPath([p0, p1], delta))
    assert PowerPath([F(1, 2), F(3, 5)], sympy.Rational(1, 2)).kind == "symbolic"


def test_a_path_that_leads_to_war_has_no_division():
    with pytest.raises(ParameterValueError, match="power must be a path on which peace is possible"):
        PowerPath([F(1, 5), F(9, 10)], F(9, 10)).division()


@pytest.mark.parametrize(
    ("arguments", "error", "message"),
    [
        (([F(1, 2), F(3, 2)], F(1, 2)), ParameterValueError, r"power must be a probability in \[0, 1\] \(got 3/2 at index \(1,\)\)"),
        (([0.5, -0.1], 0.5), ParameterValueError, r"power must be a probability in \[0, 1\] \(got -0.1 at index \(1,\)\)"),
        (([], F(1, 2)), ParameterValueError, r"power must be a path of at least one period \(got an empty path\)"),
        ((np.array([]), 0.5), ParameterValueError, r"power must be a path of at least one period"),
        (([F(1, 2)], F(1)), ParameterValueError, r"discount must be a discount factor in \(0, 1\) \(got 1\)"),
        (([F(1, 2)], F(1, 2), -1), ParameterValueError, r"cost_coercer must be non-negative \(got -1\)"),
        (([F(1, 2)], [0.5, 0.6]), ParameterTypeError, r"discount must be a scalar"),
        (("abc", F(1, 2)), ParameterTypeError, r"power must be a sequence of probabilities"),
        (([True, 0.5], 0.5), ParameterTypeError, r"power must be a real number"),
        (([[0.5, 0.6], [0.7]], 0.5), ParameterTypeError, r"power must be a rectangular stack of paths"),
        ((np.zeros((2, 2, 2)), 0.5), ParameterValueError, r"power must be a path \(1-D\) or a stack of paths \(2-D\) \(got shape \(2, 2, 2\)\)"),
        ((np.array(["a"]), 0.5), ParameterTypeError, r"power must be a path of real numbers"),
        (([0.5, np.nan], 0.5), ParameterValueError, r"power must be finite"),
        (([[0.5, "x"]], 0.5), ParameterTypeError, r"power must be a path of real numbers"),
        ((np.array([0.5]), sympy.Symbol("d")), ParameterTypeError, r"power must be exact or symbolic entries"),
    ],
)
def test_bad_power_paths_are_refused_with_the_field_and_the_value(arguments, error, message):
    with pytest.raises(error, match=message):
        PowerPath(*arguments)


def test_power_shift_refuses_bad_inputs():
    with pytest.raises(ParameterValueError, match=r"power_after must be a probability in \[0, 1\] \(got 2\)"):
        PowerShift(F(1, 2), 2, F(1, 2))


def test_entries_of_other_types_are_classified_one_by_one():
    """Plain entries (int, Fraction, float) are read by their type; others go through kind_of."""
    mixed = PowerPath([np.float64(0.5), F(1, 2)], discount=F(9, 10))
    assert mixed.kind == "array" and mixed.power.tolist() == [0.5, 0.5]
    plain = PowerPath([F(1, 2), 0.25, 1], discount=F(9, 10))  # plain types, floats among them
    assert plain.kind == "array" and plain.power.tolist() == [0.5, 0.25, 1.0]
    assert PowerPath([F(1, 2), 0.25], discount=0.9).solve().target_maximum.tolist() == [0.5, 0.75]
    with pytest.raises(ParameterTypeError, match="a rectangular stack of paths"):
        PowerPath([[0.5, 0.6], [0.5]], discount=0.9)
    with pytest.raises(ParameterTypeError, match=r"power must be a real number.*not a bool"):
        PowerPath([0.5, True], discount=0.9)


_ENTRIES = st.one_of(
    st.floats(0, 1),
    st.floats(-0.5, 1.5),
    st.sampled_from([0.0, 1.0, -0.0, math.nan, math.inf, 1 + 1e-16, 0, 1, F(1, 2)]),
)
_PATHS = st.one_of(st.lists(_ENTRIES, max_size=6), st.lists(st.floats(0, 1), min_size=31, max_size=34))
_SCALARS = st.one_of(st.floats(0.01, 0.99), st.floats(0, 1.2), st.sampled_from([0, 1, F(1, 2), 10**400, math.nan, 0.9]))


@given(
    _PATHS,
    st.sampled_from([list, tuple]),
    st.lists(_SCALARS, min_size=1, max_size=5),
)
def test_a_short_float_path_is_settled_at_once_as_by_the_general_steps(entries, container, scalars):
    """The branch that settles a short path of floats at once (``_float_path``) accepts, refuses
    and stores what the general steps do: the same fields, types and kind, or the same error."""
    from bargaining.commitment import power_path_settle

    def built(power, *others):
        try:
            path = PowerPath(power, *others)
        except (ParameterValueError, ParameterTypeError, OverflowError) as error:
            return type(error).__name__, str(error)
        fields = ("power", "discount", "cost_coercer", "cost_target", "one_time_cost_coercer", "one_time_cost_target")
        stored = [(type(getattr(path, n)), repr(getattr(path, n))) for n in fields]
        return stored, path.kind, np.asarray(path.power).dtype.str

    fast = built(container(entries), *scalars)
    saved = power_path_settle._float_path
    power_path_settle._float_path = lambda power: None  # the general steps only
    try:
        general = built(container(entries), *scalars)
    finally:
        power_path_settle._float_path = saved
    assert fast == general

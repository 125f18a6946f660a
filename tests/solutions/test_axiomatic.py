"""Nash, weighted Nash and Kalai–Smorodinsky solutions: literature cases, axioms, brute force."""

from fractions import Fraction as F

import numpy as np
import pytest
import sympy
from hypothesis import assume, given
from hypothesis import strategies as st

from bargaining import ParameterTypeError, ParameterValueError
from bargaining.solutions import BargainingProblem, Settlement, SmoothProblem
from tests.strategies import fractions, polygons


def nash_product(point, d, weight=0.5):
    return (point[0] - d[0]) ** weight * (point[1] - d[1]) ** (1 - weight)


def brute_force(problem, weight=0.5, samples=2001):
    """Dense search along the frontier for the largest Nash product (independent of the solver)."""
    best, best_point = -1.0, None
    d = tuple(float(v) for v in problem.disagreement)
    for start, end in zip(problem.frontier, problem.frontier[1:]):
        for t in np.linspace(0.0, 1.0, samples):
            point = tuple(float(s) + t * (float(e) - float(s)) for s, e in zip(start, end))
            value = nash_product(point, d, weight) if min(point[0] - d[0], point[1] - d[1]) >= 0 else -1
            if value > best:
                best, best_point = value, point
    return best, best_point


def test_nash_splits_a_dollar_equally():
    """Nash (1950): the symmetric problem u1 + u2 <= 1, d = 0 gives (1/2, 1/2)."""
    assert BargainingProblem([(0, 1), (1, 0)]).nash() == Settlement(F(1, 2), F(1, 2))


def test_nash_and_kalai_smorodinsky_differ_on_the_textbook_example():
    """Kalai & Smorodinsky (1975), the example motivating monotonicity: on the hull of
    (0,0), (1,0), (0,1), (3/4, 3/4) Nash and KS coincide at (3/4, 3/4); cutting the set so that
    player 2's best rises while player 1's stays keeps KS monotone."""
    problem = BargainingProblem([(1, 0), (0, 1), (F(3, 4), F(3, 4))])
    assert problem.nash() == Settlement(F(3, 4), F(3, 4))
    assert problem.kalai_smorodinsky() == Settlement(F(3, 4), F(3, 4))
    # Osborne & Rubinstein (1994, ex. 306.1)-style asymmetric frontier: they differ.
    asymmetric = BargainingProblem([(0, 1), (F(1, 2), F(3, 4)), (1, 0)])
    assert asymmetric.nash() == Settlement(F(1, 2), F(3, 4))
    assert asymmetric.kalai_smorodinsky() == Settlement(F(3, 5), F(3, 5))


def test_smooth_frontier_solved_symbolically():
    """u2 = 1 - u1^2: Nash maximises u(1 - u^2) at u = 1/sqrt(3); KS solves 1 - u^2 = u."""
    u = sympy.Symbol("u", nonnegative=True)
    problem = SmoothProblem(1 - u**2, u)
    assert problem.nash() == Settlement(sympy.sqrt(3) / 3, sympy.Rational(2, 3))
    ks = problem.kalai_smorodinsky()
    assert sympy.simplify(ks.first - (sympy.sqrt(5) - 1) / 2) == 0
    # brute force on a grid agrees
    grid = np.linspace(0, 1, 100001)
    assert abs(grid[np.argmax(grid * (1 - grid**2))] - float(problem.nash().first)) < 1e-4
    # weighted, with a parameter in the disagreement point
    a = sympy.Symbol("a", positive=True)
    weighted = SmoothProblem(1 - u, u, disagreement=(0, 0)).nash(F(1, 3))
    assert weighted.first == sympy.Rational(1, 3)
    assert SmoothProblem(1 - u, u, disagreement=(a, 0)).nash().first == (a + 1) / 2
    # with a parameter the roots are kept where the gains are not definitely negative
    x = sympy.Symbol("x")
    assert SmoothProblem(1 - x**2, x, disagreement=(a, 0)).nash().first == a / 3 + sympy.sqrt(a**2 + 3) / 3
    with pytest.raises(ParameterValueError, match="exactly one individually rational critical point"):
        SmoothProblem(a + x**2, x).nash()
    with pytest.raises(ParameterValueError, match="meets u2 = d2 exactly once right of d1"):
        SmoothProblem(a * (x**2 + 1), x).kalai_smorodinsky()
    # with a parameter, KS is solved on the frontier right of d1: gains in proportion to 1 - a and 1
    assert sympy.simplify(SmoothProblem(1 - u, u, disagreement=(a, 0)).kalai_smorodinsky().first - (1 + a) / 2) == 0


def test_smooth_problem_refuses_bad_frontiers():
    u = sympy.Symbol("u")
    with pytest.raises(ParameterTypeError, match="frontier must be a sympy expression"):
        SmoothProblem("1 - u", u)
    with pytest.raises(ParameterTypeError, match="variable must be a sympy Symbol"):
        SmoothProblem(1 - u, "u")
    with pytest.raises(ParameterTypeError, match=r"disagreement\[0\] must be a number or sympy expression"):
        SmoothProblem(1 - u, u, disagreement=("0", 0))
    with pytest.raises(ParameterValueError, match="frontier must be a frontier with exactly one"):
        SmoothProblem(u**3 - u, u).nash()  # no individually rational critical point
    with pytest.raises(ParameterValueError, match="meets u2 = d2 exactly once"):
        SmoothProblem(1 + u**2, u).kalai_smorodinsky()


@given(polygons(), fractions(0, 1), fractions(0, 1), st.sampled_from([F(1, 2), F(1, 3), F(3, 4)]))
def test_nash_is_the_brute_force_maximiser_and_pareto_optimal(points, d1, d2, weight):
    try:
        problem = BargainingProblem(points, disagreement=(d1, d2))
    except ParameterValueError:
        assume(False)
    point = problem.nash(weight)
    # on the frontier (Pareto optimal) and individually rational
    assert problem.frontier_value(point.first) == point.second
    assert point.first >= d1 and point.second >= d2
    assert not any(u1 >= point.first and u2 >= point.second and (u1, u2) != (point.first, point.second)
                   for u1, u2 in problem.frontier)
    best, _ = brute_force(problem, float(weight), samples=201)
    assert nash_product((float(point.first), float(point.second)), (float(d1), float(d2)), float(weight)) >= best - 1e-12


@given(polygons(), fractions(0, 1))
def test_nash_is_symmetric(points, d):
    symmetric = points + [(b, a) for a, b in points]
    point = BargainingProblem(symmetric, disagreement=(d, d)).nash()
    assert point.first == point.second


@given(polygons(), fractions(F(1, 10), 3), fractions(-1, 1), fractions(F(1, 10), 3), fractions(-1, 1))
def test_nash_and_ks_are_invariant_under_positive_affine_maps(points, a1, b1, a2, b2):
    original = BargainingProblem(points)
    mapped = BargainingProblem([(a1 * u + b1, a2 * v + b2) for u, v in points], disagreement=(b1, b2))
    for solve in (BargainingProblem.nash, BargainingProblem.kalai_smorodinsky):
        before, after = solve(original), solve(mapped)
        assert after == Settlement(a1 * before.first + b1, a2 * before.second + b2)


@given(polygons(), st.data())
def test_nash_is_independent_of_irrelevant_alternatives(points, data):
    problem = BargainingProblem(points)
    point = problem.nash()
    kept = data.draw(st.lists(st.sampled_from(points), max_size=len(points)))
    smaller = BargainingProblem([(point.first, point.second), *kept])
    assert smaller.nash() == point


@given(polygons(), fractions(0, 2), fractions(0, 2))
def test_kalai_smorodinsky_is_monotone_in_the_second_players_gains(points, u1, u2):
    problem = BargainingProblem(points)
    assume(u1 <= problem.ideal_point.first)
    larger = BargainingProblem([*points, (u1, u2)])
    assume(larger.ideal_point.first == problem.ideal_point.first)
    assert larger.kalai_smorodinsky().second >= problem.kalai_smorodinsky().second


@given(polygons())
def test_kalai_smorodinsky_gains_are_proportional_to_ideal_gains(points):
    problem = BargainingProblem(points)
    point, ideal = problem.kalai_smorodinsky(), problem.ideal_point
    assert point.first * ideal.second == point.second * ideal.first
    assert problem.contains(point.first, point.second)


def test_float_problems_are_solved_in_floats():
    point = BargainingProblem([(0.0, 1.0), (1.0, 0.0)], disagreement=(0.2, 0.0)).nash(0.5)
    assert isinstance(point.first, float) and point.first == pytest.approx(0.6)
    assert BargainingProblem([(0.5, 0.5)]).nash() == Settlement(0.5, 0.5) == BargainingProblem(
        [(0.5, 0.5)]).kalai_smorodinsky()


def test_contains_and_frontier_value():
    problem = BargainingProblem([(0, 1), (1, 0)])
    assert problem.contains(F(1, 4), F(1, 2)) and not problem.contains(F(3, 4), F(1, 2))
    assert not problem.contains(F(-1, 4), 0) and not problem.contains(2, 0)
    assert problem.frontier_value(-1) == 1
    with pytest.raises(ParameterValueError, match="first must be at most 1"):
        problem.frontier_value(2)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"points": []}, ParameterValueError, "points must be a non-empty sequence of (u1, u2) pairs (got [])"),
        ({"points": 5}, ParameterTypeError, "points must be a sequence of (u1, u2) pairs (got int 5)"),
        ({"points": [(0, 1, 2)]}, ParameterValueError, "points must be a non-empty sequence of (u1, u2) pairs"),
        ({"points": [(0, 1)], "disagreement": (0,)}, ParameterValueError, "disagreement must be a pair (d1, d2)"),
        ({"points": [(0, 1), (1, 0)], "disagreement": (1, 1)}, ParameterValueError,
         "disagreement must be strictly dominated by some feasible point"),
        ({"points": [(0, "1")]}, ParameterTypeError, "points[0][1] must be a real number"),
        ({"points": [(0, float("nan"))]}, ParameterValueError, "points[0][1] must be a finite number (got nan)"),
        ({"points": [(sympy.Symbol("a"), 1)]}, ParameterTypeError, "points[0][0] must be an exact or float number"),
        ({"points": [(0, 1), (1, 0)], "disagreement": (np.array([0.1, 0.2]), 0)}, ParameterTypeError,
         "disagreement[0] must be an exact or float number"),  # issue 13: it named points
    ],
)
def test_bad_problems_are_refused(kwargs, error, message):
    with pytest.raises(error) as caught:
        BargainingProblem(**kwargs)
    assert message in str(caught.value)


def test_weights_outside_the_open_unit_interval_are_refused():
    with pytest.raises(ParameterValueError, match=r"weight must be a bargaining weight in \(0, 1\) \(got 1\)"):
        BargainingProblem([(0, 1), (1, 0)]).nash(1)
    u = sympy.Symbol("u")
    with pytest.raises(ParameterValueError, match="weight must be a bargaining weight"):
        SmoothProblem(1 - u, u).nash(0)


def _grid_nash_and_ks(frontier, d1, d2, low, high, points=400001):
    """Brute force, independent of sympy: the Nash product's argmax on a grid of the coercer's
    shares, and the Kalai–Smorodinsky point by bisection of gains in proportion to the ideal."""
    grid = np.linspace(low, high, points)
    values = frontier(grid)
    rational = (grid > d1) & (values > d2)
    product = np.where(rational, (grid - d1) * (values - d2), -1.0)
    nash = grid[np.argmax(product)]


    def bisect(gap, left, right):
        for _ in range(200):
            middle = (left + right) / 2
            left, right = (middle, right) if gap(middle) > 0 else (left, middle)
        return left

    ideal_first = high if frontier(high) >= d2 else bisect(lambda x: frontier(x) - d2, max(low, d1), high)
    ideal_second = frontier(max(low, d1))
    ks = bisect(
        lambda x: (frontier(x) - d2) / (ideal_second - d2) - (x - d1) / (ideal_first - d1), max(low, d1), ideal_first
    )
    return nash, ks


@pytest.mark.parametrize(
    ("power", "cost_coercer", "cost_target"),
    [
        (F(3, 5), F(1, 10), F(3, 20)),  # the example: both war payoffs positive
        (F(3, 5), F(1, 10), F(1, 2)),  # the target's war payoff is negative (--cost-target 0.5)
        (F(9, 10), F(1, 10), F(3, 20)),  # --power 0.9
        (F(1), F(1, 10), F(3, 20)),  # --power 1
        (F(3, 5), F(5), F(3, 20)),  # the coercer's war payoff is negative (--cost-coercer 5)
        (F(1, 5), F(2), F(2)),  # both negative
    ],
)
def test_smooth_problem_with_negative_war_payoffs_matches_brute_force(power, cost_coercer, cost_target):
    """The risk-averse target of the example table (u2 = sqrt(1 - u1), u1 a share in [0, 1]) with
    war as disagreement. A negative war payoff puts d below the frontier's end: the individually
    rational part then ends at the end of the share's domain, and Nash or KS may sit there. Held
    against a grid search and a bisection that know nothing of sympy (issue 13)."""
    u = sympy.Symbol("u", nonnegative=True)
    d1, d2 = power - cost_coercer, 1 - power - cost_target
    problem = SmoothProblem(sympy.sqrt(1 - u), u, disagreement=(d1, d2))
    nash, ks = problem.nash(), problem.kalai_smorodinsky()
    grid_nash, grid_ks = _grid_nash_and_ks(lambda x: np.sqrt(np.clip(1 - x, 0, None)), float(d1), float(d2), 0, 1)
    assert abs(float(nash.first) - grid_nash) < 1e-5
    assert abs(float(ks.first) - grid_ks) < 1e-9
    assert sympy.simplify(nash.second - sympy.sqrt(1 - nash.first)) == 0


def test_smooth_problem_nash_at_the_end_of_the_domain():
    """u2 = 1 - u1 on u1 >= 0 with d = (-2, 0): the product (u + 2)(1 - u) peaks at u = -1/2,
    outside the domain, so the Nash point is its end u1 = 0 (exactly)."""
    u = sympy.Symbol("u", nonnegative=True)
    assert SmoothProblem(1 - u, u, disagreement=(-2, 0)).nash() == Settlement(0, 1)
    with pytest.raises(ParameterValueError, match="real on one interval"):
        SmoothProblem(sympy.sqrt(u**2 - 1) * 0 + 1 / (u - 1), u).nash()

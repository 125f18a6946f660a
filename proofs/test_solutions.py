"""Proofs: the numeric layer of the bargaining solutions equals its symbolic specification.

Each proof evaluates the plain-arithmetic solver on sympy symbols and shows, with ``simplify``,
that the result is identically the expression derived in :mod:`bargaining.solutions.specification`
-- for all parameter values, not at sample points.
"""

import sympy

from bargaining.solutions import AlternatingOffers, BargainingProblem, continuous_time_split
from bargaining.solutions import specification as spec


def test_rubinstein_share_is_the_solution_of_the_indifference_conditions():
    derived = spec.derive_rubinstein()
    s = derived["symbols"]
    solution = AlternatingOffers(s["delta_1"], s["delta_2"]).solve()
    assert sympy.simplify(solution.first_share - derived["first_share"]) == 0
    assert sympy.simplify(solution.second_share_when_proposing - derived["second_share_when_proposing"]) == 0


def test_rubinstein_with_breakdown_risk_matches_its_derivation_when_no_option_binds():
    derived = spec.derive_rubinstein(with_breakdown=True)
    s = derived["symbols"]
    model = AlternatingOffers(s["delta_1"], s["delta_2"], breakdown_risk=s["q"],
                              breakdown_first=s["e_1"], breakdown_second=s["e_2"])
    no_option = next(model._cases())
    assert no_option.label == "no outside option binds"
    assert sympy.simplify(no_option.value[0] - derived["first_share"]) == 0


def test_continuous_time_split_is_the_limit_of_rubinstein():
    r1, r2 = sympy.symbols("r_1 r_2", positive=True)
    assert sympy.simplify(continuous_time_split(r1, r2) - spec.derive_continuous_time_limit().subs(
        {sympy.Symbol("r_1", positive=True): r1, sympy.Symbol("r_2", positive=True): r2})) == 0


def test_vanishing_breakdown_risk_gives_split_the_difference():
    """Binmore, Rubinstein & Wolinsky (1986): the Nash solution with breakdown point (e1, e2)."""
    e1, e2 = sympy.symbols("e_1 e_2", real=True)
    assert sympy.simplify(spec.derive_breakdown_limit() - (1 + e1 - e2) / 2) == 0


def test_deadline_backward_induction_equals_the_solved_recursion():
    derived = spec.derive_deadline_share()
    d1, d2 = derived["delta_1"], derived["delta_2"]
    model = AlternatingOffers(d1, d2)
    for n in range(6):
        by_induction = model.solve_with_deadline(2 * n + 1).first_share
        assert sympy.simplify(by_induction - derived["share"].subs(derived["n"], n)) == 0
    # and the recursion's limit as the deadline recedes is Rubinstein's share
    limit = sympy.limit(derived["share"].subs({d1: sympy.Rational(1, 2), d2: sympy.Rational(2, 3)}),
                        derived["n"], sympy.oo)
    assert limit == AlternatingOffers(sympy.Rational(1, 2), sympy.Rational(2, 3)).solve().first_share


def test_polygon_nash_step_is_the_first_order_condition_on_an_edge():
    """The exact edge formula in ``BargainingProblem.nash`` is the derived FOC root, and it is a
    maximum (the log-Nash product is concave along a line)."""
    derived = spec.derive_nash_on_line()
    w, s1, s2, g1, g2, d1, d2 = derived["symbols"]
    implemented = -(w * g1 * (s2 - d2) + (1 - w) * g2 * (s1 - d1)) / (g1 * g2)
    assert sympy.simplify(implemented - derived["t"]) == 0
    t = sympy.Symbol("t")
    second = sympy.diff(w * sympy.log(s1 + t * g1 - d1) + (1 - w) * sympy.log(s2 + t * g2 - d2), t, 2)
    assert sympy.simplify(second + w * g1**2 / (s1 + t * g1 - d1) ** 2
                          + (1 - w) * g2**2 / (s2 + t * g2 - d2) ** 2) == 0  # a sum of negatives


def test_polygon_nash_on_a_symmetric_segment_is_the_midpoint_for_every_disagreement():
    # On u1 + u2 = 1 the Nash point splits the surplus equally: d + (1 - d1 - d2)/2 each.
    for d1, d2 in [(sympy.Rational(1, 5), sympy.Rational(1, 10)), (0, sympy.Rational(1, 3))]:
        point = BargainingProblem([(0, 1), (1, 0)], disagreement=(d1, d2)).nash()
        assert point.first - d1 == point.second - d2

"""Power shifts when one side makes every offer: Powell's (2006) condition, the inclusion in the
any-division test and its linear program, and a brute-force search over offers."""

import math
from fractions import Fraction as F

import numpy as np
import pytest
import sympy
from hypothesis import assume, given
from hypothesis import strategies as st

from bargaining import ParameterTypeError, ParameterValueError
from bargaining.commitment import PowerPath, PowerShift, ProposerPath, is_peaceful_by_linear_program
from tests.strategies import fractions

discounts = fractions(F(1, 10), F(19, 20), denominator=20)
small_costs = fractions(0, F(1, 5), denominator=20)
paths = st.lists(fractions(0, 1, denominator=20), min_size=1, max_size=8)
sides = st.sampled_from(["coercer", "target"])


@given(fractions(0, 1, denominator=40), fractions(0, 1, denominator=40), discounts, small_costs, small_costs)
def test_powells_condition_when_the_rising_state_proposes(p0, p1, delta, kc, kt):
    """Powell (2006, 'War as a commitment problem', IO 60(1)): the declining state fights when its
    war value exceeds the whole flow today plus its war value from tomorrow on, which is all the
    rising proposer will then offer: war iff delta p1 > p0 + (1 - delta) kappa_T."""
    assume(p1 >= p0 and 1 - p1 - kt >= 0)
    path = PowerPath([p0, p1], delta, kc, kt)
    assert ProposerPath(path, "coercer").is_peaceful() == (delta * p1 <= p0 + (1 - delta) * kt)
    # the declining target proposing is held only by the rising coercer's future war value:
    # Powell's one-step test (PowerShift), i.e. the any-division test on this path
    if p1 - kc >= 0:
        assert ProposerPath(path, "target").is_peaceful() == PowerShift(p0, p1, delta, kc, kt).is_peaceful()


def _brute_force(path: PowerPath, proposer: str, grid: int = 400) -> tuple[float, float, bool]:
    """Backward induction in which the proposer searches a grid of offers (and war) each period and
    the responder accepts iff accepting is worth its war value: no closed-form offer, no minimum
    recursion. Returns (first war period, responder's value at 0, whether any choice was a near tie)."""
    delta = float(path.discount)
    war_c, war_t = (np.asarray(v, dtype=float) for v in path.war_values())
    war_p, war_r = (war_c, war_t) if proposer == "coercer" else (war_t, war_c)
    offers = np.linspace(0.0, 1.0, grid + 1)
    step = 1.0 / grid
    near = False
    # the stationary tail: a constant offer y for ever, worth y to the responder
    accepted = offers[offers >= war_r[-1] - 1e-12]
    if accepted.size and 1 - accepted[0] >= war_p[-1]:
        value_p, value_r, first = 1 - accepted[0], accepted[0], math.inf
        near |= abs(1 - accepted[0] - war_p[-1]) < 2 * step
    else:
        value_p, value_r, first = war_p[-1], war_r[-1], len(war_p) - 1
        near |= abs(war_r[-1] - 1) < 2 * step or abs(1 - max(war_r[-1], 0) - war_p[-1]) < 2 * step
    for t in range(len(war_p) - 2, -1, -1):
        responder = (1 - delta) * offers + delta * value_r
        proposer_values = np.where(responder >= war_r[t] - 1e-12, (1 - delta) * (1 - offers) + delta * value_p, -np.inf)
        best = int(np.argmax(proposer_values))
        margin = proposer_values[best] - war_p[t]
        near |= abs(margin) < 2 * step or abs(war_r[t] - ((1 - delta) + delta * value_r)) < 2 * step
        if proposer_values[best] >= war_p[t]:
            value_p, value_r = proposer_values[best], responder[best]
        else:
            value_p, value_r, first = war_p[t], war_r[t], t
    return first, value_r, near


@given(paths, discounts, small_costs, small_costs, sides)
def test_the_equilibrium_matches_a_brute_force_search_over_offers(power, delta, kc, kt, proposer):
    path = PowerPath(power, delta, kc, kt)
    solution = ProposerPath(path, proposer).solve()
    first, responder_value, near = _brute_force(path, proposer)
    if not near:
        assert solution.war_period == first
        assert solution.is_peaceful == ProposerPath(path, proposer).is_peaceful()
        assert float(solution.responder_value) == pytest.approx(responder_value, abs=2 / 400)


@given(paths, discounts, small_costs, small_costs, sides)
def test_one_sided_peace_is_a_self_enforcing_division(power, delta, kc, kt, proposer):
    """Inclusion: every path peaceful with one proposer is peaceful for the any-division test and
    feasible for its linear program, and the offers keep both sides out of war in every period."""
    path = PowerPath(power, delta, kc, kt)
    one_sided = ProposerPath(path, proposer)
    solution = one_sided.solve()
    assert solution.is_peaceful == one_sided.is_peaceful()
    if solution.is_peaceful:
        assert path.is_peaceful()
        assert is_peaceful_by_linear_program(path)
        war_c, war_t = path.war_values()
        war_p, war_r = (war_c, war_t) if proposer == "coercer" else (war_t, war_c)
        following_r, following_p = solution.offers[-1], 1 - solution.offers[-1]
        for t in range(len(power) - 1, -1, -1):
            y = solution.offers[t]
            assert 0 <= y <= 1
            following_r = (1 - delta) * y + delta * following_r if t < len(power) - 1 else y
            following_p = (1 - delta) * (1 - y) + delta * following_p if t < len(power) - 1 else 1 - y
            assert following_r >= war_r[t] and following_p >= war_p[t]
        assert following_r == solution.responder_value and following_p == solution.proposer_value


def test_a_slow_decline_with_the_rising_state_proposing():
    """Krainin's (2017) slow decline brings war at once whoever proposes; a small shift that the
    any-division test lets through brings war only when the rising coercer proposes."""
    slow = PowerPath([F(k, 10) for k in range(11)], F(9, 10), cost_target=F(1, 10))
    assert ProposerPath(slow, "coercer").solve().war_period == 0
    small = PowerPath([F(1, 2), F(3, 5)], F(9, 10), F(1, 20), F(1, 20))
    assert small.is_peaceful() and not ProposerPath(small, "coercer").is_peaceful()
    assert ProposerPath(small, "target").solve().offers == (0, F(11, 20))


def test_the_tail_is_peaceful_and_war_can_be_delayed():
    tail = ProposerPath(PowerPath([F(1, 2), F(1, 2)], F(1, 2)), "target").solve()
    assert tail.is_peaceful and tail.offers == (F(1, 2), F(1, 2))
    delayed = ProposerPath(PowerPath([F(1, 5)] * 5 + [F(4, 5)], F(9, 10), F(1, 20), F(1, 20)), "coercer").solve()
    assert delayed.war_period == 4 and len(delayed.offers) == 4


def test_proposer_kinds_and_stacks():
    stack = np.array([[0.5, 0.6], [0.5, 0.52], [0.2, 0.9]])
    solution = ProposerPath(PowerPath(stack, 0.9, 0.05, 0.05), "coercer").solve()
    assert solution.is_peaceful.tolist() == [False, True, False]
    for row, period in zip(stack, solution.war_period):
        exact = ProposerPath(PowerPath([F(v).limit_denominator(100) for v in row], F(9, 10), F(1, 20), F(1, 20)), "coercer").solve()
        assert exact.war_period == period
    assert ProposerPath(PowerPath(stack, 0.9, 0.05, 0.05), "coercer").is_peaceful().tolist() == [False, True, False]
    one = ProposerPath(PowerPath([0.5, 0.52], 0.9, 0.05, 0.05), "coercer").solve()
    assert one.is_peaceful is True and one.war_period == math.inf and one.offers.shape == (2,)
    war = ProposerPath(PowerPath([0.2, 0.9], 0.9), "coercer").solve()
    assert war.war_period == 0 and np.isnan(war.offers).all()
    tail = ProposerPath(PowerPath([0.5, 0.5], 0.9, 0.0, 0.0), "target").solve()
    assert tail.is_peaceful
    p = sympy.Symbol("p", positive=True)
    symbolic = ProposerPath(PowerPath([p, F(3, 5)], F(9, 10)), "coercer")
    verdict = symbolic.is_peaceful()
    assert bool(verdict.subs(p, sympy.Rational(1, 2))) is False and bool(verdict.subs(p, sympy.Rational(3, 5))) is True
    with pytest.raises(NotImplementedError):
        symbolic.solve()


def test_proposer_errors():
    with pytest.raises(ParameterValueError, match='proposer must be "coercer" or "target"'):
        ProposerPath(PowerPath([0.5], 0.9), "both")  # type: ignore[arg-type]
    with pytest.raises(ParameterTypeError, match="path must be a PowerPath"):
        ProposerPath([0.5], "coercer")  # type: ignore[arg-type]

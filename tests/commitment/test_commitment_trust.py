"""Trust (Kydd 2005) and small steps: the stag hunt, best-response checks, Bayes, Monte Carlo."""

from fractions import Fraction as F

import numpy as np
import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

from bargaining import ParameterValueError
from bargaining.commitment import SmallSteps, TrustGame
from tests.strategies import discounts, fractions, probabilities

payoffs = fractions(-2, 2, denominator=10)
open_priors = fractions(F(1, 20), 1, denominator=20)
sizes = fractions(F(1, 20), 1, denominator=20)
losses = fractions(F(1, 10), 3, denominator=10)


def test_stag_hunt_needs_three_quarters_trust():
    """A stag hunt (stag 4, hare 3, stag alone 0): hare is risk dominant (Harsanyi and Selten
    1988) because the stag needs a belief above 1/2, here 3/4."""
    game = TrustGame(4, 3, 3, 0, prior=F(2, 3))
    assert game.prior_needed() == F(3, 4) and not game.is_cooperative()
    assert game.minimal_guarantee() == 1
    assert TrustGame(4, 3, 3, 0, F(2, 3), guarantee=1).is_cooperative()
    assert TrustGame(4, 3, 3, 0, F(2, 3), guarantee=3).regime() == "guaranteed"


@given(payoffs, payoffs, payoffs, payoffs, probabilities, fractions(0, 2, denominator=10))
def test_the_threshold_is_the_best_response_cut_off(r, t, p, s, prior, guarantee):
    """Independent check: the trustworthy type's best response, compared directly."""
    if not (r > t and p > s):
        return
    game = TrustGame(r, t, p, s, prior, guarantee)
    cooperate = prior * r + (1 - prior) * (s + guarantee)
    defect = prior * t + (1 - prior) * p
    assert game.is_cooperative() == (cooperate >= defect)


@given(payoffs, payoffs, payoffs, payoffs, probabilities, fractions(0, 2, denominator=10), fractions(0, 1, denominator=10))
def test_guarantees_lower_the_trust_needed(r, t, p, s, prior, guarantee, extra):
    if not (r > t and p > s):
        return
    weak, strong = TrustGame(r, t, p, s, prior, guarantee), TrustGame(r, t, p, s, prior, guarantee + extra)
    assert strong.prior_needed() <= weak.prior_needed()
    enough = TrustGame(r, t, p, s, prior, weak.minimal_guarantee())
    assert enough.is_cooperative()


def test_trust_kinds():
    game = TrustGame(4, 3, 3, 0, np.array([0.5, 0.8, 1.0]), np.array([0.0, 0.0, 0.5]))
    assert game.is_cooperative().tolist() == [False, True, True]
    np.testing.assert_allclose(game.minimal_guarantee(), [2.0, 0.0, 0.0])
    g = sympy.Symbol("g", positive=True)
    symbolic = TrustGame(4, 3, 3, 0, F(1, 2), g)
    assert [r.label for r in symbolic.regime()] == ["guaranteed", "trust needed"]
    assert TrustGame(4, 3, 3, 0, 1).minimal_guarantee() == 0


# --------------------------------------------------------------------------- small steps


def test_kept_steps_raise_trust_by_bayes_rule():
    steps = SmallSteps(F(1, 5), 1, F(9, 10), F(1, 2))
    assert steps.posterior(0) == F(1, 5) and steps.posterior(1) == F(1, 3) and steps.posterior(2) == F(1, 2)
    assert steps.steps_needed() == 2 and steps.reach_probability() == F(1, 5) + F(4, 5) * F(1, 4)
    assert steps.success_probability() == steps.kept_probability() == F(1, 5)  # only the trustworthy keep it


@given(open_priors, losses, sizes, st.integers(0, 30))
def test_the_agreement_pays_exactly_from_the_steps_needed(prior, loss, size, extra):
    steps = SmallSteps(prior, loss, F(9, 10), size)
    needed = steps.steps_needed()
    assert steps.posterior(needed) >= steps.threshold
    if needed > 0:
        assert steps.posterior(needed - 1) < steps.threshold
    assert steps.posterior(needed + extra) >= steps.posterior(needed)


@given(open_priors, open_priors, losses, sizes, sizes)
def test_larger_steps_and_higher_priors_need_fewer_steps(p, q, loss, s, t):
    low_prior, high_prior = sorted((p, q))
    small, large = sorted((s, t))
    assert SmallSteps(high_prior, loss, F(1, 2), small).steps_needed() <= SmallSteps(low_prior, loss, F(1, 2), small).steps_needed()
    assert SmallSteps(low_prior, loss, F(1, 2), large).steps_needed() <= SmallSteps(low_prior, loss, F(1, 2), small).steps_needed()


@given(open_priors, losses, discounts, sizes)
def test_the_expected_value_is_the_sum_over_steps(prior, loss, delta, size):
    """Independent check: add up the plan period by period, exactly."""
    plan = SmallSteps(prior, loss, delta, size)
    n = plan.steps_needed()
    total, reach_greedy = F(0), 1 - prior
    for k in range(n):
        total += delta**k * (prior * size + reach_greedy * ((1 - size) * size - size * size * loss))
        reach_greedy *= 1 - size
    total += delta**n * (prior - reach_greedy * loss)
    assert plan.expected_value() == total


def test_monte_carlo_agrees_with_the_success_probability_and_value():
    plan = SmallSteps(0.3, 1.5, 0.9, 0.25)
    rng = np.random.default_rng(7)
    draws = 200_000
    trustworthy = rng.random(draws) < 0.3
    n = plan.steps_needed()
    breaks = rng.random((draws, n)) < 0.25
    broken_at = np.where(breaks.any(axis=1), breaks.argmax(axis=1), n)
    broken_at = np.where(trustworthy, n, broken_at)
    value = np.zeros(draws)
    for k in range(n):
        kept = broken_at > k
        value += np.where(broken_at == k, -(0.9**k) * 0.25 * 1.5, np.where(kept, 0.9**k * 0.25, 0.0))
    reached = broken_at == n
    value += np.where(reached, 0.9**n * np.where(trustworthy, 1.0, -1.5), 0.0)
    error = value.std() / np.sqrt(draws)
    assert abs(value.mean() - plan.expected_value()) < 4 * error
    assert abs(reached.mean() - plan.reach_probability()) < 4 * np.sqrt(0.25 / draws)


def test_best_plan_is_the_grid_maximum():
    plan = SmallSteps(F(1, 5), 1, F(9, 10), F(1, 2))
    grid = [F(k, 20) for k in range(1, 21)]
    best = plan.best_plan(grid)
    values = [SmallSteps(F(1, 5), 1, F(9, 10), s).expected_value() for s in grid]
    assert best.expected_value == max(values)
    assert best.steps == SmallSteps(F(1, 5), 1, F(9, 10), best.size).steps_needed()
    floats = SmallSteps(0.2, 1.0, 0.9, 0.5).best_plan()
    exact = plan.best_plan()
    assert floats.size == pytest.approx(float(exact.size)) and floats.steps == exact.steps
    stacked = SmallSteps(np.array([0.2, 0.9]), 1.0, 0.9, 0.5).best_plan()
    assert stacked.steps.tolist() == [exact.steps, 0]
    # trust already there: no steps, and the biggest step is chosen on ties
    assert SmallSteps(F(9, 10), 1, F(9, 10), F(1, 2)).best_plan().size == 1


def test_small_steps_kinds_and_inputs():
    arrays = SmallSteps(np.array([0.2, 0.5, 0.9]), 1.0, 0.9, np.array([0.5, 1.0, 0.3]))
    assert arrays.steps_needed().tolist() == [2, 0, 0]
    assert SmallSteps(0.2, 1.0, 0.9, 1.0).steps_needed() == 1
    assert SmallSteps(F(1, 5), 1, F(9, 10), 1).steps_needed() == 1
    prior = sympy.Symbol("prior", positive=True)
    assert isinstance(SmallSteps(prior, 1, F(1, 2), F(1, 2)).steps_needed(), sympy.Max)
    with pytest.raises(NotImplementedError, match="give numbers"):
        SmallSteps(prior, 1, F(1, 2), F(1, 2)).best_plan()
    with pytest.raises(ParameterValueError, match=r"sizes must be a non-empty sequence of step sizes"):
        SmallSteps(F(1, 2), 1, F(1, 2), F(1, 2)).best_plan([])


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: TrustGame(3, 4, 3, 0, F(1, 2)), r"reward - temptation must be positive \(a trustworthy side prefers mutual cooperation to exploiting\) \(got -1\)"),
        (lambda: TrustGame(4, 3, 0, 0, F(1, 2)), r"punishment - sucker must be positive \(being exploited is worse than mutual defection\) \(got 0\)"),
        (lambda: TrustGame(4, 3, 3, 0, F(3, 2)), r"prior must be a probability in \[0, 1\] \(got 3/2\)"),
        (lambda: TrustGame(4, 3, 3, 0, F(1, 2), -1), r"guarantee must be non-negative \(got -1\)"),
        (lambda: SmallSteps(0, 1, F(1, 2), F(1, 2)), r"prior must be a probability in \(0, 1\] \(got 0\)"),
        (lambda: SmallSteps(F(1, 2), 0, F(1, 2), F(1, 2)), r"loss must be positive \(got 0\)"),
        (lambda: SmallSteps(F(1, 2), 1, F(1, 2), 0), r"size must be in \(0, 1\] \(got 0\)"),
        (lambda: SmallSteps(F(1, 2), 1, F(1, 2), F(1, 2)).posterior(-1), r"kept must be non-negative \(got -1\)"),
    ],
)
def test_bad_trust_inputs_are_refused(build, message):
    with pytest.raises(ParameterValueError, match=message):
        build()

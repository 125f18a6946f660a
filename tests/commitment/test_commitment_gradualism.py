"""Small steps against a strategic greedy partner (Watson 1999): an independent backward induction
over the step sequence, a simulation, and what the behavioural model got wrong."""

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bargaining import ParameterTypeError, ParameterValueError
from bargaining.commitment import Gradualism, SmallSteps
from tests.strategies import fractions

priors = fractions(F(1, 20), F(19, 20), denominator=20)
losses = fractions(F(1, 4), 4, denominator=4)
temptations = fractions(F(11, 10), 4, denominator=10)
discounts = fractions(F(1, 10), F(19, 20), denominator=20)
stakes = st.lists(fractions(F(1, 20), 1, denominator=20), min_size=0, max_size=6)


def _greedy_reaches(plan: Gradualism, signing: float) -> bool:
    """Backward induction over the steps: the greedy type's best reply when the big agreement is
    signed with probability ``signing`` (it goes on when indifferent)."""
    delta, greed = float(plan.discount), float(plan.temptation)
    value, reaches = signing * greed, True
    for size in reversed([float(s) for s in plan.stakes]):
        going_on = size + delta * value
        if greed * size > going_on + 1e-12:
            value, reaches = greed * size, False
        else:
            value, reaches = going_on, reaches
    return reaches


def _equilibrium_by_search(plan: Gradualism) -> tuple[str, float]:
    """The signing probability found by bisection on the greedy type's best reply (no closed form):
    returns the regime and P(the big agreement is reached and kept)."""
    prior, threshold = float(plan.prior), float(plan.threshold)
    if not _greedy_reaches(plan, 1.0):
        return "screening", prior
    if prior >= threshold:
        return "pooling", prior
    if not plan.stakes:
        return "no agreement", 0.0
    low, high = 0.0, 1.0  # the least signing probability at which the greedy type goes on
    for _ in range(60):
        middle = (low + high) / 2
        low, high = (low, middle) if _greedy_reaches(plan, middle) else (middle, high)
    return "mixed", prior * high


@given(priors, losses, temptations, discounts, stakes)
def test_the_equilibrium_matches_backward_induction_over_the_steps(prior, loss, greed, delta, sizes):
    plan = Gradualism(prior, loss, greed, delta, sizes)
    solution = plan.solve()
    regime, kept = _equilibrium_by_search(plan)
    assert solution.regime == regime
    assert float(solution.kept_probability) == pytest.approx(kept, abs=1e-9)
    assert solution.kept_probability <= prior
    assert 0 <= solution.signing_probability <= 1 and 0 <= solution.reach_probability <= 1


def test_the_outcome_probabilities_match_a_simulation():
    plan = Gradualism(F(1, 5), 1, 3, F(1, 2), Gradualism(F(1, 5), 1, 3, F(1, 2)).deterrence_path(2))
    solution = plan.solve()
    rng = np.random.default_rng(3)
    draws = 40000
    trustworthy = rng.random(draws) < float(plan.prior)
    reaches = trustworthy | (rng.random(draws) < float(solution.reach_probability))
    signed = reaches & (rng.random(draws) < float(solution.signing_probability))
    assert np.mean(signed & trustworthy) == pytest.approx(float(solution.kept_probability), abs=0.01)
    assert np.mean(signed & ~trustworthy) == pytest.approx(float(solution.betrayed_probability), abs=0.01)
    # kept steps leave the belief exactly at the threshold: the signer is indifferent
    assert plan.posterior(2) == plan.threshold


@given(priors, losses, temptations, discounts, st.integers(1, 6))
def test_watsons_path_deters_the_greedy_type_at_every_step(prior, loss, greed, delta, steps):
    """Watson (1999), 'Starting small and renegotiation', JET 85(1): stakes that grow no faster
    than rho^(n-k), rho = delta G/(G - 1), are all kept by the greedy type, which waits to exploit
    the big agreement; any step above the path (where the path is below 1) is betrayed instead."""
    plan = Gradualism(prior, loss, greed, delta)
    path = plan.deterrence_path(steps)
    on_path = Gradualism(prior, loss, greed, delta, path).solve()
    assert on_path.regime in ("pooling", "mixed")
    if path[-1] < 1:  # on the uncapped path the greedy type is indifferent at every step
        assert on_path.signing_probability == 1
    assert all(b < a or a == 1 for a, b in zip(path[1:], path[:-1]))  # it grows to the big agreement
    if path[-1] < 1:
        above = [*path[:-1], path[-1] + (1 - path[-1]) / 2]
        assert Gradualism(prior, loss, greed, delta, above).solve().regime == "screening"


def test_the_behavioural_model_counted_betrayers_as_success():
    """The defect: the behavioural model's greedy type breaks a step with probability equal to its
    size, and its 'success' counted greedy partners that pass every step and then betray."""
    behavioural = SmallSteps(F(1, 5), 1, F(9, 10), F(1, 4))
    assert behavioural.reach_probability() == F(499, 1280) > behavioural.kept_probability() == F(1, 5)
    strategic = Gradualism(F(1, 5), 1, 3, F(9, 10), [F(1, 4)] * behavioural.steps_needed()).solve()
    # cheap steps are kept by the strategic greedy type until the last; the big agreement is signed
    # only as often as leaves it indifferent between betraying that step and waiting
    assert strategic.regime == "mixed" and strategic.reach_probability == F(1, 4)
    assert strategic.signing_probability == F(5, 27) and strategic.kept_probability == F(1, 27)


def test_pooling_without_steps_and_errors():
    assert Gradualism(F(1, 2), 1, 2, F(1, 2)).solve().regime == "pooling"
    assert Gradualism(F(1, 5), 1, 2, F(1, 2)).solve().regime == "no agreement"
    floats = Gradualism(0.2, 1.0, 3.0, 0.5, [0.5, 0.9]).solve()
    assert floats.regime == "screening" and floats.betrayal_step == 1
    with pytest.raises(ParameterValueError, match="temptation must be greater than 1"):
        Gradualism(F(1, 2), 1, 1, F(1, 2))
    with pytest.raises(ParameterValueError, match="stakes must be step sizes in"):
        Gradualism(F(1, 2), 1, 2, F(1, 2), [F(3, 2)])
    with pytest.raises(ParameterTypeError, match="stakes must be a sequence"):
        Gradualism(F(1, 2), 1, 2, F(1, 2), "steps")  # type: ignore[arg-type]
    with pytest.raises(ParameterTypeError, match="prior must be exact or float scalars"):
        Gradualism(np.array([0.5]), 1, 2, 0.5)
    with pytest.raises(ParameterValueError, match="steps must be a non-negative integer"):
        Gradualism(F(1, 2), 1, 2, F(1, 2)).deterrence_path(-1)
    with pytest.raises(ParameterValueError, match=r"kept must be an integer in \[0, 0\]"):
        Gradualism(F(1, 2), 1, 2, F(1, 2)).posterior(1)

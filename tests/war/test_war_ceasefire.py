"""Commitment inside the war: settlements that would not survive a power shift are not struck."""

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings

from bargaining import ParameterValueError
from bargaining.commitment import PowerPath
from bargaining.war import LearningWar, SelfEnforcing, TryAndSee, TurningTheScrew, simulate_wars
from tests.strategies import fractions

AGREEING = LearningWar(F(1, 2), F(1, 2), 4, 4, F(1, 2), F(1, 20), F(1, 20), decisive_margin=3)


def test_a_non_empty_range_still_gives_war_when_the_deal_would_not_hold():
    """Fearon (1995) / Powell (2006): the range is non-empty before any battle, yet a shift of 2/5 in the
    coercer's favour during the ceasefire means no division would hold; the war goes on to a decision."""
    assert not AGREEING.bargaining_range(0, 0, 30).is_empty
    assert not PowerPath([F(1, 2), F(9, 10)], F(9, 10), F(1, 20), F(1, 20)).is_peaceful()
    rearming = AGREEING.duration_distribution(30, SelfEnforcing(TryAndSee(), F(2, 5), F(9, 10)))
    plain = AGREEING.duration_distribution(30)
    assert plain.settlement[0] == 1
    assert rearming.settlement_probability == 0
    assert rearming.coercer_victory.sum() + rearming.target_victory.sum() + rearming.unresolved == 1
    assert rearming.median() > 0


def test_minimal_guarantee_is_the_two_period_threshold():
    """Independent: on the path [p, p + s] the binding date is 0, where the least values are
    mu_C = max(w_C(0), delta w_C(1)) and mu_T = w_T(0) (here), both falling by (1 - delta) G per unit of G:
    1.215 - 0.19 G = 1 at G = 0.215 / 0.19."""
    war = AGREEING.as_float()
    wrapper = SelfEnforcing(TryAndSee(), 0.4, 0.9)
    assert wrapper.minimal_guarantee(war, 0.5) == pytest.approx(0.215 / 0.19, abs=1e-8)
    assert SelfEnforcing(TryAndSee(), 0.0, 0.9).minimal_guarantee(war, 0.5) == 0.0
    guaranteed = AGREEING.duration_distribution(10, SelfEnforcing(TryAndSee(), F(2, 5), F(9, 10), F(23, 20)))
    assert guaranteed.settlement[0] == 1
    short = AGREEING.duration_distribution(10, SelfEnforcing(TryAndSee(), F(2, 5), F(9, 10), F(11, 10)))
    assert short.settlement[0] == 0


@settings(max_examples=30)
@given(fractions(F(-1, 2), F(1, 2), 20), fractions(0, 2, 10), fractions(0, 2, 10))
def test_a_larger_guarantee_never_lengthens_the_war(shift, g1, g2):
    low, high = sorted((g1, g2))
    war = LearningWar(0.6, 0.55, 3.0, 5.0, 0.5, 0.03, 0.03, decisive_margin=5)
    weak = war.duration_distribution(30, SelfEnforcing(TryAndSee(), float(shift), 0.9, float(low))).survival()
    strong = war.duration_distribution(30, SelfEnforcing(TryAndSee(), float(shift), 0.9, float(high))).survival()
    assert np.all(strong <= weak + 1e-12)


def test_no_shift_changes_nothing():
    war = LearningWar(F(7, 10), F(7, 10), 4, 8, F(1, 2), F(1, 40), F(1, 40), decisive_margin=6)
    for schedule in (TryAndSee(), TurningTheScrew(F(1, 100))):
        wrapped = war.duration_distribution(30, SelfEnforcing(schedule, 0, F(9, 10)))
        plain = war.duration_distribution(30, schedule)
        assert list(wrapped.settlement) == list(plain.settlement)
        assert wrapped.strategy == f"{schedule.name}, self-enforcing"


def test_exact_float_and_monte_carlo_agree():
    war = LearningWar(F(7, 10), F(3, 5), 3, 6, F(1, 2), F(1, 20), F(1, 20), decisive_margin=6)
    schedule = SelfEnforcing(TryAndSee(), F(1, 5), F(9, 10))
    exact = war.duration_distribution(30, schedule)
    floats = war.as_float().duration_distribution(30, SelfEnforcing(TryAndSee(), 0.2, 0.9))
    np.testing.assert_allclose(np.asarray(exact.settlement, dtype=float), floats.settlement, atol=1e-12)
    estimate = simulate_wars(war, 30, SelfEnforcing(TryAndSee(), 0.2, 0.9), 20_000, np.random.default_rng(4))
    settled = np.cumsum(np.asarray(exact.settlement, dtype=float))
    assert np.all(np.abs(estimate.settled_by - settled) <= 4 * estimate.settled_by_error + 1e-3)


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: SelfEnforcing(TryAndSee(), 2, F(1, 2)), r"shift must be a change of power in \[-1, 1\] \(got 2\)"),
        (lambda: SelfEnforcing(TryAndSee(), 0, 1), r"discount must be a discount factor in \(0, 1\)"),
        (lambda: SelfEnforcing(TryAndSee(), 0, F(1, 2), -1), r"guarantee must be non-negative"),
        (lambda: SelfEnforcing("try", 0, F(1, 2)), r"schedule must be a pressure schedule"),
        (lambda: SelfEnforcing(TryAndSee(), [0.1, 0.2], 0.5), r"shift, discount, guarantee must be scalars"),
        (
            lambda: LearningWar(0.5, 0.5, 2.0, 2.0, 0.5, [0.1, 0.2], 0.1).duration_distribution(
                3, SelfEnforcing(TryAndSee(), 0.1, 0.5)
            ),
            r"cost_coercer must be a scalar when settlements must be self-enforcing",
        ),
    ],
)
def test_bad_ceasefire_inputs_are_refused(build, message):
    with pytest.raises(ParameterValueError, match=message):
        build()

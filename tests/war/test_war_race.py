"""The value of fighting the whole war: the race to the decisive margin, valued under each side's prior.

Independent checks of :mod:`bargaining.war.race`: enumeration of every battle sequence weighted by its
Beta-binomial probability, Monte Carlo over battle odds drawn from the prior, and the gambler's-ruin
limit of a point-mass prior; then the principle of convergence (Slantchev 2003; Smith & Stam 2004)
and the ultimatum's acceptance rule against a game-tree recursion.
"""

import itertools
import subprocess
import sys
from fractions import Fraction as F
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bargaining import ParameterValueError
from bargaining.war import LearningWar, TryAndSee, TurningTheScrew, UltimatumSchedule
from bargaining.war.race import continuation, simulate_race, war_values
from tests.strategies import fractions


def sequence_probability(a, b, outcomes):
    """P(this exact battle sequence) under a Beta(a, b) prior over the coercer's odds:
    B(a + s, b + f) / B(a, b) as a ratio of rising factorials (s wins, f losses)."""
    s = sum(outcomes)
    f = len(outcomes) - s
    numerator = F(1)
    for i in range(s):
        numerator *= a + i
    for j in range(f):
        numerator *= b + j
    denominator = F(1)
    for t in range(s + f):
        denominator *= a + b + t
    return numerator / denominator


def brute_force_value(war, horizon, side):
    """Enumerate all 2^(H+1) battle sequences: P(coercer wins the race) and the side's value of fighting."""
    if side == "coercer":
        a = war.coercer_belief * war.coercer_confidence
        b = war.coercer_confidence - a
        cost = war.cost_coercer
    else:
        b = war.target_belief * war.target_confidence
        a = war.target_confidence - b
        cost = war.cost_target
    delta, margin = war.discount, war.decisive_margin
    victory, value = F(0), F(0)
    for outcomes in itertools.product((0, 1), repeat=horizon + 1):
        probability = sequence_probability(a, b, outcomes)
        lead = 0
        for n, won in enumerate(outcomes):
            value -= probability * cost * delta**n
            lead += 1 if won else -1
            if (margin is not None and abs(lead) >= margin) or n == horizon:
                coercer_wins = lead > 0 if margin is not None and abs(lead) >= margin else bool(won)
                victory += probability * coercer_wins
                if coercer_wins == (side == "coercer"):
                    value += probability * delta ** (n + 1)
                break
    return victory, value


@pytest.mark.parametrize("margin", [None, 1, 2, 3])
@pytest.mark.parametrize("side", ["coercer", "target"])
def test_race_values_equal_the_enumeration_of_every_battle_sequence(margin, side):
    war = LearningWar(F(7, 10), F(3, 5), F(5, 2), 4, F(1, 2), F(1, 20), F(1, 30), margin, F(9, 10))
    horizon = 7
    coercer, target = war_values(war, horizon)
    values = coercer if side == "coercer" else target
    free = LearningWar(F(7, 10), F(3, 5), F(5, 2), 4, F(1, 2), 0, 0, margin)
    victory = continuation(free, horizon, side, lambda n: 0)[0][0]
    expected_victory, expected_value = brute_force_value(war, horizon, side)
    assert values[0][0] == expected_value
    assert (victory if side == "coercer" else 1 - victory) == expected_victory


@given(fractions(F(1, 10), F(9, 10), 10), fractions(F(1, 2), 6, 4), st.integers(1, 4), st.integers(0, 6))
@settings(max_examples=20)
def test_race_victory_probability_matches_enumeration_on_random_priors(mean, strength, margin, horizon):
    war = LearningWar(mean, F(1, 2), strength, 1, F(1, 2), decisive_margin=margin)
    victory = continuation(war, horizon, "coercer", lambda n: 0)[0][0]
    assert victory == brute_force_value(war, horizon, "coercer")[0]


def test_race_values_agree_with_monte_carlo_over_the_prior():
    """theta drawn once per path from the prior, battles i.i.d. given it (de Finetti): an independent
    sampler of the same subjective race."""
    war = LearningWar(0.7, 0.6, 3.0, 5.0, 0.5, 0.01, 0.02, decisive_margin=4, discount=0.95)
    coercer, target = war_values(war, 30)
    free = continuation(LearningWar(0.7, 0.6, 3.0, 5.0, 0.5, decisive_margin=4), 30, "coercer", lambda n: 0.0)
    for side, values in (("coercer", coercer), ("target", target)):
        estimate = simulate_race(war, 30, side, 40_000, np.random.default_rng(11))
        assert abs(estimate.value - values[0][0]) < 4 * estimate.value_error
    estimate = simulate_race(LearningWar(0.7, 0.6, 3.0, 5.0, 0.5, decisive_margin=4), 30, "coercer", 40_000,
                             np.random.default_rng(12))
    assert abs(estimate.victory - free[0][0]) < 4 * estimate.victory_error


def test_a_point_mass_prior_gives_the_gamblers_ruin_probability():
    """Feller (1968), An Introduction to Probability Theory, ch. XIV.2: a walk from 0 with barriers at
    +-M and step odds theta reaches +M first with probability 1 / (1 + r^M), r = (1 - theta)/theta."""
    theta, margin = 0.6, 3
    war = LearningWar(theta, 1 - theta, 1e9, 1e9, theta, decisive_margin=margin)
    victory = continuation(war, 400, "coercer", lambda n: 0.0)[0][0]
    r = (1 - theta) / theta
    assert victory == pytest.approx(1 / (1 + r**margin), abs=1e-7)  # prior strength 1e9, not infinite
    assert victory > theta  # the race amplifies the battle odds: a battle is not a war


def test_one_battle_odds_are_not_the_value_of_the_war():
    """The defect this replaces: valuing war at one battle's odds minus one battle's cost. With a
    margin of 4 the coercer's subjective P(winning the war) from a 7/10 prior mean is not 7/10, and the
    subjective range of the whole war differs from the one-battle range, which it nests at H = n."""
    war = LearningWar(F(7, 10), F(7, 10), 2, 2, F(1, 2), F(1, 100), F(1, 100), decisive_margin=4)
    whole = war.bargaining_range(0, 0, 40)
    one_battle = war.bargaining_range(0, 0, 0)
    assert (one_battle.lower, one_battle.upper) == (F(7, 10) - F(1, 100), F(3, 10) + F(1, 100))
    victory = continuation(LearningWar(F(7, 10), F(7, 10), 2, 2, F(1, 2), decisive_margin=4), 40, "coercer",
                           lambda n: 0)[0][0]
    assert victory > F(3, 4)
    assert whole.lower != one_battle.lower and whole.upper != one_battle.upper
    # nesting at every node: horizon == battles is the one-battle range of the posterior means
    for n, k in ((3, 1), (5, 4)):
        mean_c, mean_t = war.posterior_means(n, k)
        interval = war.bargaining_range(n, k, n)
        assert (interval.lower, interval.upper) == (mean_c - F(1, 100), mean_t + F(1, 100))


def brute_force_settlement(war, horizon, schedule=None):
    """Walk every battle sequence under the true odds and settle where the whole-war range is non-empty."""
    settled = [F(0)] * (horizon + 1)
    theta = war.battle_odds
    ranges = {}
    for outcomes in itertools.product((0, 1), repeat=horizon):
        probability = F(1)
        for outcome in outcomes:
            probability *= theta if outcome else 1 - theta
        wins = 0
        for n in range(horizon + 1):
            if (n, wins) not in ranges:
                ranges[n, wins] = war.bargaining_range(n, wins, horizon)
            if not ranges[n, wins].is_empty:
                settled[n] += probability
                break
            if n < horizon:
                wins += outcomes[n]
                if war.decisive_margin is not None and abs(2 * wins - (n + 1)) >= war.decisive_margin:
                    break
    return settled


def test_principle_of_convergence_no_settlement_while_the_range_is_empty():
    """Slantchev (2003), 'The principle of convergence in wartime negotiations', APSR 97(4); Smith &
    Stam (2004), 'Bargaining and the nature of war', JCR 48(6): with optimistic non-common priors the
    war goes on while the subjective range of the whole war is empty, and ends by agreement once the
    public battles have pulled the beliefs together; with a common prior there is no war at all."""
    war = LearningWar(F(3, 4), F(3, 4), 2, 2, F(1, 2), F(1, 50), F(1, 50), decisive_margin=4)
    horizon = 12
    distribution = war.duration_distribution(horizon)
    # the lattice settles exactly where a direct walk of every path finds the range non-empty
    assert list(distribution.settlement) == brute_force_settlement(war, horizon)
    assert war.bargaining_range(0, 0, horizon).is_empty and distribution.settlement[0] == 0
    first = next(n for n, mass in enumerate(distribution.settlement) if mass > 0)
    assert first == 3 and distribution.settlement_probability == 1
    # convergence: at the first settlement the posterior means are closer than the priors
    mean_c, mean_t = war.posterior_means(first, 0)
    assert mean_c - mean_t < war.posterior_means(0, 0)[0] - war.posterior_means(0, 0)[1]
    # common prior (no optimism): agreement before any battle, whatever the margin and costs
    for margin in (None, 2, 5):
        common = LearningWar(F(7, 10), F(3, 10), 2, 2, F(1, 2), F(1, 200), F(1, 200), decisive_margin=margin)
        assert not common.bargaining_range(0, 0, horizon).is_empty
        assert common.duration_distribution(horizon).settlement[0] == 1


@settings(max_examples=15)
@given(fractions(F(11, 20), F(9, 10), 8), fractions(F(1, 2), 4, 4), fractions(F(1, 400), F(1, 50), 8),
       st.integers(2, 5))
def test_settlement_only_where_the_range_is_non_empty(belief, strength, cost, margin):
    war = LearningWar(belief, belief, strength, strength, F(1, 2), cost, cost, decisive_margin=margin)
    assert list(war.duration_distribution(6).settlement) == brute_force_settlement(war, 6)


def ultimatum_tree(war, horizon, ultimatum, n=0, k=0):
    """The target's value at (n, k) facing the ultimatum, by recursion over the game tree (no arrays)."""
    b = war.target_belief * war.target_confidence
    a = war.target_confidence - b
    rho = (a + k) / (war.target_confidence + n)
    accept = 1 - ultimatum.demand + ultimatum.carrot
    if n > ultimatum.deadline:
        interval = war.bargaining_range(n, k, horizon)
        if not interval.is_empty:
            return 1 - min(F(1), interval.upper)
    lump = ultimatum.credibility * ultimatum.threat if n == ultimatum.deadline else 0
    margin = war.decisive_margin

    def after(wins):
        lead = 2 * wins - (n + 1)
        if margin is not None and abs(lead) >= margin:
            return F(0) if lead > 0 else F(1)
        return ultimatum_tree(war, horizon, ultimatum, n + 1, wins)

    if n == horizon:
        fight = -war.cost_target - lump + war.discount * (1 - rho)
    else:
        fight = -war.cost_target - lump + war.discount * (rho * after(k + 1) + (1 - rho) * after(k))
    return max(accept, fight) if n <= ultimatum.deadline else fight


@pytest.mark.parametrize("deadline", [0, 2, 5])
@pytest.mark.parametrize("discount", [F(1), F(4, 5)])
def test_ultimatum_acceptance_is_the_targets_best_timing_against_a_tree_recursion(deadline, discount):
    war = LearningWar(F(3, 5), F(7, 10), 2, 3, F(1, 2), F(1, 50), F(1, 50), decisive_margin=3, discount=discount)
    ultimatum = UltimatumSchedule(F(3, 5), deadline, F(1, 5), F(1, 2), carrot=F(1, 20))
    horizon = 6
    policy = ultimatum.policy(war, horizon)
    for n in range(min(deadline, horizon) + 1):
        for k in range(n + 1):
            if abs(2 * k - n) >= 3:
                continue
            accept = 1 - ultimatum.demand + ultimatum.carrot
            refuse = ultimatum_tree(war, horizon, UltimatumSchedule(F(3, 5), deadline, F(1, 5), F(1, 2), carrot=F(1, 20)), n, k)
            assert bool(policy[n][0][k]) == (refuse == accept)


def test_ultimatum_at_a_zero_horizon_is_the_one_battle_rule():
    """D = H = 0: accept iff demand - carrot <= m_T + c_T + credibility * threat, the old one-period rule."""
    war = LearningWar(F(3, 5), F(3, 5), 2, 2, F(1, 2), F(1, 20), F(1, 20))
    for demand in (F(1, 2), F(3, 5), F(7, 10), F(4, 5)):
        settle, terms = UltimatumSchedule(demand, 0, F(1, 5), F(1, 2)).policy(war, 0)[0]
        assert bool(settle[0]) == (demand <= F(2, 5) + F(1, 20) + F(1, 10))
        assert terms[0] == demand


def test_float_and_array_values_match_exact():
    exact = LearningWar(F(7, 10), F(3, 5), 2, 5, F(2, 5), F(1, 20), F(1, 30), decisive_margin=4, discount=F(9, 10))
    floats = exact.as_float()
    arrays = LearningWar([0.7, 0.8], 0.6, 2.0, 5.0, 0.4, 0.05, 1 / 30, decisive_margin=4, discount=[0.9, 0.9])
    for a, b, c in zip(war_values(exact, 12), war_values(floats, 12), war_values(arrays, 12), strict=True):
        np.testing.assert_allclose(np.asarray(a[5], dtype=float), b[5], atol=1e-12)
        np.testing.assert_allclose(c[5][0], b[5], atol=1e-12)
    screw = TurningTheScrew([0.0, 0.01])
    assert len(screw.policy(floats, 4)) == 5


def test_bad_race_arguments_are_refused():
    war = LearningWar(0.6, 0.6, 2.0, 2.0, 0.5)
    with pytest.raises(ParameterValueError, match="side must be 'coercer' or 'target'"):
        continuation(war, 3, "neutral", lambda n: 0.0)
    with pytest.raises(ParameterValueError, match=r"horizon must be an integer number of battles"):
        war_values(war, -1)
    with pytest.raises(ParameterValueError, match=r"cost must be a callable of the period"):
        continuation(war, 3, "coercer", 0.1)
    with pytest.raises(ParameterValueError, match="paths must be an integer"):
        simulate_race(war, 3, "coercer", 0, np.random.default_rng(0))
    with pytest.raises(ParameterValueError, match=r"rng must be a numpy\.random\.Generator"):
        simulate_race(war, 3, "coercer", 10, 0)
    with pytest.raises(ParameterValueError, match="war must be a war with scalar numeric parameters"):
        simulate_race(LearningWar([0.6, 0.7], 0.6, 2.0, 2.0, 0.5), 3, "coercer", 10, np.random.default_rng(0))
    with pytest.raises(ParameterValueError, match=r"discount must be a discount factor in \(0, 1\]"):
        LearningWar(0.6, 0.6, 2.0, 2.0, 0.5, discount=0)
    with pytest.raises(ParameterValueError, match=r"coercer_wins must be an integer in \[0, 2\]"):
        war.bargaining_range(2, 3, 5)


def test_learning_and_strategies_import_without_a_cycle():
    """war.learning imports war.strategies at module level; war.strategies never imports war.learning
    at run time, so each imports first in a fresh interpreter."""
    import bargaining.war.strategies as strategies

    for module in ("bargaining.war.strategies", "bargaining.war.learning", "bargaining.war.race"):
        subprocess.run([sys.executable, "-c", f"import {module}"], check=True)
    source = Path(strategies.__file__).read_text()
    assert "from .learning import" not in source.split("if TYPE_CHECKING:")[0]
    assert TryAndSee().name == "try-and-see"

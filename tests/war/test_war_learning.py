"""The learning war: principle of convergence, exact lattice DP, Monte Carlo cross-check, properties."""

from fractions import Fraction as F

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from bargaining import ConvergenceError, ParameterTypeError, ParameterValueError
from bargaining.war import LearningWar, TryAndSee, simulate_wars
from tests.strategies import fractions
from tests.war.test_war_race import brute_force_settlement

beliefs = fractions(F(1, 20), F(19, 20), 20)
strengths = fractions(F(1, 2), 10, 4)
small_costs = fractions(0, F(1, 10), 40)


def one_battle_range_opens(war, battles, escalation=0):
    """Whether the one-battle range (each side values war as the next battle decides it) is non-empty
    at every record of ``battles`` battles: the posterior-mean gap at most the two costs."""
    for wins in range(battles + 1):
        mean_c, mean_t = war.posterior_means(battles, wins)
        if mean_c - war.cost_coercer > mean_t + war.cost_target + escalation * battles:
            return False
    return True


def test_equal_strength_priors_open_the_one_battle_range_after_a_known_number_of_battles():
    """Equal-strength priors: the gap N(m_C - m_T)/(N + n) ignores the record, so the date at which the
    one-battle range opens is known (Slantchev 2003's convergence logic; 10 * (0.6 - 0.1) / 0.1 = 50).
    It is the closed form of the H = n restriction: war.bargaining_range(n, k, n)."""
    war = LearningWar(F(4, 5), F(4, 5), 10, 10, F(1, 2), F(1, 20), F(1, 20))
    assert war.settlement_battles() == 50
    assert one_battle_range_opens(war, 50) and not one_battle_range_opens(war, 49)
    for wins in (0, 25, 49):
        assert war.bargaining_range(49, wins, 49).is_empty
        assert not war.bargaining_range(50, wins, 50).is_empty


@given(beliefs, beliefs, strengths, small_costs, small_costs)
def test_closed_form_date_is_when_the_one_battle_range_opens(mc, qt, strength, cc, ct):
    war = LearningWar(mc, qt, strength, strength, F(1, 2), cc, ct)
    if cc + ct == 0 and war.optimism > 0:
        with pytest.raises(ParameterValueError, match="finite settlement date"):
            war.settlement_battles()
        return
    battles = int(war.settlement_battles())
    assert one_battle_range_opens(war, battles)
    assert battles == 0 or not one_battle_range_opens(war, battles - 1)


@given(beliefs, beliefs, strengths, small_costs, small_costs, fractions(F(1, 200), F(1, 20), 200))
def test_the_screw_opens_the_one_battle_range_no_later_and_at_its_closed_form(mc, qt, strength, cc, ct, g):
    war = LearningWar(mc, qt, strength, strength, F(1, 2), cc, ct)
    screwed = int(war.settlement_battles(escalation=g))
    if cc + ct > 0:
        assert screwed <= war.settlement_battles()
    assert one_battle_range_opens(war, screwed, g)
    assert screwed == 0 or not one_battle_range_opens(war, screwed - 1, g)


def test_lattice_equals_brute_force_path_enumeration():
    war = LearningWar(F(7, 10), F(3, 5), 2, 5, F(2, 5), F(1, 20), F(1, 30), decisive_margin=3)
    horizon = 9
    distribution = war.duration_distribution(horizon)
    assert list(distribution.settlement) == brute_force_settlement(war, horizon)
    assert distribution.settlement_probability > 0
    # everything is exact and the probabilities add up to one
    total = sum(distribution.ended) + distribution.unresolved
    assert total == 1 and all(isinstance(v, F) for v in distribution.settlement)


def test_lattice_agrees_with_monte_carlo_within_four_standard_errors():
    war = LearningWar(F(7, 10), F(7, 10), 3, 9, F(1, 2), F(1, 40), F(1, 40), decisive_margin=6)
    exact = war.duration_distribution(40)
    estimate = simulate_wars(war, 40, TryAndSee(), paths=20_000, rng=np.random.default_rng(7))
    settled = np.cumsum(np.asarray(exact.settlement, dtype=float))
    ended = np.cumsum(np.asarray(exact.ended, dtype=float))
    assert np.all(np.abs(estimate.settled_by - settled) <= 4 * estimate.settled_by_error + 1e-3)
    assert np.all(np.abs(estimate.ended_by - ended) <= 4 * estimate.ended_by_error + 1e-3)
    assert estimate.mean_terms == pytest.approx(float(exact.expected_terms), abs=0.01)


def test_float_and_array_kinds_match_the_exact_lattice():
    exact = LearningWar(F(7, 10), F(3, 5), 2, 5, F(2, 5), F(1, 20), F(1, 30), decisive_margin=4)
    floats = LearningWar(0.7, 0.6, 2.0, 5.0, 0.4, 0.05, 1 / 30, decisive_margin=4)
    arrays = LearningWar([0.7, 0.8], 0.6, 2.0, 5.0, [0.4, 0.5], 0.05, 1 / 30, decisive_margin=4)
    a, b, c = (w.duration_distribution(30) for w in (exact, floats, arrays))
    np.testing.assert_allclose(np.asarray(a.settlement, dtype=float), b.settlement, atol=1e-12)
    np.testing.assert_allclose(c.settlement[0], b.settlement, atol=1e-12)
    other = LearningWar(0.8, 0.6, 2.0, 5.0, 0.5, 0.05, 1 / 30, decisive_margin=4).duration_distribution(30)
    np.testing.assert_allclose(c.settlement[1], other.settlement, atol=1e-12)
    assert c.median().tolist() == [b.median(), other.median()]
    assert np.allclose(c.expected_terms, [b.expected_terms, other.expected_terms])


@settings(max_examples=25)
@given(beliefs, beliefs, strengths, strengths, fractions(F(1, 10), F(9, 10), 10), small_costs, small_costs,
       st.integers(1, 3), st.sampled_from([None, 3, 6]))
def test_more_confident_priors_never_shorten_the_learning_war(mc, qt, nc, nt, theta, cc, ct, scale, margin):
    """Same prior means, priors scaled up: beliefs move more slowly, so survival never falls.
    (Checked on 400 random float instances before asserting.)"""
    loose = LearningWar(mc, qt, nc, nt, theta, cc, ct, margin).as_float().duration_distribution(40)
    tight = LearningWar(mc, qt, nc * scale, nt * scale, theta, cc, ct, margin).as_float().duration_distribution(40)
    assert np.all(tight.survival() >= loose.survival() - 1e-12)


@settings(max_examples=25)
@given(beliefs, beliefs, strengths, strengths, fractions(F(1, 10), F(9, 10), 10), small_costs, small_costs,
       small_costs, st.sampled_from([None, 4]))
def test_higher_costs_never_lengthen_the_learning_war(mc, qt, nc, nt, theta, cc, ct, extra, margin):
    """Costs widen the range on every path, so the war ends no later on every path."""
    cheap = LearningWar(mc, qt, nc, nt, theta, cc, ct, margin).as_float().duration_distribution(40)
    dear = LearningWar(mc, qt, nc, nt, theta, cc + extra, ct, margin).as_float().duration_distribution(40)
    assert np.all(dear.survival() <= cheap.survival() + 1e-12)


def test_no_optimism_means_no_war_and_optimism_means_an_empty_range():
    """Mutual optimism (Fearon 1995; Slantchev 2003): the range is empty iff optimism exceeds total cost."""
    calm = LearningWar(F(1, 2), F(1, 2), 4, 4, F(1, 2), F(1, 20), F(1, 20))
    assert calm.duration_distribution(5).settlement[0] == 1
    assert calm.settlement_battles() == 0
    hot = LearningWar(F(4, 5), F(4, 5), 4, 4, F(1, 2), F(1, 20), F(1, 20))
    assert hot.bargaining_range(0, 0, 0).is_empty and hot.optimism == F(3, 5)


def test_symbolic_settlement_date_is_a_piecewise_in_the_parameters():
    m, q, n, c = sympy.symbols("m q N c", positive=True)
    war = LearningWar(m, q, n, n, sympy.Rational(1, 2), c, c)
    date = war.settlement_battles()
    assert isinstance(date, sympy.Piecewise)
    value = date.subs({m: sympy.Rational(4, 5), q: sympy.Rational(4, 5), n: 10, c: sympy.Rational(1, 20)})
    assert value == 50


def test_array_settlement_dates_and_posterior_means():
    war = LearningWar([0.8, 0.5], 0.8, 10.0, 10.0, 0.5, 0.05, 0.05)
    assert war.settlement_battles().tolist() == [50.0, 20.0]
    mean_c, mean_t = LearningWar(F(4, 5), F(4, 5), 10, 10, F(1, 2)).posterior_means(10, 5)
    assert (mean_c, mean_t) == (F(13, 20), F(7, 20))


def test_distribution_outputs_hazard_survival_dataset():
    war = LearningWar(F(7, 10), F(7, 10), 2, 6, F(1, 2), F(1, 20), F(1, 20), decisive_margin=5)
    distribution = war.duration_distribution(12)
    survival, hazard = distribution.survival(), distribution.hazard()
    assert survival[-1] == distribution.unresolved
    before = 1
    for t in range(13):
        assert hazard[t] * before == distribution.ended[t]
        before = survival[t]
    table = distribution.to_dataset()
    assert table.attrs["calibration"].startswith("uncalibrated")
    assert float(table["expected_cost_target"]) == pytest.approx(float(distribution.expected_cost_target))
    assert distribution.horizon == 12 and distribution.settled_by(100) == distribution.settlement_probability


def test_median_beyond_the_horizon_and_no_settlement_raise():
    war = LearningWar(F(9, 10), F(9, 10), 50, 50, F(1, 2), F(1, 100), F(1, 100))
    with pytest.raises(ConvergenceError, match="beyond the horizon of 5 battles"):
        war.duration_distribution(5).median()
    with pytest.raises(ParameterValueError, match="strategy must be one that settles"):
        _ = war.duration_distribution(5).expected_terms


def test_unequal_confidence_has_no_closed_form():
    with pytest.raises(ParameterValueError, match="target_confidence must be equal to coercer_confidence"):
        LearningWar(F(4, 5), F(4, 5), 10, 11, F(1, 2), F(1, 20), F(1, 20)).settlement_battles()


@pytest.mark.parametrize(
    ("arguments", "error", "message"),
    [
        ((F(0), F(1, 2), 1, 1, F(1, 2)), ParameterValueError, r"coercer_belief must be a prior mean in \(0, 1\)"),
        ((F(1, 2), F(1), 1, 1, F(1, 2)), ParameterValueError, r"target_belief must be a prior mean in \(0, 1\) .*got 1"),
        ((F(1, 2), F(1, 2), 0, 1, F(1, 2)), ParameterValueError, r"coercer_confidence must be positive \(got 0\)"),
        ((F(1, 2), F(1, 2), 1, -1, F(1, 2)), ParameterValueError, r"target_confidence must be positive"),
        ((F(1, 2), F(1, 2), 1, 1, F(3, 2)), ParameterValueError, r"battle_odds must be a probability in \[0, 1\] \(got 3/2\)"),
        ((F(1, 2), F(1, 2), 1, 1, F(1, 2), -1), ParameterValueError, r"cost_coercer must be non-negative \(got -1\)"),
        ((F(1, 2), F(1, 2), 1, 1, "half"), ParameterTypeError, r"battle_odds must be a real number.*got str"),
        ((F(1, 2), F(1, 2), 1, 1, F(1, 2), 0, 0, 0), ParameterValueError, r"decisive_margin must be a positive integer"),
        ((F(1, 2), F(1, 2), 1, 1, F(1, 2), 0, 0, True), ParameterValueError, r"decisive_margin must be a positive integer"),
    ],
)
def test_bad_parameters_are_refused_with_field_requirement_and_value(arguments, error, message):
    with pytest.raises(error, match=message):
        LearningWar(*arguments)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda w: w.duration_distribution(0), r"horizon must be an integer number of battles in \[1, 1000000\] \(got 0\)"),
        (lambda w: w.duration_distribution(2.5), r"horizon must be an integer"),
        (lambda w: w.duration_distribution(3).settled_by(-1), r"period must be a non-negative integer \(got -1\)"),
        (lambda w: simulate_wars(w, 3, TryAndSee(), 0, np.random.default_rng(0)), r"paths must be an integer"),
        (lambda w: simulate_wars(w, 3, TryAndSee(), 10, 3), r"rng must be a numpy.random.Generator"),
        (lambda w: w.settlement_battles(escalation=-1), r"escalation must be non-negative"),
    ],
)
def test_bad_solver_arguments_are_refused(call, message):
    war = LearningWar(F(3, 5), F(3, 5), 2, 2, F(1, 2), F(1, 20), F(1, 20))
    with pytest.raises(ParameterValueError, match=message):
        call(war)


def test_symbolic_battle_odds_give_polynomials_that_match_the_exact_lattice():
    """Symbols in, expressions out: the stopping region depends on beliefs only, so every probability
    is a polynomial in the true odds; evaluated at 2/5 it is the exact Fraction lattice."""
    theta = sympy.Symbol("theta", positive=True)
    symbolic = LearningWar(F(3, 4), F(3, 4), 2, 6, theta, F(1, 30), F(1, 30), decisive_margin=3).duration_distribution(8)
    exact = LearningWar(F(3, 4), F(3, 4), 2, 6, F(2, 5), F(1, 30), F(1, 30), decisive_margin=3).duration_distribution(8)
    assert exact.settlement_probability > 0
    for polynomial, value in zip(symbolic.settlement, exact.settlement):
        assert sympy.Rational(value.numerator, value.denominator) == sympy.expand(polynomial).subs(theta, sympy.Rational(2, 5))
    total = sympy.expand(sum(symbolic.ended) + symbolic.unresolved)
    assert total == 1
    assert sympy.simplify(symbolic.hazard()[3] - symbolic.ended[3] / symbolic.survival()[2]) == 0
    # agreeing priors settle before any battle, whatever theta
    known = LearningWar(F(1, 2), F(1, 2), 2, 2, theta, F(1, 20), F(1, 20)).duration_distribution(10)
    assert sympy.expand(known.settlement[0]) == 1
    with pytest.raises(ParameterTypeError, match="battle_odds must be a number for the median"):
        symbolic.median()
    with pytest.raises(ParameterTypeError, match="battle_odds must be a number for the dataset"):
        symbolic.to_dataset()


def test_symbolic_and_array_wars_are_refused_where_the_solver_needs_numbers():
    war = LearningWar(sympy.Symbol("m", positive=True), F(3, 5), 2, 2, F(1, 2))
    with pytest.raises(ParameterTypeError, match="coercer_belief must be a number for the lattice DP"):
        war.duration_distribution(3)
    theta = sympy.Symbol("theta", positive=True)
    screw = LearningWar(F(3, 5), F(3, 5), 2, 2, theta, F(1, 20), F(1, 20))
    from bargaining.war import TurningTheScrew

    with pytest.raises(ParameterTypeError, match="escalation must be a number or array for a schedule's policy"):
        screw.duration_distribution(3, TurningTheScrew(sympy.Symbol("g", positive=True)))
    from bargaining.war import UltimatumSchedule

    with pytest.raises(ParameterTypeError, match="demand must be a number or array for a schedule's policy"):
        screw.duration_distribution(3, UltimatumSchedule(sympy.Symbol("x", positive=True), 2, F(1, 5), F(1, 2)))
    arrays = LearningWar([0.6, 0.7], 0.6, 2.0, 2.0, 0.5, 0.05, 0.05)
    with pytest.raises(ParameterValueError, match="war must be a war with scalar parameters"):
        simulate_wars(arrays, 3, TryAndSee(), 10, np.random.default_rng(0))


def test_a_user_schedule_that_compares_symbols_is_refused_by_the_lattice() -> None:
    """The built-in schedules refuse symbols when built; a schedule of the user's own whose policy
    compares a symbol is refused by the lattice itself (no truth value), naming the schedule."""
    import sympy

    from bargaining.war import TryAndSee

    x = sympy.Symbol("x", positive=True)

    class Symbolic(TryAndSee):
        __slots__ = ()

        def policy(self, war, horizon):
            return [(bool(x > 1), 0)] * (horizon + 1)

    class SymbolicMask(TryAndSee):
        __slots__ = ()

        def policy(self, war, horizon):
            return [(np.array([x > 1], dtype=object), 0)] * (horizon + 1)

    war = LearningWar(F(3, 5), F(3, 5), 2, 2, F(1, 2), F(1, 20), F(1, 20))
    for schedule in (Symbolic(), SymbolicMask()):
        with pytest.raises(ParameterTypeError, match="schedule must be numbers wherever the lattice compares"):
            war.duration_distribution(3, schedule)

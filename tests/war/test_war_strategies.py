"""George's three strategies on one war, the Coase two-period problem, the comparison table and plots."""

from fractions import Fraction as F

import numpy as np
import pytest
import sympy
from hypothesis import given

from bargaining import ParameterValueError
from bargaining.war import (
    CoaseTwoPeriod,
    LearningWar,
    TryAndSee,
    TurningTheScrew,
    UltimatumSchedule,
    compare,
    credibility,
    plot_durations,
    simulate_wars,
)
from tests.strategies import fractions

WAR = LearningWar(F(7, 10), F(7, 10), 2, 4, F(1, 2), F(1, 100), F(1, 100), decisive_margin=4)
SCREW, ULTIMATUM = TurningTheScrew(F(1, 200)), UltimatumSchedule(F(11, 20), 2, F(1, 5), F(1, 2))


def test_fudenberg_tirole_two_period_coase_cut_off():
    """Fudenberg & Tirole (1991, Game Theory, §10.2.1): values U[0, 1], common discount delta:
    the first price is (2 - delta)^2 / (2 (4 - 3 delta)) and the cut-off type (2 - delta)/(4 - 3 delta);
    at delta = 1/2 these are 9/20 and 3/5."""
    solution = CoaseTwoPeriod(0, 1, F(1, 2)).solve()
    assert solution.first_demand == F(9, 20) and solution.cutoff == F(3, 5)
    assert solution.second_demand == F(3, 10)
    assert solution.committed_demand == F(1, 2) and solution.committed_gain == F(1, 4)


def _coase_by_grid_search(cbar, delta, grid=400):
    """Independent: for each first price on a grid, find the cut-off by bisection on the indifference
    condition (with the period-2 best response computed by its own grid) and keep the best."""
    prices = np.linspace(0, cbar, grid + 1)

    def second_price(cutoff):
        candidates = np.linspace(0, cutoff, grid + 1)
        return candidates[np.argmax(candidates * (cutoff - candidates))]

    best = (-1.0, None)
    for q1 in prices:
        low, high = 0.0, cbar
        for _ in range(40):  # the cut-off type is indifferent: v - q1 = delta (v - q2(v))
            v = (low + high) / 2
            if v - q1 > delta * (v - second_price(v)):
                high = v
            else:
                low = v
        v = (low + high) / 2
        q2 = second_price(v)
        gain = (q1 * (cbar - v) + delta * q2 * (v - q2)) / cbar
        if gain > best[0]:
            best = (gain, (q1, v, q2))
    return best


@pytest.mark.parametrize("delta", [0.3, 0.6, 0.9])
def test_coase_solution_matches_a_grid_search(delta):
    gain, (q1, v, _) = _coase_by_grid_search(1.0, delta, grid=200)
    solution = CoaseTwoPeriod(0.0, 1.0, delta).solve()
    assert solution.coercer_gain == pytest.approx(gain, abs=2e-3)
    assert solution.first_demand == pytest.approx(q1, abs=1e-2)
    assert solution.cutoff == pytest.approx(v, abs=1e-2)


@given(fractions(F(1, 20), F(19, 20), 20), fractions(F(1, 10), F(1, 2), 10))
def test_commitment_never_loses_and_softening_follows_the_first_demand(delta, cbar):
    """The Coase problem: without commitment the coercer gains less and its demand falls."""
    solution = CoaseTwoPeriod(F(1, 2), cbar, delta).solve()
    assert solution.committed_gain >= solution.coercer_gain
    assert solution.second_demand < solution.first_demand
    assert 0 < solution.cutoff < cbar


def test_three_strategies_on_one_war():
    """Done-when: the three strategies on the same war, medians and settlement probabilities."""
    strategies = [TryAndSee(), SCREW, ULTIMATUM]
    results = {s.name: WAR.duration_distribution(20, s) for s in strategies}
    assert results["try-and-see"].median() == 8
    assert results["turning the screw"].median() == 1
    assert results["ultimatum"].median() == 6
    # the screw settles more, on tougher terms; the ultimatum extracts more than try-and-see
    assert results["turning the screw"].settlement_probability > results["try-and-see"].settlement_probability
    assert results["ultimatum"].expected_terms > results["try-and-see"].expected_terms
    # the ultimatum's threat is a cost the target pays at the deadline
    ultimatum = results["ultimatum"]
    alive = ultimatum.survival()[1] - ultimatum.settlement[2]  # still fighting after the deadline's offer
    assert ultimatum.cost_target[2] - ultimatum.cost_coercer[2] == alive * F(1, 5) * F(1, 2)


def test_ultimatum_never_softens_before_its_deadline_and_falls_back_after():
    ultimatum = UltimatumSchedule(F(3, 5), 3, F(1, 5), F(1, 2))
    distribution = WAR.duration_distribution(40, ultimatum)
    terms = distribution.terms
    for t in range(4):
        assert terms[t] == distribution.settlement[t] * F(3, 5)
    assert ultimatum.penalty_target(WAR, 3) == np.asarray([F(1, 10)], dtype=object)
    assert ultimatum.penalty_target(WAR, 2) == np.asarray([F(0)], dtype=object)


def test_a_carrot_at_full_efficiency_is_exactly_a_smaller_demand():
    """MODEL §7 ("combine sticks and carrots"): with carrot_efficiency = 1 a carrot s is a demand x - s;
    a cheaper carrot (efficiency below 1) settles as often on better terms for the coercer."""
    smaller = WAR.duration_distribution(40, UltimatumSchedule(F(1, 2), 4, F(1, 5), F(1, 2)))
    carrot = WAR.duration_distribution(40, UltimatumSchedule(F(11, 20), 4, F(1, 5), F(1, 2), carrot=F(1, 20)))
    assert list(smaller.settlement) == list(carrot.settlement) and list(smaller.terms) == list(carrot.terms)
    cheap = WAR.duration_distribution(40, UltimatumSchedule(F(11, 20), 4, F(1, 5), F(1, 2), F(1, 20), F(1, 2)))
    assert list(cheap.settlement) == list(carrot.settlement)
    assert cheap.expected_terms > carrot.expected_terms


def test_a_credible_enough_ultimatum_settles_at_once_unless_its_deadline_is_far():
    """The target may comply at any period up to the deadline: a sure threat of 1/2 one to three
    battles away settles at once; five battles away the target fights first and complies only if the
    battles go badly for it (15/16 by the deadline), because waiting is cheap next to the threat."""
    for deadline in (0, 1, 3):
        distribution = WAR.duration_distribution(10, UltimatumSchedule(F(1, 2), deadline, F(1, 2), 1))
        assert distribution.settlement[0] == 1 and distribution.expected_terms == F(1, 2)
    far = WAR.duration_distribution(10, UltimatumSchedule(F(1, 2), 5, F(1, 2), 1))
    assert far.settlement[0] == 0 and far.settled_by(5) == F(15, 16)


@given(fractions(0, F(1, 20), 200), fractions(0, F(1, 20), 200))
def test_a_harder_screw_never_lengthens_the_war(g1, g2):
    low, high = sorted((g1, g2))
    war = WAR.as_float()
    slow = war.duration_distribution(20, TurningTheScrew(float(low))).survival()
    fast = war.duration_distribution(20, TurningTheScrew(float(high))).survival()
    assert np.all(fast <= slow + 1e-12)


def test_schedules_agree_with_monte_carlo():
    for schedule in (SCREW, ULTIMATUM):
        exact = WAR.duration_distribution(20, schedule)
        estimate = simulate_wars(WAR, 20, schedule, paths=20_000, rng=np.random.default_rng(3))
        settled = np.cumsum(np.asarray(exact.settlement, dtype=float))
        assert np.all(np.abs(estimate.settled_by - settled) <= 4 * estimate.settled_by_error + 1e-3)


def test_array_screw_matches_scalar_screws():
    war = WAR.as_float()
    both = LearningWar(0.7, 0.7, 2.0, 4.0, 0.5, 0.01, 0.01, decisive_margin=4)
    arrays = both.duration_distribution(30, TurningTheScrew([0.0, 0.005]))
    for index, g in enumerate((0.0, 0.005)):
        single = war.duration_distribution(30, TurningTheScrew(g))
        np.testing.assert_allclose(arrays.settlement[index], single.settlement, atol=1e-12)
    ultimatum = both.duration_distribution(30, UltimatumSchedule([0.5, 0.6], 3, 0.2, 0.5))
    single = war.duration_distribution(30, UltimatumSchedule(0.6, 3, 0.2, 0.5))
    np.testing.assert_allclose(ultimatum.settlement[1], single.settlement, atol=1e-12)


def test_compare_builds_a_labelled_dataset_and_a_plot(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    strategies = [TryAndSee(), SCREW, ULTIMATUM]
    table = compare(WAR, strategies, 20, calibration="one battle = one month; COW definition assumed")
    assert table["strategy"].values.tolist() == ["try-and-see", "turning the screw", "ultimatum"]
    assert table["median_duration"].values.tolist() == [8.0, 1.0, 6.0]
    assert table.attrs["calibration"].startswith("one battle = one month")
    np.testing.assert_allclose(table["settled_by"].isel(time=-1), table["settlement"].sum("time"))
    figure = plot_durations(table)
    path = tmp_path / "survival.png"
    figure.savefig(path)
    assert path.stat().st_size > 1000
    plt.close(figure)
    figure, axes = plt.subplots(1, 2)
    single = WAR.duration_distribution(20).to_dataset()
    assert plot_durations(single, axes=axes) is figure
    plt.close(figure)
    with pytest.raises(ParameterValueError, match="table must be a compare"):
        plot_durations(single.drop_vars("hazard"))
    with pytest.raises(ParameterValueError, match="strategies must be a non-empty sequence"):
        compare(WAR, [], 10)


def test_median_is_nan_in_the_table_when_beyond_the_horizon():
    table = compare(WAR, [TryAndSee()], 5)
    assert np.isnan(table["median_duration"].values[0])


def test_credibility_from_audience_costs():
    """MODEL §4: the coercer executes iff w >= -a, w ~ U[w_lo, w_hi]."""
    assert credibility(F(1, 4), -1, F(1, 4)) == F(2, 5)
    assert credibility(0, -2, -1) == 0 and credibility(3, -1, 1) == 1
    assert np.allclose(credibility([0.0, 0.5, 5.0], -1.0, 1.0), [0.5, 0.75, 1.0])
    a = sympy.Symbol("a", positive=True)
    assert credibility(a, -1, 1).subs(a, sympy.Rational(1, 2)) == sympy.Rational(3, 4)
    with pytest.raises(ParameterValueError, match="execution_high must be greater than execution_low"):
        credibility(0, 1, 1)
    # Schelling's risk: the threat falls with probability rho whatever the coercer wants
    assert credibility(0, -1, 1, risk=F(1, 2)) == F(3, 4)


def test_ultimatum_from_the_one_shot_coercion_model():
    from bargaining.coercion import Ultimatum as OneShot

    one_shot = OneShot(F(11, 20), deadline=4, audience_cost=F(1, 4), threat=F(1, 5), execution_low=-1,
                       execution_high=F(1, 4))
    ultimatum = UltimatumSchedule.from_coercion(one_shot)
    assert ultimatum == UltimatumSchedule(F(11, 20), 4, F(1, 5), F(2, 5))
    sweetened = OneShot(F(11, 20), deadline=4, carrot=F(1, 10), carrot_credibility=F(1, 2), carrot_efficiency=F(1, 2))
    assert UltimatumSchedule.from_coercion(sweetened).carrot == F(1, 20)
    assert UltimatumSchedule.from_coercion(sweetened).carrot_efficiency == F(1, 2)
    assert UltimatumSchedule.from_coercion(one_shot, deadline=2).deadline == 2
    with pytest.raises(ParameterValueError, match="deadline must be a number of battles"):
        UltimatumSchedule.from_coercion(OneShot(F(1, 2), deadline=None, urgency=F(1, 2)))
    with pytest.raises(ParameterValueError, match=r"one_shot must be a bargaining\.coercion\.Ultimatum"):
        UltimatumSchedule.from_coercion("ultimatum")


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: TurningTheScrew(-1), r"escalation must be non-negative \(got -1\)"),
        (lambda: UltimatumSchedule(F(3, 2), 1, 0, 1), r"demand must be a probability in \[0, 1\] \(got 3/2\)"),
        (lambda: UltimatumSchedule(F(1, 2), -1, 0, 1), r"deadline must be a non-negative integer number of battles \(got -1\)"),
        (lambda: UltimatumSchedule(F(1, 2), 1, -1, 1), r"threat must be non-negative"),
        (lambda: UltimatumSchedule(F(1, 2), 1, 0, 2), r"credibility must be a probability"),
        (lambda: CoaseTwoPeriod(F(1, 2), 0, F(1, 2)), r"cost_high must be positive \(got 0\)"),
        (lambda: CoaseTwoPeriod(F(1, 2), F(1, 2), 1), r"discount must be a discount factor in \(0, 1\) \(got 1\)"),
        (lambda: CoaseTwoPeriod(F(3, 4), F(1, 2), F(1, 2)), r"power \+ cost_high must be at most 1"),
        (lambda: credibility(-1, 0, 1), r"audience_cost must be non-negative"),
        (lambda: UltimatumSchedule(F(1, 2), 1, 0, 1, carrot=-1), r"carrot must be non-negative \(got -1\)"),
    ],
)
def test_bad_strategy_parameters_are_refused(build, message):
    with pytest.raises(ParameterValueError, match=message):
        build()

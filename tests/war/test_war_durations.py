"""Two-regime duration mixtures calibrated to a stated (assumed) regularity, labelled with the dataset."""

import itertools
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bargaining import ParameterValueError
from bargaining.war import ESSAY_COW, ESSAY_UCDP, DurationMixture, DurationRegularity, calibrate
from tests.strategies import fractions


@pytest.mark.parametrize("regularity", [ESSAY_COW, ESSAY_UCDP])
def test_calibration_reproduces_the_stated_regularity_and_carries_its_label(regularity):
    mixture = calibrate(regularity)
    assert mixture.survival(regularity.horizon) == pytest.approx(regularity.share_beyond, rel=1e-9)
    assert mixture.mean_beyond(regularity.horizon) == pytest.approx(regularity.mean_beyond, rel=1e-8)
    assert mixture.label.startswith(regularity.dataset) and "assumed" in mixture.label
    assert "ASSUMPTION" in regularity.note


def test_essay_regularity_most_wars_last_months_and_those_past_a_year_about_a_decade():
    """The essay's claim under the COW assumption: the median war lasts months, the survivors a decade."""
    mixture = calibrate(ESSAY_COW)
    assert 1 < mixture.median() < 12
    assert mixture.mean_beyond(12) == pytest.approx(120)
    # a Monte Carlo draw from the mixture reproduces the share and the conditional mean
    rng = np.random.default_rng(2)
    draws = 400_000
    long = rng.random(draws) >= mixture.short_weight
    durations = np.where(long, rng.exponential(mixture.long_mean, draws), rng.exponential(mixture.short_mean, draws))
    beyond = durations > 12
    assert beyond.mean() == pytest.approx(0.25, abs=0.005)
    assert durations[beyond].mean() == pytest.approx(120, rel=0.02)
    assert np.mean(durations <= mixture.median()) == pytest.approx(0.5, abs=0.005)


def test_mixture_dataset_is_labelled_with_its_dataset_definition():
    table = calibrate(ESSAY_UCDP).to_dataset(np.linspace(0, 240, 25))
    assert table.attrs["calibration"].startswith("UCDP/PRIO conflict episodes")
    assert float(table["survival"].sel(time=0)) == 1
    assert np.all(np.diff(table["hazard"].values) <= 1e-12)
    with pytest.raises(ParameterValueError, match="times must be a one-dimensional grid"):
        calibrate(ESSAY_UCDP).to_dataset([-1.0])


def test_a_calibrated_mixture_plots_in_months_and_a_model_one_in_its_own_unit():
    import matplotlib

    matplotlib.use("Agg")
    from bargaining.war import plot_durations

    months = plot_durations(calibrate(ESSAY_COW).to_dataset(np.linspace(0, 240, 25)))
    assert [axis.get_xlabel() for axis in months.axes] == ["time (months)"] * 2
    assert all(axis.get_legend() is None for axis in months.axes)  # one unnamed curve: no legend
    battles = DurationMixture(0.5, 1.0, 4.0, label="model", time_unit="battles").to_dataset([0, 1, 2])
    assert battles.attrs["time_unit"] == "battles"
    assert DurationMixture(0.5, 1.0, 4.0, label="model").to_dataset([0.0]).attrs["time_unit"] == "periods"


def test_the_dataset_definition_changes_the_tail():
    cow, ucdp = calibrate(ESSAY_COW), calibrate(ESSAY_UCDP)
    assert cow.long_mean != pytest.approx(ucdp.long_mean, rel=0.05)
    assert cow.label != ucdp.label


@given(fractions(F(1, 20), F(19, 20), 20), fractions(1, 6, 4), fractions(12, 200, 1))
def test_mixture_hazard_falls_with_time(weight, short, long_):
    """A mixture of exponentials has a decreasing hazard: wars that last are wars that will last."""
    mixture = DurationMixture(float(weight), float(short), float(long_), label="model periods")
    times = np.linspace(0, 300, 61)
    hazards = mixture.hazard(times)
    assert np.all(np.diff(hazards) <= 1e-12)
    assert hazards[-1] >= 1 / float(long_) - 1e-12


def test_exact_mixture_mean_and_array_median():
    assert DurationMixture(F(1, 2), 1, 3, label="model periods").mean() == 2
    arrays = DurationMixture(np.array([0.5, 1.0]), 1.0, 3.0, label="model periods")
    assert arrays.median()[1] == pytest.approx(np.log(2))


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: DurationRegularity("", 4, 12, 0.25, 120, "assumption"), r"dataset must be a non-empty description"),
        (lambda: DurationRegularity("COW", 4, 12, 0.25, 120, " "), r"note must be a non-empty description"),
        (lambda: DurationRegularity("COW", 0, 12, 0.25, 120, "a"), r"short_mean must be positive \(got 0\)"),
        (lambda: DurationRegularity("COW", 4, 12, 1, 120, "a"), r"share_beyond must be a share in \(0, 1\) \(got 1\)"),
        (lambda: DurationRegularity("COW", 4, 12, 0.25, 10, "a"), r"mean_beyond must be longer than the horizon"),
        (lambda: DurationMixture(F(1, 2), 3, 1, label="x"), r"long_mean must be at least short_mean"),
        (lambda: DurationMixture(F(1, 2), 1, 3, label=""), r"label must be the dataset definition"),
        (lambda: DurationMixture(F(1, 2), 1, 3, label="x", time_unit=""), r"time_unit must be the unit of time"),
        (lambda: DurationMixture(2, 1, 3, label="x"), r"short_weight must be a probability"),
        (lambda: calibrate("COW"), r"regularity must be a DurationRegularity"),
        (lambda: calibrate(DurationRegularity("COW", 30, 12, 0.9, 13, "a")), r"regularity must be a regularity some"),
    ],
)
def test_bad_duration_inputs_are_refused(build, message):
    with pytest.raises(ParameterValueError, match=message):
        build()


# ----------------------------------------------------------------- true by construction vs derived


@given(st.lists(st.tuples(fractions(F(1, 20), 1, 20), fractions(F(1, 2), 300, 2)), min_size=1, max_size=4))
def test_any_exponential_mixture_has_the_regularity_so_the_mixture_claims_are_true_by_construction(parts):
    """Barlow & Proschan (1975): ANY mixture of exponentials -- here random weights and means with
    nothing to do with wars -- has a falling hazard and a rising mean residual life. Computed directly
    from the mixture's survival (not the package), so the two mixture claims cannot fail and are
    declared as true by construction in their statements."""
    total = sum(w for w, _ in parts)
    weights = np.array([float(w / total) for w, _ in parts])
    means = np.array([float(m) for _, m in parts])
    times = np.linspace(0, 200, 41)
    survival = (weights[:, None] * np.exp(-times[None, :] / means[:, None])).sum(axis=0)
    density = (weights[:, None] * np.exp(-times[None, :] / means[:, None]) / means[:, None]).sum(axis=0)
    tail = (weights[:, None] * means[:, None] * np.exp(-times[None, :] / means[:, None])).sum(axis=0)
    assert np.all(np.diff(density / survival) <= 1e-12)
    assert np.all(np.diff(tail / survival) >= -1e-9)
    from bargaining.claims.essay.war import war_claims

    mixture_claims = [c for c in war_claims() if "two-regime mixture" in c.statement]
    assert len(mixture_claims) == 2
    assert all("TRUE BY CONSTRUCTION" in c.statement for c in mixture_claims)


def _mean_residual(survival, times, t):
    """E[T - t | T > t] = int_t^inf S / S(t), by the trapezoid rule on a fine grid (independent)."""
    mask = times >= t
    return np.trapezoid(survival[mask], times[mask]) / survival[mask][0]


def test_the_private_war_of_attrition_derives_the_regularity():
    """Bishop & Cannings (1978); Krishna & Morgan (1997): selection on private values makes the
    hazard fall and the mean residual life rise, an outcome of the model. Checked against a numeric
    differentiation and integration of the closed-form survival."""
    from bargaining.war import PrivateWarOfAttrition

    war = PrivateWarOfAttrition(1.0, 0.1)
    times = np.linspace(0.01, 200, 200_001)
    survival = war.survival(times)
    hazard = war.hazard(times[::1000])
    numeric = -np.gradient(np.log(survival), times)[::1000]
    np.testing.assert_allclose(hazard[1:-1], numeric[1:-1], rtol=1e-3)
    assert np.all(np.diff(hazard) < 0) and hazard[-1] == pytest.approx(2 * 0.1 / 1.0, rel=1e-3)
    residual = [_mean_residual(survival, times, t) for t in (0.01, 1, 5, 20)]
    assert np.all(np.diff(residual) > 0)
    # the unconditional mean is vbar / (6 c) = 5/3 (Krishna & Morgan 1997)
    grid = np.linspace(0, 200, 400_001)
    assert np.trapezoid(war.survival(grid), grid) == pytest.approx(1 / 0.6, rel=1e-3)
    with pytest.raises(ParameterValueError, match="times must be positive for the hazard"):
        war.hazard(0.0)
    escalating = PrivateWarOfAttrition(1.0, 0.1, 0.5).hazard(np.array([5.0, 10.0, 20.0]))
    assert np.all(np.diff(escalating) > 0)  # escalation overturns it: no regularity by construction
    exact = PrivateWarOfAttrition(1, F(1, 10)).hazard([1, 2])
    assert float(exact[0]) == pytest.approx(war.hazard(1.0)) and float(exact[1]) < float(exact[0])


def test_the_complete_information_war_of_attrition_has_no_regularity():
    """Hendricks, Weiss & Wilson (1988): a constant hazard a + b t with b = 0; the mean residual life
    is 1/a at every date -- a war past a year is no longer than a new one."""
    from bargaining.war import WarOfAttrition

    war = WarOfAttrition(1.0, 1.0, 0.1, 0.1)
    times = np.linspace(0, 400, 400_001)
    survival = np.asarray(war.survival(times), dtype=float)
    for t in (0, 12, 50):
        assert _mean_residual(survival, times, t) == pytest.approx(5.0, rel=1e-4)


def test_the_learning_war_derives_the_opposite_of_the_regularity():
    """Slantchev (2003); Smith & Stam (2004): a war of learning ends once beliefs converge, so the
    wars that have lasted have less, not more, to run. Exact lattice, checked against Monte Carlo."""
    from bargaining.war import LearningWar, TryAndSee, simulate_wars

    war = LearningWar(F(3, 4), F(3, 4), 2, 6, F(1, 2), F(1, 30), F(1, 30), decisive_margin=3)
    distribution = war.duration_distribution(8)
    remaining = [distribution.mean_remaining(t) for t in range(6)]
    assert remaining[0] == F(35, 8) and remaining[5] < remaining[0]
    assert any(later < earlier for earlier, later in itertools.pairwise(remaining))
    estimate = simulate_wars(war.as_float(), 8, TryAndSee(), 40_000, np.random.default_rng(5))
    ended = np.diff(np.concatenate([[0.0], estimate.ended_by, [1.0]]))  # the rest ends at H + 1
    times = np.arange(10)
    for t in (0, 2, 4):
        sampled = np.sum(ended[t + 1 :] * (times[t + 1 :] - t)) / np.sum(ended[t + 1 :])
        assert sampled == pytest.approx(float(remaining[t]), abs=0.05)
    arrays = LearningWar([0.75, 0.75], 0.75, 2.0, 6.0, 0.5, 1 / 30, 1 / 30, 3).duration_distribution(8)
    np.testing.assert_allclose(arrays.mean_remaining(2), [float(remaining[2])] * 2)
    assert distribution.mean_remaining(8) == 1  # what is left at the horizon ends with its final battle
    with pytest.raises(ParameterValueError, match="period must be at most the horizon 8"):
        distribution.mean_remaining(9)
    with pytest.raises(ParameterValueError, match="period must be a non-negative integer"):
        distribution.mean_remaining(-1)

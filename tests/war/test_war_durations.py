"""Two-regime duration mixtures calibrated to a stated (assumed) regularity, labelled with the dataset."""

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given

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

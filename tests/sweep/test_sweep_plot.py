"""Regime maps and heat maps of two-dimensional slices of a sweep."""

import json

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")

from bargaining import ParameterValueError
from bargaining.crisis import RiskReturn
from bargaining.sweep import plot_map, sweep

RESULT = sweep(
    RiskReturn,
    fixed={"target_cost_low": 0.0},
    power=np.linspace(0, 1, 21),
    target_cost_high=np.linspace(0.05, 1, 20),
    cost_coercer=[0.0, 0.2],
    progress=False,
)


def test_a_regime_map_is_saved_with_named_axes_units_and_a_legend_of_the_labels_shown(tmp_path):
    axes = plot_map(RESULT, x="power", y="target_cost_high", at={"cost_coercer": 0.19})
    path = tmp_path / "regimes.png"
    axes.figure.savefig(path)
    assert path.stat().st_size > 1000
    assert axes.get_xlabel() == "power (probability)"
    assert axes.get_ylabel() == "target_cost_high (utility (stake units))"
    assert axes.get_title() == "regime at cost_coercer = 0.2"
    shown = [text.get_text() for text in axes.get_legend().get_texts()]
    codes = np.unique(RESULT["regime"].sel(cost_coercer=0.2).values)
    assert shown == [json.loads(RESULT["regime"].attrs["labels"])[code] for code in codes]
    # the drawn colours follow the codes: each cell's colour index is its regime code
    mesh = axes.collections[0]
    assert np.array_equal(np.asarray(mesh.get_array()).reshape(20, 21), RESULT["regime"].sel(cost_coercer=0.2).values.T)


def test_a_heat_map_has_a_colour_bar_with_the_variable_and_its_units(tmp_path):
    axes = plot_map(RESULT, "war_probability", y="power", x="cost_coercer", at={"target_cost_high": 0.5})
    colour_bar = axes.figure.axes[-1]
    assert colour_bar.get_ylabel() == "war_probability (probability)"
    assert axes.get_xlabel() == "cost_coercer (utility (stake units))"
    axes.figure.savefig(tmp_path / "heat.png")


def test_defaults_take_the_first_two_dimensions_and_draw_on_given_axes():
    import matplotlib.pyplot as plt

    _, given = plt.subplots()
    two = RESULT.sel(cost_coercer=0.0).drop_vars("cost_coercer").copy()
    two = two.assign(demand=two["demand"].assign_attrs({}))
    axes = plot_map(two, "demand", ax=given)
    assert axes is given
    assert (axes.get_xlabel(), axes.get_ylabel(), axes.get_title()) == (
        "power (probability)", "target_cost_high (utility (stake units))", "demand"
    )


@pytest.mark.parametrize(
    ("variable", "options", "message"),
    [
        ("peace", {}, "variable must be a variable of the sweep (demand, war_probability, coercer_utility, regime) (got the string 'peace')"),
        ("demand", {"x": "speed", "at": {}}, "x must be a dimension of demand (power, target_cost_high, cost_coercer) (got the string 'speed')"),
        ("demand", {"x": "power", "y": "power"}, "y must be a dimension other than x (got the string 'power')"),
        ("demand", {"x": "power", "y": "cost_coercer"}, "at must be a value for each other dimension (target_cost_high) (got [])"),
        ("demand", {"x": "power", "y": "cost_coercer", "at": {"target_cost_high": 1, "power": 1}},
         "at must be a value for each other dimension (target_cost_high) (got ['power', 'target_cost_high'])"),
    ],
)
def test_bad_slices_are_refused(variable, options, message):
    with pytest.raises(ParameterValueError) as raised:
        plot_map(RESULT, variable, **options)
    assert str(raised.value) == message


def test_a_one_dimensional_sweep_has_no_map():
    line = sweep(RiskReturn, fixed={"cost_coercer": 0.1, "target_cost_low": 0.0, "target_cost_high": 0.4},
                 power=[0.1, 0.2], progress=False)
    with pytest.raises(ParameterValueError, match="variable must be a variable of two or more dimensions"):
        plot_map(line, "demand")

"""The explorer of notebook (b): its pure state function and its widgets, tested without a browser."""

import subprocess
import sys
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bargaining import ParameterTypeError, ParameterValueError
from bargaining.coercion import ResolveSignalling, Ultimatum
from bargaining.explore import SLIDERS, Explorer, exact, explorer, explorer_state, plot_state

JANUARY = dict(threat=F(1, 2))  # the loss scale of the January 2025 threat (bargaining.coercion docstring)


def _hand_solution(demand, vagueness, carrot, audience_cost, threat=1):
    """The uniform-resolve ultimatum solved by hand from the module docstring's formulas (a target
    that pays nothing for waiting complies at the deadline, where the discount cancels)."""
    credibility = min(max((F(1, 4) + audience_cost) / (F(1, 4) + 1), 0), 1)
    leverage = credibility * threat
    need = demand + vagueness - carrot
    comply = min(max((leverage - need) / leverage, 0), 1) if leverage > 0 else F(int(need <= 0))
    return comply, credibility * (1 - comply), (1 - credibility) * (1 - comply), credibility


# ---------------------------------------------------------------- worked example from the essay


def test_the_january_2025_threat_made_specific_reproduces_the_coercion_docstring():
    # George (1991) applied to the January 2025 threat: bargaining/coercion/__init__.py.
    state = explorer_state(F(1, 5), 0, 0, F(1, 2), **JANUARY)
    assert (state.compliance_probability, state.threat_executed_probability) == (F(1, 3), F(2, 5))
    assert state.credibility == F(3, 5)
    assert state.back_down_probability == 1 - F(1, 3) - F(2, 5)


# ---------------------------------------------------------------- the state against the model


amounts = st.fractions(min_value=0, max_value=F(1, 2), max_denominator=20)
demands = st.fractions(min_value=0, max_value=1, max_denominator=20)
audience = st.fractions(min_value=0, max_value=F(3, 2), max_denominator=20)


# Each state solves the exact 40-profile signalling game at the point (about 0.4 s): fewer examples
# than the ci profile's 60 keep this file near 30 s; the ultimatum itself is property-tested in tests/coercion.
@settings(max_examples=20)
@given(demands, amounts, amounts, audience)
def test_state_numbers_equal_the_hand_solution(demand, vagueness, carrot, audience_cost):
    state = explorer_state(demand, vagueness, carrot, audience_cost, resolution=3)
    expected = _hand_solution(demand, vagueness, carrot, audience_cost)
    assert (
        state.compliance_probability,
        state.threat_executed_probability,
        state.back_down_probability,
        state.credibility,
    ) == expected
    assert isinstance(state.compliance_probability, F)


@settings(max_examples=12)
@given(demands, amounts, amounts, audience, amounts)
def test_getting_specific_and_adding_a_carrot_never_lower_compliance(
    demand, vagueness, carrot, audience_cost, step
):
    base = explorer_state(demand, vagueness, carrot, audience_cost, resolution=3).compliance_probability
    vaguer = explorer_state(demand, vagueness + step, carrot, audience_cost, resolution=3)
    sweeter = explorer_state(demand, vagueness, carrot + step, audience_cost, resolution=3)
    assert vaguer.compliance_probability <= base <= sweeter.compliance_probability


def test_curves_pass_through_the_current_point_and_move_as_the_theory_says():
    state = explorer_state(F(1, 5), F(1, 10), F(1, 10), F(1, 2), resolution=11)
    index_vagueness = int(np.argmin(abs(state.vagueness_values - 0.1)))
    index_carrot = int(np.argmin(abs(state.carrot_values - 0.1)))
    assert state.compliance_by_vagueness[index_vagueness] == pytest.approx(
        float(state.compliance_probability)
    )
    assert state.executed_by_carrot[index_carrot] == pytest.approx(float(state.threat_executed_probability))
    assert np.all(np.diff(state.compliance_by_vagueness) <= 1e-12)
    assert np.all(np.diff(state.compliance_by_carrot) >= -1e-12)
    assert state.compliance_by_carrot[-1] > state.compliance_by_carrot[0]


def test_regime_map_agrees_with_the_signalling_game_point_by_point():
    state = explorer_state(F(2, 5), 0, F(1, 4), F(3, 4), risk=F(3, 10), resolution=7)
    assert state.regimes.shape == (7, 7)
    assert state.audience_costs[-1] == SLIDERS["audience_cost"][2]
    for i in (0, 3, 6):
        for j in (0, 2, 5):
            game = ResolveSignalling(
                F(2, 5),
                exact(state.audience_costs[j]),
                exact(state.carrots[i]),
                F(1, 2),
                F(-1, 10),
                F(-3, 5),
                risk=F(3, 10),
            )
            assert state.regimes[i, j] == game.regime(detail=False)
    # the current point (3/4, 1/4) is on the grid: the map and the point agree
    assert state.regimes[3, 3] == state.signalling_regime


def test_state_arrays_are_read_only_and_states_compare_by_their_numbers():
    first = explorer_state(F(1, 5), 0, 0, F(1, 2), resolution=3)
    second = explorer_state(F(1, 5), 0, 0, F(1, 2), resolution=5)
    assert first == second
    with pytest.raises(ValueError, match="read-only"):
        first.regimes[0, 0] = "x"


def test_float_inputs_give_float_answers():
    state = explorer_state(0.2, 0.0, 0.0, 0.5, threat=0.5, resolution=3)
    assert state.compliance_probability == pytest.approx(1 / 3)
    assert "<b>0.333</b>" in state.readout() and "≈" not in state.readout()


def test_readout_shows_exact_and_decimal_values_and_whole_numbers_plainly():
    readout = explorer_state(F(1, 5), 0, 0, F(1, 2), **JANUARY, resolution=3).readout()
    assert "1/3 ≈ 0.333" in readout and "2/5 ≈ 0.400" in readout
    assert "<td><b>1</b></td>" in explorer_state(0, 0, F(1, 2), 1, resolution=3).readout()


# ---------------------------------------------------------------- the figure


def test_plot_marks_the_current_point_and_names_every_regime():
    state = explorer_state(F(1, 5), F(1, 10), F(1, 5), F(1, 2), risk=F(3, 10), resolution=9)
    figure = plot_state(state)
    regime_axes = figure.axes[2]
    (marker,) = regime_axes.lines
    assert (marker.get_xdata()[0], marker.get_ydata()[0]) == (0.5, 0.2)
    (legend,) = figure.legends
    assert sorted(text.get_text() for text in legend.get_texts()) == sorted(set(state.regimes.ravel()))
    vagueness_line = figure.axes[0].lines[2]  # the current vagueness, dotted
    assert vagueness_line.get_xdata()[0] == pytest.approx(0.1)


# ---------------------------------------------------------------- the widgets, headless


def test_moving_the_sliders_updates_the_numbers_the_way_the_model_says():
    view = explorer(resolution=5)
    assert isinstance(view, Explorer)
    first_image = view.image.value
    assert view.state.compliance_probability == 0  # the vague threat of the default: nobody complies
    view.sliders["vagueness"].value = 0.0  # get specific: the condition is named
    specific = Ultimatum(
        F(1, 5), audience_cost=F(1, 10), threat=1, deadline=1, execution_high=F(1, 4)
    ).outcome()
    assert view.state.compliance_probability == specific.compliance_probability == F(2, 7)
    assert "2/7 ≈ 0.286" in view.readout.value
    assert view.image.value != first_image
    view.sliders["audience_cost"].value = 1.0  # commit publicly: always executes
    assert (
        view.state.credibility == 1
        and "credibility P(execute | resist)</td><td><b>1</b>" in view.readout.value
    )
    view.sliders["carrot"].value = 0.3  # a carrot bigger than the demand: everyone complies
    assert view.state.compliance_probability == 1 and view.state.threat_executed_probability == 0
    view.sliders["demand"].value = 0.6
    expected = _hand_solution(F(3, 5), 0, F(3, 10), 1)
    assert (view.state.compliance_probability, view.state.threat_executed_probability) == expected[:2]
    assert f"{expected[0]}" in view.readout.value


def test_slider_float_noise_is_read_as_the_decimal_shown():
    view = explorer(resolution=3)
    view.sliders["carrot"].value = 0.1 + 0.2
    assert view.state.carrot == F(3, 10)


def test_the_map_follows_demand_and_vagueness_and_the_regime_follows_the_point():
    view = explorer(resolution=5, risk=F(3, 10))
    before = view.state.regimes
    view.sliders["demand"].value = 0.6
    assert not np.array_equal(before, view.state.regimes)
    view.sliders["audience_cost"].value = 1.5
    view.sliders["carrot"].value = 0.5
    assert view.state.signalling_regime == view.state.regimes[-1, -1]


def test_update_can_be_called_directly_and_the_explorer_displays_as_its_box():
    view = explorer(demand=F(1, 2), vagueness=0, carrot=0, audience_cost=F(1, 2), resolution=3)
    assert view.update() == explorer_state(F(1, 2), 0, 0, F(1, 2), resolution=3)
    bundle = view._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == view.widget.model_id
    assert {slider.description for slider in view.sliders.values()} == {
        label for label, *_ in SLIDERS.values()
    }


# ---------------------------------------------------------------- bad inputs


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (
            lambda: explorer_state(F(6, 5), 0, 0, 0),
            ParameterValueError,
            r"demand must be in \[0, 1\] \(got 6/5\)",
        ),
        (
            lambda: explorer_state(F(1, 5), -1, 0, 0),
            ParameterValueError,
            r"vagueness must be non-negative \(got -1\)",
        ),
        (
            lambda: explorer_state(F(1, 5), 0, 0, 0, resolution=1),
            ParameterValueError,
            r"resolution must be between 2 and 201 grid points \(got 1\)",
        ),
        (
            lambda: explorer_state(F(1, 5), 0, 0, 0, resolution=2.5),
            ParameterTypeError,
            r"resolution must be a whole number of grid points \(got float 2.5\)",
        ),
        (
            lambda: explorer_state(F(1, 5), 0, 0, 0, resolution=True),
            ParameterTypeError,
            r"resolution must be",
        ),
        (
            lambda: explorer_state(np.array([0.1, 0.2]), 0, 0, 0),
            ParameterTypeError,
            r"demand must be numbers \(one setting of the sliders\)",
        ),
        (
            lambda: explorer_state(F(1, 5), 0, 0, 0, prior_resolute=2),
            ParameterValueError,
            r"prior_resolute must be a probability in \[0, 1\] \(got 2\)",
        ),
        (
            lambda: exact("0.3"),
            ParameterTypeError,
            r"value must be a real number \(got str the string '0.3'\)",
        ),
        (lambda: exact(float("nan")), ParameterValueError, r"value must be a finite number \(got nan\)"),
        (
            lambda: explorer(audience_cost=2),
            ParameterValueError,
            r"audience_cost must be within the slider's range \[0.0, 1.5\] \(got 2\)",
        ),
        (
            lambda: explorer(carrot=F(-1, 10)),
            ParameterValueError,
            r"carrot must be within the slider's range",
        ),
    ],
)
def test_bad_inputs_are_refused_with_the_field_the_requirement_and_the_value(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_importing_the_explorer_loads_neither_widgets_nor_plotting():
    script = "import sys, bargaining.explore; print(sorted({m.split('.')[0] for m in sys.modules}))"
    loaded = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    for heavy in ("ipywidgets", "matplotlib", "sympy", "scipy"):
        assert f"'{heavy}'" not in loaded

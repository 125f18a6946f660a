"""The plan of a sweep: validation, chunking, the key, and one vectorised call per chunk."""

import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bargaining import ParameterTypeError, ParameterValueError
from bargaining.crisis import Crisis, RiskReturn
from bargaining.sweep import Metadata, SweepError, Variable, make_plan, metadata_for
from bargaining.sweep.plan import DEFAULT_CHUNK_POINTS, SLAB_POINTS
from tests.strategies import costs, fractions, probabilities
from tests.sweep.sweep_models import Counted, Labelled, Strange

RISK_FIXED = {"cost_coercer": 0.1, "target_cost_low": 0.0}


def risk_plan(chunks=None, **axes):
    axes = axes or {"power": np.linspace(0, 1, 7), "target_cost_high": np.linspace(0.1, 1, 5)}
    return make_plan(RiskReturn, "solve", RISK_FIXED, axes, chunks)


@given(
    power=st.lists(probabilities, min_size=1, max_size=4),
    cost=costs,
    low=costs,
    widths=st.lists(fractions(Fraction(1, 60), 1), min_size=1, max_size=3),
)
def test_every_point_of_a_chunk_equals_the_exact_model_at_that_point(power, cost, low, widths):
    """The independent oracle: the model solved point by point (exact values, float labels)."""
    high = [low + width for width in widths]
    plan = make_plan(
        RiskReturn,
        "solve",
        {"cost_coercer": cost, "target_cost_low": low},
        {"power": [float(p) for p in power], "target_cost_high": [float(h) for h in high]},
        {"power": 2},
    )
    labels = plan.variables["regime"].labels
    for block in plan.blocks():
        region = plan.region(block)
        outputs = plan.evaluate(block)
        for i, p in enumerate(power[region[0]]):
            for j, h in enumerate(high[region[1]]):
                exact = RiskReturn(p, cost, low, h).solve()
                assert outputs["demand"][i, j] == pytest.approx(float(exact.demand), abs=1e-12)
                assert outputs["war_probability"][i, j] == pytest.approx(float(exact.war_probability), abs=1e-12)
                assert outputs["coercer_utility"][i, j] == pytest.approx(float(exact.coercer_utility), abs=1e-12)
                # on a regime boundary the float tie may break either way: label as the float model does
                floating = RiskReturn(float(p), float(cost), float(low), float(h)).solve()
                assert labels[outputs["regime"][i, j]] == floating.regime


def test_a_chunk_is_a_few_vectorised_calls_of_cache_sized_slabs_never_a_loop_per_point():
    plan = make_plan(Counted, "solve", {}, {"x": np.arange(1000.0), "y": np.arange(300.0)}, {"x": 500})
    Counted.calls.clear()
    outputs = [plan.evaluate(block) for block in plan.blocks()]
    # each chunk of 150,000 points is computed in slabs of whole rows of at most SLAB_POINTS points
    rows = SLAB_POINTS // 300
    per_chunk = [rows * 300] * (500 // rows) + ([500 % rows * 300] if 500 % rows else [])
    assert Counted.calls == per_chunk * 2 and max(Counted.calls) <= SLAB_POINTS
    assert np.array_equal(np.concatenate([o["solve"] for o in outputs]), 2 * np.arange(1000.0)[:, None] + np.arange(300.0))


@given(
    st.lists(st.integers(1, 9), min_size=1, max_size=4),
    st.integers(1, 200),
)
def test_slabs_cover_a_chunk_exactly_once_within_the_budget(shape, budget):
    from bargaining.sweep.plan import _slabs

    covered = np.zeros(shape, dtype=int)
    for slab in _slabs(tuple(shape), budget):
        assert math.prod(part.stop - part.start for part in slab) <= budget
        covered[slab] += 1
    assert np.all(covered == 1)


def test_slabbed_and_whole_chunks_give_identical_results(monkeypatch):
    import bargaining.sweep.plan as plan_module

    axes = {"power": np.linspace(0, 1, 37), "target_cost_high": np.linspace(0.05, 1, 23), "cost_coercer": np.linspace(0, 0.3, 5)}
    plan = make_plan(RiskReturn, "solve", {"target_cost_low": 0.0}, axes, None)
    whole = plan.evaluate((0, 0, 0))
    monkeypatch.setattr(plan_module, "SLAB_POINTS", 17)
    slabbed = plan.evaluate((0, 0, 0))
    for name in whole:
        assert np.array_equal(whole[name], slabbed[name])


@pytest.mark.parametrize(
    ("shape", "budget", "expected"),
    [
        ((10, 20, 30), 600, (1, 20, 30)),
        ((10, 20, 30), 1000, (1, 20, 30)),
        ((10, 20, 30), 1200, (2, 20, 30)),
        ((10, 20, 30), 7, (1, 1, 7)),
        ((10, 20, 30), 10**6, (10, 20, 30)),
        ((4,), 3, (3,)),
    ],
)
def test_automatic_chunks_are_contiguous_blocks_within_the_budget(shape, budget, expected):
    names = ["x", "y", "z"][: len(shape)]
    plan = make_plan(Counted, "solve", {}, {n: np.arange(float(k)) for n, k in zip(names, shape)}, budget)
    assert plan.chunk_shape == expected
    assert np.prod(plan.chunk_shape) <= budget


def test_default_chunks_hold_about_a_million_points():
    plan = risk_plan(power=np.linspace(0, 1, 2000), target_cost_high=np.linspace(0.1, 1, 2000))
    assert plan.chunk_shape == (DEFAULT_CHUNK_POINTS // 2000, 2000)
    assert sum(1 for _ in plan.blocks()) == -(-2000 // (DEFAULT_CHUNK_POINTS // 2000))


def test_chunks_cover_the_grid_exactly_once():
    plan = risk_plan(chunks={"power": 3, "target_cost_high": 2})
    seen = np.zeros(plan.shape, dtype=int)
    for block in plan.blocks():
        seen[plan.region(block)] += 1
    assert plan.block_counts == (3, 3) and np.all(seen == 1)


def test_the_key_changes_with_anything_that_changes_the_result():
    base = risk_plan()
    assert risk_plan().key == base.key
    assert risk_plan(chunks=4).key != base.key
    assert risk_plan(power=np.linspace(0, 1, 7) * (1 - 1e-15), target_cost_high=np.linspace(0.1, 1, 5)).key != base.key
    other = make_plan(RiskReturn, "solve", {**RISK_FIXED, "cost_coercer": 0.2}, dict(zip(base.dims, base.axes.values())), None)
    assert other.key != base.key


def test_probe_finds_labels_beyond_the_metadata_and_keeps_the_declared_order():
    plan = make_plan(Labelled, "solve", {"y": 0.5}, {"x": np.linspace(0, 1, 11)}, None)
    assert plan.variables["regime"].labels == ("high", "low")
    assert plan.variables["positive"].dtype == "bool"
    assert plan.variables["regime"].attrs["flag_meanings"] == "high low"
    declared = make_plan(RiskReturn, "solve", RISK_FIXED, {"power": [0.5], "target_cost_high": [0.4]}, None)
    assert declared.variables["regime"].labels == ("safe", "interior", "capped")


def test_a_label_never_met_on_the_probe_nor_declared_is_refused_by_name():
    plan = make_plan(Labelled, "solve", {}, {"x": np.arange(100) / 100}, 10)
    plan.evaluate((1,))  # x = 0.10 ... 0.19: known labels only
    with pytest.raises(SweepError, match=r"regime took the label\(s\) \['extra'\].*Metadata.regimes"):
        plan.evaluate((0,))


def test_models_declare_metadata_by_class_attribute_or_the_package_mapping():
    assert metadata_for(RiskReturn, "solve").variables["demand"].units == "share of the stake"
    undeclared = metadata_for(Crisis, "solve")  # no entry: no outputs, no regimes, the declared parameters
    assert (undeclared.variables, undeclared.regimes) == ({}, ())
    assert undeclared.parameters["power"] == Variable("the coercer's probability of winning a war", "probability")

    class Declared:
        sweep_metadata = Metadata(regimes=("a",))

    assert metadata_for(Declared, "anything").regimes == ("a",)


def test_axis_values_and_fixed_values_are_recorded_canonically():
    plan = make_plan(RiskReturn, "solve", {"cost_coercer": Fraction(1, 10), "target_cost_low": 0},
                     {"power": range(2), "target_cost_high": (0.5,)}, None)
    assert plan.attrs()["fixed"] == '{"cost_coercer": "1/10", "target_cost_low": "0"}'
    assert plan.axes["power"].dtype == np.float64


@pytest.mark.parametrize(
    ("model", "method", "fixed", "axes", "chunks", "error", "message"),
    [
        ("RiskReturn", "solve", {}, {"power": [0.5]}, None, ParameterTypeError,
         "model must be a model class (such as bargaining.crisis.RiskReturn) (got str the string 'RiskReturn')"),
        (RiskReturn, "fly", {}, {"power": [0.5]}, None, ParameterValueError,
         "method must be the name of a public method of RiskReturn (got the string 'fly')"),
        (RiskReturn, "solve", RISK_FIXED, {}, None, ParameterValueError,
         "axes must be at least one axis given as name=values (got none)"),
        (RiskReturn, "solve", RISK_FIXED, {"power": "0:1:3", "target_cost_high": [1]}, None, ParameterTypeError,
         "power must be a 1-D array, list or range of numbers (an axis) (got str the string '0:1:3')"),
        (RiskReturn, "solve", RISK_FIXED, {"power": 0.5, "target_cost_high": [1]}, None, ParameterTypeError,
         "power must be a 1-D array, list or range of numbers (an axis) (got float 0.5)"),
        (RiskReturn, "solve", RISK_FIXED, {"power": ["a"], "target_cost_high": [1]}, None, ParameterTypeError,
         "power must be an axis of real numbers (got list ['a'])"),
        (RiskReturn, "solve", RISK_FIXED, {"power": [True], "target_cost_high": [1]}, None, ParameterTypeError,
         "power must be an axis of real numbers (got list [True])"),
        (RiskReturn, "solve", RISK_FIXED, {"power": [], "target_cost_high": [1]}, None, ParameterValueError,
         "power must be a non-empty 1-D axis (got shape (0,))"),
        (RiskReturn, "solve", RISK_FIXED, {"power": [[0.5]], "target_cost_high": [1]}, None, ParameterValueError,
         "power must be a non-empty 1-D axis (got shape (1, 1))"),
        (RiskReturn, "solve", RISK_FIXED, {"power": [0.5, np.nan], "target_cost_high": [1]}, None,
         ParameterValueError, "power must be finite (got nan at index 1)"),
        (RiskReturn, "solve", RISK_FIXED, {"power": [0.5], "resolve": [1]}, None, ParameterValueError,
         "resolve must be a parameter of RiskReturn (power, cost_coercer, target_cost_low, target_cost_high) (got unknown)"),
        (RiskReturn, "solve", {"cost_coercer": 0.1}, {"power": [0.5]}, None, ParameterValueError,
         "target_cost_low, target_cost_high must be given, as an axis or a fixed value (got missing)"),
        (RiskReturn, "solve", {**RISK_FIXED, "power": 0.5}, {"power": [0.5], "target_cost_high": [1]}, None,
         ParameterValueError, "power must be either fixed or an axis, not both (got 0.5)"),
        (RiskReturn, "solve", {**RISK_FIXED, "target_cost_high": "1"}, {"power": [0.5]}, None,
         ParameterTypeError, "target_cost_high must be a real number, Fraction, sympy expression or numeric array (got str the string '1')"),
        (RiskReturn, "solve", {**RISK_FIXED, "target_cost_high": float("inf")}, {"power": [0.5]}, None,
         ParameterValueError, "target_cost_high must be finite (got inf)"),
        (RiskReturn, "solve", RISK_FIXED, {"power": [0.5], "target_cost_high": [1]}, 0, ParameterValueError,
         "chunks must be a positive number of points or a mapping axis -> size (got 0)"),
        (RiskReturn, "solve", RISK_FIXED, {"power": [0.5], "target_cost_high": [1]}, {"power": 1.5},
         ParameterValueError, "chunks['power'] must be a positive integer (got 1.5)"),
        (RiskReturn, "solve", RISK_FIXED, {"power": [0.5], "target_cost_high": [1]}, {"speed": 1},
         ParameterValueError, "chunks must be keyed by axis names (power, target_cost_high) (got the string 'speed')"),
        (RiskReturn, "solve", RISK_FIXED, {"power": [0.5, 1.5], "target_cost_high": [1]}, None,
         ParameterValueError, "power must be a probability in [0, 1] (got 1.5 at index (1, 0))"),
    ],
)
def test_bad_arguments_are_refused_with_the_field_the_requirement_and_the_value(
    model, method, fixed, axes, chunks, error, message
):
    with pytest.raises(error) as raised:
        make_plan(model, method, fixed, axes, chunks)
    assert str(raised.value) == message


def test_a_solver_returning_what_a_sweep_cannot_store_is_refused():
    with pytest.raises(SweepError, match=r"Strange.solve returned value of dtype object"):
        make_plan(Strange, "solve", {}, {"x": [1.0]}, None)
    with pytest.raises(SweepError, match=r"Strange.tuple returned tuple: a sweep needs a dataclass"):
        make_plan(Strange, "tuple", {}, {"x": [1.0]}, None)


def test_fixed_options_that_are_not_numbers_reach_the_model():
    """A deadline never fixed (None) is a legitimate fixed value; the model decides."""
    from bargaining.sweep import sweep

    result = sweep("ultimatum", "outcome", fixed={"demand": 0.2, "threat": 0.5, "execution_low": -1.0,
                                                  "execution_high": 0.25, "deadline": None, "urgency": 0.1},
                   audience_cost=[0.1, 0.5], progress=False)
    np.testing.assert_allclose(result["threat_executed_probability"].values, [0.28, 0.6])
    assert '"deadline": "None"' in result.attrs["fixed"]


def test_regime_codes_are_translated_to_the_plan_table_and_unknown_ones_refused():
    from bargaining.core.values import RegimeCodes
    from bargaining.sweep.plan import _encode

    coded = RegimeCodes(np.array([[0, 1], [1, 0]], dtype=np.int8), ("interior", "safe", "never seen"))
    table = ("safe", "interior", "capped")
    assert _encode("regime", coded, table).tolist() == [[1, 0], [0, 1]]  # a name absent from the chunk is fine
    with pytest.raises(SweepError, match=r"regime took the label\(s\) \['never seen'\]"):
        _encode("regime", RegimeCodes(np.array([2, 0], dtype=np.int8), coded.names), table)
    # the string path gives the same codes
    assert _encode("regime", coded.labels(), table).tolist() == [[1, 0], [0, 1]]

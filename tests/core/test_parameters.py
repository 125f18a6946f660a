"""Each parameter is declared once, on its field, and everything else is derived from it.

These tests hold the promise of ``bargaining.core.parameters``: every field of every model is
declared (a parameter with a domain, or a setting); the fast path for plain numbers accepts and
refuses exactly what the general path does, and gives the same values; and the sweep metadata,
the scenario schema, the specifications' symbols and the docs' parameter tables are the
declarations, not copies of them.
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib.util
import math
import pkgutil
from fractions import Fraction as F
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import bargaining
from bargaining.commitment import PowerPath, PowerShift
from bargaining.core.derived import symbols, table, variables
from bargaining.core.errors import BargainingError, ParameterTypeError, ParameterValueError
from bargaining.core.model import settle
from bargaining.core.parameters import (
    NONNEGATIVE,
    PROBABILITY,
    Domain,
    Parameter,
    Setting,
    checks_of,
    declarations,
    declared,
    fast_of,
    parameter,
    plan_of,
    setting,
)
from bargaining.crisis import Crisis, RiskReturn, Screening
from bargaining.solutions import AlternatingOffers

MODEL_SECTIONS = ("solutions", "crisis", "commitment", "coercion", "war", "games", "coercive_game")


def _model_classes() -> list[type]:
    """Every dataclass of the model sections that settles a kind (a ``kind`` field set in ``__post_init__``)."""
    found = []
    for section in MODEL_SECTIONS:
        package = importlib.import_module(f"bargaining.{section}")
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"bargaining.{section}.{info.name}")
            for obj in vars(module).values():
                if isinstance(obj, type) and obj.__module__ == module.__name__ and dataclasses.is_dataclass(obj):
                    fields = {f.name: f for f in dataclasses.fields(obj)}
                    if "kind" in fields and not fields["kind"].init:
                        found.append(obj)
    return found


MODELS = _model_classes()


def test_the_model_classes_are_found():
    names = {model.__name__ for model in MODELS}
    assert {"RiskReturn", "Screening", "Ultimatum", "CoerciveGame", "LearningWar", "PowerPath"} <= names
    assert len(MODELS) >= 30


@pytest.mark.parametrize("model", MODELS, ids=lambda model: f"{model.__module__}.{model.__name__}")
def test_every_field_of_every_model_is_declared(model):
    init = [f.name for f in dataclasses.fields(model) if f.init]
    declared_fields = declarations(model)
    assert [name for name in init if name not in declared_fields] == []
    for name, item in declared_fields.items():
        assert item.meaning, name
        assert item.meaning[0].islower() or item.meaning.startswith(("'", "Schelling")), (name, item.meaning)
        assert "\\" not in item.meaning and ":math:" not in item.meaning, (name, item.meaning)
    plan_of(model)  # an ordered pair names a declared parameter, or the plan is refused


def test_an_ordered_pair_must_name_a_declared_parameter():
    @dataclasses.dataclass(frozen=True, slots=True)
    @declared
    class Broken:
        high: object = parameter(NONNEGATIVE, "the upper end", above="low")
        kind: str = dataclasses.field(init=False, repr=False, compare=False)

    with pytest.raises(TypeError, match="above='low' is not a declared parameter"):
        Broken(1)


def test_settings_are_kept_as_given_and_a_model_may_settle_itself():
    @dataclasses.dataclass(frozen=True, slots=True)
    @declared(settle=False)
    class Manual:
        power: object = parameter(PROBABILITY, "a chance")
        name: str = setting("a name", default="x")

    assert isinstance(declarations(Manual)["name"], Setting)
    assert Manual(2).power == 2  # not settled: the model does it itself, with checks_of
    assert list(checks_of(Manual)) == ["power"]


def test_a_check_that_is_not_an_interval_runs_on_both_paths():
    def even_tenths(name, value):
        if np.any(np.asarray(value * 10) % 2 != 0):
            raise ParameterValueError(name, "an even number of tenths", value)

    @dataclasses.dataclass(frozen=True, slots=True)
    @declared
    class Tenths:
        share: object = parameter(PROBABILITY, "a share", check=even_tenths)
        kind: str = dataclasses.field(init=False, repr=False, compare=False)

    assert Tenths(F(2, 10)).share == F(1, 5) and Tenths(0.4).kind == "float"
    with pytest.raises(ParameterValueError, match=r"share must be an even number of tenths \(got 3/10\)"):
        Tenths(F(3, 10))  # refused on the fast path, named by the general one
    assert Tenths(np.array([0.2, 0.4])).kind == "array"


# --------------------------------------------------------------------------- fast path = general path

NUMBERS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True, width=64),
    st.integers(-3, 3),
    st.sampled_from([10**4301, -(10**4301), F(1, 10**4301)]),  # beyond the exact-size limit
    st.fractions(F(-3), F(3), max_denominator=50),
    st.sampled_from([0.0, 1.0, 0.5, -0.0, 1e308, 2.0**-1074, 10**400]),
)


_WIDE = Domain("wide", "in [-2, 3]", -2, 3)
_FINE = Domain("fine", "in (1/3, 5/2]", F(1, 3), F(5, 2), lower_open=True)


@dataclasses.dataclass(frozen=True, slots=True)
@declared
class _Bounds:
    """Integer bounds other than 0 and 1 (read in integers on the exact fast path), Fraction
    bounds, a pair left at ordered defaults and a pair whose defaults are out of order."""

    wide: object = parameter(_WIDE, "a wide number", default=-1)
    fine: object = parameter(_FINE, "a fine number", default=F(1, 2))
    low: object = parameter(_WIDE, "the low end of a pair", default=0)
    high: object = parameter(_WIDE, "the high end of a pair", default=2, above="low")
    under: object = parameter(_WIDE, "the low end of a pair out of order", default=1)
    over: object = parameter(_WIDE, "the high end of a pair out of order", default=0, above="under", strict=False)
    kind: str = dataclasses.field(init=False, repr=False, compare=False)


def _outcome(model, values):
    """What the model does with these values: the normalised fields and kind, or the error."""
    try:
        built = model(*values)
    except BargainingError as error:
        return type(error).__name__, str(error)
    names = list(declarations(model))
    return tuple((getattr(built, n), type(getattr(built, n))) for n in names), built.kind


def _general(model, values):
    """The same values through the general path only (the engine, core.model.settle, and the pairs)."""
    instance = object.__new__(model)
    names = list(declarations(model))
    for name, value in zip(names, values):
        object.__setattr__(instance, name, value)
    try:
        settle(instance, checks_of(model))
        for low, _, high, _, strict in plan_of(model).orders:
            from bargaining.core.values import check_order

            check_order(low, getattr(instance, low), high, getattr(instance, high), strict=strict)
    except BargainingError as error:
        return type(error).__name__, str(error)
    return tuple((getattr(instance, n), type(getattr(instance, n))) for n in names), instance.kind


def _same(first, second):
    if first[0] in ("ParameterValueError", "ParameterTypeError") or second[0] in (
        "ParameterValueError",
        "ParameterTypeError",
    ):
        return first == second
    (values, kind), (other, other_kind) = first, second
    return kind == other_kind and all(
        type_a is type_b and (a == b or (isinstance(a, float) and math.isnan(a) and math.isnan(b)))
        for (a, type_a), (b, type_b) in zip(values, other)
    )


@pytest.mark.parametrize("model", [RiskReturn, Screening, Crisis, _Bounds])
@given(data=st.data())
def test_the_fast_path_accepts_refuses_and_converts_as_the_general_path(model, data):
    values = [data.draw(NUMBERS) for _ in declarations(model)]
    if model is Screening and data.draw(st.booleans()):
        values[3] = values[2]  # the ordered pair at its edge: equal ends are refused
    assert _same(_outcome(model, values), _general(model, values))


def test_the_general_path_names_the_value_as_given():
    with pytest.raises(ParameterValueError, match=r"power must be a probability in \[0, 1\] \(got 2\)"):
        RiskReturn(2, 0.1, 0.0, 0.4)
    with pytest.raises(ParameterValueError, match=r"cost_soft must be greater than cost_tough = 0\.3"):
        Screening(0.5, 0.1, 0.3, 0.1, 0.2)


def test_screening_with_arrays_refuses_a_soft_cost_below_the_tough_one():
    """The drift issue 18 found: arrays with cost_soft < cost_tough gave a cutoff of -1."""
    with pytest.raises(ParameterValueError, match=r"cost_soft must be greater than cost_tough \(0.3 there\)"):
        Screening(0.5, 0.1, np.array([0.1, 0.3]), np.array([0.2, 0.1]), 0.2)
    cutoff = Screening(0.5, 0.1, np.array([0.1, 0.2]), np.array([0.3, 0.3]), 0.2).solve().cutoff
    assert np.all((cutoff >= 0) & (cutoff <= 1))


# --------------------------------------------------------------------------- what is derived


def test_the_sweep_metadata_is_the_declarations():
    from bargaining.solutions import AlternatingOffers
    from bargaining.sweep import METADATA, metadata_for

    for (path, _), entry in METADATA.items():
        assert entry.parameters == {}, f"{path} declares its parameters on its fields, not in METADATA"
    for model in (RiskReturn, Screening, AlternatingOffers):
        derived = metadata_for(model, "solve").parameters
        assert {name: (v.description, v.units) for name, v in derived.items()} == variables(model)


def test_the_scenario_schema_is_the_declarations_where_it_feeds_a_model():
    from bargaining.coercion import Ultimatum
    from bargaining.scenarios import FIELDS

    derived = [(section, key, field) for section, keys in FIELDS.items() for key, field in keys.items() if field.bounds]
    assert len(derived) >= 30
    assert FIELDS["ultimatum"]["demand"].meaning == declarations(Ultimatum)["demand"].meaning
    assert FIELDS["crisis"]["target_cost_high"].bounds is declarations(RiskReturn)["target_cost_high"].domain
    trust = FIELDS["commitment"]["trust_prior"]  # (0, 1], not [0, 1]: the model's domain, not a copy
    assert not trust.admits(F(0)) and trust.admits(F(1)) and "(0, 1]" in trust.requirement


def test_the_symbols_carry_the_assumptions_of_the_domains():
    from bargaining.crisis.specification import symbols as crisis_symbols
    from bargaining.war.specification import symbols as war_symbols

    s = crisis_symbols()
    assert s["power"].is_nonnegative and s["power"].is_positive is None  # a probability may be 0
    assert s["cost_tough"].is_nonnegative and s["demand"].is_positive
    assert war_symbols()["coercer_belief"].is_positive  # a prior mean lies in (0, 1)
    assert symbols(Screening)["prior_tough"] == s["prior_tough"]


def test_the_parameter_tables_of_the_docs_are_the_declarations():
    build = Path(bargaining.__file__).parents[1] / "docs" / "reference" / "build.py"
    spec = importlib.util.spec_from_file_location("build_reference", build)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    page = module.PARAMETERS_PAGE.read_text(encoding="utf-8")
    assert page == module.render_parameters(), "run: python docs/reference/build.py"
    assert table(Screening) in page
    assert "| `cost_soft` | nonnegative [0, ∞), > `cost_tough` |" in table(Screening)
    documented = set(module.declared_models())
    public = {m for m in MODELS if m.__name__ in getattr(importlib.import_module(m.__module__), "__all__", ())}
    assert public <= documented


def test_a_declaration_is_a_parameter_or_a_setting():
    kinds = {type(item) for model in MODELS for item in declarations(model).values()}
    assert kinds == {Parameter, Setting}


# --------------------------------------------------------------------------- fields left at their defaults


@pytest.mark.parametrize("model", [AlternatingOffers, PowerShift, _Bounds])
@given(data=st.data())
def test_fields_left_at_their_defaults_convert_as_on_the_general_path(model, data):
    """A field left at its default takes conversions made once per class; the outcome is the
    general path's with the default passed as a value (the same object)."""
    fields = [f for f in dataclasses.fields(model) if f.name in declarations(model)]
    values, given_values = [], {}
    for f in fields:
        if f.default is not dataclasses.MISSING and data.draw(st.booleans()):
            values.append(f.default)  # left at its default
        else:
            values.append(data.draw(NUMBERS))
            given_values[f.name] = values[-1]
    try:
        built = model(**given_values)
    except BargainingError as error:
        fast = type(error).__name__, str(error)
    else:
        names = list(declarations(model))
        fast = tuple((getattr(built, n), type(getattr(built, n))) for n in names), built.kind
    general = _general(model, values)
    if general[0] not in ("ParameterValueError", "ParameterTypeError") and fast[0] not in (
        "ParameterValueError",
        "ParameterTypeError",
    ):
        assert _same(fast, general)
    else:  # the model's own checks across fields may refuse what the declarations accept
        assert fast[0] in ("ParameterValueError", "ParameterTypeError")


def test_a_default_outside_its_domain_is_refused_as_a_value():
    @dataclasses.dataclass(frozen=True, slots=True)
    @declared
    class Odd:
        share: object = parameter(PROBABILITY, "a share")
        weight: object = parameter(PROBABILITY, "a weight", default=2)
        kind: str = dataclasses.field(init=False, repr=False, compare=False)

    @dataclasses.dataclass(frozen=True, slots=True)
    @declared
    class Fine:
        share: object = parameter(PROBABILITY, "a share")
        scale: object = parameter(NONNEGATIVE, "a scale", default=F(1, 10**4301))
        kind: str = dataclasses.field(init=False, repr=False, compare=False)

    with pytest.raises(ParameterValueError, match=r"weight must be a probability in \[0, 1\] \(got 2\)"):
        Odd(0.5)
    with pytest.raises(ParameterValueError, match="scale must be an exact number with at most"):
        Fine(0.5)
    assert Odd(0.5, 1).weight == 1.0 and Odd(F(1, 2), 1).weight == F(1) and Fine(0.5, 0).scale == 0.0


def test_a_model_that_settles_its_path_settles_its_scalars_by_the_fast_path():
    exact = PowerPath([F(1, 2), 1], discount=F(9, 10))
    assert exact.kind == "exact" and exact.cost_coercer == F(0) and type(exact.cost_coercer) is F
    floats = PowerPath([F(1, 2), 1], discount=0.9)
    assert floats.kind == "array" and type(floats.cost_target) is float and floats.power.tolist() == [0.5, 1.0]
    path = PowerPath([0.5, 1.0], discount=F(9, 10))  # a float path: the exact scalars become floats
    assert path.kind == "array" and type(path.discount) is float and path.discount == 0.9
    assert fast_of(PowerPath, ("discount",)) is fast_of(PowerPath, ("discount",))  # compiled once
    with pytest.raises(ParameterTypeError, match="cost_coercer must be a scalar"):
        PowerPath([0.5], discount=0.9, cost_coercer=[0.1])
    with pytest.raises(ParameterValueError, match="discount must be a discount factor"):
        PowerPath([0.5], discount=1.5)
    with pytest.raises(ParameterValueError, match="power must be an exact number with at most"):
        PowerPath([F(1, 10**4301)], discount=F(1, 2))


def test_integer_and_fraction_bounds_and_pairs_at_their_defaults():
    """The exact fast path reads integer bounds in integers and skips a pair left at ordered
    defaults; a pair whose defaults are out of order is still refused when both are left."""
    with pytest.raises(ParameterValueError, match=r"over must be at least under = 1 \(got 0\)"):
        _Bounds()
    exact = _Bounds(over=1)
    assert exact.kind == "exact" and exact.high == F(2) and type(exact.wide) is F
    assert _Bounds(0.5, over=2).kind == "float" and _Bounds(0.5, over=2).high == 2.0
    with pytest.raises(ParameterValueError, match=r"wide must be in \[-2, 3\] \(got -3\)"):
        _Bounds(-3, over=1)
    with pytest.raises(ParameterValueError, match=r"fine must be in \(1/3, 5/2\] \(got 1/3\)"):
        _Bounds(fine=F(1, 3), over=1)


def test_a_model_left_at_all_its_defaults_is_exact():
    """Every field at its default: the kind of the defaults (exact), not the floats' branch."""

    @dataclasses.dataclass(frozen=True, slots=True)
    @declared
    class Defaults:
        share: object = parameter(PROBABILITY, "a share", default=F(1, 2))
        low: object = parameter(NONNEGATIVE, "a low end", default=0)
        high: object = parameter(NONNEGATIVE, "a high end", default=1, above="low")
        kind: str = dataclasses.field(init=False, repr=False, compare=False)

    assert Defaults().kind == "exact" and Defaults().high == F(1) and type(Defaults().low) is F
    assert Defaults(0.5).kind == "float" and Defaults(0.5).high == 1.0
    assert Defaults(high=2.0).kind == "float" and Defaults(high=2.0).low == 0.0


# --------------------------------------------------------------------------- the generated __init__ for floats

FLOATS_FIRST = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True, width=64),
    st.sampled_from([0.0, -0.0, 1.0, 0.5, 2.0, -1.0, 1e-300]),  # the edges of the domains
    st.integers(-2, 2),
    st.fractions(F(-2), F(2), max_denominator=10),
)


def _built(make):
    """What one construction gives: every field's value and type and the kind, or the error."""
    try:
        built = make()
    except Exception as error:  # the model's own checks may raise any error: it must be the same
        return type(error).__name__, str(error)
    names = [f.name for f in dataclasses.fields(built)]
    return tuple((getattr(built, n), type(getattr(built, n))) for n in names), built.kind


def _float_init_models() -> list[type]:
    """The models given a generated ``__init__`` whose required fields are all parameters."""
    found = []
    for model in MODELS:
        required = _install(model)
        if model.__dict__.get("__float_init__") is not None and set(required) <= set(_parameters_of(model)):
            found.append(model)
    return found


def _install(model):
    """Build one instance (the first installs the generated ``__init__``); the required fields."""
    required = [f.name for f in dataclasses.fields(model) if f.init and f.default is dataclasses.MISSING]
    with contextlib.suppress(Exception):
        model(**dict.fromkeys(required, 0.5))
    return required


def _parameters_of(model):
    return [name for name, item in declarations(model).items() if isinstance(item, Parameter)]


FLOAT_INIT_MODELS = _float_init_models()


def test_the_models_with_a_generated_init_are_found():
    names = {model.__name__ for model in FLOAT_INIT_MODELS}
    assert {"Ultimatum", "RiskReturn", "Screening", "RenewedDemands", "AlternatingOffers"} <= names
    assert "PowerPath" not in names  # it settles its path itself


@pytest.mark.parametrize("model", [*FLOAT_INIT_MODELS, _Bounds], ids=lambda m: m.__name__)
@given(data=st.data())
def test_the_generated_init_accepts_refuses_and_converts_as_the_dataclass_init(model, data):
    """The same values, as keywords or positions, through the generated ``__init__`` and through
    the dataclass's own: the same fields (values and types), kind and errors (type and message)."""
    _install(model)
    given_values = {}
    for f in dataclasses.fields(model):
        if f.name in _parameters_of(model) and (f.default is dataclasses.MISSING or data.draw(st.booleans())):
            given_values[f.name] = data.draw(FLOATS_FIRST)
    if model is _Bounds and data.draw(st.booleans()):
        given_values["over"] = given_values.get("under", 1.0)  # the ordered pair at its edge

    def general():
        instance = object.__new__(model)
        model.__dataclass_init__(instance, **given_values)
        return instance

    assert model.__init__ is model.__float_init__
    fast = _built(lambda: model(**given_values))
    assert _same_built(fast, _built(general))
    positional = [given_values.get(f.name, f.default) for f in dataclasses.fields(model) if f.init]
    assert _same_built(_built(lambda: model(*positional)), fast)


def _same_built(first, second):
    if isinstance(first[0], str) or isinstance(second[0], str):
        return first == second
    (values, kind), (other, other_kind) = first, second
    return kind == other_kind and all(
        type_a is type_b and (a is b or repr(a) == repr(b))  # repr: -0.0 is not 0.0, and NaN is NaN
        for (a, type_a), (b, type_b) in zip(values, other)
    )


def test_the_generated_init_keeps_the_dataclass_behaviour():
    """Signature, defaults, replace, repr, equality, hashing, pickling and slots are the dataclass's."""
    import inspect
    import pickle

    from bargaining.coercion import Ultimatum

    threat = Ultimatum(0.25, threat=2.0, audience_cost=1.0)
    assert Ultimatum.__init__ is Ultimatum.__float_init__
    assert inspect.signature(Ultimatum) == inspect.signature(Ultimatum.__dataclass_init__.__get__(threat))
    assert Ultimatum.__init__.__qualname__ == "Ultimatum.__init__"
    assert threat.discount == 0.9 and type(threat.discount) is float and threat.kind == "float"
    assert dataclasses.replace(threat, demand=0.5).demand == 0.5
    assert dataclasses.replace(threat, demand=F(1, 2)).kind == "float"  # the other fields stay floats
    assert pickle.loads(pickle.dumps(threat)) == threat and hash(threat) == hash(dataclasses.replace(threat))
    assert repr(threat).startswith("Ultimatum(demand=0.25, vagueness=0.0, blur='uniform'")
    assert not hasattr(threat, "__dict__")
    with pytest.raises(TypeError, match=r"Ultimatum.__init__\(\) missing 1 required positional argument: 'demand'"):
        Ultimatum()
    with pytest.raises(ParameterValueError, match=r"demand must be in \[0, 1\] \(got 1.5\)"):
        Ultimatum(1.5)
    with pytest.raises(ParameterValueError, match="execution_high must be greater than execution_low"):
        Ultimatum(0.5, execution_low=1.0)
    with pytest.raises(ParameterValueError, match="blur must be one of"):
        Ultimatum(0.5, blur="fuzzy")

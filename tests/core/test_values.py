"""Value kinds, validation and regimes: the machinery every model stands on."""

from fractions import Fraction

import numpy as np
import pytest
import sympy

from bargaining import BargainingError, ParameterTypeError, ParameterValueError
from bargaining.core.errors import describe
from bargaining.core.values import (
    Case,
    check_discount,
    check_nonnegative,
    check_probability,
    kind_of,
    maximum,
    minimum,
    normalize,
    power,
    select,
    select_label,
)


@pytest.mark.parametrize(
    ("check", "value", "error", "message"),
    [
        (check_probability, 1.3, ParameterValueError, "power must be a probability in [0, 1] (got 1.3)"),
        (check_probability, Fraction(-1, 2), ParameterValueError, "power must be a probability in [0, 1] (got -1/2)"),
        (check_probability, float("nan"), ParameterValueError, "power must be a finite number (got nan)"),
        (check_probability, np.array([0.2, np.nan]), ParameterValueError, "power must be finite (got nan at index (1,))"),
        (check_probability, np.array([[0.2, 1.5]]), ParameterValueError, "power must be a probability in [0, 1] (got 1.5 at index (0, 1))"),
        (check_discount, 1.0, ParameterValueError, "power must be a discount factor in (0, 1) (got 1.0)"),
        (check_discount, 0, ParameterValueError, "power must be a discount factor in (0, 1) (got 0)"),
        (check_nonnegative, -0.1, ParameterValueError, "power must be non-negative (got -0.1)"),
        (check_nonnegative, sympy.Symbol("c", negative=True), ParameterValueError, "power must be non-negative (got c)"),
        (check_probability, sympy.nan, ParameterValueError, "power must be finite (got nan)"),
    ],
)
def test_checks_name_the_field_the_requirement_and_the_value(check, value, error, message):
    with pytest.raises(error) as caught:
        check("power", value)
    assert str(caught.value) == message
    assert isinstance(caught.value, BargainingError)


def test_symbols_pass_unless_definitely_out_of_range():
    check_probability("power", sympy.Symbol("p"))
    check_probability("power", sympy.Symbol("p", positive=True))
    check_nonnegative("cost", sympy.Symbol("c", nonnegative=True))


@pytest.mark.parametrize(
    ("value", "error", "message"),
    [
        ("0.5", ParameterTypeError, "power must be a real number, Fraction, sympy expression or numeric array (got str the string '0.5')"),
        (True, ParameterTypeError, "power must be a real number, Fraction, sympy expression or numeric array, not a bool (got bool True)"),
        (1 + 2j, ParameterTypeError, "power must be a real number, Fraction, sympy expression or numeric array (got complex (1+2j))"),
        (sympy.I, ParameterValueError, "power must be real (got I)"),
        (sympy.Symbol("p") > 0, ParameterTypeError, "power must be a real number, Fraction, sympy expression or numeric array (a sympy expression, not a relation) (got StrictGreaterThan p > 0)"),
        (None, ParameterTypeError, "power must be a real number, Fraction, sympy expression or numeric array (got NoneType None)"),
    ],
)
def test_wrong_kinds_are_refused_with_the_field_named(value, error, message):
    with pytest.raises(error) as caught:
        kind_of("power", value)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"power": ["a", 0.5]}, "power must be an array of real numbers (got str the string 'a')"),
        ({"power": [True, 0.5]}, "power must be an array of real numbers (got bool True)"),
        ({"power": np.array(["x"])}, "power must be an array of real numbers (got ndarray array(['x'], dtype='<U1'))"),
        ({"power": [[0.1], [0.2, 0.3]]}, "power must be a rectangular array of real numbers (got list [[0.1], [0.2, 0.3]])"),
        ({"power": sympy.Symbol("p"), "cost": [0.1]}, "cost must be a scalar when other fields are symbolic (got list [0.1])"),
    ],
)
def test_bad_arrays_are_refused_with_the_field_named(fields, message):
    with pytest.raises(ParameterTypeError) as caught:
        normalize(fields)
    assert str(caught.value) == message


def test_kinds_are_promoted_so_exact_never_leaks_into_float_arrays():
    values, kind = normalize({"a": Fraction(1, 3), "b": np.array([0.5, 0.25]), "c": 2})
    assert kind == "array"
    assert all(v.dtype == float for v in values.values())
    values, kind = normalize({"a": Fraction(1, 3), "b": sympy.Symbol("x")})
    assert kind == "symbolic" and values["a"] == sympy.Rational(1, 3)
    values, kind = normalize({"a": 1, "b": np.int64(2)})
    assert kind == "exact" and values["b"] == Fraction(2) and isinstance(values["a"], Fraction)


def test_select_agrees_across_kinds():
    def cases(x):
        return [Case("low", x < Fraction(1, 2), 2 * x), Case("high", True, 1 - x)]

    xs = [Fraction(1, 4), Fraction(3, 4)]
    exact = [select("exact", cases(x)) for x in xs]
    array = select("array", cases(np.array([float(x) for x in xs])))
    assert exact == [Fraction(1, 2), Fraction(1, 4)]
    np.testing.assert_allclose(array, [0.5, 0.25])
    x = sympy.Symbol("x")
    piecewise = select("symbolic", cases(x))
    assert [piecewise.subs(x, v) for v in xs] == [sympy.Rational(1, 2), sympy.Rational(1, 4)]
    assert list(select_label("array", cases(np.array([0.25, 0.75])))) == ["low", "high"]
    assert select_label("exact", cases(Fraction(3, 4))) == "high"
    regimes = select_label("symbolic", cases(x))
    assert [r.label for r in regimes] == ["low", "high"]
    assert regimes[1].condition == (x >= sympy.Rational(1, 2))
    assert regimes[0].latex() == r"x < \frac{1}{2}"


def test_kind_aware_arithmetic():
    assert maximum("exact", Fraction(1, 3), Fraction(1, 2)) == Fraction(1, 2)
    assert minimum("exact", Fraction(1, 3), Fraction(1, 2)) == Fraction(1, 3)
    np.testing.assert_array_equal(minimum("array", np.array([1.0, 3.0]), 2.0), [1.0, 2.0])
    x = sympy.Symbol("x")
    assert maximum("symbolic", x, 0) == sympy.Max(x, 0)
    assert minimum("symbolic", x, 0) == sympy.Min(x, 0)
    assert power("exact", Fraction(4, 9), Fraction(1, 2)) == Fraction(2, 3)
    assert power("exact", Fraction(2, 3), 2) == Fraction(4, 9)
    assert power("exact", Fraction(1, 2), Fraction(1, 2)) == sympy.sqrt(2) / 2
    assert power("float", 0.25, 0.5) == 0.5


def test_long_values_are_abbreviated_in_messages():
    assert describe(list(range(100))).endswith("...")
    assert len(describe(list(range(100)))) == 80

"""core.rational: unreduced exact steps give exactly the Fraction that step-by-step arithmetic gives."""

from __future__ import annotations

import dataclasses
import operator
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bargaining.coercion import Ultimatum
from bargaining.core.rational import LIMIT, Rational, deferred, reduced

fractions = st.fractions(max_denominator=50, min_value=-5, max_value=5)
operands = st.one_of(fractions, st.integers(-5, 5))
_ARITHMETIC = (operator.add, operator.sub, operator.mul, operator.truediv)
_ORDER = (operator.eq, operator.ne, operator.lt, operator.le, operator.gt, operator.ge)


def _rational(value: Fraction | int, lift: bool) -> Rational | Fraction | int:
    return Rational.of(value) if lift else value


@given(fractions, operands, st.sampled_from(_ARITHMETIC), st.booleans())
def test_each_operation_is_the_fraction_operation(left: Fraction, right: Fraction | int, op: object, lift: bool) -> None:
    """Rational op (Rational, Fraction or int), and the reflected forms, reduce to the Fraction result."""
    function = op  # type: ignore[assignment]
    if function is operator.truediv and right == 0:
        with pytest.raises(ZeroDivisionError):
            function(Rational.of(left), _rational(right, lift))  # type: ignore[operator]
        return
    expected = function(left, right)  # type: ignore[operator]
    assert reduced(function(Rational.of(left), _rational(right, lift))) == expected  # type: ignore[operator]
    if left != 0 or function is not operator.truediv:
        assert reduced(function(right, Rational.of(left))) == function(right, left)  # type: ignore[operator]


@given(fractions, operands, st.sampled_from(_ORDER), st.booleans())
def test_comparisons_are_the_fraction_comparisons(left: Fraction, right: Fraction | int, op: object, lift: bool) -> None:
    function = op  # type: ignore[assignment]
    assert function(Rational.of(left), _rational(right, lift)) == function(left, right)  # type: ignore[operator]
    assert function(right, Rational.of(left)) == function(right, left)  # type: ignore[operator]


@given(st.lists(st.tuples(st.sampled_from(_ARITHMETIC[:3]), fractions), min_size=1, max_size=40), fractions)
def test_a_chain_of_steps_reduces_to_the_fraction_chain(steps: list[tuple[object, Fraction]], start: Fraction) -> None:
    """A long chain: the pair is reduced past LIMIT bits, and the value never changes."""
    exact, deferred_value = start, Rational.of(start)
    for op, value in steps:
        exact = op(exact, value)  # type: ignore[operator]
        deferred_value = op(deferred_value, Rational.of(value))  # type: ignore[operator]
        assert deferred_value.denominator > 0
        assert deferred_value.denominator.bit_length() <= 2 * LIMIT + 16
    assert reduced(deferred_value) == exact


@given(fractions.filter(bool), st.integers(-4, 4))
def test_powers_signs_and_conversions(value: Fraction, exponent: int) -> None:
    rational = Rational.of(value)
    assert reduced(rational**exponent) == value**exponent
    assert reduced(-rational) == -value and reduced(+rational) == value and reduced(abs(rational)) == abs(value)
    assert float(rational) == float(value) and bool(rational) and not Rational(0, 3)
    assert repr(Rational.of(Fraction(-3, 4))) == "Rational(-3, 4)"


def test_refusals() -> None:
    """Floats and symbols are not exact operands; zero divides nothing; steps are not keys."""
    half = Rational(1, 2)
    for operation in (operator.add, operator.sub, operator.mul, operator.truediv, operator.lt, operator.pow):
        with pytest.raises(TypeError):
            operation(half, 0.5)
    with pytest.raises(TypeError):
        0.5 / half  # type: ignore[operator]
    assert (half == 0.5) is False  # no exact comparison: Python falls back to identity
    with pytest.raises(ZeroDivisionError):
        1 / Rational(0, 1)
    with pytest.raises(ZeroDivisionError):
        Rational(0, 2) ** -1
    with pytest.raises(TypeError):
        hash(half)


@given(
    demand=st.fractions(0, 1, max_denominator=12),
    threat=st.fractions(0, 3, max_denominator=12),
    audience_cost=st.fractions(0, 2, max_denominator=12),
    risk=st.fractions(0, 1, max_denominator=12),
    delay_cost=st.fractions(0, 1, max_denominator=12),
    carrot=st.fractions(0, 1, max_denominator=12),
    deadline=st.sampled_from([None, 0, 2]),
    urgency=st.fractions(0, 1, max_denominator=12),
)
def test_the_ultimatum_on_deferred_rationals_is_the_fraction_outcome(**point: object) -> None:
    """Ultimatum.outcome for exact numbers runs its closed form on deferred(self): the same outcome,
    to the type, as the closed form run on the Fractions step by step."""
    model = Ultimatum(**point)  # type: ignore[arg-type]
    fast, stepwise = model.outcome(), model._uniform_outcome()
    assert fast == stepwise
    assert all(type(value) is Fraction for value in vars_of(fast)[:-1])


def vars_of(outcome: object) -> list[object]:
    return [getattr(outcome, name) for name in outcome.__dataclass_fields__]  # type: ignore[attr-defined]


def test_deferred_copies_every_field() -> None:
    model = Ultimatum(Fraction(1, 4), threat=2, audience_cost=Fraction(1, 2), deadline=None)
    copy = deferred(model)
    assert type(copy) is Ultimatum and copy.deadline is None and copy.blur == "uniform" and copy.kind == "exact"
    assert reduced(copy.demand) == Fraction(1, 4) and type(copy.threat) is Rational


def test_a_pair_past_the_limit_is_reduced() -> None:
    """Steps that keep multiplying common factors into the pair are reduced once it passes LIMIT bits."""
    product, total = Rational(3, 2), Rational(3, 2)
    for _ in range(3 * LIMIT):
        product = product * Rational(2, 2)
        total = total + Rational(0, 1) + Rational(2, 4) - Rational(1, 2)
        assert product.denominator.bit_length() <= LIMIT + 2 and total.denominator.bit_length() <= LIMIT + 3
    assert reduced(product) == reduced(total) == Fraction(3, 2)
    assert reduced(Rational(5, 1) / Rational(-10, 3)) == Fraction(-3, 2)


def test_deferred_reuses_the_rational_of_a_field_that_holds_the_same_fraction() -> None:
    """A default the fast path stores is one Fraction object for every instance: its Rational is
    made once; a field that holds another object (equal or not) is converted afresh."""
    first, second = Ultimatum(Fraction(1, 4)), Ultimatum(Fraction(1, 3))
    one, two = deferred(first), deferred(second)
    assert one.discount is two.discount and reduced(one.discount) == Fraction(9, 10)
    assert reduced(two.demand) == Fraction(1, 3) and reduced(deferred(first).demand) == Fraction(1, 4)
    equal = Ultimatum(Fraction(1, 4), discount=Fraction(9, 10))  # equal to the default, another object
    assert reduced(deferred(equal).discount) == Fraction(9, 10)


def test_deferred_copies_a_model_of_one_field() -> None:
    @dataclasses.dataclass(frozen=True, slots=True)
    class One:
        share: object

    assert reduced(deferred(One(Fraction(1, 3))).share) == Fraction(1, 3)

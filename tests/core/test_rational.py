"""core.rational: a closed form run on GMP's rationals (gmpy2.mpq) gives exactly the Fraction that
step-by-step Fraction arithmetic gives."""

from __future__ import annotations

import dataclasses
from fractions import Fraction

import pytest
from gmpy2 import mpfr, mpq
from hypothesis import given
from hypothesis import strategies as st

from bargaining.coercion import Ultimatum
from bargaining.core.rational import deferred, reduced


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
def test_the_ultimatum_on_gmp_rationals_is_the_fraction_outcome(**point: object) -> None:
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
    assert reduced(copy.demand) == Fraction(1, 4) and type(copy.audience_cost) is type(mpq(1, 2))


def test_deferred_copies_a_model_of_one_field() -> None:
    @dataclasses.dataclass(frozen=True, slots=True)
    class One:
        share: object

    assert reduced(deferred(One(Fraction(1, 3))).share) == Fraction(1, 3)


def test_nothing_of_gmpy2_but_a_rational_leaves() -> None:
    """A float step inside an exact closed form would give a gmpy2 float: it raises, naming it."""
    assert reduced(mpq(-6, 8)) == Fraction(-3, 4) and reduced(7) == 7 and reduced(None) is None
    with pytest.raises(TypeError, match="mpfr"):
        reduced(mpq(1, 3) + mpfr(0.5))

"""Shared hypothesis strategies: exact rationals on the ranges the models use."""

from fractions import Fraction

from hypothesis import strategies as st


def fractions(low: Fraction | int = 0, high: Fraction | int = 1, denominator: int = 60) -> st.SearchStrategy[Fraction]:
    """Rationals in [low, high] with a bounded denominator (keeps exact arithmetic fast)."""
    low, high = Fraction(low), Fraction(high)
    span = high - low
    steps = int(span * denominator)
    return st.integers(0, steps).map(lambda k: low + Fraction(k, denominator))


probabilities = fractions(0, 1)
open_probabilities = fractions(Fraction(1, 60), Fraction(59, 60))
discounts = fractions(Fraction(1, 20), Fraction(19, 20))
costs = fractions(0, Fraction(1, 2))
positive_costs = fractions(Fraction(1, 60), Fraction(1, 2))


@st.composite
def polygons(draw: st.DrawFn, max_points: int = 6) -> list[tuple[Fraction, Fraction]]:
    """A feasible set's generating points: always including both axes' best outcomes."""
    count = draw(st.integers(1, max_points))
    points = [(draw(fractions(0, 2)), draw(fractions(0, 2))) for _ in range(count)]
    return [(Fraction(2), Fraction(0)), (Fraction(0), Fraction(2)), *points]

# --------------------------------------------------------------------------- domains of points
# Shared by the cross-kind tests (tests/kinds): each draws one exact point of a model's domain.

nonnegatives = fractions(0, 2)
positives = fractions(Fraction(1, 60), 2)
shares = fractions(0, 1)
reals = fractions(-1, 1)
closed_discounts = fractions(Fraction(1, 20), 1)


def points(**fields: st.SearchStrategy) -> st.SearchStrategy[dict]:
    """A point of a domain: one exact value per named field."""
    return st.fixed_dictionaries(fields)


@st.composite
def ordered_pair(draw: st.DrawFn, values: st.SearchStrategy[Fraction], strict: bool = True) -> tuple[Fraction, Fraction]:
    """Two values ``low <= high`` (``low < high`` when ``strict``) from one strategy."""
    low, high = sorted((draw(values), draw(values)))
    if strict and low == high:
        high = low + Fraction(1, 60)
    return low, high

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

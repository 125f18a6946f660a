"""One exact linear solver: a square system in Fractions, by Gauss–Jordan elimination.

The signalling games' equilibrium beliefs and the front-line war's policy values are both the
unique solution of a small square system; they share this solver, which never rounds.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

__all__ = ["solve_exact"]


def solve_exact(matrix: Sequence[Sequence[Fraction]], rhs: Sequence[Fraction]) -> list[Fraction] | None:
    """The unique solution ``x`` of ``matrix @ x = rhs``, exactly, or ``None`` when the matrix is singular.

    Gauss–Jordan elimination with the first non-zero pivot of each column (exact arithmetic needs
    no pivoting for stability); ``O(n^3)`` Fraction operations.

    >>> from fractions import Fraction as F
    >>> solve_exact([[F(2), F(1)], [F(1), F(3)]], [F(3), F(5)])
    [Fraction(4, 5), Fraction(7, 5)]
    >>> solve_exact([[F(1), F(2)], [F(2), F(4)]], [F(1), F(2)]) is None
    True
    """
    size = len(matrix)
    rows = [[*row, b] for row, b in zip(matrix, rhs)]
    for column in range(size):
        pivot = next((r for r in range(column, size) if rows[r][column] != 0), None)
        if pivot is None:
            return None
        rows[column], rows[pivot] = rows[pivot], rows[column]
        lead = rows[column][column]
        rows[column] = [v / lead for v in rows[column]]
        for r in range(size):
            factor = rows[r][column]
            if r != column and factor != 0:
                rows[r] = [v - factor * w for v, w in zip(rows[r], rows[column])]
    return [rows[r][size] for r in range(size)]

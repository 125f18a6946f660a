"""What the essay's claims share: the budget of exact model calls for shrinking a counterexample,
and the exact solve of a model on GMP's rationals."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any, TypeVar

import numpy as np

from ...core.rational import deferred, mpq, reduced

CI_BUDGET = 100

Model = TypeVar("Model")


def _rational(value: Any) -> Any:
    """``value`` as the Python number it equals (a ``gmpy2.mpq`` as a ``Fraction``), or ``None``
    if it is not an exact rational (a float step: the caller then solves on Fractions)."""
    if isinstance(value, bool | int | Fraction) or type(value) is type(mpq(0)):
        return reduced(value)
    return None


def exactly(model: Model, solve: Callable[[Model], Any]) -> Any:
    """``solve(model)`` for an exact model, computed on GMP's rationals
    (:func:`~bargaining.core.rational.deferred`) and brought back to ``Fraction``: the same
    rational numbers, each step in C instead of a ``Fraction`` step in Python (the exact checks of
    a claim solve a lattice or an equilibrium enumeration at points with six-digit denominators).

    ``solve`` returns a number or a numpy array of numbers. Anything but an exact model, a
    step that refuses ``mpq`` (a model built inside from its fields) or a result with a value that
    is not a rational (a float step inside) is solved as given, on ``Fraction``: the answer is
    always the one ``solve(model)`` gives.

    >>> from fractions import Fraction
    >>> from bargaining.war import LearningWar
    >>> war = LearningWar(Fraction(9, 10), Fraction(7, 10), 1, 1, Fraction(1, 2), Fraction(1, 50), Fraction(1, 50), 2)
    >>> exactly(war, lambda w: w.duration_distribution(4).survival()).tolist()
    [Fraction(1, 1), Fraction(1, 1), Fraction(1, 2), Fraction(1, 2), Fraction(1, 4)]
    >>> exactly(LearningWar(0.9, 0.7, 1.0, 1.0, 0.5, 0.02, 0.02, 2), lambda w: w.duration_distribution(4).survival()).tolist()
    [1.0, 1.0, 0.5, 0.5, 0.25]
    >>> from bargaining.crisis import RiskReturn  # builds a model from its fields: solved on Fractions
    >>> exactly(RiskReturn(Fraction(1, 2), Fraction(1, 10), 0, Fraction(2, 5)), lambda m: m.war_probability(Fraction(3, 4)))
    Fraction(5, 8)
    """
    if getattr(model, "kind", None) != "exact":
        return solve(model)
    try:
        found = solve(deferred(model))
    except Exception:  # a step that refuses GMP's rationals: the model's own answer, on Fractions
        return solve(model)
    if isinstance(found, np.ndarray):
        values = [_rational(value) for value in found.ravel()]
        if all(value is not None for value in values):
            return np.asarray(values, dtype=object).reshape(found.shape)
        return solve(model)
    value = _rational(found)
    return solve(model) if value is None else value

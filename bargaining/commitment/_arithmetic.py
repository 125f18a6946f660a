"""Small kind-aware helpers shared by the commitment models (candidates for ``core.values``)."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..core.values import Kind


def ratio(kind: Kind, numerator: Any, denominator: Any) -> Any:
    """``numerator / denominator`` where the denominator is non-zero, and 0 where it is zero.

    Used inside ``Case`` values that ``select`` evaluates eagerly: the branch that divides by zero
    is never the one selected, but numpy must not warn and exact arithmetic must not raise.
    """
    if kind == "symbolic":
        return numerator / denominator
    if kind == "array":
        numerator, denominator = np.broadcast_arrays(
            np.asarray(numerator, float), np.asarray(denominator, float)
        )
        return np.divide(numerator, denominator, out=np.zeros(numerator.shape), where=denominator != 0)
    return numerator / denominator if denominator != 0 else 0 * numerator


def at_least(kind: Kind, left: Any, right: Any) -> Any:
    """``left >= right`` for every kind: a bool, a bool array, or a sympy relation."""
    if kind == "symbolic":
        import sympy

        return sympy.Ge(left, right)
    return left >= right


def every(kind: Kind, *conditions: Any) -> Any:
    """The conjunction of conditions for every kind (``And`` for symbols)."""
    if kind == "symbolic":
        import sympy

        return sympy.And(*conditions)
    result = conditions[0]
    for condition in conditions[1:]:
        result = result & condition
    return result


def some(kind: Kind, *conditions: Any) -> Any:
    """The disjunction of conditions for every kind (``Or`` for symbols)."""
    if kind == "symbolic":
        import sympy

        return sympy.Or(*conditions)
    result = conditions[0]
    for condition in conditions[1:]:
        result = result | condition
    return result


def negation(kind: Kind, condition: Any) -> Any:
    """``not condition`` for every kind (``Not`` for symbols, ``~`` for arrays)."""
    if kind == "symbolic":
        import sympy

        return sympy.Not(condition)
    if kind == "array":
        return ~np.asarray(condition, dtype=bool)
    return not condition

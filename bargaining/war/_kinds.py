"""Kind-aware elementary functions for the war models (private).

The core offers ``maximum``, ``minimum`` and ``power``; the durations of the war models also need
logarithms, square roots, exponentials and ceilings that stay exact for exact inputs (a ``Fraction``
in gives a ``Fraction`` or an exact sympy number such as ``log(2)``), vectorise for arrays and stay
symbolic for symbols. A candidate for ``bargaining.core.values``.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import numpy as np

from ..core.errors import ParameterTypeError
from ..core.values import Kind

_SLACK = 1e-9

__all__ = ["ceiling", "exact_or_sympy", "exponential", "logarithm", "square_root"]


def exact_or_sympy(value: Any) -> Any:
    """A sympy number back to a ``Fraction`` when it is rational, else left as the exact number."""
    if getattr(value, "is_Rational", False):
        return Fraction(int(value.p), int(value.q))
    return value


def _sympy_call(name: str, value: Any) -> Any:
    import sympy

    function = getattr(sympy, name)
    argument = sympy.Rational(value) if isinstance(value, Fraction) else value
    return exact_or_sympy(sympy.simplify(function(argument)))


def logarithm(kind: Kind, value: Any) -> Any:
    """Natural logarithm: exact sympy for exact input (``log(2)``), numpy for floats and arrays."""
    if kind in ("exact", "symbolic"):
        return _sympy_call("log", value)
    return np.log(value) if kind == "array" or np.ndim(value) else math.log(value)


def square_root(kind: Kind, value: Any) -> Any:
    """Square root: a ``Fraction`` when the exact root is rational, else an exact sympy number."""
    if kind in ("exact", "symbolic"):
        return _sympy_call("sqrt", value)
    return np.sqrt(value) if kind == "array" or np.ndim(value) else math.sqrt(value)


def exponential(kind: Kind, value: Any) -> Any:
    """Exponential function for every kind."""
    if kind in ("exact", "symbolic"):
        return _sympy_call("exp", value)
    return np.exp(value) if kind == "array" or np.ndim(value) else math.exp(value)


def ceiling(kind: Kind, value: Any) -> Any:
    """Smallest integer not below ``value``: a ``Fraction`` for exact input.

    For floats a relative slack of ``1e-9`` absorbs rounding (``10 * 0.5 / 0.1`` is 50, not 51).
    """
    if kind == "symbolic":
        import sympy

        return sympy.ceiling(value)
    if kind == "array":
        return np.ceil(value - _SLACK * np.maximum(1.0, np.abs(value)))
    if kind == "exact":
        if not isinstance(value, (int, Fraction)):  # an exact irrational sympy number
            import sympy

            return Fraction(int(sympy.ceiling(value)))
        return Fraction(math.ceil(value))
    return float(math.ceil(value - _SLACK * max(1.0, abs(value))))


def require_numeric(kind: Kind, solver: str, field: str, value: Any) -> None:
    """Refuse symbols for a numerical solver (a lattice DP or value iteration needs comparisons)."""
    if kind == "symbolic":
        raise ParameterTypeError(field, f"a number or array for {solver} (it compares values)", value)

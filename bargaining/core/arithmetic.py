r"""Arithmetic that keeps the kind: the same call is exact on Fractions, vectorised on arrays and
symbolic on sympy expressions (``max`` is ``Max`` for symbols, ``np.maximum`` for arrays; a
logarithm of a Fraction is an exact sympy number such as ``log(2)``).
"""

from __future__ import annotations

import math
from fractions import Fraction
from functools import lru_cache
from typing import Any

import numpy as np

from .errors import ParameterTypeError
from .kinds import Kind

__all__ = [
    "at_least",
    "ceiling",
    "clip",
    "constant",
    "every",
    "exact_or_sympy",
    "exponential",
    "logarithm",
    "maximum",
    "minimum",
    "negation",
    "power",
    "ratio",
    "require_numeric",
    "some",
    "square_root",
]


_EXACT_CONSTANTS = {0: Fraction(0), 1: Fraction(1)}


def constant(kind: Kind, value: int, like: Any) -> Any:
    """The number ``value`` in the kind of ``like`` (and, for arrays and symbols, its shape):
    ``0 * like + value``, but for numbers without building a ``Fraction`` or a float per call.

    >>> constant("exact", 1, Fraction(1, 3)), constant("float", 0, -0.5), constant("array", 1, np.zeros(2))
    (Fraction(1, 1), 0.0, array([1., 1.]))
    """
    if kind == "exact":
        shared = _EXACT_CONSTANTS.get(value)
        return Fraction(value) if shared is None else shared
    if kind == "float":
        return float(value)
    return 0 * like + value


def maximum(kind: Kind, first: Any, second: Any) -> Any:
    """``max`` for every kind: ``Max`` for symbols, ``np.maximum`` for arrays.

    >>> from fractions import Fraction
    >>> maximum("exact", Fraction(1, 2), Fraction(1, 3)), maximum("array", np.array([0.1, 0.9]), 0.5).tolist()
    (Fraction(1, 2), [0.5, 0.9])
    """
    if kind == "symbolic":
        import sympy

        return sympy.Max(first, second)
    if kind == "array":
        return np.maximum(first, second)
    return first if first >= second else second


def minimum(kind: Kind, first: Any, second: Any) -> Any:
    """``min`` for every kind: ``Min`` for symbols, ``np.minimum`` for arrays.

    >>> from fractions import Fraction
    >>> minimum("exact", Fraction(1, 2), Fraction(1, 3)), minimum("array", np.array([0.1, 0.9]), 0.5).tolist()
    (Fraction(1, 3), [0.1, 0.5])
    """
    if kind == "symbolic":
        import sympy

        return sympy.Min(first, second)
    if kind == "array":
        return np.minimum(first, second)
    return first if first <= second else second


def power(kind: Kind, base: Any, exponent: Any) -> Any:
    """``base ** exponent`` that stays exact: an irrational power of a ``Fraction`` becomes an exact
    sympy number (``sqrt(2)/2``), and a rational one stays a ``Fraction``.

    >>> from fractions import Fraction
    >>> power("exact", Fraction(1, 4), Fraction(1, 2)), power("exact", Fraction(1, 2), Fraction(1, 2))
    (Fraction(1, 2), sqrt(2)/2)
    """
    if kind != "exact":
        return base**exponent
    if isinstance(exponent, Fraction) and exponent.denominator == 1:
        return Fraction(base) ** int(exponent)
    import sympy

    result = sympy.Rational(base) ** sympy.Rational(exponent)
    return Fraction(int(result.p), int(result.q)) if result.is_Rational else result


def ratio(kind: Kind, numerator: Any, denominator: Any) -> Any:
    """``numerator / denominator`` where the denominator is non-zero, and 0 where it is zero.

    For ``Case`` values that ``select`` evaluates eagerly: the branch that divides by zero is never
    the one selected, but numpy must not warn and exact arithmetic must not raise.

    >>> ratio("exact", Fraction(1), Fraction(0)), ratio("array", np.array([1.0, 1.0]), np.array([2.0, 0.0]))
    (Fraction(0, 1), array([0.5, 0. ]))
    """
    if kind == "symbolic":
        return numerator / denominator if getattr(denominator, "is_zero", None) is not True else 0 * numerator
    if kind == "array":
        numerator, denominator = np.broadcast_arrays(
            np.asarray(numerator, float), np.asarray(denominator, float)
        )
        return np.divide(numerator, denominator, out=np.zeros(numerator.shape), where=denominator != 0)
    return numerator / denominator if denominator != 0 else 0 * numerator


def clip(kind: Kind, value: Any, low: Any, high: Any) -> Any:
    """``min(max(value, low), high)`` for every kind.

    >>> from fractions import Fraction
    >>> clip("exact", Fraction(3, 2), 0, 1), clip("array", np.array([-1.0, 0.5, 2.0]), 0, 1).tolist()
    (1, [0.0, 0.5, 1.0])
    """
    if kind == "exact" or kind == "float":  # numbers: maximum() then minimum(), inline
        value = value if value >= low else low
        return value if value <= high else high
    return minimum(kind, maximum(kind, value, low), high)


def at_least(kind: Kind, left: Any, right: Any) -> Any:
    """``left >= right`` for every kind: a bool, a bool array, or a sympy relation.

    >>> from fractions import Fraction
    >>> at_least("exact", Fraction(1, 2), Fraction(1, 3)), at_least("array", np.array([0.1, 0.9]), 0.5).tolist()
    (True, [False, True])
    """
    if kind == "symbolic":
        import sympy

        return sympy.Ge(left, right)
    return left >= right


def every(kind: Kind, *conditions: Any) -> Any:
    """The conjunction of conditions for every kind (``And`` for symbols).

    >>> every("exact", True, False), every("array", np.array([True, True]), np.array([True, False])).tolist()
    (False, [True, False])
    """
    if kind == "symbolic":
        import sympy

        return sympy.And(*conditions)
    result = conditions[0]
    for condition in conditions[1:]:
        result = result & condition
    return result


def some(kind: Kind, *conditions: Any) -> Any:
    """The disjunction of conditions for every kind (``Or`` for symbols).

    >>> some("exact", True, False), some("array", np.array([False, False]), np.array([True, False])).tolist()
    (True, [True, False])
    """
    if kind == "symbolic":
        import sympy

        return sympy.Or(*conditions)
    result = conditions[0]
    for condition in conditions[1:]:
        result = result | condition
    return result


def negation(kind: Kind, condition: Any) -> Any:
    """``not condition`` for every kind (``Not`` for symbols, ``~`` for arrays).

    >>> negation("array", np.array([True, False])), negation("exact", True)
    (array([False,  True]), False)
    """
    if kind == "symbolic":
        import sympy

        return sympy.Not(condition)
    if kind == "array":
        return ~np.asarray(condition, dtype=bool)
    return not condition


# --------------------------------------------------------------------------- elementary functions

_SLACK = 1e-9


def exact_or_sympy(value: Any) -> Any:
    """A sympy number back to a ``Fraction`` when it is rational, else left as the exact number.

    >>> import sympy
    >>> exact_or_sympy(sympy.Rational(1, 2)), exact_or_sympy(sympy.sqrt(2))
    (Fraction(1, 2), sqrt(2))
    """
    if getattr(value, "is_Rational", False):
        return Fraction(int(value.p), int(value.q))
    return value


def _sympy_call(name: str, value: Any) -> Any:
    """``name(value)`` simplified: remembered for an exact number or a sympy expression without
    floats (a pure function of an immutable argument; exact checks and proofs ask for the same
    ``exp(-t/mu)`` several times, and each ``simplify`` costs milliseconds)."""
    import sympy

    if isinstance(value, int | Fraction) or (isinstance(value, sympy.Basic) and not value.has(sympy.Float)):
        return _remembered_call(name, value)
    return _simplified_call(name, value)


def _simplified_call(name: str, value: Any) -> Any:
    import sympy

    function = getattr(sympy, name)
    argument = sympy.Rational(value) if isinstance(value, Fraction) else value
    return exact_or_sympy(sympy.simplify(function(argument)))


@lru_cache(maxsize=4096, typed=True)
def _remembered_call(name: str, value: Any) -> Any:
    """:func:`_simplified_call`, cached by the value *and* its type (``typed``: ``Fraction(2)``
    and ``2`` would be equal keys otherwise)."""
    return _simplified_call(name, value)


def logarithm(kind: Kind, value: Any) -> Any:
    """Natural logarithm: exact sympy for exact input (``log(2)``), numpy for floats and arrays.

    >>> logarithm("exact", Fraction(2)), logarithm("exact", Fraction(1)), logarithm("float", 1.0)
    (log(2), Fraction(0, 1), 0.0)
    >>> logarithm("array", np.array([1.0, np.e]))
    array([0., 1.])
    """
    if kind in ("exact", "symbolic"):
        return _sympy_call("log", value)
    return np.log(value) if kind == "array" or np.ndim(value) else math.log(value)


def square_root(kind: Kind, value: Any) -> Any:
    """Square root: a ``Fraction`` when the exact root is rational, else an exact sympy number.

    >>> square_root("exact", Fraction(1, 4)), square_root("exact", Fraction(2)), square_root("float", 2.25)
    (Fraction(1, 2), sqrt(2), 1.5)
    >>> square_root("array", np.array([1.0, 4.0]))
    array([1., 2.])
    """
    if kind in ("exact", "symbolic"):
        return _sympy_call("sqrt", value)
    return np.sqrt(value) if kind == "array" or np.ndim(value) else math.sqrt(value)


def exponential(kind: Kind, value: Any) -> Any:
    """Exponential function for every kind: exact sympy for exact input, numpy for floats and arrays.

    >>> import sympy
    >>> exponential("exact", Fraction(0)), exponential("exact", Fraction(-1, 2)), exponential("float", 0.0)
    (Fraction(1, 1), exp(-1/2), 1.0)
    >>> exponential("symbolic", -sympy.Symbol("t")), exponential("array", np.array([0.0]))
    (exp(-t), array([1.]))
    """
    if kind in ("exact", "symbolic"):
        return _sympy_call("exp", value)
    return np.exp(value) if kind == "array" or np.ndim(value) else math.exp(value)


def ceiling(kind: Kind, value: Any) -> Any:
    """Smallest integer not below ``value``: a ``Fraction`` for exact input.

    For floats a relative slack of ``1e-9`` absorbs rounding (``10 * 0.5 / 0.1`` is 50, not 51).

    >>> import sympy
    >>> ceiling("exact", Fraction(7, 2)), ceiling("exact", sympy.sqrt(2)), ceiling("float", 10 * 0.5 / 0.1)
    (Fraction(4, 1), Fraction(2, 1), 50.0)
    >>> ceiling("array", np.array([0.5, 2.0])), ceiling("symbolic", sympy.Symbol("x"))
    (array([1., 2.]), ceiling(x))
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
    """Refuse symbols for a numerical solver (a lattice DP or value iteration needs comparisons).

    Numbers and arrays pass silently; a symbol raises before any work:

    >>> import sympy
    >>> require_numeric("float", "value iteration", "discount", 0.9)
    >>> require_numeric("symbolic", "value iteration", "discount", sympy.Symbol("delta"))
    Traceback (most recent call last):
    ...
    bargaining.core.errors.ParameterTypeError: discount must be a number or array for value iteration (it compares values) (got Symbol delta)
    """
    if kind == "symbolic":
        raise ParameterTypeError(field, f"a number or array for {solver} (it compares values)", value)

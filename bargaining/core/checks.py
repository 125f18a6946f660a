r"""Validation of a value against its domain, for every kind, three-valued for symbols.

A check raises :class:`~bargaining.core.errors.ParameterValueError` naming the field, the
requirement and the value received; for a sympy expression it raises only when the condition is
*definitely* false (``sympy.stats``' convention), so a free symbol passes and a symbol declared
``negative=True`` is refused. Arrays are checked element by element, the first index that fails
named. A model declares its checks once, on its fields (:mod:`bargaining.core.parameters`).
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import numpy as np

from .errors import ParameterValueError, describe
from .kinds import _as_array, _check_exact_size, is_symbolic, kind_of

__all__ = [
    "check_discount",
    "check_nonnegative",
    "check_order",
    "check_positive",
    "check_probability",
    "check_range",
]


def _is_definitely_false(relation: Any) -> bool:
    return relation is False or (is_symbolic(relation) and bool(relation == False))  # noqa: E712


def check_range(
    field: str,
    value: Any,
    lower: Any = None,
    upper: Any = None,
    *,
    lower_open: bool = False,
    upper_open: bool = False,
    requirement: str,
) -> None:
    """Raise :class:`ParameterValueError` unless ``lower (<|<=) value (<|<=) upper``.

    NaN and infinite values are refused for every kind; for symbols the check raises only when
    the bound is definitely violated. A value of no numeric kind (a string, ``None``) is refused
    with :class:`ParameterTypeError`, and a list is checked as an array.

    >>> check_range("weight", "1/2", 0, 1, requirement="a weight in [0, 1]")
    Traceback (most recent call last):
    ...
    bargaining.core.errors.ParameterTypeError: weight must be a real number, Fraction, sympy expression or numeric array (got str the string '1/2')
    """
    kind = type(value)
    if kind is float or kind is int or kind is Fraction:  # plain numbers first: no isinstance chain
        if kind is float:
            if not math.isfinite(value):
                raise ParameterValueError(field, "a finite number", value)
        else:
            _check_exact_size(field, value.numerator, value.denominator, value)
        too_low = lower is not None and (value <= lower if lower_open else value < lower)
        too_high = upper is not None and (value >= upper if upper_open else value > upper)
        if too_low or too_high:
            raise ParameterValueError(field, requirement, value)
        return
    if isinstance(value, np.ndarray) and value.dtype.kind not in "iuf":
        value = _as_array(field, value)  # refuses strings, objects and bools with the field named
    elif (
        not isinstance(value, (np.ndarray, float, int, Fraction))
        and not is_symbolic(value)
        and kind_of(field, value) == "array"  # kind_of refuses what no model takes
    ):
        value = _as_array(field, value)
    if isinstance(value, (int, Fraction)) and not isinstance(value, bool):
        _check_exact_size(field, value.numerator, value.denominator, value)
    if isinstance(value, np.ndarray):
        _check_array(field, value, lower, upper, lower_open, upper_open, requirement)
        return
    if is_symbolic(value):
        import sympy

        if value.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo):
            raise ParameterValueError(field, "finite", value)
        below = lower is not None and _is_definitely_false(
            sympy.Gt(value, lower) if lower_open else sympy.Ge(value, lower)
        )
        above = upper is not None and _is_definitely_false(
            sympy.Lt(value, upper) if upper_open else sympy.Le(value, upper)
        )
        if below or above:
            raise ParameterValueError(field, requirement, value)
        return
    if isinstance(value, float) and not math.isfinite(value):
        raise ParameterValueError(field, "a finite number", value)
    too_low = lower is not None and (value <= lower if lower_open else value < lower)
    too_high = upper is not None and (value >= upper if upper_open else value > upper)
    if too_low or too_high:
        raise ParameterValueError(field, requirement, value)


def _check_array(
    field: str,
    value: np.ndarray,
    lower: Any,
    upper: Any,
    lower_open: bool,
    upper_open: bool,
    requirement: str,
) -> None:
    bad = ~np.isfinite(value)
    if bad.any():
        index = tuple(int(i) for i in np.argwhere(bad)[0])
        raise ParameterValueError(field, "finite", float(value[index]), f"at index {index}")
    wrong = np.zeros(value.shape, dtype=bool)
    if lower is not None:
        wrong |= value <= float(lower) if lower_open else value < float(lower)
    if upper is not None:
        wrong |= value >= float(upper) if upper_open else value > float(upper)
    if wrong.any():
        index = tuple(int(i) for i in np.argwhere(wrong)[0])
        raise ParameterValueError(field, requirement, float(value[index]), f"at index {index}")


def check_order(low_field: str, low: Any, high_field: str, high: Any, *, strict: bool = True) -> None:
    """Raise :class:`ParameterValueError` on ``high_field`` unless ``low < high`` (``<=`` when not
    ``strict``) for every kind: element by element for arrays (the first index that fails is
    named), and for symbols only when the order is definitely violated.

    >>> check_order("cost_tough", np.array([0.1, 0.3]), "cost_soft", np.array([0.2, 0.1]))
    Traceback (most recent call last):
    ...
    bargaining.core.errors.ParameterValueError: cost_soft must be greater than cost_tough (0.3 there) (got 0.1 at index (1,))
    """
    requirement = "greater than" if strict else "at least"
    if is_symbolic(low) or is_symbolic(high):
        import sympy

        relation = sympy.Gt(high, low) if strict else sympy.Ge(high, low)
        if _is_definitely_false(relation):
            raise ParameterValueError(high_field, f"{requirement} {low_field} = {low}", high)
        return
    if isinstance(low, np.ndarray) or isinstance(high, np.ndarray):
        low_array, high_array = np.broadcast_arrays(np.asarray(low, float), np.asarray(high, float))
        wrong = ~(high_array > low_array if strict else high_array >= low_array)
        if wrong.any():
            index = tuple(int(i) for i in np.argwhere(wrong)[0])
            raise ParameterValueError(
                high_field,
                f"{requirement} {low_field} ({float(low_array[index])!r} there)",
                float(high_array[index]),
                f"at index {index}" if index else "",
            )
        return
    if not (high > low if strict else high >= low):
        raise ParameterValueError(high_field, f"{requirement} {low_field} = {describe(low)}", high)


def check_probability(field: str, value: Any) -> None:
    """A probability: in the closed interval [0, 1].

    >>> check_probability("power", 0.5)
    >>> check_probability("power", 1.5)
    Traceback (most recent call last):
    ...
    bargaining.core.errors.ParameterValueError: power must be a probability in [0, 1] (got 1.5)
    """
    check_range(field, value, 0, 1, requirement="a probability in [0, 1]")


def check_discount(field: str, value: Any) -> None:
    """A discount factor: in the open interval (0, 1).

    >>> check_discount("discount", 0.9)
    >>> check_discount("discount", 1)
    Traceback (most recent call last):
    ...
    bargaining.core.errors.ParameterValueError: discount must be a discount factor in (0, 1) (got 1)
    """
    check_range(
        field, value, 0, 1, lower_open=True, upper_open=True, requirement="a discount factor in (0, 1)"
    )


def check_nonnegative(field: str, value: Any) -> None:
    """A cost, a loss, a weight: zero or more.

    >>> check_nonnegative("cost", 0)
    >>> check_nonnegative("cost", -1)
    Traceback (most recent call last):
    ...
    bargaining.core.errors.ParameterValueError: cost must be non-negative (got -1)
    """
    check_range(field, value, 0, None, requirement="non-negative")


def check_positive(field: str, value: Any) -> None:
    """A strictly positive quantity (a rate, a risk-aversion exponent).

    >>> check_positive("rate", 2)
    >>> check_positive("rate", 0)
    Traceback (most recent call last):
    ...
    bargaining.core.errors.ParameterValueError: rate must be positive (got 0)
    """
    check_range(field, value, 0, None, lower_open=True, requirement="positive")

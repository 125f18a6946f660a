r"""How a power path's arguments are read: the path's kind, its normalisation and its checks,
with the scalar fields brought to the same kind (:class:`~bargaining.commitment.power_path.PowerPath`
settles itself through :func:`_settle_path`).

A path is exact (ints, Fractions), floats (floats or a numpy array: a float array) or symbolic;
the scalar fields follow it. The common case, a list or tuple of at most ``_SHORT`` Python
floats with plain scalars, is settled at once (:func:`_float_path`); anything else takes the
general steps, which name the field, the requirement and the value of an error.

>>> _float_path([0.25, 0.5]), _float_path([0.25, 2.0])
(array([0.25, 0.5 ]), None)
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from fractions import Fraction
from typing import Any, Literal

import numpy as np

from ..core.errors import Description, ParameterTypeError, ParameterValueError
from ..core.model import settle
from ..core.parameters import fast_of
from ..core.values import MAX_EXACT_DIGITS, check_probability, is_symbolic, kind_of

__all__: list[str] = []

_MAX_EXACT = 10**MAX_EXACT_DIGITS
#: One float path of at most this many periods is decided by the recursion on Python floats
#: (``power_path._sequential_minima``; numpy's cost per call is larger there), longer ones in blocks.
_SHORT = 32
PathKind = Literal["exact", "array", "symbolic"]


def _path_kind(power: Any) -> tuple[PathKind, bool]:
    """The kind of a power path: exact (ints, Fractions), array (floats, numpy) or symbolic; and
    whether it is a list or tuple of plain numbers (``int``, ``Fraction``, ``float``)."""
    if isinstance(power, np.ndarray):
        if power.dtype.kind not in "iuf" or power.dtype.kind == "b":
            raise ParameterTypeError("power", "a path of real numbers", power)
        if power.ndim not in (1, 2):
            raise ParameterValueError(
                "power", "a path (1-D) or a stack of paths (2-D)", Description(f"shape {power.shape}")
            )
        return "array", False
    if not isinstance(power, (list, tuple)):
        raise ParameterTypeError("power", "a sequence of probabilities (a power path)", power)
    types = set(map(type, power))
    if types <= _EXACT_TYPES and (types == _FLOATS or all(_exact_size(value) for value in power)):
        return ("array" if float in types else "exact"), True  # plain numbers first
    kind: PathKind = "exact"
    for item in power:
        if isinstance(item, (list, tuple, np.ndarray)):
            return "array", False
        item_kind = kind_of("power", item)
        if item_kind == "symbolic":
            kind = "symbolic"
        elif item_kind == "float" and kind == "exact":
            kind = "array"
    return kind, False


_EXACT_TYPES = frozenset({int, Fraction, float})  # the entries whose kind is read from their type
_FLOATS = frozenset({float})


def _exact_size(value: Any) -> bool:
    """Whether a path entry of a plain type is within the exact size :func:`kind_of` admits."""
    if type(value) is float:
        return True
    return bool(-_MAX_EXACT < value.numerator < _MAX_EXACT and value.denominator < _MAX_EXACT)


def _probabilities(power: Sequence[Any], floats: bool = False) -> bool:
    """Whether every entry of a plain path lies in [0, 1] (NaN fails every comparison) and, with
    ``floats``, is a Python ``float``."""
    for value in power:  # noqa: SIM110 - a loop, as all() of a generator costs more than a short path's check
        if (floats and type(value) is not float) or not 0 <= value <= 1:
            return False
    return True


def _float_path(power: Any) -> np.ndarray | None:
    """A list or tuple of at most ``_SHORT`` Python floats, each in [0, 1], as the float array
    :func:`_normalize_path` makes of it; else ``None`` (the general steps then decide)."""
    kind = type(power)
    if (kind is list or kind is tuple) and 0 < len(power) <= _SHORT and _probabilities(power, floats=True):
        return np.asarray(power, dtype=float)
    return None


def _normalize_path(power: Any, kind: PathKind, plain: bool) -> Any:
    """The path in its kind (``plain``: a list or tuple of plain numbers, as :func:`_path_kind` found)."""
    if kind == "array":
        if isinstance(power, (list, tuple)) and not plain:
            for item in power:
                for value in np.ravel(np.asarray(item, dtype=object)):
                    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
                        raise ParameterTypeError("power", "a path of real numbers", value)
            try:
                array = np.asarray(power, dtype=float)
            except ValueError:
                raise ParameterTypeError("power", "a rectangular stack of paths", power) from None
            if array.ndim not in (1, 2):
                raise ParameterValueError(
                    "power", "a path (1-D) or a stack of paths (2-D)", Description(f"shape {array.shape}")
                )
        else:
            array = np.asarray(power, dtype=float)
        if array.shape[-1] == 0:
            raise ParameterValueError("power", "a path of at least one period", Description("an empty path"))
        if not (plain and len(power) <= _SHORT and _probabilities(power)):  # a short plain path, as it is
            check_probability("power", array)
        return array
    if len(power) == 0:
        raise ParameterValueError("power", "a path of at least one period", Description("an empty path"))
    if kind == "symbolic":
        import sympy

        path = tuple(value if is_symbolic(value) else sympy.Rational(value) for value in power)
        for value in path:
            check_probability("power", value)
        return path
    path = tuple(value if type(value) is Fraction else Fraction(value) for value in power)
    for index, value in enumerate(path):
        if not 0 <= value.numerator <= value.denominator:  # 0 <= value <= 1, in integers
            raise ParameterValueError("power", "a probability in [0, 1]", value, f"at index ({index},)")
    return path


_FAST: dict[type, Any] = {}  # the fast path over the scalar fields, by class


def _settle_path(instance: Any, scalars: dict[str, Any]) -> PathKind:
    """Normalise ``power`` and the scalar fields to one kind; validate both (plain numbers by
    the class's compiled fast path, anything else by :func:`~bargaining.core.model.settle`). The
    common case, a short path of floats (:func:`_float_path`) with plain scalars, is settled at
    once; any other path takes the general steps, which name the error."""
    fast = _FAST.get(type(instance)) or _FAST.setdefault(
        type(instance), fast_of(type(instance), tuple(scalars))
    )
    scalar_kind = fast(instance)
    kind: PathKind = "array"
    power = None if scalar_kind is None else _float_path(instance.power)  # the common case, at once
    if power is not None:
        if scalar_kind != "float":
            _as_floats(instance, scalars)
    else:
        if scalar_kind is None:
            for name in scalars:
                value = getattr(instance, name)
                if isinstance(value, (np.ndarray, list, tuple)):
                    raise ParameterTypeError(name, "a scalar (the path itself carries the arrays)", value)
        path_kind, plain = _path_kind(instance.power)
        if scalar_kind is None:
            scalar_kind = settle(instance, scalars)
        if path_kind == "symbolic" or scalar_kind == "symbolic":
            if isinstance(instance.power, np.ndarray) or (path_kind == "array"):
                raise ParameterTypeError(
                    "power", "exact or symbolic entries when other fields are symbolic", instance.power
                )
            kind = "symbolic"
            import sympy

            for name in scalars:
                object.__setattr__(instance, name, sympy.sympify(getattr(instance, name)))
        elif path_kind == "array" or scalar_kind == "float":
            if scalar_kind != "float":  # the fast path and settle store floats already
                _as_floats(instance, scalars)
        else:
            kind = "exact"
        power = _normalize_path(instance.power, kind, plain)
    object.__setattr__(instance, "power", power)
    object.__setattr__(instance, "kind", kind)
    return kind


def _as_floats(instance: Any, names: dict[str, Any]) -> None:
    """Store the exact scalar fields ``names`` as floats (the kind of a float path)."""
    for name in names:
        object.__setattr__(instance, name, float(getattr(instance, name)))

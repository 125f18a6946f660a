r"""The four kinds of parameter value, and how a model's fields are brought to one kind.

Every model accepts, for each parameter, one of

* an **exact** number: ``int``, :class:`fractions.Fraction` (kept exact; results are ``Fraction``);
* a **float** (results are floats);
* an **array**: a numpy array or a list of numbers (results are arrays, broadcast across fields,
  computed with no Python loop per point);
* a **symbolic** sympy expression (results are sympy expressions; a sympy ``Rational`` counts as
  symbolic, so sympy in gives sympy out).

:func:`normalize` brings all the fields of one model to the most general kind among them
(symbolic > array > float > exact), so arithmetic never mixes, say, a ``Fraction`` into a float
array (numpy would silently make an ``object`` array of it). Validation is three-valued in the
manner of ``sympy.stats``: a check raises only when the condition is *definitely* false, so a
free symbol passes and a symbol declared ``negative=True`` is refused.

>>> from fractions import Fraction
>>> values, kind = normalize({"power": Fraction(1, 2), "costs": 1})
>>> kind, values["costs"]
('exact', Fraction(1, 1))
>>> normalize({"power": 0.5, "costs": 1})[0]["costs"]
1.0

Importing this module does not import sympy: a value is recognised as symbolic by the module its
type comes from.
"""

from __future__ import annotations

import numbers
import re
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any, Literal

import numpy as np

from .errors import Description, ParameterTypeError, ParameterValueError

__all__ = ["MAX_EXACT_DIGITS", "Kind", "is_symbolic", "kind_of", "normalize", "parse_fraction"]

Kind = Literal["exact", "float", "array", "symbolic"]
_RANK: dict[str, int] = {"exact": 0, "float": 1, "array": 2, "symbolic": 3}
_ACCEPTED = "a real number, Fraction, sympy expression or numeric array"


def is_symbolic(value: Any) -> bool:
    """Whether ``value`` is a sympy object, decided without importing sympy.

    >>> import sympy
    >>> is_symbolic(sympy.Symbol("x")), is_symbolic(0.5)
    (True, False)
    """
    return type(value).__module__.startswith("sympy")


#: The most decimal digits an exact number may have above or below its fraction bar: Python's own
#: limit for turning an integer into text (``sys.get_int_max_str_digits()``'s default). Beyond it
#: a result could not even be printed, and exact arithmetic grows without use; give a float.
MAX_EXACT_DIGITS = 4300
_MAX_EXACT = 10**MAX_EXACT_DIGITS


def _check_exact_size(field: str, numerator: int, denominator: int, value: Any) -> None:
    if abs(numerator) >= _MAX_EXACT or denominator >= _MAX_EXACT:
        raise ParameterValueError(
            field,
            f"an exact number with at most {MAX_EXACT_DIGITS} digits above and below the fraction bar "
            "(give a float for a number this large or this fine)",
            value,
        )


def kind_of(field: str, value: Any) -> Kind:
    """Classify one value, refusing what no model can take (strings, bools, complex numbers, exact
    numbers of more than :data:`MAX_EXACT_DIGITS` digits).

    >>> kind_of("power", Fraction(1, 10**5000))
    Traceback (most recent call last):
    ...
    bargaining.core.errors.ParameterValueError: power must be an exact number with at most 4300 digits above and below the fraction bar (give a float for a number this large or this fine) (got 1e-5000)
    """
    if isinstance(value, (bool, np.bool_)):
        raise ParameterTypeError(field, _ACCEPTED + ", not a bool", value)
    if isinstance(value, (int, Fraction, np.integer)):
        exact = Fraction(int(value)) if isinstance(value, np.integer) else value
        _check_exact_size(field, exact.numerator, exact.denominator, value)
        return "exact"
    if isinstance(value, (float, np.floating)):
        return "float"
    if isinstance(value, (np.ndarray, list, tuple)):
        return "array"
    if is_symbolic(value):
        import sympy

        if not isinstance(value, sympy.Expr):
            raise ParameterTypeError(field, _ACCEPTED + " (a sympy expression, not a relation)", value)
        if value.is_real is False:
            raise ParameterValueError(field, "real", value)
        if value.is_Rational:
            _check_exact_size(field, int(value.p), int(value.q), value)
        return "symbolic"
    raise ParameterTypeError(field, _ACCEPTED, value)


def _as_array(field: str, value: Any) -> np.ndarray:
    if isinstance(value, np.ndarray):
        if value.dtype.kind == "b" or value.dtype.kind not in "iuf":
            raise ParameterTypeError(field, "an array of real numbers", value)
        return value.astype(float, copy=False)
    if isinstance(value, (list, tuple)):
        for item in _flatten(value):
            if isinstance(item, (bool, np.bool_)) or not isinstance(item, numbers.Real):
                raise ParameterTypeError(field, "an array of real numbers", item)
        try:
            return np.asarray(value, dtype=float)
        except OverflowError:
            raise ParameterValueError(field, "an array of numbers within float range", value) from None
        except ValueError as error:  # ragged nesting
            raise ParameterTypeError(field, "a rectangular array of real numbers", value) from error
    return np.asarray(float(value))


_NUMBER_TEXT = re.compile(r"\s*([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d+))?(?:\s*/\s*(\d+))?\s*")


def parse_fraction(text: str) -> Fraction:
    """Read ``"3/5"``, ``"0.6"``, ``"2"`` or ``"2e-3"`` exactly; refuse anything else with a
    :class:`ValueError` that says what is allowed. Nothing is evaluated, and a number of more than
    :data:`MAX_EXACT_DIGITS` digits (``"1e5000"``) is refused before it is built.

    >>> parse_fraction("3/5"), parse_fraction(" 2.5e-1 ")
    (Fraction(3, 5), Fraction(1, 4))
    >>> parse_fraction("1e999999999")
    Traceback (most recent call last):
    ...
    ValueError: a number of at most 4300 digits (got 1e+999999999)
    """
    match = _NUMBER_TEXT.fullmatch(text) if isinstance(text, str) and len(text) < 10_000 else None
    if match is None:
        raise ValueError("a number such as 0.6, 3/5 or 2e-3")
    sign, mantissa, exponent, denominator = match.groups()
    digits = len(mantissa.replace(".", "").lstrip("0")) or 1
    scale = int(exponent) if exponent and len(exponent) < 12 else (0 if not exponent else 10**12)
    size = max(digits + abs(scale), len(denominator or ""))
    if size > MAX_EXACT_DIGITS or (exponent and len(exponent) >= 12):
        shown = f"{sign}{mantissa}e{scale:+d}" if len(mantissa) < 20 else f"a {digits}-digit number"
        raise ValueError(f"a number of at most {MAX_EXACT_DIGITS} digits (got {shown})")
    if denominator is not None and int(denominator) == 0:
        raise ValueError("a number such as 0.6, 3/5 or 2e-3 (the denominator is zero)")
    value = Fraction(f"{sign}{mantissa}e{scale}")
    return value / int(denominator) if denominator is not None else value


def _flatten(items: Iterable[Any]) -> Iterable[Any]:
    for item in items:
        if isinstance(item, (list, tuple)):
            yield from _flatten(item)
        else:
            yield item


def _convert(field: str, value: Any, kind: Kind) -> Any:
    if kind == "symbolic":
        import sympy

        if isinstance(value, (np.ndarray, list, tuple)):
            raise ParameterTypeError(field, "a scalar when other fields are symbolic", value)
        return sympy.sympify(value) if not is_symbolic(value) else value  # numbers only, never str
    try:
        if kind == "array":
            return _as_array(field, value)
        if kind == "float":
            return float(value)
    except OverflowError:
        raise ParameterValueError(
            field, "a number within float range (about ±1.8e308) when other fields are floats", value
        ) from None
    return Fraction(int(value)) if isinstance(value, (int, np.integer)) else value


def normalize(fields: Mapping[str, Any]) -> tuple[dict[str, Any], Kind]:
    """Bring every field to the most general kind among them; return the values and that kind.

    Arrays must broadcast against each other; the error names the fields whose shapes clash.

    >>> normalize({"power": [0.2, 0.4], "costs": 0})[0]["costs"]
    array(0.)
    >>> normalize({"power": [0.2, 0.4], "costs": [1, 2, 3]})
    Traceback (most recent call last):
    ...
    bargaining.core.errors.ParameterValueError: costs must be broadcastable with power's shape (2,) (got shape (3,))
    """
    kinds = {name: kind_of(name, value) for name, value in fields.items()}
    kind: Kind = max(kinds.values(), key=_RANK.__getitem__, default="exact")
    converted = {name: _convert(name, value, kind) for name, value in fields.items()}
    if kind == "array":
        shape: tuple[int, ...] = ()
        first = ""
        for name, value in converted.items():
            try:
                shape = np.broadcast_shapes(shape, value.shape)
            except ValueError:
                raise ParameterValueError(
                    name, f"broadcastable with {first}'s shape {shape}", Description(f"shape {value.shape}")
                ) from None
            if value.shape and not first:
                first = name
    return converted, kind

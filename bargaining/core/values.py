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

import contextlib
import contextvars
import math
import numbers
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Literal

import numpy as np

from .errors import Description, ParameterTypeError, ParameterValueError, describe

__all__ = [
    "Case",
    "Kind",
    "Regime",
    "RegimeCodes",
    "at_least",
    "check_discount",
    "check_nonnegative",
    "check_order",
    "check_positive",
    "check_probability",
    "check_range",
    "clip",
    "every",
    "is_symbolic",
    "kind_of",
    "maximum",
    "minimum",
    "negation",
    "normalize",
    "parse_fraction",
    "plain_regimes",
    "power",
    "ratio",
    "regime_codes",
    "select",
    "select_label",
    "some",
]

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


# --------------------------------------------------------------------------- validation


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


# --------------------------------------------------------------------------- regimes


@dataclass(frozen=True, slots=True)
class Case:
    """One regime of a piecewise closed form: its name, when it holds, and its value there.

    Cases are tried in order; the first whose condition holds applies, so the last is the
    catch-all (its condition is ``True``).

    >>> from fractions import Fraction
    >>> select("exact", [Case("low", Fraction(1, 3) < Fraction(1, 2), 0), Case("high", True, 1)])
    0
    """

    label: str
    condition: Any
    value: Any


@dataclass(frozen=True, slots=True)
class Regime:
    """A regime of a symbolic solution: its name and the region of parameters where it holds.

    >>> import sympy
    >>> x = sympy.Symbol("x", positive=True)
    >>> select_label("symbolic", [Case("low", x < 1, 0), Case("high", True, 1)])[0]
    Regime(label='low', condition=x < 1)
    """

    label: str
    condition: Any

    def latex(self) -> str:
        """The condition as LaTeX, for a paper.

        >>> import sympy
        >>> x = sympy.Symbol("x", positive=True)
        >>> Regime("low", x < 1).latex()
        'x < 1'
        """
        import sympy

        return str(sympy.latex(self.condition))


def _array_select(conditions: Sequence[Any], choices: Sequence[Any]) -> np.ndarray:
    """The first case that holds, element by element: a chain of ``np.where`` from the last
    case back (each pass broadcasts, so no mask is materialised beyond the result's shape)."""
    shape = np.broadcast_shapes(*(np.shape(item) for item in (*conditions, *choices)))
    result = np.broadcast_to(np.asarray(choices[-1]), shape)
    for condition, choice in zip(reversed(conditions[:-1]), reversed(choices[:-1])):
        result = np.where(condition, choice, result)
    return np.asarray(result)


def select(kind: Kind, cases: Sequence[Case]) -> Any:
    """The value of a piecewise closed form: ``Piecewise`` for symbols, ``np.select`` for arrays.

    >>> from fractions import Fraction
    >>> select("exact", [Case("low", Fraction(1) < 0, 0), Case("high", True, Fraction(1, 2))])
    Fraction(1, 2)
    """
    if kind == "symbolic":
        import sympy

        return sympy.piecewise_fold(sympy.Piecewise(*[(c.value, c.condition) for c in cases]))
    if kind == "array":
        return _array_select([c.condition for c in cases], [c.value for c in cases])
    for case in cases:
        if case.condition is True or bool(case.condition):
            return case.value
    raise AssertionError("the last case must hold unconditionally")  # pragma: no cover


def select_label(kind: Kind, cases: Sequence[Case]) -> Any:
    """The name of the regime that holds: a ``str``, an array of ``str``, or, for symbols, the
    tuple of :class:`Regime` with the simplified condition under which each one holds (inside
    :func:`plain_regimes`, the condition as built, unsimplified).

    >>> select_label("array", [Case("low", np.array([True, False]), 0), Case("high", True, 1)]).tolist()
    ['low', 'high']
    """
    if kind == "symbolic":
        import sympy

        regions: dict[str, Any] = {}
        excluded: Any = sympy.false
        for case in cases:
            condition = sympy.And(sympy.sympify(case.condition), sympy.Not(excluded))
            regions[case.label] = sympy.Or(regions.get(case.label, sympy.false), condition)
            excluded = sympy.Or(excluded, sympy.sympify(case.condition))
        simplify = not _PLAIN.get()
        simplified = {
            label: sympy.simplify_logic(region) if simplify and region.free_symbols else region
            for label, region in regions.items()
        }
        return tuple(
            Regime(label, region) for label, region in simplified.items() if region is not sympy.false
        )
    if kind == "array":  # integer codes first (cheap), then one lookup into the labels
        names = list(dict.fromkeys(c.label for c in cases))
        codes = _array_select([c.condition for c in cases], [np.int8(names.index(c.label)) for c in cases])
        if _AS_CODES.get():
            return RegimeCodes(codes, tuple(names))
        return np.asarray(names)[codes]
    return select(kind, [Case(c.label, c.condition, c.label) for c in cases])


@dataclass(frozen=True, slots=True)
class RegimeCodes:
    """Array regime labels as small integer codes into ``names``: what :func:`select_label`
    gives inside :func:`regime_codes` instead of an array of strings.

    >>> with regime_codes():
    ...   coded = select_label("array", [Case("low", np.array([True, False]), 0), Case("high", True, 1)])
    >>> coded.codes.tolist(), coded.names
    ([0, 1], ('low', 'high'))
    """

    codes: np.ndarray
    names: tuple[str, ...]

    def labels(self) -> np.ndarray:
        """The labels as an array of strings (what :func:`select_label` gives outside).

        >>> with regime_codes():
        ...   coded = select_label("array", [Case("low", np.array([True, False]), 0), Case("high", True, 1)])
        >>> coded.labels().tolist()
        ['low', 'high']
        """
        labels: np.ndarray = np.asarray(self.names)[self.codes]
        return labels


_AS_CODES: contextvars.ContextVar[bool] = contextvars.ContextVar("regime_codes", default=False)


@contextlib.contextmanager
def regime_codes() -> Iterator[None]:
    """Within this context, array regimes come back as :class:`RegimeCodes` (integer codes and
    their names) instead of arrays of strings.

    Building a string per point costs more than the closed form itself; the sweep engine, which
    stores regimes as integer codes anyway, evaluates its chunks in this context. Scalars and
    symbols are unaffected.

    >>> import numpy as np
    >>> cases = [Case("low", np.array([True, False]), 0), Case("high", True, 1)]
    >>> with regime_codes():
    ...     coded = select_label("array", cases)
    >>> coded.codes.tolist(), coded.names, coded.labels().tolist()
    ([0, 1], ('low', 'high'), ['low', 'high'])
    """
    token = _AS_CODES.set(True)
    try:
        yield
    finally:
        _AS_CODES.reset(token)


_PLAIN: contextvars.ContextVar[bool] = contextvars.ContextVar("plain_regimes", default=False)


@contextlib.contextmanager
def plain_regimes() -> Iterator[None]:
    """Within this context, symbolic regimes keep their conditions as built (``And``/``Or``/``Not``
    of the cases' conditions) instead of simplified.

    The simplification (:func:`sympy.simplify_logic`) costs more than the closed form itself and
    serves only a reader; the claims' prover, which reads the values and never the regimes'
    conditions, evaluates the models in this context. The values are unaffected, and so are
    scalars and arrays.

    >>> import sympy
    >>> x, y = sympy.symbols("x y", real=True)
    >>> cases = [Case("low", x < 0, 0), Case("low", y < 0, 0), Case("high", True, 1)]
    >>> with plain_regimes():
    ...     plain = select_label("symbolic", cases)
    >>> print(plain[0].condition, "|", select_label("symbolic", cases)[0].condition)
    (x < 0) | ((x >= 0) & (y < 0)) | (x < 0) | (y < 0)
    """
    token = _PLAIN.set(True)
    try:
        yield
    finally:
        _PLAIN.reset(token)


# --------------------------------------------------------------------------- kind-aware arithmetic


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

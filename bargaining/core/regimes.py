r"""Piecewise closed forms: their cases, the value and the regime that hold, for every kind.

A closed form with corners is a list of :class:`Case` (label, condition, value), tried in order.
:func:`select` gives its value (a ``Piecewise`` for symbols, a chain of ``np.where`` for arrays, the
first case that holds for numbers) and :func:`select_label` the regime (for symbols each regime
with its region; for arrays strings, or integer codes inside :func:`regime_codes`).
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple, TypeVar

import numpy as np

from .kinds import Kind

__all__ = [
    "Case",
    "Regime",
    "RegimeCodes",
    "holding",
    "plain_regimes",
    "regime_codes",
    "select",
    "select_each",
    "select_label",
]


C = TypeVar("C", bound=tuple[Any, ...])  # a Case, or its fields as a plain tuple


class Case(NamedTuple):
    """One regime of a piecewise closed form: its name, when it holds, and its value there.

    Cases are tried in order; the first whose condition holds applies, so the last is the
    catch-all (its condition is ``True``). A named tuple, so that the regimes :func:`holding`
    reads for numbers may be given as plain ``(label, condition, value)`` tuples instead
    (building a ``Case`` costs a Python call, and a scalar solve passes over several).

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


def holding(cases: Iterable[C]) -> C:
    """The first case that holds, for numbers (exact or float): what :func:`select` and
    :func:`select_label` find there, found once.

    ``cases`` may be a generator that builds each case only when the ones before it failed: a
    scalar solve then never computes the regimes after the one that holds (for symbols and
    arrays every case is needed, and the generator is read whole). A case may be a :class:`Case`
    or its fields as a plain ``(label, condition, value)`` tuple, which a generator builds for
    less than a ``Case``; the one that holds is returned as it came.

    >>> def cases():
    ...     yield Case("low", False, 0)
    ...     yield "high", True, 1
    ...     raise AssertionError("never reached")
    >>> holding(cases())
    ('high', True, 1)
    """
    for case in cases:
        condition = case[1]
        if condition is True or bool(condition):
            return case
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
    for case in cases:
        if case.condition is True or bool(case.condition):
            return case.label
    raise AssertionError("the last case must hold unconditionally")  # pragma: no cover


def select_each(kind: Kind, cases: Sequence[Case]) -> tuple[Any, ...]:
    """:func:`select` for cases whose values are tuples: the piecewise value of each component
    (for numbers the case that holds is found once).

    >>> select_each("exact", [Case("low", False, (0, 1)), Case("high", True, (2, 3))])
    (2, 3)
    """
    if kind in ("symbolic", "array"):
        width = len(cases[0].value)
        return tuple(
            select(kind, [Case(c.label, c.condition, c.value[i]) for c in cases]) for i in range(width)
        )
    for case in cases:
        if case.condition is True or bool(case.condition):
            return tuple(case.value)
    raise AssertionError("the last case must hold unconditionally")  # pragma: no cover


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

"""The cross-kind harness: one model evaluated exactly, in floats, on arrays and on symbols.

A :class:`Spec` names a model's domain (a hypothesis strategy of exact points) and its main
outputs (a function from parameters of any kind to a flat mapping of named outputs). The tests in
this folder hold, for every spec, that

* the exact evaluation is exact (Fractions, ints, bools, labels or exact sympy numbers);
* the float evaluation of the same point agrees within ``RELATIVE`` (or ``ABSOLUTE`` near 0);
* the array evaluation of a batch of points agrees element by element with the exact value of
  each point (the path every sweep uses);
* the symbolic evaluation, done once per model, gives the exact value of each point after
  substitution (or the model refuses symbols with a ParameterTypeError, as documented).

Regime boundaries: a float can land on either side of an exact tie (a point with denominator 60
often sits exactly on a boundary). A float or array value that disagrees with the exact one is
therefore accepted only when some exact point within ``NUDGE`` of it (one parameter nudged up or
down) gives that value: the disagreement is then rounding at a boundary, not a wrong formula.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
import sympy
from hypothesis import strategies as st

from bargaining import ParameterTypeError, ParameterValueError

RELATIVE = 1e-9
ABSOLUTE = 1e-12
NUDGE = Fraction(1, 10**9)
BATCH = 50

Point = dict[str, Any]
Outputs = Mapping[str, Any]


@dataclass(frozen=True)
class Spec:
    """One model: its domain, its outputs, and which kinds it takes.

    ``discrete`` fields (integers such as a deadline) keep their value in every kind and one value
    across an array batch; ``shared`` fields are floats in a batch but one scalar for all of it
    (a model whose array axis is carried by another field). A tuple-valued field (a path) is a
    tuple of floats, a 2-D array (one row per point) and a tuple of symbols; ``signed`` fields get real symbols (the others non-negative ones).
    ``symbolic``/``array`` are ``True`` when the kind is taken, else the documented reason it is
    refused (the test then requires a ParameterTypeError, or ``refusal``); ``inexact`` says why
    exact inputs give floats (a documented transcendental result), else they must stay exact.
    ``slow`` lists the kinds whose test takes more than a few seconds (marked slow).
    ``xfail`` maps a kind (``float``/``array``/``symbolic``) to a known disagreement (strict xfail).
    """

    name: str
    points: st.SearchStrategy[Point]
    outputs: Callable[[Point], Outputs]
    discrete: tuple[str, ...] = ()
    signed: tuple[str, ...] = ()
    array: bool | str = True
    symbolic: bool | str = True
    symbolic_points: int = 12
    array_examples: int = 4
    float_examples: int = 25
    positive: tuple[str, ...] = field(default=())
    shared: tuple[str, ...] = ()
    refusal: type[Exception] = ParameterTypeError
    inexact: str = ""
    xfail: Mapping[str, str] = field(default_factory=dict)
    slow: tuple[str, ...] = ()
    batch: int = BATCH

    def __str__(self) -> str:
        return self.name

    def __hash__(self) -> int:
        return hash(self.name)

    def param(self, kind: str) -> Any:
        """This spec as a pytest parameter of the test of ``kind``, xfailed where it is known to disagree."""
        import pytest

        marks = [pytest.mark.xfail(strict=True, reason=self.xfail[kind])] if kind in self.xfail else []
        if kind in self.slow:
            marks.append(pytest.mark.slow)
        return pytest.param(self, marks=marks, id=self.name)


# --------------------------------------------------------------------------- kinds of a point


def _float(value: Any) -> Any:
    return tuple(float(v) for v in value) if isinstance(value, tuple) else float(value)


def as_floats(spec: Spec, point: Point) -> Point:
    return {k: v if k in spec.discrete else _float(v) for k, v in point.items()}


def as_arrays(spec: Spec, points: list[Point]) -> Point:
    first = points[0]
    arrays: Point = {}
    for k in first:
        if k in spec.discrete:
            arrays[k] = first[k]
        elif k in spec.shared:
            arrays[k] = _float(first[k])
        else:
            arrays[k] = np.array([_float(p[k]) for p in points])
    return arrays


def symbols_of(spec: Spec, point: Point) -> dict[str, Any]:
    made: dict[str, Any] = {}
    for k in point:
        if k in spec.discrete:
            continue
        if isinstance(point[k], tuple):
            made[k] = tuple(sympy.Symbol(f"{k}_{i}", nonnegative=True) for i in range(len(point[k])))
        elif k in spec.signed:
            made[k] = sympy.Symbol(k, real=True)
        elif k in spec.positive:
            made[k] = sympy.Symbol(k, positive=True)
        else:
            made[k] = sympy.Symbol(k, nonnegative=True)
    return made


# --------------------------------------------------------------------------- comparisons


def is_exact(value: Any) -> bool:
    """Whether an output of an exact evaluation is exact."""
    if value is None or value in (math.inf, -math.inf) or isinstance(value, (bool, np.bool_, str, int, Fraction)):
        return True
    if isinstance(value, sympy.Basic):
        return not value.free_symbols and not value.atoms(sympy.Float)
    return False


def number(value: Any) -> float:
    if isinstance(value, sympy.Basic):
        return float(sympy.N(value, 30))
    return float(value)


def agrees(exact: Any, other: Any) -> bool:
    """Whether a float/array element/substituted value equals the exact one (to ``RELATIVE``)."""
    if exact is None or other is None:
        return exact is None and other is None
    if isinstance(exact, str):
        return str(other) == exact
    if isinstance(exact, (bool, np.bool_)) or exact in (sympy.true, sympy.false):
        return bool(other) == bool(exact)
    if isinstance(other, (bool, np.bool_, str)):
        return False
    e, o = number(exact), number(other)
    if math.isinf(e) or math.isinf(o):
        return e == o
    return math.isclose(e, o, rel_tol=RELATIVE, abs_tol=ABSOLUTE)


def nudged(point: Point, spec: Spec) -> list[Point]:
    """The exact points one ``NUDGE`` away from ``point`` along one parameter."""
    around = []
    for k, v in point.items():
        if k in spec.discrete:
            continue
        for step in (NUDGE, -NUDGE):
            if isinstance(v, tuple):
                around.extend({**point, k: (*v[:i], x + step, *v[i + 1 :])} for i, x in enumerate(v))
            else:
                around.append({**point, k: v + step})
    return around


def explained_by_a_tie(spec: Spec, point: Point, name: str, value: Any) -> bool:
    """Whether an exact evaluation next to ``point`` gives ``value`` for output ``name``."""
    for near in nudged(point, spec):
        try:
            outputs = spec.outputs(near)
        except ParameterValueError:
            continue
        if agrees(outputs[name], value):
            return True
    return False


def check_agreement(spec: Spec, point: Point, exact: Outputs, other: Outputs, how: str) -> None:
    assert set(other) == set(exact), (spec.name, how, set(other) ^ set(exact))
    for name, value in exact.items():
        if not agrees(value, other[name]) and not explained_by_a_tie(spec, point, name, other[name]):
            raise AssertionError(
                f"{spec.name}.{name}: {how} gives {other[name]!r}, exact {value!r} at {point}"
            )


def element(value: Any, index: int, size: int) -> Any:
    if isinstance(value, (str, type(None))):
        return value
    return np.broadcast_to(np.asarray(value), (size,))[index]


def substituted(value: Any, values: Mapping[Any, Any]) -> Any:
    """A symbolic output at one point: a number, a truth value, or the label whose region holds."""
    if isinstance(value, tuple) and value and hasattr(value[0], "condition"):  # regimes
        holding = [r.label for r in value if bool(sympy.sympify(r.condition).subs(values))]
        assert len(holding) == 1, (holding, values)
        return holding[0]
    if isinstance(value, (str, type(None), bool, int, Fraction)):
        return value
    result = sympy.sympify(value).subs(values)
    if isinstance(result, sympy.Basic) and result.free_symbols:
        result = sympy.simplify(result)
    assert not result.free_symbols, (value, values)
    if result.is_Boolean or result in (sympy.true, sympy.false):
        return bool(result)
    return result


def exact_scalar(value: Any) -> Any:
    """Sympy Rationals as Fractions, to compare with the exact evaluation."""
    return Fraction(int(value.p), int(value.q)) if isinstance(value, sympy.Rational) else value


def substitutions(symbols: Mapping[str, Any], point: Point) -> dict[Any, Any]:
    """The symbol → Rational map that puts ``point`` into a symbolic evaluation."""
    values: dict[Any, Any] = {}
    for k, symbol in symbols.items():
        pairs = zip(symbol, point[k]) if isinstance(symbol, tuple) else [(symbol, point[k])]
        values.update({s: sympy.Rational(v.numerator, v.denominator) for s, v in pairs})
    return values


def path_items(name: str, path: Any, length: int) -> dict[str, Any]:
    """A path output (tuple, or an array with the path on the last axis) as named scalars."""
    if isinstance(path, np.ndarray):
        return {f"{name}[{t}]": path[..., t] for t in range(length)}
    return {f"{name}[{t}]": path[t] for t in range(length)}


def refuses(spec: Spec, point: Point) -> None:
    """The model refuses a kind with a clear error (the documented limitation): a
    ParameterTypeError, or the NotImplementedError of the few solvers that need numbers."""
    try:
        spec.outputs(point)
    except spec.refusal as error:
        assert str(error), spec.name
    else:
        raise AssertionError(f"{spec.name} accepted a kind it documents as refused")

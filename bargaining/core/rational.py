r"""Exact arithmetic for long closed forms: GMP's rationals (``gmpy2.mpq``) in the steps.

A :class:`~fractions.Fraction` step is a Python-level operation that reduces its result by a
greatest common divisor; a closed form of a hundred steps on exact numbers pays a hundred of them.
:func:`deferred` gives a copy of a model whose ``Fraction`` fields are ``gmpy2.mpq`` (GMP's exact
rationals, each step in C); the model's one closed form runs on it unchanged, and :func:`reduced`
turns each result back into the ``Fraction`` it equals. The value is the same rational number, so
the ``Fraction`` that comes out is exactly the one step-by-step ``Fraction`` arithmetic gives.

>>> from fractions import Fraction
>>> value = mpq(1, 6) * 3 + Fraction(1, 2) - 1
>>> value, reduced(value)
(mpq(0,1), Fraction(0, 1))
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from fractions import Fraction
from typing import Any, TypeVar

from gmpy2 import mpq

__all__ = ["deferred", "mpq", "reduced"]

T = TypeVar("T")
_MPQ = type(mpq(0))
_new = object.__new__


def reduced(value: Any) -> Any:
    """A ``gmpy2.mpq`` as the ``Fraction`` it equals; anything else not of gmpy2 as given. A
    gmpy2 float (a float step inside an exact closed form) raises: nothing of gmpy2 leaves.

    >>> reduced(mpq(6, 8)), reduced("full compliance")
    (Fraction(3, 4), 'full compliance')
    """
    kind = type(value)
    if kind is _MPQ:
        return Fraction(int(value.numerator), int(value.denominator))
    if kind.__module__ == "gmpy2":
        raise TypeError(f"an exact closed form gave a {kind.__name__}, not a rational: {value!r:.40}")
    return value


_FIELDS: dict[type, tuple[tuple[str, ...], Callable[[Any], Any]]] = {}


def deferred(instance: T) -> T:
    """A copy of a slotted model (made without ``__init__``: it was validated) whose ``Fraction``
    fields are ``gmpy2.mpq``, for the model's closed form to run on; :func:`reduced` brings each
    result back.

    >>> from bargaining.crisis import RiskReturn
    >>> copy = deferred(RiskReturn(Fraction(1, 2), Fraction(1, 10), 0, Fraction(2, 5)))
    >>> copy.power, copy.kind
    (mpq(1,2), 'exact')
    """
    model = type(instance)
    fields = _FIELDS.get(model)
    if fields is None:
        names = tuple(model.__dataclass_fields__)  # type: ignore[attr-defined]
        getter = operator.attrgetter(*names) if len(names) > 1 else lambda model: (getattr(model, names[0]),)
        fields = _FIELDS[model] = (names, getter)
    names, values = fields
    copy = _new(model)
    setter = object.__setattr__
    for name, value in zip(names, values(instance)):
        setter(copy, name, mpq(value.numerator, value.denominator) if type(value) is Fraction else value)
    return copy

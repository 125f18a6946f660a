r"""Exact arithmetic that reduces once, at the end: the intermediate steps of a closed form.

A :class:`~fractions.Fraction` reduces every result by a greatest common divisor, and a closed
form of a hundred steps on exact numbers pays a hundred reductions (with the type checks around
each) for one result. :class:`Rational` is the same number held as an unreduced pair of
integers :math:`n/d` (:math:`d > 0`): each step is a few integer products, and :func:`reduced`
turns the result into a ``Fraction`` with one reduction. The value is the same rational number,
so the ``Fraction`` that comes out is exactly the one step-by-step ``Fraction`` arithmetic gives.

A model runs its own closed form on :func:`deferred`, a copy of itself whose ``Fraction`` fields
are :class:`Rational`; the formula is written once and does not know which it gets.

>>> from fractions import Fraction
>>> value = Rational.of(Fraction(1, 6)) * 3 + Fraction(1, 2) - 1
>>> value, reduced(value)
(Rational(0, 12), Fraction(0, 1))

A pair that grows past :data:`LIMIT` bits is reduced on the spot, so that a long chain of steps
on numbers with common factors does not carry them all.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable
from fractions import Fraction
from typing import Any, TypeVar

__all__ = ["LIMIT", "Rational", "deferred", "reduced"]

#: The size (in bits of the denominator) past which a result is reduced at once.
LIMIT = 256
_BOUND = 1 << LIMIT
_ZERO, _ONE = Fraction(0), Fraction(1)  # immutable, so shared

T = TypeVar("T")


_new = object.__new__


def _reduce(numerator: int, denominator: int) -> Rational:
    """A pair that has grown past :data:`LIMIT` bits, reduced."""
    common = math.gcd(numerator, denominator)
    return _pair(numerator // common, denominator // common)


def _pair(numerator: int, denominator: int) -> Rational:
    """A :class:`Rational` without the ``__init__`` frame (a step of a formula builds many)."""
    made = _new(Rational)
    made.numerator, made.denominator = numerator, denominator
    return made


def _additive(own: int, other: int) -> Callable[[Rational, Any], Rational]:
    """``own * self + other * operand`` (each sign 1 or -1): addition, subtraction and the
    reflected subtraction, one body."""

    def operation(self: Rational, operand: Any) -> Rational:
        try:
            n, d = operand.numerator, operand.denominator
        except AttributeError:
            return NotImplemented  # type: ignore[no-any-return]  # a dunder by assignment
        m, e = self.numerator, self.denominator
        if own < 0:
            m = -m
        elif not n:
            return self
        elif not m and other > 0 and type(operand) is Rational:  # zero plus a step
            return operand
        if other < 0:
            n = -n
        if d == e:  # a common denominator: an int and an int-valued step, or steps alike
            n += m
        else:
            n, d = m * d + n * e, e * d
            if d >= _BOUND:
                return _reduce(n, d)
        made = _new(Rational)  # no __init__ frame: the steps are the hot loop
        made.numerator, made.denominator = n, d
        return made

    return operation


class Rational:
    """An exact rational number :math:`n/d`, not reduced after each operation.

    Built from a pair whose denominator is positive (the caller's promise: the constructor checks
    nothing, as each operation builds one), or from a ``Fraction`` or an ``int`` by
    :meth:`of`. It takes part in arithmetic and comparisons with ``int``, ``Fraction`` and
    itself; any other operand (a float, a symbol) is refused, as the closed form's kind is
    exact. Division by zero raises :class:`ZeroDivisionError`, as for a ``Fraction``.

    >>> half = Rational(2, 4)
    >>> half + Rational(1, 4), half * 2 == 1, -half < 0, float(half), half**-2
    (Rational(3, 4), True, True, 0.5, Rational(16, 4))
    """

    __slots__ = ("denominator", "numerator")
    __hash__ = None  # type: ignore[assignment]  # a step of a formula, not a key

    def __init__(self, numerator: int, denominator: int) -> None:
        self.numerator = numerator
        self.denominator = denominator

    @classmethod
    def of(cls, value: Fraction | int) -> Rational:
        """The same number as a :class:`Rational`.

        >>> Rational.of(Fraction(-3, 4)), Rational.of(2)
        (Rational(-3, 4), Rational(2, 1))
        """
        return cls(value.numerator, value.denominator)

    def __repr__(self) -> str:
        return f"Rational({self.numerator}, {self.denominator})"

    def __float__(self) -> float:
        return float(Fraction(self.numerator, self.denominator))

    def __bool__(self) -> bool:
        return self.numerator != 0

    # -- arithmetic: an int, a Fraction or a Rational has a numerator and a denominator ----------

    __add__ = __radd__ = _additive(own=1, other=1)
    __sub__ = _additive(own=1, other=-1)
    __rsub__ = _additive(own=-1, other=1)

    def __mul__(self, other: Any) -> Rational:
        try:
            numerator, denominator = self.numerator * other.numerator, self.denominator * other.denominator
        except AttributeError:
            return NotImplemented
        if not numerator:  # a zero factor (a parameter left at zero): one shared zero
            return _NOUGHT
        if self.numerator == self.denominator and type(other) is Rational:  # a unit factor
            return other
        if denominator >= _BOUND:
            return _reduce(numerator, denominator)
        made = _new(Rational)
        made.numerator, made.denominator = numerator, denominator
        return made

    __rmul__ = __mul__

    def __truediv__(self, other: Any) -> Rational:
        try:
            numerator, denominator = self.numerator * other.denominator, self.denominator * other.numerator
        except AttributeError:
            return NotImplemented
        if denominator <= 0:
            if not denominator:
                raise ZeroDivisionError(f"Rational({self.numerator}, 0)")
            numerator, denominator = -numerator, -denominator
        return _pair(numerator, denominator) if denominator < _BOUND else _reduce(numerator, denominator)

    def __rtruediv__(self, other: Any) -> Rational:
        try:
            return Rational(other.numerator, other.denominator) / self
        except AttributeError:
            return NotImplemented

    def __pow__(self, exponent: int) -> Rational:
        if type(exponent) is not int:
            return NotImplemented
        if exponent < 0:
            return 1 / self ** (-exponent)
        return _pair(self.numerator**exponent, self.denominator**exponent)

    def __neg__(self) -> Rational:
        return _pair(-self.numerator, self.denominator)

    def __pos__(self) -> Rational:
        return self

    def __abs__(self) -> Rational:
        return _pair(abs(self.numerator), self.denominator)

    # -- comparisons, in integers: the sign of n/d - m/e is that of n e - m d (d, e > 0) ----------

    def _difference(self, other: Any) -> int | None:
        try:
            return self.numerator * other.denominator - other.numerator * self.denominator  # type: ignore[no-any-return]
        except AttributeError:
            return None

    def __eq__(self, other: object) -> bool:
        difference = self._difference(other)
        return NotImplemented if difference is None else difference == 0

    def __lt__(self, other: Any) -> bool:
        difference = self._difference(other)
        return NotImplemented if difference is None else difference < 0

    def __le__(self, other: Any) -> bool:
        difference = self._difference(other)
        return NotImplemented if difference is None else difference <= 0

    def __gt__(self, other: Any) -> bool:
        difference = self._difference(other)
        return NotImplemented if difference is None else difference > 0

    def __ge__(self, other: Any) -> bool:
        difference = self._difference(other)
        return NotImplemented if difference is None else difference >= 0


_NOUGHT = Rational(0, 1)  # never changed (no operation changes its operands), so shared


def reduced(value: Any) -> Any:
    """A :class:`Rational` as the ``Fraction`` it equals (one reduction); anything else as given.

    >>> reduced(Rational(6, 8)), reduced("full compliance")
    (Fraction(3, 4), 'full compliance')
    """
    if type(value) is not Rational:
        return value
    numerator, denominator = value.numerator, value.denominator
    if not numerator:
        return _ZERO
    return _ONE if numerator == denominator else Fraction(numerator, denominator)


_FIELDS: dict[type, tuple[tuple[str, ...], Callable[[Any], Any], list[tuple[Any, Any]]]] = {}


def deferred(instance: T) -> T:
    """A copy of a slotted model (made without ``__init__``: it was validated) whose ``Fraction``
    fields are :class:`Rational`, for the model's closed form to run on; :func:`reduced` brings
    each result back.

    A field that holds the very ``Fraction`` object it held last time (a default the fast path
    stores, shared by every instance) takes the ``Rational`` made then: a step never changes its
    operands, so one may serve many copies.

    >>> from bargaining.crisis import RiskReturn
    >>> copy = deferred(RiskReturn(Fraction(1, 2), Fraction(1, 10), 0, Fraction(2, 5)))
    >>> copy.power, copy.kind
    (Rational(1, 2), 'exact')
    """
    model = type(instance)
    fields = _FIELDS.get(model)
    if fields is None:
        names = tuple(model.__dataclass_fields__)  # type: ignore[attr-defined]
        getter = operator.attrgetter(*names) if len(names) > 1 else lambda model: (getattr(model, names[0]),)
        fields = _FIELDS[model] = (names, getter, [(None, None)] * len(names))
    names, values, last = fields
    copy = _new(model)
    setter = object.__setattr__
    for index, value in enumerate(values(instance)):
        if type(value) is Fraction:
            seen = last[index]
            if seen[0] is not value:
                seen = last[index] = (value, _pair(*value.as_integer_ratio()))
            value = seen[1]
        setter(copy, names[index], value)
    return copy

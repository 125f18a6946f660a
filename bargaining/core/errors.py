"""The error hierarchy of :mod:`bargaining`.

Every error the package raises on bad input is a :class:`BargainingError`, so a caller can catch
all of them at once, and also a :class:`ValueError` or :class:`TypeError`, so a caller that knows
nothing of this package catches them the usual way. Messages name the field, the requirement and
the value received:

>>> from bargaining import ParameterValueError
>>> raise ParameterValueError("power", "a probability in [0, 1]", 1.3)
Traceback (most recent call last):
...
bargaining.core.errors.ParameterValueError: power must be a probability in [0, 1] (got 1.3)
"""

from __future__ import annotations

import math
import numbers
import re
from fractions import Fraction
from typing import Any

__all__ = [
    "BargainingError",
    "ConvergenceError",
    "DegenerateGameWarning",
    "Description",
    "ParameterTypeError",
    "ParameterValueError",
]


class Description(str):
    """A received value already described in words (``"shape (3,)"``): shown as it is.

    >>> str(ParameterValueError("horizon", "at most 100", Description("a very long horizon")))
    'horizon must be at most 100 (got a very long horizon)'
    """


_DIGITS = re.compile(r"\d{31}")  # a string holding a run of more digits is shortened


def short_number(value: Any) -> str:
    """An exact or float number in at most about 30 characters: huge or tiny numbers and long
    fractions in scientific notation, computed without ever turning a huge integer into digits
    (which Python refuses above ``sys.get_int_max_str_digits()``).

    >>> short_number(10**5000), short_number(Fraction(1, 3 * 10**40)), short_number(Fraction(3, 5))
    ('1e+5000', '3.33e-41', '3/5')
    """
    if isinstance(value, float):
        return repr(value)
    numerator, denominator = int(value.numerator), int(value.denominator)
    if abs(numerator) < 10**20 and denominator < 10**20:
        return str(value)
    if numerator == 0:  # pragma: no cover - a zero numerator is never long
        return "0"
    magnitude = math.log10(abs(numerator)) - math.log10(denominator)
    exponent = math.floor(magnitude)
    mantissa = 10 ** (magnitude - exponent)
    if f"{mantissa:.3g}" == "10":
        mantissa, exponent = 1.0, exponent + 1
    sign = "-" if numerator < 0 else ""
    return f"{sign}{mantissa:.3g}e{exponent:+d}"


def describe(value: Any) -> str:
    """Render a received value for an error message: short, exact, never a wall of numbers.

    >>> describe(10**5000), describe("1" * 5000), describe([1, 10**5000])
    ('1e+5000', "the string '111111111111111111111111111111'... (5000 characters)", '<a list of 2 items>')
    """
    if isinstance(value, Description):
        return str(value)
    if isinstance(value, bool) or type(value).__name__ in ("bool", "bool_"):  # numpy.bool too
        return repr(bool(value))
    if isinstance(value, (numbers.Integral, Fraction)):
        return short_number(value if isinstance(value, Fraction) else Fraction(int(value)))
    if isinstance(value, str):
        if len(value) <= 100 and not _DIGITS.search(value):
            return f"the string {value!r}"
        return f"the string {value[:30]!r}... ({len(value)} characters)"
    if type(value).__module__.startswith("sympy") and getattr(value, "is_Rational", False):
        return short_number(Fraction(int(value.p), int(value.q)))
    try:
        text = repr(value)
    except ValueError:  # a container holding an integer too long to print
        size = f" of {len(value)} items" if hasattr(value, "__len__") else ""
        return f"<a {type(value).__name__}{size}>"
    if len(text) > 80:
        text = text[:77] + "..."
    return text


class BargainingError(Exception):
    """Base class of every error raised by :mod:`bargaining`.

    >>> issubclass(ParameterValueError, BargainingError), issubclass(ParameterTypeError, BargainingError)
    (True, True)
    """


def _restored(kind: type[BargainingError], message: str, attributes: dict[str, Any]) -> BargainingError:
    """An error rebuilt from its message and attributes (what :meth:`_ParameterError.__reduce__`
    sends to another process)."""
    error = kind.__new__(kind)
    Exception.__init__(error, message)
    error.__dict__.update(attributes)
    return error


class _ParameterError(BargainingError):
    """What the two parameter errors share: they travel between processes (a worker's error
    reaches the parent) with their message and attributes unchanged; a received value that may
    not pickle travels as its description, the words the message already shows.

    >>> import pickle
    >>> error = pickle.loads(pickle.dumps(ParameterValueError("power", "a probability", lambda: 0)))
    >>> type(error).__name__, error.field, str(error).startswith("power must be a probability (got <function")
    ('ParameterValueError', 'power', True)
    """

    field: str
    requirement: str
    received: Any

    def __reduce__(self) -> tuple[Any, ...]:
        received = self.received
        if not isinstance(received, int | float | str | Fraction | type(None)):
            received = Description(describe(received))
        attributes = {**self.__dict__, "received": received}
        return (_restored, (type(self), str(self), attributes))


class ParameterValueError(_ParameterError, ValueError):
    """A parameter has the right kind but a value outside what the model allows.

    >>> str(ParameterValueError("power", "a probability in [0, 1]", 2))
    'power must be a probability in [0, 1] (got 2)'
    """

    def __init__(self, field: str, requirement: str, received: Any, where: str = "") -> None:
        self.field = field
        self.requirement = requirement
        self.received = received
        location = f" {where}" if where else ""
        super().__init__(f"{field} must be {requirement} (got {describe(received)}{location})")


class ParameterTypeError(_ParameterError, TypeError):
    """A parameter is of a kind the model cannot use (a string, a bool, a complex number...).

    >>> str(ParameterTypeError("power", "a real number", "high"))
    "power must be a real number (got str the string 'high')"
    """

    def __init__(self, field: str, requirement: str, received: Any) -> None:
        self.field = field
        self.requirement = requirement
        self.received = received
        kind = type(received).__name__
        super().__init__(f"{field} must be {requirement} (got {kind} {describe(received)})")


class ConvergenceError(BargainingError, RuntimeError):
    """An iterative solver stopped before meeting its tolerance; the message says how far it got.

    >>> issubclass(ConvergenceError, BargainingError), issubclass(ConvergenceError, RuntimeError)
    (True, True)
    """


class DegenerateGameWarning(UserWarning):
    """The answer is correct but the problem is degenerate (ties, a continuum of equilibria).

    >>> issubclass(DegenerateGameWarning, UserWarning)
    True
    """

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
    """A received value already described in words (``"shape (3,)"``): shown as it is."""


def describe(value: Any) -> str:
    """Render a received value for an error message: short, exact, never a wall of numbers."""
    if isinstance(value, Description):
        return str(value)
    if isinstance(value, Fraction):
        return str(value)
    if isinstance(value, str):
        return f"the string {value!r}"
    text = repr(value)
    if len(text) > 80:
        text = text[:77] + "..."
    return text


class BargainingError(Exception):
    """Base class of every error raised by :mod:`bargaining`."""


class ParameterValueError(BargainingError, ValueError):
    """A parameter has the right kind but a value outside what the model allows."""

    def __init__(self, field: str, requirement: str, received: Any, where: str = "") -> None:
        self.field = field
        self.requirement = requirement
        self.received = received
        location = f" {where}" if where else ""
        super().__init__(f"{field} must be {requirement} (got {describe(received)}{location})")


class ParameterTypeError(BargainingError, TypeError):
    """A parameter is of a kind the model cannot use (a string, a bool, a complex number...)."""

    def __init__(self, field: str, requirement: str, received: Any) -> None:
        self.field = field
        self.requirement = requirement
        self.received = received
        kind = type(received).__name__
        super().__init__(f"{field} must be {requirement} (got {kind} {describe(received)})")


class ConvergenceError(BargainingError, RuntimeError):
    """An iterative solver stopped before meeting its tolerance; the message says how far it got."""


class DegenerateGameWarning(UserWarning):
    """The answer is correct but the problem is degenerate (ties, a continuum of equilibria)."""

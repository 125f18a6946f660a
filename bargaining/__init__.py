"""bargaining: game-theoretic models of war, coercion and the bargains that end them.

The package is organised by the model family described in ``docs/`` (one explanation page a
section): :mod:`bargaining.solutions` (Nash, Kalai–Smorodinsky, Rubinstein),
:mod:`bargaining.crisis` (Fearon's bargaining range and its successors), the models of later
sections, and :mod:`bargaining.coercive_game`, the war as one game that nests them. Importing :mod:`bargaining` is light: sympy,
scipy and nashpy load only when a function needs them, and the subpackages load on first use.

>>> import bargaining
>>> from fractions import Fraction
>>> bargaining.crisis.Crisis(Fraction(1, 2), Fraction(1, 10), Fraction(1, 5)).bargaining_range()
BargainingRange(lower=Fraction(2, 5), upper=Fraction(7, 10))
"""

from __future__ import annotations

import importlib
from typing import Any

from ._version import __version__
from .core.errors import (
    BargainingError,
    ConvergenceError,
    DegenerateGameWarning,
    ParameterTypeError,
    ParameterValueError,
)

_SUBPACKAGES = (
    "claims",
    "coercion",
    "coercive_game",
    "commitment",
    "crisis",
    "games",
    "solutions",
    "sweep",
    "war",
)

__all__ = [
    "BargainingError",
    "ConvergenceError",
    "DegenerateGameWarning",
    "ParameterTypeError",
    "ParameterValueError",
    "__version__",
    *_SUBPACKAGES,
]


def __getattr__(name: str) -> Any:
    if name in _SUBPACKAGES:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'bargaining' has no attribute {name!r}")

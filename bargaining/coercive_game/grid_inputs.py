"""What the grid solvers take: a continuous prior as its quantile grid of types, and a game in floats.

>>> quantile_types(2)
(0.25, 0.75)
"""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np

from ..core.errors import ParameterValueError
from .model import CoerciveGame

__all__ = ["quantile_types"]


def quantile_types(n: int, distribution: Any = None) -> tuple[float, ...]:
    """``n`` equally likely types at the quantiles ``(i + 1/2)/n`` of ``distribution`` on [0, 1].

    ``distribution`` is a ``scipy.stats`` distribution (uniform on [0, 1] by default).

    >>> quantile_types(4)
    (0.125, 0.375, 0.625, 0.875)
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ParameterValueError("n", "a positive integer number of types", n)
    levels = (np.arange(n) + 0.5) / n
    values = levels if distribution is None else np.asarray(distribution.ppf(levels), dtype=float)
    if (
        np.any(~np.isfinite(values))
        or np.any(values < 0)
        or np.any(values > 1)
        or np.any(np.diff(values) <= 0)
    ):
        raise ParameterValueError(
            "distribution", "a distribution on [0, 1] with distinct quantiles", distribution
        )
    return tuple(float(v) for v in values)


def _as_float(game: CoerciveGame) -> CoerciveGame:
    changes: dict[str, Any] = {}
    for item in dataclasses.fields(game):
        if not item.init:
            continue
        value = getattr(game, item.name)
        if item.name in ("horizon", "margin", "start_front", "period_unit", "self_enforcing", "start"):
            continue
        if isinstance(value, tuple):
            changes[item.name] = tuple(float(v) for v in value)
        elif value is not None:
            changes[item.name] = float(value)
    return dataclasses.replace(game, **changes)

"""The timing helpers every benchmark uses: the best of a few runs (the least disturbed one), or
their median (for whole processes and batches, whose spread is part of what is measured)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any


def _times(function: Callable[[], Any], repeat: int) -> tuple[list[float], Any]:
    times, result = [], None
    for _ in range(max(repeat, 1)):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return times, result


def best_of(function: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """The shortest wall-clock time of ``repeat`` calls of ``function``, and the last result."""
    times, result = _times(function, repeat)
    return min(times), result


def median_of(function: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """The median wall-clock time of ``repeat`` calls of ``function``, and the last result."""
    times, result = _times(function, repeat)
    return statistics.median(times), result

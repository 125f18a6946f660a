"""The one timing helper every benchmark uses: the best of a few runs (the least disturbed one)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any


def best_of(function: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """The shortest wall-clock time of ``repeat`` calls of ``function``, and the last result."""
    times, result = [], None
    for _ in range(max(repeat, 1)):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return min(times), result

r"""Compiled kernels: numba when it is installed, each caller's numpy path otherwise.

A kernel is written as a plain Python function on numpy arrays (the subset of Python numba
compiles) and compiled on first use by :func:`compiled`, machine code cached on disk
(``cache=True``), so a process pays numba's import and loading once and never compiles what it
has compiled before (``make`` compiles the batched solver's kernels at install:
:func:`bargaining.coercive_game.grid_batch.compile_kernels`).
Without numba, or with ``BARGAINING_NUMBA=0`` in the environment (or :data:`ENABLED` set to
``False``), :func:`compiled` gives ``None`` and each caller takes its numpy path; the plain
functions also run as they are (the tests hold them against the compiled ones).

The kernels: the games section's vertex search, exact confirmation and Abreu–Sannikov step
(:mod:`bargaining.games._compiled`) and the coercive game's batched grid solver
(:mod:`bargaining.coercive_game.grid_batch_kernel`).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, TypeVar, cast

__all__ = ["ENABLED", "compiled"]

#: Whether the kernels are compiled (numba) or the numpy paths taken; ``BARGAINING_NUMBA=0`` in
#: the environment switches them off.
ENABLED = os.environ.get("BARGAINING_NUMBA", "1") != "0"

_F = TypeVar("_F", bound=Callable[..., Any])
_COMPILED: dict[Callable[..., Any], Callable[..., Any] | None] = {}


def compiled(function: _F, **options: Any) -> _F | None:
    """``function`` compiled by numba (``njit`` with ``options``, cached on disk), or ``None``
    when numba is not installed or :data:`ENABLED` is off (the caller then takes its numpy path).
    A kernel that divides by a value that may be 0 asks for ``error_model="numpy"`` (an
    infinity or a NaN, as numpy gives, not Python's ``ZeroDivisionError``).

    >>> from bargaining.games._compiled import convex_hull
    >>> import numpy as np
    >>> kernel = compiled(convex_hull)
    >>> (kernel or convex_hull)(np.array([[0.0, 0.0], [1.0, 0.0], [0.5, 0.2], [0.0, 1.0]])).tolist()
    [[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]]
    """
    if not ENABLED:
        return None
    if function not in _COMPILED:
        try:
            import numba
        except ImportError:  # pragma: no cover - numba is installed where the tests run
            _COMPILED[function] = None
        else:
            _COMPILED[function] = numba.njit(cache=True, nogil=True, **options)(function)
    return cast("_F | None", _COMPILED[function])

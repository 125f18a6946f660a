r"""The infinite-horizon limit of the grid's finite-horizon equilibria.

:func:`infinite_horizon` takes the limit :math:`H \to \infty` as the limit of finite horizons
(doubling :math:`H` until two successive values agree), raising
:class:`~bargaining.core.errors.ConvergenceError` when they do not within ``max_horizon``; it is
one selection among the equilibria of the infinite game (Ausubel & Deneckere 1989).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from ..core.errors import ConvergenceError, ParameterValueError
from .grid import solve_grid
from .model import CoerciveGame
from .results import GameSolution

__all__ = ["infinite_horizon"]


def infinite_horizon(
    game: CoerciveGame,
    strategy: Any,
    *,
    tolerance: float = 1e-9,
    start: int = 8,
    max_horizon: int = 2048,
    continuous: bool = False,
    pure_cutoffs: bool = False,
) -> GameSolution:
    """The limit :math:`H \\to \\infty` of the finite-horizon equilibria (doubling :math:`H`).

    Stops when C's utility and every type's utility move by less than ``tolerance`` from one
    horizon to the next; raises :class:`~bargaining.core.errors.ConvergenceError` past
    ``max_horizon``. ``continuous`` and ``pure_cutoffs`` are :func:`solve_grid`'s.

    >>> game = CoerciveGame(discount=0.5, horizon=0, resolve=(0.0, 1.0), target_cost_resolve=0.2)
    >>> round(infinite_horizon(game, "try_and_see").coercer_utility, 9)
    0.6
    """
    if not (isinstance(start, int) and isinstance(max_horizon, int) and 0 <= start <= max_horizon):
        raise ParameterValueError("max_horizon", f"an integer at least start = {start}", max_horizon)
    previous = solve_grid(
        dataclasses.replace(game, horizon=start), strategy, continuous=continuous, pure_cutoffs=pure_cutoffs
    )
    horizon = start
    while horizon < max_horizon:
        horizon = min(2 * horizon + 1, max_horizon)
        current = solve_grid(
            dataclasses.replace(game, horizon=horizon),
            strategy,
            continuous=continuous,
            pure_cutoffs=pure_cutoffs,
        )
        change = max(
            abs(current.coercer_utility - previous.coercer_utility),
            *(
                abs(a - b)
                for a, b in zip(current.target_utility_by_type, previous.target_utility_by_type, strict=True)
            ),
        )
        if change < tolerance:
            return current
        previous = current
    raise ConvergenceError(
        f"the finite-horizon equilibria had not converged by H = {max_horizon} "
        f"(last change {change:.3g} >= tolerance {tolerance:g})"
    )

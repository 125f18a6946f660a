"""A Monte Carlo simulation of the equilibrium strategies: an independent check of the forward pass.

Each run draws the target's type from the prior and the battles from the true odds, and plays
C's equilibrium moves (the ``nodes`` of the backward pass): the type settles when it lies below
C's cutoff, the threat falls at the deadline with the execution probability. The frequencies
estimate the outcome probabilities that the forward pass computes exactly; randomness only
through ``rng``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..core.errors import ParameterValueError
from .model import CoerciveGame

__all__ = ["SimulatedOutcomes", "simulate"]


@dataclass(frozen=True, slots=True)
class SimulatedOutcomes:
    """Frequencies over ``runs`` simulated wars (floats), each with its standard error.

    >>> from fractions import Fraction
    >>> from bargaining.coercive_game import CoerciveGame
    >>> game = CoerciveGame(discount=Fraction(1, 2), horizon=0, resolve=(0, 1), target_cost_resolve=Fraction(1, 5))
    >>> import numpy as np
    >>> simulated = simulate(game, "try_and_see", np.random.default_rng(0), runs=1000)
    >>> simulated.runs, simulated.settled
    (1000, 0.473)
    """

    runs: int
    settled: float
    threat_executed: float
    still_fighting: float
    mean_length: float
    length_error: float

    def standard_error(self, frequency: float) -> float:
        """The standard error of a frequency over the runs.

        >>> SimulatedOutcomes(100, 0.5, 0.0, 0.0, 1.0, 0.0).standard_error(0.5)
        0.05
        """
        return float(np.sqrt(frequency * (1 - frequency) / self.runs))


def simulate(
    game: CoerciveGame, strategy: Any, rng: np.random.Generator, runs: int = 10_000
) -> SimulatedOutcomes:
    """Play the equilibrium of ``strategy`` ``runs`` times.

    Each run draws a type from the prior and plays C's moves of the exact solver; a type whose
    atom straddles C's cut-off (it mixes) settles with the probability the cut-off gives it, and
    where C mixes its moves the run draws one. ``mean_length`` is the mean length of the wars that
    ended by H + 1 (censored runs excluded).

    >>> from fractions import Fraction
    >>> game = CoerciveGame(discount=Fraction(1, 2), horizon=0, resolve=(0, 1), target_cost_resolve=Fraction(1, 5))
    >>> simulate(game, "try_and_see", np.random.default_rng(0), runs=1000).settled
    0.473
    """
    from .quantile import _Quantiles

    if isinstance(runs, bool) or not isinstance(runs, int) or runs < 1:
        raise ParameterValueError("runs", "a positive integer", runs)
    solver = _Quantiles(game, strategy)
    solver.backward_levels()
    weights = np.array([float(w) for w in solver.weights])
    types = rng.choice(solver.n, size=runs, p=weights / weights.sum())
    theta = float(game.true_odds)
    execution = float(solver.execution)
    settled = executed = still = 0
    lengths: list[int] = []
    for draw in types:
        m, u, side = game.start_front, solver.zero, None
        for t in range(game.horizon + 1):
            options = solver._moves(t, m, u, side)
            chance, move, keep = options[0]
            if len(options) > 1 and rng.random() >= float(chance):
                chance, move, keep = options[1]
            if move.target is not None:
                left = solver._remaining(draw, u)
                if left and rng.random() < float((left - solver._remaining(draw, move.target)) / left):
                    settled += 1
                    lengths.append(solver._battles(t))
                    break
                u, side = move.target, move.side
            else:
                side = keep
            if t == solver.deadline and rng.random() < execution:
                executed += 1
            if game.margin is not None and t > solver.calm_until:
                m += 1 if rng.random() < theta else -1
                if abs(m) >= game.margin:
                    lengths.append(solver._battles(t) + 1)
                    break
        else:
            if solver.calm_until >= game.horizon:  # the crisis never became a war
                lengths.append(0)
            else:
                still += 1
    array = np.array(lengths, dtype=float)
    return SimulatedOutcomes(
        runs=runs,
        settled=settled / runs,
        threat_executed=executed / runs,
        still_fighting=still / runs,
        mean_length=float(array.mean()) if lengths else float("nan"),
        length_error=float(array.std(ddof=1) / np.sqrt(len(lengths))) if len(lengths) > 1 else float("nan"),
    )

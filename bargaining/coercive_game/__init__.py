"""The coercive bargaining game: the war as one game, solved as one equilibrium.

One set of primitives (:class:`CoerciveGame`), George's three strategies (try-and-see, turning
the screw, the ultimatum as an :class:`UltimatumDesign`), one perfect Bayesian equilibrium per
strategy (:func:`solve_exact`), whose outputs (:class:`GameSolution`) give P(settled by t),
P(threat executed), P(coercer backs down), the war's length and the terms together.

>>> from fractions import Fraction
>>> from bargaining.coercive_game import CoerciveGame
>>> game = CoerciveGame(discount=Fraction(9, 10), horizon=1, resolve=(0, 1), target_cost_resolve=Fraction(1, 5))
>>> game.solve("try_and_see").settled_by
(Fraction(1, 2), Fraction(1, 2))
"""

from __future__ import annotations

from .batch import GameBatch, point_errors
from .design import best_design, best_strategy
from .grid import quantile_types, solve_grid, solve_strategies
from .grid_batch import BatchSolution, solve_batch
from .grid_limit import infinite_horizon
from .model import STRATEGIES, CoerciveGame, UltimatumDesign
from .quantile import solve_exact
from .results import GameSolution, Node
from .simulation import simulate
from .symbolic import SmallGame, one_period_game, two_period_game

__all__ = [
    "STRATEGIES",
    "BatchSolution",
    "CoerciveGame",
    "GameBatch",
    "GameSolution",
    "Node",
    "SmallGame",
    "UltimatumDesign",
    "best_design",
    "best_strategy",
    "infinite_horizon",
    "one_period_game",
    "point_errors",
    "quantile_types",
    "simulate",
    "solve_batch",
    "solve_exact",
    "solve_grid",
    "solve_strategies",
    "two_period_game",
]

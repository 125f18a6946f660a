"""The main job: every scenario as one coercive game, its uncertainty, the claims, the report.

:func:`analyze` writes ``report.md`` and ``report.html`` with their figures and tables;
``bargaining analyze`` runs it from the command line on the bundled Ukraine presets or on files
you give.
"""

from .analyze import REFERENCES, Report, analyze
from .document import Document, booktabs
from .game import GameResult, build_game, solve_game
from .regime_map import regime_grid, regime_map
from .uncertainty import Uncertainty, rank_shares, uncertainty

__all__ = [
    "REFERENCES",
    "Document",
    "GameResult",
    "Report",
    "Uncertainty",
    "analyze",
    "booktabs",
    "build_game",
    "rank_shares",
    "regime_grid",
    "regime_map",
    "solve_game",
    "uncertainty",
]

"""The main job: every scenario as one coercive game, its uncertainty, the claims, the report.

:func:`analyze` writes ``report.md`` and ``report.html`` with their figures and tables;
``bargaining analyze`` runs it from the command line on the bundled Ukraine presets or on files
you give. The building-block analysis of earlier versions (:func:`solve_scenario`,
:func:`sensitivity`) stays importable; the report no longer uses it.
"""

from .analysis import ScenarioResult, Sensitivity, sensitivity, solve_scenario
from .analyze import REFERENCES, Report, analyze
from .document import Document, booktabs
from .game import GameResult, build_game, solve_game
from .uncertainty import Uncertainty, rank_shares, uncertainty

__all__ = [
    "REFERENCES",
    "Document",
    "GameResult",
    "Report",
    "ScenarioResult",
    "Sensitivity",
    "Uncertainty",
    "analyze",
    "booktabs",
    "build_game",
    "rank_shares",
    "sensitivity",
    "solve_game",
    "solve_scenario",
    "uncertainty",
]

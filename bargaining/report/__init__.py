"""The main job: every model for every scenario, the sensitivity analysis, the claims, the report.

:func:`analyze` writes ``report.md`` and ``report.html`` with their figures; ``bargaining
analyze`` runs it from the command line on the bundled Ukraine presets or on files you give.
"""

from .analysis import ScenarioResult, Sensitivity, sensitivity, solve_scenario
from .analyze import REFERENCES, Report, analyze
from .document import Document

__all__ = [
    "REFERENCES",
    "Document",
    "Report",
    "ScenarioResult",
    "Sensitivity",
    "analyze",
    "sensitivity",
    "solve_scenario",
]

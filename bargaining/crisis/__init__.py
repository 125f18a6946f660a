"""Crisis bargaining (Fearon 1995 and successors): the range, risk and return, optimism, screening.

See ``docs/explanation/crisis-and-solutions.md``. Each model is a frozen dataclass of its parameters; its closed forms are
derived in :mod:`bargaining.crisis.specification`.
"""

from .range import BargainingRange, Crisis, FirstStrike, MutualOptimism, bargaining_range
from .risk_return import RiskReturn, RiskReturnSolution, risk_return_demand
from .screening import Screening, ScreeningSolution

__all__ = [
    "BargainingRange",
    "Crisis",
    "FirstStrike",
    "MutualOptimism",
    "RiskReturn",
    "RiskReturnSolution",
    "Screening",
    "ScreeningSolution",
    "bargaining_range",
    "risk_return_demand",
]

"""Bargaining solutions, the reference points: Nash, Kalai–Smorodinsky, Rubinstein, linkage.

See ``docs/explanation/crisis-and-solutions.md``. Closed forms are derived in :mod:`bargaining.solutions.specification`.
"""

from .axiomatic import BargainingProblem, Settlement, SmoothProblem
from .linkage import IssueLinkage, LinkedSettlement
from .rubinstein import AlternatingOffers, AlternatingOffersSolution, continuous_time_split

__all__ = [
    "AlternatingOffers",
    "AlternatingOffersSolution",
    "BargainingProblem",
    "IssueLinkage",
    "LinkedSettlement",
    "Settlement",
    "SmoothProblem",
    "continuous_time_split",
]

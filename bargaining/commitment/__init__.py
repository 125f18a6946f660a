"""Commitment problems (Powell 2006; Krainin 2017; Fearon 1995): shifting power (with any division
or one proposer), objects that shift power, self-enforcing ceasefires and guarantees, renewed
demands, trust and small steps (behavioural, and against a strategic greedy partner).

Each model is a frozen dataclass of its parameters; its closed forms are
derived in :mod:`bargaining.commitment.specification`; :func:`is_peaceful_by_linear_program` is
the independent check of the power-path test.
"""

from .ceasefire import Ceasefire, CeasefireSolution
from .gradualism import Gradualism, GradualismSolution
from .linear_program import is_peaceful_by_linear_program
from .power_path import TOLERANCE, PowerPath, PowerPathSolution
from .power_shift import PowerShift
from .proposals import ProposerPath, ProposerPathSolution
from .renewed_demands import RenewedDemands
from .transfer import PowerTransfer
from .trust import SmallSteps, SmallStepsPlan, TrustGame

__all__ = [
    "TOLERANCE",
    "Ceasefire",
    "CeasefireSolution",
    "Gradualism",
    "GradualismSolution",
    "PowerPath",
    "PowerPathSolution",
    "PowerShift",
    "PowerTransfer",
    "ProposerPath",
    "ProposerPathSolution",
    "RenewedDemands",
    "SmallSteps",
    "SmallStepsPlan",
    "TrustGame",
    "is_peaceful_by_linear_program",
]

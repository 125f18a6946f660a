"""The war as a repeated coercive bargaining game.

Learning and mutual optimism over a battle lattice (:mod:`~bargaining.war.learning`,
:mod:`~bargaining.war.lattice`), each side valuing the whole war as a race to the decisive margin
(:mod:`~bargaining.war.race`), George's three strategies as pressure schedules
(:mod:`~bargaining.war.strategies`), wars of attrition (:mod:`~bargaining.war.attrition`),
duration regimes calibrated to a stated regularity (:mod:`~bargaining.war.durations`), the Markov
perfect equilibrium on a front-line grid (:mod:`~bargaining.war.equilibrium`), commitment inside
the war (:mod:`~bargaining.war.ceasefire`) and plots
(:mod:`~bargaining.war.plots`). Closed forms are derived in :mod:`bargaining.war.specification`.
"""

from .attrition import PrivateWarOfAttrition, WarOfAttrition
from .ceasefire import SelfEnforcing
from .durations import ESSAY_COW, ESSAY_UCDP, DurationMixture, DurationRegularity, calibrate
from .equilibrium import FrontLineWar, MarkovPerfectEquilibrium
from .lattice import MonteCarloEstimate, SettlementDistribution, simulate_wars
from .learning import LearningWar
from .plots import plot_durations
from .race import RaceEstimate, continuation, simulate_race, war_values
from .strategies import (
    CoaseSolution,
    CoaseTwoPeriod,
    TryAndSee,
    TurningTheScrew,
    UltimatumSchedule,
    compare,
    credibility,
)

__all__ = [
    "ESSAY_COW",
    "ESSAY_UCDP",
    "CoaseSolution",
    "CoaseTwoPeriod",
    "DurationMixture",
    "DurationRegularity",
    "FrontLineWar",
    "LearningWar",
    "MarkovPerfectEquilibrium",
    "MonteCarloEstimate",
    "PrivateWarOfAttrition",
    "RaceEstimate",
    "SelfEnforcing",
    "SettlementDistribution",
    "TryAndSee",
    "TurningTheScrew",
    "UltimatumSchedule",
    "WarOfAttrition",
    "calibrate",
    "compare",
    "continuation",
    "credibility",
    "plot_durations",
    "simulate_race",
    "simulate_wars",
    "war_values",
]

"""The domains and outputs of the models added to tests/kinds after the first 34: the axiomatic
problems, issue linkage, the front-line war, the war's lattice, race and schedules, and the blurs.

Each takes the kinds it documents; the others are refused with the documented error.
"""

from __future__ import annotations

from fractions import Fraction as F
from typing import Any

import numpy as np
import sympy
from hypothesis import strategies as st

from bargaining import BargainingError, ParameterValueError
from bargaining.coercion import blur_gain, compliance_stake, gaussian_compliance_stake
from bargaining.solutions import BargainingProblem, IssueLinkage, SmoothProblem
from bargaining.war import FrontLineWar, LearningWar, TryAndSee, TurningTheScrew, UltimatumSchedule
from bargaining.war.race import war_values
from tests.kinds.cross_kinds import Point, Spec
from tests.strategies import (
    costs,
    fractions,
    open_probabilities,
    points,
    positive_costs,
    positives,
    probabilities,
)

# --------------------------------------------------------------------------- solutions


def _scalar(value: Any) -> Any:
    """A 0-d array (one exact or float point) as its element; arrays of a batch as they are."""
    return value.item() if isinstance(value, np.ndarray) and value.ndim == 0 else value


def _problem_outputs(p: Point) -> dict[str, Any]:
    problem = BargainingProblem([(0, 1), (p["middle_first"], p["middle_second"]), (1, 0)], (p["d1"], p["d2"]))
    nash, weighted, ks = problem.nash(), problem.nash(F(1, 3)), problem.kalai_smorodinsky()
    return {
        "nash.first": nash.first,
        "nash.second": nash.second,
        "nash[1/3].first": weighted.first,
        "ks.first": ks.first,
        "ks.second": ks.second,
    }


_U = sympy.Symbol("u", nonnegative=True)


def _smooth_outputs(p: Point) -> dict[str, Any]:
    problem = SmoothProblem(1 - _U**2, _U, (p["d1"], p["d2"]))
    nash = problem.nash()
    return {"nash.first": nash.first, "nash.second": nash.second}


def _linkage_outputs(p: Point) -> dict[str, Any]:
    link = IssueLinkage(
        (p["value_coercer_0"], p["value_coercer_1"]),
        (p["value_target_0"], p["value_target_1"]),
        (p["war_coercer_0"], p["war_coercer_1"]),
        (p["war_target_0"], p["war_target_1"]),
        p["cost_coercer"],
        p["cost_target"],
    )
    try:
        found = link.settlement()
    except ParameterValueError:  # no settlement strictly better for both (has_settlement is weak)
        return dict.fromkeys(("share_0", "share_1", "coercer_utility", "target_utility")) | {
            "has_settlement": link.has_settlement
        }
    return {
        "has_settlement": link.has_settlement,
        "share_0": found.shares[0],
        "share_1": found.shares[1],
        "coercer_utility": found.coercer_utility,
        "target_utility": found.target_utility,
    }


SOLUTIONS = [
    Spec(
        "BargainingProblem",
        points(
            middle_first=fractions(F(1, 60), F(59, 60)),
            middle_second=fractions(F(1, 60), F(59, 60)),
            d1=fractions(0, F(1, 2)),
            d2=fractions(0, F(1, 2)),
        ),
        _problem_outputs,
        array="one problem at a time (documented): the frontier is a list of points",
        symbolic="numbers only (documented): SmoothProblem takes symbols",
    ),
    Spec(
        "SmoothProblem",
        points(d1=fractions(0, F(1, 2)), d2=fractions(0, F(1, 2))),
        _smooth_outputs,
        array="numbers or sympy expressions (documented): the frontier is an expression",
        symbolic="numbers (the code's refusal): with symbols in the disagreement point the first-order "
        "condition has two roots that sympy cannot order, so the solver refuses",
        refusal=BargainingError,
        float_examples=5,  # ~1 s a point: sympy solves the first-order condition
        inexact="exact sympy numbers (roots of the first-order condition)",
    ),
    Spec(
        "IssueLinkage",
        points(
            value_coercer_0=positives,
            value_coercer_1=positives,
            value_target_0=positives,
            value_target_1=positives,
            war_coercer_0=probabilities,
            war_coercer_1=probabilities,
            war_target_0=probabilities,
            war_target_1=probabilities,
            cost_coercer=costs,
            cost_target=costs,
        ),
        _linkage_outputs,
        array="exact or float numbers (documented): issues are ordered by their value ratios",
        symbolic="exact or float numbers (documented): issues are ordered by their value ratios",
    ),
]

# --------------------------------------------------------------------------- war


def _front_line_outputs(p: Point) -> dict[str, Any]:
    war = FrontLineWar(width=3, **p)
    solved = war.solve()
    return {f"value_coercer[{s}]": _scalar(solved.value_coercer[..., 0, s]) for s in (1, 2)} | {
        f"value_target[{s}]": _scalar(solved.value_target[..., 0, s]) for s in (1, 2)
    }


_WAR = {
    "coercer_belief": open_probabilities,
    "target_belief": open_probabilities,
    "coercer_confidence": st.sampled_from([F(1), F(2), F(4)]),
    "target_confidence": st.sampled_from([F(1), F(2), F(4)]),
    "battle_odds": probabilities,
    "cost_coercer": positive_costs,
    "cost_target": positive_costs,
}
_HORIZON = 4


def _war(p: Point) -> LearningWar:
    return LearningWar(**{k: p[k] for k in _WAR}, decisive_margin=2)


def _distribution(war: LearningWar, schedule: Any) -> dict[str, Any]:
    found = war.duration_distribution(_HORIZON, schedule)
    return {
        "settlement_probability": found.settlement_probability,
        "settled_by[1]": found.settled_by(1),
        "terms": _scalar(np.sum(found.terms, axis=-1)),  # E[x; settled]: defined without a settlement
        "unresolved": found.unresolved,
    }


def _lattice_outputs(p: Point) -> dict[str, Any]:
    return _distribution(_war(p), TryAndSee())


def _race_outputs(p: Point) -> dict[str, Any]:
    coercer, target = war_values(_war(p), 3)
    return {
        "W_C[0, 0]": _scalar(coercer[0][..., 0]),
        "W_T[0, 0]": _scalar(target[0][..., 0]),
        "W_C[2, 1]": _scalar(coercer[2][..., 1]),
        "W_T[2, 2]": _scalar(target[2][..., 2]),
    }


def _screw_outputs(p: Point) -> dict[str, Any]:
    return _distribution(_war(p), TurningTheScrew(p["escalation"]))


def _ultimatum_outputs(p: Point) -> dict[str, Any]:
    schedule = UltimatumSchedule(p["demand"], 2, p["threat"], p["credibility"], carrot=p["carrot"])
    return _distribution(_war(p), schedule)


_NUMBERS = "numbers or arrays (documented): the lattice compares values; only battle_odds may be a symbol"
_ODDS_ONLY = tuple(k for k in _WAR if k != "battle_odds")

WAR = [
    Spec(
        "FrontLineWar.solve",
        points(
            battle_odds=probabilities,
            cost_coercer=costs,
            cost_target=costs,
            discount_coercer=fractions(F(1, 2), F(19, 20)),
            discount_target=fractions(F(1, 2), F(19, 20)),
            stalemate=fractions(0, F(1, 2)),
        ),
        _front_line_outputs,
        symbolic="numbers or arrays (documented): value iteration compares values",
        float_examples=10,
        array_examples=1,
        batch=10,
    ),
    Spec("lattice (try-and-see)", points(**_WAR), _lattice_outputs, symbolic=_NUMBERS, float_examples=15, array_examples=2),
    Spec(  # symbols in battle_odds only: the distribution is a polynomial in it
        "lattice (try-and-see, symbolic odds)",
        points(**_WAR),
        _lattice_outputs,
        discrete=_ODDS_ONLY,
        float_examples=5,
        array_examples=1,
        symbolic_points=6,
    ),
    Spec("race (war_values)", points(**_WAR), _race_outputs, discrete=_ODDS_ONLY, float_examples=15, array_examples=2),
    Spec(
        "schedule (turning the screw)",
        points(**_WAR, escalation=costs),
        _screw_outputs,
        symbolic=_NUMBERS,
        float_examples=15,
        array_examples=2,
    ),
    Spec(
        "schedule (ultimatum)",
        points(**_WAR, demand=probabilities, threat=costs, credibility=probabilities, carrot=fractions(0, F(1, 10))),
        _ultimatum_outputs,
        symbolic=_NUMBERS,
        float_examples=15,
        array_examples=2,
    ),
]

# --------------------------------------------------------------------------- blurs


def _blur_outputs(blur: str) -> Any:
    def outputs(p: Point) -> dict[str, Any]:
        gain, recognised, margin = blur_gain(blur, p["demand"], p["stake"], p["vagueness"])
        stake = compliance_stake(blur, p["demand"], p["vagueness"])
        return {"gain": gain, "recognised": recognised, "margin": margin, "compliance_stake": stake}

    return outputs


_FLOATS = "floats (documented): the best margin solves a transcendental equation"
_BLUR_POINTS = points(demand=probabilities, stake=fractions(0, 2), vagueness=fractions(0, F(1, 2)))

BLURS = [
    *(
        Spec(
            f"blur ({blur})",
            _BLUR_POINTS,
            _blur_outputs(blur),
            inexact=_FLOATS,
            symbolic="numbers or arrays (documented): " + _FLOATS,
            float_examples=15,
            array_examples=2,
        )
        for blur in ("uniform", "one-sided gaussian", "centred gaussian")
    ),
    Spec(
        "gaussian_compliance_stake",
        points(demand=probabilities, vagueness=fractions(0, F(1, 2))),
        lambda p: {"stake": gaussian_compliance_stake(p["demand"], p["vagueness"])},
        inexact=_FLOATS,
        symbolic="numbers or arrays (documented): " + _FLOATS,
        float_examples=15,
        array_examples=2,
    ),
]

EXTRA = [*SOLUTIONS, *WAR, *BLURS]

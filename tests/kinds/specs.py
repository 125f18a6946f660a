"""The domains and main outputs of every model, for the cross-kind tests (tests/kinds)."""

from __future__ import annotations

from fractions import Fraction as F
from typing import Any

from hypothesis import strategies as st

from bargaining.crisis import Crisis, FirstStrike, MutualOptimism, RiskReturn, Screening
from bargaining.solutions import AlternatingOffers, continuous_time_split
from tests.kinds.harness import Point, Spec
from tests.strategies import (
    closed_discounts,
    costs,
    discounts,
    nonnegatives,
    ordered_pair,
    points,
    positive_costs,
    positives,
    probabilities,
    reals,
)

# --------------------------------------------------------------------------- crisis


def _range(model: Any) -> dict[str, Any]:
    found = model.bargaining_range()
    return {"lower": found.lower, "upper": found.upper, "is_empty": found.is_empty}


def _solution(solution: Any, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: getattr(solution, name) for name in names}


@st.composite
def _risk_return(draw: st.DrawFn) -> Point:
    low, high = draw(ordered_pair(nonnegatives))
    return {"power": draw(probabilities), "cost_coercer": draw(costs), "target_cost_low": low, "target_cost_high": high}


@st.composite
def _screening(draw: st.DrawFn) -> Point:
    tough, soft = draw(ordered_pair(costs))
    return {
        "power": draw(probabilities),
        "cost_coercer": draw(costs),
        "cost_tough": tough,
        "cost_soft": soft,
        "prior_tough": draw(probabilities),
    }


@st.composite
def _first_strike(draw: st.DrawFn) -> Point:
    power = draw(probabilities)
    return {
        "power": power,
        "advantage_coercer": draw(probabilities) * (1 - power),
        "advantage_target": draw(probabilities) * power,
        "cost_coercer": draw(costs),
        "cost_target": draw(costs),
    }


_DEMAND = ("demand", "war_probability", "coercer_utility", "regime")

CRISIS = [
    Spec(
        "Crisis.bargaining_range",
        points(
            power=probabilities,
            cost_coercer=costs,
            cost_target=costs,
            risk_coercer=st.sampled_from([F(1), F(1, 2), F(2), F(1, 3)]),
            risk_target=st.sampled_from([F(1), F(1, 2), F(2), F(1, 3)]),
        ),
        lambda p: _range(Crisis(**p)),
        positive=("risk_coercer", "risk_target"),
    ),
    Spec(
        "MutualOptimism.bargaining_range",
        points(coercer_belief=probabilities, target_belief=probabilities, cost_coercer=costs, cost_target=costs),
        lambda p: {**_range(MutualOptimism(**p)), "optimism": MutualOptimism(**p).optimism},
    ),
    Spec("FirstStrike.bargaining_range", _first_strike(), lambda p: _range(FirstStrike(**p))),
    Spec("RiskReturn.solve", _risk_return(), lambda p: _solution(RiskReturn(**p).solve(), _DEMAND)),
    Spec(
        "Screening.solve",
        _screening(),
        lambda p: _solution(Screening(**p).solve(), (*_DEMAND, "cutoff")),
    ),
]

# --------------------------------------------------------------------------- solutions


@st.composite
def _alternating(draw: st.DrawFn) -> Point:
    risk = draw(st.sampled_from([F(0), F(0), draw(probabilities)]))
    first = draw(closed_discounts if risk else discounts)
    second = draw(closed_discounts if risk else discounts)
    outside_first = draw(reals) / 2
    outside_second = min(draw(reals) / 2, 1 - outside_first)
    breakdown_first = draw(reals) / 2
    breakdown_second = min(draw(reals) / 2, 1 - breakdown_first)
    return {
        "discount_first": first,
        "discount_second": second,
        "outside_first": outside_first,
        "outside_second": outside_second,
        "breakdown_risk": risk,
        "breakdown_first": breakdown_first,
        "breakdown_second": breakdown_second,
    }


def _alternating_outputs(p: Point) -> dict[str, Any]:
    model = AlternatingOffers(**p)
    solved = model.solve()
    return {
        **_solution(solved, ("first_share", "second_share_when_proposing", "regime")),
        "second_share": solved.second_share,
        "deadline_3": model.solve_with_deadline(3).first_share,
    }


SOLUTIONS = [
    Spec(
        "AlternatingOffers.solve",
        _alternating(),
        _alternating_outputs,
        signed=("outside_first", "outside_second", "breakdown_first", "breakdown_second"),
        symbolic_points=8,
    ),
    Spec(
        "continuous_time_split",
        points(rate_first=positives, rate_second=positives),
        lambda p: {"share": continuous_time_split(**p)},
        positive=("rate_first", "rate_second"),
    ),
]

SPECS = [*CRISIS, *SOLUTIONS]

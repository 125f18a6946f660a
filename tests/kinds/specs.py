"""The domains and main outputs of every model, for the cross-kind tests (tests/kinds)."""

from __future__ import annotations

from fractions import Fraction as F
from typing import Any

from hypothesis import strategies as st

from bargaining.commitment import (
    Ceasefire,
    Gradualism,
    PowerPath,
    PowerShift,
    PowerTransfer,
    ProposerPath,
    RenewedDemands,
    SmallSteps,
    TrustGame,
)
from bargaining.crisis import Crisis, FirstStrike, MutualOptimism, RiskReturn, Screening
from bargaining.solutions import AlternatingOffers, continuous_time_split
from tests.kinds.harness import Point, Spec, path_items
from tests.strategies import (
    closed_discounts,
    costs,
    discounts,
    fractions,
    nonnegatives,
    open_probabilities,
    ordered_pair,
    points,
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

# --------------------------------------------------------------------------- commitment

_PERIODS = 4
_path_costs = {
    "cost_coercer": fractions(0, F(1, 5)),
    "cost_target": fractions(0, F(1, 5)),
    "one_time_cost_coercer": fractions(0, F(1, 2)),
    "one_time_cost_target": fractions(0, F(1, 2)),
}
_power_path = points(
    power=st.tuples(*[probabilities] * _PERIODS), discount=discounts, **_path_costs
)


def _power_path_outputs(p: Point) -> dict[str, Any]:
    path = PowerPath(**p)
    coercer_war, target_war = path.war_values()
    coercer_minimum, target_minimum = path.minimum_values()
    steps = path.one_step_verdicts()
    return {
        "is_peaceful": path.is_peaceful(),
        **path_items("coercer_minimum", coercer_minimum, _PERIODS),
        **path_items("target_minimum", target_minimum, _PERIODS),
        **path_items("coercer_war_value", coercer_war, _PERIODS),
        **path_items("target_war_value", target_war, _PERIODS),
        **path_items("one_step_verdict", steps, _PERIODS - 1),
    }


def _power_path_solution(p: Point) -> dict[str, Any]:
    solved = PowerPath(**p).solve()
    return {
        "is_peaceful": solved.is_peaceful,
        "war_period": solved.war_period,
        **path_items("slack", solved.slack, _PERIODS),
    }


def _proposer_outputs(p: Point, proposer: str) -> dict[str, Any]:
    solved = ProposerPath(PowerPath(**p), proposer).solve()  # type: ignore[arg-type]
    return {
        "is_peaceful": solved.is_peaceful,
        "war_period": solved.war_period,
        "responder_value": solved.responder_value,
        "proposer_value": solved.proposer_value,
    }


@st.composite
def _ceasefire(draw: st.DrawFn) -> Point:
    power = draw(probabilities)
    return {
        "share": draw(probabilities),
        "power": power,
        "discount": draw(discounts),
        "cost_coercer": draw(costs),
        "cost_target": draw(costs),
        "renege_gain_coercer": draw(costs),
        "renege_gain_target": draw(costs),
        "first_strike_coercer": draw(probabilities) * (1 - power),
        "first_strike_target": draw(probabilities) * power,
        "guarantee": draw(costs),
    }


@st.composite
def _transfer(draw: st.DrawFn) -> Point:
    power = draw(probabilities)
    return {
        "power": power,
        "shift": draw(probabilities) * (1 - power),
        "discount": draw(discounts),
        "delay": draw(st.sampled_from([F(0), F(1), F(2), F(1, 2)])),
        "bargaining_weight": draw(probabilities),
        "cost_coercer": draw(costs),
        "cost_target": draw(costs),
        "guarantee": draw(costs),
        "support": draw(costs),
        "demand_cap": draw(probabilities),
    }


def _transfer_outputs(p: Point) -> dict[str, Any]:
    model = PowerTransfer(**p)
    return {
        "target_loss": model.target_loss(),
        "compensation": model.compensation(),
        "is_acceptable": model.is_acceptable(),
        "minimal_guarantee": model.minimal_guarantee(),
        "minimal_support": model.minimal_support(),
        "sufficient_cap": model.sufficient_cap(),
    }


@st.composite
def _trust(draw: st.DrawFn) -> Point:
    temptation, reward = draw(ordered_pair(reals))
    sucker, punishment = draw(ordered_pair(reals))
    return {
        "reward": reward,
        "temptation": temptation,
        "punishment": punishment,
        "sucker": sucker,
        "prior": draw(probabilities),
        "guarantee": draw(costs),
    }


def _trust_outputs(p: Point) -> dict[str, Any]:
    game = TrustGame(**p)
    return {
        "prior_needed": game.prior_needed(),
        "regime": game.regime(),
        "is_cooperative": game.is_cooperative(),
        "minimal_guarantee": game.minimal_guarantee(),
    }


def _small_steps_outputs(p: Point) -> dict[str, Any]:
    steps = SmallSteps(**p)
    return {
        "threshold": steps.threshold,
        "posterior_2": steps.posterior(2),
        "steps_needed": steps.steps_needed(),
        "reach_probability": steps.reach_probability(),
        "kept_probability": steps.kept_probability(),
        "success_probability": steps.success_probability(),
        "expected_value": steps.expected_value(),
    }


def _gradualism_outputs(p: Point) -> dict[str, Any]:
    solved = Gradualism(**{k: v for k, v in p.items() if not k.startswith("stake_")}, stakes=(p["stake_0"], p["stake_1"])).solve()
    return {
        name: getattr(solved, name)
        for name in ("regime", "betrayal_step", "reach_probability", "signing_probability", "kept_probability", "betrayed_probability")
    }


_SHARED = ("discount", *_path_costs)
_NUMBERS = "backward induction on numbers: symbols raise NotImplementedError (use is_peaceful())"

COMMITMENT = [
    Spec("PowerPath", _power_path, _power_path_outputs, shared=_SHARED, symbolic_points=6),
    Spec("PowerPath.solve", _power_path, _power_path_solution, shared=_SHARED, symbolic=_NUMBERS, refusal=NotImplementedError),
    *(
        Spec(
            f"ProposerPath[{side}]",
            _power_path,
            lambda p, side=side: {"is_peaceful": ProposerPath(PowerPath(**p), side).is_peaceful()},
            shared=_SHARED,
            symbolic_points=6,
        )
        for side in ("coercer", "target")
    ),
    *(
        Spec(
            f"ProposerPath.solve[{side}]",
            _power_path,
            lambda p, side=side: _proposer_outputs(p, side),
            shared=_SHARED,
            symbolic=_NUMBERS,
            refusal=NotImplementedError,
        )
        for side in ("coercer", "target")
    ),
    Spec(
        "PowerShift",
        points(power_before=probabilities, power_after=probabilities, discount=discounts, **_path_costs),
        lambda p: dict(zip(("low", "high"), PowerShift(**p).peaceful_range())) | {"is_peaceful": PowerShift(**p).is_peaceful()},
    ),
    Spec("Ceasefire.solve", _ceasefire(), lambda p: _solution(Ceasefire(**p).solve(), ("minimal_patience", "minimal_guarantee", "is_self_enforcing", "regime"))),
    Spec(
        "RenewedDemands",
        points(assurance=probabilities, discount=discounts, power=probabilities, cost_target=costs),
        lambda p: {
            "resistance_value": RenewedDemands(**p).resistance_value,
            "most_compellable": RenewedDemands(**p).most_compellable(),
            "regime": RenewedDemands(**p).regime(),
            "complies_half": RenewedDemands(**p).complies(F(1, 2)),
        },
    ),
    Spec("PowerTransfer", _transfer(), _transfer_outputs),
    Spec("TrustGame", _trust(), _trust_outputs, signed=("reward", "temptation", "punishment", "sucker")),
    Spec(
        "SmallSteps",
        points(prior=fractions(F(1, 60), 1), loss=positives, discount=discounts, size=fractions(F(1, 60), 1)),
        _small_steps_outputs,
        positive=("prior", "loss", "size"),
    ),
    Spec(
        "Gradualism.solve",
        points(
            prior=open_probabilities,
            loss=positives,
            temptation=fractions(F(61, 60), 4),
            discount=discounts,
            stake_0=fractions(F(1, 60), 1),
            stake_1=fractions(F(1, 60), 1),
        ),
        _gradualism_outputs,
        array="exact or float scalars only: the plan is a sequence of steps, one plan at a time",
        symbolic="exact or float scalars only: the equilibrium is found by comparing the steps",
    ),
]

SPECS = [*CRISIS, *SOLUTIONS, *COMMITMENT]

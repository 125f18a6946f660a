"""The domains and main outputs of every model, for the cross-kind tests (tests/kinds)."""

from __future__ import annotations

from fractions import Fraction as F
from typing import Any

from hypothesis import strategies as st

from bargaining.coercion import (
    ResolveSignalling,
    Ultimatum,
    madman,
    optimal_carrot,
    optimal_demand,
    reputation_cost,
    risk_attitude,
    selection_effect,
)
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
from bargaining.war import CoaseTwoPeriod, DurationMixture, LearningWar, PrivateWarOfAttrition, WarOfAttrition
from tests.kinds.cross_kinds import Point, Spec, path_items
from tests.kinds.specs_extra import EXTRA
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

# --------------------------------------------------------------------------- coercion


@st.composite
def _ultimatum(draw: st.DrawFn, deadlines: tuple[Any, ...] = (0, 1, 3, None)) -> Point:
    execution_low, execution_high = draw(ordered_pair(reals))
    resolve_low, resolve_high = draw(ordered_pair(fractions(0, F(59, 60))))
    return {
        "demand": draw(probabilities),
        "vagueness": draw(fractions(0, F(1, 2))),
        "deadline": draw(st.sampled_from(deadlines)),
        "discount": draw(discounts),
        "urgency": draw(probabilities),
        "audience_cost": draw(nonnegatives),
        "threat": draw(nonnegatives),
        "carrot": draw(fractions(0, 1)),
        "carrot_efficiency": draw(nonnegatives),
        "carrot_credibility": draw(probabilities),
        "risk": draw(probabilities),
        "execution_low": execution_low,
        "execution_high": execution_high,
        "resolve_low": resolve_low,
        "resolve_high": resolve_high,
        "delay_cost": draw(costs),
    }


_OUTCOME = (
    "compliance_probability",
    "threat_executed_probability",
    "back_down_probability",
    "threat_never_falls_probability",
    "immediate_compliance_probability",
    "credibility",
    "coercer_utility",
    "target_utility",
    "regime",
)


def _ultimatum_outputs(p: Point) -> dict[str, Any]:
    ultimatum = Ultimatum(**p)
    return {**_solution(ultimatum.outcome(), _OUTCOME), "credibility_regime": ultimatum.credibility_regime()}


def _limits_outputs(p: Point) -> dict[str, Any]:
    ultimatum = Ultimatum(**{k: v for k, v in p.items() if k != "weight"})
    effect = madman(ultimatum, p["weight"])
    selection = selection_effect(ultimatum)
    return {
        **{f"madman.{name}": getattr(effect, name) for name in effect.__dataclass_fields__},
        **{f"selection.{name}": getattr(selection, name) for name in selection.__dataclass_fields__},
    }


@st.composite
def _signalling(draw: st.DrawFn) -> Point:
    irresolute, resolute = draw(ordered_pair(reals))
    resolve_low, resolve_high = draw(ordered_pair(fractions(0, F(59, 60))))
    return {
        "demand": draw(probabilities),
        "audience_cost": draw(nonnegatives),
        "carrot": draw(fractions(0, 1)),
        "prior_resolute": draw(probabilities),
        "resolute_value": resolute,
        "irresolute_value": irresolute,
        "threat": draw(nonnegatives),
        "vagueness": draw(fractions(0, F(1, 2))),
        "carrot_efficiency": draw(nonnegatives),
        "carrot_credibility": draw(probabilities),
        "resolve_low": resolve_low,
        "resolve_high": resolve_high,
        "risk": draw(probabilities),
    }


def _signalling_outputs(p: Point) -> dict[str, Any]:
    game = ResolveSignalling(**p)
    return {
        "regime": game.regime(),
        "regime[pbe]": game.regime("pbe"),
        "equilibrium_count": game.equilibrium_count(),
        "compliance[carrot, 1/2]": game.compliance("carrot", F(1, 2)),
    }


_ULTIMATUM_SIGNED = ("execution_low", "execution_high")


def _risk_attitude_outputs(p: Point) -> dict[str, Any]:
    ultimatum = Ultimatum(**{k: v for k, v in p.items() if k != "risk_aversion"})
    found = risk_attitude(ultimatum, p["risk_aversion"])
    return {name: getattr(found, name) for name in found.__dataclass_fields__}

_SYMBOLIC_DEMAND = (
    "numbers or arrays, or symbols with a numeric credibility (documented): with a symbolic credibility the "
    "demand is a Max/Min of Piecewise expressions that sympy's simplification evaluates at 0/0; with a "
    "positive deadline the two timing regimes' optima are compared"
)

def _optimal_demand(p: Point) -> dict[str, Any]:
    return dict(zip(("demand", "coercer_utility"), optimal_demand(Ultimatum(**p))))


COERCION = [
    Spec(
        "Ultimatum.outcome",
        _ultimatum(),
        _ultimatum_outputs,
        discrete=("deadline",),
        signed=_ULTIMATUM_SIGNED,
        symbolic_points=6,
        slow=("symbolic",),
    ),
    Spec(
        "madman+selection_effect",
        _ultimatum((0,)).map(lambda p: {**p, "weight": F(1, 3)}),
        _limits_outputs,
        discrete=("deadline", "weight"),
        signed=_ULTIMATUM_SIGNED,
        symbolic_points=4,
        slow=("symbolic",),
    ),
    *(
        Spec(
            name,
            _ultimatum(deadlines),
            _optimal_demand,
            discrete=("deadline",),
            signed=_ULTIMATUM_SIGNED,
            symbolic=_SYMBOLIC_DEMAND,
            refusal=NotImplementedError,
        )
        for name, deadlines in (("optimal_demand", (0, None)), ("optimal_demand[deadline]", (1, 2, 3)))
    ),
    Spec(
        "optimal_carrot",
        _ultimatum((0, 1, 2, None)),
        lambda p: dict(zip(("carrot", "coercer_utility"), optimal_carrot(Ultimatum(**p), 1))),
        discrete=("deadline",),
        signed=_ULTIMATUM_SIGNED,
        array="scalars only (documented): the carrot is the best of a few clipped peaks",
        symbolic="scalars only (documented): the carrot is the best of a few clipped peaks",
    ),
    *(
        Spec(
            f"risk_attitude[{alpha}]",
            _ultimatum((0,)).map(lambda p, alpha=alpha: {**p, "delay_cost": F(0), "risk_aversion": alpha}),
            _risk_attitude_outputs,
            discrete=("deadline", "delay_cost", "risk_aversion"),
            signed=_ULTIMATUM_SIGNED,
            symbolic="numbers or arrays only (documented): the CARA cutoff is transcendental",
            refusal=NotImplementedError,
            inexact="" if alpha == 0 else "floats (documented): the CARA cutoff is transcendental",
        )
        for alpha in (F(0), F(1, 2), F(-1))
    ),
    Spec(
        "reputation_cost",
        points(future_demand_probability=probabilities, future_demand=probabilities, discount=discounts),
        lambda p: {"cost": reputation_cost(**p)},
    ),
    Spec(
        "ResolveSignalling",
        _signalling(),
        _signalling_outputs,
        signed=("resolute_value", "irresolute_value"),
        symbolic="numbers or arrays only (documented): the equilibrium set is enumerated",
        array_examples=1,
    ),
]

# --------------------------------------------------------------------------- war


@st.composite
def _attrition(draw: st.DrawFn) -> Point:
    point = {
        "value_coercer": draw(positives),
        "value_target": draw(positives),
        "cost_coercer": draw(costs),
        "cost_target": draw(costs),
        "escalation_coercer": draw(costs),
        "escalation_target": draw(costs),
    }
    if point["cost_coercer"] == point["cost_target"] == point["escalation_coercer"] == point["escalation_target"] == 0:
        point["cost_target"] = F(1, 60)  # a costless war never ends (refused)
    return point


def _attrition_outputs(p: Point) -> dict[str, Any]:
    war = WarOfAttrition(**p)
    return {
        "hazard_intercept": war.hazard_intercept,
        "hazard_slope": war.hazard_slope,
        "hazard[1]": war.hazard(F(1)),
        "survival[2]": war.survival(F(2)),
    }  # the median, mean and victory probability (sympy log, sqrt, erfc) cost ~0.3 s a point exactly


def _mixture_outputs(p: Point) -> dict[str, Any]:
    mixture = DurationMixture(p["short_weight"], p["short_mean"], p["long_mean"], label="kinds")
    return {"mean": mixture.mean(), "survival[3]": mixture.survival(F(3)), "mean_beyond[6]": mixture.mean_beyond(F(6))}


@st.composite
def _mixture(draw: st.DrawFn) -> Point:
    short, long = draw(ordered_pair(fractions(F(1, 2), 20, 4), strict=False))
    return {"short_weight": draw(probabilities), "short_mean": short, "long_mean": long}


def _learning_outputs(p: Point) -> dict[str, Any]:
    war = LearningWar(**p)
    coercer, target = war.posterior_means(3, 2)
    return {"optimism": war.optimism, "posterior_coercer[3, 2]": coercer, "posterior_target[3, 2]": target}


WAR = [
    Spec(  # an exact evaluation costs ~0.3 s (sympy erfc, log, sqrt): fewer points
        "WarOfAttrition",
        _attrition(),
        _attrition_outputs,
        positive=("value_coercer", "value_target"),
        symbolic_points=3,
        float_examples=8,
        array_examples=1,
        batch=20,
    ),
    Spec(
        "PrivateWarOfAttrition",
        points(value_high=positives, cost=positives, escalation=costs),
        lambda p: {
            "holdout_cost[1/2]": PrivateWarOfAttrition(**p).holdout_cost(p["value_high"] / 2),
            "survival[1]": PrivateWarOfAttrition(**p).survival(F(1)),
            "median_duration": PrivateWarOfAttrition(**p).median_duration(),
        },
        positive=("value_high", "cost"),
        symbolic_points=4,
    ),
    Spec(
        "CoaseTwoPeriod.solve",
        points(power=fractions(0, F(59, 60)), discount=discounts).flatmap(
            lambda p: st.just(p) | st.just(p)
        ).flatmap(lambda p: fractions(F(1, 60), 1 - p["power"]).map(lambda c: {**p, "cost_high": c})),
        lambda p: _solution(CoaseTwoPeriod(**p).solve(), ("first_demand", "second_demand", "cutoff", "coercer_gain", "committed_demand", "committed_gain")),
        positive=("cost_high",),
    ),
    Spec("DurationMixture", _mixture(), _mixture_outputs, positive=("short_mean", "long_mean"), inexact="floats or exact sympy (exponentials)"),
    Spec(
        "LearningWar",
        points(
            coercer_belief=open_probabilities,
            target_belief=open_probabilities,
            coercer_confidence=positives,
            target_confidence=positives,
            battle_odds=probabilities,
            cost_coercer=costs,
            cost_target=costs,
        ),
        _learning_outputs,
        positive=("coercer_confidence", "target_confidence"),
    ),
]

SPECS = [*CRISIS, *SOLUTIONS, *COMMITMENT, *COERCION, *WAR, *EXTRA]

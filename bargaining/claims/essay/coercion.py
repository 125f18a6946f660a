"""The essay's claims on the coercion models (the one-shot ultimatum): specificity, carrots, credibility."""

from __future__ import annotations

import functools
import math
from fractions import Fraction as F
from typing import Any

from ..claim import Claim, MonotoneClaim, Region, RelationClaim
from ._shared import CI_BUDGET as _CI_BUDGET
from ._shared import exactly


def _ultimatum(demand: Any, **others: Any) -> Any:
    from ...coercion import Ultimatum

    return Ultimatum(demand, **others)


def _outcome(demand: Any, **others: Any) -> Any:
    """The ultimatum's outcome; a symbolic one is kept for the run, because several claims' proofs
    solve the same ultimatum on the same symbols (P(comply) and P(executed) of one ultimatum, a
    carrot and the smaller demand it equals) and the symbolic solve is the slow step."""
    game = _ultimatum(demand, **others)
    return _symbolic_outcome(game) if game.kind == "symbolic" else game.outcome()


@functools.lru_cache(maxsize=32)
def _symbolic_outcome(game: Any) -> Any:
    return game.outcome()


def _compliance_by_vagueness(demand: Any, vagueness: Any, audience_cost: Any) -> Any:
    return _outcome(demand, vagueness=vagueness, audience_cost=audience_cost).compliance_probability


def _compliance_by_deadline(demand: Any, deadline: Any, audience_cost: Any, delay_cost: Any) -> Any:
    periods = math.floor(deadline)  # the region is a box of rationals; a deadline is whole periods
    return _outcome(
        demand, deadline=periods, audience_cost=audience_cost, delay_cost=delay_cost
    ).compliance_probability


def _specific_compliance(
    demand: Any, vagueness: Any, urgency: Any, audience_cost: Any, added_audience_cost: Any
) -> Any:
    return _outcome(
        demand, vagueness=0, deadline=1, audience_cost=audience_cost + added_audience_cost
    ).compliance_probability


def _vague_compliance(
    demand: Any, vagueness: Any, urgency: Any, audience_cost: Any, added_audience_cost: Any
) -> Any:
    return _outcome(
        demand, vagueness=vagueness, deadline=None, urgency=urgency, audience_cost=audience_cost
    ).compliance_probability


def _compliance_by_carrot(demand: Any, carrot: Any, audience_cost: Any) -> Any:
    return _outcome(demand, carrot=carrot, audience_cost=audience_cost).compliance_probability


def _carrot_compliance(demand: Any, carrot: Any, audience_cost: Any) -> Any:
    return _outcome(demand, carrot=carrot, carrot_efficiency=1, audience_cost=audience_cost)


def _carrot_outcome_compliance(demand: Any, carrot: Any, audience_cost: Any) -> Any:
    return _carrot_compliance(demand, carrot, audience_cost).compliance_probability


def _smaller_demand_compliance(demand: Any, carrot: Any, audience_cost: Any) -> Any:
    return _outcome(demand - carrot, audience_cost=audience_cost).compliance_probability


def _carrot_outcome_utility(demand: Any, carrot: Any, audience_cost: Any) -> Any:
    return _carrot_compliance(demand, carrot, audience_cost).coercer_utility


def _smaller_demand_utility(demand: Any, carrot: Any, audience_cost: Any) -> Any:
    return _outcome(demand - carrot, audience_cost=audience_cost).coercer_utility


def _coercer_utility_by_carrot(demand: Any, carrot: Any, audience_cost: Any) -> Any:
    return _outcome(demand, carrot=carrot, audience_cost=audience_cost).coercer_utility


def _belief_after_carrot(carrot: Any, audience_cost: Any) -> Any:
    """The lowest belief that the coercer is resolute a target can hold after seeing a carrot of
    size ``carrot``, over every equilibrium that survives the intuitive criterion.

    Carrots come in twentieths of the stake (``carrot`` is rounded down to one), so the game is
    solved at most 11 times whatever the search asks (the exact equilibrium enumeration is the
    expensive step). The game is the signalling extension's worked example (demand 2/5, prior 1/2,
    resolute and irresolute values -1/10 and -3/5, Schelling risk 3/10). No equilibrium is
    selected: the quantity is the lowest posterior after a carrot message on the path of any
    survivor (:meth:`~bargaining.coercion.ResolveSignalling.equilibria` with
    ``refinement="intuitive"``); with no carrot, or none sent in any survivor, it is the prior.
    """
    return _belief_after_carrot_size(F(math.floor(carrot * 20), 20), audience_cost)


@functools.lru_cache(maxsize=256)
def _belief_after_carrot_size(carrot: F, audience_cost: Any) -> Any:
    from ...coercion import ResolveSignalling

    prior = F(1, 2)
    if carrot == 0:
        return prior
    game = ResolveSignalling(F(2, 5), audience_cost, carrot, prior, F(-1, 10), F(-3, 5), risk=F(3, 10))
    return exactly(game, lambda game: _lowest_belief(game, prior))


def _lowest_belief(game: Any, prior: Any) -> Any:
    beliefs = [
        belief
        for found in game.equilibria(refinement="intuitive")
        for message, belief in found.beliefs.items()
        if "carrot" in message
    ]
    return min(beliefs, default=prior)


def _executed_by_demand(demand: Any, audience_cost: Any, threat: Any) -> Any:
    return _outcome(demand, audience_cost=audience_cost, threat=threat).threat_executed_probability


def _compliance_by_audience_cost(demand: Any, audience_cost: Any, threat: Any) -> Any:
    return _outcome(demand, audience_cost=audience_cost, threat=threat).compliance_probability


def _executed_at_audience_cost(demand: Any, audience_cost: Any, threat: Any) -> Any:
    return _outcome(demand, audience_cost=audience_cost, threat=threat).threat_executed_probability


def _executed_without_audience_cost(demand: Any, audience_cost: Any, threat: Any) -> Any:
    return _outcome(demand, audience_cost=0, threat=threat).threat_executed_probability


def _executed_by_audience_cost(demand: Any, audience_cost: Any, resolve_high: Any) -> Any:
    return _outcome(
        demand, audience_cost=audience_cost, resolve_high=resolve_high
    ).threat_executed_probability


def coercion_claims() -> list[Claim]:
    """Claims on George's one-shot ultimatum and its signalling extension."""
    demand_cost = {"demand": (0, 1), "audience_cost": (0, 1)}
    return [
        MonotoneClaim(
            "A clearer condition is complied with at least as often: compliance never rises with the "
            "vagueness of what counts as compliance",
            "get specific",
            Region({"demand": (0, 1), "vagueness": (0, F(1, 2)), "audience_cost": (0, 1)}),
            quantity=_compliance_by_vagueness,
            parameter="vagueness",
            direction="nonincreasing",
            budget=_CI_BUDGET,
            assumptions={
                "demand": "ultimatum.demand",
                "vagueness": "ultimatum.vagueness",
                "audience_cost": "ultimatum.audience_cost",
            },
            source="George (1991), Forceful Persuasion: the condition, the deadline and the threat",
        ),
        MonotoneClaim(
            "A nearer deadline is complied with at least as often: compliance never rises as the "
            "deadline recedes (whole periods, discount 9/10; the target may comply at any period up "
            "to the deadline and pays a waiting cost each period until it does)",
            "get specific",
            Region({"demand": (0, 1), "deadline": (0, 12), "audience_cost": (0, 1), "delay_cost": (0, 1)}),
            quantity=_compliance_by_deadline,
            parameter="deadline",
            direction="nonincreasing",
            budget=_CI_BUDGET,
            assumptions={
                "demand": "ultimatum.demand",
                "deadline": "ultimatum.deadline",
                "audience_cost": "ultimatum.audience_cost",
            },
            source="George (1991): a deadline conveys urgency; Schelling (1966), Arms and Influence. "
            "A target that may wait complies at the deadline, so a deadline acts only through the cost "
            "of waiting, and a later one means more of it",
        ),
        RelationClaim(
            "A specific ultimatum (exact condition, a deadline one period away, a more public threat) "
            "is complied with at least as often as a vague one (blurred condition, no deadline but a "
            "per-period chance that the threat falls, a less public threat)",
            "get specific",
            Region(
                {
                    "demand": (0, 1),
                    "vagueness": (0, F(1, 2)),
                    "urgency": (0, 1),
                    "audience_cost": (0, 1),
                    "added_audience_cost": (0, 1),
                }
            ),
            left=_specific_compliance,
            right=_vague_compliance,
            relation=">=",
            budget=_CI_BUDGET,
            assumptions={
                "demand": "ultimatum.demand",
                "vagueness": "ultimatum.vagueness",
                "urgency": "ultimatum.urgency",
                "audience_cost": "ultimatum.audience_cost",
            },
            source="George (1991); Fearon (1994): public threats and audience costs",
        ),
        MonotoneClaim(
            "Adding a carrot raises compliance: compliance never falls as the carrot grows",
            "combine sticks and carrots",
            Region({"demand": (0, 1), "carrot": (0, F(1, 2)), "audience_cost": (0, 1)}),
            quantity=_compliance_by_carrot,
            parameter="carrot",
            direction="nondecreasing",
            budget=_CI_BUDGET,
            assumptions={
                "demand": "ultimatum.demand",
                "carrot": "ultimatum.carrot",
                "audience_cost": "ultimatum.audience_cost",
            },
            source="George (1991): carrots as well as sticks; Baldwin (1971), positive sanctions",
        ),
        RelationClaim(
            "With carrot_efficiency = 1 a carrot is exactly a smaller demand: the target complies "
            "with demand x and carrot s exactly as often as with demand x − s",
            "combine sticks and carrots",
            Region({"demand": (F(1, 2), 1), "carrot": (0, F(1, 2)), "audience_cost": (0, 1)}),
            left=_carrot_outcome_compliance,
            right=_smaller_demand_compliance,
            relation="==",
            budget=_CI_BUDGET,
            assumptions={
                "demand": "ultimatum.demand",
                "carrot": "ultimatum.carrot",
                "audience_cost": "ultimatum.audience_cost",
            },
            source="the definition of a carrot in bargaining.coercion.Ultimatum: worth s to the target, costing the coercer s",
        ),
        RelationClaim(
            "With carrot_efficiency = 1 a carrot is exactly a smaller demand for the coercer too: its "
            "expected utility with demand x and carrot s equals that with demand x − s",
            "combine sticks and carrots",
            Region({"demand": (F(1, 2), 1), "carrot": (0, F(1, 2)), "audience_cost": (0, 1)}),
            left=_carrot_outcome_utility,
            right=_smaller_demand_utility,
            relation="==",
            budget=_CI_BUDGET,
            assumptions={
                "demand": "ultimatum.demand",
                "carrot": "ultimatum.carrot",
                "audience_cost": "ultimatum.audience_cost",
            },
            source="the definition of a carrot in bargaining.coercion.Ultimatum",
        ),
        MonotoneClaim(
            "A carrot always pays for itself: the coercer's expected utility never falls as the carrot grows",
            "combine sticks and carrots",
            Region({"demand": (0, 1), "carrot": (0, F(1, 2)), "audience_cost": (0, 1)}),
            quantity=_coercer_utility_by_carrot,
            parameter="carrot",
            direction="nondecreasing",
            budget=_CI_BUDGET,
            assumptions={
                "demand": "ultimatum.demand",
                "carrot": "ultimatum.carrot",
                "audience_cost": "ultimatum.audience_cost",
            },
            source="George (1991): concessions can be a reward for bad behaviour; a carrot to a "
            "target that would comply anyway is pure cost",
        ),
        MonotoneClaim(
            "Carrots never signal weakness: the target's belief that the coercer is resolute after "
            "a carrot never falls as the carrot grows from none (signalling game, the lowest belief "
            "over every equilibrium surviving the intuitive criterion, demand 2/5, prior 1/2, carrots "
            "in twentieths of the stake)",
            "combine sticks and carrots",
            Region({"carrot": (0, F(1, 2)), "audience_cost": (F(3, 10), F(3, 10))}),
            quantity=_belief_after_carrot,
            parameter="carrot",
            direction="nondecreasing",
            budget=_CI_BUDGET,
            assumptions={"carrot": "ultimatum.carrot", "audience_cost": "ultimatum.audience_cost"},
            source="George (1991): inducements may be read as weakness; Cho & Kreps (1987): "
            "the intuitive criterion",
        ),
        MonotoneClaim(
            "The target's motivation not to comply rises with what is demanded: the probability that "
            "an ultimatum's threat is executed never falls as the demand grows, so smaller steps "
            "risk fewer executions",
            "take small steps",
            Region({"demand": (0, 1), "audience_cost": (0, 1), "threat": (F(1, 2), 2)}),
            quantity=_executed_by_demand,
            parameter="demand",
            direction="nondecreasing",
            budget=_CI_BUDGET,
            assumptions={
                "demand": "ultimatum.demand",
                "audience_cost": "ultimatum.audience_cost",
                "threat": "ultimatum.threat",
            },
            source="George (1991): asymmetry of motivation",
        ),
        MonotoneClaim(
            "Audience costs raise compliance: compliance never falls as backing down grows costlier",
            "credibility of threats",
            Region({**demand_cost, "threat": (F(1, 2), 2)}),
            quantity=_compliance_by_audience_cost,
            parameter="audience_cost",
            direction="nondecreasing",
            budget=_CI_BUDGET,
            assumptions={
                "demand": "ultimatum.demand",
                "audience_cost": "ultimatum.audience_cost",
                "threat": "ultimatum.threat",
            },
            source="Fearon (1994), 'Domestic political audiences and the escalation of "
            "international disputes', APSR 88(3): audience costs make threats credible (his model "
            "is a war of attrition; the one-shot execution rule is this package's)",
        ),
        RelationClaim(
            "Audience costs leave the probability that the threat is executed unchanged where some "
            "targets fear nothing (resolve_high = 1) and the demand is within the threat's reach "
            "(demand ≤ 1/2, threat ≥ 1, so compliance is partial): P(threat executed) at audience "
            "cost a equals P(threat executed) at 0",
            "credibility of threats",
            Region({"demand": (0, F(1, 2)), "audience_cost": (0, 1), "threat": (1, 2)}),
            left=_executed_at_audience_cost,
            right=_executed_without_audience_cost,
            relation="==",
            budget=_CI_BUDGET,
            assumptions={
                "demand": "ultimatum.demand",
                "audience_cost": "ultimatum.audience_cost",
                "threat": "ultimatum.threat",
            },
            source="a property of the uniform resolve distribution, not a published result: "
            "∂P(threat executed)/∂e = −(1 − r_hi)/(r_hi − r_lo) where compliance is partial, 0 when r_hi = 1",
        ),
        MonotoneClaim(
            "Audience costs never lower the probability that the threat is executed at a given "
            "demand (unrestricted: any resolve ceiling, any demand)",
            "credibility of threats",
            Region({**demand_cost, "resolve_high": (F(1, 2), 1)}),
            quantity=_executed_by_audience_cost,
            parameter="audience_cost",
            direction="nondecreasing",
            budget=2 * _CI_BUDGET,  # shrinking needs more calls to reach the simplest point
            assumptions={"demand": "ultimatum.demand", "audience_cost": "ultimatum.audience_cost"},
            source="a property of the uniform resolve distribution: where every target fears the "
            "threat somewhat (resolve_high < 1) a more credible threat deters more than it adds "
            "executions",
        ),
    ]


# --------------------------------------------------------------------------- commitment

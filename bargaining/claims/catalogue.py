"""The claims of the essay (MODEL.md §7), each formalised on the models that exist.

Every claim names the essay's principle it formalises, the model and region it speaks of, the
published source of the result where there is one, and the verdict the theory predicts
(``expected``); ``tests/claims`` checks each verdict and breaks each model on purpose to show the
check can fail.
"""

from __future__ import annotations

import functools
import math
from fractions import Fraction as F
from typing import Any

from .claim import Claim, MonotoneClaim, Region, RelationClaim

__all__ = ["coercion_claims", "commitment_claims", "crisis_claims", "essay_claims", "war_claims"]


def _war_probability_of_demand(power: Any, demand: Any) -> Any:
    from ..crisis import RiskReturn

    return RiskReturn(power, F(1, 10), 0, F(2, 5)).war_probability(demand)


def _optimal_war_risk(power: Any, cost_coercer: Any) -> Any:
    from ..crisis import RiskReturn

    return RiskReturn(power, cost_coercer, 0, F(2, 5)).solve().war_probability


def _range_width(coercer_belief: Any, target_belief: Any, cost_coercer: Any, cost_target: Any) -> Any:
    from ..crisis import MutualOptimism

    return MutualOptimism(coercer_belief, target_belief, cost_coercer, cost_target).bargaining_range().width


def _cost_minus_optimism(coercer_belief: Any, target_belief: Any, cost_coercer: Any, cost_target: Any) -> Any:
    return cost_coercer + cost_target - (coercer_belief + target_belief - 1)


def _proposer_share(discount_first: Any, discount_second: Any) -> Any:
    from ..solutions import AlternatingOffers

    return AlternatingOffers(discount_first, discount_second).solve().first_share


def crisis_claims() -> list[Claim]:
    """Claims on the crisis and bargaining-solution models (MODEL.md §1-§2)."""
    optimism_region = Region(
        {
            "coercer_belief": (F(1, 2), 1),
            "target_belief": (F(1, 2), 1),
            "cost_coercer": (0, F(1, 4)),
            "cost_target": (0, F(1, 4)),
        }
    )
    return [
        MonotoneClaim(
            "The target's motivation not to comply rises with what is demanded: the chance it fights "
            "a demand never falls as the demand grows",
            "take small steps",
            Region({"power": (0, 1), "demand": (0, 1)}),
            quantity=_war_probability_of_demand,
            parameter="demand",
            direction="nondecreasing",
            expected="proved",
            source="Fearon (1995, §3): risk-return trade-off",
        ),
        RelationClaim(
            "A war both sides think they can win has no bargain: the range's width is the total cost of "
            "war minus the sides' optimism, so it empties exactly when optimism exceeds that cost",
            "mutual optimism",
            optimism_region,
            left=_range_width,
            right=_cost_minus_optimism,
            relation="==",
            expected="holds in tests",
            source="Fearon (1995, p. 392); Blainey (1973)",
        ),
        MonotoneClaim(
            "A stronger coercer makes demands that risk more war",
            "asymmetry of motivation and power",
            Region({"power": (0, 1), "cost_coercer": (0, F(1, 4))}),
            quantity=_optimal_war_risk,
            parameter="power",
            direction="nondecreasing",
            expected="refuted",
            source="Fearon (1995, p. 395): the war risk of the optimal demand does not "
            "depend on power in the interior, and falls once the demand is capped at the whole stake",
        ),
        MonotoneClaim(
            "Patience pays: the more patient side gets a larger share",
            "urgency",
            Region({"discount_first": (F(1, 20), F(19, 20)), "discount_second": (F(1, 20), F(19, 20))}),
            quantity=_proposer_share,
            parameter="discount_first",
            direction="nondecreasing",
            expected="proved",
            source="Rubinstein (1982)",
        ),
    ]


# --------------------------------------------------------------------------- coercion (MODEL.md §4)
#
# The one-shot ultimatum keeps its defaults where the region does not speak: the threat falls at
# once (deadline 0), the coercer's net value of executing is w ~ U[-1, 1] and the target's resolve
# R ~ U[0, 1], so some targets fear nothing (resolve_high = 1).


def _ultimatum(demand: Any, **others: Any) -> Any:
    from ..coercion import Ultimatum

    return Ultimatum(demand, **others)


def _compliance_by_vagueness(demand: Any, vagueness: Any, audience_cost: Any) -> Any:
    return _ultimatum(demand, vagueness=vagueness, audience_cost=audience_cost).compliance_probability()


def _compliance_by_deadline(demand: Any, deadline: Any, audience_cost: Any) -> Any:
    periods = math.floor(deadline)  # the region is a box of rationals; a deadline is whole periods
    return _ultimatum(demand, deadline=periods, audience_cost=audience_cost).compliance_probability()


def _specific_compliance(
    demand: Any, vagueness: Any, urgency: Any, audience_cost: Any, added_audience_cost: Any
) -> Any:
    return _ultimatum(
        demand, vagueness=0, deadline=1, audience_cost=audience_cost + added_audience_cost
    ).compliance_probability()


def _vague_compliance(
    demand: Any, vagueness: Any, urgency: Any, audience_cost: Any, added_audience_cost: Any
) -> Any:
    return _ultimatum(
        demand, vagueness=vagueness, deadline=None, urgency=urgency, audience_cost=audience_cost
    ).compliance_probability()


def _compliance_by_carrot(demand: Any, carrot: Any, audience_cost: Any) -> Any:
    return _ultimatum(demand, carrot=carrot, audience_cost=audience_cost).compliance_probability()


def _carrot_compliance(demand: Any, carrot: Any, audience_cost: Any) -> Any:
    return _ultimatum(demand, carrot=carrot, carrot_efficiency=1, audience_cost=audience_cost).outcome()


def _carrot_outcome_compliance(demand: Any, carrot: Any, audience_cost: Any) -> Any:
    return _carrot_compliance(demand, carrot, audience_cost).compliance_probability


def _smaller_demand_compliance(demand: Any, carrot: Any, audience_cost: Any) -> Any:
    return _ultimatum(demand - carrot, audience_cost=audience_cost).compliance_probability()


def _carrot_outcome_utility(demand: Any, carrot: Any, audience_cost: Any) -> Any:
    return _carrot_compliance(demand, carrot, audience_cost).coercer_utility


def _smaller_demand_utility(demand: Any, carrot: Any, audience_cost: Any) -> Any:
    return _ultimatum(demand - carrot, audience_cost=audience_cost).outcome().coercer_utility


def _coercer_utility_by_carrot(demand: Any, carrot: Any, audience_cost: Any) -> Any:
    return _ultimatum(demand, carrot=carrot, audience_cost=audience_cost).outcome().coercer_utility


#: What the ``ci`` depth spends on each claim below: examples, and shrinking calls for a
#: counterexample (each hypothesis draw of an exact point costs milliseconds; see ``Claim.budget``).
_CI_BUDGET = 100

_FORMS = {"separating": 0, "semi-separating": 1, "pooling": 2}


def _belief_after_carrot(carrot: Any, audience_cost: Any) -> Any:
    """The target's belief that the coercer is resolute after seeing a carrot of size ``carrot``.

    Carrots come in twentieths of the stake (``carrot`` is rounded down to one), so the game is
    solved at most 11 times whatever the search asks (the exact equilibrium enumeration is the
    expensive step). The game is the signalling extension's worked example (demand 2/5, prior 1/2,
    resolute and irresolute values -1/10 and -3/5, Schelling risk 3/10), solved for its intuitive
    equilibria and read in the order :meth:`~bargaining.coercion.SignallingGame.regime` uses
    (separating, then semi-separating, then pooling). The belief is the lowest posterior after a
    carrot message on that equilibrium's path; with no carrot, or none sent, it is the prior.
    """
    return _belief_after_carrot_size(F(math.floor(carrot * 20), 20), audience_cost)


@functools.lru_cache(maxsize=256)
def _belief_after_carrot_size(carrot: F, audience_cost: Any) -> Any:
    from ..coercion import SignallingGame

    prior = F(1, 2)
    if carrot == 0:
        return prior
    game = SignallingGame(F(2, 5), audience_cost, carrot, prior, F(-1, 10), F(-3, 5), risk=F(3, 10))
    equilibria = sorted(game.equilibria(refine=True), key=lambda found: _FORMS[found.form])
    if not equilibria:
        return prior
    beliefs = [belief for message, belief in equilibria[0].beliefs.items() if "carrot" in message]
    return min(beliefs) if beliefs else prior


def _war_by_demand(demand: Any, audience_cost: Any, threat: Any) -> Any:
    return _ultimatum(demand, audience_cost=audience_cost, threat=threat).war_probability()


def _compliance_by_audience_cost(demand: Any, audience_cost: Any, threat: Any) -> Any:
    return _ultimatum(demand, audience_cost=audience_cost, threat=threat).compliance_probability()


def _war_at_audience_cost(demand: Any, audience_cost: Any, threat: Any) -> Any:
    return _ultimatum(demand, audience_cost=audience_cost, threat=threat).war_probability()


def _war_without_audience_cost(demand: Any, audience_cost: Any, threat: Any) -> Any:
    return _ultimatum(demand, audience_cost=0, threat=threat).war_probability()


def _war_by_audience_cost(demand: Any, audience_cost: Any, resolve_high: Any) -> Any:
    return _ultimatum(demand, audience_cost=audience_cost, resolve_high=resolve_high).war_probability()


def coercion_claims() -> list[Claim]:
    """Claims on George's one-shot ultimatum and its signalling extension (MODEL.md §4)."""
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
            expected="holds in tests",
            budget=_CI_BUDGET,
            source="George (1991), Forceful Persuasion: the condition, the deadline and the threat",
        ),
        MonotoneClaim(
            "A nearer deadline is complied with at least as often: compliance never rises as the "
            "deadline recedes (whole periods, discount 9/10)",
            "get specific",
            Region({"demand": (0, 1), "deadline": (0, 12), "audience_cost": (0, 1)}),
            quantity=_compliance_by_deadline,
            parameter="deadline",
            direction="nonincreasing",
            expected="holds in tests",
            budget=_CI_BUDGET,
            source="George (1991): a deadline conveys urgency; Schelling (1966), Arms and Influence",
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
            expected="holds in tests",
            budget=_CI_BUDGET,
            source="George (1991); Fearon (1994): public threats and audience costs",
        ),
        MonotoneClaim(
            "Adding a carrot raises compliance: compliance never falls as the carrot grows",
            "combine sticks and carrots",
            Region({"demand": (0, 1), "carrot": (0, F(1, 2)), "audience_cost": (0, 1)}),
            quantity=_compliance_by_carrot,
            parameter="carrot",
            direction="nondecreasing",
            expected="holds in tests",
            budget=_CI_BUDGET,
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
            expected="proved",
            budget=_CI_BUDGET,
            source="MODEL.md §4: a carrot worth s to the target that costs the coercer s",
        ),
        RelationClaim(
            "With carrot_efficiency = 1 a carrot is exactly a smaller demand for the coercer too: its "
            "expected utility with demand x and carrot s equals that with demand x − s",
            "combine sticks and carrots",
            Region({"demand": (F(1, 2), 1), "carrot": (0, F(1, 2)), "audience_cost": (0, 1)}),
            left=_carrot_outcome_utility,
            right=_smaller_demand_utility,
            relation="==",
            expected="proved",
            budget=_CI_BUDGET,
            source="MODEL.md §4",
        ),
        MonotoneClaim(
            "A carrot always pays for itself: the coercer's expected utility never falls as the carrot grows",
            "combine sticks and carrots",
            Region({"demand": (0, 1), "carrot": (0, F(1, 2)), "audience_cost": (0, 1)}),
            quantity=_coercer_utility_by_carrot,
            parameter="carrot",
            direction="nondecreasing",
            expected="refuted",
            budget=_CI_BUDGET,
            source="George (1991): concessions can be a reward for bad behaviour; a carrot to a "
            "target that would comply anyway is pure cost",
        ),
        MonotoneClaim(
            "Carrots never signal weakness: the target's belief that the coercer is resolute after "
            "a carrot never falls as the carrot grows from none (signalling game, intuitive "
            "equilibria, demand 2/5, prior 1/2, carrots in twentieths of the stake)",
            "combine sticks and carrots",
            Region({"carrot": (0, F(1, 2)), "audience_cost": (F(3, 10), F(3, 10))}),
            quantity=_belief_after_carrot,
            parameter="carrot",
            direction="nondecreasing",
            expected="refuted",
            budget=_CI_BUDGET,
            source="George (1991): inducements may be read as weakness; Cho & Kreps (1987): "
            "the intuitive criterion",
        ),
        MonotoneClaim(
            "The target's motivation not to comply rises with what is demanded: the war risk of an "
            "ultimatum never falls as the demand grows, so smaller steps risk less war",
            "take small steps",
            Region({"demand": (0, 1), "audience_cost": (0, 1), "threat": (F(1, 2), 2)}),
            quantity=_war_by_demand,
            parameter="demand",
            direction="nondecreasing",
            expected="holds in tests",
            budget=_CI_BUDGET,
            source="George (1991): asymmetry of motivation; Fearon (1995): the risk-return trade-off",
        ),
        MonotoneClaim(
            "Audience costs raise compliance: compliance never falls as backing down grows costlier",
            "credibility of threats",
            Region({**demand_cost, "threat": (F(1, 2), 2)}),
            quantity=_compliance_by_audience_cost,
            parameter="audience_cost",
            direction="nondecreasing",
            expected="holds in tests",
            budget=_CI_BUDGET,
            source="Fearon (1994), 'Domestic political audiences and the escalation of "
            "international disputes', APSR 88(3)",
        ),
        RelationClaim(
            "Audience costs leave the war risk of a given demand unchanged where some targets fear "
            "nothing (resolve_high = 1) and the demand is within the threat's reach (demand ≤ 1/2, "
            "threat ≥ 1, so compliance is partial): P(war) at audience cost a equals P(war) at 0",
            "credibility of threats",
            Region({"demand": (0, F(1, 2)), "audience_cost": (0, 1), "threat": (1, 2)}),
            left=_war_at_audience_cost,
            right=_war_without_audience_cost,
            relation="==",
            expected="holds in tests",
            budget=_CI_BUDGET,
            source="Fearon (1997), 'Signaling foreign policy interests', JCR 41(1); "
            "docs/explanation/coercion.md: ∂P(war)/∂e = −(1 − r_hi)/(r_hi − r_lo) inside",
        ),
        MonotoneClaim(
            "Audience costs never lower the war risk of a given demand (unrestricted: any resolve "
            "ceiling, any demand)",
            "credibility of threats",
            Region({**demand_cost, "resolve_high": (F(1, 2), 1)}),
            quantity=_war_by_audience_cost,
            parameter="audience_cost",
            direction="nondecreasing",
            expected="refuted",
            budget=2 * _CI_BUDGET,  # shrinking needs more calls to reach the simplest point
            source="Fearon (1997): where every target fears the threat somewhat (resolve_high < 1) a "
            "more credible threat deters more than it adds executions",
        ),
    ]


# --------------------------------------------------------------------------- commitment (MODEL.md §3)


def _trust_after_kept_steps(kept: Any, prior: Any, size: Any) -> Any:
    from ..commitment import SmallSteps

    return SmallSteps(prior, 2, F(9, 10), size).posterior(kept)


def _steps_needed(size: Any, prior: Any) -> Any:
    from ..commitment import SmallSteps

    return SmallSteps(prior, 2, F(9, 10), size).steps_needed()


def _most_compellable(assurance: Any, discount: Any, power: Any, cost_target: Any) -> Any:
    from ..commitment import RenewedDemands

    return RenewedDemands(assurance, discount, power, cost_target).most_compellable()


def _peace_slack_after_shift(shift: Any, power: Any, discount: Any) -> Any:
    """The tightest period's room for peace, :math:`\\min_t (1 - \\mu^C_t - \\mu^T_t)`, on the path
    ``[power, power + shift]`` with per-period war costs 1/20 each."""
    from ..commitment import PowerPath

    path = PowerPath([power, power + shift], discount, F(1, 20), F(1, 20))
    return min(path.solve().slack)


def _peace_after_slow_decline(decline_periods: Any, step: Any) -> Any:
    """1 if a peaceful division exists on the target's slow decline, else 0.

    The coercer's power rises by ``step`` each period for ``floor(decline_periods)`` periods from 0
    (Krainin's example: discount 9/10, the target's war cost 1/10). Every step passes Powell's
    one-step test on this region: :math:`\\delta\\,\\text{step} \\le (1 - \\delta) p + c_T` holds for
    :math:`\\text{step} \\le 1/10`.
    """
    from ..commitment import PowerPath

    periods = math.floor(decline_periods)
    path = PowerPath([k * step for k in range(periods + 1)], F(9, 10), 0, F(1, 10))
    return 1 if path.is_peaceful() else 0


def _ceasefire_patience(guarantee: Any, share: Any, renege_gain: Any) -> Any:
    from ..commitment import Ceasefire

    return Ceasefire(
        share, F(1, 2), F(9, 10), F(1, 10), F(1, 10), renege_gain, renege_gain, guarantee=guarantee
    ).minimal_patience()


def _budapest_compensation(guarantee: Any, shift: Any, bargaining_weight: Any) -> Any:
    from ..commitment import PowerTransfer

    return PowerTransfer(
        F(1, 2), shift, F(9, 10), delay=2, bargaining_weight=bargaining_weight, guarantee=guarantee
    ).compensation()


def commitment_claims() -> list[Claim]:
    """Claims on commitment problems: small steps, renewed demands, power shifts, guarantees (§3)."""
    return [
        MonotoneClaim(
            "Each kept small step builds trust: the belief that the partner is trustworthy never "
            "falls with the number of steps kept",
            "take small steps",
            Region({"kept": (0, 10), "prior": (F(1, 20), F(19, 20)), "size": (F(1, 20), F(19, 20))}),
            quantity=_trust_after_kept_steps,
            parameter="kept",
            direction="nondecreasing",
            expected="proved",
            budget=_CI_BUDGET,
            source="Kydd (2005), Trust and Mistrust in International Relations; Watson (1999), "
            "'Starting small and renegotiation', JET 85(1)",
        ),
        MonotoneClaim(
            "Smaller steps take longer: the number of kept steps the big agreement needs never "
            "rises as the steps grow",
            "take small steps",
            Region({"size": (F(1, 20), F(19, 20)), "prior": (F(1, 20), F(19, 20))}),
            quantity=_steps_needed,
            parameter="size",
            direction="nonincreasing",
            expected="holds in tests",
            budget=_CI_BUDGET,
            source="Watson (1999): starting small trades speed against exposure",
        ),
        MonotoneClaim(
            "Credible assurance against renewed pressure raises the most that can be compelled: it "
            "never falls as the chance that the coercer has limited aims rises",
            "lower the temperature",
            Region(
                {
                    "assurance": (0, 1),
                    "discount": (F(1, 2), F(19, 20)),
                    "power": (0, F(1, 2)),
                    "cost_target": (0, F(1, 4)),
                }
            ),
            quantity=_most_compellable,
            parameter="assurance",
            direction="nondecreasing",
            expected="holds in tests",
            budget=_CI_BUDGET,
            source="George (1991): the fear of renewed pressure; Schelling (1966): assurance as "
            "the other half of a threat; Sechser (2010), 'Goliath's curse', IO 64(4)",
        ),
        MonotoneClaim(
            "A larger shift of power leaves less room for a self-enforcing agreement: the slack of "
            "peace on a one-step path never rises with the shift",
            "mutual mistrust, Budapest, Minsk",
            Region({"shift": (0, F(1, 2)), "power": (0, F(1, 2)), "discount": (F(1, 2), F(19, 20))}),
            quantity=_peace_slack_after_shift,
            parameter="shift",
            direction="nonincreasing",
            expected="holds in tests",
            budget=_CI_BUDGET,
            source="Powell (2006), 'War as a commitment problem', IO 60(1); Fearon (1995)",
        ),
        MonotoneClaim(
            "If every one-step shift is peaceful the path is peaceful: a decline in small steps, each "
            "of which passes Powell's one-step test, never turns to war as it goes on",
            "mutual mistrust, Budapest, Minsk",
            Region({"decline_periods": (1, 10), "step": (F(1, 20), F(1, 10))}),
            quantity=_peace_after_slow_decline,
            parameter="decline_periods",
            direction="nondecreasing",
            expected="refuted",
            budget=_CI_BUDGET,
            source="Krainin (2017), 'Preventive war as a result of long-term shifts in power', "
            "PSRM 5(1): a slow, persistent decline causes war where no single step would",
        ),
        MonotoneClaim(
            "Guarantees never make an agreement less self-enforcing: the patience a ceasefire needs "
            "never rises with the penalty a guarantor imposes on violators",
            "mutual mistrust, Budapest, Minsk",
            Region({"guarantee": (0, 1), "share": (F(1, 4), F(3, 4)), "renege_gain": (0, 1)}),
            quantity=_ceasefire_patience,
            parameter="guarantee",
            direction="nonincreasing",
            expected="holds in tests",
            budget=_CI_BUDGET,
            source="Fortna (2003), 'Scraping by', IO 57(2); Walter (1997), 'The critical barrier to "
            "civil war settlement', IO 51(3)",
        ),
        MonotoneClaim(
            "A guarantee lowers the price of giving up a power-shifting asset (Budapest): the up-front "
            "compensation the target needs never rises with the guarantee",
            "mutual mistrust, Budapest, Minsk",
            Region({"guarantee": (0, 1), "shift": (0, F(2, 5)), "bargaining_weight": (0, 1)}),
            quantity=_budapest_compensation,
            parameter="guarantee",
            direction="nonincreasing",
            expected="proved",
            budget=_CI_BUDGET,
            source="Fearon (1995): objects that shift power; the Budapest Memorandum (1994)",
        ),
    ]


# --------------------------------------------------------------------------- the war (MODEL.md §5)


def _battles_before_settlement(coercer_belief: Any, confidence: Any) -> Any:
    from ..war import LearningWar

    war = LearningWar(coercer_belief, F(7, 10), confidence, confidence, F(1, 2), F(1, 40), F(1, 40))
    return war.settlement_battles()


def _battles_by_confidence(confidence: Any, coercer_belief: Any) -> Any:
    return _battles_before_settlement(coercer_belief, confidence)


def _screwed_settlement_battles(escalation: Any, coercer_belief: Any) -> Any:
    from ..war import LearningWar

    war = LearningWar(coercer_belief, F(7, 10), 4, 4, F(1, 2), F(1, 40), F(1, 40))
    return war.settlement_battles(escalation=escalation)


def _settled_by_horizon(escalation: Any, battle_odds: Any) -> Any:
    """P(settlement within 8 battles) of an unequally confident learning war under the screw
    (exact lattice DP; decisive at a lead of 4 battles)."""
    from ..war import LearningWar, TurningTheScrew

    war = LearningWar(F(7, 10), F(7, 10), 2, 6, battle_odds, F(1, 40), F(1, 40), decisive_margin=4)
    return war.duration_distribution(8, TurningTheScrew(escalation)).settled_by(8)


def _coase(power: Any, cost_high: Any, discount: Any) -> Any:
    from ..war import CoaseTwoPeriod

    return CoaseTwoPeriod(power, cost_high, discount).solve()


def _ultimatum_gain(power: Any, cost_high: Any, discount: Any) -> Any:
    return _coase(power, cost_high, discount).committed_gain


def _try_and_see_gain(power: Any, cost_high: Any, discount: Any) -> Any:
    return _coase(power, cost_high, discount).coercer_gain


def _ultimatum_war(power: Any, cost_high: Any, discount: Any) -> Any:
    """P(the target refuses both demands) when the demand is committed: types below its price."""
    solution = _coase(power, cost_high, discount)
    return (solution.committed_demand - power) / cost_high


def _try_and_see_war(power: Any, cost_high: Any, discount: Any) -> Any:
    """P(the target refuses both demands) under try-and-see: types below the softer second price."""
    solution = _coase(power, cost_high, discount)
    return (solution.second_demand - power) / cost_high


def _attrition_survival(escalation_target: Any, time: Any, cost_target: Any) -> Any:
    """P(the war of attrition is still on at ``time``), both sides valuing the prize at 1 and the
    coercer's cost 1/10 a period."""
    from ..war import WarOfAttrition

    return WarOfAttrition(1, 1, F(1, 10), cost_target, 0, escalation_target).survival(time)


def _self_enforcing_deal(guarantee: Any, shift: Any) -> Any:
    """1 if a settlement at even power holds through a ceasefire shift (exact PowerPath test)."""
    from ..war import LearningWar, SelfEnforcing, TryAndSee

    war = LearningWar(F(1, 2), F(1, 2), 4, 4, F(1, 2), F(1, 20), F(1, 20))
    rule = SelfEnforcing(TryAndSee(), shift, F(9, 10), guarantee=guarantee)
    return 1 if bool(rule.holds(war, F(1, 2))) else 0


def _mixture(short_weight: Any, short_mean: Any, long_extra: Any) -> Any:
    from ..war import DurationMixture

    return DurationMixture(short_weight, short_mean, short_mean + long_extra, label="months")


def _remaining_after_a_year(short_weight: Any, short_mean: Any, long_extra: Any) -> Any:
    return _mixture(short_weight, short_mean, long_extra).mean_beyond(12) - 12


def _mean_duration(short_weight: Any, short_mean: Any, long_extra: Any) -> Any:
    return _mixture(short_weight, short_mean, long_extra).mean()


def _hazard(time: Any, short_weight: Any, long_extra: Any) -> Any:
    return _mixture(short_weight, 4, long_extra).hazard(time)


def war_claims() -> list[Claim]:
    """Claims on the war: learning, George's three strategies, attrition, durations (§5)."""
    coase_region = Region(
        {"power": (0, F(1, 2)), "cost_high": (F(1, 100), F(1, 2)), "discount": (F(1, 20), F(999, 1000))}
    )
    mixture_region = {"short_weight": (0, 1), "short_mean": (1, 6), "long_extra": (0, 200)}
    return [
        MonotoneClaim(
            "A war both sides think they can win lasts until beliefs converge: the more optimistic "
            "the coercer, the more battles before the subjective range opens (learning war)",
            "mutual optimism",
            Region({"coercer_belief": (F(3, 10), F(9, 10)), "confidence": (1, 20)}),
            quantity=_battles_before_settlement,
            parameter="coercer_belief",
            direction="nondecreasing",
            expected="holds in tests",
            budget=_CI_BUDGET,
            source="Slantchev (2003), 'The principle of convergence in wartime negotiations', APSR "
            "97(4); Smith & Stam (2004), JCR 48(6)",
        ),
        MonotoneClaim(
            "Firmer priors take longer to converge: the more confident both sides' priors, the more "
            "battles before settlement (learning war)",
            "mutual optimism",
            Region({"confidence": (1, 20), "coercer_belief": (F(3, 10), F(9, 10))}),
            quantity=_battles_by_confidence,
            parameter="confidence",
            direction="nondecreasing",
            expected="holds in tests",
            budget=_CI_BUDGET,
            source="Slantchev (2003); Smith & Stam (2004)",
        ),
        RelationClaim(
            "An ultimatum extracts more than try-and-see: a coercer that commits to its demand gains "
            "at least what one that softens it gains (two periods, private cost of war)",
            "the three strategies",
            coase_region,
            left=_ultimatum_gain,
            right=_try_and_see_gain,
            relation=">=",
            expected="proved",
            budget=_CI_BUDGET,
            source="Fudenberg & Tirole (1991), Game Theory, §10.2.1; Sobel & Takahashi (1983)",
        ),
        RelationClaim(
            "... but an ultimatum fails more often: the target refuses a committed demand to the end "
            "at least as often as it refuses try-and-see's softening demands",
            "the three strategies",
            coase_region,
            left=_ultimatum_war,
            right=_try_and_see_war,
            relation=">=",
            expected="proved",
            budget=_CI_BUDGET,
            source="Fudenberg & Tirole (1991), §10.2.1: the Coase problem of a coercer that cannot commit",
        ),
        MonotoneClaim(
            "Turning the screw shortens the learning war: the battles before settlement never rise "
            "with the escalation of the target's cost",
            "the three strategies",
            Region({"escalation": (0, F(1, 10)), "coercer_belief": (F(3, 10), F(9, 10))}),
            quantity=_screwed_settlement_battles,
            parameter="escalation",
            direction="nonincreasing",
            expected="holds in tests",
            budget=_CI_BUDGET,
            source="George (1991): turning the screw; Slantchev (2003)",
        ),
        MonotoneClaim(
            "Turning the screw never lowers the chance that the war is settled within 8 battles "
            "(unequal priors, decisive victories possible; exact lattice DP)",
            "the three strategies",
            Region({"escalation": (0, F(1, 10)), "battle_odds": (F(1, 4), F(3, 4))}),
            quantity=_settled_by_horizon,
            parameter="escalation",
            direction="nondecreasing",
            expected="holds in tests",
            budget=_CI_BUDGET,
            source="George (1991); Smith & Stam (2004)",
        ),
        MonotoneClaim(
            "The screw shortens wars of attrition: the chance that the war is still on at any date "
            "never rises as the target's cost escalates faster (so every quantile of its length falls)",
            "the three strategies",
            Region({"escalation_target": (0, 1), "time": (0, 20), "cost_target": (F(1, 20), F(1, 2))}),
            quantity=_attrition_survival,
            parameter="escalation_target",
            direction="nonincreasing",
            expected="proved",
            budget=_CI_BUDGET,
            source="Hendricks, Weiss & Wilson (1988), IER 29(4); Fudenberg & Tirole (1991), §4.5.2",
        ),
        MonotoneClaim(
            "Guarantees restore agreements inside the war: a settlement that must survive a "
            "ceasefire power shift never stops holding as the guarantee grows",
            "mutual mistrust, Budapest, Minsk",
            Region({"guarantee": (0, 3), "shift": (0, F(1, 2))}),
            quantity=_self_enforcing_deal,
            parameter="guarantee",
            direction="nondecreasing",
            expected="holds in tests",
            budget=_CI_BUDGET,
            source="Fearon (1995); Powell (2006); Walter (1997)",
        ),
        RelationClaim(
            "Wars that outlast a year last much longer: the expected remaining length of a war past "
            "12 months is at least the unconditional mean length (two-regime mixture)",
            "duration",
            Region(mixture_region),
            left=_remaining_after_a_year,
            right=_mean_duration,
            relation=">=",
            expected="holds in tests",
            budget=_CI_BUDGET,
            source="Barlow & Proschan (1975): mixtures of exponentials have decreasing failure "
            "rates; Bennett & Stam (1996), 'The duration of interstate wars', APSR 90(2)",
        ),
        MonotoneClaim(
            "The longer a war has lasted, the less likely it is to end now: the hazard of ending "
            "never rises with time (two-regime mixture, short regime 4 months)",
            "duration",
            Region({"time": (0, 120), "short_weight": (0, 1), "long_extra": (0, 200)}),
            quantity=_hazard,
            parameter="time",
            direction="nonincreasing",
            expected="proved",
            budget=_CI_BUDGET,
            source="Barlow & Proschan (1975); Bennett & Stam (1996)",
        ),
    ]


def essay_claims() -> list[Claim]:
    """Every claim the package formalises: the crisis claims first, then coercion, commitment and
    the war, which together cover the rows of the table in MODEL.md §7."""
    return crisis_claims() + coercion_claims() + commitment_claims() + war_claims()

"""The essay's claims on the crisis and bargaining-solution models."""

from __future__ import annotations

from fractions import Fraction as F
from typing import Any

from ..claim import Claim, MonotoneClaim, Region, RelationClaim


def _war_probability_of_demand(power: Any, demand: Any) -> Any:
    from ...crisis import RiskReturn

    return RiskReturn(power, F(1, 10), 0, F(2, 5)).war_probability(demand)


def _optimal_war_risk(power: Any, cost_coercer: Any) -> Any:
    from ...crisis import RiskReturn

    return RiskReturn(power, cost_coercer, 0, F(2, 5)).solve().war_probability


def _range_width(coercer_belief: Any, target_belief: Any, cost_coercer: Any, cost_target: Any) -> Any:
    from ...crisis import MutualOptimism

    return MutualOptimism(coercer_belief, target_belief, cost_coercer, cost_target).bargaining_range().width


def _cost_minus_optimism(coercer_belief: Any, target_belief: Any, cost_coercer: Any, cost_target: Any) -> Any:
    return cost_coercer + cost_target - (coercer_belief + target_belief - 1)


def _proposer_share(discount_first: Any, discount_second: Any) -> Any:
    from ...solutions import AlternatingOffers

    return AlternatingOffers(discount_first, discount_second).solve().first_share


def crisis_claims() -> list[Claim]:
    """Claims on the crisis and bargaining-solution models."""
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
            construction="P(war) of a demand is defined as F(demand − power), the distribution function of "
            "the target's cost of war (uniform), and a distribution function never falls",
            assumptions={"power": "crisis.power"},
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
            assumptions={"cost_coercer": "crisis.cost_coercer", "cost_target": "crisis.cost_target"},
            source="Fearon (1995, p. 392); Blainey (1973)",
        ),
        MonotoneClaim(
            "A stronger coercer makes demands that risk more war",
            "asymmetry of motivation and power",
            Region({"power": (0, 1), "cost_coercer": (0, F(1, 4))}),
            quantity=_optimal_war_risk,
            parameter="power",
            direction="nondecreasing",
            assumptions={"power": "crisis.power", "cost_coercer": "crisis.cost_coercer"},
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
            assumptions={"discount_first": "crisis.discount", "discount_second": "crisis.discount"},
            source="Rubinstein (1982)",
        ),
    ]


# --------------------------------------------------------------------------- coercion
#
# The one-shot ultimatum keeps its defaults where the region does not speak: the threat falls at
# once (deadline 0), the coercer's net value of executing is w ~ U[-1, 1] and the target's resolve
# R ~ U[0, 1], so some targets fear nothing (resolve_high = 1).

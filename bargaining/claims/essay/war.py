"""The essay's claims on the war models: optimism, the three strategies, duration.

The two claims on the duration mixture are true by construction (every mixture of exponentials has
a falling hazard and a rising mean residual life) and say so in their statements; the duration
claims marked "derived" test what the war models themselves produce.
"""

from __future__ import annotations

from fractions import Fraction as F
from functools import lru_cache
from typing import Any

import numpy as np

from ..claim import Claim, MonotoneClaim, Region, RelationClaim
from ._shared import CI_BUDGET as _CI_BUDGET
from ._shared import exactly


def _learning_war(coercer_belief: Any, confidence: Any) -> Any:
    """A learning war on a front of margin 4 against a target 7/10 sure of winning each battle."""
    from ...war import LearningWar

    return LearningWar(coercer_belief, F(7, 10), confidence, confidence, F(1, 2), F(1, 50), F(1, 50), 4)


def _arrays(*values: Any) -> bool:
    """Whether the search passes numpy arrays (one model call over the whole design)."""
    return any(isinstance(value, np.ndarray) for value in values)


def _at(series: Any, time: Any, last: int) -> Any:
    """``series[min(floor(time), last)]``: one period of a series over time, elementwise on arrays
    (the time axis last, the design's points first)."""
    if not _arrays(time):  # one time (exact or a float): index exactly, never through a float
        return series[min(int(time), last)] if np.ndim(series) <= 1 else series[..., min(int(time), last)]
    period = np.minimum(np.floor(np.asarray(time, dtype=float)), last).astype(int)
    period = np.broadcast_to(period, np.shape(series)[:-1])
    return np.take_along_axis(np.asarray(series), period[..., None], axis=-1)[..., 0]


def _survival(coercer_belief: Any, confidence: Any, escalation: Any = 0) -> Any:
    """The survival curve over 10 battles: one lattice DP over every point on arrays, else cached
    per point (a claim asks for many times at one point)."""
    if _arrays(coercer_belief, confidence, escalation):
        # a float escalation: an exact one (the default 0) added to float arrays makes object arrays
        return _survival_curve(coercer_belief, confidence, np.asarray(escalation, dtype=float))
    return _survival_at(coercer_belief, confidence, escalation)


def _survival_curve(coercer_belief: Any, confidence: Any, escalation: Any) -> Any:
    """The survival curve of the lattice DP; an exact one on GMP's rationals (the same numbers)."""
    from ...war import TurningTheScrew

    screw = TurningTheScrew(escalation)
    return exactly(
        _learning_war(coercer_belief, confidence), lambda war: war.duration_distribution(10, screw).survival()
    )


_survival_at = lru_cache(maxsize=4096)(_survival_curve)


def _still_on(coercer_belief: Any, confidence: Any, time: Any) -> Any:
    """P(still fighting after ``time`` battles; floored) of a learning war on a front of margin 4,
    each side valuing the whole war (exact lattice DP, horizon 10)."""
    return _at(_survival(coercer_belief, confidence), time, 10)


def _still_on_by_confidence(confidence: Any, coercer_belief: Any, time: Any) -> Any:
    return _still_on(coercer_belief, confidence, time)


def _screwed_still_on(escalation: Any, coercer_belief: Any, time: Any) -> Any:
    return _at(_survival(coercer_belief, 4, escalation), time, 10)


def _learning_durations(coercer_belief: Any) -> Any:
    return _learning_war(coercer_belief, 2).duration_distribution(8)


_learning_durations_at = lru_cache(maxsize=4096)(_learning_durations)


def _learning_remaining(time: Any, coercer_belief: Any) -> Any:
    """E[further battles | the learning war is still on after ``time`` battles (floored)]."""
    if not _arrays(time, coercer_belief):
        return _learning_durations_at(coercer_belief).mean_remaining(min(int(time), 8))
    durations = _learning_durations(coercer_belief)
    by_period = np.stack([durations.mean_remaining(t) for t in range(9)], axis=-1)
    return _at(by_period, time, 8)


def _attrition_hazard(time: Any, cost: Any) -> Any:
    """The hazard of the private-information war of attrition (values uniform on [0, 1], constant cost)."""
    from ...war import PrivateWarOfAttrition

    return PrivateWarOfAttrition(1, cost).hazard(time)


def _settled_by_horizon(escalation: Any, battle_odds: Any) -> Any:
    """P(settlement within 8 battles) of an unequally confident learning war under the screw
    (exact lattice DP; decisive at a lead of 4 battles)."""
    from ...war import LearningWar, TurningTheScrew

    war = LearningWar(F(7, 10), F(7, 10), 2, 6, battle_odds, F(1, 40), F(1, 40), decisive_margin=4)
    screw = TurningTheScrew(escalation)
    return exactly(war, lambda war: war.duration_distribution(8, screw).settled_by(8))


def _coase(power: Any, cost_high: Any, discount: Any) -> Any:
    from ...war import CoaseTwoPeriod

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
    from ...war import WarOfAttrition

    return WarOfAttrition(1, 1, F(1, 10), cost_target, 0, escalation_target).survival(time)


def _self_enforcing_deal(guarantee: Any, shift: Any) -> Any:
    """1 if a settlement at even power holds through a ceasefire shift (exact PowerPath test)."""
    from ...war import LearningWar, SelfEnforcing, TryAndSee

    war = LearningWar(F(1, 2), F(1, 2), 4, 4, F(1, 2), F(1, 20), F(1, 20))
    rule = SelfEnforcing(TryAndSee(), shift, F(9, 10), guarantee=guarantee)
    return 1 if bool(rule.holds(war, F(1, 2))) else 0


def _mixture(short_weight: Any, short_mean: Any, long_extra: Any) -> Any:
    from ...war import DurationMixture

    return DurationMixture(
        short_weight, short_mean, short_mean + long_extra, label="months", time_unit="months"
    )


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
            "the coercer, the likelier the war is still on after any number of battles (learning war "
            "on a front, each side valuing the whole war by its subjective chance of winning the race "
            "to the decisive margin)",
            "mutual optimism",
            Region({"coercer_belief": (F(3, 10), F(9, 10)), "confidence": (1, 12), "time": (0, 10)}),
            quantity=_still_on,
            parameter="coercer_belief",
            direction="nondecreasing",
            budget=_CI_BUDGET,
            assumptions={"coercer_belief": "war.coercer_belief"},
            source="Slantchev (2003), 'The principle of convergence in wartime negotiations', APSR "
            "97(4); Smith & Stam (2004), JCR 48(6)",
        ),
        MonotoneClaim(
            "Firmer priors take longer to converge: the more confident both sides' priors, the likelier "
            "the war is still on after any number of battles (learning war, whole-war valuation)",
            "mutual optimism",
            Region({"confidence": (1, 12), "coercer_belief": (F(3, 10), F(9, 10)), "time": (0, 10)}),
            quantity=_still_on_by_confidence,
            parameter="confidence",
            direction="nondecreasing",
            budget=_CI_BUDGET,
            assumptions={"coercer_belief": "war.coercer_belief"},
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
            budget=_CI_BUDGET,
            construction="the committed gain c̄/4 is the best a coercer that commits to its demands can "
            "get, and try-and-see's two demands are one of the plans it could commit to "
            "(Stokey 1979): commitment cannot gain less, by the definition of the two "
            "strategies",
            assumptions={
                "power": "crisis.power",
                "cost_high": "crisis.target_cost_high",
                "discount": "crisis.discount",
            },
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
            budget=_CI_BUDGET,
            assumptions={
                "power": "crisis.power",
                "cost_high": "crisis.target_cost_high",
                "discount": "crisis.discount",
            },
            source="Fudenberg & Tirole (1991), §10.2.1: the Coase problem of a coercer that cannot commit",
        ),
        MonotoneClaim(
            "Turning the screw shortens the learning war: the chance that the war is still on after "
            "any number of battles never rises with the escalation of the target's cost",
            "the three strategies",
            Region({"escalation": (0, F(1, 10)), "coercer_belief": (F(3, 10), F(9, 10)), "time": (0, 10)}),
            quantity=_screwed_still_on,
            parameter="escalation",
            direction="nonincreasing",
            budget=_CI_BUDGET,
            assumptions={"escalation": "war.escalation", "coercer_belief": "war.coercer_belief"},
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
            budget=_CI_BUDGET,
            assumptions={"escalation": "war.escalation", "battle_odds": "war.battle_odds"},
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
            budget=_CI_BUDGET,
            construction="the survival is defined as exp(−(a t + b t²/2)) with the hazard's slope b rising "
            "linearly in the target's escalation: a faster escalation is a higher hazard at "
            "every date",
            assumptions={"escalation_target": "war.escalation", "cost_target": "war.cost_target"},
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
            budget=_CI_BUDGET,
            assumptions={"guarantee": "commitment.guarantee"},
            source="Fearon (1995); Powell (2006); Walter (1997)",
        ),
        RelationClaim(
            "Wars that outlast a year last much longer: the expected remaining length of a war past "
            "12 months is at least the unconditional mean length (two-regime mixture). TRUE BY "
            "CONSTRUCTION: every mixture of exponentials has a rising mean residual life, so this "
            "tests the assumed mixture, not a model of war",
            "duration",
            Region(mixture_region),
            left=_remaining_after_a_year,
            right=_mean_duration,
            relation=">=",
            budget=_CI_BUDGET,
            source="Barlow & Proschan (1975), Statistical Theory of Reliability and Life Testing: "
            "mixtures of exponentials have decreasing failure rates (hence rising mean residual life); "
            "Bennett & Stam (1996), 'The duration of interstate wars', APSR 90(2)",
        ),
        MonotoneClaim(
            "The longer a war has lasted, the less likely it is to end now: the hazard of ending "
            "never rises with time (two-regime mixture, short regime 4 months). TRUE BY CONSTRUCTION: "
            "the hazard of any mixture of exponentials falls, so this tests the assumed mixture, not "
            "a model of war",
            "duration",
            Region({"time": (0, 120), "short_weight": (0, 1), "long_extra": (0, 200)}),
            quantity=_hazard,
            parameter="time",
            direction="nonincreasing",
            budget=_CI_BUDGET,
            construction="the duration model is a mixture of two exponentials, and every mixture of "
            "exponentials has a non-increasing hazard (Barlow & Proschan 1975): the model "
            "builds the claim in",
            source="Barlow & Proschan (1975); Bennett & Stam (1996)",
        ),
        MonotoneClaim(
            "Derived, not assumed: in a war of attrition over private resolve (values uniform on "
            "[0, 1], constant cost) the hazard of ending never rises with time, because the sides "
            "still fighting are ever more resolute (model time units, uncalibrated)",
            "duration",
            Region({"time": (F(1, 10), 40), "cost": (F(1, 20), F(1, 2))}),
            quantity=_attrition_hazard,
            parameter="time",
            direction="nonincreasing",
            budget=_CI_BUDGET,
            source="Bishop & Cannings (1978), J. Theor. Biol. 70; Krishna & Morgan (1997), JET 72(2): "
            "the private-value war of attrition",
        ),
        MonotoneClaim(
            "Derived, not assumed: in the learning war on a front (optimistic priors, whole-war "
            "valuation) the wars that have lasted longer have longer still to run: the expected "
            "remaining length of a war still on after t battles never falls as t grows (battles, "
            "uncalibrated)",
            "duration",
            Region({"time": (0, 8), "coercer_belief": (F(3, 5), F(9, 10))}),
            quantity=_learning_remaining,
            parameter="time",
            direction="nondecreasing",
            budget=_CI_BUDGET,
            source="Slantchev (2003); Smith & Stam (2004): a learning war ends once beliefs converge, "
            "so the longer it has lasted the sooner it ends",
        ),
    ]

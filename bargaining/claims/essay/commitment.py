"""The essay's claims on the commitment models: mistrust, guarantees, small steps, renewed demands."""

from __future__ import annotations

import math
from fractions import Fraction as F
from typing import Any

from ..claim import Claim, MonotoneClaim, Region
from ._shared import CI_BUDGET as _CI_BUDGET


def _trust_after_kept_steps(kept: Any, prior: Any, size: Any) -> Any:
    """The equilibrium belief after ``floor(kept)`` kept steps of ten of ``size``, against a
    strategic greedy partner (temptation 3, loss 2, discount 9/10)."""
    from ...commitment import Gradualism

    return Gradualism(prior, 2, 3, F(9, 10), [size] * 10).posterior(math.floor(kept))


def _kept_after_steps(steps: Any, prior: Any, size: Any) -> Any:
    """P(the big agreement is reached and kept) after ``floor(steps)`` steps of ``size``, against a
    strategic greedy partner (temptation 3, loss 2, discount 9/10)."""
    from ...commitment import Gradualism

    return Gradualism(prior, 2, 3, F(9, 10), [size] * math.floor(steps)).solve().kept_probability


def _steps_needed(size: Any, prior: Any) -> Any:
    from ...commitment import SmallSteps

    return SmallSteps(prior, 2, F(9, 10), size).steps_needed()


def _most_compellable(assurance: Any, discount: Any, power: Any, cost_target: Any) -> Any:
    from ...commitment import RenewedDemands

    return RenewedDemands(assurance, discount, power, cost_target).most_compellable()


def _peace_slack_after_shift(shift: Any, power: Any, discount: Any) -> Any:
    """The tightest period's room for peace, :math:`\\min_t (1 - \\mu^C_t - \\mu^T_t)`, on the path
    ``[power, power + shift]`` with per-period war costs 1/20 each."""
    from ...commitment import PowerPath

    path = PowerPath([power, power + shift], discount, F(1, 20), F(1, 20))
    return min(path.solve().slack)


def _peace_after_slow_decline(decline_periods: Any, step: Any) -> Any:
    """1 if a peaceful division exists on the target's slow decline, else 0.

    The coercer's power rises by ``step`` each period for ``floor(decline_periods)`` periods from 0
    (Krainin's example: discount 9/10, the target's war cost 1/10). Every step passes Powell's
    one-step test on this region: :math:`\\delta\\,\\text{step} \\le (1 - \\delta) p + c_T` holds for
    :math:`\\text{step} \\le 1/10`.
    """
    from ...commitment import PowerPath

    periods = math.floor(decline_periods)
    path = PowerPath([k * step for k in range(periods + 1)], F(9, 10), 0, F(1, 10))
    return 1 if path.is_peaceful() else 0


def _ceasefire_patience(guarantee: Any, share: Any, renege_gain: Any) -> Any:
    from ...commitment import Ceasefire

    return Ceasefire(
        share, F(1, 2), F(9, 10), F(1, 10), F(1, 10), renege_gain, renege_gain, guarantee=guarantee
    ).minimal_patience()


def _budapest_compensation(guarantee: Any, shift: Any, bargaining_weight: Any) -> Any:
    from ...commitment import PowerTransfer

    return PowerTransfer(
        F(1, 2), shift, F(9, 10), delay=2, bargaining_weight=bargaining_weight, guarantee=guarantee
    ).compensation()


def commitment_claims() -> list[Claim]:
    """Claims on commitment problems: small steps, renewed demands, power shifts, guarantees (§3)."""
    return [
        MonotoneClaim(
            "Each kept small step builds trust: against a greedy partner that chooses when to "
            "betray, the belief that the partner is trustworthy never falls with the number of "
            "steps kept",
            "take small steps",
            Region({"kept": (0, 10), "prior": (F(1, 20), F(19, 20)), "size": (F(1, 20), F(19, 20))}),
            quantity=_trust_after_kept_steps,
            parameter="kept",
            direction="nondecreasing",
            budget=_CI_BUDGET,
            assumptions={"prior": "commitment.trust_prior", "size": "commitment.step_size"},
            source="Kydd (2005), Trust and Mistrust in International Relations; Watson (1999), "
            "'Starting small and renegotiation', JET 85(1)",
        ),
        MonotoneClaim(
            "Starting small secures the big agreement: against a greedy partner that chooses when "
            "to betray, the chance that the big agreement is reached and kept never falls as more "
            "small steps precede it",
            "take small steps",
            Region({"steps": (0, 8), "prior": (F(1, 20), F(19, 20)), "size": (F(1, 20), F(19, 20))}),
            quantity=_kept_after_steps,
            parameter="steps",
            direction="nondecreasing",
            budget=_CI_BUDGET,
            assumptions={"prior": "commitment.trust_prior", "size": "commitment.step_size"},
            source="Watson (1999), 'Starting small and renegotiation', JET 85(1): a greedy partner "
            "keeps cheap steps to exploit the big agreement",
        ),
        MonotoneClaim(
            "Smaller steps take longer: the number of kept steps the big agreement needs never "
            "rises as the steps grow",
            "take small steps",
            Region({"size": (F(1, 20), F(19, 20)), "prior": (F(1, 20), F(19, 20))}),
            quantity=_steps_needed,
            parameter="size",
            direction="nonincreasing",
            budget=_CI_BUDGET,
            assumptions={"prior": "commitment.trust_prior", "size": "commitment.step_size"},
            source="Watson (1999): starting small trades speed against exposure",
        ),
        MonotoneClaim(
            "Credible assurance against renewed pressure raises the most that can be compelled: in "
            "present value, it never falls as the chance that the coercer has limited aims rises",
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
            budget=_CI_BUDGET,
            assumptions={
                "assurance": "commitment.assurance",
                "discount": "crisis.discount",
                "power": "crisis.power",
                "cost_target": "crisis.cost_target",
            },
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
            budget=_CI_BUDGET,
            assumptions={"power": "crisis.power", "discount": "crisis.discount"},
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
            budget=_CI_BUDGET,
            assumptions={"guarantee": "commitment.guarantee", "share": "commitment.ceasefire_share"},
            source="Fortna (2003), 'Scraps of paper? Agreements and the durability of peace', IO 57(2); Walter (1997), 'The critical barrier to "
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
            budget=_CI_BUDGET,
            construction="the compensation is max(0, the target's discounted loss), and the guarantee "
            "enters that loss subtractively (through the target's bargaining weight): it "
            "cannot raise it by definition",
            assumptions={"guarantee": "commitment.guarantee"},
            source="Fearon (1995): objects that shift power; the Budapest Memorandum (1994)",
        ),
    ]


# --------------------------------------------------------------------------- the war

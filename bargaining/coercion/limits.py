r"""The rest of MODEL.md §4: the limits of specificity, favouring conditions, madmen, reputation.

* :func:`cheap_talk_partition`: the most informative cheap-talk equilibrium of the
  uniform-quadratic game (Crawford & Sobel 1982): with a bias :math:`b` the sender can say only
  which of :math:`N(b)` intervals the state lies in, with boundaries
  :math:`a_i = i/N + 2b\,i(i - N)` (:func:`~bargaining.coercion.specification.derive_crawford_sobel`).
* :func:`incompatible_commitments`: both sides commit publicly, each commitment holding with its
  own probability; incompatible demands end in conflict with the probability that both hold
  (Ellingsen & Miettinen 2008).
* :func:`selection_effect`: threats that work are never carried out, so the sanctions we observe
  imposed are those against the most resolute targets (Lacy & Niou 2004).
* :func:`favouring_conditions`: George's conditions as parameters of an ultimatum.
* :func:`madman`: a prior weight on a type that executes whatever it costs.
* :func:`reputation_cost`: complying invites future demands (Sechser 2010).

>>> cheap_talk_partition(Fraction(1, 20)).boundaries
(Fraction(0, 1), Fraction(2, 15), Fraction(7, 15), Fraction(1, 1))
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any

from ..core.errors import ParameterValueError
from ..core.model import validated
from ..core.values import check_nonnegative, check_positive, check_probability, check_range
from .ultimatum import Ultimatum

__all__ = [
    "CheapTalk",
    "Commitments",
    "MadmanEffect",
    "SelectionEffect",
    "cheap_talk_partition",
    "favouring_conditions",
    "incompatible_commitments",
    "madman",
    "reputation_cost",
    "selection_effect",
]


@dataclass(frozen=True, slots=True)
class CheapTalk:
    """The most informative partition equilibrium: its size, boundaries and the receiver's loss."""

    size: int
    boundaries: tuple[Any, ...]
    receiver_loss: Any


def cheap_talk_partition(bias: Any) -> CheapTalk:
    r"""The most informative equilibrium of the uniform-quadratic cheap-talk game.

    :math:`N(b)` is the largest :math:`N` with :math:`2bN(N - 1) < 1` (Crawford & Sobel 1982,
    §4); the receiver's expected loss is :math:`1/(12N^2) + b^2(N^2 - 1)/3`. A bias of zero has
    no finite bound on :math:`N` and is refused.

    >>> cheap_talk_partition(Fraction(1, 20)).receiver_loss
    Fraction(43, 2700)
    """
    (values, kind) = validated({"bias": bias}, {"bias": check_positive})
    b = values["bias"]
    if kind not in ("exact", "float"):
        raise ParameterValueError("bias", "a positive number", bias)
    size = max(1, math.ceil(-0.5 + 0.5 * math.sqrt(1 + 2 / float(b))))  # first guess, then exact check
    while size > 1 and not 2 * b * size * (size - 1) < 1:
        size -= 1
    while 2 * b * (size + 1) * size < 1:
        size += 1
    boundaries = tuple(
        Fraction(i, size) + 2 * b * i * (i - size) if kind == "exact" else i / size + 2 * b * i * (i - size)
        for i in range(size + 1)
    )
    loss = 1 / (12 * Fraction(size) ** 2) + b * b * (size * size - 1) / 3
    return CheapTalk(size, boundaries, loss if kind == "exact" else float(loss))


@dataclass(frozen=True, slots=True)
class Commitments:
    """Outcome probabilities when both sides may commit to their demands."""

    conflict_probability: Any
    coercer_utility: Any
    target_utility: Any


def incompatible_commitments(
    coercer_demand: Any,
    target_demand: Any,
    coercer_commitment: Any,
    target_commitment: Any,
    conflict_payoff: Any = 0,
) -> Commitments:
    r"""Public commitments that hold with probabilities :math:`q_C, q_T` (Ellingsen & Miettinen 2008).

    If both hold and the demands are incompatible (:math:`x_C + x_T > 1`) there is conflict
    (each side gets ``conflict_payoff``); if one holds that side gets its demand; if none holds
    the sides split the difference. With costly commitment both sides demand everything and
    conflict comes with probability :math:`q^2` (their Proposition 2).

    >>> incompatible_commitments(1, 1, Fraction(1, 2), Fraction(1, 2)).conflict_probability
    Fraction(1, 4)
    """
    values, _ = validated(
        {
            "coercer_demand": coercer_demand,
            "target_demand": target_demand,
            "coercer_commitment": coercer_commitment,
            "target_commitment": target_commitment,
            "conflict_payoff": conflict_payoff,
        },
        {
            "coercer_demand": check_probability,
            "target_demand": check_probability,
            "coercer_commitment": check_probability,
            "target_commitment": check_probability,
            "conflict_payoff": check_nonnegative,
        },
    )
    xc, xt = values["coercer_demand"], values["target_demand"]
    qc, qt, d = values["coercer_commitment"], values["target_commitment"], values["conflict_payoff"]
    incompatible = (xc + xt > 1) * 1
    both, only_c, only_t, none = qc * qt, qc * (1 - qt), (1 - qc) * qt, (1 - qc) * (1 - qt)
    split = (1 + xc - xt) / 2 if not incompatible else Fraction(1, 2) + 0 * xc
    both_c = incompatible * d + (1 - incompatible) * xc
    both_t = incompatible * d + (1 - incompatible) * (1 - xc)
    coercer = both * both_c + only_c * xc + only_t * (1 - xt) + none * split
    target = both * both_t + only_c * (1 - xc) + only_t * xt + none * (1 - split)
    return Commitments(both * incompatible, coercer, target)


@dataclass(frozen=True, slots=True)
class SelectionEffect:
    """Success of a threat before and after the selection by the target's resistance.

    ``threat_success``: P(comply) with the threat as made. ``imposed_success``: among targets
    that resisted and had the threat executed, the share that the same threat, now certain,
    would have compelled. ``naive_success``: what a certain threat would compel in the whole
    population -- the number an analyst of imposed cases underestimates.
    """

    threat_success: Any
    imposed_success: Any
    naive_success: Any


def selection_effect(ultimatum: Ultimatum) -> SelectionEffect:
    r"""The selection effect of imposed sanctions (Lacy & Niou 2004), uniform resolve.

    >>> effect = selection_effect(Ultimatum(Fraction(1, 4), audience_cost=0, threat=1))
    >>> effect.threat_success, effect.imposed_success, effect.naive_success
    (Fraction(1, 2), Fraction(1, 2), Fraction(3, 4))
    """
    comply = ultimatum.compliance_probability()
    certain = replace(ultimatum, risk=1).compliance_probability()
    # the resisters are the types above the cutoff; among them the certain threat compels certain - comply
    imposed = (certain - comply) / (1 - comply) if comply != 1 else 0 * comply
    return SelectionEffect(comply, imposed, certain)


def favouring_conditions(
    demand: Any,
    *,
    motivation_asymmetry: Any = 1,
    urgency: Any = 0,
    deadline: int | None = 0,
    target_risk_acceptance: Any = 0,
    fear_of_escalation: Any = 0,
    third_party_share: Any = 1,
    **others: Any,
) -> Ultimatum:
    r"""George's favouring conditions (Forceful Persuasion, 1991, pp. 75-81) as an ultimatum.

    * ``motivation_asymmetry`` :math:`m > 0`: how much more the coercer cares about the stake
      than the target; the target's cost of conceding is the demand divided by :math:`m`.
    * ``urgency`` and ``deadline``: as in :class:`Ultimatum`.
    * ``target_risk_acceptance`` :math:`r \in [0, 1)`: a risk-acceptant target discounts the
      threatened loss by :math:`1 - r`.
    * ``fear_of_escalation``: Schelling's risk that the crisis escalates whatever the coercer wants.
    * ``third_party_share`` :math:`\theta`: the share of the threatened loss that depends on third
      parties joining the sanction and that they deliver ("the locker is all but empty").

    >>> favouring_conditions(Fraction(1, 2), motivation_asymmetry=2).demand
    Fraction(1, 4)
    """
    values, _ = validated(
        {
            "motivation_asymmetry": motivation_asymmetry,
            "target_risk_acceptance": target_risk_acceptance,
            "third_party_share": third_party_share,
            "demand": demand,
        },
        {
            "motivation_asymmetry": check_positive,
            "third_party_share": check_probability,
            "target_risk_acceptance": lambda n, v: check_range(
                n, v, 0, 1, upper_open=True, requirement="in [0, 1)"
            ),
            "demand": check_probability,
        },
    )
    threat = others.pop("threat", 1)
    scale = values["third_party_share"] * (1 - values["target_risk_acceptance"])
    return Ultimatum(
        demand=values["demand"] / values["motivation_asymmetry"],
        urgency=urgency,
        deadline=deadline,
        risk=fear_of_escalation,
        threat=threat * scale,
        **others,
    )


@dataclass(frozen=True, slots=True)
class MadmanEffect:
    """What a reputation for madness buys (credibility, compliance) and costs the coercer."""

    credibility_gain: Any
    compliance_gain: Any
    threat_executed_change: Any
    coercer_utility_change: Any


def madman(ultimatum: Ultimatum, weight: Any) -> MadmanEffect:
    r"""A prior weight :math:`\mu` on a coercer type that executes whatever it costs.

    To the target this is Schelling's risk: execution after resistance has probability
    :math:`\mu + (1 - \mu) e`. When the madman is real (probability :math:`\mu`) the coercer
    executes even when :math:`w < -a`, which costs it :math:`E[\max(w, -a)] - E[w]` per war.

    >>> madman(Ultimatum(Fraction(1, 4)), Fraction(1, 2)).compliance_gain
    Fraction(1, 6)
    """
    values, _ = validated({"weight": weight}, {"weight": check_probability})
    mu = values["weight"]
    mad = replace(ultimatum, risk=1 - (1 - ultimatum.risk) * (1 - mu))
    base, crazy = ultimatum.outcome(), mad.outcome()
    return MadmanEffect(
        crazy.credibility - base.credibility,
        crazy.compliance_probability - base.compliance_probability,
        crazy.threat_executed_probability - base.threat_executed_probability,
        crazy.coercer_utility - base.coercer_utility,
    )


def reputation_cost(future_demand_probability: Any, future_demand: Any, discount: Any) -> Any:
    r"""Sechser's (2010) reputation cost of complying: the present value of the demands that
    complying invites, :math:`\phi x' \delta / (1 - \phi\delta)` when a complier is asked again
    each period with probability :math:`\phi`. Add it to the demand (a target pays it on
    compliance) or offset it with a carrot.

    >>> reputation_cost(Fraction(1, 2), Fraction(1, 4), Fraction(4, 5))
    Fraction(1, 6)
    """
    values, _ = validated(
        {
            "future_demand_probability": future_demand_probability,
            "future_demand": future_demand,
            "discount": discount,
        },
        {
            "future_demand_probability": check_probability,
            "future_demand": check_nonnegative,
            "discount": check_probability,
        },
    )
    phi, x, delta = values["future_demand_probability"], values["future_demand"], values["discount"]
    if phi * delta == 1:
        raise ParameterValueError("future_demand_probability", "below 1 when discount is 1", phi)
    return phi * x * delta / (1 - phi * delta)

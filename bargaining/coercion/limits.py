r"""The rest of the one-shot ultimatum's theory: the limits of specificity, favouring conditions, madmen, reputation.

* :func:`cheap_talk_partition`: the most informative cheap-talk equilibrium of the
  uniform-quadratic game (Crawford & Sobel 1982): with a bias :math:`b` the sender can say only
  which of :math:`N(b)` intervals the state lies in, with boundaries
  :math:`a_i = i/N + 2b\,i(i - N)` (:func:`~bargaining.coercion.specification.derive_crawford_sobel`).
* :func:`incompatible_commitments`: both sides commit publicly, each commitment holding with its
  own probability; incompatible demands end in conflict with the probability that both hold
  (Ellingsen & Miettinen 2008).
* :func:`selection_effect`: threats that work are never carried out, so the threat is executed
  only against the most resolute targets (the selection effect behind Lacy & Niou 2004).
* :func:`risk_attitude`: a target with a curved (CARA) utility over the lottery of the threat.
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

import numpy as np

from ..core.errors import ParameterValueError
from ..core.model import check_real, validated
from ..core.values import check_nonnegative, check_positive, check_probability, ratio
from .ultimatum import Ultimatum

__all__ = [
    "CheapTalk",
    "Commitments",
    "MadmanEffect",
    "RiskAttitude",
    "SelectionEffect",
    "cheap_talk_partition",
    "favouring_conditions",
    "incompatible_commitments",
    "madman",
    "reputation_cost",
    "risk_attitude",
    "selection_effect",
]


@dataclass(frozen=True, slots=True)
class CheapTalk:
    """The most informative partition equilibrium: its size, boundaries and the receiver's loss.

    >>> from fractions import Fraction
    >>> found = cheap_talk_partition(Fraction(1, 20))
    >>> found.boundaries
    (Fraction(0, 1), Fraction(2, 15), Fraction(7, 15), Fraction(1, 1))
    """

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
    """Outcome probabilities when both sides may commit to their demands.

    >>> from fractions import Fraction
    >>> incompatible_commitments(1, 1, Fraction(1, 2), Fraction(1, 2))
    Commitments(conflict_probability=Fraction(1, 4), coercer_utility=Fraction(3, 8), target_utility=Fraction(3, 8))
    """

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
    """Who the threat is executed against, and what a certain threat would add.

    ``threat_success``: P(comply) with the threat as made. ``certain_threat_success``: P(comply)
    if the threat were certain to be executed (Schelling's risk 1). ``resisters_a_certain_threat_compels``:
    among the targets that resist the threat as made, the share that the certain threat would
    compel. ``resolve_of_all`` and ``resolve_of_the_executed``: the mean resolve of every target
    and of the targets against whom the threat is executed (the resisters) -- the selection.

    This game ends when the threat is executed, so none of these is the success rate of imposed
    sanctions that Lacy & Niou (2004) study (their targets may still comply after imposition).

    >>> from fractions import Fraction
    >>> selection_effect(Ultimatum(Fraction(1, 4), audience_cost=0, threat=1)).threat_success
    Fraction(1, 2)
    """

    threat_success: Any
    certain_threat_success: Any
    resisters_a_certain_threat_compels: Any
    resolve_of_all: Any
    resolve_of_the_executed: Any


def selection_effect(ultimatum: Ultimatum) -> SelectionEffect:
    r"""The selection of the targets a threat is executed against (uniform resolve).

    Threats that work are never carried out, so the threat is executed only against the targets
    above the compliance cutoff :math:`R^*`: their mean resolve is :math:`(R^* + r_{hi})/2`, above
    the population's :math:`(r_{lo} + r_{hi})/2` whenever some comply. This is the selection
    effect behind the argument of Lacy & Niou (2004); their quantity, the success of sanctions
    once imposed, needs a stage after imposition that this one-shot game does not have.

    >>> effect = selection_effect(Ultimatum(Fraction(1, 4), audience_cost=0, threat=1))
    >>> effect.threat_success, effect.certain_threat_success, effect.resisters_a_certain_threat_compels
    (Fraction(1, 2), Fraction(3, 4), Fraction(1, 2))
    >>> effect.resolve_of_all, effect.resolve_of_the_executed
    (Fraction(1, 2), Fraction(3, 4))
    """
    if ultimatum.resolve_distribution is not None or ultimatum.blur != "uniform":
        raise NotImplementedError("selection_effect is closed-form for a uniform blur and resolve")
    comply = ultimatum.compliance_probability()
    certain = replace(ultimatum, risk=1).compliance_probability()
    # the resisters are the types above the cutoff; among them the certain threat compels certain - comply
    compelled = ratio(ultimatum.kind, certain - comply, 1 - comply)  # 0 where every target complies
    low, high = ultimatum.resolve_low, ultimatum.resolve_high
    cutoff = low + comply * (high - low)
    return SelectionEffect(comply, certain, compelled, (low + high) / 2, (cutoff + high) / 2)


@dataclass(frozen=True, slots=True)
class RiskAttitude:
    """The one-shot ultimatum with a target whose utility over the outcome is curved (CARA).

    >>> from fractions import Fraction
    >>> neutral = risk_attitude(Ultimatum(Fraction(1, 4), threat=1), 0)
    >>> neutral.compliance_probability
    Fraction(1, 2)
    """

    compliance_probability: Any
    threat_executed_probability: Any
    back_down_probability: Any
    tipping_loss: Any


def risk_attitude(ultimatum: Ultimatum, risk_aversion: Any) -> RiskAttitude:
    r"""Compliance of a target with constant absolute risk aversion :math:`\alpha` over its payoff.

    The target values a payoff :math:`z` at :math:`u(z) = (1 - e^{-\alpha z})/\alpha` (:math:`u(z) = z`
    at :math:`\alpha = 0`; :math:`\alpha < 0` is risk-acceptant). Resisting is the lottery
    "lose :math:`L` with probability :math:`e`, nothing otherwise"; complying is the sure loss
    :math:`n`. Its certainty-equivalent loss :math:`\ln(1 - e + e\,e^{\alpha L})/\alpha` rises in
    :math:`L`, so the target complies iff :math:`L \ge L^*`,

    .. math:: L^* = \frac{1}{\alpha}\ln\Bigl(1 + \frac{e^{\alpha n} - 1}{e}\Bigr)

    (:func:`~bargaining.coercion.specification.derive_risk_attitude`; ``tipping_loss``; infinite
    when no loss is large enough). A risk-acceptant target is harder to coerce (George 1991: the
    target's risk attitude is a favouring condition); when the threat is certain (:math:`e = 1`)
    there is no lottery and the attitude changes nothing. One-shot only (deadline 0, no waiting
    cost, uniform blur); results are floats (the cutoff is transcendental), exact at
    :math:`\alpha = 0`.

    >>> averse = risk_attitude(Ultimatum(Fraction(1, 4), threat=1), 2)
    >>> neutral = risk_attitude(Ultimatum(Fraction(1, 4), threat=1), 0)
    >>> round(averse.compliance_probability, 4), neutral.compliance_probability
    (0.5841, Fraction(1, 2))
    """
    values, kind = validated({"risk_aversion": risk_aversion}, {"risk_aversion": check_real})
    alpha = values["risk_aversion"]
    if ultimatum.deadline != 0 or ultimatum.kind == "symbolic" or kind == "symbolic":
        raise NotImplementedError(
            "risk_attitude is the one-shot ultimatum (deadline 0) with numbers or arrays"
        )
    if (
        ultimatum.delay_cost_is_positive()
        or ultimatum.blur != "uniform"
        or ultimatum.resolve_distribution is not None
    ):
        raise NotImplementedError("risk_attitude needs no waiting cost, a uniform blur and a uniform resolve")
    outcome = ultimatum.outcome()
    if kind != "array" and ultimatum.kind != "array" and alpha == 0:
        return RiskAttitude(
            outcome.compliance_probability,
            outcome.threat_executed_probability,
            outcome.back_down_probability,
            ultimatum.need() / ultimatum.credibility()
            if ultimatum.credibility() != 0
            else (
                -math.inf if ultimatum.need() <= 0 else math.inf
            ),  # as the float path: no need, no loss needed
        )
    u = ultimatum._float()
    a = np.asarray(alpha, dtype=float)
    e = np.asarray(u.credibility(), dtype=float)
    n = np.asarray(u.need(), dtype=float)
    safe_a = np.where(a == 0, 1.0, a)
    safe_e = np.where(e > 0, e, 1.0)
    inside = np.expm1(safe_a * n) / safe_e  # 1 + inside = (e^{an} - 1 + e)/e
    with np.errstate(divide="ignore", invalid="ignore"):
        curved = np.where(inside > -1, np.log1p(np.maximum(inside, -1 + 1e-300)) / safe_a, np.inf)
    tipping = np.where(a == 0, n / safe_e, curved)
    tipping = np.where(e > 0, tipping, np.where(n <= 0, -np.inf, np.inf))
    threat = np.asarray(u.threat, dtype=float)  # no threat: every type complies iff no loss is needed
    safe_threat = np.where(threat > 0, threat, 1.0)
    cutoff = np.where(threat > 0, 1 - tipping / safe_threat, np.where(tipping <= 0, np.inf, -np.inf))
    width = u.resolve_high - u.resolve_low
    comply = np.clip((cutoff - u.resolve_low) / width, 0.0, 1.0)
    comply = np.where(n <= 0, 1.0, comply)
    resist = 1 - comply
    out = [comply, e * resist, (1 - e) * resist, tipping]
    if kind == "array" or u.kind == "array":
        shape = np.broadcast_shapes(*(np.shape(v) for v in out))
        return RiskAttitude(*[np.broadcast_to(v, shape).copy() for v in out])
    return RiskAttitude(*[float(v) for v in out])


def favouring_conditions(
    demand: Any,
    *,
    motivation_asymmetry: Any = 1,
    urgency: Any = 0,
    deadline: int | None = 0,
    fear_of_escalation: Any = 0,
    third_party_share: Any = 1,
    **others: Any,
) -> Ultimatum:
    r"""George's favouring conditions (Forceful Persuasion, 1991, pp. 75-81) as an ultimatum.

    * ``motivation_asymmetry`` :math:`m > 0`: how much more the coercer cares about the stake
      than the target; the target's cost of conceding is the demand divided by :math:`m`.
    * ``urgency`` and ``deadline``: as in :class:`Ultimatum`.
    * the target's risk attitude is not a scaling of the loss but the curvature of its utility
      over the lottery of the threat: :func:`risk_attitude`.
    * ``fear_of_escalation``: Schelling's risk that the crisis escalates whatever the coercer wants.
    * ``third_party_share`` :math:`\theta`: the share of the threatened loss that depends on third
      parties joining the sanction and that they deliver ("the locker is all but empty").

    >>> favouring_conditions(Fraction(1, 2), motivation_asymmetry=2).demand
    Fraction(1, 4)
    """
    values, _ = validated(
        {
            "motivation_asymmetry": motivation_asymmetry,
            "third_party_share": third_party_share,
            "demand": demand,
        },
        {
            "motivation_asymmetry": check_positive,
            "third_party_share": check_probability,
            "demand": check_probability,
        },
    )
    threat = others.pop("threat", 1)
    scale = values["third_party_share"]
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
    """What a reputation for madness buys (credibility, compliance) and costs the coercer.

    >>> from fractions import Fraction
    >>> madman(Ultimatum(Fraction(1, 4)), Fraction(1, 2))
    MadmanEffect(credibility_gain=Fraction(1, 4), compliance_gain=Fraction(1, 6), threat_executed_change=Fraction(0, 1), coercer_utility_change=Fraction(-1, 24))
    """

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
    # validated with the ultimatum's risk, so an exact weight takes the kind of an array ultimatum
    values, _ = validated(
        {"weight": weight, "risk": ultimatum.risk}, {"weight": check_probability, "risk": check_probability}
    )
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
    if np.any(phi * delta == 1):
        raise ParameterValueError("future_demand_probability", "below 1 when discount is 1", phi)
    return phi * x * delta / (1 - phi * delta)

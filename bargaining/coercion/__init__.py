r"""Coercive diplomacy (George 1991): the one-shot ultimatum, its design, signalling and limits.

:class:`Ultimatum` is the model in George's vocabulary (demand, vagueness,
deadline, audience cost, threat, carrot, Schelling's risk); its closed forms are derived in
:mod:`bargaining.coercion.specification`; :mod:`~bargaining.coercion.signalling` holds the
signalling extension and :mod:`~bargaining.coercion.signalling_map` its regime map,
:mod:`~bargaining.coercion.design` the optimal design and comparative statics,
:mod:`~bargaining.coercion.limits` the limits of specificity, favouring conditions, the madman and
reputation costs.

The January 2025 threat ("If we don't make a 'deal,' and soon, I have no other choice but to put
high levels of Taxes, Tariffs, and Sanctions..."): the condition "make a deal" is vague
(:math:`\sigma = 1/4` above a demand of :math:`1/5`), "soon" fixes no deadline (a 1-in-10 chance
each period that it falls), and a loosely worded economic threat carries a small audience cost
and a moderate loss; the coercer would rather not execute (:math:`w \sim U[-1, 1/4]`). The same
threat made specific names the condition, a deadline one period away and commits publicly:

>>> from fractions import Fraction
>>> common = dict(demand=Fraction(1, 5), threat=Fraction(1, 2), execution_low=-1,
...               execution_high=Fraction(1, 4))
>>> vague = Ultimatum(vagueness=Fraction(1, 4), deadline=None, urgency=Fraction(1, 10),
...                   audience_cost=Fraction(1, 10), **common).outcome()
>>> specific = Ultimatum(vagueness=0, deadline=1, audience_cost=Fraction(1, 2), **common).outcome()
>>> vague.compliance_probability, vague.threat_executed_probability
(Fraction(0, 1), Fraction(7, 25))
>>> specific.compliance_probability, specific.threat_executed_probability
(Fraction(1, 3), Fraction(2, 5))

Getting specific buys compliance (none to 1 in 3) but, because it also makes the threat
credible (7/25 to 3/5), raises the chance that it is carried out against those who still resist.
(With no cost of waiting, a target that complies does so at the deadline: the deadline changes
when, not whether.)
"""

from .blur import blur_gain, compliance_stake, gaussian_compliance_stake
from .design import Design, Sign, comparative_statics, optimal_carrot, optimal_demand, optimal_design
from .limits import (
    CheapTalk,
    Commitments,
    MadmanEffect,
    RiskAttitude,
    SelectionEffect,
    cheap_talk_partition,
    favouring_conditions,
    incompatible_commitments,
    madman,
    reputation_cost,
    risk_attitude,
    selection_effect,
)
from .signalling import ResolveSignalling
from .signalling_map import regime_map
from .signalling_results import MESSAGES, REFINEMENTS, Equilibrium, EquilibriumSet, pareto_undominated
from .ultimatum import Ultimatum, UltimatumOutcome

__all__ = [
    "MESSAGES",
    "REFINEMENTS",
    "CheapTalk",
    "Commitments",
    "Design",
    "Equilibrium",
    "EquilibriumSet",
    "MadmanEffect",
    "ResolveSignalling",
    "RiskAttitude",
    "SelectionEffect",
    "Sign",
    "Ultimatum",
    "UltimatumOutcome",
    "blur_gain",
    "cheap_talk_partition",
    "comparative_statics",
    "compliance_stake",
    "favouring_conditions",
    "gaussian_compliance_stake",
    "incompatible_commitments",
    "madman",
    "optimal_carrot",
    "optimal_demand",
    "optimal_design",
    "pareto_undominated",
    "regime_map",
    "reputation_cost",
    "risk_attitude",
    "selection_effect",
]

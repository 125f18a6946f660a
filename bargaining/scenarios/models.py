"""From a scenario's assumptions to the package's models.

Each function builds one model from the scenario's values; a combination the model refuses (say
``execution_low`` above ``execution_high``) becomes a :class:`~bargaining.scenarios.ScenarioError`
naming the file and the section.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, TypeVar

from ..core.errors import BargainingError
from .loader import Scenario, ScenarioError

__all__ = [
    "ceasefire",
    "crisis",
    "renewed_demands",
    "resolve_signalling",
    "risk_return",
    "small_steps",
    "ultimatum",
    "war",
    "war_strategies",
]

T = TypeVar("T")


def _build(scenario: Scenario, section: str, make: Callable[[], T]) -> T:
    try:
        return make()
    except BargainingError as error:
        raise ScenarioError(
            scenario.path or scenario.name, f"[{section}]", f"consistent with the model ({error})"
        ) from None


def crisis(scenario: Scenario) -> Any:
    """The crisis (Fearon 1995) of the scenario.

    >>> from bargaining.scenarios import load, presets
    >>> scenario = load(presets()["vague-threat"])
    >>> crisis(scenario).bargaining_range().is_empty
    False
    """
    from ..crisis import Crisis

    c = scenario.section("crisis")
    return _build(scenario, "crisis", lambda: Crisis(c["power"], c["cost_coercer"], c["cost_target"]))


def risk_return(scenario: Scenario) -> Any:
    """The take-it-or-leave-it demand against the target's private cost of war.

    >>> from bargaining.scenarios import load, presets
    >>> scenario = load(presets()["vague-threat"])
    >>> type(risk_return(scenario)).__name__
    'RiskReturn'
    """
    from ..crisis import RiskReturn

    c = scenario.section("crisis")
    return _build(
        scenario,
        "crisis",
        lambda: RiskReturn(c["power"], c["cost_coercer"], c["target_cost_low"], c["target_cost_high"]),
    )


def ultimatum(scenario: Scenario, **changes: Any) -> Any:
    """The one-shot ultimatum (George 1991), optionally with some fields changed.

    >>> from bargaining.scenarios import load, presets
    >>> scenario = load(presets()["vague-threat"])
    >>> ultimatum(scenario).demand
    Fraction(1, 5)
    """
    from ..coercion import Ultimatum

    u = scenario.section("ultimatum") | changes
    discount = scenario.value("crisis", "discount")
    return _build(scenario, "ultimatum", lambda: Ultimatum(discount=discount, **u))


def resolve_signalling(scenario: Scenario) -> Any:
    """The coercer's types choosing specificity and carrots (the regime map).

    >>> from bargaining.scenarios import load, presets
    >>> scenario = load(presets()["vague-threat"])
    >>> type(resolve_signalling(scenario)).__name__
    'ResolveSignalling'
    """
    from ..coercion import ResolveSignalling

    u, s = scenario.section("ultimatum"), scenario.section("signalling")
    return _build(
        scenario,
        "signalling",
        lambda: ResolveSignalling(
            u["demand"],
            u["audience_cost"],
            u["carrot"],
            s["prior_resolute"],
            s["resolute_value"],
            s["irresolute_value"],
            threat=u["threat"],
            vagueness=u["vagueness"],
            carrot_efficiency=u["carrot_efficiency"],
            carrot_credibility=u["carrot_credibility"],
            risk=u["risk"],
        ),
    )


def war(scenario: Scenario, exact: bool = False) -> Any:
    """The learning war; floats unless ``exact`` (exact DP is slower).

    >>> from bargaining.scenarios import load, presets
    >>> scenario = load(presets()["vague-threat"])
    >>> type(war(scenario)).__name__
    'LearningWar'
    """
    from ..war import LearningWar

    w = scenario.section("war")
    number = (lambda v: v) if exact else float
    return _build(
        scenario,
        "war",
        lambda: LearningWar(
            number(w["coercer_belief"]),
            number(w["target_belief"]),
            number(w["coercer_confidence"]),
            number(w["target_confidence"]),
            number(w["battle_odds"]),
            number(w["cost_coercer"]),
            number(w["cost_target"]),
            decisive_margin=w["decisive_margin"],
        ),
    )


def war_strategies(scenario: Scenario) -> list[Any]:
    """George's three strategies on the scenario's war: try-and-see, the screw, the ultimatum.

    The war's ultimatum carries the one-shot ultimatum's threat, credibility and carrot
    (:meth:`bargaining.war.UltimatumSchedule.from_coercion`) and demands the one-shot concession on top of
    what the target expects to keep by fighting, ``1 - target_belief``.

    >>> from bargaining.scenarios import load, presets
    >>> scenario = load(presets()["vague-threat"])
    >>> [type(s).__name__ for s in war_strategies(scenario)]
    ['TryAndSee', 'TurningTheScrew', 'UltimatumSchedule']
    """
    from ..war import TryAndSee, TurningTheScrew, UltimatumSchedule

    w = scenario.section("war")
    one_shot = ultimatum(scenario)
    demand = min(1, 1 - w["target_belief"] + scenario.value("ultimatum", "demand"))
    schedule = _build(
        scenario,
        "war",
        lambda: replace(UltimatumSchedule.from_coercion(one_shot, deadline=w["deadline"]), demand=demand),
    )
    return [TryAndSee(), TurningTheScrew(float(w["escalation"])), schedule]


def ceasefire(scenario: Scenario) -> Any:
    """The ceasefire and its guarantee.

    >>> from bargaining.scenarios import load, presets
    >>> scenario = load(presets()["vague-threat"])
    >>> type(ceasefire(scenario)).__name__
    'Ceasefire'
    """
    from ..commitment import Ceasefire

    c, m = scenario.section("crisis"), scenario.section("commitment")
    return _build(
        scenario,
        "commitment",
        lambda: Ceasefire(
            m["ceasefire_share"],
            c["power"],
            c["discount"],
            c["cost_coercer"],
            c["cost_target"],
            m["renege_gain_coercer"],
            m["renege_gain_target"],
            guarantee=m["guarantee"],
        ),
    )


def renewed_demands(scenario: Scenario) -> Any:
    """The most that can be compelled (a present value) when compliance may invite new demands.

    >>> from bargaining.scenarios import load, presets
    >>> scenario = load(presets()["vague-threat"])
    >>> type(renewed_demands(scenario)).__name__
    'RenewedDemands'
    """
    from ..commitment import RenewedDemands

    c, m = scenario.section("crisis"), scenario.section("commitment")
    return _build(
        scenario,
        "commitment",
        lambda: RenewedDemands(m["assurance"], c["discount"], c["power"], c["cost_target"]),
    )


def small_steps(scenario: Scenario) -> Any:
    """Small steps as trust-building before the big agreement.

    >>> from bargaining.scenarios import load, presets
    >>> scenario = load(presets()["vague-threat"])
    >>> type(small_steps(scenario)).__name__
    'SmallSteps'
    """
    from ..commitment import SmallSteps

    c, m = scenario.section("crisis"), scenario.section("commitment")
    return _build(
        scenario,
        "commitment",
        lambda: SmallSteps(m["trust_prior"], m["betrayal_loss"], c["discount"], m["step_size"]),
    )

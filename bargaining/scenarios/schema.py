"""What a scenario file may contain: its sections, their keys, and what each value must be.

A scenario is plain TOML. Every number is an **assumption** written as a table with its value, a
one-line reason and a range for the sensitivity analysis::

    [ultimatum]
    demand = { value = 0.2, reason = "'make a deal': a ceasefire on current lines", range = [0.1, 0.4] }

An assumption may also name its ``source`` (a string: a document, a dataset, an event). Values are TOML integers, decimals (read exactly: ``0.55`` is 11/20) or strings holding a
fraction such as ``"3/5"``; nothing is ever evaluated. The schema below is the single source of
what is allowed; the loader refuses anything else with the file, the key, the line, the
requirement and the value.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Literal

from ..coercion import ResolveSignalling, Ultimatum
from ..coercive_game import CoerciveGame, UltimatumDesign
from ..commitment import Ceasefire, RenewedDemands, SmallSteps
from ..core import parameters
from ..crisis import Crisis, RiskReturn
from ..war import LearningWar, TurningTheScrew

__all__ = ["FIELDS", "MAX_HORIZON", "SCENARIO_STRATEGIES", "SECTIONS", "Field"]

#: The longest war a scenario follows without asking (``[war] horizon``, in battles, one a month):
#: a century. The analysis's work grows with it; ``load(..., max_horizon=N)`` and
#: ``bargaining analyze --max-horizon N`` raise it on purpose.
MAX_HORIZON = 1200

Domain = Literal[
    "probability", "interior", "unit", "nonnegative", "positive", "real", "discount", "count", "deadline"
]

SCENARIO_STRATEGIES = ("try-and-see", "turning-the-screw", "ultimatum")


_STANDARD = {
    "probability": parameters.PROBABILITY,
    "interior": parameters.INTERIOR,
    "unit": parameters.UNIT,
    "nonnegative": parameters.NONNEGATIVE,
    "positive": parameters.POSITIVE,
    "real": parameters.REAL,
    "discount": parameters.DISCOUNT,
}


@dataclass(frozen=True)
class Field:
    """One assumption: its domain and what it means (the meaning is printed in errors and reports).

    An assumption that feeds a model's parameter is made by :meth:`of` from the parameter's
    declaration, so its meaning and its bounds are the model's (``bounds``).

    >>> FIELDS["crisis"]["power"].requirement
    'a probability in [0, 1]'
    """

    domain: Domain
    meaning: str
    bounds: Any = None

    @classmethod
    def of(cls, model: Any, name: str) -> Field:
        """The assumption that feeds the parameter ``name`` of ``model``, from its declaration.

        >>> Field.of(Crisis, "power")
        Field(domain='probability', meaning="the coercer's probability of winning a war", bounds=...)
        """
        declaration = parameters.declarations(model)[name]
        if not isinstance(declaration, parameters.Parameter):
            raise TypeError(f"{model.__name__}.{name} is a setting, not a numeric parameter")
        bounds = declaration.domain
        domain = bounds.name if bounds.name in _STANDARD else "real"
        return cls(domain, declaration.meaning, bounds)  # type: ignore[arg-type]

    @property
    def requirement(self) -> str:
        """The requirement in words, for an error message.

        >>> FIELDS["crisis"]["power"].requirement
        'a probability in [0, 1]'
        """
        if self.bounds is not None and _STANDARD.get(self.domain) != self.bounds:
            return str(self.bounds.requirement)
        return {
            "probability": "a probability in [0, 1]",
            "interior": "a number strictly between 0 and 1",
            "unit": "a share in [0, 1]",
            "nonnegative": "a non-negative number",
            "positive": "a positive number",
            "real": "a real number",
            "discount": "a discount factor in (0, 1)",
            "count": "a positive integer",
            "deadline": 'a non-negative integer number of periods, or "none"',
        }[self.domain]

    def admits(self, value: Fraction | int | None) -> bool:
        """Whether ``value`` (already parsed) lies in the domain.

        >>> from fractions import Fraction
        >>> FIELDS["crisis"]["power"].admits(Fraction(1, 2)), FIELDS["crisis"]["power"].admits(2)
        (True, False)
        """
        if self.domain == "deadline":
            return value is None or (isinstance(value, int) and value >= 0)
        if value is None:
            return False
        if self.domain == "count":
            return isinstance(value, int) and value >= 1
        if self.bounds is not None:
            return bool(self.bounds.admits(value))
        return {
            "probability": 0 <= value <= 1,
            "interior": 0 < value < 1,
            "unit": 0 <= value <= 1,
            "nonnegative": value >= 0,
            "positive": value > 0,
            "real": True,
            "discount": 0 < value < 1,
        }[self.domain]


SECTIONS: dict[str, str] = {
    "crisis": "the underlying war: power, costs, patience",
    "ultimatum": "the coercer's demand, its specificity, threat and carrots",
    "signalling": "the coercer's types, for the regime map",
    "war": "the war fought and bargained over battle by battle",
    "commitment": "ceasefire, guarantees, assurance, small steps",
    "game": "the coercive bargaining game's own primitives, a period being a month",
}

FIELDS: dict[str, dict[str, Field]] = {
    "crisis": {
        "power": Field.of(Crisis, "power"),
        "cost_coercer": Field.of(Crisis, "cost_coercer"),
        "cost_target": Field.of(Crisis, "cost_target"),
        "target_cost_low": Field.of(RiskReturn, "target_cost_low"),
        "target_cost_high": Field.of(RiskReturn, "target_cost_high"),
        "discount": Field.of(RenewedDemands, "discount"),
    },
    "ultimatum": {
        "demand": Field.of(Ultimatum, "demand"),
        "vagueness": Field.of(Ultimatum, "vagueness"),
        "deadline": Field("deadline", "periods until the threat falls"),
        **{
            name: Field.of(Ultimatum, name)
            for name in (
                "urgency",
                "audience_cost",
                "threat",
                "carrot",
                "carrot_efficiency",
                "carrot_credibility",
                "risk",
                "execution_low",
                "execution_high",
            )
        },
    },
    "signalling": {
        name: Field.of(ResolveSignalling, name)
        for name in ("prior_resolute", "resolute_value", "irresolute_value")
    },
    "war": {
        **{
            name: Field.of(LearningWar, name)
            for name in (
                "coercer_belief",
                "target_belief",
                "coercer_confidence",
                "target_confidence",
                "battle_odds",
                "cost_coercer",
                "cost_target",
            )
        },
        "decisive_margin": Field("count", "the lead in battles that ends the war outright"),
        "horizon": Field("count", "the battles followed (one a month)"),
        "escalation": Field.of(TurningTheScrew, "escalation"),
        "deadline": Field("count", "the ultimatum's deadline, in battles"),
    },
    "commitment": {
        "ceasefire_share": Field.of(Ceasefire, "share"),
        "renege_gain_coercer": Field.of(Ceasefire, "renege_gain_coercer"),
        "renege_gain_target": Field.of(Ceasefire, "renege_gain_target"),
        "guarantee": Field.of(Ceasefire, "guarantee"),
        "assurance": Field.of(RenewedDemands, "assurance"),
        "trust_prior": Field.of(SmallSteps, "prior"),
        "betrayal_loss": Field.of(SmallSteps, "loss"),
        "step_size": Field.of(SmallSteps, "size"),
    },
    "game": {
        "discount": Field.of(CoerciveGame, "discount"),
        "resolve_mean": Field("interior", "the mean of the target's resolve, a Beta distribution on [0, 1]"),
        "resolve_concentration": Field(
            "positive", "the weight of the Beta distribution of resolve (alpha + beta), in observations"
        ),
        "target_cost_resolve": Field.of(CoerciveGame, "target_cost_resolve"),
        "screw_cost": Field.of(CoerciveGame, "screw_cost"),
        "demand": Field.of(UltimatumDesign, "demand"),
    },
}

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
from typing import Literal

__all__ = ["FIELDS", "MAX_HORIZON", "SCENARIO_STRATEGIES", "SECTIONS", "Field"]

#: The longest war a scenario follows without asking (``[war] horizon``, in battles, one a month):
#: a century. The analysis's work grows with it; ``load(..., max_horizon=N)`` and
#: ``bargaining analyze --max-horizon N`` raise it on purpose.
MAX_HORIZON = 1200

Domain = Literal[
    "probability", "interior", "unit", "nonnegative", "positive", "real", "discount", "count", "deadline"
]

SCENARIO_STRATEGIES = ("try-and-see", "turning-the-screw", "ultimatum")


@dataclass(frozen=True)
class Field:
    """One assumption: its domain and what it means (the meaning is printed in errors and reports).

    >>> FIELDS["crisis"]["power"].requirement
    'a probability in [0, 1]'
    """

    domain: Domain
    meaning: str

    @property
    def requirement(self) -> str:
        """The requirement in words, for an error message.

        >>> FIELDS["crisis"]["power"].requirement
        'a probability in [0, 1]'
        """
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
        "power": Field("probability", "the coercer's chance of winning a war outright"),
        "cost_coercer": Field("nonnegative", "the coercer's cost of war, in shares of the stake"),
        "cost_target": Field("nonnegative", "the target's expected cost of war, in shares of the stake"),
        "target_cost_low": Field("nonnegative", "the lowest cost of war the target may have (private)"),
        "target_cost_high": Field("nonnegative", "the highest cost of war the target may have (private)"),
        "discount": Field("discount", "the per-period discount factor"),
    },
    "ultimatum": {
        "demand": Field("unit", "the concession asked of the target"),
        "vagueness": Field("nonnegative", "how blurred the condition of compliance is"),
        "deadline": Field("deadline", "periods until the threat falls"),
        "urgency": Field("probability", "with no deadline, the chance each period that the threat falls"),
        "audience_cost": Field("nonnegative", "the coercer's cost of backing down after a public threat"),
        "threat": Field("nonnegative", "the target's loss if the threat is executed"),
        "carrot": Field("nonnegative", "the inducement offered for compliance"),
        "carrot_efficiency": Field("nonnegative", "what a unit of carrot costs the coercer"),
        "carrot_credibility": Field("probability", "the chance a promised carrot is delivered"),
        "risk": Field("probability", "Schelling's threat that leaves something to chance"),
        "execution_low": Field("real", "the coercer's lowest net value of executing the threat"),
        "execution_high": Field("real", "the coercer's highest net value of executing the threat"),
    },
    "signalling": {
        "prior_resolute": Field("probability", "the target's prior that the coercer is resolute"),
        "resolute_value": Field("real", "a resolute coercer's net value of executing"),
        "irresolute_value": Field("real", "an irresolute coercer's net value of executing"),
    },
    "war": {
        "coercer_belief": Field("probability", "the coercer's prior mean of its chance to win a battle"),
        "target_belief": Field("probability", "the target's prior mean of its own chance to win a battle"),
        "coercer_confidence": Field("positive", "the weight of the coercer's prior, in battles"),
        "target_confidence": Field("positive", "the weight of the target's prior, in battles"),
        "battle_odds": Field("probability", "the true chance that the coercer wins a battle"),
        "cost_coercer": Field("nonnegative", "the coercer's cost of one more battle"),
        "cost_target": Field("nonnegative", "the target's cost of one more battle"),
        "decisive_margin": Field("count", "the lead in battles that ends the war outright"),
        "horizon": Field("count", "the battles followed (one a month)"),
        "escalation": Field("nonnegative", "turning the screw: the rise in the target's cost per battle"),
        "deadline": Field("count", "the ultimatum's deadline, in battles"),
    },
    "commitment": {
        "ceasefire_share": Field("unit", "the coercer's share of the flow under a ceasefire"),
        "renege_gain_coercer": Field(
            "nonnegative", "the coercer's one-period gain from breaking a ceasefire"
        ),
        "renege_gain_target": Field("nonnegative", "the target's one-period gain from breaking a ceasefire"),
        "guarantee": Field("nonnegative", "the penalty a third party imposes on a violator"),
        "assurance": Field("probability", "the chance the coercer is limited-aims after compliance"),
        "trust_prior": Field("probability", "the prior that the other side can be trusted"),
        "betrayal_loss": Field("positive", "the loss from a betrayed big agreement, relative to its gain"),
        "step_size": Field("positive", "the size of each small step, relative to the big agreement"),
    },
    "game": {
        "discount": Field("discount", "the discount factor per month"),
        "resolve_mean": Field("interior", "the mean of the target's resolve, a Beta distribution on [0, 1]"),
        "resolve_concentration": Field(
            "positive", "the weight of the Beta distribution of resolve (alpha + beta), in observations"
        ),
        "target_cost_resolve": Field(
            "nonnegative", "the least resolute target's extra cost of a month of war, in shares of the stake"
        ),
        "screw_cost": Field(
            "nonnegative", "the coercer's cost per unit of the screw's added cost to the target"
        ),
        "demand": Field("unit", "the coercer's share of the stake demanded by the ultimatum"),
    },
}

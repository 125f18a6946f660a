"""What a sweep knows about a model: units and descriptions of its parameters and outputs, and
the regime labels its solver can return.

A model's **parameters** are described by their declarations
(:func:`bargaining.core.parameters.parameter`): their meaning and unit are read from the model
class, never written here. Metadata is optional: a sweep of a model without any still runs, with bare variable names and
the regime labels it meets on its probe grid. A model provides it in one of two ways:

* a class attribute ``sweep_metadata``: a :class:`Metadata` (for every solver method) or a
  mapping from method name to :class:`Metadata`;
* an entry in :data:`METADATA`, keyed by ``(module.ClassName, method)``: the way this package
  describes the models it does not own.

>>> from bargaining.crisis import RiskReturn
>>> metadata = metadata_for(RiskReturn, "solve")
>>> metadata.regimes
('safe', 'interior', 'capped')
>>> metadata.variables["war_probability"].units
'probability'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from ..core.derived import variables as declared_variables

__all__ = ["METADATA", "Metadata", "Variable", "metadata_for", "model_path"]


@dataclass(frozen=True, slots=True)
class Variable:
    """A parameter or an output: what it means and in which units it is measured.

    >>> Variable("the coercer's probability of winning a war", "probability").units
    'probability'
    """

    description: str
    units: str = ""

    def attrs(self) -> dict[str, str]:
        """The xarray/CF attributes ``long_name`` and ``units`` (``units`` only when known).

        >>> Variable("a share", "share of the stake").attrs()
        {'long_name': 'a share', 'units': 'share of the stake'}
        """
        attrs = {"long_name": self.description}
        if self.units:
            attrs["units"] = self.units
        return attrs


@dataclass(frozen=True, slots=True)
class Metadata:
    """Units and descriptions for one solver of one model, and the regime labels it can return.

    ``regimes`` lists every label in a meaningful order (it fixes the integer codes and the
    colours of a regime map); labels a solver returns outside the list are refused by a sweep.

    >>> Metadata(regimes=("peace", "war")).regimes
    ('peace', 'war')
    """

    parameters: Mapping[str, Variable] = field(default_factory=dict)
    variables: Mapping[str, Variable] = field(default_factory=dict)
    regimes: tuple[str, ...] = ()


_STAKE = "share of the stake"
_PROBABILITY = "probability"
_UTILITY = "utility (stake units)"

_DEMAND_OUTPUTS = {
    "demand": Variable("the coercer's optimal demand", _STAKE),
    "war_probability": Variable("the probability of war", _PROBABILITY),
    "coercer_utility": Variable("the coercer's expected utility", _UTILITY),
    "regime": Variable("which case of the solution holds"),
}

METADATA: dict[tuple[str, str], Metadata] = {
    ("bargaining.crisis.risk_return.RiskReturn", "solve"): Metadata(
        variables=_DEMAND_OUTPUTS,
        regimes=("safe", "interior", "capped"),
    ),
    ("bargaining.crisis.screening.Screening", "solve"): Metadata(
        variables={
            **_DEMAND_OUTPUTS,
            "cutoff": Variable("the prior of toughness below which the tough demand pays", _PROBABILITY),
        },
        regimes=("soft demand", "tough demand"),
    ),
    ("bargaining.crisis.range.Crisis", "bargaining_range"): Metadata(
        variables={
            "lower": Variable("the least the coercer accepts rather than fight", _STAKE),
            "upper": Variable("the most the target concedes rather than fight", _STAKE),
        },
    ),
    ("bargaining.solutions.rubinstein.AlternatingOffers", "solve"): Metadata(
        variables={
            "first_share": Variable("the first player's share when it proposes", _STAKE),
            "second_share_when_proposing": Variable("the second player's share when it proposes", _STAKE),
            "regime": Variable("which outside options bind"),
        },
        regimes=(
            "no outside option binds",
            "second's outside option binds",
            "first's outside option binds",
            "both outside options bind",
        ),
    ),
}


def model_path(model: Any) -> str:
    """The importable name of a model class, ``module.QualifiedName``.

    >>> from bargaining.crisis import Crisis
    >>> model_path(Crisis)
    'bargaining.crisis.range.Crisis'
    """
    return f"{model.__module__}.{model.__qualname__}"


def metadata_for(model: Any, method: str) -> Metadata:
    """The metadata of ``model``'s solver ``method``: the class attribute ``sweep_metadata`` if
    the model has one, else the entry of :data:`METADATA`, else empty metadata; its parameters
    are the model's declared ones unless the metadata names its own.

    >>> class Toy:
    ...     sweep_metadata = {"solve": Metadata(regimes=("a", "b"))}
    >>> metadata_for(Toy, "solve").regimes, metadata_for(Toy, "other").regimes
    (('a', 'b'), ())
    """
    own = getattr(model, "sweep_metadata", None)
    found: Metadata
    if isinstance(own, Metadata):
        found = own
    elif isinstance(own, Mapping) and isinstance(own.get(method), Metadata):
        found = own[method]
    else:
        found = METADATA.get((model_path(model), method), Metadata())
    if found.parameters or not _is_declared(model):
        return found
    declared = {name: Variable(meaning, unit) for name, (meaning, unit) in declared_variables(model).items()}
    return replace(found, parameters=declared)


def _is_declared(model: Any) -> bool:
    import dataclasses

    return isinstance(model, type) and dataclasses.is_dataclass(model)

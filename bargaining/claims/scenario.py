"""Claims on a scenario: the region a scenario's assumption ranges span.

A claim names which scenario assumption each of its parameters stands for
(``Claim.assumptions``, ``{"demand": "ultimatum.demand"}``). :func:`scenario_region` gives the
claim's region cut down to the scenarios' ranges: for each such parameter, the interval from the
lowest ``low`` to the highest ``high`` over the scenarios, intersected with the claim's own
interval (the claim speaks only of its region). A parameter no scenario speaks of keeps the
claim's range, and the region says which came from where. When the two intervals do not meet,
the claim says nothing about the scenarios: :class:`~bargaining.claims.ClaimError`, naming the
claim and the parameter.

>>> from bargaining.claims import MonotoneClaim, Region, scenario_region
>>> from bargaining.scenarios import load, presets
>>> claim = MonotoneClaim("P(war) rises with the demand", "take small steps",
...                       Region({"demand": (0, 1), "cost": (0, 1)}), quantity=lambda demand, cost: demand,
...                       parameter="demand", assumptions={"demand": "ultimatum.demand"})
>>> print(scenario_region(claim, load(presets()["specific-carrots"])).describe())
1/10 ≤ demand ≤ 2/5, 0 ≤ cost ≤ 1 (demand: the ranges of specific-carrots; cost: the claim's own)
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from ..core.errors import ParameterValueError
from .claim import Claim, ClaimError, Region

if TYPE_CHECKING:  # pragma: no cover - typing only
    from ..scenarios import Scenario

__all__ = ["scenario_region"]


def scenario_region(claim: Claim, *scenarios: Scenario) -> Region:
    """The claim's region on the span of ``scenarios``' assumption ranges (see the module).

    >>> from bargaining.claims import MonotoneClaim, Region
    >>> from bargaining.scenarios import load, presets
    >>> claim = MonotoneClaim("P(war) rises with the demand", "take small steps", Region({"demand": (0, 1)}),
    ...   quantity=lambda demand: demand, parameter="demand", assumptions={"demand": "ultimatum.demand"})
    >>> scenario_region(claim, load(presets()["specific-carrots"])).bounds
    {'demand': (Fraction(1, 10), Fraction(2, 5))}
    """
    if not scenarios:
        raise ParameterValueError("scenarios", "at least one Scenario", scenarios)
    bounds = dict(claim.region.bounds)
    taken: list[str] = []
    for name, key in claim.assumptions.items():
        section, field = key.split(".")
        ranges = []
        for scenario in scenarios:
            assumption = scenario.assumptions.get((section, field))
            if assumption is None or assumption.low is None or assumption.high is None:
                continue
            ranges.append((Fraction(assumption.low), Fraction(assumption.high)))
        if not ranges:
            continue
        low = max(min(r[0] for r in ranges), bounds[name][0])
        high = min(max(r[1] for r in ranges), bounds[name][1])
        if low > high:
            raise ClaimError(
                claim.statement,
                f"the scenarios' range of {key} [{min(r[0] for r in ranges)}, {max(r[1] for r in ranges)}] "
                f"does not meet the claim's {name} ∈ [{bounds[name][0]}, {bounds[name][1]}]",
            )
        bounds[name] = (low, high)
        taken.append(name)
    names = ", ".join(scenario.name for scenario in scenarios)
    own = [name for name in bounds if name not in taken]
    origin = "; ".join(
        part
        for part in (
            f"{', '.join(taken)}: the ranges of {names}" if taken else "",
            f"{', '.join(own)}: the claim's own" if own else "",
        )
        if part
    )
    return Region(bounds, origin=origin)

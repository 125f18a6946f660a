r"""Claims: theory statements about a model, stated so that they can be settled.

A claim says that a **quantity** of a model behaves in a stated way over a **region** of
parameters, and names the principle of the essay it formalises. Two shapes cover the field's
arguments:

* :class:`MonotoneClaim` — "P(comply) is non-decreasing in ``carrot``": for every point of the
  region and every two values :math:`a < b` of the instrument, :math:`q(a) \le q(b)`.
* :class:`RelationClaim` — "a carrot with efficiency 1 is exactly a smaller demand":
  :math:`\text{left}(\theta)\ R\ \text{right}(\theta)` at every point :math:`\theta` of the region,
  with :math:`R` one of ``==``, ``<=``, ``>=``.

The quantity is any Python callable of the region's parameters built from the package's models,
so it is exact on ``Fraction`` inputs and symbolic on sympy symbols; that is what lets
:mod:`bargaining.claims.settle` prove a claim with sympy, test it with hypothesis on exact
rationals, and refute it with a minimal counterexample.

>>> from fractions import Fraction as F
>>> from bargaining.crisis import RiskReturn
>>> claim = MonotoneClaim(
...     statement="The war probability rises with the demand",
...     principle="take small steps",
...     quantity=lambda power, demand: RiskReturn(power, F(1, 10), 0, F(2, 5)).war_probability(demand),
...     parameter="demand", direction="nondecreasing",
...     region=Region({"power": (0, 1), "demand": (0, 1)}))
>>> claim.violation({"power": F(1, 2)}, F(3, 5), F(4, 5)) is None
True
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any, Literal

from ..core.errors import ParameterTypeError, ParameterValueError

__all__ = ["Claim", "MonotoneClaim", "Region", "RelationClaim", "Verdict"]

Verdict = Literal["proved", "holds in tests", "refuted"]
Direction = Literal["nondecreasing", "nonincreasing", "increasing", "decreasing"]
Relation = Literal["==", "<=", ">="]


@dataclass(frozen=True)
class Region:
    """A box of parameters: each name with its closed interval ``(low, high)``.

    >>> Region({"power": (0, 1)}).describe()
    '0 ≤ power ≤ 1'
    """

    bounds: Mapping[str, tuple[Any, Any]]

    def __post_init__(self) -> None:
        if not self.bounds:
            raise ParameterValueError(
                "bounds", "a non-empty mapping of parameter to (low, high)", dict(self.bounds)
            )
        clean: dict[str, tuple[Fraction, Fraction]] = {}
        for name, pair in self.bounds.items():
            try:
                low, high = (Fraction(value) for value in pair)
            except (TypeError, ValueError):
                raise ParameterTypeError(
                    f"bounds[{name!r}]", "a pair of exact numbers (low, high)", pair
                ) from None
            if low > high:
                raise ParameterValueError(f"bounds[{name!r}]", "a pair with low <= high", pair)
            clean[name] = (low, high)
        object.__setattr__(self, "bounds", clean)

    @property
    def names(self) -> tuple[str, ...]:
        """The parameters, in the order given."""
        return tuple(self.bounds)

    def describe(self) -> str:
        """The region in words, for a report."""
        return ", ".join(f"{low} ≤ {name} ≤ {high}" for name, (low, high) in self.bounds.items())


@dataclass(frozen=True)
class Claim:
    """What every claim has: its words, the essay's principle, the region, the expected verdict.

    ``budget`` caps what the ``ci`` depth spends on an expensive claim: at most ``budget``
    examples, and hypothesis' shrinking of a counterexample stops after ``budget`` more calls (the
    counterexample reported is the simplest reached by then). ``None``: the depth's full count and
    shrinking to the end. The ``user`` depth ignores it.
    """

    def __post_init__(self) -> None:
        _check_budget(self.budget)

    statement: str
    principle: str
    region: Region
    expected: Verdict | None = field(default=None, kw_only=True)
    source: str = field(default="", kw_only=True)
    budget: int | None = field(default=None, kw_only=True)

    def mutated(self, **changes: Any) -> Claim:
        """The same claim with some parts replaced (a broken model, for a mutation test)."""
        return replace(self, **changes)


def _check_budget(budget: Any) -> None:
    if budget is None:
        return
    if isinstance(budget, bool) or not isinstance(budget, int):
        raise ParameterTypeError("budget", "a whole number of hypothesis calls or None", budget)
    if budget < 1:
        raise ParameterValueError("budget", "at least 1 call (or None)", budget)


def _check_callable(name: str, value: Any) -> None:
    if not callable(value):
        raise ParameterTypeError(name, "a callable of the region's parameters", value)


@dataclass(frozen=True)
class MonotoneClaim(Claim):
    """``quantity`` moves in ``direction`` as ``parameter`` rises, everywhere in the region."""

    quantity: Callable[..., Any] = field(kw_only=True)
    parameter: str = field(kw_only=True)
    direction: Direction = field(default="nondecreasing", kw_only=True)

    def __post_init__(self) -> None:
        _check_budget(self.budget)
        _check_callable("quantity", self.quantity)
        if self.parameter not in self.region.bounds:
            raise ParameterValueError(
                "parameter", f"one of the region's parameters {self.region.names}", self.parameter
            )
        if self.direction not in ("nondecreasing", "nonincreasing", "increasing", "decreasing"):
            raise ParameterValueError(
                "direction", "'nondecreasing', 'nonincreasing', 'increasing' or 'decreasing'", self.direction
            )

    def violation(self, point: Mapping[str, Any], low: Any, high: Any) -> tuple[Any, Any] | None:
        """The two values that break the claim at ``point`` between ``low < high``, or ``None``."""
        before = self.quantity(**{**point, self.parameter: low})
        after = self.quantity(**{**point, self.parameter: high})
        broken = {
            "nondecreasing": before > after,
            "nonincreasing": before < after,
            "increasing": before >= after,
            "decreasing": before <= after,
        }[self.direction]
        return (before, after) if bool(broken) else None


@dataclass(frozen=True)
class RelationClaim(Claim):
    """``left(point) relation right(point)`` everywhere in the region."""

    left: Callable[..., Any] = field(kw_only=True)
    right: Callable[..., Any] = field(kw_only=True)
    relation: Relation = field(default="==", kw_only=True)

    def __post_init__(self) -> None:
        _check_budget(self.budget)
        _check_callable("left", self.left)
        _check_callable("right", self.right)
        if self.relation not in ("==", "<=", ">="):
            raise ParameterValueError("relation", "'==', '<=' or '>='", self.relation)

    def violation(self, point: Mapping[str, Any]) -> tuple[Any, Any] | None:
        """The two sides at ``point`` if they break the relation, else ``None``."""
        left, right = self.left(**point), self.right(**point)
        holds = {"==": left == right, "<=": left <= right, ">=": left >= right}[self.relation]
        return None if bool(holds) else (left, right)

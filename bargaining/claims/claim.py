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
so it is exact on ``Fraction`` inputs, symbolic on sympy symbols and vectorised on numpy arrays;
that is what lets :func:`bargaining.claims.settle_claim` prove a claim with sympy, search thousands of
points of the region in one array call, and confirm a counterexample in exact arithmetic.

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

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any, Literal

from ..core.errors import BargainingError, ParameterTypeError, ParameterValueError

__all__ = ["VERDICTS", "Claim", "ClaimError", "MonotoneClaim", "Region", "RelationClaim", "Verdict"]

Verdict = Literal["proved", "by construction", "holds in tests", "refuted", "undecided"]
VERDICTS: tuple[Verdict, ...] = ("proved", "by construction", "holds in tests", "refuted", "undecided")
Direction = Literal["nondecreasing", "nonincreasing", "increasing", "decreasing"]
Relation = Literal["==", "<=", ">="]


@dataclass(frozen=True)
class Region:
    """A box of parameters: each name with its closed interval ``(low, high)``.

    >>> Region({"power": (0, 1)}).describe()
    '0 ≤ power ≤ 1'
    """

    bounds: Mapping[str, tuple[Any, Any]]
    origin: str = ""

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
        """The parameters, in the order given.

        >>> Region({"power": (0, 1), "cost": (0, 1)}).names
        ('power', 'cost')
        """
        return tuple(self.bounds)

    def describe(self) -> str:
        """The region in words, for a report (with where it comes from, if it says).

        >>> from fractions import Fraction as F
        >>> Region({"power": (F(1, 5), F(4, 5)), "cost": (0, 1)}).describe()
        '1/5 ≤ power ≤ 4/5, 0 ≤ cost ≤ 1'
        """
        text = ", ".join(
            f"{name} = {low}" if low == high else f"{low} ≤ {name} ≤ {high}"
            for name, (low, high) in self.bounds.items()
        )
        return f"{text} ({self.origin})" if self.origin else text


@dataclass(frozen=True)
class Claim:
    """What every claim has: its words, the essay's principle, the region, and where it comes from.

    ``construction``: why the claim follows from the model's own definitions, when it does (a
    carrot of efficiency 1 *is* a smaller demand; a guarantee enters the compensation
    subtractively). A claim that says so is still checked; when the check finds no counterexample
    its verdict is *by construction*, with this reason, not *proved*.

    ``assumptions``: which scenario assumption each parameter stands for, as ``"section.key"``
    (``{"demand": "ultimatum.demand"}``), so that :func:`~bargaining.claims.scenario_region` can
    settle the claim on a scenario's ranges. A parameter not listed keeps the claim's own range.

    ``budget``: at most this many exact model calls to shrink a counterexample to a simpler one
    (``None``: the machinery's default, 200).

    >>> from fractions import Fraction as F
    >>> from bargaining.claims import MonotoneClaim, Region
    >>> claim = MonotoneClaim("x rises", "test", Region({"x": (0, 1)}), quantity=lambda x: x, parameter="x")
    >>> claim.statement, claim.region.names
    ('x rises', ('x',))
    """

    def __post_init__(self) -> None:
        _check_common(self)

    statement: str
    principle: str
    region: Region
    source: str = field(default="", kw_only=True)
    construction: str = field(default="", kw_only=True)
    assumptions: Mapping[str, str] = field(default_factory=dict, kw_only=True)
    budget: int | None = field(default=None, kw_only=True)

    def mutated(self, **changes: Any) -> Claim:
        """The same claim with some parts replaced (a broken model, for a mutation test).

        >>> from fractions import Fraction as F
        >>> from bargaining.claims import MonotoneClaim, Region
        >>> claim = MonotoneClaim("x rises", "test", Region({"x": (0, 1)}), quantity=lambda x: x, parameter="x")
        >>> claim.mutated(statement="x never falls").statement
        'x never falls'
        """
        return replace(self, **changes)


class ClaimError(BargainingError, ValueError):
    """A claim that cannot be settled: its region is empty, its quantity is not defined at a
    point of it, or its model refuses a point. The message names the claim and the point.

    >>> raise ClaimError("q rises", "the quantity is not a number (nan)", {"x": 0})
    Traceback (most recent call last):
    ...
    bargaining.claims.claim.ClaimError: claim 'q rises': the quantity is not a number (nan) at x = 0
    """

    def __init__(self, statement: str, problem: str, point: Mapping[str, Any] | None = None) -> None:
        self.statement, self.problem, self.point = statement, problem, dict(point or {})
        where = ", ".join(f"{name} = {_show(value)}" for name, value in self.point.items())
        super().__init__(f"claim {statement!r}: {problem}" + (f" at {where}" if where else ""))

    def __reduce__(self) -> tuple[Any, ...]:
        """Rebuilt from its parts (so it crosses a process boundary intact)."""
        return (ClaimError, (self.statement, self.problem, self.point))


def _show(value: Any) -> str:
    if isinstance(value, tuple):
        return " → ".join(_show(v) for v in value)
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _check_common(claim: Claim) -> None:
    _check_budget(claim.budget)
    if not isinstance(claim.construction, str):
        raise ParameterTypeError("construction", "a sentence (str) saying why, or ''", claim.construction)
    for name, key in dict(claim.assumptions).items():
        if name not in claim.region.bounds:
            raise ParameterValueError(
                f"assumptions[{name!r}]", f"a parameter of the region {claim.region.names}", name
            )
        if not isinstance(key, str) or key.count(".") != 1:
            raise ParameterValueError(f"assumptions[{name!r}]", "a 'section.key' string", key)


def _check_budget(budget: Any) -> None:
    if budget is None:
        return
    if isinstance(budget, bool) or not isinstance(budget, int):
        raise ParameterTypeError("budget", "a whole number of model calls or None", budget)
    if budget < 1:
        raise ParameterValueError("budget", "at least 1 call (or None)", budget)


def _check_callable(name: str, value: Any) -> None:
    if not callable(value):
        raise ParameterTypeError(name, "a callable of the region's parameters", value)


@dataclass(frozen=True)
class MonotoneClaim(Claim):
    """``quantity`` moves in ``direction`` as ``parameter`` rises, everywhere in the region.

    >>> from fractions import Fraction as F
    >>> from bargaining.claims import MonotoneClaim, Region
    >>> claim = MonotoneClaim("x rises", "test", Region({"x": (0, 1)}), quantity=lambda x: x, parameter="x")
    >>> claim.violation({}, F(1, 4), F(3, 4)) is None
    True
    """

    quantity: Callable[..., Any] = field(kw_only=True)
    parameter: str = field(kw_only=True)
    direction: Direction = field(default="nondecreasing", kw_only=True)

    def __post_init__(self) -> None:
        _check_common(self)
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
        """The two values that break the claim at ``point`` between ``low < high``, or ``None``.

        >>> from fractions import Fraction as F
        >>> from bargaining.claims import MonotoneClaim, Region
        >>> falls = MonotoneClaim("1 - x rises", "test", Region({"x": (0, 1)}), quantity=lambda x: 1 - x, parameter="x")
        >>> falls.violation({}, F(1, 4), F(3, 4))
        (Fraction(3, 4), Fraction(1, 4))
        """
        before = self.quantity(**{**point, self.parameter: low})
        after = self.quantity(**{**point, self.parameter: high})
        broken = _BREAKS[self.direction](before, after)  # the one comparison (exact ones are slow)
        return (before, after) if bool(broken) else None


@dataclass(frozen=True)
class RelationClaim(Claim):
    """``left(point) relation right(point)`` everywhere in the region.

    >>> from fractions import Fraction as F
    >>> from bargaining.claims import RelationClaim, Region
    >>> claim = RelationClaim("x is at most 1", "test", Region({"x": (0, 1)}), left=lambda x: x, right=lambda x: 1 + 0 * x, relation="<=")
    >>> claim.violation({"x": F(1, 2)}) is None
    True
    """

    left: Callable[..., Any] = field(kw_only=True)
    right: Callable[..., Any] = field(kw_only=True)
    relation: Relation = field(default="==", kw_only=True)

    def __post_init__(self) -> None:
        _check_common(self)
        _check_callable("left", self.left)
        _check_callable("right", self.right)
        if self.relation not in ("==", "<=", ">="):
            raise ParameterValueError("relation", "'==', '<=' or '>='", self.relation)

    def violation(self, point: Mapping[str, Any]) -> tuple[Any, Any] | None:
        """The two sides at ``point`` if they break the relation, else ``None``.

        >>> from fractions import Fraction as F
        >>> from bargaining.claims import RelationClaim, Region
        >>> wrong = RelationClaim("x is at most 1/2", "test", Region({"x": (0, 1)}), left=lambda x: x, right=lambda x: F(1, 2) + 0 * x, relation="<=")
        >>> wrong.violation({"x": F(3, 4)})
        (Fraction(3, 4), Fraction(1, 2))
        """
        left, right = self.left(**point), self.right(**point)
        holds = _HOLDS[self.relation](left, right)
        return None if bool(holds) else (left, right)


#: what breaks a monotone claim between the quantity before and after, and what makes a relation
#: hold: only the one comparison the claim needs is made (comparing exact irrational numbers, a
#: ``LambertW`` or an ``exp``, costs sympy milliseconds).
_BREAKS: dict[str, Callable[[Any, Any], Any]] = {
    "nondecreasing": operator.gt,
    "nonincreasing": operator.lt,
    "increasing": operator.ge,
    "decreasing": operator.le,
}
_HOLDS: dict[str, Callable[[Any, Any], Any]] = {"==": operator.eq, "<=": operator.le, ">=": operator.ge}

# ruff: noqa: RUF009 - parameter() returns a dataclass field, like dataclasses.field
r"""Issue linkage: bargaining over several issues that the two sides value differently.

There are :math:`K` issues (territory, sanctions, alliance membership, arms control). A
settlement gives the coercer a share :math:`x_k \in [0, 1]` of each; the coercer values issue
:math:`k` at :math:`v^C_k \ge 0` and the target at :math:`v^T_k \ge 0`, so the utilities are

.. math:: u_C = \sum_k v^C_k x_k, \qquad u_T = \sum_k v^T_k (1 - x_k).

The Pareto frontier is a polygon: the coercer takes the issues in decreasing order of the ratio
:math:`v^C_k / v^T_k` (what it values most relative to the target), one issue at a time. War
settles every issue at once; each side expects its own war outcome (beliefs may differ: mutual
optimism) and pays its cost. A settlement exists when the frontier passes weakly above the war
point. **Linkage** can open a range where bargaining over a single issue has none: trading an
issue one side values more than the other lets both beat war (the essay's "wider issues with the
regional order").

>>> from fractions import Fraction as F
>>> linked = IssueLinkage(values_coercer=(1, F(1, 5)), values_target=(1, 1),
...                       war_coercer=(F(4, 5), 1), war_target=(F(1, 2), 1),
...                       cost_coercer=F(1, 10), cost_target=F(1, 10))
>>> linked.single_issue(0).has_settlement, linked.has_settlement
(False, True)
>>> linked.settlement()
LinkedSettlement(shares=(Fraction(1, 1), Fraction(1, 20)), coercer_utility=Fraction(101, 100), target_utility=Fraction(19, 20))
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ..core.errors import ParameterTypeError, ParameterValueError
from ..core.parameters import NONNEGATIVE, declared, parameter, setting
from ..core.values import Kind, check_nonnegative, check_probability, normalize
from .axiomatic import BargainingProblem

__all__ = ["IssueLinkage", "LinkedSettlement"]


@dataclass(frozen=True, slots=True)
class LinkedSettlement:
    """A settlement of all issues: the coercer's share of each and the two utilities.

    >>> from fractions import Fraction
    >>> link = IssueLinkage((1, Fraction(1, 2)), (Fraction(1, 2), 1), (Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2)), Fraction(1, 10), Fraction(1, 10))
    >>> link.settlement().shares
    (Fraction(1, 1), Fraction(0, 1))
    """

    shares: tuple[Any, ...]
    coercer_utility: Any
    target_utility: Any


def _as_tuple(name: str, values: Any, length: int | None) -> tuple[Any, ...]:
    try:
        items = tuple(values)
    except TypeError:
        raise ParameterValueError(name, "a sequence with one entry per issue", values) from None
    if not items or (length is not None and len(items) != length):
        expected = "a non-empty sequence" if length is None else f"a sequence of {length} entries"
        raise ParameterValueError(name, f"{expected}, one per issue", values)
    return items


@dataclass(frozen=True, slots=True)
@declared(settle=False)
class IssueLinkage:
    r"""Several issues bargained together in the shadow of war.

    Parameters
    ----------
    values_coercer, values_target : sequences of non-negative numbers
        How much each side values each issue, :math:`v^C_k, v^T_k`.
    war_coercer, war_target : sequences of probabilities
        The coercer's expected share of each issue after a war, as the coercer sees it and as
        the target sees it (equal when beliefs are common).
    cost_coercer, cost_target : non-negative
        The costs of war in utility units.

    >>> from fractions import Fraction
    >>> link = IssueLinkage((1, Fraction(1, 2)), (Fraction(1, 2), 1), (Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2)), Fraction(1, 10), Fraction(1, 10))
    >>> link.settlement()
    LinkedSettlement(shares=(Fraction(1, 1), Fraction(0, 1)), coercer_utility=Fraction(1, 1), target_utility=Fraction(1, 1))
    """

    values_coercer: tuple[Any, ...] = setting("how much the coercer values each issue (non-negative)")
    values_target: tuple[Any, ...] = setting("how much the target values each issue (non-negative)")
    war_coercer: tuple[Any, ...] = setting(
        "the coercer's expected share of each issue after a war, as it sees it"
    )
    war_target: tuple[Any, ...] = setting(
        "the coercer's expected share of each issue after a war, as the target sees it"
    )
    cost_coercer: Any = parameter(
        NONNEGATIVE, "the coercer's cost of war", "utility (stake units)", default=0
    )
    cost_target: Any = parameter(NONNEGATIVE, "the target's cost of war", "utility (stake units)", default=0)
    kind: Kind = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        count = len(_as_tuple("values_coercer", self.values_coercer, None))
        sequences = {
            name: _as_tuple(name, getattr(self, name), count)
            for name in ("values_coercer", "values_target", "war_coercer", "war_target")
        }
        named = {f"{name}[{k}]": value for name, items in sequences.items() for k, value in enumerate(items)}
        named |= {"cost_coercer": self.cost_coercer, "cost_target": self.cost_target}
        values, kind = normalize(named)
        if kind not in ("exact", "float"):
            raise ParameterTypeError(
                "values_coercer",
                "exact or float numbers (issues are ordered by value ratios)",
                self.values_coercer,
            )
        for name, value in values.items():
            (check_probability if name.startswith("war") else check_nonnegative)(name, value)
        for name in sequences:
            object.__setattr__(self, name, tuple(values[f"{name}[{k}]"] for k in range(count)))
        object.__setattr__(self, "cost_coercer", values["cost_coercer"])
        object.__setattr__(self, "cost_target", values["cost_target"])
        object.__setattr__(self, "kind", kind)

    @property
    def war_payoffs(self) -> tuple[Any, Any]:
        """Each side's expected utility of war, by its own beliefs.

        >>> from fractions import Fraction
        >>> link = IssueLinkage((1, Fraction(1, 2)), (Fraction(1, 2), 1), (Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2)), Fraction(1, 10), Fraction(1, 10))
        >>> link.war_payoffs
        (Fraction(13, 20), Fraction(13, 20))
        """
        war_c = sum(v * w for v, w in zip(self.values_coercer, self.war_coercer)) - self.cost_coercer
        war_t = sum(v * (1 - w) for v, w in zip(self.values_target, self.war_target)) - self.cost_target
        return war_c, war_t

    def _order(self) -> list[int]:
        """Issues in the order the coercer takes them along the frontier (best ratio first)."""

        def key(k: int) -> tuple[int, Any]:
            vc, vt = self.values_coercer[k], self.values_target[k]
            return (
                (0, -vc)
                if vt == 0
                else (1, -Fraction(vc) / Fraction(vt) if self.kind == "exact" else -vc / vt)
            )

        return sorted(range(len(self.values_coercer)), key=key)

    def frontier(self) -> list[tuple[Any, Any]]:
        """Vertices of the utility frontier, from the target getting everything to the coercer.

        >>> from fractions import Fraction
        >>> link = IssueLinkage((1, Fraction(1, 2)), (Fraction(1, 2), 1), (Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2)), Fraction(1, 10), Fraction(1, 10))
        >>> link.frontier()
        [(Fraction(0, 1), Fraction(3, 2)), (Fraction(1, 1), Fraction(1, 1)), (Fraction(3, 2), Fraction(0, 1))]
        """
        u_c = 0 * self.cost_coercer
        u_t = sum(self.values_target) + 0 * self.cost_target
        vertices = [(u_c, u_t)]
        for k in self._order():
            u_c, u_t = u_c + self.values_coercer[k], u_t - self.values_target[k]
            vertices.append((u_c, u_t))
        return vertices

    def single_issue(self, issue: int) -> IssueLinkage:
        """Bargaining over issue ``issue`` alone, every other issue left to its war outcome.

        The other issues are settled as each side expects war to settle them whether or not
        the deal is struck, so their value cancels from both sides of every comparison and the
        problem is the issue's own.

        >>> from fractions import Fraction
        >>> link = IssueLinkage((1, Fraction(1, 2)), (Fraction(1, 2), 1), (Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2)), Fraction(1, 10), Fraction(1, 10))
        >>> link.single_issue(0).has_settlement
        True
        """
        if isinstance(issue, bool) or not isinstance(issue, int) or not 0 <= issue < len(self.values_coercer):
            raise ParameterValueError(
                "issue", f"an issue index in [0, {len(self.values_coercer) - 1}]", issue
            )
        return IssueLinkage(
            (self.values_coercer[issue],),
            (self.values_target[issue],),
            (self.war_coercer[issue],),
            (self.war_target[issue],),
            self.cost_coercer,
            self.cost_target,
        )

    @property
    def has_settlement(self) -> bool:
        """Whether some settlement gives both sides at least their war payoff.

        >>> from fractions import Fraction
        >>> link = IssueLinkage((1, Fraction(1, 2)), (Fraction(1, 2), 1), (Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2)), Fraction(1, 10), Fraction(1, 10))
        >>> link.has_settlement
        True
        """
        war_c, war_t = self.war_payoffs
        vertices = self.frontier()
        if war_c > vertices[-1][0] or (war_c < vertices[0][0] and war_t > vertices[0][1]):
            return False
        if war_c <= vertices[0][0]:
            return bool(vertices[0][1] >= war_t)
        for (c0, t0), (c1, t1) in itertools.pairwise(vertices):
            if c0 <= war_c <= c1:
                return bool(t0 + (war_c - c0) * (t1 - t0) / (c1 - c0) >= war_t)
        raise AssertionError("war payoff outside the frontier's span")  # pragma: no cover

    def problem(self) -> BargainingProblem:
        """The bargaining problem over utilities, with the war payoffs as disagreement point.

        >>> from fractions import Fraction
        >>> link = IssueLinkage((1, Fraction(1, 2)), (Fraction(1, 2), 1), (Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2)), Fraction(1, 10), Fraction(1, 10))
        >>> link.problem().disagreement
        (Fraction(13, 20), Fraction(13, 20))
        """
        return BargainingProblem(tuple(self.frontier()), disagreement=self.war_payoffs)

    def allocation(self, coercer_utility: Any) -> tuple[Any, ...]:
        """The shares of the issues that give the coercer ``coercer_utility`` on the frontier.

        >>> from fractions import Fraction
        >>> link = IssueLinkage((1, Fraction(1, 2)), (Fraction(1, 2), 1), (Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2)), Fraction(1, 10), Fraction(1, 10))
        >>> link.allocation(Fraction(3, 2))
        (Fraction(1, 1), Fraction(1, 1))
        """
        shares = [0 * self.cost_coercer for _ in self.values_coercer]
        remaining = coercer_utility
        for k in self._order():
            value = self.values_coercer[k]
            if value == 0:
                continue
            take = remaining / value if remaining < value else 1 + 0 * remaining
            shares[k] = take
            remaining -= take * value
            if remaining <= 0:
                break
        return tuple(shares)

    def settlement(self, weight: Any = Fraction(1, 2)) -> LinkedSettlement:
        """The (weighted) Nash settlement of the linked problem, issue by issue.

        >>> from fractions import Fraction
        >>> link = IssueLinkage((1, Fraction(1, 2)), (Fraction(1, 2), 1), (Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2)), Fraction(1, 10), Fraction(1, 10))
        >>> link.settlement(Fraction(1, 3)).coercer_utility
        Fraction(1, 1)
        """
        point = self.problem().nash(weight)
        return LinkedSettlement(self.allocation(point.first), point.first, point.second)

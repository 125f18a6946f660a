r"""Shifting power when one side makes every offer (Powell 2006): who proposes decides who is bought off.

**Setting.** The power path, war values and units of :class:`~bargaining.commitment.PowerPath`
(:math:`w_C(t) = p_t - \kappa_C`, :math:`w_T(t) = 1 - p_t - \kappa_T`, the whole flow worth 1), but
bargaining has a protocol: in every period the **proposer** offers the **responder** a share
:math:`y_t` of that period's flow; the responder accepts or fights; the proposer may fight instead
of offering. War is absorbing, as before. :class:`~bargaining.commitment.PowerPath` asks whether
*any* self-enforcing division exists; here the division must also be what the proposer offers in
a subgame-perfect equilibrium, and a proposer cannot commit to more tomorrow than it will then
need to offer.

**The responder is held to its minimum.** The proposer offers exactly what makes the responder
indifferent, so the responder's value is its least continuation value
(:func:`~bargaining.commitment.specification.derive_proposer_path`)

.. math:: \mu^R_t = \max\bigl(w_R(t), \delta\,\mu^R_{t+1}\bigr), \qquad
          y_t = \max\Bigl(0, \frac{w_R(t) - \delta\,\mu^R_{t+1}}{1 - \delta}\Bigr),

and peace holds **iff** for every :math:`t` (with :math:`\mu^R_{T+1} = \mu^R_T` in the tail)

.. math:: w_R(t) \le (1 - \delta) + \delta\,\mu^R_{t+1} \quad\text{and}\quad
          w_P(t) + \mu^R_t \le 1 .

The first is Powell's (2006) condition for the declining state's war when the rising state
proposes: the declining state fights when its war value exceeds the whole flow today plus the
minimum it will be offered from tomorrow on; the rising state cannot credibly commit to offers
worth its war value. The second is the proposer's own war (a declining proposer's preventive war).
With the rising coercer proposing, a one-step shift :math:`p_0 \to p_1` (with :math:`w_T(1) \ge 0`)
brings war iff :math:`\delta p_1 > p_0 + (1 - \delta)\kappa_T`; with the declining target
proposing it is :class:`~bargaining.commitment.PowerShift`'s test. A path peaceful here is
peaceful for :class:`~bargaining.commitment.PowerPath` (the offers are a self-enforcing division),
not conversely.

When the test fails, the game is solved backward with war wherever the proposer's best offer is
refused or worth less to it than war, and the first such period is when war comes.

>>> from fractions import Fraction
>>> from bargaining.commitment import PowerPath
>>> path = PowerPath([Fraction(1, 2), Fraction(3, 5)], discount=Fraction(9, 10),
...                  cost_coercer=Fraction(1, 20), cost_target=Fraction(1, 20))
>>> path.is_peaceful(), ProposerPath(path, "coercer").is_peaceful(), ProposerPath(path, "target").is_peaceful()
(True, False, True)
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from ..core.errors import ParameterValueError
from .power_path import TOLERANCE, PowerPath

__all__ = ["ProposerPath", "ProposerPathSolution"]

Side = Literal["coercer", "target"]


@dataclass(frozen=True, slots=True)
class ProposerPathSolution:
    """The equilibrium when one side makes every offer.

    Attributes
    ----------
    is_peaceful : bool or bool array
        Whether peace holds for ever on the path of play.
    war_period : int, float or array
        The first period of war on the path of play (``math.inf`` when none).
    offers : path
        The responder's share :math:`y_t` offered in each period before the war (``nan`` from the
        war on in arrays, cut at the war in tuples).
    responder_value, proposer_value : scalar or array
        Each side's normalised value of the game at period 0.

    >>> from fractions import Fraction
    >>> from bargaining.commitment import PowerPath
    >>> path = PowerPath([Fraction(1, 2), Fraction(3, 5)], discount=Fraction(9, 10), cost_coercer=Fraction(1, 20), cost_target=Fraction(1, 20))
    >>> ProposerPath(path, "target").solve().is_peaceful
    True
    """

    is_peaceful: Any
    war_period: Any
    offers: Any
    responder_value: Any
    proposer_value: Any


@dataclass(frozen=True, slots=True)
class ProposerPath:
    r"""A power path on which ``proposer`` (``"coercer"`` or ``"target"``) makes every offer.

    Parameters
    ----------
    path : PowerPath
        The power path, discount and costs of war.
    proposer : {"coercer", "target"}
        The side that makes every offer; Powell's (2006) rising state proposes when it is the side
        whose power grows along the path.

    Examples
    --------
    Powell (2006): the rising coercer holds the declining target to its war value from tomorrow
    on, so a shift the target could be bought off for when it proposes brings war:

    >>> from fractions import Fraction
    >>> from bargaining.commitment import PowerPath
    >>> path = PowerPath([Fraction(1, 2), Fraction(3, 5)], Fraction(9, 10), Fraction(1, 20), Fraction(1, 20))
    >>> ProposerPath(path, "coercer").solve().war_period, ProposerPath(path, "target").solve().offers
    (0, (Fraction(0, 1), Fraction(11, 20)))
    """

    path: PowerPath
    proposer: Side

    def __post_init__(self) -> None:
        if not isinstance(self.path, PowerPath):
            from ..core.errors import ParameterTypeError

            raise ParameterTypeError("path", "a PowerPath", self.path)
        if self.proposer not in ("coercer", "target"):
            raise ParameterValueError("proposer", '"coercer" or "target"', self.proposer)

    def _war_values(self) -> tuple[Any, Any]:
        """(proposer's, responder's) war values in each period."""
        war_c, war_t = self.path.war_values()
        return (war_c, war_t) if self.proposer == "coercer" else (war_t, war_c)

    def responder_minimum(self) -> Any:
        r"""The responder's least continuation value in each period under peace, :math:`\mu^R_t`.

        >>> from fractions import Fraction
        >>> from bargaining.commitment import PowerPath
        >>> path = PowerPath([Fraction(1, 2), Fraction(3, 5)], discount=Fraction(9, 10), cost_coercer=Fraction(1, 20), cost_target=Fraction(1, 20))
        >>> ProposerPath(path, "coercer").responder_minimum()
        (Fraction(9, 20), Fraction(7, 20))
        """
        minimum_c, minimum_t = self.path.minimum_values()
        return minimum_t if self.proposer == "coercer" else minimum_c

    def is_peaceful(self) -> Any:
        """Whether peace holds for ever: a bool, a bool array (one per path) or a sympy relation.

        >>> from bargaining.commitment import PowerPath
        >>> ProposerPath(PowerPath([0.3, 0.32], 0.9, 0.05, 0.05), "coercer").is_peaceful()
        True
        """
        war_p, war_r = self._war_values()
        minimum = self.responder_minimum()
        delta, kind = self.path.discount, self.path.kind
        if kind == "array":
            ahead = np.concatenate([minimum[..., 1:], minimum[..., -1:]], axis=-1)
            bought = war_r <= (1 - delta) + delta * ahead + TOLERANCE
            content = war_p + minimum <= 1 + TOLERANCE
            verdict = np.all(bought & content, axis=-1)
            return bool(verdict) if np.ndim(verdict) == 0 else verdict
        following = (*minimum[1:], minimum[-1])
        conditions = [
            (r, (1 - delta) + delta * nxt, p + m) for p, r, m, nxt in zip(war_p, war_r, minimum, following)
        ]
        if kind == "symbolic":
            import sympy

            return sympy.And(*(sympy.Le(r, most) & sympy.Le(total, 1) for r, most, total in conditions))
        return all(r <= most and total <= 1 for r, most, total in conditions)

    def solve(self) -> ProposerPathSolution:
        """The equilibrium by backward induction: the offers, the first period of war, the values.

        Exact paths are solved exactly; a stack of paths (2-D array) is solved row-wise in one pass
        over the periods (the recursion runs backward in time, so time is the only loop).

        >>> from bargaining.commitment import PowerPath
        >>> solution = ProposerPath(PowerPath([0.2, 0.9], 0.9), "target").solve()
        >>> solution.war_period, solution.responder_value
        (0, 0.2)
        """
        if self.path.kind == "symbolic":
            raise NotImplementedError("the equilibrium needs numbers; use is_peaceful() for symbols")
        if self.path.kind == "array":
            return self._solve_arrays()
        war_p, war_r = self._war_values()
        delta = self.path.discount
        last = len(war_p) - 1
        # the stationary tail is always peaceful: the offer max(0, w_R) is at most 1 and leaves the
        # proposer 1 - max(0, w_R) >= w_P, since w_P + w_R = 1 - kappa_C - kappa_T <= 1
        responder = max(war_r[last], 0 * war_r[last])
        value_p, value_r, offers, first = 1 - responder, responder, [responder], math.inf
        for t in range(last - 1, -1, -1):
            offer = max((war_r[t] - delta * value_r) / (1 - delta), 0 * value_r)
            peace_p = (1 - delta) * (1 - offer) + delta * value_p
            if offer > 1 or peace_p < war_p[t]:
                value_p, value_r, offers, first = war_p[t], war_r[t], [], t
            else:
                value_p, value_r = peace_p, (1 - delta) * offer + delta * value_r
                offers.insert(0, offer)
        return ProposerPathSolution(first == math.inf, first, tuple(offers), value_r, value_p)

    def _solve_arrays(self) -> ProposerPathSolution:
        war_p, war_r = (np.atleast_2d(np.asarray(values, dtype=float)) for values in self._war_values())
        delta = float(self.path.discount)
        rows, periods = war_p.shape
        offers = np.full((rows, periods), np.nan)
        responder = np.maximum(war_r[:, -1], 0.0)  # the tail is always peaceful (see solve)
        value_p, value_r = 1 - responder, responder
        first = np.full(rows, np.inf)
        offers[:, -1] = responder
        for t in range(periods - 2, -1, -1):
            offer = np.maximum((war_r[:, t] - delta * value_r) / (1 - delta), 0.0)
            peace_p = (1 - delta) * (1 - offer) + delta * value_p
            war = (offer > 1 + TOLERANCE) | (peace_p < war_p[:, t] - TOLERANCE)
            value_r = np.where(war, war_r[:, t], (1 - delta) * offer + delta * value_r)
            value_p = np.where(war, war_p[:, t], peace_p)
            first = np.where(war, float(t), first)
            offers[:, t] = np.where(war, np.nan, offer)
        # the path of play stops at the first war: later offers are never made
        later = np.arange(periods)[None, :] >= first[:, None]
        offers = np.where(later, np.nan, offers)
        peaceful = np.isinf(first)
        if np.ndim(self.path.power) == 1:
            war_period = math.inf if peaceful[0] else int(first[0])
            return ProposerPathSolution(
                bool(peaceful[0]), war_period, offers[0], float(value_r[0]), float(value_p[0])
            )
        return ProposerPathSolution(peaceful, first, offers, value_r, value_p)

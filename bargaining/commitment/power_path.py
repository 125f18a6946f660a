# ruff: noqa: RUF009 - parameter() returns a dataclass field, like dataclasses.field
r"""Shifting power: war as a commitment problem on an arbitrary power path (Powell 2006; Krainin 2017).

**Setting.** Two sides, the coercer C and the target T, divide a flow of 1 per period forever. In
period :math:`t` C wins a war begun then with probability :math:`p_t` (``power``); the path
:math:`p_0, \dots, p_T` is given and ends in a stationary tail, :math:`p_t = p_T` for
:math:`t \ge T`. War is absorbing and locks in the current odds: begun in :math:`t` it gives C the
expected flow :math:`p_t` in every later period, minus a per-period cost :math:`c_C`
(``cost_coercer``) and a one-time cost :math:`k_C` (``one_time_cost_coercer``, in units of one
period's flow); likewise for T. Payoffs are discounted by :math:`\delta` and normalised by
:math:`1 - \delta`, so that the whole flow is worth 1. The war values at :math:`t` are then
(:func:`~bargaining.commitment.specification.derive_war_values`)

.. math:: w_C(t) = p_t - \kappa_C, \quad w_T(t) = 1 - p_t - \kappa_T, \qquad
          \kappa_i = c_i + (1 - \delta)\,k_i .

Peace is a division :math:`x_t \in [0, 1]` of each period's flow (C's share) whose continuation
value :math:`V_t = (1 - \delta)\,x_t + \delta V_{t+1}` keeps both sides out of war in every period:
:math:`w_C(t) \le V_t \le 1 - w_T(t)` for all :math:`t` (either side can start a war at any
time, so these constraints are necessary; with complete information they are also sufficient).

**The exact test.** Let :math:`\mu^C_t` be the least continuation value C must be promised at
:math:`t` and :math:`\mu^T_t` the least for T. Backward from the tail,

.. math:: \mu^i_T = \max(0, w_i(T)), \qquad \mu^i_t = \max\bigl(w_i(t), \delta\,\mu^i_{t+1}\bigr)
          = \max\Bigl(0, \max_{t \le s \le T} \delta^{s-t} w_i(s)\Bigr),

because a value :math:`V` at :math:`t` can be reached from exactly the values in
:math:`[(V - (1 - \delta))/\delta, V/\delta]` at :math:`t + 1`. Peace is possible **iff**

.. math:: \mu^C_t + \mu^T_t \le 1 \quad \text{for every } t,

that is iff no side's war value at :math:`t` exceeds what the flow can give it after the other
side has been promised its own future war values. The test is :math:`O(T)` (a discounted suffix
maximum, vectorised in blocks) and exact for any path, not only for one-step shifts. The most the
target can be offered at :math:`t` is :math:`1 - \mu^C_t`; the least it must be, :math:`\mu^T_t`.

**When war comes.** When the test fails, the game is solved backward with peace whenever a
peaceful division exists given the continuation: the latest failing period is a war; before it
the sides bargain in its shadow (the total to divide is then :math:`1 - \delta^{\tau-t}\kappa`,
:math:`\kappa = \kappa_C + \kappa_T`), and a period that fails against that continuation is an
earlier war. The first such period is when war comes on the path of play. A shift can therefore
cause war only after a delay: the declining side waits for the last period before the shift.

**A slow decline** (Krainin 2017): the one-step test of Powell (2006) asks, for each period, whether
the shift :math:`p_t \to p_{t+1}` alone would cause war (:class:`PowerShift`). A persistent decline
can pass every one-step test and still cause war, because what binds is the *cumulative* shift
:math:`\delta^{s-t} w_C(s) + w_T(t) > 1`:

>>> from fractions import Fraction
>>> slow = PowerPath([Fraction(k, 10) for k in range(11)], discount=Fraction(9, 10),
...                  cost_target=Fraction(1, 10))
>>> all(slow.one_step_verdicts())
True
>>> slow.is_peaceful()
False
>>> slow.solve().war_period
0

A single large shift after five quiet periods causes war in period 4, not at once:

>>> PowerPath([Fraction(1, 5)] * 5 + [Fraction(4, 5)], discount=Fraction(9, 10),
...           cost_coercer=Fraction(1, 20), cost_target=Fraction(1, 20)).solve().war_period
4
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from ..core.constructors import slot_init
from ..core.errors import Description, ParameterValueError
from ..core.parameters import DISCOUNT, NONNEGATIVE, PROBABILITY, declared, parameter, plan_of
from ..core.values import Kind, maximum
from .power_path_settle import _SHORT, PathKind, _settle_path
from .power_shift import _COST_MEANING, _FLOW, _ONCE_MEANING, PowerShift

__all__ = ["TOLERANCE", "PowerPath", "PowerPathSolution"]

#: For float paths, a slack above ``-TOLERANCE`` counts as peace (ties within rounding error are
#: resolved in favour of peace). Exact paths are decided exactly.
TOLERANCE = 1e-10
_ZERO = Fraction(0)

_BLOCK = 512
_COSTS = ("cost_coercer", "cost_target", "one_time_cost_coercer", "one_time_cost_target")


@slot_init
@dataclass(frozen=True, slots=True)
class PowerPathSolution:
    """The verdict on a power path and the values behind it.

    Attributes
    ----------
    is_peaceful : bool or bool array
        Whether a peaceful division exists (one verdict per path for a 2-D ``power``).
    war_period : int, float or array
        The first period of war on the path of play; ``math.inf`` (``inf`` in arrays) when peace
        holds for ever.
    coercer_minimum, target_minimum : path
        :math:`\\mu^C_t` and :math:`\\mu^T_t`, the least continuation value each side must be
        promised at :math:`t` under permanent peace (normalised; the whole flow is worth 1).
    slack : path
        :math:`1 - \\mu^C_t - \\mu^T_t`; peace is possible iff it is never negative.

    >>> from fractions import Fraction
    >>> path = PowerPath([Fraction(1, 2), Fraction(3, 5)], discount=Fraction(9, 10), cost_coercer=Fraction(1, 20), cost_target=Fraction(1, 20))
    >>> path.solve().is_peaceful
    True
    """

    is_peaceful: Any
    war_period: Any
    coercer_minimum: Any
    target_minimum: Any
    slack: Any

    @property
    def target_maximum(self) -> Any:
        """The most the target can be offered at each period, :math:`1 - \\mu^C_t`.

        >>> from fractions import Fraction
        >>> path = PowerPath([Fraction(1, 2), Fraction(3, 5)], discount=Fraction(9, 10), cost_coercer=Fraction(1, 20), cost_target=Fraction(1, 20))
        >>> path.solve().target_maximum
        (Fraction(101, 200), Fraction(9, 20))
        """
        return _map(lambda value: 1 - value, self.coercer_minimum)

    @property
    def coercer_maximum(self) -> Any:
        """The most the coercer can be offered at each period, :math:`1 - \\mu^T_t`.

        >>> from fractions import Fraction
        >>> path = PowerPath([Fraction(1, 2), Fraction(3, 5)], discount=Fraction(9, 10), cost_coercer=Fraction(1, 20), cost_target=Fraction(1, 20))
        >>> path.solve().coercer_maximum
        (Fraction(11, 20), Fraction(13, 20))
        """
        return _map(lambda value: 1 - value, self.target_minimum)


def _map(function: Any, path: Any) -> Any:
    if isinstance(path, np.ndarray):
        return function(path)
    return tuple(function(value) for value in path)


# ------------------------------------------------ normalisation (the steps: power_path_settle.py)


@functools.cache
def _scalar_checks() -> dict[str, Any]:
    """The checks of :class:`PowerPath`'s scalar fields (every declared field but the path)."""
    return {name: check for name, check in plan_of(PowerPath).checks.items() if name != "power"}


# --------------------------------------------------------------------------- the two recursions


def _suffix_minimum(war: np.ndarray, discount: float) -> np.ndarray:
    r""":math:`\max(0, \max_{s \ge t} \delta^{s-t} w_s)` along the last axis, in blocks.

    Inside a block of ``_BLOCK`` periods the discounted maximum is a reverse cumulative maximum of
    :math:`\log w_s + s \log\delta` (small exponents, so no loss of precision); a short backward
    loop over the blocks carries the value at each block's start into the block before it. A
    path shorter than a block is one block of its own length (the padding would only add
    entries that are trimmed, and the steps are elementwise, so the values are the same).
    """
    length = war.shape[-1]
    lead = war.shape[:-1]
    blocks = -(-length // _BLOCK)
    width = _BLOCK if blocks > 1 else length  # one block: no padding (every step is elementwise)
    if blocks == 1:
        values = war.reshape((*lead, 1, length))
    else:
        padded = np.zeros((*lead, blocks * width))
        padded[..., :length] = war
        values = padded.reshape((*lead, blocks, width))
    log_discount = math.log(discount)
    offsets = np.arange(width) * log_discount
    positive = values > 0
    logs = np.where(positive, np.log(np.where(positive, values, 1.0)) + offsets, -np.inf)
    running_max = np.maximum.accumulate(logs[..., ::-1], axis=-1)[..., ::-1]
    local = np.exp(running_max - offsets)  # exp(-inf) = 0 where no positive value lies ahead
    if blocks == 1:  # nothing to carry: the maximum with the zero carry would return ``local`` (>= 0)
        single: np.ndarray = local.reshape((*lead, length))
        return single
    carry = np.zeros((*lead, blocks))
    decay = discount**width
    running = np.zeros(lead)
    for block in range(blocks - 1, -1, -1):
        carry[..., block] = running
        running = np.maximum(local[..., block, 0], decay * running)
    weights = discount ** (width - np.arange(width, dtype=float))
    result: np.ndarray = np.maximum(local, carry[..., None] * weights)
    trimmed: np.ndarray = result.reshape((*lead, blocks * width))[..., :length]
    return trimmed


def _larger(first: Any, second: Any) -> Any:
    """The larger of two numbers, the first of equals, as :func:`~bargaining.core.values.maximum`
    keeps it (a Python function costs less than the built-in ``max`` of two arguments)."""
    return first if first >= second else second


def _sequential_minima(
    power: Sequence[Any], cost_c: Any, cost_t: Any, discount: Any, kind: Kind, slack: bool
) -> tuple[list[Any], list[Any], list[Any]]:
    r""":math:`\mu^C_t`, :math:`\mu^T_t` and (if ``slack``) :math:`1 - \mu^C_t - \mu^T_t` by the
    recursion, in one backward pass, for a path held as a sequence (exact, symbolic, or one
    short float path as Python floats)."""
    larger = _larger if kind != "symbolic" else functools.partial(maximum, kind)
    last = power[-1]
    zero = _ZERO if kind == "exact" else 0 * last  # exact: the zero 0 * p would build
    coercer, target = larger(last - cost_c, zero), larger(1 - last - cost_t, zero)
    minimum_c, minimum_t, gaps = [coercer], [target], [1 - coercer - target] if slack else []
    for value in power[-2::-1]:
        coercer = larger(value - cost_c, discount * coercer)
        target = larger(1 - value - cost_t, discount * target)
        minimum_c.append(coercer)
        minimum_t.append(target)
        if slack:
            gaps.append(1 - coercer - target)
    for found in (minimum_c, minimum_t, gaps):
        found.reverse()
    return minimum_c, minimum_t, gaps


@slot_init
@dataclass(frozen=True, slots=True)
@declared(settle=False)
class PowerPath:
    r"""A division of a per-period flow under a shifting distribution of power.

    Parameters
    ----------
    power : sequence of probabilities, or a 2-D array
        The coercer's probability of winning a war begun in each period, :math:`p_0, \dots, p_T`;
        the last value holds for ever. A 2-D array is a stack of paths (one per row), decided at
        once. Ints and Fractions are exact; floats and arrays are floats; sympy symbols give
        expressions.
    discount : discount factor
        :math:`\delta \in (0, 1)`.
    cost_coercer, cost_target : non-negative
        Per-period costs of war, in units of the per-period flow.
    one_time_cost_coercer, one_time_cost_target : non-negative
        Costs paid once when war starts, in units of one period's flow.

    Examples
    --------
    Powell (2006): a large, rapid shift in power causes war; a small one does not.

    >>> from fractions import Fraction
    >>> PowerPath([Fraction(1, 2), Fraction(9, 10)], discount=Fraction(9, 10),
    ...           cost_coercer=Fraction(1, 20), cost_target=Fraction(1, 20)).is_peaceful()
    False
    >>> PowerPath([Fraction(1, 2), Fraction(11, 20)], discount=Fraction(9, 10),
    ...           cost_coercer=Fraction(1, 20), cost_target=Fraction(1, 20)).is_peaceful()
    True
    """

    power: Any = parameter(
        PROBABILITY, "the coercer's probability of winning a war begun in each period (a path)", "probability"
    )
    discount: Any = parameter(DISCOUNT, "the per-period discount factor")
    cost_coercer: Any = parameter(NONNEGATIVE, _COST_MEANING.format("coercer"), _FLOW, default=0)
    cost_target: Any = parameter(NONNEGATIVE, _COST_MEANING.format("target"), _FLOW, default=0)
    one_time_cost_coercer: Any = parameter(NONNEGATIVE, _ONCE_MEANING.format("coercer"), _FLOW, default=0)
    one_time_cost_target: Any = parameter(NONNEGATIVE, _ONCE_MEANING.format("target"), _FLOW, default=0)
    kind: PathKind = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        _settle_path(self, _scalar_checks())

    # -- the pieces -----------------------------------------------------------------------------

    @property
    def periods(self) -> int:
        """The number of periods given, :math:`T + 1` (the last one is the stationary tail).

        >>> from fractions import Fraction
        >>> path = PowerPath([Fraction(1, 2), Fraction(3, 5)], discount=Fraction(9, 10), cost_coercer=Fraction(1, 20), cost_target=Fraction(1, 20))
        >>> path.periods
        2
        """
        return int(np.shape(self.power)[-1]) if self.kind == "array" else len(self.power)

    @property
    def war_costs(self) -> tuple[Any, Any]:
        r"""The normalised total costs of war, :math:`\kappa_i = c_i + (1 - \delta) k_i`.

        >>> from fractions import Fraction
        >>> path = PowerPath([Fraction(1, 2), Fraction(3, 5)], discount=Fraction(9, 10), cost_coercer=Fraction(1, 20), cost_target=Fraction(1, 20))
        >>> path.war_costs
        (Fraction(1, 20), Fraction(1, 20))
        """
        if self.kind == "exact" and not (self.one_time_cost_coercer or self.one_time_cost_target):
            return self.cost_coercer, self.cost_target  # no one-time costs: exactly the same sums
        slack = 1 - self.discount
        return (
            self.cost_coercer + slack * self.one_time_cost_coercer,
            self.cost_target + slack * self.one_time_cost_target,
        )

    def war_values(self) -> tuple[Any, Any]:
        r"""Each side's normalised value of starting a war in each period, :math:`(w_C(t), w_T(t))`.

        >>> from fractions import Fraction
        >>> path = PowerPath([Fraction(1, 2), Fraction(3, 5)], discount=Fraction(9, 10), cost_coercer=Fraction(1, 20), cost_target=Fraction(1, 20))
        >>> path.war_values()
        ((Fraction(9, 20), Fraction(11, 20)), (Fraction(9, 20), Fraction(7, 20)))
        """
        cost_c, cost_t = self.war_costs
        if self.kind == "array":
            return self.power - cost_c, 1 - self.power - cost_t
        return tuple(value - cost_c for value in self.power), tuple(
            1 - value - cost_t for value in self.power
        )

    def _short(self) -> list[float] | None:
        """The path as Python floats if it is one float path of at most ``_SHORT`` periods, else ``None``."""
        power = self.power
        if self.kind == "array" and power.ndim == 1 and power.shape[0] <= _SHORT:
            short: list[float] = power.tolist()
            return short
        return None

    def _sequences(self, power: Sequence[Any], slack: bool = True) -> tuple[list[Any], ...]:
        kind: Kind = "float" if self.kind == "array" else self.kind  # a sequence: exact, symbols, or floats
        return _sequential_minima(power, *self.war_costs, self.discount, kind, slack)

    def minimum_values(self) -> tuple[Any, Any]:
        r"""The least continuation value each side must be promised in each period, :math:`(\mu^C_t, \mu^T_t)`.

        >>> from fractions import Fraction
        >>> path = PowerPath([Fraction(1, 2), Fraction(3, 5)], discount=Fraction(9, 10), cost_coercer=Fraction(1, 20), cost_target=Fraction(1, 20))
        >>> path.minimum_values()
        ((Fraction(99, 200), Fraction(11, 20)), (Fraction(9, 20), Fraction(7, 20)))
        """
        short = self._short()
        if self.kind == "array" and short is None:
            war_c, war_t = self.war_values()
            return _suffix_minimum(war_c, self.discount), _suffix_minimum(war_t, self.discount)
        minimum_c, minimum_t, _ = self._sequences(self.power if short is None else short, slack=False)
        if short is None:
            return tuple(minimum_c), tuple(minimum_t)
        return np.array(minimum_c), np.array(minimum_t)

    def _slack(self) -> tuple[Any, Any, Any]:
        short = self._short()
        if self.kind == "array" and short is None:
            minimum_c, minimum_t = self.minimum_values()
            return minimum_c, minimum_t, 1 - minimum_c - minimum_t
        values = self._sequences(self.power if short is None else short)
        return tuple(tuple(value) if short is None else np.array(value) for value in values)  # type: ignore[return-value]

    # -- the verdicts ---------------------------------------------------------------------------

    def is_peaceful(self) -> Any:
        """Whether a peaceful division of the flow exists: :math:`\\mu^C_t + \\mu^T_t \\le 1` for all :math:`t`.

        A bool for one path, a bool array for a stack, a sympy relation for symbols.

        >>> PowerPath([0.3, 0.4, 0.5], discount=0.9, cost_target=0.2).is_peaceful()
        True
        """
        _, _, slack = self._slack()
        if self.kind == "array":
            verdict = np.all(slack >= -TOLERANCE, axis=-1)
            return bool(verdict) if slack.ndim == 1 else verdict
        if self.kind == "symbolic":
            import sympy

            return sympy.And(*(sympy.Ge(value, 0) for value in slack))
        return all(value >= 0 for value in slack)

    def one_step_verdicts(self) -> Any:
        """Powell's one-step test for each period: would the shift :math:`p_t \\to p_{t+1}` alone be peaceful?

        >>> PowerPath([0.2, 0.9], discount=0.9).one_step_verdicts()
        (False,)
        """
        before = self.power[..., :-1] if self.kind == "array" else self.power[:-1]
        after = self.power[..., 1:] if self.kind == "array" else self.power[1:]
        if self.kind == "array":
            shift = PowerShift(before, after, self.discount, *(getattr(self, n) for n in _COSTS))
            verdict = shift.is_peaceful()
            return tuple(bool(v) for v in verdict) if np.ndim(self.power) == 1 else verdict
        return tuple(
            PowerShift(a, b, self.discount, *(getattr(self, n) for n in _COSTS)).is_peaceful()
            for a, b in zip(before, after)
        )

    def solve(self) -> PowerPathSolution:
        """The verdict, the first period of war on the path of play, and each side's minimum values.

        >>> from fractions import Fraction
        >>> solution = PowerPath([Fraction(1, 2), Fraction(3, 5)], discount=Fraction(1, 2)).solve()
        >>> solution.is_peaceful, solution.war_period, solution.target_maximum
        (True, inf, (Fraction(1, 2), Fraction(2, 5)))
        """
        if self.kind == "symbolic":
            raise NotImplementedError("the period of war needs numbers; use is_peaceful() for symbols")
        short = self._short()
        if self.kind == "array" and short is None:
            minimum_c, minimum_t, slack = self._slack()
            verdict = np.all(slack >= -TOLERANCE, axis=-1)
            if slack.ndim == 1:
                war = math.inf if verdict else self._war_period_scalar(slack)
                return PowerPathSolution(bool(verdict), war, minimum_c, minimum_t, slack)
            return PowerPathSolution(verdict, self._war_periods_stack(verdict), minimum_c, minimum_t, slack)
        if short is None:  # exact: each slack >= 0, read in integers
            minimum_c, minimum_t, slack = self._sequences(self.power)
            peaceful = all(value.numerator >= 0 for value in slack)
            war = math.inf if peaceful else self._war_period_scalar(slack)
            return PowerPathSolution(peaceful, war, tuple(minimum_c), tuple(minimum_t), tuple(slack))
        minimum_c, minimum_t, slack = self._sequences(short)  # Python floats; arrays at the end
        peaceful = min(slack) >= -TOLERANCE  # finite floats: no NaN to slip past min
        war = math.inf if peaceful else self._war_period_scalar(slack)
        return PowerPathSolution(peaceful, war, np.array(minimum_c), np.array(minimum_t), np.array(slack))

    def _war_period_scalar(self, slack: Any) -> int:
        """Backward induction with war whenever no peaceful division exists given the continuation."""
        tolerance = TOLERANCE if self.kind == "array" else 0
        if isinstance(slack, np.ndarray):
            last = int(np.flatnonzero(slack < -tolerance)[-1])
        else:  # exact, or a short float path as Python floats
            last = [t for t, value in enumerate(slack) if value < -tolerance][-1]
        war_c, war_t = self.war_values()
        if self.kind == "array":
            war_c, war_t = war_c.tolist(), war_t.tolist()
        cost_c, cost_t = self.war_costs
        after_war = 1 - cost_c - cost_t
        delta, flow = self.discount, 1 - self.discount
        minimum_c, minimum_t, total = war_c[last], war_t[last], after_war
        first = last
        for t in range(last - 1, -1, -1):
            minimum_c = max(war_c[t], delta * minimum_c)
            minimum_t = max(war_t[t], delta * minimum_t)
            total = flow + delta * total
            if minimum_c + minimum_t > total + tolerance:
                minimum_c, minimum_t, total, first = war_c[t], war_t[t], after_war, t
        return first

    def _war_periods_stack(self, verdict: np.ndarray) -> np.ndarray:
        """:meth:`_war_period_scalar` for every row of a stack, vectorised across the rows."""
        war_c, war_t = self.war_values()
        cost_c, cost_t = self.war_costs
        after_war = 1 - cost_c - cost_t
        delta, flow = self.discount, 1 - self.discount
        rows = np.flatnonzero(~verdict)
        first = np.full(verdict.shape, np.inf)
        if rows.size == 0:
            return first
        war_c, war_t = war_c[rows], war_t[rows]
        minimum_c = np.maximum(war_c[:, -1], 0.0)
        minimum_t = np.maximum(war_t[:, -1], 0.0)
        total = np.ones(rows.size)
        found = np.full(rows.size, np.inf)
        for t in range(war_c.shape[1] - 2, -1, -1):
            minimum_c = np.maximum(war_c[:, t], delta * minimum_c)
            minimum_t = np.maximum(war_t[:, t], delta * minimum_t)
            total = flow + delta * total
            war = minimum_c + minimum_t > total + TOLERANCE
            minimum_c = np.where(war, war_c[:, t], minimum_c)
            minimum_t = np.where(war, war_t[:, t], minimum_t)
            total = np.where(war, after_war, total)
            found = np.where(war, t, found)
        first[rows] = found
        return first

    def division(self) -> Any:
        r"""A division of the flow that keeps the peace: the coercer's share :math:`x_t` in each period.

        It starts from the most the target can be offered, :math:`V_0 = \mu^C_0`, and then keeps the
        coercer's continuation value as steady as the constraints allow; the last share holds for
        ever. Only for paths on which peace is possible.

        >>> from fractions import Fraction
        >>> PowerPath([Fraction(1, 2), Fraction(3, 5)], discount=Fraction(1, 2)).division()
        (Fraction(2, 5), Fraction(3, 5))
        """
        if self.kind == "symbolic":
            raise NotImplementedError("a division needs numbers")
        minimum_c, minimum_t, _ = self._slack()
        peaceful = self.is_peaceful()
        if not np.all(peaceful):
            raise ParameterValueError(
                "power", "a path on which peace is possible", Description("a path that leads to war")
            )
        delta, flow = self.discount, 1 - self.discount
        if self.kind == "array":
            lower, upper = minimum_c, np.maximum(1 - minimum_t, minimum_c)
            value = lower[..., 0]
            shares = np.empty_like(lower)
            for t in range(lower.shape[-1] - 1):
                low = np.maximum(lower[..., t + 1], (value - flow) / delta)
                high = np.minimum(upper[..., t + 1], value / delta)
                following = np.minimum(np.maximum(value, low), np.maximum(high, low))
                shares[..., t] = np.clip((value - delta * following) / flow, 0.0, 1.0)
                value = following
            shares[..., -1] = np.clip(value, 0.0, 1.0)
            return shares
        result = []
        value = minimum_c[0]
        for t in range(len(minimum_c) - 1):
            low = max(minimum_c[t + 1], (value - flow) / delta)
            high = min(1 - minimum_t[t + 1], value / delta)
            following = min(max(value, low), high)
            result.append((value - delta * following) / flow)
            value = following
        result.append(value)
        return tuple(result)

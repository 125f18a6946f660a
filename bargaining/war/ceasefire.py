# ruff: noqa: RUF009 - parameter() returns a dataclass field, like dataclasses.field
r"""Commitment inside the war: a settlement is struck only if it would hold while power keeps shifting.

A ceasefire does not freeze the balance of power: the sides rearm, and one gains. If, after the
shift, the rising side could demand more than the deal gives it, the declining side knows today that
the deal will not hold, and a bargain that both prefer to fighting *now* is still no bargain
(Fearon 1995, the commitment problem; Powell 2006). :class:`SelfEnforcing` wraps any pressure
schedule of :mod:`bargaining.war.strategies`: at a lattice state where the schedule would settle,
the deal is struck only if a peaceful division exists along the ceasefire's power path

.. math:: p_0 = \tfrac12(\hat m_C + \hat m_T), \qquad p_1 = \min(1, \max(0, p_0 + \text{shift})),

decided by the exact test of :class:`bargaining.commitment.PowerPath` (the least continuation
values of the two sides must fit in the flow at every date), with the war's per-battle costs as
per-period costs. A third-party **guarantee** :math:`G` is a penalty on whichever side breaks the
ceasefire, i.e. a one-time cost of starting the war for both, as in
:class:`bargaining.commitment.Ceasefire`; a large enough one restores the deal
(:meth:`SelfEnforcing.minimal_guarantee`, by bisection on the exact test).

Where no deal would hold, the war goes on after the beliefs have converged, and ends only by a
decisive victory or when the power path changes: the long *commitment* wars of
:mod:`bargaining.war.durations`.

>>> from fractions import Fraction
>>> from bargaining.war import LearningWar, TryAndSee
>>> war = LearningWar(Fraction(1, 2), Fraction(1, 2), 4, 4, Fraction(1, 2), Fraction(1, 20), Fraction(1, 20),
...                   decisive_margin=3)
>>> war.bargaining_range(0, 0, horizon=30).is_empty   # the sides agree: a range exists at once
False
>>> rearming = SelfEnforcing(TryAndSee(), shift=Fraction(2, 5), discount=Fraction(9, 10))
>>> war.duration_distribution(30, rearming).settlement_probability  # ... but no deal would hold
Fraction(0, 1)
>>> guaranteed = SelfEnforcing(TryAndSee(), Fraction(2, 5), Fraction(9, 10), guarantee=Fraction(3))
>>> war.duration_distribution(30, guaranteed).settlement[0]
Fraction(1, 1)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from ..core.errors import ConvergenceError, ParameterValueError
from ..core.parameters import DISCOUNT, NONNEGATIVE, Domain, declared, parameter, setting
from ..core.values import Kind
from .lattice import Schedule

if TYPE_CHECKING:
    from .learning import LearningWar

__all__ = ["SelfEnforcing"]


_SHIFT = Domain("shift", "a change of power in [-1, 1]", -1, 1)


@dataclass(frozen=True, slots=True)
@declared
class SelfEnforcing:
    r"""A pressure schedule whose settlements must survive a power shift during the ceasefire.

    Parameters
    ----------
    schedule : pressure schedule
        :class:`~bargaining.war.TryAndSee`, :class:`~bargaining.war.TurningTheScrew` or
        :class:`~bargaining.war.UltimatumSchedule`.
    shift : number in [-1, 1]
        The change in the coercer's power during the ceasefire (negative: the target rearms faster).
    discount : discount factor in (0, 1)
        :math:`\delta` of the ceasefire's flow.
    guarantee : non-negative
        The penalty a guarantor imposes on whoever breaks the ceasefire (a one-time cost of war).

    >>> from fractions import Fraction
    >>> from bargaining.war import LearningWar, TryAndSee
    >>> war = LearningWar(Fraction(3, 4), Fraction(3, 4), 2, 6, Fraction(1, 2), Fraction(1, 30), Fraction(1, 30), 3)
    >>> war.duration_distribution(8, SelfEnforcing(TryAndSee(), Fraction(2, 5), Fraction(9, 10))).strategy
    'try-and-see, self-enforcing'
    """

    schedule: Schedule = setting(
        "the war's pressure schedule: try-and-see, turning the screw or an ultimatum"
    )
    shift: Any = parameter(
        _SHIFT,
        "the change in the coercer's power during the ceasefire (negative: the target rearms faster)",
        "probability",
    )
    discount: Any = parameter(DISCOUNT, "the discount factor of the ceasefire's flow")
    guarantee: Any = parameter(
        NONNEGATIVE,
        "the penalty a guarantor imposes on whoever breaks the ceasefire (a one-time cost of war)",
        default=0,
    )
    name: str = field(init=False)
    kind: Kind = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.kind in ("array", "symbolic"):
            raise ParameterValueError("shift, discount, guarantee", "scalars (numbers)", self.shift)
        for method in ("target_cost", "policy", "penalty_target"):
            if not callable(getattr(self.schedule, method, None)):
                raise ParameterValueError(
                    "schedule",
                    "a pressure schedule (TryAndSee, TurningTheScrew, UltimatumSchedule)",
                    self.schedule,
                )
        object.__setattr__(self, "name", f"{self.schedule.name}, self-enforcing")

    def target_cost(self, war: LearningWar, battles: int) -> Any:
        """The wrapped schedule's cost of a battle to the target.

        >>> from bargaining.war import LearningWar, TryAndSee
        >>> war = LearningWar(0.5, 0.5, 4.0, 4.0, 0.5, 0.05, 0.05)
        >>> SelfEnforcing(TryAndSee(), 0.4, 0.9).target_cost(war, 3).tolist()
        [0.05]
        """
        return self.schedule.target_cost(war, battles)

    def penalty_target(self, war: LearningWar, battles: int) -> Any:
        """The wrapped schedule's lump costs.

        >>> from bargaining.war import LearningWar, TryAndSee
        >>> war = LearningWar(0.5, 0.5, 4.0, 4.0, 0.5, 0.05, 0.05)
        >>> SelfEnforcing(TryAndSee(), 0.4, 0.9).penalty_target(war, 3).tolist()
        [0.0]
        """
        return self.schedule.penalty_target(war, battles)

    def policy(self, war: LearningWar, horizon: int) -> list[tuple[Any, Any]]:
        """Settle where the wrapped schedule would *and* a deal would hold through the shift.

        >>> from bargaining.war import LearningWar, TryAndSee
        >>> war = LearningWar(0.5, 0.5, 4.0, 4.0, 0.5, 0.05, 0.05)
        >>> SelfEnforcing(TryAndSee(), 0.4, 0.9).policy(war, 0)[0][0].tolist()
        [False]
        """
        policy = []
        exact = war.kind in ("exact", "symbolic")
        for n, (settle_there, terms) in enumerate(self.schedule.policy(war, horizon)):
            wins = np.array(list(range(n + 1)), dtype=object) if exact else np.arange(n + 1)
            mean_coercer, mean_target = war.posterior_means(n, wins, expanded=True)
            holds = self.holds(war, (mean_coercer + mean_target) / 2)
            policy.append((np.asarray(settle_there, dtype=bool) & holds, terms))
        return policy

    def holds(self, war: LearningWar, power: Any, guarantee: Any = None) -> Any:
        """Whether a peaceful division exists on the path ``[power, power + shift]`` (elementwise).

        >>> from bargaining.war import LearningWar, TryAndSee
        >>> war = LearningWar(0.5, 0.5, 4.0, 4.0, 0.5, 0.05, 0.05)
        >>> SelfEnforcing(TryAndSee(), 0.4, 0.9).holds(war, [0.5, 0.9]).tolist()  # 0.9 -> 1: a small shift
        [False, True]
        """
        from ..commitment import PowerPath

        costs = []
        for name in ("cost_coercer", "cost_target"):
            value = getattr(war, name)
            if np.ndim(value):
                raise ParameterValueError(name, "a scalar when settlements must be self-enforcing", value)
            costs.append(value)
        penalty = self.guarantee if guarantee is None else guarantee
        power = np.asarray(power)
        if war.kind == "exact" and self.kind == "exact":
            verdicts = [
                bool(
                    PowerPath(
                        [now, min(Fraction(1), max(Fraction(0), now + self.shift))],
                        self.discount,
                        costs[0],
                        costs[1],
                        penalty,
                        penalty,
                    ).is_peaceful()
                )
                for now in power.ravel()
            ]
            return np.asarray(verdicts, dtype=bool).reshape(power.shape)
        # the lattice (and a Monte Carlo sample) repeats few distinct powers: decide each one once
        distinct, position = np.unique(power.astype(float).ravel(), return_inverse=True)
        stack = np.stack([distinct, np.clip(distinct + float(self.shift), 0.0, 1.0)], axis=-1)
        verdict = PowerPath(
            stack, float(self.discount), float(costs[0]), float(costs[1]), float(penalty), float(penalty)
        ).is_peaceful()
        return np.asarray(verdict, dtype=bool).reshape(-1)[position].reshape(power.shape)

    def minimal_guarantee(self, war: LearningWar, power: Any, tolerance: float = 1e-9) -> float:
        """The least guarantee under which a deal at ``power`` holds through the shift (bisection, float).

        >>> from fractions import Fraction
        >>> from bargaining.war import LearningWar, TryAndSee
        >>> war = LearningWar(0.5, 0.5, 4.0, 4.0, 0.5, 0.05, 0.05)
        >>> round(SelfEnforcing(TryAndSee(), 0.4, 0.9).minimal_guarantee(war, 0.5), 6)
        1.131579
        """
        if bool(self.holds(war, power, 0.0)):
            return 0.0
        low, high = 0.0, 1.0
        for _ in range(60):
            if bool(self.holds(war, power, high)):
                break
            low, high = high, high * 2
        else:  # pragma: no cover - the guarantee grows without bound only for impossible paths
            raise ConvergenceError("no finite guarantee makes this deal hold")
        for _ in range(200):
            middle = (low + high) / 2
            if bool(self.holds(war, power, middle)):
                high = middle
            else:
                low = middle
            if high - low <= tolerance:
                return high
        raise ConvergenceError("the guarantee bisection stopped short")  # pragma: no cover

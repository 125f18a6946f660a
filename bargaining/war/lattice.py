r"""Exact dynamic programming over the battle lattice, and its Monte Carlo cross-check.

The state of a learning war after :math:`n` battles is the number :math:`k \le n` the coercer has
won; the battles are independent with the coercer's true odds :math:`\theta`, so the lattice
carries the probability :math:`\pi_n(k)` of reaching :math:`(n, k)` with the war still on. Each
period, in this order:

1. the **pressure schedule** decides, for every :math:`k` at once, whether a settlement is reached
   at :math:`(n, k)` and on what terms (the mass there leaves as a settlement at :math:`t = n`);
2. the remaining mass pays a battle's costs (the target's may rise with :math:`n`: the screw) and
   any lump penalty the schedule executes at :math:`n` (an ultimatum's threat at its deadline);
3. if :math:`n` is the horizon the rest is *unresolved*; otherwise a battle is fought,
   :math:`\pi_{n+1}(k) = (1 - \theta)\,\pi_n(k) + \theta\,\pi_n(k - 1)`, and states where one side
   leads by the decisive margin leave as military victories at :math:`t = n + 1`.

The work is :math:`O(H^2)` for a horizon of :math:`H` battles, vectorised over :math:`k` (and over
any parameter arrays, which broadcast against the lattice axis); the loop is over time only. With
exact inputs the lattice holds ``Fraction`` objects, so every probability is an exact rational.
:func:`simulate_wars` follows the same rules on sampled paths and reports its standard error.

>>> from fractions import Fraction
>>> from bargaining.war import LearningWar
>>> war = LearningWar(Fraction(3, 4), Fraction(3, 4), 2, 6, Fraction(1, 2),
...                   Fraction(1, 30), Fraction(1, 30), decisive_margin=3)
>>> distribution = war.duration_distribution(horizon=8)
>>> distribution.settled_by(8), distribution.unresolved
(Fraction(21, 32), Fraction(1, 16))
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from ..core.errors import ConvergenceError, ParameterTypeError, ParameterValueError
from ..core.values import Kind

if TYPE_CHECKING:
    from .learning import LearningWar

__all__ = ["MonteCarloEstimate", "Schedule", "SettlementDistribution", "run_lattice", "simulate_wars"]

_MAX_HORIZON = 10**6


class Schedule(Protocol):
    """A pressure schedule: what the coercer demands, and what the target pays, period by period.

    >>> from fractions import Fraction
    >>> from bargaining.war import LearningWar, TryAndSee
    >>> war = LearningWar(Fraction(3, 4), Fraction(3, 4), 2, 6, Fraction(1, 2), Fraction(1, 30), Fraction(1, 30), 3)
    >>> war.duration_distribution(8, TryAndSee()).strategy
    'try-and-see'
    """

    @property
    def name(self) -> str:
        """George's name for the strategy.

        >>> from fractions import Fraction
        >>> from bargaining.war import LearningWar, TryAndSee
        >>> war = LearningWar(Fraction(3, 4), Fraction(3, 4), 2, 6, Fraction(1, 2), Fraction(1, 30), Fraction(1, 30), 3)
        >>> TryAndSee().name
        'try-and-see'
        """
        ...  # pragma: no cover

    def target_cost(self, war: LearningWar, battles: int) -> Any:
        """The target's cost of the battle fought after ``battles`` battles.

        >>> from fractions import Fraction
        >>> from bargaining.war import LearningWar, TryAndSee
        >>> war = LearningWar(Fraction(3, 4), Fraction(3, 4), 2, 6, Fraction(1, 2), Fraction(1, 30), Fraction(1, 30), 3)
        >>> TryAndSee().target_cost(war, 2)
        array([Fraction(1, 30)], dtype=object)
        """
        ...  # pragma: no cover

    def policy(self, war: LearningWar, horizon: int) -> list[tuple[Any, Any]]:
        r"""Per period :math:`n = 0, \dots, H`: where a settlement is reached (booleans over the
        coercer's wins :math:`k`) and its terms (the coercer's share).

        >>> from fractions import Fraction
        >>> from bargaining.war import LearningWar, TryAndSee
        >>> war = LearningWar(Fraction(3, 4), Fraction(3, 4), 2, 6, Fraction(1, 2), Fraction(1, 30), Fraction(1, 30), 3)
        >>> [bool(settle[0]) for settle, _ in TryAndSee().policy(war, 2)]
        [False, False, False]
        """
        ...  # pragma: no cover

    def penalty_target(self, war: LearningWar, battles: int) -> Any:
        """An expected lump cost the target pays at ``battles`` if the war goes on (0: none).

        >>> from fractions import Fraction
        >>> from bargaining.war import LearningWar, TryAndSee
        >>> war = LearningWar(Fraction(3, 4), Fraction(3, 4), 2, 6, Fraction(1, 2), Fraction(1, 30), Fraction(1, 30), 3)
        >>> TryAndSee().penalty_target(war, 2).tolist()
        [Fraction(0, 1)]
        """
        ...  # pragma: no cover


def check_horizon(horizon: Any) -> int:
    """A horizon is a positive integer number of battles, at most a million.

    >>> check_horizon(60)
    60
    """
    if (
        isinstance(horizon, bool)
        or not isinstance(horizon, (int, np.integer))
        or not 1 <= horizon <= _MAX_HORIZON
    ):
        raise ParameterValueError("horizon", f"an integer number of battles in [1, {_MAX_HORIZON}]", horizon)
    return int(horizon)


@dataclass(frozen=True, slots=True)
class SettlementDistribution:
    r"""How a war ends, period by period: by settlement, by a military decision, or not by the horizon.

    Each array has time :math:`t = 0, \dots, H` on its last axis (any leading axes are the
    parameter arrays); entries are ``Fraction`` for exact inputs (numpy ``object`` arrays).

    Attributes
    ----------
    strategy : str
        The pressure schedule that produced it.
    settlement, coercer_victory, target_victory : array
        :math:`P(\text{ends at } t \text{ by each route})`.
    terms : array
        :math:`E[x;\ \text{settled at } t]`, the coercer's share weighted by the settlement mass.
    cost_coercer, cost_target : array
        Expected cost each side pays in period :math:`t`.
    unresolved : number or array
        :math:`P(\text{still fighting after the horizon})`.

    >>> from fractions import Fraction
    >>> from bargaining.war import LearningWar, TryAndSee
    >>> war = LearningWar(Fraction(3, 4), Fraction(3, 4), 2, 6, Fraction(1, 2), Fraction(1, 30), Fraction(1, 30), 3)
    >>> distribution = war.duration_distribution(horizon=8)
    >>> distribution.strategy, distribution.settlement_probability
    ('try-and-see', Fraction(21, 32))
    """

    strategy: str
    settlement: Any
    coercer_victory: Any
    target_victory: Any
    terms: Any
    cost_coercer: Any
    cost_target: Any
    unresolved: Any
    kind: Kind

    @property
    def horizon(self) -> int:
        """The last period computed.

        >>> from fractions import Fraction
        >>> from bargaining.war import LearningWar, TryAndSee
        >>> war = LearningWar(Fraction(3, 4), Fraction(3, 4), 2, 6, Fraction(1, 2), Fraction(1, 30), Fraction(1, 30), 3)
        >>> war.duration_distribution(horizon=8).horizon
        8
        """
        return int(np.shape(self.settlement)[-1]) - 1

    @property
    def ended(self) -> Any:
        r""":math:`P(\text{the war ends at } t)` by either route.

        >>> from bargaining.war import LearningWar
        >>> war = LearningWar(Fraction(3, 4), Fraction(3, 4), 2, 6, Fraction(1, 2), Fraction(1, 30), Fraction(1, 30), 3)
        >>> distribution = war.duration_distribution(horizon=8)
        >>> distribution.ended.tolist()
        [Fraction(0, 1), Fraction(0, 1), Fraction(1, 4), Fraction(1, 8), Fraction(1, 8), Fraction(1, 4), Fraction(1, 8), Fraction(1, 16), Fraction(0, 1)]
        """
        return self.settlement + self.coercer_victory + self.target_victory

    def _require_numbers(self, what: str) -> None:
        if self.kind == "symbolic":
            raise ParameterTypeError(
                "battle_odds", f"a number for the {what} (it compares probabilities)", self.ended[..., -1]
            )

    def _scalar(self, value: Any) -> Any:
        return value if self.kind == "array" else value[()] if isinstance(value, np.ndarray) else value

    def settled_by(self, period: int) -> Any:
        r""":math:`P(\text{settlement by } t)`: the mass settled at periods :math:`0, \dots, t`.

        >>> from fractions import Fraction
        >>> from bargaining.war import LearningWar
        >>> war = LearningWar(Fraction(3, 4), Fraction(3, 4), 2, 2, Fraction(1, 2), Fraction(1, 30), Fraction(1, 30), 3)
        >>> distribution = war.duration_distribution(horizon=8)
        >>> distribution.settled_by(1), distribution.settled_by(2)
        (Fraction(0, 1), Fraction(1, 2))
        """
        if isinstance(period, bool) or not isinstance(period, (int, np.integer)) or period < 0:
            raise ParameterValueError("period", "a non-negative integer", period)
        stop = min(int(period), self.horizon) + 1
        return self._scalar(np.sum(self.settlement[..., :stop], axis=-1))

    def survival(self) -> Any:
        r""":math:`S(t) = P(\text{war still on after period } t)`.

        >>> from bargaining.war import LearningWar
        >>> war = LearningWar(Fraction(3, 4), Fraction(3, 4), 2, 6, Fraction(1, 2), Fraction(1, 30), Fraction(1, 30), 3)
        >>> distribution = war.duration_distribution(horizon=8)
        >>> distribution.survival().tolist()
        [Fraction(1, 1), Fraction(1, 1), Fraction(3, 4), Fraction(5, 8), Fraction(1, 2), Fraction(1, 4), Fraction(1, 8), Fraction(1, 16), Fraction(1, 16)]
        """
        return 1 - np.cumsum(self.ended, axis=-1)

    def hazard(self) -> Any:
        r""":math:`h(t) = P(\text{ends at } t \mid \text{on at } t)`; 0 once the war is surely over.

        >>> from bargaining.war import LearningWar
        >>> war = LearningWar(Fraction(3, 4), Fraction(3, 4), 2, 6, Fraction(1, 2), Fraction(1, 30), Fraction(1, 30), 3)
        >>> distribution = war.duration_distribution(horizon=8)
        >>> distribution.hazard().tolist()
        [Fraction(0, 1), Fraction(0, 1), Fraction(1, 4), Fraction(1, 6), Fraction(1, 5), Fraction(1, 2), Fraction(1, 2), Fraction(1, 2), Fraction(0, 1)]
        """
        survival = self.survival()
        before = np.concatenate([np.ones_like(survival[..., :1]), survival[..., :-1]], axis=-1)
        if self.kind == "symbolic":
            import sympy

            ratio = np.frompyfunc(
                lambda ended, alive: 0 * ended if alive == 0 else sympy.cancel(ended / alive), 2, 1
            )
            return ratio(self.ended, before)
        positive = before > 0
        if self.kind == "exact":
            positive = positive.astype(bool)
        safe = np.where(positive, before, 1)
        return np.where(positive, self.ended / safe, 0 * self.ended)

    def mean_remaining(self, period: int) -> Any:
        r""":math:`E[T - t \mid T > t]`: the expected further length of a war still on after period :math:`t`.

        :math:`T` is the period the war ends by either route; a war still on at the horizon is
        counted as ending at :math:`H + 1`, with the horizon's final battle (the convention of the
        valuation in :mod:`bargaining.war.race`), so beyond the horizon this is a lower bound. 0 once
        the war is surely over. Time in battles (uncalibrated unless the war was calibrated).

        >>> from bargaining.war import LearningWar
        >>> war = LearningWar(Fraction(3, 4), Fraction(3, 4), 2, 6, Fraction(1, 2), Fraction(1, 30), Fraction(1, 30), 3)
        >>> distribution = war.duration_distribution(horizon=8)
        >>> distribution.mean_remaining(0), distribution.mean_remaining(2)
        (Fraction(35, 8), Fraction(19, 6))
        """
        self._require_numbers("mean remaining length")
        if isinstance(period, bool) or not isinstance(period, (int, np.integer)) or period < 0:
            raise ParameterValueError("period", "a non-negative integer", period)
        t = int(period)
        if t > self.horizon:
            raise ParameterValueError("period", f"at most the horizon {self.horizon}", period)
        ends = np.concatenate(
            [self.ended, np.asarray(self.unresolved)[..., None] + 0 * self.ended[..., :1]], axis=-1
        )
        later = np.arange(self.horizon + 2) - t
        alive = np.sum(ends[..., t + 1 :], axis=-1)
        total = np.sum(ends[..., t + 1 :] * later[t + 1 :], axis=-1)
        positive = np.asarray(alive > 0, dtype=bool)
        safe = np.where(positive, alive, 1 + 0 * alive)
        return self._scalar(np.where(positive, total / safe, 0 * total))

    def median(self) -> Any:
        """The first period by which the war has ended with probability at least 1/2.

        Raises :class:`~bargaining.core.errors.ConvergenceError` if the horizon is too short.

        >>> from bargaining.war import LearningWar
        >>> war = LearningWar(Fraction(3, 4), Fraction(3, 4), 2, 6, Fraction(1, 2), Fraction(1, 30), Fraction(1, 30), 3)
        >>> distribution = war.duration_distribution(horizon=8)
        >>> distribution.median()
        4
        """
        self._require_numbers("median")
        reached = np.cumsum(self.ended, axis=-1) * 2 >= 1
        if self.kind == "exact":
            reached = reached.astype(bool)
        if not np.all(np.any(reached, axis=-1)):
            raise ConvergenceError(
                f"the median duration lies beyond the horizon of {self.horizon} battles: lengthen it"
            )
        first = np.argmax(reached, axis=-1)
        return first if self.kind == "array" else int(first)

    @property
    def settlement_probability(self) -> Any:
        r""":math:`P(\text{settlement by the horizon})`.

        >>> from bargaining.war import LearningWar
        >>> war = LearningWar(Fraction(3, 4), Fraction(3, 4), 2, 6, Fraction(1, 2), Fraction(1, 30), Fraction(1, 30), 3)
        >>> distribution = war.duration_distribution(horizon=8)
        >>> distribution.settlement_probability
        Fraction(21, 32)
        """
        return self._scalar(np.sum(self.settlement, axis=-1))

    @property
    def expected_terms(self) -> Any:
        r""":math:`E[x \mid \text{settlement}]`, the coercer's expected share when a deal is struck.

        Raises :class:`~bargaining.core.errors.ParameterValueError` when no settlement happens.

        >>> from bargaining.war import LearningWar
        >>> war = LearningWar(Fraction(3, 4), Fraction(3, 4), 2, 6, Fraction(1, 2), Fraction(1, 30), Fraction(1, 30), 3)
        >>> distribution = war.duration_distribution(horizon=8)
        >>> distribution.expected_terms
        Fraction(14442089, 69189120)
        """
        mass = np.sum(self.settlement, axis=-1)
        if np.any(mass == 0):
            raise ParameterValueError("strategy", "one that settles with positive probability", self.strategy)
        return self._scalar(np.sum(self.terms, axis=-1) / mass)

    @property
    def expected_cost_coercer(self) -> Any:
        """The coercer's expected total cost of fighting up to the end or the horizon.

        >>> from bargaining.war import LearningWar
        >>> war = LearningWar(Fraction(3, 4), Fraction(3, 4), 2, 6, Fraction(1, 2), Fraction(1, 30), Fraction(1, 30), 3)
        >>> distribution = war.duration_distribution(horizon=8)
        >>> distribution.expected_cost_coercer
        Fraction(7, 48)
        """
        return self._scalar(np.sum(self.cost_coercer, axis=-1))

    @property
    def expected_cost_target(self) -> Any:
        """The target's expected total cost (battles and any executed threat).

        >>> from bargaining.war import LearningWar
        >>> war = LearningWar(Fraction(3, 4), Fraction(3, 4), 2, 6, Fraction(1, 2), Fraction(1, 30), Fraction(1, 30), 3)
        >>> distribution = war.duration_distribution(horizon=8)
        >>> distribution.expected_cost_target
        Fraction(7, 48)
        """
        return self._scalar(np.sum(self.cost_target, axis=-1))

    def to_dataset(self, calibration: str = "uncalibrated model periods (one battle each)") -> Any:
        """The distribution as an :class:`xarray.Dataset` (floats), labelled with its calibration.

        Time is in battles; ``calibration`` names what a period means and which duration dataset,
        if any, the war was calibrated to (see :mod:`bargaining.war.durations`).

        >>> from bargaining.war import LearningWar
        >>> war = LearningWar(Fraction(3, 4), Fraction(3, 4), 2, 6, Fraction(1, 2), Fraction(1, 30), Fraction(1, 30), 3)
        >>> distribution = war.duration_distribution(horizon=8)
        >>> table = distribution.to_dataset("one battle = one month (assumed)")
        >>> table["survival"].values.tolist(), table.attrs["calibration"]
        ([1.0, 1.0, 0.75, 0.625, 0.5, 0.25, 0.125, 0.0625, 0.0625], 'one battle = one month (assumed)')
        """
        import xarray

        self._require_numbers("dataset")

        def floats(value: Any) -> np.ndarray:
            return np.asarray(value, dtype=float)

        leading = np.shape(self.settlement)[:-1]
        dims = tuple(f"parameter_{i}" for i in range(len(leading)))
        per_time = (*dims, "time")
        mass = floats(np.sum(self.settlement, axis=-1))
        terms = np.divide(
            floats(np.sum(self.terms, axis=-1)), mass, out=np.full(mass.shape, np.nan), where=mass > 0
        )
        return xarray.Dataset(
            {
                "settlement": (per_time, floats(self.settlement)),
                "settled_by": (per_time, floats(np.cumsum(self.settlement, axis=-1))),
                "coercer_victory": (per_time, floats(self.coercer_victory)),
                "target_victory": (per_time, floats(self.target_victory)),
                "survival": (per_time, floats(self.survival())),
                "hazard": (per_time, floats(self.hazard())),
                "expected_terms": (dims, terms),
                "expected_cost_coercer": (dims, floats(self.expected_cost_coercer)),
                "expected_cost_target": (dims, floats(self.expected_cost_target)),
                "unresolved": (dims, floats(self.unresolved)),
            },
            coords={"time": np.arange(self.horizon + 1)},
            attrs={"strategy": self.strategy, "time_unit": "battles", "calibration": calibration},
        )


def _zeros(kind: Kind, shape: tuple[int, ...]) -> np.ndarray:
    if kind in ("exact", "symbolic"):
        out = np.empty(shape, dtype=object)
        if kind == "exact":
            out.fill(Fraction(0))
        else:
            import sympy

            out.fill(sympy.Integer(0))
        return out
    return np.zeros(shape)


def _undecidable(schedule: Any) -> ParameterTypeError:
    return ParameterTypeError(
        "schedule", "numbers wherever the lattice compares (only battle_odds may be a symbol)", schedule
    )


def _policy(schedule: Schedule, war: LearningWar, horizon: int) -> list[tuple[Any, Any]]:
    """The schedule's policy; a comparison that depends on a symbol has no truth value."""
    try:
        return schedule.policy(war, horizon)
    except TypeError:
        raise _undecidable(schedule) from None


def _mask(settle: Any, shape: tuple[int, ...], schedule: Schedule) -> np.ndarray:
    """The settlement region as booleans."""
    try:
        return np.broadcast_to(np.asarray(settle, dtype=bool), shape)
    except TypeError:
        raise _undecidable(schedule) from None


def _expand(kind: Kind, values: np.ndarray) -> np.ndarray:
    """Keep symbolic probabilities as expanded polynomials in the battle odds."""
    if kind != "symbolic":
        return values
    import sympy

    expanded: np.ndarray = np.frompyfunc(sympy.expand, 1, 1)(values)
    return expanded


def run_lattice(war: LearningWar, horizon: int, schedule: Schedule) -> SettlementDistribution:
    """Push the probability mass through the battle lattice under ``schedule`` (see the module).

    >>> from bargaining.war import LearningWar, TryAndSee
    >>> war = LearningWar(Fraction(3, 4), Fraction(3, 4), 2, 6, Fraction(1, 2), Fraction(1, 30), Fraction(1, 30), 3)
    >>> run_lattice(war, 8, TryAndSee()).settlement.tolist()
    [Fraction(0, 1), Fraction(0, 1), Fraction(1, 4), Fraction(0, 1), Fraction(1, 8), Fraction(5, 32), Fraction(1, 8), Fraction(0, 1), Fraction(0, 1)]
    """
    horizon = check_horizon(horizon)
    if not all(
        callable(getattr(schedule, name, None)) for name in ("target_cost", "policy", "penalty_target")
    ):
        raise ParameterTypeError(
            "schedule", "a pressure schedule such as bargaining.war.TryAndSee()", schedule
        )
    kind = war.kind
    theta = war.expanded("battle_odds")
    shape = np.broadcast_shapes(*(np.shape(war.expanded(name)) for name in war.numeric_fields()))[:-1]
    # a schedule with array parameters (a sweep of escalations, demands) adds its own leading axes
    policy = _policy(schedule, war, horizon)
    probes = (*policy[0], schedule.target_cost(war, 0), schedule.penalty_target(war, 0))
    shape = np.broadcast_shapes(shape, *(np.shape(probe)[:-1] for probe in probes))
    series = {
        name: _zeros(kind, (*shape, horizon + 1))
        for name in (
            "settlement",
            "coercer_victory",
            "target_victory",
            "terms",
            "cost_coercer",
            "cost_target",
        )
    }
    mass = _zeros(kind, (*shape, 1))
    mass[..., 0] = 1 + mass[..., 0]
    margin = war.decisive_margin
    cost_coercer = war.expanded("cost_coercer")
    for n in range(horizon + 1):
        target_cost = schedule.target_cost(war, n)
        settle, terms = policy[n]
        settle = _mask(settle, mass.shape, schedule)
        settled = np.where(settle, mass, 0 * mass)
        series["settlement"][..., n] = np.sum(settled, axis=-1)
        series["terms"][..., n] = np.sum(settled * terms, axis=-1)
        mass = mass - settled
        alive = np.sum(mass, axis=-1)
        series["cost_coercer"][..., n] = alive * cost_coercer[..., 0]
        series["cost_target"][..., n] = alive * (
            np.asarray(target_cost)[..., 0] + np.asarray(schedule.penalty_target(war, n))[..., 0]
        )
        if n == horizon:
            break
        following = _zeros(kind, (*shape, n + 2))
        following[..., :-1] += mass * (1 - theta)
        following[..., 1:] += mass * theta
        mass = _expand(kind, following)
        if margin is not None:
            lead = 2 * np.arange(n + 2) - (n + 1)
            won, lost = lead >= margin, lead <= -margin
            series["coercer_victory"][..., n + 1] = np.sum(mass[..., won], axis=-1)
            series["target_victory"][..., n + 1] = np.sum(mass[..., lost], axis=-1)
            mass[..., won | lost] = 0
    return SettlementDistribution(
        strategy=schedule.name,
        settlement=series["settlement"],
        coercer_victory=series["coercer_victory"],
        target_victory=series["target_victory"],
        terms=series["terms"],
        cost_coercer=series["cost_coercer"],
        cost_target=series["cost_target"],
        unresolved=np.sum(mass, axis=-1) if kind == "array" else np.sum(mass),
        kind=kind,
    )


@dataclass(frozen=True, slots=True)
class MonteCarloEstimate:
    r"""Sampled frequencies with their standard errors (binomial: ``sqrt(f (1 - f) / paths)``).

    ``ended_by[t]`` estimates :math:`P(\text{war over by } t)`, ``settled_by[t]`` the same for
    settlements only, ``mean_terms`` the coercer's share given a settlement.

    >>> import numpy as np
    >>> from bargaining.war import LearningWar, TryAndSee
    >>> war = LearningWar(0.75, 0.75, 2.0, 6.0, 0.5, 1 / 30, 1 / 30, 3)
    >>> estimate = simulate_wars(war, 8, TryAndSee(), paths=1000, rng=np.random.default_rng(0))
    >>> estimate.paths, estimate.ended_by.shape
    (1000, (9,))
    """

    settled_by: np.ndarray
    ended_by: np.ndarray
    settled_by_error: np.ndarray
    ended_by_error: np.ndarray
    mean_terms: float
    paths: int


def simulate_wars(
    war: LearningWar, horizon: int, schedule: Schedule, paths: int, rng: np.random.Generator
) -> MonteCarloEstimate:
    """Sample ``paths`` wars under the same rules as :func:`run_lattice` (floats; scalar parameters).

    A cross-check of the exact DP, never a substitute for it: its error falls as ``paths ** -0.5``.

    >>> import numpy as np
    >>> from bargaining.war import LearningWar, TryAndSee
    >>> war = LearningWar(0.75, 0.75, 2.0, 6.0, 0.5, 1 / 30, 1 / 30, 3)
    >>> estimate = simulate_wars(war, 8, TryAndSee(), paths=4000, rng=np.random.default_rng(0))
    >>> bool(abs(estimate.ended_by[5] - 0.75) < 4 * estimate.ended_by_error[5])  # exact: 3/4 by t = 5
    True
    """
    horizon = check_horizon(horizon)
    if isinstance(paths, bool) or not isinstance(paths, (int, np.integer)) or not 1 <= paths <= 10**8:
        raise ParameterValueError("paths", "an integer in [1, 10**8]", paths)
    if war.kind == "array":
        raise ParameterValueError("war", "a war with scalar parameters for Monte Carlo", war)
    if not isinstance(rng, np.random.Generator):
        raise ParameterValueError("rng", "a numpy.random.Generator (np.random.default_rng(seed))", rng)
    numeric = war.as_float()
    policy = schedule.policy(numeric, horizon)
    theta = float(numeric.battle_odds)
    wins = np.zeros(paths, dtype=np.int64)
    live = np.ones(paths, dtype=bool)
    settled_at = np.full(paths, -1)
    ended_at = np.full(paths, -1)
    terms = np.zeros(paths)
    margin = war.decisive_margin
    for n in range(horizon + 1):
        settle, offer = policy[n]
        settle_k = np.broadcast_to(np.asarray(settle, dtype=bool), (n + 1,))
        offer_k = np.broadcast_to(np.asarray(offer, dtype=float), (n + 1,))
        now = live & settle_k[wins]
        settled_at[now], ended_at[now] = n, n
        terms[now] = offer_k[wins][now]
        live &= ~now
        if n == horizon:
            break
        wins = wins + (rng.random(paths) < theta) * live
        if margin is not None:
            lead = 2 * wins - (n + 1)
            decided = live & ((lead >= margin) | (lead <= -margin))
            ended_at[decided] = n + 1
            live &= ~decided
    settled_by = np.cumsum(np.bincount(settled_at[settled_at >= 0], minlength=horizon + 1)) / paths
    ended_by = np.cumsum(np.bincount(ended_at[ended_at >= 0], minlength=horizon + 1)) / paths
    count = int(np.sum(settled_at >= 0))
    return MonteCarloEstimate(
        settled_by=settled_by,
        ended_by=ended_by,
        settled_by_error=np.sqrt(settled_by * (1 - settled_by) / paths),
        ended_by_error=np.sqrt(ended_by * (1 - ended_by) / paths),
        mean_terms=float(np.sum(terms[settled_at >= 0]) / count) if count else 0.0,
        paths=int(paths),
    )

# ruff: noqa: RUF009 - parameter() returns a dataclass field, like dataclasses.field
r"""George's three strategies of coercive diplomacy as pressure schedules on one learning war.

George (*Forceful Persuasion*, 1991, pp. 7–9) distinguishes **try-and-see** (a demand, no deadline,
no threat: wait and see), **turning the screw** (pressure that rises step by step) and the
**ultimatum** (a demand, a deadline, a threat). Here each is a rule for the coercer's demand and
the target's cost in each period of a :class:`~bargaining.war.LearningWar`, so the three can be
compared on the *same* war: same priors, same battles, same costs. At a lattice node each side's
value of fighting on is its value of the whole remaining war, :math:`W_C` and :math:`W_T`
(:func:`bargaining.war.race.war_values`: the subjective race to the decisive margin minus the
expected discounted costs). Each schedule computes its **policy** over the whole lattice once,
backward: where a settlement is reached and on what terms.

* :class:`TryAndSee`: the coercer revises its demand every period to the most the target accepts,
  :math:`x = \min(1, 1 - W_T)`, wherever that is at least its own value of fighting on, :math:`W_C`;
  i.e. a settlement as soon as the subjective range is non-empty. No commitment: the demand moves
  with the target's beliefs. :class:`CoaseTwoPeriod` shows what that lack of commitment costs when
  the target's cost is private (the Coase problem).
* :class:`TurningTheScrew`: the same, but the target's cost of a battle rises,
  :math:`c_T(n) = c_T + g\,n`, and its value of fighting counts every future rise.
* :class:`UltimatumSchedule`: a fixed demand :math:`\bar x`, a deadline :math:`D` and a threat :math:`L`
  executed with credibility :math:`\kappa` (:func:`credibility`, from audience costs as in the
  one-shot model). The demand never softens before :math:`D`; the target may accept at any period
  up to :math:`D`, and accepts iff :math:`1 - \bar x + s` is at least its equilibrium value of
  refusing (the battle's cost, :math:`\kappa L` at :math:`D`, and the discounted continuation, in
  which it may accept later and faces try-and-see after :math:`D`).

:func:`compare` runs the schedules on one war and returns an :class:`xarray.Dataset` with
:math:`P(\text{settlement by } t)`, the duration distribution, the expected terms and each side's
expected costs per strategy.

>>> from fractions import Fraction
>>> from bargaining.war import LearningWar
>>> war = LearningWar(coercer_belief=Fraction(7, 10), target_belief=Fraction(7, 10),
...                   coercer_confidence=2, target_confidence=4, battle_odds=Fraction(1, 2),
...                   cost_coercer=Fraction(1, 100), cost_target=Fraction(1, 100), decisive_margin=4)
>>> strategies = [TryAndSee(), TurningTheScrew(escalation=Fraction(1, 200)),
...               UltimatumSchedule(demand=Fraction(11, 20), deadline=2, threat=Fraction(1, 5),
...                         credibility=Fraction(1, 2))]
>>> for strategy in strategies:
...     d = war.duration_distribution(horizon=20, schedule=strategy)
...     print(f"{d.strategy:17} median {d.median():2d} battles, P(settle) {float(d.settlement_probability):.3f}, "
...           f"terms {float(d.expected_terms):.3f}")
try-and-see       median  8 battles, P(settle) 0.737, terms 0.265
turning the screw median  1 battles, P(settle) 1.000, terms 0.602
ultimatum         median  6 battles, P(settle) 0.874, terms 0.328
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from ..core.arithmetic import require_numeric
from ..core.errors import ParameterValueError
from ..core.parameters import DISCOUNT, NONNEGATIVE, POSITIVE, PROBABILITY, declared, parameter, setting
from ..core.types import Value
from ..core.values import (
    Kind,
    check_range,
)
from .lattice import Schedule
from .race import war_values

if TYPE_CHECKING:
    from .learning import LearningWar

__all__ = [
    "CoaseSolution",
    "CoaseTwoPeriod",
    "TryAndSee",
    "TurningTheScrew",
    "UltimatumSchedule",
    "compare",
    "credibility",
]


Policy = list[tuple[Any, Any]]


def _try_and_see(war: LearningWar, horizon: int, target_cost: Callable[[int], Any]) -> Policy:
    """Settle wherever the subjective range of the whole war is non-empty, at its top end."""
    coercer, target = war_values(war, horizon, target_cost)
    policy = []
    for value_c, value_t in zip(coercer, target, strict=True):
        upper = 1 - value_t
        terms = np.where(_as_bool(upper < 1), upper, 1 + 0 * upper)
        policy.append((_as_bool(value_c <= terms), terms))
    return policy


def _as_bool(values: Any) -> np.ndarray:
    return np.asarray(values, dtype=bool)


@dataclass(frozen=True, slots=True)
class TryAndSee:
    """Try-and-see: the coercer demands what the target accepts, revised every period, no threat.

    >>> from fractions import Fraction
    >>> from bargaining.war import LearningWar
    >>> war = LearningWar(Fraction(7, 10), Fraction(7, 10), 2, 4, Fraction(1, 2), Fraction(1, 100), Fraction(1, 100), 4)
    >>> war.duration_distribution(20, TryAndSee()).median()
    8
    """

    name: str = field(default="try-and-see", init=False)

    def target_cost(self, war: LearningWar, battles: int) -> Any:
        """The target's (constant) cost of a battle.

        >>> from fractions import Fraction
        >>> from bargaining.war import LearningWar
        >>> war = LearningWar(Fraction(3, 5), Fraction(3, 5), 2, 2, Fraction(1, 2), Fraction(1, 20), Fraction(1, 20))
        >>> TryAndSee().target_cost(war, 4).tolist()
        [Fraction(1, 20)]
        """
        return war.expanded("cost_target")

    def policy(self, war: LearningWar, horizon: int) -> Policy:
        r"""Per period, where a settlement is reached (the whole-war range is non-empty) and its terms.

        The coercer demands the most the target accepts, :math:`\min(1, 1 - W_T)`, and settles
        wherever that is at least its own value of fighting on, :math:`W_C`.

        >>> from fractions import Fraction
        >>> from bargaining.war import LearningWar
        >>> war = LearningWar(Fraction(3, 5), Fraction(3, 5), 2, 2, Fraction(1, 2), Fraction(1, 20), Fraction(1, 20))
        >>> TryAndSee().policy(war, 0)  # one battle decides: the range [3/5 - 1/20, 2/5 + 1/20] is empty
        [(array([False]), array([Fraction(9, 20)], dtype=object))]
        """
        cost = war.expanded("cost_target")
        return _try_and_see(war, horizon, lambda n: cost)

    def penalty_target(self, war: LearningWar, battles: int) -> Any:
        """No threat: no lump cost.

        >>> from fractions import Fraction
        >>> from bargaining.war import LearningWar
        >>> war = LearningWar(Fraction(3, 5), Fraction(3, 5), 2, 2, Fraction(1, 2), Fraction(1, 20), Fraction(1, 20))
        >>> TryAndSee().penalty_target(war, 4).tolist()
        [Fraction(0, 1)]
        """
        return 0 * war.expanded("cost_target")


def _refuse_symbols(kind: Kind, schedule: Any, names: tuple[str, ...]) -> None:
    """A schedule's policy compares values at every node: its own fields must be numbers or arrays
    (only the war's ``battle_odds`` may be a symbol); the error names the first symbolic field."""
    if kind == "symbolic":
        name = next((n for n in names if getattr(getattr(schedule, n), "free_symbols", None)), names[0])
        require_numeric(kind, "a schedule's policy", name, getattr(schedule, name))


@dataclass(frozen=True, slots=True)
@declared
class TurningTheScrew:
    r"""Turning the screw: the target's cost of the :math:`n`-th battle is :math:`c_T + g\,n`.

    Parameters
    ----------
    escalation : non-negative
        :math:`g`, the rise in the target's cost per battle (sanctions tightened, arms delivered).

    >>> from fractions import Fraction
    >>> from bargaining.war import LearningWar
    >>> war = LearningWar(Fraction(7, 10), Fraction(7, 10), 2, 4, Fraction(1, 2), Fraction(1, 100), Fraction(1, 100), 4)
    >>> war.duration_distribution(20, TurningTheScrew(Fraction(1, 200))).median()
    1
    """

    escalation: Any = parameter(
        NONNEGATIVE, "the rise in the target's cost per battle (sanctions tightened, arms delivered)"
    )
    name: str = field(default="turning the screw", init=False)
    kind: Kind = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        _refuse_symbols(self.kind, self, ("escalation",))

    def target_cost(self, war: LearningWar, battles: int) -> Any:
        """The target's rising cost of the battle fought after ``battles`` battles.

        >>> from fractions import Fraction
        >>> from bargaining.war import LearningWar
        >>> war = LearningWar(Fraction(3, 5), Fraction(3, 5), 2, 2, Fraction(1, 2), Fraction(1, 20), Fraction(1, 20))
        >>> TurningTheScrew(Fraction(1, 100)).target_cost(war, 5).tolist()
        [Fraction(1, 10)]
        """
        g = self.escalation[..., None] if self.kind == "array" else self.escalation
        return war.expanded("cost_target") + g * battles

    def policy(self, war: LearningWar, horizon: int) -> Policy:
        """Try-and-see against the target's rising costs (its value of fighting counts every one).

        >>> from fractions import Fraction
        >>> from bargaining.war import LearningWar
        >>> war = LearningWar(Fraction(3, 5), Fraction(3, 5), 2, 2, Fraction(1, 2), Fraction(1, 20), Fraction(1, 20))
        >>> [bool(settle[0]) for settle, _ in TurningTheScrew(Fraction(1, 10)).policy(war, 2)]
        [True, True, True]
        """
        return _try_and_see(war, horizon, lambda n: self.target_cost(war, n))

    def penalty_target(self, war: LearningWar, battles: int) -> Any:
        """No lump cost: the pressure is in the flow.

        >>> from fractions import Fraction
        >>> from bargaining.war import LearningWar
        >>> war = LearningWar(Fraction(3, 5), Fraction(3, 5), 2, 2, Fraction(1, 2), Fraction(1, 20), Fraction(1, 20))
        >>> TurningTheScrew(Fraction(1, 100)).penalty_target(war, 4).tolist()
        [Fraction(0, 1)]
        """
        return 0 * war.expanded("cost_target")


def credibility(audience_cost: Value, value_low: Value, value_high: Value, risk: Value = 0) -> Any:
    r"""The probability that a coercer executes its threat, from audience costs (the one-shot model).

    The coercer's net value of executing is private, :math:`w \sim U[w_{lo}, w_{hi}]`; backing down
    after a public threat costs it :math:`a`, so it executes iff :math:`w \ge -a`, and Schelling's
    ``risk`` :math:`\rho` adds a chance that the threat falls whatever it wants:
    :math:`\kappa = \rho + (1 - \rho) P(w \ge -a)`. Computed by
    :meth:`bargaining.coercion.Ultimatum.credibility` (the one-shot model of §4).

    >>> from fractions import Fraction
    >>> credibility(Fraction(1, 4), -1, Fraction(1, 4))
    Fraction(2, 5)
    """
    from ..coercion import Ultimatum as OneShot

    return OneShot(
        0,
        audience_cost=audience_cost,
        execution_low=value_low,
        execution_high=value_high,
        risk=risk,
    ).credibility()


@dataclass(frozen=True, slots=True)
@declared
class UltimatumSchedule:
    r"""An ultimatum: a fixed demand, a deadline in battles, and a threat of given credibility.

    Parameters
    ----------
    demand : probability
        :math:`\bar x`, the coercer's share demanded, never softened before the deadline.
    deadline : non-negative int
        :math:`D`, the period at which the threat falls if the target has not accepted.
    threat : non-negative
        :math:`L`, the target's loss when the threat is executed (stake units).
    credibility : probability
        :math:`\kappa`, the probability the coercer executes (see :func:`credibility`).
    carrot : non-negative
        :math:`s`, an inducement worth :math:`s` to the target if it accepts (George's "carrots"):
        the target accepts iff :math:`\bar x - s \le \hat m_T + c_T + \kappa L`.
    carrot_efficiency : non-negative
        :math:`e`, the carrot's cost to the coercer per unit of value: the coercer's net terms are
        :math:`\bar x - e s`; with :math:`e = 1` a carrot is exactly a smaller demand.

    >>> from fractions import Fraction
    >>> from bargaining.war import LearningWar
    >>> war = LearningWar(Fraction(7, 10), Fraction(7, 10), 2, 4, Fraction(1, 2), Fraction(1, 100), Fraction(1, 100), 4)
    >>> war.duration_distribution(20, UltimatumSchedule(Fraction(11, 20), 2, Fraction(1, 5), Fraction(1, 2))).median()
    6
    """

    demand: Any = parameter(
        PROBABILITY, "the coercer's share demanded, never softened before the deadline", "probability"
    )
    deadline: int = setting("the period at which the threat falls if the target has not accepted")
    threat: Any = parameter(
        NONNEGATIVE, "the target's loss when the threat is executed", "utility (stake units)"
    )
    credibility: Any = parameter(
        PROBABILITY, "the probability that the coercer executes the threat", "probability"
    )
    carrot: Any = parameter(
        NONNEGATIVE,
        "an inducement to the target if it accepts (George's carrots)",
        default=0,
    )
    carrot_efficiency: Any = parameter(
        NONNEGATIVE,
        "the carrot's cost to the coercer per unit of value (1: a carrot is exactly a smaller demand)",
        default=1,
    )
    name: str = field(default="ultimatum", init=False)
    kind: Kind = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        _refuse_symbols(self.kind, self, ("demand", "threat", "credibility", "carrot", "carrot_efficiency"))
        if (
            isinstance(self.deadline, bool)
            or not isinstance(self.deadline, (int, np.integer))
            or self.deadline < 0
        ):
            raise ParameterValueError("deadline", "a non-negative integer number of battles", self.deadline)

    @classmethod
    def from_coercion(cls, one_shot: Any, deadline: int | None = None) -> UltimatumSchedule:
        """The war's ultimatum from a one-shot :class:`bargaining.coercion.Ultimatum` (§4).

        Its demand, its threat, its credibility (audience costs, execution values, Schelling's
        risk) and its carrot (valued at its delivery probability) carry over; ``deadline`` counts
        battles (default: the one-shot deadline, if fixed).

        >>> from fractions import Fraction
        >>> from bargaining.coercion import Ultimatum as OneShot
        >>> one_shot = OneShot(Fraction(3, 5), deadline=4, audience_cost=Fraction(1, 4), threat=Fraction(1, 5),
        ...                    execution_low=-1, execution_high=Fraction(1, 4))
        >>> UltimatumSchedule.from_coercion(one_shot)
        UltimatumSchedule(demand=Fraction(3, 5), deadline=4, threat=Fraction(1, 5), credibility=Fraction(2, 5), carrot=Fraction(0, 1), carrot_efficiency=Fraction(1, 1), name='ultimatum')
        """
        from ..coercion import Ultimatum as OneShot

        if not isinstance(one_shot, OneShot):
            raise ParameterValueError("one_shot", "a bargaining.coercion.Ultimatum", one_shot)
        chosen = one_shot.deadline if deadline is None else deadline
        if chosen is None:
            raise ParameterValueError(
                "deadline", "a number of battles (the one-shot ultimatum has none)", chosen
            )
        return cls(
            one_shot.demand,
            chosen,
            one_shot.threat,
            one_shot.credibility(),
            carrot=one_shot.carrot * one_shot.carrot_credibility,
            carrot_efficiency=one_shot.carrot_efficiency,
        )

    def _field(self, name: str) -> Any:
        value = getattr(self, name)
        return value[..., None] if self.kind == "array" else value

    def target_cost(self, war: LearningWar, battles: int) -> Any:
        """The target's (constant) cost of a battle.

        >>> from fractions import Fraction
        >>> from bargaining.war import LearningWar
        >>> war = LearningWar(Fraction(3, 5), Fraction(3, 5), 2, 2, Fraction(1, 2), Fraction(1, 20), Fraction(1, 20))
        >>> UltimatumSchedule(Fraction(7, 10), 2, Fraction(1, 5), Fraction(1, 2)).target_cost(war, 4).tolist()
        [Fraction(1, 20)]
        """
        return war.expanded("cost_target")

    def policy(self, war: LearningWar, horizon: int) -> Policy:
        r"""The target's best timing against the standing demand, then try-and-see after the deadline.

        At a period :math:`n \le D` the target accepts iff :math:`1 - \bar x + s` is at least its
        equilibrium value of refusing: the battle's cost, the threat's expected loss
        :math:`\kappa L` if :math:`n = D`, and the discounted continuation, in which it may still
        accept before the deadline and after it faces try-and-see (the coercer then demands
        :math:`\min(1, 1 - W_T)` where the whole-war range is non-empty). Ties: it accepts.

        >>> from fractions import Fraction
        >>> from bargaining.war import LearningWar
        >>> war = LearningWar(Fraction(3, 5), Fraction(3, 5), 2, 2, Fraction(1, 2), Fraction(1, 20), Fraction(1, 20))
        >>> settle, terms = UltimatumSchedule(Fraction(7, 10), 0, Fraction(1, 5), Fraction(1, 2)).policy(war, 0)[0]
        >>> settle, terms  # 3/10 < 3/5 - 1/20 - 1/10: the target refuses and fights
        (array([False]), array([Fraction(7, 10)], dtype=object))
        """
        from .race import continuation

        cost = war.expanded("cost_target")
        fallback = _try_and_see(war, horizon, lambda n: cost)
        accept_worth = 1 - self._field("demand") + self._field("carrot")
        accepted: dict[int, Any] = {}

        def stop(n: int, fight: Any) -> tuple[Any, Any]:
            if n > self.deadline:
                settle, terms = fallback[n]
                return settle, 1 - terms
            accepted[n] = _as_bool(accept_worth + 0 * fight >= fight)
            return accepted[n], accept_worth

        continuation(war, horizon, "target", lambda n: cost, stop, lambda n: self.penalty_target(war, n))
        terms = self._field("demand") - self._field("carrot_efficiency") * self._field("carrot")
        return [
            (accepted[n], terms + 0 * fallback[n][1]) if n <= self.deadline else fallback[n]
            for n in range(horizon + 1)
        ]

    def penalty_target(self, war: LearningWar, battles: int) -> Any:
        """At the deadline the threat falls on a target still fighting, with probability ``credibility``.

        >>> from fractions import Fraction
        >>> from bargaining.war import LearningWar
        >>> war = LearningWar(Fraction(3, 5), Fraction(3, 5), 2, 2, Fraction(1, 2), Fraction(1, 20), Fraction(1, 20))
        >>> UltimatumSchedule(Fraction(7, 10), 2, Fraction(1, 5), Fraction(1, 2)).penalty_target(war, 2).tolist()
        [Fraction(1, 10)]
        """
        executed = self._field("credibility") * self._field("threat")
        zero = 0 * war.expanded("cost_target")
        return zero + executed if battles == self.deadline else zero + 0 * executed


def compare(
    war: LearningWar,
    strategies: Sequence[Schedule],
    horizon: int,
    calibration: str = "uncalibrated model periods (one battle each)",
) -> Any:
    """Run each schedule on the same war; one :class:`xarray.Dataset` with a ``strategy`` dimension.

    Holds, per strategy and period: ``settlement``, ``settled_by``, ``survival``, ``hazard``,
    decisive ends; per strategy: ``expected_terms``, ``expected_cost_coercer``,
    ``expected_cost_target``, ``median_duration`` (NaN where beyond the horizon) and ``unresolved``.

    >>> from fractions import Fraction
    >>> from bargaining.war import LearningWar
    >>> war = LearningWar(Fraction(7, 10), Fraction(7, 10), 2, 4, Fraction(1, 2), Fraction(1, 100), Fraction(1, 100), 4)
    >>> table = compare(war, [TryAndSee(), TurningTheScrew(Fraction(1, 200))], horizon=20)
    >>> table["median_duration"].values.tolist()
    [8.0, 1.0]
    """
    import xarray

    if not strategies:
        raise ParameterValueError("strategies", "a non-empty sequence of pressure schedules", strategies)
    tables = []
    for strategy in strategies:
        distribution = war.duration_distribution(horizon, strategy)
        table = distribution.to_dataset(calibration)
        reached = np.cumsum(np.asarray(distribution.ended, dtype=float), axis=-1) >= 0.5
        median = np.where(reached.any(axis=-1), np.argmax(reached, axis=-1), np.nan)
        table["median_duration"] = (table["unresolved"].dims, np.asarray(median, dtype=float))
        tables.append(table)
    combined = xarray.concat(tables, dim="strategy")
    combined = combined.assign_coords(strategy=[s.name for s in strategies])
    combined.attrs = {"time_unit": "battles", "calibration": calibration}
    return combined


@dataclass(frozen=True, slots=True)
class CoaseSolution:
    """Try-and-see over two periods without commitment, and the committed benchmark.

    Demands are ``power + price``; ``cutoff`` is the target cost above which it accepts at once.

    >>> from fractions import Fraction
    >>> solution = CoaseTwoPeriod(Fraction(1, 2), Fraction(1, 2), Fraction(1, 2)).solve()
    >>> solution.cutoff, solution.first_demand
    (Fraction(3, 10), Fraction(29, 40))
    """

    first_demand: Any
    second_demand: Any
    cutoff: Any
    coercer_gain: Any
    committed_demand: Any
    committed_gain: Any


@dataclass(frozen=True, slots=True)
@declared
class CoaseTwoPeriod:
    r"""The Coase problem of try-and-see: two demands against a target with a private cost of war.

    The target's cost of a period of war :math:`c_T` is uniform on :math:`[0, \bar c]`; the
    coercer's war share is :math:`p` and its own cost is sunk (0). In each of two periods the
    coercer demands :math:`x_t = p + q_t`; a refused demand means a period of war (discount
    :math:`\delta`), and after the second refusal the war goes on. Without commitment, the second
    demand is chosen against the types that refused the first, so the first-period cut-off type is
    indifferent between accepting now and waiting for the softer demand (Fudenberg & Tirole 1991,
    *Game Theory*, §10.2.1, the two-period example; Sobel & Takahashi 1983):

    .. math:: v_1 = \bar c\,\frac{2 - \delta}{4 - 3\delta}, \quad
              q_1 = \bar c\,\frac{(2 - \delta)^2}{2(4 - 3\delta)}, \quad q_2 = v_1 / 2,

    (derived in :func:`~bargaining.war.specification.derive_coase_two_period`). A coercer that can
    commit never softens: it demands :math:`p + \bar c/2` in both periods and gains :math:`\bar c/4`,
    more than the :math:`\bar c (2 - \delta)^2 / (4 (4 - 3\delta))` it gains without commitment.

    >>> from fractions import Fraction
    >>> CoaseTwoPeriod(Fraction(1, 2), Fraction(1, 2), Fraction(1, 2)).solve()
    CoaseSolution(first_demand=Fraction(29, 40), second_demand=Fraction(13, 20), cutoff=Fraction(3, 10), coercer_gain=Fraction(9, 80), committed_demand=Fraction(3, 4), committed_gain=Fraction(1, 8))
    """

    power: Any = parameter(PROBABILITY, "the coercer's war share", "probability")
    cost_high: Any = parameter(
        POSITIVE, "the most a period of war can cost the target", "utility (stake units)"
    )
    discount: Any = parameter(DISCOUNT, "the per-period discount factor")
    kind: Kind = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        check_range(
            "power + cost_high",
            self.power + self.cost_high,
            None,
            1,
            requirement="at most 1 (a demand cannot exceed the whole stake)",
        )

    def solve(self) -> CoaseSolution:
        """The two demands, the cut-off, and the gains with and without commitment.

        >>> from fractions import Fraction
        >>> CoaseTwoPeriod(0, 1, Fraction(1, 2)).solve().cutoff
        Fraction(3, 5)
        """
        p, cbar, delta = self.power, self.cost_high, self.discount
        cutoff = cbar * (2 - delta) / (4 - 3 * delta)
        first_price = cbar * (2 - delta) ** 2 / (2 * (4 - 3 * delta))
        return CoaseSolution(
            first_demand=p + first_price,
            second_demand=p + cutoff / 2,
            cutoff=cutoff,
            coercer_gain=cbar * (2 - delta) ** 2 / (4 * (4 - 3 * delta)),
            committed_demand=p + cbar / 2,
            committed_gain=cbar / 4,
        )

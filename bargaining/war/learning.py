# ruff: noqa: RUF009 - parameter() returns a dataclass field, like dataclasses.field
r"""The learning war: mutual optimism that battles dispel (Slantchev 2003; Smith & Stam 2004).

The coercer C and the target T fight a sequence of battles; C wins each with a fixed but unknown
probability :math:`\theta` (``battle_odds``). Each side holds its own Beta prior over
:math:`\theta`: C's has mean :math:`m_C` (``coercer_belief``) and strength
:math:`N_C = a_C + b_C` pseudo-battles (``coercer_confidence``); T's has strength :math:`N_T` and
mean :math:`1 - q_T`, where :math:`q_T` (``target_belief``) is T's belief that *it* wins a battle,
as in :class:`bargaining.crisis.MutualOptimism`. Battles are public, so after :math:`n` battles of
which C won :math:`k` the posterior means are

.. math:: \hat m_C = \frac{m_C N_C + k}{N_C + n}, \qquad \hat m_T = \frac{(1 - q_T) N_T + k}{N_T + n}.

Each period the sides compare a settlement with fighting the **whole remaining war**: each side's
subjective probability of winning the race to the decisive margin (``decisive_margin`` battles of
lead on the front), under its own posterior, discounted (``discount``) to the date the race ends,
minus its expected discounted costs (:mod:`bargaining.war.race`). The **subjective range** at a
node is :math:`[W_C,\ 1 - W_T]` (:meth:`LearningWar.bargaining_range`), and a settlement needs it
non-empty. This is the *principle of convergence*: war goes on while the sides' readings of the
battlefield are too far apart, and ends once the public record has pulled them together
(Slantchev 2003, "The Principle of Convergence in Wartime Negotiations", APSR 97(4); Smith & Stam
2004, "Bargaining and the Nature of War", JCR 48(6)); with a common prior there is no war.

The **one-battle restriction** (the horizon equal to the battles fought: one final battle decides)
values war at the posterior mean minus one battle's cost, :math:`[\hat m_C - c_C,\ \hat m_T + c_T]`.
With **equally confident** priors (:math:`N_C = N_T = N`) the gap between the posterior means is
:math:`N (m_C - m_T)/(N + n)` whatever the battles' outcomes, so that range opens after a known
number of battles, :math:`\lceil N (\Delta - c)/c \rceil` with :math:`\Delta = m_C + q_T - 1` the
optimism and :math:`c = c_C + c_T` (:meth:`LearningWar.settlement_battles`, derived in
:func:`~bargaining.war.specification.derive_learning_settlement`). The war valued whole settles at a
random date; :meth:`LearningWar.duration_distribution` computes its distribution exactly over the
battle lattice (:mod:`bargaining.war.lattice`).

>>> from fractions import Fraction
>>> war = LearningWar(coercer_belief=Fraction(4, 5), target_belief=Fraction(4, 5),
...                   coercer_confidence=10, target_confidence=10, battle_odds=Fraction(1, 2),
...                   cost_coercer=Fraction(1, 20), cost_target=Fraction(1, 20))
>>> war.settlement_battles()
Fraction(50, 1)
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from ..core.arithmetic import ceiling, square_root
from ..core.errors import ParameterTypeError, ParameterValueError
from ..core.parameters import (
    DISCOUNT_CLOSED,
    NONNEGATIVE,
    POSITIVE,
    PROBABILITY,
    Domain,
    declared,
    parameter,
    plan_of,
    setting,
)
from ..core.values import (
    Case,
    Kind,
    check_nonnegative,
    select,
)
from . import race
from .lattice import Schedule, SettlementDistribution, run_lattice
from .strategies import TryAndSee

__all__ = ["LearningWar"]

_OPEN_PROBABILITY = Domain(
    "interior",
    "a prior mean in (0, 1) (a Beta prior needs both parameters positive)",
    0,
    1,
    lower_open=True,
    upper_open=True,
    assumptions=("positive",),
)


@dataclass(frozen=True, slots=True)
@declared
class LearningWar:
    r"""A war of battles whose odds the sides learn, each from its own Beta prior.

    Parameters
    ----------
    coercer_belief : probability in (0, 1)
        :math:`m_C`, the coercer's prior mean of its battle odds :math:`\theta`.
    target_belief : probability in (0, 1)
        :math:`q_T`, the target's prior mean of *its* battle odds :math:`1 - \theta`.
    coercer_confidence, target_confidence : positive
        Prior strengths :math:`N_C, N_T` (pseudo-battles: :math:`a + b` of each Beta prior).
    battle_odds : probability
        The true :math:`\theta` that generates the battles.
    cost_coercer, cost_target : non-negative
        Each side's cost of one more battle, in units of the stake.
    decisive_margin : positive int or None
        The war ends militarily when one side leads by this many battles (None: never).
    discount : number in (0, 1]
        :math:`\delta`, the discount factor per battle (1: none), used in each side's value of
        fighting the whole war (:mod:`bargaining.war.race`).

    Examples
    --------
    Priors that agree (no optimism beyond the costs) settle before the first battle:

    >>> from fractions import Fraction
    >>> LearningWar(Fraction(1, 2), Fraction(1, 2), 4, 4, Fraction(1, 2)).settlement_battles()
    Fraction(0, 1)
    """

    coercer_belief: Any = parameter(
        _OPEN_PROBABILITY, "the coercer's prior mean of its chance to win a battle", "probability"
    )
    target_belief: Any = parameter(
        _OPEN_PROBABILITY, "the target's prior mean of its own chance to win a battle", "probability"
    )
    coercer_confidence: Any = parameter(POSITIVE, "the weight of the coercer's prior", "battles")
    target_confidence: Any = parameter(POSITIVE, "the weight of the target's prior", "battles")
    battle_odds: Any = parameter(PROBABILITY, "the true chance that the coercer wins a battle", "probability")
    cost_coercer: Any = parameter(
        NONNEGATIVE, "the coercer's cost of one more battle", "utility (stake units)", default=0
    )
    cost_target: Any = parameter(
        NONNEGATIVE, "the target's cost of one more battle", "utility (stake units)", default=0
    )
    decisive_margin: int | None = setting(
        "the lead in battles that ends the war outright (None: never)", "battles", default=None
    )
    discount: Any = parameter(DISCOUNT_CLOSED, "the discount factor per battle (1: none)", default=1)
    kind: Kind = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        margin = self.decisive_margin
        if margin is not None and (
            isinstance(margin, bool) or not isinstance(margin, (int, np.integer)) or margin < 1
        ):
            raise ParameterValueError(
                "decisive_margin", "a positive integer number of battles or None", margin
            )

    @staticmethod
    def numeric_fields() -> tuple[str, ...]:
        """The names of the numeric parameters, in order.

        >>> LearningWar.numeric_fields()[:2]
        ('coercer_belief', 'target_belief')
        """
        return tuple(plan_of(LearningWar).checks)

    def expanded(self, name: str) -> Any:
        """A parameter with a trailing axis for the battle lattice when the kind is ``array``.

        >>> LearningWar([0.6, 0.7], 0.6, 2.0, 2.0, 0.5).expanded("coercer_belief").shape
        (2, 1)
        """
        value = getattr(self, name)
        return (
            value[..., None]
            if self.kind == "array"
            else np.asarray(value, dtype=float if self.kind == "float" else object)[None]
        )

    def as_float(self) -> LearningWar:
        """The same war with float parameters (for sampling).

        >>> from fractions import Fraction
        >>> LearningWar(Fraction(3, 5), Fraction(3, 5), 2, 2, Fraction(1, 2)).as_float().coercer_belief
        0.6
        """
        floats: dict[str, Any] = {name: float(getattr(self, name)) for name in plan_of(LearningWar).checks}
        return dataclasses.replace(self, **floats)

    @property
    def optimism(self) -> Any:
        r""":math:`m_C + q_T - 1`: how far the two priors over-promise victory.

        >>> from fractions import Fraction
        >>> LearningWar(Fraction(7, 10), Fraction(3, 5), 2, 2, Fraction(1, 2)).optimism
        Fraction(3, 10)
        """
        return self.coercer_belief + self.target_belief - 1

    def posterior_means(self, battles: int, coercer_wins: Any, *, expanded: bool = False) -> tuple[Any, Any]:
        r"""Both sides' posterior means of :math:`\theta` after ``battles`` battles, ``coercer_wins`` won by C.

        >>> from fractions import Fraction
        >>> war = LearningWar(Fraction(4, 5), Fraction(4, 5), 10, 10, Fraction(1, 2))
        >>> war.posterior_means(10, 5)
        (Fraction(13, 20), Fraction(7, 20))
        """
        get = self.expanded if expanded else (lambda name: getattr(self, name))
        strength_c, strength_t = get("coercer_confidence"), get("target_confidence")
        mean_c = (get("coercer_belief") * strength_c + coercer_wins) / (strength_c + battles)
        mean_t = ((1 - get("target_belief")) * strength_t + coercer_wins) / (strength_t + battles)
        return mean_c, mean_t

    def bargaining_range(self, battles: int, coercer_wins: int, horizon: int) -> Any:
        r"""The subjective range of the whole war at a lattice node (a :class:`bargaining.crisis.BargainingRange`).

        :math:`[W_C,\ 1 - W_T]`: each side's value of fighting the remaining war to the decisive
        margin or to the ``horizon`` (:func:`bargaining.war.race.war_values`). With
        ``horizon == battles`` one final battle decides, and the range is the one-battle range
        :math:`[\hat m_C - c_C,\ \hat m_T + c_T]` of the closed form.

        >>> from fractions import Fraction
        >>> war = LearningWar(Fraction(4, 5), Fraction(4, 5), 10, 10, Fraction(1, 2), Fraction(1, 20), Fraction(1, 20))
        >>> war.bargaining_range(0, 0, 0)
        BargainingRange(lower=Fraction(3, 4), upper=Fraction(1, 4))
        >>> war.bargaining_range(50, 25, 50).is_empty
        False
        """
        from ..crisis.range import BargainingRange

        for name, value, top in (
            ("horizon", horizon, 10**6),
            ("battles", battles, horizon),
            ("coercer_wins", coercer_wins, battles),
        ):
            if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or not 0 <= value <= top:
                raise ParameterValueError(name, f"an integer in [0, {top}]", value)
        coercer, target = race.war_values(self, horizon)
        lower, upper = (
            value[()] if isinstance(value, np.ndarray) and value.ndim == 0 else value
            for value in (coercer[battles][..., coercer_wins], 1 - target[battles][..., coercer_wins])
        )
        return BargainingRange(lower, upper)

    def settlement_battles(self, escalation: Any = 0) -> Any:
        r"""The battles before the **one-battle** range opens, when both priors are equally confident.

        The date at which :math:`\hat m_C - c_C \le \hat m_T + c_T` on every record: the closed form of
        the restriction in which each period's next battle is taken to decide the war
        (``bargaining_range(n, k, n)``). It is not the settlement date of the war valued whole
        (:meth:`duration_distribution`), which is random and comes later or earlier as the race is
        worth more or less than a battle.

        ``escalation`` :math:`g` makes the target's cost of a battle :math:`c_T + g n` (the screw),
        which settles sooner. Decisive victories (``decisive_margin``) are ignored here.

        >>> from fractions import Fraction
        >>> war = LearningWar(Fraction(4, 5), Fraction(4, 5), 10, 10, Fraction(1, 2),
        ...                   Fraction(1, 20), Fraction(1, 20))
        >>> war.settlement_battles(escalation=Fraction(1, 100))
        Fraction(15, 1)
        """
        check_nonnegative("escalation", escalation)
        strength = self.coercer_confidence
        unequal = strength != self.target_confidence
        if np.any(unequal) if self.kind != "symbolic" else bool(unequal == True):  # noqa: E712
            raise ParameterValueError(
                "target_confidence", "equal to coercer_confidence for the closed form", self.target_confidence
            )
        cost = self.cost_coercer + self.cost_target
        gap = self.optimism
        if self.kind != "symbolic" and np.any((cost + escalation == 0) & (gap > cost)):
            raise ParameterValueError(
                "cost_coercer + cost_target + escalation",
                "positive for a finite settlement date (costless war never closes the gap)",
                cost + escalation,
            )
        if self.kind == "symbolic":
            safe_cost: Any = cost
        elif self.kind == "array":
            safe_cost = np.where(cost > 0, cost, 1.0)
        else:
            safe_cost = cost if cost != 0 else 1
        if not (isinstance(escalation, (int, Fraction)) and escalation == 0):
            g = escalation
            radicand = 4 * strength * g * gap + (strength * g) ** 2 - 2 * strength * cost * g + cost**2
            battles = (-strength * g - cost + square_root(self.kind, radicand)) / (2 * g)
        else:
            battles = strength * (gap - cost) / safe_cost
        if self.kind in ("exact", "float") and gap <= cost:
            return 0 * gap
        return select(
            self.kind,
            [
                Case("settles at once", gap <= cost, 0 * gap),
                Case("settles when the gap closes", True, ceiling(self.kind, battles)),
            ],
        )

    def duration_distribution(self, horizon: int, schedule: Schedule | None = None) -> SettlementDistribution:
        """The exact distribution of how and when the war ends, by DP over the battle lattice.

        ``schedule`` is a pressure schedule from :mod:`bargaining.war.strategies` (default: try-and-see).
        A symbolic ``battle_odds`` (with every other parameter a number) gives each probability as
        a polynomial in the odds: the stopping region depends on beliefs only, not on the truth.

        >>> from fractions import Fraction
        >>> war = LearningWar(Fraction(7, 10), Fraction(7, 10), 2, 4, Fraction(1, 2),
        ...                   Fraction(1, 100), Fraction(1, 100), decisive_margin=4)
        >>> distribution = war.duration_distribution(horizon=20)
        >>> distribution.settled_by(3), distribution.settlement_probability
        (Fraction(1, 8), Fraction(3017, 4096))
        """
        if self.kind == "symbolic":
            for name in plan_of(LearningWar).checks:
                value = getattr(self, name)
                if name != "battle_odds" and value.free_symbols:
                    raise ParameterTypeError(
                        name, "a number for the lattice DP (only battle_odds may be a symbol)", value
                    )
        return run_lattice(self, horizon, TryAndSee() if schedule is None else schedule)

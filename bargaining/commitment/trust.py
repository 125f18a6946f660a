# ruff: noqa: RUF009 - parameter() returns a dataclass field, like dataclasses.field
r"""Trust and small steps (in the spirit of Kydd 2005; Watson 1999): the prior cooperation needs.

**The trust game.** Two sides play an assurance game. A *trustworthy* side prefers mutual
cooperation :math:`R` (``reward``) to exploiting a cooperator :math:`T` (``temptation``), and
mutual defection :math:`P` (``punishment``) to being exploited :math:`S` (``sucker``); an
*untrustworthy* side always defects. A side believes the other trustworthy with probability
:math:`\pi` (``prior``). In the cooperative equilibrium trustworthy types cooperate, and a
trustworthy side cooperates iff :math:`\pi R + (1 - \pi)(S + G) \ge \pi T + (1 - \pi) P`, where a
**guarantee** :math:`G` makes a betrayal cost less
(:func:`~bargaining.commitment.specification.derive_trust_threshold`):

.. math:: \pi^* = \frac{P - S - G}{P - S - G + R - T} \quad (G < P - S), \qquad 0 \text{ otherwise}.

**Small steps (behavioural).** Before a big agreement (gain 1 if kept, loss :math:`L` if
betrayed), the sides conclude small agreements of size :math:`s` (gain :math:`s`, loss :math:`sL`).
Here a greedy partner is *not strategic*: it breaks a step of size :math:`s` with probability
:math:`s` (temptation grows with the stakes), and betrays the big agreement if it gets there; a
trustworthy one keeps every step. A strategic greedy partner keeps cheap steps to exploit the big
agreement (Watson 1999); that is :class:`~bargaining.commitment.Gradualism`. Each kept step raises the belief by Bayes' rule,
:math:`\pi_k = \pi_0 / (\pi_0 + (1 - \pi_0)(1 - s)^k)`, and the big agreement pays once
:math:`\pi_k \ge L/(1 + L)`, i.e. after

.. math:: n(s) = \Bigl\lceil \log\frac{\pi_0}{L (1 - \pi_0)} \Big/ \log(1 - s) \Bigr\rceil^+

kept steps. The plan's expected value (:func:`~bargaining.commitment.specification.derive_small_steps`)
trades the speed of learning (large steps) against the losses from broken steps (small steps);
:meth:`SmallSteps.best_plan` finds the best size on a grid, and with it the number of steps.

>>> from fractions import Fraction
>>> TrustGame(reward=4, temptation=3, punishment=3, sucker=0, prior=Fraction(1, 2)).prior_needed()
Fraction(3, 4)
>>> steps = SmallSteps(prior=Fraction(1, 2), loss=2, discount=Fraction(9, 10), size=Fraction(1, 2))
>>> steps.steps_needed(), steps.posterior(1)
(1, Fraction(2, 3))
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from ..core.errors import ParameterValueError
from ..core.parameters import DISCOUNT, NONNEGATIVE, POSITIVE, PROBABILITY, REAL, Domain, declared, parameter
from ..core.values import (
    Case,
    Kind,
    at_least,
    check_nonnegative,
    check_range,
    maximum,
    ratio,
    select,
    select_label,
)

__all__ = ["SmallSteps", "SmallStepsPlan", "TrustGame"]

_POSITIVE_PROBABILITY = Domain(
    "probability", "a probability in (0, 1]", 0, 1, lower_open=True, assumptions=("positive",)
)
_SIZE = Domain("size", "in (0, 1]", 0, 1, lower_open=True, assumptions=("positive",))


@dataclass(frozen=True, slots=True)
@declared
class TrustGame:
    r"""An assurance game against a partner who is trustworthy with probability ``prior``.

    Parameters
    ----------
    reward, temptation, punishment, sucker : real
        A trustworthy side's payoffs: mutual cooperation, exploiting, mutual defection, exploited.
        An assurance game needs ``reward > temptation`` and ``punishment > sucker``.
    prior : probability
        The belief :math:`\pi` that the partner is trustworthy.
    guarantee : non-negative
        What a third party restores to a betrayed cooperator.

    Examples
    --------
    A stag hunt (stag 4, hare 3 whatever the other does, stag alone 0): the stag needs a belief of
    3/4 that the other hunts it too, so hare is risk dominant (Harsanyi and Selten 1988).

    >>> from fractions import Fraction
    >>> game = TrustGame(4, 3, 3, 0, prior=Fraction(2, 3))
    >>> game.prior_needed(), game.is_cooperative(), game.minimal_guarantee()
    (Fraction(3, 4), False, Fraction(1, 1))
    """

    reward: Any = parameter(REAL, "a trustworthy side's payoff of mutual cooperation")
    temptation: Any = parameter(REAL, "a trustworthy side's payoff of exploiting the partner")
    punishment: Any = parameter(REAL, "a trustworthy side's payoff of mutual defection")
    sucker: Any = parameter(REAL, "a trustworthy side's payoff of being exploited")
    prior: Any = parameter(PROBABILITY, "the belief pi that the partner is trustworthy", "probability")
    guarantee: Any = parameter(NONNEGATIVE, "what a third party restores to a betrayed cooperator", default=0)
    kind: Kind = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        check_range(
            "reward - temptation",
            self.reward - self.temptation,
            0,
            lower_open=True,
            requirement="positive (a trustworthy side prefers mutual cooperation to exploiting)",
        )
        check_range(
            "punishment - sucker",
            self.punishment - self.sucker,
            0,
            lower_open=True,
            requirement="positive (being exploited is worse than mutual defection)",
        )

    def _cases(self) -> list[Case]:
        exposure = self.punishment - self.sucker - self.guarantee
        return [
            Case("guaranteed", exposure <= 0, 0 * exposure),
            Case("trust needed", True, ratio(self.kind, exposure, exposure + self.reward - self.temptation)),
        ]

    def prior_needed(self) -> Any:
        """The least belief in the partner's trustworthiness at which a trustworthy side cooperates.

        >>> from fractions import Fraction
        >>> game = TrustGame(reward=4, temptation=3, punishment=3, sucker=0, prior=Fraction(1, 2))
        >>> game.prior_needed()
        Fraction(3, 4)
        """
        return select(self.kind, self._cases())

    def regime(self) -> Any:
        """``"trust needed"`` or ``"guaranteed"`` (the guarantee covers the whole exposure).

        >>> from fractions import Fraction
        >>> game = TrustGame(reward=4, temptation=3, punishment=3, sucker=0, prior=Fraction(1, 2))
        >>> game.regime()
        'trust needed'
        """
        return select_label(self.kind, self._cases())

    def is_cooperative(self) -> Any:
        """Whether trustworthy types cooperate in equilibrium at ``prior``.

        >>> from fractions import Fraction
        >>> game = TrustGame(reward=4, temptation=3, punishment=3, sucker=0, prior=Fraction(1, 2))
        >>> game.is_cooperative()
        False
        """
        return at_least(self.kind, self.prior, self.prior_needed())

    def minimal_guarantee(self) -> Any:
        r"""The least guarantee at which the given prior suffices for cooperation.

        >>> from fractions import Fraction
        >>> game = TrustGame(reward=4, temptation=3, punishment=3, sucker=0, prior=Fraction(1, 2))
        >>> game.minimal_guarantee()
        Fraction(2, 1)
        """
        prior = self.prior
        needed = (
            self.punishment
            - self.sucker
            - ratio(self.kind, prior * (self.reward - self.temptation), 1 - prior)
        )
        full_trust = prior >= 1 if self.kind != "symbolic" else False
        return select(
            self.kind,
            [
                Case("full trust", full_trust, 0 * prior),
                Case("", True, maximum(self.kind, needed, 0 * prior)),
            ],
        )


@dataclass(frozen=True, slots=True)
class SmallStepsPlan:
    """The best plan of small steps: their size, how many, its expected value, the chance that the
    big agreement is reached and the chance that it is reached and kept.

    >>> from fractions import Fraction
    >>> plan = SmallSteps(Fraction(1, 5), 1, Fraction(9, 10), Fraction(1, 2)).best_plan([Fraction(1, 5), Fraction(1, 2)])
    >>> plan.size, plan.steps, plan.kept_probability
    (Fraction(1, 5), 7, Fraction(1, 5))
    """

    size: Any
    steps: Any
    expected_value: Any
    reach_probability: Any
    kept_probability: Any


@dataclass(frozen=True, slots=True)
@declared
class SmallSteps:
    r"""Small agreements before a big one, each kept step raising trust by Bayes' rule.

    Parameters
    ----------
    prior : probability, positive
        The initial belief :math:`\pi_0 > 0` that the partner is trustworthy.
    loss : positive
        The loss :math:`L` from a betrayed big agreement, relative to its gain of 1.
    discount : discount factor
        :math:`\delta`: one step per period.
    size : in (0, 1]
        The size :math:`s` of each small step, relative to the big agreement.

    Examples
    --------
    >>> from fractions import Fraction
    >>> plan = SmallSteps(Fraction(1, 5), 1, Fraction(9, 10), Fraction(1, 2))
    >>> plan.threshold, plan.steps_needed(), plan.reach_probability(), plan.kept_probability()
    (Fraction(1, 2), 2, Fraction(2, 5), Fraction(1, 5))
    """

    prior: Any = parameter(
        _POSITIVE_PROBABILITY, "the initial belief that the partner is trustworthy", "probability"
    )
    loss: Any = parameter(POSITIVE, "the loss L from a betrayed big agreement, relative to its gain of 1")
    discount: Any = parameter(DISCOUNT, "one step per period")
    size: Any = parameter(_SIZE, "the size of each small step, relative to the big agreement")
    kind: Kind = field(init=False, repr=False, compare=False)

    @property
    def threshold(self) -> Any:
        r"""The belief at which the big agreement pays in expectation, :math:`L/(1 + L)`.

        >>> from fractions import Fraction
        >>> steps = SmallSteps(prior=Fraction(1, 2), loss=2, discount=Fraction(9, 10), size=Fraction(1, 2))
        >>> steps.threshold
        Fraction(2, 3)
        """
        return self.loss / (1 + self.loss)

    def posterior(self, kept: Any) -> Any:
        """The belief that the partner is trustworthy after ``kept`` kept steps.

        >>> SmallSteps(0.5, 1.0, 0.9, 0.5).posterior(2)
        0.8
        """
        check_nonnegative("kept", kept)
        greedy = (1 - self.prior) * (1 - self.size) ** kept
        return self.prior / (self.prior + greedy)

    def steps_needed(self) -> Any:
        """The number of kept steps after which the big agreement pays (0 if it already does).

        >>> from fractions import Fraction
        >>> steps = SmallSteps(prior=Fraction(1, 2), loss=2, discount=Fraction(9, 10), size=Fraction(1, 2))
        >>> steps.steps_needed()
        1
        """
        prior, loss, size = self.prior, self.loss, self.size
        if self.kind == "symbolic":
            import sympy

            count = sympy.ceiling(sympy.log(prior / (loss * (1 - prior))) / sympy.log(1 - size))
            return sympy.Max(0, count)
        if self.kind == "array":
            ready = prior >= loss * (1 - prior)
            whole = size >= 1
            with np.errstate(divide="ignore", invalid="ignore"):
                estimate = np.ceil(np.log(prior / (loss * (1 - prior))) / np.log(1 - size))
            count = np.where(ready, 0.0, np.where(whole, 1.0, estimate))
            # correct the float estimate by one where rounding put it on the wrong side
            short = ~ready & ~whole & (prior < loss * (1 - prior) * (1 - size) ** count)
            return np.where(short, count + 1, count).astype(int)
        return _exact_steps(Fraction(prior), Fraction(loss), Fraction(size))

    def reach_probability(self) -> Any:
        """The chance that every step is kept and the big agreement is reached (greedy partners
        that get there then betray it).

        >>> from fractions import Fraction
        >>> steps = SmallSteps(prior=Fraction(1, 2), loss=2, discount=Fraction(9, 10), size=Fraction(1, 2))
        >>> steps.reach_probability()
        Fraction(3, 4)
        """
        return self.prior + (1 - self.prior) * (1 - self.size) ** self.steps_needed()

    def kept_probability(self) -> Any:
        """P(the big agreement is reached and kept): only a trustworthy partner keeps it, so this
        is the prior (the plan always reaches the big agreement for a trustworthy partner).

        >>> from fractions import Fraction
        >>> SmallSteps(Fraction(1, 5), 1, Fraction(9, 10), Fraction(1, 2)).kept_probability()
        Fraction(1, 5)
        """
        return self.prior + 0 * self.size

    def success_probability(self) -> Any:
        """P(the big agreement is reached and kept), as :meth:`kept_probability` (this name once
        counted greedy partners that reach the big agreement and betray it; see
        :meth:`reach_probability` for that).

        >>> from fractions import Fraction
        >>> steps = SmallSteps(prior=Fraction(1, 2), loss=2, discount=Fraction(9, 10), size=Fraction(1, 2))
        >>> steps.success_probability()
        Fraction(1, 2)
        """
        return self.kept_probability()

    def expected_value(self) -> Any:
        """The expected value of the plan: ``steps_needed`` steps of ``size``, then the big agreement.

        >>> from fractions import Fraction
        >>> steps = SmallSteps(prior=Fraction(1, 2), loss=2, discount=Fraction(9, 10), size=Fraction(1, 2))
        >>> steps.expected_value()
        Fraction(1, 8)
        """
        return _plan_value(self.prior, self.loss, self.discount, self.size, self.steps_needed())

    def best_plan(self, sizes: Any = None) -> SmallStepsPlan:
        """The best step size among ``sizes`` (default: 1/100, 2/100, ..., 1), with its steps and value.

        Exact inputs are evaluated exactly on the grid; float and array inputs with arrays (the grid
        is a new last axis). Ties go to the larger step.

        >>> from fractions import Fraction
        >>> SmallSteps(Fraction(1, 5), 1, Fraction(9, 10), Fraction(1, 2)).best_plan(
        ...     [Fraction(k, 10) for k in range(1, 11)])
        SmallStepsPlan(size=Fraction(1, 5), steps=7, expected_value=Fraction(...), reach_probability=Fraction(...), kept_probability=Fraction(1, 5))
        """
        if self.kind == "symbolic":
            raise NotImplementedError("the best plan is a search; give numbers")
        grid = [Fraction(k, 100) for k in range(1, 101)] if sizes is None else list(sizes)
        if not grid:
            raise ParameterValueError("sizes", "a non-empty sequence of step sizes", grid)
        if self.kind == "exact":
            plans = [SmallSteps(self.prior, self.loss, self.discount, size) for size in grid]
            values = [plan.expected_value() for plan in plans]
            best = max(range(len(plans)), key=lambda i: (values[i], plans[i].size))
            chosen = plans[best]
            return SmallStepsPlan(
                chosen.size,
                chosen.steps_needed(),
                values[best],
                chosen.reach_probability(),
                chosen.kept_probability(),
            )
        candidates = np.asarray([float(size) for size in grid])
        shaped = np.broadcast_shapes(*(np.shape(v) for v in (self.prior, self.loss, self.discount)))
        expand = (..., None)
        stack = SmallSteps(
            np.broadcast_to(np.asarray(self.prior, float), shaped)[expand],
            np.asarray(self.loss, float)[expand] if np.ndim(self.loss) else float(self.loss),
            np.asarray(self.discount, float)[expand] if np.ndim(self.discount) else float(self.discount),
            np.broadcast_to(candidates, (*shaped, candidates.size)),
        )
        values = stack.expected_value()
        steps = stack.steps_needed()
        reach = stack.reach_probability()
        best = values.shape[-1] - 1 - np.argmax(values[..., ::-1], axis=-1)

        def pick(values: np.ndarray) -> np.ndarray:
            return np.take_along_axis(values, best[..., None], axis=-1)[..., 0]

        size = candidates[best]
        if not shaped:
            kept = float(self.prior)
            return SmallStepsPlan(
                float(size), int(pick(steps)), float(pick(values)), float(pick(reach)), kept
            )
        return SmallStepsPlan(
            size, pick(steps), pick(values), pick(reach), np.broadcast_to(self.prior, shaped)
        )


def _exact_steps(prior: Fraction, loss: Fraction, size: Fraction) -> int:
    """The least :math:`n \\ge 0` with :math:`\\pi_0 \\ge L (1 - \\pi_0)(1 - s)^n`, exactly."""
    if prior >= loss * (1 - prior):
        return 0
    if size >= 1:
        return 1
    estimate = math.log(prior / (loss * (1 - prior))) / math.log(1 - size)
    count = max(1, math.ceil(estimate) - 1)
    while prior < loss * (1 - prior) * (1 - size) ** count:  # at most two rounds past the estimate
        count += 1
    return count


def _plan_value(prior: Any, loss: Any, discount: Any, size: Any, steps: Any) -> Any:
    """The closed form of the plan's expected value (sums derived in the specification)."""
    kept_greedy = discount * (1 - size)
    steps_value = prior * size * (1 - discount**steps) / (1 - discount) + (1 - prior) * size * (
        1 - size - size * loss
    ) * (1 - kept_greedy**steps) / (1 - kept_greedy)
    agreement = discount**steps * (prior - (1 - prior) * (1 - size) ** steps * loss)
    return steps_value + agreement

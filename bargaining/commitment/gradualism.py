# ruff: noqa: RUF009 - parameter() returns a dataclass field, like dataclasses.field
r"""Small steps against a strategic greedy partner (Watson 1999, "Starting small and renegotiation").

**Setting.** Before a big agreement (worth 1 to each side when kept), the sides conclude small
agreements of sizes :math:`\sigma_0, \dots, \sigma_{n-1}` (``stakes``), one per period. A partner
is trustworthy with probability :math:`\pi_0` (``prior``) and keeps everything; otherwise it is
**greedy** and *chooses* when to betray: betraying an agreement of size :math:`\sigma` gains it
:math:`G\sigma` (``temptation``, :math:`G > 1`) once, costs the other side :math:`L\sigma`
(``loss``), and ends the relationship; keeping a step is worth :math:`\sigma`. After the steps the
other side signs the big agreement iff its belief :math:`\pi_n` that the partner is trustworthy
is at least :math:`\pi^* = L/(1 + L)` (it mixes, signing with probability :math:`\lambda`, when
indifferent). A greedy partner betrays the big agreement if it is signed (:math:`G > 1`).

**The greedy type keeps cheap steps.** With :math:`K_k = \sum_{j<k} \delta^j \sigma_j`, betraying
step :math:`k` is worth :math:`B_k = K_k + \delta^k G \sigma_k` to it, and reaching a signed big
agreement :math:`R = K_n + \delta^n G`. The stakes at which it is exactly indifferent between
betraying a step and going on grow geometrically,
(:func:`~bargaining.commitment.specification.derive_gradualism`)

.. math:: \sigma_k = \rho^{\,n-k}, \qquad \rho = \frac{\delta G}{G - 1},

Watson's gradualism: on any path below it (:meth:`Gradualism.deterrence_path`) the greedy type is
deterred from betraying every step and keeps them all to exploit the big agreement, so kept steps
teach nothing. The equilibrium, with :math:`B^* = \max_k B_k`:

- **screening** (:math:`B^* > R`): the greedy type betrays a step even if the big agreement is
  sure; whoever keeps every step is trustworthy, and the big agreement is signed;
- **pooling** (:math:`B^* \le R`, :math:`\pi_0 \ge \pi^*`): every step is kept, the big agreement
  is signed and the greedy type betrays it;
- **mixed** (:math:`B^* \le R`, :math:`\pi_0 < \pi^*`): the greedy type reaches the big agreement
  with probability :math:`m = \pi_0 (1 - \pi^*)/((1 - \pi_0)\pi^*)` (so :math:`\pi_n = \pi^*`) and
  betrays a best step otherwise; the big agreement is signed with probability
  :math:`\lambda = (B^* - K_n)/(\delta^n G)`, which leaves it indifferent.

The chance that **the big agreement is reached and kept** is :math:`\pi_0 \lambda` (only a
trustworthy partner keeps it; :math:`\lambda = 1` unless mixed); the chance that it is signed and
betrayed is :math:`(1 - \pi_0)\,m\,\lambda` (with :math:`m = 1` when pooling, 0 when screening).

>>> from fractions import Fraction
>>> plan = Gradualism(prior=Fraction(1, 5), loss=1, temptation=3, discount=Fraction(1, 2),
...                   stakes=[Fraction(1, 2), Fraction(9, 10)])
>>> solution = plan.solve()
>>> solution.regime, solution.kept_probability
('screening', Fraction(1, 5))
>>> Gradualism(Fraction(1, 5), 1, 3, Fraction(1, 2), plan.deterrence_path(2)).solve().regime
'mixed'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ..core.errors import ParameterTypeError, ParameterValueError
from ..core.parameters import DISCOUNT, INTERIOR, POSITIVE, Domain, declared, parameter, setting
from ..core.values import Kind

__all__ = ["Gradualism", "GradualismSolution"]


@dataclass(frozen=True, slots=True)
class GradualismSolution:
    """The equilibrium of a plan of small steps against a strategic greedy partner.

    Attributes
    ----------
    regime : str
        ``"screening"``, ``"pooling"`` or ``"mixed"`` (see :class:`Gradualism`); ``"no agreement"``
        when there are no steps and the prior is below the threshold.
    betrayal_step : int or None
        The step a greedy partner betrays when it does not go on to the big agreement (the
        earliest best one); ``None`` when pooling.
    reach_probability : scalar
        :math:`m`, the chance that a greedy partner keeps every step.
    signing_probability : scalar
        :math:`\\lambda`, the chance that the big agreement is signed once the steps are kept.
    kept_probability : scalar
        P(the big agreement is reached and kept) :math:`= \\pi_0 \\lambda`.
    betrayed_probability : scalar
        P(the big agreement is signed and betrayed) :math:`= (1 - \\pi_0)\\, m \\lambda`.

    >>> from fractions import Fraction
    >>> plan = Gradualism(prior=Fraction(1, 5), loss=1, temptation=3, discount=Fraction(1, 2), stakes=[Fraction(1, 2), Fraction(9, 10)])
    >>> plan.solve()
    GradualismSolution(regime='screening', betrayal_step=1, reach_probability=Fraction(0, 1), signing_probability=Fraction(1, 1), kept_probability=Fraction(1, 5), betrayed_probability=Fraction(0, 1))
    """

    regime: str
    betrayal_step: int | None
    reach_probability: Any
    signing_probability: Any
    kept_probability: Any
    betrayed_probability: Any


_GREEDY = Domain("temptation", "greater than 1 (greedy)", 1, None, lower_open=True, assumptions=("positive",))


@dataclass(frozen=True, slots=True)
@declared
class Gradualism:
    r"""A plan of small steps before a big agreement, against a greedy partner that chooses when to betray.

    Parameters
    ----------
    prior : probability in (0, 1)
        :math:`\pi_0`, the belief that the partner is trustworthy.
    loss : positive
        :math:`L`: a betrayed agreement of size :math:`\sigma` costs :math:`L\sigma`.
    temptation : greater than 1
        :math:`G`: betraying an agreement of size :math:`\sigma` gains a greedy partner :math:`G\sigma`.
    discount : discount factor
        :math:`\delta`, one step per period.
    stakes : sequence
        The sizes :math:`\sigma_k \in (0, 1]` of the small steps, in order (may be empty).

    Exact (int, Fraction) and float scalars are accepted; the plan is a sequence whose length is
    the number of steps, so there is no array axis over parameters (solve one plan at a time).

    Examples
    --------
    Steps that grow no faster than Watson's path are all kept by the greedy type:

    >>> from fractions import Fraction
    >>> Gradualism(Fraction(1, 2), 1, 3, Fraction(1, 2), [Fraction(1, 4)] * 3).solve().regime
    'pooling'
    """

    prior: Any = parameter(INTERIOR, "the belief that the partner is trustworthy", "probability")
    loss: Any = parameter(POSITIVE, "what a betrayed agreement costs, per unit of its size")
    temptation: Any = parameter(
        _GREEDY, "what betraying an agreement gains a greedy partner, per unit of its size"
    )
    discount: Any = parameter(DISCOUNT, "one step per period")
    stakes: Sequence[Any] = setting(
        "the sizes sigma_k in (0, 1] of the small steps, in order (may be empty)", default=()
    )
    kind: Kind = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        kind = self.kind
        if kind not in ("exact", "float"):
            raise ParameterTypeError("prior", "exact or float scalars (one plan at a time)", self.prior)
        if isinstance(self.stakes, (str, bytes)) or not isinstance(self.stakes, Sequence):
            raise ParameterTypeError("stakes", "a sequence of step sizes", self.stakes)
        stakes = tuple(Fraction(s) if kind == "exact" else float(s) for s in self.stakes)
        for index, size in enumerate(stakes):
            if not 0 < size <= 1:
                raise ParameterValueError("stakes", "step sizes in (0, 1]", size, f"at index {index}")
        object.__setattr__(self, "stakes", stakes)

    @property
    def threshold(self) -> Any:
        r"""The belief at which signing the big agreement pays, :math:`\pi^* = L/(1 + L)`.

        >>> from fractions import Fraction
        >>> plan = Gradualism(prior=Fraction(1, 5), loss=1, temptation=3, discount=Fraction(1, 2), stakes=[Fraction(1, 2), Fraction(9, 10)])
        >>> plan.threshold
        Fraction(1, 2)
        """
        return self.loss / (1 + self.loss)

    @property
    def growth_limit(self) -> Any:
        r""":math:`\rho = \delta G/(G - 1)`: a step within :math:`\rho^{n-k}` of the big agreement is kept.

        >>> from fractions import Fraction
        >>> plan = Gradualism(prior=Fraction(1, 5), loss=1, temptation=3, discount=Fraction(1, 2), stakes=[Fraction(1, 2), Fraction(9, 10)])
        >>> plan.growth_limit
        Fraction(3, 4)
        """
        return self.discount * self.temptation / (self.temptation - 1)

    def deterrence_path(self, steps: int) -> tuple[Any, ...]:
        """The largest stakes (at most 1) at which the greedy type is deterred from betraying any of
        ``steps`` steps: :math:`\\sigma_k = \\min(1, \\rho^{n-k})`.

        >>> from fractions import Fraction
        >>> Gradualism(Fraction(1, 2), 1, 3, Fraction(1, 2)).deterrence_path(3)
        (Fraction(27, 64), Fraction(9, 16), Fraction(3, 4))
        """
        if isinstance(steps, bool) or not isinstance(steps, int) or steps < 0:
            raise ParameterValueError("steps", "a non-negative integer", steps)
        rho = self.growth_limit
        return tuple(min(rho ** (steps - k), 1 + 0 * rho) for k in range(steps))

    def betrayal_values(self) -> tuple[tuple[Any, ...], Any]:
        """The greedy type's value of betraying each step, :math:`B_k`, and of reaching a signed big
        agreement and betraying it, :math:`R`.

        >>> from fractions import Fraction
        >>> plan = Gradualism(prior=Fraction(1, 5), loss=1, temptation=3, discount=Fraction(1, 2), stakes=[Fraction(1, 2), Fraction(9, 10)])
        >>> plan.betrayal_values()
        ((Fraction(3, 2), Fraction(37, 20)), Fraction(17, 10))
        """
        delta, greed = self.discount, self.temptation
        kept, weight, values = 0 * delta, 1 + 0 * delta, []
        for size in self.stakes:
            values.append(kept + weight * greed * size)
            kept, weight = kept + weight * size, weight * delta
        return tuple(values), kept + weight * greed

    def solve(self) -> GradualismSolution:
        """The equilibrium: regime, the greedy type's betrayal, signing, P(reached and kept).

        >>> from fractions import Fraction
        >>> plan = Gradualism(prior=Fraction(1, 5), loss=1, temptation=3, discount=Fraction(1, 2), stakes=[Fraction(1, 2), Fraction(9, 10)])
        >>> plan.solve().regime
        'screening'
        """
        prior, threshold = self.prior, self.threshold
        steps, reach = self.betrayal_values()
        zero, one = 0 * prior, 1 + 0 * prior
        best = max(steps) if steps else None
        if best is not None and best > reach:
            return GradualismSolution("screening", steps.index(best), zero, one, prior, zero)
        if prior >= threshold:
            return GradualismSolution("pooling", None, one, one, prior, 1 - prior)
        if best is None:  # no steps and too little trust: the big agreement is not signed
            return GradualismSolution("no agreement", None, one, zero, zero, zero)
        delta, greed, n = self.discount, self.temptation, len(self.stakes)
        kept_all = reach - delta**n * greed
        signing = (best - kept_all) / (delta**n * greed)
        mix = prior * (1 - threshold) / ((1 - prior) * threshold)
        return GradualismSolution(
            "mixed", steps.index(best), mix, signing, prior * signing, (1 - prior) * mix * signing
        )

    def posterior(self, kept: int) -> Any:
        """The equilibrium belief that the partner is trustworthy after ``kept`` kept steps.

        >>> from fractions import Fraction
        >>> plan = Gradualism(Fraction(1, 5), 1, 3, Fraction(1, 2), [Fraction(1, 2), Fraction(9, 10)])
        >>> [plan.posterior(k) for k in range(3)]
        [Fraction(1, 5), Fraction(1, 5), Fraction(1, 1)]
        """
        if isinstance(kept, bool) or not isinstance(kept, int) or not 0 <= kept <= len(self.stakes):
            raise ParameterValueError("kept", f"an integer in [0, {len(self.stakes)}]", kept)
        solution = self.solve()
        if solution.betrayal_step is None or kept <= solution.betrayal_step:
            return self.prior
        staying = solution.reach_probability
        return self.prior / (self.prior + (1 - self.prior) * staying)

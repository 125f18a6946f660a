# ruff: noqa: RUF009 - parameter() returns a dataclass field, like dataclasses.field
r"""George's ultimatum: a demand with three parts of specificity, sticks, carrots and credibility.

The coercer C demands the concession :math:`x` of the target T (George 1991, *Forceful
Persuasion*). T complies or resists; if T resists and the threat falls, it is executed with
probability

.. math:: e = \rho + (1 - \rho)\, q, \qquad q = P(w \ge -a) =
          \operatorname{clip}\Bigl(\frac{w_{hi} + a}{w_{hi} - w_{lo}}, 0, 1\Bigr),

where :math:`\rho` is Schelling's risk (a process that ends in the threat whatever C wants),
:math:`w \sim U[w_{lo}, w_{hi}]` is C's private net value of executing and :math:`a` the
audience cost of backing down (the concept is Fearon's 1994; the one-shot execution rule, C
executes iff :math:`w \ge -a`, is this model's). George's three parts of specificity are three
parameters:

* **the condition**: what counts as compliance is blurred by the ``vagueness`` :math:`\sigma`
  (:mod:`bargaining.coercion.blur`): a ``"uniform"`` blur (the complying target concedes
  :math:`x + \sigma` to be sure), a ``"one-sided gaussian"`` (half-normal above :math:`x`) or a
  ``"centred gaussian"`` blur (normal around :math:`x`, never below zero), where it picks its
  margin and is recognised with a probability below one. C values only :math:`x`.
* **the deadline**: the threat falls after ``deadline`` periods, weight :math:`\tau = \delta^D`;
  with no deadline fixed (``None``) it falls at a geometric time with per-period probability
  ``urgency`` :math:`h`, weight :math:`\tau = E\,\delta^T = h\delta / (1 - (1 - h)\delta)`, and
  with :math:`h = 0` it never falls (nothing is executed and nobody backs down).
* **the threat**: its loss scale :math:`\ell` and how public it is, :math:`a`.

**Timing.** T may comply at any period up to the deadline, or not at all. While it has not
complied it pays the ``delay_cost`` :math:`c` per period (a status-quo or war cost while the
demand stands; normalised so that :math:`c` paid every period forever is worth :math:`c`, so
waiting :math:`t` periods costs :math:`c(1 - \delta^t)`); complying costs :math:`\delta^t n`.
What T pays is linear in :math:`\delta^t`, so only the first period and the deadline matter:
it complies at once iff :math:`c \ge n` and otherwise at the deadline, where the discount
cancels (:func:`~bargaining.coercion.specification.derive_timing`). A deadline therefore acts
only through the waiting cost: with :math:`c = 0` it changes when T complies, not whether.

A **carrot** :math:`s` is worth :math:`s` to T, delivered on compliance with probability
``carrot_credibility`` :math:`\kappa`, and costs C ``carrot_efficiency`` :math:`\times s` when
delivered. T's resolve :math:`R` is private, :math:`R \sim U[r_{lo}, r_{hi}]` by default or any
``scipy.stats`` distribution on :math:`[0, 1]`; T loses :math:`L = \ell(1 - R)` from the executed
threat. With the *need* :math:`n = x + \sigma - \kappa s` (uniform blur), T complies iff

.. math:: eL \ge n \;\text{(at the deadline)} \quad\text{or}\quad
          \tau e L + c(1 - \tau) \ge n \;\text{(at once)},

and with :math:`F` the uniform resolve CDF, :math:`P(\text{comply}) = F(R^*)`,
:math:`P(\text{threat executed}) = \phi\, e\,(1 - P(\text{comply}))`,
:math:`P(\text{back down}) = \phi (1 - e)(1 - P(\text{comply}))`, where :math:`\phi` is 1 if the
threat ever falls and 0 if not; with :math:`\phi = 0` the resisters stay in the standoff
(``threat_never_falls_probability``).

Every closed form is derived in :mod:`bargaining.coercion.specification`.

>>> from fractions import Fraction
>>> outcome = Ultimatum(demand=Fraction(1, 2), audience_cost=Fraction(1, 2)).outcome()
>>> outcome.compliance_probability, outcome.threat_executed_probability, outcome.credibility
(Fraction(1, 3), Fraction(1, 2), Fraction(3, 4))
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any

import numpy as np

from ..core.constructors import slot_init
from ..core.errors import Description, ParameterTypeError, ParameterValueError
from ..core.parameters import DISCOUNT, NONNEGATIVE, PROBABILITY, REAL, UNIT, declared, parameter, setting
from ..core.rational import deferred, reduced
from ..core.types import Value
from ..core.values import (
    Case,
    Kind,
    at_least,
    every,
    holding,
    select,
    select_label,
)
from .blur import BLURS
from .ultimatum_cases import (
    _compliance_cases,
    _compliance_regimes,
    _credibility_cases,
    _credibility_regimes,
    _fallback,
    outcome_values,
)
from .ultimatum_numeric import numeric_values

__all__ = ["Ultimatum", "UltimatumOutcome"]

_BLUR_REQUIREMENT = "one of " + ", ".join(repr(b) for b in BLURS)
_NUMBERS = ("exact", "float")  # the kinds a solve reads regime by regime


@slot_init
@dataclass(frozen=True, slots=True)
class UltimatumOutcome:
    """What an ultimatum does: the outcome probabilities, credibility and both utilities.

    ``compliance_probability + threat_executed_probability + back_down_probability +
    threat_never_falls_probability == 1``. ``immediate_compliance_probability`` is the part of
    the compliance that comes at once (the rest comes at the deadline). ``credibility`` is
    :math:`P(\\text{execute} \\mid \\text{the threat falls on a resister})`. Utilities are present
    values relative to the status quo. ``regime`` is ``"no compliance"``, ``"partial compliance"``
    or ``"full compliance"`` (for symbols, the tuple of :class:`~bargaining.core.values.Regime`
    with their conditions).

    >>> from fractions import Fraction
    >>> threat = Ultimatum(Fraction(1, 4), audience_cost=Fraction(1, 2), threat=1)
    >>> outcome = threat.outcome()
    >>> outcome.compliance_probability, outcome.threat_executed_probability, outcome.regime
    (Fraction(2, 3), Fraction(1, 4), 'partial compliance')
    """

    compliance_probability: Any
    threat_executed_probability: Any
    back_down_probability: Any
    threat_never_falls_probability: Any
    immediate_compliance_probability: Any
    credibility: Any
    coercer_utility: Any
    target_utility: Any
    regime: Any


def _check_deadline(deadline: Any) -> None:
    if deadline is None or (type(deadline) is int and deadline >= 0):  # the common cases, at once
        return
    if isinstance(deadline, (bool, np.bool_)) or not isinstance(deadline, (int, np.integer)):
        raise ParameterTypeError("deadline", "a whole number of periods or None", deadline)
    if deadline < 0:
        raise ParameterValueError("deadline", "a non-negative number of periods or None", deadline)


def _check_resolve_distribution(distribution: Any) -> None:
    if distribution is None:
        return
    if not (hasattr(distribution, "cdf") and callable(distribution.cdf) and hasattr(distribution, "ppf")):
        raise ParameterTypeError("resolve_distribution", "a frozen scipy.stats distribution", distribution)
    low, high = (float(v) for v in distribution.support())
    if low < 0 or high > 1:
        raise ParameterValueError(
            "resolve_distribution", "supported on [0, 1]", Description(f"support [{low}, {high}]")
        )


@dataclass(frozen=True, slots=True)
@declared
class Ultimatum:
    r"""A coercive demand with George's three parts of specificity, a carrot and a credibility.

    Parameters
    ----------
    demand : rational in [0, 1]
        The concession asked of the target, :math:`x`.
    vagueness : non-negative
        How far above :math:`x` the real condition may lie, :math:`\sigma` (0: a specific condition).
    blur : ``"uniform"``, ``"one-sided gaussian"`` or ``"centred gaussian"``
        The shape of the blur of the condition (:mod:`bargaining.coercion.blur`).
    deadline : int or None
        Periods until the threat falls, or ``None`` when no deadline is fixed.
    discount : in (0, 1)
        The target's and coercer's per-period discount factor :math:`\delta`.
    urgency : probability
        With no deadline, the per-period probability that the threat falls.
    audience_cost : non-negative
        What backing down after the threat costs the coercer, :math:`a` (how public the threat is).
    threat : non-negative
        The scale :math:`\ell` of the loss the executed threat inflicts.
    carrot, carrot_efficiency, carrot_credibility
        The inducement :math:`s \ge 0`, its cost to the coercer per unit of value
        (:math:`\ge 0`) and the probability it is delivered.
    risk : probability
        Schelling's risk :math:`\rho` that the threat falls after resistance whatever the coercer wants.
    execution_low, execution_high : real, low < high
        The support of the coercer's private net value of executing, :math:`w`.
    resolve_low, resolve_high : in [0, 1], low < high
        The support of the target's uniform resolve :math:`R` (ignored if ``resolve_distribution``).
    resolve_distribution : frozen scipy.stats distribution on [0, 1], optional
        Any other distribution of resolve (results are then floats or arrays).
    delay_cost : non-negative
        What the target pays each period while it has not complied, :math:`c` (normalised: paid
        every period forever it is worth :math:`c`); the deadline acts through it.

    >>> from fractions import Fraction
    >>> threat = Ultimatum(Fraction(1, 4), audience_cost=Fraction(1, 2), threat=1)
    >>> threat.outcome().compliance_probability
    Fraction(2, 3)
    """

    demand: Any = parameter(UNIT, "the concession asked of the target")
    vagueness: Any = parameter(
        NONNEGATIVE,
        "how far above the demand the real condition may lie (0: a specific condition)",
        default=0,
    )
    blur: str = setting(
        "the shape of the blur of the condition: uniform, one-sided or centred Gaussian", default="uniform"
    )
    deadline: int | None = setting(
        "periods until the threat falls, or None when no deadline is fixed", default=0
    )
    discount: Any = parameter(
        DISCOUNT, "the target's and coercer's per-period discount factor", default=Fraction(9, 10)
    )
    urgency: Any = parameter(
        PROBABILITY,
        "with no deadline, the per-period probability that the threat falls",
        "probability",
        default=0,
    )
    audience_cost: Any = parameter(
        NONNEGATIVE,
        "what backing down after the threat costs the coercer (how public the threat is)",
        default=0,
    )
    threat: Any = parameter(NONNEGATIVE, "the scale of the loss the executed threat inflicts", default=1)
    carrot: Any = parameter(NONNEGATIVE, "the inducement offered for compliance", default=0)
    carrot_efficiency: Any = parameter(NONNEGATIVE, "what a unit of carrot costs the coercer", default=1)
    carrot_credibility: Any = parameter(
        PROBABILITY, "the probability that a promised carrot is delivered", "probability", default=1
    )
    risk: Any = parameter(
        PROBABILITY,
        "Schelling's risk that the threat falls after resistance whatever the coercer wants",
        "probability",
        default=0,
    )
    execution_low: Any = parameter(REAL, "the coercer's lowest net value of executing the threat", default=-1)
    execution_high: Any = parameter(
        REAL, "the coercer's highest net value of executing the threat", default=1, above="execution_low"
    )
    resolve_low: Any = parameter(UNIT, "the lowest resolve of the target (uniform resolve)", default=0)
    resolve_high: Any = parameter(
        UNIT, "the highest resolve of the target (uniform resolve)", default=1, above="resolve_low"
    )
    resolve_distribution: Any = setting(
        "any other distribution of resolve (results are then floats or arrays)", default=None
    )
    delay_cost: Any = parameter(
        NONNEGATIVE,
        "what the target pays each period while it has not complied (the deadline acts through it)",
        default=0,
    )
    kind: Kind = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.blur, str):
            raise ParameterTypeError("blur", _BLUR_REQUIREMENT, self.blur)
        if self.blur not in BLURS:
            raise ParameterValueError("blur", _BLUR_REQUIREMENT, self.blur)
        _check_deadline(self.deadline)
        _check_resolve_distribution(self.resolve_distribution)
        if self.kind == "symbolic" and self.resolve_distribution is not None:
            raise ParameterTypeError(
                "resolve_distribution", "None when the parameters are symbolic", self.resolve_distribution
            )

    # ------------------------------------------------------------------ George's three strategies

    @classmethod
    def try_and_see(cls, demand: Any, **others: Any) -> Ultimatum:
        """George's *try-and-see*: a clear demand, no deadline, no threat; only a carrot can move T.

        >>> Ultimatum.try_and_see(Fraction(1, 4), carrot=Fraction(1, 2)).outcome().compliance_probability
        Fraction(1, 1)
        """
        return cls(demand, deadline=None, urgency=0, threat=0, audience_cost=0, **others)

    @classmethod
    def turning_the_screw(cls, demand: Value, threat: Value, urgency: Value, **others: Any) -> Ultimatum:
        """George's *turning the screw*, one-shot: no deadline, pressure that falls with per-period
        probability ``urgency``, no public commitment (the repeated version is in the war model).

        >>> Ultimatum.turning_the_screw(Fraction(1, 4), 1, Fraction(1, 2)).outcome().compliance_probability
        Fraction(7, 18)
        """
        return cls(demand, deadline=None, threat=threat, urgency=urgency, audience_cost=0, **others)

    @classmethod
    def ultimatum(
        cls, demand: Value, deadline: int, threat: Value, audience_cost: Value, **others: Any
    ) -> Ultimatum:
        """George's *ultimatum*: a specific demand, a fixed deadline, a public threat, no softening.

        >>> Ultimatum.ultimatum(Fraction(1, 4), 0, 1, Fraction(1, 2)).outcome().compliance_probability
        Fraction(2, 3)
        """
        specific: dict[str, Any] = {"vagueness": 0, "carrot": 0}  # a specific demand, no softening
        return cls(
            demand, deadline=deadline, threat=threat, audience_cost=audience_cost, **specific, **others
        )

    # ------------------------------------------------------------------ the pieces

    @property
    def discount_weight(self) -> Any:
        r"""The present weight of the threat, :math:`\tau` (``deadline`` periods or a geometric time).

        >>> Ultimatum(Fraction(1, 2), deadline=None, urgency=Fraction(1, 2)).discount_weight
        Fraction(9, 11)
        """
        if self.deadline is None:
            h, delta = self.urgency, self.discount
            return h * delta / (1 - (1 - h) * delta)
        return self.discount**self.deadline

    def credibility(self) -> Any:
        r""":math:`P(\text{execute} \mid \text{resist}) = \rho + (1 - \rho) P(w \ge -a)`.

        >>> Ultimatum(Fraction(1, 2), audience_cost=Fraction(1, 2), risk=Fraction(1, 2)).credibility()
        Fraction(7, 8)
        """
        regimes = _credibility_regimes(self.kind, self.audience_cost, self.execution_low, self.execution_high)
        will = (
            holding(regimes)[2] if self.kind in _NUMBERS else select(self.kind, [Case(*r) for r in regimes])
        )
        return self.risk + (1 - self.risk) * will

    def credibility_regime(self) -> Any:
        """Whether the coercer's own will makes it never, always or only sometimes execute.

        >>> from fractions import Fraction
        >>> threat = Ultimatum(Fraction(1, 4), audience_cost=Fraction(1, 2), threat=1)
        >>> threat.credibility_regime()
        'uncertain'
        """
        return select_label(
            self.kind,
            _credibility_cases(self.kind, self.audience_cost, self.execution_low, self.execution_high),
        )

    def leverage(self) -> Any:
        r"""The most the threat can weigh on a target of zero resolve, :math:`A = e\tau\ell`.

        >>> from fractions import Fraction
        >>> threat = Ultimatum(Fraction(1, 4), audience_cost=Fraction(1, 2), threat=1)
        >>> threat.leverage()
        Fraction(3, 4)
        """
        return self.credibility() * self.discount_weight * self.threat

    def need(self) -> Any:
        r"""What the threat must make up: :math:`n = x + \sigma - \kappa s` (uniform blur).

        >>> from fractions import Fraction
        >>> threat = Ultimatum(Fraction(1, 4), audience_cost=Fraction(1, 2), threat=1)
        >>> threat.need(), Ultimatum(Fraction(1, 4), vagueness=Fraction(1, 10), carrot=Fraction(1, 20)).need()
        (Fraction(1, 4), Fraction(3, 10))
        """
        return self.demand + self.vagueness - self.carrot_credibility * self.carrot

    def _float(self) -> Ultimatum:
        """The same ultimatum with exact fields as floats (for the numeric paths)."""
        if self.kind != "exact":
            return self
        names = [
            f
            for f in self.__dataclass_fields__
            if f not in ("blur", "deadline", "resolve_distribution", "kind")
        ]
        changes: dict[str, Any] = {name: float(getattr(self, name)) for name in names}
        return replace(self, **changes)

    # ------------------------------------------------------------------ outcomes

    def compliance_probability(self) -> Any:
        """P(the target complies and its compliance is recognised).

        >>> Ultimatum(Fraction(1, 4), vagueness=Fraction(1, 10), audience_cost=1).compliance_probability()
        Fraction(13, 20)
        """
        return self.outcome().compliance_probability

    def threat_executed_probability(self) -> Any:
        """P(the target resists, or is not recognised as complying, the threat falls and is executed).

        >>> Ultimatum(Fraction(1, 2)).threat_executed_probability()
        Fraction(1, 2)
        """
        return self.outcome().threat_executed_probability

    def threat_falls(self) -> Any:
        """Whether the threat ever falls on a resisting target: 1 with a deadline or a positive
        ``urgency``, 0 with no deadline and no urgency (then nothing is executed or backed down from).

        >>> Ultimatum(Fraction(1, 2), deadline=None).threat_falls()
        Fraction(0, 1)
        """
        if self.deadline is not None:
            return 0 * self.urgency + 1
        h = self.urgency
        return select(self.kind, [Case("falls", h > 0, 0 * h + 1), Case("never", True, 0 * h)])

    def outcome(self) -> UltimatumOutcome:
        """Solve the ultimatum: closed forms for a uniform blur and resolve, numeric otherwise.

        >>> Ultimatum(Fraction(1, 4), threat=2, audience_cost=1).outcome()  # doctest: +NORMALIZE_WHITESPACE
        UltimatumOutcome(compliance_probability=Fraction(7, 8), threat_executed_probability=Fraction(1, 8),
            back_down_probability=Fraction(0, 1), threat_never_falls_probability=Fraction(0, 1),
            immediate_compliance_probability=Fraction(7, 8), credibility=Fraction(1, 1),
            coercer_utility=Fraction(7, 32), target_utility=Fraction(-15, 64), regime='partial compliance')
        """
        if self.blur != "uniform" and self.vagueness_is_positive():
            if self.kind == "symbolic":
                raise NotImplementedError(
                    "a Gaussian blur has no closed-form compliance threshold (the root of a "
                    "transcendental equation): give numbers or arrays"
                )
            return self._numeric_outcome()
        if self.resolve_distribution is not None:
            return self._numeric_outcome()
        if self.kind == "array":
            return self._uniform_outcome_array()
        if self.kind == "exact":  # the same closed form on GMP's rationals, each result a Fraction
            return deferred(self)._uniform_outcome(reduced)
        return self._uniform_outcome()

    def delay_cost_is_positive(self) -> bool:
        """Whether the target pays anything for waiting, anywhere.

        >>> from fractions import Fraction
        >>> threat = Ultimatum(Fraction(1, 4), audience_cost=Fraction(1, 2), threat=1)
        >>> threat.delay_cost_is_positive(), Ultimatum(Fraction(1, 4), delay_cost=Fraction(1, 10)).delay_cost_is_positive()
        (False, True)
        """
        if self.kind == "symbolic":
            return self.delay_cost.is_zero is not True
        return bool(np.any(np.asarray(self.delay_cost, dtype=float) > 0))

    def vagueness_is_positive(self) -> bool:
        """Whether the condition is blurred anywhere (a Gaussian blur of zero is no blur).

        >>> from fractions import Fraction
        >>> threat = Ultimatum(Fraction(1, 4), audience_cost=Fraction(1, 2), threat=1)
        >>> threat.vagueness_is_positive()
        False
        """
        if self.kind == "symbolic":
            return self.vagueness.is_zero is not True
        return bool(np.any(np.asarray(self.vagueness, dtype=float) > 0))

    def _coercer_values(self, tau: Any = None) -> tuple[Any, Any]:
        """C's value of recognised compliance (when paid) and its discounted value after resistance
        (``tau``, the discount weight, given when already computed)."""
        comply = self.demand - self.carrot_efficiency * self.carrot_credibility * self.carrot
        fallback = _fallback(
            self.kind, self.audience_cost, self.execution_low, self.execution_high, self.risk
        )
        return comply, (self.discount_weight if tau is None else tau) * fallback

    def _options(self, execution: Any = None, tau: Any = None) -> tuple[Any, Any, Any, Any]:
        r"""The two compliance options as (leverage, need) pairs on :math:`L = \ell(1 - R)`.

        At once: :math:`\tau e L + c(1 - \tau) \ge n`; at the deadline: :math:`eL \ge n`
        (:func:`~bargaining.coercion.specification.derive_timing`).
        """
        e = self.credibility() if execution is None else execution  # given when already computed
        tau = self.discount_weight if tau is None else tau
        c = self.delay_cost
        need = self.need()
        return tau * e * self.threat, need - c * (1 - tau), e * self.threat, need

    def _numeric_outcome(self) -> UltimatumOutcome:
        """Any blur, any resolve distribution, by quadrature (:mod:`.ultimatum_numeric`), in floats."""
        values, regime = numeric_values(self._float())
        return UltimatumOutcome(*values, regime)  # type: ignore[call-arg]

    def _uniform_outcome(self, reduce: Callable[[Any], Any] | None = None) -> UltimatumOutcome:
        """The closed forms for numbers and symbols (arrays: :meth:`_uniform_outcome_array`); for
        numbers only the regime that holds is built. ``reduce`` brings each result back from
        GMP's rationals (:func:`~bargaining.core.rational.reduced`)."""
        kind = self.kind
        execution, tau, c, falls = (
            self.credibility(),
            self.discount_weight,
            self.delay_cost,
            self.threat_falls(),
        )
        lever_once, need_once, lever_late, need = self._options(execution, tau)
        low, high = self.resolve_low, self.resolve_high
        if kind in _NUMBERS:
            early = not self.deadline or c >= need  # waiting costs more than the concession saves
            lever, threshold = (lever_once, need_once) if early else (lever_late, need)
            label, _, comply = holding(_compliance_regimes(kind, lever, threshold, low, high))
            first = 0 * need + 1 if early else 0 * need
        else:
            once = _compliance_cases(kind, lever_once, need_once, low, high)
            if not self.deadline:  # no deadline, or a deadline now: only compliance at once
                cases, first = once, 0 * need + 1
            else:
                early = at_least(kind, c, need)  # waiting costs more than the concession saves
                cases = [Case(k.label, every(kind, early, k.condition), k.value) for k in once]
                cases += _compliance_cases(kind, lever_late, need, low, high)
                first = select(kind, [Case("at once", early, 0 * need + 1), Case("late", True, 0 * need)])
            comply, label = select(kind, cases), select_label(kind, cases)
        width = high - low
        above = ((1 - low - comply * width) ** 2 - (1 - high) ** 2) / (2 * width)
        waiting, resist, late = c * (1 - tau), 1 - comply, 1 - first
        complier = first * -need + late * (-waiting - tau * need)
        target = comply * complier - resist * waiting - lever_once * above  # lever_once = tau e l
        value_comply, value_resist = self._coercer_values(tau)
        paid = first * value_comply + late * tau * value_comply
        coercer = comply * paid + resist * value_resist
        values = outcome_values(comply, resist, falls, execution, first * comply, coercer, target)
        values = values if reduce is None else [reduce(value) for value in values]
        return UltimatumOutcome(*values, label)  # type: ignore[call-arg]

    def _uniform_outcome_array(self) -> UltimatumOutcome:
        """The same closed forms as :meth:`_uniform_outcome`, fused for arrays: clips instead of
        three-way selects, integer-coded regime labels, no copies where shapes already agree."""
        low_w, high_w, a = self.execution_low, self.execution_high, self.audience_cost
        will = np.clip((high_w + a) / (high_w - low_w), 0.0, 1.0)
        execution = self.risk + (1 - self.risk) * will
        tau, c = self.discount_weight, self.delay_cost
        falls = 1.0 if self.deadline is not None else np.where(np.asarray(self.urgency) > 0, 1.0, 0.0)
        need = self.need()
        low, high = self.resolve_low, self.resolve_high
        width = high - low

        def share(leverage: Any, need: Any) -> tuple[Any, Any, Any]:
            spread = leverage * width
            ratio = (leverage * (1 - low) - need) / np.where(spread > 0, spread, 1.0)
            full = leverage * (1 - high) >= need
            none = leverage * (1 - low) <= need
            return np.where(full, 1.0, np.where(none, 0.0, np.clip(ratio, 0.0, 1.0))), full, none

        waiting = c * (1 - tau)
        comply, full, none = share(execution * (tau * self.threat), need - waiting)
        first: Any = 1.0
        if self.deadline:
            first = np.where(c >= need, 1.0, 0.0)
            late, late_full, late_none = share(execution * self.threat, need)
            comply = np.where(first > 0, comply, late)
            full, none = np.where(first > 0, full, late_full), np.where(first > 0, none, late_none)
        resist = 1 - comply
        above = ((1 - low - comply * width) ** 2 - (1 - high) ** 2) / (2 * width)
        complier = first * -need + (1 - first) * (-waiting - tau * need)
        target = comply * complier - resist * waiting - tau * execution * self.threat * above
        value_comply, value_resist = self._coercer_values()
        paid = value_comply * (first + (1 - first) * tau)
        coercer = value_resist + comply * (paid - value_resist)
        code = full.astype(np.int8) * 2 + (~full & ~none)
        regime = np.array(["no compliance", "partial compliance", "full compliance"])[code]
        values = outcome_values(comply, resist, falls, execution, first * comply, coercer, target)
        shape = np.broadcast_shapes(*(np.shape(v) for v in values), regime.shape)
        values = [v if np.shape(v) == shape else np.broadcast_to(v, shape).copy() for v in values]
        if regime.shape != shape:
            regime = np.broadcast_to(regime, shape).copy()
        return UltimatumOutcome(*values, regime)  # type: ignore[call-arg]

r"""George's ultimatum: a demand with three parts of specificity, sticks, carrots and credibility.

The coercer C demands the concession :math:`x` of the target T (MODEL.md §4; George 1991,
*Forceful Persuasion*). T complies or resists; if T resists, the threat is executed with
probability

.. math:: e = \rho + (1 - \rho)\, q, \qquad q = P(w \ge -a) =
          \operatorname{clip}\Bigl(\frac{w_{hi} + a}{w_{hi} - w_{lo}}, 0, 1\Bigr),

where :math:`\rho` is Schelling's risk (a process that ends in the threat whatever C wants),
:math:`w \sim U[w_{lo}, w_{hi}]` is C's private net value of executing and :math:`a` the
audience cost of backing down (Fearon 1994): C executes iff :math:`w \ge -a`. George's three
parts of specificity are three parameters:

* **the condition**: what counts as compliance is at least :math:`x`, blurred upwards by the
  ``vagueness`` :math:`\sigma`. With a *uniform* blur (threshold uniform on
  :math:`[x, x + \sigma]`) the target's payoff is linear in its concession, so a complying
  target concedes :math:`x + \sigma` to be sure; with a *Gaussian* (half-normal) blur it concedes
  :math:`x + m^*` and is recognised with probability :math:`\operatorname{erf}(m^*/\sigma\sqrt2)`
  (:func:`~bargaining.coercion.specification.derive_gaussian_margin`). C values only :math:`x`:
  the margin is deadweight.
* **the deadline**: the threat falls after ``deadline`` periods, weight :math:`\tau = \delta^D`;
  with no deadline fixed (``None``) it falls at a geometric time with per-period probability
  ``urgency`` :math:`h`, weight :math:`\tau = h\delta / (1 - (1 - h)\delta)` (zero if :math:`h = 0`).
* **the threat**: its loss scale :math:`\ell` and how public it is, :math:`a`.

A **carrot** :math:`s` is worth :math:`s` to T, delivered on compliance with probability
``carrot_credibility`` :math:`\kappa`, and costs C ``carrot_efficiency`` :math:`\times s` when
delivered. T's resolve :math:`R` is private, :math:`R \sim U[r_{lo}, r_{hi}]` by default or any
``scipy.stats`` distribution on :math:`[0, 1]`; T loses :math:`\ell(1 - R)` from the executed
threat. A target complies iff :math:`x + \sigma - \kappa s \le e\tau\ell(1 - R)`, so with the
*leverage* :math:`A = e\tau\ell` and the *need* :math:`n = x + \sigma - \kappa s`,

.. math:: P(\text{comply}) = \operatorname{clip}\Bigl(\frac{A(1 - r_{lo}) - n}{A(r_{hi} - r_{lo})},
          0, 1\Bigr), \quad P(\text{war}) = e\,(1 - P(\text{comply})),
          \quad P(\text{back down}) = (1 - e)(1 - P(\text{comply})).

Every closed form is derived in :mod:`bargaining.coercion.specification`.

>>> from fractions import Fraction
>>> outcome = Ultimatum(demand=Fraction(1, 2), audience_cost=Fraction(1, 2)).outcome()
>>> outcome.compliance_probability, outcome.war_probability, outcome.credibility
(Fraction(1, 3), Fraction(1, 2), Fraction(3, 4))
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any

import numpy as np

from ..core.errors import Description, ParameterTypeError, ParameterValueError
from ..core.model import check_real, settle
from ..core.values import (
    Case,
    Kind,
    check_discount,
    check_nonnegative,
    check_probability,
    check_range,
    clip,
    ratio,
    select,
    select_label,
)

__all__ = ["Ultimatum", "UltimatumOutcome", "optimal_demand"]

BLURS = ("uniform", "gaussian")
_NODES = 48  # Gauss-Legendre nodes for the numeric integrals over the target's resolve


@dataclass(frozen=True, slots=True)
class UltimatumOutcome:
    """What an ultimatum does: the three outcome probabilities, credibility and both utilities.

    ``compliance_probability + war_probability + back_down_probability == 1``. ``credibility`` is
    :math:`P(\\text{execute} \\mid \\text{resist})`. Utilities are relative to the status quo. ``regime``
    is ``"no compliance"``, ``"partial compliance"`` or ``"full compliance"`` (for symbols, the
    tuple of :class:`~bargaining.core.values.Regime` with their conditions).
    """

    compliance_probability: Any
    war_probability: Any
    back_down_probability: Any
    credibility: Any
    coercer_utility: Any
    target_utility: Any
    regime: Any


def _credibility_cases(kind: Kind, audience_cost: Any, low: Any, high: Any) -> list[Case]:
    """:math:`P(w \\ge -a)` for :math:`w \\sim U[w_{lo}, w_{hi}]`, by regime."""
    return [
        Case("never executes", high + audience_cost <= 0, 0 * audience_cost),
        Case("always executes", low + audience_cost >= 0, 0 * audience_cost + 1),
        Case("uncertain", True, ratio(kind, high + audience_cost, high - low)),
    ]


def _compliance_cases(kind: Kind, leverage: Any, need: Any, low: Any, high: Any) -> list[Case]:
    """:math:`P(R \\le R^*)` for :math:`R \\sim U[r_{lo}, r_{hi}]`, by regime (see the module docstring)."""
    return [
        Case("full compliance", leverage * (1 - high) >= need, 0 * need + 1),
        Case("no compliance", leverage * (1 - low) <= need, 0 * need),
        Case(
            "partial compliance",
            True,
            ratio(kind, leverage * (1 - low) - need, leverage * (high - low)),
        ),
    ]


def _fallback(kind: Kind, audience_cost: Any, low: Any, high: Any, risk: Any) -> Any:
    """C's expected value after resistance, before discounting: chance execution mixed with
    :math:`E[\\max(w, -a)]` (execute iff :math:`w \\ge -a`, else pay the audience cost)."""
    cut = clip(kind, -audience_cost, low, high)
    will = ((cut - low) * (-audience_cost) + (high * high - cut * cut) / 2) / (high - low)
    chance = (high + low) / 2
    return risk * chance + (1 - risk) * will


def _check_deadline(deadline: Any) -> None:
    if deadline is None:
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


def _check_order(kind: Kind, low_name: str, low: Any, high_name: str, high: Any) -> None:
    gap = high - low
    if kind == "array":
        if np.any(gap <= 0):
            index = tuple(int(i) for i in np.argwhere(np.asarray(gap <= 0))[0])
            raise ParameterValueError(
                high_name,
                f"greater than {low_name}",
                float(np.broadcast_to(high, gap.shape)[index]),
                f"at index {index}",
            )
    elif not (kind == "symbolic" and gap.is_positive is None) and not gap > 0:
        raise ParameterValueError(high_name, f"greater than {low_name} = {low}", high)


@dataclass(frozen=True, slots=True)
class Ultimatum:
    r"""A coercive demand with George's three parts of specificity, a carrot and a credibility.

    Parameters
    ----------
    demand : rational in [0, 1]
        The concession asked of the target, :math:`x`.
    vagueness : non-negative
        How far above :math:`x` the real condition may lie, :math:`\sigma` (0: a specific condition).
    blur : ``"uniform"`` or ``"gaussian"``
        The shape of the blur of the condition.
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
    """

    demand: Any
    vagueness: Any = 0
    blur: str = "uniform"
    deadline: int | None = 0
    discount: Any = Fraction(9, 10)
    urgency: Any = 0
    audience_cost: Any = 0
    threat: Any = 1
    carrot: Any = 0
    carrot_efficiency: Any = 1
    carrot_credibility: Any = 1
    risk: Any = 0
    execution_low: Any = -1
    execution_high: Any = 1
    resolve_low: Any = 0
    resolve_high: Any = 1
    resolve_distribution: Any = None
    kind: Kind = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.blur, str):
            raise ParameterTypeError("blur", "one of 'uniform', 'gaussian'", self.blur)
        if self.blur not in BLURS:
            raise ParameterValueError("blur", "one of 'uniform', 'gaussian'", self.blur)
        _check_deadline(self.deadline)
        _check_resolve_distribution(self.resolve_distribution)

        def unit(name: str, value: Any) -> None:
            check_range(name, value, 0, 1, requirement="in [0, 1]")

        kind = settle(
            self,
            {
                "demand": unit,
                "vagueness": check_nonnegative,
                "discount": check_discount,
                "urgency": check_probability,
                "audience_cost": check_nonnegative,
                "threat": check_nonnegative,
                "carrot": check_nonnegative,
                "carrot_efficiency": check_nonnegative,
                "carrot_credibility": check_probability,
                "risk": check_probability,
                "execution_low": check_real,
                "execution_high": check_real,
                "resolve_low": unit,
                "resolve_high": unit,
            },
        )
        _check_order(kind, "execution_low", self.execution_low, "execution_high", self.execution_high)
        _check_order(kind, "resolve_low", self.resolve_low, "resolve_high", self.resolve_high)
        if kind == "symbolic" and self.resolve_distribution is not None:
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
    def turning_the_screw(cls, demand: Any, threat: Any, urgency: Any, **others: Any) -> Ultimatum:
        """George's *turning the screw*, one-shot: no deadline, pressure that falls with per-period
        probability ``urgency``, no public commitment (the repeated version is in the war model).

        >>> Ultimatum.turning_the_screw(Fraction(1, 4), 1, Fraction(1, 2)).outcome().compliance_probability
        Fraction(7, 18)
        """
        return cls(demand, deadline=None, threat=threat, urgency=urgency, audience_cost=0, **others)

    @classmethod
    def ultimatum(
        cls, demand: Any, deadline: int, threat: Any, audience_cost: Any, **others: Any
    ) -> Ultimatum:
        """George's *ultimatum*: a specific demand, a fixed deadline, a public threat, no softening.

        >>> Ultimatum.ultimatum(Fraction(1, 4), 0, 1, Fraction(1, 2)).outcome().compliance_probability
        Fraction(2, 3)
        """
        return cls(
            demand,
            vagueness=0,
            deadline=deadline,
            threat=threat,
            audience_cost=audience_cost,
            carrot=0,
            **others,
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
        will = select(
            self.kind,
            _credibility_cases(self.kind, self.audience_cost, self.execution_low, self.execution_high),
        )
        return self.risk + (1 - self.risk) * will

    def credibility_regime(self) -> Any:
        """Whether the coercer's own will makes it never, always or only sometimes execute."""
        return select_label(
            self.kind,
            _credibility_cases(self.kind, self.audience_cost, self.execution_low, self.execution_high),
        )

    def leverage(self) -> Any:
        r"""The most the threat can weigh on a target of zero resolve, :math:`A = e\tau\ell`."""
        return self.credibility() * self.discount_weight * self.threat

    def need(self) -> Any:
        r"""What the threat must make up: :math:`n = x + \sigma - \kappa s` (uniform blur)."""
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

    def war_probability(self) -> Any:
        """P(the target resists, or is not recognised as complying, and the threat is executed).

        >>> Ultimatum(Fraction(1, 2)).war_probability()
        Fraction(1, 2)
        """
        return self.outcome().war_probability

    def outcome(self) -> UltimatumOutcome:
        """Solve the ultimatum: closed forms for a uniform blur and resolve, numeric otherwise.

        >>> Ultimatum(Fraction(1, 4), threat=2, audience_cost=1).outcome()
        UltimatumOutcome(compliance_probability=Fraction(7, 8), war_probability=Fraction(1, 8), back_down_probability=Fraction(0, 1), credibility=Fraction(1, 1), coercer_utility=Fraction(7, 32), target_utility=Fraction(-15, 64), regime='partial compliance')
        """
        if self.blur == "gaussian" and self.vagueness_is_positive():
            if self.kind == "symbolic":
                raise NotImplementedError(
                    "a Gaussian blur has no closed-form compliance threshold (the root of a "
                    "transcendental equation): give numbers or arrays"
                )
            return self._float()._gaussian_outcome()
        if self.resolve_distribution is not None:
            return self._float()._distribution_outcome()
        return self._uniform_outcome()

    def vagueness_is_positive(self) -> bool:
        """Whether the condition is blurred anywhere (a Gaussian blur of zero is no blur)."""
        if self.kind == "symbolic":
            return self.vagueness.is_zero is not True
        return bool(np.any(np.asarray(self.vagueness, dtype=float) > 0))

    def _coercer_values(self) -> tuple[Any, Any]:
        """C's value of recognised compliance and its discounted value after resistance."""
        comply = self.demand - self.carrot_efficiency * self.carrot_credibility * self.carrot
        fallback = _fallback(
            self.kind, self.audience_cost, self.execution_low, self.execution_high, self.risk
        )
        return comply, self.discount_weight * fallback

    def _uniform_outcome(self) -> UltimatumOutcome:
        kind = self.kind
        if kind == "array":
            return self._uniform_outcome_array()
        execution = self.credibility()
        leverage = execution * self.discount_weight * self.threat
        need = self.need()
        low, high = self.resolve_low, self.resolve_high
        cases = _compliance_cases(kind, leverage, need, low, high)
        comply = select(kind, cases)
        width = high - low
        # E_T: compliers pay the need; resisters lose A (1 - R) above the cutoff R^ = low + comply * width
        above = ((1 - low - comply * width) ** 2 - (1 - high) ** 2) / (2 * width)
        target = -comply * need - leverage * above
        value_comply, value_resist = self._coercer_values()
        coercer = comply * value_comply + (1 - comply) * value_resist
        values = [
            comply,
            execution * (1 - comply),
            (1 - execution) * (1 - comply),
            execution,
            coercer,
            target,
        ]
        return UltimatumOutcome(*values, select_label(kind, cases))  # type: ignore[call-arg]

    def _uniform_outcome_array(self) -> UltimatumOutcome:
        """The same closed forms as :meth:`_uniform_outcome`, fused for arrays: clips instead of
        three-way selects, integer-coded regime labels, no copies where shapes already agree."""
        low_w, high_w, a = self.execution_low, self.execution_high, self.audience_cost
        will = np.clip((high_w + a) / (high_w - low_w), 0.0, 1.0)
        execution = self.risk + (1 - self.risk) * will
        leverage = execution * (self.discount_weight * self.threat)
        need = self.need()
        low, high = self.resolve_low, self.resolve_high
        width = high - low
        spread = leverage * width
        positive = spread > 0
        ratio = (leverage * (1 - low) - need) / np.where(positive, spread, 1.0)
        full = leverage * (1 - high) >= need
        none = leverage * (1 - low) <= need
        comply = np.where(full, 1.0, np.where(none, 0.0, np.clip(ratio, 0.0, 1.0)))
        resist = 1 - comply
        above = ((1 - low - comply * width) ** 2 - (1 - high) ** 2) / (2 * width)
        target = -comply * need - leverage * above
        value_comply, value_resist = self._coercer_values()
        coercer = value_resist + comply * (value_comply - value_resist)
        code = full.astype(np.int8) * 2 + (~full & ~none)
        regime = np.array(["no compliance", "partial compliance", "full compliance"])[code]
        values = [comply, execution * resist, (1 - execution) * resist, execution, coercer, target]
        shape = np.broadcast_shapes(*(np.shape(v) for v in values), regime.shape)
        values = [v if np.shape(v) == shape else np.broadcast_to(v, shape).copy() for v in values]
        if regime.shape != shape:
            regime = np.broadcast_to(regime, shape).copy()
        return UltimatumOutcome(*values, regime)  # type: ignore[call-arg]

    def _resolve_quadrature(self, lower: Any, upper: Any) -> tuple[np.ndarray, np.ndarray]:
        """Resolve values and weights integrating over the quantiles ``[lower, upper]`` (trailing axis)."""
        nodes, weights = np.polynomial.legendre.leggauss(_NODES)
        lower = np.asarray(lower, dtype=float)[..., None]
        upper = np.asarray(upper, dtype=float)[..., None]
        quantiles = lower + (upper - lower) * (nodes + 1) / 2
        if self.resolve_distribution is None:
            low = np.asarray(self.resolve_low, dtype=float)[..., None]
            width = np.asarray(self.resolve_high - self.resolve_low, dtype=float)[..., None]
            resolve = low + width * quantiles
        else:
            resolve = np.asarray(self.resolve_distribution.ppf(quantiles), dtype=float)
        return resolve, (upper - lower) * weights / 2

    def _resolve_cdf(self, value: Any) -> Any:
        if self.resolve_distribution is None:
            width = self.resolve_high - self.resolve_low
            return np.clip((np.asarray(value) - self.resolve_low) / width, 0.0, 1.0)
        return np.clip(np.asarray(self.resolve_distribution.cdf(value), dtype=float), 0.0, 1.0)

    def _cutoff(self, leverage: Any, need: Any) -> Any:
        """The compliance cutoff on resolve, with a vanishing leverage handled (all or none)."""
        leverage, need = np.asarray(leverage, dtype=float), np.asarray(need, dtype=float)
        safe = np.where(leverage > 0, leverage, 1.0)
        return np.where(leverage > 0, 1 - need / safe, np.where(need <= 0, 1.0, -1.0))

    def _distribution_outcome(self) -> UltimatumOutcome:
        execution = np.asarray(self.credibility(), dtype=float)
        leverage = execution * self.discount_weight * self.threat
        need = np.asarray(self.need(), dtype=float)
        comply = self._resolve_cdf(self._cutoff(leverage, need))
        resolve, weights = self._resolve_quadrature(comply, 1.0)
        resisters = np.sum(weights * -(np.asarray(leverage)[..., None] * (1 - resolve)), axis=-1)
        target = -comply * need + resisters
        return self._numeric_outcome(comply, execution, target)

    def _numeric_outcome(self, comply: Any, execution: Any, target: Any) -> UltimatumOutcome:
        value_comply, value_resist = self._coercer_values()
        coercer = comply * value_comply + (1 - comply) * value_resist
        shape = np.broadcast_shapes(*(np.shape(v) for v in (comply, execution, target, coercer)))
        regime = np.where(
            comply >= 1, "full compliance", np.where(comply <= 0, "no compliance", "partial compliance")
        )
        values = [
            np.broadcast_to(np.asarray(v, dtype=float), shape) for v in (comply, execution, target, coercer)
        ]
        comply, execution, target, coercer = values
        out = UltimatumOutcome(
            compliance_probability=comply,
            war_probability=execution * (1 - comply),
            back_down_probability=(1 - execution) * (1 - comply),
            credibility=execution,
            coercer_utility=coercer,
            target_utility=target,
            regime=np.broadcast_to(regime, shape),
        )
        if self.kind == "array":
            return out
        scalars = [v.item() for v in (comply, out.war_probability, out.back_down_probability, execution)]
        return UltimatumOutcome(
            scalars[0],
            scalars[1],
            scalars[2],
            scalars[3],
            coercer.item(),
            target.item(),
            str(out.regime),
        )

    def _gaussian_outcome(self) -> UltimatumOutcome:
        """Half-normal blur: each type picks its margin; integrate over types by quadrature."""
        from scipy.special import erf

        sigma = np.asarray(self.vagueness, dtype=float)
        execution = np.asarray(self.credibility(), dtype=float)
        leverage = execution * self.discount_weight * self.threat
        carrot = np.asarray(self.carrot_credibility * self.carrot, dtype=float)
        threshold = gaussian_compliance_stake(self.demand, sigma)
        attempt = self._resolve_cdf(self._cutoff(leverage, threshold - carrot))
        resolve, weights = self._resolve_quadrature(0.0, attempt)
        lev = np.asarray(leverage)[..., None]
        loss = lev * (1 - resolve)
        stake = loss + carrot[..., None]
        sig = sigma[..., None]
        positive = sig > 0
        ratio = np.where(positive, stake / np.where(positive, sig, 1.0), np.inf)
        u = np.sqrt(2 * np.log(np.maximum(ratio * math.sqrt(2 / math.pi), 1.0)))
        recognised = np.where(positive, erf(u / math.sqrt(2)), 1.0)
        margin = np.where(positive, sig * u, 0.0)
        comply = np.sum(weights * recognised, axis=-1)
        demand = np.asarray(self.demand, dtype=float)[..., None]
        complier = -(demand + margin) + recognised * carrot[..., None] - (1 - recognised) * loss
        above, above_weights = self._resolve_quadrature(attempt, 1.0)
        resisters = np.sum(above_weights * -(lev * (1 - above)), axis=-1)
        target = np.sum(weights * complier, axis=-1) + resisters
        return self._numeric_outcome(comply, execution, target)


def gaussian_compliance_stake(demand: Any, vagueness: Any, *, iterations: int = 200) -> Any:
    r"""The stake (threat avoided plus carrot) at which a target facing a half-normal blur of the
    condition is indifferent between complying and resisting.

    It is :math:`S^* = \sigma\sqrt{\pi/2}\,e^{u^2/2}` where :math:`u` solves
    :math:`h(u) = \sqrt{\pi/2}\,e^{u^2/2}\operatorname{erf}(u/\sqrt2) - u = x/\sigma`
    (:func:`~bargaining.coercion.specification.derive_gaussian_margin`); :math:`h` is increasing,
    so bisection on a bracket that provably contains the root converges (vectorised; the loop is
    over iterations, never over points). With no blur it is the demand itself.

    >>> round(float(gaussian_compliance_stake(0.5, 0.1)), 6)
    0.731999
    """
    from scipy.special import erf

    x = np.asarray(demand, dtype=float)
    sigma = np.asarray(vagueness, dtype=float)
    positive = sigma > 0
    target = np.where(positive, x / np.where(positive, sigma, 1.0), 0.0)
    low = np.zeros(np.broadcast_shapes(target.shape, sigma.shape))
    high = np.sqrt(2 * np.log1p(target)) + 2 + low  # h(high) >= target (see the docstring of the proof)

    def h(u: np.ndarray) -> Any:
        return math.sqrt(math.pi / 2) * np.exp(u * u / 2) * erf(u / math.sqrt(2)) - u

    for _ in range(iterations):
        middle = (low + high) / 2
        above = h(middle) >= target
        high = np.where(above, middle, high)
        low = np.where(above, low, middle)
        if np.all(high - low <= 1e-13 * np.maximum(1.0, high)):
            break
    u = (low + high) / 2
    stake = np.where(positive, sigma * math.sqrt(math.pi / 2) * np.exp(u * u / 2), x)
    return stake if stake.ndim else float(stake)


def optimal_demand(ultimatum: Ultimatum) -> tuple[Any, Any]:
    r"""The coercer's best demand, everything else fixed, and its expected utility (uniform case).

    :math:`U_C` is constant where no target complies, increasing where all comply and concave in
    between, so the optimum is the interior root of the first-order condition
    (:func:`~bargaining.coercion.specification.derive_optimal_demand`) clipped to the demands
    between the largest that all comply with and the smallest that none complies with, and to
    :math:`[0, 1]`. Exact in, exact out; arrays and symbols too.

    >>> optimal_demand(Ultimatum(Fraction(1, 2), audience_cost=1, threat=1))
    (Fraction(1, 2), Fraction(1, 4))
    """
    if ultimatum.blur == "gaussian" and ultimatum.vagueness_is_positive():
        raise NotImplementedError("optimal_demand is closed-form for a uniform blur; use optimal_design")
    if ultimatum.resolve_distribution is not None:
        raise NotImplementedError("optimal_demand is closed-form for a uniform resolve; use optimal_design")
    kind = ultimatum.kind
    leverage = ultimatum.leverage()
    carrot = ultimatum.carrot_credibility * ultimatum.carrot
    value_comply_cost = ultimatum.carrot_efficiency * carrot
    _, fallback = ultimatum._coercer_values()
    sigma, low, high = ultimatum.vagueness, ultimatum.resolve_low, ultimatum.resolve_high
    interior = (leverage * (1 - low) + carrot - sigma + value_comply_cost + fallback) / 2
    safe = leverage * (1 - high) + carrot - sigma  # largest demand every type complies with
    hopeless = leverage * (1 - low) + carrot - sigma  # smallest demand no type complies with
    zero, one = 0 * interior, 0 * interior + 1
    lower = clip(kind, safe, zero, one)
    upper = clip(kind, hopeless, zero, one)
    demand = clip(kind, interior, lower, upper)
    utility = replace(ultimatum, demand=demand).outcome().coercer_utility
    if kind == "array":
        shape = np.broadcast_shapes(np.shape(demand), np.shape(utility))
        return np.broadcast_to(demand, shape).copy(), np.broadcast_to(utility, shape).copy()
    return demand, utility

r"""The one-shot ultimatum under any blur of the condition and any distribution of the target's
resolve: each type's best concession and its timing, integrated over resolve by Gauss–Legendre
quadrature, where :meth:`~bargaining.coercion.ultimatum.Ultimatum.outcome` has no closed form.
The uniform case, which has one, is held against this path in ``tests/coercion``.

>>> from bargaining.coercion import Ultimatum
>>> plain = Ultimatum(0.25, threat=2.0, audience_cost=1.0)  # uniform: the closed form agrees
>>> values, regime = numeric_values(plain)
>>> regime, round(values[0], 6), plain.outcome().compliance_probability
('partial compliance', 0.875, 0.875)
>>> values, regime = numeric_values(Ultimatum(0.25, threat=2.0, audience_cost=1.0,
...                                           blur="one-sided gaussian", vagueness=0.05))
>>> regime, round(values[0], 4)
('partial compliance', 0.8007)
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .blur import blur_gain, compliance_stake
from .ultimatum_cases import outcome_values

__all__: list[str] = []

_NODES = 48  # Gauss-Legendre nodes for the numeric integrals over the target's resolve


def _resolve_quadrature(model: Any, lower: Any, upper: Any) -> tuple[np.ndarray, np.ndarray]:
    """Resolve values and weights integrating over the quantiles ``[lower, upper]`` (trailing axis)."""
    nodes, weights = np.polynomial.legendre.leggauss(_NODES)
    lower = np.asarray(lower, dtype=float)[..., None]
    upper = np.asarray(upper, dtype=float)[..., None]
    quantiles = lower + (upper - lower) * (nodes + 1) / 2
    if model.resolve_distribution is None:
        low = np.asarray(model.resolve_low, dtype=float)[..., None]
        width = np.asarray(model.resolve_high - model.resolve_low, dtype=float)[..., None]
        resolve = low + width * quantiles
    else:
        resolve = np.asarray(model.resolve_distribution.ppf(quantiles), dtype=float)
    return resolve, (upper - lower) * weights / 2


def _resolve_cdf(model: Any, value: Any) -> Any:
    if model.resolve_distribution is None:
        width = model.resolve_high - model.resolve_low
        return np.clip((np.asarray(value) - model.resolve_low) / width, 0.0, 1.0)
    return np.clip(np.asarray(model.resolve_distribution.cdf(value), dtype=float), 0.0, 1.0)


def _cutoff(leverage: Any, need: Any) -> Any:
    """The compliance cutoff on resolve, with a vanishing leverage handled (all or none)."""
    leverage, need = np.asarray(leverage, dtype=float), np.asarray(need, dtype=float)
    safe = np.where(leverage > 0, leverage, 1.0)
    return np.where(leverage > 0, 1 - need / safe, np.where(need <= 0, 1.0, -1.0))


def numeric_values(model: Any) -> tuple[list[Any], Any]:
    """Any blur, any resolve distribution: each type's best concession and time, by quadrature;
    the outcome's values (:func:`~.ultimatum_cases.outcome_values`) and its regime, for a model in
    floats (or arrays).

    A type with loss :math:`L` gains :math:`G(x, \\kappa s + c(1 - \\tau) + \\tau eL)` by
    complying at once and :math:`\\tau G(x, \\kappa s + eL)` by complying at the deadline
    (:mod:`bargaining.coercion.blur`); it takes the larger if positive, else resists.
    """
    execution = np.asarray(model.credibility(), dtype=float)
    tau, c = np.asarray(model.discount_weight, dtype=float), np.asarray(model.delay_cost, dtype=float)
    falls = np.asarray(model.threat_falls(), dtype=float)
    carrot = np.asarray(model.carrot_credibility * model.carrot, dtype=float)
    x, sigma, threat = (np.asarray(v, dtype=float) for v in (model.demand, model.vagueness, model.threat))
    stake = compliance_stake(model.blur, x, sigma) - carrot  # the threat value that tips the target
    waiting = c * (1 - tau)
    cutoff = _resolve_cdf(model, _cutoff(tau * execution * threat, stake - waiting))
    if model.deadline is not None:
        cutoff = np.maximum(cutoff, _resolve_cdf(model, _cutoff(execution * threat, stake)))
    resolve, weights = _resolve_quadrature(model, 0.0, cutoff)
    loss = (execution * threat)[..., None] * (1 - resolve)  # e L at each node
    expand = [v[..., None] for v in (x, sigma, carrot, tau, waiting)]
    x_, sigma_, carrot_, tau_, waiting_ = expand
    gain, recognised, _ = blur_gain(model.blur, x_, carrot_ + waiting_ + tau_ * loss, sigma_)
    first = np.ones_like(gain)
    if model.deadline is not None:
        late, late_recognised, _ = blur_gain(model.blur, x_, carrot_ + loss, sigma_)
        first = np.where(gain >= tau_ * late, 1.0, 0.0)
        gain = np.where(first > 0, gain, tau_ * late)
        recognised = np.where(first > 0, recognised, late_recognised)
    resisting = -waiting_ - tau_ * loss
    comply = np.sum(weights * recognised, axis=-1)
    immediate = np.sum(weights * recognised * first, axis=-1)
    above, above_weights = _resolve_quadrature(model, cutoff, 1.0)
    resisters = np.sum(
        above_weights * (-waiting_ - tau_ * (execution * threat)[..., None] * (1 - above)), axis=-1
    )
    target = np.sum(weights * (resisting + gain), axis=-1) + resisters
    value_comply, value_resist = model._coercer_values()
    coercer = (
        immediate * value_comply + (comply - immediate) * tau * value_comply + (1 - comply) * value_resist
    )
    resist = 1 - comply
    values = outcome_values(comply, resist, falls, execution, immediate, coercer, target)
    shape = np.broadcast_shapes(*(np.shape(v) for v in values))
    values = [np.broadcast_to(np.asarray(v, dtype=float), shape) for v in values]
    regime = np.where(
        values[0] >= 1, "full compliance", np.where(values[0] <= 0, "no compliance", "partial compliance")
    )
    if model.kind == "array":
        return [v.copy() for v in values], regime
    return [v.item() for v in values], str(regime)

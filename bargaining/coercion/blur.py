r"""The blur of the condition: what a complying target concedes, and how often it is recognised.

The coercer asks for at least :math:`x`; what really counts as compliance is a threshold the
target does not know, spread by the ``vagueness`` :math:`\sigma` (George's first part of
specificity). A target that stands to gain the *stake* :math:`S` when its compliance is
recognised (the threat it avoids plus the carrot plus whatever waiting costs it saves) concedes
:math:`x + m` and is recognised with probability :math:`r(m)`; its best margin gives the gain

.. math:: G(x, S) = \max_{m \ge 0}\, r(m)\,S - x - m

over not complying. Three shapes:

* ``"uniform"``: the threshold is uniform on :math:`[x, x + \sigma]` (or, equivalently for the
  target, centred on :math:`x` with half-width :math:`\sigma`): :math:`r` is linear, so the target
  concedes :math:`x + \sigma` and is always recognised; :math:`G = S - x - \sigma`.
* ``"one-sided gaussian"``: the threshold is :math:`x + \sigma|Z|` (half-normal, only above the
  demand), :math:`r(m) = \operatorname{erf}(m/\sigma\sqrt2)`
  (:func:`~bargaining.coercion.specification.derive_gaussian_margin`).
* ``"centred gaussian"``: the threshold is :math:`x + \sigma Z` truncated to be positive (nothing
  conceded is never compliance), :math:`r(m) = (\Phi(m/\sigma) - \Phi(-x/\sigma))/\Phi(x/\sigma)`
  (the one-sided case is the centred one with the truncation at :math:`x`).

>>> gain, recognised, margin = blur_gain("one-sided gaussian", 0.5, 1.0, 0.1)
>>> round(float(gain), 6), round(float(recognised), 6)
(0.25465, 0.958454)
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ..core.errors import ParameterTypeError, ParameterValueError
from ..core.types import ArrayLike
from ..core.values import is_symbolic

__all__ = ["BLURS", "blur_gain", "compliance_stake", "gaussian_compliance_stake"]

BLURS = ("uniform", "one-sided gaussian", "centred gaussian")
_TOLERANCE = 1e-13


def _check(blur: str | None, **values: Any) -> None:
    """The blur is one of :data:`BLURS`; the values are numbers or arrays (symbols are refused:
    the best margin solves a transcendental equation, so the results are floats).

    >>> _check("uniform", demand=0.5)
    >>> _check("square", demand=0.5)
    Traceback (most recent call last):
    ...
    bargaining.core.errors.ParameterValueError: blur must be one of ('uniform', 'one-sided gaussian', 'centred gaussian') (got the string 'square')
    """
    if blur is not None and blur not in BLURS:
        raise ParameterValueError("blur", f"one of {BLURS}", blur)
    for name, value in values.items():
        if is_symbolic(value):
            raise ParameterTypeError(name, "numbers or arrays (the blur's results are floats)", value)


def blur_gain(blur: str, demand: ArrayLike, stake: ArrayLike, vagueness: ArrayLike) -> tuple[Any, Any, Any]:
    """The target's gain from its best concession over not complying, P(recognised), its margin.

    Floats or arrays (broadcast); a vagueness of zero is a clear condition (margin 0, recognised).

    >>> [round(float(v), 6) for v in blur_gain("uniform", 0.5, 1.0, 0.1)]
    [0.4, 1.0, 0.1]
    """
    from scipy.special import ndtr

    _check(blur, demand=demand, stake=stake, vagueness=vagueness)
    x, s, sigma = (np.asarray(v, dtype=float) for v in (demand, stake, vagueness))
    if blur == "uniform":
        shape = np.broadcast_shapes(x.shape, s.shape, sigma.shape)
        return s - x - sigma, np.ones(shape), np.broadcast_to(sigma, shape).copy()
    positive = sigma > 0
    safe = np.where(positive, sigma, 1.0)
    # the threshold is x + sigma*Z given Z > lower: P(Z > lower) = scale, P(Z <= lower) = below;
    # one-sided: lower = 0 (half-normal); centred: lower = -x/sigma (no threshold below zero)
    below = np.full_like(safe, 0.5) if blur == "one-sided gaussian" else ndtr(-x / safe)
    scale = 1 - below
    u = np.sqrt(2 * np.log(np.maximum(s / (safe * math.sqrt(2 * math.pi) * scale), 1.0)))
    recognised = np.where(positive, np.clip((ndtr(u) - below) / scale, 0.0, 1.0), 1.0)
    margin = np.where(positive, safe * u, 0.0)  # the upper root of the first-order condition
    gain = recognised * s - x - margin
    return gain, recognised, margin


def compliance_stake(blur: str, demand: ArrayLike, vagueness: ArrayLike) -> Any:
    r"""The stake :math:`S^*` at which the target is indifferent: :math:`G(x, S^*) = 0`.

    ``uniform``: :math:`x + \sigma`; ``one-sided gaussian``: :func:`gaussian_compliance_stake`;
    ``centred gaussian``: bisection on :math:`S` (:math:`G` rises in :math:`S`), vectorised.

    >>> float(compliance_stake("uniform", 0.5, 0.1))
    0.6
    """
    _check(blur, demand=demand, vagueness=vagueness)
    if blur == "uniform":
        return np.asarray(demand, dtype=float) + np.asarray(vagueness, dtype=float)
    if blur == "one-sided gaussian":
        return np.asarray(gaussian_compliance_stake(demand, vagueness), dtype=float)
    x, sigma = np.asarray(demand, dtype=float), np.asarray(vagueness, dtype=float)
    low = np.broadcast_to(x, np.broadcast_shapes(x.shape, sigma.shape)).copy()  # G(x, x) < 0 or x = 0
    high = low + 10 * sigma + 1.0  # G(x, high) > 0: the margin 3σ is recognised with P > 0.99
    for _ in range(200):
        middle = (low + high) / 2
        above = blur_gain(blur, x, middle, sigma)[0] > 0
        high = np.where(above, middle, high)
        low = np.where(above, low, middle)
        if np.all(high - low <= _TOLERANCE * np.maximum(1.0, high)):
            break
    return (low + high) / 2


def gaussian_compliance_stake(demand: ArrayLike, vagueness: ArrayLike, *, iterations: int = 200) -> Any:
    r"""The stake (threat avoided plus carrot) at which a target facing a one-sided (half-normal)
    blur of the condition is indifferent between complying and resisting.

    It is :math:`S^* = \sigma\sqrt{\pi/2}\,e^{u^2/2}` where :math:`u` solves
    :math:`h(u) = \sqrt{\pi/2}\,e^{u^2/2}\operatorname{erf}(u/\sqrt2) - u = x/\sigma`
    (:func:`~bargaining.coercion.specification.derive_gaussian_margin`); :math:`h` is increasing,
    so bisection on a bracket that provably contains the root converges (vectorised; the loop is
    over iterations, never over points). With no blur it is the demand itself.

    >>> round(float(gaussian_compliance_stake(0.5, 0.1)), 6)
    0.731999
    """
    from scipy.special import erf

    _check(None, demand=demand, vagueness=vagueness)
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

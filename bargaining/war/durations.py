# ruff: noqa: RUF009 - parameter() returns a dataclass field, like dataclasses.field
r"""Two regimes of war duration, calibrated to a *stated* regularity and labelled with its dataset.

The learning war ends once beliefs converge, which takes a few battles: short *informational*
wars. A war whose settlement would not be self-enforcing (:mod:`bargaining.war.ceasefire`) does not
end when beliefs converge but when the power shift is played out: long *commitment* wars
(Fearon 1995; Powell 2006). A duration is therefore a mixture

.. math:: S(t) = w\,e^{-t/\mu_s} + (1 - w)\,e^{-t/\mu_l},

with weight :math:`w` on the short regime (mean :math:`\mu_s`) and :math:`1 - w` on the long one
(mean :math:`\mu_l`). Its hazard falls over time and its mean residual life rises: wars that last
are wars that will last. That is **true by construction**: every mixture of exponentials has a
decreasing hazard (Barlow & Proschan 1975), whatever the weights and means, so it is an assumption
of this model and says nothing about wars. Where a war model produces its own durations the
regularity is tested as an outcome instead: :meth:`bargaining.war.PrivateWarOfAttrition.hazard`
(falls: selection on private resolve), :meth:`bargaining.war.SettlementDistribution.mean_remaining`
of the learning war (falls with time: the opposite).

The essay's regularity ("most last a few months; when they last longer than a year such wars
typically take a decade") is a statement about a *dataset*, and the tail depends on the dataset's
definition of a war: interstate wars with at least 1,000 battle deaths (Correlates of War) and
low-threshold conflict episodes (UCDP/PRIO, 25 battle deaths a year) give very different tails.
:class:`DurationRegularity` states the numbers to calibrate to **as assumptions**, with the dataset
definition they refer to; :func:`calibrate` fits the mixture to them and every output carries the
label. The presets below are illustrative assumptions read off the essay's wording, not estimates.

Calibration: the share beyond the horizon :math:`h` (a year) fixes the weight,
:math:`w = (s - e^{-h/\mu_l})/(e^{-h/\mu_s} - e^{-h/\mu_l})`
(:func:`~bargaining.war.specification.derive_mixture_weight`), and the long mean solves
:math:`E[T \mid T > h] = h + \bigl(w e^{-h/\mu_s}\mu_s + (1 - w) e^{-h/\mu_l}\mu_l\bigr)/s`
by bisection.

>>> mixture = calibrate(ESSAY_COW)
>>> print(mixture.label)
COW interstate wars (>= 1,000 battle deaths) [assumed regularity, see DurationRegularity.note]
>>> round(mixture.survival(12), 3), round(mixture.mean_beyond(12), 1)
(0.25, 120.0)
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..core.arithmetic import exponential
from ..core.errors import ConvergenceError, ParameterValueError
from ..core.parameters import POSITIVE, PROBABILITY, declared, parameter, setting
from ..core.values import Kind, check_positive, check_range

__all__ = ["ESSAY_COW", "ESSAY_UCDP", "DurationMixture", "DurationRegularity", "calibrate", "short_weight"]


@dataclass(frozen=True, slots=True)
class DurationRegularity:
    """A stated duration regularity: what to calibrate to, and which dataset definition it is about.

    Parameters
    ----------
    dataset : str
        The dataset definition the numbers describe (``"COW interstate wars (>= 1,000 battle deaths)"``).
    short_mean : positive
        Mean length of the short regime, months ("a few months").
    horizon : positive
        The threshold, months (12: "longer than a year").
    share_beyond : probability
        Share of wars that outlast the horizon.
    mean_beyond : positive
        Mean total length of the wars that outlast the horizon, months ("about a decade": 120).
    note : str
        Where the numbers come from: an assumption and its reason, or a citation.

    >>> ESSAY_COW.short_mean, ESSAY_COW.horizon, ESSAY_COW.share_beyond
    (4.0, 12.0, 0.25)
    """

    dataset: str
    short_mean: float
    horizon: float
    share_beyond: float
    mean_beyond: float
    note: str

    def __post_init__(self) -> None:
        for name in ("dataset", "note"):
            if not isinstance(getattr(self, name), str) or not getattr(self, name).strip():
                raise ParameterValueError(name, "a non-empty description", getattr(self, name))
        check_positive("short_mean", self.short_mean)
        check_positive("horizon", self.horizon)
        check_range(
            "share_beyond",
            self.share_beyond,
            0,
            1,
            lower_open=True,
            upper_open=True,
            requirement="a share in (0, 1)",
        )
        check_range(
            "mean_beyond",
            self.mean_beyond,
            self.horizon,
            None,
            lower_open=True,
            requirement="longer than the horizon",
        )


ESSAY_COW = DurationRegularity(
    dataset="COW interstate wars (>= 1,000 battle deaths)",
    short_mean=4.0,
    horizon=12.0,
    share_beyond=0.25,
    mean_beyond=120.0,
    note=(
        "ASSUMPTION, not an estimate: the essay (Monaghan 2025) says most interstate wars last a few "
        "months and those that last longer than a year typically take a decade. Read as: short wars "
        "average 4 months, a quarter outlast a year, and those average 120 months in all. The essay "
        "names no dataset; the COW definition is assumed because it is the usual source of the claim."
    ),
)

ESSAY_UCDP = DurationRegularity(
    dataset="UCDP/PRIO conflict episodes (>= 25 battle deaths a year)",
    short_mean=6.0,
    horizon=12.0,
    share_beyond=0.45,
    mean_beyond=96.0,
    note=(
        "ASSUMPTION for sensitivity only: a low-threshold episode dataset counts many short flare-ups "
        "and splits long wars into episodes, so more episodes pass a year but the tail is shorter. "
        "The numbers are placeholders to show how the definition moves the answer; replace them "
        "with estimates from the dataset before drawing conclusions."
    ),
)


@dataclass(frozen=True, slots=True)
@declared
class DurationMixture:
    r"""Durations as a mixture of a short (informational) and a long (commitment) exponential regime.

    Parameters
    ----------
    short_weight : probability
        :math:`w`, the share of wars in the short regime.
    short_mean, long_mean : positive
        :math:`\mu_s \le \mu_l`, the regimes' mean lengths (in the unit of ``label``).
    label : str
        The dataset definition the mixture is calibrated to.
    time_unit : str
        The unit of the means and of every time (``"months"`` for :func:`calibrate`); the axis
        label of :func:`~bargaining.war.plot_durations`.

    >>> from fractions import Fraction
    >>> DurationMixture(Fraction(1, 2), 1, 3, label="model periods").mean()
    Fraction(2, 1)
    """

    short_weight: Any = parameter(PROBABILITY, "the share of wars in the short regime", "probability")
    short_mean: Any = parameter(POSITIVE, "the mean length of the short wars", "time_unit (periods)")
    long_mean: Any = parameter(
        POSITIVE, "the mean length of the long wars", "time_unit (periods)", above="short_mean", strict=False
    )
    label: str = setting("the dataset definition the mixture is calibrated to")
    time_unit: str = setting(
        "the unit of the means and of every time (months for calibrate)",
        default="periods",
    )
    kind: Kind = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.label, str) or not self.label.strip():
            raise ParameterValueError("label", "the dataset definition the durations refer to", self.label)
        if not isinstance(self.time_unit, str) or not self.time_unit.strip():
            raise ParameterValueError("time_unit", "the unit of time (a non-empty str)", self.time_unit)

    def _exp(self, value: Any) -> Any:
        if self.kind == "array":  # an exact time over array fields is an object array: make it float
            value = np.asarray(value, dtype=float)
        return exponential(self.kind, value)

    def survival(self, time: Any) -> Any:
        """:math:`P(T > t)`.

        >>> DurationMixture(0.5, 1.0, 2.0, label="model periods").survival(0.0)
        1.0
        """
        w = self.short_weight
        return w * self._exp(-time / self.short_mean) + (1 - w) * self._exp(-time / self.long_mean)

    def hazard(self, time: Any) -> Any:
        """The hazard :math:`f(t)/S(t)`: it falls from the mixture mean rate toward :math:`1/\\mu_l`.

        It falls for every mixture of exponentials (true by construction, not a finding).

        >>> DurationMixture(0.5, 1.0, 2.0, label="model periods").hazard(0.0)
        0.75
        """
        w = self.short_weight
        density = (
            w * self._exp(-time / self.short_mean) / self.short_mean
            + (1 - w) * self._exp(-time / self.long_mean) / self.long_mean
        )
        return density / self.survival(time)

    def mean(self) -> Any:
        """:math:`w\\mu_s + (1 - w)\\mu_l`.

        >>> from fractions import Fraction
        >>> DurationMixture(Fraction(1, 4), 1, 5, label="model periods").mean()
        Fraction(4, 1)
        """
        return self.short_weight * self.short_mean + (1 - self.short_weight) * self.long_mean

    def mean_beyond(self, horizon: Any) -> Any:
        """:math:`E[T \\mid T > h]`: the mean total length of the wars that outlast ``horizon``.

        >>> DurationMixture(1.0, 3.0, 3.0, label="model periods").mean_beyond(12.0)  # memoryless: 12 + 3
        15.0
        """
        w = self.short_weight
        tail = (
            w * self._exp(-horizon / self.short_mean) * self.short_mean
            + (1 - w) * self._exp(-horizon / self.long_mean) * self.long_mean
        )
        return horizon + tail / self.survival(horizon)

    def to_dataset(self, times: Any) -> Any:
        """Survival and hazard on a grid of ``times`` as an :class:`xarray.Dataset` (floats), labelled.

        >>> table = calibrate(ESSAY_COW).to_dataset([0, 12, 120])
        >>> table.attrs["calibration"].startswith("COW interstate wars"), table.attrs["time_unit"]
        (True, 'months')
        """
        import xarray

        grid = np.asarray(times, dtype=float)
        if grid.ndim != 1 or np.any(grid < 0):
            raise ParameterValueError("times", "a one-dimensional grid of non-negative times", times)
        weight, short, long_ = (
            np.asarray(getattr(self, name), dtype=float)[..., None]
            for name in ("short_weight", "short_mean", "long_mean")
        )
        floats = DurationMixture(weight, short, long_, label=self.label, time_unit=self.time_unit)
        return xarray.Dataset(
            {
                "survival": (("time",), np.asarray(floats.survival(grid), dtype=float).reshape(grid.shape)),
                "hazard": (("time",), np.asarray(floats.hazard(grid), dtype=float).reshape(grid.shape)),
            },
            coords={"time": grid},
            attrs={
                "calibration": self.label,
                "time_unit": self.time_unit,
                "short_weight": float(self.short_weight),
                "short_mean": float(self.short_mean),
                "long_mean": float(self.long_mean),
            },
        )

    def median(self) -> float:
        """The median length (the mixture's median has no closed form: bisection, float result).

        >>> round(DurationMixture(1.0, 1.0, 1.0, label="model periods").median(), 6)  # ln 2
        0.693147
        """
        low, high = 0.0, float(np.max(np.asarray(self.long_mean, dtype=float))) * 2.0
        weight, short, long_ = (
            np.asarray(x, dtype=float) for x in (self.short_weight, self.short_mean, self.long_mean)
        )
        low_array = np.zeros(np.broadcast(weight, short, long_).shape)
        high_array = low_array + high
        for _ in range(200):
            middle = (low_array + high_array) / 2
            above = weight * np.exp(-middle / short) + (1 - weight) * np.exp(-middle / long_) > 0.5
            low_array = np.where(above, middle, low_array)
            high_array = np.where(above, high_array, middle)
        del low
        result = (low_array + high_array) / 2
        return result if self.kind == "array" else float(result)  # type: ignore[return-value]


def short_weight(short_mean: Any, long_mean: Any, share_beyond: Any, horizon: Any) -> Any:
    r"""The weight :math:`w` on the short regime that puts ``share_beyond`` of wars past ``horizon``.

    :math:`w = (s - e^{-h/\mu_l}) / (e^{-h/\mu_s} - e^{-h/\mu_l})`
    (:func:`~bargaining.war.specification.derive_mixture_weight`); floats or sympy expressions.

    >>> round(short_weight(4.0, 120.0, 0.25, 12.0), 4)
    0.7658
    """
    from ..core.values import is_symbolic

    symbolic = any(is_symbolic(v) for v in (short_mean, long_mean, share_beyond, horizon))
    if symbolic:
        import sympy

        exp: Any = sympy.exp
    else:
        exp = math.exp
    tail_short, tail_long = exp(-horizon / short_mean), exp(-horizon / long_mean)
    return (share_beyond - tail_long) / (tail_short - tail_long)


def calibrate(
    regularity: DurationRegularity, tolerance: float = 1e-10, max_iterations: int = 500
) -> DurationMixture:
    """Fit the two-regime mixture to a stated regularity (float results; labelled with its dataset).

    Raises :class:`~bargaining.core.errors.ParameterValueError` when no mixture with the stated short
    mean reproduces the share and the conditional mean, and
    :class:`~bargaining.core.errors.ConvergenceError` if bisection stops short.

    >>> mixture = calibrate(ESSAY_UCDP)
    >>> round(mixture.short_weight, 3), round(mixture.long_mean, 1)
    (0.582, 100.5)
    """
    if not isinstance(regularity, DurationRegularity):
        raise ParameterValueError("regularity", "a DurationRegularity", regularity)
    h, s, target = float(regularity.horizon), float(regularity.share_beyond), float(regularity.mean_beyond)
    short = float(regularity.short_mean)

    def weight(long_mean: float) -> float:
        return float(short_weight(short, long_mean, s, h))

    def excess(long_mean: float) -> float:
        w = weight(long_mean)
        tail = w * math.exp(-h / short) * short + (1 - w) * math.exp(-h / long_mean) * long_mean
        return h + tail / s - target

    # the weight is a share only for long means whose own tail exceeds s: e^{-h/mu_l} >= s
    low = max(short, -h / math.log(s)) * (1 + 1e-12)
    high = max(target * 10, low * 2)
    if excess(low) > 0 or excess(high) < 0:
        raise ParameterValueError(
            "regularity",
            "a regularity some short/long mixture can reproduce (share and tail mean clash)",
            regularity,
        )
    for _ in range(max_iterations):
        middle = (low + high) / 2
        if excess(middle) > 0:
            high = middle
        else:
            low = middle
        if high - low <= tolerance * high:
            break
    else:
        raise ConvergenceError(
            f"calibration bisection stopped after {max_iterations} steps at width {high - low:g}"
        )
    long_mean = (low + high) / 2
    return DurationMixture(
        short_weight=weight(long_mean),
        short_mean=short,
        long_mean=long_mean,
        label=f"{regularity.dataset} [assumed regularity, see DurationRegularity.note]",
        time_unit="months",  # the regularities are stated in months
    )

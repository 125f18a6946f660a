r"""Sobol' indices of many outputs at once, by SALib's own estimators.

:func:`indices` is ``SALib.analyze.sobol.analyze`` (first-order and total indices, without the
second order, with bootstrap confidence intervals) applied to every column of a matrix of
outputs in one pass: the outputs are standardised column by column, the design's blocks split
into the matrices :math:`A`, :math:`B` and :math:`A_B^{(j)}` as SALib splits them, and SALib's
estimators (``first_order``: Saltelli et al. 2010; ``total_order``: Jansen's, normalised by the
sample variance) applied along the draws' axis, which they reduce whatever the trailing axes.
The bootstrap of the total index resamples the base points with the same generator, seed and
draws as ``analyze`` (which resamples every output alike, its generator made afresh from the
seed); a bootstrap sample's means are computed as weighted sums (the number of times it draws
each base point), one matrix product for every output, where ``analyze`` gathers the resampled
arrays output by output (about 7 ms an output at 10\ :sup:`4` draws; the report has 45 outputs
per scenario). The tests hold every column to ``analyze``'s own numbers.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

__all__ = ["indices"]


def indices(
    problem: Mapping[str, Any],
    outputs: np.ndarray,
    *,
    num_resamples: int = 50,
    seed: int,
    conf_level: float = 0.95,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The first-order and total indices of every column of ``outputs`` and the total index's
    confidence half-width, each of shape (columns, groups), in SALib's order of the groups.

    ``outputs`` has one row per draw of a Saltelli design without second order (``len(groups)
    + 2`` draws per base point, as ``SALib.sample.sobol.sample`` orders them) and no constant
    column (a constant output has no variance to share).

    >>> from SALib.sample import sobol as sampler
    >>> problem = {"num_vars": 2, "names": ["a", "b"], "bounds": [[0, 1]] * 2}
    >>> x = sampler.sample(problem, 256, calc_second_order=False, seed=1)
    >>> first, total, _ = indices(problem, np.stack([x[:, 0], x[:, 0] + 2 * x[:, 1]], axis=1), seed=1)
    >>> np.round(first, 1).tolist(), np.round(total, 1).tolist()
    ([[1.0, 0.0], [0.2, 0.8]], [[1.0, 0.0], [0.2, 0.8]])
    """
    from SALib.analyze.sobol import first_order, total_order
    from SALib.util import extract_group_names
    from scipy.stats import norm

    _, groups = extract_group_names(dict(problem))
    values = np.asarray(outputs, dtype=float)
    step = groups + 2
    if values.ndim != 2 or len(values) % step:
        raise ValueError(
            f"outputs: expected (draws, columns) with draws a multiple of {step}, got {values.shape}"
        )
    spread = values.std(axis=0)
    bad = [int(c) for c in np.flatnonzero(~np.isfinite(spread) | (spread == 0))]
    if bad:  # a constant output has no variance to share; a NaN would run through every index
        named = ", ".join(map(str, bad[:5])) + (f" and {len(bad) - 5} more" if len(bad) > 5 else "")
        raise ValueError(
            f"outputs: expected finite columns that vary, got column(s) {named} constant or not finite"
        )
    base = len(values) // step
    standard = (values - values.mean(axis=0)) / spread
    blocks = standard.reshape(base, step, values.shape[1])
    a, b = blocks[:, 0], blocks[:, step - 1]
    resample = np.random.default_rng(seed).integers(base, size=(base, num_resamples))
    # each bootstrap sample as the number of times it draws each base point: its means are
    # weighted sums, one matrix product for every output at once
    counts = np.stack([np.bincount(column, minlength=base) for column in resample.T]).astype(float)
    pooled = (counts @ a + counts @ b) / (2 * base)  # the mean of np.r_[A, B] in each bootstrap sample
    # its variance in two passes, as np.var computes it (no cancellation where it is small)
    variance = (
        np.einsum("rn,rnk->rk", counts, (a[None] - pooled[:, None]) ** 2)
        + np.einsum("rn,rnk->rk", counts, (b[None] - pooled[:, None]) ** 2)
    ) / (2 * base)
    tiny = np.finfo(float).eps
    z = norm.ppf(0.5 + conf_level / 2)
    first = np.empty((values.shape[1], groups))
    total = np.empty((values.shape[1], groups))
    total_conf = np.empty((values.shape[1], groups))
    for j in range(groups):
        ab = blocks[:, 1 + j]
        first[:, j] = first_order(a, ab, b)
        total[:, j] = total_order(a, ab, b)
        squares = counts @ ((a - ab) ** 2) / base
        resampled = np.divide(0.5 * squares, variance, out=np.zeros_like(variance), where=variance > tiny)
        # (a bootstrap sample without variance counts 0, as analyze's estimator returns it; where
        # every one is so, analyze's guard sets the interval to 0, as the spread of zeros is)
        total_conf[:, j] = z * resampled.std(axis=0, ddof=1)
    return first, total, total_conf

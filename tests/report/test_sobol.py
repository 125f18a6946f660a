"""Sobol' indices of many outputs at once (bargaining.report.sobol) against SALib's own
``sobol.analyze``, output by output, and against known indices (Saltelli et al. 2010, CPC 181,
259-270: the estimators; the Ishigami function's indices from Sobol' 1990 / Saltelli et al. 2008,
*Global Sensitivity Analysis: The Primer*, table 4.1 at a = 7, b = 0.1)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from SALib.analyze import sobol as salib
from SALib.sample import sobol as sampler

from bargaining.report.sobol import indices
from bargaining.report.uncertainty import _problem, draw_points


@settings(max_examples=25, deadline=None)
@given(st.sampled_from([2, 4, 16, 64]), st.integers(0, 2**31 - 1), st.integers(1, 6))
def test_every_column_is_salib_analyze_of_that_column(base, seed, columns):
    """On the report's own design (seven groups), outputs of every kind: smooth, with ties,
    nearly constant in a bootstrap sample (few base points), heavy-tailed."""
    problem, units = _problem(), draw_points(base)
    rng = np.random.default_rng(seed)
    mixing = rng.normal(size=(units.shape[1], columns))
    outputs = np.sin(units @ mixing) + rng.choice([0.0, 1.0], size=columns) * np.round(units[:, :columns] * 2)
    outputs[:, 0] += rng.standard_cauchy() * units[:, 3] ** 3
    first, total, conf = indices(problem, outputs, num_resamples=50, seed=seed + 1)
    for column in range(columns):
        found = salib.analyze(problem, outputs[:, column], calc_second_order=False, num_resamples=50, seed=seed + 1)
        assert np.allclose(first[column], found["S1"], rtol=0, atol=1e-12)
        assert np.allclose(total[column], found["ST"], rtol=0, atol=1e-12)
        assert np.allclose(conf[column], found["ST_conf"], rtol=1e-12, atol=1e-12)


def test_the_ishigami_indices():
    """Ishigami (a = 7, b = 0.1): S1 = (0.3139, 0.4424, 0), ST = (0.5576, 0.4424, 0.2437)."""
    problem = {"num_vars": 3, "names": ["x1", "x2", "x3"], "bounds": [[-np.pi, np.pi]] * 3}
    x = sampler.sample(problem, 2**14, calc_second_order=False, seed=3)
    y = np.sin(x[:, 0]) + 7 * np.sin(x[:, 1]) ** 2 + 0.1 * x[:, 2] ** 4 * np.sin(x[:, 0])
    first, total, conf = indices(problem, y[:, None], seed=3)
    assert np.allclose(first[0], [0.3139, 0.4424, 0.0], atol=0.01)
    assert np.allclose(total[0], [0.5576, 0.4424, 0.2437], atol=0.01)
    assert np.all((conf[0] > 0) & (conf[0] < 0.05))


def test_a_design_of_the_wrong_size_is_refused():
    with pytest.raises(ValueError, match=r"outputs: expected \(draws, columns\) with draws a multiple of 9, got \(10, 2\)"):
        indices(_problem(), np.zeros((10, 2)), seed=1)


def test_a_constant_or_undefined_output_is_refused_before_any_work():
    """A constant column has no variance to share (analyze would divide by 0) and a NaN would run
    through every index: both are named, not turned into NaN indices."""
    outputs = np.random.default_rng(1).random((18, 9))
    outputs[:, 2] = 0.5
    outputs[4, 7] = np.nan
    with pytest.raises(ValueError, match=r"got column\(s\) 2, 7 constant or not finite"):
        indices(_problem(), outputs, seed=1)
    outputs = np.ones((18, 8))
    with pytest.raises(ValueError, match=r"got column\(s\) 0, 1, 2, 3, 4 and 3 more constant"):
        indices(_problem(), outputs, seed=1)

"""The regime map over specificity x carrot: the sweep's cells are the signalling game's equilibria."""

from fractions import Fraction as F

import numpy as np
import pytest

from bargaining.coercion import ResolveSignalling
from bargaining.report.regime_map import (
    CARROTS,
    REGIMES,
    VAGUENESS,
    SpecificityCarrot,
    regime_grid,
    regime_map,
)
from bargaining.scenarios import load, models, presets
from bargaining.sweep import regime_labels


def _by_point(game: ResolveSignalling) -> str:
    """The regime named from the exact equilibrium set at one point (no array code involved)."""
    forms = [e.form for e in game.equilibria("intuitive")]
    if not forms:
        return REGIMES[-1]
    present = " + ".join(form for form in ("pooling", "separating", "semi-separating") if form in forms)
    return ("several: " if len(forms) > 1 else "one: ") + present


def _point(scenario, vagueness, carrot):
    base = models.resolve_signalling(scenario)
    kept = {f: getattr(base, f) for f in base.__dataclass_fields__ if f not in ("kind", "vagueness", "carrot")}
    return ResolveSignalling(**kept, vagueness=vagueness, carrot=carrot)


def test_every_cell_is_the_equilibrium_set_of_its_point():
    """Independent of the sweep and of the array path: cells against the signalling game solved at
    one point, exactly (Fractions) on a few cells and in scalar floats on a sub-grid."""
    for name in ("vague-threat", "specific-carrots"):
        scenario = load(presets()[name])
        grid = regime_grid(scenario)
        labels = regime_labels(grid["regime"]).values
        for i in range(1, len(VAGUENESS), 6):
            for j in range(1, len(CARROTS), 6):
                point = _point(scenario, float(VAGUENESS[i]), float(CARROTS[j]))
                assert labels[i, j] == _by_point(point), (name, VAGUENESS[i], CARROTS[j])
                assert grid["equilibria"].values[i, j] == point.equilibrium_count("intuitive")
        for i, j in ((5, 3), (20, 12), (33, 25)):
            exact = _point(scenario, F(VAGUENESS[i]).limit_denominator(1000), F(CARROTS[j]).limit_denominator(1000))
            assert labels[i, j] == _by_point(exact), (name, VAGUENESS[i], CARROTS[j])


def test_several_equilibria_are_shown_as_such_and_labels_are_fixed():
    grid = regime_grid(load(presets()["vague-threat"]))
    labels = regime_labels(grid["regime"]).values
    several = np.char.startswith(labels.astype(str), "several")
    assert several.any()  # found, not chosen: the vague threat's map has cells with several
    assert (several == (grid["equilibria"].values > 1)).all()
    assert set(labels.ravel()) <= set(REGIMES)
    assert grid["vagueness"].attrs["units"] == "share of the stake"


def test_the_model_keeps_a_cell_with_no_equilibrium_named():
    cells = SpecificityCarrot(demand=0.2, audience_cost=0.5, carrot=np.array([0.0, 0.1]), prior_resolute=0.5,
                              resolute_value=0.1, irresolute_value=-1.0, threat=0.5, vagueness=np.array([[0.0], [0.3]]))
    regimes = cells.regimes()
    assert regimes.regime.shape == (2, 2) and set(regimes.regime.ravel()) <= set(REGIMES)


def test_the_figure_marks_the_scenario_and_is_exported_as_vector(tmp_path):
    paths, stated = regime_map(load(presets()["specific-threat"]), tmp_path / "regime.svg")
    assert [p.suffix for p in paths] == [".svg"] and all(p.stat().st_size > 3000 for p in paths)
    svg = paths[0].read_text(encoding="utf-8")
    assert "vagueness of the condition" in svg and "values" in svg and "ranges" in svg
    assert stated["regime"] in REGIMES and stated["equilibria"] >= 0 and 0 <= stated["several_share"] <= 1


def test_the_map_reaches_a_files_ranges_beyond_its_default_axes(tmp_path):
    text = presets()["vague-threat"].read_text(encoding="utf-8").replace(
        'range = [0.15, 0.35] }', 'range = [0.15, 0.55] }', 1)
    path = tmp_path / "wide.toml"
    path.write_text(text, encoding="utf-8")
    scenario = load(path)
    assert scenario.assumptions[("ultimatum", "vagueness")].high == F(55, 100)
    grid = regime_grid(scenario)
    assert dict(grid.sizes) == {"vagueness": 55, "carrot": 31} and float(grid["vagueness"][-1]) == 0.545


@pytest.mark.parametrize("preset", ["vague-threat", "specific-carrots"])
def test_the_maps_direct_cells_are_the_sweep_engines(preset):
    from bargaining.report.regime_map import regime_cells

    scenario = load(presets()[preset])
    grid = regime_grid(scenario)
    vagueness, carrots, codes, equilibria = regime_cells(scenario)
    assert np.array_equal(vagueness, grid["vagueness"].values) and np.array_equal(carrots, grid["carrot"].values)
    assert np.array_equal(codes, grid["regime"].values.astype(int))
    assert np.array_equal(equilibria, grid["equilibria"].values)

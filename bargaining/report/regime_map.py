r"""The regime map over specificity x carrot: which equilibria the scenario's coercer plays where.

**Which model.** Specificity of the demand is George's condition: how blurred is what counts as
compliance. The package parameterises it as the ``vagueness`` :math:`\sigma` of a uniform blur (a
complying target concedes :math:`x + \sigma` to be sure, the coercer values only :math:`x`), in
the one-shot ultimatum, in the signalling block and in the coercive game's
:class:`~bargaining.coercive_game.UltimatumDesign`. The coercive game's grid solver has no vague
condition (only its exact solver, in fractions, one point at a time), so the map is drawn with
the model of the family in which the coercer's design meets a target that does not know its
resolve and several equilibria can coexist: the signalling block
(:class:`~bargaining.coercion.ResolveSignalling`; a resolute or an irresolute coercer chooses a
plain or a specific, public threat, with or without the carrot). Every other number comes from
the scenario's ``[ultimatum]`` and ``[signalling]`` assumptions
(:func:`bargaining.scenarios.models.resolve_signalling`).

**Regime.** In each cell the equilibria that survive the intuitive criterion (Cho & Kreps 1987)
are named by their form: *pooling* (both coercer types send one message, so the target learns
nothing of the coercer's resolve and a refusal is met by execution with the prior's odds),
*separating* (the message reveals the type: the resolute coercer executes the threat after a
refusal, the irresolute one backs down), *semi-separating* (one type mixes). A cell where
several survive is labelled ``several: <forms>`` and hatched, never reduced to one; a cell
where none of the enumerated classes survives says so. The labels form the fixed list
:data:`REGIMES`, so every map uses the same colour for the same regime.

**How it is computed.** :class:`SpecificityCarrot` is a sweepable model whose solver evaluates
the signalling game on the whole grid in one vectorised call (arrays of :math:`\sigma` and
:math:`s`); no loop runs per cell. :func:`regime_grid` runs it through the sweep engine
(:func:`bargaining.sweep.sweep`, Dask, in memory, an :class:`xarray.Dataset` out);
:func:`regime_map` calls it directly (:func:`regime_cells`, the same cells), since importing Dask
and xarray costs the main job more than the map.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import numpy as np

from ..coercion import ResolveSignalling
from ..scenarios import Scenario, models
from ..sweep import Metadata, Variable, sweep

__all__ = [
    "CARROTS",
    "REGIMES",
    "VAGUENESS",
    "RegimeCells",
    "SpecificityCarrot",
    "axes",
    "file_point",
    "regime_cells",
    "regime_grid",
    "regime_map",
]

#: The forms of equilibrium, in the order of the labels.
_FORMS = ("pooling", "separating", "semi-separating")
NONE = "no equilibrium with at most one mixing type"

#: Every label a cell can take, in the order of the colours.
REGIMES: tuple[str, ...] = (
    *(f"one: {form}" for form in _FORMS),
    *(
        "several: " + " + ".join(form for form, bit in zip(_FORMS, bits) if bit)
        for bits in ((1, 0, 0), (0, 1, 0), (0, 0, 1), (1, 1, 0), (1, 0, 1), (0, 1, 1), (1, 1, 1))
    ),
    NONE,
)

#: The axes of every scenario's map (the same for all, so the maps compare): the vagueness of the
#: condition and the carrot, both shares of the stake, at the centres of cells 0.01 wide that tile
#: [0, 0.4] x [0, 0.3] (every preset's ranges). Centres, not edges: a regime boundary often falls on
#: a round number (a carrot of 1/10 where credibility 1/2 meets a demand of 1/5), and there floats
#: may land on either side; the file's own point is solved exactly (:func:`file_point`). The carrot
#: axis starts with 0 itself: no carrot is a different game (the carrot messages are the plain
#: ones), where most presets sit, drawn as the map's thin bottom row.
VAGUENESS = (np.arange(40) + 0.5) / 100
CARROTS = np.concatenate([[0.0], (np.arange(30) + 0.5) / 100])

_STAKE = "share of the stake"


@dataclass(frozen=True, slots=True)
class RegimeCells:
    """The map's outputs per cell: the regime label and the number of surviving equilibria.

    >>> SpecificityCarrot(demand=0.2, audience_cost=0.5, carrot=np.array([0.0, 0.1, 0.3]),
    ...                   prior_resolute=0.5, resolute_value=0.1, irresolute_value=-1.0,
    ...                   threat=0.5).regimes()
    RegimeCells(regime=array(['one: separating', 'several: separating', 'one: separating'],
          dtype='<U19'), equilibria=array([1., 2., 1.]))
    """

    regime: Any
    equilibria: Any


@dataclass(frozen=True, slots=True)
class SpecificityCarrot:
    """The signalling game's fields, as a model the sweep engine can evaluate on a grid.

    >>> cells = SpecificityCarrot(demand=0.2, audience_cost=0.5, carrot=np.array([0.0, 0.3]),
    ...                           prior_resolute=0.5, resolute_value=0.1, irresolute_value=-1.0,
    ...                           threat=0.5, vagueness=0.0).regimes()
    >>> cells.regime.tolist(), cells.equilibria.tolist()
    (['one: separating', 'one: separating'], [1.0, 1.0])
    """

    demand: Any
    audience_cost: Any
    carrot: Any
    prior_resolute: Any
    resolute_value: Any
    irresolute_value: Any
    threat: Any = 1
    vagueness: Any = 0
    carrot_efficiency: Any = 1
    carrot_credibility: Any = 1
    resolve_low: Any = 0
    resolve_high: Any = 1
    risk: Any = 0

    sweep_metadata = Metadata(
        parameters={
            "vagueness": Variable("vagueness of the condition (0: named exactly)", _STAKE),
            "carrot": Variable("the carrot offered for compliance", _STAKE),
        },
        variables={
            "regime": Variable("the forms of the equilibria that survive the intuitive criterion"),
            "equilibria": Variable("the number of equilibria that survive the intuitive criterion"),
        },
        regimes=REGIMES,
    )

    def regimes(self) -> RegimeCells:
        """Each cell's regime (a label of :data:`REGIMES`) and its number of surviving equilibria.

        The arrays broadcast: here two carrots (rows) by two degrees of vagueness (columns), with a
        carrot worth half its cost and kept half the time:

        >>> game = SpecificityCarrot(demand=0.2, audience_cost=0.5, prior_resolute=0.5,
        ...                          resolute_value=0.1, irresolute_value=-1.0, threat=0.5,
        ...                          carrot_efficiency=0.5, carrot_credibility=0.5,
        ...                          carrot=np.array([[0.0], [0.1]]), vagueness=np.array([0.0, 0.35]))
        >>> cells = game.regimes()
        >>> cells.regime.tolist()
        [['one: separating', 'several: pooling + separating'], ['several: separating', 'several: pooling + separating']]
        >>> cells.equilibria.tolist()
        [[1.0, 2.0], [2.0, 8.0]]
        """
        game = ResolveSignalling(**{f.name: getattr(self, f.name) for f in fields(self)})
        labels = np.asarray(game.regime("intuitive", None, detail=False), dtype=str)
        count = np.asarray(game.equilibrium_count("intuitive"), dtype=float)
        semi = np.char.count(labels, "semi-separating")
        present = (
            np.char.count(labels, "pooling") > 0,
            np.char.count(labels, "separating") - semi > 0,
            semi > 0,
        )
        names = np.full(labels.shape, "", dtype=object)
        for form, here in zip(_FORMS, present):
            names = np.where(here, np.where(names == "", form, names + " + " + form), names)
        regime = np.where(count == 0, NONE, np.where(count > 1, "several: " + names, "one: " + names))
        return RegimeCells(regime.astype(str), count)


def _label(forms: list[str]) -> str:
    """The regime named by the forms of the equilibria that survive."""
    if not forms:
        return NONE
    present = " + ".join(form for form in _FORMS if form in forms)
    return ("several: " if len(forms) > 1 else "one: ") + present


def file_point(scenario: Scenario) -> tuple[str, int]:
    """The regime and the number of surviving equilibria at the file's values, solved exactly.

    >>> from bargaining.scenarios import load, presets
    >>> file_point(load(presets()["specific-threat"]))
    ('one: separating', 1)
    """
    forms = [e.form for e in models.resolve_signalling(scenario).equilibria("intuitive")]
    return _label(forms), len(forms)


def axes(scenario: Scenario) -> tuple[np.ndarray, np.ndarray]:
    """The map's vagueness and carrot axes: :data:`VAGUENESS` and :data:`CARROTS`, extended by
    cells of the same width when the file's ranges reach beyond them (so its point and its box are
    always on the map).

    >>> from bargaining.scenarios import load, presets
    >>> [len(axis) for axis in axes(load(presets()["status-quo"]))]
    [40, 31]
    """
    highs = [float(scenario.assumptions[("ultimatum", key)].high) for key in ("vagueness", "carrot")]  # type: ignore[arg-type]
    cells = [max(40, math.ceil(round(highs[0] * 100, 9))), max(30, math.ceil(round(highs[1] * 100, 9)))]
    return (np.arange(cells[0]) + 0.5) / 100, np.concatenate([[0.0], (np.arange(cells[1]) + 0.5) / 100])


def _fixed(scenario: Scenario) -> dict[str, float]:
    """The scenario's signalling game at the file's values, but for the map's two axes."""
    game = models.resolve_signalling(scenario)
    return {
        f.name: float(getattr(game, f.name))
        for f in fields(game)
        if f.init and f.name not in ("vagueness", "carrot")
    }


def regime_grid(scenario: Scenario) -> Any:
    """The scenario's map as an :class:`xarray.Dataset` (dimensions ``vagueness`` x ``carrot``).

    >>> from bargaining.scenarios import load, presets
    >>> grid = regime_grid(load(presets()["vague-threat"]))
    >>> dict(grid.sizes), str(grid["regime"].attrs["labels"]).count("several")
    ({'vagueness': 40, 'carrot': 31}, 7)
    """
    fixed = _fixed(scenario)
    vagueness, carrots = axes(scenario)
    return sweep(
        SpecificityCarrot,
        "regimes",
        fixed=fixed,
        vagueness=vagueness,
        carrot=carrots,
        scheduler="synchronous",
        progress=False,
    )


def regime_cells(scenario: Scenario) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The map's cells without the sweep engine: ``(vagueness, carrots, codes, equilibria)``, the
    codes (indices into :data:`REGIMES`) and the numbers of surviving equilibria of shape
    ``(len(vagueness), len(carrots))``, from one vectorised call of :class:`SpecificityCarrot` on
    the whole grid. The same cells as :func:`regime_grid` (tested), without importing Dask and
    xarray, which cost a worker of the main job more than the map itself.

    >>> from bargaining.scenarios import load, presets
    >>> vagueness, carrots, codes, equilibria = regime_cells(load(presets()["vague-threat"]))
    >>> codes.shape, int((equilibria > 1).sum()) > 0
    ((40, 31), True)
    """
    fixed = _fixed(scenario)
    vagueness, carrots = axes(scenario)
    mesh_v, mesh_c = np.meshgrid(vagueness, carrots, indexing="ij")
    cells = SpecificityCarrot(**fixed, vagueness=mesh_v, carrot=mesh_c).regimes()
    labels, inverse = np.unique(cells.regime, return_inverse=True)
    codes = np.array([REGIMES.index(str(label)) for label in labels])[inverse.reshape(mesh_v.shape)]
    return vagueness, carrots, codes, np.asarray(cells.equilibria, dtype=float)


_COLOURS = (
    "#1b9e77",
    "#d95f02",
    "#7570b3",
    "#a6d854",
    "#fc8d62",
    "#8da0cb",
    "#e7298a",
    "#66a61e",
    "#e6ab02",
    "#a6761d",
    "#bbbbbb",
)


def regime_map(scenario: Scenario, path: Path) -> tuple[list[Path], dict[str, Any]]:
    """Draw the scenario's map (vector SVG) and return the paths and what the text states:
    the regime at the file's values, its number of equilibria, whether the file has no carrot, and
    the share of the cells inside the file's ranges of vagueness and carrot where several
    equilibria survive.

    >>> import tempfile
    >>> from bargaining.scenarios import load, presets
    >>> folder = Path(tempfile.mkdtemp())
    >>> paths, stated = regime_map(load(presets()["specific-carrots"]), folder / "regimes")
    >>> [path.name for path in paths]
    ['regimes.svg']
    >>> stated
    {'regime': 'several: separating', 'equilibria': 2, 'no_carrot': False, 'several_share': 1.0}
    """
    from matplotlib.colors import ListedColormap
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch, Rectangle

    from .game_figures import _pyplot, _save

    plt = _pyplot()

    vagueness, carrots, cells, equilibria = regime_cells(scenario)
    codes = cells.T  # rows: carrot, columns: vagueness
    several = equilibria.T > 1
    figure, ax = plt.subplots(figsize=(9.5, 4.6))
    ax.pcolormesh(
        vagueness,
        carrots,
        codes,
        cmap=ListedColormap(list(_COLOURS)),
        vmin=-0.5,
        vmax=len(REGIMES) - 0.5,
        shading="nearest",
    )
    if several.any():
        ax.contourf(
            vagueness,
            carrots,
            several.astype(float),
            levels=[0.5, 1.5],
            colors="none",
            hatches=["//"],
        )
    u = {key: scenario.assumptions[("ultimatum", key)] for key in ("vagueness", "carrot")}
    low_v, high_v, low_s, high_s = (
        float(x)  # type: ignore[arg-type]  # numeric assumptions
        for x in (u["vagueness"].low, u["vagueness"].high, u["carrot"].low, u["carrot"].high)
    )
    ax.add_patch(
        Rectangle((low_v, low_s), high_v - low_v, high_s - low_s, fill=False, linestyle="--", color="black")
    )
    point = (float(u["vagueness"].value), float(u["carrot"].value))  # type: ignore[arg-type]
    ax.plot(
        *point, marker="*", markersize=18, color="white", markeredgecolor="black", clip_on=False, zorder=5
    )
    ax.set_xlim(-0.005, float(vagueness[-1]) + 0.005)
    ax.set_ylim(-0.005, float(carrots[-1]) + 0.005)
    present = sorted(set(np.unique(codes).tolist()))
    handles: list[Any] = [
        Patch(
            facecolor=_COLOURS[code], label=REGIMES[code], hatch="//" if "several" in REGIMES[code] else None
        )
        for code in present
    ]
    handles += [
        Line2D(
            [],
            [],
            marker="*",
            markersize=12,
            color="white",
            markeredgecolor="black",
            linestyle="",
            label="the file's values",
        ),
        Rectangle((0, 0), 1, 1, fill=False, linestyle="--", label="the file's ranges"),
    ]
    ax.legend(
        handles=handles,
        fontsize=8,
        loc="upper left",
        bbox_to_anchor=(1.01, 1),
        title="equilibria (intuitive criterion)",
    )
    ax.set_xlabel(
        "vagueness of the condition σ (share of the stake; 0 = named exactly, more specific to the left)"
    )
    ax.set_ylabel("carrot s (share of the stake)")
    figure.tight_layout()
    paths = _save(figure, path, layout=False)
    inside_v = (vagueness >= low_v) & (vagueness <= high_v)  # the file's box, ends included
    inside_s = (carrots >= low_s) & (carrots <= high_s)
    box = equilibria[np.ix_(inside_v, inside_s)]
    regime, count = file_point(scenario)
    return paths, {
        "regime": regime,
        "equilibria": count,
        "no_carrot": point[1] == 0,
        "several_share": float((box > 1).mean()) if box.size else float("nan"),
    }

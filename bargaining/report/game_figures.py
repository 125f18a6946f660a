"""The report's figures of the coercive game, each saved once, as vector SVG (what the HTML and
Markdown reports show and what a paper includes; a second raster copy would cost a second drawing).

Every axis is labelled with its unit (months for time); every legend names what it shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .game import STRATEGY_NAMES, GameResult
from .uncertainty import GROUPS, OUTPUTS, Uncertainty

__all__ = ["sobol_figure", "statics_figure", "strategies_figure", "timeline_figure"]

_COLOURS = {"try_and_see": "#1b9e77", "screw": "#d95f02", "ultimatum": "#7570b3"}


def _pyplot() -> Any:
    """``matplotlib.pyplot`` on the file backend (Agg): the report draws to files, never to a screen."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _save(figure: object, path: Path, *, layout: bool = True) -> list[Path]:
    import matplotlib
    import matplotlib.pyplot as plt

    if layout:
        figure.tight_layout()  # type: ignore[attr-defined]
    vector = path.with_suffix(".svg")
    with matplotlib.rc_context({"svg.fonttype": "none"}):  # text kept as text: editable, and cheaper
        figure.savefig(vector)  # type: ignore[attr-defined]
    plt.close(figure)  # type: ignore[arg-type]
    return [vector]


def strategies_figure(results: Sequence[GameResult], spread: Sequence[Uncertainty], path: Path) -> list[Path]:
    """Per scenario and strategy: P(settled by the horizon) and P(threat executed), with 90 % intervals.

    >>> from bargaining.scenarios import load, presets
    >>> from bargaining.report.game import solve_game
    >>> from bargaining.report.uncertainty import uncertainty
    >>> scenario = load(presets()["specific-threat"])
    >>> result = solve_game(scenario, types=8, designs=False)
    >>> spread = uncertainty([scenario], base=1, types=6)
    >>> import tempfile
    >>> from pathlib import Path
    >>> folder = Path(tempfile.mkdtemp())
    >>> [path.suffix for path in strategies_figure([result], spread, folder / "strategies")]
    ['.svg']
    """
    plt = _pyplot()
    import numpy as np

    panels = (("settled", "P(settled by the horizon)"), ("coercer_utility", "coercer's expected utility"))
    figure, axes = plt.subplots(1, 2, figsize=(11, 0.55 * len(results) + 2.2), sharey=True)
    y = np.arange(len(results))
    for ax, (key, label) in zip(axes, panels):
        for k, strategy in enumerate(("try_and_see", "screw", "ultimatum")):
            values = [r.numbers(strategy)[key] for r in results]
            intervals = [u.interval((strategy, key)) for u in spread]
            low = [max(0.0, v - i[0]) if i[0] == i[0] else 0.0 for v, i in zip(values, intervals)]
            high = [max(0.0, i[2] - v) if i[2] == i[2] else 0.0 for v, i in zip(values, intervals)]
            ax.errorbar(
                values,
                y + (k - 1) * 0.25,
                xerr=[low, high],
                fmt="o",
                color=_COLOURS[strategy],
                label=STRATEGY_NAMES[strategy],
                capsize=3,
            )
        ax.set_xlabel(
            label + ("\n(probability)" if key == "settled" else "\n(share of the stake, present value)")
        )
        ax.grid(axis="x", alpha=0.3)
    axes[0].set_yticks(y, [r.scenario.title for r in results])
    axes[0].invert_yaxis()
    handles, labels = axes[0].get_legend_handles_labels()
    figure.legend(
        handles,
        labels,
        title="strategy (bars: 90 % interval of the joint draws)",
        fontsize=8,
        loc="lower center",
        ncol=3,
    )
    figure.tight_layout(rect=(0, 0.1, 1, 1))
    return _save(figure, path, layout=False)


def timeline_figure(result: GameResult, path: Path) -> list[Path]:
    """P(settled by month t) (solid) and P(decisive end by month t) (dashed), per strategy.

    >>> from bargaining.scenarios import load, presets
    >>> from bargaining.report.game import solve_game
    >>> scenario = load(presets()["specific-threat"])
    >>> result = solve_game(scenario, types=8, designs=False)
    >>> import tempfile
    >>> from pathlib import Path
    >>> folder = Path(tempfile.mkdtemp())
    >>> [path.suffix for path in timeline_figure(result, folder / "timeline")]
    ['.svg']
    """
    plt = _pyplot()

    figure, ax = plt.subplots(figsize=(7.5, 3.8))
    for strategy, solution in result.solutions.items():
        months = range(len(solution.settled_by))
        ax.plot(
            months,
            [float(p) for p in solution.settled_by],
            color=_COLOURS[strategy],
            label=f"{STRATEGY_NAMES[strategy]}: settled by t",
        )
        ax.plot(
            months,
            [float(p) for p in solution.decisive_by],
            color=_COLOURS[strategy],
            linestyle="--",
            label=f"{STRATEGY_NAMES[strategy]}: decisive end by t",
        )
    ax.axvline(result.design.deadline, color="grey", linestyle=":", label="the ultimatum's deadline")
    ax.set_xlabel("month t (the game's period)")
    ax.set_ylabel("probability")
    ax.set_ylim(0, 1)
    ax.legend(fontsize=7, loc="upper left", ncol=2)
    ax.grid(alpha=0.3)
    return _save(figure, path)


def sobol_figure(spread: Uncertainty, strategy: str, path: Path) -> list[Path] | None:
    """Total Sobol index of each group of assumptions, per output of ``strategy`` (None: no indices).

    >>> from bargaining.scenarios import load, presets
    >>> from bargaining.report.game import solve_game
    >>> from bargaining.report.uncertainty import uncertainty
    >>> scenario = load(presets()["specific-threat"])
    >>> result = solve_game(scenario, types=8, designs=False)
    >>> spread = uncertainty([scenario], base=2, types=6)
    >>> import tempfile
    >>> from pathlib import Path
    >>> folder = Path(tempfile.mkdtemp())
    >>> found = sobol_figure(spread[0], "try_and_see", folder / "sobol")
    >>> found if found is None else [path.suffix for path in found]
    ['.svg']
    """
    plt = _pyplot()
    import numpy as np

    keys = [key for key in OUTPUTS if key[0] == strategy and key in spread.indices]
    if not keys:
        return None
    groups = list(GROUPS)
    figure, ax = plt.subplots(figsize=(8, 0.35 * len(groups) * len(keys) / 2 + 2.5))
    height = 0.8 / len(keys)
    cmap = plt.get_cmap("tab10")
    for k, key in enumerate(keys):
        totals = [min(1.0, max(0.0, spread.indices[key][group][1])) for group in groups]
        ax.barh(
            np.arange(len(groups)) + k * height,
            totals,
            height=height,
            color=cmap(k % 10),
            label=OUTPUTS[key][0],
        )
    ax.set_yticks(np.arange(len(groups)) + 0.4 - height / 2, groups)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("total Sobol index (share of the output's variance, clipped to [0, 1])")
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1), title="output")
    figure.set_size_inches(11, figure.get_size_inches()[1])
    return _save(figure, path)


def statics_figure(curves: dict[Any, Any], path: Path) -> list[Path]:
    """Compliance, P(threat executed) and the coercer's utility against each design parameter.

    >>> import tempfile
    >>> from pathlib import Path
    >>> from bargaining.report.statics import statics
    >>> from bargaining.scenarios import load, presets
    >>> curves = statics(load(presets()["specific-threat"]), types=4, points=2)
    >>> [path.suffix for path in statics_figure(curves, Path(tempfile.mkdtemp()) / "statics")]
    ['.svg']
    """
    plt = _pyplot()

    from .statics import PARAMETERS

    figure, axes = plt.subplots(1, len(PARAMETERS), figsize=(13, 3.6), sharey=True)
    for ax, (parameter, label) in zip(axes, PARAMETERS.items()):
        xs, compliance, executed, utility = curves[parameter]
        ax.plot(xs, compliance, marker="o", color="#1b9e77", label="compliance: P(settled by the deadline)")
        ax.plot(xs, executed, marker="s", color="#d95f02", label="P(threat executed)")
        ax.plot(xs, utility, marker="^", color="#7570b3", label="coercer's expected utility")
        ax.axhline(
            curves["try_and_see"], color="grey", linestyle=":", label="coercer's utility under try-and-see"
        )
        ax.set_xlabel(label)
        ax.grid(alpha=0.3)
    axes[0].set_ylabel("probability / utility (share of the stake)")
    lowest = min(float(min(curves[p][3])) for p in PARAMETERS)  # a utility below 0 stays in view
    axes[0].set_ylim(min(0.0, lowest - 0.05), 1)
    handles, labels = axes[0].get_legend_handles_labels()
    figure.legend(handles, labels, loc="upper center", ncol=4, fontsize=8)
    figure.tight_layout(rect=(0, 0, 1, 0.86))
    return _save(figure, path, layout=False)

"""The report's figures (matplotlib, Agg backend): outcomes, regime map, survival curves, tornados."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .analysis import ScenarioResult, Sensitivity

__all__ = ["outcomes_figure", "regime_map_figure", "survival_figure", "tornado_figure"]


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def outcomes_figure(results: Sequence[ScenarioResult], path: Path) -> Path:
    """P(comply), P(threat executed) and P(back down) of each scenario's ultimatum, side by side."""
    plt = _pyplot()
    names = [r.scenario.name for r in results]
    series = {
        "P(comply)": [float(r.outcome.compliance_probability) for r in results],
        "P(threat executed)": [float(r.outcome.threat_executed_probability) for r in results],
        "P(back down)": [float(r.outcome.back_down_probability) for r in results],
    }
    figure, axes = plt.subplots(figsize=(9, 4))
    x = np.arange(len(names))
    for offset, (label, values) in zip((-0.27, 0, 0.27), series.items()):
        axes.bar(x + offset, values, width=0.27, label=label)
    axes.set_xticks(x, names, rotation=25, ha="right")
    axes.set_ylabel("probability")
    axes.set_ylim(0, 1)
    axes.set_title("The one-shot ultimatum of each scenario")
    axes.legend()
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return path


def regime_map_figure(result: ScenarioResult, path: Path) -> Path:
    """The signalling regime over specificity (audience cost) x carrot, around the scenario's game."""
    plt = _pyplot()
    from ..coercion import regime_map
    from ..scenarios import models

    game = models.signalling_game(result.scenario)
    figure, _ = regime_map(
        game, audience_costs=np.linspace(0, 2, 41), carrots=np.linspace(0, 0.5, 26), path=path
    )
    plt.close(figure)
    return path


def survival_figure(result: ScenarioResult, path: Path) -> Path:
    """Survival and hazard of the war under George's three strategies."""
    plt = _pyplot()
    from ..war import plot_durations

    figure = plot_durations(result.war)
    calibration = result.war.attrs.get("calibration", "")
    figure.suptitle(f"{result.scenario.title} ({calibration})", fontsize=9)
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return path


def tornado_figure(result: ScenarioResult, bars: Sequence[Sensitivity], path: Path) -> Path:
    """One panel per output: each assumption's swing across its range, largest first."""
    plt = _pyplot()
    outputs = [
        o for o in dict.fromkeys(b.output for b in bars) if any(b.swing > 0 for b in bars if b.output == o)
    ]
    if not outputs:
        outputs = list(dict.fromkeys(b.output for b in bars))[:1]
    figure, axes = plt.subplots(1, len(outputs), figsize=(4.6 * len(outputs), 4.5), squeeze=False)
    for axis, output in zip(axes[0], outputs):
        chosen = sorted((b for b in bars if b.output == output), key=lambda b: b.swing)[-8:]
        labels = [f"{b.section}.{b.key}" for b in chosen]
        base = chosen[0].base if chosen else 0.0
        for row, bar in enumerate(chosen):
            axis.barh(row, bar.at_low - base, left=base, color="tab:blue", alpha=0.7)
            axis.barh(row, bar.at_high - base, left=base, color="tab:red", alpha=0.7)
        axis.axvline(base, color="black", linewidth=0.8)
        axis.set_yticks(range(len(chosen)), labels, fontsize=8)
        axis.set_title(output, fontsize=10)
    figure.suptitle(f"{result.scenario.title}: sensitivity (blue: low end, red: high end)", fontsize=10)
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return path

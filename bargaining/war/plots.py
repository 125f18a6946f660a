"""Survival curves and hazards of war duration, per strategy (matplotlib, imported on use).

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from fractions import Fraction
>>> from bargaining.war import LearningWar, TryAndSee, TurningTheScrew, compare
>>> war = LearningWar(Fraction(7, 10), Fraction(7, 10), 2, 6, Fraction(1, 2), Fraction(1, 40), Fraction(1, 40))
>>> figure = plot_durations(compare(war, [TryAndSee(), TurningTheScrew(Fraction(1, 100))], horizon=30))
>>> [axis.get_title() for axis in figure.axes]
['survival: P(war still on after t)', 'hazard: P(ends at t | on at t)']
>>> import matplotlib.pyplot as plt
>>> plt.close(figure)
"""

from __future__ import annotations

from typing import Any

from ..core.errors import ParameterValueError

__all__ = ["plot_durations"]


def plot_durations(table: Any, axes: Any = None) -> Any:
    """Plot survival and hazard against time for every strategy of a :func:`~bargaining.war.compare` table.

    Parameters
    ----------
    table : xarray.Dataset
        The output of :func:`bargaining.war.compare` (``survival`` and ``hazard`` by strategy and time).
    axes : pair of matplotlib axes, optional
        Where to draw; a new figure with two panels by default.

    Returns
    -------
    matplotlib.figure.Figure
        The figure, titled with the calibration label of the table.

    >>> from fractions import Fraction
    >>> from bargaining.war import LearningWar, TryAndSee, compare
    >>> war = LearningWar(Fraction(3, 4), Fraction(3, 4), 2, 6, Fraction(1, 2), Fraction(1, 30), Fraction(1, 30), 3)
    >>> figure = plot_durations(compare(war, [TryAndSee()], horizon=6))
    >>> [axes.get_ylabel() for axes in figure.axes]
    ['', '']
    """
    import matplotlib.pyplot as plt

    for name in ("survival", "hazard"):
        if name not in getattr(table, "data_vars", {}):
            raise ParameterValueError(
                "table", f"a compare() Dataset with a {name!r} variable", type(table).__name__
            )
    if axes is None:
        figure, axes = plt.subplots(1, 2, figsize=(10, 4), constrained_layout=True)
    else:
        figure = axes[0].figure
    strategies = (
        table["strategy"].values.tolist() if "strategy" in table.dims else [table.attrs.get("strategy", "")]
    )
    for index, strategy in enumerate(strategies):
        selected = table.isel(strategy=index) if "strategy" in table.dims else table
        label = str(strategy) or None  # an unnamed curve (a duration mixture's table) has no legend entry
        axes[0].step(selected["time"], selected["survival"], where="post", label=label)
        axes[1].step(selected["time"], selected["hazard"], where="post", label=label)
    axes[0].set_title("survival: P(war still on after t)")
    axes[1].set_title("hazard: P(ends at t | on at t)")
    unit = table.attrs.get("time_unit", "periods")
    for axis in axes:
        axis.set_xlabel(f"time ({unit})")
        if any(str(strategy) for strategy in strategies):
            axis.legend()
    figure.suptitle(str(table.attrs.get("calibration", "")), fontsize="small")
    return figure

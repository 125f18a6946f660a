"""Regime maps and heat maps of any two-dimensional slice of a sweep (matplotlib).

A categorical variable (regime labels) is drawn as a **regime map**: one colour per label and a
legend naming them; a numeric one as a **heat map** with a colour bar. Axis labels carry each
dimension's name and units from the Dataset's attributes; the other dimensions are fixed at the
values given in ``at`` (the nearest grid value is used).

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from bargaining.crisis import RiskReturn
>>> from bargaining.sweep import sweep
>>> result = sweep(RiskReturn, fixed={"target_cost_low": 0.0}, power=[0.2, 0.5, 0.8],
...                cost_coercer=[0.0, 0.1], target_cost_high=[0.2, 0.4], progress=False)
>>> axes = plot_map(result, "regime", x="power", y="cost_coercer", at={"target_cost_high": 0.4})
>>> axes.get_xlabel(), axes.get_title()
('power (probability)', 'regime at target_cost_high = 0.4')
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import numpy as np

from ..core.errors import Description, ParameterValueError

__all__ = ["plot_map"]


def _label(name: str, attrs: Mapping[str, Any]) -> str:
    units = attrs.get("units")
    return f"{name} ({units})" if units else name


def plot_map(
    dataset: Any,
    variable: str = "regime",
    *,
    x: str | None = None,
    y: str | None = None,
    at: Mapping[str, float] | None = None,
    ax: Any = None,
) -> Any:
    """Draw ``variable`` over the dimensions ``x`` and ``y`` of a sweep; return the matplotlib Axes.

    Parameters
    ----------
    dataset : xarray.Dataset
        A sweep result (:func:`bargaining.sweep.sweep`).
    variable : str
        The variable to draw: a regime map if it holds labels, else a heat map.
    x, y : str, optional
        The dimensions on the horizontal and vertical axes (default: the variable's first two).
    at : mapping, optional
        A value for every other dimension (the nearest grid value is used).
    ax : matplotlib Axes, optional
        Where to draw (default: a new figure).

    >>> from bargaining.crisis import RiskReturn
    >>> from bargaining.sweep import sweep
    >>> result = sweep(RiskReturn, fixed={"cost_coercer": 0.25, "target_cost_low": 0.0},
    ...   power=[0.25, 0.875], target_cost_high=[0.25, 0.5], progress=False)
    >>> figure = plot_map(result)
    >>> type(figure).__name__
    'Axes'
    """
    import matplotlib.pyplot as plt
    from matplotlib.colors import BoundaryNorm, ListedColormap
    from matplotlib.patches import Patch

    if variable not in dataset.data_vars:
        raise ParameterValueError(
            "variable", f"a variable of the sweep ({', '.join(map(str, dataset.data_vars))})", variable
        )
    data = dataset[variable]
    dims = [str(dim) for dim in data.dims]
    if len(dims) < 2:
        raise ParameterValueError("variable", "a variable of two or more dimensions", variable)
    x = x or next(dim for dim in dims if dim != y)
    y = y or next(dim for dim in dims if dim != x)
    for field, name in (("x", x), ("y", y)):
        if name not in dims:
            raise ParameterValueError(field, f"a dimension of {variable} ({', '.join(dims)})", name)
    if x == y:
        raise ParameterValueError("y", "a dimension other than x", y)
    at = dict(at or {})
    others = [dim for dim in dims if dim not in (x, y)]
    if sorted(at) != sorted(others):
        raise ParameterValueError(
            "at",
            f"a value for each other dimension ({', '.join(others) or 'none'})",
            Description(str(sorted(at))),
        )
    if at:
        data = data.sel(at, method="nearest")
    values = np.asarray(data.transpose(y, x).values)
    xs, ys = np.asarray(dataset[x].values), np.asarray(dataset[y].values)
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 4.5))
    if "labels" in data.attrs:
        labels = json.loads(data.attrs["labels"])
        palette: Any = plt.get_cmap("tab10" if len(labels) <= 10 else "tab20")
        colours = palette.colors[: len(labels)]
        norm = BoundaryNorm(np.arange(len(labels) + 1) - 0.5, len(labels))
        ax.pcolormesh(xs, ys, values, cmap=ListedColormap(colours), norm=norm, shading="nearest")
        present = sorted({int(code) for code in np.unique(values)})
        ax.legend(
            handles=[Patch(color=colours[code], label=labels[code]) for code in present],
            title=variable,
            loc="best",
            fontsize="small",
        )
    else:
        mesh = ax.pcolormesh(xs, ys, values, cmap="viridis", shading="nearest")
        colour_bar = ax.figure.colorbar(mesh, ax=ax)
        colour_bar.set_label(_label(variable, data.attrs))
    ax.set_xlabel(_label(x, dataset[x].attrs))
    ax.set_ylabel(_label(y, dataset[y].attrs))
    where = ", ".join(f"{dim} = {float(data[dim].values):.4g}" for dim in others)
    ax.set_title(f"{variable} at {where}" if where else variable)
    return ax

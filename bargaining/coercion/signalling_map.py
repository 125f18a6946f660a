"""The signalling extension's regime map: the survivors of a refinement over audience cost x carrot.

Each cell names the equilibria of :class:`~bargaining.coercion.signalling.ResolveSignalling` that
survive the refinement (and the selection) the user chose; a cell where several survive gets its
own ``"several: ..."`` label and colour, so the map shows where the game has several equilibria.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .signalling import ResolveSignalling
from .signalling_results import _check_rule

__all__ = ["regime_map"]


def regime_map(
    game: ResolveSignalling,
    *,
    audience_costs: Any,
    carrots: Any,
    refinement: str = "intuitive",
    select: str | None = None,
    detail: bool = False,
    path: Any = None,
) -> Any:
    """Draw the equilibrium regime over specificity (audience cost) x carrot size.

    ``game`` fixes every other parameter; the grid is solved in one vectorised call of
    :meth:`ResolveSignalling.regime` with ``refinement``, ``select`` and ``detail``, so a cell where
    several equilibria survive gets its own ``"several: ..."`` colour. Returns the matplotlib
    figure (saved to ``path`` if given) and the label grid.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> game = ResolveSignalling(0.5, 0.0, 0.0, 0.5, 0.25, -1.0)
    >>> figure, labels = regime_map(game, audience_costs=[0, 1, 2], carrots=[0, 0.2], refinement="d1")
    >>> labels.shape, str(labels[0, 2])
    ((2, 3), 'separating')
    """
    import matplotlib.pyplot as plt
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Rectangle

    _check_rule(refinement, select)
    a = np.asarray(audience_costs, dtype=float)
    s = np.asarray(carrots, dtype=float)
    grid_a, grid_s = np.meshgrid(a, s)
    fields = {name: getattr(game, name) for name in game.__dataclass_fields__ if name != "kind"}
    fields.update(audience_cost=grid_a, carrot=grid_s)
    labels = ResolveSignalling(**fields).regime(refinement, select, detail)
    names, codes = np.unique(labels, return_inverse=True)
    names = names.tolist()
    codes = codes.reshape(labels.shape)
    figure, axes = plt.subplots(figsize=(10, 5))
    colours = plt.get_cmap("tab20")(np.linspace(0, 1, max(len(names), 2)))
    axes.pcolormesh(
        grid_a,
        grid_s,
        codes,
        cmap=ListedColormap(colours[: len(names)]),
        shading="auto",
        vmin=-0.5,
        vmax=len(names) - 0.5,
    )
    handles = [Rectangle((0, 0), 1, 1, color=colours[i]) for i in range(len(names))]
    axes.legend(handles, names, fontsize="x-small", loc="upper left", bbox_to_anchor=(1.01, 1))
    axes.set_xlabel("specificity of the threat (audience cost a)")
    axes.set_ylabel("carrot s")
    rule = {"pbe": "every PBE", "intuitive": "intuitive criterion", "d1": "D1"}[refinement]
    axes.set_title(f"Signalling regimes ({rule}{', Pareto-undominated' if select else ', every survivor'})")
    if path is not None:
        figure.savefig(path, bbox_inches="tight")
    return figure, labels

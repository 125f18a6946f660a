r"""Parameter sweeps at scale: any model over a grid of its parameters, as a labelled Dataset.

A **sweep** evaluates a model's solver on the Cartesian grid of some of its parameters (the
*axes*) with the others *fixed*: for axes :math:`A_1, \dots, A_d` it returns every output
:math:`f(a_1, \dots, a_d)` for :math:`a_i \in A_i`, as an :class:`xarray.Dataset` whose
dimensions are the axes. The grid is cut into chunks, each evaluated by one vectorised call of
the model on Dask (threads by default, or a ``dask.distributed`` cluster), streamed to Zarr and
resumable after any interruption; see :mod:`bargaining.sweep.run`. :func:`plot_map` draws any
two-dimensional slice as a regime map or a heat map.

>>> from bargaining.crisis import RiskReturn
>>> result = sweep(RiskReturn, fixed={"cost_coercer": 0.25, "target_cost_low": 0.0},
...                power=[0.25, 0.875], target_cost_high=[0.25, 0.5], progress=False)
>>> regime_labels(result["regime"]).values.tolist()
[['safe', 'interior'], ['safe', 'capped']]
"""

from .metadata import METADATA, Metadata, Variable, metadata_for
from .plan import Plan, SweepError, make_plan
from .plot import plot_map
from .registry import MODELS, resolve
from .run import is_complete, regime_labels, sweep

__all__ = [
    "METADATA",
    "MODELS",
    "Metadata",
    "Plan",
    "SweepError",
    "Variable",
    "is_complete",
    "make_plan",
    "metadata_for",
    "plot_map",
    "regime_labels",
    "resolve",
    "sweep",
]

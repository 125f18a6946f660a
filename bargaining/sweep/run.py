r"""Run a sweep: chunk by chunk on Dask, streaming to Zarr, resumable after any interruption.

:func:`sweep` evaluates a model over the grid of its axes and returns an :class:`xarray.Dataset`
(dimensions: the axes; variables: the solver's outputs; regime labels as integer codes with CF
``flag_values``/``flag_meanings`` attributes). Where the result goes decides how it is kept:

* ``store=None``: in memory;
* ``store="result.nc"``: in memory, then written atomically to netCDF (small sweeps);
* ``store="result.zarr"`` (any other path): each chunk is written to its own region of a Zarr
  store as soon as it is computed, so memory is bounded by the chunk size, and the Dataset
  returned is lazy (Dask-backed).

**Checkpoint and resume.** A Zarr store is keyed by a hash of everything that determines the
result (:attr:`~bargaining.sweep.plan.Plan.key`). Its layout is created in a scratch directory
and renamed into place, so it exists whole or not at all; each chunk's data is written before
its completion mark in the store's ``_sweep/done`` array (one Zarr chunk per sweep chunk; the
local Zarr store writes every file atomically), so a mark always means the data is there. A
sweep killed at any moment (``kill -9``) and started again with the same arguments skips the
marked chunks and recomputes the others; chunks are computed deterministically, so the result
is identical to an uninterrupted run. A store of a *different* sweep is never resumed nor
overwritten: the sweep stops with an error.

**Where it runs.** ``scheduler=None`` (or ``"threads"``, ``"processes"``, ``"synchronous"``)
runs on this machine with no server; a ``dask.distributed`` address (``"tcp://host:8786"``) or a
``Client`` runs on that cluster (which must see the store's path: a shared filesystem). A task
lost with a worker is re-run by the scheduler; chunk writes are idempotent.

>>> from bargaining.crisis import RiskReturn
>>> result = sweep(RiskReturn, fixed={"cost_coercer": 0.25, "target_cost_low": 0.0,
...                "target_cost_high": 0.5}, power=[0.25, 0.5, 0.875], progress=False)
>>> result["demand"].values.tolist()
[0.375, 0.625, 1.0]
>>> regime_labels(result["regime"]).values.tolist()
['interior', 'interior', 'capped']
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import platform
import shutil
import sys
import threading
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..core.errors import Description, ParameterTypeError, ParameterValueError
from .plan import FORMAT, Plan, make_plan

if TYPE_CHECKING:  # pragma: no cover
    import xarray

__all__ = ["NETCDF_LIMIT", "PROGRESS_AFTER", "is_complete", "regime_labels", "sweep"]

#: The largest sweep (in bytes of output) written to netCDF, which is assembled in memory first.
NETCDF_LIMIT = 1 << 28
#: Seconds a local sweep runs before its progress bar appears (short sweeps stay quiet).
PROGRESS_AFTER = 1.0
_LOCAL = {"threads", "processes", "synchronous", "sync", "single-threaded"}
_SHARED_MEMORY = {"threads", "synchronous", "sync", "single-threaded"}
#: The group of a Zarr store that records the sweep's key and which chunks are written.
_BOOKKEEPING = "_sweep"
_ADDRESS_PREFIXES = ("tcp://", "tls://", "inproc://", "ucx://", "ws://", "wss://")


def sweep(
    model: Any,
    method: str | None = None,
    *,
    fixed: Mapping[str, Any] | None = None,
    chunks: int | Mapping[str, int] | None = None,
    store: str | os.PathLike[str] | None = None,
    scheduler: Any = None,
    progress: bool | None = None,
    **axes: Any,
) -> xarray.Dataset:
    """Evaluate ``model`` over the grid of ``axes`` and return the labelled result.

    Parameters
    ----------
    model : model class or registered name
        A model class (``bargaining.crisis.RiskReturn``) or a name of
        :data:`bargaining.sweep.registry.MODELS` (``"risk-return"``).
    method : str, optional
        The solver to call on the model; by default ``"solve"`` (or the registered solver).
    fixed : mapping, optional
        Parameters held fixed: real numbers (int, Fraction, float).
    chunks : int or mapping, optional
        Points per chunk (filled from the last axis backwards; default about :math:`2^{20}`) or
        the chunk size along each axis (``{"power": 100}``; axes not named are whole).
    store : path, optional
        Where the result goes (see the module docstring): none, a ``.nc`` file or a Zarr store.
    scheduler : str or Client, optional
        ``None``/``"threads"`` (default), ``"processes"``, ``"synchronous"``, a
        ``dask.distributed`` address or a ``Client``.
    progress : bool, optional
        Show a progress bar; by default only when the output is interactive.
    **axes : 1-D arrays, lists or ranges
        The swept parameters, in the order of the Dataset's dimensions.

    Returns
    -------
    xarray.Dataset
        Dimensions named after the axes, with their values as coordinates; one variable per
        output of the solver (units and descriptions as attributes where known); labels as
        integer codes with ``flag_values``, ``flag_meanings`` and ``labels`` attributes
        (decode them with :func:`regime_labels`).

    Examples
    --------
    >>> from bargaining.crisis import Crisis
    >>> result = sweep(Crisis, "bargaining_range", fixed={"cost_target": 0.2},
    ...                power=[0.25, 0.5], cost_coercer=[0.0, 0.1], progress=False)
    >>> result["lower"].values.tolist()
    [[0.25, 0.15], [0.5, 0.4]]
    >>> result["upper"].dims, result["power"].attrs["units"]
    (('power', 'cost_coercer'), 'probability')
    """
    if isinstance(model, str):
        from .registry import resolve

        model, default_method = resolve(model)
        method = method or default_method
    plan = make_plan(model, method or "solve", fixed, axes, chunks)
    show = _interactive() if progress is None else bool(progress)
    if store is None:
        return _in_memory(plan, scheduler, show)
    path = Path(store)
    if path.suffix == ".nc":
        return _netcdf(plan, path, scheduler, show)
    return _zarr(plan, path, scheduler, show)


def regime_labels(codes: xarray.DataArray) -> xarray.DataArray:
    """The labels of a categorical variable of a sweep, as a DataArray of strings (lazy when
    ``codes`` is).

    >>> import numpy as np, xarray as xr
    >>> codes = xr.DataArray(np.array([1, 0]), dims="power", attrs={"labels": '["safe", "capped"]'})
    >>> regime_labels(codes).values.tolist()
    ['capped', 'safe']
    """
    import xarray

    if "labels" not in codes.attrs:
        raise ParameterValueError(
            "codes",
            "a categorical variable of a sweep (with a 'labels' attribute)",
            Description(str(codes.name)),
        )
    table = np.asarray(json.loads(codes.attrs["labels"]))
    decoded: xarray.DataArray = xarray.apply_ufunc(
        table.take, codes, dask="parallelized", output_dtypes=[table.dtype]
    )
    return decoded.assign_attrs({k: v for k, v in codes.attrs.items() if k == "long_name"})


def is_complete(store: str | os.PathLike[str]) -> bool:
    """Whether ``store`` holds a finished sweep (every chunk written).

    >>> is_complete("no-such-store.zarr")
    False
    """
    import zarr

    try:
        return zarr.open_group(str(Path(store) / _BOOKKEEPING), mode="r").attrs.get("complete") is True
    except (OSError, ValueError, KeyError, TypeError):  # not a sweep store
        return False


# --------------------------------------------------------------------------- the three stores


def _dataset(plan: Plan, data: Mapping[str, Any]) -> xarray.Dataset:
    import xarray

    coords = {name: (name, values, dict(plan.axis_attrs[name])) for name, values in plan.axes.items()}
    variables = {name: (plan.dims, data[name], dict(spec.attrs)) for name, spec in plan.variables.items()}
    return xarray.Dataset(variables, coords=coords, attrs=plan.attrs())


def _in_memory(plan: Plan, scheduler: Any, progress: bool) -> xarray.Dataset:
    arrays = {name: np.empty(plan.shape, dtype=spec.dtype) for name, spec in plan.variables.items()}
    if scheduler is None or (
        isinstance(scheduler, str) and scheduler in _SHARED_MEMORY
    ):  # tasks write in place
        _execute(_EvaluateInto(plan, arrays), list(plan.blocks()), scheduler, progress, None)
        return _dataset(plan, arrays)

    def collect(result: tuple[tuple[int, ...], dict[str, np.ndarray]]) -> None:
        block, values = result
        region = plan.region(block)
        for name, value in values.items():
            arrays[name][region] = value

    _execute(_Evaluate(plan), list(plan.blocks()), scheduler, progress, collect)
    return _dataset(plan, arrays)


def _netcdf(plan: Plan, path: Path, scheduler: Any, progress: bool) -> xarray.Dataset:
    import xarray

    if path.exists():
        existing = xarray.load_dataset(path)
        _check_key(path, plan, existing.attrs.get("sweep_key"))
        return existing
    itemsize = sum(np.dtype(spec.dtype).itemsize for spec in plan.variables.values())
    if plan.size * itemsize > NETCDF_LIMIT:
        raise ParameterValueError(
            "store",
            f"a Zarr path (not .nc) for a sweep of more than {NETCDF_LIMIT >> 20} MiB of output",
            str(path),
        )
    result = _in_memory(plan, scheduler, progress)
    partial = path.with_name(f".{path.name}.{plan.key[:12]}.partial")
    result.to_netcdf(partial)
    os.replace(partial, path)
    return result


def _zarr(plan: Plan, path: Path, scheduler: Any, progress: bool) -> xarray.Dataset:
    import xarray
    import zarr

    _open_or_create(plan, path)
    bookkeeping = zarr.open_group(str(path / _BOOKKEEPING), mode="r+")
    marks: Any = bookkeeping["done"]
    done = np.asarray(marks[...])
    pending = [block for block in plan.blocks() if not done[block]]
    if pending:
        _execute(_Write(plan, str(path)), pending, scheduler, progress, None)
    bookkeeping.attrs["complete"] = True
    result: xarray.Dataset = xarray.open_zarr(path, consolidated=False)
    return result


def _open_or_create(plan: Plan, path: Path) -> None:
    """Make sure ``path`` holds the (possibly partly written) store of this plan."""
    import zarr

    if path.exists():
        _check_key(path, plan, _stored_key(path))
        return
    for stale in path.parent.glob(f".{path.name}.{plan.key[:12]}.*.partial"):
        shutil.rmtree(stale, ignore_errors=True)  # the layout of a run killed while creating it
    partial = path.with_name(f".{path.name}.{plan.key[:12]}.{os.getpid()}.partial")
    template = _dataset(plan, {name: _zeros(plan, spec.dtype) for name, spec in plan.variables.items()})
    from zarr.codecs import BloscCodec

    # lz4 with byte shuffling: about twice as fast as zarr's default zstd, and smaller on the
    # smooth float fields of a sweep (fewer bytes to disk: what limits scaling with workers)
    codec = BloscCodec(cname="lz4", clevel=5, shuffle="shuffle")
    encoding: dict[str, dict[str, Any]] = {
        name: {"chunks": plan.chunk_shape, "compressors": [codec]} for name in plan.variables
    }
    for name, spec in plan.variables.items():
        if spec.dtype != "float64":
            encoding[name]["_FillValue"] = None
    template.to_zarr(partial, mode="w", compute=False, consolidated=False, encoding=encoding)
    manifest = {"format": FORMAT, "sweep_key": plan.key, "complete": False}
    bookkeeping = zarr.open_group(str(partial), mode="r+").create_group(_BOOKKEEPING, attributes=manifest)
    counts = plan.block_counts
    bookkeeping.create_array("done", shape=counts, chunks=(1,) * len(counts), dtype="bool", fill_value=False)
    try:
        os.rename(partial, path)
    except OSError:  # another run created it meanwhile: use theirs if it is the same sweep
        shutil.rmtree(partial, ignore_errors=True)
        _check_key(path, plan, _stored_key(path))


def _zeros(plan: Plan, dtype: str) -> Any:
    import dask.array

    return dask.array.zeros(plan.shape, chunks=plan.chunk_shape, dtype=dtype)


def _stored_key(path: Path) -> str | None:
    import zarr

    try:
        key = zarr.open_group(str(path / _BOOKKEEPING), mode="r").attrs.get("sweep_key")
    except (OSError, ValueError, KeyError, TypeError):  # not a sweep store
        return None
    return key if isinstance(key, str) else None


def _check_key(path: Path, plan: Plan, key: Any) -> None:
    if key != plan.key:
        held = f"sweep {key}" if key else "no sweep of this package"
        raise ParameterValueError(
            "store",
            "a new path or the store of this same sweep (same model, method, fixed values, axes and "
            f"chunks: key {plan.key})",
            Description(f"{str(path)!r}, which holds {held}"),
        )


# --------------------------------------------------------------------------- the allocator of a worker

_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3  # mallopt parameters (glibc malloc.h)
_allocator_lock = threading.Lock()
_allocator_widened = False


def _glibc() -> Any:
    """glibc's ``mallopt``, or ``None`` (another C library, another system)."""
    if not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc":
        return None  # pragma: no cover - the CI machine is glibc Linux
    import ctypes

    return ctypes.CDLL(None).mallopt


def _widen_allocator() -> None:
    """Let numpy's temporaries come from the heap in a ``dask.distributed`` worker.

    A nanny starts its workers with ``MALLOC_TRIM_THRESHOLD_`` set (to give memory back to the
    system eagerly). Setting it switches off glibc's adaptive ``mmap`` threshold, so every array
    over 128 KiB is a fresh ``mmap`` whose pages fault in one by one: measured here, a chunk's
    closed form ran 3.6 times slower in such a worker than in a plain process. The first sweep
    task in such a process raises the thresholds for the rest of its life (``mmap`` 16 MiB, trim
    64 MiB: up to 64 MiB of freed heap is kept for reuse instead of handed back at once; putting
    them back after every task would hand the heap back and fault it in again for the next).
    A process that did not set the variable keeps glibc's adaptive behaviour; one that also set
    ``MALLOC_MMAP_THRESHOLD_`` chose its allocator and is left alone (that is the way to opt out).
    """
    global _allocator_widened
    if _allocator_widened:
        return
    with _allocator_lock:
        if _allocator_widened:
            return
        _allocator_widened = True
        if "MALLOC_TRIM_THRESHOLD_" not in os.environ or "MALLOC_MMAP_THRESHOLD_" in os.environ:
            return
        mallopt = _glibc()
        if mallopt is not None:
            mallopt(_M_MMAP_THRESHOLD, 1 << 24)
            mallopt(_M_TRIM_THRESHOLD, 1 << 26)


class _Evaluate:
    """A chunk's outputs, in memory (a picklable callable for any scheduler)."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan

    def __call__(self, block: tuple[int, ...]) -> tuple[tuple[int, ...], dict[str, np.ndarray]]:
        _widen_allocator()
        return block, self.plan.evaluate(block)


class _EvaluateInto:
    """Evaluate a chunk straight into its region of the result (threads and the synchronous
    scheduler share this process's memory; the regions of different chunks are disjoint)."""

    def __init__(self, plan: Plan, arrays: Mapping[str, np.ndarray]) -> None:
        self.plan = plan
        self.arrays = arrays

    def __call__(self, block: tuple[int, ...]) -> tuple[int, ...]:
        region = self.plan.region(block)
        self.plan.evaluate(block, out={name: array[region] for name, array in self.arrays.items()})
        return block


class _Write:
    """Evaluate a chunk, write it to its region of the Zarr store, then mark it complete."""

    def __init__(self, plan: Plan, path: str) -> None:
        self.plan = plan
        self.path = path

    def __call__(self, block: tuple[int, ...]) -> tuple[int, ...]:
        _widen_allocator()
        arrays = self.plan.evaluate(block)
        targets = _opened(self.path, self.plan)
        region = self.plan.region(block)
        for name, values in arrays.items():
            targets[name][region] = values
        targets[_DONE][block] = True  # after the data: a mark means the chunk is whole
        return block


_DONE = f"{_BOOKKEEPING}/done"
_opened_stores: dict[tuple[str, str], dict[str, Any]] = {}


def _opened(path: str, plan: Plan) -> dict[str, Any]:
    """The Zarr arrays a chunk writes to, opened once per process and sweep (keyed by the path
    and the sweep's key, which fixes the layout; a handful are kept)."""
    import zarr

    key = (path, plan.key)
    if key not in _opened_stores:
        group: Any = zarr.open_group(path, mode="r+")
        if len(_opened_stores) >= 4:
            _opened_stores.pop(next(iter(_opened_stores)))
        _opened_stores[key] = {name: group[name] for name in (*plan.variables, _DONE)}
    return _opened_stores[key]


# --------------------------------------------------------------------------- schedulers and progress


def _module(name: str) -> Any:
    """Import an optional dependency whose stubs are incomplete (dask, distributed) as ``Any``."""
    return importlib.import_module(name)


def _interactive() -> bool:
    """A terminal or a notebook kernel: where a progress bar is wanted."""
    return "ipykernel" in sys.modules or sys.stdout.isatty()


def _execute(
    function: Callable[[Any], Any],
    items: list[Any],
    scheduler: Any,
    progress: bool,
    collect: Callable[[Any], None] | None,
) -> None:
    """Run ``function`` on every item on the chosen scheduler, passing each result to ``collect``
    (``None``: the tasks' results are not needed, and on a cluster are not fetched)."""
    if scheduler is None or (isinstance(scheduler, str) and scheduler in _LOCAL):
        _execute_local(function, items, scheduler or "threads", progress, collect)
        return
    if isinstance(scheduler, str) and scheduler.startswith(_ADDRESS_PREFIXES):
        distributed = _module("distributed")
        with distributed.Client(scheduler) as client:
            _execute_distributed(client, function, items, progress, collect)
        return
    if type(scheduler).__module__.startswith("distributed"):
        _execute_distributed(scheduler, function, items, progress, collect)
        return
    if isinstance(scheduler, str):
        raise ParameterValueError(
            "scheduler", f"one of {sorted(_LOCAL)} or a dask.distributed address (tcp://...)", scheduler
        )
    raise ParameterTypeError(
        "scheduler", "a scheduler name, an address or a dask.distributed Client", scheduler
    )


def _execute_local(
    function: Callable[[Any], Any],
    items: Iterable[Any],
    scheduler: str,
    progress: bool,
    collect: Callable[[Any], None] | None,
) -> None:
    dask = _module("dask")
    diagnostics = _module("dask.diagnostics")
    tasks = [dask.delayed(function, pure=False)(item) for item in items]
    bar = diagnostics.ProgressBar(minimum=PROGRESS_AFTER) if progress else contextlib.nullcontext()
    with bar:
        results = dask.compute(*tasks, scheduler=scheduler)
    if collect is not None:
        for result in results:
            collect(result)


def _execute_distributed(
    client: Any,
    function: Callable[[Any], Any],
    items: list[Any],
    progress: bool,
    collect: Callable[[Any], None] | None,
) -> None:
    distributed = _module("distributed")
    futures = client.map(function, items, pure=False)
    if progress:
        distributed.progress(futures)
    if collect is None:  # the tasks keep their results (a chunk written): fetch nothing, raise any error
        for future in distributed.as_completed(futures):
            if future.status == "error":
                future.result()
        return
    for _, result in distributed.as_completed(futures, with_results=True):
        collect(result)

r"""The plan of a sweep: its axes, its chunks, its output variables, its key; and one chunk's
evaluation by a few vectorised calls of the model.

A sweep evaluates a model over the Cartesian grid :math:`A_1 \times \dots \times A_d` of its
axes. The grid is cut into rectangular chunks (what is scheduled and stored); a chunk is
evaluated in cache-sized slabs, each by **one** call of the model with each axis' slice reshaped
to broadcast along its own dimension (the models broadcast their array fields), so no Python
loop ever runs per point. The plan is a small, picklable value: it is what travels to Dask
workers, and its :attr:`Plan.key` (a hash of everything that
determines the result) is what keeps a resumed sweep from mixing with another one.

>>> from bargaining.crisis import RiskReturn
>>> plan = make_plan(RiskReturn, "solve", {"cost_coercer": 0.1, "target_cost_low": 0.0,
...                  "target_cost_high": 0.4}, {"power": [0.2, 0.5, 0.8]}, None)
>>> plan.shape, plan.chunk_shape, sorted(plan.variables)
((3,), (3,), ['coercer_utility', 'demand', 'regime', 'war_probability'])
>>> plan.evaluate((0,))["demand"]
array([0.35, 0.65, 0.95])
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import json
import math
import numbers
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from ..core.errors import BargainingError, Description, ParameterTypeError, ParameterValueError
from ..core.values import RegimeCodes, regime_codes
from .metadata import Metadata, metadata_for, model_path

__all__ = ["DEFAULT_CHUNK_POINTS", "FORMAT", "SLAB_POINTS", "Plan", "SweepError", "VariableSpec", "make_plan"]

#: Points per chunk when the caller gives no ``chunks``: a few tens of MB per output variable.
DEFAULT_CHUNK_POINTS = 1 << 20
#: Points per vectorised call of the model inside a chunk: the temporaries stay in cache.
SLAB_POINTS = 1 << 17
#: The version of the store layout; part of every key.
FORMAT = 1
_PROBE_POINTS = 4096


class SweepError(BargainingError, RuntimeError):
    """A sweep could not be carried out as asked (a solver returned something a sweep cannot
    store, or a regime label it was not told about).

    >>> str(SweepError("the solver returned a string"))
    'the solver returned a string'
    """


@dataclass(frozen=True, slots=True)
class VariableSpec:
    """One output variable: its storage dtype, its attributes, and its labels if categorical.

    >>> plan = make_plan(__import__("bargaining.crisis", fromlist=["RiskReturn"]).RiskReturn, "solve", {"cost_coercer": 0.25, "target_cost_low": 0.0, "target_cost_high": 0.5}, {"power": [0.2, 0.5, 0.8]}, 2)
    >>> plan.variables["demand"].dtype
    'float64'
    """

    dtype: str
    attrs: Mapping[str, Any]
    labels: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Plan:
    """Everything a worker needs to evaluate and store any chunk of a sweep.

    >>> plan = make_plan(__import__("bargaining.crisis", fromlist=["RiskReturn"]).RiskReturn, "solve", {"cost_coercer": 0.25, "target_cost_low": 0.0, "target_cost_high": 0.5}, {"power": [0.2, 0.5, 0.8]}, 2)
    >>> plan.dims, plan.shape
    (('power',), (3,))
    """

    model: Any
    method: str
    fixed: Mapping[str, Any]
    axes: Mapping[str, np.ndarray]
    chunk_shape: tuple[int, ...]
    variables: Mapping[str, VariableSpec]
    axis_attrs: Mapping[str, Mapping[str, str]]
    key: str

    @property
    def dims(self) -> tuple[str, ...]:
        """The axis names, in order: the dimensions of every output variable.

        >>> plan = make_plan(__import__("bargaining.crisis", fromlist=["RiskReturn"]).RiskReturn, "solve", {"cost_coercer": 0.25, "target_cost_low": 0.0, "target_cost_high": 0.5}, {"power": [0.2, 0.5, 0.8]}, 2)
        >>> plan.dims
        ('power',)
        """
        return tuple(self.axes)

    @property
    def shape(self) -> tuple[int, ...]:
        """The number of values on each axis.

        >>> plan = make_plan(__import__("bargaining.crisis", fromlist=["RiskReturn"]).RiskReturn, "solve", {"cost_coercer": 0.25, "target_cost_low": 0.0, "target_cost_high": 0.5}, {"power": [0.2, 0.5, 0.8]}, 2)
        >>> plan.shape
        (3,)
        """
        return tuple(len(values) for values in self.axes.values())

    @property
    def size(self) -> int:
        """The number of points of the sweep.

        >>> plan = make_plan(__import__("bargaining.crisis", fromlist=["RiskReturn"]).RiskReturn, "solve", {"cost_coercer": 0.25, "target_cost_low": 0.0, "target_cost_high": 0.5}, {"power": [0.2, 0.5, 0.8]}, 2)
        >>> plan.size
        3
        """
        return math.prod(self.shape)

    @property
    def block_counts(self) -> tuple[int, ...]:
        """The number of chunks along each axis.

        >>> plan = make_plan(__import__("bargaining.crisis", fromlist=["RiskReturn"]).RiskReturn, "solve", {"cost_coercer": 0.25, "target_cost_low": 0.0, "target_cost_high": 0.5}, {"power": [0.2, 0.5, 0.8]}, 2)
        >>> plan.block_counts
        (2,)
        """
        return tuple(-(-n // c) for n, c in zip(self.shape, self.chunk_shape))

    def blocks(self) -> Iterator[tuple[int, ...]]:
        """Every chunk's index, in C order.

        >>> plan = make_plan(__import__("bargaining.crisis", fromlist=["RiskReturn"]).RiskReturn, "solve", {"cost_coercer": 0.25, "target_cost_low": 0.0, "target_cost_high": 0.5}, {"power": [0.2, 0.5, 0.8]}, 2)
        >>> list(plan.blocks())
        [(0,), (1,)]
        """
        return itertools.product(*(range(count) for count in self.block_counts))

    def region(self, block: tuple[int, ...]) -> tuple[slice, ...]:
        """The slice of the grid a chunk covers.

        >>> plan = make_plan(__import__("bargaining.crisis", fromlist=["RiskReturn"]).RiskReturn, "solve", {"cost_coercer": 0.25, "target_cost_low": 0.0, "target_cost_high": 0.5}, {"power": [0.2, 0.5, 0.8]}, 2)
        >>> plan.region((1,))
        (slice(2, 3, None),)
        """
        return tuple(
            slice(index * size, min((index + 1) * size, n))
            for index, size, n in zip(block, self.chunk_shape, self.shape)
        )

    def evaluate(
        self, block: tuple[int, ...], out: Mapping[str, np.ndarray] | None = None
    ) -> dict[str, np.ndarray]:
        """The outputs on one chunk; categorical outputs as integer codes.

        The chunk is computed in slabs of at most :data:`SLAB_POINTS` points, one vectorised
        call of the model each: a chunk is sized for storage and scheduling, a slab for the
        processor's cache (the temporaries of a closed form over a slab stay in cache, which
        makes the sweep faster than the same formula over the whole grid at once). With
        ``out`` (one array of the chunk's shape per variable, such as views into the whole
        result) the slabs are written there, with no intermediate copy.

        >>> plan = make_plan(__import__("bargaining.crisis", fromlist=["RiskReturn"]).RiskReturn, "solve", {"cost_coercer": 0.25, "target_cost_low": 0.0, "target_cost_high": 0.5}, {"power": [0.2, 0.5, 0.8]}, 2)
        >>> sorted(plan.evaluate((0,)))
        ['coercer_utility', 'demand', 'regime', 'war_probability']
        """
        region = self.region(block)
        shape = tuple(part.stop - part.start for part in region)
        arrays = (
            dict(out)
            if out is not None
            else {name: np.empty(shape, dtype=spec.dtype) for name, spec in self.variables.items()}
        )
        for slab in _slabs(shape, SLAB_POINTS):
            values = {
                name: axis[part.start + local.start : part.start + local.stop]
                for (name, axis), part, local in zip(self.axes.items(), region, slab)
            }
            outputs = _call(self.model, self.method, self.fixed, values)
            slab_shape = tuple(local.stop - local.start for local in slab)
            for name, spec in self.variables.items():
                value = outputs[name]
                coded = _encode(name, value, spec.labels) if spec.labels else value
                arrays[name][slab] = np.broadcast_to(coded, slab_shape)
        return arrays

    def attrs(self) -> dict[str, Any]:
        """The Dataset attributes recording what was swept (all netCDF-safe strings).

        >>> plan = make_plan(__import__("bargaining.crisis", fromlist=["RiskReturn"]).RiskReturn, "solve", {"cost_coercer": 0.25, "target_cost_low": 0.0, "target_cost_high": 0.5}, {"power": [0.2, 0.5, 0.8]}, 2)
        >>> sorted(plan.attrs())[:3]
        ['fixed', 'method', 'model']
        """
        return {
            "model": model_path(self.model),
            "method": self.method,
            "fixed": json.dumps({name: _token(value) for name, value in self.fixed.items()}),
            "sweep_key": self.key,
        }


def _slabs(shape: tuple[int, ...], budget: int) -> Iterator[tuple[slice, ...]]:
    """Cut a C-ordered block of ``shape`` into contiguous slabs of at most ``budget`` points
    (at least one point along every axis): whole trailing axes, a run along one axis, single
    indices before it.

    >>> [tuple((s.start, s.stop) for s in slab) for slab in _slabs((2, 3), 4)]
    [((0, 1), (0, 3)), ((1, 2), (0, 3))]
    """
    split = len(shape) - 1
    while split > 0 and math.prod(shape[split:]) <= budget:
        split -= 1
    trailing = math.prod(shape[split + 1 :])
    if split == 0 and trailing * shape[0] <= budget:
        yield tuple(slice(0, n) for n in shape)
        return
    step = max(1, budget // trailing)
    for leading in itertools.product(*(range(n) for n in shape[:split])):
        for start in range(0, shape[split], step):
            yield (
                *(slice(i, i + 1) for i in leading),
                slice(start, min(start + step, shape[split])),
                *(slice(0, n) for n in shape[split + 1 :]),
            )


# --------------------------------------------------------------------------- building a plan


def make_plan(
    model: Any,
    method: str,
    fixed: Mapping[str, Any] | None,
    axes: Mapping[str, Any],
    chunks: int | Mapping[str, int] | None,
) -> Plan:
    """Validate the arguments of a sweep, probe the model once, and return the plan.

    The probe evaluates the model on a coarse sub-grid that contains every axis' smallest and
    largest value, so an invalid parameter region is reported before any work starts, and it
    finds the output variables and the regime labels.

    >>> plan = make_plan(__import__("bargaining.crisis", fromlist=["RiskReturn"]).RiskReturn, "solve", {"cost_coercer": 0.25, "target_cost_low": 0.0, "target_cost_high": 0.5}, {"power": [0.2, 0.5, 0.8]}, 2)
    >>> plan.size
    3
    """
    if not isinstance(model, type):
        raise ParameterTypeError("model", "a model class (such as bargaining.crisis.RiskReturn)", model)
    if not isinstance(method, str) or method.startswith("_") or not callable(getattr(model, method, None)):
        raise ParameterValueError("method", f"the name of a public method of {model.__name__}", method)
    fixed = dict(fixed or {})
    parameters = _parameters(model)
    axis_values = {name: _axis(name, values) for name, values in axes.items()}
    if not axis_values:
        raise ParameterValueError("axes", "at least one axis given as name=values", Description("none"))
    for name in (*fixed, *axis_values):
        if parameters is not None and name not in parameters:
            raise ParameterValueError(
                name, f"a parameter of {model.__name__} ({', '.join(parameters)})", Description("unknown")
            )
    for name in fixed:
        _token(fixed[name], name)
        if name in axis_values:
            raise ParameterValueError(name, "either fixed or an axis, not both", fixed[name])
    if parameters is not None:
        missing = [name for name, required in parameters.items() if required]
        missing = [name for name in missing if name not in fixed and name not in axis_values]
        if missing:
            raise ParameterValueError(
                ", ".join(missing), "given, as an axis or a fixed value", Description("missing")
            )
    shape = tuple(len(values) for values in axis_values.values())
    chunk_shape = _chunk_shape(chunks, axis_values, shape)
    metadata = metadata_for(model, method)
    variables = _probe(model, method, fixed, axis_values, metadata)
    axis_attrs = {
        name: metadata.parameters[name].attrs() if name in metadata.parameters else {} for name in axis_values
    }
    key = _key(model, method, fixed, axis_values, chunk_shape, variables)
    return Plan(model, method, fixed, axis_values, chunk_shape, variables, axis_attrs, key)


def _parameters(model: type) -> dict[str, bool] | None:
    """The model's init parameters, each with whether it is required; None if not a dataclass."""
    if not dataclasses.is_dataclass(model):
        return None
    return {
        f.name: f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        for f in dataclasses.fields(model)
        if f.init
    }


def _axis(name: str, values: Any) -> np.ndarray:
    """One axis as a 1-D float array of finite numbers."""
    if isinstance(values, (str, bytes)) or not isinstance(values, (range, list, tuple, np.ndarray)):
        raise ParameterTypeError(name, "a 1-D array, list or range of numbers (an axis)", values)
    items = np.asarray(values)
    if items.dtype.kind not in "iuf" and not (
        items.dtype.kind == "O"
        and all(isinstance(v, numbers.Real) and not isinstance(v, bool) for v in items.ravel())
    ):
        raise ParameterTypeError(name, "an axis of real numbers", values)
    if items.ndim != 1 or items.size == 0:
        raise ParameterValueError(name, "a non-empty 1-D axis", Description(f"shape {items.shape}"))
    array: np.ndarray = items.astype(float)
    if not np.all(np.isfinite(array)):
        index = int(np.argmin(np.isfinite(array)))
        raise ParameterValueError(name, "finite", float(array[index]), f"at index {index}")
    return array


def _chunk_shape(
    chunks: int | Mapping[str, int] | None, axes: Mapping[str, np.ndarray], shape: tuple[int, ...]
) -> tuple[int, ...]:
    """Chunk sizes: given per axis, or filled from the last axis backwards up to a point budget
    (so a chunk is a contiguous block of the C-ordered grid)."""
    if isinstance(chunks, Mapping):
        sizes: list[int] = []
        for name in chunks:
            if name not in axes:
                raise ParameterValueError("chunks", f"keyed by axis names ({', '.join(axes)})", name)
        for name, n in zip(axes, shape):
            size = chunks.get(name, n)
            if isinstance(size, bool) or not isinstance(size, numbers.Integral) or size < 1:
                raise ParameterValueError(f"chunks[{name!r}]", "a positive integer", size)
            sizes.append(min(int(size), n))
        return tuple(sizes)
    budget = DEFAULT_CHUNK_POINTS if chunks is None else chunks
    if isinstance(budget, bool) or not isinstance(budget, numbers.Integral) or budget < 1:
        raise ParameterValueError("chunks", "a positive number of points or a mapping axis -> size", chunks)
    sizes = [1] * len(shape)
    remaining = int(budget)
    for position in reversed(range(len(shape))):
        sizes[position] = max(1, min(shape[position], remaining))
        remaining = max(1, remaining // sizes[position])
    return tuple(sizes)


def _probe_axis(values: np.ndarray, per_axis: int) -> np.ndarray:
    positions = np.linspace(0, len(values) - 1, per_axis).round().astype(int)
    extremes = [int(np.argmin(values)), int(np.argmax(values))]
    sample: np.ndarray = values[np.unique(np.concatenate([positions, extremes]))]
    return sample


def _probe(
    model: Any,
    method: str,
    fixed: Mapping[str, Any],
    axes: Mapping[str, np.ndarray],
    metadata: Metadata,
) -> dict[str, VariableSpec]:
    per_axis = max(2, min(9, int(_PROBE_POINTS ** (1 / len(axes)))))
    sample = {name: _probe_axis(values, per_axis) for name, values in axes.items()}
    outputs = _call(model, method, fixed, sample)
    variables: dict[str, VariableSpec] = {}
    for name, value in outputs.items():
        array = value.labels() if isinstance(value, RegimeCodes) else np.asarray(value)
        known = metadata.variables.get(name)
        attrs: dict[str, Any] = known.attrs() if known else {}
        if array.dtype.kind in "US":
            found = tuple(str(label) for label in np.unique(array))
            labels = metadata.regimes + tuple(label for label in found if label not in metadata.regimes)
            attrs.update(_category_attrs(labels))
            variables[name] = VariableSpec("int8" if len(labels) < 128 else "int16", attrs, labels)
        elif array.dtype.kind in "biuf":
            variables[name] = VariableSpec("bool" if array.dtype.kind == "b" else "float64", attrs)
        else:
            raise SweepError(
                f"{model.__name__}.{method} returned {name} of dtype {array.dtype}: "
                "a sweep stores numbers, booleans and labels only"
            )
    return variables


def _category_attrs(labels: tuple[str, ...]) -> dict[str, Any]:
    """CF flag attributes (``flag_values``, ``flag_meanings``) and the labels as JSON."""
    return {
        "flag_values": list(range(len(labels))),
        "flag_meanings": " ".join(label.replace(" ", "_") for label in labels),
        "labels": json.dumps(list(labels)),
    }


def _call(
    model: Any, method: str, fixed: Mapping[str, Any], axes: Mapping[str, np.ndarray]
) -> dict[str, Any]:
    """Evaluate the model once on the grid spanned by ``axes`` (each reshaped to broadcast along
    its own dimension); return its outputs by name."""
    count = len(axes)
    arguments = dict(fixed)
    for position, (name, values) in enumerate(axes.items()):
        arguments[name] = values.reshape([-1 if i == position else 1 for i in range(count)])
    with regime_codes():  # regimes as integer codes: no string per point
        result = getattr(model(**arguments), method)()
    if dataclasses.is_dataclass(result) and not isinstance(result, type):
        return {f.name: getattr(result, f.name) for f in dataclasses.fields(result)}
    if isinstance(result, np.ndarray):
        return {method: result}
    raise SweepError(
        f"{model.__name__}.{method} returned {type(result).__name__}: a sweep needs a dataclass of "
        "arrays or an array"
    )


def _encode(name: str, labels: Any, table: tuple[str, ...]) -> np.ndarray:
    """Integer codes of a label array (or of :class:`RegimeCodes`) against the plan's label table
    (no loop per point)."""
    dtype = np.int8 if len(table) < 128 else np.int16
    if isinstance(labels, RegimeCodes):
        outside = [code for code, label in enumerate(labels.names) if label not in table]
        stray = labels.codes[np.isin(labels.codes, outside)] if outside else labels.codes[:0]
        if stray.size:
            _unknown_labels(name, sorted(labels.names[code] for code in np.unique(stray)), table)
        lookup = np.array([table.index(n) if n in table else -1 for n in labels.names], dtype=dtype)
        translated: np.ndarray = lookup[labels.codes]
        return translated
    labels = np.asarray(labels)
    codes = np.full(labels.shape, -1, dtype=np.int16)
    for code, label in enumerate(table):
        codes[labels == label] = code
    if np.any(codes < 0):
        _unknown_labels(name, sorted({str(label) for label in np.unique(labels[codes < 0])}), table)
    return codes.astype(dtype)


def _unknown_labels(name: str, unknown: list[str], table: tuple[str, ...]) -> None:
    raise SweepError(
        f"{name} took the label(s) {unknown}, not met on the probe grid nor declared in the "
        f"model's sweep metadata {list(table)}: declare every label in Metadata.regimes"
    )


# --------------------------------------------------------------------------- the key


def _token(value: Any, field: str = "fixed") -> str:
    """A canonical text of a fixed parameter, for the key and the Dataset attributes.

    Besides numbers, ``None`` (an unset option such as a deadline never fixed) and strings (a
    named option such as ``blur="centred gaussian"``) are allowed; the model validates them.
    """
    if value is None:
        return "None"
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise ParameterTypeError(
            field, "a real number, None or a string (fixed parameters of a sweep)", value
        )
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, Fraction):
        return str(value)
    number = float(value)
    if not math.isfinite(number):
        raise ParameterValueError(field, "finite", number)
    return repr(number)


def _key(
    model: Any,
    method: str,
    fixed: Mapping[str, Any],
    axes: Mapping[str, np.ndarray],
    chunk_shape: tuple[int, ...],
    variables: Mapping[str, VariableSpec],
) -> str:
    from .. import __version__

    digest = hashlib.sha256()
    header = {
        "format": FORMAT,
        "version": __version__,
        "model": model_path(model),
        "method": method,
        "fixed": {name: _token(value) for name, value in sorted(fixed.items())},
        "axes": list(axes),
        "chunks": list(chunk_shape),
        "variables": {name: [spec.dtype, list(spec.labels)] for name, spec in variables.items()},
    }
    digest.update(json.dumps(header, sort_keys=True).encode())
    for values in axes.values():
        digest.update(np.ascontiguousarray(values, dtype="<f8").tobytes())
    return digest.hexdigest()[:32]

"""The ``bargaining sweep`` command: a registered model over a grid, written to Zarr or netCDF.

::

    bargaining sweep risk-return power=0:1:201 target_cost_high=0.05:1:200 \\
        cost_coercer=0.1 target_cost_low=0 --output risk-return.zarr

Each ``name=start:stop:num`` is an axis (``num`` evenly spaced values from ``start`` to
``stop``, both included); each ``name=value`` is a fixed parameter. Numbers are read strictly
as decimals or fractions (``0.25``, ``1/3``, ``2e-3``), never evaluated. An output ending in
``.nc`` is netCDF, any other path a Zarr store; running the same command again resumes an
interrupted sweep. The command prints where the result went and how long it took.

>>> import argparse
>>> parser = argparse.ArgumentParser(prog="bargaining")
>>> _ = add_parser(parser.add_subparsers(dest="command"))
>>> args = parser.parse_args(["sweep", "crisis", "power=0:1:3", "cost_target=1/10", "-o", "x.nc"])
>>> args.model, args.parameters, args.output
('crisis', ['power=0:1:3', 'cost_target=1/10'], 'x.nc')
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from fractions import Fraction
from typing import Any

import numpy as np

from ..core.errors import BargainingError, ParameterValueError
from .registry import MODELS

__all__ = ["add_parser", "parse_parameters", "run"]

_DECIMAL = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_FRACTION = re.compile(r"[+-]?\d+/\d+")
_COUNT = re.compile(r"\d+")


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add the ``sweep`` subcommand to an ``argparse`` subparsers object; return its parser.

    The parser's default ``handler`` is :func:`run`, so a caller dispatches with
    ``args.handler(args)``.
    """
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "sweep",
        help="sweep a model over a grid of its parameters (Dask, Zarr, resumable)",
        description=(
            "Evaluate a model over the grid of its axes (name=start:stop:num) with the other "
            "parameters fixed (name=value), and write the result to a Zarr store or a .nc file. "
            "Running the same command again resumes an interrupted sweep."
        ),
        epilog="models: " + ", ".join(sorted(MODELS)),
    )
    parser.add_argument("model", choices=sorted(MODELS), metavar="MODEL", help="the model to sweep")
    parser.add_argument(
        "parameters",
        nargs="+",
        metavar="NAME=VALUE",
        help="an axis name=start:stop:num or a fixed name=value",
    )
    parser.add_argument("-o", "--output", required=True, help="the Zarr store (a directory) or a .nc file")
    parser.add_argument("--method", default=None, help="the solver to call (default: the model's own)")
    parser.add_argument("--chunks", type=int, default=None, help="points per chunk (default about 10^6)")
    parser.add_argument(
        "--scheduler", default=None, help="threads (default), processes, synchronous or tcp://host:port"
    )
    parser.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show a progress bar (default: when the terminal is interactive)",
    )
    parser.set_defaults(handler=run)
    return parser


def _number(name: str, text: str) -> Fraction:
    """A decimal or a fraction, read exactly; anything else is refused (never evaluated)."""
    text = text.strip()
    if _DECIMAL.fullmatch(text) or _FRACTION.fullmatch(text):
        try:
            return Fraction(text)
        except ZeroDivisionError:
            pass
    raise ParameterValueError(name, "a number such as 0.25, 1/3 or 2e-3", text)


def parse_parameters(items: list[str]) -> tuple[dict[str, Fraction], dict[str, np.ndarray]]:
    """Split ``name=value`` and ``name=start:stop:num`` into fixed values and axes.

    >>> fixed, axes = parse_parameters(["power=0:1:3", "cost_target=1/10"])
    >>> fixed, axes["power"].tolist()
    ({'cost_target': Fraction(1, 10)}, [0.0, 0.5, 1.0])
    >>> parse_parameters(["power=__import__('os')"])
    Traceback (most recent call last):
    ...
    bargaining.core.errors.ParameterValueError: power must be a number such as 0.25, 1/3 or 2e-3 (got the string "__import__('os')")
    """
    fixed: dict[str, Fraction] = {}
    axes: dict[str, np.ndarray] = {}
    for item in items:
        name, separator, value = item.partition("=")
        name = name.strip()
        if not separator or not name.isidentifier():
            raise ParameterValueError("parameter", "name=value or name=start:stop:num", item)
        if name in fixed or name in axes:
            raise ParameterValueError(name, "given once", item)
        parts = value.split(":")
        if len(parts) == 1:
            fixed[name] = _number(name, value)
        elif len(parts) == 3:
            start, stop = _number(name, parts[0]), _number(name, parts[1])
            if not _COUNT.fullmatch(parts[2].strip()) or int(parts[2]) < 1:
                raise ParameterValueError(f"{name} count", "a positive whole number of values", parts[2])
            axes[name] = np.linspace(float(start), float(stop), int(parts[2]))
        else:
            raise ParameterValueError(name, "a value or start:stop:num", value)
    return fixed, axes


def run(args: argparse.Namespace) -> int:
    """Run the sweep described by the parsed arguments; print where it went and how long it took.

    Returns the exit status: 0 on success, 2 when the arguments are refused (the reason is
    printed on standard error).
    """
    from .run import sweep

    started = time.perf_counter()
    try:
        fixed, axes = parse_parameters(args.parameters)
        result = sweep(
            args.model,
            args.method,
            fixed=fixed,
            chunks=args.chunks,
            store=args.output,
            scheduler=args.scheduler,
            progress=args.progress,
            **axes,
        )
    except BargainingError as error:
        print(f"bargaining sweep: error: {error}", file=sys.stderr)
        return 2
    elapsed = time.perf_counter() - started
    shape = " x ".join(f"{size} {name}" for name, size in result.sizes.items())
    points = int(np.prod(list(result.sizes.values())))
    print(f"wrote {args.output}: {args.model}, {points} points ({shape}), in {elapsed:.2f} s")
    return 0

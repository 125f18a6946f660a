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

from ..core.errors import BargainingError, Description, ParameterValueError
from ..core.paths import writable_file, writable_folder
from ..core.values import parse_fraction
from .registry import MODELS

__all__ = ["MAX_POINTS", "add_parser", "parse_parameters", "run"]

#: The largest grid the command runs without ``--max-points``: 10^8 points, a few GB of output.
MAX_POINTS = 10**8

_DECIMAL = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_FRACTION = re.compile(r"[+-]?\d+/\d+")
_COUNT = re.compile(r"\d+")


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add the ``sweep`` subcommand to an ``argparse`` subparsers object; return its parser.

    The parser's default ``handler`` is :func:`run`, so a caller dispatches with
    ``args.handler(args)``.

    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="bargaining")
    >>> _ = add_parser(parser.add_subparsers(dest="command"))
    >>> parser.parse_args(["sweep", "crisis", "power=0:1:3", "-o", "x.nc"]).model
    'crisis'
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
        "--max-points",
        type=int,
        default=MAX_POINTS,
        help=f"refuse a grid of more points than this ({MAX_POINTS:.0e}); raise it on purpose",
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
            return parse_fraction(text)
        except ValueError as error:
            if "digits" in str(error):
                raise ParameterValueError(name, str(error).split(" (got")[0], text) from None
    raise ParameterValueError(name, "a number such as 0.25, 1/3 or 2e-3", text)


def parse_parameters(
    items: list[str], max_points: int = MAX_POINTS
) -> tuple[dict[str, Fraction], dict[str, np.ndarray]]:
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
    points = 1
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
            count = parts[2].strip()
            if not _COUNT.fullmatch(count) or len(count) > 30 or int(count) < 1:
                raise ParameterValueError(f"{name} count", "a positive whole number of values", parts[2])
            points *= int(count)
            if points > max_points:
                raise ParameterValueError(
                    "the grid",
                    f"at most {max_points:,} points (raise it on purpose with --max-points)",
                    Description(f"{points:,} points once {name} has {int(count):,} values"),
                )
            try:
                low, high = float(start), float(stop)  # both within 4300 digits, maybe not float range
            except OverflowError:
                raise ParameterValueError(
                    name, "axis ends within float range (about ±1.8e308)", value
                ) from None
            axes[name] = np.linspace(low, high, int(count))
        else:
            raise ParameterValueError(name, "a value or start:stop:num", value)
    return fixed, axes


def run(args: argparse.Namespace) -> int:
    """Run the sweep described by the parsed arguments; print where it went and how long it took.

    Returns the exit status: 0 on success, 2 when the arguments are refused (the reason is
    printed on standard error).

    >>> import argparse, tempfile
    >>> parser = argparse.ArgumentParser(prog="bargaining")
    >>> _ = add_parser(parser.add_subparsers(dest="command"))
    >>> output = tempfile.mkdtemp() + "/crisis.zarr"
    >>> run(parser.parse_args(["sweep", "crisis", "power=0:1:3", "cost_coercer=1/10", "cost_target=1/10", "-o", output]))
    wrote ...crisis.zarr: crisis, 3 points (3 power), in ... s
    0
    """
    from .run import sweep

    started = time.perf_counter()
    try:
        fixed, axes = parse_parameters(args.parameters, args.max_points)
        if args.method is not None and (args.method.startswith("_") or not args.method.isidentifier()):
            raise ParameterValueError(
                "--method", f"the name of a public solver method of {args.model}", args.method
            )
        if args.chunks is not None and args.chunks < 1:
            raise ParameterValueError("--chunks", "a positive number of points per chunk", args.chunks)
        finished = _check_output(args.output)
        _check_scheduler(args.scheduler)
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
    if finished:
        print(f"{args.output} already holds this sweep, complete: nothing written ({points} points, {shape})")
    else:
        print(f"wrote {args.output}: {args.model}, {points} points ({shape}), in {elapsed:.2f} s")
    return 0


def _check_output(output: str) -> bool:
    """Refuse an output that cannot be written before any work; return whether it already holds a
    finished sweep (the run then checks it is this sweep and writes nothing)."""
    from .run import is_complete

    if output.endswith(".nc"):
        return writable_file(output, netcdf=True).exists()
    folder = writable_folder(output)
    if folder.exists() and any(folder.iterdir()) and not (folder / "_sweep").is_dir():
        raise ParameterValueError(
            "--output",
            "a new path or the Zarr store of a sweep",
            Description(f"{output!r}, a folder of other files"),
        )
    return is_complete(folder)


def _check_scheduler(scheduler: str | None) -> None:
    """Refuse, within seconds, a scheduler address nothing answers at (before any work)."""
    import socket
    from urllib.parse import urlsplit

    if scheduler is None or "://" not in scheduler:
        return
    parts = urlsplit(scheduler)
    if parts.scheme not in ("tcp", "tls") or not parts.hostname:
        return  # other protocols are left to dask to judge
    try:
        port = parts.port or 8786
        with socket.create_connection((parts.hostname, port), timeout=5):
            pass
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
        raise ParameterValueError(
            "--scheduler", "the address of a running dask scheduler", Description(f"{scheduler!r}: {reason}")
        ) from None

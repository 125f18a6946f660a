"""``bargaining claims``: settle the essay's claims and print (and optionally write) the report."""

from __future__ import annotations

import argparse
import os
import sys
import time
from typing import Any

__all__ = ["add_parser", "idle_cores", "run"]


def add_parser(subparsers: Any) -> None:
    """Register the ``claims`` sub-command.

    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="bargaining")
    >>> _ = add_parser(parser.add_subparsers(dest="command"))
    >>> parser.parse_args(["claims", "--no-cache"]).no_cache
    True
    """
    parser = subparsers.add_parser("claims", help="settle the essay's claims and print the claims report")
    parser.add_argument("--output", help="folder to write claims.md and claims.html into")
    parser.add_argument("--depth", choices=["ci", "user"], default="ci", help="how many points to search")
    parser.add_argument(
        "--scenario",
        action="append",
        default=[],
        help="settle on the ranges of this scenario (a preset name or a TOML file; repeat for several)",
    )
    parser.add_argument("--no-cache", action="store_true", help="settle every claim afresh")
    parser.add_argument(
        "--force", action="store_true", help="overwrite claims.md and claims.html in --output"
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="processes settling claims (default: the idle cores, at least 1 and at most 4)",
    )


def idle_cores() -> int:
    """The cores other jobs leave idle (the cores minus the last minute's load average, rounded
    down), at least 1 and at most 4: the default number of processes settling the claims.

    A second process pays about a second of CPU of its own (the models it imports, the symbolic
    work the first one already cached) and only gains when a core is free for it: on this 2-core
    machine loaded by other jobs, one process settled the catalogue faster than two.

    >>> 1 <= idle_cores() <= 4
    True
    """
    cores = os.cpu_count() or 1
    try:
        busy = os.getloadavg()[0]
    except OSError:  # pragma: no cover - a platform without a load average
        busy = 0.0
    return max(1, min(4, cores - int(busy)))


def run(args: argparse.Namespace) -> int:
    """Settle, print the Markdown table and the count of each verdict, say where the files went.

    The output folder and the scenarios are checked before any claim is settled; progress goes
    to standard error. A run settles the whole catalogue and prints a row per claim (seconds
    without the verdict cache), so the example shows the checks that come first, on arguments
    built as the command line builds them:

    >>> import pathlib, tempfile
    >>> parser = argparse.ArgumentParser(prog="bargaining")
    >>> add_parser(parser.add_subparsers(dest="command"))
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "claims.md").write_text("an earlier report")
    >>> run(parser.parse_args(["claims", "--output", str(folder)]))
    Traceback (most recent call last):
    ...
    bargaining.core.errors.ParameterValueError: --output must be a folder without claims.md in it (give --force to overwrite it, or another --output) (got ...)
    >>> run(parser.parse_args(["claims", "--scenario", "no-such-preset"]))
    Traceback (most recent call last):
    ...
    bargaining.scenarios.loader.ScenarioError: no-such-preset: the file must be readable (got the string 'No such file or directory')
    """
    from ..core.paths import writable_folder
    from .catalogue import essay_claims
    from .report import counts, markdown, report

    started = time.perf_counter()
    if args.output:
        writable_folder(args.output, ["claims.md", "claims.html"], force=args.force)
    scenarios = None
    if args.scenario:
        from ..scenarios import load, presets

        known = presets()
        scenarios = [load(known.get(name, name)) for name in args.scenario]
    workers = idle_cores() if args.workers is None else max(args.workers, 1)
    print(
        f"settling {len(essay_claims())} claims in {workers} process(es); verdicts already found by this "
        "version come from the cache",
        file=sys.stderr,
        flush=True,
    )
    outcomes = report(
        output=args.output, depth=args.depth, scenarios=scenarios, cache=not args.no_cache, workers=workers
    )
    print(markdown(outcomes), end="")
    cached = sum(outcome.cached for outcome in outcomes)
    print(
        f"\n{counts(outcomes)} ({len(outcomes)} claims, {cached} from the cache, "
        f"{time.perf_counter() - started:.1f} s)"
    )
    if args.output:
        print(f"wrote {args.output}/claims.md and {args.output}/claims.html")
    return 0

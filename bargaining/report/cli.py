"""``bargaining analyze [SCENARIO...] [--output DIR]``: the main job."""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

__all__ = ["add_parser", "run"]


def add_parser(subparsers: Any) -> None:
    """Register the ``analyze`` sub-command.

    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="bargaining")
    >>> _ = add_parser(parser.add_subparsers(dest="command"))
    >>> parser.parse_args(["analyze", "--no-claims"]).no_claims
    True
    """
    parser = subparsers.add_parser(
        "analyze",
        help="solve each scenario's coercive game and write the report",
        description="Solve each scenario's coercive game (default: the bundled Ukraine presets) under "
        "George's three strategies, draw every assumption range jointly (intervals, regimes, rankings, "
        "Sobol indices), settle the claims, and write report.md, report.html, figures and LaTeX tables.",
    )
    parser.add_argument(
        "scenarios", nargs="*", help="scenario TOML files or preset names (default: all presets)"
    )
    parser.add_argument(
        "--output", default="bargaining-report", help="folder for the report (bargaining-report)"
    )
    parser.add_argument("--no-claims", action="store_true", help="skip settling the claims")
    parser.add_argument(
        "--max-horizon",
        type=int,
        default=None,
        help="allow a scenario's [war] horizon above 1200 battles (the work grows with it)",
    )
    parser.add_argument(
        "--draws",
        type=int,
        default=None,
        help="base N of the Saltelli design: N x 9 joint draws per scenario (default 1024, that is 9216; "
        "about 10^4; each draw solves the game 3 times; a power of 2 keeps the Sobol sequence balanced)",
    )
    parser.add_argument("--workers", type=int, default=2, help="processes for the draws (default 2)")
    parser.add_argument("--force", action="store_true", help="overwrite an earlier report in --output")


def run(args: argparse.Namespace) -> int:
    """Run the analysis, print a short summary and where the report is.

    The arguments as the command line gives them (here one preset, the smallest design, no
    claims); the progress goes to standard error:

    >>> import tempfile
    >>> parser = argparse.ArgumentParser(prog="bargaining")
    >>> add_parser(parser.add_subparsers(dest="command"))
    >>> folder = tempfile.mkdtemp()
    >>> args = parser.parse_args(["analyze", "specific-threat", "--draws", "1", "--workers", "1",
    ...                           "--no-claims", "--output", folder + "/report"])
    >>> run(args)
    scenario                 strategy           C utility P(settled) P(executed)               best
    specific-threat          ultimatum              0.407      0.418       0.572  turning the screw
    report: .../report/report.md and .../report/report.html (4 figures, 6 LaTeX tables), ... s (claims 0.0 s; ...)
    0
    """
    from .analyze import DRAWS, analyze
    from .game import STRATEGY_NAMES

    started = time.perf_counter()
    report = analyze(
        args.scenarios,
        args.output,
        claims=not args.no_claims,
        force=args.force,
        max_horizon=args.max_horizon,
        draws=DRAWS if args.draws is None else args.draws,
        workers=args.workers,
        progress=lambda message: print(message, file=sys.stderr, flush=True),
    )
    print(
        f"{'scenario':24} {'strategy':18} {'C utility':>9} {'P(settled)':>10} {'P(executed)':>11} {'best':>18}"
    )
    for result in report.results:
        numbers = result.numbers(result.chosen)
        print(
            f"{result.scenario.name:24} {STRATEGY_NAMES[result.chosen]:18} {numbers['coercer_utility']:9.3f} "
            f"{numbers['settled']:10.3f} {numbers['threat_executed']:11.3f} {STRATEGY_NAMES[result.best]:>18}"
        )
    if report.claims:
        from ..claims.report import counts

        print("claims: " + counts(list(report.claims)))
    print(
        f"report: {report.markdown} and {report.html} ({len(report.figures)} figures, {len(report.tables)} "
        f"LaTeX tables), {time.perf_counter() - started:.1f} s ("
        + "; ".join(f"{part} {value:.1f} s" for part, value in report.timings.items())
        + ")"
    )
    return 0

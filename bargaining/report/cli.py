"""``bargaining analyze [SCENARIO...] [--output DIR]``: the main job."""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

__all__ = ["add_parser", "run"]


def add_parser(subparsers: Any) -> None:
    """Register the ``analyze`` sub-command."""
    parser = subparsers.add_parser(
        "analyze",
        help="solve every model for the scenarios and write the report",
        description="Solve every model for each scenario (default: the bundled Ukraine presets), run the "
        "sensitivity analysis, settle the claims, and write report.md, report.html and figures.",
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
    parser.add_argument("--force", action="store_true", help="overwrite an earlier report in --output")


def run(args: argparse.Namespace) -> int:
    """Run the analysis, print a short summary and where the report is."""
    from .analyze import analyze

    started = time.perf_counter()
    report = analyze(
        args.scenarios,
        args.output,
        claims=not args.no_claims,
        force=args.force,
        max_horizon=args.max_horizon,
        progress=lambda message: print(message, file=sys.stderr, flush=True),
    )
    print(f"{'scenario':24} {'P(comply)':>9} {'P(executed)':>11} {'ceasefire':>9} {'median war':>10}")
    for result in report.results:
        war = result.strategy_row["median_duration"]
        print(
            f"{result.scenario.name:24} {float(result.outcome.compliance_probability):9.3f} "
            f"{float(result.outcome.threat_executed_probability):11.3f} "
            f"{'holds' if result.ceasefire.is_self_enforcing else 'breaks':>9} "
            f"{'—' if war != war else f'{war:.0f} mo':>10}"
        )
    if report.claims:
        from ..claims.report import counts

        print("claims: " + counts(list(report.claims)))
    print(
        f"report: {report.markdown} and {report.html} ({len(report.figures)} figures), "
        f"{time.perf_counter() - started:.0f} s"
    )
    return 0

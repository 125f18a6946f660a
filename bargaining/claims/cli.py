"""``bargaining claims``: settle the essay's claims and print (and optionally write) the report."""

from __future__ import annotations

import argparse
from typing import Any

__all__ = ["add_parser", "run"]


def add_parser(subparsers: Any) -> None:
    """Register the ``claims`` sub-command."""
    parser = subparsers.add_parser("claims", help="settle the essay's claims and print the claims report")
    parser.add_argument("--output", help="folder to write claims.md and claims.html into")
    parser.add_argument("--depth", choices=["ci", "user"], default="ci", help="how many examples to test")


def run(args: argparse.Namespace) -> int:
    """Settle, print the Markdown table, say where the files went."""
    from .report import markdown, report

    outcomes = report(output=args.output, depth=args.depth)
    print(markdown(outcomes), end="")
    counts = {
        verdict: sum(o.verdict == verdict for o in outcomes)
        for verdict in ("proved", "holds in tests", "refuted")
    }
    print("\n" + ", ".join(f"{count} {verdict}" for verdict, count in counts.items()))
    if args.output:
        print(f"wrote {args.output}/claims.md and {args.output}/claims.html")
    return 0

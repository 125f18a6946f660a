"""``bargaining claims``: settle the essay's claims and print (and optionally write) the report."""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Sequence
from typing import Any

__all__ = ["add_parser", "run"]


def add_parser(subparsers: Any) -> None:
    """Register the ``claims`` sub-command."""
    parser = subparsers.add_parser("claims", help="settle the essay's claims and print the claims report")
    parser.add_argument("--output", help="folder to write claims.md and claims.html into")
    parser.add_argument("--depth", choices=["ci", "user"], default="ci", help="how many examples to test")
    parser.add_argument(
        "--force", action="store_true", help="overwrite claims.md and claims.html in --output"
    )


def _announced(claims: Sequence[Any]) -> Iterator[Any]:
    """The claims, each announced on standard error as it is settled (the whole takes a minute)."""
    import sys

    for number, claim in enumerate(claims, start=1):
        print(f"[{number}/{len(claims)}] settling: {claim.statement[:70]}", file=sys.stderr, flush=True)
        yield claim


def run(args: argparse.Namespace) -> int:
    """Settle, print the Markdown table, say where the files went.

    The output folder is checked before any claim is settled; progress goes to standard error."""
    from ..core.paths import writable_folder
    from .catalogue import essay_claims
    from .report import markdown, report

    if args.output:
        writable_folder(args.output, ["claims.md", "claims.html"], force=args.force)
    outcomes = report(_announced(essay_claims()), output=args.output, depth=args.depth)
    print(markdown(outcomes), end="")
    counts = {
        verdict: sum(o.verdict == verdict for o in outcomes)
        for verdict in ("proved", "holds in tests", "refuted")
    }
    print("\n" + ", ".join(f"{count} {verdict}" for verdict, count in counts.items()))
    if args.output:
        print(f"wrote {args.output}/claims.md and {args.output}/claims.html")
    return 0

"""The ``bargaining`` command.

With no sub-command it solves an example crisis and prints the reference points as a table::

    $ bargaining
    $ bargaining --power 3/5 --cost-coercer 1/10 --cost-target 3/20 --discount 9/10

Numbers on the command line are parsed strictly as integers, decimals or fractions
(``3/5``); nothing a user types is evaluated.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

from .core.errors import BargainingError

__all__ = ["main", "parse_number"]

# Sub-commands that live with the package they drive: module path -> name. Each module defines
# ``add_parser(subparsers)`` and ``run(args) -> int``.
_SUBCOMMANDS: dict[str, str] = {
    "sweep": "bargaining.sweep.cli",
    "claims": "bargaining.claims.cli",
    "analyze": "bargaining.report.cli",
}


def parse_number(text: str) -> Fraction:
    """Parse ``"3/5"``, ``"0.6"`` or ``"2"`` exactly; anything else is refused.

    >>> parse_number("3/5"), parse_number("0.25")
    (Fraction(3, 5), Fraction(1, 4))
    >>> parse_number("__import__('os')")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: must be a number such as 0.6 or 3/5 (got "__import__('os')")
    """
    try:
        value = Fraction(text.strip())
    except (ValueError, ZeroDivisionError):
        raise argparse.ArgumentTypeError(f"must be a number such as 0.6 or 3/5 (got {text!r})") from None
    return value


def _decimal(value: Any) -> str:
    try:
        return f"{float(value):.4f}"
    except TypeError:  # pragma: no cover - every example value is numeric
        return str(value)


def _rows(args: argparse.Namespace) -> list[tuple[str, str, str]]:
    import sympy

    from .crisis import Crisis, RiskReturn
    from .solutions import AlternatingOffers, BargainingProblem, SmoothProblem

    p, cc, ct, delta = args.power, args.cost_coercer, args.cost_target, args.discount
    crisis = Crisis(p, cc, ct)
    war_c, war_t = crisis.war_payoffs
    interval = crisis.bargaining_range()
    nash = BargainingProblem([(0, 1), (1, 0)], disagreement=(war_c, war_t)).nash()
    u = sympy.Symbol("u", nonnegative=True)
    averse = SmoothProblem(sympy.sqrt(1 - u), u, disagreement=(war_c, war_t))
    averse_nash, averse_ks = averse.nash(), averse.kalai_smorodinsky()
    rubinstein = AlternatingOffers(delta, delta).solve()
    as_option = AlternatingOffers.from_war(p, cc, ct, delta, delta, war_as="outside_option").solve()
    risk = RiskReturn(p, cc, args.target_cost_low, args.target_cost_high).solve()

    def pair(a: Any, b: Any) -> tuple[str, str]:
        return f"[{a}, {b}]", f"[{_decimal(a)}, {_decimal(b)}]"

    return [
        ("Bargaining range (coercer's share)", *pair(interval.lower, interval.upper)),
        ("Nash settlement (war as disagreement)", str(nash.first), _decimal(nash.first)),
        ("Nash, target risk-averse (sqrt utility)", str(averse_nash.first), _decimal(averse_nash.first)),
        ("Kalai–Smorodinsky, target risk-averse", str(averse_ks.first), _decimal(averse_ks.first)),
        (
            f"Rubinstein split (discount {delta}, coercer first)",
            str(rubinstein.first_share),
            _decimal(rubinstein.first_share),
        ),
        ("Rubinstein, war as outside option", str(as_option.first_share), _decimal(as_option.first_share)),
        (
            f"Risk–return demand (c_T ~ U[{args.target_cost_low}, {args.target_cost_high}])",
            str(risk.demand),
            _decimal(risk.demand),
        ),
        ("  its war probability", str(risk.war_probability), _decimal(risk.war_probability)),
        ("  regime", str(risk.regime), ""),
    ]


def _print_table(args: argparse.Namespace) -> int:
    rows = _rows(args)
    header = ("quantity", "exact", "decimal")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(3)]
    title = (
        f"Example crisis: power {args.power}, war costs {args.cost_coercer} (coercer) and "
        f"{args.cost_target} (target), discount {args.discount}"
    )
    print(title)
    print("-" * len(title))
    for row in [header, tuple("-" * w for w in widths), *rows]:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
    return 0


def _parser() -> tuple[argparse.ArgumentParser, dict[str, Callable[[argparse.Namespace], int]]]:
    parser = argparse.ArgumentParser(
        prog="bargaining",
        description="Game-theoretic bargaining solver for war and coercion. "
        "Without a sub-command, solves an example crisis and prints the reference points.",
    )
    number = parse_number
    parser.add_argument(
        "--power", type=number, default=Fraction(3, 5), help="coercer's chance of winning (3/5)"
    )
    parser.add_argument(
        "--cost-coercer", type=number, default=Fraction(1, 10), help="coercer's war cost (1/10)"
    )
    parser.add_argument(
        "--cost-target", type=number, default=Fraction(3, 20), help="target's war cost (3/20)"
    )
    parser.add_argument("--discount", type=number, default=Fraction(9, 10), help="per-period discount (9/10)")
    parser.add_argument("--target-cost-low", type=number, default=Fraction(0), help="low end of c_T (0)")
    parser.add_argument(
        "--target-cost-high", type=number, default=Fraction(3, 10), help="high end of c_T (3/10)"
    )
    runners: dict[str, Callable[[argparse.Namespace], int]] = {}
    subparsers = parser.add_subparsers(dest="command")
    for name, module_name in _SUBCOMMANDS.items():
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError:
            continue  # that part of the package is not installed
        module.add_parser(subparsers)
        runners[name] = module.run
    return parser, runners


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``bargaining`` command; returns the exit status."""
    parser, runners = _parser()
    args = parser.parse_args(argv)
    try:
        if args.command in runners:
            return runners[args.command](args)
        return _print_table(args)
    except BargainingError as error:
        print(f"bargaining: error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())

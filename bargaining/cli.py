"""The ``bargaining`` command.

With no sub-command it solves an example crisis and prints the reference points as a table::

    $ bargaining
    $ bargaining --power 3/5 --cost-coercer 1/10 --cost-target 3/20 --discount 9/10

Numbers on the command line are parsed strictly as integers, decimals or fractions
(``3/5``); nothing a user types is evaluated.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import sys
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

from .core.errors import BargainingError, ParameterValueError, short_number

__all__ = ["command", "main", "parse_number"]

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
    >>> parse_number("1e5000")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: must be a number of at most 4300 digits (got 1e+5000)
    """
    from .core.values import parse_fraction

    try:
        return parse_fraction(text)
    except ValueError as error:
        reason = str(error)
        if "(got" not in reason:
            shown = repr(text) if len(text) <= 40 else repr(text[:37]) + "..."
            reason = f"{reason.replace(', 3/5 or 2e-3', ' or 3/5')} (got {shown})"
        raise argparse.ArgumentTypeError(f"must be {reason}") from None


def _exact(value: Any) -> str:
    """An exact value for the table: a Fraction shortened like an error's, and an exact expression
    too long for a table cell named by its length (never a wall of digits)."""
    if isinstance(value, Fraction):
        return short_number(value)
    text = str(value)
    return text if len(text) <= 80 else f"<exact form of {len(text)} characters>"


def _decimal(value: Any) -> str:
    try:
        number = float(value)  # the flags' 15-digit bound keeps every value in float range
    except TypeError:  # pragma: no cover - every example value is numeric
        return str(value)
    return f"{number:.4f}" if abs(number) < 1e6 else f"{number:.4g}"


# The example table's options: flag, attribute, default, help, and the requirement of the models.
_OPTIONS: tuple[tuple[str, str, Fraction, str], ...] = (
    ("--power", "power", Fraction(3, 5), "coercer's chance of winning (3/5)"),
    ("--cost-coercer", "cost_coercer", Fraction(1, 10), "coercer's war cost (1/10)"),
    ("--cost-target", "cost_target", Fraction(3, 20), "target's war cost (3/20)"),
    ("--discount", "discount", Fraction(9, 10), "per-period discount (9/10)"),
    ("--target-cost-low", "target_cost_low", Fraction(0), "low end of c_T (0)"),
    ("--target-cost-high", "target_cost_high", Fraction(3, 10), "high end of c_T (3/10)"),
)


# A bound on the work of the exact example table (sympy solves with these numbers in it).
_TABLE_DIGITS = 15
_TABLE_SIZE = (
    f"a number of at most {_TABLE_DIGITS} digits above and below the fraction bar (the example "
    "table is solved exactly; use the Python API for larger numbers)"
)


def _check_options(args: argparse.Namespace) -> None:
    """Refuse an option out of its range, naming the flag, before anything is computed."""
    requirements: dict[str, tuple[str, Callable[[Fraction], bool]]] = {
        "power": ("a probability in [0, 1]", lambda v: 0 <= v <= 1),
        "cost_coercer": ("non-negative", lambda v: v >= 0),
        "cost_target": ("non-negative", lambda v: v >= 0),
        "discount": ("a discount factor in (0, 1)", lambda v: 0 < v < 1),
        "target_cost_low": ("non-negative", lambda v: v >= 0),
        "target_cost_high": (
            f"greater than --target-cost-low ({short_number(args.target_cost_low)})",
            lambda v: v > args.target_cost_low,
        ),
    }
    for flag, attribute, _, _ in _OPTIONS:
        requirement, holds = requirements[attribute]
        value = getattr(args, attribute)
        if max(abs(value.numerator), value.denominator) >= 10**_TABLE_DIGITS:
            raise ParameterValueError(flag, _TABLE_SIZE, value)
        if not holds(value):
            raise ParameterValueError(flag, requirement, value)


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
        return f"[{_exact(a)}, {_exact(b)}]", f"[{_decimal(a)}, {_decimal(b)}]"

    return [
        ("Bargaining range (coercer's share)", *pair(interval.lower, interval.upper)),
        ("Nash settlement (war as disagreement)", _exact(nash.first), _decimal(nash.first)),
        ("Nash, target risk-averse (sqrt utility)", _exact(averse_nash.first), _decimal(averse_nash.first)),
        ("Kalai–Smorodinsky, target risk-averse", _exact(averse_ks.first), _decimal(averse_ks.first)),
        (
            f"Rubinstein split (discount {_exact(delta)}, coercer first)",
            _exact(rubinstein.first_share),
            _decimal(rubinstein.first_share),
        ),
        ("Rubinstein, war as outside option", _exact(as_option.first_share), _decimal(as_option.first_share)),
        (
            f"Risk–return demand (c_T ~ U[{_exact(args.target_cost_low)}, {_exact(args.target_cost_high)}])",
            _exact(risk.demand),
            _decimal(risk.demand),
        ),
        ("  its war probability", _exact(risk.war_probability), _decimal(risk.war_probability)),
        ("  regime", str(risk.regime), ""),
    ]


def _print_table(args: argparse.Namespace) -> int:
    _check_options(args)
    rows = _rows(args)
    header = ("quantity", "exact", "decimal")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(3)]
    title = (
        f"Example crisis: power {_exact(args.power)}, war costs {_exact(args.cost_coercer)} (coercer) "
        f"and {_exact(args.cost_target)} (target), discount {_exact(args.discount)}"
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
    for flag, attribute, _, help_text in _OPTIONS:
        # default None: an option given with a sub-command is seen, and refused (see main)
        parser.add_argument(flag, dest=attribute, type=parse_number, default=None, help=help_text)
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
    """Entry point of the ``bargaining`` command; returns the exit status.

    >>> main(["--power", "1/2"]) == 0  # prints the example crisis's table
    Example crisis: power 1/2, war costs 1/10 (coercer) and 3/20 (target), discount 9/10
    ------------------------------------------------------------------------------------
    quantity                                         exact                           decimal
    -----------------------------------------------  ------------------------------  ----------------
    Bargaining range (coercer's share)               [2/5, 13/20]                    [0.4000, 0.6500]
    Nash settlement (war as disagreement)            21/40                           0.5250
    Nash, target risk-averse (sqrt utility)          1391/1800 - 7*sqrt(769)/1800    0.6649
    Kalai–Smorodinsky, target risk-averse            <exact form of 108 characters>  0.6611
    Rubinstein split (discount 9/10, coercer first)  10/19                           0.5263
    Rubinstein, war as outside option                10/19                           0.5263
    Risk–return demand (c_T ~ U[0, 3/10])            3/5                             0.6000
      its war probability                            1/3                             0.3333
      regime                                         interior
    True
    """
    parser, runners = _parser()
    args = parser.parse_args(argv)
    given = [flag for flag, attribute, _, _ in _OPTIONS if getattr(args, attribute) is not None]
    if args.command and given:
        parser.error(
            f"{given[0]} sets the example table and cannot be given with the {args.command!r} "
            f"sub-command (see bargaining {args.command} --help for its own options)"
        )
    for _, attribute, default, _ in _OPTIONS:
        if getattr(args, attribute) is None:
            setattr(args, attribute, default)
    try:
        if args.command in runners:
            return runners[args.command](args)
        return _print_table(args)
    except BargainingError as error:
        print(f"bargaining: error: {error}", file=sys.stderr)
        return 2


def command() -> int:
    """The ``bargaining`` console command: :func:`main` on the command line's arguments, then every
    object frozen out of the garbage collections that end the interpreter (``gc.freeze``). As it
    exits, Python collects over every object the imports made (sympy, scipy, matplotlib, numba):
    about 0.6 s after a report, spent on a process whose files are written and closed and whose
    workers are joined. (:func:`main`, which tests and notebooks call, leaves the collector alone.)

    >>> import sys
    >>> saved, sys.argv = sys.argv, ["bargaining", "--power", "1/2", "--discount", "1/2"]
    >>> command()  # doctest: +ELLIPSIS
    Example crisis: power 1/2, war costs 1/10 (coercer) and 3/20 (target), discount 1/2
    ...
    0
    >>> sys.argv = saved
    >>> gc.unfreeze()  # (a test process goes on)
    """
    status = main()
    gc.freeze()
    return status


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(command())

"""The fuzz harness of issue 13: bad inputs for every public entry point, and how to judge the answer.

Each *case* is a callable that feeds one bad input to one entry point, with the *name* a clear
error must mention (the field, the flag, or the file and key). :func:`outcome` runs it under a
time limit and classifies what happened:

* ``clear``: refused with the package's error (``ParameterValueError``/``ParameterTypeError``/
  ``ScenarioError``, or a CLI exit 2 with a one-line message) naming the field and short (no
  wall of digits, at most :data:`LONGEST` characters);
* ``accepted``: no error (right for a value the field admits, such as a negative payoff);
* ``unclear``: refused, but the message does not name the field, is a wall of digits, or the
  error is not the package's own (a raw ``ValueError`` from a parser);
* ``crash``: any other exception (a traceback a user would see), or a hang beyond the limit;
* ``silent``: a value that can never be right (NaN, a string, ``None``...) accepted.

Every case list is deterministic, so ``python -m tests.fuzz.measure`` counts the outcomes per
class of input (the figures of issue 13's closing note), and the tests draw from the same lists
with hypothesis.
"""

from __future__ import annotations

import contextlib
import io
import math
import re
import signal
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

#: A clear message is at most this long.
LONGEST = 500
#: Seconds a case may take before it counts as a hang.
LIMIT = 20
_WALL = re.compile(r"\d{40,}")


class _HangError(Exception):
    pass


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`_HangError` after ``seconds`` (SIGALRM; main thread only)."""

    def _raise(signum: int, frame: Any) -> None:
        raise _HangError

    previous = signal.signal(signal.SIGALRM, _raise)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass(frozen=True)
class Case:
    """One bad input: the input class, a label, what to run, the name a clear error must hold,
    and whether the input can never be right (so accepting it is a silent wrong answer)."""

    kind: str
    label: str
    run: Callable[[], Any]
    names: tuple[str, ...]
    must_refuse: bool = False


@dataclass(frozen=True)
class Outcome:
    verdict: str
    detail: str


def _is_clear_text(text: str, names: tuple[str, ...]) -> bool:
    return (
        any(name in text for name in names)
        and len(text) <= LONGEST
        and not _WALL.search(text)
        and "Traceback" not in text
    )


def outcome(case: Case, limit: float = LIMIT) -> Outcome:
    """Run ``case`` and classify what a user would see."""
    from bargaining.core.errors import BargainingError

    stderr = io.StringIO()
    try:
        with time_limit(limit), contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(io.StringIO()):
            result = case.run()
    except _HangError:
        return Outcome("crash", f"no answer within {limit} s")
    except SystemExit as stop:  # argparse, or a command's exit status
        text = stderr.getvalue().strip().splitlines()[-1:] or [""]
        if stop.code in (0, None):
            return Outcome("silent" if case.must_refuse else "accepted", "exit 0")
        return Outcome("clear" if _is_clear_text(text[0], case.names) else "unclear", text[0][:300])
    except BargainingError as error:
        text = str(error)
        return Outcome("clear" if _is_clear_text(text, case.names) else "unclear", text[:300])
    except (ValueError, TypeError) as error:  # refused, but not in the package's words
        text = f"{type(error).__name__}: {error}"[:300]
        if "int_max_str_digits" in text or "integer string conversion" in text:
            return Outcome("crash", text)
        return Outcome("unclear", text)
    except Exception as error:
        return Outcome("crash", f"{type(error).__name__}: {str(error)[:200]}")
    if isinstance(result, int) and not isinstance(result, bool) and result != 0:  # a command's status
        text = (stderr.getvalue().strip().splitlines() or [""])[-1]
        return Outcome("clear" if _is_clear_text(text, case.names) else "unclear", text[:300])
    return Outcome("silent" if case.must_refuse else "accepted", "no error")


# --------------------------------------------------------------------------- the bad values


def bad_values() -> list[tuple[str, Any, bool]]:
    """The shared bad values: (label, value, whether it can never be a model's number)."""
    return [
        ("nan", float("nan"), True),
        ("inf", float("inf"), True),
        ("-inf", float("-inf"), True),
        ("huge Fraction", Fraction(10**5000), True),
        ("tiny Fraction", Fraction(1, 10**5000), True),
        ("huge int", 10**5000, True),
        ("huge negative int", -(10**5000), True),
        ("string 1e5000", "1e5000", True),
        ("string 1/2", "1/2", True),
        ("string", "abc", True),
        ("empty string", "", True),
        ("None", None, True),
        ("object", object(), True),
        ("complex", 1 + 2j, True),
        ("bool", True, True),
        ("bytes", b"1", True),
        ("dict", {"a": 1}, True),
        ("set", {1}, True),
        ("negative", -1, False),
        ("negative Fraction", Fraction(-3, 2), False),
        ("large float", 1e300, False),
        ("tiny float", 1e-300, False),
        ("above one", Fraction(3, 2), False),
        ("zero", 0, False),
        ("one", 1, False),
        ("empty array", np.array([]), False),
        ("empty list", [], False),
        ("array with nan", np.array([0.5, math.nan]), True),
        ("array of strings", np.array(["a", "b"]), True),
        ("ragged list", [[0.1, 0.2], [0.3]], True),
        ("2-d array", np.full((2, 3), 0.5), False),
        ("mismatched array (7,)", np.linspace(0.1, 0.9, 7), False),
        ("list with a string", [0.5, "x"], True),
        ("object array", np.array([Fraction(1, 2)], dtype=object), False),
        ("array of huge numbers", np.array([1e308, 1e308]), False),
    ]


# --------------------------------------------------------------------------- the API


def _api_classes() -> list[tuple[str, Callable[..., Any], dict[str, Any], str | None]]:
    """(name, class, valid keyword arguments, a method to call after construction)."""
    from bargaining.coercion import ResolveSignalling, Ultimatum
    from bargaining.commitment import (
        Ceasefire,
        PowerShift,
        PowerTransfer,
        RenewedDemands,
        SmallSteps,
        TrustGame,
    )
    from bargaining.crisis import Crisis, FirstStrike, MutualOptimism, RiskReturn, Screening
    from bargaining.solutions import AlternatingOffers
    from bargaining.war import LearningWar, PrivateWarOfAttrition, WarOfAttrition

    half, tenth = Fraction(1, 2), Fraction(1, 10)
    return [
        ("Crisis", Crisis, {"power": Fraction(3, 5), "cost_coercer": tenth, "cost_target": tenth}, "bargaining_range"),
        ("RiskReturn", RiskReturn,
         {"power": Fraction(3, 5), "cost_coercer": tenth, "target_cost_low": 0, "target_cost_high": Fraction(3, 10)},
         "solve"),
        ("Screening", Screening,
         {"power": half, "cost_coercer": tenth, "cost_tough": tenth, "cost_soft": Fraction(3, 10), "prior_tough": half},
         "solve"),
        ("FirstStrike", FirstStrike,
         {"power": half, "advantage_coercer": tenth, "advantage_target": tenth, "cost_coercer": Fraction(1, 5),
          "cost_target": Fraction(1, 5)}, None),
        ("MutualOptimism", MutualOptimism,
         {"coercer_belief": Fraction(3, 5), "target_belief": Fraction(3, 5), "cost_coercer": tenth, "cost_target": tenth},
         None),
        ("AlternatingOffers", AlternatingOffers, {"discount_first": Fraction(9, 10), "discount_second": Fraction(9, 10)},
         "solve"),
        ("Ultimatum", Ultimatum, {"demand": Fraction(1, 5), "threat": half}, "outcome"),
        ("ResolveSignalling", ResolveSignalling,
         {"demand": Fraction(1, 5), "audience_cost": tenth, "carrot": 0, "prior_resolute": half,
          "resolute_value": half, "irresolute_value": -half}, None),
        ("Ceasefire", Ceasefire, {"share": half, "power": half, "discount": Fraction(9, 10)}, "solve"),
        ("PowerShift", PowerShift,
         {"power_before": Fraction(3, 10), "power_after": Fraction(7, 10), "discount": Fraction(9, 10)}, None),
        ("PowerTransfer", PowerTransfer,
         {"power": Fraction(3, 10), "shift": Fraction(1, 5), "discount": Fraction(9, 10)}, None),
        ("RenewedDemands", RenewedDemands,
         {"assurance": half, "discount": Fraction(9, 10), "power": half, "cost_target": tenth}, None),
        ("SmallSteps", SmallSteps, {"prior": half, "loss": 2, "discount": Fraction(9, 10), "size": tenth}, None),
        ("TrustGame", TrustGame,
         {"reward": 3, "temptation": 2, "punishment": 1, "sucker": 0, "prior": half}, None),
        ("LearningWar", LearningWar,
         {"coercer_belief": Fraction(7, 10), "target_belief": Fraction(7, 10), "coercer_confidence": 2,
          "target_confidence": 6, "battle_odds": half, "cost_coercer": Fraction(1, 20), "cost_target": Fraction(1, 20)},
         None),
        ("WarOfAttrition", WarOfAttrition,
         {"value_coercer": 1, "value_target": 1, "cost_coercer": tenth, "cost_target": tenth}, None),
        ("PrivateWarOfAttrition", PrivateWarOfAttrition, {"value_high": 1, "cost": tenth}, None),
    ]


def _bargaining_problem(**kwargs: Any) -> Any:
    from bargaining.solutions import BargainingProblem

    return BargainingProblem(**kwargs)


def api_cases() -> list[Case]:
    """Every numeric field of the public model classes, times every bad value; then method arguments."""
    cases: list[Case] = []
    classes = list(_api_classes())
    classes.append(("BargainingProblem", _bargaining_problem, {"points": [(0, 1), (1, 0)], "disagreement": (0, 0)}, None))
    for name, cls, base, method in classes:
        fields = list(base)
        for field in fields:
            for label, value, never in bad_values():
                if field in ("points", "disagreement") and not isinstance(value, (np.ndarray, list)):
                    value = (value, 0) if field == "disagreement" else [(value, 1), (1, 0)]

                def run(cls: Any = cls, base: dict[str, Any] = base, field: str = field, value: Any = value,
                        method: str | None = method) -> Any:
                    model = cls(**{**base, field: value})
                    if method:
                        attribute = getattr(model, method)
                        return attribute() if callable(attribute) else attribute
                    return model

                cases.append(Case("API", f"{name}({field}={label})", run, (field,), never))
    cases.extend(_method_cases())
    return cases


def _method_cases() -> list[Case]:
    from bargaining.solutions import BargainingProblem, SmoothProblem
    from bargaining.war import LearningWar

    def problem() -> Any:
        return BargainingProblem([(0, 1), (1, 0)])

    def war() -> Any:
        return LearningWar(Fraction(7, 10), Fraction(7, 10), 2, 6, Fraction(1, 2), Fraction(1, 20), Fraction(1, 20))

    def smooth() -> Any:
        import sympy

        u = sympy.Symbol("u", nonnegative=True)
        return SmoothProblem(1 - u**2, u)

    cases = []
    for label, value, never in bad_values():
        cases.append(Case("API", f"BargainingProblem.nash(weight={label})",
                          lambda value=value: problem().nash(value), ("weight",), never))
        cases.append(Case("API", f"SmoothProblem.nash(weight={label})",
                          lambda value=value: smooth().nash(value), ("weight",), never))
        cases.append(Case("API", f"LearningWar.duration_distribution(schedule={label})",  # None: the default
                          lambda value=value: war().duration_distribution(6, schedule=value), ("schedule",),
                          value is not None))
        cases.append(Case("API", f"LearningWar.duration_distribution(horizon={label})",
                          lambda value=value: war().duration_distribution(value), ("horizon",), never))
    return cases


# --------------------------------------------------------------------------- the CLI

FLAGS = ("--power", "--cost-coercer", "--cost-target", "--discount", "--target-cost-low", "--target-cost-high")
BAD_TEXT = ("nan", "inf", "-inf", "1e5000", "1e-5000", "1e999999999", "abc", "", "1/0", "3/2", "-1", "1",
            "0", "__import__('os')", "1" * 5000, "0x10", "1_000", " 2 ", "1e30", "½")


def _main(argv: list[str]) -> Any:
    from bargaining.cli import main

    return main(argv)


def cli_cases() -> list[Case]:
    """Every flag of the example table with every bad text; global flags with sub-commands."""
    cases = []
    for flag in FLAGS:
        for text in BAD_TEXT:
            never = text not in ("-1", "1", "0", " 2 ", "3/2", "1e30")
            cases.append(Case("CLI", f"{flag} {text[:12]!r}", lambda flag=flag, text=text: _main([flag, text]),
                              (flag,), never))
    for flag in FLAGS:
        for command in (["sweep", "crisis", "power=0:1:3", "-o", "/nonexistent/x.nc"], ["analyze", "no-such-preset"]):
            cases.append(Case("CLI", f"{flag} with {command[0]}",
                              lambda flag=flag, command=command: _main([flag, "1/2", *command]), (flag,), True))
    cases.append(Case("CLI", "analyze no-such-preset", lambda: _main(["analyze", "no-such-preset", "--no-claims"]),
                      ("vague-threat",), True))
    cases.append(Case("CLI", "unknown sub-command", lambda: _main(["fly"]), ("fly",), True))
    return cases


# --------------------------------------------------------------------------- the sweep CLI


def sweep_cases(folder: Any) -> list[Case]:
    """``bargaining sweep`` with bad parameters, counts, methods, chunks and schedulers."""
    base = ["sweep", "crisis", "cost_coercer=1/10", "cost_target=1/10"]
    output = str(folder / "sweep.nc")
    variants: list[tuple[str, list[str], tuple[str, ...]]] = []
    for text in ("nan", "inf", "1e5000", "1e999999999", "abc", "1/0", "__import__('os')", "", "1" * 5000):
        variants.append((f"power={text[:12]}", [f"power={text}"], ("power",)))
        variants.append((f"axis end {text[:12]}", [f"power=0:{text}:3"], ("power",)))
    for count in ("0", "-1", "1.5", "abc", "99999999999999999999999", "1" * 5000):
        variants.append((f"count {count[:12]}", [f"power=0:1:{count}"], ("power",)))
    variants += [
        ("grid of 10^11", ["power=0:1:100000", "cost_target=0:1:1000000"], ("grid", "points")),
        ("axis 10^11", ["power=0:1:100000000000"], ("grid", "points")),
        ("two colons", ["power=0:1"], ("power",)),
        ("no equals", ["power"], ("parameter", "power")),
        ("twice", ["power=1/2", "power=1/3"], ("power",)),
        ("unknown name", ["powr=0:1:3"], ("powr",)),
        ("out of range", ["power=0:2:3"], ("power",)),
        ("--method __init__", ["power=0:1:3", "--method", "__init__"], ("method",)),
        ("--method __class__", ["power=0:1:3", "--method", "__class__"], ("method",)),
        ("--method fly", ["power=0:1:3", "--method", "fly"], ("method",)),
        ("--chunks 0", ["power=0:1:3", "--chunks", "0"], ("chunks",)),
        ("--chunks -5", ["power=0:1:3", "--chunks", "-5"], ("chunks",)),
        ("unreachable scheduler", ["power=0:1:3", "--scheduler", "tcp://127.0.0.1:9"], ("scheduler", "127.0.0.1:9")),
        ("unknown scheduler", ["power=0:1:3", "--scheduler", "fly"], ("scheduler",)),
    ]
    cases = []
    for label, extra, names in variants:
        arguments = [part for part in base if part.split("=")[0] not in {e.split("=")[0] for e in extra}]
        argv = [*arguments, *extra, "-o", output]
        cases.append(Case("sweep CLI", label, lambda argv=argv: _main(argv), names, True))
    return cases


# --------------------------------------------------------------------------- output paths


def output_cases(folder: Any) -> list[Case]:
    """Outputs that cannot be written, or would overwrite results, for every writing command."""
    folder.mkdir(parents=True, exist_ok=True)
    a_file = folder / "a-file"
    a_file.write_text("not a folder")
    text_nc = folder / "notes.nc"
    text_nc.write_text("my notes, not netCDF")
    earlier = folder / "earlier"
    earlier.mkdir(exist_ok=True)
    (earlier / "report.md").write_text("my report")
    (earlier / "claims.md").write_text("my claims")
    other = folder / "other-files"
    other.mkdir(exist_ok=True)
    (other / "thesis.tex").write_text("mine")
    bad = {
        "/proc target": "/proc/bargaining-fuzz",
        "/sys target": "/sys/bargaining-fuzz/out",
        "parent is a file": str(a_file / "out"),
        "target is a file": str(a_file),
        "NUL in path": "out\x00put",
    }
    sweep = ["sweep", "crisis", "power=0:1:3", "cost_coercer=1/10", "cost_target=1/10", "-o"]
    cases = []
    for label, path in bad.items():
        cases.append(Case("output paths", f"analyze --output {label}",
                          lambda path=path: _main(["analyze", "vague-threat", "--no-claims", "--output", path]),
                          ("--output",), True))
        cases.append(Case("output paths", f"claims --output {label}",
                          lambda path=path: _main(["claims", "--output", path]), ("--output",), True))
        nc = path if label in ("target is a file",) else path + ".nc"
        cases.append(Case("output paths", f"sweep -o {label} (.nc)", lambda nc=nc: _main([*sweep, nc]),
                          ("--output", "store"), True))
        zarr = path if label == "target is a file" else path + ".zarr"
        cases.append(Case("output paths", f"sweep -o {label} (zarr)", lambda zarr=zarr: _main([*sweep, zarr]),
                          ("--output", "store"), True))
    cases += [
        Case("output paths", "sweep -o an existing text .nc", lambda: _main([*sweep, str(text_nc)]),
             ("--output", "store"), True),
        Case("output paths", "sweep -o a folder of other files", lambda: _main([*sweep, str(other)]),
             ("--output", "store"), True),
        Case("output paths", "analyze over an earlier report.md",
             lambda: _main(["analyze", "vague-threat", "--no-claims", "--output", str(earlier)]), ("--force",), True),
        Case("output paths", "claims over an earlier claims.md",
             lambda: _main(["claims", "--output", str(earlier)]), ("--force",), True),
    ]
    return cases


# --------------------------------------------------------------------------- scenario TOML


def toml_cases(folder: Any) -> list[Case]:
    """Scenario files broken in every way the issue lists, each loaded with the strict loader."""
    from bargaining.scenarios import load, presets

    folder.mkdir(parents=True, exist_ok=True)
    valid = presets()["vague-threat"].read_text(encoding="utf-8")

    def replace_line(key: str, new: str) -> str:
        return re.sub(rf"(?m)^{key} = .*$", new.replace("\\", "\\\\"), valid, count=1)

    texts: list[tuple[str, str | bytes, tuple[str, ...], bool]] = [
        ("duplicate key", replace_line("demand", 'demand = { value = 0.2, reason = "r", range = [0.1, 0.4] }\n'
                                                 'demand = 1'), ("demand",), True),
        ("duplicate table", valid + "\n[ultimatum]\n", ("ultimatum",), True),
        ("5000-deep array", valid + "\n[extra]\nx = " + "[" * 5000 + "]" * 5000 + "\n", ("extra", "x"), True),
        ("5000-deep inline table", replace_line("demand", "demand = " + "{a=" * 5000 + "1" + "}" * 5000),
         ("demand",), True),
        ("5000-deep over lines", valid + "\n[extra]\nx = " + "[\n" * 5000 + "]\n" * 5000, ("the file",), True),
        ("5001-digit integer", "x = 1" + "0" * 5000 + "\n" + valid, ("the file", "digit"), True),
        ("horizon 10^6", replace_line("horizon", 'horizon = { value = 1000000, reason = "r", range = [1, 1000000] }'),
         ("horizon",), True),
        ("empty file", "", ("[scenario]", "scenario"), True),
        ("binary junk", b"\x00\xff\xfe\x01", ("the file",), True),
        ("latin-1", "[scenario]\nname = 'caf\xe9'\n".encode("latin-1"), ("the file",), True),
        ("not TOML", "power = = 1", ("the file", "power"), True),
    ]
    for label, value in (("nan", "nan"), ("inf", "inf"), ("-inf", "-inf"), ('"1e5000"', '"1e5000"'),
                         ('"1e-5000"', '"1e-5000"'), ("1e30", "1e30"), ('"abc"', '"abc"'), ("true", "true"),
                         ("[]", "[]"), ("{}", "{}"), ('"1/0"', '"1/0"'), ("-1", "-1"), ("2", "2"),
                         ('"' + "1" * 5000 + '"', '"' + "1" * 5000 + '"')):
        for key in ("power", "demand", "horizon", "execution_low"):  # no range holds these values
            text = replace_line(key, f'{key} = {{ value = {value}, reason = "r", range = [0, 1] }}')
            texts.append((f"{key} = {label[:12]}", text, (key,), True))
    cases = []
    for number, (label, text, names, never) in enumerate(texts):
        path = folder / f"case{number}.toml"
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        cases.append(Case("TOML", label, lambda path=path: load(path), names, never))
    bom = folder / "bom.toml"
    bom.write_text("\ufeff" + valid, encoding="utf-8")
    cases.append(Case("TOML", "UTF-8 BOM (a valid file)", lambda: load(bom), ("bom.toml",), False))
    return cases

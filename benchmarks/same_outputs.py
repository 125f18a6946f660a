"""Do the scalar models give byte-identical outputs to another commit? (A check, not a timing.)

The speed work on one scalar call (``bench_scalar.py``) must not change a result: the same
types, the same values to the last bit, the same errors. This draws thousands of random calls
(mostly valid floats, some edges, ints, Fractions, NaN, infinities, huge exact numbers and
values of the wrong type), runs them on this checkout and on ``REF`` (extracted with
``git archive`` into a temporary directory), each in its own process, and compares every
outcome: the pickled result (or the constructed fields' types and reprs), or the error's type
and message. Usage::

    python -m benchmarks.same_outputs            # against main, 3000 draws
    python -m benchmarks.same_outputs REF --draws 10000
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import math
import pickle
import random
import subprocess
import sys
import tempfile
from collections.abc import Callable
from fractions import Fraction as F
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def _number(rng: random.Random, low: float = 0.0, high: float = 1.0, kind: str | None = None) -> Any:
    import numpy as np

    draw = rng.random()
    kind = kind or (
        "float"
        if draw < 0.9
        else "edge"
        if draw < 0.95
        else "int"
        if draw < 0.97
        else "frac"
        if draw < 0.99
        else "odd"
    )
    if kind == "float":
        return rng.uniform(low, high) if rng.random() < 0.97 else rng.uniform(-0.5, 1.5)
    if kind == "edge":
        return rng.choice([0.0, 1.0, -0.0, 0.5, 2.0, -1.0, 1e-300, 1 - 1e-16])
    if kind == "int":
        return rng.choice([0, 1, 2, -1])
    if kind == "frac":
        return F(rng.randint(-3, 12), rng.randint(1, 10))
    odd = [math.nan, math.inf, -math.inf, np.float64(0.5), True, "0.5", [0.1, 0.2], 10**400, F(1, 10**400)]
    return rng.choice(odd)


def _record(function: Callable[[], Any]) -> tuple[Any, ...]:
    try:
        value = function()
    except Exception as error:  # any error: it must be the same one
        return ("error", type(error).__name__, str(error))
    try:
        blob: Any = pickle.dumps(value)
    except Exception:
        blob = repr(value)
    return ("ok", type(value).__name__, repr(value), blob)


def _fields(model: Any) -> tuple[Any, ...]:
    stored = tuple(
        (f.name, type(getattr(model, f.name)).__name__, repr(getattr(model, f.name)))
        for f in dataclasses.fields(model)
    )
    return (*stored, model.kind)


def outcomes(draws: int) -> list[tuple[str, tuple[Any, ...]]]:
    """Every recorded outcome of ``draws`` random rounds (the same draws on every checkout)."""
    import warnings

    import numpy as np

    from bargaining.coercion import Ultimatum
    from bargaining.commitment import PowerPath, PowerShift, RenewedDemands
    from bargaining.crisis import Crisis, RiskReturn, Screening
    from bargaining.solutions import AlternatingOffers

    warnings.simplefilter("ignore")
    rng = random.Random(20261130)
    found: list[tuple[str, tuple[Any, ...]]] = []
    names = (
        "vagueness",
        "urgency",
        "audience_cost",
        "threat",
        "carrot",
        "carrot_efficiency",
        "carrot_credibility",
    )
    names += (
        "risk",
        "execution_low",
        "execution_high",
        "resolve_low",
        "resolve_high",
        "delay_cost",
        "discount",
    )
    for _ in range(draws):
        given = {name: _number(rng) for name in names if rng.random() < 0.3}
        if rng.random() < 0.3:
            given["deadline"] = rng.choice([None, 0, 1, 3, -1, 2.0])
        if rng.random() < 0.05:
            given["blur"] = rng.choice(["one-sided gaussian", "centred gaussian", "fuzzy"])
        demand = _number(rng)
        built = _record(lambda d=demand, g=given: _fields(Ultimatum(d, **g)))
        found.append(("Ultimatum", built))
        if built[0] == "ok":
            threat = Ultimatum(demand, **given)
            for method in (
                "outcome",
                "credibility",
                "credibility_regime",
                "leverage",
                "need",
                "threat_falls",
            ):
                found.append((method, _record(getattr(threat, method))))
        path: Any = [
            _number(rng, -0.1, 1.1, "float" if rng.random() < 0.9 else None) for _ in range(rng.randint(1, 6))
        ]
        shape = rng.random()
        if shape < 0.1:
            path = tuple(path)
        elif shape < 0.15:
            path = np.array([v for v in path if type(v) is float] or [0.5])
        elif shape < 0.2:
            path = path * 12  # longer than a short path
        others = [_number(rng, 0, 1.05, "float" if rng.random() < 0.85 else None)]
        others += [
            _number(rng, 0, 0.4, "float" if rng.random() < 0.9 else None) for _ in range(rng.randint(0, 4))
        ]
        built = _record(lambda p=path, o=others: _fields(PowerPath(p, *o)))
        found.append(("PowerPath", built))
        if built[0] == "ok":
            power = PowerPath(path, *others)
            for method in ("solve", "is_peaceful", "minimum_values", "war_values", "one_step_verdicts"):
                found.append((method, _record(getattr(power, method))))
        for model, count, method in (
            (RiskReturn, 4, "solve"),
            (Screening, 5, "solve"),
            (RenewedDemands, 4, "most_compellable"),
            (AlternatingOffers, 2, "solve"),
            (Crisis, 3, "bargaining_range"),
            (PowerShift, 3, "is_peaceful"),
        ):
            values = [_number(rng) for _ in range(count)]
            if rng.random() < 0.5 and all(type(v) is float for v in values):
                values.sort()
            found.append((model.__name__, _record(lambda m=model, v=values: _fields(m(*v)))))
            found.append(
                (
                    f"{model.__name__}.{method}",
                    _record(lambda m=model, v=values, f=method: getattr(m(*v), f)()),
                )
            )
    return found


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.same_outputs")
    parser.add_argument("ref", nargs="?", default="main", help="the commit to compare with (default: main)")
    parser.add_argument("--draws", type=int, default=3000)
    parser.add_argument("--write", help=argparse.SUPPRESS)  # internal: run in a checkout, write the outcomes
    args = parser.parse_args()
    if args.write:
        Path(args.write).write_bytes(pickle.dumps(outcomes(args.draws)))
        return
    with tempfile.TemporaryDirectory() as scratch:
        other = Path(scratch) / "other"
        other.mkdir()
        archive = subprocess.run(
            ["git", "archive", args.ref, "bargaining"], cwd=ROOT, check=True, capture_output=True
        )
        subprocess.run(["tar", "-x", "-C", str(other)], input=archive.stdout, check=True)
        results = {}
        for name, root in (("here", ROOT), ("other", other)):
            target = Path(scratch) / f"{name}.pickle"
            code = f"import sys; sys.path[:0] = [{str(root)!r}, {str(ROOT)!r}]; from benchmarks.same_outputs import main; main()"
            command = [sys.executable, "-c", code, "--write", str(target), "--draws", str(args.draws)]
            subprocess.run(command, check=True, cwd=scratch)
            results[name] = pickle.loads(target.read_bytes())
    here, there = results["here"], results["other"]
    differences = [(a, b) for a, b in zip(here, there) if a != b] + (
        [("length", len(here), len(there))] if len(here) != len(there) else []
    )
    counts = collections.Counter(f"{name} {outcome[0]}" for name, outcome in here)
    print(f"{len(here)} outcomes of {args.draws} draws compared with {args.ref}: {len(differences)} differ")
    print(", ".join(f"{key}: {value}" for key, value in sorted(counts.items())))
    for first, second in differences[:5]:
        print("here: ", first, "\n", args.ref + ":", second)
    sys.exit(1 if differences else 0)


if __name__ == "__main__":
    main()

"""The essay's claims settled cold on two checkouts of the package: every field identical, and how long.

Usage (from a checkout's root)::

    python -m benchmarks.claims_identity OLD_TREE NEW_TREE [RUNS]

Each run is a fresh process per tree, alternating (old, new, old, new, ...) so that both see the
same load on a shared machine, with an empty verdict cache (``XDG_CACHE_HOME`` a new folder): the
34 claims of the essay settled on the region the seven preset scenarios' ranges span, as
``bargaining analyze`` settles them (``claims.report(None, output=..., scenarios=...)``). The
process time of that call is taken whole, and per claim by wrapping ``settling._settle``; imports
``bargaining analyze`` has made by then (the report module, scipy.stats, SALib, matplotlib) are
made first when ``--warm`` is given, else the claims pay sympy's and scipy.stats' first import as in
a bare call.

Every field of every ``ClaimSettlement`` (verdict, evidence, examples, counterexample, values,
failing share, cached flag, the region as described) is compared by ``repr`` together with the
types of the counterexample's and the values' numbers; the script prints each difference and exits
with status 1 if there is one. Times are medians over the runs, with the load average.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

_CHILD = r"""
import importlib, json, os, sys, tempfile, time
warm = sys.argv[2] == "warm"
A = importlib.import_module("bargaining.report.analyze")
loaded = A._as_scenarios(None)
if warm:
    A._shared_imports()
from bargaining.claims import report as claims_report
from bargaining.claims import settling
times = {}
settle = settling._settle
def timed(claim, depth, seed):
    started = time.process_time()
    outcome = settle(claim, depth, seed)
    times[claim.statement] = time.process_time() - started
    return outcome
settling._settle = timed
def kinds(value):
    if isinstance(value, dict):
        return {key: kinds(item) for key, item in value.items()}
    if isinstance(value, tuple):
        return [kinds(item) for item in value]
    return type(value).__name__
started = time.process_time()
outcomes = claims_report(None, output=tempfile.mkdtemp(), scenarios=loaded)
total = time.process_time() - started
rows = [
    {
        "statement": o.claim.statement,
        "region": o.claim.region.describe(),
        "fields": repr((o.verdict, o.evidence, o.examples, o.counterexample, o.values, o.failing_share, o.cached)),
        "types": repr((kinds(o.counterexample), kinds(o.values), type(o.failing_share).__name__)),
    }
    for o in outcomes
]
with open(sys.argv[1], "w", encoding="utf-8") as out:
    json.dump({"rows": rows, "times": times, "total": total, "load": os.getloadavg()[0]}, out)
"""


def _run(tree: Path, warm: bool) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="claims-identity-") as folder:
        result = Path(folder) / "result.json"
        env = {**os.environ, "PYTHONPATH": str(tree), "XDG_CACHE_HOME": folder, "PYTHONWARNINGS": "ignore"}
        env.pop("BARGAINING_CACHE_DIR", None)
        subprocess.run(
            [sys.executable, "-c", _CHILD, str(result), "warm" if warm else "cold"],
            env=env,
            cwd=tree,
            check=True,
        )
        found: dict[str, Any] = json.loads(result.read_text(encoding="utf-8"))
        return found


def _differences(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    if len(old["rows"]) != len(new["rows"]):
        return [f"{len(old['rows'])} settlements against {len(new['rows'])}"]
    found = []
    for before, after in zip(old["rows"], new["rows"], strict=True):
        for field, value in before.items():
            if after[field] != value:
                found.append(f"{before['statement'][:60]}: {field}\n  old: {value}\n  new: {after[field]}")
    return found


def main(arguments: list[str]) -> int:
    """Settle on both trees, alternating; print the differences, then the times."""
    warm = "--warm" in arguments
    trees = [Path(argument).resolve() for argument in arguments if not argument.startswith("--")][:2]
    numbers = [argument for argument in arguments if argument.isdigit()]
    runs = int(numbers[0]) if numbers else 3
    results: dict[int, list[dict[str, Any]]] = {0: [], 1: []}
    for _ in range(runs):
        for side, tree in enumerate(trees):
            results[side].append(_run(tree, warm))
    differences = [d for run in results[1] for d in _differences(results[0][0], run)]
    differences += [d for run in results[0][1:] for d in _differences(results[0][0], run)]
    print(
        f"{len(results[0][0]['rows'])} settlements, {runs} cold runs per tree: {len(differences)} differing fields"
    )
    for difference in differences:
        print(difference)
    loads = [run["load"] for side in results.values() for run in side]
    print(f"load average during the runs: {min(loads):.2f}-{max(loads):.2f} on {os.cpu_count()} cores")
    totals = [statistics.median(run["total"] for run in results[side]) for side in (0, 1)]
    spreads = [[round(run["total"], 2) for run in results[side]] for side in (0, 1)]
    print(
        f"total CPU, median: {totals[0]:.2f} s -> {totals[1]:.2f} s ({totals[0] / totals[1]:.2f}x); runs {spreads}"
    )
    claims = results[0][0]["times"]
    median = {
        side: {claim: statistics.median(run["times"][claim] for run in results[side]) for claim in claims}
        for side in (0, 1)
    }
    print("per claim (CPU s, median): old -> new")
    for claim in sorted(claims, key=lambda claim: -median[0][claim]):
        print(f"  {median[0][claim]:6.3f} -> {median[1][claim]:6.3f}  {claim[:72]}")
    return 1 if differences else 0


if __name__ == "__main__":  # pragma: no cover - a command-line script
    raise SystemExit(main(sys.argv[1:]))

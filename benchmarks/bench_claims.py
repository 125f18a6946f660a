"""Claims: how fast the essay's catalogue is settled, how much of each region is searched.

1. **``bargaining claims`` cold and warm.** The command run in a fresh process on the essay's
   catalogue with an empty verdict cache (a temporary ``BARGAINING_CACHE_DIR``), then again with
   the cache it filled, three times (once with ``--quick``): the median wall time with its range,
   the processes' CPU time and the machine's load average (the machine may be shared: CPU time is
   what the run itself costs); the reference is the target (10 s cold, 1 s with the cache).
2. **Array search against point by point.** The same Sobol design (4,096 points plus corners and
   edges) evaluated for three claims in one array call of the model, and one float call per point
   (the way the previous machinery called the model); same violations.
3. **Points searched per claim** against the 150 exact examples (100 where a claim had a budget)
   the previous machinery's hypothesis search drew: the smallest ratio over the catalogue.
4. **Mutations that flip the verdict** (full run only): each claim is settled, broken on purpose
   as ``tests/claims`` breaks it, and settled again.

The previous machinery (hypothesis, one exact scalar model call at a time, then differential
evolution), timed once on commit f716762 on the same 2-core machine: 43.2 s of CPU for the
catalogue (243 s of wall time on the machine loaded by other jobs; 50-100 s when quiet).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.timing import best_of

PREVIOUS_CPU = 43.2  # s, the previous machinery on the catalogue (commit f716762)
PREVIOUS_EXAMPLES = {None: 150}  # hypothesis examples per claim; a claim's budget capped it


def _run_cli(cache: str) -> tuple[float, float, str]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    env = {**os.environ, "BARGAINING_CACHE_DIR": cache, "PYTHONWARNINGS": "ignore"}
    done = subprocess.run(
        [sys.executable, "-m", "bargaining.cli", "claims"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout.strip().splitlines()[-1]


def _spread(values: list[float], digits: int) -> str:
    return f"median of {len(values)} runs, range {min(values):.{digits}f}-{max(values):.{digits}f} s"


def cli(quick: bool) -> list[dict[str, Any]]:
    """Cold then warm, ``repeats`` times (each cold run with its own empty cache): the median wall
    time, with the range, the median CPU time and the machine's load (other jobs share the cores)."""
    repeats = 1 if quick else 3
    load = os.getloadavg()[0]
    cold: list[tuple[float, float, str]] = []
    warm: list[tuple[float, float, str]] = []
    for _ in range(repeats):
        with tempfile.TemporaryDirectory(prefix="claims-cache-") as cache:
            cold.append(_run_cli(cache))
            warm.append(_run_cli(cache))
    load = max(load, os.getloadavg()[0])
    cold_wall, warm_wall = (float(np.median([run[0] for run in runs])) for runs in (cold, warm))
    cold_cpu, warm_cpu = (float(np.median([run[1] for run in runs])) for runs in (cold, warm))
    machine = f"load average up to {load:.1f} on {os.cpu_count()} cores during the runs"
    return [
        {
            "name": "bargaining claims on the essay's catalogue, cold (empty verdict cache)",
            "measured": {"label": "wall time, fresh process", "value": cold_wall, "unit": "s"},
            "reference": {"label": "target", "value": 10.0, "unit": "s"},
            "ratio": 10.0 / cold_wall,
            "ratio_meaning": "target / wall time (above 1: within the target)",
            "target": "< 10 s",
            "notes": f"{_spread([run[0] for run in cold], 1)}; {machine}; CPU {cold_cpu:.1f} s "
            f"(previous machinery: {PREVIOUS_CPU} s of CPU, {PREVIOUS_CPU / cold_cpu:.1f}x more); "
            f"{cold[-1][2]}",
        },
        {
            "name": "bargaining claims on the essay's catalogue, with the verdict cache",
            "measured": {"label": "wall time, fresh process", "value": warm_wall, "unit": "s"},
            "reference": {"label": "target", "value": 1.0, "unit": "s"},
            "ratio": 1.0 / warm_wall,
            "ratio_meaning": "target / wall time (above 1: within the target)",
            "target": "< 1 s",
            "notes": f"{_spread([run[0] for run in warm], 2)}; {machine}; CPU {warm_cpu:.2f} s "
            f"(most of it importing the package); {warm[-1][2]}",
        },
    ]


def arrays(quick: bool) -> dict[str, Any]:
    from bargaining.claims import essay_claims, searching
    from bargaining.claims.searching import DESIGN, _violations

    starts = (
        "The target's motivation not to comply rises with what is demanded: the probability that",
        "An ultimatum extracts more",
        "The screw shortens wars of attrition",
    )
    chosen = [claim for claim in essay_claims() if claim.statement.startswith(starts)]
    assert len(chosen) == len(starts), "each start names one claim of the catalogue"
    count = 512 if quick else DESIGN["ci"][0]
    vectorised = scalar = 0.0
    points = 0
    saved = searching._STRUCTURE[False]
    searching._STRUCTURE[False] = searching._STRUCTURE[True]  # the same design both ways
    for claim in chosen:
        fast, (gap_fast, *_rest) = best_of(lambda c=claim: _violations(c, count, 0, arrays=True), 3)
        slow, (gap_slow, *_rest) = best_of(lambda c=claim: _violations(c, count, 0, arrays=False), 1)
        assert gap_fast.shape == gap_slow.shape
        assert np.allclose(gap_fast, gap_slow, atol=1e-9)
        vectorised, scalar, points = vectorised + fast, scalar + slow, points + gap_fast.size
    searching._STRUCTURE[False] = saved
    return {
        "name": "claim search: one array call against one float call per point (same design)",
        "measured": {"label": "array search", "value": points / vectorised, "unit": "points/s"},
        "reference": {"label": "point by point, floats", "value": points / scalar, "unit": "points/s"},
        "ratio": scalar / vectorised,
        "ratio_meaning": "point-by-point time / array time (above 1: arrays are faster)",
        "target": ">= 10",
        "notes": f"{len(chosen)} claims (Ultimatum, CoaseTwoPeriod, WarOfAttrition), {points} points in all; "
        "same violations to 1e-9",
    }


def coverage() -> dict[str, Any]:
    from bargaining.claims import essay_claims, search

    ratios = []
    for claim in essay_claims():
        found = search(claim)
        previous = min(150, claim.budget) if claim.budget is not None else 150
        ratios.append((found.points / previous, found.points, claim.statement[:50]))
    lowest = min(ratios)
    return {
        "name": "points searched per claim against the previous hypothesis examples",
        "measured": {"label": "smallest over the catalogue", "value": lowest[1], "unit": "points"},
        "reference": {
            "label": "previous: hypothesis examples",
            "value": lowest[1] / lowest[0],
            "unit": "points",
        },
        "ratio": lowest[0],
        "ratio_meaning": "points now / examples before, for the claim with the smallest ratio",
        "target": ">= 10",
        "notes": f"lowest: {lowest[2]!r}; median ratio {np.median([r[0] for r in ratios]):.0f}",
    }


def mutations() -> dict[str, Any]:
    from bargaining.claims import MonotoneClaim, essay_claims, settle_claim

    flipped = 0
    claims = essay_claims()
    for claim in claims:
        verdict = settle_claim(claim).verdict
        if isinstance(claim, MonotoneClaim):
            if verdict == "refuted":
                sign = 1 if claim.direction in ("nondecreasing", "increasing") else -1
                broken = claim.mutated(
                    quantity=lambda c=claim, s=sign, **p: s * p[c.parameter], construction=""
                )
            else:
                broken = claim.mutated(quantity=lambda c=claim, **p: -c.quantity(**p))
        elif verdict == "refuted":
            broken = claim.mutated(right=claim.left)
        else:
            broken = claim.mutated(right=lambda c=claim, **p: c.right(**p) + Fraction(1, 1000))
        flipped += settle_claim(broken).verdict != verdict
    return {
        "name": "mutations of the model that flip the claim's verdict",
        "measured": {"label": "claims whose verdict flips", "value": flipped, "unit": "claims"},
        "reference": {"label": "claims in the catalogue", "value": len(claims), "unit": "claims"},
        "ratio": flipped / len(claims),
        "ratio_meaning": "share of the catalogue whose verdict a broken model changes",
        "target": "1",
        "notes": "the generic mutations of tests/claims/test_claims.py",
    }


def run(quick: bool = False) -> list[dict[str, Any]]:
    """Every claims benchmark; the timings against their targets or a reference measured in this run."""
    entries = [*cli(quick), arrays(quick), coverage()]
    if not quick:
        entries.append(mutations())
    return entries


if __name__ == "__main__":  # pragma: no cover - ``python -m benchmarks claims`` is the usual way
    print(Path(__file__).name, run(quick="--quick" in sys.argv))

"""Benchmark of bargaining.games.batch: 10^5 small bimatrix games at once against a nashpy loop.

Random games with uniform payoffs (nondegenerate with probability one), 2x2 and 3x3. Ours solves
the whole batch in one vectorised call; nashpy's ``support_enumeration`` is timed on a sample of
the same games and extrapolated to the batch. Agreement on the sample: nashpy's equilibria are a
subset of ours on every sampled game (its tolerance can reject a nearly pure equilibrium).
"""

from __future__ import annotations

import time
import warnings
from typing import Any

import numpy as np

from bargaining.games.batch import batch_equilibria


def _nashpy_loop(a: np.ndarray, b: np.ndarray) -> list[set[Any]]:
    import nashpy

    found = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for g in range(len(a)):
            found.append(
                {
                    (tuple(np.round(x, 8)), tuple(np.round(y, 8)))
                    for x, y in nashpy.Game(a[g], b[g]).support_enumeration()
                }
            )
    return found


def run(quick: bool = False) -> list[dict[str, Any]]:
    games = 10_000 if quick else 100_000
    sample = 100 if quick else 1_000
    rng = np.random.default_rng(2025)
    entries = []
    for n in (2, 3):
        a, b = rng.random((games, n, n)), rng.random((games, n, n))
        batch_equilibria(a[:10], b[:10])  # warm-up
        started = time.perf_counter()
        result = batch_equilibria(a, b)
        ours = time.perf_counter() - started
        started = time.perf_counter()
        theirs = _nashpy_loop(a[:sample], b[:sample])
        reference = (time.perf_counter() - started) * games / sample
        subset = sum(
            found <= {(tuple(np.round(x, 8)), tuple(np.round(y, 8))) for x, y in zip(*result.of(g))}
            for g, found in enumerate(theirs)
        )
        equal = sum(len(found) == result.counts[g] for g, found in enumerate(theirs))
        entries.append(
            {
                "name": f"batch of {games} random {n}x{n} games",
                "measured": {"label": "bargaining.games.batch_equilibria", "value": ours, "unit": "s"},
                "reference": {
                    "label": f"nashpy support_enumeration loop (timed on {sample} games, extrapolated)",
                    "value": reference,
                    "unit": "s",
                },
                "ratio": reference / ours,
                "ratio_meaning": "reference time / our time (above 1: we are faster)",
                "target": ">= 100",
                "notes": (
                    f"{int(result.is_degenerate.sum())} degenerate games routed to the exact solver; "
                    f"{result.counts.mean():.3f} equilibria per game; on the sample nashpy's set is a subset of "
                    f"ours on {subset}/{sample} games and equal in size on {equal}/{sample}"
                ),
            }
        )
    return entries

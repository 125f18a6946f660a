"""The main job, ``bargaining analyze`` on the seven presets, as a whole process, and its parts.

The issue's target: the whole main job (all seven scenarios, three strategies, best designs, the
joint uncertainty analysis, comparative statics, regime maps, figures and the claims) under 10 s
on two cores as one process. Measured here: the command ``bargaining analyze`` run as a fresh
process (interpreter start, imports, its worker processes), at the default base of the draws
(:data:`bargaining.report.analyze.DRAWS`, 9 draws per unit of base per scenario) on two workers,
without the claims and with them (the claims' cache cold, every claim settled, and warm, as on a
second run): the wall time and the CPU time (user + system of the process
and all its children), each the median of repeated runs, with the parts the report itself times
(wall of the scenarios' phase, CPU of each part summed over the workers); and the cost of one draw
in the batched grid solver at the draws' resolution, from which the cost of the issue's 10^4 draws
per scenario follows. The machine is shared: every row gives the load average before and after.
"""

from __future__ import annotations

import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Any

from benchmarks.timing import median_of

_COMMAND = "from bargaining.cli import command; raise SystemExit(command())"  # as the console script


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _whole_process(claims: bool, cache: str | None = None) -> tuple[float, float, str]:
    """One run of ``bargaining analyze`` as a fresh process: (wall s, CPU s, its closing line);
    ``cache`` is the claims' cache folder (a fresh one: every claim settled again)."""
    with tempfile.TemporaryDirectory() as folder:
        argv = [sys.executable, "-c", _COMMAND, "analyze", "--output", folder, "--force"]
        argv += [] if claims else ["--no-claims"]
        env = dict(os.environ, **({"BARGAINING_CACHE_DIR": cache} if cache else {}))
        cpu = _children_cpu()
        started = time.perf_counter()
        done = subprocess.run(argv, capture_output=True, text=True, check=True, env=env)
        wall = time.perf_counter() - started
        return wall, _children_cpu() - cpu, done.stdout.strip().splitlines()[-1]


def _load() -> str:
    return f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"


def run(quick: bool = False) -> list[dict[str, Any]]:
    from bargaining.coercive_game.batch import GameBatch
    from bargaining.coercive_game.grid_batch import solve_batch
    from bargaining.report.analyze import DRAW_TYPES, DRAWS
    from bargaining.report.uncertainty import _batch_fields, _scaled, draw_points, signature
    from bargaining.scenarios import load, presets

    scenarios = [load(path) for path in presets().values()]
    distinct = len({signature(scenario, DRAW_TYPES) for scenario in scenarios})
    units = draw_points(DRAWS)
    batch = GameBatch(**_batch_fields(_scaled(scenarios[0], units), DRAW_TYPES))
    seconds, _ = median_of(lambda: solve_batch(batch), 3)
    draw = seconds / len(units)
    budget = 2 * 10 / (distinct * 1e4)
    entries = [
        {
            "name": f"main job: one joint draw in the batched solver (three strategies, 60-84 months, "
            f"margins 6-14, {DRAW_TYPES} types)",
            "measured": {"label": "one draw", "value": draw, "unit": "s"},
            "reference": {
                "label": f"10 s / ({distinct} distinct presets x 10^4 draws) on 2 cores",
                "value": budget,
                "unit": "s",
            },
            "ratio": budget / draw,
            "ratio_meaning": "budget / ours: below 1 means 10^4 draws per scenario cannot fit in 10 s",
            "target": "10^4 draws per scenario within the 10 s of the whole job",
            "notes": f"median of 3 batches of {len(units)} draws; 10^4 draws x {distinct} presets would take "
            f"{distinct * 1e4 * draw / 2:.0f} s on two cores; {_load()}",
        }
    ]
    if quick:
        return entries
    with tempfile.TemporaryDirectory() as caches:
        for kind in ("without the claims", "with the claims, cache cold", "with the claims, cache warm"):
            before = _load()
            runs = []
            for index in range(3):  # cold: a fresh cache each run; warm: the last cold run's cache
                cache = os.path.join(caches, str(index) if "cold" in kind else "2")
                runs.append(_whole_process("without" not in kind, cache))
            runs.sort(key=lambda run: run[0])
            wall = runs[1][0]
            cpu = statistics.median(run[1] for run in runs)
            parts = re.sub(r"^.*?\d+(\.\d+)? s \(", "", runs[1][2]).rstrip(")")
            entries.append(
                {
                    "name": f"main job: bargaining analyze as a whole process, seven presets, base {DRAWS} "
                    f"({DRAWS * 9} draws each, {DRAW_TYPES} types), 2 workers, {kind}",
                    "measured": {"label": "wall time (median of 3)", "value": wall, "unit": "s"},
                    "reference": {"label": "target", "value": 10.0, "unit": "s"},
                    "ratio": 10.0 / wall,
                    "ratio_meaning": "target / ours: above 1 means under the 10 s target",
                    "target": "under 10 s on two cores, claims included",
                    "notes": f"CPU (user + system, the process and its children, median of 3) {cpu:.1f} s; "
                    f"walls {', '.join(f'{run[0]:.1f}' for run in runs)} s; parts of the median run: {parts}; "
                    f"{before} before, {_load()} after",
                }
            )
    return entries

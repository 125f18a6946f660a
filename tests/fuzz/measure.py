"""Count the outcomes of every fuzz case per input class (the figures of issue 13's closing note).

    PYTHONPATH=$PWD python -m tests.fuzz.measure            # this tree
    PYTHONPATH=/path/to/old/tree python tests/fuzz/measure.py   # another version of the package

Prints one row per class (CLI, sweep CLI, output paths, TOML, API) with the number of inputs
tried and how many came out clear, accepted, unclear, crash or silent (see ``harness``), then
every case that is not clear or accepted. ``FUZZ_LIMIT`` (seconds, default 20) is the time after
which a case counts as a hang.
"""

from __future__ import annotations

import collections
import os
import sys
import tempfile
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parents[2]))  # this tree last: PYTHONPATH picks the package

from tests.fuzz.harness import api_cases, cli_cases, outcome, output_cases, sweep_cases, toml_cases

VERDICTS = ("clear", "accepted", "unclear", "crash", "silent")


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="bargaining-fuzz-"))
    os.chdir(folder)
    cases = [*cli_cases(), *sweep_cases(folder), *output_cases(folder / "out"), *toml_cases(folder / "toml"),
             *api_cases()]
    counts: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    bad = []
    limit = float(os.environ.get("FUZZ_LIMIT", "20"))
    for case in cases:
        result = outcome(case, limit)
        counts[case.kind][result.verdict] += 1
        if result.verdict not in ("clear", "accepted"):
            bad.append((case, result))
    print(f"{'class':14} {'tried':>6} " + " ".join(f"{v:>8}" for v in VERDICTS))
    for kind, counter in counts.items():
        print(f"{kind:14} {sum(counter.values()):6d} " + " ".join(f"{counter[v]:8d}" for v in VERDICTS))
    for case, result in bad:
        print(f"  {result.verdict:8} {case.kind:12} {case.label}: {result.detail[:160]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

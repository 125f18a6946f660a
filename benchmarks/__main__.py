"""Run every benchmark in one process and write ``benchmarks/results/results.{json,md}``.

Each module ``benchmarks/bench_<name>.py`` defines ``run(quick: bool = False) -> list[dict]``;
each entry has ``name``, ``measured`` and ``reference`` (each a dict with ``label``, ``value``,
``unit``), ``ratio`` (reference / measured for times, so above 1 means we are faster; the entry
says which way in ``ratio_meaning``), ``target`` and ``notes``. Usage::

    python -m benchmarks            # the full suite
    python -m benchmarks --quick    # small sizes, for a smoke run
    python -m benchmarks crisis     # only bench_crisis.py (the other modules' entries are kept)
"""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import platform
import time
from pathlib import Path

RESULTS = Path(__file__).parent / "results"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("only", nargs="*", help="benchmark modules to run (without bench_)")
    parser.add_argument("--quick", action="store_true", help="small sizes")
    args = parser.parse_args()
    names = sorted(
        m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)]) if m.name.startswith("bench_")
    )
    if args.only:
        names = [n for n in names if n.removeprefix("bench_") in args.only]
    entries: list[dict[str, object]] = []
    for name in names:
        started = time.perf_counter()
        print(f"running {name} ...", flush=True)
        module = importlib.import_module(f"benchmarks.{name}")
        for entry in module.run(quick=args.quick):
            entry.setdefault("module", name)
            entries.append(entry)
            print(f"  {entry['name']}: ratio {entry.get('ratio')} ({entry.get('ratio_meaning', '')})", flush=True)
        print(f"  done in {time.perf_counter() - started:.1f} s", flush=True)
    RESULTS.mkdir(exist_ok=True)
    stamp = time.strftime("%Y-%m-%d %H:%M:%S")
    for entry in entries:
        entry.setdefault("date", stamp)
    meta = {"machine": platform.machine(), "python": platform.python_version(), "quick": args.quick,
            "date": stamp}
    previous = RESULTS / "results.json"
    if args.only and previous.exists():  # a partial run replaces only the modules it ran
        kept = [e for e in json.loads(previous.read_text())["entries"] if e.get("module") not in names]
        entries = kept + entries
        meta["partial"] = sorted(names)
    (RESULTS / "results.json").write_text(json.dumps({"meta": meta, "entries": entries}, indent=2, default=str))
    (RESULTS / "results.md").write_text(render(entries, meta))
    print(f"wrote {RESULTS / 'results.json'} and {RESULTS / 'results.md'}")


def _number(value: object) -> str:
    return f"{value:.4g}" if isinstance(value, (int, float)) else "—"


def render(entries: list[dict[str, object]], meta: dict[str, object]) -> str:
    """The results as a Markdown table (a value a benchmark does not give is a dash)."""
    lines = ["| benchmark | ours | reference | ratio | meaning | target | run |", "|---|---|---|---|---|---|---|"]
    for e in entries:
        m, r = e["measured"], e["reference"]
        lines.append(
            f"| {e['name']} | {_number(m['value'])} {m['unit']} ({m['label']}) "  # type: ignore[index]
            f"| {_number(r['value'])} {r['unit']} ({r['label']}) "  # type: ignore[index]
            f"| {_number(e.get('ratio'))} | {e.get('ratio_meaning', '')} | {e.get('target', '')} "
            f"| {e.get('date', meta['date'])} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()

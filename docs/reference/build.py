"""Write docs/reference/api.md from the package's docstrings: `python docs/reference/build.py`.

The test suite regenerates the page and fails when the committed file is stale.
"""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path

PACKAGES = ["solutions", "crisis", "commitment", "coercion", "games", "war", "coercive_game", "claims", "sweep", "scenarios", "report"]
PAGE = Path(__file__).with_name("api.md")


def summary(obj: object) -> str:
    doc = inspect.getdoc(obj) or ""
    first = doc.strip().split("\n\n")[0].replace("\n", " ")
    return first.replace("|", "\\|")


def render() -> str:
    lines = ["# API reference", "", "Generated from the docstrings by `python docs/reference/build.py`; every public",
             "name of every package, with the first paragraph of its docstring. `help(name)` gives the rest,",
             "with the mathematics, the parameters and an example that runs as a doctest.", ""]
    for name in PACKAGES:
        module = importlib.import_module(f"bargaining.{name}")
        lines += [f"## `bargaining.{name}`", "", summary(module), "", "| name | what it is |", "|---|---|"]
        for public in module.__all__:
            lines.append(f"| `{public}` | {summary(getattr(module, public))} |")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    PAGE.write_text(render(), encoding="utf-8")
    print(f"wrote {PAGE}")

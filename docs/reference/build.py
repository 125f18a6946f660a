"""Write docs/reference/api.md from the package's docstrings and docs/reference/parameters.md from
the models' parameter declarations: `python docs/reference/build.py`.

The test suite regenerates both pages and fails when a committed file is stale.
"""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path

PACKAGES = ["solutions", "crisis", "commitment", "coercion", "games", "war", "coercive_game", "claims", "sweep", "scenarios", "report"]
PAGE = Path(__file__).with_name("api.md")
PARAMETERS_PAGE = Path(__file__).with_name("parameters.md")
MODEL_PACKAGES = ["solutions", "crisis", "commitment", "coercion", "games", "war", "coercive_game"]


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


def declared_models() -> list[type]:
    """Every public model class with declared fields, in the order of the packages and their ``__all__``."""
    from bargaining.core.parameters import declarations

    found: list[type] = []
    for name in MODEL_PACKAGES:
        module = importlib.import_module(f"bargaining.{name}")
        for public in module.__all__:
            obj = getattr(module, public)
            if _is_dataclass(obj) and obj not in found and declarations(obj):
                found.append(obj)
    return found


def _is_dataclass(obj: object) -> bool:
    import dataclasses

    return isinstance(obj, type) and dataclasses.is_dataclass(obj)


def render_parameters() -> str:
    from bargaining.core.derived import table

    lines = ["# Model parameters", "",
             "Generated from the models' declarations by `python docs/reference/build.py`: each field's domain",
             "(what the model checks), its unit and its meaning, written once on the field",
             "(`bargaining.core.parameters.parameter`). A *setting* is a field that is not a number of",
             "the four kinds (a name, a deadline, a distribution), checked by the model itself.", ""]
    for model in declared_models():
        lines += [f"## `{model.__module__.rsplit('.', 1)[0]}.{model.__qualname__}`", "", table(model), ""]
    return "\n".join(lines)


if __name__ == "__main__":
    PAGE.write_text(render(), encoding="utf-8")
    PARAMETERS_PAGE.write_text(render_parameters(), encoding="utf-8")
    print(f"wrote {PAGE} and {PARAMETERS_PAGE}")

"""How much of the public API shows an example, and how much of it is typed ``Any``.

Run from the repository root::

    PYTHONPATH=$PWD python benchmarks/api_coverage.py            # the two figures
    PYTHONPATH=$PWD python benchmarks/api_coverage.py --missing  # and every callable without an example
    PYTHONPATH=$PWD python benchmarks/api_coverage.py --any      # and every parameter typed Any

*Public callables*: every function and class a public module of ``bargaining`` lists in ``__all__``
and defines itself, and every public method, property, class method and static method those
classes define. A callable *has an example* when its docstring holds a ``>>>`` line (a runnable
doctest: the suite runs every docstring with ``--doctest-modules``).

*Parameters*: the parameters of those callables' signatures (a class's are its constructor's, so a
dataclass field is one), ``self`` and ``cls`` excluded; a parameter is *typed Any* when its
annotation is exactly ``Any``.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import pkgutil
from collections.abc import Iterator
from typing import Any

import bargaining


def public_modules() -> Iterator[Any]:
    """Every importable module of the package whose dotted path has no private part."""
    yield bargaining
    for info in pkgutil.walk_packages(bargaining.__path__, "bargaining."):
        if any(part.startswith("_") for part in info.name.split(".")):
            continue
        yield importlib.import_module(info.name)


def _members(cls: type) -> Iterator[tuple[str, Any, Any]]:
    """(qualified name, object to read the docstring of, callable to read the signature of)."""
    for name, value in vars(cls).items():
        if name.startswith("_"):
            continue
        if isinstance(value, property):
            yield f"{cls.__qualname__}.{name}", value, value.fget
        elif isinstance(value, (classmethod, staticmethod)):
            yield f"{cls.__qualname__}.{name}", value.__func__, value.__func__
        elif inspect.isfunction(value):
            yield f"{cls.__qualname__}.{name}", value, value


def public_callables() -> dict[str, tuple[Any, Any]]:
    """``{module.qualname: (documented object, signature object)}``, each callable once."""
    found: dict[str, tuple[Any, Any]] = {}
    for module in public_modules():
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name, None)
            if not (inspect.isfunction(obj) or inspect.isclass(obj)) or obj.__module__ != module.__name__:
                continue
            found[f"{module.__name__}.{obj.__qualname__}"] = (obj, obj)
            if inspect.isclass(obj):
                for qualified, documented, signed in _members(obj):
                    found[f"{module.__name__}.{qualified}"] = (documented, signed)
    return found


def has_example(obj: Any) -> bool:
    return ">>>" in (inspect.getdoc(obj) or "")


def parameters(signed: Any) -> list[tuple[str, str]]:
    """(name, annotation text) of each parameter, ``self``/``cls`` excluded."""
    try:
        signature = inspect.signature(signed)
    except (TypeError, ValueError):
        return []
    out = []
    for parameter in signature.parameters.values():
        if parameter.name in ("self", "cls"):
            continue
        annotation = parameter.annotation
        text = annotation if isinstance(annotation, str) else getattr(annotation, "__name__", repr(annotation))
        out.append((parameter.name, "" if annotation is inspect.Parameter.empty else str(text)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--missing", action="store_true", help="list the callables without an example")
    parser.add_argument("--any", action="store_true", help="list the parameters typed Any")
    args = parser.parse_args()
    callables = public_callables()
    missing = sorted(name for name, (documented, _) in callables.items() if not has_example(documented))
    typed = [
        (name, parameter, annotation)
        for name, (_, signed) in sorted(callables.items())
        for parameter, annotation in parameters(signed)
    ]
    any_typed = [(name, parameter) for name, parameter, annotation in typed if annotation == "Any"]
    with_example = len(callables) - len(missing)
    print(f"public callables: {len(callables)}; with an example: {with_example} "
          f"({with_example / len(callables):.0%}); without: {len(missing)}")
    print(f"parameters: {len(typed)}; typed Any: {len(any_typed)} ({len(any_typed) / len(typed):.0%})")
    if args.missing:
        print("\n".join(missing))
    if args.any:
        print("\n".join(f"{name}({parameter})" for name, parameter in any_typed))


if __name__ == "__main__":
    main()

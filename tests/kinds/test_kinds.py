"""Every model agrees with itself across the four kinds of input (exact, float, array, symbols).

The specs (domains and outputs) live in ``tests/kinds/specs.py``; the comparisons in
``tests/kinds/cross_kinds.py``. Each test draws exact points of a model's documented domain from the
shared strategies of ``tests/strategies.py``.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.kinds.cross_kinds import (
    Spec,
    agrees,
    as_arrays,
    as_floats,
    check_agreement,
    element,
    exact_scalar,
    explained_by_a_tie,
    is_exact,
    refuses,
    substituted,
    substitutions,
    symbols_of,
)
from tests.kinds.specs import SPECS

_SETTINGS = {"deadline": None, "phases": [Phase.explicit, Phase.reuse, Phase.generate], "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large]}


def _one(strategy: st.SearchStrategy) -> Any:
    """One point of a strategy, drawn under hypothesis (not ``.example()``)."""
    found: list = []

    @settings(max_examples=1, database=None, **_SETTINGS)
    @given(strategy)
    def draw(value):
        found.append(value)

    draw()
    return found[0]


@pytest.mark.parametrize("spec", [spec.param("float") for spec in SPECS])
def test_float_agrees_with_exact(spec: Spec) -> None:
    @settings(max_examples=spec.float_examples, **_SETTINGS)
    @given(spec.points)
    def check(point):
        exact = spec.outputs(point)
        for name, value in exact.items():
            assert spec.inexact or is_exact(value), f"{spec.name}.{name} is not exact at {point}: {value!r}"
        check_agreement(spec, point, exact, spec.outputs(as_floats(spec, point)), "float")

    check()


@pytest.mark.parametrize("spec", [spec.param("array") for spec in SPECS])
def test_array_agrees_with_exact_point_by_point(spec: Spec) -> None:
    if spec.array is not True:
        refuses(spec, as_arrays(spec, [_one(spec.points)] * 2))
        return

    @settings(max_examples=spec.array_examples, **_SETTINGS)
    @given(st.lists(spec.points, min_size=spec.batch, max_size=spec.batch))
    def check(points):
        first = points[0]
        points = [{**p, **{k: first[k] for k in (*spec.discrete, *spec.shared)}} for p in points]
        arrays = spec.outputs(as_arrays(spec, points))
        for index, point in enumerate(points):
            exact = spec.outputs(point)
            values = {name: element(value, index, len(points)) for name, value in arrays.items()}
            check_agreement(spec, point, exact, values, f"array[{index}]")

    check()


@pytest.mark.parametrize("spec", [spec.param("symbolic") for spec in SPECS])
def test_symbolic_agrees_with_exact_after_substitution(spec: Spec) -> None:
    if spec.symbolic is not True:
        point = _one(spec.points)
        refuses(spec, {**point, **symbols_of(spec, point)})
        return
    cache: dict = {}

    @settings(max_examples=spec.symbolic_points, **_SETTINGS)
    @given(spec.points)
    def check(point):
        key = tuple(sorted((k, point[k]) for k in spec.discrete))
        if key not in cache:
            symbols = symbols_of(spec, point)
            cache[key] = symbols, spec.outputs({**point, **symbols})
        symbols, expressions = cache[key]
        values = substitutions(symbols, point)
        exact = spec.outputs(point)
        for name, expression in expressions.items():
            at_point = exact_scalar(substituted(expression, values))
            if not agrees(exact[name], at_point) and not explained_by_a_tie(spec, point, name, at_point):
                raise AssertionError(f"{spec.name}.{name}: symbolic gives {at_point!r}, exact {exact[name]!r} at {point}")

    check()

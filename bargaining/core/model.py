"""The shared machinery of model objects: validate, normalise, remember the kind.

Every model is a frozen, slotted dataclass whose ``__post_init__`` calls :func:`settle` with one
check per numeric field. :func:`settle` brings the fields to a common kind (see
:mod:`bargaining.core.values`), runs the checks (each names its field in its error) and stores
the normalised values, so the solvers never see an ``int`` that would divide as a float or a
``Fraction`` inside a float array.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from .errors import ParameterValueError
from .values import Kind, check_range, normalize

__all__ = ["Check", "check_real", "settle", "validated"]

Check = Callable[[str, Any], None]


def check_real(field: str, value: Any) -> None:
    """Any finite real number (a payoff, a value that may be negative).

    >>> check_real("power", 0.5)
    """
    check_range(field, value, requirement="a finite real number")


def settle(instance: Any, checks: Mapping[str, Check]) -> Kind:
    """Normalise and validate the numeric fields named in ``checks``; return their common kind.

    The kind is stored on the instance as ``kind`` (a field declared with ``init=False``).

    >>> from fractions import Fraction
    >>> from bargaining.crisis import Crisis  # its __post_init__ calls settle
    >>> Crisis(Fraction(1, 2)).kind, Crisis(0.5).kind, Crisis(0.5).cost_coercer
    ('exact', 'float', 0.0)
    """
    values, kind = validated({name: getattr(instance, name) for name in checks}, checks)
    for name, value in values.items():
        object.__setattr__(instance, name, value)
    object.__setattr__(instance, "kind", kind)
    return kind


def validated(values: Mapping[str, Any], checks: Mapping[str, Check]) -> tuple[dict[str, Any], Kind]:
    """Normalise ``values`` to one kind and run each field's check: the core of :func:`settle`,
    for free functions whose parameters are not a model's fields.

    >>> from fractions import Fraction
    >>> from bargaining.core.values import check_probability
    >>> validated({"power": Fraction(1, 2)}, {"power": check_probability})
    ({'power': Fraction(1, 2)}, 'exact')
    """
    normalized, kind = normalize(values)
    for name, check in checks.items():
        try:
            check(name, normalized[name])
        except ParameterValueError as error:
            raw = values[name]
            if error.field != name or isinstance(raw, (np.ndarray, list, tuple)):
                raise
            raise ParameterValueError(name, error.requirement, raw) from None  # as the user gave it
    return normalized, kind

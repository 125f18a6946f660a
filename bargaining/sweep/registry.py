"""The models a sweep can name, for the command line and for ``sweep("risk-return", ...)``.

Each entry maps a name to the model's module, class and solver; modules are imported only when
a name is used, so a model of a section still being written (``ultimatum``) is listed and
reported as unavailable until it exists.

>>> model, method = resolve("risk-return")
>>> model.__name__, method
('RiskReturn', 'solve')
"""

from __future__ import annotations

import importlib
from typing import Any

from ..core.errors import ParameterValueError

__all__ = ["MODELS", "resolve"]

#: name -> (module, class, solver method)
MODELS: dict[str, tuple[str, str, str]] = {
    "alternating-offers": ("bargaining.solutions", "AlternatingOffers", "solve"),
    "crisis": ("bargaining.crisis", "Crisis", "bargaining_range"),
    "risk-return": ("bargaining.crisis", "RiskReturn", "solve"),
    "screening": ("bargaining.crisis", "Screening", "solve"),
    "ultimatum": ("bargaining.coercion", "Ultimatum", "outcome"),
}


def resolve(name: str) -> tuple[Any, str]:
    """The model class and solver method registered under ``name``.

    >>> resolve("war-of-the-worlds")
    Traceback (most recent call last):
    ...
    bargaining.core.errors.ParameterValueError: model must be one of alternating-offers, crisis, risk-return, screening, ultimatum (got the string 'war-of-the-worlds')
    """
    if name not in MODELS:
        raise ParameterValueError("model", f"one of {', '.join(sorted(MODELS))}", name)
    module_name, class_name, method = MODELS[name]
    try:
        model = getattr(importlib.import_module(module_name), class_name)
    except (ImportError, AttributeError):
        raise ParameterValueError(
            "model", f"a model available in this installation ({module_name}.{class_name} is not)", name
        ) from None
    return model, method

"""Scenarios: the seven Ukraine presets as plain TOML, a strict loader, and the models they
build. Every number in a scenario is an assumption with its reason and a range.

>>> from bargaining.scenarios import load, presets
>>> sorted(presets())[:3]
['lower-the-temperature', 'security-guarantees', 'small-steps']
>>> load(presets()["specific-threat"]).strategy
'ultimatum'
"""

from . import models
from .loader import Assumption, Scenario, ScenarioError, load, presets
from .schema import FIELDS, SCENARIO_STRATEGIES, SECTIONS, Field

__all__ = [
    "FIELDS",
    "SCENARIO_STRATEGIES",
    "SECTIONS",
    "Assumption",
    "Field",
    "Scenario",
    "ScenarioError",
    "load",
    "models",
    "presets",
]

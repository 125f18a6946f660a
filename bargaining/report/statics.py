"""Comparative statics of the ultimatum: one design parameter moved across its range, the rest held.

For each of the demand, the audience cost, the carrot and the deadline, the scenario's ultimatum
is solved on the grid at ``points`` evenly spaced values of the assumption's range (integers for
the deadline), the others at the file's values. Reported per point: compliance, P(the target
settled by the deadline), which is the ultimatum's P(settled by month D); P(threat executed); and
the coercer's expected utility, beside its utility under try-and-see (the level the threat must
beat to be worth issuing). All the points (and the file's own game, for try-and-see) are one
batch of games (:func:`~bargaining.report.parameters.solve_games`).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..scenarios import Scenario
from .parameters import build_game, solve_games

__all__ = ["PARAMETERS", "statics"]

#: The parameters moved: (section, key) -> label with unit.
PARAMETERS: dict[tuple[str, str], str] = {
    ("game", "demand"): "demand (coercer's share of the stake)",
    ("ultimatum", "audience_cost"): "audience cost (stake, present value)",
    ("ultimatum", "carrot"): "carrot (stake, present value)",
    ("war", "deadline"): "deadline (months)",
}


def statics(scenario: Scenario, types: int = 12, points: int = 5) -> dict[str, Any]:
    """The curves: ``{"try_and_see": utility, (section, key): (xs, compliance, executed, utility)}``.

    >>> from bargaining.scenarios import load, presets
    >>> curves = statics(load(presets()["specific-threat"]), types=4, points=2)
    >>> [len(curves[("war", "deadline")][0]), round(curves[("war", "deadline")][0][-1])]
    [2, 12]
    """

    game, design = build_game(scenario, types=types)
    games, designs, spans = [game], [design], {}
    for section, key in PARAMETERS:
        a = scenario.assumptions[(section, key)]
        low, high = float(a.low), float(a.high)  # type: ignore[arg-type]  # game keys are numeric
        xs = np.linspace(low, high, points)
        if key == "deadline":
            xs = np.unique(np.round(xs))
        spans[(section, key)] = (len(games), xs)
        for x in xs:
            changed, changed_design = build_game(scenario, {(section, key): float(x)}, types=types)
            games.append(changed)
            designs.append(changed_design)
    solved = solve_games(games, designs, ("try_and_see", "ultimatum"))
    out: dict[Any, Any] = {"try_and_see": float(solved[0]["try_and_see"].coercer_utility)}
    for (section, key), (first, xs) in spans.items():
        rows = [
            (solved[first + i]["ultimatum"], games[first + i], designs[first + i]) for i in range(len(xs))
        ]
        compliance = [float(s.settled_by[min(d.deadline, g.horizon)]) for s, g, d in rows]
        executed = [float(s.threat_executed) for s, _, _ in rows]
        utility = [float(s.coercer_utility) for s, _, _ in rows]
        out[(section, key)] = (xs, np.array(compliance), np.array(executed), np.array(utility))
    return out

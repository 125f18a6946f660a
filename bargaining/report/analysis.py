"""Solve every model of a scenario, and the sensitivity of the key outputs to each assumption.

For one scenario :func:`solve_scenario` computes, exactly where the inputs are exact:

* the crisis (§2): the bargaining range, the Nash settlement over the war payoffs, the Rubinstein
  split, and the risk–return demand with its war probability;
* the one-shot ultimatum (§4): P(comply), P(threat executed), P(back down) and credibility;
* commitment (§3): whether the ceasefire is self-enforcing and the least guarantee that makes it
  so, the most that can be compelled under renewed demands, and the small-steps plan;
* the war (§5): George's three strategies on the scenario's learning war (durations, settlement
  probabilities, expected terms and costs), as an :class:`xarray.Dataset`.

:func:`sensitivity` varies each assumption to the two ends of its range, one at a time, and
records the change in P(comply) and P(threat executed) (through the sweep engine), in the median war duration
and in the minimal guarantee: the data of the tornado plots.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ..scenarios import Scenario
from ..scenarios import models as build

__all__ = ["CALIBRATION", "ScenarioResult", "Sensitivity", "sensitivity", "solve_scenario"]

CALIBRATION = "model months (one battle a month); not calibrated to a war dataset"
_STRATEGY_NAMES = {
    "try-and-see": "try-and-see",
    "turning-the-screw": "turning the screw",
    "ultimatum": "ultimatum",
}


@dataclass(frozen=True)
class Sensitivity:
    """One bar of a tornado plot: an output at the two ends of one assumption's range."""

    section: str
    key: str
    output: str
    low: Any
    high: Any
    at_low: float
    at_high: float
    base: float

    @property
    def swing(self) -> float:
        """How far the output moves across the range."""
        return abs(self.at_high - self.at_low)


@dataclass(frozen=True)
class ScenarioResult:
    """Everything solved for one scenario."""

    scenario: Scenario
    bargaining_range: Any
    nash: Any
    rubinstein_share: Any
    risk_return: Any
    outcome: Any
    ceasefire: Any
    most_compellable: Any
    steps_needed: Any
    steps_success: Any
    war: Any

    @property
    def strategy_row(self) -> dict[str, float]:
        """The war outcomes under the scenario's own strategy."""
        table = self.war.sel(strategy=_STRATEGY_NAMES[self.scenario.strategy])
        return {
            "median_duration": float(table["median_duration"]),
            "settled": float(table["settled_by"].isel(time=-1)),
            "expected_terms": float(table["expected_terms"]),
        }


def _war_table(scenario: Scenario, **war_changes: Any) -> Any:
    from ..war import compare

    changed = scenario
    for key, value in war_changes.items():
        changed = changed.with_value("war", key, value)
    return compare(
        build.war(changed),
        build.war_strategies(changed),
        horizon=int(changed.value("war", "horizon")),
        calibration=CALIBRATION,
    )


def solve_scenario(scenario: Scenario) -> ScenarioResult:
    """Solve every model of ``scenario`` (exact where its numbers are)."""
    from ..solutions import AlternatingOffers, BargainingProblem

    crisis = build.crisis(scenario)
    discount = scenario.value("crisis", "discount")
    war_coercer, war_target = crisis.war_payoffs
    nash = BargainingProblem([(0, 1), (1, 0)], disagreement=(war_coercer, war_target)).nash()
    steps = build.small_steps(scenario)
    return ScenarioResult(
        scenario=scenario,
        bargaining_range=crisis.bargaining_range(),
        nash=nash,
        rubinstein_share=AlternatingOffers(discount, discount).solve().first_share,
        risk_return=build.risk_return(scenario).solve(),
        outcome=build.ultimatum(scenario).outcome(),
        ceasefire=build.ceasefire(scenario).solve(),
        most_compellable=build.renewed_demands(scenario).most_compellable(),
        steps_needed=steps.steps_needed(),
        steps_success=steps.success_probability(),
        war=_war_table(scenario),
    )


def _ultimatum_bars(scenario: Scenario) -> list[Sensitivity]:
    from ..coercion import Ultimatum
    from ..sweep import sweep

    fixed = {
        key: (value if value is None or isinstance(value, int) else float(value))
        for key, value in scenario.section("ultimatum").items()
    }
    fixed["discount"] = float(scenario.value("crisis", "discount"))
    base = build.ultimatum(scenario).outcome()
    bars = []
    for key, value in scenario.section("ultimatum").items():
        assumption = scenario.assumptions[("ultimatum", key)]
        if value is None or assumption.low is None or assumption.low == assumption.high:
            continue
        if key == "deadline":  # an integer option, not an array axis: solved at both ends
            ends = [
                build.ultimatum(scenario, deadline=end).outcome() for end in (assumption.low, assumption.high)
            ]
            values = {
                name: [float(getattr(end, name)) for end in ends]
                for name in ("compliance_probability", "threat_executed_probability")
            }
        else:
            others = {name: v for name, v in fixed.items() if name != key}
            axes: dict[str, Any] = {key: [float(assumption.low), float(assumption.high)]}  # type: ignore[arg-type]
            result = sweep(Ultimatum, "outcome", fixed=others, progress=False, **axes)
            values = {
                name: result[name].values.tolist()
                for name in ("compliance_probability", "threat_executed_probability")
            }
        for output, name in (
            ("P(comply)", "compliance_probability"),
            ("P(threat executed)", "threat_executed_probability"),
        ):
            bars.append(
                Sensitivity(
                    "ultimatum",
                    key,
                    output,
                    assumption.low,
                    assumption.high,
                    values[name][0],
                    values[name][-1],
                    float(getattr(base, name)),
                )
            )
    return bars


def _direct_bars(
    scenario: Scenario,
    sections: Mapping[str, tuple[str, ...]],
    output: str,
    evaluate: Callable[[Scenario], float],
) -> list[Sensitivity]:
    base = evaluate(scenario)
    bars = []
    for section, keys in sections.items():
        for key in keys:
            assumption = scenario.assumptions[(section, key)]
            if assumption.low is None or assumption.low == assumption.high:
                continue
            ends = [
                evaluate(scenario.with_value(section, key, end)) for end in (assumption.low, assumption.high)
            ]
            bars.append(
                Sensitivity(section, key, output, assumption.low, assumption.high, ends[0], ends[1], base)
            )
    return bars


def sensitivity(scenario: Scenario) -> list[Sensitivity]:
    """One-at-a-time sensitivity of the key outputs to every assumption with a range."""
    strategy = _STRATEGY_NAMES[scenario.strategy]

    def median_duration(changed: Scenario) -> float:
        return float(_war_table(changed)["median_duration"].sel(strategy=strategy))

    def minimal_guarantee(changed: Scenario) -> float:
        return float(build.ceasefire(changed).solve().minimal_guarantee)

    war_keys = tuple(key for key in scenario.section("war") if key != "horizon")
    commitment = {
        "crisis": ("power", "cost_coercer", "cost_target", "discount"),
        "commitment": ("ceasefire_share", "renege_gain_coercer", "renege_gain_target", "guarantee"),
    }
    return [
        *_ultimatum_bars(scenario),
        *_direct_bars(scenario, {"war": war_keys}, "median war duration (months)", median_duration),
        *_direct_bars(scenario, commitment, "minimal guarantee", minimal_guarantee),
    ]

"""The target's timing (comply at any period up to the deadline, or not at all) and a threat that
never falls: brute force over the compliance period, stopping times and margins."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.special import ndtr

from bargaining.coercion import Ultimatum, optimal_demand

F = Fraction
fractions = st.fractions(min_value=0, max_value=1, max_denominator=20)


def recognition(u: Ultimatum, margins: np.ndarray) -> np.ndarray:
    """P(a concession x + m counts), straight from each blur's definition (not from blur.py)."""
    x, sigma = float(u.demand), float(u.vagueness)
    if sigma == 0:
        return np.ones_like(margins)
    if u.blur == "uniform":
        return np.clip(margins / sigma, 0, 1)
    if u.blur == "one-sided gaussian":
        return np.clip(2 * ndtr(margins / sigma) - 1, 0, 1)
    return np.clip((ndtr(margins / sigma) - ndtr(-x / sigma)) / ndtr(x / sigma), 0, 1)


def brute_force(u: Ultimatum, types: int = 4001) -> dict[str, float]:
    """Every type tries every period t = 0..D and every margin on a grid, and resisting; the best
    is kept. A recognised complier stops paying the waiting cost and gets the carrot at t; an
    unrecognised one pays until the deadline and faces the threat like a resister."""
    u = u._float()
    deadline = u.deadline
    assert deadline is not None
    delta, c, e = float(u.discount), float(u.delay_cost), float(u.credibility())
    tau = delta**deadline
    resolve = u.resolve_low + (u.resolve_high - u.resolve_low) * (np.arange(types) + 0.5) / types
    loss = e * u.threat * (1 - resolve)  # e L per type
    margins = np.linspace(0.0, 6 * u.vagueness + 1e-12, 1201) if u.vagueness > 0 else np.zeros(1)
    r = recognition(u, margins)
    carrot = u.carrot_credibility * u.carrot
    resist = -c * (1 - tau) - tau * loss
    best, comply, once = resist.copy(), np.zeros(types), np.zeros(types)
    for t in range(deadline + 1):
        d = delta**t
        payoff = (
            -c * (1 - d)
            - d * (u.demand + margins)[None, :]
            + r[None, :] * d * carrot
            + (1 - r[None, :]) * (-c * (d - tau) - tau * loss[:, None])
        )
        k = payoff.argmax(axis=1)
        value = payoff[np.arange(types), k]
        better = value > best + 1e-12
        best = np.where(better, value, best)
        comply = np.where(better, r[k], comply)
        once = np.where(better, (t == 0) * r[k], once)
    value_comply = u.demand - u.carrot_efficiency * carrot
    _, fallback = u._coercer_values()
    coercer = np.mean(once * value_comply + (comply - once) * tau * value_comply + (1 - comply) * fallback)
    return {"comply": comply.mean(), "once": once.mean(), "target": best.mean(), "coercer": coercer}


TIMED = [
    Ultimatum(F(1, 2), deadline=3, delay_cost=F(1, 10), audience_cost=F(1, 2), threat=F(3, 2)),
    Ultimatum(F(1, 5), deadline=3, delay_cost=F(3, 5), audience_cost=F(1, 2), threat=F(3, 2)),
    Ultimatum(F(1, 5), deadline=2, delay_cost=F(1, 4), vagueness=F(1, 10), carrot=F(1, 10), threat=2),
    Ultimatum(0.3, deadline=4, delay_cost=0.35, vagueness=0.1, blur="one-sided gaussian", threat=2.0, audience_cost=0.5),
    Ultimatum(0.3, deadline=4, delay_cost=0.05, vagueness=0.1, blur="one-sided gaussian", threat=2.0, audience_cost=0.5),
    Ultimatum(0.3, deadline=2, delay_cost=0.2, vagueness=0.1, blur="centred gaussian", threat=2.0, carrot=0.05),
]


@pytest.mark.parametrize("ultimatum", TIMED)
def test_the_solution_is_the_best_compliance_period_by_brute_force(ultimatum: Ultimatum) -> None:
    """Independent computation: each type's best of resisting and complying at each t <= D."""
    outcome, brute = ultimatum.outcome(), brute_force(ultimatum)
    tolerance = 2e-3  # the type grid and, with a Gaussian blur, the margin grid
    assert float(outcome.compliance_probability) == pytest.approx(brute["comply"], abs=tolerance)
    assert float(outcome.immediate_compliance_probability) == pytest.approx(brute["once"], abs=tolerance)
    assert float(outcome.target_utility) == pytest.approx(brute["target"], abs=tolerance)
    assert float(outcome.coercer_utility) == pytest.approx(brute["coercer"], abs=tolerance)


def test_without_a_cost_of_delay_the_deadline_changes_when_not_whether() -> None:
    """The defect this model fixes: compliance was paid at once and undiscounted while the threat
    was discounted by delta^D, so a later deadline lowered compliance. A target that may wait
    complies at the deadline, where the discount cancels: compliance is the same for every D."""
    outcomes = [Ultimatum(F(1, 4), deadline=d, threat=1, audience_cost=1).outcome() for d in (0, 1, 5, 20)]
    assert {o.compliance_probability for o in outcomes} == {F(3, 4)}
    assert [o.immediate_compliance_probability for o in outcomes] == [F(3, 4), 0, 0, 0]
    assert outcomes[2].coercer_utility == F(9, 10) ** 5 * outcomes[0].coercer_utility  # paid late


def test_with_a_cost_of_delay_a_longer_deadline_compels_more_at_once() -> None:
    """c >= n: waiting costs more than it saves, so the target complies at once; resisting means
    paying c until the deadline, so a later deadline raises compliance."""
    shares = [Ultimatum(F(1, 5), deadline=d, delay_cost=F(3, 10), threat=F(1, 2)).outcome() for d in range(4)]
    compliance = [o.compliance_probability for o in shares]
    assert compliance == sorted(compliance) and compliance[0] < compliance[-1]
    assert all(o.immediate_compliance_probability == o.compliance_probability for o in shares)


@given(fractions, fractions, fractions, st.integers(0, 6))
@settings(max_examples=40, deadline=None)
def test_exact_outcomes_are_exact_and_sum_to_one(demand, delay, audience, deadline) -> None:
    o = Ultimatum(demand, deadline=deadline, delay_cost=delay, audience_cost=audience).outcome()
    total = (o.compliance_probability + o.threat_executed_probability + o.back_down_probability
             + o.threat_never_falls_probability)
    assert total == 1 and isinstance(o.target_utility, Fraction)
    assert 0 <= o.immediate_compliance_probability <= o.compliance_probability


def test_the_array_path_equals_the_exact_path_pointwise() -> None:
    demands, costs = [F(1, 10), F(1, 2), F(9, 10)], [F(0), F(1, 5), F(7, 10)]
    array = Ultimatum(np.array([float(x) for x in demands])[:, None], deadline=3,
                      delay_cost=np.array([float(c) for c in costs]), threat=2).outcome()
    for i, x in enumerate(demands):
        for j, c in enumerate(costs):
            exact = Ultimatum(x, deadline=3, delay_cost=c, threat=2).outcome()
            for name in ("compliance_probability", "immediate_compliance_probability", "target_utility",
                         "coercer_utility", "threat_executed_probability"):
                assert getattr(array, name)[i, j] == pytest.approx(float(getattr(exact, name)), abs=1e-12)
            assert array.regime[i, j] == exact.regime


def stopping_value(u: Ultimatum, loss: float, t: int | None) -> float:
    """Comply at period t if the threat has not fallen yet (None: never), with the threat falling
    each period with probability h from period 1 on."""
    u = u._float()
    h, delta, c, n = u.urgency, u.discount, u.delay_cost, float(u.need())
    horizon = 400 if t is None else t
    ks = np.arange(1, horizon + 1)
    falls = h * (1 - h) ** (ks - 1) * (-c * (1 - delta**ks) - delta**ks * loss)
    alive = (1 - h) ** horizon
    tail = (-c * (1 - delta**t) - delta**t * n) if t is not None else -c
    return float(falls.sum() + alive * tail)


def test_with_no_deadline_the_best_stopping_time_is_now_or_never() -> None:
    """Brute force over stopping times 0..60 and never: the closed form's compliance set is the set
    of types for whom complying now is the best stopping time."""
    u = Ultimatum(F(3, 10), deadline=None, urgency=F(1, 5), delay_cost=F(1, 5), threat=2, audience_cost=1)
    resolves = np.linspace(0.005, 0.995, 100)
    complies = []
    for r in resolves:
        loss = float(u.credibility()) * 2 * (1 - r)
        values = [stopping_value(u, loss, t) for t in range(61)] + [stopping_value(u, loss, None)]
        best = int(np.argmax(values))
        assert best in (0, 61)  # never a later period
        complies.append(best == 0)
    assert np.mean(complies) == pytest.approx(float(u.compliance_probability()), abs=0.011)


def test_no_deadline_and_no_urgency_means_no_threat_ever_falls() -> None:
    """The defect: P(war) = credibility x P(resist) > 0 and a back-down probability although the
    threat never falls. Both are 0; the resisters stay in the standoff."""
    o = Ultimatum(F(1, 2), deadline=None, urgency=0, audience_cost=1).outcome()
    assert (o.threat_executed_probability, o.back_down_probability) == (0, 0)
    assert o.threat_never_falls_probability == 1 - o.compliance_probability == 1
    waiting = Ultimatum(F(1, 5), deadline=None, urgency=0, delay_cost=F(1, 4)).outcome()
    assert waiting.compliance_probability == 1  # the standoff alone costs more than the demand
    h = sympy.Symbol("h", nonnegative=True)
    symbolic = Ultimatum(F(1, 2), deadline=None, urgency=h, audience_cost=1).outcome()
    assert symbolic.threat_executed_probability.subs(h, 0) == 0
    assert symbolic.threat_executed_probability.subs(h, F(1, 2)) > 0
    arrays = Ultimatum(0.5, deadline=None, urgency=np.array([0.0, 0.5]), audience_cost=1.0).outcome()
    np.testing.assert_allclose(arrays.threat_executed_probability, [0.0, 1 - float(arrays.compliance_probability[1])])
    numeric = Ultimatum(0.5, deadline=None, vagueness=0.1, blur="centred gaussian").outcome()
    assert numeric.threat_executed_probability == numeric.back_down_probability == 0


def brute_optimal_demand(u: Ultimatum) -> float:
    grid = np.linspace(0, 1, 20001)
    values = Ultimatum(grid, **{k: getattr(u._float(), k) for k in ("deadline", "delay_cost", "threat",
                       "audience_cost", "discount", "urgency")}).outcome().coercer_utility
    return float(values.max())


@pytest.mark.parametrize("deadline, delay", [(0, F(0)), (3, F(1, 10)), (3, F(1, 2)), (None, F(1, 5))])
def test_optimal_demand_with_timing_matches_a_grid_search(deadline, delay) -> None:
    u = Ultimatum(F(1, 2), deadline=deadline, delay_cost=delay, threat=F(3, 2), audience_cost=F(1, 2),
                  urgency=F(1, 3))
    demand, utility = optimal_demand(u)
    assert isinstance(demand, Fraction)
    assert float(utility) >= brute_optimal_demand(u) - 1e-9
    assert float(utility) == pytest.approx(brute_optimal_demand(u), abs=1e-6)


# ---------------------------------------------------------------------- the carrot at a fixed demand


def grid_carrot(u: Ultimatum, top: float) -> float:
    grid = np.linspace(0, top, 40001)
    f = u._float()
    fields = {name: getattr(f, name) for name in ("demand", "threat", "audience_cost", "carrot_efficiency",
                                                   "carrot_credibility", "deadline", "delay_cost", "vagueness")}
    return float(np.max(Ultimatum(carrot=grid, **fields).outcome().coercer_utility))


@given(fractions, fractions, st.fractions(min_value=0, max_value=2, max_denominator=10), fractions,
       st.sampled_from([0, 2]))
@settings(max_examples=30, deadline=None)
def test_optimal_carrot_at_a_fixed_demand_beats_a_grid_and_is_exact(demand, credibility, efficiency, delay, deadline):
    """Independent computation: a 40 001-point grid of carrots never does better than the closed
    form, and the closed form is within the grid's resolution of the grid's best."""
    from bargaining.coercion import optimal_carrot

    u = Ultimatum(demand, threat=F(3, 2), audience_cost=F(1, 2), carrot_efficiency=efficiency,
                  carrot_credibility=credibility, deadline=deadline, delay_cost=delay)
    carrot, utility = optimal_carrot(u, 1)
    assert isinstance(carrot, Fraction) and isinstance(utility, Fraction) and 0 <= carrot <= 1
    assert utility == Ultimatum(demand, threat=F(3, 2), audience_cost=F(1, 2), carrot_efficiency=efficiency,
                                carrot_credibility=credibility, deadline=deadline, delay_cost=delay,
                                carrot=carrot).outcome().coercer_utility
    best = grid_carrot(u, 1.0)
    assert float(utility) >= best - 1e-12
    assert float(utility) == pytest.approx(best, abs=1e-4)


def test_a_carrot_to_a_target_that_complies_anyway_is_not_given() -> None:
    """George (1991): a carrot to a target that would comply anyway is pure cost: the best carrot
    at a demand every type accepts is none; and the optimal design is exact for exact inputs."""
    from bargaining.coercion import optimal_carrot, optimal_design

    easy = Ultimatum(F(1, 10), threat=2, audience_cost=1, resolve_high=F(1, 2))
    assert easy.compliance_probability() == 1 and optimal_carrot(easy, 1) == (0, easy.outcome().coercer_utility)
    design = optimal_design(Ultimatum(F(3, 5), threat=1, audience_cost=1, carrot_efficiency=F(1, 2)),
                            carrot_max=1, fixed_demand=True)
    assert (design.demand, design.carrot, design.net_utility) == (F(3, 5), F(2, 5), F(8, 25))
    demand_only = optimal_design(Ultimatum(F(1, 2), deadline=3, delay_cost=F(1, 10), threat=F(3, 2)))
    assert (demand_only.demand, demand_only.net_utility) == optimal_demand(demand_only.ultimatum)
    assert isinstance(demand_only.demand, Fraction)
    joint = optimal_design(Ultimatum(0.6, threat=1.0, audience_cost=1.0, carrot_efficiency=0.5), carrot_max=1.0)
    assert joint.net_utility >= design.net_utility - 1e-9  # freeing the demand can only help


def test_symbolic_optimal_demand_with_a_deadline_is_refused_clearly() -> None:
    x = sympy.Symbol("x", positive=True)
    with pytest.raises(NotImplementedError, match="give numbers or arrays"):
        optimal_demand(Ultimatum(F(1, 2), threat=x, deadline=2))


def test_bad_inputs_of_the_new_functions() -> None:
    from bargaining import ParameterTypeError, ParameterValueError
    from bargaining.coercion import optimal_carrot, risk_attitude

    with pytest.raises(ParameterValueError, match=r"delay_cost must be non-negative"):
        Ultimatum(F(1, 2), delay_cost=-1)
    with pytest.raises(ParameterTypeError, match="numeric scalar fields"):
        optimal_carrot(Ultimatum(np.array([0.1, 0.2])), 1)
    with pytest.raises(NotImplementedError, match="uniform blur and resolve"):
        optimal_carrot(Ultimatum(0.2, vagueness=0.1, blur="centred gaussian"), 1)
    with pytest.raises(ParameterValueError, match="carrot_max must be a finite non-negative number"):
        optimal_carrot(Ultimatum(F(1, 5)), -1)
    x = sympy.Symbol("x", positive=True)
    with pytest.raises(NotImplementedError, match="numbers or arrays"):
        risk_attitude(Ultimatum(x), 1)
    never = risk_attitude(Ultimatum(F(1, 4), execution_high=-1, execution_low=-2), 0)
    assert never.compliance_probability == 0 and never.tipping_loss == math.inf
    assert not Ultimatum(x).delay_cost_is_positive() and Ultimatum(x, delay_cost=x).delay_cost_is_positive()

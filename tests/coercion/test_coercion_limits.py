"""The limits of specificity, favouring conditions, madman, reputation; comparative statics."""

from __future__ import annotations

import itertools
from dataclasses import replace
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

from bargaining import ParameterValueError
from bargaining.coercion import (
    SelectionEffect,
    Ultimatum,
    cheap_talk_partition,
    comparative_statics,
    favouring_conditions,
    incompatible_commitments,
    madman,
    reputation_cost,
    risk_attitude,
    selection_effect,
)

F = Fraction


def test_crawford_sobel_1982_uniform_quadratic_example() -> None:
    """Crawford & Sobel (1982, Econometrica 50(6), §4): with b = 1/20 at most three intervals."""
    talk = cheap_talk_partition(F(1, 20))
    assert talk.size == 3 and talk.boundaries == (0, F(2, 15), F(7, 15), 1)
    assert cheap_talk_partition(F(1, 4)).size == 1  # b >= 1/4: babbling only
    assert cheap_talk_partition(F(1, 12)).size == 2
    assert cheap_talk_partition(0.01).size == 7


@given(st.fractions(min_value=F(1, 200), max_value=F(1, 2), max_denominator=400))
def test_cheap_talk_boundaries_are_indifferent_and_the_partition_is_maximal(bias) -> None:
    talk = cheap_talk_partition(bias)
    a = talk.boundaries
    for i in range(1, talk.size):  # the boundary type is indifferent between adjacent actions
        left, right = (a[i - 1] + a[i]) / 2, (a[i] + a[i + 1]) / 2
        assert (left - a[i] - bias) ** 2 == (right - a[i] - bias) ** 2
    assert all(x < y for x, y in itertools.pairwise(a))
    n = talk.size + 1  # one more interval is impossible: its first interval would be empty
    assert F(1, n) + 2 * bias * (1 - n) <= 0
    # the receiver's loss: sum of the interval variances plus the bias term, by direct integration
    loss = sum((y - x) ** 3 / 12 for x, y in itertools.pairwise(a))
    assert talk.receiver_loss == loss


def test_ellingsen_miettinen_2008_conflict_is_the_probability_both_commitments_hold() -> None:
    """Ellingsen & Miettinen (2008, AER 98(4), Prop. 2): both demand everything; conflict q^2."""
    q = F(3, 5)
    result = incompatible_commitments(1, 1, q, q)
    assert result.conflict_probability == q * q
    compatible = incompatible_commitments(F(2, 5), F(1, 2), q, q)
    assert compatible.conflict_probability == 0
    assert compatible.coercer_utility + compatible.target_utility == 1  # nothing is wasted
    assert result.coercer_utility + result.target_utility == 1 - q * q


def test_the_threat_is_executed_against_the_most_resolute_targets() -> None:
    """The selection effect behind Lacy & Niou (2004, J. Politics 66(1)): threats that work are
    never carried out, so the executed cases are selected on resolve. Independent computation:
    simulate the game and average the resolve of the targets the threat was executed against."""
    u = Ultimatum(F(1, 4), threat=1, audience_cost=F(1, 2))
    effect = selection_effect(u)
    rng = np.random.default_rng(11)
    resolve = rng.uniform(0, 1, 200_000)
    w = rng.uniform(-1, 1, resolve.size)
    e_loss = float(u.credibility()) * (1 - resolve)
    executed = (e_loss < float(u.need())) & (w >= -0.5)
    assert resolve[executed].mean() == pytest.approx(float(effect.resolve_of_the_executed), abs=3e-3)
    assert effect.resolve_of_the_executed > effect.resolve_of_all == F(1, 2)
    assert effect.resisters_a_certain_threat_compels > 0
    assert effect.threat_success < effect.certain_threat_success
    full = selection_effect(Ultimatum(F(1, 4), threat=2, audience_cost=1, resolve_high=F(1, 2)))
    assert full.threat_success == 1 and full.resisters_a_certain_threat_compels == 0
    with pytest.raises(NotImplementedError, match="uniform blur and resolve"):
        selection_effect(Ultimatum(0.25, vagueness=0.1, blur="centred gaussian"))


def test_the_selection_effect_no_longer_claims_lacy_and_niou_imposed_success() -> None:
    """The one-shot game ends when the threat is executed; the share of resisters a certain threat
    would compel is what it computes, and it is named so (Lacy & Niou's imposed success needs a
    stage after imposition)."""
    fields = set(SelectionEffect.__dataclass_fields__)
    assert "imposed_success" not in fields and "naive_success" not in fields
    assert {"resisters_a_certain_threat_compels", "certain_threat_success"} <= fields


@given(st.fractions(min_value=0, max_value=1, max_denominator=30), st.fractions(min_value=0, max_value=1, max_denominator=30))
def test_selection_effect_by_monte_carlo_free_counting(demand, audience) -> None:
    """Counting types on a fine grid of resolve gives the same share compelled by certainty."""
    u = Ultimatum(demand, audience_cost=audience, threat=F(3, 2))
    effect = selection_effect(u)
    grid = [F(2 * i + 1, 2000) for i in range(1000)]
    e, need = u.credibility(), u.need()
    resisters = [r for r in grid if e * u.threat * (1 - r) < need]
    if resisters:
        compelled = sum(1 for r in resisters if u.threat * (1 - r) >= need)
        assert abs(F(compelled, len(resisters)) - effect.resisters_a_certain_threat_compels) <= F(2, len(resisters))


def cara(z, alpha):
    return z if alpha == 0 else (1 - np.exp(-alpha * z)) / alpha


@pytest.mark.parametrize("alpha", [-3.0, -0.5, 0.7, 4.0])
def test_risk_attitude_by_expected_utility_type_by_type(alpha) -> None:
    """Independent computation: each type on a grid compares u(-n) with e u(-L) + (1 - e) u(0)."""
    u = Ultimatum(F(1, 5), threat=F(3, 2), audience_cost=F(1, 4), vagueness=F(1, 20))
    e, n = float(u.credibility()), float(u.need())
    resolve = (np.arange(20_000) + 0.5) / 20_000
    loss = 1.5 * (1 - resolve)
    complies = cara(-n, alpha) >= e * cara(-loss, alpha) + (1 - e) * cara(0.0, alpha)
    result = risk_attitude(u, alpha)
    assert result.compliance_probability == pytest.approx(complies.mean(), abs=1e-4)
    assert result.threat_executed_probability == pytest.approx(e * (1 - complies.mean()), abs=1e-4)


def test_risk_attitude_is_curvature_not_a_scaled_loss() -> None:
    """The defect: risk acceptance scaled the loss, so it lowered compliance even when the threat
    was certain. With e = 1 there is no lottery and no attitude changes anything; with e < 1 a
    risk-acceptant target (alpha < 0) is harder to coerce and a risk-averse one easier (George
    1991, favouring conditions), and alpha -> 0 is the risk-neutral ultimatum exactly."""
    certain = Ultimatum(F(1, 4), threat=1, audience_cost=1)
    neutral = certain.compliance_probability()
    for alpha in (-5, -1, 1, 5):
        assert risk_attitude(certain, alpha).compliance_probability == pytest.approx(float(neutral), abs=1e-12)
    lottery = Ultimatum(F(1, 4), threat=1)
    p = lottery.compliance_probability()
    assert risk_attitude(lottery, 0).compliance_probability == p  # exact
    assert risk_attitude(lottery, -1).compliance_probability < p < risk_attitude(lottery, 1).compliance_probability
    assert risk_attitude(lottery, 1e-9).compliance_probability == pytest.approx(float(p), abs=1e-8)
    arrays = risk_attitude(lottery, np.array([-1.0, 0.0, 1.0]))
    assert arrays.compliance_probability[1] == pytest.approx(float(p))
    assert np.all(np.diff(arrays.compliance_probability) > 0)
    hopeless = risk_attitude(Ultimatum(F(9, 10), threat=1, audience_cost=F(-1, 2) + 1), -50)
    assert hopeless.compliance_probability == 0 and hopeless.tipping_loss == np.inf
    free = risk_attitude(Ultimatum(0, threat=1), -2.0)
    assert free.compliance_probability == 1.0
    never = risk_attitude(Ultimatum(F(1, 4), execution_high=-1, execution_low=-2), 1)
    assert never.compliance_probability == 0
    for bad in (Ultimatum(F(1, 4), deadline=2), Ultimatum(F(1, 4), delay_cost=F(1, 10)),
                Ultimatum(F(1, 4), vagueness=F(1, 10), blur="one-sided gaussian")):
        with pytest.raises(NotImplementedError):
            risk_attitude(bad, 1)


def test_george_favouring_conditions_move_compliance_the_way_george_says() -> None:
    """George (1991, Forceful Persuasion, pp. 75-81): asymmetry of motivation favouring the
    coercer, fear of escalation and third-party support help; (the target's risk attitude: risk_attitude)."""
    base = favouring_conditions(F(1, 2), threat=2)
    p = base.compliance_probability()
    assert favouring_conditions(F(1, 2), threat=2, motivation_asymmetry=2).compliance_probability() > p
    assert favouring_conditions(F(1, 2), threat=2, fear_of_escalation=F(1, 2)).compliance_probability() > p
    assert favouring_conditions(F(1, 2), threat=2, third_party_share=F(1, 2)).compliance_probability() < p
    urgent = favouring_conditions(F(1, 2), threat=2, deadline=None, urgency=F(1, 2)).compliance_probability()
    assert urgent < p  # an open-ended threat weighs less than an immediate one


def test_madman_is_schelling_risk_to_the_target_and_costs_the_coercer_when_real() -> None:
    """Schelling (1966) and the 'madman theory' (McManus 2019, Security Studies 28(5)): a belief
    that the coercer may execute whatever it costs buys credibility and compliance."""
    u = Ultimatum(F(1, 4), execution_low=-1, execution_high=F(1, 2), threat=F(3, 2))
    effect = madman(u, F(1, 3))
    assert effect.credibility_gain == F(1, 3) * (1 - u.credibility())
    assert effect.compliance_gain > 0
    assert replace(u, risk=F(1, 3)).compliance_probability() - u.compliance_probability() == effect.compliance_gain


def test_reputation_cost_is_the_present_value_of_invited_demands() -> None:
    """Sechser (2010, IO 64(4)): phi x' delta / (1 - phi delta), by summing the series."""
    phi, x, delta = F(1, 2), F(1, 4), F(4, 5)
    series = sum((phi * delta) ** t * x for t in range(1, 200))
    assert abs(reputation_cost(phi, x, delta) - series) < F(1, 10**30)
    with pytest.raises(ParameterValueError, match="future_demand_probability must be below 1 when discount is 1"):
        reputation_cost(1, x, 1)


def test_bad_inputs_of_the_small_models() -> None:
    with pytest.raises(ParameterValueError, match=r"bias must be positive \(got 0\)"):
        cheap_talk_partition(0)
    with pytest.raises(ParameterValueError, match=r"coercer_commitment must be a probability in \[0, 1\] \(got 2\)"):
        incompatible_commitments(1, 1, 2, F(1, 2))
    with pytest.raises(TypeError, match="target_risk_acceptance"):
        favouring_conditions(F(1, 2), target_risk_acceptance=F(1, 2))  # risk attitude is risk_attitude()
    with pytest.raises(ParameterValueError, match=r"weight must be a probability in \[0, 1\] \(got 3/2\)"):
        madman(Ultimatum(F(1, 2)), F(3, 2))
    with pytest.raises(ParameterValueError, match=r"bias must be a positive number"):
        cheap_talk_partition([0.1, 0.2])


# ---------------------------------------------------------------------- comparative statics


POINTS = [F(1, 7), F(2, 7), F(3, 7)]


def test_comparative_statics_signs_hold_at_interior_points_by_finite_differences() -> None:
    """Each stated sign is checked by an exact finite difference of the numeric layer at interior points."""
    instruments = {
        "demand": "demand", "vagueness": "vagueness", "carrot": "carrot",
        "carrot_credibility": "carrot_credibility", "threat": "threat", "execution": "audience_cost",
        "discount_weight": "discount", "delay_cost": "delay_cost",
    }
    signs = {(s.quantity, s.instrument): s for s in comparative_statics()}
    for (quantity, instrument), statement in signs.items():
        for demand, carrot in itertools.product(POINTS, POINTS[:2]):
            base = Ultimatum(demand, carrot=carrot, carrot_credibility=F(1, 2), vagueness=F(1, 20), threat=F(3, 2),
                             audience_cost=F(1, 4), deadline=1, execution_low=-1, execution_high=F(1, 2),
                             resolve_high=F(9, 10), delay_cost=F(11, 10))  # c >= n: compliance at once
            step = F(1, 10**6)
            moved = replace(base, **{instruments[instrument]: getattr(base, instruments[instrument]) + step})
            name = "compliance_probability" if quantity == "compliance" else "threat_executed_probability"
            first, second = getattr(base.outcome(), name), getattr(moved.outcome(), name)
            if base.outcome().regime != "partial compliance" or moved.outcome().regime != "partial compliance":
                continue
            change = second - first
            need = base.need()
            expected = {"positive": 1, "negative": -1, "zero": 0, "non-positive": -1}.get(statement.sign)
            if statement.sign == "depends":
                from bargaining.coercion.specification import symbols

                names = symbols()
                at = {sympy.Symbol("need", real=True): need, names["delay_cost"]: base.delay_cost,
                      names["discount_weight"]: base.discount_weight, names["execution"]: base.credibility(),
                      names["threat"]: base.threat, names["resolve_width"]: base.resolve_high - base.resolve_low,
                      names["carrot"]: base.carrot, names["carrot_credibility"]: base.carrot_credibility}
                value = statement.derivative.subs(at)
                expected = int(bool(value > 0)) - int(bool(value < 0))
            assert (change > 0) - (change < 0) == expected, (quantity, instrument)


def test_comparative_statics_cover_every_instrument_for_both_probabilities() -> None:
    signs = comparative_statics()
    assert len(signs) == 16
    war_execution = next(s for s in signs if (s.quantity, s.instrument) == ("threat_executed", "execution"))
    assert war_execution.sign == "non-positive"  # zero exactly when resolve_high = 1 (a property of the uniform resolve)

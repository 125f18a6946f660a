"""The essay's claims on the coercion, commitment and war models (MODEL.md §7).

``tests/claims/test_claims.py`` settles every catalogue claim and breaks each one generically
(negating the quantity, or shifting one side of a relation). The tests here check what those
verdicts mean: that each counterexample is the failure the theory predicts (a carrot that signals
weakness, a slow decline that passes every one-step test, audience costs that deter more than they
add executions), independent checks of the quantities against closed forms, model-specific
mutations that repair a refuted claim or break a holding one, and the ``budget`` mechanism that
keeps the expensive claims within CI's time.
"""

import math
from fractions import Fraction as F

import pytest
import sympy

from bargaining import ParameterTypeError, ParameterValueError
from bargaining.claims import (
    MonotoneClaim,
    Region,
    RelationClaim,
    catalogue,
    essay_claims,
    property_test,
    prove,
    settle,
)
from bargaining.claims.essay._shared import CI_BUDGET
from bargaining.coercion import SignallingGame, Ultimatum
from bargaining.commitment import PowerPath
from bargaining.war import ESSAY_COW, CoaseTwoPeriod, calibrate

CLAIMS = essay_claims()


def _claim(start: str):
    (found,) = [claim for claim in CLAIMS if claim.statement.startswith(start)]
    return found


# --------------------------------------------------------------------------- the catalogue as a whole

MODEL_TABLE = [
    "get specific",
    "combine sticks and carrots",
    "take small steps",
    "lower the temperature",
    "credibility of threats",
    "mutual mistrust, Budapest, Minsk",
    "mutual optimism",
    "the three strategies",
    "duration",
]


def test_every_row_of_the_model_table_has_claims_with_source_region_and_expected_verdict():
    principles = {claim.principle for claim in CLAIMS}
    assert set(MODEL_TABLE) <= principles
    for claim in CLAIMS:
        assert claim.expected in ("proved", "holds in tests", "refuted"), claim.statement
        assert claim.source and claim.region.names
    groups = [catalogue.coercion_claims(), catalogue.commitment_claims(), catalogue.war_claims()]
    assert sum(len(group) for group in groups) + len(catalogue.crisis_claims()) == len(CLAIMS)
    for group in groups:
        assert all(claim.budget is not None and claim.budget >= CI_BUDGET for claim in group)


def test_the_catalogue_expects_every_verdict_in_every_group_that_can_show_it():
    expected = {claim.expected for claim in CLAIMS}
    assert expected == {"proved", "holds in tests", "refuted"}
    for group in (catalogue.coercion_claims(), catalogue.commitment_claims()):
        assert {claim.expected for claim in group} == {"proved", "holds in tests", "refuted"}


def test_refuted_catalogue_claims_survive_the_generic_mutation():
    """The generic mutation repairs a refuted monotone claim by making the quantity the parameter
    itself (or its negative, for a claim that the quantity should fall): keep them monotone."""
    for claim in CLAIMS:
        if claim.expected == "refuted":
            assert isinstance(claim, MonotoneClaim) and claim.direction in (
                "nondecreasing", "increasing", "nonincreasing", "decreasing"
            )


# --------------------------------------------------------------------------- get specific


def test_any_fixed_deadline_beats_an_open_ended_threat_when_waiting_is_free():
    """A target that may comply at any period up to the deadline waits for it when waiting costs
    nothing, where the discount cancels: a deadline one period or six away is complied with as
    often as one now, and at least as often as a threat that falls at a geometric time, which the
    target discounts by h delta / (1 - (1 - h) delta) < 1 and cannot wait out."""
    demand, cost = F(1, 5), F(1, 2)
    open_ended = Ultimatum(
        demand, deadline=None, urgency=F(9, 10), audience_cost=cost
    ).compliance_probability()
    now = Ultimatum(demand, deadline=0, audience_cost=cost).compliance_probability()
    for deadline in (1, 6):
        fixed = Ultimatum(demand, deadline=deadline, audience_cost=cost).compliance_probability()
        assert fixed == now >= open_ended
    assert now > open_ended


def test_the_specific_ultimatum_claim_holds_on_a_brute_force_grid():
    claim = _claim("A specific ultimatum")
    grid = [F(k, 4) for k in range(5)]
    for demand in grid:
        for urgency in grid:
            for cost in grid:
                for vagueness in (0, F(1, 4), F(1, 2)):
                    point = dict(
                        demand=demand,
                        vagueness=vagueness,
                        urgency=urgency,
                        audience_cost=cost,
                        added_audience_cost=F(1, 2),
                    )
                    assert claim.violation(point) is None, point


def test_breaking_the_condition_into_a_carrot_refutes_get_specific():
    """A model in which vagueness pays the target (a blurred condition read as a concession)."""
    claim = _claim("A clearer condition")
    broken = claim.mutated(
        quantity=lambda demand, vagueness, audience_cost: Ultimatum(
            demand, carrot=vagueness, audience_cost=audience_cost
        ).compliance_probability()
    )
    assert settle(broken).verdict == "refuted"


# --------------------------------------------------------------------------- sticks and carrots


def test_a_carrot_that_signals_weakness_is_the_counterexample():
    claim = _claim("Carrots never signal weakness")
    outcome = settle(claim)
    assert outcome.verdict == "refuted"
    low, high = outcome.counterexample["carrot"]
    assert low == 0 and outcome.values == (F(1, 2), F(0))
    carrot = F(math.floor(high * 20), 20)
    game = SignallingGame(F(2, 5), F(3, 10), carrot, F(1, 2), F(-1, 10), F(-3, 5), risk=F(3, 10))
    assert game.regime().endswith("(carrot signals weakness)")


def test_with_one_type_a_carrot_never_lowers_compliance_so_weakness_needs_signalling():
    """In the one-type ultimatum (no signalling) the same carrots only raise compliance: it holds in
    tests; the prover declines it because compliance has several regimes (clipped at 0 and 1),
    across which a derivative's sign alone cannot rule out a downward jump."""
    claim = _claim("Adding a carrot raises compliance")
    assert prove(claim) is None
    assert settle(claim).verdict == "holds in tests"


def test_a_carrot_to_a_target_that_complies_anyway_is_pure_cost():
    outcome = settle(_claim("A carrot always pays"))
    point = {k: v for k, v in outcome.counterexample.items() if k != "carrot"}
    low, high = outcome.counterexample["carrot"]
    before = Ultimatum(point["demand"], carrot=low, audience_cost=point["audience_cost"]).outcome()
    after = Ultimatum(point["demand"], carrot=high, audience_cost=point["audience_cost"]).outcome()
    assert after.coercer_utility < before.coercer_utility
    assert after.compliance_probability == before.compliance_probability  # bought nothing


def test_a_carrot_worth_more_to_the_coercer_than_to_the_target_is_not_a_smaller_demand():
    claim = _claim("With carrot_efficiency = 1 a carrot is exactly a smaller demand for the coercer")
    costly = claim.mutated(
        left=lambda demand, carrot, audience_cost: (
            Ultimatum(demand, carrot=carrot, carrot_efficiency=2, audience_cost=audience_cost)
            .outcome()
            .coercer_utility
        )
    )
    assert settle(costly).verdict == "refuted"


# --------------------------------------------------------------------------- audience costs


def test_inside_the_region_the_war_risk_is_the_demand_over_the_threat():
    """Independent closed form: with resolve on [0, 1] and the threat at once, P(war) = x/ℓ in
    the partial-compliance regime, whatever the audience cost."""
    claim = _claim("Audience costs leave the probability that the threat is executed")
    for demand in (0, F(1, 10), F(1, 3), F(1, 2)):
        for cost in (0, F(1, 3), 1):
            for threat in (1, F(3, 2), 2):
                assert claim.left(demand, cost, threat) == F(demand) / threat


def test_the_unrestricted_audience_cost_claim_fails_where_every_target_fears_the_threat():
    outcome = settle(_claim("Audience costs never lower the probability that the threat is executed"))
    assert outcome.verdict == "refuted"
    assert outcome.counterexample["resolve_high"] < 1
    before, after = outcome.values
    assert after < before


def test_some_targets_must_fear_nothing_for_audience_costs_to_leave_war_risk_unchanged():
    claim = _claim("Audience costs leave the probability that the threat is executed")
    resolute = claim.mutated(
        left=lambda demand, audience_cost, threat: Ultimatum(
            demand, audience_cost=audience_cost, threat=threat, resolve_high=F(9, 10)
        ).threat_executed_probability(),
        right=lambda demand, audience_cost, threat: Ultimatum(
            demand, audience_cost=0, threat=threat, resolve_high=F(9, 10)
        ).threat_executed_probability(),
    )
    assert settle(resolute).verdict == "refuted"


def test_outside_the_region_audience_costs_raise_the_war_risk_of_a_hopeless_demand():
    """The other half of the unrestricted claim: where no target complies, a more credible
    threat is simply executed more often."""
    claim = MonotoneClaim(
        "audience costs never raise war risk",
        "credibility of threats",
        Region({"demand": (0, 1), "audience_cost": (0, 1)}),
        quantity=lambda demand, audience_cost: Ultimatum(
            demand, audience_cost=audience_cost
        ).threat_executed_probability(),
        parameter="audience_cost",
        direction="nonincreasing",
        budget=40,
    )
    outcome = settle(claim)
    assert outcome.verdict == "refuted"
    assert Ultimatum(outcome.counterexample["demand"]).compliance_probability() == 0


# --------------------------------------------------------------------------- commitment


def test_krainin_counterexample_passes_every_one_step_test_and_still_ends_in_war():
    outcome = settle(_claim("If every one-step shift is peaceful"))
    low, high = outcome.counterexample["decline_periods"]
    step = outcome.counterexample["step"]
    path = PowerPath([k * step for k in range(math.floor(high) + 1)], F(9, 10), 0, F(1, 10))
    assert all(path.one_step_verdicts()) and not path.is_peaceful()
    assert PowerPath([k * step for k in range(math.floor(low) + 1)], F(9, 10), 0, F(1, 10)).is_peaceful()


def test_a_model_that_only_checks_one_step_shifts_cannot_see_the_slow_decline():
    """Repairing the refuted claim by replacing the exact path test with Powell's one-step test is
    exactly the mistake Krainin (2017) points out: the claim then holds."""
    claim = _claim("If every one-step shift is peaceful")

    def one_step_only(decline_periods, step):
        path = PowerPath([k * step for k in range(math.floor(decline_periods) + 1)], F(9, 10), 0, F(1, 10))
        return 1 if all(path.one_step_verdicts()) else 0

    assert settle(claim.mutated(quantity=one_step_only)).verdict in ("proved", "holds in tests")


def test_a_guarantee_that_rewards_the_violator_breaks_the_guarantee_claims():
    claim = _claim("Guarantees never make an agreement less self-enforcing")
    rewarding = claim.mutated(
        quantity=lambda guarantee, share, renege_gain: claim.quantity(0, share, renege_gain + guarantee)
    )
    assert settle(rewarding).verdict == "refuted"


# --------------------------------------------------------------------------- the war


def test_coase_war_probabilities_match_the_two_period_closed_forms():
    """Fudenberg & Tirole (1991, §10.2.1): the committed price c̄/2 is refused by half the types,
    the second price v₁/2 by (2 − δ)/(2(4 − 3δ)) of them."""
    ultimatum, try_and_see = (
        _claim("... but an ultimatum fails more often").left,
        _claim("... but an ultimatum fails more often").right,
    )
    for discount in (F(1, 10), F(1, 2), F(9, 10)):
        assert ultimatum(F(1, 4), F(1, 2), discount) == F(1, 2)
        assert try_and_see(F(1, 4), F(1, 2), discount) == (2 - discount) / (2 * (4 - 3 * discount))
    solution = CoaseTwoPeriod(F(1, 2), F(1, 2), F(1, 2)).solve()
    assert solution.committed_gain - solution.coercer_gain == F(1, 2) * F(1, 2) * F(1, 2) / (4 * F(5, 2))


def test_a_coercer_that_softens_the_first_demand_instead_loses_the_ultimatum_advantage():
    claim = _claim("An ultimatum extracts more")
    softened = claim.mutated(
        left=lambda power, cost_high, discount: (
            CoaseTwoPeriod(power, cost_high, discount).solve().coercer_gain - cost_high / 100
        )
    )
    assert settle(softened).verdict == "refuted"


def test_the_essay_regularity_calibrated_mixture_satisfies_the_duration_claim():
    """ESSAY_COW: a quarter of wars pass a year and those last 120 months in all, against an
    unconditional mean of about a third of that."""
    mixture = calibrate(ESSAY_COW)
    assert mixture.mean_beyond(12) - 12 > 2 * mixture.mean()


def test_a_single_exponential_regime_has_no_duration_effect():
    """With one regime (memoryless) the claim holds with equality: the generic mutation bites."""
    claim = _claim("Wars that outlast a year")
    assert claim.left(1, 4, 0) == claim.right(1, 4, 0) == 4


# --------------------------------------------------------------------------- the mechanism fixes


def test_a_budget_caps_examples_and_shrinking_at_the_ci_depth_only(monkeypatch):
    import bargaining.claims.settling as settling

    def numbers_only(x):
        if isinstance(x, sympy.Basic):
            raise TypeError("numbers only")
        return x

    holds = MonotoneClaim(
        "x never falls", "t", Region({"x": (0, 1)}), quantity=numbers_only, parameter="x", budget=7
    )
    assert settle(holds).examples == 7
    asked = []

    def recorded(claim, examples, **options):
        asked.append((examples, options))
        return settling.Settlement(claim, "holds in tests", "recorded", examples=examples)

    monkeypatch.setattr(settling, "search", lambda claim, **options: None)
    monkeypatch.setattr(settling, "property_test", recorded)
    settle(holds, depth="user")
    settle(holds)
    assert asked == [(2000, {}), (7, {"shrink_calls": 7})]
    monkeypatch.undo()
    fails = MonotoneClaim(
        "x never rises",
        "t",
        Region({"x": (0, 1), "y": (0, 1)}),
        quantity=lambda x, y: x * (1 + y) if not isinstance(x, sympy.Basic) else sympy.Abs(x),
        parameter="x",
        direction="nonincreasing",
        budget=1,
    )
    outcome = settle(fails)
    assert outcome.verdict == "refuted" and "shrunk for 1 calls" in outcome.evidence
    assert fails.violation({"y": outcome.counterexample["y"]}, *outcome.counterexample["x"]) is not None
    assert "minimal counterexample" in property_test(fails, 50).evidence


def test_regions_with_fine_bounds_are_searched():
    claim = RelationClaim(
        "x at most 1",
        "t",
        Region({"x": (F(1, 100), F(99, 100))}),
        left=lambda x: x,
        right=lambda x: 1,
        relation="<=",
    )
    outcome = property_test(claim, 20)
    assert outcome.verdict == "holds in tests"


def test_unreachable_branches_do_not_block_a_proof_but_reachable_ones_do():
    def quantity(x):
        return sympy.Piecewise((-x, x < -1), (x, True)) if isinstance(x, sympy.Basic) else x

    claim = MonotoneClaim("x rises", "t", Region({"x": (0, 1)}), quantity=quantity, parameter="x")
    assert prove(claim) is not None
    reachable = claim.mutated(region=Region({"x": (-2, 1)}))
    assert prove(reachable) is None


@pytest.mark.parametrize(
    ("budget", "error", "message"),
    [
        (0, ParameterValueError, "budget must be at least 1 call (or None) (got 0)"),
        (F(1, 2), ParameterTypeError, "budget must be a whole number of hypothesis calls or None"),
        (True, ParameterTypeError, "budget must be a whole number of hypothesis calls or None"),
    ],
)
def test_bad_budgets_are_refused(budget, error, message):
    with pytest.raises(error) as caught:
        MonotoneClaim("s", "p", Region({"x": (0, 1)}), quantity=abs, parameter="x", budget=budget)
    assert message in str(caught.value)
    with pytest.raises(error):
        RelationClaim("s", "p", Region({"x": (0, 1)}), left=abs, right=abs, budget=budget)

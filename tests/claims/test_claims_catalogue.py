"""The essay's claims on the coercion, commitment and war models, checked against brute force.

``tests/claims/test_claims.py`` settles every catalogue claim and breaks each one generically.
No test here requires a verdict. Each checks that the verdict agrees with an independent
computation: an exact grid over the claim's region (a violation on the grid must make the claim
refuted; a refuted claim's counterexample must be one), closed forms the quantities must match,
and the meaning of a failure the theory predicts (a carrot read as weakness, a slow decline that
passes every one-step test, a target that would comply anyway), shown on the grid's own witness.
Model-specific mutations must still refute the claims they break.
"""

import itertools
import math
from fractions import Fraction as F

import pytest

from bargaining.claims import MonotoneClaim, Region, catalogue, essay_claims, settle_claim
from bargaining.claims.essay._shared import CI_BUDGET
from bargaining.coercion import ResolveSignalling, Ultimatum
from bargaining.commitment import PowerPath
from bargaining.war import ESSAY_COW, CoaseTwoPeriod, calibrate

CLAIMS = essay_claims()


def _claim(start: str):
    (found,) = [claim for claim in CLAIMS if claim.statement.startswith(start)]
    return found


def _grid_witness(claim, steps=4):
    """The first exact violation on a grid of ``steps + 1`` values per parameter, or ``None``."""
    axes = {name: sorted({low + (high - low) * F(k, steps) for k in range(steps + 1)})
            for name, (low, high) in claim.region.bounds.items()}
    names = list(axes)
    for values in itertools.product(*axes.values()):
        point = dict(zip(names, values))
        if isinstance(claim, MonotoneClaim):
            rest = {k: v for k, v in point.items() if k != claim.parameter}
            for low, high in itertools.combinations(axes[claim.parameter], 2):
                broken = claim.violation(rest, low, high)
                if broken is not None:
                    return {**rest, claim.parameter: (low, high)}, broken
        else:
            broken = claim.violation(point)
            if broken is not None:
                return point, broken
    return None


def _agrees_with_the_grid(claim, steps=4):
    """The verdict and an exact grid agree: a grid violation means the claim is refuted."""
    outcome = settle_claim(claim)
    found = _grid_witness(claim, steps)
    if found is not None:
        assert outcome.verdict == "refuted", (found, outcome.evidence)
    return outcome, found


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


def test_every_row_of_the_model_table_has_claims_with_source_and_region():
    principles = {claim.principle for claim in CLAIMS}
    assert set(MODEL_TABLE) <= principles
    for claim in CLAIMS:
        assert claim.source and claim.region.names
        assert not hasattr(claim, "expected")
    groups = [catalogue.coercion_claims(), catalogue.commitment_claims(), catalogue.war_claims()]
    assert sum(len(group) for group in groups) + len(catalogue.crisis_claims()) == len(CLAIMS)
    for group in groups:
        assert all(claim.budget is not None and claim.budget >= CI_BUDGET for claim in group)


def test_every_declared_assumption_is_a_scenario_assumption():
    from bargaining.scenarios import FIELDS

    for claim in CLAIMS:
        for key in claim.assumptions.values():
            section, field = key.split(".")
            assert field in FIELDS[section], (claim.statement, key)


@pytest.mark.parametrize(
    "start",
    ["A clearer condition", "A nearer deadline", "Adding a carrot raises compliance", "A carrot always pays",
     "Audience costs raise compliance", "Audience costs leave the probability", "Audience costs never lower",
     "A stronger coercer", "Smaller steps take longer", "Credible assurance", "An ultimatum extracts more",
     "... but an ultimatum fails"],
)
def test_verdicts_agree_with_an_exact_grid(start):
    _agrees_with_the_grid(_claim(start))


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


def test_the_specific_ultimatum_claim_agrees_with_a_brute_force_grid():
    claim = _claim("A specific ultimatum")
    outcome = settle_claim(claim)
    grid = [F(k, 4) for k in range(5)]
    broken = [
        point
        for demand, urgency, cost, added in itertools.product(grid, grid, grid, (0, F(1, 2), 1))
        for vagueness in (0, F(1, 4), F(1, 2))
        if claim.violation(point := dict(demand=demand, vagueness=vagueness, urgency=urgency,
                                         audience_cost=cost, added_audience_cost=added)) is not None
    ]
    assert (outcome.verdict == "refuted") or not broken, broken[:3]


def test_breaking_the_condition_into_a_carrot_refutes_get_specific():
    """A model in which vagueness pays the target (a blurred condition read as a concession)."""
    claim = _claim("A clearer condition")
    broken = claim.mutated(
        quantity=lambda demand, vagueness, audience_cost: Ultimatum(
            demand, carrot=vagueness, audience_cost=audience_cost
        ).compliance_probability()
    )
    assert settle_claim(broken).verdict == "refuted"


# --------------------------------------------------------------------------- sticks and carrots


def test_a_carrot_that_signals_weakness_refutes_the_claim_on_its_own_grid():
    """Independent of the search: solve the signalling game at every carrot the claim allows (in
    twentieths) and look for a belief below the prior; if one exists the claim must be refuted,
    and the game there is in the regime where the carrot signals weakness (George 1991)."""
    claim = _claim("Carrots never signal weakness")
    beliefs = {F(k, 20): claim.quantity(F(k, 20), F(3, 10)) for k in range(11)}
    weak = [carrot for carrot, belief in beliefs.items() if belief < beliefs[0]]
    outcome = settle_claim(claim)
    if weak:
        assert outcome.verdict == "refuted"
        game = ResolveSignalling(F(2, 5), F(3, 10), weak[0], F(1, 2), F(-1, 10), F(-3, 5), risk=F(3, 10))
        labels = [found.label() for found in game.equilibria(refinement="intuitive")]
        assert any(label.endswith("(carrot signals weakness)") for label in labels), labels
    if outcome.verdict == "refuted":
        low, high = outcome.counterexample["carrot"]
        assert F(math.floor(high * 20), 20) in weak or F(math.floor(low * 20), 20) not in weak


def test_with_one_type_a_carrot_is_searched_across_its_regimes():
    """In the one-type ultimatum compliance has several regimes (clipped at 0 and 1): the prover
    leaves it undecided, because a derivative's sign alone cannot rule out a downward jump; its
    verdict comes from the search, and agrees with an exact grid."""
    from bargaining.claims import prove

    claim = _claim("Adding a carrot raises compliance")
    assert prove(claim).verdict == "undecided"
    _agrees_with_the_grid(claim, steps=6)


def test_a_carrot_to_a_target_that_complies_anyway_is_pure_cost():
    """A target that complies with a demand of 0 anyway: a carrot buys nothing and costs the
    coercer its size, so "a carrot always pays" must be refuted."""
    before = Ultimatum(0, carrot=0, audience_cost=1).outcome()
    after = Ultimatum(0, carrot=F(1, 2), audience_cost=1).outcome()
    assert after.compliance_probability == before.compliance_probability == 1
    assert after.coercer_utility < before.coercer_utility
    assert settle_claim(_claim("A carrot always pays")).verdict == "refuted"


def test_a_carrot_worth_more_to_the_coercer_than_to_the_target_is_not_a_smaller_demand():
    claim = _claim("With carrot_efficiency = 1 a carrot is exactly a smaller demand for the coercer")
    costly = claim.mutated(
        left=lambda demand, carrot, audience_cost: (
            Ultimatum(demand, carrot=carrot, carrot_efficiency=2, audience_cost=audience_cost)
            .outcome()
            .coercer_utility
        )
    )
    assert settle_claim(costly).verdict == "refuted"


# --------------------------------------------------------------------------- audience costs


def test_inside_the_region_the_war_risk_is_the_demand_over_the_threat():
    """Independent closed form: with resolve on [0, 1] and the threat at once, P(war) = x/ℓ in
    the partial-compliance regime, whatever the audience cost."""
    claim = _claim("Audience costs leave the probability that the threat is executed")
    for demand in (0, F(1, 10), F(1, 3), F(1, 2)):
        for cost in (0, F(1, 3), 1):
            for threat in (1, F(3, 2), 2):
                assert claim.left(demand, cost, threat) == F(demand) / threat


def test_the_unrestricted_audience_cost_claim_and_targets_that_all_fear_the_threat():
    """Where every target fears the threat somewhat (resolve_high < 1), a more credible threat
    deters more than it adds executions (a property of the uniform resolve distribution): the
    probability that the threat is executed falls with the audience cost, so the unrestricted claim
    must be refuted, and a refutation lies where resolve_high < 1."""
    assert Ultimatum(F(1, 2), audience_cost=1, resolve_high=F(1, 2)).threat_executed_probability() < Ultimatum(
        F(1, 2), audience_cost=0, resolve_high=F(1, 2)
    ).threat_executed_probability()
    outcome = settle_claim(_claim("Audience costs never lower the probability that the threat is executed"))
    assert outcome.verdict == "refuted" and outcome.counterexample["resolve_high"] < 1
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
    assert settle_claim(resolute).verdict == "refuted"


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
    outcome = settle_claim(claim)
    assert outcome.verdict == "refuted"
    assert Ultimatum(outcome.counterexample["demand"]).compliance_probability() == 0


# --------------------------------------------------------------------------- commitment


def test_krainin_slow_decline_passes_every_one_step_test_and_still_ends_in_war():
    """Krainin (2017): a step of 1/20 a period passes Powell's one-step test, yet three steps end
    in war; so the claim must be refuted, and its counterexample is such a path."""
    path = PowerPath([k * F(1, 20) for k in range(4)], F(9, 10), 0, F(1, 10))
    assert all(path.one_step_verdicts()) and not path.is_peaceful()
    outcome = settle_claim(_claim("If every one-step shift is peaceful"))
    assert outcome.verdict == "refuted"
    low, high = outcome.counterexample["decline_periods"]
    step = outcome.counterexample["step"]
    longer = PowerPath([k * step for k in range(math.floor(high) + 1)], F(9, 10), 0, F(1, 10))
    assert all(longer.one_step_verdicts()) and not longer.is_peaceful()
    assert PowerPath([k * step for k in range(math.floor(low) + 1)], F(9, 10), 0, F(1, 10)).is_peaceful()


def test_a_model_that_only_checks_one_step_shifts_cannot_see_the_slow_decline():
    """Replacing the exact path test with Powell's one-step test is the mistake Krainin (2017)
    points out: on that model the claim is no longer refuted."""
    claim = _claim("If every one-step shift is peaceful")

    def one_step_only(decline_periods, step):
        path = PowerPath([k * step for k in range(math.floor(decline_periods) + 1)], F(9, 10), 0, F(1, 10))
        return 1 if all(path.one_step_verdicts()) else 0

    assert settle_claim(claim.mutated(quantity=one_step_only)).verdict != "refuted"


def test_a_guarantee_that_rewards_the_violator_breaks_the_guarantee_claims():
    claim = _claim("Guarantees never make an agreement less self-enforcing")
    rewarding = claim.mutated(
        quantity=lambda guarantee, share, renege_gain: claim.quantity(0, share, renege_gain + guarantee)
    )
    assert settle_claim(rewarding).verdict == "refuted"


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
    assert settle_claim(softened).verdict == "refuted"


def test_the_essay_regularity_calibrated_mixture_satisfies_the_duration_claim():
    """ESSAY_COW: a quarter of wars pass a year and those last 120 months in all, against an
    unconditional mean of about a third of that."""
    mixture = calibrate(ESSAY_COW)
    assert mixture.mean_beyond(12) - 12 > 2 * mixture.mean()


def test_a_single_exponential_regime_has_no_duration_effect():
    """With one regime (memoryless) the claim holds with equality: the generic mutation bites."""
    claim = _claim("Wars that outlast a year")
    assert claim.left(1, 4, 0) == claim.right(1, 4, 0) == 4


# --------------------------------------------------------------------------- the shrinking budget


def test_a_budget_caps_the_exact_calls_spent_shrinking():
    claim = _claim("A stronger coercer")
    spent = []

    def counted(power, cost_coercer):
        spent.append(1)
        return claim.quantity(power, cost_coercer)

    found = settle_claim(claim.mutated(quantity=counted, budget=1))
    assert found.verdict == "refuted" and claim.violation(
        {"cost_coercer": found.counterexample["cost_coercer"]}, *found.counterexample["power"]
    ) is not None
    exact_calls = sum(1 for _ in spent)
    assert exact_calls < 40  # one array call per side, the worst points confirmed, one shrinking call


@pytest.mark.parametrize("start", ["A war both sides think they can win lasts", "Firmer priors",
                                   "Turning the screw shortens the learning war",
                                   "Derived, not assumed: in the learning war"])
def test_the_learning_war_claims_give_on_arrays_what_they_give_point_by_point(start):
    """One lattice DP over the whole design gives, point for point, the float values one DP per
    point gives, and the exact values at the design's points up to float rounding."""
    import numpy as np

    claim = _claim(start)
    rng = np.random.default_rng(0)
    bounds = {name: (float(low), float(high)) for name, (low, high) in claim.region.bounds.items()}
    points = {name: rng.uniform(low, high, 12) for name, (low, high) in bounds.items()}
    for name, (low, high) in bounds.items():  # the region's own bounds too (time 10: the last period)
        points[name][:2] = low, high
    on_arrays = claim.quantity(**points)
    for row in range(12):
        point = {name: float(column[row]) for name, column in points.items()}
        assert on_arrays[row] == claim.quantity(**point)
        exact = claim.quantity(**{name: F(value) for name, value in point.items()})
        assert math.isclose(on_arrays[row], exact, rel_tol=1e-9, abs_tol=1e-12)

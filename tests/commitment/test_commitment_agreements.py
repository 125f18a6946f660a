"""Ceasefires and guarantees, renewed demands, objects that shift power: literature cases,
independent checks (direct payoff comparison, value iteration) and properties of the theory."""

import math
from fractions import Fraction as F

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from bargaining import ParameterValueError
from bargaining.commitment import Ceasefire, PowerTransfer, RenewedDemands
from bargaining.crisis import FirstStrike
from tests.strategies import costs, discounts, fractions, probabilities

gains = fractions(0, F(1, 2), denominator=20)

# --------------------------------------------------------------------------- ceasefires


def test_grim_trigger_threshold_of_the_prisoners_dilemma():
    """Axelrod (1984) payoffs T, R, P = 5, 3, 1 (scaled by 1/6): delta >= (T-R)/(T-P) = 1/2."""
    truce = Ceasefire(F(1, 2), F(1, 2), F(1, 2), F(1, 3), F(1, 3), F(1, 3), F(1, 3))
    assert truce.minimal_patience() == F(5 - 3, 5 - 1)
    assert truce.is_self_enforcing()
    assert not Ceasefire(F(1, 2), F(1, 2), F(49, 100), F(1, 3), F(1, 3), F(1, 3), F(1, 3)).is_self_enforcing()


@given(probabilities, fractions(F(1, 4), F(3, 4)), fractions(0, F(1, 4)), fractions(0, F(1, 4)), costs, costs, discounts)
def test_without_renege_gains_the_ceasefire_is_fearons_first_strike_range(x, p, fc, ft, cc, ct, delta):
    """Fearon (1995, "preemptive war"): kept iff the share lies in [p + f_C - c_C, p - f_T + c_T]."""
    truce = Ceasefire(x, p, delta, cc, ct, first_strike_coercer=fc, first_strike_target=ft)
    interval = FirstStrike(p, fc, ft, cc, ct).bargaining_range()
    in_range = p + fc - cc <= x <= p - ft + ct
    assert truce.is_self_enforcing() == in_range
    if interval.lower == p + fc - cc and interval.upper == p - ft + ct:
        assert truce.is_self_enforcing() == bool(interval.contains(x))


@given(probabilities, probabilities, discounts, costs, costs, gains, gains, gains)
def test_the_verdict_is_the_direct_comparison_of_keeping_and_reneging(x, p, delta, cc, ct, gc, gt, guarantee):
    """Independent check: sum the payoff streams of keeping and of reneging for each side."""
    truce = Ceasefire(x, p, delta, cc, ct, gc, gt, guarantee=guarantee)
    kept = True
    for share, war, gain in [(x, p - cc, gc), (1 - x, 1 - p - ct, gt)]:
        horizon = 400  # the tail beyond is below delta**400 < 1e-8
        keep = sum((1 - delta) * delta**t * share for t in range(horizon))
        renege = (1 - delta) * (share + gain - guarantee) + sum((1 - delta) * delta**t * war for t in range(1, horizon))
        kept &= keep >= renege - F(1, 10**6)
    if abs(min(delta * (x - p + cc) - (1 - delta) * (gc - guarantee),
               delta * (1 - x - 1 + p + ct) - (1 - delta) * (gt - guarantee))) > F(1, 10**5):
        assert truce.is_self_enforcing() == kept


@given(probabilities, probabilities, discounts, costs, costs, gains, gains, gains, gains)
def test_a_guarantee_never_makes_a_ceasefire_less_self_enforcing(x, p, delta, cc, ct, gc, gt, g, extra):
    weak = Ceasefire(x, p, delta, cc, ct, gc, gt, guarantee=g)
    strong = Ceasefire(x, p, delta, cc, ct, gc, gt, guarantee=g + extra)
    assert strong.minimal_patience() <= weak.minimal_patience()
    assert strong.is_self_enforcing() or not weak.is_self_enforcing()


@given(probabilities, probabilities, discounts, costs, costs, gains, gains, gains)
def test_thresholds_are_exact_and_monotone(x, p, delta, cc, ct, gc, gt, g):
    truce = Ceasefire(x, p, delta, cc, ct, gc, gt, guarantee=g)
    solution = truce.solve()
    # at the minimal guarantee the ceasefire holds
    assert Ceasefire(x, p, delta, cc, ct, gc, gt, guarantee=solution.minimal_guarantee).is_self_enforcing()
    assert solution.is_self_enforcing == (g >= solution.minimal_guarantee)
    if solution.regime == "patience":
        assert Ceasefire(x, p, solution.minimal_patience, cc, ct, gc, gt, guarantee=g).is_self_enforcing()
        assert solution.is_self_enforcing == (delta >= solution.minimal_patience)
    if solution.regime == "unconditional":
        assert solution.is_self_enforcing
    # a more patient side needs a smaller guarantee, when the ceasefire beats war for both;
    # when it is worth less than war to a side, patience makes that side keener to renege
    more_patient = Ceasefire(x, p, (1 + delta) / 2, cc, ct, gc, gt, guarantee=g)
    if all(share >= war for share, war, _ in truce.sides()):
        assert more_patient.minimal_guarantee() <= solution.minimal_guarantee


def test_ceasefire_kinds():
    solution = Ceasefire(np.array([0.3, 0.5, 0.7]), 0.5, 0.8, 0.1, 0.1, 0.2, 0.2).solve()
    np.testing.assert_allclose(solution.minimal_patience, [1, 2 / 3, 1])
    assert solution.regime.tolist() == ["never", "patience", "never"]
    x, gain = sympy.symbols("x g", positive=True)
    symbolic = Ceasefire(x, F(1, 2), F(1, 2), F(1, 10), F(1, 10), gain, gain).solve()
    assert {regime.label for regime in symbolic.regime} == {"never", "patience"}
    value = symbolic.minimal_patience.subs({x: sympy.Rational(1, 2), gain: sympy.Rational(1, 2)})
    assert value == Ceasefire(F(1, 2), F(1, 2), F(1, 2), F(1, 10), F(1, 10), F(1, 2), F(1, 2)).minimal_patience()
    assert Ceasefire(F(1, 2), F(1, 2), F(1, 2), F(1, 10), F(1, 10)).solve().regime == "unconditional"


# --------------------------------------------------------------------------- renewed demands


def test_with_full_assurance_the_most_compellable_is_fearons_upper_bound():
    """Fearon (1995, p. 387): against a coercer that asks nothing more, the target accepts any x <= p + c_T."""
    assert RenewedDemands(1, F(9, 10), F(1, 2), F(1, 10)).most_compellable() == F(3, 5)


def test_assurance_changes_what_is_compelled_in_present_value():
    """The defect this model replaces: a per-period demand whose present value was p + c_T for every
    assurance. Measured in present value, the most that can be compelled rises with assurance."""
    values = [RenewedDemands(a, F(4, 5), F(1, 10), F(1, 10)).most_compellable() for a in (0, F(1, 2), 1)]
    assert values == [F(1, 21), F(3, 23), F(1, 5)]
    assert RenewedDemands(F(1, 2), F(4, 5), F(1, 10), F(1, 10)).resists_renewal(F(3, 23))


def _complies_by_backward_induction(model: RenewedDemands, demand: float, horizon: int = 400) -> tuple[bool, bool]:
    """Independent check: T's optimal stopping against the renewing type, solved backward over the
    sequence of renewals in absolute holdings (no scaling argument, no stationarity), then the first
    demand by expectation over the type. Returns (complies, sure): the horizon's tail is bounded by
    ``delta**horizon`` and only a verdict outside that band is sure."""
    a, delta, war = float(model.assurance), float(model.discount), float(model.resistance_value)
    x = float(demand)
    holdings = [(1 - x) ** k for k in range(horizon + 2)]
    low = high = 0.0  # facing the renewal with holdings[horizon]: resist (low) or keep everything (high)
    low, high = war * holdings[horizon], max(war * holdings[horizon], holdings[horizon])
    for k in range(horizon - 1, 0, -1):  # renewal k: T holds holdings[k]
        comply_low = (1 - delta) * holdings[k + 1] + delta * low
        comply_high = (1 - delta) * holdings[k + 1] + delta * high
        low, high = max(war * holdings[k], comply_low), max(war * holdings[k], comply_high)
    first_low = a * (1 - x) + (1 - a) * ((1 - delta) * (1 - x) + delta * low)
    first_high = a * (1 - x) + (1 - a) * ((1 - delta) * (1 - x) + delta * high)
    return first_low >= war, (first_low >= war) == (first_high >= war)


def _simulated_value(model: RenewedDemands, demand: float, draws: int = 20000) -> float:
    """Monte Carlo of the repeated-demand process: draw the type once, play the model's replies."""
    rng = np.random.default_rng(7)
    a, delta, war = float(model.assurance), float(model.discount), float(model.resistance_value)
    x = float(demand)
    limited = rng.random(draws) < a
    resists = bool(model.resists_renewal(demand))
    # per draw: the first period's flow, then either (1 - x) for ever or the renewal played out
    greedy = (1 - delta) * (1 - x) + delta * (1 - x) * (war if resists else float(model.submission_value(demand)))
    return float(np.mean(np.where(limited, 1 - x, greedy)))


@given(probabilities, discounts, probabilities, costs, probabilities)
def test_compliance_matches_backward_induction(a, delta, p, ct, demand):
    model = RenewedDemands(a, delta, p, ct)
    complies, sure = _complies_by_backward_induction(model, float(demand))
    if sure and abs(model.compliance_value(demand) - model.resistance_value) > F(1, 10**6):
        assert model.complies(demand) == complies
    most = model.most_compellable()
    assert model.complies(most)
    if most < 1:
        assert not model.complies(min(most + F(1, 10**6), 1))


@settings(max_examples=30)
@given(probabilities, fractions(F(1, 2), F(19, 20)), probabilities, costs)
def test_the_closed_form_is_the_largest_demand_backward_induction_accepts(a, delta, p, ct):
    """Bisection on the backward-induction verdict finds the closed form's x* (to 1e-6)."""
    model = RenewedDemands(a, delta, p, ct)
    low, high = 0.0, 1.0
    if _complies_by_backward_induction(model, 1.0)[0]:
        low = 1.0
    for _ in range(40):
        middle = (low + high) / 2
        low, high = (middle, high) if _complies_by_backward_induction(model, middle)[0] else (low, middle)
    assert low == pytest.approx(float(model.most_compellable()), abs=1e-6)


def test_the_compliance_value_matches_a_simulation_of_the_process():
    model = RenewedDemands(F(3, 10), F(4, 5), F(1, 5), F(1, 10))
    for demand in (F(1, 20), F(3, 20), F(1, 2)):
        assert _simulated_value(model, demand) == pytest.approx(float(model.compliance_value(demand)), abs=1e-2)


@given(probabilities, probabilities, discounts, probabilities, costs)
def test_most_compellable_rises_with_assurance_towards_fearons_bound(a, b, delta, p, ct):
    low, high = sorted((a, b))
    first, second = (RenewedDemands(v, delta, p, ct).most_compellable() for v in (low, high))
    assert first <= second <= RenewedDemands(1, delta, p, ct).most_compellable() == min(1, p + ct)


def test_renewed_demands_kinds():
    model = RenewedDemands(np.array([0.0, 0.5, 1.0]), 0.8, 0.1, 0.1)
    np.testing.assert_allclose(model.most_compellable(), [1 / 21, 3 / 23, 0.2])
    assert model.regime().tolist() == ["interior", "interior", "interior"]
    assert RenewedDemands(0.5, 0.8, 0.6, 0.5).regime() == "whole flow"
    assert model.resists_renewal(0.1) and not model.resists_renewal(0.01)  # it does not depend on assurance
    a, p = sympy.symbols("a p", positive=True)
    assert [r.label for r in RenewedDemands(a, F(4, 5), p, F(1, 10)).regime()] == ["interior", "whole flow"]
    assert [r.label for r in RenewedDemands(a, F(4, 5), F(1, 10), F(1, 10)).regime()] == ["interior"]
    with pytest.raises(ParameterValueError, match=r"demand must be a probability in \[0, 1\] \(got 2\)"):
        RenewedDemands(0, F(1, 2), F(1, 2)).complies(2)


# --------------------------------------------------------------------------- objects that shift power


def test_budapest_transfer_needs_the_discounted_shift_up_front():
    """Fearon (1995, the third commitment problem): a coercer who dictates the terms
    (beta = 0) gains exactly what the target loses; only up-front payment can compensate."""
    model = PowerTransfer(F(1, 2), F(1, 5), F(9, 10), delay=2)
    assert model.target_loss() == F(81, 100) * F(1, 5)
    assert model.compensation() == model.target_loss()
    assert model.is_acceptable(model.compensation()) and not model.is_acceptable(0)
    assert model.minimal_guarantee() == math.inf


def test_budapest_a_dominant_coercer_is_held_by_support_or_a_cap_not_by_a_penalty():
    """The Budapest Memorandum (1994): Ukraine gives up its arsenal to a coercer that dictates the
    terms (beta = 0). A penalty on the coercer's war never suffices (it acts only through the
    target's bargaining weight); a guarantor's support worth the shift, or a cap on the demand at
    the 1994 terms, does (Fearon 1995: only an enforced guarantee can pay for an object that
    shifts power)."""
    model = PowerTransfer(F(1, 2), F(1, 5), F(9, 10), delay=2)
    assert model.minimal_guarantee() == math.inf
    assert not PowerTransfer(F(1, 2), F(1, 5), F(9, 10), delay=2, guarantee=F(1, 2)).is_acceptable()
    assert model.minimal_support() == F(1, 5) and model.sufficient_cap() == F(1, 2)
    supported = PowerTransfer(F(1, 2), F(1, 5), F(9, 10), delay=2, support=model.minimal_support())
    capped = PowerTransfer(F(1, 2), F(1, 5), F(9, 10), delay=2, demand_cap=model.sufficient_cap())
    assert supported.target_loss() == 0 and capped.target_loss() == 0
    assert not PowerTransfer(F(1, 2), F(1, 5), F(9, 10), delay=2, support=F(19, 100)).is_acceptable()
    assert not PowerTransfer(F(1, 2), F(1, 5), F(9, 10), delay=2, demand_cap=F(51, 100)).is_acceptable()
    # a target that takes the whole surplus is helped by the penalty and not by support
    whole = PowerTransfer(F(1, 2), F(1, 5), F(9, 10), bargaining_weight=1)
    assert whole.minimal_support() == math.inf and whole.minimal_guarantee() == F(1, 5)
    assert PowerTransfer(F(1, 2), F(1, 5), F(9, 10), demand_cap=F(1, 2)).minimal_guarantee() == 0


def _split_by_brute_force(war_c, war_t, beta, floor):
    """The target's share of a flow split on a grid: the coercer gets at least its war value and the
    target its war value plus beta of the surplus, then at least the guaranteed floor."""
    grid = [F(k, 400) for k in range(401)]
    feasible = [y for y in grid if y >= war_t + beta * (1 - war_c - war_t)]
    bargained = min(feasible) if feasible else F(1)
    return max(bargained, floor)


@given(probabilities, gains, discounts, st.integers(0, 5), probabilities, gains, gains, probabilities)
def test_transfer_loss_is_the_direct_difference_of_discounted_streams(p, shift, delta, delay, beta, guarantee, support, cap):
    """Independent check: the target's per-period shares summed period by period, with the post-
    transfer share computed from the war values, the penalty, the support and the cap directly."""
    if p + shift > 1:
        return
    model = PowerTransfer(p, shift, delta, delay, beta, F(1, 10), F(1, 10), guarantee, support, cap)
    keep = model.target_value(False)
    after_war_c = p + shift - F(1, 10) - guarantee
    after_war_t = 1 - p - shift - F(1, 10) + support
    after = max(after_war_t + beta * (1 - after_war_c - after_war_t), 1 - cap)
    assert model.target_value(True) == after
    stream = sum((1 - delta) * delta**t * keep for t in range(delay)) + delta**delay * after
    assert model.target_loss() == keep - stream
    assert model.is_acceptable(model.compensation())
    # no instrument ever makes the transfer costlier; each minimal one removes the loss where finite
    for more in ({"guarantee": guarantee + F(1, 10)}, {"support": support + F(1, 10)}, {"demand_cap": cap * F(9, 10)}):
        fields = {"guarantee": guarantee, "support": support, "demand_cap": cap} | more
        stronger = PowerTransfer(p, shift, delta, delay, beta, F(1, 10), F(1, 10), **fields)
        assert stronger.target_loss() <= model.target_loss()
    for name, needed in (("guarantee", model.minimal_guarantee()), ("support", model.minimal_support()),
                         ("demand_cap", model.sufficient_cap())):
        if needed != math.inf and (name != "demand_cap" or 0 <= needed <= 1):
            fields = {"guarantee": guarantee, "support": support, "demand_cap": cap} | {name: max(needed, 0) if name != "demand_cap" else min(needed, cap)}
            enforced = PowerTransfer(p, shift, delta, delay, beta, F(1, 10), F(1, 10), **fields)
            assert enforced.is_acceptable()


def test_the_cap_suffices_exactly_at_the_brute_force_split():
    """The sufficient cap is the coercer's share before the transfer, found by splitting on a grid."""
    model = PowerTransfer(F(1, 2), F(1, 5), F(9, 10), bargaining_weight=F(1, 4), cost_coercer=F(1, 10), cost_target=F(1, 10))
    before = _split_by_brute_force(F(1, 2) - F(1, 10), F(1, 2) - F(1, 10), F(1, 4), 0)
    assert model.sufficient_cap() == 1 - before


def test_transfer_kinds():
    model = PowerTransfer(0.5, np.array([0.0, 0.2]), 0.9, 0, np.array([[0.0], [0.5]]))
    np.testing.assert_allclose(model.minimal_guarantee(), [[0, np.inf], [0, 0.4]])
    beta = sympy.Symbol("beta", positive=True)
    assert PowerTransfer(F(1, 2), F(1, 5), F(9, 10), 0, beta).minimal_guarantee() == sympy.Rational(1, 5) / beta
    support = PowerTransfer(F(1, 2), F(1, 5), F(9, 10), 0, beta).minimal_support()
    assert support.subs(beta, sympy.Rational(1, 2)) == sympy.Rational(2, 5) and support.subs(beta, 1) == sympy.oo
    np.testing.assert_allclose(model.minimal_support(), [[0, 0.2], [0, 0.4]])
    np.testing.assert_allclose(PowerTransfer(0.5, 0.2, 0.9, bargaining_weight=np.array([0.0, 1.0])).minimal_support(), [0.2, np.inf])



def test_transfer_symbols_keep_every_regime():
    """Regression (tests/kinds): the symbolic minimal guarantee and support were the interior
    formula only, so with no shortfall (shift 0) they gave nan or a positive figure where the exact
    model gives 0; they are now the same three cases as the numbers."""
    symbols = sympy.symbols("shift beta support guarantee", nonnegative=True)
    shift, beta, support, guarantee = symbols
    model = PowerTransfer(0, shift, F(1, 20), 0, beta, support=support, guarantee=guarantee)
    at = dict(zip(symbols, (0, 0, 0, 0)))
    assert model.minimal_guarantee().subs(at) == 0 == PowerTransfer(0, 0, F(1, 20)).minimal_guarantee()
    at = dict(zip(symbols, (sympy.Rational(1, 5), 1, 0, 0)))
    assert model.minimal_support().subs(at) == sympy.oo


def test_transfer_fractional_delay_stays_exact():
    """Regression (tests/kinds): a Fraction delay raised an exact discount to a float power."""
    loss = PowerTransfer(F(1, 2), F(1, 5), F(1, 4), delay=F(1, 2)).target_loss()
    assert loss == F(1, 10) and isinstance(loss, F)  # (1/4)^(1/2) * 1/5
    assert PowerTransfer(F(1, 2), F(1, 5), F(1, 2), delay=F(1, 2)).target_loss() == sympy.sqrt(2) / 10


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Ceasefire(F(3, 2), F(1, 2), F(1, 2)), r"share must be a probability in \[0, 1\] \(got 3/2\)"),
        (lambda: Ceasefire(F(1, 2), F(1, 2), F(1, 2), guarantee=-1), r"guarantee must be non-negative \(got -1\)"),
        (lambda: Ceasefire(F(1, 2), F(9, 10), F(1, 2), first_strike_coercer=F(1, 5)), r"power \+ first_strike_coercer must be a probability in \[0, 1\] \(got 11/10\)"),
        (lambda: Ceasefire(F(1, 2), F(1, 2), 1), r"discount must be a discount factor in \(0, 1\) \(got 1\)"),
        (lambda: RenewedDemands(F(3, 2), F(1, 2), F(1, 2)), r"assurance must be a probability in \[0, 1\] \(got 3/2\)"),
        (lambda: RenewedDemands(0, F(1, 2), F(1, 2), -1), r"cost_target must be non-negative \(got -1\)"),
        (lambda: PowerTransfer(F(9, 10), F(1, 5), F(1, 2)), r"power \+ shift must be a probability in \[0, 1\] \(got 11/10\)"),
        (lambda: PowerTransfer(F(1, 2), -1, F(1, 2)), r"shift must be non-negative \(got -1\)"),
        (lambda: PowerTransfer(F(1, 2), 0, F(1, 2), support=-1), r"support must be non-negative \(got -1\)"),
        (lambda: PowerTransfer(F(1, 2), 0, F(1, 2), demand_cap=2), r"demand_cap must be a probability in \[0, 1\] \(got 2\)"),
        (lambda: PowerTransfer(F(1, 2), 0, F(1, 2), delay=-1), r"delay must be non-negative \(got -1\)"),
    ],
)
def test_bad_agreement_inputs_are_refused(build, message):
    with pytest.raises(ParameterValueError, match=message):
        build()

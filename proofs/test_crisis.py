"""Proofs: the crisis models' numeric layer equals its symbolic derivation, for all parameters."""

import sympy

from bargaining.crisis import Crisis, MutualOptimism, RiskReturn, Screening
from bargaining.crisis import specification as spec


def test_bargaining_range_ends_solve_the_indifference_conditions():
    derived = spec.derive_bargaining_range()
    s = spec.symbols()
    model = Crisis(s["power"], s["cost_coercer"], s["cost_target"], s["risk_coercer"], s["risk_target"])
    interval = model.bargaining_range()
    # Where war is worth something to both (W > 0) the range is exactly the derived one.
    positive = {sympy.Max(derived["war_coercer"], 0): derived["war_coercer"],
                sympy.Max(derived["war_target"], 0): derived["war_target"]}
    assert sympy.simplify(interval.lower.subs(positive) - derived["lower"]) == 0
    assert sympy.simplify(interval.upper.subs(positive) - derived["upper"]) == 0


def test_risk_neutral_range_is_fearons_interval():
    """Fearon (1995, p. 388): with risk-neutral states the range is [p - c_C, p + c_T]."""
    p, cc, ct = sympy.symbols("p c_C c_T", positive=True)
    interval = Crisis(p, cc, ct).bargaining_range()
    assert interval.lower.subs(sympy.Max(p - cc, 0), p - cc) == p - cc
    assert sympy.simplify(interval.upper.subs(sympy.Max(1 - p - ct, 0), 1 - p - ct) - (p + ct)) == 0


def test_risk_return_interior_demand_is_the_first_order_condition():
    derived = spec.derive_risk_return()
    s = spec.symbols()
    model = RiskReturn(s["power"], s["cost_coercer"], s["cost_low"], s["cost_high"])
    cases = {case.label: case.value for case in reversed(model._cases())}
    assert sympy.simplify(cases["interior"] - derived["interior_demand"]) == 0
    # the safe demand is where the war probability reaches zero
    assert sympy.simplify(model._cases()[1].value - derived["safe_demand"]) == 0
    # war probability at the interior demand
    war = model.war_probability(derived["interior_demand"])
    region = {sympy.Min(sympy.Max(x, 0), 1): x for x in [derived["interior_war_probability"]]}
    assert sympy.simplify(war.subs(region) - derived["interior_war_probability"]) == 0 or sympy.simplify(
        sympy.piecewise_fold(war).args[-1][0] - derived["interior_war_probability"]) == 0


def test_mutual_optimism_empties_the_range_exactly_when_optimism_exceeds_total_cost():
    pc, qt, cc, ct = sympy.symbols("p_C q_T c_C c_T", positive=True)
    model = MutualOptimism(pc, qt, cc, ct)
    interval = model.bargaining_range()
    lower = interval.lower.subs(sympy.Max(pc - cc, 0), pc - cc)
    upper = interval.upper.subs(sympy.Max(qt - ct, 0), qt - ct)
    # lower > upper  <=>  optimism > c_C + c_T
    assert sympy.simplify((lower - upper) - (model.optimism - cc - ct)) == 0


def test_screening_cutoff_is_the_indifference_prior():
    s = spec.symbols()
    model = Screening(s["power"], s["cost_coercer"], s["cost_tough"], s["cost_soft"], s["prior_tough"])
    cutoff = model.solve().cutoff
    # Below the cap (p + c_H <= 1) the Min collapses to p + c_H.
    cutoff = cutoff.subs({sympy.Min(1, s["power"] + s["cost_soft"]): s["power"] + s["cost_soft"],
                          sympy.Min(1, s["power"] + s["cost_tough"]): s["power"] + s["cost_tough"]})
    assert sympy.simplify(cutoff - spec.derive_screening_cutoff()) == 0


def test_mutual_optimism_range_is_its_derivation():
    derived = spec.derive_mutual_optimism_range()
    pc, qt, cc, ct = derived["symbols"]
    interval = MutualOptimism(pc, qt, cc, ct).bargaining_range()
    assert interval.lower.subs(sympy.Max(pc - cc, 0), pc - cc) == derived["lower"]
    assert sympy.simplify(interval.upper.subs(sympy.Max(qt - ct, 0), qt - ct) - derived["upper"]) == 0
    # the derived emptiness condition is optimism > total cost
    condition = derived["empty_when"]
    assert sympy.simplify(condition.rhs - (1 - qt + cc + ct)) == 0


def test_first_strike_range_is_its_derivation():
    from bargaining.crisis import FirstStrike

    derived = spec.derive_first_strike_range()
    p, fc, ft, cc, ct = derived["symbols"]
    interval = FirstStrike(p, fc, ft, cc, ct).bargaining_range()
    lower_war, upper_war = p + fc - cc, 1 - (p - ft) - ct
    lower = interval.lower.subs(sympy.Max(lower_war, 0), lower_war)
    upper = interval.upper.subs(sympy.Max(upper_war, 0), upper_war)
    assert sympy.simplify(lower - derived["lower"]) == 0 and sympy.simplify(upper - derived["upper"]) == 0
    # empty exactly when the two advantages exceed the total cost of war
    assert sympy.simplify((derived["lower"] - derived["upper"]) - (fc + ft - cc - ct)) == 0

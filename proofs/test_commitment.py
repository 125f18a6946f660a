"""Proofs: the commitment models' numeric layer equals its symbolic derivation, for all parameters."""

import sympy

from bargaining.commitment import (
    Ceasefire,
    PowerPath,
    PowerShift,
    PowerTransfer,
    RenewedDemands,
    SmallSteps,
    TrustGame,
)
from bargaining.commitment import specification as spec
from bargaining.commitment.trust import _plan_value


def test_war_values_are_the_normalised_discounted_war_payoffs():
    s = spec.symbols()
    derived = spec.derive_war_values()
    path = PowerPath(
        [s["power"]], s["discount"], s["cost_coercer"], s["cost_target"],
        s["one_time_cost_coercer"], s["one_time_cost_target"],
    )
    war_c, war_t = path.war_values()
    assert sympy.simplify(war_c[0] - derived["coercer"]) == 0
    assert sympy.simplify(war_t[0] - derived["target"]) == 0


def test_power_shift_bounds_solve_the_indifference_conditions():
    s = spec.symbols()
    derived = spec.derive_power_shift()
    shift = PowerShift(s["power_before"], s["power_after"], s["discount"], s["cost_coercer"], s["cost_target"],
                       s["one_time_cost_coercer"], s["one_time_cost_target"])
    lowest, highest = shift.peaceful_range()
    kappa = {
        derived["kappa_coercer"]: s["cost_coercer"] + (1 - s["discount"]) * s["one_time_cost_coercer"],
        derived["kappa_target"]: s["cost_target"] + (1 - s["discount"]) * s["one_time_cost_target"],
    }
    assert sympy.simplify(highest - derived["highest"].subs(kappa)) == 0
    assert sympy.simplify(lowest - derived["lowest"].subs(kappa)) == 0


def test_the_path_test_on_a_one_step_path_binds_exactly_at_powells_bound():
    """At the derived highest power the target's pair constraint of the path test holds with equality."""
    s = spec.symbols()
    derived = spec.derive_power_shift()
    kc, kt = derived["kappa_coercer"], derived["kappa_target"]
    path = PowerPath([s["power_before"], derived["highest"]], s["discount"], kc, kt)
    war_c, war_t = path.war_values()
    assert sympy.simplify(war_t[0] + s["discount"] * war_c[1] - 1) == 0


def test_transfer_loss_and_minimal_guarantee_are_derived():
    s = spec.symbols()
    derived = spec.derive_power_transfer()
    support = derived["support"]
    model = PowerTransfer(s["power"], s["shift"], s["discount"], s["delay"], s["bargaining_weight"],
                          s["cost_coercer"], s["cost_target"], s["guarantee"], support)
    # no cap (demand_cap = 1): the floor 1 - cap is 0 and the bargained value is the one that counts
    slack = model.target_loss().replace(sympy.Max, lambda *args: sympy.Add(*[a for a in args if a != 0]))
    assert sympy.simplify(slack - derived["loss"]) == 0
    # symbols keep every regime: no shortfall (or the coercer's war already enough) needs nothing,
    # and the interior piece is the derived threshold
    for name in ("minimal_guarantee", "minimal_support"):
        regimes = getattr(model, name)()
        assert isinstance(regimes, sympy.Piecewise), name
        values = [value for value, _ in regimes.args]
        assert 0 in values, name
        assert any(sympy.simplify(value - derived[name]) == 0 for value in values if value != 0), name
    assert sympy.simplify(model.sufficient_cap() - derived["sufficient_cap"]) == 0


def test_ceasefire_thresholds_solve_the_keep_or_renege_indifference():
    s = spec.symbols()
    derived = spec.derive_ceasefire()
    share, war, gain, guarantee, delta = s["share"], s["war_value"], s["renege_gain"], s["guarantee"], s["discount"]
    model = Ceasefire(sympy.Rational(1, 2), sympy.Rational(1, 2), delta, guarantee=guarantee)
    cases = {case.label: case.value for case in model._side_cases(share, war, gain)}
    assert sympy.simplify(cases["patience"] - derived["minimal_patience"]) == 0
    needed = gain - delta * (share - war) / (1 - delta)
    assert sympy.simplify(needed - derived["minimal_guarantee"].subs(guarantee, guarantee)) == 0
    # and the side's keep condition is the derived one
    kept = sympy.simplify(delta * (share - war) - (1 - delta) * (gain - guarantee))
    assert sympy.simplify(kept - (derived["keep"] - derived["renege"])) == 0


def test_renewed_demands_most_compellable_solves_compliance_equals_resistance():
    s = spec.symbols()
    derived = spec.derive_renewed_demands()
    a, delta, p, ct, x = s["assurance"], s["discount"], s["power"], s["cost_target"], s["demand"]
    model = RenewedDemands(a, delta, p, ct)
    interior = model._cases()[0].value
    expected = derived["most_compellable"].subs(derived["stake"], p + ct)
    assert sympy.simplify(interior - expected) == 0
    assert sympy.simplify(model.submission_value(x) - derived["submit"]) == 0
    # the equilibrium resists the renewal: W - r(x*) = a delta s (1 - s) / (1 - delta + a delta s) >= 0
    stake = derived["stake"]
    assert sympy.simplify(derived["renewal_gap"] - a * delta * stake * (1 - stake) / (1 - delta + a * delta * stake)) == 0
    # with that branch, the model's compliance value is the derived one
    resisting = model.compliance_value(x).subs(sympy.Max(1 - p - ct, model.submission_value(x)), 1 - p - ct)
    assert sympy.simplify(resisting - derived["comply"].subs(s["resistance_value"], 1 - p - ct)) == 0
    # full assurance is Fearon's p + c_T; more assurance never compels less
    assert sympy.simplify(expected.subs(a, 1) - (p + ct)) == 0
    slope = sympy.diff(derived["most_compellable"], a)
    assert sympy.simplify(slope - delta * stake * (1 - stake) / (1 - delta * stake + a * delta * stake) ** 2) == 0


def test_trust_threshold_and_minimal_guarantee_are_derived():
    s = spec.symbols()
    derived = spec.derive_trust_threshold()
    r, t, p, su, g, prior = (s[n] for n in ("reward", "temptation", "punishment", "sucker", "guarantee", "prior"))
    game = TrustGame(r, t, p, su, prior, g)
    cases = {case.label: case.value for case in game._cases()}
    assert sympy.simplify(cases["trust needed"] - derived["threshold"]) == 0
    (guarantee,) = sympy.solve(sympy.Eq(derived["cooperate"], derived["defect"]), g)
    interior = p - su - prior * (r - t) / (1 - prior)
    assert sympy.simplify(interior - guarantee) == 0


def test_small_steps_posterior_threshold_and_value_are_derived():
    s = spec.symbols()
    derived = spec.derive_small_steps()
    prior, loss, delta, size = s["prior"], s["loss"], s["discount"], s["size"]
    k = sympy.Symbol("k", integer=True, nonnegative=True)
    n = sympy.Symbol("n", integer=True, positive=True)
    model = SmallSteps(prior, loss, delta, size)
    assert sympy.simplify(model.posterior(k) - derived["posterior"]) == 0
    assert sympy.simplify(model.threshold - derived["threshold"]) == 0
    value = _plan_value(prior, loss, delta, size, n)
    assert sympy.simplify(value - derived["steps_value"] - derived["agreement_value"]) == 0
    count = model.steps_needed()
    inner = count.args[1].args[0]  # Max(0, ceiling(inner))
    scale = sympy.log(1 - size)  # both are log(ratio) / log(1 - size): compare the ratios
    assert sympy.simplify(sympy.exp(inner * scale) - sympy.exp(derived["steps_needed"] * scale)) == 0


def test_proposer_path_offer_and_powells_thresholds_are_derived():
    """The one-sided test on a one-step shift against the derived thresholds (Powell 2006)."""
    from bargaining.commitment import ProposerPath

    s = spec.symbols()
    derived = spec.derive_proposer_path()
    before, delta = s["power_before"], s["discount"]
    kt = derived["kappa_target"]
    assert sympy.simplify(derived["rising_proposes"] - (before + (1 - delta) * kt) / delta) == 0
    shift = spec.derive_power_shift()
    assert sympy.simplify(derived["declining_proposes"] - shift["highest"].subs(
        {shift["kappa_coercer"]: derived["kappa_coercer"], shift["kappa_target"]: kt})) == 0
    # the model's test at a point just below and just above each threshold
    half, tenth, cut = sympy.Rational(1, 2), sympy.Rational(1, 10), sympy.Rational(9, 10)
    values = {before: half, delta: cut, kt: tenth / 2, derived["kappa_coercer"]: tenth / 2}
    for key, proposer in (("rising_proposes", "coercer"), ("declining_proposes", "target")):
        threshold = derived[key].subs(values)
        for after, peaceful in ((threshold, True), (threshold + sympy.Rational(1, 1000), False)):
            path = PowerPath([half, after], cut, tenth / 2, tenth / 2)
            assert bool(ProposerPath(path, proposer).is_peaceful()) is peaceful


def test_gradualism_path_and_mixing_are_derived():
    """Watson's (1999) growth of the stakes and the mixed equilibrium, against the model."""
    from fractions import Fraction

    from bargaining.commitment import Gradualism

    derived = spec.derive_gradualism()
    s = spec.symbols()
    greed = derived["symbols"]["temptation"]
    assert sympy.simplify(derived["growth"] * derived["growth_limit"] - 1) == 0
    values = {s["discount"]: sympy.Rational(1, 2), greed: 3, s["prior"]: sympy.Rational(1, 5), s["loss"]: 1}
    plan = Gradualism(Fraction(1, 5), 1, 3, Fraction(1, 2), [Fraction(1, 4)] * 2)
    assert plan.growth_limit == derived["growth_limit"].subs(values)
    assert plan.threshold == derived["threshold"].subs(values)
    solution = plan.solve()
    steps, reach = plan.betrayal_values()
    kept = reach - Fraction(1, 4) * 3
    symbols = derived["symbols"]
    expected = derived["signing_probability"].subs(values).subs(
        {symbols["best"]: max(steps), symbols["kept"]: kept, symbols["steps"]: 2})
    assert solution.regime == "mixed" and solution.signing_probability == expected
    assert solution.reach_probability == derived["reach_probability"].subs(values)
    # on Watson's path the greedy type is indifferent between betraying any step and going on
    path = plan.deterrence_path(3)
    assert len(set(Gradualism(Fraction(1, 5), 1, 3, Fraction(1, 2), path).betrayal_values()[0])) == 1

"""Proofs: the war models' numeric layer equals its symbolic derivation, for all parameters."""

import sympy

from bargaining.war import CoaseTwoPeriod, LearningWar, PrivateWarOfAttrition, WarOfAttrition
from bargaining.war import specification as spec
from bargaining.war.durations import short_weight


def test_posterior_means_and_equal_strength_gap():
    derived = spec.derive_learning_settlement()
    s = spec.symbols()
    war = LearningWar(s["coercer_belief"], s["target_belief"], s["confidence"], s["confidence"],
                      sympy.Rational(1, 2), s["cost_total"] / 2, s["cost_total"] / 2)
    mean_c, mean_t = war.posterior_means(s["battles"], s["coercer_wins"])
    assert sympy.simplify(mean_c - derived["posterior_coercer"]) == 0
    assert sympy.simplify(mean_t - derived["posterior_target"]) == 0
    assert sympy.simplify(mean_c - mean_t - derived["gap"]) == 0


def test_settlement_date_is_the_ceiling_of_the_derived_root():
    derived = spec.derive_learning_settlement()
    s = spec.symbols()
    war = LearningWar(s["coercer_belief"], s["target_belief"], s["confidence"], s["confidence"],
                      sympy.Rational(1, 2), s["cost_total"] / 2, s["cost_total"] / 2)
    closes = war.settlement_battles().args[-1][0]  # the catch-all regime: the gap closes
    assert isinstance(closes, sympy.ceiling)
    assert sympy.simplify(closes.args[0] - derived["settlement_battles"]) == 0
    screwed = war.settlement_battles(escalation=s["escalation"]).args[-1][0]
    assert sympy.simplify(screwed.args[0] - derived["settlement_battles_screw"]) == 0


def test_complete_attrition_survival_hazard_and_moments():
    derived = spec.derive_attrition_complete()
    s = spec.symbols()
    names = ("value_coercer", "value_target", "cost_coercer", "cost_target", "escalation_coercer", "escalation_target")
    war = WarOfAttrition(*(s[n] for n in names))
    t = s["time"]
    assert sympy.simplify(war.survival(t) - derived["survival"]) == 0
    assert sympy.simplify(war.hazard(t) - derived["hazard"]) == 0
    a, b = derived["hazard_intercept"], derived["hazard_slope"]
    to_model = {a: war.hazard_intercept, b: war.hazard_slope}
    # the stable median form 2 ln 2 / (a + sqrt(a^2 + 2 b ln 2)) is the derived root
    assert sympy.simplify(war.median_duration() - derived["median_linear_hazard"].subs(to_model)) == 0
    # the mean in terms of the hazard's intercept a and slope b (a war whose coercer alone pays)
    linear = WarOfAttrition(1, 1, a, 0, b, 0).mean_duration()
    escalating = linear.args[-1][0] if isinstance(linear, sympy.Piecewise) else linear
    assert sympy.simplify((escalating - derived["mean_linear_hazard"]).rewrite(sympy.erf)) == 0
    constant = WarOfAttrition(*(s[n] for n in names[:4]))
    assert sympy.simplify(constant.mean_duration() - derived["mean_constant"]) == 0
    assert sympy.simplify(constant.median_duration() - derived["median_constant"]) == 0
    assert sympy.simplify(constant.coercer_victory_probability() - derived["coercer_wins_constant"]) == 0


def test_complete_attrition_victory_probability_is_the_integral_of_the_concession_density():
    """With escalation: P(target concedes first) = int (c_C(t)/v_C) S(t) dt, checked at rational points."""
    derived = spec.derive_attrition_complete()
    s = spec.symbols()
    point = {s["value_coercer"]: 1, s["value_target"]: 2, s["cost_coercer"]: sympy.Rational(1, 5),
             s["cost_target"]: sympy.Rational(3, 10), s["escalation_coercer"]: sympy.Rational(1, 10),
             s["escalation_target"]: sympy.Rational(1, 5)}
    t = s["time"]
    density = (s["cost_coercer"] + s["escalation_coercer"] * t) / s["value_coercer"] * derived["survival"]
    integral = sympy.Integral(density.subs(point), (t, 0, sympy.oo)).evalf(30)
    war = WarOfAttrition(1, 2, sympy.Rational(1, 5), sympy.Rational(3, 10), sympy.Rational(1, 10), sympy.Rational(1, 5))
    assert abs(sympy.N(war.coercer_victory_probability(), 30) - integral) < 1e-25


def test_private_attrition_holdout_median_mean_and_survival():
    derived = spec.derive_attrition_private()
    s = spec.symbols()
    war = PrivateWarOfAttrition(s["value_high"], s["cost"], s["escalation"])
    u = sympy.Symbol("u", positive=True)
    assert sympy.simplify(war.holdout_cost(u * s["value_high"]) - derived["holdout_cost"]) == 0
    assert sympy.simplify(war.median_duration() - derived["median_escalating"]) == 0
    constant = PrivateWarOfAttrition(s["value_high"], s["cost"])
    assert sympy.simplify(constant.mean_duration() - derived["mean_constant"]) == 0
    assert sympy.simplify(constant.median_duration() - derived["median_constant"]) == 0
    # survival W(-e^{-1-y})^2 inverts the holdout cost: the quitting value u = 1 + W solves beta(u) = y
    y = sympy.Symbol("y", positive=True)
    (inverse,) = sympy.solve(sympy.Eq(derived["holdout_cost"].subs(s["value_high"], 1), y), u)
    assert sympy.simplify(inverse - (1 + sympy.LambertW(-sympy.exp(-1 - y)))) == 0
    t = s["time"]
    model_survival = war.survival(t)
    ratio = war.cumulative_cost(t) / s["value_high"]
    assert sympy.simplify(model_survival - (1 - inverse.subs(y, ratio)) ** 2) == 0


def test_coase_two_period_solution_is_the_derived_one():
    derived = spec.derive_coase_two_period()
    s = spec.symbols()
    p = sympy.Symbol("p", positive=True)
    solution = CoaseTwoPeriod(p, s["cost_high"], s["delta"]).solve()
    assert sympy.simplify(solution.first_demand - p - derived["first_price"]) == 0
    assert sympy.simplify(solution.cutoff - derived["cutoff"]) == 0
    assert sympy.simplify(solution.second_demand - p - derived["second_price"]) == 0
    assert sympy.simplify(solution.coercer_gain - derived["payoff"]) == 0
    assert sympy.simplify(solution.committed_demand - p - derived["committed_price"]) == 0
    assert sympy.simplify(solution.committed_gain - derived["committed_payoff"]) == 0


def test_mixture_weight_is_the_derived_one():
    s = spec.symbols()
    weight = short_weight(s["short_mean"], s["long_mean"], s["share_beyond"], s["horizon"])
    assert sympy.simplify(weight - spec.derive_mixture_weight()) == 0


def test_private_attrition_hazard_is_minus_the_log_derivative_of_survival():
    """h = -d/dt ln S with S = W0(-exp(-1 - K(t)/vbar))^2 and K = c t + g t^2 / 2: sympy differentiates
    the survival symbolically; the closed form 2 (c + g t) / (vbar (1 + W)) must equal it."""
    vbar, c, g, t = sympy.symbols("vbar c g t", positive=True)
    war = PrivateWarOfAttrition(vbar, c, g)
    survival = war.survival(t)
    derived = sympy.simplify(-sympy.diff(survival, t) / survival)
    assert sympy.simplify(derived - war.hazard(t)) == 0
    # and at rational points, against a central difference of the float survival
    numeric = PrivateWarOfAttrition(1.5, 0.2, 0.05)
    for time in (0.3, 2.0, 9.0):
        step = 1e-6
        slope = (numeric.survival(time + step) - numeric.survival(time - step)) / (2 * step)
        assert abs(-slope / numeric.survival(time) - numeric.hazard(time)) < 1e-6


def test_whole_war_value_nests_the_one_battle_value_and_the_predictive_is_a_martingale():
    """Symbols in: at the horizon one final battle decides, W_C = -c_C + delta m_C (the one-battle value
    of the old range, at delta = 1); with no decisive margin the posterior predictive is a martingale
    (Polya urn), so H more battles only add their discounted costs:
    W_C = -c_C (1 + delta + ... + delta^H) + delta^(H+1) m_C."""
    from bargaining.war.race import war_values

    m, q, n_c, n_t, c, d = sympy.symbols("m q N_C N_T c delta", positive=True)
    war = LearningWar(m, q, n_c, n_t, sympy.Rational(1, 2), c, c, discount=d)
    coercer, target = war_values(war, 0)
    assert sympy.simplify(coercer[0][0] - (-c + d * m)) == 0
    assert sympy.simplify(target[0][0] - (-c + d * q)) == 0
    for horizon in (1, 2):
        coercer, _ = war_values(war, horizon)
        expected = -c * sum(d**i for i in range(horizon + 1)) + d ** (horizon + 1) * m
        assert sympy.simplify(coercer[0][0] - expected) == 0

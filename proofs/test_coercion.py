"""Proofs: the numeric layer of bargaining.coercion, evaluated on symbols, equals the derivations.

Each test holds for all parameters in the stated regime (sympy simplifies the difference to 0).
"""

from __future__ import annotations

import sympy

from bargaining.coercion import Ultimatum, comparative_statics, optimal_demand
from bargaining.coercion.signalling import ResolveSignalling
from bargaining.coercion.specification import (
    derive_compliance,
    derive_crawford_sobel,
    derive_credibility,
    derive_gaussian_margin,
    derive_optimal_carrot,
    derive_optimal_demand,
    derive_risk_attitude,
    derive_schelling_minimum_risk,
    derive_semi_separating_posterior,
    derive_timing,
    derive_utilities,
    symbols,
)
from bargaining.coercion.ultimatum_cases import _compliance_cases, _credibility_cases, _fallback
from bargaining.core.values import clip

S = symbols()


def interior(cases):
    return cases[-1].value


def test_credibility_interior_equals_the_integral() -> None:
    value = interior(_credibility_cases("symbolic", S["audience_cost"], S["execution_low"], S["execution_high"]))
    assert sympy.simplify(value - derive_credibility()) == 0


WAITING = S["delay_cost"] * (1 - S["discount_weight"])


def test_compliance_interior_equals_the_indifference_solution() -> None:
    """Both options of the numeric layer (``Ultimatum._options``): at once, leverage tau e l and
    need n - c(1 - tau); at the deadline, leverage e l and need n."""
    leverage = S["execution"] * S["discount_weight"] * S["threat"]
    need = S["demand"] + S["vagueness"] - S["carrot_credibility"] * S["carrot"]
    value = interior(_compliance_cases("symbolic", leverage, need - WAITING, S["resolve_low"], S["resolve_high"]))
    derived = derive_compliance()
    assert sympy.simplify(value - derived["compliance"]) == 0
    assert sympy.simplify(S["execution"] * (1 - value) - derived["threat_executed"]) == 0
    late = interior(_compliance_cases("symbolic", S["execution"] * S["threat"], need, S["resolve_low"], S["resolve_high"]))
    assert sympy.simplify(late - derived["compliance_late"]) == 0


def test_timing_is_at_once_iff_waiting_costs_more_than_the_need() -> None:
    """The payoff of complying at t is linear in d = delta^t with slope c - n: the best period is
    the first (d = 1) when c >= n and the deadline otherwise; at the deadline the tipping threat
    value is the need itself (the discount cancels), at once it is c + (n - c)/tau."""
    timing = derive_timing()
    assert timing["slope"] == S["delay_cost"] - S["need"]
    assert sympy.diff(timing["payoff"], timing["d"], 2) == 0
    assert timing["tipping_loss_late"] == S["need"]
    tau = S["discount_weight"]
    assert sympy.simplify(timing["tipping_loss_once"] - (S["delay_cost"] + (S["need"] - S["delay_cost"]) / tau)) == 0
    # the options cross where c = n: at once is the lower tipping value exactly when c >= n
    gap = sympy.factor(timing["tipping_loss_late"] - timing["tipping_loss_once"])
    assert sympy.simplify(gap - (S["delay_cost"] - S["need"]) * (1 - tau) / tau) == 0


def test_compliance_regime_boundaries_are_where_the_interior_formula_hits_zero_and_one() -> None:
    compliance = derive_compliance()["compliance"]
    leverage = S["execution"] * S["discount_weight"] * S["threat"]
    need = S["demand"] + S["vagueness"] - S["carrot_credibility"] * S["carrot"] - WAITING
    at_full = compliance.subs(S["demand"], sympy.solve(sympy.Eq(leverage * (1 - S["resolve_high"]), need), S["demand"])[0])
    at_none = compliance.subs(S["demand"], sympy.solve(sympy.Eq(leverage * (1 - S["resolve_low"]), need), S["demand"])[0])
    assert sympy.simplify(at_full - 1) == 0 and sympy.simplify(at_none) == 0


def test_fallback_equals_the_integrated_coercer_value() -> None:
    a, low, high, risk = S["audience_cost"], S["execution_low"], S["execution_high"], S["risk"]
    cut = clip("symbolic", -a, low, high)
    value = _fallback("symbolic", a, low, high, risk).xreplace({cut: -a})
    assert sympy.simplify(value - derive_utilities()["fallback"]) == 0


def test_utilities_of_the_symbolic_ultimatum_equal_the_integrals_in_the_interior() -> None:
    """Regime: some but not all targets comply; the coercer's will is uncertain (w_lo < -a < w_hi)."""
    derived = derive_utilities()
    e, tau = S["execution"], S["discount_weight"]
    leverage = e * tau * S["threat"]
    need = S["demand"] + S["vagueness"] - S["carrot_credibility"] * S["carrot"]
    low, high = S["resolve_low"], S["resolve_high"]
    comply = interior(_compliance_cases("symbolic", leverage, need - WAITING, low, high))
    width = high - low
    # the numeric layer's expression for the target (ultimatum._uniform_outcome, compliance at once)
    above = ((1 - low - comply * width) ** 2 - (1 - high) ** 2) / (2 * width)
    target = -comply * need - (1 - comply) * WAITING - leverage * above
    assert sympy.simplify(target - derived["target"]) == 0
    fallback = derive_utilities()["fallback"]
    coercer = comply * (S["demand"] - S["carrot_efficiency"] * S["carrot_credibility"] * S["carrot"]) + (
        1 - comply
    ) * tau * fallback
    assert sympy.simplify(coercer - derived["coercer"]) == 0


def test_the_symbolic_ultimatum_reduces_to_the_derivation_in_the_interior() -> None:
    """The whole public path on symbols: with full credibility (w_lo = 0 >= -a) and no deadline
    discount, the Piecewise's partial-compliance branch is the derived formula."""
    x, ell = sympy.symbols("x ell", positive=True)
    outcome = Ultimatum(x, threat=ell, execution_low=0, execution_high=1, resolve_low=0, resolve_high=1).outcome()
    branches = {str(c): v for v, c in outcome.compliance_probability.args}
    derived = derive_compliance()["compliance"].subs(
        {S["execution"]: 1, S["discount_weight"]: 1, S["threat"]: ell, S["demand"]: x, S["vagueness"]: 0,
         S["carrot"]: 0, S["resolve_low"]: 0, S["resolve_high"]: 1}
    )
    assert any(sympy.simplify(value - derived) == 0 for value in branches.values())
    labels = {regime.label for regime in outcome.regime}
    assert labels == {"no compliance", "partial compliance"}


def test_optimal_demand_interior_equals_the_first_order_condition() -> None:
    fallback = sympy.Symbol("fallback", real=True)
    derived = derive_optimal_demand().subs(S["need"], fallback)
    leverage = S["execution"] * S["discount_weight"] * S["threat"]
    carrot = S["carrot_credibility"] * S["carrot"]
    numeric = (leverage * (1 - S["resolve_low"]) + carrot + WAITING - S["vagueness"] + S["carrot_efficiency"] * carrot
               + fallback) / 2
    assert sympy.simplify(numeric - derived) == 0


def test_optimal_demand_on_symbols_is_exact_at_a_point() -> None:
    t = sympy.Symbol("t", positive=True)
    demand, _ = optimal_demand(Ultimatum(sympy.Rational(1, 2), threat=t, audience_cost=1))
    assert demand.subs(t, sympy.Rational(3, 2)) == sympy.Rational(3, 4)


def test_schelling_minimum_risk_is_demand_over_loss() -> None:
    assert derive_schelling_minimum_risk() == S["demand"] / S["threat"]


def test_gaussian_margin_and_threshold_function() -> None:
    """The threshold function h(u) has derivative sqrt(pi/2) u e^{u^2/2} erf(u/sqrt 2) >= 0, so the
    bisection of gaussian_compliance_stake has a unique root; and h(u) >= sqrt(pi/2) e^{u^2/2}
    erf(1/sqrt2) - u exceeds any r at u = sqrt(2 log(1+r)) + 2 (the bracket used)."""
    derived = derive_gaussian_margin()
    u = derived["u"]
    h = derived["threshold_function"]
    slope = sympy.simplify(sympy.diff(h, u) - sympy.sqrt(sympy.pi / 2) * u * sympy.exp(u**2 / 2) * sympy.erf(u / sympy.sqrt(2)))
    assert slope == 0
    assert h.subs(u, 0) == 0
    stake = derived["stake_at"]
    margin = derived["margin"].subs(S["stake"], stake)
    assert sympy.simplify(sympy.expand_log(margin**2, force=True) - (u * S["vagueness"]) ** 2) == 0


def test_crawford_sobel_boundaries_close_form() -> None:
    derived = derive_crawford_sobel()
    i, n, b = derived["i"], derived["N"], derived["bias"]
    assert sympy.expand(derived["boundary"] - (i / n + 2 * b * i * (i - n))) == 0


def test_semi_separating_mixing_probability_inverts_bayes_rule() -> None:
    prior, posterior = sympy.symbols("prior posterior", positive=True)
    mixing = derive_semi_separating_posterior()
    game_formula = prior * (1 - posterior) / (posterior * (1 - prior))  # signalling._semi_separating
    assert sympy.simplify(mixing - game_formula) == 0
    assert ResolveSignalling  # the game module uses this formula for a resolute pure type


def test_comparative_statics_derivatives_are_those_of_the_numeric_layer() -> None:
    leverage = S["execution"] * S["discount_weight"] * S["threat"]
    need = S["demand"] + S["vagueness"] - S["carrot_credibility"] * S["carrot"]
    comply = interior(_compliance_cases("symbolic", leverage, need - WAITING, S["resolve_low"], S["resolve_high"]))
    war = S["execution"] * (1 - comply)
    need_symbol = sympy.Symbol("need", real=True)
    width = S["resolve_width"]
    for statement in comparative_statics():
        expression = comply if statement.quantity == "compliance" else war
        derivative = sympy.diff(expression, S[statement.instrument])
        derivative = derivative.subs(S["demand"], need_symbol - S["vagueness"] + S["carrot_credibility"] * S["carrot"])
        derivative = derivative.subs(S["resolve_high"], S["resolve_low"] + width)
        assert sympy.simplify(derivative - statement.derivative) == 0
        if statement.sign == "positive":
            assert statement.derivative.is_positive
        if statement.sign == "negative":
            assert statement.derivative.is_negative
        if statement.sign == "depends":
            assert statement.region not in (sympy.true, sympy.false)


def test_public_outcome_utilities_equal_the_integrals_at_interior_points() -> None:
    """Through the public path (``Ultimatum.outcome``), not a restatement of its formulas: at exact
    interior points (0 < P(comply) < 1, w_lo < -a < w_hi) both utilities equal the integrated
    derivation of :func:`derive_utilities`."""
    from fractions import Fraction as F

    derived = derive_utilities()
    points = [  # each with c >= n, so the target that complies does so at once
        dict(demand=F(1, 5), vagueness=F(1, 20), deadline=1, delay_cost=F(1, 2), audience_cost=F(1, 2), threat=F(1, 2), carrot=F(1, 10),
             carrot_efficiency=F(1, 2), carrot_credibility=F(1, 2), risk=F(1, 10), execution_low=-1,
             execution_high=F(1, 4)),
        dict(demand=F(3, 10), vagueness=0, deadline=2, delay_cost=F(1, 3), audience_cost=F(1, 4), threat=F(4, 5), carrot=0,
             carrot_efficiency=1, carrot_credibility=1, risk=0, execution_low=F(-1, 2), execution_high=F(1, 2)),
        dict(demand=F(1, 10), vagueness=F(1, 10), deadline=1, delay_cost=F(1, 5), audience_cost=F(1, 10), threat=F(3, 5),
             carrot=F(1, 5), carrot_efficiency=F(1, 4), carrot_credibility=F(3, 4), risk=F(1, 5),
             execution_low=F(-3, 2), execution_high=F(1, 5), resolve_low=F(1, 10), resolve_high=F(9, 10)),
    ]
    checked = 0
    for point in points:
        ultimatum = Ultimatum(**point)
        outcome = ultimatum.outcome()
        if not 0 < outcome.compliance_probability < 1:
            continue
        values = {S[name]: value for name, value in point.items() if name in S and name != "deadline"}
        values |= {S["execution"]: outcome.credibility, S["discount_weight"]: ultimatum.discount_weight,
                   S["resolve_low"]: point.get("resolve_low", 0), S["resolve_high"]: point.get("resolve_high", 1)}
        assert sympy.nsimplify(derived["target"].subs(values)) == outcome.target_utility
        assert sympy.nsimplify(derived["coercer"].subs(values)) == outcome.coercer_utility
        checked += 1
    assert checked == 3


def test_risk_attitude_tipping_loss_is_the_numeric_layer_and_tends_to_risk_neutral() -> None:
    """CARA: the numeric layer's log1p(expm1(alpha n)/e)/alpha is the derived tipping loss, and
    alpha -> 0 gives the risk-neutral n/e."""
    derived = derive_risk_attitude()
    alpha, n, e = derived["alpha"], S["need"], S["execution"]
    numeric = sympy.log(1 + (sympy.exp(alpha * n) - 1) / e) / alpha
    assert sympy.simplify(sympy.expand_log(numeric - derived["tipping_loss"], force=True)) == 0
    assert derived["neutral_limit"] == n / e
    # with a certain threat there is no lottery: the tipping loss is the need for every alpha
    assert sympy.simplify(derived["tipping_loss"].subs(e, 1)) == n


def test_optimal_carrot_peak_is_the_first_order_condition() -> None:
    """design.optimal_carrot's peak (x - F - kB)/(2kq), B = A(1 - r_lo) - (x + sigma - c(1 - tau))."""
    fallback = sympy.Symbol("fallback", real=True)
    derived = derive_optimal_carrot().subs(S["need"], fallback)
    leverage = S["execution"] * S["discount_weight"] * S["threat"]
    base = leverage * (1 - S["resolve_low"]) - (S["demand"] + S["vagueness"] - WAITING)
    numeric = (S["demand"] - fallback - S["carrot_efficiency"] * base) / (2 * S["carrot_efficiency"] * S["carrot_credibility"])
    assert sympy.simplify(numeric - derived) == 0

r"""The symbolic specification of the war models: each closed form derived from its setting.

Nothing here is typed in. Each function writes down the setting (posterior means, an indifference
condition, a hazard ODE, a first-order condition) and lets sympy solve it. The numeric layer in
:mod:`bargaining.war.learning`, :mod:`~bargaining.war.attrition`, :mod:`~bargaining.war.durations`
and :mod:`~bargaining.war.strategies` is plain arithmetic; ``proofs/test_war.py`` holds it equal to
these derivations for all parameters.

>>> derive_coase_two_period()["cutoff"]
cost_high*(delta - 2)/(3*delta - 4)
"""

from __future__ import annotations

from typing import Any

from ..core.derived import symbols as declared_symbols

__all__ = [
    "derive_attrition_complete",
    "derive_attrition_private",
    "derive_coase_two_period",
    "derive_learning_settlement",
    "derive_mixture_weight",
    "symbols",
]


def symbols() -> dict[str, Any]:
    """The symbols the derivations use, by name: each model parameter with the assumptions of its
    declared domain (:func:`bargaining.core.derived.symbols`), and the quantities of the
    derivations that are not fields positive.

    >>> symbols()["coercer_belief"].is_positive, symbols()["cost_coercer"].is_nonnegative
    (True, True)
    """
    from .attrition import PrivateWarOfAttrition, WarOfAttrition
    from .durations import DurationMixture
    from .learning import LearningWar
    from .strategies import CoaseTwoPeriod, TurningTheScrew

    fields = declared_symbols(
        LearningWar, WarOfAttrition, PrivateWarOfAttrition, TurningTheScrew, CoaseTwoPeriod, DurationMixture
    )
    extra = "confidence cost_total battles coercer_wins time delta price_first share_beyond horizon"
    return fields | declared_symbols(extra=extra.split())


def derive_learning_settlement() -> dict[str, Any]:
    r"""The learning war with equally confident priors: the posterior gap and the settlement date.

    Each side holds a Beta prior over the coercer's battle odds :math:`\theta` with the same
    strength :math:`N = a + b` (pseudo-battles): the coercer's has mean :math:`m_C`, the target's
    mean :math:`m_T = 1 - q_T` (``target_belief`` :math:`q_T` is the target's belief that it wins
    a battle). After :math:`n` public battles of which the coercer won :math:`k`, the posterior
    means are :math:`(m N + k)/(N + n)`. The subjective range
    :math:`[m_C' - c_C,\ m_T' + c_T]` is non-empty iff the gap :math:`m_C' - m_T'` is at most the
    total cost :math:`c = c_C + c_T`. The gap does not depend on :math:`k` (it is
    :math:`N (m_C - m_T)/(N + n)`), so the settlement date is the same on every path: solve
    gap = cost for :math:`n` (constant cost) and gap = :math:`c + g n` (the screw).

    >>> derive_learning_settlement()["settlement_battles"]
    confidence*(coercer_belief - cost_total + target_belief - 1)/cost_total
    """
    import sympy

    s = symbols()
    mc, qt, N, c, g, n, k = (
        s["coercer_belief"],
        s["target_belief"],
        s["confidence"],
        s["cost_total"],
        s["escalation"],
        s["battles"],
        s["coercer_wins"],
    )
    mt = 1 - qt
    posterior_coercer = (mc * N + k) / (N + n)
    posterior_target = (mt * N + k) / (N + n)
    gap = sympy.simplify(posterior_coercer - posterior_target)
    if gap.has(k):  # pragma: no cover - a derivation that no longer holds
        raise ArithmeticError(f"the gap depends on the battle record: {gap}")
    (constant,) = sympy.solve(sympy.Eq(gap, c), n)
    roots = sympy.solve(sympy.Eq(gap, c + g * n), n)
    # the screw: the one root that is positive when the sides start apart (gap(0) > c)
    screw = next(
        r
        for r in roots
        if r.subs(
            {mc: sympy.Rational(9, 10), qt: sympy.Rational(9, 10), N: 4, c: sympy.Rational(1, 10), g: 1}
        ).is_positive
    )
    return {
        "posterior_coercer": posterior_coercer,
        "posterior_target": posterior_target,
        "gap": gap,
        "settlement_battles": sympy.simplify(constant),
        "settlement_battles_screw": screw,
    }


def derive_attrition_complete() -> dict[str, Any]:
    r"""The stationary mixed equilibrium of the complete-information war of attrition.

    Side :math:`j` values the prize at :math:`v_j` and pays the flow :math:`c_j(t) = c_{0j} + g_j t`
    while fighting. If the other side concedes with distribution :math:`G_i`, side :math:`j`'s payoff
    from holding out to :math:`t` is
    :math:`\int_0^t (v_j - K_j(s))\,dG_i(s) - (1 - G_i(t)) K_j(t)` with :math:`K_j' = c_j`; its
    derivative in :math:`t` vanishes (indifference, the mixed equilibrium) iff
    :math:`G_i' = (1 - G_i)\,c_j(t)/v_j`. Solving that ODE gives each side's concession time; the
    war's duration is the earlier of the two, with survival :math:`(1 - G_C)(1 - G_T)`.

    >>> derive_attrition_complete()["hazard_intercept"]
    a
    """
    import sympy

    s = symbols()
    t, vc, vt = s["time"], s["value_coercer"], s["value_target"]
    cc, ct, gc, gt = s["cost_coercer"], s["cost_target"], s["escalation_coercer"], s["escalation_target"]
    tau = sympy.Symbol("tau", positive=True)
    concede = sympy.Function("G")

    def concession(cost_other: Any, escalation_other: Any, value_other: Any) -> Any:
        cost_flow = cost_other + escalation_other * t
        ode = sympy.Eq(concede(t).diff(t), (1 - concede(t)) * cost_flow / value_other)
        return sympy.dsolve(ode, concede(t), ics={concede(0): 0}).rhs

    coercer_concedes = concession(ct, gt, vt)  # makes the target indifferent
    target_concedes = concession(cc, gc, vc)  # makes the coercer indifferent
    survival = sympy.simplify((1 - coercer_concedes) * (1 - target_concedes))
    hazard = sympy.simplify(-survival.diff(t) / survival)
    constant = survival.subs({gc: 0, gt: 0})
    mean_constant = sympy.integrate(constant, (t, 0, sympy.oo), conds="none")
    (median_constant,) = sympy.solve(sympy.Eq(constant, sympy.Rational(1, 2)), t)
    a, b = sympy.Symbol("a", positive=True), sympy.Symbol("b", positive=True)
    linear = sympy.exp(-(a * t + b * t**2 / 2))
    mean_linear = sympy.simplify(sympy.integrate(linear, (t, 0, sympy.oo), conds="none"))
    median_linear = next(
        r
        for r in sympy.solve(sympy.Eq(a * t + b * t**2 / 2, sympy.log(2)), t)
        if r.subs({a: 1, b: 1}).is_positive
    )
    coercer_wins_constant = sympy.simplify(
        sympy.integrate(
            target_concedes.subs(gc, 0).diff(t) * (1 - coercer_concedes.subs(gt, 0)),
            (t, 0, sympy.oo),
            conds="none",
        )
    )
    del tau
    return {
        "coercer_concedes": coercer_concedes,
        "target_concedes": target_concedes,
        "survival": survival,
        "hazard": hazard,
        "mean_constant": sympy.simplify(mean_constant),
        "median_constant": sympy.simplify(median_constant),
        "hazard_intercept": a,
        "hazard_slope": b,
        "mean_linear_hazard": mean_linear,
        "median_linear_hazard": sympy.simplify(median_linear),
        "coercer_wins_constant": coercer_wins_constant,
    }


def derive_attrition_private() -> dict[str, Any]:
    r"""The symmetric war of attrition with private values uniform on :math:`[0, \bar v]`.

    A side of value :math:`v` holds out until its cumulative cost :math:`K(t)` reaches
    :math:`\beta(v)`, where the first-order condition of the type-:math:`v` side (it trades the
    hazard of the other's concession against its own flow cost) gives
    :math:`\beta'(v) = v f(v) / (1 - F(v))` (Bishop & Cannings 1978; Krishna & Morgan 1997). With
    :math:`u = v/\bar v = 1 - e^{-r}` the integrand is :math:`\bar v (1 - e^{-r})`, which sympy
    integrates without branch cuts. The war lasts until the weaker side's :math:`\beta`, i.e.
    :math:`K(T) = \beta(\min(v_1, v_2))`, where :math:`\min/\bar v` has density :math:`2(1 - m)`.

    >>> derive_attrition_private()["median_constant"]
    value_high*(-2 + log(2) + sqrt(2))/(2*cost)
    """
    import sympy

    s = symbols()
    vbar, c, g, t = s["value_high"], s["cost"], s["escalation"], s["time"]
    r, u, m = (sympy.Symbol(name, positive=True) for name in ("r", "u", "m"))
    value = sympy.Symbol("v", positive=True)
    density, tail = 1 / vbar, 1 - value / vbar
    integrand = (value * density / tail) * vbar  # dv = vbar du
    integrand_r = integrand.subs(value, vbar * (1 - sympy.exp(-r))) * sympy.exp(-r)  # du = e^{-r} dr
    beta_r = sympy.integrate(sympy.simplify(integrand_r), (r, 0, sympy.Symbol("rr", positive=True)))
    beta = sympy.simplify(beta_r.subs(sympy.Symbol("rr", positive=True), -sympy.log(1 - u)))  # u = v/vbar
    cumulative_cost = c * t + g * t**2 / 2
    mean_constant = sympy.simplify(sympy.integrate(2 * (1 - m) * beta.subs(u, m), (m, 0, 1)) / c)
    (median_share,) = [q for q in sympy.solve(sympy.Eq((1 - m) ** 2, sympy.Rational(1, 2)), m) if q < 1]
    median_cost = sympy.simplify(beta.subs(u, median_share))
    (median_constant,) = sympy.solve(sympy.Eq(c * t, median_cost), t)
    escalating_roots = sympy.solve(sympy.Eq(cumulative_cost, median_cost), t)
    median_escalating = next(q for q in escalating_roots if q.subs({c: 1, g: 1, vbar: 1}).is_positive)
    return {
        "holdout_cost": beta,
        "cumulative_cost": cumulative_cost,
        "mean_constant": mean_constant,
        "median_weaker_value": median_share,
        "median_constant": sympy.simplify(median_constant),
        "median_escalating": sympy.simplify(median_escalating),
    }


def derive_coase_two_period() -> dict[str, Any]:
    r"""Try-and-see without commitment: two demands, the second chosen after the first fails.

    The target's cost of war :math:`c_T` is private, uniform on :math:`[0, \bar c]`; accepting a
    demand :math:`x = p + q` instead of fighting is worth :math:`c_T - q` to it, so :math:`q` is a
    price and :math:`c_T` a buyer's value (Fudenberg & Tirole 1991, §10.2.1; Sobel & Takahashi
    1983). In period 2 the coercer, facing the types below the period-1 cut-off :math:`v_1`, picks
    :math:`q_2` to maximise :math:`q_2 (v_1 - q_2)`; the cut-off type is indifferent,
    :math:`v_1 - q_1 = \delta (v_1 - q_2)`; the coercer picks :math:`q_1` to maximise
    :math:`q_1 (\bar c - v_1) + \delta q_2 (v_1 - q_2)` (all over :math:`\bar c`). A coercer that
    can commit posts the monopoly price for both periods.

    >>> derive_coase_two_period()["cutoff"]
    cost_high*(delta - 2)/(3*delta - 4)
    """
    import sympy

    s = symbols()
    cbar, delta, q1 = s["cost_high"], s["delta"], s["price_first"]
    v1, q2, q = (sympy.Symbol(name, positive=True) for name in ("v1", "q2", "q"))
    (second_price,) = sympy.solve(sympy.diff(q2 * (v1 - q2), q2), q2)
    (cutoff_of_price,) = sympy.solve(sympy.Eq(v1 - q1, delta * (v1 - second_price)), v1)
    payoff = (
        q1 * (cbar - cutoff_of_price)
        + delta
        * second_price.subs(v1, cutoff_of_price)
        * (cutoff_of_price - second_price.subs(v1, cutoff_of_price))
    ) / cbar
    (first_price,) = sympy.solve(sympy.diff(payoff, q1), q1)
    cutoff = sympy.simplify(cutoff_of_price.subs(q1, first_price))
    (committed_price,) = sympy.solve(sympy.diff(q * (cbar - q), q), q)
    return {
        "first_price": sympy.factor(first_price),
        "cutoff": cutoff,
        "second_price": sympy.simplify(second_price.subs(v1, cutoff)),
        "payoff": sympy.factor(sympy.simplify(payoff.subs(q1, first_price))),
        "committed_price": committed_price,
        "committed_payoff": sympy.simplify(committed_price * (cbar - committed_price) / cbar),
    }


def derive_mixture_weight() -> Any:
    r"""The weight of the short regime that gives a stated share of wars beyond the horizon.

    Durations are a mixture of two exponentials with means :math:`\mu_s` (short, informational
    wars) and :math:`\mu_l` (long, commitment wars), weight :math:`w` on the short one. Solve
    :math:`w e^{-h/\mu_s} + (1 - w) e^{-h/\mu_l} = s` for :math:`w`.

    >>> derive_mixture_weight()
    (share_beyond*exp(horizon/long_mean) - 1)*exp(horizon/short_mean)/(exp(horizon/long_mean) - exp(horizon/short_mean))
    """
    import sympy

    s = symbols()
    short, long_, share, h = s["short_mean"], s["long_mean"], s["share_beyond"], s["horizon"]
    weight = sympy.Symbol("weight", positive=True)
    survival = weight * sympy.exp(-h / short) + (1 - weight) * sympy.exp(-h / long_)
    (solution,) = sympy.solve(sympy.Eq(survival, share), weight)
    return sympy.simplify(solution)

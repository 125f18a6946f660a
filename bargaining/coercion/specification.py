r"""The symbolic specification of coercive diplomacy: every closed form derived from its setting.

Nothing here is typed in: each function writes down the payoffs of the ultimatum game of
:mod:`bargaining.coercion.ultimatum` (or of the small models of
:mod:`bargaining.coercion.limits`) and lets sympy integrate, solve the indifference condition or
the first-order condition. The numeric layer is plain arithmetic; the proofs in
``proofs/test_coercion.py`` hold it equal to these derivations for all parameters.

>>> derive_credibility()
(audience_cost + execution_high)/(execution_high - execution_low)
>>> derive_compliance()["cutoff_resolve"]
(carrot*carrot_credibility - delay_cost*discount_weight + delay_cost - demand + discount_weight*execution*threat - vagueness)/(discount_weight*execution*threat)
"""

from __future__ import annotations

from typing import Any

from ..core.derived import symbols as declared_symbols

__all__ = [
    "derive_compliance",
    "derive_crawford_sobel",
    "derive_credibility",
    "derive_gaussian_margin",
    "derive_optimal_carrot",
    "derive_optimal_demand",
    "derive_risk_attitude",
    "derive_schelling_minimum_risk",
    "derive_semi_separating_posterior",
    "derive_timing",
    "derive_utilities",
    "symbols",
]


def symbols() -> dict[str, Any]:
    """The symbols the derivations use, by name: each model parameter with the assumptions of its
    declared domain (:func:`bargaining.core.derived.symbols`), and the quantities of the
    derivations that are not fields positive.

    >>> symbols()["demand"].is_nonnegative, symbols()["execution_low"].is_real
    (True, True)
    """
    import sympy

    from .signalling import ResolveSignalling
    from .ultimatum import Ultimatum

    extra = "discount_weight execution resolve_width bias margin stake width"
    interior = "demand threat carrot carrot_credibility carrot_efficiency vagueness"  # the interior regimes
    found = declared_symbols(Ultimatum, ResolveSignalling, extra=extra.split(), interior=interior.split())
    found.update({name: sympy.Symbol(name, real=True) for name in ("w", "resolve", "need", "loss")})
    return found


def derive_credibility() -> Any:
    r"""P(the coercer executes | resistance) from its own will: :math:`P(w \ge -a)`, :math:`w \sim U`.

    Integrates the uniform density over :math:`[-a, w_{hi}]` (the interior regime, where
    :math:`w_{lo} \le -a \le w_{hi}`).

    >>> derive_credibility()
    (audience_cost + execution_high)/(execution_high - execution_low)
    """
    import sympy

    s = symbols()
    low, high, a, w = s["execution_low"], s["execution_high"], s["audience_cost"], s["w"]
    density = 1 / (high - low)
    return sympy.simplify(sympy.integrate(density, (w, -a, high)))


def derive_timing() -> dict[str, Any]:
    r"""When a target that complies does so: the first period or the deadline, never in between.

    Complying at period :math:`t \le D` costs the waiting cost :math:`c(1 - \delta^t)` (normalised:
    :math:`c` per period while the demand stands) and the need :math:`n` at :math:`t`,
    :math:`\delta^t n`. Written in :math:`d = \delta^t \in [\delta^D, 1]` the payoff is linear,
    :math:`-c + d(c - n)`, so the best period is :math:`t = 0` when :math:`c \ge n` and
    :math:`t = D` otherwise (``slope`` is the coefficient of :math:`d`). Resisting costs the
    waiting until the threat falls and the threat: :math:`-c(1 - \tau) - \tau e L`; the
    indifference of each option gives the threat value :math:`eL` that tips the target.

    >>> derive_timing()["tipping_loss_once"]
    (delay_cost*discount_weight - delay_cost + need)/discount_weight
    """
    import sympy

    s = symbols()
    need, c, tau, e = s["need"], s["delay_cost"], s["discount_weight"], s["execution"]
    d, loss = sympy.Symbol("d", positive=True), s["loss"]
    comply = -c * (1 - d) - d * need
    resist = -c * (1 - tau) - tau * e * loss
    (once,) = sympy.solve(sympy.Eq(comply.subs(d, 1), resist), loss)
    (late,) = sympy.solve(sympy.Eq(comply.subs(d, tau), resist), loss)
    return {
        "payoff": comply,
        "slope": sympy.expand(sympy.diff(comply, d)),
        "d": d,
        "tipping_loss_once": sympy.simplify(e * once),
        "tipping_loss_late": sympy.simplify(e * late),
    }


def derive_compliance() -> dict[str, Any]:
    r"""The target's indifference and the outcome probabilities (uniform blur and resolve).

    A target of resolve :math:`R` loses :math:`L = \ell\,(1 - R)` if the threat is executed, which
    happens with probability :math:`e` when the threat falls (weight :math:`\tau`). Complying
    costs the demand plus the vagueness margin, :math:`x + \sigma`, and brings the carrot with
    probability :math:`\kappa`; until it complies the target pays the waiting cost :math:`c`
    (:func:`derive_timing`). The ``cutoff_resolve`` and ``compliance`` are those of compliance at
    once (``cutoff_resolve_late`` and ``compliance_late`` of compliance at the deadline, where
    :math:`\tau` and :math:`c` cancel); :math:`R \sim U[r_{lo}, r_{hi}]` gives the probabilities.

    >>> derive_compliance()["cutoff_resolve"]
    (carrot*carrot_credibility - delay_cost*discount_weight + delay_cost - demand + discount_weight*execution*threat - vagueness)/(discount_weight*execution*threat)
    """
    import sympy

    s = symbols()
    x, sigma, s_, kappa = s["demand"], s["vagueness"], s["carrot"], s["carrot_credibility"]
    ell, e, tau, resolve = s["threat"], s["execution"], s["discount_weight"], s["resolve"]
    low, high, c = s["resolve_low"], s["resolve_high"], s["delay_cost"]
    need = x + sigma - kappa * s_
    resist = -c * (1 - tau) - e * tau * ell * (1 - resolve)
    (cutoff,) = sympy.solve(sympy.Eq(-need, resist), resolve)
    (late,) = sympy.solve(sympy.Eq(-c * (1 - tau) - tau * need, resist), resolve)
    compliance = (cutoff - low) / (high - low)
    return {
        "cutoff_resolve": cutoff,
        "compliance": compliance,
        "threat_executed": e * (1 - compliance),
        "back_down": (1 - e) * (1 - compliance),
        "cutoff_resolve_late": sympy.simplify(late),
        "compliance_late": (late - low) / (high - low),
    }


def derive_utilities() -> dict[str, Any]:
    r"""Each side's expected utility in the interior regime, compliance at once, integrated over
    both private values.

    The target's payoff is integrated over :math:`R \sim U[r_{lo}, r_{hi}]` on each side of the
    cutoff (resisters pay the waiting cost until the threat falls); the coercer's fallback after
    resistance integrates :math:`\max(w, -a)` (it executes iff :math:`w \ge -a`) over
    :math:`w \sim U[w_{lo}, w_{hi}]` in the regime :math:`w_{lo} \le -a \le w_{hi}`, mixed with
    the Schelling risk :math:`\rho` of automatic execution.

    >>> derive_utilities()["fallback"]
    (risk*(execution_high**2 - execution_low**2) - (risk - 1)*(audience_cost**2 + 2*audience_cost*execution_low + execution_high**2))/(2*(execution_high - execution_low))
    """
    import sympy

    s = symbols()
    x, sigma, s_, kappa = s["demand"], s["vagueness"], s["carrot"], s["carrot_credibility"]
    ell, e, tau, resolve = s["threat"], s["execution"], s["discount_weight"], s["resolve"]
    low, high, cost, c = s["resolve_low"], s["resolve_high"], s["carrot_efficiency"], s["delay_cost"]
    a, w, wl, wh, rho = s["audience_cost"], s["w"], s["execution_low"], s["execution_high"], s["risk"]
    cutoff = derive_compliance()["cutoff_resolve"]
    density = 1 / (high - low)
    resist = -c * (1 - tau) - e * tau * ell * (1 - resolve)
    target = sympy.integrate((kappa * s_ - x - sigma) * density, (resolve, low, cutoff)) + sympy.integrate(
        resist * density, (resolve, cutoff, high)
    )
    will = (sympy.integrate(-a, (w, wl, -a)) + sympy.integrate(w, (w, -a, wh))) / (wh - wl)
    chance = sympy.integrate(w, (w, wl, wh)) / (wh - wl)
    fallback = rho * chance + (1 - rho) * will
    compliance = derive_compliance()["compliance"]
    coercer = compliance * (x - cost * kappa * s_) + (1 - compliance) * tau * fallback
    return {"target": sympy.simplify(target), "fallback": sympy.simplify(fallback), "coercer": coercer}


def derive_optimal_demand() -> Any:
    r"""The coercer's interior optimal demand: the root of :math:`\partial U_C / \partial x = 0`.

    The fallback value after resistance is a symbol ``need`` here (it does not depend on the
    demand); the second derivative is checked to be negative.

    >>> sorted(str(s) for s in derive_optimal_demand().free_symbols)[:3]
    ['carrot', 'carrot_credibility', 'carrot_efficiency']
    """
    import sympy

    s = symbols()
    x, s_, kappa = s["demand"], s["carrot"], s["carrot_credibility"]
    ell, e, tau = s["threat"], s["execution"], s["discount_weight"]
    low, high, cost, fallback = s["resolve_low"], s["resolve_high"], s["carrot_efficiency"], s["need"]
    compliance = derive_compliance()["compliance"]
    utility = compliance * (x - cost * kappa * s_) + (1 - compliance) * fallback
    (interior,) = sympy.solve(sympy.diff(utility, x), x)
    curvature = sympy.simplify(sympy.diff(utility, x, 2) * ell * e * tau * (high - low))
    if curvature != -2:  # pragma: no cover - a derivation that no longer holds
        raise ArithmeticError(f"U_C is not concave in the demand: {curvature}")
    return sympy.simplify(interior)


def derive_optimal_carrot() -> Any:
    r"""The coercer's interior optimal carrot at a fixed demand (compliance at once, the carrot
    delivered with probability :math:`q` and costing :math:`k` per unit delivered).

    The fallback is the symbol ``need`` (it does not depend on the carrot); the second derivative
    is checked to be negative for :math:`k > 0`.

    >>> sorted(str(s) for s in derive_optimal_carrot().free_symbols)[:3]
    ['carrot_credibility', 'carrot_efficiency', 'delay_cost']
    """
    import sympy

    s = symbols()
    x, s_, q = s["demand"], s["carrot"], s["carrot_credibility"]
    ell, e, tau = s["threat"], s["execution"], s["discount_weight"]
    low, high, cost, fallback = s["resolve_low"], s["resolve_high"], s["carrot_efficiency"], s["need"]
    compliance = derive_compliance()["compliance"]
    utility = compliance * (x - cost * q * s_) + (1 - compliance) * fallback
    (interior,) = sympy.solve(sympy.diff(utility, s_), s_)
    curvature = sympy.simplify(sympy.diff(utility, s_, 2) * ell * e * tau * (high - low) / q**2)
    if curvature != -2 * cost:  # pragma: no cover - a derivation that no longer holds
        raise ArithmeticError(f"U_C is not concave in the carrot: {curvature}")
    return sympy.simplify(interior)


def derive_gaussian_margin() -> dict[str, Any]:
    r"""The margin a complying target adds when the condition is blurred by a half-normal.

    The condition asks for at least :math:`x`; what counts is :math:`x + \sigma |Z|`. Conceding
    :math:`x + m` is recognised with probability :math:`\operatorname{erf}(m / (\sigma\sqrt 2))`;
    the target gains ``stake`` :math:`S` (threat avoided plus carrot) when recognised. The first
    -order condition gives the margin; the gain at the optimum, set to zero, gives the
    compliance threshold as the root of :math:`h(u) = x / \sigma` in :math:`u = m / \sigma`.

    >>> derive_gaussian_margin()["margin"]
    vagueness*sqrt(log(2*stake**2/(pi*vagueness**2)))
    """
    import sympy

    s = symbols()
    m, sigma, stake, x = s["margin"], s["vagueness"], s["stake"], s["demand"]
    u = sympy.Symbol("u", positive=True)
    recognised = sympy.erf(m / (sigma * sympy.sqrt(2)))
    gain = recognised * stake - x - m
    (margin,) = sympy.solve(sympy.diff(gain, m), m)
    stake_at = sympy.solve(sympy.Eq(sympy.diff(gain, m).subs(m, u * sigma), 0), stake)[0]
    threshold = sympy.simplify((gain.subs({m: u * sigma, stake: stake_at}) + x) / sigma)
    return {
        "margin": margin,
        "stake_at": stake_at,
        "threshold_function": threshold,
        "u": u,
        "vagueness": sigma,
    }


def derive_risk_attitude() -> dict[str, Any]:
    r"""The tipping loss of a target with constant absolute risk aversion :math:`\alpha` (CARA).

    Utility :math:`u(z) = (1 - e^{-\alpha z})/\alpha`. Resisting is the lottery
    :math:`(-L, e;\ 0, 1 - e)`, complying the sure :math:`-n`; the indifference
    :math:`u(-n) = e\,u(-L) + (1 - e)\,u(0)` solved for :math:`L` gives the tipping loss, and its
    limit as :math:`\alpha \to 0` is the risk-neutral :math:`n/e`.

    >>> derive_risk_attitude()["neutral_limit"]
    need/execution
    """
    import sympy

    s = symbols()
    alpha = sympy.Symbol("alpha", nonzero=True, real=True)
    n, e, loss = s["need"], s["execution"], s["loss"]

    def u(z: Any) -> Any:
        return (1 - sympy.exp(-alpha * z)) / alpha

    (tipping,) = sympy.solve(sympy.Eq(u(-n), e * u(-loss) + (1 - e) * u(0)), loss)
    return {
        "tipping_loss": sympy.simplify(tipping),
        "alpha": alpha,
        "neutral_limit": sympy.limit(tipping, alpha, 0),
        "utility": u(sympy.Symbol("z", real=True)),
    }


def derive_schelling_minimum_risk() -> Any:
    r"""Schelling's minimum risk: the smallest chance of execution that makes compliance pay.

    A target that loses :math:`L` from the executed threat and :math:`x` from complying is
    indifferent at :math:`\rho L = x` (Schelling 1960, ch. 8, the threat that leaves something
    to chance).

    >>> derive_schelling_minimum_risk()
    demand/threat
    """
    import sympy

    s = symbols()
    (minimum,) = sympy.solve(sympy.Eq(s["risk"] * s["threat"], s["demand"]), s["risk"])
    return minimum


def derive_crawford_sobel() -> dict[str, Any]:
    r"""The uniform-quadratic cheap-talk partition (Crawford & Sobel 1982, §4).

    The sender's bias is :math:`b`; the boundary type :math:`a_i` is indifferent between the
    receiver's actions :math:`(a_{i-1} + a_i)/2` and :math:`(a_i + a_{i+1})/2`, which gives the
    second-order difference equation solved here with :math:`a_0 = 0`, :math:`a_N = 1`.

    >>> derive_crawford_sobel()["boundary"]
    -2*N*bias*i + 2*bias*i**2 + i/N
    """
    import sympy

    s = symbols()
    b = s["bias"]
    i = sympy.Symbol("i", integer=True)
    n = sympy.Symbol("N", integer=True, positive=True)
    before, here, after = sympy.symbols("before here after", real=True)

    def loss(action: Any, sender: Any) -> Any:
        return -((action - sender - b) ** 2)

    indifference = sympy.Eq(loss((before + here) / 2, here), loss((here + after) / 2, here))
    roots = [root for root in sympy.solve(indifference, after) if sympy.simplify(root - before) != 0]
    (step,) = roots  # the other root is the degenerate after = before
    a = sympy.Function("a")
    recurrence = a(i + 2) - step.subs({before: a(i), here: a(i + 1)})
    general = sympy.rsolve(recurrence, a(i))
    constants = sorted(general.free_symbols - {i, b}, key=str)
    solved = sympy.solve([general.subs(i, 0), general.subs(i, n) - 1], constants, dict=True)[0]
    boundary = sympy.expand(general.subs(solved))
    return {"boundary": boundary, "i": i, "N": n, "bias": b}


def derive_semi_separating_posterior() -> Any:
    r"""Bayes' rule when one type plays a message for sure and the other with probability
    :math:`\beta`: the posterior on the sure type, solved for :math:`\beta` given the posterior
    that makes the mixing type indifferent.

    >>> derive_semi_separating_posterior()
    prior*(posterior - 1)/(posterior*(prior - 1))
    """
    import sympy

    prior, beta, posterior = sympy.symbols("prior beta posterior", positive=True)
    (mixing,) = sympy.solve(sympy.Eq(posterior, prior / (prior + (1 - prior) * beta)), beta)
    return mixing

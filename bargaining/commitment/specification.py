r"""The symbolic specification of the commitment models: each closed form derived from its setting.

Nothing here is typed in: each function writes down the payoffs (a discounted sum, a Bayes rule, an
indifference condition) and lets sympy sum, solve or simplify. The numeric layer in
:mod:`bargaining.commitment` is plain arithmetic; the proofs in ``proofs/test_commitment.py`` hold
it equal to these derivations for all parameters.

>>> derive_ceasefire()["minimal_patience"]
(guarantee - renege_gain)/(guarantee - renege_gain - share + war_value)
"""

from __future__ import annotations

from typing import Any

from ..core.derived import symbols as declared_symbols

__all__ = [
    "derive_ceasefire",
    "derive_gradualism",
    "derive_power_shift",
    "derive_power_transfer",
    "derive_proposer_path",
    "derive_renewed_demands",
    "derive_small_steps",
    "derive_trust_threshold",
    "derive_war_values",
    "symbols",
]


def symbols() -> dict[str, Any]:
    """The symbols the derivations use, by name: each model parameter with the assumptions of its
    declared domain (:func:`bargaining.core.derived.symbols`), and the quantities of the
    derivations that are not fields positive.

    >>> symbols()["discount"].is_positive, symbols()["power"].is_nonnegative
    (True, True)
    """
    from .ceasefire import Ceasefire
    from .power_path import PowerPath
    from .power_shift import PowerShift
    from .renewed_demands import RenewedDemands
    from .transfer import PowerTransfer
    from .trust import SmallSteps, TrustGame

    return declared_symbols(
        PowerPath,
        PowerShift,
        PowerTransfer,
        Ceasefire,
        RenewedDemands,
        SmallSteps,
        TrustGame,
        extra=("renege_gain", "war_value", "resistance_value", "demand", "steps"),
    )


def derive_war_values() -> dict[str, Any]:
    r"""Sum the war payoffs from the start of a war and normalise by :math:`1 - \delta`.

    C pays the one-time cost :math:`k_C` at once and receives :math:`p - c_C` in every period,
    so its normalised value is :math:`(1 - \delta)\bigl(\sum_t \delta^t (p - c_C) - k_C\bigr)`.

    >>> derive_war_values()["coercer"]
    -cost_coercer + one_time_cost_coercer*(discount - 1) + power
    """
    import sympy

    s = symbols()
    p, d, cc, ct, kc, kt = (
        s["power"],
        s["discount"],
        s["cost_coercer"],
        s["cost_target"],
        s["one_time_cost_coercer"],
        s["one_time_cost_target"],
    )
    t = sympy.Symbol("t", integer=True, nonnegative=True)

    def normalised(flow: Any, lump: Any) -> Any:
        series = sympy.summation(d**t, (t, 0, sympy.oo))
        if isinstance(series, sympy.Piecewise):  # the branch |discount| < 1
            series = series.args[0][0]
        total = flow * series
        return sympy.simplify((1 - d) * (total - lump))

    return {"coercer": normalised(p - cc, kc), "target": normalised(1 - p - ct, kt)}


def derive_power_shift() -> dict[str, Any]:
    r"""The one-time shift (Powell 2006): the ``power_after`` at which a side's war now just pays.

    With :math:`p_0` now and :math:`p_1` for ever, the target can be offered at most the whole
    flow now and what is left after the coercer's war value from period 1 on:
    :math:`(1 - \delta) + \delta (1 - w_C(1))`. War comes when its own war value exceeds it. The
    same with the roles reversed gives the lowest peaceful :math:`p_1`.

    >>> derive_power_shift()["lowest"]
    (discount*(1 - kappa_T) - kappa_C + power_before - 1)/discount
    """
    import sympy

    s = symbols()
    before, after, d = s["power_before"], s["power_after"], s["discount"]
    kc, kt = sympy.symbols("kappa_C kappa_T", nonnegative=True)
    war_c = {0: before - kc, 1: after - kc}
    war_t = {0: 1 - before - kt, 1: 1 - after - kt}
    most_for_target = (1 - d) + d * (1 - war_c[1])
    most_for_coercer = (1 - d) + d * (1 - war_t[1])
    (highest,) = sympy.solve(sympy.Eq(war_t[0], most_for_target), after)
    (lowest,) = sympy.solve(sympy.Eq(war_c[0], most_for_coercer), after)
    return {"highest": highest, "lowest": lowest, "kappa_coercer": kc, "kappa_target": kt}


def derive_proposer_path() -> dict[str, Any]:
    r"""One side makes every offer (Powell 2006): the offer, and the one-step shift's war thresholds.

    The responder accepts :math:`y` iff :math:`(1 - \delta) y + \delta \mu' \ge w_R`, so the
    proposer offers the :math:`y` of equality. For a one-step shift :math:`p_0 \to p_1` (the tail's
    minimum is the war value :math:`w_R(1) \ge 0`), ``rising_proposes`` is the highest :math:`p_1`
    at which the declining target can still be bought off (:math:`y \le 1`) when the rising coercer
    proposes, and ``declining_proposes`` the highest at which the declining target, proposing,
    prefers its peace value :math:`1 - \mu^C_0` to war.

    >>> derive_proposer_path()["offer"]
    (discount*mu_next - w_R)/(discount - 1)
    """
    import sympy

    s = symbols()
    before, after, d = s["power_before"], s["power_after"], s["discount"]
    kc, kt = sympy.symbols("kappa_C kappa_T", nonnegative=True)
    war, following, offer = sympy.symbols("w_R mu_next y", real=True)
    (indifferent,) = sympy.solve(sympy.Eq((1 - d) * offer + d * following, war), offer)
    war_t = {0: 1 - before - kt, 1: 1 - after - kt}
    war_c = {0: before - kc, 1: after - kc}
    bought = indifferent.subs({war: war_t[0], following: war_t[1]})
    (rising,) = sympy.solve(sympy.Eq(bought, 1), after)
    # the declining target proposes: it keeps 1 - mu^C_0 with mu^C_0 = delta w_C(1) when that binds
    (declining,) = sympy.solve(sympy.Eq(war_t[0] + d * war_c[1], 1), after)
    return {
        "offer": indifferent,
        "rising_proposes": sympy.simplify(rising),
        "declining_proposes": sympy.simplify(declining),
        "kappa_coercer": kc,
        "kappa_target": kt,
    }


def derive_power_transfer() -> dict[str, Any]:
    r"""Giving up an object that shifts power (Fearon 1995; the Budapest Memorandum).

    Each period the sides split the flow from their war values with the target taking the share
    :math:`\beta` of the surplus: :math:`v_T(q) = w_T(q) + \beta\,(1 - w_C(q) - w_T(q))`. After the
    transfer a guarantee's penalty :math:`G` lowers the coercer's war value and its support
    :math:`\sigma` raises the target's; a cap :math:`\kappa` on the coercer's take leaves the target
    at least :math:`1 - \kappa`. The shift takes effect after ``delay`` periods; the target's loss
    (the cap slack) is the discounted fall in its value, and each instrument's threshold solves
    loss = 0.

    >>> derive_power_transfer()["loss"]
    discount**delay*(-bargaining_weight*guarantee + bargaining_weight*support + shift - support)
    """
    import sympy

    s = symbols()
    p, shift, d, delay, beta, cc, ct, g = (
        s["power"],
        s["shift"],
        s["discount"],
        s["delay"],
        s["bargaining_weight"],
        s["cost_coercer"],
        s["cost_target"],
        s["guarantee"],
    )
    support, cap = sympy.symbols("support demand_cap", positive=True)

    def target_value(power: Any, penalty: Any, help_: Any) -> Any:
        war_c, war_t = power - cc - penalty, 1 - power - ct + help_
        return war_t + beta * (1 - war_c - war_t)

    before = target_value(p, 0, 0)
    loss = sympy.simplify(d**delay * (before - target_value(p + shift, g, support)))
    (minimal_guarantee,) = sympy.solve(sympy.Eq(loss, 0), g)
    (minimal_support,) = sympy.solve(sympy.Eq(loss, 0), support)
    (sufficient_cap,) = sympy.solve(sympy.Eq(1 - cap, before), cap)
    return {
        "loss": loss,
        "minimal_guarantee": minimal_guarantee,
        "minimal_support": minimal_support,
        "sufficient_cap": sufficient_cap,
        "support": support,
    }


def derive_ceasefire() -> dict[str, Any]:
    r"""A ceasefire against a one-period renege gain followed by war, with a guarantee.

    Keeping it is worth the share :math:`s` for ever; reneging gives :math:`s + g - G` for one
    period (the gain, less the guarantor's penalty) and the war value :math:`w` after. In
    normalised units: keep iff :math:`s \ge (1 - \delta)(s + g - G) + \delta w`.

    >>> derive_ceasefire()["minimal_patience"]
    (guarantee - renege_gain)/(guarantee - renege_gain - share + war_value)
    """
    import sympy

    s = symbols()
    share, gain, g, war, d = s["share"], s["renege_gain"], s["guarantee"], s["war_value"], s["discount"]
    keep = share
    renege = (1 - d) * (share + gain - g) + d * war
    (patience,) = sympy.solve(sympy.Eq(keep, renege), d)
    (guarantee,) = sympy.solve(sympy.Eq(keep, renege), g)
    return {"keep": keep, "renege": renege, "minimal_patience": patience, "minimal_guarantee": guarantee}


def derive_renewed_demands() -> dict[str, Any]:
    r"""Compliance when the coercer's aims are drawn once: limited with probability ``assurance``.

    Per unit the target holds, complying for ever with a coercer that renews the demand :math:`x`
    is worth :math:`r = (1 - x)\,(1 - \delta + \delta r)` (the stationary sum); resisting is worth
    :math:`W`. Complying with the first demand, then resisting the renewal, is worth
    :math:`(1 - x)\,[a + (1 - a)(1 - \delta + \delta W)]`; the most that can be compelled solves
    its equality with :math:`W`, at :math:`W = 1 - s`. ``renewal_gap`` is
    :math:`W - r(x^*)` (the target resists the renewal where it is non-negative).

    >>> derive_renewed_demands()["most_compellable"]
    stake*(assurance*discount - discount + 1)/(assurance*discount*stake - discount*stake + 1)
    """
    import sympy

    s = symbols()
    a, d, x, resist = s["assurance"], s["discount"], s["demand"], s["resistance_value"]
    stake = sympy.Symbol("stake", positive=True)
    value = sympy.Symbol("r")
    (submit,) = sympy.solve(sympy.Eq(value, (1 - x) * (1 - d + d * value)), value)
    comply = (1 - x) * (a + (1 - a) * (1 - d + d * resist))
    (most,) = sympy.solve(sympy.Eq(comply, resist), x)
    most = sympy.factor(most.subs(resist, 1 - stake))
    gap = sympy.factor((resist - submit).subs(resist, 1 - stake).subs(x, most))
    return {
        "submit": sympy.simplify(submit),
        "comply": comply,
        "most_compellable": most,
        "renewal_gap": gap,
        "stake": stake,
    }


def derive_trust_threshold() -> dict[str, Any]:
    r"""The assurance game with an uncertain type (Kydd 2005): the trust needed to cooperate.

    A trustworthy side that expects the other to cooperate iff trustworthy (probability
    :math:`\pi`) compares :math:`\pi R + (1 - \pi)(S + G)` with :math:`\pi T + (1 - \pi) P`; the
    guarantee :math:`G` makes a betrayal cost less.

    >>> derive_trust_threshold()["threshold"]
    (guarantee - punishment + sucker)/(guarantee - punishment - reward + sucker + temptation)
    """
    import sympy

    s = symbols()
    r, t, pu, su, g, prior = (
        s["reward"],
        s["temptation"],
        s["punishment"],
        s["sucker"],
        s["guarantee"],
        s["prior"],
    )
    cooperate = prior * r + (1 - prior) * (su + g)
    defect = prior * t + (1 - prior) * pu
    (threshold,) = sympy.solve(sympy.Eq(cooperate, defect), prior)
    return {"cooperate": cooperate, "defect": defect, "threshold": threshold}


def derive_gradualism() -> dict[str, Any]:
    r"""Watson's (1999) path of stakes: where a strategic greedy type is indifferent between betraying
    a step and going on.

    Betraying step :math:`k` of size :math:`\sigma_k` gains :math:`G \sigma_k`; keeping it gains
    :math:`\sigma_k` and the next period's best option. Indifference between betraying step
    :math:`k` and step :math:`k + 1` gives the growth of the stakes; between betraying the last
    step and betraying the big agreement (size 1), the last step :math:`\rho`. With a
    signing probability :math:`\lambda` the mixed equilibrium's :math:`\lambda` and the greedy
    type's reach probability :math:`m` solve the two indifferences.

    >>> derive_gradualism()["threshold"]
    loss/(loss + 1)
    """
    import sympy

    s = symbols()
    d, prior, loss = s["discount"], s["prior"], s["loss"]
    greed, current, following, last = sympy.symbols("temptation sigma_k sigma_next sigma_last", positive=True)
    (growth,) = sympy.solve(sympy.Eq(greed * current, current + d * greed * following), following)
    (rho,) = sympy.solve(sympy.Eq(greed * last, last + d * greed), last)
    best, kept, signing, reach, steps = sympy.symbols("B_star K_n lambda m n", positive=True)
    (signing_value,) = sympy.solve(sympy.Eq(best, kept + d**steps * signing * greed), signing)
    belief = sympy.Symbol("belief", positive=True)
    (threshold,) = sympy.solve(sympy.Eq(belief - (1 - belief) * loss, 0), belief)
    (reach_value,) = sympy.solve(sympy.Eq(prior / (prior + (1 - prior) * reach), threshold), reach)
    return {
        "growth": sympy.simplify(growth / current),
        "growth_limit": sympy.simplify(rho),
        "signing_probability": signing_value,
        "reach_probability": sympy.simplify(reach_value),
        "threshold": threshold,
        "symbols": {"temptation": greed, "best": best, "kept": kept, "steps": steps},
    }


def derive_small_steps() -> dict[str, Any]:
    r"""Small steps: Bayes on kept steps, the steps needed, and the plan's expected value.

    A greedy type breaks a step of size :math:`s` with probability :math:`s`; a trustworthy type
    keeps every step. A kept step is worth :math:`s`, a broken one costs :math:`sL`; the big
    agreement is the same at size 1 and is signed once it pays in expectation.

    >>> derive_small_steps()["posterior"]
    prior/(prior - (1 - size)**k*(prior - 1))
    """
    import sympy

    s = symbols()
    prior, size, loss, d = s["prior"], s["size"], s["loss"], s["discount"]
    k = sympy.Symbol("k", integer=True, nonnegative=True)
    n = sympy.Symbol("n", integer=True, positive=True)
    kept_greedy = (1 - size) ** k
    posterior = sympy.simplify(prior / (prior + (1 - prior) * kept_greedy))
    belief = sympy.Symbol("belief", positive=True)
    (threshold,) = sympy.solve(sympy.Eq(belief * 1 - (1 - belief) * loss, 0), belief)
    # the step-k term, unconditionally: reach it, then a trustworthy or a greedy partner
    reach_greedy = (1 - prior) * kept_greedy
    step = prior * size + reach_greedy * ((1 - size) * size - size * size * loss)
    steps_value = sympy.summation(sympy.expand(d**k * step), (k, 0, n - 1))
    # discount * (1 - size) < 1: keep the geometric branch of each sum
    steps_value = steps_value.replace(sympy.Piecewise, lambda *branches: branches[-1][0])
    agreement = d**n * (prior - (1 - prior) * (1 - size) ** n * loss)
    (steps_needed,) = sympy.solve(sympy.Eq(prior - (1 - prior) * (1 - size) ** n * loss, 0), n)
    return {
        "posterior": posterior,
        "threshold": sympy.simplify(threshold),
        "steps_value": steps_value,
        "agreement_value": agreement,
        "steps_needed": steps_needed,
        "success_probability": prior + (1 - prior) * (1 - size) ** n,
    }

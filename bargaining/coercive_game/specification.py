r"""The symbolic specification of the small coercive games: derived from the payoffs by sympy.

The one- and two-period games without battles and with a continuum of types, :math:`\tau \sim
U[0, 1]`, :math:`c_T(\tau) = c_0 + c_1 (1 - \tau)`, try-and-see. A cut-off :math:`u` settles the
types below it; the offer leaves the marginal type indifferent between settling and its
equilibrium continuation; C maximises over the cut-offs, the later one first (backward
induction, so the first cut-off's offer anticipates the second). Nothing is typed in: each
function writes the payoffs and solves the first-order conditions.
:mod:`bargaining.coercive_game.symbolic` is the plain arithmetic that
``proofs/test_coercive_game.py`` holds equal to these derivations.

>>> derive_one_period()["cutoff"]
-(-c_0 - c_1 - c_C + kappa*q*s - q*s)/(2*c_1)
"""

from __future__ import annotations

from typing import Any

__all__ = ["derive_mixing", "derive_one_period", "derive_two_period", "symbols"]


def symbols() -> dict[str, Any]:
    """The symbols of the derivations, by name (costs positive, the rest real).

    >>> sorted(symbols())
    ['c_0', 'c_1', 'c_C', 'delta', 'kappa', 'p', 'q', 's', 'u1', 'u2']
    """
    import sympy

    positive = {name: sympy.Symbol(name, positive=True) for name in ("c_1", "delta")}
    real = {
        name: sympy.Symbol(name, real=True) for name in ("p", "c_C", "c_0", "q", "s", "kappa", "u1", "u2")
    }
    return {**positive, **real}


def _pieces() -> tuple[dict[str, Any], Any, Any, Any]:
    s = symbols()

    def cost(u: Any) -> Any:
        return s["c_0"] + s["c_1"] * (1 - u)

    carrot_t, carrot_c = s["q"] * s["s"], s["kappa"] * s["q"] * s["s"]
    second_offer = s["p"] + carrot_t + cost(s["u2"])  # the last period: T's war value, plus the carrot
    second_value = (s["u2"] - s["u1"]) * (second_offer - carrot_c) + (1 - s["u2"]) * (s["p"] - s["c_C"])
    return s, cost, second_offer, second_value


def derive_one_period() -> dict[str, Any]:
    r"""The last period against the types above :math:`u_1 = 0`: the interior cut-off and offer.

    :math:`\max_u\; u\,(x(u) - \kappa q s) + (1 - u)(p - c_C)`, :math:`x(u) = p + q s + c_T(u)`.

    >>> derive_one_period()["cutoff"]
    -(-c_0 - c_1 - c_C + kappa*q*s - q*s)/(2*c_1)
    """
    import sympy

    s, _, offer, value = _pieces()
    value = value.subs(s["u1"], 0)
    cutoff = sympy.solve(sympy.diff(value, s["u2"]), s["u2"])[0]
    return {"cutoff": sympy.factor(cutoff), "offer": sympy.expand(offer.subs(s["u2"], cutoff)),
            "concavity": sympy.diff(value, s["u2"], 2)}  # fmt: skip


def derive_two_period() -> dict[str, Any]:
    r"""Two periods without commitment: the second cut-off as a function of the first, and the first.

    The second period is the one-period problem against the types above :math:`u_1`; the first
    offer leaves type :math:`u_1` indifferent between settling now and the second offer a period
    later, :math:`1 - x_1 + qs = (1-\delta)(1 - p - c_T(u_1)) + \delta(1 - x_2 + qs)`.

    >>> derive_two_period()["first_offer"]
    -delta*(-c_0 - c_1*(1 - u2) - p + 1) + q*s - (1 - delta)*(-c_0 - c_1*(1 - u1) - p + 1) + 1
    """
    import sympy

    s, cost, second_offer, second_value = _pieces()
    u1, u2, delta = s["u1"], s["u2"], s["delta"]
    second = sympy.solve(sympy.diff(second_value, u2), u2)[0]
    first_offer = (
        1
        + s["q"] * s["s"]
        - ((1 - delta) * (1 - s["p"] - cost(u1)) + delta * (1 - second_offer + s["q"] * s["s"]))
    )
    first_value = (
        u1 * (first_offer - s["kappa"] * s["q"] * s["s"])
        + (1 - u1) * (1 - delta) * (s["p"] - s["c_C"])
        + delta * second_value
    )
    interior = first_value.subs(u2, second)
    first = sympy.solve(sympy.diff(interior, u1), u1)[0]
    everyone_later = first_value.subs(u2, 1)  # the second period settles with every remaining type
    first_all = sympy.solve(sympy.diff(everyone_later, u1), u1)[0]
    rest_later = sympy.solve(sympy.diff(everyone_later, u1), u1)[0]
    switch = interior.subs(u1, first) - everyone_later.subs(u1, rest_later)  # screening minus rest-later
    return {
        "switch": switch,
        "second_cutoff": sympy.factor(second),
        "first_cutoff": sympy.factor(first),
        "first_cutoff_rest_later": sympy.factor(first_all),
        "first_offer": first_offer,
        "concavity": sympy.factor(sympy.diff(interior, u1, 2)),
        "kink_slope_drop": sympy.factor(
            (sympy.diff(interior, u1) - sympy.diff(everyone_later, u1)).subs(
                u1, sympy.solve(second - 1, u1)[0]
            )
        ),
    }


def derive_mixing() -> dict[str, Any]:
    r"""The marginal type's mixing at an atom: two atoms, two periods, no battles, try-and-see.

    Types :math:`0` and :math:`1` with prior masses :math:`w_0, 1 - w_0` and war costs
    :math:`c_0 > c_1` per period (carrots :math:`s, \kappa, q`). In the last period, with the
    cut-off :math:`u \le w_0`, C either holds the rest of type 0 to its war value,
    :math:`x_0 = p + qs + c_0`, and fights type 1, or settles everyone at type 1's,
    :math:`x_1 = p + qs + c_1`:

    .. math:: (w_0 - u)(x_0 - \kappa q s) + (1 - w_0)(p - c_C) \quad\text{vs}\quad (1 - u)(x_1 - \kappa q s).

    They are equal at the cut-off :math:`u^*` (``cutoff``): type 0, accepting the first offer with
    probability :math:`\sigma = u^*/w_0` (``mixing``), leaves C indifferent in the last period.
    Below :math:`u^*` C holds type 0 down, so type 0's refusal value is its war value and the first
    offer is :math:`x_0` too (``first_offer``): C's first-period value, increasing in the cut-off
    on :math:`[0, u^*]` (``slope_below``, positive when settling at :math:`x_0` beats fighting),
    is best at :math:`u^*` from below, and there C's tie in the last period goes the way that keeps
    the first offer, holding type 0 down.

    >>> import sympy
    >>> mixing = derive_mixing()
    >>> mixing["first_offer"]
    c_T0 + p + q*s
    >>> named = {**symbols(), **mixing["symbols"]}
    >>> at = {named["w_0"]: sympy.Rational(1, 2), named["c_T0"]: sympy.Rational(1, 5),
    ...       named["c_T1"]: sympy.Rational(1, 20), named["c_C"]: 0, named["s"]: 0}
    >>> mixing["cutoff"].subs(at), mixing["mixing"].subs(at), mixing["slope_below"].subs(at)
    (1/3, 2/3, 1/5 - delta/5)
    """
    import sympy

    s = symbols()
    w0, c0, c1, u = (sympy.Symbol(name, positive=True) for name in ("w_0", "c_T0", "c_T1", "u"))
    delta, p, carrot_t, carrot_c = s["delta"], s["p"], s["q"] * s["s"], s["kappa"] * s["q"] * s["s"]
    hold = p + carrot_t + c0
    everyone = p + carrot_t + c1
    hold_value = (w0 - u) * (hold - carrot_c) + (1 - w0) * (p - s["c_C"])
    everyone_value = (1 - u) * (everyone - carrot_c)
    (cutoff,) = sympy.solve(sympy.Eq(hold_value, everyone_value), u)
    refuse = (1 - delta) * (1 - p - c0) + delta * (1 - hold + carrot_t)  # type 0 held down next period
    first_offer = sympy.simplify(1 + carrot_t - refuse)
    first_value = u * (first_offer - carrot_c) + (1 - u) * (1 - delta) * (p - s["c_C"]) + delta * hold_value
    return {
        "cutoff": sympy.factor(cutoff),
        "mixing": sympy.factor(cutoff / w0),
        "first_offer": first_offer,
        "slope_below": sympy.factor(sympy.diff(first_value, u)),
        "symbols": {"w_0": w0, "c_T0": c0, "c_T1": c1},
    }

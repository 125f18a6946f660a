r"""The symbolic specification of the crisis models: each closed form derived from its setting.

Nothing here is typed in: every function states the setting (utilities, indifference or
first-order conditions) and lets sympy solve it. The numeric layer in
:mod:`bargaining.crisis.range`, :mod:`~bargaining.crisis.risk_return` and
:mod:`~bargaining.crisis.screening` is plain arithmetic; the proofs in ``proofs/`` hold it equal
to these derivations for all parameters.

>>> derive_risk_return()["interior_demand"]
-cost_coercer/2 + cost_high/2 + power
"""

from __future__ import annotations

from typing import Any

from ..core.derived import symbols as declared_symbols

__all__ = [
    "derive_bargaining_range",
    "derive_first_strike_range",
    "derive_mutual_optimism_range",
    "derive_risk_return",
    "derive_screening_cutoff",
    "symbols",
]


def symbols() -> dict[str, Any]:
    """The symbols the derivations use, by name: each model parameter with the assumptions of its
    declared domain (a probability is non-negative, a cost non-negative), and the quantities of
    the derivations that are not fields (the demand, the support of a uniform cost) positive.

    >>> symbols()["power"].is_nonnegative, symbols()["cost_high"].is_positive
    (True, True)
    """
    from .range import Crisis
    from .risk_return import RiskReturn
    from .screening import Screening

    return declared_symbols(Crisis, RiskReturn, Screening, extra=("demand", "cost_low", "cost_high"))


def derive_bargaining_range() -> dict[str, Any]:
    r"""Solve :math:`u_C(x) = W_C` and :math:`u_T(1 - x) = W_T` for the range's two ends.

    The war payoffs are expected utilities of the lottery over winning everything and nothing,
    :math:`p\,u(1) + (1 - p)\,u(0) - c`, with :math:`u(y) = y^r`.

    >>> derive_bargaining_range()["lower"]
    (-cost_coercer + power)**(1/risk_coercer)
    """
    import sympy

    s = symbols()
    p, cc, ct, rc, rt, x = (
        s["power"],
        s["cost_coercer"],
        s["cost_target"],
        s["risk_coercer"],
        s["risk_target"],
        s["demand"],
    )

    def utility(y: Any, r: Any) -> Any:
        return y**r

    war_coercer = p * utility(1, rc) + (1 - p) * utility(0, rc) - cc
    war_target = (1 - p) * utility(1, rt) + p * utility(0, rt) - ct
    (lower,) = sympy.solve(sympy.Eq(utility(x, rc), war_coercer), x)
    (upper,) = sympy.solve(sympy.Eq(utility(1 - x, rt), war_target), x)
    return {"lower": lower, "upper": upper, "war_coercer": war_coercer, "war_target": war_target}


def derive_risk_return() -> dict[str, Any]:
    r"""Maximise :math:`U_C(x)` for a uniform target cost: the interior demand and its war risk.

    >>> derive_risk_return()["interior_demand"]
    -cost_coercer/2 + cost_high/2 + power
    """
    import sympy

    s = symbols()
    p, cc, lo, hi, x = s["power"], s["cost_coercer"], s["cost_low"], s["cost_high"], s["demand"]
    war = (x - p - lo) / (hi - lo)  # F(x - p) on the support
    utility = x * (1 - war) + (p - cc) * war
    (interior,) = sympy.solve(sympy.diff(utility, x), x)
    curvature = sympy.simplify(sympy.diff(utility, x, 2) * (hi - lo))  # hi > lo
    if not curvature.is_negative:  # pragma: no cover - a derivation that no longer holds
        raise ArithmeticError(f"U_C is not concave in the demand: (hi - lo) U'' = {curvature}")
    return {
        "utility": utility,
        "interior_demand": interior,
        "interior_war_probability": sympy.simplify(war.subs(x, interior)),
        "safe_demand": sympy.solve(sympy.Eq(war, 0), x)[0],
        "certain_war_demand": sympy.solve(sympy.Eq(war, 1), x)[0],
    }


def derive_screening_cutoff() -> Any:
    r"""The prior on the tough type at which the tough and the soft demand pay the same.

    >>> derive_screening_cutoff()
    (cost_soft - cost_tough)/(cost_coercer + cost_soft)
    """
    import sympy

    s = symbols()
    p, cc, cl, ch, prior = (
        s["power"],
        s["cost_coercer"],
        s["cost_tough"],
        s["cost_soft"],
        s["prior_tough"],
    )
    soft = p + cl
    tough = (1 - prior) * (p + ch) + prior * (p - cc)
    (cutoff,) = sympy.solve(sympy.Eq(soft, tough), prior)
    return cutoff


def derive_mutual_optimism_range() -> dict[str, Any]:
    r"""Each side compares a deal with war *by its own belief*: solve
    :math:`x = p_C - c_C` and :math:`1 - x = q_T - c_T`, and the emptiness condition.

    >>> derive_mutual_optimism_range()["empty_when"]
    p_C > c_C + c_T - q_T + 1
    """
    import sympy

    pc, qt, cc, ct, x = sympy.symbols("p_C q_T c_C c_T x", positive=True)
    (lower,) = sympy.solve(sympy.Eq(x, pc * 1 + (1 - pc) * 0 - cc), x)
    (upper,) = sympy.solve(sympy.Eq(1 - x, qt * 1 + (1 - qt) * 0 - ct), x)
    empty = sympy.solve(sympy.Gt(lower - upper, 0), pc)  # in terms of C's belief
    return {"lower": lower, "upper": upper, "empty_when": empty, "symbols": (pc, qt, cc, ct)}


def derive_first_strike_range() -> dict[str, Any]:
    r"""Each side compares a deal with striking first: the coercer wins with :math:`p + f_C` when it
    strikes first, with :math:`p - f_T` when the target does.

    >>> derive_first_strike_range()["lower"]
    -c_C + f_C + p
    """
    import sympy

    p, fc, ft, cc, ct, x = sympy.symbols("p f_C f_T c_C c_T x", positive=True)
    (lower,) = sympy.solve(sympy.Eq(x, (p + fc) - cc), x)
    (upper,) = sympy.solve(sympy.Eq(1 - x, (1 - (p - ft)) - ct), x)
    return {"lower": lower, "upper": upper, "symbols": (p, fc, ft, cc, ct)}

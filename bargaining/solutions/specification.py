r"""The symbolic specification of the bargaining solutions: each closed form derived in sympy.

Each function writes down the equilibrium or optimality conditions and solves them; the numeric
layer (:mod:`~bargaining.solutions.rubinstein`, :mod:`~bargaining.solutions.axiomatic`) is held
equal to these results by the proofs in ``proofs/test_solutions.py``.

>>> derive_rubinstein()["first_share"]
(delta_2 - 1)/(delta_1*delta_2 - 1)
>>> derive_continuous_time_limit()
r_2/(r_1 + r_2)
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "derive_breakdown_limit",
    "derive_continuous_time_limit",
    "derive_deadline_share",
    "derive_nash_on_line",
    "derive_rubinstein",
]


def derive_rubinstein(with_breakdown: bool = False) -> dict[str, Any]:
    r"""Solve the stationary indifference conditions of alternating offers.

    Each proposer offers the responder exactly its value of rejecting:
    :math:`1 - a = q e_2 + (1 - q) \delta_2 b` and :math:`1 - b = q e_1 + (1 - q) \delta_1 a`
    (with ``with_breakdown=False``, :math:`q = 0`).

    >>> derive_rubinstein()["first_share"]
    (delta_2 - 1)/(delta_1*delta_2 - 1)
    """
    import sympy

    a, b = sympy.symbols("a b")
    d1, d2 = sympy.symbols("delta_1 delta_2", positive=True)
    q = sympy.Symbol("q", nonnegative=True) if with_breakdown else sympy.Integer(0)
    e1, e2 = sympy.symbols("e_1 e_2", real=True)
    solution = sympy.solve(
        [
            sympy.Eq(1 - a, q * e2 + (1 - q) * d2 * b),
            sympy.Eq(1 - b, q * e1 + (1 - q) * d1 * a),
        ],
        [a, b],
        dict=True,
    )[0]
    return {
        "first_share": sympy.simplify(solution[a]),
        "second_share_when_proposing": sympy.simplify(solution[b]),
        "symbols": {"delta_1": d1, "delta_2": d2, "q": q, "e_1": e1, "e_2": e2},
    }


def derive_continuous_time_limit() -> Any:
    r"""The limit of Rubinstein's share with :math:`\delta_i = e^{-r_i \Delta}` as :math:`\Delta \to 0`.

    >>> derive_continuous_time_limit()
    r_2/(r_1 + r_2)
    """
    import sympy

    r1, r2, step = sympy.symbols("r_1 r_2 Delta", positive=True)
    derived = derive_rubinstein()
    d1, d2 = derived["symbols"]["delta_1"], derived["symbols"]["delta_2"]
    share = derived["first_share"].subs({d1: sympy.exp(-r1 * step), d2: sympy.exp(-r2 * step)})
    return sympy.simplify(sympy.limit(share, step, 0, "+"))


def derive_breakdown_limit() -> Any:
    r"""Binmore–Rubinstein–Wolinsky: without discounting, the share as the breakdown risk vanishes.

    >>> derive_breakdown_limit()
    e_1/2 - e_2/2 + 1/2
    """
    import sympy

    derived = derive_rubinstein(with_breakdown=True)
    s = derived["symbols"]
    share = derived["first_share"].subs({s["delta_1"]: 1, s["delta_2"]: 1})
    return sympy.simplify(sympy.limit(share, s["q"], 0, "+"))


def derive_deadline_share() -> dict[str, Any]:
    r"""First proposer's share with ``2n + 1`` offers before the deadline (the last proposer, 1,
    takes all): solve the two-period recursion :math:`v_n = (1 - \delta_2) + \delta_1 \delta_2 v_{n-1}`,
    :math:`v_0 = 1`.

    >>> sorted(derive_deadline_share())
    ['delta_1', 'delta_2', 'n', 'share']
    """
    import sympy

    n = sympy.Symbol("n", integer=True, nonnegative=True)
    d1, d2 = sympy.symbols("delta_1 delta_2", positive=True)
    v = sympy.Function("v")
    closed = sympy.rsolve(v(n) - (1 - d2) - d1 * d2 * v(n - 1), v(n), {v(0): 1})
    return {"share": sympy.simplify(closed), "n": n, "delta_1": d1, "delta_2": d2}


def derive_nash_on_line() -> dict[str, Any]:
    r"""The weighted Nash point on the line :math:`u = s + t\,\Delta`: solve the first-order condition
    of :math:`w \log(u_1 - d_1) + (1 - w) \log(u_2 - d_2)` in :math:`t`.

    >>> sorted(derive_nash_on_line())
    ['symbols', 't']
    """
    import sympy

    t, w = sympy.symbols("t w", positive=True)
    s1, s2, g1, g2, d1, d2 = sympy.symbols("s_1 s_2 Delta_1 Delta_2 d_1 d_2", real=True)
    objective = w * sympy.log(s1 + t * g1 - d1) + (1 - w) * sympy.log(s2 + t * g2 - d2)
    (root,) = sympy.solve(sympy.diff(objective, t), t)
    return {"t": sympy.simplify(root), "symbols": (w, s1, s2, g1, g2, d1, d2)}

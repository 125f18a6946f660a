r"""The symbolic specification of the games section: each closed form derived from its setting.

* **Grim trigger** in the repeated prisoner's dilemma (Friedman 1971): cooperation forever is
  worth :math:`R/(1-\delta)`; the best deviation earns :math:`T` once and :math:`P` for ever after.
  The threshold solves the indifference :math:`R/(1-\delta) = T + \delta P/(1-\delta)`.
* **Tit for tat** (Axelrod 1984): against tit for tat the best replies are to cooperate for ever,
  to defect for ever (:math:`T + \delta P/(1-\delta)`) or to alternate
  (:math:`(T + \delta S)/(1 - \delta^2)`); the threshold is the larger of the two indifference
  points.
* The **fully mixed equilibrium of a 2x2 game**: each player mixes to make the other indifferent.
* The **crisis tree** (:func:`bargaining.games.tree.crisis_game`): the coercer of type :math:`t`
  executes iff :math:`w_t \ge -a`, and against a threat executed with probability :math:`\pi` the
  target resists iff :math:`\pi L \le x`.

>>> derive_grim_trigger()
(reward - temptation)/(punishment - temptation)
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "derive_crisis_thresholds",
    "derive_grim_trigger",
    "derive_mixed_equilibrium_2x2",
    "derive_tit_for_tat",
    "symbols",
]


def symbols() -> dict[str, Any]:
    """The real symbols the derivations use, by name.

    >>> sorted(symbols())[:4]
    ['audience_cost', 'demand', 'discount', 'execution_probability']
    """
    import sympy

    names = (
        "temptation reward punishment sucker discount demand loss audience_cost value execution_probability"
    )
    return {name: sympy.Symbol(name, real=True) for name in names.split()}


def derive_grim_trigger() -> Any:
    """The discount factor above which grim trigger sustains cooperation.

    >>> derive_grim_trigger()
    (reward - temptation)/(punishment - temptation)
    """
    import sympy

    s = symbols()
    t, r, p, d = s["temptation"], s["reward"], s["punishment"], s["discount"]
    cooperate = r / (1 - d)
    deviate = t + d * p / (1 - d)
    (threshold,) = sympy.solve(sympy.Eq(cooperate, deviate), d)
    return sympy.factor(threshold)


def derive_tit_for_tat() -> tuple[Any, Any]:
    """The two indifference points of tit for tat: against defecting for ever, against alternating.

    >>> derive_tit_for_tat()[0]
    (reward - temptation)/(punishment - temptation)
    """
    import sympy

    s = symbols()
    t, r, p, q, d = s["temptation"], s["reward"], s["punishment"], s["sucker"], s["discount"]
    cooperate = r / (1 - d)
    defect_forever = t + d * p / (1 - d)
    alternate = (t + d * q) / (1 - d**2)
    (against_defection,) = sympy.solve(sympy.Eq(cooperate, defect_forever), d)
    roots = [root for root in sympy.solve(sympy.Eq(cooperate, alternate), d) if root != -1]
    (against_alternation,) = roots
    return sympy.factor(against_defection), sympy.factor(against_alternation)


def derive_mixed_equilibrium_2x2() -> dict[str, Any]:
    r"""The probabilities of the first action in a fully mixed equilibrium of a 2x2 game.

    >>> derive_mixed_equilibrium_2x2()["row"]
    (-b21 + b22)/(b11 - b12 - b21 + b22)
    """
    import sympy

    a = sympy.Matrix(2, 2, sympy.symbols("a11 a12 a21 a22", real=True))
    b = sympy.Matrix(2, 2, sympy.symbols("b11 b12 b21 b22", real=True))
    x, y = sympy.symbols("x y", real=True)
    row = sympy.Matrix([x, 1 - x])
    column = sympy.Matrix([y, 1 - y])
    (row_probability,) = sympy.solve(sympy.Eq((row.T * b)[0], (row.T * b)[1]), x)
    (column_probability,) = sympy.solve(sympy.Eq((a * column)[0], (a * column)[1]), y)
    return {"row": row_probability, "column": column_probability, "A": a, "B": b}


def derive_crisis_thresholds() -> dict[str, Any]:
    r"""The indifference points of the crisis tree: execution and resistance.

    >>> derive_crisis_thresholds()["execute_if_value_at_least"]
    -audience_cost
    """
    import sympy

    s = symbols()
    x, loss, a, w, pi = s["demand"], s["loss"], s["audience_cost"], s["value"], s["execution_probability"]
    (execute_value,) = sympy.solve(sympy.Eq(w, -a), w)
    resist = pi * (-loss) + (1 - pi) * 0
    (resist_demand,) = sympy.solve(sympy.Eq(resist, -x), x)
    return {"execute_if_value_at_least": execute_value, "resist_if_demand_at_least": resist_demand}

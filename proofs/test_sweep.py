"""The sweep carries the derivation through unchanged: on every cell of a grid, the value a
sweep stores is the closed form derived in sympy (:mod:`bargaining.crisis.specification`) for the
regime the sweep labels that cell with. A sweep has no closed form of its own; what it must not
do is lose, shuffle or mislabel the model's."""

import numpy as np
import sympy

from bargaining.crisis import RiskReturn
from bargaining.crisis.specification import derive_risk_return, symbols
from bargaining.sweep import regime_labels, sweep


def test_each_cell_of_a_risk_return_sweep_is_the_derived_closed_form_of_its_regime():
    derived = derive_risk_return()
    s = symbols()
    arguments = (s["power"], s["cost_coercer"], s["cost_low"], s["cost_high"])
    interior = sympy.lambdify(arguments, derived["interior_demand"], "numpy")
    safe = sympy.lambdify(arguments, derived["safe_demand"], "numpy")
    war = sympy.lambdify(arguments, derived["interior_war_probability"], "numpy")
    cap = sympy.lambdify(arguments, sympy.Min(derived["certain_war_demand"], 1), "numpy")

    power, cost, low, high = np.linspace(0, 1, 23), np.linspace(0, 0.5, 7), 0.05, np.linspace(0.1, 1.2, 17)
    result = sweep(RiskReturn, fixed={"target_cost_low": low}, power=power, cost_coercer=cost,
                   target_cost_high=high, chunks=500, progress=False)
    grid = np.meshgrid(power, cost, high, indexing="ij")
    p, c, h = grid
    labels = regime_labels(result["regime"]).values
    demand = result["demand"].values
    expected = np.select(
        [labels == "interior", labels == "safe", labels == "capped"],
        [interior(p, c, low, h), np.minimum(safe(p, c, low, h), 1), cap(p, c, low, h)],
    )
    assert np.allclose(demand, expected, atol=1e-12)
    inside = labels == "interior"
    assert inside.any() and (labels == "safe").any() and (labels == "capped").any()
    assert np.allclose(result["war_probability"].values[inside], war(p, c, low, h)[inside], atol=1e-12)

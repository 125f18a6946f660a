r"""An independent check of the power-path test: peace as a linear feasibility problem (scipy HiGHS).

The unknowns are the coercer's share :math:`x_t \in [0, 1]` of each period's flow before the tail
and its continuation value :math:`V_t`; the constraints are the definition of the value and the
two war constraints,

.. math:: V_t - (1 - \delta)\,x_t - \delta V_{t+1} = 0, \qquad
          \max(0, w_C(t)) \le V_t \le \min(1, 1 - w_T(t)) \quad (t < T),

and in the stationary tail a constant division: :math:`V_T` with the same bounds at :math:`T`.
The problem is sparse (three non-zeros per row), so HiGHS handles long paths, but it is solved by a
general LP method where :meth:`~bargaining.commitment.PowerPath.is_peaceful` runs one backward
pass. A path is peaceful iff the LP is feasible (up to HiGHS's feasibility tolerance, about
:math:`10^{-7}`).

>>> from fractions import Fraction
>>> from bargaining.commitment import PowerPath
>>> slow = PowerPath([Fraction(k, 10) for k in range(11)], discount=Fraction(9, 10),
...                  cost_target=Fraction(1, 10))
>>> is_peaceful_by_linear_program(slow)
False
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .power_path import PowerPath

__all__ = ["is_peaceful_by_linear_program"]

_FEASIBILITY = 1e-7  # HiGHS's default primal feasibility tolerance


def _feasible(power: np.ndarray, discount: float, costs: tuple[float, float]) -> bool:
    from scipy.optimize import linprog
    from scipy.sparse import coo_matrix

    periods = power.size
    war_c = power - costs[0]
    war_t = 1 - power - costs[1]
    lower = np.maximum(war_c, 0.0)
    upper = np.minimum(1 - war_t, 1.0)
    if np.any(lower > upper + _FEASIBILITY):
        return False
    upper = np.maximum(upper, lower)  # a tie within the tolerance, as HiGHS itself would accept
    steps = periods - 1
    if steps == 0:
        return True
    # variables: V_0 .. V_T (periods values), then x_0 .. x_{T-1}
    rows = np.arange(steps)
    row_index = np.concatenate([rows, rows, rows])
    column_index = np.concatenate([rows, rows + 1, periods + rows])
    data = np.concatenate([np.ones(steps), np.full(steps, -discount), np.full(steps, -(1 - discount))])
    equality = coo_matrix((data, (row_index, column_index)), shape=(steps, periods + steps)).tocsr()
    bounds = np.concatenate([np.stack([lower, upper], axis=1), np.tile([0.0, 1.0], (steps, 1))])
    result = linprog(
        np.zeros(periods + steps),
        A_eq=equality,
        b_eq=np.zeros(steps),
        bounds=bounds,
        method="highs",
    )
    return bool(result.status == 0)


def is_peaceful_by_linear_program(path: PowerPath) -> Any:
    """Whether a peaceful division exists, decided by a linear program (scipy HiGHS).

    Parameters
    ----------
    path : PowerPath
        A numeric path (exact inputs are converted to floats); a stack is solved row by row.

    Returns
    -------
    bool or bool array
        One verdict per path.

    >>> from fractions import Fraction
    >>> from bargaining.commitment import PowerPath
    >>> path = PowerPath([Fraction(1, 2), Fraction(3, 5)], discount=Fraction(9, 10), cost_coercer=Fraction(1, 20), cost_target=Fraction(1, 20))
    >>> bool(is_peaceful_by_linear_program(path))
    True
    """
    if path.kind == "symbolic":
        raise NotImplementedError("the linear program needs numbers")
    power = np.asarray(path.power, dtype=float)
    discount = float(path.discount)
    costs = tuple(float(value) for value in path.war_costs)
    cost_pair = (costs[0], costs[1])
    if power.ndim == 1:
        return _feasible(power, discount, cost_pair)
    return np.array([_feasible(row, discount, cost_pair) for row in power])

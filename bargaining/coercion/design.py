r"""Optimal design of an ultimatum, and the comparative statics of its instruments.

:func:`optimal_design` chooses the demand, the carrot, the vagueness of the condition and the
audience cost of the threat to maximise the coercer's expected utility minus the user's cost
of specificity, :math:`c_\sigma (\bar\sigma - \sigma) + c_a a`. The demand alone has a closed
form (:func:`~bargaining.coercion.ultimatum.optimal_demand`); the joint problem is solved by a
coarse grid (so a kink cannot trap the search) refined by a bounded scipy optimiser, and the
refinement must not be worse than the grid.

:func:`comparative_statics` differentiates the derived compliance and war probabilities
(:func:`~bargaining.coercion.specification.derive_compliance`) with respect to each instrument in
the interior regime, and states the sign with the region where it holds.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from ..core.errors import ConvergenceError, ParameterTypeError, ParameterValueError
from .ultimatum import Ultimatum

__all__ = ["Design", "Sign", "comparative_statics", "optimal_design"]


@dataclass(frozen=True, slots=True)
class Design:
    """The coercer's best ultimatum and the net utility it earns (utility minus specificity cost)."""

    demand: float
    carrot: float
    vagueness: float
    audience_cost: float
    net_utility: float
    ultimatum: Ultimatum


def _objective(base: Ultimatum, vagueness_max: float, specificity_cost: float, publicity_cost: float) -> Any:
    def value(demand: Any, carrot: Any, vagueness: Any, audience: Any) -> Any:
        trial = replace(base, demand=demand, carrot=carrot, vagueness=vagueness, audience_cost=audience)
        utility = trial.outcome().coercer_utility
        return utility - specificity_cost * (vagueness_max - vagueness) - publicity_cost * audience

    return value


def optimal_design(
    ultimatum: Ultimatum,
    *,
    carrot_max: float = 0.0,
    vagueness_max: float = 0.0,
    audience_cost_max: float = 0.0,
    specificity_cost: float = 0.0,
    publicity_cost: float = 0.0,
    grid_points: int = 9,
) -> Design:
    """The best (demand, carrot, vagueness, audience cost) within the bounds, every other field fixed.

    ``specificity_cost`` is paid per unit of vagueness removed below ``vagueness_max``,
    ``publicity_cost`` per unit of audience cost; the carrot costs what ``carrot_efficiency``
    says. A bound of zero keeps that instrument at the ultimatum's own value.

    >>> design = optimal_design(Ultimatum(0.5, audience_cost=1.0))
    >>> round(design.demand, 6), round(design.net_utility, 6)
    (0.5, 0.25)
    """
    if ultimatum.kind not in ("exact", "float"):
        raise ParameterTypeError("ultimatum", "an ultimatum with numeric scalar fields", ultimatum)
    bounds = {
        "carrot_max": carrot_max,
        "vagueness_max": vagueness_max,
        "audience_cost_max": audience_cost_max,
        "specificity_cost": specificity_cost,
        "publicity_cost": publicity_cost,
    }
    for name, bound in bounds.items():
        if (
            isinstance(bound, bool)
            or not isinstance(bound, (int, float))
            or not np.isfinite(bound)
            or bound < 0
        ):
            raise ParameterValueError(name, "a finite non-negative number", bound)
    if grid_points < 2:
        raise ParameterValueError("grid_points", "at least 2", grid_points)
    base = ultimatum._float()
    top_vagueness = float(vagueness_max) if vagueness_max > 0 else float(base.vagueness)
    value = _objective(base, top_vagueness, float(specificity_cost), float(publicity_cost))
    upper = np.array([1.0, carrot_max, vagueness_max, audience_cost_max], dtype=float)
    own = [float(base.demand), float(base.carrot), float(base.vagueness), float(base.audience_cost)]
    axes = [
        np.linspace(0.0, top, grid_points) if top > 0 else np.array([mine]) for top, mine in zip(upper, own)
    ]
    mesh = np.meshgrid(*axes, indexing="ij")
    values = np.asarray(value(*mesh), dtype=float)
    best = np.unravel_index(int(np.argmax(values)), values.shape)
    start = np.array([axis[i] for axis, i in zip(axes, best)])
    from scipy.optimize import minimize

    free = upper > 0
    step = upper / max(grid_points - 1, 1)
    low = np.maximum(start - step, 0.0)
    high = np.minimum(start + step, np.where(free, upper, start))

    def negative(point: np.ndarray) -> float:
        full = start.copy()
        full[free] = point
        return -float(value(*full))

    result = minimize(
        negative,
        start[free],
        method="Powell",
        bounds=list(zip(low[free], high[free])),
        options={"xtol": 1e-10, "ftol": 1e-12, "maxiter": 20000},
    )
    if not np.isfinite(result.fun):  # pragma: no cover - the objective is finite on the box
        raise ConvergenceError(f"optimal_design: the bounded search failed: {result.message}")
    point = start.copy()
    if -result.fun >= values[best]:
        point[free] = result.x
    demand, carrot, vagueness, audience = (float(v) for v in point)
    chosen = replace(base, demand=demand, carrot=carrot, vagueness=vagueness, audience_cost=audience)
    return Design(demand, carrot, vagueness, audience, float(value(*point)), chosen)


@dataclass(frozen=True, slots=True)
class Sign:
    r"""The sign of :math:`\partial(\text{quantity})/\partial(\text{instrument})` in the interior regime.

    ``sign`` is ``"positive"``, ``"negative"``, ``"zero"``, ``"non-negative"`` or ``"depends"``;
    ``region`` the sympy condition under which the derivative is positive (``True`` if always,
    ``False`` if never).
    """

    quantity: str
    instrument: str
    derivative: Any
    sign: str
    region: Any


INSTRUMENTS = (
    "demand",
    "vagueness",
    "carrot",
    "carrot_credibility",
    "threat",
    "execution",
    "discount_weight",
    "delay_cost",
)


def comparative_statics() -> tuple[Sign, ...]:
    r"""The sign of every first derivative of P(comply) and P(threat executed), interior regime of
    compliance at once, with its region.

    Audience cost and Schelling's risk act through the execution probability :math:`e`, the
    deadline through the discount weight :math:`\tau` (each increasing in them), so their signs
    are those of ``execution`` and ``discount_weight``. The symbol ``need`` is
    :math:`x + \sigma - \kappa s`. A target complies at once only where the waiting cost
    ``delay_cost`` :math:`c \ge n`, and there a nearer deadline (larger :math:`\tau`) lowers
    compliance (the sign of :math:`n - c`); where :math:`c < n` the target complies at the
    deadline and neither :math:`\tau` nor :math:`c` matters
    (:func:`~bargaining.coercion.specification.derive_timing`).

    >>> [(s.quantity, s.instrument, s.sign) for s in comparative_statics()][:3]
    [('compliance', 'demand', 'negative'), ('compliance', 'vagueness', 'negative'), ('compliance', 'carrot', 'positive')]
    """
    import sympy

    from .specification import derive_compliance, symbols

    s = symbols()
    derived = derive_compliance()
    need = sympy.Symbol("need", real=True)
    substitution = {s["demand"]: need - s["vagueness"] + s["carrot_credibility"] * s["carrot"]}
    results = []
    for quantity in ("compliance", "threat_executed"):
        expression = derived[quantity]
        for name in INSTRUMENTS:
            derivative = sympy.simplify(sympy.diff(expression, s[name]).subs(substitution))
            results.append(_sign(quantity, name, derivative, need, s))
    return tuple(results)


def _sign(quantity: str, instrument: str, derivative: Any, need: Any, s: dict[str, Any]) -> Sign:
    import sympy

    # in the interior regime the resolve support is ordered: write resolve_high = resolve_low + width
    width = s["resolve_width"]
    derivative = sympy.simplify(derivative.subs(s["resolve_high"], s["resolve_low"] + width))
    if derivative.is_zero:
        return Sign(quantity, instrument, derivative, "zero", sympy.false)
    if derivative.is_positive:
        return Sign(quantity, instrument, derivative, "positive", sympy.true)
    if derivative.is_negative:
        return Sign(quantity, instrument, derivative, "negative", sympy.false)
    over_need = sympy.simplify(derivative / need)
    if over_need.is_positive:
        return Sign(quantity, instrument, derivative, "depends", need > 0)
    if over_need.is_negative:
        return Sign(quantity, instrument, derivative, "depends", need < 0)
    # war in the execution probability: -(1 - resolve_high)/width, zero iff resolve_high = 1
    complement = sympy.Symbol("complement_high", nonnegative=True)  # 1 - resolve_high >= 0
    bounded = sympy.simplify(derivative.subs(s["resolve_low"], 1 - complement - width))
    if bounded.is_nonpositive:
        return Sign(quantity, instrument, derivative, "non-positive", sympy.false)
    return Sign(quantity, instrument, derivative, "depends", derivative > 0)

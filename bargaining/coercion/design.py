r"""Optimal design of an ultimatum, and the comparative statics of its instruments.

:func:`optimal_design` chooses the demand, the carrot, the vagueness of the condition and the
audience cost of the threat to maximise the coercer's expected utility minus the user's cost
of specificity, :math:`c_\sigma (\bar\sigma - \sigma) + c_a a`. The demand alone has a closed
form (:func:`optimal_demand`); the joint problem is solved by a
coarse grid (so a kink cannot trap the search) refined by a bounded scipy optimiser, and the
refinement must not be worse than the grid.

:func:`comparative_statics` differentiates the derived compliance and war probabilities
(:func:`~bargaining.coercion.specification.derive_compliance`) with respect to each instrument in
the interior regime, and states the sign with the region where it holds.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any

import numpy as np

from ..core.errors import ConvergenceError, ParameterTypeError, ParameterValueError
from ..core.values import Case, clip, select
from .ultimatum import Ultimatum

__all__ = ["Design", "Sign", "comparative_statics", "optimal_carrot", "optimal_demand", "optimal_design"]

_TIE = 1e-12  # floats: utilities this close (relative) are a tie, broken as the exact rule says
_NUDGES = 4  # floats: at most this many ulps to put a regime boundary on its exact side


def _at_least(kind: str, left: Any, right: Any) -> Any:
    """``left >= right``, where in floats a difference of rounding (``_TIE``, relative) is a tie.

    Two candidates' utilities are computed along different algebra (different regimes' closed
    forms), so an exact tie comes out in floats with either sign in the last bits; the tie rule
    must not depend on them.

    >>> _at_least("float", 0.35, 0.35000000000000003), _at_least("exact", Fraction(1, 3), Fraction(1, 2))
    (True, False)
    """
    if kind in ("float", "array"):
        return left >= right - _TIE * (1 + abs(right))
    return left >= right


def _onto(kind: str, value: Any, holds: Any, direction: float) -> Any:
    """``value`` moved by at most ``_NUDGES`` ulps towards ``direction`` until ``holds(value)``
    (floats and arrays; exact and symbolic values are returned as they are).

    A boundary computed in floats (the demand or carrot at which the target is indifferent between
    complying at once and at the deadline) can land one ulp on the wrong side of the model's own
    test of that boundary; the exact model puts the boundary in the "at once" regime.

    >>> _onto("float", 0.1 + 0.2, lambda x: x <= 0.3, -np.inf)
    0.3
    """
    if kind == "float":
        for _ in range(_NUDGES):
            if holds(value):
                break
            value = float(np.nextafter(value, direction))
        return value
    if kind == "array":
        value = np.asarray(value, dtype=float)
        for _ in range(_NUDGES):
            ok = holds(value)
            if np.all(ok):
                break
            value = np.where(ok, value, np.nextafter(value, direction))
        return value
    return value


@dataclass(frozen=True, slots=True)
class Design:
    """The coercer's best ultimatum and the net utility it earns (utility minus specificity cost).

    >>> from fractions import Fraction
    >>> design = optimal_design(Ultimatum(Fraction(1, 2), audience_cost=1))
    >>> design.demand, design.net_utility
    (Fraction(1, 2), Fraction(1, 4))
    """

    demand: Any
    carrot: Any
    vagueness: Any
    audience_cost: Any
    net_utility: Any
    ultimatum: Ultimatum


def _objective(base: Ultimatum, vagueness_max: float, specificity_cost: float, publicity_cost: float) -> Any:
    def value(demand: Any, carrot: Any, vagueness: Any, audience: Any) -> Any:
        trial = replace(base, demand=demand, carrot=carrot, vagueness=vagueness, audience_cost=audience)
        utility = trial.outcome().coercer_utility
        return utility - specificity_cost * (vagueness_max - vagueness) - publicity_cost * audience

    return value


def optimal_demand(ultimatum: Ultimatum) -> tuple[Any, Any]:
    r"""The coercer's best demand, everything else fixed, and its expected utility (uniform case).

    On each side of the demand at which the target switches from complying at once to complying
    at the deadline (:math:`c = n`), :math:`U_C` is constant where no target complies, increasing
    where all comply and concave in between, so its maximum there is the interior root of the
    first-order condition (:func:`~bargaining.coercion.specification.derive_optimal_demand`)
    clipped to the demands between the largest that all comply with and the smallest that none
    complies with, to :math:`[0, 1]` and to that side; the better side wins (ties: the demand
    complied with at once). Symbols are taken for a deadline of 0 or ``None`` and a numeric
    credibility (the demand is then a ``Max``/``Min`` of the regimes' roots). With no deadline,
    or a deadline now (``deadline=0``), every target
    that complies does so at once (as in :meth:`Ultimatum.outcome`): one side. Exact in, exact
    out; arrays and symbols too. In floats a difference of rounding between the two sides'
    utilities is a tie (relative ``1e-12``), and the switching demand is put on its "at once" side
    by the model's own arithmetic, so floats and arrays break ties as the exact rule does.

    >>> optimal_demand(Ultimatum(Fraction(1, 2), audience_cost=1, threat=1))
    (Fraction(1, 2), Fraction(1, 4))
    """
    if ultimatum.blur != "uniform" and ultimatum.vagueness_is_positive():
        raise NotImplementedError("optimal_demand is closed-form for a uniform blur; use optimal_design")
    if ultimatum.resolve_distribution is not None:
        raise NotImplementedError("optimal_demand is closed-form for a uniform resolve; use optimal_design")
    kind = ultimatum.kind
    if kind == "symbolic" and ultimatum.deadline:
        raise NotImplementedError(
            "optimal_demand on symbols compares the two timing regimes' optima, a Piecewise too large "
            "to build: give numbers or arrays, or a deadline of 0 or None"
        )
    if kind == "symbolic" and getattr(ultimatum.credibility(), "free_symbols", None):
        raise NotImplementedError(
            "optimal_demand on symbols needs a numeric credibility (audience_cost, execution_low, "
            "execution_high and risk numbers): with a symbolic one the demand is a Max/Min of "
            "Piecewise expressions that sympy's own simplification evaluates at 0/0 and refuses"
        )
    carrot = ultimatum.carrot_credibility * ultimatum.carrot
    cost = ultimatum.carrot_efficiency * carrot
    _, fallback = ultimatum._coercer_values()
    tau, sigma = ultimatum.discount_weight, ultimatum.vagueness
    low, high = ultimatum.resolve_low, ultimatum.resolve_high
    zero, one = 0 * sigma, 0 * sigma + 1
    lever_once, _, lever_late, _ = ultimatum._options()
    waiting = ultimatum.delay_cost * (1 - tau)

    def best(leverage: Any, offset: Any, fallback: Any, lowest: Any, highest: Any) -> Any:
        interior = (leverage * (1 - low) + carrot + offset - sigma + cost + fallback) / 2
        safe = leverage * (1 - high) + carrot + offset - sigma  # largest demand every type complies with
        hopeless = leverage * (1 - low) + carrot + offset - sigma  # smallest demand no type complies with
        lower = clip(kind, clip(kind, safe, zero, one), lowest, highest)
        upper = clip(kind, clip(kind, hopeless, zero, one), lowest, highest)
        return clip(kind, interior, lower, upper)

    if not ultimatum.deadline:  # no deadline, or a deadline now: only compliance at once
        demand = best(lever_once, waiting, fallback, zero, one)
    else:
        c = ultimatum.delay_cost

        def at_once(demand: Any) -> Any:  # the model's test c >= n, n = x + sigma - q s as in need()
            return c >= demand + sigma - carrot

        switch = clip(kind, _onto(kind, c - sigma + carrot, at_once, -np.inf), zero, one)  # c = n
        once = best(lever_once, waiting, fallback, zero, switch)
        late = best(lever_late, zero, fallback / tau, switch, one)
        value_once = replace(ultimatum, demand=once).outcome().coercer_utility
        value_late = replace(ultimatum, demand=late).outcome().coercer_utility
        demand = select(
            kind, [Case("at once", _at_least(kind, value_once, value_late), once), Case("late", True, late)]
        )
    utility = replace(ultimatum, demand=demand).outcome().coercer_utility
    if kind == "array":
        shape = np.broadcast_shapes(np.shape(demand), np.shape(utility))
        return np.broadcast_to(demand, shape).copy(), np.broadcast_to(utility, shape).copy()
    return demand, utility


def optimal_carrot(ultimatum: Ultimatum, carrot_max: Any) -> tuple[Any, Any]:
    r"""The coercer's best carrot in :math:`[0, \bar s]` at the ultimatum's own demand, and its utility.

    A carrot :math:`s` lowers the need to :math:`n = x + \sigma - qs` and costs C :math:`kqs` per
    complier. On each side of the carrot at which the target switches from complying at the
    deadline to complying at once (:math:`c = n`), C's utility is flat where no target complies
    (it pays no carrot), concave where some do, with its peak at

    .. math:: s^* = \frac{x - F - kB}{2kq}, \qquad B = A(1 - r_{lo}) - (x + \sigma - o),

    (:math:`A` the option's leverage, :math:`o` its waiting offset, :math:`F` C's fallback in that
    option's units; :func:`~bargaining.coercion.specification.derive_optimal_carrot`), and falling
    once all comply. The best of the clipped peaks and of no carrot wins; ties go to the smallest
    carrot. Exact in, exact out (scalars; a uniform blur and resolve).

    >>> optimal_carrot(Ultimatum(Fraction(3, 5), threat=1, audience_cost=1, carrot_efficiency=Fraction(1, 2)), 1)
    (Fraction(2, 5), Fraction(8, 25))
    """
    if ultimatum.kind not in ("exact", "float"):
        raise ParameterTypeError("ultimatum", "an ultimatum with numeric scalar fields", ultimatum)
    if (
        ultimatum.blur != "uniform" and ultimatum.vagueness_is_positive()
    ) or ultimatum.resolve_distribution is not None:
        raise NotImplementedError(
            "optimal_carrot is closed-form for a uniform blur and resolve; use optimal_design"
        )
    if (
        isinstance(carrot_max, bool)
        or not isinstance(carrot_max, (int, float, Fraction))
        or not carrot_max >= 0
    ):
        raise ParameterValueError("carrot_max", "a finite non-negative number", carrot_max)
    u, kind = ultimatum, ultimatum.kind
    carrot_max = Fraction(carrot_max) if kind == "exact" else float(carrot_max)
    q, k, x, sigma = u.carrot_credibility, u.carrot_efficiency, u.demand, u.vagueness
    tau, c, low, high = u.discount_weight, u.delay_cost, u.resolve_low, u.resolve_high
    lever_once, _, lever_late, _ = u._options()
    _, fallback = u._coercer_values()
    zero = 0 * x
    candidates = [zero]
    if q > 0:
        pieces = [(lever_once, c * (1 - tau), fallback, zero, carrot_max)]
        if u.deadline:
            switch = _onto(  # at once for carrots >= switch (c >= n = x + sigma - q s, as in need())
                kind, (x + sigma - c) / q, lambda s: c >= x + sigma - q * s, np.inf
            )
            switch = clip(kind, switch, zero, carrot_max)
            pieces = [
                (lever_once, c * (1 - tau), fallback, switch, carrot_max),
                (lever_late, zero, fallback / tau, zero, switch),
            ]
        for leverage, offset, value, lowest, highest in pieces:
            base = leverage * (1 - low) - (x + sigma - offset)
            none = -base / q  # below it no type complies
            full = (leverage * (high - low) - base) / q  # above it every type does
            lower = clip(kind, none, lowest, highest)
            upper = clip(kind, full, lowest, highest)
            peak = (x - value - k * base) / (2 * k * q) if k > 0 else upper
            candidates += [lower, clip(kind, peak, lower, upper)]
    scored = [(replace(u, carrot=s).outcome().coercer_utility, s) for s in candidates]
    best = max(value for value, _ in scored)
    carrot = min(s for value, s in scored if _at_least(kind, value, best))
    return carrot, replace(u, carrot=carrot).outcome().coercer_utility


def optimal_design(
    ultimatum: Ultimatum,
    *,
    carrot_max: float = 0.0,
    vagueness_max: float = 0.0,
    audience_cost_max: float = 0.0,
    specificity_cost: float = 0.0,
    publicity_cost: float = 0.0,
    grid_points: int = 9,
    fixed_demand: bool = False,
) -> Design:
    """The best (demand, carrot, vagueness, audience cost) within the bounds, every other field fixed.

    ``specificity_cost`` is paid per unit of vagueness removed below ``vagueness_max``,
    ``publicity_cost`` per unit of audience cost; the carrot costs what ``carrot_efficiency``
    says. A bound of zero keeps that instrument at the ultimatum's own value.

    Where the optimum has a closed form it is used, exact for exact inputs (uniform blur and
    resolve): the demand alone (every bound zero: :func:`optimal_demand`)
    and the carrot alone at the ultimatum's demand (``fixed_demand=True`` and only ``carrot_max``
    positive: :func:`optimal_carrot`). Otherwise the instruments are chosen jointly by the
    numeric search (floats).

    >>> design = optimal_design(Ultimatum(0.5, audience_cost=1.0))
    >>> round(design.demand, 6), round(design.net_utility, 6)
    (0.5, 0.25)
    >>> optimal_design(Ultimatum(Fraction(1, 2), audience_cost=1)).demand
    Fraction(1, 2)
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
    closed = ultimatum.blur == "uniform" or not ultimatum.vagueness_is_positive()
    closed = closed and ultimatum.resolve_distribution is None and vagueness_max == audience_cost_max == 0
    if closed and carrot_max == 0 and not fixed_demand:
        demand, utility = optimal_demand(ultimatum)
        chosen = replace(ultimatum, demand=demand)
        return Design(demand, chosen.carrot, chosen.vagueness, chosen.audience_cost, utility, chosen)
    if closed and fixed_demand:
        carrot, utility = optimal_carrot(ultimatum, carrot_max)
        chosen = replace(ultimatum, carrot=carrot)
        return Design(chosen.demand, carrot, chosen.vagueness, chosen.audience_cost, utility, chosen)
    base = ultimatum._float()
    top_vagueness = float(vagueness_max) if vagueness_max > 0 else float(base.vagueness)
    value = _objective(base, top_vagueness, float(specificity_cost), float(publicity_cost))
    upper = np.array(
        [0.0 if fixed_demand else 1.0, carrot_max, vagueness_max, audience_cost_max], dtype=float
    )
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

    >>> sign = comparative_statics()[0]
    >>> sign.quantity, sign.instrument, sign.sign
    ('compliance', 'demand', 'negative')
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

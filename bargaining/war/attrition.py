# ruff: noqa: RUF009 - parameter() returns a dataclass field, like dataclasses.field
r"""Wars of attrition: how long a war lasts when it ends only when one side gives up.

**Complete information** (:class:`WarOfAttrition`). Side :math:`j` values the prize at
:math:`v_j` and pays the flow :math:`c_j(t) = c_{0j} + g_j t` (``cost_*``, ``escalation_*``)
while the war lasts. In the stationary mixed equilibrium each side's concession hazard makes the
*other* indifferent between holding out and quitting: the coercer concedes at rate
:math:`c_T(t)/v_T` and the target at :math:`c_C(t)/v_C` (Hendricks, Weiss & Wilson 1988;
Fudenberg & Tirole 1991, *Game Theory*, §4.5.2). The war ends at the first concession, so its
hazard is linear, :math:`h(t) = a + b t` with :math:`a = c_{0C}/v_C + c_{0T}/v_T` and
:math:`b = g_C/v_C + g_T/v_T`, and

.. math::
    S(t) = e^{-(a t + b t^2/2)}, \quad
    \operatorname{median} = \frac{2\ln 2}{a + \sqrt{a^2 + 2 b \ln 2}}, \quad
    E[T] = \sqrt{\frac{\pi}{2b}}\; e^{a^2/(2b)} \operatorname{erfc}\Bigl(\frac{a}{\sqrt{2b}}\Bigr)
    \ (b > 0), \quad E[T] = 1/a \ (b = 0).

**Private information** (:class:`PrivateWarOfAttrition`). Two symmetric sides with values drawn
independently and uniformly on :math:`[0, \bar v]` and a common flow cost :math:`c + g t`. A side
of value :math:`v` holds out until its cumulative cost :math:`K(t) = c t + g t^2/2` reaches
:math:`\beta(v) = \bar v\,(-u - \ln(1 - u))`, :math:`u = v/\bar v` (Bishop & Cannings 1978;
Krishna & Morgan 1997), so the war lasts until the weaker side's :math:`\beta`; its survival is
:math:`S(t) = W_0(-e^{-1 - K(t)/\bar v})^2` (Lambert :math:`W`), its median
:math:`K^{-1}(\beta(\bar v(1 - 1/\sqrt 2)))` and, for constant costs, its mean :math:`\bar v/(6c)`.
Escalation (:math:`g > 0`) raises :math:`K` at every date and so shortens every war.

All closed forms are derived in :func:`~bargaining.war.specification.derive_attrition_complete` and
:func:`~bargaining.war.specification.derive_attrition_private`.

>>> from fractions import Fraction
>>> war = WarOfAttrition(value_coercer=1, value_target=1, cost_coercer=Fraction(1, 10),
...                      cost_target=Fraction(1, 10))
>>> war.mean_duration(), war.median_duration()
(Fraction(5, 1), 5*log(2))
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from ..core.arithmetic import exact_or_sympy, exponential, logarithm, square_root
from ..core.errors import ParameterValueError
from ..core.parameters import NONNEGATIVE, POSITIVE, declared, parameter
from ..core.values import Case, Kind, select

__all__ = ["PrivateWarOfAttrition", "WarOfAttrition"]


def _is_zero(kind: Kind, value: Any) -> Any:
    if kind == "symbolic":
        import sympy

        return sympy.Eq(value, 0)
    return value == 0


def _plain(value: Any) -> Any:
    """A numpy scalar as the Python number it holds; anything else as given."""
    return value.item() if isinstance(value, np.generic) else value


def _times(kind: Kind, times: Any) -> Any:
    if kind in ("array", "float"):
        values = np.asarray(times, dtype=float)
    elif kind == "exact":  # numpy scalars as Python numbers first: no numpy int inside a Fraction
        values = (
            _plain(times)
            if not isinstance(times, (list, tuple, np.ndarray))
            else np.asarray([Fraction(_plain(t)) for t in np.ravel(times)], dtype=object).reshape(
                np.shape(times)
            )
        )
    else:
        values = times
    if kind != "symbolic" and np.any(np.asarray(values, dtype=float) < 0):
        raise ParameterValueError("times", "non-negative", times)
    return values


@dataclass(frozen=True, slots=True)
@declared
class WarOfAttrition:
    r"""The complete-information war of attrition with linearly escalating costs.

    Parameters
    ----------
    value_coercer, value_target : positive
        :math:`v_C, v_T`, what each side gains if the other concedes.
    cost_coercer, cost_target : non-negative
        :math:`c_{0C}, c_{0T}`, each side's flow cost at the start.
    escalation_coercer, escalation_target : non-negative
        :math:`g_C, g_T`, how fast each flow cost rises (turning the screw on the target: ``escalation_target``).

    Examples
    --------
    Turning the screw shortens the war (a linear hazard's median):

    >>> from fractions import Fraction
    >>> WarOfAttrition(1, 1, 0, 0, escalation_coercer=1, escalation_target=1).median_duration()
    sqrt(log(2))
    """

    value_coercer: Any = parameter(POSITIVE, "what the coercer gains if the target concedes")
    value_target: Any = parameter(POSITIVE, "what the target gains if the coercer concedes")
    cost_coercer: Any = parameter(NONNEGATIVE, "the coercer's flow cost of fighting at the start")
    cost_target: Any = parameter(NONNEGATIVE, "the target's flow cost of fighting at the start")
    escalation_coercer: Any = parameter(
        NONNEGATIVE,
        "how fast the coercer's flow cost rises",
        default=0,
    )
    escalation_target: Any = parameter(
        NONNEGATIVE,
        "how fast the target's flow cost rises (turning the screw on the target)",
        default=0,
    )
    kind: Kind = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        a, b = self.hazard_intercept, self.hazard_slope
        if self.kind != "symbolic" and np.any((a == 0) & (b == 0)):
            raise ParameterValueError(
                "cost_* and escalation_*", "not all zero (a costless war never ends)", 0
            )

    @property
    def hazard_intercept(self) -> Any:
        """:math:`a`: the war's hazard of ending at its start.

        >>> WarOfAttrition(2, 1, Fraction(1, 10), Fraction(1, 5)).hazard_intercept
        Fraction(1, 4)
        """
        return self.cost_coercer / self.value_coercer + self.cost_target / self.value_target

    @property
    def hazard_slope(self) -> Any:
        """:math:`b`: how fast the hazard rises with escalation.

        >>> WarOfAttrition(1, 2, 0, 0, 1, 1).hazard_slope
        Fraction(3, 2)
        """
        return self.escalation_coercer / self.value_coercer + self.escalation_target / self.value_target

    def hazard(self, times: Any) -> Any:
        """:math:`h(t) = a + b t`, the rate at which a war still on at :math:`t` ends.

        >>> WarOfAttrition(1, 1, Fraction(1, 10), Fraction(1, 10), 0, Fraction(1, 10)).hazard(2)
        Fraction(2, 5)
        """
        return self.hazard_intercept + self.hazard_slope * _times(self.kind, times)

    def survival(self, times: Any) -> Any:
        r""":math:`S(t) = P(T > t) = e^{-(a t + b t^2 / 2)}`.

        >>> WarOfAttrition(1, 1, Fraction(1, 2), Fraction(1, 2)).survival(1)
        exp(-1)
        """
        t = _times(self.kind, times)
        exponent = -(self.hazard_intercept * t + self.hazard_slope * t * t / 2)
        if self.kind == "exact" and isinstance(t, np.ndarray):
            return np.asarray([exponential("exact", e) for e in np.ravel(exponent)], dtype=object).reshape(
                t.shape
            )
        return exponential(self.kind, exponent)

    def median_duration(self) -> Any:
        r"""The median war length, :math:`2\ln 2 / (a + \sqrt{a^2 + 2 b \ln 2})`.

        >>> WarOfAttrition(1, 1, Fraction(1, 4), Fraction(1, 4)).median_duration()
        2*log(2)
        """
        a, b, kind = self.hazard_intercept, self.hazard_slope, self.kind
        log2 = logarithm(kind, 2 + 0 * a) if kind == "array" else logarithm(kind, 2)
        return 2 * log2 / (a + square_root(kind, a * a + 2 * b * log2))

    def mean_duration(self) -> Any:
        r"""The expected war length :math:`E[T] = \int_0^\infty S(t)\,dt`.

        >>> WarOfAttrition(1, 1, Fraction(1, 4), Fraction(1, 4)).mean_duration()
        Fraction(2, 1)
        """
        a, b, kind = self.hazard_intercept, self.hazard_slope, self.kind
        if kind in ("exact", "symbolic"):
            import sympy

            a_s, b_s = sympy.sympify(a), sympy.sympify(b)
            escalating = (
                sympy.sqrt(sympy.pi / (2 * b_s))
                * sympy.exp(a_s**2 / (2 * b_s))
                * sympy.erfc(a_s / sympy.sqrt(2 * b_s))
            )
            if kind == "exact":
                return Fraction(1) / a if b == 0 else exact_or_sympy(sympy.simplify(escalating))
            return select(
                kind,
                [Case("constant costs", _is_zero(kind, b_s), 1 / a_s), Case("escalating", True, escalating)],
            )
        from scipy.special import erfcx

        safe_b = np.where(b > 0, b, 1.0)
        escalating = np.sqrt(np.pi / (2 * safe_b)) * erfcx(a / np.sqrt(2 * safe_b))
        safe_a = np.where(a > 0, a, 1.0)
        result = np.where(b > 0, escalating, 1 / safe_a)
        return result if kind == "array" else float(result)

    def coercer_victory_probability(self) -> Any:
        r""":math:`P(\text{the target concedes first}) = \int_0^\infty \frac{c_C(t)}{v_C} S(t)\,dt`.

        With :math:`\int_0^\infty (a + b t) S(t)\,dt = 1` this is
        :math:`\frac{c_{0C}}{v_C} E[T] + \frac{g_C}{v_C}\,\frac{1 - a E[T]}{b}` (and
        :math:`c_{0C} v_T / (c_{0C} v_T + c_{0T} v_C)` for constant costs).

        >>> WarOfAttrition(1, 1, Fraction(1, 10), Fraction(3, 10)).coercer_victory_probability()
        Fraction(1, 4)
        """
        return self._flow_integral(
            self.cost_coercer / self.value_coercer, self.escalation_coercer / self.value_coercer
        )

    def expected_cost_coercer(self) -> Any:
        r""":math:`E\int_0^T c_C(t)\,dt = \int_0^\infty c_C(t) S(t)\,dt`.

        >>> WarOfAttrition(2, 1, Fraction(1, 10), Fraction(1, 5)).expected_cost_coercer()
        Fraction(2, 5)
        """
        return self._flow_integral(self.cost_coercer, self.escalation_coercer)

    def expected_cost_target(self) -> Any:
        r""":math:`E\int_0^T c_T(t)\,dt`.

        >>> WarOfAttrition(2, 1, Fraction(1, 10), Fraction(1, 5)).expected_cost_target()
        Fraction(4, 5)
        """
        return self._flow_integral(self.cost_target, self.escalation_target)

    def _flow_integral(self, level: Any, slope: Any) -> Any:
        """:math:`\\int_0^\\infty (\\text{level} + \\text{slope}\\cdot t) S(t) dt`."""
        a, b, mean, kind = self.hazard_intercept, self.hazard_slope, self.mean_duration(), self.kind
        if kind == "array":
            safe_b = np.where(b > 0, b, 1.0)
            return level * mean + np.where(b > 0, slope * (1 - a * mean) / safe_b, 0.0)
        if kind == "symbolic":
            return select(
                kind,
                [
                    Case("constant costs", _is_zero(kind, b), level * mean),
                    Case("escalating", True, level * mean + slope * (1 - a * mean) / b),
                ],
            )
        if b == 0:
            return level * mean
        result = level * mean + slope * (1 - a * mean) / b
        if kind == "exact" and not isinstance(result, Fraction):
            import sympy

            return exact_or_sympy(sympy.simplify(result))
        return result


def _principal_lambert(level: Any) -> Any:
    """:math:`W_0(-e^{-1 - y})` for floats; scipy gives NaN at the branch point (y = 0), where it is -1."""
    from scipy.special import lambertw

    argument = -np.exp(-1 - np.asarray(level, dtype=float))
    at_branch = argument <= -math.exp(-1)
    safe = np.where(at_branch, -0.5, argument)
    return np.where(at_branch, -1.0, np.real(lambertw(safe, 0)))


@dataclass(frozen=True, slots=True)
@declared
class PrivateWarOfAttrition:
    r"""The symmetric war of attrition with private values uniform on :math:`[0, \bar v]`.

    Parameters
    ----------
    value_high : positive
        :math:`\bar v`, the top of the value distribution.
    cost : positive
        :math:`c`, the flow cost of fighting at the start.
    escalation : non-negative
        :math:`g`, the rise of the flow cost per unit of time.

    >>> from fractions import Fraction
    >>> war = PrivateWarOfAttrition(value_high=1, cost=Fraction(1, 6))
    >>> war.mean_duration(), war.median_duration()
    (Fraction(1, 1), -6 + 3*log(2) + 3*sqrt(2))
    """

    value_high: Any = parameter(POSITIVE, "the top of the value distribution")
    cost: Any = parameter(POSITIVE, "the flow cost of fighting at the start")
    escalation: Any = parameter(NONNEGATIVE, "the rise of the flow cost per unit of time", default=0)
    kind: Kind = field(init=False, repr=False, compare=False)

    def holdout_cost(self, value: Any) -> Any:
        r""":math:`\beta(v) = \bar v(-u - \ln(1 - u))`, :math:`u = v/\bar v`: the cumulative cost a side of value :math:`v` bears.

        >>> PrivateWarOfAttrition(1, 1).holdout_cost(Fraction(1, 2))
        -1/2 + log(2)
        """
        if self.kind != "symbolic" and np.any(
            (np.asarray(value, dtype=float) < 0) | (np.asarray(value / self.value_high, dtype=float) >= 1)
        ):
            raise ParameterValueError("value", "in [0, value_high)", value)
        u = value / self.value_high
        return self.value_high * (-u - logarithm(self.kind, 1 - u))

    def holdout_time(self, value: Any) -> Any:
        r"""When a side of value :math:`v` gives up: :math:`K^{-1}(\beta(v)) = 2\beta / (c + \sqrt{c^2 + 2 g \beta})`.

        >>> PrivateWarOfAttrition(1, 1).holdout_time(Fraction(1, 2))
        -1/2 + log(2)
        """
        beta = self.holdout_cost(value)
        c, g = self.cost, self.escalation
        root = square_root(self.kind, c * c + 2 * g * beta)
        result = 2 * beta / (c + root)
        if self.kind == "exact":
            import sympy

            return exact_or_sympy(sympy.simplify(result))
        return result

    def cumulative_cost(self, times: Any) -> Any:
        """:math:`K(t) = c t + g t^2 / 2`.

        >>> PrivateWarOfAttrition(1, Fraction(1, 2), Fraction(1, 4)).cumulative_cost(2)
        Fraction(3, 2)
        """
        t = _times(self.kind, times)
        return self.cost * t + self.escalation * t * t / 2

    def survival(self, times: Any) -> Any:
        r""":math:`S(t) = W_0(-e^{-1 - K(t)/\bar v})^2`: both sides' values exceed the one that quits at :math:`t`.

        >>> PrivateWarOfAttrition(1, 1).survival(0)
        Fraction(1, 1)
        """
        y = self.cumulative_cost(times) / self.value_high
        if self.kind in ("exact", "symbolic"):
            import sympy

            def one(value: Any) -> Any:
                return exact_or_sympy(
                    sympy.simplify(sympy.LambertW(-sympy.exp(-1 - sympy.sympify(value))) ** 2)
                )

            if isinstance(y, np.ndarray):
                return np.asarray([one(v) for v in np.ravel(y)], dtype=object).reshape(y.shape)
            return one(y)

        result = _principal_lambert(y) ** 2
        return result if self.kind == "array" or np.ndim(y) else float(result)

    def hazard(self, times: Any) -> Any:
        r""":math:`h(t) = -S'(t)/S(t) = 2\,k(t) / \bigl(\bar v\,(1 + W)\bigr)`, :math:`k = c + g t`, :math:`W = W_0(-e^{-1 - K(t)/\bar v})`.

        The rate at which the war ends among wars still on. Derived from the model, not assumed:
        with constant costs :math:`W` rises from :math:`-1` toward 0, so the hazard **falls** from
        infinity toward :math:`2c/\bar v` (the sides still fighting are ever more resolute: selection
        on private values); escalation :math:`g` pushes it back up. Times must be positive (the
        hazard is infinite at 0, where the weakest types quit at once). Checked against
        :math:`-\frac{d}{dt}\ln S` in ``proofs/test_war.py``.

        >>> PrivateWarOfAttrition(1, Fraction(1, 10)).hazard(1)
        1/(5*(LambertW(-exp(-11/10)) + 1))
        >>> round(PrivateWarOfAttrition(1.0, 0.1).hazard(1000.0), 6)
        0.2
        """
        t = _times(self.kind, times)
        if self.kind != "symbolic" and np.any(np.asarray(t, dtype=float) <= 0):
            raise ParameterValueError("times", "positive for the hazard (it is infinite at 0)", times)
        y = self.cumulative_cost(t) / self.value_high
        rate = self.cost + self.escalation * t
        if self.kind in ("exact", "symbolic"):
            import sympy

            def one(level: Any, flow: Any) -> Any:
                w = sympy.LambertW(-sympy.exp(-1 - sympy.sympify(level)))
                return 2 * sympy.sympify(flow) / (sympy.sympify(self.value_high) * (1 + w))

            if isinstance(y, np.ndarray):
                flows = np.broadcast_to(rate, y.shape)
                return np.asarray(
                    [one(v, f) for v, f in zip(np.ravel(y), np.ravel(flows), strict=True)], dtype=object
                ).reshape(y.shape)
            return one(y, rate)

        w = _principal_lambert(y)
        result = 2 * np.asarray(rate, dtype=float) / (np.asarray(self.value_high, dtype=float) * (1 + w))
        return result if self.kind == "array" or np.ndim(y) else float(result)

    def median_duration(self) -> Any:
        r"""The median war length: the holdout time of the value :math:`\bar v(1 - 1/\sqrt 2)`.

        >>> PrivateWarOfAttrition(2, 1).median_duration()
        -2 + log(2) + sqrt(2)
        """
        share = 1 - 1 / square_root(self.kind, 2 + 0 * self.value_high if self.kind == "array" else 2)
        return self.holdout_time(self.value_high * share)

    def mean_duration(self, nodes: int = 64) -> Any:
        r""":math:`E[T] = \int_0^1 2(1 - m)\,K^{-1}(\beta(\bar v m))\,dm`.

        For constant costs this is :math:`\bar v / (6c)`. With escalation there is no closed form:
        floats and arrays use Gauss–Laguerre quadrature with ``nodes`` points after the change of
        variable :math:`m = 1 - e^{-r}` (smooth integrand); exact and symbolic inputs return the
        exact, unevaluated ``sympy.Integral`` (call ``.evalf()`` for digits).

        >>> PrivateWarOfAttrition(3, Fraction(1, 2)).mean_duration()
        Fraction(1, 1)
        >>> round(PrivateWarOfAttrition(3.0, 0.5, 0.1).mean_duration(), 5)
        0.79905
        """
        kind, vbar, c, g = self.kind, self.value_high, self.cost, self.escalation
        if kind == "symbolic" or (kind == "exact" and g != 0):
            import sympy

            r = sympy.Symbol("r", positive=True)
            beta = vbar * (r - 1 + sympy.exp(-r))
            time = 2 * beta / (c + sympy.sqrt(c**2 + 2 * g * beta))
            integral = sympy.Integral(2 * sympy.exp(-2 * r) * time, (r, 0, sympy.oo))
            if kind == "exact":
                return integral
            return select(
                kind,
                [
                    Case("constant costs", _is_zero(kind, g), vbar / (6 * c)),
                    Case("escalating", True, integral),
                ],
            )
        if kind == "exact":
            return vbar / (6 * c)
        if isinstance(nodes, bool) or not isinstance(nodes, int) or not 2 <= nodes <= 500:
            raise ParameterValueError("nodes", "an integer in [2, 500]", nodes)
        points, weights = np.polynomial.laguerre.laggauss(nodes)
        shape = np.shape(vbar + c + g)
        r = points.reshape((1,) * len(shape) + (-1,))
        vb, cc, gg = (np.asarray(x, dtype=float)[..., None] for x in (vbar, c, g))
        beta = vb * (r - 1 + np.exp(-r))
        time = 2 * beta / (cc + np.sqrt(cc * cc + 2 * gg * beta))
        result = np.sum(weights * 2 * np.exp(-r) * time, axis=-1)
        return result if kind == "array" else float(result)

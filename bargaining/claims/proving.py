r"""The symbolic step of settling a claim: a proof, a construction, or an explicit *undecided*.

:func:`prove` evaluates the claim's quantities on sympy symbols and decides the sign of the
derivative (a monotone claim) or of the difference (a relation) on the region. Each parameter
:math:`x \in [l, h]` is rewritten :math:`x = l + (h - l)/(1 + t)` with :math:`t \ge 0`, step
functions (Heaviside) are bounded below by fresh non-negative symbols, and every branch of a
``Piecewise`` possible on the region must have the sign. The method is sound (a "proved" is a
proof) but incomplete: when sympy cannot decide, the answer is :class:`Proof` ``"undecided"``
with the reason, and the claim is settled by search.

Before it looks for a proof, :func:`prove` asks whether the claim is true *by construction*,
that is, by the model's own definitions rather than by a derivation:

* a relation whose two sides are the same expression of the parameters (``left − right``
  simplifies to 0 with no use of the region): an identity of the definitions;
* a monotone claim whose quantity is linear in the parameter with a constant slope of the
  claimed sign (the parameter enters additively), or does not depend on it at all.

A model that refuses symbols (it compares, rounds or loops on its inputs) leaves the claim
undecided. A model that refuses the region's exact midpoint as well is an error in the claim:
:class:`~bargaining.claims.ClaimError`, never a silent fall back to testing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from itertools import islice
from typing import Any, Literal

from ..core.errors import ParameterValueError
from ..core.values import plain_regimes
from .claim import Claim, ClaimError, MonotoneClaim, RelationClaim

__all__ = ["Proof", "prove"]

_SYMBOLIC_REFUSALS = (TypeError, ValueError, AttributeError, NotImplementedError, ArithmeticError)


@dataclass(frozen=True)
class Proof:
    """What the symbolic step found: ``"proved"`` (``text`` is the proof), ``"by construction"``
    (``text`` says which definition makes it so) or ``"undecided"`` (``text`` says why).

    >>> Proof("undecided", "sympy cannot decide the sign").verdict
    'undecided'
    """

    verdict: Literal["proved", "by construction", "undecided"]
    text: str


def _symbols(claim: Claim) -> dict[str, Any]:
    import sympy

    return {name: sympy.Symbol(name, real=True) for name in claim.region.names}


def _region_substitution(claim: Claim, symbols: Mapping[str, Any]) -> dict[Any, Any]:
    """Each parameter :math:`x \\in [l, h]` as :math:`l + (h - l)/(1 + t)`, :math:`t \\ge 0` (fixed if l = h)."""
    return {
        symbols[name]: _parametrised(name, low, high) for name, (low, high) in claim.region.bounds.items()
    }


@lru_cache(maxsize=256)
def _parametrised(name: str, low: Fraction, high: Fraction) -> Any:
    """:math:`l + (h - l)/(1 + t)` with one non-negative ``t`` per parameter and interval, made
    once: every substitution of a proof (the branches of a ``Piecewise``, the conditions, the
    derivative) then shares its symbols, and sympy's own cache can serve the work they share."""
    import sympy

    if low == high:
        return sympy.Rational(low)
    t = sympy.Dummy(f"t_{name}", nonnegative=True)
    return sympy.Rational(low) + sympy.Rational(high - low) / (1 + t)


def _possible(condition: Any, substitution: Mapping[Any, Any]) -> bool:
    """Whether a ``Piecewise`` branch's condition may hold somewhere in the region (sound: only a
    condition that sympy reduces to ``False`` on the region's parametrisation is dropped)."""
    import sympy

    try:
        reduced = sympy.sympify(condition).xreplace(dict(substitution))
    except (TypeError, ValueError, AttributeError, NotImplementedError):  # pragma: no cover - sympy quirk
        return True
    return reduced is not sympy.false


def _folded(expression: Any) -> Any:
    """``piecewise_fold`` of the expression, remembered for an expression without floats (claims
    on one model fold the same regimes: a carrot's compliance, as a quantity and as one side of a
    relation)."""
    import sympy

    expression = sympy.sympify(expression)
    if expression.has(sympy.Float):
        return sympy.piecewise_fold(expression)
    return _folded_exact(expression)


@lru_cache(maxsize=256)
def _folded_exact(expression: Any) -> Any:
    import sympy

    return sympy.piecewise_fold(expression)


def _has_sign(expression: Any, sign: str, claim: Claim, symbols: Mapping[str, Any]) -> bool:
    """Whether ``expression`` is ``sign`` (nonnegative, positive, zero) on the whole region."""
    import sympy

    expression = _folded(expression)
    substitution = _region_substitution(claim, symbols)
    if isinstance(expression, sympy.Piecewise):
        return all(
            _has_sign(branch, sign, claim, symbols)
            for branch, condition in expression.args
            if _possible(condition, substitution)
        )
    steps = {h: sympy.Dummy("h", nonnegative=True) for h in expression.atoms(sympy.Heaviside)}
    expression = expression.xreplace(steps)
    candidate = sympy.factor(sympy.together(expression.xreplace(substitution)))
    if candidate.has(sympy.Min, sympy.Max, sympy.Abs, sympy.Piecewise):
        return False
    if sign == "zero":
        return bool(sympy.simplify(candidate) == 0)
    return bool(getattr(candidate, "is_" + sign) is True)


def _continuous_on_region(expression: Any, claim: Claim, symbols: Mapping[str, Any]) -> bool:
    """Whether ``expression`` is known to be continuous on the region, so that the sign of its
    derivative, branch by branch, decides its monotonicity.

    Conservative: ``Max``/``Min``/``Abs`` are continuous; a ``Piecewise`` with more than one branch
    possible on the region may jump between regimes, and step functions (floor, ceiling, sign,
    Heaviside) do jump, so either leaves the claim undecided instead of "proved".
    """
    import sympy

    expression = _folded(expression)
    if expression.has(sympy.floor, sympy.ceiling, sympy.frac, sympy.sign, sympy.Heaviside, sympy.Mod):
        return False
    substitution = _region_substitution(claim, symbols)
    for piecewise in expression.atoms(sympy.Piecewise):
        possible = (condition for _, condition in piecewise.args if _possible(condition, substitution))
        if len(list(islice(possible, 2))) > 1:  # a second possible regime is enough: stop there
            return False
    return True


def _may_be_constant(expression: Any, claim: Claim, symbols: Mapping[str, Any]) -> bool:
    """Whether ``expression`` may be a constant: ``False`` only when it visibly takes two different
    values at two points of the region (the midpoint and the point a third of the way up), so that
    no simplification can make it free of the parameters; ``True`` when it may (then the caller
    simplifies, as it would without this check), or when a value is not a finite real number."""
    import sympy

    if not expression.free_symbols:
        return True
    values = []
    for share in (Fraction(1, 2), Fraction(1, 3)):
        point = {
            symbols[name]: sympy.Rational(low + share * (high - low))
            for name, (low, high) in claim.region.bounds.items()
        }
        value = expression.xreplace(point).evalf(30)
        if not (value.is_number and value.is_real and value.is_finite):
            return True
        values.append(value)
    return bool(
        abs(values[0] - values[1]) <= sympy.Float("1e-20", 30) * (1 + abs(values[0]) + abs(values[1]))
    )


_RELATION_WORDS = {"nondecreasing": "≥ 0", "increasing": "> 0", "nonincreasing": "≤ 0", "decreasing": "< 0"}


def _monotone(claim: MonotoneClaim, symbols: Mapping[str, Any]) -> Proof:
    import sympy

    expression = sympy.sympify(claim.quantity(**symbols))
    variable = symbols[claim.parameter]
    rising = claim.direction in ("nondecreasing", "increasing")
    strict = claim.direction in ("increasing", "decreasing")
    simplified: list[Any] = []  # the derivative simplified, once, when it is needed

    def simple() -> Any:
        if not simplified:
            simplified.append(sympy.simplify(sympy.diff(expression, variable)))
        return simplified[0]

    if not expression.has(sympy.Piecewise, sympy.Heaviside, sympy.floor, sympy.ceiling):
        slope = sympy.diff(expression, variable)
        slope = simple() if _may_be_constant(slope, claim, symbols) else slope
        if not slope.free_symbols:
            signed = slope if rising else -slope
            if signed > 0 or (signed == 0 and not strict):
                rest = sympy.simplify(expression - slope * variable)
                return Proof(
                    "by construction",
                    f"the quantity is {rest} + ({slope})·{claim.parameter}: {claim.parameter} enters "
                    f"linearly with slope {slope} (sympy)",
                )
    if not _continuous_on_region(expression, claim, symbols):
        return Proof(
            "undecided",
            "the quantity has regimes or steps on the region, across which the sign of a derivative "
            "cannot rule out a jump",
        )
    derivative = sympy.diff(expression, variable)
    sign = "positive" if strict else "nonnegative"
    if _has_sign(derivative if rising else -derivative, sign, claim, symbols):
        return Proof(
            "proved",
            f"∂/∂{claim.parameter} = {simple()} {_RELATION_WORDS[claim.direction]} "
            f"for all {claim.region.describe()} (sympy)",
        )
    return Proof("undecided", f"sympy cannot decide the sign of ∂/∂{claim.parameter} on the region")


def _relation(claim: RelationClaim, symbols: Mapping[str, Any]) -> Proof:
    import sympy

    left, right = sympy.sympify(claim.left(**symbols)), sympy.sympify(claim.right(**symbols))
    raw = left - right
    plain = not (left.has(sympy.Piecewise) or right.has(sympy.Piecewise))
    # simplify is slow on regimes (Piecewise) and rarely decides them: only plain algebra, once
    simple = sympy.simplify(raw) if plain and raw != 0 else raw
    if raw == 0 or simple == 0:
        return Proof(
            "by construction",
            "left − right = 0 identically, before the region is used: both sides are the same "
            "expression of the parameters, an identity of the model's definitions (sympy)",
        )
    sign = "zero" if claim.relation == "==" else "nonnegative"
    flip = -1 if claim.relation == "<=" else 1
    proved = _has_sign(flip * raw, sign, claim, symbols)
    if not proved and plain:
        proved = _has_sign(flip * simple, sign, claim, symbols)
    if proved:
        relation = "= 0" if sign == "zero" else claim.relation + " 0"
        return Proof(
            "proved",
            f"left − right = {simple if plain else sympy.simplify(raw)} {relation} for all {claim.region.describe()} (sympy)",
        )
    return Proof("undecided", "sympy cannot decide the sign of left − right on the region")


def _midpoint(claim: Claim) -> dict[str, Fraction]:
    return {name: (low + high) / 2 for name, (low, high) in claim.region.bounds.items()}


def _refuses_numbers(claim: Claim, error: Exception) -> None:
    """Raise :class:`ClaimError` if the model refuses the region's exact midpoint too: then the
    failure on symbols was the model's, not sympy's."""
    point = _midpoint(claim)
    functions = (
        [claim.quantity]
        if isinstance(claim, MonotoneClaim)
        else [claim.left, claim.right]
        if isinstance(claim, RelationClaim)
        else []
    )
    for function in functions:
        try:
            function(**point)
        except Exception as refusal:  # any exception: the claim cannot be settled
            raise ClaimError(
                claim.statement, f"the model refuses the point ({type(refusal).__name__}: {refusal})", point
            ) from refusal


def prove(claim: Claim) -> Proof:
    """The symbolic verdict on ``claim``: proved, by construction, or undecided (with the reason).

    >>> from bargaining.claims import Region, RelationClaim
    >>> square = RelationClaim("expand a square", "algebra", Region({"x": (0, 1)}),
    ...                        left=lambda x: (x + 1) ** 2, right=lambda x: x**2 + 2 * x + 1)
    >>> prove(square).verdict
    'by construction'
    >>> bound = RelationClaim("x(1 - x) ≤ 1/4", "algebra", Region({"x": (0, 1)}),
    ...                       left=lambda x: x * (1 - x), right=lambda x: Fraction(1, 4), relation="<=")
    >>> print(prove(bound).text)
    left − right = -x**2 + x - 1/4 <= 0 for all 0 ≤ x ≤ 1 (sympy)
    """
    if not isinstance(claim, MonotoneClaim | RelationClaim):
        raise ParameterValueError("claim", "a MonotoneClaim or a RelationClaim", claim)
    symbols = _symbols(claim)
    try:
        with plain_regimes():  # the proof reads values, never the regimes' simplified conditions
            if isinstance(claim, MonotoneClaim):
                return _monotone(claim, symbols)
            return _relation(claim, symbols)
    except _SYMBOLIC_REFUSALS as error:
        _refuses_numbers(claim, error)
        reason = str(error).splitlines()[0] if str(error) else ""
        return Proof(
            "undecided", f"the model does not take symbols here ({type(error).__name__}: {reason[:80]})"
        )

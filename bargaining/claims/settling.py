r"""Settling a claim three ways: a symbolic proof, a property test, a counterexample.

:func:`prove`
    Evaluates the claim's quantities on sympy symbols and decides the sign of the derivative (for
    a monotone claim) or of the difference (for a relation) on the region. Each parameter
    :math:`x \in [l, h]` is rewritten :math:`x = l + (h - l)/(1 + t)` with :math:`t \ge 0`, step
    functions (Heaviside) are bounded below by fresh non-negative symbols, and every branch of a
    ``Piecewise`` must have the sign. The method is sound (a "proved" is a proof) but incomplete:
    when sympy cannot decide, the claim goes on to be tested.
:func:`property_test`
    A hypothesis search on exact rationals over the region for a point that breaks the claim. When
    one exists, hypothesis shrinks it to a minimal counterexample; when none is found the claim
    *holds in tests* on that many examples.
:func:`search`
    A targeted search (scipy's differential evolution on floats) for the largest violation, each
    candidate confirmed in exact arithmetic before it is reported, so float noise never refutes
    a claim.

:func:`settle` runs them in that order and returns a :class:`Settlement` with the evidence.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from ..core.errors import ParameterValueError
from .claim import Claim, MonotoneClaim, RelationClaim, Verdict

__all__ = ["Settlement", "property_test", "prove", "search", "settle"]

DEPTHS: dict[str, int] = {"ci": 150, "user": 2000}


@dataclass(frozen=True)
class Settlement:
    """How a claim was settled, with the evidence a reader needs to check it."""

    claim: Claim
    verdict: Verdict
    evidence: str
    examples: int = 0
    counterexample: Mapping[str, Any] | None = None
    values: tuple[Any, Any] | None = None
    failing_share: float | None = None


def _symbols(claim: Claim) -> dict[str, Any]:
    import sympy

    return {name: sympy.Symbol(name, real=True) for name in claim.region.names}


def _region_substitution(claim: Claim, symbols: Mapping[str, Any]) -> dict[Any, Any]:
    """Each parameter :math:`x \\in [l, h]` as :math:`l + (h - l)/(1 + t)`, :math:`t \\ge 0` (fixed if l = h)."""
    import sympy

    substitution = {}
    for name, (low, high) in claim.region.bounds.items():
        if low == high:
            substitution[symbols[name]] = sympy.Rational(low)
        else:
            t = sympy.Dummy(f"t_{name}", nonnegative=True)
            substitution[symbols[name]] = sympy.Rational(low) + sympy.Rational(high - low) / (1 + t)
    return substitution


def _possible(condition: Any, substitution: Mapping[Any, Any]) -> bool:
    """Whether a ``Piecewise`` branch's condition may hold somewhere in the region (sound: only a
    condition that sympy reduces to ``False`` on the region's parametrisation is dropped)."""
    import sympy

    try:
        reduced = sympy.sympify(condition).xreplace(dict(substitution))
    except (TypeError, ValueError, AttributeError, NotImplementedError):  # pragma: no cover - sympy quirk
        return True
    return reduced is not sympy.false


def _has_sign(expression: Any, sign: str, claim: Claim, symbols: Mapping[str, Any]) -> bool:
    """Whether ``expression`` is ``sign`` (nonnegative, positive, zero) on the whole region."""
    import sympy

    expression = sympy.piecewise_fold(sympy.sympify(expression))
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
    Heaviside) do jump, so either makes the claim go to testing instead of being "proved".
    """
    import sympy

    expression = sympy.piecewise_fold(sympy.sympify(expression))
    if expression.has(sympy.floor, sympy.ceiling, sympy.frac, sympy.sign, sympy.Heaviside, sympy.Mod):
        return False
    substitution = _region_substitution(claim, symbols)
    for piecewise in expression.atoms(sympy.Piecewise):
        if sum(1 for _, condition in piecewise.args if _possible(condition, substitution)) > 1:
            return False
    return True


def prove(claim: Claim) -> str | None:
    """A symbolic proof of the claim on its region, as a sentence; ``None`` when sympy cannot decide."""
    import sympy

    symbols = _symbols(claim)
    try:
        if isinstance(claim, MonotoneClaim):
            expression = claim.quantity(**symbols)
            if not _continuous_on_region(expression, claim, symbols):
                return None  # a sign of the derivative says nothing across a jump: test instead
            derivative = sympy.diff(expression, symbols[claim.parameter])
            sign = {"nondecreasing": "nonnegative", "increasing": "positive"}.get(claim.direction)
            target = derivative if sign else -derivative
            sign = sign or {"nonincreasing": "nonnegative", "decreasing": "positive"}[claim.direction]
            if _has_sign(target, sign, claim, symbols):
                relation = (
                    "≥ 0"
                    if claim.direction == "nondecreasing"
                    else (
                        "> 0"
                        if claim.direction == "increasing"
                        else ("≤ 0" if claim.direction == "nonincreasing" else "< 0")
                    )
                )
                return (
                    f"∂/∂{claim.parameter} = {sympy.simplify(derivative)} {relation} "
                    f"for all {claim.region.describe()} (sympy)"
                )
            return None
        if isinstance(claim, RelationClaim):
            raw = sympy.sympify(claim.left(**symbols)) - sympy.sympify(claim.right(**symbols))
            sign = {"==": "zero", ">=": "nonnegative"}.get(claim.relation, "nonnegative")
            flip = -1 if claim.relation == "<=" else 1
            proved = _has_sign(flip * raw, sign, claim, symbols)
            if not proved and not raw.has(sympy.Piecewise):
                # simplify is slow on regimes (Piecewise) and rarely decides them: only plain algebra
                proved = _has_sign(flip * sympy.simplify(raw), sign, claim, symbols)
            if proved:
                difference = sympy.simplify(raw)
                return (
                    f"left − right = {difference} {'= 0' if sign == 'zero' else claim.relation + ' 0'} "
                    f"for all {claim.region.describe()} (sympy)"
                )
            return None
    except (TypeError, ValueError, AttributeError, NotImplementedError):
        return None  # the model does not take symbols here: settle by testing
    raise ParameterValueError("claim", "a MonotoneClaim or a RelationClaim", claim)


def _denominator(claim: Claim) -> int:
    """Hypothesis draws fractions with denominators up to 60, or up to the region's own bounds'."""
    return max(60, *(int(bound.denominator) for pair in claim.region.bounds.values() for bound in pair))


def _points(claim: Claim, denominator: int) -> Any:
    from hypothesis import strategies as st

    return st.fixed_dictionaries(
        {
            name: st.fractions(min_value=low, max_value=high, max_denominator=denominator)
            for name, (low, high) in claim.region.bounds.items()
        }
    )


def _witness(claim: Claim) -> tuple[Any, Callable[[Any], tuple[Any, Any] | None]]:
    """A hypothesis strategy of candidate witnesses and the check that finds a violation in one."""
    from hypothesis import strategies as st

    if isinstance(claim, MonotoneClaim):
        low, high = claim.region.bounds[claim.parameter]
        denominator = _denominator(claim)
        values = st.fractions(min_value=low, max_value=high, max_denominator=denominator)
        strategy = st.tuples(_points(claim, denominator), values, values).filter(lambda w: w[1] != w[2])

        def check(witness: Any) -> tuple[Any, Any] | None:
            point, a, b = witness
            return claim.violation(point, min(a, b), max(a, b))

        return strategy, check
    if isinstance(claim, RelationClaim):
        return _points(claim, _denominator(claim)), claim.violation
    raise ParameterValueError("claim", "a MonotoneClaim or a RelationClaim", claim)


def _describe_witness(claim: Claim, witness: Any) -> dict[str, Any]:
    if isinstance(claim, MonotoneClaim):
        point, a, b = witness
        low, high = min(a, b), max(a, b)
        return {**point, claim.parameter: (low, high)}
    return dict(witness)


class _ShrinkingSpent(BaseException):
    """Raised inside hypothesis' search to stop shrinking once a claim's budget is spent (a
    ``BaseException`` so that hypothesis does not take it for a failure to shrink in turn)."""


def property_test(claim: Claim, examples: int, *, shrink_calls: int | None = None) -> Settlement:
    """Search ``examples`` exact points of the region for a violation (hypothesis, derandomised).

    A violation is shrunk to a minimal counterexample; with ``shrink_calls`` shrinking stops after
    that many calls and the simplest counterexample reached is reported.
    """
    from hypothesis import HealthCheck, find, settings
    from hypothesis.errors import NoSuchExample

    strategy, check = _witness(claim)
    config = settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    simplest: list[Any] = []
    calls = 0

    def violated(witness: Any) -> bool:
        nonlocal calls
        if simplest:  # shrinking: hypothesis only tries candidates simpler than the last one found
            calls += 1
            if shrink_calls is not None and calls > shrink_calls:
                raise _ShrinkingSpent
        found = check(witness) is not None
        if found:
            simplest.append(witness)
        return found

    evidence = "minimal counterexample found by hypothesis shrinking"
    try:
        witness = find(strategy, violated, settings=config)
    except NoSuchExample:
        return Settlement(
            claim,
            "holds in tests",
            f"no counterexample in {examples} exact examples (hypothesis)",
            examples=examples,
        )
    except _ShrinkingSpent:
        witness = simplest[-1]
        evidence = f"counterexample found by hypothesis, shrunk for {shrink_calls} calls"
    values = check(witness)
    return Settlement(
        claim,
        "refuted",
        evidence,
        examples=examples,
        counterexample=_describe_witness(claim, witness),
        values=values,
    )


def _margin(claim: Claim, vector: np.ndarray) -> float:
    names = claim.region.names
    point = dict(zip(names, (float(v) for v in vector[: len(names)])))
    if isinstance(claim, MonotoneClaim):
        a, b = sorted(float(v) for v in vector[len(names) :])
        if a == b:
            return 0.0
        before = float(claim.quantity(**{**point, claim.parameter: a}))
        after = float(claim.quantity(**{**point, claim.parameter: b}))
        gap = before - after
        return gap if claim.direction in ("nondecreasing", "increasing") else -gap
    if not isinstance(claim, RelationClaim):
        raise ParameterValueError("claim", "a MonotoneClaim or a RelationClaim", claim)
    left, right = float(claim.left(**point)), float(claim.right(**point))
    return {"==": abs(left - right), "<=": left - right, ">=": right - left}[claim.relation]


def search(
    claim: Claim, *, seed: int = 0, iterations: int = 60, tolerance: float = 1e-9
) -> Settlement | None:
    """Differential evolution for the worst violation, confirmed exactly; ``None`` if none is found."""
    from scipy.optimize import differential_evolution

    names = claim.region.names
    bounds = [(float(low), float(high)) for low, high in claim.region.bounds.values()]
    if isinstance(claim, MonotoneClaim):
        bounds += [tuple(float(v) for v in claim.region.bounds[claim.parameter])] * 2  # type: ignore[list-item]
    result = differential_evolution(
        lambda v: -_margin(claim, v), bounds, seed=seed, maxiter=iterations, tol=1e-12, polish=False
    )
    if -result.fun <= tolerance:
        return None
    exact = [Fraction(float(v)).limit_denominator(10**6) for v in result.x]
    point = dict(zip(names, exact[: len(names)]))
    witness: Any = point
    if isinstance(claim, MonotoneClaim):
        witness = (point, exact[len(names)], exact[len(names) + 1])
        values = claim.violation(point, min(witness[1:]), max(witness[1:]))
    elif isinstance(claim, RelationClaim):
        values = claim.violation(point)
    else:  # pragma: no cover - _margin has already refused other claims
        raise ParameterValueError("claim", "a MonotoneClaim or a RelationClaim", claim)
    if values is None:  # float noise only: not a counterexample
        return None
    return Settlement(
        claim,
        "refuted",
        f"largest violation found by differential evolution (seed {seed}), confirmed in exact arithmetic",
        counterexample=_describe_witness(claim, witness),
        values=values,
    )


def _failing_share(claim: Claim, samples: int, seed: int) -> float:
    rng = np.random.default_rng(seed)
    names = claim.region.names
    width = len(names) + (2 if isinstance(claim, MonotoneClaim) else 0)
    lows = np.array([float(b[0]) for b in claim.region.bounds.values()])
    highs = np.array([float(b[1]) for b in claim.region.bounds.values()])
    if isinstance(claim, MonotoneClaim):
        low, high = (float(v) for v in claim.region.bounds[claim.parameter])
        lows, highs = np.append(lows, [low, low]), np.append(highs, [high, high])
    draws = lows + (highs - lows) * rng.random((samples, width))
    failing = sum(_margin(claim, row) > 1e-9 for row in draws)
    return failing / samples


def settle(claim: Claim, depth: str = "ci", *, seed: int = 0) -> Settlement:
    """Prove, else test, else search; a refuted claim reports the share of the region where it fails."""
    if depth not in DEPTHS:
        raise ParameterValueError("depth", f"one of {sorted(DEPTHS)}", depth)
    proof = prove(claim)
    if proof is not None:
        return Settlement(claim, "proved", proof)
    examples, shrink_calls = DEPTHS[depth], None
    if depth == "ci" and claim.budget is not None:
        examples, shrink_calls = min(examples, claim.budget), claim.budget
    outcome = (
        property_test(claim, examples)
        if shrink_calls is None
        else property_test(claim, examples, shrink_calls=shrink_calls)
    )
    if outcome.verdict == "holds in tests":
        targeted = search(claim, seed=seed)
        if targeted is None:
            return outcome
        outcome = targeted
    share = _failing_share(claim, 400 if depth == "ci" else 5000, seed)
    return Settlement(
        outcome.claim,
        outcome.verdict,
        outcome.evidence,
        outcome.examples,
        outcome.counterexample,
        outcome.values,
        share,
    )

r"""The one-shot ultimatum's closed-form pieces, by regime, shared by
:class:`~bargaining.coercion.ultimatum.Ultimatum` and
:class:`~bargaining.coercion.signalling.ResolveSignalling`: the threat's credibility
:math:`P(w \ge -a)`, the share of target types that comply :math:`P(R \le R^*)`, and the
coercer's expected value after a refusal. Each is derived in
:mod:`~bargaining.coercion.specification` and proved equal to it in ``proofs/test_coercion.py``.
"""

from __future__ import annotations

from typing import Any

from ..core.values import Case, Kind, clip, ratio

__all__: list[str] = []

#: A regime as :func:`_credibility_regimes` and :func:`_compliance_regimes` give it: the fields
#: of a :class:`~bargaining.core.values.Case` (label, condition, value) as a plain tuple, which a
#: scalar solve reads with :func:`~bargaining.core.values.holding` without building a ``Case``.
CaseTuple = tuple[str, Any, Any]


def _credibility_regimes(kind: Kind, audience_cost: Any, low: Any, high: Any) -> tuple[CaseTuple, ...]:
    """:math:`P(w \\ge -a)` for :math:`w \\sim U[w_{lo}, w_{hi}]`, by regime, every one built at once
    (for numbers a generator that stops at the one that holds costs more than the few steps it saves)."""
    return (
        ("never executes", high + audience_cost <= 0, 0 * audience_cost),
        ("always executes", low + audience_cost >= 0, 0 * audience_cost + 1),
        ("uncertain", True, ratio(kind, high + audience_cost, high - low)),
    )


def _credibility_cases(kind: Kind, audience_cost: Any, low: Any, high: Any) -> list[Case]:
    """:math:`P(w \\ge -a)` for :math:`w \\sim U[w_{lo}, w_{hi}]`, by regime."""
    return [Case(*regime) for regime in _credibility_regimes(kind, audience_cost, low, high)]


def _compliance_regimes(kind: Kind, leverage: Any, need: Any, low: Any, high: Any) -> tuple[CaseTuple, ...]:
    """:func:`_compliance_cases` as plain tuples, every one built at once."""
    stake = leverage * (1 - low)
    return (
        ("full compliance", leverage * (1 - high) >= need, 0 * need + 1),
        ("no compliance", stake <= need, 0 * need),
        ("partial compliance", True, ratio(kind, stake - need, leverage * (high - low))),
    )


def _compliance_cases(kind: Kind, leverage: Any, need: Any, low: Any, high: Any) -> list[Case]:
    """:math:`P(R \\le R^*)` for :math:`R \\sim U[r_{lo}, r_{hi}]`, by regime (see the module docstring)."""
    return [Case(*regime) for regime in _compliance_regimes(kind, leverage, need, low, high)]


def _fallback(kind: Kind, audience_cost: Any, low: Any, high: Any, risk: Any) -> Any:
    """C's expected value after resistance, before discounting: chance execution mixed with
    :math:`E[\\max(w, -a)]` (execute iff :math:`w \\ge -a`, else pay the audience cost)."""
    cut = clip(kind, -audience_cost, low, high)
    will = ((cut - low) * (-audience_cost) + (high * high - cut * cut) / 2) / (high - low)
    chance = (high + low) / 2
    return risk * chance + (1 - risk) * will


def outcome_values(
    comply: Any, resist: Any, falls: Any, execution: Any, immediate: Any, coercer: Any, target: Any
) -> list[Any]:
    """The outcome's probabilities and utilities in
    :class:`~bargaining.coercion.ultimatum.UltimatumOutcome`'s field order (one list for the
    closed forms and the quadrature): the threat falls on the resisters with probability ``falls``
    and is then executed with probability ``execution``; ``immediate`` is the share that complies
    at once.

    >>> outcome_values(0.75, 0.25, 1, 0.5, 0.5, 0.6, 0.3)
    [0.75, 0.125, 0.125, 0.0, 0.5, 0.5, 0.6, 0.3]
    """
    return [
        comply,
        falls * execution * resist,
        falls * (1 - execution) * resist,
        (1 - falls) * resist,
        immediate,
        execution,
        coercer,
        target,
    ]

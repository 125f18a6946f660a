r"""The one-shot ultimatum's closed-form pieces, by regime, shared by
:class:`~bargaining.coercion.ultimatum.Ultimatum` and
:class:`~bargaining.coercion.signalling.ResolveSignalling`: the threat's credibility
:math:`P(w \ge -a)`, the share of target types that comply :math:`P(R \le R^*)`, and the
coercer's expected value after a refusal. Each is derived in
:mod:`~bargaining.coercion.specification` and proved equal to it in ``proofs/test_coercion.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..core.values import Case, Kind, clip, ratio

__all__: list[str] = []


def _credibility_regimes(kind: Kind, audience_cost: Any, low: Any, high: Any) -> Iterator[Case]:
    """:math:`P(w \\ge -a)` for :math:`w \\sim U[w_{lo}, w_{hi}]`, by regime, each built when the
    ones before it have been (a scalar reads them up to the one that holds)."""
    yield Case("never executes", high + audience_cost <= 0, 0 * audience_cost)
    yield Case("always executes", low + audience_cost >= 0, 0 * audience_cost + 1)
    yield Case("uncertain", True, ratio(kind, high + audience_cost, high - low))


def _credibility_cases(kind: Kind, audience_cost: Any, low: Any, high: Any) -> list[Case]:
    """:math:`P(w \\ge -a)` for :math:`w \\sim U[w_{lo}, w_{hi}]`, by regime."""
    return list(_credibility_regimes(kind, audience_cost, low, high))


def _compliance_regimes(kind: Kind, leverage: Any, need: Any, low: Any, high: Any) -> Iterator[Case]:
    """:func:`_compliance_cases`, each regime built when the ones before it have been."""
    yield Case("full compliance", leverage * (1 - high) >= need, 0 * need + 1)
    stake = leverage * (1 - low)
    yield Case("no compliance", stake <= need, 0 * need)
    yield Case("partial compliance", True, ratio(kind, stake - need, leverage * (high - low)))


def _compliance_cases(kind: Kind, leverage: Any, need: Any, low: Any, high: Any) -> list[Case]:
    """:math:`P(R \\le R^*)` for :math:`R \\sim U[r_{lo}, r_{hi}]`, by regime (see the module docstring)."""
    return list(_compliance_regimes(kind, leverage, need, low, high))


def _fallback(kind: Kind, audience_cost: Any, low: Any, high: Any, risk: Any) -> Any:
    """C's expected value after resistance, before discounting: chance execution mixed with
    :math:`E[\\max(w, -a)]` (execute iff :math:`w \\ge -a`, else pay the audience cost)."""
    cut = clip(kind, -audience_cost, low, high)
    will = ((cut - low) * (-audience_cost) + (high * high - cut * cut) / 2) / (high - low)
    chance = (high + low) / 2
    return risk * chance + (1 - risk) * will

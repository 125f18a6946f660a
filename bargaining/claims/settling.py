r"""Settling a claim: search the region on arrays, then prove, and say what kind of truth it is.

:func:`settle_claim` runs two steps and returns a :class:`ClaimSettlement`:

1. :func:`~bargaining.claims.search` evaluates the claim on thousands of points of the region in
   one array call (a Sobol design plus the region's corners and edges) and confirms the worst
   points in exact arithmetic. A confirmed counterexample, shrunk toward the simplest point, makes
   the claim **refuted**; the settlement gives the share of the design on which it fails.
2. Otherwise :func:`~bargaining.claims.prove` looks at the claim on sympy symbols:

   * **by construction**: the claim follows from the model's definitions (detected: the two
     sides of a relation are the same expression, or the parameter enters the quantity linearly;
     or declared by the claim's ``construction``, with the reason, and checked);
   * **proved**: a derivation, with the derivative or the difference and its sign on the region;
   * **holds in tests**: sympy cannot decide, and the search found no counterexample: the
     evidence gives the number of points and the design;
   * **undecided**: floats break the claim but exact arithmetic does not confirm it.

``region`` settles the claim on another box (a scenario's ranges, see
:func:`~bargaining.claims.scenario_region`). ``cache=True`` keeps verdicts in the user's cache
(:mod:`bargaining.claims.cache`), so a claim is settled once per version of the package.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from ..core.errors import ParameterValueError
from . import cache as _cache
from .claim import VERDICTS, Claim, Region, Verdict
from .proving import prove
from .searching import DESIGN, search

__all__ = ["ClaimSettlement", "cached_settlement", "settle_claim", "store_settlement"]

DEPTHS = tuple(DESIGN)


@dataclass(frozen=True)
class ClaimSettlement:
    """How a claim was settled, with the evidence a reader needs to check it.

    ``claim`` is the claim as settled (its ``region`` is the region used); ``examples`` the
    number of points (pairs, for a monotone claim) the search evaluated; ``counterexample`` and
    ``values`` the exact witness of a refutation; ``failing_share`` the share of the Sobol design
    on which a refuted claim fails (in floats); ``cached`` whether it came from the cache.

    >>> from fractions import Fraction as F
    >>> from bargaining.claims import MonotoneClaim, Region
    >>> claim = MonotoneClaim("x rises", "test", Region({"x": (0, 1)}), quantity=lambda x: x, parameter="x")
    >>> outcome = settle_claim(claim)
    >>> outcome.verdict, outcome.cached
    ('by construction', False)
    """

    claim: Claim
    verdict: Verdict
    evidence: str
    examples: int = 0
    counterexample: Mapping[str, Any] | None = None
    values: tuple[Any, Any] | None = None
    failing_share: float | None = None
    cached: bool = False


_FIELDS = ("verdict", "evidence", "examples", "counterexample", "values", "failing_share")


@contextmanager
def _older_objects_frozen() -> Iterator[None]:
    """Keep the objects that exist before a settlement out of the garbage collector's full passes
    while it runs (:func:`gc.freeze`, undone after).

    A settlement allocates hundreds of thousands of sympy objects; each of the few full passes this
    triggers would otherwise walk every object of the process (sympy, scipy, the report's figures:
    about 0.1 s each on a process that has imported them) for garbage that can only be among the
    new ones. Nothing is computed differently. Left alone when the collector is off or another
    caller has frozen objects already (its freeze is not ours to undo).
    """
    if not gc.isenabled() or gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _settle(claim: Claim, depth: str, seed: int) -> ClaimSettlement:
    found = search(claim, depth, seed=seed)
    if found.counterexample is not None:
        return ClaimSettlement(
            claim,
            "refuted",
            f"counterexample from {found.design}, confirmed in exact arithmetic and shrunk",
            found.points,
            found.counterexample,
            found.values,
            found.failing_share,
        )
    proof = prove(claim)
    tested = f"no counterexample in {found.design}"
    if found.unconfirmed is not None:
        return ClaimSettlement(
            claim,
            "undecided",
            f"floats break the claim by up to {found.unconfirmed:.3g} but exact arithmetic does not "
            f"confirm it at the worst points ({found.design}); {proof.text}",
            found.points,
        )
    if proof.verdict == "by construction":
        return ClaimSettlement(claim, "by construction", f"{proof.text}; {tested}", found.points)
    if claim.construction:
        checked = proof.text if proof.verdict == "proved" else tested
        return ClaimSettlement(
            claim, "by construction", f"{claim.construction}; checked: {checked}", found.points
        )
    if proof.verdict == "proved":
        return ClaimSettlement(claim, "proved", proof.text, found.points)
    return ClaimSettlement(claim, "holds in tests", f"{tested}; not proved: {proof.text}", found.points)


def settle_claim(
    claim: Claim, depth: str = "ci", *, seed: int = 0, region: Region | None = None, cache: bool = False
) -> ClaimSettlement:
    """Search, then prove: the claim's verdict with its evidence (see the module's description).

    >>> from fractions import Fraction as F
    >>> from bargaining.claims import MonotoneClaim, Region
    >>> from bargaining.solutions import AlternatingOffers
    >>> claim = MonotoneClaim("Patience pays", "urgency", Region({"d1": (F(1, 20), F(19, 20)), "d2": (F(1, 2), F(1, 2))}),
    ...                       quantity=lambda d1, d2: AlternatingOffers(d1, d2).solve().first_share, parameter="d1")
    >>> outcome = settle_claim(claim)
    >>> outcome.verdict
    'proved'
    >>> print(outcome.evidence)
    ∂/∂d1 = -d2*(d2 - 1)/(d1*d2 - 1)**2 ≥ 0 for all 1/20 ≤ d1 ≤ 19/20, d2 = 1/2 (sympy)
    >>> settle_claim(claim, region=Region({"d1": (F(1, 2), F(9, 10)), "d2": (F(1, 10), F(1, 2))})).verdict
    'proved'
    >>> settle_claim(claim, region=Region({"d1": (F(1, 2), 1), "d2": (0, F(1, 2))}))
    Traceback (most recent call last):
    ...
    bargaining.claims.claim.ClaimError: claim 'Patience pays': the model refuses the point (ParameterValueError: discount_second must be a discount factor in (0, 1] (got 0.0)) at d1 = 0.5, d2 = 0.0
    """
    if depth not in DESIGN:
        raise ParameterValueError("depth", f"one of {sorted(DESIGN)}", depth)
    if region is not None:
        if not isinstance(region, Region):
            raise ParameterValueError("region", "a Region", region)
        claim = claim.mutated(region=region)
    if cache:
        stored = cached_settlement(claim, depth, seed=seed)
        if stored is not None:
            return stored
    with _older_objects_frozen():
        outcome = _settle(claim, depth, seed)
    if cache:
        store_settlement(outcome, depth, seed=seed)
    return outcome


def cached_settlement(claim: Claim, depth: str = "ci", *, seed: int = 0) -> ClaimSettlement | None:
    """The claim's settlement from the verdict cache, or ``None`` if it has none.

    >>> from bargaining.claims import MonotoneClaim, Region
    >>> cached_settlement(MonotoneClaim("x rises", "t", Region({"x": (0, 1)}), quantity=abs, parameter="x"))
    """
    stored = _cache.load(claim, f"{depth}:{seed}")
    if stored is None or stored.get("verdict") not in VERDICTS:
        return None
    fields: dict[str, Any] = {name: stored.get(name) for name in _FIELDS}
    return ClaimSettlement(claim, cached=True, **fields)


def store_settlement(outcome: ClaimSettlement, depth: str = "ci", *, seed: int = 0) -> bool:
    """Keep ``outcome`` in the verdict cache (``False`` if its claim cannot be cached).

    >>> from bargaining.claims import essay_claims
    >>> claim = essay_claims()[0]
    >>> import os, tempfile
    >>> saved = os.environ.get("BARGAINING_CACHE_DIR")
    >>> os.environ["BARGAINING_CACHE_DIR"] = tempfile.mkdtemp()
    >>> store_settlement(ClaimSettlement(claim, "proved", "by hand")), cached_settlement(claim).cached
    (True, True)
    >>> _ = os.environ.pop("BARGAINING_CACHE_DIR") if saved is None else os.environ.update(BARGAINING_CACHE_DIR=saved)
    """
    return _cache.store(outcome.claim, f"{depth}:{seed}", {name: getattr(outcome, name) for name in _FIELDS})

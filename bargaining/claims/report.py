"""The claims report: a Markdown and an HTML table to paste into a paper's appendix.

Each row gives the claim, its principle, the verdict (what kind of truth it is), the region it
was settled on (with where that region comes from) and the evidence: the proof, the definition
it follows from, the number of points searched, or the exact counterexample.
"""

from __future__ import annotations

import html
import multiprocessing
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.errors import ParameterValueError
from .claim import VERDICTS, Claim, ClaimError, _show
from .scenario import scenario_region
from .settling import _FIELDS, DEPTHS, ClaimSettlement, cached_settlement, settle_claim, store_settlement

if TYPE_CHECKING:  # pragma: no cover - typing only
    from ..scenarios import Scenario

__all__ = ["counts", "markdown", "report", "to_html"]


def _readable(text: str) -> str:
    """A sympy expression printed for a reader, not for Python: ``x**2`` as ``x^2`` and ``2*x`` as
    ``2·x`` (a ``*`` would also start emphasis in Markdown).

    >>> _readable("-x**2 + 2*x - 1/4 <= 0")
    '-x^2 + 2·x - 1/4 <= 0'
    """
    return text.replace("**", "^").replace("*", "·")


def _evidence(outcome: ClaimSettlement) -> str:
    text = _readable(outcome.evidence)
    if outcome.counterexample is not None:
        point = ", ".join(f"{name} = {_show(value)}" for name, value in outcome.counterexample.items())
        assert outcome.values is not None
        text += f"; at {point}: {_show(outcome.values[0])} vs {_show(outcome.values[1])}"
    if outcome.failing_share is not None:
        text += f"; fails on about {outcome.failing_share:.0%} of the Sobol design"
    return text


def _rows(outcomes: Sequence[ClaimSettlement]) -> list[list[str]]:
    return [
        [
            outcome.claim.statement,
            outcome.claim.principle,
            outcome.verdict,
            outcome.claim.region.describe(),
            _evidence(outcome),
            outcome.claim.source,
        ]
        for outcome in outcomes
    ]


HEADER = ["claim", "principle", "verdict", "region", "evidence", "source"]


def counts(outcomes: Sequence[ClaimSettlement]) -> str:
    """How many claims got each verdict, in words.

    >>> counts([])
    'no claims'
    """
    found = [(sum(o.verdict == verdict for o in outcomes), verdict) for verdict in VERDICTS]
    return ", ".join(f"{count} {verdict}" for count, verdict in found if count) or "no claims"


def markdown(outcomes: Sequence[ClaimSettlement]) -> str:
    """The table in Markdown.

    >>> markdown([]).splitlines()[0]
    '| claim | principle | verdict | region | evidence | source |'
    """
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    for row in _rows(outcomes):
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |")
    return "\n".join(lines) + "\n"


def to_html(outcomes: Sequence[ClaimSettlement]) -> str:
    """The table as a standalone HTML page.

    >>> to_html([]).startswith("<!DOCTYPE html>")
    True
    """
    head = "".join(f"<th>{html.escape(h)}</th>" for h in HEADER)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>" for row in _rows(outcomes)
    )
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Claims report</title>"
        "<style>table{border-collapse:collapse}td,th{border:1px solid #999;padding:4px;vertical-align:top}"
        "</style></head><body><h1>Claims report</h1>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></body></html>\n"
    )


def _on_scenarios(claim: Claim, scenarios: Sequence[Scenario]) -> Claim | ClaimSettlement:
    """The claim on the scenarios' ranges; a claim whose region they do not meet is *undecided*
    there, with the reason."""
    try:
        region = scenario_region(claim, *scenarios)
    except ClaimError as error:
        return ClaimSettlement(claim, "undecided", f"not settled on these scenarios: {error.problem}")
    return claim.mutated(region=region)


_PENDING: list[Claim] = []  # the claims a forked worker settles, by index (inherited, not pickled)


def _settle_pending(index: int, depth: str) -> dict[str, Any]:  # pragma: no cover - runs in a worker
    outcome = settle_claim(_PENDING[index], depth)
    return {name: getattr(outcome, name) for name in _FIELDS}


def _warm_up() -> None:
    """Import what every worker needs (sympy for the proofs, scipy's Sobol engine for the designs)
    once, in the parent: forked workers share the imported modules instead of each paying for them
    (about a second of CPU per worker)."""
    import sympy  # noqa: F401
    from scipy.stats import qmc  # noqa: F401


def _settle_all(claims: Sequence[Claim], depth: str, cache: bool, workers: int) -> list[ClaimSettlement]:
    """Settle each claim (from the cache when it has it), the rest over ``workers`` processes."""
    outcomes: list[ClaimSettlement | None] = [None] * len(claims)
    if cache:
        for index, claim in enumerate(claims):
            stored = cached_settlement(claim, depth)
            if stored is not None:
                outcomes[index] = stored
    todo = [index for index, outcome in enumerate(outcomes) if outcome is None]
    if workers > 1 and len(todo) > 1 and "fork" in multiprocessing.get_all_start_methods():
        _warm_up()
        _PENDING[:] = claims
        try:
            with multiprocessing.get_context("fork").Pool(min(workers, len(todo))) as pool:
                found = pool.starmap(_settle_pending, [(index, depth) for index in todo], chunksize=1)
        finally:
            _PENDING.clear()
        for index, fields in zip(todo, found):
            outcomes[index] = ClaimSettlement(claims[index], **fields)
    else:
        for index in todo:
            outcomes[index] = settle_claim(claims[index], depth)
    if cache:
        for index in todo:
            outcome = outcomes[index]
            assert outcome is not None
            store_settlement(outcome, depth)
    return [outcome for outcome in outcomes if outcome is not None]


def report(
    claims: Iterable[Claim] | None = None,
    output: str | Path | None = None,
    depth: str = "ci",
    *,
    scenarios: Sequence[Scenario] | None = None,
    cache: bool = True,
    workers: int = 1,
) -> list[ClaimSettlement]:
    """Settle ``claims`` (default: the essay's) and, given ``output``, write ``claims.md`` and
    ``claims.html`` there. Returns the settlements.

    With ``scenarios``, each claim is settled on the region their assumption ranges span
    (:func:`~bargaining.claims.scenario_region`). ``cache=False`` settles every claim afresh
    instead of reusing the verdicts this version of the package already found. ``workers``:
    how many processes settle the claims not in the cache (1, the default, settles them in this
    process; more fork workers, where the platform can fork: ``bargaining claims`` uses the
    cores other jobs leave idle, at least 1 and at most 4).

    >>> from fractions import Fraction as F
    >>> from bargaining.claims import MonotoneClaim, Region
    >>> claim = MonotoneClaim("x rises", "test", Region({"x": (0, 1)}), quantity=lambda x: x, parameter="x")
    >>> [outcome.verdict for outcome in report([claim], cache=False)]
    ['by construction']
    """
    from .catalogue import essay_claims

    if depth not in DEPTHS:
        raise ParameterValueError("depth", f"one of {sorted(DEPTHS)}", depth)
    chosen = essay_claims() if claims is None else list(claims)
    placed = [_on_scenarios(claim, scenarios) for claim in chosen] if scenarios else list(chosen)
    settled = iter(
        _settle_all(
            [item for item in placed if isinstance(item, Claim)],
            depth,
            cache,
            workers,
        )
    )
    outcomes = [item if isinstance(item, ClaimSettlement) else next(settled) for item in placed]
    if output is not None:
        folder = Path(output)
        folder.mkdir(parents=True, exist_ok=True)
        where = (
            f"Settled on the region spanned by the assumption ranges of {', '.join(s.name for s in scenarios)}"
            " (each row says which parameters come from them).\n\n"
            if scenarios
            else ""
        )
        (folder / "claims.md").write_text(
            "# Claims report\n\n" + where + markdown(outcomes), encoding="utf-8"
        )
        (folder / "claims.html").write_text(to_html(outcomes), encoding="utf-8")
    return outcomes

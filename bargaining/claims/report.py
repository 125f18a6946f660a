"""The claims report: a Markdown and an HTML table to paste into a paper's appendix."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from .claim import Claim
from .settling import Settlement, settle

__all__ = ["markdown", "report", "to_html"]


def _evidence(outcome: Settlement) -> str:
    text = outcome.evidence
    if outcome.counterexample is not None:
        point = ", ".join(f"{name} = {_show(value)}" for name, value in outcome.counterexample.items())
        assert outcome.values is not None
        text += f"; at {point}: {_show(outcome.values[0])} vs {_show(outcome.values[1])}"
    if outcome.failing_share is not None:
        text += f"; fails on about {outcome.failing_share:.0%} of the region (random sample)"
    return text


def _show(value: Any) -> str:
    if isinstance(value, tuple):
        return " → ".join(str(v) for v in value)
    return str(value)


def _rows(outcomes: Sequence[Settlement]) -> list[list[str]]:
    rows = []
    for outcome in outcomes:
        claim = outcome.claim
        rows.append(
            [
                claim.statement,
                claim.principle,
                outcome.verdict,
                claim.region.describe(),
                _evidence(outcome),
                claim.source,
            ]
        )
    return rows


HEADER = ["claim", "principle", "verdict", "region", "evidence", "source"]


def markdown(outcomes: Sequence[Settlement]) -> str:
    """The table in Markdown."""
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    for row in _rows(outcomes):
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |")
    return "\n".join(lines) + "\n"


def to_html(outcomes: Sequence[Settlement]) -> str:
    """The table as a standalone HTML page."""
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


def report(
    claims: Iterable[Claim] | None = None, output: str | Path | None = None, depth: str = "ci"
) -> list[Settlement]:
    """Settle ``claims`` (default: the essay's) and, given ``output``, write ``claims.md`` and
    ``claims.html`` there. Returns the settlements."""
    from .catalogue import essay_claims

    outcomes = [settle(claim, depth) for claim in (essay_claims() if claims is None else claims)]
    if output is not None:
        folder = Path(output)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "claims.md").write_text("# Claims report\n\n" + markdown(outcomes), encoding="utf-8")
        (folder / "claims.html").write_text(to_html(outcomes), encoding="utf-8")
    return outcomes

"""The reference list is complete: every work the report or a claim cites has its full entry."""

from bargaining.claims.catalogue import essay_claims
from bargaining.report.references import METHODS, WORKS, citations, cited

#: Cited with a year but not works: a treaty (listed with the scenarios' sources).
NOT_WORKS = {("Budapest", "1994")}


def _authors(key):
    """Every surname of the entry of ``key`` (first author and co-authors) with its year."""
    names = WORKS[key].split(" (")[0]
    return {(word.strip(",.&"), key[1]) for word in names.split() if word[:1].isupper() and len(word) > 2}


def test_every_work_a_claim_cites_is_in_the_catalogue():
    known = set(WORKS) | {pair for key in WORKS for pair in _authors(key)}
    for claim in essay_claims():
        for found in citations(f"{claim.statement} {claim.source}"):
            assert found in known or found in NOT_WORKS, (found, claim.statement)


def test_the_reports_references_list_what_it_cites(report):
    text = report.markdown.read_text(encoding="utf-8")
    body, references = text.split("## References")
    for key in citations(body) & set(WORKS):
        assert WORKS[key] in references, key
    assert all(entry in references for entry in METHODS)
    assert cited("nothing cited here") == []

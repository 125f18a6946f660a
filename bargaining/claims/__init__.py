"""Claims: George's principles as first-class statements a model can settle.

State a claim about any model in a few lines, then settle it: :func:`settle_claim` searches its region
on arrays for a counterexample (confirmed in exact arithmetic), then proves it with sympy where
it can, and says what kind of truth the verdict is: *proved*, *by construction* (it follows from
the model's definitions), *holds in tests*, *refuted* (with the counterexample) or *undecided*.
:func:`scenario_region` settles a claim on a scenario's assumption ranges; :func:`report` writes
the table for a paper's appendix.

>>> from fractions import Fraction as F
>>> from bargaining.claims import MonotoneClaim, Region, settle_claim
>>> from bargaining.solutions import AlternatingOffers
>>> claim = MonotoneClaim("The first proposer's share falls as the responder grows patient",
...                       "urgency", Region({"d1": (F(1, 10), F(9, 10)), "d2": (F(1, 10), F(9, 10))}),
...                       quantity=lambda d1, d2: AlternatingOffers(d1, d2).solve().first_share,
...                       parameter="d2", direction="nonincreasing")
>>> settle_claim(claim).verdict
'proved'
"""

from .catalogue import essay_claims
from .claim import VERDICTS, Claim, ClaimError, MonotoneClaim, Region, RelationClaim
from .proving import Proof, prove
from .report import markdown, report, to_html
from .scenario import scenario_region
from .searching import Search, search
from .settling import ClaimSettlement, settle_claim

__all__ = [
    "VERDICTS",
    "Claim",
    "ClaimError",
    "ClaimSettlement",
    "MonotoneClaim",
    "Proof",
    "Region",
    "RelationClaim",
    "Search",
    "essay_claims",
    "markdown",
    "prove",
    "report",
    "scenario_region",
    "search",
    "settle_claim",
    "to_html",
]

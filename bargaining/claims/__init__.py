"""Claims: George's principles as first-class, tested statements (MODEL.md §7).

State a claim about any model in a few lines, then settle it: :func:`settle` proves it with sympy
where it can, tests it with hypothesis on exact rationals, and refutes it with a minimal
counterexample where it fails. :func:`report` writes the table for a paper's appendix.

>>> from fractions import Fraction as F
>>> from bargaining.claims import MonotoneClaim, Region, settle
>>> from bargaining.solutions import AlternatingOffers
>>> claim = MonotoneClaim("The first proposer's share falls as the responder grows patient",
...                       "urgency", Region({"d1": (F(1, 10), F(9, 10)), "d2": (F(1, 10), F(9, 10))}),
...                       quantity=lambda d1, d2: AlternatingOffers(d1, d2).solve().first_share,
...                       parameter="d2", direction="nonincreasing")
>>> settle(claim).verdict
'proved'
"""

from .catalogue import essay_claims
from .claim import Claim, MonotoneClaim, Region, RelationClaim
from .report import markdown, report, to_html
from .settling import Settlement, property_test, prove, search, settle

__all__ = [
    "Claim",
    "MonotoneClaim",
    "Region",
    "RelationClaim",
    "Settlement",
    "essay_claims",
    "markdown",
    "property_test",
    "prove",
    "report",
    "search",
    "settle",
    "to_html",
]

"""The claims of the essay, each formalised on the models that exist.

Every claim names the essay's principle it formalises, the model and region it speaks of (the
region its source states), the published source of the result where there is one, and, when the
claim follows from the model's own definitions, why (``construction``). No claim carries the
verdict it should get: ``tests/claims`` settles each one and breaks each model on purpose to show
that the verdict, whatever it is, can change.
"""

from __future__ import annotations

from .claim import Claim
from .essay.coercion import coercion_claims
from .essay.commitment import commitment_claims
from .essay.crisis import crisis_claims
from .essay.war import war_claims

__all__ = ["coercion_claims", "commitment_claims", "crisis_claims", "essay_claims", "war_claims"]


def essay_claims() -> list[Claim]:
    """Every claim the package formalises: the crisis claims first, then coercion, commitment and
    the war, which together cover the rows of the essay's table of principles.

    >>> claims = essay_claims()
    >>> len(claims) > 10, claims[0].principle
    (True, 'take small steps')
    """
    return crisis_claims() + coercion_claims() + commitment_claims() + war_claims()

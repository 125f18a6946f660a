"""Games (MODEL.md §6): game trees solved in symbols, credibility, stage and repeated games, Gambit files."""

from .backward import (
    ACCEPT_WHEN_INDIFFERENT,
    FIRST_LISTED,
    BackwardInduction,
    SubgamePerfectEquilibrium,
    Tie,
    TieRule,
    backward_induction,
    perfect_information_subgames,
    prefer,
)
from .tree import Chance, Decision, GameTree, Infoset, Outcome, chance, crisis_game, decide, outcome

__all__ = [
    "ACCEPT_WHEN_INDIFFERENT",
    "FIRST_LISTED",
    "BackwardInduction",
    "Chance",
    "Decision",
    "GameTree",
    "Infoset",
    "Outcome",
    "SubgamePerfectEquilibrium",
    "Tie",
    "TieRule",
    "backward_induction",
    "chance",
    "crisis_game",
    "decide",
    "outcome",
    "perfect_information_subgames",
    "prefer",
]

"""Named signalling games from the literature and the essay: beer-quiche, education, a crisis."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from .signalling_game import SignallingGame

__all__ = ["beer_quiche", "crisis_signalling_game", "education_game"]


def beer_quiche(prior_strong: Any = Fraction(9, 10)) -> SignallingGame:
    """The beer-quiche game (Cho & Kreps 1987, QJE 102: 179–221, §II).

    The sender is ``strong`` (prior ``prior_strong``) or ``weak``; it has ``beer`` or ``quiche``
    for breakfast (the strong prefer beer, the weak quiche: 1 for the preferred breakfast), and
    gets 2 more if the receiver does not ``duel``. The receiver gains 1 by duelling a weak sender
    or by not duelling a strong one.

    >>> beer_quiche().sender_payoffs[0]
    ((Fraction(1, 1), Fraction(3, 1)), (Fraction(0, 1), Fraction(2, 1)))
    """

    def payoffs(sender_type: str, message: str, action: str) -> tuple[int, int]:
        preferred = int((sender_type == "strong") == (message == "beer"))
        spared = 2 * int(action == "no duel")
        right = int((action == "duel") == (sender_type == "weak"))
        return preferred + spared, right

    return SignallingGame.from_function(
        ("strong", "weak"), (prior_strong, 1 - prior_strong), ("beer", "quiche"), ("duel", "no duel"), payoffs
    )


def education_game() -> SignallingGame:
    r"""A discrete Spence (1973, QJE 87: 355–374) job-market signalling game.

    A worker of productivity 1 (``low``) or 2 (``high``, prior 2/3) chooses education ``none``,
    ``some`` or ``much`` (levels 0, 1, 2), costing :math:`3e/2` to the low type and :math:`e/3` to
    the high type; the employer pays a wage of 1, 3/2 or 2 and gets :math:`-(w - \theta)^2`.
    Education is unproductive; it can only signal.

    >>> education_game().sender_payoffs[0][1]
    (Fraction(-1, 2), Fraction(0, 1), Fraction(1, 2))
    """
    productivity = {"low": Fraction(1), "high": Fraction(2)}
    unit_cost = {"low": Fraction(3, 2), "high": Fraction(1, 3)}
    level = {"none": 0, "some": 1, "much": 2}
    wage = {"wage 1": Fraction(1), "wage 3/2": Fraction(3, 2), "wage 2": Fraction(2)}

    def payoffs(worker: str, education: str, offer: str) -> tuple[Fraction, Fraction]:
        return wage[offer] - unit_cost[worker] * level[education], -(
            (wage[offer] - productivity[worker]) ** 2
        )

    return SignallingGame.from_function(
        ("low", "high"),
        (Fraction(1, 3), Fraction(2, 3)),
        tuple(level),
        tuple(wage),
        payoffs,
        ("Worker", "Employer"),
    )


def crisis_signalling_game(
    demand: Any = Fraction(1, 2),
    loss: Any = 1,
    resolved_value: Any = Fraction(1, 4),
    audience_cost: Any = 1,
    carrot: Any = Fraction(1, 4),
    prior_resolved: Any = Fraction(1, 3),
) -> SignallingGame:
    r"""The crisis of the essay as a signalling game: the coercer knows whether it is ``resolute``.

    The coercer makes a ``plain threat``, a ``specific threat`` (George's "get specific": backing
    down from it costs the ``audience_cost`` :math:`a`), or a plain threat with a ``carrot`` (it
    pays the target ``carrot`` :math:`c` on compliance). The target complies (coercer
    :math:`x - c`, target :math:`-x + c`) or resists; a resisted resolute coercer executes (it gets
    ``resolved_value`` :math:`w`, the target :math:`-L`), an irresolute one backs down (it pays the
    audience cost of a specific threat; the target keeps everything). The execution decisions are
    folded in, as backward induction on :func:`bargaining.games.tree.crisis_game` gives them
    (Fearon 1997, JCR 41: 68–90, on tying hands; George 1991, *Forceful Persuasion*).

    >>> game = crisis_signalling_game()
    >>> game.sender_payoffs[1][1]
    (Fraction(1, 2), Fraction(-1, 1))
    """

    def payoffs(coercer: str, message: str, response: str) -> tuple[Any, Any]:
        offered = carrot if message == "carrot" else 0 * carrot
        if response == "comply":
            return demand - offered, offered - demand
        if coercer == "resolute":
            return resolved_value, -loss
        return -audience_cost if message == "specific threat" else 0 * audience_cost, 0 * loss

    return SignallingGame.from_function(
        ("resolute", "irresolute"),
        (prior_resolved, 1 - prior_resolved),
        ("plain threat", "specific threat", "carrot"),
        ("comply", "resist"),
        payoffs,
        ("Coercer", "Target"),
    )

"""Credibility certificates: the non-credible threat of the crisis's pooling equilibrium."""

from fractions import Fraction

import sympy

from bargaining.games.credibility import credibility_certificate
from bargaining.games.stage import equilibria, is_nash, strategic_form
from bargaining.games.tree import GameTree, crisis_game, decide, outcome


def test_pooling_nash_equilibrium_of_the_crisis_rests_on_a_non_credible_threat():
    # both coercer types demand and both threaten to execute; the target complies. From the
    # strategic form, that profile is a Nash equilibrium; the irresolute type's threat is not credible.
    tree = crisis_game(Fraction(1, 2), 1, Fraction(1, 10), Fraction(1, 5), Fraction(-1, 2), Fraction(1, 2), type_first=True)
    game, rows, columns = strategic_form(tree)
    pooling = {"resolved": "demand", "resolved/demand/resist": "execute",
               "irresolute": "demand", "irresolute/demand/resist": "execute"}
    row = tuple(Fraction(int(plan == pooling)) for plan in rows)
    column = tuple(Fraction(int(plan == {"Target after a demand": "comply"})) for plan in columns)
    assert is_nash(game, row, column)
    assert any(e.row == row and e.column == column for e in equilibria(game, warn=False).extreme)
    certificate = credibility_certificate(tree, {**pooling, "Target after a demand": "comply"})
    assert not certificate.is_credible
    (threat,) = certificate.threats
    assert threat.history == ("irresolute", "demand", "resist")
    assert (threat.prescribed, threat.better_action, threat.gain) == ("execute", "back down", Fraction(2, 5))
    assert not threat.on_path and certificate.promises == ()


def test_an_on_path_information_set_is_checked_with_bayes_beliefs():
    # the target loses 2 to an executed threat; both types demand, only the resolved executes:
    # resisting costs 1/2 * 2 = 1 against 1/2 for complying, so "resist" fails by 1/2 at the
    # target's two-node information set, and the irresolute type's demand fails too.
    tree = crisis_game(Fraction(1, 2), 2, Fraction(1, 10), Fraction(1, 5), Fraction(-1, 2), Fraction(1, 2), type_first=True)
    profile = {"resolved": "demand", "resolved/demand/resist": "execute", "irresolute": "demand",
               "irresolute/demand/resist": "back down", "Target after a demand": "resist"}
    certificate = credibility_certificate(tree, profile)
    assert certificate.unchecked == ()
    moves = {v.infoset: (v.better_action, v.gain, v.on_path) for v in certificate.violations}
    assert moves == {"irresolute": ("status quo", Fraction(1, 10), True),
                     "Target after a demand": ("comply", Fraction(1, 2), True)}


def test_unreached_information_sets_of_several_nodes_are_listed_unchecked():
    tree = crisis_game(Fraction(1, 2), 1, 0, 1, -1, Fraction(1, 2), type_first=True)
    profile = {"resolved": "status quo", "resolved/demand/resist": "execute", "irresolute": "status quo",
               "irresolute/demand/resist": "back down", "Target after a demand": "resist"}
    certificate = credibility_certificate(tree, profile)
    assert certificate.unchecked == ("Target after a demand",)
    assert {v.infoset for v in certificate.violations} == {"resolved"}  # demanding pays the resolved type


def test_a_non_credible_promise_is_named_a_promise():
    tree = GameTree(("Patron", "Client"), decide("Client", {
        "cooperate": decide("Patron", {"reward": outcome(0, 2), "renege": outcome(1, 0)}),
        "defect": outcome(0, 1)}))
    certificate = credibility_certificate(tree, {"root": "cooperate", "cooperate": "reward"})
    (promise,) = certificate.promises
    assert promise.on_path and promise.gain == 1 and certificate.threats == ()


def test_mixed_moves_and_symbols():
    tree = GameTree(("A", "B"), decide("A", {"x": outcome(1, 1), "y": outcome(0, 1)}))
    (move,) = credibility_certificate(tree, {"root": {"x": Fraction(1, 2), "y": Fraction(1, 2)}}).violations
    assert move.gain == Fraction(1, 2) and move.nature == "move"
    c = sympy.Symbol("c", positive=True)
    tree = GameTree(("A", "B"), decide("A", {"x": outcome(1 - c, 0), "y": outcome(0, 1)}))
    (symbolic,) = credibility_certificate(tree, {"root": "y"}).violations
    assert symbolic.condition == sympy.Lt(c - 1, 0) and symbolic.nature == "promise"
    tree = GameTree(("A", "B"), decide("A", {"x": outcome(1 - c, 1), "y": outcome(0, 0)}))
    (threat,) = credibility_certificate(tree, {"root": "y"}).violations
    assert threat.nature == "threat" and threat.gain == 1 - c
    tree = GameTree(("A", "B"), decide("A", {"x": outcome(c, c - 1), "y": outcome(0, 0)}))
    (kind,) = credibility_certificate(tree, {"root": "y"}).violations
    assert kind.nature == "move" and kind.better_action == "x"

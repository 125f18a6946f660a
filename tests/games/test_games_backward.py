"""Backward induction: every pure SPE, ties reported, symbolic regimes; checked by brute force."""

import itertools
from fractions import Fraction

import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

from bargaining.core.errors import ParameterTypeError, ParameterValueError
from bargaining.games.backward import (
    ACCEPT_WHEN_INDIFFERENT,
    FIRST_LISTED,
    backward_induction,
    perfect_information_subgames,
    prefer,
)
from bargaining.games.credibility import credibility_certificate
from bargaining.games.tree import GameTree, crisis_game, decide, outcome


def ultimatum(pie: int) -> GameTree:
    """The discrete ultimatum game: the proposer keeps k of ``pie`` units, the responder accepts or not."""
    return GameTree(("Proposer", "Responder"), decide("Proposer", {
        f"keep {k}": decide("Responder", {"accept": outcome(k, pie - k), "reject": outcome(0, 0)})
        for k in range(pie + 1)
    }))


def test_discrete_ultimatum_has_the_two_textbook_equilibria():
    # Osborne & Rubinstein (1994), Example 97.1 / Osborne (2004) §6.1.1: with a discrete pie the
    # SPE either give the responder nothing (it accepts when indifferent) or one unit.
    result = backward_induction(ultimatum(4))
    outcomes = sorted(e.payoffs for e in result.equilibria)
    assert outcomes == [(Fraction(3), Fraction(1)), (Fraction(4), Fraction(0))]
    assert [t.history for t in result.ties] == [("keep 4",)]
    assert result.ties[0].resolved_by is None
    ruled = backward_induction(ultimatum(4), tie_rule=ACCEPT_WHEN_INDIFFERENT)
    assert ruled.unique.payoffs == (4, 0) and ruled.ties[0].resolved_by == "accept when indifferent"
    assert backward_induction(ultimatum(4), tie_rule=prefer("reject")).unique.payoffs == (3, 1)


def pure_profiles(tree: GameTree):
    labels = [s.label for s in tree.infosets]
    for choice in itertools.product(*(s.actions for s in tree.infosets)):
        yield dict(zip(labels, choice))


@given(st.lists(st.integers(-3, 3), min_size=8, max_size=8))
def test_backward_induction_finds_exactly_the_profiles_with_no_profitable_one_shot_deviation(payoffs):
    # an independent oracle: enumerate every pure profile and keep the credible ones
    tree = GameTree(("A", "B"), decide("A", {
        "l": decide("B", {"x": outcome(payoffs[0], payoffs[1]), "y": outcome(payoffs[2], payoffs[3])}),
        "r": decide("B", {"x": outcome(payoffs[4], payoffs[5]), "y": outcome(payoffs[6], payoffs[7])}),
    }))
    found = sorted(tuple(e.strategy.items()) for e in backward_induction(tree).equilibria)
    brute = sorted(tuple(p.items()) for p in pure_profiles(tree) if credibility_certificate(tree, p).is_credible)
    assert found == brute
    for e in backward_induction(tree).equilibria:
        assert tree.expected_payoffs(e.strategy) == e.payoffs


@given(st.integers(1, 9), st.integers(1, 9), st.integers(1, 9))
def test_chance_nodes_are_averaged_exactly(a, b, c):
    tree = crisis_game(Fraction(a, 10), Fraction(b, 5), Fraction(c, 10), 1, -1, Fraction(1, 3))
    result = backward_induction(tree, tie_rule=FIRST_LISTED)
    assert result.unique.payoffs == tree.expected_payoffs(result.unique.strategy)


def test_crisis_tree_solved_in_symbols_with_regimes_in_latex():
    x, loss, a, cost, q = sympy.symbols("demand loss audience_cost cost prior_resolved", positive=True)
    result = backward_induction(crisis_game(x, loss, a, 1, -cost, q), tie_rule=ACCEPT_WHEN_INDIFFERENT)
    paths = [e.path for e in result.equilibria]
    assert ("demand", "comply") in paths and ("status quo",) in paths
    latex = result.latex()
    assert latex.startswith("\\begin{cases}") and "demand \\leq loss" in latex
    # each regime's payoffs agree with the numeric layer at a point inside it
    point = {x: Fraction(1, 2), loss: 1, a: Fraction(1, 5), cost: Fraction(1, 10), q: Fraction(1, 2)}
    holding = [e for e in result.equilibria if bool(e.condition.subs(point))]
    assert len(holding) == 1
    numeric = backward_induction(crisis_game(*[point[s] for s in (x, loss, a)], 1, -point[cost], point[q]),
                                 tie_rule=ACCEPT_WHEN_INDIFFERENT)
    assert holding[0].strategy == numeric.unique.strategy
    piecewise = result.payoff_piecewise("Coercer")
    assert piecewise.subs(point) == numeric.unique.payoffs[0]


def test_symbolic_ties_give_overlapping_closed_regions_without_a_rule():
    cost = sympy.Symbol("cost", positive=True)
    tree = GameTree(("C", "T"), decide("T", {"comply": outcome(1, -1), "resist": outcome(-cost, -2 * cost)}))
    conditions = [e.condition for e in backward_induction(tree).equilibria]
    assert all(c.subs(cost, sympy.Rational(1, 2)) for c in conditions)  # both hold on the boundary
    ruled = backward_induction(tree, tie_rule=prefer("comply")).equilibria
    assert [bool(e.condition.subs(cost, sympy.Rational(1, 2))) for e in ruled] == [True, False]
    assert ruled[0].latex_condition() == "cost \\geq \\frac{1}{2}"


def test_solving_a_perfect_information_subgame_inside_a_signalling_tree():
    tree = crisis_game(Fraction(1, 2), 1, 0, 1, -1, Fraction(1, 2), type_first=True)
    roots = perfect_information_subgames(tree)
    executions = [r for r in roots if tree.histories[r][-1:] == ("resist",)]
    assert len(executions) == 2
    answer = backward_induction(tree, root=tree.histories[executions[1]])
    assert answer.unique.path == ("back down",)
    assert answer.unique.latex_condition() == "\\text{always}"


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"max_equilibria": 0}, ParameterValueError, "max_equilibria must be a positive integer (got 0)"),
        ({"max_equilibria": 1}, ParameterValueError, "max_equilibria must be at least the number of subgame-perfect profiles at keep 2 (2)"),
        ({"tie_rule": "accept"}, ParameterTypeError, "tie_rule must be a TieRule"),
        ({"root": 99}, ParameterValueError, "root must be a node index in [0, 10) (got 99)"),
    ],
)
def test_bad_arguments_are_refused(kwargs, error, message):
    with pytest.raises(error) as caught:
        backward_induction(ultimatum(2), **kwargs)
    assert message in str(caught.value)


def test_imperfect_information_and_non_unique_answers_are_refused_plainly():
    tree = crisis_game(Fraction(1, 2), 1, 0, 1, -1, Fraction(1, 2), type_first=True)
    with pytest.raises(ParameterValueError, match="information set 'Target after a demand' with 2 nodes"):
        backward_induction(tree)
    with pytest.raises(ParameterValueError, match="equilibria must be a single subgame-perfect equilibrium"):
        _ = backward_induction(ultimatum(2)).unique
    with pytest.raises(ParameterTypeError, match="actions must be action labels"):
        prefer(3)  # type: ignore[arg-type]
    with pytest.raises(ParameterValueError, match="player must be one of"):
        backward_induction(ultimatum(2)).payoff_piecewise("Nobody")


def test_profile_count_past_the_cap_at_a_chance_node_is_refused():
    from bargaining.games.tree import chance

    leaf = decide("A", {"x": outcome(0), "y": outcome(0)})
    tree = GameTree(("A",), chance({"h": (Fraction(1, 2), leaf), "t": (Fraction(1, 2), leaf)}))
    assert len(backward_induction(tree).equilibria) == 4
    with pytest.raises(ParameterValueError, match="profiles at root"):
        backward_induction(tree, max_equilibria=3)

"""Game trees: construction, validation (bad inputs name the field), queries."""

from fractions import Fraction

import pytest
import sympy

from bargaining.core.errors import ParameterTypeError, ParameterValueError
from bargaining.games.tree import Chance, GameTree, chance, crisis_game, decide, outcome


def small() -> GameTree:
    return GameTree(("A", "B"), decide("A", {"l": decide("B", {"x": outcome(1, 0), "y": outcome(0, 1)}),
                                             "r": chance({"h": (Fraction(1, 4), outcome(4, 0)),
                                                          "t": (Fraction(3, 4), outcome(0, 4))})}))


def test_flattening_is_depth_first_with_histories():
    tree = small()
    assert tree.histories == ((), ("l",), ("l", "x"), ("l", "y"), ("r",), ("r", "h"), ("r", "t"))
    assert tree.subtree(1) == range(1, 4) and tree.subtree(4) == range(4, 7)
    assert tree.is_chance(4) and tree.is_terminal(2) and not tree.is_terminal(0)
    assert tree.postorder()[0] == tree.size - 1
    assert tree.is_subgame_root(1) and tree.is_subgame_root(0)


def test_expected_payoffs_average_over_chance_and_mixtures():
    tree = small()
    assert tree.expected_payoffs({"root": "r", "l": "x"}) == (Fraction(1), Fraction(3))
    mixed = tree.expected_payoffs({"root": {"l": Fraction(1, 2), "r": Fraction(1, 2)}, "l": "y"})
    assert mixed == (Fraction(1, 2), Fraction(2))


def test_kinds_are_unified_float_and_symbolic():
    assert GameTree(("A",), decide("A", {"a": outcome(1), "b": outcome(0.5)})).payoffs(1) == (1.0,)
    q = sympy.Symbol("q", positive=True)
    tree = GameTree(("A",), chance({"a": (q, outcome(1)), "b": (1 - q, outcome(0))}))
    assert tree.kind == "symbolic" and tree.expected_payoffs({}) == (q,)


def test_a_deep_chain_needs_no_recursion():
    node = outcome(0, 0)
    for depth in range(5000):
        node = decide("A" if depth % 2 else "B", {"stop": outcome(depth, -depth), "go": node})
    tree = GameTree(("A", "B"), node)
    assert tree.size == 10001 and tree.subtree(0) == range(10001)


def test_infosets_group_nodes_and_break_subgames():
    tree = crisis_game(Fraction(1, 2), 1, 0, 1, -1, Fraction(1, 2), type_first=True)
    target = next(s for s in tree.infosets if s.label == "Target after a demand")
    assert len(target.nodes) == 2 and not tree.is_perfect_information
    assert not tree.is_subgame_root(1) and tree.is_subgame_root(0)


@pytest.mark.parametrize(
    ("build", "error", "message"),
    [
        (lambda: GameTree(("A",), outcome(1, 2)), ParameterValueError, "payoffs at root must be one number per player (1) (got (1, 2))"),
        (lambda: GameTree(("A",), outcome("1")), ParameterTypeError, "payoff of A at root must be"),
        (lambda: GameTree(("A",), outcome([1, 2])), ParameterTypeError, "payoff of A at root must be a scalar"),
        (lambda: GameTree(("A",), outcome(float("nan"))), ParameterValueError, "payoff of A at root must be a finite"),
        (lambda: GameTree(("A",), decide("B", {"a": outcome(1)})), ParameterValueError, "player at root must be one of ['A'] (got the string 'B')"),
        (lambda: GameTree(("A",), decide("A", {})), ParameterValueError, "actions at root must be at least one action (got none)"),
        (lambda: GameTree(("A", "A"), outcome(1, 1)), ParameterValueError, "players must be distinct names"),
        (lambda: GameTree((), outcome()), ParameterTypeError, "players must be a non-empty sequence"),
        (lambda: GameTree(("A",), "leaf"), ParameterTypeError, "node at root must be an Outcome, Decision or Chance"),
        (lambda: GameTree(("A",), chance({"a": (Fraction(1, 2), outcome(1)), "b": (Fraction(1, 3), outcome(0))})),
         ParameterValueError, "chance probabilities at root must be summing to 1 (got 5/6)"),
        (lambda: GameTree(("A",), chance({"a": (Fraction(3, 2), outcome(1)), "b": (Fraction(-1, 2), outcome(0))})),
         ParameterValueError, "probability of a at root must be a probability in [0, 1] (got 3/2)"),
        (lambda: GameTree(("A",), Chance((("a", 0.5, outcome(1)), ("b", 0.4, outcome(0))))), ParameterValueError,
         "summing to 1"),
        (lambda: GameTree(("A", "B"), decide("A", {"l": decide("A", {"x": outcome(0, 0)}, "s"),
                                                  "r": decide("B", {"x": outcome(0, 0)}, "s")})),
         ParameterValueError, "infoset 's' must be nodes of one player (got the string 'B' at r)"),
        (lambda: GameTree(("A", "B"), decide("A", {"l": decide("B", {"x": outcome(0, 0)}, "s"),
                                                  "r": decide("B", {"y": outcome(0, 0)}, "s")})),
         ParameterValueError, "infoset 's' must be the same actions ['x'] at every node (got ['y'] at r)"),
    ],
)
def test_bad_trees_are_refused_with_the_field_named(build, error, message):
    with pytest.raises(error) as caught:
        build()
    assert message in str(caught.value)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda t: t.node_at("l", "z"), "history must be a path of actions; at step 1 one of ['x', 'y'] (got the string 'z')"),
        (lambda t: t.payoffs(0), "node must be a leaf (got ())"),
        (lambda t: t.expected_payoffs({"root": "l"}), "strategy must be an action for information set 'l' (got none)"),
        (lambda t: t.expected_payoffs({"root": "m", "l": "x"}), "strategy['root'] must be one of ['l', 'r'] (got the string 'm')"),
        (lambda t: t.expected_payoffs({"root": {"z": 1}, "l": "x"}), "strategy['root'] must be an action or a mapping"),
        (lambda t: t.expected_payoffs({"root": {"l": 2, "r": -1}, "l": "x"}), "strategy['root']['l'] must be a probability in [0, 1] (got 2)"),
    ],
)
def test_bad_queries_name_what_is_wrong(call, message):
    with pytest.raises(ParameterValueError) as caught:
        call(small())
    assert message in str(caught.value)


def test_repeated_action_labels_at_a_node_are_refused_by_the_tree():
    # read_efg keeps Gambit's repeated labels apart; a tree built by hand must name them apart
    repeated = Chance((("half", Fraction(1, 2), outcome(1, 0)), ("half", Fraction(1, 2), outcome(0, 1))))
    with pytest.raises(ParameterValueError, match="distinct labels"):
        GameTree(("A", "B"), repeated)

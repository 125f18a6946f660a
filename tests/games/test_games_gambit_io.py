"""Gambit's .nfg and .efg text formats: round trips, and pygambit reading ours and we reading its."""

import io
from fractions import Fraction

import pytest
import sympy

from bargaining.core.errors import ParameterTypeError, ParameterValueError
from bargaining.games.gambit_io import read_efg, read_nfg, write_efg, write_nfg
from bargaining.games.named import chicken, sanctions_game
from bargaining.games.stage import StageGame
from bargaining.games.tree import GameTree, crisis_game, decide, outcome


def same_tree(first: GameTree, second: GameTree) -> bool:
    return (first.players == second.players and first.histories == second.histories
            and first.leaf_payoffs == second.leaf_payoffs and first.probabilities == second.probabilities
            and [(s.label, s.nodes) for s in first.infosets] == [(s.label, s.nodes) for s in second.infosets])


@pytest.mark.parametrize("type_first", [False, True])
def test_efg_round_trip_of_the_crisis(type_first):
    tree = crisis_game(Fraction(1, 2), 1, Fraction(1, 10), Fraction(1, 5), Fraction(-1, 2), Fraction(1, 3), type_first=type_first)
    back = read_efg(write_efg(tree))
    assert same_tree(tree, back) and back.title == tree.title


def test_nfg_round_trip_keeps_labels_and_exact_numbers():
    game = StageGame([[Fraction(1, 3), 0.5], [2, -1]], [[0, 1], [1, 0]], ("up", "down"), ("left", "right"), ("Ann", "Bob"))
    back = read_nfg(write_nfg(game, "t"))
    assert back.row_payoffs == game.row_payoffs and back.column_payoffs == game.column_payoffs
    assert (back.row_actions, back.column_actions, back.players) == (game.row_actions, game.column_actions, game.players)


def test_pygambit_reads_what_we_write_and_we_read_what_it_writes():
    gbt = pytest.importorskip("pygambit")
    tree = crisis_game(Fraction(1, 2), 1, Fraction(1, 10), Fraction(1, 5), Fraction(-1, 2), Fraction(1, 3), type_first=True)
    theirs = gbt.read_efg(io.StringIO(write_efg(tree)))
    assert len(list(theirs.infosets)) == 5
    assert same_tree(read_efg(theirs.to_efg()), tree)
    game = chicken()
    table = gbt.read_nfg(io.StringIO(write_nfg(game)))
    assert read_nfg(table.to_nfg()).row_payoffs == game.row_payoffs
    assert read_nfg(gbt.Game.from_arrays([[1, 2]], [[3, 4]]).to_nfg()).column_payoffs == ((3, 4),)


def test_reading_the_outcome_version_and_inner_outcomes():
    nfg = 'NFG 1 R "x" { "A" "B" } { 2 1 }\n""\n{ { "o1" 1, 2 } { "o2" 3 4 } }\n1 0\n'
    game = read_nfg(nfg)
    assert game.row_payoffs == ((1,), (0,)) and game.row_actions == ("1", "2")
    efg = ('EFG 2 R "inner" { "A" "B" }\n'
           'p "" 1 1 "" { "x" "y" } 1 "fee" { 1, 0 }\n'
           't "" 2 "left" { 2, 2 }\n'
           'p "" 2 1 "" { "u" } 1\n'
           't "" 2\n')
    tree = read_efg(efg)
    assert tree.leaf_payoffs[1] == (3, 2) and tree.leaf_payoffs[3] == (4, 2) and tree.leaf_labels[3] == "left"
    assert tree.infosets[0].label == "A:1"


@pytest.mark.parametrize(
    ("text", "reader", "message"),
    [
        ('NFG 1 R "x" { "A" "B" "C" } { 1 1 1 }', read_nfg, "nfg must be a two-player game (got 3)"),
        ('NFG 1 R "x" { "A" "B" } { 1 1 }\n""\n1 one', read_nfg, "nfg must be a valid Gambit file: a number (got the string 'one')"),
        ('GAME', read_nfg, "nfg must be a valid Gambit file: 'NFG' expected at token 0 (got the string 'GAME')"),
        ('EFG 2 R "x" { "A" }\np "" 1 1 "" { "a" "b" } 0\nt "" 1 "" { 1 }\n', read_efg, "efg must be a complete tree"),
        ('EFG 2 R "x" { "A" }\nq "" 1\n', read_efg, "efg must be node lines starting with p, c or t (got the string 'q')"),
        ('EFG 2 R "x" { "A" }\np "" 1 1 "" 0\n', read_efg, "efg must be actions listed at an information set's first node"),
        ('EFG 2 R "x" { "A" }\np "" 1 1 "" { "a" } 3\nt "" 0\n', read_efg, "efg must be outcomes defined before they are reused (got 3)"),
    ],
)
def test_malformed_files_are_refused(text, reader, message):
    with pytest.raises(ParameterValueError) as caught:
        reader(text)
    assert message in str(caught.value)


def test_symbols_cannot_be_written():
    x = sympy.Symbol("x")
    with pytest.raises(ParameterTypeError, match="tree must be numeric payoffs"):
        write_efg(GameTree(("A",), decide("A", {"a": outcome(x)})))
    with pytest.raises(ParameterTypeError, match="game must be numeric payoffs"):
        write_nfg(StageGame([[x]], [[0]]))
    with pytest.raises(ParameterTypeError, match="payoff must be a number"):
        from bargaining.games.gambit_io import _number

        _number(x)
    assert "sanction" in write_nfg(sanctions_game())

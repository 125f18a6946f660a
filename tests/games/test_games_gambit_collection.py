"""Gambit's own game collection (tests/data/gambit, every .nfg and .efg of gambitproject/gambit):
every file read, compared with pygambit's reading of it, written and read back; every two-player
game's extreme equilibria equal to Gambit's exact ``enummixed`` (stored in enummixed.json by
tests/data/gambit/make_enummixed.py, since Gambit takes minutes on some)."""

import contextlib
import json
import pathlib
import warnings
from collections import Counter
from fractions import Fraction

import numpy as np
import pytest

from bargaining.core.errors import DegenerateGameWarning, ParameterValueError
from bargaining.games.gambit_io import read_efg, read_nfg, write_efg, write_nfg
from bargaining.games.stage import StageGame, equilibria, is_nash

gbt = pytest.importorskip("pygambit")

DATA = pathlib.Path(__file__).parents[1] / "data" / "gambit"
FILES = sorted(p.relative_to(DATA).as_posix() for p in DATA.rglob("*.[ne]fg"))
ENUMMIXED = json.loads((DATA / "enummixed.json").read_text())


def _text(name):
    return (DATA / name).read_text(encoding="utf-8", errors="replace")


def _theirs(name):
    path = str(DATA / name)
    try:
        return gbt.read_nfg(path) if name.endswith(".nfg") else gbt.read_efg(path)
    except ValueError:
        return None  # pygambit 16.7 refuses a few files of its own collection (e.g. repeated node labels)


def _close(left, right):
    return all(abs(float(a) - float(b)) <= 1e-12 * max(1.0, abs(float(b))) for a, b in zip(left, right, strict=True))


def _same_players(ours, theirs):
    """The same names, Gambit naming an unnamed player ``_1``, ``_2``, ..."""
    return [name or f"_{k}" for k, name in enumerate(ours, start=1)] == [p.label for p in theirs.players]


def _leaf_payoffs(game):
    """Each terminal node's payoffs, outcomes met on the way added up (as Gambit's payoffs are)."""
    result, stack = [], [(game.root, [Fraction(0)] * len(game.players))]
    while stack:
        node, above = stack.pop()
        with contextlib.suppress(KeyError):  # pygambit 16.7: an outcome view that raises if none is attached
            above = [a + Fraction(node.outcome[p]) for a, p in zip(above, game.players)]
        if node.is_terminal:
            result.append(tuple(above))
        stack.extend((child, above) for child in node.children)
    return result


def test_the_collection_is_there():
    assert len(FILES) == 234 and "catalog/journals/dcg/vonstengel1999/6x6_game_with_75_eq.nfg" in FILES


@pytest.mark.parametrize("name", [f for f in FILES if f.endswith(".efg")])
def test_efg_read_as_gambit_reads_it_and_round_trip(name):
    tree = read_efg(_text(name))
    again = read_efg(write_efg(tree))
    assert again.leaf_payoffs == tree.leaf_payoffs and again.actions == tree.actions
    assert [(s.player, s.nodes) for s in again.infosets] == [(s.player, s.nodes) for s in tree.infosets]
    theirs = _theirs(name)
    if theirs is None:
        return
    assert _same_players(tree.players, theirs)
    ours_counts = Counter(s.player for s in tree.infosets)
    assert [ours_counts[k] for k in range(len(tree.players))] == [len(p.infosets) for p in theirs.players]
    leaves = [p for p in tree.leaf_payoffs if p is not None]
    expected = _leaf_payoffs(theirs)
    assert len(leaves) == len(expected)
    key = lambda p: tuple(float(v) for v in p)  # noqa: E731
    for left, right in zip(sorted(leaves, key=key), sorted(expected, key=key), strict=True):
        assert _close(left, right)


@pytest.mark.parametrize("name", [f for f in FILES if f.endswith(".nfg")])
def test_nfg_read_as_gambit_reads_it_and_round_trip(name):
    theirs = _theirs(name)
    if theirs is not None and len(theirs.players) != 2:
        with pytest.raises(ParameterValueError, match="two-player"):
            read_nfg(_text(name))
        return
    game = read_nfg(_text(name))
    again = read_nfg(write_nfg(game))
    assert again.row_payoffs == game.row_payoffs and again.column_payoffs == game.column_payoffs
    assert (again.row_actions, again.column_actions) == (game.row_actions, game.column_actions)
    a, b = theirs.to_arrays(dtype=Fraction)
    assert _same_players(game.players, theirs) and game.shape == a.shape
    for ours, expected in ((game.row_payoffs, a), (game.column_payoffs, b)):
        for line, other in zip(ours, expected.tolist(), strict=True):
            assert _close(line, other)


SOLVED = sorted(k for k, v in ENUMMIXED.items() if "equilibria" in v)


@pytest.mark.parametrize("name", SOLVED)
def test_extreme_equilibria_equal_gambits_enummixed(name):
    a, b = _theirs(name).to_arrays(dtype=Fraction)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        result = equilibria(StageGame(a.tolist(), b.tolist()))
    ours = {(e.row, e.column) for e in result.extreme}
    expected = {tuple(tuple(Fraction(v) for v in s) for s in e) for e in ENUMMIXED[name]["equilibria"]}
    if name == "tests/test_games/large_payoff_game.efg":
        # payoffs +-1e19 beside +-1: pygambit 16.7's enummixed returns no equilibrium at all, which
        # every finite game has; ours are each checked exactly (and against a brute force in
        # test_games_stage_exact.py::test_huge_payoffs_beside_small_ones_are_decided_exactly)
        assert expected == set() and ours
        assert all(is_nash(result.game, x, y) for x, y in ours)
        return
    assert ours == expected


def test_von_stengels_game_has_75_extreme_equilibria():
    name = "catalog/journals/dcg/vonstengel1999/6x6_game_with_75_eq.nfg"
    assert len(ENUMMIXED[name]["equilibria"]) == 75
    assert len(equilibria(read_nfg(_text(name))).extreme) == 75


def test_what_gambit_reads_we_read_and_the_files_it_refuses_too():
    # information sets are (player, number): coord2ts.efg has 4, one holding a node and its descendant
    tree = read_efg(_text("contrib/games/coord2ts.efg"))
    assert len(tree.infosets) == 4
    for name in ("contrib/games/2s2x2x2.efg", "contrib/games/e10a.efg"):
        assert read_efg(_text(name)).infosets
    # duplicate labels, which Gambit accepts, are kept apart by their position
    game = read_nfg(_text("tests/test_games/2x2_bimatrix_all_zero_payoffs.nfg"))
    assert game.column_actions == ("defect", "defect (2)") or len(set(game.column_actions)) == 2
    assert np.asarray(game.row_payoffs, dtype=float).shape == (2, 2)

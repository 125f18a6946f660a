"""Stage games decided exactly: near-degenerate and huge-payoff games against an independent exact
enumeration (every basis of both best-response polytopes, solved in Fractions, written here) and
against Gambit's exact ``enummixed``; integer inputs of any type."""

import itertools
import warnings
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bargaining.core.errors import DegenerateGameWarning
from bargaining.games._polytope import exact_vertices
from bargaining.games.stage import StageGame, equilibria, is_nash


def _solve(rows, rhs):
    """Gauss-Jordan in Fractions: the unique solution of a square system, or None if singular."""
    size = len(rows)
    matrix = [[Fraction(v) for v in r] + [Fraction(b)] for r, b in zip(rows, rhs)]
    for column in range(size):
        pivot = next((r for r in range(column, size) if matrix[r][column] != 0), None)
        if pivot is None:
            return None
        matrix[column], matrix[pivot] = matrix[pivot], matrix[column]
        for r in range(size):
            if r != column and matrix[r][column] != 0:
                factor = matrix[r][column] / matrix[column][column]
                matrix[r] = [v - factor * w for v, w in zip(matrix[r], matrix[column])]
    return [matrix[i][size] / matrix[i][i] for i in range(size)]


def _vertices(payoff, dim):
    """Every vertex of {z >= 0 : payoff z <= 1} by brute force over all bases: the point and the set
    of its tight constraints (coordinates first, then payoff rows)."""
    constraints = [([1 if k == i else 0 for k in range(dim)], 0, True) for i in range(dim)]
    constraints += [(row, 1, False) for row in payoff]
    found = {}
    for basis in itertools.combinations(range(len(constraints)), dim):
        point = _solve([constraints[k][0] for k in basis], [constraints[k][1] for k in basis])
        if point is None or any(v < 0 for v in point) or any(sum(map(lambda a, z: a * z, row, point)) > 1 for row in payoff):
            continue
        tight = frozenset(k for k, (row, rhs, _) in enumerate(constraints) if sum(a * z for a, z in zip(row, point)) == rhs)
        found[tuple(point)] = tight
    return found


def brute_force_extreme(a, b):
    """The extreme equilibria of (A, B) as completely labelled vertex pairs (von Stengel 2002,
    Thm 2.4), every vertex found by solving every basis exactly."""
    n, m = len(a), len(a[0])
    low = min(min(v for r in a for v in r), min(v for r in b for v in r))
    shift = 1 - Fraction(low)
    a_pos = [[Fraction(v) + shift for v in r] for r in a]
    b_t = [[Fraction(b[i][j]) + shift for i in range(n)] for j in range(m)]
    p = _vertices(b_t, n)  # labels: x_i = 0 are 0..n-1, (B'x)_j = 1 are n..n+m-1
    q = _vertices(a_pos, m)  # labels: y_j = 0 are 0..m-1, (Ay)_i = 1 are m..m+n-1
    result = set()
    for x, x_tight in p.items():
        if not any(x):
            continue
        for y, y_tight in q.items():
            if not any(y):
                continue
            row_labels = {i for i in range(n) if i in x_tight} | {i for i in range(n) if m + i in y_tight}
            column_labels = {j for j in range(m) if n + j in x_tight} | {j for j in range(m) if j in y_tight}
            if len(row_labels) == n and len(column_labels) == m:
                result.add((tuple(v / sum(x) for v in x), tuple(v / sum(y) for v in y)))
    return result


def ours(a, b):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        return {(e.row, e.column) for e in equilibria(StageGame(a, b)).extreme}


big = 10**9
near_entry = st.one_of(st.just(0), st.sampled_from([big, big + 1, big + 2]))
near_float = st.builds(lambda k, eps: k + eps, st.integers(0, 3), st.sampled_from([0.0, 1e-9, 2e-9]))


@st.composite
def near_degenerate(draw):
    n, m = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    entry = draw(st.sampled_from([near_entry, near_float]))
    matrix = st.lists(st.lists(entry, min_size=m, max_size=m), min_size=n, max_size=n)
    return draw(matrix), draw(matrix)


@settings(max_examples=60, deadline=None)
@given(near_degenerate())
def test_near_degenerate_games_match_an_independent_exact_enumeration(game):
    a, b = game
    found = ours(a, b)
    assert found == brute_force_extreme(a, b)
    assert all(is_nash(StageGame(a, b), x, y) for x, y in found)


def gambit_extreme(a, b):
    gbt = pytest.importorskip("pygambit")
    game = gbt.Game.from_arrays(np.array(a, dtype=object), np.array(b, dtype=object))
    return {
        tuple(tuple(Fraction(p[s]) for s in player.strategies) for player in game.players)
        for p in gbt.nash.enummixed_solve(game, rational=True).equilibria
    }


@pytest.mark.parametrize("seed", range(6))
def test_near_degenerate_4x4_games_match_gambit(seed):
    rng = np.random.default_rng(seed)
    if seed % 2:
        a = [[int(v) for v in r] for r in np.where(rng.random((4, 4)) < 0.3, 0, big + rng.integers(0, 3, (4, 4)))]
        b = [[int(v) for v in r] for r in np.where(rng.random((4, 4)) < 0.3, 0, big + rng.integers(0, 3, (4, 4)))]
    else:
        a = [[int(v) + 1e-9 * int(w) for v, w in zip(r, s)] for r, s in zip(rng.integers(0, 3, (4, 4)), rng.integers(0, 2, (4, 4)))]
        b = [[int(v) + 1e-9 * int(w) for v, w in zip(r, s)] for r, s in zip(rng.integers(0, 3, (4, 4)), rng.integers(0, 2, (4, 4)))]
    found = ours(a, b)
    assert found == brute_force_extreme(a, b)
    if seed % 2:  # pygambit takes seconds on the denominators 2**k of the floats
        assert found == gambit_extreme(a, b)


def test_huge_payoffs_beside_small_ones_are_decided_exactly():
    # Gambit's tests/test_games/large_payoff_game.efg in strategic form: +-1e19 beside +-1
    gbt = pytest.importorskip("pygambit")
    path = Path(__file__).parents[1] / "data" / "gambit" / "tests" / "test_games" / "large_payoff_game.efg"
    a, b = (m.tolist() for m in gbt.read_efg(str(path)).to_arrays(dtype=Fraction))
    extreme = ours(a, b)
    assert extreme == brute_force_extreme(a, b)  # an independent exact enumeration (pygambit 16.7's finds none)
    assert len(extreme) == 2
    a = [[10**19, 1], [-(10**19), -1]]
    b = [[-1, 10**19], [1, -(10**19)]]
    assert ours(a, b) == brute_force_extreme(a, b)
    floats = [[1e300, 1e-300], [1e-300, 1e300]]
    assert ours(floats, floats) == brute_force_extreme(floats, floats)
    assert len(ours(floats, floats)) == 3


def test_numpy_integers_inside_lists_become_python_integers():
    arr = np.array([[10**12, 3], [2, 10**12 + 1]], dtype=np.int64)
    game = StageGame([list(r) for r in arr], [list(r) for r in arr.T])
    assert all(type(v.numerator) is int for r in game.row_payoffs for v in r)
    result = equilibria(game)
    assert len({(e.row, e.column, e.payoffs) for e in result.extreme}) == 3  # hashable, exact
    assert ours(arr.tolist(), arr.T.tolist()) == brute_force_extreme(arr.tolist(), arr.T.tolist())
    fraction = Fraction(np.int64(3), np.int64(4))
    assert type(StageGame([[fraction]], [[1]]).row_payoffs[0][0].numerator) is int


def test_exact_vertex_enumeration_of_a_degenerate_polytope_finds_each_vertex_once():
    # the cube's corner of {z >= 0 : z_1 + z_2 <= 1, z_1 <= 1, z_2 <= 1}: (1, 0) lies on three constraints
    vertices = exact_vertices([[1, 1], [1, 0], [0, 1]], 0, 3)
    points = sorted(tuple(Fraction(v, sum(x[0]) or 1) for v in x[0]) for x in vertices)
    assert len(vertices) == len({v[1] for v in vertices}) == 2
    assert points == [(0, 1), (1, 0)]


def test_a_game_beyond_the_exact_enumeration_says_so(monkeypatch):
    import bargaining.games._polytope as polytope
    from bargaining.core.errors import ConvergenceError

    monkeypatch.setattr(polytope, "MAX_BASES", 2)
    with pytest.raises(ConvergenceError, match="too degenerate to be enumerated exactly"):
        equilibria(StageGame([[0, 1], [1, 0]], [[big, big + 1], [0, big + 2]]))


def test_every_float_failure_falls_back_to_the_exact_enumeration(monkeypatch):
    from scipy.spatial import QhullError

    import bargaining.core.compiled as _compiled
    import bargaining.games._proposal as proposal
    import bargaining.games.stage as stage

    rng = np.random.default_rng(3)
    a, b = rng.integers(0, 100, (2, 6, 6)).tolist()
    expected = ours(a, b)
    assert expected == brute_force_extreme(a, b)
    calls = []
    real = stage.exact_pairs
    monkeypatch.setattr(stage, "exact_pairs", lambda *args: calls.append(1) or real(*args))
    monkeypatch.setattr(_compiled, "ENABLED", False)  # the numpy path: Qhull

    def broken(*args, **kwargs):
        raise QhullError("QH6154 initial simplex is flat")

    monkeypatch.setattr(proposal, "qhull_facets", broken)  # Qhull fails, with either options: exact
    assert ours(a, b) == expected and len(calls) == 1
    monkeypatch.undo()
    monkeypatch.setattr(stage, "exact_pairs", lambda *args: calls.append(1) or real(*args))
    monkeypatch.setattr(_compiled, "ENABLED", False)
    monkeypatch.setattr(proposal, "TIGHT", 1e-20)  # no float slack is tight: no vertex is seen whole
    assert ours(a, b) == expected and len(calls) == 2
    monkeypatch.undo()
    monkeypatch.setattr(stage, "exact_pairs", lambda *args: calls.append(1) or real(*args))
    monkeypatch.setattr(_compiled, "ENABLED", False)
    monkeypatch.setattr(proposal, "_LIMIT", 0)  # nothing fits 64 bits: rebuilt on Python integers,
    monkeypatch.setattr(proposal, "exact_vertex", lambda *args: None)  # where no rebuild agrees: exact
    assert ours(a, b) == expected and len(calls) == 3


def test_the_64_bit_confirmation_refuses_wrong_labels_and_hands_on_what_it_cannot_hold():
    """The batched confirmation proves a basis nonsingular (S K = D I in integers) and decides
    the labels exactly: a wrong float label is refused, a basis beyond 64 bits goes to Python
    integers, and a basis that is not a feasible vertex is refused."""
    from bargaining.games._proposal import FloatPolytope, confirm

    payoff = [[2, 1], [1, 3]]  # {z >= 0 : 2 z1 + z2 <= 1, z1 + 3 z2 <= 1}; payoff labels 0, 1; z labels 2, 3
    array = np.array(payoff)
    bases = np.array([[0, 1], [0, 3], [2, 3], [1, 3]])
    right = FloatPolytope(np.array([0b0011, 0b1001, 0b1100, 0b1010], dtype=np.uint64), bases, np.zeros(4, bool))

    def one(polytope, wanted, payoff, array):
        found = confirm([(polytope, wanted, payoff, array, 0, 2)])
        return None if found is None else found[0]

    expected = {0: ([2, 1], 0b0011, [5, 5]), 1: ([1, 0], 0b1001, [2, 1])}  # (2/5, 1/5) over 5, (1/2, 0) over 2
    assert one(right, np.arange(2), payoff, array) == one(right, np.arange(2), payoff, None) == expected
    wrong = FloatPolytope(np.array([0b0111], dtype=np.uint64), bases[:1], np.zeros(1, bool))
    assert one(wrong, np.arange(1), payoff, array) is None  # a label floats gave that is not tight
    # (1/3, 0) from row 1 and z2 = 0 breaks row 0: not a vertex of the polytope
    assert one(right, np.array([3]), payoff, array) is None
    huge = [[2 * 10**12, 10**12], [10**12, 3 * 10**12]]  # the determinant beyond what floats round exactly
    scaled = one(right, np.arange(2), huge, np.array(huge))  # the same vertices (up to scale), on Python integers
    assert [(Fraction(z[0], z[0] + z[1]), mask) for z, mask, _ in scaled.values()] == [(Fraction(2, 3), 3), (1, 9)]
    assert one(right, np.arange(0), payoff, array) == {}
    # two sides of one dimension go in one batch, each with its own constraints
    both = confirm([(right, np.arange(2), payoff, array, 0, 2), (right, np.arange(1), [[1, 2], [3, 1]], np.array([[1, 2], [3, 1]]), 0, 2)])
    assert both[0] == expected and both[1] == {0: ([1, 2], 0b0011, [5, 5])}


def test_a_basis_too_close_to_singular_is_left_to_the_exact_enumeration():
    # the 2x2 bases: rows (1, 1 + 1e-8) and (1, 1) have a relative determinant of about 1e-8
    a = [[1, 1 + 2**-26], [1, 1]]
    b = [[1, 0], [0, 1]]
    assert ours(a, b) == brute_force_extreme(a, b)


def test_numpy_floats_inside_lists_become_floats_and_near_singular_bases_are_not_called():
    from bargaining.games._polytope import float_vertices

    game = StageGame([[np.float64(0.5), 1], [1, 0]], [[1, 0], [0, 1]])
    assert game.kind == "float" and type(game.row_payoffs[0][0]) is float
    from bargaining.games._proposal import propose

    g = np.array([[-1.0, 0.0], [0.0, -1.0], [1.0, 1.0], [1.0, 1.0 + 1e-10]])
    assert float_vertices(g, np.array([0.0, 0.0, 1.0, 1.0]), 2) is None
    assert propose(g, np.array([0.0, 0.0, 1.0, 1.0]), 2) is None


def test_a_vertex_missing_from_the_float_stage_is_seen(monkeypatch):
    import bargaining.games._proposal as proposal
    from bargaining.games._polytope import closed_under_edges

    rng = np.random.default_rng(11)
    a = rng.integers(100, 200, (6, 6)).astype(float)
    g = np.vstack([a / a.max(), -np.eye(6)])
    h = np.concatenate([np.ones(6), np.zeros(6)])
    masks = proposal.propose(g, h, 6).masks
    assert closed_under_edges(masks, 6)
    for k in (0, len(masks) // 2, len(masks) - 1):
        assert not closed_under_edges(np.delete(masks, k), 6)
    # a degenerate vertex holds the far end of the edges that reach it
    square = np.array([0b0011, 0b0110, 0b1100, 0b1001], dtype=np.uint64)  # the square's 4 corners
    assert closed_under_edges(square, 2)
    assert closed_under_edges(np.array([0b0011, 0b0110, 0b1101], dtype=np.uint64), 2)
    assert not closed_under_edges(square[:3], 2)
    # Qhull's facets read through their neighbours: a facet dropped (its neighbours pointing at
    # another vertex) is seen, and the sets are checked again the long way, which sees it too
    real = proposal.qhull_facets

    def dropped(points, options):
        equations, simplices, neighbors = real(points, options)
        return equations[1:], simplices[1:], np.maximum(neighbors[1:] - 1, 0)

    monkeypatch.setattr(proposal, "qhull_facets", dropped)
    assert proposal.propose(g, h, 6) is None

    def pushed_out(points, options):  # one facet's point moved outside the polytope
        equations, simplices, neighbors = real(points, options)
        equations = equations.copy()
        equations[0, -1] /= 2
        return equations, simplices, neighbors

    monkeypatch.setattr(proposal, "qhull_facets", pushed_out)
    assert proposal.propose(g, h, 6) is None  # dropped as infeasible: its vertex is then missing


def test_a_float_stage_missing_a_vertex_falls_back_to_the_exact_enumeration(monkeypatch):
    import bargaining.core.compiled as _compiled
    import bargaining.games._proposal as proposal

    rng = np.random.default_rng(5)
    a, b = rng.integers(0, 100, (2, 6, 6)).tolist()
    expected = ours(a, b)
    monkeypatch.setattr(_compiled, "ENABLED", False)  # the numpy path: Qhull
    real = proposal.qhull_facets
    monkeypatch.setattr(
        proposal, "qhull_facets", lambda p, o: (lambda f: (f[0][1:], f[1][1:], np.maximum(f[2][1:] - 1, 0)))(real(p, o))
    )
    assert ours(a, b) == expected == brute_force_extreme(a, b)


def test_label_masks_of_up_to_64_labels_are_exact():
    from bargaining.games._proposal import _pack

    rng = np.random.default_rng(0)
    for width in (5, 53, 54, 64):
        tight = rng.random((20, width)) < 0.5
        expected = [sum(1 << k for k in range(width) if row[k]) for row in tight]
        assert _pack(tight).tolist() == expected

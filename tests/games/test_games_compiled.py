"""The compiled kernels of the games section: each plain function (run by Python here, so that
its every branch is traced) against an independent exact computation, the compiled one equal to
it, and every caller's numpy path when the kernel says no or numba is switched off."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bargaining.core.compiled as switch
import bargaining.games._compiled as compiled
from bargaining.games._polytope import CLEAR, TIGHT, exact_vertices


def _labels_of_every_vertex(payoff, dim):
    """The exact label masks of every vertex of {z >= 0 : payoff z <= 1}, the origin included
    (payoff labels first, then the coordinates', as the float stage numbers them)."""
    rows = len(payoff)
    return sorted([v[1] for v in exact_vertices(payoff, 0, rows)] + [((1 << dim) - 1) << rows])


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 5), st.integers(2, 5), st.sampled_from([2, 3, 100]), st.integers(0, 2**32 - 1))
def test_the_pivoting_search_finds_the_vertices_the_exact_enumeration_finds(rows, dim, values, seed):
    """Every vertex, once, with its labels, on polytopes that are degenerate (payoffs in a few
    values: tied ratios, vertices of many bases) and simple ones; each reported basis is ``dim``
    of the vertex's labels."""
    payoff = np.random.default_rng(seed).integers(1, values + 1, size=(rows, dim))
    status, masks, bases, close = compiled.vertex_search(payoff / payoff.max(), 0, rows, 10**6, TIGHT, CLEAR)
    assert status == 0 and not close.any()  # integer payoffs: every slack is 0 or clear of it
    assert sorted(int(m) for m in masks) == _labels_of_every_vertex(payoff.tolist(), dim)
    for mask, basis in zip(masks.tolist(), bases.tolist()):
        assert len(set(basis)) == dim and all(mask >> label & 1 for label in basis)
    kernel = switch.compiled(compiled.vertex_search)
    if kernel is not None:  # the compiled search: the same arrays
        again = kernel(payoff / payoff.max(), 0, rows, 10**6, TIGHT, CLEAR)
        assert again[0] == 0 and all(np.array_equal(x, y) for x, y in zip(again[1:], (masks, bases, close)))


def test_the_pivoting_search_says_when_it_cannot_tell():
    payoff = np.array([[1.0, 0.5], [0.5, 1.0]])
    assert compiled.vertex_search(payoff, 0, 2, 10**6, TIGHT, CLEAR)[0] == 0
    assert compiled.vertex_search(payoff, 0, 2, 2, TIGHT, CLEAR)[0] == 2  # beyond the limit of bases
    # a slack that comes out below -tight (here: every slack below 1 is read as negative)
    assert compiled.vertex_search(payoff, 0, 2, 10**6, -1.0, CLEAR)[0] == 1
    # a direction in which the polytope is unbounded (a zero column): no pivot to divide by
    assert compiled.vertex_search(np.array([[1.0, 0.0], [0.5, 0.0]]), 0, 2, 10**6, TIGHT, CLEAR)[0] == 1
    # a slack in between: the vertex is flagged to be confirmed exactly
    status, _, _, close = compiled.vertex_search(payoff, 0, 2, 10**6, TIGHT, 0.3)
    assert status == 0 and close.tolist() == [False, True, True, False]


def test_the_kernels_are_switched_off_by_the_flag(monkeypatch):
    monkeypatch.setattr(switch, "ENABLED", False)
    assert switch.compiled(compiled.vertex_search) is None


def test_when_the_search_says_no_qhull_decides(monkeypatch):
    """A polytope the pivoting search cannot tell (or does not reach) goes to Qhull; the
    equilibria are the same."""
    import warnings

    import bargaining.games._proposal as proposal
    from bargaining.core.errors import DegenerateGameWarning
    from bargaining.games.stage import StageGame, equilibria

    rng = np.random.default_rng(2)
    a, b = rng.integers(0, 3, size=(2, 6, 5))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        expected = equilibria(StageGame(a, b))
        calls = []
        real = proposal.propose
        monkeypatch.setattr(proposal, "propose", lambda *args: calls.append(1) or real(*args))
        real_compiled = proposal.compiled
        refusing = lambda *args: (1, None, None, None)  # noqa: E731
        monkeypatch.setattr(
            proposal, "compiled", lambda f: refusing if f is compiled.vertex_search else real_compiled(f)
        )
        found = equilibria(StageGame(a, b))
    assert len(calls) == 2 and found.extreme == expected.extreme and found.components == expected.components


def _same_points(first, second, tolerance=1e-12):
    """As many points, each within ``tolerance`` of a point of the other set, in any order."""
    first, second = np.asarray(first, float).reshape(-1, 2), np.asarray(second, float).reshape(-1, 2)
    if first.shape != second.shape:
        return False
    gaps = np.abs(first[:, None, :] - second[None, :, :]).max(axis=2)
    return not len(first) or bool(gaps.min(axis=0).max() <= tolerance and gaps.min(axis=1).max() <= tolerance)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(3, 8), st.integers(1, 9), st.sampled_from([0.1, 0.5, 0.9]))
def test_the_continuations_and_the_hull_are_the_numpy_ones(seed, corners, profiles, delta):
    """The plain kernels (Python here) give the points and the hull the numpy functions of the
    repeated game give, on random polygons and payoffs, with payoffs on a grid (ties, duplicate
    points, collinear ones); of points within rounding of each other on a line, either may be
    the one kept."""
    from bargaining.games.repeated import _continuations, _hull

    rng = np.random.default_rng(seed)
    polygon = _hull(rng.integers(0, 6, size=(corners + 3, 2)).astype(float))
    stage = rng.integers(0, 6, size=(profiles, 2)).astype(float)
    gains = rng.integers(0, 3, size=(profiles, 2)) * rng.random()
    if len(polygon) >= 3:
        points = compiled.continuations(polygon, stage, gains, delta)
        assert _same_points(points, _continuations(polygon, stage, gains, delta))
        if len(points):
            assert _same_points(compiled.convex_hull(points), _hull(points))
    for cloud in (stage, stage[:1], stage[:2], np.vstack([stage, stage])):
        assert np.array_equal(compiled.convex_hull(cloud), _hull(cloud))  # on a grid: exactly


@pytest.mark.parametrize("enabled", [True, False])
def test_the_payoff_set_is_the_same_compiled_or_not(monkeypatch, enabled):
    """The Abreu-Sannikov payoff set by the compiled step and by the numpy one: the same vertices
    within 1e-9 on random games (2 or 3 actions each, discounts 0.3 to 0.95)."""
    from bargaining.games.repeated import RepeatedGame
    from bargaining.games.stage import StageGame

    rng = np.random.default_rng(1)
    games = []
    for _ in range(12):
        n, m = rng.integers(2, 4, size=2)
        a, b = rng.integers(-5, 10, (2, n, m))
        games.append(RepeatedGame(StageGame(a, b), float(rng.choice([0.3, 0.5, 0.7, 0.9, 0.95]))))
    reference = [game.equilibrium_payoffs(max_iterations=20_000).vertices for game in games]
    monkeypatch.setattr(switch, "ENABLED", enabled)
    for game, vertices in zip(games, reference):
        found = game.equilibrium_payoffs(max_iterations=20_000).vertices
        assert _same_points(found, vertices, 1e-9)


def test_the_hull_drops_a_flat_corner_where_its_two_chains_meet():
    """Points a hundred-millionth off a square's corners: the corner where the lower and upper
    chains meet, (1, 2), lies on the top side within the tolerance and is dropped, by both hulls;
    and points within rounding of a side, whichever comes first in x."""
    from bargaining.games.repeated import _hull

    points = np.array([[1.999999999899038, 0.9999999999790824], [1.0, 2.0], [2.000000000021466, 2.0000000000355374],
                       [0.9999999999346172, 2.0], [2.0000000000783977, 1.0]])  # fmt: skip
    expected = [[1.999999999899038, 0.9999999999790824], [2.0000000000783977, 1.0],
                [2.000000000021466, 2.0000000000355374], [0.9999999999346172, 2.0]]  # fmt: skip
    assert compiled.convex_hull(points).tolist() == _hull(points).tolist() == expected
    points = np.array([[0.0, 1.0], [0.0, 1.9999999999999996], [1.0, 1.0], [7.465948559764687e-14, 1.0000000000000158],
                       [1.7134908885015604e-13, 0.0], [0.0, 1.9999999999999591]])  # fmt: skip
    expected = [[1.7134908885015604e-13, 0.0], [1.0, 1.0], [0.0, 1.9999999999999591]]
    assert compiled.convex_hull(points).tolist() == _hull(points).tolist() == expected


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(2, 5), st.sampled_from([3, 100, 2**40]))
def test_the_64_bit_confirmation_is_the_numpy_one(seed, dim, values):
    """The exact confirmation of bases (the plain kernel, run by Python, and the compiled one)
    against the numpy batch: the same vertex, refusal or hand-over for every basis of random
    polytopes, singular bases and bases beyond 64 bits included."""
    import itertools

    import bargaining.games._proposal as proposal

    rng = np.random.default_rng(seed)
    rows = dim + int(rng.integers(0, 3))
    payoff = rng.integers(1, values, size=(rows, dim))
    system = np.vstack([payoff, -np.eye(dim, dtype=np.int64)])
    rhs = (system.max(axis=1) > 0).astype(np.int64)
    bases = np.array(list(itertools.combinations(range(rows + dim), dim)))
    owners = np.zeros(len(bases), np.int64)
    arguments = (system[None], rhs[None], owners, bases, int(payoff.max()))
    kernel = switch.compiled(compiled.confirm_bases)
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(switch, "ENABLED", False)
        expected = proposal._confirm_batch(*arguments)
        monkeypatch.setattr(proposal, "compiled", lambda function: function)  # the plain kernel
        assert proposal._confirm_batch(*arguments) == expected
        if kernel is not None:
            monkeypatch.setattr(proposal, "compiled", lambda function: kernel)
            assert proposal._confirm_batch(*arguments) == expected


@pytest.mark.parametrize("n", [28, 43])
def test_an_ill_conditioned_basis_is_handed_on_by_both_confirmations(monkeypatch, n):
    """Consecutive Fibonacci numbers: determinant -1 or 1 with entries of 2^20 to 2^30, so that
    the rounded floating inverse cannot be proven (n = 28) or its products would leave 64 bits
    (n = 43): both the kernel and the numpy batch hand the basis on to Python integers."""
    import bargaining.games._proposal as proposal

    fibonacci = [1, 1]
    while len(fibonacci) <= n + 1:
        fibonacci.append(fibonacci[-1] + fibonacci[-2])
    rows = [[fibonacci[n + 1], fibonacci[n]], [fibonacci[n], fibonacci[n - 1]]]
    system = np.array([*rows, [-1, 0], [0, -1]], dtype=np.int64)
    arguments = (system[None], np.array([[1, 1, 0, 0]]), np.zeros(1, np.int64), np.array([[0, 1]]), fibonacci[n + 1])
    assert compiled.confirm_bases(*arguments)[0].tolist() == [-1]
    monkeypatch.setattr(switch, "ENABLED", False)
    assert proposal._confirm_batch(*arguments) == [None]


def test_points_a_rounding_apart_on_a_line_keep_the_hulls_lowest_corner():
    """Four continuations on the line x = 0.0951867697788976 (two of them one unit in the last
    place to the left): sorted by x, the lowest comes after a higher one; the chain must not drop
    it as if it lay between its neighbours (it is a corner of the hull, 0.17 below the next)."""
    from bargaining.games.repeated import _hull

    points = np.array([[0.09518676977889759, 2.2951867697788977], [0.0951867697788976, 2.123850584176882],
                       [0.09518676977889759, 1.3951867697788978], [0.0951867697788976, 1.223850584176882],
                       [0.5, 0.9], [4.0, 2.0], [0.1, 2.3]])  # fmt: skip
    expected = [[0.5, 0.9], [4.0, 2.0], [0.1, 2.3], [0.09518676977889759, 2.2951867697788977],
                [0.0951867697788976, 1.223850584176882]]  # fmt: skip
    assert compiled.convex_hull(points).tolist() == _hull(points).tolist() == expected

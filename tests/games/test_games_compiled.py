"""The compiled kernels of the games section: each plain function (run by Python here, so that
its every branch is traced) against an independent exact computation, the compiled one equal to
it, and every caller's numpy path when the kernel says no or numba is switched off."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

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
    kernel = compiled.compiled(compiled.vertex_search)
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
    monkeypatch.setattr(compiled, "ENABLED", False)
    assert compiled.compiled(compiled.vertex_search) is None


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
        monkeypatch.setattr(proposal, "compiled", lambda function: lambda *args: (1, None, None, None))
        found = equilibria(StageGame(a, b))
    assert len(calls) == 2 and found.extreme == expected.extreme and found.components == expected.components

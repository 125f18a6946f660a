"""Repeated games: thresholds in closed form, held against a direct comparison of streams, and the
JYC outer approximation held against QuantEcon's Abreu–Sannikov set."""

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bargaining.core.errors import ConvergenceError, ParameterTypeError, ParameterValueError
from bargaining.games.named import chicken, prisoners_dilemma
from bargaining.games.repeated import RepeatedGame, grim_trigger_threshold, tit_for_tat_threshold
from bargaining.games.stage import StageGame


def discounted(stream_head, stream_cycle, discount):
    """The normalised-free discounted sum of a finite head followed by a cycle repeated for ever."""
    head = sum(v * discount**t for t, v in enumerate(stream_head))
    cycle = sum(v * discount**t for t, v in enumerate(stream_cycle)) / (1 - discount ** len(stream_cycle))
    return head + discount ** len(stream_head) * cycle


@given(st.integers(0, 5), st.integers(1, 5), st.integers(1, 5), st.integers(1, 5), st.integers(1, 99))
def test_thresholds_separate_the_discount_factors_where_deviations_pay(sucker, gap_p, gap_r, gap_t, percent):
    s = sucker
    p = s + gap_p
    r = p + gap_r
    t = r + gap_t
    d = Fraction(percent, 100)
    grim = grim_trigger_threshold(t, r, p)
    cooperate = discounted([], [r], d)
    assert (cooperate >= discounted([t], [p], d)) == (d >= grim)
    tft = tit_for_tat_threshold(t, r, p, s)
    no_gain = cooperate >= discounted([t], [p], d) and cooperate >= discounted([], [t, s], d)
    assert no_gain == (d >= tft)
    assert tft >= grim  # tit for tat needs at least the patience of grim trigger


def test_axelrod_payoffs():
    # Axelrod (1984, p. 208): with T, R, P, S = 5, 3, 1, 0 tit for tat is collectively stable iff
    # w >= max((T-R)/(T-P), (T-R)/(R-S)) = 2/3
    assert tit_for_tat_threshold(5, 3, 1, 0) == Fraction(2, 3)
    assert grim_trigger_threshold(5, 3, 1) == Fraction(1, 2)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: grim_trigger_threshold(3, 3, 1), "temptation - reward must be positive (got 0)"),
        (lambda: grim_trigger_threshold(5, 1, 1), "reward - punishment must be positive (got 0)"),
        (lambda: tit_for_tat_threshold(5, 3, 1, 1), "punishment - sucker must be positive (got 0)"),
        (lambda: grim_trigger_threshold(5, 3, float("inf")), "punishment must be a finite"),
        (lambda: RepeatedGame(prisoners_dilemma(), 1), "discount must be a discount factor in (0, 1) (got 1)"),
        (lambda: RepeatedGame(prisoners_dilemma(), 0.5).equilibrium_payoffs(directions=3), "directions must be an integer of at least 4 (got 3)"),
        (lambda: RepeatedGame(prisoners_dilemma(), 0.5).equilibrium_payoffs(tolerance=0), "tolerance must be positive (got 0)"),
        (lambda: RepeatedGame(prisoners_dilemma(), 0.5).equilibrium_payoffs(max_iterations=0), "max_iterations must be a positive integer (got 0)"),
    ],
)
def test_bad_inputs(call, message):
    with pytest.raises(ParameterValueError) as caught:
        call()
    assert message in str(caught.value)


def test_bad_kinds():
    with pytest.raises(ParameterTypeError, match="stage must be a StageGame"):
        RepeatedGame("PD", 0.5)  # type: ignore[arg-type]
    with pytest.raises(ParameterTypeError, match="discount must be a number in"):
        RepeatedGame(prisoners_dilemma(), [0.5, 0.6])
    import sympy

    with pytest.raises(ParameterTypeError, match="stage must be a StageGame with numeric payoffs"):
        RepeatedGame(StageGame([[sympy.Symbol("x")]], [[0]]), 0.5)


def test_unconverged_iteration_raises():
    with pytest.raises(ConvergenceError, match="after 3 iterations"):
        RepeatedGame(prisoners_dilemma(), Fraction(9, 10)).equilibrium_payoffs(max_iterations=3)


@pytest.mark.parametrize(
    ("game", "discount"),
    [(prisoners_dilemma(), 0.3), (prisoners_dilemma(), 0.6), (prisoners_dilemma(), 0.9), (chicken(), 0.6), (chicken(), 0.9)],
)  # QuantEcon 0.11 fails inside qhull on chicken at 0.3, where the set is lower-dimensional
def test_outer_approximation_contains_quantecon_abreu_sannikov_set(game, discount):
    gt = pytest.importorskip("quantecon.game_theory")
    ours = RepeatedGame(game, discount).equilibrium_payoffs(method="outer", directions=32)
    a = np.asarray(game.row_payoffs, dtype=float)
    b = np.asarray(game.column_payoffs, dtype=float)
    hull = gt.RepeatedGame(gt.NormalFormGame(np.stack([a, b], axis=-1)), discount).equilibrium_payoffs()
    exact = hull.points[hull.vertices]
    assert all(ours.contains(point, 1e-6) for point in exact)
    # and it is tight: every vertex of ours lies within a small distance of QuantEcon's set
    distance = np.maximum(ours.vertices @ hull.equations[:, :2].T + hull.equations[:, 2], 0).max()
    assert distance < 0.05


def test_grim_trigger_cooperation_is_in_the_set_exactly_above_the_threshold():
    game = prisoners_dilemma()
    assert RepeatedGame(game, 0.55).equilibrium_payoffs(method="outer", directions=16).contains((3, 3))
    assert not RepeatedGame(game, 0.45).equilibrium_payoffs(method="outer", directions=16).contains((3, 3), 1e-6)


def test_a_game_without_pure_equilibria_can_have_an_empty_set():
    pennies = StageGame([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    result = RepeatedGame(pennies, 0.5).equilibrium_payoffs(method="outer", directions=8)
    assert len(result.vertices) == 0 and not result.contains((0, 0))


def _same_vertices(ours, theirs, tolerance=1e-9):
    return len(ours) == len(theirs) and all(np.abs(ours - point).max(axis=1).min() <= tolerance for point in theirs)


# QuantEcon's tests/test_repeated_game.py: the Abreu-Sannikov (2014) example and a prisoner's dilemma
AS_EXAMPLE = ([[16, 3, 0], [21, 10, -1], [9, 5, -5]], [[9, 13, 3], [1, 4, 0], [0, -4, -15]], 0.3, [
    [7.33770472e00, 1.09826253e01], [1.12568240e00, 2.8], [7.33770472e00, 0.0],
    [7.86308964e00, 0.0], [1.97917977e01, 2.8], [1.55630896e01, 9.1]])
DILEMMA = ([[9, 1], [10, 3]], [[9, 10], [1, 3]], 0.9, [[3, 3], [9.75, 3], [9, 9], [3, 9.75]])


@pytest.mark.parametrize("case", [AS_EXAMPLE, DILEMMA])
def test_abreu_sannikov_set_equals_quantecons_vertices(case):
    a, b, discount, stated = case
    ours = RepeatedGame(StageGame(a, b), discount).equilibrium_payoffs()
    assert _same_vertices(ours.vertices, np.array(stated, dtype=float), 1e-7)  # stated to 9 digits
    gt = pytest.importorskip("quantecon.game_theory")
    bimatrix = np.stack([np.array(a, dtype=float), np.array(b, dtype=float)], axis=-1)
    hull = gt.RepeatedGame(gt.NormalFormGame(bimatrix), discount).equilibrium_payoffs()
    assert _same_vertices(ours.vertices, hull.points[hull.vertices])
    assert all(ours.contains(p, 1e-9) for p in hull.points[hull.vertices])


@pytest.mark.parametrize(("game", "discount"), [(prisoners_dilemma(), 0.6), (chicken(), 0.6), (chicken(), 0.9)])
def test_abreu_sannikov_set_is_inside_the_outer_approximation(game, discount):
    exact = RepeatedGame(game, discount).equilibrium_payoffs()
    outer = RepeatedGame(game, discount).equilibrium_payoffs(method="outer", directions=16)
    assert all(outer.contains(p, 1e-9) for p in exact.vertices)


def test_abreu_sannikov_raises_when_unconverged_and_on_a_bad_method():
    with pytest.raises(ConvergenceError, match=r"Abreu-Sannikov iteration moved by .* after 3 iterations"):
        RepeatedGame(prisoners_dilemma(), Fraction(9, 10)).equilibrium_payoffs(max_iterations=3)
    with pytest.raises(ParameterValueError, match="method must be 'abreu_sannikov' or 'outer'"):
        RepeatedGame(prisoners_dilemma(), 0.5).equilibrium_payoffs(method="jyc")


def test_abreu_sannikov_no_pure_equilibrium_gives_the_empty_set():
    # QuantEcon's test: no pure-action subgame perfect equilibrium at discount 0.05
    result = RepeatedGame(StageGame([[1, -1], [-2, 1]], [[-1, 2], [2, 0]]), 0.05).equilibrium_payoffs()
    assert len(result.vertices) == 0 and not result.contains((0, 0))


def test_abreu_sannikov_sets_of_lower_dimension():
    point = RepeatedGame(prisoners_dilemma(), 0.1).equilibrium_payoffs()  # only mutual defection (QuantEcon: QhullError)
    assert point.vertices.tolist() == [[1.0, 1.0]] and point.contains((1, 1)) and not point.contains((1, 1.1))
    common = [[2, 0], [0, 1]]  # a common-interest game: every payoff on the diagonal
    segment = RepeatedGame(StageGame(common, common), 0.5).equilibrium_payoffs()
    assert segment.vertices.tolist() == [[1.0, 1.0], [2.0, 2.0]]
    assert segment.contains((1.5, 1.5)) and not segment.contains((1.5, 1.4))


def test_outer_approximation_raises_when_unconverged():
    with pytest.raises(ConvergenceError, match=r"payoff-set iteration moved by .* after 3 iterations"):
        RepeatedGame(prisoners_dilemma(), Fraction(9, 10)).equilibrium_payoffs(method="outer", max_iterations=3)


def test_abreu_sannikov_on_collinear_payoffs_and_the_extrapolation_guards():
    """Nine stage payoffs on one line (Qhull cannot take them: the quadrilateral filter does);
    the set is the segment of the payoffs above the pure equilibrium's. The polygon distance is
    infinite for a segment, and the extrapolation is refused when the steps do not shrink."""
    from bargaining.games.repeated import _distance, _extrapolated

    line = [[0, 1, 2], [3, 4, 5], [6, 7, 8]]
    result = RepeatedGame(StageGame(line, line), 0.5).equilibrium_payoffs()
    assert np.allclose(result.vertices[:, 0], result.vertices[:, 1])
    assert result.contains((8, 8)) and not result.contains((8, 7))
    triangle = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
    assert _distance(triangle[:2], triangle) == np.inf
    assert _extrapolated([triangle, triangle * 2, triangle * 4]) is None  # growing steps


def test_the_extrapolated_payoff_set_equals_the_plain_iteration(monkeypatch):
    """An extrapolated limit is kept only when the operator maps it onto itself: on random games
    (2 or 3 actions each, discounts 0.3 to 0.95) it is the set the plain iteration reaches, within
    1e-9, in fewer iterations on many of them."""
    import bargaining.games.repeated as repeated

    rng = np.random.default_rng(1)
    games = []
    for _ in range(25):
        n, m = rng.integers(2, 4, size=2)
        a, b = rng.integers(-5, 10, (2, n, m))
        games.append(RepeatedGame(StageGame(a, b), float(rng.choice([0.3, 0.5, 0.7, 0.9, 0.95]))))
    fast = [game.equilibrium_payoffs(max_iterations=20_000) for game in games]
    monkeypatch.setattr(repeated, "_extrapolated", lambda history: None)
    plain = [game.equilibrium_payoffs(max_iterations=20_000) for game in games]
    for ours, reference in zip(fast, plain):
        assert len(ours.vertices) == len(reference.vertices)
        if len(ours.vertices):
            assert _same_vertices(ours.vertices, reference.vertices)
    assert sum(o.iterations < r.iterations for o, r in zip(fast, plain)) >= 5

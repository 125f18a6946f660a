"""The vectorised batch solver against the exact stage-game solver, degenerate games included."""

import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bargaining.core.errors import ParameterTypeError, ParameterValueError
from bargaining.games.batch import batch_equilibria
from bargaining.games.named import chicken, prisoners_dilemma, sanctions_game
from bargaining.games.stage import StageGame, equilibria


def exact_sets(a: np.ndarray, b: np.ndarray) -> list[tuple[set, bool]]:
    """The exact extreme equilibria of each game (as float pairs) and whether it is degenerate."""
    result = []
    for g in range(len(a)):
        solved = equilibria(StageGame(a[g], b[g]), warn=False)
        pairs = {(tuple(map(float, e.row)), tuple(map(float, e.column))) for e in solved.extreme}
        result.append((pairs, solved.is_degenerate))
    return result


def rounded(x: np.ndarray) -> tuple[float, ...]:
    return tuple(float(v) for v in np.round(x, 10) + 0.0)


def assert_agrees(a: np.ndarray, b: np.ndarray) -> None:
    result = batch_equilibria(a, b)
    for g, (expected, degenerate) in enumerate(exact_sets(a, b)):
        rows, columns = result.of(g)
        found = {(rounded(x), rounded(y)) for x, y in zip(rows, columns)}
        assert found == {(rounded(np.array(x)), rounded(np.array(y))) for x, y in expected}, g
        assert len(found) == len(rows)  # no equilibrium listed twice
        if degenerate:  # never the reverse risk: a degenerate game must go to the exact solver
            assert result.is_degenerate[g] and g in result.exact
        if not result.is_degenerate[g]:
            assert not degenerate


@st.composite
def integer_batches(draw, shape: tuple[int, int]):
    count = draw(st.integers(1, 6))
    high = draw(st.sampled_from([2, 4, 50]))  # small ranges give ties: degenerate games
    entries = st.lists(st.integers(0, high), min_size=count * shape[0] * shape[1] * 2,
                       max_size=count * shape[0] * shape[1] * 2)
    values = np.array(draw(entries), dtype=float).reshape(2, count, *shape)
    return values[0], values[1]


@given(st.sampled_from([(2, 2), (3, 3), (2, 3), (3, 2)]).flatmap(integer_batches))
def test_batch_equals_the_exact_extreme_equilibria_on_hypothesis_games(batch):
    assert_agrees(*batch)


@pytest.mark.parametrize("shape", [(2, 2), (3, 3), (1, 3), (4, 4)])
def test_batch_equals_the_exact_solver_on_random_batches_with_and_without_ties(shape):
    rng = np.random.default_rng(7)
    for high in (3, 1000):
        a = rng.integers(0, high, size=(60, *shape)).astype(float)
        b = rng.integers(0, high, size=(60, *shape)).astype(float)
        assert_agrees(a, b)


@pytest.mark.parametrize("shape", [(2, 2), (3, 3)])
def test_continuous_random_games_odd_counts_best_responses_and_nashpy_a_subset(shape):
    # nondegenerate with probability one: an odd number of equilibria (Shapley 1974), each a pair
    # of mutual best responses; nashpy's support enumeration finds a subset (its tolerance can
    # reject a nearly pure equilibrium, and it then warns of an even count)
    import nashpy

    rng = np.random.default_rng(11)
    a, b = rng.random((30, *shape)), rng.random((30, *shape))
    result = batch_equilibria(a, b)
    assert not result.is_degenerate.any() and np.all(result.counts % 2 == 1)
    for g in range(30):
        rows, columns = result.of(g)
        for x, y in zip(rows, columns):
            row_values, column_values = a[g] @ y, x @ b[g]
            assert np.all(row_values[x > 0] >= row_values.max() - 1e-9)
            assert np.all(column_values[y > 0] >= column_values.max() - 1e-9)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = list(nashpy.Game(a[g], b[g]).support_enumeration())
        expected = {(rounded(x), rounded(y)) for x, y in found}
        assert expected <= {(rounded(x), rounded(y)) for x, y in zip(rows, columns)}


def test_a_degenerate_float_game_goes_to_the_exact_solver_and_comes_back_whole():
    # floats with long binary expansions (once a failure of stage.equilibria's float phase)
    from bargaining.games.stage import StageGame, equilibria

    a = np.array([[[0.1, 0.3], [0.1, 0.7]]])
    b = np.array([[[0.2, 0.9], [0.6, 0.4]]])
    result = batch_equilibria(a, b)
    assert result.is_degenerate.tolist() == [True]
    exact = equilibria(StageGame(a[0].tolist(), b[0].tolist()), warn=False)
    assert result.counts.tolist() == [len(exact.extreme)] and len(exact.extreme) >= 1


def test_the_named_conflict_games_in_one_batch():
    # Snyder & Diesing (1977) chicken: three equilibria; the prisoner's dilemma: mutual defection;
    # Tsebelis (1990) sanctions game: one mixed equilibrium, sanctions with probability k/h = 1/3
    games = [chicken(), prisoners_dilemma(), sanctions_game()]
    a = np.array([np.array(g.row_payoffs, dtype=float) for g in games])
    b = np.array([np.array(g.column_payoffs, dtype=float) for g in games])
    result = batch_equilibria(a, b)
    assert result.counts.tolist() == [3, 1, 1]
    assert np.allclose(result.of(1)[0], [[0, 1]])
    assert np.allclose(result.of(2)[0], [[1 / 3, 2 / 3]])
    chicken_payoffs = sorted(zip(result.row_payoffs[:3].tolist(), result.column_payoffs[:3].tolist()))
    assert np.allclose(chicken_payoffs, [(1, 3), (1.5, 1.5), (3, 1)])


def test_the_degenerate_two_demand_ultimatum_goes_to_the_exact_solver_with_its_components():
    # the responder is indifferent at the high demand: nashpy finds 2 of the 4 extreme equilibria
    a = np.array([[[2.0, 0.0], [1.0, 1.0]], [[1.0, -1.0], [-1.0, 1.0]]])
    b = np.array([[[0.0, 0.0], [1.0, 1.0]], [[-1.0, 1.0], [1.0, -1.0]]])
    result = batch_equilibria(a, b)
    assert result.is_degenerate.tolist() == [True, False]
    assert result.counts.tolist() == [4, 1] and set(result.exact) == {0}
    assert len(result.exact[0].components) == 1
    assert result.exact[0].extreme[0].row[0] in (Fraction(1), Fraction(0), Fraction(1, 2))


def test_constant_payoffs_are_degenerate_and_every_pure_profile_is_extreme():
    result = batch_equilibria(np.zeros((1, 2, 2)), np.ones((1, 2, 2)))
    assert result.is_degenerate.tolist() == [True] and result.counts.tolist() == [4]


def test_an_empty_batch_gives_empty_arrays():
    result = batch_equilibria(np.zeros((0, 3, 3)), np.zeros((0, 3, 3)))
    assert result.row.shape == (0, 3) and result.offsets.tolist() == [0]


def test_payoffs_are_invariant_to_a_positive_affine_change_of_one_players_payoffs():
    rng = np.random.default_rng(3)
    a, b = rng.random((50, 3, 3)), rng.random((50, 3, 3))
    first, second = batch_equilibria(a, b), batch_equilibria(7 * a - 2, b / 3 + 5)
    assert np.array_equal(first.offsets, second.offsets)
    assert np.allclose(first.row, second.row) and np.allclose(first.column, second.column)
    assert np.allclose(second.row_payoffs, 7 * first.row_payoffs - 2)


@pytest.mark.parametrize(
    ("row", "column", "kwargs", "error", "message"),
    [
        (np.zeros((2, 2)), np.zeros((2, 2)), {}, ParameterValueError, r"row_payoffs must be of shape \(games, rows, columns\)"),
        (np.zeros((1, 2, 2)), np.zeros((1, 2, 3)), {}, ParameterValueError, r"column_payoffs must be of the shape of row_payoffs \(1, 2, 2\) \(got \(1, 2, 3\)\)"),
        (np.array([[["a"]]]), np.zeros((1, 1, 1)), {}, ParameterTypeError, "row_payoffs must be an array of real numbers"),
        (np.zeros((1, 1, 1), dtype=bool), np.zeros((1, 1, 1)), {}, ParameterTypeError, "row_payoffs must be an array of real numbers"),
        (np.zeros((1, 2, 2)), np.full((1, 2, 2), np.nan), {}, ParameterValueError, "column_payoffs must be finite numbers"),
        (np.zeros((1, 7, 2)), np.zeros((1, 7, 2)), {}, ParameterValueError, r"row_payoffs must be at most 6 actions per player"),
        (np.zeros((1, 2, 2)), np.zeros((1, 2, 2)), {"tolerance": 0.1}, ParameterValueError, r"tolerance must be a number in \(0, 1e-3\) \(got 0.1\)"),
        (np.zeros((1, 2, 2)), np.zeros((1, 2, 2)), {"tolerance": True}, ParameterValueError, "tolerance must be a number"),
    ],
)
def test_bad_batches_are_refused_naming_the_field(row, column, kwargs, error, message):
    with pytest.raises(error, match=message):
        batch_equilibria(row, column, **kwargs)


@pytest.mark.parametrize("index", [-1, 2, 1.0, True])
def test_of_refuses_an_index_outside_the_batch(index):
    result = batch_equilibria(np.zeros((2, 2, 2)), np.zeros((2, 2, 2)))
    with pytest.raises(ParameterValueError, match=r"game must be a game index in \[0, 1\]"):
        result.of(index)


def test_a_game_the_exact_solver_cannot_decide_is_named_and_the_others_answered(monkeypatch):
    import bargaining.games.batch as batch_module
    from bargaining.core.errors import ConvergenceError

    real = batch_module.equilibria

    def refuse_the_second(game, warn=True):
        if game.row_payoffs[0][0] == 7:
            raise ConvergenceError("too degenerate")
        return real(game, warn=warn)

    monkeypatch.setattr(batch_module, "equilibria", refuse_the_second)
    ultimatum_a, ultimatum_b = np.array([[2.0, 0.0], [1.0, 1.0]]), np.array([[0.0, 0.0], [1.0, 1.0]])
    a = np.stack([ultimatum_a, ultimatum_a + 5, np.array([[2.0, 1.0], [3.0, 0.0]])])
    b = np.stack([ultimatum_b, ultimatum_b, np.array([[2.0, 3.0], [1.0, 0.0]])])
    with pytest.warns(RuntimeWarning, match="game 1: ConvergenceError: too degenerate"):
        result = batch_equilibria(a, b)
    assert list(result.counts) == [4, 0, 3] and dict(result.failed) == {1: "ConvergenceError: too degenerate"}


def test_near_degenerate_batch_is_answered_exactly_for_every_game():
    rng = np.random.default_rng(7)
    a = np.where(rng.random((200, 3, 3)) < 0.3, 0, 10**9 + rng.integers(0, 3, (200, 3, 3))).astype(float)
    b = np.where(rng.random((200, 3, 3)) < 0.3, 0, 10**9 + rng.integers(0, 3, (200, 3, 3))).astype(float)
    result = batch_equilibria(a, b)
    assert not result.failed and (result.counts >= 1).all()
    for g in range(200):
        exact = equilibria(StageGame(a[g], b[g]), warn=False).extreme
        assert result.counts[g] == len(exact)
        assert np.allclose(sorted(map(tuple, result.of(g)[0])), sorted(tuple(map(float, e.row)) for e in exact))

"""Stage games: exact enumeration against Gambit and brute force, degenerate games, nashpy's misses."""

import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bargaining.core.errors import DegenerateGameWarning, ParameterTypeError, ParameterValueError
from bargaining.games.named import assurance_game, chicken, prisoners_dilemma, sanctions_game
from bargaining.games.stage import (
    StageGame,
    equilibria,
    is_nash,
    nashpy_equilibria,
    strategic_form,
)
from bargaining.games.tree import GameTree, decide, outcome


def two_demand_ultimatum() -> StageGame:
    """The proposer demands 2 or 1 of a pie of 2; the responder accepts or rejects the high demand
    (the low one is always accepted). At the high demand the responder gets 0 either way."""
    return StageGame([[2, 0], [1, 1]], [[0, 0], [1, 1]], ("demand 2", "demand 1"), ("accept", "reject"))


def test_two_demand_ultimatum_all_extreme_equilibria_and_the_component_where_nashpy_returns_two():
    with pytest.warns(DegenerateGameWarning, match="degenerate: 4 extreme equilibria in 1 component"):
        result = equilibria(two_demand_ultimatum())
    half = (Fraction(1, 2), Fraction(1, 2))
    high, low, accept, reject = (1, 0), (0, 1), (1, 0), (0, 1)
    assert {(e.row, e.column) for e in result.extreme} == {(high, accept), (high, half), (low, half), (low, reject)}
    assert result.is_degenerate and len(result.components) == 1
    # the component: demand 2 against any response accepting at least half the time, every
    # mixture of demands against the even response, and demand 1 against rejecting at least half
    assert result.components[0].cliques == (((0,), (0, 1)), ((0, 1), (1,)), ((1,), (1, 2)))
    assert not result.components[0].is_isolated
    for method in ("support", "vertex"):
        # nashpy's answer on a degenerate game is a subset of ours (however many it finds)
        found = nashpy_equilibria(two_demand_ultimatum(), method)
        assert {(e.row, e.column) for e in found} <= {(e.row, e.column) for e in result.extreme}


def test_full_strategic_form_of_the_ultimatum_tree_has_seven_extreme_equilibria():
    tree = GameTree(("Proposer", "Responder"), decide("Proposer", {
        "demand 2": decide("Responder", {"accept": outcome(2, 0), "reject": outcome(0, 0)}),
        "demand 1": decide("Responder", {"accept": outcome(1, 1), "reject": outcome(0, 0)})}))
    game, _, columns = strategic_form(tree)
    assert len(columns) == 4
    result = equilibria(game, warn=False)
    assert len(result.extreme) == 7 and len(result.components) == 1  # as Gambit's enummixed
    found = {(e.row, e.column) for e in nashpy_equilibria(game, "vertex")}
    assert found <= {(e.row, e.column) for e in result.extreme}


def brute_force_pure(game: StageGame) -> set:
    n, m = game.shape
    return {(i, j) for i in range(n) for j in range(m)
            if is_nash(game, [int(k == i) for k in range(n)], [int(k == j) for k in range(m)])}


@given(st.integers(2, 4), st.integers(2, 4), st.data())
def test_every_answer_is_exactly_an_equilibrium_and_every_pure_equilibrium_is_found(n, m, data):
    values = st.integers(-3, 3)
    a = [[data.draw(values) for _ in range(m)] for _ in range(n)]
    b = [[data.draw(values) for _ in range(m)] for _ in range(n)]
    game = StageGame(a, b)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        result = equilibria(game)
    assert result.extreme, "every finite game has an equilibrium (Nash 1951)"
    for e in result.extreme:
        assert is_nash(game, e.row, e.column)
    found = {(e.row.index(1), e.column.index(1)) for e in result.extreme if 1 in e.row and 1 in e.column}
    assert found == brute_force_pure(game)
    if not result.is_degenerate:
        assert len(result.extreme) % 2 == 1  # the index theorem: odd in nondegenerate games
        assert all(c.is_isolated for c in result.components)


@given(st.integers(2, 4), st.data())
def test_same_sets_as_gambit_exact_enumeration(n, data):
    gbt = pytest.importorskip("pygambit")
    values = st.integers(0, 3)
    a = np.array([[data.draw(values) for _ in range(n)] for _ in range(n)])
    b = np.array([[data.draw(values) for _ in range(n)] for _ in range(n)])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        ours = {(e.row, e.column) for e in equilibria(StageGame(a, b)).extreme}
    g = gbt.Game.from_arrays(a, b)
    players = list(g.players)
    theirs = {
        tuple(tuple(Fraction(p[s]) for s in player.strategies) for player in players)
        for p in gbt.nash.enummixed_solve(g, rational=True).equilibria
    }
    assert ours == theirs


def test_large_games_go_through_qhull_and_nashpy_finds_a_subset():
    rng = np.random.default_rng(7)
    a, b = rng.integers(0, 1000, size=(2, 7, 7))
    result = equilibria(StageGame(a, b))
    assert not result.is_degenerate
    ours = {(e.row, e.column) for e in result.extreme}
    assert len(ours) == 5  # as Gambit's exact enummixed on this game
    # nashpy's support enumeration (floating point) returns a subset of ours; how many it misses
    # depends on the machine's floating point, so only the inclusion is asserted
    found = {(e.row, e.column) for e in nashpy_equilibria(StageGame(a, b), "support")}
    assert found <= ours


def test_float_payoffs_are_taken_at_their_exact_value():
    result = equilibria(StageGame([[0.5, 0.0], [0.0, 0.25]], [[0.25, 0.0], [0.0, 0.5]]))
    assert result.extreme[1].row == (Fraction(2, 3), Fraction(1, 3))


def test_named_conflict_games():
    # prisoner's dilemma: unique, pure; chicken: two pure and one mixed (Snyder & Diesing 1977)
    assert [e.payoffs for e in equilibria(prisoners_dilemma()).extreme] == [(1, 1)]
    mixed = equilibria(chicken()).extreme[1]
    assert mixed.row == (Fraction(1, 2), Fraction(1, 2))
    assert len(equilibria(assurance_game()).extreme) == 3
    # Tsebelis (1990): the sender's sanction probability is k/h, set by the target's payoffs
    sanctions = equilibria(sanctions_game(compliance_cost=1, target_sanction_cost=4)).extreme
    assert sanctions[0].row[0] == Fraction(1, 4)
    assert sanctions_game(compliance_value=3).payoffs((1, 0), (1, 0)) == (2, -1)


@pytest.mark.parametrize(
    ("build", "error", "message"),
    [
        (lambda: prisoners_dilemma(temptation=2), ParameterValueError, "temptation must be greater than reward (T > R > P > S) (got 2)"),
        (lambda: chicken(tie=0), ParameterValueError, "tie must be greater than lose"),
        (lambda: assurance_game(temptation=5), ParameterValueError, "reward must be greater than temptation"),
        (lambda: assurance_game(temptation=1), ParameterValueError, "temptation must be at least punishment"),
        (lambda: assurance_game(sucker=2), ParameterValueError, "punishment must be greater than sucker"),
        (lambda: StageGame([[1, 2]], [[1]]), ParameterValueError, "column_payoffs must be of the shape of row_payoffs (1, 2) (got (1, 1))"),
        (lambda: StageGame([[1, 2], [1]], [[1]]), ParameterValueError, "row_payoffs must be rectangular"),
        (lambda: StageGame("AB", [[1]]), ParameterTypeError, "row_payoffs must be a non-empty matrix"),
        (lambda: StageGame(np.zeros(3), [[1]]), ParameterValueError, "row_payoffs must be a matrix (2 dimensions) (got the string '1 dimensions')"),
        (lambda: StageGame([[True]], [[1]]), ParameterTypeError, "row_payoffs[0][0] must be"),
        (lambda: StageGame([[1]], [[1]], ("a", "b")), ParameterValueError, "row_actions must be 1 distinct labels (str) (got ('a', 'b'))"),
        (lambda: StageGame([[1]], [[1]], players=("A",)), ParameterValueError, "players must be two names (str)"),
        (lambda: is_nash(prisoners_dilemma(), (1,), (1, 0)), ParameterValueError, "row must be a mixed strategy over 2 actions (got (1,))"),
        (lambda: is_nash(prisoners_dilemma(), (0.5, 0.6), (1, 0)), ParameterValueError, "row must be non-negative probabilities summing to 1"),
        (lambda: is_nash(prisoners_dilemma(), ("a", 1), (1, 0)), ParameterTypeError, "row must be probabilities"),
        (lambda: equilibria("PD"), ParameterTypeError, "game must be a StageGame (got str the string 'PD')"),
        (lambda: nashpy_equilibria(prisoners_dilemma(), "lemke"), ParameterValueError, "method must be 'support' or 'vertex'"),
    ],
)
def test_bad_inputs(build, error, message):
    with pytest.raises(error) as caught:
        build()
    assert message in str(caught.value)


def test_symbolic_stage_games_hold_symbols_but_do_not_enumerate():
    import sympy

    t = sympy.Symbol("t", positive=True)
    game = StageGame([[t, 0], [0, 1]], [[1, 0], [0, t]])
    assert game.kind == "symbolic"
    for call in (equilibria, nashpy_equilibria, lambda g: is_nash(g, (1, 0), (1, 0))):
        with pytest.raises(ParameterTypeError, match="numeric payoffs"):
            call(game)
    with pytest.raises(ParameterValueError, match="tree must be a two-player game"):
        strategic_form(GameTree(("A",), decide("A", {"x": outcome(1)})))


def test_degenerate_pure_ties_and_one_dimensional_games():
    # a 1 x 3 game: the row player has no choice, the column player is indifferent between two
    with pytest.warns(DegenerateGameWarning):
        result = equilibria(StageGame([[1, 1, 1]], [[2, 2, 0]]))
    assert [e.column for e in result.extreme] == [(1, 0, 0), (0, 1, 0)]
    assert len(result.components) == 1 and result.components[0].cliques == (((0,), (0, 1)),)
    assert all(is_nash(result.game, e.row, e.column) for e in result.extreme)


def test_float_payoffs_are_solved_not_silently_dropped():
    """Regression: floats taken at their exact binary value become integers near 2**52; the float
    stage must still find the equilibria (it once returned none for this game)."""
    from bargaining.games.stage import StageGame, equilibria, is_nash

    game = StageGame([[0.29264204, 0.29292218], [0.43074492, 0.99905876]],
                     [[0.2929399, 0.7577306], [0.63567416, 0.74042866]])
    found = equilibria(game)
    assert len(found.extreme) >= 1
    assert all(is_nash(game, e.row, e.column) for e in found.extreme)
    big = StageGame([[3 * 10**6, 0], [5 * 10**6, 10**6]], [[3 * 10**6, 5 * 10**6], [0, 10**6]])
    assert [(e.row, e.column) for e in equilibria(big).extreme] == [((0, 1), (0, 1))]


def test_random_float_games_always_have_an_equilibrium():
    import numpy as np

    from bargaining.games.stage import StageGame, equilibria

    rng = np.random.default_rng(7)
    for _ in range(30):
        n, m = rng.integers(2, 5, size=2)
        game = StageGame(rng.random((n, m)).tolist(), rng.random((n, m)).tolist())
        assert len(equilibria(game, warn=False).extreme) % 2 == 1  # nondegenerate: an odd number


@given(st.integers(5, 7), st.integers(0, 2**32 - 1), st.sampled_from([3, 100]))
def test_the_float_paths_agree_with_each_other_on_degenerate_games(n, seed, values):
    """The three float stages (the compiled pivoting search, Qhull on the polar, and solving every
    basis) are independent; after the exact rebuild all must give the same extreme equilibria
    and components, on games with payoffs in {0, 1, 2} (degenerate almost always) or 0..99."""
    import bargaining.core.compiled as compiled
    import bargaining.games._polytope as polytope

    rng = np.random.default_rng(seed)
    a, b = rng.integers(0, values, size=(2, n, n - 1))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        search = equilibria(StageGame(a, b))
        saved = polytope.BRUTE_FORCE_BASES, compiled.ENABLED
        compiled.ENABLED = False
        try:
            hull = equilibria(StageGame(a, b))
            polytope.BRUTE_FORCE_BASES = 10**6
            bases = equilibria(StageGame(a, b))
        finally:
            polytope.BRUTE_FORCE_BASES, compiled.ENABLED = saved
    for other in (hull, bases):
        assert [(e.row, e.column, e.payoffs) for e in search.extreme] == [
            (e.row, e.column, e.payoffs) for e in other.extreme
        ]
        assert search.components == other.components and search.is_degenerate == other.is_degenerate


@settings(max_examples=20)  # Gambit's exact enumeration takes about 0.1-0.5 s a game at these sizes
@given(st.integers(5, 7), st.data())
def test_same_sets_as_gambit_on_larger_degenerate_games(n, data):
    gbt = pytest.importorskip("pygambit")
    values = st.integers(0, 2)
    a = np.array([[data.draw(values) for _ in range(n)] for _ in range(n)])
    b = np.array([[data.draw(values) for _ in range(n)] for _ in range(n)])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        ours = {(e.row, e.column) for e in equilibria(StageGame(a, b)).extreme}
    g = gbt.Game.from_arrays(a, b)
    theirs = {
        tuple(tuple(Fraction(p[s]) for s in player.strategies) for player in g.players)
        for p in gbt.nash.enummixed_solve(g, rational=True).equilibria
    }
    assert ours == theirs


@given(st.integers(1, 5), st.data())
def test_fraction_free_solvers_agree_with_fraction_elimination(size, data):
    from bargaining.games._polytope import solve_exact as _solve
    from bargaining.games._polytope import solve_integer as _solve_integer

    values = st.integers(-50, 50)
    rows = [[data.draw(values) for _ in range(size)] for _ in range(size)]
    rhs = [data.draw(values) for _ in range(size)]
    import sympy

    matrix = sympy.Matrix(rows)
    solution = _solve(rows, rhs, size)
    if matrix.det() == 0:
        assert solution is None
        return
    expected = [Fraction(int(v.p), int(v.q)) for v in matrix.LUsolve(sympy.Matrix(rhs))]
    assert solution == expected
    numerators, denominator = _solve_integer(rows, rhs, size)
    assert denominator > 0 and [Fraction(v, denominator) for v in numerators] == expected
    # an over-determined consistent system (a repeated row) goes through Gauss-Jordan
    assert _solve([*rows, rows[0]], [*rhs, rhs[0]], size) == expected
    assert _solve([*rows, rows[0]], [*rhs, rhs[0] + 1], size) is None


def test_games_too_large_for_64_bit_labels_are_refused_clearly():
    with pytest.raises(ParameterValueError, match=r"game must be at most 64 actions in all .* \(got the string 'a 33x32 game'\)"):
        equilibria(StageGame(np.ones((33, 32), dtype=int), np.ones((33, 32), dtype=int)))


def test_payoffs_come_in_the_kind_of_the_game():
    exact = equilibria(chicken()).extreme[1]
    assert exact.payoffs == (Fraction(3, 2), Fraction(3, 2)) and isinstance(exact.payoffs[0], Fraction)
    floats = equilibria(StageGame(np.array([[2.0, 1.0], [3.0, 0.0]]), np.array([[2.0, 3.0], [1.0, 0.0]]))).extreme[1]
    assert floats.payoffs == (1.5, 1.5) and isinstance(floats.payoffs[0], float)
    # numpy integer and float arrays take the fast path and give the same game as nested lists
    assert StageGame(np.array([[1, 2]]), np.array([[3, 4]])).row_payoffs == StageGame([[1, 2]], [[3, 4]]).row_payoffs
    with pytest.raises(ParameterValueError, match=r"row_payoffs\[0\]\[1\] must be a finite number \(got nan\)"):
        StageGame(np.array([[1.0, np.nan]]), np.array([[1.0, 2.0]]))


def test_exact_vertex_rebuild_refuses_labels_that_do_not_make_a_vertex():
    """The float stage's labels are only a guess: the exact rebuild must refuse the origin, a
    singular system, a point with a negative coordinate and an infeasible point."""
    from bargaining.games._polytope import exact_vertex as _exact_vertex

    # labels 0, 1: z_0 = 0, z_1 = 0; labels 2, 3: payoff rows tight (payoff z = 1)
    assert _exact_vertex(0b0011, [[1, 2], [2, 1]], 2, 0) is None  # the origin
    assert _exact_vertex(0b1100, [[1, 1], [2, 2]], 2, 0) is None  # singular
    assert _exact_vertex(0b1100, [[1, 2], [2, 3]], 2, 0) is None  # solves to (-1, 1)
    assert _exact_vertex(0b0101, [[1, 1], [1, 3]], 2, 0) is None  # z = (0, 1) breaks row 2
    vertex, mask, values = _exact_vertex(0b1100, [[1, 2], [2, 1]], 2, 0)
    assert (vertex, mask, values) == ([1, 1], 0b1100, [3, 3])  # (1/3, 1/3) over the denominator 3


def test_the_exact_best_response_check_refuses_what_is_not_an_equilibrium():
    """The check behind every equilibrium returned: it must be able to say no. Matching pennies
    (A = [[1, -1], [-1, 1]] shifted to [[3, 1], [1, 3]], B its negative shifted): only the mixed
    profile passes; a pure profile, or a mixture against a pure reply, fails."""
    from bargaining.games._polytope import best_responses

    a, b = [[3, 1], [1, 3]], [[1, 3], [3, 1]]

    def check(x, y):
        row_values = [sum(v * w for v, w in zip(line, y)) for line in a]  # A y
        column_values = [sum(b[i][j] * x[i] for i in range(2)) for j in range(2)]  # B'x
        return best_responses(x, y, row_values, column_values)

    assert check([1, 1], [1, 1])
    assert not check([1, 0], [1, 0])  # the column player would switch
    assert not check([1, 1], [1, 0])  # the row player would play row 1 only
    assert not check([0, 1], [1, 1])  # the column player would play column 1 only

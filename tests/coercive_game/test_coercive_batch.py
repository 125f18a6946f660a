"""The grid solver batched over parameter points against the one-game grid solver, point by point,
by each of its three paths: the compiled kernel (numba), the same kernel run by Python (so that
its every branch is traced), and the numpy passes."""

import inspect
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bargaining.coercive_game.grid_batch as grid_batch
from bargaining.coercive_game import (
    CoerciveGame,
    UltimatumDesign,
    grid_batch_kernel,
    solve_grid,
    solve_strategies,
)
from bargaining.coercive_game.batch import GameBatch, point_errors
from bargaining.coercive_game.grid_batch import bytes_per_point, solve_batch
from bargaining.core.errors import ParameterTypeError, ParameterValueError

FIELDS = ("settled_by", "decisive_by", "threat_executed", "coercer_backs_down", "still_fighting", "length",
          "expected_terms", "coercer_utility", "target_utility_by_type", "target_utility", "settled_by_type",
          "threat_executed_by_type", "subjective")


def same(one: Any, other: Any, tolerance: float = 1e-12) -> bool:
    if one is None or other is None:
        return one is None and other is None
    if isinstance(one, tuple):
        return len(one) == len(other) and all(same(a, b, tolerance) for a, b in zip(one, other))
    return abs(float(one) - float(other)) <= tolerance


PATHS = ("compiled", "python", "numpy")


@contextmanager
def solved_by(path: str) -> Iterator[None]:
    """Solve batches by ``path``: the compiled kernel, the plain kernel run by Python (with the
    number of types fixed where the compiled one fixes it), or the numpy passes."""
    choose = {
        "compiled": grid_batch._kernel,
        "python": lambda types: (
            grid_batch_kernel.fixed(types) if types in grid_batch_kernel.FIXED_TYPES else grid_batch_kernel.solve_points
        ),
        "numpy": lambda types: None,
    }[path]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(grid_batch, "_kernel", choose)
        yield


def unit(draw: st.DrawFn, low: float, high: float) -> float:
    return draw(st.floats(low, high, allow_nan=False))


@st.composite
def batches(draw: st.DrawFn) -> tuple[list[CoerciveGame], list[UltimatumDesign]]:
    """2 to 5 random small games sharing their number of types and whether they have battles;
    the horizon, margin, deadline and every real primitive differ from game to game."""
    n = draw(st.integers(1, 4))
    battles = draw(st.booleans())
    games, designs = [], []
    for _ in range(draw(st.integers(2, 5))):
        resolve = tuple(sorted(draw(st.sets(st.integers(0, 12), min_size=n, max_size=n))))
        raw = [draw(st.integers(1, 4)) for _ in range(n)]
        horizon = draw(st.integers(0, 4))
        prior = st.one_of(st.none(), st.tuples(st.floats(0.5, 4), st.floats(0.5, 4)))
        games.append(CoerciveGame(
            discount=unit(draw, 0.1, 0.95), horizon=horizon, resolve=tuple(r / 12 for r in resolve),
            type_weights=tuple(r / sum(raw) for r in raw), power=unit(draw, 0, 1),
            margin=draw(st.integers(1, 3)) if battles else None, true_odds=unit(draw, 0, 1),
            prior_coercer=draw(prior) if battles else None, prior_target=draw(prior) if battles else None,
            cost_coercer=unit(draw, 0, 0.2), target_cost=unit(draw, 0, 0.2), target_cost_resolve=unit(draw, 0.05, 0.5),
            threat_loss=unit(draw, 0, 1), screw=unit(draw, 0, 0.1), screw_cost=unit(draw, 0, 1),
            carrot=unit(draw, 0, 0.2), carrot_efficiency=unit(draw, 0.5, 2), carrot_credibility=unit(draw, 0, 1),
            execution_low=-1.0, execution_high=unit(draw, -1, 1),
        ))
        designs.append(UltimatumDesign(demand=unit(draw, 0, 1), deadline=draw(st.integers(0, horizon)),
                                       audience_cost=unit(draw, 0, 1), schelling_risk=unit(draw, 0, 1)))
    return games, designs


@pytest.mark.parametrize("path", PATHS)
@settings(max_examples=60, deadline=None)
@given(batches(), st.sampled_from([None, 1, 2]))
def test_the_batched_solver_is_the_one_game_solver_point_by_point(
    path: str, case: tuple[list[CoerciveGame], list[UltimatumDesign]], chunk: int | None
) -> None:
    games, designs = case
    batch = GameBatch.from_games(games, designs)
    singles: list[dict[str, Any] | None] = []
    for game, design in zip(games, designs):
        try:
            singles.append(solve_strategies(game, design, pure_cutoffs=True))
        except NotImplementedError:
            singles.append(None)
    if any(single is None for single in singles):  # a node without a pure move: the batch names it too
        with solved_by(path), pytest.raises(NotImplementedError, match="point"):
            solve_batch(batch, chunk=chunk)
        return
    with solved_by(path):
        solutions = solve_batch(batch, chunk=chunk)
    for index, single in enumerate(singles):
        assert single is not None
        for name in ("try_and_see", "screw", "ultimatum"):
            point = solutions[name].point(index)
            for field in FIELDS:
                assert same(getattr(single[name], field), getattr(point, field)), (index, name, field)


@pytest.mark.parametrize("path", PATHS)
@settings(max_examples=30, deadline=None)
@given(batches())
def test_a_point_is_solved_alike_alone_and_among_others(
    path: str, case: tuple[list[CoerciveGame], list[UltimatumDesign]]
) -> None:
    """The passes compute each point at its own nodes only (within its horizon, inside its margin),
    whatever the other points of its chunk: the values of the backward induction are the same
    floats alone and among others, the outcomes the same up to the order of their sums."""
    games, designs = case
    batch = GameBatch.from_games(games, designs)
    failed: dict[int, str] = {}
    with solved_by(path):
        together = solve_batch(batch, failures=failed)
    for index in range(batch.points):
        if index in failed:
            continue
        with solved_by(path):
            alone = solve_batch(batch.select(np.array([index])))
        for name, solution in together.items():
            mine, its = solution.point(index), alone[name].point(0)
            assert mine.coercer_utility == its.coercer_utility, (index, name)
            assert mine.target_utility_by_type == its.target_utility_by_type, (index, name)
            for field in FIELDS:
                assert same(getattr(mine, field), getattr(its, field), 1e-15), (index, name, field)


@pytest.mark.parametrize("path", PATHS)
def test_a_report_sized_batch_matches_one_game_at_a_time(path: str) -> None:
    """The report's kind of game (monthly, margins 6 to 10, 12 quantile types, deadlines 1 to 12,
    priors that differ), horizons shortened to keep the test fast: every output to 1e-12."""
    rng = np.random.default_rng(7)
    games, designs = [], []
    for _ in range(4):
        horizon = int(rng.integers(14, 30))
        games.append(CoerciveGame(
            discount=0.99, horizon=horizon, resolve=tuple(np.linspace(0.2, 0.93, 12)), margin=int(rng.integers(6, 11)),
            true_odds=float(rng.uniform(0.4, 0.6)), prior_coercer=(5.8, 4.2), prior_target=(7.6, 12.4),
            cost_coercer=0.008, target_cost=0.01, target_cost_resolve=float(rng.uniform(0.005, 0.02)), threat_loss=0.5,
            screw=0.002, screw_cost=0.5, carrot=float(rng.uniform(0, 0.1)), carrot_credibility=0.5,
            execution_high=0.25,
        ))
        designs.append(UltimatumDesign(demand=float(rng.uniform(0.6, 0.8)), deadline=int(rng.integers(1, 13)),
                                       audience_cost=0.5))
    with solved_by(path):
        solutions = solve_batch(GameBatch.from_games(games, designs), chunk=3)
    for index, (game, design) in enumerate(zip(games, designs)):
        single = solve_strategies(game, design, pure_cutoffs=True)
        for name in single:
            for field in FIELDS:
                assert same(getattr(single[name], field), getattr(solutions[name].point(index), field)), (name, field)


@pytest.mark.parametrize("path", PATHS)
def test_one_strategy_alone_and_a_batch_without_battles(path: str) -> None:
    game = CoerciveGame(discount=0.5, horizon=2, resolve=(0.0, 1.0), target_cost_resolve=0.2, screw=0.1)
    batch = GameBatch.from_games([game, game])
    with solved_by(path):
        screw = solve_batch(batch, ("screw",))
        patient = solve_batch(batch, ("try_and_see",))
    assert list(screw) == ["screw"]
    assert same(screw["screw"].point(1).coercer_utility, solve_grid(game, "screw", pure_cutoffs=True).coercer_utility)
    assert same(patient["try_and_see"].point(0).settled_by, solve_grid(game, "try_and_see", pure_cutoffs=True).settled_by)


def test_bad_points_are_named_and_bad_arguments_refused() -> None:
    resolve = np.array([[0.2, 0.8]] * 3)
    fields = {"discount": 0.9, "horizon": np.array([2, 2, 1]), "resolve": resolve, "target_cost_resolve": 0.1,
              "execution_low": np.array([0.0, 0.5, 0.0]), "execution_high": 0.2, "deadline": np.array([0, 0, 2])}
    errors = point_errors(fields)
    assert sorted(errors) == [1, 2]
    assert "execution_high[1]" in str(errors[1]) and "deadline[2]" in str(errors[2])
    with pytest.raises(ParameterValueError, match=r"execution_high\[1\]"):
        GameBatch(**fields)
    assert GameBatch(**(fields | {"execution_low": 0.0, "deadline": 0})).select(np.array([0, 2])).points == 2
    checks: list[tuple[dict[str, Any], type, str]] = [
        ({"resolve": np.array([0.5])}, ParameterValueError, "resolve"),
        ({"discount": "high"}, ParameterTypeError, "discount"),
        ({"discount": np.array([0.5, 0.5])}, ParameterValueError, "discount"),
        ({"horizon": 1.5}, ParameterTypeError, "horizon"),
        ({"horizon": np.array([1, 2])}, ParameterValueError, "horizon"),
        ({"start_front": 1.0}, ParameterTypeError, "start_front"),
        ({"start_front": 1}, ParameterValueError, "start_front"),
        ({"margin": 1, "start_front": 1}, ParameterValueError, r"margin\[0\]"),
        ({"resolve": np.array([[0.8, 0.2]]), "target_cost_resolve": 0.1}, ParameterValueError, "increasing"),
        ({"resolve": np.array([[0.2, 1.2]]), "target_cost_resolve": 0.1}, ParameterValueError, r"resolve\[0\]"),
        ({"resolve": np.array([[0.2, 0.8]])}, ParameterValueError, "target_cost_resolve"),
        ({"type_weights": np.array([[1.0, 0.0]]), "resolve": np.array([[0.2, 0.8]]), "target_cost_resolve": 0.1},
         ParameterValueError, "positive weights"),
        ({"type_weights": np.array([[0.5, 0.6]]), "resolve": np.array([[0.2, 0.8]]), "target_cost_resolve": 0.1},
         ParameterValueError, "summing"),
        ({"type_weights": np.array([[0.5, 0.5]])}, ParameterValueError, "shape"),
        ({"prior_coercer": np.array([1.0, 1.0])}, ParameterValueError, "prior_coercer"),
        ({"prior_target": np.array([[0.0, 1.0]])}, ParameterValueError, r"prior_target\[0\]"),
        ({"power": np.nan}, ParameterValueError, r"power\[0\]"),
    ]
    for change, error, text in checks:
        with pytest.raises(error, match=text):
            GameBatch(**({"discount": 0.9, "horizon": 1, "resolve": np.array([[0.5]])} | change))
    game = CoerciveGame(discount=0.5, horizon=1, resolve=(0.0, 1.0), target_cost_resolve=0.2)
    batch = GameBatch.from_games([game])
    with pytest.raises(ParameterValueError, match="strategies"):
        solve_batch(batch, ("war",))
    with pytest.raises(ParameterValueError, match="chunk"):
        solve_batch(batch, chunk=0)
    assert bytes_per_point(batch) > 0


def test_from_games_refuses_what_it_cannot_batch() -> None:
    game = CoerciveGame(discount=0.5, horizon=1, resolve=(0.0, 1.0), target_cost_resolve=0.2)
    with pytest.raises(ParameterValueError, match="games"):
        GameBatch.from_games([])
    with pytest.raises(ParameterValueError, match=r"games\[1\]"):
        GameBatch.from_games([game, CoerciveGame(discount=0.5, horizon=1, resolve=(0.5,))])
    with pytest.raises(ParameterValueError, match="front_shares"):
        GameBatch.from_games([CoerciveGame(discount=0.5, horizon=1, resolve=(0.5,), margin=1,
                                           front_shares=(0.0, 0.3, 1.0))])
    with pytest.raises(NotImplementedError, match="renewed demands"):
        GameBatch.from_games([CoerciveGame(discount=0.5, horizon=1, resolve=(0.5,), assurance=0.5)])
    with pytest.raises(ParameterValueError, match="designs"):
        GameBatch.from_games([game], [])
    with pytest.raises(NotImplementedError, match="vague"):
        GameBatch.from_games([game], [UltimatumDesign(demand=0.5, deadline=0, vagueness=0.1)])


@pytest.mark.parametrize("path", PATHS)
def test_a_node_without_a_pure_cutoff_names_its_point_in_the_batch(path: str) -> None:
    good = CoerciveGame(discount=0.5, horizon=1, resolve=(0.0, 1.0), target_cost_resolve=0.2)
    bad = CoerciveGame(discount=0.72, horizon=1, resolve=(0.0, 1.0), power=0.18, target_cost=0.113,
                       target_cost_resolve=0.49, threat_loss=0.42)
    design = UltimatumDesign(demand=0.782, deadline=0, audience_cost=0.27)
    with pytest.raises(NotImplementedError, match="no pure cutoff"):
        solve_strategies(bad, design, pure_cutoffs=True)
    batch = GameBatch.from_games([good, bad, good], [design] * 3)
    with solved_by(path):
        with pytest.raises(NotImplementedError, match=r"at point 1: no pure cutoff answers the committed demand"):
            solve_batch(batch)
        failures: dict[int, str] = {}
        recorded = solve_batch(batch, failures=failures)
        alone = solve_batch(batch, ("try_and_see", "screw"))  # without the ultimatum every point solves
    assert list(failures) == [1] and failures[1].startswith("no pure cutoff answers the committed demand at node")
    assert np.isnan(recorded["ultimatum"].coercer_utility[1]) and np.isnan(recorded["screw"].settled_by[1]).all()
    reference = solve_strategies(good, design, pure_cutoffs=True)
    for index in (0, 2):
        for name, solution in recorded.items():
            assert same(solution.point(index).coercer_utility, reference[name].coercer_utility)
    assert same(alone["screw"].point(1).coercer_utility, solve_grid(bad, "screw", pure_cutoffs=True).coercer_utility)


def test_a_point_the_kernel_flags_is_solved_by_the_numpy_passes() -> None:
    """The kernel flags a point it leaves (here one it could have solved, flagged by a wrapper);
    the numpy passes solve it again, and its outputs are theirs."""
    games = [CoerciveGame(discount=0.5 + 0.1 * k, horizon=3, resolve=(0.2, 0.6, 0.9), margin=2, target_cost_resolve=0.2,
                          screw=0.05) for k in range(3)]
    designs = [UltimatumDesign(demand=0.7, deadline=1, audience_cost=0.2)] * 3
    batch = GameBatch.from_games(games, designs)
    kernel = grid_batch._kernel(3)
    assert kernel is not None

    status = list(inspect.signature(grid_batch_kernel.solve_points).parameters).index("status")

    def flagging(*arguments: Any) -> None:
        kernel(*arguments)
        arguments[status][1] = 1  # point 1 left

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(grid_batch, "_kernel", lambda types: flagging)
        flagged = solve_batch(batch)
    with solved_by("numpy"):
        reference = solve_batch(batch)
    for name, solution in flagged.items():
        for field in FIELDS:
            for index in range(3):
                assert same(getattr(solution.point(index), field), getattr(reference[name].point(index), field))


def test_the_kernels_compile_once_and_are_switched_off_by_the_flag() -> None:
    import bargaining.core.compiled as switch
    from bargaining.coercive_game.grid_batch_state import _TIE

    assert grid_batch_kernel._TIE == _TIE  # the kernel's own copy (its cache sees its file only)

    assert grid_batch.compile_kernels() == ["solve_points", *(f"solve_points_{n}" for n in grid_batch_kernel.FIXED_TYPES)]
    assert grid_batch._kernel(6) is grid_batch._kernel(6)  # the fixed kernel made once
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(switch, "ENABLED", False)
        assert grid_batch._kernel(6) is None and grid_batch.compile_kernels() == []
    for bad in ([0], [2.5], [True]):
        with pytest.raises(ParameterValueError, match=r"types must be numbers of types \(positive integers\)"):
            grid_batch.compile_kernels(bad)


@settings(max_examples=40, deadline=None)
@given(batches())
def test_single_crossing_never_fails_with_permanent_settlements(case: tuple[list[CoerciveGame], list[UltimatumDesign]]) -> None:
    """The kernel does not check single crossing: with permanent settlements T's refusal values
    are non-decreasing in the type by construction, in floating point too. The numpy passes check
    it at every node of every point: it never fails."""
    games, designs = case
    failures: dict[int, str] = {}
    with solved_by("numpy"):
        solve_batch(GameBatch.from_games(games, designs), failures=failures)
    assert not any("single crossing" in message for message in failures.values())


def test_the_single_crossing_check_names_the_node() -> None:
    """With permanent settlements the refusal values rise with resolve, so the check never fires
    on a game; it is held here on refusal values that fall (and on a fall below the cut-off,
    which does not matter)."""
    from bargaining.coercive_game.grid_batch_moves import _skimming
    from bargaining.coercive_game.grid_batch_state import _Chunk, _PointError

    game = CoerciveGame(discount=0.5, horizon=1, resolve=(0.0, 0.5, 1.0), target_cost_resolve=0.2)
    chunk = _Chunk(GameBatch.from_games([game]))
    nodes = chunk.nodes(0)  # one node: the point at its only front
    falling = np.array([[[0.3, 0.2, 0.4], [0.3, 0.2, 0.4], [0.1, 0.2, 0.4]]])  # (node, belief, type)
    for active in (None, np.ones(1, dtype=bool), np.ones((1, 3), dtype=bool)):
        with pytest.raises(_PointError, match=r"single crossing fails at node \(t=0, front=0, cutoff=0\): type 1"):
            _skimming(chunk, nodes, falling, np.zeros((1, 3), dtype=int), active, 0)
    _skimming(chunk, nodes, falling, np.zeros((1, 3), dtype=int), np.zeros(1, dtype=bool), 0)  # not checked there
    _skimming(chunk, nodes, falling, np.full((1, 3), 2), None, 0)  # belief 2: no fall from there
    only = solve_batch(GameBatch.from_games([game], [UltimatumDesign(demand=0.6, deadline=1)]), ("ultimatum",))
    assert same(only["ultimatum"].point(0).coercer_utility,
                solve_grid(game, UltimatumDesign(demand=0.6, deadline=1), pure_cutoffs=True).coercer_utility)

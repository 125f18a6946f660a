"""Following the exact solver's nodes (a state is a cut-off, a quantile, and a side); the random
small games the grid solvers are held against the exact solver on."""

from fractions import Fraction
from typing import Any

from hypothesis import strategies as st

from bargaining.coercive_game import CoerciveGame, GameSolution, Node, UltimatumDesign
from tests.strategies import fractions

START = (0, None)
"""The state at t = 0: no one settled (an exact cut-off: side None)."""


def moves(solution: GameSolution, t: int, front: int, state: tuple[Any, Any]) -> list[tuple[Any, Node]]:
    """C's equilibrium move(s) at ``state``: (probability, node) pairs. The side is None at an
    exact cut-off, 1 or 0 for the limit from below or above, and strictly between them C's mix of
    its move from below (probability ``side``) and from above."""
    cutoff, side = state
    if side is None or side in (0, 1):
        return [(1, solution.nodes[(t, front, cutoff, side)])]
    return [(side, solution.nodes[(t, front, cutoff, 1)]), (1 - side, solution.nodes[(t, front, cutoff, 0)])]


def after(node: Node) -> tuple[Any, Any]:
    """The state after a refusal of ``node``'s offer."""
    return node.cutoff_after, node.side


def node_at(solution: GameSolution, t: int, front: int, cutoff: Any) -> Node:
    """The node at ``(t, front, cutoff)`` when it has one side only."""
    (node,) = [node for key, node in solution.nodes.items() if key[:3] == (t, front, cutoff)]
    return node


@st.composite
def small_games(draw: st.DrawFn) -> tuple[CoerciveGame, Any]:
    n = draw(st.integers(1, 4))
    resolve = tuple(sorted(draw(st.sets(fractions(0, 1, 12), min_size=n, max_size=n))))
    raw = [draw(st.integers(1, 4)) for _ in range(n)]
    weights = tuple(Fraction(r, sum(raw)) for r in raw)
    battles = draw(st.booleans())
    margin = draw(st.integers(1, 3)) if battles else None
    horizon = draw(st.integers(0, 3))
    prior = st.one_of(st.none(), st.tuples(st.integers(1, 4), st.integers(1, 4)))
    game = CoerciveGame(
        discount=draw(fractions(Fraction(1, 10), Fraction(9, 10), 10)),
        horizon=horizon,
        resolve=resolve,
        type_weights=weights,
        power=draw(fractions(0, 1, 10)),
        margin=margin,
        true_odds=draw(fractions(0, 1, 10)),
        prior_coercer=draw(prior) if battles else None,
        prior_target=draw(prior) if battles else None,
        cost_coercer=draw(fractions(0, Fraction(1, 5), 20)),
        target_cost=draw(fractions(0, Fraction(1, 5), 20)),
        target_cost_resolve=draw(fractions(Fraction(1, 20), Fraction(1, 2), 20)),
        threat_loss=draw(fractions(0, 1, 10)),
        screw=draw(fractions(0, Fraction(1, 10), 20)),
        screw_cost=draw(fractions(0, 1, 4)),
        carrot=draw(fractions(0, Fraction(1, 5), 10)),
        carrot_efficiency=draw(fractions(Fraction(1, 2), 2, 4)),
        carrot_credibility=draw(fractions(0, 1, 4)),
        execution_low=-1,
        execution_high=draw(fractions(-1, 1, 4)),
    )
    strategy = draw(
        st.one_of(
            st.sampled_from(["try_and_see", "screw"]),
            st.builds(
                UltimatumDesign,
                demand=fractions(0, 1, 10),
                deadline=st.integers(0, horizon),
                audience_cost=fractions(0, 1, 4),
                schelling_risk=fractions(0, 1, 4),
            ),
        )
    )
    return game, strategy


OUTPUTS = ("settled_by", "decisive_by", "threat_executed", "coercer_backs_down", "still_fighting", "length",
           "expected_terms", "coercer_utility", "target_utility_by_type", "target_utility", "settled_by_type",
           "threat_executed_by_type", "settlement_broken", "settlement_broken_by_type")
"""The outputs a grid solution is held to the exact one on."""


def close(exact: Any, approximate: Any, tolerance: float = 1e-9) -> bool:
    """Two outputs (numbers, tuples of numbers or None) equal within ``tolerance``."""
    if exact is None or approximate is None:
        return exact is None and approximate is None
    if isinstance(exact, tuple):
        return all(close(a, b, tolerance) for a, b in zip(exact, approximate, strict=True))
    return abs(float(exact) - approximate) <= tolerance


def assert_grid_is_the_atom_engine(game: CoerciveGame, strategy: Any, outputs: tuple[str, ...] = OUTPUTS) -> Any:
    """``solve_grid(pure_cutoffs=True)`` equals the exact engine on atoms (``exact._Solver``) on every output within
    1e-9, or both raise the same ``NotImplementedError`` (the node named alike); returns the grid's
    solution (None when both raised). An irrational root (renewed demands in Fractions) is skipped."""
    import re

    import pytest
    from hypothesis import assume

    from bargaining.coercive_game import solve_grid
    from bargaining.coercive_game.exact import _Solver

    try:
        engine = _Solver(game, strategy, 1)
        exact = engine.forward(engine.backward())
    except NotImplementedError as error:
        assume("irrational" not in str(error))
        with pytest.raises(NotImplementedError, match=re.escape(str(error).split(":")[0])):
            solve_grid(game, strategy, pure_cutoffs=True)
        return None
    grid = solve_grid(game, strategy, pure_cutoffs=True)
    for name in outputs:
        assert close(getattr(exact, name), getattr(grid, name)), name
    return grid


def assert_grid_is_the_mixing_equilibrium(game: CoerciveGame, strategy: Any, outputs: tuple[str, ...] = OUTPUTS) -> None:
    """``solve_grid`` (its atoms checked) equals the exact solver (``game.solve``, the marginal
    type mixing) on every output within 1e-9, and raises where the exact solver does: never another
    answer. Small games are within the exact budget, so where the exact solver answers the grid must."""
    import pytest

    from bargaining.coercive_game import solve_grid

    try:
        exact = game.solve(strategy)
    except NotImplementedError:
        with pytest.raises(NotImplementedError):
            solve_grid(game, strategy)
        return
    grid = solve_grid(game, strategy)
    for name in outputs:
        assert close(getattr(exact, name), getattr(grid, name)), name

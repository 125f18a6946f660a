"""Following the exact solver's nodes: a state is a cut-off (a quantile) and a side."""

from typing import Any

from bargaining.coercive_game import GameSolution, Node

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

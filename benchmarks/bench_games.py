"""Benchmarks of bargaining.games against nashpy, QuantEcon and pygambit on the same games.

* All equilibria of random integer bimatrix games n x n, n = 2..10: ours (exact, with components)
  against QuantEcon's ``vertex_enumeration`` (floating point, numba), pygambit's
  ``enummixed_solve(rational=True)`` and nashpy's support and vertex enumeration (capped at the
  sizes where they finish in reasonable time: support n <= 6, vertex n <= 5). Agreement is counted
  against Gambit's exact sets, on random games and on degenerate ones (payoffs in {0, 1, 2}).
* Backward induction on random binary trees of 10^3 to 10^6 nodes (iterative, numeric payoffs),
  time per node; against pygambit's ``lcp_solve`` on trees of 63 and 127 nodes (it takes about
  20 s at 255 nodes, so it is not run beyond).
"""

from __future__ import annotations

import time
import warnings
from fractions import Fraction
from typing import Any

import numpy as np

from bargaining.core.errors import DegenerateGameWarning
from bargaining.games.backward import FIRST_LISTED, backward_induction
from bargaining.games.stage import StageGame, equilibria, nashpy_equilibria
from bargaining.games.tree import GameTree, decide, outcome
from benchmarks.timing import best_of


def _timed(function: Any, *args: Any) -> tuple[float, Any]:
    started = time.perf_counter()
    value = function(*args)
    return time.perf_counter() - started, value


def _solve(a: np.ndarray, b: np.ndarray) -> Any:
    """What is timed: the game built from the arrays and every extreme equilibrium found."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        return equilibria(StageGame(a, b))


def _profiles(result: Any) -> set[Any]:
    """The set of equilibrium profiles, to compare with Gambit's (built outside the timing)."""
    return {(e.row, e.column) for e in result.extreme}


def _ours(a: np.ndarray, b: np.ndarray) -> set[Any]:
    return _profiles(_solve(a, b))


def _gambit(a: np.ndarray, b: np.ndarray) -> set[Any]:
    import pygambit as gbt

    game = gbt.Game.from_arrays(a, b)
    players = list(game.players)
    return {
        tuple(tuple(Fraction(p[s]) for s in player.strategies) for player in players)
        for p in gbt.nash.enummixed_solve(game, rational=True).equilibria
    }


def _quantecon(a: np.ndarray, b: np.ndarray) -> int:
    import quantecon.game_theory as gt

    return len(
        gt.vertex_enumeration(gt.NormalFormGame(np.stack([a, b.astype(float)], axis=-1).astype(float)))
    )


def _entry(
    name: str, ours: float, label: str, reference: float, notes: str, target: str = ""
) -> dict[str, Any]:
    return {
        "name": name,
        "measured": {"label": "bargaining.games", "value": ours, "unit": "s"},
        "reference": {"label": label, "value": reference, "unit": "s"},
        "ratio": reference / ours if ours > 0 else float("nan"),
        "ratio_meaning": "reference time / our time (above 1: we are faster)",
        "target": target,
        "notes": notes,
    }


def _bimatrix(quick: bool) -> list[dict[str, Any]]:
    rng = np.random.default_rng(2024)
    sizes = [2, 4, 6] if quick else list(range(2, 11))
    games_per_size = 3 if quick else 10
    entries = []
    _quantecon(np.ones((2, 2)), np.ones((2, 2)))  # numba compilation outside the timing
    for n in sizes:
        times: dict[str, float] = {
            "ours": 0.0,
            "quantecon": 0.0,
            "gambit": 0.0,
            "support": 0.0,
            "vertex": 0.0,
        }
        agree = degenerate_agree = quantecon_degenerate_agree = 0
        for _ in range(games_per_size):
            a, b = rng.integers(0, 100, size=(2, n, n))
            # ours and QuantEcon: best of 5 (milliseconds each, so one disturbed run would dominate)
            elapsed, result = best_of(lambda a=a, b=b: _solve(a, b), 5)
            ours = _profiles(result)
            times["ours"] += elapsed
            elapsed, _ = best_of(lambda a=a, b=b: _quantecon(a, b), 5)
            times["quantecon"] += elapsed
            elapsed, theirs = _timed(_gambit, a, b)
            times["gambit"] += elapsed
            agree += ours == theirs
            if n <= 6:
                times["support"] += _timed(nashpy_equilibria, StageGame(a, b), "support")[0]
            if n <= 5:
                times["vertex"] += _timed(nashpy_equilibria, StageGame(a, b), "vertex")[0]
            small_a, small_b = rng.integers(0, 3, size=(2, n, n))
            exact_set = _gambit(small_a, small_b)
            degenerate_agree += _ours(small_a, small_b) == exact_set
            quantecon_degenerate_agree += _quantecon(small_a, small_b) == len(exact_set)
        per = {k: v / games_per_size for k, v in times.items()}
        note = (
            f"{games_per_size} random games with payoffs 0..99; same set as Gambit on {agree}/{games_per_size}; "
            f"degenerate games (payoffs 0..2): same set as Gambit on {degenerate_agree}/{games_per_size} "
            f"(QuantEcon returns as many equilibria as Gambit on {quantecon_degenerate_agree}/{games_per_size}); "
            "ours and QuantEcon timed best of 5 per game"
        )
        entries.append(
            _entry(
                f"all equilibria {n}x{n} vs QuantEcon vertex_enumeration",
                per["ours"],
                "quantecon",
                per["quantecon"],
                note,
                "at least as fast as QuantEcon at n = 8, 10 (ratio >= 1); reported at every n",
            )
        )
        entries.append(
            _entry(
                f"all equilibria {n}x{n} vs pygambit enummixed (rational)",
                per["ours"],
                "pygambit",
                per["gambit"],
                note,
                "the same sets as Gambit on every game",
            )
        )
        if n <= 6:
            entries.append(
                _entry(
                    f"all equilibria {n}x{n} vs nashpy support enumeration",
                    per["ours"],
                    "nashpy support_enumeration + exact check",
                    per["support"],
                    "nashpy capped at n <= 6",
                )
            )
        if n <= 5:
            entries.append(
                _entry(
                    f"all equilibria {n}x{n} vs nashpy vertex enumeration",
                    per["ours"],
                    "nashpy vertex_enumeration + exact check",
                    per["vertex"],
                    "nashpy capped at n <= 5",
                )
            )
    return entries


def _binary_tree(depth: int, rng: np.random.Generator, symbol: Any = None) -> GameTree:
    """A random binary tree of ``2**(depth + 1) - 1`` nodes, players alternating; float payoffs,
    or with ``symbol`` (a positive sympy Symbol) payoffs ``symbol * k + 1`` and ``symbol * k``
    with random integers ``k`` (every comparison is then decided by the sign of the symbol, so the
    equilibrium is unique and the cost is sympy's per comparison)."""
    if symbol is None:
        level = [outcome(float(x), float(y)) for x, y in rng.random((2**depth, 2))]
    else:
        level = [outcome(symbol * int(x) + 1, symbol * int(y)) for x, y in rng.integers(1, 1000, (2**depth, 2))]
    for d in range(depth):
        player = "A" if (depth - d) % 2 else "B"
        level = [decide(player, {"l": level[2 * k], "r": level[2 * k + 1]}) for k in range(len(level) // 2)]
    return GameTree(("A", "B"), level[0])


def _gambit_tree_seconds(tree: GameTree) -> float:
    import io

    import pygambit as gbt

    from bargaining.games.gambit_io import write_efg

    game = gbt.read_efg(io.StringIO(write_efg(tree)))
    started = time.perf_counter()
    gbt.nash.lcp_solve(game, rational=False)
    return time.perf_counter() - started


def _trees(quick: bool) -> list[dict[str, Any]]:
    rng = np.random.default_rng(7)
    entries = []
    for depth in (5, 6):  # pygambit's lcp_solve on trees grows steeply: about 20 s at 255 nodes
        tree = _binary_tree(depth, rng)
        elapsed, _ = _timed(lambda t: backward_induction(t, tie_rule=FIRST_LISTED), tree)
        entries.append(
            _entry(
                f"backward induction, {tree.size} nodes vs pygambit lcp_solve",
                elapsed,
                "pygambit lcp_solve (tree, float)",
                _gambit_tree_seconds(tree),
                "pygambit capped at 127 nodes: 255 nodes take about 20 s",
                "linear in the number of nodes",
            )
        )
    baseline = 0.0
    for depth in [9, 12] if quick else [9, 12, 16, 19]:
        tree = _binary_tree(depth, rng)
        elapsed, result = _timed(lambda t: backward_induction(t, tie_rule=FIRST_LISTED), tree)
        per_node = elapsed / tree.size
        baseline = baseline or per_node
        entries.append(
            {
                "name": f"backward induction, {tree.size} nodes (time per node)",
                "measured": {"label": "bargaining.games", "value": per_node * 1e6, "unit": "us/node"},
                "reference": {
                    "label": "time per node at 1023 nodes",
                    "value": baseline * 1e6,
                    "unit": "us/node",
                },
                "ratio": baseline / per_node,
                "ratio_meaning": "time per node at 10^3 nodes / time per node here (1: linear)",
                "target": "linear in the number of nodes (ratio near 1)",
                "notes": f"total {elapsed:.3f} s; {len(result.equilibria)} SPE; random float payoffs, binary tree",
            }
        )
    return entries + _symbolic_trees(quick, rng) + _tree_memory(quick, rng)


def _per_node_entry(name: str, value: float, unit: str, baseline: float, what: str, notes: str) -> dict[str, Any]:
    return {
        "name": name,
        "measured": {"label": "bargaining.games", "value": value, "unit": unit},
        "reference": {"label": f"{what} per node at 1023 nodes", "value": baseline, "unit": unit},
        "ratio": baseline / value,
        "ratio_meaning": f"{what} per node at 10^3 nodes / {what} per node here (1: linear)",
        "target": "linear in the number of nodes (ratio near 1)",
        "notes": notes,
    }


def _symbolic_trees(quick: bool, rng: np.random.Generator) -> list[dict[str, Any]]:
    """Backward induction with sympy payoffs: time per node (linear?), and the price of symbols
    against the same tree shape in floats. pygambit takes no symbols, so it has no entry here."""
    import sympy

    x = sympy.Symbol("x", positive=True)
    entries, baseline = [], 0.0
    for depth in [9] if quick else [9, 11, 13]:
        tree = _binary_tree(depth, rng, symbol=x)
        elapsed, result = _timed(lambda t: backward_induction(t, tie_rule=FIRST_LISTED), tree)
        numeric, _ = _timed(lambda t: backward_induction(t, tie_rule=FIRST_LISTED), _binary_tree(depth, rng))
        per_node = elapsed / tree.size * 1e6
        baseline = baseline or per_node
        entries.append(
            _per_node_entry(
                f"backward induction, symbolic payoffs, {tree.size} nodes (time per node)",
                per_node,
                "us/node",
                baseline,
                "time",
                f"total {elapsed:.3f} s, {len(result.equilibria)} SPE; the same shape in floats takes "
                f"{numeric:.4f} s ({elapsed / numeric:.0f}x: the price of sympy comparisons)",
            )
        )
    return entries


def _tree_memory(quick: bool, rng: np.random.Generator) -> list[dict[str, Any]]:
    """Peak memory allocated by backward induction (tracemalloc, the tree itself excluded), per
    node, against the tree's own size."""
    import tracemalloc

    entries, baseline = [], 0.0
    for depth in [9, 12] if quick else [9, 13, 16]:
        tree = _binary_tree(depth, rng)
        tracemalloc.start()
        backward_induction(tree, tie_rule=FIRST_LISTED)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        per_node = peak / tree.size
        baseline = baseline or per_node
        entries.append(
            _per_node_entry(
                f"backward induction, {tree.size} nodes (peak memory per node)",
                per_node,
                "B/node",
                baseline,
                "peak memory",
                f"peak {peak / 2**20:.1f} MiB traced by tracemalloc during the solve (the tree excluded)",
            )
        )
    return entries


def _repeated(quick: bool) -> list[dict[str, Any]]:
    """The repeated-game payoff set by Abreu-Sannikov against QuantEcon's warm
    ``RepeatedGame.equilibrium_payoffs`` (numba compiled outside the timing) on QuantEcon's test
    games, with the largest distance between the two sets' vertices."""
    import quantecon.game_theory as gt

    from bargaining.games.repeated import RepeatedGame

    cases = [
        ("Abreu-Sannikov example, discount 0.3", [[16, 3, 0], [21, 10, -1], [9, 5, -5]],
         [[9, 13, 3], [1, 4, 0], [0, -4, -15]], 0.3),
        ("prisoner's dilemma, discount 0.9", [[9, 1], [10, 3]], [[9, 10], [1, 3]], 0.9),
    ]
    entries = []
    for name, a, b, discount in cases:
        theirs = gt.RepeatedGame(gt.NormalFormGame(np.stack([np.array(a, float), np.array(b, float)], -1)), discount)
        theirs.equilibrium_payoffs()  # compile
        game = RepeatedGame(StageGame(a, b), discount)
        # best of 10 each (milliseconds: on a loaded machine one run in three is disturbed)
        elapsed, ours = best_of(game.equilibrium_payoffs, 1 if quick else 10)
        reference, hull = best_of(theirs.equilibrium_payoffs, 1 if quick else 10)
        stated = hull.points[hull.vertices]
        gap = max(float(np.abs(ours.vertices - point).max(axis=1).min()) for point in stated)
        entries.append(
            _entry(
                f"repeated-game payoff set, {name} vs QuantEcon",
                elapsed,
                "quantecon",
                reference,
                f"{len(ours.vertices)} vertices as QuantEcon's {len(stated)}; largest distance {gap:.1e}; "
                f"{ours.iterations} iterations",
                "at least as fast as QuantEcon's warm equilibrium_payoffs (ratio >= 1)",
            )
        )
    return entries


def run(quick: bool = False) -> list[dict[str, Any]]:
    """Every benchmark of the games section."""
    return _bimatrix(quick) + _repeated(quick) + _trees(quick)

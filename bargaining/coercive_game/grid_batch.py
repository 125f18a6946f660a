r"""The grid solver batched over parameter points: :math:`P` games in one backward induction.

:func:`~bargaining.coercive_game.grid.solve_grid`'s equilibrium (with ``pure_cutoffs=True``: the
atoms' check of :mod:`~bargaining.coercive_game.grid_atoms` is not batched) for every game of a
:class:`~bargaining.coercive_game.batch.GameBatch`. The points may differ in every primitive, the
horizon, the decisive margin and the ultimatum's deadline included. At period :math:`t` the
passes compute at the period's *nodes* only (:class:`~bargaining.coercive_game.grid_batch_state._Nodes`):
the (point, front) pairs with :math:`t` within the point's horizon and the front inside its
margin, point by point, one leading axis of :math:`N_t` rows. The refusal values of every node,
belief and type form one :math:`N_t \times n \times n` array, and C's cut-off at every belief is
the largest within ``1e-12`` of the best (:mod:`~bargaining.coercive_game.grid_batch_moves`). The
only Python loop is over the periods. A point whose horizon has passed has no nodes (its
values at its horizon are the frozen war's, and its mass holds still); a front at or beyond a
point's margin is that point's decisive end. The values of the period after are read from one
(point, position) array per strategy that each period overwrites at its own nodes (a period's
fronts and the next one's alternate), with precomputed flat rows for the fronts a battle reaches.
The forward pass (:mod:`~bargaining.coercive_game.grid_batch_forward`) moves try-and-see's and the
ultimatum's mass together. Each point's outputs are those of the one-game solver (the same
floating-point operations in the backward induction, up to the order of a few sums in the
outcomes: within ``1e-12``).

Memory: the points are solved in chunks of at most ``chunk`` points (by default as many as fit
in ``memory`` bytes, 64 MiB, by the estimate :func:`bytes_per_point`: C's moves at every node,
:math:`(1 + 8) n \sum_t F_t` bytes per strategy, the values at every front,
:math:`8 (2M + 1) n (n + 1)` per strategy, and one period's work arrays,
:math:`\approx 8 \cdot 12\, F\, n (n + 1)`; it counts every front to the largest margin and
period to the longest horizon at every point, so it bounds the nodes' own arrays too), so the
peak stays below ``memory`` whatever :math:`P` (measured: 32 MiB at 6 types and 38 MiB at 12
types for 512 of the report's draws at the default 64 MiB; 52 MiB and 42 MiB when all 512 points
have the longest horizon and the widest margin).
The cost is :math:`O(\sum_p H_p M_p n^2)`.

Self-enforcing settlements (``GameBatch.self_enforcing``) are batched with the same arrays
(:mod:`~bargaining.coercive_game.grid_durability`, with the node axis leading): C's
candidate offers at every belief and cut-off, the single-crossing check at every node of every
point, and P(the settlement breaks). Their cost is :math:`O(P H M n^2 K^2)` and their work arrays
are :math:`2K + 4` times larger (:func:`bytes_per_point` counts them).

With permanent settlements each chunk is solved by a compiled kernel when numba is installed
(:mod:`~bargaining.coercive_game.grid_batch_kernel`: every point's passes in scalar loops at its
own nodes, the same floating-point operations, 7x faster per draw at the report's 6 types); the
numpy passes solve ceasefires, the points the kernel leaves (a node without a pure move, which
they name) and every chunk without numba (``BARGAINING_NUMBA=0``).

Only the grid solver's default reading of the types (atoms, C's cut-off on the grid) is batched;
``continuous=True``, mixing steps, renewed demands, crises and vagueness are solved one game at
a time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..core import compiled as switch
from ..core.errors import ParameterValueError
from .batch import GameBatch
from .grid_batch_forward import _forward
from .grid_batch_moves import _committed, _durable, _patient, _refusals, _skimming, _values
from .grid_batch_state import _AllFailedError, _Chunk, _fronts, _padded, _PointError, _subjective
from .results import GameSolution

__all__ = ["BatchSolution", "bytes_per_point", "solve_batch"]

_STRATEGIES = ("try_and_see", "screw", "ultimatum")


@dataclass(frozen=True)
class BatchSolution:
    """One strategy's equilibrium outcomes at every point (arrays with a leading point axis).

    The fields are :class:`~bargaining.coercive_game.results.GameSolution`'s; ``settled_by`` and
    ``decisive_by`` have one column per period up to the largest horizon (constant after a
    point's own horizon) and ``length`` one more; ``expected_terms`` is NaN where no type ever
    settles (``None`` in :meth:`point`). ``horizon`` is each point's horizon.

    Two games, of horizons 0 and 1: the columns run to the longer horizon, and the shorter game's
    row stays constant after its own.

    >>> import numpy as np
    >>> batch = GameBatch(discount=0.5, horizon=np.array([0, 1]), resolve=np.array([[0.0, 1.0]] * 2),
    ...                   target_cost_resolve=0.2)
    >>> patient = solve_batch(batch, ("try_and_see",))["try_and_see"]
    >>> patient.strategy, patient.horizon, patient.coercer_utility
    ('try_and_see', array([0, 1]), array([0.6 , 0.55]))
    >>> patient.settled_by
    array([[0.5, 0.5],
           [0.5, 1. ]])
    """

    strategy: str
    horizon: np.ndarray
    settled_by: np.ndarray
    decisive_by: np.ndarray
    threat_executed: np.ndarray
    coercer_backs_down: np.ndarray
    still_fighting: np.ndarray
    length: np.ndarray
    expected_terms: np.ndarray
    coercer_utility: np.ndarray
    target_utility_by_type: np.ndarray
    target_utility: np.ndarray
    settled_by_type: np.ndarray
    threat_executed_by_type: np.ndarray
    settlement_broken: np.ndarray
    settlement_broken_by_type: np.ndarray
    subjective: np.ndarray

    def point(self, index: int) -> GameSolution:
        """The outcomes at one point, as the one-game solver returns them (``nodes`` empty).

        The period columns are cut to the point's own horizon:

        >>> import numpy as np
        >>> batch = GameBatch(discount=0.5, horizon=np.array([0, 1]), resolve=np.array([[0.0, 1.0]] * 2),
        ...                   target_cost_resolve=0.2)
        >>> first = solve_batch(batch, ("try_and_see",))["try_and_see"].point(0)
        >>> first.settled_by, first.length, first.expected_terms, first.coercer_utility, first.nodes
        ((0.5,), (0.5, 0.0), 0.7, 0.6, {})
        """
        steps = int(self.horizon[index]) + 1
        terms = float(self.expected_terms[index])
        return GameSolution(
            strategy=self.strategy,
            settled_by=tuple(float(v) for v in self.settled_by[index, :steps]),
            decisive_by=tuple(float(v) for v in self.decisive_by[index, :steps]),
            threat_executed=float(self.threat_executed[index]),
            coercer_backs_down=float(self.coercer_backs_down[index]),
            still_fighting=float(self.still_fighting[index]),
            length=tuple(float(v) for v in self.length[index, : steps + 1]),
            expected_terms=None if np.isnan(terms) else terms,
            coercer_utility=float(self.coercer_utility[index]),
            target_utility_by_type=tuple(float(v) for v in self.target_utility_by_type[index]),
            target_utility=float(self.target_utility[index]),
            settled_by_type=tuple(float(v) for v in self.settled_by_type[index]),
            threat_executed_by_type=tuple(float(v) for v in self.threat_executed_by_type[index]),
            settlement_broken=float(self.settlement_broken[index]),
            settlement_broken_by_type=tuple(float(v) for v in self.settlement_broken_by_type[index]),
            subjective=bool(self.subjective[index]),
            nodes={},
        )


def bytes_per_point(batch: GameBatch) -> int:
    """The estimated peak memory of one point of ``batch`` in :func:`solve_batch` (bytes).

    >>> import numpy as np
    >>> batch = GameBatch(discount=0.9, horizon=np.array([72]), resolve=np.array([np.linspace(0.05, 0.95, 12)]),
    ...                   margin=10, target_cost_resolve=0.1)
    >>> bytes_per_point(batch) // 1000
    343
    """
    n, horizon = batch.types, int(batch.horizon.max())
    width = 1 if batch.margin is None else 2 * int(batch.margin.max()) + 1
    nodes = sum(len(_fronts(batch, t, width)) for t in range(horizon + 1))
    widest = max(len(_fronts(batch, t, width)) for t in range(horizon + 1))
    moves = 2 * 9 * n * nodes  # try-and-see and the ultimatum (the screw's after them)
    values = 2 * 8 * width * n * (n + 1)
    work = 8 * 12 * widest * n * (n + 1)
    if batch.self_enforcing:  # the candidate offers: (2K + 4) per cut-off, valued for every type
        candidates = 2 * (0 if batch.rearmament is None else batch.rearmament.shape[1]) + 4
        work += 8 * 10 * widest * n * n * candidates
    return moves + values + work


def _by_belief(best: np.ndarray, offer: np.ndarray, cut_type: type) -> tuple[np.ndarray, np.ndarray]:
    """A period's moves as the forward pass reads them: belief by node."""
    return np.ascontiguousarray(best.T, dtype=cut_type), np.ascontiguousarray(offer.T)


def _backward(
    c: _Chunk, gamma: np.ndarray, ultimatum: bool
) -> tuple[dict[str, list[tuple[np.ndarray, np.ndarray]]], dict[str, tuple[np.ndarray, np.ndarray]]]:
    """C's moves at every period (patient, and the ultimatum's when asked; one row per node of
    the period) and the values at t = 0.

    The values of the period after are read from one (point, position) array per strategy that
    each period overwrites at its own nodes: a period's fronts and the next one's alternate, so a
    period reads only what the next one wrote, and a point whose horizon ends at ``t`` first gets
    the frozen war's values at every front.
    """
    cut_type = np.int16 if c.n < 2**15 else np.int32
    deadline = c.batch.deadline
    last = int(deadline.max()) if ultimatum else -1
    P, W, n = c.P, c.width, c.n
    frozen_c, frozen_t = c.forever(c.top + 1, gamma)
    stores = {"patient": (frozen_c.reshape(P * W, n), frozen_t.reshape(P * W, n, n))}
    moves: dict[str, list[tuple[np.ndarray, np.ndarray]]] = {"patient": [], "ultimatum": []}
    for t in range(c.top, -1, -1):
        if c.failed is not None and len(c.failed) == c.P:
            raise _AllFailedError
        if t <= last and "ultimatum" not in stores:  # until the deadline, the ultimatum is try-and-see
            stores["ultimatum"] = (stores["patient"][0].copy(), stores["patient"][1].copy())
        ending = np.flatnonzero(t == c.H)  # these points' horizon: the frozen war follows
        if len(ending) and t < c.top:
            ending_c, ending_t = c.forever(t + 1, gamma, ending)
            for store_c, store_t in stores.values():
                store_c.reshape(P, W, n)[ending] = ending_c
                store_t.reshape(P, W, n, n)[ending] = ending_t
        nodes = c.nodes(t)
        refuse_c, refuse_t = _refusals(c, nodes, t, stores["patient"], gamma, None)
        if c.durable:
            patient = _durable(c, nodes, t, refuse_c, refuse_t)
            best, offer, value_c, value_t = patient.best, patient.offer, patient.value_c, patient.value_t
        else:
            best, offer = _patient(c, nodes, refuse_c, refuse_t)
            _skimming(c, nodes, refuse_t, best, None, t)
            value_c, value_t = _values(c, nodes, best, offer, refuse_c, refuse_t, None)
        now = {"patient": (value_c, value_t)}
        moves["patient"].append(_by_belief(best, offer, cut_type))
        if t <= last:
            committed = (deadline >= t)[nodes.point]
            u_c, u_t = _refusals(c, nodes, t, stores["ultimatum"], gamma, deadline)
            if c.durable:
                held = _durable(c, nodes, t, u_c, u_t, committed)
                pick = committed[:, None]
                now["ultimatum"] = (
                    np.where(pick, held.value_c, value_c),
                    np.where(pick[..., None], held.value_t, value_t),
                )
                u_best, u_offer = np.where(pick, held.best, best), np.where(pick, held.offer, offer)
            else:
                c_best, c_offer = _committed(c, nodes, u_t, committed, t)
                _skimming(c, nodes, u_t, c_best, committed, t)
                u_best = np.where(committed[:, None], c_best, best)
                u_offer = np.where(committed[:, None], c_offer, offer)
                now["ultimatum"] = _values(c, nodes, u_best, u_offer, u_c, u_t, committed)
            moves["ultimatum"].append(_by_belief(u_best, u_offer, cut_type))
        elif ultimatum:
            moves["ultimatum"].append(moves["patient"][-1])
        for name, (v_c, v_t) in now.items():
            stores[name][0][nodes.flat], stores[name][1][nodes.flat] = v_c, v_t
    start = c.width // 2 + (c.batch.start_front if c.batch.margin is not None else 0)
    rows = np.arange(P) * W + start
    initial = {name: (store_c[rows, 0], store_t[rows, 0]) for name, (store_c, store_t) in stores.items()}
    for name in moves:
        moves[name].reverse()
    return moves, initial


def _compiled_chunk(
    c: _Chunk, strategies: Sequence[str], kernel: Any
) -> tuple[dict[str, dict[str, np.ndarray]], np.ndarray]:
    """The chunk's outcomes by the compiled kernel (:func:`~.grid_batch_kernel.solve_points`),
    and the indices of the points it flagged (a node without a pure move: to be solved again by
    the numpy passes, which name the node)."""
    batch, P, n = c.batch, c.P, c.n
    steps = c.top + 1
    want = np.array([name in strategies for name in _STRATEGIES], dtype=np.int64)
    reals = np.stack(
        [
            c.delta,
            c.rest,
            batch.cost_coercer,
            batch.screw_cost,
            batch.screw,
            batch.true_odds,
            batch.power,
            c.carrot_c,
            c.carrot_t,
            batch.demand,
            c.execution,
            c.threat_value,
        ],
        axis=1,
    ).astype(float)
    priors, known = np.ones((P, 4)), np.ones((P, 2), dtype=bool)
    for side, prior in enumerate(c._priors):
        if prior is not None:
            known[:, side] = prior[0]
            priors[:, 2 * side], priors[:, 2 * side + 1] = prior[1], prior[2]
    status = np.zeros(P, dtype=np.int64)
    periods, length = np.zeros((3, 2, P, steps)), np.zeros((3, P, steps + 1))
    by_type, scalars, target = np.zeros((3, 2, P, n + 1)), np.zeros((3, 5, P)), np.zeros((3, P, n))
    has_margin = batch.margin is not None
    kernel(
        want,
        n,
        c.width,
        int(batch.start_front) if has_margin else 0,
        has_margin,
        np.ascontiguousarray(batch.horizon, dtype=np.int64),
        np.ascontiguousarray(batch.margin if has_margin else np.ones(P), dtype=np.int64),
        np.ascontiguousarray(batch.deadline, dtype=np.int64),
        np.ascontiguousarray(reals),
        priors,
        known,
        np.ascontiguousarray(c.base, dtype=float),
        np.ascontiguousarray(c.losses, dtype=float),
        np.ascontiguousarray(c.tails, dtype=float),
        np.ascontiguousarray(c.inverse_tails_by_belief.T),
        status,
        periods,
        length,
        by_type,
        scalars,
        target,
    )
    settled = scalars[:, 2]
    expected = np.where(settled == 0, np.nan, scalars[:, 1] / np.where(settled == 0, 1.0, settled))
    settled_type = np.cumsum(by_type[:, 0], axis=2)[:, :, :n]
    executed_type = np.cumsum(by_type[:, 1], axis=2)[:, :, :n]
    out = {}
    for s, name in enumerate(_STRATEGIES):
        if name not in strategies:
            continue
        out[name] = {
            "settled_by": periods[s, 0],
            "decisive_by": periods[s, 1],
            "threat_executed": (executed_type[s] * c.f).sum(axis=1),
            "coercer_backs_down": scalars[s, 0],
            "still_fighting": scalars[s, 3],
            "length": length[s],
            "expected_terms": expected[s],
            "coercer_utility": scalars[s, 4],
            "target_utility_by_type": target[s],
            "target_utility": (c.f * target[s]).sum(axis=1),
            "settled_by_type": settled_type[s],
            "threat_executed_by_type": executed_type[s],
            "settlement_broken": np.zeros(P),  # permanent settlements: none breaks
            "settlement_broken_by_type": np.zeros((P, n)),
        }
    return out, np.flatnonzero(status)


def _kernel(types: int) -> Any:
    """The compiled kernel for ``types`` types (fixed at compile time for the report's), or
    ``None`` without numba (:data:`~bargaining.core.compiled.ENABLED`)."""
    if not switch.ENABLED:
        return None
    from .grid_batch_kernel import FIXED_TYPES, fixed, solve_points

    return switch.compiled(fixed(types) if types in FIXED_TYPES else solve_points, error_model="numpy")


def compile_kernels(types: Sequence[int] | None = None) -> list[str]:
    """Compile the batched solver's kernels, or load them from numba's cache: for each number of
    ``types`` (by default the general kernel and each one fixed at compile time, the report's
    draws). ``make`` runs it at install, so that no run pays for the compilation (about 4 s a
    kernel), and the report before it forks its workers, so that they share the loaded kernel.
    Returns the kernels' names (none without numba).

    >>> compile_kernels()
    ['solve_points', 'solve_points_6']
    """
    from .grid_batch_kernel import FIXED_TYPES

    if types is not None and not all(isinstance(t, int) and not isinstance(t, bool) and t > 0 for t in types):
        raise ParameterValueError("types", "numbers of types (positive integers)", tuple(types))
    names = []
    for number in (2, *FIXED_TYPES) if types is None else types:
        kernel = _kernel(number)
        if kernel is None:
            return []
        batch = GameBatch(
            discount=0.5,
            horizon=np.array([2]),
            resolve=np.array([np.linspace(0.1, 0.9, number)]),
            margin=2,
            target_cost_resolve=0.2,
        )
        solve_batch(batch)
        names.append(kernel.py_func.__name__)
    return names


def _solve_chunk(
    batch: GameBatch, strategies: Sequence[str], failed: dict[int, str] | None = None
) -> dict[str, dict[str, np.ndarray]]:
    c = _Chunk(batch)
    kernel = None if c.durable else _kernel(c.n)
    if kernel is not None:
        out, flagged = _compiled_chunk(c, strategies, kernel)
        if len(flagged):  # the numpy passes name the node, and raise or record the point
            found: dict[int, str] | None = None if failed is None else {}
            try:
                again = _numpy_chunk(_Chunk(batch.select(flagged)), strategies, found)
            except _PointError as error:
                raise _PointError(int(flagged[error.point]), error.message) from None
            except _AllFailedError:  # every flagged point recorded: its outputs are set to NaN
                again = {}
            for name, outputs in again.items():
                for key, values in outputs.items():
                    out[name][key][flagged] = _padded(values, key, batch)
            if failed is not None and found:
                failed.update({int(flagged[p]): message for p, message in found.items()})
        return out
    return _numpy_chunk(c, strategies, failed)


def _numpy_chunk(
    c: _Chunk, strategies: Sequence[str], failed: dict[int, str] | None = None
) -> dict[str, dict[str, np.ndarray]]:
    batch = c.batch
    c.failed = failed
    out: dict[str, dict[str, np.ndarray]] = {}
    patient = [name for name in ("try_and_see", "ultimatum") if name in strategies]
    if patient:
        moves, initial = _backward(c, np.zeros(c.P), "ultimatum" in strategies)
        runs = [(moves[_MOVES[name]], initial[_MOVES[name]], name == "ultimatum") for name in patient]
        out |= dict(zip(patient, _forward(c, runs), strict=True))
        del moves, runs
    if "screw" in strategies:
        moves, initial = _backward(c, batch.screw, False)
        (out["screw"],) = _forward(c, [(moves["patient"], initial["patient"], False)])
    return out


_MOVES = {"try_and_see": "patient", "ultimatum": "ultimatum"}


def _unsolved(batch: GameBatch, strategies: Sequence[str]) -> dict[str, dict[str, np.ndarray]]:
    """A chunk whose every point failed: every output NaN, in the shapes of :func:`_forward`'s."""
    P, n, steps = batch.points, batch.types, int(batch.horizon.max()) + 1
    shapes = {"settled_by": (P, steps), "decisive_by": (P, steps), "length": (P, steps + 1)}
    shapes |= {key: (P, n) for key in _BY_TYPE}
    keys = (*shapes, *_SCALARS)
    return {name: {key: np.full(shapes.get(key, (P,)), np.nan) for key in keys} for name in strategies}


_BY_TYPE = (
    "target_utility_by_type",
    "settled_by_type",
    "threat_executed_by_type",
    "settlement_broken_by_type",
)
_SCALARS = (
    "threat_executed",
    "coercer_backs_down",
    "still_fighting",
    "expected_terms",
    "coercer_utility",
    "target_utility",
    "settlement_broken",
)


def solve_batch(
    batch: GameBatch,
    strategies: Sequence[str] = _STRATEGIES,
    *,
    chunk: int | None = None,
    memory: int = 2**26,
    failures: dict[int, str] | None = None,
) -> dict[str, BatchSolution]:
    """The equilibrium of each strategy at every point of ``batch``, on the grid.

    ``strategies`` names any of ``"try_and_see"``, ``"screw"`` and ``"ultimatum"`` (the batch's
    design at each point); after its deadline the ultimatum continues as try-and-see, whose
    moves it shares. The points are solved ``chunk`` at a time (by default as many as fit in
    ``memory`` bytes, see :func:`bytes_per_point`). Each point's outputs are those of
    :func:`~bargaining.coercive_game.grid.solve_strategies` on that point's game, within
    ``1e-12``; a node where single crossing fails, or where no pure cut-off answers the
    committed demand, raises :class:`NotImplementedError` naming the point and the node; when a
    dict ``failures`` is given, each such point is recorded there instead (its index, the message)
    and its outputs are NaN, the other points solved as usual.

    >>> import numpy as np
    >>> batch = GameBatch(discount=0.5, horizon=np.array([0, 1]), resolve=np.array([[0.0, 1.0]] * 2),
    ...                   target_cost_resolve=0.2, screw=0.1, demand=0.75, deadline=0)
    >>> solutions = solve_batch(batch)
    >>> [np.round(solutions[name].coercer_utility, 6).tolist() for name in ("try_and_see", "screw", "ultimatum")]
    [[0.6, 0.55], [0.65, 0.65], [0.5, 0.55]]
    """
    unknown = [s for s in strategies if s not in _STRATEGIES]
    if unknown or not strategies:
        raise ParameterValueError("strategies", f"a non-empty selection of {_STRATEGIES}", tuple(strategies))
    if chunk is None:
        chunk = max(1, memory // bytes_per_point(batch))
    if isinstance(chunk, bool) or not isinstance(chunk, int) or chunk < 1:
        raise ParameterValueError("chunk", "a positive integer number of points", chunk)
    # points of similar margins and horizons together: a chunk runs to its own largest ones
    margins = np.zeros(batch.points) if batch.margin is None else batch.margin
    # (recording failures: horizons first, so that a chunk whose points all fail stops early)
    order = np.lexsort((batch.horizon, margins) if failures is None else (margins, batch.horizon))
    parts: list[dict[str, dict[str, np.ndarray]]] = []
    for first in range(0, batch.points, chunk):
        rows = order[first : first + chunk]
        found: dict[int, str] | None = None if failures is None else {}
        try:
            parts.append(_solve_chunk(batch.select(rows), strategies, found))
        except _AllFailedError:
            parts.append(_unsolved(batch.select(rows), strategies))
        except _PointError as error:
            raise NotImplementedError(f"at point {int(rows[error.point])}: {error.message}") from None
        if found:
            assert failures is not None
            failures.update({int(rows[p]): message for p, message in found.items()})
            for outputs in parts[-1].values():
                for values in outputs.values():
                    values[list(found)] = np.nan
    inverse = np.argsort(order)
    return {
        name: BatchSolution(
            strategy=name,
            horizon=batch.horizon,
            subjective=_subjective(batch),
            **{
                key: np.concatenate([_padded(part[name][key], key, batch) for part in parts])[inverse]
                for key in parts[0][name]
            },
        )
        for name in strategies
    }

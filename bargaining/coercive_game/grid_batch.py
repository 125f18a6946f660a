r"""The grid solver batched over parameter points: :math:`P` games in one backward induction.

:func:`~bargaining.coercive_game.grid.solve_grid`'s equilibrium (with ``pure_cutoffs=True``: the
atoms' check of :mod:`~bargaining.coercive_game.grid_atoms` is not batched) for every game of a
:class:`~bargaining.coercive_game.batch.GameBatch`, with every array carrying a leading point
axis: at period :math:`t` the refusal values of every point, every front, every belief and
every type form one :math:`P \times F_t \times n \times n` array, C's value of every (belief,
cut-off) pair one :math:`P \times F_t \times n \times (n + 1)` array, and the moves are one
``argmax`` (ties, within ``1e-12``, to the largest cut-off). The only Python loop is over the
periods. The points may differ in every primitive, the horizon, the decisive margin and the
ultimatum's deadline included: the periods run to the largest horizon and the fronts to the
largest margin; a point whose horizon has passed takes the frozen war's values (backward) and
holds its mass still (forward); a front at or beyond a point's margin is that point's decisive
end. Each point's outputs are those of the one-game solver (the same floating-point operations,
up to the order of a few sums: within ``1e-12``).

Memory: the points are solved in chunks of at most ``chunk`` points (by default as many as fit
in ``memory`` bytes, 64 MiB, by the estimate :func:`bytes_per_point`: C's moves at every node,
:math:`(1 + 8) n \sum_t F_t` bytes per strategy, the values at every front,
:math:`8 (2M + 1) n (n + 1)` per strategy, and one period's work arrays,
:math:`\approx 8 \cdot 12\, F\, n (n + 1)`), so the peak stays below ``memory`` whatever
:math:`P` (measured: 36 MiB at 6 types and 41 MiB at 12 types for 512 of the report's draws at
the default 64 MiB).
The cost is :math:`O(P H M n^2)`.

Self-enforcing settlements (``GameBatch.self_enforcing``) are batched with the same arrays
(:mod:`~bargaining.coercive_game.grid_durability`, with the point and front axes leading): C's
candidate offers at every belief and cut-off, the single-crossing check at every node of every
point, and P(the settlement breaks). Their cost is :math:`O(P H M n^2 K^2)` and their work arrays
are :math:`2K + 4` times larger (:func:`bytes_per_point` counts them).

Only the grid solver's default reading of the types (atoms, C's cut-off on the grid) is batched;
``continuous=True``, mixing steps, renewed demands, crises and vagueness are solved one game at
a time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..core.errors import ParameterValueError
from .batch import GameBatch
from .grid_batch_state import (
    _TIE,
    _active,
    _AllFailedError,
    _Chunk,
    _fail,
    _fronts,
    _padded,
    _PointError,
    _span,
    _subjective,
)
from .grid_durability import Moves, ceasefire, committed_moves, patient_moves
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
        """The outcomes at one point, as the one-game solver returns them (``nodes`` empty)."""
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


def _refusals(
    c: _Chunk,
    t: int,
    positions: np.ndarray,
    later: tuple[np.ndarray, np.ndarray],
    gamma: np.ndarray,
    deadline: np.ndarray | None,
) -> tuple[np.ndarray, np.ndarray]:
    """R_C by cut-off (P, F, n + 1) and R_T by belief and type (P, F, n, n) at period ``t``."""
    batch, delta = c.batch, c.delta[:, None]
    share = c.share(positions)
    flow_c = (1 - delta) * (share - batch.cost_coercer[:, None] - (batch.screw_cost * gamma)[:, None] * t)
    flow_t = (1 - delta)[:, :, None] * (
        1 - share[:, :, None] - c.base[:, None, :] - (gamma * t)[:, None, None]
    )
    if deadline is not None:
        now = deadline == t
        flow_c = flow_c + np.where(now, c.threat_value, 0.0)[:, None]
        flow_t = np.where(now[:, None, None], flow_t - (c.execution[:, None] * c.losses)[:, None, :], flow_t)
    later_c, later_t = later
    here = _span(positions)
    if batch.margin is None:
        cont_c = flow_c[:, :, None] + delta[:, :, None] * later_c[:, here]
        cont_t = delta[:, :, None, None] * later_t[:, here] + flow_t[:, :, None, :]
    else:
        margin = batch.margin[:, None]
        fronts = positions - c.width // 2
        up, down = (fronts + 1)[None, :] >= margin, (fronts - 1)[None, :] <= -margin  # decisive ends
        p_c = c.odds(batch.prior_coercer, positions, t)
        p_t = c.odds(batch.prior_target, positions, t)
        up_c = np.where(up[:, :, None], 1.0, later_c[:, _span(positions, 1)])
        dn_c = np.where(down[:, :, None], 0.0, later_c[:, _span(positions, -1)])
        cont_c = flow_c[:, :, None] + delta[:, :, None] * (
            p_c[:, :, None] * up_c + (1 - p_c)[:, :, None] * dn_c
        )
        # T's values after a decisive battle are 0 (C won) and 1 (T won): the weights of the
        # later values there are 0 (they are finite) and the 1 joins the flow
        win, loss = delta * p_t, delta * (1 - p_t)
        cont_t = np.where(up, 0.0, win)[:, :, None, None] * later_t[:, _span(positions, 1)]
        cont_t += np.where(down, 0.0, loss)[:, :, None, None] * later_t[:, _span(positions, -1)]
        cont_t += (flow_t + np.where(down, loss, 0.0)[:, :, None])[:, :, None, :]
    return cont_c[:, :, c.to_state], cont_t


def _patient(c: _Chunk, refuse_c: np.ndarray, refuse_t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """C's cut-off and offer at every belief when it makes take-it-or-leave-it offers."""
    n = c.n
    rows, ks = np.arange(n), np.arange(n + 1)
    carrot_t, carrot_c = c.carrot_t[:, None, None], c.carrot_c[:, None, None]
    shape = refuse_t.shape[:2]
    marginal = np.concatenate([np.zeros((*shape, 1)), refuse_t[:, :, c.to_state[ks[1:]], ks[1:] - 1]], axis=2)
    first_out = np.concatenate([refuse_t[:, :, rows, rows], np.full((*shape, 1), np.inf)], axis=2)
    raw = 1 + carrot_t - marginal
    offer_k = np.minimum(raw, 1.0)
    valid = (raw >= 0) & ((raw <= 1) | (1 - offer_k + carrot_t < first_out - _TIE))
    valid[:, :, 0] = False
    slope = c.tails[:, None, :] * (refuse_c - offer_k + carrot_c)
    values = (1.0 / c.tails[:, :n])[:, None, :, None] * slope[:, :, None, :]
    values += np.where(valid, offer_k - carrot_c, -np.inf)[:, :, None, :]
    values += c.above_diagonal
    values[:, :, rows, rows] = refuse_c[:, :, :n]
    top = values.max(axis=3)
    near = values >= (top - _TIE * np.maximum(1.0, np.abs(top)))[..., None]
    best = n - np.argmax(near[..., ::-1], axis=3)
    offer = np.where(best > rows, np.take_along_axis(offer_k, best, axis=2), np.nan)
    return best, offer


def _committed(
    c: _Chunk, refuse_t: np.ndarray, active: np.ndarray, t: int, positions: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The largest cut-off consistent with the committed demand at every belief."""
    n, batch = c.n, c.batch
    rows, ks = np.arange(n), np.arange(n + 1)
    shape = refuse_t.shape[:2]
    marginal = refuse_t[:, :, c.to_state[ks[1:]], ks[1:] - 1]
    first_out = np.concatenate([refuse_t[:, :, rows, rows], np.full((*shape, 1), np.inf)], axis=2)
    accept = (1 - batch.demand + c.carrot_t)[:, None, None]
    above = accept < first_out - _TIE
    strict = np.concatenate([np.zeros((*shape, 1), dtype=bool), accept >= marginal - _TIE], axis=2) & above
    index = np.where(strict, ks, -1)
    largest = np.maximum.accumulate(index[..., ::-1], axis=2)[..., ::-1]
    following = largest[:, :, np.minimum(rows + 1, n)]
    best = np.where(following > rows, following, rows)
    bad = (best == rows) & ~above[:, :, rows] & active[:, :, None]
    _fail(
        c,
        bad,
        lambda p, at: (
            f"no pure cutoff answers the committed demand at node (t={t}, "
            f"front={int(positions[at[0]]) - c.width // 2}, cutoff={at[1]}); split the atoms (mixing_steps, "
            "one game at a time) or change the design"
        ),
    )
    offer = np.where(best > rows, batch.demand[:, None, None], np.nan)
    return best, offer


def _skimming(
    c: _Chunk, refuse_t: np.ndarray, best: np.ndarray, active: np.ndarray, t: int, positions: np.ndarray
) -> None:
    """Single crossing at every active node: R_T non-decreasing in the type from the cut-off on."""
    if c.n == 1:
        return
    drops = refuse_t[..., 1:] < refuse_t[..., :-1] - _TIE  # (P, F, belief, type pair)
    if not drops.any():
        return
    n = c.n
    P, F = best.shape[:2]
    rows_of = (np.arange(P * F).reshape(P, F, 1) * n + c.to_state[best]).ravel()
    chosen = drops.reshape(P * F * n, n - 1)[rows_of].reshape(P, F, n, n - 1)
    rows_active = active[:, :, None, None] if active.ndim == 2 else active[:, :, :, None]
    relevant = chosen & (np.arange(n - 1)[None, :] >= np.arange(n)[:, None]) & rows_active
    _fail(
        c,
        relevant,
        lambda p, at: (
            f"single crossing fails at node (t={t}, front={int(positions[at[0]]) - c.width // 2}, "
            f"cutoff={at[1]}): type {at[2] + 1} gains less from refusing than type {at[2]}"
        ),
    )


def _values(
    c: _Chunk,
    best: np.ndarray,
    offer: np.ndarray,
    refuse_c: np.ndarray,
    refuse_t: np.ndarray,
    committed: np.ndarray | None,
) -> tuple[np.ndarray, np.ndarray]:
    """C's value by belief (P, F, n) and T's by belief and type (P, F, n, n) after the moves."""
    n = c.n
    rows = np.arange(n)
    tails = c.tails[:, None, :]
    at_cut = np.take_along_axis(np.broadcast_to(tails, (*best.shape[:2], n + 1)), best, axis=2)
    settled = tails[:, :, :n] - at_cut
    refuse_at_cut = np.take_along_axis(refuse_c, best, axis=2)
    value_c = np.where(
        best > rows,
        (settled * (np.nan_to_num(offer) - c.carrot_c[:, None, None]) + at_cut * refuse_at_cut)
        / tails[:, :, :n],
        refuse_c[:, :, :n],
    )
    accept = np.where(np.isnan(offer), -np.inf, 1 - offer + c.carrot_t[:, None, None])
    if committed is not None:
        demanded = (1 - c.batch.demand + c.carrot_t)[:, None, None]
        accept = np.where(committed[:, None, None], demanded, accept)
    P, F = best.shape[:2]
    rows_of = (np.arange(P * F).reshape(P, F, 1) * n + c.to_state[best]).ravel()
    gathered = refuse_t.reshape(P * F * n, n)[rows_of].reshape(P, F, n, n)  # R_T at each belief's cut-off
    return value_c, np.maximum(gathered, accept[..., None], out=gathered)


def _durable(
    c: _Chunk,
    t: int,
    positions: np.ndarray,
    active: np.ndarray,
    refuse_c: np.ndarray,
    refuse_t: np.ndarray,
    committed: np.ndarray | None = None,
) -> Moves:
    """C's moves and the values at every node when settlements are ceasefires: take-it-or-leave-it
    offers, or the committed demand at the points where ``committed`` (the single-crossing
    check, and the committed demand's consistency, at the active nodes)."""
    args = (
        c.durability,
        c.share(positions),
        c.base[:, None, :],
        c.f[:, None, :],
        c.tails[:, None, :],
        (c.carrot_t[:, None], c.carrot_c[:, None]),
    )
    if committed is None:
        moves = patient_moves(*args, refuse_c, refuse_t, active=active)
    else:
        mask = active & committed[:, None]
        moves, bad = committed_moves(*args, c.batch.demand[:, None], refuse_c, refuse_t, active=mask)
        bad &= mask[:, :, None]
        _fail(
            c,
            bad,
            lambda p, at: (
                f"no pure cutoff answers the committed demand at node (t={t}, "
                f"front={int(positions[at[0]]) - c.width // 2}, cutoff={at[1]}); change the design"
            ),
        )
    if moves.failure is not None:
        (first, f), j, terms, accepting = moves.failure
        types = [int(i) for i in np.flatnonzero(accepting) if i >= j]

        def message(p: int, at: tuple[int, ...]) -> str:
            node = f"node (t={t}, front={int(positions[at[0]]) - c.width // 2}, cutoff={at[1]})"
            if (p, at[0], at[1]) == (first, f, j):
                return (
                    f"single crossing fails at {node}: at terms {terms:.6g} the types accepting are "
                    f"{types}, not the least resolute ones"
                )
            return f"single crossing fails at {node}: some terms are accepted by types that are not the least resolute"

        _fail(c, moves.failing, message)
    rows = np.arange(c.n)
    _skimming(c, refuse_t, moves.best, active[:, :, None] & (moves.best == rows), t, positions)
    return moves


def _backward(
    c: _Chunk, gamma: np.ndarray, ultimatum: bool
) -> tuple[dict[str, list[tuple[np.ndarray, np.ndarray]]], dict[str, tuple[np.ndarray, np.ndarray]]]:
    """C's moves at every period (patient, and the ultimatum's when asked) and the values at t = 0."""
    cut_type = np.int16 if c.n < 2**15 else np.int32
    deadline = c.batch.deadline
    last = int(deadline.max()) if ultimatum else -1
    frozen = c.forever(c.top + 1, gamma)
    later = {"patient": frozen, "ultimatum": frozen}
    moves: dict[str, list[tuple[np.ndarray, np.ndarray]]] = {"patient": [], "ultimatum": []}
    for t in range(c.top, -1, -1):
        if c.failed is not None and len(c.failed) == c.P:
            raise _AllFailedError
        ending = t == c.H  # these points' horizon: the frozen war follows
        if ending.any() and t < c.top:
            frozen = c.forever(t + 1, gamma)
            for name in later:
                later[name] = (
                    np.where(ending[:, None, None], frozen[0], later[name][0]),
                    np.where(ending[:, None, None, None], frozen[1], later[name][1]),
                )
        positions = _fronts(c.batch, t, c.width)
        active = _active(c, t, positions)
        refuse_c, refuse_t = _refusals(c, t, positions, later["patient"], gamma, None)
        if c.durable:
            patient = _durable(c, t, positions, active, refuse_c, refuse_t)
            best, offer, value_c, value_t = patient.best, patient.offer, patient.value_c, patient.value_t
        else:
            best, offer = _patient(c, refuse_c, refuse_t)
            _skimming(c, refuse_t, best, active, t, positions)
            value_c, value_t = _values(c, best, offer, refuse_c, refuse_t, None)
        now = {"patient": (value_c, value_t)}
        moves["patient"].append((best.astype(cut_type), offer))
        if t <= last:
            committed = deadline >= t
            u_c, u_t = _refusals(c, t, positions, later["ultimatum"], gamma, deadline)
            if c.durable:
                held = _durable(c, t, positions, active, u_c, u_t, committed)
                pick = committed[:, None, None]
                now["ultimatum"] = (
                    np.where(pick, held.value_c, value_c),
                    np.where(pick[..., None], held.value_t, value_t),
                )
                moves["ultimatum"].append(
                    (np.where(pick, held.best, best).astype(cut_type), np.where(pick, held.offer, offer))
                )
                here = _span(positions)
                _store(c, later, now, here)
                continue
            c_best, c_offer = _committed(c, u_t, active & committed[:, None], t, positions)
            _skimming(c, u_t, c_best, active & committed[:, None], t, positions)
            u_best = np.where(committed[:, None, None], c_best, best)
            u_offer = np.where(committed[:, None, None], c_offer, offer)
            now["ultimatum"] = _values(c, u_best, u_offer, u_c, u_t, committed)
            moves["ultimatum"].append((u_best.astype(cut_type), u_offer))
        elif ultimatum:
            now["ultimatum"] = now["patient"]
            moves["ultimatum"].append(moves["patient"][-1])
        _store(c, later, now, _span(positions))
    start = c.width // 2 + (c.batch.start_front if c.batch.margin is not None else 0)
    initial = {
        name: (values[0][:, start, 0].copy(), values[1][:, start, 0].copy()) for name, values in later.items()
    }  # copies: the views would keep every front's values alive
    for name in moves:
        moves[name].reverse()
    return moves, initial


def _store(
    c: _Chunk,
    later: dict[str, tuple[np.ndarray, np.ndarray]],
    now: dict[str, tuple[np.ndarray, np.ndarray]],
    here: slice,
) -> None:
    """This period's values at every front become the next (earlier) period's ``later``."""
    n = c.n
    for name, (v_c, v_t) in now.items():
        if name == "ultimatum" and now[name] is now["patient"]:
            later[name] = later["patient"]
            continue
        full_c, full_t = np.empty((c.P, c.width, n)), np.empty((c.P, c.width, n, n))
        for edge in (0, c.width - 1):  # read (with weight 0) beyond the largest margin: finite
            full_c[:, edge], full_t[:, edge] = 0.0, 0.0
        full_c[:, here], full_t[:, here] = v_c, v_t
        later[name] = (full_c, full_t)


def _forward(
    c: _Chunk,
    moves: list[tuple[np.ndarray, np.ndarray]],
    initial: tuple[np.ndarray, np.ndarray],
    ultimatum: bool,
) -> dict[str, np.ndarray]:
    r"""The equilibrium's outcome distribution under the true odds, every point at once.

    The types still fighting at a state with belief :math:`s` are the types from :math:`s` on, in
    their prior proportions (every one of them has followed the same path), so the mass there is
    one number :math:`q_s` times :math:`f_i [i \ge s]`: the pass moves :math:`q`, a
    :math:`P \times F \times n` array, and the outcomes by type are cumulated as differences.
    """
    batch, n, P = c.batch, c.n, c.P
    theta = batch.true_odds
    steps = c.top + 1
    rows = np.arange(n)
    tails = c.tails
    mass = np.zeros((P, c.width, n))
    start = c.width // 2 + (batch.start_front if batch.margin is not None else 0)
    mass[:, start, 0] = 1.0
    settled_by, decisive_by, length = np.zeros((P, steps)), np.zeros((P, steps)), np.zeros((P, steps + 1))
    settled_steps, executed_steps = np.zeros((P, n + 1)), np.zeros((P, n + 1))  # by type, as differences
    broken_type = np.zeros((P, n))
    backs_down, terms, settled_total, decisive = np.zeros(P), np.zeros(P), np.zeros(P), np.zeros(P)
    flat = (np.arange(P) * (n + 1))[:, None, None]
    for t in range(steps):
        positions = _fronts(batch, t, c.width)
        here = _span(positions)
        live = t <= c.H
        block = mass[:, here]  # (P, F, n): q by belief
        cut = np.where(live[:, None, None], moves[t][0].astype(np.intp), rows)
        at_cut = np.take_along_axis(
            np.broadcast_to(tails[:, None, :], (*block.shape[:2], n + 1)), cut, axis=2
        )
        settled = block * (tails[:, None, :n] - at_cut)  # (P, F, n)
        total = settled.sum(axis=(1, 2))
        settled_total += total
        length[:, t] += total
        terms += np.nansum(np.where(settled > 0, moves[t][1], 0.0) * settled, axis=(1, 2))
        settling = block * (cut > rows)
        if c.durable:  # the types i in [j, cut) settling from belief j, and whether their ceasefire breaks
            period = ceasefire(
                c.durability.expand(2),
                moves[t][1][..., None],
                c.share(positions)[..., None, None],
                c.base[:, None, None, :],
            )[2]
            among = (rows[None, :] >= rows[:, None]) & (rows[None, :] < cut[..., None])
            broken_type += np.einsum("pfj,pfji->pi", block, (among & (period >= 0)).astype(float)) * c.f
        settled_steps += np.bincount(
            np.broadcast_to(flat + rows, cut.shape).ravel(), settling.ravel(), P * (n + 1)
        ).reshape(P, n + 1)
        settled_steps -= np.bincount((flat + cut).ravel(), settling.ravel(), P * (n + 1)).reshape(P, n + 1)
        going = np.where(cut < n, block, 0.0)  # the refusing types' q, to the belief cut
        if ultimatum:
            now = (batch.deadline == t) & live
            if now.any():
                reached = np.bincount((flat + cut).ravel(), going.ravel(), P * (n + 1)).reshape(P, n + 1)
                executed_steps += np.where(now, c.execution, 0.0)[:, None] * reached
                refused = (going * at_cut).sum(axis=(1, 2))
                backs_down += np.where(now, 1 - c.execution, 0.0) * refused
        F = block.shape[1]
        index = (np.arange(P * F).reshape(P, F, 1) * n + c.to_state[cut]).ravel()
        moved = np.bincount(index, going.ravel(), P * F * n).reshape(P, F, n)
        after = np.zeros_like(mass)
        if batch.margin is None:
            after[:, here] = moved
        else:
            fronts = positions - c.width // 2
            fighting = (moved * tails[:, None, :n]).sum(axis=2)  # (P, F)
            for step, chance in ((1, theta), (-1, 1 - theta)):
                ends = (np.abs(fronts + step)[None, :] >= batch.margin[:, None]) & live[:, None]
                ended = (chance[:, None] * fighting * ends).sum(axis=1)
                decisive += ended
                length[:, t + 1] += ended
                after[:, _span(positions, step)] += np.where(ends, 0.0, chance[:, None])[:, :, None] * moved
        mass = np.where(live[:, None, None], after, mass)
        settled_by[:, t], decisive_by[:, t] = settled_total, decisive
    value_c, value_t = initial
    expected = np.where(settled_total == 0, np.nan, terms / np.where(settled_total == 0, 1.0, settled_total))
    settled_type = np.cumsum(settled_steps, axis=1)[:, :n]  # P(type i settles)
    executed_type = np.cumsum(executed_steps, axis=1)[:, :n]
    return {
        "settled_by": settled_by,
        "decisive_by": decisive_by,
        "threat_executed": (executed_type * c.f).sum(axis=1),
        "coercer_backs_down": backs_down,
        "still_fighting": (mass * tails[:, None, :n]).sum(axis=(1, 2)),
        "length": length,
        "expected_terms": expected,
        "coercer_utility": value_c,
        "target_utility_by_type": value_t,
        "target_utility": (c.f * value_t).sum(axis=1),
        "settled_by_type": settled_type,
        "threat_executed_by_type": executed_type,
        "settlement_broken": (broken_type).sum(axis=1),
        "settlement_broken_by_type": broken_type / c.f,
    }


def _solve_chunk(
    batch: GameBatch, strategies: Sequence[str], failed: dict[int, str] | None = None
) -> dict[str, dict[str, np.ndarray]]:
    c = _Chunk(batch)
    c.failed = failed
    out: dict[str, dict[str, np.ndarray]] = {}
    patient = [s for s in strategies if s in ("try_and_see", "ultimatum")]
    if patient:
        ultimatum = "ultimatum" in strategies
        moves, initial = _backward(c, np.zeros(c.P), ultimatum)
        if "try_and_see" in strategies:
            out["try_and_see"] = _forward(c, moves["patient"], initial["patient"], False)
        if ultimatum:
            out["ultimatum"] = _forward(c, moves["ultimatum"], initial["ultimatum"], True)
        del moves
    if "screw" in strategies:
        moves, initial = _backward(c, batch.screw, False)
        out["screw"] = _forward(c, moves["patient"], initial["patient"], False)
    return out


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

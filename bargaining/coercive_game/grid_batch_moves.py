r"""One period of the batched grid solver's backward induction, at the period's nodes.

Every array has a leading node axis (:class:`~bargaining.coercive_game.grid_batch_state._Nodes`:
the (point, front) pairs that exist in some point's game at the period, point by point): the
refusal values, C's cut-off and offer at every belief, the single-crossing and committed-demand
checks, and the values after the moves. Each is the one-game grid solver's computation, the same
floating-point operations in the same order, with each point's primitives read at its nodes.

C's choice of cut-off is computed belief by belief on rows of :math:`N` nodes (a maximum over a
short trailing axis would loop once per node), for each cut-off at the beliefs below it only.
"""

from __future__ import annotations

import numpy as np

from .grid_batch_state import _TIE, _Chunk, _fail, _Nodes
from .grid_durability import Moves, committed_moves, patient_moves


def _at(table: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """``table[rows]`` along the leading axis (``np.take``: a plain gather, faster than indexing)."""
    result: np.ndarray = np.take(table, rows, axis=0)
    return result


def _refusals(
    c: _Chunk,
    nodes: _Nodes,
    t: int,
    later: tuple[np.ndarray, np.ndarray],
    gamma: np.ndarray,
    deadline: np.ndarray | None,
) -> tuple[np.ndarray, np.ndarray]:
    """R_C by cut-off (N, n + 1) and R_T by belief and type (N, n, n) at period ``t``; ``later``
    holds the next period's values by (point, position) row: C's (P W, n) and T's (P W, n, n)."""
    batch, p = c.batch, nodes.point
    delta, rest = _at(c.delta, p), _at(c.rest, p)
    share = nodes.share
    flow_c = rest * (share - _at(batch.cost_coercer, p) - _at(batch.screw_cost * gamma, p) * t)
    flow_t = rest[:, None] * (1 - share[:, None] - _at(c.base, p) - _at(gamma * t, p)[:, None])
    if deadline is not None:
        now = _at(deadline, p) == t
        flow_c = flow_c + np.where(now, _at(c.threat_value, p), 0.0)
        flow_t = np.where(now[:, None], flow_t - _at(c.execution[:, None] * c.losses, p), flow_t)
    later_c, later_t = later
    if batch.margin is None:
        cont_c = flow_c[:, None] + delta[:, None] * _at(later_c, nodes.flat)
        cont_t = _at(later_t, nodes.flat)
        cont_t *= delta[:, None, None]
        cont_t += flow_t[:, None, :]
    else:
        p_c, p_t = nodes.odds_c, nodes.odds_t
        above, below = nodes.flat + 1, nodes.flat - 1
        up_c = np.where(nodes.up[:, None], 1.0, _at(later_c, above))
        dn_c = np.where(nodes.down[:, None], 0.0, _at(later_c, below))
        cont_c = flow_c[:, None] + delta[:, None] * (p_c[:, None] * up_c + (1 - p_c)[:, None] * dn_c)
        # T's values after a decisive battle are 0 (C won) and 1 (T won): the weights of the
        # later values there are 0 (they are finite) and the 1 joins the flow
        win, loss = delta * p_t, delta * (1 - p_t)
        cont_t = _at(later_t, above)
        cont_t *= np.where(nodes.up, 0.0, win)[:, None, None]
        lost = _at(later_t, below)
        lost *= np.where(nodes.down, 0.0, loss)[:, None, None]
        cont_t += lost
        cont_t += (flow_t + np.where(nodes.down, loss, 0.0)[:, None])[:, None, :]
    return np.take(cont_c, c.to_state, axis=1), cont_t


def _patient(
    c: _Chunk, nodes: _Nodes, refuse_c: np.ndarray, refuse_t: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """C's cut-off and offer at every belief when it makes take-it-or-leave-it offers."""
    n, p = c.n, nodes.point
    rows = np.arange(n)
    carrot_t, carrot_c = _at(c.carrot_t, p)[:, None], _at(c.carrot_c, p)[:, None]
    entries = refuse_t.reshape(len(p), n * n)
    marginal = np.zeros(refuse_c.shape)  # R_T(k - 1; belief min(k, n - 1)): below the diagonal, then its end
    marginal[:, 1:n] = entries[:, n :: n + 1]
    marginal[:, n] = entries[:, -1]
    first_out = np.full(refuse_c.shape, np.inf)
    first_out[:, :n] = entries[:, :: n + 1]  # the diagonal
    raw = 1 + carrot_t - marginal
    offer_k = np.minimum(raw, 1.0)
    valid = (raw >= 0) & ((raw <= 1) | (1 - offer_k + carrot_t < first_out - _TIE))
    valid[:, 0] = False
    slope = _at(c.tails, p) * (refuse_c - offer_k + carrot_c)
    # C's value at belief j < k of the cut-off k, belief by belief (rows of N nodes): only the
    # cut-offs above the belief are options, besides refusing (the cut-off at the belief)
    by_cutoff = np.ascontiguousarray(slope.T)
    inverse = np.take(c.inverse_tails_by_belief, p, axis=1)  # (belief, N)
    option = np.ascontiguousarray(np.where(valid, offer_k - carrot_c, -np.inf).T)
    top = refuse_c[:, :n].T.copy()  # a copy in C order, whatever the order of refuse_c
    values = []
    for k in range(1, n + 1):
        value = inverse[:k] * by_cutoff[k]
        value += option[k]
        np.maximum(top[:k], value, out=top[:k])
        values.append(value)
    threshold = top - _TIE * np.maximum(1.0, np.abs(top))
    best = np.repeat(rows[:, None], len(p), axis=1)
    for k in range(1, n + 1):  # the largest cut-off among the near-ties
        np.copyto(best[:k], k, where=values[k - 1] >= threshold[:k])
    best = np.ascontiguousarray(best.T)
    offer = np.where(best > rows, np.take(offer_k, c.row_starts(len(p), n + 1) + best), np.nan)
    return best, offer


def _committed(
    c: _Chunk, nodes: _Nodes, refuse_t: np.ndarray, active: np.ndarray, t: int
) -> tuple[np.ndarray, np.ndarray]:
    """The largest cut-off consistent with the committed demand at every belief (checked at the
    ``active`` nodes)."""
    n, batch, p = c.n, c.batch, nodes.point
    rows, ks = np.arange(n), np.arange(n + 1)
    marginal = refuse_t[:, c.to_state[ks[1:]], ks[1:] - 1]
    first_out = np.concatenate([refuse_t[:, rows, rows], np.full((len(p), 1), np.inf)], axis=1)
    accept = _at(1 - batch.demand + c.carrot_t, p)[:, None]
    above = accept < first_out - _TIE
    strict = np.concatenate([np.zeros((len(p), 1), dtype=bool), accept >= marginal - _TIE], axis=1) & above
    index = np.where(strict, ks, -1)
    largest = np.maximum.accumulate(index[:, ::-1], axis=1)[:, ::-1]
    following = largest[:, np.minimum(rows + 1, n)]
    best = np.where(following > rows, following, rows)
    bad = (best == rows) & ~above[:, rows] & active[:, None]
    _fail(
        c,
        nodes,
        bad,
        lambda _, at: (
            f"no pure cutoff answers the committed demand at node (t={t}, "
            f"front={int(nodes.positions[at[0]]) - c.width // 2}, cutoff={at[1]}); split the atoms "
            "(mixing_steps, one game at a time) or change the design"
        ),
    )
    offer = np.where(best > rows, _at(batch.demand, p)[:, None], np.nan)
    return best, offer


def _skimming(
    c: _Chunk, nodes: _Nodes, refuse_t: np.ndarray, best: np.ndarray, active: np.ndarray | None, t: int
) -> None:
    """Single crossing at the nodes (``active``: at the nodes, or the (node, belief) pairs, it
    flags; every node when ``None``): R_T non-decreasing in the type from the cut-off on."""
    if c.n == 1:
        return
    n, N = c.n, len(best)
    # each entry against the next one in one flat comparison, then the pairs across two rows dropped
    entries = refuse_t.reshape(-1)
    falls = np.zeros(entries.size, dtype=bool)
    np.less(entries[1:], entries[:-1] - _TIE, out=falls[:-1])
    falls.reshape(N * n, n)[:, n - 1] = False
    if not falls.any():
        return
    drops = falls.reshape(N, n, n)[..., :-1]  # (N, belief, type pair)
    rows_of = (c.row_starts(N, n) + c.to_state[best]).ravel()
    relevant = drops.reshape(N * n, n - 1)[rows_of].reshape(N, n, n - 1)
    relevant &= np.arange(n - 1)[None, :] >= np.arange(n)[:, None]
    if active is not None:
        relevant &= active[:, None, None] if active.ndim == 1 else active[:, :, None]
    _fail(
        c,
        nodes,
        relevant,
        lambda _, at: (
            f"single crossing fails at node (t={t}, front={int(nodes.positions[at[0]]) - c.width // 2}, "
            f"cutoff={at[1]}): type {at[2] + 1} gains less from refusing than type {at[2]}"
        ),
    )


def _values(
    c: _Chunk,
    nodes: _Nodes,
    best: np.ndarray,
    offer: np.ndarray,
    refuse_c: np.ndarray,
    refuse_t: np.ndarray,
    committed: np.ndarray | None,
) -> tuple[np.ndarray, np.ndarray]:
    """C's value by belief (N, n) and T's by belief and type (N, n, n) after the moves
    (``committed``: the nodes whose demand is committed)."""
    n, p = c.n, nodes.point
    N = len(p)
    rows = np.arange(n)
    tails = _at(c.tails, p)[:, :n]
    at_cut = np.take(c.tails, c.row_starts(N, n + 1, p) + best)
    settled = tails - at_cut
    refuse_at_cut = np.take(refuse_c, c.row_starts(N, n + 1) + best)
    offered = best > rows  # elsewhere the offer is NaN (none is made) and the branch not taken
    value_c = np.where(
        offered,
        (settled * (offer - _at(c.carrot_c, p)[:, None]) + at_cut * refuse_at_cut) / tails,
        refuse_c[:, :n],
    )
    accept = np.where(offered, 1 - offer + _at(c.carrot_t, p)[:, None], -np.inf)
    if committed is not None:
        demanded = _at(1 - c.batch.demand + c.carrot_t, p)[:, None]
        accept = np.where(committed[:, None], demanded, accept)
    rows_of = (c.row_starts(N, n) + c.to_state[best]).ravel()
    gathered = _at(refuse_t.reshape(N * n, n), rows_of).reshape(N, n, n)  # R_T at each belief's cut-off
    return value_c, np.maximum(gathered, accept[..., None], out=gathered)


def _durable(
    c: _Chunk,
    nodes: _Nodes,
    t: int,
    refuse_c: np.ndarray,
    refuse_t: np.ndarray,
    committed: np.ndarray | None = None,
) -> Moves:
    """C's moves and the values at every node when settlements are ceasefires: take-it-or-leave-it
    offers, or the committed demand at the nodes where ``committed`` (the single-crossing
    check, and the committed demand's consistency, at every node)."""
    p = nodes.point
    d, share, base, weights, tails = (
        c.durability_at(p),
        nodes.share,
        _at(c.base, p),
        _at(c.f, p),
        _at(c.tails, p),
    )
    carrot = (_at(c.carrot_t, p), _at(c.carrot_c, p))
    if committed is None:
        moves = patient_moves(d, share, base, weights, tails, carrot, refuse_c, refuse_t)
    else:
        moves, bad = committed_moves(
            d,
            share,
            base,
            weights,
            tails,
            carrot,
            _at(c.batch.demand, p),
            refuse_c,
            refuse_t,
            active=committed,
        )
        bad &= committed[:, None]
        _fail(
            c,
            nodes,
            bad,
            lambda _, at: (
                f"no pure cutoff answers the committed demand at node (t={t}, "
                f"front={int(nodes.positions[at[0]]) - c.width // 2}, cutoff={at[1]}); change the design"
            ),
        )
    if moves.failure is not None:
        (node,), j, terms, accepting = moves.failure
        first = (int(p[node]), int(nodes.column(np.array([node]))[0]), j)
        types = [int(i) for i in np.flatnonzero(accepting) if i >= j]

        def message(point: int, at: tuple[int, ...]) -> str:
            where = f"node (t={t}, front={int(nodes.positions[at[0]]) - c.width // 2}, cutoff={at[1]})"
            if (point, at[0], at[1]) == first:
                return (
                    f"single crossing fails at {where}: at terms {terms:.6g} the types accepting are "
                    f"{types}, not the least resolute ones"
                )
            return f"single crossing fails at {where}: some terms are accepted by types that are not the least resolute"

        _fail(c, nodes, moves.failing, message)
    _skimming(c, nodes, refuse_t, moves.best, moves.best == np.arange(c.n), t)
    return moves

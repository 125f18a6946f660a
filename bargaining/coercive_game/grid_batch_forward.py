r"""The batched grid solver's forward pass: the equilibrium's outcome distribution at every point.

The types still fighting at a state with belief :math:`s` are the types from :math:`s` on, in
their prior proportions (every one of them has followed the same path), so the mass there is one
number :math:`q_s` times :math:`f_i [i \ge s]`: the pass moves :math:`q`, one number per
(strategy, belief, point, position), period by period at the period's nodes
(:class:`~bargaining.coercive_game.grid_batch_state._Nodes`; a point whose horizon has passed
holds its mass still), and the outcomes by type are cumulated as differences. Strategies solved
on the same chunk move together (a leading strategy axis), and the arrays are laid out belief
first, node last, so that what is per node (the odds, the decisive ends, the point's primitives)
is broadcast along long rows.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .grid_batch_state import _Chunk, _Nodes
from .grid_durability import ceasefire

#: One strategy's run: C's moves at every period (cut-offs and offers, belief by node) and the
#: values at t = 0 (C's, T's by type), and whether it is the ultimatum (its threat at the deadline).
_Run = tuple[list[tuple[np.ndarray, np.ndarray]], tuple[np.ndarray, np.ndarray], bool]


def _per_point(c: _Chunk, nodes: _Nodes, values: np.ndarray) -> np.ndarray:
    """The sums over each point's nodes of ``values`` (..., N): (..., P); the period has nodes."""
    result = np.zeros((*values.shape[:-1], c.P))
    result[..., nodes.present] = np.add.reduceat(values, nodes.starts, axis=-1)
    return result


def _broken(c: _Chunk, nodes: _Nodes, block: np.ndarray, cut: np.ndarray, offer: np.ndarray) -> np.ndarray:
    """The mass of the types i in [j, cut) settling from belief j whose ceasefire breaks, by type
    (one strategy; ``block``, ``cut`` and ``offer`` belief by node): (P, n)."""
    p, rows = nodes.point, np.arange(c.n)
    period = ceasefire(
        c.durability_at(p).expand(2),
        offer.T[..., None],
        nodes.share[:, None, None],
        np.take(c.base, p, axis=0)[:, None, :],
    )[2]
    among = (rows[None, :] >= rows[:, None]) & (rows[None, :] < cut.T[..., None])
    broken = np.einsum("jn,nji->in", block, (among & (period >= 0)).astype(float))
    result: np.ndarray = _per_point(c, nodes, broken).T * c.f
    return result


def _forward(c: _Chunk, runs: Sequence[_Run]) -> list[dict[str, np.ndarray]]:
    """Each run's outcomes at every point of the chunk (the fields of
    :class:`~bargaining.coercive_game.grid_batch.BatchSolution`, with a leading point axis)."""
    batch, n, P, W, S = c.batch, c.n, c.P, c.width, len(runs)
    theta = batch.true_odds
    steps = c.top + 1
    rows = np.arange(n)[:, None]
    tails_by_belief = np.ascontiguousarray(c.tails[:, :n].T)  # (n, P)
    flat_tails = c.tails.ravel()
    mass = np.zeros((S, n, P * W))
    start = W // 2 + (batch.start_front if batch.margin is not None else 0)
    mass[:, 0, np.arange(P) * W + start] = 1.0
    settled_by, decisive_by, length = (
        np.zeros((S, P, steps)),
        np.zeros((S, P, steps)),
        np.zeros((S, P, steps + 1)),
    )
    settled_steps, executed_steps = (
        np.zeros((S, P, n + 1)),
        np.zeros((S, P, n + 1)),
    )  # by type, as differences
    broken_type = np.zeros((S, P, n))
    backs_down, terms, settled_total, decisive = (
        np.zeros((S, P)),
        np.zeros((S, P)),
        np.zeros((S, P)),
        np.zeros((S, P)),
    )
    threat = [s for s, run in enumerate(runs) if run[2]]
    for t in range(steps):
        nodes = c.nodes(t)
        p, N = nodes.point, len(nodes.point)
        if not N:  # no front inside any margin at this period: no mass left to move
            settled_by[:, :, t], decisive_by[:, :, t] = settled_total, decisive
            continue
        block = np.take(mass, nodes.flat, axis=2)  # (S, n, N): q by belief
        cut = np.stack([run[0][t][0] for run in runs]).astype(np.intp)
        offer = np.stack([run[0][t][1] for run in runs])
        by_type = p * (n + 1) + cut  # each point's row of the tails, at the cut-off
        at_cut = np.take(flat_tails, by_type)
        node_tails = np.take(tails_by_belief, p, axis=1)  # (n, N)
        # per (strategy, node, belief): what settles, its terms, what ends decisively, what refuses
        # the ultimatum, the types settling; summed over each point's nodes and the beliefs
        sums = np.zeros((6, S, n, N))
        settled = np.multiply(block, node_tails - at_cut, out=sums[0])
        paid = np.where(settled > 0, offer, 0.0)  # no offer (NaN) where none settles
        np.multiply(paid, settled, out=sums[1])
        settling = np.multiply(block, cut > rows, out=sums[5])
        if c.durable:
            for s in range(S):
                broken_type[s] += _broken(c, nodes, block[s], cut[s], offer[s])
        going = np.where(cut < n, block, 0.0)  # the refusing types' q, to the belief cut
        index = ((np.arange(S)[:, None, None] * n + c.to_state[cut]) * N + np.arange(N)).ravel()
        moved = np.bincount(index, going.ravel(), S * n * N).reshape(S, n, N)
        mass[:, :, nodes.flat] = 0.0
        if batch.margin is None:
            mass[:, :, nodes.flat] = moved
        else:
            fighting = moved * node_tails
            win = np.take(theta, p)
            for column, step, chance, ends in ((2, 1, win, nodes.up), (3, -1, 1 - win, nodes.down)):
                np.multiply(chance * ends, fighting, out=sums[column])  # the decisive ends
                arriving = np.where(ends, 0.0, chance) * moved
                if step == 1:  # the positions a win reaches hold no mass yet
                    mass[:, :, nodes.flat + 1] = arriving
                else:
                    arriving += np.take(mass, nodes.flat - 1, axis=2)
                    mass[:, :, nodes.flat - 1] = arriving
        now = (batch.deadline == t) & (t <= c.H)
        deadline = bool(threat) and bool(now.any())
        if deadline:
            for s in threat:
                np.multiply(going[s], at_cut[s], out=sums[4, s])
        totals = _per_point(c, nodes, sums[:5].sum(axis=2))  # (5, S, P)
        settled_total += totals[0]
        length[:, :, t] += totals[0]
        terms += totals[1]
        decisive += totals[2]
        decisive += totals[3]
        length[:, :, t + 1] += totals[2]
        length[:, :, t + 1] += totals[3]
        settled_steps[:, :, :n] += np.moveaxis(_per_point(c, nodes, settling), 1, 2)
        shifted = (np.arange(S)[:, None, None] * P * (n + 1) + by_type).ravel()
        settled_steps -= np.bincount(shifted, settling.ravel(), S * P * (n + 1)).reshape(S, P, n + 1)
        if deadline:
            for s in threat:
                reached = np.bincount(by_type[s].ravel(), going[s].ravel(), P * (n + 1)).reshape(P, n + 1)
                executed_steps[s] += np.where(now, c.execution, 0.0)[:, None] * reached
                backs_down[s] += np.where(now, 1 - c.execution, 0.0) * totals[4, s]
        settled_by[:, :, t], decisive_by[:, :, t] = settled_total, decisive
    expected = np.where(settled_total == 0, np.nan, terms / np.where(settled_total == 0, 1.0, settled_total))
    settled_type = np.cumsum(settled_steps, axis=2)[:, :, :n]  # P(type i settles)
    executed_type = np.cumsum(executed_steps, axis=2)[:, :, :n]
    fighting_at_end = (mass.reshape(S, n, P, W) * tails_by_belief[None, :, :, None]).sum(axis=(1, 3))
    out = []
    for s, (_, (value_c, value_t), _) in enumerate(runs):
        out.append(
            {
                "settled_by": settled_by[s],
                "decisive_by": decisive_by[s],
                "threat_executed": (executed_type[s] * c.f).sum(axis=1),
                "coercer_backs_down": backs_down[s],
                "still_fighting": fighting_at_end[s],
                "length": length[s],
                "expected_terms": expected[s],
                "coercer_utility": value_c,
                "target_utility_by_type": value_t,
                "target_utility": (c.f * value_t).sum(axis=1),
                "settled_by_type": settled_type[s],
                "threat_executed_by_type": executed_type[s],
                "settlement_broken": broken_type[s].sum(axis=1),
                "settlement_broken_by_type": broken_type[s] / c.f,
            }
        )
    return out

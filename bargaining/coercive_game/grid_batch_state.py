"""The shared state of the batched grid solver: one chunk of points (:class:`_Chunk`), the
nodes of each period that exist in some point's game (:class:`_Nodes`: the points still at war,
at the fronts inside their margins), the threat stage, how a failing point is recorded, and the
per-point outputs' padding and subjectivity.

:mod:`~bargaining.coercive_game.grid_batch` runs the backward and forward passes on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .batch import GameBatch
from .grid_durability import Durability

_TIE = 1e-12


class _PointError(NotImplementedError):
    """A node of one point has no pure equilibrium move on the grid: the point's index in its
    chunk and the rest of the message."""

    def __init__(self, point: int, message: str) -> None:
        super().__init__(message)
        self.point, self.message = point, message


def _fail(c: Any, nodes: _Nodes, bad: np.ndarray, message: Any) -> None:
    """Points with a node where the grid has no pure equilibrium move: raise for the first, or,
    when the chunk records failures, note each point's first (``message(p, index)`` names the
    node from the point's first failing index: the front's column among the period's positions,
    then the trailing indices of ``bad``, whose leading axis is the nodes') and go on."""
    found = np.argwhere(bad)
    if not len(found):
        return
    points, columns = nodes.point[found[:, 0]], nodes.column(found[:, 0])

    def at(row: int) -> tuple[int, ...]:
        return (int(columns[row]), *(int(v) for v in found[row, 1:]))

    if c.failed is None:
        raise _PointError(int(points[0]), message(int(points[0]), at(0)))
    # the nodes run point by point, so each point's first row is its first failure
    unique, starts = np.unique(points, return_index=True)
    for p, start in zip(unique, starts, strict=True):
        c.failed.setdefault(int(p), message(int(p), at(int(start))))


class _AllFailedError(Exception):
    """Every point of a chunk has failed (recorded): the rest of its passes would be wasted."""


def _fronts(batch: GameBatch, t: int, width: int) -> np.ndarray:
    """The positions (front + the largest margin) of the fronts reachable at period ``t``."""
    if batch.margin is None:
        return np.zeros(1, dtype=np.intp)
    m0, top = batch.start_front, width // 2
    fronts = np.arange(m0 - t, m0 + t + 1, 2)
    return (fronts[(fronts > -top) & (fronts < top)] + top).astype(np.intp)


@dataclass(frozen=True)
class _Nodes:
    """The nodes of one period that exist in some point's game, point by point, front by front:
    every (point, reachable front) with the period within the point's horizon and the front
    inside its margin. The passes compute at these nodes only (a point's values and mass
    elsewhere are never read with a non-zero weight), one row each.

    ``point`` is each node's point, ``flat`` its row in the (point, position) arrays of width
    ``width`` that hold the values (backward) and the mass (forward); ``up`` and ``down`` flag the
    nodes where a won or a lost battle is the decisive end; ``share`` is C's flow share there and
    ``odds_c``, ``odds_t`` each side's predictive odds of winning the period's battle; the points
    with nodes are ``present`` and their first nodes' rows ``starts``.
    """

    positions: np.ndarray
    width: int
    point: np.ndarray
    flat: np.ndarray
    up: np.ndarray
    down: np.ndarray
    share: np.ndarray
    odds_c: np.ndarray
    odds_t: np.ndarray
    present: np.ndarray
    starts: np.ndarray

    def column(self, rows: np.ndarray) -> np.ndarray:
        """The nodes' fronts as columns of ``positions`` (the front axis of a full (point, front) array)."""
        at = self.flat[rows] - self.point[rows] * self.width
        result: np.ndarray = np.searchsorted(self.positions, at)
        return result


class _Chunk:
    """One chunk of points: the arrays every pass shares."""

    def __init__(self, batch: GameBatch) -> None:
        self.batch = batch
        n = self.n = batch.types
        self.P = batch.points
        self.H = batch.horizon
        self.top = int(batch.horizon.max())
        self.width = 1 if batch.margin is None else 2 * int(batch.margin.max()) + 1
        self.delta = batch.discount
        self.f = batch.type_weights
        self.tails = np.concatenate(
            [np.cumsum(self.f[:, ::-1], axis=1)[:, ::-1], np.zeros((self.P, 1))], axis=1
        )
        self.base = batch.target_cost[:, None] + batch.target_cost_resolve[:, None] * (1 - batch.resolve)
        self.losses = batch.threat_loss[:, None] * (1 - batch.resolve)
        self.carrot_t = batch.carrot_credibility * batch.carrot
        self.carrot_c = batch.carrot_efficiency * batch.carrot_credibility * batch.carrot
        self.to_state = np.minimum(np.arange(n + 1), n - 1)
        self.rest = 1 - self.delta
        self.ones = np.ones(n)
        self.inverse_tails_by_belief = np.ascontiguousarray((1.0 / self.tails[:, :n]).T)  # (n, P)
        self.execution, self.threat_value = _threat(batch)
        self.durable = batch.self_enforcing
        self.failed: dict[int, str] | None = None  # None: a failing node raises
        self._nodes: dict[int, _Nodes] = {}
        # each prior's (known odds, alpha, alpha + beta) by point, for the odds at the nodes
        self._priors: list[tuple[np.ndarray, np.ndarray, np.ndarray] | None] = []
        for prior in (batch.prior_coercer, batch.prior_target):
            if prior is None:
                self._priors.append(None)
                continue
            known = np.isnan(prior[:, 0])
            alpha, beta = np.where(known, 1.0, prior[:, 0]), np.where(known, 1.0, prior[:, 1])
            self._priors.append((known, alpha, alpha + beta))

        def floats(value: Any) -> np.ndarray:
            result: np.ndarray = np.asarray(value, dtype=float)
            return result

        shifts = () if batch.rearmament is None else tuple(floats(v) for v in batch.rearmament.T)
        self.durability = Durability(
            floats(self.delta),
            floats(batch.cost_coercer),
            floats(batch.renege_gain_coercer - batch.guarantee),
            floats(batch.renege_gain_target - batch.guarantee),
            shifts,
        )

    @staticmethod
    def row_starts(count: int, width: int, rows: np.ndarray | None = None) -> np.ndarray:
        """The first flat index of each row (``rows``, or the first ``count``) of a (rows, ``width``) array, as a column."""
        starts: np.ndarray = (np.arange(count) if rows is None else rows)[:, None] * width
        return starts

    def durability_at(self, points: np.ndarray) -> Durability:
        """The ceasefire's primitives at each node of ``points``."""
        d = self.durability
        return Durability(
            d.delta[points],
            d.cost_coercer[points],
            d.gain_coercer[points],
            d.gain_target[points],
            tuple(v[points] for v in d.shifts),
        )

    def nodes(self, t: int) -> _Nodes:
        """The nodes of period ``t`` (computed once per chunk: every pass reads them)."""
        if t not in self._nodes:
            positions = _fronts(self.batch, t, self.width)
            point, column = np.nonzero(_active(self, t, positions))
            point = point.astype(np.intp)
            starts = np.flatnonzero(np.diff(point, prepend=-1))  # each point's first node
            fronts = positions[column] - self.width // 2
            theta = self.batch.true_odds[point]
            if self.batch.margin is None:
                up = down = np.zeros(len(point), dtype=bool)
                odds_c = odds_t = theta
                share = self.batch.power[point]
            else:
                margin = self.batch.margin[point]
                up, down = fronts + 1 >= margin, fronts - 1 <= -margin
                odds_c, odds_t = self.odds(0, point, fronts, t), self.odds(1, point, fronts, t)
                real = margin.astype(float)
                share = (fronts.astype(float) + real) / (2 * real)
            self._nodes[t] = _Nodes(
                positions=positions,
                width=self.width,
                point=point,
                flat=point * self.width + positions[column],
                up=up,
                down=down,
                share=share,
                odds_c=odds_c,
                odds_t=odds_t,
                present=point[starts],
                starts=starts,
            )
        return self._nodes[t]

    def share(self, positions: np.ndarray) -> np.ndarray:
        """C's flow share at each point and front position, shape (P, F)."""
        batch = self.batch
        if batch.margin is None:
            return np.broadcast_to(batch.power[:, None], (self.P, len(positions)))
        fronts = (positions - self.width // 2).astype(float)
        margin = batch.margin.astype(float)[:, None]
        result: np.ndarray = (fronts[None, :] + margin) / (2 * margin)
        return result

    def odds(self, side: int, points: np.ndarray, fronts: np.ndarray, t: int) -> np.ndarray:
        """C's (``side`` 0) or T's (1) predictive odds of winning the period's battle at nodes
        (their points and fronts)."""
        theta: np.ndarray = self.batch.true_odds[points]
        prior = self._priors[side]
        if prior is None:
            return theta
        known, alpha, total = (np.take(v, points) for v in prior)
        wins = (fronts + t - self.batch.start_front) // 2
        result: np.ndarray = np.where(known, theta, (alpha + wins) / (total + t))
        return result

    def forever(self, t: int, gamma: np.ndarray, points: Any = slice(None)) -> tuple[np.ndarray, np.ndarray]:
        """The frozen war from period ``t`` at every front of ``points``: C's (p, W, n) and T's
        (p, W, n, n)."""
        n, delta, batch = self.n, self.delta[points], self.batch
        later = (t + delta / (1 - delta))[:, None]
        share = self.share(np.arange(self.width))[points]
        coercer = share - batch.cost_coercer[points, None] - (batch.screw_cost * gamma)[points, None] * later
        target = (
            1 - share[:, :, None] - self.base[points, None, :] - (gamma[points, None] * later)[:, :, None]
        )
        return (
            np.repeat(coercer[:, :, None], n, axis=2),
            np.repeat(target[:, :, None, :], n, axis=2),
        )


def _threat(batch: GameBatch) -> tuple[np.ndarray, np.ndarray]:
    """``CoerciveGame._threat`` at every point: (e, C's expected value of the threat stage)."""
    low, high = batch.execution_low, batch.execution_high
    a, rho = batch.audience_cost, batch.schelling_risk
    mean = (low + high) / 2
    point = high == low
    spread = np.where(point, 1.0, high - low)
    cut = np.minimum(np.maximum(-a, low), high)
    executes = np.where(point, np.where(low >= -a, 1.0, 0.0), (high - cut) / spread)
    kept = np.where(point, low * executes, (high * high - cut * cut) / (2 * spread))
    chosen = kept - a * (1 - executes)
    return rho + (1 - rho) * executes, rho * mean + (1 - rho) * chosen


def _active(c: _Chunk, t: int, positions: np.ndarray) -> np.ndarray:
    """(P, F): the nodes that exist in each point's own game (within its horizon and margin)."""
    within = (t <= c.H)[:, None]
    if c.batch.margin is None:
        return np.broadcast_to(within, (c.P, len(positions)))
    fronts = np.abs(positions - c.width // 2)
    result: np.ndarray = within & (fronts[None, :] < c.batch.margin[:, None])
    return result


def _padded(values: np.ndarray, key: str, batch: GameBatch) -> np.ndarray:
    """A chunk's per-period columns up to the whole batch's largest horizon (constant after a
    point's horizon; no war ends after it)."""
    columns = int(batch.horizon.max()) + 1 + (key == "length")
    if key not in ("settled_by", "decisive_by", "length") or values.shape[1] == columns:
        return values
    extra = columns - values.shape[1]
    fill = np.zeros((len(values), extra)) if key == "length" else np.repeat(values[:, -1:], extra, axis=1)
    return np.concatenate([values, fill], axis=1)


def _subjective(batch: GameBatch) -> np.ndarray:
    """Whether the two priors over the battle odds differ at each point (a NaN row: the odds known)."""
    rows = []
    for prior in (batch.prior_coercer, batch.prior_target):
        rows.append(np.full((batch.points, 2), np.nan) if prior is None else prior)
    coercer, target = rows
    known_c, known_t = np.isnan(coercer[:, 0]), np.isnan(target[:, 0])
    differ = np.any(np.nan_to_num(coercer, nan=-1.0) != np.nan_to_num(target, nan=-1.0), axis=1)
    result: np.ndarray = np.where(known_c & known_t, False, np.where(known_c ^ known_t, True, differ))
    return result

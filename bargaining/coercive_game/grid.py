r"""Vectorised backward induction of the coercive bargaining game on a grid of types.

The same equilibrium as :mod:`bargaining.coercive_game.exact`, in floats, with no Python loop
per type or per cut-off: at each period :math:`t` and front :math:`m` the refusal values
:math:`R_T(i; k)` of every type :math:`i` under every belief :math:`k` form one
:math:`(n+1) \times n` array, C's value of every (belief, cut-off) pair one
:math:`n \times (n+1)` array, and the move is an ``argmax`` (ties, within ``1e-12``, to the
largest cut-off). The cost is :math:`O(H M n^2)` array operations; the loops are over
:math:`t` and :math:`m` only.

A continuous type distribution is represented by its quantile grid: :func:`quantile_types` puts
:math:`n` equally likely types at the quantiles :math:`(i + 1/2)/n`. The grid is exact for a
discrete prior, and for a continuous one its error shrinks as the grid grows (the explanation
page reports it against the closed forms of `RiskReturn` and `CoaseTwoPeriod`). By default C's
cut-off is searched on the grid (each type an atom), so the values err by :math:`O(1/n)`. With
``continuous=True`` each type stands for its cell of quantiles and C's cut-off is refined inside
the cells: the marginal type's refusal value and C's refusal value are interpolated linearly in
the cut-off, C's value is then quadratic in it on each cell and maximised there in closed form,
and a refusal at a cut-off inside a cell leads to the two neighbouring beliefs with the
interpolation's weights; the values then err by :math:`O(1/n^2)` (the committed demand of an
ultimatum is not refined).

At atoms C's cut-off stays between them; :mod:`~bargaining.coercive_game.grid_atoms` checks at
every node that this is the exact equilibrium, in which the marginal type may mix inside an atom,
and :func:`solve_grid` hands a game it cannot vouch for to the exact solver or says where. The
infinite-horizon limit is :func:`~bargaining.coercive_game.grid_limit.infinite_horizon`.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..core.errors import ParameterTypeError, ParameterValueError
from .exact import _Solver
from .grid_atoms import NO_PURE, AtomFailure, committed_check, least_work, patient_check, unvouched
from .grid_durability import (
    Durability,
    Renewal,
    ceasefire,
    committed_moves,
    patient_moves,
    single_crossing_error,
)
from .grid_inputs import _as_float, quantile_types
from .model import CoerciveGame, UltimatumDesign
from .results import GameSolution

__all__ = ["quantile_types", "solve_grid", "solve_strategies"]

_TIE = 1e-12
_CHECK = 1e-11  # the tolerance of the atoms' check on unnormalised values (near-ties fail it)


class _Grid(_Solver):
    """The float solver: the exact solver's set-up, array arithmetic in the passes."""

    def arrays(self, continuous: bool = False, check: bool = False) -> None:
        self.continuous = continuous
        self.check = check and not continuous and not self.typed and self.steps == 1
        self.f = np.array([float(w) for w in self.weights])
        self.tails = np.concatenate([np.cumsum(self.f[::-1])[::-1], [0.0]])
        self.base = np.array([float(c) for c in self.base_cost])
        self.losses = np.array([float(v) for v in self.loss])
        self.to_state = np.minimum(np.arange(self.n + 1), self.n - 1)
        ks, rows = np.arange(self.n + 1), np.arange(self.n)
        self.above_diagonal = np.where(ks[None, :] > rows[:, None], 0.0, -np.inf)  # k > j
        game = self.game
        self.durability: Durability | Renewal = (
            Durability(
                float(game.discount),
                float(game.cost_coercer),
                float(game.renege_gain_coercer - game.guarantee),
                float(game.renege_gain_target - game.guarantee),
                tuple(float(v) for v in game.rearmament or ()),
            )
            if self.durable
            else Renewal(float(game.discount), float(game.assurance), float(game.cost_coercer))
        )

    def cost(self) -> int:
        """A lower bound on the exact solver's work on this game (:func:`~.grid_atoms.least_work`)."""
        return least_work(self.game.types, self.fronts, self.game.horizon)

    def _odds(self, prior: Any, wins: int, t: int) -> float:
        if prior is None:
            return float(self.game.true_odds)
        return float((prior[0] + wins) / (prior[0] + prior[1] + t))

    def _after(self, moved: int, later: dict[int, tuple[Any, Any, Any]]) -> tuple[Any, Any, Any]:
        """C's and T's values at ``moved`` next period, by C's belief, and T's inside each atom
        (scalars at a decisive end)."""
        margin = self.game.margin
        if margin is not None and moved >= margin:
            return 1.0, 0.0, 0.0
        if margin is not None and moved <= -margin:
            return 0.0, 1.0, 1.0
        return later[moved]

    def grid_backward(self, keep: int = -1, start: tuple[Any, ...] | None = None) -> None:
        """C's moves and the values, backward from H (or from ``start``: a period, the values
        after it and the moves already found there); the values after period ``keep`` are kept."""
        game, n = self.game, self.n
        delta = float(game.discount)
        carrot_t, carrot_c = float(self.carrot_target), float(self.carrot_coercer)
        gamma, eta = float(self.gamma), float(game.screw_cost)
        later: dict[int, tuple[Any, Any, Any]] = {}
        self.failures: list[AtomFailure] = []
        self.moves: dict[tuple[int, int], np.ndarray] = {}
        self.offers: dict[tuple[int, int], np.ndarray] = {}
        self.shares: dict[
            tuple[int, int], np.ndarray
        ] = {}  # the part of the cell below the cut-off that settles
        first = game.horizon
        if start is None:
            for m in self.fronts[game.horizon + 1]:
                coercer, target = self._forever(game.horizon + 1, m)
                frozen = np.tile(np.array([float(v) for v in target]), (n, 1))
                later[m] = (np.full(n, float(coercer)), frozen, frozen)
        else:
            first, later, moves, offers, shares = start
            self.moves.update(moves)
            self.offers.update(offers)
            self.shares.update(shares)
        rows = np.arange(n)
        for t in range(first, -1, -1):
            if t == keep:
                self.kept = later
            now: dict[int, tuple[Any, Any, Any]] = {}
            for m in self.fronts[t]:
                battles = self._battles(t)  # none in the status-quo periods of a crisis
                calm = t <= self.calm_until
                wins = (m + battles - game.start_front) // 2
                if calm:  # a crisis before the deadline: the status quo, no costs, no battle
                    share = float(game.status_quo)
                    flow_c, flow_t = (1 - delta) * share, (1 - delta) * (1 - share) + 0 * self.base
                else:
                    share = float(game.share(m))
                    flow_c = (1 - delta) * (share - float(game.cost_coercer) - eta * gamma * t)
                    flow_t = (1 - delta) * (1 - share - self.base - gamma * t)
                if t == self.deadline:
                    flow_c += float(self.threat_value)
                    flow_t = flow_t - float(self.execution) * self.losses
                if game.margin is None or calm:
                    after_c, after_t, after_in = self._after(m, later)
                    cont_c = flow_c + delta * after_c
                    cont_t = delta * after_t + flow_t
                    cont_in = delta * after_in + flow_t if self.check else cont_t
                else:
                    p_c = self._odds(game.prior_coercer, wins, battles)
                    p_t = self._odds(game.prior_target, wins, battles)
                    up_c, up_t, up_in = self._after(m + 1, later)
                    dn_c, dn_t, dn_in = self._after(m - 1, later)
                    cont_c = flow_c + delta * (p_c * up_c + (1 - p_c) * dn_c)
                    cont_t = np.multiply(delta * p_t, up_t, out=np.empty((n, n)))
                    cont_t += delta * (1 - p_t) * dn_t
                    cont_t += flow_t
                    cont_in = cont_t
                    if self.check:  # T's refusal values into the interior of each atom
                        cont_in = delta * p_t * up_in + delta * (1 - p_t) * dn_in + flow_t
                        cont_in = np.broadcast_to(cont_in, (n, n))
                # by C's belief s after a refusal (s = n - 1 also stands for "every type settled")
                refuse_c = np.broadcast_to(cont_c, (n,))[self.to_state]  # by k = 0..n
                refuse_t = cont_t  # (n, n): row s = belief, column i = type
                if self.typed:
                    now[m] = (
                        *self._durable_node(t, m, share, refuse_c, refuse_t, (carrot_t, carrot_c)),
                        None,
                    )
                    continue
                if self.continuous and t > self.deadline:
                    cut, offer, part = self._refined_moves(t, m, refuse_c, refuse_t, carrot_t, carrot_c)
                    self.moves[(t, m)], self.offers[(t, m)], self.shares[(t, m)] = cut, offer, part
                    now[m] = (
                        *self._refined_values(rows, cut, offer, part, refuse_c, refuse_t, carrot_t, carrot_c),
                        None,
                    )
                    continue
                cut, offer = self._grid_moves(t, m, refuse_c, refuse_t, carrot_t, carrot_c)
                self.moves[(t, m)], self.offers[(t, m)] = cut, offer
                settled = self.tails[rows] - self.tails[cut]
                value_c = np.where(
                    cut > rows,
                    (settled * (np.nan_to_num(offer) - carrot_c) + self.tails[cut] * refuse_c[cut])
                    / self.tails[rows],
                    refuse_c[rows],
                )
                if t <= self.deadline:  # the committed demand stands for every type, even below the cutoff
                    accept = np.full(n, 1 - float(self.demand) - float(self.vagueness) + carrot_t)
                else:
                    accept = np.where(np.isnan(offer), -np.inf, 1 - offer + carrot_t)
                value_t = np.maximum(refuse_t[self.to_state[cut]], accept[:, None])
                inner = None
                if self.check:
                    inner = self._atom_check(t, m, refuse_c, refuse_t, cont_in, cut, value_c, value_t)
                now[m] = (value_c, value_t, inner)
            later = now
        self.initial_grid = later[game.start_front][:2]
        if keep == -1:
            self.kept = later

    def _atom_check(
        self,
        t: int,
        m: int,
        refuse_c: np.ndarray,
        refuse_t: np.ndarray,
        inner_t: np.ndarray,
        cut: np.ndarray,
        value_c: np.ndarray,
        value_t: np.ndarray,
    ) -> np.ndarray:
        """:mod:`~bargaining.coercive_game.grid_atoms`' check at one node: T's values inside each
        atom; a node where pure cut-offs may not be the equilibrium is recorded in ``failures``."""
        carrot_t, carrot_c = float(self.carrot_target), float(self.carrot_coercer)
        if t <= self.deadline:
            accept = 1 - float(self.demand) - float(self.vagueness) + carrot_t  # it concedes x + sigma
            inner, atom, rule = committed_check(accept, inner_t, cut, value_t, _CHECK)
        else:
            moves = (cut, *self.candidates)
            inner, atom, rule = patient_check(
                t, self.tails, refuse_c, inner_t, moves, value_c, value_t, carrot_t, carrot_c, _CHECK
            )
        if atom is not None:
            self.failures.append(AtomFailure(t, m, atom, rule))
        return inner

    def _durable_node(
        self,
        t: int,
        m: int,
        share: float,
        refuse_c: np.ndarray,
        refuse_t: np.ndarray,
        carrot: tuple[float, float],
    ) -> tuple[np.ndarray, np.ndarray]:
        """C's moves and the values at a node when the value of settling depends on the type
        (self-enforcing ceasefires or renewed demands, :mod:`~bargaining.coercive_game.grid_durability`),
        with §9's single-crossing check."""
        args = (self.durability, np.asarray(share), self.base, self.f, self.tails, carrot)
        if t <= self.deadline:
            moves, bad = committed_moves(*args, float(self.demand), refuse_c, refuse_t)
            if bad.any():
                raise NotImplementedError(
                    f"no pure cutoff answers the committed demand at node (t={t}, front={m}, "
                    f"cutoff={int(np.argmax(bad))}); split the atoms (mixing_steps) or change the design"
                )
        else:
            moves = patient_moves(*args, refuse_c, refuse_t)
        if moves.failure is not None:
            _, j, terms, accepting = moves.failure
            atoms = np.zeros(self.game.types, dtype=bool)
            atoms[[self.atom[i] for i in np.flatnonzero(accepting) if i >= j]] = True
            raise single_crossing_error(t, m, j, terms, atoms)
        self._grid_skimming(t, m, refuse_t, moves.best, only=moves.best == np.arange(self.n))
        self.moves[(t, m)], self.offers[(t, m)] = moves.best, moves.offer
        return moves.value_c, moves.value_t

    def _grid_moves(
        self, t: int, m: int, refuse_c: np.ndarray, refuse_t: np.ndarray, carrot_t: float, carrot_c: float
    ) -> tuple[np.ndarray, np.ndarray]:
        n = self.n
        rows, ks = np.arange(n), np.arange(n + 1)
        marginal = np.concatenate([[0.0], refuse_t[self.to_state[ks[1:]], ks[1:] - 1]])  # R_T(k - 1; k)
        first_out = np.concatenate([refuse_t[rows, rows], [np.inf]])  # R_T(k; k)
        if t <= self.deadline:
            accept = 1 - float(self.demand) - float(self.vagueness) + carrot_t  # it concedes x + sigma
            above = accept < first_out - _TIE
            strict = np.concatenate([[False], accept >= marginal[1:] - _TIE]) & above
            index = np.where(strict, ks, -1)
            largest = np.maximum.accumulate(index[::-1])[::-1]  # largest strict k >= position
            best = np.where(largest[np.minimum(rows + 1, n)] > rows, largest[np.minimum(rows + 1, n)], rows)
            bad = (best == rows) & ~above[rows]
            if bad.any():
                j = int(np.argmax(bad))
                if self.check:  # the exact solver randomises there: its answer, or the named node
                    self.failures.append(AtomFailure(t, m, j, NO_PURE))
                else:
                    raise NotImplementedError(
                        f"no pure cutoff answers the committed demand at node (t={t}, front={m}, cutoff={j}); "
                        "split the atoms (mixing_steps) or change the design"
                    )
            offer = np.where(best > rows, float(self.demand), np.nan)
            self._grid_skimming(t, m, refuse_t, best)
            return best, offer
        raw = 1 + carrot_t - marginal
        offer_k = np.minimum(raw, 1.0)
        valid = (raw >= 0) & ((raw <= 1) | (1 - offer_k + carrot_t < first_out - _TIE))
        valid[0] = False
        self.candidates = (offer_k, valid)
        # value[j, k] = (F_j - F_k)(x_k - kappa q s) + F_k R_C(k), over F_j, = a_k + b_k / F_j
        slope = self.tails * (refuse_c - offer_k + carrot_c)
        values = np.multiply.outer(1.0 / self.tails[:n], slope)
        values += np.where(valid, offer_k - carrot_c, -np.inf)
        values += self.above_diagonal
        values[rows, rows] = refuse_c[:n]
        top = values.max(axis=1)
        near = values >= (top - _TIE * np.maximum(1.0, np.abs(top)))[:, None]
        best = n - np.argmax(near[:, ::-1], axis=1)  # the largest cut-off among the near-ties
        offer = np.where(best > rows, offer_k[best], np.nan)
        self._grid_skimming(t, m, refuse_t, best)
        return best, offer

    def _refined_moves(
        self, t: int, m: int, refuse_c: np.ndarray, refuse_t: np.ndarray, carrot_t: float, carrot_c: float
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        r"""C's cut-off off the grid when the types are the cells of a continuous prior.

        A cut-off :math:`c = k - 1 + \lambda` (in cells, :math:`0 \le \lambda \le 1`) settles the
        cells below :math:`k - 1` and the part :math:`\lambda` of cell :math:`k - 1`; a refusal leads
        to belief :math:`k - 1` with probability :math:`1 - \lambda` and to :math:`k` with
        :math:`\lambda` (each with its types in their prior proportions), so C's refusal value is
        :math:`(1 - \lambda) F_{k-1} R_C(k-1) + \lambda F_k R_C(k)`. The offer leaves the type at
        :math:`c` indifferent, its value :math:`g` interpolated between the boundary types (each the
        mean of its two neighbouring midpoints at its own belief, extrapolated at both ends), so C's
        value is quadratic in :math:`\lambda` on each cell: its maximum is the vertex or an end of the
        interval where the offer lies in :math:`[0, 1]`. Ties go to the largest cut-off.
        """
        n, f, tails = self.n, self.f, self.tails
        ks = np.arange(1, n)
        g = np.empty(n + 1)
        g[1:n] = (refuse_t[ks, ks - 1] + refuse_t[ks, ks]) / 2
        g[0] = 1.5 * refuse_t[0, 0] - 0.5 * refuse_t[0, 1]
        g[n] = 1.5 * refuse_t[n - 1, n - 1] - 0.5 * refuse_t[n - 1, n - 2]
        mass_value = tails * refuse_c  # F_k R_C(k), k = 0..n
        low_g, step = g[:-1], np.diff(g)  # by cell kk = k - 1
        base = 1 + carrot_t - carrot_c - low_g
        start = tails[:n, None] - tails[None, :n]  # (j, kk): the mass settled before cell kk
        linear = f * base - start * step + np.diff(mass_value)
        curve = -f * step  # the coefficient of lambda^2

        def value(lam: np.ndarray) -> np.ndarray:
            result: np.ndarray = (start * base + mass_value[:n] + lam * linear + lam * lam * curve) / tails[
                :n, None
            ]
            return result

        # the offer 1 + qs - g(kk) - lam * step lies in [0, 1]
        with np.errstate(divide="ignore", invalid="ignore"):
            to_cap, to_zero = (carrot_t - low_g) / step, (1 + carrot_t - low_g) / step
            vertex = np.where(curve < 0, linear / (2 * f * step), np.nan)
        flat = step == 0
        ok_flat = (low_g >= carrot_t) & (low_g <= 1 + carrot_t)
        lo = np.where(flat, np.where(ok_flat, 0.0, np.inf), np.where(step > 0, to_cap, to_zero))
        hi = np.where(flat, np.where(ok_flat, 1.0, -np.inf), np.where(step > 0, to_zero, to_cap))
        lo, hi = np.maximum(lo, 0.0), np.minimum(hi, 1.0)
        feasible = (lo <= hi)[None, :] & (np.arange(n)[None, :] >= np.arange(n)[:, None])
        lo_b, hi_b = np.broadcast_to(lo, (n, n)), np.broadcast_to(hi, (n, n))
        inner = np.clip(np.nan_to_num(np.broadcast_to(vertex, (n, n)), nan=-1.0), lo_b, hi_b)
        candidates = np.stack([lo_b, inner, hi_b])  # (3, j, kk)
        values = np.where(feasible, value(candidates), -np.inf)
        positions = np.arange(n)[None, None, :] + candidates
        rows = np.arange(n)
        # every type settles at the whole stake when even the top type prefers it to refusing
        everyone = np.where(g[n] <= carrot_t, 1 - carrot_c, -np.inf) * np.ones(n)
        none = refuse_c[:n]
        flat_values = np.concatenate(
            [values.reshape(3, n, n).transpose(1, 0, 2).reshape(n, 3 * n), everyone[:, None], none[:, None]],
            axis=1,
        )
        flat_positions = np.concatenate(
            [
                positions.transpose(1, 0, 2).reshape(n, 3 * n),
                np.full((n, 1), float(n)),
                rows[:, None].astype(float),
            ],
            axis=1,
        )
        top = flat_values.max(axis=1)
        near = flat_values >= (top - _TIE * np.maximum(1.0, np.abs(top)))[:, None]
        pick = np.argmax(np.where(near, flat_positions, -1.0), axis=1)
        position = flat_positions[rows, pick]
        cell = np.minimum(np.floor(position + 1e-12).astype(int), n)
        share = position - cell
        whole = share <= 1e-12  # a cut-off on a boundary: that cell settles whole
        cut = np.where(whole, cell, cell + 1)
        share = np.where(whole, 1.0, share)
        offer = np.where(
            cut > rows, 1 + carrot_t - (g[cut - 1] + share * (g[np.minimum(cut, n)] - g[cut - 1])), np.nan
        )
        offer = np.where(pick == 3 * n, 1.0, offer)
        self._grid_skimming(t, m, refuse_t, cut)
        return cut, offer, share

    def _refined_values(
        self,
        rows: np.ndarray,
        cut: np.ndarray,
        offer: np.ndarray,
        share: np.ndarray,
        refuse_c: np.ndarray,
        refuse_t: np.ndarray,
        carrot_t: float,
        carrot_c: float,
    ) -> tuple[np.ndarray, np.ndarray]:
        """C's and each type's values at every belief after the refined moves (see `_refined_moves`)."""
        tails, below = self.tails, np.maximum(cut - 1, 0)
        rest = 1 - share
        settled = tails[rows] - tails[cut] - rest * self.f[below]
        refusal = rest * tails[below] * refuse_c[below] + share * tails[cut] * refuse_c[cut]
        value_c = np.where(
            cut > rows, (settled * (np.nan_to_num(offer) - carrot_c) + refusal) / tails[rows], refuse_c[rows]
        )
        refuse = (
            rest[:, None] * refuse_t[self.to_state[below]] + share[:, None] * refuse_t[self.to_state[cut]]
        )
        partial = (rest > 0) & (cut > rows)  # the cell split by the cut-off refuses to belief cut - 1 only
        refuse[rows[partial], below[partial]] = refuse_t[self.to_state[below[partial]], below[partial]]
        accept = np.where(np.isnan(offer), -np.inf, 1 - offer + carrot_t)
        return value_c, np.maximum(refuse, accept[:, None])

    def _grid_skimming(
        self, t: int, m: int, refuse_t: np.ndarray, best: np.ndarray, only: np.ndarray | None = None
    ) -> None:
        """Single crossing: R_T non-decreasing in the type from each belief on (at the beliefs
        ``only``, by default all)."""
        if not (refuse_t[:, 1:] < refuse_t[:, :-1] - _TIE).any():
            return
        drops = np.diff(refuse_t, axis=1) < -_TIE  # (n, n - 1): R_T(i + 1; s) < R_T(i; s)
        chosen = drops[self.to_state[best]]  # (n, n - 1), row j
        relevant = chosen & (np.arange(self.n - 1)[None, :] >= np.arange(self.n)[:, None])
        if only is not None:
            relevant &= only[:, None]
        if relevant.any():
            j, i = (int(v) for v in np.argwhere(relevant)[0])
            raise NotImplementedError(
                f"single crossing fails at node (t={t}, front={m}, cutoff={j}): type {self.atom[i + 1]} "
                f"gains less from refusing than type {self.atom[i]}"
            )

    def grid_forward(self) -> GameSolution:
        game, n = self.game, self.n
        theta = float(game.true_odds)
        steps = game.horizon + 1
        mass: dict[int, np.ndarray] = {game.start_front: np.zeros((n, n))}
        mass[game.start_front][0] = self.f
        lower = np.arange(n)[None, :] < np.arange(n + 1)[:, None]  # lower[k, i] = i < k
        settled_by, decisive_by = np.zeros(steps), np.zeros(steps)
        length = np.zeros(steps + 1)
        settled_type, executed_type, broken_type = np.zeros(n), np.zeros(n), np.zeros(n)
        renewed_type = np.zeros(n)
        backs_down = terms = settled_total = decisive = 0.0
        execution = float(self.execution)
        for t in range(steps):
            after: dict[int, np.ndarray] = {}
            for m, full in mass.items():
                active = np.flatnonzero(full.any(axis=1))  # the beliefs C can hold here
                block = full[active]
                cut, offer = self.moves[(t, m)][active], self.offers[(t, m)][active]
                share = self.shares[(t, m)][active] if (t, m) in self.shares else np.ones(len(active))
                accepted = block * lower[cut]  # rows j: the types below C's cut-off settle
                split = np.flatnonzero((share < 1) & (cut > active))  # part of cell cut - 1 refuses
                accepted[split, cut[split] - 1] *= share[split]
                per_row = accepted.sum(axis=1)
                settled_type += accepted.sum(axis=0)
                if isinstance(self.durability, Durability) and self.durable:  # P(it breaks) here
                    period = ceasefire(self.durability, offer[:, None], float(game.share(m)), self.base)[2]
                    broken_type += (accepted * (period >= 0)).sum(axis=0)
                elif self.renewed:  # C's aims drawn unlimited at the first compliance
                    renewed_type += (1 - float(game.assurance)) * accepted.sum(axis=0)
                settled_total += per_row.sum()
                length[self._battles(t)] += per_row.sum()
                terms += float(np.nansum(np.where(per_row > 0, offer, 0.0) * per_row))
                refusing = block - accepted
                if t == self.deadline:
                    executed_type += execution * refusing.sum(axis=0)
                    backs_down += (1 - execution) * refusing.sum()
                moved = np.zeros((n, n))
                to_cut = np.where(lower[cut], 0.0, refusing) * share[:, None]  # the cells from cut on
                np.add.at(moved, self.to_state[cut], to_cut)
                np.add.at(moved, self.to_state[np.maximum(cut - 1, 0)], refusing - to_cut)
                if game.margin is None or t <= self.calm_until:  # no battle
                    after[m] = after.get(m, 0) + moved
                    continue
                for step, chance in ((1, theta), (-1, 1 - theta)):
                    if abs(m + step) >= game.margin:
                        decisive += chance * moved.sum()
                        length[self._battles(t) + 1] += chance * moved.sum()
                    elif chance:
                        after[m + step] = after.get(m + step, 0) + chance * moved
            mass = after
            settled_by[t], decisive_by[t] = settled_total, decisive
        still = float(sum(float(block.sum()) for block in mass.values()))
        if self.calm_until >= game.horizon:  # the crisis never became a war: no war, of length 0
            length[0] += still
            still = 0.0
        value_c, value_t = self.initial_grid
        by_type = tuple(float(value_t[0, i * self.steps]) for i in range(game.types))
        weights = [float(w) for w in game.weights]
        fold = np.add.reduceat
        starts = np.arange(0, n, self.steps)
        return GameSolution(
            strategy=self.name,
            settled_by=tuple(float(v) for v in settled_by),
            decisive_by=tuple(float(v) for v in decisive_by),
            threat_executed=float(executed_type.sum()),
            coercer_backs_down=float(backs_down),
            still_fighting=still,
            length=tuple(float(v) for v in length),
            expected_terms=None if settled_total == 0 else float(terms / settled_total),
            coercer_utility=float(value_c[0]),
            target_utility_by_type=by_type,
            target_utility=float(np.dot(weights, by_type)),
            settled_by_type=tuple(float(v) for v in fold(settled_type, starts) / weights),
            threat_executed_by_type=tuple(float(v) for v in fold(executed_type, starts) / weights),
            settlement_broken=float(broken_type.sum()),
            settlement_broken_by_type=tuple(float(v) for v in fold(broken_type, starts) / weights),
            renewed_demand=float(renewed_type.sum()),
            renewed_demand_by_type=tuple(float(v) for v in fold(renewed_type, starts) / weights),
            subjective=game.prior_coercer != game.prior_target,
            nodes={},
        )


def _check_continuous(game: CoerciveGame, continuous: Any, mixing_steps: int, pure_cutoffs: Any) -> None:
    if not isinstance(pure_cutoffs, bool):
        raise ParameterTypeError("pure_cutoffs", "a bool", pure_cutoffs)
    if not isinstance(continuous, bool):
        raise ParameterTypeError("continuous", "a bool", continuous)
    if continuous and (
        mixing_steps != 1
        or len(set(game.weights)) != 1
        or game.types < 2
        or game.self_enforcing
        or game.assurance != 1
    ):
        raise ParameterValueError(
            "continuous",
            "False unless there are at least two equally likely types, mixing_steps is 1 and "
            "settlements are permanent with no renewed demands",
            continuous,
        )


def solve_grid(
    game: CoerciveGame,
    strategy: Any,
    *,
    mixing_steps: int = 1,
    continuous: bool = False,
    pure_cutoffs: bool = False,
) -> GameSolution:
    """The equilibrium of ``strategy`` by vectorised backward induction, in floats.

    The result's ``nodes`` is empty (C's moves are arrays inside the solver); every other output
    is that of :func:`~bargaining.coercive_game.quantile.solve_exact`, within rounding. C's
    cut-offs are kept between the atoms (the types), and at every node the solver checks that
    this is the exact equilibrium, in which the marginal type may mix inside an atom
    (:mod:`~bargaining.coercive_game.grid_atoms`). Where it cannot vouch for that, the game is
    handed to the exact solver and its answer returned in floats if it finishes within
    :data:`~bargaining.coercive_game.grid_atoms.EXACT_BUDGET`; otherwise
    :class:`NotImplementedError` names the node. ``pure_cutoffs=True`` skips the check and keeps the cut-offs between atoms: the
    equilibrium of the game in which the marginal type does not mix, an approximation (of the
    atoms' game, and, on a quantile grid, of a continuous prior).

    ``continuous=True`` reads the (equally likely) types as the quantile grid of a continuous prior
    (:func:`quantile_types`): each type stands for its cell of quantiles and C's cut-off is refined
    inside the cells, the values interpolated in the cut-off (see the module docstring). The
    values then err by :math:`O(1/n^2)` instead of :math:`O(1/n)`; the committed demand of an
    ultimatum is not refined. ``continuous``, ``mixing_steps`` above 1 and self-enforcing
    settlements are not checked: each is a stated approximation or its own solver.

    Self-enforcing settlements, renewed demands, a vague condition and a crisis are solved on the
    grid too (the atoms' check applies to permanent settlements only).

    >>> game = CoerciveGame(discount=0.9, horizon=0, resolve=quantile_types(50), power=0.5,
    ...                     cost_coercer=0.1, target_cost_resolve=0.4)
    >>> round(solve_grid(game, "try_and_see", continuous=True).coercer_utility, 9)  # RiskReturn: 0.55625
    0.55625

    >>> game = CoerciveGame(discount=0.5, horizon=0, resolve=(0.0, 1.0), target_cost_resolve=0.2)
    >>> round(solve_grid(game, "try_and_see").expected_terms, 12)
    0.7
    """
    _check_continuous(game, continuous, mixing_steps, pure_cutoffs)
    original = game
    if game.kind != "float":
        game = _as_float(game)
    solver = _Grid(game, strategy, mixing_steps)
    solver.arrays(continuous, check=not pure_cutoffs)
    solver.grid_backward()
    if solver.failures:
        return unvouched(original, strategy, solver.failures, solver.cost())
    return solver.grid_forward()


def solve_strategies(
    game: CoerciveGame, design: UltimatumDesign, *, continuous: bool = False, pure_cutoffs: bool = False
) -> dict[str, GameSolution]:
    """George's three strategies of one game on the grid: try-and-see, the screw and ``design``.

    After the deadline the ultimatum continues as try-and-see, so its backward pass starts from
    try-and-see's values after the deadline (the same numbers, computed once), except in a crisis,
    where the war starts only after the deadline. ``continuous``
    and ``pure_cutoffs`` are :func:`solve_grid`'s, and so is the check of each strategy.

    >>> game = CoerciveGame(discount=0.5, horizon=1, resolve=(0.0, 1.0), target_cost_resolve=0.2, screw=0.1)
    >>> solutions = solve_strategies(game, UltimatumDesign(demand=0.75, deadline=0))
    >>> [round(solutions[name].coercer_utility, 6) for name in ("try_and_see", "screw", "ultimatum")]
    [0.6, 0.65, 0.55]
    >>> round(solve_strategies(game, UltimatumDesign(demand=0.75, deadline=0), pure_cutoffs=True)[
    ...     "try_and_see"].coercer_utility, 6)  # type 0 does not mix: not the equilibrium here
    0.55
    """
    _check_continuous(game, continuous, 1, pure_cutoffs)
    original = game
    if game.kind != "float":
        game = _as_float(game)
    patient = _Grid(game, "try_and_see", 1)
    patient.arrays(continuous, check=not pure_cutoffs)
    if design.deadline > game.horizon:  # the ultimatum solver raises the field-named error
        _Grid(game, design, 1)
    patient.grid_backward(keep=design.deadline)
    committed = _Grid(game, design, 1)
    committed.arrays(continuous, check=not pure_cutoffs)
    if game.start == "crisis":  # the war starts after the deadline: its periods are not try-and-see's
        committed.grid_backward()
    else:
        shared = {key: value for key, value in patient.moves.items() if key[0] > design.deadline}
        offers = {key: value for key, value in patient.offers.items() if key[0] > design.deadline}
        shares = {key: value for key, value in patient.shares.items() if key[0] > design.deadline}
        committed.grid_backward(start=(design.deadline, patient.kept, shared, offers, shares))
        committed.failures += [f for f in patient.failures if f.period > design.deadline]
    screw = _Grid(game, "screw", 1)
    screw.arrays(continuous, check=not pure_cutoffs)
    screw.grid_backward()
    out = {}
    for name, solver, strategy in (("try_and_see", patient, "try_and_see"), ("screw", screw, "screw"),
                                   ("ultimatum", committed, design)):  # fmt: skip
        failures = solver.failures
        out[name] = (
            unvouched(original, strategy, failures, solver.cost()) if failures else solver.grid_forward()
        )
    return out

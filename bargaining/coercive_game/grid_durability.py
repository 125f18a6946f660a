r"""Self-enforcing settlements on the grid: the ceasefire and C's offers as array operations.

The arrays of :mod:`~bargaining.coercive_game.durability` for the vectorised solvers
(:mod:`~bargaining.coercive_game.grid`, one game; :mod:`~bargaining.coercive_game.grid_batch`,
many): every function takes arrays with any leading axes (none for one game, the point and front
axes for a batch) and loops in Python only over the :math:`K` declared rearmament periods.

A settlement at terms :math:`x` reached at the front :math:`m` is a ceasefire that each side,
C first, keeps in ceasefire period :math:`k` iff

.. math:: (1-\delta)s_i + \delta E_i(k+1) \;\ge\; (1-\delta)s_i + g_i - G + \delta W_i(k+1),

with :math:`W_C(k) = \pi(m) + d_k - c_C` and :math:`W_T(\tau, k) = 1 - \pi(m) - d_k - c_T(\tau)`
the frozen war at the shifted share (Fearon 1995; Fortna 2003; Walter 1997). Backward induction
from the stationary period :math:`K` decides who breaks, when, and each side's value
(:func:`ceasefire`). The target's value is piecewise linear in :math:`x`, one piece per breach
pattern, so the terms that leave the marginal type indifferent are each pattern's root, kept when
the ceasefire at that root follows the pattern (:func:`candidate_terms`), plus the whole stake.

Because the value of accepting now depends on the type (through its war value), skimming is not
implied by the type maps: for every candidate offer at every cut-off the acceptance set among the
types still fighting must be the least resolute ones, and :func:`check_contiguous` raises
:class:`NotImplementedError` naming the node where it is not (§9's single-crossing check).
The cost per node is :math:`O(n^2 K^2)` array operations (:math:`2K + 4` candidate offers for
each of :math:`n + 1` cut-offs, valued for :math:`n` types in :math:`O(K)`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

__all__: list[str] = []

_ROOT = 1e-10  # a candidate root is kept when the ceasefire there is worth the value within this
_TIE = 1e-12


@dataclass(frozen=True)
class Durability:
    """The ceasefire's primitives, each broadcastable against the node axes.

    ``gain_coercer`` and ``gain_target`` are :math:`g_i - G`; ``shifts`` holds :math:`d_1, \\dots,
    d_K` (one array per period).
    """

    delta: Any
    cost_coercer: Any
    gain_coercer: Any
    gain_target: Any
    shifts: tuple[Any, ...]

    def expand(self, axes: int) -> Durability:
        """The primitives with ``axes`` more trailing axes (to broadcast against deeper arrays)."""
        index = (..., *([None] * axes))

        def more(value: Any) -> np.ndarray:
            result: np.ndarray = np.asarray(value)[index]
            return result

        return Durability(
            more(self.delta),
            more(self.cost_coercer),
            more(self.gain_coercer),
            more(self.gain_target),
            tuple(more(v) for v in self.shifts),
        )

    def shift(self, k: int) -> Any:
        if k <= 0 or not self.shifts:
            return 0.0
        return self.shifts[min(k, len(self.shifts)) - 1]

    def war(self, share: Any, cost: Any, k: int) -> tuple[Any, Any]:
        shifted = share + self.shift(k)
        return shifted - self.cost_coercer, 1 - shifted - cost


@dataclass(frozen=True)
class Renewal:
    r"""Renewed demands' primitives (:mod:`~bargaining.coercive_game.renewal`), each broadcastable
    against the node axes: the discount :math:`\delta`, the assurance :math:`a` (the chance that
    C's aims are limited) and C's war cost."""

    delta: Any
    assurance: Any
    cost_coercer: Any

    def expand(self, axes: int) -> Renewal:
        """The primitives with ``axes`` more trailing axes (to broadcast against deeper arrays)."""
        index = (..., *([None] * axes))
        delta, assurance, cost = (
            np.asarray(v)[index] for v in (self.delta, self.assurance, self.cost_coercer)
        )
        return Renewal(delta, assurance, cost)


def renewal(r: Renewal, terms: Any, share: Any, cost: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""(T's value, C's value, whether T resists the renewal) of settling at ``terms``, broadcast:
    :func:`~bargaining.coercive_game.renewal.renewal_values` on arrays (a tie, within ``1e-12``,
    complies, as the exact tie does).

    >>> r = Renewal(0.5, 0.0, 0.0)
    >>> [float(v) for v in renewal(r, 0.5, 0.5, 0.0)]
    [0.375, 0.625, 1.0]
    """
    delta, assurance = r.delta, r.assurance
    held = 1 - np.asarray(terms, dtype=float)
    comply = (1 - delta) * held / (1 - delta * held)
    war = 1 - np.asarray(share) - np.asarray(cost)
    resists = comply < war - _TIE
    target = held * (assurance + (1 - assurance) * (1 - delta + delta * np.where(resists, war, comply)))
    later = np.where(resists, terms + held * (share - r.cost_coercer), 1 - held * comply)
    coercer = assurance * terms + (1 - assurance) * ((1 - delta) * terms + delta * later)
    return tuple(np.broadcast_arrays(target, coercer, resists))  # type: ignore[return-value]


def renewal_candidates(r: Renewal, value: Any, share: Any, cost: Any, carrot: Any) -> tuple[Any, Any]:
    r"""C's candidate offers to a marginal type worth ``value`` if it refuses, under renewed
    demands: the root of :math:`V(x) + q s = ` ``value`` (:func:`~bargaining.coercive_game.renewal.
    renewal_terms` on arrays: the branch where T resists the renewal, else the quadratic's root where
    it complies) and the whole stake. ``(terms, valid)`` with a last axis of 2, as
    :func:`candidate_terms`.

    >>> terms, valid = renewal_candidates(Renewal(0.5, 0.0, 0.0), 0.375, 0.5, 0.0, 0.0)
    >>> [round(float(x), 12) for x in terms[valid]]
    [0.5]
    """
    delta, assurance = r.delta, r.assurance
    target = np.asarray(value) - carrot
    war = 1 - np.asarray(share) - np.asarray(cost)
    scale = assurance + (1 - assurance) * (1 - delta + delta * war)
    with np.errstate(divide="ignore", invalid="ignore"):
        resisting = np.where(scale > 0, 1 - target / scale, 2.0)
        resists = renewal(r, np.clip(resisting, 0.0, 1.0), share, cost)[2]
        linear = assurance + (1 - assurance) * (1 - delta) + target * delta
        quadratic = assurance * delta
        root = np.sqrt(np.maximum(linear * linear - 4 * quadratic * target, 0.0))
        held = np.where(
            quadratic == 0, target / linear, (linear - root) / (2 * np.where(quadratic == 0, 1, quadratic))
        )
    first = (resisting >= 0) & (resisting <= 1) & resists
    terms = np.where(first, resisting, 1 - held)
    terms = np.where(np.isfinite(terms), terms, 2.0)
    worth = renewal(r, np.clip(terms, 0.0, 1.0), share, cost)[0]
    exists = (target >= 0) & (renewal(r, 0.0, share, cost)[0] >= target - _TIE)
    found = exists & (terms >= -_ROOT) & (terms <= 1 + _ROOT) & (np.abs(worth - target) <= _ROOT)
    terms = np.clip(terms, 0.0, 1.0)
    stake = renewal(r, 1.0, share, cost)[0] + carrot >= np.asarray(value) - _TIE
    both = np.stack(np.broadcast_arrays(terms, np.ones_like(terms)), axis=-1)
    valid = np.stack(np.broadcast_arrays(found, stake), axis=-1)
    return both, valid


def settlement_values(d: Durability | Renewal, terms: Any, share: Any, cost: Any) -> tuple[Any, Any]:
    """(T's value, C's value) of settling at ``terms``: a ceasefire (:func:`ceasefire`) or a
    settlement under renewed demands (:func:`renewal`)."""
    values = renewal(d, terms, share, cost) if isinstance(d, Renewal) else ceasefire(d, terms, share, cost)
    return values[0], values[1]


def settlement_candidates(
    d: Durability | Renewal, value: Any, share: Any, cost: Any, carrot: Any
) -> tuple[Any, Any]:
    """C's candidate offers to a marginal type worth ``value`` if it refuses (:func:`candidate_terms`
    or :func:`renewal_candidates`)."""
    if isinstance(d, Renewal):  # the leading (node) axes of the primitives, then the cut-off axis
        return renewal_candidates(d.expand(1), value, np.asarray(share)[..., None], cost, carrot)
    return candidate_terms(d, value, share, cost, carrot)


def ceasefire(
    d: Durability, terms: Any, share: Any, cost: Any
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(T's value, C's value, the period it breaks (-1: kept), who breaks (0 C, 1 T)), broadcast.

    The same operations, in the same order, as :func:`~bargaining.coercive_game.durability.ceasefire`;
    a side breaks only when reneging beats keeping by more than ``1e-12`` (ties keep the deal).

    >>> d = Durability(0.5, 0.0, 0.0, 0.0, (0.2,))
    >>> [float(v) for v in ceasefire(d, 0.5, 0.5, 0.05)[:2]]
    [0.375, 0.6]
    """
    delta, g_c, g_t = d.delta, d.gain_coercer, d.gain_target
    flow_c, flow_t = terms, 1 - terms
    last = len(d.shifts)
    w_c, w_t = d.war(share, cost, last + 1)
    by_c = delta * (flow_c - w_c) < g_c - _TIE  # ties (within rounding) keep the deal
    by_t = ~by_c & (delta * (flow_t - w_t) < g_t - _TIE)
    base_c, base_t = (1 - delta) * flow_c + delta * w_c, (1 - delta) * flow_t + delta * w_t
    v_c = np.where(by_c, base_c + g_c, np.where(by_t, base_c, flow_c))
    v_t = np.where(by_c, base_t, np.where(by_t, base_t + g_t, flow_t))
    period = np.where(by_c | by_t, last, -1)
    who = np.where(by_c, 0, 1)
    for k in range(last - 1, -1, -1):
        w_c, w_t = d.war(share, cost, k + 1)
        keep_c, keep_t = (1 - delta) * flow_c + delta * v_c, (1 - delta) * flow_t + delta * v_t
        base_c, base_t = (1 - delta) * flow_c + delta * w_c, (1 - delta) * flow_t + delta * w_t
        by_c = keep_c < base_c + g_c - _TIE
        by_t = ~by_c & (keep_t < base_t + g_t - _TIE)
        v_c = np.where(by_c, base_c + g_c, np.where(by_t, base_c, keep_c))
        v_t = np.where(by_c, base_t, np.where(by_t, base_t + g_t, keep_t))
        period = np.where(by_c | by_t, k, period)
        who = np.where(by_c, 0, np.where(by_t, 1, who))
    v_t, v_c, period, who = np.broadcast_arrays(v_t, v_c, period, who)
    return v_t, v_c, period, who


def candidate_terms(d: Durability, value: Any, share: Any, cost: Any, carrot: Any) -> tuple[Any, Any]:
    r"""C's candidate offers to a marginal type worth ``value`` if it refuses: every root of
    :math:`A_T(x) + q s = ` ``value`` (one per breach pattern) and the whole stake :math:`x = 1`.

    Returns ``(terms, valid)`` with one more (last) axis of :math:`2K + 4` candidates; ``valid``
    marks the roots the ceasefire confirms, and the whole stake when the type accepts it.

    >>> d = Durability(0.5, 0.0, 0.0, 0.0, ())
    >>> terms, valid = candidate_terms(d, 0.4, 0.5, 0.0, 0.0)
    >>> [round(float(x), 12) for x in terms[valid]]  # T breaks at once: (1 - x)/2 + 1/4 = 0.4
    [0.7]
    """
    last = len(d.shifts)
    d = d.expand(1)
    delta = d.delta
    share = np.asarray(share)[..., None]
    target = value - carrot
    roots = [1 - target + 0 * share]
    patterns: list[tuple[int, int]] = [(-1, -1)]
    for period in range(last + 1):
        war = d.war(share, cost, period + 1)[1]
        rest = delta ** (period + 1) * war
        for who in (0, 1):
            extra = delta**period * d.gain_target if who == 1 else 0.0
            roots.append(1 - (target - (rest + extra)) / (1 - delta ** (period + 1)))
            patterns.append((period, who))
    terms = np.stack(np.broadcast_arrays(*roots, np.ones_like(np.asarray(target, dtype=float))), axis=-1)
    terms = np.where(np.isfinite(terms), terms, 2.0)  # an undefined root is out of [0, 1]
    worth, _, broken_at, found = ceasefire(d.expand(1), terms, share[..., None], np.asarray(cost)[..., None])
    wanted_period = np.array([p for p, _ in patterns] + [0])
    wanted_who = np.array([w for _, w in patterns] + [0])
    follows = (broken_at == wanted_period) & ((broken_at == -1) | (found == wanted_who))
    root = (terms >= 0) & (terms <= 1) & follows & (np.abs(worth - np.asarray(target)[..., None]) <= _ROOT)
    stake = worth[..., -1] + carrot >= value - _TIE
    valid = np.concatenate([root[..., :-1], stake[..., None]], axis=-1)
    return terms, valid


def first_refusal(accept: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For acceptance flags over the types (last axis, :math:`n`): the first type from each
    :math:`j` on that refuses (:math:`n` if none), and whether some type above it accepts (the
    acceptance set from :math:`j` on is then not the least resolute types)."""
    n = accept.shape[-1]
    index = np.where(accept, n, np.arange(n))
    first: np.ndarray = np.minimum.accumulate(index[..., ::-1], axis=-1)[..., ::-1]
    later = np.logical_or.accumulate(accept[..., ::-1], axis=-1)[..., ::-1]  # any from p on
    after = np.concatenate([later[..., 1:], np.zeros((*accept.shape[:-1], 2), dtype=bool)], axis=-1)
    broken = np.take_along_axis(after, first, axis=-1)
    return first, broken


def single_crossing_error(
    t: int, front: int, j: int, terms: float, accepting: np.ndarray
) -> NotImplementedError:
    """The error naming the node where the acceptance set is not the least resolute types."""
    types = [int(i) for i in np.flatnonzero(accepting)]
    return NotImplementedError(
        f"single crossing fails at node (t={t}, front={front}, cutoff={j}): at terms {terms:.6g} the "
        f"types accepting are {types}, not the least resolute ones"
    )


def _gather_rows(matrix: np.ndarray, index: np.ndarray) -> np.ndarray:
    """``matrix[..., index[..., j], :]`` for every ``j``: the rows at each cut-off's belief."""
    shape = (*np.broadcast_shapes(matrix.shape[:-2], index.shape[:-1]), index.shape[-1], matrix.shape[-1])
    full = np.broadcast_to(matrix, (*shape[:-2], *matrix.shape[-2:]))
    return np.take_along_axis(full, np.broadcast_to(index[..., None], shape), axis=-2)


@dataclass(frozen=True)
class Moves:
    """C's moves at every belief of a node set and the values after them (see :func:`patient_moves`).

    ``failure`` is ``None`` or (the node's leading index, the cut-off, the terms, the accepting
    types' flags) of the first candidate offer whose acceptance set is not the least resolute types;
    ``failing`` flags every (node, cut-off) where one is.
    """

    best: np.ndarray
    offer: np.ndarray
    value_c: np.ndarray
    value_t: np.ndarray
    failure: tuple[tuple[int, ...], int, float, np.ndarray] | None
    failing: np.ndarray


def patient_moves(
    d: Durability | Renewal,
    share: Any,
    base: np.ndarray,
    weights: np.ndarray,
    tails: np.ndarray,
    carrot: tuple[Any, Any],
    refuse_c: np.ndarray,
    refuse_t: np.ndarray,
    active: np.ndarray | None = None,
) -> Moves:
    r"""C's take-it-or-leave-it offers at every belief :math:`j` of every node (leading axes).

    For each cut-off :math:`k` the candidate terms leave type :math:`k-1` indifferent
    (:func:`candidate_terms`); a candidate is C's option at :math:`j < k` when exactly the types
    :math:`j, \dots, k-1` accept it, and it is worth
    :math:`(\sum_{i=j}^{k-1} f_i A_C(x; i) + F_k R_C(k)) / F_j` to C. C takes the best option
    (ties, within ``1e-12``, to the largest cut-off, then the largest terms) or makes no
    acceptable offer. ``base`` is each type's :math:`c_T(\tau)`, ``carrot`` :math:`(q s,
    \kappa q s)`; ``refuse_c`` has shape (..., n + 1) and ``refuse_t`` (..., n, n) (belief, type).
    """
    n = refuse_t.shape[-1]
    ks = np.arange(1, n + 1)
    state = np.minimum(ks, n - 1)
    carrot_t, carrot_c = (np.asarray(v)[..., None] for v in carrot)
    share = np.asarray(share)
    marginal = refuse_t[..., state, ks - 1]  # R_T(k - 1; k), (..., k)
    terms, valid = settlement_candidates(d, marginal, share, base, carrot_t)  # (..., k, Q)
    worth_t, worth_c = settlement_values(
        d.expand(3), terms[..., None], share[..., None, None, None], base[..., None, None, :]
    )  # (..., k, Q, i)
    refuse_at = refuse_t[..., state, :][..., :, None, :]
    accept = worth_t + carrot_t[..., None, None] >= refuse_at - _TIE
    first, scattered = first_refusal(accept)  # (..., k, Q, j)
    below = (np.arange(n)[None, :] < ks[:, None])[:, None, :]  # j < k
    failing = valid[..., None] & below & scattered
    if active is not None:  # only the nodes that exist are checked
        failing &= active[..., None, None, None]
    failure = None
    if failing.any():
        index = tuple(int(v) for v in np.argwhere(np.moveaxis(failing, -1, -3))[0])
        lead, j, k, q = index[:-3], index[-3], index[-2], index[-1]
        failure = (lead, j, float(terms[(*lead, k, q)]), accept[(*lead, k, q)])
    ok = valid[..., None] & below & (first == ks[:, None, None])
    paid = np.asarray(weights)[..., None, None, :] * (worth_c - carrot_c[..., None, None])
    cum = np.concatenate(
        [np.cumsum(paid[..., ::-1], axis=-1)[..., ::-1], np.zeros((*paid.shape[:-1], 1))], -1
    )
    at_k = np.take_along_axis(cum, np.broadcast_to(ks[:, None, None], (*cum.shape[:-1], 1)), axis=-1)
    refusal = (np.asarray(tails)[..., ks] * refuse_c[..., ks])[..., :, None, None]
    value = (cum[..., :n] - at_k + refusal) / np.asarray(tails)[..., None, None, :n]
    options = np.moveaxis(np.where(ok, value, -np.inf), -1, -3)  # (..., j, k, Q)
    none = refuse_c[..., :n]
    top = np.maximum(options.max(axis=(-1, -2)), none)
    near = options >= (top - _TIE * np.maximum(1.0, np.abs(top)))[..., None, None]
    by_k = near.any(axis=-1)
    has = by_k.any(axis=-1)
    k_index = n - 1 - np.argmax(by_k[..., ::-1], axis=-1)  # the largest cut-off among the near-ties
    rows = np.arange(n)
    best = np.where(has, k_index + 1, rows)
    near_k = np.take_along_axis(near, k_index[..., None, None], axis=-2)[..., 0, :]  # (..., j, Q)
    terms_k = _gather_rows(terms, k_index)
    q_index = np.argmax(np.where(near_k, terms_k, -np.inf), axis=-1)
    offer = np.where(has, np.take_along_axis(terms_k, q_index[..., None], axis=-1)[..., 0], np.nan)
    flat = k_index * terms.shape[-1] + q_index
    Q = terms.shape[-1]
    chosen = np.take_along_axis(options.reshape(*options.shape[:-2], n * Q), flat[..., None], axis=-1)[..., 0]
    value_c = np.where(has, chosen, none)
    accepted = _gather_rows(worth_t.reshape(*worth_t.shape[:-3], n * Q, n), flat)  # (..., j, i)
    accepted = np.where(has[..., None], accepted + carrot_t[..., None], -np.inf)
    value_t = np.maximum(_gather_rows(refuse_t, np.minimum(best, n - 1)), accepted)
    return Moves(best, offer, value_c, value_t, failure, np.moveaxis(failing, -1, -3).any(axis=(-1, -2)))


def committed_moves(
    d: Durability | Renewal,
    share: Any,
    base: np.ndarray,
    weights: np.ndarray,
    tails: np.ndarray,
    carrot: tuple[Any, Any],
    demand: Any,
    refuse_c: np.ndarray,
    refuse_t: np.ndarray,
    active: np.ndarray | None = None,
) -> tuple[Moves, np.ndarray]:
    r"""The largest cut-off consistent with a committed ``demand`` at every belief, and the
    beliefs (a mask) where no pure cut-off is: types below the cut-off weakly prefer the
    ceasefire at the demand, the first above strictly prefers to refuse."""
    n = refuse_t.shape[-1]
    ks, rows = np.arange(n + 1), np.arange(n)
    carrot_t, carrot_c = (np.asarray(v)[..., None] for v in carrot)
    worth_t, worth_c = settlement_values(
        d.expand(1), np.asarray(demand)[..., None], np.asarray(share)[..., None], base
    )
    accept = worth_t + carrot_t  # (..., i)
    lead = np.broadcast_shapes(accept.shape[:-1], refuse_t.shape[:-2])
    accept = np.broadcast_to(accept, (*lead, n))
    marginal = refuse_t[..., np.minimum(ks[1:], n - 1), ks[1:] - 1]
    first_out = np.concatenate(
        [refuse_t[..., rows, rows], np.full((*refuse_t.shape[:-2], 1), np.inf)], axis=-1
    )
    above = np.concatenate([accept, np.full((*lead, 1), -np.inf)], axis=-1) < first_out - _TIE
    strict = np.concatenate([np.zeros((*lead, 1), dtype=bool), accept >= marginal - _TIE], axis=-1) & above
    index = np.where(strict, ks, -1)
    largest = np.maximum.accumulate(index[..., ::-1], axis=-1)[..., ::-1]
    following = largest[..., np.minimum(rows + 1, n)]
    best = np.where(following > rows, following, rows)
    bad = (best == rows) & ~above[..., :n]
    at_best = _gather_rows(refuse_t, np.minimum(best, n - 1))  # (..., j, i)
    accepting = accept[..., None, :] >= at_best - _TIE
    _, scattered = first_refusal(accepting)
    failing = (best > rows) & np.diagonal(scattered, axis1=-2, axis2=-1)
    if active is not None:
        failing &= active[..., None]
    failure = None
    if failing.any():
        where = tuple(int(v) for v in np.argwhere(failing)[0])
        failure = (where[:-1], where[-1], float(np.broadcast_to(demand, lead)[where[:-1]]), accepting[where])
    paid = np.asarray(weights) * (worth_c - carrot_c)
    paid = np.broadcast_to(paid, (*lead, n))
    cum = np.concatenate([np.cumsum(paid[..., ::-1], axis=-1)[..., ::-1], np.zeros((*lead, 1))], axis=-1)
    tails = np.broadcast_to(tails, (*lead, n + 1))
    settled = cum[..., :n] - np.take_along_axis(cum, best, axis=-1)
    refusal = np.take_along_axis(tails, best, axis=-1) * np.take_along_axis(refuse_c, best, axis=-1)
    value_c = np.where(best > rows, (settled + refusal) / tails[..., :n], refuse_c[..., :n])
    value_t = np.maximum(at_best, accept[..., None, :])
    offer = np.where(best > rows, np.broadcast_to(demand, lead)[..., None], np.nan)
    return Moves(best, offer, value_c, value_t, failure, failing), bad

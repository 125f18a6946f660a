r"""The batched grid solver compiled: every point's backward and forward passes in one loop.

:func:`solve_points` is :func:`~bargaining.coercive_game.grid_batch.solve_batch`'s equilibrium
with permanent settlements, one point at a time in scalar loops, compiled by numba
(:func:`~bargaining.core.compiled.compiled`, machine code cached on disk; ``make`` compiles it
at install, :func:`~bargaining.coercive_game.grid_batch.compile_kernels`). Each point runs the
one-game grid solver's backward induction at its own nodes only (the fronts it reaches inside
its margin, the periods within its horizon) with the same floating-point operations as the numpy
passes of :mod:`~bargaining.coercive_game.grid_batch_moves`, so that C's cut-off, chosen among
near-ties within ``1e-12``, is the same; then it moves each strategy's mass forward as
:mod:`~bargaining.coercive_game.grid_batch_forward` does (the outcomes' sums in another order:
within ``1e-12``). Its memory is one point's moves, whatever the number of points.

A node where no pure cut-off answers the committed demand flags its point (``status``) and the
point is left; the caller solves the flagged points with the numpy passes, which name the node.
Single crossing is not checked here: with permanent settlements T's refusal values are
non-decreasing in the type at every node, in floating point too. The frozen war's and every
period's flows are, since the types' resolve increases and their costs and losses fall with it;
every later value enters with a non-negative weight; each rounded sum and product of
non-decreasing terms is non-decreasing; and T's value after C's move is the larger of its
refusal value and an acceptance value the same for every type. (The numpy passes keep the check,
and the tests hold that it never fires on permanent settlements.) Ceasefires
(``self_enforcing``), where it can fail, are not compiled.

The plain function runs as it is: the tests trace it in Python on small batches and hold the
compiled one equal to it and to the numpy passes."""

from __future__ import annotations

from functools import cache
from types import FunctionType
from typing import Any

import numpy as np

#: The number of types when it is fixed at compile time (0: read from the call). A copy of the
#: kernel with its own globals fixes it (:func:`fixed`): its loops over types and beliefs unroll
#: (at the report's 6 types, a draw costs 0.12 ms instead of 0.18).
TYPES = 0

#: The numbers of types whose kernel is compiled with it fixed (the report's draws); any other
#: number runs the general kernel.
FIXED_TYPES = (6,)

__all__ = ["solve_points"]

#: The numpy passes' tie (``grid_batch_state._TIE``; a test holds them equal). It is written here,
#: not imported: numba's disk cache is invalidated by a change of this file only, so a constant
#: the kernel reads from another module would stay compiled in at its old value.
_TIE = 1e-12


def solve_points(
    want: np.ndarray,
    n: int,
    width: int,
    start_front: int,
    has_margin: bool,
    horizon: np.ndarray,
    margin: np.ndarray,
    deadline: np.ndarray,
    reals: np.ndarray,
    priors: np.ndarray,
    known: np.ndarray,
    base: np.ndarray,
    losses: np.ndarray,
    tails: np.ndarray,
    inverse_tails: np.ndarray,
    status: np.ndarray,
    periods: np.ndarray,
    length: np.ndarray,
    by_type: np.ndarray,
    scalars: np.ndarray,
    target_values: np.ndarray,
) -> None:
    r"""Solve every point (in place in the output arrays).

    ``want``: (3,) flags of try-and-see, the screw and the ultimatum (the strategies' index ``s``
    in the outputs). Per point: ``horizon``, ``margin`` (ignored without battles), ``deadline``
    (int64); ``reals`` (P, 12) float64, the columns: discount, 1 - discount, C's cost, the
    screw's cost, the screw, the true odds, the power, C's carrot, T's carrot, the demand, the
    threat's execution probability and C's value of the threat stage; ``priors`` (P, 4): C's alpha and alpha + beta, T's; ``known`` (P, 2) bool: the
    odds known to C, to T; ``base`` and ``losses`` (P, n); ``tails`` (P, n + 1);
    ``inverse_tails`` (P, n).

    Outputs (zeroed by the caller): ``status`` (P,) int64, 1 where a node has no pure move;
    ``periods`` (3, 2, P, T): P(settled by t) and P(decisive end by t), T = the largest horizon
    + 1 (constant after a point's horizon); ``length`` (3, P, T + 1); ``by_type`` (3, 2, P,
    n + 1): the settling and executed steps by type (cumulated by the caller); ``scalars`` (3, 5,
    P): P(backs down), the terms paid, P(settled), P(still fighting) and C's value;
    ``target_values`` (3, P, n).

    The plain function, run by Python on one game without battles through the batched solver's
    own preparation of the arrays (:func:`~bargaining.coercive_game.grid_batch._compiled_chunk`):
    the numbers of :func:`~bargaining.coercive_game.grid_batch.solve_batch`'s example.

    >>> from bargaining.coercive_game.batch import GameBatch
    >>> from bargaining.coercive_game.grid_batch import _Chunk, _compiled_chunk
    >>> batch = GameBatch(discount=0.5, horizon=np.array([0, 1]), resolve=np.array([[0.0, 1.0]] * 2),
    ...                   target_cost_resolve=0.2)
    >>> out, flagged = _compiled_chunk(_Chunk(batch), ("try_and_see",), solve_points)
    >>> out["try_and_see"]["coercer_utility"], out["try_and_see"]["settled_by"], flagged
    (array([0.6 , 0.55]), array([[0.5, 0.5],
           [0.5, 1. ]]), array([], dtype=int64))
    """
    n = TYPES if TYPES else n
    points = len(horizon)
    steps = periods.shape[3]
    top = width // 2
    ones = n + 1
    # one point's moves: (patient, ultimatum) x period x position x belief
    best = np.zeros((2, steps, width, n), np.int64)
    offer = np.zeros((2, steps, width, n))
    store_c = np.zeros((2, width, n))
    store_t = np.zeros((2, width, n, n))
    refuse_c = np.zeros(ones)
    refuse_t = np.zeros((n, n))
    offer_k = np.zeros(ones)
    slope = np.zeros(ones)
    chosen = np.zeros(n, np.int64)
    most = np.zeros(n)
    option = np.zeros(ones)
    index = np.zeros(ones, np.int64)
    mass = np.zeros((width, n))
    moved = np.zeros(n)
    flow_t = np.zeros(n)
    for p in range(points):
        h = horizon[p]
        d = deadline[p]
        big_m = margin[p] if has_margin else 1
        delta, rest = reals[p, 0], reals[p, 1]
        cost_c, screw_cost = reals[p, 2], reals[p, 3]
        carrot_c, carrot_t, demand = reals[p, 7], reals[p, 8], reals[p, 9]
        execution, threat_value = reals[p, 10], reals[p, 11]
        theta = reals[p, 5]
        demanded = 1 - demand + carrot_t
        inverse = inverse_tails[p]
        failed = False
        for run_pass in range(2):
            if run_pass == 0:
                if want[0] == 0 and want[2] == 0:
                    continue
                gamma, ultimatum = 0.0, want[2] != 0
            else:
                if want[1] == 0:
                    continue
                gamma, ultimatum = reals[p, 4], False
            sg = screw_cost * gamma
            # the frozen war after the horizon, at every front
            later = (h + 1) + delta / (1 - delta)
            for pos in range(width):
                share = (float(pos - top) + float(big_m)) / (2 * float(big_m)) if has_margin else reals[p, 6]
                frozen_c = share - cost_c - sg * later
                for j in range(n):
                    store_c[0, pos, j] = frozen_c
                    for i in range(n):
                        store_t[0, pos, j, i] = 1 - share - base[p, i] - gamma * later
            # ---- backward induction ----
            for t in range(h, -1, -1):
                if ultimatum and t == d:  # until the deadline, the ultimatum is try-and-see
                    store_c[1] = store_c[0]
                    store_t[1] = store_t[0]
                first = start_front - t if has_margin else 0
                last = start_front + t if has_margin else 0
                for front in range(first, last + 1, 2):
                    if has_margin and (front >= big_m or front <= -big_m):
                        continue
                    pos = front + top if has_margin else 0
                    if has_margin:
                        real = float(big_m)
                        share = (float(front) + real) / (2 * real)
                        up, down = front + 1 >= big_m, front - 1 <= -big_m
                        wins = (front + t - start_front) // 2
                        odds_c = theta if known[p, 0] else (priors[p, 0] + wins) / (priors[p, 1] + t)
                        odds_t = theta if known[p, 1] else (priors[p, 2] + wins) / (priors[p, 3] + t)
                    else:
                        share = reals[p, 6]
                        up = down = False
                        odds_c = odds_t = theta
                    sides = 2 if ultimatum and t <= d else 1
                    for side in range(sides):
                        # the refusal values: R_C by cut-off, R_T by belief and type
                        flow_c = rest * (share - cost_c - sg * t)
                        for i in range(n):
                            flow_t[i] = rest * (1 - share - base[p, i] - gamma * t)
                        if side == 1 and t == d:
                            flow_c = flow_c + threat_value
                            for i in range(n):
                                flow_t[i] = flow_t[i] - execution * losses[p, i]
                        if has_margin:
                            win = delta * odds_t
                            loss = delta * (1 - odds_t)
                            extra = loss if down else 0.0
                            for i in range(n):
                                flow_t[i] = flow_t[i] + extra
                            for j in range(n):
                                up_c = 1.0 if up else store_c[side, pos + 1, j]
                                dn_c = 0.0 if down else store_c[side, pos - 1, j]
                                refuse_c[j] = flow_c + delta * (odds_c * up_c + (1 - odds_c) * dn_c)
                            # T's values after a decisive battle are 0 and 1: the later values
                            # there weigh nothing (the 1 is in the flow)
                            if not up and not down:
                                for j in range(n):
                                    for i in range(n):
                                        refuse_t[j, i] = (
                                            store_t[side, pos + 1, j, i] * win
                                            + store_t[side, pos - 1, j, i] * loss
                                        ) + flow_t[i]
                            elif not down:
                                for j in range(n):
                                    for i in range(n):
                                        refuse_t[j, i] = store_t[side, pos - 1, j, i] * loss + flow_t[i]
                            elif not up:
                                for j in range(n):
                                    for i in range(n):
                                        refuse_t[j, i] = store_t[side, pos + 1, j, i] * win + flow_t[i]
                            else:
                                for j in range(n):
                                    for i in range(n):
                                        refuse_t[j, i] = flow_t[i]
                        else:
                            for j in range(n):
                                refuse_c[j] = flow_c + delta * store_c[side, pos, j]
                                for i in range(n):
                                    refuse_t[j, i] = store_t[side, pos, j, i] * delta + flow_t[i]
                        refuse_c[n] = refuse_c[n - 1]
                        # C's cut-off and offer at every belief
                        if side == 0:  # branch-free: the comparisons are data-dependent
                            for k in range(1, ones):
                                state = k if k < n else n - 1
                                raw = 1 + carrot_t - refuse_t[state, k - 1]
                                offered = raw if raw < 1.0 else 1.0
                                offer_k[k] = offered
                                first_out = refuse_t[k, k] if k < n else np.inf
                                valid = (raw >= 0) & (
                                    (raw <= 1) | (1 - offered + carrot_t < first_out - _TIE)
                                )
                                option[k] = offered - carrot_c if valid else -np.inf
                                slope[k] = tails[p, k] * (refuse_c[k] - offered + carrot_c)
                            # C's value at belief j of each cut-off k > j (computed twice: again
                            # is cheaper than kept), the best, and the largest cut-off among the
                            # near-ties; the inner loops run over the beliefs, independent. The
                            # values are finite or -inf (the weights are positive): no NaN to keep.
                            for j in range(n):
                                most[j] = refuse_c[j]
                                chosen[j] = j
                            for k in range(1, ones):
                                sk, ok = slope[k], option[k]
                                for j in range(k):
                                    value = inverse[j] * sk + ok
                                    kept = most[j]
                                    most[j] = value if value > kept else kept
                            for j in range(n):
                                most[j] = most[j] - _TIE * max(1.0, abs(most[j]))
                            for k in range(1, ones):
                                sk, ok = slope[k], option[k]
                                for j in range(k):
                                    chosen[j] = k if inverse[j] * sk + ok >= most[j] else chosen[j]
                            for j in range(n):
                                best[0, t, pos, j] = chosen[j]
                                offer[0, t, pos, j] = offer_k[chosen[j]] if chosen[j] > j else np.nan
                        else:  # the committed demand: the largest cut-off consistent with it
                            for k in range(1, ones):
                                state = k if k < n else n - 1
                                first_out = refuse_t[k, k] if k < n else np.inf
                                strict = (
                                    demanded >= refuse_t[state, k - 1] - _TIE and demanded < first_out - _TIE
                                )
                                index[k] = k if strict else -1
                            for k in range(n - 1, 0, -1):  # the largest consistent cut-off from k on
                                index[k] = max(index[k], index[k + 1])
                            for j in range(n):
                                following = index[j + 1]
                                chosen[j] = following if following > j else j
                                if chosen[j] == j and not demanded < refuse_t[j, j] - _TIE:
                                    failed = True
                                best[1, t, pos, j] = chosen[j]
                                offer[1, t, pos, j] = demand if chosen[j] > j else np.nan
                        if failed:
                            break
                        # the values after the moves, written at the node
                        for j in range(n):
                            cut = chosen[j]
                            state = cut if cut < n else n - 1
                            if cut > j:
                                paid = offer[side, t, pos, j]
                                settled = tails[p, j] - tails[p, cut]
                                store_c[side, pos, j] = (
                                    settled * (paid - carrot_c) + tails[p, cut] * refuse_c[cut]
                                ) / tails[p, j]
                                accept = 1 - paid + carrot_t
                            else:
                                store_c[side, pos, j] = refuse_c[j]
                                accept = -np.inf
                            if side == 1:
                                accept = demanded
                            for i in range(n):
                                kept = refuse_t[state, i]
                                store_t[side, pos, j, i] = kept if kept >= accept else accept
                    if failed:  # the point is left (the numpy passes name the node)
                        break
                if failed:
                    break
            if failed:
                status[p] = 1
                break
            # ---- the forward pass of each strategy of this backward pass ----
            start = top + start_front if has_margin else 0
            for s in range(3):
                if want[s] == 0 or (s == 1) != (run_pass == 1):
                    continue
                side = 1 if s == 2 else 0
                scalars[s, 4, p] = store_c[side, start, 0]
                for i in range(n):
                    target_values[s, p, i] = store_t[side, start, 0, i]
                mass[:, :] = 0.0
                mass[start, 0] = 1.0
                settled_total = decisive = terms = backs_down = 0.0
                for t in range(h + 1):
                    first = start_front - t if has_margin else 0
                    last = start_front + t if has_margin else 0
                    threat = s == 2 and t == d
                    moves = 1 if s == 2 and t <= d else 0
                    settled_now = ended_next = 0.0  # this period's settlements, the next's decisive ends
                    for front in range(first, last + 1, 2):
                        if has_margin and (front >= big_m or front <= -big_m):
                            continue
                        pos = front + top if has_margin else 0
                        moved[:] = 0.0
                        for j in range(n):
                            q = mass[pos, j]
                            if q == 0.0:
                                continue
                            mass[pos, j] = 0.0
                            cut = best[moves, t, pos, j]
                            settled = q * (tails[p, j] - tails[p, cut])
                            settled_now += settled
                            if settled > 0:
                                terms += offer[moves, t, pos, j] * settled
                            if cut > j:
                                by_type[s, 0, p, j] += q
                                by_type[s, 0, p, cut] -= q
                            if cut < n:  # the refusing types' q, to the belief cut
                                moved[cut] += q
                                if threat:
                                    backs_down += (1 - execution) * (q * tails[p, cut])
                                    by_type[s, 1, p, cut] += execution * q
                        if has_margin:
                            up, down = front + 1 >= big_m, front - 1 <= -big_m
                            for b in range(n):
                                if moved[b] == 0.0:
                                    continue
                                if up:
                                    ended_next += theta * (moved[b] * tails[p, b])
                                else:
                                    mass[pos + 1, b] += theta * moved[b]
                                if down:
                                    ended_next += (1 - theta) * (moved[b] * tails[p, b])
                                else:
                                    mass[pos - 1, b] += (1 - theta) * moved[b]
                        else:
                            for b in range(n):
                                mass[pos, b] += moved[b]
                    settled_total += settled_now
                    decisive += ended_next
                    length[s, p, t] += settled_now
                    length[s, p, t + 1] += ended_next
                    periods[s, 0, p, t] = settled_total
                    periods[s, 1, p, t] = decisive
                scalars[s, 0, p] = backs_down
                scalars[s, 1, p] = terms
                for t in range(h + 1, steps):
                    periods[s, 0, p, t] = settled_total
                    periods[s, 1, p, t] = decisive
                scalars[s, 2, p] = settled_total
                still = 0.0
                for pos in range(width):
                    for b in range(n):
                        still += mass[pos, b] * tails[p, b]
                scalars[s, 3, p] = still


@cache
def fixed(types: int) -> Any:
    """:func:`solve_points` with the number of types fixed at ``types`` (a constant to the
    compiler), under a name of its own (``solve_points_6``), so that numba caches it apart."""
    function = FunctionType(solve_points.__code__, {**globals(), "TYPES": types}, f"solve_points_{types}")
    function.__qualname__ = function.__name__
    function.__module__ = __name__
    function.__doc__ = solve_points.__doc__
    return function

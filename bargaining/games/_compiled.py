r"""Compiled kernels for the games section: numba when it is installed, the numpy paths otherwise.

Each kernel is a plain Python function on numpy arrays, compiled by
:func:`bargaining.core.compiled.compiled` (numba, cached on disk) or run as it is; without
numba, or with ``BARGAINING_NUMBA=0``, each caller takes its numpy path.

:func:`vertex_search` enumerates the vertices of a best-response polytope in floating point by
pivoting (a breadth-first search over its feasible bases from the origin), for
:func:`bargaining.games._proposal.float_pairs`; like Qhull, whose place it takes when it can,
it only **proposes**: every vertex it reports has its labels decided by a margin, and the
paired ones are rebuilt exactly afterwards, by :func:`confirm_bases` (on 64-bit integers).
:func:`continuations` and :func:`convex_hull` are one step of the Abreu–Sannikov iteration of
:mod:`bargaining.games.repeated`.

>>> import numpy as np
>>> status, masks, bases, close = vertex_search(np.array([[2.0, 1.0], [1.0, 3.0]]), 0, 2, 128, 1e-9, 1e-5)
>>> int(status), sorted(int(v) for v in masks)
(0, [3, 6, 9, 12])
"""

from __future__ import annotations

import numpy as np

__all__ = ["confirm_bases", "continuations", "convex_hull", "vertex_search"]

#: The smallest pivot :func:`vertex_search` divides by; a smaller one leaves the polytope to Qhull.
_PIVOT = 1e-11
# a label mask's hash: each half times an odd 32-bit constant (no product beyond 64 bits), the
# upper half of their exclusive or
_LOW, _HALF = np.uint64(0xFFFFFFFF), np.uint64(32)
_ODD1, _ODD2 = np.uint64(0x9E3779B1), np.uint64(0x85EBCA77)


def vertex_search(
    payoff: np.ndarray, payoff_base: int, coordinate_base: int, capacity: int, tight: float, clear: float
) -> tuple[int, np.ndarray, np.ndarray, np.ndarray]:
    r"""Every vertex of :math:`\{z \ge 0 : \text{payoff}\, z \le 1\}` (``payoff`` positive, in
    floating point) by a breadth-first search over its feasible bases from the origin.

    A basis is a dictionary :math:`s_B = \beta - T s_N` over the slacks of all constraints (a
    coordinate's slack is the coordinate itself), keyed by its nonbasic labels. From each basis
    every nonbasic slack is increased until a basic one reaches 0 (the ratio test); each row
    tied at the least ratio gives a neighbouring basis, as in the exact search
    :func:`~bargaining.games._polytope.exact_vertices`, whose completeness this shares (the
    graph of feasible bases of a polytope is connected, degenerate pivots included). Labels are
    numbered as in :func:`~bargaining.games._polytope.exact_vertex`. A vertex's labels are its
    basis's nonbasic slacks (exactly 0) and the basic slacks within ``tight`` of 0 (relative to
    ``1 + h``: 2 for a payoff row, 1 for a coordinate; they are set to 0); a vertex with a basic
    slack above ``tight`` but at most ``clear`` is flagged, to be confirmed exactly.

    Returns ``(status, masks, bases, close)``: each vertex's label mask (the origin first), the
    nonbasic labels of the first basis that gave it (``dim`` independent constraints: a basis to
    rebuild it from) and its flag; ``status`` is 0 when every vertex was found, 1 when a pivot
    is too small to divide by or a slack comes out below ``-tight`` (floating point cannot
    tell), 2 beyond ``capacity`` bases (then the arrays are not to be used: the caller may try
    again with more room); ``capacity`` must be a power of 2.
    """
    rows, dim = payoff.shape
    basic = np.empty((capacity, rows), np.int64)
    nonbasic = np.empty((capacity, dim), np.int64)
    beta = np.empty((capacity, rows))
    table = np.empty((capacity, rows, dim))
    keys = np.empty(capacity, np.uint64)  # each basis's nonbasic labels
    vertex_of = np.empty(capacity, np.int64)  # each basis's vertex
    back = np.full(capacity, -1, np.int64)  # a column that only leads back where the basis came from
    masks = np.empty(capacity, np.uint64)  # each vertex's labels
    bases = np.empty((capacity, dim), np.int64)
    close = np.zeros(capacity, np.bool_)
    degenerate = np.zeros(capacity, np.bool_)  # whether each basis's vertex is degenerate
    rows_best = np.empty(dim, np.int64)
    entries_best = np.empty(dim)
    betas_best = np.empty(dim)
    inverse_scale = np.ones(rows + dim)  # 1 / (1 + h) of each label's constraint
    inverse_scale[payoff_base : payoff_base + rows] = 0.5
    one = np.uint64(1)
    start = np.uint64(0)
    for k in range(rows):
        basic[0, k] = payoff_base + k
        beta[0, k] = 1.0
        for i in range(dim):
            table[0, k, i] = payoff[k, i]
    for i in range(dim):
        nonbasic[0, i] = coordinate_base + i
        start |= one << np.uint64(coordinate_base + i)
    masks[0], bases[0], vertex_of[0], keys[0] = start, nonbasic[0], 0, start
    # the bases seen, by their nonbasic labels: a hash table of 2 capacity slots
    slot_mask = np.uint64(2 * capacity - 1)
    slot_keys = np.zeros(2 * capacity, np.uint64)  # 0: an empty slot (a basis has labels)
    slot_values = np.empty(2 * capacity, np.int64)
    slot = (((start & _LOW) * _ODD1 ^ (start >> _HALF) * _ODD2) >> _HALF) & slot_mask
    slot_keys[slot], slot_values[slot] = start, 0
    vertices = {start: 0}  # vertices by their labels
    count = found = 1
    head = 0
    while head < count:
        head_key = keys[head]
        # the ratio test of every column at once, row by row: the least beta / entry so far
        rows_best[:] = -1
        entries_best[:] = 1.0
        betas_best[:] = np.inf
        for r in range(rows):
            value = beta[head, r]
            for c in range(dim):
                entry = table[head, r, c]
                if entry > _PIVOT and value * entries_best[c] < betas_best[c] * entry:
                    entries_best[c], betas_best[c], rows_best[c] = entry, value, r
        for c in range(dim):
            if c == back[head]:
                continue
            best, best_entry, best_beta = rows_best[c], entries_best[c], betas_best[c]
            if best < 0:  # every entry of the column negligible: the polytope is bounded
                return 1, masks[:found], bases[:found], close[:found]
            entering = nonbasic[head, c]
            # the row of the least ratio leaves the basis; if the vertex this leads to is
            # degenerate, so does each row tied with it, each in a neighbour of its own
            tied_end = False
            for t in range(rows + 1):
                row = best
                if t > 0:
                    if not tied_end:
                        break
                    row = t - 1
                    entry = table[head, row, c]
                    if (
                        row == best
                        or entry <= _PIVOT
                        or (beta[head, row] * best_entry - entry * best_beta)
                        * inverse_scale[basic[head, row]]
                        > tight * best_entry
                    ):
                        continue
                leaving = basic[head, row]
                key = (head_key & ~(one << np.uint64(entering))) | (one << np.uint64(leaving))
                # look the basis up in the hash table (open addressing, linear probing)
                slot = (((key & _LOW) * _ODD1 ^ (key >> _HALF) * _ODD2) >> _HALF) & slot_mask
                while slot_keys[slot] != 0 and slot_keys[slot] != key:
                    slot = (slot + one) & slot_mask
                if slot_keys[slot] == key:
                    degenerate_end = degenerate[slot_values[slot]]
                else:
                    if count == capacity:
                        return 2, masks[:found], bases[:found], close[:found]
                    # the dictionary after the slack of column c enters in place of the one of row
                    pivot = table[head, row, c]
                    beta[count, row] = beta[head, row] / pivot
                    for j in range(dim):
                        table[count, row, j] = table[head, row, j] / pivot
                    table[count, row, c] = 1.0 / pivot
                    for r in range(rows):
                        if r != row:
                            factor = table[head, r, c]
                            beta[count, r] = beta[head, r] - factor * beta[count, row]
                            for j in range(dim):
                                table[count, r, j] = table[head, r, j] - factor * table[count, row, j]
                            table[count, r, c] = -factor / pivot
                    basic[count] = basic[head]
                    nonbasic[count] = nonbasic[head]
                    basic[count, row] = entering
                    nonbasic[count, c] = leaving
                    mask = key
                    flagged = False
                    for r in range(rows):
                        relative = beta[count, r] * inverse_scale[basic[count, r]]
                        if relative < -tight:
                            return 1, masks[:found], bases[:found], close[:found]
                        if relative <= tight:  # a degenerate vertex: this slack is 0
                            beta[count, r] = 0.0
                            mask |= one << np.uint64(basic[count, r])
                        flagged |= tight < relative <= clear
                    degenerate_end = mask != key
                    slot = (((key & _LOW) * _ODD1 ^ (key >> _HALF) * _ODD2) >> _HALF) & slot_mask
                    while slot_keys[slot] != 0:
                        slot = (slot + one) & slot_mask
                    slot_keys[slot], slot_values[slot] = key, count
                    keys[count] = key
                    degenerate[count] = degenerate_end
                    # from a simple vertex to a simple one, that column only leads back
                    back[count] = -1 if degenerate_end or degenerate[head] else c
                    if not degenerate_end:  # a simple vertex has one basis: a new vertex
                        vertex = found
                        found += 1
                    elif mask in vertices:
                        vertex = vertices[mask]
                    else:
                        vertex = found
                        found += 1
                        vertices[mask] = vertex
                    if vertex == found - 1:
                        masks[vertex], bases[vertex], close[vertex] = mask, nonbasic[count], flagged
                    else:
                        close[vertex] |= flagged
                    vertex_of[count] = vertex
                    count += 1
                tied_end = tied_end or (t == 0 and degenerate_end)
        head += 1
    return 0, masks[:found], bases[:found], close[:found]


def continuations(polygon: np.ndarray, stage: np.ndarray, gains: np.ndarray, delta: float) -> np.ndarray:
    r"""The points whose convex hull is :math:`B(W)` in the Abreu–Sannikov iteration, for the
    convex polygon :math:`W` (``polygon``: at least 3 vertices, counterclockwise), as
    :func:`bargaining.games.repeated._continuations` gives them (see there).

    >>> square = np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]])
    >>> continuations(square, np.array([[1.0, 1.0], [2.0, 0.0]]), np.zeros((2, 2)), 0.5).tolist()
    [[1.0, 1.0], [1.0, 0.0], [1.5, 0.0], [1.5, 0.5], [1.0, 0.5], [1.0, 0.0]]
    """
    count, profiles = len(polygon), len(stage)
    low = np.empty(2)
    low[0], low[1] = polygon[:, 0].min(), polygon[:, 1].min()
    edges = np.empty((count, 2))
    normals = np.empty((count, 2))
    levels = np.empty(count)
    for i in range(count):
        following = (i + 1) % count
        edges[i, 0] = polygon[following, 0] - polygon[i, 0]
        edges[i, 1] = polygon[following, 1] - polygon[i, 1]
        length = np.hypot(edges[i, 0], edges[i, 1])
        normals[i, 0], normals[i, 1] = edges[i, 1] / length, -edges[i, 0] / length
        levels[i] = normals[i, 0] * polygon[i, 0] + normals[i, 1] * polygon[i, 1] + 1e-12
    points = np.empty((profiles * (2 * count + 1), 2))
    found = 0
    floor = np.empty(2)
    for a in range(profiles):
        floor[0], floor[1] = low[0] + gains[a, 0], low[1] + gains[a, 1]
        # u(a) incentive compatible and in W: a stationary point
        inside = stage[a, 0] >= floor[0] - 1e-12 and stage[a, 1] >= floor[1] - 1e-12
        for i in range(count):
            inside = inside and normals[i, 0] * stage[a, 0] + normals[i, 1] * stage[a, 1] <= levels[i]
        if inside:
            points[found] = stage[a]
            found += 1
            continue
        # the vertices of W in the quadrant w >= floor, the crossings of its edges with the
        # quadrant's sides, and the corner of the quadrant if it is in W
        for i in range(count):
            following = (i + 1) % count
            if polygon[i, 0] - floor[0] >= -1e-12 and polygon[i, 1] - floor[1] >= -1e-12:
                points[found, 0] = (1 - delta) * stage[a, 0] + delta * polygon[i, 0]
                points[found, 1] = (1 - delta) * stage[a, 1] + delta * polygon[i, 1]
                found += 1
            for axis in range(2):
                here = polygon[i, axis] - floor[axis]
                if (here >= -1e-12) != (polygon[following, axis] - floor[axis] >= -1e-12):
                    share = -here / edges[i, axis]
                    other = 1 - axis
                    cut = polygon[i, other] + share * edges[i, other]
                    if cut - floor[other] >= -1e-12:
                        points[found, axis] = (1 - delta) * stage[a, axis] + delta * (
                            polygon[i, axis] + share * edges[i, axis]
                        )
                        points[found, other] = (1 - delta) * stage[a, other] + delta * cut
                        found += 1
        corner = True
        for i in range(count):
            corner = corner and normals[i, 0] * floor[0] + normals[i, 1] * floor[1] <= levels[i]
        if corner:
            points[found, 0] = (1 - delta) * stage[a, 0] + delta * floor[0]
            points[found, 1] = (1 - delta) * stage[a, 1] + delta * floor[1]
            found += 1
    return points[:found]


def convex_hull(points: np.ndarray) -> np.ndarray:
    """The vertices of the convex hull of points in the plane, counterclockwise from the lowest
    (then leftmost), collinear points dropped, as :func:`bargaining.games.repeated._hull` gives
    them (Andrew's monotone chain, the same tolerance).

    >>> convex_hull(np.array([[0.0, 0.0], [2.0, 0.0], [1.0, 0.0], [1.0, 1.0], [1.0, 0.5]])).tolist()
    [[0.0, 0.0], [2.0, 0.0], [1.0, 1.0]]
    """
    # by x on a grid of a billionth of the largest coordinate, then y; each point once
    largest = np.abs(points).max() if len(points) else 0.0
    grid = 1e-9 * largest if largest > 0 else 1e-9
    order = np.argsort(points[:, 1], kind="mergesort")
    order = order[np.argsort(np.round(points[order, 0] / grid), kind="mergesort")]
    ordered = np.empty((len(points), 2))
    size = 0
    for k in order:
        if size == 0 or points[k, 0] != ordered[size - 1, 0] or points[k, 1] != ordered[size - 1, 1]:
            ordered[size] = points[k]
            size += 1
    if size <= 2:
        return ordered[:size].copy()
    flat = 1e-11 * largest**2 if largest > 0 else 1e-11
    cycle = np.empty((2 * size, 2))
    length = 0
    for direction in range(2):
        start = length
        for step in range(size):
            k = step if direction == 0 else size - 1 - step
            while length - start >= 2:
                o, p = cycle[length - 2], cycle[length - 1]  # drop p unless o, p, point turn left
                if (p[0] - o[0]) * (ordered[k, 1] - o[1]) - (p[1] - o[1]) * (ordered[k, 0] - o[0]) > flat:
                    break
                length -= 1
            cycle[length] = ordered[k]
            length += 1
        length -= 1  # each chain's last point is the next chain's first
    changed = True
    while changed and length > 3:  # the chains' ends are never tested: drop flat corners there too
        changed = False
        for k in range(length):
            o, p, q = cycle[k - 1 if k else length - 1], cycle[k], cycle[(k + 1) % length]
            if (p[0] - o[0]) * (q[1] - o[1]) - (p[1] - o[1]) * (q[0] - o[0]) <= flat:
                cycle[k : length - 1] = cycle[k + 1 : length].copy()
                length -= 1
                changed = True
                break
    first = 0
    for k in range(1, length):
        if cycle[k, 1] < cycle[first, 1] or (
            cycle[k, 1] == cycle[first, 1] and cycle[k, 0] < cycle[first, 0]
        ):
            first = k
    result = np.empty((length, 2))
    for k in range(length):
        result[k] = cycle[(first + k) % length]
    return result


def confirm_bases(
    systems: np.ndarray, rhs: np.ndarray, owners: np.ndarray, bases: np.ndarray, largest: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    r"""Each basis's vertex of the polytope ``systems[owner] z <= rhs[owner]`` (integers below
    ``largest`` in size), exactly, on 64-bit integers, as
    :func:`bargaining.games._proposal._confirm_batch` decides it (see there): with the basis
    matrix :math:`S`, :math:`D` its rounded floating determinant and :math:`K` the rounded
    :math:`D\, S^{-1}` (Gauss–Jordan elimination with partial pivoting), :math:`S K = D I` is
    checked in integers (bounds first), and the labels of :math:`z = K h_B / D` decided in
    integers.

    Returns ``(state, numerators, masks, levels)``: ``state`` 1 for a vertex (its integer
    coordinates over the dropped denominator, its label mask and :math:`G N` for every
    constraint on the scale of the denominator), 0 when the basis gives no feasible point other
    than the origin, -1 when 64 bits do not suffice or the floating inverse is too rough.

    >>> systems = np.array([[[2, 1], [1, 3], [-1, 0], [0, -1]]])
    >>> state, numerators, masks, _ = confirm_bases(systems, np.array([[1, 1, 0, 0]]), np.zeros(1, np.int64),
    ...                                             np.array([[0, 1]]), 3)
    >>> state.tolist(), numerators.tolist(), masks.tolist()
    ([1], [[2, 1]], [3])
    """
    count, dim = bases.shape
    constraints = systems.shape[1]
    state = np.full(count, -1, np.int64)
    numerators = np.zeros((count, dim), np.int64)
    masks = np.zeros(count, np.uint64)
    levels = np.zeros((count, constraints), np.int64)
    matrix = np.empty((dim, dim), np.int64)
    work = np.empty((dim, dim))
    inverse = np.empty((dim, dim))
    adjugate = np.empty((dim, dim), np.int64)
    for c in range(count):
        system = systems[owners[c]]
        for i in range(dim):
            for j in range(dim):
                matrix[i, j] = system[bases[c, i], j]
                work[i, j] = matrix[i, j]
                inverse[i, j] = 1.0 if i == j else 0.0
        # the floating determinant and inverse, by Gauss-Jordan elimination
        determinant = 1.0
        for column in range(dim):
            pivot = column
            for r in range(column + 1, dim):
                if abs(work[r, column]) > abs(work[pivot, column]):
                    pivot = r
            if work[pivot, column] == 0.0:
                determinant = 0.0
                break
            if pivot != column:
                determinant = -determinant
                for j in range(dim):
                    work[pivot, j], work[column, j] = work[column, j], work[pivot, j]
                    inverse[pivot, j], inverse[column, j] = inverse[column, j], inverse[pivot, j]
            lead = work[column, column]
            determinant *= lead
            for j in range(dim):
                work[column, j] /= lead
                inverse[column, j] /= lead
            for r in range(dim):
                factor = work[r, column]
                if r != column and factor != 0.0:
                    for j in range(dim):
                        work[r, j] -= factor * work[column, j]
                        inverse[r, j] -= factor * inverse[column, j]
        size = abs(determinant)
        if not (size >= 0.5 and size * largest * dim < 2.0**52):
            continue
        denominator = np.rint(determinant)
        biggest = 0.0
        for i in range(dim):
            for j in range(dim):
                value = np.rint(inverse[i, j] * denominator)
                biggest = max(biggest, abs(value))
                adjugate[i, j] = np.int64(value)
        # every product below stays within 64 bits: S K, N = K h_B and G N (|N| <= dim max|K|)
        if not biggest * (largest * dim * dim) < 2.0**62 or denominator == 0:
            continue
        whole = np.int64(denominator)
        # S K = D I with D != 0 proves S nonsingular (det S det K = D^dim) and K h / D its solution
        proven = True
        for i in range(dim):
            for j in range(dim):
                total = np.int64(0)
                for k in range(dim):
                    total += matrix[i, k] * adjugate[k, j]
                proven = proven and total == (whole if i == j else 0)
        if not proven:
            continue
        sign = np.int64(-1) if whole < 0 else np.int64(1)
        for i in range(dim):
            total = np.int64(0)
            for k in range(dim):
                total += adjugate[i, k] * rhs[owners[c], bases[c, k]]
            numerators[c, i] = sign * total
        whole *= sign
        feasible = False
        for i in range(dim):
            feasible = feasible or numerators[c, i] != 0
        mask = np.uint64(0)
        for r in range(constraints):
            total = np.int64(0)
            for k in range(dim):
                total += system[r, k] * numerators[c, k]
            levels[c, r] = total
            limit = rhs[owners[c], r] * whole
            feasible = feasible and total <= limit
            if total == limit:
                mask |= np.uint64(1) << np.uint64(r)
        masks[c] = mask
        state[c] = 1 if feasible else 0
    return state, numerators, masks, levels

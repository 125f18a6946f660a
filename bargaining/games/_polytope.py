r"""The best-response polytopes of a bimatrix game: the exact primitives (fraction-free solves,
the rebuild of a vertex on Python integers, the exact enumeration of every vertex), the float
vertices of small polytopes by solving every basis, the edge-closure check and the completely
labelled pairs (private to :mod:`bargaining.games.stage`; Qhull's proposal and the batched exact
confirmation are in :mod:`bargaining.games._proposal`).

A polytope is :math:`\{z \ge 0 : \text{payoff}\, z \le 1\}` with its labels numbered as in
:func:`bargaining.games.stage.equilibria`: a coordinate label says :math:`z_i = 0`, a payoff label
that row :math:`k` is tight. Floating point only proposes; every vertex kept is rebuilt exactly
and its labels are decided exactly.

>>> solve_exact([[2, 1], [1, 3]], [1, 1], 2)
[Fraction(2, 5), Fraction(1, 5)]
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import numpy as np

__all__ = [
    "BRUTE_FORCE_BASES",
    "Vertex",
    "best_responses",
    "closed_under_edges",
    "complete_pairs",
    "dot",
    "exact_vertex",
    "exact_vertices",
    "float_vertices",
    "label_masks",
    "normalised",
    "solve_exact",
    "solve_integer",
    "well_separated",
]

#: Below this many bases the vertices are found by solving every basis; above, by Qhull.
BRUTE_FORCE_BASES = 100
ZERO = Fraction(0)
Vertex = tuple[list[int], int, list[int]]  # integer coordinates, exact label mask, payoff rows at it


def solve_integer(rows: list[list[int]], rhs: list[int], size: int) -> tuple[list[int], int] | None:
    """The unique solution of a consistent integer system of rank ``size`` as integer numerators
    over one positive common denominator, or ``None``.

    Gauss-Jordan elimination without division (each row kept primitive by its gcd), so the
    arithmetic is on Python integers and exact.
    """
    if len(rows) == size:
        return solve_square(rows, rhs)
    matrix = [[*r[:], b] for r, b in zip(rows, rhs)]
    rank = 0
    for column in range(size):
        pivot = next((r for r in range(rank, len(matrix)) if matrix[r][column] != 0), None)
        if pivot is None:
            return None
        matrix[rank], matrix[pivot] = matrix[pivot], matrix[rank]
        lead_row = matrix[rank]
        lead = lead_row[column]
        for r in range(len(matrix)):
            factor = matrix[r][column]
            if r == rank or factor == 0:
                continue
            combined = [lead * v - factor * w for v, w in zip(matrix[r], lead_row)]
            divisor = math.gcd(*combined)
            matrix[r] = [v // divisor for v in combined] if divisor > 1 else combined
        rank += 1
    if any(matrix[r][size] != 0 for r in range(rank, len(matrix))):
        return None
    denominator = math.lcm(*(abs(matrix[i][i]) for i in range(size)))
    numerators = [matrix[i][size] * (denominator // matrix[i][i]) for i in range(size)]
    return numerators, denominator


def solve_square(rows: list[list[int]], rhs: list[int]) -> tuple[list[int], int] | None:
    """A square integer system by Bareiss's fraction-free elimination (every division exact) and
    fraction-free back substitution: the solution times the determinant is an integer vector
    (Cramer). ``None`` if the matrix is singular."""
    size = len(rows)
    matrix = [[*r, b] for r, b in zip(rows, rhs)]
    previous = 1
    for column in range(size):
        pivot = next((r for r in range(column, size) if matrix[r][column] != 0), None)
        if pivot is None:
            return None
        matrix[column], matrix[pivot] = matrix[pivot], matrix[column]
        lead_row = matrix[column]
        lead = lead_row[column]
        for r in range(column + 1, size):
            row = matrix[r]
            factor = row[column]
            matrix[r] = [(lead * v - factor * w) // previous for v, w in zip(row, lead_row)]
        previous = lead
    determinant = matrix[size - 1][size - 1]
    numerators = [0] * size
    for i in range(size - 1, -1, -1):
        row = matrix[i]
        rest = row[size] * determinant - sum(row[j] * numerators[j] for j in range(i + 1, size))
        numerators[i] = rest // row[i]
    if determinant < 0:
        return [-v for v in numerators], -determinant
    return numerators, determinant


def solve_exact(rows: list[list[int]], rhs: list[int], size: int) -> list[Fraction] | None:
    """:func:`solve_integer` as Fractions."""
    solution = solve_integer(rows, rhs, size)
    if solution is None:
        return None
    numerators, denominator = solution
    return [Fraction(v, denominator) for v in numerators]


# --------------------------------------------------------------------------- vertices


#: Relative slacks at most this are tight in floating point; above :data:`CLEAR` they are slack;
#: a slack in between is too close to call, and the exact enumeration decides.
TIGHT, CLEAR = 1e-9, 1e-5


def float_vertices(
    g: np.ndarray, h: np.ndarray, dim: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """Every vertex of ``{z : G z <= h}`` (bounded, full-dimensional) in floating point, by
    solving every basis of ``dim`` constraints (for small polytopes; larger ones go through Qhull,
    :func:`bargaining.games._proposal.propose`), with a flag for each vertex that has a slack too
    close to call (within :data:`CLEAR` of a constraint without being within :data:`TIGHT`; it
    must be confirmed exactly) and the basis that gave it, or ``None`` when a basis is too close
    to singular to call."""
    count = g.shape[0]
    scale = np.abs(g).max(initial=1.0)
    bases = np.array(list(itertools.combinations(range(count), dim)))
    systems = g[bases]
    determinants = np.abs(np.linalg.det(systems)) / scale**dim
    if np.any((determinants > 1e-14) & (determinants <= 1e-8)):
        return None
    good = determinants > 1e-14
    points = np.linalg.solve(systems[good], h[bases[good]][..., None])[..., 0]
    excess = (points @ g.T - h) / (1 + np.abs(h))
    feasible = np.all(excess <= CLEAR, axis=1)
    points, excess = points[feasible], np.abs(excess[feasible])
    close = np.any((excess > TIGHT) & (excess <= CLEAR), axis=1)
    return points, close, bases[good][feasible]


def label_masks(points: np.ndarray, g: np.ndarray, h: np.ndarray, tolerance: float = TIGHT) -> np.ndarray:
    tight = np.abs(points @ g.T - h) <= tolerance * (1 + np.abs(h))
    packed = np.zeros((len(points), 8), dtype=np.uint8)  # the bits of each row, least first
    packed[:, : (g.shape[0] + 7) // 8] = np.packbits(tight, axis=1, bitorder="little")
    masks: np.ndarray = packed.view("<u8")[:, 0].astype(np.uint64)
    return masks


def closed_under_edges(masks: np.ndarray, dim: int) -> bool:
    """Whether the vertices found (by their label masks) are closed under the edges leaving their
    simple vertices: at a vertex on exactly ``dim`` constraints each edge is the line of ``dim - 1``
    of its labels, and the other end of that edge must be found too (a vertex whose labels
    contain those ``dim - 1``; on a polytope only the edge's two ends do).

    The graph of a polytope is connected (Balinski 1961), so a vertex set containing the origin
    and closed under every edge contains every vertex. This checks the edges at simple vertices;
    a vertex missing while every one of its neighbours is degenerate would go unseen (degenerate
    vertices are rebuilt exactly, and their own labels checked, by the caller).
    """
    counts = np.bitwise_count(masks)
    simple, other = masks[counts == dim], masks[counts > dim]
    width = int(masks.max(initial=np.uint64(1))).bit_length()
    bits = np.left_shift(np.uint64(1), np.arange(width, dtype=np.uint64))
    # each edge at a simple vertex: its mask less one label
    edges = np.sort((simple[:, None] & ~bits[None, :])[(simple[:, None] & bits[None, :]) != 0])
    # an edge's two ends both simple: its key twice in the sorted list
    paired = np.zeros(len(edges), dtype=bool)
    twice = edges[1:] == edges[:-1]
    paired[1:] |= twice
    paired[:-1] |= twice
    lonely = edges[~paired]
    if len(lonely) and len(other):  # an end that is a degenerate vertex holds the edge's labels
        lonely = lonely[((lonely[:, None] & ~other[None, :]) != 0).all(axis=1)]
    return len(lonely) == 0


def well_separated(matrix: list[list[int]], array: np.ndarray | None = None) -> bool:
    """Whether floating point can tell the entries of a positive integer matrix apart with room to
    spare: every two distinct entries at least ``1e-9`` of the largest apart (Python integers, so
    no overflow; or ``array``, the matrix in 64-bit integers when its entries are below
    :math:`2^{31}`). Otherwise only the exact enumeration is used."""
    if array is not None:
        ordered = np.sort(array, axis=None)
        steps = np.diff(ordered)
        return bool(np.all((steps == 0) | (steps * 10**9 >= ordered[-1])))
    values = sorted({v for row in matrix for v in row})
    gaps = (right - left for left, right in itertools.pairwise(values))
    return values[-1] < 2**1000 and all(gap * 10**9 >= values[-1] for gap in gaps)


def exact_vertex(
    label_mask: int, payoff: list[list[int]], payoff_base: int, coordinate_base: int
) -> Vertex | None:
    r"""Rebuild a vertex of :math:`\{z \ge 0 : \text{payoff}\, z \le 1\}` exactly from its
    (float) tight labels.

    Label ``coordinate_base + i`` is :math:`z_i = 0` and ``payoff_base + k`` is
    :math:`(\text{payoff}\, z)_k = 1`. Only the support is solved for (the tight payoff rows
    over the nonzero coordinates), in integers. Returns the vertex's integer coordinates over a
    common denominator (dropped: a vertex is used up to scale), its exact labels and the payoff
    rows at it (:math:`\text{payoff}\, z` on the same scale), or ``None`` if the labels do not
    determine a feasible point other than the origin.
    """
    dim = len(payoff[0])
    support = [i for i in range(dim) if not label_mask >> (coordinate_base + i) & 1]
    tight = [k for k in range(len(payoff)) if label_mask >> (payoff_base + k) & 1]
    if not support:
        return None
    solution = solve_integer([[payoff[k][i] for i in support] for k in tight], [1] * len(tight), len(support))
    if solution is None:
        return None
    numerators, denominator = solution
    if any(v < 0 for v in numerators):
        return None
    vertex = [0] * dim
    for i, v in zip(support, numerators):
        vertex[i] = v
    exact_mask = 0
    for i, v in enumerate(vertex):
        if v == 0:
            exact_mask |= 1 << (coordinate_base + i)
    terms = [[row[i] * v for row in payoff] for i, v in zip(support, numerators)]
    values = list(map(sum, zip(*terms)))
    for k, value in enumerate(values):
        if value > denominator:
            return None
        if value == denominator:
            exact_mask |= 1 << (payoff_base + k)
    return vertex, exact_mask, values


def best_responses(x: list[int], y: list[int], row_values: list[int], column_values: list[int]) -> bool:
    """Whether ``x`` and ``y`` (unnormalised mixed strategies) are best responses to each other,
    given the row player's payoff of each row against ``y`` and the column player's payoff of each
    column against ``x`` (integers on one scale each): exact, no tolerance."""
    row_best, column_best = max(row_values), max(column_values)
    return all(row_values[i] == row_best for i, v in enumerate(x) if v) and all(
        column_values[j] == column_best for j, v in enumerate(y) if v
    )


def normalised(vertex: list[int]) -> tuple[Fraction, ...]:
    total = sum(vertex)
    return tuple(Fraction(v, total) if v else ZERO for v in vertex)


def dot(left: list[int], right: list[int]) -> int:
    return sum(v * w for v, w in zip(left, right) if v)


def complete_pairs(p_masks: np.ndarray, q_masks: np.ndarray, n: int, m: int) -> list[tuple[int, int]]:
    """The pairs of vertices (other than the origins) whose label masks cover all ``n + m`` labels;
    the masks of each polytope are distinct (a vertex is determined by its tight labels).

    A vertex with exactly the generic number of labels (``n`` in ``P``, ``m`` in ``Q``) can only
    complete with the vertex carrying the complementary labels, found by sorted lookup; vertices
    with more labels (degenerate, or noise) are matched against every vertex of the other polytope.
    """
    full = np.uint64((1 << (n + m)) - 1)
    origin_p, origin_q = np.uint64((1 << n) - 1), np.uint64(((1 << m) - 1) << n)
    p_ids = np.flatnonzero((p_masks & origin_p) != origin_p)
    q_ids = np.flatnonzero((q_masks & origin_q) != origin_q)
    p_count, q_count = np.bitwise_count(p_masks[p_ids]), np.bitwise_count(q_masks[q_ids])
    p_simple, q_simple = p_ids[p_count == n], q_ids[q_count == m]
    order = np.argsort(q_masks[q_simple], kind="stable")
    sorted_q = q_masks[q_simple][order]
    wanted = full ^ p_masks[p_simple]
    found = np.searchsorted(sorted_q, wanted)
    found_ok = found < len(sorted_q)
    hit = np.zeros(len(wanted), dtype=bool)
    hit[found_ok] = sorted_q[found[found_ok]] == wanted[found_ok]
    pairs = {(int(i), int(q_simple[order[k]])) for i, k in zip(p_simple[hit], found[hit])}
    p_other, q_other = p_ids[p_count != n], q_ids[q_count != m]
    for left, right in ((p_other, q_ids), (p_ids, q_other)):
        if len(left) and len(right):
            covered = (p_masks[left][:, None] | q_masks[right][None, :]) == full
            pairs.update((int(left[i]), int(right[j])) for i, j in zip(*np.nonzero(covered)))
    return sorted(pairs)


# --------------------------------------------------------------------------- exact enumeration

#: The exact enumeration gives up (and says so) beyond this many feasible bases of one polytope.
MAX_BASES = 200_000


def exact_vertices(payoff: list[list[int]], payoff_base: int, coordinate_base: int) -> list[Vertex]:
    r"""Every vertex of :math:`\{z \ge 0 : \text{payoff}\, z \le 1\}` (``payoff`` positive), other
    than the origin, exactly: a breadth-first search over the feasible bases with fraction-free
    integer pivoting (every division exact; Edmonds 1967), complete by construction since the
    graph of feasible bases of a polytope is connected, degenerate pivots included.

    Each basis is a tableau of rows :math:`D\, x_b + \sum_v t_{bv} x_v = c_b` over the nonbasic
    variables :math:`v`, one positive common denominator :math:`D`. From each basis every
    nonbasic variable is increased until a basic one reaches 0; each tied minimum ratio gives a
    feasible neighbour. Labels are numbered as in :func:`exact_vertex`.

    Raises
    ------
    ConvergenceError
        More than :data:`MAX_BASES` feasible bases: the game is too degenerate to be enumerated.

    >>> sorted(v[0] for v in exact_vertices([[2, 1], [1, 3]], 0, 2))
    [[0, 1], [1, 0], [2, 1]]
    """
    from ..core.errors import ConvergenceError

    rows, dim = len(payoff), len(payoff[0])
    # variables: z_i is dim-wide index i, slack of row r is dim + r; label of each variable
    label = [coordinate_base + i for i in range(dim)] + [payoff_base + r for r in range(rows)]
    width = dim + rows
    # a tableau: (basic variables in row order, denominator, rows as lists over all variables + rhs)
    start_rows = [[*payoff[r], *(1 if k == r else 0 for k in range(rows)), 1] for r in range(rows)]
    start = (tuple(range(dim, width)), 1, start_rows)
    seen = {frozenset(start[0])}
    queue = [start]
    found: dict[int, Vertex] = {}
    while queue:
        basis, denominator, table = queue.pop()
        basic = set(basis)
        values = [0] * width
        for b, row in zip(basis, table):
            values[b] = row[width]
        mask = 0
        for v in range(width):
            if values[v] == 0:
                mask |= 1 << label[v]
        if mask not in found and any(values[:dim]):
            coordinates = values[:dim]
            found[mask] = (coordinates, mask, [denominator - values[dim + r] for r in range(rows)])
        for entering in range(width):
            if entering in basic:
                continue
            ratios = [(row[width], row[entering], k) for k, row in enumerate(table) if row[entering] > 0]
            if not ratios:  # pragma: no cover - the polytope is bounded
                continue
            best = min(ratios, key=lambda t: Fraction(t[0], t[1]))
            for rhs, pivot, k in ratios:
                if rhs * best[1] != best[0] * pivot:
                    continue
                new_basis = (*basis[:k], entering, *basis[k + 1 :])
                key = frozenset(new_basis)
                if key in seen:
                    continue
                seen.add(key)
                if len(seen) > MAX_BASES:
                    raise ConvergenceError(
                        f"exact vertex enumeration: more than {MAX_BASES} feasible bases in one "
                        "best-response polytope; the game is too degenerate to be enumerated exactly"
                    )
                lead = table[k]
                new_table = [
                    lead
                    if r == k
                    else [(pivot * v - row[entering] * w) // denominator for v, w in zip(row, lead)]
                    for r, row in enumerate(table)
                ]
                queue.append((new_basis, pivot, new_table))
    return list(found.values())

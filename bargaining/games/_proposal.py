r"""The floating-point proposal of the completely labelled vertex pairs of a bimatrix game and
their exact confirmation, in batches (private to :mod:`bargaining.games.stage`).

Each best-response polytope :math:`\{z : G z \le h\}` (rows numbered by their labels) is
enumerated by Qhull on its polar, or by solving every basis when there are few; every vertex
comes with a **basis**: ``dim`` of its tight labels whose constraints are independent (the
points of the polar facet, or the basis solved). Floating point then only proposes:

* the vertices found must be closed under the edges leaving their simple vertices; on the
  Qhull path this is read off the facets' neighbours (each ridge of a facet of a simple vertex
  is an edge, and the neighbouring facet must hold the edge's ``dim - 1`` labels), elsewhere by
  :func:`~bargaining.games._polytope.closed_under_edges`;
* every vertex that is paired, has more than ``dim`` labels or a slack too close to call is
  **confirmed exactly** from its basis, all at once on 64-bit integers: with the basis matrix
  :math:`S` (integer), :math:`D` the rounded floating determinant and :math:`K` the rounded
  :math:`D\, S^{-1}`, the identity :math:`S K = D I` is checked in integer arithmetic (bounds
  checked first, so that nothing overflows). It proves :math:`S` nonsingular
  (:math:`\det S \det K = D^{\dim} \ne 0`) and :math:`z = K h_B / D` its unique solution,
  exactly; the labels of :math:`z` are then decided in integers (:math:`N = K h_B`,
  :math:`G N` against :math:`D`) and must be the ones floating point gave. A vertex whose
  numbers are too large for 64 bits is rebuilt on Python integers instead
  (:func:`~bargaining.games._polytope.exact_vertex`).

:func:`float_pairs` puts these together for a game and says ``None`` whenever floating point
cannot be trusted; :func:`exact_pairs` is the exact enumeration that then decides.

>>> import numpy as np
>>> g = np.array([[2.0, 1.0], [1.0, 3.0], [-1.0, 0.0], [0.0, -1.0]])
>>> found = propose(g, np.array([1.0, 1.0, 0.0, 0.0]), 2)
>>> sorted(int(v) for v in found.masks)
[3, 6, 9, 12]
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..core.compiled import compiled
from ._compiled import confirm_bases, vertex_search
from ._polytope import (
    BRUTE_FORCE_BASES,
    CLEAR,
    TIGHT,
    Vertex,
    closed_under_edges,
    complete_pairs,
    exact_vertex,
    exact_vertices,
    float_vertices,
    label_masks,
    well_separated,
)

__all__ = ["FloatPolytope", "confirm", "exact_pairs", "float_pairs", "propose", "qhull_facets"]

#: Qhull's options: no merging of facets, output kept despite precision warnings (about a third
#: faster than merging at n = 10); if Qhull fails, scipy's default for ``ConvexHull`` (merging;
#: ``Qx`` above dimension 4).
QHULL_FAST = "Q0 Po"
_POWERS = 2.0 ** np.arange(53)
_BITS = np.left_shift(np.uint64(1), np.arange(64, dtype=np.uint64))  # bit k of a label mask: label k
_LIMIT = 2**62  # 64-bit integer arithmetic is exact below this


@dataclass(frozen=True, slots=True)
class FloatPolytope:
    """The distinct vertices of a polytope found in floating point: label masks, a basis of each
    (``dim`` tight labels with independent constraints) and whether a slack is too close to call."""

    masks: np.ndarray
    bases: np.ndarray
    close: np.ndarray


def qhull_facets(points: np.ndarray, options: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The facets of the convex hull of ``points``: equations, simplices and neighbours.

    Qhull through scipy's ``_Qhull``, which ``scipy.spatial.ConvexHull`` wraps, without the
    hull's volume and area (a quarter of the time at dimension 10); through ``ConvexHull`` if
    that private interface is not there. Raises ``scipy.spatial.QhullError`` as Qhull does.
    """
    try:
        from scipy.spatial._qhull import _Qhull
    except ImportError:  # pragma: no cover - scipy's private interface moved
        from scipy.spatial import ConvexHull

        hull = ConvexHull(points, qhull_options=options)
        return hull.equations, hull.simplices, hull.neighbors
    qhull = _Qhull(b"i", np.ascontiguousarray(points, dtype=float), options.encode(), required_options=b"Qt")
    try:
        simplices, neighbors, equations, _, _ = qhull.get_simplex_facet_array()
    finally:
        qhull.close()
    return equations, simplices, neighbors


def propose(g: np.ndarray, h: np.ndarray, dim: int) -> FloatPolytope | None:
    """Every vertex of ``{z : G z <= h}`` (bounded, full-dimensional, an interior point near the
    origin) in floating point, by label mask, or ``None`` when floating point cannot tell: a basis
    too close to singular, Qhull failing, or the vertices not closed under edges."""
    count = g.shape[0]
    if math.comb(count, dim) <= BRUTE_FORCE_BASES or dim < 2:
        found = float_vertices(g, h, dim)
        if found is None:
            return None
        return _distinct(label_masks(found[0], g, h), found[2], found[1], dim)
    from scipy.spatial import QhullError

    center = np.full(dim, 1.0 / (dim * max(float(g.max()), 1.0) * 4.0))
    polar = g / (h - g @ center)[:, None]
    try:
        equations, simplices, neighbors = qhull_facets(polar, QHULL_FAST)
    except QhullError:
        try:
            equations, simplices, neighbors = qhull_facets(polar, "Qx" if dim > 4 else "")
        except QhullError:
            return None
    points = center - equations[:, :-1] / equations[:, -1:]
    scale = 1 + np.abs(h)
    excess = points @ (g / scale[:, None]).T - h / scale  # relative slack, negative inside
    slack = np.abs(excess)
    tight = slack <= TIGHT
    near = slack <= CLEAR
    close = np.zeros(len(tight), dtype=bool) if np.array_equal(near, tight) else np.any(near != tight, axis=1)
    masks = _pack(tight)
    if excess.max() > CLEAR:  # a facet infeasible: the long way
        keep = ~np.any(excess > CLEAR, axis=1)
        return _distinct(masks[keep], simplices[keep], close[keep], dim)
    # closed under edges, by the neighbours: across each ridge of a simple vertex's facet lies
    # the other end of that edge, which holds the ridge's dim - 1 labels (so it lacks exactly
    # the label opposite the ridge; this also checks that the facet's points are its labels)
    simple = np.bitwise_count(masks) == dim
    everywhere = simple.all()
    own = masks[:, None] if everywhere else masks[simple, None]
    across = masks[neighbors if everywhere else neighbors[simple]]
    if not np.array_equal(own & ~across, _BITS[simplices if everywhere else simplices[simple]]):
        return _distinct(masks, simplices, close, dim)
    if everywhere:
        return FloatPolytope(masks, simplices, close)
    # a degenerate vertex comes as several facets: one copy of each (a simple vertex is one facet)
    others = _distinct(masks[~simple], simplices[~simple], close[~simple], dim, closed=True)
    assert others is not None
    return FloatPolytope(
        np.concatenate([masks[simple], others.masks]),
        np.concatenate([simplices[simple], others.bases]),
        np.concatenate([close[simple], others.close]),
    )


def _distinct(
    masks: np.ndarray, bases: np.ndarray, close: np.ndarray, dim: int, closed: bool = False
) -> FloatPolytope | None:
    """One copy of each vertex (by its mask), checked closed under edges unless ``closed``; a
    vertex reported twice is close to call if either copy is."""
    unique, first, inverse = np.unique(masks, return_index=True, return_inverse=True)
    if not (closed or closed_under_edges(unique, dim)):
        return None
    flagged = np.zeros(len(unique), dtype=bool)
    flagged[inverse[close]] = True
    return FloatPolytope(unique, bases[first], flagged)


def _pack(tight: np.ndarray) -> np.ndarray:
    """The rows of a boolean matrix (at most 64 columns) as bit masks, column ``k`` bit ``k``
    (through a floating product below 54 columns: its sums of distinct powers of 2 are exact)."""
    width = tight.shape[1]
    masks: np.ndarray = (tight @ _POWERS[:width]).astype(np.uint64) if width < 54 else tight @ _BITS[:width]
    return masks


def confirm(
    sides: list[tuple[FloatPolytope, np.ndarray, list[list[int]], np.ndarray | None, int, int]],
    kernels: bool = True,
) -> list[dict[int, Vertex]] | None:
    r"""For each side ``(polytope, wanted, payoff, payoff_array, payoff_base, coordinate_base)``,
    the vertices ``wanted`` (indices into ``polytope``) of
    :math:`\{z \ge 0 : \text{payoff}\, z \le 1\}` rebuilt exactly, each with its exact labels,
    which must be the ones floating point gave; ``None`` if any is not (the float stage then
    cannot be trusted). ``payoff_array`` is the payoff in 64-bit integers (entries below
    :math:`2^{31}`) or ``None``. Labels are numbered as in :func:`~._polytope.exact_vertex`; the
    sides of one dimension are confirmed in one batch (:func:`_confirm_batch`; compiled if
    ``kernels`` and numba is there).
    """
    results: list[dict[int, Vertex]] = [{} for _ in sides]
    pending: list[list[int]] = [[] for _ in sides]
    groups: dict[int, list[int]] = {}
    for j, (_, wanted, _, array, _, _) in enumerate(sides):
        if array is None:
            pending[j] = [int(k) for k in wanted]
        elif len(wanted):
            groups.setdefault(array.shape[1], []).append(j)
    for members in groups.values():
        # each label's constraint G z <= h in integers: -e_i z <= 0, or payoff z <= 1
        systems, rhs = [], []
        for j in members:
            _, _, _, array, payoff_base, coordinate_base = sides[j]
            assert array is not None
            rows, dim = array.shape
            system = np.zeros((rows + dim, dim), dtype=np.int64)
            system[payoff_base : payoff_base + rows] = array
            system[coordinate_base + np.arange(dim), np.arange(dim)] = -1
            systems.append(system)
            rhs.append(np.where(system.max(axis=1) > 0, 1, 0))
        owners = np.concatenate([np.full(len(sides[j][1]), position) for position, j in enumerate(members)])
        bases = np.concatenate([sides[j][0].bases[sides[j][1]] for j in members])
        largest = max(int(sides[j][3].max()) for j in members)  # type: ignore[union-attr]
        confirmed = _confirm_batch(np.stack(systems), np.stack(rhs), owners, bases, largest, kernels)
        candidates = [(j, int(k)) for j in members for k in sides[j][1]]
        for (j, k), found in zip(candidates, confirmed):
            if found is None:
                pending[j].append(k)
            elif isinstance(found, bool) or found[1] != int(sides[j][0].masks[k]):
                return None
            else:
                results[j][k] = found
    for j, keys in enumerate(pending):  # numbers beyond 64 bits: on Python integers
        polytope, _, payoff, _, payoff_base, coordinate_base = sides[j]
        for k in keys:
            mask = int(polytope.masks[k])
            vertex = exact_vertex(mask, payoff, payoff_base, coordinate_base)
            if vertex is None or vertex[1] != mask:
                return None
            results[j][k] = vertex
    return results


def _confirm_batch(
    systems: np.ndarray,
    rhs: np.ndarray,
    owners: np.ndarray,
    bases: np.ndarray,
    largest: int,
    kernels: bool = True,
) -> list[Vertex | bool | None]:
    """Each basis's vertex of the polytope ``systems[owner] z <= rhs[owner]`` (integers; its last
    ``dim`` rows or its first are the coordinates' ``-z_i <= 0``), exactly, on 64-bit integers:
    the vertex (integer coordinates over a dropped denominator, its label mask, and the payoff
    rows at it on the same scale), ``False`` if the basis does not give a feasible point other
    than the origin, or ``None`` if 64 bits do not suffice (or the floating inverse is too rough
    to be confirmed). By :func:`~._compiled.confirm_bases` if ``kernels`` and numba is there."""
    kernel = compiled(confirm_bases) if kernels else None
    if kernel is not None:
        state, numerators, masks, levels = kernel(systems, rhs, owners, bases, largest)
        payoff_rows = systems.min(axis=2) >= 0  # the rows that are not a coordinate's -e_i
        return [
            None if s < 0 else (z, mask, [v for v, p in zip(level, payoff_rows[owner]) if p]) if s else False
            for s, z, mask, level, owner in zip(
                state.tolist(), numerators.tolist(), masks.tolist(), levels.tolist(), owners.tolist()
            )
        ]
    dim = systems.shape[2]
    matrices = systems[owners[:, None], bases]  # (C, dim, dim)
    values = rhs[owners[:, None], bases]
    floats = matrices.astype(float)
    determinants = np.linalg.det(floats)
    size = np.abs(determinants)
    usable = (size >= 0.5) & (size * largest * dim < 2**52)
    result: list[Vertex | bool | None] = [None] * len(bases)
    index = np.flatnonzero(usable)
    if not len(index):
        return result
    try:
        inverses = np.linalg.inv(floats[index])
    except np.linalg.LinAlgError:  # pragma: no cover - an exactly singular float basis
        return result
    denominator = np.rint(determinants[index])
    adjugates = np.rint(inverses * denominator[:, None, None])
    # every product below stays within 64 bits: S K, N = K h_B and G N (|N| <= dim max|K|)
    bounded = np.abs(adjugates).max(axis=(1, 2)) * (largest * dim * dim) < _LIMIT
    index, adjugates = index[bounded], adjugates[bounded].astype(np.int64)
    denominator = denominator[bounded].astype(np.int64)
    identity = np.eye(dim, dtype=np.int64)
    # S K = D I with D != 0 proves S nonsingular (det S det K = D^dim) and K h / D its solution
    proven = (denominator != 0) & (matrices[index] @ adjugates == denominator[:, None, None] * identity).all(
        axis=(1, 2)
    )
    index, denominator, adjugates = index[proven], denominator[proven], adjugates[proven]
    numerators = np.einsum("cij,cj->ci", adjugates, values[index])
    sign = np.where(denominator < 0, -1, 1)
    numerators *= sign[:, None]
    denominator *= sign
    owned = systems[owners[index]]
    levels = np.einsum("cld,cd->cl", owned, numerators)  # G N on the scale of the denominator
    limits = rhs[owners[index]] * denominator[:, None]
    feasible = (levels <= limits).all(axis=1) & numerators.any(axis=1)
    masks = _pack(levels == limits)
    coordinates = owned.min(axis=2) < 0  # the rows -e_i
    for k, ok, z, mask, level, payoff_rows in zip(
        index.tolist(), feasible.tolist(), numerators.tolist(), masks.tolist(), levels.tolist(), coordinates
    ):
        result[k] = (z, mask, [v for v, c in zip(level, payoff_rows.tolist()) if not c]) if ok else False
    return result


def float_pairs(
    a: list[list[int]], b_t: list[list[int]], n: int, m: int
) -> tuple[list[tuple[Vertex, Vertex]], bool] | None:
    """The completely labelled pairs of vertices and whether the game is degenerate, proposed in
    floating point and confirmed exactly, or ``None`` if any decision is too close to call or any
    exact check fails (then :func:`exact_pairs` decides).

    The payoffs must be told apart by floats with room to spare
    (:func:`~._polytope.well_separated`); the float vertices must be closed under the edges
    leaving their simple vertices (:func:`propose`); a vertex whose slacks are all
    within ``TIGHT`` of 0 or beyond ``CLEAR`` keeps its labels; every vertex with a slack in
    between, and every vertex that is paired or has more than the generic number of labels, is
    rebuilt exactly (:func:`confirm`) and must carry exactly the labels floating
    point gave it.
    """
    small = max(max(map(max, a)), max(map(max, b_t))) < 2**31  # positive: 64-bit arithmetic is safe
    a_array = np.array(a, dtype=np.int64) if small else None
    b_array = np.array(b_t, dtype=np.int64) if small else None
    if not (well_separated(a, a_array) and well_separated(b_t, b_array)):
        return None
    # The float polytopes, G z <= h, with their payoff rows scaled into (0, 1]; scaling a polytope
    # leaves its labels, and so the exact rebuild, unchanged.
    # P: labels 0..n-1 are x_i >= 0, labels n..n+m-1 are (B^T x)_j <= 1
    b_float = (b_array if b_array is not None else np.array(b_t, dtype=object)).astype(float)
    a_float = (a_array if a_array is not None else np.array(a, dtype=object)).astype(float)
    # the compiled kernels beyond the polytopes whose every basis numpy solves at once (well under
    # a millisecond: not worth numba's import); both polytopes have comb(n + m, n) bases
    large = math.comb(n + m, n) > BRUTE_FORCE_BASES and min(n, m) > 1
    p_side = _polytope(b_float / b_float.max(), n, 0, large)
    # Q: labels 0..n-1 are (A y)_i <= 1, labels n..n+m-1 are y_j >= 0
    q_side = _polytope(a_float / a_float.max(), 0, n, large) if p_side is not None else None
    if p_side is None or q_side is None:
        return None
    pairs = complete_pairs(p_side.masks, q_side.masks, n, m)
    # rebuilt exactly: the paired vertices, those with more than the generic number of labels
    # (they decide degeneracy, paired or not) and those with a slack too close to call
    sides = []
    for side, found, payoff, array, generic, bases, origin in (
        (0, p_side, b_t, b_array, n, (n, 0), np.uint64((1 << n) - 1)),
        (1, q_side, a, a_array, m, (0, n), np.uint64(((1 << m) - 1) << n)),
    ):
        wanted = np.zeros(len(found.masks), dtype=bool)
        wanted[[pair[side] for pair in pairs]] = True
        wanted |= (np.bitwise_count(found.masks) > generic) | found.close
        wanted &= (found.masks & origin) != origin
        sides.append((found, np.flatnonzero(wanted), payoff, array, *bases))
    rebuilt = confirm(sides, kernels=large)
    if rebuilt is None:
        return None
    degenerate = any(v[1].bit_count() > n for v in rebuilt[0].values()) or any(
        v[1].bit_count() > m for v in rebuilt[1].values()
    )
    return [(rebuilt[0][i], rebuilt[1][j]) for i, j in pairs], degenerate


def _polytope(
    payoff: np.ndarray, payoff_base: int, coordinate_base: int, large: bool
) -> FloatPolytope | None:
    r"""The vertices of :math:`\{z \ge 0 : \text{payoff}\, z \le 1\}` in floating point
    (``payoff`` scaled into (0, 1], labels numbered as in :func:`~._polytope.exact_vertex`): by
    the compiled pivoting search (:func:`~._compiled.vertex_search`) when numba is there, the
    polytope is ``large`` and the search can tell, else by :func:`propose` (every basis, or
    Qhull); ``None`` when floating point cannot tell."""
    rows, dim = payoff.shape
    search = compiled(vertex_search) if large else None
    # room for 2^(dim + 2) bases at first, at most about 32 MB of dictionaries (beyond, Qhull's
    # own bookkeeping is the leaner)
    capacity, most = 2 ** min(dim + 2, 20), 2**22 // (rows * dim + rows + dim)
    while search is not None and capacity <= most:
        status, masks, bases, close = search(payoff, payoff_base, coordinate_base, capacity, TIGHT, CLEAR)
        if status == 0:
            return FloatPolytope(masks, bases, close)
        capacity = capacity * 8 if status == 2 else most + 1  # more room, or Qhull
    g = np.zeros((rows + dim, dim))
    g[payoff_base : payoff_base + rows] = payoff
    g[coordinate_base + np.arange(dim), np.arange(dim)] = -1.0
    h = np.zeros(rows + dim)
    h[payoff_base : payoff_base + rows] = 1.0
    return propose(g, h, dim)


def exact_pairs(
    a: list[list[int]], b_t: list[list[int]], n: int, m: int
) -> tuple[list[tuple[Vertex, Vertex]], bool]:
    """The completely labelled pairs and degeneracy from the exact enumeration of every vertex
    of both polytopes (:func:`~._polytope.exact_vertices`): no floating point at all."""
    p_vertices, q_vertices = exact_vertices(b_t, n, 0), exact_vertices(a, 0, n)
    p_masks = np.array([v[1] for v in p_vertices], dtype=np.uint64)
    q_masks = np.array([v[1] for v in q_vertices], dtype=np.uint64)
    degenerate = any(v[1].bit_count() > n for v in p_vertices) or any(
        v[1].bit_count() > m for v in q_vertices
    )
    pairs = complete_pairs(p_masks, q_masks, n, m)
    return [(p_vertices[i], q_vertices[j]) for i, j in pairs], degenerate

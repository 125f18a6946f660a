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

from ._polytope import (
    BRUTE_FORCE_BASES,
    CLEAR,
    TIGHT,
    Vertex,
    closed_under_edges,
    exact_vertex,
    float_vertices,
    label_masks,
)

__all__ = ["FloatPolytope", "confirm", "propose", "qhull_facets"]

#: Qhull's options: no merging of facets, output kept despite precision warnings (about a third
#: faster than merging at n = 10); if Qhull fails, scipy's default for ``ConvexHull`` (merging;
#: ``Qx`` above dimension 4).
QHULL_FAST = "Q0 Po"
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
    excess = (points @ g.T - h) / (1 + np.abs(h))  # relative slack, negative inside
    slack = np.abs(excess)
    tight = slack <= TIGHT
    close = np.any(tight != (slack <= CLEAR), axis=1)
    masks = _pack(tight)
    if excess.max() > CLEAR or np.any(_BITS[simplices].sum(axis=1) & ~masks):
        # a facet infeasible or not at its own vertex: the long way
        keep = ~np.any(excess > CLEAR, axis=1)
        return _distinct(masks[keep], simplices[keep], close[keep], dim)
    # closed under edges, by the neighbours: across each ridge of a simple vertex's facet lies
    # the other end of that edge, which holds the ridge's dim - 1 labels and is another vertex
    simple = np.bitwise_count(masks) == dim
    own = masks[simple, None]
    across = masks[neighbors[simple]]
    if np.any(own & ~_BITS[simplices[simple]] & ~across) or np.any(across == own):
        return _distinct(masks, simplices, close, dim)
    if simple.all():
        return FloatPolytope(masks, simplices, close)
    return _distinct(masks, simplices, close, dim, closed=True)  # a degenerate vertex, several facets


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
    """The rows of a boolean matrix (at most 64 columns) as bit masks, column ``k`` bit ``k``."""
    masks: np.ndarray = tight @ _BITS[: tight.shape[1]]
    return masks


def confirm(
    polytope: FloatPolytope,
    wanted: np.ndarray,
    payoff: list[list[int]],
    payoff_base: int,
    coordinate_base: int,
) -> dict[int, Vertex] | None:
    r"""The vertices ``wanted`` (indices into ``polytope``) of
    :math:`\{z \ge 0 : \text{payoff}\, z \le 1\}` rebuilt exactly, each with its exact labels,
    which must be the ones floating point gave; ``None`` if any is not (the float stage then
    cannot be trusted). Labels are numbered as in :func:`~._polytope.exact_vertex`.
    """
    dim = len(payoff[0])
    rows = len(payoff)
    result: dict[int, Vertex] = {}
    if not len(wanted):
        return result
    largest = max(max(map(abs, r)) for r in payoff)
    pending = list(map(int, wanted))
    if largest < 2**31:
        # the constraint of each label as an integer row: e_i for z_i >= 0, the payoff row else
        system = np.zeros((rows + dim, dim), dtype=np.int64)
        rhs = np.zeros(rows + dim, dtype=np.int64)
        system[payoff_base : payoff_base + rows] = payoff
        rhs[payoff_base : payoff_base + rows] = 1
        system[coordinate_base + np.arange(dim), np.arange(dim)] = 1
        confirmed = _confirm_batch(system, rhs, polytope.bases[wanted], payoff_base, coordinate_base, largest)
        pending = []
        for k, found in zip(map(int, wanted), confirmed):
            if found is None:
                pending.append(k)
            elif found is False or found[1] != int(polytope.masks[k]):
                return None
            else:
                result[k] = found
    for k in pending:  # numbers beyond 64 bits: on Python integers
        mask = int(polytope.masks[k])
        vertex = exact_vertex(mask, payoff, payoff_base, coordinate_base)
        if vertex is None or vertex[1] != mask:
            return None
        result[k] = vertex
    return result


def _confirm_batch(
    system: np.ndarray,
    rhs: np.ndarray,
    bases: np.ndarray,
    payoff_base: int,
    coordinate_base: int,
    largest: int,
) -> list[Vertex | bool | None]:
    """Each basis's vertex, exactly, on 64-bit integers: the vertex, ``False`` if the basis does
    not give a feasible point other than the origin, or ``None`` if 64 bits do not suffice (or
    the floating inverse is too rough to be confirmed)."""
    dim = system.shape[1]
    matrices = system[bases]  # (C, dim, dim)
    values = rhs[bases]
    floats = matrices.astype(float)
    determinants = np.linalg.det(floats)
    usable = (np.abs(determinants) >= 0.5) & (np.abs(determinants) * largest * dim < 2**52)
    result: list[Vertex | bool | None] = [None] * len(bases)
    if not usable.any():
        return result
    index = np.flatnonzero(usable)
    try:
        inverses = np.linalg.inv(floats[index])
    except np.linalg.LinAlgError:  # pragma: no cover - an exactly singular float basis
        return result
    denominator = np.rint(determinants[index])
    adjugates = np.rint(inverses * denominator[:, None, None])
    # every product below stays within 64 bits: S K, N = K h_B and payoff N (|N| <= dim max|K|)
    bounded = np.abs(adjugates).max(axis=(1, 2)) * largest * dim * dim < _LIMIT
    index, denominator, adjugates = index[bounded], denominator[bounded].astype(np.int64), adjugates[bounded]
    adjugates = adjugates.astype(np.int64)
    identity = np.eye(dim, dtype=np.int64)
    proven = np.all(matrices[index] @ adjugates == denominator[:, None, None] * identity, axis=(1, 2))
    index, denominator, adjugates = index[proven], denominator[proven], adjugates[proven]
    numerators = np.einsum("cij,cj->ci", adjugates, values[index])
    sign = np.where(denominator < 0, -1, 1)
    numerators *= sign[:, None]
    denominator *= sign
    payoff = system[payoff_base : payoff_base + system.shape[0] - dim]
    levels = numerators @ payoff.T  # payoff z on the scale of the denominator; bounded as above
    feasible = np.all(numerators >= 0, axis=1) & np.all(levels <= denominator[:, None], axis=1)
    feasible &= np.any(numerators != 0, axis=1)
    tight = np.zeros((len(index), system.shape[0]), dtype=bool)
    tight[:, coordinate_base : coordinate_base + dim] = numerators == 0
    tight[:, payoff_base : payoff_base + payoff.shape[0]] = levels == denominator[:, None]
    masks = _pack(tight)
    for k, ok, z, mask, level in zip(index, feasible, numerators.tolist(), masks.tolist(), levels.tolist()):
        result[k] = (z, mask, level) if ok else False
    return result

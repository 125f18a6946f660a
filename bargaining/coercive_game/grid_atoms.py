r"""Where the grid's pure cut-offs between atoms are provably the exact (mixing) equilibrium.

The grid solver keeps C's cut-off on the boundaries :math:`a_0 = 0 < a_1 < \dots < a_n = 1`
between atoms; the exact solver (:mod:`~bargaining.coercive_game.quantile`) lets it fall inside an
atom, where the marginal type mixes, and lets a state carry a side (C's next move from below or
above a cut-off, or C's randomisation :math:`\lambda` under a committed demand). This module
checks, node by node and vectorised over the cut-offs, a sufficient condition under which the
two are the same equilibrium; where it fails, the grid cannot vouch for its answer.

**The condition.** Write C's value unnormalised, :math:`\tilde V_t(u)`. Suppose that at
:math:`t + 1`, on every front, :math:`\tilde V_{t+1}` is linear on every atom (no breakpoint
strictly inside one) and equals the grid's values at the boundaries, and that T's values are
constant inside each atom (the grid keeps them as one row per atom, ``inner``). Then the
exact solver's candidate cut-offs at :math:`t` are the boundaries only, and at a boundary
:math:`a_k` three continuations: the exact cut-off (side ``None``, the grid's), the limit from
below (the marginal atom :math:`k - 1` exactly indifferent against its refusal into the
interior of atom :math:`k - 1`) and the limit from above (atom :math:`k` exactly indifferent
against its refusal into the interior of atom :math:`k`). C's refusal value is the same on every
side (its value is continuous in the cut-off), so a side's move differs from the grid's only by
its offer :math:`x = 1 + qs - R_T(\text{marginal})`, valid when :math:`0 \le x \le 1` (a capped
offer leaves the marginal type strictly willing, not indifferent). Each move's value is linear
in the cut-off :math:`u` inside atom :math:`j`: :math:`(a_k - u)(x - \kappa q s) + \tilde R_C(a_k)`,
and not settling is the linear interpolation of :math:`\tilde R_C` between the boundaries. So at
:math:`t`:

1. **no side** is worth more from a boundary state than the grid's move (the exact tie rule:
   a larger cut-off first, then the exact cut-off before a side);
2. **no breakpoint inside an atom** (needed for :math:`t \ge 1` only, the state at :math:`t = 0`
   being the boundary 0): C's value is the upper envelope of the lines above, convex, so it is
   linear on atom :math:`j` iff the line best just right of :math:`a_j` (ties: the larger slope)
   is still best at :math:`a_{j+1}`, whose value there is the grid's value at :math:`a_{j+1}`;
3. under a **committed demand** (an ultimatum before its deadline) the exact solver takes the
   largest consistent cut-off, a boundary whose marginal type complies and whose next type
   refuses, either against the exact cut-off (the grid's test) or, failing that, against C's
   randomisation :math:`\lambda` between its moves from below and above next period, the
   :math:`\lambda` leaving the marginal type indifferent; no :math:`\lambda`-consistent
   boundary may lie above the grid's cut-off;
4. inside an atom where C settles no one, the exact solver's own checks hold there too: single
   crossing of T's refusal values into the atom's interior and, under a committed demand, the
   marginal type's strict preference to refuse (else the exact solver raises, and so must the
   grid).

Under 1–4 the induction carries to :math:`t` (the envelope's piece on each atom gives T's
values inside it), so if they hold at every node the grid's equilibrium is the exact one on
every output. Where one fails the exact solver may mix there — or may not: the condition is
sufficient, not necessary (a breakpoint inside an atom that C never chooses changes nothing),
and deciding it would take the exact solver's piecewise-linear values inside the atoms.
Comparisons use the tolerance ``tie`` on the unnormalised values; a near-tie counts as a
failure (never a silent different answer).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from .quantile import _Quantiles

if TYPE_CHECKING:
    from .model import CoerciveGame
    from .results import GameSolution

__all__: list[str] = []

EXACT_BUDGET = 500_000
"""The exact solver's work the grid spends on a game it cannot vouch for: the sum over the exact
solver's nodes of the square of its breakpoints there (its cost per node), about 2 to 10
microseconds a unit. Measured in floats: 8 types, 72 periods and margin 10 under try-and-see,
1.6e5, and the two-period game on 200 types, 2.1e5, take 2 s each; the screw multiplies the
breakpoints (2 types over 72 periods: 1.9e6, 6 s), which is why the work is counted as it goes
and not predicted."""


@dataclass(frozen=True)
class AtomFailure:
    """A node where the grid cannot vouch that pure cut-offs are the equilibrium."""

    period: int
    front: int
    atom: int
    rule: str

    def message(self) -> str:
        """The error's text, naming the node and the rule."""
        return (
            f"at node (t={self.period}, front={self.front}, atom={self.atom}) {self.rule}: the exact "
            "equilibrium may have the marginal type mix inside an atom, which the grid's cut-offs "
            "between atoms cannot represent; CoerciveGame.solve gives the mixing equilibrium "
            "(pure_cutoffs=True keeps the grid's cut-offs between atoms as an approximation; for a "
            "quantile grid of a continuous prior, continuous=True or pure_cutoffs=True)"
        )


_KINK = "C's value has a breakpoint inside the atom"
_SIDE = "C's best offer rests on its next move from one side of a cut-off, not on the exact cut-off"
NO_PURE = "no pure cut-off answers the committed demand"
_LAMBDA = "the committed demand is answered by a larger cut-off only if C randomises next period"
_CROSSING = "single crossing fails inside the atom"


def patient_check(
    t: int,
    tails: np.ndarray,
    refuse_c: np.ndarray,
    inner_t: np.ndarray,
    moves: tuple[np.ndarray, np.ndarray, np.ndarray],
    value_c: np.ndarray,
    value_t: np.ndarray,
    carrot_t: float,
    carrot_c: float,
    tie: float,
) -> tuple[np.ndarray, int | None, str]:
    """Conditions 1, 2 and 4 at one node of a patient period (C re-optimises).

    ``tails`` the prior mass from each boundary on (:math:`n + 1`), ``refuse_c`` C's normalised
    refusal value by belief (:math:`n + 1`), ``inner_t`` T's refusal values into the interior of
    each atom (rows), ``moves`` the grid's cut-off by belief and its candidate offers and their
    validity by cut-off (:math:`n + 1`), ``value_c``/``value_t`` the grid's values by belief.
    Returns T's values inside each atom (for the period before), the first failing atom (or
    None) and its rule.

    A side's move at :math:`a_k` differs from the exact cut-off's only by its offer, so it can
    beat the grid's move only where it offers C more than the exact cut-off's valid offer (or that
    one is invalid): only those columns are evaluated. The piece of the envelope on atom
    :math:`j` is the grid's move there unless another line beats it at :math:`a_{j+1}`, where
    the envelope's value is the grid's value at :math:`a_{j+1}`: :math:`O(n)`.
    """
    cut, offer, valid = moves
    n = len(cut)
    rows, ks = np.arange(n), np.arange(n + 1)
    mass = tails * refuse_c  # C's unnormalised refusal value at each boundary
    best = tails[:n] * value_c  # the grid's unnormalised values
    scale = tie * np.maximum(1.0, np.abs(best))
    # 1. the sides: from below (marginal k - 1) and from above (marginal k), each indifferent
    side = np.zeros(n, dtype=bool)
    diagonal = np.diagonal(inner_t)
    for marginal, k in ((ks[1:] - 1, ks[1:]), (rows[1:], rows[1:])):
        x = 1 + carrot_t - diagonal[marginal]
        dangerous = (x >= -tie) & (x <= 1 + tie) & (~valid[k] | (x > offer[k] + tie))
        if not dangerous.any():
            continue
        k, x = k[dangerous], x[dangerous]
        values = (tails[:n, None] - tails[None, k]) * (x - carrot_c) + mass[k]
        values = np.where(k[None, :] > rows[:, None], values, -np.inf)
        beats = values > (best + scale)[:, None]
        ties = (values >= (best - scale)[:, None]) & (k[None, :] > cut[:, None])
        side |= (beats | ties).any(axis=1)
    if t == 0:
        side[1:] = False  # only the boundary 0 is a state at t = 0
    # 2. a breakpoint inside atom j: the grid's line falls short of the envelope at a_{j+1}
    kink = np.zeros(n, dtype=bool)
    if t >= 1:
        width = tails[:-2] - tails[1:-1]
        stays = cut[:-1] == rows[:-1]
        slope = -(np.nan_to_num(offer[cut[:-1]]) - carrot_c)
        right = np.where(stays, mass[1:n], best[:-1] + slope * width)
        kink[:-1] = right < best[1:] - scale[1:]
    stays = cut == rows
    inner = np.where(stays[:, None], inner_t[:n], value_t)  # the piece's move inside atom j
    crossing = _crossing(inner_t, stays, tie)
    return _first_failure(inner, (side, _SIDE), (kink, _KINK), (crossing, _CROSSING))


def _first_failure(inner: np.ndarray, *checks: tuple[np.ndarray, str]) -> tuple[np.ndarray, int | None, str]:
    """``inner`` with the first atom where a check fails and that check's rule (the first listed
    that fails there), or ``None`` and ``""`` when every check holds."""
    failing = np.logical_or.reduce([mask for mask, _ in checks])
    if not failing.any():
        return inner, None, ""
    j = int(np.argmax(failing))
    return inner, j, next(rule for mask, rule in checks if mask[j])


def _crossing(inner_t: np.ndarray, stays: np.ndarray, tie: float) -> np.ndarray:
    """The atoms inside which no one settles and refusing gains less for a more resolute type
    (the exact solver's single-crossing check there fails)."""
    n = len(stays)
    drops = np.diff(inner_t[:n], axis=1) < -tie  # (j, i): type i + 1 below type i
    if not drops.any():
        return np.zeros(n, dtype=bool)
    return stays & (drops & (np.arange(n - 1)[None, :] >= np.arange(n)[:, None])).any(axis=1)


def committed_check(
    accept: float,
    inner_t: np.ndarray,
    cut: np.ndarray,
    value_t: np.ndarray,
    tie: float,
) -> tuple[np.ndarray, int | None, str]:
    """Conditions 3 and 4 at one node before an ultimatum's deadline: no boundary consistent with
    the committed demand only under C's randomisation above the grid's cut-off. ``accept`` is T's
    value of complying; the rest as in :func:`patient_check`."""
    n = len(cut)
    rows = np.arange(n)
    k = rows[1:]  # boundaries a_1 .. a_{n-1} (a_n = 1 is never a randomisation)
    low, high = inner_t[k - 1], inner_t[k]  # refusal values from below and from above
    gap = low[np.arange(n - 1), k - 1] - high[np.arange(n - 1), k - 1]
    with np.errstate(divide="ignore", invalid="ignore"):
        lam = (accept - high[np.arange(n - 1), k - 1]) / gap
        mixed_next = lam * low[np.arange(n - 1), k] + (1 - lam) * high[np.arange(n - 1), k]
        random = (np.abs(gap) > tie) & (lam >= -tie) & (lam <= 1 + tie) & (accept < mixed_next + tie)
    consistent = np.zeros(n + 1, dtype=bool)
    consistent[1:n] = random
    index = np.where(consistent, np.arange(n + 1), -1)
    largest = np.maximum.accumulate(index[::-1])[::-1]  # the largest randomised k >= position
    randomised = largest[rows + 1] > cut
    stays = cut == rows
    inner = np.where(stays[:, None], np.maximum(inner_t[:n], accept), value_t)
    refused = stays & ~(accept < np.diagonal(inner_t)[:n] - tie)  # inside the atom, type j complies
    crossing = _crossing(inner_t, stays, tie)
    return _first_failure(inner, (randomised, _LAMBDA), (refused, NO_PURE), (crossing, _CROSSING))


def least_work(types: int, fronts: list[list[int]], horizon: int) -> int:
    """A lower bound on the exact solver's work (:data:`EXACT_BUDGET`'s units): every node has at
    least the :math:`n + 1` boundaries between atoms as breakpoints."""
    return (types + 1) ** 2 * sum(len(fronts[t]) for t in range(horizon + 1))


def in_floats(solution: GameSolution) -> GameSolution:
    """An exact solution's outputs as floats (the grid's kind), without its nodes."""
    changes: dict[str, Any] = {"nodes": {}}
    for item in dataclasses.fields(solution):
        value = getattr(solution, item.name)
        if item.name in ("strategy", "subjective", "nodes") or value is None:
            continue
        changes[item.name] = tuple(float(v) for v in value) if isinstance(value, tuple) else float(value)
    return dataclasses.replace(solution, **changes)


class _OverBudgetError(Exception):
    """The exact solver's work passed :data:`EXACT_BUDGET`."""


class _Bounded(_Quantiles):
    """The exact solver, stopped once its work passes ``budget``."""

    def __init__(self, game: CoerciveGame, strategy: Any, budget: int) -> None:
        super().__init__(game, strategy)
        self.budget, self.work = budget, 0

    def build(self, t: int, m: int) -> None:
        super().build(t, m)
        self.work += len(self.levels[(t, m)].points) ** 2
        if self.work > self.budget:
            raise _OverBudgetError


def unvouched(game: CoerciveGame, strategy: Any, failures: list[AtomFailure], least: int) -> GameSolution:
    """The answer where the check failed: the exact solver's, in floats, when its work stays
    within :data:`EXACT_BUDGET` (``least`` a lower bound on it, :func:`least_work`), else
    :class:`NotImplementedError` naming the first failing node found (the latest period's)."""
    others = f" (and {len(failures) - 1} other nodes)" if len(failures) > 1 else ""
    if least <= EXACT_BUDGET:
        solver = _Bounded(game, strategy, EXACT_BUDGET)
        try:
            solver.backward_levels()
        except _OverBudgetError:
            others += "; the exact solver stopped past the grid's budget for it"
        else:
            return in_floats(solver.forward_pass())
    raise NotImplementedError(failures[0].message() + others)

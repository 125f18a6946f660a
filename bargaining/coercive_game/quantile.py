r"""The exact solver: backward induction on the quantile cut-off, the marginal type mixing at atoms.

The state is :math:`(t, m, u)`: the period, the front and the cut-off :math:`u \in [0, 1]`, the
prior mass of the least resolute types that have settled; C's belief is the prior truncated to
the types above :math:`u`. With atoms (finitely many types; complete information is one atom)
:math:`u` may fall inside an atom: the marginal type then **mixes**, and the fraction of its atom
below :math:`u` is its probability of having settled. The values and refusal values of
:mod:`bargaining.coercive_game.exact` become functions of :math:`u`, and they are computed exactly
as such.

**Why finitely many cut-offs suffice.** Write C's value unnormalised (summed over the prior mass
still in the game, not divided by it). At :math:`(t, m)` C's value from a cut-off :math:`u` to a
cut-off :math:`u'` at the offer :math:`x(u') = 1 + qs - R_T(i; u')` that leaves the marginal type
:math:`i` indifferent (Fudenberg, Levine & Tirole 1985; Gul, Sonnenschein & Wilson 1986) is

.. math:: \sum_a \bigl|[u, u') \cap A_a\bigr|\,(x(u') - \kappa q s) + \tilde R_C(u'),

with :math:`A_a` the atoms. By induction on :math:`t` the next period's values are piecewise
linear in the cut-off (C's) and piecewise constant (T's), with finitely many breakpoints, so for
a fixed :math:`u` this is linear in :math:`u'` between breakpoints (and atom boundaries) and C's
best :math:`u'` is a breakpoint; for a fixed :math:`u'` it is linear in :math:`u`, so C's value
is the upper envelope of finitely many lines, computed exactly, and its kinks are the new
breakpoints. A breakpoint :math:`\beta` of the next period is a cut-off at which C is
**indifferent** between two moves (C's value is continuous in the cut-off). Choosing
:math:`u' = \beta` inside an atom is the marginal type's mixing: it settles with probability
:math:`(\beta - a_i)/w_i` (:math:`a_i, w_i` the atom's start and mass), exactly the probability
that leaves C indifferent next period. C's next move there is the one (of the two it is
indifferent between) that makes today's offer optimal: the limit of :math:`u' \uparrow \beta`
or of :math:`u' \downarrow \beta`, whichever is worth more today (the state carries that side,
``1`` from below, ``0`` from above). Such a limit needs the marginal type on that side exactly
indifferent (a mixing type is indifferent; an offer capped at 1 leaves it strictly willing, and
then its whole atom settles), and its offer must be taken by a lower set of types, or it is not
a limit of cut-offs and is left out. At an exact cut-off (side ``None``) the tie rule below holds.
Under a committed demand (an ultimatum before its deadline) the cut-off is the largest
consistent one; where none is pure, the marginal type is exactly indifferent and C randomises
its two moves next period with the probability :math:`\lambda` that makes it so (the state's
side is that :math:`\lambda`). The mixing cut-off of the two-period game is derived in
:func:`bargaining.coercive_game.specification.derive_mixing`.

Ties: T accepts when indifferent; C takes the largest acceptance set; a refusal no type should
make puts C's belief on the most resolute type (the cut-off 1, from below). In floats, moves
worth the same within the tolerance ``1e-12`` are tied, so that rounding does not break a tie
that exact arithmetic keeps. Skimming and single
crossing are checked at every node as in :mod:`~bargaining.coercive_game.exact`, and a node
where they fail at an exact cut-off raises :class:`NotImplementedError` naming it.

The cost grows with the number of breakpoints, which each period can add to: this is the solver
for small games (a few types, periods and front positions); the grid solver
(:mod:`~bargaining.coercive_game.grid`) is the fast one.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .exact import _odds, _Solver
from .results import GameSolution, Node

if TYPE_CHECKING:
    from .model import CoerciveGame

__all__ = ["solve_exact"]

LEFT, RIGHT = 1, 0
"""A state's side at a breakpoint: C's probability of the move of the cut-offs just below (1) or
just above (0); ``None`` is the exact cut-off, where C's tie goes to the largest acceptance set."""


@dataclass(frozen=True, slots=True)
class _Move:
    """C's move: settle up to ``target`` (the next state entered from ``side``) at ``offer``;
    ``target`` None: no one settles. ``committed``: the ultimatum's demand stands."""

    target: Any
    side: Any
    offer: Any
    committed: bool = False


@dataclass(frozen=True, slots=True)
class _Level:
    """C's policy at one ``(t, m)``: sorted breakpoints from 0 to 1, one move per open interval
    and the move at each breakpoint itself (the tie rule's)."""

    points: tuple[Any, ...]
    moves: tuple[_Move, ...]
    exact: tuple[_Move, ...]


class _Quantiles(_Solver):
    """One strategy of one game on the continuous cut-off (atoms: the game's types)."""

    def __init__(self, game: CoerciveGame, strategy: Any) -> None:
        super().__init__(game, strategy, 1)
        bounds = [self.zero]
        for weight in game.weights:
            bounds.append(bounds[-1] + weight)
        bounds[-1] = self.one
        self.bounds = bounds
        self.levels: dict[tuple[int, int], _Level] = {}
        self.cache: dict[tuple[int, int, Any, Any], tuple[Any, list[Any]]] = {}
        self.refusals: dict[tuple[int, int, Any, Any], tuple[Any, list[Any]]] = {}
        self.candidates: dict[tuple[int, int, int, Any], list[tuple[Any, Any, Any, int]]] = {}
        self.tolerance = 1e-12 if game.kind == "float" else 0  # floats: breakpoints closer merge

    # ------------------------------------------------------------------ the atoms

    def _atom_above(self, u: Any) -> int:
        """The atom holding the types just above ``u`` (the last one at ``u = 1``)."""
        return next((i for i in range(self.n) if u < self.bounds[i + 1]), self.n - 1)

    def _atom_below(self, u: Any) -> int:
        """The atom holding the types just below ``u > 0``: the marginal type of a cut-off ``u``."""
        return next(i for i in range(self.n) if u <= self.bounds[i + 1])

    def _remaining(self, atom: int, u: Any) -> Any:
        """The prior mass of ``atom`` above the cut-off ``u``."""
        return max(self.zero, self.bounds[atom + 1] - max(u, self.bounds[atom]))

    def _settled_value(self, u: Any, q: Any, accept_c: list[Any]) -> Any:
        """C's unnormalised value of the types in ``[u, q)`` settling."""
        if not self.typed:  # every type is worth the same to C
            return (q - u) * accept_c[0]
        return sum(
            ((self._remaining(a, u) - self._remaining(a, q)) * accept_c[a] for a in range(self.n)), self.zero
        )

    # ------------------------------------------------------------------ values of a state

    def _flows(self, t: int, m: int) -> tuple[Any, list[Any], bool]:
        game, delta = self.game, self.game.discount
        calm = t <= self.calm_until
        share = game._convert(game.status_quo) if calm else game.share(m)
        cost_c = self.zero if calm else game.cost_coercer + game.screw_cost * self.gamma * t
        flow_c = (1 - delta) * (share - cost_c)
        flows_t = []
        for i in range(self.n):
            cost_t = self.zero if calm else self.base_cost[i] + self.gamma * t
            value = (1 - delta) * (1 - share - cost_t)
            if t == self.deadline:
                value -= self.execution * self.loss[i]
            flows_t.append(value)
        if t == self.deadline:
            flow_c += self.threat_value
        return flow_c, flows_t, calm

    def _refusal(self, t: int, m: int, q: Any, side: Any) -> tuple[Any, list[Any]]:
        """(C's unnormalised, T's by type) value of refusing at ``(t, m)`` into the cut-off ``q``."""
        key = (t, m, q, side)
        if key in self.refusals:
            return self.refusals[key]
        game, delta = self.game, self.game.discount
        flow_c, flows_t, calm = self._flows(t, m)
        mass = 1 - q
        if game.margin is None or calm:
            nxt_c, nxt_t = self._value(t + 1, m, q, side)
        else:
            battles = self._battles(t)
            wins = (m - game.start_front + battles) // 2
            p_c = _odds(game.prior_coercer, game.true_odds, wins, battles)
            p_t = _odds(game.prior_target, game.true_odds, wins, battles)
            (win_c, win_t), (lose_c, lose_t) = (
                self._value(t + 1, moved, q, side) for moved in (m + 1, m - 1)
            )
            nxt_c = p_c * win_c + (1 - p_c) * lose_c
            nxt_t = [p_t * a + (1 - p_t) * b for a, b in zip(win_t, lose_t, strict=True)]
        result = (mass * flow_c + delta * nxt_c, [f + delta * v for f, v in zip(flows_t, nxt_t, strict=True)])
        self.refusals[key] = result
        return result

    def _value(self, t: int, m: int, u: Any, side: Any) -> tuple[Any, list[Any]]:
        """(C's unnormalised, T's by type) equilibrium value at the state ``(t, m, u)`` and side."""
        game = self.game
        if game.margin is not None and m >= game.margin:
            return 1 - u, [self.zero] * self.n
        if game.margin is not None and m <= -game.margin:
            return self.zero, [self.one] * self.n
        if t > game.horizon:
            coercer, target = self._forever(t, m)
            return (1 - u) * coercer, list(target)
        key = (t, m, u, side)
        if key not in self.cache:
            values = [
                (chance, self._move_value(t, m, u, move, keep))
                for chance, move, keep in self._moves(t, m, u, side)
            ]
            coercer = sum((c * v[0] for c, v in values), self.zero)
            target = [sum((c * v[1][i] for c, v in values), self.zero) for i in range(self.n)]
            self.cache[key] = (coercer, target)
        return self.cache[key]

    def _moves(self, t: int, m: int, u: Any, side: Any) -> list[tuple[Any, _Move, Any]]:
        """C's move(s) at a state: (probability, move, the side a move without settlement keeps)."""
        level = self.levels[(t, m)]
        points, moves = level.points, level.moves
        index = next(k for k in range(len(points)) if u <= points[k])
        if u != points[index]:
            return [(self.one, moves[index - 1], None)]
        if side is None:
            return [(self.one, level.exact[index], None)]
        left = moves[index - 1] if index > 0 else moves[index]
        right = moves[index] if index < len(moves) else moves[index - 1]
        out = []
        if side != RIGHT:
            out.append((self.one * side, left, LEFT))
        if side != LEFT:
            out.append((1 - self.one * side, right, RIGHT))
        return out

    def _move_value(self, t: int, m: int, u: Any, move: _Move, keep: Any) -> tuple[Any, list[Any]]:
        if move.target is None:
            refuse_c, refuse_t = self._refusal(t, m, u, keep)
            if not move.committed:
                return refuse_c, refuse_t
            accept_t = self._settled(m, move.offer, committed=True)[0]
            return refuse_c, [r if r > a else a for r, a in zip(refuse_t, accept_t, strict=True)]
        refuse_c, refuse_t = self._refusal(t, m, move.target, move.side)
        accept_t, accept_c = self._settled(m, move.offer, committed=move.committed)
        coercer = self._settled_value(u, move.target, accept_c) + refuse_c
        return coercer, [r if r > a else a for r, a in zip(refuse_t, accept_t, strict=True)]

    # ------------------------------------------------------------------ C's policy at (t, m)

    def _cutoffs(self, t: int, m: int) -> list[Any]:
        """The breakpoints of the next period's values (and the atoms' boundaries)."""
        game = self.game
        if t + 1 > game.horizon:
            return list(self.bounds)
        if game.margin is None or t <= self.calm_until:
            nexts = [m]
        else:
            nexts = [moved for moved in (m + 1, m - 1) if -game.margin < moved < game.margin]
        points = set(self.bounds)
        for moved in nexts:
            points.update(self.levels[(t + 1, moved)].points)
        merged: list[Any] = []
        for point in sorted(points):
            if not merged or point - merged[-1] > self.tolerance:
                merged.append(point)
        merged[-1] = self.one
        return merged

    def _indifferent(self, m: int, offer: Any, marginal: int, refuse: list[Any]) -> bool:
        accept = self._settled(m, offer)[0][marginal]
        return bool(abs(accept - refuse[marginal]) <= self.tolerance)

    def _candidates(self, t: int, m: int, j: int, q: Any) -> list[tuple[Any, Any, Any, int]]:
        """The moves settling the types from atom ``j`` up to the cut-off ``q``: (side, offer,
        C's refusal value, marginal atom). At the exact cut-off (side None) the marginal type is the
        atom below ``q``, indifferent inside its atom and weakly willing at its top; the limits of
        cut-offs from below (side 1) and from above (side 0) need the marginal type, the atom on
        that side, exactly indifferent (a mixing type is indifferent)."""
        key = (t, m, j, q)
        if key in self.candidates:
            return self.candidates[key]
        below = self._atom_below(q)
        out: list[tuple[Any, Any, Any, int]] = []
        sides: list[tuple[Any, int]] = [(None, below), (LEFT, below)]
        if q < 1:
            sides.append((RIGHT, self._atom_above(q)))
        for side, marginal in sides:
            if marginal < j:
                continue
            refuse_c, refuse_t = self._refusal(t, m, q, side)
            mixing = side is not None or q < self.bounds[below + 1]
            try:
                offers = self._offers(t, m, j, marginal + 1, refuse_t)
            except NotImplementedError:
                if not mixing:
                    raise
                continue  # a mixing move whose offer a lower set refuses is not consistent
            for offer in offers:
                if mixing and not self._indifferent(m, offer, marginal, refuse_t):
                    continue
                if any(
                    o == offer and self._refusal(t, m, q, s) == (refuse_c, refuse_t) for s, o, _, _ in out
                ):
                    continue
                out.append((side, offer, refuse_c, marginal))
        self.candidates[key] = out
        return out

    def build(self, t: int, m: int) -> None:
        cuts = self._cutoffs(t, m)
        if t <= self.deadline:
            self.levels[(t, m)] = self._committed(t, m, cuts)
            return
        points, moves, exact = [cuts[0]], [], []
        for low, high in itertools.pairwise(cuts):
            lines = self._lines(t, m, low, high, cuts)
            exact.append(self._top(lines, low, slope=False)[3])
            x0 = low
            best = self._top(lines, x0, slope=True)
            while True:
                moves.append(best[3])
                crossings = [(best[1] - line[1]) / (line[0] - best[0]) for line in lines if line[0] > best[0]]
                ahead = [x for x in crossings if x0 + self.tolerance < x < high - self.tolerance]
                if not ahead:
                    break
                x0 = min(ahead)
                exact.append(self._top(lines, x0, slope=False)[3])
                best = self._top(lines, x0, slope=True)
                points.append(x0)
            points.append(high)
        exact.append(moves[-1])  # a refusal no type should make: the most resolute type, from below
        for move, (low, high) in zip(moves, itertools.pairwise(points), strict=True):
            self._check_move(t, m, low, high, move)
        self.levels[(t, m)] = _Level(tuple(points), tuple(moves), tuple(exact))

    def _top(self, lines: list[Any], x: Any, *, slope: bool) -> Any:
        """The best line at ``x``: the largest value (within the float tolerance: exactly in
        exact arithmetic), ties to the larger slope (``slope``, the line best just right of ``x``)
        and then to the rank (the largest acceptance set)."""
        values = [line[0] * x + line[1] for line in lines]
        top = max(values)
        tied = [line for line, v in zip(lines, values, strict=True) if v >= top - self.tolerance]
        return max(tied, key=lambda line: (line[0], line[2]) if slope else line[2])

    def _lines(
        self, t: int, m: int, low: Any, high: Any, cuts: list[Any]
    ) -> list[tuple[Any, Any, tuple[Any, ...], _Move]]:
        """C's value of each move from a cut-off in ``[low, high)``, a line in the cut-off:
        (slope, intercept, rank for ties, move); ties go to the largest acceptance set."""
        j = self._atom_above(low)
        a, b = low + (high - low) / 3, low + 2 * (high - low) / 3
        stay_a, stay_b = self._refusal(t, m, a, None)[0], self._refusal(t, m, b, None)[0]
        slope = (stay_b - stay_a) / (b - a)
        lines = [(slope, stay_a - slope * a, (-self.one, 0, self.zero), _Move(None, None, None))]
        for q in cuts:
            if q < high:
                continue
            for side, offer, refuse_c, _ in self._candidates(t, m, j, q):
                accept_c = self._settled(m, offer)[1]
                intercept = self._settled_value(low, q, accept_c) + low * accept_c[j] + refuse_c
                rank = (q, int(side is None), offer)
                lines.append((-accept_c[j], intercept, rank, _Move(q, side, offer)))
        return lines

    def _check_move(self, t: int, m: int, low: Any, high: Any, move: _Move) -> None:
        j = self._atom_above(low)
        if move.target is None:
            self._check_skimming(t, m, j, self._refusal(t, m, (low + high) / 2, None)[1])
        elif not self.typed:
            self._check_skimming(t, m, j, self._refusal(t, m, move.target, move.side)[1])

    def _committed(self, t: int, m: int, cuts: list[Any]) -> _Level:
        """Before the deadline the demand stands: the largest consistent cut-off above each state."""
        accept = self._settled(m, self.demand, committed=True)[0]
        consistent = []
        for q in reversed(cuts[1:]):
            side = self._consistent(t, m, q, accept)
            if side is not False:
                consistent.append((q, side))
        moves = []
        for low, high in itertools.pairwise(cuts):
            j = self._atom_above(low)
            found = next(((q, side) for q, side in consistent if q >= high), None)
            if found is not None:
                q, side = found
                if self.typed:
                    self._acceptors(t, m, j, self.demand, accept, self._refusal(t, m, q, side)[1])
                moves.append(_Move(q, side, self.demand, committed=True))
                continue
            if not accept[j] < self._refusal(t, m, (low + high) / 2, None)[1][j] - self.tolerance:
                raise NotImplementedError(
                    f"no cut-off answers the committed demand at node (t={t}, front={m}, cutoff={low}); "
                    "change the design"
                )
            moves.append(_Move(None, None, self.demand, committed=True))
        for move, (low, high) in zip(moves, itertools.pairwise(cuts), strict=True):
            self._check_move(t, m, low, high, move)
        return _Level(tuple(cuts), tuple(moves), (*moves, moves[-1]))

    def _consistent(self, t: int, m: int, q: Any, accept: list[Any]) -> Any:
        """The side that makes the cut-off ``q`` consistent with the committed demand, or False:
        the marginal type weakly prefers to comply (exactly indifferent inside its atom), the first
        type above strictly refuses. The exact cut-off (None) first; else C mixes its moves from
        below and above next period with the probability that makes the marginal type indifferent."""
        i = self._atom_below(q)
        inside = q < self.bounds[i + 1]

        def holds(refuse: list[Any]) -> bool:
            tolerance = self.tolerance
            marginal = (
                abs(accept[i] - refuse[i]) <= tolerance if inside else accept[i] >= refuse[i] - tolerance
            )
            return marginal and (i + 1 >= self.n or accept[i + 1] < refuse[i + 1] - tolerance)

        if holds(self._refusal(t, m, q, None)[1]):
            return None
        if q == 1:
            return False
        left, right = self._refusal(t, m, q, LEFT)[1], self._refusal(t, m, q, RIGHT)[1]
        if left[i] == right[i]:
            return False
        side = (accept[i] - right[i]) / (left[i] - right[i])  # the marginal type indifferent
        mixed = [side * a + (1 - side) * b for a, b in zip(left, right, strict=True)]
        return side if 0 <= side <= 1 and holds(mixed) else False

    # ------------------------------------------------------------------ the passes

    def backward_levels(self) -> None:
        for t in range(self.game.horizon, -1, -1):
            for m in self.fronts[t]:
                self.build(t, m)

    def forward_pass(self) -> GameSolution:
        game, n, zero = self.game, self.n, self.zero
        theta = game.true_odds
        mass: dict[tuple[int, Any, Any], list[Any]] = {(game.start_front, zero, None): list(self.weights)}
        nodes: dict[tuple[int, int, Any, Any], Node] = {}
        settled_by: list[Any] = []
        decisive_by: list[Any] = []
        length = [zero] * (game.horizon + 2)
        settled_type, executed_type = [zero] * n, [zero] * n
        broken_type, renewed_type = [zero] * n, [zero] * n
        backs_down = terms = settled_total = decisive_total = zero
        for t in range(game.horizon + 1):
            after: dict[tuple[int, Any, Any], list[Any]] = {}
            for (m, u, side), vector in sorted(mass.items(), key=lambda item: (item[0][:2], str(item[0][2]))):
                for chance, move, keep in self._moves(t, m, u, side):
                    share = [chance * v for v in vector]
                    settled = [zero] * n
                    if move.target is None:
                        nxt = (u, keep)
                        nodes[(t, m, u, keep)] = Node(u, None, keep)
                    else:
                        nxt = (move.target, move.side)
                        nodes[(t, m, u, keep)] = Node(move.target, move.offer, move.side)
                        for a in range(n):
                            left = self._remaining(a, u)
                            if left:
                                settled[a] = share[a] * (left - self._remaining(a, move.target)) / left
                        if self.durable:
                            self._settled(m, move.offer)
                            breaches = self.ceasefires[(m, move.offer)][2]
                            for a in range(n):
                                if breaches[a].period is not None:
                                    broken_type[a] += settled[a]
                    for a in range(n):
                        settled_type[a] += settled[a]
                        renewed_type[a] += (1 - game.assurance) * settled[a]
                    total = sum(settled, zero)
                    settled_total += total
                    length[self._battles(t)] += total
                    if move.target is not None:
                        terms += move.offer * total
                    refusing = [s - d for s, d in zip(share, settled, strict=True)]
                    if t == self.deadline:
                        for a in range(n):
                            executed_type[a] += self.execution * refusing[a]
                            backs_down += (1 - self.execution) * refusing[a]
                    if game.margin is None or t <= self.calm_until:
                        steps = [(m, game._convert(1))]
                    else:
                        steps = [(m + 1, theta), (m - 1, 1 - theta)]
                    for moved, odds in steps:  # a move at odds 0 too: its states' nodes are recorded
                        if game.margin is not None and abs(moved) >= game.margin:
                            ended = odds * sum(refusing, zero)
                            decisive_total += ended
                            length[self._battles(t) + 1] += ended
                            continue
                        target = after.setdefault((moved, *nxt), [zero] * n)
                        for a in range(n):
                            target[a] += odds * refusing[a]
            mass = after
            settled_by.append(settled_total)
            decisive_by.append(decisive_total)
        coercer_value, target_values = self._value(0, game.start_front, zero, None)
        return self._solution(
            mass, settled_by, decisive_by, length, (terms, settled_total, backs_down),
            (settled_type, executed_type, broken_type, renewed_type),
            coercer_value, tuple(target_values), nodes,
        )  # fmt: skip


def solve_exact(game: CoerciveGame, strategy: Any) -> GameSolution:
    """The equilibrium of ``strategy`` by backward induction on the quantile cut-off (exact for
    exact games; the marginal type mixes at atoms).

    >>> from fractions import Fraction
    >>> from bargaining.coercive_game import CoerciveGame
    >>> game = CoerciveGame(discount=Fraction(1, 2), horizon=0, resolve=(0, 1), target_cost_resolve=Fraction(1, 5))
    >>> solve_exact(game, "try_and_see").expected_terms
    Fraction(7, 10)
    """
    solver = _Quantiles(game, strategy)
    solver.backward_levels()
    return solver.forward_pass()

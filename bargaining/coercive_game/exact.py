r"""Backward induction on cut-offs between (sub-)atoms: the engine shared by the grid solver.

The exact solver (:func:`~bargaining.coercive_game.quantile.solve_exact`) lets the cut-off fall
anywhere in :math:`[0, 1]`, so that the marginal type mixes at atoms; it builds on the pieces
here. This module keeps the cut-offs on the boundaries between (sub-)atoms, the discrete state
that the vectorised grid solver (:mod:`~bargaining.coercive_game.grid`) runs on.

The state is :math:`(t, m, j)`: the period, the front and the cutoff :math:`j`, the number of
(sub-)atoms of the least resolute types that have settled; C's belief is the prior truncated to
the types :math:`j, j+1, \dots` (skimming). Beliefs over the battle odds are a function of
:math:`(t, m)`: :math:`k = (m - m_0 + t)/2` battles won out of :math:`t`, so the Beta posterior
predictive is :math:`(\alpha + k)/(\alpha + \beta + t)`.

Refusing at :math:`(t, m)` when C's belief after the refusal is the cutoff :math:`k` is worth,
to a type :math:`i` (under T's prior) and to C (under C's),

.. math::
    R_T(i; k) = (1-\delta)(1 - \pi(m) - c_T(\tau_i, t)) - [t = D]\,e\,L(\tau_i)
                + \delta\,E_T[W_T(i; t+1, m', k)],
    \qquad
    R_C(k) = (1-\delta)(\pi(m) - c_C(t)) + [t = D]\,\bar w + \delta\,E_C[V_C(t+1, m', k)],

with :math:`W_T, V_C` the equilibrium values (future offers included: the target anticipates
every later offer, Fudenberg, Levine & Tirole 1985; Gul, Sonnenschein & Wilson 1986). Settling
at :math:`x` is worth :math:`1 - x + q s` to T and :math:`x - \kappa q s` to C. Under
try-and-see (and the screw) C picks the cutoff :math:`k \ge j` that maximises

.. math:: \frac{(F_j - F_k)(x_k - \kappa q s) + F_k R_C(k)}{F_j}, \qquad
          x_k = 1 + q s - R_T(k-1; k),

(:math:`F_j` the prior mass of the types from :math:`j` on), the offer that leaves the marginal
type indifferent, or makes no acceptable offer (:math:`k = j`). Ties: T accepts when indifferent;
C takes the largest acceptance set; a refusal no type should make puts C's belief on the most
resolute type. Under an ultimatum the demand is fixed until the deadline and the cutoff is the
largest consistent one (types below it weakly prefer to comply, the first above strictly prefers
to refuse). Skimming needs :math:`R_T(i; k)` non-decreasing in the type; it is checked at every
node and a failure raises :class:`NotImplementedError` naming the node.

The grid splits each atom into ``mixing_steps`` equal sub-atoms: C's cutoffs then fall inside
atoms at multiples of ``1/mixing_steps`` of the atom's mass, an approximation of the exact
mixing that converges to it as the split gets finer. The cost is :math:`O(H M n^2)` arithmetic
operations: the refusal values :math:`R_T(\cdot; k)` of a state are shared by every cutoff.

The forward pass follows the equilibrium under the true battle odds for every type at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..core.errors import ParameterTypeError, ParameterValueError
from .durability import Breach, ceasefire, terms_for_value
from .renewal import renewal_terms, renewal_values
from .results import GameSolution, Node
from .strategy import STRATEGIES, UltimatumDesign

if TYPE_CHECKING:
    from .model import CoerciveGame

__all__: list[str] = []

_MAX_MIXING = 64


def _odds(prior: tuple[Any, Any] | None, theta: Any, wins: int, battles: int) -> Any:
    if prior is None:
        return theta
    alpha, beta = prior
    return (alpha + wins) / (alpha + beta + battles)


class _Solver:
    """One strategy of one game: the backward pass (values, C's moves) and the forward pass."""

    def __init__(self, game: CoerciveGame, strategy: Any, mixing_steps: int) -> None:
        self.game = game
        if isinstance(strategy, UltimatumDesign):
            if strategy.deadline > game.horizon:
                raise ParameterValueError(
                    "deadline", f"at most the horizon H = {game.horizon}", strategy.deadline
                )
            self.design: UltimatumDesign | None = strategy
            self.name = "ultimatum"
            self.deadline = strategy.deadline
            self.demand = game._convert(strategy.demand)
            self.execution, self.threat_value = game._threat(strategy)
        elif strategy in STRATEGIES:
            self.design = None
            self.name = str(strategy)
            self.deadline = -1
            self.demand = None
            self.execution = self.threat_value = game._convert(0)
        else:
            raise ParameterTypeError("strategy", "'try_and_see', 'screw' or an UltimatumDesign", strategy)
        if (
            isinstance(mixing_steps, bool)
            or not isinstance(mixing_steps, int)
            or not 1 <= mixing_steps <= _MAX_MIXING
        ):
            raise ParameterValueError("mixing_steps", f"an integer in [1, {_MAX_MIXING}]", mixing_steps)
        zero, one = game._convert(0), game._convert(1)
        self.zero, self.one = zero, one
        self.steps = mixing_steps
        self.atom = [i for i in range(game.types) for _ in range(mixing_steps)]
        self.n = len(self.atom)
        weights = [game.weights[i] / mixing_steps for i in self.atom]
        self.tail = [sum(weights[j:], zero) for j in range(self.n + 1)]
        self.weights = weights
        gamma = game.screw if self.name == "screw" else zero
        self.gamma = gamma
        resolve = [game.resolve[i] for i in self.atom]
        self.base_cost = [game.target_cost + game.target_cost_resolve * (1 - tau) for tau in resolve]
        self.loss = [game.threat_loss * (1 - tau) for tau in resolve]
        self.carrot_target = game.carrot_credibility * game.carrot
        self.carrot_coercer = game.carrot_efficiency * game.carrot_credibility * game.carrot
        crisis_ultimatum = game.start == "crisis" and self.design is not None
        self.calm_until = self.deadline if crisis_ultimatum else -1  # status-quo periods after a refusal
        self.vagueness = game._convert(strategy.vagueness) if self.design is not None else zero
        self.fronts = self._fronts()
        self.durable = game.self_enforcing
        self.renewed = game.assurance != 1
        self.typed = self.durable or self.renewed  # the value of accepting depends on the type
        if self.typed and self.vagueness != 0:
            raise ParameterValueError(
                "vagueness", "0 with self-enforcing settlements or renewed demands", self.vagueness
            )
        self.ceasefires: dict[tuple[int, Any], tuple[list[Any], list[Any], list[Breach]]] = {}

    def _fronts(self) -> list[list[int]]:
        game = self.game
        if game.margin is None:
            return [[0] for _ in range(game.horizon + 2)]
        m0, margin = game.start_front, game.margin
        fronts: list[list[int]] = []
        for t in range(game.horizon + 2):
            b = self._battles(t)
            fronts.append([m for m in range(m0 - b, m0 + b + 1, 2) if -margin < m < margin])
        return fronts

    def _battles(self, t: int) -> int:
        """The battles fought before period ``t`` (none in the status-quo periods of a crisis)."""
        return max(0, t - self.calm_until - 1)

    # ------------------------------------------------------------------ values at the edges

    def _forever(self, t: int, m: int) -> tuple[Any, list[Any]]:
        """War forever from period ``t`` at a frozen front: (C's value, T's values by type)."""
        game, delta = self.game, self.game.discount
        if t <= self.calm_until + 1:  # the crisis never became a war: the status quo for ever
            return game._convert(game.status_quo), [1 - game._convert(game.status_quo)] * self.n
        later = t + delta / (1 - delta)  # the present value of the cost rise gamma * t' from t on
        share = game.share(m)
        coercer = share - game.cost_coercer - game.screw_cost * self.gamma * later
        target = [1 - share - cost - self.gamma * later for cost in self.base_cost]
        return coercer, target

    def _next(
        self, t: int, m: int, values: dict[int, tuple[list[Any], list[list[Any]]]], k: int
    ) -> tuple[tuple[Any, list[Any]], tuple[Any, list[Any]] | None]:
        """(C's, T's) values at ``t + 1`` after a win for C at ``m``, and after a loss (None: no battles)."""
        game = self.game
        state = min(k, self.n - 1)
        if game.margin is None:
            coercer, target = values[m]
            return (coercer[state], target[state]), None
        out = []
        for moved in (m + 1, m - 1):
            if moved >= game.margin:
                out.append((self.one, [self.zero] * self.n))
            elif moved <= -game.margin:
                out.append((self.zero, [self.one] * self.n))
            else:
                coercer, target = values[moved]
                out.append((coercer[state], target[state]))
        return out[0], out[1]

    # ------------------------------------------------------------------ the backward pass

    def backward(self) -> dict[tuple[int, int, int], Node]:
        game, delta, n = self.game, self.game.discount, self.n
        horizon = game.horizon
        nodes: dict[tuple[int, int, int], Node] = {}
        later: dict[int, tuple[list[Any], list[list[Any]]]] = {}
        for m in self.fronts[horizon + 1]:
            coercer, target = self._forever(horizon + 1, m)
            later[m] = ([coercer] * n, [target] * n)
        for t in range(horizon, -1, -1):
            now: dict[int, tuple[list[Any], list[list[Any]]]] = {}
            battles = self._battles(t)
            calm = t <= self.calm_until
            for m in self.fronts[t]:
                wins = (m - game.start_front + battles) // 2
                p_c = _odds(game.prior_coercer, game.true_odds, wins, battles)
                p_t = _odds(game.prior_target, game.true_odds, wins, battles)
                share = game._convert(game.status_quo) if calm else game.share(m)
                at_deadline = t == self.deadline
                cost_c = self.zero if calm else game.cost_coercer + game.screw_cost * self.gamma * t
                flow_c = (1 - delta) * (share - cost_c)
                if at_deadline:
                    flow_c += self.threat_value
                refuse_c: list[Any] = []
                refuse_t: list[list[Any]] = []
                for k in range(n + 1):
                    if calm:  # no battle: the front and beliefs stay
                        coercer_later, target_later = later[m]
                        state = min(k, n - 1)
                        (win_c, win_t), lost = (coercer_later[state], target_later[state]), None
                    else:
                        (win_c, win_t), lost = self._next(t, m, later, k)
                    if lost is None:
                        cont_c, cont_t = win_c, win_t
                    else:
                        cont_c = p_c * win_c + (1 - p_c) * lost[0]
                        cont_t = [p_t * a + (1 - p_t) * b for a, b in zip(win_t, lost[1], strict=True)]
                    refuse_c.append(flow_c + delta * cont_c)
                    row = []
                    for i in range(n):
                        cost_t = self.zero if calm else self.base_cost[i] + self.gamma * t
                        value = (1 - delta) * (1 - share - cost_t) + delta * cont_t[i]
                        if at_deadline:
                            value -= self.execution * self.loss[i]
                        row.append(value)
                    refuse_t.append(row)
                values_c: list[Any] = []
                values_t: list[list[Any]] = []
                for j in range(n):
                    k, offer = self._move(t, m, j, refuse_c, refuse_t)
                    nodes[(t, m, j)] = Node(k, offer)
                    if offer is None or not self.typed:
                        self._check_skimming(t, m, j, refuse_t[k])
                    if k == j and t > self.deadline:
                        values_c.append(refuse_c[j])
                        values_t.append(refuse_t[k])
                        continue
                    if k == j:  # the committed demand stands: a type below j may still comply
                        accept_t = self._settled(m, self.demand, committed=True)[0]
                        values_c.append(refuse_c[j])
                        values_t.append(
                            [r if r > a else a for r, a in zip(refuse_t[k], accept_t, strict=True)]
                        )
                        continue
                    accept_t, accept_c = self._settled(m, offer, committed=t <= self.deadline)
                    if self.typed:
                        self._acceptors(t, m, j, offer, accept_t, refuse_t[k])
                    settled = sum((self.weights[i] * accept_c[i] for i in range(j, k)), self.zero)
                    values_c.append((settled + self.tail[k] * refuse_c[k]) / self.tail[j])
                    values_t.append([r if r > a else a for r, a in zip(refuse_t[k], accept_t, strict=True)])
                now[m] = (values_c, values_t)
            later = now
        self.initial = later[game.start_front]
        return nodes

    def _move(
        self, t: int, m: int, j: int, refuse_c: list[Any], refuse_t: list[list[Any]]
    ) -> tuple[int, Any]:
        n = self.n
        if t <= self.deadline:  # the committed demand: the largest consistent cutoff
            accept = self._settled(m, self.demand, committed=True)[0]
            for k in range(n, j - 1, -1):
                below = k == j or accept[k - 1] >= refuse_t[k][k - 1]
                above = k == n or accept[k] < refuse_t[k][k]
                if below and above:
                    if self.typed and k > j:
                        self._acceptors(t, m, j, self.demand, accept, refuse_t[k])
                    return k, (None if k == j else self.demand)
            raise NotImplementedError(
                f"no pure cutoff answers the committed demand at node (t={t}, front={m}, cutoff={j}); "
                "split the atoms (mixing_steps) or change the design"
            )
        best_k, best_value, best_offer = j, refuse_c[j], None
        for k in range(j + 1, n + 1):
            for offer in self._offers(t, m, j, k, refuse_t[k]):
                accept_c = self._settled(m, offer)[1]
                settled = sum((self.weights[i] * accept_c[i] for i in range(j, k)), self.zero)
                value = (settled + self.tail[k] * refuse_c[k]) / self.tail[j]
                if value >= best_value:
                    best_k, best_value, best_offer = k, value, offer
        return best_k, best_offer

    def _offers(self, t: int, m: int, j: int, k: int, refuse: list[Any]) -> list[Any]:
        """The offers that settle exactly the types ``[j, k)`` when a refusal leads to belief ``k``."""
        if not self.typed:
            offer = 1 + self.carrot_target - refuse[k - 1]
            if offer < 0:
                return []
            if offer > 1:
                offer = self.one
                if k < self.n and not 1 - offer + self.carrot_target < refuse[k]:
                    return []
            return [offer]
        share, cost = self.game.share(m), self.base_cost[k - 1]
        if self.renewed:
            try:
                root = renewal_terms(self.game, refuse[k - 1] - self.carrot_target, share, cost)
            except NotImplementedError as error:
                raise NotImplementedError(f"at node (t={t}, front={m}, cutoff={j}): {error}") from None
            offers = [] if root is None else [root]
        else:
            offers = terms_for_value(self.game, refuse[k - 1] - self.carrot_target, share, cost)
        if self.one not in offers and self._settled(m, self.one)[0][k - 1] >= refuse[k - 1]:
            offers.append(self.one)
        return [x for x in offers if self._acceptors(t, m, j, x, self._settled(m, x)[0], refuse) == k]

    def _settled(self, m: int, offer: Any, *, committed: bool = False) -> tuple[list[Any], list[Any]]:
        r"""Each (sub-)atom's value of settling at ``offer`` (T's, C's), carrot included; a
        ``committed`` demand costs T the vagueness on top (it concedes :math:`x + \sigma` to be sure)."""
        if not self.typed:
            blur = self.vagueness if committed else self.zero
            return [1 - offer - blur + self.carrot_target] * self.n, [offer - self.carrot_coercer] * self.n
        key = (m, offer)
        if key not in self.ceasefires:
            share = self.game.share(m)
            if self.durable:
                breaches = [ceasefire(self.game, offer, share, cost) for cost in self.base_cost]
                pairs = [(b.target, b.coercer) for b in breaches]
            else:
                breaches = []
                pairs = [renewal_values(self.game, offer, share, cost)[:2] for cost in self.base_cost]
            self.ceasefires[key] = (
                [target + self.carrot_target for target, _ in pairs],
                [coercer - self.carrot_coercer for _, coercer in pairs],
                breaches,
            )
        accept_t, accept_c, _ = self.ceasefires[key]
        return accept_t, accept_c

    def _acceptors(self, t: int, m: int, j: int, offer: Any, accept: list[Any], refuse: list[Any]) -> int:
        """The cutoff after ``offer``: the acceptance set among types ``j, ...`` must be the least
        resolute ones (skimming); otherwise single crossing fails and the node is named."""
        accepting = [i for i in range(j, self.n) if accept[i] >= refuse[i]]
        if accepting != list(range(j, j + len(accepting))):
            raise NotImplementedError(
                f"single crossing fails at node (t={t}, front={m}, cutoff={j}): at terms {offer} the "
                f"types accepting are {[self.atom[i] for i in accepting]}, not the least resolute ones"
            )
        return j + len(accepting)

    def _check_skimming(self, t: int, m: int, j: int, refuse: list[Any]) -> None:
        for i in range(j, self.n - 1):
            if refuse[i + 1] < refuse[i]:
                raise NotImplementedError(
                    f"single crossing fails at node (t={t}, front={m}, cutoff={j}): type {self.atom[i + 1]} "
                    f"gains less from refusing than type {self.atom[i]}"
                )

    # ------------------------------------------------------------------ the forward pass

    def forward(self, nodes: dict[tuple[int, int, int], Node]) -> GameSolution:
        game, n, zero = self.game, self.n, self.zero
        theta = game.true_odds
        mass: dict[tuple[int, int], list[Any]] = {(game.start_front, 0): list(self.weights)}
        settled_by: list[Any] = []
        decisive_by: list[Any] = []
        length = [zero] * (game.horizon + 2)
        settled_type = [zero] * n
        executed_type = [zero] * n
        broken_type = [zero] * n
        renewed_type = [zero] * n
        backs_down = zero
        terms = zero
        settled_total = decisive_total = zero
        for t in range(game.horizon + 1):
            after: dict[tuple[int, int], list[Any]] = {}
            for (m, j), vector in sorted(mass.items()):
                node = nodes[(t, m, j)]
                k = node.cutoff_after
                for i in range(j, k):
                    settled_type[i] += vector[i]
                    settled_total += vector[i]
                    length[self._battles(t)] += vector[i]
                    terms += node.offer * vector[i]
                    renewed_type[i] += (1 - game.assurance) * vector[i]
                if self.durable and k > j:
                    self._settled(m, node.offer)
                    breaches = self.ceasefires[(m, node.offer)][2]
                    for i in range(j, k):
                        if breaches[i].period is not None:
                            broken_type[i] += vector[i]
                refusing = [zero] * k + vector[k:]
                if t == self.deadline:
                    for i in range(k, n):
                        executed_type[i] += self.execution * refusing[i]
                        backs_down += (1 - self.execution) * refusing[i]
                state = min(k, n - 1)
                if game.margin is None or t <= self.calm_until:
                    moves = [(m, game._convert(1))]
                else:
                    moves = [(m + 1, theta), (m - 1, 1 - theta)]
                for moved, chance in moves:
                    if chance == 0:
                        continue
                    if game.margin is not None and abs(moved) >= game.margin:
                        ended = chance * sum(refusing, zero)
                        decisive_total += ended
                        length[self._battles(t) + 1] += ended
                        continue
                    target = after.setdefault((moved, state), [zero] * n)
                    for i in range(k, n):
                        target[i] += chance * refusing[i]
            mass = after
            settled_by.append(settled_total)
            decisive_by.append(decisive_total)
        coercer_value, target_values = self.initial
        return self._solution(
            mass, settled_by, decisive_by, length, (terms, settled_total, backs_down),
            (settled_type, executed_type, broken_type, renewed_type),
            coercer_value[0], self._by_type(target_values[0], divide=False), nodes,
        )  # fmt: skip

    def _solution(
        self,
        mass: dict[Any, list[Any]],
        settled_by: list[Any],
        decisive_by: list[Any],
        length: list[Any],
        totals: tuple[Any, Any, Any],
        by_type: tuple[list[Any], list[Any], list[Any], list[Any]],
        coercer_value: Any,
        target_by_type: tuple[Any, ...],
        nodes: Any,
    ) -> GameSolution:
        """The outputs of a forward pass (shared by the atom engine and the quantile solver): the
        mass still fighting after the horizon (none in a crisis that never became a war),
        ``totals`` (terms paid, mass settled, mass that saw C back down) and the per-(sub-)atom
        masses settled, threatened, broken and renewed."""
        game, zero = self.game, self.zero
        terms, settled_total, backs_down = totals
        settled_type, executed_type, broken_type, renewed_type = by_type
        still = sum((sum(vector, zero) for vector in mass.values()), zero)
        if self.calm_until >= game.horizon:  # the crisis never became a war: no war, of length 0
            length[0] += still
            still = zero
        return GameSolution(
            strategy=self.name,
            settled_by=tuple(settled_by),
            decisive_by=tuple(decisive_by),
            threat_executed=sum(executed_type, zero),
            coercer_backs_down=backs_down,
            still_fighting=still,
            length=tuple(length),
            expected_terms=None if settled_total == 0 else terms / settled_total,
            coercer_utility=coercer_value,
            target_utility_by_type=target_by_type,
            target_utility=sum((w * v for w, v in zip(game.weights, target_by_type, strict=True)), zero),
            settled_by_type=self._by_type(settled_type, divide=True),
            threat_executed_by_type=self._by_type(executed_type, divide=True),
            settlement_broken=sum(broken_type, zero),
            settlement_broken_by_type=self._by_type(broken_type, divide=True),
            renewed_demand=sum(renewed_type, zero),
            renewed_demand_by_type=self._by_type(renewed_type, divide=True),
            subjective=game.prior_coercer != game.prior_target,
            nodes=nodes,
        )

    def _by_type(self, values: list[Any], *, divide: bool) -> tuple[Any, ...]:
        """Sub-atoms back to types: probabilities summed over sub-atoms then conditioned on the
        type (``divide``), values taken from any sub-atom (they are equal)."""
        game = self.game
        out = []
        for i in range(game.types):
            chunk = values[i * self.steps : (i + 1) * self.steps]
            out.append(sum(chunk, self.zero) / game.weights[i] if divide else chunk[0])
        return tuple(out)

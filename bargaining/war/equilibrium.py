# ruff: noqa: RUF009 - parameter() returns a dataclass field, like dataclasses.field
r"""Markov perfect equilibrium of the complete-information war on a front-line grid.

The front line is at :math:`s \in \{0, 1, \dots, S\}`; at :math:`s = 0` the target has won (the
coercer gets 0 of the stake) and at :math:`s = S` the coercer has (it gets 1). Each period one side
proposes a division :math:`x` (the coercer's share) and the other accepts, ending the war, or
rejects; then a battle is fought: both pay their costs :math:`c_C, c_T`, and the front moves up
with probability :math:`(1 - \sigma)\theta`, down with :math:`(1 - \sigma)(1 - \theta)` and stays with
the stalemate probability :math:`\sigma`. The next proposer is set by the ``proposer`` rule
(``"alternating"``, ``"coercer"``, ``"target"``, or ``"random"`` with ``proposer_weight``).

With :math:`V_i(\ell, s)` side :math:`i`'s value when :math:`\ell` proposes at :math:`s`, the value of
rejecting is :math:`W_i(\ell, s) = -c_i + \delta_i\,E[V_i(\ell', s')]`. In a Markov perfect
equilibrium the proposer offers the responder exactly :math:`\max(W_{\text{resp}}, 0)` and keeps the
rest if that beats fighting, else fights:

.. math:: V_C(C, s) = \max\bigl(1 - \max(W_T(C, s), 0),\ W_C(C, s)\bigr),

and symmetrically when the target proposes. :meth:`FrontLineWar.solve` iterates this Bellman
operator, vectorised over the grid (and any parameter arrays): each sweep is linear in the number
of states. It stops when the sup-norm change falls below ``tolerance`` and raises
:class:`~bargaining.core.errors.ConvergenceError` if it does not within ``max_iterations``. For
exact inputs the policy found by iteration is then solved *exactly* (a linear system in
``Fraction``) and verified by one exact Bellman step, with policy improvement if needed.

Limits, held by the tests: with one interior state that never moves (``stalemate=1``), no costs
and alternating offers it is Rubinstein (1982), :class:`bargaining.solutions.AlternatingOffers`;
with one interior state, one decisive battle and no discounting, the proposer takes the end of
Fearon's (1995) range, :class:`bargaining.crisis.Crisis`. Under complete information a deal is
always struck at once (costly war is inefficient): the war lasts zero periods, whatever the grid.

>>> from fractions import Fraction
>>> war = FrontLineWar(battle_odds=Fraction(3, 5), cost_coercer=Fraction(1, 10), cost_target=Fraction(1, 10),
...                    discount_coercer=1, discount_target=1, width=2, proposer="coercer")
>>> war.solve().share(start=1)
Fraction(7, 10)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from ..core.arithmetic import require_numeric
from ..core.errors import ConvergenceError, ParameterValueError
from ..core.linear import solve_exact
from ..core.parameters import DISCOUNT_CLOSED, NONNEGATIVE, PROBABILITY, declared, parameter, setting
from ..core.values import Kind, check_range

__all__ = ["FrontLineWar", "MarkovPerfectEquilibrium"]

_PROPOSERS = ("alternating", "coercer", "target", "random")


@dataclass(frozen=True, slots=True)
class MarkovPerfectEquilibrium:
    """Values, offers and agreement regions of the stationary equilibrium.

    Arrays have the proposer layer (0: the coercer proposes, 1: the target) and the front line on
    their last two axes. ``share[l, s]`` is the coercer's share agreed when ``l`` proposes at ``s``
    (meaningful where ``agreement`` holds).

    >>> from fractions import Fraction
    >>> solved = FrontLineWar(Fraction(1, 2), Fraction(1, 10), Fraction(1, 10), Fraction(9, 10), Fraction(9, 10), 3).solve()
    >>> solved.agreement.tolist(), solved.offer[0].tolist()
    ([[False, True, True, False], [False, True, True, False]], [Fraction(0, 1), Fraction(13, 29), Fraction(22, 29), Fraction(0, 1)])
    """

    value_coercer: Any
    value_target: Any
    agreement: Any
    offer: Any
    iterations: int
    residual: float
    kind: Kind

    def share(self, start: int, proposer: int = 0) -> Any:
        """The coercer's agreed share when ``proposer`` (0 coercer, 1 target) proposes at ``start``.

        >>> from fractions import Fraction
        >>> solved = FrontLineWar(Fraction(1, 2), 0, 0, Fraction(1, 2), Fraction(1, 2), width=2, stalemate=1).solve()
        >>> solved.share(1), solved.share(1, proposer=1)
        (Fraction(2, 3), Fraction(1, 3))
        """
        width = np.shape(self.offer)[-1] - 1
        if isinstance(start, bool) or not isinstance(start, (int, np.integer)) or not 0 < start < width:
            raise ParameterValueError("start", f"an interior front position in [1, {width - 1}]", start)
        if proposer not in (0, 1):
            raise ParameterValueError("proposer", "0 (coercer) or 1 (target)", proposer)
        value = self.offer[..., proposer, start]
        return value if self.kind == "array" else value[()] if isinstance(value, np.ndarray) else value


@dataclass(frozen=True, slots=True)
@declared
class FrontLineWar:
    r"""The complete-information war on a front line of ``width + 1`` positions.

    Parameters
    ----------
    battle_odds : probability
        :math:`\theta`, the coercer's chance of pushing the front forward in a battle.
    cost_coercer, cost_target : non-negative
        Each side's cost of a battle (stake units).
    discount_coercer, discount_target : discount factors in (0, 1]
        :math:`\delta_C, \delta_T` per period.
    width : int, at least 2
        :math:`S`: the number of front positions from the target's win (0) to the coercer's.
    stalemate : probability
        :math:`\sigma`, the chance a battle leaves the front where it is.
    proposer : str
        ``"alternating"`` (the coercer first), ``"coercer"``, ``"target"`` or ``"random"``.
    proposer_weight : probability
        The chance the coercer proposes, for ``"random"``.

    >>> from fractions import Fraction
    >>> war = FrontLineWar(Fraction(1, 2), Fraction(1, 10), Fraction(1, 10), Fraction(9, 10), Fraction(9, 10), 3)
    >>> war.solve().value_coercer[0].tolist()
    [Fraction(0, 1), Fraction(13, 29), Fraction(22, 29), Fraction(1, 1)]
    """

    battle_odds: Any = parameter(
        PROBABILITY, "the coercer's chance of pushing the front forward in a battle", "probability"
    )
    cost_coercer: Any = parameter(NONNEGATIVE, "the coercer's cost of a battle", "utility (stake units)")
    cost_target: Any = parameter(NONNEGATIVE, "the target's cost of a battle", "utility (stake units)")
    discount_coercer: Any = parameter(DISCOUNT_CLOSED, "the coercer's discount factor per period")
    discount_target: Any = parameter(DISCOUNT_CLOSED, "the target's discount factor per period")
    width: int = setting("the number of front positions from the target's win (0) to the coercer's")
    stalemate: Any = parameter(
        PROBABILITY, "the chance a battle leaves the front where it is", "probability", default=0
    )
    proposer: str = setting(
        "who proposes: alternating (the coercer first), the coercer, the target or random",
        default="alternating",
    )
    proposer_weight: Any = parameter(
        PROBABILITY,
        "the chance the coercer proposes, when the proposer is random",
        "probability",
        default=Fraction(1, 2),
    )
    kind: Kind = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        require_numeric(self.kind, "value iteration", "battle_odds", self.battle_odds)
        if (
            isinstance(self.width, bool)
            or not isinstance(self.width, (int, np.integer))
            or not 2 <= self.width <= 10**7
        ):
            raise ParameterValueError(
                "width", "an integer number of front positions in [2, 10**7]", self.width
            )
        if self.proposer not in _PROPOSERS:
            raise ParameterValueError("proposer", f"one of {', '.join(_PROPOSERS)}", self.proposer)
        frozen = (self.stalemate == 1) & ((self.discount_coercer == 1) | (self.discount_target == 1))
        if np.any(frozen):
            raise ParameterValueError(
                "stalemate",
                "below 1 when a side does not discount (else the war never resolves)",
                self.stalemate,
            )

    def _next_coercer_proposes(self) -> tuple[Any, Any]:
        """P(the coercer proposes next | the coercer, resp. the target, proposed now)."""
        if self.proposer == "alternating":
            return 0, 1
        if self.proposer == "coercer":
            return 1, 1
        if self.proposer == "target":
            return 0, 0
        return self.proposer_weight, self.proposer_weight

    def _params(self) -> dict[str, Any]:
        def expand(value: Any) -> Any:
            return np.asarray(value, dtype=float)[..., None, None] if self.kind == "array" else value

        names = (
            "battle_odds",
            "cost_coercer",
            "cost_target",
            "discount_coercer",
            "discount_target",
            "stalemate",
        )
        params = {name: expand(getattr(self, name)) for name in names}
        stay_c, stay_t = self._next_coercer_proposes()
        params["next_c"] = expand(stay_c)
        params["next_t"] = expand(stay_t)
        return params

    def _continuation(self, values: Any, params: dict[str, Any]) -> Any:
        """:math:`E[V(\\ell', s')]` for every current layer and interior state."""
        theta, sigma = params["battle_odds"], params["stalemate"]
        up, down, stay = (1 - sigma) * theta, (1 - sigma) * (1 - theta), sigma
        moved = up * values[..., 2:] + down * values[..., :-2] + stay * values[..., 1:-1]  # (..., 2, S-1)
        from_c = params["next_c"] * moved[..., 0:1, :] + (1 - params["next_c"]) * moved[..., 1:2, :]
        from_t = params["next_t"] * moved[..., 0:1, :] + (1 - params["next_t"]) * moved[..., 1:2, :]
        return np.concatenate([from_c, from_t], axis=-2)

    def _bellman(self, value_c: Any, value_t: Any, params: dict[str, Any]) -> tuple[Any, ...]:
        fight_c = -params["cost_coercer"] + params["discount_coercer"] * self._continuation(value_c, params)
        fight_t = -params["cost_target"] + params["discount_target"] * self._continuation(value_t, params)
        zero = 0 * fight_c
        give_t = np.where(fight_t > zero, fight_t, zero)  # the coercer proposes: the target gets max(W_T, 0)
        give_c = np.where(fight_c > zero, fight_c, zero)
        layer = np.arange(2).reshape(2, 1)
        proposer_keeps = np.where(layer == 0, 1 - give_t, 1 - give_c)
        proposer_fights = np.where(layer == 0, fight_c, fight_t)
        agree = np.asarray(proposer_keeps >= proposer_fights, dtype=bool)
        share = np.where(layer == 0, 1 - give_t, give_c)
        new_c = np.where(agree, share, fight_c)
        new_t = np.where(agree, 1 - share, fight_t)
        return new_c, new_t, agree, share, fight_c, fight_t

    def _boundary(self, shape: tuple[int, ...], exact: bool) -> tuple[Any, Any]:
        full = (*shape, 2, self.width + 1)
        value_c = np.zeros(full, dtype=object if exact else float)
        if exact:
            value_c.fill(Fraction(0))
        value_t = value_c.copy()
        value_c[..., -1] = Fraction(1) if exact else 1.0
        value_t[..., 0] = Fraction(1) if exact else 1.0
        return value_c, value_t

    def solve(self, tolerance: float = 1e-12, max_iterations: int = 100_000) -> MarkovPerfectEquilibrium:
        """Value iteration to the stationary equilibrium (then an exact solve for exact inputs).

        >>> from fractions import Fraction
        >>> war = FrontLineWar(Fraction(1, 2), 0, 0, Fraction(9, 10), Fraction(9, 10), width=2, stalemate=1)
        >>> war.solve().share(start=1)
        Fraction(10, 19)
        """
        check_range("tolerance", tolerance, 0, None, lower_open=True, requirement="positive")
        if isinstance(max_iterations, bool) or not isinstance(max_iterations, int) or max_iterations < 1:
            raise ParameterValueError("max_iterations", "a positive integer", max_iterations)
        params = self._params()
        params_float = {k: float(v) for k, v in params.items()} if self.kind == "exact" else params
        shape = np.shape(np.broadcast(*params_float.values()))[:-2] if self.kind == "array" else ()
        value_c, value_t = self._boundary(shape, exact=False)
        residual = np.inf
        sweeps = 0
        for iteration in range(1, max_iterations + 1):
            sweeps = iteration
            new_c, new_t, agree, share, _, _ = self._bellman(value_c, value_t, params_float)
            residual = float(
                max(np.max(np.abs(new_c - value_c[..., 1:-1])), np.max(np.abs(new_t - value_t[..., 1:-1])))
            )
            value_c[..., 1:-1], value_t[..., 1:-1] = new_c, new_t
            if residual <= tolerance:
                break
        else:
            raise ConvergenceError(
                f"value iteration stopped after {max_iterations} sweeps with a change of {residual:.3g} "
                f"(tolerance {tolerance:g}): raise max_iterations or discount more"
            )
        _, _, agree, share, fight_c, fight_t = self._bellman(value_c, value_t, params_float)
        if self.kind == "exact":
            return self._solve_exact(params, agree, fight_c > 0, fight_t > 0, sweeps)
        full_agree = np.zeros(np.shape(value_c), dtype=bool)
        full_agree[..., 1:-1] = agree
        offer = np.zeros(np.shape(value_c))
        offer[..., 1:-1] = share
        return MarkovPerfectEquilibrium(value_c, value_t, full_agree, offer, sweeps, residual, self.kind)

    def solve_with_deadline(self, periods: int) -> MarkovPerfectEquilibrium:
        """Exact backward induction when the war must end in ``periods`` rounds of offers.

        After the last round an undecided war is worth nothing to either side, so the last proposer
        keeps everything its opponent's (zero) value of rejecting leaves it; every earlier round is
        one Bellman step, in exact arithmetic for exact inputs. As ``periods`` grows it tends to
        :meth:`solve`; with a frozen front and no costs it is Rubinstein's game with a deadline
        (:meth:`bargaining.solutions.AlternatingOffers.solve_with_deadline`).

        >>> from fractions import Fraction
        >>> war = FrontLineWar(Fraction(1, 2), 0, 0, Fraction(1, 2), Fraction(1, 2), width=2, stalemate=1)
        >>> war.solve_with_deadline(3).share(1)
        Fraction(3, 4)
        """
        if (
            isinstance(periods, bool)
            or not isinstance(periods, (int, np.integer))
            or not 1 <= periods <= 10**6
        ):
            raise ParameterValueError("periods", "an integer number of rounds in [1, 10**6]", periods)
        params = self._params()
        exact = self.kind == "exact"
        shape = np.shape(np.broadcast(*params.values()))[:-2] if self.kind == "array" else ()
        value_c, value_t = self._boundary(shape, exact=exact)
        agree: Any = None
        share: Any = None
        for _ in range(int(periods)):
            new_c, new_t, agree, share, _, _ = self._bellman(value_c, value_t, params)
            value_c[..., 1:-1], value_t[..., 1:-1] = new_c, new_t
        full_agree = np.zeros(np.shape(value_c), dtype=bool)
        full_agree[..., 1:-1] = agree
        offer = np.zeros(np.shape(value_c), dtype=object if exact else float)
        if exact:
            offer.fill(Fraction(0))
        offer[..., 1:-1] = share
        return MarkovPerfectEquilibrium(value_c, value_t, full_agree, offer, int(periods), 0.0, self.kind)

    def _solve_exact(
        self, params: dict[str, Any], agree: Any, give_c_positive: Any, give_t_positive: Any, iterations: int
    ) -> MarkovPerfectEquilibrium:
        """Solve the policy's linear system in ``Fraction`` and improve the policy until it is optimal."""
        interior = self.width - 1
        if interior > 200:
            raise ParameterValueError("width", "at most 201 for exact arithmetic (use floats)", self.width)
        exact_c, exact_t = self._boundary((), exact=True)
        for _ in range(50):
            solution = _solve_policy(self, params, np.asarray(agree), give_t_positive, give_c_positive)
            exact_c[..., 1:-1], exact_t[..., 1:-1] = solution
            new_c, new_t, new_agree, share, fight_c, fight_t = self._bellman(exact_c, exact_t, params)
            stable = bool(np.all(new_c == exact_c[..., 1:-1]) and np.all(new_t == exact_t[..., 1:-1]))
            if stable:
                full_agree = np.zeros((2, self.width + 1), dtype=bool)
                full_agree[:, 1:-1] = new_agree
                offer = np.empty((2, self.width + 1), dtype=object)
                offer.fill(Fraction(0))
                offer[:, 1:-1] = share
                return MarkovPerfectEquilibrium(
                    exact_c, exact_t, full_agree, offer, iterations, 0.0, self.kind
                )
            agree = new_agree
            give_t_positive = np.asarray(fight_t > 0, dtype=bool)
            give_c_positive = np.asarray(fight_c > 0, dtype=bool)
        raise ConvergenceError("exact policy iteration did not settle in 50 rounds")  # pragma: no cover


def _solve_policy(
    war: FrontLineWar, params: dict[str, Any], agree: Any, give_t_positive: Any, give_c_positive: Any
) -> tuple[Any, Any]:
    """The exact values of a fixed policy: a dense linear system in ``Fraction`` (Gauss–Jordan)."""
    states = war.width + 1
    interior = states - 2
    unknowns = 4 * interior  # V_C(l, s), V_T(l, s) for l in {0, 1}, s interior

    def index(side: int, layer: int, s: int) -> int:
        return ((side * 2) + layer) * interior + (s - 1)

    theta, sigma = params["battle_odds"], params["stalemate"]
    moves = ((1, (1 - sigma) * theta), (-1, (1 - sigma) * (1 - theta)), (0, sigma))
    next_c = {0: params["next_c"], 1: params["next_t"]}
    costs = (params["cost_coercer"], params["cost_target"])
    discounts = (params["discount_coercer"], params["discount_target"])
    matrix = [[Fraction(0)] * (unknowns + 1) for _ in range(unknowns)]

    def add_fight(row: int, side: int, layer: int, s: int, sign: int) -> None:
        """The row reads V - sign * W_side(layer, s) = rhs: move W's known parts to the right."""
        matrix[row][unknowns] -= sign * costs[side]
        for step, probability in moves:
            target_state = s + step
            for next_layer, chance in ((0, next_c[layer]), (1, 1 - next_c[layer])):
                weight = sign * discounts[side] * probability * chance
                if target_state in (0, states - 1):  # boundary values are known
                    known = (
                        (1 if target_state == states - 1 else 0)
                        if side == 0
                        else (1 if target_state == 0 else 0)
                    )
                    matrix[row][unknowns] += weight * known
                else:
                    matrix[row][index(side, next_layer, target_state)] -= weight

    for layer in (0, 1):
        for s in range(1, states - 1):
            k = s - 1
            for side in (0, 1):
                row = index(side, layer, s)
                matrix[row][row] += 1
                responder = 1 - layer
                if not agree[layer, k]:
                    add_fight(row, side, layer, s, 1)  # V_side = W_side
                    continue
                positive = give_t_positive[layer, k] if responder == 1 else give_c_positive[layer, k]
                if side == responder:
                    if positive:
                        add_fight(row, side, layer, s, 1)  # the responder gets W
                else:
                    matrix[row][unknowns] += 1  # the proposer gets 1 - max(W_resp, 0)
                    if positive:
                        add_fight(row, responder, layer, s, -1)
    solution = solve_exact([row[:unknowns] for row in matrix], [row[unknowns] for row in matrix])
    if solution is None:  # pragma: no cover - a policy's system is diagonally dominant
        raise ConvergenceError("the policy's linear system is singular")
    value_c = np.empty((2, interior), dtype=object)
    value_t = np.empty((2, interior), dtype=object)
    for layer in (0, 1):
        for s in range(1, states - 1):
            value_c[layer, s - 1] = solution[index(0, layer, s)]
            value_t[layer, s - 1] = solution[index(1, layer, s)]
    return value_c, value_t

"""Renewed demands: C's aims drawn at the first compliance, limited with probability `assurance`.

The nesting row "assurance against renewed demands" is held, exactly, against the corrected
`bargaining.commitment.RenewedDemands(a, d, p, c_T).most_compellable()` (the most the coercer can
compel in present value when its aims are drawn once; George 1991 on assurance; Schelling 1966;
Sechser 2010), which is Fearon's (1995, p. 387) p + c_T at a = 1; and, independently, against
the closed form x* = s(1 - d(1 - a))/(1 - d(1 - a)s), s = p + c_T, and the target's indifference
computed here renewal by renewal.
"""

from fractions import Fraction
from functools import cache
from typing import Any

import pytest
from hypothesis import given

from bargaining.coercive_game import CoerciveGame, GameBatch
from bargaining.coercive_game.renewal import renewal_values
from bargaining.commitment import RenewedDemands
from bargaining.core.errors import ParameterValueError
from tests.coercive_game.game_states import START, after, moves, node_at
from tests.strategies import fractions

HALF = Fraction(1, 2)


def complying_value(game: CoerciveGame, terms: Any, war: Any) -> Any:
    """T's value of complying once, by the renewals period by period: after a renewal T compares
    complying for ever (the sum of (1 - d) d^t h^(t+1) over t, in closed form per unit held) with
    resisting at once (war over what it holds)."""
    delta, a, held = game.discount, game.assurance, 1 - terms
    forever = (1 - delta) * held / (1 - delta * held)  # sum_t (1 - d) d^t h^t * h, per unit held
    renewed = (1 - delta) * held + delta * held * max(war, forever)
    return a * held + (1 - a) * renewed


@given(
    assurance=fractions(0, 1, 10), delta=fractions(Fraction(1, 10), Fraction(9, 10), 10),
    power=fractions(0, Fraction(4, 5), 10), cost=fractions(0, Fraction(1, 5), 20),
)
def test_complete_information_is_the_most_compellable_demand_in_present_value(
    assurance: Any, delta: Any, power: Any, cost: Any
) -> None:
    game = CoerciveGame(discount=delta, horizon=0, resolve=(HALF,), power=power, target_cost=cost,
                        assurance=assurance)
    solution = game.solve("try_and_see")
    block = RenewedDemands(assurance, delta, power, cost)
    most = block.most_compellable()
    s, b = power + cost, delta * (1 - assurance)
    assert most == (Fraction(1) if s >= 1 else s * (1 - b) / (1 - b * s))  # the closed form, by hand
    war = 1 - power - cost
    if s < 1:  # the most compellable demand leaves the target indifferent (independent values)
        assert complying_value(game, most, war) == war == block.compliance_value(most)
    if solution.settled == 1:
        assert solution.expected_terms == most
        assert solution.renewed_demand == 1 - assurance
    else:  # C prefers the war to the most it can compel
        settling = renewal_values(game, most, power, cost)[1]
        assert settling < power
    if assurance == 1:
        assert most == min(s, 1)  # Fearon's upper end of the bargaining range


def test_every_type_best_responds_to_renewed_demands_and_renewals_add_up() -> None:
    game = CoerciveGame(discount=Fraction(4, 5), horizon=2, resolve=(0, HALF, 1), power=HALF,
                        cost_coercer=Fraction(1, 20), target_cost=Fraction(1, 20),
                        target_cost_resolve=Fraction(3, 10), assurance=Fraction(2, 3))
    solution = game.solve("try_and_see")
    delta = game.discount
    for atom, tau in enumerate(game.resolve):
        cost = game.target_cost + game.target_cost_resolve * (1 - tau)

        @cache
        def value(t: int, state: tuple[Any, Any], cost: Any = cost) -> Any:
            if t > game.horizon:
                return 1 - game.power - cost
            total = Fraction(0)
            for chance, node in moves(solution, t, 0, state):
                fight = (1 - delta) * (1 - game.power - cost) + delta * value(t + 1, after(node))
                if node.offer is not None:
                    fight = max(fight, complying_value(game, node.offer, 1 - game.power - cost))
                total += chance * fight
            return total

        assert solution.target_utility_by_type[atom] == value(0, START)
    assert solution.renewed_demand == (1 - game.assurance) * solution.settled
    assert solution.settlement_broken == 0


def test_a_type_whose_war_is_worth_less_than_nothing_complies_with_renewals() -> None:
    """Type 0's war is worth -1/5, so it would comply with every renewal; its refusal value at
    t = 0 is positive (C's later offer to it), so the offer solves the quadratic of the complying
    branch: irrational here, so the exact game names the node and the float game solves it, and the
    type is indifferent there by the independent value above."""
    kwargs: dict[str, Any] = dict(horizon=1, resolve=(0, 1), power=HALF, target_cost_resolve=Fraction(7, 10),
                                  assurance=HALF)
    with pytest.raises(NotImplementedError, match=r"node \(t=0, front=0, cutoff=0\).*irrational"):
        CoerciveGame(discount=HALF, **kwargs).solve("try_and_see")
    game = CoerciveGame(discount=0.5, **{k: float(v) if isinstance(v, Fraction) else v for k, v in kwargs.items()})
    solution = game.solve("try_and_see")
    offer = solution.nodes[(0, 0, 0, None)].offer
    assert solution.nodes[(0, 0, 0, None)].cutoff_after == 0.5
    later = node_at(solution, 1, 0, 0.5).offer  # to the remaining type 1, which type 0 would also take
    refuse = 0.5 * (1 - 0.5 - 0.7) + 0.5 * complying_value(game, later, -0.2)
    assert complying_value(game, offer, -0.2) == pytest.approx(refuse, abs=1e-12)
    assert solution.renewed_demand == pytest.approx(0.5)


def test_renewal_bad_input() -> None:
    with pytest.raises(ParameterValueError, match="assurance"):
        CoerciveGame(discount=HALF, horizon=0, resolve=(0,), self_enforcing=True, assurance=HALF)
    with pytest.raises(ParameterValueError, match="assurance"):
        CoerciveGame(discount=HALF, horizon=0, resolve=(0,), assurance=Fraction(3, 2))
    with pytest.raises(NotImplementedError, match="renewed demands and crises are not batched"):
        GameBatch.from_games([CoerciveGame(discount=0.5, horizon=0, resolve=(0.0,), assurance=0.5)])

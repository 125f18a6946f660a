"""Self-enforcing settlements: rearmament, renege gains and guarantees (durability).

The ceasefire of the solver is held against an independent computation written here (each breach
pattern's value as a closed-form geometric sum, the subgame-perfect pattern found by recursion on
patterns), against the self-enforcing thresholds of `Ceasefire` (Fearon 1995; Fortna 2003; Walter
1997) and against `PowerPath` (Powell 2006; Krainin 2017).
"""

import math
from fractions import Fraction
from functools import cache
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bargaining.coercive_game import CoerciveGame, UltimatumDesign, solve_grid
from bargaining.coercive_game.durability import Breach, ceasefire, terms_for_value
from bargaining.commitment import Ceasefire, PowerPath
from bargaining.core.errors import ParameterValueError
from tests.coercive_game.game_states import START, after, moves
from tests.strategies import fractions

HALF = Fraction(1, 2)
Pattern = tuple[int | None, int | None]


# ------------------------------------------------------------------ an independent ceasefire


def shift(game: CoerciveGame, k: int) -> Any:
    shifts = game.rearmament or ()
    return Fraction(0) if k == 0 or not shifts else shifts[min(k, len(shifts)) - 1]


def pattern_values(game: CoerciveGame, terms: Any, share: Any, cost: Any, start: int, pattern: Pattern) -> list[Any]:
    """Each side's value from ceasefire period ``start`` when the deal breaks as ``pattern``
    ((period, side) or (None, None)): geometric sums, no recursion."""
    delta = game.discount
    flows = [terms, 1 - terms]
    period, side = pattern
    if period is None:
        return flows
    shifted = share + shift(game, period + 1)
    wars = [shifted - game.cost_coercer, 1 - shifted - cost]
    head, tail = 1 - delta ** (period + 1 - start), delta ** (period + 1 - start)
    values = [head * flows[i] + tail * wars[i] for i in (0, 1)]
    gains = [game.renege_gain_coercer, game.renege_gain_target]
    assert side is not None
    values[side] += delta ** (period - start) * (gains[side] - game.guarantee)
    return values


def oracle_breach(game: CoerciveGame, terms: Any, share: Any, cost: Any) -> Pattern:
    """The subgame-perfect breach: at each period the first side (C first) that strictly gains
    from reneging against the equilibrium pattern of the rest breaks; from K on the game is
    stationary, so a side that breaks there breaks at K."""
    delta, last = game.discount, len(game.rearmament or ())
    gains = [game.renege_gain_coercer - game.guarantee, game.renege_gain_target - game.guarantee]
    flows = [terms, 1 - terms]

    @cache
    def from_period(k: int) -> Pattern:
        if k >= last:
            shifted = share + shift(game, last + 1)
            wars = [shifted - game.cost_coercer, 1 - shifted - cost]
            for side in (0, 1):
                if delta * (flows[side] - wars[side]) < gains[side]:
                    return (last, side)
            return (None, None)
        rest = from_period(k + 1)
        kept = pattern_values(game, terms, share, cost, k + 1, rest)
        shifted = share + shift(game, k + 1)
        wars = [shifted - game.cost_coercer, 1 - shifted - cost]
        for side in (0, 1):
            if delta * kept[side] < gains[side] + delta * wars[side]:
                return (k, side)
        return rest

    return from_period(0)


def check_against_oracle(game: CoerciveGame, terms: Any, share: Any, cost: Any) -> None:
    pattern = oracle_breach(game, terms, share, cost)
    breach = ceasefire(game, terms, share, cost)
    assert breach.period == pattern[0]
    assert breach.breaker == (None if pattern[1] is None else ("coercer", "target")[pattern[1]])
    assert [breach.coercer, breach.target] == pattern_values(game, terms, share, cost, 0, pattern)


@given(
    terms=fractions(0, 1, 20), power=fractions(Fraction(1, 5), Fraction(4, 5), 20),
    delta=fractions(Fraction(1, 10), Fraction(9, 10), 10),
    shifts=st.lists(fractions(Fraction(-1, 5), Fraction(1, 5), 20), max_size=4),
    gains=st.tuples(fractions(0, Fraction(1, 5), 20), fractions(0, Fraction(1, 5), 20)),
    guarantee=fractions(0, Fraction(1, 10), 20), cost=fractions(0, Fraction(1, 10), 20),
)
def test_the_ceasefire_is_the_independent_subgame_perfect_breach(
    terms: Any, power: Any, delta: Any, shifts: Any, gains: Any, guarantee: Any, cost: Any
) -> None:
    game = CoerciveGame(discount=delta, horizon=0, resolve=(0,), power=power, cost_coercer=cost,
                        self_enforcing=True, rearmament=tuple(shifts) or None,
                        renege_gain_coercer=gains[0], renege_gain_target=gains[1], guarantee=guarantee)
    check_against_oracle(game, terms, power, cost)
    for value in (Fraction(1, 4), HALF):
        for root in terms_for_value(game, value, power, cost):
            assert ceasefire(game, root, power, cost).target == value


# ------------------------------------------------------------------ nesting: Ceasefire


@given(
    terms=fractions(0, 1, 20), power=fractions(0, 1, 20), delta=fractions(Fraction(1, 20), Fraction(19, 20), 20),
    costs=st.tuples(fractions(0, Fraction(1, 5), 20), fractions(0, Fraction(1, 5), 20)),
    gains=st.tuples(fractions(0, HALF, 20), fractions(0, HALF, 20)), guarantee=fractions(0, HALF, 20),
)
def test_complete_information_ceasefire_is_the_self_enforcing_threshold(
    terms: Any, power: Any, delta: Any, costs: Any, gains: Any, guarantee: Any
) -> None:
    """Complete information, no battles, constant p (no rearmament), fixed terms: the game's
    ceasefire is kept iff `Ceasefire` calls it self-enforcing (Fearon 1995; Fortna 2003; Walter
    1997). Units: Ceasefire's gains and guarantee are per one period's flow, the game's one-off,
    so the game's are (1 - delta) times them."""
    truce = Ceasefire(terms, power, delta, costs[0], costs[1], gains[0], gains[1], guarantee=guarantee)
    game = CoerciveGame(discount=delta, horizon=0, resolve=(0,), power=power, cost_coercer=costs[0],
                        target_cost=costs[1], self_enforcing=True,
                        renege_gain_coercer=(1 - delta) * gains[0], renege_gain_target=(1 - delta) * gains[1],
                        guarantee=(1 - delta) * guarantee)
    breach = ceasefire(game, terms, power, costs[1])
    assert (breach.period is None) == truce.is_self_enforcing()
    # the minimal guarantee is exactly the one from which the deal holds
    least = truce.minimal_guarantee()
    held = CoerciveGame(discount=delta, horizon=0, resolve=(0,), power=power, cost_coercer=costs[0],
                        target_cost=costs[1], self_enforcing=True,
                        renege_gain_coercer=(1 - delta) * gains[0], renege_gain_target=(1 - delta) * gains[1],
                        guarantee=(1 - delta) * least)
    assert ceasefire(held, terms, power, costs[1]).period is None
    if least > 0:
        short = CoerciveGame(discount=delta, horizon=0, resolve=(0,), power=power, cost_coercer=costs[0],
                             target_cost=costs[1], self_enforcing=True,
                             renege_gain_coercer=(1 - delta) * gains[0],
                             renege_gain_target=(1 - delta) * gains[1],
                             guarantee=(1 - delta) * least * Fraction(99, 100))
        assert ceasefire(short, terms, power, costs[1]).period == 0


@pytest.mark.parametrize("horizon", [0, 1, 3, 8])
def test_the_equilibrium_settlement_breaks_iff_ceasefire_says_it_is_not_self_enforcing(horizon: int) -> None:
    """The solved game (H growing toward the infinite-horizon limit): P(settlement broken) is 1
    exactly when `Ceasefire` at the equilibrium terms is not self-enforcing, else 0."""
    delta, power, cost = Fraction(3, 4), HALF, Fraction(1, 10)
    for gain in (0, Fraction(1, 10), Fraction(1, 2)):
        game = CoerciveGame(discount=delta, horizon=horizon, resolve=(HALF,), power=power,
                            cost_coercer=cost, target_cost=cost, self_enforcing=True,
                            renege_gain_coercer=(1 - delta) * gain, renege_gain_target=(1 - delta) * gain)
        solution = game.solve("try_and_see")
        assert solution.settled == 1
        truce = Ceasefire(solution.expected_terms, power, delta, cost, cost, gain, gain)
        assert solution.settlement_broken == (0 if truce.is_self_enforcing() else 1)


# ------------------------------------------------------------------ nesting: PowerPath


def path_game(path: list[Any], delta: Any, cost_c: Any, cost_t: Any) -> CoerciveGame:
    """A point-mass target, no battles, the frozen share moving along ``path`` after a
    settlement at t = 0, war locking in the share at its start (H = 0: a refusal is war at p_0)."""
    return CoerciveGame(discount=delta, horizon=0, resolve=(HALF,), power=path[0], cost_coercer=cost_c,
                        target_cost=cost_t, self_enforcing=True,
                        rearmament=tuple(p - path[0] for p in path[1:]) or None)


def test_powells_delayed_war_comes_in_the_same_period() -> None:
    """Powell (2006): a large shift after five quiet periods; `PowerPath` finds war in period 4
    (the declining target strikes in the last period before the shift). In the game the target
    accepts at t = 0 and breaks the ceasefire in period 3, so the war begins in period 4."""
    path = [Fraction(1, 5)] * 5 + [Fraction(4, 5)]
    delta, cost = Fraction(9, 10), Fraction(1, 20)
    solution = path_game(path, delta, cost, cost).solve("try_and_see")
    breach = ceasefire(path_game(path, delta, cost, cost), solution.expected_terms, path[0], cost)
    assert PowerPath(path, discount=delta, cost_coercer=cost, cost_target=cost).solve().war_period == 4
    assert (breach.period, breach.breaker) == (3, "target")
    assert solution.settlement_broken == 1


@given(
    path=st.lists(fractions(0, 1, 10), min_size=1, max_size=5), delta=fractions(Fraction(1, 10), Fraction(9, 10), 10),
    costs=st.tuples(fractions(0, Fraction(1, 5), 20), fractions(0, Fraction(1, 5), 20)),
    one_off=st.tuples(fractions(0, 1, 10), fractions(0, 1, 10)),
)
def test_a_durable_settlement_implies_powerpaths_peace(path: Any, delta: Any, costs: Any, one_off: Any) -> None:
    """The game's terms are fixed for the whole ceasefire, `PowerPath` lets the division vary by
    period (Powell 2006; Krainin 2017), so a settlement the game keeps for ever is a peaceful
    path there (a constant division), never the reverse. Units: PowerPath's one-time war cost k
    is the per-period cost (1 - delta) k in the game."""
    kappa = [costs[i] + (1 - delta) * one_off[i] for i in (0, 1)]
    solution = path_game(path, delta, kappa[0], kappa[1]).solve("try_and_see")
    peaceful = PowerPath(path, discount=delta, cost_coercer=costs[0], cost_target=costs[1],
                         one_time_cost_coercer=one_off[0], one_time_cost_target=one_off[1]).is_peaceful()
    if solution.settled == 1 and solution.settlement_broken == 0:
        assert peaceful


def first_war_period(path: list[Any], delta: Any, cost_c: Any, cost_t: Any) -> Any:
    """The game's first period of war: 0 without a settlement, the period after the ceasefire
    breaks (the breaker keeps that period's flow, the war starts the next), inf if it holds."""
    game = path_game(path, delta, cost_c, cost_t)
    solution = game.solve("try_and_see")
    if solution.settled == 0:
        return 0
    breach = ceasefire(game, solution.expected_terms, path[0], cost_t)
    return math.inf if breach.period is None else breach.period + 1


@given(
    path=st.lists(fractions(0, 1, 10), min_size=1, max_size=5), delta=fractions(Fraction(1, 10), Fraction(9, 10), 10),
    costs=st.tuples(fractions(0, Fraction(1, 5), 20), fractions(0, Fraction(1, 5), 20)),
)
def test_the_games_war_never_comes_later_than_powerpaths(path: Any, delta: Any, costs: Any) -> None:
    """Both outputs of the row, by inclusion: the game's fixed terms are one division of the flow,
    so its peace (if any) is `PowerPath`'s and its first war comes no later than `PowerPath`'s
    (Powell 2006: the latest the commitment problem allows)."""
    solution = PowerPath(path, discount=delta, cost_coercer=costs[0], cost_target=costs[1]).solve()
    war = first_war_period(path, delta, *costs)
    assert war <= solution.war_period
    assert solution.is_peaceful or war < math.inf


def test_krainins_slow_decline_is_war_at_once_though_no_single_step_is() -> None:
    """Krainin (2017): C's power rising by 1/10 a period from 0 to 1 (delta = 9/10, T's cost 1/10):
    every one-step shift alone leaves room for peace, the whole path does not, and war comes at
    once. The game finds the same: a settlement kept for ever on each step, war in period 0 on
    the path, as `PowerPath` (its verdict and first war period, exactly)."""
    path, delta, cost = [Fraction(k, 10) for k in range(11)], Fraction(9, 10), Fraction(1, 10)
    reference = PowerPath(path, discount=delta, cost_target=cost)
    assert all(reference.one_step_verdicts()) and not reference.is_peaceful()
    assert first_war_period(path, delta, 0, cost) == reference.solve().war_period == 0
    for t in range(len(path) - 1):
        step = PowerPath(path[t : t + 2], discount=delta, cost_target=cost).solve()
        assert first_war_period(path[t : t + 2], delta, 0, cost) == step.war_period == math.inf


def test_the_powerpath_row_is_not_exact_with_fixed_terms() -> None:
    """Why the row holds by inclusion only. The path 3/10 then 3/5, delta = 1/2, costs 1/20 each:
    `PowerPath` finds peace (war_period inf) with the division 0 then 11/20, which rises with C's
    power. The game's settlements have fixed terms x: kept from period 1 on iff
    11/20 = p_1 - c_C <= x <= p_1 + c_T = 13/20, accepted at t = 0 only if 1 - x >= 1 - p_0 - c_T,
    x <= 7/20: no fixed terms are both. So C offers 1/20 and breaks the ceasefire at once, the
    war starting in period 1 once its power has risen."""
    path, delta, cost = [Fraction(3, 10), Fraction(3, 5)], HALF, Fraction(1, 20)
    reference = PowerPath(path, discount=delta, cost_coercer=cost, cost_target=cost)
    assert reference.solve().is_peaceful and reference.solve().war_period == math.inf
    assert reference.division() == (0, Fraction(11, 20))
    game = path_game(path, delta, cost, cost)
    solution = game.solve("try_and_see")
    assert (solution.settled, solution.expected_terms, solution.settlement_broken) == (1, Fraction(1, 20), 1)
    assert ceasefire(game, Fraction(1, 20), path[0], cost) == Breach(0, "coercer", Fraction(3, 10), Fraction(13, 20))
    assert first_war_period(path, delta, cost, cost) == 1
    kept = (path[1] - cost, path[1] + cost)
    assert kept[0] > 1 - (1 - path[0] - cost)  # the least terms C keeps exceed the most T accepts


# ------------------------------------------------------------------ the solver with durability


def target_best_value(game: CoerciveGame, solution: Any, atom: int) -> Any:
    """T's best reply against C's equilibrium offers (no battles), with every acceptance valued by
    the independent ceasefire above."""
    delta, tau = game.discount, game.resolve[atom]
    cost = game.target_cost + game.target_cost_resolve * (1 - tau)

    @cache
    def value(t: int, state: tuple[Any, Any]) -> Any:
        if t > game.horizon:
            return 1 - game.power - cost
        total = Fraction(0)
        for chance, node in moves(solution, t, 0, state):
            fight = (1 - delta) * (1 - game.power - cost) + delta * value(t + 1, after(node))
            if node.offer is not None:
                pattern = oracle_breach(game, node.offer, game.power, cost)
                fight = max(fight, pattern_values(game, node.offer, game.power, cost, 0, pattern)[1])
            total += chance * fight
        return total

    return value(0, START)


@pytest.mark.parametrize("rearmament", [None, (Fraction(1, 10),), (Fraction(-1, 20), Fraction(-1, 10))])
def test_every_type_best_responds_and_the_breaks_add_up(rearmament: Any) -> None:
    game = CoerciveGame(discount=Fraction(4, 5), horizon=2, resolve=(0, HALF, 1), power=HALF,
                        cost_coercer=Fraction(1, 20), target_cost=Fraction(1, 20),
                        target_cost_resolve=Fraction(3, 10), self_enforcing=True, rearmament=rearmament,
                        renege_gain_coercer=Fraction(1, 50), renege_gain_target=Fraction(1, 50))
    solution = game.solve("try_and_see")
    for atom in range(game.types):
        assert solution.target_utility_by_type[atom] == target_best_value(game, solution, atom)
    broken, state = Fraction(0), START  # walk the path of play (no battles, no mixing here: one state per period)
    bounds = [sum(game.weights[:i], Fraction(0)) for i in range(game.types + 1)]
    for t in range(game.horizon + 1):
        ((_, node),) = moves(solution, t, 0, state)
        for atom in range(game.types):
            if node.offer is not None and state[0] <= bounds[atom] < node.cutoff_after:
                cost = game.target_cost + game.target_cost_resolve * (1 - game.resolve[atom])
                if oracle_breach(game, node.offer, game.power, cost)[0] is not None:
                    broken += game.weights[atom]
        if node.cutoff_after == 1:
            break
        state = after(node)
    assert solution.settlement_broken == broken
    assert sum(w * b for w, b in zip(game.weights, solution.settlement_broken_by_type)) == broken


def test_permanent_and_unbreakable_settlements_agree() -> None:
    """A large guarantee keeps every ceasefire: the equilibrium is the permanent-settlement one."""
    kwargs = dict(discount=Fraction(4, 5), horizon=2, resolve=(0, HALF, 1), power=HALF,
                  target_cost=Fraction(1, 20), target_cost_resolve=Fraction(3, 10), threat_loss=Fraction(1, 5))
    plain = CoerciveGame(**kwargs)  # type: ignore[arg-type]
    held = CoerciveGame(**kwargs, self_enforcing=True, guarantee=10)  # type: ignore[arg-type]
    for strategy in ("try_and_see", UltimatumDesign(demand=Fraction(3, 5), deadline=1, audience_cost=HALF)):
        a, b = plain.solve(strategy), held.solve(strategy)
        assert (a.settled_by, a.coercer_utility, a.target_utility_by_type) == (b.settled_by, b.coercer_utility, b.target_utility_by_type)
        assert b.settlement_broken == 0


def test_a_node_where_accepting_a_ceasefire_breaks_single_crossing_is_named() -> None:
    """At terms 3/20 C would break the ceasefire at once, and the types' values of accepting then
    differ by their war values: the more resolute types accept and the least resolute refuses."""
    third = Fraction(1, 20)
    game = CoerciveGame(discount=Fraction(4, 5), horizon=1, resolve=(0, HALF, 1), power=Fraction(7, 10),
                        target_cost=third, target_cost_resolve=Fraction(2, 5), self_enforcing=True,
                        renege_gain_coercer=third, renege_gain_target=third, guarantee=third)
    with pytest.raises(NotImplementedError, match=r"single crossing fails at node \(t=0, front=0, cutoff=0\)"):
        game.solve("try_and_see")


def test_durability_bad_input() -> None:
    with pytest.raises(ParameterValueError, match="self_enforcing"):
        CoerciveGame(discount=HALF, horizon=0, resolve=(0,), rearmament=(Fraction(1, 10),))
    with pytest.raises(ParameterValueError, match="self_enforcing"):
        CoerciveGame(discount=HALF, horizon=0, resolve=(0,), guarantee=Fraction(1, 10))
    with pytest.raises(ParameterValueError, match=r"rearmament\[1\]"):
        CoerciveGame(discount=HALF, horizon=0, resolve=(0,), self_enforcing=True, rearmament=(0, Fraction(3, 5)))
    with pytest.raises(ParameterValueError, match=r"rearmament\[0\]"):
        CoerciveGame(discount=HALF, horizon=0, resolve=(0,), margin=2, self_enforcing=True, rearmament=(Fraction(-3, 4),))
    with pytest.raises(ParameterValueError, match="renege_gain_target"):
        CoerciveGame(discount=HALF, horizon=0, resolve=(0,), self_enforcing=True, renege_gain_target=-1)
    with pytest.raises(ParameterValueError, match="continuous"):
        solve_grid(CoerciveGame(discount=0.5, horizon=0, resolve=(0.0, 1.0), target_cost_resolve=0.1,
                                self_enforcing=True), "try_and_see", continuous=True)


def test_self_enforcing_must_be_a_bool() -> None:
    from bargaining.core.errors import ParameterTypeError

    with pytest.raises(ParameterTypeError, match="self_enforcing"):
        CoerciveGame(discount=HALF, horizon=0, resolve=(0,), self_enforcing=1)  # type: ignore[arg-type]

"""Nesting: each building block is a restriction of the coercive bargaining game.

Every row builds the restricted game and compares it, exactly, with the block it names or with an
independent computation written here (an enumeration of battle histories, a brute force over
cut-offs), each with its published source.
"""

from fractions import Fraction
from functools import cache
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bargaining.coercive_game import CoerciveGame, GameSolution, UltimatumDesign
from bargaining.crisis import RiskReturn
from bargaining.war import CoaseTwoPeriod, FrontLineWar, LearningWar
from bargaining.war.race import continuation
from tests.coercive_game.game_states import START, after, moves
from tests.strategies import fractions

HALF = Fraction(1, 2)


def midpoint_types(n: int) -> tuple[Fraction, ...]:
    """n equally likely types at the midpoints of n equal cells of [0, 1]."""
    return tuple(Fraction(2 * i + 1, 2 * n) for i in range(n))


# ------------------------------------------------------------------ an independent oracle for T


def target_value_by_enumeration(game: CoerciveGame, solution: GameSolution, atom: int, design: UltimatumDesign | None = None) -> Any:
    """T's best value against C's equilibrium offers, by optimal stopping on the tree of battle
    histories (not the lattice): the type may settle at any period, whatever the others do; C's
    belief follows its equilibrium cut-offs whatever this type does."""
    delta = game.discount
    deadline = -1 if design is None else design.deadline
    execution = 0 if design is None else game.execution_probability(design)
    gamma = game.screw if solution.strategy == "screw" else 0
    tau = game.resolve[atom]
    cost = game.target_cost + game.target_cost_resolve * (1 - tau)
    loss = game.threat_loss * (1 - tau)

    def predictive(wins: int, battles: int) -> Any:
        if game.prior_target is None:
            return game.true_odds
        alpha, beta = game.prior_target
        return (alpha + wins) / (alpha + beta + battles)

    @cache
    def value(t: int, history: tuple[int, ...], state: tuple[Any, Any]) -> Any:
        front = game.start_front + sum(1 if won else -1 for won in history)
        if game.margin is not None and front >= game.margin:
            return Fraction(0)
        if game.margin is not None and front <= -game.margin:
            return Fraction(1)
        if t > game.horizon:
            return 1 - game.share(front) - cost - gamma * (t + delta / (1 - delta))
        fight = (1 - delta) * (1 - game.share(front) - cost - gamma * t) - (execution * loss if t == deadline else 0)
        total = Fraction(0)
        for chance, node in moves(solution, t, front, state):
            nxt = after(node)
            if game.margin is None:
                refuse = fight + delta * value(t + 1, history, nxt)
            else:
                p = predictive(sum(history), t)
                refuse = fight + delta * (p * value(t + 1, (*history, 1), nxt) + (1 - p) * value(t + 1, (*history, 0), nxt))
            if node.offer is not None:
                refuse = max(refuse, 1 - node.offer + game.carrot_credibility * game.carrot)
            total += chance * refuse
        return total

    return value(0, (), START)


# ------------------------------------------------------------------ H = 0: Fearon's risk-return


@pytest.mark.parametrize("n", [2, 3, 5, 8])
def test_one_period_try_and_see_is_the_risk_return_demand_against_the_discrete_prior(n: int) -> None:
    """Fearon (1995, §3), Powell (1999, ch. 3): with H = 0 and no battles C's offer trades the
    revenue of a higher demand against the risk of war; against n discrete types the optimum is a
    cut-off, found here by brute force over every cut-off."""
    p, c_c, c0, c1 = HALF, Fraction(1, 10), Fraction(1, 20), Fraction(2, 5)
    game = CoerciveGame(discount=Fraction(9, 10), horizon=0, resolve=midpoint_types(n), power=p,
                        cost_coercer=c_c, target_cost=c0, target_cost_resolve=c1)
    solution = game.solve("try_and_see")
    costs = [c0 + c1 * (1 - tau) for tau in game.resolve]  # decreasing in resolve
    best = p - c_c  # no acceptable offer
    for k in range(1, n + 1):  # types 0..k-1 (the highest costs) accept p + cost of type k-1
        demand = min(p + costs[k - 1], Fraction(1))
        best = max(best, Fraction(k, n) * demand + Fraction(n - k, n) * (p - c_c))
    assert solution.coercer_utility == best
    war = RiskReturn(p, c_c, c0, c0 + c1)
    # the discrete optimum approaches the continuous one (error at most one cell of the cost range)
    assert abs(solution.coercer_utility - war.solve().coercer_utility) <= c1 / n
    assert solution.threat_executed == 0 and solution.coercer_backs_down == 0


@pytest.mark.parametrize("n", [4, 10])
def test_carrot_row_is_risk_return_at_the_effective_demand(n: int) -> None:
    """An ultimatum with D = H = 0, no threat, a fixed demand x and a carrot (s, kappa, q): the
    target fights with the risk-return probability of the effective demand x - q s and C earns
    x - kappa q s on a settlement (Fearon 1995; carrots as in George 1991, ch. 2). The midpoint
    types have the uniform cdf at every cell boundary, so at every demand whose threshold is a
    boundary the two agree exactly; every such demand is checked."""
    p, c_c, c0, c1 = Fraction(2, 5), Fraction(1, 10), Fraction(1, 20), Fraction(2, 5)
    s, kappa, q = Fraction(1, 10), Fraction(3, 2), Fraction(4, 5)
    game = CoerciveGame(discount=Fraction(1, 2), horizon=0, resolve=midpoint_types(n), power=p,
                        cost_coercer=c_c, target_cost=c0, target_cost_resolve=c1,
                        carrot=s, carrot_efficiency=kappa, carrot_credibility=q)
    war = RiskReturn(p, c_c, c0, c0 + c1)
    for k in range(n + 1):
        demand = p + c0 + c1 * Fraction(k, n) + q * s
        if demand > 1:
            continue
        solution = game.solve(UltimatumDesign(demand=demand, deadline=0))
        refuses = war.war_probability(demand - q * s)
        assert 1 - solution.settled == refuses
        assert solution.coercer_utility == (1 - refuses) * (demand - kappa * q * s) + refuses * (p - c_c)
        # the carrot is a smaller demand when kappa = q = 1
        plain = CoerciveGame(discount=Fraction(1, 2), horizon=0, resolve=midpoint_types(n), power=p,
                             cost_coercer=c_c, target_cost=c0, target_cost_resolve=c1)
        assert plain.solve(UltimatumDesign(demand=demand - q * s, deadline=0)).settled == solution.settled
        assert solution.threat_executed == 0  # no threat: the execution value is never positive


# ------------------------------------------------------------------ H = 1: the Coase problem


@pytest.mark.parametrize("n", [8, 16, 32])
def test_two_period_try_and_see_approaches_the_coase_cutoff(n: int) -> None:
    """Fudenberg & Tirole (1991, §10.2.1), Sobel & Takahashi (1983): without commitment the
    first-period cut-off type is indifferent between settling now and waiting for the softer
    second demand. The discrete game's cut-off and demands are within one cell of the continuous
    closed form of `CoaseTwoPeriod` (the error figures are in the docs)."""
    p, cbar, delta = Fraction(1, 4), Fraction(1, 2), Fraction(1, 2)
    game = CoerciveGame(discount=delta, horizon=1, resolve=midpoint_types(n), power=p, target_cost_resolve=cbar)
    solution = game.solve("try_and_see")
    coase = CoaseTwoPeriod(p, cbar, delta).solve()
    first = solution.nodes[(0, 0, 0, None)]
    settled_cost = cbar * first.cutoff_after  # the types settling at once have costs above cbar - this
    assert abs((cbar - settled_cost) - coase.cutoff) <= cbar / n + cbar / n
    assert abs(first.offer - coase.first_demand) <= 2 * cbar / n
    assert abs(solution.coercer_utility - p - coase.coercer_gain) <= 2 * cbar / n
    for atom in range(n):
        assert solution.target_utility_by_type[atom] == target_value_by_enumeration(game, solution, atom)


@pytest.mark.parametrize("n", [2, 4, 8])
def test_the_committed_benchmark_is_an_ultimatum_with_no_threat_and_deadline_h(n: int) -> None:
    """A coercer that commits to p + cbar/2 for both periods gains cbar/4 (`CoaseTwoPeriod`'s
    committed benchmark; Stokey 1979: commitment means no softening). The threshold cbar/2 is a
    cell boundary of the midpoint types for every even n."""
    p, cbar, delta = Fraction(1, 4), Fraction(1, 2), Fraction(1, 2)
    game = CoerciveGame(discount=delta, horizon=1, resolve=midpoint_types(n), power=p, target_cost_resolve=cbar)
    coase = CoaseTwoPeriod(p, cbar, delta).solve()
    solution = game.solve(UltimatumDesign(demand=coase.committed_demand, deadline=1))
    assert solution.coercer_utility - p == coase.committed_gain
    assert solution.settled_by == (HALF, HALF)


# ------------------------------------------------------------------ battles: optimal stopping


def stopping_by_enumeration(game: CoerciveGame) -> tuple[Any, Any, dict[int, Any]]:
    """(C's value, T's value, P(settled at t) under the true odds) for a point-mass target, by
    backward induction on the tree of every battle history: at each history C settles at T's
    value of fighting on when that leaves C at least its own value of fighting on (the subjective
    bargaining range is non-empty), else they fight (Slantchev 2003; Smith & Stam 2004)."""
    delta, margin = game.discount, game.margin
    cost_t = game.target_cost + game.target_cost_resolve * (1 - game.resolve[0])

    def odds(prior: Any, wins: int, battles: int) -> Any:
        return game.true_odds if prior is None else (prior[0] + wins) / (prior[0] + prior[1] + battles)

    settled: dict[int, Any] = {}

    def solve(history: tuple[int, ...], reach: Any) -> tuple[Any, Any]:
        t = len(history)
        front = game.start_front + sum(1 if won else -1 for won in history)
        if front >= margin:
            return Fraction(1), Fraction(0)
        if front <= -margin:
            return Fraction(0), Fraction(1)
        share = game.share(front)
        if t > game.horizon:
            return share - game.cost_coercer, 1 - share - cost_t
        wins = sum(history)
        p_c, p_t, theta = odds(game.prior_coercer, wins, t), odds(game.prior_target, wins, t), game.true_odds
        # the children are evaluated whether or not C settles here (their values are needed)
        won = solve((*history, 1), 0)
        lost = solve((*history, 0), 0)
        fight_c = (1 - delta) * (share - game.cost_coercer) + delta * (p_c * won[0] + (1 - p_c) * lost[0])
        fight_t = (1 - delta) * (1 - share - cost_t) + delta * (p_t * won[1] + (1 - p_t) * lost[1])
        offer = 1 - fight_t
        if 0 <= offer <= 1 and offer >= fight_c:
            settled[t] = settled.get(t, 0) + reach
            return offer, fight_t
        if reach:
            solve((*history, 1), reach * theta)
            solve((*history, 0), reach * (1 - theta))
        return fight_c, fight_t

    value_c, value_t = solve((), Fraction(1))
    return value_c, value_t, settled


@pytest.mark.parametrize(
    ("prior_coercer", "prior_target"),
    [((3, 1), (1, 3)), ((5, 2), (1, 1)), ((1, 1), (1, 1)), (None, None), ((2, 1), None)],
)
def test_point_mass_with_battles_is_the_optimal_stopping_problem(prior_coercer: Any, prior_target: Any) -> None:
    """Point-mass type, Beta priors, battles, H = 6: the game is the optimal-stopping problem of
    Slantchev (2003) and Smith & Stam (2004) (war as learning: the sides fight until the battles
    make the subjective bargaining range non-empty); every value and every P(settled at t)
    matches the enumeration of all 2^7 battle histories exactly."""
    game = CoerciveGame(discount=Fraction(9, 10), horizon=6, resolve=(HALF,), margin=3, start_front=0,
                        true_odds=Fraction(3, 5), prior_coercer=prior_coercer, prior_target=prior_target,
                        cost_coercer=Fraction(1, 50), target_cost=Fraction(1, 50))
    solution = game.solve("try_and_see")
    value_c, value_t, settled = stopping_by_enumeration(game)
    assert solution.coercer_utility == value_c
    assert solution.target_utility == value_t
    running = Fraction(0)
    for t in range(game.horizon + 1):
        running += settled.get(t, 0)
        assert solution.settled_by[t] == running
    assert solution.subjective == (prior_coercer != prior_target)
    total = solution.settled + solution.decisive_by[-1] + solution.still_fighting
    assert total == 1


def race_values(game: CoerciveGame) -> tuple[list[Any], list[Any], list[Any]]:
    """(C's equilibrium values, C's and T's whole-war values) at every lattice node (n, k), by
    `bargaining.war.race.continuation`, the corrected whole-war backward induction.

    Units: the race pays nothing while fighting and a one-off cost per battle; the game pays the
    normalised flow (1 - d)(pi - c) per period of war, so with a constant interior share pi = p the
    race's per-battle cost is (1 - d)(c_C - p) for C and (1 - d)(c_T + p - 1) for T (a decisive end
    is worth 1 or 0 in both). The race decides a war still on at its horizon by one final battle;
    the game freezes the front after H for ever, so the race is run to H + 1 with a stop there worth
    the frozen war, p - c_C or 1 - p - c_T. C's equilibrium value stops wherever settling at T's
    whole-war value, 1 - W_T, is a share and beats fighting on."""
    delta, p = game.discount, game.share(0)
    prior_c, prior_t = game.prior_coercer, game.prior_target
    assert prior_c is not None and prior_t is not None and game.margin is not None
    cost_t = game.target_cost + game.target_cost_resolve * (1 - game.resolve[0])
    war = LearningWar(coercer_belief=prior_c[0] / sum(prior_c), target_belief=prior_t[1] / sum(prior_t),
                      coercer_confidence=sum(prior_c), target_confidence=sum(prior_t), battle_odds=game.true_odds,
                      decisive_margin=game.margin, discount=delta)
    end = game.horizon + 1

    def frozen(worth: Any) -> Any:
        return lambda n, fight: (fight == fight, worth) if n == end else None

    flow_c, flow_t = (1 - delta) * (game.cost_coercer - p), (1 - delta) * (cost_t + p - 1)
    whole_c = continuation(war, end, "coercer", lambda n: flow_c, frozen(p - game.cost_coercer))
    whole_t = continuation(war, end, "target", lambda n: flow_t, frozen(1 - p - cost_t))

    def settle(n: int, fight: Any) -> Any:
        if n == end:
            return fight == fight, p - game.cost_coercer
        offer = 1 - whole_t[n]
        return (offer >= 0) & (offer <= 1) & (offer >= fight), offer

    return continuation(war, end, "coercer", lambda n: flow_c, settle), whole_c, whole_t


@given(
    prior_c=st.tuples(st.integers(1, 6), st.integers(1, 6)), prior_t=st.tuples(st.integers(1, 6), st.integers(1, 6)),
    odds=fractions(Fraction(1, 5), Fraction(4, 5), 5), power=fractions(Fraction(1, 5), Fraction(4, 5), 5),
    cost_c=fractions(0, Fraction(1, 10), 20), cost_t=fractions(0, Fraction(1, 10), 20),
    delta=fractions(Fraction(1, 2), Fraction(19, 20), 20), margin=st.integers(1, 3), horizon=st.integers(0, 5),
)
def test_point_mass_with_battles_is_the_race_of_whole_war_values(
    prior_c: Any, prior_t: Any, odds: Any, power: Any, cost_c: Any, cost_t: Any, delta: Any, margin: int,
    horizon: int,
) -> None:
    """The point-mass learning-war row against `bargaining.war.race` (Slantchev 2003; Smith & Stam
    2004): T's equilibrium value is its whole-war value (every settlement leaves it exactly that),
    C's is the race's backward induction with the settlement stop, every offer is 1 - W_T at its
    node, and the game settles only where the subjective bargaining range [W_C, 1 - W_T] of the
    whole-war values is non-empty (the principle of convergence)."""
    shares = (0, *([power] * (2 * margin - 1)), 1)
    game = CoerciveGame(discount=delta, horizon=horizon, resolve=(HALF,), margin=margin, front_shares=shares,
                        true_odds=odds, prior_coercer=prior_c, prior_target=prior_t, cost_coercer=cost_c,
                        target_cost=cost_t)
    solution = game.solve("try_and_see")
    equilibrium_c, whole_c, whole_t = race_values(game)
    assert solution.coercer_utility == equilibrium_c[0][0]
    assert solution.target_utility == whole_t[0][0]
    for (t, front, cutoff, _), node in solution.nodes.items():
        if cutoff:
            continue
        k = (front + t) // 2
        if node.offer is None:
            assert not 0 <= 1 - whole_t[t][k] <= 1 or 1 - whole_t[t][k] < equilibrium_c[t][k]
        else:
            assert node.offer == 1 - whole_t[t][k]
            assert whole_c[t][k] <= node.offer  # no settlement while the subjective range is empty


def test_mutual_optimism_delays_settlement_and_a_common_prior_does_not() -> None:
    """Blainey (1973), Fearon (1995), Slantchev (2003): with both sides optimistic the subjective
    range is empty at the start, so they fight; with a common prior they settle at once."""
    common = dict(discount=Fraction(9, 10), horizon=6, resolve=(HALF,), margin=3, true_odds=HALF,
                  cost_coercer=Fraction(1, 100), target_cost=Fraction(1, 100))
    optimistic = CoerciveGame(**common, prior_coercer=(8, 1), prior_target=(1, 8)).solve("try_and_see")
    shared = CoerciveGame(**common, prior_coercer=(2, 2), prior_target=(2, 2)).solve("try_and_see")
    assert optimistic.settled_by[0] == 0 and optimistic.nodes[(0, 0, 0, None)].offer is None
    assert shared.settled_by[0] == 1


@given(
    odds=fractions(Fraction(1, 10), Fraction(9, 10), 10),
    cost_c=fractions(0, Fraction(1, 5), 20),
    cost_t=fractions(0, Fraction(1, 5), 20),
    delta=fractions(Fraction(1, 10), Fraction(9, 10), 10),
    margin=st.integers(1, 3),
)
def test_complete_information_with_a_common_prior_settles_at_once(odds: Any, cost_c: Any, cost_t: Any, delta: Any, margin: int) -> None:
    """Complete information and a common prior: agreement at once, as in `FrontLineWar`'s Markov
    perfect equilibrium (Fearon 1995: war is inefficient, so some deal beats it; Powell 2004)."""
    game = CoerciveGame(discount=delta, horizon=3, resolve=(HALF,), margin=margin, true_odds=odds,
                        cost_coercer=cost_c, target_cost=cost_t)
    solution = game.solve("try_and_see")
    assert solution.settled_by[0] == 1 and solution.length[0] == 1
    if margin >= 2:
        war = FrontLineWar(battle_odds=odds, cost_coercer=cost_c, cost_target=cost_t, discount_coercer=delta,
                           discount_target=delta, width=2 * margin, proposer="coercer").solve()
        assert war.agreement[0, margin]  # the complete-information war also ends at once


# ------------------------------------------------------------------ the strategies


def test_every_type_best_responds_in_every_strategy() -> None:
    """The target's equilibrium value is its optimal-stopping value against C's equilibrium
    offers, by type, under try-and-see, the screw and an ultimatum with a threat (the
    target's value of refusing is its equilibrium continuation)."""
    game = CoerciveGame(discount=Fraction(4, 5), horizon=3, resolve=(0, Fraction(1, 3), Fraction(2, 3), 1),
                        type_weights=(Fraction(1, 5), Fraction(2, 5), Fraction(1, 5), Fraction(1, 5)),
                        margin=2, true_odds=Fraction(3, 5), prior_coercer=(2, 1), prior_target=(1, 1),
                        target_cost=Fraction(1, 50), target_cost_resolve=Fraction(1, 5), cost_coercer=Fraction(1, 50),
                        threat_loss=Fraction(1, 2), screw=Fraction(1, 20), screw_cost=Fraction(1, 2),
                        carrot=Fraction(1, 20), carrot_efficiency=Fraction(6, 5), carrot_credibility=Fraction(9, 10),
                        execution_low=-1, execution_high=Fraction(1, 2))
    design = UltimatumDesign(demand=Fraction(7, 10), deadline=1, audience_cost=Fraction(1, 4))
    for strategy in ("try_and_see", "screw", design):
        solution = game.solve(strategy)
        for atom in range(game.types):
            assert solution.target_utility_by_type[atom] == target_value_by_enumeration(
                game, solution, atom, strategy if isinstance(strategy, UltimatumDesign) else None
            )
        assert solution.settled + solution.decisive_by[-1] + solution.still_fighting == 1
        assert sum(solution.length) == 1 - solution.still_fighting


def test_the_screw_without_a_rise_is_try_and_see_and_the_threat_falls_only_at_the_deadline() -> None:
    game = CoerciveGame(discount=Fraction(4, 5), horizon=2, resolve=(0, HALF, 1), target_cost_resolve=Fraction(1, 5),
                        threat_loss=Fraction(1, 2), execution_low=-1, execution_high=1)
    assert game.solve("screw").coercer_utility == game.solve("try_and_see").coercer_utility
    design = UltimatumDesign(demand=Fraction(9, 10), deadline=1, audience_cost=HALF)
    solution = game.solve(design)
    refused = 1 - solution.settled_by[1]
    e = game.execution_probability(design)
    assert solution.threat_executed == e * refused
    assert solution.coercer_backs_down == (1 - e) * refused
    assert sum(solution.threat_executed_by_type[i] * game.weights[i] for i in range(3)) == solution.threat_executed


def test_a_node_where_single_crossing_fails_is_named() -> None:
    game = CoerciveGame(discount=Fraction(4, 5), horizon=1, resolve=(0, 1), target_cost_resolve=Fraction(1, 5))
    object.__setattr__(game, "target_cost_resolve", Fraction(-1, 5))  # bypass validation on purpose
    with pytest.raises(NotImplementedError, match=r"single crossing fails at node \(t=1, front=0, cutoff=0\)"):
        game.solve("try_and_see")

"""The marginal type mixes at atoms, exactly.

Fudenberg, Levine & Tirole (1985) and Gul, Sonnenschein & Wilson (1986): with finitely many
types the Coasian screening equilibrium needs the marginal type to randomise, so that C's belief
after a refusal leaves it indifferent next period. The exact solver puts the cut-off inside the
atom (a quantile); here it is held against the indifference condition derived in sympy, a brute
force over the mixing probabilities, and the splitting of atoms into ever finer sub-atoms (the
cut-offs of the split game approach the exact one from below, and C's value converges).
"""

import itertools
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from bargaining.coercive_game import CoerciveGame, UltimatumDesign, simulate
from bargaining.coercive_game.exact import _Solver
from bargaining.coercive_game.specification import derive_mixing
from tests.coercive_game.game_states import START, after, moves

F = Fraction


def two_atoms(w0: Any, delta: Any, p: Any, cost_c: Any, c0: Any, c1: Any, horizon: int = 1) -> CoerciveGame:
    return CoerciveGame(discount=delta, horizon=horizon, resolve=(0, 1), type_weights=(w0, 1 - w0), power=p,
                        cost_coercer=cost_c, target_cost=c0, target_cost_resolve=c1)


MIXING = two_atoms(F(4, 5), F(7, 10), F(2, 5), 0, F(3, 20), F(1, 10))
"""Type 0 accepts the first offer with probability 5/8: the cut-off 1/2 inside its atom of mass 4/5."""


def test_the_cutoff_inside_an_atom_is_the_derived_indifference() -> None:
    """On a lattice of two-atom, two-period games: wherever the solver's first cut-off lies
    strictly inside the first atom, it is the derived u* and the offer is type 0's war value."""
    derived = derive_mixing()
    names = {name: sympy.Symbol(name, real=True) for name in ("p", "c_C", "q", "s", "kappa")}
    own = derived["symbols"]
    mixed = 0
    for w0, delta, p, cost_c, c1 in itertools.product((F(3, 5), F(4, 5), F(9, 10)), (F(7, 10), F(9, 10)),
                                                      (F(1, 10), F(2, 5)), (0, F(3, 20)), (F(1, 10), F(2, 5))):
        c0 = F(3, 20)
        solution = two_atoms(w0, delta, p, cost_c, c0, c1).solve("try_and_see")
        first = solution.nodes[(0, 0, 0, None)]
        if first.offer is None or not 0 < first.cutoff_after < w0:
            continue
        mixed += 1
        values = {own["w_0"]: w0, own["c_T0"]: c0 + c1, own["c_T1"]: c0, names["p"]: p, names["c_C"]: cost_c,
                  names["q"]: 0, names["s"]: 0, names["kappa"]: 0, sympy.Symbol("delta", positive=True): delta}
        assert first.cutoff_after == Fraction(str(derived["cutoff"].subs(values)))
        assert first.offer == Fraction(str(derived["first_offer"].subs(values))) == p + c0 + c1
        assert solution.settled_by_type[0] == 1 and solution.settled_by[0] == first.cutoff_after
        assert derived["slope_below"].subs(values) > 0
    assert mixed >= 5  # the lattice reaches the mixing regime (a count of games, not a verdict)


def brute_force(game: CoerciveGame, cells: int) -> tuple[Any, set[Any]]:
    """C's best first-period value in a two-atom, two-period game over the cut-offs k/cells (type
    0 mixing below w0, type 1 above), every optimal last move of C considered (its ties), written
    from the payoffs alone; and the cut-offs that reach it."""
    delta, p, cost_c = game.discount, game.power, game.cost_coercer
    w0 = game.weights[0]
    war_t = [1 - p - game.target_cost - game.target_cost_resolve * (1 - tau) for tau in game.resolve]

    def last(u: Any) -> list[tuple[Any, list[Any]]]:
        rest0, rest1 = max(F(0), w0 - u), min(1 - u, 1 - w0)
        hold, everyone = 1 - war_t[0], 1 - war_t[1]
        options = [((rest0 + rest1) * (p - cost_c), war_t),
                   (rest0 * hold + rest1 * (p - cost_c), war_t),
                   ((rest0 + rest1) * everyone, [max(1 - everyone, war_t[0]), war_t[1]])]
        top = max(value for value, _ in options)
        return [option for option in options if option[0] == top]

    best, where = max(value for value, _ in last(F(0))) * delta + (1 - delta) * (p - cost_c), {F(0)}
    for k in range(1, cells + 1):
        u = F(k, cells)
        marginal = 0 if u <= w0 else 1
        for later, target in last(u):
            refuse = [(1 - delta) * war_t[i] + delta * target[i] for i in (0, 1)]
            offer = 1 - refuse[marginal]
            if not 0 <= offer <= 1 or (marginal == 0 and 1 - offer >= refuse[1]):
                continue
            value = u * offer + (1 - u) * (1 - delta) * (p - cost_c) + delta * later
            if value > best:
                best, where = value, {u}
            elif value == best:
                where.add(u)
    return best, where


def test_a_brute_force_over_mixing_probabilities_reaches_the_exact_equilibrium() -> None:
    solution = MIXING.solve("try_and_see")
    best, where = brute_force(MIXING, 40)
    assert solution.coercer_utility == best == F(231, 400)
    assert solution.nodes[(0, 0, 0, None)].cutoff_after in where == {F(1, 2)}
    for coarse in (7, 13):  # grids missing the cut-off stay below it
        assert brute_force(MIXING, coarse)[0] < best


def test_no_cutoff_on_a_fine_grid_beats_the_exact_solver_on_the_lattice() -> None:
    """C's value is optimal: over the 48 lattice games, mixing (36 of them) or not, the brute force
    over the cut-offs k/240 with every tie of C's last move reaches the solver's value and no more
    (every cut-off the solver picks there is a multiple of 1/240)."""
    for w0, delta, p, cost_c, c1 in itertools.product((F(3, 5), F(4, 5), F(9, 10)), (F(7, 10), F(9, 10)),
                                                      (F(1, 10), F(2, 5)), (0, F(3, 20)), (F(1, 10), F(2, 5))):
        game = two_atoms(w0, delta, p, cost_c, F(3, 20), c1)
        solution = game.solve("try_and_see")
        best, where = brute_force(game, 240)
        assert best == solution.coercer_utility
        assert solution.nodes[(0, 0, 0, None)].cutoff_after in where


def test_splitting_the_atoms_finer_converges_to_the_exact_mixing() -> None:
    """The sub-atom approximation (cut-offs on multiples of w_i/steps) approaches the exact
    equilibrium: its cut-off from below, its value within one sub-atom of the offer's margin."""
    exact = MIXING.solve("try_and_see")
    errors = []
    for steps in (8, 16, 32):
        solver = _Solver(MIXING, "try_and_see", steps)
        split = solver.forward(solver.backward())
        errors.append(exact.coercer_utility - split.coercer_utility)
        assert 0 < exact.settled_by[0] - split.settled_by[0] <= MIXING.weights[0] / steps
    assert errors[0] > errors[1] > errors[2] > 0 and errors[2] <= F(1, 32)
    three = CoerciveGame(discount=F(4, 5), horizon=2, resolve=(0, F(1, 2), 1), type_weights=(F(1, 2), F(1, 4), F(1, 4)),
                         target_cost_resolve=F(1, 5))
    value = three.solve("try_and_see").coercer_utility
    for steps in (2, 4, 8, 16):
        solver = _Solver(three, "try_and_see", steps)
        assert abs(value - solver.forward(solver.backward()).coercer_utility) <= F(1, 250) / steps


def best_reply(game: CoerciveGame, solution: Any, war: Any, t: int, state: tuple[Any, Any]) -> Any:
    """A type's best value against C's moves from ``state`` (no battles; war per period ``war``)."""
    if t > game.horizon:
        return war
    delta, total = game.discount, F(0)
    for chance, node in moves(solution, t, 0, state):
        refuse = (1 - delta) * war + delta * best_reply(game, solution, war, t + 1, after(node))
        total += chance * (refuse if node.offer is None else max(refuse, 1 - node.offer))
    return total


def test_every_type_best_responds_to_the_mixing_equilibrium() -> None:
    """Each type's value is its best reply to C's moves (an optimal stopping problem over C's
    nodes), and the mixing type 0 is exactly indifferent at t = 0."""
    for game in (MIXING, two_atoms(F(4, 5), F(7, 10), F(2, 5), 0, F(3, 20), F(1, 10), horizon=2)):
        solution = game.solve("try_and_see")
        for atom, tau in enumerate(game.resolve):
            war = 1 - game.power - game.target_cost - game.target_cost_resolve * (1 - tau)
            assert solution.target_utility_by_type[atom] == best_reply(game, solution, war, 0, START)
    first = MIXING.solve("try_and_see").nodes[(0, 0, 0, None)]
    assert 1 - first.offer == 1 - MIXING.power - F(1, 4)  # type 0 held to its war value, so indifferent


def test_a_point_mass_never_mixes() -> None:
    """Complete information: one atom, settled whole at once, whatever the split."""
    game = CoerciveGame(discount=F(4, 5), horizon=2, resolve=(F(1, 2),), target_cost=F(1, 10))
    whole = game.solve("try_and_see")
    for steps in (1, 3):
        solver = _Solver(game, "try_and_see", steps)
        split = solver.forward(solver.backward())
        assert (whole.coercer_utility, whole.settled_by) == (split.coercer_utility, split.settled_by)
    assert whole.settled_by[0] == 1


def test_a_committed_demand_with_no_pure_cutoff_mixes_both_ways() -> None:
    """Under an ultimatum the cut-off before the deadline is the largest consistent one. Here none
    is pure: type 0 complies with probability (1/45)/(1/5) = 1/9, and next period C, indifferent
    between its moves at that belief, plays its move from below with probability 5/6, which
    makes type 0 exactly indifferent (the sub-atom solver named the node instead)."""
    game = CoerciveGame(discount=F(2, 5), horizon=1, resolve=(0, 1), type_weights=(F(1, 5), F(4, 5)), power=F(1, 2),
                        cost_coercer=F(1, 20), target_cost=F(1, 20), target_cost_resolve=F(1, 2))
    design = UltimatumDesign(demand=1, deadline=0)
    solution = game.solve(design)
    first = solution.nodes[(0, 0, 0, None)]
    assert (first.cutoff_after, first.side) == (F(1, 45), F(5, 6))
    delta, p = game.discount, game.power
    costs = [game.target_cost + game.target_cost_resolve * (1 - tau) for tau in game.resolve]
    refuse, coercer = [F(0), F(0)], []
    for chance, node in moves(solution, 1, 0, after(first)):
        for i in (0, 1):
            later = 1 - p - costs[i] if node.offer is None else max(1 - p - costs[i], 1 - node.offer)
            refuse[i] += chance * ((1 - delta) * (1 - p - costs[i]) + delta * later)
        settled = node.cutoff_after - first.cutoff_after  # the next move's settled mass, at its offer
        coercer.append(settled * node.offer + (1 - node.cutoff_after) * (p - game.cost_coercer))
    assert refuse[0] == 1 - design.demand < refuse[1]  # type 0 indifferent, type 1 refuses
    assert len(coercer) == 2 and coercer[0] == coercer[1]  # C indifferent between its two moves
    assert solve_sub_atoms(game, design, 1) is None


def solve_sub_atoms(game: CoerciveGame, design: Any, steps: int) -> Any:
    """The sub-atom engine's answer, or None where it finds no pure cut-off."""
    try:
        solver = _Solver(game, design, steps)
        return solver.forward(solver.backward())
    except NotImplementedError:
        return None


def test_a_simulation_of_the_mixing_equilibrium_reproduces_its_outcomes() -> None:
    """Monte Carlo: types drawn from the prior play the solver's strategies (the mixing type draws
    whether it settles, C draws between its moves where it mixes)."""
    committed = CoerciveGame(discount=F(2, 5), horizon=1, resolve=(0, 1), type_weights=(F(1, 5), F(4, 5)),
                             power=F(1, 2), cost_coercer=F(1, 20), target_cost=F(1, 20), target_cost_resolve=F(1, 2))
    for game, strategy in ((MIXING, "try_and_see"), (committed, UltimatumDesign(demand=1, deadline=0))):
        solution = game.solve(strategy)
        simulated = simulate(game, strategy, np.random.default_rng(20261130), runs=4000)
        assert abs(simulated.settled - float(solution.settled)) <= 4 * simulated.standard_error(float(solution.settled))


def test_where_no_type_mixes_the_exact_solver_is_the_atom_engine() -> None:
    """Regression against the backward induction on atoms (the grid's exact counterpart): the
    same equilibrium wherever every cut-off falls between atoms: crisis ultimatums, one with a vague
    condition, and breakable settlements. (With renewed demands, assurance 2/3, the same three
    types mix: type 1 settles at t = 1 with probability 38/99; test_coercive_renewal holds every
    type's best reply there.)"""
    base: dict[str, Any] = dict(discount=F(4, 5), horizon=2, resolve=(0, F(1, 2), 1), power=F(1, 2),
                                cost_coercer=F(1, 20), target_cost=F(1, 20), target_cost_resolve=F(3, 10))
    cases = [
        (CoerciveGame(**base, threat_loss=F(1, 2), start="crisis", status_quo=F(1, 5)),
         UltimatumDesign(demand=F(3, 5), deadline=1, audience_cost=F(1, 2))),
        (CoerciveGame(**base, self_enforcing=True, rearmament=(F(1, 10),), renege_gain_coercer=F(1, 50),
                      renege_gain_target=F(1, 50)), "try_and_see"),
        (CoerciveGame(**base, self_enforcing=True, guarantee=10, threat_loss=F(1, 5)),
         UltimatumDesign(demand=F(3, 5), deadline=1, audience_cost=F(1, 2))),
        (CoerciveGame(**base, threat_loss=F(1, 2), start="crisis", status_quo=F(1, 5), execution_high=1),
         UltimatumDesign(demand=F(4, 5), deadline=2, audience_cost=F(1, 2), vagueness=F(1, 20))),
    ]
    for game, strategy in cases:
        exact = game.solve(strategy)
        engine = _Solver(game, strategy, 1)
        atoms = engine.forward(engine.backward())
        assert all(node.cutoff_after in (0, F(1, 3), F(2, 3), 1) for node in exact.nodes.values())
        for name in ("settled_by", "threat_executed", "coercer_utility", "target_utility_by_type", "length",
                     "settlement_broken", "renewed_demand", "still_fighting"):
            assert getattr(exact, name) == getattr(atoms, name), name

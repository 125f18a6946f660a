"""The Monte Carlo check and C's choices of strategy and design."""

from fractions import Fraction

import numpy as np
import pytest

from bargaining.coercive_game import CoerciveGame, UltimatumDesign, best_design, best_strategy, simulate
from bargaining.core.errors import ParameterValueError

GAME = CoerciveGame(discount=Fraction(4, 5), horizon=4, resolve=(0, Fraction(1, 3), Fraction(2, 3), 1),
                    margin=2, true_odds=Fraction(3, 5), prior_coercer=(2, 1), prior_target=(1, 2),
                    target_cost=Fraction(1, 50), target_cost_resolve=Fraction(1, 5), cost_coercer=Fraction(1, 50),
                    threat_loss=Fraction(1, 2), execution_low=-1, execution_high=Fraction(1, 2))
DESIGN = UltimatumDesign(demand=Fraction(7, 10), deadline=1, audience_cost=Fraction(1, 4))


@pytest.mark.parametrize("strategy", ["try_and_see", DESIGN])
def test_simulated_wars_reproduce_the_outcome_distribution(strategy: object) -> None:
    """Playing the equilibrium strategies 20 000 times reproduces P(settled), P(threat executed),
    P(still fighting) and the mean length within four standard errors."""
    solution = GAME.solve(strategy)
    simulated = simulate(GAME, strategy, np.random.default_rng(20261130), runs=20_000)
    for exact, frequency in (
        (solution.settled, simulated.settled),
        (solution.threat_executed, simulated.threat_executed),
        (solution.still_fighting, simulated.still_fighting),
    ):
        assert abs(float(exact) - frequency) <= 4 * max(simulated.standard_error(float(exact)), 1e-12)
    assert abs(float(solution.mean_length) - simulated.mean_length) <= 4 * simulated.length_error


def test_simulation_refuses_a_bad_run_count() -> None:
    with pytest.raises(ParameterValueError, match="runs"):
        simulate(GAME, "try_and_see", np.random.default_rng(0), runs=0)


def test_best_strategy_is_the_highest_ex_ante_utility() -> None:
    best, solutions = best_strategy(GAME, DESIGN)
    assert solutions[best].coercer_utility == max(s.coercer_utility for s in solutions.values())
    assert set(solutions) == {"try_and_see", "screw", "ultimatum"}


def test_best_design_is_the_best_listed_design_and_ties_go_to_the_smallest_carrot() -> None:
    demands = [Fraction(k, 10) for k in range(5, 11)]
    found = best_design(GAME, demands, deadlines=[0, 1], audience_costs=[0, Fraction(1, 4)])
    for deadline in (0, 1):
        for audience in (0, Fraction(1, 4)):
            for demand in demands:
                design = UltimatumDesign(demand=demand, deadline=deadline, audience_cost=audience)
                assert GAME.solve(design).coercer_utility <= found.net_utility
    # a carrot worth nothing to T (q = 0) and costing nothing: every carrot ties, the smallest wins
    free = CoerciveGame(discount=Fraction(1, 2), horizon=0, resolve=(0, 1), target_cost_resolve=Fraction(1, 5),
                        carrot_credibility=0)
    tie = best_design(free, [Fraction(7, 10)], deadlines=[0], carrots=[Fraction(1, 5), 0, Fraction(1, 10)])
    assert tie.carrot == 0
    costly = best_design(free, [Fraction(7, 10)], deadlines=[0], audience_costs=[0, 1],
                         specificity_cost=lambda design, carrot: design.audience_cost / 10)
    assert costly.design.audience_cost == 0 and costly.net_utility == Fraction(3, 5)
    with pytest.raises(ParameterValueError, match="non-empty"):
        best_design(free, [], deadlines=[0])


def test_best_design_over_carrots_and_vagueness_under_a_cost_of_specificity_is_the_brute_force_optimum() -> None:
    """Exhaustive and exact: the found design is the maximum of C's net utility over every listed
    (carrot, audience cost, deadline, vagueness, demand), each solved here on its own; the cost of
    specificity charges a public threat and a sharp condition."""
    game = CoerciveGame(discount=Fraction(1, 2), horizon=0, resolve=(0, Fraction(1, 2), 1), power=Fraction(2, 5),
                        target_cost=Fraction(1, 20), target_cost_resolve=Fraction(1, 5), threat_loss=Fraction(1, 2),
                        carrot_efficiency=Fraction(3, 2), carrot_credibility=Fraction(4, 5), execution_low=-1,
                        execution_high=Fraction(1, 2))

    def cost(design: UltimatumDesign, carrot: object) -> Fraction:
        return design.audience_cost / 20 + (Fraction(1, 10) - design.vagueness) / 5

    carrots, audiences, blurs = [0, Fraction(1, 20)], [0, Fraction(1, 2)], [0, Fraction(1, 20), Fraction(1, 10)]
    demands = [Fraction(k, 10) for k in range(4, 11)]
    found = best_design(game, demands, [0], audiences, carrots, blurs, specificity_cost=cost)
    best = None
    for carrot in carrots:
        variant = CoerciveGame(**{**{f: getattr(game, f) for f in ("discount", "horizon", "resolve", "power",
                               "target_cost", "target_cost_resolve", "threat_loss", "carrot_efficiency",
                               "carrot_credibility", "execution_low", "execution_high")}, "carrot": carrot})
        for audience in audiences:
            for deadline in (0,):
                for blur in blurs:
                    for demand in demands:
                        if demand + blur > 1:
                            continue
                        design = UltimatumDesign(demand=demand, deadline=deadline, audience_cost=audience, vagueness=blur)
                        net = variant.solve(design).coercer_utility - cost(design, carrot)
                        best = net if best is None else max(best, net)
    assert found.net_utility == best
    assert found.net_utility == found.solution.coercer_utility - cost(found.design, found.carrot)
    with pytest.raises(ParameterValueError, match="vaguenesses"):
        best_design(game, [1], [0], vaguenesses=[Fraction(1, 10)])

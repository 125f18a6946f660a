"""A crisis start (a status quo, no fighting yet) and the vague condition of the ultimatum.

The row "crisis, no war costs, rho, fixed D, uniform blur" is held, exactly, against the corrected
one-shot `bargaining.coercion.Ultimatum` (George 1991, ch. 2; Schelling 1966 for the threat that
leaves something to chance; Fearon 1994 for audience costs), every output, with the status quo
x0 = 0 and midpoint types at demands whose threshold falls on a cell boundary. Both models give the
target the loss L = l(1 - R) with resolve R in [0, 1] (uniform on [0, 1] in the `Ultimatum`), so
no conversion of types is needed; only the utilities are converted, the `Ultimatum`'s being
relative to the status quo (x0, 1 - x0). And independently against a one-shot computation written
here: a type complies iff e L(tau) >= x + sigma - q s - x0, at the deadline when waiting costs nothing.
"""

from fractions import Fraction
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from bargaining.coercion import Ultimatum
from bargaining.coercive_game import CoerciveGame, UltimatumDesign, solve_grid
from bargaining.core.errors import ParameterValueError
from tests.strategies import fractions

HALF = Fraction(1, 2)


def midpoint_types(n: int) -> tuple[Fraction, ...]:
    return tuple(Fraction(2 * i + 1, 2 * n) for i in range(n))


def one_shot(game: CoerciveGame, design: UltimatumDesign) -> dict[str, Any]:
    """The ultimatum in a crisis with no costs, by hand: execution e = rho + (1 - rho) P(w >= -a)
    for w ~ U[lo, hi]; C's expected one-off value after a refusal; each type's comparison at D."""
    lo, hi, a, rho = game.execution_low, game.execution_high, design.audience_cost, design.schelling_risk
    cut = min(max(-a, lo), hi)
    executes = (hi - cut) / (hi - lo)
    kept = (hi * hi - cut * cut) / (2 * (hi - lo)) - a * (1 - executes)
    e, threat_value = rho + (1 - rho) * executes, rho * (lo + hi) / 2 + (1 - rho) * kept
    x, sigma, x0 = design.demand, design.vagueness, game.status_quo
    q_s, kappa_q_s = game.carrot_credibility * game.carrot, game.carrot_efficiency * game.carrot_credibility * game.carrot
    losses = [game.threat_loss * (1 - tau) for tau in game.resolve]
    complies = [e * loss >= x + sigma - q_s - x0 for loss in losses]
    comply = sum((w for w, c in zip(game.weights, complies) if c), Fraction(0))
    later = game.discount**design.deadline
    return {
        "settled": comply,
        "threat_executed": e * (1 - comply),
        "coercer_backs_down": (1 - e) * (1 - comply),
        "coercer_utility": (1 - later) * x0
        + later * (comply * (x - kappa_q_s) + (1 - comply) * (x0 + threat_value)),
        "target_utility_by_type": tuple(
            (1 - later) * (1 - x0) + later * max(1 - x - sigma + q_s, 1 - x0 - e * loss) for loss in losses
        ),
    }


@pytest.mark.parametrize("deadline", [0, 2])
@pytest.mark.parametrize("vagueness", [0, Fraction(1, 10)])
def test_a_crisis_ultimatum_with_no_war_costs_is_the_one_shot_ultimatum(deadline: int, vagueness: Any) -> None:
    game = CoerciveGame(discount=Fraction(4, 5), horizon=deadline, resolve=midpoint_types(6), start="crisis",
                        status_quo=Fraction(1, 5), threat_loss=1, carrot=Fraction(1, 10),
                        carrot_efficiency=Fraction(3, 2), carrot_credibility=Fraction(4, 5),
                        execution_low=-1, execution_high=HALF)
    for demand in (Fraction(3, 10), HALF, Fraction(7, 10)):
        design = UltimatumDesign(demand=demand, deadline=deadline, audience_cost=Fraction(1, 4),
                                 schelling_risk=Fraction(1, 10), vagueness=vagueness)
        solution, expected = game.solve(design), one_shot(game, design)
        for name, value in expected.items():
            assert getattr(solution, name) == value, name
        assert all(p == 0 for p in solution.settled_by[:-1])  # waiting costs nothing: comply at D
        assert solution.still_fighting == 0 and solution.length[0] == 1  # no war is ever fought
        assert solution.decisive_by[-1] == 0


@given(
    types=st.integers(1, 6), cell=st.integers(0, 6), deadline=st.integers(0, 2),
    delta=fractions(Fraction(1, 10), Fraction(9, 10), 10), audience=fractions(0, 1, 8),
    risk=fractions(0, 1, 10), vagueness=fractions(0, Fraction(1, 5), 20), loss=fractions(Fraction(1, 4), 2, 8),
    carrot=fractions(0, Fraction(1, 5), 20), efficiency=fractions(0, 2, 4), credibility=fractions(0, 1, 5),
    low=fractions(-2, 0, 4), width=fractions(Fraction(1, 4), 2, 4),
)
def test_a_crisis_ultimatum_is_the_corrected_one_shot_ultimatum_every_output(
    types: int, cell: int, deadline: int, delta: Any, audience: Any, risk: Any, vagueness: Any, loss: Any,
    carrot: Any, efficiency: Any, credibility: Any, low: Any, width: Any,
) -> None:
    """`coercion.Ultimatum` with a uniform blur, T's uniform resolve on [0, 1] and no delay cost (the
    crisis costs nothing while the demand stands) against the game's midpoint types, at the demand
    whose compliance threshold R* = 1 - n/(e l) is the cell boundary k/n (n = x + sigma - q s)."""
    assume(cell <= types)
    common = dict(threat=loss, carrot=carrot, carrot_efficiency=efficiency, carrot_credibility=credibility,
                  execution_low=low, execution_high=low + width)
    block = dict(vagueness=vagueness, blur="uniform", deadline=deadline, discount=delta, audience_cost=audience,
                 risk=risk, **common)
    execution = Ultimatum(demand=0, **block).credibility()
    demand = execution * loss * (1 - Fraction(cell, types)) - vagueness + credibility * carrot
    assume(demand >= 0 and demand + vagueness <= 1)
    outcome = Ultimatum(demand=demand, **block).outcome()
    game = CoerciveGame(discount=delta, horizon=deadline, resolve=midpoint_types(types), start="crisis",
                        status_quo=0, threat_loss=loss, **{k: v for k, v in common.items() if k != "threat"})
    design = UltimatumDesign(demand=demand, deadline=deadline, audience_cost=audience, schelling_risk=risk,
                             vagueness=vagueness)
    solution = game.solve(design)
    share = Fraction(cell, types) if execution > 0 else 1  # no threat to fear: a need of 0, met by all
    assert solution.settled == outcome.compliance_probability == share
    assert solution.threat_executed == outcome.threat_executed_probability
    assert solution.coercer_backs_down == outcome.back_down_probability
    assert solution.still_fighting == outcome.threat_never_falls_probability == 0
    assert solution.settled_by[0] == outcome.immediate_compliance_probability
    assert all(executed == outcome.credibility for executed, settled in
               zip(solution.threat_executed_by_type, solution.settled_by_type) if settled == 0)
    assert solution.coercer_utility - 0 == outcome.coercer_utility  # relative to the status quo x0 = 0
    assert solution.target_utility - 1 == outcome.target_utility  # relative to the status quo 1 - x0
    if demand + vagueness > credibility * carrot:  # the independent computation: compliance at D
        expected = one_shot(game, design)
        assert (solution.settled, solution.coercer_utility) == (expected["settled"], expected["coercer_utility"])


def test_a_type_below_the_cutoff_may_still_comply_with_the_standing_demand() -> None:
    """Regression: a type that refuses before the deadline can still comply with the committed
    demand later, so refusing is worth 1 - d n to it and it waits for the deadline when waiting
    costs nothing (the solver once gave it only the value of resisting at the deadline and so
    made it comply a period early)."""
    game = CoerciveGame(discount=Fraction(4, 5), horizon=2, resolve=midpoint_types(6), start="crisis",
                        threat_loss=1, carrot=Fraction(1, 10), carrot_efficiency=Fraction(3, 2),
                        carrot_credibility=Fraction(4, 5), execution_low=-1, execution_high=HALF)
    design = UltimatumDesign(demand=Fraction(49, 300), deadline=2, audience_cost=Fraction(1, 4),
                             schelling_risk=Fraction(1, 10), vagueness=Fraction(1, 10))
    solution = game.solve(design)
    assert solution.settled_by == (0, 0, Fraction(2, 3))
    assert solution.target_utility_by_type[:4] == (Fraction(331, 375),) * 4  # 1 - d^2 n, n = 11/60


def test_at_war_both_solvers_let_a_type_below_the_cutoff_comply_later() -> None:
    """The same regression at war with power 0 and no costs (the crisis's numbers), in the exact
    and the grid solver: the compliers wait for the deadline."""
    kwargs: dict[str, Any] = dict(horizon=2, power=0, threat_loss=1, carrot=Fraction(1, 10),
                                  carrot_efficiency=Fraction(3, 2), carrot_credibility=Fraction(4, 5),
                                  execution_low=-1, execution_high=HALF)
    design: dict[str, Any] = dict(demand=Fraction(79, 300), deadline=2, audience_cost=Fraction(1, 4),
                                  schelling_risk=Fraction(1, 10))
    exact = CoerciveGame(discount=Fraction(4, 5), resolve=midpoint_types(6), **kwargs).solve(UltimatumDesign(**design))
    assert exact.settled_by == (0, 0, Fraction(2, 3))
    assert exact.target_utility_by_type[:4] == (Fraction(331, 375),) * 4
    floats = {k: float(v) if isinstance(v, Fraction) else v for k, v in kwargs.items()}
    game = CoerciveGame(discount=0.8, resolve=tuple(float(r) for r in midpoint_types(6)), **floats)
    grid = solve_grid(game, UltimatumDesign(**{k: float(v) if isinstance(v, Fraction) else v for k, v in design.items()}))
    assert grid.settled_by == pytest.approx((0, 0, 2 / 3), abs=1e-12)
    assert grid.target_utility_by_type == pytest.approx([331 / 375] * 4 + [float(v) for v in exact.target_utility_by_type[4:]])


def test_a_crisis_under_try_and_see_is_the_war_started_by_the_first_refusal() -> None:
    kwargs: dict[str, Any] = dict(discount=Fraction(4, 5), horizon=2, resolve=(0, HALF, 1), margin=2,
                                  target_cost=Fraction(1, 20), target_cost_resolve=Fraction(3, 10), screw=Fraction(1, 20))
    for strategy in ("try_and_see", "screw"):
        war = CoerciveGame(**kwargs).solve(strategy)
        crisis = CoerciveGame(**kwargs, start="crisis", status_quo=Fraction(3, 10)).solve(strategy)
        assert (crisis.settled_by, crisis.coercer_utility, crisis.target_utility_by_type, crisis.length) == (
            war.settled_by, war.coercer_utility, war.target_utility_by_type, war.length)


def test_the_war_starts_after_the_deadline_of_a_crisis_ultimatum() -> None:
    """No battle before the deadline: the front and beliefs stay, nothing ends decisively, and a
    war that starts at D + 1 has its length counted from there."""
    game = CoerciveGame(discount=Fraction(4, 5), horizon=3, resolve=(0, HALF, 1), margin=1, start="crisis",
                        target_cost=Fraction(1, 20), target_cost_resolve=Fraction(3, 10), threat_loss=HALF,
                        prior_coercer=(1, 1), prior_target=(2, 1))
    solution = game.solve(UltimatumDesign(demand=Fraction(3, 5), deadline=1, audience_cost=HALF))
    assert solution.decisive_by[0] == solution.decisive_by[1] == 0
    assert solution.decisive_by[2] == 1 - solution.settled_by[2]  # margin 1: the first battle decides
    assert sum(solution.length) + solution.still_fighting == 1
    assert solution.length[1] == solution.decisive_by[-1]


def test_a_vague_condition_costs_the_target_the_blur_and_gives_the_coercer_nothing() -> None:
    """A uniform blur sigma around x: the complying target concedes x + sigma to be sure; who
    complies is as under the specific demand x + sigma; C still receives x."""
    game = CoerciveGame(discount=HALF, horizon=0, resolve=midpoint_types(5), threat_loss=1, power=Fraction(2, 5),
                        target_cost=Fraction(1, 10))
    vague = game.solve(UltimatumDesign(demand=Fraction(1, 2), deadline=0, audience_cost=1, vagueness=Fraction(1, 5)))
    sharp = game.solve(UltimatumDesign(demand=Fraction(7, 10), deadline=0, audience_cost=1))
    assert vague.settled == sharp.settled
    assert vague.target_utility_by_type == sharp.target_utility_by_type
    assert vague.coercer_utility == sharp.coercer_utility - Fraction(1, 5) * sharp.settled


def test_crisis_and_vagueness_bad_input() -> None:
    with pytest.raises(ParameterValueError, match="vagueness"):
        UltimatumDesign(demand=Fraction(9, 10), deadline=0, vagueness=Fraction(1, 5))
    with pytest.raises(ParameterValueError, match="vagueness"):
        UltimatumDesign(demand=HALF, deadline=0, vagueness=-1)
    with pytest.raises(ParameterValueError, match="status_quo"):
        CoerciveGame(discount=HALF, horizon=0, resolve=(0,), status_quo=HALF)
    with pytest.raises(ParameterValueError, match="start"):
        CoerciveGame(discount=HALF, horizon=0, resolve=(0,), start="peace")
    with pytest.raises(ParameterValueError, match="vagueness"):
        CoerciveGame(discount=HALF, horizon=0, resolve=(0,), assurance=HALF).solve(
            UltimatumDesign(demand=HALF, deadline=0, vagueness=Fraction(1, 10)))


def test_simulated_crisis_ultimatum_reproduces_the_outcomes() -> None:
    import numpy as np

    from bargaining.coercive_game import simulate

    game = CoerciveGame(discount=Fraction(4, 5), horizon=1, resolve=midpoint_types(4), start="crisis",
                        threat_loss=1, execution_low=-1, execution_high=HALF)
    design = UltimatumDesign(demand=Fraction(2, 5), deadline=1, audience_cost=Fraction(1, 4))
    solution = game.solve(design)
    simulated = simulate(game, design, np.random.default_rng(7), runs=4000)
    assert simulated.still_fighting == 0 == solution.still_fighting
    assert abs(simulated.settled - float(solution.settled)) <= 4 * simulated.standard_error(float(solution.settled))
    assert abs(simulated.threat_executed - float(solution.threat_executed)) <= 4 * simulated.standard_error(
        float(solution.threat_executed))
    assert simulated.mean_length == 0

"""Bad input for the coercive bargaining game: each error names the field, the requirement and the value."""

from fractions import Fraction

import pytest

from bargaining.coercive_game import CoerciveGame, UltimatumDesign
from bargaining.core.errors import ParameterTypeError, ParameterValueError

BASE = {"discount": Fraction(9, 10), "horizon": 2, "resolve": (0, Fraction(1, 2), 1), "target_cost_resolve": Fraction(1, 5)}


@pytest.mark.parametrize(
    ("change", "field", "requirement"),
    [
        ({"target_cost_resolve": -1}, "target_cost_resolve", "non-negative"),
        ({"threat_loss": Fraction(-1, 2)}, "threat_loss", "non-negative"),
        ({"target_cost_resolve": 0}, "target_cost_resolve", "monotone"),
        ({"period_length": -1}, "period_length", "positive"),
        ({"period_length": 0}, "period_length", "positive"),
        ({"margin": 0}, "margin", "[1, 10000]"),
        ({"margin": 2, "start_front": 2}, "start_front", "strictly inside"),
        ({"prior_coercer": (0, 1)}, "prior_coercer", "proper Beta"),
        ({"prior_target": (1, 2, 3)}, "prior_target", "proper Beta"),
        ({"prior_target": (1, -2)}, "prior_target", "proper Beta"),
        ({"true_odds": Fraction(3, 2)}, "true_odds", "probability"),
        ({"true_odds": -1}, "true_odds", "probability"),
        ({"resolve": (0, Fraction(3, 2))}, "resolve[1]", "[0, 1]"),
        ({"resolve": (1, 0)}, "resolve", "strictly increasing"),
        ({"type_weights": (Fraction(1, 2), Fraction(1, 2))}, "type_weights", "one weight per type"),
        ({"type_weights": (Fraction(1, 2), Fraction(1, 2), 0)}, "type_weights", "positive"),
        ({"type_weights": (Fraction(1, 2), Fraction(1, 4), Fraction(1, 8))}, "type_weights", "summing to 1"),
        ({"discount": 1}, "discount", "(0, 1)"),
        ({"horizon": -1}, "horizon", "[0, 10000]"),
        ({"execution_low": 1, "execution_high": 0}, "execution_high", "at least execution_low"),
        ({"margin": 1, "front_shares": (0, 1)}, "front_shares", "2 * margin + 1"),
        ({"margin": 1, "front_shares": (0, 2, 1)}, "front_shares[1]", "probability"),
        ({"front_shares": (0, 1, 1)}, "front_shares", "no battles"),
        ({"start_front": 1}, "start_front", "no battles"),
    ],
)
def test_bad_values_name_field_requirement_and_value(change: dict, field: str, requirement: str) -> None:
    with pytest.raises(ParameterValueError) as caught:
        CoerciveGame(**{**BASE, **change})
    assert caught.value.field == field
    assert requirement in caught.value.requirement


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"horizon": 1.5}, "horizon"),
        ({"horizon": True}, "horizon"),
        ({"resolve": "abc"}, "resolve"),
        ({"resolve": (0, "1")}, "resolve[1]"),
        ({"resolve": (0, 0.5)}, "resolve[1]"),
        ({"power": [0.1, 0.2]}, "discount"),
        ({"margin": 2, "start_front": 0.5}, "start_front"),
        ({"period_unit": ""}, "period_unit"),
    ],
)
def test_bad_types_name_the_field(change: dict, field: str) -> None:
    with pytest.raises(ParameterTypeError) as caught:
        CoerciveGame(**{**BASE, **change})
    assert caught.value.field == field


def test_a_deadline_past_the_horizon_is_refused_before_any_work() -> None:
    with pytest.raises(ParameterValueError, match="deadline must be at most the horizon H = 2"):
        CoerciveGame(**BASE).solve(UltimatumDesign(demand=Fraction(1, 2), deadline=3))


def test_bad_strategy() -> None:
    game = CoerciveGame(**BASE)
    with pytest.raises(ParameterTypeError, match="strategy"):
        game.solve("ultimatum")
    with pytest.raises(ParameterTypeError, match="design"):
        game.solve(UltimatumDesign(demand=0.5, deadline=0))
    with pytest.raises(ParameterTypeError, match="demand"):
        UltimatumDesign(demand=[0.5, 0.6], deadline=0)
    with pytest.raises(ParameterValueError, match="deadline"):
        UltimatumDesign(demand=Fraction(1, 2), deadline=-1)


def test_atoms_and_a_point_mass_are_valid() -> None:
    point = CoerciveGame(discount=Fraction(1, 2), horizon=0, resolve=(Fraction(1, 3),))
    assert point.weights == (1,)
    atoms = CoerciveGame(**{**BASE, "type_weights": (Fraction(1, 2), Fraction(1, 4), Fraction(1, 4))})
    assert atoms.weights[0] == Fraction(1, 2)
    floats = CoerciveGame(discount=0.9, horizon=1, resolve=(0.0, 1.0), target_cost_resolve=0.2, margin=2)
    assert floats.kind == "float" and floats.share(-1) == 0.25


def test_execution_probability_is_rho_plus_the_chance_w_clears_the_audience_cost() -> None:
    # e = rho + (1 - rho) P(w >= -a), w ~ U[-1, 0]  (George 1991; Schelling 1960)
    game = CoerciveGame(discount=Fraction(1, 2), horizon=0, resolve=(0,))
    design = UltimatumDesign(demand=1, deadline=0, audience_cost=Fraction(1, 4), schelling_risk=Fraction(1, 2))
    assert game.execution_probability(design) == Fraction(1, 2) + Fraction(1, 2) * Fraction(1, 4)
    certain = CoerciveGame(discount=Fraction(1, 2), horizon=0, resolve=(0,), execution_low=Fraction(-1, 5), execution_high=Fraction(-1, 5))
    assert certain.execution_probability(UltimatumDesign(demand=1, deadline=0, audience_cost=Fraction(1, 5))) == 1
    assert certain.execution_probability(UltimatumDesign(demand=1, deadline=0)) == 0

"""Proofs: the small coercive games' closed forms equal their derivation, and nest the blocks.

The one- and two-period games with a continuum of types (``coercive_game.symbolic``), evaluated on
symbols, equal the first-order conditions solved by sympy from the payoffs
(``coercive_game.specification``), regime by regime; with no carrot they are Fearon's
risk-return demand (`RiskReturn`) and the Coase two-period screening (`CoaseTwoPeriod`;
Fudenberg & Tirole 1991, §10.2.1) for all parameters.
"""

import sympy

from bargaining.coercive_game import specification as spec
from bargaining.coercive_game.symbolic import one_period_game, two_period_game
from bargaining.crisis import RiskReturn
from bargaining.war import CoaseTwoPeriod

S = spec.symbols()


def branch(expression, point):
    """The value of the regime of a piecewise closed form that holds at the parameter ``point``."""
    folded = sympy.piecewise_fold(expression)
    if not isinstance(folded, sympy.Piecewise):
        return folded
    for value, condition in folded.args:
        if bool(condition.subs(point)):
            return value
    raise AssertionError("no regime holds")  # pragma: no cover


HALF = sympy.Rational(1, 2)
INTERIOR = {S["p"]: HALF, S["c_C"]: sympy.Rational(1, 20), S["c_0"]: 0, S["c_1"]: sympy.Rational(2, 5),
            S["s"]: 0, S["kappa"]: 1, S["q"]: 1, S["delta"]: HALF}
REST_LATER = {**INTERIOR, S["c_0"]: sympy.Rational(1, 4), S["c_1"]: sympy.Rational(1, 3), S["delta"]: sympy.Rational(9, 10)}


def carrot_a():
    return S["c_0"] + S["c_1"] + S["c_C"] + (1 - S["kappa"]) * S["q"] * S["s"]


def test_one_period_cutoff_and_offer_are_the_first_order_condition():
    derived = spec.derive_one_period()
    game = one_period_game(S["p"], S["c_C"], S["c_0"], S["c_1"], S["s"], S["kappa"], S["q"])
    assert sympy.simplify(branch(game.settled_by[0], INTERIOR) - derived["cutoff"]) == 0
    assert sympy.simplify(branch(game.offers[0], INTERIOR) - derived["offer"]) == 0
    assert sympy.simplify(derived["concavity"] + 2 * S["c_1"]) == 0  # strictly concave: the FOC is the optimum
    assert [regime.label for regime in game.regime] == ["no settlement", "every type settles", "risk-return"]


def test_one_period_without_a_carrot_is_fearons_risk_return():
    game = one_period_game(S["p"], S["c_C"], S["c_0"], S["c_1"])
    fearon = RiskReturn(S["p"], S["c_C"], S["c_0"], S["c_0"] + S["c_1"])
    interior = fearon._cases()[-1].value  # the interior demand p + (c_high - c_C)/2
    assert sympy.simplify(branch(game.offers[0], INTERIOR) - interior) == 0
    war = (S["c_1"] - S["c_C"] - S["c_0"]) / (2 * S["c_1"])  # P(the target fights) in the interior
    assert sympy.simplify(1 - branch(game.settled_by[0], INTERIOR) - war) == 0


def test_two_period_cutoffs_are_the_first_order_conditions_in_every_regime():
    derived = spec.derive_two_period()
    game = two_period_game(S["p"], S["c_C"], S["c_0"], S["c_1"], S["delta"], S["s"], S["kappa"], S["q"])
    first, second = game.settled_by
    screening = derived["first_cutoff"]
    assert sympy.simplify(branch(first, INTERIOR) - screening) == 0
    assert sympy.simplify(branch(second, INTERIOR) - derived["second_cutoff"].subs(S["u1"], screening)) == 0
    assert sympy.simplify(branch(first, REST_LATER) - derived["first_cutoff_rest_later"]) == 0
    assert branch(second, REST_LATER) == 1
    # C's value is concave in the first cut-off on each side of the kink, where its slope rises
    assert sympy.simplify(derived["concavity"] - S["c_1"] * (3 * S["delta"] - 4) / 2) == 0
    assert sympy.simplify(derived["kink_slope_drop"] - S["delta"] * (carrot_a() - 2 * S["c_1"]) / 2) == 0
    # the regime boundaries: the second cut-off reaches 1 exactly where screening stops being feasible
    a, c1, delta = carrot_a(), S["c_1"], S["delta"]
    reaches = derived["second_cutoff"].subs(S["u1"], screening) - 1
    assert sympy.simplify(reaches * 2 * c1 * (4 - 3 * delta) - (a * (6 - 5 * delta) - 2 * c1 * (4 - 3 * delta))) == 0
    # and screening beats the rest-later optimum exactly where the module's quadratic is negative
    quadratic = (2 * delta - 3) * a**2 + 4 * (4 - 3 * delta) * c1 * a - 4 * (4 - 3 * delta) * c1**2
    assert sympy.cancel(derived["switch"] * 4 * c1 * (3 * delta - 4) - delta * quadratic) == 0


def test_two_period_without_carrot_or_costs_is_the_coase_screening():
    p, cbar, delta = S["p"], S["c_1"], S["delta"]
    game = two_period_game(p, 0, 0, cbar, delta)
    coase = CoaseTwoPeriod(p, cbar, delta).solve()
    cutoff_type = branch(game.settled_by[0], INTERIOR)
    assert sympy.simplify(cbar * (1 - cutoff_type) - coase.cutoff) == 0  # the cut-off cost
    assert sympy.simplify(branch(game.offers[0], INTERIOR) - coase.first_demand) == 0
    assert sympy.simplify(branch(game.offers[1], INTERIOR) - coase.second_demand) == 0
    assert sympy.simplify(branch(game.coercer_utility, INTERIOR) - p - coase.coercer_gain) == 0
    # with A = c_1 the screening regime holds for every discount factor: the condition reduces to True
    assert all(bool(condition.subs(INTERIOR)) for regime in game.regime[:1] for condition in [regime.condition])


def test_the_mixing_cutoff_makes_the_coercer_indifferent_next_period():
    """Fudenberg, Levine & Tirole (1985): at the cut-off u* inside type 0's atom, C's two last
    moves (hold type 0 to its war value and fight type 1, or settle everyone at type 1's) are worth
    the same; below u* holding type 0 is strictly better (the mixing type is then held to its war
    value and the first offer is x_0 = p + qs + c_T0); u* lies in (0, w_0) exactly when holding is
    better at u = 0 and settling everyone is better at u = w_0."""
    derived = spec.derive_mixing()
    w0, c0, c1 = (derived["symbols"][name] for name in ("w_0", "c_T0", "c_T1"))
    u = sympy.Symbol("u", positive=True)
    carrot_t, carrot_c = S["q"] * S["s"], S["kappa"] * S["q"] * S["s"]
    hold = (w0 - u) * (S["p"] + carrot_t + c0 - carrot_c) + (1 - w0) * (S["p"] - S["c_C"])
    everyone = (1 - u) * (S["p"] + carrot_t + c1 - carrot_c)
    assert sympy.simplify((hold - everyone).subs(u, derived["cutoff"])) == 0
    assert sympy.simplify(sympy.diff(hold - everyone, u) + (c0 - c1)) == 0  # falls at rate c_T0 - c_T1 > 0
    assert sympy.simplify(derived["mixing"] * w0 - derived["cutoff"]) == 0
    assert sympy.simplify(derived["first_offer"] - (S["p"] + carrot_t + c0)) == 0

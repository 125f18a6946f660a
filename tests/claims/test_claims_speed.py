"""What makes settling the claims cheaper must not change a single answer.

Each shortcut is held to the computation it replaces: the exact solves on GMP's rationals to the
same solves on ``Fraction`` at random points with six-digit denominators (the points the exact
checks use), the remembered elementary functions and folds to a fresh computation, the one
comparison a claim now makes to the claim's definition, the frozen collector to a process whose
collector is left as it was.
"""

import gc
import random
from fractions import Fraction as F
from typing import ClassVar

import numpy as np
import pytest
import sympy

from bargaining.claims import MonotoneClaim, Region, RelationClaim, prove
from bargaining.claims.essay import coercion, war
from bargaining.claims.essay._shared import exactly
from bargaining.claims.proving import _folded, _parametrised
from bargaining.claims.settling import _older_objects_frozen
from bargaining.coercion import ResolveSignalling
from bargaining.core.arithmetic import _simplified_call, exponential, logarithm, square_root
from bargaining.war import LearningWar, TurningTheScrew


def _six_digits(rng: random.Random, low: F, high: F) -> F:
    """A point of [low, high] as the exact checks make it (a float limited to denominators 10^6)."""
    return min(max(F(low + (high - low) * F(rng.random())).limit_denominator(10**6), low), high)


def test_lattice_dps_on_rationals_give_the_fraction_answers():
    rng = random.Random(17)
    for _ in range(6):
        belief = _six_digits(rng, F(3, 10), F(9, 10))
        confidence = _six_digits(rng, F(1), F(12))
        escalation = rng.choice([0, _six_digits(rng, F(0), F(1, 10))])
        model = LearningWar(belief, F(7, 10), confidence, confidence, F(1, 2), F(1, 50), F(1, 50), 4)
        screw = TurningTheScrew(escalation)
        plain = model.duration_distribution(10, screw).survival()
        fast = war._survival_curve(belief, confidence, escalation)
        assert repr(fast) == repr(plain)
        odds = _six_digits(rng, F(1, 4), F(3, 4))
        settled = LearningWar(F(7, 10), F(7, 10), 2, 6, odds, F(1, 40), F(1, 40), decisive_margin=4)
        assert repr(war._settled_by_horizon(escalation, odds)) == repr(
            settled.duration_distribution(8, screw).settled_by(8)
        )


@pytest.mark.parametrize("twentieths", [1, 4, 9])
def test_the_signalling_game_on_rationals_gives_the_fraction_beliefs(twentieths):
    carrot, prior = F(twentieths, 20), F(1, 2)
    for cost in (F(3, 10), F(1, 7)):
        game = ResolveSignalling(F(2, 5), cost, carrot, prior, F(-1, 10), F(-3, 5), risk=F(3, 10))
        plain = [
            (message, belief)
            for found in game.equilibria(refinement="intuitive")
            for message, belief in found.beliefs.items()
        ]
        lowest = coercion._belief_after_carrot_size.__wrapped__(carrot, cost)
        carrots = [belief for message, belief in plain if "carrot" in message]
        assert repr(lowest) == repr(min(carrots, default=prior))


def test_exactly_solves_on_fractions_whatever_is_not_rational_on_gmp():
    model = LearningWar(F(9, 10), F(7, 10), 1, 1, F(1, 2), F(1, 50), F(1, 50), 2)
    assert exactly(model, lambda w: float(w.coercer_belief)) == 0.9  # a float step: solved as given
    as_floats = exactly(model, lambda w: np.asarray([w.coercer_belief, 0.5], dtype=object))
    assert [type(value) for value in as_floats] == [F, float]  # an array with a float: as given
    assert exactly(model, lambda w: w.coercer_belief * 2) == F(9, 5)
    assert type(exactly(model, lambda w: w.coercer_belief * 2)) is F
    floats = LearningWar(0.9, 0.7, 1.0, 1.0, 0.5, 0.02, 0.02, 2)
    assert exactly(floats, lambda w: w.coercer_belief) == 0.9


def test_remembered_elementary_functions_are_the_fresh_ones_and_keep_their_type():
    x = sympy.Symbol("x", positive=True)
    for value in (F(3, 7), F(2), 2, F(-15, 88)):
        assert exponential("exact", value) == _simplified_call("exp", value)
        assert exponential("exact", value) is exponential("exact", value)
    assert logarithm("exact", F(4)) == _simplified_call("log", F(4))
    assert square_root("exact", F(9, 4)) == F(3, 2) and type(square_root("exact", 4)) is F
    assert exponential("symbolic", -x / 4) == _simplified_call("exp", -x / 4)
    with_float = sympy.Float("0.5", 30) * x  # a float inside: computed afresh, never remembered
    assert exponential("symbolic", with_float) == _simplified_call("exp", with_float)


def test_folds_and_region_parametrisations_are_shared_and_unchanged():
    x = sympy.Symbol("x", real=True)
    step = sympy.Piecewise((x, x < 1), (1, True))
    assert _folded(2 * step) == sympy.piecewise_fold(2 * step)
    assert _folded(2 * step) is _folded(2 * step)
    with_float = sympy.Float(0.5) * step
    assert _folded(with_float) == sympy.piecewise_fold(with_float)
    assert _parametrised("x", F(0), F(1)) is _parametrised("x", F(0), F(1))
    assert _parametrised("x", F(1, 2), F(1, 2)) == sympy.Rational(1, 2)
    square = RelationClaim(
        "x(1 - x) ≤ 1/4",
        "algebra",
        Region({"x": (0, 1)}),
        left=lambda x: x * (1 - x),
        right=lambda x: F(1, 4),
        relation="<=",
    )
    assert prove(square).text == "left − right = -x**2 + x - 1/4 <= 0 for all 0 ≤ x ≤ 1 (sympy)"


class _Counted:
    """A number that counts the comparisons made on it."""

    made: ClassVar[list[str]] = []

    def __init__(self, value):
        self.value = value

    def _compare(self, name, other, result):
        _Counted.made.append(name)
        return result

    def __gt__(self, other):
        return self._compare("gt", other, self.value > other.value)

    def __lt__(self, other):
        return self._compare("lt", other, self.value < other.value)

    def __ge__(self, other):
        return self._compare("ge", other, self.value >= other.value)

    def __le__(self, other):
        return self._compare("le", other, self.value <= other.value)

    def __eq__(self, other):
        return self._compare("eq", other, self.value == other.value)

    __hash__ = None


@pytest.mark.parametrize(
    ("direction", "made", "broken"),
    [
        ("nondecreasing", "gt", True),
        ("nonincreasing", "lt", False),
        ("increasing", "ge", True),
        ("decreasing", "le", False),
    ],
)
def test_a_monotone_check_makes_only_its_own_comparison(direction, made, broken):
    claim = MonotoneClaim(
        "q moves",
        "t",
        Region({"x": (0, 1)}),
        quantity=lambda x: _Counted(1 - x),
        parameter="x",
        direction=direction,
    )
    _Counted.made.clear()
    assert (claim.violation({}, F(1, 4), F(3, 4)) is not None) is broken
    assert _Counted.made == [made]


@pytest.mark.parametrize(
    ("relation", "made", "holds"), [("==", "eq", False), ("<=", "le", True), (">=", "ge", False)]
)
def test_a_relation_check_makes_only_its_own_comparison(relation, made, holds):
    claim = RelationClaim(
        "l vs r",
        "t",
        Region({"x": (0, 1)}),
        left=lambda x: _Counted(x),
        right=lambda x: _Counted(1),
        relation=relation,
    )
    _Counted.made.clear()
    assert (claim.violation({"x": F(1, 2)}) is None) is holds
    assert _Counted.made == [made]


def test_the_collector_is_frozen_only_while_a_settlement_runs_and_only_if_free():
    assert gc.get_freeze_count() == 0
    with _older_objects_frozen():
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0
    gc.freeze()  # someone else's freeze: neither touched nor undone
    try:
        frozen = gc.get_freeze_count()
        with _older_objects_frozen():
            assert gc.get_freeze_count() == frozen
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
    gc.disable()
    try:
        with _older_objects_frozen():
            assert gc.get_freeze_count() == 0
    finally:
        gc.enable()

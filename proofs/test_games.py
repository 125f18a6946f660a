"""Proofs for the games section: the numeric layer, run on symbols, equals the sympy derivations."""

import sympy

from bargaining.games.backward import backward_induction
from bargaining.games.repeated import grim_trigger_threshold, tit_for_tat_threshold
from bargaining.games.specification import (
    derive_crisis_thresholds,
    derive_grim_trigger,
    derive_mixed_equilibrium_2x2,
    derive_tit_for_tat,
    symbols,
)
from bargaining.games.tree import GameTree, chance, decide, outcome


def test_grim_trigger_threshold_equals_its_derivation():
    s = symbols()
    numeric = grim_trigger_threshold(s["temptation"], s["reward"], s["punishment"])
    assert sympy.simplify(numeric - derive_grim_trigger()) == 0


def test_tit_for_tat_threshold_is_the_larger_derived_indifference_point():
    s = symbols()
    t, r, p, q = s["temptation"], s["reward"], s["punishment"], s["sucker"]
    numeric = tit_for_tat_threshold(t, r, p, q)
    against_defection, against_alternation = derive_tit_for_tat()
    assert sympy.simplify(numeric - sympy.Max(against_defection, against_alternation)) == 0


def test_backward_induction_on_symbols_reproduces_the_derived_crisis_thresholds():
    s = symbols()
    x, loss, a, w, pi = s["demand"], s["loss"], s["audience_cost"], s["value"], s["execution_probability"]
    thresholds = derive_crisis_thresholds()
    # the coercer's execution decision: the regime boundary is the derived value
    execute = GameTree(("C", "T"), decide("C", {"execute": outcome(w, -loss), "back down": outcome(-a, 0)}))
    regimes = {e.path: e.condition for e in backward_induction(execute).equilibria}
    assert same_half_plane(regimes[("execute",)], w - thresholds["execute_if_value_at_least"])
    # the target's decision against a threat executed with probability pi
    target = GameTree(("C", "T"), decide("T", {
        "comply": outcome(x, -x),
        "resist": chance({"executed": (pi, outcome(0, -loss)), "not": (1 - pi, outcome(0, 0))}),
    }))
    regimes = {e.path: e.condition for e in backward_induction(target).equilibria}
    assert same_half_plane(regimes[("resist",)], x - thresholds["resist_if_demand_at_least"])


def same_half_plane(condition, expression) -> bool:
    """Whether ``condition`` is the relation ``expression >= 0``, however it is written."""
    canonical = sympy.expand(condition.lhs - condition.rhs) if isinstance(condition, sympy.GreaterThan) else \
        sympy.expand(condition.rhs - condition.lhs)
    return isinstance(condition, (sympy.GreaterThan, sympy.LessThan)) and sympy.simplify(canonical - expression) == 0


def test_mixed_equilibrium_of_2x2_solves_the_indifference_condition():
    derived = derive_mixed_equilibrium_2x2()
    b = derived["B"]
    x = derived["row"]
    assert sympy.simplify((x * b[0, 0] + (1 - x) * b[1, 0]) - (x * b[0, 1] + (1 - x) * b[1, 1])) == 0

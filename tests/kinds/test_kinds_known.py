"""Disagreements between the kinds found by tests/kinds, each held at its exact point as a regression.

Each was a strict xfail; each test names the point, the cause and which kind was right.
"""

from fractions import Fraction as F

import numpy as np
import pytest

from bargaining.coercion import Ultimatum, optimal_demand

_FLAT = {
    "demand": F(31, 60), "vagueness": F(7, 60), "deadline": 0, "discount": F(3, 5), "urgency": F(13, 20),
    "audience_cost": F(101, 60), "threat": F(7, 12), "carrot": F(3, 5), "carrot_efficiency": F(11, 20),
    "carrot_credibility": F(41, 60), "risk": F(29, 60), "execution_low": F(-1, 30), "execution_high": F(11, 15),
    "resolve_low": F(3, 5), "resolve_high": F(2, 3), "delay_cost": F(7, 20),
}  # fmt: skip


def _kinds(point, kind):
    if kind == "float":
        return {k: v if k == "deadline" else float(v) for k, v in point.items()}
    return {k: v if k == "deadline" else np.array([float(v)] * 2) for k, v in point.items()}


def test_optimal_demand_flat_utility_tie_on_arrays():
    """At _FLAT (deadline 0) the coercer's utility is flat, 7/20, for every demand from 79/150 up (no
    target complies). Cause: the two sides' utilities were compared with ``>=`` and the array path
    computes them one ulp apart (0.35 vs 0.35000000000000003), so the array picked the other side's
    demand, 0.6433. Exact was right (ties go to the demand complied with at once); a deadline of 0
    now has one side, as in ``Ultimatum.outcome``, and floats compare within rounding."""
    exact_demand, exact_utility = optimal_demand(Ultimatum(**_FLAT))
    assert (exact_demand, exact_utility) == (F(79, 150), F(7, 20))
    for kind in ("float", "array"):
        demand, utility = optimal_demand(Ultimatum(**_kinds(_FLAT, kind)))
        np.testing.assert_allclose(utility, float(exact_utility), rtol=1e-12)
        np.testing.assert_allclose(demand, float(exact_demand), rtol=1e-12)


_DEGENERATE_PRIOR = {
    "demand": F(11, 15), "audience_cost": F(17, 15), "carrot": F(1, 6), "prior_resolute": F(1),
    "resolute_value": F(2, 15), "irresolute_value": F(-7, 30), "threat": F(11, 6), "vagueness": F(3, 20),
    "carrot_efficiency": F(13, 12), "carrot_credibility": F(31, 60), "resolve_low": F(31, 60),
    "resolve_high": F(37, 60), "risk": F(19, 60),
}  # fmt: skip


def test_signalling_degenerate_prior_has_no_semi_separating_equilibrium():
    """At _DEGENERATE_PRIOR (prior_resolute = 1) floats and arrays found a semi-separating profile the
    exact solver did not. Cause: its belief after ``carrot`` is exactly 1 = the prior, so the
    resolute "mixer" sends ``carrot`` with probability 0 (not a mix); floats computed the belief as
    0.9999999999999999 < prior and accepted it. Exact was right: with a prior of 0 or 1 there is
    one type, and no profile is semi-separating (now required: 0 < prior < 1)."""
    from bargaining.coercion import ResolveSignalling

    exact = ResolveSignalling(**_DEGENERATE_PRIOR).regime()
    assert exact == "several: pooling on carrot + pooling on specific+carrot"
    floats = ResolveSignalling(**{k: float(v) for k, v in _DEGENERATE_PRIOR.items()}).regime()
    arrays = ResolveSignalling(**{k: np.array([float(v)] * 2) for k, v in _DEGENERATE_PRIOR.items()}).regime()
    assert floats == exact and list(arrays) == [exact, exact]


# --------------------------------------------------------------------------- fixed (regressions)


def test_limits_take_arrays():
    """Regressions: madman with an array ultimatum and an exact weight (object array of Fractions),
    selection_effect, reputation_cost and risk_attitude at alpha = 0 on arrays (the truth value
    of an array), and risk_attitude with no threat (a division by zero)."""
    from bargaining.coercion import madman, reputation_cost, risk_attitude, selection_effect

    arrays = Ultimatum(np.array([0.25, 0.5]), threat=np.array([1.0, 1.0]))
    np.testing.assert_allclose(madman(arrays, F(1, 2)).compliance_gain, [1 / 6, float(madman(Ultimatum(F(1, 2)), F(1, 2)).compliance_gain)])
    np.testing.assert_allclose(selection_effect(arrays).resisters_a_certain_threat_compels, [0.5, float(selection_effect(Ultimatum(F(1, 2))).resisters_a_certain_threat_compels)])
    np.testing.assert_allclose(reputation_cost(np.array([0.5, 0.0]), 0.25, 0.8), [1 / 6, 0.0])
    np.testing.assert_allclose(risk_attitude(arrays, 0).compliance_probability, [0.5, float(risk_attitude(Ultimatum(F(1, 2)), 0).compliance_probability)])
    nothing = risk_attitude(Ultimatum(np.array([0.0, 0.5]), threat=np.array([0.0, 0.0])), 1)
    np.testing.assert_array_equal(nothing.compliance_probability, [1.0, 0.0])
    assert risk_attitude(Ultimatum(0, execution_low=-1, execution_high=F(-1, 2)), 0).tipping_loss == -np.inf  # no need: any loss


def test_duration_mixture_exact_time_on_arrays():
    """Regression: an exact time over array fields made an object array that np.exp refused."""
    from bargaining.war import DurationMixture

    mixture = DurationMixture(np.array([0.5, 1.0]), np.array([2.0, 2.0]), np.array([4.0, 4.0]), label="kinds")
    np.testing.assert_allclose(mixture.survival(F(2)), [0.5 * np.exp(-1) + 0.5 * np.exp(-0.5), np.exp(-1)])


_DEMAND_DEADLINE = {
    "demand": F(43, 60), "vagueness": F(23, 60), "deadline": 2, "discount": F(4, 5), "urgency": F(2, 3),
    "audience_cost": F(41, 60), "threat": F(1, 30), "carrot": F(59, 60), "carrot_efficiency": F(103, 60),
    "carrot_credibility": F(49, 60), "risk": F(4, 15), "execution_low": F(-1, 4), "execution_high": F(41, 60),
    "resolve_low": F(1, 30), "resolve_high": F(31, 60), "delay_cost": F(1, 30),
}  # fmt: skip
_CARROT_DEADLINE = {
    "demand": F(47, 60), "vagueness": F(17, 60), "deadline": 2, "discount": F(1, 4), "urgency": F(41, 60),
    "audience_cost": F(37, 20), "threat": F(27, 20), "carrot": F(2, 15), "carrot_efficiency": F(17, 30),
    "carrot_credibility": F(47, 60), "risk": F(3, 10), "execution_low": F(-1, 10), "execution_high": F(3, 4),
    "resolve_low": F(1, 3), "resolve_high": F(7, 20), "delay_cost": F(29, 60),
}  # fmt: skip


def test_optimal_demand_with_a_deadline_float_against_exact():
    """At _DEMAND_DEADLINE (deadline 2) the utility is flat, 52/375, for every demand from 40711/90000
    (the smallest that no target complies with) up. Cause: a tie between the two timing sides
    broken by rounding (0.13866666666666635 < 0.13866666666666672), so floats gave the late side's
    demand 1631/3600 = 0.45306. Exact was right (ties to the side complied with at once)."""
    exact, utility = optimal_demand(Ultimatum(**_DEMAND_DEADLINE))
    assert (exact, utility) == (F(40711, 90000), F(52, 375))
    for kind in ("float", "array"):
        demand, value = optimal_demand(Ultimatum(**_kinds(_DEMAND_DEADLINE, kind)))
        np.testing.assert_allclose(demand, float(exact), rtol=1e-12)
        np.testing.assert_allclose(value, float(utility), rtol=1e-12)


def test_optimal_carrot_with_a_deadline_float_against_exact():
    """At _CARROT_DEADLINE (deadline 2) the coercer's utility jumps from 0.0283 to 163/360 = 0.4528 at
    the carrot 35/47, where the target switches from complying at the deadline to complying at
    once (c = n). Cause: in floats (x + sigma - c)/q lands one ulp below the switch, where the
    model's own test c >= n fails, so floats missed the jump and gave 0.24149. Exact was right;
    the switching carrot is now moved (at most 4 ulps) onto its "at once" side by that test."""
    from bargaining.coercion import optimal_carrot

    exact, utility = optimal_carrot(Ultimatum(**_CARROT_DEADLINE), 1)
    assert (exact, utility) == (F(35, 47), F(163, 360))
    floats, value = optimal_carrot(Ultimatum(**_kinds(_CARROT_DEADLINE, "float")), 1)
    assert floats == pytest.approx(float(exact), rel=1e-12)
    assert value == pytest.approx(float(utility), rel=1e-12)


def test_optimal_demand_on_symbols_refuses_a_symbolic_credibility():
    """The symbolic xfail: with every field a symbol, sympy's simplification inside the outcome's
    Piecewise substitutes 0 for every symbol (``is_constant``), which makes the credibility's
    (execution_high + a) / (execution_high - execution_low) a 0/0 inside ``Max``, and ``Max`` refuses
    nan (the build also took minutes). A documented refusal now; a numeric credibility still works."""
    import sympy

    x = sympy.Symbol("x", nonnegative=True)
    with pytest.raises(NotImplementedError, match="numeric credibility"):
        optimal_demand(Ultimatum(F(1, 2), threat=1, execution_low=-x, execution_high=1))
    t = sympy.Symbol("t", positive=True)
    demand, _ = optimal_demand(Ultimatum(sympy.Rational(1, 2), threat=t, audience_cost=1))
    assert demand.subs(t, sympy.Rational(3, 2)) == sympy.Rational(3, 4)

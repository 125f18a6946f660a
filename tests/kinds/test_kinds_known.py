"""Disagreements between the kinds found by tests/kinds, each at its exact failing point.

Each is a strict xfail: it fails today; when a fix makes it pass, the xfail must go.
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


@pytest.mark.xfail(strict=True, reason="the array path breaks the tie of a flat utility otherwise than the scalar one")
def test_optimal_demand_array_tie():
    exact_demand, exact_utility = optimal_demand(Ultimatum(**_FLAT))
    assert (exact_demand, exact_utility) == (F(79, 150), F(7, 20))
    demand, utility = optimal_demand(Ultimatum(**_kinds(_FLAT, "array")))
    np.testing.assert_allclose(utility, float(exact_utility), rtol=1e-12)  # the utility agrees
    np.testing.assert_allclose(demand, float(exact_demand), rtol=1e-9)  # the demand does not: 0.6433


_DEGENERATE_PRIOR = {
    "demand": F(11, 15), "audience_cost": F(17, 15), "carrot": F(1, 6), "prior_resolute": F(1),
    "resolute_value": F(2, 15), "irresolute_value": F(-7, 30), "threat": F(11, 6), "vagueness": F(3, 20),
    "carrot_efficiency": F(13, 12), "carrot_credibility": F(31, 60), "resolve_low": F(31, 60),
    "resolve_high": F(37, 60), "risk": F(19, 60),
}  # fmt: skip


@pytest.mark.xfail(strict=True, reason="the array solver adds a semi-separating equilibrium at prior_resolute = 1")
def test_signalling_array_extra_equilibrium():
    from bargaining.coercion import SignallingGame

    exact = SignallingGame(**_DEGENERATE_PRIOR).regime()
    assert exact == "several: pooling on carrot + pooling on specific+carrot"
    arrays = SignallingGame(**{k: np.array([float(v)] * 2) for k, v in _DEGENERATE_PRIOR.items()}).regime()
    assert list(arrays) == [exact, exact]


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

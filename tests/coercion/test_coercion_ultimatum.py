"""The ultimatum: literature cases, Monte Carlo of the whole game, brute force, properties, bad inputs."""

from __future__ import annotations

import math
from dataclasses import replace
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats
from scipy.special import erf

from bargaining import ParameterTypeError, ParameterValueError
from bargaining.coercion import Ultimatum, gaussian_compliance_stake, optimal_demand, optimal_design
from bargaining.coercion.specification import derive_schelling_minimum_risk
from bargaining.coercion.specification import symbols as coercion_symbols

fractions = st.fractions(min_value=0, max_value=1, max_denominator=40)
F = Fraction


def monte_carlo(ultimatum: Ultimatum, draws: int = 50_000, seed: int = 7) -> tuple[float, float, float]:
    """Play the whole game: draw w and R, let T pick its concession by brute force, let C execute."""
    rng = np.random.default_rng(seed)
    u = ultimatum._float()
    w = rng.uniform(u.execution_low, u.execution_high, draws)
    if u.resolve_distribution is None:
        resolve = rng.uniform(u.resolve_low, u.resolve_high, draws)
    else:
        resolve = u.resolve_distribution.rvs(draws, random_state=rng)
    executes = (rng.uniform(size=draws) < u.risk) | (w >= -u.audience_cost)
    execution = float(u.credibility())
    loss = execution * float(u.discount_weight) * u.threat * (1 - resolve)
    carrot = u.carrot_credibility * u.carrot
    margins = np.linspace(0.0, 4 * u.vagueness + 1e-12, 401)
    if u.blur == "one-sided gaussian":
        recognised_at = erf(margins / (u.vagueness * math.sqrt(2))) if u.vagueness > 0 else np.ones_like(margins)
    else:
        recognised_at = np.clip(margins / u.vagueness, 0, 1) if u.vagueness > 0 else np.ones_like(margins)
    payoff = -(u.demand + margins) + recognised_at * (loss + carrot)[:, None] - loss[:, None]
    best = payoff.argmax(axis=1)
    complies = payoff.max(axis=1) >= -loss - 1e-12
    recognised = complies & (rng.uniform(size=draws) < recognised_at[best])
    war = ~recognised & executes
    return float(recognised.mean()), float(war.mean()), float((~recognised & ~executes).mean())


CASES = [
    Ultimatum(F(3, 10), vagueness=F(1, 10), audience_cost=F(2, 5), risk=F(1, 5), threat=F(3, 2)),
    Ultimatum(0.3, vagueness=0.1, blur="one-sided gaussian", audience_cost=0.4, risk=0.2, threat=1.5),
    Ultimatum(0.3, vagueness=0.05, blur="one-sided gaussian", audience_cost=0.4, threat=1.5, carrot=0.1,
              resolve_distribution=stats.beta(2, 3)),
    Ultimatum(0.3, audience_cost=0.2, threat=1.2, carrot=0.1, resolve_distribution=stats.beta(2, 3)),
    Ultimatum(F(1, 5), deadline=None, urgency=F(1, 3), threat=2, carrot=F(1, 10), carrot_credibility=F(1, 2)),
]


@pytest.mark.parametrize("ultimatum", CASES)
def test_monte_carlo_of_the_whole_game_agrees_with_the_solution(ultimatum: Ultimatum) -> None:
    outcome = ultimatum.outcome()
    comply, war, back = monte_carlo(ultimatum)
    error = 4 * math.sqrt(0.25 / 50_000) + 2e-3  # 4 standard errors plus the margin grid
    assert abs(comply - float(outcome.compliance_probability)) < error
    assert abs(war - float(outcome.threat_executed_probability)) < error
    assert abs(back - float(outcome.back_down_probability)) < error


def test_target_utility_matches_monte_carlo_for_a_beta_resolve() -> None:
    u = CASES[3]
    rng = np.random.default_rng(3)
    resolve = u.resolve_distribution.rvs(400_000, random_state=rng)
    loss = float(u.leverage()) * (1 - resolve)
    need = float(u.need())
    assert abs(np.mean(np.maximum(-need, -loss)) - u.outcome().target_utility) < 2e-3


def test_probabilities_sum_to_one_and_exactness_is_kept() -> None:
    outcome = CASES[0].outcome()
    total = outcome.compliance_probability + outcome.threat_executed_probability + outcome.back_down_probability
    assert total == 1 and isinstance(outcome.compliance_probability, Fraction)
    assert isinstance(outcome.target_utility, Fraction) and isinstance(outcome.coercer_utility, Fraction)


def test_gaussian_threshold_equals_brute_force_over_margins() -> None:
    """The target with exactly the threshold stake gains nothing from its best margin."""
    demand, sigma = 0.4, 0.15
    stake = gaussian_compliance_stake(demand, sigma)
    margins = np.linspace(0, 2, 400_001)
    gain = erf(margins / (sigma * math.sqrt(2))) * stake - demand - margins
    assert abs(gain.max()) < 1e-6
    assert (erf(margins / (sigma * math.sqrt(2))) * (stake * 1.01) - demand - margins).max() > 0


def test_gaussian_stake_is_vectorised_and_zero_blur_is_the_demand() -> None:
    stakes = gaussian_compliance_stake(np.array([0.2, 0.5]), np.array([0.0, 0.1]))
    assert stakes[0] == 0.2 and stakes[1] == pytest.approx(gaussian_compliance_stake(0.5, 0.1))


# ---------------------------------------------------------------------- literature


def test_fearon_1994_audience_costs_make_the_threat_credible() -> None:
    """Audience costs in the sense of Fearon (1994, APSR 88(3)): a leader who backs down pays a;
    in this package's one-shot rule it executes iff w >= -a,
    so credibility rises with a until a >= -w_lo ties its hands completely."""
    base = Ultimatum(F(1, 2), execution_low=-1, execution_high=F(1, 2))
    assert base.credibility() == F(1, 3)
    assert replace(base, audience_cost=F(1, 2)).credibility() == F(2, 3)
    assert replace(base, audience_cost=1).credibility() == 1
    assert replace(base, audience_cost=1).credibility_regime() == "always executes"


def test_audience_costs_change_compliance_not_executions_where_some_targets_fear_nothing() -> None:
    """A property of the uniform resolve distribution, not a published result (Fearon 1997 is a
    signalling model and does not state it): in the interior regime with some targets that fear
    nothing (r_hi = 1) P(threat executed) at a given demand does not depend on the audience cost."""
    base = Ultimatum(F(1, 4), threat=1, execution_low=-1, execution_high=0)
    low, high = replace(base, audience_cost=F(1, 2)).outcome(), replace(base, audience_cost=F(3, 4)).outcome()
    assert low.regime == high.regime == "partial compliance"
    assert low.threat_executed_probability == high.threat_executed_probability == F(1, 4)
    assert high.compliance_probability > low.compliance_probability


def test_schelling_minimum_risk() -> None:
    """Schelling (1960, ch. 8): with no will to execute, a target losing L complies with a demand x
    iff the risk rho >= x / L; our targets lose nearly the whole threat (resolve in [0, 1/100])."""
    x, threat = F(1, 4), F(1, 2)
    minimum = derive_schelling_minimum_risk().subs({coercion_symbols()["demand"]: 0})
    assert minimum == 0
    rho_min = x / threat
    common = dict(execution_low=-2, execution_high=-1, threat=threat, resolve_high=F(1, 100))
    assert Ultimatum(x, risk=rho_min * F(100, 99), **common).compliance_probability() == 1
    assert Ultimatum(x, risk=rho_min * F(99, 100), **common).compliance_probability() == 0


def test_sechser_2010_side_payments_offset_reputation_costs() -> None:
    """Sechser (2010, IO 64(4), pp. 627-660): complying invites future demands; a reputation cost
    r lowers compliance like a larger demand, and a side payment of r restores it exactly."""
    from bargaining.coercion import reputation_cost

    r = reputation_cost(F(1, 2), F(1, 5), F(4, 5))
    base = Ultimatum(F(1, 4), audience_cost=F(1, 2), threat=2)
    with_reputation = replace(base, demand=base.demand + r)
    assert with_reputation.compliance_probability() < base.compliance_probability()
    offset = replace(with_reputation, carrot=r)
    assert offset.compliance_probability() == base.compliance_probability()
    assert offset.threat_executed_probability() == base.threat_executed_probability()


# ---------------------------------------------------------------------- properties of the theory


@given(fractions, fractions, fractions, st.fractions(min_value=0, max_value=2, max_denominator=20))
def test_carrot_with_efficiency_one_is_exactly_a_smaller_demand(demand, carrot, vagueness, audience) -> None:
    carrot = min(carrot, demand)
    with_carrot = Ultimatum(demand, carrot=carrot, vagueness=vagueness, audience_cost=audience).outcome()
    smaller = Ultimatum(demand - carrot, vagueness=vagueness, audience_cost=audience).outcome()
    assert with_carrot == smaller


@given(fractions, st.fractions(min_value=0, max_value=1, max_denominator=20),
       st.fractions(min_value=0, max_value=1, max_denominator=20))
def test_audience_costs_leave_war_unchanged_in_the_interior_with_fearless_targets(demand, first, second) -> None:
    base = Ultimatum(demand, execution_low=-1, execution_high=0, threat=2)
    one, two = replace(base, audience_cost=first).outcome(), replace(base, audience_cost=second).outcome()
    if one.regime == two.regime == "partial compliance":
        assert one.threat_executed_probability == two.threat_executed_probability
    if first < second:
        assert one.compliance_probability <= two.compliance_probability


@given(fractions, fractions, fractions, st.sampled_from(["uniform", "one-sided gaussian", "centred gaussian"]))
def test_a_specific_condition_is_complied_with_at_least_as_often(demand, vagueness, audience, blur) -> None:
    """George's 'get specific' for the condition: removing vagueness never lowers compliance."""
    vague = Ultimatum(float(demand), vagueness=float(vagueness), blur=blur, audience_cost=float(audience), threat=2.0)
    assert replace(vague, vagueness=0.0).compliance_probability() >= vague.compliance_probability() - 1e-9


@given(fractions, fractions, fractions)
def test_compliance_falls_with_the_demand_and_rises_with_the_carrot(first, second, carrot) -> None:
    low, high = sorted((first, second))
    base = Ultimatum(low, audience_cost=F(1, 2), threat=F(3, 2))
    assert replace(base, demand=high).compliance_probability() <= base.compliance_probability()
    assert replace(base, carrot=carrot).compliance_probability() >= base.compliance_probability()


def test_arrays_agree_with_scalars_and_symbols_with_numbers() -> None:
    demands = np.array([0.1, 0.4, 0.9])
    array = Ultimatum(demands, audience_cost=np.array([[0.0], [0.7]]), threat=1.5).outcome()
    assert array.compliance_probability.shape == (2, 3)
    for i, a in enumerate((0.0, 0.7)):
        for j, x in enumerate(demands):
            scalar = Ultimatum(float(x), audience_cost=a, threat=1.5).outcome()
            assert array.compliance_probability[i, j] == pytest.approx(scalar.compliance_probability)
            assert array.regime[i, j] == scalar.regime
    x, a = sympy.symbols("x a", positive=True)
    symbolic = Ultimatum(x, audience_cost=a, threat=F(3, 2)).outcome()
    exact = Ultimatum(F(2, 5), audience_cost=F(1, 3), threat=F(3, 2)).outcome()
    value = symbolic.compliance_probability.subs({x: sympy.Rational(2, 5), a: sympy.Rational(1, 3)})
    assert value == sympy.Rational(exact.compliance_probability.numerator, exact.compliance_probability.denominator)
    assert {regime.label for regime in symbolic.regime} >= {"partial compliance"}


def test_uniform_resolve_as_a_scipy_distribution_matches_the_closed_form() -> None:
    closed = Ultimatum(0.3, audience_cost=0.3, threat=1.4, carrot=0.05).outcome()
    numeric = Ultimatum(0.3, audience_cost=0.3, threat=1.4, carrot=0.05, resolve_distribution=stats.uniform()).outcome()
    for name in ("compliance_probability", "threat_executed_probability", "target_utility", "coercer_utility"):
        assert getattr(numeric, name) == pytest.approx(getattr(closed, name), abs=1e-9)


def test_presets_have_their_defining_parameters() -> None:
    see = Ultimatum.try_and_see(F(1, 4))
    assert see.deadline is None and see.threat == 0 and see.discount_weight == 0
    assert see.compliance_probability() == 0
    screw = Ultimatum.turning_the_screw(F(1, 4), 1, F(1, 2))
    assert screw.deadline is None and screw.audience_cost == 0 and 0 < screw.discount_weight < 1
    hard = Ultimatum.ultimatum(F(1, 4), 2, 1, F(1, 2))
    assert hard.deadline == 2 and hard.carrot == 0 and hard.vagueness == 0
    assert hard.discount_weight == F(81, 100)


def test_gaussian_symbols_are_refused_and_exact_inputs_give_floats() -> None:
    x = sympy.Symbol("x", positive=True)
    with pytest.raises(NotImplementedError, match="Gaussian blur"):
        Ultimatum(x, vagueness=F(1, 10), blur="one-sided gaussian").outcome()
    assert isinstance(Ultimatum(F(1, 4), vagueness=F(1, 10), blur="one-sided gaussian").compliance_probability(), float)
    array = Ultimatum(np.array([0.2, 0.3]), vagueness=0.1, blur="one-sided gaussian", audience_cost=1.0).outcome()
    assert array.regime.shape == (2,)


# ---------------------------------------------------------------------- optimal design


def test_optimal_demand_beats_a_brute_force_grid_exactly() -> None:
    u = Ultimatum(F(1, 2), audience_cost=F(1, 2), threat=F(3, 2), vagueness=F(1, 20), carrot=F(1, 10))
    demand, utility = optimal_demand(u)
    grid = [replace(u, demand=F(i, 400)).outcome().coercer_utility for i in range(401)]
    assert utility >= max(grid) and isinstance(demand, Fraction)
    assert utility - max(grid) < F(1, 10_000)


def test_optimal_demand_vectorised_and_symbolic() -> None:
    demands, _utilities = optimal_demand(Ultimatum(np.array([0.1, 0.2]), audience_cost=np.array([0.0, 1.0])))
    for a, d in zip((0.0, 1.0), demands):
        assert d == pytest.approx(float(optimal_demand(Ultimatum(0.5, audience_cost=a))[0]))
    t = sympy.Symbol("t", positive=True)
    symbolic, _ = optimal_demand(Ultimatum(F(1, 2), threat=t, audience_cost=1))
    assert symbolic.subs(t, 1) == sympy.Rational(1, 2)
    with pytest.raises(NotImplementedError):
        optimal_demand(Ultimatum(0.5, vagueness=0.1, blur="one-sided gaussian"))
    with pytest.raises(NotImplementedError):
        optimal_demand(Ultimatum(0.5, resolve_distribution=stats.uniform()))


def test_optimal_design_beats_a_brute_force_grid() -> None:
    u = Ultimatum(0.5, audience_cost=0.2, threat=0.8, carrot_efficiency=0.5)
    options = dict(carrot_max=0.5, vagueness_max=0.3, audience_cost_max=1.0, specificity_cost=0.05, publicity_cost=0.1)
    design = optimal_design(u, **options)
    axes = [np.linspace(0, 1, 41), np.linspace(0, 0.5, 21), np.linspace(0, 0.3, 7), np.linspace(0, 1, 21)]
    x, s, v, a = np.meshgrid(*axes, indexing="ij")
    grid = Ultimatum(x, carrot=s, vagueness=v, audience_cost=a, threat=0.8, carrot_efficiency=0.5).outcome()
    net = grid.coercer_utility - 0.05 * (0.3 - v) - 0.1 * a
    assert design.net_utility >= net.max() - 1e-9
    assert design.carrot == pytest.approx(0.5)  # a carrot cheaper than its value is used to the full


def test_optimal_design_keeps_unbounded_instruments_and_checks_its_inputs() -> None:
    design = optimal_design(Ultimatum(0.5, audience_cost=1.0))
    assert design.audience_cost == 1.0 and design.demand == pytest.approx(0.5, abs=1e-6)
    with pytest.raises(ParameterValueError, match="carrot_max must be a finite non-negative number"):
        optimal_design(Ultimatum(0.5), carrot_max=-1.0)
    with pytest.raises(ParameterValueError, match="grid_points must be at least 2"):
        optimal_design(Ultimatum(0.5), grid_points=1)
    with pytest.raises(ParameterTypeError, match="ultimatum must be an ultimatum with numeric scalar fields"):
        optimal_design(Ultimatum(np.array([0.5, 0.6])))


# ---------------------------------------------------------------------- bad inputs


@pytest.mark.parametrize(
    ("fields", "error", "message"),
    [
        ({"demand": F(3, 2)}, ParameterValueError, r"demand must be in \[0, 1\] \(got 3/2\)"),
        ({"demand": "half"}, ParameterTypeError, r"demand must be a real number.*\(got str the string 'half'\)"),
        ({"demand": 0.5, "vagueness": -0.1}, ParameterValueError, r"vagueness must be non-negative \(got -0.1\)"),
        ({"demand": 0.5, "blur": "triangular"}, ParameterValueError, r"blur must be one of 'uniform', 'one-sided gaussian', 'centred gaussian' \(got the string 'triangular'\)"),
        ({"demand": 0.5, "blur": 3}, ParameterTypeError, r"blur must be one of 'uniform', 'one-sided gaussian', 'centred gaussian' \(got int 3\)"),
        ({"demand": 0.5, "deadline": -1}, ParameterValueError, r"deadline must be a non-negative number of periods or None \(got -1\)"),
        ({"demand": 0.5, "deadline": 1.5}, ParameterTypeError, r"deadline must be a whole number of periods or None \(got float 1.5\)"),
        ({"demand": 0.5, "deadline": True}, ParameterTypeError, r"deadline must be a whole number"),
        ({"demand": 0.5, "discount": 1}, ParameterValueError, r"discount must be a discount factor in \(0, 1\) \(got 1\)"),
        ({"demand": 0.5, "urgency": 2}, ParameterValueError, r"urgency must be a probability in \[0, 1\] \(got 2\)"),
        ({"demand": 0.5, "audience_cost": float("nan")}, ParameterValueError, r"audience_cost must be a finite number \(got nan\)"),
        ({"demand": 0.5, "carrot_credibility": F(5, 4)}, ParameterValueError, r"carrot_credibility must be a probability in \[0, 1\] \(got 5/4\)"),
        ({"demand": 0.5, "risk": -F(1, 2)}, ParameterValueError, r"risk must be a probability in \[0, 1\] \(got -1/2\)"),
        ({"demand": F(1, 2), "execution_low": 1, "execution_high": 0}, ParameterValueError, r"execution_high must be greater than execution_low = 1 \(got 0\)"),
        ({"demand": F(1, 2), "resolve_low": F(1, 2), "resolve_high": F(1, 2)}, ParameterValueError, r"resolve_high must be greater than resolve_low = 1/2 \(got 1/2\)"),
        ({"demand": np.array([0.5, 0.6]), "resolve_low": np.array([0.1, 0.9]), "resolve_high": 0.5}, ParameterValueError, r"resolve_high must be greater than resolve_low \(0.9 there\) \(got 0.5 at index \(1,\)\)"),
        ({"demand": np.array([0.5, 1.6])}, ParameterValueError, r"demand must be in \[0, 1\] \(got 1.6 at index \(1,\)\)"),
        ({"demand": 0.5, "resolve_distribution": "beta"}, ParameterTypeError, r"resolve_distribution must be a frozen scipy.stats distribution"),
        ({"demand": 0.5, "resolve_distribution": stats.norm()}, ParameterValueError, r"resolve_distribution must be supported on \[0, 1\] \(got support \[-inf, inf\]\)"),
        ({"demand": sympy.Symbol("x"), "resolve_distribution": stats.uniform()}, ParameterTypeError, r"resolve_distribution must be None when the parameters are symbolic"),
        ({"demand": sympy.Symbol("x", negative=True)}, ParameterValueError, r"demand must be in \[0, 1\] \(got x\)"),
    ],
)
def test_bad_inputs_are_refused_with_the_field_and_the_requirement(fields, error, message) -> None:
    with pytest.raises(error, match=message):
        Ultimatum(**fields)


@pytest.mark.parametrize("delay_cost", [Fraction(1, 10), Fraction(3, 5)])
def test_a_symbolic_deadline_gives_the_exact_outcome_at_each_point(delay_cost):
    """The symbolic path keeps every regime (compliance at once or at the deadline) while a
    scalar solve builds only the one that holds: both give the same numbers."""
    c = sympy.Symbol("c", nonnegative=True)
    exact = dict(demand=Fraction(1, 4), deadline=2, threat=Fraction(3, 2), audience_cost=Fraction(1, 2))
    symbolic = Ultimatum(**exact, delay_cost=c).outcome()
    numeric = Ultimatum(**exact, delay_cost=delay_cost).outcome()
    for name in ("compliance_probability", "immediate_compliance_probability", "coercer_utility", "target_utility"):
        value = sympy.nsimplify(getattr(symbolic, name).subs(c, sympy.Rational(delay_cost)))
        assert value == sympy.Rational(getattr(numeric, name)), name

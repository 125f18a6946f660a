"""The signalling extension: PBE conditions checked by an independent oracle, the refinements
(intuitive criterion, D1, Pareto) held against the general finite signalling-game solver on a
discretised game, literature cases, and the regime map's multiplicity."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from bargaining import ParameterTypeError, ParameterValueError
from bargaining.coercion import (
    MESSAGES,
    Equilibrium,
    ResolveSignalling,
    pareto_undominated,
    regime_map,
)
from bargaining.coercion.signalling_results import NO_EQUILIBRIUM
from bargaining.games import signalling as finite

F = Fraction
TYPES = ("resolute", "irresolute")
BELIEFS = [F(i, 200) for i in range(201)]


def is_equilibrium(game: ResolveSignalling, equilibrium) -> bool:
    """Independent oracle: Bayes on the path, no profitable deviation, some deterring belief
    found on a grid of beliefs for every unused message."""
    prior = game.prior_resolute
    sent = {m for t in TYPES for m, p in equilibrium.strategy[t].items() if p > 0}
    for message in sent:
        resolute = equilibrium.strategy["resolute"].get(message, 0)
        irresolute = equilibrium.strategy["irresolute"].get(message, 0)
        if equilibrium.beliefs[message] != prior * resolute / (prior * resolute + (1 - prior) * irresolute):
            return False
    value = {t: equilibrium.payoffs[t] for t in TYPES}
    for t in TYPES:
        for message, probability in equilibrium.strategy[t].items():
            if probability > 0 and game.payoff(t, message, equilibrium.beliefs[message]) != value[t]:
                return False
        for message in sent:
            if game.payoff(t, message, equilibrium.beliefs[message]) > value[t]:
                return False
    for message in set(MESSAGES) - sent:
        if not any(all(game.payoff(t, message, mu) <= value[t] for t in TYPES) for mu in BELIEFS):
            return False
    return True


GAMES = [
    ResolveSignalling(F(2, 5), F(3, 10), F(3, 10), F(1, 2), F(-1, 10), F(-3, 5), risk=F(3, 10)),
    ResolveSignalling(F(2, 5), F(1, 10), F(1, 10), F(1, 2), F(-1, 10), F(-3, 5), risk=F(3, 10)),
    ResolveSignalling(F(1, 2), F(1, 2), F(1, 5), F(1, 2), F(1, 4), -1),
    ResolveSignalling(F(2, 5), F(1, 2), F(1, 5), F(3, 10), F(1, 4), -1, risk=F(1, 2)),
]


@pytest.mark.parametrize("game", GAMES)
def test_every_equilibrium_found_passes_the_independent_oracle(game: ResolveSignalling) -> None:
    found = game.equilibria()
    assert found
    for equilibrium in found:
        assert is_equilibrium(game, equilibrium), equilibrium.label()


@pytest.mark.parametrize("game", GAMES)
def test_pure_profiles_the_oracle_accepts_are_all_found(game: ResolveSignalling) -> None:
    """Brute force over all 16 pure profiles: the enumeration misses none (up to the belief grid)."""
    found = {(tuple(e.strategy["resolute"]), tuple(e.strategy["irresolute"])) for e in game.equilibria()
             if e.form != "semi-separating"}
    for resolute, irresolute in itertools.product(MESSAGES, repeat=2):
        beliefs = {resolute: F(1), irresolute: F(0)} if resolute != irresolute else {resolute: game.prior_resolute}
        payoffs = {"resolute": game.payoff("resolute", resolute, beliefs[resolute]),
                   "irresolute": game.payoff("irresolute", irresolute, beliefs[irresolute])}
        candidate = Equilibrium("pure", {"resolute": {resolute: 1}, "irresolute": {irresolute: 1}},
                                {**beliefs, "prior": game.prior_resolute}, payoffs, True, True)
        if is_equilibrium(game, candidate):
            assert ((resolute,), (irresolute,)) in found


@pytest.mark.parametrize("game", GAMES)
def test_refinements_nest_and_pareto_is_the_undominated_subset(game: ResolveSignalling) -> None:
    """D1 implies the intuitive criterion (Cho & Kreps 1987, §IV): D1 survivors ⊆ intuitive ⊆ PBE;
    Pareto keeps exactly the survivors no other survivor dominates (checked pair by pair here)."""
    found = game.equilibrium_set()
    assert set(map(id, found.d1)) <= set(map(id, found.intuitive)) <= set(map(id, found.pbe))
    for refinement in ("pbe", "intuitive", "d1"):
        survivors = found.survivors(refinement)
        kept = found.survivors(refinement, select="pareto")
        for e in survivors:
            beaten = any(all(f.payoffs[t] >= e.payoffs[t] for t in TYPES) and f.payoffs != e.payoffs
                         for f in survivors)
            assert (e in kept) == (not beaten)
        assert kept == pareto_undominated(survivors)
        assert game.equilibrium_count(refinement) == len(survivors)


def test_a_point_with_several_equilibria_says_so_and_d1_narrows_it() -> None:
    """The worked example: two poolings and a semi-separating equilibrium survive the intuitive
    criterion; D1 leaves the semi-separating one alone (where the carrot signals weakness)."""
    game = GAMES[0]
    assert game.regime("intuitive", detail=False) == (
        "several: pooling + pooling + semi-separating (carrot signals weakness)"
    )
    assert game.regime("d1") == (
        "semi-separating: resolute specific / irresolute specific|carrot (carrot signals weakness)"
    )
    assert game.regime("intuitive", select="pareto").startswith("several: pooling on specific+carrot + ")


def test_carrots_signal_weakness_where_only_the_irresolute_type_offers_one() -> None:
    """George (1991) warns that carrots may be read as weakness: in the semi-separating equilibrium
    only the irresolute coercer sends the carrot, and the target's belief after it is zero."""
    (equilibrium,) = GAMES[0].equilibria("d1")
    assert equilibrium.carrot_signals_weakness and equilibrium.form == "semi-separating"
    assert equilibrium.beliefs["carrot"] == 0 < equilibrium.beliefs["prior"]
    assert equilibrium.payoffs["irresolute"] == F(1, 150)


def test_fearon_1997_tying_hands_separates_the_resolute_type() -> None:
    """Fearon (1997, JCR 41(1), pp. 68-90): a public threat whose audience cost only the resolute
    type can afford to risk separates the types; here the irresolute type (w = -1) would back
    down and pay the audience cost 2, so it keeps quiet. With no carrot the carrot messages do not
    exist, and the separating equilibrium is the only PBE."""
    game = ResolveSignalling(F(1, 2), 2, 0, F(1, 2), F(1, 4), -1)
    for refinement in ("pbe", "intuitive", "d1"):
        assert game.regime(refinement) == "separating: resolute specific / irresolute plain"
    (separating,) = game.equilibria("d1")
    assert separating.beliefs["specific"] == 1


def test_the_intuitive_criterion_removes_an_equilibrium() -> None:
    game = GAMES[2]
    every, refined = game.equilibria(), game.equilibria("intuitive")
    assert len(refined) < len(every)
    assert all(e.intuitive for e in refined)


@pytest.mark.parametrize(("refinement", "select"), [("pbe", None), ("intuitive", None), ("d1", "pareto")])
def test_array_regimes_equal_scalar_regimes(refinement, select) -> None:
    a = np.array([0.0, 0.1, 0.3, 0.8, 1.5])
    s = np.array([[0.0], [0.1], [0.3]])
    array = ResolveSignalling(0.4, a, s, 0.5, -0.1, -0.6, risk=0.3)
    labels = array.regime(refinement, select)
    counts = array.equilibrium_count(refinement, select)
    for i, j in itertools.product(range(3), range(5)):
        point = ResolveSignalling(0.4, float(a[j]), float(s[i, 0]), 0.5, -0.1, -0.6, risk=0.3)
        assert labels[i, j] == point.regime(refinement, select)
        assert counts[i, j] == point.equilibrium_count(refinement, select)


@pytest.mark.parametrize(
    ("demand", "prior", "values", "risk"),
    [
        # both types execute whatever: plain and specific tie exactly (deterrence at a tie)
        (0.9593496706304154, 0.1838876110092481, (0.45894322, 0.33490333), 0.7401364447887634),
        # full compliance after two messages: the irresolute type's payoffs tie exactly
        (0.21836540345092587, 0.3992600586060673, (0.0888213, -0.90565675), 0.07899109808353809),
    ],
)
def test_floats_decide_ties_as_their_exact_values_do(demand, prior, values, risk) -> None:
    """The map is solved in floats: at each cell the survivors equal those of the exact game at the
    floats' exact binary values, also where two messages give a type exactly the same payoff."""
    a = np.array([0.1, 0.5])
    s = np.array([[0.25], [0.5]])
    array = ResolveSignalling(demand, a, s, prior, *values, risk=risk)
    labels = {refinement: array.regime(refinement) for refinement in ("pbe", "d1")}
    for i, j in itertools.product(range(2), range(2)):
        exact = ResolveSignalling(F(demand), F(a[j]), F(s[i, 0]), F(prior), *map(F, values), risk=F(risk))
        found = exact.equilibrium_set()
        for refinement, grid in labels.items():
            assert grid[i, j] == found.label(refinement)


def test_regime_map_shows_multiplicity_and_is_saved(tmp_path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    path = tmp_path / "regimes.png"
    game = ResolveSignalling(0.4, 0.0, 0.0, 0.5, -0.1, -0.6, risk=0.3)
    figure, labels = regime_map(game, audience_costs=np.linspace(0, 1.5, 16), carrots=np.linspace(0, 0.5, 11), path=path)
    assert path.stat().st_size > 1000
    assert labels.shape == (11, 16)
    assert any(label.startswith("several: ") for label in labels.ravel())
    assert any("carrot signals weakness" in label for label in labels.ravel())
    plt.close(figure)
    figure, d1 = regime_map(game, audience_costs=np.linspace(0, 1.5, 16), carrots=np.linspace(0, 0.5, 11),
                            refinement="d1", select="pareto")
    several = np.char.startswith(d1.astype(str), "several: ")
    assert several.sum() < np.char.startswith(labels.astype(str), "several: ").sum()
    plt.close(figure)


# ----------------------------------------------------------------------------- the finite solver


def _crossings(values_a, values_b, low, high):
    """Beliefs in (low, high) on the segment where two linear functions of the belief are equal."""
    (a0, a1), (b0, b1) = values_a, values_b
    slope = (a1 - a0) - (b1 - b0)
    if slope == 0:
        return []
    mu = (b0 - a0) / slope
    return [mu] if low < mu < high else []


def reply_faces(game, m, types):
    """The receiver's best-reply sets after message ``m`` over beliefs on ``types`` (two types or
    one): at every breakpoint of its upper envelope and inside every interval between them."""
    def best(mu):
        values = [mu * game.exact_receiver[0][m][a] + (1 - mu) * game.exact_receiver[1][m][a]
                  for a in range(len(game.actions))]
        return tuple(a for a, v in enumerate(values) if v == max(values))

    if len(types) == 1:
        return [best(F(1) if types[0] == 0 else F(0))]
    lines = [(game.exact_receiver[1][m][a], game.exact_receiver[0][m][a]) for a in range(len(game.actions))]
    points = sorted({F(0), F(1), *(mu for x, y in itertools.combinations(lines, 2) for mu in _crossings(x, y, 0, 1))})
    middles = [(x + y) / 2 for x, y in itertools.pairwise(points)]
    return [best(mu) for mu in points + middles]


def _segment_points(values, threshold, face):
    """Vertices of {rho in the simplex over ``face``: sum rho_a values[a] >= threshold}."""
    out = [{a: F(1)} for a in face if values[a] >= threshold]
    for a, b in itertools.combinations(face, 2):
        if (values[a] - threshold) * (values[b] - threshold) < 0:
            weight = (threshold - values[b]) / (values[a] - values[b])
            out.append({a: weight, b: 1 - weight})
    return out


def d1_survives(game, equilibrium) -> bool:
    """D1 (Banks & Sobel 1987; Cho & Kreps 1987, §IV) for a finite two-type signalling game, by
    definition: after each unsent message, type t is dropped if every mixed reply (to some belief)
    that leaves it weakly better off leaves the other type strictly better off; with one type left
    the belief is on it, and some reply to it must deter both types."""
    star = [F(v) for v in equilibrium.sender_payoffs]
    for m, on_path in enumerate(equilibrium.on_path):
        if on_path:
            continue
        faces = reply_faces(game, m, (0, 1))
        removed = []
        for t, other in ((0, 1), (1, 0)):
            mine = [game.exact_sender[t][m][a] for a in range(len(game.actions))]
            theirs = [game.exact_sender[other][m][a] for a in range(len(game.actions))]
            points = [p for face in faces for p in _segment_points(mine, star[t], face)]
            if all(sum(w * theirs[a] for a, w in p.items()) > star[other] for p in points):
                removed.append(t)
        if len(removed) != 1:
            continue
        (face,) = reply_faces(game, m, (1 - removed[0],))
        assert len(face) <= 2
        candidates = [{a: F(1)} for a in face]
        for t in (0, 1):
            values = [game.exact_sender[t][m][a] for a in range(len(game.actions))]
            candidates += _segment_points(values, star[t], face)
        if not any(all(sum(w * game.exact_sender[t][m][a] for a, w in p.items()) <= star[t] for t in (0, 1))
                   for p in candidates):
            return False
    return True


def test_beer_quiche_pooling_equilibria_and_their_refinements() -> None:
    """Cho & Kreps (1987, QJE 102: 179-221, §II): the beer-quiche game has two pooling equilibria;
    pooling on quiche fails the intuitive criterion (the weak type cannot gain from beer, the strong
    one would if recognised), and it fails D1 for the same reason; pooling on beer survives both."""
    game = finite.beer_quiche()
    found = finite.perfect_bayesian_equilibria(game).equilibria
    assert {e.messages_sent for e in found} == {("beer", "beer"), ("quiche", "quiche")}
    verdicts = {e.messages_sent: (finite.intuitive_criterion(game, e).passes, d1_survives(game, e)) for e in found}
    assert verdicts == {("beer", "beer"): (True, True), ("quiche", "quiche"): (False, False)}


def discretised(game: ResolveSignalling):
    """The coercion game as a finite signalling game: after each message the target's reply is one
    of three compliance levels, P_c at beliefs 0, the prior and 1; its payoffs make the level at
    belief b the unique best reply for every belief nearer b than the others (thresholds at the
    midpoints pi/2 and (1 + pi)/2), so on the path of a pure equilibrium it replies exactly as the
    target does, and over beliefs its mixed replies cover [P_c(m, 0), P_c(m, 1)]."""
    prior = game.prior_resolute
    levels = (F(0), prior, F(1))
    thresholds = (prior / 2, (1 + prior) / 2)

    def payoffs(t, m, action):
        k = int(action)
        coercer = game.payoff(t, m, levels[k])
        target = sum(((1 if t == "resolute" else 0) - mu) for mu in thresholds[:k])
        return coercer, F(target)

    return finite.SignallingGame.from_function(TYPES, (prior, 1 - prior), MESSAGES, ("0", "1", "2"), payoffs)


fractions = st.fractions(min_value=0, max_value=1, max_denominator=12)
#: a random exact point of the signalling game, shared by the property tests below
GAME_POINTS = dict(
    demand=fractions.filter(lambda x: x > 0),
    audience_cost=st.fractions(min_value=F(1, 12), max_value=2, max_denominator=12),
    carrot=st.fractions(min_value=F(1, 20), max_value=F(1, 2), max_denominator=20),
    prior=fractions.filter(lambda x: 0 < x < 1),
    values=st.tuples(st.fractions(-1, F(1, 2), max_denominator=10), st.fractions(-1, F(1, 2), max_denominator=10)),
    risk=fractions.filter(lambda x: x < 1),
)


@settings(max_examples=15, deadline=None)
@given(**GAME_POINTS)
# Points where the three refinements keep three different sets (found by random search; the
# assertion is agreement with the finite solver, whatever the sets are).
@example(F(1, 4), F(1, 3), F(1, 20), F(7, 12), (F(-2, 5), F(1, 5)), F(1, 4))
@example(F(3, 4), F(5, 6), F(1, 10), F(1, 12), (F(-1), F(-2, 5)), F(5, 12))
@example(F(1), F(1, 6), F(1, 2), F(5, 6), (F(-1, 5), F(1, 5)), F(5, 12))
def test_pure_equilibria_and_their_refinements_match_the_finite_solver(
    demand, audience_cost, carrot, prior, values, risk
) -> None:
    """On random exact points where every message leaves each type better off the more the target
    complies (the discretisation is then exact for pure equilibria: a deterring reply, if any, is
    the reply to belief 0), the pooling and separating PBE, those surviving the intuitive criterion
    (the finite solver's) and those surviving D1 (:func:`d1_survives`, by definition) are the same
    sets as the closed-form enumeration's."""
    irresolute, resolute = sorted(values)
    assume(irresolute < resolute)
    game = ResolveSignalling(demand, audience_cost, carrot, prior, resolute, irresolute, risk=risk)
    assume(all(game._ends(m, "resolute")[0] >= game._ends(m, "resolute")[1] for m in MESSAGES))
    finite_game = discretised(game)
    pure = [e for e in finite.perfect_bayesian_equilibria(finite_game, semi_separating=False).equilibria
            if e.classification in ("pooling", "separating")]
    theirs = {
        "pbe": {e.messages_sent for e in pure},
        "intuitive": {e.messages_sent for e in pure if finite.intuitive_criterion(finite_game, e).passes},
        "d1": {e.messages_sent for e in pure if d1_survives(finite_game, e)},
    }
    found = game.equilibrium_set()
    for refinement, expected in theirs.items():
        ours = {(next(iter(e.strategy["resolute"])), next(iter(e.strategy["irresolute"])))
                for e in found.survivors(refinement) if e.form != "semi-separating"}
        assert ours == expected, refinement


@settings(max_examples=12, deadline=None)
@given(**GAME_POINTS)
@example(F(2, 5), F(3, 10), F(3, 10), F(1, 2), (F(-1, 10), F(-3, 5)), F(3, 10))
@example(F(2, 5), F(1, 10), F(1, 10), F(1, 2), (F(-1, 10), F(-3, 5)), F(3, 10))
@example(F(1, 2), F(1, 2), F(1, 5), F(1, 2), (F(1, 4), F(-1)), F(0))
@example(F(1, 4), F(1, 3), F(1, 20), F(7, 12), (F(-2, 5), F(1, 5)), F(1, 4))
@example(F(1), F(1, 6), F(1, 2), F(5, 6), (F(-1, 5), F(1, 5)), F(5, 12))
def test_every_equilibrium_is_refined_as_the_finite_definitions_refine_it(
    demand, audience_cost, carrot, prior, values, risk
) -> None:
    """Semi-separating equilibria included, and whatever the signs: the refinements look only at
    the equilibrium payoffs and at what an unsent message can bring, so each equilibrium found is
    judged again by the finite solver's intuitive criterion and by :func:`d1_survives` on the
    discretised game (whose replies after an unsent message span the same compliance interval)."""
    irresolute, resolute = sorted(values)
    assume(irresolute < resolute)
    game = ResolveSignalling(demand, audience_cost, carrot, prior, resolute, irresolute, risk=risk)
    finite_game = discretised(game)
    for e in game.equilibria("pbe"):
        sent = {m for t in TYPES for m, p in e.strategy[t].items() if p > 0}
        judged = finite.SignallingEquilibrium(
            e.form, (), (), (), (),
            tuple(() if m in sent else ((F(1), F(0)),) for m in MESSAGES),
            (e.payoffs["resolute"], e.payoffs["irresolute"]), 0,
        )  # fmt: skip
        assert finite.intuitive_criterion(finite_game, judged).passes == e.intuitive, e.label()
        assert d1_survives(finite_game, judged) == e.d1, e.label()


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: ResolveSignalling(F(1, 2), 1, 0, F(3, 2), 0, -1), ParameterValueError, r"prior_resolute must be a probability in \[0, 1\] \(got 3/2\)"),
        (lambda: ResolveSignalling(F(1, 2), 1, 0, F(1, 2), -1, 0), ParameterValueError, r"resolute_value must be greater than irresolute_value = 0 \(got -1\)"),
        (lambda: ResolveSignalling(F(1, 2), -1, 0, F(1, 2), 0, -1), ParameterValueError, r"audience_cost must be non-negative \(got -1\)"),
        (lambda: ResolveSignalling(__import__("sympy").Symbol("x"), 1, 0, F(1, 2), 0, -1), ParameterTypeError, r"demand must be numbers or arrays"),
        (lambda: ResolveSignalling(F(1, 2), 1, 0, F(1, 2), 0, -1).compliance("loud", 0), ParameterValueError, r"message must be one of"),
        (lambda: ResolveSignalling(np.array([0.5]), 1.0, 0.0, 0.5, 0.0, -1.0).equilibria(), ParameterTypeError, r"demand must be numbers \(for arrays use regime\(\)\)"),
        (lambda: ResolveSignalling(F(1, 2), 1, 0, F(1, 2), 0, -1).regime("sequential"), ParameterValueError, r"refinement must be one of \('pbe', 'intuitive', 'd1'\)"),
        (lambda: ResolveSignalling(F(1, 2), 1, 0, F(1, 2), 0, -1).equilibria("d1", select="first"), ParameterValueError, r"select must be None \(every survivor\) or 'pareto'"),
    ],
)
def test_bad_signalling_inputs(call, error, message) -> None:
    with pytest.raises(error, match=message):
        call()


def test_a_point_without_survivors_says_so() -> None:
    """No point searched (30 random games x 231 cells) lacks a PBE in the enumerated classes, but a
    set with no survivor is named, not left blank."""
    from bargaining.coercion import EquilibriumSet

    assert EquilibriumSet((), (), ()).label("d1") == NO_EQUILIBRIUM == "no equilibrium with at most one mixing type"

"""Signalling games: literature cases, a brute-force + LP oracle, the intuitive criterion, Gambit."""

import io
import itertools
from fractions import Fraction

import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

from bargaining.core.errors import ParameterTypeError, ParameterValueError
from bargaining.games.gambit_io import write_efg
from bargaining.games.signalling import (
    SignallingGame,
    beer_quiche,
    belief_region,
    crisis_signalling_game,
    education_game,
    intuitive_criterion,
    is_pbe,
    perfect_bayesian_equilibria,
)

HALF = Fraction(1, 2)


def test_beer_quiche_has_two_pooling_equilibria_and_only_beer_survives_the_intuitive_criterion():
    # Cho & Kreps (1987, QJE 102: 179-221, section II): prior strong 0.9
    game = beer_quiche()
    result = perfect_bayesian_equilibria(game)
    assert [(e.classification, e.messages_sent) for e in result.equilibria] == [
        ("pooling", ("beer", "beer")),
        ("pooling", ("quiche", "quiche")),
    ]
    beer, quiche = result.equilibria
    # beer pooling: no duel after beer; off the path a duel after quiche, held iff Pr(weak) >= 1/2
    assert beer.receiver == ((0, 1), (1, 0))
    assert beer.beliefs[0] == (Fraction(9, 10), Fraction(1, 10))
    assert beer.off_path_beliefs[1] == ((HALF, HALF), (0, 1))
    assert beer.sender_payoffs == (3, 2)
    assert intuitive_criterion(game, beer).passes
    verdict = intuitive_criterion(game, quiche)
    assert not verdict.passes
    assert verdict.dominated == (("weak",), ())  # beer can never beat quiche pooling for the weak
    assert verdict.breaking == (("strong", "beer"),)
    assert result.intuitive() == (beer,)


def test_beer_quiche_with_a_weak_majority_has_only_the_semi_separating_equilibrium():
    # prior strong 1/3: the weak type drinks beer with probability 1/2 so that the receiver,
    # after beer, is indifferent (Pr(weak | beer) = 1/2), and the receiver duels after beer with
    # probability 1/2 so that the weak type is indifferent (2 (1 - r) = 1)
    result = perfect_bayesian_equilibria(beer_quiche(Fraction(1, 3)))
    (equilibrium,) = result.equilibria
    assert equilibrium.classification == "semi-separating"
    assert equilibrium.sender == ((1, 0), (HALF, HALF))
    assert equilibrium.receiver == ((HALF, HALF), (1, 0))
    assert equilibrium.beliefs == ((HALF, HALF), (0, 1))
    assert equilibrium.sender_payoffs == (2, 1)


def test_education_game_intuitive_criterion_keeps_only_the_least_cost_separating_outcome():
    # Spence (1973); Cho & Kreps (1987, section V): the intuitive criterion selects the Riley
    # outcome -- the high type gets the least education the low type would not imitate
    game = education_game()
    result = perfect_bayesian_equilibria(game)
    kinds = {(e.classification, e.messages_sent) for e in result.equilibria}
    assert ("separating", ("none", "some")) in kinds and ("separating", ("none", "much")) in kinds
    assert ("pooling", ("none", "none")) in kinds
    survivors = result.intuitive()
    assert survivors and {e.messages_sent for e in survivors} == {("none", "some")}
    assert all(e.sender_payoffs == (1, Fraction(5, 3)) for e in survivors)
    # the low type would not imitate: 2 - 3/2 < 1 -- and no pooling equilibrium survives
    pooling = [e for e in result.equilibria if e.classification == "pooling"]
    assert pooling and all(intuitive_criterion(game, e).breaking == (("high", "some"),) for e in pooling)


def test_crisis_signalling_game_the_irresolute_coercer_bluffs_a_specific_threat_at_the_derived_rate():
    # the essay's crisis as a signalling game (Fearon 1997 on tying hands): the resolute coercer
    # makes a specific threat; the irresolute one bluffs with it with probability s and the target
    # complies with probability r; derive (s, r) in sympy from the two indifference conditions
    game = crisis_signalling_game()
    s, r = sympy.symbols("s r", positive=True)
    q, x, loss, w, a = sympy.Rational(1, 3), sympy.Rational(1, 2), 1, sympy.Rational(1, 4), 1
    posterior = q / (q + (1 - q) * s)
    target_indifferent = sympy.Eq(-x, -posterior * loss)
    bluffer_indifferent = sympy.Eq(r * x - (1 - r) * a, 0)
    solution = sympy.solve([target_indifferent, bluffer_indifferent], [s, r], dict=True)[0]
    bluff = [
        e for e in perfect_bayesian_equilibria(game).equilibria
        if e.messages_sent == ("specific threat", "plain threat/specific threat")
    ]
    (equilibrium,) = bluff
    assert equilibrium.sender[1][1] == Fraction(str(solution[s]))
    assert equilibrium.receiver[1][0] == Fraction(str(solution[r]))
    assert equilibrium.sender_payoffs == (r.subs(solution) * x + (1 - r.subs(solution)) * w, 0)
    assert intuitive_criterion(game, equilibrium).passes
    # a plain threat alone convinces no one at this prior; the carrot buys compliance in pooling
    outcomes = {e.messages_sent: e.receiver for e in perfect_bayesian_equilibria(game).equilibria}
    assert outcomes[("plain threat", "plain threat")][0] == (0, 1)
    assert outcomes[("carrot", "carrot")][2] == (1, 0)


# --------------------------------------------------------------------------- brute-force oracle


def supportable_by_lp(game, message, action) -> bool:
    """Whether some belief makes ``action`` a best reply to ``message``: a feasibility LP (scipy)."""
    from scipy.optimize import linprog

    m, a = game.messages.index(message), game.actions.index(action)
    types = len(game.types)
    rows = [
        [float(game.exact_receiver[t][m][b] - game.exact_receiver[t][m][a]) for t in range(types)]
        for b in range(len(game.actions)) if b != a
    ]
    result = linprog(
        [0.0] * types, A_ub=rows or None, b_ub=[0.0] * len(rows) or None,
        A_eq=[[1.0] * types], b_eq=[1.0], bounds=[(0, 1)] * types, method="highs",
    )
    return bool(result.status == 0)


def brute_force_pure(game):
    """Every pure (message per type, action per message) profile that is a PBE for some beliefs."""
    types, messages, actions = game.types, game.messages, game.actions
    found = set()
    for sent in itertools.product(range(len(messages)), repeat=len(types)):
        for replies in itertools.product(range(len(actions)), repeat=len(messages)):
            beliefs = []
            ok = True
            for m in range(len(messages)):
                weights = [game.exact_prior[t] if sent[t] == m else 0 for t in range(len(types))]
                if sum(weights):
                    beliefs.append([w / sum(weights) for w in weights])
                else:
                    ok = ok and supportable_by_lp(game, messages[m], actions[replies[m]])
                    beliefs.append(None)
            if not ok:
                continue
            values_ok = all(
                game.exact_sender[t][sent[t]][replies[sent[t]]]
                >= max(game.exact_sender[t][m][replies[m]] for m in range(len(messages)))
                for t in range(len(types))
            )
            rational = all(
                b is None
                or sum(p * game.exact_receiver[t][m][replies[m]] for t, p in enumerate(b))
                == max(sum(p * game.exact_receiver[t][m][c] for t, p in enumerate(b)) for c in range(len(actions)))
                for m, b in enumerate(beliefs)
            )
            if values_ok and rational:
                found.add((sent, replies))
    return found


def pure_profiles(result):
    profiles = set()
    for e in result.equilibria:
        if e.classification == "semi-separating":
            continue
        sent = tuple(row.index(1) for row in e.sender)
        replies = tuple(row.index(1) for row in e.receiver)
        profiles.add((sent, replies))
    return profiles


small_payoffs = st.integers(-2, 2)


@st.composite
def signalling_games(draw, types=2, messages=2, actions=2):
    prior_first = draw(st.sampled_from([Fraction(1, 4), Fraction(1, 3), HALF, Fraction(2, 3)]))
    prior = (prior_first, 1 - prior_first) if types == 2 else (Fraction(1, 3),) * 3
    shape = (types, messages, actions)

    def table():
        return [[[draw(small_payoffs) for _ in range(shape[2])] for _ in range(shape[1])] for _ in range(shape[0])]

    return SignallingGame(
        tuple(f"t{i}" for i in range(types)), prior, tuple(f"m{i}" for i in range(messages)),
        tuple(f"a{i}" for i in range(actions)), table(), table(),
    )


@given(signalling_games())
def test_pure_equilibria_are_exactly_those_of_brute_force_with_an_lp_for_off_path_beliefs(game):
    assert pure_profiles(perfect_bayesian_equilibria(game, semi_separating=False)) == brute_force_pure(game)


@given(st.integers(2, 3).flatmap(lambda a: signalling_games(messages=2, actions=a)))
def test_every_equilibrium_passes_the_exact_oracle_and_survivors_are_a_subset(game):
    result = perfect_bayesian_equilibria(game)
    for e in result.equilibria:
        assert is_pbe(game, e.sender, e.receiver, e.beliefs)
        for m, vertices in enumerate(e.off_path_beliefs):
            for belief in vertices:  # every vertex of the supporting set supports the reply
                beliefs = list(e.beliefs)
                beliefs[m] = belief
                assert is_pbe(game, e.sender, e.receiver, beliefs)
    assert set(map(id, result.intuitive())) <= set(map(id, result.equilibria))


@given(signalling_games(types=3, messages=2, actions=2))
def test_an_equilibrium_sending_every_message_passes_the_intuitive_criterion(game):
    # Cho & Kreps (1987): the criterion restricts off-path beliefs only; with no unsent message it
    # has nothing to test
    for e in perfect_bayesian_equilibria(game).equilibria:
        if all(e.on_path):
            assert intuitive_criterion(game, e).passes


def test_float_payoffs_give_float_equilibria_equal_to_the_exact_ones():
    exact = beer_quiche()
    floats = SignallingGame(exact.types, (0.9, 0.1), exact.messages, exact.actions,
                            [[[float(v) for v in row] for row in block] for block in exact.sender_payoffs],
                            [[[float(v) for v in row] for row in block] for block in exact.receiver_payoffs])
    result = perfect_bayesian_equilibria(floats)
    assert floats.kind == "float" and isinstance(result.equilibria[0].sender_payoffs[0], float)
    assert [e.messages_sent for e in result.equilibria] == [("beer", "beer"), ("quiche", "quiche")]
    assert result.equilibria[0].sender_payoffs == (3.0, 2.0)


def test_belief_region_restricted_to_some_types_and_empty_when_no_belief_supports_the_reply():
    game = beer_quiche()
    assert belief_region(game, "beer", "no duel", types=("strong",)) == ((1, 0),)
    assert belief_region(game, "beer", "duel", types=("strong",)) == ()
    dominated = SignallingGame(("a", "b"), (HALF, HALF), ("m",), ("good", "bad"),
                               [[[0, 0]], [[0, 0]]], [[[1, 0]], [[1, 0]]])
    assert belief_region(dominated, "m", "bad") == ()


def test_a_game_with_one_message_has_one_pooling_equilibrium():
    game = SignallingGame(("a", "b"), (HALF, HALF), ("m",), ("x", "y"),
                          [[[1, 0]], [[0, 1]]], [[[2, 0]], [[0, 1]]])
    (equilibrium,) = perfect_bayesian_equilibria(game).equilibria
    assert equilibrium.classification == "pooling" and equilibrium.receiver == ((1, 0),)
    assert equilibrium.receiver_payoff == 1


def test_semi_separating_continuum_is_reported_once_with_its_range():
    # the irresolute coercer gets 0 from a resisted plain threat and from a resisted carrot: any
    # mixture that keeps Pr(resolute | plain) below 1/2 is an equilibrium
    continua = [e for e in perfect_bayesian_equilibria(crisis_signalling_game()).equilibria if e.mixing_range]
    (equilibrium,) = [e for e in continua if e.messages_sent == ("plain threat", "plain threat/carrot")]
    assert equilibrium.mixing_range == (HALF, 1)
    assert equilibrium.sender[1][0] == Fraction(3, 4)


def test_is_pbe_rejects_beliefs_that_break_bayes_rule_on_the_path():
    game = beer_quiche()
    assert not is_pbe(game, [[1, 0], [1, 0]], [[0, 1], [1, 0]], [[HALF, HALF], [0, 1]])


def test_is_pbe_rejects_a_type_that_would_rather_send_another_message():
    # separating the "wrong" way: the weak type drinks beer and is duelled, quiche would spare it
    game = beer_quiche()
    assert not is_pbe(game, [[0, 1], [1, 0]], [[1, 0], [0, 1]], [[0, 1], [1, 0]])


# --------------------------------------------------------------------------- Gambit


def gambit_profiles(game):
    gbt = pytest.importorskip("pygambit")
    efg = gbt.read_efg(io.StringIO(write_efg(game.tree())))
    sender_player, receiver_player = efg.players
    profiles = []
    for use_strategic in (False, True):
        for profile in gbt.nash.lcp_solve(efg, rational=True, use_strategic=use_strategic).equilibria:
            behaviour = profile.as_behavior() if use_strategic else profile
            sender = [[Fraction(str(behaviour[a])) for a in i.actions] for i in sender_player.infosets]
            receiver = [[Fraction(str(behaviour[a])) for a in i.actions] for i in receiver_player.infosets]
            assert [i.label for i in sender_player.infosets] == list(game.types)
            assert [i.label for i in receiver_player.infosets] == [f"after {m}" for m in game.messages]
            profiles.append((sender, receiver))
    return profiles


def supporting_beliefs(game, sender, receiver):
    """Bayes on the path; off it, a belief under which every action Gambit plays is a best reply
    (two types: the intersection of the intervals has an endpoint among their vertices)."""
    beliefs = []
    for m, message in enumerate(game.messages):
        weights = [game.exact_prior[t] * sender[t][m] for t in range(len(game.types))]
        if sum(weights):
            beliefs.append([w / sum(weights) for w in weights])
            continue
        played = [a for a, p in zip(game.actions, receiver[m]) if p]
        candidates = [v for a in played for v in belief_region(game, message, a)]
        good = [v for v in candidates if all(v in belief_region(game, message, a) or
                                             is_pbe_reply(game, m, v, a) for a in played)]
        beliefs.append(list(good[0]) if good else [Fraction(1)] + [Fraction(0)] * (len(game.types) - 1))
    return beliefs


def is_pbe_reply(game, m, belief, action):
    values = [sum(p * game.exact_receiver[t][m][a] for t, p in enumerate(belief)) for a in range(len(game.actions))]
    return values[game.actions.index(action)] == max(values)


def matches(ours, sender, receiver) -> bool:
    on_path = [i for i, flag in enumerate(ours.on_path) if flag]
    if ours.mixing_range is None:
        same_sender = [list(row) for row in ours.sender] == sender
    else:  # a continuum: same messages, mixing probability inside the range
        low, high = ours.mixing_range
        same_sender = all(
            [bool(p) for p in row] == [bool(q) for q in mine] and (sum(map(bool, row)) == 1 or low < max(row) < high or low < min(row) < high)
            for row, mine in zip(sender, ours.sender)
        )
    return same_sender and all(list(ours.receiver[m]) == receiver[m] for m in on_path)


@pytest.mark.parametrize(
    ("game", "not_sequential"),
    [(beer_quiche(), 0), (beer_quiche(Fraction(1, 3)), 0), (education_game(), 3), (crisis_signalling_game(), 0)],
    ids=["beer-quiche", "beer-quiche weak majority", "education", "crisis"],
)
def test_every_gambit_sequence_form_equilibrium_has_the_path_of_one_of_ours(game, not_sequential):
    # Gambit's LCP (sequence form, Koller, Megiddo & von Stengel 1996) returns Nash equilibria:
    # off the path its replies need not be best responses to any belief. Each profile it finds has
    # the sender strategy and on-path replies of one of our PBE; those that are PBE themselves
    # (our exact oracle, with beliefs by Bayes and supporting off-path beliefs) are counted
    ours = perfect_bayesian_equilibria(game).equilibria
    profiles = gambit_profiles(game)
    sequential = 0
    for sender, receiver in profiles:
        assert any(matches(e, sender, receiver) for e in ours), (sender, receiver)
        sequential += is_pbe(game, sender, receiver, supporting_beliefs(game, sender, receiver))
    # in the education game, three of Gambit's profiles deter education by mixing wages 1 and 2
    # off the path, which no belief justifies (wage 3/2 beats both where they tie)
    assert sequential >= 1 and len(profiles) - sequential == not_sequential


# --------------------------------------------------------------------------- bad inputs


GOOD = dict(types=("a", "b"), prior=(HALF, HALF), messages=("m",), actions=("x",),
            sender_payoffs=[[[0]], [[0]]], receiver_payoffs=[[[0]], [[0]]])


@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        ({"types": "ab"}, ParameterTypeError, "types must be a non-empty sequence of labels"),
        ({"types": ("a", "a")}, ParameterValueError, r"types must be distinct labels \(got \('a', 'a'\)\)"),
        ({"messages": ()}, ParameterTypeError, "messages must be a non-empty sequence of labels"),
        ({"prior": (1,)}, ParameterValueError, r"prior must be one probability per type \(2\)"),
        ({"prior": (Fraction(3, 2), Fraction(-1, 2))}, ParameterValueError, r"prior\['a'\] must be a probability in \(0, 1\] \(got 3/2\)"),
        ({"prior": (0, 1)}, ParameterValueError, r"prior\['a'\] must be a probability in \(0, 1\] \(got 0\)"),
        ({"prior": (Fraction(1, 3), Fraction(1, 3))}, ParameterValueError, r"prior must be probabilities summing to 1 \(got 2/3\)"),
        ({"prior": (True, 0)}, ParameterTypeError, r"prior\['a'\] must be a real number"),
        ({"sender_payoffs": [[[0]]]}, ParameterValueError, r"sender_payoffs must be nested \[type\]\[message\]\[action\] of shape \(2, 1, 1\)"),
        ({"receiver_payoffs": [[[0]], [["x"]]]}, ParameterTypeError, r"receiver_payoffs\['b'\]\['m'\]\['x'\] must be a real number"),
        ({"receiver_payoffs": [[[0]], [[float("nan")]]]}, ParameterValueError, r"receiver_payoffs\['b'\]\['m'\]\['x'\] must be a finite number \(got nan\)"),
        ({"sender_payoffs": [[[0]], [[sympy.Symbol("v")]]]}, ParameterTypeError, "payoffs must be numbers"),
        ({"players": ("one",)}, ParameterValueError, r"players must be two names \(str\)"),
    ],
)
def test_bad_games_are_refused_naming_the_field_and_the_requirement(change, error, message):
    with pytest.raises(error, match=message):
        SignallingGame(**{**GOOD, **change})


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda g: is_pbe(g, [[1, 0]], [[1, 0], [1, 0]], [[1, 0], [1, 0]]), ParameterValueError, "sender must be one distribution per 2 rows"),
        (lambda g: is_pbe(g, [[1, 0], [1]], [[1, 0], [1, 0]], [[1, 0], [1, 0]]), ParameterValueError, r"sender\['weak'\] must be a distribution over \['beer', 'quiche'\]"),
        (lambda g: is_pbe(g, [[1, 0], [1, 0]], [[HALF, 0], [1, 0]], [[1, 0], [1, 0]]), ParameterValueError, r"receiver\['beer'\] must be non-negative probabilities summing to 1"),
        (lambda g: is_pbe(g, [[1, 0], [1, 0]], [[1, 0], [1, 0]], [["x", 0], [1, 0]]), ParameterTypeError, r"beliefs\['beer'\] must be probabilities"),
        (lambda g: belief_region(g, "tea", "duel"), ParameterValueError, r"message must be one of \['beer', 'quiche'\] \(got the string 'tea'\)"),
        (lambda g: belief_region(g, "beer", "duel", types=()), ParameterValueError, "types must be at least one type"),
        (lambda g: perfect_bayesian_equilibria("beer"), ParameterTypeError, "game must be a SignallingGame"),
        (lambda g: SignallingGame.from_function(("t",), (1,), ("m",), ("a",), lambda *_: 1), ParameterValueError, r"payoffs\('t', 'm', 'a'\) must be a pair \(sender, receiver\)"),
    ],
)
def test_bad_calls_are_refused_naming_the_field(call, error, message):
    with pytest.raises(error, match=message):
        call(beer_quiche())

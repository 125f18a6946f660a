"""The signalling extension: PBE conditions checked by an independent oracle, literature, the map."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest

from bargaining import ParameterTypeError, ParameterValueError
from bargaining.coercion import MESSAGES, SignallingGame, regime_map

F = Fraction
TYPES = ("resolute", "irresolute")
BELIEFS = [F(i, 200) for i in range(201)]


def is_equilibrium(game: SignallingGame, equilibrium) -> bool:
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
    SignallingGame(F(2, 5), F(3, 10), F(3, 10), F(1, 2), F(-1, 10), F(-3, 5), risk=F(3, 10)),
    SignallingGame(F(2, 5), F(1, 10), F(1, 10), F(1, 2), F(-1, 10), F(-3, 5), risk=F(3, 10)),
    SignallingGame(F(1, 2), F(1, 2), F(1, 5), F(1, 2), F(1, 4), -1),
    SignallingGame(F(2, 5), F(1, 2), F(1, 5), F(3, 10), F(1, 4), -1, risk=F(1, 2)),
]


@pytest.mark.parametrize("game", GAMES)
def test_every_equilibrium_found_passes_the_independent_oracle(game: SignallingGame) -> None:
    found = game.equilibria()
    assert found
    for equilibrium in found:
        assert is_equilibrium(game, equilibrium), equilibrium.label()


@pytest.mark.parametrize("game", GAMES)
def test_pure_profiles_the_oracle_accepts_are_all_found(game: SignallingGame) -> None:
    """Brute force over all 16 pure profiles: the enumeration misses none (up to the belief grid)."""
    found = {(tuple(e.strategy["resolute"]), tuple(e.strategy["irresolute"])) for e in game.equilibria()
             if e.form != "semi-separating"}
    from bargaining.coercion.signalling import Equilibrium

    for resolute, irresolute in itertools.product(MESSAGES, repeat=2):
        beliefs = {resolute: F(1), irresolute: F(0)} if resolute != irresolute else {resolute: game.prior_resolute}
        payoffs = {"resolute": game.payoff("resolute", resolute, beliefs[resolute]),
                   "irresolute": game.payoff("irresolute", irresolute, beliefs[irresolute])}
        candidate = Equilibrium("pure", {"resolute": {resolute: 1}, "irresolute": {irresolute: 1}},
                                {**beliefs, "prior": game.prior_resolute}, payoffs, True)
        if is_equilibrium(game, candidate):
            assert ((resolute,), (irresolute,)) in found


def test_carrots_signal_weakness_where_only_the_irresolute_type_offers_one() -> None:
    """George (1991) warns that carrots may be read as weakness: in the semi-separating equilibrium
    only the irresolute coercer sends the carrot, and the target's belief after it is zero."""
    (equilibrium,) = [e for e in GAMES[0].equilibria(refine=True) if e.carrot_signals_weakness and e.form == "semi-separating"
                      and "specific" in e.strategy["resolute"]]
    assert equilibrium.beliefs["carrot"] == 0 < equilibrium.beliefs["prior"]
    assert equilibrium.payoffs["irresolute"] == F(1, 150)


def test_fearon_1997_tying_hands_separates_the_resolute_type() -> None:
    """Fearon (1997, JCR 41(1), pp. 68-90): a public threat whose audience cost only the resolute
    type can afford to risk separates the types; here the irresolute type (w = -1) would back
    down and pay the audience cost 2, so it keeps quiet."""
    game = SignallingGame(F(1, 2), 2, 0, F(1, 2), F(1, 4), -1)
    assert game.regime() == "separating: resolute specific / irresolute plain"
    (separating,) = [e for e in game.equilibria(refine=True) if e.label() == game.regime()]
    assert separating.beliefs["specific"] == 1


def test_the_intuitive_criterion_removes_an_equilibrium() -> None:
    game = GAMES[2]
    every, refined = game.equilibria(), game.equilibria(refine=True)
    assert len(refined) < len(every)
    assert all(e.intuitive for e in refined)


def test_array_regimes_equal_scalar_regimes() -> None:
    a = np.array([0.0, 0.3, 0.8, 1.5])
    s = np.array([[0.0], [0.1], [0.3]])
    labels = SignallingGame(0.4, a, s, 0.5, -0.1, -0.6, risk=0.3).regime()
    for i, j in itertools.product(range(3), range(4)):
        assert labels[i, j] == SignallingGame(0.4, float(a[j]), float(s[i, 0]), 0.5, -0.1, -0.6, risk=0.3).regime()


def test_regime_map_is_drawn_and_saved(tmp_path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    path = tmp_path / "regimes.png"
    game = SignallingGame(0.4, 0.0, 0.0, 0.5, -0.1, -0.6, risk=0.3)
    figure, labels = regime_map(game, audience_costs=np.linspace(0, 1.5, 16), carrots=np.linspace(0, 0.5, 11), path=path)
    assert path.stat().st_size > 1000
    assert labels.shape == (11, 16)
    assert any("carrot signals weakness" in label for label in labels.ravel())
    import matplotlib.pyplot as plt

    plt.close(figure)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: SignallingGame(F(1, 2), 1, 0, F(3, 2), 0, -1), ParameterValueError, r"prior_resolute must be a probability in \[0, 1\] \(got 3/2\)"),
        (lambda: SignallingGame(F(1, 2), 1, 0, F(1, 2), -1, 0), ParameterValueError, r"resolute_value must be greater than irresolute_value = 0 \(got -1\)"),
        (lambda: SignallingGame(F(1, 2), -1, 0, F(1, 2), 0, -1), ParameterValueError, r"audience_cost must be non-negative \(got -1\)"),
        (lambda: SignallingGame(__import__("sympy").Symbol("x"), 1, 0, F(1, 2), 0, -1), ParameterTypeError, r"demand must be numbers or arrays"),
        (lambda: SignallingGame(F(1, 2), 1, 0, F(1, 2), 0, -1).compliance("loud", 0), ParameterValueError, r"message must be one of"),
        (lambda: SignallingGame(np.array([0.5]), 1.0, 0.0, 0.5, 0.0, -1.0).equilibria(), ParameterTypeError, r"demand must be numbers \(for arrays use regime\(\)\)"),
    ],
)
def test_bad_signalling_inputs(call, error, message) -> None:
    with pytest.raises(error, match=message):
        call()

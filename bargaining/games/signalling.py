r"""Perfect Bayesian equilibria of finite signalling games, and the intuitive criterion.

Nature draws the sender's type :math:`t \in T` with prior :math:`p(t) > 0`; the sender, knowing
it, sends a message :math:`m \in M`; the receiver sees the message, not the type, and takes an
action :math:`a \in A`. Payoffs are :math:`u_S(t, m, a)` and :math:`u_R(t, m, a)`. A **perfect
Bayesian equilibrium** is a sender strategy :math:`\sigma(m \mid t)`, a receiver strategy
:math:`\rho(a \mid m)` and beliefs :math:`\mu(t \mid m)` such that

* each type sends only messages maximising :math:`\sum_a \rho(a \mid m)\, u_S(t, m, a)`;
* after every message the receiver plays only best responses to :math:`\mu(\cdot \mid m)`,
  i.e. actions maximising :math:`\sum_t \mu(t \mid m)\, u_R(t, m, a)`;
* on the path (:math:`\sum_t p(t) \sigma(m \mid t) > 0`) beliefs follow Bayes' rule; off the path
  any belief may be held (Fudenberg & Tirole 1991, *Game Theory*, §8.2).

Because the receiver's payoff is linear in the belief, the beliefs under which an action is a best
response form a polytope of the simplex :math:`\Delta(T)`; an off-path reply is supportable iff
that polytope is non-empty, and :func:`belief_region` returns its vertices exactly.

:func:`perfect_bayesian_equilibria` enumerates, exactly:

* every **pure** equilibrium (pooling, separating, and with three or more types partially
  pooling): each message strategy, Bayes beliefs on the path, every best reply (ties listed, never
  broken), and every off-path reply some belief supports;
* **semi-separating** equilibria in which one type mixes between two messages and the other types
  send one message each: the mixing probability makes the receiver indifferent after a message
  (solved exactly) and the receiver's mixture makes the mixing type indifferent (solved exactly).
  If the mixing type is indifferent with pure replies, the equilibria form an interval of mixing
  probabilities, reported once (at its midpoint) with :attr:`SignallingEquilibrium.mixing_range`.

Off-path replies are pure actions. The **intuitive criterion** (Cho & Kreps 1987, QJE 102:
179–221, §III) removes an equilibrium if, after some unsent message :math:`m`, a type :math:`t`
would gain for *every* reply that is a best response to a belief putting no weight on the types
for which :math:`m` is equilibrium-dominated (types whose equilibrium payoff exceeds anything
:math:`m` could bring them).

>>> game = beer_quiche()
>>> result = perfect_bayesian_equilibria(game)
>>> [(e.classification, e.messages_sent) for e in result.equilibria]
[('pooling', ('beer', 'beer')), ('pooling', ('quiche', 'quiche'))]
>>> [e.messages_sent for e in result.intuitive()]
[('beer', 'beer')]
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..core.errors import ParameterTypeError, ParameterValueError
from ..core.linear import solve_exact

__all__ = [
    "IntuitiveCriterion",
    "SignallingEquilibria",
    "SignallingEquilibrium",
    "SignallingGame",
    "beer_quiche",
    "belief_region",
    "crisis_signalling_game",
    "education_game",
    "intuitive_criterion",
    "is_pbe",
    "perfect_bayesian_equilibria",
]

from .signalling_game import Profile, SignallingGame, _output
from .signalling_games import beer_quiche, crisis_signalling_game, education_game

# --------------------------------------------------------------------------- exact pieces


def _receiver_values(game: SignallingGame, belief: Sequence[Fraction], message: int) -> list[Fraction]:
    return [
        sum((b * game.exact_receiver[t][message][a] for t, b in enumerate(belief) if b), Fraction(0))
        for a in range(len(game.actions))
    ]


def _best_replies(game: SignallingGame, belief: Sequence[Fraction], message: int) -> list[int]:
    values = _receiver_values(game, belief, message)
    best = max(values)
    return [a for a, v in enumerate(values) if v == best]


def _region(
    game: SignallingGame, message: int, action: int, support: Sequence[int]
) -> list[tuple[Fraction, ...]]:
    """Vertices of {beliefs on ``support`` under which ``action`` is a best reply to ``message``}."""
    k = len(support)
    # inequalities g . mu >= 0 over the support's coordinates
    inequalities: list[list[Fraction]] = [[Fraction(int(i == j)) for j in range(k)] for i in range(k)]
    for other in range(len(game.actions)):
        if other != action:
            inequalities.append(
                [
                    game.exact_receiver[t][message][action] - game.exact_receiver[t][message][other]
                    for t in support
                ]
            )
    vertices: list[tuple[Fraction, ...]] = []
    for tight in itertools.combinations(range(len(inequalities)), k - 1):
        matrix = [inequalities[i] for i in tight] + [[Fraction(1)] * k]
        point = solve_exact(matrix, [Fraction(0)] * (k - 1) + [Fraction(1)])
        if point is None or any(sum(g * x for g, x in zip(row, point)) < 0 for row in inequalities):
            continue
        full = [Fraction(0)] * len(game.types)
        for t, x in zip(support, point):
            full[t] = x
        if tuple(full) not in vertices:
            vertices.append(tuple(full))
    return sorted(vertices, reverse=True)


def belief_region(
    game: SignallingGame, message: str, action: str, types: Sequence[str] | None = None
) -> tuple[tuple[Any, ...], ...]:
    r"""The vertices of the set of beliefs (over ``types``, default all) under which ``action`` is
    a best reply to ``message``; empty if no such belief exists. The set is the convex hull of the
    vertices: :math:`\{\mu \in \Delta : \sum_t \mu_t (u_R(t, m, a) - u_R(t, m, a')) \ge 0\ \forall a'\}`.

    >>> belief_region(beer_quiche(), "quiche", "duel")
    ((Fraction(1, 2), Fraction(1, 2)), (Fraction(0, 1), Fraction(1, 1)))
    """
    m = _index(game.messages, "message", message)
    a = _index(game.actions, "action", action)
    chosen = tuple(game.types) if types is None else tuple(types)
    support = sorted({_index(game.types, "types", t) for t in chosen})
    if not support:
        raise ParameterValueError("types", "at least one type", chosen)
    return tuple(tuple(_output(game.kind, v) for v in vertex) for vertex in _region(game, m, a, support))


def _index(labels: Sequence[str], name: str, label: Any) -> int:
    if label not in labels:
        raise ParameterValueError(name, f"one of {list(labels)}", label)
    return list(labels).index(label)


def _distributions(
    name: str, values: Any, rows: Sequence[str], columns: Sequence[str]
) -> list[list[Fraction]]:
    if not isinstance(values, (list, tuple)) or len(values) != len(rows):
        raise ParameterValueError(name, f"one distribution per {len(rows)} rows {list(rows)}", values)
    result = []
    for label, row in zip(rows, values):
        if not isinstance(row, (list, tuple)) or len(row) != len(columns):
            raise ParameterValueError(f"{name}[{label!r}]", f"a distribution over {list(columns)}", row)
        exact = []
        for v in row:
            if isinstance(v, bool) or not isinstance(v, (int, Fraction, float)):
                raise ParameterTypeError(f"{name}[{label!r}]", "probabilities (int, Fraction or float)", v)
            exact.append(Fraction(v))
        if any(v < 0 for v in exact) or sum(exact) != 1:
            raise ParameterValueError(f"{name}[{label!r}]", "non-negative probabilities summing to 1", row)
        result.append(exact)
    return result


def is_pbe(game: SignallingGame, sender: Any, receiver: Any, beliefs: Any) -> bool:
    """Whether ``(sender, receiver, beliefs)`` is a perfect Bayesian equilibrium, checked exactly.

    ``sender[t][m]``, ``receiver[m][a]`` and ``beliefs[m][t]`` are probabilities (a belief for
    every message, on the path or off it). Checks sequential rationality of both players and
    Bayes' rule on the path, in ``Fraction`` arithmetic with no tolerance.

    >>> game = beer_quiche()
    >>> is_pbe(game, [[1, 0], [1, 0]], [[0, 1], [1, 0]], [[Fraction(9, 10), Fraction(1, 10)], [0, 1]])
    True
    >>> is_pbe(game, [[1, 0], [1, 0]], [[0, 1], [0, 1]], [[Fraction(9, 10), Fraction(1, 10)], [0, 1]])
    False
    """
    sigma = _distributions("sender", sender, game.types, game.messages)
    rho = _distributions("receiver", receiver, game.messages, game.actions)
    mu = _distributions("beliefs", beliefs, game.messages, game.types)
    for m in range(len(game.messages)):
        weights = [p * sigma[t][m] for t, p in enumerate(game.exact_prior)]
        total = sum(weights)
        if total and mu[m] != [w / total for w in weights]:
            return False
        best = _best_replies(game, mu[m], m)
        if any(rho[m][a] for a in range(len(game.actions)) if a not in best):
            return False
    for t in range(len(game.types)):
        values = [
            sum(rho[m][a] * game.exact_sender[t][m][a] for a in range(len(game.actions)))
            for m in range(len(game.messages))
        ]
        if any(sigma[t][m] and values[m] != max(values) for m in range(len(game.messages))):
            return False
    return True


# --------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class SignallingEquilibrium:
    """A perfect Bayesian equilibrium of a signalling game.

    Attributes
    ----------
    classification : str
        ``"pooling"``, ``"separating"``, ``"partially pooling"`` or ``"semi-separating"``.
    messages_sent : tuple of str
        For each type, its message (``"beer/quiche"`` for a type that mixes).
    sender : tuple of tuples
        ``sender[t][m]``: the probability that type ``t`` sends message ``m``.
    receiver : tuple of tuples
        ``receiver[m][a]``: the probability of action ``a`` after message ``m``.
    beliefs : tuple of tuples
        ``beliefs[m][t]``: Bayes' posterior on the path; off the path, one supporting belief (the
        first vertex of :attr:`off_path_beliefs`).
    off_path_beliefs : tuple
        For each message: ``()`` on the path; off it, the vertices of the set of beliefs under
        which the receiver's reply is a best response (any belief in their convex hull supports it).
    sender_payoffs : tuple
        Each type's equilibrium payoff.
    receiver_payoff :
        The receiver's ex-ante expected payoff.
    mixing_range : pair or None
        For a semi-separating equilibrium that is one of an interval of them, the open interval of
        the mixing type's probability on its first message (the equilibrium reported is its midpoint).

    >>> game = beer_quiche()
    >>> result = perfect_bayesian_equilibria(game)
    >>> result.equilibria[0].classification, result.equilibria[0].messages_sent
    ('pooling', ('beer', 'beer'))
    """

    classification: str
    messages_sent: tuple[str, ...]
    sender: Profile
    receiver: Profile
    beliefs: Profile
    off_path_beliefs: tuple[Profile, ...]
    sender_payoffs: tuple[Any, ...]
    receiver_payoff: Any
    mixing_range: tuple[Any, Any] | None = None

    @property
    def on_path(self) -> tuple[bool, ...]:
        """Whether each message is sent with positive probability.

        >>> game = beer_quiche()
        >>> result = perfect_bayesian_equilibria(game)
        >>> result.equilibria[0].on_path
        (True, False)
        """
        return tuple(not vertices for vertices in self.off_path_beliefs)


@dataclass(frozen=True, slots=True)
class IntuitiveCriterion:
    """The intuitive criterion applied to one equilibrium.

    Attributes
    ----------
    passes : bool
    dominated : tuple
        For each message: the types for which it is equilibrium-dominated (``()`` on the path).
    breaking : tuple of (type, message)
        The deviations that break the equilibrium: the type gains after the message against every
        reply to beliefs on the non-dominated types.

    >>> game = beer_quiche()
    >>> result = perfect_bayesian_equilibria(game)
    >>> intuitive_criterion(game, result.equilibria[0]).passes
    True
    """

    passes: bool
    dominated: tuple[tuple[str, ...], ...]
    breaking: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class SignallingEquilibria:
    """Every equilibrium found, in the order pure (by message strategy) then semi-separating.

    >>> game = beer_quiche()
    >>> result = perfect_bayesian_equilibria(game)
    >>> len(result.equilibria)
    2
    """

    game: SignallingGame
    equilibria: tuple[SignallingEquilibrium, ...]

    def intuitive(self) -> tuple[SignallingEquilibrium, ...]:
        """The equilibria that survive the intuitive criterion.

        >>> [e.messages_sent for e in perfect_bayesian_equilibria(beer_quiche()).intuitive()]
        [('beer', 'beer')]
        """
        return tuple(e for e in self.equilibria if intuitive_criterion(self.game, e).passes)


# --------------------------------------------------------------------------- enumeration


def _sender_values(game: SignallingGame, rho: Sequence[Sequence[Fraction]], t: int) -> list[Fraction]:
    return [
        sum((r * game.exact_sender[t][m][a] for a, r in enumerate(rho[m]) if r), Fraction(0))
        for m in range(len(game.messages))
    ]


def _posterior(game: SignallingGame, sigma: Sequence[Sequence[Fraction]], m: int) -> list[Fraction] | None:
    weights = [p * sigma[t][m] for t, p in enumerate(game.exact_prior)]
    total = sum(weights)
    return [w / total for w in weights] if total else None


def _pure(size: int, index: int) -> tuple[Fraction, ...]:
    return tuple(Fraction(int(i == index)) for i in range(size))


def _complete(
    game: SignallingGame,
    sigma: list[list[Fraction]],
    fixed: dict[int, tuple[Fraction, ...]],
    classification: str,
    mixing_range: tuple[Fraction, Fraction] | None = None,
) -> list[SignallingEquilibrium]:
    """Every equilibrium with sender strategy ``sigma`` and receiver replies ``fixed`` at some
    messages; the other on-path messages get every pure best reply, off-path ones every
    supportable pure reply."""
    all_types = list(range(len(game.types)))
    beliefs: list[list[Fraction] | None] = [_posterior(game, sigma, m) for m in range(len(game.messages))]
    choices: list[list[tuple[tuple[Fraction, ...], tuple[tuple[Fraction, ...], ...]]]] = []
    for m, belief in enumerate(beliefs):
        size = len(game.actions)
        if m in fixed:
            choices.append([(fixed[m], ())])
        elif belief is not None:
            choices.append([(_pure(size, a), ()) for a in _best_replies(game, belief, m)])
        else:
            options = []
            for a in range(size):
                region = _region(game, m, a, all_types)
                if region:
                    options.append((_pure(size, a), tuple(region)))
            choices.append(options)
    found = []
    for replies in itertools.product(*choices):
        rho = [reply for reply, _ in replies]
        payoffs = []
        for t in all_types:
            values = _sender_values(game, rho, t)
            if any(sigma[t][m] and values[m] != max(values) for m in range(len(game.messages))):
                break
            payoffs.append(max(values))
        else:
            full_beliefs = [
                tuple(belief) if belief is not None else region[0]
                for belief, (_, region) in zip(beliefs, replies)
            ]
            if not is_pbe(game, sigma, rho, full_beliefs):  # pragma: no cover - the construction is a PBE
                raise AssertionError("an enumerated profile failed the independent PBE check")
            receiver_payoff = sum(
                (
                    game.exact_prior[t]
                    * sigma[t][m]
                    * sum(r * game.exact_receiver[t][m][a] for a, r in enumerate(rho[m]))
                    for t in all_types
                    for m in range(len(game.messages))
                ),
                Fraction(0),
            )
            found.append(
                _result(
                    game,
                    classification,
                    sigma,
                    rho,
                    full_beliefs,
                    replies,
                    payoffs,
                    receiver_payoff,
                    mixing_range,
                )
            )
    return found


def _result(
    game: SignallingGame,
    classification: str,
    sigma: list[list[Fraction]],
    rho: list[tuple[Fraction, ...]],
    beliefs: list[tuple[Fraction, ...]],
    replies: Sequence[tuple[Any, tuple[tuple[Fraction, ...], ...]]],
    payoffs: list[Fraction],
    receiver_payoff: Fraction,
    mixing_range: tuple[Fraction, Fraction] | None,
) -> SignallingEquilibrium:
    kind = game.kind

    def profile(rows: Sequence[Sequence[Fraction]]) -> Profile:
        return tuple(tuple(_output(kind, v) for v in row) for row in rows)

    sent = tuple("/".join(game.messages[m] for m, p in enumerate(row) if p) for row in sigma)
    return SignallingEquilibrium(
        classification,
        sent,
        profile(sigma),
        profile(rho),
        profile(beliefs),
        tuple(profile(region) for _, region in replies),
        tuple(_output(kind, v) for v in payoffs),
        _output(kind, receiver_payoff),
        None if mixing_range is None else (_output(kind, mixing_range[0]), _output(kind, mixing_range[1])),
    )


def _classify(assignment: Sequence[int], types: int) -> str:
    used = len(set(assignment))
    if used == 1 and types > 1:
        return "pooling"
    return "separating" if used == types else "partially pooling"


def perfect_bayesian_equilibria(game: SignallingGame, semi_separating: bool = True) -> SignallingEquilibria:
    """Every pure and (optionally) semi-separating perfect Bayesian equilibrium, exactly.

    Each equilibrium is verified by the independent check :func:`is_pbe`. See the module
    docstring for the classes enumerated.

    Parameters
    ----------
    game : SignallingGame
    semi_separating : bool
        Also look for equilibria in which one type mixes between two messages.

    Examples
    --------
    In the education game the high type separates by studying; the low type does not:

    >>> result = perfect_bayesian_equilibria(education_game())
    >>> sorted({e.messages_sent for e in result.intuitive()})
    [('none', 'some')]
    """
    if not isinstance(game, SignallingGame):
        raise ParameterTypeError("game", "a SignallingGame", game)
    types, messages = len(game.types), len(game.messages)
    found: list[SignallingEquilibrium] = []
    for assignment in itertools.product(range(messages), repeat=types):
        sigma = [list(_pure(messages, m)) for m in assignment]
        found.extend(_complete(game, sigma, {}, _classify(assignment, types)))
    if semi_separating and messages > 1:
        for mixer in range(types):
            others = [t for t in range(types) if t != mixer]
            for first, second in itertools.combinations(range(messages), 2):
                for assignment in itertools.product(range(messages), repeat=types - 1):
                    found.extend(_semi_separating(game, mixer, first, second, dict(zip(others, assignment))))
    return SignallingEquilibria(game, tuple(found))


def _semi_separating(
    game: SignallingGame, mixer: int, first: int, second: int, others: dict[int, int]
) -> list[SignallingEquilibrium]:
    """Equilibria where type ``mixer`` sends ``first`` with probability s in (0, 1), else ``second``."""
    messages, actions = len(game.messages), len(game.actions)

    def strategy(probability: Fraction) -> list[list[Fraction]]:
        sigma = [
            list(_pure(messages, others[t])) if t != mixer else [Fraction(0)] * messages
            for t in range(len(game.types))
        ]
        sigma[mixer][first], sigma[mixer][second] = probability, 1 - probability
        return sigma

    # the receiver's indifference between two actions after first or second is linear in s:
    # sum_t prior_t sigma_t(m; s) (u_R(t,m,a) - u_R(t,m,b)) = c0 + c1 s
    critical: set[Fraction] = set()
    for m in (first, second):
        at_zero, at_one = (
            _posterior_weights(game, strategy(Fraction(0)), m),
            _posterior_weights(game, strategy(Fraction(1)), m),
        )
        for a, b in itertools.combinations(range(actions), 2):
            c0 = sum(
                (
                    w * (game.exact_receiver[t][m][a] - game.exact_receiver[t][m][b])
                    for t, w in enumerate(at_zero)
                ),
                Fraction(0),
            )
            c1 = (
                sum(
                    (
                        w * (game.exact_receiver[t][m][a] - game.exact_receiver[t][m][b])
                        for t, w in enumerate(at_one)
                    ),
                    Fraction(0),
                )
                - c0
            )
            if c1 != 0 and 0 < -c0 / c1 < 1:
                critical.add(-c0 / c1)
    found: list[SignallingEquilibrium] = []
    points = sorted(critical)
    # open intervals between critical points: the replies are constant, pure
    for low, high in itertools.pairwise([Fraction(0), *points, Fraction(1)]):
        middle = (low + high) / 2
        sigma = strategy(middle)
        for equilibrium in _complete(game, sigma, {}, "semi-separating", (low, high)):
            found.append(equilibrium)
    # critical points: the receiver mixes after first or second to make the mixer indifferent
    for s in points:
        sigma = strategy(s)
        for m, other in ((first, second), (second, first)):
            belief = _posterior(game, sigma, m)
            other_belief = _posterior(game, sigma, other)
            if belief is None or other_belief is None:  # pragma: no cover - s in (0, 1)
                continue
            for a, b in itertools.combinations(_best_replies(game, belief, m), 2):
                for c in _best_replies(game, other_belief, other):
                    # mixer indifferent: r u(m,a) + (1-r) u(m,b) = u(other, c)
                    target = game.exact_sender[mixer][other][c]
                    high_value, low_value = game.exact_sender[mixer][m][a], game.exact_sender[mixer][m][b]
                    if high_value == low_value:
                        continue  # indifferent for every mixture: covered by the pure replies
                    r = (target - low_value) / (high_value - low_value)
                    if not 0 < r < 1:
                        continue
                    mixture = [Fraction(0)] * actions
                    mixture[a], mixture[b] = r, 1 - r
                    fixed = {m: tuple(mixture), other: _pure(actions, c)}
                    found.extend(_complete(game, sigma, fixed, "semi-separating"))
    return found


def _posterior_weights(game: SignallingGame, sigma: list[list[Fraction]], m: int) -> list[Fraction]:
    return [p * sigma[t][m] for t, p in enumerate(game.exact_prior)]


# --------------------------------------------------------------------------- intuitive criterion


def intuitive_criterion(game: SignallingGame, equilibrium: SignallingEquilibrium) -> IntuitiveCriterion:
    """Apply the intuitive criterion (Cho & Kreps 1987, §III) to one equilibrium.

    After each unsent message :math:`m`, a type is equilibrium-dominated if its equilibrium payoff
    exceeds its payoff from :math:`m` against every reply that is a best response to some belief.
    The equilibrium fails if some type's equilibrium payoff is below its payoff from :math:`m`
    against every reply that is a best response to some belief on the non-dominated types.

    >>> game = beer_quiche()
    >>> quiche = perfect_bayesian_equilibria(game).equilibria[1]
    >>> intuitive_criterion(game, quiche)
    IntuitiveCriterion(passes=False, dominated=(('weak',), ()), breaking=(('strong', 'beer'),))
    """
    equilibrium_payoffs = [Fraction(v) for v in equilibrium.sender_payoffs]
    all_types = list(range(len(game.types)))
    dominated: list[tuple[str, ...]] = []
    breaking: list[tuple[str, str]] = []
    for m, on_path in enumerate(equilibrium.on_path):
        if on_path:
            dominated.append(())
            continue
        replies = [a for a in range(len(game.actions)) if _region(game, m, a, all_types)]
        removed = [
            t for t in all_types if equilibrium_payoffs[t] > max(game.exact_sender[t][m][a] for a in replies)
        ]
        dominated.append(tuple(game.types[t] for t in removed))
        remaining = [t for t in all_types if t not in removed]
        if not remaining:
            continue
        restricted = [a for a in range(len(game.actions)) if _region(game, m, a, remaining)]
        for t in all_types:
            if equilibrium_payoffs[t] < min(game.exact_sender[t][m][a] for a in restricted):
                breaking.append((game.types[t], game.messages[m]))
    return IntuitiveCriterion(not breaking, tuple(dominated), tuple(breaking))

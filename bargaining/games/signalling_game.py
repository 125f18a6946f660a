# ruff: noqa: RUF009 - parameter() returns a dataclass field, like dataclasses.field
"""The finite signalling game itself: types with a prior, messages, receiver actions, payoffs.

Solved in :mod:`bargaining.games.signalling`; named games in
:mod:`bargaining.games.signalling_games`.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ..core.errors import ParameterTypeError, ParameterValueError
from ..core.parameters import declared, setting
from ..core.values import Kind
from .tree import GameTree, chance, decide, outcome, payoff_kind

__all__ = ["SignallingGame"]

Profile = tuple[tuple[Any, ...], ...]


# --------------------------------------------------------------------------- the game


@dataclass(frozen=True, slots=True, eq=False)
@declared(settle=False)
class SignallingGame:
    r"""A finite signalling game.

    Parameters
    ----------
    types : sequence of str
        The sender's types :math:`T`.
    prior : sequence of numbers
        :math:`p(t) > 0`, one per type, summing to 1 (int, Fraction or float).
    messages : sequence of str
        The sender's messages :math:`M`.
    actions : sequence of str
        The receiver's actions :math:`A` (the same after every message).
    sender_payoffs, receiver_payoffs : nested sequences ``[type][message][action]``
        :math:`u_S(t, m, a)` and :math:`u_R(t, m, a)`: ints, Fractions or floats (floats are taken
        at their exact binary value; equilibria of a float game are reported in floats).
    players : pair of str

    Examples
    --------
    >>> game = SignallingGame(("high", "low"), (Fraction(1, 2), Fraction(1, 2)), ("m",), ("a", "b"),
    ...                       [[[1, 0]], [[0, 1]]], [[[1, 0]], [[0, 1]]])
    >>> game.prior, game.kind
    ((Fraction(1, 2), Fraction(1, 2)), 'exact')
    """

    types: tuple[str, ...] = setting("the sender's types, by name")
    prior: tuple[Any, ...] = setting("the prior over the types (probabilities summing to 1)")
    messages: tuple[str, ...] = setting("the sender's messages, by name")
    actions: tuple[str, ...] = setting("the receiver's actions, by name")
    sender_payoffs: Any = setting("the sender's payoffs, [type][message][action]")
    receiver_payoffs: Any = setting("the receiver's payoffs, [type][message][action]")
    players: tuple[str, str] = setting("the two players' names", default=("Sender", "Receiver"))
    kind: Kind = field(init=False, repr=False)
    exact_sender: tuple[tuple[tuple[Fraction, ...], ...], ...] = field(init=False, repr=False)
    exact_receiver: tuple[tuple[tuple[Fraction, ...], ...], ...] = field(init=False, repr=False)
    exact_prior: tuple[Fraction, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        for name in ("types", "messages", "actions"):
            labels = getattr(self, name)
            if (
                not isinstance(labels, (list, tuple))
                or not labels
                or not all(isinstance(label, str) for label in labels)
            ):
                raise ParameterTypeError(name, "a non-empty sequence of labels (str)", labels)
            if len(set(labels)) != len(labels):
                raise ParameterValueError(name, "distinct labels", tuple(labels))
            object.__setattr__(self, name, tuple(labels))
        players = tuple(self.players)
        if len(players) != 2 or not all(isinstance(p, str) for p in players):
            raise ParameterValueError("players", "two names (str)", self.players)
        object.__setattr__(self, "players", players)
        if not isinstance(self.prior, (list, tuple)) or len(self.prior) != len(self.types):
            raise ParameterValueError("prior", f"one probability per type ({len(self.types)})", self.prior)
        kinds = {payoff_kind(f"prior[{t!r}]", p) for t, p in zip(self.types, self.prior)}
        shape = (len(self.types), len(self.messages), len(self.actions))
        tables = []
        for name in ("sender_payoffs", "receiver_payoffs"):
            table = getattr(self, name)
            if not _has_shape(table, shape):
                raise ParameterValueError(name, f"nested [type][message][action] of shape {shape}", table)
            for t, m, a in itertools.product(*(range(k) for k in shape)):
                where = f"{name}[{self.types[t]!r}][{self.messages[m]!r}][{self.actions[a]!r}]"
                kinds.add(payoff_kind(where, table[t][m][a]))
            tables.append(table)
        if "symbolic" in kinds:
            raise ParameterTypeError(
                "payoffs", "numbers (int, Fraction or float); substitute symbols first", "a sympy expression"
            )
        kind: Kind = "float" if "float" in kinds else "exact"
        prior = tuple(Fraction(p) for p in self.prior)
        for label, p in zip(self.types, prior):
            if not 0 < p <= 1:
                raise ParameterValueError(f"prior[{label!r}]", "a probability in (0, 1]", p)
        if sum(prior) != 1 and not (kind == "float" and abs(float(sum(prior)) - 1) <= 1e-12):
            raise ParameterValueError("prior", "probabilities summing to 1", sum(prior))
        prior = tuple(p / sum(prior) for p in prior)
        exact = [
            tuple(tuple(tuple(Fraction(v) for v in row) for row in block) for block in t) for t in tables
        ]
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "exact_prior", prior)
        object.__setattr__(self, "exact_sender", exact[0])
        object.__setattr__(self, "exact_receiver", exact[1])
        object.__setattr__(self, "prior", tuple(_output(kind, p) for p in prior))
        object.__setattr__(self, "sender_payoffs", tuple(_nest(kind, block) for block in exact[0]))
        object.__setattr__(self, "receiver_payoffs", tuple(_nest(kind, block) for block in exact[1]))

    @classmethod
    def from_function(
        cls,
        types: Sequence[str],
        prior: Sequence[Any],
        messages: Sequence[str],
        actions: Sequence[str],
        payoffs: Callable[[str, str, str], tuple[Any, Any]],
        players: tuple[str, str] = ("Sender", "Receiver"),
    ) -> SignallingGame:
        """A game whose payoffs ``payoffs(type, message, action) -> (u_S, u_R)`` are given by a function.

        >>> game = SignallingGame.from_function(("t",), (1,), ("m",), ("a",), lambda t, m, a: (1, 2))
        >>> game.receiver_payoffs
        (((Fraction(2, 1),),),)
        """
        values = {(t, m, a): payoffs(t, m, a) for t, m, a in itertools.product(types, messages, actions)}
        for key, value in values.items():
            if not isinstance(value, tuple) or len(value) != 2:
                raise ParameterValueError(f"payoffs{key}", "a pair (sender, receiver)", value)
        sender = [[[values[t, m, a][0] for a in actions] for m in messages] for t in types]
        receiver = [[[values[t, m, a][1] for a in actions] for m in messages] for t in types]
        return cls(tuple(types), tuple(prior), tuple(messages), tuple(actions), sender, receiver, players)

    def tree(self) -> GameTree:
        """The extensive form: nature draws the type, the sender (one information set per type)
        sends a message, the receiver (one information set per message, ``"after <message>"``)
        acts. Write it with :func:`bargaining.games.gambit_io.write_efg` to open it in Gambit.

        >>> from bargaining.games.signalling_games import beer_quiche
        >>> beer_quiche().tree().size
        15
        """

        def sender(t: int) -> Any:
            return decide(
                self.players[0],
                {
                    message: decide(
                        self.players[1],
                        {
                            action: outcome(self.exact_sender[t][m][a], self.exact_receiver[t][m][a])
                            for a, action in enumerate(self.actions)
                        },
                        infoset=f"after {message}",
                    )
                    for m, message in enumerate(self.messages)
                },
                infoset=self.types[t],
            )

        root = chance(
            {label: (p, sender(t)) for t, (label, p) in enumerate(zip(self.types, self.exact_prior))}
        )
        return GameTree(self.players, root, "Signalling game")


def _has_shape(table: Any, shape: tuple[int, int, int]) -> bool:
    def sized(value: Any, size: int) -> bool:
        return isinstance(value, (list, tuple)) and len(value) == size

    return (
        sized(table, shape[0])
        and all(sized(block, shape[1]) for block in table)
        and all(sized(row, shape[2]) for block in table for row in block)
    )


def _output(kind: Kind, value: Fraction) -> Any:
    return float(value) if kind == "float" else value


def _nest(kind: Kind, block: Sequence[Sequence[Fraction]]) -> tuple[tuple[Any, ...], ...]:
    return tuple(tuple(_output(kind, v) for v in row) for row in block)

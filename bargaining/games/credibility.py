r"""Credibility certificates: which threats and promises of a strategy profile would not be carried out.

A Nash equilibrium may rest on a **non-credible threat** (Selten 1965; Schelling 1960): an action
prescribed at a node off the path of play that the mover would not take if the node were
reached. For a profile :math:`\sigma` (pure or behavioural) the certificate checks, at every
decision node :math:`h` of player :math:`i` whose information set is a single node, the
**one-shot deviation**: with the rest of :math:`\sigma` held fixed,

.. math:: g(h) = \max_{a \in A(h)} v_i(ha;\sigma) - \sum_a \sigma(a \mid h)\, v_i(ha;\sigma),

and reports every node where :math:`g(h) > 0` (exactly, in ``Fraction``; for symbolic payoffs
with the condition on parameters under which it pays). At an information set of several nodes
reached with positive probability, the same check is made with the beliefs Bayes' rule gives;
information sets of several nodes that :math:`\sigma` never reaches need beliefs and are listed
as unchecked. By the one-shot deviation principle a profile of a finite game of perfect
information is subgame perfect iff the certificate is empty.

A failing node is a **threat** when the prescribed action leaves every other player no better
off and someone worse off than the mover's better action (a punishment it would not inflict),
and a **promise** when it leaves them no worse off and someone better off (a reward it would not
deliver).

>>> from fractions import Fraction
>>> from bargaining.games.tree import crisis_game
>>> tree = crisis_game(Fraction(1, 2), 1, 0, 1, -1, Fraction(1, 2))
>>> profile = {"root": "demand", "demand": "comply", "demand/resist/resolved": "execute",
...            "demand/resist/irresolute": "execute"}
>>> [(v.history, v.nature, v.gain, v.on_path) for v in credibility_certificate(tree, profile).violations]
[(('demand', 'resist', 'irresolute'), 'threat', Fraction(1, 1), False)]
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .backward import relation
from .tree import CHANCE, DECISION, TERMINAL, GameTree

__all__ = ["CredibilityCertificate", "NonCredibleMove", "credibility_certificate"]


@dataclass(frozen=True, slots=True)
class NonCredibleMove:
    """A node where the profile's action is not a best reply: what is prescribed, what pays more.

    >>> from fractions import Fraction
    >>> from bargaining.games.tree import crisis_game
    >>> tree = crisis_game(Fraction(1, 2), 1, 0, 1, -1, Fraction(1, 2))
    >>> profile = {"root": "demand", "demand": "comply", "demand/resist/resolved": "execute", "demand/resist/irresolute": "execute"}
    >>> certificate = credibility_certificate(tree, profile)
    >>> certificate.violations[0].history, certificate.violations[0].gain
    (('demand', 'resist', 'irresolute'), Fraction(1, 1))
    """

    history: tuple[str, ...]
    player: str
    infoset: str
    prescribed: Any
    better_action: str
    gain: Any
    nature: str
    on_path: bool
    condition: Any = True


@dataclass(frozen=True, slots=True)
class CredibilityCertificate:
    """The non-credible moves of a profile, and the information sets that could not be checked.

    >>> from fractions import Fraction
    >>> from bargaining.games.tree import crisis_game
    >>> tree = crisis_game(Fraction(1, 2), 1, 0, 1, -1, Fraction(1, 2))
    >>> profile = {"root": "demand", "demand": "comply", "demand/resist/resolved": "execute", "demand/resist/irresolute": "execute"}
    >>> certificate = credibility_certificate(tree, profile)
    >>> certificate.is_credible
    False
    """

    violations: tuple[NonCredibleMove, ...]
    unchecked: tuple[str, ...]

    @property
    def is_credible(self) -> bool:
        """Whether no one-shot deviation pays anywhere that was checked.

        >>> from fractions import Fraction
        >>> from bargaining.games.tree import crisis_game
        >>> tree = crisis_game(Fraction(1, 2), 1, 0, 1, -1, Fraction(1, 2))
        >>> profile = {"root": "demand", "demand": "comply", "demand/resist/resolved": "execute", "demand/resist/irresolute": "execute"}
        >>> certificate = credibility_certificate(tree, profile)
        >>> certificate.is_credible
        False
        """
        return not self.violations

    @property
    def threats(self) -> tuple[NonCredibleMove, ...]:
        """The non-credible threats.

        >>> from fractions import Fraction
        >>> from bargaining.games.tree import crisis_game
        >>> tree = crisis_game(Fraction(1, 2), 1, 0, 1, -1, Fraction(1, 2))
        >>> profile = {"root": "demand", "demand": "comply", "demand/resist/resolved": "execute", "demand/resist/irresolute": "execute"}
        >>> certificate = credibility_certificate(tree, profile)
        >>> [v.history for v in certificate.threats]
        [('demand', 'resist', 'irresolute')]
        """
        return tuple(v for v in self.violations if v.nature == "threat")

    @property
    def promises(self) -> tuple[NonCredibleMove, ...]:
        """The non-credible promises.

        >>> from fractions import Fraction
        >>> from bargaining.games.tree import crisis_game
        >>> tree = crisis_game(Fraction(1, 2), 1, 0, 1, -1, Fraction(1, 2))
        >>> profile = {"root": "demand", "demand": "comply", "demand/resist/resolved": "execute", "demand/resist/irresolute": "execute"}
        >>> certificate = credibility_certificate(tree, profile)
        >>> [v.history for v in certificate.promises]
        []
        """
        return tuple(v for v in self.violations if v.nature == "promise")


def credibility_certificate(tree: GameTree, strategy: Mapping[str, Any]) -> CredibilityCertificate:
    """Check every one-shot deviation from ``strategy`` (infoset label -> action or mixture).

    Examples
    --------
    The subgame-perfect profile of the crisis has nothing to flag:

    >>> from fractions import Fraction
    >>> from bargaining.games.tree import crisis_game
    >>> tree = crisis_game(Fraction(1, 2), 1, 0, 1, -1, Fraction(1, 2))
    >>> credibility_certificate(tree, {"root": "demand", "demand": "resist",
    ...     "demand/resist/resolved": "execute", "demand/resist/irresolute": "back down"}).is_credible
    True
    """
    kind = tree.kind
    weights: dict[int, tuple[Any, ...]] = {}
    for node in range(tree.size):
        if tree.node_type[node] == DECISION:
            weights[node] = tree.behaviour(strategy, node)
        elif tree.node_type[node] == CHANCE:
            weights[node] = tree.probabilities[node]
    values: list[tuple[Any, ...]] = [()] * tree.size
    for node in range(tree.size - 1, -1, -1):
        if tree.node_type[node] == TERMINAL:
            values[node] = tree.payoffs(node)
            continue
        total = [0 * v for v in values[tree.children[node][0]]]
        for weight, child in zip(weights[node], tree.children[node]):
            total = [t + weight * v for t, v in zip(total, values[child])]
        values[node] = tuple(total)
    reach: list[Any] = [0] * tree.size
    reach[0] = 1
    for node in range(tree.size):
        for weight, child in zip(weights.get(node, ()), tree.children[node]):
            reach[child] = reach[node] * weight
    violations: list[NonCredibleMove] = []
    unchecked: list[str] = []
    for infoset in tree.infosets:
        total_reach = sum(reach[n] for n in infoset.nodes)
        positive = (kind == "symbolic" and total_reach != 0) or (kind != "symbolic" and total_reach > 0)
        if len(infoset.nodes) > 1 and not positive:
            unchecked.append(infoset.label)
            continue
        beliefs = [reach[n] / total_reach for n in infoset.nodes] if len(infoset.nodes) > 1 else [1]
        player = infoset.player
        action_values = [
            sum(b * values[tree.children[n][a]][player] for b, n in zip(beliefs, infoset.nodes))
            for a in range(len(infoset.actions))
        ]
        others = [
            [
                sum(b * values[tree.children[n][a]][other] for b, n in zip(beliefs, infoset.nodes))
                for other in range(len(tree.players))
                if other != player
            ]
            for a in range(len(infoset.actions))
        ]
        mixture = weights[infoset.nodes[0]]
        prescribed_value = sum(w * v for w, v in zip(mixture, action_values))
        prescribed_others = [
            sum(w * o[k] for w, o in zip(mixture, others)) for k in range(len(tree.players) - 1)
        ]
        if kind == "symbolic":
            candidates = list(range(len(action_values)))  # each action that may pay, with its condition
        else:
            candidates = [max(range(len(action_values)), key=action_values.__getitem__)]
        node = infoset.nodes[0]
        for action in candidates:
            gain = action_values[action] - prescribed_value
            pays = relation(kind, gain, strict=True)
            if pays is False or (kind == "symbolic" and pays == False):  # noqa: E712
                continue
            differences = [d - p for d, p in zip(others[action], prescribed_others)]
            violations.append(
                NonCredibleMove(
                    history=tree.histories[node],
                    player=tree.players[player],
                    infoset=infoset.label,
                    prescribed=strategy[infoset.label],
                    better_action=infoset.actions[action],
                    gain=gain,
                    nature=_nature(kind, differences),
                    on_path=bool(positive),
                    condition=pays if kind == "symbolic" else True,
                )
            )
    return CredibilityCertificate(tuple(violations), tuple(unchecked))


def _nature(kind: str, differences: list[Any]) -> str:
    """``threat`` when deviating helps the others, ``promise`` when it hurts them."""
    if kind == "symbolic":
        import sympy

        signs = [sympy.sign(sympy.simplify(d)) for d in differences]
        if all(s.is_number for s in signs):
            numbers = [int(s) for s in signs]
            if all(n >= 0 for n in numbers) and any(n > 0 for n in numbers):
                return "threat"
            if all(n <= 0 for n in numbers) and any(n < 0 for n in numbers):
                return "promise"
        return "move"
    if all(d >= 0 for d in differences) and any(d > 0 for d in differences):
        return "threat"
    if all(d <= 0 for d in differences) and any(d < 0 for d in differences):
        return "promise"
    return "move"

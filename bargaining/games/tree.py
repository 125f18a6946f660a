# ruff: noqa: RUF009 - parameter() returns a dataclass field, like dataclasses.field
r"""Finite extensive-form games: players, chance, information sets, payoffs in any kind.

A game tree is a rooted tree whose inner nodes are **decisions** (a player chooses one of the
labelled actions) or **chance** moves (nature draws an action with given probabilities) and whose
leaves are **outcomes** (one payoff per player). Decision nodes that share an ``infoset`` label
form one information set: the player cannot tell them apart, so they must offer the same actions.
Payoffs and chance probabilities are exact numbers (``int``, ``Fraction``), floats, or sympy
expressions in parameters; all the numbers of one tree are brought to one kind (exact < float <
symbolic), as for every model of :mod:`bargaining` (see :mod:`bargaining.core.values`).

The tree is written as it reads (Kuhn 1953; Osborne & Rubinstein 1994, ch. 6 and 11):

>>> from fractions import Fraction
>>> tree = GameTree(
...     players=("Coercer", "Target"),
...     root=decide("Coercer", {
...         "demand": decide("Target", {
...             "comply": outcome(1, -1),
...             "resist": decide("Coercer", {"execute": outcome(-1, -2), "back down": outcome(-1, 0)}),
...         }),
...         "status quo": outcome(0, 0),
...     }),
... )
>>> tree.size, tree.kind, tree.is_perfect_information
(7, 'exact', True)
>>> tree.payoffs(tree.node_at("demand", "comply"))
(Fraction(1, 1), Fraction(-1, 1))

Trees of any depth are handled without recursion: the tree is flattened once, depth first, into
tuples indexed by node (the order Gambit's ``.efg`` files use), and every algorithm of this
package walks those tuples.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from ..core.errors import Description, ParameterTypeError, ParameterValueError
from ..core.parameters import declared, setting
from ..core.values import Kind, check_probability, check_range, is_symbolic, kind_of

__all__ = [
    "Chance",
    "Decision",
    "GameTree",
    "Infoset",
    "Outcome",
    "chance",
    "convert_number",
    "crisis_game",
    "decide",
    "outcome",
    "payoff_kind",
]

TERMINAL, DECISION, CHANCE = 0, 1, 2


@dataclass(frozen=True, slots=True, eq=False)
class Outcome:
    """A leaf: one payoff per player, in the order of :attr:`GameTree.players`.

    >>> outcome(1, 0)
    Outcome(payoffs=(1, 0), label='')
    """

    payoffs: tuple[Any, ...]
    label: str = ""


@dataclass(frozen=True, slots=True, eq=False)
class Decision:
    """A move of ``player``: each action label leads to a subtree.

    Nodes with the same ``infoset`` label form one information set (``None``: the player knows
    exactly where it is).

    >>> type(decide("A", {"l": outcome(1, 0)})).__name__
    'Decision'
    """

    player: str
    moves: tuple[tuple[str, Node], ...]
    infoset: str | None = None


@dataclass(frozen=True, slots=True, eq=False)
class Chance:
    """A move of nature: each action label has a probability and leads to a subtree.

    >>> from fractions import Fraction
    >>> node = chance({"heads": (Fraction(1, 2), outcome(1, -1)), "tails": (Fraction(1, 2), outcome(-1, 1))})
    >>> type(node).__name__
    'Chance'
    """

    moves: tuple[tuple[str, Any, Node], ...]


Node = Outcome | Decision | Chance


def outcome(*payoffs: Any, label: str = "") -> Outcome:
    """A leaf with the given payoffs, one per player in order.

    >>> outcome(1, Fraction(1, 2)).payoffs
    (1, Fraction(1, 2))
    """
    return Outcome(tuple(payoffs), label)


def decide(player: str, moves: Mapping[str, Node], infoset: str | None = None) -> Decision:
    """A decision node of ``player`` with actions ``moves`` (label -> subtree), in order.

    >>> decide("Target", {"comply": outcome(1, 0), "resist": outcome(0, 1)}).player
    'Target'
    """
    return Decision(player, tuple(moves.items()), infoset)


def chance(moves: Mapping[str, tuple[Any, Node]]) -> Chance:
    """A chance node: ``moves`` maps each label to ``(probability, subtree)``.

    >>> len(chance({"resolved": (Fraction(1, 3), outcome(1, 0)),
    ...             "irresolute": (Fraction(2, 3), outcome(0, 1))}).moves)
    2
    """
    return Chance(tuple((label, probability, node) for label, (probability, node) in moves.items()))


@dataclass(frozen=True, slots=True)
class Infoset:
    """An information set: whose it is, its label, its actions and its nodes (by index).

    >>> tree = GameTree(players=("Coercer", "Target"), root=decide("Coercer", {
    ...   "demand": decide("Target", {"comply": outcome(1, -1), "resist": outcome(-1, -2)}),
    ...   "status quo": outcome(0, 0),
    ...   }))
    >>> tree.infoset_of(0)
    Infoset(player=0, label='root', actions=('demand', 'status quo'), nodes=(0,))
    """

    player: int
    label: str
    actions: tuple[str, ...]
    nodes: tuple[int, ...]


def payoff_kind(field_name: str, value: Any) -> Kind:
    """The kind of one payoff or probability; arrays are refused (solve a tree per point, or use
    the vectorised stage-game solvers for many parameter points).

    >>> from fractions import Fraction
    >>> payoff_kind("payoff", Fraction(1, 2)), payoff_kind("payoff", 0.5)
    ('exact', 'float')
    """
    kind = kind_of(field_name, value)
    if kind == "array":
        raise ParameterTypeError(field_name, "a scalar (int, Fraction, float or sympy expression)", value)
    check_range(field_name, value, requirement="a finite real number")
    return kind


def convert_number(value: Any, kind: Kind) -> Any:
    """Bring one scalar to ``kind``: ``Fraction`` for exact, ``float``, or a sympy number.

    >>> from fractions import Fraction
    >>> convert_number(1, "exact"), convert_number(Fraction(1, 2), "float")
    (Fraction(1, 1), 0.5)
    """
    if kind == "symbolic":
        import sympy

        return (
            value
            if is_symbolic(value)
            else sympy.Rational(value)
            if not isinstance(value, float)
            else sympy.Float(value)
        )
    if kind == "float":
        return float(value)
    return Fraction(value)


@dataclass(frozen=True, slots=True, eq=False)
@declared(settle=False)
class GameTree:
    """A finite extensive-form game, flattened depth first into tuples indexed by node.

    Parameters
    ----------
    players : sequence of str
        The players' names; payoffs are listed in this order.
    root : Outcome, Decision or Chance
        The root of the tree (build it with :func:`decide`, :func:`chance`, :func:`outcome`).
    title : str
        A title (written to Gambit files).

    Examples
    --------
    >>> tree = GameTree(("A", "B"), decide("A", {"l": outcome(1, 0), "r": outcome(0, 1)}))
    >>> tree.histories[1], tree.node_player[0]
    (('l',), 0)
    """

    players: tuple[str, ...] = setting("the players' names")
    root: Node = setting("the root node (an Outcome, a Decision or a Chance)")
    title: str = setting("the game's title", default="")
    kind: Kind = field(init=False, repr=False)
    node_type: tuple[int, ...] = field(init=False, repr=False)
    node_player: tuple[int, ...] = field(init=False, repr=False)
    children: tuple[tuple[int, ...], ...] = field(init=False, repr=False)
    actions: tuple[tuple[str, ...], ...] = field(init=False, repr=False)
    probabilities: tuple[tuple[Any, ...], ...] = field(init=False, repr=False)
    leaf_payoffs: tuple[tuple[Any, ...] | None, ...] = field(init=False, repr=False)
    leaf_labels: tuple[str, ...] = field(init=False, repr=False)
    parent: tuple[int, ...] = field(init=False, repr=False)
    node_infoset: tuple[int, ...] = field(init=False, repr=False)
    infosets: tuple[Infoset, ...] = field(init=False, repr=False)
    histories: tuple[tuple[str, ...], ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        players = tuple(self.players) if isinstance(self.players, (list, tuple)) else self.players
        if not isinstance(players, tuple) or not players or not all(isinstance(p, str) for p in players):
            raise ParameterTypeError("players", "a non-empty sequence of names (str)", self.players)
        if len(set(players)) != len(players):
            raise ParameterValueError("players", "distinct names", players)
        object.__setattr__(self, "players", players)
        self._flatten()

    # ----------------------------------------------------------------- construction

    def _flatten(self) -> None:
        index_of = {name: i for i, name in enumerate(self.players)}
        node_type: list[int] = []
        node_player: list[int] = []
        children: list[list[int]] = []
        actions: list[tuple[str, ...]] = []
        probabilities: list[tuple[Any, ...]] = []
        leaf_payoffs: list[tuple[Any, ...] | None] = []
        leaf_labels: list[str] = []
        parent: list[int] = []
        histories: list[tuple[str, ...]] = []
        infoset_labels: list[str | None] = []
        kinds: set[str] = set()
        stack: list[tuple[Any, int, tuple[str, ...]]] = [(self.root, -1, ())]
        while stack:
            node, up, history = stack.pop()
            index = len(node_type)
            where = "/".join(history) or "root"
            parent.append(up)
            histories.append(history)
            if up >= 0:
                children[up].append(index)
            children.append([])
            if isinstance(node, Outcome):
                payoffs = tuple(node.payoffs)
                if len(payoffs) != len(self.players):
                    raise ParameterValueError(
                        f"payoffs at {where}", f"one number per player ({len(self.players)})", payoffs
                    )
                for player, value in zip(self.players, payoffs):
                    kinds.add(payoff_kind(f"payoff of {player} at {where}", value))
                node_type.append(TERMINAL)
                node_player.append(-1)
                actions.append(())
                probabilities.append(())
                leaf_payoffs.append(payoffs)
                leaf_labels.append(node.label)
                infoset_labels.append(None)
                continue
            if isinstance(node, Decision):
                if node.player not in index_of:
                    raise ParameterValueError(
                        f"player at {where}", f"one of {list(self.players)}", node.player
                    )
                moves = [(label, child) for label, child in node.moves]
                node_type.append(DECISION)
                node_player.append(index_of[node.player])
                probabilities.append(())
                infoset_labels.append(node.infoset)
            elif isinstance(node, Chance):
                moves = [(label, child) for label, _, child in node.moves]
                weights = tuple(probability for _, probability, _ in node.moves)
                for (label, _), probability in zip(moves, weights):
                    kinds.add(payoff_kind(f"probability of {label} at {where}", probability))
                    check_probability(f"probability of {label} at {where}", probability)
                node_type.append(CHANCE)
                node_player.append(-1)
                probabilities.append(weights)
                infoset_labels.append(None)
            else:
                raise ParameterTypeError(f"node at {where}", "an Outcome, Decision or Chance", node)
            labels = tuple(label for label, _ in moves)
            if not labels:
                raise ParameterValueError(f"actions at {where}", "at least one action", Description("none"))
            if len(set(labels)) != len(labels) or not all(isinstance(label, str) for label in labels):
                raise ParameterValueError(f"actions at {where}", "distinct labels (str)", labels)
            actions.append(labels)
            leaf_payoffs.append(None)
            leaf_labels.append("")
            for label, child in reversed(moves):
                stack.append((child, index, (*history, label)))
        # children were appended in visiting order, which is the order of the moves
        kind: Kind = "symbolic" if "symbolic" in kinds else "float" if "float" in kinds else "exact"
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "node_type", tuple(node_type))
        object.__setattr__(self, "node_player", tuple(node_player))
        object.__setattr__(self, "children", tuple(tuple(c) for c in children))
        object.__setattr__(self, "actions", tuple(actions))
        object.__setattr__(self, "parent", tuple(parent))
        object.__setattr__(self, "histories", tuple(histories))
        object.__setattr__(self, "leaf_labels", tuple(leaf_labels))
        object.__setattr__(
            self,
            "leaf_payoffs",
            tuple(None if p is None else tuple(convert_number(v, kind) for v in p) for p in leaf_payoffs),
        )
        converted = tuple(tuple(convert_number(v, kind) for v in p) for p in probabilities)
        for index, weights in enumerate(converted):
            if weights:
                _check_total(kind, weights, "/".join(self.histories[index]) or "root")
        object.__setattr__(self, "probabilities", converted)
        self._collect_infosets(infoset_labels)

    def _collect_infosets(self, labels: list[str | None]) -> None:
        members: dict[str, list[int]] = {}
        for index, label in enumerate(labels):
            if self.node_type[index] != DECISION:
                continue
            name = label if label is not None else "/".join(self.histories[index]) or "root"
            if label is None and name in members:  # pragma: no cover - histories are unique
                raise AssertionError(name)
            members.setdefault(name, []).append(index)
        infosets: list[Infoset] = []
        node_infoset = [-1] * len(labels)
        for name, nodes in members.items():
            first = nodes[0]
            for other in nodes[1:]:
                where = "/".join(self.histories[other]) or "root"
                if self.node_player[other] != self.node_player[first]:
                    raise ParameterValueError(
                        f"infoset {name!r}",
                        "nodes of one player",
                        self.players[self.node_player[other]],
                        f"at {where}",
                    )
                if self.actions[other] != self.actions[first]:
                    raise ParameterValueError(
                        f"infoset {name!r}",
                        f"the same actions {list(self.actions[first])} at every node",
                        list(self.actions[other]),
                        f"at {where}",
                    )
            for node in nodes:
                node_infoset[node] = len(infosets)
            infosets.append(Infoset(self.node_player[first], name, self.actions[first], tuple(nodes)))
        object.__setattr__(self, "infosets", tuple(infosets))
        object.__setattr__(self, "node_infoset", tuple(node_infoset))

    # ----------------------------------------------------------------- queries

    @property
    def size(self) -> int:
        """The number of nodes.

        >>> tree = GameTree(players=("Coercer", "Target"), root=decide("Coercer", {
        ...   "demand": decide("Target", {"comply": outcome(1, -1), "resist": outcome(-1, -2)}),
        ...   "status quo": outcome(0, 0),
        ...   }))
        >>> tree.size
        5
        """
        return len(self.node_type)

    @property
    def is_perfect_information(self) -> bool:
        """Whether every information set is a single node.

        >>> tree = GameTree(players=("Coercer", "Target"), root=decide("Coercer", {
        ...   "demand": decide("Target", {"comply": outcome(1, -1), "resist": outcome(-1, -2)}),
        ...   "status quo": outcome(0, 0),
        ...   }))
        >>> tree.is_perfect_information
        True
        """
        return all(len(infoset.nodes) == 1 for infoset in self.infosets)

    def is_terminal(self, node: int) -> bool:
        """Whether ``node`` is a leaf.

        >>> tree = GameTree(players=("Coercer", "Target"), root=decide("Coercer", {
        ...   "demand": decide("Target", {"comply": outcome(1, -1), "resist": outcome(-1, -2)}),
        ...   "status quo": outcome(0, 0),
        ...   }))
        >>> tree.is_terminal(0), tree.is_terminal(tree.node_at("status quo"))
        (False, True)
        """
        return self.node_type[node] == TERMINAL

    def is_chance(self, node: int) -> bool:
        """Whether ``node`` is a move of nature.

        >>> tree = GameTree(players=("Coercer", "Target"), root=decide("Coercer", {
        ...   "demand": decide("Target", {"comply": outcome(1, -1), "resist": outcome(-1, -2)}),
        ...   "status quo": outcome(0, 0),
        ...   }))
        >>> tree.is_chance(0)
        False
        """
        return self.node_type[node] == CHANCE

    def payoffs(self, node: int) -> tuple[Any, ...]:
        """The payoffs at leaf ``node``.

        >>> tree = GameTree(players=("Coercer", "Target"), root=decide("Coercer", {
        ...   "demand": decide("Target", {"comply": outcome(1, -1), "resist": outcome(-1, -2)}),
        ...   "status quo": outcome(0, 0),
        ...   }))
        >>> tree.payoffs(tree.node_at("demand", "comply"))
        (Fraction(1, 1), Fraction(-1, 1))
        """
        payoffs = self.leaf_payoffs[node]
        if payoffs is None:
            raise ParameterValueError("node", "a leaf", self.histories[node])
        return payoffs

    def node_at(self, *history: str) -> int:
        """The index of the node reached by the actions ``history`` from the root.

        >>> GameTree(("A",), decide("A", {"x": outcome(1), "y": outcome(2)})).node_at("y")
        2
        """
        node = 0
        for step, label in enumerate(history):
            if label not in self.actions[node]:
                raise ParameterValueError(
                    "history", f"a path of actions; at step {step} one of {list(self.actions[node])}", label
                )
            node = self.children[node][self.actions[node].index(label)]
        return node

    def infoset_of(self, node: int) -> Infoset:
        """The information set of decision node ``node``.

        >>> tree = GameTree(players=("Coercer", "Target"), root=decide("Coercer", {
        ...   "demand": decide("Target", {"comply": outcome(1, -1), "resist": outcome(-1, -2)}),
        ...   "status quo": outcome(0, 0),
        ...   }))
        >>> tree.infoset_of(tree.node_at("demand")).player
        1
        """
        return self.infosets[self.node_infoset[node]]

    def postorder(self) -> list[int]:
        """Every node after all its descendants (the reverse of the depth-first order).

        >>> tree = GameTree(players=("Coercer", "Target"), root=decide("Coercer", {
        ...   "demand": decide("Target", {"comply": outcome(1, -1), "resist": outcome(-1, -2)}),
        ...   "status quo": outcome(0, 0),
        ...   }))
        >>> tree.postorder()
        [4, 3, 2, 1, 0]
        """
        return list(range(self.size - 1, -1, -1))

    def subtree(self, node: int) -> range:
        """The indices of ``node`` and its descendants (contiguous in depth-first order).

        >>> tree = GameTree(players=("Coercer", "Target"), root=decide("Coercer", {
        ...   "demand": decide("Target", {"comply": outcome(1, -1), "resist": outcome(-1, -2)}),
        ...   "status quo": outcome(0, 0),
        ...   }))
        >>> tree.subtree(tree.node_at("demand"))
        range(1, 4)
        """
        last = node
        while self.children[last]:
            last = self.children[last][-1]
        return range(node, last + 1)

    def is_subgame_root(self, node: int) -> bool:
        """Whether the subtree at ``node`` is a subgame: no information set straddles its boundary.

        >>> tree = GameTree(players=("Coercer", "Target"), root=decide("Coercer", {
        ...   "demand": decide("Target", {"comply": outcome(1, -1), "resist": outcome(-1, -2)}),
        ...   "status quo": outcome(0, 0),
        ...   }))
        >>> tree.is_subgame_root(tree.node_at("demand"))
        True
        """
        inside = self.subtree(node)
        for index in inside:
            if self.node_type[index] == DECISION and any(
                member not in inside for member in self.infoset_of(index).nodes
            ):
                return False
        return True

    def expected_payoffs(self, strategy: Mapping[str, Any], node: int = 0) -> tuple[Any, ...]:
        """Every player's expected payoff from ``node`` when ``strategy`` is played.

        ``strategy`` maps each information set label to an action label (pure) or to a mapping
        action -> probability (behavioural).

        >>> tree = GameTree(("A",), decide("A", {"x": outcome(1), "y": outcome(3)}))
        >>> tree.expected_payoffs({"root": {"x": Fraction(1, 2), "y": Fraction(1, 2)}})
        (Fraction(2, 1),)
        """
        nodes = self.subtree(node)
        values: dict[int, tuple[Any, ...]] = {}
        for index in reversed(nodes):
            kind = self.node_type[index]
            if kind == TERMINAL:
                values[index] = self.payoffs(index)
                continue
            if kind == CHANCE:
                weights: Sequence[Any] = self.probabilities[index]
            else:
                weights = self.behaviour(strategy, index)
            total = [0 * v for v in values[self.children[index][0]]]
            for weight, child in zip(weights, self.children[index]):
                if isinstance(weight, int) and weight == 0:
                    continue
                total = [t + weight * v for t, v in zip(total, values[child])]
            values[index] = tuple(total)
        return values[node]

    def behaviour(self, strategy: Mapping[str, Any], node: int) -> tuple[Any, ...]:
        """The probabilities ``strategy`` puts on the actions at decision ``node``.

        >>> tree = GameTree(("Coercer", "Target"), decide("Coercer", {
        ...   "demand": decide("Target", {"comply": outcome(1, -1), "resist": outcome(-1, -2)}),
        ...   "status quo": outcome(0, 0),
        ...   }))
        >>> from fractions import Fraction
        >>> tree.behaviour({"root": "demand"}, 0), tree.behaviour({"root": {"demand": Fraction(1, 3), "status quo": Fraction(2, 3)}}, 0)
        ((1, 0), (Fraction(1, 3), Fraction(2, 3)))
        """
        infoset = self.infoset_of(node)
        if infoset.label not in strategy:
            raise ParameterValueError(
                "strategy", f"an action for information set {infoset.label!r}", Description("none")
            )
        choice = strategy[infoset.label]
        if isinstance(choice, str):
            if choice not in infoset.actions:
                raise ParameterValueError(
                    f"strategy[{infoset.label!r}]", f"one of {list(infoset.actions)}", choice
                )
            return tuple(1 if action == choice else 0 for action in infoset.actions)
        if not isinstance(choice, Mapping) or set(choice) - set(infoset.actions):
            raise ParameterValueError(
                f"strategy[{infoset.label!r}]", f"an action or a mapping over {list(infoset.actions)}", choice
            )
        weights = tuple(choice.get(action, 0) for action in infoset.actions)
        for action, weight in zip(infoset.actions, weights):
            check_probability(f"strategy[{infoset.label!r}][{action!r}]", weight)
        return weights


def _check_total(kind: Kind, weights: tuple[Any, ...], where: str) -> None:
    total = sum(weights)
    if kind == "symbolic":
        import sympy

        difference = sympy.simplify(total - 1)
        ok = difference == 0
    elif kind == "float":
        ok = bool(np.isclose(total, 1.0, rtol=0, atol=1e-12))
    else:
        ok = total == 1
    if not ok:
        raise ParameterValueError(f"chance probabilities at {where}", "summing to 1", total)


def crisis_game(
    demand: Any,
    loss: Any,
    audience_cost: Any,
    resolved_value: Any,
    irresolute_value: Any,
    prior_resolved: Any,
    *,
    type_first: bool = False,
) -> GameTree:
    r"""The crisis of the essay: demand; comply or resist; execute or back down; the coercer's type.

    The coercer demands ``demand`` (or keeps the status quo, worth 0 to both). The target complies
    (payoffs :math:`(x, -x)`) or resists. A resisted coercer executes the threat (it gets its
    type's value of executing, :math:`w_R` or :math:`w_I`; the target loses ``loss``) or backs down
    (it pays the ``audience_cost`` :math:`a`; the target keeps everything). The coercer is
    *resolved* with probability ``prior_resolved``. With ``type_first=False`` nature draws the type
    after the target resists (the target faces a threat of uncertain execution, docs/explanation/coercion.md: the
    coercer executes iff :math:`w \ge -a`); with ``type_first=True`` the coercer knows its type
    before it demands and the target, who sees the demand but not the type, moves in one
    information set (a signalling game).

    >>> from fractions import Fraction
    >>> tree = crisis_game(Fraction(1, 2), 1, Fraction(1, 10), Fraction(1, 5), Fraction(-1, 2), Fraction(1, 2))
    >>> tree.size, tree.is_perfect_information
    (11, True)
    >>> crisis_game(Fraction(1, 2), 1, 0, 1, -1, Fraction(1, 2), type_first=True).is_perfect_information
    False
    """

    def resistance(value: Any) -> Decision:
        return decide("Coercer", {"execute": outcome(value, -loss), "back down": outcome(-audience_cost, 0)})

    def demand_node(after_resist: Node, infoset: str | None) -> Decision:
        return decide(
            "Coercer",
            {
                "demand": decide(
                    "Target", {"comply": outcome(demand, -demand), "resist": after_resist}, infoset
                ),
                "status quo": outcome(0, 0),
            },
        )

    if not type_first:
        nature = chance(
            {
                "resolved": (prior_resolved, resistance(resolved_value)),
                "irresolute": (1 - prior_resolved, resistance(irresolute_value)),
            }
        )
        return GameTree(("Coercer", "Target"), demand_node(nature, None), "Crisis")
    root = chance(
        {
            "resolved": (prior_resolved, demand_node(resistance(resolved_value), "Target after a demand")),
            "irresolute": (
                1 - prior_resolved,
                demand_node(resistance(irresolute_value), "Target after a demand"),
            ),
        }
    )
    return GameTree(("Coercer", "Target"), root, "Crisis, the coercer knows its type")

r"""Subgame-perfect equilibria by backward induction, every one of them, in numbers or in symbols.

In a finite game of perfect information (chance moves allowed), a pure strategy profile is
subgame perfect iff at every decision node the mover's action maximises its expected payoff given
the profile below (Kuhn 1953; Selten 1965; the one-shot deviation principle). Backward induction
computes, for each node :math:`h` bottom-up, the set of pairs (profile of the subgame at
:math:`h`, payoff vector): at a decision node of player :math:`i` with actions :math:`A(h)`, for
every combination of the children's subgame-perfect profiles,

.. math:: a \in \arg\max_{b \in A(h)} v_i(h b) \quad\Longrightarrow\quad (a, \text{combination})
          \text{ is subgame perfect at } h,

and at a chance node the values are averaged with the chance probabilities. Nothing is dropped:

* with exact or float payoffs, **every** pure SPE is returned; when a mover is indifferent the tie
  is reported (:class:`Tie`) and each optimal action gives its own equilibrium, unless a named
  :class:`TieRule` (such as :data:`ACCEPT_WHEN_INDIFFERENT`) is passed, which is then cited in
  the report of each tie it resolved;
* with **symbolic** payoffs, the comparison :math:`v_i(ha) \ge v_i(hb)` becomes a condition on
  the parameters, and the answer is a piecewise map: each equilibrium carries the conjunction of
  the inequalities under which it is subgame perfect, simplified, and :meth:`BackwardInduction.latex`
  prints the map for a paper. The regions are closed (weak inequalities), so they overlap exactly
  on the boundaries where a mover is indifferent.

The tree is walked in reverse depth-first order with explicit lists (no recursion), so the time
is linear in the number of nodes when the equilibrium is unique.

>>> from fractions import Fraction
>>> from bargaining.games.tree import GameTree, decide, outcome
>>> ultimatum = GameTree(("Proposer", "Responder"), decide("Proposer", {
...     "keep all": decide("Responder", {"accept": outcome(2, 0), "reject": outcome(0, 0)}),
...     "split": decide("Responder", {"accept": outcome(1, 1), "reject": outcome(0, 0)}),
... }))
>>> result = backward_induction(ultimatum)
>>> len(result.equilibria), [tie.actions for tie in result.ties]
(2, [('accept', 'reject')])
>>> backward_induction(ultimatum, tie_rule=ACCEPT_WHEN_INDIFFERENT).unique.payoffs
(Fraction(2, 1), Fraction(0, 1))
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..core.errors import ParameterTypeError, ParameterValueError
from ..core.values import Kind
from .tree import CHANCE, DECISION, TERMINAL, GameTree

__all__ = [
    "ACCEPT_WHEN_INDIFFERENT",
    "FIRST_LISTED",
    "BackwardInduction",
    "SubgamePerfectEquilibrium",
    "Tie",
    "TieRule",
    "backward_induction",
    "perfect_information_subgames",
    "prefer",
]


@dataclass(frozen=True, slots=True)
class TieRule:
    """A named rule for a mover who is indifferent: take the first of ``preferred`` that is
    optimal, and otherwise the optimal action listed first in the tree.

    >>> prefer("execute", name="carry out threats").order(("back down", "execute"))
    (1, 0)
    """

    name: str
    preferred: tuple[str, ...] = ()

    def order(self, actions: Sequence[str]) -> tuple[int, ...]:
        """Indices of ``actions`` from the most to the least preferred when indifferent.

        >>> prefer("split").order(("keep all", "split"))
        (1, 0)
        """
        ranked = [actions.index(label) for label in self.preferred if label in actions]
        return (*ranked, *(i for i in range(len(actions)) if i not in ranked))


def prefer(*actions: str, name: str = "") -> TieRule:
    """A :class:`TieRule` preferring ``actions`` (in that order) when the mover is indifferent.

    >>> from bargaining.games.tree import GameTree, decide, outcome
    >>> ultimatum = GameTree(("Proposer", "Responder"), decide("Proposer", {
    ...   "keep all": decide("Responder", {"accept": outcome(2, 0), "reject": outcome(0, 0)}),
    ...   "split": decide("Responder", {"accept": outcome(1, 1), "reject": outcome(0, 0)}),
    ...   }))
    >>> rule = prefer("split", name="fair")
    >>> [e.path for e in backward_induction(ultimatum, tie_rule=rule).equilibria]
    [('keep all', 'accept')]
    """
    for action in actions:
        if not isinstance(action, str):
            raise ParameterTypeError("actions", "action labels (str)", action)
    return TieRule(name or "prefer " + ", then ".join(actions), tuple(actions))


ACCEPT_WHEN_INDIFFERENT = TieRule("accept when indifferent", ("accept", "comply", "yes"))
"""The responder accepts (complies) when indifferent: the usual convention of bargaining models."""

FIRST_LISTED = TieRule("first listed action")
"""Take the optimal action listed first in the tree."""


@dataclass(frozen=True, slots=True)
class Tie:
    """A decision node where several actions are optimal for the mover in some equilibrium.

    >>> from bargaining.games.tree import GameTree, decide, outcome
    >>> ultimatum = GameTree(("Proposer", "Responder"), decide("Proposer", {
    ...   "keep all": decide("Responder", {"accept": outcome(2, 0), "reject": outcome(0, 0)}),
    ...   "split": decide("Responder", {"accept": outcome(1, 1), "reject": outcome(0, 0)}),
    ...   }))
    >>> result = backward_induction(ultimatum)
    >>> result.ties[0].history, result.ties[0].actions
    (('keep all',), ('accept', 'reject'))
    """

    history: tuple[str, ...]
    player: str
    actions: tuple[str, ...]
    resolved_by: str | None


@dataclass(frozen=True, slots=True)
class SubgamePerfectEquilibrium:
    """One pure subgame-perfect profile: an action per information set, the payoffs it gives,
    the on-path actions, and (for symbolic payoffs) the condition on parameters where it holds.

    >>> from bargaining.games.tree import GameTree, decide, outcome
    >>> ultimatum = GameTree(("Proposer", "Responder"), decide("Proposer", {
    ...   "keep all": decide("Responder", {"accept": outcome(2, 0), "reject": outcome(0, 0)}),
    ...   "split": decide("Responder", {"accept": outcome(1, 1), "reject": outcome(0, 0)}),
    ...   }))
    >>> result = backward_induction(ultimatum)
    >>> result.equilibria[0].path, result.equilibria[0].payoffs
    (('keep all', 'accept'), (Fraction(2, 1), Fraction(0, 1)))
    """

    strategy: Mapping[str, str]
    payoffs: tuple[Any, ...]
    path: tuple[str, ...]
    condition: Any = True

    def latex_condition(self) -> str:
        r"""The condition as LaTeX (``\text{always}`` when it always holds).

        >>> import sympy
        >>> from bargaining.games.tree import GameTree, decide, outcome
        >>> c = sympy.Symbol("c", positive=True)
        >>> tree = GameTree(("C", "T"), decide("C", {"demand": decide("T", {"comply": outcome(1, -1), "resist": outcome(-1, -c)}), "wait": outcome(0, 0)}))
        >>> result = backward_induction(tree)
        >>> for e in result.equilibria:
        ...   print(e.path, e.latex_condition())
        ('demand', 'comply') c \geq 1
        ('wait',) c \leq 1
        """
        if self.condition is True:
            return r"\text{always}"
        import sympy

        return str(sympy.latex(self.condition))


@dataclass(frozen=True, slots=True)
class BackwardInduction:
    """Every pure subgame-perfect equilibrium of a perfect-information (sub)game, with its ties.

    >>> from bargaining.games.tree import GameTree, decide, outcome
    >>> ultimatum = GameTree(("Proposer", "Responder"), decide("Proposer", {
    ...   "keep all": decide("Responder", {"accept": outcome(2, 0), "reject": outcome(0, 0)}),
    ...   "split": decide("Responder", {"accept": outcome(1, 1), "reject": outcome(0, 0)}),
    ...   }))
    >>> result = backward_induction(ultimatum)
    >>> len(result.equilibria), [tie.actions for tie in result.ties]
    (2, [('accept', 'reject')])
    """

    tree: GameTree
    root: int
    equilibria: tuple[SubgamePerfectEquilibrium, ...]
    ties: tuple[Tie, ...]
    tie_rule: TieRule | None
    kind: Kind

    @property
    def unique(self) -> SubgamePerfectEquilibrium:
        """The equilibrium, when there is exactly one (raises otherwise, naming how many).

        >>> from bargaining.games.tree import GameTree, decide, outcome
        >>> ultimatum = GameTree(("Proposer", "Responder"), decide("Proposer", {
        ...   "keep all": decide("Responder", {"accept": outcome(2, 0), "reject": outcome(0, 0)}),
        ...   "split": decide("Responder", {"accept": outcome(1, 1), "reject": outcome(0, 0)}),
        ...   }))
        >>> backward_induction(ultimatum, tie_rule=prefer("accept")).unique.path
        ('keep all', 'accept')
        """
        if len(self.equilibria) != 1:
            raise ParameterValueError(
                "equilibria", "a single subgame-perfect equilibrium (pass a tie_rule?)", len(self.equilibria)
            )
        return self.equilibria[0]

    def payoff_piecewise(self, player: str) -> Any:
        """``player``'s equilibrium payoff as a sympy ``Piecewise`` over the regimes.

        >>> import sympy
        >>> from bargaining.games.tree import GameTree, decide, outcome
        >>> c = sympy.Symbol("c", positive=True)
        >>> tree = GameTree(("C", "T"), decide("C", {"demand": decide("T", {"comply": outcome(1, -1), "resist": outcome(-1, -c)}), "wait": outcome(0, 0)}))
        >>> result = backward_induction(tree)
        >>> result.payoff_piecewise("C")
        Piecewise((1, c >= 1), (0, c <= 1), (nan, True))
        """
        import sympy

        index = _player_index(self.tree, player)
        return sympy.Piecewise(
            *[(e.payoffs[index], e.condition) for e in self.equilibria],
            (sympy.nan, True),
        )

    def latex(self) -> str:
        r"""The piecewise map as a LaTeX ``cases`` environment: on-path play, then its region.

        >>> import sympy
        >>> from bargaining.games.tree import GameTree, decide, outcome
        >>> c = sympy.Symbol("c", positive=True)
        >>> tree = GameTree(("C", "T"), decide("C", {"demand": decide("T", {"comply": outcome(1, -1), "resist": outcome(-1, -c)}), "wait": outcome(0, 0)}))
        >>> result = backward_induction(tree)
        >>> print(result.latex())
        \begin{cases}
        \text{demand, comply} & \text{if } c \geq 1 \\
        \text{wait} & \text{if } c \leq 1
        \end{cases}
        """
        rows = [
            rf"\text{{{', '.join(e.path)}}} & \text{{if }} {e.latex_condition()}" for e in self.equilibria
        ]
        return "\\begin{cases}\n" + " \\\\\n".join(rows) + "\n\\end{cases}"


def _player_index(tree: GameTree, player: str) -> int:
    if player not in tree.players:
        raise ParameterValueError("player", f"one of {list(tree.players)}", player)
    return tree.players.index(player)


# --------------------------------------------------------------------------- conditions


def relation(kind: Kind, difference: Any, strict: bool) -> Any:
    """``difference > 0`` (strict) or ``>= 0``: a bool for numbers, a canonical sympy relation for
    symbols (sign-normalised so that a relation and its negation are recognised as such)."""
    if kind != "symbolic":
        return bool(difference > 0) if strict else bool(difference >= 0)
    import sympy

    expression = sympy.expand(difference)
    known = expression.is_positive if strict else expression.is_nonnegative
    if known is not None:
        return sympy.true if known else sympy.false
    if expression.could_extract_minus_sign():
        return sympy.Lt(-expression, 0) if strict else sympy.Le(-expression, 0)
    return sympy.Gt(expression, 0) if strict else sympy.Ge(expression, 0)


def conjunction(kind: Kind, conditions: Sequence[Any]) -> Any:
    """``And`` of ``conditions``: a bool for numbers, a simplified sympy ``And`` for symbols."""
    if kind != "symbolic":
        return all(c is True or bool(c) for c in conditions)
    import sympy

    return sympy.And(*conditions)


def _readable(condition: Any) -> Any:
    """Rewrite ``e >= 0`` as ``(positive terms) >= (negative terms)`` for display."""
    import sympy

    if condition in (True, False) or not isinstance(condition, sympy.Basic):
        return condition

    def readable(rel: Any) -> Any:
        expression = sympy.expand(rel.lhs - rel.rhs)
        symbols = expression.free_symbols
        if len(symbols) == 1:
            (symbol,) = symbols
            polynomial = sympy.Poly(expression, symbol) if expression.is_polynomial(symbol) else None
            if polynomial is not None and polynomial.degree() == 1:
                slope, intercept = polynomial.all_coeffs()
                if slope.is_positive:
                    return type(rel)(symbol, -intercept / slope)
                flipped = {sympy.Ge: sympy.Le, sympy.Gt: sympy.Lt, sympy.Le: sympy.Ge, sympy.Lt: sympy.Gt}
                return flipped[type(rel)](symbol, -intercept / slope)
        terms = sympy.Add.make_args(expression)
        left = sympy.Add(*[t for t in terms if not t.could_extract_minus_sign()])
        right = -sympy.Add(*[t for t in terms if t.could_extract_minus_sign()])
        return type(rel)(left, right, evaluate=False)

    return condition.xreplace(
        {rel: readable(rel) for rel in condition.atoms(sympy.core.relational.Relational)}
    )


# --------------------------------------------------------------------------- solver


def perfect_information_subgames(tree: GameTree) -> tuple[int, ...]:
    """The roots of the maximal subtrees in which every information set is a single node:
    the subgames backward induction can solve inside a larger tree.

    >>> from bargaining.games.tree import GameTree, decide, outcome
    >>> tree = GameTree(("A", "B"), decide("A", {
    ...     "l": decide("B", {"x": outcome(1, 0), "y": outcome(0, 1)}, infoset="B"),
    ...     "r": decide("B", {"x": outcome(0, 0), "y": outcome(2, 2)}, infoset="B")}))
    >>> [tree.histories[node] for node in perfect_information_subgames(tree)]
    [('l', 'x'), ('l', 'y'), ('r', 'x'), ('r', 'y')]
    """
    perfect = [True] * tree.size
    for node in range(tree.size - 1, -1, -1):
        own = tree.node_type[node] != DECISION or len(tree.infoset_of(node).nodes) == 1
        perfect[node] = own and all(perfect[child] for child in tree.children[node])
    return tuple(
        node for node in range(tree.size) if perfect[node] and (node == 0 or not perfect[tree.parent[node]])
    )


def backward_induction(
    tree: GameTree,
    *,
    tie_rule: TieRule | None = None,
    root: int | Sequence[str] = 0,
    max_equilibria: int = 10_000,
) -> BackwardInduction:
    """Every pure subgame-perfect equilibrium of the perfect-information subgame at ``root``.

    Parameters
    ----------
    tree : GameTree
        The game.
    tie_rule : TieRule, optional
        How an indifferent mover chooses; without one, every optimal action is kept.
    root : int or sequence of str
        The subgame to solve: a node index or the history of actions leading to it.
    max_equilibria : int
        The most profiles kept at any node before giving up (ties multiply them).

    Examples
    --------
    Symbols in, a piecewise map out:

    >>> import sympy
    >>> from bargaining.games.tree import GameTree, decide, outcome
    >>> cost = sympy.Symbol("cost", positive=True)
    >>> tree = GameTree(("Coercer", "Target"), decide("Target", {
    ...     "comply": outcome(1, -1), "resist": outcome(-cost, -2 * cost)}))
    >>> [(e.path, e.condition) for e in backward_induction(tree).equilibria]
    [(('comply',), cost >= 1/2), (('resist',), cost <= 1/2)]
    """
    if not isinstance(max_equilibria, int) or isinstance(max_equilibria, bool) or max_equilibria < 1:
        raise ParameterValueError("max_equilibria", "a positive integer", max_equilibria)
    if tie_rule is not None and not isinstance(tie_rule, TieRule):
        raise ParameterTypeError("tie_rule", "a TieRule (see prefer)", tie_rule)
    start = root if isinstance(root, int) else tree.node_at(*root)
    if not 0 <= start < tree.size:
        raise ParameterValueError("root", f"a node index in [0, {tree.size})", root)
    nodes = tree.subtree(start)
    for node in nodes:
        if tree.node_type[node] == DECISION and len(tree.infoset_of(node).nodes) > 1:
            infoset = tree.infoset_of(node)
            raise ParameterValueError(
                "tree",
                "of perfect information below the root solved; solve one of perfect_information_subgames "
                "or use the signalling or stage-game solvers",
                f"information set {infoset.label!r} with {len(infoset.nodes)} nodes",
            )
    kind = tree.kind
    branches: dict[int, list[tuple[Any, tuple[Any, ...], Any]]] = {}
    ties: dict[tuple[int, tuple[int, ...]], Tie] = {}
    for node in reversed(nodes):
        node_type = tree.node_type[node]
        if node_type == TERMINAL:
            branches[node] = [(True, tree.payoffs(node), None)]
            continue
        child_lists = [branches.pop(child) for child in tree.children[node]]
        count = 1
        for child_list in child_lists:
            count *= len(child_list)
        if count > max_equilibria:
            raise ParameterValueError(
                "max_equilibria",
                f"at least the number of subgame-perfect profiles at {'/'.join(tree.histories[node]) or 'root'}"
                f" ({count}); raise it or pass a tie_rule",
                max_equilibria,
            )
        if node_type == CHANCE:
            branches[node] = _chance_branches(kind, tree.probabilities[node], node, child_lists)
        else:
            branches[node] = _decision_branches(tree, kind, node, child_lists, tie_rule, ties)
        if len(branches[node]) > max_equilibria:
            raise ParameterValueError(
                "max_equilibria",
                f"at least the number of subgame-perfect profiles at {'/'.join(tree.histories[node]) or 'root'}"
                f" ({len(branches[node])}); raise it or pass a tie_rule",
                max_equilibria,
            )
    equilibria = tuple(_equilibrium(tree, start, branch) for branch in branches[start])
    return BackwardInduction(tree, start, equilibria, tuple(ties.values()), tie_rule, kind)


def _chance_branches(
    kind: Kind, weights: tuple[Any, ...], node: int, child_lists: list[list[Any]]
) -> list[tuple[Any, tuple[Any, ...], Any]]:
    result = []
    for combination in itertools.product(*child_lists):
        condition = conjunction(kind, [c for c, _, _ in combination])
        if condition is False or (kind == "symbolic" and condition == False):  # noqa: E712
            continue
        values = [0 * v for v in combination[0][1]]
        for weight, (_, child_values, _) in zip(weights, combination):
            values = [total + weight * v for total, v in zip(values, child_values)]
        result.append((condition, tuple(values), (node, -1, tuple(c for _, _, c in combination))))
    return result


def _decision_branches(
    tree: GameTree,
    kind: Kind,
    node: int,
    child_lists: list[list[Any]],
    tie_rule: TieRule | None,
    ties: dict[tuple[int, tuple[int, ...]], Tie],
) -> list[tuple[Any, tuple[Any, ...], Any]]:
    mover = tree.node_player[node]
    actions = tree.actions[node]
    order = tie_rule.order(actions) if tie_rule is not None else tuple(range(len(actions)))
    result = []
    for combination in itertools.product(*child_lists):
        base = [c for c, _, _ in combination] if kind == "symbolic" else []
        payoffs = [values[mover] for _, values, _ in combination]
        choices = tuple(c for _, _, c in combination)
        if kind != "symbolic":
            best = max(payoffs)
            optimal = tuple(i for i in order if payoffs[i] == best)
            if len(optimal) > 1:
                key = (node, tuple(sorted(optimal)))
                ties.setdefault(
                    key,
                    Tie(
                        tree.histories[node],
                        tree.players[mover],
                        tuple(actions[i] for i in sorted(optimal)),
                        tie_rule.name if tie_rule is not None else None,
                    ),
                )
            chosen = optimal[:1] if tie_rule is not None else tuple(sorted(optimal))
            for action in chosen:
                result.append((True, combination[action][1], (node, action, choices)))
            continue
        for rank, action in enumerate(order):
            conditions = [
                relation(kind, payoffs[action] - payoffs[other], tie_rule is not None and earlier < rank)
                for earlier, other in enumerate(order)
                if other != action
            ]
            condition = conjunction(kind, base + conditions)
            if condition == False:  # noqa: E712
                continue
            result.append((condition, combination[action][1], (node, action, choices)))
    return result


def _equilibrium(
    tree: GameTree, root: int, branch: tuple[Any, tuple[Any, ...], Any]
) -> SubgamePerfectEquilibrium:
    condition, values, choice = branch
    strategy: dict[str, str] = {}
    chosen: dict[int, int] = {}
    stack = [choice]
    while stack:
        item = stack.pop()
        if item is None:
            continue
        node, action, below = item
        if action >= 0:
            strategy[tree.infoset_of(node).label] = tree.actions[node][action]
            chosen[node] = action
        stack.extend(below)
    path: list[str] = []
    frontier = deque([root])
    while frontier:
        node = frontier.popleft()
        if tree.node_type[node] == DECISION:
            path.append(tree.actions[node][chosen[node]])
            frontier.append(tree.children[node][chosen[node]])
        elif tree.node_type[node] == CHANCE:
            frontier.extend(tree.children[node])
    ordered = {tree.infoset_of(n).label: strategy[tree.infoset_of(n).label] for n in sorted(chosen)}
    if tree.kind == "symbolic":
        condition = _readable(condition)
    return SubgamePerfectEquilibrium(ordered, values, tuple(path), condition)

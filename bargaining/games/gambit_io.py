r"""Read and write Gambit's text formats, ``.nfg`` (strategic) and ``.efg`` (extensive).

So that any game of ours opens in Gambit (McKelvey, McLennan & Turocy, *Gambit: Software Tools
for Game Theory*, version 16; the formats are documented in its manual, "Game representation
formats"). Numbers are written exactly (``1/3``), floats as decimals; symbolic payoffs cannot be
written (substitute numbers first). pygambit is never needed; when it is installed the tests
check that it reads what we write and that we read what it writes.

* ``.nfg``, payoff version: a header ``NFG 1 R "title" { "players" } { { strategies } ... }``
  and the payoffs of every profile, the first player's strategy changing fastest. The outcome
  version (a list of outcomes, then one outcome index per profile) is read as well.
* ``.efg``: a header ``EFG 2 R "title" { "players" }`` and one line per node in depth-first
  order: ``p "" player infoset "name" { "actions" } outcome``, ``c "" infoset "name" { "action"
  probability ... } outcome`` and ``t "" outcome "name" { payoffs }``.

>>> from fractions import Fraction
>>> from bargaining.games.named import prisoners_dilemma
>>> text = write_nfg(prisoners_dilemma(), title="PD")
>>> text.splitlines()[0]
'NFG 1 R "PD" { "Row" "Column" } { { "cooperate" "defect" } { "cooperate" "defect" } }'
>>> read_nfg(text).row_payoffs == prisoners_dilemma().row_payoffs
True
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any

from ..core.errors import ParameterTypeError, ParameterValueError
from .stage import StageGame
from .tree import CHANCE, TERMINAL, Chance, Decision, GameTree, Node, Outcome

__all__ = ["read_efg", "read_nfg", "write_efg", "write_nfg"]

_TOKEN = re.compile(r'"((?:[^"\\]|\\.)*)"|([{},])|([^\s{},"]+)')


def _number(value: Any) -> str:
    if isinstance(value, Fraction):
        return str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"
    if isinstance(value, float):
        return repr(value)
    raise ParameterTypeError("payoff", "a number to write to a Gambit file (substitute symbols first)", value)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class _Tokens:
    """A cursor over the tokens of a Gambit file: quoted strings, braces, commas and words."""

    def __init__(self, text: str, source: str) -> None:
        self.items: list[tuple[str, str]] = []
        for match in _TOKEN.finditer(text):
            if match.group(1) is not None:
                self.items.append(("string", re.sub(r"\\(.)", r"\1", match.group(1))))
            elif match.group(2) is not None:
                if match.group(2) != ",":
                    self.items.append(("brace", match.group(2)))
            else:
                self.items.append(("word", match.group(3)))
        self.position = 0
        self.source = source

    def peek(self) -> tuple[str, str] | None:
        return self.items[self.position] if self.position < len(self.items) else None

    def take(self, kind: str, value: str | None = None) -> str:
        item = self.peek()
        if item is None or item[0] != kind or (value is not None and item[1] != value):
            wanted = value if value is not None else kind
            got = "the end of the file" if item is None else item[1]
            raise ParameterValueError(
                self.source, f"a valid Gambit file: {wanted!r} expected at token {self.position}", got
            )
        self.position += 1
        return item[1]

    def strings(self) -> list[str]:
        self.take("brace", "{")
        result = []
        while self.peek() != ("brace", "}"):
            result.append(self.take("string"))
        self.take("brace", "}")
        return result

    def number(self) -> Fraction | float:
        word = self.take("word")
        try:
            return Fraction(word) if re.fullmatch(r"[+-]?\d+(/\d+)?", word) else float(word)
        except ValueError:
            raise ParameterValueError(self.source, "a valid Gambit file: a number", word) from None

    def numbers(self) -> list[Fraction | float]:
        self.take("brace", "{")
        result = []
        while self.peek() != ("brace", "}"):
            result.append(self.number())
        self.take("brace", "}")
        return result


# --------------------------------------------------------------------------- nfg


def write_nfg(game: StageGame, title: str = "") -> str:
    """The ``.nfg`` text (payoff version) of a two-player stage game.

    >>> from bargaining.games.named import prisoners_dilemma
    >>> write_nfg(prisoners_dilemma(), title="PD").splitlines()[0]
    'NFG 1 R "PD" { "Row" "Column" } { { "cooperate" "defect" } { "cooperate" "defect" } }'
    """
    if game.kind == "symbolic":
        raise ParameterTypeError("game", "numeric payoffs to write to a Gambit file", game.kind)
    n, m = game.shape
    header = (
        f"NFG 1 R {_quote(title)} {{ {' '.join(map(_quote, game.players))} }} "
        f"{{ {{ {' '.join(map(_quote, game.row_actions))} }} {{ {' '.join(map(_quote, game.column_actions))} }} }}"
    )
    payoffs = [
        f"{_number(game.row_payoffs[i][j])} {_number(game.column_payoffs[i][j])}"
        for j in range(m)
        for i in range(n)
    ]
    return header + '\n""\n\n' + " ".join(payoffs) + "\n"


def read_nfg(text: str) -> StageGame:
    """A two-player :class:`StageGame` from ``.nfg`` text (payoff or outcome version).

    >>> from bargaining.games.named import prisoners_dilemma
    >>> read_nfg(write_nfg(prisoners_dilemma())).row_payoffs == prisoners_dilemma().row_payoffs
    True
    """
    tokens = _Tokens(text, "nfg")
    tokens.take("word", "NFG")
    tokens.take("word")
    tokens.take("word")
    tokens.take("string")
    players = tokens.strings()
    if len(players) != 2:
        raise ParameterValueError("nfg", "a two-player game", len(players))
    tokens.take("brace", "{")
    actions = []
    while tokens.peek() != ("brace", "}"):
        if tokens.peek() == ("brace", "{"):
            actions.append(_distinct(tokens.strings()))
        else:
            count = int(tokens.take("word"))
            actions.append([str(k + 1) for k in range(count)])
    tokens.take("brace", "}")
    if tokens.peek() is not None and tokens.peek()[0] == "string":  # type: ignore[index]
        tokens.take("string")
    n, m = len(actions[0]), len(actions[1])
    if tokens.peek() == ("brace", "{"):
        tokens.take("brace", "{")
        outcomes: list[list[Fraction | float]] = []
        while tokens.peek() == ("brace", "{"):
            tokens.take("brace", "{")
            tokens.take("string")
            values = []
            while tokens.peek() != ("brace", "}"):
                values.append(tokens.number())
            tokens.take("brace", "}")
            outcomes.append(values)
        tokens.take("brace", "}")
        flat: list[list[Any]] = []
        for _ in range(n * m):
            index = int(tokens.take("word"))
            flat.append(outcomes[index - 1] if index > 0 else [Fraction(0), Fraction(0)])
    else:
        numbers = [tokens.number() for _ in range(2 * n * m)]
        flat = [numbers[2 * k : 2 * k + 2] for k in range(n * m)]
    row = [[flat[j * n + i][0] for j in range(m)] for i in range(n)]
    column = [[flat[j * n + i][1] for j in range(m)] for i in range(n)]
    return StageGame(row, column, tuple(actions[0]), tuple(actions[1]), (players[0], players[1]))


# --------------------------------------------------------------------------- efg


def write_efg(tree: GameTree) -> str:
    """The ``.efg`` text of a game tree (payoffs and probabilities written exactly).

    >>> from bargaining.games.tree import GameTree, decide, outcome
    >>> tree = GameTree(("A", "B"), decide("A", {"l": outcome(1, 0), "r": outcome(0, 1)}))
    >>> write_efg(tree).splitlines()[0]
    'EFG 2 R "" { "A" "B" }'
    """
    if tree.kind == "symbolic":
        raise ParameterTypeError("tree", "numeric payoffs to write to a Gambit file", tree.kind)
    lines = [f"EFG 2 R {_quote(tree.title)} {{ {' '.join(map(_quote, tree.players))} }}", '""', ""]
    numbers: dict[int, int] = {}
    counters = [0] * len(tree.players)
    chance_count = 0
    outcome_count = 0
    for node in range(tree.size):
        kind = tree.node_type[node]
        if kind == TERMINAL:
            outcome_count += 1
            payoffs = ", ".join(_number(v) for v in tree.payoffs(node))
            lines.append(f't "" {outcome_count} {_quote(tree.leaf_labels[node])} {{ {payoffs} }}')
        elif kind == CHANCE:
            chance_count += 1
            moves = " ".join(
                f"{_quote(a)} {_number(p)}" for a, p in zip(tree.actions[node], tree.probabilities[node])
            )
            lines.append(f'c "" {chance_count} "" {{ {moves} }} 0')
        else:
            infoset = tree.infoset_of(node)
            player = tree.node_player[node]
            if tree.node_infoset[node] not in numbers:
                counters[player] += 1
                numbers[tree.node_infoset[node]] = counters[player]
            actions = " ".join(map(_quote, infoset.actions))
            lines.append(
                f'p "" {player + 1} {numbers[tree.node_infoset[node]]} {_quote(infoset.label)} {{ {actions} }} 0'
            )
    return "\n".join(lines) + "\n"


def _distinct(labels: list[str]) -> list[str]:
    """Action labels made distinct as Gambit does not require: a repeated label gets its position
    (``"1/2"``, ``"1/2"`` becomes ``"1/2"``, ``"1/2 (2)"``), an empty one its position alone."""
    result: list[str] = []
    for position, label in enumerate(labels, start=1):
        candidate = label or str(position)
        while candidate in result:
            candidate = f"{candidate} ({position})"
        result.append(candidate)
    return result


def read_efg(text: str) -> GameTree:
    """A :class:`GameTree` from ``.efg`` text. Outcomes at inner nodes are added to the leaves below.

    >>> from bargaining.games.tree import GameTree, decide, outcome
    >>> tree = GameTree(("A", "B"), decide("A", {"l": outcome(1, 0), "r": outcome(0, 1)}))
    >>> read_efg(write_efg(tree)).size
    3
    """
    tokens = _Tokens(text, "efg")
    tokens.take("word", "EFG")
    tokens.take("word")
    tokens.take("word")
    title = tokens.take("string")
    players = tokens.strings()
    if tokens.peek() is not None and tokens.peek()[0] == "string":  # type: ignore[index]
        tokens.take("string")
    outcomes: dict[int, tuple[str, list[Any]]] = {}
    infoset_actions: dict[tuple[int, int], tuple[str, list[str], list[Any]]] = {}
    zero = [Fraction(0)] * len(players)

    def read_outcome() -> list[Any]:
        number = int(tokens.take("word"))
        if tokens.peek() is not None and tokens.peek()[0] == "string":  # type: ignore[index]
            label = tokens.take("string")
            outcomes[number] = (label, tokens.numbers())
        if number == 0:
            return zero
        if number not in outcomes:
            raise ParameterValueError("efg", "outcomes defined before they are reused", number)
        return outcomes[number][1]

    used: dict[str, tuple[int, int]] = {}

    def _infoset_label(name: str, player: int, infoset: int) -> str:
        """Gambit identifies an information set by (player, number), not by its label, which may
        be empty or shared: the label is kept where it is unique, else made so."""
        candidates = [name] if name else []
        candidates += [
            f"{name} ({player}:{infoset})"
            if name
            else f"{players[player - 1] if player else 'chance'}:{infoset}"
        ]
        for label in candidates:
            if used.setdefault(label, (player, infoset)) == (player, infoset):
                return label
        raise ParameterValueError(
            "efg", "information sets with distinguishable labels", name
        )  # pragma: no cover

    # each frame: (kind, data, children so far, number of children expected, accumulated payoff)
    stack: list[list[Any]] = []
    root: Node | None = None
    while tokens.peek() is not None:
        marker = tokens.take("word")
        tokens.take("string")
        base = stack[-1][4] if stack else zero
        if marker == "t":
            number = int(tokens.take("word"))
            label = ""
            if tokens.peek() is not None and tokens.peek()[0] == "string":  # type: ignore[index]
                label = tokens.take("string")
                outcomes[number] = (label, tokens.numbers())
            values = outcomes[number][1] if number else zero
            label = outcomes[number][0] if number else label
            node: Node = Outcome(tuple(b + v for b, v in zip(base, values)), label)
        elif marker in ("p", "c"):
            player = int(tokens.take("word")) if marker == "p" else 0
            infoset = int(tokens.take("word"))
            name = tokens.take("string") if tokens.peek() is not None and tokens.peek()[0] == "string" else ""  # type: ignore[index]
            if tokens.peek() == ("brace", "{"):
                tokens.take("brace", "{")
                labels, weights = [], []
                while tokens.peek() != ("brace", "}"):
                    labels.append(tokens.take("string"))
                    if marker == "c":
                        weights.append(tokens.number())
                tokens.take("brace", "}")
                infoset_actions[(player, infoset)] = (
                    _infoset_label(name, player, infoset),
                    _distinct(labels),
                    weights,
                )
            if (player, infoset) not in infoset_actions:
                raise ParameterValueError(
                    "efg", "actions listed at an information set's first node", (player, infoset)
                )
            name, labels, weights = infoset_actions[(player, infoset)]
            extra = read_outcome()
            stack.append(
                [
                    marker,
                    (player, infoset, name, labels, weights),
                    [],
                    len(labels),
                    [b + v for b, v in zip(base, extra)],
                ]
            )
            continue
        else:
            raise ParameterValueError("efg", "node lines starting with p, c or t", marker)
        while True:
            if not stack:
                root = node
                break
            stack[-1][2].append(node)
            if len(stack[-1][2]) < stack[-1][3]:
                break
            marker, (player, infoset, name, labels, weights), children, _, _ = stack.pop()
            if marker == "c":
                node = Chance(tuple(zip(labels, weights, children)))
            else:
                node = Decision(players[player - 1], tuple(zip(labels, children)), name)
    if root is None or stack:
        raise ParameterValueError("efg", "a complete tree", "a truncated node list")
    return GameTree(tuple(players), root, title)

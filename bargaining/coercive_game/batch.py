r"""Many coercive bargaining games at once: one array per primitive, with a leading point axis.

A :class:`GameBatch` holds :math:`P` games that share their number of types :math:`n`, their
starting front and whether they have battles; every other primitive (the horizon, the decisive
margin and the ultimatum's deadline included) is an array of :math:`P` values, one per point of
a parameter grid or of a quasi-Monte Carlo sample. It is what
:func:`~bargaining.coercive_game.grid_batch.solve_batch` solves in one vectorised backward
induction. The fields and their meaning are :class:`~bargaining.coercive_game.CoerciveGame`'s
and :class:`~bargaining.coercive_game.UltimatumDesign`'s (float kind only; the fronts' shares
are the default :math:`(m + M)/(2M)`; the game starts at war, as the grid solver requires).
Settlements are permanent unless ``self_enforcing`` is set for the whole batch: then they are
ceasefires (:mod:`~bargaining.coercive_game.durability`) with a renege gain, a guarantee and a
rearmament path of :math:`K` shifts per point (the same :math:`K` at every point).

Validation is vectorised: :func:`point_errors` names, for every point that makes the game
undefined, the first offending field, the requirement and the value (a
:class:`~bargaining.core.errors.ParameterValueError`), and the constructor raises the first of
them, so a caller can also leave the bad points out and solve the rest.

>>> import numpy as np
>>> batch = GameBatch(discount=np.array([0.5, 0.9]), horizon=np.array([0, 2]), resolve=np.array([[0.0, 1.0]] * 2),
...                   target_cost_resolve=0.2)
>>> batch.points, batch.types
(2, 2)
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..core.errors import ParameterTypeError, ParameterValueError
from .model import _MAX_MARGIN, CoerciveGame
from .strategy import _MAX_HORIZON, UltimatumDesign

__all__ = ["GameBatch", "point_errors"]

#: The real-valued primitives, each broadcast to one value per point, and their requirement.
_REALS: dict[str, tuple[str, float, float, bool, bool]] = {
    # name: (requirement, low, high, low open, high open)
    "discount": ("a discount factor in (0, 1)", 0.0, 1.0, True, True),
    "power": ("a probability in [0, 1]", 0.0, 1.0, False, False),
    "true_odds": ("a probability in [0, 1]", 0.0, 1.0, False, False),
    "cost_coercer": ("non-negative", 0.0, np.inf, False, True),
    "target_cost": ("non-negative", 0.0, np.inf, False, True),
    "target_cost_resolve": ("non-negative", 0.0, np.inf, False, True),
    "threat_loss": ("non-negative", 0.0, np.inf, False, True),
    "screw": ("non-negative", 0.0, np.inf, False, True),
    "screw_cost": ("non-negative", 0.0, np.inf, False, True),
    "carrot": ("non-negative", 0.0, np.inf, False, True),
    "carrot_efficiency": ("non-negative", 0.0, np.inf, False, True),
    "carrot_credibility": ("a probability in [0, 1]", 0.0, 1.0, False, False),
    "execution_low": ("a finite real number", -np.inf, np.inf, True, True),
    "execution_high": ("a finite real number", -np.inf, np.inf, True, True),
    "demand": ("a probability in [0, 1]", 0.0, 1.0, False, False),
    "audience_cost": ("non-negative", 0.0, np.inf, False, True),
    "schelling_risk": ("a probability in [0, 1]", 0.0, 1.0, False, False),
    "renege_gain_coercer": ("non-negative", 0.0, np.inf, False, True),
    "renege_gain_target": ("non-negative", 0.0, np.inf, False, True),
    "guarantee": ("non-negative", 0.0, np.inf, False, True),
}
_DEFAULTS = {
    "power": 0.5,
    "true_odds": 0.5,
    "carrot_efficiency": 1.0,
    "carrot_credibility": 1.0,
    "execution_low": -1.0,
    "demand": 1.0,
}


def _points(fields: Mapping[str, Any]) -> int:
    resolve = np.asarray(fields["resolve"])
    if resolve.ndim != 2 or resolve.shape[1] < 1:
        raise ParameterValueError("resolve", "an array of shape (points, types)", resolve.shape)
    return int(resolve.shape[0])


def _real(name: str, value: Any, points: int) -> np.ndarray:
    if isinstance(value, bool) or np.asarray(value).dtype.kind not in "iuf":
        raise ParameterTypeError(name, "real numbers (a float or an array of one per point)", value)
    array = np.asarray(value, dtype=float)
    if array.ndim == 0:
        return np.full(points, float(array))
    if array.shape != (points,):
        raise ParameterValueError(name, f"a number or an array of shape ({points},)", array.shape)
    return array


def _integer(name: str, value: Any, points: int) -> np.ndarray:
    array = np.asarray(value)
    if isinstance(value, bool) or array.dtype.kind not in "iu":
        raise ParameterTypeError(name, "integers (an int or an integer array of one per point)", value)
    if array.ndim == 0:
        return np.full(points, int(array), dtype=np.int64)
    if array.shape != (points,):
        raise ParameterValueError(name, f"an integer or an array of shape ({points},)", array.shape)
    return array.astype(np.int64)


def point_errors(fields: Mapping[str, Any]) -> dict[int, ParameterValueError]:
    """Every point that makes the game undefined, with its first offending field (vectorised).

    ``fields`` are :class:`GameBatch`'s keyword arguments; an argument of the wrong shape or
    kind raises at once (it is not one point's fault).

    >>> import numpy as np
    >>> errors = point_errors({"discount": np.array([0.5, 1.5]), "horizon": 1, "resolve": np.array([[0.5]] * 2)})
    >>> print(errors[1])
    discount[1] must be a discount factor in (0, 1) (got 1.5)
    """
    points = _points(fields)
    found: dict[int, ParameterValueError] = {}

    def flag(bad: np.ndarray, name: str, requirement: str, values: np.ndarray) -> None:
        for index in np.flatnonzero(bad):
            found.setdefault(
                int(index), ParameterValueError(f"{name}[{index}]", requirement, values[index].tolist())
            )

    reals = {}
    for name, (requirement, low, high, low_open, high_open) in _REALS.items():
        value = _real(name, fields.get(name, _DEFAULTS.get(name, 0.0)), points)
        below = (value <= low) if low_open else (value < low)
        above = (value >= high) if high_open else (value > high)
        flag(~np.isfinite(value) | below | above, name, requirement, value)
        reals[name] = value
    flag(
        reals["execution_high"] < reals["execution_low"],
        "execution_high",
        "at least execution_low",
        reals["execution_high"],
    )
    horizon = _integer("horizon", fields["horizon"], points)
    flag((horizon < 0) | (horizon > _MAX_HORIZON), "horizon", f"an integer in [0, {_MAX_HORIZON}]", horizon)
    deadline = _integer("deadline", fields.get("deadline", 0), points)
    flag((deadline < 0) | (deadline > horizon), "deadline", "an integer in [0, the horizon]", deadline)
    start_front = fields.get("start_front", 0)
    if isinstance(start_front, bool) or not isinstance(start_front, (int, np.integer)):
        raise ParameterTypeError("start_front", "an integer (one for every point)", start_front)
    if fields.get("margin") is not None:
        margin = _integer("margin", fields["margin"], points)
        flag((margin < 1) | (margin > _MAX_MARGIN), "margin", f"an integer in [1, {_MAX_MARGIN}]", margin)
        flag(
            margin <= abs(int(start_front)),
            "margin",
            f"above |start_front| = {abs(int(start_front))}",
            margin,
        )
    elif start_front != 0:
        raise ParameterValueError("start_front", "0 when there are no battles (margin=None)", start_front)
    resolve = np.asarray(fields["resolve"], dtype=float)
    outside = ~np.all(np.isfinite(resolve) & (resolve >= 0) & (resolve <= 1), axis=1)
    flag(outside, "resolve", "types in [0, 1]", resolve)
    flag(np.any(np.diff(resolve, axis=1) <= 0, axis=1), "resolve", "strictly increasing types", resolve)
    weights = fields.get("type_weights")
    if weights is not None:
        weights = np.asarray(weights, dtype=float)
        if weights.shape != resolve.shape:
            raise ParameterValueError("type_weights", f"an array of shape {resolve.shape}", weights.shape)
        flag(~np.all(weights > 0, axis=1), "type_weights", "positive weights", weights)
        flag(np.abs(weights.sum(axis=1) - 1) > 1e-12, "type_weights", "probabilities summing to 1", weights)
    if resolve.shape[1] > 1:
        flag(
            (reals["target_cost_resolve"] == 0) & (reals["threat_loss"] == 0),
            "target_cost_resolve",
            "positive, or threat_loss positive, when there are several types (the type maps must be monotone)",
            reals["target_cost_resolve"],
        )
    _check_durability(fields, reals, points, flag)
    for name in ("prior_coercer", "prior_target"):
        prior = fields.get(name)
        if prior is None:
            continue
        prior = np.asarray(prior, dtype=float)
        if prior.shape != (points, 2):
            raise ParameterValueError(
                name, f"an array of shape ({points}, 2) (NaN rows: the odds known)", prior.shape
            )
        known = np.all(np.isnan(prior), axis=1)
        flag(~known & ~np.all(np.isfinite(prior) & (prior > 0), axis=1), name, "a proper Beta prior", prior)
    return dict(sorted(found.items()))


def _check_durability(
    fields: Mapping[str, Any], reals: dict[str, np.ndarray], points: int, flag: Any
) -> None:
    """The ceasefire's fields: declared only with ``self_enforcing``, shifts keeping every
    fighting share (:math:`(m + M)/(2M)`, or ``power`` without battles) in [0, 1]."""
    enforcing = fields.get("self_enforcing", False)
    if not isinstance(enforcing, bool):
        raise ParameterTypeError("self_enforcing", "a bool", enforcing)
    rearmament = fields.get("rearmament")
    if not enforcing:
        if rearmament is not None:
            raise ParameterValueError("self_enforcing", "True when rearmament is given", False)
        for name in ("renege_gain_coercer", "renege_gain_target", "guarantee"):
            flag(reals[name] != 0, "self_enforcing", f"True when {name} is given", reals[name])
        return
    if rearmament is None:
        return
    shifts = np.asarray(rearmament, dtype=float)
    if shifts.ndim != 2 or shifts.shape[0] != points or shifts.shape[1] > _MAX_HORIZON:
        raise ParameterValueError(
            "rearmament", f"an array of shape ({points}, K), K at most {_MAX_HORIZON}", shifts.shape
        )
    if fields.get("margin") is None:
        low = high = reals["power"]
    else:
        margin = np.asarray(fields["margin"], dtype=float) * np.ones(points)
        low, high = 1 / (2 * margin), 1 - 1 / (2 * margin)
    outside = ~np.all(
        np.isfinite(shifts) & (low[:, None] + shifts >= 0) & (high[:, None] + shifts <= 1), axis=1
    )
    flag(outside, "rearmament", "shifts keeping every fighting share in [0, 1]", shifts)


@dataclass(frozen=True)
class GameBatch:
    r"""Many coercive bargaining games (and one ultimatum design each) as arrays, one row per point.

    Every real field is a float or an array of shape ``(P,)``; ``horizon``, ``margin`` and
    ``deadline`` integers or integer arrays of shape ``(P,)``; ``resolve`` (and ``type_weights``,
    equal weights by default) an array of shape ``(P, n)``; ``prior_coercer`` and ``prior_target``
    ``None`` (every point knows the odds) or shape ``(P, 2)``, a row of NaN meaning the odds are
    known at that point. ``margin=None``: no battles at any point (the flow share is ``power``).
    ``demand``, ``deadline``, ``audience_cost`` and ``schelling_risk`` are the ultimatum's.
    ``self_enforcing`` (one bool for the batch), ``renege_gain_coercer``, ``renege_gain_target``,
    ``guarantee`` and ``rearmament`` (``None`` or shape ``(P, K)``) are the ceasefire's.

    Raises
    ------
    ParameterValueError
        The first point that makes the game undefined (see :func:`point_errors`).

    Examples
    --------
    A scalar is broadcast to every point, and the type weights default to equal:

    >>> import numpy as np
    >>> batch = GameBatch(discount=np.array([0.5, 0.9, 0.95]), horizon=2, resolve=np.array([[0.0, 1.0]] * 3),
    ...                   target_cost_resolve=0.2)
    >>> batch.horizon, batch.power
    (array([2, 2, 2]), array([0.5, 0.5, 0.5]))
    >>> batch.type_weights[0]
    array([0.5, 0.5])
    >>> GameBatch(discount=np.array([0.5, 1.5]), horizon=2, resolve=np.array([[0.5]] * 2))
    Traceback (most recent call last):
    ...
    bargaining.core.errors.ParameterValueError: discount[1] must be a discount factor in (0, 1) (got 1.5)
    """

    discount: Any
    horizon: Any
    resolve: Any
    type_weights: Any = None
    power: Any = 0.5
    margin: Any = None
    start_front: int = 0
    true_odds: Any = 0.5
    prior_coercer: Any = None
    prior_target: Any = None
    cost_coercer: Any = 0.0
    target_cost: Any = 0.0
    target_cost_resolve: Any = 0.0
    threat_loss: Any = 0.0
    screw: Any = 0.0
    screw_cost: Any = 0.0
    carrot: Any = 0.0
    carrot_efficiency: Any = 1.0
    carrot_credibility: Any = 1.0
    execution_low: Any = -1.0
    execution_high: Any = 0.0
    demand: Any = 1.0
    deadline: Any = 0
    audience_cost: Any = 0.0
    schelling_risk: Any = 0.0
    self_enforcing: bool = False
    renege_gain_coercer: Any = 0.0
    renege_gain_target: Any = 0.0
    guarantee: Any = 0.0
    rearmament: Any = None

    def __post_init__(self) -> None:
        fields = {item.name: getattr(self, item.name) for item in dataclasses.fields(self)}
        errors = point_errors(fields)
        if errors:
            raise next(iter(errors.values()))
        points = _points(fields)
        for name in _REALS:
            object.__setattr__(self, name, _real(name, fields[name], points))
        for name in ("horizon", "deadline") + (() if self.margin is None else ("margin",)):
            object.__setattr__(self, name, _integer(name, fields[name], points))
        resolve = np.asarray(self.resolve, dtype=float)
        object.__setattr__(self, "resolve", resolve)
        weights = self.type_weights
        weights = (
            np.full(resolve.shape, 1.0 / resolve.shape[1]) if weights is None else np.asarray(weights, float)
        )
        object.__setattr__(self, "type_weights", weights)
        object.__setattr__(self, "start_front", int(self.start_front))
        for name in ("prior_coercer", "prior_target", "rearmament"):
            if getattr(self, name) is not None:
                object.__setattr__(self, name, np.asarray(getattr(self, name), dtype=float))

    @property
    def points(self) -> int:
        """:math:`P`, the number of games.

        >>> import numpy as np
        >>> GameBatch(discount=np.array([0.5, 0.9, 0.95]), horizon=1, resolve=np.array([[0.5]] * 3)).points
        3
        """
        return int(self.resolve.shape[0])

    @property
    def types(self) -> int:
        """:math:`n`, the number of target types of every game.

        >>> import numpy as np
        >>> GameBatch(discount=0.9, horizon=1, resolve=np.array([[0.2, 0.5, 0.8]]), target_cost_resolve=0.1).types
        3
        """
        return int(self.resolve.shape[1])

    def select(self, rows: Any) -> GameBatch:
        """The games at ``rows`` (an index array or a boolean mask), as a new batch.

        >>> import numpy as np
        >>> batch = GameBatch(discount=np.array([0.5, 0.9]), horizon=1, resolve=np.array([[0.5]] * 2))
        >>> batch.select(np.array([False, True])).discount
        array([0.9])
        """
        changes: dict[str, Any] = {}
        for item in dataclasses.fields(self):
            value = getattr(self, item.name)
            if isinstance(value, np.ndarray):
                changes[item.name] = value[rows]
        return dataclasses.replace(self, **changes)

    @classmethod
    def from_games(
        cls, games: Sequence[CoerciveGame], designs: Sequence[UltimatumDesign] | None = None
    ) -> GameBatch:
        """The batch of ``games`` (and their ``designs``): a Python loop over the games, to build
        batches from single games (tests, small grids); large batches are built from arrays.

        The games must share their number of types, their starting front, whether they have
        battles, whether settlements are self-enforcing (and then the number of rearmament
        shifts), use the default front shares and be solvable on the grid (no renewed demands, a
        start at war, no vagueness).

        >>> game = CoerciveGame(discount=0.5, horizon=1, resolve=(0.0, 1.0), target_cost_resolve=0.2)
        >>> GameBatch.from_games([game, game]).points
        2
        """
        if not games:
            raise ParameterValueError("games", "at least one game", games)
        first = games[0]
        for index, game in enumerate(games):
            if (game.types, game.start_front, game.margin is None) != (
                first.types,
                first.start_front,
                first.margin is None,
            ):
                raise ParameterValueError(
                    f"games[{index}]", "the first game's number of types, start front and battles", game
                )
            default = (
                None
                if game.margin is None
                else CoerciveGame(discount=0.5, horizon=0, resolve=(0.5,), margin=game.margin).front_shares
            )
            if game.front_shares is not None and tuple(map(float, game.front_shares)) != tuple(
                map(float, default or ())
            ):
                raise ParameterValueError(
                    f"games[{index}].front_shares", "the default (m + M)/(2M)", game.front_shares
                )
            if (game.self_enforcing, len(game.rearmament or ())) != (
                first.self_enforcing,
                len(first.rearmament or ()),
            ):
                raise ParameterValueError(
                    f"games[{index}]", "the first game's self_enforcing and number of rearmament shifts", game
                )
            if game.assurance != 1 or game.start != "war":
                raise NotImplementedError(f"games[{index}]: renewed demands and crises are not batched")
        designs = designs if designs is not None else [UltimatumDesign(demand=1.0, deadline=0)] * len(games)
        if len(designs) != len(games):
            raise ParameterValueError("designs", f"one design per game ({len(games)})", len(designs))
        if any(float(design.vagueness) != 0 for design in designs):
            raise NotImplementedError("a vague ultimatum is solved by solve_exact only")

        def column(name: str) -> np.ndarray:
            return np.array([float(getattr(game, name)) for game in games])

        def prior(name: str) -> np.ndarray | None:
            rows = [getattr(game, name) for game in games]
            if all(row is None for row in rows):
                return None
            return np.array([[np.nan, np.nan] if row is None else [float(v) for v in row] for row in rows])

        reals = {
            name: column(name) for name in _REALS if name not in ("demand", "audience_cost", "schelling_risk")
        }
        shifts = len(first.rearmament or ())
        return cls(
            **reals,
            horizon=np.array([game.horizon for game in games]),
            resolve=np.array([[float(v) for v in game.resolve] for game in games]),
            type_weights=np.array([[float(v) for v in game.weights] for game in games]),
            margin=None if first.margin is None else np.array([game.margin for game in games]),
            start_front=first.start_front,
            prior_coercer=prior("prior_coercer"),
            prior_target=prior("prior_target"),
            demand=np.array([float(design.demand) for design in designs]),
            deadline=np.array([design.deadline for design in designs]),
            audience_cost=np.array([float(design.audience_cost) for design in designs]),
            schelling_risk=np.array([float(design.schelling_risk) for design in designs]),
            self_enforcing=first.self_enforcing,
            rearmament=(
                np.array([[float(v) for v in game.rearmament or ()] for game in games]) if shifts else None
            ),
        )

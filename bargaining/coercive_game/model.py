# ruff: noqa: RUF009 - parameter() returns a dataclass field, like dataclasses.field
r"""The coercive bargaining game: one set of primitives for the war as one game.

Units, once. The stake is a flow of 1 per period of a declared length (``period_length`` in
``period_unit``, a month by default); every value is the normalised present value
:math:`(1-\delta)\sum_t \delta^t u_t`. A permanent settlement :math:`x` is worth :math:`x`, a
cost :math:`c` paid every period forever is worth :math:`c`, and a one-off amount :math:`S` at
period :math:`t` (the threat's loss, a carrot, the coercer's execution value) counts
:math:`\delta^t S`.

Primitives.

* Periods :math:`t = 0, \dots, H`; discount :math:`\delta` per period; the game starts at war or
  in a crisis (``start``; a status quo paying :math:`x_0` to C and no costs until a refusal starts
  the war: at once under try-and-see and the screw, after the deadline under an ultimatum).
* The front :math:`m_t \in \{-M, \dots, M\}` from ``start_front``; each period of war is one
  battle that the coercer C wins with probability :math:`\theta` (``true_odds``); :math:`|m| = M`
  ends the war and the winner takes the whole stake forever. While fighting, C's flow is
  :math:`\pi(m)` (``front_shares``, by default :math:`(m + M)/(2M)`) and the target T's is
  :math:`1 - \pi(m)`, each minus its costs. ``margin=None`` means no battles: :math:`\pi \equiv`
  ``power``. After :math:`H` the front freezes and the war goes on forever with no more offers.
* Beliefs over :math:`\theta`: each side holds its own Beta prior (commonly known, possibly
  different) updated on the public battles; ``None`` means the side knows :math:`\theta`.
* The target's type :math:`\tau` (resolve), private, with finitely many values ``resolve`` and
  probabilities ``type_weights`` (a point mass is complete information). Its cost of a period of
  war is :math:`c_T(\tau, t) = c_0 + c_1 (1 - \tau) + \gamma t` and its one-off loss from the threat
  :math:`L(\tau) = \ell (1 - \tau)`. C's cost is :math:`c_C + \eta \gamma t`.
* The threat: C's execution value :math:`w \sim U[w_\text{lo}, w_\text{hi}]`, learned at the
  deadline; with audience cost :math:`a` and Schelling's risk :math:`\rho` the threat is executed
  with probability :math:`e = \rho + (1 - \rho) P(w \ge -a)` (George 1991; Schelling 1960; Fearon
  1994 for audience costs).
* A carrot :math:`s` comes with every settlement: worth :math:`s` to T, costing C
  :math:`\kappa s`, delivered with probability :math:`q`.

Settlements are permanent unless ``self_enforcing`` is set: then a settlement is a ceasefire that
each side keeps only while keeping beats a one-off renege gain :math:`g_i` minus the guarantee
:math:`G` plus war at the frozen front, whose share moves by the declared ``rearmament`` (see
:mod:`bargaining.coercive_game.durability`). With ``assurance`` below 1, C's aims are drawn at the first compliance and unlimited aims renew the
demand (see :mod:`bargaining.coercive_game.renewal`).

>>> from fractions import Fraction
>>> game = CoerciveGame(discount=Fraction(9, 10), horizon=2, resolve=(0, Fraction(1, 2), 1),
...                     power=Fraction(1, 2), target_cost=Fraction(1, 20), target_cost_resolve=Fraction(1, 5))
>>> game.kind, game.types
('exact', 3)
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ..core.errors import ParameterTypeError, ParameterValueError
from ..core.parameters import DISCOUNT, NONNEGATIVE, POSITIVE, PROBABILITY, REAL, declared, parameter, setting
from ..core.values import Kind, check_probability
from .strategy import _MAX_HORIZON, STRATEGIES, UltimatumDesign, _check_integer

if TYPE_CHECKING:
    from .results import GameSolution

__all__ = ["STRATEGIES", "CoerciveGame", "UltimatumDesign"]

_MAX_MARGIN = 10**4


def _as_number(name: str, value: Any, kind: Kind) -> Any:
    if isinstance(value, bool) or not isinstance(value, (int, Fraction, float)):
        raise ParameterTypeError(name, "a real number (int, Fraction or float)", value)
    if kind == "float":
        return float(value)
    if isinstance(value, float):
        raise ParameterTypeError(name, "exact (int or Fraction) like the scalar fields", value)
    return Fraction(value)


def _sequence(name: str, value: Any, kind: Kind) -> tuple[Any, ...]:
    if not isinstance(value, (tuple, list)) or not value:
        raise ParameterTypeError(name, "a non-empty tuple of numbers", value)
    return tuple(_as_number(f"{name}[{index}]", item, kind) for index, item in enumerate(value))


def _beta(name: str, value: Any, kind: Kind) -> tuple[Any, Any] | None:
    if value is None:
        return None
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        raise ParameterValueError(
            name, "a proper Beta prior (alpha, beta) with alpha, beta > 0, or None", value
        )
    pair = _sequence(name, value, kind)
    if not all(item > 0 for item in pair):
        raise ParameterValueError(
            name, "a proper Beta prior (alpha, beta) with alpha, beta > 0, or None", value
        )
    return pair[0], pair[1]


@dataclass(frozen=True, slots=True)
@declared
class CoerciveGame:
    r"""The coercive bargaining game's primitives (see the module docstring for the maths).

    Parameters
    ----------
    discount : in (0, 1)
        :math:`\delta` per period.
    horizon : int >= 0
        :math:`H`, the last period with an offer and a battle.
    resolve : tuple of numbers in [0, 1], strictly increasing
        The target's possible types :math:`\tau`.
    type_weights : tuple of probabilities summing to 1, or None (equal weights)
        The prior over the types; atoms are valid (one type is complete information).
    power : probability
        :math:`\pi \equiv p`, C's flow share while fighting when there are no battles.
    margin : int >= 1 or None
        :math:`M`, the decisive margin of the front; ``None``: no battles.
    front_shares : tuple of 2M + 1 probabilities or None
        :math:`\pi(-M), \dots, \pi(M)`, C's flow while fighting at each front position; by default
        :math:`(m + M)/(2M)`. The two ends are never paid as flows (the war is over there).
    start_front : int, :math:`|m_0| < M`
        :math:`m_0`.
    true_odds : probability
        :math:`\theta`, under which outcome probabilities are computed.
    prior_coercer, prior_target : (alpha, beta) with alpha, beta > 0, or None
        Each side's Beta prior over :math:`\theta`; ``None``: the side knows :math:`\theta`.
    cost_coercer, target_cost, target_cost_resolve : non-negative
        :math:`c_C, c_0, c_1` per period.
    threat_loss : non-negative
        :math:`\ell`, the scale of T's one-off loss from the threat.
    screw, screw_cost : non-negative
        :math:`\gamma`, the rise of T's cost per period under the screw, and :math:`\eta`, C's
        cost per unit of it.
    carrot, carrot_efficiency, carrot_credibility
        :math:`s \ge 0`, :math:`\kappa \ge 0`, :math:`q \in [0, 1]`.
    execution_low, execution_high : real, low <= high
        The support of C's execution value :math:`w`.
    period_length : positive
        The length of a period, in ``period_unit``.
    self_enforcing : bool
        ``False`` (default): settlements are permanent. ``True``: a settlement is a ceasefire kept
        only while it beats reneging (:mod:`~bargaining.coercive_game.durability`).
    rearmament : tuple of numbers or None
        :math:`d_1, \dots, d_K`: the shift of C's war share at the frozen front in the k-th
        period after a settlement (the last holds for ever); ``None``: no shift.
    renege_gain_coercer, renege_gain_target, guarantee : non-negative
        The one-off gains :math:`g_C, g_T` from breaking a ceasefire and the guarantee :math:`G`
        a violator pays (one-off amounts, in the game's units).
    assurance : probability
        :math:`a`, the chance that C's aims, drawn at the first compliance, are limited; otherwise
        C renews the demand after every compliance (:mod:`~bargaining.coercive_game.renewal`).
        1 by default (no renewed demands).
    start : ``"war"`` or ``"crisis"``
        In a crisis no one fights yet: the status quo pays ``status_quo`` :math:`x_0` to C and no
        costs. A refusal starts the war under try-and-see and the screw (so they are the game
        started at war) and keeps the status quo until the deadline under an ultimatum (no battle,
        no cost, the front and beliefs unchanged); the war starts after the deadline, and if the
        deadline is the horizon the status quo lasts for ever.
    status_quo : probability
        :math:`x_0`, C's share in the crisis (0 unless ``start="crisis"``).
    period_unit : str
        ``"month"`` by default.

    Raises
    ------
    ParameterValueError
        A value outside its domain, naming the field, the requirement and the value.

    >>> from fractions import Fraction
    >>> game = CoerciveGame(discount=Fraction(1, 2), horizon=0, resolve=(0, 1), target_cost_resolve=Fraction(1, 5))
    >>> game.solve("try_and_see").settled_by
    (Fraction(1, 2),)
    """

    discount: Any = parameter(DISCOUNT, "the discount factor per period")
    horizon: int = setting("the last period with an offer and a battle", "periods")
    resolve: tuple[Any, ...] = setting("the target's possible types (resolve in [0, 1], strictly increasing)")
    type_weights: tuple[Any, ...] | None = setting(
        "the prior over the types (probabilities summing to 1; None: equal weights)", default=None
    )
    power: Any = parameter(
        PROBABILITY,
        "the coercer's flow share while fighting when there are no battles",
        "probability",
        default=Fraction(1, 2),
    )
    margin: int | None = setting(
        "the decisive margin of the front (None: no battles)", "battles", default=None
    )
    front_shares: tuple[Any, ...] | None = setting(
        "the coercer's flow while fighting at each front position (None: linear)", default=None
    )
    start_front: int = setting("the front position at the start", default=0)
    true_odds: Any = parameter(
        PROBABILITY, "the true chance that the coercer wins a battle", "probability", default=Fraction(1, 2)
    )
    prior_coercer: tuple[Any, Any] | None = setting(
        "the coercer's Beta prior (alpha, beta) over the battle odds (None: it knows them)", default=None
    )
    prior_target: tuple[Any, Any] | None = setting(
        "the target's Beta prior (alpha, beta) over the battle odds (None: it knows them)", default=None
    )
    cost_coercer: Any = parameter(
        NONNEGATIVE, "the coercer's cost of a period of war", "utility (stake units)", default=0
    )
    target_cost: Any = parameter(
        NONNEGATIVE, "the target's cost of a period of war", "utility (stake units)", default=0
    )
    target_cost_resolve: Any = parameter(
        NONNEGATIVE,
        "the least resolute target's extra cost of a period of war",
        "utility (stake units)",
        default=0,
    )
    threat_loss: Any = parameter(
        NONNEGATIVE,
        "the scale of the target's one-off loss from the threat",
        "utility (stake units)",
        default=0,
    )
    screw: Any = parameter(
        NONNEGATIVE,
        "the rise of the target's cost per period under the screw",
        "utility (stake units)",
        default=0,
    )
    screw_cost: Any = parameter(
        NONNEGATIVE, "the coercer's cost per unit of the screw's added cost to the target", default=0
    )
    carrot: Any = parameter(
        NONNEGATIVE, "the inducement offered for compliance", "utility (stake units)", default=0
    )
    carrot_efficiency: Any = parameter(NONNEGATIVE, "what a unit of carrot costs the coercer", default=1)
    carrot_credibility: Any = parameter(
        PROBABILITY, "the probability that a promised carrot is delivered", "probability", default=1
    )
    execution_low: Any = parameter(
        REAL, "the coercer's lowest value of executing the threat", "utility (stake units)", default=-1
    )
    execution_high: Any = parameter(
        REAL,
        "the coercer's highest value of executing the threat",
        "utility (stake units)",
        default=0,
        above="execution_low",
        strict=False,
    )
    period_length: Any = parameter(POSITIVE, "the length of a period", "period_unit", default=1)
    period_unit: str = setting("the unit of time of a period", default="month")
    self_enforcing: bool = setting(
        "whether a settlement is a ceasefire kept only while it beats reneging", default=False
    )
    rearmament: tuple[Any, ...] | None = setting(
        "the shift of the coercer's war share in each period after a settlement (None: no shift)",
        default=None,
    )
    renege_gain_coercer: Any = parameter(
        NONNEGATIVE,
        "the coercer's one-off gain from breaking a ceasefire",
        "utility (stake units)",
        default=0,
    )
    renege_gain_target: Any = parameter(
        NONNEGATIVE, "the target's one-off gain from breaking a ceasefire", "utility (stake units)", default=0
    )
    guarantee: Any = parameter(
        NONNEGATIVE, "the guarantee a violator pays", "utility (stake units)", default=0
    )
    assurance: Any = parameter(
        PROBABILITY,
        "the chance that the coercer's aims are limited (1: no renewed demands)",
        "probability",
        default=1,
    )
    start: str = setting("'war' or 'crisis': whether the game starts at war or in a crisis", default="war")
    status_quo: Any = parameter(PROBABILITY, "the coercer's share in the crisis", "probability", default=0)
    kind: Kind = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        kind = self.kind
        if kind not in ("exact", "float"):
            raise ParameterTypeError(
                "discount", "exact or float scalars (solve one game per point of a grid)", self.discount
            )
        _check_integer("horizon", self.horizon, 0, _MAX_HORIZON)
        self._settle_types(kind)
        self._settle_front(kind)
        object.__setattr__(self, "prior_coercer", _beta("prior_coercer", self.prior_coercer, kind))
        object.__setattr__(self, "prior_target", _beta("prior_target", self.prior_target, kind))
        if not isinstance(self.period_unit, str) or not self.period_unit:
            raise ParameterTypeError("period_unit", "a non-empty string", self.period_unit)
        self._settle_durability(kind)
        if self.start not in ("war", "crisis"):
            raise ParameterValueError("start", "'war' or 'crisis'", self.start)
        if self.start == "war" and self.status_quo != 0:
            raise ParameterValueError("status_quo", "0 unless start='crisis'", self.status_quo)

    def _settle_durability(self, kind: Kind) -> None:
        if not isinstance(self.self_enforcing, bool):
            raise ParameterTypeError("self_enforcing", "a bool", self.self_enforcing)
        given = self.rearmament is not None or any(
            getattr(self, name) != 0 for name in ("renege_gain_coercer", "renege_gain_target", "guarantee")
        )
        if given and not self.self_enforcing:
            raise ParameterValueError(
                "self_enforcing", "True when rearmament, renege gains or a guarantee are given", False
            )
        if self.self_enforcing and self.assurance != 1:
            raise ParameterValueError(
                "assurance",
                "1 when settlements are self-enforcing (the two are not modelled together)",
                self.assurance,
            )
        if self.rearmament is None:
            return
        shifts = _sequence("rearmament", self.rearmament, kind)
        if len(shifts) > _MAX_HORIZON:
            raise ParameterValueError("rearmament", f"at most {_MAX_HORIZON} shifts", len(shifts))
        if self.margin is None:
            shares = [self.power]
        else:
            assert self.front_shares is not None
            shares = list(self.front_shares[1:-1])
        for index, shift in enumerate(shifts):
            if not all(0 <= share + shift <= 1 for share in shares):
                raise ParameterValueError(
                    f"rearmament[{index}]", "a shift keeping every fighting share in [0, 1]", shift
                )
        object.__setattr__(self, "rearmament", shifts)

    def _settle_types(self, kind: Kind) -> None:
        resolve = _sequence("resolve", self.resolve, kind)
        for index, value in enumerate(resolve):
            if not 0 <= value <= 1:
                raise ParameterValueError(f"resolve[{index}]", "a type in [0, 1]", value)
        if any(later <= earlier for earlier, later in itertools.pairwise(resolve)):
            raise ParameterValueError("resolve", "strictly increasing (one entry per type)", self.resolve)
        if self.type_weights is None:
            weights = tuple((1.0 if kind == "float" else Fraction(1)) / len(resolve) for _ in resolve)
        else:
            weights = _sequence("type_weights", self.type_weights, kind)
            if len(weights) != len(resolve):
                raise ParameterValueError(
                    "type_weights", f"one weight per type ({len(resolve)})", self.type_weights
                )
            if any(weight <= 0 for weight in weights):
                raise ParameterValueError("type_weights", "positive weights", self.type_weights)
            total: Any = sum(weights)
            if (kind == "exact" and total != 1) or abs(total - 1) > 1e-12:
                raise ParameterValueError("type_weights", "probabilities summing to 1", self.type_weights)
        if len(resolve) > 1 and self.target_cost_resolve == 0 and self.threat_loss == 0:
            raise ParameterValueError(
                "target_cost_resolve",
                "positive, or threat_loss positive, when there are several types (the type maps must be monotone)",
                self.target_cost_resolve,
            )
        object.__setattr__(self, "resolve", resolve)
        object.__setattr__(self, "type_weights", weights)

    def _settle_front(self, kind: Kind) -> None:
        if self.margin is None:
            if self.front_shares is not None:
                raise ParameterValueError(
                    "front_shares", "None when there are no battles (margin=None)", self.front_shares
                )
            if self.start_front != 0:
                raise ParameterValueError(
                    "start_front", "0 when there are no battles (margin=None)", self.start_front
                )
            return
        margin = _check_integer("margin", self.margin, 1, _MAX_MARGIN)
        if isinstance(self.start_front, bool) or not isinstance(self.start_front, int):
            raise ParameterTypeError("start_front", "an integer", self.start_front)
        if not -margin < self.start_front < margin:
            raise ParameterValueError(
                "start_front", f"strictly inside (-{margin}, {margin})", self.start_front
            )
        if self.front_shares is None:
            one = 1.0 if kind == "float" else Fraction(1)
            shares = tuple(one * (m + margin) / (2 * margin) for m in range(-margin, margin + 1))
        else:
            shares = _sequence("front_shares", self.front_shares, kind)
            if len(shares) != 2 * margin + 1:
                raise ParameterValueError(
                    "front_shares", f"2 * margin + 1 = {2 * margin + 1} shares", self.front_shares
                )
            for index, share in enumerate(shares):
                check_probability(f"front_shares[{index}]", share)
        object.__setattr__(self, "front_shares", shares)

    def solve(self, strategy: Any = "try_and_see") -> GameSolution:
        """The perfect Bayesian equilibrium of ``strategy`` by exact backward induction.

        ``strategy`` is ``"try_and_see"``, ``"screw"`` or an :class:`UltimatumDesign`; see
        :mod:`bargaining.coercive_game.quantile` for the equilibrium (the marginal type mixes at
        atoms).

        >>> from fractions import Fraction
        >>> game = CoerciveGame(discount=Fraction(1, 2), horizon=0, resolve=(0, 1), target_cost_resolve=Fraction(1, 5))
        >>> solution = game.solve("try_and_see")
        >>> solution.expected_terms, solution.settled, solution.coercer_utility
        (Fraction(7, 10), Fraction(1, 2), Fraction(3, 5))
        """
        from .quantile import solve_exact

        return solve_exact(self, strategy)

    @property
    def weights(self) -> tuple[Any, ...]:
        """The prior probability of each type (``type_weights`` once settled).

        >>> CoerciveGame(discount=0.5, horizon=0, resolve=(0.0, 1.0), target_cost_resolve=0.1).weights
        (0.5, 0.5)
        """
        assert self.type_weights is not None  # settled in __post_init__
        return self.type_weights

    @property
    def types(self) -> int:
        """The number of target types.

        >>> from fractions import Fraction
        >>> game = CoerciveGame(discount=Fraction(1, 2), horizon=0, resolve=(0, 1), target_cost_resolve=Fraction(1, 5))
        >>> game.types
        2
        """
        return len(self.resolve)

    def share(self, front: int) -> Any:
        r""":math:`\pi(m)`, C's flow share while fighting at ``front``.

        >>> CoerciveGame(discount=0.9, horizon=1, resolve=(0.5,), margin=2).share(1)
        0.75
        """
        if self.margin is None:
            return self.power
        assert self.front_shares is not None  # settled in __post_init__
        return self.front_shares[front + self.margin]

    def execution_probability(self, design: UltimatumDesign) -> Any:
        r""":math:`e = \rho + (1 - \rho) P(w \ge -a)` for ``design``.

        >>> from fractions import Fraction
        >>> game = CoerciveGame(discount=Fraction(1, 2), horizon=0, resolve=(0,))
        >>> game.execution_probability(UltimatumDesign(demand=1, deadline=0, audience_cost=Fraction(1, 4)))
        Fraction(1, 4)
        """
        return self._threat(design)[0]

    def _threat(self, design: UltimatumDesign) -> tuple[Any, Any]:
        """(e, C's expected one-off value of the threat stage after a refusal)."""
        low, high = self.execution_low, self.execution_high
        a, rho = self._convert(design.audience_cost), self._convert(design.schelling_risk)
        mean = (low + high) / 2
        if high == low:
            executes = 1 if low >= -a else 0
            kept = low * executes
        else:
            cut = min(max(-a, low), high)
            executes = (high - cut) / (high - low)
            kept = (high * high - cut * cut) / (2 * (high - low))  # E[w; w >= -a]
        chosen = kept - a * (1 - executes)
        return rho + (1 - rho) * executes, rho * mean + (1 - rho) * chosen

    def _convert(self, value: Any) -> Any:
        if self.kind == "float":
            return float(value)
        if isinstance(value, float):
            raise ParameterTypeError("design", "exact numbers for an exact game", value)
        return Fraction(value)

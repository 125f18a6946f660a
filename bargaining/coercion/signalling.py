r"""The signalling extension: a coercer that knows its resolve chooses its audience cost and carrot.

The coercer is *resolute* (net value of executing :math:`w_R`) with prior probability
:math:`\pi`, otherwise *irresolute* (:math:`w_I < w_R`); it knows its type when it designs the
ultimatum (MODEL.md §4). It sends one of four messages

* ``"plain"``: no audience cost, no carrot;
* ``"specific"``: a public threat with audience cost :math:`a` (George's specific threat);
* ``"carrot"``: a private threat with the carrot :math:`s`;
* ``"specific+carrot"``: both.

After a message with audience cost :math:`a_m` a type executes iff :math:`w_t \ge -a_m`
(Fearon 1997, tying hands), so its fallback after resistance is :math:`\max(w_t, -a_m)`. The
target updates its belief :math:`\mu` that the coercer is resolute, expects execution with
probability :math:`e(\mu) = \mu e_R + (1 - \mu) e_I` and complies as in
:class:`~bargaining.coercion.ultimatum.Ultimatum` (uniform resolve on :math:`[r_{lo}, r_{hi}]`).
A type's payoff is

.. math:: U_t(m, \mu) = P_c(m, \mu)\,(x - c\kappa s_m) + (1 - P_c(m, \mu))\,\max(w_t, -a_m).

Perfect Bayesian equilibria are enumerated: pooling (4), separating (12) and semi-separating with
one mixing type (24); off-path beliefs exist iff some achievable compliance probability deters
both types (each type's payoff is affine in :math:`P_c`, which is monotone in :math:`\mu`, so
this is an interval intersection, exact). The **intuitive criterion** (Cho & Kreps 1987) removes
equilibria in which a message is equilibrium-dominated for one type only and the other type
gains by sending it when believed. Because the irresolute type's fallback is lower, it values
compliance more and buys it with carrots: where it alone sends a carrot, **the carrot signals
weakness** (the posterior after it is below the prior).

Exact in, exact out; arrays give arrays of regime labels with a loop over the 40 candidate
profiles, never over points.

>>> game = SignallingGame(demand=Fraction(2, 5), audience_cost=Fraction(3, 10), carrot=Fraction(3, 10),
...                       prior_resolute=Fraction(1, 2), resolute_value=Fraction(-1, 10),
...                       irresolute_value=Fraction(-3, 5), risk=Fraction(3, 10))
>>> game.regime()
'semi-separating: resolute specific / irresolute specific|carrot (carrot signals weakness)'
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from typing import Any

import numpy as np

from ..core.errors import ParameterTypeError, ParameterValueError
from ..core.model import check_real, settle
from ..core.values import (
    Case,
    Kind,
    check_nonnegative,
    check_probability,
    check_range,
    maximum,
    minimum,
    ratio,
    select,
)
from .ultimatum import _check_order, _compliance_cases

__all__ = ["MESSAGES", "Equilibrium", "SignallingGame", "regime_map"]

MESSAGES = ("plain", "specific", "carrot", "specific+carrot")
RESOLUTE, IRRESOLUTE = "resolute", "irresolute"


@dataclass(frozen=True, slots=True)
class Equilibrium:
    """One perfect Bayesian equilibrium of the signalling game.

    ``strategy`` maps each type to ``{message: probability}``; ``beliefs`` maps each message sent
    on the path to the posterior that the coercer is resolute; ``payoffs`` each type's payoff;
    ``intuitive`` whether it survives the intuitive criterion.
    """

    form: str
    strategy: dict[str, dict[str, Any]]
    beliefs: dict[str, Any]
    payoffs: dict[str, Any]
    intuitive: bool

    @property
    def carrot_signals_weakness(self) -> bool:
        """Whether a carrot message is sent on the path and lowers the belief in resolve."""
        return bool(_weak_flag(self))

    def label(self) -> str:
        """A short description: the form, who sends what, and whether a carrot signals weakness."""
        return _base_label(self) + (" (carrot signals weakness)" if self.carrot_signals_weakness else "")


def _base_label(equilibrium: Equilibrium) -> str:
    if equilibrium.form == "pooling":
        (message,) = equilibrium.strategy[RESOLUTE]
        return f"pooling on {message}"
    resolute = "|".join(m for m in MESSAGES if m in equilibrium.strategy[RESOLUTE])
    irresolute = "|".join(m for m in MESSAGES if m in equilibrium.strategy[IRRESOLUTE])
    return f"{equilibrium.form}: resolute {resolute} / irresolute {irresolute}"


def _where(kind: Kind, condition: Any, first: Any, second: Any) -> Any:
    if kind == "array":
        return np.where(condition, first, second)
    return first if bool(condition) else second


@dataclass(frozen=True, slots=True)
class SignallingGame:
    r"""A two-type coercer choosing among plain, specific, carrot and specific-plus-carrot threats.

    Parameters
    ----------
    demand : in [0, 1]
        The demand :math:`x`, the same whatever the message.
    audience_cost : non-negative
        The audience cost of the specific messages, :math:`a` (the map's horizontal axis).
    carrot : non-negative
        The carrot of the carrot messages, :math:`s` (the map's vertical axis).
    prior_resolute : probability
        The target's prior :math:`\pi` that the coercer is resolute.
    resolute_value, irresolute_value : real, irresolute < resolute
        Each type's net value of executing the threat.
    threat, vagueness, carrot_efficiency, carrot_credibility, resolve_low, resolve_high, risk
        As in :class:`~bargaining.coercion.ultimatum.Ultimatum` (threat at once: no deadline);
        Schelling's ``risk`` is the chance the threat falls after resistance whatever the type.
    """

    demand: Any
    audience_cost: Any
    carrot: Any
    prior_resolute: Any
    resolute_value: Any
    irresolute_value: Any
    threat: Any = 1
    vagueness: Any = 0
    carrot_efficiency: Any = 1
    carrot_credibility: Any = 1
    resolve_low: Any = 0
    resolve_high: Any = 1
    risk: Any = 0
    kind: Kind = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        def unit(name: str, value: Any) -> None:
            check_range(name, value, 0, 1, requirement="in [0, 1]")

        kind = settle(
            self,
            {
                "demand": unit,
                "audience_cost": check_nonnegative,
                "carrot": check_nonnegative,
                "prior_resolute": check_probability,
                "resolute_value": check_real,
                "irresolute_value": check_real,
                "threat": check_nonnegative,
                "vagueness": check_nonnegative,
                "carrot_efficiency": check_nonnegative,
                "carrot_credibility": check_probability,
                "resolve_low": unit,
                "resolve_high": unit,
                "risk": check_probability,
            },
        )
        if kind == "symbolic":
            raise ParameterTypeError(
                "demand", "numbers or arrays (the equilibrium set is enumerated, not symbolic)", self.demand
            )
        _check_order(kind, "irresolute_value", self.irresolute_value, "resolute_value", self.resolute_value)
        _check_order(kind, "resolve_low", self.resolve_low, "resolve_high", self.resolve_high)

    # ---------------------------------------------------------------- payoffs

    def _message(self, message: str) -> tuple[Any, Any]:
        a = self.audience_cost if "specific" in message else 0 * self.audience_cost
        s = self.carrot if "carrot" in message else 0 * self.carrot
        return a, s

    def _executes(self, value: Any, audience: Any) -> Any:
        will = _where(self.kind, value + audience >= 0, 0 * audience + 1, 0 * audience)
        return self.risk + (1 - self.risk) * will

    def compliance(self, message: str, belief: Any) -> Any:
        """The target's compliance probability after ``message`` with belief ``belief`` in resolve.

        >>> game = SignallingGame(Fraction(1, 2), 1, Fraction(1, 5), Fraction(1, 2), 0, -2)
        >>> game.compliance("specific", Fraction(1, 2)), game.compliance("specific", 1)
        (Fraction(0, 1), Fraction(1, 2))
        """
        if message not in MESSAGES:
            raise ParameterValueError("message", f"one of {MESSAGES}", message)
        a, s = self._message(message)
        execution = belief * self._executes(self.resolute_value, a) + (1 - belief) * self._executes(
            self.irresolute_value, a
        )
        need = self.demand + self.vagueness - self.carrot_credibility * s
        return select(
            self.kind,
            _compliance_cases(self.kind, execution * self.threat, need, self.resolve_low, self.resolve_high),
        )

    def _affine(self, message: str, kind_of_type: str) -> tuple[Any, Any]:
        """A type's payoff after ``message`` as ``slope * P_c + intercept``."""
        a, s = self._message(message)
        value = self.resolute_value if kind_of_type == RESOLUTE else self.irresolute_value
        fallback = self.risk * value + (1 - self.risk) * _where(self.kind, value >= -a, value, -a)
        comply = self.demand - self.carrot_efficiency * self.carrot_credibility * s
        return comply - fallback, fallback

    def payoff(self, kind_of_type: str, message: str, belief: Any) -> Any:
        """``kind_of_type``'s payoff from ``message`` when the target believes ``belief``.

        >>> SignallingGame(Fraction(1, 2), 1, Fraction(1, 5), Fraction(1, 2), 0, -2).payoff("resolute", "specific", 1)
        Fraction(1, 4)
        """
        slope, intercept = self._affine(message, kind_of_type)
        return slope * self.compliance(message, belief) + intercept

    # ---------------------------------------------------------------- equilibrium checks

    def _deterred(self, message: str, equilibrium: dict[str, Any]) -> Any:
        """Whether some belief after the off-path ``message`` keeps both types from sending it."""
        kind = self.kind
        low = self.compliance(message, 0 * self.prior_resolute)
        high = self.compliance(message, 0 * self.prior_resolute + 1)
        ok: Any = True
        for name in (RESOLUTE, IRRESOLUTE):
            slope, intercept = self._affine(message, name)
            room = equilibrium[name] - intercept
            bound = ratio(kind, room, slope)
            low = _where(kind, slope < 0, maximum(kind, low, bound), low)
            high = _where(kind, slope > 0, minimum(kind, high, bound), high)
            ok = np.logical_and(ok, _where(kind, slope == 0, room >= 0, True))
        return np.logical_and(ok, low <= high)

    def _intuitive(self, message: str, equilibrium: dict[str, Any]) -> Any:
        """Whether the off-path ``message`` does *not* break the equilibrium (Cho & Kreps 1987)."""
        best = {
            name: maximum(
                self.kind,
                self.payoff(name, message, 0 * self.prior_resolute),
                self.payoff(name, message, 0 * self.prior_resolute + 1),
            )
            for name in (RESOLUTE, IRRESOLUTE)
        }
        dominated = {name: equilibrium[name] > best[name] for name in best}
        resolute_breaks = np.logical_and(
            np.logical_and(dominated[IRRESOLUTE], np.logical_not(dominated[RESOLUTE])),
            self.payoff(RESOLUTE, message, 0 * self.prior_resolute + 1) > equilibrium[RESOLUTE],
        )
        irresolute_breaks = np.logical_and(
            np.logical_and(dominated[RESOLUTE], np.logical_not(dominated[IRRESOLUTE])),
            self.payoff(IRRESOLUTE, message, 0 * self.prior_resolute) > equilibrium[IRRESOLUTE],
        )
        return np.logical_not(np.logical_or(resolute_breaks, irresolute_breaks))

    def _off_path(self, on_path: set[str], payoffs: dict[str, Any]) -> tuple[Any, Any]:
        exists: Any = True
        intuitive: Any = True
        for message in MESSAGES:
            if message not in on_path:
                exists = np.logical_and(exists, self._deterred(message, payoffs))
                intuitive = np.logical_and(intuitive, self._intuitive(message, payoffs))
        return exists, intuitive

    def _candidates(self) -> Iterator[tuple[Any, Any, Equilibrium]]:
        """Every candidate profile: (exists, intuitive, the equilibrium description)."""
        prior = self.prior_resolute
        one = 0 * prior + 1
        for message in MESSAGES:
            payoffs = {name: self.payoff(name, message, prior) for name in (RESOLUTE, IRRESOLUTE)}
            exists, intuitive = self._off_path({message}, payoffs)
            strategy = {RESOLUTE: {message: one}, IRRESOLUTE: {message: one}}
            yield (
                exists,
                intuitive,
                Equilibrium("pooling", strategy, {message: prior, "prior": prior}, payoffs, True),
            )
        for resolute in MESSAGES:
            for irresolute in MESSAGES:
                if resolute == irresolute:
                    continue
                payoffs = {
                    RESOLUTE: self.payoff(RESOLUTE, resolute, one),
                    IRRESOLUTE: self.payoff(IRRESOLUTE, irresolute, 0 * prior),
                }
                incentive = np.logical_and(
                    self.payoff(RESOLUTE, irresolute, 0 * prior) <= payoffs[RESOLUTE],
                    self.payoff(IRRESOLUTE, resolute, one) <= payoffs[IRRESOLUTE],
                )
                exists, intuitive = self._off_path({resolute, irresolute}, payoffs)
                strategy = {RESOLUTE: {resolute: one}, IRRESOLUTE: {irresolute: one}}
                beliefs = {resolute: one, irresolute: 0 * prior, "prior": prior}
                yield (
                    np.logical_and(incentive, exists),
                    intuitive,
                    Equilibrium("separating", strategy, beliefs, payoffs, True),
                )
        for pure in (RESOLUTE, IRRESOLUTE):
            mixer = IRRESOLUTE if pure == RESOLUTE else RESOLUTE
            for shared in MESSAGES:
                for alone in MESSAGES:
                    if shared != alone:
                        yield self._semi_separating(pure, mixer, shared, alone)

    def _semi_separating(
        self, pure: str, mixer: str, shared: str, alone: str
    ) -> tuple[Any, Any, Equilibrium]:
        kind, prior = self.kind, self.prior_resolute
        alone_belief = 0 * prior + (1 if mixer == RESOLUTE else 0)
        target = self.payoff(mixer, alone, alone_belief)
        slope, intercept = self._affine(shared, mixer)
        compliance = ratio(kind, target - intercept, slope)  # P_c at `shared` making the mixer indifferent
        a, s = self._message(shared)
        execute_resolute = self._executes(self.resolute_value, a)
        execute_irresolute = self._executes(self.irresolute_value, a)
        need = self.demand + self.vagueness - self.carrot_credibility * s
        low, high = self.resolve_low, self.resolve_high
        denominator = (1 - low) - compliance * (high - low)
        leverage = ratio(kind, need, denominator)  # invert P_c = (A(1-low) - need)/(A(high-low))
        spread = execute_resolute - execute_irresolute
        belief = ratio(kind, ratio(kind, leverage, self.threat) - execute_irresolute, spread)
        valid = np.logical_and(np.logical_and(slope != 0, spread != 0), self.threat > 0)
        valid = np.logical_and(valid, np.logical_and(compliance > 0, compliance < 1))
        valid = np.logical_and(valid, np.logical_and(need > 0, denominator > 0))
        if pure == RESOLUTE:  # belief at `shared` is above the prior, below one
            valid = np.logical_and(valid, np.logical_and(belief > prior, belief < 1))
            mixing = ratio(kind, prior * (1 - belief), belief * (1 - prior))
        else:
            valid = np.logical_and(valid, np.logical_and(belief > 0, belief < prior))
            mixing = ratio(kind, belief * (1 - prior), prior * (1 - belief))
        payoffs = {mixer: target, pure: self.payoff(pure, shared, belief)}
        incentive = self.payoff(pure, alone, alone_belief) <= payoffs[pure]
        exists, intuitive = self._off_path({shared, alone}, payoffs)
        strategy = {pure: {shared: 0 * prior + 1}, mixer: {shared: mixing, alone: 1 - mixing}}
        beliefs = {shared: belief, alone: alone_belief, "prior": prior}
        equilibrium = Equilibrium("semi-separating", strategy, beliefs, payoffs, True)
        return np.logical_and(np.logical_and(valid, incentive), exists), intuitive, equilibrium

    # ---------------------------------------------------------------- public answers

    def equilibria(self, *, refine: bool = False) -> list[Equilibrium]:
        """Every PBE of the classes above (numbers only), optionally only those that are intuitive.

        >>> game = SignallingGame(Fraction(2, 5), Fraction(3, 10), Fraction(3, 10), Fraction(1, 2),
        ...                       Fraction(-1, 10), Fraction(-3, 5), risk=Fraction(3, 10))
        >>> [e.label() for e in game.equilibria(refine=True)][2]
        'semi-separating: resolute specific / irresolute specific|carrot (carrot signals weakness)'
        >>> game.equilibria(refine=True)[2].beliefs
        {'specific': Fraction(297, 413), 'carrot': Fraction(0, 1), 'prior': Fraction(1, 2)}
        """
        if self.kind == "array":  # name the field given as an array (not always demand)
            name = next(f.name for f in fields(self) if f.init and np.ndim(getattr(self, f.name)) > 0)
            raise ParameterTypeError(name, "numbers (for arrays use regime())", getattr(self, name))
        found = []
        for exists, intuitive, equilibrium in self._candidates():
            if bool(exists) and (bool(intuitive) or not refine):
                found.append(
                    Equilibrium(
                        equilibrium.form,
                        equilibrium.strategy,
                        equilibrium.beliefs,
                        equilibrium.payoffs,
                        bool(intuitive),
                    )
                )
        return found

    def regime(self) -> Any:
        """The label of the first intuitive equilibrium (separating before semi-separating before
        pooling), with "(carrot signals weakness)" where a carrot lowers the belief in resolve;
        an array of labels for arrays.

        >>> SignallingGame(Fraction(1, 2), 2, 0, Fraction(1, 2), Fraction(1, 4), -1).regime()
        'separating: resolute specific / irresolute plain'
        """
        order = {"separating": 0, "semi-separating": 1, "pooling": 2}
        candidates = sorted(self._candidates(), key=lambda c: order[c[2].form])
        if self.kind != "array":
            for exists, intuitive, equilibrium in candidates:
                if bool(exists) and bool(intuitive):
                    return equilibrium.label()
            return "no equilibrium with at most one mixing type"
        none = "no equilibrium with at most one mixing type"
        surviving = [np.logical_and(exists, intuitive) for exists, intuitive, _ in candidates]
        labels = select(
            "array",
            [
                *(Case("", ok, np.asarray(_base_label(eq))) for ok, (_, _, eq) in zip(surviving, candidates)),
                Case("", True, np.asarray(none)),
            ],
        )
        weak = select(
            "array",
            [
                *(
                    Case("", ok, np.asarray(_weak_flag(eq), dtype=bool))
                    for ok, (_, _, eq) in zip(surviving, candidates)
                ),
                Case("", True, np.asarray(False)),
            ],
        )
        labels = np.asarray(labels).astype(str)
        return np.where(weak, np.char.add(labels, " (carrot signals weakness)"), labels)


def _weak_flag(equilibrium: Equilibrium) -> Any:
    """Elementwise: some on-path carrot message lowers the belief below the prior."""
    flag: Any = False
    prior = equilibrium.beliefs["prior"]
    for message, belief in equilibrium.beliefs.items():
        if "carrot" in message:
            flag = np.logical_or(flag, belief < prior)
    return flag


def regime_map(
    game: SignallingGame,
    *,
    audience_costs: Any,
    carrots: Any,
    path: Any = None,
) -> Any:
    """Draw the equilibrium regime over specificity (audience cost) x carrot size.

    ``game`` fixes every other parameter; the grid is solved in one vectorised call. Returns the
    matplotlib figure (saved to ``path`` if given) and the label grid.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> game = SignallingGame(0.5, 0.0, 0.0, 0.5, 0.25, -1.0)
    >>> figure, labels = regime_map(game, audience_costs=[0, 1, 2], carrots=[0, 0.2])
    >>> labels.shape
    (2, 3)
    """
    import matplotlib.pyplot as plt
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Rectangle

    a = np.asarray(audience_costs, dtype=float)
    s = np.asarray(carrots, dtype=float)
    grid_a, grid_s = np.meshgrid(a, s)
    fields = {name: getattr(game, name) for name in game.__dataclass_fields__ if name != "kind"}
    fields.update(audience_cost=grid_a, carrot=grid_s)
    labels = SignallingGame(**fields).regime()
    names, codes = np.unique(labels, return_inverse=True)
    names = names.tolist()
    codes = codes.reshape(labels.shape)
    figure, axes = plt.subplots(figsize=(8, 5))
    colours = plt.get_cmap("tab20")(np.linspace(0, 1, max(len(names), 2)))
    axes.pcolormesh(
        grid_a,
        grid_s,
        codes,
        cmap=ListedColormap(colours[: len(names)]),
        shading="auto",
        vmin=-0.5,
        vmax=len(names) - 0.5,
    )
    handles = [Rectangle((0, 0), 1, 1, color=colours[i]) for i in range(len(names))]
    axes.legend(handles, names, fontsize="x-small", loc="upper left", bbox_to_anchor=(1.01, 1))
    axes.set_xlabel("specificity of the threat (audience cost a)")
    axes.set_ylabel("carrot s")
    axes.set_title("Signalling regimes (intuitive criterion)")
    figure.tight_layout()
    if path is not None:
        figure.savefig(path)
    return figure, labels

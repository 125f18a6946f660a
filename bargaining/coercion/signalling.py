# ruff: noqa: RUF009 - parameter() returns a dataclass field, like dataclasses.field
r"""The signalling extension: a coercer that knows its resolve chooses its audience cost and carrot.

The coercer is *resolute* (net value of executing :math:`w_R`) with prior probability
:math:`\pi`, otherwise *irresolute* (:math:`w_I < w_R`); it knows its type when it designs the
ultimatum. It sends one of four messages

* ``"plain"``: no audience cost, no carrot;
* ``"specific"``: a public threat with audience cost :math:`a` (George's specific threat);
* ``"carrot"``: a private threat with the carrot :math:`s`;
* ``"specific+carrot"``: both.

After a message with audience cost :math:`a_m` a type executes iff :math:`w_t \ge -a_m`
(Fearon 1997, tying hands), so its fallback after resistance is :math:`\max(w_t, -a_m)`. The
target updates its belief :math:`\mu` that the coercer is resolute, expects execution with
probability :math:`e(\mu) = \mu e_R + (1 - \mu) e_I` and complies as in
:class:`~bargaining.coercion.ultimatum.Ultimatum` (uniform resolve on :math:`[r_{lo}, r_{hi}]`),
with probability :math:`P_c(m, \mu)`, continuous and non-decreasing in :math:`\mu`. A type's
payoff is affine in it:

.. math:: U_t(m, \mu) = P_c(m, \mu)\,(x - c\kappa s_m) + (1 - P_c(m, \mu))\,\max(w_t, -a_m).

**Equilibria.** Perfect Bayesian equilibria are enumerated: pooling (4), separating (12) and
semi-separating with one mixing type (24; only at a prior strictly between 0 and 1, where both
types exist and the mixer's probability of the shared message is strictly inside (0, 1)). An unsent message is deterred iff some compliance
:math:`q \in [P_c(m, 0), P_c(m, 1)]` (the replies some belief supports) leaves both types no
better off: an interval intersection, exact.

**Refinements**, each a set of survivors, never a choice among them (:class:`EquilibriumSet`):

* the **intuitive criterion** (Cho & Kreps 1987, QJE 102: 179–221, §III): after an unsent
  message, drop the types for which it is equilibrium-dominated (their equilibrium payoff exceeds
  anything the message could bring); the equilibrium fails if a remaining type gains against every
  reply to beliefs on the remaining types;
* **D1** (Banks & Sobel 1987, Econometrica 55: 647–661; Cho & Kreps 1987, §IV): type :math:`t` is
  dropped after :math:`m` if the replies that make it weakly better off are a subset of those that
  make another type strictly better off, :math:`D_t \cup D^0_t \subseteq D_{t'}`. The reply sets
  are intervals of :math:`q`, so with :math:`W_t = [l_t, h_t]` the replies that weakly tempt
  :math:`t`, :math:`t` is dropped iff :math:`W_t = \emptyset` or :math:`U_{t'} > U^*_{t'}` at
  both ends of :math:`W_t`. With one type dropped the belief after :math:`m` is the other type,
  and that reply must deter both; D1 implies the intuitive criterion;
* **Pareto dominance** among the survivors of a refinement, from the coercer's types' point of
  view: an equilibrium is dropped if another survivor gives every type at least as much and one
  type more.

The selection rule is the user's: ``select=None`` keeps every survivor, ``select="pareto"`` the
Pareto-undominated ones. :meth:`ResolveSignalling.regime` names the survivors, and a point with
several says so (``"several: pooling + separating"``), so a regime map shows where the game has
several equilibria instead of the order in which they were looked for.

Because the irresolute type's fallback is lower, it values compliance more and buys it with
carrots: where it alone sends a carrot, **the carrot signals weakness** (the posterior after it is
below the prior).

Numbers give exact results (Fractions stay Fractions); arrays give arrays of regime labels with a
loop over the 40 candidate profiles (and, for Pareto, their pairs), never over points. Symbols
are refused: the equilibrium set is enumerated, and its regions are the intersections of 40
candidates' conditions, each a maximum or minimum of piecewise compliance.

>>> game = ResolveSignalling(demand=Fraction(2, 5), audience_cost=Fraction(3, 10), carrot=Fraction(3, 10),
...                       prior_resolute=Fraction(1, 2), resolute_value=Fraction(-1, 10),
...                       irresolute_value=Fraction(-3, 5), risk=Fraction(3, 10))
>>> game.regime(refinement="intuitive", detail=False)
'several: pooling + pooling + semi-separating (carrot signals weakness)'
>>> game.regime(refinement="d1", detail=False)
'semi-separating (carrot signals weakness)'
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from typing import Any, NamedTuple

import numpy as np

from ..core.errors import ParameterTypeError, ParameterValueError
from ..core.parameters import NONNEGATIVE, PROBABILITY, REAL, UNIT, declared, parameter
from ..core.values import (
    Kind,
    every,
    maximum,
    negation,
    ratio,
    select,
    some,
)
from .signalling_results import (
    IRRESOLUTE,
    MESSAGES,
    NO_EQUILIBRIUM,
    RESOLUTE,
    TYPES,
    WEAKNESS,
    Equilibrium,
    EquilibriumSet,
    _base_label,
    _check_rule,
    _several,
    _weak_flag,
)
from .ultimatum_cases import _compliance_cases

__all__ = ["ResolveSignalling"]


class _Candidate(NamedTuple):
    exists: Any
    intuitive: Any
    d1: Any
    equilibrium: Equilibrium


def _where(kind: Kind, condition: Any, first: Any, second: Any) -> Any:
    if kind == "array":
        return np.where(condition, first, second)
    return first if bool(condition) else second


@dataclass(frozen=True, slots=True)
@declared
class ResolveSignalling:
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

    >>> from fractions import Fraction
    >>> game = ResolveSignalling(Fraction(2, 5), Fraction(3, 10), Fraction(3, 10), Fraction(1, 2), Fraction(-1, 10), Fraction(-3, 5), risk=Fraction(3, 10))
    >>> game.regime(refinement="d1", detail=False)
    'semi-separating (carrot signals weakness)'
    """

    demand: Any = parameter(UNIT, "the demand, the same whatever the message")
    audience_cost: Any = parameter(
        NONNEGATIVE, "the audience cost of the specific messages (the map's horizontal axis)"
    )
    carrot: Any = parameter(NONNEGATIVE, "the carrot of the carrot messages (the map's vertical axis)")
    prior_resolute: Any = parameter(
        PROBABILITY, "the target's prior that the coercer is resolute", "probability"
    )
    resolute_value: Any = parameter(
        REAL, "a resolute coercer's net value of executing the threat", above="irresolute_value"
    )
    irresolute_value: Any = parameter(REAL, "an irresolute coercer's net value of executing the threat")
    threat: Any = parameter(NONNEGATIVE, "the scale of the loss the executed threat inflicts", default=1)
    vagueness: Any = parameter(NONNEGATIVE, "how far above the demand the real condition may lie", default=0)
    carrot_efficiency: Any = parameter(NONNEGATIVE, "what a unit of carrot costs the coercer", default=1)
    carrot_credibility: Any = parameter(
        PROBABILITY, "the probability that a promised carrot is delivered", "probability", default=1
    )
    resolve_low: Any = parameter(UNIT, "the lowest resolve of the target (uniform resolve)", default=0)
    resolve_high: Any = parameter(
        UNIT, "the highest resolve of the target (uniform resolve)", default=1, above="resolve_low"
    )
    risk: Any = parameter(
        PROBABILITY,
        "Schelling's risk that the threat falls after resistance whatever the type",
        "probability",
        default=0,
    )
    kind: Kind = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.kind == "symbolic":
            raise ParameterTypeError(
                "demand", "numbers or arrays (the equilibrium set is enumerated, not symbolic)", self.demand
            )

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

        >>> game = ResolveSignalling(Fraction(1, 2), 1, Fraction(1, 5), Fraction(1, 2), 0, -2)
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

    def _ends(self, message: str, kind_of_type: str) -> tuple[Any, Any]:
        """A type's payoff after ``message`` if the target complies, and if it resists: the payoff
        is ``P_c * comply + (1 - P_c) * fallback`` (so that P_c = 0 or 1 gives an end exactly)."""
        a, s = self._message(message)
        value = self.resolute_value if kind_of_type == RESOLUTE else self.irresolute_value
        fallback = self.risk * value + (1 - self.risk) * _where(self.kind, value >= -a, value, -a)
        comply = self.demand - self.carrot_efficiency * self.carrot_credibility * s
        return comply, fallback

    def payoff(self, kind_of_type: str, message: str, belief: Any) -> Any:
        """``kind_of_type``'s payoff from ``message`` when the target believes ``belief``.

        >>> ResolveSignalling(Fraction(1, 2), 1, Fraction(1, 5), Fraction(1, 2), 0, -2).payoff("resolute", "specific", 1)
        Fraction(1, 4)
        """
        return _mix(self._ends(message, kind_of_type), self.compliance(message, belief))

    # ---------------------------------------------------------------- equilibrium checks

    def _deterred(self, message: str, equilibrium: dict[str, Any]) -> Any:
        """Whether some belief after the off-path ``message`` keeps both types from sending it.

        With :math:`g_t(q) = U_t(q) - U^*_t` affine, the compliance levels that deter both types form
        a closed interval of :math:`[q_0, q_1]` whose ends are :math:`q_0`, :math:`q_1` or a root of
        some :math:`g_t`; the ends are tried first, without division, so that a float tie
        (:math:`U_t(q_0) = U^*_t` when the message changes nothing) is decided as it is exactly."""
        kind, zero = self.kind, 0 * self.prior_resolute
        replies = (self.compliance(message, zero), self.compliance(message, zero + 1))
        ends = {name: self._ends(message, name) for name in TYPES}

        def deters(level: Any) -> Any:
            return every(kind, *(_mix(ends[name], level) <= equilibrium[name] for name in TYPES))

        found = some(kind, deters(replies[0]), deters(replies[1]))
        for name in TYPES:
            comply, fallback = ends[name]
            slope = comply - fallback
            root = ratio(kind, equilibrium[name] - fallback, slope)
            inside = every(kind, slope != 0, replies[0] <= root, root <= replies[1])
            found = some(kind, found, every(kind, inside, deters(root)))
        return found

    def _intuitive(self, message: str, equilibrium: dict[str, Any]) -> Any:
        """Whether the off-path ``message`` does *not* break the equilibrium (Cho & Kreps 1987)."""
        best = {
            name: maximum(
                self.kind,
                self.payoff(name, message, 0 * self.prior_resolute),
                self.payoff(name, message, 0 * self.prior_resolute + 1),
            )
            for name in TYPES
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

    def _d1(self, message: str, equilibrium: dict[str, Any]) -> Any:
        """Whether the off-path ``message`` does *not* break the equilibrium under D1 (Banks &
        Sobel 1987): see the module docstring; every reply set is an interval of compliance."""
        kind, zero = self.kind, 0 * self.prior_resolute
        replies = (self.compliance(message, zero), self.compliance(message, zero + 1))
        ends = {name: self._ends(message, name) for name in TYPES}

        def gain(name: str, level: Any) -> Any:
            return _mix(ends[name], level) - equilibrium[name]

        removed = {}
        for name, other in ((RESOLUTE, IRRESOLUTE), (IRRESOLUTE, RESOLUTE)):
            comply, fallback = ends[name]
            # W_t = [low, high]: an end of [q0, q1] where t gains there, else the root of its gain
            bound = ratio(kind, equilibrium[name] - fallback, comply - fallback)
            at_low, at_high = gain(name, replies[0]) >= 0, gain(name, replies[1]) >= 0
            low = _where(kind, at_low, replies[0], bound)
            high = _where(kind, at_high, replies[1], bound)
            empty = negation(kind, some(kind, at_low, at_high))
            removed[name] = some(kind, empty, every(kind, gain(other, low) > 0, gain(other, high) > 0))

        def deters(level: Any) -> Any:
            return every(kind, gain(RESOLUTE, level) <= 0, gain(IRRESOLUTE, level) <= 0)

        breaks = some(
            kind,
            every(
                kind,
                removed[RESOLUTE],
                negation(kind, removed[IRRESOLUTE]),
                negation(kind, deters(replies[0])),
            ),
            every(
                kind,
                removed[IRRESOLUTE],
                negation(kind, removed[RESOLUTE]),
                negation(kind, deters(replies[1])),
            ),
        )
        return negation(kind, breaks)

    def _available(self, message: str) -> Any:
        """Whether ``message`` exists here: a carrot of size 0 is no carrot, an audience cost of 0
        no specific threat (each such message is the same move as the one without it)."""
        available: Any = True
        if "carrot" in message:
            available = np.logical_and(available, self.carrot > 0)
        if "specific" in message:
            available = np.logical_and(available, self.audience_cost > 0)
        return available

    def _off_path(self, on_path: set[str], payoffs: dict[str, Any]) -> tuple[Any, Any, Any]:
        """Whether the unsent messages are deterred, and pass the intuitive criterion and D1; with
        whether the messages sent exist here (folded into the first)."""
        exists: Any = True
        intuitive: Any = True
        d1: Any = True
        for message in MESSAGES:
            missing = np.logical_not(self._available(message))
            if message in on_path:
                exists = np.logical_and(exists, np.logical_not(missing))
                continue
            exists = np.logical_and(exists, np.logical_or(missing, self._deterred(message, payoffs)))
            intuitive = np.logical_and(intuitive, np.logical_or(missing, self._intuitive(message, payoffs)))
            d1 = np.logical_and(d1, np.logical_or(missing, self._d1(message, payoffs)))
        return exists, intuitive, d1

    def _candidates(self) -> Iterator[_Candidate]:
        """Every candidate profile, in the order pooling, separating, semi-separating."""
        prior = self.prior_resolute
        one = 0 * prior + 1
        for message in MESSAGES:
            payoffs = {name: self.payoff(name, message, prior) for name in TYPES}
            exists, intuitive, d1 = self._off_path({message}, payoffs)
            strategy = {RESOLUTE: {message: one}, IRRESOLUTE: {message: one}}
            beliefs = {message: prior, "prior": prior}
            yield _Candidate(
                exists, intuitive, d1, Equilibrium("pooling", strategy, beliefs, payoffs, True, True)
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
                exists, intuitive, d1 = self._off_path({resolute, irresolute}, payoffs)
                strategy = {RESOLUTE: {resolute: one}, IRRESOLUTE: {irresolute: one}}
                beliefs = {resolute: one, irresolute: 0 * prior, "prior": prior}
                equilibrium = Equilibrium("separating", strategy, beliefs, payoffs, True, True)
                yield _Candidate(np.logical_and(incentive, exists), intuitive, d1, equilibrium)
        for pure in TYPES:
            mixer = IRRESOLUTE if pure == RESOLUTE else RESOLUTE
            for shared in MESSAGES:
                for alone in MESSAGES:
                    if shared != alone:
                        yield self._semi_separating(pure, mixer, shared, alone)

    def _semi_separating(self, pure: str, mixer: str, shared: str, alone: str) -> _Candidate:
        kind, prior = self.kind, self.prior_resolute
        alone_belief = 0 * prior + (1 if mixer == RESOLUTE else 0)
        target = self.payoff(mixer, alone, alone_belief)
        comply, fallback = self._ends(shared, mixer)
        slope = comply - fallback
        compliance = ratio(kind, target - fallback, slope)  # P_c at `shared` making the mixer indifferent
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
        # a type of prior 0 or 1 is a single type: the "mixer" would send `shared` with probability
        # 0 (mixing below is 0 or 1 there), so no profile with a degenerate prior is semi-separating
        valid = np.logical_and(valid, np.logical_and(prior > 0, prior < 1))
        if pure == RESOLUTE:  # belief at `shared` is above the prior, below one
            valid = np.logical_and(valid, np.logical_and(belief > prior, belief < 1))
            mixing = ratio(kind, prior * (1 - belief), belief * (1 - prior))
        else:
            valid = np.logical_and(valid, np.logical_and(belief > 0, belief < prior))
            mixing = ratio(kind, belief * (1 - prior), prior * (1 - belief))
        payoffs = {mixer: target, pure: self.payoff(pure, shared, belief)}
        incentive = self.payoff(pure, alone, alone_belief) <= payoffs[pure]
        exists, intuitive, d1 = self._off_path({shared, alone}, payoffs)
        strategy = {pure: {shared: 0 * prior + 1}, mixer: {shared: mixing, alone: 1 - mixing}}
        beliefs = {shared: belief, alone: alone_belief, "prior": prior}
        equilibrium = Equilibrium("semi-separating", strategy, beliefs, payoffs, True, True)
        return _Candidate(
            np.logical_and(np.logical_and(valid, incentive), exists), intuitive, d1, equilibrium
        )

    def _survival(self, refinement: str, select: str | None) -> list[tuple[Any, Equilibrium]]:
        """Each candidate with where it survives ``refinement`` and then ``select`` (elementwise)."""
        _check_rule(refinement, select)
        kind = self.kind
        candidates = list(self._candidates())
        masks = [
            c.exists if refinement == "pbe" else np.logical_and(c.exists, getattr(c, refinement))
            for c in candidates
        ]
        if select == "pareto":
            payoffs = [c.equilibrium.payoffs for c in candidates]
            undominated = []
            for i, mine in enumerate(payoffs):
                dominated: Any = False
                for j, theirs in enumerate(payoffs):
                    if j != i:
                        weakly = every(kind, *(theirs[t] >= mine[t] for t in TYPES))
                        strictly = some(kind, *(theirs[t] > mine[t] for t in TYPES))
                        dominated = np.logical_or(dominated, every(kind, masks[j], weakly, strictly))
                undominated.append(np.logical_and(masks[i], np.logical_not(dominated)))
            masks = undominated
        return [(mask, c.equilibrium) for mask, c in zip(masks, candidates)]

    # ---------------------------------------------------------------- public answers

    def equilibrium_set(self) -> EquilibriumSet:
        """Every PBE in the enumerated classes and the survivors of each refinement (numbers only).

        >>> game = ResolveSignalling(Fraction(2, 5), Fraction(3, 10), Fraction(3, 10), Fraction(1, 2),
        ...                       Fraction(-1, 10), Fraction(-3, 5), risk=Fraction(3, 10))
        >>> found = game.equilibrium_set()
        >>> [e.label() for e in found.d1]
        ['semi-separating: resolute specific / irresolute specific|carrot (carrot signals weakness)']
        >>> found.d1[0].beliefs
        {'specific': Fraction(297, 413), 'carrot': Fraction(0, 1), 'prior': Fraction(1, 2)}
        """
        if self.kind == "array":  # name the field given as an array (not always demand)
            name = next(f.name for f in fields(self) if f.init and np.ndim(getattr(self, f.name)) > 0)
            raise ParameterTypeError(name, "numbers (for arrays use regime())", getattr(self, name))
        found = tuple(
            Equilibrium(
                c.equilibrium.form,
                c.equilibrium.strategy,
                c.equilibrium.beliefs,
                c.equilibrium.payoffs,
                bool(c.intuitive),
                bool(c.d1),
            )
            for c in self._candidates()
            if bool(c.exists)
        )
        return EquilibriumSet(found, tuple(e for e in found if e.intuitive), tuple(e for e in found if e.d1))

    def equilibria(self, refinement: str = "pbe", select: str | None = None) -> tuple[Equilibrium, ...]:
        """The survivors of ``refinement``, all or (``select="pareto"``) the Pareto-undominated ones;
        see :meth:`EquilibriumSet.survivors` (numbers only).

        >>> game = ResolveSignalling(Fraction(1, 2), 2, 0, Fraction(1, 2), Fraction(1, 4), -1)
        >>> [e.label() for e in game.equilibria()]
        ['separating: resolute specific / irresolute plain']
        """
        return self.equilibrium_set().survivors(refinement, select)

    def regime(self, refinement: str = "intuitive", select: str | None = None, detail: bool = True) -> Any:
        """The equilibria that survive ``refinement`` (and ``select``), named: one survivor's label,
        ``"several: <label> + <label> ..."`` where several survive (in the enumeration order:
        pooling, separating, semi-separating; no survivor is preferred), or :data:`NO_EQUILIBRIUM`.
        ``detail=False`` names each survivor by its form only. An array of labels for arrays.

        >>> game = ResolveSignalling(Fraction(2, 5), Fraction(1, 2), Fraction(1, 5), Fraction(3, 10), Fraction(1, 4), -1,
        ...                       risk=Fraction(1, 2))
        >>> game.regime("intuitive", detail=False)
        'several: semi-separating (carrot signals weakness) + semi-separating (carrot signals weakness)'
        >>> game.regime("d1")
        'semi-separating: resolute specific / irresolute specific|carrot (carrot signals weakness)'
        >>> ResolveSignalling(0.4, np.array([0.3, 1.5]), 0.3, 0.5, -0.1, -0.6, risk=0.3).regime(detail=False)
        array(['several: pooling + pooling + semi-separating (carrot signals weakness)',
               'separating (carrot signals weakness)'], dtype='<U70')
        """
        survival = self._survival(refinement, select)
        if self.kind != "array":
            return _several([e.label(detail) for mask, e in survival if bool(mask)])
        shape = np.broadcast_shapes(*(np.shape(mask) for mask, _ in survival))
        text = np.full(shape, "", dtype=object)
        count = np.zeros(shape, dtype=int)
        for mask, equilibrium in survival:
            mask = np.broadcast_to(mask, shape)
            base = _base_label(equilibrium) if detail else equilibrium.form
            piece = np.where(np.broadcast_to(_weak_flag(equilibrium), shape), base + WEAKNESS, base)
            text = np.where(mask, np.where(count == 0, piece, text + " + " + piece), text)
            count = count + mask
        labels = np.where(count == 0, NO_EQUILIBRIUM, np.where(count > 1, "several: " + text, text))
        return labels.astype(str)

    def equilibrium_count(self, refinement: str = "intuitive", select: str | None = None) -> Any:
        """How many equilibria survive ``refinement`` (and ``select``): an int, or an int array.

        >>> ResolveSignalling(Fraction(2, 5), Fraction(1, 10), Fraction(1, 10), Fraction(1, 2), Fraction(-1, 10),
        ...                Fraction(-3, 5), risk=Fraction(3, 10)).equilibrium_count("d1")
        7
        >>> ResolveSignalling(0.4, np.array([0.1, 0.3, 1.5]), 0.3, 0.5, -0.1, -0.6, risk=0.3).equilibrium_count()
        array([4, 3, 1])
        """
        survival = self._survival(refinement, select)
        if self.kind != "array":
            return sum(bool(mask) for mask, _ in survival)
        shape = np.broadcast_shapes(*(np.shape(mask) for mask, _ in survival))
        return sum(np.broadcast_to(mask, shape).astype(int) for mask, _ in survival)


def _mix(ends: tuple[Any, Any], level: Any) -> Any:
    """``level * comply + (1 - level) * fallback``."""
    return level * ends[0] + (1 - level) * ends[1]

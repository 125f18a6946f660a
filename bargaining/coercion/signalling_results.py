"""What the coercion signalling game returns: an equilibrium of
:class:`~bargaining.coercion.signalling.ResolveSignalling` (the two coercer types' messages and
mixing, the target's beliefs and responses, which refinements it survives), the set of equilibria
at a point with the selection rule that picks among them, and Pareto dominance among them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..core.errors import ParameterValueError

__all__ = [
    "MESSAGES",
    "NO_EQUILIBRIUM",
    "REFINEMENTS",
    "Equilibrium",
    "EquilibriumSet",
    "pareto_undominated",
]

MESSAGES = ("plain", "specific", "carrot", "specific+carrot")
RESOLUTE, IRRESOLUTE = "resolute", "irresolute"
TYPES = (RESOLUTE, IRRESOLUTE)
#: The refinements whose survivors are reported: every PBE found, the intuitive criterion, D1.
REFINEMENTS = ("pbe", "intuitive", "d1")
#: The label of a point where no equilibrium of the enumerated classes survives.
NO_EQUILIBRIUM = "no equilibrium with at most one mixing type"
WEAKNESS = " (carrot signals weakness)"


@dataclass(frozen=True, slots=True)
class Equilibrium:
    """One perfect Bayesian equilibrium of the signalling game.

    Attributes
    ----------
    form : str
        ``"pooling"``, ``"separating"`` or ``"semi-separating"``.
    strategy : dict
        Each type's ``{message: probability}``.
    beliefs : dict
        The posterior that the coercer is resolute after each message sent on the path, and the
        ``"prior"``.
    payoffs : dict
        Each type's equilibrium payoff.
    intuitive, d1 : bool
        Whether it survives the intuitive criterion (Cho & Kreps 1987) and D1 (Banks & Sobel 1987).

    >>> from bargaining.coercion import ResolveSignalling
    >>> from fractions import Fraction
    >>> game = ResolveSignalling(Fraction(2, 5), Fraction(3, 10), Fraction(3, 10), Fraction(1, 2), Fraction(-1, 10), Fraction(-3, 5), risk=Fraction(3, 10))
    >>> first = game.equilibria("d1")[0]
    >>> first.form, first.beliefs
    ('semi-separating', {'specific': Fraction(297, 413), 'carrot': Fraction(0, 1), 'prior': Fraction(1, 2)})
    """

    form: str
    strategy: dict[str, dict[str, Any]]
    beliefs: dict[str, Any]
    payoffs: dict[str, Any]
    intuitive: bool
    d1: bool

    @property
    def carrot_signals_weakness(self) -> bool:
        """Whether a carrot message is sent on the path and lowers the belief in resolve.

        >>> from bargaining.coercion import ResolveSignalling
        >>> from fractions import Fraction
        >>> game = ResolveSignalling(Fraction(2, 5), Fraction(3, 10), Fraction(3, 10), Fraction(1, 2), Fraction(-1, 10), Fraction(-3, 5), risk=Fraction(3, 10))
        >>> [e.carrot_signals_weakness for e in game.equilibria("d1")]
        [True]
        """
        return bool(_weak_flag(self))

    def label(self, detail: bool = True) -> str:
        """Who sends what (``detail``) or only the form, and whether a carrot signals weakness.

        >>> from bargaining.coercion import ResolveSignalling
        >>> game = ResolveSignalling(Fraction(1, 2), 2, 0, Fraction(1, 2), Fraction(1, 4), -1)
        >>> [e.label() for e in game.equilibria("d1")]
        ['separating: resolute specific / irresolute plain']
        """
        base = _base_label(self) if detail else self.form
        return base + (WEAKNESS if self.carrot_signals_weakness else "")


def pareto_undominated(equilibria: Sequence[Equilibrium]) -> tuple[Equilibrium, ...]:
    """The equilibria no other one Pareto-dominates from the coercer's types' point of view.

    ``e`` is dominated if some ``f`` in ``equilibria`` gives both types at least as much and one
    type more; equilibria with equal payoffs are all kept.

    >>> from bargaining.coercion import ResolveSignalling
    >>> game = ResolveSignalling(Fraction(2, 5), Fraction(1, 10), Fraction(1, 10), Fraction(1, 2), Fraction(-1, 10),
    ...                       Fraction(-3, 5), risk=Fraction(3, 10))
    >>> [e.label() for e in pareto_undominated(game.equilibria("pbe"))]
    ['pooling on specific+carrot']
    >>> [e.label() for e in pareto_undominated(game.equilibria("d1"))]
    ['pooling on specific']
    """
    return tuple(
        e
        for e in equilibria
        if not any(
            all(f.payoffs[t] >= e.payoffs[t] for t in TYPES)
            and any(f.payoffs[t] > e.payoffs[t] for t in TYPES)
            for f in equilibria
        )
    )


def _check_rule(refinement: Any, select: Any) -> None:
    if refinement not in REFINEMENTS:
        raise ParameterValueError("refinement", f"one of {REFINEMENTS}", refinement)
    if select not in (None, "pareto"):
        raise ParameterValueError("select", "None (every survivor) or 'pareto'", select)


def _several(labels: Sequence[str]) -> str:
    if not labels:
        return NO_EQUILIBRIUM
    return labels[0] if len(labels) == 1 else "several: " + " + ".join(labels)


@dataclass(frozen=True, slots=True)
class EquilibriumSet:
    """The perfect Bayesian equilibria found and those that survive each refinement.

    Attributes
    ----------
    pbe : tuple of Equilibrium
        Every PBE in the enumerated classes (pooling, separating, one mixing type), in that order.
    intuitive, d1 : tuple of Equilibrium
        The survivors of the intuitive criterion and of D1.

    >>> from bargaining.coercion import ResolveSignalling
    >>> from fractions import Fraction
    >>> game = ResolveSignalling(Fraction(2, 5), Fraction(3, 10), Fraction(3, 10), Fraction(1, 2), Fraction(-1, 10), Fraction(-3, 5), risk=Fraction(3, 10))
    >>> found = game.equilibrium_set()
    >>> len(found.pbe), len(found.d1)
    (3, 1)
    """

    pbe: tuple[Equilibrium, ...]
    intuitive: tuple[Equilibrium, ...]
    d1: tuple[Equilibrium, ...]

    def survivors(self, refinement: str = "intuitive", select: str | None = None) -> tuple[Equilibrium, ...]:
        """The survivors of ``refinement`` (``"pbe"``, ``"intuitive"`` or ``"d1"``), all of them
        (``select=None``) or the Pareto-undominated ones among them (``select="pareto"``).

        >>> from bargaining.coercion import ResolveSignalling
        >>> game = ResolveSignalling(Fraction(2, 5), Fraction(1, 10), Fraction(1, 10), Fraction(1, 2), Fraction(-1, 10),
        ...                       Fraction(-3, 5), risk=Fraction(3, 10))
        >>> found = game.equilibrium_set()
        >>> len(found.pbe), len(found.survivors("intuitive")), len(found.survivors("d1"))
        (10, 10, 7)
        >>> [e.label() for e in found.survivors("d1", select="pareto")]
        ['pooling on specific']
        """
        _check_rule(refinement, select)
        survivors: tuple[Equilibrium, ...] = getattr(self, refinement)
        return pareto_undominated(survivors) if select == "pareto" else survivors

    def label(self, refinement: str = "intuitive", select: str | None = None, detail: bool = True) -> str:
        """The regime: one survivor's label, ``"several: ..."`` listing each, or :data:`NO_EQUILIBRIUM`.

        >>> from bargaining.coercion import ResolveSignalling
        >>> game = ResolveSignalling(Fraction(1, 2), Fraction(1, 2), Fraction(1, 5), Fraction(1, 2), Fraction(1, 4), -1)
        >>> game.equilibrium_set().label("d1", detail=False)
        'several: separating + separating (carrot signals weakness)'
        """
        return _several([e.label(detail) for e in self.survivors(refinement, select)])


def _base_label(equilibrium: Equilibrium) -> str:
    if equilibrium.form == "pooling":
        (message,) = equilibrium.strategy[RESOLUTE]
        return f"pooling on {message}"
    resolute = "|".join(m for m in MESSAGES if m in equilibrium.strategy[RESOLUTE])
    irresolute = "|".join(m for m in MESSAGES if m in equilibrium.strategy[IRRESOLUTE])
    return f"{equilibrium.form}: resolute {resolute} / irresolute {irresolute}"


def _weak_flag(equilibrium: Equilibrium) -> Any:
    """Elementwise: some on-path carrot message lowers the belief below the prior."""
    flag: Any = False
    prior = equilibrium.beliefs["prior"]
    for message, belief in equilibrium.beliefs.items():
        if "carrot" in message:
            flag = np.logical_or(flag, belief < prior)
    return flag

# ruff: noqa: RUF009 - parameter() returns a dataclass field, like dataclasses.field
r"""What a strategy of the coercive bargaining game is: a name, or an ultimatum's design.

The model (:mod:`~bargaining.coercive_game.model`) and the solvers both need these definitions;
they live here so that neither imports the other at run time.

>>> STRATEGIES
('try_and_see', 'screw')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..core.errors import ParameterTypeError, ParameterValueError
from ..core.parameters import NONNEGATIVE, PROBABILITY, declared, parameter, setting
from ..core.values import Kind

__all__ = ["STRATEGIES", "UltimatumDesign"]

STRATEGIES = ("try_and_see", "screw")
"""The strategies named by a string; the ultimatum is an :class:`UltimatumDesign`."""

_MAX_HORIZON = 10**4


def _check_integer(name: str, value: Any, lower: int, upper: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ParameterTypeError(name, f"an integer in [{lower}, {upper}]", value)
    if not lower <= value <= upper:
        raise ParameterValueError(name, f"an integer in [{lower}, {upper}]", value)
    return value


@dataclass(frozen=True, slots=True)
@declared
class UltimatumDesign:
    r"""The ultimatum C commits to at :math:`t = 0`: demand, deadline and audience cost.

    Until the ``deadline`` :math:`D` the demand :math:`x` stands (T may comply at any
    :math:`t \le D`); after a refusal at :math:`D` the threat is executed with probability
    :math:`e`; from :math:`D + 1` the game continues as try-and-see. ``schelling_risk`` is
    :math:`\rho`, the chance the process executes the threat whatever C's value. ``vagueness``
    :math:`\sigma` blurs the condition uniformly around :math:`x` (George's condition): what counts
    as compliance lies in :math:`[x - \sigma, x + \sigma]`, so a complying target concedes
    :math:`x + \sigma` to be sure (the blur is linear in the concession, so no other concession is
    ever best), while C values only :math:`x`.

    >>> from fractions import Fraction
    >>> UltimatumDesign(demand=Fraction(3, 4), deadline=0).audience_cost
    Fraction(0, 1)
    """

    demand: Any = parameter(PROBABILITY, "the coercer's share of the stake demanded", "probability")
    deadline: int = setting("the period at which the threat falls if the target has not complied", "periods")
    audience_cost: Any = parameter(
        NONNEGATIVE,
        "what backing down after the threat costs the coercer",
        "utility (stake units)",
        default=0,
    )
    schelling_risk: Any = parameter(
        PROBABILITY,
        "the chance that the threat is executed whatever the coercer's value",
        "probability",
        default=0,
    )
    vagueness: Any = parameter(NONNEGATIVE, "how far the condition of compliance is blurred", default=0)
    kind: Kind = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.kind not in ("exact", "float"):
            raise ParameterTypeError("demand", "an exact or float number (one design at a time)", self.demand)
        if self.demand + self.vagueness > 1:
            raise ParameterValueError(
                "vagueness",
                f"at most 1 - demand = {1 - self.demand} (a sure compliance is a share)",
                self.vagueness,
            )
        _check_integer("deadline", self.deadline, 0, _MAX_HORIZON)

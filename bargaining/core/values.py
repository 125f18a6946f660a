"""The four kinds of parameter value and the kind-aware machinery, in one namespace.

The machinery lives in one module per concern: :mod:`~bargaining.core.kinds` (the kinds and
how fields are brought to one), :mod:`~bargaining.core.checks` (validation),
:mod:`~bargaining.core.regimes` (piecewise closed forms) and :mod:`~bargaining.core.arithmetic`
(kind-aware arithmetic). This module gathers their public names, so that a model imports them
from one place.

>>> from fractions import Fraction
>>> values, kind = normalize({"power": Fraction(1, 2), "costs": 1})
>>> kind, values["costs"]
('exact', Fraction(1, 1))
"""

from __future__ import annotations

from .arithmetic import at_least, clip, every, maximum, minimum, negation, power, ratio, some
from .checks import (
    check_discount,
    check_nonnegative,
    check_order,
    check_positive,
    check_probability,
    check_range,
)
from .kinds import MAX_EXACT_DIGITS, Kind, is_symbolic, kind_of, normalize, parse_fraction
from .regimes import (
    Case,
    Regime,
    RegimeCodes,
    holding,
    plain_regimes,
    regime_codes,
    select,
    select_each,
    select_label,
)

__all__ = [
    "MAX_EXACT_DIGITS",
    "Case",
    "Kind",
    "Regime",
    "RegimeCodes",
    "at_least",
    "check_discount",
    "check_nonnegative",
    "check_order",
    "check_positive",
    "check_probability",
    "check_range",
    "clip",
    "every",
    "holding",
    "is_symbolic",
    "kind_of",
    "maximum",
    "minimum",
    "negation",
    "normalize",
    "parse_fraction",
    "plain_regimes",
    "power",
    "ratio",
    "regime_codes",
    "select",
    "select_each",
    "select_label",
    "some",
]

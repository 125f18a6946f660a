"""The kinds of value a parameter can take, as type aliases for signatures.

Every model takes its numbers in one of four kinds (:mod:`bargaining.core.values`): exact
(``int``, ``Fraction``), float, a numpy array, or a sympy expression. A signature says which it
takes with these aliases instead of ``Any``:

* :data:`Real`: one number, exact or float (``int``, ``Fraction``, ``float`` or a numpy scalar);
* :data:`ArrayLike`: what numpy turns into an array (a number, a sequence, an array);
* :data:`Expr`: a sympy expression (a symbol, a ``Rational``, a ``Piecewise``);
* :data:`Value`: any of the four kinds, the type of a model's parameter;
* :data:`FloatArray`: a float numpy array, the type of a vectorised result.

Sympy is imported only by the type checker (``import bargaining`` stays light), so :data:`Expr`
is a string at run time: use the aliases in annotations.

>>> from fractions import Fraction
>>> from bargaining.core.types import Real
>>> def half(value: Real) -> Real:
...     return value / 2
>>> half(Fraction(1, 3))
Fraction(1, 6)
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, TypeAlias, Union

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    import sympy

__all__ = ["ArrayLike", "Expr", "FloatArray", "Real", "Value"]

Real: TypeAlias = int | float | Fraction | np.integer | np.floating
ArrayLike: TypeAlias = npt.ArrayLike
FloatArray: TypeAlias = npt.NDArray[np.float64]
Expr: TypeAlias = "sympy.Expr"
Value: TypeAlias = Union[Real, npt.NDArray[np.generic], "sympy.Expr"]

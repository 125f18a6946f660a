"""What is derived from the parameters' declarations (:mod:`bargaining.core.parameters`): a
sweep's units and descriptions (:func:`variables`), a specification's sympy symbols with the
assumptions of each domain (:func:`symbols`), and the parameter tables of the docs
(:func:`table`). A scenario's schema reads the declarations through
:meth:`bargaining.scenarios.schema.Field.of`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .parameters import Parameter, declarations

__all__ = ["symbols", "table", "variables"]


def variables(*models: Any) -> dict[str, tuple[str, str]]:
    """``{name: (meaning, unit)}`` of every declared field of ``models`` (the first declaration
    of a name wins): what a sweep's metadata reads.

    >>> from bargaining.crisis import RiskReturn
    >>> variables(RiskReturn)["power"]
    ("the coercer's probability of winning a war", 'probability')
    """
    found: dict[str, tuple[str, str]] = {}
    for model in models:
        for name, item in declarations(model).items():
            found.setdefault(name, (item.meaning, item.unit))
    return found


def symbols(*models: Any, extra: Iterable[str] = (), interior: Iterable[str] = ()) -> dict[str, Any]:
    """A sympy symbol for each declared parameter of ``models``, with the assumptions of its
    domain (a probability is nonnegative, a discount factor positive), and for each of ``extra``
    (a quantity of the derivation that is not a field: positive). The parameters named in
    ``interior`` are positive: a derivation made on the interior of their domain (a threat that
    is there, a carrot that may be delivered) says so by naming them.

    >>> from bargaining.crisis import Screening
    >>> s = symbols(Screening)
    >>> s["prior_tough"].is_nonnegative, s["prior_tough"].is_positive
    (True, None)
    """
    import sympy

    found: dict[str, Any] = {}
    inside = set(interior)
    for model in models:
        for name, item in declarations(model).items():
            if not isinstance(item, Parameter):
                continue
            if name not in found:
                assumptions = ("positive",) if name in inside else item.domain.assumptions
                found[name] = sympy.Symbol(name, **dict.fromkeys(assumptions, True))
    for name in extra:
        found.setdefault(name, sympy.Symbol(name, positive=True))
    return found


def table(model: Any) -> str:
    """The parameter table of a model for the docs: name, domain, unit and meaning (Markdown).

    >>> print(table(__import__("bargaining.crisis", fromlist=["Screening"]).Screening).splitlines()[2])
    | `power` | probability [0, 1] | probability | the coercer's probability of winning a war |
    """
    rows = ["| parameter | domain | unit | meaning |", "|---|---|---|---|"]
    for name, item in declarations(model).items():
        if isinstance(item, Parameter):
            domain = f"{item.domain.name} {item.domain.interval}"
            if item.above is not None:
                domain += f", > `{item.above}`" if item.strict else f", ≥ `{item.above}`"
        else:
            domain = "setting"
        rows.append(f"| `{name}` | {domain} | {item.unit or '—'} | {item.meaning} |")
    return "\n".join(rows)

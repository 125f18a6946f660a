r"""Each parameter declared once, on its field: its domain (the check), its meaning and its unit.

A model field is declared with :func:`parameter` (a number of any kind, brought to the model's
common kind and checked against its :class:`Domain`) or :func:`setting` (anything else: a name, a
deadline, a distribution; kept as given and checked by the model). :func:`declared` compiles the
declarations of a dataclass once and validates every declared parameter after ``__init__``,
before the model's own ``__post_init__`` (which keeps only the checks that involve several
fields). An ordered pair (``low < high``) is declared once, on its upper field
(``above="low"``), and checked for every kind.

Everything else about a parameter is derived from its declaration: the units and descriptions of
a sweep (:func:`variables`), a scenario's schema, the sympy symbols of a specification, with
assumptions from the domain (:func:`symbols`), and the parameter tables of the docs
(:func:`table`).

>>> from dataclasses import dataclass, field
>>> @dataclass(frozen=True, slots=True)
... @declared
... class Toy:
...     power: object = parameter(PROBABILITY, "the coercer's chance of winning", "probability")
...     cost_low: object = parameter(NONNEGATIVE, "the least cost", "utility", default=0)
...     cost_high: object = parameter(NONNEGATIVE, "the most cost", "utility", default=1, above="cost_low")
...     kind: str = field(init=False, repr=False, compare=False)
>>> Toy(0.5).cost_high, Toy(1).kind
(1.0, 'exact')
>>> Toy(0.5, 2, 1)
Traceback (most recent call last):
...
bargaining.core.errors.ParameterValueError: cost_high must be greater than cost_low = 2.0 (got 1.0)

**Speed.** A model is built far more often from plain numbers than from anything else, so the
compiled plan first tries a fast path: when every parameter is a ``float`` or an ``int`` (or every
one an ``int`` or a ``Fraction``), the values are converted and held against their bounds with
plain comparisons, with no numpy and no sympy. Any value that fails, and any other kind, takes
the general path (:func:`bargaining.core.model.settle`), which raises the error that names the
field, the requirement and the value received; so both paths accept and refuse the same inputs.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import MISSING, dataclass
from fractions import Fraction
from typing import Any, TypeVar

from .errors import BargainingError
from .values import MAX_EXACT_DIGITS, check_order, check_range

__all__ = [
    "DISCOUNT",
    "DISCOUNT_CLOSED",
    "INTERIOR",
    "NONNEGATIVE",
    "POSITIVE",
    "PROBABILITY",
    "REAL",
    "UNIT",
    "Domain",
    "Parameter",
    "Setting",
    "checks_of",
    "declarations",
    "declared",
    "parameter",
    "plan_of",
    "setting",
    "settle_declared",
    "symbols",
    "table",
    "variables",
]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Domain:
    """Where a parameter may lie: its bounds, the requirement an error prints, and the sympy
    assumptions of its symbol.

    >>> PROBABILITY.admits(0.5), DISCOUNT.admits(1)
    (True, False)
    """

    name: str
    requirement: str
    lower: Any = None
    upper: Any = None
    lower_open: bool = False
    upper_open: bool = False
    assumptions: tuple[str, ...] = ("real",)

    def check(self, field: str, value: Any) -> None:
        """Raise :class:`~bargaining.core.errors.ParameterValueError` unless ``value`` lies in
        the domain (for every kind: see :func:`~bargaining.core.values.check_range`)."""
        check_range(
            field,
            value,
            self.lower,
            self.upper,
            lower_open=self.lower_open,
            upper_open=self.upper_open,
            requirement=self.requirement,
        )

    def admits(self, value: Any) -> bool:
        """Whether a finite real number lies in the domain (the fast path's test)."""
        if self.lower is not None and (value <= self.lower if self.lower_open else value < self.lower):
            return False
        return not (
            self.upper is not None and (value >= self.upper if self.upper_open else value > self.upper)
        )

    @property
    def interval(self) -> str:
        """The domain as an interval, for a table: ``[0, 1]``, ``(0, ∞)``."""
        left = "(" if self.lower is None or self.lower_open else "["
        right = ")" if self.upper is None or self.upper_open else "]"
        low = "−∞" if self.lower is None else str(self.lower)
        high = "∞" if self.upper is None else str(self.upper)
        return f"{left}{low}, {high}{right}"


PROBABILITY = Domain("probability", "a probability in [0, 1]", 0, 1, assumptions=("nonnegative",))
UNIT = Domain("unit", "in [0, 1]", 0, 1, assumptions=("nonnegative",))
DISCOUNT = Domain(
    "discount",
    "a discount factor in (0, 1)",
    0,
    1,
    lower_open=True,
    upper_open=True,
    assumptions=("positive",),
)
DISCOUNT_CLOSED = Domain(
    "discount", "a discount factor in (0, 1]", 0, 1, lower_open=True, assumptions=("positive",)
)
INTERIOR = Domain("interior", "in (0, 1)", 0, 1, lower_open=True, upper_open=True, assumptions=("positive",))
NONNEGATIVE = Domain("nonnegative", "non-negative", 0, None, assumptions=("nonnegative",))
POSITIVE = Domain("positive", "positive", 0, None, lower_open=True, assumptions=("positive",))
REAL = Domain("real", "a finite real number")

_KEY = "bargaining.parameter"


@dataclass(frozen=True, slots=True)
class Parameter:
    """A numeric field's declaration (the metadata :func:`parameter` puts on the field)."""

    domain: Domain
    meaning: str
    unit: str = ""
    above: str | None = None
    strict: bool = True
    check: Callable[[str, Any], None] | None = None

    def validate(self, field: str, value: Any) -> None:
        """The field's own check: ``check`` if one was given, else the domain's."""
        (self.check or self.domain.check)(field, value)


@dataclass(frozen=True, slots=True)
class Setting:
    """A field that is not a number of one of the four kinds (a name, a deadline, a distribution):
    its meaning, kept as given and checked by the model itself."""

    meaning: str
    unit: str = ""


def parameter(
    domain: Domain,
    meaning: str,
    unit: str = "",
    *,
    default: Any = MISSING,
    above: str | None = None,
    strict: bool = True,
    check: Callable[[str, Any], None] | None = None,
) -> Any:
    """A dataclass field for a numeric parameter, declared once: its domain, meaning and unit.

    ``above`` names the field this one must exceed (``>=`` when ``strict`` is false): the upper
    end of an ordered pair. ``check`` replaces the domain's check where a requirement is not an
    interval (the domain then still gives the symbol's assumptions and the tables).

    >>> parameter(PROBABILITY, "a chance").metadata[_KEY].domain.name
    'probability'
    """
    declaration = Parameter(domain, meaning, unit, above, strict, check)
    return dataclasses.field(default=default, metadata={_KEY: declaration})


def setting(meaning: str, unit: str = "", *, default: Any = MISSING) -> Any:
    """A dataclass field that is not a number (kept as given; the model checks it).

    >>> setting("the shape of the blur", default="uniform").metadata[_KEY].meaning
    'the shape of the blur'
    """
    return dataclasses.field(default=default, metadata={_KEY: Setting(meaning, unit)})


def declarations(model: Any) -> dict[str, Parameter | Setting]:
    """Every declared field of a model class (or instance), in field order.

    >>> from bargaining.crisis import Screening
    >>> list(declarations(Screening))
    ['power', 'cost_coercer', 'cost_tough', 'cost_soft', 'prior_tough']
    """
    return {f.name: f.metadata[_KEY] for f in dataclasses.fields(model) if _KEY in f.metadata}


def _parameters(model: Any) -> dict[str, Parameter]:
    return {name: item for name, item in declarations(model).items() if isinstance(item, Parameter)}


def checks_of(model: Any) -> dict[str, Callable[[str, Any], None]]:
    """Each declared parameter's check, by name (for :func:`bargaining.core.model.settle`)."""
    return {name: item.validate for name, item in _parameters(model).items()}


# --------------------------------------------------------------------------- the compiled plan

_MAX_EXACT = 10**MAX_EXACT_DIGITS
_FLOATS = frozenset({float, int})
_EXACTS = frozenset({int, Fraction})


@dataclass(frozen=True, slots=True)
class _Plan:
    names: tuple[str, ...]
    checks: dict[str, Callable[[str, Any], None]]
    bounds: tuple[tuple[int, Domain], ...]  # the fast path's interval checks, by position
    custom: tuple[tuple[int, Callable[[str, Any], None]], ...]  # checks that are not intervals
    orders: tuple[tuple[str, int, str, int, bool], ...]  # (low, its index, high, its index, strict)


def _compile(model: Any) -> _Plan:
    parameters = _parameters(model)
    names = tuple(parameters)
    index = {name: i for i, name in enumerate(names)}
    for name, item in parameters.items():
        if item.above is not None and item.above not in index:
            raise TypeError(f"{model.__name__}.{name}: above={item.above!r} is not a declared parameter")
    return _Plan(
        names,
        checks_of(model),
        tuple((index[n], p.domain) for n, p in parameters.items() if p.check is None),
        tuple((index[n], p.check) for n, p in parameters.items() if p.check is not None),
        tuple(
            (p.above, index[p.above], n, index[n], p.strict)
            for n, p in parameters.items()
            if p.above is not None
        ),
    )


def _fast(plan: _Plan, raw: list[Any]) -> tuple[list[Any], str] | None:
    """The values converted and checked on the fast path, and their kind; ``None`` when any value
    is of another kind or fails a check (then the general path decides, and names the error)."""
    types = set(map(type, raw))
    if types <= _FLOATS and float in types:
        try:
            values = [float(v) for v in raw]
        except OverflowError:
            return None
        for value in values:
            if not math.isfinite(value):
                return None
        kind = "float"
    elif types <= _EXACTS:
        for v in raw:
            if abs(v.numerator) >= _MAX_EXACT or v.denominator >= _MAX_EXACT:
                return None
        values = [Fraction(v) if type(v) is int else v for v in raw]
        kind = "exact"
    else:
        return None
    for i, domain in plan.bounds:
        if not domain.admits(values[i]):
            return None
    for _, i, _, j, strict in plan.orders:
        if not (values[j] > values[i] if strict else values[j] >= values[i]):
            return None
    return values, kind


def settle_declared(instance: Any, plan: _Plan | None = None) -> str:
    """Normalise and validate every declared parameter of ``instance``; store them and ``kind``.

    The fast path (plain numbers) and the general path (any kind; the engine is
    :func:`bargaining.core.model.settle`) accept and refuse the same values.
    """
    if plan is None:
        plan = plan_of(type(instance))
    raw = [getattr(instance, name) for name in plan.names]
    fast = _fast(plan, raw)
    setter = object.__setattr__
    if fast is not None:
        values, kind = fast
        try:
            for i, check in plan.custom:
                check(plan.names[i], values[i])
        except BargainingError:
            fast = None  # the general path raises it again, with the value as given
    if fast is not None:
        for name, before, after in zip(plan.names, raw, values):
            if after is not before:
                setter(instance, name, after)
        setter(instance, "kind", kind)
        return kind
    from .model import settle

    kind = settle(instance, plan.checks)
    for low, _, high, _, strict in plan.orders:
        check_order(low, getattr(instance, low), high, getattr(instance, high), strict=strict)
    return kind


def plan_of(model: type) -> _Plan:
    """The compiled declarations of a model class (compiled on first use, then kept on the class)."""
    plan = model.__dict__.get("__plan__")
    if plan is None:
        plan = _compile(model)
        model.__plan__ = plan  # type: ignore[attr-defined]
    return plan


def declared(model: type[T] | None = None, *, settle: bool = True) -> Any:
    """Validate every declared parameter of a model dataclass after ``__init__``, then run the
    model's own ``__post_init__`` (its checks across fields).

    Applied *under* ``@dataclass`` (so that the dataclass's ``__init__`` calls the
    ``__post_init__`` it installs); the declarations are compiled on the first instance and kept
    on the class. With ``settle=False`` the model settles its parameters itself (a power path
    whose entries set the kind), with :func:`checks_of` as its checks.
    """

    def decorate(cls: type[T]) -> type[T]:
        own = cls.__dict__.get("__post_init__")
        if not settle:
            return cls
        if own is None:

            def post_init(self: Any) -> None:
                settle_declared(self)

        else:

            def post_init(self: Any) -> None:
                settle_declared(self)
                own(self)

        post_init.__name__ = "__post_init__"
        post_init.__qualname__ = f"{cls.__qualname__}.__post_init__"
        post_init.__doc__ = "Normalise and validate the declared parameters, then check across fields."
        cls.__post_init__ = post_init  # type: ignore[attr-defined]
        return cls

    return decorate if model is None else decorate(model)


# --------------------------------------------------------------------------- what is derived


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


def symbols(*models: Any, extra: Iterable[str] = ()) -> dict[str, Any]:
    """A sympy symbol for each declared parameter of ``models``, with the assumptions of its
    domain (a probability is nonnegative, a discount factor positive), and for each of ``extra``
    (a quantity of the derivation that is not a field: positive).

    >>> from bargaining.crisis import Screening
    >>> s = symbols(Screening)
    >>> s["prior_tough"].is_nonnegative, s["prior_tough"].is_positive
    (True, None)
    """
    import sympy

    found: dict[str, Any] = {}
    for model in models:
        for name, item in _parameters(model).items():
            if name not in found:
                found[name] = sympy.Symbol(name, **dict.fromkeys(item.domain.assumptions, True))
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


def requirements(model: Any) -> Mapping[str, str]:
    """Each declared parameter's requirement in words (the text an error prints)."""
    return {name: item.domain.requirement for name, item in _parameters(model).items()}

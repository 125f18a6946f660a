r"""Each parameter declared once, on its field: its domain (the check), its meaning and its unit.

A model field is declared with :func:`parameter` (a number of any kind, brought to the model's
common kind and checked against its :class:`Domain`) or :func:`setting` (anything else: a name, a
deadline, a distribution; kept as given and checked by the model). :func:`declared` compiles the
declarations of a dataclass once and validates every declared parameter after ``__init__``,
before the model's own ``__post_init__`` (which keeps only the checks that involve several
fields). An ordered pair (``low < high``) is declared once, on its upper field
(``above="low"``), and checked for every kind.

Everything else about a parameter is derived from its declaration (:mod:`bargaining.core.derived`):
the units and descriptions of a sweep, a scenario's schema, the sympy symbols of a
specification, with assumptions from the domain, and the parameter tables of the docs.

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

**Speed.** A model is built far more often from plain numbers than from anything else. When every
parameter is a ``float`` (or left at its default), the model's generated ``__init__``
(:func:`~bargaining.core.constructors.float_init`, made on the first instance) checks and stores
them at once; otherwise the compiled plan tries a fast path for plain numbers (``float``, ``int``,
``Fraction``: converted and held against their bounds with plain comparisons, no numpy or sympy),
and any value that fails, and any other kind, takes the general path
(:func:`bargaining.core.model.settle`), which names the field, the requirement and the value
received; all three accept and refuse the same inputs. A field left at its default (the very
object, an ``int`` or a ``Fraction`` inside its domain) takes conversions made once per class. A
model that settles one field itself (a power path its path) settles the others by :func:`fast_of`.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from collections.abc import Callable, Mapping
from dataclasses import MISSING, dataclass
from fractions import Fraction
from typing import Any, TypeVar

from .checks import check_order, check_range
from .constructors import float_init
from .errors import BargainingError
from .kinds import MAX_EXACT_DIGITS

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
    "Plan",
    "Setting",
    "checks_of",
    "declarations",
    "declared",
    "fast_of",
    "parameter",
    "plan_of",
    "setting",
    "settle_declared",
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
        the domain (for every kind: see :func:`~bargaining.core.values.check_range`).

        >>> import numpy as np
        >>> PROBABILITY.check("power", 0.5)
        >>> PROBABILITY.check("power", np.array([0.5, 1.5]))
        Traceback (most recent call last):
        ...
        bargaining.core.errors.ParameterValueError: power must be a probability in [0, 1] (got 1.5 at index (1,))
        """
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
        """Whether a finite real number lies in the domain (the fast path's test).

        >>> DISCOUNT.admits(Fraction(1, 2)), POSITIVE.admits(0), NONNEGATIVE.admits(0)
        (True, False, True)
        """
        if self.lower is not None and (value <= self.lower if self.lower_open else value < self.lower):
            return False
        return not (
            self.upper is not None and (value >= self.upper if self.upper_open else value > self.upper)
        )

    @property
    def interval(self) -> str:
        """The domain as an interval, for a table: ``[0, 1]``, ``(0, ∞)``.

        >>> PROBABILITY.interval, DISCOUNT_CLOSED.interval, POSITIVE.interval, REAL.interval
        ('[0, 1]', '(0, 1]', '(0, ∞)', '(−∞, ∞)')
        """
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
    """A numeric field's declaration (the metadata :func:`parameter` puts on the field).

    >>> Parameter(PROBABILITY, "a chance").validate("power", 0.5) is None
    True
    """

    domain: Domain
    meaning: str
    unit: str = ""
    above: str | None = None
    strict: bool = True
    check: Callable[[str, Any], None] | None = None

    def validate(self, field: str, value: Any) -> None:
        """The field's own check: ``check`` if one was given, else the domain's.

        >>> Parameter(DISCOUNT, "patience").validate("discount", 1)
        Traceback (most recent call last):
        ...
        bargaining.core.errors.ParameterValueError: discount must be a discount factor in (0, 1) (got 1)
        >>> def at_most_half(field, value):
        ...     check_range(field, value, 0, Fraction(1, 2), requirement="in [0, 1/2]")
        >>> Parameter(UNIT, "a share", check=at_most_half).validate("share", 0.75)
        Traceback (most recent call last):
        ...
        bargaining.core.errors.ParameterValueError: share must be in [0, 1/2] (got 0.75)
        """
        (self.check or self.domain.check)(field, value)


@dataclass(frozen=True, slots=True)
class Setting:
    """A field that is not a number of one of the four kinds (a name, a deadline, a distribution):
    its meaning, kept as given and checked by the model itself.

    >>> Setting("the shape of the blur").meaning
    'the shape of the blur'
    """

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
    """Each declared parameter's check, by name (for :func:`bargaining.core.model.settle`).

    >>> from bargaining.crisis import RiskReturn
    >>> list(checks_of(RiskReturn))
    ['power', 'cost_coercer', 'target_cost_low', 'target_cost_high']
    """
    return {name: item.validate for name, item in _parameters(model).items()}


# --------------------------------------------------------------------------- the compiled plan

_MAX_EXACT = 10**MAX_EXACT_DIGITS
_NUMBERS = frozenset({float, int, Fraction})
_SMALL_FRACTIONS = {n: Fraction(n) for n in range(-16, 17)}  # immutable, so shared: no Fraction(0) per call


def _fraction(value: int) -> Fraction:
    small = _SMALL_FRACTIONS.get(value)
    return Fraction(value) if small is None else small


def _fraction_of(value: int | Fraction) -> Fraction:
    return value if type(value) is Fraction else _fraction(value)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Plan:
    """A model class's declarations compiled once: the names, their checks, the ordered pairs and the fast path.

    >>> from bargaining.crisis import Screening
    >>> plan_of(Screening).orders
    (('cost_tough', 2, 'cost_soft', 3, True),)
    """

    names: tuple[str, ...]
    checks: dict[str, Callable[[str, Any], None]]
    orders: tuple[tuple[str, int, str, int, bool], ...]  # (low, its index, high, its index, strict)
    fast: Callable[[Any], str | None]  # the fast path, compiled for the class


def _bound_test(value: str, domain: Domain, names: dict[str, Any], floats: bool) -> str:
    r"""The domain as one chained comparison on ``value`` (for floats it also refuses NaN and ±inf,
    since every comparison with NaN is false and the open ends are ±inf). For a ``Fraction``
    between integer bounds it compares integers, with no ``Fraction`` comparison: :math:`a \le n/d`
    iff :math:`a d \le n`, as :math:`d > 0`."""
    low, high = f"L_{len(names)}", f"H_{len(names)}"
    names[low], names[high] = domain.lower, domain.upper
    if not floats and {type(domain.lower), type(domain.upper)} <= {int, type(None)}:
        scaled = {0: "0", 1: f"{value}.denominator"}  # a d for the bounds of the domains we have
        low, high = (scaled.get(b, f"({b} * {value}.denominator)") for b in (domain.lower, domain.upper))
        value = f"{value}.numerator"
    left = (
        f"{low} {'<' if domain.lower_open else '<='} "
        if domain.lower is not None
        else ("-INF < " if floats else "")
    )
    right = (
        f" {'<' if domain.upper_open else '<='} {high}"
        if domain.upper is not None
        else (" < INF" if floats else "")
    )
    return f"({left}{value}{right})" if left or right else "True"


class _Default:
    """The fast path's type tag for a field left at its default (the very object): its
    conversions were made and checked once, when the class was compiled."""


def _usable_defaults(parameters: Mapping[str, Parameter], defaults: Mapping[str, Any]) -> dict[str, Any]:
    """The defaults the fast path may take as given: exact numbers inside their domain and their
    size, on fields with no custom check. Any other default is read as a
    value like any other, so that both paths still refuse the same inputs."""
    usable = {}
    for name, item in parameters.items():
        value = defaults.get(name, MISSING)
        if item.check is not None or type(value) not in (int, Fraction):  # a float default sets the kind
            continue
        exact = Fraction(value)
        if not (-_MAX_EXACT < exact.numerator < _MAX_EXACT and exact.denominator < _MAX_EXACT):
            continue
        if item.domain.admits(float(value)) and item.domain.admits(exact):
            usable[name] = value
    return usable


def _compile_fast(
    parameters: Mapping[str, Parameter], index: Mapping[str, int], defaults: Mapping[str, Any] | None = None
) -> Callable[[Any], str | None]:
    """Generate, once per class, the fast path: read the fields, and when every one is a ``float``,
    an ``int`` or a ``Fraction``, convert and check them with plain comparisons, store them and the
    kind, and return the kind; else return ``None``, and the general path decides (and names the
    error). A field that holds its default (the very object) is tagged :class:`_Default` and takes
    the conversions made once here. The source is ours (field names and bounds of the class),
    never the user's input."""
    usable = _usable_defaults(parameters, defaults or {})
    names: dict[str, Any] = {
        "INF": math.inf,
        "M": _MAX_EXACT,
        "NUMBERS": _NUMBERS | {_Default},
        "DEFAULT": _Default,
        "fraction": _fraction,
        "Fraction": Fraction,
        "BargainingError": BargainingError,
        "setter": object.__setattr__,
    }
    fields = list(parameters)
    values = [f"v{i}" for i in range(len(fields))]
    types = [f"t{i}" for i in range(len(fields))]

    given = [name in usable for name in fields]  # the field may hold its checked default
    for i, name in enumerate(fields):
        if given[i]:
            names[f"D_{i}"] = usable[name]
            names[f"F_{i}"] = float(usable[name])
            names[f"X_{i}"] = _fraction_of(usable[name])

    def tests(floats: bool) -> str:
        found = [
            f"({t} is DEFAULT or {_bound_test(v, item.domain, names, floats)})"
            if given[i]
            else _bound_test(v, item.domain, names, floats)
            for i, (v, t, item) in enumerate(zip(values, types, parameters.values()))
            if item.check is None
        ]
        for name, item in parameters.items():
            if item.above is not None:
                i, j = index[item.above], index[name]
                test = f"{values[j]} {'>' if item.strict else '>='} {values[i]}"
                low, high = usable.get(item.above, 0), usable.get(name, 0)  # both left at ordered defaults:
                if given[i] and given[j] and (high > low if item.strict else high >= low):
                    test = f"{types[i]} is DEFAULT and {types[j]} is DEFAULT or {test}"  # checked once, here
                found.append(f"({test})")
        return " and ".join(found) or "True"

    def block(lines: list[str], depth: int) -> list[str]:
        return ["    " * depth + line for line in lines]

    custom: list[str] = []
    for i, item in enumerate(parameters.values()):
        if item.check is not None:
            names[f"C_{i}"] = item.check
            custom.append(f"    C_{i}({fields[i]!r}, v{i})")
    guarded = ["try:", *custom, "except BargainingError:", "    return None"] if custom else []

    def store(kept: str) -> list[str]:  # only the values converted: one of type ``kept`` is stored as given
        lines = []
        for i, (name, v, t) in enumerate(zip(fields, values, types)):
            same = given[i] and type(usable[name]).__name__ == kept  # the default is kept as it is
            lines.append(
                f"if {t} is not {kept}{f' and {t} is not DEFAULT' if same else ''}: setter(self, {name!r}, {v})"
            )
        return lines

    def finish(kind: str, floats: bool, kept: str | None) -> list[str]:
        return [
            f"if not ({tests(floats)}):",
            "    return None",
            *guarded,
            *(store(kept) if kept else []),
            f"setter(self, 'kind', {kind!r})",
            f"return {kind!r}",
        ]

    sizes = " and ".join(
        f"({t} is float{f' or {t} is DEFAULT' if given[i] else ''} or (-M < {v} < M if {t} is int "
        f"else (-M < {v}.numerator < M and {v}.denominator < M)))"
        for i, (v, t) in enumerate(zip(values, types))
    )
    lines = [
        f"{v} = self.{name}; {t} = DEFAULT if {v} is D_{i} else type({v})"
        if given[i]
        else f"{v} = self.{name}; {t} = type({v})"
        for i, (name, v, t) in enumerate(zip(fields, values, types))
    ]
    lines += [f"if {' and '.join(f'{t} is float' for t in types)}:"]  # the common case: floats as given
    lines += block(finish("float", True, None), 1)
    for kept, kind, floats, to in (("float", "float", True, "F"), ("Fraction", "exact", False, "X")):
        if not any(given):
            break
        # the next most common: floats, or Fractions, with fields left at their defaults
        some = f" and ({' or '.join(f'{t} is float' for t in types)})" if floats else ""  # else exact
        lines += [f"if {' and '.join(f'({t} is {kept} or {t} is DEFAULT)' for t in types)}{some}:"]
        if not floats:  # a Fraction as given: its size
            size = [
                f"{t} is DEFAULT or -M < {v}.numerator < M and {v}.denominator < M"
                for v, t in zip(values, types)
            ]
            lines += block([f"if not (({') and ('.join(size)})):", "    return None"], 1)
        lines += block(
            [f"if {t} is DEFAULT: {v} = {to}_{i}" for i, (v, t) in enumerate(zip(values, types)) if given[i]],
            1,
        )
        lines += block(finish(kind, floats, kept), 1)
    lines += [
        f"types = {{{', '.join(types)}}}",
        "if not (types <= NUMBERS and " + sizes + "):",
        "    return None",
    ]
    lines += ["if float in types:"]
    lines += block(
        [
            "try:",
            *block(
                [
                    f"{v} = F_{i} if {t} is DEFAULT else float({v})" if given[i] else f"{v} = float({v})"
                    for i, (v, t) in enumerate(zip(values, types))
                ],
                1,
            ),
            "except OverflowError:",
            "    return None",
        ],
        1,
    )
    lines += block(finish("float", True, "float"), 1)
    for i, (v, t) in enumerate(zip(values, types)):
        lines.append(f"if {t} is int: {v} = fraction({v})")
        if given[i]:
            lines.append(f"elif {t} is DEFAULT: {v} = X_{i}")
    lines += finish("exact", False, "Fraction")
    source = "def fast(self):\n" + "".join(f"    {line}\n" for line in lines)
    if not fields:  # settings only: the kind of no numbers, as the general path gives it
        source = "def fast(self):\n    setter(self, 'kind', 'exact')\n    return 'exact'\n"
    namespace = dict(names)
    exec(compile(source, "<fast path>", "exec"), namespace)  # the source is generated from the declarations
    fast: Callable[[Any], str | None] = namespace["fast"]
    return fast


def _compile(model: Any) -> Plan:
    parameters = _parameters(model)
    names = tuple(parameters)
    index = {name: i for i, name in enumerate(names)}
    for name, item in parameters.items():
        if item.above is not None and item.above not in index:
            raise TypeError(f"{model.__name__}.{name}: above={item.above!r} is not a declared parameter")
    orders = tuple(
        (p.above, index[p.above], n, index[n], p.strict) for n, p in parameters.items() if p.above is not None
    )
    defaults = {f.name: f.default for f in dataclasses.fields(model) if f.default is not MISSING}
    return Plan(names, checks_of(model), orders, _compile_fast(parameters, index, defaults))


def settle_declared(instance: Any) -> str:
    """Normalise and validate every declared parameter of ``instance``; store them and ``kind``.

    The fast path (plain numbers, compiled once per class) and the general path (any kind; the
    engine is :func:`bargaining.core.model.settle`) accept and refuse the same values.

    >>> from bargaining.crisis import RiskReturn
    >>> model = object.__new__(RiskReturn)
    >>> for name, value in zip(plan_of(RiskReturn).names, (0.5, 0, 0, 0.4)):
    ...     object.__setattr__(model, name, value)
    >>> settle_declared(model), model.cost_coercer
    ('float', 0.0)
    """
    plan = plan_of(type(instance))
    kind = plan.fast(instance)
    if kind is not None:
        return kind
    from .model import settle

    kind = settle(instance, plan.checks)
    for low, _, high, _, strict in plan.orders:
        check_order(low, getattr(instance, low), high, getattr(instance, high), strict=strict)
    return kind


def fast_of(model: type, names: tuple[str, ...]) -> Callable[[Any], str | None]:
    """The fast path over some of a model's declared parameters, compiled once per class and
    names: for a model that settles one field itself (a power path its path) and the others as
    plain numbers. It returns the kind of those fields and stores them, or ``None`` (then
    :func:`bargaining.core.model.settle` decides and names the error); it stores nothing unless
    every value passes.

    >>> from bargaining.commitment import PowerPath
    >>> model = object.__new__(PowerPath)
    >>> for name, value in zip(plan_of(PowerPath).names[1:], (0.9, 0, 0, 0, 0)):
    ...     object.__setattr__(model, name, value)
    >>> fast_of(PowerPath, plan_of(PowerPath).names[1:])(model), model.cost_coercer
    ('float', 0.0)
    """
    cache = model.__dict__.get("__fast__")
    if cache is None:
        cache = {}
        model.__fast__ = cache  # type: ignore[attr-defined]
    fast = cache.get(names)
    if fast is None:
        parameters = {name: _parameters(model)[name] for name in names}
        index = {name: i for i, name in enumerate(names)}
        defaults = {f.name: f.default for f in dataclasses.fields(model) if f.default is not MISSING}
        fast = cache[names] = _compile_fast(parameters, index, defaults)
    return fast


def plan_of(model: type) -> Plan:
    """The compiled declarations of a model class (compiled on first use, then kept on the class).

    >>> from bargaining.crisis import RiskReturn
    >>> plan_of(RiskReturn).names
    ('power', 'cost_coercer', 'target_cost_low', 'target_cost_high')
    """
    plan = model.__dict__.get("__plan__")
    if plan is None:
        plan = _compile(model)
        model.__plan__ = plan  # type: ignore[attr-defined]
    return plan


def _install(model: type, post_init: Any, own: Callable[[Any], None] | None) -> None:
    """Give ``model`` its generated ``__init__`` for floats (:func:`~bargaining.core.constructors.float_init`),
    once, if it is the class ``post_init`` was made for (not a subclass) and the init applies."""
    parameters, _ = _parameters(model), plan_of(model)  # a pair that names no parameter is refused here
    defaults = {f.name: f.default for f in dataclasses.fields(model) if f.default is not MISSING}
    usable, bound = _usable_defaults(parameters, defaults), functools.partial(_bound_test, floats=True)
    ours = post_init is not None and model.__dict__.get("__post_init__") is post_init
    init = float_init(model, parameters, usable, bound, own) if ours else None
    model.__float_init__ = init  # type: ignore[attr-defined]
    if init is not None:
        model.__dataclass_init__, model.__init__ = model.__dict__["__init__"], init  # type: ignore[attr-defined,misc]


def declared(model: type[T] | None = None, *, settle: bool = True) -> Any:
    """Validate every declared parameter of a model dataclass after ``__init__``, then run the
    model's own ``__post_init__`` (its checks across fields).

    Applied *under* ``@dataclass`` (so that the dataclass's ``__init__`` calls the
    ``__post_init__`` it installs); the declarations are compiled on the first instance and kept
    on the class. With ``settle=False`` the model settles its parameters itself (a power path
    whose entries set the kind), with :func:`checks_of` as its checks.

    >>> from dataclasses import dataclass, field
    >>> @dataclass(frozen=True, slots=True)
    ... @declared
    ... class Chance:
    ...     value: object = parameter(PROBABILITY, "a chance")
    ...     kind: str = field(init=False, repr=False, compare=False)
    >>> Chance(1).value, Chance([0.5, 1]).kind
    (Fraction(1, 1), 'array')
    """

    def decorate(cls: type[T]) -> type[T]:
        own = cls.__dict__.get("__post_init__")
        if not settle:
            return cls
        generate = "__init__" not in cls.__dict__  # a model's own __init__ is kept as it is

        def post_init(self: Any) -> None:
            if "__float_init__" not in type(self).__dict__:  # the first instance of its class
                _install(type(self), post_init if generate else None, own)
            settle_declared(self)
            if own is not None:
                own(self)

        post_init.__name__ = "__post_init__"
        post_init.__qualname__ = f"{cls.__qualname__}.__post_init__"
        post_init.__doc__ = "Normalise and validate the declared parameters, then check across fields."
        cls.__post_init__ = post_init  # type: ignore[attr-defined]
        return cls

    return decorate if model is None else decorate(model)

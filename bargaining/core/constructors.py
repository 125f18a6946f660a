r"""Generated constructors: what a scalar call pays to build its model and its result.

A frozen dataclass's ``__init__`` stores each field by ``object.__setattr__`` (its own
``__setattr__`` refuses), a call that looks the field's name up each time; then a declared model's
``__post_init__`` reads every field back to settle it. Built once per class from the dataclass's
fields, the two constructors here do the same work with less of it:

* :func:`slot_init` gives a frozen, slotted dataclass (a result, or a model that settles itself)
  an ``__init__`` of the same signature that stores each field through its slot's descriptor and
  then calls ``__post_init__``, as the dataclass's does;
* :func:`float_init` gives a declared model (:func:`~bargaining.core.parameters.declared`) an
  ``__init__`` of the same signature that, when every parameter is a ``float`` or left at its
  default, checks them against their domains and ordered pairs and converts the defaults as the
  general path does, stores every field once and runs the model's own checks. Any other call
  (an ``int``, a ``Fraction``, an array, a symbol, a value out of its domain or its pair, a
  subclass) is stored as it came and settled by ``__post_init__``, as the dataclass's
  ``__init__`` does (the fast path for plain numbers, else the general path, which names the
  error); so a value is accepted, refused and converted as before, and nothing is kept of a
  refused one (``tests/core/test_parameters.py`` holds the generated ``__init__`` to the
  dataclass's on every model it is made for).

The signature (names, order, defaults, keyword-only parameters, annotations) is the dataclass's,
so ``dataclasses.replace``, ``repr``, equality, hashing and pickling are unchanged. The generated
source is ours (the class's field names and bounds), never the user's input.

>>> from dataclasses import dataclass
>>> @slot_init
... @dataclass(frozen=True, slots=True)
... class Pair:
...     first: float
...     second: float = 0.0
>>> Pair(1.0), Pair(1.0) == Pair(first=1.0, second=0.0)
(Pair(first=1.0, second=0.0), True)
"""

from __future__ import annotations

import dataclasses
import inspect
import math
from collections.abc import Callable, Mapping
from dataclasses import MISSING
from typing import Any, TypeVar

__all__ = ["float_init", "slot_init"]

T = TypeVar("T")
_PLAIN = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)


def _signature(function: Callable[..., Any], names: dict[str, Any]) -> str | None:
    """The parameters of ``function`` after ``self`` as source (defaults bound in ``names``, the
    very objects); ``None`` if one is not a plain parameter or would shadow a name of the
    generated source."""
    declared, keyword = [], False
    for position, item in enumerate(list(inspect.signature(function).parameters.values())[1:]):
        if item.kind not in _PLAIN or item.name in names or item.name in ("self", "type", "float"):
            return None
        if item.kind is inspect.Parameter.KEYWORD_ONLY and not keyword:
            declared.append("*")
            keyword = True
        default = ""
        if item.default is not inspect.Parameter.empty:
            names[f"P_{position}"] = item.default
            default = f"=P_{position}"
        declared.append(f"{item.name}{default}")
    return ", ".join(declared)


def _setters(
    model: type, fields: list[str], names: dict[str, Any], values: Mapping[str, str] | None = None
) -> list[str]:
    """One line per field storing it (its argument, or its expression in ``values``) through its
    slot's descriptor (bound once, here)."""
    lines = []
    for name in fields:
        names[f"S_{name}"] = model.__dict__[name].__set__
        lines.append(f"S_{name}(self, {(values or {}).get(name, name)})")
    return lines


def _build(source: str, names: dict[str, Any], like: Callable[..., Any]) -> Callable[..., Any]:
    namespace = dict(names)
    exec(compile(source, f"<{like.__qualname__}>", "exec"), namespace)  # the source is ours (see above)
    built: Callable[..., Any] = namespace["__init__"]
    built.__qualname__, built.__module__ = like.__qualname__, like.__module__
    built.__annotations__ = dict(getattr(like, "__annotations__", {}))
    return built


def _plain_fields(model: type) -> list[dataclasses.Field[Any]] | None:
    """The fields of a frozen, slotted dataclass, or ``None`` if a field has a default factory or
    the class is not one (then its own ``__init__`` is kept)."""
    if not (dataclasses.is_dataclass(model) and "__slots__" in model.__dict__):
        return None
    if not model.__dataclass_params__.frozen:  # type: ignore[attr-defined]
        return None
    fields = dataclasses.fields(model)
    if any(f.default_factory is not MISSING for f in fields):
        return None
    return list(fields)


def slot_init(model: type[T]) -> type[T]:
    """Give a frozen, slotted dataclass an ``__init__`` of the same signature that stores each
    field through its slot's descriptor, then calls ``__post_init__`` if the class has one (as the
    dataclass's does). Applied above ``@dataclass``; a field out of ``__init__`` may not have a
    default (the dataclass's ``__init__`` would store it).

    >>> from dataclasses import dataclass
    >>> @slot_init
    ... @dataclass(frozen=True, slots=True)
    ... class Verdict:
    ...     peaceful: bool
    >>> Verdict(True).peaceful, Verdict.__init__.__qualname__
    (True, 'Verdict.__init__')
    """
    fields = _plain_fields(model)
    original = model.__dict__.get("__init__")
    names: dict[str, Any] = {}
    signature = None if original is None else _signature(original, names)
    kept = [f.name for f in fields or () if f.init]
    if (
        fields is None
        or signature is None
        or any(f.default is not MISSING for f in fields if not f.init)
        or list(inspect.signature(original).parameters)[1:] != kept  # type: ignore[arg-type]
    ):
        raise TypeError(f"{model.__name__}: slot_init takes a frozen, slotted dataclass of plain fields")
    body = _setters(model, kept, names)
    if hasattr(model, "__post_init__"):
        body.append("self.__post_init__()")
    source = f"def __init__(self, {signature}):\n" + "".join(f"    {line}\n" for line in body or ["pass"])
    model.__init__ = _build(source, names, original)  # type: ignore[arg-type,method-assign]
    return model


def float_init(
    model: type,
    parameters: Mapping[str, Any],
    usable: Mapping[str, Any],
    bound: Callable[[str, Any, dict[str, Any]], str],
    own: Callable[[Any], None] | None,
) -> Callable[..., Any] | None:
    """The ``__init__`` of a declared model for plain floats, or ``None`` where it does not apply.

    ``parameters`` are the model's declared parameters (:class:`~bargaining.core.parameters.Parameter`,
    in field order), ``usable`` the defaults the fast path may take as given (exact numbers inside
    their domains), ``bound`` writes a domain as a test on a float (refusing NaN and ±inf) and
    ``own`` is the model's own ``__post_init__``. It applies to a frozen, slotted dataclass
    whose fields are all in ``__init__`` but ``kind``, with no default factory and no
    parameter with a check of its own. Any other call is stored as it came and settled by
    ``__post_init__``, as the dataclass's ``__init__`` does.

    >>> from bargaining.crisis import RiskReturn
    >>> RiskReturn(0.5, 0.1, 0.0, 0.4).kind  # the first instance installs the generated __init__
    'float'
    >>> RiskReturn.__init__ is RiskReturn.__float_init__
    True
    """
    fields = _plain_fields(model)
    general = model.__dict__.get("__init__")
    if fields is None or general is None or not parameters:
        return None
    kept = [f.name for f in fields if f.init]
    if [f.name for f in fields if not f.init] != ["kind"] or not set(parameters) <= set(kept):
        return None
    if any(item.check is not None for item in parameters.values()):
        return None
    names: dict[str, Any] = {"INF": math.inf, "MODEL": model, "OWN": own}
    signature = _signature(general, names)
    if signature is None:
        return None
    tests, converted, left = [], {name: name for name in kept}, []
    for i, (name, item) in enumerate(parameters.items()):
        test = f"type({name}) is float and {bound(name, item.domain, names)}"
        if name in usable:
            names[f"D_{i}"], names[f"F_{i}"] = usable[name], float(usable[name])
            test = f"{name} is D_{i} or {test}"
            converted[name] = f"(F_{i} if {name} is D_{i} else {name})"
            left.append(f"{name} is D_{i}")
        tests.append(f"({test})")
    if len(left) == len(parameters):  # every one at its default: exact, the general path's kind
        tests.append(f"not ({' and '.join(left)})")
    values = {name: f"x_{i}" for i, name in enumerate(parameters)}
    orders = [
        f"{values[name]} {'>' if item.strict else '>='} {values[item.above]}"
        for name, item in parameters.items()
        if item.above is not None
    ]
    names["S_kind"] = model.__dict__["kind"].__set__
    body = [
        f"if type(self) is MODEL and {' and '.join(tests)}:",
        *(f"    {values[name]} = {converted[name]}" for name in parameters),
        f"    if {' and '.join(orders) or 'True'}:",
        *(f"        {line}" for line in _setters(model, kept, names, values)),
        "        S_kind(self, 'float')",
        *(["        OWN(self)"] if own is not None else []),
        "        return",
        *_setters(
            model, kept, names
        ),  # anything else: the dataclass's __init__, as it came (its __post_init__ settles it)
        "self.__post_init__()",
    ]
    if set(kept) & (set(names) | set(values.values())):  # a field named like a name of the source
        return None
    source = f"def __init__(self, {signature}):\n" + "".join(f"    {line}\n" for line in body)
    return _build(source, names, general)

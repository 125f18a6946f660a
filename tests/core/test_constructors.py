"""The generated constructors of ``bargaining.core.constructors`` keep the dataclass's behaviour.

A result class stored through its slots and a model that settles itself build the same objects
as the dataclass's own ``__init__``; a declared model gets the generated ``__init__`` for floats
only where it applies (its own class, no ``__init__`` of its own, plain fields, no custom
check), and every other model keeps the dataclass's. The property test that holds the generated
``__init__`` to the dataclass's on every model is in ``test_parameters.py``.
"""

from __future__ import annotations

import dataclasses
import pickle
from fractions import Fraction as F

import pytest

from bargaining.core.constructors import slot_init
from bargaining.core.errors import ParameterValueError
from bargaining.core.parameters import PROBABILITY, declared, parameter, setting


@slot_init
@dataclasses.dataclass(frozen=True, slots=True)
class _Result:
    first: float
    second: object = None
    third: float = dataclasses.field(default=0.0, kw_only=True)


@slot_init
@dataclasses.dataclass(frozen=True, slots=True)
class _Settled:
    value: float
    kind: str = dataclasses.field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", "float")


def test_a_result_stored_through_its_slots_is_the_dataclass_it_was():
    result = _Result(1.0, "x", third=2.0)
    assert result == _Result(first=1.0, second="x", third=2.0) and repr(result) == (
        "_Result(first=1.0, second='x', third=2.0)"
    )
    assert pickle.loads(pickle.dumps(result)) == result and hash(result) == hash(_Result(1.0, "x", third=2.0))
    assert dataclasses.replace(result, first=3.0).first == 3.0 and _Result(1.0).third == 0.0
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.first = 2.0  # type: ignore[misc]
    with pytest.raises(TypeError, match=r"_Result.__init__\(\) takes from 2 to 3 positional arguments"):
        _Result(1.0, 2.0, 3.0)  # type: ignore[misc]
    assert _Settled(0.5).kind == "float"  # __post_init__ runs, as the dataclass's __init__ calls it


def test_slot_init_refuses_what_it_cannot_build_as_the_dataclass_does():
    @dataclasses.dataclass(frozen=True)
    class Unslotted:
        value: float

    @dataclasses.dataclass(frozen=True, slots=True)
    class Factory:
        values: list[float] = dataclasses.field(default_factory=list)

    @dataclasses.dataclass(frozen=True, slots=True)
    class Hidden:
        value: float
        count: int = dataclasses.field(default=0, init=False)

    @dataclasses.dataclass(slots=True)
    class Mutable:
        value: float

    for model in (Unslotted, Factory, Hidden, Mutable):
        with pytest.raises(TypeError, match="slot_init takes a frozen, slotted dataclass"):
            slot_init(model)


def test_the_generated_init_is_made_only_where_it_applies():
    def checked(field: str, value: object) -> None:
        PROBABILITY.check(field, value)

    @dataclasses.dataclass(frozen=True, slots=True)
    @declared
    class Plain:
        share: object = parameter(PROBABILITY, "a share")
        name: str = setting("a name", default="x")
        kind: str = dataclasses.field(init=False, repr=False, compare=False)

    @dataclasses.dataclass(frozen=True, slots=True)
    @declared
    class Custom:
        share: object = parameter(PROBABILITY, "a share", check=checked)
        kind: str = dataclasses.field(init=False, repr=False, compare=False)

    @dataclasses.dataclass(frozen=True, slots=True)
    @declared
    class Counted:
        share: object = parameter(PROBABILITY, "a share")
        kind: str = dataclasses.field(init=False, repr=False, compare=False)
        count: int = dataclasses.field(default=0, init=False, repr=False, compare=False)

    @dataclasses.dataclass(frozen=True)
    @declared
    class Unslotted:
        share: object = parameter(PROBABILITY, "a share")
        kind: str = dataclasses.field(init=False, repr=False, compare=False)

    @dataclasses.dataclass(frozen=True, slots=True, init=False)
    @declared
    class Own:
        share: object = parameter(PROBABILITY, "a share")
        kind: str = dataclasses.field(init=False, repr=False, compare=False)

        def __init__(self, share: object) -> None:
            object.__setattr__(self, "share", share)
            self.__post_init__()

    @dataclasses.dataclass(frozen=True, slots=True)
    @declared
    class Shadow:
        share: object = parameter(PROBABILITY, "a share")
        INF: object = parameter(PROBABILITY, "a field named like a name of the generated source", default=0)
        kind: str = dataclasses.field(init=False, repr=False, compare=False)

    @dataclasses.dataclass(frozen=True, slots=True)
    @declared
    class Local:
        share: object = parameter(PROBABILITY, "a share")
        x_0: object = parameter(PROBABILITY, "a field named like a local of the generated source", default=0)
        kind: str = dataclasses.field(init=False, repr=False, compare=False)

    class Sub(Plain):
        __slots__ = ()

    for model in (Plain, Custom, Counted, Unslotted, Own, Shadow, Local):
        first, second = model(0.5), model(0.25)
        assert first.share == 0.5 and second.share == 0.25 and second.kind == "float"
        assert (model.__dict__["__float_init__"] is not None) == (model is Plain), model.__name__
    assert Sub(0.5).kind == "float" and Sub.__dict__["__float_init__"] is None  # a subclass: the general path
    assert type(Plain(F(1, 2)).share) is F and Plain(1).kind == "exact"  # other kinds: the general path
    with pytest.raises(ParameterValueError, match=r"share must be a probability in \[0, 1\] \(got 2.0\)"):
        Plain(2.0)
    with pytest.raises(ParameterValueError, match=r"share must be a finite number \(got nan\)"):
        Plain(float("nan"))

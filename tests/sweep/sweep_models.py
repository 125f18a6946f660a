"""Models for the sweep tests: a risk-return model with a gate that blocks one chunk's
evaluation (so a test can kill the process or the worker at a known point, with no sleeps), and
models whose outputs a sweep must refuse or must label."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np

from bargaining.crisis import RiskReturn
from bargaining.sweep import Metadata

_calls = 0
_BLOCK_SECONDS = 60.0  # bounded: a test that never kills the blocked chunk fails, it does not hang


def _gate() -> None:
    """Block this call when the environment asks for it.

    * ``SWEEP_TEST_BLOCK_AFTER=n``: the (n+1)-th call in this process blocks (the probe is
      call 1, so n - 1 chunks are evaluated first).
    * ``SWEEP_TEST_GATE_DIR=dir``: the first call in a process other than
      ``SWEEP_TEST_PARENT_PID`` to create ``dir/claimed`` writes its pid to ``dir/blocked`` and
      blocks; later calls (the rescheduled chunk) pass.
    """
    global _calls
    _calls += 1
    after = os.environ.get("SWEEP_TEST_BLOCK_AFTER")
    if after is not None and _calls > int(after):
        threading.Event().wait(_BLOCK_SECONDS)
        raise RuntimeError("the gated chunk was never killed")
    gate = os.environ.get("SWEEP_TEST_GATE_DIR")
    if gate and str(os.getpid()) != os.environ.get("SWEEP_TEST_PARENT_PID"):
        try:
            handle = os.open(os.path.join(gate, "claimed"), os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            return
        os.close(handle)
        with open(os.path.join(gate, "blocked.tmp"), "w") as file:
            file.write(str(os.getpid()))
        os.replace(os.path.join(gate, "blocked.tmp"), os.path.join(gate, "blocked"))
        threading.Event().wait(_BLOCK_SECONDS)
        raise RuntimeError("the gated worker was never killed")


@dataclass(frozen=True)
class GatedRiskReturn:
    """:class:`~bargaining.crisis.RiskReturn` behind the gate."""

    power: Any
    cost_coercer: Any
    target_cost_low: Any
    target_cost_high: Any
    sweep_metadata: ClassVar[Metadata] = Metadata(regimes=("safe", "interior", "capped"))

    def solve(self) -> Any:
        _gate()
        return RiskReturn(self.power, self.cost_coercer, self.target_cost_low, self.target_cost_high).solve()


@dataclass(frozen=True)
class Counted:
    """``value = 2 * x + y``, counting the calls of its solver."""

    x: Any
    y: Any = 0
    z: Any = 0
    calls: ClassVar[list[int]] = []

    def solve(self) -> Any:
        Counted.calls.append(int(np.size(self.x * self.y)))
        return 2 * np.asarray(self.x) + self.y + 0 * self.z


@dataclass(frozen=True)
class Labelled:
    """Labels ``low``/``high`` by the sign of ``x - y``; ``extra`` only where ``x == 0.01``."""

    x: Any
    y: Any = 0

    def solve(self) -> Any:
        x = np.asarray(self.x) + 0 * self.y
        labels = np.where(x > self.y, "high", "low")
        return Result(x, x > 0, np.where(x == 0.01, "extra", labels))


@dataclass(frozen=True)
class Result:
    value: Any
    positive: Any
    regime: Any


@dataclass(frozen=True)
class Strange:
    """A solver returning objects a sweep cannot store."""

    x: Any

    def solve(self) -> Any:
        return Result(np.asarray(self.x, dtype=object), self.x, self.x)

    def tuple(self) -> Any:
        return (self.x, self.x)

"""Checkpoint and resume: a sweep killed with SIGKILL mid-run, then run again, gives the result
of an uninterrupted run; on a dask.distributed cluster a worker killed mid-sweep costs nothing.

No test sleeps for a guessed time: the gated model (``tests/sweep/sweep_models.py``) blocks a
known chunk, and each test waits for a condition (chunks marked, a file written) with a bound.
"""

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import numpy as np
import pytest
import zarr

from bargaining.sweep import SweepError, is_complete, sweep
from tests.sweep.sweep_models import GatedRiskReturn, Labelled

ROOT = Path(__file__).resolve().parents[2]
ARGUMENTS = {
    "fixed": {"cost_coercer": 0.1, "target_cost_low": 0.0},
    "power": np.linspace(0, 1, 40),
    "target_cost_high": np.linspace(0.05, 1, 25),
    "chunks": {"power": 4},  # ten chunks
    "progress": False,
}
BOUND = 60.0  # seconds: a condition not met by then fails the test instead of hanging it


def wait_for(condition, what):
    deadline = time.monotonic() + BOUND
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.01)


def marked(path: Path) -> int:
    try:
        return int(np.sum(zarr.open_group(str(path), mode="r")["_sweep/done"][...]))
    except (FileNotFoundError, KeyError):
        return 0


@pytest.mark.parametrize("scheduler", ["synchronous", "threads"])
def test_a_sweep_killed_with_sigkill_resumes_to_the_uninterrupted_result(tmp_path, scheduler):
    store = tmp_path / "killed.zarr"
    script = textwrap.dedent(
        f"""
        import numpy as np
        from bargaining.sweep import sweep
        from tests.sweep.sweep_models import GatedRiskReturn
        sweep(GatedRiskReturn, fixed={ARGUMENTS['fixed']!r}, power=np.linspace(0, 1, 40),
              target_cost_high=np.linspace(0.05, 1, 25), chunks={{"power": 4}}, progress=False,
              store={str(store)!r}, scheduler={scheduler!r})
        """
    )
    # The probe is call 1; calls 2-5 are four chunks; call 6 (the fifth chunk) blocks.
    environment = {**os.environ, "SWEEP_TEST_BLOCK_AFTER": "5", "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, env=environment)
    try:
        wait_for(lambda: marked(store) == 4 or child.poll() is not None, "four chunks written")
        assert child.poll() is None, "the sweep ended before it could be killed"
        child.send_signal(signal.SIGKILL)
        assert child.wait(BOUND) == -signal.SIGKILL
    finally:
        if child.poll() is None:  # pragma: no cover - only when an assertion above failed
            child.kill()
            child.wait(BOUND)
    assert marked(store) == 4 and not is_complete(store)

    resumed = sweep(GatedRiskReturn, store=store, **ARGUMENTS)
    uninterrupted = sweep(GatedRiskReturn, **ARGUMENTS)
    assert is_complete(store) and marked(store) == 10
    assert resumed.load().identical(uninterrupted)


def test_a_worker_killed_mid_sweep_on_a_local_cluster_costs_nothing(tmp_path, monkeypatch):
    from distributed import Client, LocalCluster

    gate = tmp_path / "gate"
    gate.mkdir()
    monkeypatch.setenv("SWEEP_TEST_GATE_DIR", str(gate))
    monkeypatch.setenv("SWEEP_TEST_PARENT_PID", str(os.getpid()))
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    killed: list[int] = []

    def kill_the_blocked_worker() -> None:
        deadline = time.monotonic() + BOUND
        while not (gate / "blocked").exists():
            if time.monotonic() > deadline:
                return
            time.sleep(0.01)
        pid = int((gate / "blocked").read_text())
        os.kill(pid, signal.SIGKILL)
        killed.append(pid)

    store = tmp_path / "cluster.zarr"
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        killer = threading.Thread(target=kill_the_blocked_worker, daemon=True)
        killer.start()
        result = sweep(GatedRiskReturn, store=store, scheduler=cluster.scheduler_address, **ARGUMENTS)
        killer.join(BOUND)
        assert killed, "no worker blocked, so none was killed"
        with Client(cluster) as client:
            # a second sweep on the same cluster through a Client, with its progress bar
            small = sweep(GatedRiskReturn, scheduler=client, **{**ARGUMENTS, "progress": True})
            # an error raised in a worker while writing a chunk reaches the caller (results of
            # written chunks are not fetched, errors are)
            with pytest.raises(SweepError, match=r"regime took the label\(s\) \['extra'\]"):
                sweep(Labelled, store=tmp_path / "bad.zarr", scheduler=client, chunks=10, progress=False,
                      x=np.arange(100) / 100)
    uninterrupted = sweep(GatedRiskReturn, **ARGUMENTS)
    assert is_complete(store) and marked(store) == 10
    assert result.load().identical(uninterrupted)
    assert small.identical(uninterrupted)

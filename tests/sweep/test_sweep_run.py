"""Running a sweep: the Dataset, the three stores, resuming, schedulers, progress."""

import json

import numpy as np
import pytest
import xarray as xr
import zarr

from bargaining import ParameterTypeError, ParameterValueError
from bargaining.crisis import Crisis, RiskReturn, Screening
from bargaining.sweep import MODELS, is_complete, regime_labels, sweep
from bargaining.sweep.run import NETCDF_LIMIT
from tests.sweep.sweep_models import Counted, Labelled

FIXED = {"cost_coercer": 0.1, "target_cost_low": 0.0}
AXES = {"power": np.linspace(0, 1, 41), "target_cost_high": np.linspace(0.05, 1, 30)}


def risk(**options):
    options.setdefault("progress", False)
    return sweep(RiskReturn, fixed=FIXED, **AXES, **options)


def test_the_dataset_is_labelled_with_dimensions_units_and_regime_codes():
    result = risk(chunks=200)
    assert result["demand"].dims == ("power", "target_cost_high")
    assert result["power"].attrs == {"long_name": "the coercer's probability of winning a war", "units": "probability"}
    assert result["war_probability"].attrs["units"] == "probability"
    regime = result["regime"]
    assert regime.dtype == np.int8
    assert json.loads(regime.attrs["labels"]) == ["safe", "interior", "capped"]
    assert regime.attrs["flag_values"] == [0, 1, 2]
    assert result.attrs["model"] == "bargaining.crisis.risk_return.RiskReturn"


def test_the_sweep_equals_one_call_of_the_model_on_the_whole_grid():
    """An independent path: the model called once on the broadcast grid, no chunks, no Dask."""
    result = risk(chunks=97)
    direct = RiskReturn(AXES["power"][:, None], 0.1, 0.0, AXES["target_cost_high"][None, :]).solve()
    assert np.array_equal(result["demand"].values, direct.demand)
    assert np.array_equal(result["coercer_utility"].values, direct.coercer_utility)
    assert np.array_equal(regime_labels(result["regime"]).values, direct.regime)


def test_chunking_and_scheduler_do_not_change_the_result():
    reference = risk(chunks=10**6)
    for options in ({"chunks": 7, "scheduler": "synchronous"}, {"chunks": {"power": 3}, "scheduler": "processes"}):
        assert risk(**options).drop_attrs().identical(reference.drop_attrs())


def test_zarr_netcdf_and_memory_give_the_same_dataset(tmp_path):
    memory = risk(chunks=300)
    stored = risk(chunks=300, store=tmp_path / "risk.zarr")
    netcdf = risk(chunks=300, store=tmp_path / "risk.nc")
    assert stored.load().identical(memory)
    assert netcdf.identical(memory)
    assert xr.load_dataset(tmp_path / "risk.nc").identical(memory)
    assert is_complete(tmp_path / "risk.zarr") and not is_complete(tmp_path / "risk.nc")


def test_a_zarr_sweep_is_lazy_and_chunked_like_the_plan(tmp_path):
    stored = risk(chunks={"power": 10}, store=tmp_path / "risk.zarr")
    assert stored["demand"].chunks == ((10, 10, 10, 10, 1), (30,))


def test_a_finished_sweep_is_not_computed_again(tmp_path):
    Counted.calls.clear()
    first = sweep(Counted, x=np.arange(10.0), y=[1.0, 2.0], chunks=4, store=tmp_path / "c.zarr", scheduler="sync")
    calls = len(Counted.calls)
    again = sweep(Counted, x=np.arange(10.0), y=[1.0, 2.0], chunks=4, store=tmp_path / "c.zarr", scheduler="sync")
    assert calls == 1 + 5  # the probe and five chunks
    assert len(Counted.calls) == calls + 1  # the probe only
    assert again.identical(first)


def test_resuming_recomputes_exactly_the_unmarked_chunks_even_if_their_data_is_torn(tmp_path):
    path = tmp_path / "c.zarr"
    options = {"x": np.arange(10.0), "y": [1.0, 2.0], "chunks": {"x": 4}, "store": path, "scheduler": "sync"}
    complete = sweep(Counted, **options).load()
    group = zarr.open_group(str(path), mode="r+")
    group["_sweep/done"][1] = False  # chunk 1: data written, mark lost (killed between the two)
    group["_sweep/done"][2] = False
    group["solve"][8:10] = -1.0  # chunk 2: torn data, no mark
    group["_sweep"].attrs["complete"] = False
    assert not is_complete(path)
    Counted.calls.clear()
    resumed = sweep(Counted, **options)
    assert Counted.calls[0] == 9 * 2 and sorted(Counted.calls[1:]) == [2 * 2, 4 * 2]  # probe, x[8:10], x[4:8]
    assert resumed.load().identical(complete)
    assert is_complete(path)


def test_a_store_of_another_sweep_is_neither_resumed_nor_overwritten(tmp_path):
    risk(chunks=300, store=tmp_path / "risk.zarr")
    risk(store=tmp_path / "risk.nc")
    with pytest.raises(ParameterValueError, match=r"store must be a new path or the store of this same sweep .*"
                       r"\(got '.*risk.zarr', which holds sweep [0-9a-f]{32}\)"):
        sweep(RiskReturn, fixed={**FIXED, "cost_coercer": 0.2}, **AXES, chunks=300, store=tmp_path / "risk.zarr")
    with pytest.raises(ParameterValueError, match=r"which holds sweep [0-9a-f]{32}\)"):
        risk(chunks=300, store=tmp_path / "risk.nc")
    (tmp_path / "plain").mkdir()
    with pytest.raises(ParameterValueError, match=r"which holds no sweep of this package\)"):
        risk(store=tmp_path / "plain")
    assert is_complete(tmp_path / "risk.zarr")


def test_a_stale_scratch_layout_of_a_killed_run_is_cleared(tmp_path):
    first = risk(chunks=300)
    key = first.attrs["sweep_key"]
    stale = tmp_path / f".risk.zarr.{key[:12]}.999999.partial"
    stale.mkdir()
    risk(chunks=300, store=tmp_path / "risk.zarr")
    assert not stale.exists()


def test_netcdf_is_for_small_sweeps(tmp_path, monkeypatch):
    monkeypatch.setattr("bargaining.sweep.run.NETCDF_LIMIT", 1000)
    with pytest.raises(ParameterValueError, match=r"store must be a Zarr path \(not .nc\) for a sweep of more than 0 MiB"):
        risk(store=tmp_path / "big.nc")
    assert NETCDF_LIMIT == 1 << 28


def test_every_shipped_model_sweeps_with_its_labels():
    crisis = sweep(Crisis, "bargaining_range", fixed={"cost_target": 0.1}, power=[0.2, 0.8], cost_coercer=[0.0, 0.3])
    assert crisis["lower"].values.tolist() == [[0.2, 0.0], [0.8, 0.5]]
    screening = sweep(Screening, fixed={"power": 0.5, "cost_coercer": 0.1, "cost_tough": 0.1, "cost_soft": 0.3},
                      prior_tough=[0.25, 0.75])
    assert regime_labels(screening["regime"]).values.tolist() == ["tough demand", "soft demand"]
    offers = sweep("alternating-offers", discount_first=[0.5, 0.9], discount_second=[0.9], outside_second=[0.0, 0.5])
    assert offers["first_share"].sel(discount_first=0.9, outside_second=0.0).item() == pytest.approx(10 / 19)
    assert regime_labels(offers["regime"]).sel(discount_first=0.9, outside_second=0.5).item() == (
        "second's outside option binds"
    )


def test_labels_not_declared_are_found_and_booleans_kept():
    result = sweep(Labelled, fixed={"y": 0.5}, x=np.linspace(0, 1, 5))
    assert regime_labels(result["regime"]).values.tolist() == ["low", "low", "low", "high", "high"]
    assert result["positive"].dtype == bool


def test_regime_labels_need_a_categorical_variable():
    with pytest.raises(ParameterValueError, match=r"codes must be a categorical variable of a sweep"):
        regime_labels(risk()["demand"])


def test_progress_bar_shows_on_request(capsys, monkeypatch):
    monkeypatch.setattr("bargaining.sweep.run.PROGRESS_AFTER", 0.0)
    risk(progress=True, chunks=50)
    assert "100% Completed" in capsys.readouterr().out
    risk(progress=None, chunks=50)  # not a terminal under pytest: no bar
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize(
    ("scheduler", "error", "message"),
    [
        ("gpu", ParameterValueError, "scheduler must be one of ['processes', 'single-threaded', 'sync', "
         "'synchronous', 'threads'] or a dask.distributed address (tcp://...) (got the string 'gpu')"),
        (8, ParameterTypeError, "scheduler must be a scheduler name, an address or a dask.distributed Client (got int 8)"),
        (["threads"], ParameterTypeError, "scheduler must be a scheduler name, an address or a dask.distributed Client (got list ['threads'])"),
    ],
)
def test_bad_schedulers_are_refused(scheduler, error, message):
    with pytest.raises(error) as raised:
        risk(scheduler=scheduler)
    assert str(raised.value) == message


def test_an_unknown_model_name_is_refused():
    with pytest.raises(ParameterValueError, match=r"model must be one of alternating-offers, crisis"):
        sweep("war-of-the-worlds", x=[1.0])


def test_a_registered_model_not_yet_installed_is_reported_by_name(monkeypatch):
    monkeypatch.setitem(MODELS, "treaty", ("bargaining.no_such_section", "Treaty", "solve"))
    with pytest.raises(ParameterValueError) as raised:
        sweep("treaty", x=[1.0])
    assert str(raised.value) == (
        "model must be a model available in this installation "
        "(bargaining.no_such_section.Treaty is not) (got the string 'treaty')"
    )


def test_a_model_that_is_not_a_dataclass_sweeps_by_its_keyword_arguments():
    class Doubling:
        def __init__(self, x, y=0.0):
            self.x, self.y = np.asarray(x), y

        def solve(self):
            return 2 * self.x + self.y

    result = sweep(Doubling, x=[1.0, 2.0], progress=False)
    assert result["solve"].values.tolist() == [2.0, 4.0]


def test_the_ultimatum_sweeps_by_its_registered_name():
    result = sweep("ultimatum", demand=[0.2, 0.8], audience_cost=[0.0, 1.0], progress=False)
    assert result["compliance_probability"].dims == ("demand", "audience_cost")
    assert set(json.loads(result["regime"].attrs["labels"])) >= set(regime_labels(result["regime"]).values.ravel())


def test_the_allocator_is_widened_once_and_only_in_nanny_workers(monkeypatch):
    """A dask nanny sets MALLOC_TRIM_THRESHOLD_, which fixes glibc's mmap threshold at 128 KiB
    (every numpy temporary a fresh mmap); the first sweep task in such a process raises both
    thresholds once. A plain process, or one whose mmap threshold was chosen, is left alone."""
    import bargaining.sweep.run as run

    calls = []
    monkeypatch.setattr(run, "_glibc", lambda: lambda parameter, value: calls.append((parameter, value)))

    def widen(**environment):
        monkeypatch.setattr(run, "_allocator_widened", False)  # a fresh process
        for name in ("MALLOC_TRIM_THRESHOLD_", "MALLOC_MMAP_THRESHOLD_"):
            monkeypatch.delenv(name, raising=False)
        for name, value in environment.items():
            monkeypatch.setenv(name, value)
        calls.clear()
        run._widen_allocator()
        run._widen_allocator()  # the second task changes nothing
        return list(calls)

    assert widen() == []  # a plain process keeps glibc's adaptive thresholds
    assert widen(MALLOC_TRIM_THRESHOLD_="65536") == [(-3, 1 << 24), (-1, 1 << 26)]
    assert widen(MALLOC_TRIM_THRESHOLD_="65536", MALLOC_MMAP_THRESHOLD_="1000000") == []  # opted out


def test_glibc_mallopt_is_found_on_this_machine():
    import sys

    import bargaining.sweep.run as run

    if not sys.platform.startswith("linux"):
        pytest.skip("glibc only")
    assert callable(run._glibc())

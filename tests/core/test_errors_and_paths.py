"""Issue 13 at the shared depth: short messages for any number, exact sizes bounded, strict text
parsing, orders checked for every kind, and output paths checked before any work."""

import socket
from fractions import Fraction

import numpy as np
import pytest
import sympy

from bargaining.core.errors import ParameterTypeError, ParameterValueError, describe, short_number
from bargaining.core.paths import writable_file, writable_folder
from bargaining.core.values import check_order, check_range, kind_of, normalize, parse_fraction


def test_numbers_are_shortened_without_turning_huge_integers_into_digits():
    assert short_number(0.25) == "0.25"
    assert short_number(99999 * 10**21) == "1e+26"  # the mantissa rounds up to 10: one more in the exponent
    assert short_number(-(10**5000)) == "-1e+5000"
    assert short_number(Fraction(10**30 + 1, 3)) == "3.33e+29"
    assert describe(sympy.Integer(10**5000)) == "1e+5000" and describe(sympy.Rational(1, 10**5000)) == "1e-5000"
    assert describe(np.int64(7)) == "7" and describe(np.bool_(True)) == "True"


def test_exact_numbers_beyond_4300_digits_are_refused_for_every_kind():
    with pytest.raises(ParameterValueError, match=r"^x must be an exact number with at most 4300 digits.*1e\+5000"):
        kind_of("x", sympy.Integer(10**5000))
    with pytest.raises(ParameterValueError, match=r"^x must be an exact number .*1e-5000"):
        check_range("x", Fraction(1, 10**5000), 0, 1, requirement="in [0, 1]")
    with pytest.raises(ParameterValueError, match=r"^big must be a number within float range"):
        normalize({"big": Fraction(10**400), "small": 0.5})


def test_check_range_takes_lists_and_refuses_arrays_of_strings():
    with pytest.raises(ParameterValueError, match=r"^p must be in \[0, 1\] \(got 2.0 at index \(1,\)\)"):
        check_range("p", [0.5, 2], 0, 1, requirement="in [0, 1]")
    with pytest.raises(ParameterTypeError, match=r"^p must be an array of real numbers"):
        check_range("p", np.array(["a"]), 0, 1, requirement="in [0, 1]")


def test_check_order_for_every_kind():
    x = sympy.Symbol("x", real=True)
    check_order("low", x, "high", x + 1)  # holds for every x
    check_order("low", x, "high", sympy.Symbol("y"))  # undecided: passes
    with pytest.raises(ParameterValueError, match=r"^high must be greater than low = x \(got x - 1\)"):
        check_order("low", x, "high", x - 1)
    check_order("low", 1, "high", 1, strict=False)
    with pytest.raises(ParameterValueError, match=r"^high must be at least low = 1 \(got 0\)"):
        check_order("low", 1, "high", 0, strict=False)
    with pytest.raises(ParameterValueError, match=r"^high must be greater than low \(0.5 there\) \(got 0.1\)$"):
        check_order("low", np.array(0.5), "high", np.array(0.1))


@pytest.mark.parametrize(
    ("text", "message"),
    [("1e5000", "at most 4300 digits"), ("1" * 5000, "a 5000-digit number"), ("1e" + "9" * 20, "at most 4300"),
     ("3/0", "denominator is zero"), ("0x10", "such as 0.6"), (None, "such as 0.6"), ("9" * 20000, "such as")],
)
def test_parse_fraction_refuses_before_building(text, message):
    with pytest.raises(ValueError, match=message):
        parse_fraction(text)


def test_output_paths(tmp_path):
    (tmp_path / "folder").mkdir()
    with pytest.raises(ParameterValueError, match=r"^--output must be a file path"):
        writable_file(tmp_path / "folder")
    with pytest.raises(ParameterValueError, match=r"^-o must be a non-empty path"):
        writable_file("", flag="-o")
    with pytest.raises(ParameterValueError, match=r"^--output must be a place where files can be written"):
        writable_folder("/proc/bargaining-test")
    assert writable_file(tmp_path / "new.nc", netcdf=True) == tmp_path / "new.nc"
    (tmp_path / "text.nc").write_text("x")
    assert writable_file(tmp_path / "text.nc") == tmp_path / "text.nc"  # not asked to be netCDF
    assert writable_folder(tmp_path, ["report.md"]) == tmp_path


def test_scheduler_addresses_are_tried_before_any_work():
    from bargaining.sweep.cli import _check_scheduler

    _check_scheduler("ucx://somewhere:1")  # left to dask
    _check_scheduler("threads")
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        _check_scheduler(f"tcp://127.0.0.1:{server.getsockname()[1]}")  # something answers
    with pytest.raises(ParameterValueError, match=r"^--scheduler must be the address of a running dask scheduler"):
        _check_scheduler("tcp://127.0.0.1:9")


def test_parameter_errors_travel_between_processes_unchanged():
    """A worker's error reaches the parent by pickle (process pools, the claims' process): the
    same class, message and attributes; a received value that may not pickle travels as the words
    the message already shows."""
    import pickle
    from concurrent.futures import ProcessPoolExecutor
    from fractions import Fraction

    from bargaining.core.errors import ParameterTypeError, ParameterValueError

    errors = [
        ParameterValueError("discount", "a number in (0, 1]", Fraction(3, 2), "in file a.toml, key [game] discount"),
        ParameterValueError("horizon", "at most 1200", 10**5000),
        ParameterTypeError("power", "a real number", lambda: 0),
    ]
    for error in errors:
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error) and str(copy) == str(error)
        assert (copy.field, copy.requirement) == (error.field, error.requirement)
    assert pickle.loads(pickle.dumps(errors[0])).received == Fraction(3, 2)
    with ProcessPoolExecutor(max_workers=1) as pool:
        failed = pool.submit(_refuse_in_a_worker).exception()
    assert isinstance(failed, ParameterValueError) and str(failed) == "power must be a probability (got 2)"


def _refuse_in_a_worker():
    from bargaining.core.errors import ParameterValueError

    raise ParameterValueError("power", "a probability", 2)

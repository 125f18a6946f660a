"""The ``bargaining`` command: the example table, strict number parsing, clear errors."""

import argparse
import subprocess
import sys

import pytest

from bargaining.cli import main, parse_number


def test_default_run_prints_the_reference_points(capsys):
    assert main([]) == 0
    out = capsys.readouterr().out
    assert "Bargaining range (coercer's share)               [1/2, 3/4]" in out
    assert "Nash settlement (war as disagreement)            5/8" in out
    assert "Rubinstein split (discount 9/10, coercer first)  10/19" in out
    assert "its war probability" in out and "1/3" in out


def test_options_are_exact(capsys):
    assert main(["--power", "1/2", "--cost-coercer", "0.1", "--cost-target", "1/5"]) == 0
    assert "[2/5, 7/10]" in capsys.readouterr().out


def test_out_of_range_input_is_an_error_message_not_a_traceback(capsys):
    assert main(["--power", "3/2"]) == 2
    assert capsys.readouterr().err.strip() == "bargaining: error: power must be a probability in [0, 1] (got 3/2)"


@pytest.mark.parametrize("text", ["abc", "1/0", "__import__('os').system('true')", ""])
def test_numbers_are_never_evaluated(text):
    with pytest.raises(argparse.ArgumentTypeError, match=r"must be a number such as 0\.6 or 3/5"):
        parse_number(text)


def test_the_installed_command_runs():
    result = subprocess.run([sys.executable, "-m", "bargaining.cli"], capture_output=True, text=True, check=True)
    assert "Kalai–Smorodinsky" in result.stdout

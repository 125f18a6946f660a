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
    assert capsys.readouterr().err.strip() == "bargaining: error: --power must be a probability in [0, 1] (got 3/2)"


@pytest.mark.parametrize("text", ["abc", "1/0", "__import__('os').system('true')", ""])
def test_numbers_are_never_evaluated(text):
    with pytest.raises(argparse.ArgumentTypeError, match=r"must be a number such as 0\.6 or 3/5"):
        parse_number(text)


def test_the_installed_command_runs():
    result = subprocess.run([sys.executable, "-m", "bargaining.cli"], capture_output=True, text=True, check=True)
    assert "Kalai–Smorodinsky" in result.stdout


@pytest.mark.parametrize("flags", [["--cost-target", "0.5"], ["--power", "0.9"], ["--power", "1"], ["--cost-coercer", "5"]])
def test_a_negative_war_payoff_keeps_the_whole_table(flags, capsys):
    """Issue 13: a negative war payoff lost the table to the smooth problem's Nash and KS."""
    assert main(flags) == 0
    out = capsys.readouterr().out
    assert "Kalai–Smorodinsky, target risk-averse" in out and "Risk–return demand" in out


def test_flags_are_named_and_not_silently_ignored(capsys):
    assert main(["--discount", "1"]) == 2
    assert "--discount must be a discount factor in (0, 1) (got 1)" in capsys.readouterr().err
    assert main(["--target-cost-low", "1/2"]) == 2
    assert "--target-cost-high must be greater than --target-cost-low (1/2) (got 3/10)" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        main(["--power", "2", "claims"])
    assert exit_.value.code == 2
    assert "--power sets the example table and cannot be given with the 'claims' sub-command" in capsys.readouterr().err


def test_huge_numbers_are_refused_short_and_large_ones_shortened(capsys):
    with pytest.raises(argparse.ArgumentTypeError, match=r"at most 4300 digits \(got 1e\+5000\)"):
        parse_number("1e5000")
    assert main(["--cost-coercer", "1e30"]) == 2
    assert "--cost-coercer must be a number of at most 15 digits" in capsys.readouterr().err
    assert main(["--cost-coercer", "1e14"]) == 0
    out = capsys.readouterr().out
    assert "war costs 100000000000000 (coercer)" in out
    assert max(len(line) for line in out.splitlines()) < 200  # long exact forms are named, not printed

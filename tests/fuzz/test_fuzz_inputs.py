"""Issue 13: every bad input gets a clear error naming the field (or flag, or file and key), before
any work. Hypothesis draws from the cases of ``harness`` (and makes new ones); the classes found by
the fuzz of the public surface must stay closed.

The whole list is counted by ``python -m tests.fuzz.measure``; here a bounded sample of each class
runs (the ``ci`` profile: 60 examples a test), and the worst cases the issue names run every time.
"""

from __future__ import annotations

import re
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bargaining.cli import main
from bargaining.core.errors import ParameterTypeError, ParameterValueError
from bargaining.scenarios import ScenarioError, load, presets
from tests.fuzz.harness import (
    BAD_TEXT,
    FLAGS,
    LONGEST,
    api_cases,
    bad_values,
    cli_cases,
    outcome,
    output_cases,
    sweep_cases,
    toml_cases,
)

_API = api_cases()
_CLI = cli_cases()
_FIXTURE = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])


def _assert_clear(message: str, names: tuple[str, ...]) -> None:
    assert any(name in message for name in names), message
    assert len(message) <= LONGEST and not re.search(r"\d{40,}", message), message


@settings(max_examples=200)  # each case is fast: a constructor that refuses
@given(st.sampled_from(_API))
def test_public_constructors_and_methods_refuse_bad_values_naming_the_field(case):
    """A bad value is refused with ParameterValueError or ParameterTypeError naming the field, or
    accepted where the field admits it; a value no model can use (NaN, a string...) is never accepted."""
    try:
        case.run()
    except (ParameterValueError, ParameterTypeError) as error:
        _assert_clear(str(error), case.names)
    else:
        assert not case.must_refuse, f"{case.label} was accepted"


@settings(max_examples=20)  # an accepted flag solves the example table (about a second)
@given(st.sampled_from(_CLI))
def test_cli_flags_refused_with_the_flag_named(case):
    result = outcome(case, limit=30)
    assert result.verdict in ("clear", "accepted"), (case.label, result)


@settings(max_examples=20, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    flag=st.sampled_from(FLAGS),
    text=st.one_of(st.sampled_from(BAD_TEXT), st.text(alphabet="abe/.-_+xn ½", max_size=12)),
)
def test_any_text_for_a_flag_is_a_number_or_an_error_naming_the_flag(flag, text, capsys):
    try:
        status = main([flag, text])
    except SystemExit as stop:
        status = stop.code
    err = capsys.readouterr().err
    assert status in (0, 2)
    if status == 2:
        _assert_clear(err.strip().splitlines()[-1], (flag,))


def test_sweep_command_refuses_bad_parameters_before_any_work(tmp_path):
    for case in sweep_cases(tmp_path):
        result = outcome(case, limit=30)
        assert result.verdict == "clear", (case.label, result)


@_FIXTURE
@given(text=st.text(alphabet="0123456789:./e-+_a", max_size=14))
def test_any_sweep_axis_text_is_parsed_or_refused_naming_it(tmp_path, text, capsys):
    """Against an output under a file, a valid axis stops at the output check: no sweep runs."""
    (tmp_path / "file").write_text("x")
    argv = ["sweep", "crisis", f"power={text}", "cost_coercer=0", "cost_target=0", "-o", str(tmp_path / "file" / "o.nc")]
    try:
        status = main(argv)
    except SystemExit as stop:
        status = stop.code
    assert status == 2
    _assert_clear(capsys.readouterr().err.strip().splitlines()[-1], ("power", "--output", "parameter"))


def test_output_paths_are_checked_first_and_results_never_overwritten(tmp_path):
    for case in output_cases(tmp_path):
        result = outcome(case, limit=30)
        assert result.verdict == "clear", (case.label, result)
    assert (tmp_path / "earlier" / "report.md").read_text() == "my report"  # not overwritten


def test_broken_scenario_files_name_the_file_and_the_key(tmp_path):
    for case in toml_cases(tmp_path):
        try:
            case.run()
        except ScenarioError as error:
            assert str(error).startswith(str(tmp_path)), str(error)
            _assert_clear(str(error), case.names)
        else:
            assert not case.must_refuse, case.label


_VALID = presets()["vague-threat"].read_text(encoding="utf-8")
_KEYS = re.findall(r"(?m)^([a-z_]+) = \{", _VALID)


@_FIXTURE
@given(
    key=st.sampled_from(_KEYS),
    value=st.one_of(
        st.sampled_from(["nan", "inf", '"1e5000"', "true", "[]", "{}", '"1/0"', "-1", "1e30", '"' + "9" * 300 + '"']),
        st.text(alphabet='0123456789./e-"[]{}', max_size=10),
    ),
)
def test_any_value_in_a_scenario_is_read_or_refused_naming_its_key(tmp_path, key, value):
    text = re.sub(rf"(?m)^{key} = \{{ value = [^,]*,", f"{key} = {{ value = {value},".replace("\\", "\\\\"), _VALID,
                  count=1)
    path = tmp_path / "scenario.toml"
    path.write_text(text, encoding="utf-8")
    try:
        load(path)
    except ScenarioError as error:
        _assert_clear(str(error), (key, "the file"))


# --------------------------------------------------------------------------- the issue's worst cases


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: _problem().nash(weight="1/2"), r"^weight must be a real number"),
        (lambda: _problem().nash(weight=np.array([0.5, 0.6])), r"^weight must be one number"),
        (lambda: _war().duration_distribution(6, schedule="x"), r"^schedule must be a pressure schedule"),
        (lambda: _screening(np.array([0.5, 0.6]), cost_soft=Fraction(1, 20)), r"^cost_soft must be greater than cost_tough"),
        (lambda: _crisis(power=Fraction(10**5000)), r"^power must be an exact number with at most 4300 digits.*got 1e\+5000"),
        (lambda: _crisis(cost_coercer=Fraction(1, 10**5000)), r"^cost_coercer must be .*got 1e-5000"),
        (lambda: _crisis(power=[0.5, 10**5000]), r"^power must be an array of numbers within float range"),
        (lambda: _problem(disagreement=(np.array([0.1, 0.2]), 0)), r"^disagreement\[0\] must be"),
        (lambda: _signalling(prior_resolute=np.array([0.5, 0.7])).equilibria(), r"^prior_resolute must be numbers \(for arrays use regime"),
    ],
)
def test_the_issues_wrong_field_and_huge_number_cases(call, message):
    with pytest.raises((ParameterValueError, ParameterTypeError), match=message) as caught:
        call()
    _assert_clear(str(caught.value), (str(caught.value).split(" ")[0],))


def test_the_bad_values_cover_the_issues_kinds():
    labels = {label for label, _, _ in bad_values()}
    assert {"nan", "inf", "huge Fraction", "tiny Fraction", "string 1e5000", "negative", "empty array",
            "mismatched array (7,)", "string"} <= labels and len(labels) == 35


def _problem(**changes):
    from bargaining.solutions import BargainingProblem

    return BargainingProblem(**{"points": [(0, 1), (1, 0)], **changes})


def _signalling(**changes):
    from bargaining.coercion import ResolveSignalling

    half = Fraction(1, 2)
    base = {"demand": Fraction(1, 5), "audience_cost": Fraction(1, 10), "carrot": 0, "prior_resolute": half,
            "resolute_value": half, "irresolute_value": -half}
    return ResolveSignalling(**{**base, **changes})


def _war():
    from bargaining.war import LearningWar

    return LearningWar(Fraction(7, 10), Fraction(7, 10), 2, 6, Fraction(1, 2), Fraction(1, 20), Fraction(1, 20))


def _screening(power, cost_soft):
    from bargaining.crisis import Screening

    return Screening(power, Fraction(1, 10), Fraction(1, 10), cost_soft, Fraction(1, 2))


def _crisis(**changes):
    from bargaining.crisis import Crisis

    return Crisis(**{"power": Fraction(1, 2), **changes})

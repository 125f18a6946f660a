"""Scenario files: the presets load, every number has a reason and a range, bad files get clear errors."""

import contextlib
import re
from fractions import Fraction as F
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bargaining.scenarios import FIELDS, ScenarioError, load, models, presets

PRESETS = presets()
VALID = PRESETS["vague-threat"].read_text(encoding="utf-8")


def test_every_preset_of_model_md_section_8_is_bundled_and_loads():
    assert list(PRESETS) == ["status-quo", "vague-threat", "specific-threat", "specific-carrots", "small-steps",
                             "lower-the-temperature", "security-guarantees"]
    for name, path in PRESETS.items():
        scenario = load(path)
        assert scenario.name == name
        assert len(scenario.assumptions) == sum(len(fields) for fields in FIELDS.values())
        for assumption in scenario.assumptions.values():
            assert assumption.reason and assumption.line is not None
            if assumption.value is not None and assumption.low is not None:
                assert assumption.low <= assumption.value <= assumption.high


def test_values_are_read_exactly():
    scenario = load(PRESETS["vague-threat"])
    assert scenario.value("crisis", "power") == F(9, 20)  # 0.45 in the file
    assert scenario.value("ultimatum", "deadline") is None
    assert scenario.value("war", "horizon") == 72 and isinstance(scenario.value("war", "horizon"), int)
    assert scenario.assumptions[("ultimatum", "demand")].meaning == "the concession asked of the target"


def test_the_specific_threat_differs_from_the_vague_one_only_in_the_ultimatum():
    vague, specific = load(PRESETS["vague-threat"]), load(PRESETS["specific-threat"])
    differ = {k for k in vague.assumptions if vague.value(*k) != specific.value(*k)}
    assert differ == {("ultimatum", "vagueness"), ("ultimatum", "deadline"), ("ultimatum", "urgency"),
                      ("ultimatum", "audience_cost")}


def _write(tmp_path: Path, text: str, name: str = "bad.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _replace_line(key_pattern: str, new: str) -> str:
    return re.sub(rf"^{key_pattern} = .*$", new, VALID, count=1, flags=re.M)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (_replace_line("demand", 'demand = { value = 1.3, reason = "too much", range = [0, 2] }'),
         r"\[ultimatum\] demand \(line 27\) must be a share in \[0, 1\] \(got 1.3\)"),
        (_replace_line("demand", 'dmand = { value = 0.2, reason = "typo", range = [0.1, 0.4] }'),
         r"\[ultimatum\] dmand \(line 27\) must be one of the keys \[.*\] \(got unknown key 'dmand'\)"),
        (_replace_line("demand", ""), r"\[ultimatum\] demand must be set \(the concession asked of the target\)"),
        (_replace_line("demand", 'demand = { value = true, reason = "bool", range = [0, 1] }'),
         r"\[ultimatum\] demand \(line 27\) must be a number .* \(got boolean true\)"),
        (_replace_line("demand", 'demand = { value = "__import__(\'os\')", reason = "code", range = [0, 1] }'),
         r"demand \(line 27\) must be a number .* \(got the string \"__import__\('os'\)\"\)"),
        (_replace_line("demand", 'demand = { value = "1/5", reason = "", range = [0, 1] }'),
         r"\[ultimatum\] demand.reason \(line 27\) must be a non-empty string saying why"),
        (_replace_line("demand", 'demand = { value = 0.2, reason = "r", range = [0.3, 0.4] }'),
         r"\[ultimatum\] demand.range \(line 27\) must be a range that contains the value 1/5"),
        (_replace_line("demand", 'demand = { value = 0.2, reason = "r", range = [0.4, 0.1] }'),
         r"demand.range \(line 27\) must be a list \[low, high\] with low <= high"),
        (_replace_line("demand", 'demand = { value = 0.2, reason = "r", range = [0.1] }'),
         r"demand.range \(line 27\) must be a list \[low, high\] of two numbers"),
        (_replace_line("demand", 'demand = { value = 0.2, reason = "r" }'),
         r"\[ultimatum\] demand \(line 27\) must be a table with a range \(got no range\)"),
        (_replace_line("demand", 'demand = { value = 0.2, reason = "r", range = [0, 1], unit = "x" }'),
         r"must be a table with only value, reason, range and \(optionally\) source \(got key 'unit'\)"),
        (_replace_line("demand", "demand = 0.2"),
         r"\[ultimatum\] demand \(line 27\) must be a table \{ value = \.\.\., reason = \"\.\.\.\", range = \[low, high\] \} \(got 0.2\)"),
        (_replace_line("demand", 'demand = { value = nan, reason = "r", range = [0, 1] }'),
         r"demand \(line 27\) must be a finite number \(got nan\)"),
        (_replace_line("horizon", 'horizon = { value = 7.5, reason = "r", range = [7, 8] }'),
         r"\[war\] horizon \(line \d+\) must be a positive integer \(got 7.5\)"),
        (_replace_line("deadline", 'deadline = { value = "soon", reason = "r", range = ["none", "none"] }'),
         r"\[ultimatum\] deadline \(line 29\) must be a number"),
        (_replace_line("deadline", 'deadline = { value = "none", reason = "r", range = ["none", 3] }'),
         r"\[ultimatum\] deadline.range \(line 29\) must be a range \[\"none\", \"none\"\] for no date"),
        (_replace_line("deadline", 'deadline = { value = 1, reason = "r", range = ["none", "none"] }'),
         r"\[ultimatum\] deadline.range \(line 29\) must be a range \[\"none\", \"none\"\] for no date"),
        (VALID.replace('strategy = "ultimatum"', 'strategy = "bludgeon"'),
         r"\[scenario\] strategy \(line 16\) must be one of \['try-and-see', 'turning-the-screw', 'ultimatum'\]"),
        (VALID.replace("[signalling]", "[signaling]"),
         r"\[signaling\] \(line \d+\) must be one of the sections"),
        (VALID.replace("[scenario]", "[header]"), r"\[header\] \(line 10\) must be one of the sections"),
        (VALID + "\n[extra]\nx = 1\n", r"\[extra\] \(line \d+\) must be one of the sections"),
        (VALID.replace('name = "vague-threat"', 'name = ""'), r"\[scenario\] name \(line 11\) must be a non-empty string"),
        (VALID.replace('name = "vague-threat"', 'name = "x"\nauthor = "me"'),
         r"\[scenario\] author \(line 12\) must be one of \['name', 'title', 'description', 'coercer', 'target', 'strategy'\]"),
        ("power = = 1", r"the file power \(line 1\) must be valid TOML"),
        # issue 13: a key given twice, nesting deep enough to exhaust the parser's stack, a number
        # too long for Python to read, a horizon beyond the bound on work: file, key and line named
        (_replace_line("demand", 'demand = { value = 0.2, reason = "r", range = [0.1, 0.4] }\ndemand = 1'),
         r"\[ultimatum\] demand \(line \d+\) must be set once"),
        (VALID + "\n[extra]\nx = " + "[" * 5000 + "]" * 5000 + "\n",
         r"\[extra\] x \(line \d+\) must be nested at most 50 arrays or tables deep \(got 5000 brackets"),
        ("x = 1" + "0" * 5000 + "\n" + VALID, r"the file must be numbers of at most 20 digits \(got a 5001-digit integer\)"),
        (_replace_line("horizon", 'horizon = { value = 1000000, reason = "r", range = [1, 1000000] }'),
         r"\[war\] horizon \(line \d+\) must be at most 1200 battles .* --max-horizon N"),
        (_replace_line("demand", 'demand = { value = "1e5000", reason = "r", range = [0.1, 0.4] }'),
         r"\[ultimatum\] demand \(line \d+\) must be a number"),
        (_replace_line("threat", 'threat = { value = 1e30, reason = "r", range = [0, 1e30] }'),
         r"\[ultimatum\] threat \(line \d+\) must be a number of at most 20 digits"),
        (VALID.split("[war]")[0], r"\[war\] must be a \[war\] table"),
    ],
)
def test_bad_files_get_errors_naming_the_file_the_key_the_line_and_the_value(tmp_path, text, message):
    path = _write(tmp_path, text)
    with pytest.raises(ScenarioError) as caught:
        load(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert re.search(message, str(caught.value)), str(caught.value)


def test_a_count_may_be_a_string(tmp_path):
    text = _replace_line("horizon", 'horizon = { value = "72", reason = "r", range = ["72", "72"] }')
    assert load(_write(tmp_path, text)).value("war", "horizon") == 72


def test_a_byte_order_mark_is_read_as_nothing(tmp_path):
    path = tmp_path / "bom.toml"
    path.write_text("\ufeff" + VALID, encoding="utf-8")
    assert load(path).name == "vague-threat"


def test_unreadable_and_non_utf8_files(tmp_path):
    with pytest.raises(ScenarioError, match="the file must be readable"):
        load(tmp_path / "missing.toml")
    path = tmp_path / "latin1.toml"
    path.write_bytes("[scenario]\nname = 'caf\xe9'\n".encode("latin-1"))
    with pytest.raises(ScenarioError, match="the file must be UTF-8 text"):
        load(path)


def test_combinations_the_model_refuses_name_the_section(tmp_path):
    text = _replace_line("execution_low", 'execution_low = { value = 0.5, reason = "r", range = [0.5, 0.5] }')
    scenario = load(_write(tmp_path, text))
    with pytest.raises(ScenarioError, match=r"\[ultimatum\] must be consistent with the model \(execution_"):
        models.ultimatum(scenario)


def test_fractions_as_strings_and_none_deadlines(tmp_path):
    text = _replace_line("demand", 'demand = { value = "1/5", reason = "r", range = ["1/10", "2/5"] }')
    assert load(_write(tmp_path, text)).value("ultimatum", "demand") == F(1, 5)


_LINES = VALID.splitlines()
_TOKENS = st.sampled_from(["=", "[", "]", "{", "}", '"', "'", ",", "nan", "inf", "-", "1e999", "true", "\\", "\x00",
                           "value", "range", "reason", "0.5", "[war]", "\n", "#", "é", "__import__('os')"])


@st.composite
def _mangled(draw: st.DrawFn) -> str:
    lines = list(_LINES)
    for _ in range(draw(st.integers(1, 4))):
        action = draw(st.sampled_from(["delete", "insert", "duplicate", "edit", "swap"]))
        index = draw(st.integers(0, len(lines) - 1))
        if action == "delete":
            del lines[index]
        elif action == "insert":
            lines.insert(index, "".join(draw(st.lists(_TOKENS, max_size=6))))
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "edit":
            line = lines[index]
            cut = draw(st.integers(0, len(line)))
            lines[index] = line[:cut] + draw(_TOKENS) + line[cut + draw(st.integers(0, 3)):]
        else:
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        if not lines:
            break
    return "\n".join(lines)


@given(_mangled())
def test_fuzz_malformed_files_always_get_a_scenario_error_never_a_deep_traceback(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("fuzz") / "fuzzed.toml"
    path.write_text(text, encoding="utf-8")
    try:
        scenario = load(path)
    except ScenarioError as error:
        assert str(error).startswith(str(path))
        return
    for build in (models.crisis, models.ultimatum, models.ceasefire, models.small_steps, models.war):
        with contextlib.suppress(ScenarioError):
            build(scenario)


@given(st.binary(max_size=200))
def test_fuzz_random_bytes(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("bytes") / "random.toml"
    path.write_bytes(data)
    with pytest.raises(ScenarioError):
        load(path)


def test_the_parties_and_the_game_come_from_the_file():
    scenario = load(PRESETS["specific-threat"])
    assert scenario.coercer.startswith("the United States") and scenario.target == "Russia"
    assert scenario.value("game", "discount") == F(99, 100)
    horizon = scenario.assumptions[("war", "horizon")]
    assert horizon.low < horizon.high  # a range that can move


def test_the_resolve_mean_must_lie_strictly_inside_the_unit_interval(tmp_path):
    text = VALID.replace("resolve_mean = { value = 0.6,", "resolve_mean = { value = 1,").replace(
        "range = [0.4, 0.8] }", "range = [0.4, 1] }")
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError, match=r"\[game\] resolve_mean \(line \d+\) must be a number strictly between 0 and 1"):
        load(path)


def test_the_building_blocks_of_a_scenario_still_build():
    """The block-level models of a scenario (the claims' region comes from the same file)."""
    scenario = load(PRESETS["specific-carrots"])
    assert models.risk_return(scenario).solve().demand > 0
    assert models.resolve_signalling(scenario) is not None
    assert models.renewed_demands(scenario) is not None
    strategies = models.war_strategies(scenario)
    assert [type(s).__name__ for s in strategies] == ["TryAndSee", "TurningTheScrew", "UltimatumSchedule"]


def test_an_assumption_may_name_its_source_and_an_empty_one_is_refused(tmp_path):
    scenario = load(PRESETS["vague-threat"])
    assert scenario.assumptions[("ultimatum", "threat")].source.startswith("D. J. Trump")
    assert scenario.assumptions[("ultimatum", "demand")].source is None
    text = VALID.replace("source = \"D. J. Trump, post on Truth Social, 22 January 2025\"", "source = \"\"")
    with pytest.raises(ScenarioError, match=r"\[ultimatum\] threat.source \(line \d+\) must be a non-empty string naming"):
        load(_write(tmp_path, text))


def test_preset_ranges_can_move() -> None:
    """Every numeric range of every preset has low < high (an assumption whose range cannot move
    has no place in a sensitivity analysis); the only fixed range is a threat with no date, whose
    reason says that urgency carries the uncertainty of when it falls."""
    for name, path in presets().items():
        scenario = load(path)
        for (section, key), a in scenario.assumptions.items():
            if a.low is None:
                assert (section, key) == ("ultimatum", "deadline") and a.value is None, (name, key)
                assert "urgency" in a.reason, name
                urgency = scenario.assumptions[("ultimatum", "urgency")]
                assert urgency.low < urgency.high, name
            else:
                assert a.low < a.high, (name, section, key)

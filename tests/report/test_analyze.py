"""The main job: analyze writes the report, its numbers are the models', its sensitivity is right."""

from fractions import Fraction as F

import pytest

from bargaining.cli import main
from bargaining.coercion import Ultimatum
from bargaining.report import Document, analyze, sensitivity, solve_scenario
from bargaining.scenarios import load, models, presets


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    return analyze(["vague-threat", presets()["specific-carrots"]], folder, claims=False)


def test_report_is_written_with_its_figures(report):
    text = report.markdown.read_text(encoding="utf-8")
    assert "The vague threat of January 2025" in text and "Specific threat plus carrots" in text
    assert "## Summary" in text and "## References" in text and "Fearon, J. D. (1995)" in text
    assert "## Appendix: equilibrium conditions in LaTeX" in text and "\\begin{cases}" in text
    html = report.html.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and html.count("<img") == len(report.figures)
    names = {path.name for path in report.figures}
    assert {"outcomes.png", "regime_map.png", "survival_vague-threat.png", "tornado_specific-carrots.png"} <= names
    assert all(path.stat().st_size > 5000 for path in report.figures)


def test_reported_numbers_are_the_models_exact_answers(report):
    """Independent of the report code: the January 2025 threat solved directly (essay; George 1991)."""
    vague = report.results[0]
    direct = Ultimatum(demand=F(1, 5), vagueness=F(1, 4), deadline=None, urgency=F(1, 10), audience_cost=F(1, 10),
                       threat=F(1, 2), execution_low=-1, execution_high=F(1, 4), carrot_credibility=F(1, 2)).outcome()
    assert vague.outcome.compliance_probability == direct.compliance_probability == 0
    assert vague.outcome.threat_executed_probability == direct.threat_executed_probability == F(7, 25)
    carrots = report.results[1]
    assert carrots.outcome.compliance_probability > report.results[0].outcome.compliance_probability
    assert carrots.bargaining_range.lower == F(9, 20) - F(3, 20)  # Fearon: p - c_C, exactly
    assert "0.280" in report.markdown.read_text(encoding="utf-8")


def test_sensitivity_through_the_sweep_engine_matches_direct_solving(report):
    scenario = report.results[1].scenario
    bars = {(b.section, b.key, b.output): b for b in report.sensitivities[1]}
    bar = bars[("ultimatum", "carrot", "P(comply)")]
    for end, value in ((bar.low, bar.at_low), (bar.high, bar.at_high)):
        exact = models.ultimatum(scenario, carrot=end).outcome().compliance_probability
        assert value == pytest.approx(float(exact), abs=1e-12)
    deadline = bars[("ultimatum", "deadline", "P(threat executed)")]
    assert deadline.at_low == pytest.approx(float(models.ultimatum(scenario, deadline=1).outcome().threat_executed_probability))
    guarantee = bars[("commitment", "renege_gain_target", "minimal guarantee")]
    changed = scenario.with_value("commitment", "renege_gain_target", guarantee.high)
    assert guarantee.at_high == pytest.approx(float(models.ceasefire(changed).solve().minimal_guarantee))
    assert {b.output for b in report.sensitivities[1]} == {"P(comply)", "P(threat executed)", "median war duration (months)",
                                                          "minimal guarantee"}


def test_security_guarantees_make_the_ceasefire_hold_where_the_status_quo_does_not():
    """Powell (2006) / the essay's Budapest and Minsk: without a guarantee the deal would not hold."""
    status_quo = solve_scenario(load(presets()["status-quo"]))
    guaranteed = solve_scenario(load(presets()["security-guarantees"]))
    assert not status_quo.ceasefire.is_self_enforcing and guaranteed.ceasefire.is_self_enforcing
    assert status_quo.war.attrs["calibration"].startswith("model months")
    assert len(sensitivity(load(presets()["small-steps"]))) > 20


def test_command_line_main_job(tmp_path, capsys):
    assert main(["analyze", "specific-threat", "--output", str(tmp_path), "--no-claims"]) == 0
    captured = capsys.readouterr()
    assert "specific-threat" in captured.out and f"report: {tmp_path}/report.md" in captured.out
    assert "[1/1] specific-threat: solving the models" in captured.err
    # issue 13: an earlier report is not overwritten without --force; names are checked first
    assert main(["analyze", "specific-threat", "--output", str(tmp_path), "--no-claims"]) == 2
    assert "--output must be a folder without report.md in it (give --force" in capsys.readouterr().err
    assert main(["analyze", str(tmp_path / "missing.toml"), "--output", str(tmp_path), "--force"]) == 2
    assert "missing.toml: the file must be readable" in capsys.readouterr().err
    assert main(["analyze", "no-such-preset", "--output", str(tmp_path / "new")]) == 2
    assert "scenario must be a scenario file or one of the presets status-quo, vague-threat" in capsys.readouterr().err
    assert main(["analyze", "vague-threat", "vague-threat", "--output", str(tmp_path / "new")]) == 2
    assert "scenario must be scenarios of different names" in capsys.readouterr().err
    assert not (tmp_path / "new").exists()  # refused before anything was written


def test_a_slash_in_a_scenario_name_is_not_a_folder(tmp_path):
    from dataclasses import replace

    from bargaining.report.analyze import _file_name

    assert _file_name("vague/threat") == "vague_threat" and _file_name("../x") == "___x"
    scenario = replace(load(presets()["vague-threat"]), name="vague/threat")
    with pytest.raises(ValueError, match="names that differ as file names"):  # refused before any work
        analyze([scenario, replace(scenario, name="vague_threat")], tmp_path / "two", claims=False)
    assert not (tmp_path / "two").exists()


def test_document_renders_every_block():
    doc = Document("T")
    doc.heading("H", 3)
    doc.bullets(["a <b>"])
    doc.code("x^2", "latex")
    doc.image("f.png", "cap")
    assert "### H" in doc.markdown() and "- a <b>" in doc.markdown() and "```latex" in doc.markdown()
    assert "<li>a &lt;b&gt;</li>" in doc.html() and "<figcaption>cap</figcaption>" in doc.html()


def test_claims_and_scenario_objects(tmp_path):
    from bargaining.claims import MonotoneClaim, Region
    from bargaining.crisis import RiskReturn

    claim = MonotoneClaim("the safe demand rises with power", "asymmetry", Region({"power": (0, F(1, 2))}),
                          quantity=lambda power: power + RiskReturn(F(1, 2), F(1, 10), F(1, 10), F(2, 5)).target_cost_low,
                          parameter="power")
    scenario = load(presets()["small-steps"])
    report = analyze([scenario], tmp_path, claims=[claim])
    assert [c.verdict for c in report.claims] == ["by construction"]  # power enters linearly
    assert (tmp_path / "claims.md").exists() and "## Claims" in report.markdown.read_text(encoding="utf-8")

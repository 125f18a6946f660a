"""The main job: every headline number from one equilibrium of the coercive game, with its interval."""

import math
import re
from dataclasses import replace
from fractions import Fraction as F

import numpy as np
import pytest

from bargaining.cli import main
from bargaining.coercive_game import CoerciveGame, UltimatumDesign, quantile_types, solve_grid
from bargaining.report import Document, analyze, booktabs, rank_shares, uncertainty
from bargaining.report.game import build_game, solve_game
from bargaining.report.sections import fmt
from bargaining.report.uncertainty import GROUPS, draw_points, evaluate
from bargaining.scenarios import load, presets
from conftest import small


def test_report_is_written_with_its_figures_and_tables(report):
    text = report.markdown.read_text(encoding="utf-8")
    for heading in ("## Summary", "## Uncertainty", "### Ranking robustness", "### Probability that each strategy is best",
                    "### George's three strategies on the same primitives", "## References", "## Timing",
                    "## Appendix: assumptions that do not enter the game"):
        assert heading in text
    assert "Specific threat plus carrots" in text and "the target is Russia" in text
    assert "the Budapest Memorandum (5 December 1994)" in text.split("## References")[1]
    assert "Settled by month t:" in text.split("| scenario |")[0]  # defined before the first table
    for forbidden in ("nan", "MODEL.md", "Fraction(", "None", "United States and its European allies with Ukraine;"):
        assert forbidden not in text
    assert not re.search(r"\d{12,}", text)  # no long numbers
    html = report.html.read_text(encoding="utf-8")
    assert {path.suffix for path in report.figures} == {".svg"}  # vector, for the page and for papers
    assert html.startswith("<!DOCTYPE html>") and html.count("<img") == len(report.figures)
    assert all(path.stat().st_size > 3000 for path in report.figures)
    assert report.tables and all("\\toprule" in path.read_text(encoding="utf-8") for path in report.tables)
    cited = set(re.findall(r"([A-Z][a-z]+) (\d{4})", text.split("## References")[0]))
    references = text.split("## References")[1]
    assert all(f"({year})" in references and name in references for name, year in cited if name in
               ("George", "Fearon", "Schelling", "Slantchev"))


def test_reported_numbers_are_the_games_equilibria(report):
    """Independent of the report code: the game built by hand from the file and solved on the grid."""
    result = report.results[0]
    s = result.scenario
    v = {key: float(a.value) for (section, key), a in s.assumptions.items() if a.value is not None and section != "crisis"}
    from scipy import stats

    mean, weight = v["resolve_mean"], v["resolve_concentration"]
    game = CoerciveGame(discount=float(s.value("game", "discount")), horizon=8, margin=3,
                        resolve=quantile_types(40, stats.beta(mean * weight, (1 - mean) * weight)),
                        true_odds=v["battle_odds"], prior_coercer=(0.58 * 10, 0.42 * 10), prior_target=(0.38 * 20, 0.62 * 20),
                        cost_coercer=float(s.value("war", "cost_coercer")), target_cost=float(s.value("war", "cost_target")),
                        target_cost_resolve=v["target_cost_resolve"], threat_loss=v["threat"], screw=v["escalation"],
                        screw_cost=v["screw_cost"], carrot=v["carrot"], carrot_efficiency=v["carrot_efficiency"],
                        carrot_credibility=v["carrot_credibility"], execution_low=v["execution_low"],
                        execution_high=v["execution_high"])
    design = UltimatumDesign(demand=float(s.value("game", "demand")), deadline=2, audience_cost=v["audience_cost"])
    direct = solve_grid(game, design, pure_cutoffs=True)
    assert result.solutions["ultimatum"].coercer_utility == pytest.approx(direct.coercer_utility, abs=1e-9)
    assert result.solutions["ultimatum"].threat_executed == pytest.approx(direct.threat_executed, abs=1e-9)
    assert solve_grid(game, "screw", pure_cutoffs=True).settled == pytest.approx(result.numbers("screw")["settled"], abs=1e-9)
    text = report.markdown.read_text(encoding="utf-8")
    assert fmt(direct.threat_executed) in text and fmt(direct.coercer_utility) in text
    for name in ("try_and_see", "screw", "ultimatum"):  # no two numbers contradict: every war ends one way
        n = result.numbers(name)
        assert n["settled"] + n["decisive"] + n["still_fighting"] == pytest.approx(1, abs=1e-9)
        assert n["settled_12"] <= n["settled"] + 1e-12
        if name != "ultimatum":
            assert n["threat_executed"] == n["backs_down"] == 0
    best = max(result.solutions, key=lambda k: result.solutions[k].coercer_utility)
    assert result.best == best and result.best_design is not None
    assert result.best_design_solution.coercer_utility >= result.solutions["ultimatum"].coercer_utility - 1e-12


def test_the_report_says_when_a_threat_is_worth_less_than_no_threat(report):
    text = report.markdown.read_text(encoding="utf-8")
    unwise = [r for r in report.results if r.numbers("ultimatum")["coercer_utility"] < r.numbers("try_and_see")["coercer_utility"]]
    assert ("by the model's own logic the coercer would not issue that threat" in text) == bool(unwise)


def test_joint_draws_intervals_regimes_and_rankings(report, tmp_path):
    u = report.uncertainty[0]
    assert u.draws == 1 * (len(GROUPS) + 2) and not u.failures
    low, mid, high = u.interval(("ultimatum", "coercer_utility"))
    assert low <= mid <= high
    assert sum(u.regimes().values()) == pytest.approx(1)
    points = draw_points(1)
    assert points.shape == (len(GROUPS) + 2, 25) and np.all((points >= 0) & (points <= 1))
    shares = rank_shares(report.uncertainty)
    assert math.isnan(shares[0, 0]) and shares[0, 1] + shares[1, 0] <= 1 + 1e-12
    same = uncertainty([u.scenario, replace(u.scenario, name="twin")], 1, types=4)
    twins = rank_shares(same)
    assert twins[0, 1] == twins[1, 0] == 0  # a scenario never beats its own copy on common draws
    for groups in u.indices.values():
        assert set(groups) == set(GROUPS)


def test_a_draw_that_makes_the_game_undefined_is_named_and_the_report_still_written(tmp_path):
    scenario = small(tmp_path, execution_high='execution_high = { value = 0.25, reason = "r", range = [-2, 0.5] }')
    draw = evaluate(scenario, np.zeros(25), types=4)  # execution_high at -2, below execution_low's -1.5
    assert "execution_high" in draw["error"] and draw["values"][("ultimatum", "execution_high")] == -2
    done = analyze([scenario], tmp_path / "out", claims=False, draws=1, workers=1)
    text = done.markdown.read_text(encoding="utf-8")
    if done.uncertainty[0].failures:
        assert "### Draws that left the game undefined" in text and "execution_high" in text


def test_build_game_maps_the_file_into_the_games_units():
    scenario = load(presets()["specific-threat"])
    game, design = build_game(scenario, types=5)
    assert game.period_unit == "month" and game.horizon == 72 and design.deadline == 6
    assert game.prior_target == pytest.approx((0.38 * 20, 0.62 * 20))  # T's belief of its own odds, turned
    assert sum(game.weights) == pytest.approx(1) and len(game.resolve) == 5


def test_the_draws_in_parallel_give_the_same_numbers(tmp_path):
    scenario = small(tmp_path)
    one, two = uncertainty([scenario], 1, types=4), uncertainty([scenario, replace(scenario, name="b")], 1, types=4, workers=2)
    assert np.allclose(one[0].outputs[("screw", "settled")], two[0].outputs[("screw", "settled")])


def test_command_line_main_job(tmp_path, capsys):
    scenario = small(tmp_path)
    out = tmp_path / "out"
    assert main(["analyze", str(scenario.path), "--output", str(out), "--no-claims", "--draws", "1", "--workers", "1"]) == 0
    captured = capsys.readouterr()
    assert "specific-carrots" in captured.out and f"report: {out}/report.md" in captured.out
    assert "[1/1] specific-carrots: the game's three strategies" in captured.err
    assert "done [1/1 games]: specific-carrots" in captured.err  # progress as each game is done
    from bargaining.report.analyze import DRAWS

    with pytest.raises(SystemExit):
        main(["analyze", "--help"])
    assert f"(default {DRAWS}, that is {DRAWS * (len(GROUPS) + 2)};" in " ".join(capsys.readouterr().out.split())
    # issue 13: an earlier report is not overwritten without --force; names are checked first
    assert main(["analyze", "specific-threat", "--output", str(out), "--no-claims"]) == 2
    assert "--output must be a folder without report.md in it (give --force" in capsys.readouterr().err
    assert main(["analyze", str(tmp_path / "missing.toml"), "--output", str(out), "--force"]) == 2
    assert "missing.toml: the file must be readable" in capsys.readouterr().err
    assert main(["analyze", "no-such-preset", "--output", str(tmp_path / "new")]) == 2
    assert "scenario must be a scenario file or one of the presets status-quo, vague-threat" in capsys.readouterr().err
    assert main(["analyze", "vague-threat", "vague-threat", "--output", str(tmp_path / "new")]) == 2
    assert "scenario must be scenarios of different names" in capsys.readouterr().err
    assert main(["analyze", "vague-threat", "--output", str(tmp_path / "new"), "--draws", "0"]) == 2
    assert "draws must be a positive integer" in capsys.readouterr().err
    assert not (tmp_path / "new").exists()  # refused before anything was written


def test_a_slash_in_a_scenario_name_is_not_a_folder(tmp_path):
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
    assert booktabs(["x_1"], [["&"]]).splitlines()[2] == r"x\_1 \\"


def test_claims_as_a_table_and_a_failing_claim_reported(tmp_path):
    from bargaining.claims import MonotoneClaim, Region
    from bargaining.crisis import RiskReturn

    claim = MonotoneClaim("the safe demand rises with power", "asymmetry", Region({"power": (0, F(1, 2))}),
                          quantity=lambda power: power + RiskReturn(F(1, 2), F(1, 10), F(1, 10), F(2, 5)).target_cost_low,
                          parameter="power")
    scenario = small(tmp_path)
    done = analyze([scenario], tmp_path / "out", claims=[claim], draws=1, workers=1)
    assert [c.verdict for c in done.claims] == ["by construction"]  # power enters linearly
    text = done.markdown.read_text(encoding="utf-8")
    assert "## Claims" in text and "| the safe demand rises with power |" in text


def test_solve_game_names_the_files_strategy():
    assert solve_game(load(presets()["status-quo"]), types=4, designs=False).chosen == "screw"


def test_failed_draws_and_failed_claims_are_reported_and_the_report_still_written(tmp_path, monkeypatch):
    import bargaining.claims as claims_module
    from bargaining.core.errors import ParameterValueError

    scenario = small(tmp_path, execution_high='execution_high = { value = 0.25, reason = "r", range = [-3, 0.5] }')
    other = replace(small(tmp_path, "specific-threat", name="other"), coercer="France", target="Russia")

    def refuse(*args, **kwargs):
        raise ParameterValueError("schedule", "a pressure schedule", "x")

    monkeypatch.setattr(claims_module, "report", refuse)
    done = analyze([scenario, other], tmp_path / "out", claims=True, draws=1, workers=1)
    text = done.markdown.read_text(encoding="utf-8")
    assert done.uncertainty[0].failures  # execution_high drawn below execution_low
    assert "### Draws that left the game undefined" in text and "execution_high" in text
    assert "draws left the game undefined" in text  # and the indices say on which base points they stand
    assert re.search(r"use the \d+ of the \d+ base points of the design whose every draw was solved|so the indices are not computed", text)
    assert "The claims could not be settled on these scenarios; the error: schedule must be" in text
    assert "the parties of each are named in its section" in text and "Coercer: France." in text


def test_comparative_statics_are_the_ultimatums_equilibria(report):
    from bargaining.report.statics import PARAMETERS, statics

    result = report.results[0]
    curves = result.curves
    assert set(PARAMETERS) <= set(curves) and curves["try_and_see"] == pytest.approx(
        solve_grid(build_game(result.scenario, types=12)[0], "try_and_see", pure_cutoffs=True).coercer_utility)
    xs, compliance, executed, utility = curves[("ultimatum", "audience_cost")]
    game, design = build_game(result.scenario, {("ultimatum", "audience_cost"): float(xs[-1])}, types=12)
    direct = solve_grid(game, design, pure_cutoffs=True)
    assert executed[-1] == pytest.approx(direct.threat_executed) and utility[-1] == pytest.approx(direct.coercer_utility)
    assert compliance[-1] == pytest.approx(direct.settled_by[design.deadline])
    assert list(curves[("war", "deadline")][0]) == [1, 2, 3]  # whole months, each once
    assert statics(result.scenario, types=4, points=2)[("game", "demand")][0].tolist() == pytest.approx([0.6, 0.9])
    assert any(path.name.startswith("statics_") for path in report.figures)


def test_scenarios_the_game_cannot_tell_apart_are_said_to_be_the_same(tmp_path):
    scenario = small(tmp_path, "specific-threat")
    twin = replace(scenario, name="twin", title="Its twin")
    done = analyze([scenario, twin], tmp_path / "out", claims=False, draws=1, workers=2)
    text = done.markdown.read_text(encoding="utf-8")
    assert "In the game this scenario is the same as 'Its twin'" in text
    first, second = (r.numbers("ultimatum") for r in done.results)
    assert first.pop("settlement_broken") is second.pop("settlement_broken") or done.results[0].broken == done.results[1].broken
    assert first == second


@pytest.mark.parametrize("workers", [1, 2])
def test_a_regime_map_two_tasks_share_is_drawn_once_and_lent(tmp_path, monkeypatch, workers):
    import importlib

    module = importlib.import_module("bargaining.report.analyze")
    calls = []
    drawing = module.regime_map
    monkeypatch.setattr(module, "regime_map", lambda s, path: calls.append(s.name) or drawing(s, path))
    scenario = small(tmp_path, "specific-threat")
    other = small(tmp_path, "specific-threat", name="other",  # another game (its horizon's range), the same map
                  **{"horizon = { value = 72,": 'horizon = { value = 8, reason = "eight months", range = [7, 9] }'})
    assert module._map_key(scenario) == module._map_key(other)
    said = []
    done = analyze([scenario, other], tmp_path / "out", claims=False, draws=1, workers=workers, progress=said.append)
    assert sorted(m.split(":")[0] for m in said if m.startswith("done")) == ["done [1/2 games]", "done [2/2 games]"]
    maps = [p for p in done.figures if p.name.startswith("regime_")]
    assert sorted(p.name for p in maps) == ["regime_other.svg", "regime_specific-threat.svg"]
    assert maps[0].read_bytes() == maps[1].read_bytes()
    if workers == 1:  # (a worker's calls are not seen here)
        assert calls == ["specific-threat"]
    text = done.markdown.read_text(encoding="utf-8")
    assert text.count("figures/regime_other.svg") == text.count("figures/regime_specific-threat.svg") == 1
    assert "In the game this scenario is the same as" not in text  # two games, one map


def test_a_draw_without_an_equilibrium_on_the_grid_is_isolated_and_named(monkeypatch):
    import importlib

    module = importlib.import_module("bargaining.report.uncertainty")  # the package exports a function of that name

    scenario = load(presets()["specific-threat"])
    units = draw_points(1)[:5]
    real = module.solve_batch
    discounts = module._scaled(scenario, units)[("game", "discount")]
    marked = discounts[1]
    assert np.sum(discounts == marked) == 1  # Saltelli's rows share values: this one is alone

    def refusing(batch, *args, failures=None, **kwargs):
        """The solver, with the marked draw recorded as having no equilibrium (its outputs NaN)."""
        solved = real(batch, *args, failures=failures, **kwargs)
        for row in np.flatnonzero(batch.discount == marked):
            failures[int(row)] = "single crossing fails at node (t=0, front=0, cutoff=0)"
            for solution in solved.values():
                for value in vars(solution).values():
                    if isinstance(value, np.ndarray) and value.dtype.kind == "f":
                        value[row] = np.nan
        return solved

    monkeypatch.setattr(module, "solve_batch", refusing)
    done = module.evaluate_many(scenario, units, types=3)
    assert list(done["errors"]) == [1] and done["errors"][1].startswith("single crossing fails")
    assert np.isnan(done["outputs"][("screw", "settled")][1]) and done["best"][1] == ""
    monkeypatch.setattr(module, "solve_batch", real)
    whole = module.evaluate_many(scenario, units, types=3)
    kept = [0, 2, 3, 4]
    assert np.array_equal(done["outputs"][("ultimatum", "coercer_utility")][kept],
                          whole["outputs"][("ultimatum", "coercer_utility")][kept])
    assert list(done["best"][kept]) == list(whole["best"][kept])


def test_sobol_indices_on_the_complete_blocks_of_the_design_recover_known_indices():
    """Leaving out the Saltelli blocks of failed draws is the same estimator on fewer base points:
    on an additive function with known indices (group g's share of the variance is its weight's
    square over the sum of squares; first-order equals total) the estimates stay on the truth
    when a tenth of the blocks is dropped at random, and the pairing of a block's draws is kept."""
    from SALib.analyze import sobol
    from SALib.util import extract_group_names

    from bargaining.report.uncertainty import _KEYS, _problem, complete_blocks

    problem, units = _problem(), draw_points(1024)
    names = list(extract_group_names(problem)[0])
    weight = {group: float(k + 1) for k, group in enumerate(names)}
    y = sum(weight[group] * units[:, i] for i, group in enumerate(problem["groups"]))  # uniform columns
    size = {group: problem["groups"].count(group) for group in names}
    truth = np.array([weight[g] ** 2 * size[g] for g in names]) / sum(weight[g] ** 2 * size[g] for g in names)
    step = len(GROUPS) + 2
    failed = {int(i) for i in np.random.default_rng(5).choice(len(units), 120, replace=False)}
    blocks = complete_blocks(len(units), failed)
    assert len(blocks) == 1024 - len({i // step for i in failed}) and not failed & set(blocks.ravel().tolist())
    assert np.array_equal(blocks[:, 1:-1] - blocks[:, :1], np.tile(np.arange(1, step - 1), (len(blocks), 1)))
    found = sobol.analyze(problem, y[blocks.ravel()], calc_second_order=False, num_resamples=10, seed=1)
    assert np.max(np.abs(found["ST"] - truth)) < 0.03 and np.max(np.abs(found["S1"] - truth)) < 0.03
    assert len(_KEYS) == units.shape[1]


def test_a_failed_draw_leaves_the_indices_on_the_other_base_points(monkeypatch):
    import importlib

    module = importlib.import_module("bargaining.report.uncertainty")
    scenario = load(presets()["specific-threat"])
    real = module.evaluate_many

    def failing_one(scenario, units, types):
        done = real(scenario, units, types)
        done["errors"] = {3: "no pure cutoff answers the committed demand (injected)"}
        for values in done["outputs"].values():
            values[3] = np.nan
        done["best"][3] = ""
        return done

    monkeypatch.setattr(module, "evaluate_many", failing_one)
    spread = module.uncertainty([scenario], base=4, types=3)[0]
    assert spread.draws == 4 * (len(GROUPS) + 2) - 1 and len(spread.failures) == 1
    assert spread.index_base == 3 and spread.indices  # base points 1, 2, 3: block 0 held draw 3
    document = Document("t")
    from bargaining.report.sections import _indices

    _indices(document, spread, "ultimatum", None)
    assert "use the 3 of the 4 base points of the design whose every draw was solved" in document.markdown()


def test_the_intervals_monte_carlo_error_shrinks_with_the_draws():
    from bargaining.report.uncertainty import Uncertainty

    scenario = load(presets()["specific-threat"])
    rng = np.random.default_rng(1)
    key = ("try_and_see", "settled")

    def spread(size):
        return Uncertainty(scenario, size, {key: rng.random(size)}, ("try_and_see",) * size, ())

    small, large = spread(100).interval_error(key), spread(10000).interval_error(key)
    assert 0 < large < small < 0.1  # about 1.96 sqrt(q(1-q)/N) for a uniform, plus rounding of the ranks
    assert math.isnan(spread(1).interval_error(key))


def test_no_draws_no_error_sentence():
    from bargaining.report.sections import _monte_carlo_error

    assert _monte_carlo_error([]) == ""


def test_groups_that_move_nothing_are_said_and_why():
    """A group whose total index is below 0.01 for every output is named under the table: as
    structural where it enters only the ultimatum and the strategy is another, as a finding
    otherwise (the indices here are given, so the sentence is what is tested)."""
    from bargaining.report.sections import _indices
    from bargaining.report.uncertainty import OUTPUTS, ULTIMATUM_ONLY, Uncertainty

    scenario = load(presets()["status-quo"])
    for strategy in ("screw", "ultimatum"):
        keys = [key for key in OUTPUTS if key[0] == strategy]
        small = {"the target's resolve", *ULTIMATUM_ONLY}
        indices = {key: {g: (0.0, 0.004 if g in small else 0.3, 0.01) for g in GROUPS} for key in keys}
        u = Uncertainty(scenario, 18, {key: np.zeros(18) for key in keys}, ("screw",) * 18, (), indices, 6, 2)
        document = Document("t")
        _indices(document, u, strategy, None)
        text = document.markdown()
        if strategy == "screw":
            assert "The threat and the ultimatum's design enter only the ultimatum, so they move nothing" in text
            assert "The target's resolve moves no output of this strategy by as much as 1 % of its variance" in text
        else:
            assert "enter only the ultimatum" not in text
            assert "The threat, the target's resolve and the ultimatum's design move no output" not in text
            assert "The target's resolve, the threat and the ultimatum's design move no output of this strategy" in text


def test_the_indices_said_to_be_noise_are_those_whose_half_width_is_wide():
    """The sentence over the Sobol table reads the bootstrap half-widths: the outputs whose widest
    half-width exceeds 0.1 are named as dominated by sampling error, the others not (the indices
    here are given, so the sentence is what is tested)."""
    from bargaining.report.sections import _indices
    from bargaining.report.uncertainty import OUTPUTS, Uncertainty

    scenario = load(presets()["status-quo"])
    keys = [key for key in OUTPUTS if key[0] == "screw"]
    for wide in (None, ("screw", "still_fighting")):
        indices = {key: {g: (0.1, 0.2, 0.53 if key == wide else 0.004) for g in GROUPS} for key in keys}
        u = Uncertainty(scenario, 18, {key: np.zeros(18) for key in keys}, ("screw",) * 18, (), indices, 6, 2)
        document = Document("t")
        _indices(document, u, "screw", None)
        text = " ".join(document.markdown().split())
        if wide is None:
            assert "the widest half-width of an output's indices is between 0.00 and 0.00." in text
            assert "sampling error" not in text
        else:
            assert "is between 0.00 and 0.53; for P(still fighting at the horizon) some exceed 0.1: those" in text


def _settled_fine():
    return ("a settlement",), None, 0.25


def _settled_badly():
    raise ZeroDivisionError("a bug inside the claims")


def _settled_dying():
    import os

    os._exit(3)


def test_the_claims_process_returns_their_settlements_or_says_what_stopped_it():
    import importlib

    module = importlib.import_module("bargaining.report.analyze")
    if not module._forks():
        pytest.skip("the claims' own process needs fork")
    assert module._settle_aside(_settled_fine)() == (("a settlement",), None, 0.25)
    with pytest.raises(RuntimeError, match=r"(?s)settling the claims failed in their process.*ZeroDivisionError: a bug"):
        module._settle_aside(_settled_badly)()
    with pytest.raises(RuntimeError, match="the process ended with exit code 3"):
        module._settle_aside(_settled_dying)()


def test_the_essays_claims_are_settled_aside_and_a_callers_claims_beside_the_workers(tmp_path, monkeypatch):
    import importlib

    from bargaining.claims import MonotoneClaim, Region

    module = importlib.import_module("bargaining.report.analyze")
    scenarios = [small(tmp_path, "specific-threat"), small(tmp_path, "specific-carrots")]
    claim = MonotoneClaim("the square rises with power", "asymmetry", Region({"power": (0, F(1, 2))}),
                          quantity=lambda power: power**2, parameter="power")  # a lambda: it may not pickle
    done = analyze(scenarios, tmp_path / "mine", claims=[claim], draws=1, workers=2)
    assert [s.claim.statement for s in done.claims] == ["the square rises with power"]  # settled, beside the workers
    assert "claims (wall, beside the scenarios)" in done.timings
    asides = []
    real = module._settle_aside
    monkeypatch.setattr(module, "_settle_aside", lambda settle: asides.append(1) or real(settle))
    monkeypatch.setattr(module, "_settle", lambda *args: ((), None, 0.0))  # the essay's claims, not settled here
    done = analyze(scenarios, tmp_path / "essay", claims=True, draws=1, workers=2)
    assert asides == [1] and done.claims == () and "claims (wall, beside the scenarios)" in done.timings


def test_the_groups_said_to_enter_only_the_ultimatum_move_nothing_else():
    """ULTIMATUM_ONLY names groups of GROUPS whose every assumption leaves try-and-see and the screw
    unchanged: moving all of them at once changes no output of those two strategies."""
    import importlib

    module = importlib.import_module("bargaining.report.uncertainty")
    assert set(module.ULTIMATUM_ONLY) <= set(GROUPS)
    moved = {name for group in module.ULTIMATUM_ONLY for name in GROUPS[group]}
    units = np.full((2, len(module._KEYS)), 0.5)
    units[1, [i for i, key in enumerate(module._KEYS) if key in moved]] = [0.1, 0.9, 0.2, 0.8, 0.3, 0.7, 0.95][: len(moved)]
    done = module.evaluate_many(load(presets()["specific-threat"]), units, types=3)
    for (strategy, key), values in done["outputs"].items():
        if strategy != "ultimatum" and key != "settlement_broken":
            assert values[0] == values[1], (strategy, key)
    assert any(v[0] != v[1] for (s, _), v in done["outputs"].items() if s == "ultimatum")  # the ultimatum moved

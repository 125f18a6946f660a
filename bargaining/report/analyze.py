"""``analyze``: every model for every scenario, the sensitivity analysis, the claims, the report."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from ..core.errors import Description, ParameterValueError
from ..core.paths import writable_folder
from ..scenarios import Scenario, load, presets
from .analysis import CALIBRATION, ScenarioResult, Sensitivity, sensitivity, solve_scenario
from .document import Document
from .figures import outcomes_figure, regime_map_figure, survival_figure, tornado_figure

__all__ = ["REFERENCES", "Report", "analyze"]

REFERENCES = [
    "Binmore, K., Rubinstein, A. & Wolinsky, A. (1986). The Nash bargaining solution in economic modelling. RAND Journal of Economics 17(2).",
    "Fearon, J. D. (1994). Domestic political audiences and the escalation of international disputes. APSR 88(3).",
    "Fearon, J. D. (1995). Rationalist explanations for war. International Organization 49(3).",
    "George, A. L. (1991). Forceful Persuasion: Coercive Diplomacy as an Alternative to War. USIP Press.",
    "Krainin, C. (2017). Preventive war as a result of long-term shifts in power. Political Science Research and Methods 5(1).",
    "Kydd, A. (2005). Trust and Mistrust in International Relations. Princeton University Press.",
    "Nash, J. (1950). The bargaining problem. Econometrica 18(2).",
    "Powell, R. (2006). War as a commitment problem. International Organization 60(1).",
    "Rubinstein, A. (1982). Perfect equilibrium in a bargaining model. Econometrica 50(1).",
    "Schelling, T. C. (1966). Arms and Influence. Yale University Press.",
    "Slantchev, B. L. (2003). The principle of convergence in wartime negotiations. APSR 97(4).",
    "Smith, A. & Stam, A. (2004). Bargaining and the nature of war. Journal of Conflict Resolution 48(6).",
]


@dataclass(frozen=True)
class Report:
    """What :func:`analyze` produced: the results, the sensitivity bars and the files written."""

    results: tuple[ScenarioResult, ...]
    sensitivities: tuple[tuple[Sensitivity, ...], ...]
    claims: tuple[Any, ...]
    folder: Path
    markdown: Path
    html: Path
    figures: tuple[Path, ...]


def _exact(value: Any) -> str:
    if isinstance(value, Fraction):
        return f"{value} ≈ {float(value):.3f}" if value.denominator != 1 else str(value)
    try:
        return f"{float(value):.3f}"
    except (TypeError, ValueError):  # pragma: no cover - every reported value is numeric
        return str(value)


def _short(value: Any) -> str:
    return f"{float(value):.3f}"


def _as_scenarios(
    scenarios: Sequence[str | Path | Scenario] | None, max_horizon: int | None = None
) -> list[Scenario]:
    """Load the scenarios; refuse an unknown name (listing the presets) and two of one name."""
    if not scenarios:
        return [load(path, max_horizon=max_horizon) for path in presets().values()]
    bundled = presets()
    loaded = []
    for item in scenarios:
        if isinstance(item, Scenario):
            loaded.append(item)
        elif isinstance(item, str) and item in bundled:
            loaded.append(load(bundled[item], max_horizon=max_horizon))
        elif isinstance(item, str) and not item.endswith(".toml") and not Path(item).exists():
            raise ParameterValueError(
                "scenario", f"a scenario file or one of the presets {', '.join(bundled)}", item
            )
        else:
            loaded.append(load(item, max_horizon=max_horizon))
    seen: dict[str, Scenario] = {}
    for scenario in loaded:
        if scenario.name in seen:
            raise ParameterValueError(
                "scenario",
                "scenarios of different names (the name keys the report's sections and figures)",
                Description(f"two named {scenario.name!r}: {seen[scenario.name].path} and {scenario.path}"),
            )
        seen[scenario.name] = scenario
    return loaded


def _file_name(name: str) -> str:
    """A scenario name made safe as a file name: anything but letters, digits, ``-`` and ``_``
    becomes ``_`` (a ``/`` in a name is not a folder)."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", name)[:80] or "_"


def _summary(doc: Document, results: Sequence[ScenarioResult]) -> None:
    doc.heading("Summary")
    doc.paragraph(
        "Each row is one scenario: the one-shot ultimatum's outcome (MODEL.md §4), whether a ceasefire would "
        "hold without outside help and the least guarantee that makes it hold (§3), and the war under the "
        f"scenario's own strategy (§5; durations in {CALIBRATION})."
    )
    rows = []
    for r in results:
        war = r.strategy_row
        median = (
            "beyond horizon"
            if war["median_duration"] != war["median_duration"]
            else f"{war['median_duration']:.0f}"
        )
        rows.append(
            [
                r.scenario.title,
                r.scenario.strategy,
                _short(r.outcome.compliance_probability),
                _short(r.outcome.threat_executed_probability),
                _short(r.outcome.credibility),
                "yes" if r.ceasefire.is_self_enforcing else "no",
                _short(r.ceasefire.minimal_guarantee),
                median,
                _short(war["settled"]),
            ]
        )
    doc.table(
        [
            "scenario",
            "strategy",
            "P(comply)",
            "P(threat executed)",
            "credibility",
            "ceasefire holds",
            "least guarantee",
            "median war (months)",
            "P(settled in horizon)",
        ],
        rows,
    )


def _scenario_section(
    doc: Document, r: ScenarioResult, bars: Sequence[Sensitivity], figures: dict[str, str]
) -> None:
    s = r.scenario
    doc.heading(s.title)
    doc.paragraph(s.description)
    doc.heading("Assumptions", 3)
    doc.table(
        ["section", "assumption", "value", "range", "reason"],
        [
            [
                a.section,
                a.key,
                "none" if a.value is None else str(a.value),
                f"[{'none' if a.low is None else a.low}, {'none' if a.high is None else a.high}]",
                a.reason,
            ]
            for a in s.assumptions.values()
        ],
    )
    doc.heading("Results", 3)
    war = r.war
    doc.table(
        ["quantity", "value", "source"],
        [
            [
                "bargaining range (coercer's share)",
                f"[{_exact(r.bargaining_range.lower)}, {_exact(r.bargaining_range.upper)}]",
                "Fearon (1995)",
            ],
            ["Nash settlement over the war payoffs", _exact(r.nash.first), "Nash (1950)"],
            ["Rubinstein split (coercer proposes first)", _exact(r.rubinstein_share), "Rubinstein (1982)"],
            ["risk–return demand", _exact(r.risk_return.demand), "Fearon (1995, §3)"],
            ["  its war probability", _exact(r.risk_return.war_probability), "Fearon (1995, §3)"],
            [
                "ultimatum: P(comply)",
                _exact(r.outcome.compliance_probability),
                "George (1991); Fearon (1994)",
            ],
            [
                "ultimatum: P(threat executed)",
                _exact(r.outcome.threat_executed_probability),
                "George (1991); Schelling (1966)",
            ],
            ["ultimatum: P(back down)", _exact(r.outcome.back_down_probability), "George (1991)"],
            ["ultimatum: credibility", _exact(r.outcome.credibility), "Fearon (1994)"],
            ["ceasefire self-enforcing", str(bool(r.ceasefire.is_self_enforcing)), "Powell (2006)"],
            ["least guarantee for the ceasefire", _exact(r.ceasefire.minimal_guarantee), "Powell (2006)"],
            ["most that can be compelled (present value)", _exact(r.most_compellable), "George (1991)"],
            [
                "small steps needed / chance the big agreement is kept",
                f"{r.steps_needed} / {_exact(r.steps_success)}",
                "Kydd (2005)",
            ],
        ],
    )
    doc.heading("The war under George's three strategies", 3)
    rows = []
    for name in war["strategy"].values.tolist():
        t = war.sel(strategy=name)
        median = float(t["median_duration"])
        rows.append(
            [
                name,
                "beyond horizon" if median != median else f"{median:.0f}",
                _short(t["settled_by"].isel(time=-1)),
                _short(t["expected_terms"]),
                _short(t["expected_cost_coercer"]),
                _short(t["expected_cost_target"]),
            ]
        )
    doc.table(
        [
            "strategy",
            "median duration (months)",
            "P(settled in horizon)",
            "expected terms",
            "coercer's expected cost",
            "target's expected cost",
        ],
        rows,
    )
    doc.image(figures["survival"], f"Survival and hazard of the war, {s.title} ({CALIBRATION})")
    doc.heading("Sensitivity", 3)
    doc.paragraph(
        "Each assumption moved to the two ends of its range, the others held at their values "
        "(P(comply) and P(threat executed) through the sweep engine)."
    )
    top = sorted(bars, key=lambda b: -b.swing)[:10]
    doc.table(
        ["output", "assumption", "range", "at low", "at high", "base"],
        [
            [
                b.output,
                f"{b.section}.{b.key}",
                f"[{b.low}, {b.high}]",
                _short(b.at_low),
                _short(b.at_high),
                _short(b.base),
            ]
            for b in top
        ],
    )
    doc.image(figures["tornado"], f"Tornado plot, {s.title} (outputs that no assumption moves are left out)")


def _latex_appendix(doc: Document) -> None:
    import sympy

    from ..coercion import Ultimatum
    from ..crisis import RiskReturn

    p, c, lo, hi = sympy.symbols("p c_C \\underline{c} \\bar{c}", positive=True)
    demand = RiskReturn(p, c, lo, hi).solve().demand
    x, a = sympy.symbols("x a", positive=True)
    threat = Ultimatum(
        demand=x,
        audience_cost=a,
        threat=Fraction(1, 2),
        execution_low=-1,
        execution_high=Fraction(1, 4),
        deadline=1,
    )
    doc.heading("Appendix: equilibrium conditions in LaTeX")
    doc.paragraph("The risk–return demand with its regimes (Fearon 1995), for a paper:")
    doc.code(sympy.latex(demand), "latex")
    doc.paragraph(
        "P(comply) of a specific ultimatum (threat 1/2, execution value U[−1, 1/4], deadline 1) "
        "as a function of the demand x and the audience cost a:"
    )
    doc.code(sympy.latex(threat.compliance_probability()), "latex")
    doc.paragraph(
        "Credibility regimes: " + "; ".join(f"{r.label}: ${r.latex()}$" for r in threat.credibility_regime())
    )


def analyze(
    scenarios: Sequence[str | Path | Scenario] | None = None,
    output: str | Path = "bargaining-report",
    *,
    claims: bool | Sequence[Any] = True,
    progress: Callable[[str], None] | None = None,
    force: bool = False,
    max_horizon: int | None = None,
) -> Report:
    """Solve every model for every scenario (default: the bundled presets), run the sensitivity
    analysis, settle the claims (``True``: the essay's; or the claims given; ``False``: none), and
    write ``report.md``, ``report.html`` and the figures to ``output``.

    Before any work, ``output`` is checked (a folder that can be written, without an earlier
    report unless ``force``), every scenario is loaded, and two scenarios of one name are refused.
    ``max_horizon`` raises the bound on a scenario's ``[war] horizon`` (see
    :func:`bargaining.scenarios.load`)."""
    say = progress or (lambda message: None)
    outputs = ["report.md", "report.html"] + (["claims.md", "claims.html"] if claims else [])
    folder = writable_folder(output, outputs, force=force)
    loaded = _as_scenarios(scenarios, max_horizon)
    names = [_file_name(scenario.name) for scenario in loaded]
    if len(set(names)) != len(names):
        clash = next(name for name in names if names.count(name) > 1)
        raise ParameterValueError(
            "scenario", "names that differ as file names (letters, digits, - and _)", Description(clash)
        )
    (folder / "figures").mkdir(parents=True, exist_ok=True)
    results: list[ScenarioResult] = []
    all_bars: list[tuple[Sensitivity, ...]] = []
    figure_paths: list[Path] = []
    doc = Document("bargaining: coercive diplomacy scenarios")
    for number, scenario in enumerate(loaded, start=1):
        say(f"[{number}/{len(loaded)}] {scenario.name}: solving the models")
        result = solve_scenario(scenario)
        say(
            f"[{number}/{len(loaded)}] {scenario.name}: sensitivity over {len(scenario.assumptions)} assumptions"
        )
        scenario_bars = sensitivity(scenario)
        results.append(result)
        all_bars.append(tuple(scenario_bars))
    doc.paragraph(
        f"{len(results)} scenarios. The coercer is the United States and its European allies with "
        "Ukraine; the target is Russia. Every number is an assumption stated with its reason "
        "in the scenario file."
    )
    _summary(doc, results)
    figure_paths.append(outcomes_figure(results, folder / "figures" / "outcomes.png"))
    doc.image("figures/outcomes.png", "P(comply), P(threat executed) and P(back down) per scenario")
    say("drawing the regime map over specificity x carrot")
    anchor = next((r for r in results if r.scenario.value("ultimatum", "carrot")), results[0])
    figure_paths.append(regime_map_figure(anchor, folder / "figures" / "regime_map.png"))
    doc.image(
        "figures/regime_map.png",
        f"Signalling regimes over specificity (audience cost) x carrot, around '{anchor.scenario.title}'",
    )
    for result, bars in zip(results, all_bars):
        name = _file_name(result.scenario.name)
        figures = {"survival": f"figures/survival_{name}.png", "tornado": f"figures/tornado_{name}.png"}
        figure_paths.append(survival_figure(result, folder / figures["survival"]))
        figure_paths.append(tornado_figure(result, bars, folder / figures["tornado"]))
        _scenario_section(doc, result, bars, figures)
    settled: tuple[Any, ...] = ()
    if claims:
        from ..claims import report as claims_report
        from ..claims.report import markdown as claims_markdown

        say("settling the claims")
        settled = tuple(claims_report(None if claims is True else claims, output=folder, scenarios=loaded))
        doc.heading("Claims")
        doc.paragraph(
            "George's principles as claims on the models, each settled on the region spanned by the "
            "assumption ranges of the scenarios above (the region column says which parameters come "
            "from them; the others keep the claim's own range). A verdict says what kind of truth it "
            "is: proved, by construction (it follows from the model's definitions), holds in tests, "
            "refuted with an exact counterexample, or undecided (full table: claims.md)."
        )
        doc.code(claims_markdown(list(settled)), "markdown")
    _latex_appendix(doc)
    doc.heading("References")
    doc.bullets(REFERENCES)
    markdown_path, html_path = folder / "report.md", folder / "report.html"
    markdown_path.write_text(doc.markdown(), encoding="utf-8")
    html_path.write_text(doc.html(), encoding="utf-8")
    return Report(
        tuple(results), tuple(all_bars), settled, folder, markdown_path, html_path, tuple(figure_paths)
    )

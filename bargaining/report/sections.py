"""The report's text: every number from one equilibrium of the coercive game per scenario and strategy.

Numbers are printed as decimals with three places (:func:`fmt`); an interval is the 5 % and 95 %
quantiles of the joint draws; a number that does not exist (the length of a war that never
ends) is printed as a dash with the reason in the text, never ``nan``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from ..scenarios import Scenario
from .document import Document
from .game import GAME_KEYS, MILESTONES, STRATEGY_NAMES, GameResult
from .uncertainty import GROUPS, OUTPUTS, ULTIMATUM_ONLY, Uncertainty

__all__ = ["DEFINITIONS", "fmt", "scenario_section", "summary"]

#: The report's definitions, given where the words are first used.
DEFINITIONS = (
    "Settled by month t: the target accepted an offer of the coercer at a month no later than t "
    "(the settlement is permanent in this game). Decisive end: one side reached the decisive margin "
    "on the front and took the whole stake. Ended: settled or decisive. Still fighting at the horizon: "
    "neither by the last month with an offer; the front then freezes and the war goes on. "
    "P(threat executed): the target refused at the ultimatum's deadline and the threat fell; "
    "P(coercer backs down): it refused and the threat did not fall. Length: the expected number of "
    "months of war given that the war ended by the horizon. Utilities are normalised present values "
    "in shares of the stake (a permanent settlement x is worth x), each under the side's own prior "
    "over the battle odds. P(the settlement breaks): the same game solved again with every settlement "
    "a ceasefire that each side keeps only while keeping is worth at least its renege gain, less the "
    "guarantee it would pay, plus the war resumed at the frozen front (the file's [commitment] "
    "amounts); it is the probability that a settlement is reached and later broken. A dash there: "
    "single crossing fails in that game (the least resolute types are not the first to accept), so "
    "it has no equilibrium of the kind solved here; the scenario's section names where."
)


def fmt(value: Any, places: int = 3) -> str:
    """A decimal with ``places`` places, or an en dash for a number that does not exist.

    >>> fmt(0.12345), fmt(float("nan")), fmt(-0.0)
    ('0.123', '–', '0.000')
    """
    number = float(value)
    if not math.isfinite(number):
        return "–"
    text = f"{number:.{places}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def _with_interval(value: float, interval: tuple[float, float, float] | None, places: int = 3) -> str:
    if interval is None or not math.isfinite(interval[0]):
        return fmt(value, places)
    return f"{fmt(value, places)} [{fmt(interval[0], places)}, {fmt(interval[2], places)}]"


_ROWS = (
    ("coercer_utility", "coercer's expected utility"),
    ("target_utility", "target's expected utility"),
    *((f"settled_{t}", f"P(settled by month {t})") for t in MILESTONES),
    ("settled", "P(settled by the horizon)"),
    ("threat_executed", "P(threat executed)"),
    ("backs_down", "P(coercer backs down)"),
    ("decisive", "P(decisive end by the horizon)"),
    ("still_fighting", "P(still fighting at the horizon)"),
    ("length", "length of the war if it ended (months)"),
    ("terms", "expected coercer's share if settled"),
    ("settlement_broken", "P(the settlement breaks), settlements as the file's ceasefires"),
)


def summary(doc: Document, results: Sequence[GameResult], spread: Sequence[Uncertainty]) -> None:
    """The headline table: each scenario under its own strategy, with the draws' 90 % intervals.

    >>> from bargaining.scenarios import load, presets
    >>> from bargaining.report.game import solve_game
    >>> from bargaining.report.uncertainty import uncertainty
    >>> scenario = load(presets()["specific-threat"])
    >>> result = solve_game(scenario, types=8, designs=False)
    >>> spread = uncertainty([scenario], base=1, types=6)
    >>> from bargaining.report.document import Document
    >>> doc = Document("Report")
    >>> summary(doc, [result], spread)
    >>> doc.markdown().startswith("# Report")
    True
    """
    doc.heading("Summary")
    doc.paragraph(DEFINITIONS)
    doc.paragraph(
        "Precision: probabilities, utilities and shares of the stake are rounded to three decimals, "
        "lengths in months to one, shares of draws and Sobol indices to two; an assumption is printed "
        "as written in its file. The grid solver computes in floating point, so no number here is exact."
    )
    doc.paragraph(
        "Each row is one scenario under its own strategy at the values of its file. By the horizon the "
        "war has been settled, ended decisively or is still being fought, so the three probabilities of "
        "a row add up to 1; P(threat executed) is a part of the refusals, not a fourth outcome. Brackets give the "
        "5 % and 95 % quantiles of the joint draws over every assumption range (section 'Uncertainty'); "
        "a value at the file's numbers may lie outside them when those numbers sit near a range's end. 'Best' is the coercer's "
        "best of George's three strategies at the scenario's values, with the share of draws in which "
        "each strategy is best."
    )
    rows = []
    for r, u in zip(results, spread):
        n = r.numbers(r.chosen)
        regimes = u.regimes()
        shares = ", ".join(f"{STRATEGY_NAMES[k]} {fmt(v, 2)}" for k, v in regimes.items() if v > 0)
        rows.append(
            [
                r.scenario.title,
                STRATEGY_NAMES[r.chosen],
                _with_interval(n["coercer_utility"], _iv(u, r.chosen, "coercer_utility")),
                _with_interval(n["settled"], _iv(u, r.chosen, "settled")),
                _with_interval(n["threat_executed"], _iv(u, r.chosen, "threat_executed")),
                _with_interval(n["decisive"], _iv(u, r.chosen, "decisive")),
                _with_interval(n["still_fighting"], _iv(u, r.chosen, "still_fighting")),
                _with_interval(n["length"], _iv(u, r.chosen, "length"), 1),
                f"{STRATEGY_NAMES[r.best]} ({shares})" if shares else STRATEGY_NAMES[r.best],
            ]
        )
    doc.table(
        [
            "scenario",
            "its strategy",
            "coercer's utility",
            "P(settled by horizon)",
            "P(threat executed)",
            "P(decisive end)",
            "P(still fighting)",
            "length if ended (months)",
            "best strategy (share of draws)",
        ],
        rows,
    )
    unwise = [
        r
        for r in results
        if r.numbers("ultimatum")["coercer_utility"] < r.numbers("try_and_see")["coercer_utility"]
    ]
    if unwise:
        where = (
            "In every scenario"
            if len(unwise) == len(results) > 1
            else "In " + ", ".join(f"'{r.scenario.title}'" for r in unwise)
        )
        doc.paragraph(
            where
            + " the coercer's expected utility from the ultimatum is below what it gets from the war as it "
            "goes on without a threat (try-and-see, the status quo of the game): by the model's own logic "
            "the coercer would not issue that threat."
        )


def _plain(value: Any) -> str:
    """An assumption's value as written: integers whole, other numbers to four places at most.

    >>> _plain(6), _plain(0.25), _plain(1 / 3)
    ('6', '0.25', '0.3333')
    """
    return (
        fmt(value, 4).rstrip("0").rstrip(".") if float(value) != int(float(value)) else str(int(float(value)))
    )


def _iv(u: Uncertainty, strategy: str, key: str) -> tuple[float, float, float] | None:
    return u.interval((strategy, key)) if (strategy, key) in u.outputs else None


def assumptions_table(doc: Document, scenario: Scenario) -> None:
    """The assumptions that enter the game: value, unit, range and reason."""
    rows = []
    for section, key, name, unit in GAME_KEYS:
        a = scenario.assumptions[(section, key)]
        rows.append(
            [
                f"{section}.{key}",
                name,
                _plain(a.value) if a.value is not None else "none",
                unit,
                f"[{_plain(a.low)}, {_plain(a.high)}]",
                a.reason + (f" (source: {a.source})" if a.source else ""),
            ]
        )
    doc.table(["assumption", "in the game", "value", "unit", "range", "reason"], rows)


def scenario_section(
    doc: Document,
    r: GameResult,
    u: Uncertainty,
    figures: dict[str, str],
    types: tuple[int, int],
    twins: Sequence[str] = (),
    regime: dict[str, Any] | None = None,
) -> None:
    """One scenario: its assumptions, the three strategies side by side, the best design, the
    regime map, the indices.

    ``twins`` are the titles of the other scenarios with the same game (they differ only in
    assumptions the game does not represent, or in a ceasefire that enters no number but
    P(the settlement breaks)); ``regime`` is what
    :func:`~bargaining.report.regime_map.regime_map` returned (shown with ``figures["regime"]``).

    >>> from bargaining.scenarios import load, presets
    >>> from bargaining.report.game import solve_game
    >>> from bargaining.report.uncertainty import uncertainty
    >>> scenario = load(presets()["specific-threat"])
    >>> result = solve_game(scenario, types=8, designs=False)
    >>> spread = uncertainty([scenario], base=1, types=6)
    >>> from bargaining.report.document import Document
    >>> doc = Document("Report")
    >>> scenario_section(doc, result, spread[0], {"timeline": "timeline.svg", "statics": "statics.svg"}, (8, 6))
    >>> doc.markdown().splitlines()[2]
    '## The same threat made specific'
    """
    s = r.scenario
    doc.heading(s.title)
    doc.paragraph(
        f"{s.description} Coercer: {s.coercer}. Target: {s.target}. Its strategy: {STRATEGY_NAMES[r.chosen]}."
    )
    if twins:
        doc.paragraph(
            "In the game this scenario is the same as "
            + ", ".join(f"'{title}'" for title in twins)
            + ": they differ only in assumptions the game does not represent (see the appendix) or in the "
            "ceasefire's ([commitment] renege gains and guarantee), which enter only P(the settlement "
            "breaks), each scenario's own below. Every other number of the game is the same; the rest of "
            "their difference is not measured here."
        )
    doc.heading("Assumptions of the game", 3)
    assumptions_table(doc, s)
    doc.heading("George's three strategies on the same primitives", 3)
    d = r.design
    doc.paragraph(
        f"One perfect Bayesian equilibrium per strategy, on {types[0]} quantile types of the target's "
        f"resolve. The ultimatum is the scenario's design: demand {fmt(d.demand)} of the stake, deadline "
        f"month {d.deadline}, audience cost {fmt(d.audience_cost)}, Schelling's risk {fmt(d.schelling_risk)}. "
        "Brackets: 5 %–95 % of the joint draws."
    )
    numbers = {name: r.numbers(name) for name in r.solutions}
    rows = []
    for key, label in _ROWS:
        row = [label]
        for name in ("try_and_see", "screw", "ultimatum"):
            places = 1 if key == "length" else 3
            interval = _iv(u, name, key)
            if key in ("threat_executed", "backs_down") and name != "ultimatum":
                row.append("0 (no threat)")
            else:
                row.append(_with_interval(numbers[name][key], interval, places))
        rows.append(row)
    doc.table(["quantity", *(STRATEGY_NAMES[name] for name in ("try_and_see", "screw", "ultimatum"))], rows)
    if math.isnan(numbers[r.chosen]["length"]):
        doc.paragraph("A dash for the length: the war never ends by the horizon under that strategy.")
    if isinstance(r.broken, str):
        doc.paragraph(
            "P(the settlement breaks) is not computed: with settlements as this scenario's ceasefires the "
            f"solver finds that {r.broken}. Near a decisive end, a ceasefire at such terms is broken "
            "(by the side for which war at the frozen front is worth more than the terms) and the war "
            "then goes on for ever at that front, while refusing risks a battle that can end the war decisively and with it every "
            "cost; the least resolute target, whose war costs most, values that end most, so it refuses "
            "terms that more resolute types accept. The other numbers are those of permanent "
            "settlements."
        )
    best = numbers[r.best]["coercer_utility"]
    text = (
        f"The coercer's best strategy here is {STRATEGY_NAMES[r.best]} (expected utility {fmt(best)}); "
        + ", ".join(
            f"{STRATEGY_NAMES[k]} gives {fmt(v['coercer_utility'])}"
            for k, v in numbers.items()
            if k != r.best
        )
        + "."
    )
    if r.best_design is not None and r.best_design_solution is not None:
        b = r.best_design
        text += (
            f" Its best ultimatum over the demands and deadlines searched is demand {fmt(b.demand)} with a "
            f"deadline at month {b.deadline} (audience cost {fmt(b.audience_cost)}), worth "
            f"{fmt(r.best_design_solution.coercer_utility)} to it, with P(threat executed) "
            f"{fmt(r.best_design_solution.threat_executed)}"
        )
        text += (
            "; even so, below try-and-see."
            if float(r.best_design_solution.coercer_utility) < numbers["try_and_see"]["coercer_utility"]
            else "."
        )
    doc.paragraph(text)
    doc.image(
        figures["timeline"],
        f"P(settled by month t) and P(decisive end by month t) under each strategy, {s.title}",
    )
    if "statics" in figures:
        doc.image(
            figures["statics"],
            "The ultimatum's compliance (P(settled by the deadline)), P(threat executed) and the coercer's "
            "utility as one design parameter moves across its range, the others at the file's values "
            "(12 quantile types; the dotted line is the coercer's utility under try-and-see)",
        )
    if "regime" in figures and regime is not None:
        _regime(doc, figures["regime"], regime)
    _indices(doc, u, r.chosen, figures.get("sobol"))


def _regime(doc: Document, figure: str, regime: dict[str, Any]) -> None:
    doc.heading("Regime map: specificity x carrot", 3)
    count = regime["equilibria"]
    share = regime["several_share"]
    doc.paragraph(
        "How specific the condition is (its vagueness: what counts as compliance is blurred over that "
        "share of the stake) against the size of the carrot, every other assumption at the file's value. "
        "The game above has no vague condition in its grid solver and no coercer that signals its "
        "resolve, so the map is drawn with the signalling block of the model family (a resolute or an "
        "irresolute coercer chooses a plain or a specific, public threat, with or without the carrot; "
        "the scenario's [ultimatum] and [signalling] assumptions). Each cell names the forms of the "
        "equilibria that survive the intuitive criterion (Cho & Kreps 1987); a hatched cell has several, all named. At the "
        f"file's values: {regime['regime']} ({count} {'equilibrium' if count == 1 else 'equilibria'})"
        + (
            f"; inside the file's ranges of vagueness and carrot, several equilibria survive in "
            f"{fmt(100 * share, 0)} % of the cells."
            if math.isfinite(share)
            else "."
        )
        + (
            " The file offers no carrot: then the carrot messages are the plain ones, a different game "
            "from any positive carrot (the map's thin bottom row, where the star is), so its regime may "
            "differ from every cell above it."
            if regime.get("no_carrot")
            else ""
        )
    )
    doc.image(
        figure,
        "Equilibria of the signalling block over the vagueness of the condition (share of the stake) and "
        "the carrot (share of the stake); star: the file's values; dashed box: the file's ranges; hatched: "
        "several equilibria survive",
    )


#: A bootstrap half-width of a Sobol index above which the report calls the index noise.
_NOISY = 0.1


def _indices(doc: Document, u: Uncertainty, strategy: str, figure: str | None) -> None:
    doc.heading("What moves the numbers (Sobol indices)", 3)
    total = u.draws + len(u.failures)
    base = total // (len(GROUPS) + 2)
    failed = (
        f"{len(u.failures)} of the {total} draws left the game undefined (listed under 'Uncertainty'). "
        if u.failures
        else ""
    )
    if u.index_base < 2:
        doc.paragraph(
            failed + "The indices need two base points of the design whose every draw was solved; "
            f"{u.index_base} of the {base} have that, so the indices are not computed (raise the base "
            "with --draws)."
        )
        return
    if u.failures:
        doc.paragraph(
            failed + f"The indices below use the {u.index_base} of the {base} base points of the design "
            "whose every draw was solved (the blocks of draws that hold a failed one left out, which keeps "
            "Saltelli's pairing of the draws)."
        )
    keys = [key for key in OUTPUTS if key[0] == strategy and key in u.indices]
    if not keys:
        doc.paragraph("No output of this strategy varies over the draws.")
        return
    widths = {key: max(u.indices[key][group][2] for group in GROUPS) for key in keys}
    noisy = [OUTPUTS[key][0] for key in keys if widths[key] > _NOISY]
    reading = (
        f"; for {', '.join(noisy)} some exceed {_NOISY}: those indices are dominated by sampling error (an "
        "index below 0 or above 1, or S1 above ST, is that error), and a larger base (--draws) would read them"
        if noisy
        else ""
    )
    doc.paragraph(
        f"Under {STRATEGY_NAMES[strategy]}: the total Sobol index ST of each group of assumptions (the "
        "share of an output's variance that the group explains alone and with the others, so each output "
        "in its own units), ± its bootstrap 95 % half-width, and the first-order index S1. With "
        f"{u.index_base * (len(GROUPS) + 2)} draws the widest half-width of an output's indices is between "
        f"{fmt(min(widths.values()), 2)} and {fmt(max(widths.values()), 2)}{reading}."
    )
    header = ["group", *(f"{OUTPUTS[key][0]}: ST ± 95 % (S1)" for key in keys)]
    rows = [
        [
            group,
            *(
                f"{fmt(u.indices[key][group][1], 2)} ± {fmt(u.indices[key][group][2], 2)} "
                f"({fmt(u.indices[key][group][0], 2)})"
                for key in keys
            ),
        ]
        for group in GROUPS
    ]
    doc.table(header, rows)
    quiet = [group for group in GROUPS if all(u.indices[key][group][1] < 0.01 for key in keys)]
    structural = [group for group in quiet if strategy != "ultimatum" and group in ULTIMATUM_ONLY]
    weak = [group for group in quiet if group not in structural]
    notes = []
    if structural:
        notes.append(
            f"{_listed(structural)} enter only the ultimatum, so they move nothing under this strategy."
        )
    if weak:
        verb, pronoun = ("moves", "it") if len(weak) == 1 else ("move", "them")
        notes.append(
            f"{_listed(weak)} {verb} no output of this strategy by as much as 1 % of its variance (ST below "
            f"0.01 for every output): over this scenario's ranges the numbers hardly depend on {pronoun}."
        )
    if notes:
        doc.paragraph(" ".join(sentence[0].upper() + sentence[1:] for sentence in notes))
    if figure:
        doc.image(figure, "Total Sobol index of each group of assumptions, per output")


def _listed(groups: Sequence[str]) -> str:
    """``'a'``, ``'a and b'``, ``'a, b and c'``: groups of assumptions named in a sentence.

    >>> _listed(["the threat", "the carrot", "the target's resolve"])
    "the threat, the carrot and the target's resolve"
    """
    return groups[0] if len(groups) == 1 else ", ".join(groups[:-1]) + " and " + groups[-1]


def _monte_carlo_error(spread: Sequence[Uncertainty]) -> str:
    """A sentence: the largest Monte-Carlo error of the intervals' ends, per unit."""
    worst: dict[str, float] = {}
    for u in spread:
        for (strategy, key), (_, unit) in OUTPUTS.items():
            error = u.interval_error((strategy, key))
            if math.isfinite(error):
                worst[unit] = max(worst.get(unit, 0.0), error)
    if not worst:
        return ""
    parts = [f"{fmt(value, 3)} ({unit})" for unit, value in sorted(worst.items())]
    return (
        " The Monte-Carlo error of an interval's end (the half-width of the distribution-free 95 % "
        "confidence interval of the 5 % or 95 % quantile, from the order statistics of the draws) is at "
        "most " + "; ".join(parts) + "."
    )


def uncertainty_section(
    doc: Document,
    results: Sequence[GameResult],
    spread: Sequence[Uncertainty],
    shares: np.ndarray,
    base: int,
    types: int,
) -> None:
    """How the draws were made, the regime shares, the ranking's robustness and any failed draws."""
    doc.heading("Uncertainty")
    draws = spread[0].draws + len(spread[0].failures) if spread else 0
    doc.paragraph(
        f"Every assumption of the game is drawn at once, uniformly on its range, by Saltelli's scheme on "
        f"a scrambled Sobol sequence (base {base}, {len(GROUPS)} groups: {draws} draws per scenario), each "
        f"draw solved on {types} quantile types of resolve. Every scenario is drawn at the same points of "
        "the unit cube, so the scenarios can be compared draw by draw." + _monte_carlo_error(spread)
    )
    doc.heading("Probability that each strategy is best", 3)
    doc.table(
        [
            "scenario",
            *(f"P({STRATEGY_NAMES[k]} is best)" for k in ("try_and_see", "screw", "ultimatum")),
            "P(ultimatum beats try-and-see)",
        ],
        [
            [
                u.scenario.title,
                *(fmt(u.regimes().get(k, 0.0), 2) for k in ("try_and_see", "screw", "ultimatum")),
                fmt(
                    float(
                        np.mean(
                            u.outputs[("ultimatum", "coercer_utility")]
                            > u.outputs[("try_and_see", "coercer_utility")]
                        )
                    )
                    if u.draws
                    else math.nan,
                    2,
                ),
            ]
            for u in spread
        ],
    )
    doc.heading("Ranking robustness", 3)
    doc.paragraph(
        "The share of draws in which the row's scenario gives the coercer a higher expected utility "
        "(each under its own strategy) than the column's. A tie counts for neither, so a pair's two "
        "shares add up to less than 1 where they tie; scenarios with the same game tie in every draw."
    )
    names = [r.scenario.title for r in results]
    doc.table(
        ["scenario", *names],
        [
            [names[i], *(fmt(shares[i, j], 2) if i != j else "" for j in range(len(names)))]
            for i in range(len(names))
        ],
    )
    failures = [(u.scenario, failure) for u in spread for failure in u.failures]
    if failures:
        doc.heading("Draws that left the game undefined", 3)
        doc.table(
            ["file", "draw", "error"],
            [[str(s.path or s.name), str(i), message] for s, (i, _, message) in failures[:20]],
        )

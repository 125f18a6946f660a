"""``analyze``: every scenario as one coercive game, its three strategies, their joint uncertainty,
the claims, and the report (Markdown, HTML, LaTeX booktabs tables, SVG figures)."""

from __future__ import annotations

import dataclasses
import re
import shutil
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from ..coercive_game.grid_batch import compile_kernels
from ..core.errors import BargainingError, Description, ParameterValueError
from ..core.paths import writable_folder
from ..scenarios import FIELDS, Scenario, load, models, presets
from .document import Document, booktabs
from .game import GameResult, settlement_breaks, solve_game
from .game_figures import sobol_figure, statics_figure, strategies_figure, timeline_figure
from .references import METHODS, cited
from .regime_map import regime_map
from .sections import _plain, fmt, scenario_section, summary, uncertainty_section
from .uncertainty import Uncertainty, rank_shares, signature, uncertainty

__all__ = ["REFERENCES", "Report", "analyze"]

#: The references every report lists (the methods); the works cited are added by :func:`cited`.
REFERENCES = list(METHODS)

#: Quantile types of the target's resolve: for the point estimates and for each draw. The draws'
#: resolution and the default base of the draws (:data:`DRAWS`) are set by a measured budget: a
#: draw costs about 0.12 ms of CPU at 6 types and 60-84 months in the batched grid solver's
#: compiled kernel (0.9 ms in its numpy passes), and the draws' headline numbers at 6 types are
#: as far from 40 types as at 12 (within 0.005 for probabilities, 0.0005 for utilities, at the
#: presets' values; the report measures and states it). Base 1024, the power of 2 nearest 10^4 / 9
#: (the Sobol sequence balanced), gives 9,216 draws per scenario and keeps the whole job under
#: 10 s on two cores (``python -m benchmarks report``).
TYPES, DRAW_TYPES = 40, 6
DRAWS = 1024


@dataclass(frozen=True)
class Report:
    """What :func:`analyze` produced: the games, their uncertainty, the claims and the files written.

    One scenario, the smallest design (9 draws), no claims:

    >>> import tempfile
    >>> from bargaining.scenarios import presets
    >>> folder = tempfile.mkdtemp() + "/report"
    >>> report = analyze([presets()["specific-threat"]], folder, claims=False, draws=1, workers=1)
    >>> [result.scenario.name for result in report.results], [spread.draws for spread in report.uncertainty]
    (['specific-threat'], [9])
    >>> report.claims
    ()
    >>> report.folder.name, report.markdown.relative_to(report.folder), report.html.relative_to(report.folder)
    ('report', PosixPath('report.md'), PosixPath('report.html'))
    >>> [path.name for path in report.figures]
    ['strategies.svg', 'timeline_specific-threat.svg', 'statics_specific-threat.svg',
     'regime_specific-threat.svg']
    >>> [path.name for path in report.tables]
    ['table_01.tex', 'table_02.tex', 'table_03.tex', 'table_04.tex', 'table_05.tex', 'table_06.tex']
    >>> list(report.timings)  # seconds
    ['claims', 'scenarios (1 process(es), wall)', 'equilibria and best designs (CPU)',
     'joint draws and Sobol indices (CPU)', 'figures (CPU)', 'text and the summary figure']
    """

    results: tuple[GameResult, ...]
    uncertainty: tuple[Uncertainty, ...]
    claims: tuple[Any, ...]
    folder: Path
    markdown: Path
    html: Path
    figures: tuple[Path, ...]
    tables: tuple[Path, ...]
    timings: dict[str, float]


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


def _parties(doc: Document, loaded: Sequence[Scenario]) -> None:
    pairs = {(s.coercer, s.target) for s in loaded}
    if len(pairs) == 1:
        coercer, target = next(iter(pairs))
        doc.paragraph(
            f"{len(loaded)} scenarios. In each, the coercer is {coercer}; the target is {target} (as the "
            "scenario files say). Every scenario is one parameterisation of the coercive bargaining game "
            "(George 1991; Fearon 1994, 1995; Schelling 1960, 1966; Slantchev 2003): a period is a month; "
            "a cost of war is a share of the stake per month; a one-off amount (the threat's loss, the "
            "audience cost, a carrot, the coercer's value of executing the threat) is a share of the "
            "stake's whole present value. Every number is an assumption stated in the file with its reason "
            "and its range."
        )
    else:
        doc.paragraph(
            f"{len(loaded)} scenarios, each a parameterisation of the coercive bargaining game in months; "
            "the parties of each are named in its section."
        )


def _coarse_error(result: GameResult) -> float:
    """The grid's error of one scenario: its own strategy at the draws' resolution against the
    report's, the largest difference over the headline probabilities and utilities."""
    from .game import build_game, headline
    from .parameters import solve_games

    game, design = build_game(result.scenario, types=DRAW_TYPES)
    coarse = headline(solve_games([game], [design], [result.chosen])[0][result.chosen], game.horizon)
    fine = result.numbers(result.chosen)
    keys = ("coercer_utility", "target_utility", "settled", "threat_executed", "still_fighting")
    return max(abs(coarse[key] - fine[key]) for key in keys)


def _resolution(doc: Document, worst: float) -> None:
    """The grid's error (:func:`_coarse_error`, the largest over the scenarios), stated."""
    doc.paragraph(
        f"Grid resolution: the point estimates use {TYPES} equally likely types at the quantiles of the "
        f"target's resolve distribution, the draws {DRAW_TYPES}. Between the two resolutions the headline "
        f"probabilities and utilities differ by at most {fmt(worst)} over the scenarios (the draws' "
        "resolution error, measured); the coercer's offers are searched on the type grid and not refined "
        "between its points."
    )


def _shared_imports() -> None:
    """Import what every worker needs (the quantiles of resolve, the Saltelli design and its
    analysis, the figures, the draws' compiled solver) once, before the worker processes start:
    forked workers share them instead of each importing them again (about a second of CPU each)."""
    compile_kernels([DRAW_TYPES])
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot
    import scipy.stats  # noqa: F401
    from SALib.analyze import sobol  # noqa: F401
    from SALib.sample import sobol as _sample  # noqa: F401


def _settle(
    claims: bool | Sequence[Any],
    folder: Path,
    loaded: Sequence[Scenario],
    say: Callable[[str], None],
) -> tuple[tuple[Any, ...], BargainingError | None, float]:
    """Settle the claims on the scenarios (``True``: the essay's; ``False``: none), writing
    ``claims.md`` and ``claims.html``: (the settlements, the error that stopped them or None, the
    wall time). :func:`analyze` runs it in the parent process while the workers solve the
    scenarios, so the two share the cores."""
    clock = time.perf_counter()
    if not claims:
        return (), None, 0.0
    from ..claims import report as claims_report

    say("settling the claims")
    try:
        settled = tuple(claims_report(None if claims is True else claims, output=folder, scenarios=loaded))
    except BargainingError as error:
        say(f"the claims could not be settled: {error}")
        return (), error, time.perf_counter() - clock
    return settled, None, time.perf_counter() - clock


def _forks() -> bool:
    """Whether worker processes can be forked here (Linux): they then share the parent's imports
    and need nothing pickled to start; elsewhere the scenarios are solved one after another, each
    one's draws shared among the workers (:func:`~bargaining.report.uncertainty.uncertainty`)."""
    import multiprocessing

    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def _settle_aside(
    settle: Callable[[], tuple[tuple[Any, ...], BargainingError | None, float]],
) -> Callable[[], tuple[tuple[Any, ...], BargainingError | None, float]]:
    """Start ``settle`` (the claims) in a forked process at once, before the parent groups the
    scenarios and imports what the workers share, so that the claims use the second core while
    the parent does that; return the function that waits for their result. The process is
    forked before any thread or worker exists. An error inside it that is not the claims' own
    (those :func:`_settle` reports) is raised here with its traceback's text."""
    import multiprocessing
    import traceback

    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)

    def work() -> None:
        try:
            sender.send(("settled", settle()))
        except BaseException:  # whatever stops the claims is told to the parent
            sender.send(("failed", traceback.format_exc()))
        finally:
            sender.close()

    process = context.Process(target=work, name="bargaining claims", daemon=True)
    process.start()
    sender.close()

    def wait() -> tuple[tuple[Any, ...], BargainingError | None, float]:
        try:
            kind, value = receiver.recv()
        except EOFError:  # the pipe closed with no word: the process ended (its code once it has)
            process.join()
            kind, value = "failed", f"the process ended with exit code {process.exitcode}"
        finally:
            receiver.close()
            process.join()
        if kind == "failed":
            raise RuntimeError(f"settling the claims failed in their process:\n{value}")
        return value  # type: ignore[no-any-return]

    return wait


def _copy(source: Path, path: Path) -> list[Path]:
    """A figure drawn for another scenario, copied to ``path``."""
    shutil.copyfile(source.with_suffix(".svg"), path.with_suffix(".svg"))
    return [path.with_suffix(".svg")]


def _map_key(scenario: Scenario) -> tuple[Any, ...]:
    """What a scenario's regime map depends on: its signalling game and its point and ranges of
    vagueness and carrot (two scenarios with one key have the same map)."""
    game = models.resolve_signalling(scenario)
    ranges = tuple(
        (a.value, a.low, a.high)
        for a in (scenario.assumptions[("ultimatum", k)] for k in ("vagueness", "carrot"))
    )
    return tuple((f.name, getattr(game, f.name)) for f in dataclasses.fields(game) if f.init) + ranges


def _said(
    say: Callable[[str], None], job: Sequence[Scenario], counter: Iterator[int], count: int, *_: Any
) -> None:
    """Progress: a game's equilibria, draws and figures are done (the ``k``-th of ``count``)."""
    say(f"done [{next(counter)}/{count} games]: {', '.join(scenario.name for scenario in job)}")


def _map_owners(jobs: Sequence[Sequence[Scenario]]) -> list[frozenset[Any]]:
    """Per task, the regime maps it leaves to another: a map two tasks share (the same
    :func:`_map_key`) is drawn by the first of them only."""
    owner: dict[tuple[Any, ...], int] = {}
    for index, job in enumerate(jobs):
        for scenario in job:
            owner.setdefault(_map_key(scenario), index)
    return [
        frozenset(key for key in map(_map_key, job) if owner[key] != index) for index, job in enumerate(jobs)
    ]


def _lend_maps(finished: Sequence[Sequence[_Done]], folder: Path) -> list[_Done]:
    """Every task's scenarios, a map left to another task copied from it (its file and what the
    text states of it)."""
    done = [item for part in finished for item in part]
    drawn = {_map_key(d.result.scenario): d for d in done if d.regime is not None}
    out = []
    for d in done:
        if d.regime is None:
            source = drawn[_map_key(d.result.scenario)]
            paths = _copy(folder / source.figures["regime"], folder / d.figures["regime"])
            d = dataclasses.replace(d, regime=source.regime, paths=[*d.paths, *paths])
        out.append(d)
    return out


@dataclass(frozen=True)
class _Done:
    """One scenario's work, done in a worker: its game, its draws, its figures and their costs."""

    result: GameResult
    spread: Uncertainty
    figures: dict[str, str]
    paths: list[Path]
    regime: dict[str, Any] | None
    error: float
    seconds: dict[str, float]


def _scenario_work(
    group: Sequence[Scenario],
    draws: int,
    folder: Path,
    workers: int = 1,
    borrowed: frozenset[Any] = frozenset(),
) -> list[_Done]:
    """The work of scenarios that differ only outside the game (one game, one set of draws): the
    equilibria, best design and comparative statics, the joint draws, then each scenario's figures
    (timeline, comparative statics, Sobol indices, regime map) and its grid-resolution error.
    ``seconds`` is the CPU time of each part in this process (the first scenario carries the shared
    parts). The figures of the game alone (timeline, comparative statics, and the Sobol indices of
    one strategy) are drawn once per group and copied for the other scenarios of the group, and so
    is a regime map that two scenarios of the group share (:func:`_map_key`). A map whose key is in
    ``borrowed`` is drawn by another task: its ``regime`` is left ``None`` and :func:`analyze`
    copies it in (:func:`_lend_maps`)."""
    clock = time.process_time()
    solved = solve_game(group[0], TYPES)
    seconds = {"equilibria and best designs": time.process_time() - clock}
    clock = time.process_time()
    spread = uncertainty(group, draws, types=DRAW_TYPES, workers=workers)
    seconds["joint draws and Sobol indices"] = time.process_time() - clock
    done: list[_Done] = []
    drawn: dict[tuple[str, str], Path] = {}  # a figure of the game drawn once, copied for a twin
    errors: dict[str, float] = {}
    maps: dict[tuple[Any, ...], tuple[Path, dict[str, Any]]] = {}

    def once(
        key: tuple[str, str], path: Path, draw: Callable[[Path], list[Path] | None]
    ) -> list[Path] | None:
        if key not in drawn:
            paths = draw(path)
            if paths:
                drawn[key] = path
            return paths
        return _copy(drawn[key], path)

    for scenario, u in zip(group, spread):
        clock = time.process_time()
        result = dataclasses.replace(solved, scenario=scenario)
        if scenario is not group[0]:  # a twin's own ceasefire game (its numbers the group's otherwise)
            result = dataclasses.replace(result, broken=settlement_breaks(scenario, TYPES))
        name = _file_name(scenario.name)
        figures = {"timeline": f"figures/timeline_{name}.svg"}
        paths = once(("timeline", ""), folder / figures["timeline"], partial(timeline_figure, result)) or []
        if result.curves is not None:
            statics_path = folder / "figures" / f"statics_{name}.svg"
            paths += once(("statics", ""), statics_path, partial(statics_figure, result.curves)) or []
            figures["statics"] = f"figures/statics_{name}.svg"
        sobol = once(
            ("sobol", result.chosen),
            folder / "figures" / f"sobol_{name}.svg",
            partial(sobol_figure, u, result.chosen),
        )
        if sobol:
            paths += sobol
            figures["sobol"] = f"figures/sobol_{name}.svg"
        regime_path = folder / "figures" / f"regime_{name}.svg"
        key = _map_key(scenario)
        regime: dict[str, Any] | None
        if key in borrowed:  # drawn by another task, copied in when every task is done
            regime = None
        elif key in maps:  # a twin with the same map: its files copied
            source, regime = maps[key]
            paths += _copy(source, regime_path)
        else:
            more, regime = regime_map(scenario, regime_path)
            paths += more
            maps[key] = (regime_path, regime)
        figures["regime"] = f"figures/regime_{name}.svg"
        if result.chosen not in errors:
            errors[result.chosen] = _coarse_error(result)
        part = {"figures": time.process_time() - clock}
        done.append(
            _Done(
                result, u, figures, paths, regime, errors[result.chosen], seconds | part if not done else part
            )
        )
    return done


def _appendix(doc: Document, loaded: Sequence[Scenario]) -> None:
    from .game import GAME_KEYS

    used = {(section, key) for section, key, _, _ in GAME_KEYS}
    doc.heading("Appendix: assumptions that do not enter the game")
    doc.paragraph(
        "These assumptions of the scenario files feed the claims (settled on their ranges) and, for "
        "[ultimatum] and [signalling], the regime maps, but not the game as this report builds it from "
        "a scenario: its small steps, renewed demands, vague condition and signalling coercer are not "
        "mapped to the game's parameters ([commitment]'s renege gains and guarantee enter only P(the "
        "settlement breaks)). Where two scenarios differ only in them, the game gives them the same "
        "numbers. They are the building "
        "blocks' own units: in [crisis], [ultimatum] and [commitment] a period is a season of fighting "
        "(the [crisis] discount), not the game's month, so [ultimatum] deadline counts seasons where "
        "[war] deadline counts months."
    )
    keys = sorted({k for s in loaded for k in s.assumptions if k not in used})
    rows = []
    for section, key in keys:
        values = []
        for s in loaded:
            a = s.assumptions[(section, key)]
            values.append("none" if a.value is None else _plain(a.value))
        rows.append([f"{section}.{key}", FIELDS[section][key].meaning, *values])
    doc.table(["assumption", "what it is", *(s.name for s in loaded)], rows)


def analyze(
    scenarios: Sequence[str | Path | Scenario] | None = None,
    output: str | Path = "bargaining-report",
    *,
    claims: bool | Sequence[Any] = True,
    progress: Callable[[str], None] | None = None,
    force: bool = False,
    max_horizon: int | None = None,
    draws: int = DRAWS,
    workers: int = 2,
) -> Report:
    """Solve each scenario's coercive game (default: the bundled presets) under George's three
    strategies, draw its assumptions jointly, settle the claims (``True``: the essay's; or the claims
    given; ``False``: none), and write ``report.md``, ``report.html``, the figures (vector SVG) and
    the tables (LaTeX booktabs) to ``output``.

    ``draws`` is the base :math:`N` of the Saltelli design (:math:`N (G + 2)` draws per scenario for
    the :math:`G` groups of :data:`~bargaining.report.uncertainty.GROUPS`; a power of 2 keeps the
    Sobol sequence balanced), each solved on :data:`DRAW_TYPES` quantile types. ``workers``
    processes share the scenarios: each distinct game (scenarios that differ only outside it are
    one) is one task, its equilibria, best design, comparative statics, draws and figures
    (:func:`_scenario_work`); with a single distinct game they share its draws. Before any work, ``output`` is checked (a folder that can be written, without
    an earlier report unless ``force``), every scenario is loaded, and two scenarios of one name
    are refused. ``max_horizon`` raises the bound on a scenario's ``[war] horizon`` (see
    :func:`bargaining.scenarios.load`).

    >>> import tempfile
    >>> from bargaining.scenarios import presets
    >>> report = analyze([presets()["specific-threat"]], tempfile.mkdtemp() + "/report", claims=False, draws=1, workers=1)
    >>> report.markdown.name, report.html.name, sorted(report.results[0].solutions)
    ('report.md', 'report.html', ['screw', 'try_and_see', 'ultimatum'])
    """
    if isinstance(draws, bool) or not isinstance(draws, int) or draws < 1:
        raise ParameterValueError("draws", "a positive integer (the base of the Saltelli design)", draws)
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise ParameterValueError("workers", "a positive integer number of processes", workers)
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
    (folder / "tables").mkdir(parents=True, exist_ok=True)
    timings: dict[str, float] = {}
    clock = time.perf_counter()
    settle: Callable[[], tuple[tuple[Any, ...], BargainingError | None, float]]
    settle = partial(_settle, claims, folder, loaded, say)
    parallel = workers > 1 and _forks()
    aside = parallel and claims is True  # the essay's claims, whose settlements pickle
    if aside:  # they start now, beside the grouping and the workers' imports
        settle = _settle_aside(settle)
    outcome: tuple[tuple[Any, ...], BargainingError | None, float] | None = None
    groups: dict[tuple[Any, ...], list[Scenario]] = {}
    signatures = {scenario.name: signature(scenario, DRAW_TYPES) for scenario in loaded}
    for number, scenario in enumerate(loaded, start=1):
        say(f"[{number}/{len(loaded)}] {scenario.name}: the game's three strategies and the best design")
        groups.setdefault(signatures[scenario.name], []).append(scenario)  # differing only outside the game
    say(f"joint uncertainty: {len(loaded)} scenarios, base {draws}, {workers} worker(s)")
    jobs = sorted(groups.values(), key=len, reverse=True)  # the longest tasks first
    borrowed = _map_owners(jobs)
    if parallel and len(jobs) > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        _shared_imports()
        fork = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=fork) as pool:
            running = [
                pool.submit(_scenario_work, job, draws, folder, 1, lent) for job, lent in zip(jobs, borrowed)
            ]
            done_jobs = iter(range(1, len(jobs) + 1))
            for job, future in zip(jobs, running):  # said as each finishes (from the pool's thread)
                future.add_done_callback(partial(_said, say, job, done_jobs, len(jobs)))
            if not aside:  # claims of the caller's (their functions may not pickle): here, beside the workers
                outcome = settle()
            finished = [future.result() for future in running]
    else:
        finished = []
        done_jobs = iter(range(1, len(jobs) + 1))
        for job, lent in zip(jobs, borrowed):
            finished.append(_scenario_work(job, draws, folder, workers, lent))
            _said(say, job, done_jobs, len(jobs))
    beside = outcome is not None or aside
    settled, failure, seconds = outcome or settle()  # (the claims' process has been at work beside them)
    timings["claims (wall, beside the scenarios)" if beside and claims else "claims"] = seconds
    by_name = {done.result.scenario.name: done for done in _lend_maps(finished, folder)}
    work = [by_name[scenario.name] for scenario in loaded]
    results = [done.result for done in work]
    spread = [done.spread for done in work]
    shares = rank_shares(spread)
    timings[f"scenarios ({min(workers, len(jobs))} process(es), wall)"] = time.perf_counter() - clock
    for done in work:
        for part, value in done.seconds.items():
            timings[f"{part} (CPU)"] = timings.get(f"{part} (CPU)", 0.0) + value
    clock = time.perf_counter()
    doc = Document("bargaining: coercive diplomacy scenarios as one game")
    _parties(doc, loaded)
    summary(doc, results, spread)
    _resolution(doc, max(done.error for done in work))
    figure_paths: list[Path] = []
    figure_paths += strategies_figure(results, spread, folder / "figures" / "strategies.svg")
    doc.image(
        "figures/strategies.svg",
        "P(settled by the horizon) and the coercer's expected utility per scenario "
        "and strategy, with the 90 % interval of the joint draws",
    )
    uncertainty_section(doc, results, spread, shares, draws, DRAW_TYPES)
    for done in work:
        result = done.result
        figure_paths += done.paths
        twins = [
            other.scenario.title
            for other in results
            if other is not result and signatures[other.scenario.name] == signatures[result.scenario.name]
        ]
        assert done.regime is not None  # every map lent (_lend_maps)
        scenario_section(doc, result, done.spread, done.figures, (TYPES, DRAW_TYPES), twins, done.regime)
    timings["text and the summary figure"] = time.perf_counter() - clock
    if claims:
        from ..claims.report import HEADER, _rows

        doc.heading("Claims")
        if failure is not None:
            doc.paragraph(f"The claims could not be settled on these scenarios; the error: {failure}")
        doc.paragraph(
            "George's principles as claims on the models, each settled on the region spanned by the "
            "assumption ranges of the scenarios above (the region column says which parameters come "
            "from them; the others keep the claim's own range). A verdict says what kind of truth it "
            "is: proved, by construction (it follows from the model's definitions), holds in tests, "
            "refuted with an exact counterexample, or undecided (also in claims.md). The claims are "
            "settled on the building blocks of the model family, not on the game above."
        )
        if settled:
            doc.table(list(HEADER), _rows(list(settled)))
    _appendix(doc, loaded)
    doc.heading("Timing")
    doc.paragraph(
        "This run: "
        + "; ".join(f"{part} {value:.1f} s" for part, value in timings.items())
        + f" (the target of the main job is 10 s on two cores; {len(loaded)} scenarios x "
        f"{spread[0].draws + len(spread[0].failures) if spread else 0} draws x 3 strategies)."
    )
    works = cited(doc.markdown())  # every work the text and the claims table cite, and no other
    doc.heading("References")
    doc.bullets(sorted(REFERENCES + works))
    sources = sorted({a.source for s in loaded for a in s.assumptions.values() if a.source})
    if sources:
        doc.paragraph("Sources of the scenarios' assumptions (named beside each in the scenario files):")
        doc.bullets(sources)
    table_paths = []
    for index, (header, rows) in enumerate(doc.tables(), start=1):
        path = folder / "tables" / f"table_{index:02d}.tex"
        path.write_text(booktabs(header, rows) + "\n", encoding="utf-8")
        table_paths.append(path)
    markdown_path, html_path = folder / "report.md", folder / "report.html"
    markdown_path.write_text(doc.markdown(), encoding="utf-8")
    html_path.write_text(doc.html(), encoding="utf-8")
    return Report(
        tuple(results),
        tuple(spread),
        settled,
        folder,
        markdown_path,
        html_path,
        tuple(figure_paths),
        tuple(table_paths),
        timings,
    )

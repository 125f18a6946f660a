"""Loading scenario files: data, never code, and strict.

:func:`load` reads a TOML file with :mod:`tomllib` and checks it against
:mod:`bargaining.scenarios.schema`: an unknown section or key, a missing key, a value of the
wrong type or out of its range, a reason left empty or a range that does not contain its value
each raise :class:`ScenarioError`, which names the file, the section and key, the line, the
requirement and the value received. Nothing in a file is evaluated: numbers are TOML numbers or
strings such as ``"3/5"`` parsed by :class:`fractions.Fraction`.

>>> from bargaining.scenarios import load, presets
>>> scenario = load(presets()["vague-threat"])
>>> scenario.title
'The vague threat of January 2025'
>>> scenario.value("ultimatum", "demand")
Fraction(1, 5)
"""

from __future__ import annotations

import contextlib
import math
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from fractions import Fraction
from pathlib import Path
from typing import Any

from ..core.errors import BargainingError, Description, describe, short_number
from ..core.values import parse_fraction
from .schema import FIELDS, MAX_HORIZON, SCENARIO_STRATEGIES, SECTIONS, Field

__all__ = ["Assumption", "Scenario", "ScenarioError", "load", "presets"]

PRESETS = Path(__file__).parent / "presets"
_HEADER = ("name", "title", "description", "coercer", "target", "strategy")


class ScenarioError(BargainingError, ValueError):
    """A scenario file that cannot be used; the message says where and why.

    >>> str(ScenarioError("war.toml", "crisis.power", "a probability", 2))
    'war.toml: crisis.power must be a probability (got 2)'
    """

    def __init__(
        self, path: Path | str, where: str, requirement: str, received: Any = None, line: int | None = None
    ):
        self.path, self.where, self.requirement, self.received, self.line = (
            path,
            where,
            requirement,
            received,
            line,
        )
        at = f" (line {line})" if line else ""
        got = "" if received is None else f" (got {_show(received)})"
        super().__init__(f"{path}: {where}{at} must be {requirement}{got}")


def _show(value: Any) -> str:
    if isinstance(value, Description):
        return str(value)
    if isinstance(value, bool):
        return f"boolean {str(value).lower()}"
    if isinstance(value, str):
        return describe(value)
    if isinstance(value, (int, Fraction)):
        return short_number(value)
    text = repr(value)  # a parsed TOML value: no integer is too long to print (see _parse)
    return text if len(text) <= 60 else text[:57] + "..."


@dataclass(frozen=True)
class Assumption:
    """One number of a scenario with its reason and its range for the sensitivity analysis.

    >>> from bargaining.scenarios import load, presets
    >>> scenario = load(presets()["vague-threat"])
    >>> scenario.assumptions["crisis", "power"].value
    Fraction(9, 20)
    """

    section: str
    key: str
    value: Fraction | int | None
    reason: str
    low: Fraction | int | None
    high: Fraction | int | None
    line: int | None = None
    source: str | None = None

    @property
    def meaning(self) -> str:
        """What the number stands for (from the schema).

        >>> from bargaining.scenarios import load, presets
        >>> scenario = load(presets()["vague-threat"])
        >>> scenario.assumptions["crisis", "power"].meaning
        "the coercer's probability of winning a war"
        """
        return FIELDS[self.section][self.key].meaning


@dataclass(frozen=True)
class Scenario:
    """A loaded scenario: its header and every assumption, by ``(section, key)``.

    >>> from bargaining.scenarios import load, presets
    >>> scenario = load(presets()["vague-threat"])
    >>> scenario.name, scenario.strategy
    ('vague-threat', 'ultimatum')
    """

    name: str
    title: str
    description: str
    strategy: str
    assumptions: Mapping[tuple[str, str], Assumption]
    path: Path | None = None
    coercer: str = "the coercer"
    target: str = "the target"

    def value(self, section: str, key: str) -> Any:
        """The value of one assumption.

        >>> from bargaining.scenarios import load, presets
        >>> scenario = load(presets()["vague-threat"])
        >>> scenario.value("crisis", "power")
        Fraction(9, 20)
        """
        return self.assumptions[(section, key)].value

    def section(self, name: str) -> dict[str, Any]:
        """Every value of one section, by key.

        >>> from bargaining.scenarios import load, presets
        >>> scenario = load(presets()["vague-threat"])
        >>> sorted(scenario.section("crisis"))
        ['cost_coercer', 'cost_target', 'discount', 'power', 'target_cost_high', 'target_cost_low']
        """
        return {key: a.value for (section, key), a in self.assumptions.items() if section == name}

    def with_value(self, section: str, key: str, value: Any) -> Scenario:
        """The same scenario with one assumption changed (for the sensitivity analysis).

        >>> from fractions import Fraction
        >>> from bargaining.scenarios import load, presets
        >>> scenario = load(presets()["vague-threat"])
        >>> scenario.with_value("crisis", "power", Fraction(1, 2)).value("crisis", "power")
        Fraction(1, 2)
        """
        changed = dict(self.assumptions)
        changed[(section, key)] = replace(changed[(section, key)], value=value)
        return replace(self, assumptions=changed)


def _line_of(lines: list[str], section: str | None, key: str | None) -> int | None:
    current = None
    for number, text in enumerate(lines, start=1):
        header = re.match(r"\s*\[\s*([A-Za-z0-9_-]+)\s*\]", text)
        if header:
            current = header.group(1)
            if key is None and current == section:
                return number
            continue
        if key is not None and current == section and re.match(rf"\s*{re.escape(key)}\s*=", text):
            return number
    return None


#: The most digits a scenario number may have above and below its fraction bar.
MAX_DIGITS = 20


class _Reader:
    def __init__(self, path: Path, text: str, max_horizon: int = MAX_HORIZON) -> None:
        self.path, self.lines, self.max_horizon = path, text.splitlines(), max_horizon

    def error(
        self, section: str | None, key: str | None, requirement: str, received: Any = None
    ) -> ScenarioError:
        where = f"[{section}] {key}" if section and key else (f"[{section}]" if section else str(key))
        line = _line_of(self.lines, section, key.split(".")[0] if key else None)
        return ScenarioError(self.path, where, requirement, received, line)

    def number(self, section: str, key: str, field: Field, raw: Any, part: str) -> Fraction | int | None:
        label = key if part == "value" else f"{key}.{part}"
        if field.domain == "deadline" and raw == "none":
            return None
        if isinstance(raw, bool) or not isinstance(raw, (int, float, str)):
            raise self.error(
                section, label, 'a number (an integer, a decimal or a string such as "3/5")', raw
            )
        if isinstance(raw, float):
            if not math.isfinite(raw):
                raise self.error(section, label, "a finite number", raw)
            value: Fraction | int = Fraction(repr(raw))
        elif isinstance(raw, str):
            parsed: Fraction | None = None
            with contextlib.suppress(ValueError):
                parsed = parse_fraction(raw) if len(raw) <= 100 else None
            if parsed is None:
                raise self.error(
                    section, label, 'a number (an integer, a decimal or a string such as "3/5")', raw
                )
            value = parsed
        else:
            value = raw
        exact = Fraction(value)
        if max(abs(exact.numerator), exact.denominator) >= 10**MAX_DIGITS:
            raise self.error(
                section,
                label,
                f"a number of at most {MAX_DIGITS} digits above and below the fraction bar",
                raw,
            )
        if field.domain in ("count", "deadline"):
            if isinstance(value, Fraction):
                if value.denominator != 1:
                    raise self.error(section, label, field.requirement, raw)
                value = int(value)
        elif isinstance(value, int):
            value = Fraction(value)
        if not field.admits(value):
            raise self.error(section, label, field.requirement, raw)
        if (section, key) == ("war", "horizon") and value is not None and value > self.max_horizon:
            raise self.error(
                section,
                label,
                f"at most {self.max_horizon} battles (the work of an analysis grows with it; raise the bound "
                "on purpose with bargaining analyze --max-horizon N or load(..., max_horizon=N))",
                raw,
            )
        return value

    def assumption(self, section: str, key: str, field: Field, entry: Any) -> Assumption:
        if not isinstance(entry, dict):
            raise self.error(
                section, key, 'a table { value = ..., reason = "...", range = [low, high] }', entry
            )
        unknown = sorted(set(entry) - {"value", "reason", "range", "source"})
        if unknown:
            raise self.error(
                section,
                key,
                "a table with only value, reason, range and (optionally) source",
                Description(f"key {unknown[0]!r}"),
            )
        source = entry.get("source")
        if source is not None and (not isinstance(source, str) or not source.strip()):
            raise self.error(
                section, f"{key}.source", "a non-empty string naming where the number comes from", source
            )
        for part in ("value", "reason", "range"):
            if part not in entry:
                raise self.error(section, key, f"a table with a {part}", Description(f"no {part}"))
        value = self.number(section, key, field, entry["value"], "value")
        reason = entry["reason"]
        if not isinstance(reason, str) or not reason.strip():
            raise self.error(section, f"{key}.reason", "a non-empty string saying why", reason)
        bounds = entry["range"]
        if not isinstance(bounds, list) or len(bounds) != 2:
            raise self.error(section, f"{key}.range", "a list [low, high] of two numbers", bounds)
        low, high = (self.number(section, key, field, bound, "range") for bound in bounds)
        numeric = all(isinstance(v, (int, Fraction)) for v in (low, high))
        if field.domain == "deadline" and (
            (value is None) != (low is None) or (low is None) != (high is None)
        ):
            raise self.error(
                section,
                f"{key}.range",
                'a range ["none", "none"] for no date and a range of numbers for a date (no date cannot '
                "vary into a date: with no date, urgency's range carries the uncertainty of when the threat "
                "falls)",
                bounds,
            )
        if numeric and low > high:  # type: ignore[operator]
            raise self.error(section, f"{key}.range", "a list [low, high] with low <= high", bounds)
        if numeric and value is not None and not (low <= value <= high):  # type: ignore[operator]
            raise self.error(section, f"{key}.range", f"a range that contains the value {value}", bounds)
        return Assumption(
            section,
            key,
            value,
            reason.strip(),
            low,
            high,
            _line_of(self.lines, section, key),
            None if source is None else source.strip(),
        )


#: How deep arrays and tables may nest in a scenario file (the schema needs 2; the parser would
#: otherwise run out of stack in the thousands).
MAX_NESTING = 50
_OPENERS = re.compile(r"[\[{]")


def _key_at(lines: list[str], number: int) -> str:
    """``[section] key`` of the line ``number`` (1-based), as far as a line-by-line reading tells."""
    section = None
    for text in lines[:number]:
        header = re.match(r"\s*\[\s*([A-Za-z0-9_.-]+)\s*\]\s*(#.*)?$", text)
        if header:
            section = header.group(1)
    key = re.match(r"\s*([A-Za-z0-9_.\"'-]+)\s*=", lines[number - 1]) if 0 < number <= len(lines) else None
    where = f"[{section}]" if section else "the file"
    return f"{where} {key.group(1)}" if key else where


def _parse(path: Path, text: str) -> dict[str, Any]:
    """``tomllib.loads`` with errors that name the file, the line and the key."""
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        if len(_OPENERS.findall(line)) > MAX_NESTING:
            raise ScenarioError(
                path,
                _key_at(lines, number),
                f"nested at most {MAX_NESTING} arrays or tables deep",
                Description(f"{len(_OPENERS.findall(line))} brackets on one line"),
                line=number,
            )
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"line (\d+)", str(error))
        at = int(found.group(1)) if found else None
        message = str(error).split(" (at line")[0]
        if any(word in message for word in ("overwrite", "twice", "mutate")):
            requirement = "set once (a key or table given twice)"
        else:
            requirement = f"valid TOML ({message})"
        raise ScenarioError(path, _key_at(lines, at) if at else "the file", requirement, line=at) from None
    except ValueError as error:  # an integer too long for Python to read
        found = re.search(r"has (\d+) digits", str(error))
        digits = f"a {found.group(1)}-digit integer" if found else str(error)[:60]
        raise ScenarioError(
            path, "the file", f"numbers of at most {MAX_DIGITS} digits", Description(digits)
        ) from None
    except RecursionError:  # nesting spread over many lines
        raise ScenarioError(path, "the file", f"nested at most {MAX_NESTING} arrays or tables deep") from None


def load(path: str | Path, *, max_horizon: int | None = None) -> Scenario:
    """Read and check one scenario file; raise :class:`ScenarioError` on any problem.

    ``max_horizon`` raises the bound on ``[war] horizon`` (:data:`~bargaining.scenarios.schema.MAX_HORIZON`
    battles by default), which bounds the work of an analysis.

    >>> from bargaining.scenarios import load, presets
    >>> scenario = load(presets()["vague-threat"])
    >>> scenario.title
    'The vague threat of January 2025'
    """
    path = Path(path)
    try:
        raw_bytes = path.read_bytes()
    except OSError as error:
        raise ScenarioError(path, "the file", "readable", error.strerror or str(error)) from None
    try:
        text = raw_bytes.decode("utf-8").removeprefix("\ufeff")  # a byte-order mark is harmless
    except UnicodeDecodeError:
        raise ScenarioError(path, "the file", "UTF-8 text") from None
    document = _parse(path, text)
    reader = _Reader(path, text, MAX_HORIZON if max_horizon is None else max_horizon)
    allowed = {"scenario", *SECTIONS}
    for name in document:
        if name not in allowed:
            raise reader.error(
                name, None, f"one of the sections {sorted(allowed)}", Description(f"unknown section [{name}]")
            )
    header = document.get("scenario")
    if not isinstance(header, dict):
        raise reader.error("scenario", None, "a [scenario] table with name, title, description and strategy")
    for key in header:
        if key not in _HEADER:
            raise reader.error(
                "scenario", key, f"one of {list(_HEADER)}", Description(f"unknown key {key!r}")
            )
    for key in _HEADER:
        if not isinstance(header.get(key), str) or not header[key].strip():
            raise reader.error(
                "scenario", key, "a non-empty string", header.get(key, Description(f"no {key}"))
            )
    if header["strategy"] not in SCENARIO_STRATEGIES:
        raise reader.error("scenario", "strategy", f"one of {list(SCENARIO_STRATEGIES)}", header["strategy"])
    assumptions: dict[tuple[str, str], Assumption] = {}
    for section, fields in FIELDS.items():
        table = document.get(section)
        if not isinstance(table, dict):
            raise reader.error(
                section, None, f"a [{section}] table: {SECTIONS[section]}", None if table is None else table
            )
        for key in table:
            if key not in fields:
                raise reader.error(
                    section, key, f"one of the keys {sorted(fields)}", Description(f"unknown key {key!r}")
                )
        for key, field in fields.items():
            if key not in table:
                raise reader.error(section, key, f"set ({field.meaning})", Description("nothing"))
            assumptions[(section, key)] = reader.assumption(section, key, field, table[key])
    return Scenario(
        header["name"].strip(),
        header["title"].strip(),
        header["description"].strip(),
        header["strategy"],
        assumptions,
        path,
        header["coercer"].strip(),
        header["target"].strip(),
    )


def presets() -> dict[str, Path]:
    """The bundled Ukraine scenarios, by name, in the order of the essay.

    >>> sorted(presets())[:2]
    ['lower-the-temperature', 'security-guarantees']
    """
    order = [
        "status-quo",
        "vague-threat",
        "specific-threat",
        "specific-carrots",
        "small-steps",
        "lower-the-temperature",
        "security-guarantees",
    ]
    found = {path.stem: path for path in PRESETS.glob("*.toml")}
    return {name: found[name] for name in order if name in found} | {
        name: path for name, path in sorted(found.items()) if name not in order
    }

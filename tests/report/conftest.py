"""The report's tests share one small analyze run (a short war on a narrow front, one claim whose
proof prints a power), built once per session: the tests of the text, the figures and the page as
a browser renders it all read it."""

from fractions import Fraction as F

import pytest

from bargaining.report import analyze
from bargaining.scenarios import load, presets

SMALL = {  # a short war on a narrow front, so that a test solves it in milliseconds
    "horizon = { value = 72,": 'horizon = { value = 8, reason = "eight months", range = [6, 10] }',
    "decisive_margin = ": 'decisive_margin = { value = 3, reason = "three good months break the front", range = [2, 4] }',
    "deadline = { value = 6,": 'deadline = { value = 2, reason = "two months", range = [1, 3] }',
}


def small(tmp_path, preset="specific-carrots", name=None, **replacements):
    lines = presets()[preset].read_text(encoding="utf-8").splitlines()
    for start, line in {**SMALL, **replacements}.items():
        lines = [line if text.startswith(start) else text for text in lines]
    text = "\n".join(lines)
    if name:
        text = text.replace(f'name = "{preset}"', f'name = "{name}"')
    path = tmp_path / f"{name or preset}.toml"
    path.write_text(text, encoding="utf-8")
    return load(path)


@pytest.fixture(scope="session")
def report(tmp_path_factory):
    from bargaining.claims import MonotoneClaim, Region

    folder = tmp_path_factory.mktemp("report")
    scenarios = [small(folder, "specific-carrots"), small(folder, "specific-threat")]
    claim = MonotoneClaim("the cube rises with power", "asymmetry", Region({"power": (0, F(1, 2))}),
                          quantity=lambda power: power**3, parameter="power")
    return analyze(scenarios, folder / "out", claims=[claim], draws=1, workers=1)

"""Project habits: one version, cited and logged the same everywhere; the install is pinned."""

import re
import tomllib
from importlib.metadata import version
from pathlib import Path

import bargaining

ROOT = Path(__file__).resolve().parents[1]


def normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_the_version_is_written_once_and_everything_reads_it():
    # the installed metadata is built from bargaining/_version.py (make reinstalls when it changes)
    assert version("bargaining") == bargaining.__version__
    citation = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert re.search(r'^version: "([^"]+)"$', citation, re.MULTILINE).group(1) == bargaining.__version__
    assert f"— {bargaining.__version__}" in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")


def test_every_dependency_and_the_build_backend_have_a_verified_version():
    constraints = (ROOT / "requirements" / "constraints.txt").read_text(encoding="utf-8").splitlines()
    pinned = {normalised(line.split("==")[0]) for line in constraints if "==" in line and not line.startswith("#")}
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    requirements = [*project["project"]["dependencies"], *project["build-system"]["requires"]]
    for extra in project["project"]["optional-dependencies"].values():
        requirements += extra
    names = {normalised(re.match(r"[A-Za-z0-9_.-]+", requirement).group(0)) for requirement in requirements}
    assert len(names) > 10
    assert not names - pinned, f"without a verified version in constraints.txt: {sorted(names - pinned)}"

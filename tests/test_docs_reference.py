"""The API reference page is generated from the docstrings and must not go stale."""

import importlib.util
from pathlib import Path

PAGE = Path(__file__).parents[1] / "docs" / "reference" / "build.py"


def test_reference_page_is_current():
    spec = importlib.util.spec_from_file_location("build_reference", PAGE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.PAGE.read_text(encoding="utf-8") == module.render(), "run: python docs/reference/build.py"


def test_every_public_name_has_a_docstring():
    spec = importlib.util.spec_from_file_location("build_reference", PAGE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text = module.render()
    assert "|  |" not in text.replace("| `", "")  # no empty summary cell

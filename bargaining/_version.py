"""The package's version: the one place it is written (pyproject.toml and CITATION.cff read it from here)."""

__version__ = "0.2.0.dev0"

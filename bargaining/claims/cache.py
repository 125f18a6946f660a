"""The verdict cache: a claim already settled by this version of the package is not settled again.

A verdict is stored as a small JSON file under the user's cache folder, ``$BARGAINING_CACHE_DIR``
if set, else ``$XDG_CACHE_HOME/bargaining/claims``, else ``~/.cache/bargaining/claims``. Its key
is a SHA-256 of everything the verdict depends on: the package version, the text of every module
of the installed package (so an edited model is never served a stale verdict), the claim (its
words, region, shape and the source text of its functions, with whatever their closures hold),
the depth and the seed. A claim whose functions have no source text (built in C, typed at a
prompt) is not cached. Nothing read from the cache is evaluated: it is JSON, and numbers come
back as ``Fraction`` from their ``"p/q"`` text.

>>> from bargaining.claims import MonotoneClaim, Region
>>> from bargaining.claims.cache import fingerprint
>>> fingerprint(MonotoneClaim("|x| rises", "t", Region({"x": (0, 1)}), quantity=abs, parameter="x")) is None
True
"""

from __future__ import annotations

import hashlib
import inspect
import json
import os
from collections.abc import Callable, Mapping
from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from typing import Any

from .claim import Claim

__all__ = ["cache_folder", "fingerprint", "load", "store"]

_FORMAT = 1  # bump when the machinery changes what a verdict means


def cache_folder() -> Path:
    """Where verdicts are kept (``$BARGAINING_CACHE_DIR``, else the XDG cache, else ``~/.cache``).

    >>> import os
    >>> saved = os.environ.get("BARGAINING_CACHE_DIR")
    >>> os.environ["BARGAINING_CACHE_DIR"] = "/tmp/verdicts"
    >>> cache_folder()
    PosixPath('/tmp/verdicts')
    >>> _ = os.environ.pop("BARGAINING_CACHE_DIR") if saved is None else os.environ.update(BARGAINING_CACHE_DIR=saved)
    """
    chosen = os.environ.get("BARGAINING_CACHE_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "bargaining" / "claims"


@lru_cache(maxsize=1)
def _package_hash() -> str:
    from .. import __version__

    digest = hashlib.sha256(f"{__version__}:{_FORMAT}".encode())
    root = Path(__file__).resolve().parent.parent
    for path in sorted(root.rglob("*.py")):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _describe_function(function: Callable[..., Any], seen: set[int]) -> str | None:
    """The function's module, name and source, and what its closure and defaults hold."""
    if id(function) in seen:
        return "<recursive>"
    seen.add(id(function))
    inner = getattr(function, "__func__", function)
    try:
        parts = [
            getattr(inner, "__module__", ""),
            getattr(inner, "__qualname__", ""),
            inspect.getsource(inner),
        ]
    except (OSError, TypeError):
        return None
    for cell in getattr(inner, "__closure__", None) or ():
        try:
            content = cell.cell_contents
        except ValueError:  # an empty cell
            continue
        described = _describe_value(content, seen)
        if described is None:
            return None
        parts.append(described)
    for default in getattr(inner, "__defaults__", None) or ():
        described = _describe_value(default, seen)
        if described is None:
            return None
        parts.append(described)
    return "\n".join(parts)


def _describe_value(value: Any, seen: set[int]) -> str | None:
    if isinstance(value, Claim):
        return fingerprint(value, seen)
    if callable(value) and not isinstance(value, type):
        return _describe_function(value, seen)
    if isinstance(value, (int, float, str, Fraction, bool, type(None), tuple)):
        return repr(value)
    return None  # an object whose state we cannot read reliably: do not cache


def fingerprint(claim: Claim, seen: set[int] | None = None) -> str | None:
    """Everything the claim's verdict depends on, as text; ``None`` if some of it has no source.

    >>> from bargaining.claims import essay_claims
    >>> fingerprint(essay_claims()[0]).startswith("MonotoneClaim") or fingerprint(essay_claims()[0]).startswith("RelationClaim")
    True
    """
    seen = set() if seen is None else seen
    parts = [type(claim).__name__, claim.statement, claim.principle, claim.construction, repr(claim.budget)]
    parts += [f"{name}:{low}:{high}" for name, (low, high) in claim.region.bounds.items()]
    for name in ("parameter", "direction", "relation"):
        parts.append(repr(getattr(claim, name, None)))
    for name in ("quantity", "left", "right"):
        function = getattr(claim, name, None)
        if function is not None:
            described = _describe_function(function, seen)
            if described is None:
                return None
            parts.append(described)
    return "\n".join(parts)


def _key(claim: Claim, setting: str) -> str | None:
    described = fingerprint(claim)
    if described is None:
        return None
    return hashlib.sha256(f"{_package_hash()}\n{setting}\n{described}".encode()).hexdigest()


def _encode(value: Any) -> Any:
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, Fraction)):
        return {"fraction": str(Fraction(value))}
    if isinstance(value, float):
        return {"float": repr(value)}
    if isinstance(value, tuple):
        return {"tuple": [_encode(v) for v in value]}
    if isinstance(value, Mapping):
        return {"mapping": {str(k): _encode(v) for k, v in value.items()}}
    return {"text": str(value)}


def _decode(value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    if "fraction" in value:
        number = Fraction(value["fraction"])
        return int(number) if number.denominator == 1 and "/" not in value["fraction"] else number
    if "float" in value:
        return float(value["float"])
    if "tuple" in value:
        return tuple(_decode(v) for v in value["tuple"])
    if "mapping" in value:
        return {k: _decode(v) for k, v in value["mapping"].items()}
    return value.get("text")


def load(claim: Claim, setting: str) -> dict[str, Any] | None:
    """The stored fields of the claim's settlement under ``setting``, or ``None``.

    >>> from fractions import Fraction as F
    >>> from bargaining.claims import essay_claims
    >>> claim = essay_claims()[0]  # a claim whose quantity has a source file: cacheable
    >>> import os, tempfile
    >>> saved = os.environ.get("BARGAINING_CACHE_DIR")
    >>> os.environ["BARGAINING_CACHE_DIR"] = tempfile.mkdtemp()
    >>> load(claim, "ci:0") is None, store(claim, "ci:0", {"verdict": "proved"}), load(claim, "ci:0")
    (True, True, {'verdict': 'proved'})
    >>> _ = os.environ.pop("BARGAINING_CACHE_DIR") if saved is None else os.environ.update(BARGAINING_CACHE_DIR=saved)
    """
    key = _key(claim, setting)
    if key is None:
        return None
    path = cache_folder() / f"{key}.json"
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(stored, dict):
        return None
    return {name: _decode(value) for name, value in stored.items()}


def store(claim: Claim, setting: str, fields: Mapping[str, Any]) -> bool:
    """Keep the settlement's fields; ``False`` if the claim cannot be cached or the folder not written.

    >>> from fractions import Fraction as F
    >>> from bargaining.claims import essay_claims
    >>> claim = essay_claims()[0]  # a claim whose quantity has a source file: cacheable
    >>> import os, tempfile
    >>> saved = os.environ.get("BARGAINING_CACHE_DIR")
    >>> os.environ["BARGAINING_CACHE_DIR"] = tempfile.mkdtemp()
    >>> store(claim, "ci:0", {"verdict": "proved"})
    True
    >>> _ = os.environ.pop("BARGAINING_CACHE_DIR") if saved is None else os.environ.update(BARGAINING_CACHE_DIR=saved)
    """
    key = _key(claim, setting)
    if key is None:
        return False
    folder = cache_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary = folder / f"{key}.{os.getpid()}.tmp"
        temporary.write_text(json.dumps({k: _encode(v) for k, v in fields.items()}), encoding="utf-8")
        temporary.replace(folder / f"{key}.json")
    except OSError:
        return False
    return True

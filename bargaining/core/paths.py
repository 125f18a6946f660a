"""Output paths checked before any work: a clear error instead of a traceback after minutes.

The commands that write results (``analyze``, ``claims --output``, ``sweep --output``) call
:func:`writable_folder` or :func:`writable_file` first. Each refuses, with a
:class:`~bargaining.core.errors.ParameterValueError` naming the flag, the requirement and the
path: a parent that is a file, a folder that is a file (or the reverse), a place where nothing can
be written (read-only, ``/proc``, a missing permission: tried by writing a scratch file, so it
holds for root and for read-only file systems alike), and results already there unless the
caller passes ``force``.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> writable_folder(folder / "report", ["report.md"]) == folder / "report"
True
>>> (folder / "report.md").write_text("mine")
4
>>> writable_folder(folder, ["report.md"])
Traceback (most recent call last):
...
bargaining.core.errors.ParameterValueError: --output must be a folder without report.md in it (give --force to overwrite it, or another --output) (got ...)
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from .errors import Description, ParameterValueError

__all__ = ["writable_file", "writable_folder"]


def _shown(path: Path, note: str = "") -> Description:
    text = str(path)
    text = text if len(text) <= 120 else text[:57] + "..." + text[-60:]
    return Description(repr(text) + (f", {note}" if note else ""))


def _as_path(path: str | os.PathLike[str], flag: str) -> Path:
    text = os.fspath(path)
    if not text or "\x00" in text:
        raise ParameterValueError(
            flag, "a non-empty path without NUL characters", Description(repr(text[:60]))
        )
    return Path(text)


def _check_can_write(target: Path, flag: str) -> None:
    """Refuse ``target`` (a folder to be, or a file to be) unless its nearest existing ancestor is a
    folder where a scratch file can be created."""
    ancestor = target.parent if not target.is_dir() else target
    while not ancestor.exists() and ancestor != ancestor.parent:
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        raise ParameterValueError(
            flag, "a path whose parents are folders", _shown(target, f"{ancestor} is a file")
        )
    try:
        with tempfile.TemporaryFile(dir=ancestor):
            pass
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise ParameterValueError(
            flag, "a place where files can be written", _shown(target, f"{ancestor}: {reason}")
        ) from None


def writable_folder(
    path: str | os.PathLike[str], files: Sequence[str] = (), *, flag: str = "--output", force: bool = False
) -> Path:
    """Check that ``path`` is (or can become) a folder to write ``files`` into; return it.

    Without ``force``, a folder that already holds one of ``files`` is refused (results are not
    overwritten silently). Nothing is created.

    >>> import tempfile, pathlib
    >>> notes = pathlib.Path(tempfile.mkdtemp()) / "notes.txt"
    >>> _ = notes.write_text("a file, not a folder")
    >>> writable_folder(notes / "report")
    Traceback (most recent call last):
    ...
    bargaining.core.errors.ParameterValueError: --output must be a path whose parents are folders (got '.../notes.txt/report', .../notes.txt is a file)
    """
    folder = _as_path(path, flag)
    if folder.exists() and not folder.is_dir():
        raise ParameterValueError(flag, "a folder", _shown(folder, "which is a file"))
    _check_can_write(folder, flag)
    if not force:
        existing = [name for name in files if (folder / name).exists()]
        if existing:
            raise ParameterValueError(
                flag,
                f"a folder without {existing[0]} in it (give --force to overwrite it, or another {flag})",
                _shown(folder),
            )
    return folder


_NETCDF_MAGIC = (b"CDF\x01", b"CDF\x02", b"CDF\x05", b"\x89HDF\r\n\x1a\n")


def writable_file(path: str | os.PathLike[str], *, flag: str = "--output", netcdf: bool = False) -> Path:
    """Check that ``path`` can be written as a file (``netcdf``: an existing one must be netCDF,
    for it is read back and resumed, never overwritten); return it.

    >>> import tempfile, pathlib
    >>> text = pathlib.Path(tempfile.mkdtemp()) / "notes.nc"
    >>> _ = text.write_text("my notes")
    >>> writable_file(text, netcdf=True)
    Traceback (most recent call last):
    ...
    bargaining.core.errors.ParameterValueError: --output must be a new path or a netCDF file (got ..., which is not netCDF)
    """
    target = _as_path(path, flag)
    if target.is_dir():
        raise ParameterValueError(flag, "a file path", _shown(target, "which is a folder"))
    if target.exists():
        try:
            with target.open("rb") as stream:
                head = stream.read(8)
        except OSError as error:  # pragma: no cover - the CI runs as root, who reads every file
            raise ParameterValueError(flag, "a readable file", _shown(target, error.strerror or "")) from None
        if netcdf and not head.startswith(_NETCDF_MAGIC):
            raise ParameterValueError(
                flag, "a new path or a netCDF file", _shown(target, "which is not netCDF")
            )
    _check_can_write(target, flag)
    return target

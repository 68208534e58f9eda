"""What makes a folder a processed data set, and the check of its checksums on read.

``prepare`` writes, beside the Parquet tables, a ``manifest.json`` whose
``prepared_by`` entry is :data:`MARKER` and whose ``files`` entry maps every
file it wrote to its SHA-256. :func:`verify_processed` checks them before a
reader trusts the folder; :func:`is_prepared` tells ``prepare`` whether it may
replace a folder (it replaces only what it wrote itself).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..errors import FileFormatError
from .atomic import file_sha256

__all__ = [
    "MARKER",
    "MANIFEST",
    "read_manifest",
    "verify_processed",
    "is_prepared",
    "foreign_files",
]

#: The ``prepared_by`` entry of every manifest ``prepare`` writes.
MARKER = "kalliola_analysis.prepare"
#: The manifest's file name.
MANIFEST = "manifest.json"
#: Files a processed folder of an earlier version (manifest without ``files``) may hold.
_LEGACY_SUFFIXES = (".parquet",)
_LEGACY_NAMES = ("dataset.toml", MANIFEST)


def read_manifest(folder: str | os.PathLike) -> dict | None:
    """The parsed ``manifest.json`` of ``folder``, or ``None`` when there is none.

    Raises :class:`~kalliola_analysis.errors.FileFormatError` naming the file
    when it is not a JSON object.
    """
    path = Path(folder) / MANIFEST
    if not path.is_file():
        return None
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FileFormatError(
            f"cannot read the manifest ({exc}); run prepare again", file=str(path)
        ) from None
    if not isinstance(doc, dict):
        raise FileFormatError(
            "the manifest is not a JSON object; run prepare again", file=str(path)
        )
    return doc


def verify_processed(folder: str | os.PathLike, *, only: list[str] | None = None) -> dict | None:
    """Check a processed folder against the SHA-256 checksums of its ``manifest.json``.

    Parameters
    ----------
    folder : str or os.PathLike
        A folder written by ``prepare``.
    only : list of str, optional
        Check only these file names (each must be listed); default: every
        listed file, and no Parquet file may be unlisted.

    Returns
    -------
    dict or None
        The manifest; ``None`` when the folder has none (not a processed folder).
        Manifests of earlier versions (without ``files``) are returned unchecked.

    Raises
    ------
    kalliola_analysis.errors.FileFormatError
        A listed file is missing, its checksum differs, or a Parquet file is
        not in the manifest; the message names the file and says to run
        ``prepare`` again.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> verify_processed(tempfile.mkdtemp()) is None
    True
    """
    folder = Path(folder)
    manifest = read_manifest(folder)
    if manifest is None or "files" not in manifest:
        return manifest
    files = manifest["files"]
    where = str(folder / MANIFEST)
    if not isinstance(files, dict):
        raise FileFormatError("the manifest's 'files' is not a table", file=where, column="files")
    names = list(files) if only is None else list(only)
    for name in names:
        path = folder / name
        if name not in files:
            raise FileFormatError(
                "the file is not listed in manifest.json, so prepare did not write it; "
                "remove it or run prepare again",
                file=str(path),
            )
        if not path.is_file():
            raise FileFormatError(
                "the file is listed in manifest.json but missing; run prepare again",
                file=str(path),
            )
        if file_sha256(path) != files[name]:
            raise FileFormatError(
                "the file's SHA-256 does not match manifest.json: it was changed after prepare "
                "wrote it, or a copy is incomplete; run prepare again",
                file=str(path),
            )
    if only is None:
        for path in sorted(folder.glob("*.parquet")):
            if path.name not in files:
                raise FileFormatError(
                    "the file is not listed in manifest.json, so prepare did not write it; "
                    "remove it or run prepare again",
                    file=str(path),
                )
    return manifest


def foreign_files(folder: str | os.PathLike) -> list[str]:
    """The entries of ``folder`` that ``prepare`` did not write (names, sorted).

    A folder that does not exist or is empty has none. Otherwise its
    ``manifest.json`` must carry :data:`MARKER` (or be a manifest of an earlier
    version: then only ``*.parquet`` and ``dataset.toml`` count as written),
    every file must be listed in it, and every sub-folder must itself be a
    prepared data set (a nested one). Hidden files (``.salt``) are kept
    and not counted.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> foreign_files(d)
    []
    >>> _ = (d / "responses.csv").write_text("x")
    >>> foreign_files(d)
    ['responses.csv']
    """
    folder = Path(folder)
    if not folder.is_dir():
        return []
    entries = [p for p in sorted(folder.iterdir()) if not p.name.startswith(".")]
    if not entries:
        return []
    try:
        manifest = read_manifest(folder)
    except FileFormatError:
        manifest = None
    out: list[str] = []
    if manifest is None:
        for p in entries:
            if p.is_dir():
                out += [f"{p.name}/{f}" for f in foreign_files(p)]
            else:
                out.append(p.name)
        return out
    files = manifest.get("files")
    ours = manifest.get("prepared_by") == MARKER and isinstance(files, dict)
    for p in entries:
        if p.is_dir():
            out += [f"{p.name}/{f}" for f in foreign_files(p)]
        elif p.name == MANIFEST:
            continue
        elif ours:
            if p.name not in files:
                out.append(p.name)
        elif not (p.suffix in _LEGACY_SUFFIXES or p.name in _LEGACY_NAMES):
            out.append(p.name)
    return out


def is_prepared(folder: str | os.PathLike) -> bool:
    """Whether ``folder`` is missing, empty, or holds only what ``prepare`` wrote.

    Examples
    --------
    >>> import tempfile
    >>> is_prepared(tempfile.mkdtemp())
    True
    """
    return not foreign_files(folder)

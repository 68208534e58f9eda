"""The one reader of ``dataset.toml`` and the one walk that finds data sets.

A data set is a folder holding a ``dataset.toml`` that names its ``kind``.
Every part of the package (``prepare``, ``validate``, the report runner, the
audit, the batch runner, the readers of each domain) reads that file with
:func:`read_dataset_toml` or :func:`read_dataset_info` and walks a data root
with :func:`find_datasets`, so that one policy holds everywhere:

- the file is UTF-8, with or without a byte-order mark (Notepad writes one);
- a file that is missing or is not TOML is a
  :class:`~kalliola_analysis.errors.FileFormatError` naming the file;
- hidden folders (``.name``: ``.git``, the staging folders of ``prepare``)
  and Office lock files (``~$name``) are skipped (:func:`is_ignored`).

This module knows no domain: the kinds a ``dataset.toml`` may name are the
ones registered in :mod:`kalliola_analysis.kinds`, which hands this module
its registry's names with :func:`use_kind_names`.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Iterable
from pathlib import Path

from ..errors import DataError, FileFormatError, ParameterError

__all__ = [
    "DATASET_FILE",
    "use_kind_names",
    "kind_names",
    "is_ignored",
    "read_dataset_toml",
    "read_dataset_info",
    "find_datasets",
    "dataset_period",
]

#: The file that makes a folder a data set.
DATASET_FILE = "dataset.toml"

#: Where the kinds a ``dataset.toml`` may name come from: set by
#: :mod:`kalliola_analysis.kinds` to its registry (:func:`use_kind_names`).
_kind_names: Callable[[], Iterable[str]] = tuple

#: The reader options of ``read_survey`` a ``[read]`` table may hold, and their types.
_READ_OPTIONS = {
    "rename": dict,
    "period": str,
    "unit": str,
    "id_column": str,
    "background": list,
    "sheet": (str, int),
}


def use_kind_names(source: Callable[[], Iterable[str]]) -> None:
    """Take the kinds a ``dataset.toml`` may name from ``source()``, called on every read.

    :mod:`kalliola_analysis.kinds` passes its registry's names; not needed otherwise.
    """
    global _kind_names
    _kind_names = source


def kind_names() -> list[str]:
    """The kinds a ``dataset.toml`` may name: those registered in :mod:`kalliola_analysis.kinds`.

    Examples
    --------
    >>> kind_names()[:2]
    ['pulse', 'feedback']
    """
    return list(_kind_names())


def is_ignored(name: str) -> bool:
    """Whether a file or folder name is skipped by every walk: hidden (``.x``) or a lock (``~$x``).

    Examples
    --------
    >>> is_ignored(".git"), is_ignored("~$responses.xlsx"), is_ignored("pulse")
    (True, True, False)
    """
    return name.startswith((".", "~$"))


def _parse(path: Path) -> dict:
    """The parsed TOML of ``path`` (BOM or not); errors name the file."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise FileFormatError("the file does not exist", file=str(path)) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise FileFormatError(f"cannot read the TOML: {exc}", file=str(path)) from None


def read_dataset_toml(path: str | os.PathLike) -> dict:
    """Read a ``dataset.toml`` and check its ``kind`` and optional ``[read]`` table.

    Parameters
    ----------
    path : str or os.PathLike
        The ``dataset.toml`` file.

    Returns
    -------
    dict
        The parsed document. The reader options of
        :func:`~kalliola_analysis.read_survey` (``rename``, ``period``,
        ``unit``, ``id_column``, ``background``, ``sheet``) may be given in
        its ``[read]`` table.

    Raises
    ------
    kalliola_analysis.errors.FileFormatError
        The file is missing or not TOML, ``kind`` is not a known kind, or
        ``[read]`` holds an unknown or mistyped option.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> read_dataset_toml(ka.demo_path("pulse") / "dataset.toml")["kind"]
    'pulse'
    """
    path = Path(path)
    doc = _parse(path)
    kinds = kind_names()
    if doc.get("kind") not in kinds:
        raise FileFormatError(
            f"kind must be one of {list(kinds)}, got {doc.get('kind')!r}",
            file=str(path),
            column="kind",
        )
    read = doc.get("read", {})
    if not isinstance(read, dict):
        raise FileFormatError("[read] must be a table", file=str(path), column="read")
    for key, value in read.items():
        if key not in _READ_OPTIONS or not isinstance(value, _READ_OPTIONS[key]):
            raise FileFormatError(
                f"unknown or mistyped reader option read.{key} = {value!r}; allowed: "
                f"{sorted(_READ_OPTIONS)}",
                file=str(path),
                column=f"read.{key}",
            )
    return doc


def read_dataset_info(folder: str | os.PathLike) -> dict:
    """Read a data set folder's ``dataset.toml`` as a dict (``kind``, titles, ``slug``).

    Unlike :func:`read_dataset_toml`, any ``kind`` that is a string is
    accepted (a report type may be registered for a kind of its own).

    Parameters
    ----------
    folder : str or os.PathLike
        A data set folder (raw or processed).

    Returns
    -------
    dict
        The TOML's keys: ``kind`` always, ``title_fi``/``title_en`` and
        others when set; ``slug`` defaults to the folder name.

    Raises
    ------
    kalliola_analysis.errors.DataError
        No ``dataset.toml``, or one without a ``kind``
        (:class:`~kalliola_analysis.errors.FileFormatError` when it is not TOML).

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> read_dataset_info(ka.demo_path("pulse"))["kind"]
    'pulse'
    """
    folder = Path(folder)
    path = folder / DATASET_FILE
    if not path.is_file():
        raise DataError(f"no {DATASET_FILE} in this folder", file=str(folder))
    info = _parse(path)
    if not isinstance(info.get("kind"), str):
        raise DataError('dataset.toml must set kind = "..."', file=str(path))
    info.setdefault("slug", folder.name)
    return info


def find_datasets(root: str | os.PathLike, kind: str | None = None) -> list[Path]:
    """Return every data set folder under ``root`` (``root`` itself included), sorted.

    Folders below a hidden folder (``.name``) or a lock-file name (``~$name``)
    are skipped (:func:`is_ignored`), whatever their ``dataset.toml`` says.

    Parameters
    ----------
    root : str or os.PathLike
        A data set folder or a folder holding data sets (``data/raw``,
        ``data/processed``).
    kind : str, optional
        Only data sets of this kind.

    Returns
    -------
    list of pathlib.Path
        The data set folders, sorted.

    Raises
    ------
    kalliola_analysis.errors.ParameterError
        ``root`` does not exist.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> [p.name for p in find_datasets(ka.demo_path("pulse"))]
    ['pulse']
    >>> len(find_datasets(ka.demo_path("pulse").parent, "feedback"))
    4
    """
    root = Path(root)
    if not root.exists():
        raise ParameterError(f"data folder {str(root)!r} does not exist")
    found = sorted(
        p.parent
        for p in root.rglob(DATASET_FILE)
        if p.is_file() and not any(is_ignored(part) for part in p.relative_to(root).parts[:-1])
    )
    if kind is not None:
        found = [p for p in found if read_dataset_info(p)["kind"] == kind]
    return found


def dataset_period(folder: str | os.PathLike) -> list[str]:
    """Return the one period of a single-survey data set: ``period`` in its ``dataset.toml``.

    A materiality analysis is one survey; its ``dataset.toml`` says when it
    was made (``period = "2023-10"``), and that is its only report.

    Parameters
    ----------
    folder : str or os.PathLike
        The data set folder.

    Returns
    -------
    list of str
        ``["YYYY-MM"]``.

    Raises
    ------
    kalliola_analysis.errors.DataError
        ``period`` is missing or not a period, naming the file.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> dataset_period(ka.demo_path("materiality"))
    ['2023-10']
    """
    from ..periods import parse_period

    period = parse_period(read_dataset_info(folder).get("period", ""))
    if period is None:
        raise DataError(
            'dataset.toml must set period = "YYYY-MM" (when the survey was made)',
            file=str(Path(folder) / DATASET_FILE),
            column="period",
        )
    return [period]

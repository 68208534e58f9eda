"""``kalliola-analysis validate``: every data set under a path read by the reader of its kind.

A folder with a ``dataset.toml`` is read by its kind's reader
(:func:`kalliola_analysis.kinds.get_kind`); a survey folder or file without one
by :func:`~kalliola_analysis.read_survey`; a root is walked for data sets
(:func:`~kalliola_analysis.io.dataset.find_datasets`). Problems are collected,
not raised, so that one bad data set does not hide the others.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DataError, KalliolaError
from .io.dataset import DATASET_FILE, find_datasets, read_dataset_toml
from .kinds import get_kind
from .survey.data import Survey
from .survey.reading import find_responses, read_survey

__all__ = ["Validated", "validate_path"]


@dataclass
class Validated:
    """What ``validate`` found for one data set: a summary and warnings, or the error.

    Parameters
    ----------
    path : pathlib.Path
        The data set folder or file.
    kind : str or None
        Its kind (``"survey"`` for a folder or file without ``dataset.toml``).
    summary : str or None
        What was read (``"120 responses, periods 2023-11"``); ``None`` on error.
    warnings : list of str
        Columns kept as background columns that may be questions.
    error : KalliolaError or None
        The problem(s) found.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> [v.summary for v in validate_path(ka.demo_path("materiality"))]
    ['materiality']
    """

    path: Path
    kind: str | None
    summary: str | None = None
    warnings: list[str] = field(default_factory=list)
    error: KalliolaError | None = None


def validate_path(path: str | os.PathLike) -> list[Validated]:
    """Read every data set under ``path`` with the reader of its kind (``kalliola-analysis validate``).

    Parameters
    ----------
    path : str or os.PathLike
        A data set folder, a survey folder or file without ``dataset.toml``,
        or a root holding data sets.

    Returns
    -------
    list of Validated
        One per data set found (empty when there is none); a path that cannot
        be walked is one entry with its error.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> [v.summary for v in validate_path(ka.demo_path("pulse"))]
    ['195 responses, periods 2022-10, 2023-05, 2023-11']
    """
    path = Path(path)
    try:
        targets = _targets(path)
    except KalliolaError as exc:
        return [Validated(path, None, error=exc)]
    out = []
    for target, kind in targets:
        try:
            summary, warnings = _check(target, kind)
        except KalliolaError as exc:
            out.append(Validated(target, kind, error=exc))
            continue
        out.append(Validated(target, kind, summary, warnings))
    return out


def _has_responses(folder: Path) -> bool:
    try:
        return bool(find_responses(folder, required=False))
    except DataError:
        return True  # several files for one round, a bad name: let the reader report it


def _targets(path: Path) -> list[tuple[Path, str]]:
    """The data sets to check under a path: ``(path, kind)`` pairs."""
    if path.is_file():
        return [(path, "survey")]
    if not path.is_dir():
        return [(path, "missing")]
    if (path / DATASET_FILE).is_file():
        return [(path, read_dataset_toml(path / DATASET_FILE)["kind"])]
    if _has_responses(path):
        return [(path, "survey")]
    return [(p, read_dataset_toml(p / DATASET_FILE)["kind"]) for p in find_datasets(path)]


def _check(path: Path, kind: str) -> tuple[str, list[str]]:
    """Validate one data set with its kind's reader; return the OK line's detail and warnings."""
    if kind in ("missing", "survey"):  # a file or a folder without dataset.toml
        obj = read_survey(path)  # raises FileFormatError naming a missing path
    else:
        obj = get_kind(kind).read(path)
    if isinstance(obj, Survey):
        s = obj
        warnings = [
            f"column {c!r} matches no question of the codebook and was kept as a background "
            "column: add the question to the codebook if it is one, else declare it "
            "(background = [...] in the [read] table of dataset.toml)"
            for c in s.unlisted_columns
        ]
        return f"{len(s.responses)} responses, periods {', '.join(s.periods)}", warnings
    n = len(obj) if hasattr(obj, "__len__") else None
    return f"{kind}" + (f", {n} rows" if n is not None else ""), []

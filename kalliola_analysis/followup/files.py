"""The raw and processed files of the follow-up and indicator data sets: find them, read them as text.

Examples
--------
>>> import kalliola_analysis as ka
>>> file = find_file(ka.demo_path("followup"), "measures", "followup")
>>> file.name
'measures.csv'
>>> read_raw_table(file).loc[2, "period"]  # the header is row 1
'2023-05'
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from ..errors import DataError, FileFormatError
from ..io.dataset import is_ignored, read_dataset_info, read_dataset_toml
from ..io.tables import read_table

__all__ = ["find_indicators"]


def _cell_text(v: object) -> str:
    if v is None:
        return ""
    if not isinstance(v, str):
        try:
            if pd.isna(v):
                return ""
        except (TypeError, ValueError):
            pass
        if isinstance(v, float) and v.is_integer():
            return str(int(v))
    return str(v).strip()


def read_raw_table(path: Path) -> pd.DataFrame:
    """Read a CSV/XLSX export as text: ``""`` for empty cells, index = file row (header 1)."""
    table = read_table(path, numbers=False)
    table = table.map(_cell_text) if len(table) else table.astype(object)
    table.columns = [str(c).strip() for c in table.columns]
    return table


def find_file(folder: Path, stem: str, kind: str) -> Path:
    """Return the data file ``stem`` of a raw (csv/xlsx) or processed (parquet) folder.

    The folder's ``dataset.toml``, when there is one, must say ``kind``.
    """
    toml = folder / "dataset.toml"
    if toml.exists():
        meta = read_dataset_toml(toml)
        if meta.get("kind") != kind:
            raise FileFormatError(
                f"dataset.toml says kind = {meta.get('kind')!r}, expected {kind!r}",
                file=str(toml),
                column="kind",
            )
    for ext in (".parquet", ".csv", ".xlsx", ".txt"):
        candidate = folder / f"{stem}{ext}"
        if candidate.exists():
            return candidate
    raise FileFormatError(
        f"no {stem}.csv, {stem}.xlsx or {stem}.parquet in the folder", file=str(folder)
    )


def find_indicators(near: str | os.PathLike) -> Path | None:
    """Return the indicators data set beside a folder (a sibling), or ``None``.

    The follow-up report uses it to find ``data/processed/indicators`` next to
    ``data/processed/followup`` (or the raw equivalents). A folder counts when
    its ``dataset.toml`` says ``kind = "indicators"``; the first by name wins.

    Parameters
    ----------
    near : path-like
        A data set folder (or a file in one) whose siblings are searched.

    Returns
    -------
    pathlib.Path or None

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> find_indicators(ka.demo_path("followup")).name
    'indicators'
    """
    near = Path(near)
    parent = near.parent if near.is_dir() else near.parent.parent
    if not parent.is_dir():
        return None
    for folder in sorted(p for p in parent.iterdir() if p.is_dir() and not is_ignored(p.name)):
        toml = folder / "dataset.toml"
        if not toml.is_file():
            continue
        try:
            kind = read_dataset_info(folder)["kind"]
        except DataError:
            continue
        if kind == "indicators":
            return folder
    return None

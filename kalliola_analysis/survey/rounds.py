"""A survey exported once per round: the files, each round's period, the rounds together.

A survey folder may hold one export per round (``responses_2023-11.xlsx``,
``responses-2024-05.csv`` ...): :func:`find_responses` lists them with the
period each name gives, :func:`round_period` gives one round's rows their
period and :func:`concat_rounds` puts the rounds one after the other.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ..errors import DataError, FileFormatError, InvalidValueError, MissingColumnError
from ..io.dataset import is_ignored
from ..io.tables import SUPPORTED_SUFFIXES, LoadedTable, table_stem, table_suffix
from ..periods import parse_period
from .sources import FilePart

__all__ = ["find_responses"]


_RESPONSES_NAME = re.compile(r"^responses(?:[ _.-]+(?P<tag>.+))?$", re.IGNORECASE)
_NAME_PERIODS = (
    (re.compile(r"^(\d{4})[-_.](\d{1,2})$"), ("y", "m")),
    (re.compile(r"^(\d{1,2})[-_.](\d{4})$"), ("m", "y")),
)


def _name_period(tag: str) -> str | None:
    for pattern, order in _NAME_PERIODS:
        m = pattern.match(tag.strip())
        if m:
            parts = dict(zip(order, (int(g) for g in m.groups()), strict=True))
            if 1 <= parts["m"] <= 12 and 1900 <= parts["y"] <= 2999:
                return f"{parts['y']:04d}-{parts['m']:02d}"
    return None


def find_responses(folder: str | Path, *, required: bool = True) -> list[tuple[Path, str | None]]:
    """Return the responses files of a survey folder, each with the period its name gives.

    A survey folder may hold one export per round: ``responses.xlsx``,
    ``responses_2023-11.xlsx``, ``responses-2024-05.csv``, ``responses 11-2023.csv``
    (the name's period as ``YYYY-MM`` or ``M-YYYY``, with ``-``, ``_`` or ``.``).
    Excel lock files (``~$...``) and hidden files are ignored.

    Parameters
    ----------
    folder : str or pathlib.Path
        The survey folder.
    required : bool, default True
        Raise when there is no responses file; else return ``[]``.

    Returns
    -------
    list of (pathlib.Path, str or None)
        The files, sorted by name, each with its name's period (``YYYY-MM``) or ``None``.

    Raises
    ------
    kalliola_analysis.errors.FileFormatError
        No responses file; the same name twice (``responses.csv`` and
        ``responses.xlsx``); or a name whose suffix is not a period
        (``responses_old.csv``: rename it or move it out of the folder).

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> [(p.name, period) for p, period in find_responses(ka.demo_path("pulse"))]
    [('responses.csv', None)]
    """
    folder = Path(folder)
    found: dict[str, list[Path]] = {}
    periods: dict[str, str | None] = {}
    for p in sorted(folder.iterdir()):
        if not p.is_file() or is_ignored(p.name) or table_suffix(p) not in SUPPORTED_SUFFIXES:
            continue
        m = _RESPONSES_NAME.match(table_stem(p))
        if not m:
            continue
        tag = m.group("tag")
        period = _name_period(tag) if tag is not None else None
        if tag is not None and period is None:
            raise FileFormatError(
                f"cannot read a period from the file name {p.name!r}: name a round's export "
                "responses_YYYY-MM (e.g. responses_2023-11.xlsx), or move the file out of the "
                "survey folder",
                file=str(p),
            )
        key = period or ""
        found.setdefault(key, []).append(p)
        periods[key] = period
    for files in found.values():
        if len(files) > 1:
            raise FileFormatError(
                f"several responses files for the same round: {[p.name for p in files]}; keep "
                "exactly one",
                file=str(folder),
            )
    if not found and not required:
        return []
    if not found:
        raise FileFormatError(
            "no responses file found; expected responses.csv, responses.xlsx, responses.sav "
            "or responses.parquet (or one per round: responses_YYYY-MM.xlsx)",
            file=str(folder),
        )
    return sorted(((files[0], periods[k]) for k, files in found.items()), key=lambda x: x[0].name)


def round_period(
    frame: pd.DataFrame, table: LoadedTable, name_period: str | None, fallback: str | None
) -> list[DataError]:
    """Give one round's export its period: its column, else its name's, else ``fallback``."""
    column = table.original.get("period", "period")
    if "period" in frame.columns:
        if name_period is None:
            return []
        problems: list[DataError] = []
        for r, v in frame["period"].items():
            got = parse_period(v) if not pd.isna(v) else None
            if got is not None and got != name_period:
                problems.append(
                    InvalidValueError(
                        f"period {v!r} disagrees with the file name's period {name_period}: "
                        "fix the column or rename the file",
                        file=table.file,
                        column=column,
                        row=int(r),
                    )
                )
                if len(problems) >= 20:
                    break
        return problems
    value = name_period or fallback
    if value is None:
        return [
            MissingColumnError(
                "no period: the file has no period column, its name no period "
                "(responses_YYYY-MM) and dataset.toml no [read] period",
                file=table.file,
                column="period",
            )
        ]
    frame["period"] = value
    return []


def concat_rounds(
    pieces: list[tuple[pd.DataFrame, LoadedTable]], label: str
) -> tuple[pd.DataFrame, FilePart]:
    """The rounds' responses one after the other, in period order, and where each row is from."""

    def first_period(frame: pd.DataFrame) -> str:
        found = (
            [parse_period(v) for v in frame["period"].dropna().unique()]
            if ("period" in frame)
            else []
        )
        return min((p for p in found if p is not None), default="9999-99")

    order = sorted(range(len(pieces)), key=lambda k: (first_period(pieces[k][0]), k))
    segments: list[tuple[int, int, FilePart]] = []
    start = 0
    for k in order:
        frame, table = pieces[k]
        segments.append(
            (start, start + len(frame), FilePart(table.file, frame.index, table.original))
        )
        start += len(frame)
    frame = pd.concat([pieces[k][0] for k in order], ignore_index=True)
    columns = {}
    for k in order:
        for c, original in pieces[k][1].original.items():
            columns.setdefault(c, original)
    return frame, FilePart(label, None, columns, segments)

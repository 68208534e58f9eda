"""Action-plan follow-up tables: read, validate and prepare them.

A follow-up table (the City of Helsinki's *liikennevaloseuranta* is the model)
has one row per measure and monitoring round: theme, goal, measure number
(``1.1`` within a theme), measure text, monitoring indicator, responsible
party (several separated by ``|``), status and "what has been done". The
status is one of four traffic lights or missing (no update that round); the
codes and their labels are in :mod:`~kalliola_analysis.followup.labels`.

:func:`read_followup` validates a file and returns a typed DataFrame; the
analysis functions of :mod:`~kalliola_analysis.followup.status` take that
frame and return tidy DataFrames.

Examples
--------
>>> import kalliola_analysis as ka
>>> f = ka.read_followup(ka.demo_path("followup"))
>>> list(f["period"].cat.categories)
['2023-05', '2023-11']
>>> f.groupby("period", observed=True).size().tolist()
[47, 47]
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pandas as pd

from ..errors import (
    DataError,
    DuplicateError,
    EmptyFileError,
    InvalidValueError,
    MissingColumnError,
    raise_problems,
)
from ..i18n.strings import LANGS
from ..io.writing import read_processed_table, write_processed
from ..periods import parse_period
from .files import find_file, read_raw_table
from .labels import STATUS_CODES, parse_status, status_label

__all__ = ["FOLLOWUP_COLUMNS", "read_followup", "prepare_followup"]

#: Columns of the frame :func:`read_followup` returns, in order.
FOLLOWUP_COLUMNS = (
    "period",
    "theme",
    "theme_en",
    "goal_no",
    "goal",
    "measure_id",
    "measure",
    "indicator",
    "responsible",
    "status",
    "done",
)
_REQUIRED = ("period", "theme", "measure_id", "measure", "status")

#: Header spellings accepted for each column (compared case-insensitively).
_ALIASES = {
    "period": ("period", "round", "kierros", "seurantakierros", "seuranta-ajankohta"),
    "theme": ("theme", "teema"),
    "theme_en": ("theme_en", "teema_en"),
    "goal": ("goal", "tavoite", "tavoitteet"),
    "measure_id": ("measure_id", "id", "nro", "numero", "toimenpide_nro"),
    "measure": ("measure", "toimenpide", "toimenpiteet"),
    "indicator": ("indicator", "seuranta", "mittari", "seurantamittari"),
    "responsible": ("responsible", "vastuutaho", "vastuutahot", "toteutuksen vastuutaho"),
    "status": ("status", "tila", "liikennevalo"),
    "done": ("done", "mitä on tehty", "mita on tehty", "tehty"),
}

_MEASURE_ID = re.compile(r"^\s*(\d+)\s*\.\s*(\d+)\s*\.?\s*$")
_GOAL_PREFIX = re.compile(r"^\s*(\d+)\s*\.\s+")
_PARTY_SPLIT = re.compile(r"\s*[|\n]\s*")


def _rename_aliases(
    table: pd.DataFrame, aliases: dict[str, tuple[str, ...]], file: str
) -> pd.DataFrame:
    lookup = {a.casefold(): col for col, names in aliases.items() for a in names}
    renamed: dict[str, str] = {}
    for c in table.columns:
        target = lookup.get(str(c).strip().casefold())
        if target is None:
            continue
        if target in renamed.values():
            raise DuplicateError(f"two columns mean {target!r}", file=file, column=str(c), row=1)
        renamed[c] = target
    return table.rename(columns=renamed)


def _validate_measures(table: pd.DataFrame, file: str) -> pd.DataFrame:
    """Check and type a raw follow-up table (text cells, index = file row)."""
    if table.empty:
        raise EmptyFileError("the file holds no measures", file=file)
    table = _rename_aliases(table, _ALIASES, file)
    missing = [c for c in _REQUIRED if c not in table.columns]
    if missing:
        raise MissingColumnError(
            f"required column(s) {missing} missing; the file has {list(table.columns)}",
            file=file,
            column=missing[0],
            row=1,
        )
    for c in FOLLOWUP_COLUMNS:
        if c not in table.columns and c != "goal_no":
            table[c] = ""
    problems: list[DataError] = []
    rows: list[dict] = []
    first_seen: dict[tuple[str, str, str], int] = {}
    goal_text: dict[tuple[str, str, int], tuple[str, int]] = {}
    for row, rec in table.iterrows():
        row = int(row)
        ok = True
        period = parse_period(rec["period"]) if rec["period"] else None
        if period is None:
            problems.append(
                InvalidValueError(
                    f"period {rec['period']!r} is not a month such as 2023-05",
                    file=file,
                    column="period",
                    row=row,
                )
            )
            ok = False
        theme = " ".join(rec["theme"].split())
        if not theme:
            problems.append(
                InvalidValueError("the theme is empty", file=file, column="theme", row=row)
            )
            ok = False
        m = _MEASURE_ID.match(rec["measure_id"])
        if not m:
            problems.append(
                InvalidValueError(
                    f"measure number {rec['measure_id']!r} is not of the form 1.1",
                    file=file,
                    column="measure_id",
                    row=row,
                )
            )
            ok = False
        measure = rec["measure"].strip()
        if not measure:
            problems.append(
                InvalidValueError("the measure text is empty", file=file, column="measure", row=row)
            )
            ok = False
        status = parse_status(rec["status"])
        if status is None:
            allowed = sorted(
                {status_label(c, lg, symbol=False) for c in STATUS_CODES for lg in LANGS}
            )
            problems.append(
                InvalidValueError(
                    f"unknown status {rec['status']!r}; use one of {allowed} or leave it empty",
                    file=file,
                    column="status",
                    row=row,
                )
            )
            ok = False
        if not ok:
            continue
        goal_no, sub_no = int(m.group(1)), int(m.group(2))
        measure_id = f"{goal_no}.{sub_no}"
        goal = " ".join(rec["goal"].split())
        gm = _GOAL_PREFIX.match(goal)
        if gm:
            if int(gm.group(1)) != goal_no:
                problems.append(
                    InvalidValueError(
                        f"measure {measure_id} is numbered under goal {goal_no} but its goal "
                        f"text starts with {gm.group(1)}.",
                        file=file,
                        column="goal",
                        row=row,
                    )
                )
                continue
            goal = goal[gm.end() :]
        key = (period, theme, measure_id)
        if key in first_seen:
            problems.append(
                DuplicateError(
                    f"measure {measure_id} of theme {theme!r} appears twice in round {period} "
                    f"(first in row {first_seen[key]})",
                    file=file,
                    column="measure_id",
                    row=row,
                )
            )
            continue
        first_seen[key] = row
        gkey = (period, theme, goal_no)
        if goal and gkey in goal_text and goal_text[gkey][0] != goal:
            problems.append(
                InvalidValueError(
                    f"goal {goal_no} of theme {theme!r} has a different text than in row "
                    f"{goal_text[gkey][1]}",
                    file=file,
                    column="goal",
                    row=row,
                )
            )
            continue
        if goal:
            goal_text.setdefault(gkey, (goal, row))
        parties = [p for p in _PARTY_SPLIT.split(rec["responsible"].strip()) if p]
        rows.append(
            {
                "_row": row,
                "period": period,
                "theme": theme,
                "theme_en": " ".join(rec["theme_en"].split()) or pd.NA,
                "goal_no": goal_no,
                "_sub_no": sub_no,
                "goal": goal or pd.NA,
                "measure_id": measure_id,
                "measure": measure,
                "indicator": rec["indicator"].strip() or pd.NA,
                "responsible": " | ".join(parties) or pd.NA,
                "status": None if status == "missing" else status,
                "done": rec["done"].strip() or pd.NA,
            }
        )
    # a measure (same text) must stay under the same theme from round to round
    by_text: dict[str, dict[str, dict[str, int]]] = {}  # text -> round -> {theme: row}
    for r in rows:
        norm = " ".join(r["measure"].split()).casefold()
        by_text.setdefault(norm, {}).setdefault(r["period"], {}).setdefault(r["theme"], r["_row"])
    for r in rows:
        rounds = by_text[" ".join(r["measure"].split()).casefold()]
        earlier = [p for p in rounds if p < r["period"]]
        if not earlier or r["theme"] in rounds[max(earlier)]:
            continue
        period = max(earlier)
        theme, row0 = next(iter(rounds[period].items()))
        problems.append(
            InvalidValueError(
                f"measure {r['measure_id']} changes theme between rounds: under {theme!r} in "
                f"{period} (row {row0}), under {r['theme']!r} in {r['period']}",
                file=file,
                column="theme",
                row=r["_row"],
            )
        )
    problems.sort(key=lambda p: p.row or 0)
    raise_problems(problems, file=file if len(problems) > 1 else None)
    return _typed(pd.DataFrame(rows))


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    """Sort and give the follow-up columns their dtypes."""
    frame = frame.copy()
    theme_order = list(dict.fromkeys(frame["theme"].astype(str)))
    if "_sub_no" not in frame:
        frame["_sub_no"] = frame["measure_id"].astype(str).str.split(".").str[1].astype(int)
    frame["_theme_pos"] = frame["theme"].astype(str).map({t: i for i, t in enumerate(theme_order)})
    frame = frame.sort_values(["period", "_theme_pos", "goal_no", "_sub_no"], kind="stable")
    out = pd.DataFrame(index=range(len(frame)))
    periods = sorted(set(frame["period"].astype(str)))
    out["period"] = pd.Categorical(frame["period"].astype(str), categories=periods, ordered=True)
    out["theme"] = pd.Categorical(frame["theme"].astype(str), categories=theme_order)
    for col in ("theme_en", "goal", "measure_id", "measure", "indicator", "responsible", "done"):
        values = frame[col].to_numpy(dtype=object) if col in frame else [pd.NA] * len(frame)
        out[col] = pd.array(values, dtype="string")
    out["goal_no"] = pd.array(frame["goal_no"].to_numpy(), dtype="Int64")
    status = frame["status"].astype(object).where(frame["status"].notna(), None)
    status = status.where(status != "missing", None)
    out["status"] = pd.Categorical(status.to_numpy(), categories=list(STATUS_CODES[:-1]))
    return out[list(FOLLOWUP_COLUMNS)]


def read_followup(path: str | os.PathLike) -> pd.DataFrame:
    """Read and validate an action-plan follow-up table (CSV, XLSX or processed Parquet).

    Parameters
    ----------
    path : path-like
        A ``followup`` data folder (raw: ``measures.csv``/``measures.xlsx``;
        processed: ``measures.parquet``) or the file itself. Columns (Finnish
        header aliases such as ``teema``, ``toimenpide``, ``tila`` work too):
        ``period`` (monitoring round, ``2023-05``), ``theme``, optional
        ``theme_en``, ``goal``, ``measure_id`` (``1.1``: goal 1, measure 1),
        ``measure``, ``indicator``, ``responsible`` (several separated by
        ``|``), ``status`` (Finnish or English label, empty = no update) and
        ``done`` (what has been done, or why it will not be realised).

    Returns
    -------
    pandas.DataFrame
        One row per measure and round, columns :data:`FOLLOWUP_COLUMNS`:
        ``period`` (ordered categorical), ``theme`` (categorical, file
        order), ``goal_no`` (Int64), ``status`` (categorical of the codes
        ``on_track``, ``started``, ``not_realised``, ``not_started``; ``NaN``
        = no update) and text columns as ``string``. Sorted by round, theme,
        goal and measure.

    Raises
    ------
    kalliola_analysis.errors.DataError
        A missing column, an unknown status, a malformed measure number or
        round, a measure twice in one round, a measure that changes theme
        between rounds; several problems at once as a ``ValidationError``.
        Each names the file, the column and the row (header = row 1).

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> f = ka.read_followup(ka.demo_path("followup"))
    >>> f.loc[0, ["period", "theme", "measure_id", "status"]].tolist()
    ['2023-05', 'Läpileikkaavat teemat', '1.1', 'started']
    """
    path = Path(path)
    file = find_file(path, "measures", "followup") if path.is_dir() else path
    if file.suffix.lower() == ".parquet":
        frame = read_processed_table(file, columns=FOLLOWUP_COLUMNS)
        frame["status"] = frame["status"].astype(object).where(frame["status"].notna(), None)
        return _typed(frame)
    return _validate_measures(read_raw_table(file), str(file))


def prepare_followup(
    raw_dir: str | os.PathLike, out_dir: str | os.PathLike, *, salt: str | None = None
) -> Path:
    """Validate a raw follow-up folder and write typed Parquet to ``out_dir``.

    Writes ``measures.parquet``, a copy of ``dataset.toml`` and
    ``manifest.json`` (the SHA-256 of ``dataset.toml`` and the measures file)
    with :func:`kalliola_analysis.io.writing.write_processed`, each file
    atomically. ``raw_dir`` is only read.

    Parameters
    ----------
    raw_dir : path-like
        The raw ``followup`` folder (``dataset.toml`` and ``measures.csv``/``.xlsx``).
    out_dir : path-like
        The processed folder to write; not ``raw_dir`` nor inside it.
    salt : str, optional
        Accepted for a uniform preparer signature; follow-up and indicator
        data hold no respondents, so nothing is pseudonymised.

    Returns
    -------
    pathlib.Path
        ``out_dir``.

    Examples
    --------
    >>> import tempfile, kalliola_analysis as ka
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     out = prepare_followup(ka.demo_path("followup"), Path(tmp) / "followup")
    ...     len(ka.read_followup(out))
    94
    """
    raw_dir = Path(raw_dir)
    file = find_file(raw_dir, "measures", "followup")
    frame = read_followup(file)
    return write_processed(
        out_dir, {"measures": frame}, raw_dir=raw_dir, source_files=[file], kind="followup"
    )

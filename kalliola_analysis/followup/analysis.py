"""Action-plan follow-up: measures, their traffic-light status per monitoring round.

A follow-up table (the City of Helsinki's *liikennevaloseuranta* is the model)
has one row per measure and monitoring round: theme, goal, measure number
(``1.1`` within a theme), measure text, monitoring indicator, responsible
party (several separated by ``|``), status and "what has been done". The
status is one of four traffic lights or missing (no update that round):

======================  =========================  =============
code                    Finnish                    English
======================  =========================  =============
``on_track``            Etenee suunnitellusti      On track
``started``             Aloitettu                  Started
``not_realised``        Ei toteudu                 Will not be realised
``not_started``         Ei aloitettu               Not started
``missing``             (empty) Ei päivitystä      No update
======================  =========================  =============

:func:`read_followup` validates a file and returns a typed DataFrame; the
analysis functions take that frame and return tidy DataFrames.

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
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from .._validation import check_option
from ..errors import (
    DataError,
    DuplicateError,
    EmptyFileError,
    FileFormatError,
    InvalidValueError,
    MissingColumnError,
    ParameterError,
    raise_problems,
)
from ..i18n.strings import LANGS, check_lang, t
from ..io.dataset import read_dataset_toml
from ..io.writing import read_processed_table, write_processed
from ..periods import parse_period
from ..survey.reading import read_table

__all__ = [
    "STATUS_CODES",
    "STATUS_SYMBOLS",
    "STATUS_COLOURS",
    "MOVEMENTS",
    "MOVEMENT_SYMBOLS",
    "FOLLOWUP_COLUMNS",
    "parse_status",
    "status_label",
    "movement_label",
    "read_followup",
    "followup_status",
    "followup_changes",
    "followup_transitions",
    "followup_open_measures",
    "followup_rounds",
    "previous_round",
    "prepare_followup",
]

#: Status codes in the source's legend order, then ``missing`` (no update).
STATUS_CODES = ("on_track", "started", "not_realised", "not_started", "missing")

# The labels are the UI strings "followup.status.<code>" of kalliola_analysis.i18n.strings.

#: A symbol per status, so that a status is never shown by colour alone.
STATUS_SYMBOLS = {
    "on_track": "●",
    "started": "◐",
    "not_realised": "✕",
    "not_started": "○",
    "missing": "–",
}

#: Traffic-light colours; their lightness differs so that a greyscale print
#: still separates them (and figures add hatching and labels).
STATUS_COLOURS = {
    "on_track": "#1b7837",
    "started": "#f6c141",
    "not_realised": "#b2182b",
    "not_started": "#d9d9d9",
    "missing": "#ffffff",
}

#: Progress order used for "improved"/"worsened": not started < started < on
#: track; "will not be realised" is the worst (terminal) state.
_RANK = {"not_realised": -1, "not_started": 0, "started": 1, "on_track": 2}

#: Movement of a measure between two rounds.
MOVEMENTS = ("improved", "worsened", "unchanged", "no_update", "new", "dropped")

#: A symbol per movement; the labels are the UI strings "followup.movement.<code>".
MOVEMENT_SYMBOLS = {
    "improved": "▲",
    "worsened": "▼",
    "unchanged": "=",
    "no_update": "?",
    "new": "+",
    "dropped": "−",
}

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

_STATUS_INPUT = {
    **{code: code for code in STATUS_CODES},
    **{t(f"followup.status.{code}", lg).casefold(): code for code in STATUS_CODES for lg in LANGS},
    "will not be realized": "not_realised",
    "not realised": "not_realised",
    "not realized": "not_realised",
    "not_realized": "not_realised",
    "on track": "on_track",
    "not started": "not_started",
    "no update": "missing",
    "": "missing",
}
_MEASURE_ID = re.compile(r"^\s*(\d+)\s*\.\s*(\d+)\s*\.?\s*$")
_GOAL_PREFIX = re.compile(r"^\s*(\d+)\s*\.\s+")
_PARTY_SPLIT = re.compile(r"\s*[|\n]\s*")


# ----------------------------------------------------------------------------- labels


def parse_status(value: object) -> str | None:
    """Return the status code of a Finnish or English label, a code, or ``None``.

    Empty values and "Ei päivitystä"/"No update" are ``"missing"``.

    Parameters
    ----------
    value : str or None
        A status as written in a file: a Finnish or English label or a code,
        in any case and spacing.

    Returns
    -------
    str or None
        A code of :data:`STATUS_CODES`, or ``None`` when ``value`` is not a status.

    Examples
    --------
    >>> parse_status("Etenee suunnitellusti"), parse_status(" ei TOTEUDU "), parse_status("")
    ('on_track', 'not_realised', 'missing')
    >>> parse_status("Valmis") is None
    True
    """
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "missing"
    key = " ".join(str(value).split()).casefold()
    return _STATUS_INPUT.get(key)


def status_label(code: object, lang: str = "fi", *, symbol: bool = True) -> str:
    """Return the label of a status code, with its symbol in front by default.

    Parameters
    ----------
    code : str or None
        A status code of :data:`STATUS_CODES`; ``None``/``NA`` means missing.
    lang : {"fi", "en"}, default "fi"
    symbol : bool, default True
        Put the status symbol (●, ◐, ✕, ○, –) in front of the label.

    Returns
    -------
    str

    Examples
    --------
    >>> status_label("on_track")
    '● Etenee suunnitellusti'
    >>> status_label(None, "en", symbol=False)
    'No update'
    """
    check_lang(lang)
    if code is None or (not isinstance(code, str) and pd.isna(code)):
        code = "missing"
    check_option("status", code, STATUS_CODES)
    text = t(f"followup.status.{code}", lang)
    return f"{STATUS_SYMBOLS[code]} {text}" if symbol else text


def movement_label(code: str, lang: str = "fi", *, symbol: bool = True) -> str:
    """Return the label of a movement between two rounds, with its symbol in front by default.

    Parameters
    ----------
    code : str
        A movement of :data:`MOVEMENTS` (the ``movement`` column of
        :func:`followup_changes`).
    lang : {"fi", "en"}, default "fi"
    symbol : bool, default True
        Put the movement symbol (▲, ▼, =, ?, +, −) in front of the label.

    Returns
    -------
    str

    Examples
    --------
    >>> movement_label("improved"), movement_label("dropped", "en", symbol=False)
    ('▲ Edistynyt', 'Dropped')
    """
    check_lang(lang)
    check_option("movement", code, MOVEMENTS)
    text = t(f"followup.movement.{code}", lang)
    return f"{MOVEMENT_SYMBOLS[code]} {text}" if symbol else text


# ----------------------------------------------------------------------------- file I/O


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


def _read_raw_table(path: Path) -> pd.DataFrame:
    """Read a CSV/XLSX export as text: ``""`` for empty cells, index = file row (header 1)."""
    table = read_table(path, numbers=False)
    table = table.map(_cell_text) if len(table) else table.astype(object)
    table.columns = [str(c).strip() for c in table.columns]
    return table


def _find_file(folder: Path, stem: str, kind: str) -> Path:
    """The data file ``stem`` of a raw (csv/xlsx) or processed (parquet) folder."""
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


# ----------------------------------------------------------------------------- validation


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
    file = _find_file(path, "measures", "followup") if path.is_dir() else path
    if file.suffix.lower() == ".parquet":
        frame = read_processed_table(file, columns=FOLLOWUP_COLUMNS)
        frame["status"] = frame["status"].astype(object).where(frame["status"].notna(), None)
        return _typed(frame)
    return _validate_measures(_read_raw_table(file), str(file))


def prepare_followup(
    raw_dir: str | os.PathLike, out_dir: str | os.PathLike, *, salt: str | None = None
) -> Path:
    """Validate a raw follow-up folder and write typed Parquet to ``out_dir``.

    Writes ``measures.parquet``, a copy of ``dataset.toml`` and
    ``manifest.json`` (the SHA-256 of ``dataset.toml`` and the measures file)
    with :func:`kalliola_analysis.prepare.write_processed`, each file
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
    file = _find_file(raw_dir, "measures", "followup")
    frame = read_followup(file)
    return write_processed(
        out_dir, {"measures": frame}, raw_dir=raw_dir, source_files=[file], kind="followup"
    )


# ----------------------------------------------------------------------------- analysis


def followup_rounds(data: pd.DataFrame | str | os.PathLike) -> list[str]:
    """Return the monitoring rounds of a follow-up table or data folder, oldest first.

    Parameters
    ----------
    data : pandas.DataFrame or path-like
        A follow-up table from :func:`read_followup`, or a folder/file it reads.

    Returns
    -------
    list of str
        The rounds (``YYYY-MM``) that have measures.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> followup_rounds(ka.demo_path("followup"))
    ['2023-05', '2023-11']
    """
    f = data if isinstance(data, pd.DataFrame) else read_followup(data)
    _check_frame(f)
    return _periods(f)


def previous_round(f: pd.DataFrame, period: str) -> str | None:
    """Return the round before ``period``, or ``None`` for the first round.

    Parameters
    ----------
    f : pandas.DataFrame
        A follow-up table from :func:`read_followup`.
    period : str
        A round of ``f``.

    Returns
    -------
    str or None

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> f = ka.read_followup(ka.demo_path("followup"))
    >>> previous_round(f, "2023-11"), previous_round(f, "2023-05")
    ('2023-05', None)
    """
    rounds = followup_rounds(f)
    i = rounds.index(check_option("period", str(period), rounds))
    return rounds[i - 1] if i else None


def _check_frame(f: pd.DataFrame) -> None:
    if not isinstance(f, pd.DataFrame):
        raise ParameterError(
            f"f must be the DataFrame read_followup returns, got {type(f).__name__}"
        )
    missing = [c for c in FOLLOWUP_COLUMNS if c not in f.columns]
    if missing:
        raise ParameterError(f"f lacks the follow-up column(s) {missing}; use read_followup")


def _periods(f: pd.DataFrame) -> list[str]:
    if isinstance(f["period"].dtype, pd.CategoricalDtype):
        present = set(f["period"].dropna().astype(str))
        return [str(p) for p in f["period"].cat.categories if str(p) in present]
    return sorted(set(f["period"].dropna().astype(str)))


def _pick_period(f: pd.DataFrame, period: str | None, name: str = "period") -> str:
    periods = _periods(f)
    if not periods:
        raise ParameterError("the follow-up table has no rounds")
    if period is None:
        return periods[-1]
    return check_option(name, str(period), periods)


def _status_codes(f: pd.DataFrame) -> pd.Series:
    return f["status"].astype(object).where(f["status"].notna(), "missing").astype(str)


_BY = {
    "theme": ["theme"],
    "goal": ["theme", "goal_no", "goal"],
    "responsible": ["responsible"],
}


def followup_status(
    f: pd.DataFrame, *, by: str = "theme", period: str | None = None
) -> pd.DataFrame:
    """Count the measures of one round per status, by theme, goal or responsible party.

    Parameters
    ----------
    f : pandas.DataFrame
        A follow-up table from :func:`read_followup`.
    by : {"theme", "goal", "responsible"}, default "theme"
        Grouping. With ``"responsible"`` a measure with several parties counts
        once for each of them (the total row counts every measure once).
    period : str, optional
        The monitoring round; the latest when omitted.

    Returns
    -------
    pandas.DataFrame
        Columns ``period``, the group columns (``theme``; ``theme, goal_no,
        goal``; or ``responsible``), ``status`` (every code of
        :data:`STATUS_CODES`, zeros included), ``n`` (measures with that
        status), ``n_measures`` (measures in the group) and ``share``
        (``n / n_measures``). The last rows are the totals, with the first
        group column ``"total"`` and the other group columns empty.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> f = ka.read_followup(ka.demo_path("followup"))
    >>> s = ka.followup_status(f, period="2023-05")
    >>> s[s["theme"] == "total"].set_index("status")["n"].to_dict()
    {'on_track': 25, 'started': 17, 'not_realised': 2, 'not_started': 3, 'missing': 0}
    >>> s.loc[0, ["theme", "status", "n", "n_measures"]].astype(str).tolist()
    ['Läpileikkaavat teemat', 'on_track', '6', '12']
    """
    _check_frame(f)
    check_option("by", by, list(_BY))
    period = _pick_period(f, period)
    sub = f[f["period"].astype(str) == period].copy()
    sub["_status"] = _status_codes(sub)
    keys = _BY[by]
    if by == "responsible":
        sub["responsible"] = sub["responsible"].fillna("").astype(str).str.split(r"\s*\|\s*")
        sub = sub.explode("responsible")
        sub["responsible"] = sub["responsible"].replace("", pd.NA).fillna("?")
    groups: list[tuple] = []
    for k, _ in sub.groupby(keys, sort=False, observed=True, dropna=False):
        groups.append(k if isinstance(k, tuple) else (k,))
    records = []
    for g in groups:
        mask = pd.Series(True, index=sub.index)
        for col, val in zip(keys, g, strict=True):
            mask &= (sub[col].isna()) if pd.isna(val) else (sub[col].astype(object) == val)
        part = sub.loc[mask, "_status"]
        for code in STATUS_CODES:
            records.append((period, *g, code, int((part == code).sum()), int(len(part))))
    whole = f.loc[f["period"].astype(str) == period]
    codes = _status_codes(whole)
    total_key = ("total", *([pd.NA] * (len(keys) - 1)))
    for code in STATUS_CODES:
        records.append((period, *total_key, code, int((codes == code).sum()), int(len(codes))))
    out = pd.DataFrame.from_records(records, columns=["period", *keys, "status", "n", "n_measures"])
    for col in keys:
        out[col] = out[col].astype(object).where(out[col].notna(), None)
        out[col] = pd.array(out[col].to_numpy(), dtype="Int64" if col == "goal_no" else "string")
    out["n"] = out["n"].astype("int64")
    out["n_measures"] = out["n_measures"].astype("int64")
    out["share"] = (out["n"] / out["n_measures"].where(out["n_measures"] > 0)).astype("float64")
    out["status"] = pd.Categorical(out["status"], categories=list(STATUS_CODES))
    return out.reset_index(drop=True)


def _round_pair(f: pd.DataFrame, base: str | None, current: str | None) -> tuple[str, str]:
    periods = _periods(f)
    current = _pick_period(f, current, "current")
    if base is None:
        i = periods.index(current)
        if i == 0:
            raise ParameterError(
                f"current round {current} is the first round; there is no previous round to "
                "compare with"
            )
        base = periods[i - 1]
    base = check_option("base", str(base), periods)
    if periods.index(base) >= periods.index(current):
        raise ParameterError(f"base round {base} must be earlier than current round {current}")
    return base, current


def _movement(b: object, c: object) -> str:
    if b is None:
        return "new"
    if c is None:
        return "dropped"
    if b == "missing" or c == "missing":
        return "no_update"
    if _RANK[c] > _RANK[b]:
        return "improved"
    if _RANK[c] < _RANK[b]:
        return "worsened"
    return "unchanged"


def followup_changes(
    f: pd.DataFrame, base: str | None = None, current: str | None = None
) -> pd.DataFrame:
    """Each measure's status in two rounds and its movement between them.

    Parameters
    ----------
    f : pandas.DataFrame
        A follow-up table from :func:`read_followup`.
    base : str, optional
        The earlier round; the round before ``current`` when omitted.
    current : str, optional
        The later round; the latest when omitted.

    Returns
    -------
    pandas.DataFrame
        One row per measure of either round, in theme/goal/measure order:
        ``theme``, ``goal_no``, ``measure_id``, ``measure`` (the current
        text, else the base text), ``responsible``, ``status_base`` and
        ``status_current`` (status codes, ``"missing"`` = no update, empty =
        the measure is not in that round) and ``movement``, one of
        :data:`MOVEMENTS`.

    Notes
    -----
    Progress order: not started < started < on track; "will not be
    realised" is the worst state, so moving to it is ``worsened``. A missing
    status in either round gives ``no_update``; a measure only in the current
    round is ``new``, only in the base round ``dropped``.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> f = ka.read_followup(ka.demo_path("followup"))
    >>> ch = ka.followup_changes(f, "2023-05", "2023-11")
    >>> ch["movement"].value_counts().to_dict()
    {'unchanged': 35, 'improved': 8, 'worsened': 2, 'no_update': 2, 'new': 0, 'dropped': 0}
    >>> ch.loc[0, ["measure_id", "status_base", "status_current", "movement"]].tolist()
    ['1.1', 'started', 'on_track', 'improved']
    """
    _check_frame(f)
    base, current = _round_pair(f, base, current)
    cols = ["theme", "goal_no", "measure_id", "measure", "responsible"]
    b = f[f["period"].astype(str) == base].copy()
    c = f[f["period"].astype(str) == current].copy()
    b["status_base"] = _status_codes(b)
    c["status_current"] = _status_codes(c)
    for part in (b, c):
        part["theme"] = part["theme"].astype(str)
    merged = pd.merge(
        c[[*cols, "status_current"]],
        b[[*cols, "status_base"]],
        on=["theme", "measure_id"],
        how="outer",
        suffixes=("", "_b"),
        sort=False,
    )
    for col in ("goal_no", "measure", "responsible"):
        merged[col] = merged[col].fillna(merged[f"{col}_b"])
    theme_order = (
        [str(t) for t in f["theme"].cat.categories]
        if isinstance(f["theme"].dtype, pd.CategoricalDtype)
        else list(dict.fromkeys(f["theme"].astype(str)))
    )
    merged["_t"] = merged["theme"].map({t: i for i, t in enumerate(theme_order)})
    merged["_m"] = merged["measure_id"].astype(str).str.split(".").str[1].astype(int)
    merged = merged.sort_values(["_t", "goal_no", "_m"], kind="stable").reset_index(drop=True)
    sb = merged["status_base"].astype(object).where(merged["status_base"].notna(), None)
    sc = merged["status_current"].astype(object).where(merged["status_current"].notna(), None)
    out = merged[cols].copy()
    out["theme"] = pd.Categorical(out["theme"], categories=theme_order)
    out["goal_no"] = out["goal_no"].astype("Int64")
    for col in ("measure_id", "measure", "responsible"):
        out[col] = out[col].astype("string")
    out["status_base"] = pd.array(sb.to_numpy(), dtype="string")
    out["status_current"] = pd.array(sc.to_numpy(), dtype="string")
    out["movement"] = pd.Categorical(
        [_movement(x, y) for x, y in zip(sb, sc, strict=True)], categories=list(MOVEMENTS)
    )
    return out


def followup_transitions(
    f: pd.DataFrame, base: str | None = None, current: str | None = None
) -> pd.DataFrame:
    """Cross-tabulate the status in the base round against the current round.

    Parameters
    ----------
    f : pandas.DataFrame
        A follow-up table from :func:`read_followup`.
    base, current : str, optional
        As in :func:`followup_changes`.

    Returns
    -------
    pandas.DataFrame
        Column ``status_base`` (the codes of :data:`STATUS_CODES`, ``"absent"``
        for measures new in the current round, and ``"total"``), then one
        count column per current status code, ``absent`` (dropped measures)
        and ``total``.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> f = ka.read_followup(ka.demo_path("followup"))
    >>> tr = ka.followup_transitions(f)
    >>> tr.set_index("status_base").loc["started", ["on_track", "started", "not_realised"]].tolist()
    [6, 10, 1]
    >>> int(tr.loc[tr["status_base"] == "total", "total"].iloc[0])
    47
    """
    changes = followup_changes(f, base, current)
    levels = [*STATUS_CODES, "absent"]
    sb = changes["status_base"].fillna("absent").astype(str)
    sc = changes["status_current"].fillna("absent").astype(str)
    table = pd.crosstab(
        pd.Categorical(sb, categories=levels),
        pd.Categorical(sc, categories=levels),
        dropna=False,
    )
    table = table.reindex(index=levels, columns=levels, fill_value=0).astype("int64")
    table["total"] = table.sum(axis=1)
    table.loc["total"] = table.sum(axis=0)
    table.index.name = "status_base"
    table.columns.name = None
    table = table.reset_index()
    table["status_base"] = table["status_base"].astype(str)
    return table


def followup_open_measures(
    f: pd.DataFrame,
    *,
    period: str | None = None,
    statuses: Iterable[str] = ("not_started", "not_realised"),
) -> pd.DataFrame:
    """List the measures not started or not to be realised, with their reason text.

    Parameters
    ----------
    f : pandas.DataFrame
        A follow-up table from :func:`read_followup`.
    period : str, optional
        The monitoring round; the latest when omitted.
    statuses : iterable of str, default ("not_started", "not_realised")
        The status codes to list (``"missing"`` lists measures without update).

    Returns
    -------
    pandas.DataFrame
        Columns ``period``, ``theme``, ``goal_no``, ``measure_id``,
        ``measure``, ``responsible``, ``status`` and ``reason`` (the "what has
        been done" text, which gives the reason when a measure will not be
        realised), in theme/goal/measure order.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> f = ka.read_followup(ka.demo_path("followup"))
    >>> ka.followup_open_measures(f, period="2023-05")[["measure_id", "status"]].values.tolist()[:2]
    [['1.3', 'not_realised'], ['2.3', 'not_started']]
    """
    _check_frame(f)
    period = _pick_period(f, period)
    statuses = [statuses] if isinstance(statuses, str) else list(statuses)
    for s in statuses:
        check_option("statuses", s, STATUS_CODES)
    sub = f[f["period"].astype(str) == period].copy()
    sub["_status"] = _status_codes(sub)
    sub = sub[sub["_status"].isin(statuses)]
    out = sub[["period", "theme", "goal_no", "measure_id", "measure", "responsible"]].copy()
    out["period"] = out["period"].astype(str)
    out["status"] = pd.Categorical(sub["_status"], categories=list(STATUS_CODES))
    out["reason"] = sub["done"].astype("string")
    return out.reset_index(drop=True)

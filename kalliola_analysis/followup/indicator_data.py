"""Strategy indicators: read, validate and prepare their definitions, values and targets.

An indicators folder holds two small tables (CSV or XLSX):

``indicators.csv``, one row per indicator
    ``id``, ``goal`` (strategic goal number), optional ``goal_fi``/``goal_en``
    (the goal's name), ``name_fi``, ``name_en``, ``unit`` (free text; ``count``,
    ``%`` and ``score`` are translated in reports), ``direction`` (``higher``
    or ``lower`` is better), optional ``source`` and ``target_invented``
    (``true`` when the targets are illustrations, not agreed targets), optional
    ``derive`` (the value is computed from a survey instead of typed, see
    :func:`pulse_indicators`: ``pulse:enps``, ``pulse:response_rate``,
    ``pulse:favourable:<question>``, ``pulse:mean:<question>``).
``values.csv``, one row per indicator and period
    ``id``, ``period`` (a year ``2023`` or a month ``2023-11``), ``value`` and
    ``target`` (either may be empty; decimal comma or point).

:func:`read_indicators` joins them into one long, typed table;
:func:`~kalliola_analysis.indicator_status` compares each indicator's value with its target.

Examples
--------
>>> import kalliola_analysis as ka
>>> ind = ka.read_indicators(ka.demo_path("indicators"))
>>> ind["id"].nunique()
13
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from .._validation import check_min_n
from ..errors import (
    DataError,
    DuplicateError,
    EmptyFileError,
    InvalidValueError,
    MissingColumnError,
    ParameterError,
    raise_problems,
)
from ..io.numbers import parse_number
from ..io.writing import read_processed_table, write_processed
from ..periods import period_key
from .files import find_file, read_raw_table
from .indicator_derived import parse_derive, pulse_indicators

__all__ = ["INDICATOR_COLUMNS", "read_indicators", "prepare_indicators"]

#: Columns of the frame :func:`read_indicators` returns, in order.
INDICATOR_COLUMNS = (
    "id",
    "goal",
    "goal_fi",
    "goal_en",
    "name_fi",
    "name_en",
    "unit",
    "direction",
    "source",
    "target_invented",
    "period",
    "value",
    "target",
)
#: The text columns of that frame (the others are goal, target_invented, value, target).
_TEXT_COLUMNS = tuple(
    c for c in INDICATOR_COLUMNS if c not in ("goal", "target_invented", "value", "target")
)
_DEF_REQUIRED = ("id", "goal", "name_fi", "unit", "direction")
_DEF_OPTIONAL = ("goal_fi", "goal_en", "name_en", "source", "derive", "target_invented")
_VAL_REQUIRED = ("id", "period", "value")

_TRUE = {"true", "1", "yes", "kyllä", "x", "tosi"}
_FALSE = {"false", "0", "no", "ei", "", "epätosi"}


def _number(text: str) -> float | None:
    """Parse ``"22,0"``, ``"1 493"``, ``"15633"``; ``None`` if empty; ``ValueError`` if bad.

    The package's one number parser (:func:`kalliola_analysis.io.numbers.parse_number`).
    """
    return parse_number(text)


def _read_definitions(file: Path) -> pd.DataFrame:
    name = str(file)
    table = read_raw_table(file)
    if table.empty:
        raise EmptyFileError("the file defines no indicators", file=name)
    missing = [c for c in _DEF_REQUIRED if c not in table.columns]
    if missing:
        raise MissingColumnError(
            f"required column(s) {missing} missing; the file has {list(table.columns)}",
            file=name,
            column=missing[0],
            row=1,
        )
    for c in _DEF_OPTIONAL:
        if c not in table.columns:
            table[c] = ""
    problems: list[DataError] = []
    rows, seen = [], {}
    for row, rec in table.iterrows():
        row = int(row)
        iid = rec["id"].strip()
        if not iid:
            problems.append(InvalidValueError("the id is empty", file=name, column="id", row=row))
            continue
        if iid in seen:
            problems.append(
                DuplicateError(
                    f"indicator {iid!r} is defined twice (first in row {seen[iid]})",
                    file=name,
                    column="id",
                    row=row,
                )
            )
            continue
        seen[iid] = row
        try:
            goal = int(rec["goal"])
        except ValueError:
            problems.append(
                InvalidValueError(
                    f"goal {rec['goal']!r} is not a goal number", file=name, column="goal", row=row
                )
            )
            continue
        direction = rec["direction"].strip().casefold()
        if direction not in ("higher", "lower"):
            problems.append(
                InvalidValueError(
                    f"direction {rec['direction']!r} must be 'higher' or 'lower' (which is better)",
                    file=name,
                    column="direction",
                    row=row,
                )
            )
            continue
        flag = rec["target_invented"].strip().casefold()
        if flag not in _TRUE | _FALSE:
            problems.append(
                InvalidValueError(
                    f"target_invented {rec['target_invented']!r} must be true or false",
                    file=name,
                    column="target_invented",
                    row=row,
                )
            )
            continue
        if not rec["name_fi"].strip():
            problems.append(
                InvalidValueError("the name is empty", file=name, column="name_fi", row=row)
            )
            continue
        derive = rec["derive"].strip()
        if derive and parse_derive(derive) is None:
            problems.append(
                InvalidValueError(
                    f"derive {derive!r} must be '<survey folder>:<figure>' with figure one of "
                    f"'enps', 'response_rate', 'favourable:<question>', 'mean:<question>'",
                    file=name,
                    column="derive",
                    row=row,
                )
            )
            continue
        rows.append(
            {
                "id": iid,
                "goal": goal,
                "goal_fi": rec["goal_fi"].strip() or None,
                "goal_en": rec["goal_en"].strip() or None,
                "name_fi": rec["name_fi"].strip(),
                "name_en": rec["name_en"].strip() or rec["name_fi"].strip(),
                "unit": rec["unit"].strip(),
                "direction": direction,
                "source": rec["source"].strip() or None,
                "derive": derive or None,
                "target_invented": flag in _TRUE,
            }
        )
    raise_problems(problems, file=name if len(problems) > 1 else None)
    return pd.DataFrame(rows)


def _read_values(
    file: Path, known: set[str], derived: frozenset[str] = frozenset()
) -> pd.DataFrame:
    name = str(file)
    table = read_raw_table(file)
    missing = [c for c in _VAL_REQUIRED if c not in table.columns]
    if len(table.columns) and missing:
        raise MissingColumnError(
            f"required column(s) {missing} missing; the file has {list(table.columns)}",
            file=name,
            column=missing[0],
            row=1,
        )
    if "target" not in table.columns:
        table["target"] = ""
    problems: list[DataError] = []
    rows, seen = [], {}
    for row, rec in table.iterrows():
        row = int(row)
        iid = rec["id"].strip()
        if iid not in known:
            problems.append(
                InvalidValueError(
                    f"indicator {iid!r} is not defined in the indicators file",
                    file=name,
                    column="id",
                    row=row,
                )
            )
            continue
        try:
            period_key(rec["period"].strip())
        except ParameterError:
            problems.append(
                InvalidValueError(
                    f"period {rec['period']!r} is not a year (2023) or a month (2023-11)",
                    file=name,
                    column="period",
                    row=row,
                )
            )
            continue
        period = rec["period"].strip()
        key = (iid, period)
        if key in seen:
            problems.append(
                DuplicateError(
                    f"indicator {iid!r} has period {period} twice (first in row {seen[key]})",
                    file=name,
                    column="period",
                    row=row,
                )
            )
            continue
        seen[key] = row
        parsed = {}
        for col in ("value", "target"):
            try:
                parsed[col] = _number(rec[col])
            except ValueError:
                problems.append(
                    InvalidValueError(
                        f"{col} {rec[col]!r} is not a number", file=name, column=col, row=row
                    )
                )
        if len(parsed) == 2 and iid in derived and parsed["value"] is not None:
            problems.append(
                InvalidValueError(
                    f"indicator {iid!r} is derived from a survey (column derive); leave its "
                    f"value empty, got {rec['value']!r}",
                    file=name,
                    column="value",
                    row=row,
                )
            )
            continue
        if len(parsed) == 2:
            rows.append({"id": iid, "period": period, **parsed})
    raise_problems(problems, file=name if len(problems) > 1 else None)
    return pd.DataFrame(rows, columns=["id", "period", "value", "target"])


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    order = {iid: i for i, iid in enumerate(dict.fromkeys(out["id"]))}
    out["_o"] = out["id"].map(order)
    out = out.sort_values(["_o", "period"], kind="stable", na_position="last")
    out = out.reset_index(drop=True)
    for col in _TEXT_COLUMNS:
        values = out[col].astype(object).where(out[col].notna(), None).to_numpy()
        out[col] = pd.array(values, dtype="string")
    out["goal"] = out["goal"].astype("Int64")
    out["target_invented"] = out["target_invented"].astype(bool)
    for col in ("value", "target"):
        out[col] = pd.array(pd.to_numeric(out[col]).to_numpy(), dtype="Float64")
    return out[list(INDICATOR_COLUMNS)]


def read_indicators(path: str | os.PathLike, *, survey=None, min_n: int = 5) -> pd.DataFrame:
    """Read and validate strategy indicators: definitions joined with values per period.

    Parameters
    ----------
    path : path-like
        An ``indicators`` folder: raw (``indicators.csv``/``.xlsx`` and
        ``values.csv``/``.xlsx``) or processed (``indicators.parquet``, which
        holds the derived values computed when it was prepared).
    survey : Survey, optional
        The survey the ``derive`` indicators are computed from. Default: the
        folder the ``derive`` spec names (``pulse`` in ``pulse:enps``) beside
        ``path``, read with :func:`~kalliola_analysis.read_survey`; when there
        is none, the derived indicators have no values.
    min_n : int, default 5
        Anonymity threshold of the derived figures (see :func:`pulse_indicators`).

    Returns
    -------
    pandas.DataFrame
        One row per indicator and period (an indicator without any values
        has one row with an empty period), columns :data:`INDICATOR_COLUMNS`:
        ``id``, ``goal`` (Int64), ``goal_fi``, ``goal_en``, ``name_fi``,
        ``name_en``, ``unit``, ``direction`` (``higher``/``lower``),
        ``source``, ``target_invented`` (bool), ``period`` (``2023`` or ``2023-11``),
        ``value`` and ``target`` (Float64, ``<NA>`` = none). A derived
        indicator has a row for every survey period (its value as
        :func:`pulse_indicators` gives it) and for every period of
        ``values.csv`` (its target).

    Raises
    ------
    kalliola_analysis.errors.DataError
        A missing column, a duplicate indicator or indicator-period, an
        unknown direction, a value for an undefined indicator, a value that
        is not a number; each names the file, the column and the row.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> ind = ka.read_indicators(ka.demo_path("indicators"))
    >>> ind.loc[ind["id"] == "employer_nps", ["period", "value", "target"]].values.tolist()
    [['2022-10', 16.3, <NA>], ['2023-05', 20.8, 20.0], ['2023-11', 22.0, 25.0]]

    The employer NPS is derived from the pulse survey beside the indicators
    folder (``derive = pulse:enps``), not typed in.
    """
    path = Path(path)
    if path.is_file():
        path = path.parent
    defs_file = find_file(path, "indicators", "indicators")
    if defs_file.suffix.lower() == ".parquet":
        return _typed(read_processed_table(defs_file, columns=INDICATOR_COLUMNS))
    min_n = check_min_n(min_n)
    defs = _read_definitions(defs_file)
    values_file = find_file(path, "values", "indicators")
    specs = {str(i): str(d) for i, d in zip(defs["id"], defs["derive"], strict=True) if pd.notna(d)}
    values = _read_values(values_file, set(defs["id"]), frozenset(specs))
    if specs:
        derived = pd.concat(
            [
                pulse_indicators(s, {i: specs[i] for i in ids}, min_n=min_n)
                for s, ids in _surveys_for(specs, path, survey)
            ]
            or [pd.DataFrame(columns=["id", "period", "value"])],
            ignore_index=True,
        )[["id", "period", "value"]]
        derived["value"] = derived["value"].astype("float64")
        typed = values[~values["id"].isin(list(specs))]
        targets = values.loc[values["id"].isin(list(specs)), ["id", "period", "target"]]
        values = pd.concat(
            [typed, derived.merge(targets, on=["id", "period"], how="outer")],
            ignore_index=True,
        )
    return _typed(defs.merge(values, on="id", how="left"))


def _surveys_for(specs: dict[str, str], path: Path, survey) -> list[tuple[object, list[str]]]:
    """Pair each survey with the derived indicators it gives (folders beside ``path``)."""
    if survey is not None:
        return [(survey, list(specs))]
    from ..survey.reading import read_survey

    by_folder: dict[str, list[str]] = {}
    for iid, spec in specs.items():
        by_folder.setdefault(parse_derive(spec)[0], []).append(iid)
    out = []
    for folder, ids in by_folder.items():
        where = path.parent / folder
        if (where / "dataset.toml").is_file():
            out.append((read_survey(where), ids))
    return out


def prepare_indicators(
    raw_dir: str | os.PathLike, out_dir: str | os.PathLike, *, salt: str | None = None
) -> Path:
    """Validate a raw indicators folder and write ``indicators.parquet`` to ``out_dir``.

    Also copies ``dataset.toml`` and writes ``manifest.json`` with the SHA-256
    of each raw input, through :func:`kalliola_analysis.io.writing.write_processed`
    (every file atomically).

    Parameters
    ----------
    raw_dir : path-like
        The raw ``indicators`` folder (``dataset.toml``, ``indicators`` and ``values`` tables).
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
    ...     out = prepare_indicators(ka.demo_path("indicators"), Path(tmp) / "indicators")
    ...     sorted(p.name for p in out.iterdir())
    ['dataset.toml', 'indicators.parquet', 'manifest.json']
    """
    raw_dir = Path(raw_dir)
    frame = read_indicators(raw_dir)
    inputs = [
        find_file(raw_dir, "indicators", "indicators"),
        find_file(raw_dir, "values", "indicators"),
    ]
    return write_processed(
        out_dir, {"indicators": frame}, raw_dir=raw_dir, source_files=inputs, kind="indicators"
    )

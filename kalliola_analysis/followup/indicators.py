"""Strategy indicators: definitions, values and targets per period, status against target.

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
:func:`indicator_status` compares each indicator's value with its target.

Examples
--------
>>> import kalliola_analysis as ka
>>> ind = ka.read_indicators(ka.demo_path("indicators"))
>>> ind["id"].nunique()
13
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pandas as pd

from .._validation import check_min_n, check_option
from ..errors import (
    DataError,
    DuplicateError,
    EmptyFileError,
    InvalidValueError,
    MissingColumnError,
    ParameterError,
    raise_problems,
)
from ..i18n.strings import check_lang, t
from ..io.dataset import is_ignored, read_dataset_info
from ..io.numbers import parse_number
from ..io.writing import read_processed_table, write_processed
from .analysis import _find_file, _read_raw_table

__all__ = [
    "INDICATOR_COLUMNS",
    "INDICATOR_STATUS_CODES",
    "INDICATOR_STATUS_SYMBOLS",
    "read_indicators",
    "indicator_status",
    "indicator_status_label",
    "prepare_indicators",
    "find_indicators",
    "pulse_indicators",
    "DERIVED_FIGURES",
]

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

#: Status of an indicator against its target.
INDICATOR_STATUS_CODES = ("on_track", "behind", "no_data", "no_target")
#: A symbol per status, so that a status is never shown by colour alone; the
#: labels are the UI strings ``"indicators.status.<code>"`` of :mod:`kalliola_analysis.i18n.strings`.
#: No arrow: ▲ / ▼ mean improved / worsened in every table of the reports (issue 11).
INDICATOR_STATUS_SYMBOLS = {"on_track": "●", "behind": "◆", "no_data": "–", "no_target": "○"}

_PERIOD = re.compile(r"^(\d{4})(?:-(\d{2}))?$")
_TRUE = {"true", "1", "yes", "kyllä", "x", "tosi"}
_FALSE = {"false", "0", "no", "ei", "", "epätosi"}


def _number(text: str) -> float | None:
    """Parse ``"22,0"``, ``"1 493"``, ``"15633"``; ``None`` if empty; ``ValueError`` if bad.

    The package's one number parser (:func:`kalliola_analysis.io.numbers.parse_number`).
    """
    return parse_number(text)


def _read_definitions(file: Path) -> pd.DataFrame:
    name = str(file)
    table = _read_raw_table(file)
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
        if derive and _parse_derive(derive) is None:
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
    table = _read_raw_table(file)
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
        m = _PERIOD.match(rec["period"].strip())
        if not m or (m.group(2) and not 1 <= int(m.group(2)) <= 12):
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
    defs_file = _find_file(path, "indicators", "indicators")
    if defs_file.suffix.lower() == ".parquet":
        return _typed(read_processed_table(defs_file, columns=INDICATOR_COLUMNS))
    min_n = check_min_n(min_n)
    defs = _read_definitions(defs_file)
    values_file = _find_file(path, "values", "indicators")
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


def _parse_derive(text: str) -> tuple[str, str, str | None] | None:
    """``"pulse:favourable:q"`` -> ``("pulse", "favourable", "q")``; None if malformed."""
    parts = [p.strip() for p in str(text).split(":")]
    if len(parts) == 2 and parts[0] and parts[1] in ("enps", "response_rate"):
        return parts[0], parts[1], None
    if len(parts) == 3 and parts[0] and parts[1] in ("favourable", "mean") and parts[2]:
        return parts[0], parts[1], parts[2]
    return None


def _surveys_for(specs: dict[str, str], path: Path, survey) -> list[tuple[object, list[str]]]:
    """Pair each survey with the derived indicators it gives (folders beside ``path``)."""
    if survey is not None:
        return [(survey, list(specs))]
    from ..survey.reading import read_survey

    by_folder: dict[str, list[str]] = {}
    for iid, spec in specs.items():
        by_folder.setdefault(_parse_derive(spec)[0], []).append(iid)
    out = []
    for folder, ids in by_folder.items():
        where = path.parent / folder
        if (where / "dataset.toml").is_file():
            out.append((read_survey(where), ids))
    return out


#: The figures an indicator can be derived from (the ``derive`` column), with the
#: decimals its value keeps: as the pulse report prints it.
DERIVED_FIGURES = {"enps": 1, "response_rate": 0, "favourable": 0, "mean": 1}


def pulse_indicators(survey, derive: dict[str, str], *, min_n: int = 5) -> pd.DataFrame:
    """Compute indicator values from a survey, one per indicator and survey period.

    Parameters
    ----------
    survey : Survey
        The survey (usually the pulse).
    derive : dict of str to str
        ``{indicator id: spec}``; a spec is ``"<folder>:<figure>"`` with figure
        ``enps`` (the employer NPS), ``response_rate`` (per cent),
        ``favourable:<question>`` (per cent favourable of a Likert statement,
        see :func:`~kalliola_analysis.survey.codebook.favourable_options`) or
        ``mean:<question>``. The folder part names where
        :func:`read_indicators` finds the survey; it is not used here.
    min_n : int, default 5
        Anonymity threshold: the figures come from :func:`enps`,
        :func:`response_rates` and :func:`likert_summary` by period, which
        hide a figure of fewer than ``min_n`` answers.

    Returns
    -------
    pandas.DataFrame
        ``id``, ``period`` (the survey period, ``"2023-11"``), ``value``
        (Float64: rounded as the report prints it -- eNPS and means to one
        decimal, percentages to whole per cent, half up; ``<NA>`` when hidden)
        and ``suppressed`` (why hidden, or ``<NA>``). A statement not asked in
        a period gives no row for it.

    Raises
    ------
    kalliola_analysis.errors.ParameterError
        A malformed spec, or a question the survey does not have.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> pulse = ka.load_demo("pulse")
    >>> v = ka.pulse_indicators(pulse, {"nps": "pulse:enps", "rate": "pulse:response_rate",
    ...                                 "meaning": "pulse:favourable:meaningful_work"})
    >>> v[v["period"] == "2023-11"][["id", "value"]].values.tolist()
    [['nps', 22.0], ['rate', 81.0], ['meaning', 90.0]]
    """
    from ..formatting import _decimal, _round
    from ..survey.likert import likert_summary
    from ..survey.nps import enps
    from ..survey.response_rates import response_rates

    min_n = check_min_n(min_n)
    rows = []
    for iid, spec in derive.items():
        parsed = _parse_derive(spec)
        if parsed is None:
            raise ParameterError(
                f"derive[{iid!r}] must be '<folder>:<figure>' with figure 'enps', "
                f"'response_rate', 'favourable:<question>' or 'mean:<question>', got {spec!r}"
            )
        _, figure, question = parsed
        if figure == "enps":
            table, column, scale = enps(survey, by="period", min_n=min_n), "enps", 1.0
        elif figure == "response_rate":
            table, column, scale = response_rates(survey, by="period", min_n=min_n), "rate", 100.0
        else:
            table = likert_summary(survey, by="period", questions=question, min_n=min_n)
            column, scale = ("favourable", 100.0) if figure == "favourable" else ("mean", 1.0)
        for rec in table.itertuples(index=False):
            reason = getattr(rec, "suppressed", None)
            reason = None if reason is None or pd.isna(reason) else str(reason)
            if reason == "not asked":
                continue
            raw = getattr(rec, column)
            value = (
                None
                if pd.isna(raw)
                else float(_round(_decimal(float(raw) * scale, "value"), DERIVED_FIGURES[figure]))
            )
            rows.append(
                {"id": iid, "period": str(rec.period), "value": value, "suppressed": reason}
            )
    out = pd.DataFrame(rows, columns=["id", "period", "value", "suppressed"])
    out["id"] = out["id"].astype("string")
    out["period"] = out["period"].astype("string")
    out["value"] = pd.array(
        [None if v is None else v for v in out["value"].astype(object)], dtype="Float64"
    )
    out["suppressed"] = out["suppressed"].astype("string")
    return out


def prepare_indicators(
    raw_dir: str | os.PathLike, out_dir: str | os.PathLike, *, salt: str | None = None
) -> Path:
    """Validate a raw indicators folder and write ``indicators.parquet`` to ``out_dir``.

    Also copies ``dataset.toml`` and writes ``manifest.json`` with the SHA-256
    of each raw input, through :func:`kalliola_analysis.prepare.write_processed`
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
        _find_file(raw_dir, "indicators", "indicators"),
        _find_file(raw_dir, "values", "indicators"),
    ]
    return write_processed(
        out_dir, {"indicators": frame}, raw_dir=raw_dir, source_files=inputs, kind="indicators"
    )


def _period_key(p: str) -> tuple[int, int]:
    m = _PERIOD.match(p)
    return (int(m.group(1)), int(m.group(2) or 0)) if m else (0, 0)


def indicator_status_label(code: str, lang: str = "fi", *, symbol: bool = True) -> str:
    """Return the label of an indicator status, with its symbol in front by default.

    Parameters
    ----------
    code : str
        A status of :data:`INDICATOR_STATUS_CODES` (the ``status`` column of
        :func:`indicator_status`).
    lang : {"fi", "en"}, default "fi"
    symbol : bool, default True
        Put the status symbol (●, ◆, –, ○) in front of the label.

    Returns
    -------
    str

    Examples
    --------
    >>> indicator_status_label("behind"), indicator_status_label("no_data", "en", symbol=False)
    ('◆ Jäljessä', 'No data')
    """
    check_lang(lang)
    check_option("status", code, INDICATOR_STATUS_CODES)
    text = t(f"indicators.status.{code}", lang)
    return f"{INDICATOR_STATUS_SYMBOLS[code]} {text}" if symbol else text


def _status(value, target, direction: str) -> str:
    if pd.isna(value):
        return "no_data"
    if pd.isna(target):
        return "no_target"
    ok = value >= target if direction == "higher" else value <= target
    return "on_track" if ok else "behind"


def _as_of_key(as_of: object, name: str = "as_of") -> tuple[int, int]:
    """Return the sort key of a ``"YYYY"``/``"YYYY-MM"`` period, else raise ParameterError."""
    m = _PERIOD.match(as_of) if isinstance(as_of, str) else None
    if m is None or (m.group(2) and not 1 <= int(m.group(2)) <= 12):
        raise ParameterError(f'{name} must be a period "YYYY" or "YYYY-MM", got {as_of!r}')
    return _period_key(as_of)


def _not_after(periods: pd.Series, as_of: str) -> pd.Series:
    """Mask of ``periods`` (``"2023"``/``"2023-11"``/missing) not after ``as_of``.

    A year counts from its start: ``"2023"`` is not after ``"2023-01"``, and
    ``as_of="2023"`` admits the yearly ``"2023"`` but no month of 2023. A
    missing period is never admitted.
    """
    limit = _as_of_key(as_of)
    keep = [isinstance(p, str) and _period_key(p) <= limit for p in periods.astype(object)]
    return pd.Series(keep, index=periods.index, dtype=bool)


def indicator_status(
    ind: pd.DataFrame, *, period: str | None = None, as_of: str | None = None
) -> pd.DataFrame:
    """Compare each indicator's value with its target and with the previous period.

    Parameters
    ----------
    ind : pandas.DataFrame
        Indicators from :func:`read_indicators`.
    period : str, optional
        The period to report exactly (``"2023"``, ``"2023-11"``); it must be
        a period of ``ind``. When omitted, each indicator's latest period that
        has a value (or its first period if none has).
    as_of : str, optional
        A report date, ``"YYYY-MM"`` (or ``"YYYY"``), which need not be a
        period of ``ind``: each indicator's latest period **not after**
        ``as_of`` that has a value (or its first period not after ``as_of``
        if none has; no period at all if it has none). Later values are
        ignored, also as the previous value. Not together with ``period``.

    Returns
    -------
    pandas.DataFrame
        One row per indicator, in file order: ``id``, ``goal``, ``name_fi``,
        ``name_en``, ``unit``, ``direction``, ``target_invented``, ``period``,
        ``value``, ``target``, ``status`` (``on_track``: the value meets the
        target in the better direction; ``behind``; ``no_data``: no value;
        ``no_target``), ``previous_period`` (the latest earlier period with a
        value), ``previous_value``, ``change`` (``value - previous_value``)
        and ``change_pct`` (the change in per cent of the previous value).

    Raises
    ------
    kalliola_analysis.errors.ParameterError
        ``ind`` is not an indicators table; ``period`` is not one of its
        periods; ``as_of`` is not a ``"YYYY"``/``"YYYY-MM"`` period; both
        ``period`` and ``as_of`` are given.

    Notes
    -----
    Periods are ordered by (year, month) with a yearly period at month 0: a
    year counts from its start. So ``"2022" < "2023" < "2023-01" < "2023-11"``,
    ``as_of="2023-05"`` can report the yearly ``"2023"`` value, and
    ``as_of="2023"`` reports the yearly ``"2023"`` value but not ``"2023-05"``.
    ``change = value - previous_value`` and
    ``change_pct = 100 * change / previous_value`` (``<NA>`` when the previous
    value is 0 or missing).

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> ind = ka.load_demo("indicators")
    >>> st = ka.indicator_status(ind)
    >>> st.loc[0, ["id", "period", "status", "previous_period"]].tolist()
    ['facebook_followers', '2023', 'on_track', '2022']
    >>> float(st.loc[0, "change"])
    230.0
    >>> round(float(st.loc[0, "change_pct"]), 1)
    6.0

    As of a report round that no indicator has: the latest value known then.

    >>> st = ka.indicator_status(ind, as_of="2023-08").set_index("id")
    >>> nps = st.loc["employer_nps"]
    >>> nps["period"], float(nps["value"]), nps["previous_period"]
    ('2023-05', 20.8, '2022-10')
    >>> st.loc["facebook_followers", "period"]  # a year counts from its start
    '2023'
    """
    if not isinstance(ind, pd.DataFrame) or any(c not in ind.columns for c in INDICATOR_COLUMNS):
        raise ParameterError("ind must be the DataFrame read_indicators returns")
    if period is not None and as_of is not None:
        raise ParameterError("give period (an exact period) or as_of (a report date), not both")
    known = _not_after(ind["period"], as_of) if as_of is not None else None
    if period is not None:
        period = str(period)
        present = set(ind["period"].dropna().astype(str))
        check_option("period", period, sorted(present, key=_period_key))
    records = []
    for iid, part in ind.groupby("id", sort=False):
        part = part.assign(
            _k=part["period"]
            .astype(object)
            .map(lambda p: _period_key(p) if isinstance(p, str) else (9999, 99))
        ).sort_values("_k", kind="stable")
        first = part.iloc[0]
        if known is not None:
            part = part[known.loc[part.index]]
        with_value = part[part["value"].notna()]
        if period is not None:
            row = part[part["period"] == period]
            cur = row.iloc[0] if len(row) else None
        elif len(with_value):
            cur = with_value.iloc[-1]
        else:
            cur = part.iloc[0] if len(part) else None
        rec = {
            "id": iid,
            "goal": first["goal"],
            "name_fi": first["name_fi"],
            "name_en": first["name_en"],
            "unit": first["unit"],
            "direction": first["direction"],
            "target_invented": bool(first["target_invented"]),
            "period": None if cur is None or pd.isna(cur["period"]) else cur["period"],
            "value": None if cur is None else cur["value"],
            "target": None if cur is None else cur["target"],
        }
        rec["status"] = _status(rec["value"], rec["target"], rec["direction"])
        prev = None
        if rec["period"] is not None:
            earlier = with_value[with_value["_k"] < _period_key(rec["period"])]
            prev = earlier.iloc[-1] if len(earlier) else None
        rec["previous_period"] = None if prev is None else prev["period"]
        rec["previous_value"] = None if prev is None else prev["value"]
        records.append(rec)
    out = pd.DataFrame.from_records(records)
    for col in ("id", "name_fi", "name_en", "unit", "direction", "period", "previous_period"):
        out[col] = pd.array(out[col].astype(object).where(out[col].notna(), None), dtype="string")
    out["goal"] = out["goal"].astype("Int64")
    for col in ("value", "target", "previous_value"):
        out[col] = pd.array(
            pd.to_numeric(out[col].astype(object).where(out[col].notna(), None)).to_numpy(),
            dtype="Float64",
        )
    out["change"] = out["value"] - out["previous_value"]
    prev = out["previous_value"].where(out["previous_value"] != 0)
    out["change_pct"] = out["change"] / prev * 100
    out["status"] = pd.Categorical(out["status"], categories=list(INDICATOR_STATUS_CODES))
    return out


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

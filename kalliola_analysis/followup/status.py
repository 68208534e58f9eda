"""Action-plan follow-up analysis: status counts of a round, changes between rounds.

Each function takes the frame :func:`~kalliola_analysis.read_followup` returns
and returns a tidy DataFrame (or the list of rounds).

Examples
--------
>>> import kalliola_analysis as ka
>>> f = ka.read_followup(ka.demo_path("followup"))
>>> followup_rounds(f), previous_round(f, "2023-11")
(['2023-05', '2023-11'], '2023-05')
"""

from __future__ import annotations

import os
from collections.abc import Iterable

import pandas as pd

from .._validation import check_option
from ..errors import ParameterError
from ..periods import previous_period
from .data import FOLLOWUP_COLUMNS, read_followup
from .labels import MOVEMENTS, STATUS_CODES

__all__ = [
    "followup_status",
    "followup_changes",
    "followup_transitions",
    "followup_open_measures",
    "followup_rounds",
    "previous_round",
]

#: Progress order used for "improved"/"worsened": not started < started < on
#: track; "will not be realised" is the worst (terminal) state.
_RANK = {"not_realised": -1, "not_started": 0, "started": 1, "on_track": 2}


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
    return previous_period(rounds, check_option("period", str(period), rounds))


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
        base = previous_period(periods, current)
        if base is None:
            raise ParameterError(
                f"current round {current} is the first round; there is no previous round to "
                "compare with"
            )
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

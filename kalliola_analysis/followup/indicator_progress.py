"""Where each strategy indicator stands: its value against its target and the previous period.

:func:`indicator_status` compares each indicator's value with its target and
with its previous value; :func:`indicator_history` gives the values over
time, as known at a report date. Both take the frame
:func:`~kalliola_analysis.read_indicators` returns, and both order periods
and apply a report date with :mod:`kalliola_analysis.periods` (a year counts
from its start).

Examples
--------
>>> import kalliola_analysis as ka
>>> ind = ka.load_demo("indicators")
>>> ka.indicator_status(ind, as_of="2022-12").loc[0, ["id", "period", "status"]].tolist()
['facebook_followers', '2022', 'no_target']
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from .._validation import check_option
from ..errors import ParameterError
from ..periods import not_after, period_key
from .indicator_data import INDICATOR_COLUMNS
from .labels import INDICATOR_STATUS_CODES

__all__ = ["indicator_status", "indicator_history"]


def _status(value, target, direction: str) -> str:
    if pd.isna(value):
        return "no_data"
    if pd.isna(target):
        return "no_target"
    ok = value >= target if direction == "higher" else value <= target
    return "on_track" if ok else "behind"


def indicator_status(
    ind: pd.DataFrame, *, period: str | None = None, as_of: str | None = None
) -> pd.DataFrame:
    """Compare each indicator's value with its target and with the previous period.

    Parameters
    ----------
    ind : pandas.DataFrame
        Indicators from :func:`~kalliola_analysis.read_indicators`.
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
    known = not_after(ind["period"], as_of) if as_of is not None else None
    if period is not None:
        period = str(period)
        present = set(ind["period"].dropna().astype(str))
        check_option("period", period, sorted(present, key=period_key))
    records = []
    for iid, part in ind.groupby("id", sort=False):
        part = part.assign(
            _k=part["period"]
            .astype(object)
            .map(lambda p: period_key(p) if isinstance(p, str) else (9999, 99))
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
            earlier = with_value[with_value["_k"] < period_key(rec["period"])]
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


_HISTORY_COLUMNS = ["id", "period", "value", "target"]


def indicator_history(
    ind: pd.DataFrame, *, as_of: str | Mapping[str, str | None] | None = None
) -> pd.DataFrame:
    """Return each indicator's values and targets over time, as known at a report date.

    Parameters
    ----------
    ind : pandas.DataFrame
        Indicators from :func:`~kalliola_analysis.read_indicators` (the
        columns ``id``, ``period``, ``value`` and ``target`` are used).
    as_of : str or mapping of str to str, optional
        A report date ``"YYYY-MM"`` (or ``"YYYY"``) for every indicator, or
        one per indicator as ``{id: period}`` (an indicator the mapping
        leaves out or maps to ``None`` shows no value): the values of later
        periods are hidden, their targets kept. Periods compare as in
        :func:`indicator_status`: a year counts from its start. ``None``
        hides nothing.

    Returns
    -------
    pandas.DataFrame
        ``id``, ``period``, ``value`` (``<NA>`` when missing or after
        ``as_of``) and ``target``: one row per indicator and period (rows
        without a period are left out), the indicators in the order of
        ``ind``, each one's periods oldest first.

    Raises
    ------
    kalliola_analysis.errors.ParameterError
        ``ind`` lacks a column, or ``as_of`` is not a ``"YYYY"``/``"YYYY-MM"`` period.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> ind = ka.load_demo("indicators")
    >>> h = ka.indicator_history(ind, as_of="2022-12")
    >>> h[h["id"] == "facebook_followers"].values.tolist()[:2]
    [['facebook_followers', '2022', 3841.0, <NA>], ['facebook_followers', '2023', <NA>, 4000.0]]

    The table of :func:`~kalliola_analysis.style_indicator_table` draws each
    indicator's trend up to the period its status shows:

    >>> st = ka.indicator_status(ind, as_of="2022-12")
    >>> h = ka.indicator_history(ind, as_of=dict(zip(st["id"], st["period"])))
    >>> h.loc[h["value"].notna(), "period"].max()
    '2022-10'
    """
    missing = [c for c in _HISTORY_COLUMNS if not isinstance(ind, pd.DataFrame) or c not in ind]
    if missing:
        raise ParameterError(
            f"ind must be the DataFrame read_indicators returns; it lacks {missing}"
        )
    out = ind.loc[ind["period"].notna(), _HISTORY_COLUMNS]
    if isinstance(as_of, Mapping):
        keep = pd.Series(False, index=out.index)
        for iid, limit in as_of.items():
            if limit is not None and not pd.isna(limit):
                keep |= (out["id"] == iid) & not_after(out["period"], str(limit))
        out = out.assign(value=out["value"].where(keep))
    elif as_of is not None:
        out = out.assign(value=out["value"].where(not_after(out["period"], as_of)))
    order = {iid: i for i, iid in enumerate(dict.fromkeys(out["id"].astype(str)))}
    out = out.assign(_o=out["id"].astype(str).map(order), _p=out["period"].astype(str))
    out = out.sort_values(["_o", "_p"], kind="stable")
    return out[_HISTORY_COLUMNS].reset_index(drop=True)

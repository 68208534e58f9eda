"""Participation in a materiality analysis: visits and prioritisations per group and round."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._validation import check_min_n
from ..privacy.suppression import suppress
from ._data import Materiality

__all__ = ["materiality_participation"]

PARTICIPATION_COLUMNS = [
    "group",
    "round",
    "level",
    "visits",
    "prioritisations",
    "per_visit",
    "suppressed",
]


def materiality_participation(
    m: Materiality, *, min_n: int = 5, group_totals: bool = True
) -> pd.DataFrame:
    """Count visits and prioritisations per stakeholder group and round, with totals.

    The shape of the table Kalliola published: one row per group and round
    (collection round or channel), then optionally a row per group, then the
    overall total.

    Parameters
    ----------
    m : Materiality
        The data (:func:`read_materiality`).
    min_n : int, default 5
        Anonymity threshold: rows with fewer visits are hidden, together with
        the rows that would let them be recovered by subtraction
        (:func:`kalliola_analysis.suppress`).
    group_totals : bool, default True
        Add a row per group (``level == "group"``). Without them the table has
        the published shape: the round rows and the total.

    Returns
    -------
    pandas.DataFrame
        Columns ``group``, ``round`` (``<NA>`` on total rows), ``level``
        (``"round"``, ``"group"`` or ``"total"``), ``visits`` (Int64),
        ``prioritisations`` (Int64: topics picked or ranked), ``per_visit``
        (prioritisations per visit), ``suppressed`` (why a row is hidden,
        ``<NA>`` if shown).

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> m = ka.load_demo("materiality")
    >>> t = ka.materiality_participation(m, group_totals=False)
    >>> t[["group", "round", "visits", "prioritisations"]]
                    group      round  visits  prioritisations
    0           Asiakkaat  kierros 1      70              648
    1           Asiakkaat  kierros 2      52              502
    2          Henkilöstö  kierros 1      61              604
    3          Henkilöstö  kierros 2      79              773
    4  Yhteistyökumppanit  kierros 1      63              913
    5  Yhteistyökumppanit  kierros 2      85             1246
    6                <NA>       <NA>     410             4686
    """
    min_n = check_min_n(min_n)
    picks = m.prioritisations.groupby("visit_id").size()
    v = m.visits.assign(k=m.visits["visit_id"].map(picks).fillna(0).astype(int))

    def _table(keys: list[str]) -> pd.DataFrame:
        if keys:
            t = v.groupby(keys, observed=True, sort=True).agg(
                visits=("visit_id", "size"), prioritisations=("k", "sum")
            )
            t = t.reset_index()
        else:
            t = pd.DataFrame({"visits": [len(v)], "prioritisations": [int(v["k"].sum())]})
        t["per_visit"] = t["prioritisations"] / t["visits"]
        t["prioritisations"] = t["prioritisations"].astype("Int64")
        return suppress(
            t,
            by=keys or None,
            min_n=min_n,
            n_column="visits",
            value_columns=["prioritisations", "per_visit"],
            key_columns=(),
        )

    parts = [_table(["group", "round"]).assign(level="round")]
    if group_totals:
        parts.append(_table(["group"]).assign(level="group"))
    parts.append(_table([]).assign(level="total"))
    out = pd.concat(parts, ignore_index=True)
    for c in ("group", "round"):
        out[c] = out[c].astype("string") if c in out else pd.array([pd.NA] * len(out), "string")
    if group_totals:  # each group's rows together: its rounds, then its total
        order = {g: i for i, g in enumerate(m.groups)}
        key = out["group"].map(order).fillna(len(order)).astype(int)
        out = out.iloc[np.lexsort((out["level"].eq("group"), key))].reset_index(drop=True)
    out["prioritisations"] = out["prioritisations"].astype("Int64")
    out["per_visit"] = out["per_visit"].astype(float)
    return out[PARTICIPATION_COLUMNS]

"""Response rates: responses received against the headcount invited."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._validation import as_column_list, check_min_n
from ..errors import InvitationError, ParameterError
from ..privacy.complementary import FEWER_THAN
from ..privacy.suppression import blank
from .counts import survey_groups
from .disclosure import release_decision
from .groups import project

__all__ = ["response_rates"]


def response_rates(
    survey,
    *,
    by: str | list[str] | None = "period",
    min_n: int = 5,
) -> pd.DataFrame:
    """Compute response rates per period and/or unit.

    Parameters
    ----------
    survey : Survey
        A survey with invitations (``period``, ``unit``, ``invited``).
    by : {"period", "unit", ["period", "unit"], ["unit", "period"], None}, default "period"
        Group columns; invitations are known per period and unit only.
        ``None`` gives the whole organisation over all periods.
    min_n : int, default 5
        Anonymity threshold: a group with fewer respondents shows neither its
        response count nor its rate; complementary suppression by the
        survey's group-level decision (:func:`hidden_cells` with
        ``questions=None``), so a group hidden here is hidden for every
        question too.

    Returns
    -------
    pandas.DataFrame
        ``*by`` (categorical), ``responded`` (``Int64``), ``invited``
        (``int64``), ``rate`` (0-1) and ``suppressed``, one row per group
        with invitations.

    Raises
    ------
    kalliola_analysis.errors.InvitationError
        The survey has no invitations, or a group has more responses than
        people invited.
    kalliola_analysis.errors.ParameterError
        ``by`` names a column other than ``period`` and ``unit``.

    Notes
    -----
    :math:`\\text{rate} = \\text{responded} / \\text{invited}`, where responded
    counts every response (also those that skipped every question). A response
    count below ``min_n`` is itself a figure computed from fewer than ``min_n``
    respondents, so it is hidden like any other.

    Only the invitations of the periods present in the responses count, so a
    survey narrowed with ``survey.subset(...)`` to some periods gives their
    rates; invitations are not known per background group, so a subset by a
    background column does not give a meaningful rate.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> pulse = ka.load_demo("pulse")
    >>> ka.response_rates(pulse, by="period").round(2)
        period  responded  invited  rate suppressed
    0  2022-10         60       85  0.71       <NA>
    1  2023-05         64       88  0.73       <NA>
    2  2023-11         71       88  0.81       <NA>
    """
    min_n = check_min_n(min_n)
    if survey.invitations is None:
        raise InvitationError(
            "the survey has no invitations, so response rates cannot be computed; "
            "add invitations.csv with period, unit, invited",
            file="invitations",
        )
    by_cols = as_column_list(by, survey.responses.columns)
    for col in by_cols:
        if col not in ("period", "unit"):
            raise ParameterError(
                f"by must name only 'period' and 'unit' (invitations are known per period and "
                f"unit), got {by!r}"
            )
    inv = survey.invitations
    # only the periods the responses cover (a survey.subset keeps every invitation row)
    inv = inv[inv["period"].astype(str).isin(survey.periods)]
    inv_keys = inv[by_cols].astype(str) if by_cols else pd.DataFrame(index=inv.index)
    resp = survey.responses
    if by_cols:
        invited = inv.assign(**{c: inv_keys[c] for c in by_cols}).groupby(by_cols)["invited"].sum()
        # one bincount over the categorical codes, shared with the other functions
        groups = project(
            survey_groups(survey, ("period", *sorted(set(by_cols) - {"period"}))), by_cols
        )[0]
        got = groups.frame.assign(responded=groups.size)
        for col in by_cols:
            got[col] = got[col].astype(str)
        responded = got.set_index(by_cols)["responded"]
        keys = invited.index
        responded = responded.reindex(keys.union(responded.index)).fillna(0).astype(np.int64)
        invited = invited.reindex(responded.index)
    else:
        responded = pd.Series([len(resp)], dtype=np.int64)
        invited = pd.Series([int(inv["invited"].sum())], dtype=float)
    missing = invited.isna().to_numpy()
    if missing.any():
        key = responded.index[np.flatnonzero(missing)[0]]
        raise InvitationError(
            f"no invitation count for {dict(zip(by_cols, np.atleast_1d(key), strict=False))}, "
            f"which has {int(responded.iloc[np.flatnonzero(missing)[0]])} responses",
            file="invitations",
            column="invited",
        )
    over = responded.to_numpy() > invited.to_numpy()
    if over.any():
        i = int(np.flatnonzero(over)[0])
        where = (
            dict(zip(by_cols, np.atleast_1d(responded.index[i]), strict=False))
            if by_cols
            else "the whole organisation"
        )
        raise InvitationError(
            f"{int(responded.iloc[i])} responses but only {int(invited.iloc[i])} invited in "
            f"{where}; a response rate cannot exceed 100 %",
            file="invitations",
            column="invited",
        )
    cols: dict[str, object] = {}
    if by_cols:
        frame = responded.index.to_frame(index=False)
        for col in by_cols:
            dtype = resp[col].dtype
            cats = dtype.categories if isinstance(dtype, pd.CategoricalDtype) else None
            values = frame[col].astype(str)
            if cats is not None:
                extra = [v for v in sorted(set(values)) if v not in set(map(str, cats))]
                cats = list(map(str, cats)) + extra
                cols[col] = pd.Categorical(values, categories=cats, ordered=bool(dtype.ordered))
            else:
                cols[col] = pd.Categorical(values)
    n = responded.to_numpy(dtype=np.int64)
    cols["responded"] = n
    cols["invited"] = invited.to_numpy(dtype=np.int64)
    cols["rate"] = n / invited.to_numpy(dtype=float)
    table = pd.DataFrame(cols)
    if by_cols:
        table = table.sort_values(by_cols, kind="stable").reset_index(drop=True)
    # the survey's one group-level decision (respondents), as every function reads it
    groups, _, reasons = release_decision(survey, by_cols, min_n).table(by_cols)
    known = {
        tuple(str(v) for v in row): r
        for row, r in zip(groups.frame[by_cols].itertuples(index=False), reasons, strict=True)
    }
    fewer = FEWER_THAN.format(min_n=min_n)
    keys = table[by_cols].itertuples(index=False) if by_cols else [()] * len(table)
    why = np.array(
        [
            known.get(tuple(str(v) for v in key), fewer) if got > 0 else fewer
            for key, got in zip(keys, table["responded"], strict=True)
        ],
        dtype=object,
    )
    return blank(table, why, n_column="responded", value_columns=["rate"])

"""Suppression: hide the figures of small groups, and their complements, in any table.

No figure computed from fewer than ``min_n`` answers leaves the library, and
no hidden figure can be recovered by subtracting the visible ones from a total
the user can also request. :func:`suppress` applies the rule
(:mod:`.complementary`) to a researcher's own tables; a survey's release
decision, which every analysis function reads, is
:func:`~kalliola_analysis.hidden_cells` (:mod:`kalliola_analysis.survey.disclosure`).
Respondents who left a background column empty form the group
:data:`~kalliola_analysis.NOT_STATED`.

This module is shared ground below the domains: it knows nothing of surveys.
``suppress(survey=...)`` reads the data set's decision through
:func:`group_decision`, which each domain implements for its own type.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import singledispatch

import numpy as np
import pandas as pd

from .._validation import as_column_list, check_min_n
from ..errors import ParameterError
from .complementary import FEWER_THAN, Seed, cell_reasons, group_codes, parent_ids

__all__ = ["suppress"]


@singledispatch
def group_decision(data, by: list[str], min_n: int) -> tuple[pd.DataFrame, np.ndarray] | None:
    """The group-level release decision of the data set ``data`` for the columns ``by``.

    Returns the groups of ``by`` (a DataFrame with those columns) and why each
    is hidden (``""`` where shown), or None when ``data`` has no such columns.
    Each domain registers its data type (``@group_decision.register``); the
    survey domain registers :class:`~kalliola_analysis.Survey`.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> groups, reasons = group_decision(ka.load_demo("pulse"), ["period"], 5)
    >>> groups["period"].iloc[0], reasons[0]
    ('2022-10', '')
    """
    raise ParameterError(
        f"survey must be a data set with a release decision (a Survey), got {type(data).__name__}"
    )


def _data_seed(data, table: pd.DataFrame, period_key: bool, min_n: int) -> Seed:
    """Seed a researcher's table with the data set's group-level decision of the same columns."""

    def seed(cols: tuple[str, ...], first: np.ndarray) -> np.ndarray | None:
        look = [*cols, "period"] if period_key else list(cols)
        decided = group_decision(data, look, min_n) if look else None
        if decided is None:
            return None
        frame, reasons = decided
        known = {
            tuple(str(v) for v in row): r
            for row, r in zip(frame[look].itertuples(index=False), reasons, strict=True)
        }
        rows = table.iloc[first][look]
        return np.array(
            [known.get(tuple(str(v) for v in row), "") for row in rows.itertuples(index=False)],
            dtype=object,
        )

    return seed


def suppress(
    table: pd.DataFrame,
    *,
    by: str | Sequence[str] | None,
    min_n: int,
    n_column: str = "n",
    value_columns: Sequence[str] | None = None,
    key_columns: Sequence[str] = ("question",),
    survey=None,
) -> pd.DataFrame:
    """Hide the figures of groups with fewer than ``min_n`` answers, and their complements.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per group of ``by`` (and per key, e.g. question), with the
        number of answers behind each row's figures in ``n_column``.
    by : str, list of str or None
        The group columns of ``table``.
    min_n : int
        Anonymity threshold: the smallest number of answers a shown figure may
        rest on.
    n_column : str, default "n"
        Column with the number of answers; set to ``<NA>`` where hidden.
    value_columns : list of str, optional
        Columns set to NaN where hidden. Default: every column that is not a
        ``by``, key, ``n_column`` or ``suppressed`` column and is not boolean.
    key_columns : list of str, default ("question",)
        Columns that separate independent tables (each question is suppressed
        on its own). Names not in ``table`` are ignored.
    survey : Survey, optional
        The survey ``table`` was computed from. Its group-level decision for
        the same columns (see :func:`~kalliola_analysis.hidden_cells`) is applied first, so a
        table of your own (e.g. index scores) hides at least the groups every
        function of the package hides; rows must then name groups by the
        survey's values.

    Returns
    -------
    pandas.DataFrame
        A copy of ``table`` with hidden figures blanked and a string column
        ``suppressed``: ``"fewer than {min_n} answers"``, ``"hidden to protect
        a smaller group"``, or ``<NA>`` where the row is shown. Rows whose
        ``suppressed`` is already set (e.g. ``"not asked"``) are kept as they are.

    Notes
    -----
    1. *Primary suppression*: a row with ``n < min_n`` is hidden (and, with
       ``survey``, every row of a group the survey's decision hides).
    2. *Complementary suppression* (Glint's rule, generalised to several group
       columns): for each column ``c`` of ``by``, the *parent* of a row is the
       same row with ``c`` removed -- the marginal the user can also request
       with ``by`` minus ``c``. Within each parent (and key), consider the
       children with answers (``n > 0``). While the hidden children are not
       empty and either exactly one child is hidden or the hidden children
       together have fewer than ``min_n`` answers, and some child is still
       shown, the shown child with the smallest ``n`` is hidden too (ties: the
       group's values as text, columns in alphabetical order -- never the
       row order). A hidden child that is the only answered child of some
       parent equals that parent; when the marginal table (suppressed by
       these same rules, recursively) shows that parent, the child does not
       count as hidden.
    3. The rule is applied over the columns of ``by`` in alphabetical order
       until nothing changes; it only ever hides more, so it terminates. The
       result does not depend on the order of ``by`` or of the rows.
    4. ``period`` is a key, never a parent: each period is decided from its
       own rows, so a table with a later period added hides the same cells in
       the earlier ones.

    Afterwards, subtracting the shown children from a parent leaves either
    nothing or a residual of at least ``min_n`` answers spread over at least
    two hidden groups. With ``by=None`` only rule 1 applies.

    Like every cell-suppression heuristic this protects against the
    subtractions within one marginal at a time; it is not an audit against
    every linear combination of many tables (a chain of differences through
    several marginals can in rare layouts still pin a hidden cell down;
    statistical offices use linear-programming audits such as tau-argus for
    that [1]_).

    References
    ----------
    .. [1] Hundepool, A., et al. (2012). *Statistical Disclosure Control*.
       Wiley, chapter 5 (cell suppression in magnitude and frequency tables).

    Examples
    --------
    >>> import pandas as pd
    >>> import kalliola_analysis as ka
    >>> t = pd.DataFrame({"unit": ["A", "B", "C"], "n": [20, 12, 3],
    ...                   "mean": [4.1, 3.9, 2.0]})
    >>> ka.suppress(t, by="unit", min_n=5, key_columns=())
      unit     n  mean                         suppressed
    0    A    20   4.1                               <NA>
    1    B  <NA>   NaN  hidden to protect a smaller group
    2    C  <NA>   NaN              fewer than 5 answers
    """
    min_n = check_min_n(min_n)
    by_cols = as_column_list(by, table.columns)
    keys = [k for k in key_columns if k in table.columns and k not in by_cols]
    period_key = "period" in by_cols
    names = [c for c in by_cols if c != "period"]
    key_cols = [*keys, "period"] if period_key else keys
    n_raw = pd.to_numeric(table[n_column], errors="coerce")
    already = (
        table["suppressed"].notna().to_numpy()
        if "suppressed" in table
        else np.zeros(len(table), dtype=bool)
    )
    prior_blank = n_raw.isna().to_numpy() & ~already
    n = n_raw.fillna(0).to_numpy(dtype=np.int64)
    zero = np.zeros(len(table), dtype=np.int64)
    key = parent_ids([group_codes(table[k]) for k in key_cols], zero)
    seed = _data_seed(survey, table, period_key, min_n) if survey is not None else None
    reason = cell_reasons(
        {c: table[c] for c in names},
        key,
        np.where(prior_blank, 0, n),
        min_n,
        skip=already,
        seed=seed,
    )
    reason[prior_blank & (reason == "")] = FEWER_THAN.format(min_n=min_n)
    if value_columns is None:
        exclude = {*by_cols, *keys, n_column, "suppressed"}
        value_columns = [
            c
            for c in table.columns
            if c not in exclude and not pd.api.types.is_bool_dtype(table[c].dtype)
        ]
    return blank(table, reason, n_column=n_column, value_columns=value_columns)


def blank(
    table: pd.DataFrame, reason: np.ndarray, *, n_column: str, value_columns: Sequence[str]
) -> pd.DataFrame:
    """A copy of ``table`` with the figures of rows whose ``reason`` is set blanked.

    ``n_column`` becomes ``Int64`` (``<NA>`` where hidden), ``value_columns``
    NaN/``<NA>``, and ``suppressed`` the reason; a reason already in
    ``table["suppressed"]`` (e.g. "not asked") is kept.
    """
    out = table.copy()
    already = (
        table["suppressed"].notna().to_numpy()
        if "suppressed" in table
        else np.zeros(len(table), dtype=bool)
    )
    reason = np.where(already, "", np.asarray(reason, dtype=object))
    hide = reason != ""
    for c in value_columns:
        if hide.any():
            col = out[c]
            if pd.api.types.is_integer_dtype(col.dtype) or pd.api.types.is_bool_dtype(col.dtype):
                col = col.astype("Float64" if col.dtype.kind == "i" else "boolean")
            elif not pd.api.types.is_float_dtype(col.dtype):
                col = col.astype(object)
            col = col.where(~hide, np.nan)
            out[c] = col
    n_raw = pd.to_numeric(out[n_column], errors="coerce")
    n_col = pd.array(n_raw.to_numpy(dtype=float), dtype="Float64").astype("Int64")
    n_col[hide] = pd.NA
    out[n_column] = n_col
    sup = pd.array(np.where(hide, reason, None), dtype="string")
    if "suppressed" in table:
        prior = table["suppressed"].astype("string").array
        sup = pd.array(np.where(already, prior, sup), dtype="string")
    out["suppressed"] = sup
    return out

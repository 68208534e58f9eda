"""Anonymity: hide every figure that rests on too few answers, and its complements.

Every analysis function of the package passes its table through
:func:`suppress` before returning it, so no figure computed from fewer than
``min_n`` answers leaves the library, and no hidden figure can be recovered by
subtracting the visible ones from a total the user can also request.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from ._validation import as_column_list, check_min_n

__all__ = ["suppress", "FEWER_THAN", "COMPLEMENTARY"]

#: Reason for a figure hidden because it rests on fewer than ``min_n`` answers.
FEWER_THAN = "fewer than {min_n} answers"
#: Reason for a figure hidden so that a smaller group cannot be recovered by subtraction.
COMPLEMENTARY = "hidden to protect a smaller group"


def _codes(values) -> np.ndarray:
    if isinstance(values, pd.Categorical):
        return np.asarray(values.codes, dtype=np.int64)
    if isinstance(values, pd.Series) and isinstance(values.dtype, pd.CategoricalDtype):
        return np.asarray(values.cat.codes, dtype=np.int64)
    codes, _ = pd.factorize(pd.Series(values), use_na_sentinel=True)
    return codes.astype(np.int64)


def _parent_ids(columns: Sequence[np.ndarray], key: np.ndarray) -> np.ndarray:
    """Integer id of the combination of ``columns`` and ``key`` (all int codes)."""
    stack = [key] + list(columns)
    combined = np.zeros(len(key), dtype=np.int64)
    for arr in stack:
        arr = arr + 1  # missing (-1) becomes its own value
        combined = combined * (int(arr.max()) + 1 if len(arr) else 1) + arr
    _, ids = np.unique(combined, return_inverse=True)
    return ids.ravel()


def _hidden_cells(
    groups: Mapping[str, object] | pd.DataFrame,
    key: np.ndarray,
    n: np.ndarray,
    min_n: int,
    *,
    skip: np.ndarray | None = None,
) -> np.ndarray:
    """Why each cell is hidden: ``""`` (shown), :data:`FEWER_THAN` or :data:`COMPLEMENTARY`.

    ``groups`` holds one column per ``by`` column (the cell's group), ``key``
    an integer per cell separating independent tables (e.g. the question), ``n``
    the answers behind each cell. Cells in ``skip`` (e.g. "not asked") are
    neither hidden nor used as complements; they must have ``n == 0``.
    """
    n = np.asarray(n, dtype=np.int64)
    size = len(n)
    skip = np.zeros(size, dtype=bool) if skip is None else np.asarray(skip, dtype=bool)
    hidden = (n < min_n) & ~skip
    reason = np.where(hidden, FEWER_THAN.format(min_n=min_n), "").astype(object)
    names = list(groups.keys()) if isinstance(groups, Mapping) else list(groups.columns)
    if not names or size == 0:
        return reason
    codes = {c: _codes(groups[c]) for c in names}
    key = np.asarray(key, dtype=np.int64)
    parents = [_parent_ids([codes[o] for o in names if o != c], key) for c in names]
    # Is each cell's parent shown in the marginal table (by minus c)? That table
    # gets the same rules, so it is computed the same way, recursively.
    parent_shown = []
    for c, pid in zip(names, parents, strict=True):
        n_parents = int(pid.max()) + 1
        first = np.full(n_parents, size, dtype=np.int64)
        np.minimum.at(first, pid, np.arange(size))
        marginal = _hidden_cells(
            {o: codes[o][first] for o in names if o != c},
            key[first],
            np.bincount(pid, weights=n, minlength=n_parents).astype(np.int64),
            min_n,
            skip=np.bincount(pid, weights=~skip, minlength=n_parents) == 0,
        )
        parent_shown.append(marginal[pid] == "")
    pos = (n > 0) & ~skip
    # members of each parent, in table order: sorted[start[p]:start[p + 1]]
    members_of = []
    for pid in parents:
        sorted_rows = np.argsort(pid, kind="stable")
        start = np.searchsorted(pid[sorted_rows], np.arange(int(pid.max()) + 2))
        members_of.append((sorted_rows, start))
    changed = True
    while changed:
        changed = False
        # A hidden cell that is the only answered child of a parent equals that
        # parent; when the marginal table shows the parent, the cell is
        # effectively visible, so it cannot protect its siblings.
        revealed = np.zeros(size, dtype=bool)
        for pid, shown in zip(parents, parent_shown, strict=True):
            n_pos = np.bincount(pid, weights=pos)
            revealed |= pos & (n_pos[pid] == 1) & hidden & shown
        for pid, (sorted_rows, start) in zip(parents, members_of, strict=True):
            eff = hidden & pos & ~revealed
            n_parents = int(pid.max()) + 1
            h_count = np.bincount(pid, weights=eff, minlength=n_parents)
            h_total = np.bincount(pid, weights=n * eff, minlength=n_parents)
            visible = np.bincount(pid, weights=~hidden & pos, minlength=n_parents)
            need = (h_count > 0) & ((h_count == 1) | (h_total < min_n)) & (visible > 0)
            if not need.any():
                continue
            for p in np.flatnonzero(need):
                members = sorted_rows[start[p] : start[p + 1]]
                members = members[pos[members]]
                while True:
                    eff_m = members[hidden[members] & ~revealed[members]]
                    if len(eff_m) == 0 or (len(eff_m) >= 2 and n[eff_m].sum() >= min_n):
                        break
                    vis = members[~hidden[members]]
                    if len(vis) == 0:
                        break
                    pick = vis[int(np.argmin(n[vis]))]
                    hidden[pick] = True
                    reason[pick] = COMPLEMENTARY
                    changed = True
    return reason


def suppress(
    table: pd.DataFrame,
    *,
    by: str | Sequence[str] | None,
    min_n: int,
    n_column: str = "n",
    value_columns: Sequence[str] | None = None,
    key_columns: Sequence[str] = ("question",),
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

    Returns
    -------
    pandas.DataFrame
        A copy of ``table`` with hidden figures blanked and a string column
        ``suppressed``: ``"fewer than {min_n} answers"``, ``"hidden to protect
        a smaller group"``, or ``<NA>`` where the row is shown. Rows whose
        ``suppressed`` is already set (e.g. ``"not asked"``) are kept as they are.

    Notes
    -----
    1. *Primary suppression*: a row with ``n < min_n`` is hidden.
    2. *Complementary suppression* (Glint's rule, generalised to several group
       columns): for each column ``c`` of ``by``, the *parent* of a row is the
       same row with ``c`` removed -- the marginal the user can also request
       with ``by`` minus ``c``. Within each parent (and key), consider the
       children with answers (``n > 0``). While the hidden children are not
       empty and either exactly one child is hidden or the hidden children
       together have fewer than ``min_n`` answers, and some child is still
       shown, the shown child with the smallest ``n`` is hidden too (ties: the
       first in table order). A hidden child that is the only answered child of
       some parent equals that parent; when the marginal table (suppressed by
       these same rules, recursively) shows that parent, the child does not
       count as hidden.
    3. The rule is applied over all columns of ``by`` until nothing changes;
       it only ever hides more, so it terminates.

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
    out = table.copy()
    n_raw = pd.to_numeric(out[n_column], errors="coerce")
    already = (
        out["suppressed"].notna().to_numpy()
        if "suppressed" in out
        else np.zeros(len(out), dtype=bool)
    )
    prior_blank = n_raw.isna().to_numpy() & ~already
    n = n_raw.fillna(0).to_numpy(dtype=np.int64)
    key = _parent_ids([_codes(out[k]) for k in keys], np.zeros(len(out), dtype=np.int64))
    skip = already.copy()
    reason = _hidden_cells(
        {c: out[c] for c in by_cols}, key, np.where(prior_blank, 0, n), min_n, skip=skip
    )
    reason[prior_blank & (reason == "")] = FEWER_THAN.format(min_n=min_n)
    hide = reason != ""
    if value_columns is None:
        exclude = {*by_cols, *keys, n_column, "suppressed"}
        value_columns = [
            c
            for c in out.columns
            if c not in exclude and not pd.api.types.is_bool_dtype(out[c].dtype)
        ]
    for c in value_columns:
        if hide.any():
            col = out[c]
            if pd.api.types.is_integer_dtype(col.dtype) or pd.api.types.is_bool_dtype(col.dtype):
                col = col.astype("Float64" if col.dtype.kind == "i" else "boolean")
            elif not pd.api.types.is_float_dtype(col.dtype):
                col = col.astype(object)
            col = col.where(~hide, np.nan)
            out[c] = col
    n_col = pd.array(n_raw.to_numpy(dtype=float), dtype="Float64").astype("Int64")
    n_col[hide] = pd.NA
    out[n_column] = n_col
    sup = pd.array(np.where(hide, reason, None), dtype="string")
    if "suppressed" in table:
        prior = table["suppressed"].astype("string").array
        sup = pd.array(np.where(already, prior, sup), dtype="string")
    out["suppressed"] = sup
    return out

"""Disclosure audit: can a hidden figure be recovered from everything published?

Cell suppression (:func:`~kalliola_analysis.suppress`) decides what to hide one
table at a time. A reader holds many tables at once. :func:`audit_tables` runs
the *interval audit* of statistical agencies (tau-Argus, R's sdcTable) over
any set of tidy tables, and :func:`audit_release` over everything the library
publishes for a survey; ``report all`` runs the latter before it writes
anything (:func:`check_release`).
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from . import _audit_cells as cells_mod
from . import _audit_lp as lp
from ._validation import check_min_n
from .errors import DataError, DisclosureError, ParameterError
from .privacy import NOT_STATED

__all__ = ["audit_tables", "audit_release", "check_release", "NO_VALUE"]

#: Group label of respondents with no value in a group column (an unpublished group).
NO_VALUE = "(no value)"
#: Key of the response counts (``response_rates``) in :func:`audit_release`.
RESPONSES = "(responses)"
_SIG = "_sig"
_COLUMNS = ["count_low", "count_high", "sum_low", "sum_high", "exposed", "why"]


def _as_list(tables) -> list[pd.DataFrame]:
    if isinstance(tables, pd.DataFrame):
        return [tables]
    out = list(tables.values()) if isinstance(tables, Mapping) else list(tables)
    for i, t in enumerate(out):
        if not isinstance(t, pd.DataFrame):
            raise ParameterError(f"tables must be DataFrames; item {i} is a {type(t).__name__}")
    if not out:
        raise ParameterError("tables must hold at least one table, got none")
    return out


def _group_columns(t: pd.DataFrame, skip: set[str]) -> list[str]:
    return [
        c
        for c in t.columns
        if c not in skip
        and not pd.api.types.is_numeric_dtype(t[c].dtype)
        and not pd.api.types.is_bool_dtype(t[c].dtype)
    ]


def _cells(tables, n_column, value_column, key_columns, dimensions):
    """One row per published cell: group values (None = not in the cell), key, n, s."""
    skip = {n_column, value_column, "suppressed", *key_columns}
    frames, dims = [], []
    for i, t in enumerate(tables):
        if n_column not in t.columns:
            raise DataError(f"no count column {n_column!r}", file=f"table {i + 1}", column=n_column)
        by = [c for c in dimensions if c in t.columns] if dimensions else _group_columns(t, skip)
        dims += [c for c in by if c not in dims]
        n = pd.to_numeric(t[n_column], errors="coerce").astype(float).to_numpy()
        bad = np.flatnonzero(np.isfinite(n) & ((n < 0) | (n != np.round(n))))
        if len(bad):
            raise DataError(
                f"a count must be a whole number >= 0, got {n[bad[0]]}",
                file=f"table {i + 1}",
                column=n_column,
                row=int(bad[0]) + 2,
            )
        f = pd.DataFrame(
            {c: t[c].astype(object).where(t[c].notna(), NO_VALUE) for c in by}, index=t.index
        ).reset_index(drop=True)
        f[_SIG] = "|".join(by)
        keys = [t[k].astype(str).tolist() if k in t else [None] * len(t) for k in key_columns]
        f["_key"] = list(zip(*keys, strict=True)) if key_columns else [()] * len(t)
        f["n"] = n
        if value_column in t.columns:
            v = pd.to_numeric(t[value_column], errors="coerce").astype(float).to_numpy()
            f["s"] = n * v
        else:
            f["s"] = np.nan
        f["_table"] = i + 1
        f["_row"] = np.arange(len(t)) + 2
        frames.append(f)
    cells = pd.concat(frames, ignore_index=True)
    for c in dims:
        cells[c] = (
            cells[c].astype(object).map(lambda v: None if v is None or v is np.nan else str(v))
        )
    cells[_SIG] = cells[_SIG].map(lambda s: tuple(d for d in dims if d in s.split("|")))
    return cells, dims


def _code(cells: pd.DataFrame, dims: list[str], atoms: pd.DataFrame | None):
    """Integer codes of the cells' and atoms' group values (-1: all values)."""
    cats, cell_codes, atom_codes, no_value = [], [], [], []
    for d in dims:
        values = cells[d].dropna().tolist() + ([] if atoms is None else atoms[d].tolist())
        cat = pd.Index(pd.unique(pd.Series(values, dtype=object)))
        cats.append(cat)
        col = cells[d]
        cell_codes.append(np.where(col.isna(), -1, cat.get_indexer(col.fillna(NO_VALUE))))
        if atoms is not None:
            atom_codes.append(cat.get_indexer(atoms[d]))
        no_value.append(cat.get_loc(NO_VALUE) if NO_VALUE in cat else -9)
    shape = (len(cells), len(dims))
    cc = np.array(cell_codes, dtype=np.int64).T.reshape(shape)
    ac = None if atoms is None else np.array(atom_codes, dtype=np.int64).T.reshape(len(atoms), -1)
    return cats, cc, ac, np.array(no_value, dtype=np.int64)


def _product_atoms(cc: np.ndarray, no_value: np.ndarray, add_no_value: bool) -> np.ndarray:
    values = []
    for d in range(cc.shape[1]):
        v = set(np.unique(cc[:, d][cc[:, d] >= 0]).tolist())
        if add_no_value:
            v.add(int(no_value[d]) if no_value[d] >= 0 else int(cc[:, d].max(initial=0)) + 1)
        values.append(sorted(v) or [0])
    return np.array(list(itertools.product(*values)), dtype=np.int64).reshape(-1, cc.shape[1])


def _audit_key(key, cc, n, s, atoms, no_value, scale, truth, stats, cache, decide=None):
    """Bounds of every audited cell of one key; returns (codes, bounds dict, virtual flags)."""
    first, inverse = cells_mod.dedupe(cc, cc.max(axis=0, initial=0) + 2)
    shown = np.isfinite(n)
    # shown anywhere means shown; conflicting shown counts are a contradiction
    n_u = np.full(len(first), np.nan)
    s_u = np.full(len(first), np.nan)
    order = np.flatnonzero(shown)
    n_u[inverse[order]] = n[order]
    s_u[inverse[order]] = s[order]
    if not np.array_equal(n_u[inverse[order]], n[order]):
        i = order[np.flatnonzero(n_u[inverse[order]] != n[order])[0]]
        raise DataError(
            f"{_where(key)}: the same cell is published with different counts (n = {n[i]:g})"
        )
    ucc = cc[first]
    for add_nv in (False,) if atoms is not None else (False, True):
        at = atoms if atoms is not None else _product_atoms(ucc, no_value, add_nv)
        nv = no_value.copy()
        if add_nv:
            nv = np.where(nv >= 0, nv, ucc.max(axis=0, initial=0) + 1)
        radix = cells_mod.radix_of(ucc, at)
        extra = cells_mod.unlisted(ucc, at, nv, radix)
        allc = np.vstack([ucc, extra]) if len(extra) else ucc
        virtual = np.r_[np.zeros(len(ucc), bool), np.ones(len(extra), bool)]
        nn = np.r_[n_u, np.full(len(extra), np.nan)]
        ss = np.r_[s_u, np.full(len(extra), np.nan)]
        ck = (allc.tobytes(), id(atoms), add_nv)
        if ck not in cache:
            cache[ck] = cells_mod.incidence(allc, at, radix)
        M = cache[ck]
        try:
            bounds = _solve_key(allc, M, nn, ss, scale, truth, radix, stats, cache, ck, decide)
            return allc, bounds, virtual, nv, ~np.isfinite(nn)
        except lp.Infeasible:
            if atoms is not None or add_nv:
                raise DataError(
                    f"{_where(key)}: the published figures contradict each other, no data fit "
                    "them all (different data behind different tables, or rounded means?)"
                ) from None
    raise AssertionError("unreachable")  # pragma: no cover


def _where(key) -> str:
    return f"key {key!r}" if key else "the tables"


def _solve_key(allc, M, n, s, scale, truth, radix, stats, cache, ck, decide):
    shown = np.isfinite(n)
    audited = ~shown
    names = ("count_low", "count_high", "sum_low", "sum_high")
    out = {k: np.full(len(allc), np.nan) for k in names}
    if truth is None:  # no known solution: the shown figures must fit together at all
        lp.Component(M[shown], M[audited], n[shown], s[shown], scale).check()
    if not audited.any():
        return out
    if (ck, "components") not in cache:  # components depend on the cells, not on what is hidden
        n_cells = M.shape[0]
        graph = sparse.bmat([[None, M], [M.T, None]]).tocsr()
        _, label = connected_components(graph, directed=False)
        comps = []
        for comp in np.unique(label[:n_cells]):
            crow = np.flatnonzero(label[:n_cells] == comp)
            atom_idx = np.flatnonzero(label[n_cells:] == comp)
            comps.append((crow, atom_idx, M[:, atom_idx]))
        cache[(ck, "components")] = comps
    parts = []
    for crow, atom_idx, sub in cache[(ck, "components")]:
        if not audited[crow].any():
            continue
        srows, arows = crow[shown[crow]], crow[audited[crow]]
        key = (ck, "candidates", crow[0], shown[crow].tobytes())
        if key not in cache:
            cache[key] = (cells_mod.candidates(allc, srows, arows, radix), sub[srows], sub[arows])
        parts.append((srows, arows, atom_idx, *cache[key]))
    for srows, arows, atom_idx, cands, sub_shown, sub_audited in parts:
        if len(atom_idx) == 0:
            b = {k: np.zeros(len(arows)) for k in out}
        else:
            comp = lp.Component(
                shown=sub_shown,
                audited=sub_audited,
                n=n[srows],
                s=s[srows],
                scale=scale,
                truth=None if truth is None else tuple(v[atom_idx] for v in truth),
                parents=cands,
                stats=stats,
                solvers=cache.setdefault("solvers", {}),
                decide=decide,
            )
            b = lp.solve(comp)
        for k, v in b.items():
            if k in out:
                out[k][arows] = v
    return out


def _scale_for(scale, key: tuple) -> tuple[float, float] | None:
    if scale is None:
        return None
    if isinstance(scale, Mapping):
        got = scale.get(key[0] if len(key) == 1 else key, scale.get(key))
        if got is None:
            return None
        scale = got
    lo, hi = (float(x) for x in scale)
    if not hi > lo:
        raise ParameterError(f"scale must be (low, high) with low < high, got {scale!r}")
    return lo, hi


def _finish(res: pd.DataFrame, min_n: int) -> pd.DataFrame:
    """Round the bounds, decide exposure and say why."""
    lo, hi = res["count_low"].to_numpy(float), res["count_high"].to_numpy(float)
    lo = np.where(np.isfinite(lo), np.ceil(lo - 1e-6), lo) + 0.0
    hi = np.where(np.isfinite(hi), np.floor(hi + 1e-6), hi)
    s_lo, s_hi = res["sum_low"].to_numpy(float), res["sum_high"].to_numpy(float)
    width = np.abs(s_hi - s_lo)
    pinned = np.isfinite(width) & (width <= 1e-6 * np.maximum(1.0, np.abs(s_hi)))
    small = (hi > 0) & (hi < min_n)
    exposed = small | (pinned & (hi > 0))
    why = []
    for i in range(len(res)):
        if res["_shown_small"].iat[i]:
            why.append(f"shown with {int(hi[i])} answers, fewer than {min_n}")
        elif small[i]:
            many = f"exactly {int(hi[i])}" if lo[i] == hi[i] else f"{int(lo[i])} to {int(hi[i])}"
            why.append(f"{many} answers: a group of fewer than {min_n} is isolated")
        elif pinned[i] and hi[i] > 0:
            why.append(f"sum pinned to {s_lo[i]:.6g}: the group's figures can be recovered")
        else:
            why.append(None)
    res["count_low"], res["count_high"] = lo, hi
    res["sum_low"], res["sum_high"] = np.round(s_lo, 9), np.round(s_hi, 9)
    res["exposed"] = exposed | res["_shown_small"].to_numpy(bool)
    res["why"] = pd.array(why, dtype="string")
    return res


def audit_tables(
    tables: pd.DataFrame | Sequence[pd.DataFrame],
    *,
    min_n: int = 5,
    n_column: str = "n",
    value_column: str = "mean",
    scale: tuple[float, float] | Mapping | None = None,
    key_columns: Sequence[str] = ("question",),
    dimensions: Sequence[str] | None = None,
    atoms: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Audit published tables together: which hidden figures can a reader recover?

    For every hidden cell (count ``<NA>``) of ``tables``, finds by linear
    programming the smallest and largest count and sum that agree with every
    figure shown in all the tables at once -- the interval audit of
    statistical agencies (tau-Argus, sdcTable) [1]_ [2]_ [3]_.

    Parameters
    ----------
    tables : DataFrame or sequence of DataFrame
        Tidy tables, one row per cell: group columns (text or categorical,
        e.g. ``period``, ``unit``, ``gender``; each table uses some of them),
        optional key columns, the count and optionally the mean. A hidden
        cell has a missing count. A missing group value is the group of
        respondents with no value in that column.
    min_n : int, default 5
        Anonymity threshold.
    n_column : str, default "n"
        Count column (``<NA>`` = hidden).
    value_column : str, default "mean"
        Mean column; a shown cell's sum is ``n * mean``. Tables without it
        publish counts only.
    scale : (low, high) or dict, optional
        Bounds of one answer (e.g. ``(1, 5)``), or a dict from key (the
        question) to bounds. Without bounds, sums are not audited.
    key_columns : sequence of str, default ("question",)
        Columns that separate independent measures (each question has its
        own counts). A table without them is a measure of its own.
    dimensions : sequence of str, optional
        The group columns; default every text or categorical column that is
        not a key, count, mean or ``suppressed`` column.
    atoms : DataFrame, optional
        The combinations of group values that exist (columns: the group
        columns). Default: every combination of the values the tables list.

    Returns
    -------
    pandas.DataFrame
        One row per hidden cell (and per shown cell with fewer than ``min_n``
        answers, and per unlisted group of respondents with no value): the
        group columns (``<NA>`` where the cell is over all groups of a
        column), the key columns, ``count_low``, ``count_high`` (whole
        numbers, ``inf`` when unbounded), ``sum_low``, ``sum_high`` (NaN when
        sums are not audited), ``exposed`` (bool) and ``why`` (``<NA>`` when
        safe).

    Raises
    ------
    kalliola_analysis.errors.DataError
        A table lacks the count column, a count is not a whole number, or the
        figures contradict each other.

    Notes
    -----
    *Attacker model.* The *atoms* are the combinations of every group column
    (within each key). A published cell is the total over the atoms it
    covers. The reader knows every shown count and sum, that atom counts are
    >= 0 and that each answer lies in ``scale`` (``low * count <= sum <=
    high * count`` per atom). Independent blocks (e.g. periods, questions)
    are separate linear programs, solved with :func:`scipy.optimize.linprog`
    (HiGHS). Counts and sums are found without enumerating: with ``t = sum -
    low * count`` and ``u = high * count - sum`` per atom, the problem splits
    into two problems of the same form as the counts alone.

    A hidden cell is *exposed* when its count can be positive but is below
    ``min_n`` in every solution (the reader isolates fewer than ``min_n``
    answers), or its sum is pinned to one value while the count can be
    positive (its mean or total is recovered). A component whose tables do
    not add up (a total larger than its groups) is audited again with a
    group "no value" in every column, and the unlisted groups are audited
    too: that is how missing background values leak.

    Not covered: *attribute disclosure*, where every answer of a hidden
    group must be the same option (e.g. the hidden residual's mean is the top
    of the scale, or a shown group of one background value answered
    unanimously): its count and sum still vary, so it is not flagged; answer shares,
    medians, intervals and test statistics are not used as constraints
    (the counts and means imply most of them); figures of different keys
    are not linked (a question's answers never exceed the responses).
    Counts are bounded by the LP relaxation; for counts-only tables a
    fractional optimum is re-solved with :func:`scipy.optimize.milp`, so
    those bounds are those of whole counts, and the bounds with means are
    rounded inward to whole numbers. Sums are bounded over real numbers.
    Tables where some shown cell has a count but no mean are audited for
    counts only.

    References
    ----------
    .. [1] Hundepool, A., et al. (2012). *Statistical Disclosure Control*.
       Wiley, sections 4.2 and 5.3 (interval audit, protection levels).
    .. [2] de Wolf, P.-P., et al. *tau-ARGUS user's manual*, Statistics
       Netherlands (the audit of a suppression pattern).
    .. [3] Meindl, B. *sdcTable: Methods for Statistical Disclosure Control
       in Tabular Data*, R package (``attack()``: the same interval audit).

    Examples
    --------
    A total and three units, one of them hidden alone: the total minus the
    shown units gives it away.

    >>> import pandas as pd
    >>> import kalliola_analysis as ka
    >>> total = pd.DataFrame({"n": [30], "mean": [4.0]})
    >>> units = pd.DataFrame({"unit": ["A", "B", "C"], "n": [12, 15, None],
    ...                       "mean": [4.5, 3.6, None]})
    >>> audit = ka.audit_tables([total, units], scale=(1, 5))
    >>> audit[["unit", "count_low", "count_high", "sum_low", "sum_high", "exposed"]]
      unit  count_low  count_high  sum_low  sum_high  exposed
    0    C        3.0         3.0     12.0      12.0     True
    >>> audit["why"].iloc[0]
    'exactly 3 answers: a group of fewer than 5 is isolated'

    With a fourth unit hidden too, the reader learns only that C and D
    together have 10 answers with a sum of 40:

    >>> units = pd.DataFrame({"unit": ["A", "B", "C", "D"], "n": [12, 15, None, None],
    ...                       "mean": [4.5, 3.6, None, None]})
    >>> total = pd.DataFrame({"n": [37], "mean": [4.0]})
    >>> ka.audit_tables([total, units], scale=(1, 5)).drop(columns="why")
      unit  count_low  count_high  sum_low  sum_high  exposed
    0    C        0.0        10.0      0.0      40.0    False
    1    D        0.0        10.0      0.0      40.0    False
    """
    min_n = check_min_n(min_n)
    return _audit(
        _as_list(tables),
        min_n=min_n,
        n_column=n_column,
        value_column=value_column,
        scale=scale,
        key_columns=list(key_columns),
        dimensions=list(dimensions) if dimensions is not None else None,
        atoms=atoms,
    )


def _audit(
    tables,
    *,
    min_n,
    n_column,
    value_column,
    scale,
    key_columns,
    dimensions,
    atoms,
    truth=None,
    stats=None,
    decide=False,
):
    key_columns = [k for k in key_columns if any(k in t.columns for t in tables)]
    cells, dims = _cells(tables, n_column, value_column, key_columns, dimensions)
    if atoms is not None:
        missing = [d for d in dims if d not in atoms.columns]
        if missing:
            raise ParameterError(f"atoms lacks the group columns {missing!r}")
        atoms = atoms[dims].astype(object).where(atoms[dims].notna(), NO_VALUE).astype(str)
    cats, cc, ac, no_value = _code(cells, dims, atoms)
    stats = {} if stats is None else stats
    cache: dict = {}
    n_all, s_all = cells["n"].to_numpy(float), cells["s"].to_numpy(float)
    parts = []
    key_codes, key_values = pd.factorize(cells["_key"])
    for k, key in enumerate(key_values):
        rows = np.flatnonzero(key_codes == k)
        allc, b, virtual, nv, audited = _audit_key(
            key,
            cc[rows],
            n_all[rows],
            s_all[rows],
            ac,
            no_value,
            _scale_for(scale, key),
            None if truth is None else truth(key),
            stats,
            cache,
            min_n if decide else None,
        )
        keep = audited & ~(virtual & (b["count_high"] <= 1e-9))  # unlisted groups that exist
        frame = pd.DataFrame({"_key": [key] * int(keep.sum())})
        for j, d in enumerate(dims):
            codes = allc[keep, j]
            labels = np.array(list(cats[j]) + [NO_VALUE], dtype=object)
            idx = np.where(codes == nv[j], len(cats[j]), codes)
            frame[d] = np.where(codes < 0, None, labels[np.maximum(idx, 0)])
        for name, v in b.items():
            frame[name] = v[keep]
        frame["_shown_small"] = False
        parts.append(frame)
    small = cells[np.isfinite(n_all) & (n_all > 0) & (n_all < min_n)]
    if len(small):
        small = small.drop_duplicates(["_key", *dims])
        parts.append(
            small[["_key", *dims]].assign(
                count_low=small["n"],
                count_high=small["n"],
                sum_low=small["s"],
                sum_high=small["s"],
                _shown_small=True,
            )
        )
    res = (
        pd.concat(parts, ignore_index=True)
        if parts
        else pd.DataFrame(
            {c: [] for c in ["_key", *dims, "count_low", "count_high", "sum_low", "sum_high"]}
        ).assign(_shown_small=pd.Series(dtype=bool))
    )
    res = _finish(res, min_n)
    for i, k in enumerate(key_columns):
        res[k] = pd.array([key[i] for key in res["_key"]], dtype="string")
    for d in dims:
        res[d] = pd.array([None if v is None else v for v in res[d]], dtype="string")
    res = res[[*dims, *key_columns, *_COLUMNS]]
    res = res.sort_values([*dims, *key_columns], kind="stable", na_position="first")
    return res.reset_index(drop=True)


def _release_tables(survey, breakdowns: list[str], min_n: int) -> list[pd.DataFrame]:
    """Every table the library publishes for ``survey``, as (by, question, n, mean)."""
    from .likert import likert_summary
    from .nps import enps
    from .response_rates import response_rates

    out = []
    for by in [["period"], *[["period", b] for b in breakdowns]]:
        if survey.questions("likert"):
            t = likert_summary(survey, by=by, min_n=min_n)
            out.append(t[[*by, "question", "n", "mean"]])
        for q in survey.questions("nps"):
            t = enps(survey, by=by, question=q, min_n=min_n)
            out.append(t[[*by, "n"]].assign(question=q, mean=t["enps"]))
        if survey.invitations is not None and set(by) <= {"period", "unit"}:
            t = response_rates(survey, by=by, min_n=min_n)
            out.append(t[by].assign(question=RESPONSES, n=t["responded"]))
    return out


def _release_truth(survey, atoms: pd.DataFrame, dims: list[str]):
    """Per key, the true (count, t, u) of every atom: a known feasible point."""
    resp = survey.responses
    proj = resp[dims].astype(object).where(resp[dims].notna(), NOT_STATED).astype(str)
    ids = pd.MultiIndex.from_frame(atoms[dims]).get_indexer(pd.MultiIndex.from_frame(proj))
    m = len(atoms)
    cb = survey.codebook.set_index("question")

    def truth(key):
        q = key[0]
        if q == RESPONSES:
            c = np.bincount(ids, minlength=m).astype(float)
            return c, c, c
        a = resp[q].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
        ok = ~np.isnan(a)
        lo, hi = float(cb.at[q, "scale_min"]), float(cb.at[q, "scale_max"])
        if cb.at[q, "type"] == "nps":
            v = np.where(a >= 9, 100.0, np.where(a <= 6, -100.0, 0.0))
            lo, hi = -100.0, 100.0
        else:
            v = lo + hi - a if bool(cb.at[q, "reverse"]) else a
        count = np.bincount(ids[ok], minlength=m).astype(float)
        t = np.bincount(ids[ok], weights=v[ok] - lo, minlength=m)
        u = np.bincount(ids[ok], weights=hi - v[ok], minlength=m)
        return count, t, u

    return truth


def audit_release(
    survey, *, breakdowns: Sequence[str] | None = None, min_n: int = 5
) -> pd.DataFrame:
    """Audit everything the library publishes for a survey, all tables together.

    Builds the tables a run publishes -- :func:`likert_summary`, :func:`enps`
    and :func:`response_rates` by ``period`` and by ``period`` x each
    breakdown, for every period -- and audits them with :func:`audit_tables`.

    Parameters
    ----------
    survey : Survey
        The survey.
    breakdowns : list of str, optional
        Group columns besides ``period``; default ``unit`` and every
        background column.
    min_n : int, default 5
        Anonymity threshold, as in the published tables.

    Returns
    -------
    pandas.DataFrame
        As :func:`audit_tables`: ``period``, the breakdown columns,
        ``question`` (``"(responses)"`` for the response counts of
        :func:`response_rates`), ``count_low``, ``count_high``, ``sum_low``,
        ``sum_high``, ``exposed``, ``why``. Sums are on the scored scale
        (Likert) and in eNPS points (-100, 0, 100 per answer).

    Notes
    -----
    The atoms are the combinations of ``period`` and the breakdowns that
    occur in the responses: the reader is assumed to know which combinations
    exist, which is conservative. The true data are a known solution, so
    fewer linear programs are needed.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> pulse = ka.load_demo("pulse")
    >>> audit = ka.audit_release(pulse, breakdowns=["unit"])
    >>> audit[["period", "unit", "question", "count_low", "count_high"]].head(3)
        period      unit           question  count_low  count_high
    0  2022-10  Hallinto        (responses)        0.0        17.0
    1  2022-10  Hallinto  colleague_support        0.0        17.0
    2  2022-10  Hallinto               enps        0.0        14.0
    >>> bool(audit["exposed"].any())
    False

    Hallinto's 4 responses of 10/2022 are hidden with the next smallest unit;
    together they have 17, so the reader cannot tell how many are Hallinto's.
    """
    min_n = check_min_n(min_n)
    return _audit_release(survey, breakdowns, min_n)


def _audit_release(
    survey, breakdowns, min_n: int, stats: dict | None = None, decide: bool = False
) -> pd.DataFrame:
    """:func:`audit_release`; ``stats`` counts the LPs solved and skipped (benchmarks).

    With ``decide``, cells that known solutions already show to be safe get
    no exact bounds (NaN): enough to decide whether anything is exposed.
    """
    cols = survey.responses.columns
    breakdowns = ["unit", *survey.background] if breakdowns is None else list(breakdowns)
    for b in breakdowns:
        if b not in cols or b == "period":
            raise ParameterError(
                f"breakdowns must name group columns of the responses other than 'period', "
                f"got {b!r}; available: {['unit', *survey.background]}"
            )
    dims = ["period", *breakdowns]
    resp = survey.responses[dims]
    # a missing background value is the published group NOT_STATED (privacy.NOT_STATED)
    atoms = resp.astype(object).where(resp.notna(), NOT_STATED).astype(str).drop_duplicates()
    atoms = atoms.reset_index(drop=True)
    cb = survey.codebook.set_index("question")
    scale = {
        q: (float(cb.at[q, "scale_min"]), float(cb.at[q, "scale_max"]))
        for q in survey.questions("likert")
    }
    scale.update({q: (-100.0, 100.0) for q in survey.questions("nps")})
    return _audit(
        _release_tables(survey, breakdowns, min_n),
        min_n=min_n,
        n_column="n",
        value_column="mean",
        scale=scale,
        key_columns=["question"],
        dimensions=dims,
        atoms=atoms,
        truth=_release_truth(survey, atoms, dims),
        stats=stats,
        decide=decide,
    )


def check_release(
    data,
    *,
    min_n: int = 5,
    breakdowns: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Audit every survey data set under ``data``; raise when anything is exposed.

    ``report all`` calls this before it writes any file.

    Parameters
    ----------
    data : path-like or list of path-like
        A data set folder or a folder of data sets (``data/processed``), or
        several.
    min_n : int, default 5
        Anonymity threshold of the reports.
    breakdowns : list of str, optional
        As in :func:`audit_release` (default ``unit`` and every background
        column).

    Returns
    -------
    pandas.DataFrame
        The hidden cells as in :func:`audit_release`, a ``dataset`` column
        first; to decide faster, a cell that known solutions (the true data,
        earlier LPs) already show to be safe gets no bounds (NaN).

    Raises
    ------
    kalliola_analysis.errors.DisclosureError
        A hidden cell is exposed; names the data set, period, group and
        question of the first one and counts the rest.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> from kalliola_analysis.audit import check_release
    >>> audit = check_release(ka.demo_path("pulse"), breakdowns=["unit"])
    >>> int(audit["exposed"].sum())
    0
    """
    from .readers import read_survey
    from .reports.registry import find_datasets, read_dataset_info

    roots = [data] if isinstance(data, str | os.PathLike) else list(data)
    folders = sorted({f for root in roots for f in find_datasets(root)})
    min_n = check_min_n(min_n)
    parts = []
    for folder in folders:
        if read_dataset_info(folder)["kind"] not in ("pulse", "feedback"):
            continue
        survey = read_survey(folder)
        cols = ["unit", *survey.background] if breakdowns is None else breakdowns
        result = _audit_release(
            survey, [c for c in cols if c in survey.responses], min_n, decide=True
        )
        result.insert(0, "dataset", str(folder))
        exposed = result[result["exposed"]]
        if len(exposed):
            row = exposed.iloc[0]
            groups = [c for c in result.columns[2:] if c not in _COLUMNS and c != "question"]
            group = ", ".join(f"{c}={row[c]}" for c in groups if pd.notna(row[c])) or "all"
            more = f" (and {len(exposed) - 1} more exposed cells)" if len(exposed) > 1 else ""
            raise DisclosureError(
                f"{folder}: nothing was written, because the figures published together "
                f"expose a hidden group: period {row['period']}, {group}, question "
                f"{row['question']}: {row['why']}{more}. Raise min_n or report fewer "
                "breakdowns; run `kalliola-analysis audit` on the data set for the full list",
                dataset=str(folder),
                period=str(row["period"]),
                group=group,
                question=str(row["question"]),
            )
        parts.append(result)
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()

"""The cells, atoms and bookkeeping of :func:`kalliola_analysis.audit_tables` (private).

Tidy tables become integer-coded cells (:mod:`._audit_cells`), grouped by key
(measure) and split into independent components, whose bounds come from
:mod:`._audit_lp`; the results become one tidy frame with the exposure
decision.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from ..errors import DataError, ParameterError
from . import _audit_cells as cells_mod
from . import _audit_lp as lp

#: Group label of respondents with no value in a group column (an unpublished group).
NO_VALUE = "(no value)"
_SIG = "_sig"
#: The columns of an audit result after the group and key columns.
AUDIT_COLUMNS = ["count_low", "count_high", "sum_low", "sum_high", "exposed", "why"]


def as_table_list(tables) -> list[pd.DataFrame]:
    """The tables (one DataFrame, a sequence or a dict of them) as a list, checked."""
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


def interval_audit(
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
    """The interval audit of :func:`~kalliola_analysis.audit_tables` on checked arguments.

    ``truth(key)``, when given, returns a known feasible point (the true
    count, ``t`` and ``u`` of every atom) so fewer linear programs are solved;
    ``stats`` counts the programs solved and skipped; with ``decide``, cells
    already shown to be safe get no exact bounds (NaN).
    """
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
    res = res[[*dims, *key_columns, *AUDIT_COLUMNS]]
    res = res.sort_values([*dims, *key_columns], kind="stable", na_position="first")
    return res.reset_index(drop=True)

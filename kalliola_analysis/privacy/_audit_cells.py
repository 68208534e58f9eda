"""Cells and atoms of the disclosure audit as integer codes (private).

A cell is a row of integer codes, one per group column, ``-1`` where the cell
covers every value of that column (the column is not in its table). An atom
is a row of codes with no ``-1``. A cell covers the atoms that agree with it
on its own columns.
"""

from __future__ import annotations

import itertools

import numpy as np
from scipy import sparse


def _ids(codes: np.ndarray, cols: np.ndarray, radix: np.ndarray) -> np.ndarray:
    """One integer per row for the codes in ``cols`` (mixed radix)."""
    out = np.zeros(len(codes), dtype=np.int64)
    for c in cols:
        out = out * int(radix[c]) + codes[:, c]
    return out


def radix_of(cells: np.ndarray, atoms: np.ndarray) -> np.ndarray:
    """Number of codes per column (for :func:`_ids`)."""
    both = np.vstack([cells, atoms]) if len(atoms) else cells
    return np.maximum(both.max(axis=0, initial=0) + 1, 1)


def incidence(cells: np.ndarray, atoms: np.ndarray, radix: np.ndarray) -> sparse.csr_matrix:
    """0/1 matrix (cells x atoms): which atoms each cell covers."""
    mask = cells >= 0
    rows, cols = [], []
    sigs, inverse = np.unique(mask, axis=0, return_inverse=True)
    for k, sig in enumerate(sigs):
        which = np.flatnonzero(inverse.ravel() == k)
        dims = np.flatnonzero(sig)
        a_id = _ids(atoms, dims, radix)
        order = np.argsort(a_id, kind="stable")
        sorted_ids = a_id[order]
        c_id = _ids(cells[which], dims, radix)
        start = np.searchsorted(sorted_ids, c_id, side="left")
        stop = np.searchsorted(sorted_ids, c_id, side="right")
        length = stop - start
        rows.append(np.repeat(which, length))
        offsets = np.arange(length.sum()) - np.repeat(np.cumsum(length) - length, length)
        cols.append(order[np.repeat(start, length) + offsets])
    r = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    c = np.concatenate(cols) if cols else np.zeros(0, dtype=np.int64)
    return sparse.csr_matrix((np.ones(len(r)), (r, c)), shape=(len(cells), len(atoms)))


def dedupe(cells: np.ndarray, radix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Index of the first row of every distinct cell, and each row's distinct cell."""
    shifted = cells + 1
    r = radix + 1
    ids = np.zeros(len(cells), dtype=np.int64)
    for c in range(cells.shape[1]):
        ids = ids * int(r[c]) + shifted[:, c]
    _, first, inverse = np.unique(ids, return_index=True, return_inverse=True)
    return first, inverse.ravel()


def unlisted(cells: np.ndarray, atoms: np.ndarray, no_value: np.ndarray, radix) -> np.ndarray:
    """Cells of the listed tables' columns that hold a "no value" atom but are not listed."""
    mask = cells >= 0
    out = []
    for sig in np.unique(mask, axis=0):
        dims = np.flatnonzero(sig)
        if not len(dims):
            continue
        nv = (atoms[:, dims] == no_value[dims][None, :]).any(axis=1)
        if not nv.any():
            continue
        cand = np.unique(atoms[nv][:, dims], axis=0)
        listed = cells[(mask == sig).all(axis=1)][:, dims]
        have = set(map(bytes, np.ascontiguousarray(listed.astype(np.int64))))
        for row in cand:
            if bytes(np.ascontiguousarray(row.astype(np.int64))) not in have:
                full = np.full(cells.shape[1], -1, dtype=np.int64)
                full[dims] = row
                out.append(full)
    return np.array(out, dtype=np.int64).reshape(-1, cells.shape[1])


def candidates(
    cells: np.ndarray, shown_rows: np.ndarray, audited_rows: np.ndarray, radix: np.ndarray
) -> list[list[tuple[int, list[int]]]]:
    """Certificates to try per audited cell: (parent, shown siblings) as positions in ``shown_rows``.

    The parent is a shown cell over a subset of the audited cell's columns;
    the siblings are the shown cells of the audited cell's own columns inside
    the parent. Each becomes "parent minus siblings", checked before use.
    """
    mask = cells >= 0
    shown_mask = mask[shown_rows]
    sig_bytes = [bytes(np.packbits(m)) for m in shown_mask]
    parent_of: dict = {}
    for pos, (sb, r) in enumerate(zip(sig_bytes, shown_rows, strict=True)):
        dims = np.flatnonzero(mask[r])
        parent_of[(sb, int(_ids(cells[r : r + 1], dims, radix)[0]))] = pos
    groups: dict = {}
    out = []
    for r in audited_rows:
        sig = mask[r]
        dims = np.flatnonzero(sig)
        sb_full = bytes(np.packbits(sig))
        same = [p for p, sb in enumerate(sig_bytes) if sb == sb_full]
        cand = []
        for k in range(len(dims)):
            for sub in itertools.combinations(dims, k):
                sub = np.array(sub, dtype=np.int64)
                sub_mask = np.zeros_like(sig)
                sub_mask[sub] = True
                pid = int(_ids(cells[r : r + 1], sub, radix)[0])
                p = parent_of.get((bytes(np.packbits(sub_mask)), pid))
                if p is None:
                    continue
                key = (sb_full, bytes(np.packbits(sub_mask)))
                if key not in groups:
                    g: dict = {}
                    if same:
                        ids = _ids(cells[shown_rows[same]], sub, radix)
                        for q, i in zip(same, ids, strict=True):
                            g.setdefault(int(i), []).append(q)
                    groups[key] = g
                cand.append((p, groups[key].get(pid, [])))
        out.append(cand)
    return out

"""The complementary-suppression algorithm on counts, and the reasons it gives.

A table of counts is one node of a *lattice*: the table of every ``by`` column
and each marginal without some of them. :func:`cell_reasons` decides, from the
smallest marginal up, which cells are hidden because they rest on too few
answers (:data:`FEWER_THAN`) and which to protect a smaller group
(:data:`COMPLEMENTARY`); :func:`~kalliola_analysis.suppress` applies it to a
researcher's table and :mod:`kalliola_analysis.survey.disclosure` to a survey's
release decision. The rule itself is documented in :func:`~kalliola_analysis.suppress`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np
import pandas as pd

__all__ = ["FEWER_THAN", "COMPLEMENTARY", "NOT_STATED"]

#: The group of respondents who left a background column empty (e.g. gender not stated).
NOT_STATED = "(not stated)"

#: Reason for a figure hidden because it rests on fewer than ``min_n`` answers.
FEWER_THAN = "fewer than {min_n} answers"
#: Reason for a figure hidden so that a smaller group cannot be recovered by subtraction.
COMPLEMENTARY = "hidden to protect a smaller group"


def group_codes(values) -> np.ndarray:
    """Integer code of each value (a category's code; ``-1`` for a missing value)."""
    if isinstance(values, pd.Categorical):
        return np.asarray(values.codes, dtype=np.int64)
    if isinstance(values, pd.Series) and isinstance(values.dtype, pd.CategoricalDtype):
        return np.asarray(values.cat.codes, dtype=np.int64)
    codes, _ = pd.factorize(pd.Series(values), use_na_sentinel=True)
    return codes.astype(np.int64)


def parent_ids(columns: Sequence[np.ndarray], key: np.ndarray) -> np.ndarray:
    """Integer id of the combination of ``columns`` and ``key`` (all int codes)."""
    stack = [key] + list(columns)
    combined = np.zeros(len(key), dtype=np.int64)
    for arr in stack:
        arr = arr + 1  # missing (-1) becomes its own value
        combined = combined * (int(arr.max()) + 1 if len(arr) else 1) + arr
    _, ids = np.unique(combined, return_inverse=True)
    return ids.ravel()


def string_ranks(values) -> np.ndarray:
    """Rank of each value's text (``str``), the canonical tie-break between groups."""
    if isinstance(values, pd.Series):
        values = values.array
    if isinstance(values, pd.Categorical):
        cats = np.array([str(c) for c in values.categories] + ["<NA>"], dtype=str)
        strs = cats[np.asarray(values.codes)]  # code -1 picks the last, "<NA>"
    else:
        strs = np.array(
            [
                "<NA>"
                if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v))
                else str(v)
                for v in values
            ],
            dtype=str,
        )
    if len(strs) == 0:
        return np.zeros(0, dtype=np.int64)
    _, inverse = np.unique(strs, return_inverse=True)
    return np.asarray(inverse, dtype=np.int64).ravel()


@dataclass(frozen=True)
class Node:
    """One table of the lattice: the cells of some ``by`` columns (and the key)."""

    ids: np.ndarray  # per base cell: the node cell it falls in
    first: np.ndarray  # per node cell: its first base cell
    size: int


def lattice(
    names: list[str], codes: Mapping[str, np.ndarray], key: np.ndarray
) -> dict[tuple[str, ...], Node]:
    """Every marginal table of the breakdown ``names`` (sorted), smallest first.

    The node of all ``names`` is the base table itself (one cell per row).
    """
    size = len(key)
    nodes: dict[tuple[str, ...], Node] = {}
    for r in range(len(names) + 1):
        for cols in combinations(names, r):
            if r == len(names):
                ids = np.arange(size, dtype=np.int64)
            else:
                ids = parent_ids([codes[o] for o in cols], key)
            m = int(ids.max()) + 1 if size else 0
            first = np.full(m, size, dtype=np.int64)
            np.minimum.at(first, ids, np.arange(size))
            nodes[cols] = Node(ids, first, m)
    return nodes


def _node_reasons(
    n: np.ndarray,
    skip: np.ndarray,
    seed: np.ndarray | None,
    parents: list[tuple[np.ndarray, np.ndarray]],
    rank: np.ndarray,
    min_n: int,
) -> np.ndarray:
    """Primary and complementary suppression of one table, given its parents' decisions.

    ``parents`` holds, per column of the table, each cell's parent id in the
    marginal without that column and whether that parent is shown. ``rank``
    orders the cells by ``(n, group text)``: the complement hidden is always
    the first shown sibling in that order, never the first in row order.
    """
    size = len(n)
    primary = (n < min_n) & ~skip
    reason = np.where(primary, FEWER_THAN.format(min_n=min_n), "").astype(object)
    hidden = primary.copy()
    if seed is not None:
        seeded = (np.asarray(seed, dtype=object) != "") & ~skip & ~primary
        reason[seeded] = np.asarray(seed, dtype=object)[seeded]
        hidden |= seeded
    if not parents or size == 0:
        return reason
    # A cell of a group hidden in a coarser table stays hidden in every finer one: a unit
    # hidden in `period x unit` is not shown in parts by `period x unit x tenure`.
    inherited = np.zeros(size, dtype=bool)
    for _, shown in parents:
        inherited |= ~shown
    inherited &= ~skip & ~hidden
    reason[inherited] = COMPLEMENTARY
    hidden |= inherited
    pos = (n > 0) & ~skip
    # members of each parent: sorted[start[p]:start[p + 1]]
    members_of = []
    for pid, _ in parents:
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
        for pid, shown in parents:
            n_pos = np.bincount(pid, weights=pos)
            revealed |= pos & (n_pos[pid] == 1) & hidden & shown
        for (pid, _), (sorted_rows, start) in zip(parents, members_of, strict=True):
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
                    pick = vis[int(np.argmin(rank[vis]))]
                    hidden[pick] = True
                    reason[pick] = COMPLEMENTARY
                    changed = True
    return reason


#: ``seed(cols, first)``: reasons already decided for the cells of the table ``cols``
#: (given by their first base cell), or None; see :func:`solve`.
Seed = Callable[[tuple[str, ...], np.ndarray], "np.ndarray | None"]


def solve(
    nodes: dict[tuple[str, ...], Node],
    ranks: Mapping[str, np.ndarray],
    n: np.ndarray,
    min_n: int,
    skip: np.ndarray,
    seed: Seed | None = None,
) -> dict[tuple[str, ...], np.ndarray]:
    """The decision of every table of the lattice, from the smallest marginal up.

    ``seed(cols, first)`` returns reasons that are already decided for the
    cells of the table ``cols`` (given by their first base cell), e.g. the
    group-level decision that every question starts from.
    """
    out: dict[tuple[str, ...], np.ndarray] = {}
    weights_skip = (~skip).astype(np.float64)
    n_float = n.astype(np.float64)
    for cols, node in nodes.items():
        n_node = np.bincount(node.ids, weights=n_float, minlength=node.size).astype(np.int64)
        skip_node = np.bincount(node.ids, weights=weights_skip, minlength=node.size) == 0
        seed_node = seed(cols, node.first) if seed is not None else None
        parents = []
        for c in cols:
            parent = tuple(o for o in cols if o != c)
            pid = nodes[parent].ids[node.first]
            parents.append((pid, out[parent][pid] == ""))
        order = np.lexsort([*(ranks[o][node.first] for o in reversed(cols)), n_node])
        rank = np.empty(node.size, dtype=np.int64)
        rank[order] = np.arange(node.size)
        out[cols] = _node_reasons(n_node, skip_node, seed_node, parents, rank, min_n)
    return out


def cell_reasons(
    groups: Mapping[str, object] | pd.DataFrame,
    key: np.ndarray,
    n: np.ndarray,
    min_n: int,
    *,
    skip: np.ndarray | None = None,
    seed: Seed | None = None,
) -> np.ndarray:
    """Why each cell is hidden: ``""`` (shown), :data:`FEWER_THAN` or :data:`COMPLEMENTARY`.

    ``groups`` holds one column per ``by`` column (the cell's group), ``key``
    an integer per cell separating independent tables (e.g. the question or
    the period), ``n`` the answers behind each cell. Cells in ``skip`` (e.g.
    "not asked") are neither hidden nor used as complements; they must have
    ``n == 0``. The result does not depend on the order of the columns of
    ``groups`` nor on the order of the cells.

    Examples
    --------
    >>> import numpy as np
    >>> cell_reasons({"unit": ["A", "B", "C"]}, np.zeros(3), np.array([20, 12, 3]), 5)
    array(['', 'hidden to protect a smaller group', 'fewer than 5 answers'],
          dtype=object)
    """
    n = np.asarray(n, dtype=np.int64)
    size = len(n)
    skip = np.zeros(size, dtype=bool) if skip is None else np.asarray(skip, dtype=bool)
    names = sorted(groups.keys()) if isinstance(groups, Mapping) else sorted(groups.columns)
    if size == 0:
        return np.zeros(0, dtype=object)
    codes = {c: group_codes(groups[c]) for c in names}
    ranks = {c: string_ranks(groups[c]) for c in names}
    key = np.asarray(key, dtype=np.int64)
    nodes = lattice(names, codes, key)
    return solve(nodes, ranks, n, min_n, skip, seed)[tuple(names)]

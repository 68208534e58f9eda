"""Anonymity: one suppression decision per data set, read by every function.

No figure computed from fewer than ``min_n`` answers leaves the library, and
no hidden figure can be recovered by subtracting the visible ones from a total
the user can also request. The cells hidden for a survey depend only on the
data -- never on the order of ``by``, on the row order, or on which function
asks -- and each period's pattern only on that period's responses, so every
table, report and later run publishes the same decision
(:func:`hidden_cells`). Respondents who left a background column empty form
the group :data:`NOT_STATED`. :func:`suppress` applies the same rule to a
researcher's own tables.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np
import pandas as pd

from .._validation import as_column_list, check_min_n
from ..survey.counts import (
    COUNTED_TYPES,
    _check_questions,
    _Counts,
    _group_columns,
    _memo,
    _not_asked,
    _project,
    _survey_counts,
    _survey_groups,
)

__all__ = ["suppress", "hidden_cells", "FEWER_THAN", "COMPLEMENTARY", "NOT_STATED"]

#: The group of respondents who left a background column empty (e.g. gender not stated).
NOT_STATED = "(not stated)"
#: Reason for a question nobody was asked in the group's period.
NOT_ASKED = "not asked"

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


def _string_ranks(values) -> np.ndarray:
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
class _Node:
    """One table of the lattice: the cells of some ``by`` columns (and the key)."""

    ids: np.ndarray  # per base cell: the node cell it falls in
    first: np.ndarray  # per node cell: its first base cell
    size: int


def _lattice(
    names: list[str], codes: Mapping[str, np.ndarray], key: np.ndarray
) -> dict[tuple[str, ...], _Node]:
    """Every marginal table of the breakdown ``names`` (sorted), smallest first.

    The node of all ``names`` is the base table itself (one cell per row).
    """
    size = len(key)
    nodes: dict[tuple[str, ...], _Node] = {}
    for r in range(len(names) + 1):
        for cols in combinations(names, r):
            if r == len(names):
                ids = np.arange(size, dtype=np.int64)
            else:
                ids = _parent_ids([codes[o] for o in cols], key)
            m = int(ids.max()) + 1 if size else 0
            first = np.full(m, size, dtype=np.int64)
            np.minimum.at(first, ids, np.arange(size))
            nodes[cols] = _Node(ids, first, m)
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


_Seed = Callable[[tuple[str, ...], np.ndarray], "np.ndarray | None"]


def _solve(
    nodes: dict[tuple[str, ...], _Node],
    ranks: Mapping[str, np.ndarray],
    n: np.ndarray,
    min_n: int,
    skip: np.ndarray,
    seed: _Seed | None = None,
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


def _hidden_cells(
    groups: Mapping[str, object] | pd.DataFrame,
    key: np.ndarray,
    n: np.ndarray,
    min_n: int,
    *,
    skip: np.ndarray | None = None,
    seed: _Seed | None = None,
) -> np.ndarray:
    """Why each cell is hidden: ``""`` (shown), :data:`FEWER_THAN` or :data:`COMPLEMENTARY`.

    ``groups`` holds one column per ``by`` column (the cell's group), ``key``
    an integer per cell separating independent tables (e.g. the question or
    the period), ``n`` the answers behind each cell. Cells in ``skip`` (e.g.
    "not asked") are neither hidden nor used as complements; they must have
    ``n == 0``. The result does not depend on the order of the columns of
    ``groups`` nor on the order of the cells.
    """
    n = np.asarray(n, dtype=np.int64)
    size = len(n)
    skip = np.zeros(size, dtype=bool) if skip is None else np.asarray(skip, dtype=bool)
    names = sorted(groups.keys()) if isinstance(groups, Mapping) else sorted(groups.columns)
    if size == 0:
        return np.zeros(0, dtype=object)
    codes = {c: _codes(groups[c]) for c in names}
    ranks = {c: _string_ranks(groups[c]) for c in names}
    key = np.asarray(key, dtype=np.int64)
    nodes = _lattice(names, codes, key)
    return _solve(nodes, ranks, n, min_n, skip, seed)[tuple(names)]


# ---------------------------------------------------------------------------
# the release decision of a survey


class _Decision:
    """The suppression decision of one survey for one set of breakdown columns.

    ``cols`` is canonical: ``("period", *sorted(other columns))``. ``period``
    is a key, never a complementary dimension, so each period's pattern is
    decided from that period's data alone. Level 0 decides on the number of
    respondents per group; level 1, per question, starts from level 0 and adds
    the cells with too few answers to that question.
    """

    def __init__(self, survey, cols: tuple[str, ...], min_n: int) -> None:
        self.survey = survey
        self.cols = cols
        self.rest = cols[1:]
        self.min_n = min_n
        self.groups = _survey_groups(survey, cols)
        frame = self.groups.frame
        g = self.groups.n
        self._codes = {c: _codes(frame[c]) for c in self.rest}
        self._ranks = {c: _string_ranks(frame[c]) for c in self.rest}
        self._period = _codes(frame["period"]) if g else np.zeros(0, dtype=np.int64)
        self._nodes0 = _lattice(list(self.rest), self._codes, self._period)
        self._level0 = _solve(
            self._nodes0, self._ranks, self.groups.size, min_n, np.zeros(g, dtype=bool)
        )
        self.l0 = self._level0[self.rest]
        self._l1: dict[str, np.ndarray] = {}

    def l1(self, questions: list[str]) -> np.ndarray:
        """Reasons ``[groups, questions]`` of the per-period cells (``""``: shown or not asked)."""
        g = self.groups.n
        todo = [q for q in questions if q not in self._l1]
        if todo:
            c = _survey_counts(self.survey, self.cols, todo)
            nq = len(todo)
            n = c.n.ravel()
            skip = (_not_asked(c) & (c.n == 0)).ravel()
            key = np.repeat(self._period, nq) * nq + np.tile(np.arange(nq), g)
            codes = {k: np.repeat(v, nq) for k, v in self._codes.items()}
            ranks = {k: np.repeat(v, nq) for k, v in self._ranks.items()}
            nodes0, level0 = self._nodes0, self._level0

            def seed(cols: tuple[str, ...], first: np.ndarray) -> np.ndarray:
                return level0[cols][nodes0[cols].ids[first // nq]]

            nodes = _lattice(list(self.rest), codes, key)
            reasons = _solve(nodes, ranks, n, self.min_n, skip, seed)[self.rest]
            reasons = reasons.reshape(g, nq) if g else np.zeros((0, nq), dtype=object)
            for j, q in enumerate(todo):
                self._l1[q] = reasons[:, j]
        if not questions:
            return np.zeros((g, 0), dtype=object)
        return np.stack([self._l1[q] for q in questions], axis=1)

    def table(self, by: list[str], questions: list[str] | None = None):
        """The decision for the table of ``by`` (any order), pooled over periods without ``period``.

        Returns ``(groups, n, reasons)`` without questions (``n``: respondents
        per group) and ``(counts, n, reasons)`` with them (``n``: answers,
        ``[groups, questions]``); ``counts`` is a ``_Counts`` of ``by``. A
        reason is ``""`` for a shown cell and for a question not asked.

        A pooled cell (no ``period`` in ``by``) is shown only if it has at
        least ``min_n`` answers and every per-period cell of it with answers is
        shown, so it is a sum of shown figures.
        """
        groups, inverse = _project(self.groups, by)
        if questions is None:
            obj, base_n, base_r, n_by = groups, self.groups.size, self.l0, groups.size
        else:
            c = _survey_counts(self.survey, self.cols, questions)
            counts = np.zeros((groups.n, *c.counts.shape[1:]), dtype=np.int64)
            np.add.at(counts, inverse, c.counts)
            obj = _Counts(groups, c.questions, c.types, c.lo, c.k, c.reverse, counts)
            base_n, base_r, n_by = c.n, self.l1(questions), obj.n
        if "period" in by:  # the same cells in the caller's column order
            reasons = np.empty_like(base_r)
            reasons[inverse] = base_r
            return obj, n_by, reasons
        hidden_part = ((base_r != "") & (base_n > 0)).astype(np.int64)
        any_hidden = np.zeros(n_by.shape, dtype=np.int64)
        np.add.at(any_hidden, inverse, hidden_part)
        reasons = np.where(
            n_by < self.min_n,
            FEWER_THAN.format(min_n=self.min_n),
            np.where(any_hidden > 0, COMPLEMENTARY, ""),
        ).astype(object)
        if questions is not None:
            reasons[_not_asked(obj) & (n_by == 0)] = ""
        return obj, n_by, reasons


def _decision(survey, by, min_n: int) -> _Decision:
    """The (memoised) decision of ``survey`` for the set of columns ``by``."""
    by_cols = as_column_list(by, survey.responses.columns)
    cols = ("period", *sorted(c for c in by_cols if c != "period"))
    return _memo(survey, ("decision", cols, min_n), lambda: _Decision(survey, cols, min_n))


def hidden_cells(
    survey,
    *,
    by: str | Sequence[str] | None,
    min_n: int = 5,
    questions: str | Sequence[str] | None = None,
) -> pd.DataFrame:
    """Return the release decision: which cells of a breakdown every function hides.

    Every analysis function of the package (``likert_summary``, ``enps``,
    ``answer_counts``, ``response_rates``, ``compare_periods``,
    ``compare_groups``) reads this one decision, so they all hide the same
    groups, whatever the order of ``by``.

    Parameters
    ----------
    survey : Survey
        The survey.
    by : str, list of str or None
        Group columns of the responses; their order does not matter.
    min_n : int, default 5
        Anonymity threshold.
    questions : str or list of str, optional
        Likert, NPS or choice questions: the decision per question (on the
        answers to it). ``None`` gives the group-level decision (on the
        number of respondents), which every question starts from.

    Returns
    -------
    pandas.DataFrame
        One row per group (and question), groups varying slowest: ``*by``
        (categorical, in the caller's order), ``question`` (only with
        ``questions``), ``n`` (respondents, or answers to the question;
        ``<NA>`` where hidden), ``hidden`` (bool) and ``reason``
        (``"fewer than 5 answers"``, ``"hidden to protect a smaller group"``,
        ``"not asked"`` or ``<NA>``).

    Notes
    -----
    The decision depends only on the data:

    1. ``period`` is never a complementary dimension: each period's cells are
       decided from that period's responses alone, so a later period never
       changes an earlier period's pattern.
    2. *Level 0*, per period: a group with fewer than ``min_n`` respondents is
       hidden, then complementary suppression (see :func:`suppress`) over
       every marginal of the breakdown, on respondent counts.
    3. *Level 1*, per question: the level-0 hidden groups, plus the cells
       with fewer than ``min_n`` answers, closed under the same complementary
       rule on answer counts.
    4. Without ``period`` in ``by`` the table is pooled over the periods: a
       pooled cell is shown only if it has at least ``min_n`` answers and
       every per-period cell of it with answers is shown.

    Ties between equally small complements are broken by the group's values
    as text (columns in alphabetical order), never by row order. A missing
    background value is the group :data:`NOT_STATED`.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> pulse = ka.load_demo("pulse")
    >>> h = ka.hidden_cells(pulse, by=["unit", "period"])
    >>> h[h["period"] == "2023-05"][["unit", "n", "reason"]]
                                   unit     n                             reason
    1                          Hallinto  <NA>               fewer than 5 answers
    4                  Järjestötoiminta  <NA>  hidden to protect a smaller group
    7                Kalliolan Klinikka    15                               <NA>
    10        Kalliolan kansalaisopisto    14                               <NA>
    13  Koulutus- ja työllisyyspalvelut    17                               <NA>

    ``by=["period", "unit"]`` hides the same cells; ``likert_summary``,
    ``enps`` and ``response_rates`` hide them too.
    """
    min_n = check_min_n(min_n)
    by_cols = as_column_list(by, survey.responses.columns)
    dec = _decision(survey, by_cols, min_n)
    if questions is None:
        groups, n, reasons = dec.table(by_cols)
        cols: dict[str, object] = _group_columns(groups)
        not_asked = np.zeros(len(n), dtype=bool)
    else:
        qs = _check_questions(survey, questions, COUNTED_TYPES)
        c, n, reasons = dec.table(by_cols, qs)
        cols = _group_columns(c.groups, len(qs))
        cols["question"] = pd.array(np.tile(np.array(qs, dtype=object), c.groups.n), dtype="string")
        not_asked = (_not_asked(c) & (n == 0)).ravel()
        n, reasons = n.ravel(), reasons.ravel()
    hidden = reasons != ""
    n_col = pd.array(np.asarray(n, dtype=np.int64), dtype="Int64")
    n_col[hidden] = pd.NA
    cols["n"] = n_col
    cols["hidden"] = hidden
    reason = np.where(hidden, reasons, np.where(not_asked, NOT_ASKED, None))
    cols["reason"] = pd.array(reason, dtype="string")
    return pd.DataFrame(cols)


def _survey_seed(survey, table: pd.DataFrame, period_key: bool, min_n: int) -> _Seed:
    """Seed a researcher's table with the survey's group-level decision of the same columns."""
    available = set(survey.responses.columns)

    def seed(cols: tuple[str, ...], first: np.ndarray) -> np.ndarray | None:
        look = [*cols, "period"] if period_key else list(cols)
        if not set(look) <= available or not look:
            return None
        groups, _, reasons = _decision(survey, look, min_n).table(look)
        frame = groups.frame
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
        the same columns (see :func:`hidden_cells`) is applied first, so a
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
    key = _parent_ids([_codes(table[k]) for k in key_cols], np.zeros(len(table), dtype=np.int64))
    seed = _survey_seed(survey, table, period_key, min_n) if survey is not None else None
    reason = _hidden_cells(
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
    return _blank(table, reason, n_column=n_column, value_columns=value_columns)


def _blank(
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

"""Answer counts: the sufficient statistic every pulse figure is computed from.

Every summary of a closed question (means, shares, eNPS, Mann-Whitney U) is a
function of how many respondents of each group chose each answer option. This
module builds those counts in one vectorised pass per question: the group
columns' categorical codes are combined into one group code, and
``np.bincount(group_code * n_options + answer_offset)`` counts every group and
option at once. No ``groupby().apply`` and no copy of the responses frame.

The private :func:`_dense_counts` returns a dense array ``[groups x questions x
options]`` used by :mod:`~kalliola_analysis.survey.likert`, :mod:`~kalliola_analysis.survey.nps`
and :mod:`~kalliola_analysis.survey.compare`; :func:`answer_counts` is its public,
tidy face.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .._validation import as_column_list, check_min_n
from ..errors import DataError, OutOfRangeError, ParameterError

__all__ = ["answer_counts"]

#: Reason shown for a question nobody was asked in the group's period.
NOT_ASKED = "not asked"
#: Question types whose answers are codes on a scale and can be counted.
COUNTED_TYPES = ("likert", "nps", "choice")


class _Groups:
    """The observed groups of ``by`` and each response's group index.

    ``index`` (per response: 0..n_groups-1, or -1 when a group value is
    missing) may be given as a function computing it: groups counted by the
    engine of a processed data set need no per-row index until a function
    works on respondent rows (theme scores, drivers) and asks for it.
    """

    __slots__ = ("by", "frame", "size", "_index")

    def __init__(self, by: list[str], frame: pd.DataFrame, index, size: np.ndarray) -> None:
        self.by = by
        self.frame = frame  # one row per observed group, the by columns as categoricals
        self._index = index  # np.ndarray, or a function returning it
        self.size = size  # responses per group

    @property
    def index(self) -> np.ndarray:
        """Per response: its group, or -1 when a group value is missing (computed once)."""
        if callable(self._index):
            self._index = self._index()
        return self._index

    @property
    def n(self) -> int:
        return len(self.frame)


@dataclass(frozen=True)
class _Counts:
    """Dense answer counts of some questions for some groups."""

    groups: _Groups
    questions: list[str]
    types: list[str]
    lo: np.ndarray  # scale minimum per question
    k: np.ndarray  # number of options per question
    reverse: np.ndarray  # bool per question
    counts: np.ndarray  # int64 [groups, questions, max(k)], zero beyond a question's k

    @property
    def n(self) -> np.ndarray:
        """Non-missing answers, ``[groups, questions]``."""
        return self.counts.sum(axis=2)


def _as_categorical(col: pd.Series) -> pd.Categorical:
    """The column as a categorical; a missing value becomes the category :data:`NOT_STATED`.

    Respondents who left a background question empty form their own group,
    appended as the last category, so that they are counted (and protected)
    like any group instead of vanishing from every breakdown but the total.
    """
    from ..privacy.decision import NOT_STATED

    cat = col.array if isinstance(col.dtype, pd.CategoricalDtype) else pd.Categorical(col)
    codes = np.asarray(cat.codes)
    if len(codes) == 0 or codes.min() >= 0:
        return cat  # type: ignore[return-value]
    if NOT_STATED not in cat.categories:
        cat = cat.add_categories([NOT_STATED])
    fill = int(cat.categories.get_loc(NOT_STATED))
    return pd.Categorical.from_codes(np.where(codes < 0, fill, codes), dtype=cat.dtype)


def _group_index(responses: pd.DataFrame, by: list[str]) -> _Groups:
    """Combine the categorical codes of ``by`` into one compact group index."""
    n_rows = len(responses)
    if not by:
        frame = pd.DataFrame(index=pd.RangeIndex(1 if n_rows else 0))
        return _Groups(
            by, frame, np.zeros(n_rows, dtype=np.int64), np.array([n_rows] if n_rows else [])
        )
    cats = [_as_categorical(responses[c]) for c in by]
    sizes = [max(len(c.categories), 1) for c in cats]
    total = int(np.prod(sizes, dtype=np.float64))
    code = np.zeros(n_rows, dtype=np.int64)
    valid = np.ones(n_rows, dtype=bool)
    for cat, size in zip(cats, sizes, strict=True):
        codes = np.asarray(cat.codes)
        valid &= codes >= 0
        code *= size
        code += codes
    if total <= 50_000_000:
        code[~valid] = total
        size_full = np.bincount(code, minlength=total + 1)[:total]
        observed = np.flatnonzero(size_full)
        remap = np.full(total + 1, -1, dtype=np.int64)
        remap[observed] = np.arange(len(observed))
        index = remap[code]
        size = size_full[observed]
    else:  # very many combinations: only the observed ones matter
        observed, inverse, size = np.unique(code[valid], return_inverse=True, return_counts=True)
        index = np.full(n_rows, -1, dtype=np.int64)
        index[valid] = inverse
    columns = {}
    rest = observed.copy()
    for cat, size_c, name in reversed(list(zip(cats, sizes, by, strict=True))):
        codes_c = rest % size_c
        rest //= size_c
        columns[name] = pd.Categorical.from_codes(
            codes_c, categories=cat.categories, ordered=cat.ordered
        )
    frame = pd.DataFrame({c: columns[c] for c in by})
    return _Groups(by, frame, index, np.asarray(size, dtype=np.int64))


def _check_questions(
    survey, questions, types: tuple[str, ...], name: str = "questions"
) -> list[str]:
    """Return the requested questions (default: all of ``types``) after checking them."""
    allowed = survey.questions(*types)
    if questions is None:
        return allowed
    qs = [questions] if isinstance(questions, str) else list(questions)
    all_q = survey.questions()
    for q in qs:
        if q not in all_q:
            raise ParameterError(
                f"{name} names {q!r}, which is not in the codebook; known: {all_q}"
            )
        if q not in allowed:
            raise ParameterError(
                f"{name} names {q!r}, a question of another type; allowed types {list(types)}"
            )
    if len(set(qs)) != len(qs):
        raise ParameterError(f"{name} names a question twice: {qs!r}")
    return qs


def _values_and_mask(col: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Answer codes and the missing mask, without copying a nullable integer column."""
    arr = col.array
    if isinstance(arr, pd.arrays.IntegerArray):
        # the masked array's own buffers (pandas' BaseMaskedArray layout): no copy
        return arr._data, arr._mask
    missing = col.isna().to_numpy()
    return col.to_numpy(dtype=np.int64, na_value=0), missing


def _dense_counts(survey, by, questions: list[str], groups: _Groups | None = None) -> _Counts:
    """Count every answer option of ``questions`` in every observed group of ``by``.

    One ``np.bincount`` over ``group * k_max + (answer - scale_min)`` per question.
    ``groups`` (the :func:`_group_index` of ``by``) saves recomputing it.
    """
    responses = survey.responses
    by = as_column_list(by, responses.columns)
    if groups is None and _lazy_source(survey) is not None:
        return _survey_counts(survey, tuple(by), list(questions))  # counted by the engine
    if groups is None:
        groups = _group_index(responses, by)
    cb = survey.codebook.set_index("question")
    lo = np.array([int(cb.at[q, "scale_min"]) for q in questions], dtype=np.int64)
    hi = np.array([int(cb.at[q, "scale_max"]) for q in questions], dtype=np.int64)
    k = hi - lo + 1
    k_max = int(k.max()) if len(k) else 1
    n_groups = groups.n
    counts = np.zeros((n_groups, len(questions), k_max), dtype=np.int64)
    dump = n_groups * k_max
    base = groups.index * k_max
    base[groups.index < 0] = dump
    for j, q in enumerate(questions):
        values, missing = _values_and_mask(responses[q])
        offset = values.astype(np.int64)
        offset -= lo[j]
        np.putmask(offset, missing, 0)
        if len(offset) and (offset.min() < 0 or offset.max() >= k[j]):
            bad = int(np.flatnonzero((offset < 0) | (offset >= k[j]))[0])
            raise OutOfRangeError(
                f"answer {values[bad]} is outside the scale {lo[j]}-{hi[j]}",
                file="responses",
                column=q,
                row=bad + 2,
            )
        offset += base
        np.putmask(offset, missing, dump)
        np.minimum(offset, dump, out=offset)  # responses outside every group
        counts[:, j, :] = np.bincount(offset, minlength=dump + 1)[:dump].reshape(n_groups, k_max)
    reverse = np.array([bool(cb.at[q, "reverse"]) for q in questions], dtype=bool)
    types = [str(cb.at[q, "type"]) for q in questions]
    return _Counts(groups, list(questions), types, lo, k, reverse, counts)


def _project(groups: _Groups, by: list[str]) -> tuple[_Groups, np.ndarray]:
    """Merge ``groups`` into the groups of ``by`` (a subset of ``groups.by``, any order).

    Returns the groups of ``by`` -- exactly what :func:`_group_index` of ``by``
    gives -- and, for each group of ``groups``, the index of its merged group.
    """
    g = groups.n
    by = list(by)
    if not by or g == 0:
        frame = (
            pd.DataFrame(index=pd.RangeIndex(1 if g else 0))
            if not by
            else pd.DataFrame({c: groups.frame[c] for c in by})
        )
        inverse = np.zeros(g, dtype=np.int64)
    else:
        codes = np.stack(
            [np.asarray(groups.frame[c].cat.codes, dtype=np.int64) for c in by], axis=1
        )
        keys, inverse = np.unique(codes, axis=0, return_inverse=True)
        inverse = np.asarray(inverse, dtype=np.int64).ravel()
        frame = pd.DataFrame(
            {
                c: pd.Categorical.from_codes(keys[:, i], dtype=groups.frame[c].dtype)
                for i, c in enumerate(by)
            }
        )
    size = np.bincount(inverse, weights=groups.size, minlength=len(frame)).astype(np.int64)

    def merged_index() -> np.ndarray:
        parent = groups.index
        index = np.full(len(parent), -1, dtype=np.int64)
        if g:
            valid = parent >= 0
            index[valid] = inverse[parent[valid]]
        return index

    # a lazy parent (groups counted by the engine) keeps the merged index lazy too
    index = merged_index if callable(groups._index) else merged_index()
    return _Groups(by, frame, index, size), inverse


def _project_counts(c: _Counts, by: list[str]) -> _Counts:
    """The counts of ``c`` merged into the groups of ``by`` (a subset of ``c.groups.by``)."""
    if list(by) == c.groups.by:
        return c
    groups, inverse = _project(c.groups, by)
    counts = np.zeros((groups.n, *c.counts.shape[1:]), dtype=np.int64)
    np.add.at(counts, inverse, c.counts)
    return _Counts(groups, c.questions, c.types, c.lo, c.k, c.reverse, counts)


#: Surveys whose derived data (groups, counts, suppression decisions) are memoised.
_MEMO_SURVEYS = 4
_MEMO: OrderedDict[int, tuple[object, tuple[int, ...], dict]] = OrderedDict()


def _memo(survey, tag, make):
    """Compute ``make()`` once per survey and ``tag``; later calls return the same object.

    A :class:`~kalliola_analysis.Survey` is treated as immutable (every
    function of the package only reads it; ``subset`` makes a new one), so
    everything derived from it can be shared by all the functions of one run:
    that is what makes them publish one suppression decision. The memo holds
    the last few surveys (a strong reference, so an ``id`` is never reused
    while cached) and notices when ``responses``, ``codebook`` or
    ``invitations`` is replaced by another object.
    """
    key = id(survey)
    state = (id(survey.responses), id(survey.codebook), id(survey.invitations))
    entry = _MEMO.get(key)
    if entry is None or entry[0] is not survey or entry[1] != state:
        entry = (survey, state, {})
        _MEMO[key] = entry
    _MEMO.move_to_end(key)
    while len(_MEMO) > _MEMO_SURVEYS:
        _MEMO.popitem(last=False)
    memo = entry[2]
    if tag not in memo:
        memo[tag] = make()
    return memo[tag]


def _lazy_source(survey):
    """The :class:`~kalliola_analysis.survey.engine.ProcessedResponses` of a lazy survey, else None."""
    return getattr(survey, "_lazy", None)


def _engine_groups(survey, source, cols: tuple[str, ...], questions: list[str]):
    """Groups of ``cols`` and the counts of ``questions``, counted by the engine in one scan.

    The groups, their order and the categories of their columns are exactly
    those :func:`_group_index` gives on the responses in memory: the
    categories come from :func:`_as_categorical` of the (small) key column,
    a missing value is the group ``"(not stated)"``, and the groups are sorted
    by their category codes, the first column slowest.
    """
    from ..privacy.decision import NOT_STATED

    cb = survey.codebook.set_index("question")
    lo = np.array([int(cb.at[q, "scale_min"]) for q in questions], dtype=np.int64)
    hi = np.array([int(cb.at[q, "scale_max"]) for q in questions], dtype=np.int64)
    k = hi - lo + 1
    values, size, counts = source.group_counts(list(cols), questions, lo, k)
    if not cols:
        frame = pd.DataFrame(index=pd.RangeIndex(len(size)))
        order = np.arange(len(size))
    else:
        dtypes = [_as_categorical(source.view[c]).dtype for c in cols]
        codes = []
        for c, dtype in zip(cols, dtypes, strict=True):
            v = values[c]
            missing = v.isna().to_numpy()
            code = np.full(len(v), -1, dtype=np.int64)
            code[~missing] = dtype.categories.get_indexer(pd.Index(v[~missing].tolist()))
            if missing.any() and NOT_STATED in dtype.categories:
                code[missing] = dtype.categories.get_loc(NOT_STATED)
            if (code[~missing] < 0).any():
                raise DataError(
                    "the engine found a value that is not among the column's categories",
                    file=source.file,
                    column=c,
                )
            codes.append(code)
        valid = np.logical_and.reduce([code >= 0 for code in codes])
        order = np.flatnonzero(valid)
        order = order[np.lexsort([code[order] for code in reversed(codes)])]
        frame = pd.DataFrame(
            {
                c: pd.Categorical.from_codes(code[order], dtype=dtype)
                for c, code, dtype in zip(cols, codes, dtypes, strict=True)
            }
        )
    size, counts = size[order], counts[order]

    def index() -> np.ndarray:  # per-row groups, for functions that need respondent rows
        full = _group_index(source.view, list(cols))
        if not (full.frame.equals(frame) and np.array_equal(full.size, size)):
            raise DataError("the responses changed since they were counted", file=source.file)
        return full.index

    groups = _Groups(list(cols), frame, index, np.asarray(size, dtype=np.int64))
    return groups, lo, k, counts


def _survey_groups(survey, cols: tuple[str, ...]) -> _Groups:
    """The (memoised) groups of ``cols``.

    For a survey read lazily from a processed folder, the groups come from the
    engine's one scan, which also counts every closed question (memoised for
    :func:`_survey_counts`); the groups then have no per-row index until asked.
    """
    source = _lazy_source(survey)
    if source is None:
        return _memo(survey, ("groups", cols), lambda: _group_index(survey.responses, list(cols)))

    def make() -> _Groups:
        per_q: dict = _memo(survey, ("counts", cols), dict)
        qs = [q for q in survey.questions(*COUNTED_TYPES) if q not in per_q]
        groups, lo, k, counts = _engine_groups(survey, source, cols, qs)
        _keep_counts(survey, per_q, qs, lo, k, counts)
        return groups

    return _memo(survey, ("groups", cols), make)


def _keep_counts(survey, per_q: dict, qs: list[str], lo, k, counts) -> None:
    cb = survey.codebook.set_index("question")
    for j, q in enumerate(qs):
        kj = int(k[j])
        per_q[q] = (
            counts[:, j, :kj].copy(),
            int(lo[j]),
            kj,
            bool(cb.at[q, "reverse"]),
            str(cb.at[q, "type"]),
        )


def _survey_counts(survey, cols: tuple[str, ...], questions: list[str]) -> _Counts:
    """The (memoised, per question) answer counts of ``questions`` in the groups of ``cols``."""
    groups = _survey_groups(survey, cols)
    per_q: dict = _memo(survey, ("counts", cols), dict)
    todo = [q for q in questions if q not in per_q]
    source = _lazy_source(survey)
    if todo and source is not None:
        again, lo, k, counts = _engine_groups(survey, source, cols, todo)
        if not again.frame.equals(groups.frame):
            raise DataError("the responses changed since they were counted", file=source.file)
        _keep_counts(survey, per_q, todo, lo, k, counts)
    elif todo:
        c = _dense_counts(survey, list(cols), todo, groups=groups)
        for j, q in enumerate(todo):
            kj = int(c.k[j])
            per_q[q] = (
                c.counts[:, j, :kj].copy(),
                int(c.lo[j]),
                kj,
                bool(c.reverse[j]),
                c.types[j],
            )
    parts = [per_q[q] for q in questions]
    k = np.array([p[2] for p in parts], dtype=np.int64)
    k_max = int(k.max()) if len(k) else 1
    counts = np.zeros((groups.n, len(questions), k_max), dtype=np.int64)
    for j, p in enumerate(parts):
        counts[:, j, : p[2]] = p[0]
    return _Counts(
        groups,
        list(questions),
        [p[4] for p in parts],
        np.array([p[1] for p in parts], dtype=np.int64),
        k,
        np.array([p[3] for p in parts], dtype=bool),
        counts,
    )


def _not_asked(counts: _Counts) -> np.ndarray:
    """``[groups, questions]``: True where nobody answered the question in the group's period.

    With ``period`` among the groups, a question is "not asked" in a period
    when it has no answers in that whole period; without it, when it has no
    answers in the whole survey.
    """
    n = counts.n
    if "period" in counts.groups.by:
        period = np.asarray(counts.groups.frame["period"].cat.codes)
        n_periods = int(period.max()) + 1 if len(period) else 0
        per_period = np.zeros((n_periods, n.shape[1]), dtype=np.int64)
        np.add.at(per_period, period, n)
        return per_period[period] == 0
    return np.broadcast_to(n.sum(axis=0) == 0, n.shape).copy()


def _invited(survey, groups: _Groups) -> np.ndarray:
    """Invitations per group (float, NaN where unknown: no invitations or other by columns)."""
    inv = survey.invitations
    if inv is None or any(c not in ("period", "unit") for c in groups.by):
        return np.full(groups.n, np.nan)
    inv = inv[inv["period"].astype(str).isin(survey.periods)]  # a subset covers fewer periods
    if not groups.by:
        return np.array([float(inv["invited"].sum())] * groups.n)
    keyed = inv.assign(**{c: inv[c].astype(str) for c in groups.by})
    totals = keyed.groupby(groups.by, observed=True)["invited"].sum()
    keys = pd.MultiIndex.from_frame(groups.frame.astype(str)) if len(groups.by) > 1 else None
    if keys is None:
        idx = pd.Index(groups.frame[groups.by[0]].astype(str))
        return totals.reindex(idx).to_numpy(dtype=float)
    return totals.reindex(keys).to_numpy(dtype=float)


def _group_columns(groups: _Groups, repeat: int = 1) -> dict[str, pd.Categorical]:
    """The group columns, each row repeated ``repeat`` times (groups vary slowest)."""
    out = {}
    for c in groups.by:
        cat = groups.frame[c].array
        out[c] = pd.Categorical.from_codes(
            np.repeat(np.asarray(cat.codes), repeat), dtype=cat.dtype
        )
    return out


def answer_counts(
    survey,
    *,
    by: str | list[str] | None = "period",
    questions: str | list[str] | None = None,
    min_n: int | None = 5,
) -> pd.DataFrame:
    """Count every answer option of the closed questions, per group.

    The sufficient statistic of the pulse: every mean, share, eNPS and rank
    test of this package is computed from these counts. Options nobody chose
    appear with a count of 0.

    Parameters
    ----------
    survey : Survey
        The survey.
    by : str, list of str or None, default "period"
        Group columns of the responses (``period``, ``unit``, background
        columns); ``None`` counts the whole organisation.
    questions : str or list of str, optional
        Likert, NPS or choice questions; default all of them, in codebook order.
    min_n : int or None, default 5
        Anonymity threshold: the counts of a question in a group with fewer
        than ``min_n`` answers are ``<NA>``, with complementary suppression,
        by the survey's one decision (see :func:`kalliola_analysis.hidden_cells`). ``None`` returns raw counts
        (for work on the respondent-level data itself, never for reports).

    Returns
    -------
    pandas.DataFrame
        Columns ``*by`` (categorical, in ``by`` order), ``question``,
        ``answer`` (the answer code, int), ``count`` (``Int64``, ``<NA>``
        where hidden or not asked) and ``suppressed`` (why the counts are
        missing: ``"fewer than 5 answers"``, ``"hidden to protect a smaller
        group"``, ``"not asked"`` -- nobody was asked the question in the
        group's period -- or ``<NA>``), one row per group, question and
        answer option, groups varying slowest. Only groups with at least one
        response appear; respondents with no value in a ``by`` column form
        the group ``"(not stated)"``.

    See Also
    --------
    likert_summary : Means and shares of the Likert statements from these counts.
    enps : The employee Net Promoter Score from the NPS counts.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> pulse = ka.load_demo("pulse")
    >>> counts = ka.answer_counts(pulse, by="period", questions="meaningful_work")
    >>> counts[counts["period"] == "2023-11"]
         period         question  answer  count suppressed
    10  2023-11  meaningful_work       1      0       <NA>
    11  2023-11  meaningful_work       2      0       <NA>
    12  2023-11  meaningful_work       3      7       <NA>
    13  2023-11  meaningful_work       4     14       <NA>
    14  2023-11  meaningful_work       5     50       <NA>
    """
    qs = _check_questions(survey, questions, COUNTED_TYPES)
    by_cols = as_column_list(by, survey.responses.columns)
    if min_n is not None:
        from ..privacy.decision import _decision

        min_n = check_min_n(min_n)
        c, _, reasons = _decision(survey, by_cols, min_n).table(by_cols, qs)
    else:
        c = _dense_counts(survey, by_cols, qs)
        reasons = np.full((c.groups.n, len(qs)), "", dtype=object)
    g = c.groups.n
    reasons = np.where(_not_asked(c) & (c.n == 0), NOT_ASKED, reasons)
    hidden = reasons != ""
    parts_q, parts_a, parts_g, parts_c, parts_r = [], [], [], [], []
    gi = np.arange(g)
    for j in range(len(qs)):
        kj = int(c.k[j])
        parts_g.append(np.repeat(gi, kj))
        parts_q.append(np.full(g * kj, j))
        parts_a.append(np.tile(np.arange(kj) + c.lo[j], g))
        vals = c.counts[:, j, :kj].astype("float64")
        vals[hidden[:, j]] = np.nan
        parts_c.append(vals.ravel())
        parts_r.append(np.repeat(reasons[:, j], kj))
    if parts_g:
        gidx = np.concatenate(parts_g)
        qidx = np.concatenate(parts_q)
        order = np.lexsort((qidx, gidx))  # groups slowest, then questions in order
        gidx, qidx = gidx[order], qidx[order]
        answers = np.concatenate(parts_a)[order]
        count = np.concatenate(parts_c)[order]
        why = np.concatenate(parts_r)[order]
    else:
        gidx = qidx = answers = np.zeros(0, dtype=np.int64)
        count = np.zeros(0)
        why = np.zeros(0, dtype=object)
    out = {}
    for col in c.groups.by:
        cat = c.groups.frame[col].array
        out[col] = pd.Categorical.from_codes(np.asarray(cat.codes)[gidx], dtype=cat.dtype)
    out["question"] = pd.array(np.array(qs, dtype=object)[qidx] if len(qs) else [], dtype="string")
    out["answer"] = answers.astype(np.int64)
    cnt = pd.array(np.nan_to_num(count, nan=0).astype(np.int64), dtype="Int64")
    cnt[np.isnan(count)] = pd.NA
    out["count"] = cnt
    out["suppressed"] = pd.array(np.where(why != "", why, None), dtype="string")
    return pd.DataFrame(out)


def _require_rows(survey) -> None:
    if len(survey.responses) == 0:
        raise DataError("the survey has no responses", file="responses")

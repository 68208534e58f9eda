"""The counting kernel, part 2: answer counts, the sufficient statistic of every pulse figure.

Every summary of a closed question (means, shares, eNPS, Mann-Whitney U) is a
function of how many respondents of each group chose each answer option. This
module builds those counts in one vectorised pass per question: the group
columns' categorical codes are combined into one group code (:mod:`.groups`),
and ``np.bincount(group_code * n_options + answer_offset)`` counts every group
and option at once. No ``groupby().apply`` and no copy of the responses frame.

:func:`dense_counts` returns a :class:`Counts`, a dense array ``[groups x
questions x options]``; :func:`survey_counts` is its memoised form (counted by
the engine for a survey read lazily from a processed folder), read by
:mod:`.likert`, :mod:`.nps`, :mod:`.compare` and the release decision
(:mod:`.disclosure`); :func:`~kalliola_analysis.answer_counts` is its public,
tidy face. These names are public in their module for new analyses; they are
not re-exported as ``ka.*``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .._validation import as_column_list
from ..errors import DataError, OutOfRangeError, ParameterError
from ..privacy.complementary import NOT_STATED
from .groups import Groups, as_categorical, group_index, lazy_source, memo, project

__all__ = [
    "NOT_ASKED",
    "COUNTED_TYPES",
    "Counts",
    "check_questions",
    "values_and_mask",
    "dense_counts",
    "project_counts",
    "engine_groups",
    "survey_groups",
    "survey_counts",
    "not_asked_mask",
    "invited_per_group",
]

#: Reason shown for a question nobody was asked in the group's period.
NOT_ASKED = "not asked"
#: Question types whose answers are codes on a scale and can be counted.
COUNTED_TYPES = ("likert", "nps", "choice")


@dataclass(frozen=True)
class Counts:
    """Dense answer counts of some questions for some groups."""

    groups: Groups
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


def check_questions(
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


def values_and_mask(col: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Answer codes and the missing mask, without copying a nullable integer column."""
    arr = col.array
    if isinstance(arr, pd.arrays.IntegerArray):
        # the masked array's own buffers (pandas' BaseMaskedArray layout): no copy
        return arr._data, arr._mask
    missing = col.isna().to_numpy()
    return col.to_numpy(dtype=np.int64, na_value=0), missing


def dense_counts(survey, by, questions: list[str], groups: Groups | None = None) -> Counts:
    """Count every answer option of ``questions`` in every observed group of ``by``.

    One ``np.bincount`` over ``group * k_max + (answer - scale_min)`` per question.
    ``groups`` (the :func:`group_index` of ``by``) saves recomputing it.
    """
    responses = survey.responses
    by = as_column_list(by, responses.columns)
    if groups is None and lazy_source(survey) is not None:
        return survey_counts(survey, tuple(by), list(questions))  # counted by the engine
    if groups is None:
        groups = group_index(responses, by)
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
        values, missing = values_and_mask(responses[q])
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
    return Counts(groups, list(questions), types, lo, k, reverse, counts)


def project_counts(c: Counts, by: list[str]) -> Counts:
    """The counts of ``c`` merged into the groups of ``by`` (a subset of ``c.groups.by``)."""
    if list(by) == c.groups.by:
        return c
    groups, inverse = project(c.groups, by)
    counts = np.zeros((groups.n, *c.counts.shape[1:]), dtype=np.int64)
    np.add.at(counts, inverse, c.counts)
    return Counts(groups, c.questions, c.types, c.lo, c.k, c.reverse, counts)


def engine_groups(survey, source, cols: tuple[str, ...], questions: list[str]):
    """Groups of ``cols`` and the counts of ``questions``, counted by the engine in one scan.

    The groups, their order and the categories of their columns are exactly
    those :func:`group_index` gives on the responses in memory: the
    categories come from :func:`as_categorical` of the (small) key column,
    a missing value is the group ``"(not stated)"``, and the groups are sorted
    by their category codes, the first column slowest.
    """
    cb = survey.codebook.set_index("question")
    lo = np.array([int(cb.at[q, "scale_min"]) for q in questions], dtype=np.int64)
    hi = np.array([int(cb.at[q, "scale_max"]) for q in questions], dtype=np.int64)
    k = hi - lo + 1
    values, size, counts = source.group_counts(list(cols), questions, lo, k)
    if not cols:
        frame = pd.DataFrame(index=pd.RangeIndex(len(size)))
        order = np.arange(len(size))
    else:
        dtypes = [as_categorical(source.view[c]).dtype for c in cols]
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
        full = group_index(source.view, list(cols))
        if not (full.frame.equals(frame) and np.array_equal(full.size, size)):
            raise DataError("the responses changed since they were counted", file=source.file)
        return full.index

    groups = Groups(list(cols), frame, index, np.asarray(size, dtype=np.int64))
    return groups, lo, k, counts


def survey_groups(survey, cols: tuple[str, ...]) -> Groups:
    """The (memoised) groups of ``cols``.

    For a survey read lazily from a processed folder, the groups come from the
    engine's one scan, which also counts every closed question (memoised for
    :func:`survey_counts`); the groups then have no per-row index until asked.
    """
    source = lazy_source(survey)
    if source is None:
        return memo(survey, ("groups", cols), lambda: group_index(survey.responses, list(cols)))

    def make() -> Groups:
        per_q: dict = memo(survey, ("counts", cols), dict)
        qs = [q for q in survey.questions(*COUNTED_TYPES) if q not in per_q]
        groups, lo, k, counts = engine_groups(survey, source, cols, qs)
        _keep_counts(survey, per_q, qs, lo, k, counts)
        return groups

    return memo(survey, ("groups", cols), make)


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


def survey_counts(survey, cols: tuple[str, ...], questions: list[str]) -> Counts:
    """The (memoised, per question) answer counts of ``questions`` in the groups of ``cols``.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> pulse = ka.load_demo("pulse")
    >>> c = survey_counts(pulse, ("period",), ["meaningful_work"])
    >>> c.groups.frame["period"].tolist()[-1], c.counts[-1, 0].tolist()
    ('2023-11', [0, 0, 7, 14, 50])
    >>> survey_groups(pulse, ("period",)) is c.groups  # one memoised groups object
    True
    """
    groups = survey_groups(survey, cols)
    per_q: dict = memo(survey, ("counts", cols), dict)
    todo = [q for q in questions if q not in per_q]
    source = lazy_source(survey)
    if todo and source is not None:
        again, lo, k, counts = engine_groups(survey, source, cols, todo)
        if not again.frame.equals(groups.frame):
            raise DataError("the responses changed since they were counted", file=source.file)
        _keep_counts(survey, per_q, todo, lo, k, counts)
    elif todo:
        c = dense_counts(survey, list(cols), todo, groups=groups)
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
    return Counts(
        groups,
        list(questions),
        [p[4] for p in parts],
        np.array([p[1] for p in parts], dtype=np.int64),
        k,
        np.array([p[3] for p in parts], dtype=bool),
        counts,
    )


def not_asked_mask(counts: Counts) -> np.ndarray:
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


def invited_per_group(survey, groups: Groups) -> np.ndarray:
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

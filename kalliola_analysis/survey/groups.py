"""The counting kernel, part 1: the groups of a breakdown and the per-survey memo.

Every summary of a closed question is computed per *group*: the combination of
the values of the ``by`` columns (``period``, ``unit``, background columns). A
:class:`Groups` holds the observed groups of ``by`` (one row each, the columns
as categoricals), how many responses fall in each, and each response's group;
:func:`group_index` builds it in one vectorised pass over the categorical codes
and :func:`project` merges it into the groups of fewer columns.

:func:`memo` caches everything derived from a survey (groups, counts,
suppression decisions) so every function of a run reads the same objects.
The answer counts themselves are in :mod:`.counts`. These names are public in
their module for new analyses; they are not re-exported as ``ka.*``.
"""

from __future__ import annotations

from collections import OrderedDict

import numpy as np
import pandas as pd

from ..privacy.complementary import NOT_STATED

__all__ = [
    "Groups",
    "as_categorical",
    "group_index",
    "project",
    "group_columns",
    "memo",
    "lazy_source",
]


class Groups:
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
        """The number of observed groups."""
        return len(self.frame)


def as_categorical(col: pd.Series) -> pd.Categorical:
    """The column as a categorical; a missing value becomes the category :data:`NOT_STATED`.

    Respondents who left a background question empty form their own group,
    appended as the last category, so that they are counted (and protected)
    like any group instead of vanishing from every breakdown but the total.
    """
    cat = col.array if isinstance(col.dtype, pd.CategoricalDtype) else pd.Categorical(col)
    codes = np.asarray(cat.codes)
    if len(codes) == 0 or codes.min() >= 0:
        return cat  # type: ignore[return-value]
    if NOT_STATED not in cat.categories:
        cat = cat.add_categories([NOT_STATED])
    fill = int(cat.categories.get_loc(NOT_STATED))
    return pd.Categorical.from_codes(np.where(codes < 0, fill, codes), dtype=cat.dtype)


def group_index(responses: pd.DataFrame, by: list[str]) -> Groups:
    """Combine the categorical codes of ``by`` into one compact group index."""
    n_rows = len(responses)
    if not by:
        frame = pd.DataFrame(index=pd.RangeIndex(1 if n_rows else 0))
        return Groups(
            by, frame, np.zeros(n_rows, dtype=np.int64), np.array([n_rows] if n_rows else [])
        )
    cats = [as_categorical(responses[c]) for c in by]
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
    return Groups(by, frame, index, np.asarray(size, dtype=np.int64))


def project(groups: Groups, by: list[str]) -> tuple[Groups, np.ndarray]:
    """Merge ``groups`` into the groups of ``by`` (a subset of ``groups.by``, any order).

    Returns the groups of ``by`` -- exactly what :func:`group_index` of ``by``
    gives -- and, for each group of ``groups``, the index of its merged group.

    Examples
    --------
    >>> import pandas as pd
    >>> r = pd.DataFrame({"unit": ["A", "B", "A", "B"], "period": ["1", "1", "2", "2"]})
    >>> merged, inverse = project(group_index(r, ["period", "unit"]), ["unit"])
    >>> merged.frame["unit"].tolist(), merged.size.tolist(), inverse.tolist()
    (['A', 'B'], [2, 2], [0, 1, 0, 1])
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
    return Groups(by, frame, index, size), inverse


def group_columns(groups: Groups, repeat: int = 1) -> dict[str, pd.Categorical]:
    """The group columns, each row repeated ``repeat`` times (groups vary slowest)."""
    out = {}
    for c in groups.by:
        cat = groups.frame[c].array
        out[c] = pd.Categorical.from_codes(
            np.repeat(np.asarray(cat.codes), repeat), dtype=cat.dtype
        )
    return out


#: Surveys whose derived data (groups, counts, suppression decisions) are memoised.
_MEMO_SURVEYS = 4
_MEMO: OrderedDict[int, tuple[object, tuple[int, ...], dict]] = OrderedDict()


def memo(survey, tag, make):
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


def lazy_source(survey):
    """The :class:`~kalliola_analysis.survey.engine.ProcessedResponses` of a lazy survey, else None."""
    return getattr(survey, "_lazy", None)

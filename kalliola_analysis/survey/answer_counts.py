"""Answer counts per group: the tidy face of the counting kernel (:mod:`.counts`)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._validation import as_column_list, check_min_n
from .counts import COUNTED_TYPES, NOT_ASKED, check_questions, dense_counts, not_asked_mask
from .disclosure import release_decision

__all__ = ["answer_counts"]


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
    qs = check_questions(survey, questions, COUNTED_TYPES)
    by_cols = as_column_list(by, survey.responses.columns)
    if min_n is not None:
        min_n = check_min_n(min_n)
        c, _, reasons = release_decision(survey, by_cols, min_n).table(by_cols, qs)
    else:
        c = dense_counts(survey, by_cols, qs)
        reasons = np.full((c.groups.n, len(qs)), "", dtype=object)
    g = c.groups.n
    reasons = np.where(not_asked_mask(c) & (c.n == 0), NOT_ASKED, reasons)
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

"""The release decision of a survey: one suppression decision, read by every function.

The cells hidden for a survey depend only on the data -- never on the order of
``by``, on the row order, or on which function asks -- and each period's pattern
only on that period's responses, so every table, report and later run publishes
the same decision (:func:`hidden_cells`). The decision is the rule of
:mod:`kalliola_analysis.privacy.complementary` applied to the counts of the
counting kernel (:mod:`.counts`), memoised per survey (:func:`decision`);
registering it as the :class:`~kalliola_analysis.Survey`'s
:func:`~kalliola_analysis.privacy.suppression.group_decision` lets
``suppress(survey=...)`` start from it.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .._validation import as_column_list, check_min_n
from ..privacy.complementary import (
    COMPLEMENTARY,
    FEWER_THAN,
    group_codes,
    lattice,
    solve,
    string_ranks,
)
from ..privacy.suppression import group_decision
from .counts import (
    COUNTED_TYPES,
    NOT_ASKED,
    Counts,
    check_questions,
    not_asked_mask,
    survey_counts,
    survey_groups,
)
from .data import Survey
from .groups import group_columns, memo, project

__all__ = ["hidden_cells"]


class Decision:
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
        self.groups = survey_groups(survey, cols)
        frame = self.groups.frame
        g = self.groups.n
        self._codes = {c: group_codes(frame[c]) for c in self.rest}
        self._ranks = {c: string_ranks(frame[c]) for c in self.rest}
        self._period = group_codes(frame["period"]) if g else np.zeros(0, dtype=np.int64)
        self._nodes0 = lattice(list(self.rest), self._codes, self._period)
        self._level0 = solve(
            self._nodes0, self._ranks, self.groups.size, min_n, np.zeros(g, dtype=bool)
        )
        self.l0 = self._level0[self.rest]
        self._l1: dict[str, np.ndarray] = {}

    def l1(self, questions: list[str]) -> np.ndarray:
        """Reasons ``[groups, questions]`` of the per-period cells (``""``: shown or not asked)."""
        g = self.groups.n
        todo = [q for q in questions if q not in self._l1]
        if todo:
            c = survey_counts(self.survey, self.cols, todo)
            nq = len(todo)
            n = c.n.ravel()
            skip = (not_asked_mask(c) & (c.n == 0)).ravel()
            key = np.repeat(self._period, nq) * nq + np.tile(np.arange(nq), g)
            codes = {k: np.repeat(v, nq) for k, v in self._codes.items()}
            ranks = {k: np.repeat(v, nq) for k, v in self._ranks.items()}
            nodes0, level0 = self._nodes0, self._level0

            def seed(cols: tuple[str, ...], first: np.ndarray) -> np.ndarray:
                return level0[cols][nodes0[cols].ids[first // nq]]

            nodes = lattice(list(self.rest), codes, key)
            reasons = solve(nodes, ranks, n, self.min_n, skip, seed)[self.rest]
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
        ``[groups, questions]``); ``counts`` is a :class:`~.counts.Counts` of ``by``. A
        reason is ``""`` for a shown cell and for a question not asked.

        A pooled cell (no ``period`` in ``by``) is shown only if it has at
        least ``min_n`` answers and every per-period cell of it with answers is
        shown, so it is a sum of shown figures.
        """
        groups, inverse = project(self.groups, by)
        if questions is None:
            obj, base_n, base_r, n_by = groups, self.groups.size, self.l0, groups.size
        else:
            c = survey_counts(self.survey, self.cols, questions)
            counts = np.zeros((groups.n, *c.counts.shape[1:]), dtype=np.int64)
            np.add.at(counts, inverse, c.counts)
            obj = Counts(groups, c.questions, c.types, c.lo, c.k, c.reverse, counts)
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
            reasons[not_asked_mask(obj) & (n_by == 0)] = ""
        return obj, n_by, reasons


def release_decision(survey, by, min_n: int) -> Decision:
    """The (memoised) decision of ``survey`` for the set of columns ``by``."""
    by_cols = as_column_list(by, survey.responses.columns)
    cols = ("period", *sorted(c for c in by_cols if c != "period"))
    return memo(survey, ("decision", cols, min_n), lambda: Decision(survey, cols, min_n))


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
    dec = release_decision(survey, by_cols, min_n)
    if questions is None:
        groups, n, reasons = dec.table(by_cols)
        cols: dict[str, object] = group_columns(groups)
        not_asked = np.zeros(len(n), dtype=bool)
    else:
        qs = check_questions(survey, questions, COUNTED_TYPES)
        c, n, reasons = dec.table(by_cols, qs)
        cols = group_columns(c.groups, len(qs))
        cols["question"] = pd.array(np.tile(np.array(qs, dtype=object), c.groups.n), dtype="string")
        not_asked = (not_asked_mask(c) & (n == 0)).ravel()
        n, reasons = n.ravel(), reasons.ravel()
    hidden = reasons != ""
    n_col = pd.array(np.asarray(n, dtype=np.int64), dtype="Int64")
    n_col[hidden] = pd.NA
    cols["n"] = n_col
    cols["hidden"] = hidden
    reason = np.where(hidden, reasons, np.where(not_asked, NOT_ASKED, None))
    cols["reason"] = pd.array(reason, dtype="string")
    return pd.DataFrame(cols)


@group_decision.register(Survey)
def _survey_group_decision(survey: Survey, by: list[str], min_n: int):
    """The survey's group-level decision of ``by`` (see :func:`hidden_cells`), or None."""
    if not set(by) <= set(survey.responses.columns):
        return None
    groups, _, reasons = release_decision(survey, by, min_n).table(by)
    return groups.frame, reasons

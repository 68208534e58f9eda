"""Disclosure audit: can a hidden figure be recovered from everything published?

Cell suppression (:func:`~kalliola_analysis.suppress`) decides what to hide one
table at a time. A reader holds many tables at once. :func:`audit_tables` runs
the *interval audit* of statistical agencies (tau-Argus, R's sdcTable) over
any set of tidy tables; :func:`~kalliola_analysis.audit_release` (in
:mod:`kalliola_analysis.survey.release_audit`) runs it over everything the
library publishes for a survey.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from .._validation import check_min_n
from ._audit_tables import NO_VALUE, as_table_list, interval_audit

__all__ = ["audit_tables", "NO_VALUE"]


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
    return interval_audit(
        as_table_list(tables),
        min_n=min_n,
        n_column=n_column,
        value_column=value_column,
        scale=scale,
        key_columns=list(key_columns),
        dimensions=list(dimensions) if dimensions is not None else None,
        atoms=atoms,
    )

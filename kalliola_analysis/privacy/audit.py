"""Disclosure audit: can a hidden figure be recovered from everything published?

Cell suppression (:func:`~kalliola_analysis.suppress`) decides what to hide one
table at a time. A reader holds many tables at once. :func:`audit_tables` runs
the *interval audit* of statistical agencies (tau-Argus, R's sdcTable) over
any set of tidy tables, and :func:`audit_release` over everything the library
publishes for a survey; ``report all`` runs the latter before it writes
anything (:func:`check_release`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from .._validation import check_min_n
from ..errors import DisclosureError, ParameterError
from ._audit_tables import _COLUMNS, NO_VALUE, _as_list, _audit
from .decision import NOT_STATED

__all__ = ["audit_tables", "audit_release", "check_release", "NO_VALUE"]

#: Key of the response counts (``response_rates``) in :func:`audit_release`.
RESPONSES = "(responses)"


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
    return _audit(
        _as_list(tables),
        min_n=min_n,
        n_column=n_column,
        value_column=value_column,
        scale=scale,
        key_columns=list(key_columns),
        dimensions=list(dimensions) if dimensions is not None else None,
        atoms=atoms,
    )


def _release_tables(survey, breakdowns: list[str], min_n: int) -> list[pd.DataFrame]:
    """Every table the library publishes for ``survey``, as (by, question, n, mean)."""
    from ..survey.likert import likert_summary
    from ..survey.nps import enps
    from ..survey.response_rates import response_rates

    out = []
    for by in [["period"], *[["period", b] for b in breakdowns]]:
        if survey.questions("likert"):
            t = likert_summary(survey, by=by, min_n=min_n)
            out.append(t[[*by, "question", "n", "mean"]])
        for q in survey.questions("nps"):
            t = enps(survey, by=by, question=q, min_n=min_n)
            out.append(t[[*by, "n"]].assign(question=q, mean=t["enps"]))
        if survey.invitations is not None and set(by) <= {"period", "unit"}:
            t = response_rates(survey, by=by, min_n=min_n)
            out.append(t[by].assign(question=RESPONSES, n=t["responded"]))
    return out


def _release_truth(survey, atoms: pd.DataFrame, dims: list[str]):
    """Per key, the true (count, t, u) of every atom: a known feasible point."""
    resp = survey.responses
    proj = resp[dims].astype(object).where(resp[dims].notna(), NOT_STATED).astype(str)
    ids = pd.MultiIndex.from_frame(atoms[dims]).get_indexer(pd.MultiIndex.from_frame(proj))
    m = len(atoms)
    cb = survey.codebook.set_index("question")

    def truth(key):
        q = key[0]
        if q == RESPONSES:
            c = np.bincount(ids, minlength=m).astype(float)
            return c, c, c
        a = resp[q].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
        ok = ~np.isnan(a)
        lo, hi = float(cb.at[q, "scale_min"]), float(cb.at[q, "scale_max"])
        if cb.at[q, "type"] == "nps":
            v = np.where(a >= 9, 100.0, np.where(a <= 6, -100.0, 0.0))
            lo, hi = -100.0, 100.0
        else:
            v = lo + hi - a if bool(cb.at[q, "reverse"]) else a
        count = np.bincount(ids[ok], minlength=m).astype(float)
        t = np.bincount(ids[ok], weights=v[ok] - lo, minlength=m)
        u = np.bincount(ids[ok], weights=hi - v[ok], minlength=m)
        return count, t, u

    return truth


def audit_release(
    survey, *, breakdowns: Sequence[str] | None = None, min_n: int = 5
) -> pd.DataFrame:
    """Audit everything the library publishes for a survey, all tables together.

    Builds the tables a run publishes -- :func:`likert_summary`, :func:`enps`
    and :func:`response_rates` by ``period`` and by ``period`` x each
    breakdown, for every period -- and audits them with :func:`audit_tables`.

    Parameters
    ----------
    survey : Survey
        The survey.
    breakdowns : list of str, optional
        Group columns besides ``period``; default ``unit`` and every
        background column.
    min_n : int, default 5
        Anonymity threshold, as in the published tables.

    Returns
    -------
    pandas.DataFrame
        As :func:`audit_tables`: ``period``, the breakdown columns,
        ``question`` (``"(responses)"`` for the response counts of
        :func:`response_rates`), ``count_low``, ``count_high``, ``sum_low``,
        ``sum_high``, ``exposed``, ``why``. Sums are on the scored scale
        (Likert) and in eNPS points (-100, 0, 100 per answer).

    Notes
    -----
    The atoms are the combinations of ``period`` and the breakdowns that
    occur in the responses: the reader is assumed to know which combinations
    exist, which is conservative. The true data are a known solution, so
    fewer linear programs are needed.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> pulse = ka.load_demo("pulse")
    >>> audit = ka.audit_release(pulse, breakdowns=["unit"])
    >>> audit[["period", "unit", "question", "count_low", "count_high"]].head(3)
        period      unit           question  count_low  count_high
    0  2022-10  Hallinto        (responses)        0.0        17.0
    1  2022-10  Hallinto  colleague_support        0.0        17.0
    2  2022-10  Hallinto               enps        0.0        14.0
    >>> bool(audit["exposed"].any())
    False

    Hallinto's 4 responses of 10/2022 are hidden with the next smallest unit;
    together they have 17, so the reader cannot tell how many are Hallinto's.
    """
    min_n = check_min_n(min_n)
    return _audit_release(survey, breakdowns, min_n)


def _audit_release(
    survey, breakdowns, min_n: int, stats: dict | None = None, decide: bool = False
) -> pd.DataFrame:
    """:func:`audit_release`; ``stats`` counts the LPs solved and skipped (benchmarks).

    With ``decide``, cells that known solutions already show to be safe get
    no exact bounds (NaN): enough to decide whether anything is exposed.
    """
    cols = survey.responses.columns
    breakdowns = ["unit", *survey.background] if breakdowns is None else list(breakdowns)
    for b in breakdowns:
        if b not in cols or b == "period":
            raise ParameterError(
                f"breakdowns must name group columns of the responses other than 'period', "
                f"got {b!r}; available: {['unit', *survey.background]}"
            )
    dims = ["period", *breakdowns]
    resp = survey.responses[dims]
    # a missing background value is the published group NOT_STATED (privacy.NOT_STATED)
    atoms = resp.astype(object).where(resp.notna(), NOT_STATED).astype(str).drop_duplicates()
    atoms = atoms.reset_index(drop=True)
    cb = survey.codebook.set_index("question")
    scale = {
        q: (float(cb.at[q, "scale_min"]), float(cb.at[q, "scale_max"]))
        for q in survey.questions("likert")
    }
    scale.update({q: (-100.0, 100.0) for q in survey.questions("nps")})
    return _audit(
        _release_tables(survey, breakdowns, min_n),
        min_n=min_n,
        n_column="n",
        value_column="mean",
        scale=scale,
        key_columns=["question"],
        dimensions=dims,
        atoms=atoms,
        truth=_release_truth(survey, atoms, dims),
        stats=stats,
        decide=decide,
    )


def check_release(
    data,
    *,
    min_n: int = 5,
    breakdowns: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Audit every survey data set under ``data``; raise when anything is exposed.

    ``report all`` calls this before it writes any file.

    Parameters
    ----------
    data : path-like or list of path-like
        A data set folder or a folder of data sets (``data/processed``), or
        several.
    min_n : int, default 5
        Anonymity threshold of the reports.
    breakdowns : list of str, optional
        As in :func:`audit_release` (default ``unit`` and every background
        column).

    Returns
    -------
    pandas.DataFrame
        The hidden cells as in :func:`audit_release`, a ``dataset`` column
        first; to decide faster, a cell that known solutions (the true data,
        earlier LPs) already show to be safe gets no bounds (NaN).

    Raises
    ------
    kalliola_analysis.errors.DisclosureError
        A hidden cell is exposed; names the data set, period, group and
        question of the first one and counts the rest.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> from kalliola_analysis.privacy.audit import check_release
    >>> audit = check_release(ka.demo_path("pulse"), breakdowns=["unit"])
    >>> int(audit["exposed"].sum())
    0
    """
    from ..io.dataset import find_datasets, read_dataset_info
    from ..survey.reading import read_survey

    roots = [data] if isinstance(data, str | os.PathLike) else list(data)
    folders = sorted({f for root in roots for f in find_datasets(root)})
    min_n = check_min_n(min_n)
    parts = []
    for folder in folders:
        if read_dataset_info(folder)["kind"] not in ("pulse", "feedback"):
            continue
        survey = read_survey(folder)
        cols = ["unit", *survey.background] if breakdowns is None else breakdowns
        result = _audit_release(
            survey, [c for c in cols if c in survey.responses], min_n, decide=True
        )
        result.insert(0, "dataset", str(folder))
        exposed = result[result["exposed"]]
        if len(exposed):
            row = exposed.iloc[0]
            groups = [c for c in result.columns[2:] if c not in _COLUMNS and c != "question"]
            group = ", ".join(f"{c}={row[c]}" for c in groups if pd.notna(row[c])) or "all"
            more = f" (and {len(exposed) - 1} more exposed cells)" if len(exposed) > 1 else ""
            raise DisclosureError(
                f"{folder}: nothing was written, because the figures published together "
                f"expose a hidden group: period {row['period']}, {group}, question "
                f"{row['question']}: {row['why']}{more}. Raise min_n or report fewer "
                "breakdowns; run `kalliola-analysis audit` on the data set for the full list",
                dataset=str(folder),
                period=str(row["period"]),
                group=group,
                question=str(row["question"]),
            )
        parts.append(result)
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()

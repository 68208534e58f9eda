"""The disclosure audit of a survey's release: everything published, audited together.

:func:`audit_release` builds every table a run publishes for a survey and audits
them with the interval audit of :func:`~kalliola_analysis.audit_tables`;
``report all`` runs :func:`check_release` on every survey data set before it
writes anything.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

import numpy as np
import pandas as pd

from .._validation import check_min_n
from ..errors import DisclosureError, ParameterError
from ..io.dataset import find_datasets, read_dataset_info
from ..privacy._audit_tables import AUDIT_COLUMNS, interval_audit
from ..privacy.complementary import NOT_STATED
from .likert import likert_summary
from .nps import enps
from .reading import read_survey
from .response_rates import response_rates

__all__ = ["audit_release", "check_release"]

#: Key of the response counts (``response_rates``) in :func:`audit_release`.
RESPONSES = "(responses)"


def release_tables(survey, breakdowns: list[str], min_n: int) -> list[pd.DataFrame]:
    """Every table the library publishes for ``survey``, as (by, question, n, mean)."""
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
    return interval_audit(
        release_tables(survey, breakdowns, min_n),
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
    >>> from kalliola_analysis.survey.release_audit import check_release
    >>> audit = check_release(ka.demo_path("pulse"), breakdowns=["unit"])
    >>> int(audit["exposed"].sum())
    0
    """
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
            groups = [c for c in result.columns[2:] if c not in AUDIT_COLUMNS and c != "question"]
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

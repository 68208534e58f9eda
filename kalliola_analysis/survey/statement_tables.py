"""The statement table of the pulse and feedback reports: means per period and the change.

The means come from :func:`likert_summary` and the change from
:func:`compare_periods`, unchanged; :func:`statement_table` only selects,
arranges and labels them. Formatting is a separate step
(:func:`format_statement_table`), so a report shows exactly the library's
numbers and a researcher can use the numeric table directly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
import pandas as pd

from .._frames import select_rows
from .._validation import check_min_n
from ..errors import ParameterError
from ..formatting import MISSING, format_change, format_number, format_period, nowrap_p
from ..i18n.strings import check_lang, t
from ..periods import check_period, previous_period
from ._tables import NOT_ASKED, check_unit, reason_of
from .compare import compare_periods
from .data import Survey
from .likert import likert_summary

__all__ = ["statement_labels", "statement_table", "format_statement_table"]

_PERIOD_COLUMN = re.compile(r"^\d{4}-\d{2}$")


def statement_labels(
    survey: Survey, *, lang: str = "fi", questions: Iterable[str] | None = None
) -> dict[str, str]:
    """Return the statement texts of the Likert questions in ``lang``, by question id.

    Parameters
    ----------
    survey : Survey
        The survey.
    lang : {"fi", "en"}, default "fi"
        Language of the texts (falls back to the other one).
    questions : list of str, optional
        Default every Likert question, in codebook order.

    Returns
    -------
    dict of str to str
        ``{question id: statement text}``, for the ``labels`` of the figures.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> ka.statement_labels(ka.load_demo("pulse"), lang="en")["meaningful_work"]
    'I find my current work meaningful'
    """
    check_lang(lang)
    qs = survey.questions("likert") if questions is None else list(questions)
    return {q: survey.text(q, lang) for q in qs}


def statement_table(
    survey: Survey,
    *,
    periods: Iterable[str] | None = None,
    current: str | None = None,
    compare_to: str | None = None,
    questions: str | list[str] | None = None,
    unit: str | None = None,
    min_n: int = 5,
    lang: str = "fi",
) -> pd.DataFrame:
    """Build the annual report's statement table: means per period and the latest change.

    Parameters
    ----------
    survey : Survey
        The pulse survey.
    periods : list of str, optional
        Periods to show. Default: the last three periods up to ``current``.
    current : str, optional
        The report's period (``"2023-11"`` or ``"11/2023"``); default the latest.
    compare_to : str, optional
        The period the change is measured from; default the one before
        ``current`` (no change columns' values when there is none).
    questions : str or list of str, optional
        Likert statements; default all, in codebook order.
    unit : str, optional
        Restrict to one unit. Its figures are taken from the analysis by
        period *and* unit, so a unit hidden to protect a smaller one stays
        hidden; the whole organisation's mean in ``current`` is shown beside
        it (column ``organisation``), never another unit's.
    min_n : int, default 5
        Anonymity threshold.
    lang : {"fi", "en"}, default "fi"
        Language of the ``statement`` column.

    Returns
    -------
    pandas.DataFrame
        One row per statement asked in at least one of the periods, in
        codebook order, with columns:

        - ``question`` -- id; ``statement`` -- its text in ``lang``;
        - one column per period, named by the period id (``"2023-11"``),
          newest first: the mean from :func:`likert_summary` (NaN where not
          asked or hidden);
        - ``organisation`` (with ``unit`` only) -- the whole organisation's
          mean in ``current``;
        - ``change`` -- ``diff`` (mean ``current`` minus mean ``compare_to``)
          from :func:`compare_periods`, ``p_adj`` (Holm) and ``significant``
          (``p_adj < 0.05``); all three missing unless *both* means are
          shown, so a hidden mean is never ``current - change``;
        - ``suppressed_<period>`` per period (and ``suppressed_organisation``)
          -- ``"not asked"``, the reason the mean is hidden, or ``<NA>``.

        ``.attrs`` holds ``periods`` (newest first), ``current``,
        ``compare_to``, ``unit`` and ``min_n``.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> tab = ka.statement_table(ka.load_demo("pulse"))
    >>> tab.columns[:5].tolist()
    ['question', 'statement', '2023-11', '2023-05', '2022-10']
    >>> tab.loc[0, "question"], tab.loc[0, ["2023-11", "2023-05", "2022-10"]].round(2).tolist()
    ('meaningful_work', [4.61, 4.5, 4.5])

    A unit beside the whole organisation; Hallinto's 5/2023 means are hidden,
    so it has no change to show:

    >>> u = ka.statement_table(ka.load_demo("pulse"), unit="Hallinto")
    >>> u.loc[0, ["2023-11", "organisation"]].round(2).tolist(), bool(u["change"].isna().all())
    ([5.0, 4.61], True)
    """
    check_lang(lang)
    min_n = check_min_n(min_n)
    current = (
        check_period(current, survey.periods, "current")
        if current is not None
        else survey.periods[-1]
    )
    if periods is None:
        shown = [p for p in survey.periods if p <= current][-3:]
    else:
        if isinstance(periods, str):
            periods = [periods]
        shown = sorted({check_period(p, survey.periods, "periods") for p in periods})
    shown = sorted(shown, reverse=True)
    compare_to = (
        check_period(compare_to, survey.periods, "compare_to")
        if compare_to is not None
        else previous_period(survey.periods, current)
    )
    unit = check_unit(unit, survey)
    by = ["period"] if unit is None else ["period", "unit"]
    summary = select_rows(
        likert_summary(survey, by=by, questions=questions, min_n=min_n), unit=unit
    )
    qs = list(dict.fromkeys(summary["question"].astype(str)))

    # every period's decision, also of compare_to when it is not among the shown ones
    means: dict[str, dict[str, float]] = {p: {} for p in survey.periods}
    reasons: dict[str, dict[str, str | None]] = {p: {} for p in survey.periods}
    for row in summary.itertuples(index=False):
        p = str(row.period)
        means[p][str(row.question)] = float(row.mean) if not pd.isna(row.mean) else np.nan
        reasons[p][str(row.question)] = reason_of(row.suppressed)
    org_means: dict[str, float] = {}
    org_reasons: dict[str, str | None] = {}
    if unit is not None:
        org = select_rows(
            likert_summary(survey, by="period", questions=questions, min_n=min_n), period=current
        )
        for row in org.itertuples(index=False):
            q = str(row.question)
            org_means[q] = float(row.mean) if not pd.isna(row.mean) else np.nan
            org_reasons[q] = reason_of(row.suppressed)

    change = {q: np.nan for q in qs}
    p_adj = {q: np.nan for q in qs}
    if compare_to is not None and compare_to != current:
        cmp = compare_periods(
            survey,
            compare_to,
            current,
            by=None if unit is None else ["unit"],
            questions=questions,
            min_n=min_n,
            p_adjust="holm",
        )
        cmp = select_rows(cmp, unit=unit)
        for row in cmp.itertuples(index=False):
            q = str(row.question)
            # a change is a figure of both cells: shown only when both means are shown
            both = reasons[current].get(q, NOT_ASKED) is None and (
                reasons[compare_to].get(q, NOT_ASKED) is None
            )
            change[q] = row.diff if both else np.nan
            p_adj[q] = row.p_adj if both else np.nan

    rows = []
    for q in qs:
        r = {"question": q, "statement": survey.text(q, lang)}
        for p in shown:
            r[p] = means[p].get(q, np.nan)
        if unit is not None:
            r["organisation"] = org_means.get(q, np.nan)
        r["change"] = change[q]
        r["p_adj"] = p_adj[q]
        for p in shown:
            r[f"suppressed_{p}"] = reasons[p].get(q, NOT_ASKED)
        if unit is not None:
            r["suppressed_organisation"] = org_reasons.get(q, NOT_ASKED)
        rows.append(r)
    org_cols = [] if unit is None else ["organisation"]
    columns = ["question", "statement", *shown, *org_cols, "change", "p_adj", "significant"]
    columns += [f"suppressed_{p}" for p in shown]
    columns += [f"suppressed_{c}" for c in org_cols]
    out = pd.DataFrame(rows, columns=[c for c in columns if c != "significant"])
    asked = np.zeros(len(out), dtype=bool)
    for p in shown:
        asked |= (out[f"suppressed_{p}"] != NOT_ASKED).to_numpy()
    out = out.loc[asked].reset_index(drop=True)
    out["question"] = out["question"].astype("string")
    out["statement"] = out["statement"].astype("string")
    for c in [*shown, *org_cols, "change", "p_adj"]:
        out[c] = pd.to_numeric(out[c], errors="coerce").astype("float64")
    out["significant"] = (out["p_adj"] < 0.05).fillna(False).astype(bool)
    for p in [*shown, *org_cols]:
        out[f"suppressed_{p}"] = out[f"suppressed_{p}"].astype("string")
    out = out[columns]
    out.attrs.update(
        periods=list(shown), current=current, compare_to=compare_to, unit=unit, min_n=min_n
    )
    return out


def _cell(value, reason, decimals: int, lang: str) -> str:
    if reason is not None and not pd.isna(reason):
        return MISSING if reason == NOT_ASKED else t("hidden", lang)
    return format_number(value, decimals, lang=lang)


def format_statement_table(
    table: pd.DataFrame, *, lang: str = "fi", decimals: int = 1
) -> pd.DataFrame:
    """Write a :func:`statement_table` as the report prints it.

    Parameters
    ----------
    table : pandas.DataFrame
        The result of :func:`statement_table`.
    lang : {"fi", "en"}, default "fi"
        Language of headers, numbers and placeholders.
    decimals : int, default 1
        Decimals of the means and changes.

    Returns
    -------
    pandas.DataFrame
        Strings, indexed by question id: the statement, one column per period
        headed ``11/2023``, for a unit's table the whole organisation
        (``Koko organisaatio 11/2023``), and the change, headed with the
        period it compares with (``Muutos 5/2023`` / ``Change vs 5/2023``;
        ``+0,1``; ``*`` when significant; the column is left out when there
        is no earlier period to compare with). A mean not asked is ``–``, a
        hidden one ``piilotettu`` / ``hidden``. ``.attrs["footnote"]``
        explains the marks (the asterisk only when a change was tested), for
        the report to print under the table; ``p < 0,05`` in it is joined with
        non-breaking spaces.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> tab = ka.statement_table(ka.load_demo("pulse"))
    >>> ft = ka.format_statement_table(tab)
    >>> ft.loc["meaningful_work"].tolist()
    ['Pidän nykyistä työtäni merkityksellisenä', '4,6', '4,5', '4,5', '+0,1']
    >>> ft.columns[-1]
    'Muutos 5/2023'
    >>> ft.loc["team_spirit", "11/2023"]
    '–'
    """
    check_lang(lang)
    periods = [c for c in table.columns if _PERIOD_COLUMN.match(str(c))]
    for c in ["question", "statement", "change", "significant"]:
        if c not in table.columns:
            raise ParameterError(
                f"format_statement_table: the table lacks column {c!r}; pass statement_table()'s result"
            )
    out = pd.DataFrame(index=pd.Index(table["question"].astype(str), name="question"))
    out[t("statement", lang)] = table["statement"].astype(str).to_numpy()
    for p in periods:
        reasons = (
            table[f"suppressed_{p}"]
            if f"suppressed_{p}" in table
            else pd.Series(pd.NA, index=table.index)
        )
        out[format_period(p, lang=lang)] = [
            _cell(v, r, decimals, lang) for v, r in zip(table[p], reasons, strict=True)
        ]
    if "organisation" in table.columns:
        current = table.attrs.get("current") or (periods[0] if periods else None)
        head = t("whole_organisation", lang)
        if current is not None:
            head = f"{head} {format_period(current, lang=lang)}"
        reasons = table.get("suppressed_organisation", pd.Series(pd.NA, index=table.index))
        out[head] = [
            _cell(v, r, decimals, lang) for v, r in zip(table["organisation"], reasons, strict=True)
        ]
    compare_to = table.attrs.get("compare_to")
    if compare_to is not None or table["change"].notna().any():
        head = (
            t("change_vs", lang, period=format_period(compare_to, lang=lang))
            if compare_to is not None
            else t("change", lang)
        )
        out[head] = [
            format_change(v, decimals, lang=lang, significant=bool(s))
            for v, s in zip(table["change"], table["significant"], strict=True)
        ]
    min_n = table.attrs.get("min_n", 5)
    notes = [t("footnote_missing", lang, min_n=min_n)]
    if compare_to is not None and table["change"].notna().any():
        notes.insert(0, t("footnote_significant", lang, compare_to=format_period(compare_to)))
    out.attrs["footnote"] = nowrap_p(" ".join(notes))
    return out

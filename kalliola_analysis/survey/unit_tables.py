"""Tables of units side by side: one unit beside the organisation, every unit's means.

Both only select and label rows of the analysis functions (by period, or by
period and unit, so a hidden cell stays hidden).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._frames import select_rows
from .._validation import check_min_n
from ..i18n.strings import check_lang, t
from ..periods import check_period
from ._tables import NOT_ASKED, check_unit
from .data import Survey
from .likert import likert_summary

__all__ = ["unit_heatmap_table", "unit_and_organisation"]


def unit_and_organisation(
    analysis, survey: Survey, *, unit: str | None, lang: str = "fi", **kwargs
) -> pd.DataFrame:
    """Return an analysis of one unit beside the whole organisation, by period.

    What a unit report shows: the unit's rows (from the analysis by period
    and unit, so its hidden cells stay hidden) followed by the whole
    organisation's (by period), never another unit's.

    Parameters
    ----------
    analysis : callable
        An analysis function taking ``by=`` (:func:`likert_summary`,
        :func:`enps`, :func:`response_rates`, :func:`answer_counts`).
    survey : Survey
        The survey.
    unit : str or None
        The unit; ``None`` gives the whole organisation alone.
    lang : {"fi", "en"}, default "fi"
        Language of the whole organisation's label in the ``unit`` column
        (``Koko organisaatio`` / ``Whole organisation``).
    **kwargs
        Passed on to ``analysis`` (``min_n``, ``questions``, ...).

    Returns
    -------
    pandas.DataFrame
        The analysis' columns with ``unit`` after ``period``, a categorical
        whose categories are ``[unit, label]`` (``[label]`` without a unit).
        Rows by period (and question, in the analysis' order), the unit's
        row(s) right before the organisation's, so a figure drawn from the
        frame puts them side by side.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> pulse = ka.load_demo("pulse")
    >>> r = ka.unit_and_organisation(ka.response_rates, pulse, unit="Hallinto", lang="en")
    >>> r[r["period"] == "2023-11"][["unit", "responded"]].values.tolist()
    [['Hallinto', 5], ['Whole organisation', 71]]
    """
    check_lang(lang)
    unit = check_unit(unit, survey)
    label = t("whole_organisation", lang)
    whole = analysis(survey, by="period", **kwargs)
    parts = []
    if unit is not None:
        mine = analysis(survey, by=["period", "unit"], **kwargs)
        parts.append(select_rows(mine, unit=unit).drop(columns="unit"))
    parts.append(whole)
    names = ([unit] if unit is not None else []) + [label]
    frames = []
    for name, part in zip(names, parts, strict=True):
        part = part.copy()
        part.insert(list(part.columns).index("period") + 1 if "period" in part else 0, "unit", name)
        frames.append(part)
    out = pd.concat(frames, ignore_index=True)
    out["unit"] = pd.Categorical(out["unit"].astype(str), categories=names)
    out["period"] = pd.Categorical(
        out["period"].astype(str), categories=[str(p) for p in whole["period"].cat.categories]
    )
    # side by side: per period (and question), the unit's row(s) right above the organisation's
    keys = [out["period"].cat.codes.to_numpy()]
    if "question" in out.columns:
        order = {q: i for i, q in enumerate(dict.fromkeys(whole["question"].astype(str)))}
        keys.append(out["question"].astype(str).map(order).to_numpy())
    keys.append(out["unit"].cat.codes.to_numpy())
    rank = np.lexsort(keys[::-1])
    return out.iloc[rank].reset_index(drop=True)


def unit_heatmap_table(
    survey: Survey,
    *,
    period: str,
    questions: str | list[str] | None = None,
    unit: str | None = None,
    min_n: int = 5,
    lang: str = "fi",
) -> pd.DataFrame:
    """Collect the statement means of every unit in a period, for the heatmap.

    Parameters
    ----------
    survey : Survey
        The survey.
    period : str
        The period.
    questions : str or list of str, optional
        Likert statements; default all. Statements asked in no unit in the
        period are left out.
    unit : str, optional
        A unit report's unit: only its rows and the whole organisation's
        (``unit`` = ``Koko organisaatio`` / ``Whole organisation``), never
        another unit's.
    min_n : int, default 5
        Anonymity threshold (with complementary suppression across units).
    lang : {"fi", "en"}, default "fi"
        Language of the whole organisation's label (with ``unit`` only).

    Returns
    -------
    pandas.DataFrame
        Long format, one row per unit and statement: ``unit`` (categorical),
        ``question``, ``mean`` (NaN where hidden or not asked), ``n``
        (``<NA>`` where hidden) and ``suppressed`` (reason or ``<NA>``), all
        from ``likert_summary(by=["period", "unit"])``.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> long = ka.unit_heatmap_table(ka.load_demo("pulse"), period="2023-05")
    >>> long.columns.tolist()
    ['unit', 'question', 'mean', 'n', 'suppressed']
    >>> long[long["unit"] == "Hallinto"]["suppressed"].unique().tolist()
    ['fewer than 5 answers']
    >>> mine = ka.unit_heatmap_table(ka.load_demo("pulse"), period="2023-11", unit="Hallinto")
    >>> mine["unit"].cat.categories.tolist()
    ['Hallinto', 'Koko organisaatio']
    """
    min_n = check_min_n(min_n)
    check_lang(lang)
    period = check_period(period, survey.periods, "period")
    unit = check_unit(unit, survey)
    if unit is not None:
        summary = unit_and_organisation(
            likert_summary, survey, unit=unit, lang=lang, questions=questions, min_n=min_n
        )
    else:
        summary = likert_summary(survey, by=["period", "unit"], questions=questions, min_n=min_n)
    summary = select_rows(summary, period=period)
    asked = summary.groupby("question", observed=True, sort=False)["suppressed"].agg(
        lambda s: bool((s.astype("string").fillna("") != NOT_ASKED).any())
    )
    keep = summary["question"].map(asked).fillna(False).astype(bool).to_numpy()
    out = summary.loc[keep, ["unit", "question", "mean", "n", "suppressed"]].reset_index(drop=True)
    out["unit"] = out["unit"].cat.remove_unused_categories()
    return out

"""The headline figures of a report: responses, invited, response rate and eNPS.

The figures come from :func:`response_rates`, :func:`enps` and, for a survey
without invitations, :func:`~kalliola_analysis.survey.responses.response_counts`,
unchanged; :func:`headline_figures` only selects and arranges them, and
:func:`format_headline_figures` writes them as the report prints them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._frames import select_rows
from .._validation import check_min_n
from ..formatting import MISSING, format_number, format_percent, format_period, nowrap
from ..i18n.strings import check_lang, t
from ..periods import check_period, previous_period
from ._tables import NOT_ASKED, check_unit, reason_of
from .data import Survey
from .nps import enps
from .response_rates import response_rates
from .responses import response_counts

__all__ = ["headline_figures", "format_headline_figures"]

_FIGURES = ("responses", "invited", "response_rate", "enps")  # their order


def headline_figures(
    survey: Survey,
    *,
    period: str,
    compare_to: str | None = None,
    unit: str | None = None,
    min_n: int = 5,
) -> pd.DataFrame:
    """Collect the headline figures of a period: responses, invited, response rate, eNPS.

    Only the figures the survey can give are listed: ``invited`` and
    ``response_rate`` need the survey's invitations, ``enps`` an NPS question.
    An event feedback survey without either gets the ``responses`` row alone.

    Parameters
    ----------
    survey : Survey
        The survey (response figures from its invitations when it has them,
        else counted from its responses).
    period : str
        The report's period.
    compare_to : str, optional
        Period the changes are measured from; default the previous one.
    unit : str, optional
        Restrict to one unit (figures from the analysis by period and unit).
    min_n : int, default 5
        Anonymity threshold.

    Returns
    -------
    pandas.DataFrame
        One row per figure, in this order: ``responses``; ``invited`` and
        ``response_rate`` (0-1) when the survey has invitations; ``enps``
        when it has an NPS question (the first, when there are several).
        Columns ``figure``, ``value``, ``ci_low``, ``ci_high`` (eNPS only),
        ``compare_value`` (the figure in ``compare_to``), ``change``
        (``value - compare_value``; for the rate a difference of shares) and
        ``suppressed`` (why ``value`` is hidden, e.g. ``"fewer than 5
        answers"``, ``"not asked"`` for an NPS question left out of
        ``period``, or ``<NA>``). ``.attrs`` holds ``period``, ``compare_to``
        and ``unit``. With ``unit``, a last column ``organisation`` holds the
        whole organisation's figure in ``period`` (never another unit's).
        ``change`` is missing unless both ``value`` and ``compare_value``
        are shown.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> h = ka.headline_figures(ka.load_demo("pulse"), period="2023-11")
    >>> h[["figure", "value"]].round(3).values.tolist()
    [['responses', 71.0], ['invited', 88.0], ['response_rate', 0.807], ['enps', 22.034]]
    >>> u = ka.headline_figures(ka.load_demo("pulse"), period="2023-11", unit="Hallinto")
    >>> u[["figure", "value", "organisation"]].round(3).values.tolist()[:2]
    [['responses', 5.0, 71.0], ['invited', 6.0, 88.0]]

    An event feedback survey has no NPS question, so no ``enps`` row; one
    without invitations gives its responses only:

    >>> fb = ka.headline_figures(ka.load_demo("feedback/kickoff-2023"), period="2023-09")
    >>> fb["figure"].tolist()
    ['responses', 'invited', 'response_rate']
    >>> fb = ka.load_demo("feedback/digiperustaidot-2023")
    >>> ka.headline_figures(fb, period="2023-12")[["figure", "value"]].values.tolist()
    [['responses', 36.0]]
    """
    min_n = check_min_n(min_n)
    period = check_period(period, survey.periods, "period")
    compare_to = (
        check_period(compare_to, survey.periods, "compare_to")
        if compare_to is not None
        else previous_period(survey.periods, period)
    )
    unit = check_unit(unit, survey)
    by = ["period"] if unit is None else ["period", "unit"]

    def one(frame: pd.DataFrame, p: str | None):
        if p is None:
            return None
        rows = select_rows(frame, period=p, unit=unit)
        if rows.empty:
            return None
        return rows.iloc[0]

    records: dict[str, dict] = {}
    if survey.invitations is not None:
        rates = response_rates(survey, by=by, min_n=min_n)
        for f, col in (
            ("responses", "responded"),
            ("invited", "invited"),
            ("response_rate", "rate"),
        ):
            now, before = one(rates, period), one(rates, compare_to)
            reason = None if now is None else reason_of(now["suppressed"])
            records[f] = {
                "figure": f,
                "value": np.nan if now is None else now[col],
                "compare_value": np.nan if before is None else before[col],
                "suppressed": None if f == "invited" else reason,
            }
    else:
        counts = response_counts(survey, by=by, min_n=min_n)
        now, before = one(counts, period), one(counts, compare_to)
        records["responses"] = {
            "figure": "responses",
            "value": np.nan if now is None else now["responded"],
            "compare_value": np.nan if before is None else before["responded"],
            "suppressed": None if now is None else reason_of(now["suppressed"]),
        }
    nps_questions = survey.questions("nps")
    if nps_questions:
        scores = enps(survey, by=by, question=nps_questions[0], min_n=min_n)
        now, before = one(scores, period), one(scores, compare_to)
        records["enps"] = {
            "figure": "enps",
            "value": np.nan if now is None else now["enps"],
            "ci_low": np.nan if now is None else now["ci_low"],
            "ci_high": np.nan if now is None else now["ci_high"],
            "compare_value": np.nan if before is None else before["enps"],
            "suppressed": NOT_ASKED if now is None else reason_of(now["suppressed"]),
        }
    out = pd.DataFrame(
        [records[f] for f in _FIGURES if f in records],
        columns=["figure", "value", "ci_low", "ci_high", "compare_value", "suppressed"],
    )
    for c in ("value", "ci_low", "ci_high", "compare_value"):
        out[c] = pd.to_numeric(out[c].astype(object), errors="coerce").astype("float64")
    hidden = out["suppressed"].notna().to_numpy()
    # a change is shown only when both the value and the value compared with are shown
    out.insert(5, "change", (out["value"] - out["compare_value"]).where(~hidden))
    out["figure"] = out["figure"].astype("string")
    out["suppressed"] = out["suppressed"].astype("string")
    if unit is not None:
        whole = headline_figures(survey, period=period, compare_to=compare_to, min_n=min_n)
        whole = whole.set_index(whole["figure"].astype(str))
        out["organisation"] = [
            whole["value"].get(f, np.nan) if pd.isna(whole["suppressed"].get(f)) else np.nan
            for f in out["figure"].astype(str)
        ]
        out["organisation"] = out["organisation"].astype("float64")
    out.attrs.update(period=period, compare_to=compare_to, unit=unit)
    return out


def format_headline_figures(table: pd.DataFrame, *, lang: str = "fi") -> pd.DataFrame:
    """Write :func:`headline_figures` as the report prints it.

    Parameters
    ----------
    table : pandas.DataFrame
        The result of :func:`headline_figures`.
    lang : {"fi", "en"}, default "fi"
        Language of the labels and numbers.

    Returns
    -------
    pandas.DataFrame
        Strings indexed by figure id, columns (in ``lang``) figure name,
        value (``71``, ``81 %``, ``22,0``), 95 % interval (eNPS:
        ``10,9–32,6``), change headed with the period it compares with
        (``Muutos 5/2023``: ``+8 %-yks.`` for the rate, ``+1,3`` for the
        eNPS) and, for a unit's table, the whole organisation's value
        (``Koko organisaatio 11/2023``). Hidden values read ``piilotettu`` /
        ``hidden``. The interval column is left out when there is no ``enps``
        row, the change column when no figure has a value to compare with (a
        survey's first or only round). Spaces inside a value (``81 %``) are
        non-breaking, so a value never wraps.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> h = ka.headline_figures(ka.load_demo("pulse"), period="2023-11")
    >>> ka.format_headline_figures(h).iloc[:, 1].tolist()
    ['71', '88', '81\xa0%', '22,0']
    >>> ka.format_headline_figures(h, lang="en").loc["enps"].tolist()
    ['Employer NPS', '22.0', '10.9–32.6', '+1.3']

    An event's feedback survey: one round, no NPS question:

    >>> fb = ka.headline_figures(ka.load_demo("feedback/kickoff-2023"), period="2023-09")
    >>> ka.format_headline_figures(fb, lang="en").values.tolist()
    [['Responses', '57'], ['Invited', '88'], ['Response rate', '65%']]
    """
    check_lang(lang)
    compare_to = table.attrs.get("compare_to")
    change_head = (
        t("change_vs", lang, period=format_period(compare_to, lang=lang))
        if compare_to is not None
        else t("change", lang)
    )
    period = table.attrs.get("period")
    org_head = t("whole_organisation", lang)
    if period is not None:
        org_head = f"{org_head} {format_period(period, lang=lang)}"
    rows = {}
    for r in table.itertuples(index=False):
        f = str(r.figure)
        hidden = reason_of(r.suppressed) is not None
        if f == "response_rate":
            value = format_percent(r.value, lang=lang)
            ch = format_number(
                r.change * 100 if not pd.isna(r.change) else np.nan, 0, lang=lang, sign=True
            )
            change = ch if ch == MISSING else f"{ch} {t('percentage_points', lang)}"
        elif f == "enps":
            value = format_number(r.value, 1, lang=lang)
            change = format_number(r.change, 1, lang=lang, sign=True)
        else:
            value = format_number(r.value, 0, lang=lang)
            change = format_number(r.change, 0, lang=lang, sign=True)
        ci = MISSING
        if f == "enps" and not hidden and not pd.isna(r.ci_low):
            ci = f"{format_number(r.ci_low, 1, lang=lang)}–{format_number(r.ci_high, 1, lang=lang)}"
        if hidden:
            value = t("hidden", lang) if r.suppressed != NOT_ASKED else MISSING
            change = MISSING
        row = {
            t("figure", lang): t(f, lang),
            t("value", lang): nowrap(value),
            t("ci", lang): ci,
            change_head: nowrap(change),
        }
        if "organisation" in table.columns:
            row[org_head] = nowrap(_headline_value(f, r.organisation, lang))
        rows[f] = row
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = "figure"
    figures = table["figure"].astype(str)
    if "enps" not in set(figures):
        out = out.drop(columns=t("ci", lang))
    if table["compare_value"].isna().all():
        out = out.drop(columns=change_head)
    return out


def _headline_value(figure: str, value, lang: str) -> str:
    if figure == "response_rate":
        return format_percent(value, lang=lang)
    return format_number(value, 1 if figure == "enps" else 0, lang=lang)

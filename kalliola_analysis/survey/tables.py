"""Report-shaped tables built from the analysis functions, and their formatted versions.

The numbers come from the analysis functions (:func:`likert_summary`,
:func:`compare_periods`, :func:`enps`, :func:`response_rates`) unchanged;
these functions only select, arrange and label them. Formatting is a separate
step (``format_*``), so a report shows exactly the library's numbers and a
researcher can use the numeric table directly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
import pandas as pd

from .._validation import check_min_n
from ..errors import ParameterError
from ..formatting import MISSING, format_change, format_number, format_percent, format_period
from ..i18n.strings import check_lang, t
from ..periods import parse_period
from .data import Survey
from .disclosure import hidden_cells
from .likert import likert_summary
from .nps import enps
from .response_rates import response_rates

__all__ = [
    "statement_labels",
    "statement_table",
    "format_statement_table",
    "headline_figures",
    "format_headline_figures",
    "unit_heatmap_table",
    "methods_note",
    "reportable_units",
    "check_unit_report",
    "unit_and_organisation",
]

NOT_ASKED = "not asked"
NO_RESPONSES = "no responses"
_PERIOD_COLUMN = re.compile(r"^\d{4}-\d{2}$")
NBSP = "\u00a0"


def _nowrap(text: str) -> str:
    """Join a formatted value's parts with non-breaking spaces (``81 %``, ``p < 0,05``)."""
    return text.replace(" ", NBSP)


# ---------------------------------------------------------------------------
# helpers


def _period(value, survey: Survey, name: str) -> str:
    iso = parse_period(value)
    if iso is None or iso not in survey.periods:
        raise ParameterError(f"{name} must be one of {survey.periods!r}, got {value!r}")
    return iso


def _previous(survey: Survey, period: str) -> str | None:
    before = [p for p in survey.periods if p < period]
    return before[-1] if before else None


def _unit(value, survey: Survey) -> str | None:
    if value is None:
        return None
    if str(value) not in survey.units:
        raise ParameterError(f"unit must be one of {survey.units!r}, got {value!r}")
    return str(value)


def _reason(value) -> str | None:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None
    return str(value) if str(value) else None


def _select(frame: pd.DataFrame, **equal) -> pd.DataFrame:
    mask = np.ones(len(frame), dtype=bool)
    for col, value in equal.items():
        if value is not None:
            mask &= (frame[col].astype(str) == str(value)).to_numpy()
    return frame.loc[mask]


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


# ---------------------------------------------------------------------------
# statement table


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
    current = _period(current, survey, "current") if current is not None else survey.periods[-1]
    if periods is None:
        shown = [p for p in survey.periods if p <= current][-3:]
    else:
        if isinstance(periods, str):
            periods = [periods]
        shown = sorted({_period(p, survey, "periods") for p in periods})
    shown = sorted(shown, reverse=True)
    compare_to = (
        _period(compare_to, survey, "compare_to")
        if compare_to is not None
        else _previous(survey, current)
    )
    unit = _unit(unit, survey)
    by = ["period"] if unit is None else ["period", "unit"]
    summary = _select(likert_summary(survey, by=by, questions=questions, min_n=min_n), unit=unit)
    qs = list(dict.fromkeys(summary["question"].astype(str)))

    # every period's decision, also of compare_to when it is not among the shown ones
    means: dict[str, dict[str, float]] = {p: {} for p in survey.periods}
    reasons: dict[str, dict[str, str | None]] = {p: {} for p in survey.periods}
    for row in summary.itertuples(index=False):
        p = str(row.period)
        means[p][str(row.question)] = float(row.mean) if not pd.isna(row.mean) else np.nan
        reasons[p][str(row.question)] = _reason(row.suppressed)
    org_means: dict[str, float] = {}
    org_reasons: dict[str, str | None] = {}
    if unit is not None:
        org = _select(
            likert_summary(survey, by="period", questions=questions, min_n=min_n), period=current
        )
        for row in org.itertuples(index=False):
            q = str(row.question)
            org_means[q] = float(row.mean) if not pd.isna(row.mean) else np.nan
            org_reasons[q] = _reason(row.suppressed)

    change = {q: np.nan for q in qs}
    p_adj = {q: np.nan for q in qs}
    if compare_to is not None and compare_to != current:
        from .compare import compare_periods

        cmp = compare_periods(
            survey,
            compare_to,
            current,
            by=None if unit is None else ["unit"],
            questions=questions,
            min_n=min_n,
            p_adjust="holm",
        )
        cmp = _select(cmp, unit=unit)
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
    out.attrs["footnote"] = _nowrap_p(" ".join(notes))
    return out


def _nowrap_p(text: str) -> str:
    """Keep ``p < 0,05`` (and ``p < 0.05``) on one line."""
    return re.sub(r"\bp < (\d)", lambda m: f"p{NBSP}<{NBSP}{m.group(1)}", text)


# ---------------------------------------------------------------------------
# headline figures

_FIGURES = ("responses", "invited", "response_rate", "enps")  # their order


def _response_counts(survey: Survey, *, by: list[str], min_n: int) -> pd.DataFrame:
    """Responses per group of ``by`` (``responded``), hidden by the release decision.

    Read from :func:`hidden_cells` (the group-level decision every analysis
    function shares), never recounted and re-decided here.
    """
    cells = hidden_cells(survey, by=by, min_n=min_n)
    out = cells[[*by]].copy()
    out["responded"] = cells["n"].astype("Float64").astype("float64")
    out["suppressed"] = cells["reason"].astype("string")
    return out


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
    period = _period(period, survey, "period")
    compare_to = (
        _period(compare_to, survey, "compare_to")
        if compare_to is not None
        else _previous(survey, period)
    )
    unit = _unit(unit, survey)
    by = ["period"] if unit is None else ["period", "unit"]

    def one(frame: pd.DataFrame, p: str | None):
        if p is None:
            return None
        rows = _select(frame, period=p, unit=unit)
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
            reason = None if now is None else _reason(now["suppressed"])
            records[f] = {
                "figure": f,
                "value": np.nan if now is None else now[col],
                "compare_value": np.nan if before is None else before[col],
                "suppressed": None if f == "invited" else reason,
            }
    else:
        counts = _response_counts(survey, by=by, min_n=min_n)
        now, before = one(counts, period), one(counts, compare_to)
        records["responses"] = {
            "figure": "responses",
            "value": np.nan if now is None else now["responded"],
            "compare_value": np.nan if before is None else before["responded"],
            "suppressed": None if now is None else _reason(now["suppressed"]),
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
            "suppressed": NOT_ASKED if now is None else _reason(now["suppressed"]),
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
        hidden = _reason(r.suppressed) is not None
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
            t("value", lang): _nowrap(value),
            t("ci", lang): ci,
            change_head: _nowrap(change),
        }
        if "organisation" in table.columns:
            row[org_head] = _nowrap(_headline_value(f, r.organisation, lang))
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


# ---------------------------------------------------------------------------
# unit heatmap


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
    period = _period(period, survey, "period")
    unit = _unit(unit, survey)
    if unit is not None:
        summary = unit_and_organisation(
            likert_summary, survey, unit=unit, lang=lang, questions=questions, min_n=min_n
        )
    else:
        summary = likert_summary(survey, by=["period", "unit"], questions=questions, min_n=min_n)
    summary = _select(summary, period=period)
    asked = summary.groupby("question", observed=True, sort=False)["suppressed"].agg(
        lambda s: bool((s.astype("string").fillna("") != NOT_ASKED).any())
    )
    keep = summary["question"].map(asked).fillna(False).astype(bool).to_numpy()
    out = summary.loc[keep, ["unit", "question", "mean", "n", "suppressed"]].reset_index(drop=True)
    out["unit"] = out["unit"].cat.remove_unused_categories()
    return out


# ---------------------------------------------------------------------------
# methods note


def _join(items: list[str], lang: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    word = f" {t('and', lang)} "
    return ", ".join(items[:-1]) + word + items[-1]


def methods_note(
    survey: Survey,
    *,
    period: str,
    unit: str | None = None,
    min_n: int = 5,
    comment_min_n: int = 10,
    lang: str = "fi",
) -> str:
    """Write the report's methods paragraph: thresholds, what was hidden and why, the tests.

    Parameters
    ----------
    survey : Survey
        The survey.
    period : str
        The report's period.
    unit : str, optional
        The unit of a unit report; default the whole organisation. The
        organisation's note lists the units with hidden figures; a unit's
        note says only what is hidden of that unit (a unit report never names
        another unit), and its sentence on free text is about that unit.
    min_n : int, default 5
        Anonymity threshold of the figures.
    comment_min_n : int, default 10
        Respondent threshold of the free-text comments.
    lang : {"fi", "en"}, default "fi"
        Language of the paragraph.

    Returns
    -------
    str
        Plain text (no markup): the threshold, the units or statements hidden
        in ``period`` (fewer than ``min_n`` answers, or hidden to protect a
        smaller group), that "don't know" is left out, the change test
        (Mann-Whitney U, Holm), the eNPS interval (when the survey has an NPS
        question) and the comment threshold (and whether the group's comments
        are shown).

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> note = ka.methods_note(ka.load_demo("pulse"), period="2023-05", lang="en")
    >>> "subtraction): Hallinto and Järjestötoiminta." in note
    True
    >>> mine = ka.methods_note(ka.load_demo("pulse"), period="2023-11", unit="Kalliolan Klinikka")
    >>> "Hallinto" in mine
    False
    """
    check_lang(lang)
    min_n = check_min_n(min_n)
    comment_min_n = check_min_n(comment_min_n)
    period = _period(period, survey, "period")
    unit = _unit(unit, survey)
    by = ["period", "unit"]
    tables: list[tuple[str, pd.DataFrame]] = []
    has_likert = bool(survey.questions("likert"))
    nps_questions = survey.questions("nps")
    if has_likert:
        tables.append(("cells", likert_summary(survey, by=by, min_n=min_n)))
    if nps_questions:
        tables.append(("enps", enps(survey, by=by, question=nps_questions[0], min_n=min_n)))
    if survey.invitations is not None:
        tables.append(("rate", response_rates(survey, by=by, min_n=min_n)))
    asked: dict[str, int] = {}
    # kind ("small" / "secondary") -> unit -> {"cells": n, "enps": bool, "rate": bool}
    hidden: dict[str, dict[str, dict[str, int]]] = {"hidden": {}}
    for k, frame in tables:
        rows = _select(frame, period=period, unit=unit)
        for r in rows.itertuples(index=False):
            reason = _reason(r.suppressed)
            u = str(r.unit)
            if k == "cells" and reason != NOT_ASKED:
                asked[u] = asked.get(u, 0) + 1
            if reason is None or reason == NOT_ASKED:
                continue
            # one list for both reasons: which one applies would tell a reader on which side
            # of the threshold a hidden group lies
            kind = "hidden"
            what = hidden[kind].setdefault(u, {"cells": 0, "enps": 0, "rate": 0})
            what[k] += 1
    sentences = [t("methods_threshold", lang, min_n=min_n)]
    any_hidden = False
    if unit is not None:
        what = {"cells": 0, "enps": 0, "rate": 0}
        for kind in hidden.values():
            for k, v in kind.get(unit, {}).items():
                what[k] += v
        parts = []
        if what["cells"]:
            parts.append(
                t("methods_all_cells", lang)
                if what["cells"] == asked.get(unit, 0)
                else t("methods_cell", lang)
                if what["cells"] == 1
                else t("methods_cells", lang, n=what["cells"])
            )
        if what["enps"]:
            parts.append("eNPS")
        if what["rate"]:
            parts.append(t("response_rate", lang).lower())
        key = "methods_unit_hidden" if parts else "methods_unit_none_hidden"
        sentences.append(t(key, lang, unit=unit, items=_join(parts, lang)))
        hidden = {"hidden": {}}
        any_hidden = True  # said above, either way
    for kind, key in (("hidden", "methods_hidden_any"),):
        if not hidden[kind]:
            continue
        any_hidden = True
        items = []
        for u in sorted(hidden[kind]):
            what = hidden[kind][u]
            cells = what["cells"]
            everything = (
                cells == asked.get(u, 0)
                and (what["enps"] or not nps_questions)
                and (what["rate"] or survey.invitations is None)
            )
            if everything:
                items.append(u)
                continue
            parts = []
            if cells:
                parts.append(
                    t("methods_all_cells", lang)
                    if cells == asked.get(u, 0)
                    else t("methods_cell", lang)
                    if cells == 1
                    else t("methods_cells", lang, n=cells)
                )
            if what["enps"]:
                parts.append("eNPS")
            if what["rate"]:
                parts.append(t("response_rate", lang).lower())
            items.append(f"{u} ({', '.join(parts)})")
        sentences.append(t(key, lang, min_n=min_n, items=_join(items, lang)))
    if not any_hidden:
        sentences.append(t("methods_none_hidden", lang))
    sentences.append(t("methods_dont_know", lang))
    previous = _previous(survey, period)
    if previous is not None and has_likert:
        sentences.append(t("methods_test", lang, compare_to=format_period(previous, lang=lang)))
    if nps_questions:
        sentences.append(t("methods_enps", lang))
    if survey.questions("text"):
        sentences.append(t("methods_comments", lang, n=comment_min_n))
        from .comments import free_text

        shown = free_text(survey, period=period, unit=unit, min_n=comment_min_n)
        why = shown.attrs.get("suppressed")
        if why:
            sentences.append(t("comments_hidden_any", lang, n=comment_min_n))
    return _nowrap_p(" ".join(sentences))


# ---------------------------------------------------------------------------
# unit reports: which units get one, and the unit beside the whole organisation


def reportable_units(survey: Survey, *, period: str, min_n: int = 5) -> pd.DataFrame:
    """List the units of a period and whether each may get a unit report.

    A unit report shows the unit's own figures, so a unit whose respondents
    are hidden in ``period`` (fewer than ``min_n``, or hidden to protect a
    smaller unit: the group-level decision of :func:`hidden_cells` by period
    and unit, which every table by period and unit shares) gets no report
    for that period: its report would undo the protection.

    Parameters
    ----------
    survey : Survey
        The survey.
    period : str
        The report's period (``"2023-05"`` or ``"5/2023"``).
    min_n : int, default 5
        Anonymity threshold.

    Returns
    -------
    pandas.DataFrame
        One row per unit of the survey, in the survey's unit order: ``unit``
        (string), ``respondents`` (``Int64``, ``<NA>`` where hidden),
        ``reportable`` (bool) and ``reason`` (why not: ``"fewer than 5
        answers"``, ``"hidden to protect a smaller group"``, ``"no
        responses"``; ``<NA>`` when reportable).

    See Also
    --------
    check_unit_report : Raise a clear error for a unit that may not be reported.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> r = ka.reportable_units(ka.load_demo("pulse"), period="2023-05")
    >>> r[~r["reportable"]][["unit", "reason"]].values.tolist()
    [['Hallinto', 'fewer than 5 answers'], ['Järjestötoiminta', 'hidden to protect a smaller group']]
    >>> bool(ka.reportable_units(ka.load_demo("pulse"), period="2023-11")["reportable"].all())
    True
    """
    min_n = check_min_n(min_n)
    period = _period(period, survey, "period")
    counts = _select(_response_counts(survey, by=["period", "unit"], min_n=min_n), period=period)
    found = {
        str(u): (n, _reason(r))
        for u, n, r in zip(counts["unit"], counts["responded"], counts["suppressed"], strict=True)
    }
    rows = []
    for u in survey.units:
        n, reason = found.get(u, (pd.NA, NO_RESPONSES))
        if reason is None and (pd.isna(n) or int(n) == 0):
            reason = NO_RESPONSES
        rows.append({"unit": u, "respondents": n, "reportable": reason is None, "reason": reason})
    out = pd.DataFrame(rows, columns=["unit", "respondents", "reportable", "reason"])
    out["unit"] = out["unit"].astype("string")
    resp = pd.to_numeric(out["respondents"].astype(object), errors="coerce")
    out["respondents"] = pd.array(resp.round(), dtype="Float64").astype("Int64")
    out.loc[~out["reportable"], "respondents"] = pd.NA
    out["reportable"] = out["reportable"].astype(bool)
    out["reason"] = out["reason"].astype("string")
    return out


def check_unit_report(survey: Survey, *, period: str, unit: str | None, min_n: int = 5) -> None:
    """Raise an error when ``unit`` may not get a report for ``period``.

    Report notebooks call this first, so a unit report for a unit hidden in
    the period (see :func:`reportable_units`) fails with a clear message
    instead of publishing what the organisation's report hides.

    Parameters
    ----------
    survey : Survey
        The survey.
    period : str
        The report's period.
    unit : str or None
        The unit of the report; ``None`` (the whole organisation) always passes.
    min_n : int, default 5
        Anonymity threshold.

    Raises
    ------
    kalliola_analysis.errors.ParameterError
        An unknown unit or period, or a unit hidden in ``period``; the message
        names the unit, the period and why.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> pulse = ka.load_demo("pulse")
    >>> ka.check_unit_report(pulse, period="2023-11", unit="Hallinto")
    >>> ka.check_unit_report(pulse, period="2023-05", unit="Hallinto")
    Traceback (most recent call last):
    ...
    kalliola_analysis.errors.ParameterError: no unit report for 'Hallinto' in 5/2023: ...
    """
    if unit is None:
        return
    unit = _unit(unit, survey)
    period = _period(period, survey, "period")
    units = reportable_units(survey, period=period, min_n=min_n).set_index("unit")
    if not bool(units.loc[unit, "reportable"]):
        raise ParameterError(
            f"no unit report for {unit!r} in {format_period(period)}: the unit is hidden in "
            f"that period ({units.loc[unit, 'reason']}, anonymity threshold {min_n}), so a "
            "report of it would show what the organisation's report hides; the units that "
            "can be reported are "
            f"{[str(u) for u in units.index[units['reportable'].to_numpy()]]!r}"
        )


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
    unit = _unit(unit, survey)
    label = t("whole_organisation", lang)
    whole = analysis(survey, by="period", **kwargs)
    parts = []
    if unit is not None:
        mine = analysis(survey, by=["period", "unit"], **kwargs)
        parts.append(_select(mine, unit=unit).drop(columns="unit"))
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

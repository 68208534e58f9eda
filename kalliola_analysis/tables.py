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

from ._validation import check_min_n
from .errors import ParameterError
from .formatting import MISSING, format_change, format_number, format_percent, format_period
from .i18n import check_lang, t
from .likert import likert_summary
from .nps import enps
from .privacy import COMPLEMENTARY, suppress
from .response_rates import response_rates
from .survey import Survey, parse_period

__all__ = [
    "statement_labels",
    "statement_table",
    "format_statement_table",
    "headline_figures",
    "format_headline_figures",
    "unit_heatmap_table",
    "methods_note",
]

NOT_ASKED = "not asked"
_PERIOD_COLUMN = re.compile(r"^\d{4}-\d{2}$")


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
        period *and* unit, so a unit hidden to protect a smaller one stays hidden.
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
        - ``change`` -- ``diff`` (mean ``current`` minus mean ``compare_to``)
          from :func:`compare_periods`, ``p_adj`` (Holm) and ``significant``
          (``p_adj < 0.05``);
        - ``suppressed_<period>`` per period -- ``"not asked"``, the reason the
          mean is hidden, or ``<NA>``.

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

    means: dict[str, dict[str, float]] = {p: {} for p in shown}
    reasons: dict[str, dict[str, str | None]] = {p: {} for p in shown}
    for row in summary.itertuples(index=False):
        p = str(row.period)
        if p in means:
            means[p][str(row.question)] = float(row.mean) if not pd.isna(row.mean) else np.nan
            reasons[p][str(row.question)] = _reason(row.suppressed)

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
            change[str(row.question)] = row.diff
            p_adj[str(row.question)] = row.p_adj

    rows = []
    for q in qs:
        r = {"question": q, "statement": survey.text(q, lang)}
        for p in shown:
            r[p] = means[p].get(q, np.nan)
        r["change"] = change[q]
        r["p_adj"] = p_adj[q]
        for p in shown:
            r[f"suppressed_{p}"] = reasons[p].get(q, NOT_ASKED)
        rows.append(r)
    columns = ["question", "statement", *shown, "change", "p_adj", "significant"]
    columns += [f"suppressed_{p}" for p in shown]
    out = pd.DataFrame(rows, columns=[c for c in columns if c != "significant"])
    asked = np.zeros(len(out), dtype=bool)
    for p in shown:
        asked |= (out[f"suppressed_{p}"] != NOT_ASKED).to_numpy()
    out = out.loc[asked].reset_index(drop=True)
    out["question"] = out["question"].astype("string")
    out["statement"] = out["statement"].astype("string")
    for c in [*shown, "change", "p_adj"]:
        out[c] = pd.to_numeric(out[c], errors="coerce").astype("float64")
    out["significant"] = (out["p_adj"] < 0.05).fillna(False).astype(bool)
    for p in shown:
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
        headed ``11/2023``, and the change (``+0,1``; ``*`` when
        significant; the column is left out when there is no earlier
        period to compare with). A mean not asked is ``–``, a hidden one ``piilotettu`` /
        ``hidden``. ``.attrs["footnote"]`` explains the marks (the asterisk
        only when a change was tested).

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> tab = ka.statement_table(ka.load_demo("pulse"))
    >>> ft = ka.format_statement_table(tab)
    >>> ft.loc["meaningful_work"].tolist()
    ['Pidän nykyistä työtäni merkityksellisenä', '4,6', '4,5', '4,5', '+0,1']
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
    compare_to = table.attrs.get("compare_to")
    if compare_to is not None or table["change"].notna().any():
        out[t("change", lang)] = [
            format_change(v, decimals, lang=lang, significant=bool(s))
            for v, s in zip(table["change"], table["significant"], strict=True)
        ]
    min_n = table.attrs.get("min_n", 5)
    notes = [t("footnote_missing", lang, min_n=min_n)]
    if compare_to is not None and table["change"].notna().any():
        notes.insert(0, t("footnote_significant", lang, compare_to=format_period(compare_to)))
    out.attrs["footnote"] = " ".join(notes)
    return out


# ---------------------------------------------------------------------------
# headline figures

_FIGURES = ("responses", "invited", "response_rate", "enps")  # their order


def _response_counts(survey: Survey, *, by: list[str], min_n: int) -> pd.DataFrame:
    """Responses per group of ``by``, counted from the responses, with small groups hidden."""
    counts = survey.responses.groupby(by, observed=True).size().rename("responded").reset_index()
    counts["n"] = counts["responded"]
    counts["responded"] = counts["responded"].astype("float64")
    return suppress(counts, by=by, min_n=min_n, value_columns=["responded"])


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
        and ``unit``.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> h = ka.headline_figures(ka.load_demo("pulse"), period="2023-11")
    >>> h[["figure", "value"]].round(3).values.tolist()
    [['responses', 71.0], ['invited', 88.0], ['response_rate', 0.807], ['enps', 22.034]]

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
    out.insert(5, "change", out["value"] - out["compare_value"])
    out["figure"] = out["figure"].astype("string")
    out["suppressed"] = out["suppressed"].astype("string")
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
        ``10,9–32,6``) and change (``+8 %-yks.`` for the rate, ``+1,3`` for
        the eNPS). Hidden values read ``piilotettu`` / ``hidden``. The
        interval column is left out when there is no ``enps`` row, the change
        column when no figure has a value to compare with (a survey's first
        or only round).

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> h = ka.headline_figures(ka.load_demo("pulse"), period="2023-11")
    >>> ka.format_headline_figures(h).iloc[:, 1].tolist()
    ['71', '88', '81 %', '22,0']
    >>> ka.format_headline_figures(h, lang="en").loc["enps"].tolist()
    ['Employer NPS', '22.0', '10.9–32.6', '+1.3']

    An event's feedback survey: one round, no NPS question:

    >>> fb = ka.headline_figures(ka.load_demo("feedback/kickoff-2023"), period="2023-09")
    >>> ka.format_headline_figures(fb, lang="en").values.tolist()
    [['Responses', '57'], ['Invited', '88'], ['Response rate', '65%']]
    """
    check_lang(lang)
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
        rows[f] = {
            t("figure", lang): t(f, lang),
            t("value", lang): value,
            t("ci", lang): ci,
            t("change", lang): change,
        }
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = "figure"
    figures = table["figure"].astype(str)
    if "enps" not in set(figures):
        out = out.drop(columns=t("ci", lang))
    if table["compare_value"].isna().all():
        out = out.drop(columns=t("change", lang))
    return out


# ---------------------------------------------------------------------------
# unit heatmap


def unit_heatmap_table(
    survey: Survey,
    *,
    period: str,
    questions: str | list[str] | None = None,
    min_n: int = 5,
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
    min_n : int, default 5
        Anonymity threshold (with complementary suppression across units).

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
    """
    min_n = check_min_n(min_n)
    period = _period(period, survey, "period")
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
        The unit of a unit report; default the whole organisation. The hidden
        figures are listed for every unit either way (every pulse report shows
        the units side by side); ``unit`` decides whose comments the sentence
        on free text is about.
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
    >>> "fewer than 5 answers: Hallinto" in note
    True
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
    hidden: dict[str, dict[str, dict[str, int]]] = {"small": {}, "secondary": {}}
    for k, frame in tables:
        rows = _select(frame, period=period)
        for r in rows.itertuples(index=False):
            reason = _reason(r.suppressed)
            u = str(r.unit)
            if k == "cells" and reason != NOT_ASKED:
                asked[u] = asked.get(u, 0) + 1
            if reason is None or reason == NOT_ASKED:
                continue
            kind = "secondary" if reason == COMPLEMENTARY else "small"
            what = hidden[kind].setdefault(u, {"cells": 0, "enps": 0, "rate": 0})
            what[k] += 1
    sentences = [t("methods_threshold", lang, min_n=min_n)]
    any_hidden = False
    for kind, key in (("small", "methods_hidden_small"), ("secondary", "methods_hidden_secondary")):
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
        if shown.attrs.get("suppressed"):
            sentences.append(t("comments_hidden", lang, n=comment_min_n))
    return " ".join(sentences)

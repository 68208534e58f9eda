"""Key findings of a pulse round in plain sentences, from the figures the report shows.

Every number in a finding is read from :func:`~kalliola_analysis.statement_table`,
:func:`~kalliola_analysis.likert_summary` and
:func:`~kalliola_analysis.headline_figures`, which apply the anonymity rules;
a figure they hide never enters a sentence.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._frames import select_rows
from .._validation import check_min_n
from ..errors import ParameterError
from ..formatting import format_number, format_percent, format_period
from ..i18n.strings import check_lang, t
from ..periods import check_period, previous_period
from ._tables import check_unit
from .headline_tables import headline_figures
from .likert import likert_summary
from .statement_tables import statement_table

__all__ = ["key_findings", "FINDING_KINDS"]

#: The kinds of finding, in the order they are listed.
FINDING_KINDS = ("strongest", "weakest", "change", "no_change", "response_rate", "hidden")

_COLUMNS = ["kind", "question", "sentence", "value", "compare_value", "change", "p_adj"]


def _row(
    kind, sentence, question=None, value=np.nan, compare_value=np.nan, change=np.nan, p=np.nan
):
    return {
        "kind": kind,
        "question": question,
        "sentence": sentence,
        "value": value,
        "compare_value": compare_value,
        "change": change,
        "p_adj": p,
    }


def key_findings(
    survey,
    *,
    period: str,
    compare_to: str | None = None,
    unit: str | None = None,
    min_n: int = 5,
    lang: str = "fi",
    n_changes: int = 3,
) -> pd.DataFrame:
    """Write the key findings of a survey round as plain sentences.

    Parameters
    ----------
    survey : Survey
        The pulse survey.
    period : str
        The round reported (``"2023-11"`` or ``"11/2023"``).
    compare_to : str, optional
        The round the changes are measured from; default the one before
        ``period`` (no change findings when there is none).
    unit : str, optional
        A unit's findings (its figures from the analysis by period and unit,
        so a unit hidden to protect a smaller one stays hidden).
    min_n : int, default 5
        Anonymity threshold.
    lang : {"fi", "en"}, default "fi"
        Language of the sentences and their numbers (``4,6`` and ``81 %`` in
        Finnish, ``4.6`` and ``81%`` in English).
    n_changes : int, default 3
        At most this many significant changes, the largest first.

    Returns
    -------
    pandas.DataFrame
        One row per finding, in this order:

        - ``strongest`` / ``weakest`` -- the statement with the highest /
          lowest mean in ``period`` (with its share of favourable answers);
          ``weakest`` only when two or more statements are shown;
        - ``change`` -- the significant changes since ``compare_to``
          (Holm-adjusted ``p_adj < 0.05``), largest ``|change|`` first, or one
          ``no_change`` row when there is none;
        - ``response_rate`` -- the rate in ``period`` and in the previous
          round (when both are shown);
        - ``hidden`` -- instead of the statement findings, when every
          statement mean of ``period`` is hidden.

        Columns ``kind``, ``question`` (``<NA>`` for the response rate),
        ``sentence``, ``value`` (the mean, or the rate 0-1), ``compare_value``
        (in ``compare_to`` / the previous round), ``change`` and ``p_adj``.
        ``.attrs`` holds ``period``, ``compare_to``, ``unit`` and ``lang``.

    Raises
    ------
    kalliola_analysis.errors.ParameterError
        An unknown period, unit or language, or a bad ``min_n``/``n_changes``.

    Notes
    -----
    The figures are those of :func:`statement_table` (means and the change,
    tested with Mann-Whitney U and Holm's adjustment, see
    :func:`compare_periods`), :func:`likert_summary` (favourable share, see
    :func:`~kalliola_analysis.survey.codebook.favourable_options`) and
    :func:`headline_figures` (response rate), each with the anonymity rules
    of :func:`suppress`. A statement whose mean is hidden is never the
    strongest, the weakest or a change; a hidden response rate gives no
    sentence.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> f = ka.key_findings(ka.load_demo("pulse"), period="2023-11")
    >>> f["kind"].tolist()
    ['strongest', 'weakest', 'change', 'change', 'response_rate']
    >>> print(f.loc[0, "sentence"])
    Vahvin väittämä oli ”Pidän nykyistä työtäni merkityksellisenä” (keskiarvo 4,6; myönteisiä vastauksia 90 %).
    >>> print(f.loc[4, "sentence"])
    Vastausprosentti oli 81 % (71/88); edellisellä kierroksella 5/2023 se oli 73 %.
    >>> en = ka.key_findings(ka.load_demo("pulse"), period="2023-11", lang="en")
    >>> print(en.loc[2, "sentence"])
    “I get support from my manager when I need it” rose significantly: 3.8 (5/2023) → 4.2 (11/2023).
    """
    check_lang(lang)
    min_n = check_min_n(min_n)
    if isinstance(n_changes, bool) or not isinstance(n_changes, int) or n_changes < 0:
        raise ParameterError(f"n_changes must be a whole number >= 0, got {n_changes!r}")
    period = check_period(period, survey.periods, "period")
    compare_to = (
        check_period(compare_to, survey.periods, "compare_to")
        if compare_to is not None
        else previous_period(survey.periods, period)
    )
    if compare_to == period:
        raise ParameterError(f"compare_to must differ from period, got {compare_to!r} for both")
    unit = check_unit(unit, survey)
    rows: list[dict] = []
    if survey.questions("likert"):
        rows += _statement_findings(survey, period, compare_to, unit, min_n, lang, n_changes)
    if survey.invitations is not None:
        rows += _response_rate_finding(survey, period, unit, min_n, lang)
    out = pd.DataFrame(rows, columns=_COLUMNS)
    for c in ("kind", "question", "sentence"):
        out[c] = out[c].astype("string")
    for c in ("value", "compare_value", "change", "p_adj"):
        out[c] = pd.to_numeric(out[c].astype(object), errors="coerce").astype("float64")
    out.attrs.update(period=period, compare_to=compare_to, unit=unit, lang=lang)
    return out


def _statement_findings(survey, period, compare_to, unit, min_n, lang, n_changes) -> list[dict]:
    periods = [period] if compare_to is None else [period, compare_to]
    table = statement_table(
        survey,
        periods=periods,
        current=period,
        compare_to=compare_to,
        unit=unit,
        min_n=min_n,
        lang=lang,
    )
    asked = table[table[f"suppressed_{period}"].fillna("") != "not asked"]
    shown = asked[asked[period].notna()]
    if shown.empty:
        return [_row("hidden", t("findings.hidden", lang, min_n=min_n))] if len(asked) else []
    by = ["period"] if unit is None else ["period", "unit"]
    summary = select_rows(
        likert_summary(survey, by=by, questions=list(shown["question"]), min_n=min_n),
        period=period,
        unit=unit,
    )
    favourable = dict(zip(summary["question"].astype(str), summary["favourable"], strict=True))
    order = shown.sort_values(period, ascending=False, kind="stable")
    picks = [("strongest", order.iloc[0])]
    if len(order) > 1:
        picks.append(("weakest", order.iloc[-1]))
    rows = []
    for kind, r in picks:
        q = str(r["question"])
        sentence = t(
            f"findings.{kind}",
            lang,
            statement=r["statement"],
            mean=format_number(r[period], 1, lang=lang),
            favourable=format_percent(favourable[q], lang=lang),
        )
        rows.append(_row(kind, sentence, q, value=r[period]))
    if compare_to is None:
        return rows
    changed = shown[shown["significant"] & shown["change"].notna() & shown[compare_to].notna()]
    changed = changed.reindex(changed["change"].abs().sort_values(ascending=False).index)
    for _, r in changed.head(n_changes).iterrows():
        key = "findings.change_up" if r["change"] > 0 else "findings.change_down"
        sentence = t(
            key,
            lang,
            statement=r["statement"],
            before=format_number(r[compare_to], 1, lang=lang),
            after=format_number(r[period], 1, lang=lang),
            compare_to=format_period(compare_to, lang=lang),
            period=format_period(period, lang=lang),
        )
        rows.append(
            _row(
                "change",
                sentence,
                str(r["question"]),
                value=r[period],
                compare_value=r[compare_to],
                change=r["change"],
                p=r["p_adj"],
            )
        )
    if changed.empty and shown["change"].notna().any():
        rows.append(
            _row(
                "no_change",
                t("findings.no_change", lang, compare_to=format_period(compare_to, lang=lang)),
            )
        )
    return rows


def _response_rate_finding(survey, period, unit, min_n, lang) -> list[dict]:
    previous = previous_period(survey.periods, period)
    h = headline_figures(survey, period=period, compare_to=previous, unit=unit, min_n=min_n)
    h = h.set_index(h["figure"].astype(str))
    rate = h.loc["response_rate"]
    if not pd.isna(rate["suppressed"]) or pd.isna(rate["value"]):
        return []
    fields = {
        "rate": format_percent(rate["value"], lang=lang),
        "responded": format_number(h.loc["responses", "value"], 0, lang=lang),
        "invited": format_number(h.loc["invited", "value"], 0, lang=lang),
    }
    if previous is None or pd.isna(rate["compare_value"]):
        sentence = t("findings.response_rate_only", lang, **fields)
    else:
        sentence = t(
            "findings.response_rate",
            lang,
            previous=format_percent(rate["compare_value"], lang=lang),
            previous_period=format_period(previous, lang=lang),
            **fields,
        )
    return [
        _row(
            "response_rate",
            sentence,
            value=rate["value"],
            compare_value=rate["compare_value"],
            change=rate["change"],
        )
    ]

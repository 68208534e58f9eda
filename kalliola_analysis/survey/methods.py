"""The methods paragraph of a report: thresholds, what was hidden and why, the tests."""

from __future__ import annotations

import pandas as pd

from .._frames import select_rows
from .._validation import check_min_n
from ..formatting import format_period, nowrap_p
from ..i18n.strings import check_lang, t
from ..periods import check_period, previous_period
from ._tables import NOT_ASKED, check_unit, reason_of
from .comments import free_text
from .data import Survey
from .likert import likert_summary
from .nps import enps
from .response_rates import response_rates

__all__ = ["methods_note"]


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
    period = check_period(period, survey.periods, "period")
    unit = check_unit(unit, survey)
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
        rows = select_rows(frame, period=period, unit=unit)
        for r in rows.itertuples(index=False):
            reason = reason_of(r.suppressed)
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
    previous = previous_period(survey.periods, period)
    if previous is not None and has_likert:
        sentences.append(t("methods_test", lang, compare_to=format_period(previous, lang=lang)))
    if nps_questions:
        sentences.append(t("methods_enps", lang))
    if survey.questions("text"):
        sentences.append(t("methods_comments", lang, n=comment_min_n))
        shown = free_text(survey, period=period, unit=unit, min_n=comment_min_n)
        why = shown.attrs.get("suppressed")
        if why:
            sentences.append(t("comments_hidden_any", lang, n=comment_min_n))
    return nowrap_p(" ".join(sentences))

"""User-interface strings of the reports and figures, in Finnish and English.

Reports are Finnish first; every string a table, figure or methods note shows
comes from :data:`STRINGS` through :func:`t`, so a report in another language
needs only a new column here.

Examples
--------
>>> t("responses", "fi"), t("responses", "en")
('Vastauksia', 'Responses')
>>> t("hidden", "sv")
Traceback (most recent call last):
...
kalliola_analysis.errors.ParameterError: lang must be one of ['fi', 'en'], got 'sv'
"""

from __future__ import annotations

from typing import Any

from ._validation import check_option
from .errors import ParameterError

__all__ = ["LANGS", "STRINGS", "t", "check_lang"]

#: Report languages, the first is the default.
LANGS = ("fi", "en")

#: ``{key: {"fi": ..., "en": ...}}``. Strings may hold ``str.format`` fields.
STRINGS: dict[str, dict[str, str]] = {
    # table and figure labels
    "statement": {"fi": "Väittämä", "en": "Statement"},
    "change": {"fi": "Muutos", "en": "Change"},
    "figure": {"fi": "Tunnusluku", "en": "Figure"},
    "value": {"fi": "Arvo", "en": "Value"},
    "unit": {"fi": "Yksikkö", "en": "Unit"},
    "period": {"fi": "Kysely", "en": "Survey round"},
    "mean": {"fi": "Keskiarvo", "en": "Mean"},
    "share": {"fi": "Osuus vastauksista", "en": "Share of answers"},
    "answer": {"fi": "Vastaus", "en": "Answer"},
    "count": {"fi": "Vastauksia (kpl)", "en": "Answers (n)"},
    "responses": {"fi": "Vastauksia", "en": "Responses"},
    "invited": {"fi": "Kutsuttuja", "en": "Invited"},
    "response_rate": {"fi": "Vastausprosentti", "en": "Response rate"},
    "enps": {"fi": "Suositteluindeksi (eNPS)", "en": "Employer NPS"},
    "ci": {"fi": "95 %:n luottamusväli", "en": "95% confidence interval"},
    "ci_short": {"fi": "lv.", "en": "CI"},
    "percentage_points": {"fi": "%-yks.", "en": "pp"},
    "hidden": {"fi": "piilotettu", "en": "hidden"},
    "hidden_short": {"fi": "piil.", "en": "hidden"},
    "not_asked": {"fi": "ei kysytty", "en": "not asked"},
    "promoters": {"fi": "Suosittelijat", "en": "Promoters"},
    "passives": {"fi": "Passiiviset", "en": "Passives"},
    "detractors": {"fi": "Arvostelijat", "en": "Detractors"},
    "comments": {"fi": "Avoimet vastaukset", "en": "Open comments"},
    # titles
    "title_likert": {"fi": "Vastausten jakauma", "en": "Distribution of answers"},
    "title_trend": {"fi": "Väittämien keskiarvot kyselyittäin", "en": "Statement means by round"},
    "title_nps": {
        "fi": "Kuinka todennäköisesti suosittelisit meitä työnantajana (0–10)",
        "en": "How likely would you recommend us as an employer (0–10)",
    },
    "title_rates": {"fi": "Vastausprosentti yksiköittäin", "en": "Response rate by unit"},
    "title_heatmap": {"fi": "Keskiarvot yksiköittäin", "en": "Means by unit"},
    "axis_mean": {"fi": "Keskiarvo (1–5)", "en": "Mean (1–5)"},
    "axis_rate": {"fi": "Vastausprosentti", "en": "Response rate"},
    "axis_share": {"fi": "Osuus vastauksista", "en": "Share of answers"},
    "axis_nps_answer": {"fi": "Vastaus (0–10)", "en": "Answer (0–10)"},
    # 1-5 agreement scale, low to high
    "likert_1": {"fi": "Täysin eri mieltä", "en": "Strongly disagree"},
    "likert_2": {"fi": "Jokseenkin eri mieltä", "en": "Disagree"},
    "likert_3": {"fi": "Ei samaa eikä eri mieltä", "en": "Neither agree nor disagree"},
    "likert_4": {"fi": "Jokseenkin samaa mieltä", "en": "Agree"},
    "likert_5": {"fi": "Täysin samaa mieltä", "en": "Strongly agree"},
    # footnotes and the methods note
    "footnote_significant": {
        "fi": "* Muutos edelliseen kyselyyn ({compare_to}) on tilastollisesti merkitsevä "
        "(Mann–Whitneyn U-testi, Holmin korjaus, p < 0,05).",
        "en": "* The change from the previous round ({compare_to}) is statistically significant "
        "(Mann–Whitney U test, Holm-adjusted, p < 0.05).",
    },
    "footnote_missing": {
        "fi": "– = väittämää ei kysytty; piilotettu = alle {min_n} vastausta tai piilotettu "
        "pienemmän ryhmän suojaamiseksi.",
        "en": "– = statement not asked; hidden = fewer than {min_n} answers, or hidden to "
        "protect a smaller group.",
    },
    "methods_threshold": {
        "fi": "Tuloksia ei näytetä ryhmästä, jossa on alle {min_n} vastausta.",
        "en": "No result is shown for a group with fewer than {min_n} answers.",
    },
    "methods_none_hidden": {
        "fi": "Tässä raportissa mitään ryhmää ei tarvinnut piilottaa.",
        "en": "No group had to be hidden in this report.",
    },
    "methods_hidden_small": {
        "fi": "Piilotettu, koska vastauksia oli alle {min_n}: {items}.",
        "en": "Hidden because there were fewer than {min_n} answers: {items}.",
    },
    "methods_hidden_secondary": {
        "fi": "Piilotettu pienemmän ryhmän suojaamiseksi (muuten sen tulos voisi päätellä "
        "erotuksena): {items}.",
        "en": "Hidden to protect a smaller group (its result could otherwise be derived by "
        "subtraction): {items}.",
    },
    "methods_cells": {"fi": "{n} väittämää", "en": "{n} statements"},
    "methods_cell": {"fi": "1 väittämä", "en": "1 statement"},
    "methods_all_cells": {"fi": "kaikki väittämät", "en": "all statements"},
    "methods_dont_know": {
        "fi": "Vastaus ”En osaa sanoa” ei sisälly keskiarvoihin eikä jakaumiin.",
        "en": "“Don't know” answers are left out of the means and distributions.",
    },
    "methods_test": {
        "fi": "Muutos edelliseen kyselyyn ({compare_to}) testattiin Mann–Whitneyn U-testillä; "
        "p-arvot on korjattu useiden väittämien vuoksi Holmin menetelmällä, ja merkitsevä "
        "muutos (korjattu p < 0,05) on merkitty tähdellä.",
        "en": "Changes from the previous round ({compare_to}) were tested with the "
        "Mann–Whitney U test; p-values are Holm-adjusted for the number of statements, and a "
        "significant change (adjusted p < 0.05) is marked with an asterisk.",
    },
    "methods_enps": {
        "fi": "Suositteluindeksi (eNPS) on suosittelijoiden (9–10) ja arvostelijoiden (0–6) "
        "osuuksien erotus prosenttiyksikköinä; sen 95 %:n luottamusväli on Tangon "
        "score-väli äärellisen perusjoukon korjauksella (kutsuttujen määrä).",
        "en": "The employer NPS is the share of promoters (9–10) minus the share of "
        "detractors (0–6), in percentage points; its 95% confidence interval is Tango's score "
        "interval with the finite population correction (the number invited).",
    },
    "methods_comments": {
        "fi": "Avoimet vastaukset näytetään vain ryhmästä, jossa on vähintään {n} vastaajaa, "
        "satunnaisessa järjestyksessä.",
        "en": "Open comments are shown only for a group of at least {n} respondents, in a "
        "random order.",
    },
    "comments_hidden": {
        "fi": "Avoimia vastauksia ei näytetä: ryhmässä on alle {n} vastaajaa.",
        "en": "Open comments are not shown: the group has fewer than {n} respondents.",
    },
    "comments_none": {"fi": "Ei avoimia vastauksia.", "en": "No open comments."},
}


def check_lang(lang: Any) -> str:
    """Return ``lang`` if it is a report language, else raise :class:`ParameterError`.

    Examples
    --------
    >>> check_lang("en")
    'en'
    """
    return check_option("lang", lang, LANGS)


def t(key: str, lang: str = "fi", /, **fields: Any) -> str:
    """Return the UI string ``key`` in ``lang``, with ``fields`` filled in.

    Parameters
    ----------
    key : str
        A key of :data:`STRINGS`.
    lang : {"fi", "en"}, default "fi"
        Report language.
    **fields
        Values for the ``{name}`` fields of the string.

    Returns
    -------
    str
        The string in ``lang``.

    Raises
    ------
    kalliola_analysis.errors.ParameterError
        An unknown language or key.

    Examples
    --------
    >>> t("enps", "en")
    'Employer NPS'
    >>> t("methods_threshold", "fi", min_n=5)
    'Tuloksia ei näytetä ryhmästä, jossa on alle 5 vastausta.'
    """
    check_lang(lang)
    if key not in STRINGS:
        raise ParameterError(f"unknown UI string key {key!r}")
    text = STRINGS[key][lang]
    return text.format(**fields) if fields else text

"""User-interface strings of the reports, tables and figures, in Finnish and English.

Reports are Finnish first; every string a table, figure, heading or methods
note shows comes from :data:`STRINGS` through :func:`t`, so a report in another
language needs only a new column in the domain tables :data:`STRINGS` merges
(:mod:`.common_strings`, :mod:`.survey_strings`, :mod:`.materiality_strings`,
:mod:`.followup_strings`). Strings shared by several reports have
plain keys (``"responses"``, ``"hidden"``, ``"methods"``); the strings of one
report or module are namespaced: ``"report.*"`` (the report notebooks),
``"provenance.*"``, ``"materiality.*"``, ``"followup.*"`` (with the measure
statuses ``"followup.status.<code>"`` and movements
``"followup.movement.<code>"``) and ``"indicators.*"`` (the indicator statuses
``"indicators.status.<code>"``).

Examples
--------
>>> t("responses", "fi"), t("responses", "en")
('Vastauksia', 'Responses')
>>> t("materiality.p_top", "en", k=5)
'Probability of top 5'
>>> t("hidden", "sv")
Traceback (most recent call last):
...
kalliola_analysis.errors.ParameterError: lang must be one of ['fi', 'en'], got 'sv'
"""

from __future__ import annotations

from typing import Any

from .._validation import check_option
from ..errors import ParameterError
from .common_strings import COMMON_STRINGS
from .followup_strings import FOLLOWUP_STRINGS
from .materiality_strings import MATERIALITY_STRINGS
from .survey_strings import SURVEY_STRINGS

__all__ = ["LANGS", "STRINGS", "t", "check_lang"]

#: Report languages, the first is the default.
LANGS = ("fi", "en")

#: ``{key: {"fi": ..., "en": ...}}``. Strings may hold ``str.format`` fields. The
#: tables live by domain in :mod:`.common_strings`, :mod:`.survey_strings`,
#: :mod:`.materiality_strings` and :mod:`.followup_strings`; a key belongs to one.
STRINGS: dict[str, dict[str, str]] = {
    **COMMON_STRINGS,
    **SURVEY_STRINGS,
    **MATERIALITY_STRINGS,
    **FOLLOWUP_STRINGS,
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
        A key of :data:`STRINGS`, namespaced for one report's strings
        (``"materiality.p_top"``).
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
    >>> t("followup.changes", "en", period="5/2023")
    'Changes since the previous round (5/2023)'
    """
    check_lang(lang)
    if key not in STRINGS:
        raise ParameterError(f"unknown UI string key {key!r}")
    text = STRINGS[key][lang]
    return text.format(**fields) if fields else text

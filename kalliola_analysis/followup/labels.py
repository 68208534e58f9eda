"""Codes, symbols, colours and labels of a measure's status, its movement and an indicator's status.

A follow-up table (the City of Helsinki's *liikennevaloseuranta* is the model)
gives each measure one of four traffic lights per monitoring round, or none
(no update that round):

======================  =========================  =============
code                    Finnish                    English
======================  =========================  =============
``on_track``            Etenee suunnitellusti      On track
``started``             Aloitettu                  Started
``not_realised``        Ei toteudu                 Will not be realised
``not_started``         Ei aloitettu               Not started
``missing``             (empty) Ei päivitystä      No update
======================  =========================  =============

A status is never shown by colour alone: each has a symbol, and its label is
the UI string ``"followup.status.<code>"`` of :mod:`kalliola_analysis.i18n.strings`.

Examples
--------
>>> parse_status("Ei toteudu"), status_label("not_realised", "en")
('not_realised', '✕ Will not be realised')
"""

from __future__ import annotations

import pandas as pd

from .._validation import check_option
from ..i18n.strings import LANGS, check_lang, t

__all__ = [
    "STATUS_CODES",
    "STATUS_SYMBOLS",
    "STATUS_COLOURS",
    "MOVEMENTS",
    "MOVEMENT_SYMBOLS",
    "INDICATOR_STATUS_CODES",
    "INDICATOR_STATUS_SYMBOLS",
    "parse_status",
    "status_label",
    "movement_label",
    "indicator_status_label",
]

#: Status codes in the source's legend order, then ``missing`` (no update).
STATUS_CODES = ("on_track", "started", "not_realised", "not_started", "missing")

# The labels are the UI strings "followup.status.<code>" of kalliola_analysis.i18n.strings.

#: A symbol per status, so that a status is never shown by colour alone.
STATUS_SYMBOLS = {
    "on_track": "●",
    "started": "◐",
    "not_realised": "✕",
    "not_started": "○",
    "missing": "–",
}

#: Traffic-light colours; their lightness differs so that a greyscale print
#: still separates them (and figures add hatching and labels).
STATUS_COLOURS = {
    "on_track": "#1b7837",
    "started": "#f6c141",
    "not_realised": "#b2182b",
    "not_started": "#d9d9d9",
    "missing": "#ffffff",
}

#: Movement of a measure between two rounds.
MOVEMENTS = ("improved", "worsened", "unchanged", "no_update", "new", "dropped")

#: A symbol per movement; the labels are the UI strings "followup.movement.<code>".
MOVEMENT_SYMBOLS = {
    "improved": "▲",
    "worsened": "▼",
    "unchanged": "=",
    "no_update": "?",
    "new": "+",
    "dropped": "−",
}

#: Status of an indicator against its target.
INDICATOR_STATUS_CODES = ("on_track", "behind", "no_data", "no_target")
#: A symbol per status, so that a status is never shown by colour alone; the
#: labels are the UI strings ``"indicators.status.<code>"`` of :mod:`kalliola_analysis.i18n.strings`.
#: No arrow: ▲ / ▼ mean improved / worsened in every table of the reports (issue 11).
INDICATOR_STATUS_SYMBOLS = {"on_track": "●", "behind": "◆", "no_data": "–", "no_target": "○"}

_STATUS_INPUT = {
    **{code: code for code in STATUS_CODES},
    **{t(f"followup.status.{code}", lg).casefold(): code for code in STATUS_CODES for lg in LANGS},
    "will not be realized": "not_realised",
    "not realised": "not_realised",
    "not realized": "not_realised",
    "not_realized": "not_realised",
    "on track": "on_track",
    "not started": "not_started",
    "no update": "missing",
    "": "missing",
}


def parse_status(value: object) -> str | None:
    """Return the status code of a Finnish or English label, a code, or ``None``.

    Empty values and "Ei päivitystä"/"No update" are ``"missing"``.

    Parameters
    ----------
    value : str or None
        A status as written in a file: a Finnish or English label or a code,
        in any case and spacing.

    Returns
    -------
    str or None
        A code of :data:`STATUS_CODES`, or ``None`` when ``value`` is not a status.

    Examples
    --------
    >>> parse_status("Etenee suunnitellusti"), parse_status(" ei TOTEUDU "), parse_status("")
    ('on_track', 'not_realised', 'missing')
    >>> parse_status("Valmis") is None
    True
    """
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "missing"
    key = " ".join(str(value).split()).casefold()
    return _STATUS_INPUT.get(key)


def status_label(code: object, lang: str = "fi", *, symbol: bool = True) -> str:
    """Return the label of a status code, with its symbol in front by default.

    Parameters
    ----------
    code : str or None
        A status code of :data:`STATUS_CODES`; ``None``/``NA`` means missing.
    lang : {"fi", "en"}, default "fi"
    symbol : bool, default True
        Put the status symbol (●, ◐, ✕, ○, –) in front of the label.

    Returns
    -------
    str

    Examples
    --------
    >>> status_label("on_track")
    '● Etenee suunnitellusti'
    >>> status_label(None, "en", symbol=False)
    'No update'
    """
    check_lang(lang)
    if code is None or (not isinstance(code, str) and pd.isna(code)):
        code = "missing"
    check_option("status", code, STATUS_CODES)
    text = t(f"followup.status.{code}", lang)
    return f"{STATUS_SYMBOLS[code]} {text}" if symbol else text


def movement_label(code: str, lang: str = "fi", *, symbol: bool = True) -> str:
    """Return the label of a movement between two rounds, with its symbol in front by default.

    Parameters
    ----------
    code : str
        A movement of :data:`MOVEMENTS` (the ``movement`` column of
        :func:`~kalliola_analysis.followup_changes`).
    lang : {"fi", "en"}, default "fi"
    symbol : bool, default True
        Put the movement symbol (▲, ▼, =, ?, +, −) in front of the label.

    Returns
    -------
    str

    Examples
    --------
    >>> movement_label("improved"), movement_label("dropped", "en", symbol=False)
    ('▲ Edistynyt', 'Dropped')
    """
    check_lang(lang)
    check_option("movement", code, MOVEMENTS)
    text = t(f"followup.movement.{code}", lang)
    return f"{MOVEMENT_SYMBOLS[code]} {text}" if symbol else text


def indicator_status_label(code: str, lang: str = "fi", *, symbol: bool = True) -> str:
    """Return the label of an indicator status, with its symbol in front by default.

    Parameters
    ----------
    code : str
        A status of :data:`INDICATOR_STATUS_CODES` (the ``status`` column of
        :func:`~kalliola_analysis.indicator_status`).
    lang : {"fi", "en"}, default "fi"
    symbol : bool, default True
        Put the status symbol (●, ◆, –, ○) in front of the label.

    Returns
    -------
    str

    Examples
    --------
    >>> indicator_status_label("behind"), indicator_status_label("no_data", "en", symbol=False)
    ('◆ Jäljessä', 'No data')
    """
    check_lang(lang)
    check_option("status", code, INDICATOR_STATUS_CODES)
    text = t(f"indicators.status.{code}", lang)
    return f"{INDICATOR_STATUS_SYMBOLS[code]} {text}" if symbol else text

"""Numbers, percentages and periods written the way the printed reports write them.

Finnish first: a decimal comma, a space between thousands and a space before
the percent sign (``4,6``, ``4 686``, ``81 %``); English with a decimal point,
a thousands comma and no space (``4.6``, ``4,686``, ``81%``).

Rounding is *half away from zero* on the decimal value as written (4.45 ->
4,5; 4.25 -> 4,3; -3.45 -> -3,5), the way a reader rounds a printed number and
the way spreadsheet programs round, not Python's round-half-even on the binary
value (``round(4.45, 1)`` gives 4.5 but ``round(4.25, 1)`` gives 4.2).

The separators are plain ASCII spaces, as the reports print them; a caller
that needs non-breaking spaces in HTML can replace them.

Examples
--------
>>> format_number(4.6), format_number(22), format_number(-3.45), format_number(4686, 0)
('4,6', '22,0', '-3,5', '4 686')
>>> format_number(4686, 0, lang="en"), format_percent(0.807), format_percent(0.807, lang="en")
('4,686', '81 %', '81%')
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from numbers import Real
from typing import Any

import numpy as np
import pandas as pd

from .errors import ParameterError
from .i18n.strings import check_lang
from .periods import parse_period

__all__ = [
    "MISSING",
    "format_number",
    "format_percent",
    "format_change",
    "format_period",
    "format_p",
]

#: What a missing number is written as: an en dash.
MISSING = "–"

_MONTHS = {
    "fi": (
        "tammikuu",
        "helmikuu",
        "maaliskuu",
        "huhtikuu",
        "toukokuu",
        "kesäkuu",
        "heinäkuu",
        "elokuu",
        "syyskuu",
        "lokakuu",
        "marraskuu",
        "joulukuu",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


def _is_missing(x: Any) -> bool:
    if x is None or x is pd.NA or x is pd.NaT:
        return True
    try:
        return bool(pd.isna(x))
    except (TypeError, ValueError):
        return False


def as_decimal(x: Any, name: str) -> Decimal:
    """Return the number ``x`` as the :class:`~decimal.Decimal` it is written as.

    A float becomes the shortest decimal that reads back as the same float
    (4.45 stays 4.45, not 4.4500000000000001776...); ``name`` names ``x`` in
    the error for a non-number or an infinite value.

    Examples
    --------
    >>> as_decimal(4.45, "x"), as_decimal(3, "x")
    (Decimal('4.45'), Decimal('3'))
    """
    if isinstance(x, bool) or not isinstance(x, Real | np.number | Decimal):
        raise ParameterError(f"{name} must be a number, got {x!r}")
    if isinstance(x, Decimal):
        d = x
    elif isinstance(x, int | np.integer):
        d = Decimal(int(x))
    else:
        f = float(x)
        if math.isinf(f):
            raise ParameterError(f"{name} must be finite, got {x!r}")
        # repr gives the shortest decimal that reads back as the same float: 4.45 stays 4.45
        d = Decimal(repr(f))
    return d


def _check_decimals(decimals: Any) -> int:
    if isinstance(decimals, bool) or not isinstance(decimals, int) or decimals < 0:
        raise ParameterError(f"decimals must be a whole number >= 0, got {decimals!r}")
    return decimals


def round_half_up(d: Decimal, decimals: int) -> Decimal:
    """Round ``d`` to ``decimals`` places, half away from zero, never to ``-0``.

    Examples
    --------
    >>> round_half_up(Decimal("4.25"), 1), round_half_up(Decimal("-0.04"), 1)
    (Decimal('4.3'), Decimal('0.0'))
    """
    try:
        q = d.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    except InvalidOperation as err:  # pragma: no cover - astronomically large numbers
        raise ParameterError(f"cannot round {d} to {decimals} decimals") from err
    return q if q != 0 else abs(q)  # never "-0,0"


def _write(q: Decimal, decimals: int, lang: str, sign: bool) -> str:
    body = f"{abs(q):,.{decimals}f}"  # "4,686.5"
    if lang == "fi":
        body = body.replace(",", " ").replace(".", ",")
    if q < 0:
        return "-" + body
    if sign and q > 0:
        return "+" + body
    return body


def format_number(
    x: Any,
    decimals: int = 1,
    *,
    lang: str = "fi",
    missing: str = MISSING,
    sign: bool = False,
) -> str:
    """Write a number the way the report prints it.

    Parameters
    ----------
    x : float, int or None
        The number. ``None``, ``NaN`` and ``pandas.NA`` are missing.
    decimals : int, default 1
        Digits after the decimal separator, always written (``22,0``).
    lang : {"fi", "en"}, default "fi"
        ``fi``: decimal comma, space between thousands; ``en``: decimal point,
        comma between thousands.
    missing : str, default "–"
        What a missing value is written as (an en dash).
    sign : bool, default False
        Write ``+`` before a positive number (for changes). Zero gets no sign.

    Returns
    -------
    str
        The number as the report prints it, or ``missing``.

    Notes
    -----
    Rounds half away from zero on the shortest decimal representation of the
    value (``repr``), so 4.45 is written ``4,5`` and -3.45 ``-3,5``. A value
    that rounds to zero is written without a minus sign.

    Examples
    --------
    >>> format_number(4.45), format_number(4.25), format_number(-0.04)
    ('4,5', '4,3', '0,0')
    >>> format_number(0.14, sign=True), format_number(float("nan")), format_number(None, missing="")
    ('+0,1', '–', '')
    >>> format_number(1234567.891, 2, lang="en")
    '1,234,567.89'
    """
    check_lang(lang)
    decimals = _check_decimals(decimals)
    if _is_missing(x):
        return missing
    q = round_half_up(as_decimal(x, "x"), decimals)
    return _write(q, decimals, lang, sign)


def format_percent(
    share: Any,
    decimals: int = 0,
    *,
    lang: str = "fi",
    missing: str = MISSING,
    sign: bool = False,
) -> str:
    """Write a share (0-1) as a percentage: ``81 %`` in Finnish, ``81%`` in English.

    Parameters
    ----------
    share : float or None
        A proportion; 0.807 is 80.7 %.
    decimals : int, default 0
        Digits after the decimal separator.
    lang : {"fi", "en"}, default "fi"
        ``fi``: ``81 %``; ``en``: ``81%``.
    missing : str, default "–"
        What a missing value is written as.
    sign : bool, default False
        Write ``+`` before a positive value.

    Returns
    -------
    str
        The percentage, or ``missing``.

    Examples
    --------
    >>> format_percent(0.807), format_percent(0.73, lang="en"), format_percent(0.8075, 1)
    ('81 %', '73%', '80,8 %')
    """
    check_lang(lang)
    decimals = _check_decimals(decimals)
    if _is_missing(share):
        return missing
    q = round_half_up(as_decimal(share, "share") * 100, decimals)
    body = _write(q, decimals, lang, sign)
    return f"{body} %" if lang == "fi" else f"{body}%"


def format_change(
    x: Any,
    decimals: int = 1,
    *,
    lang: str = "fi",
    significant: bool = False,
    missing: str = MISSING,
) -> str:
    """Write a change with its sign, and ``*`` when it is statistically significant.

    Parameters
    ----------
    x : float or None
        The change (e.g. ``diff`` of :func:`~kalliola_analysis.compare_periods`).
    decimals : int, default 1
        Digits after the decimal separator.
    lang : {"fi", "en"}, default "fi"
        Report language.
    significant : bool, default False
        Append ``*`` (explained in the table's footnote).
    missing : str, default "–"
        What a missing value is written as (never marked).

    Returns
    -------
    str
        ``+0,1``, ``-0,2``, ``0,0``, ``+0,4*`` or ``missing``.

    Examples
    --------
    >>> format_change(0.14, significant=True), format_change(-0.2, lang="en"), format_change(0)
    ('+0,1*', '-0.2', '0,0')
    """
    s = format_number(x, decimals, lang=lang, missing=missing, sign=True)
    return s + "*" if significant and not _is_missing(x) else s


def format_period(period: Any, *, lang: str = "fi", style: str = "report") -> str:
    """Write a survey period (a month) the way the report's column headers do.

    Parameters
    ----------
    period : str, pandas.Period or date
        Anything :func:`~kalliola_analysis.survey.data.parse_period` reads
        (``"2023-11"``, ``"11/2023"``).
    lang : {"fi", "en"}, default "fi"
    style : {"report", "long", "iso"}, default "report"
        ``report``: ``11/2023`` and ``5/2023`` in both languages, as the annual
        report's table headers; ``long``: ``marraskuu 2023`` / ``November
        2023``; ``iso``: ``2023-11``.

    Returns
    -------
    str
        The period as written in the report.

    Examples
    --------
    >>> format_period("2023-05"), format_period("2023-11", lang="en", style="long")
    ('5/2023', 'November 2023')
    """
    check_lang(lang)
    if style not in ("report", "long", "iso"):
        raise ParameterError(f"style must be one of ['report', 'long', 'iso'], got {style!r}")
    iso = parse_period(period)
    if iso is None:
        raise ParameterError(f"period must be a month such as '2023-11', got {period!r}")
    year, month = int(iso[:4]), int(iso[5:])
    if style == "iso":
        return iso
    if style == "long":
        return f"{_MONTHS[lang][month - 1]} {year}"
    return f"{month}/{year}"


def format_p(p: Any, *, lang: str = "fi", missing: str = MISSING) -> str:
    """Write a p-value: three decimals, or ``< 0,001``.

    Parameters
    ----------
    p : float or None
        The p-value.
    lang : {"fi", "en"}, default "fi"
        Report language.
    missing : str, default "–"
        What a missing value is written as.

    Returns
    -------
    str
        ``0,031``, ``< 0,001`` (a non-breaking space after ``<``, so the
        value never wraps in a table cell) or ``missing``.

    Examples
    --------
    >>> format_p(0.0312), format_p(0.00001, lang="en"), format_p(None)
    ('0,031', '<\xa00.001', '–')
    """
    check_lang(lang)
    if _is_missing(p):
        return missing
    if float(p) < 0.001:
        return "<\u00a0" + format_number(0.001, 3, lang=lang)
    return format_number(p, 3, lang=lang)


#: A non-breaking space: what :func:`nowrap` joins a value's parts with.
NBSP = "\u00a0"


def nowrap(text: str) -> str:
    """Join a formatted value's parts with non-breaking spaces (``81 %``, ``p < 0,05``).

    Examples
    --------
    >>> nowrap("81 %")
    '81\xa0%'
    """
    return text.replace(" ", NBSP)


def nowrap_p(text: str) -> str:
    """Keep ``p < 0,05`` (and ``p < 0.05``) on one line.

    Examples
    --------
    >>> nowrap_p("Merkitsevä: p < 0,05.")
    'Merkitsevä: p\xa0<\xa00,05.'
    """
    return re.sub(r"\bp < (\d)", lambda m: f"p{NBSP}<{NBSP}{m.group(1)}", text)

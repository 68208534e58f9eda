"""Periods: survey months (``YYYY-MM``) and report years (``YYYY``), read and ordered.

One home for what every domain asks of a period: read one from what a
spreadsheet holds (:func:`parse_period`), order periods of both granularities
(:func:`period_key`), pick one of the available periods (:func:`check_period`),
find the one before (:func:`previous_period`) and keep what is not after a
date (:func:`not_after`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from .errors import ParameterError

__all__ = ["parse_period", "period_key", "check_period", "previous_period", "not_after"]

#: A report period: a year (``2023``) or a month (``2023-11``).
_REPORT_PERIOD = re.compile(r"^(\d{4})(?:-(\d{2}))?$")

_PERIOD_PATTERNS = (
    (re.compile(r"^(\d{4})-(\d{1,2})$"), ("y", "m")),
    (re.compile(r"^(\d{4})-(\d{1,2})-\d{1,2}(?:[ T].*)?$"), ("y", "m")),
    (re.compile(r"^(\d{1,2})/(\d{4})$"), ("m", "y")),
    (re.compile(r"^(\d{4})/(\d{1,2})$"), ("y", "m")),
    (re.compile(r"^(\d{1,2})\.(\d{4})$"), ("m", "y")),
    (re.compile(r"^\d{1,2}\.(\d{1,2})\.(\d{4})(?:\s.*)?$"), ("m", "y")),  # Finnish 1.11.2023
)


def parse_period(value) -> str | None:
    """Return a period as ``YYYY-MM``, or ``None`` if it cannot be read as a month.

    Accepts ``2023-11``, ``2023-11-15``, ``11/2023``, ``11.2023``, ``1.11.2023``
    (a date as Finnish Excel writes it), dates and ``pandas.Period`` values.

    Parameters
    ----------
    value : object
        A month as text, a date or a ``pandas.Period``.

    Returns
    -------
    str or None
        ``YYYY-MM``, or ``None`` for anything that is not a month.

    Examples
    --------
    >>> parse_period("11/2023"), parse_period("2023-5"), parse_period("autumn")
    ('2023-11', '2023-05', None)
    >>> parse_period("15.11.2023")
    '2023-11'
    """
    if isinstance(value, pd.Period):
        return f"{value.year:04d}-{value.month:02d}"
    if isinstance(value, pd.Timestamp | np.datetime64) or hasattr(value, "month"):
        ts = pd.Timestamp(value)
        return f"{ts.year:04d}-{ts.month:02d}"
    s = str(value).strip()
    for pattern, order in _PERIOD_PATTERNS:
        m = pattern.match(s)
        if m:
            parts = dict(zip(order, (int(g) for g in m.groups()), strict=True))
            if 1 <= parts["m"] <= 12 and 1900 <= parts["y"] <= 2999:
                return f"{parts['y']:04d}-{parts['m']:02d}"
            return None
    return None



def period_key(period: object, name: str = "period") -> tuple[int, int]:
    """Return the sort key of a ``"YYYY"`` or ``"YYYY-MM"`` period.

    A year sorts before its months: it counts from its start.

    Parameters
    ----------
    period : str
        A year or a month.
    name : str, default "period"
        The parameter's name in the error message.

    Returns
    -------
    tuple of int
        ``(year, month)``, with month 0 for a year.

    Raises
    ------
    ParameterError
        If ``period`` is not a year or a month.

    Examples
    --------
    >>> period_key("2023"), period_key("2023-11")
    ((2023, 0), (2023, 11))
    >>> sorted(["2024", "2023-11", "2023"], key=period_key)
    ['2023', '2023-11', '2024']
    """
    m = _REPORT_PERIOD.match(period) if isinstance(period, str) else None
    if m is None or (m.group(2) and not 1 <= int(m.group(2)) <= 12):
        raise ParameterError(f'{name} must be a period "YYYY" or "YYYY-MM", got {period!r}')
    return int(m.group(1)), int(m.group(2) or 0)


def check_period(value: object, available: Sequence[str], name: str = "period") -> str:
    """Return ``value`` as one of the ``available`` periods, else raise ParameterError.

    A month may be written any way :func:`parse_period` reads; a year must be
    written as it is listed.

    Parameters
    ----------
    value : object
        The period asked for.
    available : sequence of str
        The periods the data has.
    name : str, default "period"
        The parameter's name in the error message.

    Returns
    -------
    str
        The period as ``available`` writes it.

    Examples
    --------
    >>> check_period("11/2023", ["2023-05", "2023-11"])
    '2023-11'
    >>> check_period("2024", ["2023-11"])
    Traceback (most recent call last):
    ...
    kalliola_analysis.errors.ParameterError: period must be one of ['2023-11'], got '2024'
    """
    options = [str(p) for p in available]
    if isinstance(value, str) and value in options:
        return value
    iso = parse_period(value) if value is not None else None
    if iso is None or iso not in options:
        raise ParameterError(f"{name} must be one of {options!r}, got {value!r}")
    return iso


def previous_period(periods: Iterable[str], period: str) -> str | None:
    """Return the latest of ``periods`` before ``period``, or ``None`` if there is none.

    Parameters
    ----------
    periods : iterable of str
        Years or months, in any order.
    period : str
        The period to look back from (it need not be one of ``periods``).

    Returns
    -------
    str or None

    Examples
    --------
    >>> previous_period(["2022-10", "2023-11", "2023-05"], "2023-11")
    '2023-05'
    >>> previous_period(["2023-05"], "2023-05") is None
    True
    """
    limit = period_key(period)
    before = [p for p in periods if period_key(p) < limit]
    return max(before, key=period_key) if before else None


def not_after(periods: pd.Series, as_of: str) -> pd.Series:
    """Return the mask of ``periods`` that are not after ``as_of``.

    A year counts from its start: ``"2023"`` is not after ``"2023-01"``, and
    ``as_of="2023"`` admits the yearly ``"2023"`` but no month of 2023. A
    missing period is never admitted.

    Parameters
    ----------
    periods : pandas.Series
        Years, months or missing values.
    as_of : str
        The last period to admit.

    Returns
    -------
    pandas.Series of bool
        Aligned with ``periods``.

    Examples
    --------
    >>> import pandas as pd
    >>> not_after(pd.Series(["2022", "2023", "2023-05", None]), "2023").tolist()
    [True, True, False, False]
    """
    limit = period_key(as_of, "as_of")
    keep = [
        isinstance(p, str) and _REPORT_PERIOD.match(p) is not None and period_key(p) <= limit
        for p in periods.astype(object)
    ]
    return pd.Series(np.asarray(keep, dtype=bool), index=periods.index)

"""Argument checks shared by every public function (seaborn's ``_check_argument``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .errors import ParameterError

__all__ = ["check_option", "check_min_n", "as_column_list"]


def check_option(name: str, value: Any, allowed: Iterable[Any]) -> Any:
    """Return ``value`` if it is one of ``allowed``, else raise :class:`ParameterError`.

    Examples
    --------
    >>> check_option("lang", "fi", ["fi", "en"])
    'fi'
    >>> check_option("lang", "sv", ["fi", "en"])
    Traceback (most recent call last):
    ...
    kalliola_analysis.errors.ParameterError: lang must be one of ['fi', 'en'], got 'sv'
    """
    allowed = list(allowed)
    if value not in allowed:
        raise ParameterError(f"{name} must be one of {allowed!r}, got {value!r}")
    return value


def check_min_n(min_n: Any) -> int:
    """Validate the anonymity threshold: a whole number of at least 1.

    Examples
    --------
    >>> check_min_n(5)
    5
    >>> check_min_n(0)
    Traceback (most recent call last):
    ...
    kalliola_analysis.errors.ParameterError: min_n must be a whole number >= 1, got 0
    """
    if (
        isinstance(min_n, bool)
        or not isinstance(min_n, int | float)
        or min_n != int(min_n)
        or min_n < 1
    ):
        raise ParameterError(f"min_n must be a whole number >= 1, got {min_n!r}")
    return int(min_n)


def as_column_list(
    by: str | Iterable[str] | None, available: Iterable[str], name: str = "by"
) -> list[str]:
    """Normalise a ``by`` argument to a list of existing column names.

    Examples
    --------
    >>> as_column_list("period", ["period", "unit"])
    ['period']
    >>> as_column_list(None, ["period"])
    []
    >>> as_column_list(["unit", "x"], ["period", "unit"])
    Traceback (most recent call last):
    ...
    kalliola_analysis.errors.ParameterError: by names column 'x', which the responses do not have; available: ['period', 'unit']
    """
    if by is None:
        return []
    cols = [by] if isinstance(by, str) else list(by)
    available = list(available)
    for c in cols:
        if c not in available:
            raise ParameterError(
                f"{name} names column {c!r}, which the responses do not have; available: {available!r}"
            )
    if len(set(cols)) != len(cols):
        raise ParameterError(f"{name} names a column twice: {cols!r}")
    return cols

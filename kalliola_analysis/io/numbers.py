"""The package's one parser for numbers written as text (Finnish or plain).

Every reader that turns decimal text into numbers (survey CSV answers and
background columns, materiality points and impact, indicator values and
targets) goes through :func:`parse_number`, so ``"1 493"``, ``"1 234,5"``
(with a space, a no-break or a narrow no-break space), ``"1.234,5"``,
``"4,5"`` and ``"4.5"`` read the same everywhere. The parsing itself is
Babel's :func:`babel.numbers.parse_decimal` with the ``fi_FI`` locale (strict
grouping), and the ``de_DE`` locale as the fallback for a point as the
thousands separator (``"1.234,5"``).
"""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd

from ..errors import InvalidValueError

__all__ = ["parse_number", "parse_numbers", "numeric_column"]

#: Spaces people and programs put between groups of thousands.
_SPACES = re.compile(r"[ \u00a0\u202f\u2009\u2007]")
#: A point used for grouping: "1.234,5" or "12.345.678".
_POINT_GROUPED = re.compile(r"^[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?$")
_MINUS = "\u2212"  # the typographic minus Excel and Word write


def _parse(text: str) -> float | None:
    """The number in ``text``; ``None`` for empty text; ``ValueError`` if it is not one."""
    from babel.numbers import NumberFormatError, parse_decimal

    s = text.strip().replace(_MINUS, "-")
    if not s:
        return None
    if _POINT_GROUPED.match(s):
        locale, s = "de_DE", s
    else:
        locale, s = "fi_FI", _SPACES.sub("\u00a0", s)
    try:
        value = float(parse_decimal(s, locale=locale, strict=True))
    except (NumberFormatError, ValueError, ArithmeticError):
        if not (s.count(".") == 1 and "," not in s and "\u00a0" in s):
            raise ValueError(text) from None
        try:  # "1 234.5": grouped by spaces (SI style) with a decimal point
            value = float(parse_decimal(s.replace(".", ","), locale=locale, strict=True))
        except (NumberFormatError, ValueError, ArithmeticError):
            raise ValueError(text) from None
    if not math.isfinite(value):
        raise ValueError(text)
    return value


def parse_number(
    text: object,
    *,
    file: str | None = None,
    column: str | None = None,
    row: int | None = None,
) -> float | None:
    """Parse one number written as text, the Finnish way or the plain way.

    Parameters
    ----------
    text : object
        The cell: text such as ``"1 234,5"``, or a number (returned as a
        float), or a missing value.
    file, column, row : optional
        Where the cell is, for the error message.

    Returns
    -------
    float or None
        The number; ``None`` for an empty or missing cell.

    Raises
    ------
    kalliola_analysis.errors.InvalidValueError
        The text is not a number (or not a finite one), naming ``file``,
        ``column`` and ``row``.

    Examples
    --------
    >>> [parse_number(s) for s in ["1 493", "1\\u00a0234,5", "1.234,5", "4,5", "4.5", ""]]
    [1493.0, 1234.5, 1234.5, 4.5, 4.5, None]
    >>> parse_number("1 234.5")
    1234.5
    >>> parse_number("4,5,6", file="values.csv", column="value", row=3)
    Traceback (most recent call last):
    ...
    kalliola_analysis.errors.InvalidValueError: values.csv, column 'value', row 3: '4,5,6' is not a number
    """
    if text is None or text is pd.NA:
        return None
    if isinstance(text, bool):
        text = str(text)
    if isinstance(text, int | float | np.integer | np.floating):
        value = float(text)
        if math.isnan(value):
            return None
        if math.isinf(value):
            raise InvalidValueError(
                f"{text!r} is not a finite number", file=file, column=column, row=row
            )
        return value
    try:
        return _parse(str(text))
    except ValueError:
        raise InvalidValueError(
            f"{str(text)!r} is not a number", file=file, column=column, row=row
        ) from None


def parse_numbers(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse a column of numbers written as text; return ``(numbers, bad)``.

    Each distinct value is parsed once with :func:`parse_number`.

    Parameters
    ----------
    values : pandas.Series
        Text, numbers or missing values.

    Returns
    -------
    tuple of pandas.Series
        ``numbers`` (``float64``; NaN for empty and unreadable cells) and
        ``bad`` (bool: the cell holds something that is not a number), both
        with the index of ``values``.

    Examples
    --------
    >>> import pandas as pd
    >>> numbers, bad = parse_numbers(pd.Series(["1 234,5", "", "x", None, "7"]))
    >>> numbers.tolist()[:2], bad.tolist()
    ([1234.5, nan], [False, False, True, False, False])
    """
    if pd.api.types.is_numeric_dtype(values.dtype) and not pd.api.types.is_bool_dtype(values.dtype):
        numbers = values.astype("float64")
        bad = pd.Series(np.isinf(numbers.to_numpy()), index=values.index)
        return numbers.where(~bad), bad
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    parsed = np.full(len(uniques) + 1, np.nan)
    wrong = np.zeros(len(uniques) + 1, dtype=bool)
    for k, u in enumerate(uniques):
        try:
            v = parse_number(u)
        except InvalidValueError:
            wrong[k] = True
            continue
        if v is not None:
            parsed[k] = v
    numbers = pd.Series(parsed[codes], index=values.index, dtype="float64")
    return numbers, pd.Series(wrong[codes], index=values.index)


#: A whole number written as text (no leading zeros).
_INT = re.compile(r"^[+-]?(?:0|[1-9]\d*)$")


def numeric_column(col: pd.Series, decimal: str | None) -> pd.Series | None:
    """The column as numbers (Int64 or float64) if every value is one, else None."""
    values = col.dropna()
    if values.empty:
        return None
    kind = pd.api.types.infer_dtype(values, skipna=True)
    if col.dtype == object and kind in ("integer", "floating", "mixed-integer-float"):
        num = pd.to_numeric(col, errors="coerce")  # cells of a workbook
        if (num.dropna() == num.dropna().round()).all():
            return num.astype("Int64")
        return num.astype("float64")
    if kind != "string":
        return None
    # Decide on the distinct values only (few in survey data), stopping at the first text.
    codes, uniques = pd.factorize(col)
    texts = [str(u).strip() for u in uniques]
    if all(_INT.match(t) for t in texts):
        numbers = [int(t) for t in texts]
        dtype = "Int64"
    else:
        # Leading zeros ("007") keep a column text; "1 234,5" (thousands grouped with
        # a space, a no-break or a narrow no-break space) is a number.
        for d in decimal or ".,":
            pattern = re.compile(
                r"^[+-]?(?:0|[1-9]\d{0,2}(?:[ \u00a0\u202f]\d{3})+|[1-9]\d*)(?:"
                + re.escape(d)
                + r"\d+)?$"
            )
            if all(pattern.match(t) for t in texts):
                try:
                    numbers = [parse_number(t) for t in texts]
                except InvalidValueError:
                    return None
                dtype = "float64"
                break
        else:
            return None
    table = pd.array(numbers + [None], dtype=dtype)  # the last entry: missing (code -1)
    return pd.Series(table[codes], index=col.index, name=col.name)

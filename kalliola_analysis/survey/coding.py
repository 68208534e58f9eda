"""Answer coding: answers given as codes, numeric text or labels become small integers.

:func:`code_answers` types one question's column of the responses (see
:func:`~.validation.validate_responses`), collecting a problem for every answer
it cannot read or that lies outside the question's scale.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..errors import DataError, InvalidValueError, OutOfRangeError
from ..io.numbers import parse_number
from .codebook import DONT_KNOW_LABELS, split_labels

__all__ = ["MAX_PROBLEMS_PER_COLUMN", "code_answers"]

#: At most this many problems are listed per column, so one broken column
#: cannot bury the rest of the report.
MAX_PROBLEMS_PER_COLUMN = 20


def _is_missing(v) -> bool:
    if v is None or v is pd.NA:
        return True
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def code_answers(col: pd.Series, row, file: str, problems: list[DataError]) -> pd.Series:
    """Turn answers (codes, numeric text or labels) into nullable small integers."""
    q = str(row.question)
    lo, hi = int(row.scale_min), int(row.scale_max)
    start = len(problems)

    if pd.api.types.is_bool_dtype(col.dtype):
        col = col.astype("Int8")
    if pd.api.types.is_integer_dtype(col.dtype):
        # Already coded (Parquet, SPSS): check the range without a float round trip.
        lo_seen, hi_seen = col.min(), col.max()
        if pd.isna(lo_seen) or (lo <= lo_seen and hi_seen <= hi):
            return col.astype("Int8").rename(q)
    if pd.api.types.is_numeric_dtype(col.dtype):
        values = col.to_numpy(dtype="float64", na_value=np.nan)
        _check_numeric(values, col, lo, hi, q, file, problems)
        coded = _as_int16(values)
    else:
        lookup = _label_lookup(row)
        codes, uniques = pd.factorize(col, use_na_sentinel=True)
        mapped = np.full(len(uniques), np.nan)
        bad = np.zeros(len(uniques), dtype=bool)
        for k, u in enumerate(uniques):
            v = _code_one(u, lookup)
            if v is _BAD:
                bad[k] = True
            elif v is not None:
                mapped[k] = v
        values = np.where(
            codes >= 0, mapped[np.clip(codes, 0, None)] if len(mapped) else np.nan, np.nan
        )
        bad_rows = np.flatnonzero(
            (codes >= 0) & (bad[np.clip(codes, 0, None)] if len(bad) else False)
        )
        for i in bad_rows[:MAX_PROBLEMS_PER_COLUMN]:
            problems.append(
                InvalidValueError(
                    f"{col.iat[int(i)]!r} is not an answer to this {row.type} question: expected a "
                    f"whole number {lo}-{hi}" + _label_hint(row),
                    file=file,
                    column=q,
                    row=int(i) + 2,
                )
            )
        _check_numeric(values, col, lo, hi, q, file, problems)
        coded = _as_int16(values)
    if len(problems) > start:
        return pd.Series(pd.array([pd.NA] * len(col), dtype="Int8"), index=col.index, name=q)
    return pd.Series(coded.astype("Int8"), index=col.index, name=q)


def _as_int16(values: np.ndarray) -> pd.arrays.IntegerArray:
    """Whole answers as ``Int16``; NaN and infinite values missing, without a numpy warning.

    Out-of-range values are clipped here only to keep the cast defined; they
    are reported by :func:`_check_numeric` and the column is then dropped.
    """
    finite = np.isfinite(values)
    safe = np.clip(np.where(finite, values, 0), -32768, 32767)
    coded = pd.array(safe.astype(np.int16), dtype="Int16")
    coded[~finite] = pd.NA
    return coded


def _check_numeric(values, col, lo, hi, q, file, problems) -> None:
    infinite = np.isinf(values)
    for i in np.flatnonzero(infinite)[:MAX_PROBLEMS_PER_COLUMN]:
        problems.append(
            InvalidValueError(
                f"answer {values[int(i)]:g} is not a finite number",
                file=file,
                column=q,
                row=int(i) + 2,
            )
        )
    finite = np.isfinite(values)
    frac = finite & (values != np.round(values))
    for i in np.flatnonzero(frac)[:MAX_PROBLEMS_PER_COLUMN]:
        problems.append(
            InvalidValueError(
                f"answer {col.iat[int(i)]!r} is not a whole number",
                file=file,
                column=q,
                row=int(i) + 2,
            )
        )
    out = finite & ~frac & ((values < lo) | (values > hi))
    for i in np.flatnonzero(out)[:MAX_PROBLEMS_PER_COLUMN]:
        v = values[int(i)]
        problems.append(
            OutOfRangeError(
                f"answer {v:g} is outside the scale {lo}-{hi}", file=file, column=q, row=int(i) + 2
            )
        )


_BAD = object()
_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]0+)?$")


def _label_lookup(row) -> dict[str, int]:
    lookup: dict[str, int] = {}
    lo = int(row.scale_min)
    for lang in ("labels_fi", "labels_en"):
        labels = split_labels(getattr(row, lang))
        for k, lab in enumerate(labels):
            lookup.setdefault(lab.casefold(), lo + k)
    return lookup


def _label_hint(row) -> str:
    """``" or an answer label ('Täysin eri mieltä' ... 'Täysin samaa mieltä')"``, if any."""
    labels = split_labels(row.labels_fi) or split_labels(row.labels_en)
    if not labels:
        return ""
    shown = (
        f"{labels[0]!r} ... {labels[-1]!r}" if len(labels) > 2 else " or ".join(map(repr, labels))
    )
    return f" or an answer label ({shown})"


def _code_one(value, lookup: dict[str, int]):
    if _is_missing(value):
        return None
    if isinstance(value, int | float | np.integer | np.floating):
        return float(value)
    s = " ".join(str(value).split())
    if s == "":
        return None
    key = s.casefold()
    if key in lookup:
        return float(lookup[key])
    if key in DONT_KNOW_LABELS:
        return None
    # "4 - Samaa mieltä" / "4 Agree": a leading code followed by its label
    m = re.match(r"^(\d+)\s*[-–:.)]?\s+(.+)$", s)
    if m and m.group(2).casefold() in lookup and lookup[m.group(2).casefold()] == int(m.group(1)):
        return float(m.group(1))
    if _NUMBER.match(s):
        return float(s.replace(",", "."))
    try:
        f = parse_number(s)
    except InvalidValueError:
        return _BAD
    return f  # a fraction or out-of-range number: reported by _check_numeric

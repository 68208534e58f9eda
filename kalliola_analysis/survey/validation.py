"""Validation of the survey contract: responses and invitations, checked and typed.

:class:`~kalliola_analysis.Survey` runs these on the tables it is given;
``prepare`` runs them on an export before it writes a processed data set.
Each collects every problem it finds (at most a few per column) and raises
them together as one :class:`~kalliola_analysis.errors.ValidationError`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import (
    DataError,
    DuplicateError,
    EmptyFileError,
    InvalidValueError,
    InvitationError,
    MissingColumnError,
    raise_problems,
)
from ..io.numbers import parse_numbers
from ..periods import parse_period
from .coding import MAX_PROBLEMS_PER_COLUMN, code_answers

__all__ = [
    "RESPONSE_KEYS",
    "validate_responses",
    "validate_invitations",
    "validate_periods",
    "validate_units",
]

#: Columns every responses table has, in this order, before background and questions.
RESPONSE_KEYS = ("response_id", "period", "unit")

_STRING = pd.StringDtype("pyarrow")


# ---------------------------------------------------------------------------
# responses


def validate_responses(frame: pd.DataFrame, codebook: pd.DataFrame, file: str) -> pd.DataFrame:
    """The responses checked against the codebook and typed (the :class:`Survey` contract).

    Keys first (``response_id``, ``period``, ``unit``), then background
    columns and the codebook's questions coded as small integers; raises
    every problem found together (``file`` names the table in messages).
    """
    if not isinstance(frame, pd.DataFrame):
        raise DataError(
            f"responses must be a pandas DataFrame, got {type(frame).__name__}", file=file
        )
    if len(frame.columns) == 0:
        raise EmptyFileError("there is no data: no columns", file=file)
    frame = frame.rename(columns=lambda c: str(c).strip())
    questions = [str(q) for q in codebook["question"]]
    missing = [c for c in RESPONSE_KEYS if c not in frame.columns]
    missing += [q for q in questions if q not in frame.columns]
    if missing:
        raise MissingColumnError(
            f"required column(s) {missing} missing; the data has {list(frame.columns)}",
            file=file,
            column=missing[0],
        )
    if frame.columns.duplicated().any():
        dup = frame.columns[frame.columns.duplicated()][0]
        raise DuplicateError("the column appears twice", file=file, column=dup)
    if len(frame) == 0:
        raise EmptyFileError("the data has a header but no responses", file=file)

    problems: list[DataError] = []
    out: dict[str, pd.Series] = {}
    index = pd.RangeIndex(len(frame))
    frame = frame.set_axis(index, axis=0)

    # response_id (Arrow-backed strings: hashing 1M ids takes milliseconds, not Python objects)
    rid = frame["response_id"]
    if not (isinstance(rid.dtype, pd.StringDtype) and rid.dtype.storage == "pyarrow"):
        # Text from files and hand-built frames: " r1" and "r1" are the same id.
        # (Arrow-string input, e.g. prepared Parquet, is taken as written.)
        rid = rid.astype(_STRING).str.strip()
    rid_missing = (rid.isna() | (rid == "")).to_numpy(dtype=bool, na_value=True)
    for i in np.flatnonzero(rid_missing)[:MAX_PROBLEMS_PER_COLUMN]:
        problems.append(
            InvalidValueError("empty response id", file=file, column="response_id", row=int(i) + 2)
        )
    if rid.nunique(dropna=True) < int((~rid_missing).sum()):  # one hash pass; details if needed
        dup = rid.duplicated(keep=False).to_numpy(dtype=bool, na_value=False) & ~rid_missing
        seen: dict[str, int] = {}
        for i in np.flatnonzero(dup):
            key = rid.iat[i]
            if key in seen:
                problems.append(
                    DuplicateError(
                        f"response id {key!r} appears again (first at row {seen[key] + 2})",
                        file=file,
                        column="response_id",
                        row=int(i) + 2,
                    )
                )
                if len(problems) > 3 * MAX_PROBLEMS_PER_COLUMN:
                    break
            else:
                seen[key] = i
    out["response_id"] = rid

    # period
    out["period"] = validate_periods(frame["period"], file, problems)
    # unit: checked on the categories, not on a million values
    out["unit"] = validate_units(frame["unit"], file, problems)

    qset = set(questions)
    for c in frame.columns:
        if c in RESPONSE_KEYS or c in qset:
            continue
        col = frame[c]
        if col.dtype == object or pd.api.types.is_string_dtype(col.dtype):
            col = col.astype("string").astype("category")
        out[c] = col

    for row in codebook.itertuples(index=False):
        q = str(row.question)
        if row.type == "text":
            out[q] = frame[q].astype("string")
        else:
            out[q] = code_answers(frame[q], row, file, problems)

    raise_problems(problems, file=file)
    ordered = list(RESPONSE_KEYS) + [c for c in out if c not in RESPONSE_KEYS and c not in qset]
    ordered += questions
    return pd.DataFrame({c: out[c] for c in ordered}, index=index)


def validate_units(col: pd.Series, file: str, problems: list[DataError]) -> pd.Series:
    """The unit column as a categorical of stripped names; an empty unit is a problem."""
    cat = (
        col
        if isinstance(col.dtype, pd.CategoricalDtype)
        else col.astype(_STRING).astype("category")
    )
    names = pd.Index(cat.cat.categories.astype(str)).str.strip()
    codes = cat.cat.codes.to_numpy()
    empty_code = np.flatnonzero(names == "")
    bad = (codes < 0) | np.isin(codes, empty_code)
    for i in np.flatnonzero(bad)[:MAX_PROBLEMS_PER_COLUMN]:
        problems.append(InvalidValueError("empty unit", file=file, column="unit", row=int(i) + 2))
    if names.has_duplicates or len(empty_code):  # " A" and "A" are one unit
        return pd.Series(names[codes].where(codes >= 0), index=col.index, name="unit").astype(
            "category"
        )
    return cat.cat.rename_categories(names).rename("unit")


def validate_periods(col: pd.Series, file: str, problems: list[DataError]) -> pd.Series:
    """The period column as a categorical of ``YYYY-MM``; an unreadable period is a problem."""
    codes, uniques = pd.factorize(col, use_na_sentinel=True)
    parsed = [parse_period(u) for u in uniques]
    bad_codes = {k for k, p in enumerate(parsed) if p is None}
    bad_rows = np.flatnonzero((codes < 0) | np.isin(codes, list(bad_codes)))
    for i in bad_rows[:MAX_PROBLEMS_PER_COLUMN]:
        v = col.iat[int(i)]
        problems.append(
            InvalidValueError(
                f"cannot read {v!r} as a period; write a month as YYYY-MM (e.g. 2023-11)",
                file=file,
                column="period",
                row=int(i) + 2,
            )
        )
    cats = sorted({p for p in parsed if p is not None})
    mapped = np.array([cats.index(p) if p is not None else -1 for p in parsed], dtype=np.int64)
    new_codes = np.where(codes >= 0, mapped[np.clip(codes, 0, None)] if len(mapped) else -1, -1)
    return pd.Series(
        pd.Categorical.from_codes(new_codes, categories=cats, ordered=True),
        index=col.index,
        name="period",
    )


# ---------------------------------------------------------------------------
# invitations


def validate_invitations(
    frame: pd.DataFrame, responses: pd.DataFrame | None, file: str
) -> pd.DataFrame:
    """The invitations (``period``, ``unit``, ``invited``) checked and typed.

    With ``responses``, a unit of a period that has more responses than
    invitations is a problem too; raises every problem found together.
    """
    if not isinstance(frame, pd.DataFrame):
        raise DataError(
            f"invitations must be a pandas DataFrame, got {type(frame).__name__}", file=file
        )
    frame = frame.rename(columns=lambda c: str(c).strip())
    missing = [c for c in ("period", "unit", "invited") if c not in frame.columns]
    if missing:
        raise MissingColumnError(
            f"required column(s) {missing} missing; the data has {list(frame.columns)}",
            file=file,
            column=missing[0],
        )
    if len(frame) == 0:
        raise EmptyFileError("the invitations have a header but no rows", file=file)
    frame = frame.reset_index(drop=True)
    problems: list[DataError] = []
    period = validate_periods(frame["period"], file, problems)
    unit = frame["unit"].astype("string").str.strip()
    inv = parse_numbers(frame["invited"])[0]
    for i, (raw, v) in enumerate(zip(frame["invited"], inv, strict=True)):
        if pd.isna(v) or v != int(v):
            problems.append(
                InvalidValueError(
                    f"invited must be a whole number, got {raw!r}",
                    file=file,
                    column="invited",
                    row=i + 2,
                )
            )
        elif v <= 0:
            problems.append(
                InvitationError(
                    f"invited is {int(v)}: a group with nobody invited cannot "
                    "have a response rate; leave the row out instead",
                    file=file,
                    column="invited",
                    row=i + 2,
                )
            )
    key = pd.DataFrame({"period": period.astype("string"), "unit": unit})
    for i in np.flatnonzero(key.duplicated().to_numpy()):
        problems.append(
            DuplicateError(
                f"period {key.iat[i, 0]} and unit {key.iat[i, 1]!r} appear twice",
                file=file,
                column="unit",
                row=int(i) + 2,
            )
        )
    raise_problems(problems, file=file)

    out = pd.DataFrame(
        {
            "period": pd.Categorical(
                period.astype("string"), categories=sorted(set(period.astype(str)))
            ),
            "unit": unit.astype("category"),
            "invited": inv.astype("int64"),
        }
    )
    if responses is None:  # the responses had problems of their own: reported with these
        return out
    # responses per period and unit from the categorical codes (one bincount, no groupby)
    periods, units = responses["period"].cat, responses["unit"].cat
    n_units = len(units.categories)
    counts = np.bincount(
        periods.codes.to_numpy(np.int64) * n_units + units.codes.to_numpy(np.int64),
        minlength=len(periods.categories) * n_units,
    )
    cells = np.flatnonzero(counts)
    got = pd.DataFrame(
        {
            "period": np.asarray(periods.categories.astype(str))[cells // n_units],
            "unit": np.asarray(units.categories.astype(str))[cells % n_units],
            "responded": counts[cells],
        }
    )
    merged = got.merge(
        out.assign(
            period=out["period"].astype(str),
            unit=out["unit"].astype(str),
            file_row=np.arange(len(out)) + 2,
        ),
        on=["period", "unit"],
        how="left",
    )
    for r in merged.itertuples(index=False):
        if pd.isna(r.invited):
            problems.append(
                InvitationError(
                    f"no invitation count for period {r.period} and unit {r.unit!r}, which has "
                    f"{r.responded} responses",
                    file=file,
                    column="invited",
                )
            )
        elif r.responded > r.invited:
            problems.append(
                InvitationError(
                    f"{r.responded} responses but only {int(r.invited)} invited in period {r.period}, "
                    f"unit {r.unit!r}",
                    file=file,
                    column="invited",
                    row=int(r.file_row),
                )
            )
    raise_problems(problems, file=file)
    return out

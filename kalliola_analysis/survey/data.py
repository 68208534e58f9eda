"""The survey data contract: responses, codebook and invitations, validated and typed.

A :class:`Survey` is what every analysis function takes. Loaders build one from
files (:func:`kalliola_analysis.read_survey`); a researcher with data already
in pandas builds one directly and gets the same validation.

Examples
--------
>>> import pandas as pd
>>> import kalliola_analysis as ka
>>> responses = pd.DataFrame({
...     "response_id": ["r1", "r2", "r3"], "period": ["2023-05", "2023-05", "2023-11"],
...     "unit": ["A", "B", "A"], "q1": ["Samaa mieltä", "En osaa sanoa", 5]})
>>> codebook = pd.DataFrame({"question": ["q1"], "text_fi": ["Viihdyn työssäni"],
...     "text_en": ["I enjoy my work"], "type": ["likert"], "scale_min": [1], "scale_max": [5],
...     "labels_fi": ["Täysin eri mieltä|Eri mieltä|Ei samaa eikä eri mieltä|"
...                   "Samaa mieltä|Täysin samaa mieltä"]})
>>> s = ka.Survey(responses, codebook)
>>> s.responses["q1"].tolist()
[4, <NA>, 5]
>>> s.periods
['2023-05', '2023-11']
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..errors import (
    DataError,
    DuplicateError,
    EmptyFileError,
    InvalidValueError,
    InvitationError,
    MissingColumnError,
    OutOfRangeError,
    ValidationError,
    raise_problems,
)
from ..io.numbers import parse_number, parse_numbers
from ..periods import parse_period
from .codebook import DONT_KNOW_LABELS, _split_labels, read_codebook_frame

__all__ = ["Survey", "RESPONSE_KEYS"]

#: Columns every responses table has, in this order, before background and questions.
RESPONSE_KEYS = ("response_id", "period", "unit")

#: At most this many problems are listed per column, so one broken column
#: cannot bury the rest of the report.
_MAX_PROBLEMS_PER_COLUMN = 20

def _is_missing(v) -> bool:
    if v is None or v is pd.NA:
        return True
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


class Survey:
    """A validated survey: responses, codebook and (optionally) invitations.

    Parameters
    ----------
    responses : pandas.DataFrame
        One row per response: ``response_id``, ``period`` (a month, ``YYYY-MM``),
        ``unit``, optional background columns, and one column per codebook
        question. Answers may be codes (``4``), numeric text (``"4"``), or answer
        labels in Finnish or English (``"Samaa mieltä"``); "don't know" answers
        and empty cells become missing values.
    codebook : pandas.DataFrame
        One row per question; see :mod:`kalliola_analysis.survey.codebook`.
    invitations : pandas.DataFrame, optional
        ``period``, ``unit``, ``invited``: the headcount invited, for response
        rates. Must cover every period and unit that has responses.
    source : str, optional
        Where the data came from, used in error messages (a file or folder).

    Attributes
    ----------
    responses : pandas.DataFrame
        Typed copy: ``response_id`` string, ``period`` and ``unit`` (and text
        background columns) categorical, Likert/NPS/choice answers as nullable
        small integers (``Int8``), text answers as strings.
    codebook : pandas.DataFrame
        Validated codebook (see :func:`~kalliola_analysis.survey.codebook.read_codebook_frame`).
    invitations : pandas.DataFrame or None
        Typed copy with ``invited`` as ``int64``.
    unlisted_columns : list of str
        Set by :func:`~kalliola_analysis.read_survey`: columns of the file
        that match no codebook question and no known column name and were
        kept as background columns (each may be a question missing from the
        codebook); ``[]`` for a survey built directly.

    Raises
    ------
    kalliola_analysis.errors.DataError
        Every problem found (a :class:`~kalliola_analysis.errors.ValidationError`
        lists them all when there are several), each naming the file, column and
        row.

    Examples
    --------
    >>> import pandas as pd
    >>> import kalliola_analysis as ka
    >>> cb = pd.DataFrame({"question": ["enps"], "text_fi": ["Suosittelisitko"],
    ...                    "text_en": ["Would you recommend"], "type": ["nps"]})
    >>> r = pd.DataFrame({"response_id": ["a", "b"], "period": ["2023-11"] * 2,
    ...                   "unit": ["X", "X"], "enps": [10, 11]})
    >>> ka.Survey(r, cb)
    Traceback (most recent call last):
    ...
    kalliola_analysis.errors.OutOfRangeError: responses, column 'enps', row 3: answer 11 is outside the scale 0-10
    """

    __slots__ = ("_responses", "_lazy", "codebook", "invitations", "source", "unlisted_columns")

    def __init__(
        self,
        responses: pd.DataFrame,
        codebook: pd.DataFrame,
        invitations: pd.DataFrame | None = None,
        *,
        source: str | None = None,
    ) -> None:
        label = str(source) if source is not None else None
        self.codebook = read_codebook_frame(codebook, file=_label(label, "codebook"))
        # Collect the problems of responses and invitations together, so that one
        # run of `validate` lists everything to fix.
        problems: list[DataError] = []
        responses_ok: pd.DataFrame | None = None
        try:
            responses_ok = _validate_responses(responses, self.codebook, _label(label, "responses"))
        except ValidationError as err:
            problems += err.problems
        except DataError as err:
            problems.append(err)
        self.invitations = None
        if invitations is not None:
            try:
                self.invitations = _validate_invitations(
                    invitations, responses_ok, _label(label, "invitations")
                )
            except ValidationError as err:
                problems += err.problems
            except DataError as err:
                problems.append(err)
        raise_problems(problems, file=label)
        self.responses = responses_ok
        self.source = label
        self.unlisted_columns: list[str] = []

    # -- responses: in memory, or read from a processed data set on demand ----
    @property
    def responses(self) -> pd.DataFrame:
        """The responses (see the class docstring).

        For a survey read from a processed folder with the DuckDB engine this
        is a lazy view: its ``columns``, ``len()`` and single columns are
        read on demand, and the whole frame is loaded on first use of
        anything else. The count-based functions never load it.
        """
        if self._lazy is not None:
            return self._lazy.view
        return self._responses

    @responses.setter
    def responses(self, frame: pd.DataFrame) -> None:
        self._responses = frame
        self._lazy = None  # replaced by the caller: no longer the processed files

    @classmethod
    def _trusted(
        cls,
        responses,
        codebook: pd.DataFrame,
        invitations: pd.DataFrame | None,
        *,
        source: str | None = None,
        lazy=None,
    ) -> Survey:
        """A survey of already validated tables (a processed data set): no contract checks.

        ``lazy`` (a :class:`kalliola_analysis.survey.engine.ProcessedResponses`)
        stands for responses left in their Parquet file; then ``responses``
        is ``None``.
        """
        new = object.__new__(cls)
        new._responses = responses
        new._lazy = lazy
        new.codebook = codebook
        new.invitations = invitations
        new.source = source
        new.unlisted_columns = []
        return new

    # -- convenience -------------------------------------------------------
    @property
    def periods(self) -> list[str]:
        """Periods present in the responses, oldest first."""
        if self._lazy is not None:
            return self._lazy.present("period")
        present = self.responses["period"].unique()
        return sorted(str(p) for p in present)

    @property
    def units(self) -> list[str]:
        """Units present in the responses, sorted."""
        if self._lazy is not None:
            return self._lazy.present("unit")
        return sorted(str(u) for u in self.responses["unit"].unique())

    def questions(self, *types: str) -> list[str]:
        """Question ids of the given types (all questions when none given), in codebook order."""
        cb = self.codebook
        if types:
            cb = cb[cb["type"].isin(types)]
        return [str(q) for q in cb["question"]]

    @property
    def background(self) -> list[str]:
        """Background columns: everything that is neither a key nor a question."""
        qs = set(self.questions())
        return [c for c in self.responses.columns if c not in RESPONSE_KEYS and c not in qs]

    def text(self, question: str, lang: str = "fi") -> str:
        """The text of a question in ``lang`` (``fi`` or ``en``), falling back to the other."""
        row = self.codebook.loc[self.codebook["question"] == question]
        if row.empty:
            raise KeyError(question)
        other = "en" if lang == "fi" else "fi"
        return str(row.iloc[0][f"text_{lang}"] or row.iloc[0][f"text_{other}"] or question)

    def subset(self, mask: pd.Series | np.ndarray) -> Survey:
        """A survey of the responses selected by a boolean mask (no re-validation).

        Examples
        --------
        >>> import kalliola_analysis as ka
        >>> s = ka.load_demo("pulse")
        >>> len(s.subset(s.responses["period"] == "2023-11").responses)
        71
        """
        new = object.__new__(Survey)
        new.responses = self.responses.loc[np.asarray(mask, dtype=bool)]
        new.codebook = self.codebook
        new.invitations = self.invitations
        new.source = self.source
        new.unlisted_columns = list(self.unlisted_columns)
        return new

    def __repr__(self) -> str:
        n = len(self.responses)
        return (
            f"<Survey {self.source or ''} {n} responses, {len(self.codebook)} questions, "
            f"periods {self.periods}, {len(self.units)} units>".replace("  ", " ")
        )


def _label(source: str | None, part: str) -> str:
    return f"{source} ({part})" if source else part


# ---------------------------------------------------------------------------
# responses


def _validate_responses(frame: pd.DataFrame, codebook: pd.DataFrame, file: str) -> pd.DataFrame:
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
    for i in np.flatnonzero(rid_missing)[:_MAX_PROBLEMS_PER_COLUMN]:
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
                if len(problems) > 3 * _MAX_PROBLEMS_PER_COLUMN:
                    break
            else:
                seen[key] = i
    out["response_id"] = rid

    # period
    out["period"] = _periods(frame["period"], file, problems)
    # unit: checked on the categories, not on a million values
    out["unit"] = _units(frame["unit"], file, problems)

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
            out[q] = _code_answers(frame[q], row, file, problems)

    raise_problems(problems, file=file)
    ordered = list(RESPONSE_KEYS) + [c for c in out if c not in RESPONSE_KEYS and c not in qset]
    ordered += questions
    return pd.DataFrame({c: out[c] for c in ordered}, index=index)


def _units(col: pd.Series, file: str, problems: list[DataError]) -> pd.Series:
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
    for i in np.flatnonzero(bad)[:_MAX_PROBLEMS_PER_COLUMN]:
        problems.append(InvalidValueError("empty unit", file=file, column="unit", row=int(i) + 2))
    if names.has_duplicates or len(empty_code):  # " A" and "A" are one unit
        return pd.Series(names[codes].where(codes >= 0), index=col.index, name="unit").astype(
            "category"
        )
    return cat.cat.rename_categories(names).rename("unit")


def _periods(col: pd.Series, file: str, problems: list[DataError]) -> pd.Series:
    codes, uniques = pd.factorize(col, use_na_sentinel=True)
    parsed = [parse_period(u) for u in uniques]
    bad_codes = {k for k, p in enumerate(parsed) if p is None}
    bad_rows = np.flatnonzero((codes < 0) | np.isin(codes, list(bad_codes)))
    for i in bad_rows[:_MAX_PROBLEMS_PER_COLUMN]:
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


def _code_answers(col: pd.Series, row, file: str, problems: list[DataError]) -> pd.Series:
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
        for i in bad_rows[:_MAX_PROBLEMS_PER_COLUMN]:
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
    for i in np.flatnonzero(infinite)[:_MAX_PROBLEMS_PER_COLUMN]:
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
    for i in np.flatnonzero(frac)[:_MAX_PROBLEMS_PER_COLUMN]:
        problems.append(
            InvalidValueError(
                f"answer {col.iat[int(i)]!r} is not a whole number",
                file=file,
                column=q,
                row=int(i) + 2,
            )
        )
    out = finite & ~frac & ((values < lo) | (values > hi))
    for i in np.flatnonzero(out)[:_MAX_PROBLEMS_PER_COLUMN]:
        v = values[int(i)]
        problems.append(
            OutOfRangeError(
                f"answer {v:g} is outside the scale {lo}-{hi}", file=file, column=q, row=int(i) + 2
            )
        )


_BAD = object()
_STRING = pd.StringDtype("pyarrow")
_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]0+)?$")


def _label_lookup(row) -> dict[str, int]:
    lookup: dict[str, int] = {}
    lo = int(row.scale_min)
    for lang in ("labels_fi", "labels_en"):
        labels = _split_labels(getattr(row, lang))
        for k, lab in enumerate(labels):
            lookup.setdefault(lab.casefold(), lo + k)
    return lookup


def _label_hint(row) -> str:
    """``" or an answer label ('Täysin eri mieltä' ... 'Täysin samaa mieltä')"``, if any."""
    labels = _split_labels(row.labels_fi) or _split_labels(row.labels_en)
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


# ---------------------------------------------------------------------------
# invitations


def _validate_invitations(
    frame: pd.DataFrame, responses: pd.DataFrame | None, file: str
) -> pd.DataFrame:
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
    period = _periods(frame["period"], file, problems)
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


# Public names for the survey reader and the large-export preparer, which check
# rows and type columns exactly as Survey does (kalliola_analysis.survey.reading,
# kalliola_analysis.survey.prepare).
#: Validate and type a responses table (see ``Survey``); ``file`` names it in errors.
validate_responses = _validate_responses
#: Validate and type an invitations table, checked against the responses when given.
validate_invitations = _validate_invitations
#: Type a column of units, adding its problems to ``problems``.
type_units = _units
#: Type a column of periods, adding its problems to ``problems``.
type_periods = _periods

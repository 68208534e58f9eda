"""Read survey exports and tables from files into validated objects.

:func:`read_table` reads one table from any supported file and finds the
format by itself; :func:`read_survey` reads a survey folder (or one responses
file), maps the export's headers to the codebook's question ids and builds a
:class:`~kalliola_analysis.survey.data.Survey`, whose validation errors then name
the real file, the column as the file spells it and the row a spreadsheet
shows (header = row 1).

Supported files (the format is detected, never configured):

=====================  ==========================================================
``.csv .tsv .txt``     ``;``/``,``/tab separated; UTF-8 (with or without BOM),
                       Windows-1252, Latin-1 or UTF-16; decimal comma with ``;``;
                       also gzip-compressed (``.csv.gz``)
``.xlsx .xlsm``        the first sheet (or ``sheet=``); header in row 1
``.sav .zsav``         SPSS, value labels applied
``.parquet``           processed data written by :func:`kalliola_analysis.prepare_all`
=====================  ==========================================================
"""

from __future__ import annotations

import gzip
import re
import tomllib
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .._validation import check_option
from ..errors import (
    DataError,
    DuplicateError,
    EmptyFileError,
    FileFormatError,
    InvalidValueError,
    MissingColumnError,
    ParameterError,
    ValidationError,
    raise_problems,
)
from ..io.delimited import DECIMAL_FOR_SEPARATOR, decode_text, parse_delimited
from ..io.numbers import parse_number
from ..io.processed import MARKER, verify_processed
from ..periods import parse_period
from .codebook import read_codebook_frame
from .data import RESPONSE_KEYS, Survey
from .engine import ENGINES
from .headers import map_headers

__all__ = [
    "SUPPORTED_SUFFIXES",
    "TEXT_COLUMNS",
    "read_table",
    "read_survey",
    "find_table",
    "find_responses",
    "read_dataset_toml",
]

#: File endings :func:`read_table` reads.
SUPPORTED_SUFFIXES = (
    ".csv",
    ".tsv",
    ".txt",
    ".csv.gz",
    ".tsv.gz",
    ".txt.gz",
    ".xlsx",
    ".xlsm",
    ".sav",
    ".zsav",
    ".parquet",
)
_KINDS = {
    ".csv": "text",
    ".tsv": "text",
    ".txt": "text",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".sav": "sav",
    ".zsav": "sav",
    ".parquet": "parquet",
}

#: Columns :func:`read_table` never turns into numbers (ids and periods such as
#: ``007`` or ``11.2020`` must stay as written).
TEXT_COLUMNS = ("response_id", "id", "period", "unit", "question")

_INT = re.compile(r"^[+-]?(?:0|[1-9]\d*)$")

# ---------------------------------------------------------------------------
# tables


def _suffix(path: Path) -> str:
    name = path.name.lower()
    for s in sorted(SUPPORTED_SUFFIXES, key=len, reverse=True):
        if name.endswith(s):
            return s
    return "".join(path.suffixes[-2:]).lower() if name.endswith(".gz") else path.suffix.lower()


def _stem(path: Path) -> str:
    s = _suffix(path)
    return path.name[: -len(s)] if s and path.name.lower().endswith(s) else path.stem


@dataclass
class _Table:
    frame: pd.DataFrame
    file: str
    decimal: str | None = None
    original: dict[str, str] = field(default_factory=dict)  # contract name -> header in file


def _load(path: Path | str, *, source: str | None = None, sheet=None) -> _Table:
    p = Path(path)
    file = str(source) if source is not None else str(path)
    if not p.exists():
        raise FileFormatError("the file does not exist", file=file)
    if p.is_dir():
        raise FileFormatError("this is a folder; a file was expected", file=file)
    suffix = _suffix(p)
    kind = _KINDS.get(suffix.removesuffix(".gz")) if suffix in SUPPORTED_SUFFIXES else None
    if kind is None:
        hint = "; save it as .xlsx" if suffix == ".xls" else ""
        raise FileFormatError(
            f"unsupported file type {suffix or p.name!r}{hint}; supported: "
            f"{', '.join(SUPPORTED_SUFFIXES)}",
            file=file,
        )
    if p.stat().st_size == 0:
        raise EmptyFileError("the file is empty (0 bytes)", file=file)
    decimal = None
    try:
        if kind == "text":
            data = p.read_bytes()
            if suffix.endswith(".gz"):
                try:
                    data = gzip.decompress(data)
                except (gzip.BadGzipFile, EOFError, zipfile.error, OSError) as exc:
                    raise FileFormatError(
                        f"cannot decompress the gzip file: {exc}", file=file
                    ) from None
            text, _encoding = decode_text(data, file=file)
            header, body, sep = parse_delimited(text, file=file)
            decimal = DECIMAL_FOR_SEPARATOR[sep]
        elif kind == "xlsx":
            from ..io.excel import read_xlsx_rows, rows_to_frame

            header, body = rows_to_frame(read_xlsx_rows(p, file=file, sheet=sheet))
        elif kind == "sav":
            from ..io.spss import read_sav_frame

            frame = read_sav_frame(p, file=file)
            header, body = [str(c) for c in frame.columns], frame
        else:
            frame = _string_categories(pd.read_parquet(p))
            frame.index = pd.RangeIndex(2, len(frame) + 2)
            header, body = [str(c) for c in frame.columns], frame
    except DataError:
        raise
    except (OSError, ValueError, KeyError, TypeError, zipfile.BadZipFile) as exc:
        raise FileFormatError(f"cannot read the file: {exc}", file=file) from None
    frame = _finish(header, body, file)
    if kind != "parquet":  # prepare's own output was checked when it was written
        _check_cell_lengths(frame, file)
    return _Table(frame, file, decimal)


def _string_categories(frame: pd.DataFrame) -> pd.DataFrame:
    """A Parquet table's categories of text as Survey types them (``"string"``), in place."""
    for c in frame.columns:
        if isinstance(frame[c].dtype, pd.CategoricalDtype) and pd.api.types.is_string_dtype(
            frame[c].cat.categories.dtype
        ):
            col = frame[c]
            frame[c] = col.cat.set_categories(col.cat.categories.astype("string"))
    return frame


#: The most characters a cell may hold: Excel's limit. A longer cell is not an
#: answer anyone typed, and free-text redaction must not spend time on it.
MAX_CELL_CHARS = 32_767


def _check_cell_lengths(frame: pd.DataFrame, file: str) -> None:
    """Refuse cells longer than :data:`MAX_CELL_CHARS`, naming file, column and row."""
    problems: list[DataError] = []
    for c in frame.columns:
        col = frame[c]
        if not (col.dtype == object or pd.api.types.is_string_dtype(col.dtype)):
            continue
        values = col.dropna()
        if values.empty:
            continue
        lengths = values.map(lambda v: len(v) if isinstance(v, str) else 0)
        for r in lengths.index[lengths.to_numpy() > MAX_CELL_CHARS][:20]:
            problems.append(
                InvalidValueError(
                    f"the cell holds {int(lengths[r]):,} characters; at most {MAX_CELL_CHARS:,} "
                    "(Excel's limit) are allowed: shorten it or split it",
                    file=file,
                    column=str(c),
                    row=int(r),
                )
            )
    raise_problems(problems, file=file)


def _finish(header: list[str], body: pd.DataFrame, file: str) -> pd.DataFrame:
    names = [str(h).strip() if h is not None else "" for h in header]
    body = body.set_axis(range(body.shape[1]), axis=1)
    keep = []
    for k, h in enumerate(names):
        if not h:
            if body[k].isna().all():
                continue  # an empty column without a header (trailing separators)
            names[k] = f"Unnamed: {k}"
        keep.append(k)
    seen: dict[str, int] = {}
    for k in keep:
        h = names[k]
        if h in seen:
            raise DuplicateError(
                f"two columns have the header {h!r} (columns {_letter(seen[h])} and {_letter(k)})",
                file=file,
                column=h,
                row=1,
            )
        seen[h] = k
    frame = body[keep].set_axis([names[k] for k in keep], axis=1)
    # Blank lines and trailing empty rows; only rows empty in the first column can be.
    maybe = frame.index[frame.iloc[:, 0].isna().to_numpy()] if frame.shape[1] else frame.index
    blank = maybe[frame.loc[maybe].isna().all(axis=1).to_numpy()]
    if len(blank):
        frame = frame.drop(index=blank)
    if frame.shape[1] == 0:
        raise EmptyFileError("the file has no columns", file=file)
    if len(frame) == 0:
        raise EmptyFileError("the file has a header row but no data rows", file=file)
    return frame


def _letter(k: int) -> str:
    s = ""
    k += 1
    while k:
        k, r = divmod(k - 1, 26)
        s = chr(65 + r) + s
    return s


def _numeric(col: pd.Series, decimal: str | None) -> pd.Series | None:
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


def read_table(
    path: str | Path,
    *,
    sheet: str | int | None = None,
    numbers: bool = True,
    text_columns: Iterable[str] = TEXT_COLUMNS,
    source: str | None = None,
) -> pd.DataFrame:
    """Read one table from a CSV, XLSX, SPSS or Parquet file, detecting the format.

    Delimited text is decoded by trying strict UTF-8 (with or without a
    byte-order mark), then Windows-1252, then Latin-1 (UTF-16 when it has a
    byte-order mark); the separator (``;``, ``,`` or tab) comes from the
    header line and :class:`csv.Sniffer`; a ``;`` file uses the decimal comma.
    Quoted text may hold separators, quotes and line breaks. ``NA`` and empty
    cells are missing. Blank rows are skipped.

    Parameters
    ----------
    path : str or pathlib.Path
        The file: ``.csv``, ``.tsv``, ``.txt`` (also ``.gz``), ``.xlsx``,
        ``.xlsm``, ``.sav``, ``.zsav`` or ``.parquet``.
    sheet : str or int, optional
        The sheet of a workbook; the first one by default.
    numbers : bool, default True
        Turn columns whose every value is a number (``4``, ``4,5`` in a ``;``
        file) into ``Int64`` or ``float64``; all other columns stay text.
        Numbers with leading zeros (``007``) stay text.
    text_columns : iterable of str, default TEXT_COLUMNS
        Columns never turned into numbers.
    source : str, optional
        The name used for the file in error messages (the path by default).

    Returns
    -------
    pandas.DataFrame
        The table with the file's headers as columns and, as the index, the
        row a spreadsheet shows for each record (header = 1, first data row =
        2; for ``.sav`` and ``.parquet`` the record number + 1).

    Raises
    ------
    kalliola_analysis.errors.FileFormatError
        The file is missing, of an unsupported type, or unreadable.
    kalliola_analysis.errors.EmptyFileError
        The file is empty or has a header but no data rows.
    kalliola_analysis.errors.DuplicateError
        Two columns have the same header.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import kalliola_analysis as ka
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "mittarit.csv"
    >>> _ = f.write_bytes("yksikkö;arvo;huom\\nHallinto;4,5;\\nKlinikka;3;NA\\n".encode("cp1252"))
    >>> t = ka.read_table(f)
    >>> t
        yksikkö  arvo huom
    2  Hallinto   4.5  NaN
    3  Klinikka   3.0  NaN
    >>> t["arvo"].dtype
    dtype('float64')
    """
    table = _load(path, source=source, sheet=sheet)
    frame = table.frame
    if numbers:
        skip = set(text_columns)
        for c in frame.columns:
            if c in skip:
                continue
            if frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c].dtype):
                num = _numeric(frame[c], table.decimal)
                if num is not None:
                    frame[c] = num
    return frame


def find_table(folder: str | Path, stem: str, *, required: bool = True) -> Path | None:
    """Return the file ``<stem>.<supported suffix>`` in ``folder``.

    Excel lock files (``~$...``) and hidden files are ignored.

    Parameters
    ----------
    folder : str or pathlib.Path
        The folder to look in.
    stem : str
        The file name without its ending, e.g. ``"responses"`` (any case).
    required : bool, default True
        Raise when there is no such file; else return ``None``.

    Returns
    -------
    pathlib.Path or None
        The file, or ``None`` when it is missing and not required.

    Raises
    ------
    kalliola_analysis.errors.FileFormatError
        None exists (if ``required``), or several do (``responses.csv`` and
        ``responses.xlsx``).

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> find_table(ka.demo_path("pulse"), "codebook").name
    'codebook.csv'
    >>> find_table(ka.demo_path("pulse"), "weights", required=False) is None
    True
    """
    folder = Path(folder)
    found = [
        p
        for p in sorted(folder.iterdir())
        if p.is_file()
        and not p.name.startswith(("~$", "."))
        and _suffix(p) in SUPPORTED_SUFFIXES
        and _stem(p).casefold() == stem.casefold()
    ]
    if len(found) > 1:
        raise FileFormatError(
            f"several {stem} files: {[p.name for p in found]}; keep exactly one", file=str(folder)
        )
    if not found:
        if required:
            raise FileFormatError(
                f"no {stem} file found; expected {stem}.csv, {stem}.xlsx, {stem}.sav or "
                f"{stem}.parquet",
                file=str(folder),
            )
        return None
    return found[0]


_RESPONSES_NAME = re.compile(r"^responses(?:[ _.-]+(?P<tag>.+))?$", re.IGNORECASE)
_NAME_PERIODS = (
    (re.compile(r"^(\d{4})[-_.](\d{1,2})$"), ("y", "m")),
    (re.compile(r"^(\d{1,2})[-_.](\d{4})$"), ("m", "y")),
)


def _name_period(tag: str) -> str | None:
    for pattern, order in _NAME_PERIODS:
        m = pattern.match(tag.strip())
        if m:
            parts = dict(zip(order, (int(g) for g in m.groups()), strict=True))
            if 1 <= parts["m"] <= 12 and 1900 <= parts["y"] <= 2999:
                return f"{parts['y']:04d}-{parts['m']:02d}"
    return None


def find_responses(folder: str | Path, *, required: bool = True) -> list[tuple[Path, str | None]]:
    """Return the responses files of a survey folder, each with the period its name gives.

    A survey folder may hold one export per round: ``responses.xlsx``,
    ``responses_2023-11.xlsx``, ``responses-2024-05.csv``, ``responses 11-2023.csv``
    (the name's period as ``YYYY-MM`` or ``M-YYYY``, with ``-``, ``_`` or ``.``).
    Excel lock files (``~$...``) and hidden files are ignored.

    Parameters
    ----------
    folder : str or pathlib.Path
        The survey folder.
    required : bool, default True
        Raise when there is no responses file; else return ``[]``.

    Returns
    -------
    list of (pathlib.Path, str or None)
        The files, sorted by name, each with its name's period (``YYYY-MM``) or ``None``.

    Raises
    ------
    kalliola_analysis.errors.FileFormatError
        No responses file; the same name twice (``responses.csv`` and
        ``responses.xlsx``); or a name whose suffix is not a period
        (``responses_old.csv``: rename it or move it out of the folder).

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> [(p.name, period) for p, period in find_responses(ka.demo_path("pulse"))]
    [('responses.csv', None)]
    """
    folder = Path(folder)
    found: dict[str, list[Path]] = {}
    periods: dict[str, str | None] = {}
    for p in sorted(folder.iterdir()):
        if (
            not p.is_file()
            or p.name.startswith(("~$", "."))
            or _suffix(p) not in SUPPORTED_SUFFIXES
        ):
            continue
        m = _RESPONSES_NAME.match(_stem(p))
        if not m:
            continue
        tag = m.group("tag")
        period = _name_period(tag) if tag is not None else None
        if tag is not None and period is None:
            raise FileFormatError(
                f"cannot read a period from the file name {p.name!r}: name a round's export "
                "responses_YYYY-MM (e.g. responses_2023-11.xlsx), or move the file out of the "
                "survey folder",
                file=str(p),
            )
        key = period or ""
        found.setdefault(key, []).append(p)
        periods[key] = period
    for files in found.values():
        if len(files) > 1:
            raise FileFormatError(
                f"several responses files for the same round: {[p.name for p in files]}; keep "
                "exactly one",
                file=str(folder),
            )
    if not found and not required:
        return []
    if not found:
        raise FileFormatError(
            "no responses file found; expected responses.csv, responses.xlsx, responses.sav "
            "or responses.parquet (or one per round: responses_YYYY-MM.xlsx)",
            file=str(folder),
        )
    return sorted(((files[0], periods[k]) for k, files in found.items()), key=lambda x: x[0].name)


_READ_OPTIONS = {
    "rename": dict,
    "period": str,
    "unit": str,
    "id_column": str,
    "background": list,
    "sheet": (str, int),
}


def read_dataset_toml(path: str | Path) -> dict:
    """Read a ``dataset.toml`` and check its ``kind`` and optional ``[read]`` table.

    Parameters
    ----------
    path : str or pathlib.Path
        The ``dataset.toml`` file.

    Returns
    -------
    dict
        The parsed document. The reader options of :func:`read_survey`
        (``rename``, ``period``, ``unit``, ``id_column``, ``background``,
        ``sheet``) may be given in its ``[read]`` table.

    Raises
    ------
    kalliola_analysis.errors.FileFormatError
        The file is missing or not TOML, ``kind`` is not a known kind, or
        ``[read]`` holds an unknown or mistyped option.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> read_dataset_toml(ka.demo_path("pulse") / "dataset.toml")["kind"]
    'pulse'
    """
    path = Path(path)
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise FileFormatError("the file does not exist", file=str(path)) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise FileFormatError(f"cannot read the TOML: {exc}", file=str(path)) from None
    kinds = ("pulse", "feedback", "materiality", "followup", "indicators")
    if doc.get("kind") not in kinds:
        raise FileFormatError(
            f"kind must be one of {list(kinds)}, got {doc.get('kind')!r}",
            file=str(path),
            column="kind",
        )
    read = doc.get("read", {})
    if not isinstance(read, dict):
        raise FileFormatError("[read] must be a table", file=str(path), column="read")
    for key, value in read.items():
        if key not in _READ_OPTIONS or not isinstance(value, _READ_OPTIONS[key]):
            raise FileFormatError(
                f"unknown or mistyped reader option read.{key} = {value!r}; allowed: "
                f"{sorted(_READ_OPTIONS)}",
                file=str(path),
                column=f"read.{key}",
            )
    return doc


# ---------------------------------------------------------------------------
# error relabelling


@dataclass
class _Part:
    file: str
    rows: pd.Index | None = None
    columns: dict[str, str] = field(default_factory=dict)
    #: for responses read from several files: ``(start, stop, part)`` per file, in
    #: positions of the concatenated table
    segments: list[tuple[int, int, _Part]] = field(default_factory=list)

    def row(self, r: int | None) -> int | None:
        if r is None or self.rows is None or not 2 <= r < len(self.rows) + 2:
            return r
        return int(self.rows[r - 2])

    def locate(self, r: int | None) -> tuple[_Part, int | None]:
        """The file part and its row for row ``r`` (2 = first record) of the table."""
        if r is None or not self.segments:
            return self, self.row(r)
        for start, stop, part in self.segments:
            if start <= r - 2 < stop:
                return part, part.row(r - start)
        return self, r


_ROW_IN_MESSAGE = re.compile(r"\brow (\d+)\b")


def _relabel(err: DataError, parts: dict[str, _Part], label: str) -> DataError:
    def one(p: DataError) -> DataError:
        part = parts.get(p.file) if p.file is not None else None
        if part is None:
            return p
        where, row = part.locate(p.row)

        def in_message(m: re.Match) -> str:
            other, r = part.locate(int(m.group(1)))
            return f"row {r}" + (f" of {other.file}" if other.file != where.file else "")

        message = _ROW_IN_MESSAGE.sub(in_message, p.message)
        column = where.columns.get(p.column, p.column) if p.column is not None else None
        return type(p)(message, file=where.file, column=column, row=row)

    if isinstance(err, ValidationError):
        return ValidationError([one(p) for p in err.problems], file=label)
    return one(err)


# ---------------------------------------------------------------------------
# surveys


def _as_frame_part(obj, name: str) -> tuple[pd.DataFrame, _Part, _Table]:
    if isinstance(obj, pd.DataFrame):
        frame = obj.reset_index(drop=True)
        return frame, _Part(name), _Table(frame, name)
    table = _load(obj)
    return table.frame, _Part(table.file, table.frame.index), table


def read_survey(
    path: str | Path,
    *,
    codebook: str | Path | pd.DataFrame | None = None,
    invitations: str | Path | pd.DataFrame | None = None,
    period: str | None = None,
    unit: str | None = None,
    rename: Mapping[str, str] | None = None,
    id_column: str | None = None,
    background: Iterable[str] | None = None,
    sheet: str | int | None = None,
    source: str | None = None,
    engine: str = "duckdb",
) -> Survey:
    """Read a survey folder or export file into a validated :class:`Survey`.

    Headers are matched to the codebook: a column named by a question id, or
    headed by the question's ``text_fi`` or ``text_en`` (as Webropol and
    Microsoft Forms export; compared after whitespace normalisation and
    casefolding, a leading ``"3."`` numbering ignored) is that question.
    ``ID``, ``Vastaaja``, ``Respondent`` and similar become ``response_id``;
    ``Yksikkö`` becomes ``unit``; the columns survey tools add (``Start time``,
    ``Email``, ``Vastausaika`` ...) are kept as background columns. A header
    that looks like a question but matches none is an error; problems of the
    header and of the rows are listed together.

    Parameters
    ----------
    path : str or pathlib.Path
        A survey folder holding ``responses.<csv|xlsx|sav>``,
        ``codebook.<csv|xlsx>`` and optionally ``invitations.<csv|xlsx>`` (or
        the same as ``.parquet``, as ``prepare`` writes them), or one responses
        file.
    codebook : str, pathlib.Path or pandas.DataFrame, optional
        The codebook; by default ``codebook.*`` in the folder (or beside the file).
    invitations : str, pathlib.Path or pandas.DataFrame, optional
        Invitation counts; by default ``invitations.*`` in the folder, if any.
    period : str, optional
        The period of every response, for files without a period column
        (e.g. ``"2009-04"``).
    unit : str, optional
        The unit of every response, for files without a unit column.
    rename : mapping, optional
        Source column name -> contract name, e.g. ``{"CNT": "unit"}``. Renamed
        columns that are not keys or questions are kept as background columns.
    id_column : str, optional
        The column to use as ``response_id``. Without any id column the ids
        are ``row-<file row>``.
    background : iterable of str, optional
        Further columns to keep as background columns (e.g. ``["tenure"]``).
        In files headed by question ids, short non-question-like headers are
        background columns anyway.
    sheet : str or int, optional
        The workbook sheet of the responses; the first by default.
    source : str, optional
        The survey's name in :attr:`Survey.source` and in messages listing
        several problems (the path by default).
    engine : {"duckdb", "pandas"}, default "duckdb"
        How a processed folder (written by ``prepare``) is read. Its files
        are checked against the SHA-256 checksums of its ``manifest.json``
        (a changed file is an error) and not validated again. ``"duckdb"``
        leaves the responses in Parquet: the answer counts behind every
        count-based function are computed by DuckDB, and
        :attr:`Survey.responses` is loaded only when a function needs
        respondent rows. ``"pandas"`` loads the responses into memory.
        Other folders and files are always read into memory and validated.

    Returns
    -------
    Survey
        The validated survey; ``source`` is set, and ``unlisted_columns``
        names the columns of a file headed by question ids that match no
        question and no known column and were kept as background columns
        only because they look like one (short, not question-like): each may
        be a question missing from the codebook (``validate`` lists them;
        declare real background columns with ``background=``).

    Raises
    ------
    kalliola_analysis.errors.DataError
        A subclass naming the file, the column as the file spells it and the
        row a spreadsheet shows; a :class:`~kalliola_analysis.errors.ValidationError`
        lists every problem when there are several.

    See Also
    --------
    read_table : The format detection used for every file.
    kalliola_analysis.Survey : The validation and typing of the tables.

    Notes
    -----
    A folder may hold one export per round (see :func:`find_responses`):
    ``responses_2023-11.xlsx``, ``responses-2024-05.csv``, ``responses.xlsx``
    ... Each file is read with its own header mapping; its period is its
    ``period`` column, else the period in its name, else ``period=`` (or the
    ``[read]`` period of ``dataset.toml``). A period column that disagrees
    with the file's name, and a response id found in two files, are errors
    naming both; the files are concatenated in period order, and errors name
    the file and row each record came from.

    In a folder, the options may also be given in the ``[read]`` table of its
    ``dataset.toml``; arguments take precedence. Processed folders
    (``.parquet``) ignore that table: they already follow the contract.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> s = ka.read_survey(ka.demo_path("pulse"))
    >>> s.periods
    ['2022-10', '2023-05', '2023-11']
    """
    path = Path(path)
    check_option("engine", engine, ENGINES)
    if not path.exists():
        raise FileFormatError("no such file or folder", file=str(path))
    options: dict = {}
    if path.is_dir():
        resp_files = find_responses(path)
        resp_path = resp_files[0][0]
        folder = path
        toml = folder / "dataset.toml"
        if _suffix(resp_path) == ".parquet":
            manifest = verify_processed(folder)  # checksums of everything prepare wrote
            plain = all(
                v is None
                for v in (codebook, invitations, period, unit, rename, id_column, background, sheet)
            )
            if plain and _trusted(manifest, resp_files):
                label = str(source) if source is not None else str(path)
                return _read_processed(folder, resp_path, label, engine)
        elif toml.exists():
            options = dict(read_dataset_toml(toml).get("read", {}))
        if codebook is None:
            codebook = find_table(folder, "codebook")
        if invitations is None:
            invitations = find_table(folder, "invitations", required=False)
    else:
        resp_files = [(path, None)]
        if codebook is None:
            codebook = find_table(path.parent, "codebook", required=False)
            if codebook is None:
                raise ParameterError(
                    f"codebook is required when reading the single file {str(path)!r}: give "
                    "codebook=<path or DataFrame>, or put codebook.csv beside it"
                )
    rename = {**options.get("rename", {}), **dict(rename or {})}
    period = period if period is not None else options.get("period")
    unit = unit if unit is not None else options.get("unit")
    id_column = id_column if id_column is not None else options.get("id_column")
    background = set(background or ()) | set(options.get("background", ()))
    sheet = sheet if sheet is not None else options.get("sheet")
    for name, value in (("period", period), ("unit", unit), ("id_column", id_column)):
        if value is not None and not isinstance(value, str):
            raise ParameterError(f"{name} must be a string, got {value!r}")
    label = str(source) if source is not None else str(path)

    cb_frame, cb_part, _ = _as_frame_part(codebook, "codebook")
    parts = {"codebook": cb_part}
    try:
        cb = read_codebook_frame(cb_frame, file="codebook")
    except DataError as err:
        raise _relabel(err, parts, label) from None
    if invitations is not None:
        inv_frame, inv_part, _ = _as_frame_part(invitations, "invitations")
        parts["invitations"] = inv_part

    # One export, or one per round (several files, or a file named by its period).
    several = len(resp_files) > 1 or resp_files[0][1] is not None
    header_problems: list[DataError] = []
    unlisted: list[str] = []
    pieces: list[tuple[pd.DataFrame, _Table]] = []
    qset = set(cb["question"])
    for resp_path, name_period in resp_files:
        table = _load(resp_path, sheet=sheet)
        guessed: list[str] = []
        frame, table.original, problems = map_headers(
            table.frame,
            table.file,
            cb,
            rename=rename,
            id_column=id_column,
            background=background | set(rename.values()),
            codebook_file=cb_part.file,
            guessed=guessed,
        )
        header_problems += problems
        unlisted += [table.original.get(c, c) for c in guessed if c not in unlisted]
        for name, value in (("period", period), ("unit", unit)):
            if value is None or (several and name == "period"):
                continue
            if name in frame.columns:
                raise ParameterError(
                    f"{name}={value!r} was given but {table.file} already has a {name} column "
                    f"({table.original.get(name, name)!r}); drop the argument or the column"
                )
            frame[name] = value
        if several:
            header_problems += _round_period(frame, table, name_period, period)
        if "response_id" not in frame.columns:
            prefix = f"{_stem(resp_path)}-" if several else ""
            frame.insert(0, "response_id", [f"{prefix}row-{r}" for r in frame.index])
        for c in frame.columns:
            if c in RESPONSE_KEYS or c in qset:
                continue
            if frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c].dtype):
                num = _numeric(frame[c], table.decimal)
                if num is not None:
                    frame[c] = num
        pieces.append((frame, table))
    if several:  # a response id in two files is reported by Survey, naming both files
        frame, parts["responses"] = _concat_rounds(pieces, label)
    else:
        frame, table = pieces[0]
        parts["responses"] = _Part(table.file, frame.index, table.original)
    inv = inv_frame if invitations is not None else None
    if header_problems:
        # List the rows' problems with the header's: check the questions that did map.
        row_problems: list[DataError] = []
        present = cb[cb["question"].isin(frame.columns)]
        if (
            len(present)
            and all(k in frame.columns for k in RESPONSE_KEYS)
            and not any(
                isinstance(p, MissingColumnError) and p.column == "period" for p in header_problems
            )
        ):
            try:
                Survey(frame, present, inv)
            except DataError as err:
                err = _relabel(err, parts, label)
                row_problems = err.problems if isinstance(err, ValidationError) else [err]
        raise_problems(header_problems + row_problems, file=label)
    try:
        survey = Survey(frame, cb, inv)
    except DataError as err:
        raise _relabel(err, parts, label) from None
    survey.source = label
    survey.unlisted_columns = unlisted
    return survey


def _trusted(manifest: dict | None, resp_files: list[tuple[Path, str | None]]) -> bool:
    """Whether a Parquet folder is a data set ``prepare`` validated and checksummed."""
    return (
        manifest is not None
        and manifest.get("prepared_by") == MARKER
        and isinstance(manifest.get("files"), dict)
        and len(resp_files) == 1
        and resp_files[0][1] is None
        and resp_files[0][0].name in manifest["files"]
    )


def _read_processed(folder: Path, resp_path: Path, label: str, engine: str) -> Survey:
    """A processed data set as a :class:`Survey` without repeating the contract checks.

    ``prepare`` validated the tables and recorded their checksums, which the
    caller has just verified; only the codebook (a few rows) is typed again.
    """
    from .engine import ProcessedResponses, trusted_responses
    from .validation import validate_invitations as _validate_invitations

    cb_frame, cb_part, _ = _as_frame_part(find_table(folder, "codebook"), "codebook")
    try:
        cb = read_codebook_frame(cb_frame, file="codebook")
    except DataError as err:
        raise _relabel(err, {"codebook": cb_part}, label) from None
    inv_path = find_table(folder, "invitations", required=False)
    inv = None
    if inv_path is not None:
        inv_frame, inv_part, _ = _as_frame_part(inv_path, "invitations")
        try:
            inv = _validate_invitations(inv_frame, None, "invitations")
        except DataError as err:
            raise _relabel(err, {"invitations": inv_part}, label) from None
    questions = [str(q) for q in cb["question"]]
    if engine == "duckdb":
        lazy = ProcessedResponses(resp_path, questions)
        columns = list(lazy.columns)
        frame = None
    else:
        lazy = None
        frame = trusted_responses(pd.read_parquet(resp_path))
        columns = list(frame.columns)
    missing = [c for c in (*RESPONSE_KEYS, *questions) if c not in columns]
    if missing:
        raise MissingColumnError(
            f"required column(s) {missing} missing; run prepare again",
            file=str(resp_path),
            column=missing[0],
        )
    return Survey._trusted(frame, cb, inv, source=label, lazy=lazy)


def _round_period(
    frame: pd.DataFrame, table: _Table, name_period: str | None, fallback: str | None
) -> list[DataError]:
    """Give one round's export its period: its column, else its name's, else ``fallback``."""
    column = table.original.get("period", "period")
    if "period" in frame.columns:
        if name_period is None:
            return []
        problems: list[DataError] = []
        for r, v in frame["period"].items():
            got = parse_period(v) if not pd.isna(v) else None
            if got is not None and got != name_period:
                problems.append(
                    InvalidValueError(
                        f"period {v!r} disagrees with the file name's period {name_period}: "
                        "fix the column or rename the file",
                        file=table.file,
                        column=column,
                        row=int(r),
                    )
                )
                if len(problems) >= 20:
                    break
        return problems
    value = name_period or fallback
    if value is None:
        return [
            MissingColumnError(
                "no period: the file has no period column, its name no period "
                "(responses_YYYY-MM) and dataset.toml no [read] period",
                file=table.file,
                column="period",
            )
        ]
    frame["period"] = value
    return []


def _concat_rounds(
    pieces: list[tuple[pd.DataFrame, _Table]], label: str
) -> tuple[pd.DataFrame, _Part]:
    """The rounds' responses one after the other, in period order, and where each row is from."""

    def first_period(frame: pd.DataFrame) -> str:
        found = (
            [parse_period(v) for v in frame["period"].dropna().unique()]
            if ("period" in frame)
            else []
        )
        return min((p for p in found if p is not None), default="9999-99")

    order = sorted(range(len(pieces)), key=lambda k: (first_period(pieces[k][0]), k))
    segments: list[tuple[int, int, _Part]] = []
    start = 0
    for k in order:
        frame, table = pieces[k]
        segments.append((start, start + len(frame), _Part(table.file, frame.index, table.original)))
        start += len(frame)
    frame = pd.concat([pieces[k][0] for k in order], ignore_index=True)
    columns = {}
    for k in order:
        for c, original in pieces[k][1].original.items():
            columns.setdefault(c, original)
    return frame, _Part(label, None, columns, segments)

"""Read one table from a file, detecting its format; find a table in a folder.

:func:`read_table` reads one table from any supported file and finds the
format by itself; :func:`load_table` is the same read without the number
detection, returning the file's name and decimal mark with the frame (the
survey reader maps headers before it turns columns into numbers).

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
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..errors import (
    DataError,
    DuplicateError,
    EmptyFileError,
    FileFormatError,
    InvalidValueError,
    raise_problems,
)
from .dataset import is_ignored
from .delimited import DECIMAL_FOR_SEPARATOR, decode_text, parse_delimited
from .numbers import numeric_column

__all__ = [
    "SUPPORTED_SUFFIXES",
    "TEXT_COLUMNS",
    "MAX_CELL_CHARS",
    "LoadedTable",
    "table_suffix",
    "table_stem",
    "load_table",
    "string_categories",
    "check_cell_lengths",
    "read_table",
    "find_table",
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
#: The reader of each file ending (``.gz`` removed).
_FORMATS = {
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


def table_suffix(path: Path) -> str:
    """The file's ending as :data:`SUPPORTED_SUFFIXES` spells it (``".csv.gz"``), lower case."""
    name = path.name.lower()
    for s in sorted(SUPPORTED_SUFFIXES, key=len, reverse=True):
        if name.endswith(s):
            return s
    return "".join(path.suffixes[-2:]).lower() if name.endswith(".gz") else path.suffix.lower()


def table_stem(path: Path) -> str:
    """The file's name without its ending (:func:`table_suffix`)."""
    s = table_suffix(path)
    return path.name[: -len(s)] if s and path.name.lower().endswith(s) else path.stem


@dataclass
class LoadedTable:
    """A table as read from a file: the frame, the file's name, its decimal mark, its headers."""

    frame: pd.DataFrame
    file: str
    decimal: str | None = None
    original: dict[str, str] = field(default_factory=dict)  # contract name -> header in file


def load_table(path: Path | str, *, source: str | None = None, sheet=None) -> LoadedTable:
    """Read one file into a :class:`LoadedTable` (all text; see :func:`read_table`)."""
    p = Path(path)
    file = str(source) if source is not None else str(path)
    if not p.exists():
        raise FileFormatError("the file does not exist", file=file)
    if p.is_dir():
        raise FileFormatError("this is a folder; a file was expected", file=file)
    suffix = table_suffix(p)
    kind = _FORMATS.get(suffix.removesuffix(".gz")) if suffix in SUPPORTED_SUFFIXES else None
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
            from .excel import read_xlsx_rows, rows_to_frame

            header, body = rows_to_frame(read_xlsx_rows(p, file=file, sheet=sheet))
        elif kind == "sav":
            from .spss import read_sav_frame

            frame = read_sav_frame(p, file=file)
            header, body = [str(c) for c in frame.columns], frame
        else:
            frame = string_categories(pd.read_parquet(p))
            frame.index = pd.RangeIndex(2, len(frame) + 2)
            header, body = [str(c) for c in frame.columns], frame
    except DataError:
        raise
    except (OSError, ValueError, KeyError, TypeError, zipfile.BadZipFile) as exc:
        raise FileFormatError(f"cannot read the file: {exc}", file=file) from None
    frame = _finish(header, body, file)
    if kind != "parquet":  # prepare's own output was checked when it was written
        check_cell_lengths(frame, file)
    return LoadedTable(frame, file, decimal)


def string_categories(frame: pd.DataFrame) -> pd.DataFrame:
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


def check_cell_lengths(frame: pd.DataFrame, file: str) -> None:
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
    table = load_table(path, source=source, sheet=sheet)
    frame = table.frame
    if numbers:
        skip = set(text_columns)
        for c in frame.columns:
            if c in skip:
                continue
            if frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c].dtype):
                num = numeric_column(frame[c], table.decimal)
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
        and not is_ignored(p.name)
        and table_suffix(p) in SUPPORTED_SUFFIXES
        and table_stem(p).casefold() == stem.casefold()
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

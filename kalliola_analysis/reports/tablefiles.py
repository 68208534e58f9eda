"""Table files beside a report: CSV and XLSX that open right in Excel, and never run a formula.

Every table a report shows is written three ways by :func:`write_table_files`:

``<name>.csv``
    The table as shown, in the report language: its labels, rounding and
    missing-value dash. Finnish: ``;`` between fields, decimal comma, UTF-8
    with a byte-order mark (what Finnish Excel opens with a double-click);
    English: ``,`` and ``.``, UTF-8 with a byte-order mark too.
``<name>.xlsx``
    Sheet 1: the shown table with real numbers (``4,6`` is the number 4.6
    with the format ``0.0``, ``81 %`` the number 0.81 with ``0 %``), column
    widths, a frozen bold header. Sheet 2 (``data``): the tidy data.
``<name>.data.csv``
    The tidy data as the library returned it: snake_case columns, full
    precision, ``,`` and ``.``, plain UTF-8 -- for pandas, R and scripts.

Every text cell of every file is neutralised (:func:`neutralise_cell`,
OWASP's CSV-injection rule): text that starts with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return gets a leading ``'`` in CSV, and every text
cell of an XLSX is written as a string (never a formula) with Excel's
quote-prefix. Numbers stay numbers.

Examples
--------
>>> neutralise_cell('=HYPERLINK("http://x","klik")'), neutralise_cell("-0,3"), neutralise_cell(4.5)
('\\'=HYPERLINK("http://x","klik")', '-0,3', 4.5)
>>> parse_shown_number("81 %", "fi"), parse_shown_number("+0,1", "fi"), parse_shown_number("n/a", "en")
((0.81, '0 %'), (0.1, '+0.0;-0.0;0.0'), None)
"""

from __future__ import annotations

import csv
import math
import os
import re
from pathlib import Path
from typing import Any

import pandas as pd

from .._validation import check_option
from ..i18n.strings import LANGS
from ..io.atomic import atomic_write

__all__ = [
    "FORMULA_TRIGGERS",
    "neutralise_cell",
    "neutralise_frame",
    "parse_shown_number",
    "published_reasons",
    "write_table_files",
]

#: Leading characters that make a spreadsheet read a cell as a formula (OWASP).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

_NUMBER = {
    "fi": re.compile(
        r"^(?P<sign>[+-]?)(?P<int>\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)"
        r"(?:,(?P<dec>\d+))?(?P<pct>[ \u00a0\u202f]?%)?$"
    ),
    "en": re.compile(
        r"^(?P<sign>[+-]?)(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<dec>\d+))?(?P<pct>%)?$"
    ),
}
_CSV_DIALECT = {"fi": {"sep": ";", "decimal": ","}, "en": {"sep": ",", "decimal": "."}}
# openpyxl refuses these control characters in a cell; they never belong in a table
_ILLEGAL_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _is_number_text(text: str) -> bool:
    return any(p.match(text) for p in _NUMBER.values())


def neutralise_cell(value: Any) -> Any:
    """Return ``value`` safe for a CSV cell: text that a spreadsheet would run gets a leading ``'``.

    Only ``str`` values change, and only when they start with one of
    :data:`FORMULA_TRIGGERS` and are not a plain number as a report writes it
    (``-0,3``, ``+7``, ``-12.5%``): those stay numbers for Excel. Everything
    else (numbers, missing values, other objects) is returned as it is.

    Parameters
    ----------
    value : object
        One cell.

    Returns
    -------
    object
        ``value``, or ``"'" + value`` for text that starts a formula.

    Examples
    --------
    >>> [neutralise_cell(v) for v in ["@SUM(A1)", "\\t=1", "Hallinto", "+7", "+8 %-yks."]]
    ["'@SUM(A1)", "'\\t=1", 'Hallinto', '+7', "'+8 %-yks."]
    """
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        if not _is_number_text(value):
            return "'" + value
    return value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``frame`` with every text cell (and header) neutralised for CSV.

    Numeric, boolean and datetime columns are kept as they are; text and
    categorical columns are mapped through :func:`neutralise_cell`.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"unit": ["=1+1", "A"], "n": [-3, 4]})
    >>> neutralise_frame(f).to_dict("list")
    {'unit': ["'=1+1", 'A'], 'n': [-3, 4]}
    """
    out = frame.copy()
    for i in range(out.shape[1]):
        s = out.iloc[:, i]
        if (
            pd.api.types.is_object_dtype(s)
            or pd.api.types.is_string_dtype(s)
            or isinstance(s.dtype, pd.CategoricalDtype)
        ):
            out.isetitem(i, s.astype(object).map(neutralise_cell))
    out.columns = [neutralise_cell(str(c)) if isinstance(c, str) else c for c in out.columns]
    return out


def parse_shown_number(text: Any, lang: str) -> tuple[float, str] | None:
    """Read a number as a report shows it; return ``(value, Excel number format)`` or ``None``.

    Parameters
    ----------
    text : object
        A shown cell: ``"4,6"``, ``"81 %"``, ``"+0,1"``, ``"1 234"`` (Finnish)
        or ``"4.6"``, ``"81%"``, ``"1,234"`` (English). Anything else (text,
        intervals, ``"+0,4*"``) gives ``None``.
    lang : {"fi", "en"}
        The report language the text is written in.

    Returns
    -------
    tuple of (float, str) or None
        The value (a share for a percentage: 81 % is 0.81) and a number
        format that shows it with the same decimals, sign and grouping.

    Examples
    --------
    >>> parse_shown_number("1 234,5", "fi"), parse_shown_number("1,234.5", "en")
    ((1234.5, '#,##0.0'), (1234.5, '#,##0.0'))
    >>> parse_shown_number("80,8 %", "fi"), parse_shown_number("-3", "en")
    ((0.808, '0.0 %'), (-3.0, '0'))
    """
    check_option("lang", lang, LANGS)
    if not isinstance(text, str):
        return None
    m = _NUMBER[lang].match(text.strip())
    if not m:
        return None
    digits = re.sub(r"\D", "", m["int"])
    dec = m["dec"] or ""
    value = float(f"{m['sign']}{digits}.{dec or 0}")
    grouped = len(m["int"]) != len(digits)
    fmt = ("#,##0" if grouped else "0") + ("." + "0" * len(dec) if dec else "")
    if m["pct"]:
        value = round(value / 100, len(dec) + 2)
        fmt += " %" if lang == "fi" else "%"
    if m["sign"] == "+":
        fmt = f"+{fmt};-{fmt};{fmt}"
    return value, fmt


_LAYOUT_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " "})


def _plain_spaces(frame: pd.DataFrame) -> pd.DataFrame:
    """Shown text with ordinary spaces: the no-break spaces are for the HTML layout only.

    A spreadsheet reads ``81 %`` as a percentage; with a no-break space it may
    keep it as text.
    """
    out = frame.copy()
    for c in out.columns:
        if out[c].dtype == object or pd.api.types.is_string_dtype(out[c].dtype):
            out[c] = out[c].map(lambda v: v.translate(_LAYOUT_SPACES) if isinstance(v, str) else v)
    out.columns = [c.translate(_LAYOUT_SPACES) for c in out.columns]
    return out


_REASON = re.compile(r"^(fewer than \d+ (answers|respondents)|hidden to protect a smaller group)$")


def published_reasons(frame: pd.DataFrame) -> pd.DataFrame:
    """Write every suppression reason of a published table as the one word ``hidden``.

    The library says why a cell is hidden (``fewer than 5 answers`` or ``hidden to
    protect a smaller group``) for the researcher who holds the data; a table sent
    out with a report must not, since the reason places a hidden group on one side
    of the threshold, which narrows what a reader can derive by subtraction.
    ``not asked`` and other notes stay. Columns: ``suppressed``, ``suppressed_*``
    and ``reason``.

    Examples
    --------
    >>> t = pd.DataFrame({"unit": ["A", "B", "C"], "suppressed": [
    ...     "fewer than 5 answers", "hidden to protect a smaller group", "not asked"]})
    >>> published_reasons(t)["suppressed"].tolist()
    ['hidden', 'hidden', 'not asked']
    """
    out = frame.copy()
    for c in out.columns:
        name = str(c)
        if name in ("suppressed", "reason") or name.startswith("suppressed_"):
            out[c] = out[c].map(
                lambda v: "hidden" if isinstance(v, str) and _REASON.match(v) else v
            )
    return out


def _tidy(frame: pd.DataFrame, index: bool) -> pd.DataFrame:
    out = frame.reset_index() if index else frame.copy()
    out.columns = [str(c) for c in out.columns]
    return out


def _xlsx_value(value: Any) -> Any:
    """A cell value openpyxl writes as it is: numbers, bools, text; missing is empty."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalars
        value = value.item()
    if isinstance(value, bool | int | float):
        return value
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime().replace(tzinfo=None)
    return str(value)


def _put(ws, row: int, col: int, value: Any, number_format: str | None = None):
    """Write one cell; text is always a string cell, never a formula."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        value = _ILLEGAL_XLSX.sub("", value)
        cell.value = value
        cell.data_type = "s"  # openpyxl would make '=...' a formula
        if value.startswith(FORMULA_TRIGGERS):
            cell.quotePrefix = True  # Excel keeps it text when the cell is edited
    else:
        cell.value = value
    if number_format:
        cell.number_format = number_format
    return cell


def _write_sheet(ws, frame: pd.DataFrame, *, lang: str | None) -> None:
    """Header in bold and frozen, shown numbers as numbers (when ``lang``), widths to fit."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    widths = []
    for j, column in enumerate(frame.columns, start=1):
        _put(ws, 1, j, str(column)).font = bold
        widths.append(len(str(column)))
    for i, row in enumerate(frame.itertuples(index=False, name=None), start=2):
        for j, value in enumerate(row, start=1):
            value = _xlsx_value(value)
            fmt = None
            if lang is not None and isinstance(value, str):
                parsed = parse_shown_number(value, lang)
                if parsed is not None:
                    value, fmt = parsed
                elif value.strip() in ("–", "-", ""):
                    value = None
            cell = _put(ws, i, j, value, fmt)
            if isinstance(value, str) and len(value) > 60:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            shown = len(str(value)) if value is not None else 0
            if isinstance(value, float) and fmt is None:
                shown = min(shown, 12)
            widths[j - 1] = max(widths[j - 1], shown)
    for j, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = min(max(w + 2, 6), 60)
    ws.freeze_panes = "A2"


def write_table_files(
    data: pd.DataFrame,
    folder: str | os.PathLike,
    stem: str,
    *,
    shown: pd.DataFrame | None = None,
    lang: str = "fi",
    index: bool = False,
) -> list[Path]:
    """Write a report table as ``<stem>.csv``, ``<stem>.xlsx`` and ``<stem>.data.csv``.

    Parameters
    ----------
    data : pandas.DataFrame
        The tidy data (the library's result): written in full precision to
        ``<stem>.data.csv`` and the XLSX's ``data`` sheet.
    folder : path-like
        The report's table folder; created when missing.
    stem : str
        File name stem (already file-name safe).
    shown : pandas.DataFrame, optional
        The table as the report shows it (text in the report language, as
        the ``format_*`` functions return it); default ``data``.
    lang : {"fi", "en"}, default "fi"
        Language of ``shown``: sets the CSV's separator and decimal mark and
        how shown numbers are read back for the XLSX.
    index : bool, default False
        Write the index as the first column(s).

    Returns
    -------
    list of pathlib.Path
        The three files, in the order above.

    Examples
    --------
    >>> import tempfile
    >>> import pandas as pd
    >>> data = pd.DataFrame({"unit": ["=A1", "Opetus"], "rate": [0.8125, 0.75]})
    >>> shown = pd.DataFrame({"Yksikkö": ["=A1", "Opetus"], "Osuus": ["81 %", "75 %"]})
    >>> paths = write_table_files(data, tempfile.mkdtemp(), "rates", shown=shown, lang="fi")
    >>> [p.name for p in paths]
    ['rates.csv', 'rates.xlsx', 'rates.data.csv']
    >>> paths[0].read_bytes().decode("utf-8-sig").splitlines()
    ['Yksikkö;Osuus', "'=A1;81 %", 'Opetus;75 %']
    >>> pd.read_excel(paths[1])["Osuus"].tolist()
    [0.81, 0.75]
    """
    from openpyxl import Workbook

    check_option("lang", lang, LANGS)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    tidy = published_reasons(_tidy(data, index))
    view = tidy if shown is None else _plain_spaces(published_reasons(_tidy(shown, index)))
    dialect = _CSV_DIALECT[lang]
    csv_path = folder / f"{stem}.csv"
    atomic_write(
        csv_path,
        lambda fh: neutralise_frame(view).to_csv(
            fh,
            index=False,
            sep=dialect["sep"],
            decimal=dialect["decimal"],
            encoding="utf-8-sig",
            quoting=csv.QUOTE_MINIMAL,
            lineterminator="\r\n",
        ),
    )
    xlsx_path = folder / f"{stem}.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = "taulukko" if lang == "fi" else "table"
    _write_sheet(ws, view, lang=lang if shown is not None else None)
    _write_sheet(wb.create_sheet("data"), tidy, lang=None)
    atomic_write(xlsx_path, wb.save)
    data_path = folder / f"{stem}.data.csv"
    # "\r\n" ends a row, so a field holding a bare CR or LF is quoted (never a row break)
    atomic_write(
        data_path,
        lambda fh: neutralise_frame(tidy).to_csv(
            fh, index=False, encoding="utf-8", lineterminator="\r\n"
        ),
    )
    return [csv_path, xlsx_path, data_path]

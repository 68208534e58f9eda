"""XLSX workbooks (Webropol, Microsoft Forms, Excel) read cell by cell with openpyxl."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pandas as pd

from .errors import EmptyFileError, FileFormatError

__all__ = ["read_xlsx_rows"]


def read_xlsx_rows(path: Path, *, file: str, sheet: str | int | None = None) -> list[list]:
    """Return the cell values of one sheet (the first unless ``sheet`` names one), row by row.

    Values are what Excel shows after formulas (``data_only``): numbers,
    text, dates or ``None``. Rows are padded to the same length.
    """
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as exc:
        raise FileFormatError(
            f"cannot open the file as an Excel workbook (.xlsx): {exc}", file=file
        ) from None
    try:
        if sheet is None:
            ws = wb.worksheets[0]
        elif isinstance(sheet, int):
            ws = wb.worksheets[sheet]
        else:
            ws = wb[sheet]
    except (IndexError, KeyError):
        names = wb.sheetnames
        wb.close()
        raise FileFormatError(
            f"the workbook has no sheet {sheet!r}; its sheets are {names}", file=file
        ) from None
    try:
        # Read-only mode trusts the sheet's stated dimensions, which some exporters
        # get wrong ("A1:A1"); forget them and read every stored row.
        ws.reset_dimensions()
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
    except (ValueError, KeyError, TypeError, zipfile.BadZipFile) as exc:
        raise FileFormatError(f"cannot read sheet {ws.title!r}: {exc}", file=file) from None
    finally:
        wb.close()
    width = max((len(r) for r in rows), default=0)
    if width == 0:
        raise EmptyFileError(f"sheet {ws.title!r} is empty", file=file)
    return [r + [None] * (width - len(r)) for r in rows]


def rows_to_frame(rows: list[list]) -> tuple[list[str], pd.DataFrame]:
    """Split sheet rows into the header (row 1) and a body indexed by sheet row."""
    header = ["" if h is None else str(h) for h in rows[0]]
    body = pd.DataFrame(rows[1:], index=pd.RangeIndex(2, len(rows) + 1), dtype=object)
    if body.shape[1] == 0:
        body = pd.DataFrame(index=body.index, columns=range(len(header)), dtype=object)
    body = body.map(lambda v: None if isinstance(v, str) and not v.strip() else v)
    return header, body

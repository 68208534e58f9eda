"""XLSX workbooks (Webropol, Microsoft Forms, Excel) read cell by cell with openpyxl."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pandas as pd

from ..errors import DataError, EmptyFileError, FileFormatError, InvalidValueError, raise_problems

__all__ = ["read_xlsx_rows"]


def read_xlsx_rows(path: Path, *, file: str, sheet: str | int | None = None) -> list[list]:
    """Return the cell values of one sheet (the first unless ``sheet`` names one), row by row.

    Values are what Excel shows after formulas (``data_only``): numbers,
    text, dates or ``None``. Rows are padded to the same length. A formula
    cell without a saved value is an error naming the cell (it would
    otherwise read as an empty cell).
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
    rows = [r + [None] * (width - len(r)) for r in rows]
    if _has_formulas(path):
        _check_formulas(path, ws.title, rows, file)
    return rows


def _has_formulas(path: Path) -> bool:
    """Whether any worksheet of the workbook holds a formula (an ``<f>`` element)."""
    try:
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                    with z.open(name) as fh:
                        tail = b""
                        for block in iter(lambda fh=fh: fh.read(1 << 20), b""):
                            chunk = tail + block
                            if b"<f>" in chunk or b"<f " in chunk or b":f>" in chunk:
                                return True
                            tail = chunk[-4:]
    except (zipfile.BadZipFile, OSError, KeyError):
        return False
    return False


#: At most this many formula cells are listed, so one broken column cannot bury the rest.
_MAX_FORMULA_PROBLEMS = 20


def _check_formulas(path: Path, title: str, rows: list[list], file: str) -> None:
    """Refuse formula cells without a saved (cached) value, naming each cell.

    Programs that write workbooks (scripts, some exporters) store formulas
    without the value Excel would compute; read for their values, such cells
    are empty and an answer would silently go missing.
    """
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    wb = load_workbook(path, read_only=True, data_only=False)
    try:
        ws = wb[title]
        ws.reset_dimensions()
        problems: list[DataError] = []
        header = rows[0] if rows else []
        for r, values in enumerate(ws.iter_rows(values_only=True), start=1):
            for c, v in enumerate(values):
                if not (isinstance(v, str) and v.startswith("=")):
                    continue
                if r - 1 < len(rows) and c < len(rows[r - 1]) and rows[r - 1][c] is not None:
                    continue  # the saved value was read
                cell = f"{get_column_letter(c + 1)}{r}"
                name = header[c] if r > 1 and c < len(header) and header[c] is not None else None
                shown = v if len(v) <= 60 else v[:57] + "..."
                problems.append(
                    InvalidValueError(
                        f"cell {cell} holds the formula {shown!r} without a saved value; open the "
                        "file in Excel and save it (or paste the values) so the answer is not "
                        "read as missing",
                        file=file,
                        column=str(name) if name is not None else get_column_letter(c + 1),
                        row=r,
                    )
                )
                if len(problems) >= _MAX_FORMULA_PROBLEMS:
                    raise_problems(problems, file=file)
    finally:
        wb.close()
    raise_problems(problems, file=file)


def rows_to_frame(rows: list[list]) -> tuple[list[str], pd.DataFrame]:
    """Split sheet rows into the header (row 1) and a body indexed by sheet row."""
    header = ["" if h is None else str(h) for h in rows[0]]
    body = pd.DataFrame(rows[1:], index=pd.RangeIndex(2, len(rows) + 1), dtype=object)
    if body.shape[1] == 0:
        body = pd.DataFrame(index=body.index, columns=range(len(header)), dtype=object)
    body = body.map(lambda v: None if isinstance(v, str) and not v.strip() else v)
    return header, body

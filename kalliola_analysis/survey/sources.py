"""Where each row of a survey came from, and errors relabelled to the file a user opened.

The survey reader validates one concatenated table; :class:`FilePart` remembers
which file (and which row of it) each row came from, and :func:`relabel` turns
an error about the table into one naming the real file, the column as the file
spells it and the row a spreadsheet shows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from ..errors import DataError, ValidationError
from ..io.tables import LoadedTable, load_table

__all__ = ["FilePart", "relabel", "as_frame_part"]


@dataclass
class FilePart:
    """A table's file, its rows in the file and its headers (contract name -> header)."""

    file: str
    rows: pd.Index | None = None
    columns: dict[str, str] = field(default_factory=dict)
    #: for responses read from several files: ``(start, stop, part)`` per file, in
    #: positions of the concatenated table
    segments: list[tuple[int, int, FilePart]] = field(default_factory=list)

    def row(self, r: int | None) -> int | None:
        if r is None or self.rows is None or not 2 <= r < len(self.rows) + 2:
            return r
        return int(self.rows[r - 2])

    def locate(self, r: int | None) -> tuple[FilePart, int | None]:
        """The file part and its row for row ``r`` (2 = first record) of the table."""
        if r is None or not self.segments:
            return self, self.row(r)
        for start, stop, part in self.segments:
            if start <= r - 2 < stop:
                return part, part.row(r - start)
        return self, r


_ROW_IN_MESSAGE = re.compile(r"\brow (\d+)\b")


def relabel(err: DataError, parts: dict[str, FilePart], label: str) -> DataError:
    """``err`` (or each of its problems) naming the file, column and row of ``parts``."""

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


def as_frame_part(obj, name: str) -> tuple[pd.DataFrame, FilePart, LoadedTable]:
    """A table given as a DataFrame or a file, with its :class:`FilePart`."""
    if isinstance(obj, pd.DataFrame):
        frame = obj.reset_index(drop=True)
        return frame, FilePart(name), LoadedTable(frame, name)
    table = load_table(obj)
    return table.frame, FilePart(table.file, table.frame.index), table

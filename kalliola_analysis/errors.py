"""The package's one exception family.

Every error a user of the library or the command line can meet derives from
:class:`KalliolaError`. Errors about input data derive from :class:`DataError`
and carry the file, the column and the row where they apply, as fields (the
way papermill's exceptions carry the cell), so that a program can act on them
and a person can read them.

Examples
--------
>>> from kalliola_analysis.errors import OutOfRangeError
>>> err = OutOfRangeError("answer 7 is outside the scale 1-5", file="responses.csv",
...                       column="q1", row=12)
>>> print(err)
responses.csv, column 'q1', row 12: answer 7 is outside the scale 1-5
>>> err.column
'q1'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

__all__ = [
    "KalliolaError",
    "ParameterError",
    "DataError",
    "MissingColumnError",
    "EmptyFileError",
    "FileFormatError",
    "OutOfRangeError",
    "InvalidValueError",
    "DuplicateError",
    "UnknownQuestionError",
    "InvitationError",
    "ValidationError",
    "ReportError",
    "DisclosureError",
]


class KalliolaError(Exception):
    """Base class of every error raised by kalliola_analysis."""


class ParameterError(KalliolaError, ValueError):
    """An option passed to a function or the command line is not allowed.

    The message names the parameter, the allowed values and the value received.
    """


class DataError(KalliolaError, ValueError):
    """Input data breaks the data contract.

    Parameters
    ----------
    message : str
        What is wrong, in words a person can act on.
    file : str, optional
        The file the data came from (or a label such as ``"responses"`` for
        data built in memory).
    column : str, optional
        The column where the problem is.
    row : int, optional
        The row, numbered as a spreadsheet program shows it: 1 is the header,
        2 is the first data row. ``None`` when the problem is not in one row.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        column: str | None = None,
        row: int | None = None,
    ) -> None:
        self.message = message
        self.file = file
        self.column = column
        self.row = row
        super().__init__(self._render())

    def _render(self) -> str:
        where = []
        if self.file:
            where.append(str(self.file))
        if self.column is not None:
            where.append(f"column {self.column!r}")
        if self.row is not None:
            where.append(f"row {self.row}")
        return f"{', '.join(where)}: {self.message}" if where else self.message

    def __reduce__(self):  # keep pickling (multiprocessing) working with keyword fields
        return (_rebuild, (type(self), self.message, self.file, self.column, self.row))


def _rebuild(cls, message, file, column, row):
    return cls(message, file=file, column=column, row=row)


class MissingColumnError(DataError):
    """A required column is missing."""


class EmptyFileError(DataError):
    """A file is empty or holds only a header row."""


class FileFormatError(DataError):
    """A file cannot be read as any supported format or encoding."""


class OutOfRangeError(DataError):
    """A value lies outside the allowed range (e.g. an answer outside the scale)."""


class InvalidValueError(DataError):
    """A value has the wrong type or form (text in a numeric column, a bad period)."""


class DuplicateError(DataError):
    """A key that must be unique appears more than once."""


class UnknownQuestionError(DataError):
    """A response column or header matches no question of the codebook."""


class InvitationError(DataError):
    """Invitation counts are missing, zero, or smaller than the responses received."""


class ValidationError(DataError):
    """Several data problems found at once.

    ``problems`` holds every :class:`DataError` found, in file order; the
    message lists them all, so one run of ``kalliola-analysis validate`` shows
    everything to fix.
    """

    def __init__(self, problems: Sequence[DataError], *, file: str | None = None) -> None:
        self.problems = list(problems)
        first = self.problems[0] if self.problems else None
        lines = "\n".join(f"  - {p}" for p in self.problems)
        n = len(self.problems)
        message = f"{n} problem{'s' if n != 1 else ''} found:\n{lines}"
        super().__init__(
            message,
            file=file,
            column=first.column if first else None,
            row=first.row if first else None,
        )

    def _render(self) -> str:  # the problems already carry their own locations
        return self.message if not self.file else f"{self.file}: {self.message}"

    def __reduce__(self):
        return (type(self), (self.problems,), {"file": self.file})

    def __setstate__(self, state):
        self.file = state.get("file")


def raise_problems(problems: Iterable[DataError], *, file: str | None = None) -> None:
    """Raise nothing, the single problem, or a :class:`ValidationError` of all.

    Examples
    --------
    >>> raise_problems([])
    >>> raise_problems([InvalidValueError("bad", column="x")])
    Traceback (most recent call last):
    ...
    kalliola_analysis.errors.InvalidValueError: column 'x': bad
    """
    problems = list(problems)
    if not problems:
        return
    if len(problems) == 1:
        raise problems[0]
    raise ValidationError(problems, file=file)


class ReportError(KalliolaError, RuntimeError):
    """A report could not be produced (a notebook cell failed, a time-out).

    Parameters
    ----------
    message : str
        What went wrong.
    notebook : str, optional
        Path of the executed notebook kept for debugging.
    cell : int, optional
        Index of the failing cell in that notebook.
    """

    def __init__(self, message: str, *, notebook: str | None = None, cell: int | None = None):
        self.notebook = notebook
        self.cell = cell
        super().__init__(message)


class DisclosureError(KalliolaError):
    """Published figures together reveal a hidden group (see :func:`~kalliola_analysis.audit_release`).

    Parameters
    ----------
    message : str
        What is exposed and why.
    dataset : str, optional
        The data set.
    period, group, question : str, optional
        Where: the period, the group (e.g. ``"unit=Hallinto"``) and the question.
    """

    def __init__(
        self,
        message: str,
        *,
        dataset: str | None = None,
        period: str | None = None,
        group: str | None = None,
        question: str | None = None,
    ) -> None:
        self.dataset, self.period, self.group, self.question = dataset, period, group, question
        super().__init__(message)

    def __reduce__(self):
        return (
            _rebuild_disclosure,
            (self.args[0], self.dataset, self.period, self.group, self.question),
        )


def _rebuild_disclosure(message, dataset, period, group, question):
    return DisclosureError(message, dataset=dataset, period=period, group=group, question=question)

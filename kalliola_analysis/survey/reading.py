"""Read survey exports into validated :class:`~kalliola_analysis.survey.data.Survey` objects.

:func:`read_survey` reads a survey folder (or one responses file), maps the
export's headers to the codebook's question ids and builds a
:class:`~kalliola_analysis.survey.data.Survey`, whose validation errors then name
the real file, the column as the file spells it and the row a spreadsheet
shows (header = row 1). The files themselves are read by
:mod:`kalliola_analysis.io.tables` (format detection, :func:`read_table`) and
``dataset.toml`` by :mod:`kalliola_analysis.io.dataset`; their public names are
re-exported here, as the package's API has always had them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from .._validation import check_option
from ..errors import (
    DataError,
    FileFormatError,
    MissingColumnError,
    ParameterError,
    ValidationError,
    raise_problems,
)
from ..io.dataset import read_dataset_toml
from ..io.numbers import numeric_column
from ..io.processed import MARKER, verify_processed
from ..io.tables import (
    LoadedTable,
    find_table,
    load_table,
    table_stem,
    table_suffix,
)
from .codebook import read_codebook_frame
from .data import Survey
from .engine import ENGINES, ProcessedResponses, trusted_responses
from .headers import map_headers
from .rounds import concat_rounds, find_responses, round_period
from .sources import FilePart, as_frame_part, relabel
from .validation import RESPONSE_KEYS, validate_invitations

__all__ = ["read_survey"]


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
        if table_suffix(resp_path) == ".parquet":
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

    cb_frame, cb_part, _ = as_frame_part(codebook, "codebook")
    parts = {"codebook": cb_part}
    try:
        cb = read_codebook_frame(cb_frame, file="codebook")
    except DataError as err:
        raise relabel(err, parts, label) from None
    if invitations is not None:
        inv_frame, inv_part, _ = as_frame_part(invitations, "invitations")
        parts["invitations"] = inv_part

    # One export, or one per round (several files, or a file named by its period).
    several = len(resp_files) > 1 or resp_files[0][1] is not None
    header_problems: list[DataError] = []
    unlisted: list[str] = []
    pieces: list[tuple[pd.DataFrame, LoadedTable]] = []
    qset = set(cb["question"])
    for resp_path, name_period in resp_files:
        table = load_table(resp_path, sheet=sheet)
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
            header_problems += round_period(frame, table, name_period, period)
        if "response_id" not in frame.columns:
            prefix = f"{table_stem(resp_path)}-" if several else ""
            frame.insert(0, "response_id", [f"{prefix}row-{r}" for r in frame.index])
        for c in frame.columns:
            if c in RESPONSE_KEYS or c in qset:
                continue
            if frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c].dtype):
                num = numeric_column(frame[c], table.decimal)
                if num is not None:
                    frame[c] = num
        pieces.append((frame, table))
    if several:  # a response id in two files is reported by Survey, naming both files
        frame, parts["responses"] = concat_rounds(pieces, label)
    else:
        frame, table = pieces[0]
        parts["responses"] = FilePart(table.file, frame.index, table.original)
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
                err = relabel(err, parts, label)
                row_problems = err.problems if isinstance(err, ValidationError) else [err]
        raise_problems(header_problems + row_problems, file=label)
    try:
        survey = Survey(frame, cb, inv)
    except DataError as err:
        raise relabel(err, parts, label) from None
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
    cb_frame, cb_part, _ = as_frame_part(find_table(folder, "codebook"), "codebook")
    try:
        cb = read_codebook_frame(cb_frame, file="codebook")
    except DataError as err:
        raise relabel(err, {"codebook": cb_part}, label) from None
    inv_path = find_table(folder, "invitations", required=False)
    inv = None
    if inv_path is not None:
        inv_frame, inv_part, _ = as_frame_part(inv_path, "invitations")
        try:
            inv = validate_invitations(inv_frame, None, "invitations")
        except DataError as err:
            raise relabel(err, {"invitations": inv_part}, label) from None
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

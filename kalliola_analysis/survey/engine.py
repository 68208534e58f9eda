"""The embedded engine for processed data: responses stay in Parquet, counts come from DuckDB.

A processed data set (written by ``prepare``) was validated when it was
written, and its ``manifest.json`` records the SHA-256 of every file. Reading
it therefore checks the checksums, not the contract again (see
:func:`kalliola_analysis.read_survey`), and with the default engine the
responses are not loaded at all: :class:`ProcessedResponses` stands for
``responses.parquet``, and the kernel of :mod:`kalliola_analysis.survey.counts`
asks it for the small table of answer counts per group -- one DuckDB
``GROUP BY`` scan with a ``count_if`` per answer option -- instead of
counting a pandas frame. Statistics, suppression and audit are computed from
those counts exactly as for a survey in memory.

The responses frame is loaded only when a function needs respondent rows
(free text, theme scores, drivers): :attr:`ProcessedResponses.view` answers
``columns``, ``len()`` and single columns without loading the rest.

DuckDB's budget is set per connection from the environment:
``KALLIOLA_DUCKDB_MEMORY`` (default ``"1GB"``) and ``KALLIOLA_DUCKDB_THREADS``
(default: the machine's cores, at most 2).
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import FileFormatError, OutOfRangeError, ParameterError

__all__ = [
    "ENGINES",
    "ProcessedResponses",
    "duckdb_settings",
    "trusted_responses",
]

#: The engines of :func:`kalliola_analysis.read_survey` for a processed folder.
ENGINES = ("duckdb", "pandas")
#: Environment variables that set DuckDB's memory limit and worker threads.
ENV_MEMORY = "KALLIOLA_DUCKDB_MEMORY"
ENV_THREADS = "KALLIOLA_DUCKDB_THREADS"
_DEFAULT_MEMORY = "1GB"

_STRING = pd.StringDtype("pyarrow")


def duckdb_settings() -> dict[str, str | int]:
    """DuckDB's ``memory_limit`` and ``threads`` for this process, from the environment.

    Examples
    --------
    >>> import os
    >>> os.environ["KALLIOLA_DUCKDB_THREADS"] = "1"
    >>> duckdb_settings()["threads"]
    1
    >>> del os.environ["KALLIOLA_DUCKDB_THREADS"]
    """
    memory = os.environ.get(ENV_MEMORY, "").strip() or _DEFAULT_MEMORY
    raw = os.environ.get(ENV_THREADS, "").strip()
    if raw:
        try:
            threads = int(raw)
        except ValueError:
            threads = 0
        if threads < 1:
            raise ParameterError(f"{ENV_THREADS} must be a whole number >= 1, got {raw!r}")
    else:
        threads = max(1, min(2, os.cpu_count() or 1))
    return {"memory_limit": memory, "threads": threads}


def _connect():
    import duckdb

    settings = duckdb_settings()
    con = duckdb.connect(":memory:")
    try:
        con.execute(f"SET memory_limit = '{_escape(str(settings['memory_limit']))}'")
        con.execute(f"SET threads = {int(settings['threads'])}")
    except duckdb.Error as exc:
        con.close()
        raise ParameterError(f"invalid DuckDB setting from the environment: {exc}") from None
    con.execute("SET preserve_insertion_order = false")
    return con


def _escape(text: str) -> str:
    return text.replace("'", "''")


def _ident(name: str) -> str:
    return '"' + str(name).replace('"', '""') + '"'


def trusted_responses(frame: pd.DataFrame) -> pd.DataFrame:
    """Give a processed responses table the dtypes a validated :class:`Survey` holds.

    Only dtypes change (text categories as ``string``, ``response_id`` as an
    Arrow string); no value is checked: ``prepare`` checked them, and the
    manifest's checksums prove the file is the one it wrote.

    Examples
    --------
    >>> import pandas as pd
    >>> f = trusted_responses(pd.DataFrame({"response_id": ["a"], "tenure": ["1-2 v"]}).astype(
    ...     {"tenure": "category"}))
    >>> str(f["tenure"].cat.categories.dtype), f["response_id"].dtype.storage
    ('string', 'pyarrow')
    """
    frame = frame.copy(deep=False)
    for c in frame.columns:
        frame[c] = _typed_column(frame[c])
    return frame


def _typed_column(col: pd.Series) -> pd.Series:
    dtype = col.dtype
    if col.name == "response_id":
        if not (isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow"):
            return col.astype(_STRING)
        return col
    if isinstance(dtype, pd.CategoricalDtype) and pd.api.types.is_string_dtype(
        dtype.categories.dtype
    ):
        # as Survey types them: period and unit categories ``str``, background ``string``;
        # renaming keeps the codes (set_categories would recode every row)
        kind = str if col.name in ("period", "unit") else "string"
        new = dtype.categories.astype(kind)
        if str(new.dtype) != str(dtype.categories.dtype):
            col = col.cat.rename_categories(new)
        if col.name == "period":  # months in order, whatever order the row groups gave
            cats = list(col.cat.categories)
            if cats != sorted(cats):
                return col.cat.reorder_categories(pd.Index(sorted(cats), dtype=str), ordered=True)
            if col.dtype.ordered:
                return col
            return col.astype(pd.CategoricalDtype(col.cat.categories, ordered=True))
        return col
    if pd.api.types.is_object_dtype(dtype):
        return col.astype("string")
    return col


class ProcessedResponses:
    """``responses.parquet`` of a processed data set, read only as far as needed.

    Parameters
    ----------
    path : pathlib.Path
        The responses file, already checked against the manifest.
    questions : list of str
        The codebook's questions (their columns are not cached one by one).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import pandas as pd
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "responses.parquet"
    >>> pd.DataFrame({"period": ["2023-11"] * 3, "q1": [1, 2, 2]}).to_parquet(p)
    >>> r = ProcessedResponses(p, ["q1"])
    >>> len(r.view), list(r.view.columns)
    (3, ['period', 'q1'])
    >>> r.query("SELECT q1, count(*) AS n FROM responses GROUP BY q1 ORDER BY q1")["n"].tolist()
    [1, 2]
    """

    def __init__(self, path: Path, questions: list[str]) -> None:
        import pyarrow.parquet as pq

        self.path = Path(path)
        self.file = str(self.path)
        try:
            meta = pq.read_metadata(self.path)
            schema = pq.read_schema(self.path)
        except (OSError, ValueError) as exc:
            raise FileFormatError(f"cannot read the file: {exc}", file=self.file) from None
        self.n_rows = int(meta.num_rows)
        names = [n for n in schema.names if not n.startswith("__index_level_")]
        self.columns = pd.Index(names, dtype=object)
        self._questions = set(questions)
        self._stat = self._signature()
        self._cache: dict[str, pd.Series] = {}
        self._present: dict[str, list[str]] = {}
        self._frame: pd.DataFrame | None = None
        self._con = None
        self._meta = meta  # read when the checksum had just been verified
        self.view = LazyResponses(self)

    # -- the file must stay the one whose checksum was verified -------------
    def _signature(self) -> tuple[int, int]:
        st = self.path.stat()
        return st.st_size, st.st_mtime_ns

    def check_unchanged(self) -> None:
        """Refuse a file changed since its checksum was verified on read."""
        try:
            same = self._signature() == self._stat
        except OSError:
            same = False
        if not same:
            raise FileFormatError(
                "the file changed after read_survey checked it against manifest.json; "
                "read the data set again (and run prepare if you changed it)",
                file=self.file,
            )

    # -- pandas ------------------------------------------------------------
    @property
    def loaded(self) -> bool:
        """Whether the whole frame is in memory."""
        return self._frame is not None

    def frame(self) -> pd.DataFrame:
        """The whole responses frame (loaded once, with the types a Survey holds)."""
        if self._frame is None:
            self.check_unchanged()
            self._frame = trusted_responses(pd.read_parquet(self.path))
            self._cache.clear()
        return self._frame

    def column(self, name: str) -> pd.Series:
        """One column, read alone unless the frame is loaded already."""
        if self._frame is not None:
            return self._frame[name]
        if name in self._cache:
            return self._cache[name]
        if name not in self.columns:
            raise KeyError(name)
        self.check_unchanged()
        col = _typed_column(pd.read_parquet(self.path, columns=[name])[name])
        if name not in self._questions:  # keys and background: small categoricals
            self._cache[name] = col
        return col

    def present(self, name: str) -> list[str]:
        """The values of a key column that occur (as text, sorted; computed once)."""
        if name not in self._present:
            col = self.column(name)
            if isinstance(col.dtype, pd.CategoricalDtype):
                codes = np.asarray(col.cat.codes)
                k = len(col.cat.categories)
                if codes.dtype == np.int8:  # -1 (missing) becomes 255: no filtering copy
                    mark = np.zeros(256, dtype=bool)
                    mark[codes.view(np.uint8)] = True
                    seen = mark[:k]
                else:
                    seen = np.bincount(codes[codes >= 0], minlength=k)[:k] > 0
                values = [str(v) for v in col.cat.categories[seen]]
            else:
                values = [str(v) for v in col.dropna().unique()]
            self._present[name] = sorted(values)
        return list(self._present[name])

    # -- DuckDB ------------------------------------------------------------
    def query(self, sql: str) -> pd.DataFrame:
        """Run ``sql``, in which the table ``responses`` is the Parquet file."""
        import duckdb

        self.check_unchanged()
        if self._con is None:
            self._con = _connect()
            self._con.execute(
                "CREATE VIEW responses AS SELECT * FROM read_parquet("
                f"'{_escape(str(self.path.resolve()))}', file_row_number = true)"
            )
        try:
            return self._con.execute(sql).df()
        except duckdb.OutOfMemoryException as exc:
            raise FileFormatError(
                f"DuckDB ran out of its memory limit ({exc}); raise {ENV_MEMORY}",
                file=self.file,
            ) from None

    def group_counts(
        self, by: list[str], questions: list[str], lo: np.ndarray, k: np.ndarray
    ) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
        """Respondents and answer counts per observed group of ``by``: one scan.

        Returns the group values (one row per group, in no particular order;
        a missing value is ``None``/NaN), the respondents per group and the
        counts ``[groups, questions, max(k)]``. An answer outside a
        question's scale raises :class:`OutOfRangeError` naming its row.
        """
        self.check_unchanged()
        keys = [f"{_ident(c)} AS g{i}" for i, c in enumerate(by)]
        aggs = ["count(*) AS n"]
        checked = [
            self._in_range(q, int(lo[j]), int(lo[j] + k[j] - 1)) for j, q in enumerate(questions)
        ]
        for j, q in enumerate(questions):
            if not checked[j]:  # the file's statistics do not prove the range: count to check
                aggs.append(f"count({_ident(q)}) AS q{j}_n")
            for i in range(int(k[j])):
                aggs.append(f"count_if({_ident(q)} = {int(lo[j]) + i}) AS q{j}_{i}")
        sql = f"SELECT {', '.join(keys + aggs)} FROM responses"
        if by:
            sql += " GROUP BY " + ", ".join(f"g{i}" for i in range(len(by)))
        result = self.query(sql)
        if not by and self.n_rows == 0:
            result = result.iloc[0:0]
        g = len(result)
        k_max = int(k.max()) if len(k) else 1
        counts = np.zeros((g, len(questions), k_max), dtype=np.int64)
        for j, q in enumerate(questions):
            for i in range(int(k[j])):
                # count_if is NULL in a group where the question has no answer at all
                counts[:, j, i] = result[f"q{j}_{i}"].fillna(0).to_numpy(dtype=np.int64)
            if checked[j]:
                continue
            answered = result[f"q{j}_n"].to_numpy(dtype=np.int64)
            if (counts[:, j, :].sum(axis=1) != answered).any():
                self._out_of_range(q, int(lo[j]), int(lo[j]) + int(k[j]) - 1)
        values = result[[f"g{i}" for i in range(len(by))]]
        values.columns = by
        return values, result["n"].to_numpy(dtype=np.int64), counts

    def _in_range(self, q: str, lo: int, hi: int) -> bool:
        """Whether the Parquet statistics (min and max per row group) prove ``lo <= q <= hi``."""
        meta = self._meta
        if meta.num_row_groups == 0:
            return True
        paths = [meta.row_group(0).column(c).path_in_schema for c in range(meta.num_columns)]
        if q not in paths:
            return False
        i = paths.index(q)
        for r in range(meta.num_row_groups):
            col = meta.row_group(r).column(i)
            st = col.statistics
            if col.num_values == 0 or st is None:
                return False
            if not st.has_min_max:
                if st.has_null_count and st.null_count == meta.row_group(r).num_rows:
                    continue  # nothing but missing answers in this row group
                return False
            if not (lo <= st.min and st.max <= hi):
                return False
        return True

    def _out_of_range(self, q: str, lo: int, hi: int) -> None:
        bad = self.query(
            f"SELECT file_row_number AS r, {_ident(q)} AS v FROM responses "
            f"WHERE {_ident(q)} NOT BETWEEN {lo} AND {hi} ORDER BY r LIMIT 1"
        )
        row = int(bad["r"].iloc[0]) + 2 if len(bad) else None
        value = bad["v"].iloc[0] if len(bad) else "?"
        raise OutOfRangeError(
            f"answer {value} is outside the scale {lo}-{hi}", file=self.file, column=q, row=row
        )

    def close(self) -> None:
        """Close the DuckDB connection (a later query opens a new one)."""
        if self._con is not None:
            self._con.close()
            self._con = None


class LazyResponses:
    """The responses of a lazy survey: ``columns``, ``len()`` and single columns on demand.

    Anything else a :class:`pandas.DataFrame` offers loads the whole frame
    once and is answered by it (``.loc``, ``.groupby``, ``.copy()`` ...).
    """

    __slots__ = ("_source",)

    def __init__(self, source: ProcessedResponses) -> None:
        self._source = source

    @property
    def columns(self) -> pd.Index:
        """The column names, without loading any data."""
        if self._source.loaded:
            return self._source.frame().columns
        return self._source.columns

    @property
    def index(self) -> pd.Index:
        """The row index (``RangeIndex``), without loading any data."""
        if self._source.loaded:
            return self._source.frame().index
        return pd.RangeIndex(self._source.n_rows)

    @property
    def shape(self) -> tuple[int, int]:
        """``(rows, columns)`` without loading any data."""
        return self._source.n_rows, len(self.columns)

    def __len__(self) -> int:
        return self._source.n_rows

    def __iter__(self):
        return iter(self.columns)

    def __contains__(self, name) -> bool:
        return name in self.columns

    def __getitem__(self, key):
        if isinstance(key, str) and key in self.columns:
            return self._source.column(key)
        return self._source.frame()[key]

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self._source.frame(), name)

    def __array__(self, dtype=None, copy=None):
        return np.asarray(self._source.frame(), dtype=dtype)

    def __repr__(self) -> str:
        return repr(self._source.frame())

    def _repr_html_(self) -> str | None:
        return self._source.frame()._repr_html_()

    def to_frame(self) -> pd.DataFrame:
        """The whole responses frame (loaded on first call)."""
        return self._source.frame()

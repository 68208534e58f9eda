"""Write processed data (typed Parquet, ``dataset.toml``, ``manifest.json``) and read it back.

:func:`write_processed` is the one way every preparer writes its output: the
tables as Parquet (:func:`write_parquet`), a copy of ``dataset.toml`` and a
``manifest.json`` with the SHA-256 of every raw input and every file written,
staged and swapped in as a whole (:mod:`.staging`). :func:`read_processed_table`
reads one table back after checking its checksum.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import pandas as pd

from .._version import __version__
from ..errors import FileFormatError, MissingColumnError
from .atomic import atomic_write, file_sha256
from .processed import MARKER, verify_processed
from .staging import (
    check_not_inside,
    check_ours,
    copy_dataset_toml,
    output_checksums,
    raw_files,
    staged,
    write_manifest,
)

__all__ = ["StreamedTable", "write_parquet", "write_processed", "read_processed_table"]


class StreamedTable:
    """A table :func:`write_processed` writes by calling ``write(path)``; ``len()`` is its rows.

    A preparer that writes a large table in batches passes one instead of a DataFrame.
    """

    def __init__(self, write: Callable[[Path], object], rows: int) -> None:
        self.write, self.rows = write, rows

    def __len__(self) -> int:
        return self.rows


def write_parquet(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write a DataFrame to Parquet atomically, without its index; object columns as strings.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table; its dtypes (``Int8``, categories, ``string``) are kept.
    path : str or pathlib.Path
        The ``.parquet`` file to write (see :func:`atomic_write`).

    Returns
    -------
    pathlib.Path
        ``path``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import pandas as pd
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.parquet"
    >>> _ = write_parquet(pd.DataFrame({"q1": pd.array([4, None], dtype="Int8")}), p)
    >>> pd.read_parquet(p)["q1"].dtype
    Int8Dtype()
    """
    frame = frame.reset_index(drop=True)
    for c in frame.columns:
        if frame[c].dtype == object:
            frame[c] = frame[c].astype("string")
    return atomic_write(path, lambda fh: frame.to_parquet(fh, index=False))


def write_processed(
    out_dir: str | Path,
    tables: Mapping[str, pd.DataFrame],
    *,
    raw_dir: str | Path,
    source_files: Iterable[str | Path] | None = None,
    kind: str,
    extra_manifest: Mapping | None = None,
) -> Path:
    """Write a processed data set: Parquet tables, ``dataset.toml`` and ``manifest.json``.

    The one way every preparer writes its output. ``out_dir`` must not
    overlap ``raw_dir`` (be it, lie inside it or contain it) and must hold
    only what ``prepare`` wrote before. The data set is written as a whole
    into a new sibling folder and then swapped in for ``out_dir`` (the
    previous one is kept until the swap and a failed write leaves it
    untouched); nothing records a time, so the same input gives the same
    bytes.

    Parameters
    ----------
    out_dir : str or pathlib.Path
        The processed folder; created if missing.
    tables : mapping of str to pandas.DataFrame
        ``{name: table}``, each written to ``<name>.parquet`` by
        :func:`write_parquet`, in the mapping's order.
    raw_dir : str or pathlib.Path
        The raw folder (only read): its ``dataset.toml`` is copied when present.
    source_files : iterable of path, optional
        The raw input files whose SHA-256 the manifest records (besides
        ``dataset.toml``, always recorded when present). Default: every file
        of ``raw_dir`` except hidden files and Office lock files (``~$``).
    kind : str
        The data set kind (``"pulse"``, ``"followup"`` ...), the manifest's ``kind``.
    extra_manifest : mapping, optional
        More manifest entries (``periods``, ``groups`` ...); they override the
        defaults below.

    Returns
    -------
    pathlib.Path
        ``out_dir``, whose ``manifest.json`` holds ``kind``,
        ``dropped_columns`` (default ``[]``), ``package_version``, ``rows``
        ({table: number of rows}), ``source_files`` ({raw file name: sha256}),
        ``files`` ({written file name: sha256}) and ``prepared_by``
        (``"kalliola_analysis.prepare"``), plus ``extra_manifest``.

    Raises
    ------
    kalliola_analysis.errors.ParameterError
        ``out_dir`` overlaps ``raw_dir`` or holds files ``prepare`` did not write.

    Examples
    --------
    >>> import json, tempfile, pathlib
    >>> import pandas as pd
    >>> import kalliola_analysis as ka
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "indicators"
    >>> _ = write_processed(out, {"t": pd.DataFrame({"a": [1, 2]})},
    ...                     raw_dir=ka.demo_path("indicators"), kind="indicators",
    ...                     source_files=[ka.demo_path("indicators") / "values.csv"])
    >>> sorted(p.name for p in out.iterdir())
    ['dataset.toml', 'manifest.json', 't.parquet']
    >>> manifest = json.loads((out / "manifest.json").read_text())
    >>> manifest["rows"], sorted(manifest["source_files"])
    ({'t': 2}, ['dataset.toml', 'values.csv'])
    """
    raw_dir, out_dir = Path(raw_dir), Path(out_dir)
    check_not_inside(raw_dir, out_dir)
    check_ours(out_dir)
    inputs = raw_files(raw_dir) if source_files is None else [Path(p) for p in source_files]
    with staged(out_dir) as tmp:
        for name, frame in tables.items():
            if isinstance(frame, StreamedTable):
                frame.write(tmp / f"{name}.parquet")
            else:
                write_parquet(frame, tmp / f"{name}.parquet")
        toml = copy_dataset_toml(raw_dir, tmp)
        if toml is not None:
            inputs.append(toml)
        manifest = {
            "kind": kind,
            "dropped_columns": [],
            "package_version": __version__,
            "rows": {name: int(len(frame)) for name, frame in tables.items()},
            "source_files": {p.name: file_sha256(p) for p in sorted(set(inputs))},
        }
        manifest.update(extra_manifest or {})
        manifest["prepared_by"] = MARKER
        manifest["files"] = output_checksums(tmp)
        write_manifest(tmp, manifest)
    return out_dir


def read_processed_table(path: str | Path, *, columns: Iterable[str] = ()) -> pd.DataFrame:
    """Read one Parquet table of a processed data set, checking the columns it must have.

    Parameters
    ----------
    path : str or pathlib.Path
        A ``.parquet`` file written by :func:`write_processed`.
    columns : iterable of str, default ()
        Columns the table must hold.

    Returns
    -------
    pandas.DataFrame
        The table with its stored dtypes.

    Raises
    ------
    kalliola_analysis.errors.MissingColumnError
        A required column is missing (the first one is named).
    kalliola_analysis.errors.FileFormatError
        The folder's ``manifest.json`` does not list the file, or its SHA-256
        differs from the one recorded (see
        :func:`kalliola_analysis.io.processed.verify_processed`).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import pandas as pd
    >>> p = write_parquet(pd.DataFrame({"a": [1]}), pathlib.Path(tempfile.mkdtemp()) / "t.parquet")
    >>> read_processed_table(p, columns=["a"])["a"].tolist()
    [1]
    >>> from kalliola_analysis.errors import MissingColumnError
    >>> try:
    ...     read_processed_table(p, columns=["a", "b"])
    ... except MissingColumnError as exc:
    ...     exc.column
    'b'
    """
    path = Path(path)
    verify_processed(path.parent, only=[path.name])
    if not path.is_file():
        raise FileFormatError("the processed file does not exist; run prepare", file=str(path))
    frame = pd.read_parquet(path)
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise MissingColumnError(
            f"processed file lacks {missing}", file=str(path), column=missing[0]
        )
    return frame

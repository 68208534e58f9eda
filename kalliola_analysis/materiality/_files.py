"""Reading a materiality folder (raw CSV/XLSX or processed Parquet) and preparing it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import FileFormatError
from ..io.dataset import read_dataset_toml
from ..io.pseudonyms import pseudonym, salt_for
from ..io.tables import find_table, read_table
from ..io.writing import read_processed_table, write_processed
from ._data import TABLES, Materiality

__all__ = ["read_materiality", "prepare_materiality"]


def _read(path: Path) -> pd.DataFrame:
    """One table, indexed by the row a spreadsheet shows (header = 1)."""
    if path.suffix.lower() == ".parquet":  # processed: keep the stored dtypes
        df = read_processed_table(path)
        return df.set_axis(pd.RangeIndex(2, len(df) + 2))
    # ids stay text even when they look like numbers ("007", "12")
    return read_table(path, text_columns=("visit_id", "group", "round", "topic"), source=path.name)


def _meta(folder: Path) -> dict[str, Any]:
    toml = folder / "dataset.toml"
    if not toml.exists():
        return {}
    meta = read_dataset_toml(toml)
    if meta["kind"] != "materiality":
        raise FileFormatError(
            f"kind is {meta['kind']!r}, not 'materiality'", file=str(toml), column="kind"
        )
    return meta


def read_materiality(path: str | os.PathLike) -> Materiality:
    """Read and validate a materiality data set from a raw or a processed folder.

    Parameters
    ----------
    path : str or path-like
        A folder holding ``visits``, ``prioritisations`` and ``topics`` as
        ``.csv``/``.xlsx`` (raw) or ``.parquet`` (written by
        :func:`prepare_materiality`), and optionally ``dataset.toml``.

    Returns
    -------
    Materiality
        The validated, typed data set, with ``meta`` from ``dataset.toml``.

    Raises
    ------
    kalliola_analysis.errors.DataError
        A file is missing, unreadable, or breaks the data contract.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> m = ka.read_materiality(ka.demo_path("materiality"))
    >>> len(m.visits), len(m.prioritisations), m.groups
    (410, 4686, ['Asiakkaat', 'Henkilöstö', 'Yhteistyökumppanit'])
    """
    folder = Path(path)
    if not folder.is_dir():
        raise FileFormatError("not a folder of a materiality data set", file=str(folder))
    meta = _meta(folder)
    frames, files = {}, {}
    for name in TABLES:
        found = find_table(folder, name)
        frames[name] = _read(found)
        files[name] = found.name
    return Materiality(
        frames["visits"],
        frames["prioritisations"],
        frames["topics"],
        meta=meta,
        source=str(folder),
        files=files,
    )


def prepare_materiality(
    raw_dir: str | os.PathLike, out_dir: str | os.PathLike, *, salt: str | None = None
) -> Path:
    """Validate a raw materiality folder and write it as typed, pseudonymised Parquet.

    Writes ``visits.parquet``, ``prioritisations.parquet``, ``topics.parquet``,
    a copy of ``dataset.toml`` and ``manifest.json`` (the sha256 of each raw
    input file) to ``out_dir``; each file is written to a temporary file in
    the same folder and moved into place, so a reader never sees half a file.
    The raw folder is only read. Visit ids (which an export may fill with a
    user id or an e-mail address) become salted SHA-256 pseudonyms, as
    response ids do in :func:`kalliola_analysis.prepare_all`.

    Parameters
    ----------
    raw_dir : str or path-like
        The raw folder (CSV/XLSX).
    out_dir : str or path-like
        The processed folder; created if missing.
    salt : str, optional
        The pseudonymisation salt. Default: ``$KALLIOLA_SALT``, else the
        ``.salt`` file of the nearest ancestor of ``out_dir`` that has one,
        else a new random salt stored in ``out_dir.parent/.salt`` (the rule of
        :func:`kalliola_analysis.prepare.prepare_dataset`).

    Returns
    -------
    pathlib.Path
        ``out_dir``.

    Examples
    --------
    >>> import tempfile, kalliola_analysis as ka
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     out = ka.prepare_materiality(ka.demo_path("materiality"), tmp, salt="esimerkki")
    ...     sorted(p.name for p in out.iterdir())
    ['dataset.toml', 'manifest.json', 'prioritisations.parquet', 'topics.parquet', 'visits.parquet']
    """
    raw, out = Path(raw_dir), Path(out_dir)
    m = read_materiality(raw)
    key = salt_for(out, salt)
    ids = {v: pseudonym(v, key) for v in m.visits["visit_id"]}
    tables = {
        "visits": m.visits.assign(visit_id=m.visits["visit_id"].map(ids).astype("string")),
        "prioritisations": m.prioritisations.assign(
            visit_id=m.prioritisations["visit_id"].map(ids).astype("string")
        ),
        "topics": m.topics,
    }
    return write_processed(
        out,
        tables,
        raw_dir=raw,
        kind="materiality",
        extra_manifest={"groups": m.groups, "period": m.period},
    )

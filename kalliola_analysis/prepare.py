"""Turn raw data folders into typed, pseudonymised Parquet (``data/processed``).

``prepare`` is the one step that writes data. It reads every data set under
the raw root (a folder with a ``dataset.toml``, found by
:func:`~kalliola_analysis.io.dataset.find_datasets`), and hands it to the
preparer of its kind (:mod:`kalliola_analysis.kinds`), which validates it
with the same readers the analysis uses and writes ``<processed
root>/<same relative path>/``:

- ``responses.parquet``, ``codebook.parquet``, ``invitations.parquet`` for
  surveys (kinds ``pulse`` and ``feedback``, :mod:`kalliola_analysis.survey.prepare`),
  with explicit dtypes;
- whatever the kind's own preparer writes for ``materiality``, ``followup``
  and ``indicators``;
- a copy of ``dataset.toml`` and a ``manifest.json`` with the SHA-256 of every
  raw input file, the dropped columns and row counts (no time stamps: the
  output is deterministic).

Privacy: response ids become salted SHA-256 pseudonyms; columns that hold
direct identifiers (names, e-mail addresses, phone numbers, personal identity
codes, IP addresses) are dropped, found by their name or their content; e-mail
addresses, phone numbers and identity codes inside free-text answers are
replaced with ``[poistettu]`` (:mod:`kalliola_analysis.io.pseudonyms`). A data
set is written as a whole (:mod:`kalliola_analysis.io.staging`): into a new
sibling folder, swapped in for the previous one by renames, so an interrupted
run leaves the previous data set intact; its ``manifest.json`` records the
SHA-256 of every file written (``files``), which the readers check. Raw files
are only ever read, and ``prepare`` refuses an output folder that overlaps
the raw tree or holds files it did not write.

Large exports: a survey whose one responses file is a Parquet file of at
least :data:`~kalliola_analysis.survey.stream.STREAM_MIN_BYTES` (64 MB, some
5 million rows) is validated and
written in batches of rows, without holding every row in pandas (10 million
rows: peak 0.8 GB instead of 2.1 GB); the output and every error message are
those of the in-memory path, which prepares everything else (CSV, Excel and
SPSS exports of any size, exports per round, headers to map) and any data
with a problem.
"""

from __future__ import annotations

import json
from pathlib import Path

from . import kinds
from ._version import __version__
from .errors import FileFormatError, ParameterError
from .io.atomic import file_sha256
from .io.dataset import DATASET_FILE, find_datasets, read_dataset_toml
from .io.processed import MANIFEST, MARKER
from .io.pseudonyms import SALT_FILE, resolve_salt
from .io.staging import (
    check_not_inside,
    check_ours,
    copy_dataset_toml,
    output_checksums,
    raw_files,
    staged,
    write_manifest,
)

__all__ = ["prepare_dataset", "prepare_all", "find_datasets"]


class Prepared(list):
    """The output folders written by :func:`prepare_all`, and what was skipped.

    A list of :class:`pathlib.Path`; ``skipped`` holds ``(raw folder, reason)``
    pairs for data sets whose kind has no preparer installed.
    """

    def __init__(self, paths=(), skipped=()):
        super().__init__(paths)
        self.skipped: list[tuple[Path, str]] = list(skipped)


def prepare_dataset(
    raw_dir: str | Path, processed_dir: str | Path, *, salt: str | None = None
) -> Path:
    """Validate one data folder and write its processed copy.

    Parameters
    ----------
    raw_dir : str or pathlib.Path
        A folder with a ``dataset.toml`` (read only, never written).
    processed_dir : str or pathlib.Path
        Where to write; created if missing. Must not overlap ``raw_dir`` or
        hold files ``prepare`` did not write.
    salt : str, optional
        The pseudonymisation salt. Default: ``$KALLIOLA_SALT``, else the
        ``.salt`` file of the nearest ancestor of ``processed_dir`` that has
        one, else a new random salt stored in ``processed_dir.parent/.salt``.

    Returns
    -------
    pathlib.Path
        ``processed_dir``, holding the Parquet files, ``dataset.toml`` and
        ``manifest.json`` (keys ``kind``, ``source_files`` {name: sha256},
        ``dropped_columns``, ``redacted_text_answers``, ``rows`` {table: n},
        ``periods``, ``package_version``).

    Raises
    ------
    kalliola_analysis.errors.DataError
        The data breaks the contract (nothing is written for it then).
    kalliola_analysis.errors.ParameterError
        No preparer is installed for the kind, or the folders overlap.

    Notes
    -----
    A survey exported as one Parquet file of at least
    :data:`~kalliola_analysis.survey.stream.STREAM_MIN_BYTES` and headed by contract names is prepared in batches of rows: the ids,
    periods, units and background columns are checked over the whole file,
    the answers batch by batch. The output is the same as from memory; on
    any problem in the data the in-memory path runs and reports it.

    Examples
    --------
    >>> import tempfile, pathlib, json
    >>> import kalliola_analysis as ka
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "pulse"
    >>> _ = prepare_dataset(ka.demo_path("pulse"), out, salt="esimerkki")
    >>> sorted(p.name for p in out.iterdir())
    ['codebook.parquet', 'dataset.toml', 'invitations.parquet', 'manifest.json', 'responses.parquet']
    >>> json.loads((out / "manifest.json").read_text())["periods"]
    ['2022-10', '2023-05', '2023-11']
    """
    raw_dir, processed_dir = Path(raw_dir), Path(processed_dir)
    toml_path = raw_dir / DATASET_FILE
    if not toml_path.is_file():
        raise FileFormatError("no dataset.toml: not a data set folder", file=str(raw_dir))
    kind = kinds.get_kind(read_dataset_toml(toml_path)["kind"])
    check_not_inside(raw_dir, processed_dir)
    check_ours(processed_dir)
    if kind.prepare is None:
        raise ParameterError(f"no preparer is installed for kind {kind.name!r}")
    if kind.writes_own_folder:
        return kind.prepare(raw_dir, processed_dir, salt=salt)
    import pyarrow.parquet as pq

    with staged(processed_dir) as tmp:
        kind.prepare(raw_dir, tmp, salt=salt)
        # Complete what the kind's preparer wrote (the built-in ones write it all
        # with write_processed; a registered one may not): keep its own entries.
        manifest: dict = {
            "kind": kind.name,
            "dropped_columns": [],
            "package_version": __version__,
            "rows": {p.stem: pq.read_metadata(p).num_rows for p in sorted(tmp.glob("*.parquet"))},
        }
        own = tmp / MANIFEST
        if own.is_file():
            manifest.update(json.loads(own.read_text(encoding="utf-8")))
        manifest.setdefault("source_files", {})
        manifest["source_files"].update({p.name: file_sha256(p) for p in raw_files(raw_dir)})
        manifest["kind"] = kind.name
        copy_dataset_toml(raw_dir, tmp)
        manifest["prepared_by"] = MARKER
        manifest["files"] = output_checksums(tmp)
        write_manifest(tmp, manifest)
    return processed_dir


def prepare_all(
    raw_root: str | Path, processed_root: str | Path, *, salt: str | None = None
) -> Prepared:
    """Prepare every data set under ``raw_root`` into the same layout under ``processed_root``.

    Parameters
    ----------
    raw_root : str or pathlib.Path
        E.g. ``data/raw``; every folder below it with a ``dataset.toml`` is a
        data set, prepared according to its ``kind``.
    processed_root : str or pathlib.Path
        E.g. ``data/processed``; ``<raw_root>/feedback/kesapaivat`` is written
        to ``<processed_root>/feedback/kesapaivat``.
    salt : str, optional
        The pseudonymisation salt. Default: ``$KALLIOLA_SALT``, else
        ``<processed_root>/.salt``, created once with a random value (keep it
        out of version control; with a new salt the pseudonyms change).

    Returns
    -------
    Prepared
        The output folders (a list of :class:`pathlib.Path`); ``.skipped``
        lists ``(raw folder, reason)`` for kinds without an installed preparer.

    Raises
    ------
    kalliola_analysis.errors.DataError
        The first data set that breaks the contract; folders prepared before
        it are complete, it and later ones are untouched.
    kalliola_analysis.errors.ParameterError
        ``processed_root`` overlaps ``raw_root`` in either direction (is it,
        lies inside it, or contains it), or holds files ``prepare`` did not
        write (another raw data set, say): it is never written then.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import kalliola_analysis as ka
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> done = ka.prepare_all(ka.demo_path("pulse").parent, out, salt="esimerkki")
    >>> (out / "pulse" / "responses.parquet").is_file()
    True
    """
    raw_root, processed_root = Path(raw_root), Path(processed_root)
    if not raw_root.is_dir():
        raise FileFormatError("the raw data folder does not exist", file=str(raw_root))
    check_not_inside(raw_root, processed_root)
    check_ours(processed_root)
    folders = find_datasets(raw_root)
    result = Prepared()
    resolved: str | None = None
    for folder in folders:
        kind = read_dataset_toml(folder / DATASET_FILE)["kind"]
        if kinds.get_kind(kind).prepare is None:
            result.skipped.append((folder, f"no preparer installed for kind {kind!r}"))
            continue
        if resolved is None:
            resolved = resolve_salt(salt, processed_root / SALT_FILE)
        out = processed_root / folder.relative_to(raw_root)
        result.append(prepare_dataset(folder, out, salt=resolved))
    return result

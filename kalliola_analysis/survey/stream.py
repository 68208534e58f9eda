"""Large Parquet survey exports, validated and written in batches of rows.

A survey whose one responses file is a Parquet file of at least
:data:`STREAM_MIN_BYTES` (64 MB, some 5 million rows) is validated and written
in batches, without holding every row in pandas (10 million rows: peak 0.8 GB
instead of 2.1 GB); the output and every error message are those of the
in-memory path (:func:`.prepare.prepare_survey`), which prepares everything
else and any data with a problem.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import KalliolaError
from ..io.atomic import atomic_write
from ..io.numbers import numeric_column
from ..io.processed import MANIFEST
from ..io.pseudonyms import identifier_columns, pseudonym_bytes, salt_for
from ..io.tables import find_table, string_categories, table_suffix
from ..io.writing import StreamedTable, write_processed
from .codebook import read_codebook_frame
from .headers import map_headers
from .pseudonymise import pseudonymised_rows
from .rounds import find_responses
from .sources import as_frame_part
from .validation import (
    RESPONSE_KEYS,
    validate_invitations,
    validate_periods,
    validate_responses,
    validate_units,
)

__all__ = ["STREAM_MIN_BYTES", "prepare_streaming"]

#: A raw ``responses.parquet`` at least this large (bytes) is prepared in batches
#: (:func:`_prepare_streaming`, about 64 MB: some 5 million rows); smaller files,
#: and CSV, Excel and SPSS exports of any size, are read into memory.
STREAM_MIN_BYTES = 64 * 2**20
#: Rows per batch of the streaming path.
_STREAM_BATCH_ROWS = 500_000


class _NotStreamed(Exception):
    """The streaming path does not apply: the in-memory path prepares the data set."""


def _arrow_frame(table) -> pd.DataFrame:
    """An Arrow table as :func:`pandas.read_parquet` converts it (same dtypes)."""
    try:
        from pandas.io._util import arrow_table_to_pandas
    except ImportError:  # pragma: no cover - another pandas: the public round trip
        import io

        import pyarrow.parquet as pq

        buf = io.BytesIO()
        pq.write_table(table, buf)
        buf.seek(0)
        return pd.read_parquet(buf)
    return arrow_table_to_pandas(table)


def prepare_streaming(
    raw_dir: Path, processed_dir: Path, kind: str, salt: str | None
) -> Path | None:
    """Prepare a survey whose responses are one large Parquet file in batches, or return None.

    The same output as the in-memory path (``read_survey`` + ``pseudonymised``
    + :func:`write_processed`) without holding every row in pandas. Periods,
    units and background columns are read whole and typed with the in-memory
    functions (period and unit checks, invitation coverage, numeric text,
    identifier columns); every batch of rows is validated with
    ``validate_responses`` (answers, empty ids), given those whole-file
    columns, pseudonymised, redacted and appended to the Parquet file; ids
    repeated across batches are found from the 8 bytes of their pseudonyms
    (sorted, 80 MB for 10 million). It applies to a folder whose one responses
    file is a Parquet file of at least :data:`STREAM_MIN_BYTES` headed by
    contract names (``response_id``, ``period``, ``unit``, question ids,
    background columns) with Arrow-string ids. Anything else, and ANY problem
    in the data, returns None before anything is swapped in (the staging
    folder is removed): the in-memory path then prepares the data set or
    reports the problems with their usual messages, files, columns and rows.
    Background columns are held whole (a free-text background column of
    10 million rows would cost its size in memory).
    """
    try:
        return _stream_survey(raw_dir, processed_dir, kind, salt)
    except _NotStreamed:
        return None
    except (KalliolaError, OSError, ValueError, KeyError, TypeError):
        return None  # reported by the in-memory path, exactly as always


def _stream_survey(raw_dir: Path, processed_dir: Path, kind: str, salt: str | None) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    resp_files = find_responses(raw_dir)
    if len(resp_files) != 1 or resp_files[0][1] is not None:
        raise _NotStreamed("one export per round")
    path = resp_files[0][0]
    if table_suffix(path) != ".parquet" or path.stat().st_size < STREAM_MIN_BYTES:
        raise _NotStreamed("not a large Parquet file")
    if (raw_dir / MANIFEST).exists():
        raise _NotStreamed("a manifest: read_survey may trust the folder")
    pf = pq.ParquetFile(path)
    names = list(pf.schema_arrow.names)
    if len(set(names)) != len(names) or any(not n or n != n.strip() for n in names):
        raise _NotStreamed("headers to clean")

    # The codebook and invitations exactly as read_survey and Survey read them.
    cb_frame, cb_part, _ = as_frame_part(find_table(raw_dir, "codebook"), "codebook")
    cb_read = read_codebook_frame(cb_frame, file="codebook")
    cb = read_codebook_frame(cb_read, file="codebook")
    inv_path = find_table(raw_dir, "invitations", required=False)
    inv_frame = as_frame_part(inv_path, "invitations")[0] if inv_path is not None else None
    questions = [str(q) for q in cb["question"]]
    texts = [str(q) for q in cb.loc[cb["type"] == "text", "question"]]
    qset = set(questions)
    if not set(RESPONSE_KEYS) | qset <= set(names):
        raise _NotStreamed("columns missing")
    background = [c for c in names if c not in RESPONSE_KEYS and c not in qset]
    metadata = pf.schema_arrow.metadata

    def batches():
        start = 0
        for batch in pf.iter_batches(batch_size=_STREAM_BATCH_ROWS):
            table = pa.Table.from_batches([batch]).replace_schema_metadata(metadata)
            frame = string_categories(_arrow_frame(table))
            frame.index = pd.RangeIndex(start + 2, start + 2 + len(frame))
            yield start, frame
            start += len(frame)

    # The header maps to itself (no renames, no problems).
    _, head = next(batches())
    mapped, _, problems = map_headers(
        head,
        str(path),
        cb_read,
        rename={},
        id_column=None,
        background=set(),
        codebook_file=cb_part.file,
        guessed=[],
    )
    if problems or list(mapped.columns) != names:
        raise _NotStreamed("the header maps to other names")
    rid_dtype = head["response_id"].dtype
    if not (isinstance(rid_dtype, pd.StringDtype) and rid_dtype.storage == "pyarrow"):
        raise _NotStreamed("ids that are not Arrow strings (the in-memory path strips them)")
    del head, mapped

    n = pf.metadata.num_rows
    if n == 0:
        raise _NotStreamed("no rows")
    # Periods, units and background columns over the whole file, typed as in memory.
    keys = string_categories(pd.read_parquet(path, columns=["period", "unit", *background]))
    keys.index = pd.RangeIndex(n)
    problems = []
    whole = {"period": validate_periods(keys["period"], "responses", problems)}
    whole["unit"] = validate_units(keys["unit"], "responses", problems)
    for c in background:
        col = keys[c]
        if col.dtype == object or pd.api.types.is_string_dtype(col.dtype):
            num = numeric_column(col, None)
            if num is not None:
                col = num
        if col.dtype == object or pd.api.types.is_string_dtype(col.dtype):
            col = col.astype("string").astype("category")
        whole[c] = col
    del keys
    if problems:
        raise _NotStreamed("period or unit problems")
    dropped = identifier_columns(pd.DataFrame({c: whole[c] for c in background}), questions)
    for c in dropped:
        del whole[c]
    invitations = None
    if inv_frame is not None:
        invitations = validate_invitations(
            inv_frame,
            pd.DataFrame({"period": whole["period"], "unit": whole["unit"]}),
            "invitations",
        )
    periods = sorted(str(p) for p in whole["period"].unique())
    salt_value = salt_for(processed_dir, salt)
    extra = {"dropped_columns": dropped, "redacted_text_answers": 0, "periods": periods}

    def fill(fh) -> None:
        # Ids: empty ones and repeats within a batch are _validate_responses' findings;
        # repeats across batches show in the 8 bytes of their pseudonyms, computed anyway:
        # all different, they prove the ids different; equal ones (a repeated id, or a
        # collision of 64-bit pseudonyms) leave the decision to the in-memory path.
        writer, schema, written, seen = None, None, 0, []
        try:
            for start, frame in batches():
                typed = validate_responses(frame, cb, "responses")
                stop = start + len(typed)
                for c, col in whole.items():
                    typed[c] = col.iloc[start:stop].set_axis(typed.index)
                raw_ids = [pseudonym_bytes(v, salt_value) for v in typed["response_id"]]
                seen.append(np.frombuffer(b"".join(raw_ids), dtype=">u8"))
                ids = [b.hex() for b in raw_ids]
                del raw_ids
                out, redacted = pseudonymised_rows(typed, dropped, texts, salt_value, ids=ids)
                extra["redacted_text_answers"] += redacted
                for c in out.columns:  # as write_parquet
                    if out[c].dtype == object:
                        out[c] = out[c].astype("string")
                table = pa.Table.from_pandas(out, preserve_index=False)
                if writer is None:
                    schema = table.schema
                    writer = pq.ParquetWriter(fh, schema, compression="snappy")
                elif not table.schema.equals(schema, check_metadata=True):
                    raise _NotStreamed("batches typed differently")
                writer.write_table(table)
                written = stop
        finally:
            if writer is not None:
                writer.close()
        if written != n:
            raise _NotStreamed("rows lost")
        seen = np.sort(np.concatenate(seen))
        if bool((seen[1:] == seen[:-1]).any()):
            raise _NotStreamed("a repeated id (or pseudonym)")

    tables: dict = {"responses": StreamedTable(lambda target: atomic_write(target, fill), n)}
    tables["codebook"] = cb
    if invitations is not None:
        tables["invitations"] = invitations
    return write_processed(processed_dir, tables, raw_dir=raw_dir, kind=kind, extra_manifest=extra)

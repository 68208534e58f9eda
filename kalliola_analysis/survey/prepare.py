"""Prepare a survey data set: pseudonymised, typed Parquet in ``data/processed``.

:func:`prepare_survey` is the preparer of the survey kinds (``pulse``,
``feedback``): it reads the raw folder with :func:`~kalliola_analysis.read_survey`,
drops identifier columns, pseudonymises the response ids, redacts contact
details in free-text answers (:mod:`kalliola_analysis.io.pseudonyms`) and writes
the tables with :func:`~kalliola_analysis.io.writing.write_processed`. A large
Parquet export is prepared in batches (:mod:`.stream`).
"""

from __future__ import annotations

from pathlib import Path

from ..io.pseudonyms import salt_for
from ..io.writing import write_processed
from .pseudonymise import pseudonymised
from .reading import read_survey
from .stream import prepare_streaming

__all__ = ["prepare_survey"]


def prepare_survey(
    raw_dir: Path, processed_dir: Path, *, kind: str, salt: str | None = None
) -> Path:
    """Write the processed copy of one survey folder (``responses``, ``codebook``, ``invitations``).

    The caller (:func:`kalliola_analysis.prepare_dataset`) has checked the
    folders; a large Parquet export goes through :func:`.stream.prepare_streaming`.
    """
    streamed = prepare_streaming(raw_dir, processed_dir, kind, salt)
    if streamed is not None:
        return streamed
    survey = read_survey(raw_dir)
    responses, dropped, redacted = pseudonymised(survey, salt_for(processed_dir, salt))
    tables = {"responses": responses, "codebook": survey.codebook}
    if survey.invitations is not None:
        tables["invitations"] = survey.invitations
    return write_processed(
        processed_dir,
        tables,
        raw_dir=raw_dir,
        kind=kind,
        extra_manifest={
            "dropped_columns": dropped,
            "redacted_text_answers": redacted,
            "periods": survey.periods,
        },
    )

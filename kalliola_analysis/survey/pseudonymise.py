"""A survey's responses pseudonymised: identifier columns dropped, ids hashed, texts redacted."""

from __future__ import annotations

import pandas as pd

from ..io.pseudonyms import identifier_columns, pseudonym, redact_text
from .data import Survey

__all__ = ["pseudonymised", "pseudonymised_rows"]


def pseudonymised(survey: Survey, salt: str) -> tuple[pd.DataFrame, list[str], int]:
    """The responses with identifier columns dropped, ids pseudonymised, texts redacted.

    Also returns the dropped columns and how many text answers were redacted.
    """
    r = survey.responses
    dropped = identifier_columns(r, survey.questions())
    r, redacted = pseudonymised_rows(r, dropped, survey.questions("text"), salt)
    return r, dropped, redacted


def pseudonymised_rows(
    r: pd.DataFrame, dropped: list[str], texts: list[str], salt: str, *, ids: list | None = None
) -> tuple[pd.DataFrame, int]:
    """Rows with ``dropped`` left out, ids pseudonymised and ``texts`` redacted; and how many.

    ``ids``: the pseudonyms of ``r["response_id"]`` when the caller computed them.
    """
    r = r.copy(deep=False)  # columns are replaced, never written into
    r = r.drop(columns=dropped)
    if ids is None:
        ids = [pseudonym(v, salt) for v in r["response_id"]]
    r["response_id"] = pd.array(ids, dtype="string")
    redacted = 0
    for q in texts:
        col = r[q]
        new = col.map(redact_text, na_action="ignore").astype("string")
        redacted += int((new != col).fillna(False).sum())
        r[q] = new
    return r.reset_index(drop=True), redacted

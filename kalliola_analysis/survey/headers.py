"""Map the header row of a survey export to the codebook's question ids.

Webropol and Microsoft Forms head their columns with the question texts;
contract files with the ids. :func:`map_headers` recognises both, the id,
period and unit columns under the names survey tools give them, and the
columns the tools add, and reports a header that looks like a question but
matches none.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping

import pandas as pd

from ..errors import DataError, DuplicateError, MissingColumnError, UnknownQuestionError
from .data import RESPONSE_KEYS

__all__ = ["map_headers", "META_COLUMNS", "ID_ALIASES"]

_INT = re.compile(r"^[+-]?(?:0|[1-9]\d*)$")

# Header aliases of survey tools (compared after whitespace normalisation and casefold).
ID_ALIASES = frozenset(
    {
        "id",
        "response id",
        "responseid",
        "respondent",
        "respondent id",
        "vastaaja",
        "vastaaja-id",
        "vastaajaid",
        "vastaajan id",
        "vastaajatunnus",
        "vastauksen id",
        "vastaustunnus",
    }
)
_PERIOD_ALIASES = frozenset({"kausi", "jakso", "ajanjakso"})
_UNIT_ALIASES = frozenset({"yksikkö", "yksikko", "toimintayksikkö"})
#: Columns survey tools add that are not questions (kept as background columns;
#: ``prepare`` drops the identifying ones).
META_COLUMNS = frozenset(
    {
        "start time",
        "completion time",
        "last modified time",
        "email",
        "e-mail",
        "name",
        "total points",
        "quiz feedback",
        "grade posted time",
        "language",
        "vastausaika",
        "vastauspäivä",
        "vastauksen aloitusaika",
        "aloitusaika",
        "lopetusaika",
        "valmistumisaika",
        "kesto",
        "kieli",
        "sähköposti",
        "nimi",
        "ip-osoite",
        "ip address",
    }
)


def _norm(text) -> str:
    return " ".join(str(text).split()).casefold()


_NUMBERING = re.compile(r"^\d+(?:\.\d+)*[.)]?\s+")
_ID_LIKE = re.compile(r"^([A-Za-z_]+)\d+\w*$")


def _looks_like_question(header: str, qids: list[str]) -> bool:
    if len(header) > 40 or header.rstrip().endswith("?") or len(header.split()) >= 5:
        return True
    m = _ID_LIKE.match(header)
    if m:
        prefix = m.group(1).casefold()
        return any(
            _ID_LIKE.match(q) and _ID_LIKE.match(q).group(1).casefold() == prefix for q in qids
        )
    return False


def _is_row_counter(col: pd.Series) -> bool:
    s = col.dropna().astype(str).str.strip()
    if len(s) != len(col) or not s.str.match(_INT).all():
        return False
    v = s.astype(int).to_numpy()
    return bool((v == range(1, len(v) + 1)).all() or (v == range(len(v))).all())


def map_headers(
    table: pd.DataFrame,
    file: str,
    codebook: pd.DataFrame,
    *,
    rename: Mapping[str, str],
    id_column: str | None,
    background: set[str],
    codebook_file: str,
    guessed: list[str] | None = None,
) -> tuple[pd.DataFrame, dict[str, str], list[DataError]]:
    """Rename an export's columns to contract names and question ids.

    Returns the renamed frame, ``{contract name: header in the file}`` and the
    problems found (unknown, duplicate or missing question columns; each names
    the file, the header and row 1). With problems, the frame holds the
    columns that did map (renamed), so that the rows can still be checked.
    ``guessed``, if given, receives the headers kept as background columns
    only because they look like one (short, not question-like): each may be
    a question missing from the codebook.
    """
    frame = table.rename(columns=dict(rename))
    qids = [str(q) for q in codebook["question"]]
    qset = set(qids)
    by_text: dict[str, str] = {}
    for row in codebook.itertuples(index=False):
        for text in (row.text_fi, row.text_en):
            if text and str(text).strip():
                by_text.setdefault(_norm(text), str(row.question))
    names = [str(c) for c in frame.columns]
    exact = set(names)
    problems: list[DataError] = []
    target: dict[str, str] = {}
    drop: list[str] = []
    guessed = guessed if guessed is not None else []
    bad: set[str] = set()

    def by_question_text(name: str) -> str | None:
        n = _norm(name)
        return by_text.get(n) or by_text.get(_NUMBERING.sub("", n))

    text_header = any(n not in qset and by_question_text(n) for n in names)
    if id_column is not None and id_column not in exact:
        problems.append(
            MissingColumnError(
                f"id_column {id_column!r} is not a column of the file; it has {names}",
                file=file,
                column=id_column,
            )
        )
    for name in names:
        n = _norm(name)
        if id_column is not None and name == id_column:
            target[name] = "response_id"
        elif name in qset or name in RESPONSE_KEYS or name in background:
            target[name] = name
        elif by_question_text(name):
            target[name] = by_question_text(name)
        elif n in ID_ALIASES and "response_id" not in exact and id_column is None:
            target[name] = "response_id"
        elif n in _PERIOD_ALIASES and "period" not in exact:
            target[name] = "period"
        elif n in _UNIT_ALIASES and "unit" not in exact:
            target[name] = "unit"
        elif n in META_COLUMNS:
            target[name] = name
        elif name.startswith("Unnamed: ") and _is_row_counter(frame[name]):
            drop.append(name)  # row names written by R or pandas
        elif text_header or name.startswith("Unnamed: ") or _looks_like_question(name, qids):
            what = "a column without a header" if name.startswith("Unnamed: ") else "the header"
            close = difflib.get_close_matches(n, list(by_text) + [q.casefold() for q in qids], 1)
            hint = ""
            if close:
                q = by_text.get(close[0]) or next(x for x in qids if x.casefold() == close[0])
                hint = f"; the closest codebook question is {q!r}"
            bad.add(name)
            problems.append(
                UnknownQuestionError(
                    f"{what} {name!r} matches no question of the codebook ({codebook_file}){hint}. "
                    "Add the question to the codebook, or declare the column as background "
                    "(background=[...] or rename=)",
                    file=file,
                    column=name,
                    row=1,
                )
            )
        else:
            target[name] = name  # a background column (short name, not question-like)
            guessed.append(name)
    # A guessed background column that resembles a question missing from the file is a
    # misspelt question id ("team_spirt" for "team_spirit"), not background.
    missing = [q for q in qids if q not in target.values()]
    for name in guessed:
        close = difflib.get_close_matches(name.casefold(), [q.casefold() for q in missing], 1, 0.8)
        if close:
            q = next(x for x in missing if x.casefold() == close[0])
            bad.add(name)
            problems.append(
                UnknownQuestionError(
                    f"the header {name!r} matches no question of the codebook ({codebook_file}) "
                    f"and the question {q!r} is missing: a misspelt question id?",
                    file=file,
                    column=name,
                    row=1,
                )
            )
    first: dict[str, str] = {}
    for name, t in target.items():
        if t in first:
            bad.add(name)
            problems.append(
                DuplicateError(
                    f"columns {first[t]!r} and {name!r} both map to {t!r}",
                    file=file,
                    column=name,
                    row=1,
                )
            )
        else:
            first[t] = name
    if problems:
        if missing:
            problems.append(
                MissingColumnError(
                    f"no column for the codebook question(s) {missing}",
                    file=file,
                    column=missing[0],
                )
            )
        keep = {n: t for n, t in target.items() if n not in bad and t not in missing}
        partial = frame[[n for n in frame.columns if n in keep]].rename(columns=keep)
        reverse = {v: k for k, v in rename.items()}
        return partial, {t: reverse.get(n, n) for n, t in keep.items()}, problems
    frame = frame.drop(columns=drop).rename(columns=target)
    reverse_rename = {v: k for k, v in rename.items()}
    return frame, {t: reverse_rename.get(n, n) for n, t in target.items()}, problems

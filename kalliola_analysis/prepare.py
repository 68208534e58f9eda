"""Turn raw data folders into typed, pseudonymised Parquet (``data/processed``).

``prepare`` is the one step that writes data. It reads every data set under
the raw root (a folder with a ``dataset.toml``), validates it with the same
readers the analysis uses, and writes ``<processed root>/<same relative
path>/``:

- ``responses.parquet``, ``codebook.parquet``, ``invitations.parquet`` for
  surveys (kinds ``pulse`` and ``feedback``), with explicit dtypes;
- whatever the kind's own preparer writes for ``materiality``, ``followup``
  and ``indicators``;
- a copy of ``dataset.toml`` and a ``manifest.json`` with the SHA-256 of every
  raw input file, the dropped columns and row counts (no time stamps: the
  output is deterministic).

Privacy: response ids become salted SHA-256 pseudonyms; columns that hold
direct identifiers (names, e-mail addresses, phone numbers, personal identity
codes, IP addresses) are dropped, found by their name or their content; e-mail
addresses, phone numbers and identity codes inside free-text answers are
replaced with ``[poistettu]``. A data set is written as a whole: into a new
sibling folder, swapped in for the previous one by renames, so an interrupted
run leaves the previous data set intact; its ``manifest.json`` records the
SHA-256 of every file written (``files``), which the readers check. Raw files
are only ever read, and ``prepare`` refuses an output folder that overlaps
the raw tree or holds files it did not write.

Large exports: a survey whose one responses file is a Parquet file of at
least :data:`STREAM_MIN_BYTES` (64 MB, some 5 million rows) is validated and
written in batches of rows, without holding every row in pandas (10 million
rows: peak 0.8 GB instead of 2.1 GB); the output and every error message are
those of the in-memory path, which prepares everything else (CSV, Excel and
SPSS exports of any size, exports per round, headers to map) and any data
with a problem.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import json
import os
import re
import secrets
import shutil
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from ._version import __version__
from .errors import FileFormatError, KalliolaError, MissingColumnError, ParameterError
from .io.atomic import atomic_write, exchange_paths, file_sha256, fsync_dir
from .io.processed import MANIFEST, MARKER, foreign_files, verify_processed
from .survey.data import RESPONSE_KEYS, Survey
from .survey.reading import read_dataset_toml, read_survey

__all__ = [
    "REDACTED",
    "SURVEY_KINDS",
    "PREPARERS",
    "prepare_dataset",
    "prepare_all",
    "find_datasets",
    "pseudonym",
    "redact_text",
    "identifier_columns",
    "atomic_write",
    "write_parquet",
    "write_processed",
    "read_processed_table",
]

#: What replaces an e-mail address, phone number or identity code in free text.
REDACTED = "[poistettu]"
#: Kinds whose folders are surveys read by :func:`~kalliola_analysis.read_survey`.
SURVEY_KINDS = ("pulse", "feedback")
#: Other kinds -> ``"module:function"`` called as ``function(raw_dir, out_dir, salt=salt)``;
#: the built-in preparers write their output with :func:`write_processed`.
PREPARERS = {
    "materiality": "kalliola_analysis.materiality:prepare_materiality",
    "followup": "kalliola_analysis.followup.data:prepare_followup",
    "indicators": "kalliola_analysis.followup.indicator_data:prepare_indicators",
}

_ID_LENGTH = 16
_SALT_FILE = ".salt"

#: An e-mail address (what :func:`_email_spans` finds; kept for reference and tests).
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_LOCAL_CHAR = re.compile(r"[\w.+-]")
_DOMAIN = re.compile(r"[\w-]+(?:\.[\w-]+)+")
#: The longest local part (before ``@``) of an e-mail address (RFC 5321).
_MAX_LOCAL = 64
_PHONE = re.compile(r"(?<![\w+])(?:\+\d{1,3}[ -]?(?:\(0\)[ -]?)?\d|0\d)(?:[ -]?\d){5,11}(?!\w)")
_HETU = re.compile(r"\b\d{6}[-+A-FU-Y]\d{3}[0-9A-FHJ-NPR-Y]\b")
_IDENTIFIER_WORDS = frozenset(
    {
        "name",
        "nimi",
        "etunimi",
        "sukunimi",
        "firstname",
        "lastname",
        "fullname",
        "email",
        "e-mail",
        "sähköposti",
        "sähköpostiosoite",
        "sposti",
        "s-posti",
        "phone",
        "puhelin",
        "puhelinnumero",
        "mobile",
        "matkapuhelin",
        "hetu",
        "henkilötunnus",
        "ssn",
        "ip",
        "ip-osoite",
        "address",
        "osoite",
        "katuosoite",
    }
)
_IDENTIFIER_COMPACT = frozenset(
    {"emailaddress", "ipaddress", "phonenumber", "personalid", "socialsecuritynumber"}
)
#: Response time stamps that survey tools add: not needed for analysis, and a
#: colleague who saw someone answer at 10:02 could recognise the response.
_TIMESTAMP_COLUMNS = frozenset(
    {
        "start time",
        "completion time",
        "last modified time",
        "grade posted time",
        "vastausaika",
        "vastauspäivä",
        "vastauksen aloitusaika",
        "aloitusaika",
        "lopetusaika",
        "valmistumisaika",
        "timestamp",
        "aikaleima",
    }
)


class Prepared(list):
    """The output folders written by :func:`prepare_all`, and what was skipped.

    A list of :class:`pathlib.Path`; ``skipped`` holds ``(raw folder, reason)``
    pairs for data sets whose kind has no preparer installed.
    """

    def __init__(self, paths=(), skipped=()):
        super().__init__(paths)
        self.skipped: list[tuple[Path, str]] = list(skipped)


# ---------------------------------------------------------------------------
# privacy


def pseudonym(value: str, salt: str) -> str:
    """Return the salted SHA-256 pseudonym of an id (16 hex characters).

    Parameters
    ----------
    value : str
        The original response id.
    salt : str
        The secret salt; the same salt always gives the same pseudonym.

    Returns
    -------
    str
        The first 16 hex characters of ``sha256(salt + "\\0" + value)``.

    Examples
    --------
    >>> pseudonym("r1", "suola")
    '2a60ba875ee7337f'
    >>> pseudonym("r1", "suola") == pseudonym("r1", "toinen")
    False
    """
    return _pseudonym_bytes(value, salt).hex()


def _pseudonym_bytes(value: str, salt: str) -> bytes:
    """The 8 bytes whose hex is :func:`pseudonym` (the first 16 hex characters of the SHA-256)."""
    return hashlib.sha256(f"{salt}\x00{value}".encode()).digest()[: _ID_LENGTH // 2]


def _email_spans(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of each e-mail address in ``text``, in one linear scan.

    The regular expression ``[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+`` applied with
    :func:`re.sub` is quadratic in the length of a run of word characters
    without an ``@`` (every start position scans the whole run). Here each
    ``@`` is the anchor: the local part is read leftwards (at most 64
    characters, and never into the previous match), the domain rightwards
    with an anchored match, which stops at the next ``@``; so every character
    is looked at a bounded number of times.
    """
    spans: list[tuple[int, int]] = []
    prev = 0
    at = text.find("@")
    while at != -1:
        start = at
        floor = max(prev, at - _MAX_LOCAL)
        while start > floor and _LOCAL_CHAR.match(text, start - 1):
            start -= 1
        if start < at:
            m = _DOMAIN.match(text, at + 1)
            if m:
                spans.append((start, m.end()))
                prev = m.end()
                at = text.find("@", prev)
                continue
        at = text.find("@", at + 1)
    return spans


def _redact_emails(text: str) -> str:
    spans = _email_spans(text)
    if not spans:
        return text
    parts, last = [], 0
    for start, end in spans:
        parts += [text[last:start], REDACTED]
        last = end
    parts.append(text[last:])
    return "".join(parts)


def redact_text(text: str) -> str:
    """Replace e-mail addresses, phone numbers and identity codes with ``[poistettu]``.

    Parameters
    ----------
    text : str
        A free-text answer.

    Returns
    -------
    str
        The text with each e-mail address, Finnish personal identity code and
        phone number (``040 123 4567``, ``+358 40 1234567``, ``09-310 1234``)
        replaced; year ranges, times and dates are left alone.

    Examples
    --------
    >>> redact_text("Soita 040-123 4567 tai maili maija@example.fi, kiitos 2022-2023!")
    'Soita [poistettu] tai maili [poistettu], kiitos 2022-2023!'

    The time taken grows linearly with the length of the text (see
    ``benchmarks/redaction.py``).
    """
    text = _redact_emails(text)
    for pattern in (_HETU, _PHONE):
        text = pattern.sub(REDACTED, text)
    return text


def _is_identifier_name(column: str) -> bool:
    n = str(column).strip().casefold()
    words = {w for w in re.split(r"[^\w-]+|_", n) if w}
    compact = re.sub(r"[\W_]+", "", n)
    return (
        bool(words & _IDENTIFIER_WORDS)
        or compact in _IDENTIFIER_COMPACT
        or " ".join(n.split()) in _TIMESTAMP_COLUMNS
    )


def _valid_hetu(text: str) -> bool:
    """Whether ``text`` holds a Finnish personal identity code whose checksum is right."""
    from stdnum.fi import hetu

    return any(hetu.is_valid(m.group(0)) for m in _HETU.finditer(text))


def _holds_identifiers(col: pd.Series) -> bool:
    values = col.dropna()
    if values.empty or pd.api.types.is_numeric_dtype(values.dtype):
        return False
    text = pd.Series(values.astype(str).unique())
    return bool(
        any(_email_spans(v) for v in text if "@" in v)
        or any(_valid_hetu(v) for v in text[text.str.contains(_HETU)])
        or text.str.fullmatch(r"\s*" + _PHONE.pattern + r"\s*").any()
    )


def identifier_columns(responses: pd.DataFrame, questions: list[str]) -> list[str]:
    """Background columns that identify respondents, by name or by content.

    Direct identifiers (names, e-mail addresses, phone numbers, Finnish
    personal identity codes that pass the checksum, IP addresses) and the response time stamps survey tools add (``Start
    time``, ``Completion time``, ``Vastausaika`` ...).

    Keys (``response_id``, ``period``, ``unit``) and question columns are never
    listed; free-text answers are redacted instead (:func:`redact_text`).

    Parameters
    ----------
    responses : pandas.DataFrame
        The responses table.
    questions : list of str
        The question columns (never listed).

    Returns
    -------
    list of str
        The columns named like an identifier (``name``, ``nimi``, ``email``,
        ``sähköposti``, ``puhelin``, ``hetu``, ``ip address``, ``Start time``
        ...) or holding an e-mail address, identity code or phone number, in
        column order.

    Examples
    --------
    >>> import pandas as pd
    >>> r = pd.DataFrame({"response_id": ["a"], "Email": ["x@y.fi"], "tiimi": ["b@c.fi"],
    ...                   "rooli": ["esihenkilö"], "q1": [3]})
    >>> identifier_columns(r, ["q1"])
    ['Email', 'tiimi']
    """
    skip = set(RESPONSE_KEYS) | set(questions)
    return [
        c
        for c in responses.columns
        if c not in skip and (_is_identifier_name(c) or _holds_identifiers(responses[c]))
    ]


def _pseudonymised(survey: Survey, salt: str) -> tuple[pd.DataFrame, list[str], int]:
    r = survey.responses
    dropped = identifier_columns(r, survey.questions())
    r, redacted = _pseudonymised_rows(r, dropped, survey.questions("text"), salt)
    return r, dropped, redacted


def _pseudonymised_rows(
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


# ---------------------------------------------------------------------------
# atomic writing


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


def _overlap(raw: Path, out: Path) -> str | None:
    """How ``out`` overlaps ``raw`` (``"is"``, ``"lies inside"``, ``"contains"``), or None."""
    raw_r, out_r = raw.resolve(), out.resolve()
    if out_r == raw_r:
        return "is"
    if raw_r in out_r.parents:
        return "lies inside"
    if out_r in raw_r.parents:
        return "contains"
    return None


def _check_not_inside(raw: Path, out: Path) -> None:
    how = _overlap(raw, out)
    if how is not None:
        raise ParameterError(
            f"the processed folder {str(out)!r} {how} the raw folder {str(raw)!r}; raw data is "
            "never written and prepare replaces its output folder as a whole: choose a "
            "processed folder outside the raw tree (default data/processed)"
        )


def _check_ours(out: Path) -> None:
    """Refuse to replace a folder holding files ``prepare`` did not write."""
    if out.exists() and not out.is_dir():
        raise ParameterError(f"the processed folder {str(out)!r} is a file, not a folder")
    foreign = foreign_files(out)
    if foreign:
        shown = ", ".join(foreign[:5]) + (" ..." if len(foreign) > 5 else "")
        raise ParameterError(
            f"the processed folder {str(out)!r} holds files prepare did not write ({shown}); "
            "prepare replaces its output folders as a whole and never deletes other files: "
            "choose an empty or a processed folder (default data/processed)"
        )


# ---------------------------------------------------------------------------
# a data set written as a whole


def _leftovers(out: Path) -> list[Path]:
    return sorted(out.parent.glob(f".{out.name}.new-*")) + sorted(
        out.parent.glob(f".{out.name}.old-*")
    )


def _recover(out: Path) -> None:
    """Undo what an interrupted swap left: restore a moved-away data set, drop the rest."""
    if not out.parent.is_dir():
        return
    for old in sorted(out.parent.glob(f".{out.name}.old-*")):
        kept = old / out.name
        if not out.exists() and kept.is_dir():
            os.replace(kept, out)
    for p in _leftovers(out):
        shutil.rmtree(p, ignore_errors=True)


def _swap_in(staging: Path, out: Path) -> None:
    """Replace ``out`` by the complete folder ``staging``, keeping ``out`` until the swap.

    Nested data sets (sub-folders) and hidden files (``.salt``) of the old
    folder move into the new one first. Then the new folder takes the old
    one's place in ONE atomic exchange on Linux
    (``renameat2(RENAME_EXCHANGE)``, :func:`exchange_paths`), the parent
    folder is ``fsync``-ed and the old copy removed. A reader sees the whole
    old data set or the whole new one. Where the system cannot exchange, two
    renames within one folder do it (if the process is killed between them,
    no folder: a clear error, and the next ``prepare`` restores or replaces it).
    """
    if out.is_dir():
        for child in sorted(out.iterdir()):
            if (child.is_dir() or child.name.startswith(".")) and not (
                staging / child.name
            ).exists():
                os.replace(child, staging / child.name)
        if exchange_paths(staging, out):  # one atomic step: never a moment without `out`
            fsync_dir(out.parent)
            shutil.rmtree(staging, ignore_errors=True)  # now the old data set
            return
        old = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.old-"))
        os.replace(out, old / out.name)
        os.replace(staging, out)
        fsync_dir(out.parent)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(staging, out)
        fsync_dir(out.parent)


@contextlib.contextmanager
def _staged(out: Path):
    """A new sibling folder to write a data set into; swapped in for ``out`` on success."""
    out.parent.mkdir(parents=True, exist_ok=True)
    _recover(out)
    staging = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.new-"))
    try:
        yield staging
        _swap_in(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _output_checksums(folder: Path) -> dict[str, str]:
    """``{file name: sha256}`` of every file ``prepare`` wrote to ``folder`` (not the manifest)."""
    return {
        p.name: file_sha256(p)
        for p in sorted(folder.iterdir())
        if p.is_file() and p.name != MANIFEST and not p.name.startswith(".")
    }


def _raw_files(raw_dir: Path) -> list[Path]:
    """Every input file of a raw folder (hidden files and Office lock files ``~$`` left out)."""
    return [
        p for p in sorted(raw_dir.iterdir()) if p.is_file() and not p.name.startswith((".", "~$"))
    ]


def _copy_dataset_toml(raw_dir: Path, out_dir: Path) -> Path | None:
    """Copy ``dataset.toml`` atomically when ``raw_dir`` has one; return the raw file."""
    toml = raw_dir / "dataset.toml"
    if not toml.is_file():
        return None
    data = toml.read_bytes()
    atomic_write(out_dir / "dataset.toml", lambda fh: fh.write(data))
    return toml


def _write_manifest(out_dir: Path, manifest: Mapping) -> Path:
    """Write ``manifest.json`` atomically: sorted keys, no time stamps (deterministic)."""
    text = json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    return atomic_write(out_dir / "manifest.json", lambda fh: fh.write(text.encode("utf-8")))


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
    _check_not_inside(raw_dir, out_dir)
    _check_ours(out_dir)
    inputs = _raw_files(raw_dir) if source_files is None else [Path(p) for p in source_files]
    with _staged(out_dir) as tmp:
        for name, frame in tables.items():
            if isinstance(frame, _Streamed):
                frame.write(tmp / f"{name}.parquet")
            else:
                write_parquet(frame, tmp / f"{name}.parquet")
        toml = _copy_dataset_toml(raw_dir, tmp)
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
        manifest["files"] = _output_checksums(tmp)
        _write_manifest(tmp, manifest)
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


# ---------------------------------------------------------------------------
# salt


def _salt_from(path: Path) -> str:
    """The salt stored in ``path``, created once with :mod:`secrets` when missing."""
    try:
        return path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    value = secrets.token_hex(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another run created it a moment ago
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(value + "\n")
    return value


def _resolve_salt(salt: str | None, salt_file: Path) -> str:
    if salt is not None:
        if not isinstance(salt, str) or not salt:
            raise ParameterError(f"salt must be a non-empty string, got {salt!r}")
        return salt
    env = os.environ.get("KALLIOLA_SALT")
    if env:
        return env
    return _salt_from(salt_file)


def _salt_for(out_dir: Path, salt: str | None) -> str:
    """The salt for one data set: ``salt``, ``$KALLIOLA_SALT``, else the nearest ``.salt``.

    The nearest ``.salt`` is that of ``out_dir`` or its closest ancestor that
    has one, else a new one in ``out_dir.parent``.
    """
    if salt is not None or os.environ.get("KALLIOLA_SALT"):
        return _resolve_salt(salt, out_dir.parent / _SALT_FILE)
    found = next(
        (p / _SALT_FILE for p in (out_dir, *out_dir.parents) if (p / _SALT_FILE).is_file()),
        out_dir.parent / _SALT_FILE,
    )
    return _resolve_salt(None, found)


# ---------------------------------------------------------------------------
# preparing


def _preparer(kind: str) -> Callable | None:
    target = PREPARERS.get(kind)
    if target is None:
        return None
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)


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
    A survey exported as one Parquet file of at least :data:`STREAM_MIN_BYTES`
    and headed by contract names is prepared in batches of rows: the ids,
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
    toml_path = raw_dir / "dataset.toml"
    if not toml_path.is_file():
        raise FileFormatError("no dataset.toml: not a data set folder", file=str(raw_dir))
    doc = read_dataset_toml(toml_path)
    kind = doc["kind"]
    _check_not_inside(raw_dir, processed_dir)
    _check_ours(processed_dir)
    if kind in SURVEY_KINDS:
        streamed = _prepare_streaming(raw_dir, processed_dir, kind, salt)
        if streamed is not None:
            return streamed
        survey = read_survey(raw_dir)
        responses, dropped, redacted = _pseudonymised(survey, _salt_for(processed_dir, salt))
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
    fn = _preparer(kind)
    if fn is None:
        raise ParameterError(
            f"no preparer is installed for kind {kind!r} ({PREPARERS.get(kind, 'unknown')})"
        )
    import pyarrow.parquet as pq

    with _staged(processed_dir) as tmp:
        fn(raw_dir, tmp, salt=salt)
        # Complete what the kind's preparer wrote (the built-in ones write it all
        # with write_processed; a registered one may not): keep its own entries.
        manifest: dict = {
            "kind": kind,
            "dropped_columns": [],
            "package_version": __version__,
            "rows": {p.stem: pq.read_metadata(p).num_rows for p in sorted(tmp.glob("*.parquet"))},
        }
        own = tmp / MANIFEST
        if own.is_file():
            manifest.update(json.loads(own.read_text(encoding="utf-8")))
        manifest.setdefault("source_files", {})
        manifest["source_files"].update({p.name: file_sha256(p) for p in _raw_files(raw_dir)})
        manifest["kind"] = kind
        _copy_dataset_toml(raw_dir, tmp)
        manifest["prepared_by"] = MARKER
        manifest["files"] = _output_checksums(tmp)
        _write_manifest(tmp, manifest)
    return processed_dir


# ---------------------------------------------------------------------------
# large Parquet exports: validated and written in batches

#: A raw ``responses.parquet`` at least this large (bytes) is prepared in batches
#: (:func:`_prepare_streaming`, about 64 MB: some 5 million rows); smaller files,
#: and CSV, Excel and SPSS exports of any size, are read into memory.
STREAM_MIN_BYTES = 64 * 2**20
#: Rows per batch of the streaming path.
_STREAM_BATCH_ROWS = 500_000


class _NotStreamed(Exception):
    """The streaming path does not apply: the in-memory path prepares the data set."""


class _Streamed:
    """A table :func:`write_processed` writes by calling ``write(path)``; ``len()`` is its rows."""

    def __init__(self, write: Callable[[Path], object], rows: int) -> None:
        self.write, self.rows = write, rows

    def __len__(self) -> int:
        return self.rows


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


def _prepare_streaming(
    raw_dir: Path, processed_dir: Path, kind: str, salt: str | None
) -> Path | None:
    """Prepare a survey whose responses are one large Parquet file in batches, or return None.

    The same output as the in-memory path (``read_survey`` + ``_pseudonymised``
    + :func:`write_processed`) without holding every row in pandas. Periods,
    units and background columns are read whole and typed with the in-memory
    functions (period and unit checks, invitation coverage, numeric text,
    identifier columns); every batch of rows is validated with
    ``_validate_responses`` (answers, empty ids), given those whole-file
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

    from .survey.codebook import read_codebook_frame
    from .survey.headers import map_headers
    from .survey.reading import (
        _as_frame_part,
        _numeric,
        _string_categories,
        _suffix,
        find_responses,
        find_table,
    )
    from .survey.validation import validate_invitations as _validate_invitations
    from .survey.validation import validate_periods as _periods
    from .survey.validation import validate_responses as _validate_responses
    from .survey.validation import validate_units as _units

    resp_files = find_responses(raw_dir)
    if len(resp_files) != 1 or resp_files[0][1] is not None:
        raise _NotStreamed("one export per round")
    path = resp_files[0][0]
    if _suffix(path) != ".parquet" or path.stat().st_size < STREAM_MIN_BYTES:
        raise _NotStreamed("not a large Parquet file")
    if (raw_dir / MANIFEST).exists():
        raise _NotStreamed("a manifest: read_survey may trust the folder")
    pf = pq.ParquetFile(path)
    names = list(pf.schema_arrow.names)
    if len(set(names)) != len(names) or any(not n or n != n.strip() for n in names):
        raise _NotStreamed("headers to clean")

    # The codebook and invitations exactly as read_survey and Survey read them.
    cb_frame, cb_part, _ = _as_frame_part(find_table(raw_dir, "codebook"), "codebook")
    cb_read = read_codebook_frame(cb_frame, file="codebook")
    cb = read_codebook_frame(cb_read, file="codebook")
    inv_path = find_table(raw_dir, "invitations", required=False)
    inv_frame = _as_frame_part(inv_path, "invitations")[0] if inv_path is not None else None
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
            frame = _string_categories(_arrow_frame(table))
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
    keys = _string_categories(pd.read_parquet(path, columns=["period", "unit", *background]))
    keys.index = pd.RangeIndex(n)
    problems = []
    whole = {"period": _periods(keys["period"], "responses", problems)}
    whole["unit"] = _units(keys["unit"], "responses", problems)
    for c in background:
        col = keys[c]
        if col.dtype == object or pd.api.types.is_string_dtype(col.dtype):
            num = _numeric(col, None)
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
        invitations = _validate_invitations(
            inv_frame,
            pd.DataFrame({"period": whole["period"], "unit": whole["unit"]}),
            "invitations",
        )
    periods = sorted(str(p) for p in whole["period"].unique())
    salt_value = _salt_for(processed_dir, salt)
    extra = {"dropped_columns": dropped, "redacted_text_answers": 0, "periods": periods}

    def fill(fh) -> None:
        # Ids: empty ones and repeats within a batch are _validate_responses' findings;
        # repeats across batches show in the 8 bytes of their pseudonyms, computed anyway:
        # all different, they prove the ids different; equal ones (a repeated id, or a
        # collision of 64-bit pseudonyms) leave the decision to the in-memory path.
        writer, schema, written, seen = None, None, 0, []
        try:
            for start, frame in batches():
                typed = _validate_responses(frame, cb, "responses")
                stop = start + len(typed)
                for c, col in whole.items():
                    typed[c] = col.iloc[start:stop].set_axis(typed.index)
                raw_ids = [_pseudonym_bytes(v, salt_value) for v in typed["response_id"]]
                seen.append(np.frombuffer(b"".join(raw_ids), dtype=">u8"))
                ids = [b.hex() for b in raw_ids]
                del raw_ids
                out, redacted = _pseudonymised_rows(typed, dropped, texts, salt_value, ids=ids)
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

    tables: dict = {"responses": _Streamed(lambda target: atomic_write(target, fill), n)}
    tables["codebook"] = cb
    if invitations is not None:
        tables["invitations"] = invitations
    return write_processed(processed_dir, tables, raw_dir=raw_dir, kind=kind, extra_manifest=extra)


def find_datasets(root: str | Path) -> list[Path]:
    """Return the folders under ``root`` (itself included) that hold a ``dataset.toml``.

    Parameters
    ----------
    root : str or pathlib.Path
        E.g. ``data/raw``. Hidden folders are skipped.

    Returns
    -------
    list of pathlib.Path
        The data set folders, sorted.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> [p.name for p in find_datasets(ka.demo_path("pulse"))]
    ['pulse']
    """
    root = Path(root)
    return sorted(
        p.parent
        for p in root.rglob("dataset.toml")
        if not any(part.startswith(".") for part in p.relative_to(root).parts[:-1])
    )


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
    _check_not_inside(raw_root, processed_root)
    _check_ours(processed_root)
    folders = find_datasets(raw_root)
    result = Prepared()
    resolved: str | None = None
    for folder in folders:
        kind = read_dataset_toml(folder / "dataset.toml")["kind"]
        if kind not in SURVEY_KINDS and _preparer(kind) is None:
            result.skipped.append((folder, f"no preparer installed for kind {kind!r}"))
            continue
        if resolved is None:
            resolved = _resolve_salt(salt, processed_root / _SALT_FILE)
        out = processed_root / folder.relative_to(raw_root)
        result.append(prepare_dataset(folder, out, salt=resolved))
    return result

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

import pandas as pd

from ._atomic import atomic_write, exchange_paths, file_sha256, fsync_dir
from ._processed import MANIFEST, MARKER, foreign_files, verify_processed
from ._version import __version__
from .errors import FileFormatError, MissingColumnError, ParameterError
from .readers import read_dataset_toml, read_survey
from .survey import RESPONSE_KEYS, Survey

__all__ = [
    "REDACTED",
    "SURVEY_KINDS",
    "PREPARERS",
    "Prepared",
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
    "followup": "kalliola_analysis.followup:prepare_followup",
    "indicators": "kalliola_analysis.indicators:prepare_indicators",
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
    return hashlib.sha256(f"{salt}\x00{value}".encode()).hexdigest()[:_ID_LENGTH]


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
    r = survey.responses.copy(deep=False)  # columns are replaced, never written into
    dropped = identifier_columns(r, survey.questions())
    r = r.drop(columns=dropped)
    r["response_id"] = pd.array([pseudonym(v, salt) for v in r["response_id"]], dtype="string")
    redacted = 0
    for q in survey.questions("text"):
        col = r[q]
        new = col.map(redact_text, na_action="ignore").astype("string")
        redacted += int((new != col).fillna(False).sum())
        r[q] = new
    return r.reset_index(drop=True), dropped, redacted


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
        :func:`kalliola_analysis._processed.verify_processed`).

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

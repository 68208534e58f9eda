"""Pseudonyms, redaction of contact details, identifier columns and the salt behind them.

Privacy on the way into ``data/processed``: response ids become salted SHA-256
pseudonyms (:func:`pseudonym`); columns that hold direct identifiers (names,
e-mail addresses, phone numbers, personal identity codes, IP addresses) are
found by their name or their content (:func:`identifier_columns`); e-mail
addresses, phone numbers and identity codes inside free-text answers are
replaced with ``[poistettu]`` (:func:`redact_text`). The salt comes from the
caller, ``$KALLIOLA_SALT`` or a ``.salt`` file created once (:func:`salt_for`).
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
from pathlib import Path

import pandas as pd

from ..errors import ParameterError

__all__ = [
    "REDACTED",
    "KEY_COLUMNS",
    "SALT_FILE",
    "pseudonym",
    "pseudonym_bytes",
    "redact_text",
    "identifier_columns",
    "resolve_salt",
    "salt_for",
]

#: What replaces an e-mail address, phone number or identity code in free text.
REDACTED = "[poistettu]"

_ID_LENGTH = 16
#: The file holding the salt of a processed tree.
SALT_FILE = ".salt"

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

#: Columns never listed as identifiers: the keys of the survey data contract
#: (``kalliola_analysis.survey.data.RESPONSE_KEYS``).
KEY_COLUMNS = ("response_id", "period", "unit")


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
    return pseudonym_bytes(value, salt).hex()


def pseudonym_bytes(value: str, salt: str) -> bytes:
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
    skip = set(KEY_COLUMNS) | set(questions)
    return [
        c
        for c in responses.columns
        if c not in skip and (_is_identifier_name(c) or _holds_identifiers(responses[c]))
    ]


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


def resolve_salt(salt: str | None, salt_file: Path) -> str:
    """``salt`` if given, else ``$KALLIOLA_SALT``, else the salt stored in ``salt_file``."""
    if salt is not None:
        if not isinstance(salt, str) or not salt:
            raise ParameterError(f"salt must be a non-empty string, got {salt!r}")
        return salt
    env = os.environ.get("KALLIOLA_SALT")
    if env:
        return env
    return _salt_from(salt_file)


def salt_for(out_dir: Path, salt: str | None) -> str:
    """The salt for one data set: ``salt``, ``$KALLIOLA_SALT``, else the nearest ``.salt``.

    The nearest ``.salt`` is that of ``out_dir`` or its closest ancestor that
    has one, else a new one in ``out_dir.parent``.
    """
    if salt is not None or os.environ.get("KALLIOLA_SALT"):
        return resolve_salt(salt, out_dir.parent / SALT_FILE)
    found = next(
        (p / SALT_FILE for p in (out_dir, *out_dir.parents) if (p / SALT_FILE).is_file()),
        out_dir.parent / SALT_FILE,
    )
    return resolve_salt(None, found)

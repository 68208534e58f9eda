"""Delimited text exports: detect the encoding, the separator and the decimal mark.

Finnish Excel saves "CSV" with a semicolon separator, a decimal comma and either
UTF-8 with a byte-order mark or Windows-1252; survey tools and R write comma
CSV in UTF-8 or Latin-1. Nothing here is configured by hand: the encoding is
found by trying strict decoders in order, the separator from the header line
(with :class:`csv.Sniffer` as the tie-breaker), the decimal mark from the
separator.
"""

from __future__ import annotations

import codecs
import csv
import io
import re

import pandas as pd

from ..errors import EmptyFileError, FileFormatError

__all__ = [
    "decode_text",
    "detect_separator",
    "parse_delimited",
    "DECIMAL_FOR_SEPARATOR",
    "MISSING_TEXT",
]

_SEPARATORS = ";,\t"
#: Cells that mean "no value" (R writes NA; Excel leaves the cell empty).
MISSING_TEXT = ("", "NA")
_SAMPLE = 64 * 1024
#: The decimal mark that goes with each separator; a tab file may use either.
DECIMAL_FOR_SEPARATOR = {";": ",", ",": ".", "\t": None}


def decode_text(data: bytes, *, file: str) -> tuple[str, str]:
    """Decode the bytes of a text export; return ``(text, encoding)``.

    Tries UTF-16 (when it has a byte-order mark), strict UTF-8 (with or
    without a byte-order mark), Windows-1252 and finally Latin-1, which
    accepts every byte. Binary content (NUL bytes) is refused.
    """
    if not data.strip():
        raise EmptyFileError("the file is empty", file=file)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise FileFormatError(f"cannot decode the file as UTF-16: {exc}", file=file) from None
    if b"\x00" in data[:_SAMPLE]:
        raise FileFormatError(
            "the file holds binary data, not delimited text; save it as CSV or XLSX", file=file
        )
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise FileFormatError("cannot decode the file", file=file)  # pragma: no cover (latin-1)


def _count_outside_quotes(line: str, char: str) -> int:
    n, quoted = 0, False
    for c in line:
        if c == '"':
            quoted = not quoted
        elif c == char and not quoted:
            n += 1
    return n


def detect_separator(text: str) -> str:
    """Return the field separator of delimited text: ``;``, ``,`` or a tab.

    The header line decides when only one candidate occurs in it; otherwise
    :class:`csv.Sniffer` (restricted to the three candidates) looks at a
    sample, and the candidate most frequent in the header wins if it cannot.

    Examples
    --------
    >>> detect_separator("a;b;c\\n1,5;2;3\\n")
    ';'
    >>> detect_separator('"",id,text\\n"1",2,"a; b"\\n')
    ','
    """
    header = text.split("\n", 1)[0]
    counts = {d: _count_outside_quotes(header, d) for d in _SEPARATORS}
    present = [d for d in _SEPARATORS if counts[d]]
    if len(present) == 1:
        return present[0]
    sample = text[:_SAMPLE]
    if len(text) > _SAMPLE and "\n" in sample:
        sample = sample[: sample.rfind("\n")]
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters=_SEPARATORS).delimiter
    except csv.Error:
        sniffed = None
    if sniffed and (sniffed in present or not present):
        return sniffed
    if present:
        return max(present, key=lambda d: counts[d])
    return ","  # a single column


_PANDAS_LINE = re.compile(r"line (\d+)")
_SEP_HINT = re.compile(r'^"?sep=([;,\t|])"?[ \t]*\r?\n')


def parse_delimited(text: str, *, file: str) -> tuple[list[str], pd.DataFrame, str]:
    """Split delimited text into its header and its records.

    Returns ``(header, body, separator)``: ``body`` holds the records as text
    (``""`` for empty fields), indexed by the row a spreadsheet shows (the
    header is row 1, so the first record is row 2). Quoted fields may hold
    separators, doubled quotes and line breaks.
    """
    hint = _SEP_HINT.match(text)
    if hint:  # Excel's "sep=;" first line: it names the separator and is not a row
        sep, text = hint.group(1), text[hint.end() :]
    else:
        sep = detect_separator(text)
    common = dict(
        sep=sep,
        header=None,
        dtype=object,
        skip_blank_lines=False,
        quotechar='"',
        doublequote=True,
        engine="c",
    )
    try:
        # One pass, the header as a record: pandas then rejects rows longer than it
        # (it would silently drop their extra fields with a header row). Missing
        # values are found by the C parser: exactly "" and "NA".
        raw = pd.read_csv(
            io.StringIO(text), keep_default_na=False, na_values=list(MISSING_TEXT), **common
        )
        first = pd.read_csv(io.StringIO(text), nrows=1, na_filter=False, **common)
    except pd.errors.EmptyDataError:
        raise EmptyFileError("the file is empty", file=file) from None
    except pd.errors.ParserError as exc:
        m = _PANDAS_LINE.search(str(exc))
        where = f" (near line {m.group(1)})" if m else ""
        raise FileFormatError(
            f"a row has more fields than the header{where}; check the separator "
            f"{sep!r} and the quoting of text that contains it",
            file=file,
        ) from None
    except (ValueError, csv.Error) as exc:
        raise FileFormatError(f"cannot read the file as delimited text: {exc}", file=file) from None
    header = ["" if pd.isna(h) else str(h) for h in first.iloc[0]]
    body = raw.iloc[1:]
    body.index = pd.RangeIndex(2, len(raw) + 1)
    return header, body, sep

"""read_table: format detection, decimal marks, encodings, sheets and blank rows (io/tables.py)."""

from __future__ import annotations

import gzip

import pandas as pd
import pytest
from conftest import (
    write_csv,
)
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import kalliola_analysis as ka
from kalliola_analysis import errors


def test_read_table_decimal_comma_and_text(tmp_path):
    f = tmp_path / "t.csv"
    f.write_bytes('id;arvo;koodi;n;huom\n007;4,5;A1;12;NA\n010;3;B2;3;"a;b"\n'.encode("cp1252"))
    t = ka.read_table(f)
    assert t.index.tolist() == [2, 3]
    assert t["id"].tolist() == ["007", "010"]  # leading zeros stay text
    assert t["arvo"].tolist() == [4.5, 3.0]
    assert str(t["n"].dtype) == "Int64"
    assert t["koodi"].tolist() == ["A1", "B2"]
    assert pd.isna(t.loc[2, "huom"]) and t.loc[3, "huom"] == "a;b"
    assert ka.read_table(f, numbers=False)["arvo"].tolist() == ["4,5", "3"]


def test_read_table_comma_file_keeps_comma_text(tmp_path):
    f = tmp_path / "t.csv"
    f.write_text('a,b\n"4,5",1.5\n"3",2\n', encoding="utf-8")
    t = ka.read_table(f)
    assert t["a"].tolist() == ["4,5", "3"]  # a ',' file does not use the decimal comma
    assert t["b"].tolist() == [1.5, 2.0]


def test_read_table_gzip_utf16_and_trailing_empty_columns(tmp_path):
    f = tmp_path / "t.csv.gz"
    f.write_bytes(gzip.compress("x;y;;\n1;kä;;\n".encode()))
    assert ka.read_table(f).to_dict("list") == {"x": [1], "y": ["kä"]}
    u = tmp_path / "t.txt"
    u.write_bytes("x\ty\n1\tkä\n".encode("utf-16"))
    assert ka.read_table(u)["y"].tolist() == ["kä"]


def test_read_table_xlsx_sheet_and_blank_rows(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["a"])
    wb.active.append([1])
    ws = wb.create_sheet("toinen")
    ws.append(["x", "y"])
    ws.append([None, None])
    ws.append([2.5, "teksti"])
    wb.save(tmp_path / "t.xlsx")
    t = ka.read_table(tmp_path / "t.xlsx", sheet="toinen")
    assert t.index.tolist() == [3]  # the blank row 2 is skipped, row numbers kept
    assert t["x"].tolist() == [2.5]
    with pytest.raises(errors.FileFormatError, match="no sheet 'kolmas'"):
        ka.read_table(tmp_path / "t.xlsx", sheet="kolmas")


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.text(
            alphabet=st.sampled_from(list("aöÄ€ ,;\"'\n\t1x-")), min_size=1, max_size=12
        ).filter(lambda s: s.strip() not in ("", "NA")),
        min_size=1,
        max_size=6,
    ),
    st.sampled_from(["utf-8-sig", "cp1252"]),
    st.sampled_from([";", ","]),
)
def test_text_round_trips_through_csv(tmp_path_factory, texts, encoding, sep):
    """Whatever Excel quotes, the reader returns unchanged (property).

    A file without a BOM whose bytes are also valid UTF-8 is read as UTF-8: an
    undeclared encoding is ambiguous there (cp1252 ``Ä€`` is the bytes C4 80,
    UTF-8's ``Ā``), so such cp1252 texts are left out; real Finnish cp1252 text
    (``ä`` followed by anything but two continuation bytes) never is valid UTF-8.
    """
    if encoding == "cp1252":
        raw = "\n".join(texts).encode("cp1252")
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            assume(raw.isascii())
    path = tmp_path_factory.mktemp("rt") / "t.csv"
    frame = pd.DataFrame({"id": [f"r{i}" for i in range(len(texts))], "text": texts})
    write_csv(frame, path, encoding=encoding, sep=sep)
    got = ka.read_table(path, numbers=False)
    assert got["text"].tolist() == texts

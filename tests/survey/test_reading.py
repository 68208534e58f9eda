"""Readers: format detection, Webropol/Forms/SPSS exports, reference data, and bad input.

Every bad-input case must raise a DataError subclass naming the file, the column
and (where it applies) the row a spreadsheet shows (header = row 1).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import (
    COMMENT,
    EXPECTED,
    LIKERT_EN,
    LIKERT_FI,
    contract_responses,
    make_codebook,
    write_csv,
    write_survey_folder,
)
from hypothesis import given, settings
from hypothesis import strategies as st

import kalliola_analysis as ka
from kalliola_analysis import errors
from kalliola_analysis.io import find_table, read_dataset_toml

DATA = Path(__file__).parents[1] / "data"
QUESTIONS = ["q1", "q2", "q3", "enps"]
FI = LIKERT_FI.split("|")
EN = LIKERT_EN.split("|")

# --------------------------------------------------------------------------- helpers


def assert_expected(survey: ka.Survey) -> None:
    for q, values in EXPECTED.items():
        got = survey.responses[q]
        assert str(got.dtype) == "Int8"
        assert got.tolist() == values, q


# --------------------------------------------------------------------------- reference data


@pytest.fixture(scope="module")
def npsgame() -> ka.Survey:
    return ka.read_survey(
        DATA / "npsgame_botanic_nps.csv",
        codebook=DATA / "npsgame_codebook.csv",
        id_column="id",
        period="2016-01",
        unit="Botanic",
    )


def test_npsgame_loads_as_published(npsgame):
    # Counts from tests/data/README.md (BenaventC/NPSgame, CC0)
    r = npsgame.responses
    assert len(r) == 13_954
    assert r["nps"].notna().sum() == 13_612
    assert ((r["nps"] >= 9).sum(), (r["nps"] <= 6).sum()) == (8_465, 1_194)
    assert r["response_id"].is_unique
    # store data stay as numeric background columns; R's row-name column is dropped
    assert npsgame.background == ["NbPassageKS", "CaTicket", "t"]
    assert r["CaTicket"].dtype == "float64"


def test_npsgame_free_text_with_quotes_and_commas_survives(npsgame):
    texts = npsgame.responses["explication"].dropna()
    hit = texts[texts.str.contains("relook", regex=False)].iloc[0]
    assert "Magasin ''relook" in hit
    assert '" plus agréable' in hit  # a lone double quote inside a quoted field
    assert "(bien payés,j'espère !)" in hit
    assert "CONCURRENTS; Dommage !" in hit


def test_pisa_gzip_with_label_answers():
    s = ka.read_survey(
        DATA / "pisa2009_st25_reading.csv.gz",
        codebook=DATA / "pisa2009_codebook.csv",
        rename={"CNT": "unit"},
        period="2009-04",
    )
    r = s.responses
    assert len(r) == 66_690
    assert r["ST25Q01"].notna().sum() == 65_609
    assert s.units == ["Canada", "Mexico", "United States"]
    assert r["response_id"].iloc[0] == "row-2"  # no id column: file rows
    # shares by answer 1..5 published by R likert (README)
    shares = r["ST25Q01"].value_counts(normalize=True).sort_index().to_numpy() * 100
    np.testing.assert_allclose(shares, [10.1846, 20.0323, 21.3309, 31.0217, 17.4305], atol=1e-4)


# --------------------------------------------------------------------------- formats


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252", "utf-8", "latin-1"])
@pytest.mark.parametrize("sep", [";", ",", "\t"])
def test_csv_encodings_and_separators(tmp_path, encoding, sep):
    if encoding == "latin-1":
        responses = contract_responses().replace({COMMENT: COMMENT.replace("€", "EUR")})
    else:
        responses = contract_responses()
    folder = tmp_path / "s"
    write_survey_folder(folder, responses, encoding=encoding)
    write_csv(responses, folder / "responses.csv", encoding=encoding, sep=sep)
    s = ka.read_survey(folder)
    assert_expected(s)
    assert s.responses["comment"].iloc[0] == responses["comment"].iloc[0]
    assert s.invitations["invited"].tolist() == [3, 4]


def test_multiline_text_keeps_file_rows(tmp_path):
    # r1's comment spans two lines, yet r2 is row 3 (spreadsheet rows, not lines);
    # a blank line still counts as a row, as Excel shows it, so r3 is row 5.
    responses = contract_responses()
    responses["q2"] = responses["q2"].astype(object)
    folder = write_survey_folder(tmp_path / "s", responses)
    text = (folder / "responses.csv").read_bytes().decode("utf-8-sig")
    lines = text.split("\r\n")  # the comment's own line break is a bare \n
    assert lines[3].startswith("r3;")
    lines.insert(3, "")  # a blank row before r3
    bad = "\r\n".join(lines).replace(";2;5;", ";9;5;")  # r3: q2 = 9
    (folder / "responses.csv").write_bytes(bad.encode("utf-8-sig"))
    with pytest.raises(errors.OutOfRangeError) as info:
        ka.read_survey(folder)
    assert info.value.row == 5
    assert info.value.column == "q2"
    assert info.value.file.endswith("responses.csv")


def _webropol(path: Path, *, extra_header: str | None = None, bad_q1: object = None) -> Path:
    from openpyxl import Workbook

    cb = make_codebook()
    wb = Workbook()
    ws = wb.active
    header = ["Vastaaja", "Vastausaika", "Yksikkö"] + list(cb["text_fi"])
    if extra_header:
        header.append(extra_header)
    ws.append(header)
    r = contract_responses()
    for i, row in r.iterrows():
        labels = []
        for q in ("q1", "q2", "q3"):
            v = row[q]
            labels.append("En osaa sanoa" if pd.isna(v) else FI[int(v) - 1])
        if bad_q1 is not None and i == 2:
            labels[0] = bad_q1
        cells = [i + 1, "15.11.2023 10:02", row["unit"], *labels, row["enps"], row["comment"]]
        ws.append(cells + (["x"] if extra_header else []))
    wb.save(path)
    return path


def _forms(path: Path) -> Path:
    from openpyxl import Workbook

    cb = make_codebook()
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    meta = ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time"]
    ws.append(meta + [f"  {t}\n" for t in cb["text_en"]])  # Forms pads some headers
    for i, row in contract_responses().iterrows():
        labels = [
            "Don't know" if pd.isna(row[q]) else EN[int(row[q]) - 1] for q in ("q1", "q2", "q3")
        ]
        ws.append(
            [i + 1, None, None, "anonymous", None, None, *labels, row["enps"], row["comment"]]
        )
    wb.save(path)
    return path


def test_webropol_xlsx_maps_question_texts(tmp_path):
    f = _webropol(tmp_path / "webropol.xlsx")
    s = ka.read_survey(f, codebook=make_codebook(), period="2023-11")
    assert_expected(s)
    assert s.responses["response_id"].tolist() == ["1", "2", "3", "4"]
    assert s.units == ["Hallinto", "Klinikka"]
    assert "Vastausaika" in s.background
    assert s.responses["comment"].iloc[0] == COMMENT


def test_forms_xlsx_maps_english_texts(tmp_path):
    f = _forms(tmp_path / "forms.xlsx")
    s = ka.read_survey(f, codebook=make_codebook(), period="2023-11", unit="Koko talo")
    assert_expected(s)
    assert {"Start time", "Email", "Name"} <= set(s.background)


def test_sav_with_value_labels(tmp_path):
    pyreadstat = pytest.importorskip("pyreadstat")
    r = contract_responses()
    for q in ("q1", "q2", "q3", "enps"):
        r[q] = r[q].astype("float64")
    r["comment"] = r["comment"].fillna("")
    labels = {k + 1: lab for k, lab in enumerate(EN)}
    path = tmp_path / "responses.sav"
    pyreadstat.write_sav(r, path, variable_value_labels={"q1": labels, "q2": labels, "q3": labels})
    s = ka.read_survey(path, codebook=make_codebook())
    assert_expected(s)
    assert s.responses["comment"].iloc[0] == COMMENT


def test_folder_with_xlsx_codebook_and_parquet(tmp_path):
    folder = tmp_path / "s"
    folder.mkdir()
    make_codebook().to_excel(folder / "codebook.xlsx", index=False)
    contract_responses().to_parquet(folder / "responses.parquet")
    s = ka.read_survey(folder)
    assert_expected(s)


# --------------------------------------------------------------------------- bad input


def _bad(tmp_path, **columns):
    r = contract_responses()
    for k, v in columns.items():
        r[k] = v
    return write_survey_folder(tmp_path / "s", r)


@pytest.mark.parametrize(
    ("change", "exc", "column", "row", "file"),
    [
        ({"q1": [1, 7, 3, None]}, errors.OutOfRangeError, "q1", 3, "responses.csv"),
        ({"q1": [1, "4,1x", 3, None]}, errors.InvalidValueError, "q1", 3, "responses.csv"),
        ({"q2": [4, "4,5", 2, 5]}, errors.InvalidValueError, "q2", 3, "responses.csv"),
        ({"q9": [1, 2, 3, 4]}, errors.UnknownQuestionError, "q9", 1, "responses.csv"),
        (
            {"Kuinka tyytyväinen olet johtamiseen?": [1, 2, 3, 4]},
            errors.UnknownQuestionError,
            "Kuinka tyytyväinen olet johtamiseen?",
            1,
            "responses.csv",
        ),
        (
            {"response_id": ["a", "b", "a", "c"]},
            errors.DuplicateError,
            "response_id",
            4,
            "responses.csv",
        ),
        (
            {"period": ["2023-11", "syksy 2023", "2023-11", "2023-11"]},
            errors.InvalidValueError,
            "period",
            3,
            "responses.csv",
        ),
        (
            {"unit": ["Hallinto", "Hallinto", "Hallinto", "Hallinto"]},
            errors.InvitationError,
            "invited",
            2,
            "invitations.csv",
        ),
    ],
)
def test_bad_values_name_file_column_row(tmp_path, change, exc, column, row, file):
    folder = _bad(tmp_path, **change)
    with pytest.raises(exc) as info:
        ka.read_survey(folder)
    err = info.value
    assert (err.column, err.row) == (column, row)
    assert err.file == str(folder / file)
    assert str(folder / file) in str(err) and f"row {row}" in str(err)


def test_zero_invited(tmp_path):
    inv = pd.DataFrame(
        {"period": ["2023-11"] * 3, "unit": ["Hallinto", "Klinikka", "Muu"], "invited": [3, 4, 0]}
    )
    folder = write_survey_folder(tmp_path / "s", invitations=inv)
    with pytest.raises(errors.InvitationError, match="nobody invited") as info:
        ka.read_survey(folder)
    assert (info.value.file, info.value.column, info.value.row) == (
        str(folder / "invitations.csv"),
        "invited",
        4,
    )


def test_missing_required_column(tmp_path):
    folder = write_survey_folder(tmp_path / "s", contract_responses().drop(columns="unit"))
    with pytest.raises(errors.MissingColumnError) as info:
        ka.read_survey(folder)
    assert info.value.column == "unit"
    assert info.value.file == str(folder / "responses.csv")


@pytest.mark.parametrize(
    ("content", "exc", "match"),
    [
        (b"", errors.EmptyFileError, "0 bytes"),
        (b"\xef\xbb\xbf\r\n\r\n", errors.EmptyFileError, "empty"),
        ("\ufeffresponse_id;period;unit;q1\r\n".encode(), errors.EmptyFileError, "no data rows"),
        (
            "\ufeffresponse_id;period;unit;q1\r\n;;;\r\n".encode(),
            errors.EmptyFileError,
            "no data rows",
        ),
        (b"PK\x03\x04\x00\x00garbage", errors.FileFormatError, "binary"),
        (b"a;b\n1;2;3;4\n", errors.FileFormatError, "more fields"),
        (b"a;b;a\n1;2;3\n", errors.DuplicateError, "two columns"),
    ],
)
def test_unreadable_files(tmp_path, content, exc, match):
    folder = write_survey_folder(tmp_path / "s")
    (folder / "responses.csv").write_bytes(content)
    with pytest.raises(exc, match=match) as info:
        ka.read_survey(folder)
    assert info.value.file == str(folder / "responses.csv")


def test_missing_and_unsupported_files(tmp_path):
    with pytest.raises(errors.FileFormatError, match="does not exist") as info:
        ka.read_table(tmp_path / "puuttuu.csv")
    assert "puuttuu.csv" in str(info.value)
    (tmp_path / "vanha.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(errors.FileFormatError, match="save it as .xlsx"):
        ka.read_table(tmp_path / "vanha.xls")
    (tmp_path / "rikki.xlsx").write_bytes(b"not a zip")
    with pytest.raises(errors.FileFormatError, match="Excel workbook"):
        ka.read_table(tmp_path / "rikki.xlsx")
    (tmp_path / "rikki.sav").write_bytes(b"$FL2 not really SPSS")
    with pytest.raises(errors.FileFormatError, match="SPSS"):
        ka.read_table(tmp_path / "rikki.sav")
    (tmp_path / "rikki.parquet").write_bytes(b"not parquet")
    with pytest.raises(errors.FileFormatError, match="rikki.parquet"):
        ka.read_table(tmp_path / "rikki.parquet")


def test_every_problem_listed_with_file_rows(tmp_path):
    folder = _bad(tmp_path, q1=[9, 1, "x", None], enps=[0, 11, 3, 4])
    with pytest.raises(errors.ValidationError) as info:
        ka.read_survey(folder)
    got = {(p.column, p.row) for p in info.value.problems}
    assert got == {("q1", 2), ("q1", 4), ("enps", 3)}
    assert all(p.file == str(folder / "responses.csv") for p in info.value.problems)


def test_webropol_errors_name_header_text_and_row(tmp_path):
    f = _webropol(tmp_path / "w.xlsx", bad_q1="Aivan loistava")
    with pytest.raises(errors.InvalidValueError) as info:
        ka.read_survey(f, codebook=make_codebook(), period="2023-11")
    assert info.value.column == "Viihdyn työssäni"  # the header as the file has it
    assert info.value.row == 4
    assert info.value.file == str(f)


def test_webropol_unknown_question_header(tmp_path):
    f = _webropol(tmp_path / "w.xlsx", extra_header="Viihdyn työssäni hyvin")
    with pytest.raises(errors.UnknownQuestionError) as info:
        ka.read_survey(f, codebook=make_codebook(), period="2023-11")
    assert info.value.column == "Viihdyn työssäni hyvin"
    assert "closest codebook question is 'q1'" in str(info.value)
    # declared as background, the same column is kept
    s = ka.read_survey(
        f, codebook=make_codebook(), period="2023-11", background=["Viihdyn työssäni hyvin"]
    )
    assert "Viihdyn työssäni hyvin" in s.background


def test_codebook_errors_name_codebook_file(tmp_path):
    folder = write_survey_folder(tmp_path / "s")
    cb = make_codebook()
    cb.loc[2, "type"] = "likret"
    write_csv(cb, folder / "codebook.csv")
    with pytest.raises(errors.InvalidValueError) as info:
        ka.read_survey(folder)
    assert (info.value.file, info.value.column, info.value.row) == (
        str(folder / "codebook.csv"),
        "type",
        4,
    )


def test_options_and_conflicts(tmp_path):
    folder = write_survey_folder(tmp_path / "s")
    with pytest.raises(errors.ParameterError, match="already has a period column"):
        ka.read_survey(folder, period="2023-05")
    with pytest.raises(errors.MissingColumnError, match="id_column 'tunnus'"):
        ka.read_survey(folder, id_column="tunnus")
    with pytest.raises(errors.ParameterError, match="codebook is required"):
        ka.read_survey(DATA / "npsgame_botanic_nps.csv")
    (folder / "responses.xlsx").write_bytes(b"")
    with pytest.raises(errors.FileFormatError, match="several responses files"):
        ka.read_survey(folder)


def test_dataset_toml_read_options(tmp_path):
    folder = tmp_path / "pisa"
    folder.mkdir()
    (folder / "responses.csv.gz").write_bytes((DATA / "pisa2009_st25_reading.csv.gz").read_bytes())
    (folder / "codebook.csv").write_bytes((DATA / "pisa2009_codebook.csv").read_bytes())
    (folder / "dataset.toml").write_text(
        'kind = "feedback"\ntitle_fi = "PISA"\ntitle_en = "PISA"\n'
        '[read]\nperiod = "2009-04"\nrename = { CNT = "unit" }\n',
        encoding="utf-8",
    )
    assert find_table(folder, "responses").name == "responses.csv.gz"
    s = ka.read_survey(folder)
    assert s.periods == ["2009-04"] and len(s.responses) == 66_690
    (folder / "dataset.toml").write_text('kind = "pulse"\n[read]\nperiood = "x"\n')
    with pytest.raises(errors.FileFormatError, match="read.periood"):
        read_dataset_toml(folder / "dataset.toml")


def test_misspelt_question_id_is_not_background(tmp_path):
    folder = write_survey_folder(tmp_path / "s", contract_responses().rename(columns={"q2": "q_2"}))
    write_csv(contract_responses().rename(columns={"comment": "coment"}), folder / "responses.csv")
    with pytest.raises(errors.ValidationError) as info:
        ka.read_survey(folder)
    first, second = info.value.problems
    assert isinstance(first, errors.UnknownQuestionError)
    assert (first.column, first.row) == ("coment", 1)
    assert "'comment' is missing" in str(first)
    assert isinstance(second, errors.MissingColumnError) and second.column == "comment"


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.integers(-(10**6), 10**6), min_size=1, max_size=8),
    st.lists(
        st.floats(-1e6, 1e6, allow_nan=False).map(lambda x: round(x, 3)), min_size=1, max_size=8
    ),
)
def test_numbers_round_trip_with_decimal_comma(tmp_path_factory, ints, floats):
    """Numbers Finnish Excel writes (decimal comma) come back as the same numbers (property)."""
    n = max(len(ints), len(floats))
    ints, floats = (ints * n)[:n], (floats * n)[:n]
    path = tmp_path_factory.mktemp("num") / "t.csv"
    lines = ["a;b"] + [
        f"{i};{repr(float(f)).replace('.', ',')}" for i, f in zip(ints, floats, strict=True)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="cp1252")
    t = ka.read_table(path)
    assert str(t["a"].dtype) == "Int64" and t["a"].tolist() == ints
    assert t["b"].dtype == "float64" and t["b"].tolist() == [float(f) for f in floats]


def test_excel_sep_hint_line(tmp_path):
    f = tmp_path / "t.csv"
    f.write_bytes(b"sep=;\r\na;b\r\n1,5;x,y\r\n")
    t = ka.read_table(f)
    assert list(t.columns) == ["a", "b"] and t.index.tolist() == [2]
    assert t["a"].tolist() == [1.5] and t["b"].tolist() == ["x,y"]

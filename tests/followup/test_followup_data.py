"""Action-plan follow-up: reading, validation and preparing a follow-up table."""

from __future__ import annotations

import hashlib
import json

import pandas as pd
import pytest
from followup_files import HEADER, row, write_csv

import kalliola_analysis as ka
from kalliola_analysis.errors import (
    DuplicateError,
    EmptyFileError,
    InvalidValueError,
    MissingColumnError,
    ParameterError,
    ValidationError,
)
from kalliola_analysis.followup import data as fu_data
from kalliola_analysis.followup import labels as fu


def test_demo_has_every_measure_of_the_four_themes_in_both_rounds(followup_demo):
    assert list(followup_demo.columns) == list(fu_data.FOLLOWUP_COLUMNS)
    assert list(followup_demo["period"].cat.categories) == ["2023-05", "2023-11"]
    assert list(followup_demo["theme"].cat.categories) == [
        "Läpileikkaavat teemat",
        "Työllisyys ja työvoima",
        "Lapset, nuoret ja perheet",
        "Asuinalueet ja yhteisöllisyys",
    ]
    per_theme = (
        followup_demo[followup_demo["period"] == "2023-05"].groupby("theme", observed=True).size()
    )
    assert per_theme.tolist() == [12, 11, 11, 13]
    assert str(followup_demo["goal_no"].dtype) == "Int64"
    assert set(followup_demo["status"].dropna()) <= set(fu.STATUS_CODES)
    # the goal number is stripped from the goal text and agrees with the measure number
    first = followup_demo.iloc[0]
    assert first["goal"].startswith("Kaupungin viestintä")
    # several responsible parties are kept, separated by " | "
    assert (followup_demo["responsible"] == "Kaupunginkanslia | Kaikki toimialat").any()


def test_reads_finnish_headers_english_statuses_and_an_empty_status(tmp_path):
    path = write_csv(
        tmp_path / "measures.csv",
        [
            ["11/2023", "Teema", "1. Tavoite", "1.1", "Tee jotain", "A|B", "On track", "tehty"],
            ["11/2023", "Teema", "1. Tavoite", "1.2.", "Tee muuta", "", "", ""],
            ["11/2023", "Teema", "", "2.1", "Kolmas", "C", "ei toteudu", "syy"],
        ],
        header=[
            "Kierros",
            "Teema",
            "Tavoite",
            "Nro",
            "Toimenpide",
            "Vastuutaho",
            "Tila",
            "Mitä on tehty",
        ],
    )
    f = ka.read_followup(path)
    assert f["period"].astype(str).tolist() == ["2023-11"] * 3
    assert f["measure_id"].tolist() == ["1.1", "1.2", "2.1"]
    assert f["status"].astype(object).where(f["status"].notna(), None).tolist() == [
        "on_track",
        None,
        "not_realised",
    ]
    assert f["responsible"].tolist()[0] == "A | B"
    assert pd.isna(f["responsible"].tolist()[1])


def test_reads_xlsx(tmp_path, followup_demo):
    raw = pd.read_csv(
        ka.demo_path("followup") / "measures.csv",
        sep=";",
        encoding="utf-8-sig",
        dtype=str,
        keep_default_na=False,
    )
    path = tmp_path / "measures.xlsx"
    raw.to_excel(path, index=False)
    pd.testing.assert_frame_equal(ka.read_followup(path), followup_demo)


@pytest.mark.parametrize(
    ("bad", "error", "column", "message"),
    [
        (row("2023-05", "T", "1.2", "Valmis"), InvalidValueError, "status", "unknown status"),
        (row("2023-05", "T", "1.1", "Aloitettu"), DuplicateError, "measure_id", "twice"),
        (row("2023-05", "T", "1-2", "Aloitettu"), InvalidValueError, "measure_id", "form 1.1"),
        (row("syksy", "T", "1.2", "Aloitettu"), InvalidValueError, "period", "not a month"),
        (row("2023-05", "", "1.2", "Aloitettu"), InvalidValueError, "theme", "empty"),
    ],
)
def test_errors_name_file_column_and_file_row(tmp_path, bad, error, column, message):
    path = write_csv(tmp_path / "measures.csv", [row("2023-05", "T", "1.1", "Aloitettu"), bad])
    with pytest.raises(error, match=message) as info:
        ka.read_followup(path)
    assert info.value.file == str(path)
    assert info.value.column == column
    assert info.value.row == 3  # header = 1, the bad record is the second data row


def test_a_measure_that_changes_theme_between_rounds_is_an_error(tmp_path):
    path = write_csv(
        tmp_path / "measures.csv",
        [
            row("2023-05", "Työllisyys", "1.1", "Aloitettu", measure="Sama teksti"),
            row("2023-11", "Asuinalueet", "2.1", "Aloitettu", measure="Sama teksti"),
        ],
    )
    with pytest.raises(InvalidValueError, match="changes theme between rounds") as info:
        ka.read_followup(path)
    assert (info.value.column, info.value.row) == ("theme", 3)


def test_theme_change_is_reported_once_at_the_round_where_it_happens(tmp_path):
    path = write_csv(
        tmp_path / "measures.csv",
        [
            row("2022-11", "A", "1.1", "Aloitettu", measure="Sama"),
            row("2023-05", "A", "1.1", "Aloitettu", measure="Sama"),
            row("2023-11", "B", "1.1", "Aloitettu", measure="Sama"),
            row("2023-11", "A", "1.2", "Aloitettu", measure="Muu"),
        ],
    )
    with pytest.raises(InvalidValueError, match="under 'A' in 2023-05") as info:
        ka.read_followup(path)
    assert info.value.row == 4


def test_goal_numbering_must_agree_with_the_measure_number(tmp_path):
    bad = row("2023-05", "T", "2.1", "Aloitettu")
    bad[2] = "1. Väärä tavoite"
    path = write_csv(tmp_path / "measures.csv", [bad])
    with pytest.raises(InvalidValueError, match="goal text starts with 1") as info:
        ka.read_followup(path)
    assert (info.value.column, info.value.row) == ("goal", 2)


def test_several_problems_are_reported_together_in_file_order(tmp_path):
    path = write_csv(
        tmp_path / "measures.csv",
        [
            row("2023-05", "T", "1.1", "Aloitettu"),
            row("2023-05", "T", "1.2", "Vihreä"),
            row("2023-05", "T", "1.1", "Aloitettu"),
        ],
    )
    with pytest.raises(ValidationError) as info:
        ka.read_followup(path)
    assert [(p.column, p.row) for p in info.value.problems] == [("status", 3), ("measure_id", 4)]


def test_missing_column_and_empty_file(tmp_path):
    path = write_csv(
        tmp_path / "a.csv", [["2023-05", "T", "1.1"]], header=["period", "theme", "measure_id"]
    )
    with pytest.raises(MissingColumnError, match="measure") as info:
        ka.read_followup(path)
    assert info.value.row == 1
    empty = tmp_path / "b.csv"
    empty.write_bytes(";".join(HEADER).encode("utf-8-sig") + b"\n")
    with pytest.raises(EmptyFileError):
        ka.read_followup(empty)


def test_folder_of_another_kind_is_refused():
    with pytest.raises(ka.DataError, match="kind"):
        ka.read_followup(ka.demo_path("indicators"))


def test_prepare_writes_typed_parquet_manifest_and_leaves_raw_untouched(tmp_path, followup_demo):
    raw = ka.demo_path("followup")
    before = {p.name: p.read_bytes() for p in raw.iterdir()}
    out = fu_data.prepare_followup(raw, tmp_path / "followup")
    assert sorted(p.name for p in out.iterdir()) == [
        "dataset.toml",
        "manifest.json",
        "measures.parquet",
    ]
    assert {p.name: p.read_bytes() for p in raw.iterdir()} == before
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    for name, digest in manifest["source_files"].items():
        assert hashlib.sha256((raw / name).read_bytes()).hexdigest() == digest
    assert manifest["rows"] == {"measures": 94}
    pd.testing.assert_frame_equal(ka.read_followup(out), followup_demo)
    with pytest.raises(ParameterError):
        fu_data.prepare_followup(raw, raw)


def test_load_demo_reads_followup_and_indicators():
    assert len(ka.load_demo("followup")) == 94
    assert len(ka.load_demo("indicators")) > 0

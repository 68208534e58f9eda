"""One export per round: each file's period, the rounds read in order, errors naming the file."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import (
    COMMENT,
    EXPECTED,
    contract_responses,
    write_csv,
    write_survey_folder,
)

import kalliola_analysis as ka
from kalliola_analysis import errors


def _rounds_folder(tmp_path: Path) -> Path:
    """A pulse folder with three rounds' exports, as HR receives them (issue 11)."""
    folder = write_survey_folder(tmp_path / "pulse")
    (folder / "responses.csv").unlink()
    old = contract_responses().assign(period="2022-10", response_id=["a1", "a2", "a3", "a4"])
    write_csv(old, folder / "responses.csv")  # the first round: period column
    may = contract_responses().drop(columns="period")
    may["response_id"] = ["b1", "b2", "b3", "b4"]
    write_csv(may, folder / "responses_2023-05.csv")  # period from the name only
    nov = contract_responses().assign(response_id=["c1", "c2", "c3", "c4"])
    with pd.ExcelWriter(folder / "responses-2023-11.xlsx") as xl:  # period column and name
        nov.to_excel(xl, index=False)
    inv = pd.DataFrame(
        {
            "period": ["2022-10", "2022-10", "2023-05", "2023-05", "2023-11", "2023-11"],
            "unit": ["Hallinto", "Klinikka"] * 3,
            "invited": [3, 4] * 3,
        }
    )
    write_csv(inv, folder / "invitations.csv")
    return folder


def test_find_responses_names_each_rounds_period(tmp_path):
    folder = _rounds_folder(tmp_path)
    assert [(p.name, period) for p, period in ka.find_responses(folder)] == [
        ("responses-2023-11.xlsx", "2023-11"),
        ("responses.csv", None),
        ("responses_2023-05.csv", "2023-05"),
    ]
    (folder / "responses_2023-05.xlsx").write_bytes(b"")
    with pytest.raises(errors.FileFormatError, match="several responses files for the same round"):
        ka.find_responses(folder)
    (folder / "responses_2023-05.xlsx").unlink()
    (folder / "responses_vanha.csv").write_text("x", encoding="utf-8")
    with pytest.raises(errors.FileFormatError, match="cannot read a period from the file name"):
        ka.read_survey(folder)


def test_one_export_per_round_is_read_in_period_order(tmp_path):
    folder = _rounds_folder(tmp_path)
    s = ka.read_survey(folder)
    assert s.periods == ["2022-10", "2023-05", "2023-11"]
    r = s.responses
    assert r["response_id"].tolist()[::4] == ["a1", "b1", "c1"]
    assert r["period"].astype(str).tolist() == ["2022-10"] * 4 + ["2023-05"] * 4 + ["2023-11"] * 4
    assert r["q1"].tolist() == EXPECTED["q1"] * 3
    assert r["comment"].tolist()[0] == COMMENT


def test_rounds_errors_name_the_file_and_its_row(tmp_path):
    folder = _rounds_folder(tmp_path)
    may = ka.read_table(folder / "responses_2023-05.csv", numbers=False)
    may.loc[4, "q2"] = "9"  # file row 4
    write_csv(may, folder / "responses_2023-05.csv")
    with pytest.raises(errors.OutOfRangeError) as info:
        ka.read_survey(folder)
    e = info.value
    assert (e.file, e.column, e.row) == (str(folder / "responses_2023-05.csv"), "q2", 4)


def test_rounds_period_column_must_agree_with_the_name(tmp_path):
    folder = _rounds_folder(tmp_path)
    nov = contract_responses().assign(response_id=["c1", "c2", "c3", "c4"])
    nov.loc[2, "period"] = "2023-10"
    with pd.ExcelWriter(folder / "responses-2023-11.xlsx") as xl:
        nov.to_excel(xl, index=False)
    with pytest.raises(errors.ValidationError) as info:  # with the invitations' complaint
        ka.read_survey(folder)
    e = info.value.problems[0]
    assert "disagrees with the file name's period 2023-11" in e.message
    assert (e.file, e.column, e.row) == (str(folder / "responses-2023-11.xlsx"), "period", 4)


def test_rounds_duplicate_ids_across_files_name_both(tmp_path):
    folder = _rounds_folder(tmp_path)
    may = ka.read_table(folder / "responses_2023-05.csv", numbers=False)
    may.loc[3, "response_id"] = "a2"  # the first round's row 3
    write_csv(may, folder / "responses_2023-05.csv")
    with pytest.raises(errors.DuplicateError) as info:
        ka.read_survey(folder)
    e = info.value
    assert (e.file, e.column, e.row) == (str(folder / "responses_2023-05.csv"), "response_id", 3)
    assert f"first at row 3 of {folder / 'responses.csv'}" in e.message


def test_rounds_without_any_period_are_an_error(tmp_path):
    folder = _rounds_folder(tmp_path)
    old = ka.read_table(folder / "responses.csv", numbers=False).drop(columns="period")
    write_csv(old, folder / "responses.csv")
    with pytest.raises(errors.MissingColumnError, match="no period") as info:
        ka.read_survey(folder)
    assert info.value.file == str(folder / "responses.csv")
    s = ka.read_survey(folder, period="2022-10")  # the fallback for a file without one
    assert s.periods == ["2022-10", "2023-05", "2023-11"]


def test_prepare_and_validate_take_one_export_per_round(tmp_path, capsys):
    folder = _rounds_folder(tmp_path / "raw")
    out = tmp_path / "processed"
    ka.prepare_all(folder.parent, out, salt="s")
    s = ka.read_survey(out / "pulse")
    assert s.periods == ["2022-10", "2023-05", "2023-11"] and len(s.responses) == 12
    import json

    manifest = json.loads((out / "pulse" / "manifest.json").read_text(encoding="utf-8"))
    assert {"responses.csv", "responses_2023-05.csv", "responses-2023-11.xlsx"} <= set(
        manifest["source_files"]
    )
    from kalliola_analysis import cli

    assert cli.main(["validate", str(folder)]) == 0
    assert "12 responses, periods 2022-10, 2023-05, 2023-11" in capsys.readouterr().out

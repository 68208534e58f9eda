"""Strategy indicators: reading, validation and preparing."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from followup_files import small_indicators, write_indicators

import kalliola_analysis as ka
from kalliola_analysis.errors import (
    DuplicateError,
    InvalidValueError,
    MissingColumnError,
)
from kalliola_analysis.followup import indicator_data


@pytest.fixture
def small(tmp_path):
    return small_indicators(tmp_path)


def test_demo_indicators_cover_the_four_strategic_goals():
    ind = ka.read_indicators(ka.demo_path("indicators"))
    assert list(ind.columns) == list(indicator_data.INDICATOR_COLUMNS)
    assert sorted(ind["goal"].unique().tolist()) == [1, 2, 3, 4]
    assert ind["target_invented"].all()
    nps = ind[ind["id"] == "employer_nps"]
    # derived from the pulse: 2022-10 (invented), 20,8 and 22,0 (annual report 2023)
    assert nps["value"].tolist() == [16.3, 20.8, 22.0]
    fb = ind[(ind["id"] == "facebook_followers") & (ind["period"] == "2023")]
    assert float(fb["value"].iloc[0]) == 4071
    assert str(ind["value"].dtype) == "Float64" and str(ind["goal"].dtype) == "Int64"


def test_reading_joins_definitions_and_values(small):
    assert small["id"].tolist() == ["up", "up", "up", "down", "down", "none"]
    assert small["period"].tolist()[:3] == ["2022", "2023", "2024"]
    assert pd.isna(small["period"].iloc[-1])  # an indicator without values keeps one row
    assert small.loc[3, "value"] == 12.5
    assert small["direction"].tolist()[3] == "lower"


@pytest.mark.parametrize(
    ("defs", "values", "error", "file", "column", "row"),
    [
        (
            [["a", 1, "A", "A", "count", "up", "false"]],
            [],
            InvalidValueError,
            "indicators",
            "direction",
            2,
        ),
        (
            [
                ["a", 1, "A", "A", "count", "higher", "false"],
                ["a", 1, "B", "B", "count", "higher", "false"],
            ],
            [],
            DuplicateError,
            "indicators",
            "id",
            3,
        ),
        (
            [["a", "x", "A", "A", "count", "higher", "false"]],
            [],
            InvalidValueError,
            "indicators",
            "goal",
            2,
        ),
        (
            [["a", 1, "A", "A", "count", "higher", "false"]],
            [["b", "2023", "1", ""]],
            InvalidValueError,
            "values",
            "id",
            2,
        ),
        (
            [["a", 1, "A", "A", "count", "higher", "false"]],
            [["a", "2023", "1", ""], ["a", "2023", "2", ""]],
            DuplicateError,
            "values",
            "period",
            3,
        ),
        (
            [["a", 1, "A", "A", "count", "higher", "false"]],
            [["a", "2023", "paljon", ""]],
            InvalidValueError,
            "values",
            "value",
            2,
        ),
        (
            [["a", 1, "A", "A", "count", "higher", "false"]],
            [["a", "kevät", "1", ""]],
            InvalidValueError,
            "values",
            "period",
            2,
        ),
        (
            [["a", 1, "A", "A", "count", "higher", "false"]],
            [["a", "2023-13", "1", ""]],
            InvalidValueError,
            "values",
            "period",
            2,
        ),
    ],
)
def test_errors_name_file_column_and_row(tmp_path, defs, values, error, file, column, row):
    folder = write_indicators(tmp_path / "ind", defs, values)
    with pytest.raises(error) as info:
        ka.read_indicators(folder)
    assert info.value.file.endswith(f"{file}.csv")
    assert (info.value.column, info.value.row) == (column, row)


def test_missing_column(tmp_path):
    folder = write_indicators(
        tmp_path / "ind", [["a", 1, "A"]], [], defs_header=["id", "goal", "name_fi"]
    )
    with pytest.raises(MissingColumnError, match="unit"):
        ka.read_indicators(folder)


def test_prepare_indicators(tmp_path):
    out = indicator_data.prepare_indicators(ka.demo_path("indicators"), tmp_path / "indicators")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["source_files"]) == {"dataset.toml", "indicators.csv", "values.csv"}
    pd.testing.assert_frame_equal(
        ka.read_indicators(out), ka.read_indicators(ka.demo_path("indicators"))
    )
    assert len(ka.load_demo("indicators")) == len(ka.read_indicators(out))

"""Selecting rows of a tidy result: report tables and report notebooks pick rows one way."""

from __future__ import annotations

import pandas as pd
import pytest

import kalliola_analysis.reports as kr
from kalliola_analysis._frames import select_rows
from kalliola_analysis.errors import ParameterError


@pytest.fixture
def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {"period": pd.Categorical(["2023-05", "2023-11", "2023-11"]), "unit": ["A", None, "B"]},
        index=[10, 11, 12],
    )


@pytest.mark.parametrize("select", [select_rows, kr.rows_for])
def test_values_compare_as_text_none_selects_all_and_missing_never_matches(frame, select):
    assert select(frame, period="2023-11").index.tolist() == [11, 12]
    assert select(frame, period="2023-11", unit=None).index.tolist() == [11, 12]
    assert select(frame, period="2023-11", unit="B").index.tolist() == [12]
    assert select(frame, unit="None").empty and select(frame, unit="<NA>").empty


@pytest.mark.parametrize("select", [select_rows, kr.rows_for])
def test_a_missing_column_is_named(frame, select):
    with pytest.raises(ParameterError, match="no column 'theme'"):
        select(frame, theme="x")
    assert len(select(frame, theme=None)) == 3

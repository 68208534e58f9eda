"""Strategy indicators derived from the pulse survey (issue 13.5)."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
from followup_files import DEFS, write_indicators

import kalliola_analysis as ka
from kalliola_analysis.errors import (
    InvalidValueError,
    ParameterError,
)


def _round_half_up(x: float, decimals: int) -> float:
    from decimal import ROUND_HALF_UP, Decimal

    return float(Decimal(repr(float(x))).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP))


def test_demo_indicators_equal_the_pulse_figures():
    # the strategy table no longer types 22,0 / 81 % / 90 % in: it reads them from the pulse
    ind = ka.read_indicators(ka.demo_path("indicators"))
    pulse = ka.load_demo("pulse")
    got = {
        (i, p): float(v)
        for i, p, v in ind[["id", "period", "value"]].itertuples(index=False)
        if i in ("employer_nps", "pulse_response_rate", "meaningful_work")
    }
    e = ka.enps(pulse, by="period").set_index("period")
    r = ka.response_rates(pulse, by="period").set_index("period")
    f = ka.likert_summary(pulse, by="period", questions="meaningful_work").set_index("period")
    for period in pulse.periods:
        assert got["employer_nps", period] == _round_half_up(e.loc[period, "enps"], 1)
        assert got["pulse_response_rate", period] == _round_half_up(100 * r.loc[period, "rate"], 0)
        assert got["meaningful_work", period] == _round_half_up(
            100 * f.loc[period, "favourable"], 0
        )
    # and they are the annual report's figures
    assert got["employer_nps", "2023-05"] == 20.8 and got["employer_nps", "2023-11"] == 22.0
    assert (
        got["pulse_response_rate", "2023-05"] == 73 and got["pulse_response_rate", "2023-11"] == 81
    )
    assert got["meaningful_work", "2023-11"] == 90
    # the targets typed in values.csv stay with their periods
    nps = ind[ind["id"] == "employer_nps"].set_index("period")["target"]
    assert nps.loc["2023-11"] == 25.0 and pd.isna(nps.loc["2022-10"])
    defs = pd.read_csv(ka.demo_path("indicators") / "indicators.csv", sep=";", encoding="utf-8-sig")
    vals = pd.read_csv(ka.demo_path("indicators") / "values.csv", sep=";", encoding="utf-8-sig")
    derived = set(defs.loc[defs["derive"].notna(), "id"])
    assert derived == {"employer_nps", "pulse_response_rate", "meaningful_work"}
    assert vals.loc[vals["id"].isin(derived), "value"].isna().all()  # nothing typed by hand


def test_pulse_indicators_hide_small_groups_and_skip_not_asked(small_survey):
    derive = {"nps": "x:enps", "q1": "x:favourable:q1", "m": "x:mean:q2", "rate": "x:response_rate"}
    v = ka.pulse_indicators(small_survey, derive)
    assert v.columns.tolist() == ["id", "period", "value", "suppressed"]
    assert len(v) == 8 and v["value"].notna().all()
    assert v["value"].dtype == "Float64"
    one = small_survey.subset(
        small_survey.responses["unit"] == "C"
    )  # 3 respondents per period: below min_n
    hidden = ka.pulse_indicators(one, derive)
    assert hidden["value"].isna().all()
    assert (hidden["suppressed"] == "fewer than 5 answers").all()
    with pytest.raises(ParameterError, match="derive"):
        ka.pulse_indicators(small_survey, {"a": "x:median:q1"})
    with pytest.raises(ParameterError, match="not in the codebook"):
        ka.pulse_indicators(small_survey, {"a": "x:mean:nope"})


def test_read_indicators_with_an_explicit_survey(tmp_path, small_survey):
    folder = write_indicators(
        tmp_path / "ind",
        [["nps", 4, "eNPS", "eNPS", "score", "higher", "false", "pulse:enps"]],
        [["nps", "2023-11", "", "10"]],
        defs_header=[*DEFS, "derive"],
    )
    ind = ka.read_indicators(folder, survey=small_survey)
    e = ka.enps(small_survey, by="period").set_index("period")
    assert ind["period"].tolist() == ["2023-05", "2023-11"]
    assert ind["value"].tolist() == [_round_half_up(e.loc[p, "enps"], 1) for p in ind["period"]]
    assert ind["target"].tolist()[1] == 10
    # no survey given and no "pulse" folder beside it: the derived value is simply unknown
    alone = ka.read_indicators(folder)
    assert alone["period"].tolist() == ["2023-11"] and alone["value"].isna().all()


@pytest.mark.parametrize(
    ("defs", "values", "column", "row"),
    [
        (
            [["nps", 4, "eNPS", "eNPS", "score", "higher", "false", "pulse:enps"]],
            [["nps", "2023-11", "22,0", ""]],
            "value",
            2,
        ),
        (
            [
                ["a", 1, "A", "A", "count", "higher", "false", ""],
                ["nps", 4, "eNPS", "eNPS", "score", "higher", "false", "pulse:nps"],
            ],
            [],
            "derive",
            3,
        ),
    ],
)
def test_derived_indicator_errors_name_file_column_and_row(tmp_path, defs, values, column, row):
    folder = write_indicators(tmp_path / "ind", defs, values, defs_header=[*DEFS, "derive"])
    with pytest.raises(InvalidValueError) as info:
        ka.read_indicators(folder)
    assert (info.value.column, info.value.row) == (column, row)


def test_derived_indicator_of_a_hidden_group_has_no_value(tmp_path):
    # Hallinto alone: 4 respondents in 10/2022 and 5/2023 (hidden), 5 in 11/2023 (shown)

    pulse = ka.load_demo("pulse")
    hallinto = pulse.subset(pulse.responses["unit"] == "Hallinto")
    shutil.copytree(ka.demo_path("indicators"), tmp_path / "indicators")
    ind = ka.read_indicators(tmp_path / "indicators", survey=hallinto)
    nps = ind[ind["id"] == "employer_nps"].set_index("period")["value"]
    assert nps.loc[["2022-10", "2023-05"]].isna().all()
    e = ka.enps(hallinto, by="period").set_index("period")
    assert nps.loc["2023-11"] == _round_half_up(e.loc["2023-11", "enps"], 1)

"""Strategy indicators: reading, validation, status against target and the change."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kalliola_analysis as ka
from kalliola_analysis.errors import (
    DuplicateError,
    InvalidValueError,
    MissingColumnError,
    ParameterError,
)
from kalliola_analysis.followup import indicator_data, indicator_progress, labels
from kalliola_analysis.followup.indicator_tables import style_indicator_table

DEFS = ["id", "goal", "name_fi", "name_en", "unit", "direction", "target_invented"]


def write(
    folder, defs, values, *, defs_header=DEFS, values_header=("id", "period", "value", "target")
):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "dataset.toml").write_text(
        'kind = "indicators"\ntitle_fi = "M"\ntitle_en = "I"\n', encoding="utf-8"
    )
    for name, header, rows in (
        ("indicators", defs_header, defs),
        ("values", values_header, values),
    ):
        text = "\n".join([";".join(header)] + [";".join(map(str, r)) for r in rows]) + "\n"
        (folder / f"{name}.csv").write_bytes(text.encode("utf-8-sig"))
    return folder


@pytest.fixture
def small(tmp_path):
    return ka.read_indicators(
        write(
            tmp_path / "ind",
            [
                ["up", 1, "Ylös", "Up", "count", "higher", "true"],
                ["down", 2, "Alas", "Down", "%", "lower", "false"],
                ["none", 2, "Tyhjä", "Empty", "count", "higher", "false"],
            ],
            [
                ["up", "2022", "100", ""],
                ["up", "2023", "110", "120"],
                ["up", "2024", "", "130"],
                ["down", "2023-05", "12,5", "10"],
                ["down", "2023-11", "9,5", "10"],
            ],
        )
    )


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
    folder = write(tmp_path / "ind", defs, values)
    with pytest.raises(error) as info:
        ka.read_indicators(folder)
    assert info.value.file.endswith(f"{file}.csv")
    assert (info.value.column, info.value.row) == (column, row)


def test_missing_column(tmp_path):
    folder = write(tmp_path / "ind", [["a", 1, "A"]], [], defs_header=["id", "goal", "name_fi"])
    with pytest.raises(MissingColumnError, match="unit"):
        ka.read_indicators(folder)


def test_status_against_target_and_change(small):
    st_ = indicator_progress.indicator_status(small).set_index("id")
    assert list(indicator_progress.indicator_status(small).columns) == [
        "id",
        "goal",
        "name_fi",
        "name_en",
        "unit",
        "direction",
        "target_invented",
        "period",
        "value",
        "target",
        "status",
        "previous_period",
        "previous_value",
        "change",
        "change_pct",
    ]
    up = st_.loc["up"]
    # the latest period WITH a value (2024 only has a target)
    assert (up["period"], up["status"], up["previous_period"]) == ("2023", "behind", "2022")
    assert up["change"] == 10 and up["change_pct"] == pytest.approx(10.0)
    down = st_.loc["down"]  # lower is better: 9.5 <= 10
    assert (down["period"], down["status"]) == ("2023-11", "on_track")
    assert down["change"] == pytest.approx(-3.0)
    assert st_.loc["none", "status"] == "no_data" and pd.isna(st_.loc["none", "period"])


def test_status_for_a_chosen_period(small):
    st_ = indicator_progress.indicator_status(small, period="2023").set_index("id")
    assert st_.loc["up", "status"] == "behind"
    assert st_.loc["down", "status"] == "no_data"  # no value for that period
    early = indicator_progress.indicator_status(small, period="2022").set_index("id")
    assert early.loc["up", "status"] == "no_target"
    with pytest.raises(ParameterError, match="period must be one of"):
        indicator_progress.indicator_status(small, period="2030")
    with pytest.raises(ParameterError):
        indicator_progress.indicator_status(pd.DataFrame({"id": ["a"]}))


def test_status_as_of_a_round_ignores_the_later_values():
    ind = ka.read_indicators(ka.demo_path("indicators"))
    unchanged = ind.copy()
    early = indicator_progress.indicator_status(ind, as_of="2023-05").set_index("id")
    late = indicator_progress.indicator_status(ind, as_of="2023-11").set_index("id")
    assert early.loc["employer_nps", "period"] == "2023-05"
    assert float(early.loc["employer_nps", "value"]) == 20.8
    # the round before (2022-10, derived from the pulse) and nothing later
    assert early.loc["employer_nps", "previous_period"] == "2022-10"
    assert float(early.loc["employer_nps", "change"]) == pytest.approx(4.5)
    assert late.loc["employer_nps", "period"] == "2023-11"
    assert float(late.loc["employer_nps", "change"]) == pytest.approx(1.2)
    # a year counts from its start (indicator_status's order): 2023 is known in 2023-05
    assert early.loc["facebook_followers", "period"] == "2023"
    before = indicator_progress.indicator_status(ind, as_of="2022-12").set_index("id")
    assert before.loc["facebook_followers", "period"] == "2022"
    assert before.loc["newsletter_opens", "status"] == "no_data"  # no value up to 2022
    assert pd.isna(before.loc["newsletter_opens", "value"])
    # a round no indicator has is not an error: the latest value before it
    between = indicator_progress.indicator_status(ind, as_of="2023-08").set_index("id")
    assert between.loc["employer_nps", "period"] == "2023-05"
    # as_of="2023" is the start of 2023: the yearly 2023 value, no month of 2023
    start = indicator_progress.indicator_status(ind, as_of="2023").set_index("id")
    assert start.loc["employer_nps", "period"] == "2022-10"
    assert start.loc["meaningful_work", "period"] == "2022-10"
    # the input is not changed, the latest round changes nothing
    pd.testing.assert_frame_equal(ind, unchanged)
    assert ind["value"].notna().sum() == 23  # 14 typed + 3 x 3 derived from the pulse
    pd.testing.assert_frame_equal(
        indicator_progress.indicator_status(ind, as_of="2025-12"), indicator_progress.indicator_status(ind)
    )
    with pytest.raises(ParameterError, match="as_of"):
        indicator_progress.indicator_status(ind, as_of="11/2023")
    with pytest.raises(ParameterError, match="as_of"):
        indicator_progress.indicator_status(ind, as_of="2023-13")
    with pytest.raises(ParameterError, match="not both"):
        indicator_progress.indicator_status(ind, period="2023-05", as_of="2023-11")


@settings(max_examples=40, deadline=None)
@given(
    value=st.floats(-1e6, 1e6),
    target=st.floats(-1e6, 1e6),
    direction=st.sampled_from(["higher", "lower"]),
)
def test_status_is_on_track_exactly_when_the_value_meets_the_target(value, target, direction):
    ind = pd.DataFrame(
        {
            "id": ["a"],
            "goal": [1],
            "goal_fi": [None],
            "goal_en": [None],
            "name_fi": ["A"],
            "name_en": ["A"],
            "unit": ["count"],
            "direction": [direction],
            "source": [None],
            "target_invented": [False],
            "period": ["2023"],
            "value": pd.array([value], dtype="Float64"),
            "target": pd.array([target], dtype="Float64"),
        }
    )
    status = indicator_progress.indicator_status(ind)["status"].iloc[0]
    meets = value >= target if direction == "higher" else value <= target
    assert status == ("on_track" if meets else "behind")


def test_demo_status_and_table():
    ind = ka.read_indicators(ka.demo_path("indicators"))
    st_ = indicator_progress.indicator_status(ind).set_index("id")
    assert st_.loc["employer_nps", "status"] == "behind"  # 22,0 against the invented 25,0
    assert st_.loc["employer_nps", "change"] == pytest.approx(1.2)
    assert st_.loc["pulse_response_rate", "status"] == "on_track"
    assert st_.loc["facebook_followers", "change_pct"] == pytest.approx(6.0, abs=0.05)  # "+6 %"
    styler = style_indicator_table(indicator_progress.indicator_status(ind), ind, lang="en")
    html = styler.to_html()
    assert "● On track" in html and "◆ Behind" in html
    assert styler.data["Target"].str.endswith("*").any()
    assert styler.data["Value"].tolist()[-3:] == ["22.0", "81%", "90%"]


def test_prepare_indicators(tmp_path):
    out = indicator_data.prepare_indicators(ka.demo_path("indicators"), tmp_path / "indicators")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["source_files"]) == {"dataset.toml", "indicators.csv", "values.csv"}
    pd.testing.assert_frame_equal(
        ka.read_indicators(out), ka.read_indicators(ka.demo_path("indicators"))
    )
    assert len(ka.load_demo("indicators")) == len(ka.read_indicators(out))


def test_sparklines_and_their_figure():
    from kalliola_analysis.followup.figures import plot_indicator_sparklines
    from kalliola_analysis.followup.indicator_tables import sparkline

    assert sparkline([1.0, 2.0]) == "▁█"
    assert sparkline([float("nan"), 3.0]) == " ▄"
    ind = ka.read_indicators(ka.demo_path("indicators"))
    axes = plot_indicator_sparklines(ind, lang="en")
    assert len(axes) == ind["id"].nunique()
    assert axes[-1].get_title(loc="left") == "Find their work meaningful"
    assert len(axes[0].lines) == 2  # values and targets
    with pytest.raises(ParameterError):
        plot_indicator_sparklines(ind, ncols=0)


def test_table_and_sparklines_as_of_a_round_show_no_later_value():
    import numpy as np

    from kalliola_analysis.followup.figures import plot_indicator_sparklines

    ind = ka.read_indicators(ka.demo_path("indicators"))
    early = style_indicator_table(indicator_progress.indicator_status(ind, as_of="2023-05"), ind, lang="en")
    nps = early.data.set_index("Indicator").loc["Employer NPS"]
    assert (nps["Period"], nps["Value"], nps["Trend"]) == ("2023-05", "20.8", "▁█")
    # a status with no period (nothing up to the round) has no trend at all
    none = style_indicator_table(indicator_progress.indicator_status(ind, as_of="2000"), ind)
    assert set(none.data.iloc[:, -1]) == {""}
    axes = plot_indicator_sparklines(ind, as_of="2023-05")
    i = list(dict.fromkeys(ind["id"])).index("employer_nps")
    values, targets = (np.asarray(line.get_ydata(), dtype=float) for line in axes[i].lines)
    assert values[1] == 20.8 and np.isnan(values[-1])  # 2023-11's 22,0 is not drawn
    assert targets[-1] == 25.0  # the target still shows where it is heading
    with pytest.raises(ParameterError, match="as_of"):
        plot_indicator_sparklines(ind, as_of="5/2023")


def test_status_labels_are_the_i18n_strings():
    from kalliola_analysis.i18n.strings import LANGS, t

    for code in labels.INDICATOR_STATUS_CODES:
        for lang in LANGS:
            label = t(f"indicators.status.{code}", lang)
            assert labels.indicator_status_label(code, lang, symbol=False) == label
            assert labels.indicator_status_label(code, lang).endswith(" " + label)
    assert labels.indicator_status_label("on_track") == "● Tavoitteessa"
    assert labels.indicator_status_label("no_target", "en") == "○ No target"
    with pytest.raises(ParameterError, match="status"):
        labels.indicator_status_label("ahead")


# -- indicators derived from the pulse survey (issue 13.5) ---------------------------


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
    folder = write(
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
    folder = write(tmp_path / "ind", defs, values, defs_header=[*DEFS, "derive"])
    with pytest.raises(InvalidValueError) as info:
        ka.read_indicators(folder)
    assert (info.value.column, info.value.row) == (column, row)


def test_derived_indicator_of_a_hidden_group_has_no_value(tmp_path):
    # Hallinto alone: 4 respondents in 10/2022 and 5/2023 (hidden), 5 in 11/2023 (shown)
    import shutil

    pulse = ka.load_demo("pulse")
    hallinto = pulse.subset(pulse.responses["unit"] == "Hallinto")
    shutil.copytree(ka.demo_path("indicators"), tmp_path / "indicators")
    ind = ka.read_indicators(tmp_path / "indicators", survey=hallinto)
    nps = ind[ind["id"] == "employer_nps"].set_index("period")["value"]
    assert nps.loc[["2022-10", "2023-05"]].isna().all()
    e = ka.enps(hallinto, by="period").set_index("period")
    assert nps.loc["2023-11"] == _round_half_up(e.loc["2023-11", "enps"], 1)

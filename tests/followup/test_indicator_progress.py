"""Strategy indicators: status against target, the change, and the history as of a date."""

from __future__ import annotations

import pandas as pd
import pytest
from followup_files import small_indicators
from hypothesis import given, settings
from hypothesis import strategies as st

import kalliola_analysis as ka
from kalliola_analysis.errors import (
    ParameterError,
)
from kalliola_analysis.followup import indicator_progress


@pytest.fixture
def small(tmp_path):
    return small_indicators(tmp_path)


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
        indicator_progress.indicator_status(ind, as_of="2025-12"),
        indicator_progress.indicator_status(ind),
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


# -- the history as of a report date: the one home of the "as of" selection ---------


def test_history_keeps_every_period_oldest_first_and_leaves_out_rows_without_one(small):
    h = ka.indicator_history(small)
    assert h.columns.tolist() == ["id", "period", "value", "target"]
    assert h["id"].tolist() == ["up", "up", "up", "down", "down"]  # "none" has no period
    assert h["period"].tolist() == ["2022", "2023", "2024", "2023-05", "2023-11"]
    assert h["value"].tolist()[:2] == [100, 110] and pd.isna(h["value"].iloc[2])
    assert h["target"].tolist()[1:3] == [120, 130]


def test_history_as_of_a_date_hides_later_values_but_keeps_their_targets(small):
    h = ka.indicator_history(small, as_of="2023-05").set_index(["id", "period"])
    assert h.loc[("up", "2023"), "value"] == 110  # a year counts from its start
    assert h.loc[("down", "2023-05"), "value"] == 12.5
    assert pd.isna(h.loc[("down", "2023-11"), "value"])
    assert h.loc[("down", "2023-11"), "target"] == 10
    yearly = ka.indicator_history(small, as_of="2023").set_index(["id", "period"])
    assert yearly.loc[("up", "2023"), "value"] == 110 and yearly["value"].notna().sum() == 2


def test_history_as_of_a_period_per_indicator(small):
    h = ka.indicator_history(small, as_of={"up": "2022", "down": None})
    assert h.loc[h["value"].notna(), ["id", "period"]].values.tolist() == [["up", "2022"]]
    assert ka.indicator_history(small, as_of={})["value"].isna().all()


def test_history_checks_its_input(small):
    with pytest.raises(ParameterError, match="as_of"):
        ka.indicator_history(small, as_of="5/2023")
    with pytest.raises(ParameterError, match="value"):
        ka.indicator_history(small.drop(columns="value"))


@settings(max_examples=40, deadline=None)
@given(year=st.integers(2021, 2025), month=st.integers(0, 12))
def test_the_status_as_of_a_date_reports_the_latest_value_the_history_shows(year, month):
    ind = ka.load_demo("indicators")
    as_of = f"{year}" if month == 0 else f"{year}-{month:02d}"
    status = ka.indicator_status(ind, as_of=as_of).set_index("id")
    history = ka.indicator_history(ind, as_of=as_of)
    shown = history[history["value"].notna()]
    for iid, row in status.iterrows():
        mine = shown[shown["id"] == iid]
        if mine.empty:
            assert pd.isna(row["value"])
        else:
            assert (row["period"], row["value"]) == tuple(mine.iloc[-1][["period", "value"]])

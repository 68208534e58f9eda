"""Action-plan follow-up analysis: status counts, changes and transitions between rounds, open measures."""

from __future__ import annotations

import pandas as pd
import pytest
from followup_files import row, write_csv
from hypothesis import given, settings
from hypothesis import strategies as st

import kalliola_analysis as ka
from kalliola_analysis.errors import (
    ParameterError,
)
from kalliola_analysis.followup import labels as fu


def test_status_counts_by_theme_match_the_data(followup_demo):
    s = ka.followup_status(followup_demo, by="theme", period="2023-11")
    assert list(s.columns) == ["period", "theme", "status", "n", "n_measures", "share"]
    body = s[s["theme"] != "total"]
    sums = body.groupby("theme", sort=False)["n"].sum()
    assert (sums == body.groupby("theme", sort=False)["n_measures"].first()).all()
    assert body.groupby("theme")["share"].sum().round(12).eq(1).all()
    total = s[s["theme"] == "total"].set_index("status")["n"]
    codes = followup_demo.loc[followup_demo["period"] == "2023-11", "status"].astype(object)
    assert total["missing"] == codes.isna().sum() == 2
    assert total["on_track"] == (codes == "on_track").sum() == 28
    # the latest round is the default
    pd.testing.assert_frame_equal(ka.followup_status(followup_demo), s)


def test_status_by_goal_and_by_responsible_party(followup_demo):
    g = ka.followup_status(followup_demo, by="goal", period="2023-05")
    assert list(g.columns[:4]) == ["period", "theme", "goal_no", "goal"]
    first = g[(g["theme"] == "Läpileikkaavat teemat") & (g["goal_no"] == 1)]
    assert first["n_measures"].iloc[0] == 4
    r = ka.followup_status(followup_demo, by="responsible", period="2023-05")
    body = r[r["responsible"] != "total"]
    # a measure with two parties counts for both, the total counts it once
    assert body.groupby("responsible")["n_measures"].first().sum() > 47
    assert r.loc[r["responsible"] == "total", "n"].sum() == 47
    assert "Kaikki toimialat" in set(body["responsible"])


def test_status_options_are_checked(followup_demo):
    with pytest.raises(ParameterError, match="by must be one of"):
        ka.followup_status(followup_demo, by="unit")
    with pytest.raises(ParameterError, match="period must be one of"):
        ka.followup_status(followup_demo, period="2024-05")
    with pytest.raises(ParameterError):
        ka.followup_status(pd.DataFrame({"x": [1]}))


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Etenee suunnitellusti", "Aloitettu", "Ei toteudu", "Ei aloitettu", ""]),
        min_size=1,
        max_size=12,
    )
)
def test_status_counts_equal_the_statuses_given(tmp_path_factory, statuses):
    path = tmp_path_factory.mktemp("f") / "measures.csv"
    write_csv(path, [row("2023-05", "T", f"1.{i + 1}", s) for i, s in enumerate(statuses)])
    s = ka.followup_status(ka.read_followup(path))
    total = s[s["theme"] == "total"].set_index("status")["n"].to_dict()
    expected = {c: 0 for c in fu.STATUS_CODES}
    for label in statuses:
        expected[fu.parse_status(label)] += 1
    assert total == expected


@pytest.fixture
def two_rounds(tmp_path):
    base = [
        ("1.1", "Ei aloitettu", "Aloitettu"),  # improved
        ("1.2", "Aloitettu", "Etenee suunnitellusti"),  # improved
        ("1.3", "Etenee suunnitellusti", "Aloitettu"),  # worsened
        ("1.4", "Etenee suunnitellusti", "Ei toteudu"),  # worsened (terminal)
        ("1.5", "Ei aloitettu", "Ei toteudu"),  # worsened: not realised is the worst
        ("1.6", "Aloitettu", "Aloitettu"),  # unchanged
        ("1.7", "Aloitettu", ""),  # no update now
        ("1.8", "", "Aloitettu"),  # no update before
        ("1.9", "Ei toteudu", "Ei toteudu"),  # unchanged
    ]
    rows = [
        row("2023-05", "T", m, b, done="syy" if b == "Ei aloitettu" else "") for m, b, _ in base
    ]
    rows.append(row("2023-05", "T", "2.1", "Aloitettu"))  # dropped
    rows += [row("2023-11", "T", m, c) for m, _, c in base]
    rows.append(row("2023-11", "T", "2.2", "Ei aloitettu"))  # new
    return ka.read_followup(write_csv(tmp_path / "measures.csv", rows))


def test_movements_follow_the_status_order(two_rounds):
    ch = ka.followup_changes(two_rounds, "2023-05", "2023-11")
    assert list(ch.columns) == [
        "theme",
        "goal_no",
        "measure_id",
        "measure",
        "responsible",
        "status_base",
        "status_current",
        "movement",
    ]
    got = dict(zip(ch["measure_id"], ch["movement"].astype(str), strict=True))
    assert got == {
        "1.1": "improved",
        "1.2": "improved",
        "1.3": "worsened",
        "1.4": "worsened",
        "1.5": "worsened",
        "1.6": "unchanged",
        "1.7": "no_update",
        "1.8": "no_update",
        "1.9": "unchanged",
        "2.1": "dropped",
        "2.2": "new",
    }
    dropped = ch[ch["measure_id"] == "2.1"].iloc[0]
    assert dropped["status_base"] == "started" and pd.isna(dropped["status_current"])
    assert ch.loc[ch["measure_id"] == "1.7", "status_current"].iloc[0] == "missing"


def test_changes_default_to_the_last_two_rounds_and_check_the_order(two_rounds):
    pd.testing.assert_frame_equal(
        ka.followup_changes(two_rounds), ka.followup_changes(two_rounds, "2023-05", "2023-11")
    )
    with pytest.raises(ParameterError, match="earlier"):
        ka.followup_changes(two_rounds, "2023-11", "2023-05")
    with pytest.raises(ParameterError, match="first round"):
        ka.followup_changes(two_rounds, current="2023-05")
    with pytest.raises(ParameterError, match="base must be one of"):
        ka.followup_changes(two_rounds, "2022-05")


def test_transitions_cross_tabulate_the_changes(two_rounds, followup_demo):
    tr = ka.followup_transitions(two_rounds).set_index("status_base")
    assert tr.loc["started", "on_track"] == 1
    assert tr.loc["on_track", "not_realised"] == 1
    assert tr.loc["absent", "not_started"] == 1  # the new measure
    assert tr.loc["started", "absent"] == 1  # the dropped one
    assert tr.loc["total", "total"] == 11
    tr = ka.followup_transitions(followup_demo).set_index("status_base")
    ch = ka.followup_changes(followup_demo)
    diagonal = sum(tr.loc[c, c] for c in fu.STATUS_CODES if c != "missing")
    assert diagonal == (ch["movement"] == "unchanged").sum()
    assert (
        tr.drop(index="total")["total"] == tr.drop(index="total", columns="total").sum(axis=1)
    ).all()


def test_open_measures_list_the_not_started_and_not_realised_with_reasons(
    two_rounds, followup_demo
):
    o = ka.followup_open_measures(two_rounds, period="2023-05")
    assert list(o.columns) == [
        "period",
        "theme",
        "goal_no",
        "measure_id",
        "measure",
        "responsible",
        "status",
        "reason",
    ]
    assert o["measure_id"].tolist() == ["1.1", "1.5", "1.9"]
    assert o.loc[0, "reason"] == "syy"
    d = ka.followup_open_measures(followup_demo, period="2023-05")
    assert (d["theme"].astype(str) + " " + d["measure_id"]).tolist() == [
        "Läpileikkaavat teemat 1.3",
        "Työllisyys ja työvoima 2.3",
        "Lapset, nuoret ja perheet 3.4",
        "Lapset, nuoret ja perheet 3.5",
        "Asuinalueet ja yhteisöllisyys 3.8",
    ]
    assert d["reason"].str.len().gt(10).all()
    missing = ka.followup_open_measures(followup_demo, statuses="missing")
    assert len(missing) == 2
    with pytest.raises(ParameterError):
        ka.followup_open_measures(followup_demo, statuses=["done"])

"""Headline figures: responses, invited, response rate and eNPS, from the analytics."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import kalliola_analysis as ka

# ---------------------------------------------------------------------------
# headline figures


def test_headline_figures_reproduce_the_annual_report(pulse):
    now = ka.format_headline_figures(ka.headline_figures(pulse, period="2023-11"))
    assert now.loc["response_rate", "Arvo"] == "81\u00a0%"  # never wraps inside the value
    assert now.loc["enps", "Arvo"] == "22,0"
    before = ka.format_headline_figures(ka.headline_figures(pulse, period="2023-05"), lang="en")
    assert before.loc["response_rate", "Value"] == "73%"
    assert before.loc["enps", "Value"] == "20.8"
    assert before.loc["enps", "Figure"] == "Employer NPS"


def test_headline_figures_come_from_the_analytics(pulse):
    h = ka.headline_figures(pulse, period="2023-11").set_index("figure")
    rates = ka.response_rates(pulse, by="period").set_index("period")
    scores = ka.enps(pulse, by="period").set_index("period")
    assert h.loc["responses", "value"] == rates.loc["2023-11", "responded"]
    assert h.loc["invited", "value"] == rates.loc["2023-11", "invited"]
    assert h.loc["response_rate", "value"] == rates.loc["2023-11", "rate"]
    assert h.loc["response_rate", "compare_value"] == rates.loc["2023-05", "rate"]
    for c in ("enps", "ci_low", "ci_high"):
        assert h.loc["enps", "value" if c == "enps" else c] == scores.loc["2023-11", c]
    assert h.loc["enps", "change"] == pytest.approx(
        scores.loc["2023-11", "enps"] - scores.loc["2023-05", "enps"]
    )
    assert h.columns.tolist() == [
        "value",
        "ci_low",
        "ci_high",
        "compare_value",
        "change",
        "suppressed",
    ]


def test_headline_figures_hidden_unit(pulse):
    h = ka.headline_figures(pulse, period="2023-05", unit="Hallinto")
    assert h.set_index("figure").loc[["responses", "response_rate", "enps"], "value"].isna().all()
    ft = ka.format_headline_figures(h)
    assert (ft.loc[["responses", "response_rate", "enps"], "Arvo"] == "piilotettu").all()


def test_headline_figures_without_invitations(small_survey):
    s = ka.Survey(small_survey.responses, small_survey.codebook)
    h = ka.headline_figures(s, period="2023-11").set_index("figure")
    # no invitations: no invited or response rate rows, the responses counted from the data
    assert h.index.tolist() == ["responses", "enps"]
    n = int((small_survey.responses["period"].astype(str) == "2023-11").sum())
    assert h.loc["responses", "value"] == n and pd.isna(h.loc["responses", "suppressed"])
    assert not np.isnan(h.loc["enps", "value"])
    assert ka.format_headline_figures(h.reset_index()).index.tolist() == ["responses", "enps"]
    no_nps = ka.Survey(
        small_survey.responses.drop(columns=["enps"]),
        small_survey.codebook[small_survey.codebook["question"] != "enps"],
        small_survey.invitations,
    )
    h = ka.headline_figures(no_nps, period="2023-11").set_index("figure")
    # no NPS question: no enps row
    assert h.index.tolist() == ["responses", "invited", "response_rate"]
    assert "enps" not in ka.format_headline_figures(h.reset_index()).index


def test_headline_figures_without_invitations_hide_a_small_unit(small_survey):
    s = ka.Survey(small_survey.responses, small_survey.codebook)
    sizes = s.responses[s.responses["period"].astype(str) == "2023-11"]["unit"].value_counts()
    small = str(sizes.idxmin())
    assert sizes.min() < 5
    h = ka.headline_figures(s, period="2023-11", unit=small).set_index("figure")
    assert np.isnan(h.loc["responses", "value"])
    assert h.loc["responses", "suppressed"] == "fewer than 5 answers"
    assert ka.format_headline_figures(h.reset_index()).loc["responses", "Arvo"] == "piilotettu"


def test_format_headline_figures_leaves_out_the_columns_with_nothing_to_show(pulse):
    fb = ka.headline_figures(ka.load_demo("feedback/kickoff-2023"), period="2023-09")
    assert ka.format_headline_figures(fb).columns.tolist() == ["Tunnusluku", "Arvo"]
    first = ka.format_headline_figures(ka.headline_figures(pulse, period="2022-10"))
    assert first.columns.tolist() == ["Tunnusluku", "Arvo", "95 %:n luottamusväli"]
    later = ka.format_headline_figures(ka.headline_figures(pulse, period="2023-11"))
    assert later.columns.tolist() == [
        "Tunnusluku",
        "Arvo",
        "95 %:n luottamusväli",
        "Muutos 5/2023",
    ]

"""response_rates: counts against invitations, errors, suppression, the demo pulse."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import make_survey

import kalliola_analysis as ka
from kalliola_analysis.errors import DataError, InvitationError, ParameterError


def test_rates_per_period_and_unit(small_survey):
    # fixture: units of 20, 12, 3 respondents, each invited n + 2, in two periods
    out = ka.response_rates(small_survey, by=["period", "unit"], min_n=1)
    assert out.columns.tolist() == ["period", "unit", "responded", "invited", "rate", "suppressed"]
    a = out[(out["period"] == "2023-05") & (out["unit"] == "A")].iloc[0]
    assert (a["responded"], a["invited"], a["rate"]) == (20, 22, 20 / 22)
    total = ka.response_rates(small_survey, by=None).iloc[0]
    assert (total["responded"], total["invited"]) == (70, 2 * (22 + 14 + 5))


def test_small_units_suppressed_with_complement(small_survey):
    out = ka.response_rates(small_survey, by=["period", "unit"])
    c = out[out["unit"] == "C"]
    assert c["responded"].isna().all() and c["rate"].isna().all()
    assert (c["suppressed"] == "fewer than 5 answers").all()
    assert c["invited"].tolist() == [5, 5]  # the headcount is not a respondent figure
    b = out[out["unit"] == "B"]
    assert (b["suppressed"] == "hidden to protect a smaller group").all()


def test_no_invitations(rng):
    s = make_survey(rng)
    s.invitations = None
    with pytest.raises(InvitationError, match="no invitations"):
        ka.response_rates(s)


def test_more_responses_than_invited_is_a_data_error(rng):
    s = make_survey(rng)
    s.invitations = s.invitations.assign(invited=1)
    with pytest.raises(DataError, match="cannot exceed 100 %"):
        ka.response_rates(s, by="unit")


def test_by_background_is_refused(rng):
    s = make_survey(rng)
    s.responses["team"] = pd.Categorical(["x"] * len(s.responses))
    with pytest.raises(ParameterError, match="period"):
        ka.response_rates(s, by="team")


def test_demo_pulse_published_rates():
    # Kalliola annual report 2023: response rate 81 % (11/2023) and 73 % (5/2023)
    r = ka.response_rates(ka.load_demo("pulse"), by="period").set_index("period")
    assert round(100 * r.loc["2023-11", "rate"]) == 81
    assert round(100 * r.loc["2023-05", "rate"]) == 73
    assert r["rate"].max() <= 1


def test_subset_to_one_period_uses_its_invitations(small_survey):
    one = small_survey.subset(small_survey.responses["period"] == "2023-11")
    total = ka.response_rates(one, by=None).iloc[0]
    assert (total["responded"], total["invited"]) == (35, 22 + 14 + 5)
    e = ka.enps(one, by=None)
    assert e["invited"].iloc[0] == 41

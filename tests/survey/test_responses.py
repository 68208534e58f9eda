"""Responses per group: the release decision's counts, the same the response rates show."""

from __future__ import annotations

import pandas as pd
import pytest

import kalliola_analysis as ka
from kalliola_analysis.survey.responses import response_counts


@pytest.mark.parametrize("by", [["period"], ["period", "unit"]])
def test_response_counts_are_the_response_rates_responded(by):
    pulse = ka.load_demo("pulse")
    counts = response_counts(pulse, by=by, min_n=5)
    rates = ka.response_rates(pulse, by=by, min_n=5)
    merged = counts.merge(
        rates.astype({c: str for c in by}).assign(rate_reason=rates["suppressed"]),
        on=by,
        how="inner",
        suffixes=("", "_rates"),
    )
    counts_keys = counts[by].astype(str)
    assert len(merged) == len(rates) and len(merged) <= len(counts_keys)
    hidden = merged["suppressed"].notna().to_numpy()
    # hidden in one table exactly where hidden in the other, with the same reason
    assert (hidden == merged["rate_reason"].notna().to_numpy()).all()
    assert (merged.loc[hidden, "suppressed"] == merged.loc[hidden, "rate_reason"]).all()
    assert merged.loc[hidden, "responded"].isna().all()
    shown = merged.loc[~hidden]
    assert (shown["responded"] == shown["responded_rates"].astype("float64")).all()


def test_response_counts_hide_a_small_unit_of_a_survey_without_invitations(small_survey):
    survey = ka.Survey(small_survey.responses, small_survey.codebook)
    counts = response_counts(survey, by=["period", "unit"], min_n=5)
    hidden = counts["suppressed"].notna()
    assert hidden.any() and (~hidden).any()  # the small survey has a hidden unit
    assert counts.loc[hidden, "responded"].isna().all()
    # a shown count is the number of responses of the group
    sizes = survey.responses.groupby(["period", "unit"], observed=True).size()
    for row in counts.loc[~hidden].itertuples(index=False):
        assert row.responded == sizes[(row.period, row.unit)]
    assert (
        counts.loc[hidden, "suppressed"]
        == ka.hidden_cells(survey, by=["period", "unit"])
        .set_index(["period", "unit"])["reason"]
        .reindex(pd.MultiIndex.from_frame(counts.loc[hidden, ["period", "unit"]]))
        .to_numpy()
    ).all()

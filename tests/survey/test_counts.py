"""The counting kernel (survey.counts): dense answer counts, their projection and memo."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import make_codebook, make_survey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_groups import COLUMNS, responses

import kalliola_analysis as ka
from kalliola_analysis.errors import ParameterError
from kalliola_analysis.survey.counts import (
    COUNTED_TYPES,
    check_questions,
    dense_counts,
    invited_per_group,
    not_asked_mask,
    project_counts,
    survey_counts,
    survey_groups,
    values_and_mask,
)

QUESTIONS = ["q1", "q2", "q3", "enps"]


def test_dense_counts_match_crosstab_with_missing_groups(rng):
    n = 500
    r = pd.DataFrame(
        {
            "response_id": [f"r{i}" for i in range(n)],
            "period": rng.choice(["2023-05", "2023-11"], n),
            "unit": rng.choice(["A", "B", "C"], n),
            "team": pd.Series(rng.choice(["x", "y", None], n), dtype="object"),
            "q1": pd.array(rng.integers(1, 6, n), dtype="Int64"),
            "q2": rng.integers(1, 6, n),
            "q3": rng.integers(1, 6, n),
            "enps": rng.integers(0, 11, n),
            "comment": None,
        }
    )
    r.loc[rng.random(n) < 0.2, "q1"] = pd.NA
    s = ka.Survey(r, make_codebook())
    c = dense_counts(s, ["unit", "team"], ["q1", "enps"])
    frame = c.groups.frame.astype(str)
    for i, (unit, team) in enumerate(frame.itertuples(index=False)):
        teams = s.responses["team"].astype(object).fillna(ka.NOT_STATED)
        sub = s.responses[(s.responses["unit"] == unit) & (teams == team)]
        assert c.counts[i, 0, :5].tolist() == [int((sub["q1"] == k).sum()) for k in range(1, 6)]
        assert c.counts[i, 1, :11].tolist() == [int((sub["enps"] == k).sum()) for k in range(11)]
    # responses with a missing team form the last group, "(not stated)" (issue 9)
    assert c.groups.size.sum() == len(s.responses)
    assert c.groups.frame["team"].cat.categories[-1] == ka.NOT_STATED


def test_values_and_mask_for_masked_and_plain_columns():

    masked = pd.Series(pd.array([1, None, 3], dtype="Int8"))
    plain = pd.Series([1.0, float("nan"), 3.0])
    for col in (masked, plain):
        values, missing = values_and_mask(col)
        assert missing.tolist() == [False, True, False]
        assert [int(v) for v, m in zip(values, missing, strict=True) if not m] == [1, 3]


def test_out_of_range_answers_are_refused(small_survey):
    from kalliola_analysis.errors import OutOfRangeError

    small_survey.responses["q1"] = small_survey.responses["q1"].astype("Int8")
    small_survey.responses.loc[3, "q1"] = 9  # bypassing Survey validation
    with pytest.raises(OutOfRangeError, match="outside the scale 1-5"):
        ka.likert_summary(small_survey)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(frame=responses(), full=st.permutations(COLUMNS), data=st.data())
def test_property_projected_counts_are_the_counts_of_fewer_columns(frame, full, data):
    survey = ka.Survey(frame, make_codebook())
    sub = data.draw(st.lists(st.sampled_from(full), unique=True, max_size=len(full)))
    finer = dense_counts(survey, list(full), QUESTIONS)
    merged = project_counts(finer, sub)
    direct = dense_counts(survey, sub, QUESTIONS)
    assert merged.groups.frame.equals(direct.groups.frame)
    assert np.array_equal(merged.counts, direct.counts)
    # the answers of a question sum to its non-missing answers, in every table
    answered = [int(survey.responses[q].notna().sum()) for q in QUESTIONS]
    assert finer.n.sum(axis=0).tolist() == merged.n.sum(axis=0).tolist() == answered


def test_project_counts_onto_the_same_columns_is_the_identity(small_survey):
    c = dense_counts(small_survey, ["period", "unit"], ["q1"])
    assert project_counts(c, ["period", "unit"]) is c


def test_survey_counts_are_the_dense_counts_memoised(small_survey):
    cols = ("period", "unit")
    got = survey_counts(small_survey, cols, ["q2", "q1"])
    ref = dense_counts(small_survey, list(cols), ["q2", "q1"])
    assert np.array_equal(got.counts, ref.counts) and got.types == ref.types
    assert got.groups is survey_groups(small_survey, cols)  # one groups object per survey
    one = survey_counts(small_survey, cols, ["q1"])
    assert np.array_equal(one.counts[:, 0, :5], got.counts[:, 1, :5])


def test_not_asked_mask_is_per_period_with_period_and_overall_without(small_survey):
    small_survey.responses.loc[small_survey.responses["period"] == "2023-11", "q2"] = pd.NA
    per = dense_counts(small_survey, ["period", "unit"], ["q1", "q2"])
    late = (per.groups.frame["period"] == "2023-11").to_numpy()
    mask = not_asked_mask(per)
    assert not mask[:, 0].any()
    assert mask[late, 1].all() and not mask[~late, 1].any()
    pooled = dense_counts(small_survey, ["unit"], ["q1", "q2"])
    assert not not_asked_mask(pooled).any()  # q2 was asked in 2023-05


def test_invited_per_group_only_for_period_and_unit(small_survey):
    groups = survey_groups(small_survey, ("period", "unit"))
    invited = invited_per_group(small_survey, groups)
    frame = groups.frame.astype(str)
    inv = small_survey.invitations.assign(
        period=small_survey.invitations["period"].astype(str),
        unit=small_survey.invitations["unit"].astype(str),
    ).set_index(["period", "unit"])["invited"]
    assert invited.tolist() == [float(inv[p, u]) for p, u in frame.itertuples(index=False)]
    total = invited_per_group(small_survey, survey_groups(small_survey, ()))
    assert total.tolist() == [float(inv.sum())]
    by_q = small_survey.responses.assign(team="x")
    small_survey.responses = by_q
    assert np.isnan(invited_per_group(small_survey, survey_groups(small_survey, ("team",)))).all()


def test_check_questions_defaults_to_the_types_and_refuses_repeats(small_survey):
    assert check_questions(small_survey, None, COUNTED_TYPES) == QUESTIONS
    assert check_questions(small_survey, "q3", ("likert",)) == ["q3"]
    with pytest.raises(ParameterError, match="names a question twice"):
        check_questions(small_survey, ["q1", "q1"], COUNTED_TYPES)
    with pytest.raises(ParameterError, match="another type"):
        check_questions(small_survey, ["enps"], ("likert",))


def test_kernel_counts_match_answer_counts(rng):
    s = make_survey(rng)
    tidy = ka.answer_counts(s, by=["unit"], questions=["q1"], min_n=None)
    c = dense_counts(s, ["unit"], ["q1"])
    assert tidy["count"].astype(int).tolist() == c.counts[:, 0, :5].ravel().tolist()

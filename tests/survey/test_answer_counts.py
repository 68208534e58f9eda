"""answer_counts: the tidy answer counts, hidden by the survey's release decision."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import make_survey

import kalliola_analysis as ka
from kalliola_analysis.errors import ParameterError


def _naive_counts(survey, by, questions):
    """Independent reference: pandas value_counts per group (the slow groupby way)."""
    r = survey.responses
    cb = survey.codebook.set_index("question")
    rows = []
    groups = r.groupby(by, observed=True) if by else [((), r)]
    for key, sub in groups:
        key = key if isinstance(key, tuple) else (key,)
        for q in questions:
            vc = sub[q].dropna().astype(int).value_counts()
            for a in range(int(cb.at[q, "scale_min"]), int(cb.at[q, "scale_max"]) + 1):
                rows.append((*map(str, key), q, a, int(vc.get(a, 0))))
    return pd.DataFrame(rows, columns=[*by, "question", "answer", "count"])


@pytest.mark.parametrize("by", [None, "period", ["period", "unit"], ["unit", "period"]])
def test_counts_equal_groupby_value_counts(small_survey, by):
    by_list = [] if by is None else [by] if isinstance(by, str) else by
    qs = ["q1", "q2", "q3", "enps"]
    got = ka.answer_counts(small_survey, by=by, min_n=None)
    ref = _naive_counts(small_survey, by_list, qs)
    assert got["suppressed"].isna().all()  # every question asked, nothing hidden
    got_cmp = got.drop(columns="suppressed").assign(**{c: got[c].astype(str) for c in by_list})
    got_cmp["question"] = got_cmp["question"].astype(str)
    got_cmp["count"] = got_cmp["count"].astype(int)
    key = [*by_list, "question", "answer"]
    pd.testing.assert_frame_equal(
        got_cmp.sort_values(key).reset_index(drop=True),
        ref.sort_values(key).reset_index(drop=True),
        check_dtype=False,
    )


def test_options_nobody_chose_appear_with_zero(small_survey):
    # q2 answers are drawn from 2..5 in the fixture: option 1 is never chosen
    got = ka.answer_counts(small_survey, by="period", questions="q2", min_n=None)
    ones = got[got["answer"] == 1]
    assert len(ones) == 2 and (ones["count"] == 0).all()


def test_columns_order_and_group_dtypes(small_survey):
    got = ka.answer_counts(small_survey, by=["unit", "period"], questions=["q1"])
    assert got.columns.tolist() == ["unit", "period", "question", "answer", "count", "suppressed"]
    assert isinstance(got["period"].dtype, pd.CategoricalDtype)
    assert got["period"].cat.ordered
    # groups vary slowest, in categorical order
    assert got["unit"].astype(str).tolist()[:10] == ["A"] * 10


def test_small_groups_are_hidden_by_default(small_survey):
    got = ka.answer_counts(small_survey, by=["period", "unit"], questions=["q1"])
    c = got[got["unit"] == "C"]
    assert c["count"].isna().all()
    # B is hidden too: C alone could be recovered from the period total
    assert got.loc[got["unit"] == "B", "count"].isna().all()
    assert got.loc[got["unit"] == "A", "count"].notna().all()


def test_bad_questions_raise(small_survey):
    with pytest.raises(ParameterError, match="not in the codebook"):
        ka.answer_counts(small_survey, questions=["nope"])
    with pytest.raises(ParameterError, match="another type"):
        ka.answer_counts(small_survey, questions=["comment"])
    with pytest.raises(ParameterError, match="by names column"):
        ka.answer_counts(small_survey, by="nope")
    with pytest.raises(ParameterError, match="min_n"):
        ka.answer_counts(small_survey, min_n=0)


def test_question_not_asked_is_marked_like_likert_summary(rng):
    # issue 13: a question nobody was asked in a period is marked, not shown as zeros
    s = make_survey(rng)
    s.responses.loc[s.responses["period"] == "2023-11", "q2"] = pd.NA
    got = ka.answer_counts(s, by="period", questions=["q1", "q2"])
    late = got[(got["period"] == "2023-11") & (got["question"] == "q2")]
    assert (late["suppressed"] == "not asked").all() and late["count"].isna().all()
    early = got[(got["period"] == "2023-05") & (got["question"] == "q2")]
    assert early["suppressed"].isna().all() and early["count"].notna().all()
    summary = ka.likert_summary(s, by="period", questions="q2").set_index("period")
    assert summary.loc["2023-11", "suppressed"] == "not asked"

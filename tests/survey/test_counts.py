"""answer_counts and the dense counts every statistic is built from."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import make_codebook, make_survey

import kalliola_analysis as ka
from kalliola_analysis.errors import ParameterError
from kalliola_analysis.survey.counts import dense_counts, values_and_mask
from kalliola_analysis.survey.groups import group_index


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


def test_group_index_without_by():
    r = pd.DataFrame({"x": [1, 2, 3]})
    g = group_index(r, [])
    assert g.n == 1 and g.index.tolist() == [0, 0, 0]


def test_bad_questions_raise(small_survey):
    with pytest.raises(ParameterError, match="not in the codebook"):
        ka.answer_counts(small_survey, questions=["nope"])
    with pytest.raises(ParameterError, match="another type"):
        ka.answer_counts(small_survey, questions=["comment"])
    with pytest.raises(ParameterError, match="by names column"):
        ka.answer_counts(small_survey, by="nope")
    with pytest.raises(ParameterError, match="min_n"):
        ka.answer_counts(small_survey, min_n=0)


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


def test_group_index_with_very_many_combinations():
    # 300**4 possible combinations: only the observed ones are enumerated
    cats = [f"c{i}" for i in range(300)]
    rows = {c: pd.Categorical(["c1", "c299", "c1", None], categories=cats) for c in "wxyz"}
    g = group_index(pd.DataFrame(rows), list("wxyz"))
    assert g.n == 3
    assert g.index.tolist() == [0, 1, 0, 2]  # the missing values: the "(not stated)" group
    assert g.size.tolist() == [2, 1, 1]
    assert g.frame["w"].astype(str).tolist() == ["c1", "c299", ka.NOT_STATED]


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

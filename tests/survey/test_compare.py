"""compare_groups / compare_periods against scipy and statsmodels on raw answers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import make_survey
from scipy import stats
from statsmodels.stats.multitest import multipletests

import kalliola_analysis as ka
from kalliola_analysis.errors import ParameterError


@pytest.fixture
def survey(rng):
    return make_survey(rng, units=(("A", 40), ("B", 25), ("C", 8)))


def _raw(survey, column, value, q):
    r = survey.responses
    x = r.loc[r[column] == value, q].dropna().to_numpy(float)
    if q == "q3":  # reverse-coded in the fixture codebook: compared on the scored scale
        x = 6 - x
    return x


@pytest.mark.parametrize("alternative", ["two-sided", "greater", "less"])
def test_mann_whitney_and_welch_equal_scipy(survey, alternative):
    out = ka.compare_periods(survey, "2023-05", "2023-11", alternative=alternative, p_adjust="none")
    scipy_alt = {"two-sided": "two-sided", "greater": "less", "less": "greater"}[alternative]
    for row in out[out["test"] == "mannwhitneyu"].itertuples(index=False):
        a = _raw(survey, "period", "2023-05", row.question)
        b = _raw(survey, "period", "2023-11", row.question)
        # scipy.stats.mannwhitneyu(x=base, y=current): U of x; our alternative is about b - a
        ref = stats.mannwhitneyu(
            a, b, alternative=scipy_alt, method="asymptotic", use_continuity=True
        )
        assert row.statistic == pytest.approx(ref.statistic)
        assert row.p == pytest.approx(ref.pvalue, rel=1e-10)
        assert row.p_adj == row.p
        assert row.effect_size == pytest.approx(1 - 2 * ref.statistic / (len(a) * len(b)))
        # Welch interval of current - base: scipy.stats.ttest_ind(current, base, equal_var=False)
        ci = stats.ttest_ind(b, a, equal_var=False, alternative=alternative).confidence_interval()
        assert row.diff == pytest.approx(b.mean() - a.mean())
        assert row.ci_low == pytest.approx(ci.low)
        assert row.ci_high == pytest.approx(ci.high)
        assert (row.mean_base, row.mean_current) == pytest.approx((a.mean(), b.mean()))


def test_p_adj_across_questions_within_by_group(survey):
    out = ka.compare_periods(survey, "2023-05", "2023-11", by="unit", p_adjust="fdr_bh")
    for _, grp in out.groupby("unit", observed=True):
        ok = grp["p"].notna()
        if ok.any():
            ref = multipletests(grp.loc[ok, "p"], method="fdr_bh")[1]
            assert np.allclose(grp.loc[ok, "p_adj"], ref)


def test_nps_row_compares_the_enps_of_the_periods(survey):
    # the test itself (exact permutation / MOVER interval) is checked in
    # test_nps_difference.py; here: the row's figures are the groups' eNPS
    out = ka.compare_periods(survey, "2023-05", "2023-11").set_index("question")
    row = out.loc["enps"]
    assert row["test"] == "nps_exact"  # 73 answers per period: below the exact bound
    e = ka.enps(survey, by="period", fpc=False).set_index("period")
    assert row["mean_base"] == pytest.approx(e.loc["2023-05", "enps"])
    assert row["mean_current"] == pytest.approx(e.loc["2023-11", "enps"])
    assert row["diff"] == pytest.approx(row["mean_current"] - row["mean_base"])
    assert row["ci_low"] < row["diff"] < row["ci_high"]
    assert 0 < row["p"] <= 1
    assert np.isnan(row["effect_size"])


def test_question_asked_in_one_period_is_reported_not_dropped(rng):
    s = make_survey(rng)
    s.responses.loc[s.responses["period"] == "2023-11", "q2"] = pd.NA
    out = ka.compare_periods(s, "2023-05", "2023-11").set_index("question")
    assert out.columns.tolist()[:5] == ["base", "current", "n_base", "n_current", "mean_base"]
    row = out.loc["q2"]
    assert row["asked"] == "base only"
    assert row["n_current"] == 0 and np.isnan(row["diff"]) and np.isnan(row["p"])
    assert not np.isnan(row["mean_base"])
    assert out.loc["q1", "asked"] == "both"
    g = ka.compare_groups(s, "period", "2023-11", "2023-05").set_index("question")
    assert g.loc["q2", "asked"] == "b only"


def test_compare_periods_column_set(survey):
    out = ka.compare_periods(survey, "5/2023", "2023-11", by="unit")
    assert out.columns.tolist() == [
        "unit", "question", "base", "current", "n_base", "n_current", "mean_base",
        "mean_current", "diff", "ci_low", "ci_high", "statistic", "p", "p_adj",
        "effect_size", "test", "asked", "suppressed",
    ]  # fmt: skip
    assert (out["base"] == "2023-05").all()


def test_small_groups_hidden_and_left_out_of_adjustment(small_survey):
    # units of 20, 12 and 3 per period: C is hidden, B with it (complementary)
    out = ka.compare_periods(small_survey, "2023-05", "2023-11", by="unit")
    small = out[out["unit"] == "C"]
    assert small["suppressed"].notna().all()
    assert small[["n_base", "n_current"]].isna().all().all()
    assert small[["mean_base", "diff", "p", "p_adj", "statistic"]].isna().all().all()
    assert (out.loc[out["unit"] == "B", "suppressed"] == "hidden to protect a smaller group").all()
    shown = out[out["unit"] == "A"]
    assert shown["p"].notna().all() and shown["suppressed"].isna().all()
    # Holm over the shown rows only
    assert np.allclose(shown["p_adj"], multipletests(shown["p"], method="holm")[1])


def test_compare_groups_on_units(survey):
    out = ka.compare_groups(survey, "unit", "A", "B", by="period")
    assert out.columns.tolist()[:6] == ["period", "question", "a", "b", "n_a", "n_b"]
    row = out[(out["period"] == "2023-05") & (out["question"] == "q1")].iloc[0]
    a = _raw(survey, "unit", "A", "q1")[:40]
    assert row["n_a"] == 40 and row["n_b"] == 25 and len(a) == 40


def test_errors(survey):
    with pytest.raises(ParameterError, match="must differ"):
        ka.compare_periods(survey, "2023-05", "2023-05")
    with pytest.raises(ParameterError, match="value of column"):
        ka.compare_periods(survey, "2023-05", "2024-01")
    with pytest.raises(ParameterError, match="must not contain"):
        ka.compare_groups(survey, "unit", "A", "B", by="unit")
    with pytest.raises(ParameterError, match="another type"):
        ka.compare_groups(survey, "unit", "A", "B", questions=["comment"])
    with pytest.raises(ParameterError, match="alternative"):
        ka.compare_periods(survey, "2023-05", "2023-11", alternative="bigger")
    with pytest.raises(ParameterError, match="p_adjust"):
        ka.compare_periods(survey, "2023-05", "2023-11", p_adjust="bonferroni")


def test_compare_groups_compares_within_each_period_by_default(survey):
    # issue 13: the same staff answering two rounds are not two independent samples
    out = ka.compare_groups(survey, "unit", "A", "B", questions=["q1"])
    assert out.columns.tolist()[:3] == ["period", "question", "a"]
    assert out["period"].astype(str).tolist() == ["2023-05", "2023-11"]
    for row in out.itertuples(index=False):
        r = survey.responses
        r = r[r["period"] == row.period]
        a = r.loc[r["unit"] == "A", "q1"].dropna().to_numpy(float)
        b = r.loc[r["unit"] == "B", "q1"].dropna().to_numpy(float)
        ref = stats.mannwhitneyu(a, b, method="asymptotic", use_continuity=True)
        assert (row.n_a, row.n_b) == (len(a), len(b))
        assert row.statistic == pytest.approx(ref.statistic)
        assert row.p == pytest.approx(ref.pvalue, rel=1e-10)
    one = ka.compare_groups(survey, "unit", "A", "B", questions=["q1"], period="11/2023")
    assert one["period"].astype(str).tolist() == ["2023-11"]
    assert one["p"].iloc[0] == out["p"].iloc[1]


def test_compare_groups_pools_periods_only_when_asked(survey):
    out = ka.compare_groups(survey, "unit", "A", "B", questions=["q1"], pooled=True)
    assert "period" not in out.columns
    r = survey.responses
    assert out["n_a"].iloc[0] == r.loc[r["unit"] == "A", "q1"].notna().sum()
    # a pooled cell is shown only if every per-period cell of it is: C (8 a period) is
    # shown in neither period at min_n=10, so the pooled C (16) is hidden too
    c = ka.compare_groups(survey, "unit", "A", "C", questions=["q1"], pooled=True, min_n=10)
    assert c["suppressed"].notna().all() and c["n_b"].isna().all()


def test_compare_groups_period_errors(survey):
    with pytest.raises(ParameterError, match="compare_periods"):
        ka.compare_groups(survey, "period", "2023-05", "2023-11", period="2023-05")
    with pytest.raises(ParameterError, match="pooled"):
        ka.compare_groups(survey, "unit", "A", "B", pooled="yes")
    with pytest.raises(ParameterError, match="period must be one of"):
        ka.compare_groups(survey, "unit", "A", "B", period="2020-01")
    with pytest.raises(ParameterError, match="picks one period"):
        ka.compare_groups(survey, "unit", "A", "B", period="2023-05", pooled=True)

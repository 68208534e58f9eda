"""likert_summary: figures against numpy/scipy on raw answers, reverse coding, the demo pulse."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

import kalliola_analysis as ka

SCALE = [1, 2, 3, 4, 5]


def test_figures_equal_numpy_scipy_on_raw_answers(small_survey):
    s = ka.likert_summary(small_survey, by=["period", "unit"], min_n=1)
    r = small_survey.responses
    for row in s.itertuples(index=False):
        sub = r[(r["period"] == row.period) & (r["unit"] == row.unit)]
        x = sub[row.question].dropna().to_numpy(float)
        if row.reverse:
            x = 1 + 5 - x
        assert row.n == len(x)
        assert row.mean == pytest.approx(x.mean())
        assert row.sd == pytest.approx(x.std(ddof=1))
        half = stats.t.ppf(0.975, len(x) - 1) * x.std(ddof=1) / np.sqrt(len(x))
        # the t-interval, clipped to the 1-5 scale (a small group's could run past 5)
        assert row.ci_low == pytest.approx(max(x.mean() - half, 1))
        assert row.ci_high == pytest.approx(min(x.mean() + half, 5))
        assert row.median == np.median(x)


def test_reverse_coded_statement(small_survey):
    s = ka.likert_summary(small_survey, by=None, min_n=1).set_index("question")
    raw = small_survey.responses["q3"].dropna().to_numpy(float)
    q3 = s.loc["q3"]
    assert bool(q3["reverse"]) and not bool(s.loc["q1", "reverse"])
    # shares stay per original answer code
    assert q3["share_5"] == pytest.approx((raw == 5).mean())
    # mean on the scored scale: higher is better
    assert q3["mean"] == pytest.approx(6 - raw.mean())
    assert q3["favourable"] == pytest.approx((raw <= 2).mean())
    assert q3["unfavourable"] == pytest.approx((raw >= 4).mean())


def _survey(answers: dict[str, list], periods: list[str], codebook: pd.DataFrame) -> ka.Survey:
    n = len(periods)
    r = pd.DataFrame(
        {
            "response_id": [f"r{i}" for i in range(n)],
            "period": periods,
            "unit": ["A"] * n,
            **answers,
        }
    )
    return ka.Survey(r, codebook)


def _codebook(questions, scale_max=None):
    scale_max = scale_max or [5] * len(questions)
    return pd.DataFrame(
        {
            "question": questions,
            "text_fi": questions,
            "text_en": questions,
            "type": "likert",
            "scale_min": 1,
            "scale_max": scale_max,
            "labels_fi": [
                "|".join(["Täysin eri mieltä", "b", "c", "d", "Täysin samaa mieltä"])
                if m == 5
                else ""
                for m in scale_max
            ],
        }
    )


def test_dont_know_is_missing_and_not_asked_is_reported():
    periods = ["2023-05"] * 6 + ["2023-11"] * 6
    new = [None] * 6 + [1, 2, 3, 4, 5, "En osaa sanoa"]
    old = ["Täysin samaa mieltä", 5, 4, "En osaa sanoa", 4, 4] + [None] * 6
    s = _survey({"new": new, "old": old}, periods, _codebook(["new", "old"]))
    out = ka.likert_summary(s, by="period", min_n=5).set_index(["period", "question"])
    assert out.loc[("2023-05", "old"), "n"] == 5
    assert out.loc[("2023-05", "old"), "mean"] == pytest.approx(22 / 5)
    assert out.loc[("2023-11", "new"), "mean"] == pytest.approx(3.0)
    for key in [("2023-05", "new"), ("2023-11", "old")]:
        assert out.loc[key, "n"] == 0
        assert out.loc[key, "suppressed"] == "not asked"
        assert np.isnan(out.loc[key, "mean"])


def test_mixed_scales_union_of_codes():
    periods = ["2023-05"] * 6
    s = _survey(
        {"five": [1, 2, 3, 4, 5, 5], "seven": [1, 7, 7, 6, 2, 4]},
        periods,
        _codebook(["five", "seven"], [5, 7]),
    )
    out = ka.likert_summary(s, by=None, min_n=1).set_index("question")
    assert [c for c in out.columns if c.startswith("share_")] == [f"share_{k}" for k in range(1, 8)]
    assert np.isnan(out.loc["five", "share_6"]) and np.isnan(out.loc["five", "share_7"])
    assert out.loc["seven", "share_7"] == pytest.approx(2 / 6)
    assert out.loc["seven", "favourable"] == pytest.approx(3 / 6)  # 6 and 7
    assert out.loc["seven", "unfavourable"] == pytest.approx(2 / 6)  # 1 and 2


def test_median_of_even_count_is_midpoint():
    s = _survey({"q": [1, 2, 4, 5]}, ["2023-05"] * 4, _codebook(["q"]))
    assert ka.likert_summary(s, by=None, min_n=1)["median"].iloc[0] == 3.0


@settings(max_examples=40, deadline=None)
@given(
    counts=st.lists(st.lists(st.integers(0, 12), min_size=5, max_size=5), min_size=1, max_size=3),
    reverse=st.booleans(),
)
def test_invariants(counts, reverse):
    periods, answers = [], []
    for i, cs in enumerate(counts):
        for code, c in zip(SCALE, cs, strict=True):
            periods += [f"2023-{i + 1:02d}"] * c
            answers += [code] * c
    if not answers:
        return
    cb = _codebook(["q"]).assign(reverse=reverse)
    s = _survey({"q": answers}, periods, cb)
    out = ka.likert_summary(s, by="period", min_n=1)
    shares = out[[f"share_{k}" for k in SCALE]]
    assert np.allclose(shares.sum(axis=1), 1.0)
    total = out["favourable"] + out["share_3"] + out["unfavourable"]
    assert np.allclose(total, 1.0)
    assert ((out["mean"] >= 1) & (out["mean"] <= 5)).all()
    ok = out["n"] > 1
    assert (out.loc[ok, "ci_low"] <= out.loc[ok, "mean"] + 1e-12).all()
    assert (out.loc[ok, "ci_high"] >= out.loc[ok, "mean"] - 1e-12).all()
    assert ((out["median"] >= 1) & (out["median"] <= 5)).all()


# Published pulse means, Kalliola annual report 2023 (seeds README, tables 1 and 2).
PUBLISHED_MEANS = {
    "meaningful_work": {"2023-11": 4.6, "2023-05": 4.5, "2022-10": 4.5},
    "skills_match": {"2023-11": 4.3, "2023-05": 4.1, "2022-10": 4.1},
    "fair_treatment": {"2023-11": 3.9, "2023-05": 3.8, "2022-10": 3.6},
    "manager_support": {"2023-11": 4.2, "2023-05": 3.8, "2022-10": 4.0},
    "colleague_support": {"2023-11": 4.5, "2023-05": 4.5, "2022-10": 4.5},
    "enthusiasm": {"2023-11": 4.5, "2023-05": 4.3, "2022-10": 4.2},
    "work_life_balance": {"2023-11": 4.5, "2023-05": 4.1, "2022-10": 4.1},
}
PUBLISHED_MEANS_2DP = {
    "team_spirit": {"2023-05": 4.46, "2022-10": 4.16},
    "professional_development": {"2023-05": 4.25, "2022-10": 3.65},
    "internal_communication": {"2023-05": 3.54},
    "cross_unit_cooperation": {"2023-05": 3.38},
}


def test_demo_pulse_reproduces_published_means(pulse):
    out = ka.likert_summary(pulse, by="period").set_index(["question", "period"])
    for table, digits in ((PUBLISHED_MEANS, 1), (PUBLISHED_MEANS_2DP, 2)):
        for q, by_period in table.items():
            for period, printed in by_period.items():
                assert round(out.loc[(q, period), "mean"], digits) == printed, (q, period)


def test_demo_pulse_statements_not_asked(pulse):
    out = ka.likert_summary(pulse, by="period").set_index(["question", "period"])
    assert out.loc[("internal_communication", "2022-10"), "suppressed"] == "not asked"
    assert out.loc[("team_spirit", "2023-11"), "suppressed"] == "not asked"


def test_the_interval_never_leaves_the_scale():
    # Hallinto's 11/2023 answers are mostly 5s: the plain t-interval ran past 5 (e.g. 4,0-5,5)
    pulse = ka.load_demo("pulse")
    s = ka.likert_summary(pulse, by=["period", "unit"])
    shown = s[s["suppressed"].isna()]
    assert (shown["ci_low"] >= 1).all() and (shown["ci_high"] <= 5).all()
    t = ka.theme_scores(pulse, by=["period", "unit"])
    shown = t[t["suppressed"].isna()]
    assert (shown["ci_low"] >= 1).all() and (shown["ci_high"] <= 5).all()

"""driver_analysis against scipy.stats.spearmanr, relative weights against Johnson's procedure."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from conftest import make_survey
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy import stats

import kalliola_analysis as ka
from kalliola_analysis.errors import ParameterError


@pytest.fixture
def survey(rng):
    s = make_survey(rng, units=(("A", 40), ("B", 30), ("C", 8)))
    r = s.responses.copy()
    # make the statements related to the outcome, with ties and some missing answers
    r["q1"] = np.clip(np.round(r["enps"].astype(float) / 2.5 + rng.normal(0, 1, len(r))), 1, 5)
    r["q1"] = r["q1"].astype("Int64")
    r.loc[r.index[::9], "q2"] = pd.NA
    return ka.Survey(r, s.codebook, s.invitations)


def _pairs(survey, period, q, unit=None):
    r = survey.responses
    mask = r["period"] == period
    if unit is not None:
        mask &= r["unit"] == unit
    x = r.loc[mask, q].astype(float)
    if q == "q3":
        x = 6 - x
    y = r.loc[mask, "enps"].astype(float)
    ok = x.notna() & y.notna()
    return x[ok].to_numpy(), y[ok].to_numpy()


def test_spearman_and_fisher_bonett_wright_interval(survey):
    out = ka.driver_analysis(survey, period="2023-05")
    assert out["outcome"].eq("enps").all()
    assert out["question"].tolist() == ["q1", "q2", "q3"]
    for row in out.itertuples(index=False):
        x, y = _pairs(survey, "2023-05", row.question)
        ref = stats.spearmanr(x, y)
        assert row.n == len(x)
        assert row.rho == pytest.approx(ref.statistic, rel=1e-12)
        assert row.p == pytest.approx(ref.pvalue, rel=1e-10)
        # Bonett & Wright (2000): var(atanh r_s) = (1 + r_s^2 / 2) / (n - 3)
        se = np.sqrt((1 + ref.statistic**2 / 2) / (len(x) - 3))
        z = np.arctanh(ref.statistic)
        assert row.ci_low == pytest.approx(np.tanh(z - 1.959963984540054 * se))
        assert row.ci_high == pytest.approx(np.tanh(z + 1.959963984540054 * se))
    assert out.loc[0, "rho"] > 0.5  # q1 was built from the outcome


def test_bootstrap_interval_is_seeded_and_brackets_rho(survey):
    a = ka.driver_analysis(survey, period="2023-05", interval="bootstrap", n_boot=500, seed=1)
    b = ka.driver_analysis(survey, period="2023-05", interval="bootstrap", n_boot=500, seed=1)
    c = ka.driver_analysis(survey, period="2023-05", interval="bootstrap", n_boot=500, seed=2)
    pd.testing.assert_frame_equal(a, b)
    assert not np.allclose(a["ci_low"], c["ci_low"])
    assert ((a["ci_low"] < a["rho"]) & (a["rho"] < a["ci_high"])).all()
    fisher = ka.driver_analysis(survey, period="2023-05")
    width_b = a["ci_high"] - a["ci_low"]
    width_f = fisher["ci_high"] - fisher["ci_low"]
    np.testing.assert_allclose(width_b, width_f, rtol=0.35)


def _johnson_by_svd(x, y):
    """Johnson (2000) as published: orthogonal Z from the SVD of standardised X."""
    xs = (x - x.mean(0)) / x.std(0, ddof=1)
    ys = (y - y.mean()) / y.std(ddof=1)
    u, _, vt = np.linalg.svd(xs, full_matrices=False)
    z = u @ vt * np.sqrt(len(y) - 1)  # orthonormal columns scaled to unit variance
    beta = np.linalg.lstsq(z, ys, rcond=None)[0]  # y on Z
    lam = np.linalg.lstsq(z, xs, rcond=None)[0]  # each x_j on Z: lam[k, j]
    return (lam**2).T @ (beta**2)


def test_relative_weights_equal_johnsons_procedure_and_ols_r2(rng):
    for p in (2, 3, 5):
        x = rng.normal(size=(150, p)) @ rng.normal(size=(p, p))  # correlated predictors
        y = x @ rng.normal(size=p) + rng.normal(size=150) * 2
        w, r2 = ka.relative_weights(x, y)
        np.testing.assert_allclose(w, _johnson_by_svd(x, y), rtol=1e-8, atol=1e-12)
        ols = sm.OLS(y, sm.add_constant(x)).fit()
        assert r2 == pytest.approx(ols.rsquared, rel=1e-10)
        assert w.sum() == pytest.approx(ols.rsquared, rel=1e-10)


def test_relative_weights_with_orthogonal_predictors_are_squared_correlations(rng):
    x = np.linalg.qr(rng.normal(size=(100, 3)) - 0)[0]
    x -= x.mean(0)
    y = x @ [3.0, 1.0, 0.0] + rng.normal(size=100) * 0.1
    w, _ = ka.relative_weights(x, y)
    r = [np.corrcoef(x[:, j], y)[0, 1] for j in range(3)]
    np.testing.assert_allclose(w, np.square(r), atol=1e-3)


@settings(max_examples=30)
@given(arrays(np.float64, (30, 3), elements=st.integers(1, 5).map(float)),
       arrays(np.float64, 30, elements=st.integers(0, 10).map(float)))  # fmt: skip
def test_relative_weights_are_nonnegative_and_sum_to_r2(x, y):
    w, r2 = ka.relative_weights(x, y)
    assert (w >= -1e-12).all()
    assert w.sum() == pytest.approx(r2, abs=1e-9)
    assert -1e-9 <= r2 <= 1 + 1e-9


def test_relative_weight_column_uses_complete_respondents(survey):
    out = ka.driver_analysis(survey, period="2023-11")
    r = survey.responses
    r = r[r["period"] == "2023-11"]
    x = pd.DataFrame({"q1": r.q1, "q2": r.q2, "q3": 6 - r.q3.astype(float)}).astype(float)
    y = r["enps"].astype(float)
    ok = x.notna().all(axis=1) & y.notna()
    w, r2 = ka.relative_weights(x[ok].to_numpy(), y[ok].to_numpy())
    np.testing.assert_allclose(out["relative_weight"], w / r2)
    assert out["relative_weight"].sum() == pytest.approx(1.0)
    assert out["r2"].iat[0] == pytest.approx(r2)


def test_small_groups_hidden_with_culture_amps_floor(survey):
    out = ka.driver_analysis(survey, period="2023-05", by="unit")
    a = out[out["unit"] == "A"]
    c = out[out["unit"] == "C"]
    assert c["suppressed"].eq("fewer than 25 respondents").all()
    assert c[["rho", "mean", "relative_weight"]].isna().all().all() and c["n"].isna().all()
    x, y = _pairs(survey, "2023-05", "q1", unit="A")
    assert a["rho"].iat[0] == pytest.approx(stats.spearmanr(x, y).statistic)
    hidden = ka.driver_analysis(survey, period="2023-05", min_group=100)
    assert hidden["suppressed"].eq("fewer than 100 respondents").all()


def test_theme_outcome_leaves_out_its_own_statements(survey):
    out = ka.driver_analysis(survey, period="2023-05", outcome="hyvinvointi")
    assert out["question"].tolist() == ["q2"]
    r = survey.responses
    r = r[r["period"] == "2023-05"]
    score = (r["q1"].astype(float) + 6 - r["q3"].astype(float)) / 2  # both answered
    one = r[["q1", "q3"]].notna().sum(axis=1) >= 1
    score = score.where(r[["q1", "q3"]].notna().all(axis=1), r["q1"].astype(float).fillna(
        6 - r["q3"].astype(float)))[one]  # fmt: skip
    x = r.loc[one, "q2"].astype(float)
    ok = x.notna() & score.notna()
    assert out["rho"].iat[0] == pytest.approx(stats.spearmanr(x[ok], score[ok]).statistic)


def test_user_index_outcome(survey):
    out = ka.driver_analysis(survey, period="2023-11", outcome={"wellbeing": ["q1", "q3"]})
    ref = ka.driver_analysis(survey, period="2023-11", outcome="hyvinvointi")
    assert out["outcome"].eq("wellbeing").all()
    np.testing.assert_allclose(out["rho"], ref["rho"])


def _drivers_table(rho, mean):
    n = len(rho)
    return pd.DataFrame(
        {
            "period": ["2023-11"] * n,
            "outcome": "enps",
            "question": [f"s{i}" for i in range(n)],
            "rho": rho,
            "mean": mean,
            "suppressed": pd.array([None] * n, dtype="string"),
        }
    )


def test_focus_areas_and_strengths_by_medians():
    d = _drivers_table(
        rho=[0.6, 0.5, 0.4, 0.3, 0.2, 0.1, -0.2],
        mean=[3.2, 4.5, 3.0, 4.8, 3.1, 4.9, 2.0],
    )
    out = ka.focus_areas(d, top=3)
    # positive rho: median 0.35 -> high impact s0, s1, s2; median mean (of 6) = 3.85
    focus = out[out["list"] == "focus_area"]
    strong = out[out["list"] == "strength"]
    assert focus["question"].tolist() == ["s0", "s2"]
    assert strong["question"].tolist() == ["s1"]
    assert focus["rank"].tolist() == [1, 2]
    assert ka.focus_areas(d, top=1)["question"].tolist() == ["s0", "s1"]


def test_focus_areas_skip_hidden_groups(survey):
    out = ka.focus_areas(ka.driver_analysis(survey, period="2023-05", by="unit"))
    assert set(out["unit"].astype(str)) <= {"A", "B"}
    fmt = ka.format_focus_areas(out, lang="fi")
    assert set(fmt["Lista"]) <= {"Kehityskohde", "Vahvuus"}


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"outcome": "nope"}, "outcome must be"),
        ({"outcome": {"a": ["q1"], "b": ["q2"]}}, "exactly one index"),
        ({"interval": "exact"}, "interval"),
        ({"min_group": 2}, "min_group"),
        ({"n_boot": 10}, "n_boot"),
        ({"period": "1999-01"}, "period must be"),
        ({"by": "period"}, "by must not"),
        ({"questions": ["enps"]}, "Likert"),
    ],
)
def test_bad_options(survey, kwargs, match):
    with pytest.raises(ParameterError, match=match):
        ka.driver_analysis(survey, **kwargs)

"""enps: shares, Wald and score intervals, finite-population correction, the demo pulse."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import optimize, stats

import kalliola_analysis as ka
from kalliola_analysis.errors import ParameterError
from kalliola_analysis.survey.nps import _constrained_d, score_interval

NPS_CB = pd.DataFrame({"question": ["enps"], "text_fi": ["s"], "text_en": ["r"], "type": ["nps"]})


def _survey(answers, invited=None, periods=None) -> ka.Survey:
    n = len(answers)
    periods = periods or ["2023-11"] * n
    r = pd.DataFrame(
        {
            "response_id": [f"r{i}" for i in range(n)],
            "period": periods,
            "unit": ["A"] * n,
            "enps": answers,
        }
    )
    inv = None
    if invited is not None:
        inv = pd.DataFrame({"period": sorted(set(periods)), "unit": "A", "invited": invited})
    return ka.Survey(r, NPS_CB, inv)


def test_shares_and_wald_interval_against_the_formula():
    answers = [10] * 9 + [9] * 3 + [8] * 5 + [7] * 2 + [6] * 4 + [0] * 2
    e = ka.enps(_survey(answers), by=None, method="wald").iloc[0]
    n, p, d = 25, 12 / 25, 6 / 25
    assert (e["n"], e["promoters"], e["passives"], e["detractors"]) == (n, p, 7 / 25, d)
    assert e["enps"] == pytest.approx(100 * (p - d))
    half = 100 * stats.norm.ppf(0.975) * np.sqrt((p + d - (p - d) ** 2) / n)
    assert e["ci_low"] == pytest.approx(100 * (p - d) - half)
    assert e["ci_high"] == pytest.approx(100 * (p - d) + half)
    # the Wald variance is the variance of the +1/0/-1 scores (ddof=0)
    scores = np.select([np.array(answers) >= 9, np.array(answers) <= 6], [1, -1], 0)
    assert p + d - (p - d) ** 2 == pytest.approx(scores.var())


def test_constrained_mle_maximises_the_likelihood():
    x_p, x_0, x_d = 12.0, 7.0, 6.0
    n = x_p + x_0 + x_d
    for theta in (-0.5, -0.1, 0.0, 0.24, 0.7):

        def negll(d, theta=theta):
            return -(x_p * np.log(d + theta) + x_0 * np.log(1 - 2 * d - theta) + x_d * np.log(d))

        lo, hi = max(0.0, -theta) + 1e-12, (1 - theta) / 2 - 1e-12
        ref = optimize.minimize_scalar(
            negll, bounds=(lo, hi), method="bounded", options={"xatol": 1e-12}
        ).x
        assert _constrained_d(x_p, x_d, n, theta) == pytest.approx(ref, abs=1e-6)


def test_score_interval_endpoints_solve_the_score_equation():
    x_p, x_d, n = 12.0, 6.0, 25.0
    z = stats.norm.ppf(0.975)
    low, high = score_interval(np.array([x_p]), np.array([x_d]), np.array([n]), z, np.array([1.0]))
    est = (x_p - x_d) / n

    def score(theta):
        d = _constrained_d(x_p, x_d, n, theta)
        return (est - theta) ** 2 / ((2 * d + theta * (1 - theta)) / n)

    assert score(low[0]) == pytest.approx(z**2, rel=1e-6)
    assert score(high[0]) == pytest.approx(z**2, rel=1e-6)
    assert low[0] < est < high[0]


def test_score_interval_stays_inside_bounds_at_the_edges():
    e = ka.enps(_survey([10] * 5), by=None).iloc[0]
    assert e["enps"] == 100 and e["ci_high"] == 100 and 0 < e["ci_low"] < 100
    w = ka.enps(_survey([10] * 5), by=None, method="wald").iloc[0]
    assert w["ci_low"] == w["ci_high"] == 100  # the Wald interval collapses
    e = ka.enps(_survey([0] * 6), by=None).iloc[0]
    assert e["enps"] == -100 and e["ci_low"] == -100 and e["ci_high"] > -100


def test_wald_interval_is_clipped_to_the_range_of_the_score():
    # issue 14: 4 promoters and 1 passive: raw Wald 80 +- 35 runs to 115
    answers = [10, 10, 9, 9, 8]
    e = ka.enps(_survey(answers), by=None, method="wald", fpc=False).iloc[0]
    p = 0.8
    half = stats.norm.ppf(0.975) * np.sqrt((p - p**2) / 5) * 100
    assert 80 + half > 100
    assert e["ci_high"] == 100.0
    assert e["ci_low"] == pytest.approx(80 - half)


def test_census_has_zero_width_and_fpc_shrinks_wald():
    answers = [10, 9, 8, 7, 6, 3, 10, 9, 9, 2]
    census = ka.enps(_survey(answers, invited=[10]), by="period").iloc[0]
    assert census["invited"] == 10
    assert census["ci_low"] == census["ci_high"] == census["enps"]
    wald_fpc = ka.enps(_survey(answers, invited=[40]), by="period", method="wald").iloc[0]
    wald = ka.enps(_survey(answers, invited=[40]), by="period", method="wald", fpc=False).iloc[0]
    f = (40 - 10) / (40 - 1)
    width = wald["ci_high"] - wald["ci_low"]
    assert wald_fpc["ci_high"] - wald_fpc["ci_low"] == pytest.approx(width * np.sqrt(f))
    no_inv = ka.enps(_survey(answers), by="period").iloc[0]
    assert pd.isna(no_inv["invited"])


@settings(max_examples=60, deadline=None)
@given(
    counts=st.lists(st.integers(0, 15), min_size=11, max_size=11),
    method=st.sampled_from(["score", "wald"]),
    ci=st.sampled_from([0.8, 0.95, 0.99]),
)
def test_invariants(counts, method, ci):
    answers = [v for v, c in enumerate(counts) for _ in range(c)]
    if len(answers) < 5:
        return
    e = ka.enps(_survey(answers), by=None, method=method, ci=ci).iloc[0]
    assert -100 <= e["enps"] <= 100
    assert e["promoters"] + e["passives"] + e["detractors"] == pytest.approx(1.0)
    assert e["ci_low"] <= e["enps"] + 1e-9 <= e["ci_high"] + 2e-9
    assert -100 <= e["ci_low"] and e["ci_high"] <= 100  # Wald clipped too (issue 14)


def test_question_choice_errors():
    two = pd.concat([NPS_CB, NPS_CB.assign(question="enps2")], ignore_index=True)
    r = pd.DataFrame(
        {"response_id": ["a"], "period": ["2023-11"], "unit": ["A"], "enps": [9], "enps2": [3]}
    )
    s = ka.Survey(r, two)
    with pytest.raises(ParameterError, match="2 NPS questions"):
        ka.enps(s)
    assert ka.enps(s, question="enps2", min_n=1)["enps"].iloc[0] == -100
    with pytest.raises(ParameterError, match="method"):
        ka.enps(s, question="enps", method="exact")
    with pytest.raises(ParameterError, match="ci"):
        ka.enps(s, question="enps", ci=95)


def test_small_groups_suppressed(small_survey):
    out = ka.enps(small_survey, by=["period", "unit"])
    assert out.loc[out["unit"] == "C", "suppressed"].eq("fewer than 5 answers").all()
    assert out.loc[out["unit"] == "C", "enps"].isna().all()
    assert out.loc[out["unit"] == "B", "enps"].isna().all()  # complementary
    assert out.loc[out["unit"] == "A", "enps"].notna().all()


def test_demo_pulse_published_enps():
    # Kalliola annual report 2023: eNPS 22,0 (11/2023) and 20,8 (5/2023)
    e = ka.enps(ka.load_demo("pulse"), by="period").set_index("period")
    assert round(e.loc["2023-11", "enps"], 1) == 22.0
    assert round(e.loc["2023-05", "enps"], 1) == 20.8

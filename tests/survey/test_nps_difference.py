"""The eNPS difference test of compare_groups / compare_periods, valid at small n.

Reference values: an exact permutation test enumerated by brute force over every
split of the raw +1/0/-1 scores (itertools), ``scipy.stats.permutation_test`` with
``n_resamples=np.inf`` (scipy's own exact enumeration) for the one-sided tests, and
the MOVER formula (Zou & Donner 2008) computed here from the one-group score
intervals of ``ka.enps``.
"""

from __future__ import annotations

import itertools
from math import comb

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import kalliola_analysis as ka
from kalliola_analysis.survey._statistics import NPS_EXACT_MAX, nps_difference, nps_exact_p

CODEBOOK = pd.DataFrame(
    {
        "question": ["enps"],
        "text_fi": ["Suosittelisitko"],
        "text_en": ["Recommend"],
        "type": ["nps"],
    }
)
# one answer per class: detractor 5, passive 7, promoter 10
ANSWER = {"d": 5, "0": 7, "p": 10}


def _survey(base: list[int], current: list[int]) -> ka.Survey:
    rows = [("2023-05", v) for v in base] + [("2023-11", v) for v in current]
    frame = pd.DataFrame(
        {
            "response_id": [f"r{i}" for i in range(len(rows))],
            "period": [p for p, _ in rows],
            "unit": "A",
            "enps": [v for _, v in rows],
        }
    )
    return ka.Survey(frame, CODEBOOK)


def _answers(det: int, pas: int, pro: int) -> list[int]:
    return [ANSWER["d"]] * det + [ANSWER["0"]] * pas + [ANSWER["p"]] * pro


def _row(base, current, **kw) -> pd.Series:
    out = ka.compare_periods(
        _survey(_answers(*base), _answers(*current)), "2023-05", "2023-11", **kw
    )
    return out.set_index("question").loc["enps"]


def _counts(det: int, pas: int, pro: int) -> np.ndarray:
    c = np.zeros(11, dtype=np.int64)
    c[ANSWER["d"]], c[ANSWER["0"]], c[ANSWER["p"]] = det, pas, pro
    return c


def _brute_force_p(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """Two-sided exact permutation p over every split of the pooled scores."""
    scores_a = [-1] * a[0] + [0] * a[1] + [1] * a[2]
    scores_b = [-1] * b[0] + [0] * b[1] + [1] * b[2]
    pooled = scores_a + scores_b
    na, nb = len(scores_a), len(scores_b)
    total = sum(pooled)
    # T = na * s_b - nb * s_a: the eNPS difference times na * nb / 100, an integer
    t_obs = na * sum(scores_b) - nb * sum(scores_a)
    hits = 0
    for idx in itertools.combinations(range(na + nb), na):
        s_a = sum(pooled[i] for i in idx)
        hits += abs(na * (total - s_a) - nb * s_a) >= abs(t_obs)
    return hits / comb(na + nb, na)


def test_five_promoters_against_five_passives_is_significant_with_a_real_interval():
    # issue 13: the Wald z test gave a zero-width interval and p = 0 here
    row = _row((0, 5, 0), (0, 0, 5))
    assert row["test"] == "nps_exact"
    assert row["diff"] == pytest.approx(100.0)
    assert row["p"] == pytest.approx(2 / comb(10, 5))  # = 0.0079, the two extreme splits
    assert round(row["p"], 4) == 0.0079
    assert row["ci_high"] - row["ci_low"] > 50  # not a zero-width interval
    assert 0 < row["ci_low"] < 100 < row["ci_high"] <= 200


def test_two_all_promoter_groups_give_p_one():
    row = _row((0, 0, 5), (0, 0, 6))
    assert row["diff"] == 0
    assert row["p"] == 1.0  # was NaN (0 / 0)
    assert row["statistic"] == 0
    assert row["ci_low"] < 0 < row["ci_high"]
    large = nps_difference(_counts(0, 0, 900)[None], _counts(0, 0, 800)[None], 0, "two-sided")
    assert large[-1][0] == "nps_z" and large[6][0] == 1.0
    for alternative in ("greater", "less"):  # one-sided too: nothing is more extreme
        assert _row((0, 0, 5), (0, 0, 6), alternative=alternative)["p"] == 1.0
        big = nps_difference(_counts(0, 0, 900)[None], _counts(0, 0, 800)[None], 0, alternative)
        assert big[6][0] == 1.0


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ((1, 2, 3), (0, 1, 5)),
        ((3, 1, 2), (2, 3, 1)),
        ((2, 2, 2), (4, 0, 3)),
        ((0, 4, 1), (5, 0, 0)),
    ],
)
def test_exact_p_equals_brute_force_enumeration(a, b):
    row = _row(a, b, p_adjust="none")
    assert row["p"] == pytest.approx(_brute_force_p(a, b), rel=1e-12)
    assert row["p_adj"] == row["p"]


@pytest.mark.parametrize("alternative", ["greater", "less", "two-sided"])
def test_exact_p_equals_scipy_permutation_test(rng, alternative):
    for _ in range(5):
        a = tuple(int(x) for x in rng.multinomial(int(rng.integers(5, 9)), [0.3, 0.3, 0.4]))
        b = tuple(int(x) for x in rng.multinomial(int(rng.integers(5, 9)), [0.1, 0.4, 0.5]))
        sa = np.repeat([-1.0, 0.0, 1.0], a)
        sb = np.repeat([-1.0, 0.0, 1.0], b)
        ref = stats.permutation_test(
            (sb, sa),
            lambda x, y: np.mean(x) - np.mean(y),
            permutation_type="independent",
            n_resamples=np.inf,
            alternative=alternative,
        )
        got = _row(a, b, alternative=alternative, p_adjust="none")
        if alternative == "two-sided":
            # scipy doubles the smaller one-sided p; ours sums the splits with |T| >= |t|
            assert got["p"] <= ref.pvalue + 1e-12
            assert got["p"] == pytest.approx(_brute_force_p(a, b), rel=1e-12)
        else:
            assert got["p"] == pytest.approx(ref.pvalue, rel=1e-9)


def test_interval_is_the_mover_combination_of_the_score_intervals():
    a, b = (3, 4, 5), (1, 2, 9)
    s = _survey(_answers(*a), _answers(*b))
    row = ka.compare_periods(s, "2023-05", "2023-11").set_index("question").loc["enps"]
    e = ka.enps(s, by="period", method="score", fpc=False).set_index("period")
    ea, eb = e.loc["2023-05"], e.loc["2023-11"]
    low = (eb["enps"] - ea["enps"]) - np.hypot(
        eb["enps"] - eb["ci_low"], ea["ci_high"] - ea["enps"]
    )
    high = (eb["enps"] - ea["enps"]) + np.hypot(
        eb["ci_high"] - eb["enps"], ea["enps"] - ea["ci_low"]
    )
    assert row["ci_low"] == pytest.approx(low, rel=1e-6)
    assert row["ci_high"] == pytest.approx(high, rel=1e-6)
    # one-sided: the bound on the tested side only, at the one-sided level
    g = ka.compare_periods(s, "2023-05", "2023-11", alternative="greater").iloc[0]
    assert g["ci_high"] == np.inf and low < g["ci_low"] < row["diff"]


def test_interval_covers_near_the_nominal_level_for_small_groups():
    # 2000 pairs of groups of 10 and 12 from fixed trinomials (true difference 30)
    gen = np.random.default_rng(13)
    pa, pb = [0.3, 0.4, 0.3], [0.15, 0.35, 0.5]
    true = 100 * ((pb[2] - pb[0]) - (pa[2] - pa[0]))
    ca = gen.multinomial(10, pa, size=2000)
    cb = gen.multinomial(12, pb, size=2000)
    full_a = np.zeros((2000, 11), dtype=np.int64)
    full_b = np.zeros((2000, 11), dtype=np.int64)
    for k, code in enumerate(ANSWER.values()):
        full_a[:, code], full_b[:, code] = ca[:, k], cb[:, k]
    *_, low, high, _z, _p, _t = nps_difference(full_a, full_b, 0, "two-sided")
    coverage = np.mean((low <= true) & (true <= high))
    assert 0.93 <= coverage <= 0.99


def test_exact_test_keeps_its_level_under_the_null():
    # 1500 pairs of groups of 12 and 9 from the same trinomial: the exact test rejects at
    # most 5 % in expectation (allowance: 2 Monte Carlo standard errors)
    gen = np.random.default_rng(7)
    probs = [0.25, 0.35, 0.4]
    ca = gen.multinomial(12, probs, size=1500)
    cb = gen.multinomial(9, probs, size=1500)
    full_a = np.zeros((1500, 11), dtype=np.int64)
    full_b = np.zeros((1500, 11), dtype=np.int64)
    for k, code in enumerate(ANSWER.values()):
        full_a[:, code], full_b[:, code] = ca[:, k], cb[:, k]
    p = nps_difference(full_a, full_b, 0, "two-sided")[6]
    assert np.mean(p < 0.05) <= 0.05 + 2 * np.sqrt(0.05 * 0.95 / 1500)


def test_large_groups_use_the_normal_approximation_of_the_same_test():
    a, b = (150, 200, 250), (120, 200, 300)  # 600 answers each
    assert min(sum(a), sum(b)) > NPS_EXACT_MAX
    out = nps_difference(_counts(*a)[None], _counts(*b)[None], 0, "two-sided")
    assert out[-1][0] == "nps_z"
    exact = nps_exact_p((a[0], a[1], a[2]), (b[0], b[1], b[2]), "two-sided")
    assert out[6][0] == pytest.approx(exact, abs=0.005)
    # the z statistic: difference of mean scores over its permutation standard error
    sa = np.repeat([-1.0, 0.0, 1.0], a)
    sb = np.repeat([-1.0, 0.0, 1.0], b)
    pooled = np.concatenate([sa, sb])
    n = len(pooled)
    se = np.sqrt(pooled.var() * n / (n - 1) * (1 / len(sa) + 1 / len(sb)))
    assert out[5][0] == pytest.approx((sb.mean() - sa.mean()) / se)


def test_demo_periods_compare_by_the_exact_test():
    pulse = ka.load_demo("pulse")
    row = ka.compare_periods(pulse, "2023-05", "2023-11", questions="enps").iloc[0]
    assert row["test"] == "nps_exact"
    assert row["diff"] == pytest.approx(100 * 13 / 59 - 100 * 11 / 53)
    assert 0 < row["p"] <= 1 and row["ci_low"] < row["diff"] < row["ci_high"]

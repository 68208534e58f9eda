"""The statistics of survey._statistics: p-value adjustment, rank tests and intervals.

The functions work on answer counts; each is checked against scipy or
statsmodels on the expanded answers, or against values worked out by hand.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats
from statsmodels.stats.multitest import multipletests

from kalliola_analysis.survey._statistics import (
    adjust_pvalues,
    bootstrap_spearman_interval,
    mannwhitney,
    spearman_interval,
    welch,
)


def test_mann_whitney_from_counts_with_heavy_ties(rng):
    for _ in range(20):
        ca = rng.integers(0, 30, 5)
        cb = rng.integers(0, 30, 5)
        if ca.sum() == 0 or cb.sum() == 0:
            continue
        a = np.repeat(np.arange(5), ca)
        b = np.repeat(np.arange(5), cb)
        u, p, _ = mannwhitney(ca[None], cb[None], "two-sided")
        ref = stats.mannwhitneyu(a, b, method="asymptotic", use_continuity=True)
        assert u[0] == pytest.approx(ref.statistic)
        assert p[0] == pytest.approx(ref.pvalue, rel=1e-10)


def test_rank_biserial_sign_follows_diff(rng):
    a = np.array([10, 10, 5, 0, 0])  # low answers
    b = np.array([0, 0, 5, 10, 10])  # high answers
    _, _, r = mannwhitney(a[None], b[None], "two-sided")
    assert r[0] > 0.5


@pytest.mark.parametrize("method", ["holm", "fdr_bh"])
def test_p_adjust_equals_statsmodels(rng, method):
    for size in (1, 2, 7, 30):
        p = rng.random(size) ** 3
        p[rng.random(size) < 0.2] = np.nan
        ok = ~np.isnan(p)
        got = adjust_pvalues(p, method)
        if ok.any():
            ref = multipletests(p[ok], method=method)[1]
            assert np.allclose(got[ok], ref)
        assert np.isnan(got[~ok]).all()
    ties = np.array([0.01, 0.01, 0.04, 0.04, 0.2])
    assert np.allclose(adjust_pvalues(ties, method), multipletests(ties, method=method)[1])


# Hand values: p = (0.01, 0.04, 0.03, 0.005), m = 4, sorted 0.005, 0.01, 0.03, 0.04.
# Holm: 4 * 0.005 = 0.02, 3 * 0.01 = 0.03, 2 * 0.03 = 0.06, 1 * 0.04 = 0.04 -> running max
# 0.02, 0.03, 0.06, 0.06. BH: 0.04 * 4/4 = 0.04, 0.03 * 4/3 = 0.04, 0.01 * 4/2 = 0.02,
# 0.005 * 4/1 = 0.02 -> running min from the top: 0.02, 0.02, 0.04, 0.04.
HAND = np.array([0.01, 0.04, 0.03, 0.005])


def test_holm_by_hand():
    assert adjust_pvalues(HAND, "holm") == pytest.approx([0.03, 0.06, 0.06, 0.02])


def test_benjamini_hochberg_by_hand():
    assert adjust_pvalues(HAND, "fdr_bh") == pytest.approx([0.02, 0.04, 0.04, 0.02])


def test_adjustment_is_capped_at_one_and_none_leaves_p_alone():
    p = np.array([0.5, 0.6, 0.9])
    assert adjust_pvalues(p, "holm") == pytest.approx([1.0, 1.0, 1.0])
    assert adjust_pvalues(p, "none") == pytest.approx(p)


def test_nan_is_not_a_test():
    got = adjust_pvalues(np.array([np.nan, 0.01, np.nan, 0.02]), "holm")
    assert np.isnan(got[[0, 2]]).all()
    assert got[[1, 3]] == pytest.approx([0.02, 0.02])  # m = 2, not 4
    assert np.isnan(adjust_pvalues(np.array([np.nan, np.nan]), "fdr_bh")).all()


p_values = st.lists(st.one_of(st.floats(0, 1), st.just(float("nan"))), min_size=1, max_size=40).map(
    np.array
)


@settings(max_examples=200, deadline=None)
@given(p=p_values, method=st.sampled_from(["holm", "fdr_bh"]))
def test_property_adjusted_p_is_in_range_above_p_and_keeps_the_order(p, method):
    got = adjust_pvalues(p, method)
    ok = ~np.isnan(p)
    assert (np.isnan(got) == ~ok).all()
    q, raw = got[ok], p[ok]
    assert ((q >= 0) & (q <= 1)).all()
    assert (q >= raw - 1e-12).all()
    order = np.argsort(raw, kind="stable")
    assert (np.diff(q[order]) >= -1e-12).all()  # monotone in the raw p-values
    assert np.allclose(adjust_pvalues(p[::-1], method), got[::-1], equal_nan=True)


@settings(max_examples=50, deadline=None)
@given(
    counts=st.lists(st.integers(0, 12), min_size=10, max_size=10),
    alternative=st.sampled_from(["two-sided", "greater", "less"]),
)
def test_property_welch_equals_scipy_on_the_expanded_answers(counts, alternative):
    ca, cb = np.array(counts[:5]), np.array(counts[5:])
    a, b = np.repeat(np.arange(1, 6), ca), np.repeat(np.arange(1, 6), cb)
    na, nb, mean_a, mean_b, diff, low, high = welch(
        ca[None, None], cb[None, None], np.array([1]), alternative
    )
    assert (na[0, 0], nb[0, 0]) == (len(a), len(b))
    if len(a) < 2 or len(b) < 2 or (a.std() == 0 and b.std() == 0):
        return
    assert diff[0, 0] == pytest.approx(b.mean() - a.mean())
    ci = stats.ttest_ind(b, a, equal_var=False, alternative=alternative).confidence_interval()
    assert low[0, 0] == pytest.approx(ci.low) if np.isfinite(ci.low) else low[0, 0] == ci.low
    assert high[0, 0] == pytest.approx(ci.high) if np.isfinite(ci.high) else high[0, 0] == ci.high


def test_spearman_interval_brackets_rho_and_narrows_with_n():
    low, high = spearman_interval(np.array([0.3, 0.3]), np.array([30, 300]), 0.95)
    assert (low < 0.3).all() and (high > 0.3).all()
    assert high[1] - low[1] < high[0] - low[0]


def test_bootstrap_spearman_interval_is_seeded_and_brackets_rho():
    rng = np.random.default_rng(1)
    x = rng.normal(size=80)
    y = x + rng.normal(size=80)
    rho = stats.spearmanr(x, y).statistic
    one = bootstrap_spearman_interval(x, y, 0.95, 500, np.random.default_rng(7))
    two = bootstrap_spearman_interval(x, y, 0.95, 500, np.random.default_rng(7))
    assert one == two
    assert one[0] < rho < one[1]

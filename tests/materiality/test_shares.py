"""The statistics kernel of the materiality priorities (``materiality._shares``).

Its names are public (the priorities and the agreement share them); these
tests pin what each one computes, against hand counts and numpy.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kalliola_analysis as ka
from kalliola_analysis.errors import ParameterError
from kalliola_analysis.materiality._shares import (
    WEIGHTINGS,
    check_bootstrap,
    group_shares,
    n_used,
    overall_shares,
    percentile_interval,
    rank_interval,
    resampled_group_shares,
    resampled_overall_shares,
    share_ranks,
    visit_weights,
)


def _materiality(picks: dict[str, tuple[str, list[str]]]) -> ka.Materiality:
    """``{visit_id: (group, [topics])}`` -> a choice-question Materiality of topics a, b, c."""
    visits = pd.DataFrame({"visit_id": list(picks), "group": [g for g, _ in picks.values()]})
    rows = [(v, t) for v, (_, ts) in picks.items() for t in ts]
    topics = pd.DataFrame(
        {"topic": ["a", "b", "c"], "text_fi": ["A", "B", "C"], "text_en": ["A", "B", "C"]}
    )
    return ka.Materiality(visits, pd.DataFrame(rows, columns=["visit_id", "topic"]), topics)


@pytest.fixture
def small() -> ka.Materiality:
    # group X: two visits (a) and (a, b); group Y: one visit (c); a visit without picks
    return _materiality(
        {"1": ("X", ["a"]), "2": ("X", ["a", "b"]), "3": ("Y", ["c"]), "4": ("Y", [])}
    )


def test_a_visits_picks_share_its_weight_and_groups_below_min_n_are_not_shown(small):
    w = visit_weights(small, min_n=2)
    assert w.topics == ["a", "b", "c"]
    assert w.shown == ["X"]  # Y has one visit that prioritised something
    assert (w.n("X"), w.n("Y")) == (2, 1)
    np.testing.assert_allclose(w.rows("X"), [[1, 0, 0], [0.5, 0.5, 0]])
    np.testing.assert_allclose(group_shares(w, "X"), [0.75, 0.25, 0])


def test_overall_shares_weigh_groups_equally_or_pool_the_visits(small):
    w = visit_weights(small, min_n=1)
    np.testing.assert_allclose(overall_shares(w, "equal"), [0.375, 0.125, 0.5])
    np.testing.assert_allclose(overall_shares(w, "pooled"), [0.5, 1 / 6, 1 / 3])
    assert (n_used(w, "equal"), n_used(w, "pooled")) == (3, 3)
    assert n_used(visit_weights(small, min_n=2), "equal") == 2
    assert np.isnan(overall_shares(visit_weights(small, min_n=5), "equal")).all()
    with pytest.raises(ParameterError, match="weighting"):
        overall_shares(w, "median")
    assert WEIGHTINGS == ("equal", "pooled")


def test_share_ranks_give_ties_the_best_rank_row_wise():
    ranks = share_ranks(np.array([[0.5, 0.2, 0.2, 0.1], [0.1, 0.2, 0.3, 0.4]]))
    np.testing.assert_array_equal(ranks, [[1, 2, 2, 4], [4, 3, 2, 1]])


def test_intervals_are_numpy_percentiles_and_whole_rank_bounds():
    values = np.arange(1001, dtype=float)[:, None] * [1.0, 2.0]
    lo, hi = percentile_interval(values, 0.95)
    np.testing.assert_allclose(lo, np.percentile(values, 2.5, axis=0))
    np.testing.assert_allclose(hi, np.percentile(values, 97.5, axis=0))
    ranks = np.array([[1], [1], [2], [2], [3]] * 20, dtype=float)
    rlo, rhi = rank_interval(ranks, 0.95)
    assert rlo.dtype.kind == "i" and (int(rlo[0]), int(rhi[0])) == (1, 3)


@pytest.mark.parametrize(
    ("args", "name"),
    [
        ((-1, 0.95, 1), "n_resamples"),
        ((True, 0.95, 1), "n_resamples"),
        ((10, 1.0, 1), "confidence_level"),
        ((10, 0.95, 0), "top_k"),
    ],
)
def test_check_bootstrap_names_the_bad_option(args, name):
    with pytest.raises(ParameterError, match=name):
        check_bootstrap(*args, 3)


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n_resamples=st.integers(1, 30))
def test_resampled_shares_are_shares_and_depend_only_on_the_seed(seed, n_resamples):
    m = _materiality(
        {str(i): ("XY"[i % 2], [["a"], ["a", "b"], ["c"], ["b", "c"]][i % 4]) for i in range(12)}
    )
    w = visit_weights(m, min_n=1)
    boot = resampled_group_shares(w, n_resamples, seed, w.groups)
    assert set(boot) == {"X", "Y"}
    for g in boot:
        assert boot[g].shape == (n_resamples, 3)
        np.testing.assert_allclose(boot[g].sum(axis=1), 1.0)
    again = resampled_group_shares(w, n_resamples, seed, w.groups)
    for g in boot:
        np.testing.assert_array_equal(boot[g], again[g])
    pooled = resampled_overall_shares(w, "pooled", n_resamples, seed)
    np.testing.assert_allclose(pooled, (boot["X"] * w.n("X") + boot["Y"] * w.n("Y")) / 12)
    equal = resampled_overall_shares(w, "equal", n_resamples, seed)
    np.testing.assert_allclose(equal, (boot["X"] + boot["Y"]) / 2)

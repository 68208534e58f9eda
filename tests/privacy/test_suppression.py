"""The suppression rule on a researcher's table (privacy.suppression, privacy.complementary):
primary and complementary suppression, checked by example and as properties."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kalliola_analysis as ka
from kalliola_analysis.errors import ParameterError
from kalliola_analysis.privacy.complementary import COMPLEMENTARY, cell_reasons
from kalliola_analysis.privacy.suppression import group_decision


def test_suppress_docstring_rule_one_small_group_hides_the_next_smallest():
    t = pd.DataFrame({"unit": ["A", "B", "C", "D"], "n": [20, 12, 3, 30], "mean": [1.0, 2, 3, 4]})
    out = ka.suppress(t, by="unit", min_n=5, key_columns=())
    assert out["suppressed"].fillna("").tolist() == ["", COMPLEMENTARY, "fewer than 5 answers", ""]
    assert out["mean"].isna().tolist() == [False, True, True, False]
    assert out["n"].isna().tolist() == [False, True, True, False]


def test_two_small_groups_together_below_min_n_hide_a_third():
    t = pd.DataFrame({"unit": list("ABCD"), "n": [1, 2, 30, 40], "mean": [1.0, 2, 3, 4]})
    out = ka.suppress(t, by="unit", min_n=5, key_columns=())
    assert out["mean"].isna().tolist() == [True, True, True, False]
    assert out.loc[2, "suppressed"] == COMPLEMENTARY


def test_two_small_groups_together_at_min_n_hide_nothing_more():
    t = pd.DataFrame({"unit": list("ABC"), "n": [2, 3, 30], "mean": [1.0, 2, 3]})
    out = ka.suppress(t, by="unit", min_n=5, key_columns=())
    assert out["mean"].isna().tolist() == [True, True, False]


def test_ties_are_broken_by_the_group_text_not_by_row_order():
    # issue 9: the complement must not depend on the row order of the table
    t = pd.DataFrame({"unit": list("ABC"), "n": [3, 10, 10], "mean": [1.0, 2, 3]})
    out = ka.suppress(t, by="unit", min_n=5, key_columns=())
    assert out["mean"].isna().tolist() == [True, True, False]
    rev = ka.suppress(t.iloc[::-1].reset_index(drop=True), by="unit", min_n=5, key_columns=())
    assert rev["mean"].isna().tolist() == [False, True, True]  # still B, not C


def test_keys_are_independent_tables():
    t = pd.DataFrame(
        {
            "unit": ["A", "B", "A", "B"],
            "question": ["q1", "q1", "q2", "q2"],
            "n": [3, 10, 8, 10],
            "mean": [1.0, 2, 3, 4],
        }
    )
    out = ka.suppress(t, by="unit", min_n=5)
    assert out["mean"].isna().tolist() == [True, True, False, False]


def test_whole_organisation_only_min_n():
    t = pd.DataFrame({"n": [4], "mean": [3.0]})
    out = ka.suppress(t, by=None, min_n=5, key_columns=())
    assert out["mean"].isna().all() and out["suppressed"].iloc[0] == "fewer than 5 answers"
    out = ka.suppress(t, by=None, min_n=4, key_columns=())
    assert out["mean"].notna().all() and out["suppressed"].isna().all()


def test_prior_reasons_and_zero_groups_are_kept():
    t = pd.DataFrame(
        {
            "unit": list("ABC"),
            "n": [0, 10, 12],
            "mean": [np.nan, 2.0, 3.0],
            "suppressed": pd.array(["not asked", None, None], dtype="string"),
        }
    )
    out = ka.suppress(t, by="unit", min_n=5, key_columns=())
    assert out["suppressed"].tolist()[0] == "not asked"
    assert out["n"].tolist()[0] == 0
    assert out["mean"].notna().tolist() == [False, True, True]


def test_hidden_child_that_equals_its_parent_cannot_protect_a_sibling():
    # unit x period. U0 answered only in P1, so the U0 marginal (12, shown by
    # by="unit") equals the cell (U0, P1). In P1, (U1, P1) has 3 answers; hiding
    # (U0, P1) alone would let P1 - (U2, P1) - U0 = 3 recover it, so (U2, P1) must go too.
    groups = {
        "unit": pd.Categorical(["U0", "U1", "U2", "U1", "U3"]),
        "period": pd.Categorical(["P1", "P1", "P1", "P2", "P2"]),
    }
    n = np.array([12, 3, 40, 20, 30])
    hidden = cell_reasons(groups, np.zeros(5, dtype=np.int64), n, 5) != ""
    assert hidden[1] and hidden[0]
    assert hidden[2]


def test_hidden_child_of_a_hidden_marginal_still_protects():
    # One period only: the unit marginal hides U0 as well, so (U0, P1) is a valid
    # complement and (U2, P1) stays visible.
    groups = {"unit": pd.Categorical(["U0", "U1", "U2"]), "period": pd.Categorical(["P1"] * 3)}
    reasons = cell_reasons(groups, np.zeros(3, dtype=np.int64), np.array([12, 3, 40]), 5)
    assert (reasons != "").tolist() == [True, True, False]


def test_min_n_is_validated():
    t = pd.DataFrame({"n": [4], "mean": [3.0]})
    with pytest.raises(ParameterError, match="min_n"):
        ka.suppress(t, by=None, min_n=0, key_columns=())


@settings(max_examples=200, deadline=None)
@given(
    dims=st.lists(st.integers(2, 4), min_size=2, max_size=3),
    data=st.data(),
    min_n=st.integers(2, 6),
)
def test_property_decision_ignores_column_and_row_order(dims, data, min_n):
    """The core rule on random 2-3 dimensional tables: permuting columns or rows changes nothing."""
    import itertools

    names = ["a", "b", "c"][: len(dims)]
    grid = list(itertools.product(*[range(d) for d in dims]))
    n = np.array(data.draw(st.lists(st.integers(0, 9), min_size=len(grid), max_size=len(grid))))
    groups = {c: np.array([f"{c}{g[i]}" for g in grid]) for i, c in enumerate(names)}
    base = cell_reasons(groups, np.zeros(len(n), dtype=np.int64), n, min_n) != ""
    order = data.draw(st.permutations(names))
    rows = np.array(data.draw(st.permutations(range(len(n)))))
    other = cell_reasons(
        {c: groups[c][rows] for c in order}, np.zeros(len(n), dtype=np.int64), n[rows], min_n
    )
    assert ((other != "") == base[rows]).all()


def test_suppress_treats_period_as_a_key():
    t = pd.DataFrame(
        {"period": ["P1", "P1", "P1", "P2", "P2"], "unit": list("ABCAB"),
         "n": [20, 3, 30, 6, 40], "mean": [1.0, 2, 3, 4, 5]}
    )  # fmt: skip
    one = ka.suppress(t.iloc[:3], by=["period", "unit"], min_n=5, key_columns=())
    both = ka.suppress(t, by=["unit", "period"], min_n=5, key_columns=())
    assert one["suppressed"].tolist() == both["suppressed"].iloc[:3].tolist()


def test_suppress_with_a_survey_argument_that_is_no_survey_is_refused():
    t = pd.DataFrame({"unit": ["A", "B"], "n": [20, 12], "mean": [4.0, 3.0]})
    with pytest.raises(ParameterError, match="survey must be a data set"):
        ka.suppress(t, by="unit", min_n=5, key_columns=(), survey="pulse")
    with pytest.raises(ParameterError, match="got dict"):
        group_decision({}, ["unit"], 5)

"""The groups of a breakdown (survey.groups): group index, projection, memo."""

from __future__ import annotations

import numpy as np
import pandas as pd
from conftest import make_codebook
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kalliola_analysis as ka
from kalliola_analysis.survey.groups import (
    as_categorical,
    group_columns,
    group_index,
    memo,
    project,
)


@st.composite
def responses(draw, max_rows=40):
    """A responses frame: period, unit and team (with missing values) and four questions."""
    n = draw(st.integers(1, max_rows))
    pick = lambda values: draw(st.lists(st.sampled_from(values), min_size=n, max_size=n))  # noqa: E731
    frame = pd.DataFrame(
        {
            "response_id": [f"r{i}" for i in range(n)],
            "period": pick(["2023-05", "2023-11", "2024-05"]),
            "unit": pick(["A", "B", "C"]),
            "team": pd.Series(pick(["x", "y", None]), dtype="object"),
            "q1": pd.array(pick([1, 2, 3, 4, 5, None]), dtype="Int64"),
            "q2": pd.array(pick([1, 2, 5, None]), dtype="Int64"),
            "q3": pd.array(pick([1, 3, 5]), dtype="Int64"),
            "enps": pd.array(pick([0, 6, 7, 9, 10, None]), dtype="Int64"),
            "comment": None,
        }
    )
    return frame


COLUMNS = ["period", "unit", "team"]


def test_group_index_without_by():
    r = pd.DataFrame({"x": [1, 2, 3]})
    g = group_index(r, [])
    assert g.n == 1 and g.index.tolist() == [0, 0, 0]


def test_group_index_with_very_many_combinations():
    # 300**4 possible combinations: only the observed ones are enumerated
    cats = [f"c{i}" for i in range(300)]
    rows = {c: pd.Categorical(["c1", "c299", "c1", None], categories=cats) for c in "wxyz"}
    g = group_index(pd.DataFrame(rows), list("wxyz"))
    assert g.n == 3
    assert g.index.tolist() == [0, 1, 0, 2]  # the missing values: the "(not stated)" group
    assert g.size.tolist() == [2, 1, 1]
    assert g.frame["w"].astype(str).tolist() == ["c1", "c299", ka.NOT_STATED]


def test_as_categorical_makes_missing_values_the_last_group():
    cat = as_categorical(pd.Series(["b", None, "a"]))
    assert list(cat.categories) == ["a", "b", ka.NOT_STATED]
    assert cat.astype(str).tolist() == ["b", ka.NOT_STATED, "a"]
    full = as_categorical(pd.Series(["b", "a"]))
    assert list(full.categories) == ["a", "b"]


def test_group_columns_repeat_each_group():
    r = pd.DataFrame({"u": pd.Categorical(["B", "A", "B"]), "p": pd.Categorical(["1", "1", "2"])})
    cols = group_columns(group_index(r, ["u", "p"]), repeat=2)
    assert list(cols) == ["u", "p"]
    assert cols["u"].astype(str).tolist() == ["A", "A", "B", "B", "B", "B"]
    assert cols["p"].astype(str).tolist() == ["1", "1", "1", "1", "2", "2"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    frame=responses(),
    full=st.permutations(COLUMNS),
    data=st.data(),
)
def test_property_projection_is_the_group_index_of_fewer_columns(frame, full, data):
    sub = data.draw(st.lists(st.sampled_from(full), unique=True, max_size=len(full)))
    finer = group_index(frame, list(full))
    merged, inverse = project(finer, sub)
    direct = group_index(frame, sub)
    pd.testing.assert_frame_equal(merged.frame, direct.frame)
    assert merged.size.tolist() == direct.size.tolist()
    assert merged.index.tolist() == direct.index.tolist()
    # every finer group falls in the merged group of its values; sizes add up
    assert np.bincount(inverse, weights=finer.size, minlength=merged.n).tolist() == (
        merged.size.tolist()
    )
    assert int(finer.size.sum()) == int(direct.size.sum()) == len(frame)


def test_memo_computes_once_per_survey_and_notices_replaced_tables(small_survey):
    calls = []

    def make():
        calls.append(1)
        return object()

    first = memo(small_survey, ("test", 1), make)
    assert memo(small_survey, ("test", 1), make) is first and len(calls) == 1
    assert memo(small_survey, ("test", 2), make) is not first
    small_survey.responses = small_survey.responses.copy()  # a new object: recomputed
    assert memo(small_survey, ("test", 1), make) is not first


def test_group_index_of_a_survey_matches_its_responses():
    s = ka.Survey(
        pd.DataFrame(
            {
                "response_id": ["r1", "r2", "r3"],
                "period": ["2023-05", "2023-05", "2023-11"],
                "unit": ["A", "B", "A"],
                "q1": [1, 2, 3],
                "q2": [1, 2, 3],
                "q3": [1, 2, 3],
                "enps": [1, 2, 3],
                "comment": [None, None, None],
            }
        ),
        make_codebook(),
    )
    g = group_index(s.responses, ["unit", "period"])
    assert g.frame.astype(str).values.tolist() == [
        ["A", "2023-05"],
        ["A", "2023-11"],
        ["B", "2023-05"],
    ]
    assert g.index.tolist() == [0, 2, 1]

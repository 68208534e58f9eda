"""'Favourable' per scale length: the options above the midpoint, or the codebook's override."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kalliola_analysis as ka
from kalliola_analysis.errors import InvalidValueError, OutOfRangeError


def _survey(answers: list[int], hi: int, *, reverse=False, favourable_min=None) -> ka.Survey:
    codebook = pd.DataFrame(
        {
            "question": ["q"],
            "text_fi": ["Väite"],
            "text_en": ["Statement"],
            "type": ["likert"],
            "scale_min": [1],
            "scale_max": [hi],
            "reverse": [reverse],
            "favourable_min": [favourable_min],
        }
    )
    responses = pd.DataFrame(
        {
            "response_id": [f"r{i}" for i in range(len(answers))],
            "period": "2023-11",
            "unit": "A",
            "q": answers,
        }
    )
    return ka.Survey(responses, codebook)


def _shares(answers, hi, **kw) -> tuple[float, float]:
    row = ka.likert_summary(_survey(answers, hi, **kw), by=None).iloc[0]
    return row["favourable"], row["unfavourable"]


def test_three_point_scale_midpoint_is_neither():
    # issue 13: with "top two" the midpoint 2 counted as favourable AND unfavourable
    answers = [1] * 2 + [2] * 5 + [3] * 3
    fav, unf = _shares(answers, 3)
    assert fav == pytest.approx(0.3)
    assert unf == pytest.approx(0.2)
    assert fav + unf < 1


@pytest.mark.parametrize(
    ("hi", "top"),
    [(3, 1), (4, 2), (5, 2), (6, 3), (7, 3), (10, 5), (11, 5)],
)
def test_favourable_are_the_options_above_the_midpoint(hi, top):
    answers = list(range(1, hi + 1)) * 2  # every option twice
    fav, unf = _shares(answers, hi)
    assert fav == pytest.approx(top / hi)
    assert unf == pytest.approx(top / hi)
    opts = ka.favourable_options(_survey(answers, hi).codebook).iloc[0]
    assert (opts["n_favourable"], opts["favourable_min"], opts["unfavourable_max"]) == (
        top,
        hi - top + 1,
        top,
    )


def test_reverse_coded_statement_uses_the_score():
    # reverse-coded on 1-3: answer 1 scores 3 (favourable), answer 3 scores 1
    fav, unf = _shares([1, 1, 1, 2, 3], 3, reverse=True)
    assert (fav, unf) == (pytest.approx(0.6), pytest.approx(0.2))


def test_codebook_favourable_min_overrides_and_mirrors():
    answers = [1, 2, 3, 4, 4, 5, 5, 5]
    assert _shares(answers, 5) == (pytest.approx(5 / 8), pytest.approx(2 / 8))
    fav, unf = _shares(answers, 5, favourable_min=5)  # only "strongly agree"
    assert (fav, unf) == (pytest.approx(3 / 8), pytest.approx(1 / 8))
    fav7, unf7 = _shares([1, 2, 3, 4, 5, 6, 7, 7], 7, favourable_min="6")
    assert (fav7, unf7) == (pytest.approx(3 / 8), pytest.approx(2 / 8))


@pytest.mark.parametrize(("value", "hi"), [(3, 5), (2, 3), (6, 5), ("kyllä", 5), (4.5, 7)])
def test_favourable_min_must_lie_above_the_midpoint(value, hi):
    with pytest.raises(OutOfRangeError) as info:
        _survey([1, 2], hi, favourable_min=value)
    assert (info.value.column, info.value.row) == ("favourable_min", 2)


def test_favourable_min_only_for_likert_questions():
    codebook = pd.DataFrame(
        {
            "question": ["enps"],
            "text_fi": ["a"],
            "text_en": ["a"],
            "type": ["nps"],
            "favourable_min": [9],
        }
    )
    with pytest.raises(InvalidValueError, match="likert questions only") as info:
        ka.Survey(pd.DataFrame({"response_id": ["r"], "period": ["2023-11"], "unit": ["A"],
                                "enps": [9]}), codebook)  # fmt: skip
    assert info.value.column == "favourable_min"


def test_demo_codebook_has_the_default_rule():
    pulse = ka.load_demo("pulse")
    assert pulse.codebook["favourable_min"].isna().all()
    opts = ka.favourable_options(pulse.codebook)
    assert (opts["n_favourable"] == 2).all() and len(opts) == len(pulse.questions("likert"))


@settings(max_examples=60)
@given(
    k=st.integers(min_value=2, max_value=11),
    data=st.data(),
    reverse=st.booleans(),
)
def test_no_option_is_both_and_reversal_swaps_the_sides(k, data, reverse):
    answers = data.draw(st.lists(st.integers(1, k), min_size=5, max_size=40))
    fav, unf = _shares(answers, k, reverse=reverse)
    a = np.array(answers)
    score = (k + 1 - a) if reverse else a
    middle = np.mean(score == (k + 1) / 2)  # only an odd scale has a middle option
    assert fav + unf + middle == pytest.approx(1.0)
    flipped = [k + 1 - x for x in answers]
    assert _shares(flipped, k, reverse=reverse) == (pytest.approx(unf), pytest.approx(fav))

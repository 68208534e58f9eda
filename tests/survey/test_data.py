"""The Survey contract: typing, label coding and validation of in-memory data."""

import pandas as pd
import pytest
from conftest import make_codebook

import kalliola_analysis as ka
from kalliola_analysis import errors


def _responses(**overrides):
    base = {
        "response_id": ["a", "b", "c"],
        "period": ["2023-11"] * 3,
        "unit": ["X", "X", "Y"],
        "q1": [1, 5, 3],
        "q2": ["Samaa mieltä", "Strongly agree", "En osaa sanoa"],
        "q3": [None, 2, 4],
        "enps": [0, 10, 7],
        "comment": ["<b>hi</b>", None, "ok"],
    }
    base.update(overrides)
    return pd.DataFrame(base)


def test_types_and_label_coding():
    s = ka.Survey(_responses(), make_codebook())
    r = s.responses
    assert str(r["q1"].dtype) == "Int8"
    assert isinstance(r["period"].dtype, pd.CategoricalDtype)
    assert r["q2"].tolist()[:2] == [4, 5]
    assert r["q2"].isna().iloc[2]  # "don't know" is missing, never a number
    assert r["comment"].iloc[0] == "<b>hi</b>"


@pytest.mark.parametrize(
    ("overrides", "exc", "column", "row"),
    [
        ({"q1": [1, 6, 3]}, errors.OutOfRangeError, "q1", 3),
        ({"q1": [1, "4,1x", 3]}, errors.InvalidValueError, "q1", 3),
        ({"q1": [1, 4.5, 3]}, errors.InvalidValueError, "q1", 3),
        ({"enps": [0, 11, 3]}, errors.OutOfRangeError, "enps", 3),
        ({"response_id": ["a", "a", "c"]}, errors.DuplicateError, "response_id", 3),
        ({"period": ["2023-11", "syksy", "2023-11"]}, errors.InvalidValueError, "period", 3),
        ({"period": ["2023-11", "2023-13", "2023-11"]}, errors.InvalidValueError, "period", 3),
        ({"unit": ["X", None, "Y"]}, errors.InvalidValueError, "unit", 3),
    ],
)
def test_bad_values_name_column_and_row(overrides, exc, column, row):
    with pytest.raises(exc) as info:
        ka.Survey(_responses(**overrides), make_codebook(), source="pulse.csv")
    assert info.value.column == column
    assert info.value.row == row
    assert "pulse.csv" in str(info.value)


def test_every_problem_listed_at_once():
    bad = _responses(q1=[9, 1, 1], enps=[0, 12, 1])
    with pytest.raises(errors.ValidationError) as info:
        ka.Survey(bad, make_codebook())
    assert {p.column for p in info.value.problems} == {"q1", "enps"}


def test_missing_question_column():
    with pytest.raises(errors.MissingColumnError, match="q3"):
        ka.Survey(_responses().drop(columns="q3"), make_codebook())


def test_empty_responses():
    with pytest.raises(errors.EmptyFileError):
        ka.Survey(_responses().iloc[:0], make_codebook())


@pytest.mark.parametrize(
    ("invited", "match"),
    [
        ([2, 0], "nobody invited"),
        ([1, 1], "2 responses but only 1 invited"),
        ([2, "x"], "whole number"),
    ],
)
def test_invitation_errors(invited, match):
    inv = pd.DataFrame({"period": ["2023-11", "2023-11"], "unit": ["X", "Y"], "invited": invited})
    with pytest.raises(errors.DataError, match=match):
        ka.Survey(_responses(), make_codebook(), inv)


def test_errors_are_one_family():
    for name in errors.__all__:
        assert issubclass(getattr(errors, name), errors.KalliolaError)


def test_response_and_invitation_problems_listed_together():
    inv = pd.DataFrame({"period": ["2023-11", "2023-11"], "unit": ["X", "Y"], "invited": [0, 3]})
    with pytest.raises(errors.ValidationError) as info:
        ka.Survey(_responses(q1=[9, 1, 1]), make_codebook(), inv, source="pulse")
    kinds = {type(p) for p in info.value.problems}
    assert kinds == {errors.OutOfRangeError, errors.InvitationError}


def test_finnish_excel_dates_read_as_periods():
    s = ka.Survey(_responses(period=["1.11.2023", "15.11.2023", "2023-11"]), make_codebook())
    assert s.periods == ["2023-11"]

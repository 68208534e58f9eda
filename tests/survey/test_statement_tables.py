"""The statement table: the annual report's means and changes, taken unchanged from the analytics."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import kalliola_analysis as ka
from kalliola_analysis.errors import ParameterError

# Kalliola annual report 2023 (shared/seeds/README.md): pulse statement means
REPORT_TABLE_1 = {
    "meaningful_work": ("4,6", "4,5", "4,5"),
    "skills_match": ("4,3", "4,1", "4,1"),
    "fair_treatment": ("3,9", "3,8", "3,6"),
    "manager_support": ("4,2", "3,8", "4,0"),
    "colleague_support": ("4,5", "4,5", "4,5"),
    "enthusiasm": ("4,5", "4,3", "4,2"),
    "work_life_balance": ("4,5", "4,1", "4,1"),  # printed "4,1x" in 10/2022: a typo
}
REPORT_TABLE_2 = {  # two decimals, not asked in 11/2023, the last two new in 5/2023
    "team_spirit": ("4,46", "4,16"),
    "professional_development": ("4,25", "3,65"),
    "internal_communication": ("3,54", "–"),
    "cross_unit_cooperation": ("3,38", "–"),
}


# ---------------------------------------------------------------------------
# statement_table


def test_statement_table_reproduces_the_annual_report(pulse):
    ft = ka.format_statement_table(ka.statement_table(pulse))
    assert list(ft.columns) == ["Väittämä", "11/2023", "5/2023", "10/2022", "Muutos 5/2023"]
    for q, expected in REPORT_TABLE_1.items():
        assert tuple(ft.loc[q, ["11/2023", "5/2023", "10/2022"]]) == expected, q
        assert ft.loc[q, "Väittämä"] == pulse.text(q, "fi")
    for q in REPORT_TABLE_2:
        assert ft.loc[q, "11/2023"] == "–"  # not asked, not "hidden"


def test_statement_table_second_report_table(pulse):
    tab = ka.statement_table(pulse, current="2023-05", questions=list(REPORT_TABLE_2))
    ft = ka.format_statement_table(tab, decimals=2)
    assert list(ft.columns) == ["Väittämä", "5/2023", "10/2022", "Muutos 10/2022"]
    for q, expected in REPORT_TABLE_2.items():
        assert tuple(ft.loc[q, ["5/2023", "10/2022"]]) == expected, q


def test_statement_table_numbers_are_the_libraries(pulse):
    tab = ka.statement_table(pulse)
    summary = ka.likert_summary(pulse, by="period")
    for row in tab.itertuples(index=False):
        for p in ("2023-11", "2023-05", "2022-10"):
            got = tab.loc[tab["question"] == row.question, p].iloc[0]
            want = summary.loc[
                (summary["period"] == p) & (summary["question"] == row.question), "mean"
            ].iloc[0]
            assert (np.isnan(got) and np.isnan(want)) or got == want
    cmp = ka.compare_periods(pulse, "2023-05", "2023-11").set_index("question")
    merged = tab.set_index("question")
    np.testing.assert_array_equal(
        merged["change"].to_numpy(), cmp.loc[merged.index, "diff"].to_numpy(dtype=float)
    )
    np.testing.assert_array_equal(
        merged["p_adj"].to_numpy(), cmp.loc[merged.index, "p_adj"].to_numpy(dtype=float)
    )
    assert (merged["significant"] == (merged["p_adj"] < 0.05)).all()
    assert tab.attrs["current"] == "2023-11" and tab.attrs["compare_to"] == "2023-05"


def test_statement_table_columns_and_reasons(pulse):
    tab = ka.statement_table(pulse)
    assert tab.columns.tolist() == [
        "question",
        "statement",
        "2023-11",
        "2023-05",
        "2022-10",
        "change",
        "p_adj",
        "significant",
        "suppressed_2023-11",
        "suppressed_2023-05",
        "suppressed_2022-10",
    ]
    assert tab["significant"].dtype == bool
    row = tab.set_index("question").loc["internal_communication"]
    assert row["suppressed_2023-11"] == "not asked" and row["suppressed_2022-10"] == "not asked"
    assert pd.isna(row["suppressed_2023-05"])


def test_statement_table_unit_keeps_hidden_cells_hidden(pulse):
    # Hallinto has fewer than 5 respondents in 2022-10 and 2023-05
    tab = ka.statement_table(pulse, unit="Hallinto")
    assert tab["2023-05"].isna().all() and tab["2022-10"].isna().all()
    assert tab["change"].isna().all()  # nothing to compare against
    ft = ka.format_statement_table(tab, lang="en")
    assert (ft.loc["meaningful_work", ["5/2023", "10/2022"]] == "hidden").all()
    assert ft.loc["team_spirit", "11/2023"] == "–"  # not asked is not hidden
    summary = ka.likert_summary(pulse, by=["period", "unit"])
    want = summary[(summary["period"] == "2023-11") & (summary["unit"] == "Hallinto")]
    got = tab.set_index("question")["2023-11"]
    for q, m in zip(want["question"], want["mean"], strict=True):
        assert (np.isnan(m) and np.isnan(got[q])) or got[q] == m


def test_statement_table_small_unit_of_small_survey(small_survey):
    tab = ka.statement_table(small_survey, unit="C")
    assert tab[["2023-11", "2023-05"]].isna().all().all()
    assert (tab["suppressed_2023-11"] == "fewer than 5 answers").all()
    ft = ka.format_statement_table(tab)
    assert (ft[["11/2023", "5/2023"]] == "piilotettu").all().all()


def test_format_statement_table_marks_and_footnote(pulse):
    ft = ka.format_statement_table(ka.statement_table(pulse))
    tab = ka.statement_table(pulse).set_index("question")
    for q in tab.index:
        cell = ft.loc[q, "Muutos 5/2023"]
        assert cell.endswith("*") == bool(tab.loc[q, "significant"])
        if not np.isnan(tab.loc[q, "change"]) and round(tab.loc[q, "change"], 1) > 0:
            assert cell.startswith("+")
    assert ft.attrs["footnote"].startswith("* Muutos edelliseen kyselyyn (5/2023)")
    assert "piilotettu" in ft.attrs["footnote"]
    en = ka.format_statement_table(ka.statement_table(pulse, lang="en"), lang="en")
    assert en.loc["meaningful_work", "Statement"] == "I find my current work meaningful"
    assert en.loc["meaningful_work", "11/2023"] == "4.6"
    assert "Mann–Whitney U" in en.attrs["footnote"]
    assert en.columns[-1] == "Change vs 5/2023"
    # p < 0.05 never wraps between its parts
    assert "p\u00a0<\u00a00.05" in en.attrs["footnote"] and "p < " not in en.attrs["footnote"]


def test_statement_table_first_period_has_no_change(pulse):
    tab = ka.statement_table(pulse, current="2022-10")
    assert tab.attrs["compare_to"] is None
    assert tab["change"].isna().all() and not tab["significant"].any()
    ft = ka.format_statement_table(tab)
    assert list(ft.columns) == ["Väittämä", "10/2022"]  # no change column without a base
    assert not ft.attrs["footnote"].startswith("*")
    # an explicit comparison of a round with nothing asked in common keeps the column
    later = ka.format_statement_table(ka.statement_table(pulse, current="2023-05"))
    assert "Muutos 10/2022" in later.columns


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"current": "2021-01"}, "current"),
        ({"compare_to": "autumn"}, "compare_to"),
        ({"unit": "Nowhere"}, "unit"),
        ({"lang": "sv"}, "lang"),
        ({"min_n": 0}, "min_n"),
        ({"periods": ["2023-11", "1999-01"]}, "periods"),
    ],
)
def test_statement_table_rejects_bad_options(pulse, kwargs, match):
    with pytest.raises(ParameterError, match=match):
        ka.statement_table(pulse, **kwargs)


def test_statement_labels(pulse):
    fi = ka.statement_labels(pulse)
    assert list(fi) == pulse.questions("likert")
    assert fi["enthusiasm"] == "Olen innostunut työstäni"
    with pytest.raises(ParameterError):
        ka.statement_labels(pulse, lang="xx")

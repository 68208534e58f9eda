"""Report-shaped tables: the annual report's numbers, taken unchanged from the analytics."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


@pytest.fixture(scope="module")
def pulse():
    return ka.load_demo("pulse")


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


# ---------------------------------------------------------------------------
# headline figures


def test_headline_figures_reproduce_the_annual_report(pulse):
    now = ka.format_headline_figures(ka.headline_figures(pulse, period="2023-11"))
    assert now.loc["response_rate", "Arvo"] == "81\u00a0%"  # never wraps inside the value
    assert now.loc["enps", "Arvo"] == "22,0"
    before = ka.format_headline_figures(ka.headline_figures(pulse, period="2023-05"), lang="en")
    assert before.loc["response_rate", "Value"] == "73%"
    assert before.loc["enps", "Value"] == "20.8"
    assert before.loc["enps", "Figure"] == "Employer NPS"


def test_headline_figures_come_from_the_analytics(pulse):
    h = ka.headline_figures(pulse, period="2023-11").set_index("figure")
    rates = ka.response_rates(pulse, by="period").set_index("period")
    scores = ka.enps(pulse, by="period").set_index("period")
    assert h.loc["responses", "value"] == rates.loc["2023-11", "responded"]
    assert h.loc["invited", "value"] == rates.loc["2023-11", "invited"]
    assert h.loc["response_rate", "value"] == rates.loc["2023-11", "rate"]
    assert h.loc["response_rate", "compare_value"] == rates.loc["2023-05", "rate"]
    for c in ("enps", "ci_low", "ci_high"):
        assert h.loc["enps", "value" if c == "enps" else c] == scores.loc["2023-11", c]
    assert h.loc["enps", "change"] == pytest.approx(
        scores.loc["2023-11", "enps"] - scores.loc["2023-05", "enps"]
    )
    assert h.columns.tolist() == [
        "value",
        "ci_low",
        "ci_high",
        "compare_value",
        "change",
        "suppressed",
    ]


def test_headline_figures_hidden_unit(pulse):
    h = ka.headline_figures(pulse, period="2023-05", unit="Hallinto")
    assert h.set_index("figure").loc[["responses", "response_rate", "enps"], "value"].isna().all()
    ft = ka.format_headline_figures(h)
    assert (ft.loc[["responses", "response_rate", "enps"], "Arvo"] == "piilotettu").all()


def test_headline_figures_without_invitations(small_survey):
    s = ka.Survey(small_survey.responses, small_survey.codebook)
    h = ka.headline_figures(s, period="2023-11").set_index("figure")
    # no invitations: no invited or response rate rows, the responses counted from the data
    assert h.index.tolist() == ["responses", "enps"]
    n = int((small_survey.responses["period"].astype(str) == "2023-11").sum())
    assert h.loc["responses", "value"] == n and pd.isna(h.loc["responses", "suppressed"])
    assert not np.isnan(h.loc["enps", "value"])
    assert ka.format_headline_figures(h.reset_index()).index.tolist() == ["responses", "enps"]
    no_nps = ka.Survey(
        small_survey.responses.drop(columns=["enps"]),
        small_survey.codebook[small_survey.codebook["question"] != "enps"],
        small_survey.invitations,
    )
    h = ka.headline_figures(no_nps, period="2023-11").set_index("figure")
    # no NPS question: no enps row
    assert h.index.tolist() == ["responses", "invited", "response_rate"]
    assert "enps" not in ka.format_headline_figures(h.reset_index()).index


def test_headline_figures_without_invitations_hide_a_small_unit(small_survey):
    s = ka.Survey(small_survey.responses, small_survey.codebook)
    sizes = s.responses[s.responses["period"].astype(str) == "2023-11"]["unit"].value_counts()
    small = str(sizes.idxmin())
    assert sizes.min() < 5
    h = ka.headline_figures(s, period="2023-11", unit=small).set_index("figure")
    assert np.isnan(h.loc["responses", "value"])
    assert h.loc["responses", "suppressed"] == "fewer than 5 answers"
    assert ka.format_headline_figures(h.reset_index()).loc["responses", "Arvo"] == "piilotettu"


# ---------------------------------------------------------------------------
# unit heatmap table and methods note


def test_unit_heatmap_table_is_likert_summary_by_unit(pulse):
    long = ka.unit_heatmap_table(pulse, period="2023-11")
    assert long.columns.tolist() == ["unit", "question", "mean", "n", "suppressed"]
    summary = ka.likert_summary(pulse, by=["period", "unit"])
    summary = summary[summary["period"] == "2023-11"]
    merged = long.merge(summary, on=["unit", "question"], suffixes=("", "_lib"))
    assert len(merged) == len(long)
    np.testing.assert_array_equal(merged["mean"], merged["mean_lib"])
    # statements nobody was asked in 11/2023 are left out
    assert "team_spirit" not in set(long["question"])


def test_unit_heatmap_table_hidden_cells(small_survey):
    long = ka.unit_heatmap_table(small_survey, period="2023-11")
    c = long[long["unit"] == "C"]
    assert c["mean"].isna().all() and c["n"].isna().all()
    assert (c["suppressed"] == "fewer than 5 answers").all()
    # the largest unit is never the complement: it stays shown
    assert long.loc[long["unit"] == "A", "mean"].notna().all()


def test_methods_note(pulse):
    fi = ka.methods_note(pulse, period="2023-05")
    assert "alle 5 vastausta" in fi and "Hallinto" in fi
    assert "Mann–Whitneyn U-testillä" in fi and "Holmin" in fi
    assert "En osaa sanoa" in fi and "vähintään 10 vastaajaa" in fi
    assert "<" not in fi.replace("p\u00a0<\u00a00,05", "")  # plain text
    en = ka.methods_note(pulse, period="2023-11", lang="en", min_n=5, comment_min_n=12)
    assert "No group had to be hidden" in en
    assert "at least 12 respondents" in en
    assert "Tango" in en
    first = ka.methods_note(pulse, period="2022-10", lang="en")
    assert "Mann–Whitney" not in first  # nothing to compare the first round with


def test_methods_note_names_the_hidden_small_unit(small_survey):
    note = ka.methods_note(small_survey, period="2023-11", lang="en")
    assert "subtraction): B and C." in note
    # one list for both reasons: which one applies would place C on one side of the threshold
    assert "fewer than 5 answers: C" not in note
    # a unit report is about its unit alone: it never names another unit (issue 9.6;
    # this test used to pin the opposite, "every report shows the units side by side")
    unit_note = ka.methods_note(small_survey, period="2023-11", unit="A", lang="en")
    assert ": C" not in unit_note and " C." not in unit_note and " C " not in unit_note
    assert "Nothing had to be hidden for A." in unit_note
    assert "comments are not shown" not in unit_note  # A has 20 respondents
    small = ka.methods_note(small_survey, period="2023-11", unit="C", lang="en")
    assert "Hidden for C: all statements, eNPS and response rate." in small
    hidden_comments = (
        "Open comments are not shown: the group has fewer than 10 respondents, or they are "
        "hidden so that a smaller group's comments cannot be derived by comparing lists."
    )
    assert hidden_comments in small
    # B (12 respondents) is hidden to protect C's comments: the same sentence, so a reader
    # cannot tell which of the two units is the small one
    protected = ka.methods_note(small_survey, period="2023-11", unit="B", lang="en")
    assert hidden_comments in protected


def test_methods_note_feedback_survey_without_nps_or_invitations(small_survey):
    likert_only = small_survey.codebook[small_survey.codebook["type"] == "likert"]
    responses = small_survey.responses.drop(columns=["enps", "comment"])
    s = ka.Survey(responses, likert_only)
    note = ka.methods_note(s, period="2023-11", lang="en")
    assert "NPS" not in note and "comments" not in note
    assert "subtraction): B and C." in note


def test_statement_labels(pulse):
    fi = ka.statement_labels(pulse)
    assert list(fi) == pulse.questions("likert")
    assert fi["enthusiasm"] == "Olen innostunut työstäni"
    with pytest.raises(ParameterError):
        ka.statement_labels(pulse, lang="xx")


def test_format_headline_figures_leaves_out_the_columns_with_nothing_to_show(pulse):
    fb = ka.headline_figures(ka.load_demo("feedback/kickoff-2023"), period="2023-09")
    assert ka.format_headline_figures(fb).columns.tolist() == ["Tunnusluku", "Arvo"]
    first = ka.format_headline_figures(ka.headline_figures(pulse, period="2022-10"))
    assert first.columns.tolist() == ["Tunnusluku", "Arvo", "95 %:n luottamusväli"]
    later = ka.format_headline_figures(ka.headline_figures(pulse, period="2023-11"))
    assert later.columns.tolist() == [
        "Tunnusluku",
        "Arvo",
        "95 %:n luottamusväli",
        "Muutos 5/2023",
    ]


# ---------------------------------------------------------------------------
# derived figures of hidden cells, and the unit view (issue 9 items 2 and 6)


def _organisation(sizes_by_period: list[list[int]], *, seed: int = 0) -> ka.Survey:
    """Units U0, U1, ... with the given respondents per period; every statement answered."""
    from conftest import make_codebook

    rng = np.random.default_rng(seed)
    rows, inv = [], []
    for i, sizes in enumerate(sizes_by_period):
        period = f"{2021 + i}-05"
        for j, n in enumerate(sizes):
            inv.append({"period": period, "unit": f"U{j}", "invited": n + 3})
            for k in range(n):
                rows.append(
                    {
                        "response_id": f"{i}-{j}-{k}",
                        "period": period,
                        "unit": f"U{j}",
                        "q1": int(rng.integers(1, 6)),
                        "q2": int(rng.integers(1, 6)),
                        "q3": int(rng.integers(1, 6)),
                        "enps": int(rng.integers(0, 11)),
                        "comment": None,
                    }
                )
    return ka.Survey(pd.DataFrame(rows), make_codebook(), pd.DataFrame(inv))


@pytest.mark.parametrize(
    ("sizes", "hidden_period"),
    [([[10, 10, 10], [3, 8, 10]], "2022-05"), ([[3, 8, 10], [10, 10, 10]], "2021-05")],
)
def test_unit_change_of_a_hidden_cell_is_hidden(sizes, hidden_period):
    # issue 9: a unit report showed the current mean and the change while the base mean was
    # hidden (base = current - change), and the other way round (current = base + change).
    # U1 (8 respondents) is hidden to protect U0 (3) in one of the two periods.
    s = _organisation(sizes, seed=1)
    shown_period = ({"2021-05", "2022-05"} - {hidden_period}).pop()
    tab = ka.statement_table(s, unit="U1", current="2022-05")
    assert (tab[f"suppressed_{hidden_period}"] == "hidden to protect a smaller group").all()
    assert tab[hidden_period].isna().all() and tab[shown_period].notna().all()
    assert tab["change"].isna().all() and tab["p_adj"].isna().all()
    assert not tab["significant"].any()
    ft = ka.format_statement_table(tab, lang="en")
    assert (ft["Change vs 5/2021"] == "–").all()
    h = ka.headline_figures(s, period="2022-05", unit="U1").set_index("figure")
    assert h.loc[["responses", "response_rate", "enps"], "change"].isna().all()
    # the same figures of the unit beside it, shown, have their change
    other = ka.statement_table(s, unit="U2", current="2022-05")
    assert other["change"].notna().all()


def _hidden(reason) -> bool:
    return not pd.isna(reason) and reason != "not asked"


@given(
    st.lists(st.lists(st.integers(0, 14), min_size=3, max_size=3), min_size=2, max_size=3),
    st.integers(0, 2),
)
@settings(max_examples=40)
def test_a_change_is_shown_only_between_two_shown_cells(sizes, which):
    if any(sum(p) < 5 for p in sizes):
        return
    s = _organisation(sizes, seed=sum(map(sum, sizes)))
    unit = f"U{which}" if f"U{which}" in s.units else None
    current, base = s.periods[-1], s.periods[-2]
    for u in (None, unit):
        tab = ka.statement_table(s, unit=u, current=current, compare_to=base)
        for row in tab.itertuples(index=False):
            r = row._asdict()
            reasons = tab.loc[tab["question"] == r["question"]]
            either = _hidden(reasons[f"suppressed_{current}"].iloc[0]) or _hidden(
                reasons[f"suppressed_{base}"].iloc[0]
            )
            if either:
                assert np.isnan(r["change"]) and np.isnan(r["p_adj"]) and not r["significant"]
        h = ka.headline_figures(s, period=current, compare_to=base, unit=u).set_index("figure")
        for f in ("responses", "response_rate", "enps"):
            if _hidden(h.loc[f, "suppressed"]) or np.isnan(h.loc[f, "compare_value"]):
                assert np.isnan(h.loc[f, "change"])
            if _hidden(h.loc[f, "suppressed"]):
                assert np.isnan(h.loc[f, "value"])


def _strings(frame: pd.DataFrame) -> set[str]:
    out = {str(c) for c in frame.columns} | {str(i) for i in frame.index}
    for c in frame.columns:
        if frame[c].dtype == object or isinstance(
            frame[c].dtype, pd.StringDtype | pd.CategoricalDtype
        ):
            out |= {str(v) for v in frame[c].dropna()}
    return out


def test_unit_report_tables_show_no_other_unit(pulse):
    for period in pulse.periods:
        units = ka.reportable_units(pulse, period=period)
        for unit in units.loc[units["reportable"], "unit"]:
            others = [u for u in pulse.units if u != unit]
            tables = [
                ka.statement_table(pulse, current=period, unit=unit),
                ka.headline_figures(pulse, period=period, unit=unit),
                ka.unit_heatmap_table(pulse, period=period, unit=unit),
                ka.unit_and_organisation(ka.response_rates, pulse, unit=unit),
                ka.unit_and_organisation(ka.likert_summary, pulse, unit=unit),
                ka.unit_and_organisation(ka.enps, pulse, unit=unit),
            ]
            tables += [
                ka.format_statement_table(tables[0]),
                ka.format_headline_figures(tables[1], lang="en"),
            ]
            for tab in tables:
                assert "unit" not in tab.columns or set(tab["unit"].astype(str)) <= {
                    unit,
                    "Koko organisaatio",
                    "Whole organisation",
                }
                text = " ".join(_strings(tab))
                assert not [o for o in others if o in text], (period, unit)
            note = ka.methods_note(pulse, period=period, unit=unit)
            assert not [o for o in others if o in note], (period, unit, note)


def test_unit_tables_put_the_whole_organisation_beside_the_unit(pulse):
    tab = ka.statement_table(pulse, unit="Kalliolan Klinikka", current="2023-11")
    org = ka.likert_summary(pulse, by="period")
    org = org[org["period"] == "2023-11"].set_index("question")["mean"]
    got = tab.set_index("question")["organisation"]
    for q, m in got.items():
        assert (np.isnan(m) and np.isnan(org[q])) or m == org[q]
    assert tab.columns.tolist()[:7] == [
        "question",
        "statement",
        "2023-11",
        "2023-05",
        "2022-10",
        "organisation",
        "change",
    ]
    ft = ka.format_statement_table(tab)
    assert ft.columns.tolist() == [
        "Väittämä",
        "11/2023",
        "5/2023",
        "10/2022",
        "Koko organisaatio 11/2023",
        "Muutos 5/2023",
    ]
    assert ft.loc["meaningful_work", "Koko organisaatio 11/2023"] == "4,6"
    h = ka.headline_figures(pulse, period="2023-11", unit="Kalliolan Klinikka")
    whole = ka.headline_figures(pulse, period="2023-11")
    np.testing.assert_array_equal(h["organisation"].to_numpy(), whole["value"].to_numpy())
    fh = ka.format_headline_figures(h, lang="en")
    assert fh.loc["response_rate", "Whole organisation 11/2023"] == "81%"
    heat = ka.unit_heatmap_table(pulse, period="2023-11", unit="Kalliolan Klinikka", lang="en")
    assert heat["unit"].cat.categories.tolist() == ["Kalliolan Klinikka", "Whole organisation"]
    whole_rows = heat[heat["unit"] == "Whole organisation"].set_index("question")["mean"]
    assert whole_rows.to_dict() == pytest.approx(org.dropna().to_dict())


def test_reportable_units(pulse):
    r = ka.reportable_units(pulse, period="2022-10")
    assert r.columns.tolist() == ["unit", "respondents", "reportable", "reason"]
    assert r["unit"].tolist() == pulse.units
    rates = ka.response_rates(pulse, by=["period", "unit"])
    rates = rates[rates["period"] == "2022-10"]
    rates = rates.set_index(rates["unit"].astype(str))
    for row in r.itertuples(index=False):
        assert row.reportable == pd.isna(rates.loc[row.unit, "suppressed"])
        if row.reportable:
            assert row.respondents == rates.loc[row.unit, "responded"]
        else:
            assert pd.isna(row.respondents) and row.reason == rates.loc[row.unit, "suppressed"]
    assert not r.set_index("unit").loc["Hallinto", "reportable"]
    assert ka.reportable_units(pulse, period="2023-11")["reportable"].all()
    # without invitations the same decision, from the responses
    plain = ka.Survey(pulse.responses, pulse.codebook)
    pd.testing.assert_series_equal(
        ka.reportable_units(plain, period="2022-10")["reportable"], r["reportable"]
    )


def test_check_unit_report_names_unit_and_period(pulse):
    ka.check_unit_report(pulse, period="2023-11", unit="Hallinto")
    ka.check_unit_report(pulse, period="2023-05", unit=None)
    with pytest.raises(ParameterError, match=r"'Hallinto' in 5/2023.*fewer than 5 answers"):
        ka.check_unit_report(pulse, period="2023-05", unit="Hallinto")
    with pytest.raises(ParameterError, match=r"'Järjestötoiminta' in 10/2022.*smaller group"):
        ka.check_unit_report(pulse, period="2022-10", unit="Järjestötoiminta")
    with pytest.raises(ParameterError, match="unit"):
        ka.check_unit_report(pulse, period="2023-05", unit="Nowhere")


def test_unit_and_organisation_puts_the_two_side_by_side(pulse):
    s = ka.unit_and_organisation(ka.likert_summary, pulse, unit="Hallinto", min_n=5)
    assert s["unit"].cat.categories.tolist() == ["Hallinto", "Koko organisaatio"]
    now = s[s["period"] == "2023-11"]
    # per statement, in codebook order: the unit's row, then the organisation's
    assert now["question"].tolist()[:4] == ["meaningful_work"] * 2 + ["skills_match"] * 2
    assert now["unit"].astype(str).tolist()[:2] == ["Hallinto", "Koko organisaatio"]
    mine = ka.likert_summary(pulse, by=["period", "unit"])
    mine = mine[(mine["unit"] == "Hallinto") & (mine["period"] == "2023-11")]
    got = now[now["unit"] == "Hallinto"]
    np.testing.assert_array_equal(got["mean"].to_numpy(), mine["mean"].to_numpy())
    whole = ka.likert_summary(pulse, by="period")
    np.testing.assert_array_equal(
        s[s["unit"] == "Koko organisaatio"]["mean"].to_numpy(), whole["mean"].to_numpy()
    )
    # answer counts keep their answer order within each group
    c = ka.unit_and_organisation(ka.answer_counts, pulse, unit="Hallinto", questions="enps")
    first = c[(c["period"] == "2023-11") & (c["unit"] == "Hallinto")]
    assert first["answer"].tolist() == list(range(11))
    # the whole organisation alone without a unit
    alone = ka.unit_and_organisation(ka.enps, pulse, unit=None, lang="en")
    assert set(alone["unit"].astype(str)) == {"Whole organisation"} and len(alone) == 3

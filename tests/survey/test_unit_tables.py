"""Units side by side and unit reports: hidden cells stay hidden, a unit report shows no other unit."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kalliola_analysis as ka
from kalliola_analysis.errors import ParameterError

# ---------------------------------------------------------------------------
# unit heatmap table


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

"""Key findings: plain sentences from the figures the library shows, in Finnish and English."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from conftest import make_survey

import kalliola_analysis as ka
from kalliola_analysis.errors import ParameterError
from kalliola_analysis.privacy.complementary import COMPLEMENTARY


def test_demo_round_in_finnish(pulse):
    f = ka.key_findings(pulse, period="2023-11")
    assert f.columns.tolist() == [
        "kind", "question", "sentence", "value", "compare_value", "change", "p_adj",
    ]  # fmt: skip
    assert f["kind"].tolist() == ["strongest", "weakest", "change", "change", "response_rate"]
    strongest, weakest = f.iloc[0], f.iloc[1]
    # the annual report's figures, in Finnish number format
    assert strongest["question"] == "meaningful_work"
    assert "”Pidän nykyistä työtäni merkityksellisenä”" in strongest["sentence"]
    assert "keskiarvo 4,6" in strongest["sentence"] and "90 %" in strongest["sentence"]
    assert weakest["question"] == "fair_treatment" and "3,9" in weakest["sentence"]
    rate = f.iloc[-1]
    assert pd.isna(rate["question"])
    assert rate["sentence"] == (
        "Vastausprosentti oli 81 % (71/88); edellisellä kierroksella 5/2023 se oli 73 %."
    )
    assert rate["value"] == pytest.approx(71 / 88) and rate["compare_value"] == pytest.approx(
        64 / 88
    )
    assert f.attrs == {"period": "2023-11", "compare_to": "2023-05", "unit": None, "lang": "fi"}


def test_values_are_the_statement_table_and_changes_the_significant_ones(pulse):
    f = ka.key_findings(pulse, period="2023-11")
    tab = ka.statement_table(pulse, current="2023-11", compare_to="2023-05").set_index("question")
    shown = tab["2023-11"].dropna()
    assert f.iloc[0]["value"] == shown.max() and f.iloc[0]["question"] == shown.idxmax()
    assert f.iloc[1]["value"] == shown.min() and f.iloc[1]["question"] == shown.idxmin()
    sig = tab[tab["significant"]]
    changes = f[f["kind"] == "change"]
    expected = sig["change"].abs().sort_values(ascending=False).index.tolist()
    assert changes["question"].tolist() == expected  # largest first, only significant ones
    for r in changes.itertuples(index=False):
        assert r.change == pytest.approx(tab.loc[r.question, "change"])
        assert r.p_adj == pytest.approx(tab.loc[r.question, "p_adj"]) and r.p_adj < 0.05
        assert "nousi" in r.sentence and "(5/2023) →" in r.sentence
    assert len(ka.key_findings(pulse, period="2023-11", n_changes=1).query("kind == 'change'")) == 1


def test_demo_round_in_english(pulse):
    f = ka.key_findings(pulse, period="2023-11", lang="en").set_index("kind", drop=False)
    assert f.loc["strongest", "sentence"] == (
        "The strongest statement was “I find my current work meaningful” (mean 4.6; 90% favourable)."
    )
    assert f.loc["response_rate", "sentence"] == (
        "The response rate was 81% (71 of 88); in the previous round (5/2023) it was 73%."
    )
    assert "rose significantly: 3.8 (5/2023) → 4.2 (11/2023)" in " ".join(f["sentence"])
    assert not re.search(r"\d,\d", " ".join(f["sentence"]))  # no decimal comma in English


def test_no_significant_change_is_said_once(pulse):
    f = ka.key_findings(pulse, period="2023-05", unit="Kalliolan Klinikka")
    assert "change" not in set(f["kind"])
    row = f[f["kind"] == "no_change"].iloc[0]
    assert "kyselystä 10/2022" in row["sentence"]
    en = ka.key_findings(pulse, period="2023-05", unit="Kalliolan Klinikka", lang="en")
    assert "No statement mean changed significantly since 10/2022" in " ".join(en["sentence"])


def test_first_round_has_no_changes_and_no_previous_rate(pulse):
    f = ka.key_findings(pulse, period="2022-10")
    assert f["kind"].tolist() == ["strongest", "weakest", "response_rate"]
    assert f.iloc[-1]["sentence"] == "Vastausprosentti oli 71 % (60/85)."
    assert f.attrs["compare_to"] is None


def test_hidden_unit_gives_no_figures(pulse):
    # Hallinto has 4 respondents in 5/2023: every figure of it is hidden
    for lang in ("fi", "en"):
        f = ka.key_findings(pulse, period="2023-05", unit="Hallinto", lang=lang)
        assert f["kind"].tolist() == ["hidden"]
        assert f[["value", "compare_value", "change"]].isna().all().all()
        assert re.findall(r"\d+", f.iloc[0]["sentence"]) == ["5"]  # only the threshold
    # in 11/2023 it is shown, but its 5/2023 rate stays hidden: no "previous round" sentence
    late = ka.key_findings(pulse, period="2023-11", unit="Hallinto")
    assert late.iloc[-1]["sentence"] == "Vastausprosentti oli 83 % (5/6)."
    assert "change" not in set(late["kind"])  # its 5/2023 means are hidden


def test_unit_hidden_to_protect_a_smaller_one_gives_no_figures(pulse):
    s = ka.likert_summary(pulse, by=["period", "unit"])
    protector = s[(s["period"] == "2023-05") & (s["suppressed"] == COMPLEMENTARY)]
    unit = str(protector["unit"].iloc[0])
    f = ka.key_findings(pulse, period="2023-05", unit=unit)
    shown = ka.statement_table(pulse, current="2023-05", unit=unit)
    hidden_qs = set(shown.loc[shown["2023-05"].isna(), "question"])
    assert not hidden_qs & set(f["question"].dropna())


def test_every_figure_in_a_finding_is_shown_by_the_library(pulse):
    # over every unit and round: a finding's value is a mean (or rate) the tables show
    for period in pulse.periods:
        for unit in [None, *pulse.units]:
            f = ka.key_findings(pulse, period=period, unit=unit)
            tab = ka.statement_table(pulse, current=period, unit=unit).set_index("question")
            for r in f[f["question"].notna()].itertuples(index=False):
                assert not np.isnan(tab.loc[r.question, period])
                assert r.value == tab.loc[r.question, period]
            rate = f[f["kind"] == "response_rate"]
            if len(rate):
                h = ka.headline_figures(pulse, period=period, unit=unit).set_index("figure")
                assert pd.isna(h.loc["response_rate", "suppressed"])
                assert rate["value"].iloc[0] == h.loc["response_rate", "value"]


def test_small_survey_hides_the_small_unit(rng):
    s = make_survey(rng)  # units of 20, 12 and 3
    assert ka.key_findings(s, period="2023-11", unit="C")["kind"].tolist() == ["hidden"]
    whole = ka.key_findings(s, period="2023-11", lang="en")
    assert {"strongest", "weakest", "response_rate"} <= set(whole["kind"])


def test_survey_without_invitations_has_no_rate():
    fb = ka.load_demo("feedback/digiperustaidot-2023")
    f = ka.key_findings(fb, period="2023-12")
    assert "response_rate" not in set(f["kind"]) and "strongest" in set(f["kind"])


def test_errors(pulse):
    with pytest.raises(ParameterError, match="period"):
        ka.key_findings(pulse, period="2024-01")
    with pytest.raises(ParameterError, match="unit"):
        ka.key_findings(pulse, period="2023-11", unit="Nobody")
    with pytest.raises(ParameterError, match="lang"):
        ka.key_findings(pulse, period="2023-11", lang="sv")
    with pytest.raises(ParameterError, match="n_changes"):
        ka.key_findings(pulse, period="2023-11", n_changes=-1)
    with pytest.raises(ParameterError, match="differ"):
        ka.key_findings(pulse, period="2023-11", compare_to="2023-11")

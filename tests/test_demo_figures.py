"""The shipped demo data reproduces every figure published in Kalliola's annual report 2023.

Source: Kalliola's annual report 2023 (Toimintakertomus 2023), summarised in
docs/sources.md. Each expected value below is copied as printed there (Finnish decimal
comma); the data's value is computed with plain pandas and rounded half up to the printed
decimals, so a mean that drifts by one rounding step fails.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kalliola_analysis as ka

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
FEEDBACK_SLUGS = (
    "kesapaivat-2023",
    "kickoff-2023",
    "esihenkiloiden-seminaari-2023",
    "digiperustaidot-2023",
)


def _read_csv(path: Path) -> pd.DataFrame:
    # Finnish Excel CSV: semicolon separated, UTF-8 with BOM
    return pd.read_csv(path, sep=";", encoding="utf-8-sig")


def _load(folder: Path) -> ka.Survey:
    # through the package's reader, as the reports load it
    return ka.read_survey(folder)


def _load_plain(folder: Path) -> ka.Survey:
    # the same files read with plain pandas, bypassing the reader's detection
    inv = folder / "invitations.csv"
    return ka.Survey(
        _read_csv(folder / "responses.csv"),
        _read_csv(folder / "codebook.csv"),
        _read_csv(inv) if inv.exists() else None,
        source=str(folder),
    )


@pytest.mark.parametrize("rel", ["pulse", *(f"feedback/{slug}" for slug in FEEDBACK_SLUGS)])
def test_reader_and_plain_pandas_agree(rel):
    via_reader, plain = _load(RAW / rel), _load_plain(RAW / rel)
    questions = plain.questions()
    assert via_reader.responses["response_id"].tolist() == plain.responses["response_id"].tolist()
    pd.testing.assert_frame_equal(
        via_reader.responses[questions].reset_index(drop=True),
        plain.responses[questions].reset_index(drop=True),
        check_dtype=False,
        check_categorical=False,
    )


def fi(value, decimals: int) -> str:
    """Round half up (as a printed report does) and write with a decimal comma."""
    f = Fraction(value)
    q = Decimal(f.numerator) / Decimal(f.denominator)  # 28 significant digits
    return str(q.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)).replace(".", ",")


def _exact_mean(col: pd.Series) -> Fraction:
    vals = col.dropna().astype(int)
    return Fraction(int(vals.sum()), len(vals))


@pytest.fixture(scope="module")
def pulse() -> ka.Survey:
    return _load(RAW / "pulse")


# Annual report 2023, pulse survey, first table ("11/2023 5/2023 10/2022"); the 10/2022
# work-life balance value is printed "4,1x" in the source, a typo for 4,1.
FIRST_TABLE = {
    "meaningful_work": ("4,6", "4,5", "4,5"),
    "skills_match": ("4,3", "4,1", "4,1"),
    "fair_treatment": ("3,9", "3,8", "3,6"),
    "manager_support": ("4,2", "3,8", "4,0"),
    "colleague_support": ("4,5", "4,5", "4,5"),
    "enthusiasm": ("4,5", "4,3", "4,2"),
    "work_life_balance": ("4,5", "4,1", "4,1"),
}
# Annual report 2023, pulse survey, second table ("5/2023 10/2022"); the last two
# statements were new in 5/2023 ("—" for 10/2022).
SECOND_TABLE = {
    "team_spirit": ("4,46", "4,16"),
    "professional_development": ("4,25", "3,65"),
    "internal_communication": ("3,54", None),
    "cross_unit_cooperation": ("3,38", None),
}

PUBLISHED_MEANS = [
    (q, period, printed)
    for q, values in FIRST_TABLE.items()
    for period, printed in zip(("2023-11", "2023-05", "2022-10"), values, strict=True)
] + [
    (q, period, printed)
    for q, values in SECOND_TABLE.items()
    for period, printed in zip(("2023-05", "2022-10"), values, strict=True)
    if printed is not None
]


def test_fi_rounds_half_up():
    # the helper itself: Python's round() would give 0.12 and 4.2 here
    assert fi(Fraction(125, 1000), 2) == "0,13"
    assert fi(Fraction(425, 100), 1) == "4,3"
    assert fi(4, 1) == "4,0"


@pytest.mark.parametrize(("question", "period", "printed"), PUBLISHED_MEANS)
def test_pulse_statement_means_match_the_annual_report(pulse, question, period, printed):
    r = pulse.responses
    col = r.loc[r["period"] == period, question]
    decimals = len(printed.split(",")[1])
    mean = _exact_mean(col)
    assert fi(mean, decimals) == printed
    # and safely inside the rounding interval, so any rounding rule prints the same
    half = Fraction(1, 2 * 10**decimals)
    assert abs(mean - Fraction(printed.replace(",", "."))) < half
    # the float mean pandas computes agrees
    assert fi(col.astype("Float64").mean(), decimals) == printed


def test_pulse_periods_and_staff(pulse):
    assert pulse.periods == ["2022-10", "2023-05", "2023-11"]
    inv = pulse.invitations
    invited = inv.groupby("period", observed=True)["invited"].sum()
    # "88 työntekijää" (annual report 2023): the staff invited in both 2023 rounds
    assert invited["2023-05"] == 88
    assert invited["2023-11"] == 88
    # five units named in the report
    assert set(inv["unit"].astype(str)) == {
        "Kalliolan Klinikka",
        "Kalliolan kansalaisopisto",
        "Koulutus- ja työllisyyspalvelut",
        "Järjestötoiminta",
        "Hallinto",
    }


def test_pulse_meaningful_work_ninety_percent(pulse):
    # "Kalliola lukuina" (annual report 2023, "*Perustuu vuoden 2023 lukuihin"):
    # "90 % pitää työtänsä merkityksellisenä" -- the latest 2023 round, 11/2023, whose
    # mean the pulse table prints as 4,6: answers 4-5 of those who answered
    r = pulse.responses
    col = r.loc[r["period"] == "2023-11", "meaningful_work"].dropna().astype(int)
    assert fi(Fraction(int((col >= 4).sum()), len(col)) * 100, 0) == "90"
    assert fi(_exact_mean(col), 1) == "4,6"
    assert col.value_counts().sort_index().to_dict() == {3: 7, 4: 14, 5: 50}
    # the same through the library, as the report and the strategy indicator show it
    s = ka.likert_summary(pulse, by="period", questions="meaningful_work").set_index("period")
    assert ka.format_percent(s.loc["2023-11", "favourable"]) == "90 %"
    assert ka.format_number(s.loc["2023-11", "mean"]) == "4,6"


@pytest.mark.parametrize(("period", "printed", "n"), [("2023-11", "81", 71), ("2023-05", "73", 64)])
def test_pulse_response_rates(pulse, period, printed, n):
    # "Vastausprosentti 81 % (11/2023) ja 73 % (5/2023)" of 88 staff
    r = pulse.responses
    responded = int((r["period"] == period).sum())
    invited = int(pulse.invitations.loc[pulse.invitations["period"] == period, "invited"].sum())
    assert responded == n
    assert fi(Fraction(100 * responded, invited), 0) == printed


@pytest.mark.parametrize(("period", "printed"), [("2023-11", "22,0"), ("2023-05", "20,8")])
def test_pulse_employer_nps(pulse, period, printed):
    # employer NPS 22,0 (11/2023) and 20,8 (5/2023):
    # 100 * (promoters 9-10 - detractors 0-6) / those who answered
    a = pulse.responses.loc[pulse.responses["period"] == period, "enps"].dropna().astype(int)
    nps = Fraction(100 * (int((a >= 9).sum()) - int((a <= 6).sum())), len(a))
    assert fi(nps, 1) == printed
    # not everyone answered the NPS question
    assert len(a) < int((pulse.responses["period"] == period).sum())


def test_pulse_questionnaire_changes(pulse):
    r = pulse.responses
    by = r.groupby("period", observed=True)
    answered = by[list(FIRST_TABLE) + list(SECOND_TABLE)].count()
    # the seven first-table statements were asked in every period
    assert (answered[list(FIRST_TABLE)] > 0).all().all()
    # team spirit and professional development: 10/2022 and 5/2023, not 11/2023
    for q in ("team_spirit", "professional_development"):
        assert answered.loc["2023-11", q] == 0
        assert answered.loc["2022-10", q] > 0 and answered.loc["2023-05", q] > 0
    # internal communication and cross-unit cooperation: new in 5/2023 only
    for q in ("internal_communication", "cross_unit_cooperation"):
        assert answered.loc["2023-05", q] > 0
        assert answered.loc["2022-10", q] == 0 and answered.loc["2023-11", q] == 0


def test_pulse_has_a_unit_below_the_anonymity_threshold(pulse):
    sizes = pulse.responses.groupby(["period", "unit"], observed=True).size()
    assert (sizes < 5).any()
    # but the unit reaches the threshold in some other period
    assert (sizes.xs("Hallinto", level="unit") >= 5).any()


def test_pulse_free_text_is_realistic(pulse):
    text = pulse.responses["comments"].dropna()
    share = len(text) / len(pulse.responses)
    assert 0.3 <= share <= 0.4
    # untrusted text for the escaping code: markup characters and quotes occur
    assert text.str.contains('[<>&"]', regex=True).sum() >= 3
    # exactly one comment carries a (made-up) phone number, for pseudonymisation
    assert text.str.contains(r"\b0\d{2} ?\d{3} ?\d{4}\b", regex=True).sum() == 1
    # mostly distinct texts
    assert text.value_counts().max() <= 3
    assert text.nunique() >= len(text) - 4


def test_pulse_units_differ_plausibly(pulse):
    r = pulse.responses
    wlb = r.groupby("unit", observed=True)["work_life_balance"].mean()
    assert wlb.idxmin() == "Kalliolan Klinikka"
    sd = r.groupby("period", observed=True)[list(FIRST_TABLE)].std()
    assert ((sd > 0.5) & (sd < 1.0)).all().all()


# Annual report 2023: "Kesäpäivien palautekysely: 4,3/5", "Syksyn Kick Off palautekysely:
# 4/5", managers' retreat 22.-23.8 "Palaute arvosana ... 3,9/5", and
# "Digiperustaitojen koulutuksien osallistujista 4,4/5 koki oppineensa uutta".
# The kick-off's "4/5" is printed without decimals; the data keeps one (4,0).
FEEDBACK = [
    ("kesapaivat-2023", "overall", "4,3"),
    ("kickoff-2023", "overall", "4,0"),
    ("esihenkiloiden-seminaari-2023", "overall", "3,9"),
    ("digiperustaidot-2023", "learned", "4,4"),
]


@pytest.mark.parametrize(("slug", "question", "printed"), FEEDBACK)
def test_feedback_means_match_the_annual_report(slug, question, printed):
    s = _load(RAW / "feedback" / slug)
    assert fi(_exact_mean(s.responses[question]), 1) == printed


def test_feedback_retreat_schedule_was_criticised():
    # "huonona liian kireää aikataulua": the schedule item is the retreat's lowest
    s = _load(RAW / "feedback" / "esihenkiloiden-seminaari-2023")
    means = s.responses[s.questions("likert")].astype("Float64").mean()
    assert means.idxmin() == "schedule"
    assert means["schedule"] < 3
    assert int(s.invitations["invited"].sum()) == 14


def test_feedback_folders_are_complete():
    import tomllib

    for slug in FEEDBACK_SLUGS:
        meta = tomllib.loads((RAW / "feedback" / slug / "dataset.toml").read_text("utf-8"))
        assert meta["kind"] == "feedback"
        assert meta["slug"] == slug
        assert meta["title_fi"] and meta["title_en"]
    meta = tomllib.loads((RAW / "pulse" / "dataset.toml").read_text("utf-8"))
    assert (meta["kind"], meta["title_fi"], meta["title_en"]) == (
        "pulse",
        "Henkilöstön pulssikysely",
        "Staff pulse survey",
    )


def test_all_staff_events_invite_88():
    for slug in ("kesapaivat-2023", "kickoff-2023"):
        s = _load(RAW / "feedback" / slug)
        assert int(s.invitations["invited"].sum()) == 88


# -- the generator's exact method (tools/demo/_common.py) ------------------------------


def _common():
    import importlib.util
    import sys

    name = "_demo_common_under_test"
    if name not in sys.modules:
        path = Path(__file__).resolve().parents[1] / "tools" / "demo" / "_common.py"
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


@given(
    n=st.integers(min_value=8, max_value=120),
    hundredths=st.integers(min_value=150, max_value=480),
    decimals=st.sampled_from([1, 2]),
    skips=st.integers(min_value=0, max_value=3),
)
@settings(max_examples=200, deadline=None)
def test_generator_counts_reproduce_any_printed_mean(n, hundredths, decimals, skips):
    c = _common()
    value = Fraction(hundredths, 100) if decimals == 2 else Fraction(round(hundredths / 10), 10)
    printed = f"{float(value):.{decimals}f}".replace(".", ",")
    try:
        m, total = c.pick_answered(n, printed, skips)
    except ValueError:
        # allowed only when brute force confirms that no count the generator may
        # use (n - skips - 6 ... n) has an integer sum strictly inside the interval
        half = Fraction(1, 2 * 10**decimals)
        for m in range(max(1, n - skips - 6), n + 1):
            assert not any(
                value - half < Fraction(s, m) < value + half
                for s in range(int((value - half) * m), int((value + half) * m) + 2)
            ), f"{m} answers could print {printed}"
        return
    assert 0 < m <= n
    counts = c.counts_for_sum(m, total, sd=0.8)
    assert counts.sum() == m and (counts >= 0).all()
    mean = Fraction(int(counts @ np.arange(1, 6)), m)
    assert fi(mean, decimals) == printed
    assert abs(mean - value) < Fraction(1, 2 * 10**decimals)  # never on a boundary

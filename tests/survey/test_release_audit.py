"""The audit of a survey's release (audit_release, check_release): the demo data, a broken
decision caught before anything is written, and random organisations."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kalliola_analysis as ka
from kalliola_analysis.cli import main
from kalliola_analysis.errors import DisclosureError, KalliolaError, ParameterError
from kalliola_analysis.survey.release_audit import check_release, release_tables


def _row(result: pd.DataFrame, **where) -> pd.Series:
    mask = np.ones(len(result), dtype=bool)
    for k, v in where.items():
        mask &= (result[k] == v).fillna(False).to_numpy(bool)
    assert mask.sum() == 1, result
    return result[mask].iloc[0]


def test_audit_release_on_the_demo_data_finds_nothing_exposed():
    pulse = ka.load_demo("pulse")
    got = ka.audit_release(pulse)
    assert not got["exposed"].any()
    assert {"period", "unit", "tenure", "question"} <= set(got.columns)
    hall = got[(got["unit"] == "Hallinto") & (got["question"] == "(responses)")]
    assert set(hall["period"]) == {"2022-10", "2023-05"}
    assert (hall["count_high"] >= 5).all()


def test_audit_release_checks_its_breakdowns():
    with pytest.raises(ParameterError, match="breakdowns"):
        ka.audit_release(ka.load_demo("pulse"), breakdowns=["nope"])


def _primary_only(monkeypatch):
    """Break the suppression decision: hide small groups but never their complements."""
    from kalliola_analysis.privacy import complementary as privacy

    def primary(n, skip, seed, parents, rank, min_n):
        reason = np.where((n < min_n) & ~skip, privacy.FEWER_THAN.format(min_n=min_n), "")
        if seed is not None:
            reason = np.where(seed != "", seed, reason)
        return reason.astype(object)

    monkeypatch.setattr(privacy, "_node_reasons", primary)


def test_a_broken_decision_is_caught(monkeypatch):
    _primary_only(monkeypatch)
    got = ka.audit_release(ka.load_demo("pulse"), breakdowns=["unit"])
    hall = _row(got, period="2022-10", unit="Hallinto", question="(responses)")
    assert (hall.count_low, hall.count_high) == (4, 4) and hall.exposed
    with pytest.raises(DisclosureError, match="Hallinto") as err:
        check_release(ka.demo_path("pulse"), breakdowns=["unit"])
    assert err.value.period == "2022-10" and isinstance(err.value, KalliolaError)


def test_run_all_stops_before_writing_anything(monkeypatch, tmp_path):
    from kalliola_analysis.reports import batch

    _primary_only(monkeypatch)
    out = tmp_path / "out"
    with pytest.raises(DisclosureError, match="nothing was written"):
        batch.run_all(ka.demo_path("pulse"), out=out, jobs=1, progress=False)
    assert not out.exists()


def test_cli_audits_a_data_set(capsys):
    assert main(["audit", str(ka.demo_path("pulse")), "--by", "unit"]) == 0
    assert "0 exposed" in capsys.readouterr().out


@st.composite
def organisations(draw):
    """Random organisations: units x periods x one background column, some values missing."""
    n_units = draw(st.integers(2, 5))
    n_periods = draw(st.integers(1, 2))
    sizes = draw(
        st.lists(st.integers(0, 12), min_size=n_units * n_periods, max_size=n_units * n_periods)
    )
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    rows = []
    periods = ["2023-05", "2023-11"][:n_periods]
    for k, size in enumerate(sizes):
        for _ in range(max(size, 1)):
            rows.append(
                {
                    "period": periods[k % n_periods],
                    "unit": f"U{k // n_periods}",
                    "tenure": rng.choice(["T0", "T1", None], p=[0.5, 0.4, 0.1]),
                    "q1": int(rng.integers(1, 6)),
                    "q2": int(rng.integers(1, 6)) if rng.random() > 0.2 else None,
                    "enps": int(rng.integers(0, 11)),
                }
            )
    frame = pd.DataFrame(rows)
    frame.insert(0, "response_id", [f"r{i}" for i in range(len(frame))])
    got = frame.groupby(["period", "unit"]).size()
    inv = pd.DataFrame(
        [{"period": p, "unit": u, "invited": int(v) + 2} for (p, u), v in got.items()]
    )
    cb = pd.DataFrame(
        {
            "question": ["q1", "q2", "enps"],
            "text_fi": ["a", "b", "c"],
            "text_en": ["a", "b", "c"],
            "type": ["likert", "likert", "nps"],
            "scale_min": [1, 1, None],
            "scale_max": [5, 5, None],
        }
    )
    return ka.Survey(frame, cb, inv)


def _survey(units, tenure, answers):
    frame = pd.DataFrame(
        {
            "response_id": [f"r{i}" for i in range(len(units))],
            "period": "2023-11",
            "unit": units,
            "tenure": tenure,
            "q2": answers,
        }
    )
    got = frame.groupby("unit").size()
    inv = pd.DataFrame({"period": "2023-11", "unit": got.index, "invited": got.to_numpy() + 2})
    cb = pd.DataFrame(
        {
            "question": ["q2"],
            "text_fi": ["b"],
            "text_en": ["b"],
            "type": ["likert"],
            "scale_min": [1],
            "scale_max": [5],
        }
    )
    return ka.Survey(frame, cb, inv)


def _exposing_organisation():
    """The random organisation on which the audit found what the per-table decision misses."""
    units = ["U0"] * 10 + ["U1"] * 4 + ["U2"] + ["U3"] * 7 + ["U4"]
    tenure = [
        "T0",
        "T0",
        "T0",
        "T1",
        "T1",
        "T1",
        None,
        None,
        "T0",
        "T1",
        "T1",
        "T0",
        None,
        "T1",
        "T0",
        "T1",
        "T0",
        "T1",
        "T1",
        None,
        "T0",
        None,
        "T0",
    ]
    answers = [None, 5, 4, 1, 5, 3, 2, 2, None, 1, 1, 2, 5, 1, 1, 5, 5, 3, 3, 5, 5, 3, 3]
    return _survey(units, tenure, answers)


def test_the_audit_finds_what_the_per_table_decision_misses():
    # Found by the audit on a random organisation (issue 9): the decision hides U1, U2
    # and U4 (6 answers together) and shows every tenure group; with the means of the
    # units and of the tenure groups, U2 (only T0 staff) and U4 have at most 4 answers.
    # Counts alone leave 6; the means are what narrows it.
    survey = _exposing_organisation()
    got = ka.audit_release(survey)
    u2 = _row(got, unit="U2", question="q2")
    assert (u2.count_low, u2.count_high) == (0, 4) and u2.exposed
    counts_only = ka.audit_tables(
        [
            t.drop(columns="mean", errors="ignore")
            for t in release_tables(survey, ["unit", "tenure"], 5)
        ],
        atoms=_atoms(survey),
    )
    assert not counts_only["exposed"].any()


def _atoms(survey):
    cols = ["period", "unit", "tenure"]
    r = survey.responses[cols]
    return r.astype(object).where(r.notna(), ka.NOT_STATED).drop_duplicates()


@settings(max_examples=20)
@given(organisations())
def test_the_counts_of_a_release_of_random_organisations_are_safe(survey):
    # The shared decision keeps every hidden count >= min_n against all count
    # tables together (the means can narrow it further: see the test above).
    tables = [
        t.drop(columns="mean", errors="ignore")
        for t in release_tables(survey, ["unit", "tenure"], 5)
    ]
    got = ka.audit_tables(tables, atoms=_atoms(survey))
    bad = got[got["exposed"]]
    assert bad.empty, bad.to_string()


def test_decision_mode_and_plain_linprog_agree_with_the_exact_audit(monkeypatch):
    from kalliola_analysis.privacy import _audit_lp
    from kalliola_analysis.survey.release_audit import _audit_release

    survey = _exposing_organisation()
    exact = ka.audit_release(survey)
    decided = _audit_release(survey, ["unit", "tenure"], 5, decide=True)
    assert decided["exposed"].tolist() == exact["exposed"].tolist()
    known = decided["count_high"].notna()
    assert known.sum() >= exact["exposed"].sum()  # exact bounds where it could not prove safety
    pd.testing.assert_frame_equal(decided[known], exact[known])
    monkeypatch.setattr(_audit_lp, "_highs_core", lambda: None)  # linprog for every LP
    pd.testing.assert_frame_equal(ka.audit_release(survey), exact)
    pulse = ka.load_demo("pulse")
    assert not _audit_release(pulse, ["unit", "tenure"], 5, decide=True)["exposed"].any()


def test_the_benchmark_organisation_is_audited():
    # benchmarks/audit.py runs end to end at a small size (no timing asserted)
    import sys
    from pathlib import Path

    root = str(Path(__file__).resolve().parents[2])
    if root not in sys.path:
        sys.path.insert(0, root)
    from benchmarks.audit import organisation

    survey = organisation(units=6, periods=2)
    assert survey.periods == ["2022-05", "2022-11"] and survey.background == ["gender", "age"]
    got = ka.audit_release(survey)
    assert not got["exposed"].any() and len(got) > 0

"""Report options are checked before any notebook runs (fast: no kernel is started)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import hypothesis.strategies as st
import pandas as pd
import pytest
from conftest import contract_responses, write_survey_folder
from hypothesis import given

import kalliola_analysis as ka
from kalliola_analysis import cli
from kalliola_analysis.errors import ParameterError
from kalliola_analysis.reports import params, registry, runner
from kalliola_analysis.reports.provenance import data_checksum, provenance_html

INJECTION = "2023-11'); import os; os.system('x')#"
QUOTED_UNIT = 'O\'Brien "A" \\ yksikkö'


@pytest.fixture
def quoted_unit_survey(tmp_path) -> Path:
    r = contract_responses()
    r["unit"] = [QUOTED_UNIT, "Klinikka", QUOTED_UNIT, "Klinikka"]
    inv = pd.DataFrame(
        {"period": ["2023-11"] * 2, "unit": [QUOTED_UNIT, "Klinikka"], "invited": [3, 4]}
    )
    return write_survey_folder(tmp_path / "data" / "pulse", r, invitations=inv)


# --- parameter names and values -------------------------------------------------------------


def test_known_names_and_plain_values_pass():
    got = params.check_parameters(
        {"period": "2023-11", "min_n": 5, "unit": None, "x": 1.5, "b": True},
        ["period", "min_n", "unit", "x", "b"],
    )
    assert got == {"period": "2023-11", "min_n": 5, "unit": None, "x": 1.5, "b": True}


@pytest.mark.parametrize(
    "name", ["perio", "os.system('x')", "period = 1; import os\nperiod", "", "1period", "pé riod"]
)
def test_unknown_or_code_like_names_are_rejected(name):
    with pytest.raises(ParameterError, match="unknown report parameter"):
        params.check_parameters({name: "2023-11"}, ["period"])


@pytest.mark.parametrize("value", [["a"], {"a": 1}, b"x", pd.Timestamp("2023-11-01"), object()])
def test_non_plain_values_are_rejected(value):
    with pytest.raises(ParameterError, match="must be a str, int, float, bool or None"):
        params.check_parameters({"unit": value}, ["unit"])


def test_non_finite_and_nul_values_are_rejected():
    with pytest.raises(ParameterError, match="finite"):
        params.check_parameters({"x": float("nan")}, ["x"])
    with pytest.raises(ParameterError, match="cannot be passed safely"):
        params.check_parameters({"unit": "a\x00b"}, ["unit"])


@pytest.mark.parametrize(
    "value", [QUOTED_UNIT, INJECTION, '"; import os #', "a\\", "\\\"'''", "rivi\nrivi", "ä€😀"]
)
def test_string_values_reach_the_notebook_as_the_same_string(value):
    """What papermill writes into the injected cell evaluates to exactly the value."""
    import ast

    from papermill.translators import PythonTranslator

    assert params.check_parameters({"unit": value}, ["unit"]) == {"unit": value}
    source = PythonTranslator.codify({"unit": value})
    tree = ast.parse(source)
    assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Assign)
    assert ast.literal_eval(tree.body[0].value) == value


# --- values against the data -----------------------------------------------------------------


def test_defaults_are_the_latest_period_and_the_one_before():
    got = params.resolve_report_parameters("pulse", ka.demo_path("pulse"))
    assert got["period"] == "2023-11" and got["compare_to"] == "2023-05"
    assert got["lang"] == "fi" and got["min_n"] == 5 and got["unit"] is None
    assert Path(got["data_path"]).is_absolute()
    first = params.resolve_report_parameters("pulse", ka.demo_path("pulse"), period="2022-10")
    assert first["compare_to"] is None


@pytest.mark.parametrize("bad", [INJECTION, "2024-05", "11/2023", "2023-13", 202311, None])
def test_a_period_the_data_does_not_hold_lists_the_available(bad):
    if bad is None:  # None means "the latest" for period; test it as compare_to instead
        return
    with pytest.raises(ParameterError) as err:
        params.resolve_report_parameters("pulse", ka.demo_path("pulse"), period=bad)
    assert "['2022-10', '2023-05', '2023-11']" in str(err.value)


def test_compare_to_must_be_held_and_earlier():
    pulse = ka.demo_path("pulse")
    with pytest.raises(ParameterError, match="compare_to must be a period before '2023-05'"):
        params.resolve_report_parameters("pulse", pulse, period="2023-05", compare_to="2023-11")
    with pytest.raises(ParameterError, match="compare_to must be a period before"):
        params.resolve_report_parameters("pulse", pulse, period="2023-05", compare_to="2023-05")
    with pytest.raises(ParameterError, match="compare_to '2021-01' is not in the data"):
        params.resolve_report_parameters("pulse", pulse, compare_to="2021-01")
    got = params.resolve_report_parameters("pulse", pulse, compare_to="2022-10")
    assert got["compare_to"] == "2022-10"


def test_unit_lang_and_min_n():
    pulse = ka.demo_path("pulse")
    with pytest.raises(ParameterError, match=r"unit must be one of \['Hallinto'"):
        params.resolve_report_parameters("pulse", pulse, unit="Klinikka'); x('")
    with pytest.raises(ParameterError, match="lang must be one of"):
        params.resolve_report_parameters("pulse", pulse, lang="sv")
    for bad in (0, -1, 2.5, "5", True):
        with pytest.raises(ParameterError, match="min_n"):
            params.resolve_report_parameters("pulse", pulse, min_n=bad)
    got = params.resolve_report_parameters("pulse", pulse, unit="Kalliolan Klinikka", min_n=7)
    assert got["unit"] == "Kalliolan Klinikka" and got["min_n"] == 7


def test_a_valid_unit_with_quotes_is_accepted(quoted_unit_survey):
    # two answers per unit: reportable only with a (lowered) threshold of 2
    got = params.resolve_report_parameters("pulse", quoted_unit_survey, unit=QUOTED_UNIT, min_n=2)
    assert got["unit"] == QUOTED_UNIT


def test_a_unit_hidden_in_the_period_gets_no_unit_report():
    pulse = ka.demo_path("pulse")
    # Hallinto has fewer than 5 answers in 5/2023; Järjestötoiminta is hidden to protect it
    for unit in ("Hallinto", "Järjestötoiminta"):
        with pytest.raises(ParameterError, match=f"unit '{unit}' cannot be reported for period"):
            params.resolve_report_parameters("pulse", pulse, period="2023-05", unit=unit)
    assert params.resolve_report_parameters("pulse", pulse, period="2023-11", unit="Hallinto")
    # a lower threshold shows it (and is warned about when a report is run)
    assert (
        params.resolve_report_parameters(
            "pulse", pulse, period="2023-05", unit="Hallinto", min_n=2
        )["unit"]
        == "Hallinto"
    )
    assert registry.reportable_units(pulse)["2023-05"] == [
        "Kalliolan Klinikka",
        "Kalliolan kansalaisopisto",
        "Koulutus- ja työllisyyspalvelut",
    ]


def test_data_must_exist_and_be_of_the_kind(tmp_path):
    with pytest.raises(ParameterError, match="does not exist"):
        runner.run_report("pulse", data=tmp_path / "ei-ole", out=tmp_path)
    feedback = ka.demo_path("feedback") / "kesapaivat-2023"
    with pytest.raises(ParameterError, match="no pulse data set"):
        runner.run_report("pulse", data=feedback, out=tmp_path)
    with pytest.raises(ParameterError, match="is of kind 'feedback', not 'pulse'"):
        params.resolve_report_parameters("pulse", feedback)
    with pytest.raises(ParameterError, match="kind must be one of"):
        runner.run_report("payroll", data=ka.demo_path("pulse"), out=tmp_path)


def test_run_report_rejects_injection_before_any_output(tmp_path):
    with pytest.raises(ParameterError, match="period must be a month written YYYY-MM"):
        runner.run_report("pulse", data=ka.demo_path("pulse"), period=INJECTION, out=tmp_path)
    with pytest.raises(ParameterError, match="timeout"):
        runner.run_report("pulse", data=ka.demo_path("pulse"), timeout=0, out=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_several_data_sets_need_a_choice(tmp_path):
    root = ka.demo_path("feedback")
    with pytest.raises(ParameterError, match="choose one with dataset="):
        runner.run_report("feedback", data=root, out=tmp_path)
    with pytest.raises(ParameterError, match="dataset 'ei-ole' not found"):
        runner.run_report("feedback", data=root, dataset="ei-ole", out=tmp_path)
    (folder,) = params.resolve_dataset("feedback", root, "kesapaivat-2023")
    assert folder.name == "kesapaivat-2023"


# --- registry ----------------------------------------------------------------------------------


def test_find_reports_lists_every_kind_data_set_and_period():
    found = registry.find_reports(ka.demo_path("pulse").parent)
    pulse = [(r.kind, r.period) for r in found if r.kind == "pulse"]
    assert pulse == [("pulse", "2022-10"), ("pulse", "2023-05"), ("pulse", "2023-11")]
    feedback = {r.dataset.name: r.period for r in found if r.kind == "feedback"}
    assert feedback["kesapaivat-2023"] == "2023-06"
    assert len(feedback) == len(registry.find_datasets(ka.demo_path("feedback"), "feedback"))


def test_a_new_report_type_is_one_entry(monkeypatch, tmp_path):
    monkeypatch.setattr(registry, "REPORT_TYPES", dict(registry.REPORT_TYPES))
    registry.register_report_type(
        registry.ReportType("testi", "testi.ipynb", lambda f: ["2023-11"])
    )
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "dataset.toml").write_text('kind = "testi"\n', encoding="utf-8")
    assert registry.find_reports(tmp_path) == [registry.ReportInstance("testi", folder, "2023-11")]
    # the runner checks periods (and units) with the type's own functions, not a survey reader
    got = params.resolve_report_parameters("testi", folder)
    assert got["period"] == "2023-11" and got["compare_to"] is None
    with pytest.raises(ParameterError, match="the testi report has no unit option"):
        params.resolve_report_parameters("testi", folder, unit="Hallinto")


def test_notebooks_dir_is_found_at_call_time(monkeypatch, tmp_path):
    found = registry.find_notebooks_dir()
    assert (found / "pulse_report.ipynb").is_file()
    mine = tmp_path / "nb"
    mine.mkdir()
    shutil.copy(found / "pulse_report.ipynb", mine)
    monkeypatch.setenv("KALLIOLA_NOTEBOOKS", str(mine))
    assert registry.find_notebooks_dir() == mine
    assert registry.find_notebooks_dir(found) == found
    with pytest.raises(ParameterError, match="is not a folder"):
        registry.find_notebooks_dir(tmp_path / "ei-ole")


def test_report_names():
    fb = ka.demo_path("feedback") / "kesapaivat-2023"
    pulse = ka.demo_path("pulse")
    assert runner.report_name("pulse", pulse) == "pulse"
    assert runner.report_name("feedback", fb) == "feedback-kesapaivat-2023"
    assert runner.report_name("feedback", fb, lang="en") == "feedback-kesapaivat-2023.en"
    assert runner.report_name("pulse", pulse, QUOTED_UNIT) == "pulse.unit-o-brien-a-yksikko"
    assert runner.report_name("pulse", pulse, lang="en") == "pulse.en"
    assert runner.report_name("pulse", pulse, compare_to="2022-10") == "pulse.compare-2022-10"
    assert runner.report_name("pulse", pulse, min_n=3) == "pulse.min-n-3"
    assert (
        runner.report_name("pulse", pulse, "Hallinto", lang="en", compare_to="2022-10", min_n=3)
        == "pulse.unit-hallinto.compare-2022-10.min-n-3.en"
    )


COLLIDING = [
    "Tiimi A",
    "tiimi-a",
    "Äänekoski",
    "Aanekoski",
    "Отдел продаж",
    "Отдел кадров",
    "培训部",
    "人力资源",
    "Hallinto",
    "   ",
    "Tiimi  A!",
]


def test_unit_slugs_are_unique_and_stable():
    slugs = registry.unit_slugs(COLLIDING)
    assert len(set(slugs.values())) == len(COLLIDING)  # no report replaces another's
    assert slugs["Hallinto"] == "hallinto"  # a readable name that is unique stays readable
    for name in ("Tiimi A", "tiimi-a", "Tiimi  A!"):
        assert slugs[name].startswith("tiimi-a-") and len(slugs[name]) == len("tiimi-a-") + 8
    assert slugs["Äänekoski"] != slugs["Aanekoski"]
    import hashlib

    for name in ("Отдел продаж", "培训部", "   "):
        assert slugs[name] == hashlib.sha256(name.encode()).hexdigest()[:8]
    # the same data set gives the same names, in any order
    assert registry.unit_slugs(list(reversed(COLLIDING))) == slugs
    names = {
        runner.report_name("pulse", ka.demo_path("pulse"), u, units=COLLIDING) for u in COLLIDING
    }
    assert len(names) == len(COLLIDING)
    assert all(n.replace(".", "").replace("-", "").isalnum() for n in names)


@given(st.lists(st.text(min_size=1, max_size=12), min_size=1, max_size=12, unique=True))
def test_unit_slugs_are_unique_for_any_names(units):
    slugs = registry.unit_slugs(units)
    assert len(set(slugs.values())) == len(units)
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", s) for s in slugs.values())


# --- provenance ----------------------------------------------------------------------------------


def test_checksum_changes_with_the_data(tmp_path):
    copy = shutil.copytree(ka.demo_path("pulse"), tmp_path / "pulse")
    before, n = data_checksum(copy)
    assert before == data_checksum(ka.demo_path("pulse"))[0] and n >= 3
    with open(copy / "responses.csv", "a", encoding="utf-8") as f:
        f.write("\n")
    assert data_checksum(copy)[0] != before


def test_provenance_html_escapes_parameters():
    html = provenance_html({"version": "1", "parameters": {"unit": "<img src=x>"}}, lang="fi")
    assert "Tietoja raportista" in html and "<img" not in html


# --- command line (validation errors only: no kernel) ------------------------------------------


def test_cli_reports_bad_options_without_traceback(capsys, tmp_path):
    code = cli.main(
        [
            "report",
            "pulse",
            "--data",
            str(ka.demo_path("pulse")),
            "--period",
            INJECTION,
            "--out",
            str(tmp_path),
        ]
    )
    assert code == 1
    err = capsys.readouterr().err
    assert "period must be a month written YYYY-MM" in err and "Traceback" not in err
    assert cli.main(["report", "feedback", "--data", str(tmp_path / "ei-ole")]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert cli.main(["report", "all", "--jobs", "0"]) == 2  # argparse's usage error
    assert "--jobs: must be >= 1, got 0" in capsys.readouterr().err

"""A unit report, executed: the unit beside the whole organisation, never another unit.

Slow (each test runs the pulse notebook through Papermill). The tidy tables behind the same
report are checked without a kernel in ``tests/survey/test_unit_tables.py``.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

import kalliola_analysis as ka
from kalliola_analysis.errors import ParameterError
from kalliola_analysis.reports import runner

UNIT = "Kalliolan Klinikka"
# 5/2023: Hallinto (4 respondents) and a unit protecting it are hidden; the organisation's
# report names them in its methods note, a unit report must not
PERIOD = "2023-05"


def _text(html: str) -> str:
    body = html[html.index("<body") :]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


@pytest.fixture(scope="module")
def unit_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("unit-report")
    raw = ka.demo_path("pulse").parent
    return runner.run_report(
        "pulse", data=raw, period=PERIOD, unit=UNIT, lang="en", out=out, timeout=300
    )


@pytest.mark.slow
def test_unit_report_names_no_other_unit(unit_report):
    # text, tables and methods note; the figures are drawn from unit_and_organisation()
    # frames, whose rows test_unit_tables.py checks
    html = unit_report.html.read_text(encoding="utf-8")
    pulse = ka.load_demo("pulse")
    others = [u for u in pulse.units if u != UNIT]
    assert [u for u in others if u in html] == []
    for table in unit_report.tables:
        if table.suffix == ".csv":
            content = table.read_text(encoding="utf-8")
            assert [u for u in others if u in content] == [], table.name


@pytest.mark.slow
def test_unit_report_shows_the_unit_beside_the_whole_organisation(unit_report):
    text = _text(unit_report.html.read_text(encoding="utf-8"))
    pulse = ka.load_demo("pulse")
    assert f"Pulse survey 5/2023: {UNIT}" in text
    assert "Whole organisation 5/2023" in text and "Change vs 10/2022" in text
    # the statements' explanation is printed under the table
    assert "– = statement not asked" in text
    # the organisation's figures are the library's
    whole = ka.headline_figures(pulse, period=PERIOD).set_index("figure")
    assert round(whole.loc["enps", "value"], 1) == 20.8 and "20.8" in text
    mine = ka.headline_figures(pulse, period=PERIOD, unit=UNIT).set_index("figure")
    assert f"Responses {int(mine.loc['responses', 'value'])}" in text
    # no heatmap of every unit in a unit report
    assert "Statements by unit" not in text
    # the unit's comments are shown: its list cannot be narrowed to a smaller unit
    assert ka.comment_groups(pulse, period=PERIOD).set_index("unit").loc[UNIT, "shown"]
    assert '<ul class="comments">' in unit_report.html.read_text(encoding="utf-8")
    # the figures: the unit and the whole organisation, each named in its alternative text;
    # no heatmap of every unit; the unit against the rest of the organisation instead (five
    # figures in the organisation's report, seven here)
    html = unit_report.html.read_text(encoding="utf-8")
    alts = re.findall(r'<img[^>]*\balt="([^"]*)"', html)
    assert len(alts) == 7, alts
    assert "The unit against the rest of the organisation" in alts
    for title in ("Trend by survey round", "Employer Net Promoter Score 5/2023"):
        assert {f"{title}: {UNIT}", f"{title}: Whole organisation"} <= set(alts), alts
    statements = [t for t in unit_report.tables if t.name == "statements.data.csv"]  # tidy
    assert statements and "organisation" in pd.read_csv(statements[0]).columns


@pytest.mark.slow
def test_a_hidden_unit_gets_no_report(tmp_path):
    # issue 9.6: a unit hidden in a period gets no report for it; the notebook itself stops
    # (test_reports_run used to expect a report of "hidden" cells, which showed what the
    # organisation's report protects)
    raw = ka.demo_path("pulse").parent
    # refused before any notebook runs (the runner's parameter check reads ka.reportable_units)
    with pytest.raises(ParameterError, match=r"'Hallinto' cannot be reported for period '2023-05'"):
        runner.run_report("pulse", data=raw, period="2023-05", unit="Hallinto", out=tmp_path)
    assert not list(tmp_path.rglob("*.html"))
    # and the notebook itself stops too, should it be run by hand (papermill, JupyterLab)
    with pytest.raises(ParameterError, match=r"'Hallinto' in 5/2023.*fewer than 5 answers"):
        ka.check_unit_report(ka.load_demo("pulse"), period="2023-05", unit="Hallinto")

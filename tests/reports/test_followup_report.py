"""The follow-up report: its notebook runs on the demo data into offline, escaped HTML.

The notebook-executing tests are ``slow`` (each starts a kernel).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import nbformat
import pandas as pd
import pytest

import kalliola_analysis as ka
from kalliola_analysis.followup.data import prepare_followup
from kalliola_analysis.followup.indicator_data import prepare_indicators
from kalliola_analysis.reports import export, params, registry, runner

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "notebooks" / "followup_report.ipynb"


def html_text(html: str) -> str:
    html = re.sub(r"<style.*?</style>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture(scope="module")
def processed(tmp_path_factory) -> Path:
    """The demo follow-up and indicators prepared as the ``prepare`` step does."""
    root = tmp_path_factory.mktemp("processed")
    prepare_followup(ka.demo_path("followup"), root / "followup")
    prepare_indicators(ka.demo_path("indicators"), root / "indicators")
    return root


def test_notebook_is_thin_stored_without_outputs_and_declares_the_runner_parameters():
    nb = nbformat.read(str(NOTEBOOK), as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1 and nb.cells[0] is tagged[0]
    assert all(
        not c.get("outputs") and c.get("execution_count") is None
        for c in nb.cells
        if c.cell_type == "code"
    )
    declared = params.notebook_parameters(NOTEBOOK)
    assert {"data_path", "period", "compare_to", "lang", "min_n", "output_dir"} <= set(declared)
    source = "\n".join(c.source for c in nb.cells)
    assert "read_csv" not in source and "open(" not in source  # data only through the library
    assert "kr.show_provenance" in source


def _execute(tmp_path: Path, data: Path, **overrides) -> tuple[str, Path]:
    values = {
        "data_path": str(data),
        "period": "2023-11",
        "compare_to": "2023-05",
        "lang": "fi",
        "min_n": 5,
        "output_dir": str(tmp_path / "tables"),
    }
    values.update(overrides)
    values = params.check_parameters(values, params.notebook_parameters(NOTEBOOK))
    executed = runner.execute_notebook(
        NOTEBOOK, tmp_path / "followup.ipynb", values, timeout=300, cwd=tmp_path
    )
    return export.notebook_to_html(executed, lang=values["lang"]), tmp_path / "tables"


@pytest.mark.slow
def test_report_html_has_every_section_tables_and_no_external_resources(tmp_path, processed):
    html, tables = _execute(tmp_path, processed / "followup")
    text = html_text(html)
    for heading in (
        "Toimenpiteiden seuranta 11/2023",
        "Liikennevalot teemoittain",
        "Muutokset edellisestä seurannasta (5/2023)",
        "Strategian mittarit",
        "Tietoja raportista",
    ):
        assert heading in text
    assert "Kaikki teemat 28 (60 %) 13 (28 %) 3 (6 %) 1 (2 %) 2 (4 %) 47" in text
    assert "▲ Edistynyt" in text and "▼ Heikentynyt" in text
    assert "● Tavoitteessa" in text and "◆ Jäljessä" in text
    assert "▲ Jäljessä" not in text  # ▲ means improved in every table (issue 11)
    assert "background-color: #1b7837" in html  # colour AND the symbol + word above
    assert html.count("data:image/png;base64,") == 2  # bar chart and sparklines, embedded
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=[\"']https?:", html)
    names = sorted(p.name for p in tables.iterdir())
    for stem in (
        "status-by-theme",
        "measures",
        "changes",
        "transitions",
        "open-measures",
        "indicators",
    ):
        assert f"{stem}.csv" in names and f"{stem}.xlsx" in names
        assert f"{stem}.data.csv" in names
    status = pd.read_csv(tables / "status-by-theme.data.csv")
    assert status.loc[status["theme"] == "total", "n"].sum() == 47
    # the shown table as Finnish Excel opens it; the measures grouped by theme, collapsible
    shown = pd.read_csv(tables / "status-by-theme.csv", sep=";", encoding="utf-8-sig")
    assert shown.iloc[-1, 0] == "Kaikki teemat" and shown.iloc[-1, -1] == 47
    measures = ka.read_followup(processed / "followup")
    themes = measures.loc[measures["period"].astype(str) == "2023-11", "theme"].nunique()
    assert themes > 1 and html.count('<details class="ka-group"') == themes


@pytest.mark.slow
def test_report_in_english_for_the_first_round_escapes_data_text(tmp_path, processed):
    data = tmp_path / "data" / "followup"
    raw = tmp_path / "raw"
    shutil.copytree(ka.demo_path("followup"), raw)
    csv = raw / "measures.csv"
    csv.write_bytes(
        csv.read_bytes().replace(
            "Jäsenyys The Nordic Migrant Expert Forumissa.".encode(),
            b"<script>alert('x')</script> Forum",
            1,
        )
    )
    prepare_followup(raw, data)
    html, _ = _execute(tmp_path, data, lang="en", period="2023-05", compare_to=None)
    text = html_text(html)
    assert "Follow-up of measures 5/2023" in text
    assert "This is the first round; there are no changes to show." in text
    assert "No indicator data was found." in text  # no indicators folder beside this copy
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html


@pytest.mark.slow
def test_run_report_produces_the_followup_html(tmp_path, processed):
    assert "followup" in registry.REPORT_TYPES
    assert registry.REPORT_TYPES["followup"].instances(processed / "followup") == [
        "2023-05",
        "2023-11",
    ]
    result = runner.run_report(
        "followup",
        data=processed,
        out=tmp_path / "reports",
        notebooks_dir=ROOT / "notebooks",
        timeout=300,
    )
    assert result.html == tmp_path / "reports" / "2023-11" / "followup.html"
    assert result.parameters["compare_to"] == "2023-05"
    assert "Toimenpiteiden seuranta 11/2023" in html_text(result.html.read_text("utf-8"))
    assert any(p.name == "measures.xlsx" for p in result.tables)
    executed = json.loads(result.notebook.read_text("utf-8"))
    assert not [
        o
        for c in executed["cells"]
        for o in c.get("outputs", [])
        if o.get("output_type") == "stream" and o.get("name") == "stderr"
    ]

"""Reports end to end: notebooks executed by Papermill, offline HTML, tables, failures.

The notebook-executing tests are marked ``slow`` (each starts a kernel); they run in
``make test`` too. The demo data is prepared once per session into a temporary folder.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from conftest import contract_responses, write_survey_folder
from nbformat.v4 import new_code_cell, new_notebook, new_output

import kalliola_analysis as ka
from kalliola_analysis import cli
from kalliola_analysis.errors import ReportError
from kalliola_analysis.reports import batch, export, registry, runner

PARAMS_SOURCE = (
    "data_path = None\nperiod = None\ncompare_to = None\nunit = None\n"
    'lang = "fi"\nmin_n = 5\noutput_dir = None'
)
QUOTED_UNIT = 'O\'Brien "A" \\ yksikkö'


def tiny_notebook(folder: Path, *body: str, name: str = "pulse_report.ipynb") -> Path:
    """A throwaway report notebook: the runner's parameters cell, then ``body`` cells."""
    params = new_code_cell(PARAMS_SOURCE, metadata={"tags": ["parameters"]})
    nb = new_notebook(
        cells=[params, *(new_code_cell(b) for b in body)],
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        },
    )
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(folder / name))
    return folder


def loaded_resources(html: str) -> list[str]:
    """Every URL the page would load by itself (scripts, styles, images, imports)."""
    urls = re.findall(
        r"<(?:script|img|link|iframe|source|video|audio)\b[^>]*?\b(?:src|href)=[\"']([^\"']+)", html
    )
    urls += re.findall(r"@import\s+(?:url\()?[\"']?([^\"')\s;]+)", html)
    urls += re.findall(r"url\(\s*[\"']?((?!data:)[^\"')]+)", html)
    return urls


def html_text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# --- export without a kernel (fast) -----------------------------------------------------------


def test_export_is_offline_without_code_and_in_the_report_language():
    png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    cell = new_code_cell("secret_code_line = 1\nprint('hei')", execution_count=3)
    cell.outputs = [
        new_output("display_data", data={"image/png": png, "text/plain": "<Figure>"}),
        new_output(
            "display_data", data={"text/html": "<h1>Raportti &lt;5&gt;</h1>", "text/plain": "x"}
        ),
    ]
    nb = new_notebook(cells=[cell], metadata={"language_info": {"name": "python"}})
    html = export.notebook_to_html(nb, lang="fi")
    assert '<html lang="fi">' in html
    assert "<title>Raportti &lt;5&gt;</title>" in html  # the page title is the report's heading
    assert "secret_code_line" not in html and "In&nbsp;[" not in html
    assert html.count("data:image/png;base64,") == 1 and 'alt="Kuvio"' in html
    assert loaded_resources(html) == [f"data:image/png;base64,{png}"]
    assert "<script src" not in html and "cdnjs" not in html and "mathjax" not in html.lower()
    assert '<html lang="en">' in export.notebook_to_html(nb, lang="en")


def test_export_logs_no_warning(caplog):
    nb = new_notebook(cells=[new_code_cell("1")])
    with caplog.at_level("WARNING"):
        export.notebook_to_html(nb, lang="fi")
    assert [r.getMessage() for r in caplog.records if r.levelname in ("WARNING", "ERROR")] == []


@pytest.fixture
def shown(monkeypatch) -> list:
    """What the notebook helpers display, captured instead of printed."""
    from kalliola_analysis.reports import display

    objects: list = []
    monkeypatch.setattr(display, "_display", objects.append)
    return objects


def test_show_table_escapes_and_writes_the_numbers(shown, tmp_path):
    from kalliola_analysis.reports import display

    numbers = pd.DataFrame({"unit": ["<script>alert(1)</script>"], "mean": [4.25]})
    formatted = pd.DataFrame({"Yksikkö": ["<script>alert(1)</script>"], "Keskiarvo": ["4,3"]})
    display.show_table(
        numbers,
        "Väittämät 2023",
        formatted=formatted,
        output_dir=tmp_path / "t",
        caption="<b>Taulukko</b>",
    )
    (html,) = [o.data for o in shown]
    assert "<script>" not in html and "&lt;script&gt;" in html and "4,3" in html
    assert "<caption>&lt;b&gt;Taulukko&lt;/b&gt;</caption>" in html
    assert sorted(p.name for p in (tmp_path / "t").iterdir()) == [
        "vaittamat-2023.csv",
        "vaittamat-2023.data.csv",
        "vaittamat-2023.xlsx",
    ]
    # the tidy data in full precision; the shown table as Finnish Excel reads it
    pd.testing.assert_frame_equal(pd.read_csv(tmp_path / "t" / "vaittamat-2023.data.csv"), numbers)
    pd.testing.assert_frame_equal(
        pd.read_excel(tmp_path / "t" / "vaittamat-2023.xlsx", sheet_name="data"), numbers
    )
    shown_back = pd.read_csv(
        tmp_path / "t" / "vaittamat-2023.csv", sep=";", decimal=",", encoding="utf-8-sig"
    )
    assert shown_back.to_dict("list") == {
        "Yksikkö": ["<script>alert(1)</script>"],
        "Keskiarvo": [4.3],
    }
    with pytest.raises(ka.ParameterError, match="formatted must be a pandas DataFrame or Styler"):
        display.show_table(numbers, "x", formatted=formatted.to_dict())
    with pytest.raises(ka.ParameterError, match="data must be a pandas DataFrame"):
        display.show_table(numbers.style, "x", formatted=formatted)


def test_show_table_displays_a_styler_escaped_and_writes_the_plain_data(shown, tmp_path):
    from kalliola_analysis.reports import display

    numbers = pd.DataFrame({"unit": ["<script>alert(1)</script>"], "mean": [4.25]})
    formatted = pd.DataFrame({"<b>Yksikkö</b>": ["<script>alert(1)</script>"], "Arvo": ["4,3"]})
    # a Styler whose own formatter would let markup through, and a coloured cell
    styled = formatted.style.format(lambda v: v, escape=None).map(
        lambda v: "background-color: #1b7837", subset=["Arvo"]
    )
    display.show_table(
        numbers, "Taulukko", formatted=styled, output_dir=tmp_path, caption="<b>c</b>"
    )
    (html,) = [o.data for o in shown]
    assert "<script>" not in html and "&lt;script&gt;" in html and "4,3" in html
    assert "<b>" not in html and "&lt;b&gt;Yksikkö&lt;/b&gt;" in html
    assert "background-color: #1b7837" in html and 'class="dataframe ka-table"' in html
    assert "<caption>&lt;b&gt;c&lt;/b&gt;</caption>" in html
    assert "<script>" in styled.to_html()  # the caller's Styler is left as it was
    pd.testing.assert_frame_equal(pd.read_csv(tmp_path / "taulukko.data.csv"), numbers)
    pd.testing.assert_frame_equal(
        pd.read_excel(tmp_path / "taulukko.xlsx", sheet_name="data"), numbers
    )
    assert pd.read_excel(tmp_path / "taulukko.xlsx").columns.tolist() == ["<b>Yksikkö</b>", "Arvo"]


def test_show_figure_embeds_a_png_with_alt_text_and_closes_the_figure(shown):
    import matplotlib.pyplot as plt

    from kalliola_analysis.reports import display

    fig, ax = plt.subplots()
    ax.plot([1, 2])
    display.show_figure(ax, alt="Viiva")
    (image,) = shown
    assert image.data[:8] == b"\x89PNG\r\n\x1a\n" and image.alt == "Viiva"
    assert not plt.fignum_exists(fig.number)
    with pytest.raises(ka.ParameterError, match="needs a Figure or Axes"):
        display.show_figure("kuva", alt="x")


def test_headings_and_text_are_escaped(shown):
    from kalliola_analysis.reports import display

    display.show_heading("Yksikkö <A & B>", level=1)
    display.show_text("<img src=x onerror=alert(1)>")
    assert [o.data for o in shown] == [
        "<h1>Yksikkö &lt;A &amp; B&gt;</h1>",
        "<p>&lt;img src=x onerror=alert(1)&gt;</p>",
    ]
    with pytest.raises(ka.ParameterError, match="level"):
        display.show_heading("x", level=7)


def test_stored_notebooks_have_no_outputs_and_one_parameters_cell():
    folder = registry.find_notebooks_dir()
    for name in ("pulse_report.ipynb", "feedback_report.ipynb", "explore.ipynb"):
        nb = nbformat.read(str(folder / name), as_version=4)
        nbformat.validate(nb)
        tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
        assert len(tagged) == 1, name
        for c in nb.cells:
            if c.cell_type == "code":
                assert c.outputs == [] and c.execution_count is None, name
        assert nb.metadata["kernelspec"]["name"] == "python3"
    for rtype in registry.REPORT_TYPES.values():
        path = folder / rtype.notebook
        if path.exists():  # types added by other modules ship their notebooks too
            nb = nbformat.read(str(path), as_version=4)
            assert not any(c.cell_type == "markdown" for c in nb.cells), (
                f"{rtype.notebook}: headings come from code in the report language"
            )


# --- the demo reports (slow) ------------------------------------------------------------------


@pytest.fixture(scope="session")
def demo_root(tmp_path_factory) -> Path:
    """The demo data prepared as `make report` does (raw folder if prepare is missing)."""
    raw = ka.demo_path("pulse").parent
    try:
        from kalliola_analysis.prepare import prepare_all
    except ImportError:  # pragma: no cover - before the readers landed
        return raw
    out = tmp_path_factory.mktemp("processed")
    prepare_all(raw, out, salt="testisuola")
    return out


@pytest.fixture(scope="session")
def all_reports(demo_root, tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    # every language the data sets list (pulse: fi and en); the unit reports have their own test
    results = batch.run_all(
        demo_root,
        out=out,
        jobs=2,
        progress=False,
        timeout=300,
        kinds=["pulse", "feedback"],
        unit_reports=False,
    )
    return out, results


@pytest.mark.slow
def test_run_all_produces_every_report(all_reports, demo_root):
    out, results = all_reports
    expected = registry.find_reports(demo_root, ["pulse", "feedback"])
    got = {(r.kind, r.period, r.dataset.name) for r in results}
    assert {(i.kind, i.period, i.dataset.name) for i in expected} <= got
    assert {"2022-10", "2023-05", "2023-11", "2023-06"} <= {r.period for r in results}
    for r in results:
        assert r.html.is_file() and r.notebook.is_file()
        assert r.html.parent == out / r.period
        assert all(t.parent.parent == out / r.period for t in r.tables)
    assert (out / "2023-06" / "feedback-kesapaivat-2023.html").is_file()
    # the demo pulse survey lists both languages: each has its own file, none overwritten
    for period in ("2022-10", "2023-05", "2023-11"):
        fi, en = out / period / "pulse.html", out / period / "pulse.en.html"
        assert '<html lang="fi">' in fi.read_text(encoding="utf-8")
        assert '<html lang="en">' in en.read_text(encoding="utf-8")
        assert (out / period / "pulse.en-tables" / "statements.csv").is_file()
    htmls = [r.html for r in results]
    assert len(htmls) == len(set(htmls))


@pytest.mark.slow
def test_executed_notebooks_hold_no_warning_or_error(all_reports):
    out, results = all_reports
    for r in results:
        nb = nbformat.read(str(r.notebook), as_version=4)
        for i, cell in enumerate(nb.cells):
            for o in cell.get("outputs", []):
                assert o.output_type != "error", (r.notebook, i)
                assert not (o.output_type == "stream" and o.name == "stderr"), (
                    r.notebook,
                    i,
                    o.text,
                )
                assert "Warning" not in json.dumps(o.get("data", {})), (r.notebook, i)


@pytest.mark.slow
def test_pulse_report_content(all_reports):
    out, _ = all_reports
    html = (out / "2023-11" / "pulse.html").read_text(encoding="utf-8")
    assert '<html lang="fi">' in html
    assert html.count('src="data:image/png;base64,') >= 5
    text = html_text(html)
    for heading in (
        "Pulssikysely 11/2023",
        "Keskeiset luvut",
        "Väittämät",
        "Vastausten jakauma",
        "Avoimet vastaukset",
        "Menetelmät",
        "Tietoja raportista",
    ):
        assert heading in text, heading
    for header in ("Väittämä", "11/2023", "5/2023", "10/2022", "Muutos 5/2023", "Tunnusluku"):
        assert f">{header}</th>" in html, header
    assert (
        "22,0" in text and "81 %" in text
    )  # eNPS and response rate as the annual report prints them
    assert "Pidän nykyistä työtäni merkityksellisenä" in text
    assert "import kalliola_analysis" not in html and "kr.show_" not in html  # no code cells
    assert loaded_resources(html) and all(u.startswith("data:") for u in loaded_resources(html))
    assert "<script src" not in html and not re.search(r"<link[^>]+href=[\"']https?:", html)
    assert "@import url(http" not in html
    assert re.search(
        r"Aineiston tarkistussumma \(SHA-256\)\s*</th>\s*<td><code>[0-9a-f]{64}<", html
    )
    assert f"kalliola_analysis-versio</th><td>{ka.__version__}" in html


@pytest.mark.slow
def test_report_tables_equal_the_library(all_reports, demo_root):
    out, _ = all_reports
    tables = out / "2023-11" / "pulse-tables"
    assert (tables / "statements.xlsx").is_file()
    shown = pd.read_csv(tables / "statements.data.csv")
    survey = ka.read_survey(demo_root / "pulse")
    summary = ka.likert_summary(survey, by="period")
    expected = summary[summary["period"] == "2023-11"].set_index("question")["mean"]
    got = shown.set_index("question")["2023-11"]
    expected = {str(q): float(m) for q, m in expected.dropna().items()}
    assert len(expected) == 7
    assert {str(q): float(got[q]) for q in expected} == pytest.approx(expected, rel=1e-12)
    assert round(float(got["meaningful_work"]), 1) == 4.6
    headline = pd.read_csv(tables / "headline-figures.data.csv").set_index("figure")["value"]
    assert round(headline["enps"], 1) == 22.0 and round(headline["response_rate"], 2) == 0.81
    # the shown table, read the way Finnish Excel reads it: ';', decimal comma, BOM
    raw = (tables / "headline-figures.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    fi = pd.read_csv(tables / "headline-figures.csv", sep=";", decimal=",", encoding="utf-8-sig")
    assert list(fi.columns)[:2] == ["Tunnusluku", "Arvo"]
    values = dict(zip(fi["Tunnusluku"], fi["Arvo"], strict=True))
    assert values["Suositteluindeksi (eNPS)"] == "22,0" and values["Vastausprosentti"] == "81 %"
    # the XLSX holds real numbers with the shown rounding as a number format
    from openpyxl import load_workbook

    ws = load_workbook(tables / "headline-figures.xlsx").worksheets[0]
    cells = {ws.cell(r, 1).value: ws.cell(r, 2) for r in range(2, ws.max_row + 1)}
    assert (
        cells["Vastausprosentti"].value == 0.81 and "%" in cells["Vastausprosentti"].number_format
    )
    assert cells["Suositteluindeksi (eNPS)"].value == 22.0
    assert cells["Suositteluindeksi (eNPS)"].number_format == "0.0"
    assert ws.freeze_panes == "A2"
    en = pd.read_csv(out / "2023-11" / "pulse.en-tables" / "headline-figures.csv", sep=",")
    assert "22.0" in en.iloc[:, 1].tolist()


@pytest.mark.slow
def test_provenance_checksum_matches_the_raw_data(all_reports, demo_root):
    out, _ = all_reports
    html = (out / "2023-11" / "pulse.html").read_text(encoding="utf-8")
    digest, _ = ka.reports.data_checksum(ka.demo_path("pulse"))
    assert digest in html  # processed data names the same inputs (manifest) as the raw folder


@pytest.mark.slow
def test_english_unit_report_without_warnings(demo_root, tmp_path, recwarn, caplog):
    with caplog.at_level("WARNING"):
        r = runner.run_report(
            "pulse",
            data=demo_root,
            period="2023-11",
            unit="Kalliolan Klinikka",
            lang="en",
            out=tmp_path,
            timeout=300,
        )
    # papermill, nbclient and nbconvert neither warn nor log a warning: a warning is a defect
    assert [f"{w.category.__name__}: {w.message}" for w in recwarn] == []
    assert [r.getMessage() for r in caplog.records if r.levelno >= 30] == []
    assert r.html == tmp_path / "2023-11" / "pulse.unit-kalliolan-klinikka.en.html"
    html = r.html.read_text(encoding="utf-8")
    assert '<html lang="en">' in html
    text = html_text(html)
    assert "Pulse survey 11/2023: Kalliolan Klinikka" in text and "About this report" in text
    assert "Tietoja raportista" not in text
    assert r.parameters["unit"] == "Kalliolan Klinikka" and r.parameters["compare_to"] == "2023-05"


@pytest.mark.slow
def test_a_lowered_threshold_is_warned_about_and_marked(demo_root, tmp_path, caplog):
    with caplog.at_level("WARNING"):
        r = runner.run_report(
            "pulse", data=demo_root, period="2023-05", unit="Hallinto", min_n=3, out=tmp_path
        )
    assert r.html == tmp_path / "2023-05" / "pulse.unit-hallinto.min-n-3.html"
    assert any("min_n=3 is below the default of 5" in m.getMessage() for m in caplog.records)
    html = r.html.read_text(encoding="utf-8")
    notice = re.search(r'<div class="ka-notice" role="note">([^<]*)</div>', html)
    assert notice and "alennetulla anonymiteettirajalla" in notice.group(1)
    assert html.index("ka-notice") < html.index("<h1")  # above the title
    text = html_text(html)
    assert "Anonymiteettiraja (vastaajia vähintään): 3" in text and "Yksikkö: Hallinto" in text


@pytest.mark.slow
def test_explore_notebook_runs(tmp_path):
    nb_path = registry.find_notebooks_dir() / "explore.ipynb"
    executed = runner.execute_notebook(
        nb_path, tmp_path / "explore.ipynb", {"lang": "en"}, timeout=300
    )
    nb = nbformat.read(str(executed), as_version=4)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not any(o.output_type == "error" or o.get("name") == "stderr" for o in outputs)
    assert any("image/png" in o.get("data", {}) for o in outputs)


# --- failures, time-outs, stale output (slow: tiny notebooks) --------------------------------


@pytest.mark.slow
def test_failing_cell_names_the_cell_keeps_the_notebook_and_no_html(tmp_path):
    nbdir = tiny_notebook(tmp_path / "nb", "x = 1", "y = 2\nraise ValueError('rikki meni')")
    stale = tmp_path / "out" / "2023-11" / "pulse.html"
    stale.parent.mkdir(parents=True)
    stale.write_text("<html>vanha raportti</html>", encoding="utf-8")
    with pytest.raises(ReportError) as err:
        runner.run_report(
            "pulse", data=ka.demo_path("pulse"), out=tmp_path / "out", notebooks_dir=nbdir
        )
    msg = str(err.value)
    # cell 0 parameters, 1 injected parameters, 2 "x = 1", 3 the failing one
    assert "cell 3 ('y = 2')" in msg and "ValueError: rikki meni" in msg
    assert err.value.cell == 3
    kept = Path(err.value.notebook)
    assert kept == tmp_path / "out" / "2023-11" / "pulse.ipynb" and kept.is_file()
    assert not stale.exists()  # the old report is gone, not left looking fresh
    assert not list(stale.parent.glob("*.html*"))


@pytest.mark.slow
def test_cli_exits_non_zero_on_a_failing_notebook(tmp_path, capsys):
    nbdir = tiny_notebook(tmp_path / "nb", "raise RuntimeError('ei onnistu')")
    code = cli.main(
        [
            "report",
            "pulse",
            "--data",
            str(ka.demo_path("pulse")),
            "--out",
            str(tmp_path / "out"),
            "--notebooks",
            str(nbdir),
        ]
    )
    assert code == 1
    err = capsys.readouterr().err
    assert "RuntimeError: ei onnistu" in err and "Traceback" not in err


@pytest.mark.slow
def test_cli_feedback_runs_the_events_of_a_period(tmp_path, capsys):
    out = tmp_path / "out"
    code = cli.main(
        [
            "report",
            "feedback",
            "--data",
            str(ka.demo_path("feedback")),
            "--period",
            "2023-06",
            "--out",
            str(out),
            "--lang",
            "en",
        ]
    )
    assert code == 0, capsys.readouterr().err
    assert [p.name for p in out.glob("*/*.html")] == ["feedback-kesapaivat-2023.en.html"]
    assert capsys.readouterr().out.strip() == str(
        out / "2023-06" / "feedback-kesapaivat-2023.en.html"
    )


@pytest.mark.slow
def test_a_hung_cell_times_out(tmp_path):
    nbdir = tiny_notebook(tmp_path / "nb", "import time\ntime.sleep(120)")
    with pytest.raises(
        ReportError, match=r"cell 2 \('import time'\) did not finish within 3 s"
    ) as err:
        runner.run_report(
            "pulse",
            data=ka.demo_path("pulse"),
            out=tmp_path / "out",
            notebooks_dir=nbdir,
            timeout=3,
        )
    assert Path(err.value.notebook).is_file()
    assert not (tmp_path / "out" / "2023-11" / "pulse.html").exists()


@pytest.mark.slow
def test_a_successful_run_replaces_the_old_report_and_tables(tmp_path):
    nbdir = tiny_notebook(
        tmp_path / "nb",
        "import pandas as pd\nfrom kalliola_analysis import reports as kr\n"
        "kr.show_table(pd.DataFrame({'a': [1]}), 'uusi', output_dir=output_dir)",
    )
    target = tmp_path / "out" / "2023-11"
    (target / "pulse-tables").mkdir(parents=True)
    (target / "pulse-tables" / "vanha.csv").write_text("a\n0\n", encoding="utf-8")
    (target / "pulse.html").write_text("<html>vanha</html>", encoding="utf-8")
    r = runner.run_report(
        "pulse", data=ka.demo_path("pulse"), out=tmp_path / "out", notebooks_dir=nbdir
    )
    assert "vanha" not in r.html.read_text(encoding="utf-8")
    assert [t.name for t in r.tables] == ["uusi.csv", "uusi.data.csv", "uusi.xlsx"]
    assert not list(target.glob(".*tmp"))  # the atomic write left no temporary file


@pytest.mark.slow
def test_a_unit_name_with_quotes_reaches_the_notebook_as_data(tmp_path):
    r = contract_responses()
    r["unit"] = [QUOTED_UNIT, "Klinikka", QUOTED_UNIT, "Klinikka"]
    inv = pd.DataFrame(
        {"period": ["2023-11"] * 2, "unit": [QUOTED_UNIT, "Klinikka"], "invited": [3, 4]}
    )
    data = write_survey_folder(tmp_path / "data" / "pulse", r, invitations=inv)
    nbdir = tiny_notebook(
        tmp_path / "nb",
        "from pathlib import Path\nPath(output_dir).mkdir(parents=True)\n"
        "(Path(output_dir) / 'unit.txt').write_text(unit, encoding='utf-8')",
    )
    result = runner.run_report(
        "pulse", data=data, unit=QUOTED_UNIT, min_n=1, out=tmp_path / "out", notebooks_dir=nbdir
    )
    assert (Path(result.parameters["output_dir"]) / "unit.txt").read_text(
        encoding="utf-8"
    ) == QUOTED_UNIT


@pytest.mark.slow
def test_run_all_continues_past_a_failure(tmp_path):
    data = write_survey_folder(tmp_path / "data" / "pulse")
    nbdir = tiny_notebook(tmp_path / "nb", "assert period != '2023-11', 'rikki'")
    nbdir_ok = tiny_notebook(tmp_path / "nb", "pass", name="feedback_report.ipynb")
    assert nbdir_ok == nbdir
    fb = write_survey_folder(tmp_path / "data" / "feedback" / "tapahtuma", kind="feedback")
    with pytest.raises(ReportError, match="1 of 2 reports failed") as err:
        batch.run_all(
            tmp_path / "data",
            out=tmp_path / "out",
            jobs=2,
            notebooks_dir=nbdir,
            progress=False,
            min_n=1,
            unit_reports=False,
        )
    assert [r.kind for r in err.value.results] == ["feedback"]
    assert err.value.results[0].dataset == fb
    # a lowered threshold is part of the name: it never replaces the default report
    assert (tmp_path / "out" / "2023-11" / "feedback-tapahtuma.min-n-1.html").is_file()
    assert "AssertionError: rikki" in str(err.value) and str(data) in str(err.value)


@pytest.mark.slow
def test_a_relative_out_folder_is_relative_to_the_caller(tmp_path, monkeypatch):
    nbdir = tiny_notebook(
        tmp_path / "nb",
        "import sys\nfrom pathlib import Path\nPath('prefix.txt').write_text(sys.prefix)",
    )
    monkeypatch.chdir(tmp_path)
    r = runner.run_report("pulse", data=ka.demo_path("pulse"), out="reports", notebooks_dir=nbdir)
    assert r.html == tmp_path / "reports" / "2023-11" / "pulse.html" and r.html.is_file()
    # the kernel is this environment's Python, and runs in the report's folder
    assert (r.html.parent / "prefix.txt").read_text() == sys.prefix
    assert r.notebook.is_file()
    assert not (tmp_path / "reports" / "2023-11" / "reports").exists()


def test_kernel_is_shut_down_by_request_without_an_interrupt():
    """jupyter_client's SIGINT before shutdown made ipykernel log a false ERROR on stderr."""
    import asyncio

    km = runner._kernel_manager_class()()
    km.shutting_down = True
    assert asyncio.run(km._async_interrupt_kernel()) is None  # no signal while shutting down
    km.shutting_down = False
    with pytest.raises(RuntimeError, match="No kernel is running"):
        asyncio.run(km._async_interrupt_kernel())  # otherwise the usual interrupt

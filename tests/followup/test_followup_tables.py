"""Follow-up report tables: escaped cells, a status never by colour alone."""

from __future__ import annotations

import pandas as pd
import pytest
from followup_files import row, write_csv

import kalliola_analysis as ka
from kalliola_analysis.errors import (
    ParameterError,
)
from kalliola_analysis.followup.tables import (
    format_followup_status,
    format_transitions,
    style_followup_changes,
    style_measure_table,
    style_open_measures,
    theme_labels,
)


def test_tables_escape_text_and_never_show_status_by_colour_alone(tmp_path):
    path = write_csv(
        tmp_path / "measures.csv",
        [
            row(
                "2023-05",
                "<i>T</i>",
                "1.1",
                "Ei toteudu",
                measure="<script>alert(1)</script>",
                done="<img src=x onerror=alert(1)>",
            ),
        ],
    )
    f = ka.read_followup(path)
    html = style_measure_table(f, period="2023-05").to_html()
    assert "<script>" not in html and "<img" not in html and "<i>T" not in html
    assert "&lt;script&gt;" in html
    assert "✕ Ei toteudu" in html and "background-color: #b2182b" in html
    html = style_open_measures(ka.followup_open_measures(f), lang="en").to_html()
    assert "✕ Will not be realised" in html and "&lt;img" in html


def test_every_coloured_status_cell_carries_a_symbol_and_a_word(followup_demo):
    styler = style_measure_table(followup_demo, period="2023-11", lang="en")
    status = styler.data["Status"]
    assert status.str.match(r"^[●◐✕○–] \w").all()
    ch = style_followup_changes(
        ka.followup_changes(followup_demo), base="2023-05", current="2023-11"
    )
    assert set(ch.data["Muutos"]) == {"▲ Edistynyt", "▼ Heikentynyt", "? Ei päivitystä"}
    t = format_followup_status(
        ka.followup_status(followup_demo, period="2023-05"),
        labels=theme_labels(followup_demo, "en"),
        lang="en",
    )
    assert t.iloc[0, 0] == "Cross-cutting themes" and t.iloc[-1, 0] == "All themes"
    assert t.iloc[-1, 1] == "25 (53%)"
    tr = format_transitions(ka.followup_transitions(followup_demo))
    assert tr.iloc[-1, 0] == "Yhteensä"


def test_show_table_writes_the_data_of_a_styled_table_and_displays_escaped_html(
    tmp_path, followup_demo, capsys
):
    from kalliola_analysis.reports import show_table

    rows = followup_demo[followup_demo["period"] == "2023-11"]
    show_table(
        rows,
        "Toimenpiteet 11/2023",
        formatted=style_measure_table(followup_demo, period="2023-11"),
        output_dir=tmp_path,
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "toimenpiteet-11-2023.csv",
        "toimenpiteet-11-2023.data.csv",
        "toimenpiteet-11-2023.xlsx",
    ]
    assert len(pd.read_csv(tmp_path / "toimenpiteet-11-2023.data.csv")) == 47
    shown = pd.read_csv(tmp_path / "toimenpiteet-11-2023.csv", sep=";", encoding="utf-8-sig")
    assert len(shown) == 47 and "Tila" in shown.columns
    with pytest.raises(ParameterError):
        show_table(rows, "x", formatted=rows.to_dict())


def test_measure_table_never_breaks_a_theme_mid_word(followup_demo):
    html = style_measure_table(followup_demo, period="2023-11").to_html()
    # the long texts may break anywhere; the theme column (col0) wraps between words only
    assert "overflow-wrap: anywhere" in html
    theme_rule = html[html.index(" .col0 {") : html.index("}", html.index(" .col0 {"))]
    assert "overflow-wrap: normal" in theme_rule and "word-break: normal" in theme_rule
    assert "width: 14%" in html  # wide enough for "Läpileikkaavat"

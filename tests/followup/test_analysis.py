"""Action-plan follow-up: reading, validation, status counts, changes between rounds."""

from __future__ import annotations

import hashlib
import json

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kalliola_analysis as ka
from kalliola_analysis.errors import (
    DuplicateError,
    EmptyFileError,
    InvalidValueError,
    MissingColumnError,
    ParameterError,
    ValidationError,
)
from kalliola_analysis.followup import data as fu_data
from kalliola_analysis.followup import labels as fu
from kalliola_analysis.followup.tables import (
    format_followup_status,
    format_transitions,
    style_followup_changes,
    style_measure_table,
    style_open_measures,
    theme_labels,
)

HEADER = ["period", "theme", "goal", "measure_id", "measure", "responsible", "status", "done"]


def write_csv(path, rows, header=HEADER):
    """A Finnish-Excel CSV: semicolons, UTF-8 with BOM."""
    lines = [";".join(header)] + [";".join(str(c) for c in r) for r in rows]
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8-sig"))
    return path


def row(period, theme, mid, status, measure=None, done="", responsible="A"):
    goal = f"{mid.split('.')[0]}. Tavoite {mid.split('.')[0]}"
    return [
        period,
        theme,
        goal,
        mid,
        measure or f"Toimenpide {theme} {mid}",
        responsible,
        status,
        done,
    ]


@pytest.fixture
def demo():
    return ka.read_followup(ka.demo_path("followup"))


# ----------------------------------------------------------------------------- reading


def test_demo_has_every_measure_of_the_four_themes_in_both_rounds(demo):
    assert list(demo.columns) == list(fu_data.FOLLOWUP_COLUMNS)
    assert list(demo["period"].cat.categories) == ["2023-05", "2023-11"]
    assert list(demo["theme"].cat.categories) == [
        "Läpileikkaavat teemat",
        "Työllisyys ja työvoima",
        "Lapset, nuoret ja perheet",
        "Asuinalueet ja yhteisöllisyys",
    ]
    per_theme = demo[demo["period"] == "2023-05"].groupby("theme", observed=True).size()
    assert per_theme.tolist() == [12, 11, 11, 13]
    assert str(demo["goal_no"].dtype) == "Int64"
    assert set(demo["status"].dropna()) <= set(fu.STATUS_CODES)
    # the goal number is stripped from the goal text and agrees with the measure number
    first = demo.iloc[0]
    assert first["goal"].startswith("Kaupungin viestintä")
    # several responsible parties are kept, separated by " | "
    assert (demo["responsible"] == "Kaupunginkanslia | Kaikki toimialat").any()


def test_reads_finnish_headers_english_statuses_and_an_empty_status(tmp_path):
    path = write_csv(
        tmp_path / "measures.csv",
        [
            ["11/2023", "Teema", "1. Tavoite", "1.1", "Tee jotain", "A|B", "On track", "tehty"],
            ["11/2023", "Teema", "1. Tavoite", "1.2.", "Tee muuta", "", "", ""],
            ["11/2023", "Teema", "", "2.1", "Kolmas", "C", "ei toteudu", "syy"],
        ],
        header=[
            "Kierros",
            "Teema",
            "Tavoite",
            "Nro",
            "Toimenpide",
            "Vastuutaho",
            "Tila",
            "Mitä on tehty",
        ],
    )
    f = ka.read_followup(path)
    assert f["period"].astype(str).tolist() == ["2023-11"] * 3
    assert f["measure_id"].tolist() == ["1.1", "1.2", "2.1"]
    assert f["status"].astype(object).where(f["status"].notna(), None).tolist() == [
        "on_track",
        None,
        "not_realised",
    ]
    assert f["responsible"].tolist()[0] == "A | B"
    assert pd.isna(f["responsible"].tolist()[1])


def test_reads_xlsx(tmp_path, demo):
    raw = pd.read_csv(
        ka.demo_path("followup") / "measures.csv",
        sep=";",
        encoding="utf-8-sig",
        dtype=str,
        keep_default_na=False,
    )
    path = tmp_path / "measures.xlsx"
    raw.to_excel(path, index=False)
    pd.testing.assert_frame_equal(ka.read_followup(path), demo)


@pytest.mark.parametrize(
    ("bad", "error", "column", "message"),
    [
        (row("2023-05", "T", "1.2", "Valmis"), InvalidValueError, "status", "unknown status"),
        (row("2023-05", "T", "1.1", "Aloitettu"), DuplicateError, "measure_id", "twice"),
        (row("2023-05", "T", "1-2", "Aloitettu"), InvalidValueError, "measure_id", "form 1.1"),
        (row("syksy", "T", "1.2", "Aloitettu"), InvalidValueError, "period", "not a month"),
        (row("2023-05", "", "1.2", "Aloitettu"), InvalidValueError, "theme", "empty"),
    ],
)
def test_errors_name_file_column_and_file_row(tmp_path, bad, error, column, message):
    path = write_csv(tmp_path / "measures.csv", [row("2023-05", "T", "1.1", "Aloitettu"), bad])
    with pytest.raises(error, match=message) as info:
        ka.read_followup(path)
    assert info.value.file == str(path)
    assert info.value.column == column
    assert info.value.row == 3  # header = 1, the bad record is the second data row


def test_a_measure_that_changes_theme_between_rounds_is_an_error(tmp_path):
    path = write_csv(
        tmp_path / "measures.csv",
        [
            row("2023-05", "Työllisyys", "1.1", "Aloitettu", measure="Sama teksti"),
            row("2023-11", "Asuinalueet", "2.1", "Aloitettu", measure="Sama teksti"),
        ],
    )
    with pytest.raises(InvalidValueError, match="changes theme between rounds") as info:
        ka.read_followup(path)
    assert (info.value.column, info.value.row) == ("theme", 3)


def test_theme_change_is_reported_once_at_the_round_where_it_happens(tmp_path):
    path = write_csv(
        tmp_path / "measures.csv",
        [
            row("2022-11", "A", "1.1", "Aloitettu", measure="Sama"),
            row("2023-05", "A", "1.1", "Aloitettu", measure="Sama"),
            row("2023-11", "B", "1.1", "Aloitettu", measure="Sama"),
            row("2023-11", "A", "1.2", "Aloitettu", measure="Muu"),
        ],
    )
    with pytest.raises(InvalidValueError, match="under 'A' in 2023-05") as info:
        ka.read_followup(path)
    assert info.value.row == 4


def test_goal_numbering_must_agree_with_the_measure_number(tmp_path):
    bad = row("2023-05", "T", "2.1", "Aloitettu")
    bad[2] = "1. Väärä tavoite"
    path = write_csv(tmp_path / "measures.csv", [bad])
    with pytest.raises(InvalidValueError, match="goal text starts with 1") as info:
        ka.read_followup(path)
    assert (info.value.column, info.value.row) == ("goal", 2)


def test_several_problems_are_reported_together_in_file_order(tmp_path):
    path = write_csv(
        tmp_path / "measures.csv",
        [
            row("2023-05", "T", "1.1", "Aloitettu"),
            row("2023-05", "T", "1.2", "Vihreä"),
            row("2023-05", "T", "1.1", "Aloitettu"),
        ],
    )
    with pytest.raises(ValidationError) as info:
        ka.read_followup(path)
    assert [(p.column, p.row) for p in info.value.problems] == [("status", 3), ("measure_id", 4)]


def test_missing_column_and_empty_file(tmp_path):
    path = write_csv(
        tmp_path / "a.csv", [["2023-05", "T", "1.1"]], header=["period", "theme", "measure_id"]
    )
    with pytest.raises(MissingColumnError, match="measure") as info:
        ka.read_followup(path)
    assert info.value.row == 1
    empty = tmp_path / "b.csv"
    empty.write_bytes(";".join(HEADER).encode("utf-8-sig") + b"\n")
    with pytest.raises(EmptyFileError):
        ka.read_followup(empty)


def test_folder_of_another_kind_is_refused():
    with pytest.raises(ka.DataError, match="kind"):
        ka.read_followup(ka.demo_path("indicators"))


def test_prepare_writes_typed_parquet_manifest_and_leaves_raw_untouched(tmp_path, demo):
    raw = ka.demo_path("followup")
    before = {p.name: p.read_bytes() for p in raw.iterdir()}
    out = fu_data.prepare_followup(raw, tmp_path / "followup")
    assert sorted(p.name for p in out.iterdir()) == [
        "dataset.toml",
        "manifest.json",
        "measures.parquet",
    ]
    assert {p.name: p.read_bytes() for p in raw.iterdir()} == before
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    for name, digest in manifest["source_files"].items():
        assert hashlib.sha256((raw / name).read_bytes()).hexdigest() == digest
    assert manifest["rows"] == {"measures": 94}
    pd.testing.assert_frame_equal(ka.read_followup(out), demo)
    with pytest.raises(ParameterError):
        fu_data.prepare_followup(raw, raw)


def test_load_demo_reads_followup_and_indicators():
    assert len(ka.load_demo("followup")) == 94
    assert len(ka.load_demo("indicators")) > 0


# ----------------------------------------------------------------------------- statuses


def test_parse_status_and_labels():
    assert fu.parse_status("Etenee suunnitellusti") == "on_track"
    assert fu.parse_status("WILL NOT BE REALIZED") == "not_realised"
    assert fu.parse_status(None) == "missing"
    assert fu.parse_status("vihreä") is None
    assert fu.status_label("not_started", "en") == "○ Not started"
    with pytest.raises(ParameterError):
        fu.status_label("done")


def test_status_counts_by_theme_match_the_data(demo):
    s = ka.followup_status(demo, by="theme", period="2023-11")
    assert list(s.columns) == ["period", "theme", "status", "n", "n_measures", "share"]
    body = s[s["theme"] != "total"]
    sums = body.groupby("theme", sort=False)["n"].sum()
    assert (sums == body.groupby("theme", sort=False)["n_measures"].first()).all()
    assert body.groupby("theme")["share"].sum().round(12).eq(1).all()
    total = s[s["theme"] == "total"].set_index("status")["n"]
    codes = demo.loc[demo["period"] == "2023-11", "status"].astype(object)
    assert total["missing"] == codes.isna().sum() == 2
    assert total["on_track"] == (codes == "on_track").sum() == 28
    # the latest round is the default
    pd.testing.assert_frame_equal(ka.followup_status(demo), s)


def test_status_by_goal_and_by_responsible_party(demo):
    g = ka.followup_status(demo, by="goal", period="2023-05")
    assert list(g.columns[:4]) == ["period", "theme", "goal_no", "goal"]
    first = g[(g["theme"] == "Läpileikkaavat teemat") & (g["goal_no"] == 1)]
    assert first["n_measures"].iloc[0] == 4
    r = ka.followup_status(demo, by="responsible", period="2023-05")
    body = r[r["responsible"] != "total"]
    # a measure with two parties counts for both, the total counts it once
    assert body.groupby("responsible")["n_measures"].first().sum() > 47
    assert r.loc[r["responsible"] == "total", "n"].sum() == 47
    assert "Kaikki toimialat" in set(body["responsible"])


def test_status_options_are_checked(demo):
    with pytest.raises(ParameterError, match="by must be one of"):
        ka.followup_status(demo, by="unit")
    with pytest.raises(ParameterError, match="period must be one of"):
        ka.followup_status(demo, period="2024-05")
    with pytest.raises(ParameterError):
        ka.followup_status(pd.DataFrame({"x": [1]}))


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Etenee suunnitellusti", "Aloitettu", "Ei toteudu", "Ei aloitettu", ""]),
        min_size=1,
        max_size=12,
    )
)
def test_status_counts_equal_the_statuses_given(tmp_path_factory, statuses):
    path = tmp_path_factory.mktemp("f") / "measures.csv"
    write_csv(path, [row("2023-05", "T", f"1.{i + 1}", s) for i, s in enumerate(statuses)])
    s = ka.followup_status(ka.read_followup(path))
    total = s[s["theme"] == "total"].set_index("status")["n"].to_dict()
    expected = {c: 0 for c in fu.STATUS_CODES}
    for label in statuses:
        expected[fu.parse_status(label)] += 1
    assert total == expected


# ----------------------------------------------------------------------------- changes


@pytest.fixture
def two_rounds(tmp_path):
    base = [
        ("1.1", "Ei aloitettu", "Aloitettu"),  # improved
        ("1.2", "Aloitettu", "Etenee suunnitellusti"),  # improved
        ("1.3", "Etenee suunnitellusti", "Aloitettu"),  # worsened
        ("1.4", "Etenee suunnitellusti", "Ei toteudu"),  # worsened (terminal)
        ("1.5", "Ei aloitettu", "Ei toteudu"),  # worsened: not realised is the worst
        ("1.6", "Aloitettu", "Aloitettu"),  # unchanged
        ("1.7", "Aloitettu", ""),  # no update now
        ("1.8", "", "Aloitettu"),  # no update before
        ("1.9", "Ei toteudu", "Ei toteudu"),  # unchanged
    ]
    rows = [
        row("2023-05", "T", m, b, done="syy" if b == "Ei aloitettu" else "") for m, b, _ in base
    ]
    rows.append(row("2023-05", "T", "2.1", "Aloitettu"))  # dropped
    rows += [row("2023-11", "T", m, c) for m, _, c in base]
    rows.append(row("2023-11", "T", "2.2", "Ei aloitettu"))  # new
    return ka.read_followup(write_csv(tmp_path / "measures.csv", rows))


def test_movements_follow_the_status_order(two_rounds):
    ch = ka.followup_changes(two_rounds, "2023-05", "2023-11")
    assert list(ch.columns) == [
        "theme",
        "goal_no",
        "measure_id",
        "measure",
        "responsible",
        "status_base",
        "status_current",
        "movement",
    ]
    got = dict(zip(ch["measure_id"], ch["movement"].astype(str), strict=True))
    assert got == {
        "1.1": "improved",
        "1.2": "improved",
        "1.3": "worsened",
        "1.4": "worsened",
        "1.5": "worsened",
        "1.6": "unchanged",
        "1.7": "no_update",
        "1.8": "no_update",
        "1.9": "unchanged",
        "2.1": "dropped",
        "2.2": "new",
    }
    dropped = ch[ch["measure_id"] == "2.1"].iloc[0]
    assert dropped["status_base"] == "started" and pd.isna(dropped["status_current"])
    assert ch.loc[ch["measure_id"] == "1.7", "status_current"].iloc[0] == "missing"


def test_changes_default_to_the_last_two_rounds_and_check_the_order(two_rounds):
    pd.testing.assert_frame_equal(
        ka.followup_changes(two_rounds), ka.followup_changes(two_rounds, "2023-05", "2023-11")
    )
    with pytest.raises(ParameterError, match="earlier"):
        ka.followup_changes(two_rounds, "2023-11", "2023-05")
    with pytest.raises(ParameterError, match="first round"):
        ka.followup_changes(two_rounds, current="2023-05")
    with pytest.raises(ParameterError, match="base must be one of"):
        ka.followup_changes(two_rounds, "2022-05")


def test_transitions_cross_tabulate_the_changes(two_rounds, demo):
    tr = ka.followup_transitions(two_rounds).set_index("status_base")
    assert tr.loc["started", "on_track"] == 1
    assert tr.loc["on_track", "not_realised"] == 1
    assert tr.loc["absent", "not_started"] == 1  # the new measure
    assert tr.loc["started", "absent"] == 1  # the dropped one
    assert tr.loc["total", "total"] == 11
    tr = ka.followup_transitions(demo).set_index("status_base")
    ch = ka.followup_changes(demo)
    diagonal = sum(tr.loc[c, c] for c in fu.STATUS_CODES if c != "missing")
    assert diagonal == (ch["movement"] == "unchanged").sum()
    assert (
        tr.drop(index="total")["total"] == tr.drop(index="total", columns="total").sum(axis=1)
    ).all()


def test_open_measures_list_the_not_started_and_not_realised_with_reasons(two_rounds, demo):
    o = ka.followup_open_measures(two_rounds, period="2023-05")
    assert list(o.columns) == [
        "period",
        "theme",
        "goal_no",
        "measure_id",
        "measure",
        "responsible",
        "status",
        "reason",
    ]
    assert o["measure_id"].tolist() == ["1.1", "1.5", "1.9"]
    assert o.loc[0, "reason"] == "syy"
    d = ka.followup_open_measures(demo, period="2023-05")
    assert (d["theme"].astype(str) + " " + d["measure_id"]).tolist() == [
        "Läpileikkaavat teemat 1.3",
        "Työllisyys ja työvoima 2.3",
        "Lapset, nuoret ja perheet 3.4",
        "Lapset, nuoret ja perheet 3.5",
        "Asuinalueet ja yhteisöllisyys 3.8",
    ]
    assert d["reason"].str.len().gt(10).all()
    missing = ka.followup_open_measures(demo, statuses="missing")
    assert len(missing) == 2
    with pytest.raises(ParameterError):
        ka.followup_open_measures(demo, statuses=["done"])


# ----------------------------------------------------------------------------- tables, figure


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


def test_every_coloured_status_cell_carries_a_symbol_and_a_word(demo):
    styler = style_measure_table(demo, period="2023-11", lang="en")
    status = styler.data["Status"]
    assert status.str.match(r"^[●◐✕○–] \w").all()
    ch = style_followup_changes(ka.followup_changes(demo), base="2023-05", current="2023-11")
    assert set(ch.data["Muutos"]) == {"▲ Edistynyt", "▼ Heikentynyt", "? Ei päivitystä"}
    t = format_followup_status(
        ka.followup_status(demo, period="2023-05"), labels=theme_labels(demo, "en"), lang="en"
    )
    assert t.iloc[0, 0] == "Cross-cutting themes" and t.iloc[-1, 0] == "All themes"
    assert t.iloc[-1, 1] == "25 (53%)"
    tr = format_transitions(ka.followup_transitions(demo))
    assert tr.iloc[-1, 0] == "Yhteensä"


def test_traffic_light_bars_are_labelled_and_hatched(demo):
    from kalliola_analysis.followup.figures import STATUS_HATCHES, plot_followup_status

    ax = plot_followup_status(ka.followup_status(demo, period="2023-11"))
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == "Läpileikkaavat teemat" and labels[-1] == "Kaikki teemat"
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [fu.status_label(c) for c in fu.STATUS_CODES]  # "missing" present here
    hatches = {p.get_hatch() or "" for p in ax.patches}
    assert {STATUS_HATCHES["started"], STATUS_HATCHES["not_realised"]} <= hatches
    texts = [t.get_text() for t in ax.texts]
    assert "28" in texts  # on track, all themes
    with pytest.raises(ParameterError):
        plot_followup_status(ka.followup_changes(demo))


def test_show_table_writes_the_data_of_a_styled_table_and_displays_escaped_html(
    tmp_path, demo, capsys
):
    from kalliola_analysis.reports import show_table

    rows = demo[demo["period"] == "2023-11"]
    show_table(
        rows,
        "Toimenpiteet 11/2023",
        formatted=style_measure_table(demo, period="2023-11"),
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


def test_measure_table_never_breaks_a_theme_mid_word(demo):
    html = style_measure_table(demo, period="2023-11").to_html()
    # the long texts may break anywhere; the theme column (col0) wraps between words only
    assert "overflow-wrap: anywhere" in html
    theme_rule = html[html.index(" .col0 {") : html.index("}", html.index(" .col0 {"))]
    assert "overflow-wrap: normal" in theme_rule and "word-break: normal" in theme_rule
    assert "width: 14%" in html  # wide enough for "Läpileikkaavat"


def test_status_and_movement_labels_are_the_i18n_strings():
    from kalliola_analysis.i18n.strings import LANGS, t

    for code in fu.STATUS_CODES:
        for lang in LANGS:
            label = t(f"followup.status.{code}", lang)
            assert fu.status_label(code, lang, symbol=False) == label
            assert fu.status_label(code, lang) == f"{fu.STATUS_SYMBOLS[code]} {label}"
            assert fu.parse_status(label.upper()) == code  # a label in a file is read back
    assert fu.status_label("not_realised", "en") == "✕ Will not be realised"
    for code in fu.MOVEMENTS:
        for lang in LANGS:
            assert fu.movement_label(code, lang, symbol=False) == t(
                f"followup.movement.{code}", lang
            )
    assert fu.movement_label("worsened") == "▼ Heikentynyt"
    assert fu.movement_label("no_update", "en") == "? No update"
    with pytest.raises(ParameterError, match="movement"):
        fu.movement_label("better")
    with pytest.raises(ParameterError, match="lang"):
        fu.movement_label("new", "sv")

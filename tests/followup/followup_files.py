"""Writers of small follow-up and indicator folders for the tests of this directory."""

from __future__ import annotations

import kalliola_analysis as ka

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


DEFS = ["id", "goal", "name_fi", "name_en", "unit", "direction", "target_invented"]


def write_indicators(
    folder, defs, values, *, defs_header=DEFS, values_header=("id", "period", "value", "target")
):
    """An indicators folder: dataset.toml and the two tables as Finnish-Excel CSV."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "dataset.toml").write_text(
        'kind = "indicators"\ntitle_fi = "M"\ntitle_en = "I"\n', encoding="utf-8"
    )
    for name, header, rows in (
        ("indicators", defs_header, defs),
        ("values", values_header, values),
    ):
        text = "\n".join([";".join(header)] + [";".join(map(str, r)) for r in rows]) + "\n"
        (folder / f"{name}.csv").write_bytes(text.encode("utf-8-sig"))
    return folder


def small_indicators(tmp_path):
    """Three indicators: up (yearly, a target), down (monthly, lower is better), none (no values)."""
    return ka.read_indicators(
        write_indicators(
            tmp_path / "ind",
            [
                ["up", 1, "Ylös", "Up", "count", "higher", "true"],
                ["down", 2, "Alas", "Down", "%", "lower", "false"],
                ["none", 2, "Tyhjä", "Empty", "count", "higher", "false"],
            ],
            [
                ["up", "2022", "100", ""],
                ["up", "2023", "110", "120"],
                ["up", "2024", "", "130"],
                ["down", "2023-05", "12,5", "10"],
                ["down", "2023-11", "9,5", "10"],
            ],
        )
    )

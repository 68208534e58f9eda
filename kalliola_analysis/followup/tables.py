"""Report-shaped follow-up tables: status cells with colour AND a symbol and text.

The functions here only rename, label and style what :mod:`~kalliola_analysis.followup.status`
computed. Every cell is HTML-escaped (the texts come from data files) and a
status is never shown by colour alone: each coloured cell also carries a
symbol and a word ("● Etenee suunnitellusti").

Examples
--------
>>> import pandas as pd
>>> from kalliola_analysis.followup.tables import style_measure_table
>>> f = pd.DataFrame({
...     "period": ["2023-05"], "theme": ["<b>T</b>"], "theme_en": [None], "goal_no": [1],
...     "goal": ["g"], "measure_id": ["1.1"], "measure": ["<script>x</script>"],
...     "indicator": [None], "responsible": ["A | B"], "status": ["on_track"], "done": ["ok"]})
>>> html = style_measure_table(f, period="2023-05").to_html()
>>> "<script>" in html, "&lt;script&gt;" in html, "● Etenee suunnitellusti" in html
(False, True, True)
>>> "background-color: #1b7837" in html
True
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from .._validation import check_option
from ..errors import ParameterError
from ..formatting import format_percent
from ..i18n.strings import check_lang, t
from ._styling import escaped_styler
from .data import FOLLOWUP_COLUMNS
from .labels import STATUS_CODES, STATUS_COLOURS, movement_label, status_label

__all__ = [
    "theme_labels",
    "format_followup_status",
    "style_measure_table",
    "style_followup_changes",
    "format_transitions",
    "style_open_measures",
]

_MOVEMENT_COLOURS = {"improved": "#d9f0d3", "worsened": "#fddbc7"}


def theme_labels(f: pd.DataFrame, lang: str = "fi") -> dict[str, str]:
    """Map each theme to its display name: ``theme_en`` in English when the data has it.

    Parameters
    ----------
    f : pandas.DataFrame
        A follow-up table from :func:`~kalliola_analysis.read_followup`.
    lang : {"fi", "en"}, default "fi"

    Returns
    -------
    dict
        ``{theme: display name}``.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> f = ka.read_followup(ka.demo_path("followup"))
    >>> theme_labels(f, "en")["Läpileikkaavat teemat"]
    'Cross-cutting themes'
    """
    check_lang(lang)
    out: dict[str, str] = {}
    for theme, en in zip(f["theme"].astype(str), f["theme_en"], strict=True):
        if lang == "en" and isinstance(en, str) and en:
            out.setdefault(theme, en)
        else:
            out.setdefault(theme, theme)
    return out


def _status_colours(lang: str) -> dict[str, str]:
    return {status_label(code, lang): STATUS_COLOURS[code] for code in STATUS_CODES}


def format_followup_status(
    status: pd.DataFrame, *, lang: str = "fi", labels: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """Write :func:`~kalliola_analysis.followup_status` (by theme) as a wide report table.

    One row per theme and a total row; one column per status with the count
    and share ("6 (50 %)"), and the number of measures.

    Parameters
    ----------
    status : pandas.DataFrame
        The result of :func:`~kalliola_analysis.followup_status` with ``by="theme"``.
    lang : {"fi", "en"}, default "fi"
    labels : mapping, optional
        Display names of the themes (:func:`theme_labels`).

    Returns
    -------
    pandas.DataFrame
        Text cells, ready to display.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> f = ka.read_followup(ka.demo_path("followup"))
    >>> t = format_followup_status(ka.followup_status(f, period="2023-05"))
    >>> t.iloc[-1].tolist()
    ['Kaikki teemat', '25 (53 %)', '17 (36 %)', '2 (4 %)', '3 (6 %)', '0 (0 %)', '47']
    """
    check_lang(lang)
    key = next((c for c in ("theme", "responsible") if c in status.columns), None)
    if key is None or "goal_no" in status.columns:
        raise ParameterError("format_followup_status takes followup_status(by='theme') output")
    rows = []
    for group, part in status.groupby(status[key].astype(str), sort=False):
        name = (
            t("followup.all_themes", lang) if group == "total" else (labels or {}).get(group, group)
        )
        row = {t("followup.col_theme", lang): name}
        by_code = part.set_index(part["status"].astype(str))
        for code in STATUS_CODES:
            n, share = int(by_code.loc[code, "n"]), by_code.loc[code, "share"]
            row[status_label(code, lang)] = f"{n} ({format_percent(share, 0, lang=lang)})"
        row[t("total", lang)] = str(int(part["n_measures"].iloc[0]))
        rows.append(row)
    return pd.DataFrame(rows)


def style_measure_table(
    f: pd.DataFrame,
    *,
    period: str,
    lang: str = "fi",
    columns: tuple[str, ...] = ("theme", "measure_id", "measure", "responsible", "status", "done"),
):
    """Return the measures of one round as a styled table: status cells coloured + labelled.

    Parameters
    ----------
    f : pandas.DataFrame
        A follow-up table from :func:`~kalliola_analysis.read_followup`.
    period : str
        The round to show.
    lang : {"fi", "en"}, default "fi"
    columns : tuple of str
        Which of :data:`~kalliola_analysis.followup.data.FOLLOWUP_COLUMNS` to show, in order.

    Returns
    -------
    pandas.io.formats.style.Styler
        Every cell HTML-escaped; the status column reads "● Etenee
        suunnitellusti" etc. on its traffic-light colour.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> f = ka.read_followup(ka.demo_path("followup"))
    >>> style_measure_table(f, period="2023-11", lang="en").data.columns.tolist()
    ['Theme', 'No.', 'Measure', 'Responsible', 'Status', 'What has been done']
    """
    check_lang(lang)
    for c in columns:
        check_option("columns", c, FOLLOWUP_COLUMNS)
    sub = f[f["period"].astype(str) == str(period)]
    if sub.empty:
        raise ParameterError(f"period {period!r} is not in the follow-up table")
    labels = theme_labels(f, lang)
    names = {
        "period": t("followup.col_period", lang),
        "theme": t("followup.col_theme", lang),
        "theme_en": t("followup.col_theme", lang) + " (en)",
        "goal_no": t("followup.col_goal", lang),
        "goal": t("followup.col_goal", lang),
        "measure_id": t("followup.col_id", lang),
        "measure": t("followup.col_measure", lang),
        "indicator": t("followup.col_indicator", lang),
        "responsible": t("followup.col_responsible", lang),
        "status": t("followup.col_status", lang),
        "done": t("followup.col_done", lang),
    }
    out = pd.DataFrame(index=range(len(sub)))
    for c in columns:
        values = sub[c].astype(object).tolist()
        if c == "status":
            values = [status_label(v, lang) for v in values]
        elif c == "theme":
            values = [labels.get(str(v), str(v)) for v in values]
        elif c == "responsible":
            values = [None if pd.isna(v) else str(v).replace(" | ", "; ") for v in values]
        out[names[c]] = [None if v is None or v is pd.NA else v for v in values]
    share = {
        "theme": 14,
        "measure_id": 5,
        "measure": 27,
        "responsible": 14,
        "status": 12,
        "done": 28,
        "indicator": 20,
        "goal": 20,
        "period": 8,
        "theme_en": 11,
        "goal_no": 5,
    }
    widths = {names[c]: share[c] for c in columns} if len(columns) == 6 else None
    return escaped_styler(
        out,
        _status_colours(lang),
        [names["status"]],
        widths=widths,
        whole_words=(names["theme"],),
    )


def style_followup_changes(
    changes: pd.DataFrame,
    *,
    base: str,
    current: str,
    lang: str = "fi",
    only_changed: bool = True,
):
    """Return :func:`~kalliola_analysis.followup_changes` as a styled report table.

    Parameters
    ----------
    changes : pandas.DataFrame
        The result of :func:`~kalliola_analysis.followup_changes`.
    base, current : str
        The two rounds (column headings).
    lang : {"fi", "en"}, default "fi"
    only_changed : bool, default True
        Leave out the measures whose movement is ``unchanged``.

    Returns
    -------
    pandas.io.formats.style.Styler
        Columns theme, number, measure, status in both rounds (coloured and
        labelled) and the movement ("▲ Edistynyt", "▼ Heikentynyt", ...).

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> f = ka.read_followup(ka.demo_path("followup"))
    >>> ch = ka.followup_changes(f, "2023-05", "2023-11")
    >>> s = style_followup_changes(ch, base="2023-05", current="2023-11")
    >>> s.data.iloc[0, -1]
    '▲ Edistynyt'
    """
    check_lang(lang)
    rows = changes if not only_changed else changes[changes["movement"].astype(str) != "unchanged"]
    col_b = t("followup.col_status_in", lang, period=base)
    col_c = t("followup.col_status_in", lang, period=current)
    if col_b == col_c:
        raise ParameterError("base and current must differ")

    def lab(v):
        if v is None or v is pd.NA or (isinstance(v, float) and pd.isna(v)):
            return t("followup.col_absent", lang)
        return status_label(v, lang)

    out = pd.DataFrame(
        {
            t("followup.col_theme", lang): rows["theme"].astype(str).tolist(),
            t("followup.col_id", lang): rows["measure_id"].astype(str).tolist(),
            t("followup.col_measure", lang): rows["measure"].astype(object).tolist(),
            col_b: [lab(v) for v in rows["status_base"].astype(object)],
            col_c: [lab(v) for v in rows["status_current"].astype(object)],
            t("followup.col_movement", lang): [
                movement_label(m, lang) for m in rows["movement"].astype(str)
            ],
        }
    )
    colours = _status_colours(lang)
    colours.update({movement_label(m, lang): c for m, c in _MOVEMENT_COLOURS.items()})
    return escaped_styler(
        out,
        colours,
        [col_b, col_c, t("followup.col_movement", lang)],
        widths=dict(zip(out.columns, (14, 6, 44, 12, 12, 12), strict=True)),
        whole_words=(t("followup.col_theme", lang),),
    )


def format_transitions(transitions: pd.DataFrame, *, lang: str = "fi") -> pd.DataFrame:
    """Label the rows and columns of :func:`~kalliola_analysis.followup_transitions`.

    Parameters
    ----------
    transitions : pandas.DataFrame
        The result of :func:`~kalliola_analysis.followup_transitions`.
    lang : {"fi", "en"}, default "fi"

    Returns
    -------
    pandas.DataFrame
        The same counts with status labels (symbol and word) as row and column names.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> f = ka.read_followup(ka.demo_path("followup"))
    >>> t = format_transitions(ka.followup_transitions(f), lang="en")
    >>> list(t.columns[:2])
    ['Previous \\\\ current', '● On track']
    """
    check_lang(lang)

    def name(code: str) -> str:
        if code in STATUS_CODES:
            return status_label(code, lang)
        return t("total" if code == "total" else "followup.col_absent", lang)

    out = transitions.copy()
    out["status_base"] = [name(c) for c in out["status_base"].astype(str)]
    out = out.rename(columns={c: name(c) for c in out.columns if c != "status_base"})
    return out.rename(columns={"status_base": t("followup.col_from_to", lang)})


def style_open_measures(open_measures: pd.DataFrame, *, lang: str = "fi"):
    """Return :func:`~kalliola_analysis.followup_open_measures` as a styled table.

    Parameters
    ----------
    open_measures : pandas.DataFrame
        The result of :func:`~kalliola_analysis.followup_open_measures`.
    lang : {"fi", "en"}, default "fi"

    Returns
    -------
    pandas.io.formats.style.Styler
        Every cell escaped; the status coloured and labelled.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> f = ka.read_followup(ka.demo_path("followup"))
    >>> s = style_open_measures(ka.followup_open_measures(f, period="2023-05"))
    >>> s.data.columns.tolist()
    ['Teema', 'Nro', 'Toimenpide', 'Vastuutaho', 'Tila', 'Perustelu / tilanne']
    """
    check_lang(lang)
    out = pd.DataFrame(
        {
            t("followup.col_theme", lang): open_measures["theme"].astype(str).tolist(),
            t("followup.col_id", lang): open_measures["measure_id"].astype(str).tolist(),
            t("followup.col_measure", lang): open_measures["measure"].astype(object).tolist(),
            t("followup.col_responsible", lang): [
                None if pd.isna(v) else str(v).replace(" | ", "; ")
                for v in open_measures["responsible"].astype(object)
            ],
            t("followup.col_status", lang): [
                status_label(v, lang) for v in open_measures["status"].astype(object)
            ],
            t("followup.col_reason", lang): [
                None if pd.isna(v) else v for v in open_measures["reason"].astype(object)
            ],
        }
    )
    return escaped_styler(
        out,
        _status_colours(lang),
        [t("followup.col_status", lang)],
        widths=dict(zip(out.columns, (14, 5, 27, 14, 12, 28), strict=True)),
        whole_words=(t("followup.col_theme", lang),),
    )

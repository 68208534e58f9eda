"""The strategy indicator table of the follow-up report: status, change and a text sparkline.

Like :mod:`~kalliola_analysis.followup.tables`, it only labels and styles what
:func:`~kalliola_analysis.indicator_status` and
:func:`~kalliola_analysis.indicator_history` computed; every cell is
HTML-escaped and a status carries a symbol and a word besides its colour.

Examples
--------
>>> import kalliola_analysis as ka
>>> ind = ka.load_demo("indicators")
>>> s = style_indicator_table(ka.indicator_status(ind), ind, lang="en")
>>> s.data.columns[-1], s.data.iloc[0, -1]
('Trend', '▁█')
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import pandas as pd

from ..formatting import format_number
from ..i18n.strings import check_lang, t
from ._styling import escaped_styler
from .indicator_progress import indicator_history
from .labels import INDICATOR_STATUS_CODES, indicator_status_label

__all__ = ["style_indicator_table", "sparkline"]

_INDICATOR_COLOURS = {
    "on_track": "#1b7837",
    "behind": "#f6c141",
    "no_data": "#ffffff",
    "no_target": "#d9d9d9",
}

_BLOCKS = "▁▂▃▄▅▆▇█"


def sparkline(values: Sequence[float | None]) -> str:
    """Return a text sparkline (``▁▂▃▄▅▆▇█``) of ``values``; a gap is a space.

    Text, not colour: it survives escaping, copying and greyscale printing.

    Parameters
    ----------
    values : sequence of float or None
        The values in time order; ``None``/``NaN`` leave a gap.

    Returns
    -------
    str
        One character per value.

    Examples
    --------
    >>> sparkline([1, 2, 3, 8])
    '▁▂▃█'
    >>> sparkline([5, None, 5])
    '▄ ▄'
    >>> sparkline([])
    ''
    """
    vals = [
        None if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA else float(v)
        for v in values
    ]
    present = [v for v in vals if v is not None]
    if not present:
        return " " * len(vals)
    lo, hi = min(present), max(present)
    out = []
    for v in vals:
        if v is None:
            out.append(" ")
        elif hi == lo:
            out.append(_BLOCKS[3])
        else:
            out.append(_BLOCKS[round((v - lo) / (hi - lo) * (len(_BLOCKS) - 1))])
    return "".join(out)


def _value_text(v: Any, unit: str, lang: str) -> str:
    if v is None or v is pd.NA or (isinstance(v, float) and pd.isna(v)):
        return "–"
    decimals = 0 if float(v) == int(float(v)) and unit != "score" else 1
    text = format_number(v, decimals, lang=lang)
    if unit == "%":
        return t("percent", lang, x=text)
    return text


def style_indicator_table(status: pd.DataFrame, ind: pd.DataFrame, *, lang: str = "fi"):
    """Return the strategy indicators as a styled table with status and a trend sparkline.

    Parameters
    ----------
    status : pandas.DataFrame
        The result of :func:`~kalliola_analysis.indicator_status`.
    ind : pandas.DataFrame
        The indicators from :func:`~kalliola_analysis.read_indicators` (for
        the goal names and the trend).
    lang : {"fi", "en"}, default "fi"

    Returns
    -------
    pandas.io.formats.style.Styler
        Columns strategic goal, indicator, period, value, target (``*`` =
        invented), status ("● Tavoitteessa" / "◆ Jäljessä" ... on a colour),
        change since the previous period, and a text sparkline of the values
        up to the period shown (so a status ``as_of`` a round shows no later
        value in the trend either; an indicator without a period has none).

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> ind = ka.read_indicators(ka.demo_path("indicators"))
    >>> s = style_indicator_table(ka.indicator_status(ind), ind)
    >>> s.data.iloc[0, 1:].tolist()
    ['Facebook-seuraajat', '2023', '4 071', '4 000*', '● Tavoitteessa', '+230 (+6,0 %)', '▁█']
    >>> s = style_indicator_table(ka.indicator_status(ind, as_of="2022-12"), ind)
    >>> s.data.iloc[0, [2, 7]].tolist()
    ['2022', '▄']
    """
    check_lang(lang)
    goal_col = "goal_fi" if lang == "fi" else "goal_en"
    goal_names = {
        int(g): (f"{int(g)}. {n}" if isinstance(n, str) and n else str(int(g)))
        for g, n in zip(ind["goal"], ind[goal_col], strict=True)
    }
    # the trend up to the period shown, so a report as of a round shows no later value
    history = indicator_history(ind, as_of=dict(zip(status["id"], status["period"], strict=True)))
    rows = []
    for rec in status.itertuples(index=False):
        part = history[history["id"] == rec.id]
        unit = str(rec.unit)
        target = _value_text(rec.target, unit, lang)
        if bool(rec.target_invented) and target != "–":
            target += "*"
        if pd.isna(rec.change):
            change = "–"
        else:
            change = format_number(
                rec.change, 0 if float(rec.change).is_integer() else 1, lang=lang, sign=True
            )
            if not pd.isna(rec.change_pct):
                pct = format_number(rec.change_pct, 1, lang=lang, sign=True)
                change += f" ({t('percent', lang, x=pct)})"
        code = str(rec.status)
        rows.append(
            {
                t("followup.col_strategic_goal", lang): goal_names.get(int(rec.goal), ""),
                t("followup.col_name", lang): rec.name_fi if lang == "fi" else rec.name_en,
                t("followup.col_period", lang): "–" if pd.isna(rec.period) else rec.period,
                t("value", lang): _value_text(rec.value, unit, lang),
                t("followup.col_target", lang): target,
                t("followup.col_status", lang): indicator_status_label(code, lang),
                t("change", lang): change,
                t("followup.col_trend", lang): sparkline(
                    part.loc[part["value"].notna(), "value"].astype("float64").tolist()
                ),
            }
        )
    out = pd.DataFrame(rows)
    colours = {
        indicator_status_label(c, lang): _INDICATOR_COLOURS[c] for c in INDICATOR_STATUS_CODES
    }
    numbers = ("followup.col_period", "value", "followup.col_target", "change")
    return escaped_styler(
        out,
        colours,
        [t("followup.col_status", lang)],
        right=tuple(t(k, lang) for k in numbers),
    )

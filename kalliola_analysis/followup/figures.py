"""Follow-up figures: a traffic-light bar per theme, and indicator sparklines.

Colour is never the only cue: every status segment has its own hatching and
is labelled with its count, the legend names the statuses with their symbols,
and sparklines mark the target and write the latest value.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import to_rgb
from matplotlib.patches import Patch
from matplotlib.ticker import FixedLocator, FuncFormatter

from ..errors import ParameterError
from ..formatting import format_number, format_percent
from ..i18n.strings import check_lang
from ..plotting import (
    despine,
    label_lines,
    legend_below,
    literal_text,
    new_ax,
    require_columns,
    text_color,
    wrap,
)
from .indicator_progress import indicator_history
from .labels import STATUS_CODES, STATUS_COLOURS, status_label

__all__ = ["STATUS_HATCHES", "plot_followup_status", "plot_indicator_sparklines"]

#: Hatching per status, so that the bar reads in a greyscale print.
STATUS_HATCHES = {
    "on_track": "",
    "started": "//",
    "not_realised": "xx",
    "not_started": "..",
    "missing": "",
}
_EDGE = "#4d4d4d"
_TITLE = {"fi": "Toimenpiteiden tilanne teemoittain", "en": "Status of the measures by theme"}
_AXIS = {"fi": "Osuus toimenpiteistä", "en": "Share of measures"}
_TOTAL = {"fi": "Kaikki teemat", "en": "All themes"}


def plot_followup_status(
    status: pd.DataFrame,
    *,
    lang: str = "fi",
    labels: Mapping[str, str] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw the traffic-light summary: one stacked bar of status shares per theme.

    Parameters
    ----------
    status : pandas.DataFrame
        The result of :func:`~kalliola_analysis.followup_status` with
        ``by="theme"`` (one round). Its ``total`` rows become the last bar.
    lang : {"fi", "en"}, default "fi"
    labels : mapping, optional
        Display names of the themes (e.g. English names), by theme.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when ``None``.

    Returns
    -------
    matplotlib.axes.Axes
        Bars top to bottom in the data's theme order; each segment is
        labelled with its number of measures (segments narrower than 4 % are
        left unlabelled, their count is in the table).

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> from kalliola_analysis.followup.figures import plot_followup_status
    >>> f = ka.read_followup(ka.demo_path("followup"))
    >>> ax = plot_followup_status(ka.followup_status(f, period="2023-05"))
    >>> [t.get_text() for t in ax.get_yticklabels()][-1]
    'Kaikki teemat'
    >>> ax.get_legend().get_texts()[0].get_text()
    '● Etenee suunnitellusti'
    """
    check_lang(lang)
    require_columns(status, ["theme", "status", "n", "n_measures", "share"], "plot_followup_status")
    if status["period"].nunique() > 1 if "period" in status else False:
        raise ParameterError("plot_followup_status draws one round; select one period first")
    themes = list(dict.fromkeys(status["theme"].astype(str)))
    if "total" in themes:
        themes = [t for t in themes if t != "total"] + ["total"]
    names = {t: (labels or {}).get(t, t) for t in themes}
    names["total"] = _TOTAL[lang]
    shown_names = [wrap(names[t], 30) for t in themes]
    pitch = max(0.6, 0.17 * label_lines(shown_names) + 0.2)  # a bar fits its wrapped name
    ax = new_ax(ax, (8.5, pitch * len(themes) + 1.6))
    y = np.arange(len(themes))[::-1]
    left = np.zeros(len(themes))
    handles = []
    for code in STATUS_CODES:
        sel = status[status["status"].astype(str) == code]
        rows = sel.set_index(sel["theme"].astype(str))
        shares = np.array([float(rows["share"].get(t, 0.0) or 0.0) for t in themes])
        counts = [int(rows["n"].get(t, 0)) for t in themes]
        if code == "missing" and not any(counts):
            continue
        colour = STATUS_COLOURS[code]
        # hatch lines in the text colour: white on dark fills, so they stay visible
        hatch_colour = "white" if text_color(to_rgb(colour)) == "white" else _EDGE
        ax.barh(
            y,
            shares,
            left=left,
            color=colour,
            edgecolor=_EDGE,
            linewidth=0.6,
            hatch=STATUS_HATCHES[code],
            height=0.7,
            hatchcolor=hatch_colour,
        )
        fg = text_color(to_rgb(colour))
        for yi, x0, w, n in zip(y, left, shares, counts, strict=True):
            if n and w >= 0.04:
                ax.text(
                    x0 + w / 2,
                    yi,
                    str(n),
                    ha="center",
                    va="center",
                    fontsize=9,
                    color=fg,
                    bbox={"boxstyle": "round,pad=0.15", "fc": colour, "ec": "none", "alpha": 0.9}
                    if STATUS_HATCHES[code]
                    else None,
                )
        left += shares
        handles.append(
            Patch(
                facecolor=colour,
                edgecolor=_EDGE,
                hatch=STATUS_HATCHES[code],
                hatchcolor=hatch_colour,
                label=status_label(code, lang),
            )
        )
    ax.set_yticks(y)
    ax.set_yticklabels(shown_names)
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_locator(FixedLocator([0, 0.25, 0.5, 0.75, 1.0]))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: format_percent(v, 0, lang=lang)))
    ax.set_xlabel(_AXIS[lang])
    ax.set_title(_TITLE[lang], loc="left")
    if len(themes) > 1:
        ax.axhline(y[-1] + 0.5, color=_EDGE, linewidth=0.8)
    legend_below(ax, handles, ncol=2, fontsize=9)
    despine(ax)
    literal_text(ax)
    return ax


def plot_indicator_sparklines(
    ind: pd.DataFrame,
    *,
    lang: str = "fi",
    ncols: int = 3,
    axes: Sequence[Axes] | None = None,
    as_of: str | None = None,
) -> np.ndarray:
    """Draw one small trend line per indicator, its targets as open markers.

    Parameters
    ----------
    ind : pandas.DataFrame
        The result of :func:`~kalliola_analysis.read_indicators`.
    lang : {"fi", "en"}, default "fi"
    ncols : int, default 3
        Columns of the grid of small figures.
    axes : sequence of Axes, optional
        One Axes per indicator; a new figure when ``None``.
    as_of : str, optional
        A report date ``"YYYY-MM"`` (or ``"YYYY"``): values of later periods
        are not drawn (their targets are, to show where the indicator is
        heading), as :func:`~kalliola_analysis.indicator_history` selects
        them: a year counts from its start.

    Returns
    -------
    numpy.ndarray of matplotlib.axes.Axes
        One per indicator (in file order); unused grid cells are hidden.
        Values are a solid line with filled dots, targets open squares, the
        latest value is written at the end of the line.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> from kalliola_analysis.followup.figures import plot_indicator_sparklines
    >>> axes = plot_indicator_sparklines(ka.read_indicators(ka.demo_path("indicators")))
    >>> axes[0].get_title(loc="left")
    'Facebook-seuraajat'
    >>> axes = plot_indicator_sparklines(ka.load_demo("indicators"), as_of="2022-12")
    >>> [t.get_text() for t in axes[0].texts]  # the latest value drawn is 2022's
    ['3 841']
    """
    import matplotlib.pyplot as plt

    check_lang(lang)
    require_columns(
        ind, ["id", "name_fi", "name_en", "period", "value", "target"], "plot_indicator_sparklines"
    )
    if isinstance(ncols, bool) or not isinstance(ncols, int) or ncols < 1:
        raise ParameterError(f"ncols must be a whole number >= 1, got {ncols!r}")
    ids = list(dict.fromkeys(ind["id"].astype(str)))
    name_col = "name_fi" if lang == "fi" else "name_en"
    names = ind.drop_duplicates("id").set_index(ind.drop_duplicates("id")["id"].astype(str))
    titles = {i: wrap(str(names[name_col].get(i, i)), 32) for i in ids}
    if axes is None:
        nrows = max(1, math.ceil(len(ids) / ncols))
        height = 1.05 + 0.16 * label_lines(list(titles.values()))  # a row fits its titles
        fig, grid = plt.subplots(
            nrows, ncols, figsize=(3.0 * ncols, height * nrows), layout="constrained", squeeze=False
        )
        flat = list(grid.flat)
        for extra in flat[len(ids) :]:
            extra.set_visible(False)
        axes = flat[: len(ids)]
    elif len(axes) < len(ids):
        raise ParameterError(f"axes has {len(axes)} Axes for {len(ids)} indicators")
    history = indicator_history(ind, as_of=as_of)
    for ax, iid in zip(axes, ids, strict=False):
        part = history[history["id"].astype(str) == iid]
        periods = part["period"].astype(str).tolist()
        x = np.arange(len(periods))
        values = part["value"].astype("float64").to_numpy()
        targets = part["target"].astype("float64").to_numpy()
        ax.plot(x, values, color="#2c6e9b", marker="o", markersize=3.5, linewidth=1.5)
        ax.plot(
            x,
            targets,
            linestyle="none",
            marker="s",
            markersize=4.5,
            markerfacecolor="white",
            markeredgecolor="#4d4d4d",
        )
        ok = ~np.isnan(values)
        if ok.any():
            last = int(np.flatnonzero(ok)[-1])
            v = float(values[last])
            ax.annotate(
                format_number(v, 0 if v.is_integer() or abs(v) >= 100 else 1, lang=lang),
                (x[last], values[last]),
                textcoords="offset points",
                xytext=(4, 4),
                fontsize=8,
            )
        ax.set_title(titles[iid], fontsize=9, loc="left")
        # headroom above the highest mark for the latest value's label
        marks = np.concatenate([values, targets])
        if np.isfinite(marks).any():
            lo, hi = np.nanmin(marks), np.nanmax(marks)
            span = (hi - lo) or max(abs(hi), 1.0) * 0.1
            ax.set_ylim(lo - 0.2 * span, hi + 0.6 * span)
        ax.set_xticks(x)
        ax.set_xticklabels(periods, fontsize=7)
        ax.tick_params(axis="y", labelsize=7)
        ax.margins(x=0.15)
        despine(ax)
        literal_text(ax)
    return np.asarray(axes, dtype=object)

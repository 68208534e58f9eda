"""Statement means over survey rounds."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter

from ..errors import ParameterError
from ..formatting import format_number, format_period
from ..i18n import check_lang, t
from ._style import (
    HIDDEN_EDGE,
    HIDDEN_FACE,
    HIDDEN_HATCH,
    LINESTYLES,
    MARKERS,
    SUMMARY_COLUMNS,
    despine,
    hidden_label,
    new_ax,
    question_texts,
    require_columns,
    suppression,
    wrap,
)

__all__ = ["plot_trend"]

_KNOWN = SUMMARY_COLUMNS | {"period"}


def plot_trend(
    summary: pd.DataFrame,
    *,
    lang: str = "fi",
    labels: Mapping[str, str] | None = None,
    ylim: tuple[float, float] = (1, 5),
    ax: Axes | None = None,
) -> Axes:
    """Draw each statement's mean over the survey rounds.

    One line per statement, each with its own marker and line style so the
    lines can be told apart in greyscale. A round where a statement was not
    asked or is hidden leaves a gap (the mean is missing there), and a round
    with hidden means is labelled "piilotettu" / "hidden" at the foot of the
    axis; a statement asked in one round only is a lone marker.

    Parameters
    ----------
    summary : pandas.DataFrame
        The result of ``likert_summary(survey, by="period")`` (``period``,
        ``question``, ``mean``), optionally filtered to some statements. Every
        period in the frame (every category of a categorical ``period``) gets
        a tick, oldest first.
    lang : {"fi", "en"}, default "fi"
        Language of the title, axis labels and period ticks (``11/2023``).
    labels : mapping of str to str, optional
        Statement texts by question id; default a ``statement`` column, else ids.
    ylim : tuple of float, default (1, 5)
        The y-axis range (the answer scale).
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when ``None``.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on.

    Raises
    ------
    kalliola_analysis.errors.ParameterError
        The frame lacks a column, or has another group column with several
        values (filter it first, e.g. to one unit).

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> pulse = ka.load_demo("pulse")
    >>> ax = ka.plot_trend(ka.likert_summary(pulse, by="period"), lang="en")
    >>> [tick.get_text() for tick in ax.get_xticklabels()]
    ['10/2022', '5/2023', '11/2023']
    """
    check_lang(lang)
    require_columns(summary, ["period", "question", "mean"], "plot_trend")
    others = [c for c in summary.columns if c not in _KNOWN and not str(c).startswith("share_")]
    varying = [c for c in others if summary[c].nunique() > 1]
    if varying:
        raise ParameterError(
            f"plot_trend draws one group over time; the frame has several values of {varying}. "
            "Filter it to one group first."
        )
    period = summary["period"]
    if isinstance(period.dtype, pd.CategoricalDtype):
        periods = [str(p) for p in period.cat.categories]
    else:
        periods = sorted(str(p) for p in period.dropna().unique())
    pos = {p: i for i, p in enumerate(periods)}
    texts = question_texts(summary, labels)
    questions = list(dict.fromkeys(summary["question"].astype(str)))
    ax = new_ax(ax, (9, 5))
    for i, q in enumerate(questions):
        rows = summary[summary["question"].astype(str) == q]
        y = np.full(len(periods), np.nan)
        for p, m in zip(rows["period"].astype(str), rows["mean"], strict=True):
            y[pos[p]] = np.nan if pd.isna(m) else float(m)
        ax.plot(
            np.arange(len(periods)),
            y,
            marker=MARKERS[i % len(MARKERS)],
            linestyle=LINESTYLES[(i // len(MARKERS) + i) % len(LINESTYLES)],
            linewidth=1.5,
            markersize=6,
            label=wrap(texts[q], 40),
        )
    kinds = suppression(summary)
    hidden_periods = {
        str(p) for p, k in zip(summary["period"], kinds, strict=True) if k == "hidden"
    }
    for p in periods:
        if p in hidden_periods:
            ax.text(
                pos[p],
                ylim[0] + 0.04 * (ylim[1] - ylim[0]),
                hidden_label("hidden", lang),
                ha="center",
                va="bottom",
                style="italic",
                color="#404040",
                bbox={"fc": HIDDEN_FACE, "ec": HIDDEN_EDGE, "hatch": HIDDEN_HATCH},
            )
    ax.set_xticks(np.arange(len(periods)), [format_period(p, lang=lang) for p in periods])
    ax.set_xlim(-0.3, len(periods) - 0.7)
    ax.set_ylim(*ylim)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: format_number(v, 1, lang=lang)))
    ax.set_ylabel(t("axis_mean", lang))
    ax.set_xlabel(t("period", lang))
    ax.set_title(t("title_trend", lang))
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize="small")
    despine(ax)
    return ax

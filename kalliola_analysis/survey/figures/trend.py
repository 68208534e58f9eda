"""Statement means over survey rounds."""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter, MultipleLocator

from ...errors import ParameterError
from ...formatting import format_number, format_period
from ...i18n.strings import check_lang, t
from ...plotting import (
    HIDDEN_EDGE,
    HIDDEN_FACE,
    HIDDEN_HATCH,
    LINESTYLES,
    MARKERS,
    SUMMARY_COLUMNS,
    despine,
    hidden_label,
    literal_text,
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
    """Draw each statement's mean over the survey rounds, a small panel per statement.

    Without ``ax``, a new figure holds one panel per statement (small
    multiples: the same rounds and the same answer scale in every panel,
    titled with the statement), so 1 to 15 statements stay readable; the
    first panel is returned and ``ax.figure.axes`` holds them all. With
    ``ax``, every statement is a line in that one Axes, each with its own
    marker and line style so the lines can be told apart in greyscale (for a
    few statements). A round where a statement was not asked or is hidden
    leaves a gap (the mean is missing there), and a round with a hidden mean
    is labelled "piilotettu" / "hidden" at the foot of the axis; a statement
    asked in one round only is a lone marker.

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
        Where to draw all statements as lines; small multiples in a new
        figure when ``None``.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``, or the first panel of the new figure (the figure's title is
        its suptitle).

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
    >>> panels = [a for a in ax.figure.axes if a.get_visible()]
    >>> len(panels)  # a panel per statement
    11
    >>> [tick.get_text() for tick in panels[-1].get_xticklabels()]
    ['10/2022', '5/2023', '11/2023']
    >>> ax.figure.get_suptitle()
    'Statement means by round'
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
    kinds = suppression(summary)
    series = {}
    for q in questions:
        sel = (summary["question"].astype(str) == q).to_numpy()
        y = np.full(len(periods), np.nan)
        hidden = []
        for p, m, k in zip(summary.loc[sel, "period"].astype(str), summary.loc[sel, "mean"],
                           kinds[sel], strict=True):  # fmt: skip
            y[pos[p]] = np.nan if pd.isna(m) else float(m)
            if k == "hidden":
                hidden.append(pos[p])
        series[q] = (y, hidden)

    if ax is not None:
        for i, q in enumerate(questions):
            ax.plot(
                np.arange(len(periods)),
                series[q][0],
                marker=MARKERS[i % len(MARKERS)],
                linestyle=LINESTYLES[(i // len(MARKERS) + i) % len(LINESTYLES)],
                linewidth=1.5,
                markersize=6,
                label=wrap(texts[q], 40),
            )
        hidden_all = sorted({p for q in questions for p in series[q][1]})
        _decorate(ax, periods, hidden_all, ylim, lang)
        ax.set_ylabel(t("axis_mean", lang))
        ax.set_xlabel(t("period", lang))
        ax.set_title(t("title_trend", lang))
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize="small")
        literal_text(ax)
        return ax

    panels = _panels(len(questions), texts=[texts[q] for q in questions])
    for panel, q in zip(panels, questions, strict=False):
        y, hidden = series[q]
        panel.plot(np.arange(len(periods)), y, marker="o", linewidth=1.5, markersize=5,
                   color="#2c6e9b")  # fmt: skip
        _decorate(panel, periods, hidden, ylim, lang)
    fig = panels[0].get_figure(root=True)
    fig.suptitle(t("title_trend", lang))
    fig.supxlabel(t("period", lang), fontsize="medium")
    fig.supylabel(t("axis_mean", lang), fontsize="medium")
    literal_text(*panels)
    return panels[0]


def _panels(n: int, texts: list[str]) -> list[Axes]:
    """A new figure of ``n`` panels sharing both axes, titled with ``texts`` (wrapped)."""
    import matplotlib.pyplot as plt

    n = max(n, 1)
    ncols = 1 if n == 1 else 2 if n <= 4 else 3
    nrows = math.ceil(n / ncols)
    width = {1: 45, 2: 50, 3: 36}[ncols]
    titles = [wrap(s, width) for s in texts]
    lines = max((s.count("\n") + 1 for s in titles), default=1)
    fig, grid = plt.subplots(
        nrows,
        ncols,
        sharex=True,
        sharey=True,
        squeeze=False,
        layout="constrained",
        figsize=(5.0 if ncols == 1 else 9.0, 0.8 + nrows * (1.55 + 0.16 * lines)),
    )
    flat = list(grid.flat)
    for i, panel in enumerate(flat):
        if i >= len(texts):
            panel.set_visible(False)
            continue
        panel.set_title(titles[i], fontsize=9, loc="left")
        if i + ncols >= len(texts):  # nothing drawn below: this panel shows the rounds
            panel.xaxis.set_tick_params(labelbottom=True)
    return flat[: len(texts)] or flat[:1]


def _decorate(
    ax: Axes, periods: list[str], hidden: list[int], ylim: tuple[float, float], lang: str
) -> None:
    """Ticks, limits, grid and the hidden-round labels of one trend Axes."""
    for x in hidden:
        ax.text(
            x,
            ylim[0] + 0.04 * (ylim[1] - ylim[0]),
            hidden_label("hidden", lang),
            ha="center",
            va="bottom",
            style="italic",
            fontsize="small",
            color="#404040",
            bbox={"fc": HIDDEN_FACE, "ec": HIDDEN_EDGE, "hatch": HIDDEN_HATCH},
        )
    ax.set_xticks(np.arange(len(periods)), [format_period(p, lang=lang) for p in periods])
    ax.set_xlim(-0.3, len(periods) - 0.7)
    ax.set_ylim(*ylim)
    ax.yaxis.set_major_locator(MultipleLocator(1.0))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: format_number(v, 1, lang=lang)))
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    despine(ax)

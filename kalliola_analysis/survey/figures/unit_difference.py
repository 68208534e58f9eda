"""A unit's difference from the rest of the organisation, coloured by the difference."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import TwoSlopeNorm
from matplotlib.ticker import FuncFormatter

from ...formatting import format_number
from ...i18n.strings import check_lang, t
from ...plotting import (
    HIDDEN_EDGE,
    HIDDEN_FACE,
    despine,
    hidden_label,
    literal_text,
    new_ax,
    question_texts,
    require_columns,
    suppression,
    wrap,
)

__all__ = ["plot_unit_difference"]


def plot_unit_difference(
    table: pd.DataFrame,
    *,
    lang: str = "fi",
    labels: Mapping[str, str] | None = None,
    limit: float | None = None,
    alpha: float = 0.05,
    ax: Axes | None = None,
) -> Axes:
    """Draw each statement's difference between a unit and the rest as a coloured dot chart.

    One row per statement (and theme), a dot at the difference ``unit - rest``
    coloured on a diverging scale centred at 0 (red below the rest of the
    organisation, blue above), so the colour shows the *difference*, not the
    level. A thick black ring marks an adjusted p-value below ``alpha``, a
    thin grey ring the rest. The difference is written beside every dot; hidden and
    not-asked rows are written as such, never drawn as a value.

    Parameters
    ----------
    table : pandas.DataFrame
        The result of :func:`~kalliola_analysis.unit_vs_organisation`.
    lang : {"fi", "en"}, default "fi"
        Language of the title and numbers.
    labels : mapping of str to str, optional
        Statement texts by question id; theme names are shown as they are.
    limit : float, optional
        The colour scale runs from ``-limit`` to ``limit``; default the
        largest absolute difference (at least 0.5).
    alpha : float, default 0.05
        Significance level for the filled markers (on ``p_adj``).
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when ``None``.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> pulse = ka.load_demo("pulse")
    >>> u = ka.unit_vs_organisation(pulse, unit="Kalliolan Klinikka", period="2023-11")
    >>> ax = ka.plot_unit_difference(u, labels=ka.statement_labels(pulse), lang="en")
    >>> ax.get_title()
    'Kalliolan Klinikka: difference from the rest of the organisation'
    """
    check_lang(lang)
    require_columns(table, ["unit", "question", "diff", "p_adj"], "plot_unit_difference")
    texts = question_texts(table, labels)
    kinds = suppression(table).tolist()
    diffs = table["diff"].to_numpy(dtype=float)
    shown = np.array([k is None for k in kinds]) & ~np.isnan(diffs)
    if limit is None:
        limit = max(0.5, float(np.nanmax(np.abs(diffs[shown]))) if shown.any() else 0.5)
    norm = TwoSlopeNorm(vcenter=0.0, vmin=-limit, vmax=limit)
    import matplotlib as mpl

    cmap = mpl.colormaps["RdBu"]
    n = len(table)
    ax = new_ax(ax, (8.0, 1.0 + 0.45 * max(n, 1)))
    y = np.arange(n)[::-1]
    ax.axvline(0, color="#444444", linewidth=1, zorder=1)
    p_adj = table["p_adj"].to_numpy(dtype=float)
    for i in range(n):
        if not shown[i]:
            ax.text(
                0,
                y[i],
                hidden_label(kinds[i] or "hidden", lang),
                ha="center",
                va="center",
                fontsize="small",
                style="italic",
                bbox={"fc": HIDDEN_FACE, "ec": HIDDEN_EDGE, "pad": 2},
                gid="hidden" if kinds[i] != "not asked" else "not asked",
            )
            continue
        colour = cmap(norm(diffs[i]))
        significant = bool(p_adj[i] < alpha) if not np.isnan(p_adj[i]) else False
        ax.plot([0, diffs[i]], [y[i], y[i]], color=colour, linewidth=2, zorder=2)
        ax.scatter(
            [diffs[i]],
            [y[i]],
            s=90 if significant else 70,
            color=colour,
            edgecolors="black" if significant else "#8c8c8c",
            linewidths=2.2 if significant else 0.8,
            zorder=3,
            gid="significant" if significant else "not significant",
        )
        ax.annotate(
            format_number(diffs[i], 2, lang=lang, sign=True),
            (diffs[i], y[i]),
            xytext=(8 if diffs[i] >= 0 else -8, 0),
            textcoords="offset points",
            ha="left" if diffs[i] >= 0 else "right",
            va="center",
            fontsize="small",
        )
    names = [str(q) for q in table["question"]]
    ax.set_yticks(y)
    ax.set_yticklabels([wrap(texts.get(q, q), 50) for q in names])
    ax.set_ylim(-0.7, n - 0.3)
    ax.set_xlim(-limit * 1.6, limit * 1.6)  # room for the value labels
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: format_number(v, 1, lang=lang)))
    sm = mpl.cm.ScalarMappable(norm=norm, cmap=cmap)
    cbar = ax.figure.colorbar(sm, ax=ax, shrink=0.8)
    cbar.set_label(t("unit_difference.diff", lang))
    cbar.ax.yaxis.set_major_formatter(
        FuncFormatter(lambda v, _: format_number(v, 1, lang=lang, sign=True))
    )
    unit = str(table["unit"].iloc[0]) if n else ""
    ax.set_title(t("unit_difference.title", lang, unit=unit))
    ax.set_xlabel(f"{t('unit_difference.diff', lang)} ({t('unit_difference.significant', lang)})")
    despine(ax)
    literal_text(ax, cbar.ax)  # unit names and statement texts come from data
    return ax

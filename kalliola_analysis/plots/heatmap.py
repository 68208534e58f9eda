"""Statement means by unit as an annotated heatmap, hidden cells marked."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle
from matplotlib.ticker import FuncFormatter

from ..formatting import format_number
from ..i18n import check_lang, t
from ._style import (
    HIDDEN_EDGE,
    HIDDEN_FACE,
    HIDDEN_HATCH,
    hidden_label,
    new_ax,
    question_texts,
    require_columns,
    suppression,
    wrap,
)

__all__ = ["plot_heatmap"]


def _order(values: pd.Series) -> list[str]:
    if isinstance(values.dtype, pd.CategoricalDtype):
        present = set(values.astype(str))
        return [str(c) for c in values.cat.categories if str(c) in present]
    return list(dict.fromkeys(values.astype(str)))


def plot_heatmap(
    long_frame: pd.DataFrame,
    *,
    lang: str = "fi",
    labels: Mapping[str, str] | None = None,
    vmin: float = 1,
    vmax: float = 5,
    decimals: int = 1,
    ax: Axes | None = None,
) -> Axes:
    """Draw statement means by unit as a heatmap with every value written in it.

    Rows are statements, columns units. A hidden cell is drawn grey and
    hatched with the text "piil." / "hidden"; a statement not asked in a unit
    is grey with "–". No cell is ever left blank or drawn as a value.

    Parameters
    ----------
    long_frame : pandas.DataFrame
        The result of :func:`~kalliola_analysis.unit_heatmap_table` (``unit``,
        ``question``, ``mean``, ``suppressed``), one row per unit and statement.
    lang : {"fi", "en"}, default "fi"
        Language of the title and of the numbers (``4,6`` / ``4.6``).
    labels : mapping of str to str, optional
        Statement texts by question id; default a ``statement`` column, else ids.
    vmin, vmax : float, default 1 and 5
        The ends of the colour scale (the answer scale); the diverging map's
        midpoint, halfway between them, is the neutral answer.
    decimals : int, default 1
        Decimals of the values written in the cells.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when ``None``.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on.

    Notes
    -----
    The diverging colour map (red below the neutral midpoint, blue above) is
    backed by the value written in every cell, so the figure reads in
    greyscale.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> pulse = ka.load_demo("pulse")
    >>> long = ka.unit_heatmap_table(pulse, period="2023-11")
    >>> ax = ka.plot_heatmap(long, labels=ka.statement_labels(pulse))
    >>> ax.get_title()
    'Keskiarvot yksiköittäin'
    """
    check_lang(lang)
    require_columns(long_frame, ["unit", "question", "mean"], "plot_heatmap")
    units = _order(long_frame["unit"])
    questions = _order(long_frame["question"])
    texts = question_texts(long_frame, labels)
    kinds = suppression(long_frame)
    values = np.full((len(questions), len(units)), np.nan)
    kind = np.full((len(questions), len(units)), "not asked", dtype=object)
    qpos = {q: i for i, q in enumerate(questions)}
    upos = {u: j for j, u in enumerate(units)}
    for (u, q, m), k in zip(
        long_frame[["unit", "question", "mean"]].itertuples(index=False), kinds, strict=True
    ):
        i, j = qpos[str(q)], upos[str(u)]
        if k is None and not pd.isna(m):
            values[i, j] = float(m)
            kind[i, j] = None
        else:
            kind[i, j] = k or "hidden"
    annot = np.array(
        [[format_number(v, decimals, lang=lang, missing="") for v in row] for row in values],
        dtype=object,
    )
    ax = new_ax(ax, (1.8 + 1.3 * len(units) + 3.5, 1.2 + 0.55 * len(questions)))
    data = pd.DataFrame(
        values,
        index=[wrap(texts[q], 50) for q in questions],
        columns=[wrap(u, 16) for u in units],
    )
    import seaborn as sns  # on first use, like pyplot

    sns.heatmap(
        data,
        mask=np.isnan(values),
        annot=annot,
        fmt="",
        cmap="RdBu",
        vmin=vmin,
        vmax=vmax,
        linewidths=1,
        linecolor="white",
        cbar_kws={"label": t("mean", lang), "shrink": 0.8},
        ax=ax,
    )
    for i in range(len(questions)):
        for j in range(len(units)):
            k = kind[i, j]
            if k is None:
                continue
            hidden = k != "not asked"
            ax.add_patch(
                Rectangle(
                    (j, i),
                    1,
                    1,
                    facecolor=HIDDEN_FACE,
                    edgecolor=HIDDEN_EDGE if hidden else "white",
                    hatch=HIDDEN_HATCH if hidden else None,
                    linewidth=0.5 if hidden else 1,
                    gid="hidden" if hidden else "not asked",
                )
            )
            ax.text(
                j + 0.5,
                i + 0.5,
                hidden_label(k if k == "not asked" else "hidden", lang, short=True),
                ha="center",
                va="center",
                fontsize="small",
                style="italic",
                bbox={"fc": HIDDEN_FACE, "ec": "none", "pad": 1} if hidden else None,
            )
    cbar = ax.collections[0].colorbar if ax.collections else None
    if cbar is not None:
        cbar.ax.yaxis.set_major_formatter(
            FuncFormatter(lambda v, _: format_number(v, decimals, lang=lang))
        )
    ax.set_title(t("title_heatmap", lang))
    ax.set_xlabel(t("unit", lang))
    ax.set_ylabel("")
    ax.tick_params(axis="x", rotation=0)
    ax.tick_params(axis="y", rotation=0)
    return ax

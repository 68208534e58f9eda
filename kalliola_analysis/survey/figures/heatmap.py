"""Statement means by unit as an annotated heatmap, hidden cells marked."""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle
from matplotlib.ticker import FuncFormatter

from ...formatting import format_number
from ...i18n.strings import check_lang, t
from ...plotting import (
    HIDDEN_EDGE,
    HIDDEN_FACE,
    HIDDEN_HATCH,
    hidden_label,
    label_lines,
    literal_text,
    question_texts,
    require_columns,
    suppression,
    wrap,
)

__all__ = ["plot_heatmap"]

#: Units per panel: more units are drawn as stacked panels (a new figure only).
_PANEL_UNITS = 15
#: With more units than this in a panel, unit names are written upright (rotated).
_ROTATE_UNITS = 6


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
    is grey with "–". No cell is ever left blank or drawn as a value. Unit
    names wrap between words and stand upright when a panel has more than six
    units; without ``ax``, more than 15 units are drawn as stacked panels of
    at most 15 units each with one colour bar (the first panel is returned),
    so 1 to 50 units stay legible.

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
    rows = [wrap(texts[q], 50) for q in questions]
    pitch = max(0.5, 0.17 * label_lines(rows) + 0.12)
    if ax is not None or len(units) <= _PANEL_UNITS:
        chunks = [list(range(len(units)))]
    else:  # many units: stacked panels of at most _PANEL_UNITS columns each, one colour bar
        n_panels = math.ceil(len(units) / _PANEL_UNITS)
        chunks = [list(c) for c in np.array_split(np.arange(len(units)), n_panels)]
    width = max(len(c) for c in chunks)
    rotate = width > _ROTATE_UNITS
    names = [wrap(u, 26 if rotate else 16) for u in units]
    if ax is None:
        import matplotlib.pyplot as plt

        name_height = 0.15 * (max(len(u) for u in units) if rotate else label_lines(names) * 8)
        fig, grid = plt.subplots(
            len(chunks),
            1,
            squeeze=False,
            layout="constrained",
            figsize=(
                3.8 + (0.55 if rotate else 1.3) * width + 1.2,
                len(chunks) * (0.9 + pitch * len(questions) + min(name_height, 2.6)),
            ),
        )
        panels = list(grid.flat)
    else:
        panels = [ax]
    import seaborn as sns  # on first use, like pyplot

    for panel, cols in zip(panels, chunks, strict=True):
        # seaborn draws the figure while it works: the labels from data come after, literally
        sns.heatmap(
            pd.DataFrame(values[:, cols]),
            mask=np.isnan(values[:, cols]),
            xticklabels=False,
            yticklabels=False,
            annot=annot[:, cols],
            fmt="",
            cmap="RdBu",
            vmin=vmin,
            vmax=vmax,
            linewidths=1,
            linecolor="white",
            cbar=len(panels) == 1,
            cbar_kws={"label": t("mean", lang), "shrink": 0.8},
            annot_kws={"fontsize": "small" if rotate else "medium"},
            ax=panel,
        )
        _mark_suppressed(panel, kind[:, cols], lang)
        panel.set_xticks(np.arange(len(cols)) + 0.5, [names[j] for j in cols])
        panel.set_yticks(np.arange(len(rows)) + 0.5, rows, va="center")
        panel.set_xlabel(t("unit", lang))
        panel.set_ylabel("")
        panel.tick_params(axis="x", rotation=90 if rotate else 0)
        panel.tick_params(axis="y", rotation=0)
        literal_text(panel)
    if len(panels) == 1:
        cbar = panels[0].collections[0].colorbar if panels[0].collections else None
    else:
        fig = panels[0].get_figure(root=True)
        cbar = fig.colorbar(panels[0].collections[0], ax=panels, shrink=0.6, label=t("mean", lang))
    if cbar is not None:
        cbar.ax.yaxis.set_major_formatter(
            FuncFormatter(lambda v, _: format_number(v, decimals, lang=lang))
        )
    panels[0].set_title(t("title_heatmap", lang))
    literal_text(*panels)
    return panels[0]


def _mark_suppressed(ax: Axes, kind: np.ndarray, lang: str) -> None:
    """Grey hidden (hatched, "piil.") and not-asked ("–") cells: never blank, never a value."""
    for i in range(kind.shape[0]):
        for j in range(kind.shape[1]):
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

"""The materiality matrix: stakeholder priority against the organisation's impact."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter

from .._validation import check_option
from ..errors import ParameterError
from ..formatting import format_number, format_percent
from ..i18n.strings import check_lang, t
from ..plotting import label_lines, literal_text, new_ax, require_columns, text_boxes, wrap

__all__ = ["plot_materiality"]

_TOP_COLOR = "#1f4e79"
_REST_COLOR = "#9aa5b1"


def _cut(shares: pd.Series, top_k: int) -> float:
    """A share between the ``top_k``-th and the next topic (the top-N cut-off)."""
    s = np.sort(shares.dropna().to_numpy())[::-1]
    if len(s) <= top_k:
        return float(s[-1]) / 2 if len(s) else np.nan
    return float((s[top_k - 1] + s[top_k]) / 2)


def _place_labels(ax: Axes, points: np.ndarray, labels: list, obstacles: list) -> None:
    """Move each point's label to where it overlaps no other label, point or the axis edge.

    Greedy, in the order given (the top topics first): the candidates are the
    four corners beside the point, then the same further up or down a line at
    a time (with a leader line). Positions are compared in display units once
    the figure is laid out; the labels take no part in the layout.
    """
    if not labels:
        return
    boxes = text_boxes(ax, [*labels, *obstacles])
    frame = ax.get_window_extent()
    scale = ax.get_figure(root=True).dpi / 72  # display pixels per point
    xy = ax.transData.transform(points)
    r = 3.5 * scale  # a point's marker
    marks = [(x - r, y - r, x + r, y + r) for x, y in xy]
    taken = [(b.x0, b.y0, b.x1, b.y1) for b in boxes[len(labels) :]]
    pad = 2 * scale  # air between two labels, so they stay apart at any resolution

    def hits(box, others, air):
        x0, y0, x1, y1 = box[0] - air, box[1] - air, box[2] + air, box[3] + air
        return any(x0 < b[2] and b[0] < x1 and y0 < b[3] and b[1] < y1 for b in others)

    def free(box):
        inside = (
            box[0] >= frame.x0 and box[2] <= frame.x1 and box[1] >= frame.y0 and box[3] <= frame.y1
        )
        return inside and not hits(box, marks, 0) and not hits(box, taken, pad)

    for label, box, (px, py) in zip(labels, boxes, xy, strict=False):
        w, h = box.width, box.height
        step = h / max(label.get_text().count("\n") + 1, 1)
        best = None
        sides = (1, -1) if px < frame.x0 + 0.6 * frame.width else (-1, 1)
        candidates = (
            (k, side, up, shift)
            for k in range(0, 16)
            for shift in (0, 1, 2)
            for side in sides
            for up in (1, -1)
        )
        for k, side, up, shift in candidates:
            dx, dy = (5 + shift * 40) * side, (3 + k * step / scale) * up
            x0 = px + dx * scale - (w if side < 0 else 0)
            y0 = py + dy * scale - (h if up < 0 else 0)
            if free((x0, y0, x0 + w, y0 + h)):
                best = (dx, dy, side, up, (x0, y0, x0 + w, y0 + h), k + shift)
                break
        if best is None:  # nowhere free: beside the point, as drawn
            label.arrowprops = label.arrow_patch = None
            taken.append((box.x0, box.y0, box.x1, box.y1))
            continue
        dx, dy, side, up, placed, k = best
        label.set_position((dx, dy))
        label.set_ha("left" if side > 0 else "right")
        label.set_va("bottom" if up > 0 else "top")
        # a leader line from the corner nearest the point, only for a label moved away
        label._arrow_relpos = (0.0 if side > 0 else 1.0, 0.0 if up > 0 else 1.0)
        if not k:
            label.arrowprops = label.arrow_patch = None
        taken.append(placed)


def plot_materiality(
    priorities: pd.DataFrame,
    *,
    lang: str = "fi",
    top_k: int | None = None,
    kind: str = "auto",
    share_threshold: float | None = None,
    impact_threshold: float | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw the materiality matrix, or a ranked bar chart without impact scores.

    Parameters
    ----------
    priorities : pandas.DataFrame
        The result of :func:`kalliola_analysis.materiality_priorities` (all
        topics, equal weighting for the stakeholder priority).
    lang : {"fi", "en"}, default "fi"
        Language of the topic labels and axes.
    top_k : int, optional
        Size of the highlighted top list; ``priorities.attrs["top_k"]`` or 5.
    kind : {"auto", "matrix", "bar"}, default "auto"
        ``"matrix"``: impact score (x) against stakeholder priority (y), one
        labelled point per topic, with threshold lines. ``"bar"``: the topics
        ranked by share with their intervals and the top-``top_k`` cut-off.
        ``"auto"`` draws the matrix when any impact score is given.
    share_threshold : float, optional
        Horizontal line of the matrix; default halfway between the
        ``top_k``-th and the next share, so the top list lies above it.
    impact_threshold : float, optional
        Vertical line of the matrix; default the median impact score.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when ``None``.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> p = ka.materiality_priorities(ka.load_demo("materiality"), n_resamples=0)
    >>> ax = ka.plot_materiality(p, lang="en")
    >>> ax.get_xlabel()
    "Impact (organisation's score)"
    >>> len(ax.texts)  # a label per topic and the top-5 line's
    21
    """
    lang = check_lang(lang)
    check_option("kind", kind, ["auto", "matrix", "bar"])
    require_columns(priorities, ["topic", f"text_{lang}", "share", "rank", "impact"], "priorities")
    k = priorities.attrs.get("top_k", 5) if top_k is None else top_k
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise ParameterError(f"top_k must be a whole number >= 1, got {top_k!r}")
    has_impact = priorities["impact"].notna().any()
    if kind == "auto":
        kind = "matrix" if has_impact else "bar"
    if kind == "matrix" and not has_impact:
        raise ParameterError("kind='matrix' needs impact scores; the topics have none")
    data = priorities.sort_values(["rank", "topic"], kind="stable").reset_index(drop=True)
    top = (data["rank"] <= k).fillna(False).to_numpy(dtype=bool)
    pct = FuncFormatter(lambda v, _: format_percent(v, 0, lang=lang))
    if kind == "bar":
        return _bars(data, top, k, lang, pct, ax)

    ax = new_ax(ax, (9, 7))
    shown = data[data["impact"].notna()]
    is_top = top[data["impact"].notna().to_numpy()]
    ax.scatter(
        shown["impact"], shown["share"], c=np.where(is_top, _TOP_COLOR, _REST_COLOR), s=40, zorder=3
    )
    y_cut = _cut(data["share"], k) if share_threshold is None else share_threshold
    x_cut = float(shown["impact"].median()) if impact_threshold is None else impact_threshold
    ax.axhline(y_cut, color="#666666", lw=0.8, ls="--", zorder=1)
    ax.axvline(x_cut, color="#666666", lw=0.8, ls="--", zorder=1)
    cut_label = ax.text(
        0.0,
        y_cut,
        " " + t("materiality.top_cut", lang, k=k),
        va="bottom",
        fontsize=8,
        color="#666666",
        transform=ax.get_yaxis_transform(),
    )
    labels = []
    for (_, row), hi in zip(shown.iterrows(), is_top, strict=True):
        # the full text is in the table and the bar chart; here at most two short lines
        text = wrap(textwrap.shorten(str(row[f"text_{lang}"]), 56, placeholder=" …"), 32)
        label = ax.annotate(
            text,
            (row["impact"], row["share"]),
            xytext=(5, 3),
            textcoords="offset points",
            fontsize=7.5,
            fontweight="bold" if hi else "normal",
            color=_TOP_COLOR if hi else "#333333",
            arrowprops={"arrowstyle": "-", "lw": 0.4, "color": "#999999", "shrinkA": 1},
        )
        label.set_in_layout(False)
        labels.append(label)
    ax.margins(0.08)
    ax.yaxis.set_major_formatter(pct)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: format_number(v, 1, lang=lang)))
    ax.set_xlabel(t("materiality.impact", lang))
    ax.set_ylabel(t("materiality.axis_priority", lang))
    ax.set_title(t("materiality.matrix", lang))
    ax.grid(alpha=0.3, zorder=0)
    literal_text(ax)
    points = shown[["impact", "share"]].to_numpy(float)
    _place_labels(ax, points, labels, [cut_label])
    return ax


def _bars(data: pd.DataFrame, top: np.ndarray, k: int, lang: str, pct, ax: Axes | None) -> Axes:
    names = [wrap(str(t), 40) for t in data[f"text_{lang}"]]
    pitch = max(0.3, 0.14 * label_lines(names) + 0.1)  # fits the longest wrapped topic
    ax = new_ax(ax, (8, max(3.0, pitch * len(data) + 1.2)))
    y = np.arange(len(data))
    colors = np.where(top, _TOP_COLOR, _REST_COLOR)
    ax.barh(y, data["share"], color=colors, zorder=2)
    if data["ci_low"].notna().any() if "ci_low" in data else False:
        err = np.vstack([data["share"] - data["ci_low"], data["ci_high"] - data["share"]])
        ax.errorbar(data["share"], y, xerr=err, fmt="none", ecolor="#333333", lw=0.8, zorder=3)
    ax.set_yticks(y, names, fontsize=8)
    ax.invert_yaxis()
    if top.sum() < len(data):
        ax.axhline(top.sum() - 0.5, color="#666666", lw=0.8, ls="--")
        ax.text(
            ax.get_xlim()[1], top.sum() - 0.5, t("materiality.top_cut", lang, k=k) + " ",
            ha="right", va="bottom", fontsize=8, color="#666666",
        )  # fmt: skip
    ax.xaxis.set_major_formatter(pct)
    ax.set_xlabel(t("materiality.axis_priority", lang))
    ax.set_title(t("materiality.priorities", lang))
    ax.grid(axis="x", alpha=0.3, zorder=0)
    literal_text(ax)
    return ax

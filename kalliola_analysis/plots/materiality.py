"""The materiality matrix: stakeholder priority against the organisation's impact."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter

from .._validation import check_option
from ..errors import ParameterError
from ..formatting import format_number, format_percent
from ..i18n import check_lang, t
from ._style import new_ax, require_columns, wrap

__all__ = ["plot_materiality"]

_TOP_COLOR = "#1f4e79"
_REST_COLOR = "#9aa5b1"


def _cut(shares: pd.Series, top_k: int) -> float:
    """A share between the ``top_k``-th and the next topic (the top-N cut-off)."""
    s = np.sort(shares.dropna().to_numpy())[::-1]
    if len(s) <= top_k:
        return float(s[-1]) / 2 if len(s) else np.nan
    return float((s[top_k - 1] + s[top_k]) / 2)


def _label_offsets(ax: Axes, x: np.ndarray, y: np.ndarray) -> list[float]:
    """Vertical label offsets (points) so that labels of nearby points do not overlap.

    Greedy, from the top: a label that would fall on an already placed one
    moves down a line at a time. Positions are compared in display units.
    """
    ax.autoscale_view()
    xy = ax.transData.transform(np.column_stack([x, y]))
    scale = ax.figure.dpi / 72  # display pixels per point
    placed: list[tuple[float, float]] = []
    out = [0.0] * len(x)
    for i in np.argsort(-xy[:, 1], kind="stable"):
        px, py = xy[i]
        dy = 0.0
        while any(
            abs(px - qx) < 110 * scale and abs(py + dy * scale - qy) < 10 * scale
            for qx, qy in placed
        ):
            dy -= 10
        placed.append((px, py + dy * scale))
        out[i] = dy
    return out


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
    offsets = _label_offsets(ax, shown["impact"].to_numpy(float), shown["share"].to_numpy(float))
    for (_, row), hi, dy in zip(shown.iterrows(), is_top, offsets, strict=True):
        ax.annotate(
            wrap(str(row[f"text_{lang}"]), 28),
            (row["impact"], row["share"]),
            xytext=(5, 3 + dy),
            textcoords="offset points",
            fontsize=7.5,
            fontweight="bold" if hi else "normal",
            color=_TOP_COLOR if hi else "#333333",
            arrowprops={"arrowstyle": "-", "lw": 0.4, "color": "#999999"} if dy else None,
        )
    y_cut = _cut(data["share"], k) if share_threshold is None else share_threshold
    x_cut = float(shown["impact"].median()) if impact_threshold is None else impact_threshold
    ax.axhline(y_cut, color="#666666", lw=0.8, ls="--", zorder=1)
    ax.axvline(x_cut, color="#666666", lw=0.8, ls="--", zorder=1)
    ax.text(
        ax.get_xlim()[0],
        y_cut,
        " " + t("materiality.top_cut", lang, k=k),
        va="bottom",
        fontsize=8,
        color="#666666",
    )
    ax.yaxis.set_major_formatter(pct)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: format_number(v, 1, lang=lang)))
    ax.set_xlabel(t("materiality.impact", lang))
    ax.set_ylabel(t("materiality.axis_priority", lang))
    ax.set_title(t("materiality.matrix", lang))
    ax.grid(alpha=0.3, zorder=0)
    return ax


def _bars(data: pd.DataFrame, top: np.ndarray, k: int, lang: str, pct, ax: Axes | None) -> Axes:
    ax = new_ax(ax, (8, max(3.0, 0.32 * len(data) + 1)))
    y = np.arange(len(data))
    colors = np.where(top, _TOP_COLOR, _REST_COLOR)
    ax.barh(y, data["share"], color=colors, zorder=2)
    if data["ci_low"].notna().any() if "ci_low" in data else False:
        err = np.vstack([data["share"] - data["ci_low"], data["ci_high"] - data["share"]])
        ax.errorbar(data["share"], y, xerr=err, fmt="none", ecolor="#333333", lw=0.8, zorder=3)
    ax.set_yticks(y, [wrap(str(t), 40) for t in data[f"text_{lang}"]], fontsize=8)
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
    return ax

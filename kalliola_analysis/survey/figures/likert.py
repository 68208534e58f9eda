"""Diverging stacked bars of Likert answer shares."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch
from matplotlib.text import Text
from matplotlib.ticker import FixedLocator, FuncFormatter

from ...errors import ParameterError
from ...formatting import format_percent
from ...i18n.strings import check_lang, t
from ...plotting import (
    SUMMARY_COLUMNS,
    data_width,
    despine,
    group_text,
    hidden_bar,
    label_lines,
    legend_below,
    likert_colors,
    likert_hatches,
    literal_text,
    new_ax,
    question_texts,
    require_columns,
    suppression,
    text_boxes,
    text_color,
    wrap,
)

__all__ = ["plot_likert"]

_SHARE = re.compile(r"^share_(\d+)$")
#: Segments narrower than this get no percentage label.
_MIN_LABEL_SHARE = 0.07


def _fit_labels(ax: Axes, segments: list[tuple[Text, float, bool]]) -> None:
    """Keep a percentage label only where it fits inside its segment.

    Measured once the figure is laid out: a label wider than its segment is
    removed (the table beside the figure has every share), so neighbouring
    labels never run together ("10 %10 %"). A neutral segment's label moves
    to the middle of the segment's right half when it fits there, off the
    zero line.
    """
    if not segments:
        return
    boxes = text_boxes(ax, [label for label, *_ in segments])
    for (label, width, neutral), box in zip(segments, boxes, strict=True):
        need = data_width(ax, box) * 1.15  # a little air on both sides
        if neutral and need <= width / 2:
            label.set_x(width / 4)
        elif need > width:
            label.remove()


def _row_labels(frame: pd.DataFrame, texts: dict[str, str], lang: str) -> list[str]:
    groups = [
        c
        for c in frame.columns
        if c not in SUMMARY_COLUMNS and not _SHARE.match(str(c)) and frame[c].nunique() > 1
    ]
    labels = []
    for _, row in frame.iterrows():
        text = wrap(texts[str(row["question"])])
        labels.append(f"{text} ({group_text(row, groups, lang)})" if groups else text)
    return labels


def plot_likert(
    summary: pd.DataFrame,
    *,
    lang: str = "fi",
    labels: Mapping[str, str] | None = None,
    answer_labels: Sequence[str] | None = None,
    show_not_asked: bool = False,
    ax: Axes | None = None,
) -> Axes:
    """Draw the answer shares of Likert statements as diverging stacked bars.

    Each statement is one horizontal bar made of its answer shares, centred on
    the neutral option (half of it on each side of zero), disagreement to the
    left and agreement to the right. Hidden statements are drawn as an empty
    outlined bar with the text "piilotettu" / "hidden"; statements not asked
    in the group are left out (or drawn the same way with "ei kysytty" /
    "not asked").

    Parameters
    ----------
    summary : pandas.DataFrame
        The result of :func:`~kalliola_analysis.likert_summary` (``question``,
        ``share_1`` ... ``share_k``, ``suppressed``), filtered to the rows to
        draw, in the order to draw them (top to bottom). When a group column
        (e.g. ``period``) varies between rows, its value is added to the label.
    lang : {"fi", "en"}, default "fi"
        Language of the title, axis and legend.
    labels : mapping of str to str, optional
        Statement texts by question id. Default: a ``statement`` column if the
        frame has one, else the ids.
    answer_labels : sequence of str, optional
        Legend labels of the answer options, low to high. Default: the 1-5
        agreement scale in ``lang`` for five options, else the codes.
    show_not_asked : bool, default False
        Keep rows whose ``suppressed`` is ``"not asked"`` as placeholders.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when ``None``.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on.

    Notes
    -----
    Colours: oranges (disagree) to grey (neutral) to blues (agree), with the
    two sides differing in lightness; the disagreeing segments are also
    hatched and every segment of at least 7 % carries its percentage, so the
    figure reads in greyscale. For reverse-coded statements the shares are
    per original answer, as the respondent answered.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> pulse = ka.load_demo("pulse")
    >>> s = ka.likert_summary(pulse, by="period")
    >>> ax = ka.plot_likert(s[s["period"] == "2023-11"], labels=ka.statement_labels(pulse))
    >>> ax.get_title()
    'Vastausten jakauma'
    """
    check_lang(lang)
    require_columns(summary, ["question"], "plot_likert")
    codes = sorted(int(m.group(1)) for c in summary.columns if (m := _SHARE.match(str(c))))
    if not codes:
        raise ParameterError(
            "plot_likert: the frame has no share_<code> columns; pass likert_summary()'s result"
        )
    share_cols = [f"share_{c}" for c in codes]
    kinds = suppression(summary)
    if not show_not_asked and (kinds == "not asked").any():
        keep = (kinds != "not asked").to_numpy()
        summary, kinds = summary.loc[keep], kinds.loc[keep]
    shown = summary.loc[kinds.isna(), share_cols]
    present = [c for c, col in zip(codes, share_cols, strict=True) if shown[col].notna().any()]
    if present:
        codes = list(range(min(present), max(present) + 1))
        share_cols = [f"share_{c}" for c in codes]
    k = len(codes)
    if answer_labels is None:
        if k == 5:
            answer_labels = [t(f"likert_{i}", lang) for i in range(1, 6)]
        else:
            answer_labels = [str(c) for c in codes]
    elif len(answer_labels) != k:
        raise ParameterError(
            f"answer_labels must have {k} labels (one per answer option), got {len(answer_labels)}"
        )
    colors = likert_colors(k)
    hatches = likert_hatches(k)
    texts = question_texts(summary, labels)
    rows = _row_labels(summary, texts, lang)

    n_rows = len(summary)
    # a row per statement, its pitch fitting the longest wrapped label; room for the legend
    pitch = max(0.5, 0.17 * label_lines(rows) + 0.12)
    ax = new_ax(ax, (9, 2.1 + pitch * max(n_rows, 1)))
    y = np.arange(n_rows)
    half = k // 2
    segments: list[tuple[Text, float, bool]] = []  # label, segment width, neutral?
    for i, (_, row) in enumerate(summary.iterrows()):
        kind = kinds.iloc[i]
        if kind is not None:
            hidden_bar(ax, y[i], kind, lang, left=-0.5, text_x=0, ha="center")
            continue
        shares = np.nan_to_num(row[share_cols].to_numpy(dtype=float), nan=0.0)
        neutral = shares[half] / 2 if k % 2 else 0.0
        left = -(shares[:half].sum() + neutral)
        for j, s in enumerate(shares):
            if s > 0:
                ax.barh(
                    y[i],
                    s,
                    left=left,
                    height=0.6,
                    color=colors[j],
                    hatch=hatches[j],
                    edgecolor="white" if not hatches[j] else "#404040",
                    linewidth=0.5,
                )
                if s >= _MIN_LABEL_SHARE:
                    label = ax.text(
                        left + s / 2,
                        y[i],
                        format_percent(s, lang=lang),
                        ha="center",
                        va="center",
                        fontsize="small",
                        color=text_color(colors[j]),
                        bbox=(
                            {"boxstyle": "round,pad=0.15", "fc": colors[j], "ec": "none"}
                            if hatches[j]
                            else None
                        ),
                    )
                    segments.append((label, s, bool(k % 2) and j == half))
            left += s
    # the zero line lies behind the bars: it never crosses a neutral segment's label
    ax.axvline(0, color="#404040", linewidth=0.8, zorder=0.5)
    ax.set_yticks(y, rows)
    ax.set_ylim(max(n_rows, 1) - 0.5, -0.5)  # first row on top
    ax.set_xlim(-1.0, 1.0)
    ticks = [-1.0, -0.5, 0.0, 0.5, 1.0]
    ax.xaxis.set_major_locator(FixedLocator(ticks))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: format_percent(abs(v), lang=lang)))
    ax.set_xlabel(t("axis_share", lang))
    ax.set_title(t("title_likert", lang))
    handles = [
        Patch(facecolor=colors[j], hatch=hatches[j], edgecolor="#404040", label=answer_labels[j])
        for j in range(k)
    ]
    legend_below(ax, handles, ncol=min(k, 3))
    despine(ax)
    literal_text(ax)
    _fit_labels(ax, segments)
    return ax

"""The 0-10 answers of the employer NPS question."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import MaxNLocator

from ..._validation import check_min_n
from ...errors import ParameterError
from ...i18n.strings import check_lang, t
from ...plotting import (
    HIDDEN_EDGE,
    HIDDEN_FACE,
    HIDDEN_HATCH,
    NPS_COLORS,
    NPS_HATCHES,
    despine,
    legend_below,
    literal_text,
    new_ax,
    require_columns,
)

__all__ = ["plot_nps_distribution"]


def _nps_class(answer: int) -> str:
    if answer >= 9:
        return "promoters"
    if answer >= 7:
        return "passives"
    return "detractors"


def _counts(counts_or_frame) -> tuple[pd.Series, bool]:
    """Counts indexed by answer 0..10, and whether the group is hidden."""
    if isinstance(counts_or_frame, pd.Series):
        counts = counts_or_frame
        hidden = bool(counts.isna().any())
    else:
        frame = counts_or_frame
        require_columns(frame, ["answer", "count"], "plot_nps_distribution")
        keys = [c for c in frame.columns if c not in ("answer", "count", "suppressed")]
        several = [c for c in keys if frame[c].nunique() > 1]
        if several:
            raise ParameterError(
                f"plot_nps_distribution draws one group and one question; the frame has several "
                f"values of {several}. Filter it first, e.g. "
                "counts[(counts['question'] == 'enps') & (counts['period'] == '2023-11')]."
            )
        if frame["answer"].duplicated().any():
            raise ParameterError("plot_nps_distribution: an answer appears twice in the frame")
        counts = frame.set_index("answer")["count"]
        hidden = bool(counts.isna().any())
        if "suppressed" in frame.columns:
            hidden |= bool(frame["suppressed"].notna().any())
    bad = [a for a in counts.index if not (isinstance(a, int | np.integer) and 0 <= a <= 10)]
    if bad:
        raise ParameterError(
            f"plot_nps_distribution: answers must be whole numbers 0-10, got {bad}"
        )
    full = pd.Series(0.0, index=pd.RangeIndex(11))
    if not hidden:
        full.loc[counts.index.astype(int)] = counts.to_numpy(dtype=float)
    return full, hidden


def plot_nps_distribution(
    counts_or_frame: pd.DataFrame | pd.Series,
    *,
    lang: str = "fi",
    min_n: int = 5,
    ax: Axes | None = None,
) -> Axes:
    """Draw the 0-10 answers of the NPS question as bars by promoter class.

    Detractors (0-6), passives (7-8) and promoters (9-10) differ by colour
    *and* hatching, and every bar carries its count, so the figure reads in
    greyscale.

    Parameters
    ----------
    counts_or_frame : pandas.DataFrame or pandas.Series
        The rows of :func:`~kalliola_analysis.answer_counts` for one NPS
        question and one group (``answer``, ``count``), or counts indexed by
        answer. Counts that the analysis hid (``<NA>``) or a ``suppressed``
        reason draw the "hidden" message instead of bars.
    lang : {"fi", "en"}, default "fi"
        Language of the title, axes and legend.
    min_n : int, default 5
        Anonymity threshold: with fewer answers in total the "hidden" message
        is drawn (a safeguard for counts computed with ``min_n=None``).
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
    >>> c = ka.answer_counts(pulse, by="period", questions="enps")
    >>> ax = ka.plot_nps_distribution(c[c["period"] == "2023-11"], lang="en")
    >>> len(ax.patches)
    11
    """
    check_lang(lang)
    min_n = check_min_n(min_n)
    counts, hidden = _counts(counts_or_frame)
    hidden |= counts.sum() < min_n
    ax = new_ax(ax, (8, 4.4))
    x = np.arange(11)
    ax.set_xticks(x, [str(i) for i in x])
    ax.set_xlim(-0.6, 10.6)
    ax.set_xlabel(t("axis_nps_answer", lang))
    ax.set_ylabel(t("count", lang))
    ax.set_title(t("title_nps", lang))
    despine(ax)
    if hidden:
        ax.add_patch(
            Rectangle(
                (0.05, 0.3),
                0.9,
                0.4,
                transform=ax.transAxes,
                facecolor=HIDDEN_FACE,
                edgecolor=HIDDEN_EDGE,
                hatch=HIDDEN_HATCH,
                gid="hidden",
            )
        )
        ax.text(
            0.5,
            0.5,
            t("hidden", lang),
            transform=ax.transAxes,
            ha="center",
            va="center",
            fontsize="large",
            bbox={"fc": "white", "ec": HIDDEN_EDGE},
        )
        ax.set_yticks([])
        literal_text(ax)
        return ax
    classes = [_nps_class(int(a)) for a in x]
    for a, cls in zip(x, classes, strict=True):
        ax.bar(
            a,
            counts[a],
            width=0.8,
            color=NPS_COLORS[cls],
            hatch=NPS_HATCHES[cls],
            edgecolor="#404040",
            linewidth=0.6,
        )
        ax.text(a, counts[a], f"{int(counts[a])}", ha="center", va="bottom", fontsize="small")
    ax.set_ylim(0, max(counts.max() * 1.15, 1))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # counts: whole numbers only
    handles = [
        Patch(facecolor=NPS_COLORS[c], hatch=NPS_HATCHES[c], edgecolor="#404040", label=t(c, lang))
        for c in ("detractors", "passives", "promoters")
    ]
    legend_below(ax, handles, ncol=3)
    literal_text(ax)
    return ax

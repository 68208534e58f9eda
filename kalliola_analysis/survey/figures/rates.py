"""Response rates by unit (or any group) as horizontal bars."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import FixedLocator, FuncFormatter

from ...formatting import format_percent
from ...i18n.strings import check_lang, t
from ...plotting import (
    despine,
    group_text,
    hidden_bar,
    label_lines,
    literal_text,
    new_ax,
    require_columns,
    suppression,
    wrap,
)

__all__ = ["plot_response_rates"]

_VALUES = ("responded", "invited", "rate", "suppressed")
_BAR = "#2c6e9b"


def plot_response_rates(
    rates: pd.DataFrame,
    *,
    lang: str = "fi",
    ax: Axes | None = None,
) -> Axes:
    """Draw response rates as horizontal bars, each labelled with its percentage.

    A hidden group is labelled "piilotettu" / "hidden" and drawn as an empty
    dashed outline, never as a bar of 0 %.

    Parameters
    ----------
    rates : pandas.DataFrame
        The result of :func:`~kalliola_analysis.survey.response_rates` (``rate``,
        ``suppressed`` and the group columns), in the order to draw (top to
        bottom). The bars are labelled by the group columns that vary (e.g.
        ``unit``; ``period`` written as ``11/2023``).
    lang : {"fi", "en"}, default "fi"
        Language of the title, axis and labels.
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
    >>> r = ka.response_rates(pulse, by=["period", "unit"])
    >>> ax = ka.plot_response_rates(r[r["period"] == "2023-11"])
    >>> ax.get_xlabel()
    'Vastausprosentti'
    """
    check_lang(lang)
    require_columns(rates, ["rate"], "plot_response_rates")
    groups = [c for c in rates.columns if c not in _VALUES]
    varying = [c for c in groups if rates[c].nunique() > 1] or groups[:1]
    labels = [
        wrap(group_text(row, varying, lang), 32) if varying else t("response_rate", lang)
        for _, row in rates.iterrows()
    ]
    kinds = suppression(rates)
    kinds[rates["rate"].isna() & kinds.isna()] = "hidden"
    n_rows = len(rates)
    pitch = max(0.45, 0.17 * label_lines(labels) + 0.12)  # fits the longest wrapped name
    ax = new_ax(ax, (8, 1.3 + pitch * max(n_rows, 1)))
    y = np.arange(n_rows)
    for i, (rate, kind) in enumerate(zip(rates["rate"], kinds, strict=True)):
        if kind is not None:
            hidden_bar(ax, y[i], kind, lang, left=0.0, text_x=0.02, ha="left")
            continue
        ax.barh(y[i], float(rate), height=0.6, color=_BAR, edgecolor="#404040", linewidth=0.5)
        ax.text(
            float(rate) + 0.01,
            y[i],
            format_percent(float(rate), lang=lang),
            va="center",
            ha="left",
            fontsize="small",
        )
    ax.set_yticks(y, labels)
    ax.set_ylim(max(n_rows, 1) - 0.5, -0.5)
    ax.set_xlim(0, 1.1)
    ax.xaxis.set_major_locator(FixedLocator([0, 0.25, 0.5, 0.75, 1.0]))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: format_percent(v, lang=lang)))
    ax.set_xlabel(t("axis_rate", lang))
    ax.set_title(t("title_rates", lang))
    despine(ax)
    literal_text(ax)
    return ax

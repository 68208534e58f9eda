"""Shared look of the figures: palettes that survive greyscale, hatches, hidden marks.

Every figure must read in a greyscale print: colour is never the only cue.
Diverging answer scales use colours whose *lightness* differs between the two
sides and hatching on the unfavourable side; lines differ by marker and line
style; values are written on bars and cells.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import to_rgb
from matplotlib.text import Text
from matplotlib.transforms import Bbox, ScaledTranslation

from .errors import ParameterError
from .formatting import format_number, format_period
from .i18n.strings import t

__all__: list[str] = []

#: Colour of hidden / not-asked placeholders and their hatch.
HIDDEN_FACE = "#e6e6e6"
HIDDEN_EDGE = "#7f7f7f"
HIDDEN_HATCH = "///"

#: Line markers and styles cycled by the trend figure (greyscale-distinct).
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*", "<", ">", "h", "p")
LINESTYLES = ("-", "--", ":", "-.", (0, (5, 1, 1, 1, 1, 1)), (0, (1, 3)))

#: Value columns of :func:`~kalliola_analysis.likert_summary`; any other column groups the rows.
SUMMARY_COLUMNS = frozenset(
    {
        "question",
        "statement",
        "n",
        "mean",
        "sd",
        "ci_low",
        "ci_high",
        "median",
        "favourable",
        "unfavourable",
        "reverse",
        "suppressed",
    }
)

# eNPS groups: detractors dark orange hatched, passives light grey, promoters dark blue
NPS_COLORS = {"detractors": "#c8553d", "passives": "#d9d9d9", "promoters": "#2c6e9b"}
NPS_HATCHES = {"detractors": "xx", "passives": "", "promoters": ""}


def new_ax(ax: Axes | None, figsize: tuple[float, float]) -> Axes:
    """Return ``ax``, or the Axes of a new figure of ``figsize`` inches."""
    if ax is None:
        import matplotlib.pyplot as plt  # on first use: importing the package picks no backend

        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def despine(ax: Axes) -> None:
    """Hide the top and right spines (the frame around the data)."""
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def legend_below(
    ax: Axes, handles: Sequence, *, ncol: int, fontsize: str | float = "small"
) -> None:
    """A frameless legend of ``handles`` centred below the axis and its x-axis label.

    The gap is measured in points from the axis' bottom edge (tick labels plus
    the axis label), not in axes units, so the legend never meets the axis
    label however short the axis is.
    """
    import matplotlib as mpl

    tick = ax.xaxis.get_major_ticks()[0] if ax.xaxis.get_major_ticks() else None
    tick_size = tick.label1.get_size() if tick is not None else mpl.rcParams["xtick.labelsize"]
    label_size = ax.xaxis.label.get_size()
    lines = max((str(t.get_text()).count("\n") + 1 for t in ax.get_xticklabels()), default=1)
    gap = (
        mpl.rcParams["xtick.major.size"]
        + mpl.rcParams["xtick.major.pad"]
        + 1.25 * _points(tick_size) * lines
        + (ax.xaxis.labelpad + 1.25 * _points(label_size) if ax.get_xlabel() else 0.0)
        + 6.0
    )
    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        bbox_transform=ax.transAxes
        + ScaledTranslation(0, -gap / 72, ax.get_figure(root=True).dpi_scale_trans),
        ncol=ncol,
        frameon=False,
        fontsize=fontsize,
    )


def _points(size: str | float) -> float:
    """A font size (``"small"``, ``9``) in points."""
    from matplotlib.font_manager import FontProperties

    return float(FontProperties(size=size).get_size_in_points())


def literal_text(*axes: Axes) -> None:
    """Draw every text of ``axes`` literally: no mathtext, no TeX.

    Labels come from data files (statement texts, unit names, topics), where
    ``$`` is an ordinary character: ``Palkka $\\frac{1}{$ ja $x^$`` must read as
    written and never raise a mathtext error. Call after the texts are made
    (tick labels, legend, annotations included); every plot function does.
    """
    for ax in axes:
        for text in ax.findobj(Text):
            text.set_parse_math(False)
            text.set_usetex(False)


def text_boxes(ax: Axes, texts: Sequence[Text]) -> list[Bbox]:
    """The display boxes of ``texts`` once the figure is laid out (drawn without output).

    The text alone: an annotation's leader line is not part of its box.
    """
    fig = ax.get_figure(root=True)
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    return [Text.get_window_extent(t, renderer) for t in texts]


def data_width(ax: Axes, box: Bbox) -> float:
    """The width of the display box ``box`` in ``ax``'s x data units."""
    inv = ax.transData.inverted()
    (x0, _), (x1, _) = inv.transform([(box.x0, box.y0), (box.x1, box.y0)])
    return abs(x1 - x0)


def label_lines(labels: Sequence[str]) -> int:
    """The largest number of lines of any of ``labels`` (at least 1)."""
    return max((str(s).count("\n") + 1 for s in labels), default=1)


def hidden_bar(
    ax: Axes, y: float, kind: str, lang: str, *, left: float, text_x: float, ha: str
) -> None:
    """Draw a hidden or not-asked row of a bar chart: a dashed empty bar and its label.

    The bar is one unit wide from ``left`` (``gid="hidden"``, so tests and
    readers can find it); the italic label (:func:`hidden_label`) sits at
    ``text_x`` with alignment ``ha``. Never a bar of 0 %.
    """
    ax.barh(
        y,
        1.0,
        left=left,
        height=0.6,
        fill=False,
        edgecolor=HIDDEN_EDGE,
        linestyle="--",
        gid="hidden",
    )
    ax.text(
        text_x,
        y,
        hidden_label(kind, lang),
        ha=ha,
        va="center",
        color="#404040",
        style="italic",
    )


def group_text(row: pd.Series, columns: Sequence[str], lang: str) -> str:
    """The values of the group ``columns`` of a row, comma separated; periods as ``11/2023``."""
    return ", ".join(
        format_period(row[c], lang=lang) if c == "period" else str(row[c]) for c in columns
    )


def require_columns(frame: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    """Raise :class:`ParameterError` unless ``frame`` is a DataFrame with ``columns``."""
    if not isinstance(frame, pd.DataFrame):
        raise ParameterError(f"{what}: expected a DataFrame, got {type(frame).__name__}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ParameterError(
            f"{what}: the frame lacks column(s) {missing}; it has {list(frame.columns)}"
        )


def suppression(frame: pd.DataFrame) -> pd.Series:
    """Per row: ``None`` when shown, ``"not asked"`` or ``"hidden"``."""
    if "suppressed" not in frame.columns:
        return pd.Series([None] * len(frame), index=frame.index, dtype=object)
    out = []
    for v in frame["suppressed"]:
        if v is None or v is pd.NA or (isinstance(v, float) and pd.isna(v)) or v == "":
            out.append(None)
        elif "not asked" in str(v).lower():
            out.append("not asked")
        else:
            out.append("hidden")
    return pd.Series(out, index=frame.index, dtype=object)


def likert_colors(k: int) -> list[tuple[float, float, float]]:
    """``k`` colours low -> high: dark orange ... light grey ... dark blue.

    The two sides differ in lightness as well as hue, and the low side is
    hatched by :func:`likert_hatches`, so the scale reads in greyscale.
    """
    low = ["#8c2d04", "#e6550d", "#fdae6b"]  # dark, mid, light oranges
    high = ["#9ecae1", "#3182bd", "#08306b"]  # light, mid, dark blues
    neutral = "#d9d9d9"
    half = k // 2
    lows = low[-half:] if half <= 3 else _ramp(low[0], low[-1], half)
    highs = high[:half] if half <= 3 else _ramp(high[0], high[-1], half)
    mid = [neutral] if k % 2 else []
    return [to_rgb(c) for c in (*lows, *mid, *highs)]


def likert_hatches(k: int) -> list[str]:
    """Hatches low -> high: dense on the most negative, none on neutral and positive."""
    half = k // 2
    dens = ["xx", "//", "\\\\", "..", "++"]
    lows = [dens[min(i, len(dens) - 1)] for i in range(half)]
    return [*lows, *([""] if k % 2 else []), *([""] * half)]


def _ramp(a: str, b: str, n: int) -> list[str]:
    ra, rb = to_rgb(a), to_rgb(b)
    if n == 1:
        return [a]
    return [
        "#{:02x}{:02x}{:02x}".format(
            *(round(255 * (x + (y - x) * i / (n - 1))) for x, y in zip(ra, rb, strict=True))
        )
        for i in range(n)
    ]


def text_color(rgb: Sequence[float]) -> str:
    """Black or white, whichever reads better on ``rgb``."""
    r, g, b = rgb[:3]
    return "black" if 0.299 * r + 0.587 * g + 0.114 * b > 0.55 else "white"


def question_texts(
    frame: pd.DataFrame, labels: Mapping[str, str] | None, column: str = "question"
) -> dict[str, str]:
    """Map question ids to display texts: ``labels``, else a ``statement`` column, else ids."""
    out = {str(q): str(q) for q in frame[column].astype(str).unique()}
    if "statement" in frame.columns:
        for q, s in zip(frame[column].astype(str), frame["statement"], strict=True):
            if isinstance(s, str) and s:
                out[q] = s
    if labels is not None:
        if not isinstance(labels, Mapping):
            raise ParameterError(
                f"labels must be a mapping of question id to text, got {type(labels).__name__}"
            )
        out.update({str(k): str(v) for k, v in labels.items() if str(k) in out})
    return out


def hidden_label(kind: str | None, lang: str, short: bool = False) -> str:
    """The placeholder text of a hidden or not-asked value."""
    if kind == "not asked":
        return "–" if short else t("not_asked", lang)
    return t("hidden_short" if short else "hidden", lang)


def number(x, decimals: int, lang: str) -> str:
    return format_number(x, decimals, lang=lang)


def wrap(text: str, width: int = 45) -> str:
    r"""Wrap a long text onto lines of at most ``width`` characters, between words only.

    A word is never broken, neither inside nor at a hyphen: a word longer than
    ``width`` keeps its own line, and ``Koulutus- ja työllisyyspalvelut``
    breaks only at its spaces.

    Examples
    --------
    >>> wrap("Koulutus- ja työllisyyspalvelut", 16)
    'Koulutus- ja\ntyöllisyyspalvelut'
    """
    import textwrap

    lines = textwrap.wrap(str(text), width, break_long_words=False, break_on_hyphens=False)
    return "\n".join(lines) or str(text)

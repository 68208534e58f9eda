"""What report notebooks call to show things: headings, tables, figures.

Each function displays one thing in the notebook (and so in the HTML report)
and returns ``None``. Text is always HTML-escaped: unit names, statements and
answers come from data files. Tables are also written as CSV and XLSX to the
report's table folder, so the numbers in a report can be checked and reused.
The HTML of a table is built in :mod:`.html_tables` (:func:`table_html` is
re-exported here).

Examples
--------
>>> import pandas as pd
>>> html = table_html(pd.DataFrame({"unit": ["<b>A</b>"], "n": [12]}))
>>> "&lt;b&gt;A&lt;/b&gt;" in html, "<b>" in html
(True, False)
"""

from __future__ import annotations

import html as _html
import io
import os
from typing import Any

import pandas as pd

from .._frames import select_rows
from .._validation import check_option
from ..errors import ParameterError
from ..i18n.strings import LANGS
from .html_tables import grouped_html, is_styler, styler_html, table_html
from .registry import slugify
from .tablefiles import write_table_files

__all__ = [
    "setup_notebook",
    "show_heading",
    "show_text",
    "show_table",
    "table_html",
    "show_figure",
    "rows_for",
]


def _display(obj) -> None:
    from IPython.display import display

    display(obj)


def setup_notebook() -> None:
    """Make figures PNG (embedded in the HTML) at a fixed resolution.

    Call once at the top of a report notebook: figures are then drawn at 100
    dpi, saved at 110 dpi and shown inline as PNG, so a report's HTML holds
    its figures and opens offline.

    Examples
    --------
    >>> import matplotlib
    >>> with matplotlib.rc_context():
    ...     setup_notebook()
    ...     print(matplotlib.rcParams["savefig.dpi"])
    110.0
    """
    import matplotlib

    matplotlib.rcParams["figure.dpi"] = 100
    matplotlib.rcParams["savefig.dpi"] = 110
    try:
        from matplotlib_inline.backend_inline import set_matplotlib_formats

        set_matplotlib_formats("png")
    except (ImportError, NameError, AttributeError):  # not inside IPython
        pass


def show_heading(text: str, level: int = 2) -> None:
    """Display ``text`` as an HTML heading of ``level`` (1-4), escaped.

    Parameters
    ----------
    text : str
        The heading; ``<``, ``>`` and ``&`` are shown as text, never as markup.
    level : {1, 2, 3, 4}, default 2
        The heading level: 1 is the report's title (the HTML page takes its
        title from the first one), 2 a section, 3-4 subsections.

    Raises
    ------
    kalliola_analysis.errors.ParameterError
        A level other than 1-4.

    Examples
    --------
    Outside a notebook the display is printed as the object's name:

    >>> show_heading("Tulokset 11/2023", level=2)
    <IPython.core.display.HTML object>
    """
    if level not in (1, 2, 3, 4):
        raise ParameterError(f"level must be one of [1, 2, 3, 4], got {level!r}")
    from IPython.display import HTML

    _display(HTML(f"<h{level}>{_html.escape(str(text))}</h{level}>"))


def show_text(text: str) -> None:
    """Display ``text`` as an escaped HTML paragraph.

    Parameters
    ----------
    text : str
        Plain text (e.g. a methods note); shown as one paragraph, escaped.

    Examples
    --------
    >>> show_text("Vastauksia 71 (81 %).")
    <IPython.core.display.HTML object>
    """
    from IPython.display import HTML

    _display(HTML(f"<p>{_html.escape(str(text))}</p>"))


def show_table(
    data: pd.DataFrame,
    name: str,
    *,
    formatted: Any = None,
    output_dir: str | os.PathLike | None = None,
    caption: str | None = None,
    index: bool = False,
    lang: str | None = None,
    group_by: str | None = None,
) -> None:
    """Display a table and write it as ``<name>.csv``, ``<name>.xlsx`` and ``<name>.data.csv``.

    Parameters
    ----------
    data : pandas.DataFrame
        The table's numbers, as the library returned them: written in full
        precision as ``<name>.data.csv`` and the XLSX's ``data`` sheet.
    name : str
        File name stem (made file-name safe: ``"Väittämät 2023"`` is written
        as ``vaittamat-2023.csv``).
    formatted : pandas.DataFrame or pandas.io.formats.style.Styler, optional
        What to display instead of ``data``: a DataFrame of text (numbers
        written the Finnish way, as the ``format_*`` functions return them),
        or a Styler for coloured cells (the follow-up ``style_*`` tables).
        A Styler keeps its colours, widths and hidden index, but its cells
        are shown as escaped text: put the formatted numbers in its data.
    output_dir : path-like, optional
        The report's table folder (the notebook parameter ``output_dir``).
        Nothing is written when ``None``. The shown table is written as
        ``<name>.csv`` (Finnish: ``;``, decimal comma, UTF-8 with BOM) and
        ``<name>.xlsx`` (real numbers with their number formats), see
        :func:`~kalliola_analysis.reports.tablefiles.write_table_files`;
        every text cell is neutralised against spreadsheet formulas.
    caption : str, optional
        Caption shown above the table, escaped.
    index : bool, default False
        Show (and write) the index.
    lang : {"fi", "en"}, optional
        Language of ``formatted`` (CSV separator and decimal mark). Default:
        the notebook's ``lang`` variable (every report notebook's parameter),
        else ``"fi"``.
    group_by : str, optional
        A column of the displayed table: show one collapsible section
        (``<details>``) per value, headed by the value and its row count,
        instead of one long table. The files hold the whole table.

    Raises
    ------
    kalliola_analysis.errors.ParameterError
        ``data`` is not a DataFrame, or ``formatted`` neither a DataFrame nor
        a Styler.

    See Also
    --------
    table_html : The HTML of a DataFrame, every cell escaped.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import pandas as pd
    >>> numbers = pd.DataFrame({"unit": ["Hallinto", "Opetus"], "rate": [0.8125, 0.75]})
    >>> shown = pd.DataFrame({"Yksikkö": ["Hallinto", "Opetus"], "Osuus": ["81 %", "75 %"]})
    >>> folder = tempfile.mkdtemp()
    >>> show_table(numbers, "Vastausprosentit 2023", formatted=shown, output_dir=folder)
    <IPython.core.display.HTML object>
    >>> sorted(p.name for p in Path(folder).iterdir())
    ['vastausprosentit-2023.csv', 'vastausprosentit-2023.data.csv', 'vastausprosentit-2023.xlsx']
    >>> pd.read_csv(Path(folder) / "vastausprosentit-2023.data.csv")["rate"].tolist()
    [0.8125, 0.75]
    >>> pd.read_csv(Path(folder) / "vastausprosentit-2023.csv", sep=";", encoding="utf-8-sig")
        Yksikkö Osuus
    0  Hallinto  81 %
    1    Opetus  75 %

    A Styler colours the cells; the files still hold ``numbers``:

    >>> styled = shown.style.map(lambda v: "color: red", subset=["Osuus"])
    >>> show_table(numbers, "Vastausprosentit 2023", formatted=styled, output_dir=folder)
    <IPython.core.display.HTML object>
    """
    from IPython.display import HTML

    if not isinstance(data, pd.DataFrame):
        raise ParameterError(f"data must be a pandas DataFrame, got {type(data).__name__}")
    if formatted is not None and not (isinstance(formatted, pd.DataFrame) or is_styler(formatted)):
        raise ParameterError(
            "formatted must be a pandas DataFrame or Styler, got " + type(formatted).__name__
        )
    lang = _notebook_lang() if lang is None else lang
    check_option("lang", lang, LANGS)
    shown = formatted.data if is_styler(formatted) else formatted
    if group_by is not None and group_by not in (data if shown is None else shown).columns:
        raise ParameterError(
            f"group_by must be a column of the shown table, got {group_by!r}; columns: "
            f"{list((data if shown is None else shown).columns)!r}"
        )
    if output_dir is not None:
        write_table_files(data, output_dir, slugify(name), shown=shown, lang=lang, index=index)
    if group_by is not None:
        body = grouped_html(data if formatted is None else formatted, group_by, caption, index)
    elif is_styler(formatted):
        body = styler_html(formatted, caption=caption, index=index)
    else:
        body = table_html(data if formatted is None else formatted, caption=caption, index=index)
    _display(HTML(body))


def _notebook_lang() -> str:
    """The ``lang`` variable of the running notebook, when it is a report language; else "fi"."""
    try:
        from IPython import get_ipython

        shell = get_ipython()
    except ImportError:  # pragma: no cover - IPython is a dependency
        shell = None
    value = shell.user_ns.get("lang") if shell is not None else None
    return value if value in LANGS else "fi"


def show_figure(obj: Any, *, alt: str, width: int | None = None) -> None:
    """Display a matplotlib figure (or the figure of an Axes) as an embedded, print-sharp PNG.

    The PNG has twice the pixels of its displayed size (like a "2x" image on a
    high-resolution screen): it is drawn at twice the figure's save
    resolution and shown at half its pixel width, so it prints sharp. It is
    embedded in the report (a data URI, no file or network request) with its
    alternative text. The figure is closed afterwards, so the notebook shows
    it once.

    Parameters
    ----------
    obj : matplotlib.figure.Figure or matplotlib.axes.Axes
        What a plot function returned.
    alt : str
        Alternative text: what the figure shows, for screen readers.
    width : int, optional
        Display width in CSS pixels; default the figure's width at the save
        resolution. The PNG always has at least twice as many pixels.

    Raises
    ------
    kalliola_analysis.errors.ParameterError
        ``obj`` is neither a Figure nor an Axes.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> show_figure(ax, alt="Tyhjä kuvio")
    <IPython.core.display.Image object>
    >>> plt.fignum_exists(fig.number)
    False
    """
    import matplotlib.pyplot as plt
    from IPython.display import Image
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure, SubFigure

    if not isinstance(obj, Axes | Figure | SubFigure):
        raise ParameterError(f"show_figure needs a Figure or Axes, got {type(obj).__name__}")
    fig = obj.figure.figure  # the root figure (an Axes' figure may be a SubFigure)
    try:
        png, shown_width = _png_2x(fig, width)
    finally:
        plt.close(fig)
    _display(Image(data=png, format="png", alt=str(alt), width=shown_width))


def _png_2x(fig: Any, width: int | None) -> tuple[bytes, int]:
    """The figure as a PNG of twice the pixels of its display width, and that width."""
    import matplotlib

    base = matplotlib.rcParams["savefig.dpi"]
    base = fig.dpi if base == "figure" else float(base)
    dpi = 2 * base
    png = _savefig_png(fig, dpi)
    pixels = _png_width(png)
    if width is not None and pixels < 2 * width:  # shown wider than drawn: draw finer
        dpi *= 2 * width / pixels
        png = _savefig_png(fig, dpi)
        pixels = _png_width(png)
    return png, int(width) if width is not None else max(1, round(pixels / 2))


def _savefig_png(fig: Any, dpi: float) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight", facecolor="white")
    return buf.getvalue()


def _png_width(png: bytes) -> int:
    """The pixel width in a PNG's header (the IHDR chunk)."""
    return int.from_bytes(png[16:20], "big")


def rows_for(frame: pd.DataFrame, **equal: Any) -> pd.DataFrame:
    """Return the rows of an analysis result whose columns equal the given values.

    Parameters
    ----------
    frame : pandas.DataFrame
        An analysis result (e.g. :func:`kalliola_analysis.likert_summary`).
    **equal
        ``column=value`` pairs; values are compared as text, so a period
        ``"2023-11"`` matches a categorical period column. ``None`` selects
        everything (``unit=None`` means the whole organisation).

    Returns
    -------
    pandas.DataFrame
        The matching rows of ``frame``, its index kept.

    Raises
    ------
    kalliola_analysis.errors.ParameterError
        A column ``frame`` lacks, given a value other than ``None``.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"period": ["2023-05", "2023-11"], "n": [10, 12]})
    >>> rows_for(f, period="2023-11", unit=None)["n"].tolist()
    [12]
    """
    return select_rows(frame, **equal)

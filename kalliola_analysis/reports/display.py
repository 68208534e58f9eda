"""What report notebooks call to show things: headings, tables, figures.

Each function displays one thing in the notebook (and so in the HTML report)
and returns ``None``. Text is always HTML-escaped: unit names, statements and
answers come from data files. Tables are also written as CSV and XLSX to the
report's table folder, so the numbers in a report can be checked and reused.

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
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import ParameterError
from .registry import slugify

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

    Call once at the top of a report notebook.
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
    """Display ``text`` as an HTML heading of ``level`` (1-4), escaped."""
    if level not in (1, 2, 3, 4):
        raise ParameterError(f"level must be one of [1, 2, 3, 4], got {level!r}")
    from IPython.display import HTML

    _display(HTML(f"<h{level}>{_html.escape(str(text))}</h{level}>"))


def show_text(text: str) -> None:
    """Display ``text`` as an escaped HTML paragraph."""
    from IPython.display import HTML

    _display(HTML(f"<p>{_html.escape(str(text))}</p>"))


def table_html(df: pd.DataFrame, *, caption: str | None = None, index: bool = False) -> str:
    """Return ``df`` as an HTML table with every cell and header escaped."""
    body = df.to_html(index=index, escape=True, border=0, classes="ka-table", na_rep="–")
    if caption:
        body = body.replace(
            'class="dataframe ka-table">',
            f'class="dataframe ka-table">\n  <caption>{_html.escape(caption)}</caption>',
            1,
        )
    return body


def show_table(
    df: pd.DataFrame,
    name: str,
    *,
    formatted: Any = None,
    output_dir: str | os.PathLike | None = None,
    caption: str | None = None,
    index: bool = False,
) -> None:
    """Display a table and write it as ``<name>.csv`` and ``<name>.xlsx``.

    Parameters
    ----------
    df : pandas.DataFrame
        The table's numbers, as the library returned them; this is what the
        CSV and XLSX files hold.
    name : str
        File name stem (made file-name safe).
    formatted : pandas.DataFrame, optional
        What to display instead of ``df`` (e.g. numbers written the Finnish
        way, as the ``format_*`` functions return them).
    output_dir : path, optional
        The report's table folder (the notebook parameter ``output_dir``).
        Nothing is written when ``None``.
    caption : str, optional
        Caption shown above the table.
    index : bool, default False
        Show (and write) the index.
    """
    from IPython.display import HTML

    for label, table in (("df", df), ("formatted", formatted)):
        if table is not None and not isinstance(table, pd.DataFrame):
            raise ParameterError(f"{label} must be a pandas DataFrame, got {type(table).__name__}")
    if output_dir is not None:
        folder = Path(output_dir)
        folder.mkdir(parents=True, exist_ok=True)
        stem = slugify(name)
        df.to_csv(folder / f"{stem}.csv", index=index, encoding="utf-8")
        df.to_excel(folder / f"{stem}.xlsx", index=index, sheet_name=stem[:31])
    body = table_html(df if formatted is None else formatted, caption=caption, index=index)
    _display(HTML(body))


def show_figure(obj: Any, *, alt: str, width: int | None = None) -> None:
    """Display a matplotlib figure (or the figure of an Axes) as an embedded PNG.

    The figure is closed afterwards, so the notebook shows it once.

    Parameters
    ----------
    obj : matplotlib.figure.Figure or matplotlib.axes.Axes
        What a plot function returned.
    alt : str
        Alternative text: what the figure shows, for screen readers.
    width : int, optional
        Display width in pixels.
    """
    import matplotlib.pyplot as plt
    from IPython.display import Image
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure, SubFigure

    if not isinstance(obj, Axes | Figure | SubFigure):
        raise ParameterError(f"show_figure needs a Figure or Axes, got {type(obj).__name__}")
    fig = obj.figure.figure  # the root figure (an Axes' figure may be a SubFigure)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", bbox_inches="tight", facecolor="white")
    plt.close(fig)
    _display(Image(data=buf.getvalue(), format="png", alt=str(alt), width=width))


def rows_for(frame: pd.DataFrame, **equal: Any) -> pd.DataFrame:
    """Return the rows of an analysis result whose columns equal the given values.

    Values of ``None`` select everything (so ``unit=None`` means the whole
    organisation); a column the frame lacks with a value other than ``None``
    raises :class:`ParameterError`.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"period": ["2023-05", "2023-11"], "n": [10, 12]})
    >>> rows_for(f, period="2023-11", unit=None)["n"].tolist()
    [12]
    """
    mask = pd.Series(True, index=frame.index)
    for column, value in equal.items():
        if value is None:
            continue
        if column not in frame.columns:
            raise ParameterError(
                f"the table has no column {column!r}; columns: {list(frame.columns)!r}"
            )
        mask &= frame[column].astype("string") == str(value)
    return frame.loc[mask]


"""HTML of report tables: every cell escaped, value cells kept on one line, text aligned left.

:func:`table_html` renders a DataFrame, :func:`styler_html` a pandas Styler
(its colours kept, its cells escaped) and :func:`grouped_html` one collapsible
section per value of a column; :func:`~kalliola_analysis.reports.display.show_table`
displays what they return.

Examples
--------
>>> import pandas as pd
>>> html = table_html(pd.DataFrame({"unit": ["<b>A</b>"], "n": [12]}))
>>> "&lt;b&gt;A&lt;/b&gt;" in html, "<b>" in html
(True, False)
"""

from __future__ import annotations

import html as _html
import re
from typing import Any

import pandas as pd

__all__ = ["table_html", "styler_html", "grouped_html", "is_styler"]


_CELL = re.compile(r"<(td|th)((?:\s[^>]*)?)>([^<]*)</\1>")


def _is_value(text: str) -> bool:
    """A short cell never to wrap: a value (``4,6``, ``81 %``, ``11/2023``) or one word."""
    text = text.strip()
    if not 0 < len(text) <= 24:
        return False
    one_word = any(c.isalpha() for c in text) and not any(
        c.isspace() and c != "\u00a0" for c in text
    )
    return one_word or (any(c.isdigit() for c in text) and sum(c.isalpha() for c in text) <= 4)


def _is_prose(text: str) -> bool:
    """A cell of words (a statement, a unit, a theme), aligned left like text."""
    text = text.strip()
    return sum(c.isalpha() for c in text) > max(4, len(text) // 2)


_ROW = re.compile(r"<tr([^>]*)>(.*?)</tr>", re.S)


def _align_text_columns(body: str) -> str:
    """Give every cell of a column of words the class ``ka-text`` (aligned left).

    A column is text when most of its body cells are prose; its header is
    marked too, so header and cells line up.
    """
    rows = [[m.groups() for m in _CELL.finditer(r)] for _, r in _ROW.findall(body)]
    width = max((len(r) for r in rows), default=0)
    text_cols = set()
    for j in range(1, width):  # the first column is left-aligned already
        cells = [r[j] for r in rows if len(r) == width and r[j][0] == "td"]
        prose = sum(_is_prose(_html.unescape(c[2])) for c in cells)
        if cells and prose * 2 > len(cells):
            text_cols.add(j)
    if not text_cols:
        return body

    def mark_row(m: re.Match) -> str:
        tr_attrs, inner = m.groups()
        cells = list(_CELL.finditer(inner))
        if len(cells) != width:
            return m.group(0)
        out, last = [], 0
        for j, c in enumerate(cells):
            out.append(inner[last : c.start()])
            tag, attrs, text = c.groups()
            if j in text_cols:
                if 'class="' in attrs:
                    attrs = attrs.replace('class="', 'class="ka-text ', 1)
                else:
                    attrs += ' class="ka-text"'
            out.append(f"<{tag}{attrs}>{text}</{tag}>")
            last = c.end()
        out.append(inner[last:])
        return f"<tr{tr_attrs}>" + "".join(out) + "</tr>"

    return _ROW.sub(mark_row, body)


def _mark_values(body: str) -> str:
    """Give every value cell the class ``ka-num`` (the report's CSS never wraps inside it)."""

    def mark(m: re.Match) -> str:
        tag, attrs, text = m.groups()
        if not _is_value(_html.unescape(text)):
            return m.group(0)
        if 'class="' in attrs:
            attrs = attrs.replace('class="', 'class="ka-num ', 1)
        else:
            attrs += ' class="ka-num"'
        return f"<{tag}{attrs}>{text}</{tag}>"

    return _CELL.sub(mark, _align_text_columns(body))


def table_html(df: pd.DataFrame, *, caption: str | None = None, index: bool = False) -> str:
    """Return ``df`` as an HTML table with every cell and header escaped.

    Parameters
    ----------
    df : pandas.DataFrame
        The table to render (numbers as they should read, e.g. a
        ``format_*`` function's result).
    caption : str, optional
        Caption above the table, escaped.
    index : bool, default False
        Render the index as the first column.

    Returns
    -------
    str
        A ``<table class="dataframe ka-table">``; missing values read ``–``;
        cells holding a value (``4,6``, ``81 %``, ``11/2023``) have the class
        ``ka-num``, which the report's stylesheet keeps on one line.

    Examples
    --------
    >>> import pandas as pd
    >>> html = table_html(pd.DataFrame({"unit": ["<b>A</b>", None], "n": [12, 8]}))
    >>> "&lt;b&gt;A&lt;/b&gt;" in html, "<b>" in html, "<td>–</td>" in html
    (True, False, True)
    """
    body = df.to_html(index=index, escape=True, border=0, classes="ka-table", na_rep="–")
    if caption:
        body = body.replace(
            'class="dataframe ka-table">',
            f'class="dataframe ka-table">\n  <caption>{_html.escape(caption)}</caption>',
            1,
        )
    return _mark_values(body)


def is_styler(obj: Any) -> bool:
    """Whether ``obj`` is a pandas Styler (a coloured table) rather than a DataFrame."""
    from pandas.io.formats.style import Styler

    return isinstance(obj, Styler)


def styler_html(
    styler: Any,
    *,
    caption: str | None,
    index: bool,
    hide_rows: Any = None,
    hide_column: str | None = None,
) -> str:
    """Render a Styler with its colours and layout, every cell escaped.

    The Styler's own formatting is replaced by escaped text (``na_rep`` "–"),
    headers escaped too: cells come from data files, so nothing in them may
    become markup. The given Styler is left as it was.
    """
    shown = styler.data.style.use(styler.export())
    shown = shown.format(escape="html", na_rep="–")
    shown = shown.format_index(escape="html", axis=0).format_index(escape="html", axis=1)
    if not index:
        shown = shown.hide(axis="index")
    if hide_rows is not None and len(hide_rows):
        shown = shown.hide(hide_rows, axis="index")
    if hide_column is not None:
        shown = shown.hide([hide_column], axis="columns")
    if caption:
        shown = shown.set_caption(_html.escape(caption))
    return _mark_values(shown.set_table_attributes('class="dataframe ka-table"').to_html())


def grouped_html(table: Any, column: str, caption: str | None, index: bool) -> str:
    """One ``<details>`` per value of ``column`` (first one open): its rows, without ``column``."""
    frame = table.data if is_styler(table) else table
    keys = list(dict.fromkeys(frame[column].tolist()))
    parts = []
    if caption:
        parts.append(f'<p class="ka-caption">{_html.escape(caption)}</p>')
    for i, key in enumerate(keys):
        rows = (
            frame.index[frame[column] == key] if key == key else frame.index[frame[column].isna()]
        )
        if is_styler(table):
            hidden = frame.index.difference(rows)
            body = styler_html(
                table, caption=None, index=index, hide_rows=hidden, hide_column=column
            )
        else:
            body = table_html(frame.loc[rows].drop(columns=[column]), index=index)
        label = _html.escape("–" if key != key or key is None else str(key))
        opened = " open" if i == 0 else ""
        parts.append(
            f'<details class="ka-group"{opened}><summary>{label} '
            f'<span class="ka-count">({len(rows)})</span></summary>\n{body}\n</details>'
        )
    return "\n".join(parts)

"""HTML styling shared by the follow-up report tables: escaped cells, status colours.

Examples
--------
>>> import pandas as pd
>>> s = escaped_styler(pd.DataFrame({"Tila": ["<b>ok</b>"]}), {"<b>ok</b>": "#1b7837"}, ["Tila"])
>>> html = s.to_html()
>>> "&lt;b&gt;ok&lt;/b&gt;" in html, "background-color: #1b7837;" in html, "color: white;" in html
(True, True, True)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

__all__: list[str] = []


def cell_css(colour: str) -> str:
    """Return the CSS of a cell on ``colour``: that background, with black or white text."""
    from matplotlib.colors import to_rgb

    r, g, b = to_rgb(colour)
    fg = "black" if 0.299 * r + 0.587 * g + 0.114 * b > 0.55 else "white"
    return f"background-color: {colour}; color: {fg}"


def escaped_styler(
    frame: pd.DataFrame,
    colour_of: Mapping[str, str],
    columns: list[str],
    *,
    right: tuple[str, ...] = (),
    wide: tuple[str, ...] = (),
    widths: Mapping[str, int] | None = None,
    whole_words: tuple[str, ...] = (),
):
    """Return a Styler that escapes every cell and colours ``columns`` by their text.

    Text columns are left-aligned (the columns in ``right`` hold numbers);
    the ``wide`` columns (long texts) get a minimum width so that they wrap
    into readable lines instead of one word per line. ``widths`` (per cent of
    the page by column) fixes the layout so that a table of long texts fits
    the page instead of scrolling sideways: its cells may then break a long
    word anywhere, except in the ``whole_words`` columns (short names such as
    the theme, "Läpileikkaavat teemat"), which wrap between words only.
    """

    def colour(value: Any) -> str:
        c = colour_of.get(str(value))
        return cell_css(c) if c else ""

    styler = frame.style.format(escape="html", na_rep="–").hide(axis="index")
    left = [c for c in frame.columns if c not in right]
    styler = styler.set_properties(subset=left, **{"text-align": "left"})
    if right:
        styler = styler.set_properties(subset=list(right), **{"white-space": "nowrap"})
    present = [c for c in wide if c in frame.columns]
    if present:
        styler = styler.set_properties(subset=present, **{"min-width": "12em"})
    styles = [
        {"selector": f"th.col_heading.col{i}", "props": "text-align: left"}
        for i, c in enumerate(frame.columns)
        if c not in right
    ]
    if widths:
        styles.append({"selector": "", "props": "table-layout: fixed; width: 100%"})
        styles.append({"selector": "td", "props": "overflow-wrap: anywhere"})
        styles += [
            {"selector": f"th.col_heading.col{i}", "props": f"width: {widths[c]}%"}
            for i, c in enumerate(frame.columns)
            if c in widths
        ]
        styles += [
            {"selector": f".col{i}", "props": "overflow-wrap: normal; word-break: normal"}
            for i, c in enumerate(frame.columns)
            if c in whole_words
        ]
    # A status ("● Tavoitteessa") wraps between its symbol and its word, never inside the word.
    styles += [
        {"selector": f"td.col{i}", "props": "overflow-wrap: normal; word-break: normal"}
        for i, c in enumerate(frame.columns)
        if c in columns
    ]
    styler = styler.set_table_styles(styles, overwrite=False)
    present = [c for c in columns if c in frame.columns]
    if present:
        styler = styler.map(colour, subset=present)
    return styler

"""Executed notebook -> one self-contained, offline HTML file.

nbconvert's ``HTMLExporter`` with the package's ``kalliola_report`` template
(``kalliola_analysis/templates/kalliola_report``): it extends nbconvert's
``lab`` template and empties every block that loads something from the
network (require.js, MathJax, Mermaid, widgets), and replaces the JupyterLab
stylesheet by a small inline one. Code cells and prompts are left out
(``exclude_input=True``); figures are the PNG data URIs the notebook holds.
"""

from __future__ import annotations

import copy
import html
import os
import re
from importlib.resources import files
from pathlib import Path

import nbformat

from .._validation import check_option
from ..i18n.strings import LANGS, t
from ..io.atomic import atomic_write_text

__all__ = ["TEMPLATE_NAME", "template_dir", "notebook_to_html", "write_html"]

TEMPLATE_NAME = "kalliola_report"


def template_dir() -> Path:
    """Return the folder that holds the package's nbconvert templates."""
    return Path(str(files("kalliola_analysis") / "templates"))


def _report_title(nb: nbformat.NotebookNode) -> str | None:
    """The text of the first ``<h1>`` the notebook's outputs display."""
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            found = re.search(
                r"<h1[^>]*>(.*?)</h1>", str(output.get("data", {}).get("text/html", "")), re.S
            )
            if found:
                return html.unescape(re.sub(r"<[^>]+>", "", found.group(1))).strip() or None
    return None


def notebook_to_html(
    notebook: str | os.PathLike | nbformat.NotebookNode,
    *,
    lang: str = "fi",
    notice: str | None = None,
) -> str:
    """Render an executed notebook as offline HTML without code cells.

    Parameters
    ----------
    notebook : path or nbformat.NotebookNode
        The executed notebook.
    lang : {"fi", "en"}, default "fi"
        Sets ``<html lang="...">`` and the default alternative text of figures.
    notice : str, optional
        A notice shown (escaped) in a box at the top of the report, before
        its title, and printed on the first page: e.g. that the report was
        produced with a lowered anonymity threshold.

    Returns
    -------
    str
        The HTML document; its title is the report's first ``<h1>``.

    Examples
    --------
    >>> from nbformat.v4 import new_code_cell, new_notebook, new_output
    >>> nb = new_notebook(cells=[new_code_cell("print(1)", outputs=[new_output(
    ...     "display_data", data={"text/html": "<h1>Pulssikysely 11/2023</h1>"})])])
    >>> page = notebook_to_html(nb, lang="fi")
    >>> '<html lang="fi">' in page, "<title>Pulssikysely 11/2023</title>" in page
    (True, True)
    >>> "print(1)" in page  # no code in a report
    False
    >>> '<div class="ka-notice" role="note">&lt;b&gt;Huom.&lt;/b&gt;</div>' in notebook_to_html(
    ...     nb, notice="<b>Huom.</b>")
    True
    """
    from nbconvert import HTMLExporter

    check_option("lang", lang, LANGS)
    if not isinstance(notebook, nbformat.NotebookNode):
        notebook = nbformat.read(str(notebook), as_version=4)
    title = _report_title(notebook)
    if title and "title" not in notebook.metadata:
        notebook = copy.deepcopy(notebook)
        notebook.metadata["title"] = title  # the page title (escaped by the template)
    exporter = HTMLExporter(
        template_name=TEMPLATE_NAME,
        extra_template_basedirs=[str(template_dir())],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        exclude_anchor_links=True,
        language_code=lang,
    )
    page, _ = exporter.from_notebook_node(
        notebook,
        resources={"kalliola_figure_alt": t("report.figure_alt", lang), "kalliola_notice": notice},
    )
    return page


def write_html(page: str, path: str | os.PathLike) -> Path:
    """Write the HTML ``page`` to ``path`` atomically (:func:`kalliola_analysis.io.atomic.atomic_write`)."""
    return atomic_write_text(path, page)

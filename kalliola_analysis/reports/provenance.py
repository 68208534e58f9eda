"""What produced a report: package version, parameters and a checksum of the input data.

The checksum is a SHA-256 over the data set's input files: for a processed
data set, over the SHA-256 of each raw input file its ``manifest.json``
records (``source_files``); otherwise over the folder's own files.

Examples
--------
>>> import kalliola_analysis as ka
>>> info = provenance(ka.demo_path("pulse"), {"period": "2023-11", "lang": "fi"})
>>> sorted(info)
['data_files', 'data_path', 'data_sha256', 'generated_at', 'parameters', 'python', 'version']
>>> len(info["data_sha256"])
64
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import html as _html
import json
import os
import platform
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .._atomic import file_sha256
from .._validation import check_option
from .._version import __version__
from ..i18n import LANGS, t

__all__ = ["file_sha256", "data_checksum", "provenance", "provenance_html", "show_provenance"]

_MANIFEST = "manifest.json"


def _manifest_entries(path: Path) -> list[tuple[str, str]]:
    """``(file name, sha256)`` of the raw inputs a ``manifest.json`` records (``source_files``)."""
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError, UnicodeDecodeError):
        return []
    files = manifest.get("source_files") if isinstance(manifest, dict) else None
    if not isinstance(files, dict):
        return []
    return [(str(k), str(v)) for k, v in files.items() if isinstance(v, str)]


def data_checksum(folder: str | os.PathLike) -> tuple[str, int]:
    """Return ``(sha256, number of input files)`` of a data set folder.

    From ``manifest.json`` when the folder has one (a processed data set),
    else over the folder's files (names and contents, sorted by name; hidden
    and Office lock files skipped) -- the same files ``prepare`` records, so
    a processed data set and its raw folder give the same checksum.

    Parameters
    ----------
    folder : path-like
        A data set folder, raw or processed.

    Returns
    -------
    tuple of (str, int)
        The hex SHA-256 over the input files' names and checksums, and the
        number of input files.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> data_checksum(ka.demo_path("pulse"))  # doctest: +ELLIPSIS
    ('...', 4)
    >>> len(data_checksum(ka.demo_path("pulse"))[0])
    64
    """
    folder = Path(folder)
    entries: list[tuple[str, str]] = []
    manifest = folder / _MANIFEST
    if manifest.is_file():
        entries = _manifest_entries(manifest)
    if not entries:
        entries = [
            (p.name, file_sha256(p))
            for p in sorted(folder.iterdir())
            if p.is_file() and not p.name.startswith((".", "~$"))
        ]
    h = hashlib.sha256()
    for name, sha in sorted(set(entries)):
        h.update(f"{name}\0{sha}\n".encode())
    return h.hexdigest(), len(set(entries))


def provenance(data_path: str | os.PathLike, parameters: Mapping[str, Any]) -> dict[str, Any]:
    """Return what produced a report, as a dict.

    Parameters
    ----------
    data_path : path-like
        The data set folder the report read.
    parameters : mapping
        The report's parameters, kept as given.

    Returns
    -------
    dict
        ``version``, ``python``, ``generated_at`` (UTC, ISO 8601),
        ``data_path``, ``data_sha256``, ``data_files`` and ``parameters``.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> info = provenance(ka.demo_path("pulse"), {"period": "2023-11"})
    >>> info["data_files"], info["parameters"]
    (4, {'period': '2023-11'})
    """
    digest, n_files = data_checksum(data_path)
    return {
        "version": __version__,
        "python": platform.python_version(),
        "generated_at": _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat(),
        "data_path": str(data_path),
        "data_sha256": digest,
        "data_files": n_files,
        "parameters": dict(parameters),
    }


def provenance_html(info: Mapping[str, Any], *, lang: str = "fi") -> str:
    """Render :func:`provenance`'s dict as the report's closing section (escaped HTML).

    Examples
    --------
    >>> html = provenance_html({"version": "1.0", "data_sha256": "ab", "parameters": {
    ...     "unit": "<script>"}}, lang="en")
    >>> "About this report" in html, "&lt;script&gt;" in html, "<script>" in html
    (True, True, False)
    """
    check_option("lang", lang, LANGS)
    esc = _html.escape
    rows = []
    for key in ("version", "python", "generated_at", "data_path", "data_sha256", "data_files"):
        if key in info:
            value = esc(str(info[key]))
            if key == "data_sha256":
                value = f"<code>{value}</code>"
            label = esc(t(f"provenance.{key}", lang))
            rows.append(f"<tr><th>{label}</th><td>{value}</td></tr>")
    params = info.get("parameters", {})
    if params:
        shown = ", ".join(f"{esc(str(k))} = {esc(repr(v))}" for k, v in params.items())
        rows.append(f"<tr><th>{esc(t('provenance.parameters', lang))}</th><td>{shown}</td></tr>")
    heading = esc(t("report.about", lang))
    return (
        f'<section class="ka-provenance"><h2>{heading}</h2><table>{"".join(rows)}</table></section>'
    )


def show_provenance(data_path: str | os.PathLike, *, lang: str = "fi", **parameters: Any) -> None:
    """Display the "Tietoja raportista" / "About this report" section in a notebook.

    Parameters
    ----------
    data_path : path
        The data set folder the report read.
    lang : {"fi", "en"}, default "fi"
        Language of the section.
    **parameters
        The report's parameters, shown as they were given.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> show_provenance(ka.demo_path("pulse"), lang="en", period="2023-11")
    <IPython.core.display.HTML object>
    """
    from IPython.display import HTML, display

    info = provenance(data_path, {"lang": lang, **parameters})
    display(HTML(provenance_html(info, lang=lang)))

"""What produced a report: package version, parameters and a checksum of the input data.

The checksum is a SHA-256 over the data set's input files: for a processed
data set, over the SHA-256 of each raw input file its ``manifest.json``
records (``source_files``); otherwise over the folder's own files.

Examples
--------
>>> import kalliola_analysis as ka
>>> info = provenance(ka.demo_path("pulse"), {"period": "2023-11", "lang": "fi"})
>>> sorted(info)
['data_files', 'data_sha256', 'dataset', 'generated_at', 'parameters', 'python', 'version']
>>> info["dataset"]
'Henkilöstön pulssikysely (pulssikysely)'
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

from .._validation import check_option
from .._version import __version__
from ..errors import KalliolaError
from ..i18n.strings import LANGS, t
from ..io.atomic import file_sha256

__all__ = [
    "file_sha256",
    "data_checksum",
    "dataset_name",
    "parameter_lines",
    "provenance",
    "provenance_html",
    "show_provenance",
]

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


def provenance(
    data_path: str | os.PathLike, parameters: Mapping[str, Any], *, lang: str = "fi"
) -> dict[str, Any]:
    """Return what produced a report, as a dict.

    Parameters
    ----------
    data_path : path-like
        The data set folder the report read.
    parameters : mapping
        The report's parameters, kept as given.
    lang : {"fi", "en"}, default "fi"
        Language of the data set's title.

    Returns
    -------
    dict
        ``version``, ``python``, ``generated_at`` (UTC, ISO 8601),
        ``dataset`` (the data set's name: its title and slug from
        ``dataset.toml``, else the folder's name -- never a local path),
        ``data_sha256``, ``data_files`` and ``parameters``.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> info = provenance(ka.demo_path("pulse"), {"period": "2023-11"}, lang="en")
    >>> info["dataset"], info["data_files"], info["parameters"]
    ('Staff pulse survey (pulssikysely)', 4, {'period': '2023-11'})
    """
    digest, n_files = data_checksum(data_path)
    return {
        "version": __version__,
        "python": platform.python_version(),
        "generated_at": _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat(),
        "dataset": dataset_name(data_path, lang=lang),
        "data_sha256": digest,
        "data_files": n_files,
        "parameters": dict(parameters),
    }


def dataset_name(data_path: str | os.PathLike, *, lang: str = "fi") -> str:
    """Return a data set's name for a report: ``"<title> (<slug>)"``, never a path.

    The title in ``lang`` (``title_fi``/``title_en`` of ``dataset.toml``) and the
    slug; the folder's name when there is no readable ``dataset.toml``.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> dataset_name(ka.demo_path("pulse"))
    'Henkilöstön pulssikysely (pulssikysely)'
    >>> dataset_name("/home/hr/secret/kysely")
    'kysely'
    """
    from ..errors import KalliolaError
    from .registry import read_dataset_info

    folder = Path(data_path)
    try:
        info = read_dataset_info(folder)
    except KalliolaError:
        return folder.name
    slug = str(info.get("slug") or folder.name)
    title = info.get(f"title_{lang}") or info.get("title_fi") or info.get("title")
    return f"{title} ({slug})" if isinstance(title, str) and title else slug


#: Parameters left out of a report's provenance when they hold this value (or None).
PARAMETER_DEFAULTS: dict[str, Any] = {"min_n": 5, "n_resamples": 2000}
# The report's language is evident from the report; a path is shown by its last part only.
_NOT_SHOWN = {"lang", "data_path", "output_dir"}
_PERIOD_PARAMETERS = {"period", "compare_to"}


def _parameter_value(name: str, value: Any, lang: str) -> str:
    from ..formatting import format_period

    if name in _PERIOD_PARAMETERS:
        try:
            return format_period(value, lang=lang)
        except KalliolaError:
            return str(value)
    if name.endswith("_path") or isinstance(value, os.PathLike):
        return Path(str(value)).name
    if isinstance(value, bool):
        return t("provenance.yes" if value else "provenance.no", lang)
    return str(value)


def parameter_lines(parameters: Mapping[str, Any], *, lang: str = "fi") -> list[tuple[str, str]]:
    """Return the report's parameters as ``(label, value)`` in the report language.

    Parameters whose value is ``None`` or the default (:data:`PARAMETER_DEFAULTS`)
    are left out, and so are the language and any path (``data_path``,
    ``output_dir``); a ``*_path`` parameter shows only its last part. Periods
    read as the report prints them (``11/2023``).

    Examples
    --------
    >>> parameter_lines({"period": "2023-11", "unit": None, "min_n": 5, "lang": "fi"})
    [('Ajankohta', '11/2023')]
    >>> parameter_lines({"compare_to": "2022-10", "min_n": 3, "seed": 7}, lang="en")
    [('Compared with', '10/2022'), ('Anonymity threshold (respondents at least)', '3'), ('Random seed', '7')]
    """
    from ..i18n.strings import STRINGS

    check_option("lang", lang, LANGS)
    out = []
    for name, value in parameters.items():
        if value is None or name in _NOT_SHOWN:
            continue
        if name in PARAMETER_DEFAULTS and value == PARAMETER_DEFAULTS[name]:
            continue
        key = f"provenance.param.{name}"
        label = t(key, lang) if key in STRINGS else str(name)
        out.append((label, _parameter_value(name, value, lang)))
    return out


def provenance_html(info: Mapping[str, Any], *, lang: str = "fi") -> str:
    """Render :func:`provenance`'s dict as the report's closing section (escaped HTML).

    Parameters are listed one per line as ``label: value`` in the report
    language (:func:`parameter_lines`); no local path and no Python ``repr``
    reaches the report.

    Examples
    --------
    >>> html = provenance_html({"version": "1.0", "data_sha256": "ab", "parameters": {
    ...     "unit": "<script>", "compare_to": None}}, lang="en")
    >>> "About this report" in html, "&lt;script&gt;" in html, "<script>" in html
    (True, True, False)
    >>> "Unit: &lt;script&gt;" in html, "None" in html
    (True, False)
    """
    check_option("lang", lang, LANGS)
    esc = _html.escape
    rows = []
    for key in ("dataset", "data_sha256", "data_files", "generated_at", "version", "python"):
        if key in info:
            value = esc(str(info[key]))
            if key == "data_sha256":
                value = f"<code>{value}</code>"
            label = esc(t(f"provenance.{key}", lang))
            rows.append(f"<tr><th>{label}</th><td>{value}</td></tr>")
    lines = parameter_lines(info.get("parameters", {}), lang=lang)
    if lines:
        shown = "<br>".join(f"{esc(label)}: {esc(value)}" for label, value in lines)
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
        The report's parameters: shown as ``label: value`` in the report
        language, left out when ``None`` or the default (:func:`parameter_lines`).

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> show_provenance(ka.demo_path("pulse"), lang="en", period="2023-11")
    <IPython.core.display.HTML object>
    """
    from IPython.display import HTML, display

    info = provenance(data_path, {"lang": lang, **parameters}, lang=lang)
    display(HTML(provenance_html(info, lang=lang)))

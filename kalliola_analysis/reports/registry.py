"""Report types and where their notebooks and data are found.

A report type is one small record (:class:`ReportType`): its kind, the
notebook that renders it, and a function that lists the report instances a
data set holds. Every kind registered in :mod:`kalliola_analysis.kinds` with a
notebook has one; a report type of its own is one :func:`register_report_type`
call (or one entry in :data:`REPORT_TYPES`).

Data sets are folders holding a ``dataset.toml`` that names their ``kind``;
:func:`find_datasets` and :func:`read_dataset_info` (from
:mod:`kalliola_analysis.io.dataset`, the one reader of that file) find and read them.

Examples
--------
>>> from kalliola_analysis.reports import registry
>>> sorted(registry.REPORT_TYPES)[:2]
['feedback', 'followup']
>>> registry.REPORT_TYPES["pulse"].notebook
'pulse_report.ipynb'
>>> registry.slugify("Kalliolan Klinikka / Ä'ö")
'kalliolan-klinikka-a-o'
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataError, ParameterError
from ..i18n.strings import LANGS
from ..io.dataset import DATASET_FILE, dataset_period, find_datasets, read_dataset_info
from ..kinds import REPORT_TYPES, ReportType, survey_periods, survey_units
from ..survey.reading import read_survey
from ..survey.unit_reports import reportable_units as decided

__all__ = [
    "ReportType",
    "ReportInstance",
    "REPORT_TYPES",
    "register_report_type",
    "get_report_type",
    "read_dataset_info",
    "find_datasets",
    "find_reports",
    "find_notebooks_dir",
    "survey_periods",
    "survey_units",
    "dataset_period",
    "slugify",
    "unit_slugs",
    "name_hash",
    "dataset_languages",
    "reportable_units",
]


@dataclass(frozen=True)
class ReportInstance:
    """One report to produce: a kind, the data set folder and the period.

    :func:`find_reports` lists them; :func:`~kalliola_analysis.reports.run_all`
    runs each with :func:`~kalliola_analysis.reports.run_report`.

    Parameters
    ----------
    kind : str
        The report type (a key of :data:`REPORT_TYPES`).
    dataset : pathlib.Path
        The data set folder.
    period : str
        The report's period, ``"YYYY-MM"``.
    lang : {"fi", "en"}, default "fi"
        The report's language.
    unit : str, optional
        The unit of a unit report; ``None`` for the whole organisation.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> r = ReportInstance("pulse", ka.demo_path("pulse"), "2023-11")
    >>> r.kind, r.dataset.name, r.period, r.lang, r.unit
    ('pulse', 'pulse', '2023-11', 'fi', None)
    """

    kind: str
    dataset: Path
    period: str
    lang: str = "fi"
    unit: str | None = None


def slugify(text: str) -> str:
    """Return ``text`` as a file-name-safe ASCII slug.

    Examples
    --------
    >>> slugify("Kansalaisopisto")
    'kansalaisopisto'
    >>> slugify("  ")
    'x'
    """
    ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug or "x"


def _readable_slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def name_hash(text: str) -> str:
    """Return a short stable hash of ``text``: the first 8 hex digits of its SHA-256 (UTF-8).

    Examples
    --------
    >>> name_hash("Отдел")
    'db6883a6'
    """
    return hashlib.sha256(str(text).encode("utf-8")).hexdigest()[:8]


def unit_slugs(units: list[str]) -> dict[str, str]:
    """Return a file-name slug for each unit, unique within ``units``.

    The readable ASCII form of the name (:func:`slugify`); where that is
    empty (Cyrillic, Chinese) or shared by another unit of the data set
    (``Tiimi A`` and ``tiimi-a``, ``Äänekoski`` and ``Aanekoski``), the form
    gets a short hash of the exact name (:func:`name_hash`), so no unit's
    report can replace another's.

    Parameters
    ----------
    units : list of str
        Every unit of the data set.

    Returns
    -------
    dict
        ``{unit: slug}``.

    Examples
    --------
    >>> unit_slugs(["Hallinto", "Tiimi A", "tiimi-a", "Отдел", "培训"])  # doctest: +NORMALIZE_WHITESPACE
    {'Hallinto': 'hallinto', 'Tiimi A': 'tiimi-a-706dc615', 'tiimi-a': 'tiimi-a-c8277186',
     'Отдел': 'db6883a6', '培训': '1a01ee7a'}
    """
    names = list(dict.fromkeys(str(u) for u in units))
    readable = {u: _readable_slug(u) for u in names}
    counts: dict[str, int] = {}
    for r in readable.values():
        counts[r] = counts.get(r, 0) + 1
    out = {}
    for u in names:
        r = readable[u]
        if not r:
            out[u] = name_hash(u)
        elif counts[r] > 1:
            out[u] = f"{r}-{name_hash(u)}"
        else:
            out[u] = r
    return out


def dataset_languages(folder: str | os.PathLike) -> list[str]:
    """Return the report languages a data set lists (``languages`` in ``dataset.toml``).

    Default ``["fi"]``; ``report all`` writes every report in each of them.

    Raises
    ------
    kalliola_analysis.errors.DataError
        ``languages`` is not a non-empty list of report languages, naming the file.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> dataset_languages(ka.demo_path("pulse")), dataset_languages(ka.demo_path("materiality"))
    (['fi', 'en'], ['fi'])
    """
    info = read_dataset_info(folder)
    langs = info.get("languages", ["fi"])
    if (
        not isinstance(langs, list)
        or not langs
        or any(not isinstance(x, str) or x not in LANGS for x in langs)
    ):
        raise DataError(
            f"languages must be a non-empty list of {list(LANGS)!r}, got {langs!r}",
            file=str(Path(folder) / DATASET_FILE),
            column="languages",
        )
    return list(dict.fromkeys(langs))


def reportable_units(folder: str | os.PathLike, *, min_n: int = 5) -> dict[str, list[str]]:
    """Return, for each period of a survey data set, the units a unit report may show.

    The library's one decision, :func:`~kalliola_analysis.reportable_units`,
    read for every period: a unit is reportable when the group-level decision
    shows it (not hidden for having fewer than ``min_n`` respondents, nor to
    protect a smaller group: a unit report beside the whole organisation
    would otherwise give the hidden group away by subtraction).

    Parameters
    ----------
    folder : path-like
        A survey data set folder.
    min_n : int, default 5
        Anonymity threshold.

    Returns
    -------
    dict
        ``{period: [unit, ...]}``, units sorted.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> units = reportable_units(ka.demo_path("pulse"))
    >>> "Hallinto" in units["2023-05"], "Hallinto" in units["2023-11"]
    (False, True)
    """
    survey = read_survey(Path(folder))
    out: dict[str, list[str]] = {}
    for period in survey.periods:
        table = decided(survey, period=period, min_n=min_n)
        out[str(period)] = sorted(table.loc[table["reportable"], "unit"].astype(str))
    return out


def register_report_type(report_type: ReportType) -> ReportType:
    """Add (or replace) a report type and return it.

    The runner then knows the kind: ``run_report(kind, ...)``, ``run_all``
    and the command line find its data sets (``kind`` in their
    ``dataset.toml``) and run its notebook.

    Parameters
    ----------
    report_type : ReportType
        The report type; one of the same ``kind`` is replaced.

    Returns
    -------
    ReportType
        ``report_type``, so the call can wrap its definition.

    Examples
    --------
    >>> pulse = REPORT_TYPES["pulse"]
    >>> register_report_type(pulse) is pulse
    True
    """
    REPORT_TYPES[report_type.kind] = report_type
    return report_type


def get_report_type(kind: str) -> ReportType:
    """Return the :class:`ReportType` of ``kind`` or raise :class:`ParameterError`."""
    if kind not in REPORT_TYPES:
        raise ParameterError(f"kind must be one of {sorted(REPORT_TYPES)!r}, got {kind!r}")
    return REPORT_TYPES[kind]


def find_reports(root: str | os.PathLike, kinds: list[str] | None = None) -> list[ReportInstance]:
    """List every (kind, data set, period) report the data under ``root`` holds.

    Data sets whose kind has no report type (e.g. ``indicators``) are skipped.

    Parameters
    ----------
    root : path-like
        A data set folder or a folder holding data sets (``data/processed``).
    kinds : list of str, optional
        Only these report kinds; default all.

    Returns
    -------
    list of ReportInstance
        In the order of the data set folders (sorted), then of the periods.

    Raises
    ------
    kalliola_analysis.errors.ParameterError
        ``root`` does not exist.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> [r.period for r in find_reports(ka.demo_path("pulse"))]
    ['2022-10', '2023-05', '2023-11']
    >>> [r.dataset.name for r in find_reports(ka.demo_path("feedback"), kinds=["feedback"])]
    ['digiperustaidot-2023', 'esihenkiloiden-seminaari-2023', 'kesapaivat-2023', 'kickoff-2023']
    """
    out = []
    for folder in find_datasets(root):
        kind = read_dataset_info(folder)["kind"]
        if kind not in REPORT_TYPES or (kinds is not None and kind not in kinds):
            continue
        for period in REPORT_TYPES[kind].instances(folder):
            out.append(ReportInstance(kind, folder, str(period)))
    return out


def find_notebooks_dir(notebooks_dir: str | os.PathLike | None = None) -> Path:
    """Locate the folder of the report notebooks, when called (never at import).

    Looks at ``notebooks_dir``, then ``$KALLIOLA_NOTEBOOKS``, then
    ``notebooks/`` in the current folder and its parents, then beside the
    package (a source checkout or editable install).

    Parameters
    ----------
    notebooks_dir : path-like, optional
        The folder to use; it must exist.

    Returns
    -------
    pathlib.Path
        The first folder that holds the pulse report notebook.

    Raises
    ------
    kalliola_analysis.errors.ParameterError
        ``notebooks_dir`` is not a folder, or no notebooks folder was found.

    Examples
    --------
    >>> (find_notebooks_dir() / "pulse_report.ipynb").is_file()
    True
    """
    if notebooks_dir is not None:
        path = Path(notebooks_dir)
        if not path.is_dir():
            raise ParameterError(f"notebooks_dir {str(path)!r} is not a folder")
        return path
    candidates = []
    env = os.environ.get("KALLIOLA_NOTEBOOKS")
    if env:
        candidates.append(Path(env))
    cwd = Path.cwd().resolve()
    candidates += [p / "notebooks" for p in (cwd, *cwd.parents)]
    from importlib.resources import files

    package_dir = Path(str(files("kalliola_analysis")))
    candidates.append(package_dir.parent / "notebooks")
    for c in candidates:
        if (c / REPORT_TYPES["pulse"].notebook).is_file():
            return c
    raise ParameterError(
        f"report notebooks not found; looked in {[str(c) for c in candidates]}. "
        "Set KALLIOLA_NOTEBOOKS to the notebooks/ folder of a kalliola_analysis checkout."
    )

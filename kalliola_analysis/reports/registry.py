"""Report types and where their notebooks and data are found.

A report type is one small record (:class:`ReportType`): its kind, the
notebook that renders it, and a function that lists the report instances a
data set holds. Adding a report type is one :func:`register_report_type` call
(or one entry in :data:`REPORT_TYPES`).

Data sets are folders holding a ``dataset.toml`` that names their ``kind``
(see the project's data folder convention); :func:`find_datasets` walks a
root folder for them.

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

import os
import re
import tomllib
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataError, FileFormatError, ParameterError

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
]

DATASET_FILE = "dataset.toml"


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

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> r = ReportInstance("pulse", ka.demo_path("pulse"), "2023-11")
    >>> r.kind, r.dataset.name, r.period
    ('pulse', 'pulse', '2023-11')
    """

    kind: str
    dataset: Path
    period: str


@dataclass(frozen=True)
class ReportType:
    """A kind of report: the notebook that renders it and how to find its periods.

    Parameters
    ----------
    kind : str
        The ``kind`` of the data sets it reports on (``dataset.toml``).
    notebook : str
        File name of its notebook in the notebooks folder.
    instances : callable
        ``instances(dataset_folder) -> list[str]``: the periods to report for
        one data set folder of this kind.
    per_dataset_name : bool
        True when each data set gets its own report name (feedback events:
        ``feedback-<slug>``); False for one report per period (``pulse``).
    units : callable or None
        ``units(dataset_folder) -> list[str]``: the units a report may be
        restricted to; ``None`` when the report has no unit option.

    See Also
    --------
    register_report_type : Make a report type known to the runner.

    Examples
    --------
    >>> pulse = REPORT_TYPES["pulse"]
    >>> pulse.notebook, pulse.per_dataset_name
    ('pulse_report.ipynb', False)
    >>> import kalliola_analysis as ka
    >>> pulse.instances(ka.demo_path("pulse"))
    ['2022-10', '2023-05', '2023-11']
    """

    kind: str
    notebook: str
    instances: Callable[[Path], list[str]]
    per_dataset_name: bool = False
    units: Callable[[Path], list[str]] | None = None


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


def _read_survey(folder: Path):
    from .. import readers

    return readers.read_survey(folder)


def survey_periods(folder: str | os.PathLike) -> list[str]:
    """Return the periods a survey data set holds, oldest first."""
    return list(_read_survey(Path(folder)).periods)


def survey_units(folder: str | os.PathLike) -> list[str]:
    """Return the units of a survey data set."""
    return [str(u) for u in _read_survey(Path(folder)).units]


#: Every report type, by kind. Other modules add theirs with :func:`register_report_type`.
REPORT_TYPES: dict[str, ReportType] = {}


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


register_report_type(ReportType("pulse", "pulse_report.ipynb", survey_periods, units=survey_units))
register_report_type(
    ReportType(
        "feedback",
        "feedback_report.ipynb",
        survey_periods,
        per_dataset_name=True,
        units=survey_units,
    )
)


def followup_rounds(folder: str | os.PathLike) -> list[str]:
    """Return the monitoring rounds of a follow-up data set, oldest first.

    Each round gets a report that compares it with the round before.
    """
    from .. import followup

    return followup.followup_rounds(Path(folder))


register_report_type(ReportType("followup", "followup_report.ipynb", followup_rounds))


def dataset_period(folder: str | os.PathLike) -> list[str]:
    """Return the one period of a single-survey data set: ``period`` in its ``dataset.toml``.

    A materiality analysis is one survey; its ``dataset.toml`` says when it
    was made (``period = "2023-10"``), and that is its only report.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> dataset_period(ka.demo_path("materiality"))
    ['2023-10']
    """
    from ..survey import parse_period

    period = parse_period(read_dataset_info(folder).get("period", ""))
    if period is None:
        raise DataError(
            'dataset.toml must set period = "YYYY-MM" (when the survey was made)',
            file=str(Path(folder) / DATASET_FILE),
            column="period",
        )
    return [period]


register_report_type(ReportType("materiality", "materiality_report.ipynb", dataset_period))


def get_report_type(kind: str) -> ReportType:
    """Return the :class:`ReportType` of ``kind`` or raise :class:`ParameterError`."""
    if kind not in REPORT_TYPES:
        raise ParameterError(f"kind must be one of {sorted(REPORT_TYPES)!r}, got {kind!r}")
    return REPORT_TYPES[kind]


def read_dataset_info(folder: str | os.PathLike) -> dict:
    """Read a data set folder's ``dataset.toml`` as a dict (``kind``, titles, ``slug``).

    Parameters
    ----------
    folder : path-like
        A data set folder (raw or processed).

    Returns
    -------
    dict
        The TOML's keys: ``kind`` always, ``title_fi``/``title_en`` and
        others when set; ``slug`` defaults to the folder name.

    Raises
    ------
    kalliola_analysis.errors.DataError
        No ``dataset.toml``, or one without a ``kind``
        (:class:`~kalliola_analysis.errors.FileFormatError` when it is not TOML).

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> read_dataset_info(ka.demo_path("pulse"))["kind"]
    'pulse'
    """
    folder = Path(folder)
    path = folder / DATASET_FILE
    if not path.is_file():
        raise DataError(f"no {DATASET_FILE} in this folder", file=str(folder))
    try:
        info = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise FileFormatError(f"not valid TOML: {exc}", file=str(path)) from exc
    if not isinstance(info.get("kind"), str):
        raise DataError('dataset.toml must set kind = "..."', file=str(path))
    info.setdefault("slug", folder.name)
    return info


def find_datasets(root: str | os.PathLike, kind: str | None = None) -> list[Path]:
    """Return every data set folder under ``root`` (``root`` itself included), sorted.

    Parameters
    ----------
    root : path
        A data set folder or a folder holding data sets (``data/processed``).
    kind : str, optional
        Only data sets of this kind.
    """
    root = Path(root)
    if not root.exists():
        raise ParameterError(f"data folder {str(root)!r} does not exist")
    found = sorted(p.parent for p in root.rglob(DATASET_FILE) if p.is_file())
    if kind is not None:
        found = [p for p in found if read_dataset_info(p)["kind"] == kind]
    return found


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

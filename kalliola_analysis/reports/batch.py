"""Run every report a data folder holds, in parallel processes.

Each Papermill run starts its own kernel and waits on it, so reports run in a
:class:`~concurrent.futures.ProcessPoolExecutor`. A failing report does not
stop the others; the failures are summarised in one :class:`ReportError`
raised at the end.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Any

from ..errors import KalliolaError, ParameterError, ReportError
from ..i18n.strings import t
from . import registry
from .params import resolve_dataset
from .runner import DEFAULT_MIN_N, ReportResult, run_report

__all__ = ["run_all", "run_reports", "expand_reports"]


_log = logging.getLogger(__name__)


def _run_one(instance: registry.ReportInstance, options: dict[str, Any]) -> ReportResult:
    # run_all has warned once about a lowered threshold; each report still carries its notice
    logging.getLogger("kalliola_analysis.reports.runner").setLevel(logging.ERROR)
    return run_report(
        instance.kind,
        data=instance.dataset,
        period=instance.period,
        unit=instance.unit,
        lang=instance.lang,
        dataset=None,
        **options,
    )


def expand_reports(
    instances: list[registry.ReportInstance],
    *,
    lang: str | None = None,
    min_n: int = 5,
    unit_reports: bool = True,
) -> tuple[list[registry.ReportInstance], list[str]]:
    """Return every report variant ``run_all`` writes for ``instances``, and the units skipped.

    Each (kind, data set, period) gets one report per language (``lang``, or
    every language its ``dataset.toml`` lists) and, for a report type with
    unit reports (pulse), one per unit and language for each unit the
    anonymity rules let be shown in that period
    (:func:`~kalliola_analysis.reports.registry.reportable_units`).

    Parameters
    ----------
    instances : list of ReportInstance
        What :func:`~kalliola_analysis.reports.find_reports` found.
    lang : {"fi", "en"}, optional
        One language for every report; default each data set's languages.
    min_n : int, default 5
        Anonymity threshold.
    unit_reports : bool, default True
        Add the unit reports.

    Returns
    -------
    tuple of (list of ReportInstance, list of str)
        The reports to run, and one note per unit report left out.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> found = ka.reports.find_reports(ka.demo_path("pulse"))[:2]
    >>> todo, skipped = expand_reports(found)
    >>> [(r.period, r.lang, r.unit) for r in todo][:3]
    [('2022-10', 'fi', None), ('2022-10', 'en', None), ('2022-10', 'fi', 'Kalliolan Klinikka')]
    >>> skipped[0]
    'pulse 2022-10: no unit report for Hallinto (fewer than 5 answers, or hidden to protect a smaller unit)'
    """
    from .._validation import check_min_n, check_option
    from ..i18n.strings import LANGS

    if lang is not None:
        check_option("lang", lang, LANGS)
    min_n = check_min_n(min_n)
    out: list[registry.ReportInstance] = []
    notes: list[str] = []
    shown_cache: dict[Path, dict[str, list[str]]] = {}
    for inst in instances:
        langs = [lang] if lang is not None else registry.dataset_languages(inst.dataset)
        out += [registry.ReportInstance(inst.kind, inst.dataset, inst.period, lg) for lg in langs]
        rtype = registry.get_report_type(inst.kind)
        if not (unit_reports and rtype.unit_reports and rtype.units is not None):
            continue
        if inst.dataset not in shown_cache:
            shown_cache[inst.dataset] = registry.reportable_units(inst.dataset, min_n=min_n)
        shown = set(shown_cache[inst.dataset].get(inst.period, []))
        for unit in rtype.units(inst.dataset):
            if unit not in shown:
                notes.append(
                    f"{inst.kind} {inst.period}: no unit report for {unit} (fewer than {min_n} "
                    "answers, or hidden to protect a smaller unit)"
                )
                continue
            out += [
                registry.ReportInstance(inst.kind, inst.dataset, inst.period, lg, unit)
                for lg in langs
            ]
    return out, notes


def run_all(
    data: str | os.PathLike,
    *,
    out: str | os.PathLike = "reports",
    jobs: int = 2,
    lang: str | None = None,
    min_n: int = 5,
    timeout: int = 600,
    notebooks_dir: str | os.PathLike | None = None,
    kinds: list[str] | None = None,
    progress: bool | None = None,
    unit_reports: bool = True,
    on_note: Callable[[str], None] | None = None,
    audit: bool = True,
) -> list[ReportResult]:
    """Produce every report (kind, data set, period, language, unit) found under ``data``.

    Every language a data set lists (``languages`` in its ``dataset.toml``,
    default Finnish) and, for pulse surveys, one report per unit and period
    for each unit the anonymity rules let be shown; the units left out are
    reported through ``on_note`` (see :func:`expand_reports`). Each variant
    has its own file name (:func:`~kalliola_analysis.reports.runner.report_name`).

    Parameters
    ----------
    data : path
        Root folder of the data sets (``data/processed``), walked for ``dataset.toml``.
    out : path-like, default "reports"
        Output root; each report goes to ``<out>/<period>/``.
    jobs : int, default 2
        Reports run at once (processes).
    lang : {"fi", "en"}, optional
        One report language for everything; default every language each
        data set lists.
    min_n : int, default 5
        Anonymity threshold; below 5 one warning is logged and every report
        carries a notice.
    timeout : int, default 600
        Seconds a notebook cell (or the kernel start) may take.
    notebooks_dir : path-like, optional
        Folder of the report notebooks (default: see
        :func:`~kalliola_analysis.reports.registry.find_notebooks_dir`).
    kinds : list of str, optional
        Only these report kinds.
    progress : bool, optional
        Show a progress bar on stderr; default only when stderr is a terminal.
    unit_reports : bool, default True
        Write the unit reports too.
    on_note : callable, optional
        Called with one line per unit report left out; default: logged at
        INFO level (logger ``kalliola_analysis.reports.batch``).
    audit : bool, default True
        Before anything is written, audit every survey data set of the run
        with :func:`~kalliola_analysis.survey.release_audit.check_release` (all periods, by
        unit and every background column).

    Returns
    -------
    list of ReportResult
        In the order the reports were found.

    Raises
    ------
    kalliola_analysis.errors.ReportError
        When any report failed, after all have run; its message lists every
        failure, ``.results`` holds the reports that succeeded and
        ``.failures`` the ``(ReportInstance, error)`` pairs.
    kalliola_analysis.errors.ParameterError
        A bad option or no data set with a report type, before any report runs.
    kalliola_analysis.errors.DisclosureError
        The published figures together would expose a hidden group; raised
        before any report runs or any file is written.

    See Also
    --------
    find_reports : The reports ``run_all`` would produce.

    Examples
    --------
    Every report of the demo pulse survey, one per period (a minute or so,
    so not run here):

    >>> import kalliola_analysis as ka
    >>> ka.reports.run_all(ka.demo_path("pulse"), out="reports")  # doctest: +SKIP
    [ReportResult(kind='pulse', period='2022-10', html=PosixPath('.../reports/2022-10/pulse.html'), ...), ReportResult(kind='pulse', period='2022-10', html=PosixPath('.../reports/2022-10/pulse.en.html'), ...), ...]

    Which reports those are, and the options checked before anything runs:

    >>> [(r.kind, r.period) for r in ka.reports.find_reports(ka.demo_path("pulse"))]
    [('pulse', '2022-10'), ('pulse', '2023-05'), ('pulse', '2023-11')]
    >>> ka.reports.run_all(ka.demo_path("pulse"), jobs=0)
    Traceback (most recent call last):
    ...
    kalliola_analysis.errors.ParameterError: jobs must be a whole number >= 1, got 0
    """
    from tqdm import tqdm

    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise ParameterError(f"jobs must be a whole number >= 1, got {jobs!r}")
    if kinds is not None:
        for k in kinds:
            registry.get_report_type(k)
    notebooks = registry.find_notebooks_dir(notebooks_dir)  # fail early, resolve once
    instances = registry.find_reports(data, kinds)
    if not instances:
        raise ParameterError(f"no data set with a report type found under {str(data)!r}")
    if audit:  # nothing is written when the release as a whole would expose a hidden group
        from ..survey.release_audit import check_release

        check_release(sorted({inst.dataset for inst in instances}), min_n=min_n)
    instances, notes = expand_reports(instances, lang=lang, min_n=min_n, unit_reports=unit_reports)
    for note in notes:
        (on_note or _log.info)(note)
    if min_n < DEFAULT_MIN_N:
        logging.getLogger("kalliola_analysis.reports.runner").warning(
            "report all: %s; every report is marked with a notice",
            t("report.min_n_warning", "en", min_n=min_n),
        )
    options = {
        "out": str(Path(out).resolve()),
        "min_n": min_n,
        "timeout": timeout,
        "notebooks_dir": str(notebooks.resolve()),
    }
    if progress is None:
        progress = sys.stderr.isatty()
    results: dict[int, ReportResult] = {}
    failures: list[tuple[registry.ReportInstance, BaseException]] = []
    bar = tqdm(total=len(instances), file=sys.stderr, disable=not progress, unit="report")
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=min(jobs, len(instances)), mp_context=ctx) as pool:
        futures = {pool.submit(_run_one, inst, options): i for i, inst in enumerate(instances)}
        for fut in as_completed(futures):
            i = futures[fut]
            try:
                results[i] = fut.result()
            except Exception as exc:  # one broken report must not stop the others
                failures.append((instances[i], exc))
            bar.update(1)
    bar.close()
    ordered = [results[i] for i in sorted(results)]
    if failures:
        lines = "\n".join(
            f"  - {inst.kind} {inst.period} {inst.lang}"
            f"{'' if inst.unit is None else ' unit ' + repr(inst.unit)} ({inst.dataset}): "
            f"{exc if isinstance(exc, KalliolaError) else f'{type(exc).__name__}: {exc}'}"
            for inst, exc in failures
        )
        err = ReportError(f"{len(failures)} of {len(instances)} reports failed:\n{lines}")
        err.results = ordered
        err.failures = failures
        raise err
    return ordered


def run_reports(
    kind: str,
    data: str | os.PathLike = "data/processed",
    *,
    dataset: str | None = None,
    period: str | None = None,
    compare_to: str | None = None,
    unit: str | None = None,
    lang: str = "fi",
    min_n: int = DEFAULT_MIN_N,
    out: str | os.PathLike = "reports",
    timeout: int = 600,
    notebooks_dir: str | os.PathLike | None = None,
) -> list[ReportResult]:
    """Run one kind's report for each of its data sets under ``data`` (``report <kind>``).

    Parameters
    ----------
    kind : str
        A report type (a key of :data:`~kalliola_analysis.reports.REPORT_TYPES`).
    data : path-like, default "data/processed"
        A data set folder or a folder holding data sets.
    dataset : str, optional
        One data set by its slug or folder; default every data set of ``kind``
        (with ``period``: those holding the period).
    period, compare_to, unit, lang, min_n, out, timeout, notebooks_dir
        As for :func:`~kalliola_analysis.reports.run_report`.

    Returns
    -------
    list of ReportResult
        One per data set, in the order of the folders.

    Raises
    ------
    kalliola_analysis.errors.ParameterError
        No data set of ``kind`` under ``data`` (holds ``period``).
    """
    folders = resolve_dataset(kind, data, dataset)
    if len(folders) > 1 and period is not None:
        # several data sets (feedback events): those holding the period
        instances = registry.get_report_type(kind).instances
        folders = [f for f in folders if period in instances(f)]
        if not folders:
            raise ParameterError(f"no {kind} data set under {data!r} holds period {period!r}")
    return [
        run_report(
            kind,
            data=folder,
            period=period,
            compare_to=compare_to,
            unit=unit,
            lang=lang,
            min_n=min_n,
            out=out,
            timeout=timeout,
            notebooks_dir=notebooks_dir,
        )
        for folder in folders
    ]

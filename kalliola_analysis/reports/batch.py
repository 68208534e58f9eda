"""Run every report a data folder holds, in parallel processes.

Each Papermill run starts its own kernel and waits on it, so reports run in a
:class:`~concurrent.futures.ProcessPoolExecutor`. A failing report does not
stop the others; the failures are summarised in one :class:`ReportError`
raised at the end.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Any

from ..errors import KalliolaError, ParameterError, ReportError
from . import registry
from .runner import ReportResult, run_report

__all__ = ["run_all"]


def _run_one(instance: registry.ReportInstance, options: dict[str, Any]) -> ReportResult:
    return run_report(
        instance.kind, data=instance.dataset, period=instance.period, dataset=None, **options
    )


def run_all(
    data: str | os.PathLike,
    *,
    out: str | os.PathLike = "reports",
    jobs: int = 2,
    lang: str = "fi",
    min_n: int = 5,
    timeout: int = 600,
    notebooks_dir: str | os.PathLike | None = None,
    kinds: list[str] | None = None,
    progress: bool | None = None,
    audit: bool = True,
) -> list[ReportResult]:
    """Produce every report (kind, data set, period) found under ``data``.

    Parameters
    ----------
    data : path
        Root folder of the data sets (``data/processed``), walked for ``dataset.toml``.
    out : path-like, default "reports"
        Output root; each report goes to ``<out>/<period>/``.
    jobs : int, default 2
        Reports run at once (processes).
    lang : {"fi", "en"}, default "fi"
        Report language.
    min_n : int, default 5
        Anonymity threshold.
    timeout : int, default 600
        Seconds a notebook cell (or the kernel start) may take.
    notebooks_dir : path-like, optional
        Folder of the report notebooks (default: see
        :func:`~kalliola_analysis.reports.registry.find_notebooks_dir`).
    kinds : list of str, optional
        Only these report kinds.
    progress : bool, optional
        Show a progress bar on stderr; default only when stderr is a terminal.
    audit : bool, default True
        Before anything is written, audit every survey data set of the run
        with :func:`~kalliola_analysis.audit.check_release` (all periods, by
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
    [ReportResult(kind='pulse', period='2022-10', ...), ReportResult(kind='pulse', period='2023-05', ...), ReportResult(kind='pulse', period='2023-11', ...)]

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
        from ..audit import check_release

        check_release(sorted({inst.dataset for inst in instances}), min_n=min_n)
    options = {
        "out": str(Path(out).resolve()),
        "lang": lang,
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
            f"  - {inst.kind} {inst.period} ({inst.dataset}): "
            f"{exc if isinstance(exc, KalliolaError) else f'{type(exc).__name__}: {exc}'}"
            for inst, exc in failures
        )
        err = ReportError(f"{len(failures)} of {len(instances)} reports failed:\n{lines}")
        err.results = ordered
        err.failures = failures
        raise err
    return ordered

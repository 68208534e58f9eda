"""Run one report: validate, execute the notebook with Papermill, export offline HTML.

Output of a report for ``period``, named by :func:`report_name` (``pulse``,
``pulse.en``, ``pulse.unit-hallinto``, ``pulse.compare-2022-10``,
``pulse.min-n-3``, ``feedback-<event>``, combined in that fixed order)::

    <out>/<period>/<name>.ipynb        the executed notebook (kept on failure too)
    <out>/<period>/<name>.html         the report (written only on success)
    <out>/<period>/<name>-tables/      every table the report shows: <table>.csv (as
                                       shown, for Excel), <table>.xlsx, <table>.data.csv

Each variant has its own name, so no report overwrites another. An earlier
HTML of the same report is removed before the notebook runs, and the new one
is written atomically, so a failed run never leaves an old report looking
fresh. A threshold ``min_n`` below 5 is logged as a warning and shown as a
banner at the top of the report.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ParameterError, ReportError
from ..i18n.strings import t
from . import registry
from .export import notebook_to_html, write_html
from .params import (
    check_parameters,
    notebook_parameters,
    resolve_dataset,
    resolve_report_parameters,
)

__all__ = ["ReportResult", "execute_notebook", "report_name", "run_report"]

KERNEL_NAME = "python3"
#: The anonymity threshold of the anonymity rules; a lower one is warned about and marked.
DEFAULT_MIN_N = 5
_log = logging.getLogger(__name__)


@dataclass
class ReportResult:
    """What one report run produced: :func:`run_report` returns it.

    Parameters
    ----------
    kind : str
        The report type.
    period : str
        The report's period, ``YYYY-MM``.
    notebook : pathlib.Path
        The executed notebook.
    html : pathlib.Path
        The offline HTML report.
    tables : list of pathlib.Path
        The CSV and XLSX files of the tables the report shows.
    dataset : pathlib.Path
        The data set folder the report read.
    parameters : dict
        The parameters passed to the notebook.

    Examples
    --------
    >>> from pathlib import Path
    >>> r = ReportResult(
    ...     "pulse", "2023-11", Path("reports/2023-11/pulse.ipynb"), Path("reports/2023-11/pulse.html")
    ... )
    >>> r.html.name, r.tables, r.parameters
    ('pulse.html', [], {})
    """

    kind: str
    period: str
    notebook: Path
    html: Path
    tables: list[Path] = field(default_factory=list)
    dataset: Path | None = None
    parameters: dict[str, Any] = field(default_factory=dict)


def report_name(
    kind: str,
    dataset: str | os.PathLike,
    unit: str | None = None,
    *,
    lang: str = "fi",
    compare_to: str | None = None,
    min_n: int = DEFAULT_MIN_N,
    units: list[str] | None = None,
) -> str:
    """Return the file name stem of a report: one name per report variant.

    The base name (``pulse``; ``feedback-<data set>`` for a report type with
    one report per data set), then in this fixed order: ``.unit-<slug>`` for
    a unit report, ``.compare-<period>`` for a comparison period other than
    the default, ``.min-n-<n>`` for a threshold other than 5, and
    ``.<lang>`` for a language other than Finnish. Unit slugs are unique
    within the data set (:func:`~kalliola_analysis.reports.registry.unit_slugs`).

    Parameters
    ----------
    kind : str
        The report type.
    dataset : path-like
        The data set folder.
    unit : str, optional
        The unit of a unit report.
    lang : {"fi", "en"}, default "fi"
        The report language.
    compare_to : str, optional
        The period compared with, when not the default (the period before).
    min_n : int, default 5
        The anonymity threshold.
    units : list of str, optional
        Every unit of the data set (read from the data set when ``None``).

    Returns
    -------
    str
        The stem: the report is ``<stem>.html``.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> pulse = ka.demo_path("pulse")
    >>> report_name("pulse", pulse), report_name("pulse", pulse, lang="en")
    ('pulse', 'pulse.en')
    >>> report_name("pulse", pulse, unit="Kalliolan Klinikka", compare_to="2022-10", min_n=3, lang="en")
    'pulse.unit-kalliolan-klinikka.compare-2022-10.min-n-3.en'
    >>> report_name("pulse", pulse, unit="tiimi-a", units=["Tiimi A", "tiimi-a"])
    'pulse.unit-tiimi-a-c8277186'
    """
    rtype = registry.get_report_type(kind)
    name = kind
    if rtype.per_dataset_name:
        name += "-" + registry.slugify(registry.read_dataset_info(dataset)["slug"])
    if unit is not None:
        if units is None:
            units = rtype.units(Path(dataset)) if rtype.units is not None else []
        slugs = registry.unit_slugs([*units, unit])
        name += ".unit-" + slugs[str(unit)]
    if compare_to is not None:
        name += f".compare-{registry.slugify(compare_to)}"
    if min_n != DEFAULT_MIN_N:
        name += f".min-n-{int(min_n)}"
    if lang != "fi":
        name += f".{registry.slugify(lang)}"
    return name


def _first_line(source: str) -> str:
    for line in str(source).splitlines():
        if line.strip():
            return line.strip()[:120]
    return ""


def _running_cell(notebook: Path) -> tuple[int | None, str]:
    """Index and first source line of the last cell that started, in a saved notebook."""
    import nbformat

    try:
        nb = nbformat.read(str(notebook), as_version=4)
    except (OSError, ValueError):
        return None, ""
    started = [
        i
        for i, cell in enumerate(nb.cells)
        if cell.get("metadata", {}).get("papermill", {}).get("start_time")
    ]
    if not started:
        return None, ""
    return started[-1], _first_line(nb.cells[started[-1]].source)


def _kernel_config(tmpdir: str):
    """Kernel manager settings: encrypted transport, so the kernel logs no warning.

    CurveZMQ keys when pyzmq has them, else a local IPC socket in ``tmpdir``.
    """
    import zmq
    from traitlets.config import Config

    if zmq.has("curve"):
        return Config({"KernelManager": {"transport_encryption": "auto"}})
    return Config({"KernelManager": {"transport": "ipc", "ip": os.path.join(tmpdir, "k")}})


def _kernel_manager_class():
    """A kernel manager that shuts the kernel down by request, without SIGINT first.

    jupyter_client interrupts a kernel before asking it to shut down; an
    ipykernel still finishing its last message then logs "KeyboardInterrupt
    caught in kernel." on stderr, a false alarm in every scheduled run. A
    kernel that does not stop on request is still terminated and killed
    after ``shutdown_wait_time``.
    """
    from jupyter_client.manager import AsyncKernelManager

    class _RequestShutdownKernelManager(AsyncKernelManager):
        async def _async_interrupt_kernel(self) -> None:
            if self.shutting_down:
                return
            await super()._async_interrupt_kernel()

    return _RequestShutdownKernelManager


def execute_notebook(
    notebook: str | os.PathLike,
    output: str | os.PathLike,
    parameters: dict[str, Any],
    *,
    timeout: int = 600,
    cwd: str | os.PathLike | None = None,
) -> Path:
    """Execute a notebook with Papermill, turning every failure into :class:`ReportError`.

    ``parameters`` must already be checked (:func:`check_parameters`). Each cell
    may run ``timeout`` seconds; the kernel must start within ``timeout`` too.
    The executed notebook is written to ``output`` whether or not it fails.

    Raises
    ------
    kalliola_analysis.errors.ReportError
        Naming the failing cell (index in the executed notebook and its first
        source line) and the exception, or the time-out.
    """
    import papermill
    from jupyter_client.kernelspec import NoSuchKernel
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
    from papermill.exceptions import PapermillExecutionError

    # absolute: papermill saves the notebook while it runs in ``cwd``
    notebook, output = Path(notebook).resolve(), Path(output).resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    tmpdir = tempfile.mkdtemp(prefix="ka-kernel-")
    try:
        papermill.execute_notebook(
            str(notebook),
            str(output),
            parameters=parameters,
            kernel_name=KERNEL_NAME,
            progress_bar=False,
            log_output=False,
            start_timeout=timeout,
            execution_timeout=timeout,
            cwd=str(cwd) if cwd is not None else None,
            config=_kernel_config(tmpdir),
            kernel_manager_class=_kernel_manager_class(),
        )
    except PapermillExecutionError as exc:
        raise ReportError(
            f"{notebook.name}: cell {exc.cell_index} ({_first_line(exc.source)!r}) raised "
            f"{exc.ename}: {exc.evalue}; the executed notebook is kept at {output}",
            notebook=str(output),
            cell=exc.cell_index,
        ) from None
    except (CellTimeoutError, TimeoutError) as exc:
        index, line = _running_cell(output)
        where = f"cell {index} ({line!r})" if index is not None else "kernel start"
        raise ReportError(
            f"{notebook.name}: {where} did not finish within {timeout} s ({exc.__class__.__name__}); "
            f"the executed notebook is kept at {output}",
            notebook=str(output),
            cell=index,
        ) from None
    except NoSuchKernel:
        raise ReportError(
            f"{notebook.name}: no Jupyter kernel named {KERNEL_NAME!r}; install one into this "
            "environment with: python -m ipykernel install --sys-prefix",
            notebook=str(output),
        ) from None
    except DeadKernelError as exc:
        index, line = _running_cell(output)
        raise ReportError(
            f"{notebook.name}: the kernel died in cell {index} ({line!r}): {exc}; "
            f"the executed notebook is kept at {output}",
            notebook=str(output),
            cell=index,
        ) from None
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)
    return output


def run_report(
    kind: str,
    *,
    data: str | os.PathLike,
    period: str | None = None,
    compare_to: str | None = None,
    unit: str | None = None,
    lang: str = "fi",
    min_n: int = 5,
    out: str | os.PathLike = "reports",
    timeout: int = 600,
    notebooks_dir: str | os.PathLike | None = None,
    dataset: str | os.PathLike | None = None,
) -> ReportResult:
    """Produce one report as an executed notebook, offline HTML and table files.

    Parameters
    ----------
    kind : str
        A registered report type: ``"pulse"``, ``"feedback"``, ...
    data : path
        A data set folder, or a folder holding data sets (``data/processed``);
        then exactly one data set of ``kind`` must match (see ``dataset``).
    period : str, optional
        ``YYYY-MM``; default the latest period of the data.
    compare_to : str, optional
        An earlier period to compare with; default the period before ``period``.
    unit : str, optional
        Report on one unit only; it must be shown in the period under the
        anonymity rules (:func:`~kalliola_analysis.reports.registry.reportable_units`).
    lang : {"fi", "en"}, default "fi"
        Report language.
    min_n : int, default 5
        Anonymity threshold. Below 5 a warning is logged and the report
        carries a notice at the top.
    out : path, default "reports"
        Output root; the report goes to ``<out>/<period>/``.
    timeout : int, default 600
        Seconds a cell (or the kernel start) may take.
    notebooks_dir : path, optional
        Folder of the report notebooks (default: see
        :func:`~kalliola_analysis.reports.registry.find_notebooks_dir`).
    dataset : str or path, optional
        Slug or folder of the data set to use when ``data`` holds several.

    Returns
    -------
    ReportResult
        The paths of the executed notebook, the HTML report and the table
        files, and the parameters the notebook ran with.

    Raises
    ------
    kalliola_analysis.errors.ParameterError
        A bad option, checked before any notebook runs.
    kalliola_analysis.errors.ReportError
        The notebook failed or timed out; the executed notebook is kept.

    See Also
    --------
    run_all : Every report a data folder holds.

    Examples
    --------
    The pulse report of 11/2023 from the demo data (some seconds, so not run
    here):

    >>> import kalliola_analysis as ka
    >>> ka.reports.run_report("pulse", data=ka.demo_path("pulse"), period="2023-11", out="reports")  # doctest: +SKIP
    ReportResult(kind='pulse', period='2023-11', notebook=PosixPath('.../reports/2023-11/pulse.ipynb'), html=PosixPath('.../reports/2023-11/pulse.html'), tables=[PosixPath('.../reports/2023-11/pulse-tables/headline-figures.csv'), PosixPath('.../reports/2023-11/pulse-tables/headline-figures.data.csv'), ...], dataset=PosixPath('.../data/raw/pulse'), parameters={'data_path': '.../data/raw/pulse', 'period': '2023-11', ...})

    A bad option fails before any notebook runs:

    >>> ka.reports.run_report("pulse", data=ka.demo_path("pulse"), period="2030-01")
    Traceback (most recent call last):
    ...
    kalliola_analysis.errors.ParameterError: period '2030-01' is not in the data; the data holds ['2022-10', '2023-05', '2023-11']
    """
    rtype = registry.get_report_type(kind)
    if isinstance(timeout, bool) or not isinstance(timeout, int) or timeout < 1:
        raise ParameterError(f"timeout must be a whole number of seconds >= 1, got {timeout!r}")
    folders = resolve_dataset(kind, data, dataset)
    if len(folders) > 1:
        slugs = [registry.read_dataset_info(p)["slug"] for p in folders]
        raise ParameterError(
            f"{str(data)!r} holds {len(folders)} {kind} data sets; choose one with dataset=: {slugs!r}"
        )
    folder = folders[0]
    params = resolve_report_parameters(
        kind, folder, period=period, compare_to=compare_to, unit=unit, lang=lang, min_n=min_n
    )
    notebook = registry.find_notebooks_dir(notebooks_dir) / rtype.notebook
    chosen_compare = None
    if compare_to is not None:
        periods = sorted(str(p) for p in rtype.instances(folder))
        earlier = [p for p in periods if p < params["period"]]
        if not earlier or compare_to != earlier[-1]:
            chosen_compare = compare_to  # not the default: the name says so
    name = report_name(
        kind,
        folder,
        unit,
        lang=params["lang"],
        compare_to=chosen_compare,
        min_n=params["min_n"],
    )
    notice = None
    if params["min_n"] < DEFAULT_MIN_N:
        notice = t("report.min_n_notice", params["lang"], min_n=params["min_n"])
        _log.warning(
            "%s %s: %s; the report is marked with a notice",
            name,
            params["period"],
            t("report.min_n_warning", "en", min_n=params["min_n"]),
        )
    target = Path(out).resolve() / params["period"]
    tables_dir = target / f"{name}-tables"
    params["output_dir"] = str(tables_dir.resolve())
    declared = notebook_parameters(notebook)
    # Options a notebook has no use for may be left out of it, when the caller left them
    # unset (a feedback survey of two periods gets a default compare_to it does not declare).
    given = {"compare_to": compare_to, "unit": unit}
    params = {
        k: v
        for k, v in params.items()
        if k in declared or (v is not None and given.get(k, v) is not None)
    }
    params = check_parameters(params, declared)

    html_path = target / f"{name}.html"
    executed = target / f"{name}.ipynb"
    target.mkdir(parents=True, exist_ok=True)
    html_path.unlink(missing_ok=True)  # never leave an old report looking fresh
    if tables_dir.is_dir():
        shutil.rmtree(tables_dir)
    execute_notebook(notebook, executed, params, timeout=timeout, cwd=target)
    try:
        html = notebook_to_html(executed, lang=params["lang"], notice=notice)
    except Exception as exc:  # nbconvert raises many types; report them as one
        raise ReportError(
            f"{executed.name}: HTML export failed: {exc.__class__.__name__}: {exc}",
            notebook=str(executed),
        ) from exc
    write_html(html, html_path)
    tables = sorted(tables_dir.glob("*")) if tables_dir.is_dir() else []
    return ReportResult(
        kind=kind,
        period=params["period"],
        notebook=executed,
        html=html_path,
        tables=tables,
        dataset=folder,
        parameters=params,
    )

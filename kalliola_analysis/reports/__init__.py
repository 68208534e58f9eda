"""Per-period reports: parameterised notebooks executed by Papermill into offline HTML.

``run_report`` produces one report, ``run_all`` every report a data folder
holds (:func:`find_reports` lists them first); the ``show_*`` functions,
:func:`rows_for` and :func:`read_dataset_info` are what the report notebooks
call. A new kind of report is one :func:`register_report_type` call.

The building blocks stay importable from their modules
(``kalliola_analysis.reports.html_tables.table_html``,
``kalliola_analysis.reports.export.notebook_to_html``, ...).
"""

from .display import (
    rows_for,
    setup_notebook,
    show_figure,
    show_heading,
    show_table,
    show_text,
)
from .provenance import data_checksum, show_provenance
from .registry import (
    REPORT_TYPES,
    ReportInstance,
    ReportType,
    find_reports,
    read_dataset_info,
    register_report_type,
)

# The runner pulls in papermill and nbformat (whose jsonschema import alone
# takes about a second); a report notebook's kernel only needs the display
# helpers, so the runner is imported when first used (PEP 562).
_LAZY = {"run_all": ".batch", "run_report": ".runner", "ReportResult": ".runner"}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


__all__ = [
    "REPORT_TYPES",
    "ReportInstance",
    "ReportResult",
    "ReportType",
    "data_checksum",
    "find_reports",
    "read_dataset_info",
    "register_report_type",
    "rows_for",
    "run_all",
    "run_report",
    "setup_notebook",
    "show_figure",
    "show_heading",
    "show_provenance",
    "show_table",
    "show_text",
]

"""Per-period reports: parameterised notebooks executed by Papermill into offline HTML.

``run_report`` produces one report, ``run_all`` every report a data folder
holds; the ``show_*`` functions are what the report notebooks call.
"""

from .batch import run_all
from .display import (
    rows_for,
    setup_notebook,
    show_figure,
    show_heading,
    show_table,
    show_text,
    table_html,
)
from .export import notebook_to_html
from .provenance import data_checksum, provenance, show_provenance
from .registry import (
    REPORT_TYPES,
    ReportInstance,
    ReportType,
    find_notebooks_dir,
    find_reports,
    read_dataset_info,
    register_report_type,
)
from .runner import ReportResult, run_report

__all__ = [
    "REPORT_TYPES",
    "ReportInstance",
    "ReportResult",
    "ReportType",
    "data_checksum",
    "find_notebooks_dir",
    "find_reports",
    "notebook_to_html",
    "provenance",
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
    "table_html",
]

"""Survey and pulse analysis for staff surveys, feedback, materiality and follow-up.

``import kalliola_analysis as ka`` gives the public API: readers that validate
and type real exports (:func:`read_survey`), analysis functions that return
tidy DataFrames and never reveal a group smaller than the anonymity threshold
(:func:`likert_summary`, :func:`enps`, :func:`response_rates`,
:func:`compare_periods`), figures, and the report runner.
"""

from . import reports
from ._counts import answer_counts
from ._version import __version__
from .audit import audit_release, audit_tables
from .codebook import DONT_KNOW_LABELS, QUESTION_TYPES, favourable_options
from .comments import comment_groups, comments_html, free_text
from .compare import compare_groups, compare_periods
from .datasets import demo_path, load_demo
from .drivers import driver_analysis, focus_areas, format_focus_areas, relative_weights
from .errors import (
    DataError,
    DisclosureError,
    KalliolaError,
    ParameterError,
    ReportError,
    ValidationError,
)
from .findings import key_findings
from .followup import (
    followup_changes,
    followup_open_measures,
    followup_status,
    followup_transitions,
    read_followup,
)
from .formatting import format_change, format_number, format_p, format_percent, format_period
from .i18n import t
from .indicators import indicator_status, pulse_indicators, read_indicators
from .likert import likert_summary
from .materiality import (
    Materiality,
    describe_agreement,
    describe_weightings,
    format_agreement,
    format_group_priorities,
    format_participation,
    format_priorities,
    format_weightings,
    kendall_w,
    materiality_agreement,
    materiality_group_priorities,
    materiality_methods,
    materiality_participation,
    materiality_priorities,
    materiality_weightings,
    prepare_materiality,
    read_materiality,
)
from .nps import enps
from .plots import (
    plot_heatmap,
    plot_likert,
    plot_materiality,
    plot_nps_distribution,
    plot_response_rates,
    plot_trend,
    plot_unit_difference,
)
from .prepare import prepare_all
from .privacy import NOT_STATED, hidden_cells, suppress
from .readers import find_responses, read_survey, read_table
from .reliability import cronbach_alpha, format_reliability, reliability
from .response_rates import response_rates
from .survey import Survey
from .tables import (
    check_unit_report,
    format_headline_figures,
    format_statement_table,
    headline_figures,
    methods_note,
    reportable_units,
    statement_labels,
    statement_table,
    unit_and_organisation,
    unit_heatmap_table,
)
from .themes import format_theme_scores, read_indices, theme_items, theme_scores
from .unit_comparison import format_unit_vs_organisation, unit_vs_organisation

__all__ = [
    "__version__",
    "reports",
    "DONT_KNOW_LABELS",
    "QUESTION_TYPES",
    "DataError",
    "KalliolaError",
    "ParameterError",
    "ReportError",
    "Survey",
    "ValidationError",
    "demo_path",
    "load_demo",
    "answer_counts",
    "compare_groups",
    "compare_periods",
    "enps",
    "likert_summary",
    "Materiality",
    "describe_agreement",
    "describe_weightings",
    "format_agreement",
    "format_group_priorities",
    "format_participation",
    "format_priorities",
    "format_weightings",
    "kendall_w",
    "materiality_agreement",
    "materiality_group_priorities",
    "materiality_methods",
    "materiality_participation",
    "materiality_priorities",
    "materiality_weightings",
    "prepare_materiality",
    "read_materiality",
    "response_rates",
    "suppress",
    "hidden_cells",
    "NOT_STATED",
    "read_survey",
    "read_table",
    "find_responses",
    "prepare_all",
    "comments_html",
    "free_text",
    "comment_groups",
    "format_change",
    "format_number",
    "format_p",
    "format_percent",
    "format_period",
    "t",
    "plot_heatmap",
    "plot_likert",
    "plot_materiality",
    "plot_nps_distribution",
    "plot_response_rates",
    "plot_trend",
    "format_headline_figures",
    "format_statement_table",
    "headline_figures",
    "methods_note",
    "statement_labels",
    "statement_table",
    "unit_heatmap_table",
    "reportable_units",
    "check_unit_report",
    "unit_and_organisation",
    "read_followup",
    "followup_status",
    "followup_changes",
    "followup_transitions",
    "followup_open_measures",
    "read_indicators",
    "indicator_status",
    "favourable_options",
    "pulse_indicators",
    "key_findings",
    "theme_scores",
    "theme_items",
    "format_theme_scores",
    "read_indices",
    "unit_vs_organisation",
    "format_unit_vs_organisation",
    "plot_unit_difference",
    "driver_analysis",
    "focus_areas",
    "format_focus_areas",
    "relative_weights",
    "reliability",
    "cronbach_alpha",
    "format_reliability",
    "audit_tables",
    "audit_release",
    "DisclosureError",
]

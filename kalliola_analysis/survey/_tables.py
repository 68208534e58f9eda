"""What the report tables share: checking a unit and reading a reason.

The report-table modules (:mod:`.statement_tables`, :mod:`.headline_tables`,
:mod:`.unit_tables`, :mod:`.unit_reports`, :mod:`.methods`) and the key
findings only select, label and format what the analysis functions return;
these are the small steps they share. Rows are picked with
:func:`kalliola_analysis._frames.select_rows` (as ``kr.rows_for`` does), periods
are checked with
:func:`kalliola_analysis.periods.check_period` and
:func:`kalliola_analysis.periods.previous_period`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import ParameterError
from .data import Survey

__all__: list[str] = []  # shared by the report-table modules, not part of the user API

#: The ``suppressed`` value of a question left out of a period.
NOT_ASKED = "not asked"
#: Why a unit without a single response gets no report.
NO_RESPONSES = "no responses"


def check_unit(value, survey: Survey) -> str | None:
    """Return ``value`` as one of the survey's units (``None`` stays ``None``), else raise.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> check_unit("Hallinto", ka.load_demo("pulse")), check_unit(None, ka.load_demo("pulse"))
    ('Hallinto', None)
    """
    if value is None:
        return None
    if str(value) not in survey.units:
        raise ParameterError(f"unit must be one of {survey.units!r}, got {value!r}")
    return str(value)


def reason_of(value) -> str | None:
    """Return a ``suppressed`` cell as text, or ``None`` when the figure is shown.

    Examples
    --------
    >>> import pandas as pd
    >>> reason_of("fewer than 5 answers"), reason_of(pd.NA), reason_of("")
    ('fewer than 5 answers', None, None)
    """
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None
    return str(value) if str(value) else None

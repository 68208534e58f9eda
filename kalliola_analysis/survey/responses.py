"""Responses per group, as the release decision shows them."""

from __future__ import annotations

import pandas as pd

from .data import Survey
from .disclosure import hidden_cells

__all__: list[str] = []  # the report tables' helper; users call hidden_cells or response_rates


def response_counts(survey: Survey, *, by: list[str], min_n: int) -> pd.DataFrame:
    """Return the responses per group of ``by`` (``responded``), hidden by the release decision.

    Read from :func:`~kalliola_analysis.hidden_cells` (the group-level
    decision every analysis function shares), never recounted and re-decided;
    for a survey without invitations, where :func:`response_rates` has
    nothing to divide by.

    Parameters
    ----------
    survey : Survey
        The survey.
    by : list of str
        Grouping columns (``["period"]``, ``["period", "unit"]``).
    min_n : int
        Anonymity threshold.

    Returns
    -------
    pandas.DataFrame
        The ``by`` columns, ``responded`` (float, NaN where hidden) and
        ``suppressed`` (why, or ``<NA>``).

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> fb = ka.load_demo("feedback/digiperustaidot-2023")
    >>> response_counts(fb, by=["period"], min_n=5).values.tolist()
    [['2023-12', 36.0, <NA>]]
    """
    cells = hidden_cells(survey, by=by, min_n=min_n)
    out = cells[[*by]].copy()
    out["responded"] = cells["n"].astype("Float64").astype("float64")
    out["suppressed"] = cells["reason"].astype("string")
    return out

"""Which units may get a unit report in a period, and the check a report notebook makes first."""

from __future__ import annotations

import pandas as pd

from .._frames import select_rows
from .._validation import check_min_n
from ..errors import ParameterError
from ..formatting import format_period
from ..periods import check_period
from ._tables import NO_RESPONSES, check_unit, reason_of
from .data import Survey
from .responses import response_counts

__all__ = ["reportable_units", "check_unit_report"]


def reportable_units(survey: Survey, *, period: str, min_n: int = 5) -> pd.DataFrame:
    """List the units of a period and whether each may get a unit report.

    A unit report shows the unit's own figures, so a unit whose respondents
    are hidden in ``period`` (fewer than ``min_n``, or hidden to protect a
    smaller unit: the group-level decision of :func:`hidden_cells` by period
    and unit, which every table by period and unit shares) gets no report
    for that period: its report would undo the protection.

    Parameters
    ----------
    survey : Survey
        The survey.
    period : str
        The report's period (``"2023-05"`` or ``"5/2023"``).
    min_n : int, default 5
        Anonymity threshold.

    Returns
    -------
    pandas.DataFrame
        One row per unit of the survey, in the survey's unit order: ``unit``
        (string), ``respondents`` (``Int64``, ``<NA>`` where hidden),
        ``reportable`` (bool) and ``reason`` (why not: ``"fewer than 5
        answers"``, ``"hidden to protect a smaller group"``, ``"no
        responses"``; ``<NA>`` when reportable).

    See Also
    --------
    check_unit_report : Raise a clear error for a unit that may not be reported.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> r = ka.reportable_units(ka.load_demo("pulse"), period="2023-05")
    >>> r[~r["reportable"]][["unit", "reason"]].values.tolist()
    [['Hallinto', 'fewer than 5 answers'], ['Järjestötoiminta', 'hidden to protect a smaller group']]
    >>> bool(ka.reportable_units(ka.load_demo("pulse"), period="2023-11")["reportable"].all())
    True
    """
    min_n = check_min_n(min_n)
    period = check_period(period, survey.periods, "period")
    counts = select_rows(response_counts(survey, by=["period", "unit"], min_n=min_n), period=period)
    found = {
        str(u): (n, reason_of(r))
        for u, n, r in zip(counts["unit"], counts["responded"], counts["suppressed"], strict=True)
    }
    rows = []
    for u in survey.units:
        n, reason = found.get(u, (pd.NA, NO_RESPONSES))
        if reason is None and (pd.isna(n) or int(n) == 0):
            reason = NO_RESPONSES
        rows.append({"unit": u, "respondents": n, "reportable": reason is None, "reason": reason})
    out = pd.DataFrame(rows, columns=["unit", "respondents", "reportable", "reason"])
    out["unit"] = out["unit"].astype("string")
    resp = pd.to_numeric(out["respondents"].astype(object), errors="coerce")
    out["respondents"] = pd.array(resp.round(), dtype="Float64").astype("Int64")
    out.loc[~out["reportable"], "respondents"] = pd.NA
    out["reportable"] = out["reportable"].astype(bool)
    out["reason"] = out["reason"].astype("string")
    return out


def check_unit_report(survey: Survey, *, period: str, unit: str | None, min_n: int = 5) -> None:
    """Raise an error when ``unit`` may not get a report for ``period``.

    Report notebooks call this first, so a unit report for a unit hidden in
    the period (see :func:`reportable_units`) fails with a clear message
    instead of publishing what the organisation's report hides.

    Parameters
    ----------
    survey : Survey
        The survey.
    period : str
        The report's period.
    unit : str or None
        The unit of the report; ``None`` (the whole organisation) always passes.
    min_n : int, default 5
        Anonymity threshold.

    Raises
    ------
    kalliola_analysis.errors.ParameterError
        An unknown unit or period, or a unit hidden in ``period``; the message
        names the unit, the period and why.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> pulse = ka.load_demo("pulse")
    >>> ka.check_unit_report(pulse, period="2023-11", unit="Hallinto")
    >>> ka.check_unit_report(pulse, period="2023-05", unit="Hallinto")
    Traceback (most recent call last):
    ...
    kalliola_analysis.errors.ParameterError: no unit report for 'Hallinto' in 5/2023: ...
    """
    if unit is None:
        return
    unit = check_unit(unit, survey)
    period = check_period(period, survey.periods, "period")
    units = reportable_units(survey, period=period, min_n=min_n).set_index("unit")
    if not bool(units.loc[unit, "reportable"]):
        raise ParameterError(
            f"no unit report for {unit!r} in {format_period(period)}: the unit is hidden in "
            f"that period ({units.loc[unit, 'reason']}, anonymity threshold {min_n}), so a "
            "report of it would show what the organisation's report hides; the units that "
            "can be reported are "
            f"{[str(u) for u in units.index[units['reportable'].to_numpy()]]!r}"
        )

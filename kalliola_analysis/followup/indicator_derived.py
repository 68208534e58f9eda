"""Strategy indicators derived from a survey: the ``derive`` column of an indicators file.

An indicator may be computed from the pulse survey instead of typed in:
``pulse:enps``, ``pulse:response_rate``, ``pulse:favourable:<question>`` or
``pulse:mean:<question>``; :func:`pulse_indicators` computes the values, as
the pulse report prints them.

Examples
--------
>>> parse_derive("pulse:favourable:meaningful_work")
('pulse', 'favourable', 'meaningful_work')
>>> parse_derive("pulse:median") is None
True
"""

from __future__ import annotations

import pandas as pd

from .._validation import check_min_n
from ..errors import ParameterError
from ..formatting import as_decimal, round_half_up

__all__ = ["pulse_indicators", "DERIVED_FIGURES"]


def parse_derive(text: str) -> tuple[str, str, str | None] | None:
    """Split a derive spec: ``"pulse:favourable:q"`` -> ``("pulse", "favourable", "q")``; None if malformed."""
    parts = [p.strip() for p in str(text).split(":")]
    if len(parts) == 2 and parts[0] and parts[1] in ("enps", "response_rate"):
        return parts[0], parts[1], None
    if len(parts) == 3 and parts[0] and parts[1] in ("favourable", "mean") and parts[2]:
        return parts[0], parts[1], parts[2]
    return None


#: The figures an indicator can be derived from (the ``derive`` column), with the
#: decimals its value keeps: as the pulse report prints it.
DERIVED_FIGURES = {"enps": 1, "response_rate": 0, "favourable": 0, "mean": 1}


def pulse_indicators(survey, derive: dict[str, str], *, min_n: int = 5) -> pd.DataFrame:
    """Compute indicator values from a survey, one per indicator and survey period.

    Parameters
    ----------
    survey : Survey
        The survey (usually the pulse).
    derive : dict of str to str
        ``{indicator id: spec}``; a spec is ``"<folder>:<figure>"`` with figure
        ``enps`` (the employer NPS), ``response_rate`` (per cent),
        ``favourable:<question>`` (per cent favourable of a Likert statement,
        see :func:`~kalliola_analysis.survey.codebook.favourable_options`) or
        ``mean:<question>``. The folder part names where
        :func:`read_indicators` finds the survey; it is not used here.
    min_n : int, default 5
        Anonymity threshold: the figures come from :func:`enps`,
        :func:`response_rates` and :func:`likert_summary` by period, which
        hide a figure of fewer than ``min_n`` answers.

    Returns
    -------
    pandas.DataFrame
        ``id``, ``period`` (the survey period, ``"2023-11"``), ``value``
        (Float64: rounded as the report prints it -- eNPS and means to one
        decimal, percentages to whole per cent, half up; ``<NA>`` when hidden)
        and ``suppressed`` (why hidden, or ``<NA>``). A statement not asked in
        a period gives no row for it.

    Raises
    ------
    kalliola_analysis.errors.ParameterError
        A malformed spec, or a question the survey does not have.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> pulse = ka.load_demo("pulse")
    >>> v = ka.pulse_indicators(pulse, {"nps": "pulse:enps", "rate": "pulse:response_rate",
    ...                                 "meaning": "pulse:favourable:meaningful_work"})
    >>> v[v["period"] == "2023-11"][["id", "value"]].values.tolist()
    [['nps', 22.0], ['rate', 81.0], ['meaning', 90.0]]
    """
    from ..survey.likert import likert_summary
    from ..survey.nps import enps
    from ..survey.response_rates import response_rates

    min_n = check_min_n(min_n)
    rows = []
    for iid, spec in derive.items():
        parsed = parse_derive(spec)
        if parsed is None:
            raise ParameterError(
                f"derive[{iid!r}] must be '<folder>:<figure>' with figure 'enps', "
                f"'response_rate', 'favourable:<question>' or 'mean:<question>', got {spec!r}"
            )
        _, figure, question = parsed
        if figure == "enps":
            table, column, scale = enps(survey, by="period", min_n=min_n), "enps", 1.0
        elif figure == "response_rate":
            table, column, scale = response_rates(survey, by="period", min_n=min_n), "rate", 100.0
        else:
            table = likert_summary(survey, by="period", questions=question, min_n=min_n)
            column, scale = ("favourable", 100.0) if figure == "favourable" else ("mean", 1.0)
        for rec in table.itertuples(index=False):
            reason = getattr(rec, "suppressed", None)
            reason = None if reason is None or pd.isna(reason) else str(reason)
            if reason == "not asked":
                continue
            raw = getattr(rec, column)
            value = (
                None
                if pd.isna(raw)
                else float(round_half_up(as_decimal(float(raw) * scale, "value"), DERIVED_FIGURES[figure]))
            )
            rows.append(
                {"id": iid, "period": str(rec.period), "value": value, "suppressed": reason}
            )
    out = pd.DataFrame(rows, columns=["id", "period", "value", "suppressed"])
    out["id"] = out["id"].astype("string")
    out["period"] = out["period"].astype("string")
    out["value"] = pd.array(
        [None if v is None else v for v in out["value"].astype(object)], dtype="Float64"
    )
    out["suppressed"] = out["suppressed"].astype("string")
    return out

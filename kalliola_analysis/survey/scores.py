"""Respondent-level scores: scored answers and theme scores per respondent.

Theme scores (:mod:`.themes`), driver analysis (:mod:`.drivers`), reliability
(:mod:`.reliability`) and the unit comparison (:mod:`.unit_comparison`) work on
respondent rows rather than answer counts; they read them here, with the
argument checks they share.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..errors import ParameterError

__all__ = ["scale_of", "scored_answers", "check_min_items", "check_ci", "respondent_scores"]


def scale_of(survey, question: str) -> tuple[int, int]:
    """The scale minimum and maximum of ``question`` in the survey's codebook."""
    cb = survey.codebook.set_index("question")
    return int(cb.at[question, "scale_min"]), int(cb.at[question, "scale_max"])


def scored_answers(survey, questions: Sequence[str]) -> pd.DataFrame:
    """Respondent-level scored answers (float, NaN missing), reverse-keyed items reversed."""
    cb = survey.codebook.set_index("question")
    out = {}
    for q in questions:
        x = survey.responses[q].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
        if bool(cb.at[q, "reverse"]):
            lo, hi = scale_of(survey, q)
            x = lo + hi - x
        out[q] = x
    return pd.DataFrame(out, index=survey.responses.index)


def check_min_items(min_items: float) -> float:
    """``min_items`` checked: the fraction of a theme's items a respondent must answer."""
    if (
        isinstance(min_items, bool)
        or not isinstance(min_items, int | float)
        or not 0 < min_items <= 1
    ):
        raise ParameterError(f"min_items must be a fraction in (0, 1], got {min_items!r}")
    return float(min_items)


def check_ci(ci: float) -> float:
    """``ci`` checked: a confidence level strictly between 0 and 1."""
    if isinstance(ci, bool) or not isinstance(ci, int | float) or not 0 < ci < 1:
        raise ParameterError(f"ci must be a confidence level between 0 and 1, got {ci!r}")
    return float(ci)


def respondent_scores(survey, items: dict[str, list[str]], min_items: float) -> pd.DataFrame:
    """One column per theme: the respondent's theme score, NaN when too few items answered."""
    out = {}
    for name, qs in items.items():
        answers = scored_answers(survey, qs)
        answered = answers.notna().sum(axis=1)
        need = math.ceil(min_items * len(qs) - 1e-9)
        out[name] = answers.mean(axis=1).where(answered >= need)
    return pd.DataFrame(out, index=survey.responses.index)
